/* page_practices.c: practices and their adoptions (seed 000: "a model ...
 * copied by local authorities and states on every continent"): the API
 * (GET/POST /api/v1/practices, GET /api/v1/practices/{id} with its adoption
 * over time and its plausible paths, POST /api/v1/practices/{id}/adoptions),
 * the pages /practices and /practices/{id} with their forms, and one place
 * for the rules both share: who may write (core/auth.c authz_allows: anyone
 * who may create a record of no authority adds a practice; whoever may edit
 * the adopting authority records its adoption), the checks, the audit event. */
#include "web.h"
#include "html.h"

#include "../analysis/network.h"
#include "../core/auth.h"
#include "../io/record_json.h"
#include "../io/records_csv.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int allows(struct req *r, enum operation op, const int64_t *scope, size_t n)
{
	struct principal p = {r->user.id, r->user.login, r->roles, r->n_roles};
	return authz_allows(&p, op, scope, n);
}

/* Leave out the adoptions of authorities this reader may not see (drafts). */
static void public_adoptions(struct req *r, struct practice *p)
{
	size_t k = 0;
	for (size_t i = 0; i < p->n_adoptions; i++) {
		if (draft_hidden(r, RK_AUTHORITY, p->adoptions[i].authority_id)) {
			free(p->adoptions[i].date);
			continue;
		}
		p->adoptions[k++] = p->adoptions[i];
	}
	p->n_adoptions = k;
}

/* ---- the writes, shared by the API and the forms ---- */

/* Add a practice; the HTTP status, problems in el, *id set on 201. */
static int practice_add(struct req *r, const char *name, const char *description, const char *source,
			struct errlist *el, int64_t *id)
{
	struct practice p = {0};
	struct practice old;
	p.name = (char *)name, p.description = (char *)description, p.source = (char *)source;
	if (!allows(r, OP_CREATE, NULL, 0))
		return MHD_HTTP_FORBIDDEN;
	practice_validate(&p, NULL, el);   /* added to the problems el may hold already */
	if (name && store_practice_find_name(r->st, name, &old) == EALA_OK) {
		errlist_add(el, NULL, 0, "name", N_("a practice of this name exists (#%lld)"), (long long)old.id);
		practice_clear(&old);
	}
	if (el->n)
		return 422;
	char *err = NULL;
	int rc = store_begin(r->st) ? EALA_EIO : EALA_OK;
	if (!rc)
		rc = store_practice_insert(r->st, &p, &err);
	rc = audit_commit(r, rc, "practice", "create", p.id, NULL, rc ? NULL : practice_json(&p), &err);
	if (rc)
		errlist_add(el, NULL, 0, "", "%s", err ? err : eala_strerror(rc));
	free(err);
	*id = p.id;
	return rc ? web_http_status(rc) : MHD_HTTP_CREATED;
}

/* Record (or correct the date of) an adoption; the HTTP status, problems in el. */
static int practice_adoption_add(struct req *r, int64_t practice_id, int64_t authority_id, const char *date,
				 struct errlist *el)
{
	struct practice p;
	if (store_practice_get(r->st, practice_id, &p))
		return MHD_HTTP_NOT_FOUND;
	if (date && !date_valid(date))
		errlist_add(el, NULL, 0, "date", N_("is not a valid date (YYYY-MM-DD)"));
	if (authority_id && (!store_authority_exists(r->st, authority_id) || draft_hidden(r, RK_AUTHORITY, authority_id)))
		errlist_add(el, NULL, 0, "authority_id", N_("there is no authority #%lld"), (long long)authority_id);
	int status = el->n ? 422 : 0;
	if (!status && !allows(r, OP_UPDATE, &authority_id, 1))
		status = MHD_HTTP_FORBIDDEN;
	char *err = NULL;
	if (!status) {
		json_t *before = practice_json(&p);
		int rc = store_begin(r->st) ? EALA_EIO : EALA_OK;
		if (!rc)
			rc = store_practice_adopt(r->st, practice_id, authority_id, date, &err);
		struct practice after;
		if (!rc && store_practice_get(r->st, practice_id, &after) == EALA_OK) {
			rc = audit_commit(r, rc, "practice", "update", practice_id, before, practice_json(&after), &err);
			practice_clear(&after);
		} else {
			rc = audit_commit(r, rc ? rc : EALA_EIO, "practice", "update", practice_id, before, NULL, &err);
		}
		json_decref(before);
		if (rc)
			errlist_add(el, NULL, 0, "", "%s", err ? err : eala_strerror(rc));
		status = rc ? web_http_status(rc) : MHD_HTTP_CREATED;
	}
	free(err);
	practice_clear(&p);
	return status;
}

