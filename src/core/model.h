/* model.h: eala's domain objects (DESIGN.md §2) and their validation.
 *
 * Plain structs, no I/O. Strings are owned by the struct (NULL when absent)
 * and freed by the type's *_clear(); ids are 0 until the store assigns one.
 * Codes are checked against the code lists of codelist.h. Validation appends
 * one error per problem to an errlist, with the file and line given by the
 * caller (NULL/0 for records that do not come from a file), and returns the
 * number of problems it found.
 */
#ifndef EALA_MODEL_H
#define EALA_MODEL_H

#include "eala.h"

#include <stdint.h>

#define EALA_NO_VALUE INT64_MIN  /* an integer field left empty */

/* Where a record comes from, for error messages. */
struct origin {
	const char *file;
	long line;
};

struct authority {
	int64_t id;
	char *name;
	struct strv other_names;
	char *country;        /* ISO 3166-1 alpha-2 */
	char *level;          /* authority-level code */
	char *official_code;  /* COG code for France, or another official code */
	int64_t population;   /* EALA_NO_VALUE when unknown */
	int has_coords;
	double lat, lng;      /* WGS84 degrees when has_coords */
	int64_t parent_id;    /* 0: none */
	int overseas;         /* French overseas authority */
	char *source;         /* where the record comes from */
	char *illustrative;   /* fields whose values are invented, comma separated, or "all" */
	char *notes;
	int draft;            /* 1: a draft, read by signed-in users only; 0: published */
};

struct organisation {
	int64_t id;
	char *name;
	char *iati_type;      /* IATI OrganisationType code */
	char *subtype;        /* organisation-subtype code */
	char *country;
	int64_t authority_id; /* home authority where it is based, 0: none */
	char *source;
	char *illustrative;
	char *notes;
	int draft;            /* 1: a draft, read by signed-in users only; 0: published */
};

/* A local actor's link abroad (the territorial diagnostic): an organisation of
 * the territory linked to a country, there to a partner authority or to a
 * place named in words. A draft when its organisation is. */
struct stakeholder_link {
	int64_t id;
	int64_t organisation_id;      /* the local actor */
	char *country;                /* ISO 3166-1 alpha-2, where the link goes */
	int64_t partner_authority_id; /* the authority there, 0: none or not recorded */
	char *place;                  /* a place named in words, when no authority */
	char *domain;                 /* action-domain code, NULL: not said */
	char *kind;                   /* stakeholder-link-kind code */
	char *since;                  /* YYYY or YYYY-MM-DD, NULL: unknown */
	char *source;
	char *illustrative;
	char *notes;
};

struct network_membership {
	int64_t id;
	int64_t authority_id;
	int64_t network_id;   /* an organisation of subtype city_network */
	char *role;           /* network-role code */
	char *start_date, *end_date;
	char *source;
	char *illustrative;
};

struct partnership {
	int64_t id;
	char *name;
	char *kind;           /* partnership-kind code */
	char *status;         /* partnership-status code */
	char *status_date, *status_reason;
	char *start_date, *end_date;
	char *agreement_signed;   /* NULL: no signed convention (one-off) */
	char *agreement_expires, *agreement_renewed;
	char *deliberation_ref, *deliberation_date;
	char *source;         /* "declared", or "import:FILE" */
	char *illustrative;
	char *notes;
	int draft;            /* 1: a draft, read by signed-in users only; 0: published */
	int64_t *members;     /* authority ids, home first */
	size_t n_members;
	int name_derived;     /* the name only joins the members' names ("A – B"): the
			       * store searches it through the authorities' names */
};

struct participant {
	int64_t organisation_id;  /* one of these two is set */
	int64_t authority_id;
	char *role;               /* IATI OrganisationRole code */
};

struct action {
	int64_t id;
	char *title;
	char *description;
	int64_t partnership_id;   /* 0: standalone */
	int64_t authority_id;     /* lead authority */
	char *type;               /* action-type code */
	char *status;             /* IATI ActivityStatus code */
	char *start_date, *end_date;
	struct strv domains;      /* action-domain codes */
	struct strv sectors;      /* DAC 5-digit codes */
	struct strv sdgs;         /* goal numbers */
	struct strv countries;    /* where it happens */
	struct participant *participants;
	size_t n_participants;
	char *departments;
	char *elected_officials;
	int citizen_participation;
	char *eapd_category;  /* eapd-category code: where its amounts go in the yearly ODA declaration; NULL: not set */
	char *source;
	char *illustrative;
	char *notes;
	int draft;            /* 1: a draft, read by signed-in users only; 0: published */
};

struct financing {
	int64_t id;
	int64_t action_id;
	char *source;          /* funding-source code */
	int year;
	int has_planned, has_actual;
	double planned, actual;
	char *currency;        /* ISO 4217 */
	char *report_date;     /* a grant received: when its report was sent to the funder; NULL: not yet */
	char *illustrative;
};

struct budget_year {
	int64_t authority_id;
	int year;
	double total, international, water, waste, mobility;  /* < 0: unknown */
	char *illustrative;
};

struct strategy_priority {
	char *type;            /* "country" or "domain" */
	char *code;
	double target_share;   /* 0..1, < 0 when none */
};

struct strategy {
	int64_t id;
	int64_t authority_id;
	char *title;
	int start_year, end_year;
	struct strategy_priority *priorities;
	size_t n_priorities;
	char *source;
	char *illustrative;
};

