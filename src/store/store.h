/* store.h: the one interface through which eala reads and writes its records.
 *
 * Nothing outside src/store knows a database exists. Today the store is
 * SQLite (store_sqlite.c); PostgreSQL will sit behind the same functions.
 *
 * Ownership: arguments are borrowed. Records filled by *_get() belong to the
 * caller, who clears them with the model's *_clear(). Records handed to a
 * callback are borrowed for the duration of the call only. Error text goes
 * to *errmsg (may be NULL), which the caller frees.
 *
 * Writes: each *_insert() is one statement group; wrap many of them in
 * store_begin()/store_commit() to make them one transaction (all or nothing).
 * Inserting a record whose id is non-zero keeps that id (import of an export).
 */
#ifndef EALA_STORE_H
#define EALA_STORE_H

#include "../core/model.h"

#include <stdint.h>

struct store;

/* The schema version this eala writes and reads. */
int store_schema_version(void);

/* Open the database at uri (a file path). create: make the file when absent.
 * Sets WAL, foreign keys and a busy timeout. */
int store_open(const char *uri, int create, struct store **out, char **errmsg);
void store_close(struct store *st);

/* Create the schema or migrate it to store_schema_version().
 * [out] from, to: the versions before and after (from 0: new database).
 * EALA_EVERSION when the database comes from a newer eala. */
int store_init(struct store *st, int *from, int *to, char **errmsg);

/* EALA_OK when the database is at the current version; EALA_EVERSION with a
 * message saying what to do (run 'eala init', or upgrade eala) otherwise. */
int store_check(struct store *st, char **errmsg);

/* ---- durability: backup and restore, while a server reads and writes ----
 * A PostgreSQL store will give these its own meaning (pg_dump, pg_restore). */

/* Copy the whole database to path (a new SQLite file) as it is at one
 * instant, without stopping writers: written to path.tmp, synced, then
 * renamed. EALA_ECONFLICT when path exists and force is 0. */
int store_backup(struct store *st, const char *path, int force, char **errmsg);

/* Replace every record of the database by those of the backup at path, in
 * one transaction that open connections (a running server) see whole.
 * path must be an eala database at this schema whose integrity check passes
 * (EALA_EINVAL, EALA_EVERSION otherwise, nothing changed). Every login session
 * ends; the generation number goes above both databases'. The live database
 * may be empty (a new file); another program's database is refused. */
int store_restore(struct store *st, const char *path, char **errmsg);

int store_begin(struct store *st);
/* On failure the transaction is rolled back and store_error() says why. */
int store_commit(struct store *st);
void store_rollback(struct store *st);
/* Why the last store_begin() or store_commit() failed ("" when it did not). */
const char *store_error(struct store *st);
/* A number every committed store_begin()/store_commit() transaction raises,
 * whichever process made it: equal numbers mean the same data. Writes made
 * outside such a transaction (sessions) do not raise it. */
int store_generation(struct store *st, int64_t *out);

/* Filters shared by every list; unset fields (NULL, 0) do not filter. */
struct store_filter {
	const char *q;          /* words, accent- and case-insensitive, prefix match */
	const char *country;    /* ISO alpha-2 */
	int64_t authority_id;   /* records of, or linked to, this authority */
	const char *kind;       /* authority level, organisation subtype, partnership kind, action type */
	const char *status;     /* partnership status or action status */
	const char *domain;     /* action domain */
	int year;               /* active during that year (partnerships, actions) */
	int64_t partnership_id; /* actions of this partnership */
	int64_t after_id;       /* cursor: only ids greater than this */
	int limit;              /* at most this many (0: all) */
	int public_only;        /* leave drafts out (what anonymous visitors read) */
};

/* Callbacks return 0 to go on, non-zero to stop (that value is returned). */
typedef int (*store_authority_fn)(void *ctx, const struct authority *a);
typedef int (*store_organisation_fn)(void *ctx, const struct organisation *o);
typedef int (*store_partnership_fn)(void *ctx, const struct partnership *p);
typedef int (*store_action_fn)(void *ctx, const struct action *a);
typedef int (*store_membership_fn)(void *ctx, const struct network_membership *m);
typedef int (*store_financing_fn)(void *ctx, const struct financing *f);
typedef int (*store_budget_year_fn)(void *ctx, const struct budget_year *b);
typedef int (*store_strategy_fn)(void *ctx, const struct strategy *s);
typedef int (*store_expected_fn)(void *ctx, const struct expected_impact *e);
typedef int (*store_outcome_fn)(void *ctx, const struct observed_outcome *o);
typedef int (*store_practice_fn)(void *ctx, const struct practice *p);
typedef int (*store_partner_call_fn)(void *ctx, const struct partner_call *c);

