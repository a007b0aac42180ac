/* page_calls.c: the partner exchange on the web: /partner_calls (the
 * published calls, in a table and on a map: web/src/calls.js draws the
 * calling authorities' places and shades the countries sought), a call's
 * page /partner_calls/{id} with its ranked candidates, the new and edit
 * forms (CSRF through form_guard, errors next to the fields; saving goes
 * through calls_save(), as the API does), and /analysis/match?authority=ID
 * for an authority's profile. The rankings are those of 'eala analyze match'. */
#include "web.h"
#include "html.h"

#include "../analysis/match.h"
#include "../core/codelist.h"
#include "../io/record_json.h"
#include "../io/records_csv.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void not_found(struct req *r, const char *title, const char *msg)
{
	r->status = MHD_HTTP_NOT_FOUND;
	page_begin(r, title, NULL);
	html(&r->body, "<p class=\"error\">");
	html_text(&r->body, msg);
	html(&r->body, "</p>\n");
	page_end(r);
}

static void codes_text(struct req *r, enum codelist_id list, const struct strv *v)
{
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			html(&r->body, ", ");
		html_text(&r->body, codelist_label(list, v->v[i], lang_codelist(r)));
	}
}

/* ---- the list and its map ---- */

struct listing {
	struct req *r;
	json_t *calls;        /* the map's calls */
	json_t *sought;       /* country code -> how many calls seek it */
	size_t n;
};

static int list_row(void *ctx, const struct partner_call *c)
{
	struct listing *l = ctx;
	struct req *r = l->r;
	struct buf *b = &r->body;
	struct authority a = {0};
	store_authority_get(r->st, c->authority_id, &a);
	html(b, "<tr><td><a href=\"/partner_calls/");
	html_int(b, c->id);
	html(b, "\">");
	html_text(b, c->title);
	html(b, "</a></td><td><a href=\"/authorities/");
	html_int(b, c->authority_id);
	html(b, "\">");
	html_text(b, a.name ? a.name : "?");
	html(b, "</a></td><td>");
	codes_text(r, CL_COUNTRY, &c->countries);
	html(b, "</td><td>");
	codes_text(r, CL_ACTION_DOMAIN, &c->domains);
	html(b, "</td><td>");
	html_text(b, c->deadline ? c->deadline : "");
	html(b, "</td><td>");
	html_text(b, codelist_label(CL_PARTNER_CALL_STATUS, c->status, lang_codelist(r)));
	html(b, "</td></tr>\n");
	json_t *o = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)c->id, "title", c->title, "authority",
			      a.name ? a.name : "?");
	if (o && a.has_coords) {
		json_object_set_new(o, "lat", json_real(a.lat));
		json_object_set_new(o, "lng", json_real(a.lng));
	}
	json_array_append_new(l->calls, o);
	for (size_t i = 0; i < c->countries.n; i++) {
		json_t *n = json_object_get(l->sought, c->countries.v[i]);
		json_object_set_new(l->sought, c->countries.v[i], json_integer(n ? json_integer_value(n) + 1 : 1));
	}
	authority_clear(&a);
	l->n++;
	return 0;
}

static void calls_map(struct req *r, struct listing *l)
{
	struct buf *b = &r->body;
	json_t *countries = json_array();
	const char *code;
	json_t *n;
	json_object_foreach(l->sought, code, n) {
		const struct code *e = codelist_find(CL_COUNTRY, code);
		json_array_append_new(countries, json_pack("{s:s, s:s?, s:s, s:I}", "code", code, "numeric",
							   e ? e->attr[CL_ATTR_NUMERIC] : NULL, "label",
							   codelist_label(CL_COUNTRY, code, lang_codelist(r)), "calls",
							   (json_int_t)json_integer_value(n)));
	}
	json_t *data = json_pack("{s:O, s:o, s:s, s:s}", "calls", l->calls, "countries", countries, "sought_label",
				 tr(r, "calls seeking partners there"), "caller_label", tr(r, "calling authority"));
	char *s = data ? json_dumps(data, JSON_COMPACT) : NULL;
	json_decref(data);
	html(b, "<figure class=\"calls-map\"><canvas id=\"calls-map\" width=\"960\" height=\"480\" role=\"img\" "
		"aria-label=\"");
	html_attr(b, tr(r, "Map: the countries sought by the calls shaded, the calling authorities marked"));
	html(b, "\" data-map=\"");
	html_attr(b, s ? s : "{}");
	html(b, "\"></canvas><figcaption>");
	html_text(b, tr(r, "Shaded: countries where partners are sought (darker: more calls). Dots: the calling "
			   "authorities."));
	html(b, "</figcaption></figure>\n<script src=\"/static/calls.js\" defer></script>\n");
	free(s);
}