/* ---- the analysis of one practice ---- */

struct reading {
	struct practice p;
	struct network_graph g;
	struct practice_result res;
	struct network_membership_edge *m;
	size_t n_m, n_names;
	int64_t *net_ids;
	char **net_names;
};

static void reading_clear(struct reading *x)
{
	practice_clear(&x->p);
	network_graph_clear(&x->g);
	practice_result_clear(&x->res);
	network_names_free(x->net_ids, x->net_names, x->n_names);
	free(x->m);
	memset(x, 0, sizeof(*x));
}

/* EALA_ENOTFOUND, or EALA_OK with everything read and computed. */
static int reading_load(struct req *r, int64_t id, struct reading *x, char **err)
{
	memset(x, 0, sizeof(*x));
	if (store_practice_get(r->st, id, &x->p))
		return EALA_ENOTFOUND;
	public_adoptions(r, &x->p);
	int rc = network_load(r->st, !reads_drafts(r), &x->g, err);
	if (!rc)
		rc = network_memberships_load(r->st, !reads_drafts(r), &x->m, &x->n_m, &x->net_ids, &x->net_names,
					      &x->n_names, err);
	if (!rc)
		rc = practice_compute(&x->p, &x->g, x->m, x->n_m, &x->res);
	return rc;
}

/* ---- API ---- */

static int add_practice_item(void *ctx, const struct practice *p)
{
	struct req *r = ((void **)ctx)[0];
	json_t *items = ((void **)ctx)[1];
	struct practice copy = *p;
	struct practice_adoption *v = p->n_adoptions ? malloc(p->n_adoptions * sizeof(*v)) : NULL;
	size_t k = 0;
	for (size_t i = 0; v && i < p->n_adoptions; i++)
		if (!draft_hidden(r, RK_AUTHORITY, p->adoptions[i].authority_id))
			v[k++] = p->adoptions[i];
	copy.adoptions = v, copy.n_adoptions = k;
	json_array_append_new(items, practice_json(&copy));
	free(v);
	return 0;
}

int api_practices_list(struct req *r)
{
	json_t *items = json_array();
	void *ctx[2] = {r, items};
	char *err = NULL;
	if (store_practice_each(r->st, add_practice_item, ctx, &err)) {
		json_decref(items);
		int rc = json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, err ? err : "database error");
		free(err);
		return rc;
	}
	return json_reply(r, MHD_HTTP_OK, json_pack("{s:I, s:o}", "total", (json_int_t)json_array_size(items), "items",
					       items));
}

int api_practice_get(struct req *r)
{
	struct reading x;
	char *err = NULL;
	int rc = reading_load(r, r->id, &x, &err);
	if (rc == EALA_ENOTFOUND)
		json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such practice");
	else if (rc)
		json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, err ? err : "database error");
	else
		json_reply(r, MHD_HTTP_OK, practice_paths_json(&x.p, &x.res, &x.g, x.net_ids,
							       (const char *const *)x.net_names, x.n_names));
	reading_clear(&x);
	free(err);
	return r->status;
}

/* A string member of j into *out (NULL when absent or null), else a problem. */
static void str_field(json_t *j, const char *name, const char **out, struct errlist *el)
{
	json_t *v = json_object_get(j, name);
	*out = NULL;
	if (v && !json_is_null(v) && !(*out = json_string_value(v)))
		errlist_add(el, NULL, 0, name, N_("must be a string"));
}

