/* api_results.c: the results chain through the API (issue 4): expected
 * impacts with their indicators and periods, the actual values each side
 * reports, observed outcomes and the documents uploaded as their evidence.
 *
 * A result belongs to a partnership, an action, or both; its scope is the
 * partnership's members and the action's lead (and the members of the
 * action's partnership). Home is the partnership's first member, or the
 * action's lead. Who may do what is asked of core/auth.c only:
 *  - expected impacts (and their indicators and targets): whoever may update
 *    the records of the scope;
 *  - actual values and observed outcomes: also whoever may report on the
 *    scope (a partner contributor), for their own side: "the partner
 *    contributor role reports its own side" (issue 4). The server sets who
 *    reported an outcome (its side and login), never the request. */
#include "web.h"
#include "results.h"

#include "../core/auth.h"
#include "../io/record_json.h"
#include "../io/records_csv.h"

#include <ctype.h>
#include <jansson.h>
#include <libintl.h>
#include <microhttpd.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the scope of a result ---- */

void result_scope_clear(struct result_scope *sc)
{
	free(sc->ids);
	memset(sc, 0, sizeof(*sc));
}

static void scope_add(struct result_scope *sc, int64_t id)
{
	for (size_t i = 0; i < sc->n; i++)
		if (sc->ids[i] == id)
			return;
	int64_t *v = realloc(sc->ids, (sc->n + 1) * sizeof(*v));
	if (!v)
		return;
	sc->ids = v;
	sc->ids[sc->n++] = id;
}

int result_scope(struct store *st, int64_t partnership_id, int64_t action_id, struct result_scope *sc,
		 struct errlist *el)
{
	memset(sc, 0, sizeof(*sc));
	int bad = 0;
	if (partnership_id) {
		struct partnership p;
		if (store_partnership_get(st, partnership_id, &p) != EALA_OK) {
			errlist_add(el, NULL, 0, "partnership_id", N_("there is no partnership #%lld"),
				    (long long)partnership_id);
			bad = 1;
		} else {
			for (size_t i = 0; i < p.n_members; i++)
				scope_add(sc, p.members[i]);
			sc->home = p.n_members ? p.members[0] : 0;
			sc->draft |= p.draft;
			partnership_clear(&p);
		}
	}
	if (action_id) {
		struct action a;
		if (store_action_get(st, action_id, &a) != EALA_OK) {
			errlist_add(el, NULL, 0, "action_id", N_("there is no action #%lld"), (long long)action_id);
			bad = 1;
		} else {
			if (partnership_id && a.partnership_id != partnership_id) {
				errlist_add(el, NULL, 0, "action_id",
					    N_("action #%lld does not belong to partnership #%lld"),
					    (long long)action_id, (long long)partnership_id);
				bad = 1;
			}
			if (!sc->home)
				sc->home = a.authority_id;
			scope_add(sc, a.authority_id);
			sc->draft |= a.draft;
			int64_t ap = a.partnership_id;
			action_clear(&a);
			struct partnership p;
			if (!partnership_id && ap && store_partnership_get(st, ap, &p) == EALA_OK) {
				for (size_t i = 0; i < p.n_members; i++)
					scope_add(sc, p.members[i]);
				sc->draft |= p.draft;
				partnership_clear(&p);
			}
		}
	}
	if (!partnership_id && !action_id)
		bad = 1;   /* the model's validation says so */
	return bad ? EALA_EINVAL : EALA_OK;
}

static struct principal principal_of(const struct req *r)
{
	struct principal p = {r->user.id, r->user.login, r->roles, r->n_roles};
	return p;
}

int result_may_edit(const struct req *r, const struct result_scope *sc)
{
	struct principal p = principal_of(r);
	return authz_allows(&p, OP_UPDATE, sc->ids, sc->n);
}

