/* api.c: the JSON API under /api/v1 and /healthz: lists with filters, a
 * stable cursor and the total; one record by id; counts. */
#include "web.h"

#include "../analysis/gap.h"

#include "../core/codelist.h"
#include "../io/record_json.h"
#include "../io/records_csv.h"

#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#define LIMIT_DEFAULT 50
#define LIMIT_MAX 1000

int json_reply(struct req *r, int status, json_t *j)
{
	char *s = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) : NULL;
	json_decref(j);
	if (!s) {
		status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		s = strdup("{\"errors\":[{\"message\":\"out of memory\"}]}");
	}
	r->status = status;
	r->content_type = "application/json";
	buf_puts(&r->body, s ? s : "");
	buf_puts(&r->body, "\n");
	free(s);
	return status;
}

int json_error(struct req *r, int http_status, const char *field, const char *msg)
{
	json_t *e = json_object();
	if (field)
		json_object_set_new(e, "field", json_string(field));
	json_object_set_new(e, "message", json_string(msg));
	json_t *errs = json_array();
	json_array_append_new(errs, e);
	return json_reply(r, http_status, json_pack("{s:o}", "errors", errs));
}

int json_errors(struct req *r, int http_status, const struct errlist *el)
{
	json_t *errs = json_array();
	for (size_t i = 0; i < el->n; i++) {
		json_t *e = json_object();
		if (el->v[i].field)
			json_object_set_new(e, "field", json_string(el->v[i].field));
		json_object_set_new(e, "message", json_string(el->v[i].msg ? el->v[i].msg : ""));
		json_array_append_new(errs, e);
	}
	return json_reply(r, http_status, json_pack("{s:o}", "errors", errs));
}

int api_healthz(struct req *r)
{
	struct store_stats s;
	char *err = NULL;
	if (store_stats_get(r->st, &s, &err) != EALA_OK) {
		int rc = json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, err ? err : "database error");
		free(err);
		return rc;
	}
	return json_reply(r, MHD_HTTP_OK, json_pack("{s:s, s:s}", "status", "ok", "version", EALA_VERSION));
}

int api_gap(struct req *r)
{
	struct store_filter f;
	struct errlist el;
	errlist_init(&el);
	api_filter(r, RK_PARTNERSHIP, &f, &el);
	if (el.n) {
		int rc = json_errors(r, MHD_HTTP_BAD_REQUEST, &el);
		errlist_clear(&el);
		return rc;
	}
	if (f.authority_id && (!store_authority_exists(r->st, f.authority_id) ||
			       draft_hidden(r, RK_AUTHORITY, f.authority_id)))
		return json_error(r, MHD_HTTP_NOT_FOUND, "authority", "no such authority");
	struct gap_result g;
	char *err = NULL;
	if (gap_load(r->st, f.authority_id, f.year, !reads_drafts(r), &g, &err)) {
		int rc = json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, err ? err : "database error");
		free(err);
		return rc;
	}
	return json_reply(r, MHD_HTTP_OK, gap_json(&g, f.authority_id, f.year, CL_LANG_EN));
}

int api_stats(struct req *r)
{
	struct store_stats s;
	char *err = NULL;
	if ((reads_drafts(r) ? store_stats_get : store_stats_public)(r->st, &s, &err) != EALA_OK) {
		int rc = json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, err ? err : "database error");
		free(err);
		return rc;
	}
	return json_reply(r, MHD_HTTP_OK,
			 json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
				   "authorities", (json_int_t)s.authorities,
				   "organisations", (json_int_t)s.organisations,
				   "network_memberships", (json_int_t)s.network_memberships,
				   "partnerships", (json_int_t)s.partnerships,
				   "actions", (json_int_t)s.actions,
				   "expected_impacts", (json_int_t)s.expected_impacts,
				   "observed_outcomes", (json_int_t)s.observed_outcomes,
				   "countries", (json_int_t)s.countries));
}

int64_t api_int_arg(struct req *r, const char *name, int64_t lo, int64_t hi, int64_t dflt,
		    struct errlist *el)
{
	const char *v = req_arg(r, name);
	if (!v)
		return dflt;
	char *end;
	errno = 0;
	long long x = strtoll(v, &end, 10);
	if (errno || *end || end == v || x < lo || x > hi) {
		errlist_add(el, NULL, 0, name, N_("must be a whole number from %lld to %lld"),
			    (long long)lo, (long long)hi);
		return dflt;
	}
	return x;
}

static const char *code_arg(struct req *r, const char *name, enum codelist_id id, struct errlist *el)
{
	const char *v = req_arg(r, name);
	if (v && !codelist_has(id, v)) {
		errlist_add(el, NULL, 0, name, N_("is not a code of the %s list"), codelist_name(id));
		return NULL;
	}
	return v;
}