static void unknown_fields(json_t *j, const char *const *known, struct errlist *el)
{
	const char *key;
	json_t *v;
	json_object_foreach(j, key, v) {
		int ok = 0;
		for (const char *const *k = known; *k; k++)
			ok |= strcmp(key, *k) == 0;
		if (!ok)
			errlist_add(el, NULL, 0, key, N_("is not a field of this record"));
	}
}

static int reply_status(struct req *r, int status, const struct errlist *el)
{
	if (status == MHD_HTTP_FORBIDDEN)
		return json_error(r, status, NULL, "your roles do not let you change this record");
	if (status == MHD_HTTP_NOT_FOUND)
		return json_error(r, status, NULL, "no such practice");
	return json_errors(r, status, el);
}

int api_practices_create(struct req *r)
{
	static const char *const known[] = {"id", "name", "description", "source", NULL};
	json_t *j = req_json(r);
	if (!j)
		return r->status;
	struct errlist el;
	errlist_init(&el);
	const char *name, *description, *source;
	str_field(j, "name", &name, &el);
	str_field(j, "description", &description, &el);
	str_field(j, "source", &source, &el);
	unknown_fields(j, known, &el);
	int64_t id = 0;
	int status = practice_add(r, name, description, source, &el, &id);
	if (status == MHD_HTTP_CREATED) {
		struct practice p;
		store_practice_get(r->st, id, &p);
		json_reply(r, status, practice_json(&p));
		practice_clear(&p);
	} else {
		reply_status(r, status, &el);
	}
	json_decref(j);
	errlist_clear(&el);
	return r->status;
}

int api_practice_adopt(struct req *r)
{
	static const char *const known[] = {"authority_id", "date", NULL};
	json_t *j = req_json(r);
	if (!j)
		return r->status;
	struct errlist el;
	errlist_init(&el);
	const char *date;
	json_t *a = json_object_get(j, "authority_id");
	int64_t authority_id = json_is_integer(a) ? json_integer_value(a) : 0;
	if (!json_is_integer(a) || authority_id <= 0)
		errlist_add(&el, NULL, 0, "authority_id", N_("must be the id of an authority"));
	str_field(j, "date", &date, &el);
	unknown_fields(j, known, &el);
	int status = practice_adoption_add(r, r->id, authority_id, date, &el);
	if (status == MHD_HTTP_CREATED) {
		struct practice p;
		store_practice_get(r->st, r->id, &p);
		public_adoptions(r, &p);
		json_reply(r, status, practice_json(&p));
		practice_clear(&p);
	} else {
		reply_status(r, status, &el);
	}
	json_decref(j);
	errlist_clear(&el);
	return r->status;
}

/* ---- pages ---- */

static int page_not_found(struct req *r)
{
	r->status = MHD_HTTP_NOT_FOUND;
	page_begin(r, tr(r, "Not found"), NULL);
	html(&r->body, "<p>");
	html_text(&r->body, tr(r, "There is no practice with this number."));
	html(&r->body, "</p>\n");
	page_end(r);
	return r->status;
}

static void hidden_field(struct buf *b, const char *name, const char *value)
{
	html(b, "<input type=\"hidden\" name=\"");
	html_attr(b, name);
	html(b, "\" value=\"");
	html_attr(b, value);
	html(b, "\">\n");
}

static void text_input(struct req *r, const char *name, const char *type, const char *label, const char *value,
		       const struct errlist *el)
{
	struct buf *b = &r->body;
	html(b, "<p><label for=\"f-");
	html_attr(b, name);
	html(b, "\">");
	html_text(b, label);
	html(b, "</label> <input id=\"f-");
	html_attr(b, name);
	html(b, "\" name=\"");
	html_attr(b, name);
	html(b, "\" type=\"");
	html_attr(b, type);
	html(b, "\" value=\"");
	html_attr(b, value ? value : "");
	html(b, "\">");
	form_field_error(b, el, name);
	html(b, "</p>\n");
}

static int add_row(void *ctx, const struct practice *p)
{
	struct req *r = ctx;
	struct buf *b = &r->body;
	size_t n = 0;
	for (size_t i = 0; i < p->n_adoptions; i++)
		n += !draft_hidden(r, RK_AUTHORITY, p->adoptions[i].authority_id);
	html(b, "<tr><th scope=\"row\"><a href=\"/practices/");
	html_int(b, p->id);
	html(b, "\">");
	html_text(b, p->name);
	html(b, "</a></th><td>");
	html_int(b, (long long)n);
	html(b, "</td><td>");
	html_text(b, p->description ? p->description : "");
	html(b, "</td></tr>\n");
	return 0;
}

