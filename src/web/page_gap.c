/* page_gap.c: /analysis/gap, the gap between expected and observed impacts
 * for one authority or all (src/analysis/gap.c), in plain sentences, a table
 * and a Chart.js chart (web/src/gap.js) of the categories' shares. The same
 * figures as 'eala analyze gap' and GET /api/v1/analysis/gap. */
#include "web.h"
#include "html.h"

#include "../analysis/gap.h"
#include "../core/codelist.h"
#include "../io/records_csv.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void sentence(struct req *r, const char *text)
{
	html(&r->body, "<li>");
	html_text(&r->body, text);
	html(&r->body, "</li>\n");
}

static void sentences(struct req *r, const struct gap_result *g)
{
	char s[512];
	const struct gap_cat *top = gap_top_expected(g);
	html(&r->body, "<ul class=\"findings\">\n");
	if (top && g->n_expected) {
		snprintf(s, sizeof(s), tr(r, "%d of the %d impacts expected are %s; %d of the %d observed are."),
			 top->n_expected, g->n_expected, gap_label(top->code, lang_codelist(r)), top->n_observed, g->n_observed);
		sentence(r, s);
	}
	if (g->nature_gap >= 0) {
		snprintf(s, sizeof(s),
			 tr(r, "Nature gap %.2f (0: the same mix, 1: nothing in common): %s is expected more than "
			       "observed, %s observed more than expected."),
			 g->nature_gap, gap_label(g->over, lang_codelist(r)), gap_label(g->under, lang_codelist(r)));
		sentence(r, s);
	} else {
		sentence(r, g->n_expected ? tr(r, "No nature gap can be measured: nothing observed.")
					  : tr(r, "No nature gap can be measured: nothing expected."));
	}
	if (g->targets) {
		snprintf(s, sizeof(s), tr(r, "Scope: %d of %d targets met (%.0f%%)."), g->targets_met, g->targets,
			 100 * g->achievement);
		sentence(r, s);
	} else {
		sentence(r, tr(r, "Scope: no target has an actual value to compare."));
	}
	snprintf(s, sizeof(s),
		 tr(r, "%d expectations have no indicator, %d no observed outcome; %d outcomes were not expected."),
		 g->without_indicator, g->without_evidence, g->unexpected);
	sentence(r, s);
	if (g->reciprocity >= 0) {
		snprintf(s, sizeof(s), tr(r, "Reciprocity %.2f: %d outcomes reported by partners for %d reported at home."),
			 g->reciprocity, g->reported_partner, g->reported_home);
		sentence(r, s);
	} else {
		sentence(r, tr(r, "Reciprocity: no outcome reported at home."));
	}
	snprintf(s, sizeof(s),
		 tr(r, "Know-how: %d outcomes show capacities or practices gained at home, %d in the partner territory."),
		 g->knowhow_home, g->knowhow_partner);
	sentence(r, s);
	html(&r->body, "</ul>\n");
}

static void table(struct req *r, const struct gap_result *g)
{
	struct buf *b = &r->body;
	html(b, "<table class=\"gap\">\n<thead><tr><th scope=\"col\">");
	html_text(b, tr(r, "Category"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "Expected"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "of which in the partner territory"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "Observed"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "of which in the partner territory"));
	html(b, "</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < g->n_cats; i++) {
		const struct gap_cat *c = &g->cats[i];
		html(b, "<tr><th scope=\"row\">");
		html_text(b, gap_label(c->code, lang_codelist(r)));
		html(b, "</th><td>");
		html_int(b, c->n_expected);
		html(b, "</td><td>");
		html_int(b, c->expected[GAP_PARTNER] + c->expected[GAP_BOTH]);
		html(b, "</td><td>");
		html_int(b, c->n_observed);
		html(b, "</td><td>");
		html_int(b, c->observed[GAP_PARTNER] + c->observed[GAP_BOTH]);
		html(b, "</td></tr>\n");
	}
	html(b, "</tbody>\n</table>\n");
}