/* ---- authorities ---- */

/* Insert a (validated) authority, its main name and other names; sets a->id. */
int store_authority_insert(struct store *st, struct authority *a, char **errmsg);
/* Replace every field of authority a->id (its names too). When its
 * coordinates change, the old ones are kept as another geocode of it. */
int store_authority_update(struct store *st, const struct authority *a, char **errmsg);
/* Record one more spelling of an authority's name (no-op when known). */
int store_authority_add_name(struct store *st, int64_t id, const char *name, char **errmsg);
/* Set coordinates on an authority that has none. */
int store_authority_set_coords(struct store *st, int64_t id, double lat, double lng, char **errmsg);
int store_authority_get(struct store *st, int64_t id, struct authority *out);
int store_authority_exists(struct store *st, int64_t id);
/* Authorities matching f, by id; [out] total: how many match without limit/cursor (may be NULL). */
int store_authority_list(struct store *st, const struct store_filter *f, store_authority_fn fn,
			 void *ctx, int64_t *total, char **errmsg);
/* Find by country and official code; EALA_ENOTFOUND when none. */
int store_authority_find_code(struct store *st, const char *country, const char *code, int64_t *id);

/* One known spelling of an authority, for name resolution (src/io/twincity.c). */
struct store_name_entry {
	int64_t authority_id;
	const char *country;
	const char *name;
	int is_main;            /* the authority's main name */
	int has_coords;
	double lat, lng;
	int other_place;        /* lat, lng are coordinates another source gave
				 * for this authority (authority_geocode) */
};
typedef int (*store_name_fn)(void *ctx, const struct store_name_entry *e);
int store_authority_names_each(struct store *st, store_name_fn fn, void *ctx, char **errmsg);

/* ---- organisations ---- */
int store_organisation_insert(struct store *st, struct organisation *o, char **errmsg);
int store_organisation_update(struct store *st, const struct organisation *o, char **errmsg);
int store_organisation_get(struct store *st, int64_t id, struct organisation *out);
int store_organisation_exists(struct store *st, int64_t id);
int store_organisation_list(struct store *st, const struct store_filter *f,
			    store_organisation_fn fn, void *ctx, int64_t *total, char **errmsg);

/* ---- partnerships ---- */
/* Insert; EALA_ECONFLICT when a partnership of the same kind between the same
 * authorities exists, with p->id set to that one. */
int store_partnership_insert(struct store *st, struct partnership *p, char **errmsg);
int store_partnership_update(struct store *st, const struct partnership *p, char **errmsg);
int store_partnership_get(struct store *st, int64_t id, struct partnership *out);
int store_partnership_exists(struct store *st, int64_t id);
int store_partnership_list(struct store *st, const struct store_filter *f,
			   store_partnership_fn fn, void *ctx, int64_t *total, char **errmsg);

/* ---- actions ---- */
int store_action_insert(struct store *st, struct action *a, char **errmsg);
int store_action_update(struct store *st, const struct action *a, char **errmsg);
int store_action_get(struct store *st, int64_t id, struct action *out);
int store_action_exists(struct store *st, int64_t id);
int store_action_list(struct store *st, const struct store_filter *f, store_action_fn fn,
		      void *ctx, int64_t *total, char **errmsg);

/* ---- the rest of the model: insert, and walk (0 for 'all') ---- */
int store_membership_insert(struct store *st, struct network_membership *m, char **errmsg);
int store_membership_each(struct store *st, int64_t authority_id, int64_t network_id,
			  store_membership_fn fn, void *ctx, char **errmsg);
