/* page_diagnostic.c: /analysis/diagnostic and GET /api/v1/analysis/diagnostic,
 * the territorial diagnostic (src/analysis/diagnostic.c): sentences that say
 * what the figures mean, a map (web/src/diagnostic.js: d3-geo on the bundled
 * world atlas, countries shaded by the number of local actors with links
 * there, the authority's partnership countries marked) fed by a data
 * attribute, a table per breakdown (country, type of actor, domain, kind of
 * link), the diaspora associations, the links and whether they match a
 * partnership. The same figures as 'eala analyze diagnostic --json'. */
#include "web.h"
#include "html.h"

#include "../analysis/diagnostic.h"
#include "../core/codelist.h"
#include "../io/records_csv.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ask {
	int64_t authority_id;
	int not_found;
};

/* The query's parameters, every bad one named in el. */
static void ask_read(struct req *r, struct ask *a, struct errlist *el)
{
	memset(a, 0, sizeof(*a));
	a->authority_id = api_int_arg(r, "authority", 1, INT64_MAX, 0, el);
	if (!a->authority_id && !el->n)
		errlist_add(el, NULL, 0, "authority", "%s", tr(r, "is required"));
	if (a->authority_id && (!store_authority_exists(r->st, a->authority_id) ||
				draft_hidden(r, RK_AUTHORITY, a->authority_id)))
		a->not_found = 1;
}

int api_diagnostic(struct req *r)
{
	struct ask a;
	struct errlist el;
	struct diagnostic_result res = {0};
	char *err = NULL;
	int rc;
	errlist_init(&el);
	ask_read(r, &a, &el);
	if (el.n)
		rc = json_errors(r, MHD_HTTP_BAD_REQUEST, &el);
	else if (a.not_found)
		rc = json_error(r, MHD_HTTP_NOT_FOUND, "authority", "no such authority");
	else if (diagnostic_load(r->st, a.authority_id, !reads_drafts(r), &res, &err))
		rc = json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, err ? err : "database error");
	else
		rc = json_reply(r, MHD_HTTP_OK, diagnostic_json(&res, a.authority_id, CL_LANG_EN));
	free(err);
	diagnostic_clear(&res);
	errlist_clear(&el);
	return rc;
}

/* ---- the page ---- */

static void sentence(void *ctx, const char *s)
{
	struct req *r = ctx;
	html(&r->body, "<li>");
	html_text(&r->body, s);
	html(&r->body, "</li>\n");
}

/* One breakdown as a table: actors and links per value. */
static void breakdown(struct req *r, const char *title, const struct diagnostic_counts *l, enum codelist_id list,
		      const char *none)
{
	struct buf *b = &r->body;
	if (!l->n)
		return;
	html(b, "<section class=\"breakdown\"><h2>");
	html_text(b, title);
	html(b, "</h2>\n<table class=\"gap\">\n<thead><tr><th scope=\"col\"></th><th scope=\"col\">");
	html_text(b, tr(r, "Local actors"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "Links"));
	if (list == CL_COUNTRY) {
		html(b, "</th><th scope=\"col\">");
		html_text(b, tr(r, "Partnership of yours"));
	}
	html(b, "</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < l->n; i++) {
		const struct diagnostic_count *k = &l->v[i];
		html(b, "<tr><th scope=\"row\">");
		html_text(b, *k->code ? codelist_label(list, k->code, lang_codelist(r)) : none);
		html(b, "</th><td>");
		html_int(b, k->actors);
		html(b, "</td><td>");
		html_int(b, k->links);
		if (list == CL_COUNTRY) {
			html(b, "</td><td>");
			html_text(b, k->partnered ? tr(r, "yes") : tr(r, "no: potential"));
		}
		html(b, "</td></tr>\n");
	}
	html(b, "</tbody>\n</table></section>\n");
}

