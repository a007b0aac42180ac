/* page_coordination.c: /analysis/coordination and GET /api/v1/analysis/
 * coordination, pooling (src/analysis/coordination.c): in one country, the
 * home authorities active there, the clusters of overlapping actions, a city
 * and the body that contains it, ranked suggestions to pool. The page: a
 * form (country, domain, year), the sentences, a Chart.js bar chart of the
 * authorities by financing (web/src/coordination.js, fed by a data
 * attribute), tables. The same figures as 'eala analyze coordination
 * --json'; anonymous readers' figures leave drafts out. */
#include "web.h"
#include "html.h"

#include "../analysis/coordination.h"
#include "../core/codelist.h"
#include "../core/text.h"
#include "../io/records_csv.h"

#include <ctype.h>
#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ask {
	char country[3];
	const char *domain;
	int64_t territory;
	int year;
	int not_found;
};

/* Every bad parameter named at once. */
static void ask_read(struct req *r, struct ask *a, struct errlist *el)
{
	memset(a, 0, sizeof(*a));
	const char *c = req_arg(r, "country");
	if (!c)
		errlist_add(el, NULL, 0, "country", N_("is required"));
	else if (strlen(c) != 2 || !(a->country[0] = (char)toupper((unsigned char)c[0]),
				     a->country[1] = (char)toupper((unsigned char)c[1]),
				     codelist_has(CL_COUNTRY, a->country)))
		errlist_add(el, NULL, 0, "country", N_("is not an ISO 3166-1 alpha-2 country code"));
	a->domain = req_arg(r, "domain");
	if (a->domain && !codelist_has(CL_ACTION_DOMAIN, a->domain))
		errlist_add(el, NULL, 0, "domain", N_("is not a code of the action-domain list"));
	a->territory = api_int_arg(r, "territory", 1, INT64_MAX, 0, el);
	a->year = (int)api_int_arg(r, "year", 1900, 2100, 0, el);
	if (a->territory && !el->n) {
		struct authority au = {0};
		if (store_authority_get(r->st, a->territory, &au) || draft_hidden(r, RK_AUTHORITY, a->territory))
			a->not_found = 1;
		else if (strcmp(au.country, a->country) != 0)
			errlist_add(el, NULL, 0, "territory", N_("is not an authority of that country"));
		authority_clear(&au);
	}
}

static struct coordination_params params(const struct ask *a)
{
	return (struct coordination_params){.country = a->country, .territory = a->territory, .domain = a->domain,
					    .year = a->year};
}

int api_coordination(struct req *r)
{
	struct ask a;
	struct errlist el;
	struct coordination_result res = {0};
	char *err = NULL;
	int rc;
	errlist_init(&el);
	ask_read(r, &a, &el);
	struct coordination_params p = params(&a);
	if (el.n)
		rc = json_errors(r, MHD_HTTP_BAD_REQUEST, &el);
	else if (a.not_found)
		rc = json_error(r, MHD_HTTP_NOT_FOUND, "territory", "no such authority");
	else if (coordination_load(r->st, &p, !reads_drafts(r), &res, &err))
		rc = json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, err ? err : "database error");
	else
		rc = json_reply(r, MHD_HTTP_OK, coordination_json(&res, &p, CL_LANG_EN));
	free(err);
	coordination_clear(&res);
	errlist_clear(&el);
	return rc;
}

/* ---- the page ---- */

struct option_row {
	const char *code, *label;
	char *key;              /* the label case- and accent-folded: Émirats among the E */
};

static int cmp_option(const void *a, const void *b)
{
	const struct option_row *x = a, *y = b;
	int c = strcmp(x->key ? x->key : x->label, y->key ? y->key : y->label);
	return c ? c : strcmp(x->code, y->code);
}