/* The chart's figures for web/src/gap.js: shares in percent. */
static void chart(struct req *r, const struct gap_result *g)
{
	json_t *labels = json_array(), *ex = json_array(), *ob = json_array();
	for (size_t i = 0; i < g->n_cats; i++) {
		json_array_append_new(labels, json_string(gap_label(g->cats[i].code, lang_codelist(r))));
		json_array_append_new(ex, json_real(g->n_expected ? 100.0 * g->cats[i].n_expected / g->n_expected : 0));
		json_array_append_new(ob, json_real(g->n_observed ? 100.0 * g->cats[i].n_observed / g->n_observed : 0));
	}
	json_t *data = json_pack("{s:o, s:o, s:o, s:s, s:s}", "labels", labels, "expected", ex, "observed", ob,
				 "expected_label", tr(r, "share of the expected impacts"), "observed_label",
				 tr(r, "share of the observed impacts"));
	char *s = json_dumps(data, JSON_COMPACT);
	json_decref(data);
	html(&r->body, "<div class=\"chart\"><canvas id=\"gap-chart\" role=\"img\" aria-label=\"");
	html_attr(&r->body, tr(r, "The share of each category among expected and among observed impacts"));
	html(&r->body, "\" data-chart=\"");
	html_attr(&r->body, s ? s : "{}");
	html(&r->body, "\"></canvas></div>\n<script src=\"/static/gap.js\" defer></script>\n");
	free(s);
}

int page_gap(struct req *r)
{
	struct store_filter f;
	struct errlist el;
	struct buf *b = &r->body;
	errlist_init(&el);
	api_filter(r, RK_PARTNERSHIP, &f, &el);
	struct authority a = {0};
	int found = !f.authority_id || (store_authority_get(r->st, f.authority_id, &a) == EALA_OK &&
					!draft_hidden(r, RK_AUTHORITY, f.authority_id));
	if (el.n || !found) {
		r->status = el.n ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_NOT_FOUND;
		page_begin(r, tr(r, "Expected and observed impacts"), NULL);
		html(b, "<ul class=\"problems\">\n");
		for (size_t i = 0; i < el.n; i++) {
			html(b, "<li><code>");
			html_text(b, el.v[i].field);
			html(b, "</code>: ");
			html_text(b, el.v[i].msg);
			html(b, "</li>\n");
		}
		if (!found)
			html(b, "<li>"), html_text(b, tr(r, "There is no authority with this number.")), html(b, "</li>\n");
		html(b, "</ul>\n");
		page_end(r);
		errlist_clear(&el);
		authority_clear(&a);
		return r->status;
	}
	char title[300];
	snprintf(title, sizeof(title), "%s%s%s", tr(r, "Expected and observed impacts"), a.name ? " · " : "",
		 a.name ? a.name : "");
	page_begin(r, title, NULL);
	/* the finding this page measures, in the words of seed 001 */
	html(b, "<p class=\"lead\">");
	html_text(b, tr(r, "Local authorities expect mostly economic returns from their international action "
			   "and observe mostly socio-cultural ones (Mary Gely, PLATFORMA, 2017). Here is what the "
			   "records say."));
	html(b, "</p>\n<form class=\"filters\" action=\"/analysis/gap\" method=\"get\"><label>");
	html_text(b, tr(r, "Authority (number)"));
	html(b, " <input name=\"authority\" type=\"number\" min=\"1\" value=\"");
	if (f.authority_id)
		html_int(b, f.authority_id);
	html(b, "\"></label> <label>");
	html_text(b, tr(r, "Year"));
	html(b, " <input name=\"year\" type=\"number\" min=\"1900\" max=\"2100\" value=\"");
	if (f.year)
		html_int(b, f.year);
	html(b, "\"></label> <button type=\"submit\">");
	html_text(b, tr(r, "Show"));
	html(b, "</button></form>\n");
	struct gap_result g;
	char *err = NULL;
	if (gap_load(r->st, f.authority_id, f.year, !reads_drafts(r), &g, &err)) {
		r->status = MHD_HTTP_SERVICE_UNAVAILABLE;
		html(b, "<p class=\"error\">");
		html_text(b, err ? err : "database error");
		html(b, "</p>\n");
	} else {
		sentences(r, &g);
		table(r, &g);
		if (g.n_cats)
			chart(r, &g);
	}
	free(err);
	authority_clear(&a);
	page_end(r);
	return r->status;
}