static const char *match_words(struct req *r, enum diagnostic_match m)
{
	return m == DIAG_SAME_PARTNER ? tr(r, "one of your partners")
	       : m == DIAG_SAME_COUNTRY ? tr(r, "a country of your partnerships")
					: tr(r, "no partnership: potential");
}

static void links_table(struct req *r, const struct diagnostic_result *res)
{
	struct buf *b = &r->body;
	int lang = lang_codelist(r);
	html(b, "<section><h2>");
	html_text(b, tr(r, "The links"));
	html(b, "</h2>\n<table class=\"gap links\">\n<thead><tr>");
	const char *heads[] = {tr(r, "Local actor"), tr(r, "Country"), tr(r, "Partner or place"), tr(r, "Domain"),
			       tr(r, "Kind of link"), tr(r, "Matches")};
	for (size_t i = 0; i < sizeof(heads) / sizeof(*heads); i++) {
		html(b, "<th scope=\"col\">");
		html_text(b, heads[i]);
		html(b, "</th>");
	}
	html(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < res->n_links; i++) {
		const struct diagnostic_link *l = &res->links[i];
		html(b, "<tr><td><a href=\"/organisations/");
		html_int(b, l->organisation_id);
		html(b, "\">");
		html_text(b, l->organisation);
		html(b, "</a></td><td>");
		html_text(b, codelist_label(CL_COUNTRY, l->country, lang));
		html(b, "</td><td>");
		if (l->partner_authority_id) {
			html(b, "<a href=\"/authorities/");
			html_int(b, l->partner_authority_id);
			html(b, "\">");
			html_text(b, l->partner ? l->partner : "?");
			html(b, "</a>");
		} else if (l->place) {
			html_text(b, l->place);
		}
		html(b, "</td><td>");
		if (l->domain)
			html_text(b, codelist_label(CL_ACTION_DOMAIN, l->domain, lang));
		html(b, "</td><td>");
		html_text(b, codelist_label(CL_STAKEHOLDER_LINK_KIND, l->kind, lang));
		html(b, "</td><td class=\"match-");
		html_attr(b, diagnostic_match_name(l->match));
		html(b, "\">");
		html_text(b, match_words(r, l->match));
		html(b, "</td></tr>\n");
	}
	html(b, "</tbody>\n</table></section>\n");
}

static void diaspora(struct req *r, const struct diagnostic_result *res)
{
	struct buf *b = &r->body;
	if (!res->n_diaspora)
		return;
	html(b, "<section><h2>");
	html_text(b, tr(r, "Diaspora associations"));
	html(b, "</h2>\n<ul class=\"diaspora\">\n");
	for (size_t i = 0; i < res->n_diaspora; i++) {
		const struct diagnostic_diaspora *d = &res->diaspora[i];
		html(b, "<li><a href=\"/organisations/");
		html_int(b, d->organisation_id);
		html(b, "\">");
		html_text(b, d->name);
		html(b, "</a>: ");
		for (size_t k = 0; k < d->n_countries; k++) {
			if (k)
				html(b, ", ");
			html_text(b, codelist_label(CL_COUNTRY, d->countries[k], lang_codelist(r)));
		}
		html(b, "</li>\n");
	}
	html(b, "</ul></section>\n");
}

/* The map's data: actors per country (ISO alpha-2, and the numeric code
 * the world atlas's features are known by), the partnership countries, the words. */
