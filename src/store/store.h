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