static void new_form(struct req *r, const struct errlist *el)
{
	struct buf *b = &r->body;
	if (!r->user.id)
		return;
	html(b, "<h2>");
	html_text(b, tr(r, "Add a practice"));
	html(b, "</h2>\n");
	form_error_summary(r, el, tr(r, "The practice was not added:"), NULL);
	html(b, "<form method=\"post\" action=\"/practices\" class=\"record\">\n");
	hidden_field(b, "csrf", r->csrf);
	text_input(r, "name", "text", tr(r, "Name"), req_form(r, "name"), el);
	text_input(r, "description", "text", tr(r, "Description"), req_form(r, "description"), el);
	text_input(r, "source", "text", tr(r, "Source"), req_form(r, "source"), el);
	html(b, "<p><button type=\"submit\">");
	html_text(b, tr(r, "Add"));
	html(b, "</button></p></form>\n");
}

static int list_page(struct req *r, const struct errlist *el)
{
	struct buf *b = &r->body;
	page_begin(r, tr(r, "Practices"), NULL);
	html(b, "<p class=\"lead\">");
	html_text(b, tr(r, "Practices that circulate between authorities, such as participatory budgeting from Porto "
			   "Alegre: who adopted them and when, and the partnerships and city networks they may have "
			   "travelled along."));
	html(b, "</p>\n<table class=\"practices\">\n<thead><tr><th scope=\"col\">");
	html_text(b, tr(r, "Practice"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "Adopters"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "Description"));
	html(b, "</th></tr></thead>\n<tbody>\n");
	char *err = NULL;
	store_practice_each(r->st, add_row, r, &err);
	free(err);
	html(b, "</tbody>\n</table>\n");
	new_form(r, el);
	page_end(r);
	return r->status;
}

int page_practices(struct req *r)
{
	struct errlist none;
	errlist_init(&none);
	return list_page(r, &none);
}

int form_practice_create(struct req *r)
{
	if (form_guard(r))
		return r->status;
	struct errlist el;
	errlist_init(&el);
	const char *name = req_form(r, "name"), *description = req_form(r, "description"),
		   *source = req_form(r, "source");
	int64_t id = 0;
	int status = practice_add(r, name && *name ? name : NULL, description && *description ? description : NULL,
				  source && *source ? source : NULL, &el, &id);
	if (status == MHD_HTTP_CREATED) {
		char path[64];
		snprintf(path, sizeof(path), "/practices/%lld", (long long)id);
		redirect(r, path);
	} else {
		if (status == MHD_HTTP_FORBIDDEN)
			errlist_add(&el, NULL, 0, "", N_("your roles do not let you change this record"));
		r->status = status == 422 ? MHD_HTTP_UNPROCESSABLE_CONTENT : status;
		list_page(r, &el);
	}
	errlist_clear(&el);
	return r->status;
}

static void year_table(struct req *r, const struct practice_result *res)
{
	struct buf *b = &r->body;
	html(b, "<table class=\"adoption-years\">\n<thead><tr><th scope=\"col\">");
	html_text(b, tr(r, "Year"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "Adoptions"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "Total so far"));
	html(b, "</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < res->n_years; i++) {
		if (!res->years[i].adoptions)
			continue;
		html(b, "<tr><th scope=\"row\">");
		html_int(b, res->years[i].year);
		html(b, "</th><td>");
		html_int(b, res->years[i].adoptions);
		html(b, "</td><td>");
		html_int(b, res->years[i].cumulative);
		html(b, "</td></tr>\n");
	}
	html(b, "</tbody>\n</table>\n");
}

