/* page_compliance.c: /analysis/compliance and GET /api/v1/analysis/compliance,
 * the money and law checks (src/analysis/compliance.c) of one authority or
 * all (?authority=&year=), or what an application lacks (?action=&call=).
 * The page gives the findings as sentences grouped by rule, each rule with
 * its legal source and the seed's words, each finding linked to its record;
 * the API the same findings as 'eala analyze compliance --json'. */
#include "web.h"
#include "html.h"

#include "../analysis/compliance.h"
#include "../core/codelist.h"
#include "../io/records_csv.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a request asks for, checked once for the page and the API. */
struct ask {
	int64_t authority_id, action_id;
	int year;
	const char *call_id;
	const struct compliance_call *call;
	struct compliance_rules rules;
	struct compliance_calls calls;
	int not_found;          /* the authority or the action does not exist (or is hidden) */
	int unavailable;        /* the rules' files cannot be read */
};

static void ask_clear(struct ask *a)
{
	compliance_rules_clear(&a->rules);
	compliance_calls_clear(&a->calls);
}

/* Every problem of the query in el; a->not_found for a missing record. */
static void ask_read(struct req *r, struct ask *a, struct errlist *el)
{
	struct errlist files;
	memset(a, 0, sizeof(*a));
	errlist_init(&files);
	a->authority_id = api_int_arg(r, "authority", 1, INT64_MAX, 0, el);
	a->action_id = api_int_arg(r, "action", 1, INT64_MAX, 0, el);
	a->year = (int)api_int_arg(r, "year", 1900, 2100, 0, el);
	a->call_id = req_arg(r, "call");
	if (compliance_rules_load(NULL, &a->rules, &files) | compliance_calls_load(NULL, &a->calls, &files))
		a->unavailable = 1;
	errlist_clear(&files);
	if (a->call_id && !a->unavailable && !(a->call = compliance_call_find(&a->calls, a->call_id)))
		errlist_add(el, NULL, 0, "call", N_("is not a call of data/rules/calls.csv"));
	if (a->action_id && !a->call_id)
		errlist_add(el, NULL, 0, "call", N_("is required with action: the call the application is for"));
	if (a->call_id && !a->action_id && !req_arg(r, "action"))
		errlist_add(el, NULL, 0, "action", N_("is required with call: the action that applies"));
	if (a->action_id && a->authority_id)
		errlist_add(el, NULL, 0, "authority", N_("goes with the rules, not with the check of an application"));
	if (a->authority_id && (!store_authority_exists(r->st, a->authority_id) ||
				draft_hidden(r, RK_AUTHORITY, a->authority_id)))
		a->not_found = 1;
	if (a->action_id && (!store_action_exists(r->st, a->action_id) || draft_hidden(r, RK_ACTION, a->action_id)))
		a->not_found = 1;
}

static int ask_run(struct req *r, struct ask *a, struct compliance_result *res, char **err)
{
	if (a->call)
		return compliance_call_load(r->st, &a->rules, a->call, a->action_id, a->year, NULL, !reads_drafts(r),
					    res, err);
	return compliance_load(r->st, &a->rules, a->authority_id, a->year, NULL, !reads_drafts(r), res, err);
}

int api_compliance(struct req *r)
{
	struct ask a;
	struct errlist el;
	struct compliance_result res = {0};
	char *err = NULL;
	int rc;
	errlist_init(&el);
	ask_read(r, &a, &el);
	if (el.n)
		rc = json_errors(r, MHD_HTTP_BAD_REQUEST, &el);
	else if (a.unavailable)
		rc = json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, "the rules' files cannot be read");
	else if (a.not_found)
		rc = json_error(r, MHD_HTTP_NOT_FOUND, a.action_id ? "action" : "authority",
				a.action_id ? "no such action" : "no such authority");
	else if (ask_run(r, &a, &res, &err))
		rc = json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, err ? err : "database error");
	else
		rc = json_reply(r, MHD_HTTP_OK, compliance_json(&res, a.call, a.authority_id, a.action_id, a.year));
	free(err);
	compliance_result_clear(&res);
	errlist_clear(&el);
	ask_clear(&a);
	return rc;
}

/* ---- the page ---- */