int page_calls(struct req *r)
{
	struct buf *b = &r->body;
	struct store_call_filter f = {.public_only = !reads_drafts(r)};
	struct listing l = {r, json_array(), json_object(), 0};
	char *err = NULL;
	page_begin(r, tr(r, "Partner calls"), NULL);
	html(b, "<p class=\"lead\">");
	html_text(b, tr(r, "Authorities looking for partners: the countries and domains they seek and the partner "
			   "they have in mind. Each call lists the authorities that match it best, with the parts of "
			   "their score."));
	html(b, "</p>\n");
	if (r->user.id) {
		html(b, "<p><a class=\"button\" href=\"/partner_calls/new\">");
		html_text(b, tr(r, "New partner call"));
		html(b, "</a></p>\n");
	}
	html(b, "<table class=\"gap calls\">\n<thead><tr>");
	const char *heads[] = {tr(r, "Call"), tr(r, "Authority"), tr(r, "Countries sought"), tr(r, "Domains"),
			       tr(r, "Deadline"), tr(r, "Status")};
	for (size_t i = 0; i < sizeof(heads) / sizeof(*heads); i++) {
		html(b, "<th scope=\"col\">");
		html_text(b, heads[i]);
		html(b, "</th>");
	}
	html(b, "</tr></thead>\n<tbody>\n");
	int rc = store_partner_call_list(r->st, &f, list_row, &l, &err);
	html(b, "</tbody>\n</table>\n");
	if (rc) {
		r->status = MHD_HTTP_SERVICE_UNAVAILABLE;
		html(b, "<p class=\"error\">");
		html_text(b, err ? err : "database error");
		html(b, "</p>\n");
	} else if (!l.n) {
		html(b, "<p>");
		html_text(b, tr(r, "No partner call is published."));
		html(b, "</p>\n");
	} else {
		calls_map(r, &l);
	}
	json_decref(l.calls);
	json_decref(l.sought);
	free(err);
	page_end(r);
	return r->status;
}

/* ---- a ranking ---- */

static void sentence(void *ctx, const char *s)
{
	struct req *r = ctx;
	html(&r->body, "<li>");
	html_text(&r->body, s);
	html(&r->body, "</li>\n");
}

static void points(struct buf *b, double v)
{
	char s[32];
	snprintf(s, sizeof(s), "%.1f", v);
	html_text(b, s);
}

