/* api_calls.c: partner calls through the API (an authority's request for
 * partners: countries and domains sought, a profile, a deadline, a status)
 * and GET /api/v1/analysis/match, the candidates ranked for a call or an
 * authority (src/analysis/match.c). A call belongs to its authority: whoever
 * may change that authority writes its calls (authz_allows); publishing is a
 * change of status from draft to open. Anonymous readers see published
 * calls only (not draft, of a published authority). */
#include "web.h"

#include "../analysis/match.h"
#include "../core/auth.h"
#include "../core/codelist.h"
#include "../io/record_json.h"
#include "../io/records_csv.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

/* 1 when the call exists for this reader: a draft call, or a call of a draft
 * authority, is hidden from anonymous readers. */
int calls_visible(struct req *r, const struct partner_call *c)
{
	if (reads_drafts(r))
		return 1;
	return strcmp(c->status, "draft") != 0 && !draft_hidden(r, RK_AUTHORITY, c->authority_id);
}

static int add_item(void *ctx, const struct partner_call *c)
{
	return json_array_append_new(ctx, partner_call_json(c));
}

int api_calls_list(struct req *r)
{
	struct store_call_filter f = {.status = req_arg(r, "status"), .country = req_arg(r, "country"),
				      .public_only = !reads_drafts(r)};
	struct errlist el;
	errlist_init(&el);
	f.authority_id = api_int_arg(r, "authority", 1, INT64_MAX, 0, &el);
	if (f.status && !codelist_has(CL_PARTNER_CALL_STATUS, f.status))
		errlist_add(&el, NULL, 0, "status", "%s", tr(r, "must be draft, open or closed"));
	if (f.country && !country_code_valid(f.country))
		errlist_add(&el, NULL, 0, "country", "%s", tr(r, "must be an ISO 3166-1 alpha-2 code"));
	if (el.n) {
		int rc = json_errors(r, MHD_HTTP_BAD_REQUEST, &el);
		errlist_clear(&el);
		return rc;
	}
	json_t *items = json_array();
	char *err = NULL;
	if (store_partner_call_list(r->st, &f, add_item, items, &err)) {
		json_decref(items);
		int rc = json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, err ? err : "listing");
		free(err);
		return rc;
	}
	return json_reply(r, MHD_HTTP_OK,
			  json_pack("{s:I, s:o}", "total", (json_int_t)json_array_size(items), "items", items));
}

int api_calls_get(struct req *r)
{
	struct partner_call c;
	if (store_partner_call_get(r->st, r->id, &c))
		return json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such record");
	int rc = calls_visible(r, &c) ? json_reply(r, MHD_HTTP_OK, partner_call_json(&c))
				      : json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such record");
	partner_call_clear(&c);
	return rc;
}

static int may_change(struct req *r, int64_t authority_id, enum operation op)
{
	struct principal p = {r->user.id, r->user.login, r->roles, r->n_roles};
	return authz_allows(&p, op, &authority_id, 1);
}

static int forbidden(struct req *r)
{
	return json_error(r, MHD_HTTP_FORBIDDEN, NULL, "your roles do not let you change this record");
}

/* Write (create, update or delete) with its audit event, in one
 * transaction; the status, the message in *err. */
static int write_call(struct req *r, const char *op, struct partner_call *c, json_t *before, char **err)
{
	int rc = store_begin(r->st) ? EALA_EIO : EALA_OK;
	if (!rc)
		rc = strcmp(op, "create") == 0   ? store_partner_call_insert(r->st, c, err)
		     : strcmp(op, "update") == 0 ? store_partner_call_update(r->st, c, err)
						 : store_partner_call_delete(r->st, c->id, err);
	return audit_commit(r, rc, "partner_call", op, c->id, before,
			    rc || strcmp(op, "delete") == 0 ? NULL : partner_call_json(c), err);
}

int calls_save(struct req *r, int64_t id, json_t *j, struct errlist *el, int64_t *saved, char **err)
{
	struct partner_call old = {0}, c = {0};
	json_t *before = NULL;
	int status;
	if (id) {
		if (store_partner_call_get(r->st, id, &old) || !calls_visible(r, &old)) {
			status = MHD_HTTP_NOT_FOUND;
			goto out;
		}
		if (!may_change(r, old.authority_id, OP_UPDATE)) {
			status = MHD_HTTP_FORBIDDEN;
			goto out;
		}
		store_partner_call_get(r->st, id, &c);
	}
	partner_call_from_json(j, &c, el);
	if (!c.status && !(c.status = xstrdup("draft")))
		errlist_add(el, NULL, 0, "status", "out of memory");
	partner_call_validate(&c, NULL, el);
	if (c.authority_id && !store_authority_exists(r->st, c.authority_id))
		errlist_add(el, NULL, 0, "authority_id", N_("there is no authority #%lld"), (long long)c.authority_id);
	if (el->n) {
		status = 422;
		goto out;
	}
	/* a call always belongs to an authority: only its writers add one or
	 * move it to another */
	if (!may_change(r, c.authority_id, id ? OP_UPDATE : OP_CREATE) || !may_change(r, c.authority_id, OP_UPDATE)) {
		status = MHD_HTTP_FORBIDDEN;
		goto out;
	}
	c.id = id;
	before = id ? partner_call_json(&old) : NULL;
	int rc = write_call(r, id ? "update" : "create", &c, before, err);
	status = rc ? web_http_status(rc) : id ? MHD_HTTP_OK : MHD_HTTP_CREATED;
	if (!rc && saved)
		*saved = c.id;
out:
	json_decref(before);
	partner_call_clear(&old);
	partner_call_clear(&c);
	return status;
}