int result_may_report(const struct req *r, const struct result_scope *sc, const char *side)
{
	struct principal p = principal_of(r);
	return side ? authz_allows_side(&p, side, sc->home, sc->ids, sc->n)
		    : authz_allows(&p, OP_REPORT, sc->ids, sc->n);
}

const char *result_reporter_side(const struct req *r, const struct result_scope *sc)
{
	struct principal p = principal_of(r);
	return authz_side(&p, sc->home, sc->ids, sc->n);
}

/* ---- checks shared by the API and the forms ---- */

void expected_check(struct store *st, const struct expected_impact *e, struct errlist *el)
{
	expected_impact_validate(e, NULL, el);
}

void outcome_check(struct store *st, const struct observed_outcome *o, struct errlist *el)
{
	observed_outcome_validate(o, NULL, el);
	if (!o->expected_id)
		return;
	struct expected_impact e;
	if (store_expected_impact_get(st, o->expected_id, &e) != EALA_OK) {
		errlist_add(el, NULL, 0, "expected_id", N_("there is no expected impact #%lld"),
			    (long long)o->expected_id);
		return;
	}
	if ((e.partnership_id && e.partnership_id != o->partnership_id) ||
	    (!e.partnership_id && e.action_id != o->action_id))
		errlist_add(el, NULL, 0, "expected_id",
			    N_("expected impact #%lld belongs to another partnership or action"),
			    (long long)o->expected_id);
	expected_impact_clear(&e);
}

int result_write(struct req *r, const char *kind, const char *verb, int64_t *id, void *rec, json_t *before,
		 char **err)
{
	int rc = store_begin(r->st) ? EALA_EIO : EALA_OK;
	json_t *after = NULL;
	if (strcmp(kind, "expected_impact") == 0) {
		struct expected_impact *e = rec;
		if (!rc)
			rc = strcmp(verb, "create") == 0   ? store_expected_impact_insert(r->st, e, err)
			     : strcmp(verb, "delete") == 0 ? store_expected_impact_delete(r->st, *id, err)
							   : store_expected_impact_update(r->st, e, err);
		if (!rc && strcmp(verb, "delete") != 0) {
			*id = e->id;
			after = expected_impact_json(e);
		}
	} else {
		struct observed_outcome *o = rec;
		if (!rc)
			rc = strcmp(verb, "create") == 0   ? store_observed_outcome_insert(r->st, o, err)
			     : strcmp(verb, "delete") == 0 ? store_observed_outcome_delete(r->st, *id, err)
							   : store_observed_outcome_update(r->st, o, err);
		if (!rc && strcmp(verb, "delete") != 0) {
			*id = o->id;
			after = observed_outcome_json(o);
		}
	}
	return audit_commit(r, rc, kind, verb, *id, before, after, err);
}

/* ---- expected impacts ---- */

static int id_arg(struct req *r, const char *name, int64_t *out, struct errlist *el)
{
	const char *arg = req_arg(r, name);
	char *end = NULL;
	long long v = arg ? strtoll(arg, &end, 10) : 0;
	if (arg && (*end || v <= 0)) {
		errlist_add(el, NULL, 0, name, N_("must be the id of a record (a whole number above 0)"));
		return 1;
	}
	*out = v;
	return 0;
}

static int results_filter_args(struct req *r, struct results_filter *f)
{
	struct errlist el;
	errlist_init(&el);
	memset(f, 0, sizeof(*f));
	id_arg(r, "partnership", &f->partnership_id, &el);
	id_arg(r, "action", &f->action_id, &el);
	id_arg(r, "authority", &f->authority_id, &el);
	f->public_only = !reads_drafts(r);
	int rc = el.n ? json_errors(r, MHD_HTTP_BAD_REQUEST, &el) : 0;
	errlist_clear(&el);
	return rc;
}

static int add_expected(void *ctx, const struct expected_impact *e)
{
	return json_array_append_new(ctx, expected_impact_json(e));
}