static void ranking(struct req *r, const struct match_result *res)
{
	struct buf *b = &r->body;
	int lang = lang_codelist(r);
	html(b, "<section class=\"match\"><h2>");
	html_text(b, tr(r, "Candidates"));
	html(b, "</h2>\n<ul class=\"findings\">\n");
	match_sentences(res, lang, sentence, r);
	html(b, "</ul>\n<table class=\"gap match\">\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">");
	html_text(b, tr(r, "Authority"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "Country"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "Score"));
	html(b, "</th>");
	for (int k = 0; k < MATCH_NPARTS; k++) {
		html(b, "<th scope=\"col\">");
		html_text(b, match_part_label(k, lang));
		html(b, "</th>");
	}
	html(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < res->n; i++) {
		const struct match_candidate *c = &res->v[i];
		html(b, "<tr><td>");
		html_int(b, (long long)i + 1);
		html(b, "</td><th scope=\"row\"><a href=\"/authorities/");
		html_int(b, c->id);
		html(b, "\">");
		html_text(b, c->name);
		html(b, "</a></th><td>");
		html_text(b, codelist_label(CL_COUNTRY, c->country, lang));
		html(b, "</td><td class=\"score\">");
		points(b, c->score);
		html(b, "</td>");
		for (int k = 0; k < MATCH_NPARTS; k++) {
			html(b, "<td>");
			points(b, c->points[k]);
			html(b, "</td>");
		}
		html(b, "</tr>\n");
	}
	html(b, "</tbody>\n</table>\n<p class=\"note\">");
	char s[256];
	snprintf(s, sizeof(s), tr(r, "Points out of 100. Weights (%s):"),
		 res->rules_file ? res->rules_file : "data/rules/match.csv");
	html_text(b, s);
	for (int k = 0; k < MATCH_NPARTS; k++) {
		snprintf(s, sizeof(s), " %s %g%s", match_part_label(k, lang), res->weight[k], k + 1 < MATCH_NPARTS ? "," : ".");
		html_text(b, s);
	}
	html(b, "</p></section>\n");
}

static void run_ranking(struct req *r, const struct match_ask *a)
{
	struct match_result res;
	char *err = NULL;
	int rc = match_ask_run(r, a, &res, &err);
	if (rc) {
		html(&r->body, "<p class=\"error\">");
		html_text(&r->body, err ? err : tr(r, "The candidates cannot be ranked."));
		html(&r->body, "</p>\n");
	} else {
		ranking(r, &res);
	}
	match_clear(&res);
	free(err);
}

/* GET /partner_calls/{id} */
int page_call(struct req *r)
{
	struct buf *b = &r->body;
	struct partner_call c;
	if (store_partner_call_get(r->st, r->id, &c) || !calls_visible(r, &c)) {
		partner_call_clear(&c);
		not_found(r, tr(r, "Partner call"), tr(r, "There is no such partner call."));
		return r->status;
	}
	struct authority a = {0};
	store_authority_get(r->st, c.authority_id, &a);
	page_begin(r, c.title, NULL);
	html(b, "<dl class=\"record\">\n<dt>");
	html_text(b, tr(r, "Authority"));
	html(b, "</dt><dd><a href=\"/authorities/");
	html_int(b, c.authority_id);
	html(b, "\">");
	html_text(b, a.name ? a.name : "?");
	html(b, "</a></dd>\n<dt>");
	html_text(b, tr(r, "Countries sought"));
	html(b, "</dt><dd>");
	if (c.countries.n)
		codes_text(r, CL_COUNTRY, &c.countries);
	else
		html_text(b, tr(r, "any other country"));
	html(b, "</dd>\n<dt>");
	html_text(b, tr(r, "Domains"));
	html(b, "</dt><dd>");
	codes_text(r, CL_ACTION_DOMAIN, &c.domains);
	html(b, "</dd>\n<dt>");
	html_text(b, tr(r, "Partner sought"));
	html(b, "</dt><dd>");
	html_text(b, c.profile ? c.profile : "");
	html(b, "</dd>\n<dt>");
	html_text(b, tr(r, "Deadline"));
	html(b, "</dt><dd>");
	html_text(b, c.deadline ? c.deadline : "");
	html(b, "</dd>\n<dt>");
	html_text(b, tr(r, "Status"));
	html(b, "</dt><dd>");
	html_text(b, codelist_label(CL_PARTNER_CALL_STATUS, c.status, lang_codelist(r)));
	html(b, "</dd>\n</dl>\n");
	if (r->user.id) {
		html(b, "<p><a href=\"/partner_calls/");
		html_int(b, c.id);
		html(b, "/edit\">");
		html_text(b, tr(r, "Edit this call"));
		html(b, "</a></p>\n");
	}
	struct match_ask ask = {.call_id = c.id, .top = 10};
	run_ranking(r, &ask);
	authority_clear(&a);
	partner_call_clear(&c);
	page_end(r);
	return r->status;
}

/* GET /analysis/match?authority=ID[&country=ISO2][&top=N] (or call=ID) */
int page_match(struct req *r)
{
	struct match_ask a;
	struct errlist el;
	errlist_init(&el);
	if (match_ask_read(r, &a, &el)) {
		r->status = MHD_HTTP_BAD_REQUEST;
		page_begin(r, tr(r, "Partner matching"), NULL);
		html(&r->body, "<ul class=\"problems\">\n");
		for (size_t i = 0; i < el.n; i++) {
			html(&r->body, "<li><code>");
			html_text(&r->body, el.v[i].field);
			html(&r->body, "</code>: ");
			html_text(&r->body, el.v[i].msg);
			html(&r->body, "</li>\n");
		}
		html(&r->body, "</ul>\n");
		page_end(r);
		errlist_clear(&el);
		return r->status;
	}
	errlist_clear(&el);
	if (a.call_id) {
		char path[64];
		snprintf(path, sizeof(path), "/partner_calls/%lld", (long long)a.call_id);
		return redirect(r, path);
	}
	struct authority au = {0};
	if (store_authority_get(r->st, a.authority_id, &au) || draft_hidden(r, RK_AUTHORITY, a.authority_id)) {
		authority_clear(&au);
		not_found(r, tr(r, "Partner matching"), tr(r, "There is no authority with this number."));
		return r->status;
	}
	char title[300];
	snprintf(title, sizeof(title), "%s · %s", tr(r, "Partner matching"), au.name);
	page_begin(r, title, NULL);
	html(&r->body, "<p class=\"lead\">");
	if (a.country) {
		char s[300];
		snprintf(s, sizeof(s), tr(r, "The authorities of %s that could become partners, ranked by a score whose parts are shown."),
			 codelist_label(CL_COUNTRY, a.country, lang_codelist(r)));
		html_text(&r->body, s);
	} else {
		html_text(&r->body, tr(r, "The authorities abroad that could become partners, ranked by a score whose "
					  "parts are shown."));
	}
	html(&r->body, "</p>\n");
	run_ranking(r, &a);
	authority_clear(&au);
	page_end(r);
	return r->status;
}

/* ---- the form ---- */

static const struct ffield call_fields[] = {
	{"title", N_("Title"), FT_TEXT, 0, 1, NULL},
	{"authority_id", N_("Calling authority"), FT_ID, 0, 1, N_("its number, as on its page")},
	{"countries", N_("Countries sought"), FT_CODES, CL_COUNTRY, 0, N_("none: any other country")},
	{"domains", N_("Domains"), FT_CODES, CL_ACTION_DOMAIN, 0, NULL},
	{"profile", N_("Partner sought"), FT_AREA, 0, 0, N_("the partner you have in mind, in words")},
	{"deadline", N_("Deadline"), FT_DATE, 0, 0, NULL},
	{"status", N_("Status"), FT_CODE, CL_PARTNER_CALL_STATUS, 1, N_("draft: not published; open: published")},
	{NULL, NULL, 0, 0, 0, NULL},
};

static char *value_of(json_t *v)
{
	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_array(v)) {
		struct strv sv = {0};
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e)
			if (json_is_string(e))
				strv_push(&sv, json_string_value(e));
		char *s = strv_join(&sv, "|");
		strv_clear(&sv);
		return s;
	}
	return NULL;
}