static void adoption_chart(struct req *r, const struct practice_result *res)
{
	json_t *years = json_array(), *ad = json_array(), *cum = json_array();
	for (size_t i = 0; i < res->n_years; i++) {
		json_array_append_new(years, json_integer(res->years[i].year));
		json_array_append_new(ad, json_integer(res->years[i].adoptions));
		json_array_append_new(cum, json_integer(res->years[i].cumulative));
	}
	json_t *data = json_pack("{s:o, s:o, s:o, s:s, s:s}", "years", years, "adoptions", ad, "cumulative", cum,
				 "adoptions_label", tr(r, "adoptions in the year"), "cumulative_label",
				 tr(r, "adopters so far"));
	char *s = json_dumps(data, JSON_COMPACT);
	json_decref(data);
	html(&r->body, "<div class=\"chart\"><canvas id=\"practice-chart\" role=\"img\" aria-label=\"");
	html_attr(&r->body, tr(r, "Adoptions of the practice per year and the number of adopters so far"));
	html(&r->body, "\" data-chart=\"");
	html_attr(&r->body, s ? s : "{}");
	html(&r->body, "\"></canvas></div>\n<script src=\"/static/network.js\" defer></script>\n");
	free(s);
}

static void authority_link(struct req *r, const struct network_graph *g, int64_t id)
{
	char buf[32];
	html(&r->body, "<a href=\"/authorities/");
	html_int(&r->body, id);
	html(&r->body, "\">");
	html_text(&r->body, network_name(g, id, buf, sizeof(buf)));
	html(&r->body, "</a>");
}

static void paths(struct req *r, const struct reading *x)
{
	struct buf *b = &r->body;
	char s[300];
	html(b, "<h2>");
	html_text(b, tr(r, "Plausible paths"));
	html(b, "</h2>\n<p>");
	if (!x->res.n_paths)
		html_text(b, tr(r, "No adopter has a partner or a fellow network member that adopted the practice before it."));
	else
		html_text(b, tr(r, "Each adopter whose partner, or fellow member of a city network, had adopted the practice "
				   "before it: a path the practice may have taken, not a proof."));
	html(b, "</p>\n<ul class=\"paths\">\n");
	for (size_t i = 0; i < x->res.n_paths; i++) {
		const struct practice_path *p = &x->res.paths[i];
		html(b, "<li>");
		authority_link(r, &x->g, p->adopter);
		html(b, " (");
		html_text(b, p->date);
		html(b, ") ← ");
		authority_link(r, &x->g, p->earlier);
		html(b, " (");
		html_text(b, p->earlier_date);
		html(b, "), ");
		if (!p->via_network) {
			html_text(b, tr(r, "partners in"));
			html(b, " <a href=\"/partnerships/");
			html_int(b, p->via);
			html(b, "\">");
			html_text(b, tr(r, "partnership"));
			html(b, " #");
			html_int(b, p->via);
			html(b, "</a>");
		} else {
			const char *name = NULL;
			for (size_t k = 0; k < x->n_names; k++)
				if (x->net_ids[k] == p->via)
					name = x->net_names[k];
			html_text(b, tr(r, "fellow members of"));
			html(b, " <a href=\"/organisations/");
			html_int(b, p->via);
			html(b, "\">");
			html_text(b, name ? name : "?");
			html(b, "</a>");
		}
		html(b, "</li>\n");
	}
	html(b, "</ul>\n<p>");
	snprintf(s, sizeof(s), trn(r, "%zu dated adopter had no earlier adopter among its partners or networks.",
				   "%zu dated adopters had no earlier adopter among their partners or networks.",
				   (unsigned long)x->res.first_adopters),
		 x->res.first_adopters);
	html_text(b, s);
	html(b, "</p>\n");
}

static void adoption_form(struct req *r, int64_t id, const struct errlist *el)
{
	struct buf *b = &r->body;
	if (!r->user.id)
		return;
	html(b, "<h2>");
	html_text(b, tr(r, "Record an adoption"));
	html(b, "</h2>\n");
	form_error_summary(r, el, tr(r, "The adoption was not recorded:"), NULL);
	html(b, "<form method=\"post\" action=\"/practices/");
	html_int(b, id);
	html(b, "/adoptions\" class=\"record\">\n");
	hidden_field(b, "csrf", r->csrf);
	text_input(r, "authority_id", "number", tr(r, "Authority (number)"), req_form(r, "authority_id"), el);
	text_input(r, "date", "date", tr(r, "Date of adoption"), req_form(r, "date"), el);
	html(b, "<p><button type=\"submit\">");
	html_text(b, tr(r, "Record"));
	html(b, "</button></p></form>\n");
}