/* A select of a code list's values, sorted by their label in the page's language. */
static void select_list(struct req *r, const char *name, const char *label, enum codelist_id id, const char *cur,
			const char *none)
{
	struct buf *b = &r->body;
	const struct codelist *cl = codelist_get(id);
	size_t n = cl ? cl->n : 0;
	struct option_row *o = calloc(n ? n : 1, sizeof(*o));
	for (size_t i = 0; o && i < n; i++) {
		o[i].code = cl->v[i].code;
		o[i].label = codelist_label(id, cl->v[i].code, lang_codelist(r));
		o[i].key = text_loose_key(o[i].label);
	}
	if (o)
		qsort(o, n, sizeof(*o), cmp_option);
	html(b, "<label>");
	html_text(b, label);
	html(b, " <select name=\"");
	html_attr(b, name);
	html(b, "\">");
	if (none) {
		html(b, "<option value=\"\">");
		html_text(b, none);
		html(b, "</option>");
	}
	for (size_t i = 0; o && i < n; i++) {
		html(b, "<option value=\"");
		html_attr(b, o[i].code);
		html(b, cur && strcmp(cur, o[i].code) == 0 ? "\" selected>" : "\">");
		html_text(b, o[i].label);
		html(b, "</option>");
		free(o[i].key);
	}
	free(o);
	html(b, "</select></label>\n");
}

static void form(struct req *r, const struct ask *a)
{
	struct buf *b = &r->body;
	html(b, "<form class=\"filters\" action=\"/analysis/coordination\" method=\"get\">");
	select_list(r, "country", tr(r, "Partner country"), CL_COUNTRY, a->country[0] ? a->country : "ML", NULL);
	select_list(r, "domain", tr(r, "Domain"), CL_ACTION_DOMAIN, a->domain, tr(r, "every domain"));
	if (a->territory) {
		html(b, "<input type=\"hidden\" name=\"territory\" value=\"");
		html_int(b, a->territory);
		html(b, "\">");
	}
	html(b, "<label>");
	html_text(b, tr(r, "Year"));
	html(b, " <input type=\"number\" name=\"year\" min=\"1900\" max=\"2100\" value=\"");
	if (a->year)
		html_int(b, a->year);
	html(b, "\"></label> <button type=\"submit\">");
	html_text(b, tr(r, "Show"));
	html(b, "</button></form>\n");
}

static void sentence(void *ctx, const char *s)
{
	struct req *r = ctx;
	html(&r->body, "<li>");
	html_text(&r->body, s);
	html(&r->body, "</li>\n");
}

static void authority_link(struct buf *b, int64_t id, const char *name)
{
	html(b, "<a href=\"/authorities/");
	html_int(b, id);
	html(b, "\">");
	html_text(b, name ? name : "?");
	html(b, "</a>");
}

static void euros(struct buf *b, double v)
{
	char s[40];
	snprintf(s, sizeof(s), "%.0f", v);
	html_text(b, s);
}

static void th(struct buf *b, const char *s)
{
	html(b, "<th scope=\"col\">");
	html_text(b, s);
	html(b, "</th>");
}

/* The chart's figures for web/src/coordination.js: financing per authority. */
static void chart(struct req *r, const struct coordination_result *res)
{
	json_t *labels = json_array(), *budget = json_array();
	for (size_t i = 0; i < res->n_authorities; i++) {
		json_array_append_new(labels, json_string(res->authorities[i].name ? res->authorities[i].name : "?"));
		json_array_append_new(budget, json_real(res->authorities[i].budget));
	}
	json_t *data = json_pack("{s:o, s:o, s:s}", "labels", labels, "budget", budget, "budget_label",
				 tr(r, "Financing there (EUR)"));
	char *s = data ? json_dumps(data, JSON_COMPACT) : NULL;
	json_decref(data);
	html(&r->body, "<div class=\"chart\"><canvas id=\"coordination-chart\" role=\"img\" aria-label=\"");
	html_attr(&r->body, tr(r, "Bar chart: the home authorities by their financing there, in euros"));
	html(&r->body, "\" data-chart=\"");
	html_attr(&r->body, s ? s : "{}");
	html(&r->body, "\"></canvas></div>\n<script src=\"/static/coordination.js\" defer></script>\n");
	free(s);
}