static int add_outcome(void *ctx, const struct observed_outcome *o)
{
	return json_array_append_new(ctx, observed_outcome_json(o));
}

static int list_reply(struct req *r, int rc, json_t *items, char *err)
{
	if (rc) {
		json_decref(items);
		rc = json_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, err ? err : "listing");
		free(err);
		return rc;
	}
	return json_reply(r, MHD_HTTP_OK, json_pack("{s:I, s:o}", "total", (json_int_t)json_array_size(items),
						    "items", items));
}

int api_expected_list(struct req *r)
{
	struct results_filter f;
	if (results_filter_args(r, &f))
		return r->status;
	json_t *items = json_array();
	char *err = NULL;
	return list_reply(r, store_expected_impact_list(r->st, &f, add_expected, items, &err), items, err);
}

int api_outcomes_list(struct req *r)
{
	struct results_filter f;
	if (results_filter_args(r, &f))
		return r->status;
	json_t *items = json_array();
	char *err = NULL;
	return list_reply(r, store_observed_outcome_list(r->st, &f, add_outcome, items, &err), items, err);
}

/* 1 when the result is hidden from this reader (a draft's, read anonymously). */
static int hidden(struct req *r, int64_t partnership_id, int64_t action_id)
{
	return (partnership_id && draft_hidden(r, RK_PARTNERSHIP, partnership_id)) ||
	       (action_id && draft_hidden(r, RK_ACTION, action_id));
}

int api_expected_get(struct req *r)
{
	struct expected_impact e;
	if (store_expected_impact_get(r->st, r->id, &e) != EALA_OK)
		return json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such record");
	int rc = hidden(r, e.partnership_id, e.action_id)
			 ? json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such record")
			 : json_reply(r, MHD_HTTP_OK, expected_impact_json(&e));
	expected_impact_clear(&e);
	return rc;
}

int api_outcome_get(struct req *r)
{
	struct observed_outcome o;
	if (store_observed_outcome_get(r->st, r->id, &o) != EALA_OK)
		return json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such record");
	int rc = hidden(r, o.partnership_id, o.action_id)
			 ? json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such record")
			 : json_reply(r, MHD_HTTP_OK, observed_outcome_json(&o));
	observed_outcome_clear(&o);
	return rc;
}

/* A message for el with no field: why the request was refused. */
static int refuse(struct errlist *el, int status, const char *msg)
{
	errlist_add(el, NULL, 0, NULL, "%s", dgettext("eala", msg));
	return status;
}

int expected_save(struct req *r, int64_t id, json_t *j, struct errlist *el, int64_t *saved)
{
	struct expected_impact e = {0};
	struct result_scope sc = {0};
	json_t *before = NULL;
	int status = 422;
	if (id) {
		if (store_expected_impact_get(r->st, id, &e) != EALA_OK) {
			status = refuse(el, MHD_HTTP_NOT_FOUND, N_("no such record"));
			goto out;
		}
		struct errlist ignore;
		errlist_init(&ignore);
		result_scope(r->st, e.partnership_id, e.action_id, &sc, &ignore);
		errlist_clear(&ignore);
		if (!result_may_edit(r, &sc)) {
			status = refuse(el, MHD_HTTP_FORBIDDEN, N_("your roles do not let you change this record"));
			goto out;
		}
		before = expected_impact_json(&e);
		result_scope_clear(&sc);
	}
	expected_impact_from_json(j, &e, el);
	if (el->n)
		goto out;
	if (result_scope(r->st, e.partnership_id, e.action_id, &sc, el) == EALA_OK && !result_may_edit(r, &sc)) {
		status = refuse(el, MHD_HTTP_FORBIDDEN, N_("your roles do not let you change this record"));
		goto out;
	}
	expected_check(r->st, &e, el);
	if (el->n)
		goto out;
	char *err = NULL;
	int rc = result_write(r, "expected_impact", id ? "update" : "create", saved, &e, before, &err);
	if (rc)
		status = refuse(el, web_http_status(rc), err ? err : eala_strerror(rc));
	else
		status = id ? MHD_HTTP_OK : MHD_HTTP_CREATED;
	free(err);
out:
	json_decref(before);
	result_scope_clear(&sc);
	expected_impact_clear(&e);
	return status;
}

