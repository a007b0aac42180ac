/* page_trends.c: /analysis/trends and GET /api/v1/analysis/trends (JSON, or
 * CSV with ?format=csv): the observatory's series per year
 * (src/analysis/trends.c) in sentences, a table and Chart.js charts
 * (web/src/trends.js). The same figures as 'eala analyze trends'; anonymous
 * readers' figures leave drafts out. */
#include "web.h"
#include "html.h"

#include "../analysis/trends.h"
#include "../core/codelist.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ask {
	int from, to;
	int csv;
};

/* Every bad parameter named at once. */
static void ask_read(struct req *r, struct ask *a, struct errlist *el)
{
	memset(a, 0, sizeof(*a));
	a->from = (int)api_int_arg(r, "from", TRENDS_FIRST_YEAR, TRENDS_LAST_YEAR, 0, el);
	a->to = (int)api_int_arg(r, "to", TRENDS_FIRST_YEAR, TRENDS_LAST_YEAR, 0, el);
	if (a->from && a->to && a->from > a->to)
		errlist_add(el, NULL, 0, "from", N_("is after 'to'"));
	const char *fmt = req_arg(r, "format");
	if (fmt && strcmp(fmt, "csv") != 0 && strcmp(fmt, "json") != 0)
		errlist_add(el, NULL, 0, "format", N_("must be json or csv"));
	a->csv = fmt && strcmp(fmt, "csv") == 0;
}

static struct trends_result *run(struct req *r, const struct ask *a, char **err)
{
	struct trends_result *t = malloc(sizeof(*t));
	if (!t)
		return NULL;
	if (trends_load(r->st, a->from, a->to, !reads_drafts(r), t, err)) {
		free(t);
		return NULL;
	}
	return t;
}

int api_trends(struct req *r)
{
	struct ask a;
	struct errlist el;
	char *err = NULL;
	int rc;
	errlist_init(&el);
	ask_read(r, &a, &el);
	struct trends_result *t = el.n ? NULL : run(r, &a, &err);
	if (el.n) {
		rc = json_errors(r, MHD_HTTP_BAD_REQUEST, &el);
	} else if (!t) {
		rc = json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, err ? err : "database error");
	} else if (a.csv) {
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		int bad = !f || trends_csv(t, f);
		if (f && fclose(f))
			bad = 1;
		if (bad) {
			rc = json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, "out of memory");
		} else {
			buf_add(&r->body, text, len);
			r->content_type = "text/csv; charset=utf-8";
			snprintf(r->disposition, sizeof(r->disposition), "attachment; filename=\"eala-trends.csv\"");
			rc = r->status = MHD_HTTP_OK;
		}
		free(text);
	} else {
		rc = json_reply(r, MHD_HTTP_OK, trends_json(t, CL_LANG_EN));
	}
	free(t);
	free(err);
	errlist_clear(&el);
	return rc;
}

/* ---- the page ---- */

static void problems(struct req *r, const struct errlist *el)
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
	html(b, "</ul>\n");
}

static void year_input(struct req *r, const char *name, const char *label, int value)
{
	struct buf *b = &r->body;
	html(b, "<label>");
	html_text(b, label);
	html(b, " <input name=\"");
	html_attr(b, name);
	html(b, "\" type=\"number\" min=\"1900\" max=\"2100\" value=\"");
	if (value)
		html_int(b, value);
	html(b, "\"></label> ");
}

static void th(struct req *r, const char *label)
{
	html(&r->body, "<th scope=\"col\">");
	html_text(&r->body, label);
	html(&r->body, "</th>");
}

static void td(struct req *r, int64_t v)
{
	html(&r->body, "<td>");
	html_int(&r->body, v);
	html(&r->body, "</td>");
}

static void td_euros(struct req *r, double v)
{
	char s[64];
	snprintf(s, sizeof(s), "%.0f", v);
	html(&r->body, "<td>");
	html_text(&r->body, s);
	html(&r->body, "</td>");
}