static void authorities_table(struct req *r, const struct coordination_result *res)
{
	struct buf *b = &r->body;
	html(b, "<section><h2>");
	html_text(b, tr(r, "Home authorities active there"));
	html(b, "</h2>\n<table class=\"gap coordination\">\n<thead><tr>");
	th(b, tr(r, "Authority"));
	th(b, tr(r, "Partnerships"));
	th(b, tr(r, "Actions"));
	th(b, tr(r, "Financing (EUR)"));
	html(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < res->n_authorities; i++) {
		const struct coordination_authority *x = &res->authorities[i];
		html(b, "<tr><th scope=\"row\">");
		authority_link(b, x->id, x->name);
		html(b, "</th><td>");
		html_int(b, x->partnerships);
		html(b, "</td><td>");
		html_int(b, x->actions);
		html(b, "</td><td>");
		euros(b, x->budget);
		html(b, "</td></tr>\n");
	}
	html(b, "</tbody>\n</table></section>\n");
}

static void clusters(struct req *r, const struct coordination_result *res)
{
	struct buf *b = &r->body;
	if (!res->n_clusters)
		return;
	html(b, "<section><h2>");
	html_text(b, tr(r, "Clusters of overlapping actions"));
	html(b, "</h2>\n");
	for (size_t i = 0; i < res->n_clusters; i++) {
		const struct coordination_cluster *c = &res->clusters[i];
		html(b, "<h3 class=\"cluster\">");
		html_text(b, c->partner ? c->partner : codelist_label(CL_COUNTRY, res->country, lang_codelist(r)));
		html(b, " · ");
		html_text(b, codelist_label(CL_ACTION_DOMAIN, c->domain, lang_codelist(r)));
		html(b, " · ");
		html_int(b, c->from);
		html(b, "–");
		html_int(b, c->to);
		html(b, "</h3>\n<ul class=\"cluster\">\n");
		for (size_t k = 0; k < c->n_actions; k++) {
			const struct coordination_action *x = &res->actions_v[c->actions[k]];
			html(b, "<li><a href=\"/actions/");
			html_int(b, x->id);
			html(b, "\">");
			html_text(b, x->title ? x->title : "?");
			html(b, "</a> (");
			authority_link(b, x->home_id, x->home);
			html(b, ", ");
			html_int(b, x->from);
			html(b, "–");
			html_int(b, x->to);
			html(b, ", ");
			euros(b, x->budget);
			html(b, " EUR)</li>\n");
		}
		html(b, "</ul>\n");
	}
	html(b, "</section>\n");
}

static const char *reason_words(struct req *r, unsigned bit)
{
	switch (bit) {
	case COORD_SAME_PLACE: return tr(r, "the same partner authority");
	case COORD_SAME_COUNTRY: return tr(r, "the same country");
	case COORD_SAME_DOMAIN: return tr(r, "the same domain");
	case COORD_OVERLAP: return tr(r, "years that overlap");
	case COORD_PARENT: return tr(r, "one contains the other");
	default: return tr(r, "both record financing");
	}
}

static void suggestions(struct req *r, const struct coordination_result *res)
{
	struct buf *b = &r->body;
	if (!res->n_suggestions)
		return;
	html(b, "<section><h2>");
	html_text(b, tr(r, "Suggestions to pool"));
	html(b, "</h2>\n<table class=\"gap suggestions\">\n<thead><tr>");
	th(b, tr(r, "Score"));
	th(b, tr(r, "Suggestion"));
	th(b, tr(r, "Reasons"));
	th(b, tr(r, "Financing (EUR)"));
	html(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < res->n_suggestions; i++) {
		const struct coordination_suggestion *s = &res->suggestions[i];
		char *t = coordination_suggestion_text(res, s, lang_codelist(r));
		html(b, "<tr><td>");
		html_int(b, s->score);
		html(b, "</td><td>");
		html_text(b, t);
		html(b, "</td><td>");
		int first = 1;
		for (unsigned bit = 1; bit <= COORD_BUDGETS; bit <<= 1)
			if (s->reasons & bit) {
				html(b, first ? "" : ", ");
				html_text(b, reason_words(r, bit));
				first = 0;
			}
		html(b, "</td><td>");
		html_text(b, s->a ? s->a : "?");
		html(b, " ");
		euros(b, s->budget_a);
		html(b, ", ");
		html_text(b, s->b ? s->b : "?");
		html(b, " ");
		euros(b, s->budget_b);
		html(b, "</td></tr>\n");
		free(t);
	}
	html(b, "</tbody>\n</table>\n<p class=\"note\">");
	html_text(b, tr(r, "Score out of 100: the same partner authority 30 (the same country only 10), the same domain "
			   "20, 5 per year of overlap up to 20, one contains the other 20, both record financing 10."));
	html(b, "</p></section>\n");
}