/* The API's answer: the record saved, or the problems. */
static int expected_reply(struct req *r, int status, int64_t id, struct errlist *el)
{
	struct expected_impact e;
	if ((status == MHD_HTTP_OK || status == MHD_HTTP_CREATED) && store_expected_impact_get(r->st, id, &e) == EALA_OK) {
		json_reply(r, status, expected_impact_json(&e));
		expected_impact_clear(&e);
	} else {
		json_errors(r, status, el);
	}
	errlist_clear(el);
	return r->status;
}

int api_expected_create(struct req *r)
{
	json_t *j = req_json(r);
	if (!j)
		return r->status;
	struct errlist el;
	errlist_init(&el);
	int64_t id = 0;
	int status = expected_save(r, 0, j, &el, &id);
	json_decref(j);
	return expected_reply(r, status, id, &el);
}

int api_expected_update(struct req *r)
{
	json_t *j = req_json(r);
	if (!j)
		return r->status;
	struct errlist el;
	errlist_init(&el);
	int64_t id = r->id;
	int status = expected_save(r, r->id, j, &el, &id);
	json_decref(j);
	return expected_reply(r, status, id, &el);
}

int result_delete(struct req *r, const char *kind, int64_t id, struct errlist *el)
{
	struct expected_impact e = {0};
	struct observed_outcome o = {0};
	struct result_scope sc = {0};
	int is_expected = strcmp(kind, "expected_impact") == 0, status;
	int found = is_expected ? store_expected_impact_get(r->st, id, &e) == EALA_OK
				: store_observed_outcome_get(r->st, id, &o) == EALA_OK;
	if (!found)
		return refuse(el, MHD_HTTP_NOT_FOUND, N_("no such record"));
	struct errlist ignore;
	errlist_init(&ignore);
	if (is_expected)
		result_scope(r->st, e.partnership_id, e.action_id, &sc, &ignore);
	else
		result_scope(r->st, o.partnership_id, o.action_id, &sc, &ignore);
	errlist_clear(&ignore);
	if (is_expected ? !result_may_edit(r, &sc) : !result_may_report(r, &sc, o.reported_by)) {
		status = refuse(el, MHD_HTTP_FORBIDDEN, N_("your roles do not let you change this record"));
	} else {
		char *err = NULL;
		json_t *before = is_expected ? expected_impact_json(&e) : observed_outcome_json(&o);
		int rc = result_write(r, kind, "delete", &id, is_expected ? (void *)&e : (void *)&o, before, &err);
		json_decref(before);
		status = rc ? refuse(el, web_http_status(rc), err ? err : eala_strerror(rc)) : MHD_HTTP_OK;
		free(err);
	}
	result_scope_clear(&sc);
	expected_impact_clear(&e);
	observed_outcome_clear(&o);
	return status;
}

static int delete_reply(struct req *r, const char *kind)
{
	struct errlist el;
	errlist_init(&el);
	int status = result_delete(r, kind, r->id, &el);
	if (status == MHD_HTTP_OK)
		json_reply(r, status, json_pack("{s:I, s:b}", "id", (json_int_t)r->id, "deleted", 1));
	else
		json_errors(r, status, &el);
	errlist_clear(&el);
	return r->status;
}

int api_expected_delete(struct req *r)
{
	return delete_reply(r, "expected_impact");
}