static void map(struct req *r, const struct diagnostic_result *res)
{
	struct buf *b = &r->body;
	json_t *countries = json_array(), *partners = json_array();
	for (size_t i = 0; i < res->by_country.n; i++) {
		const struct diagnostic_count *c = &res->by_country.v[i];
		const struct code *e = codelist_find(CL_COUNTRY, c->code);
		json_array_append_new(countries, json_pack("{s:s, s:s?, s:s, s:i, s:b}", "code", c->code, "numeric",
							   e ? e->attr[CL_ATTR_NUMERIC] : NULL, "label",
							   codelist_label(CL_COUNTRY, c->code, lang_codelist(r)),
							   "actors", c->actors, "partnership", c->partnered));
	}
	for (size_t i = 0; i < res->n_partner_countries; i++) {
		const struct code *e = codelist_find(CL_COUNTRY, res->partner_countries[i]);
		json_array_append_new(partners, json_pack("{s:s, s:s?, s:s}", "code", res->partner_countries[i],
							  "numeric", e ? e->attr[CL_ATTR_NUMERIC] : NULL, "label",
							  codelist_label(CL_COUNTRY, res->partner_countries[i],
									 lang_codelist(r))));
	}
	json_t *data = json_pack("{s:o, s:o, s:s, s:s}", "countries", countries, "partners", partners,
				 "actors_label", tr(r, "local actors with links there"), "partner_label",
				 tr(r, "a partnership of yours"));
	char *s = data ? json_dumps(data, JSON_COMPACT) : NULL;
	json_decref(data);
	html(b, "<figure class=\"diagnostic-map\"><canvas id=\"diagnostic-map\" width=\"960\" height=\"480\" "
		"role=\"img\" aria-label=\"");
	html_attr(b, tr(r, "Map: countries shaded by the number of local actors with links there; the countries of "
			   "your partnerships circled"));
	html(b, "\" data-map=\"");
	html_attr(b, s ? s : "{}");
	html(b, "\"></canvas><figcaption>");
	html_text(b, tr(r, "Darker: more local actors with links there. Circled: a partnership of yours."));
	html(b, "</figcaption></figure>\n");
	free(s);
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

int page_diagnostic(struct req *r)
{
	struct ask a;
	struct errlist el;
	struct buf *b = &r->body;
	struct authority au = {0};
	struct diagnostic_result res = {0};
	char *err = NULL;
	errlist_init(&el);
	ask_read(r, &a, &el);
	if (el.n || a.not_found) {
		r->status = el.n ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_NOT_FOUND;
		page_begin(r, tr(r, "Territorial diagnostic"), NULL);
		problems(r, &el, a.not_found);
		page_end(r);
		errlist_clear(&el);
		return r->status;
	}
	store_authority_get(r->st, a.authority_id, &au);
	char title[300];
	snprintf(title, sizeof(title), "%s · %s", tr(r, "Territorial diagnostic"), au.name ? au.name : "?");
	page_begin(r, title, NULL);
	html(b, "<p class=\"lead\">");
	html_text(b, tr(r, "Who are the local stakeholders with a connection to the international dimension, and "
			   "what potential is there (seed 001)? The links abroad of the organisations of the "
			   "territory, set against your partnerships."));
	html(b, "</p>\n");
	if (diagnostic_load(r->st, a.authority_id, !reads_drafts(r), &res, &err)) {
		r->status = MHD_HTTP_SERVICE_UNAVAILABLE;
		html(b, "<p class=\"error\">");
		html_text(b, err ? err : "database error");
		html(b, "</p>\n");
	} else {
		html(b, "<ul class=\"findings\">\n");
		diagnostic_sentences(&res, lang_codelist(r), sentence, r);
		html(b, "</ul>\n");
		map(r, &res);
		breakdown(r, tr(r, "By country"), &res.by_country, CL_COUNTRY, tr(r, "(no country given)"));
		breakdown(r, tr(r, "By type of actor"), &res.by_type, CL_ORG_SUBTYPE, tr(r, "(type not given)"));
		breakdown(r, tr(r, "By domain"), &res.by_domain, CL_ACTION_DOMAIN, tr(r, "(no domain given)"));
		breakdown(r, tr(r, "By kind of link"), &res.by_kind, CL_STAKEHOLDER_LINK_KIND, tr(r, "(no kind)"));
		diaspora(r, &res);
		if (res.n_links)
			links_table(r, &res);
		html(b, "<script src=\"/static/diagnostic.js\" defer></script>\n");
	}
	free(err);
	diagnostic_clear(&res);
	authority_clear(&au);
	errlist_clear(&el);
	page_end(r);
	return r->status;
}