int store_membership_get(struct store *st, int64_t id, struct network_membership *out);
int store_membership_update(struct store *st, const struct network_membership *m, char **errmsg);
int store_membership_delete(struct store *st, int64_t id, char **errmsg);
int store_financing_insert(struct store *st, struct financing *f, char **errmsg);
int store_financing_each(struct store *st, int64_t action_id, store_financing_fn fn, void *ctx,
			 char **errmsg);
/* Insert or replace the figures of (authority, year). */
int store_budget_year_put(struct store *st, const struct budget_year *b, char **errmsg);
int store_budget_year_each(struct store *st, int64_t authority_id, store_budget_year_fn fn,
			   void *ctx, char **errmsg);
int store_strategy_insert(struct store *st, struct strategy *s, char **errmsg);
int store_strategy_each(struct store *st, int64_t authority_id, store_strategy_fn fn, void *ctx,
			char **errmsg);
/* ---- the results chain (sqlite_results.c) ---- */
/* Which results to read; 0 leaves a field out. authority_id: the results of
 * the partnerships it is a member of and of the actions it leads or that
 * belong to those partnerships. public_only leaves out the results of draft
 * partnerships and draft actions. */
struct results_filter {
	int64_t partnership_id, action_id, authority_id;
	int public_only;
};
/* Inserts the indicators and their periods too. */
int store_expected_impact_insert(struct store *st, struct expected_impact *e, char **errmsg);
int store_expected_impact_list(struct store *st, const struct results_filter *f, store_expected_fn fn,
			       void *ctx, char **errmsg);
/* partnership_id 0: all. */
int store_expected_impact_each(struct store *st, int64_t partnership_id, int public_only,
			       store_expected_fn fn, void *ctx, char **errmsg);
/* With its indicators and their periods; EALA_ENOTFOUND. */
int store_expected_impact_get(struct store *st, int64_t id, struct expected_impact *out);
/* The impact's fields; its indicators: those with the id of one of its
 * indicators are updated in place (their periods replaced), the others
 * added (ids set), and its indicators not listed removed. */
int store_expected_impact_update(struct store *st, struct expected_impact *e, char **errmsg);
/* With its indicators; outcomes linked to it stay, linked to nothing. */
int store_expected_impact_delete(struct store *st, int64_t id, char **errmsg);
int store_observed_outcome_insert(struct store *st, struct observed_outcome *o, char **errmsg);
int store_observed_outcome_list(struct store *st, const struct results_filter *f, store_outcome_fn fn,
				void *ctx, char **errmsg);
int store_observed_outcome_each(struct store *st, int64_t partnership_id, int public_only,
				store_outcome_fn fn, void *ctx, char **errmsg);
int store_observed_outcome_get(struct store *st, int64_t id, struct observed_outcome *out);
/* Update and delete remove the document the outcome cited when no outcome
 * cites it any more. */
int store_observed_outcome_update(struct store *st, const struct observed_outcome *o, char **errmsg);
int store_observed_outcome_delete(struct store *st, int64_t id, char **errmsg);
/* A document (d->content, d->size, name, media type, sha256, uploader);
 * sets d->id and d->uploaded_at. Cite it from an outcome in the same
 * transaction. */
int store_document_insert(struct store *st, struct document *d, char **errmsg);
/* with_content 0: the description only. EALA_ENOTFOUND. */
int store_document_get(struct store *st, int64_t id, int with_content, struct document *out);
/* The first outcome citing the document; EALA_ENOTFOUND when none does. */
int store_document_owner(struct store *st, int64_t id, struct observed_outcome *out);
/* Whether the record of kind ("authority", "organisation", "partnership",
 * "action": the audit log's names) and id is a draft: one indexed read.
 * EALA_ENOTFOUND when there is no such record, EALA_EINVAL for another kind. */
int store_is_draft(struct store *st, const char *kind, int64_t id, int *draft);
/* The latest year, not after until, in which a published action of the
 * authority (as the action list reads "of this authority") started or has
 * financing; *year 0 when there is none. For the annual report's default. */
int store_authority_last_year(struct store *st, int64_t authority_id, int until, int *year,
			      char **errmsg);
int store_practice_insert(struct store *st, struct practice *p, char **errmsg);
int store_practice_each(struct store *st, store_practice_fn fn, void *ctx, char **errmsg);
/* The practice with this id, or this exact name, with its adoptions (dated
 * ones first, by date); EALA_ENOTFOUND. */
