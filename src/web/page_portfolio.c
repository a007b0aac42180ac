/* page_portfolio.c: /analysis/portfolio and GET /api/v1/analysis/portfolio,
 * the portfolio review (src/analysis/portfolio.c): sentences that say what
 * the figures mean, a table per breakdown (country, World Bank income group
 * and region, domain, partnership kind, action type), each drawn by Chart.js
 * (web/src/portfolio.js) from a data attribute, the dormant partnerships.
 * The same figures as 'eala analyze portfolio --json'. */
#include "web.h"
#include "html.h"

#include "../analysis/portfolio.h"
#include "../core/codelist.h"
#include "../io/records_csv.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ask {
	int64_t authority_id;
	struct portfolio_params params;
	int not_found;
};

/* The query's parameters, every bad one named in el. */
static void ask_read(struct req *r, struct ask *a, struct errlist *el)
{
	memset(a, 0, sizeof(*a));
	a->authority_id = api_int_arg(r, "authority", 1, INT64_MAX, 0, el);
	a->params.year = (int)api_int_arg(r, "year", 1900, 2100, 0, el);
	a->params.threshold = (double)api_int_arg(r, "threshold", 0, 1000000000, (int64_t)PORTFOLIO_THRESHOLD, el);
	a->params.dormant_years = (int)api_int_arg(r, "dormant_years", 1, 100, PORTFOLIO_DORMANT_YEARS, el);
	if (a->authority_id && (!store_authority_exists(r->st, a->authority_id) ||
				draft_hidden(r, RK_AUTHORITY, a->authority_id)))
		a->not_found = 1;
}

static int run(struct req *r, const struct ask *a, struct portfolio_result *res, char **err)
{
	struct portfolio_rules rules;
	struct errlist el;
	errlist_init(&el);
	int rc = portfolio_rules_load(NULL, &rules, &el);
	if (rc) {
		*err = xstrdup("data/rules/portfolio.csv cannot be read");
		errlist_clear(&el);
		return rc;
	}
	rc = portfolio_load(r->st, a->authority_id, &a->params, !reads_drafts(r), &rules, res, err);
	portfolio_rules_clear(&rules);
	errlist_clear(&el);
	return rc;
}

int api_portfolio(struct req *r)
{
	struct ask a;
	struct errlist el;
	struct portfolio_result res = {0};
	char *err = NULL;
	int rc;
	errlist_init(&el);
	ask_read(r, &a, &el);
	if (el.n)
		rc = json_errors(r, MHD_HTTP_BAD_REQUEST, &el);
	else if (a.not_found)
		rc = json_error(r, MHD_HTTP_NOT_FOUND, "authority", "no such authority");
	else if (run(r, &a, &res, &err))
		rc = json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, err ? err : "database error");
	else
		rc = json_reply(r, MHD_HTTP_OK, portfolio_json(&res, a.authority_id, CL_LANG_EN));
	free(err);
	portfolio_clear(&res);
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

static void money(struct buf *b, double v)
{
	char s[64];
	snprintf(s, sizeof(s), "%.0f", v);
	html_text(b, s);
}

/* One breakdown: a table and its chart (the budget of the first 15). */
static void breakdown(struct req *r, const char *id, const char *title, const struct portfolio_buckets *l,
		      double total, enum codelist_id list, const char *none)
{
	struct buf *b = &r->body;
	if (!l->n)
		return;
	json_t *labels = json_array(), *budget = json_array(), *actions = json_array();
	html(b, "<section class=\"breakdown\"><h2>");
	html_text(b, title);
	html(b, "</h2>\n<table class=\"gap\">\n<thead><tr><th scope=\"col\"></th><th scope=\"col\">");
	html_text(b, tr(r, "Actions"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "Budget (euros)"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "Share of the budget"));
	html(b, "</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < l->n; i++) {
		const struct portfolio_bucket *k = &l->v[i];
		const char *label = !*k->code ? none
					      : (int)list >= 0 ? codelist_label(list, k->code, lang_codelist(r)) : k->code;
		html(b, "<tr><th scope=\"row\">");
		html_text(b, label);
		html(b, "</th><td>");
		html_int(b, k->actions);
		html(b, "</td><td>");
		money(b, k->budget);
		html(b, "</td><td>");
		if (total > 0) {
			char s[32];
			snprintf(s, sizeof(s), "%.0f %%", 100 * k->budget / total);
			html_text(b, s);
		}
		html(b, "</td></tr>\n");
		if (i < 15) {
			json_array_append_new(labels, json_string(label));
			json_array_append_new(budget, json_real(k->budget));
			json_array_append_new(actions, json_integer((json_int_t)k->actions));
		}
	}
	html(b, "</tbody>\n</table>\n");
	json_t *data = json_pack("{s:o, s:o, s:o, s:s, s:s}", "labels", labels, "budget", budget, "actions", actions,
				 "budget_label", tr(r, "budget (euros)"), "actions_label", tr(r, "actions"));
	char *s = json_dumps(data, JSON_COMPACT);
	json_decref(data);
	html(b, "<div class=\"chart\"><canvas class=\"portfolio-chart\" id=\"");
	html_attr(b, id);
	html(b, "\" role=\"img\" aria-label=\"");
	html_attr(b, title);
	html(b, "\" data-chart=\"");
	html_attr(b, s ? s : "{}");
	html(b, "\"></canvas></div></section>\n");
	free(s);
}