void api_filter(struct req *r, int kind, struct store_filter *f, struct errlist *el)
{
	enum record_kind k = (enum record_kind)kind;
	static const enum codelist_id kinds[RK_COUNT] = {
		[RK_AUTHORITY] = CL_AUTHORITY_LEVEL, [RK_ORGANISATION] = CL_ORG_SUBTYPE,
		[RK_PARTNERSHIP] = CL_PARTNERSHIP_KIND, [RK_ACTION] = CL_ACTION_TYPE};
	memset(f, 0, sizeof(*f));
	f->public_only = !reads_drafts(r);
	f->q = req_arg(r, "q");
	if (f->q && strlen(f->q) > 200)
		errlist_add(el, NULL, 0, "q", N_("is longer than 200 characters"));
	f->country = code_arg(r, "country", CL_COUNTRY, el);
	f->authority_id = api_int_arg(r, "authority", 1, INT64_MAX, 0, el);
	f->kind = code_arg(r, "kind", kinds[k], el);
	if (k == RK_AUTHORITY && !f->kind)
		f->kind = code_arg(r, "level", CL_AUTHORITY_LEVEL, el);
	if (k == RK_PARTNERSHIP)
		f->status = code_arg(r, "status", CL_PARTNERSHIP_STATUS, el);
	else if (k == RK_ACTION)
		f->status = code_arg(r, "status", CL_IATI_ACTIVITY_STATUS, el);
	f->domain = code_arg(r, "domain", CL_ACTION_DOMAIN, el);
	f->year = (int)api_int_arg(r, "year", 1900, 2100, 0, el);
	f->limit = (int)api_int_arg(r, "limit", 1, LIMIT_MAX, LIMIT_DEFAULT, el);
	f->after_id = api_int_arg(r, "cursor", 0, INT64_MAX, 0, el);
}

struct collect {
	struct store *st;
	json_t *items;
	size_t n;
	int64_t last;
};

static int add_authority(void *ctx, const struct authority *a)
{
	struct collect *c = ctx;
	c->n++, c->last = a->id;
	return json_array_append_new(c->items, authority_json(a));
}

static int add_organisation(void *ctx, const struct organisation *o)
{
	struct collect *c = ctx;
	c->n++, c->last = o->id;
	return json_array_append_new(c->items, organisation_json(o));
}

static int add_partnership(void *ctx, const struct partnership *p)
{
	struct collect *c = ctx;
	c->n++, c->last = p->id;
	return json_array_append_new(c->items, partnership_json_with_partners(c->st, p));
}

static int add_action(void *ctx, const struct action *a)
{
	struct collect *c = ctx;
	c->n++, c->last = a->id;
	return json_array_append_new(c->items, action_json(a));
}

int api_list(struct req *r)
{
	enum record_kind k = (enum record_kind)r->kind;
	struct store_filter f;
	struct errlist el;
	errlist_init(&el);
	api_filter(r, k, &f, &el);
	if (el.n) {
		int rc = json_errors(r, MHD_HTTP_BAD_REQUEST, &el);
		errlist_clear(&el);
		return rc;
	}
	/* one more than asked: whether there is a next page */
	int limit = f.limit;
	f.limit = limit + 1;
	struct collect c = {.st = r->st, .items = json_array()};
	int64_t total = 0;
	char *err = NULL;
	int rc;
	switch (k) {
	case RK_AUTHORITY: rc = store_authority_list(r->st, &f, add_authority, &c, &total, &err); break;
	case RK_ORGANISATION: rc = store_organisation_list(r->st, &f, add_organisation, &c, &total, &err); break;
	case RK_PARTNERSHIP: rc = store_partnership_list(r->st, &f, add_partnership, &c, &total, &err); break;
	default: rc = store_action_list(r->st, &f, add_action, &c, &total, &err); break;
	}
	if (rc) {
		json_decref(c.items);
		rc = json_error(r, web_http_status(rc), NULL, err ? err : eala_strerror(rc));
		free(err);
		return rc;
	}
	json_t *next = json_null();
	if (c.n > (size_t)limit) {
		json_array_remove(c.items, (size_t)limit);
		json_t *last = json_array_get(c.items, (size_t)limit - 1);
		next = json_copy(json_object_get(last, "id"));
	}
	return json_reply(r, MHD_HTTP_OK, json_pack("{s:I, s:i, s:o, s:o}", "total", (json_int_t)total,
						   "limit", limit, "next_cursor", next, "items", c.items));
}

int draft_hidden(struct req *r, int kind, int64_t id)
{
	int draft = 0;
	if (!reads_drafts(r) && kind >= 0 && kind < RK_COUNT)
		store_is_draft(r->st, record_kind_singular((enum record_kind)kind), id, &draft);
	return draft;
}

int api_get(struct req *r)
{
	enum record_kind k = (enum record_kind)r->kind;
	json_t *j = NULL;
	int rc, draft = 0;
	switch (k) {
	case RK_AUTHORITY: {
		struct authority a;
		if (!(rc = store_authority_get(r->st, r->id, &a)))
			j = authority_json(&a), draft = a.draft;
		authority_clear(&a);
		break;
	}
	case RK_ORGANISATION: {
		struct organisation o;
		if (!(rc = store_organisation_get(r->st, r->id, &o)))
			j = organisation_json(&o), draft = o.draft;
		organisation_clear(&o);
		break;
	}
	case RK_PARTNERSHIP: {
		struct partnership p;
		if (!(rc = store_partnership_get(r->st, r->id, &p)))
			j = partnership_json_with_partners(r->st, &p), draft = p.draft;
		partnership_clear(&p);
		break;
	}
	default: {
		struct action a;
		if (!(rc = store_action_get(r->st, r->id, &a)))
			j = action_json(&a), draft = a.draft;
		action_clear(&a);
		break;
	}
	}
	if (!rc && draft && !reads_drafts(r)) {
		json_decref(j);
		rc = EALA_ENOTFOUND;   /* a draft does not exist for anonymous readers */
	}
	if (rc)
		return json_error(r, web_http_status(rc), NULL,
				  rc == EALA_ENOTFOUND ? "no such record" : eala_strerror(rc));
	return json_reply(r, MHD_HTTP_OK, j);
}