int store_practice_get(struct store *st, int64_t id, struct practice *out);
int store_practice_find_name(struct store *st, const char *name, struct practice *out);
/* Record that authority_id adopted the practice on date (may be NULL), or
 * correct the date of an adoption already recorded. */
int store_practice_adopt(struct store *st, int64_t practice_id, int64_t authority_id, const char *date,
			 char **errmsg);

/* ---- the network analysis (sqlite_network.c) ---- */
/* Every member of every partnership, as (partnership, authority), by
 * partnership; public_only leaves out draft partnerships. Draft authorities
 * are the caller's to drop: store_authority_labels_each() with public_only
 * does not list them. */
typedef int (*store_member_pair_fn)(void *ctx, int64_t partnership_id, int64_t authority_id);
int store_partnership_members_each(struct store *st, int public_only, store_member_pair_fn fn, void *ctx,
				   char **errmsg);
/* Every authority's id, name and country (borrowed for the call), by id. */
typedef int (*store_label_fn)(void *ctx, int64_t id, const char *name, const char *country);
int store_authority_labels_each(struct store *st, int public_only, store_label_fn fn, void *ctx, char **errmsg);
int store_partner_call_insert(struct store *st, struct partner_call *c, char **errmsg);
int store_partner_call_each(struct store *st, int64_t authority_id, store_partner_call_fn fn,
			    void *ctx, char **errmsg);

/* ---- bulk reads for the analyses (sqlite_analysis.c) ---- */
/* Which portfolio to read: authority_id 0 for every authority; year 0 for
 * every year; reference_year: the year activity is judged up to. */
struct store_portfolio_query {
	int64_t authority_id;
	int year;
	int reference_year;
	int public_only;
};
/* One action led by the authority, its financing in euros summed (actual,
 * else planned) over the year (or every year). Strings are borrowed for the
 * call; years are 0 when unknown. */
struct store_portfolio_action {
	int64_t id, partnership_id;   /* 0: standalone */
	const char *type;
	const char *kind;             /* its partnership's kind, NULL when standalone */
	const char *countries;        /* '|' separated ISO codes, or NULL */
	const char *domains;          /* '|' separated action-domain codes, or NULL */
	double budget;
	int financed_in_year;         /* a financing row of the year */
	int first_year;               /* its first financing year */
	int last_year;                /* its last financing year up to the reference year */
	int start_year, end_year;
};
typedef int (*store_portfolio_action_fn)(void *ctx, const struct store_portfolio_action *a);
int store_portfolio_actions(struct store *st, const struct store_portfolio_query *q,
			    store_portfolio_action_fn fn, void *ctx, char **errmsg);
/* One partnership the authority is a member of (every one when 0), by id. */
struct store_portfolio_partnership {
	int64_t id;
	const char *name, *kind, *status;
	int start_year, end_year;     /* 0: unknown */
};
typedef int (*store_portfolio_partnership_fn)(void *ctx, const struct store_portfolio_partnership *p);
int store_portfolio_partnerships(struct store *st, const struct store_portfolio_query *q,
				 store_portfolio_partnership_fn fn, void *ctx, char **errmsg);
/* ---- trends (sqlite_trends.c): yearly aggregates for the observatory ---- */
enum store_trend {
	STORE_TREND_STARTED,       /* partnerships by start year; key: kind, countries: partner countries */
	STORE_TREND_ENDED,         /* partnerships of status ended, by the year of their status date,
				    * else of their end date; key and countries as above */
	STORE_TREND_AGREEMENTS,    /* partnerships by the year their agreement was signed */
	STORE_TREND_ACTIONS,       /* actions by start year; key: their domains ('|' joined);
				    * n_oneoff: of which outside any partnership */
	STORE_TREND_FINANCING,     /* financing rows by year; key: funding source, currency; sums */
	STORE_TREND_ORGANISATIONS, /* organisations by the year of the first action they take part
				    * in (from every year up to 'to', 'from' ignored); key: subtype */
};
/* One group of records (strings borrowed for the call). */
struct store_trend_row {
	int year;
	const char *key;        /* kind, domains, funding source or subtype; may be NULL */
	const char *countries;  /* STARTED, ENDED: the partners' countries other than the
				 * home's, sorted, '|' joined; NULL when none */
	const char *currency;   /* FINANCING */
	int64_t n;              /* how many records */
	int64_t n_oneoff;       /* ACTIONS */
	double planned, actual; /* FINANCING: the sums (absent figures count 0) */
};
typedef int (*store_trend_fn)(void *ctx, const struct store_trend_row *r);
/* The groups of one aggregate for the years from..to; public_only leaves
 * drafts out (the financing of draft actions, organisations seen only in
 * draft actions). EALA_EINVAL for an unknown aggregate or from > to. */