static void dormant(struct req *r, const struct portfolio_result *res)
{
	struct buf *b = &r->body;
	if (!res->n_dormant_listed)
		return;
	html(b, "<h2>");
	html_text(b, tr(r, "Dormant partnerships"));
	html(b, "</h2>\n<ul>\n");
	for (size_t i = 0; i < res->n_dormant_listed; i++) {
		const struct portfolio_dormant *d = &res->dormant_list[i];
		char s[200];
		html(b, "<li><a href=\"/partnerships/");
		html_int(b, d->id);
		html(b, "\">");
		html_text(b, d->name ? d->name : "?");
		html(b, "</a>: ");
		if (d->by_status)
			html_text(b, tr(r, "recorded as dormant"));
		else if (d->last_year)
			snprintf(s, sizeof(s), tr(r, "active, last action or financing in %d"), d->last_year), html_text(b, s);
		else
			html_text(b, tr(r, "active, no action or financing recorded"));
		html(b, "</li>\n");
	}
	if (res->dormant > (int64_t)res->n_dormant_listed) {
		char s[200];
		snprintf(s, sizeof(s), tr(r, "and %lld more"), (long long)(res->dormant - (int64_t)res->n_dormant_listed));
		html(b, "<li>");
		html_text(b, s);
		html(b, "</li>\n");
	}
	html(b, "</ul>\n");
}

static void number_input(struct buf *b, const char *label, const char *name, long long min, long long max,
			 long long value, int show)
{
	html(b, "<label>");
	html_text(b, label);
	html(b, " <input type=\"number\" name=\"");
	html_attr(b, name);
	html(b, "\" min=\"");
	html_int(b, min);
	html(b, "\" max=\"");
	html_int(b, max);
	html(b, "\" value=\"");
	if (show)
		html_int(b, value);
	html(b, "\"></label> ");
}

int page_portfolio(struct req *r)
{
	struct ask a;
	struct errlist el;
	struct buf *b = &r->body;
	struct authority au = {0};
	struct portfolio_result res = {0};
	char *err = NULL;
	errlist_init(&el);
	ask_read(r, &a, &el);
	if (el.n || a.not_found) {
		r->status = el.n ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_NOT_FOUND;
		page_begin(r, tr(r, "Portfolio review"), NULL);
		html(b, "<ul class=\"problems\">\n");
		for (size_t i = 0; i < el.n; i++) {
			html(b, "<li><code>");
			html_text(b, el.v[i].field);
			html(b, "</code>: ");
			html_text(b, el.v[i].msg);
			html(b, "</li>\n");
		}
		if (a.not_found)
			html(b, "<li>"), html_text(b, tr(r, "There is no authority with this number.")), html(b, "</li>\n");
		html(b, "</ul>\n");
		page_end(r);
		errlist_clear(&el);
		return r->status;
	}
	if (a.authority_id)
		store_authority_get(r->st, a.authority_id, &au);
	char title[300];
	snprintf(title, sizeof(title), "%s%s%s", tr(r, "Portfolio review"), au.name ? " · " : "", au.name ? au.name : "");
	page_begin(r, title, NULL);
	html(b, "<p class=\"lead\">");
	html_text(b, tr(r, "Thirty to thirty-five agreements \"no longer constituted a policy\" (seed 000): where the "
			   "actions and the money go, how concentrated or thinly spread they are, whether they follow "
			   "the declared strategy, which partnerships sleep."));
	html(b, "</p>\n<form class=\"filters\" action=\"/analysis/portfolio\" method=\"get\">");
	number_input(b, tr(r, "Authority (number)"), "authority", 1, INT32_MAX, a.authority_id, a.authority_id != 0);
	number_input(b, tr(r, "Year"), "year", 1900, 2100, a.params.year, a.params.year != 0);
	number_input(b, tr(r, "Threshold (euros a year)"), "threshold", 0, 1000000000, (long long)a.params.threshold, 1);
	number_input(b, tr(r, "Dormant after (years)"), "dormant_years", 1, 100, a.params.dormant_years, 1);
	html(b, "<button type=\"submit\">");
	html_text(b, tr(r, "Show"));
	html(b, "</button></form>\n");
	if (run(r, &a, &res, &err)) {
		r->status = MHD_HTTP_SERVICE_UNAVAILABLE;
		html(b, "<p class=\"error\">");
		html_text(b, err ? err : "database error");
		html(b, "</p>\n");
	} else {
		html(b, "<ul class=\"findings\">\n");
		portfolio_sentences(&res, lang_codelist(r), sentence, r);
		html(b, "</ul>\n");
		breakdown(r, "by-country", tr(r, "By country"), &res.by_country, res.budget, CL_COUNTRY,
			  tr(r, "(no country given)"));
		breakdown(r, "by-income", tr(r, "By World Bank income group"), &res.by_income, res.budget,
			  (enum codelist_id)-1, tr(r, "(not classified)"));
		breakdown(r, "by-region", tr(r, "By World Bank region"), &res.by_region, res.budget,
			  (enum codelist_id)-1, tr(r, "(not classified)"));
		breakdown(r, "by-domain", tr(r, "By domain"), &res.by_domain, res.budget, CL_ACTION_DOMAIN,
			  tr(r, "(no domain given)"));
		breakdown(r, "by-kind", tr(r, "By partnership kind"), &res.by_kind, res.budget, CL_PARTNERSHIP_KIND,
			  tr(r, "(standalone actions)"));
		breakdown(r, "by-type", tr(r, "By action type"), &res.by_type, res.budget, CL_ACTION_TYPE,
			  tr(r, "(no type)"));
		dormant(r, &res);
		if (res.actions)
			html(b, "<script src=\"/static/portfolio.js\" defer></script>\n");
	}
	free(err);
	portfolio_clear(&res);
	authority_clear(&au);
	errlist_clear(&el);
	page_end(r);
	return r->status;
}