int results_set_actual(struct expected_impact *e, int64_t indicator_id, const char *start, int has, double v)
{
	for (size_t i = 0; i < e->n_indicators; i++) {
		struct indicator *ind = &e->indicators[i];
		if (ind->id != indicator_id)
			continue;
		for (size_t k = 0; k < ind->n_periods; k++)
			if (ind->periods[k].start && strcmp(ind->periods[k].start, start) == 0) {
				ind->periods[k].has_actual = has;
				ind->periods[k].actual = has ? v : 0;
				return 0;
			}
		return 2;
	}
	return 1;
}

int expected_actuals_save(struct req *r, int64_t id, json_t *j, struct errlist *el)
{
	struct expected_impact e;
	struct result_scope sc = {0};
	json_t *before = NULL;
	int status = 422;
	if (store_expected_impact_get(r->st, id, &e) != EALA_OK)
		return refuse(el, MHD_HTTP_NOT_FOUND, N_("no such record"));
	struct errlist ignore;
	errlist_init(&ignore);
	result_scope(r->st, e.partnership_id, e.action_id, &sc, &ignore);
	errlist_clear(&ignore);
	if (!result_may_report(r, &sc, e.side)) {
		status = refuse(el, MHD_HTTP_FORBIDDEN,
				N_("your roles do not let you report on this expected impact (another side's)"));
		goto out;
	}
	before = expected_impact_json(&e);
	json_t *values = json_object_get(j, "values"), *v;
	size_t i;
	const char *key;
	json_t *x;
	json_object_foreach(j, key, x) if (strcmp(key, "values") != 0)
		errlist_add(el, NULL, 0, key, N_("is not a field of this kind of record"));
	if (!json_is_array(values))
		errlist_add(el, NULL, 0, "values", N_("must be a list of {indicator_id, start, actual}"));
	json_array_foreach(values, i, v) {
		char f[48];
		snprintf(f, sizeof(f), "values[%zu]", i);
		json_t *ind = json_object_get(v, "indicator_id"), *act = json_object_get(v, "actual");
		const char *start = json_string_value(json_object_get(v, "start"));
		if (!json_is_integer(ind) || !start || !act || !(json_is_number(act) || json_is_null(act))) {
			errlist_add(el, NULL, 0, f,
				    N_("must be {indicator_id: a whole number, start: a date, actual: a number or null}"));
			continue;
		}
		int rc = results_set_actual(&e, json_integer_value(ind), start, !json_is_null(act),
					    json_number_value(act));
		if (rc == 1)
			errlist_add(el, NULL, 0, f, N_("expected impact #%lld has no indicator #%lld"),
				    (long long)e.id, (long long)json_integer_value(ind));
		else if (rc == 2)
			errlist_add(el, NULL, 0, f, N_("the indicator has no period starting on %s"), start);
	}
	if (el->n)
		goto out;
	char *err = NULL;
	int rc = result_write(r, "expected_impact", "update", &id, &e, before, &err);
	status = rc ? refuse(el, web_http_status(rc), err ? err : eala_strerror(rc)) : MHD_HTTP_OK;
	free(err);
out:
	json_decref(before);
	result_scope_clear(&sc);
	expected_impact_clear(&e);
	return status;
}

/* PUT /api/v1/expected_impacts/{id}/actuals
 * {"values": [{"indicator_id": 4, "start": "2024-01-01", "actual": 12}]} */
int api_expected_actuals(struct req *r)
{
	json_t *j = req_json(r);
	if (!j)
		return r->status;
	struct errlist el;
	errlist_init(&el);
	int status = expected_actuals_save(r, r->id, j, &el);
	json_decref(j);
	return expected_reply(r, status, r->id, &el);
}

/* ---- observed outcomes ---- */

/* Set who reported o: the side and login of the reporter; an admin (of no
 * side) says the side, home by default. */
void outcome_set_reporter(const struct req *r, const struct result_scope *sc, struct observed_outcome *o)
{
	const char *side = result_reporter_side(r, sc);
	if (side || !o->reported_by) {
		free(o->reported_by);
		o->reported_by = xstrdup(side ? side : "home");
	}
	free(o->reporter);
	o->reporter = r->user.login ? xstrdup(r->user.login) : NULL;
	o->unexpected = !o->expected_id;
}