int store_trend_each(struct store *st, enum store_trend t, int from, int to, int public_only,
		     store_trend_fn fn, void *ctx, char **errmsg);

/* ---- local actors' links abroad (sqlite_links.c) ---- */
/* Which links to read; 0 leaves a field out. authority_id: the links of the
 * organisations based in the authority or in an authority whose parent it
 * is. public_only leaves out the links of draft organisations. */
struct store_link_query {
	int64_t organisation_id;
	int64_t authority_id;
	int public_only;
};
typedef int (*store_stakeholder_link_fn)(void *ctx, const struct stakeholder_link *l);
int store_stakeholder_link_insert(struct store *st, struct stakeholder_link *l, char **errmsg);
/* EALA_ENOTFOUND when there is no link l->id. */
int store_stakeholder_link_update(struct store *st, const struct stakeholder_link *l, char **errmsg);
int store_stakeholder_link_delete(struct store *st, int64_t id, char **errmsg);
int store_stakeholder_link_get(struct store *st, int64_t id, struct stakeholder_link *out);
/* By id. */
int store_stakeholder_link_each(struct store *st, const struct store_link_query *q,
				store_stakeholder_link_fn fn, void *ctx, char **errmsg);
/* One link with its organisation's name and subtype and its partner
 * authority's name (strings borrowed for the call; NULL when absent). */
struct store_diagnostic_link {
	int64_t id, organisation_id, partner_authority_id;
	const char *organisation, *subtype;
	const char *country, *partner, *place, *domain, *kind;
};
typedef int (*store_diagnostic_link_fn)(void *ctx, const struct store_diagnostic_link *l);
int store_diagnostic_links(struct store *st, const struct store_link_query *q,
			   store_diagnostic_link_fn fn, void *ctx, char **errmsg);
/* Each partner of the authority: one row per other member of each of its
 * partnerships (public_only: published partnerships and partners). */
struct store_diagnostic_partner {
	int64_t partnership_id, authority_id;
	const char *partnership, *status, *name, *country;
};
typedef int (*store_diagnostic_partner_fn)(void *ctx, const struct store_diagnostic_partner *p);
int store_diagnostic_partners(struct store *st, int64_t authority_id, int public_only,
			      store_diagnostic_partner_fn fn, void *ctx, char **errmsg);

/* ---- pooling (sqlite_coordination.c) ---- */
/* A partnership with a member in the country (one row per such member,
 * after the home one) or an action located there. Strings borrowed for the
 * call; NULL when absent. */
struct store_coordination_row {
	int is_action;                  /* 0: a partnership */
	int64_t id;                     /* the partnership's or the action's */
	int64_t home_id, home_parent_id;   /* the first member or the lead; its parent (0: none) */
	int64_t partner_id;             /* the partner authority in the country (0: none) */
	int64_t partnership_id;         /* an action's partnership (0: standalone) */
	const char *name, *home, *partner, *status;
	const char *domains;            /* actions: '|' joined */
	int start_year, end_year;       /* 0: not given */
	double budget;                  /* actions: financing in EUR, actual else planned, summed */
	int n_financing;                /* actions: how many EUR financing rows have an amount */
	int n_countries;                /* actions: how many countries it is located in */
};
typedef int (*store_coordination_fn)(void *ctx, const struct store_coordination_row *r);
/* The partnerships first (by id), then the actions (by id); public_only
 * leaves drafts out (the record, its home, its partner, its partnership). */
int store_coordination_each(struct store *st, const char *country, int public_only, store_coordination_fn fn,
			    void *ctx, char **errmsg);