static int save(struct req *r, int64_t id)
{
	struct errlist el;
	char *err = NULL;
	int64_t saved = 0;
	json_t *j = req_json(r);
	if (!j)
		return r->status;
	errlist_init(&el);
	int status = calls_save(r, id, j, &el, &saved, &err);
	if (status == MHD_HTTP_OK || status == MHD_HTTP_CREATED) {
		struct partner_call c;
		if (store_partner_call_get(r->st, saved, &c) == EALA_OK)
			json_reply(r, status, partner_call_json(&c));
		else
			json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, "the call was saved but cannot be read back");
		partner_call_clear(&c);
	} else if (status == 422) {
		json_errors(r, 422, &el);
	} else if (status == MHD_HTTP_NOT_FOUND) {
		json_error(r, status, NULL, "no such record");
	} else if (status == MHD_HTTP_FORBIDDEN) {
		forbidden(r);
	} else {
		json_error(r, status, NULL, err ? err : "database error");
	}
	json_decref(j);
	free(err);
	errlist_clear(&el);
	return r->status;
}

int api_calls_create(struct req *r)
{
	return save(r, 0);
}

int api_calls_update(struct req *r)
{
	return save(r, r->id);
}

int api_calls_delete(struct req *r)
{
	struct partner_call c;
	if (store_partner_call_get(r->st, r->id, &c))
		return json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such record");
	if (!calls_visible(r, &c)) {
		partner_call_clear(&c);
		return json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such record");
	}
	if (!may_change(r, c.authority_id, OP_DELETE)) {
		partner_call_clear(&c);
		return forbidden(r);
	}
	json_t *before = partner_call_json(&c);
	char *err = NULL;
	int rc = write_call(r, "delete", &c, before, &err);
	if (rc == EALA_OK)
		json_reply(r, MHD_HTTP_OK, json_pack("{s:I}", "deleted", (json_int_t)r->id));
	else
		json_error(r, web_http_status(rc), NULL, err ? err : eala_strerror(rc));
	free(err);
	json_decref(before);
	partner_call_clear(&c);
	return r->status;
}

/* ---- GET /api/v1/analysis/match ---- */

int match_ask_read(struct req *r, struct match_ask *a, struct errlist *el)
{
	memset(a, 0, sizeof(*a));
	a->call_id = api_int_arg(r, "call", 1, INT64_MAX, 0, el);
	a->authority_id = api_int_arg(r, "authority", 1, INT64_MAX, 0, el);
	a->top = (size_t)api_int_arg(r, "top", 1, 10000, 10, el);
	a->country = req_arg(r, "country");
	if (!el->n && !a->call_id == !a->authority_id)
		errlist_add(el, NULL, 0, "call", "%s", tr(r, "give call or authority, not both"));
	if (a->country && a->call_id)
		errlist_add(el, NULL, 0, "country", "%s", tr(r, "goes with authority: a call names its countries"));
	else if (a->country && !country_code_valid(a->country))
		errlist_add(el, NULL, 0, "country", "%s", tr(r, "must be an ISO 3166-1 alpha-2 code"));
	return el->n ? EALA_EINVAL : EALA_OK;
}

int match_ask_run(struct req *r, const struct match_ask *a, struct match_result *res, char **err)
{
	struct match_rules rules;
	struct match_languages langs;
	struct errlist el;
	errlist_init(&el);
	memset(res, 0, sizeof(*res));
	if (match_rules_load(NULL, &rules, &el) | match_languages_load(NULL, &langs, &el)) {
		*err = el.n ? errlist_format(&el.v[0]) : NULL;
		errlist_clear(&el);
		match_rules_clear(&rules);
		match_languages_clear(&langs);
		return EALA_EIO;
	}
	errlist_clear(&el);
	int pub = !reads_drafts(r), rc;
	if (a->authority_id && draft_hidden(r, RK_AUTHORITY, a->authority_id))
		rc = EALA_ENOTFOUND;
	else if (a->call_id)
		rc = match_load_call(r->st, a->call_id, &rules, &langs, a->top, pub, res, err);
	else
		rc = match_load_authority(r->st, a->authority_id, a->country, &rules, &langs, a->top, pub, res, err);
	match_rules_clear(&rules);
	match_languages_clear(&langs);
	return rc;
}

int api_match(struct req *r)
{
	struct match_ask a;
	struct match_result res = {0};
	struct errlist el;
	char *err = NULL;
	int rc;
	errlist_init(&el);
	if (match_ask_read(r, &a, &el)) {
		rc = json_errors(r, MHD_HTTP_BAD_REQUEST, &el);
		goto out;
	}
	int st = match_ask_run(r, &a, &res, &err);
	if (st == EALA_ENOTFOUND)
		rc = json_error(r, MHD_HTTP_NOT_FOUND, a.call_id ? "call" : "authority",
				a.call_id ? "no such partner call" : "no such authority");
	else if (st)
		rc = json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, err ? err : "database error");
	else
		rc = json_reply(r, MHD_HTTP_OK, match_json(&res, a.call_id, a.authority_id, CL_LANG_EN));
out:
	match_clear(&res);
	free(err);
	errlist_clear(&el);
	return rc;
}