static void call_form(struct req *r, int64_t id, json_t *view, const struct errlist *el)
{
	struct buf *b = &r->body;
	char title[160], action[64];
	if (id)
		snprintf(title, sizeof(title), "%s #%lld", tr(r, "Edit partner call"), (long long)id);
	else
		snprintf(title, sizeof(title), "%s", tr(r, "New partner call"));
	page_begin(r, title, NULL);
	form_error_summary(r, el, tr(r, "The call was not saved:"), NULL);
	if (id)
		snprintf(action, sizeof(action), "/partner_calls/%lld/edit", (long long)id);
	else
		snprintf(action, sizeof(action), "/partner_calls/new");
	html(b, "<form method=\"post\" action=\"");
	html_attr(b, action);
	html(b, "\">\n<input type=\"hidden\" name=\"csrf\" value=\"");
	html_attr(b, r->csrf);
	html(b, "\">\n");
	for (const struct ffield *f = call_fields; f->name; f++) {
		char *v = value_of(json_object_get(view, f->name));
		form_input(r, f, v, el);
		free(v);
	}
	html(b, "<p><button type=\"submit\">");
	html_text(b, tr(r, "Save"));
	html(b, "</button></p>\n</form>\n");
	page_end(r);
}

/* GET /partner_calls/new[?authority=ID], GET /partner_calls/{id}/edit */
int page_call_form(struct req *r)
{
	if (form_guard(r))
		return r->status;
	struct errlist el;
	errlist_init(&el);
	json_t *view;
	if (r->id) {
		struct partner_call c;
		if (store_partner_call_get(r->st, r->id, &c) != EALA_OK) {
			not_found(r, tr(r, "Partner call"), tr(r, "There is no such partner call."));
			errlist_clear(&el);
			return r->status;
		}
		view = partner_call_json(&c);
		partner_call_clear(&c);
	} else {
		view = json_pack("{s:s}", "status", "draft");
		const char *a = req_arg(r, "authority");
		char *end = NULL;
		long long id = a ? strtoll(a, &end, 10) : 0;
		if (a && !*end && id > 0)
			json_object_set_new(view, "authority_id", json_integer(id));
	}
	call_form(r, r->id, view, &el);
	json_decref(view);
	errlist_clear(&el);
	return r->status;
}