/* ---- partner matching (sqlite_match.c) ---- */
/* Which authorities to read; unset fields do not filter. */
struct store_match_query {
	int64_t authority_id;     /* this one only */
	const char *country;      /* of this country */
	const char *not_country;  /* of any other country than this */
	int public_only;          /* published authorities, and published actions for the domains */
};
/* One authority with what the matcher scores (strings borrowed for the call). */
struct store_match_authority {
	int64_t id;
	const char *name, *country, *level;
	int64_t population;       /* EALA_NO_VALUE when unknown */
	int has_coords;
	double lat, lng;
	const char *domains;      /* the domains of the actions it leads or of its partnerships'
				   * actions, '|' joined, repeats included; NULL: none */
	const char *networks;     /* the ids of the networks it is a member of, ',' joined; NULL: none */
};
typedef int (*store_match_authority_fn)(void *ctx, const struct store_match_authority *a);
/* By id. */
int store_match_authorities(struct store *st, const struct store_match_query *q, store_match_authority_fn fn,
			    void *ctx, char **errmsg);
/* For each other country, how many authorities of home_country are members
 * of a partnership with an authority of it (n > 0 only); public_only counts
 * published partnerships between published authorities. */
typedef int (*store_match_presence_fn)(void *ctx, const char *country, int64_t n);
int store_match_presence(struct store *st, const char *home_country, int public_only, store_match_presence_fn fn,
			 void *ctx, char **errmsg);
/* Where the actions of the caller's local actors go: for each action an
 * organisation based in authority_id (or in an authority whose parent it is)
 * takes part in, one row per country of the action (authority_id 0) and one
 * per other authority in it (its lead, participant authorities, its
 * partnership's members; with their country). public_only: published
 * actions and organisations. */
typedef int (*store_match_reach_fn)(void *ctx, const char *country, int64_t authority_id);
int store_match_actor_actions(struct store *st, int64_t authority_id, int public_only, store_match_reach_fn fn,
			      void *ctx, char **errmsg);
/* ---- partner calls (sqlite_more.c) ---- */
/* Which calls to list; unset fields do not filter. */
struct store_call_filter {
	const char *status;       /* partner-call-status code */
	const char *country;      /* calls seeking this country */
	int64_t authority_id;     /* calls of this authority */
	int public_only;          /* published calls (not draft) of published authorities */
};
int store_partner_call_list(struct store *st, const struct store_call_filter *f, store_partner_call_fn fn,
			    void *ctx, char **errmsg);
/* EALA_ENOTFOUND when there is no call id. */
int store_partner_call_get(struct store *st, int64_t id, struct partner_call *out);
int store_partner_call_update(struct store *st, const struct partner_call *c, char **errmsg);
int store_partner_call_delete(struct store *st, int64_t id, char **errmsg);

/* ---- IATI identifiers (sqlite_iati.c) ---- */
/* The action imported from or exported as the activity with this
 * iati-identifier; EALA_ENOTFOUND when none. */
int store_iati_activity_find(struct store *st, const char *identifier, int64_t *action_id);
/* Record (or replace) the iati-identifier of an action and the ref of the
 * organisation that reported it (may be NULL). */
int store_iati_activity_put(struct store *st, int64_t action_id, const char *identifier,
			    const char *reporting_ref, char **errmsg);
/* [out] identifier: a new string, the caller frees it; EALA_ENOTFOUND when none. */
int store_iati_activity_get(struct store *st, int64_t action_id, char **identifier);
/* The authority or the organisation (one of the two ids is set) known by an
 * IATI organisation ref; EALA_ENOTFOUND when none. */
int store_iati_org_find(struct store *st, const char *ref, int64_t *authority_id,
			int64_t *organisation_id);
/* Record that ref names this authority, or this organisation (the other id 0). */
int store_iati_org_put(struct store *st, const char *ref, int64_t authority_id,
		       int64_t organisation_id, char **errmsg);
/* The ref of an authority or an organisation (the other id 0): a new string,
 * the lowest when it has several; EALA_ENOTFOUND when none. */
int store_iati_org_ref(struct store *st, int64_t authority_id, int64_t organisation_id, char **ref);
/* The organisation with exactly this name, the lowest id; EALA_ENOTFOUND. */
int store_organisation_find_name(struct store *st, const char *name, int64_t *id);
/* Delete an action's financing rows and expected impacts (with their
 * indicators), which an IATI import then writes again from the file. */