static void table(struct req *r, const struct trends_result *t)
{
	struct buf *b = &r->body;
	html(b, "<table class=\"gap trends\">\n<thead><tr>");
	th(r, tr(r, "Year"));
	th(r, tr(r, "Partnerships begun"));
	th(r, tr(r, "ended"));
	th(r, tr(r, "with partners abroad"));
	th(r, tr(r, "low income"));
	th(r, tr(r, "lower-middle income"));
	th(r, tr(r, "upper-middle income"));
	th(r, tr(r, "high income"));
	th(r, tr(r, "Europe"));
	th(r, tr(r, "Agreements signed"));
	th(r, tr(r, "One-off actions"));
	th(r, tr(r, "Planned (EUR)"));
	th(r, tr(r, "Spent (EUR)"));
	th(r, tr(r, "New organisations"));
	html(b, "</tr></thead>\n<tbody>\n");
	for (int y = t->first; t->first && y <= t->last; y++) {
		const struct trends_year *ty = &t->years[y - TRENDS_FIRST_YEAR];
		html(b, "<tr><th scope=\"row\">");
		html_int(b, y);
		html(b, "</th>");
		td(r, ty->n_started), td(r, ty->n_ended), td(r, ty->abroad);
		for (int g = TI_LOW; g <= TI_HIGH; g++)
			td(r, ty->income[g]);
		td(r, ty->europe), td(r, ty->agreements), td(r, ty->oneoff);
		td_euros(r, ty->planned_total), td_euros(r, ty->actual_total);
		td(r, ty->n_organisations);
		html(b, "</tr>\n");
	}
	html(b, "</tbody>\n</table>\n");
}

/* A series per code of a list, for the codes with any figure. */
static json_t *series(struct req *r, const struct trends_result *t, enum trends_list l, enum codelist_id id,
		      size_t offset, int money)
{
	json_t *out = json_array();
	for (size_t i = 0; trends_code(l, i); i++) {
		json_t *v = json_array();
		int any = 0;
		for (int y = t->first; y <= t->last; y++) {
			const char *base = (const char *)&t->years[y - TRENDS_FIRST_YEAR] + offset;
			double x = money ? ((const double *)base)[i] : (double)((const int64_t *)base)[i];
			any |= x != 0;
			json_array_append_new(v, money ? json_real(x) : json_integer((json_int_t)x));
		}
		if (any)
			json_array_append_new(out, json_pack("{s:s, s:o}", "label",
							     codelist_label(id, trends_code(l, i), lang_codelist(r)), "data", v));
		else
			json_decref(v);
	}
	return out;
}

static json_t *line(const struct trends_result *t, size_t offset, int share_of_abroad)
{
	json_t *v = json_array();
	for (int y = t->first; y <= t->last; y++) {
		const struct trends_year *ty = &t->years[y - TRENDS_FIRST_YEAR];
		int64_t n = *(const int64_t *)((const char *)ty + offset);
		if (share_of_abroad)
			json_array_append_new(v, ty->abroad ? json_real(trends_share(n, ty->abroad)) : json_null());
		else
			json_array_append_new(v, json_integer(n));
	}
	return v;
}

#define AT(field) offsetof(struct trends_year, field)