static const char *rule_title(struct req *r, const struct compliance_rule *rule)
{
	const char *k = rule->kind;
	if (strcmp(k, "one_percent_ceiling") == 0) {
		const char *l = codelist_label(CL_FUNDING_SOURCE, rule->funding_source, lang_codelist(r));
		return l ? l : rule->id;
	}
	if (strcmp(k, "ficol_amount") == 0)
		return tr(r, "AFD facility (FICOL): the amount");
	if (strcmp(k, "ficol_share") == 0)
		return tr(r, "AFD facility (FICOL): the authorities' and partners' share");
	if (strcmp(k, "ficol_years") == 0)
		return tr(r, "AFD facility (FICOL): three years at most");
	if (strcmp(k, "deliberation") == 0)
		return tr(r, "A council deliberation for every convention");
	if (strcmp(k, "convention_party") == 0)
		return tr(r, "Conventions with foreign local authorities, not with foreign states");
	if (strcmp(k, "convention_expired") == 0)
		return tr(r, "Expired conventions on active partnerships");
	return tr(r, "The international budget's share of the budget");
}

static const char *requirement_title(struct req *r, const char *req)
{
	static const struct {
		const char *id, *title;
	} titles[] = {
		{"project", N_("The project: description, dates, countries")},
		{"convention", N_("A signed convention with the foreign authority")},
		{"deliberation", N_("The council deliberation")},
		{"home_commitment", N_("The authority's quantified commitment")},
		{"partner_commitment", N_("The partner's quantified commitment")},
		{"earlier_reports", N_("Reports on earlier grants")},
		{"oda_country", N_("A country eligible to official development assistance")},
		{"results_framework", N_("A results framework")},
		{"theme", N_("The call's theme")},
		{"call_country", N_("The call's countries")},
		{"ficol", N_("The AFD facility's conditions")},
	};
	for (size_t i = 0; i < sizeof(titles) / sizeof(*titles); i++)
		if (strcmp(titles[i].id, req) == 0)
			return tr(r, titles[i].title);
	return req;
}

static const char *status_word(struct req *r, enum compliance_status s, int call)
{
	switch (s) {
	case CS_OK: return call ? tr(r, "ready") : tr(r, "in order");
	case CS_BREACH: return tr(r, "breach");
	case CS_MISSING: return tr(r, "missing");
	default: return tr(r, "figure");
	}
}

static const char *record_path(const char *kind)
{
	return strcmp(kind, "authority") == 0 ? "authorities"
	     : strcmp(kind, "partnership") == 0 ? "partnerships" : "actions";
}

static void finding_item(struct req *r, const struct compliance_finding *f, int call)
{
	struct buf *b = &r->body;
	char s[1024];
	enum compliance_status st = compliance_status_of(f->code);
	compliance_sentence(f, lang_codelist(r), s, sizeof(s));
	html(b, "<li class=\"finding ");
	html_attr(b, compliance_status_name(st));
	html(b, "\"><span class=\"status\">");
	html_text(b, status_word(r, st, call));
	html(b, "</span> ");
	html_text(b, s);
	html(b, " <a href=\"/");
	html(b, record_path(f->kind));
	html(b, "/");
	html_int(b, f->record_id);
	html(b, "\">");
	html_text(b, f->name ? f->name : "?");
	html(b, "</a></li>\n");
}

static void rule_source(struct req *r, const struct compliance_rule *rule)
{
	struct buf *b = &r->body;
	html(b, "<p class=\"source\">");
	html_text(b, tr(r, "Legal source:"));
	html(b, " ");
	html_text(b, rule->legal_source);
	if (rule->seed) {
		html(b, "<br><q>");
		html_text(b, rule->seed);
		html(b, "</q>");
	}
	html(b, "</p>\n");
}

/* Findings in their order, a heading each time the rule or the requirement changes. */
static void findings(struct req *r, const struct compliance_result *res, int call)
{
	struct buf *b = &r->body;
	const void *group = NULL;
	for (size_t i = 0; i < res->n; i++) {
		const struct compliance_finding *f = &res->v[i];
		const void *g = f->rule ? (const void *)f->rule : (const void *)f->requirement;
		if (g != group) {
			if (group)
				html(b, "</ul></section>\n");
			group = g;
			html(b, "<section class=\"rule\"><h2>");
			html_text(b, f->rule ? rule_title(r, f->rule) : requirement_title(r, f->requirement));
			html(b, "</h2>\n");
			if (f->rule)
				rule_source(r, f->rule);
			html(b, "<ul class=\"findings\">\n");
		}
		finding_item(r, f, call);
	}
	if (group)
		html(b, "</ul></section>\n");
	else {
		html(b, "<p>");
		/* xgettext:no-c-format */
		html_text(b, tr(r, "Nothing to check: no convention, no 1% or AFD financing and no budget year in scope."));
		html(b, "</p>\n");
	}
}

static void number_input(struct buf *b, const char *label, const char *name, int64_t v, int lo, int hi)
{
	html(b, "<label>");
	html_text(b, label);
	html(b, " <input name=\"");
	html(b, name);
	html(b, "\" type=\"number\"");
	if (lo)
		buf_printf(b, " min=\"%d\" max=\"%d\"", lo, hi);
	else
		html(b, " min=\"1\"");
	html(b, " value=\"");
	if (v)
		html_int(b, v);
	html(b, "\"></label> ");
}