int store_iati_action_reset(struct store *st, int64_t action_id, char **errmsg);

/* ---- users, roles, sessions ---- */
int store_user_insert(struct store *st, struct user *u, char **errmsg);   /* sets u->id */
/* The user with this login (case-sensitive); EALA_ENOTFOUND when none. */
int store_user_by_login(struct store *st, const char *login, struct user *out);
int store_user_get(struct store *st, int64_t id, struct user *out);
int store_user_set_password(struct store *st, int64_t id, const char *hash, char **errmsg);
/* Grant a role (no-op when held); authority_id 0 for global roles. */
int store_role_grant(struct store *st, int64_t user_id, const char *role, int64_t authority_id,
		     char **errmsg);
/* The roles of a user: *out is a new array of *n roles (free with store_roles_free). */
int store_user_roles(struct store *st, int64_t user_id, struct role **out, size_t *n);
void store_roles_free(struct role *roles, size_t n);
typedef int (*store_user_fn)(void *ctx, const struct user *u);
int store_user_each(struct store *st, store_user_fn fn, void *ctx, char **errmsg);
/* Sessions: only a hash of the token is stored; expires is ISO 8601 UTC. */
int store_session_add(struct store *st, const char *token_hash, int64_t user_id, const char *csrf,
		      const char *expires, char **errmsg);
/* The session's user and CSRF token (csrf: 65 bytes) if it has not expired. */
int store_session_get(struct store *st, const char *token_hash, int64_t *user_id, char *csrf);
int store_session_delete(struct store *st, const char *token_hash, char **errmsg);

/* ---- deleting ---- */
/* Delete one record; EALA_ENOTFOUND when absent, EALA_ECONFLICT when others
 * still refer to it (an authority in a partnership, a partnership with actions). */
int store_authority_delete(struct store *st, int64_t id, char **errmsg);
int store_organisation_delete(struct store *st, int64_t id, char **errmsg);
int store_partnership_delete(struct store *st, int64_t id, char **errmsg);
int store_action_delete(struct store *st, int64_t id, char **errmsg);

/* ---- audit ---- */
/* Record who changed what; e->at may be NULL (now). */
int store_audit_add(struct store *st, const struct audit_event *e, char **errmsg);

/* The audit events of one record, oldest first. */
typedef int (*store_audit_fn)(void *ctx, const struct audit_event *e);
int store_audit_each(struct store *st, const char *kind, int64_t record_id, store_audit_fn fn,
		     void *ctx, char **errmsg);

/* How many audit events of an operation and kind (kind NULL: any). */
int store_audit_count(struct store *st, const char *operation, const char *kind, int64_t *n,
		      char **errmsg);

/* ---- facets ---- */
/* What a facet counts: the records of one list by one of their fields. */
enum store_facet {
	STORE_FACET_AUTHORITY_COUNTRY,  /* authorities by country */
	STORE_FACET_PARTNERSHIP_KIND,   /* partnerships by kind */
	STORE_FACET_ACTION_TYPE,        /* actions by type */
};
/* One value of a facet and how many records have it (value borrowed for the call). */
typedef int (*store_facet_fn)(void *ctx, const char *value, int64_t n);
/* How many of the records matching f (read as that kind's list reads it;
 * limit and cursor ignored) have each value, the most common first, then by
 * value. The caller leaves the facet's own field of f unset to count every
 * value. EALA_EINVAL for an unknown facet. */
int store_facet_counts(struct store *st, enum store_facet facet, const struct store_filter *f,
		       store_facet_fn fn, void *ctx, char **errmsg);

/* ---- counts ---- */
struct store_stats {
	int64_t authorities, organisations, network_memberships, partnerships, actions,
		financing, budget_years, strategies, expected_impacts, observed_outcomes,
		practices, partner_calls, users, audit_events;
	int64_t countries;      /* distinct countries of authorities */
	int64_t twinnings;      /* partnerships of kind twinning */
};
int store_stats_get(struct store *st, struct store_stats *out, char **errmsg);
/* The same, drafts left out of the counts of the four kinds of records. */
int store_stats_public(struct store *st, struct store_stats *out, char **errmsg);

#endif