static void charts(struct req *r, const struct trends_result *t)
{
	json_t *years = json_array();
	for (int y = t->first; y <= t->last; y++)
		json_array_append_new(years, json_integer(y));
	json_t *income = json_array();
	static const char *const names[] = {N_("low income"), N_("lower-middle income"), N_("upper-middle income"),
					    N_("high income")};
	for (int g = TI_LOW; g <= TI_HIGH; g++)
		json_array_append_new(income, json_pack("{s:s, s:o}", "label", tr(r, names[g]), "data",
							line(t, AT(income) + g * sizeof(int64_t), 1)));
	json_array_append_new(income, json_pack("{s:s, s:o}", "label", tr(r, "Europe"), "data", line(t, AT(europe), 1)));
	json_t *data = json_pack(
		"{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "years", years, "started",
		series(r, t, TL_KIND, CL_PARTNERSHIP_KIND, AT(started), 0), "ended",
		series(r, t, TL_KIND, CL_PARTNERSHIP_KIND, AT(ended), 0), "income", income, "agreements",
		line(t, AT(agreements), 0), "oneoff", line(t, AT(oneoff), 0), "domains",
		series(r, t, TL_DOMAIN, CL_ACTION_DOMAIN, AT(domains), 0), "sources",
		series(r, t, TL_SOURCE, CL_FUNDING_SOURCE, AT(actual), 1), "organisations",
		series(r, t, TL_SUBTYPE, CL_ORG_SUBTYPE, AT(organisations), 0));
	json_object_set_new(data, "words",
			    json_pack("{s:s, s:s, s:s}", "ended", tr(r, "ended"), "agreements",
				      tr(r, "Agreements signed"), "oneoff", tr(r, "One-off actions")));
	char *s = json_dumps(data, JSON_COMPACT);
	json_decref(data);
	struct buf *b = &r->body;
	static const struct {
		const char *id, *title;
	} canvases[] = {
		{"trends-partnerships", N_("Partnerships begun (by kind) and ended, per year")},
		{"trends-income", N_("New partnerships with low, lower-middle, upper-middle and high-income countries and with Europe (%)")},
		{"trends-agreements", N_("Agreements signed against one-off actions")},
		{"trends-domains", N_("Actions by domain")},
		{"trends-sources", N_("Money spent by funding source (EUR)")},
		{"trends-organisations", N_("Organisations appearing, by kind")},
	};
	html(b, "<div class=\"charts\" id=\"trends-charts\" data-chart=\"");
	html_attr(b, s ? s : "{}");
	html(b, "\">\n");
	for (size_t i = 0; i < sizeof(canvases) / sizeof(*canvases); i++) {
		html(b, "<figure><figcaption>");
		html_text(b, tr(r, canvases[i].title));
		html(b, "</figcaption><div class=\"chart\"><canvas id=\"");
		html_attr(b, canvases[i].id);
		html(b, "\" role=\"img\" aria-label=\"");
		html_attr(b, tr(r, canvases[i].title));
		html(b, "\"></canvas></div></figure>\n");
	}
	html(b, "</div>\n<script src=\"/static/trends.js\" defer></script>\n");
	free(s);
}

int page_trends(struct req *r)
{
	struct ask a;
	struct errlist el;
	struct buf *b = &r->body;
	char *err = NULL;
	errlist_init(&el);
	ask_read(r, &a, &el);
	page_begin(r, tr(r, "Trends"), NULL);
	html(b, "<p class=\"lead\">");
	html_text(b, tr(r, "A watchdog that follows the trends (Lyon symposium, 2017): per year, the partnerships "
			   "that begin and end, with which countries, agreements against one-off actions, domains, "
			   "money and the local actors that join."));
	html(b, "</p>\n<form class=\"filters\" action=\"/analysis/trends\" method=\"get\">");
	year_input(r, "from", tr(r, "From"), a.from);
	year_input(r, "to", tr(r, "To"), a.to);
	html(b, "<button type=\"submit\">");
	html_text(b, tr(r, "Show"));
	html(b, "</button></form>\n");
	if (el.n) {
		r->status = MHD_HTTP_BAD_REQUEST;
		problems(r, &el);
		goto out;
	}
	struct trends_result *t = run(r, &a, &err);
	if (!t) {
		r->status = MHD_HTTP_SERVICE_UNAVAILABLE;
		html(b, "<p class=\"error\">");
		html_text(b, err ? err : "database error");
		html(b, "</p>\n");
		goto out;
	}
	char *s[TRENDS_MAX_SENTENCES];
	size_t n = trends_sentences(t, lang_codelist(r), s);
	html(b, "<ul class=\"findings\">\n");
	for (size_t i = 0; i < n; i++) {
		html(b, "<li>");
		html_text(b, s[i]);
		html(b, "</li>\n");
		free(s[i]);
	}
	html(b, "</ul>\n<p><a href=\"/api/v1/analysis/trends?format=csv");
	if (a.from)
		html(b, "&amp;from="), html_int(b, a.from);
	if (a.to)
		html(b, "&amp;to="), html_int(b, a.to);
	html(b, "\">");
	html_text(b, tr(r, "Download the figures (CSV)"));
	html(b, "</a></p>\n");
	if (t->first) {
		charts(r, t);
		table(r, t);
	}
	free(t);
out:
	free(err);
	errlist_clear(&el);
	page_end(r);
	return r->status;
}