static void filters(struct req *r, const struct ask *a)
{
	struct buf *b = &r->body;
	html(b, "<form class=\"filters\" action=\"/analysis/compliance\" method=\"get\">");
	number_input(b, tr(r, "Authority (number)"), "authority", a->authority_id, 0, 0);
	number_input(b, tr(r, "Year"), "year", a->year, 1900, 2100);
	html(b, "<button type=\"submit\">");
	html_text(b, tr(r, "Show"));
	html(b, "</button></form>\n");
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
		html(b, "<li>"), html_text(b, tr(r, "There is no such authority or action.")), html(b, "</li>\n");
	html(b, "</ul>\n");
}

static void call_head(struct req *r, const struct ask *a)
{
	struct buf *b = &r->body;
	const struct compliance_call *c = a->call;
	html(b, "<p class=\"lead\">");
	html_text(b, tr(r, "What is ready and what is missing for the application of action"));
	html(b, " <a href=\"/actions/");
	html_int(b, a->action_id);
	html(b, "\">#");
	html_int(b, a->action_id);
	html(b, "</a> ");
	html_text(b, tr(r, "to"));
	html(b, " <strong>");
	html_text(b, lang_codelist(r) == CL_LANG_FR && c->label[1] ? c->label[1] : c->label[0]);
	html(b, "</strong>.</p>\n<p class=\"source\">");
	html_text(b, tr(r, "Source:"));
	html(b, " <q>");
	html_text(b, c->source);
	html(b, "</q></p>\n");
}

int page_compliance(struct req *r)
{
	struct ask a;
	struct errlist el;
	struct compliance_result res = {0};
	struct buf *b = &r->body;
	char *err = NULL;
	errlist_init(&el);
	ask_read(r, &a, &el);
	if (el.n || a.not_found || a.unavailable) {
		r->status = el.n ? MHD_HTTP_BAD_REQUEST : a.not_found ? MHD_HTTP_NOT_FOUND : MHD_HTTP_SERVICE_UNAVAILABLE;
		page_begin(r, tr(r, "Money and law"), NULL);
		problems(r, &el, a.not_found);
		if (a.unavailable)
			html(b, "<p class=\"error\">"), html_text(b, tr(r, "The rules' files cannot be read.")), html(b, "</p>\n");
		goto out;
	}
	page_begin(r, a.call ? tr(r, "Application to a call") : tr(r, "Money and law"), NULL);
	if (a.call) {
		call_head(r, &a);
	} else {
		html(b, "<p class=\"lead\">");
		/* xgettext:no-c-format */
		html_text(b, tr(r, "The 1% ceilings, the AFD facility's conditions, the conventions and their deliberations, "
				   "and the share of the international budget, checked against the records. Each rule "
				   "cites its law; each finding links to its record."));
		html(b, "</p>\n");
		filters(r, &a);
	}
	if (ask_run(r, &a, &res, &err)) {
		r->status = MHD_HTTP_SERVICE_UNAVAILABLE;
		html(b, "<p class=\"error\">");
		html_text(b, err ? err : "database error");
		html(b, "</p>\n");
	} else {
		findings(r, &res, a.call != NULL);
	}
out:
	page_end(r);
	free(err);
	compliance_result_clear(&res);
	errlist_clear(&el);
	ask_clear(&a);
	return r->status;
}

void compliance_call_form(struct req *r, int64_t action_id)
{
	struct compliance_calls calls;
	struct errlist el;
	struct buf *b = &r->body;
	errlist_init(&el);
	if (compliance_calls_load(NULL, &calls, &el) == EALA_OK && calls.n) {
		html(b, "<form class=\"filters\" action=\"/analysis/compliance\" method=\"get\">"
			"<input type=\"hidden\" name=\"action\" value=\"");
		html_int(b, action_id);
		html(b, "\"><label>");
		html_text(b, tr(r, "Check an application to"));
		html(b, " <select name=\"call\">");
		for (size_t i = 0; i < calls.n; i++) {
			const struct compliance_call *c = &calls.v[i];
			html(b, "<option value=\"");
			html_attr(b, c->id);
			html(b, "\">");
			html_text(b, lang_codelist(r) == CL_LANG_FR && c->label[1] ? c->label[1] : c->label[0]);
			html(b, "</option>");
		}
		html(b, "</select></label> <button type=\"submit\">");
		html_text(b, tr(r, "Check"));
		html(b, "</button></form>\n");
	}
	compliance_calls_clear(&calls);
	errlist_clear(&el);
}