static void problems(struct req *r, const struct errlist *el, int not_found)
{
	struct buf *b = &r->body;
	html(b, "<ul class=\"problems\">\n");
	for (size_t i = 0; i < el->n; i++) {
		html(b, "<li><code>");
		html_text(b, el->v[i].field);
		html(b, "</code>: ");
		html_text(b, el->v[i].msg);
		html(b, "</li>\n");
	}
	if (not_found)
		html(b, "<li>"), html_text(b, tr(r, "There is no authority with this number.")), html(b, "</li>\n");
	html(b, "</ul>\n");
}

int page_coordination(struct req *r)
{
	struct ask a;
	struct errlist el;
	struct buf *b = &r->body;
	struct coordination_result res = {0};
	char *err = NULL;
	errlist_init(&el);
	ask_read(r, &a, &el);
	/* the page alone is the form: nothing asked yet, nothing wrong */
	int asked = req_arg(r, "country") || req_arg(r, "domain") || req_arg(r, "territory") || req_arg(r, "year");
	page_begin(r, tr(r, "Pooling"), NULL);
	html(b, "<p class=\"lead\">");
	html_text(b, tr(r, "Authorities working in the same foreign territory do not always know of each other (seeds "
			   "001 and 003): who else acts in a country, where actions overlap, and what could be pooled."));
	html(b, "</p>\n");
	form(r, &a);
	if (!asked)
		goto out;
	if (el.n || a.not_found) {
		r->status = el.n ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_NOT_FOUND;
		problems(r, &el, a.not_found);
		goto out;
	}
	struct coordination_params p = params(&a);
	if (coordination_load(r->st, &p, !reads_drafts(r), &res, &err)) {
		r->status = MHD_HTTP_SERVICE_UNAVAILABLE;
		html(b, "<p class=\"error\">");
		html_text(b, err ? err : "database error");
		html(b, "</p>\n");
		goto out;
	}
	html(b, "<ul class=\"findings\">\n");
	coordination_sentences(&res, lang_codelist(r), sentence, r);
	html(b, "</ul>\n");
	if (res.n_authorities) {
		chart(r, &res);
		authorities_table(r, &res);
	}
	clusters(r, &res);
	suggestions(r, &res);
out:
	free(err);
	coordination_clear(&res);
	errlist_clear(&el);
	page_end(r);
	return r->status;
}

/* ---- on an authority's page ---- */

struct countries {
	struct strv v;
	const char *home;
};

static int add_country(void *ctx, const struct store_diagnostic_partner *p)
{
	struct countries *c = ctx;
	if (p->country && strcmp(p->country, c->home) != 0 && !strv_contains(&c->v, p->country))
		return strv_push(&c->v, p->country);
	return EALA_OK;
}

void coordination_links(struct req *r, int64_t authority_id, const char *name, const char *home_country)
{
	struct countries c = {.home = home_country ? home_country : ""};
	struct buf *b = &r->body;
	/* as a partner: the home authorities that work with it */
	html(b, "<p class=\"pooling\"><a href=\"/analysis/coordination?country=");
	html_url_arg(b, c.home);
	html(b, "&amp;territory=");
	html_int(b, authority_id);
	html(b, "\">");
	html_text(b, tr(r, "Who works with"));
	html(b, " ");
	html_text(b, name ? name : "?");
	html(b, "</a></p>\n");
	if (store_diagnostic_partners(r->st, authority_id, !reads_drafts(r), add_country, &c, NULL) == EALA_OK &&
	    c.v.n) {
		html(b, "<p class=\"pooling\">");
		html_text(b, tr(r, "Who else works in"));
		html(b, " ");
		for (size_t i = 0; i < c.v.n; i++) {
			html(b, i ? " · <a href=\"/analysis/coordination?country=" : "<a href=\"/analysis/coordination?country=");
			html_url_arg(b, c.v.v[i]);
			html(b, "\">");
			html_text(b, codelist_label(CL_COUNTRY, c.v.v[i], lang_codelist(r)));
			html(b, "</a>");
		}
		html(b, "</p>\n");
	}
	strv_clear(&c.v);
}
