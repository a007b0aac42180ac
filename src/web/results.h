/* results.h: what the results chain's API (api_results.c) and its forms
 * (form_results.c) share: the scope of a result, who may change it, the
 * checks, the audited write, evidence documents. */
#ifndef EALA_RESULTS_H
#define EALA_RESULTS_H

#include "web.h"

#include "../core/model.h"

struct json_t;

/* The authorities a result belongs to (its partnership's members, its
 * action's lead and the members of the action's partnership) and its home
 * (the partnership's first member, or the action's lead). */
struct result_scope {
	int64_t *ids;
	size_t n;
	int64_t home;
	int draft;   /* the partnership or the action is a draft */
};

/* EALA_OK, or EALA_EINVAL with the missing or mismatched references in el. */
int result_scope(struct store *st, int64_t partnership_id, int64_t action_id, struct result_scope *sc,
		 struct errlist *el);
void result_scope_clear(struct result_scope *sc);
/* Whether r may define expectations, indicators and targets on the scope. */
int result_may_edit(const struct req *r, const struct result_scope *sc);
/* Whether r may report (actual values, outcomes) on a result of side
 * ("home", "partner", "both"; NULL: on any side of the scope). */
int result_may_report(const struct req *r, const struct result_scope *sc, const char *side);
/* "home", "partner", or NULL for a reporter of no side (an admin). */
const char *result_reporter_side(const struct req *r, const struct result_scope *sc);

/* Validation and references, every problem in el. */
void expected_check(struct store *st, const struct expected_impact *e, struct errlist *el);
void outcome_check(struct store *st, const struct observed_outcome *o, struct errlist *el);
/* A new outcome's reporter: its side from r's roles (an admin's choice, home
 * by default) and r's login; unexpected when linked to no expectation. */
void outcome_set_reporter(const struct req *r, const struct result_scope *sc, struct observed_outcome *o);

/* Create, update or delete (verb) an "expected_impact" or an
 * "observed_outcome" (kind; rec points to the record) with its audit event,
 * all or nothing; *id set to the record's id. */
int result_write(struct req *r, const char *kind, const char *verb, int64_t *id, void *rec,
		 struct json_t *before, char **err);

/* Set the actual value of the period of indicator_id starting on start:
 * 0, 1 when e has no such indicator, 2 when it has no such period. */
int results_set_actual(struct expected_impact *e, int64_t indicator_id, const char *start, int has, double v);

/* A file sent with a form or as a request body. */
struct upload {
	const char *name;
	const void *data;
	size_t len;
	int remove;   /* no file: take the outcome's document away */
};

/* Save an expected impact or an observed outcome from a JSON object (the
 * API's body, or a form's fields made into one): a new one (id 0) or the
 * fields given of record id; an outcome's evidence file too, in the same
 * transaction. Like record_save(): every problem in el, the HTTP status
 * (200 or 201 with *saved the id, 403, 404, 409, 422). */
int expected_save(struct req *r, int64_t id, struct json_t *j, struct errlist *el, int64_t *saved);
int outcome_save(struct req *r, int64_t id, struct json_t *j, const struct upload *file, struct errlist *el,
		 int64_t *saved);
/* The actual values of an expected impact's periods, reported by either
 * side for its own side's impacts: {"values": [{"indicator_id": 4, "start":
 * "2024-01-01", "actual": 12 or null}]}. The status, problems in el. */
int expected_actuals_save(struct req *r, int64_t id, struct json_t *j, struct errlist *el);
/* Delete an "expected_impact" or an "observed_outcome": the status, problems in el. */
int result_delete(struct req *r, const char *kind, int64_t id, struct errlist *el);

/* The media type for a file name's extension among those taken as
 * evidence, or NULL. */
const char *evidence_media_type(const char *name);
/* Whether a file may be evidence (its name, kind and first bytes): EALA_OK,
 * or EALA_EINVAL with the problems in el (field "evidence_file"). */
int evidence_check(const char *name, const void *data, size_t n, struct errlist *el);
/* Store a checked file as a document and cite it from o, inside the
 * caller's transaction. */
int evidence_store(struct req *r, struct observed_outcome *o, const char *name, const void *data, size_t n,
		   char **err);

#endif