static int practice_page(struct req *r, int64_t id, const struct errlist *el)
{
	struct buf *b = &r->body;
	struct reading x;
	char *err = NULL, s[300];
	int rc = reading_load(r, id, &x, &err);
	if (rc == EALA_ENOTFOUND) {
		reading_clear(&x);
		return page_not_found(r);
	}
	page_begin(r, x.p.name ? x.p.name : "", NULL);
	if (rc) {
		r->status = MHD_HTTP_SERVICE_UNAVAILABLE;
		html(b, "<p class=\"error\">");
		html_text(b, err ? err : "database error");
		html(b, "</p>\n");
		goto out;
	}
	if (x.p.description) {
		html(b, "<p class=\"lead\">");
		html_text(b, x.p.description);
		html(b, "</p>\n");
	}
	html(b, "<p>");
	snprintf(s, sizeof(s), trn(r, "%zu adopter", "%zu adopters", (unsigned long)x.res.n_adopters), x.res.n_adopters);
	html_text(b, s);
	if (x.res.undated) {
		snprintf(s, sizeof(s), tr(r, " (%zu without a date)"), x.res.undated);
		html_text(b, s);
	}
	html(b, ".</p>\n");
	if (x.res.n_years) {
		year_table(r, &x.res);
		adoption_chart(r, &x.res);
	}
	paths(r, &x);
	html(b, "<h2>");
	html_text(b, tr(r, "Adopters"));
	html(b, "</h2>\n<ul class=\"adopters\">\n");
	for (size_t i = 0; i < x.p.n_adoptions; i++) {
		html(b, "<li>");
		authority_link(r, &x.g, x.p.adoptions[i].authority_id);
		html(b, " · ");
		html_text(b, x.p.adoptions[i].date ? x.p.adoptions[i].date : tr(r, "date unknown"));
		html(b, "</li>\n");
	}
	html(b, "</ul>\n");
	if (x.p.source) {
		html(b, "<p class=\"source\">");
		html_text(b, tr(r, "Source:"));
		html(b, " ");
		html_text(b, x.p.source);
		html(b, "</p>\n");
	}
	if (x.p.illustrative) {
		html(b, "<p class=\"source\">");
		html_text(b, tr(r, "Illustrative, not documented (demo data):"));
		html(b, " ");
		html_text(b, x.p.illustrative);
		html(b, "</p>\n");
	}
	adoption_form(r, id, el);
out:
	page_end(r);
	reading_clear(&x);
	free(err);
	return r->status;
}

int page_practice(struct req *r)
{
	struct errlist none;
	errlist_init(&none);
	return practice_page(r, r->id, &none);
}

int form_practice_adopt(struct req *r)
{
	if (form_guard(r))
		return r->status;
	struct errlist el;
	errlist_init(&el);
	const char *a = req_form(r, "authority_id"), *date = req_form(r, "date");
	char *end = NULL;
	long long authority_id = a ? strtoll(a, &end, 10) : 0;
	if (!a || !*a || *end || authority_id <= 0)
		errlist_add(&el, NULL, 0, "authority_id", N_("must be the id of an authority"));
	int status = practice_adoption_add(r, r->id, authority_id, date && *date ? date : NULL, &el);
	if (status == MHD_HTTP_CREATED) {
		char path[64];
		snprintf(path, sizeof(path), "/practices/%lld", (long long)r->id);
		redirect(r, path);
	} else if (status == MHD_HTTP_NOT_FOUND) {
		page_not_found(r);
	} else {
		if (status == MHD_HTTP_FORBIDDEN)
			errlist_add(&el, NULL, 0, "", N_("your roles do not let you change this record"));
		r->status = status == 422 ? MHD_HTTP_UNPROCESSABLE_CONTENT : status;
		practice_page(r, r->id, &el);
	}
	errlist_clear(&el);
	return r->status;
}