struct indicator_period {
	char *start, *end;
	int has_target, has_actual;
	double target, actual;
};

struct indicator {
	int64_t id;
	char *title;
	char *unit;
	char *measure;         /* IATI IndicatorMeasure code */
	int ascending;
	int cumulative;
	int has_baseline;
	double baseline;
	char *baseline_date;
	struct indicator_period *periods;
	size_t n_periods;
};

struct expected_impact {
	int64_t id;
	int64_t partnership_id;
	int64_t action_id;     /* 0: none */
	char *category;        /* impact-category code */
	char *side;            /* territory-side code */
	char *description;
	struct indicator *indicators;
	size_t n_indicators;
	char *source;
	char *illustrative;
};

struct observed_outcome {
	int64_t id;
	int64_t partnership_id;
	int64_t action_id;
	int64_t expected_id;   /* 0: unexpected */
	char *category;
	char *side;
	char *reported_by;     /* "home" or "partner" */
	char *description;
	char *date;
	char *evidence_url;
	int64_t evidence_document;  /* a document uploaded as evidence; 0: none */
	char *reporter;        /* the login of who reported it (set by the server) */
	int unexpected;
	char *source;
	char *illustrative;
};

/* A file uploaded as the evidence of an observed outcome. */
struct document {
	int64_t id;
	char *name;            /* the file's name as uploaded, without folders */
	char *media_type;      /* "application/pdf" */
	unsigned char *content;
	size_t size;
	char *sha256;          /* hex */
	char *uploaded_by;     /* login */
	char *uploaded_at;     /* ISO 8601 UTC, set by the store */
};

struct practice_adoption {
	int64_t authority_id;
	char *date;
};

struct practice {
	int64_t id;
	char *name;
	char *description;
	struct practice_adoption *adoptions;
	size_t n_adoptions;
	char *source;
	char *illustrative;
};

struct partner_call {
	int64_t id;
	int64_t authority_id;
	char *title;
	struct strv countries;
	struct strv domains;
	char *profile;
	char *deadline;
	char *status;          /* partner-call-status code */
	char *illustrative;
};

struct user {
	int64_t id;
	char *login;
	char *name;
	char *password_hash;   /* libsodium Argon2id string */
};

struct role {
	int64_t user_id;
	char *role;            /* admin, coordinator, editor, partner_contributor, viewer */
	int64_t authority_id;  /* scope, 0 for global roles */
};

struct audit_event {
	int64_t id;
	char *at;              /* ISO 8601 UTC */
	char *actor;           /* login, or "cli" */
	char *operation;       /* create, update, delete, import */
	char *kind;            /* authority, partnership, ... */
	int64_t record_id;
	char *before, *after;  /* JSON text, or NULL */
};

void authority_clear(struct authority *a);
void organisation_clear(struct organisation *o);
void network_membership_clear(struct network_membership *m);
void stakeholder_link_clear(struct stakeholder_link *l);
void partnership_clear(struct partnership *p);
void action_clear(struct action *a);
void financing_clear(struct financing *f);
void budget_year_clear(struct budget_year *b);
void strategy_clear(struct strategy *s);
void indicator_clear(struct indicator *ind);
void expected_impact_clear(struct expected_impact *e);
void observed_outcome_clear(struct observed_outcome *o);
void document_clear(struct document *d);
void practice_clear(struct practice *p);
void partner_call_clear(struct partner_call *c);
void user_clear(struct user *u);
void role_clear(struct role *r);
void audit_event_clear(struct audit_event *e);

/* Append a member / participant (copies). */
int partnership_add_member(struct partnership *p, int64_t authority_id);
int action_add_participant(struct action *a, int64_t organisation_id, int64_t authority_id,
			   const char *role);

/* Validation: one error per problem, appended to el; returns how many. References
 * to other records (ids) are the store's business, not checked here. */
int authority_validate(const struct authority *a, const struct origin *o, struct errlist *el);
int organisation_validate(const struct organisation *g, const struct origin *o, struct errlist *el);
int stakeholder_link_validate(const struct stakeholder_link *l, const struct origin *o,
			       struct errlist *el);
int network_membership_validate(const struct network_membership *m, const struct origin *o,
				struct errlist *el);
int partnership_validate(const struct partnership *p, const struct origin *o, struct errlist *el);
int action_validate(const struct action *a, const struct origin *o, struct errlist *el);
int financing_validate(const struct financing *f, const struct origin *o, struct errlist *el);
int budget_year_validate(const struct budget_year *b, const struct origin *o, struct errlist *el);
int strategy_validate(const struct strategy *s, const struct origin *o, struct errlist *el);
int expected_impact_validate(const struct expected_impact *e, const struct origin *o,
			     struct errlist *el);
int observed_outcome_validate(const struct observed_outcome *x, const struct origin *o,
			      struct errlist *el);
int practice_validate(const struct practice *p, const struct origin *o, struct errlist *el);
int partner_call_validate(const struct partner_call *c, const struct origin *o, struct errlist *el);

/* Field checks, reusable by importers. Each returns 1 when valid. */
int date_valid(const char *s);             /* YYYY-MM-DD, a real calendar date */
int year_valid(int y);                     /* 1900..2100 */
int country_code_valid(const char *s);     /* in CL_COUNTRY */
int url_valid(const char *s);              /* http:// or https:// with a host */

#endif