int outcome_save(struct req *r, int64_t id, json_t *j, const struct upload *file, struct errlist *el,
		 int64_t *saved)
{
	struct observed_outcome o = {0};
	struct result_scope sc = {0};
	json_t *before = NULL;
	int status = 422;
	if (id) {
		if (store_observed_outcome_get(r->st, id, &o) != EALA_OK) {
			status = refuse(el, MHD_HTTP_NOT_FOUND, N_("no such record"));
			goto out;
		}
		struct errlist ignore;
		errlist_init(&ignore);
		result_scope(r->st, o.partnership_id, o.action_id, &sc, &ignore);
		errlist_clear(&ignore);
		if (!result_may_report(r, &sc, o.reported_by)) {
			status = refuse(el, MHD_HTTP_FORBIDDEN,
					N_("your roles do not let you change this outcome (another side's)"));
			goto out;
		}
		before = observed_outcome_json(&o);
		result_scope_clear(&sc);
	}
	observed_outcome_from_json(j, &o, el);
	if (el->n)
		goto out;
	if (result_scope(r->st, o.partnership_id, o.action_id, &sc, el) == EALA_OK &&
	    !result_may_report(r, &sc, NULL)) {
		status = refuse(el, MHD_HTTP_FORBIDDEN, N_("your roles do not let you report on this partnership"));
		goto out;
	}
	if (!el->n && !id) {
		outcome_set_reporter(r, &sc, &o);
	} else if (!el->n) {
		/* who reported it stays; linked or not follows the expectation */
		free(o.reported_by);
		free(o.reporter);
		o.reported_by = xstrdup(json_string_value(json_object_get(before, "reported_by")));
		const char *who = json_string_value(json_object_get(before, "reporter"));
		o.reporter = who ? xstrdup(who) : NULL;
		o.unexpected = !o.expected_id;
	}
	outcome_check(r->st, &o, el);
	if (file && file->remove)
		o.evidence_document = 0;
	if (file && (!file->name || !*file->name) && file->len == 0)
		file = NULL;   /* a form's file input left empty */
	if (file)
		evidence_check(file->name, file->data, file->len, el);
	if (el->n)
		goto out;
	char *err = NULL;
	int rc = store_begin(r->st) ? EALA_EIO : EALA_OK;
	if (!rc && file)
		rc = evidence_store(r, &o, file->name, file->data, file->len, &err);
	if (!rc)
		rc = id ? store_observed_outcome_update(r->st, &o, &err) : store_observed_outcome_insert(r->st, &o, &err);
	*saved = o.id;
	rc = audit_commit(r, rc, "observed_outcome", id ? "update" : "create", o.id, before,
			  rc ? NULL : observed_outcome_json(&o), &err);
	if (rc)
		status = refuse(el, web_http_status(rc), err ? err : eala_strerror(rc));
	else
		status = id ? MHD_HTTP_OK : MHD_HTTP_CREATED;
	free(err);
out:
	json_decref(before);
	result_scope_clear(&sc);
	observed_outcome_clear(&o);
	return status;
}

static int outcome_reply(struct req *r, int status, int64_t id, struct errlist *el)
{
	struct observed_outcome o;
	if ((status == MHD_HTTP_OK || status == MHD_HTTP_CREATED) && store_observed_outcome_get(r->st, id, &o) == EALA_OK) {
		json_reply(r, status, observed_outcome_json(&o));
		observed_outcome_clear(&o);
	} else {
		json_errors(r, status, el);
	}
	errlist_clear(el);
	return r->status;
}

int api_outcome_create(struct req *r)
{
	json_t *j = req_json(r);
	if (!j)
		return r->status;
	struct errlist el;
	errlist_init(&el);
	int64_t id = 0;
	int status = outcome_save(r, 0, j, NULL, &el, &id);
	json_decref(j);
	return outcome_reply(r, status, id, &el);
}