/* The posted form as the API's JSON; a number that is not one named in el. */
static json_t *posted(struct req *r, struct errlist *el)
{
	json_t *o = json_object();
	for (const struct ffield *f = call_fields; f->name; f++) {
		if (f->type == FT_CODES) {   /* a multiple select posts the name once per choice */
			json_t *a = json_array();
			for (size_t i = 0; i < r->n_form; i++)
				if (strcmp(r->form[i].key, f->name) == 0 && r->form[i].value.s && *r->form[i].value.s)
					json_array_append_new(a, json_string(r->form[i].value.s));
			json_object_set_new(o, f->name, a);
			continue;
		}
		const char *v = req_form(r, f->name);
		if (!v || !*v) {
			json_object_set_new(o, f->name, json_null());
		} else if (f->type == FT_ID) {
			char *end = NULL;
			long long n = strtoll(v, &end, 10);
			if (*end || n <= 0)
				errlist_add(el, NULL, 0, f->name, N_("must be a whole number"));
			else
				json_object_set_new(o, f->name, json_integer(n));
		} else {
			json_object_set_new(o, f->name, json_string(v));
		}
	}
	return o;
}

/* POST /partner_calls/new, POST /partner_calls/{id}/edit */
int form_call_save(struct req *r)
{
	if (form_guard(r))
		return r->status;
	struct errlist el;
	char *err = NULL;
	int64_t saved = 0;
	errlist_init(&el);
	json_t *j = posted(r, &el);
	int status = el.n ? 422 : calls_save(r, r->id, j, &el, &saved, &err);
	if (status == MHD_HTTP_OK || status == MHD_HTTP_CREATED) {
		char path[64];
		snprintf(path, sizeof(path), "/partner_calls/%lld", (long long)saved);
		redirect(r, path);
	} else if (status == MHD_HTTP_NOT_FOUND) {
		not_found(r, tr(r, "Partner call"), tr(r, "There is no such partner call."));
	} else {
		if (status == MHD_HTTP_FORBIDDEN)
			errlist_add(&el, NULL, 0, "authority_id", N_("your roles do not let you write the calls of this authority"));
		else if (status != 422)
			errlist_add(&el, NULL, 0, NULL, "%s", err ? err : "database error");
		call_form(r, r->id, j, &el);
		r->status = status == 422 ? 422 : status;
	}
	json_decref(j);
	free(err);
	errlist_clear(&el);
	return r->status;
}