int api_outcome_update(struct req *r)
{
	json_t *j = req_json(r);
	if (!j)
		return r->status;
	struct errlist el;
	errlist_init(&el);
	int64_t id = r->id;
	int status = outcome_save(r, r->id, j, NULL, &el, &id);
	json_decref(j);
	return outcome_reply(r, status, id, &el);
}

int api_outcome_delete(struct req *r)
{
	return delete_reply(r, "observed_outcome");
}

/* ---- evidence documents ---- */

/* The kinds of file taken as evidence: reports, photos, spreadsheets. */
static const struct {
	const char *type, *ext;
} media[] = {
	{"application/pdf", ".pdf"},
	{"image/png", ".png"},
	{"image/jpeg", ".jpg"},
	{"image/jpeg", ".jpeg"},
	{"text/plain", ".txt"},
	{"text/csv", ".csv"},
	{"application/vnd.oasis.opendocument.text", ".odt"},
	{"application/vnd.oasis.opendocument.spreadsheet", ".ods"},
	{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
	{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"},
};

const char *evidence_media_type(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;
	for (size_t i = 0; dot && i < sizeof(media) / sizeof(*media); i++)
		if (strcasecmp(dot, media[i].ext) == 0)
			return media[i].type;
	return NULL;
}

/* The name without folders (a browser may send C:\\Users\\...). */
static const char *base_name(const char *name)
{
	const char *base = name;
	for (const char *p = name; p && *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	return base;
}

int evidence_check(const char *name, const void *data, size_t n, struct errlist *el)
{
	size_t before = el->n;
	const char *base = base_name(name);
	const char *type = evidence_media_type(base);
	if (!base || !*base || strlen(base) > 200)
		errlist_add(el, NULL, 0, "evidence_file", N_("needs a file name of at most 200 characters"));
	else if (!type)
		errlist_add(el, NULL, 0, "evidence_file",
			    N_("'%s' is not a kind of file taken as evidence (PDF, PNG, JPEG, text, CSV, "
			       "OpenDocument or Office Open XML)"), base);
	if (n == 0)
		errlist_add(el, NULL, 0, "evidence_file", N_("is empty"));
	else if (type && strcmp(type, "application/pdf") == 0 && (n < 5 || memcmp(data, "%PDF-", 5) != 0))
		errlist_add(el, NULL, 0, "evidence_file", N_("is not a PDF file"));
	else if (type && strcmp(type, "image/png") == 0 && (n < 8 || memcmp(data, "\x89PNG\r\n\x1a\n", 8) != 0))
		errlist_add(el, NULL, 0, "evidence_file", N_("is not a PNG image"));
	else if (type && strcmp(type, "image/jpeg") == 0 && (n < 3 || memcmp(data, "\xff\xd8\xff", 3) != 0))
		errlist_add(el, NULL, 0, "evidence_file", N_("is not a JPEG image"));
	return el->n > before ? EALA_EINVAL : EALA_OK;
}

int evidence_store(struct req *r, struct observed_outcome *o, const char *name, const void *data, size_t n,
		   char **err)
{
	const char *base = base_name(name);
	unsigned char hash[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(hash, data, n);
	char hex[2 * sizeof(hash) + 1];
	sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
	struct document d = {.name = xstrdup(base), .media_type = xstrdup(evidence_media_type(base)), .size = n,
			     .sha256 = xstrdup(hex),
			     .uploaded_by = r->user.login ? xstrdup(r->user.login) : NULL};
	d.content = malloc(n ? n : 1);
	if (!d.content) {
		document_clear(&d);
		return EALA_ENOMEM;
	}
	memcpy(d.content, data, n);
	int rc = store_document_insert(r->st, &d, err);
	if (!rc)
		o->evidence_document = d.id;
	document_clear(&d);
	return rc;
}

/* PUT /api/v1/observed_outcomes/{id}/evidence?name=FILE: the body is the
 * file; it replaces the outcome's document (DELETE takes it away). */
int api_outcome_evidence(struct req *r)
{
	struct observed_outcome o;
	struct result_scope sc;
	struct errlist el;
	errlist_init(&el);
	if (store_observed_outcome_get(r->st, r->id, &o) != EALA_OK)
		return json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such record");
	result_scope(r->st, o.partnership_id, o.action_id, &sc, &el);
	errlist_clear(&el);
	json_t *before = NULL;
	if (!result_may_report(r, &sc, o.reported_by)) {
		json_error(r, MHD_HTTP_FORBIDDEN, NULL, "your roles do not let you change this outcome (another side's)");
		goto out;
	}
	before = observed_outcome_json(&o);
	const char *data = r->upload.s ? r->upload.s : "";
	if (strcmp(r->method, "DELETE") != 0 && evidence_check(req_arg(r, "name"), data, r->upload.len, &el)) {
		json_errors(r, 422, &el);
		goto out;
	}
	char *err = NULL;
	int rc = store_begin(r->st) ? EALA_EIO : EALA_OK;
	if (strcmp(r->method, "DELETE") == 0)
		o.evidence_document = 0;
	else if (!rc)
		rc = evidence_store(r, &o, req_arg(r, "name"), data, r->upload.len, &err);
	if (!rc)
		rc = store_observed_outcome_update(r->st, &o, &err);
	rc = audit_commit(r, rc, "observed_outcome", "update", o.id, before, rc ? NULL : observed_outcome_json(&o),
			  &err);
	if (rc)
		json_error(r, web_http_status(rc), NULL, err ? err : eala_strerror(rc));
	else
		json_reply(r, MHD_HTTP_OK, observed_outcome_json(&o));
	free(err);
out:
	json_decref(before);
	errlist_clear(&el);
	result_scope_clear(&sc);
	observed_outcome_clear(&o);
	return r->status;
}

/* GET /documents/{id}: the file, to whoever may read the outcome citing it;
 * always as an attachment, its type fixed, so a browser never runs it. */
int page_document(struct req *r)
{
	struct observed_outcome o;
	struct document d;
	if (!r->user.id)
		auth_optional(r);   /* a signed-in reader sees drafts' documents */
	if (store_document_owner(r->st, r->id, &o) != EALA_OK)
		return json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such document");
	int hide = hidden(r, o.partnership_id, o.action_id);
	observed_outcome_clear(&o);
	if (hide || store_document_get(r->st, r->id, 1, &d) != EALA_OK)
		return json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such document");
	free(r->body.s);
	r->body.s = (char *)d.content;
	r->body.len = r->body.cap = d.size;
	d.content = NULL;
	/* the name as uploaded, percent-encoded (RFC 6266), and a plain one */
	const char *ext = strrchr(d.name, '.');
	int n = snprintf(r->disposition, sizeof(r->disposition),
			 "attachment; filename=\"document-%lld%s\"; filename*=UTF-8''", (long long)d.id,
			 ext && strlen(ext) < 8 ? ext : "");
	for (const unsigned char *c = (const unsigned char *)d.name; *c && n > 0 && (size_t)n + 4 < sizeof(r->disposition); c++)
		n += (*c < 128 && (isalnum(*c) || strchr("-._~", *c)))
			     ? snprintf(r->disposition + n, sizeof(r->disposition) - (size_t)n, "%c", *c)
			     : snprintf(r->disposition + n, sizeof(r->disposition) - (size_t)n, "%%%02X", *c);
	r->content_type = evidence_media_type(d.name);
	if (!r->content_type)
		r->content_type = "application/octet-stream";
	r->status = MHD_HTTP_OK;
	document_clear(&d);
	return r->status;
}
