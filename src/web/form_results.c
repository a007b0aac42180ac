/* form_results.c: the results chain on the pages of a partnership or an
 * action (what was expected, with its indicators and targets, and what was
 * observed, by each side, with its evidence) and the forms that record it:
 * an expected impact with its indicators and periods, the actual values a
 * side reports, an observed outcome with its evidence (a link or a file).
 * The forms' fields become the API's JSON and go through the same
 * expected_save(), expected_actuals_save() and outcome_save(), so the rules,
 * the roles and the audit are the API's. Usable without JavaScript. */
#include "html.h"
#include "results.h"

#include "../core/codelist.h"
#include "../io/record_json.h"

#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_INDICATORS 50
#define MAX_PERIODS 60

/* A JSON value as the text of an input (numbers as typed, no trailing zeros). */
static char *text_of(json_t *v)
{
	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return xasprintf("%.15g", json_real_value(v));
	if (json_is_boolean(v))
		return xstrdup(json_is_true(v) ? "1" : "");
	return NULL;
}

static void hidden(struct buf *b, const char *name, const char *value)
{
	html(b, "<input type=\"hidden\" name=\"");
	html_attr(b, name);
	html(b, "\" value=\"");
	html_attr(b, value);
	html(b, "\">\n");
}

static void hidden_int(struct buf *b, const char *name, long long v)
{
	char s[32];
	snprintf(s, sizeof(s), "%lld", v);
	hidden(b, name, s);
}

/* A bare input in a table cell, labelled for screen readers. */
static void cell_input(struct req *r, const char *name, const char *type, const char *value, const char *label,
		       const struct errlist *el)
{
	struct buf *b = &r->body;
	html(b, "<td><input id=\"f-");
	html_attr(b, name);
	html(b, "\" name=\"");
	html_attr(b, name);
	html(b, "\" type=\"");
	html(b, type);
	html(b, "\" aria-label=\"");
	html_attr(b, label);
	html(b, "\" value=\"");
	html_attr(b, value);
	html(b, "\">");
	form_field_error(b, el, name);
	html(b, "</td>");
}

static void page_not_found(struct req *r)
{
	r->status = MHD_HTTP_NOT_FOUND;
	page_begin(r, tr(r, "Not found"), NULL);
	html(&r->body, "<p>");
	html_text(&r->body, tr(r, "There is no such record."));
	html(&r->body, "</p>\n");
	page_end(r);
}

static void page_forbidden(struct req *r)
{
	r->status = MHD_HTTP_FORBIDDEN;
	page_begin(r, tr(r, "Not allowed"), NULL);
	html(&r->body, "<p class=\"error\">");
	html_text(&r->body, tr(r, "Your roles do not let you change these results."));
	html(&r->body, "</p>\n");
	page_end(r);
}

/* Where the results of a partnership or an action are shown. */
static void results_home(char *path, size_t n, int64_t partnership_id, int64_t action_id)
{
	if (partnership_id && !action_id)
		snprintf(path, n, "/partnerships/%lld#results", (long long)partnership_id);
	else
		snprintf(path, n, "/actions/%lld#results", (long long)action_id);
}

/* A problem's field as words: "indicators[0].periods[1].end" is
 * "Indicator 1, period 2: end". */
static const char *results_field_label(const struct req *r, const char *field, char *buf, size_t n)
{
	size_t i, k;
	int used = 0;
	if (sscanf(field, "indicators[%zu].periods[%zu].%n", &i, &k, &used) == 2 && used)
		snprintf(buf, n, tr(r, "Indicator %zu, period %zu: %s"), i + 1, k + 1, field + used);
	else if (sscanf(field, "indicators[%zu].%n", &i, &used) == 1 && used)
		snprintf(buf, n, tr(r, "Indicator %zu: %s"), i + 1, field + used);
	else if (sscanf(field, "values[%zu]%n", &i, &used) == 1 && used)
		snprintf(buf, n, tr(r, "Value %zu"), i + 1);
	else
		return field;
	return buf;
}

/* ---- the results section of a partnership's or an action's page ---- */

struct section {
	struct req *r;
	struct result_scope *sc;
	int may_edit;
	size_t n;
};

static void number(struct buf *b, int has, double v)
{
	if (!has)
		return;
	char s[40];
	snprintf(s, sizeof(s), "%.15g", v);
	html_text(b, s);
}

/* "met", "not met" or nothing, for a period with a target and an actual value. */
static const char *period_verdict(const struct req *r, const struct indicator *ind, const struct indicator_period *p)
{
	if (!p->has_target || !p->has_actual)
		return NULL;
	int met = ind->ascending ? p->actual >= p->target : p->actual <= p->target;
	return met ? tr(r, "met") : tr(r, "not met");
}

static int section_expected(void *ctx, const struct expected_impact *e)
{
	struct section *s = ctx;
	struct req *r = s->r;
	struct buf *b = &r->body;
	s->n++;
	html(b, "<article class=\"result\" id=\"expected-");
	html_int(b, e->id);
	html(b, "\"><h3>");
	html_text(b, codelist_label(CL_IMPACT_CATEGORY, e->category, lang_codelist(r)));
	html(b, " <span class=\"tag\">");
	html_text(b, codelist_label(CL_TERRITORY_SIDE, e->side, lang_codelist(r)));
	html(b, "</span></h3>\n<p>");
	html_text(b, e->description);
	html(b, "</p>\n");
	if (!e->n_indicators) {
		html(b, "<p class=\"more\">");
		html_text(b, tr(r, "No indicator yet: how will you know it happened?"));
		html(b, "</p>\n");
	}
	for (size_t i = 0; i < e->n_indicators; i++) {
		const struct indicator *ind = &e->indicators[i];
		html(b, "<table class=\"indicator\">\n<caption>");
		html_text(b, ind->title);
		if (ind->unit) {
			html(b, " (");
			html_text(b, ind->unit);
			html(b, ")");
		}
		if (ind->has_baseline) {
			html(b, ", ");
			html_text(b, tr(r, "baseline"));
			html(b, " ");
			number(b, 1, ind->baseline);
			if (ind->baseline_date) {
				html(b, " (");
				html_text(b, ind->baseline_date);
				html(b, ")");
			}
		}
		html(b, "</caption>\n<thead><tr><th scope=\"col\">");
		html_text(b, tr(r, "Period"));
		html(b, "</th><th scope=\"col\">");
		html_text(b, tr(r, "Target"));
		html(b, "</th><th scope=\"col\">");
		html_text(b, tr(r, "Actual"));
		html(b, "</th><th scope=\"col\">");
		html_text(b, tr(r, "Target met?"));
		html(b, "</th></tr></thead>\n<tbody>\n");
		for (size_t k = 0; k < ind->n_periods; k++) {
			const struct indicator_period *p = &ind->periods[k];
			html(b, "<tr><th scope=\"row\">");
			html_text(b, p->start);
			html(b, " – ");
			html_text(b, p->end);
			html(b, "</th><td>");
			number(b, p->has_target, p->target);
			html(b, "</td><td>");
			number(b, p->has_actual, p->actual);
			html(b, "</td><td>");
			html_text(b, period_verdict(r, ind, p));
			html(b, "</td></tr>\n");
		}
		html(b, "</tbody>\n</table>\n");
	}
	if (r->user.id) {
		html(b, "<p class=\"actions\">");
		if (s->may_edit) {
			html(b, "<a href=\"/expected_impacts/");
			html_int(b, e->id);
			html(b, "/edit\">");
			html_text(b, tr(r, "Edit the expected impact"));
			html(b, "</a> ");
		}
		if (e->n_indicators && result_may_report(r, s->sc, e->side)) {
			html(b, "<a href=\"/expected_impacts/");
			html_int(b, e->id);
			html(b, "/actuals\">");
			html_text(b, tr(r, "Report actual values"));
			html(b, "</a>");
		}
		html(b, "</p>\n");
	}
	html(b, "</article>\n");
	return 0;
}

static int section_outcome(void *ctx, const struct observed_outcome *o)
{
	struct section *s = ctx;
	struct req *r = s->r;
	struct buf *b = &r->body;
	s->n++;
	html(b, "<li id=\"outcome-");
	html_int(b, o->id);
	html(b, "\"><strong>");
	html_text(b, codelist_label(CL_IMPACT_CATEGORY, o->category, lang_codelist(r)));
	html(b, "</strong> (");
	html_text(b, codelist_label(CL_TERRITORY_SIDE, o->side, lang_codelist(r)));
	html(b, ", ");
	html_text(b, strcmp(o->reported_by, "partner") == 0 ? tr(r, "reported by the partner")
							     : tr(r, "reported at home"));
	if (o->unexpected) {
		html(b, ", ");
		html_text(b, tr(r, "unexpected"));
	}
	if (o->date) {
		html(b, ", ");
		html_text(b, o->date);
	}
	html(b, "): ");
	html_text(b, o->description);
	if (o->expected_id) {
		html(b, " <a href=\"#expected-");
		html_int(b, o->expected_id);
		html(b, "\">");
		html_text(b, tr(r, "the expectation"));
		html(b, "</a>");
	}
	if (o->evidence_url) {
		html(b, " <a rel=\"nofollow noopener\" href=\"");
		html_attr(b, o->evidence_url);
		html(b, "\">");
		html_text(b, tr(r, "evidence"));
		html(b, "</a>");
	}
	if (o->evidence_document) {
		html(b, " <a href=\"/documents/");
		html_int(b, o->evidence_document);
		html(b, "\">");
		html_text(b, tr(r, "evidence document"));
		html(b, "</a>");
	}
	if (r->user.id && result_may_report(r, s->sc, o->reported_by)) {
		html(b, " <a class=\"actions\" href=\"/observed_outcomes/");
		html_int(b, o->id);
		html(b, "/edit\">");
		html_text(b, tr(r, "Edit"));
		html(b, "</a>");
	}
	html(b, "</li>\n");
	return 0;
}

static void new_link(struct req *r, const char *path, int64_t partnership_id, int64_t action_id,
		     const char *label)
{
	struct buf *b = &r->body;
	html(b, "<a href=\"/");
	html(b, path);
	html(b, "/new?");
	if (partnership_id) {
		html(b, "partnership=");
		html_int(b, partnership_id);
	}
	if (action_id) {
		html(b, partnership_id ? "&amp;action=" : "action=");
		html_int(b, action_id);
	}
	html(b, "\">");
	html_text(b, label);
	html(b, "</a>");
}

void results_section(struct req *r, int64_t partnership_id, int64_t action_id)
{
	struct buf *b = &r->body;
	struct result_scope sc;
	struct errlist el;
	errlist_init(&el);
	result_scope(r->st, partnership_id, action_id, &sc, &el);
	errlist_clear(&el);
	struct section s = {r, &sc, r->user.id && result_may_edit(r, &sc), 0};
	/* an action's page shows the action's results; a partnership's, all of its own */
	struct results_filter f = {.partnership_id = action_id ? 0 : partnership_id, .action_id = action_id,
				   .public_only = !reads_drafts(r)};
	char *err = NULL;
	html(b, "<section id=\"results\">\n<h2>");
	html_text(b, tr(r, "Expected impacts"));
	html(b, "</h2>\n");
	store_expected_impact_list(r->st, &f, section_expected, &s, &err);
	if (!s.n) {
		html(b, "<p class=\"more\">");
		html_text(b, tr(r, "none"));
		html(b, "</p>\n");
	}
	if (s.may_edit) {
		html(b, "<p class=\"actions\">");
		new_link(r, "expected_impacts", partnership_id, action_id, tr(r, "Add an expected impact"));
		html(b, "</p>\n");
	}
	html(b, "<h2>");
	html_text(b, tr(r, "Observed outcomes"));
	html(b, "</h2>\n<ul>\n");
	s.n = 0;
	store_observed_outcome_list(r->st, &f, section_outcome, &s, &err);
	html(b, "</ul>\n");
	if (!s.n) {
		html(b, "<p class=\"more\">");
		html_text(b, tr(r, "none"));
		html(b, "</p>\n");
	}
	if (r->user.id && result_may_report(r, &sc, NULL)) {
		html(b, "<p class=\"actions\">");
		new_link(r, "observed_outcomes", partnership_id, action_id, tr(r, "Report an outcome"));
		html(b, "</p>\n");
	}
	html(b, "</section>\n");
	free(err);
	result_scope_clear(&sc);
}

/* ---- where a new result goes: ?partnership=ID or ?action=ID, or the post ---- */

static int64_t id_param(struct req *r, const char *arg, const char *field)
{
	const char *v = strcmp(r->method, "POST") == 0 ? req_form(r, field) : req_arg(r, arg);
	char *end = NULL;
	long long n = v ? strtoll(v, &end, 10) : 0;
	return v && *end == 0 && n > 0 ? n : 0;
}

/* ---- the expected impact form ---- */

static const struct ffield expected_fields[] = {
	{"category", N_("Category"), FT_CODE, CL_IMPACT_CATEGORY, 1, NULL},
	{"side", N_("Where"), FT_CODE, CL_TERRITORY_SIDE, 1, N_("in the home territory, the partner's, or both")},
	{"description", N_("What you expect"), FT_AREA, 0, 1, NULL},
	{"source", N_("Source"), FT_TEXT, 0, 0, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};

struct action_options {
	struct buf *b;
	int64_t chosen;
};

static int action_option(void *ctx, const struct action *a)
{
	struct action_options *o = ctx;
	html(o->b, "<option value=\"");
	html_int(o->b, a->id);
	html(o->b, a->id == o->chosen ? "\" selected>" : "\">");
	html_text(o->b, a->title);
	html(o->b, "</option>\n");
	return 0;
}

/* The action select of a partnership's result (none: the whole partnership). */
static void action_select(struct req *r, int64_t partnership_id, int64_t chosen, const struct errlist *el)
{
	struct buf *b = &r->body;
	html(b, "<p class=\"field\"><label for=\"f-action_id\">");
	html_text(b, tr(r, "Action"));
	html(b, "</label>\n<select id=\"f-action_id\" name=\"action_id\">\n<option value=\"\">");
	html_text(b, tr(r, "the whole partnership"));
	html(b, "</option>\n");
	struct store_filter f = {.partnership_id = partnership_id};
	struct action_options o = {b, chosen};
	char *err = NULL;
	store_action_list(r->st, &f, action_option, &o, NULL, &err);
	free(err);
	html(b, "</select>\n");
	form_field_error(b, el, "action_id");
	html(b, "</p>\n");
}

/* The form's view of an expected impact: the API's JSON shape, values as
 * text; from the record (with blank rows to fill) or from the post. */
static void indicator_block(struct req *r, size_t i, json_t *ind, size_t blank_periods, const struct errlist *el)
{
	struct buf *b = &r->body;
	char name[96], label[160];
	html(b, "<fieldset class=\"indicator\">\n<legend>");
	snprintf(label, sizeof(label), tr(r, "Indicator %zu"), i + 1);
	html_text(b, label);
	html(b, "</legend>\n");
	json_t *id = json_object_get(ind, "id");
	if (id && !json_is_null(id)) {
		char *v = text_of(id);
		snprintf(name, sizeof(name), "indicators[%zu].id", i);
		hidden(b, name, v);
		free(v);
	}
	static const struct ffield fields[] = {
		{"title", N_("Indicator"), FT_TEXT, 0, 0, N_("what is counted, as 'pupils taking part in exchanges'")},
		{"unit", N_("Unit"), FT_TEXT, 0, 0, NULL},
		{"measure", N_("Measure"), FT_CODE, CL_IATI_INDICATOR_MEASURE, 0, NULL},
		{"baseline", N_("Baseline"), FT_NUM, 0, 0, N_("the value before the action")},
		{"baseline_date", N_("Baseline date"), FT_DATE, 0, 0, NULL},
		{"ascending", N_("More is better"), FT_BOOL, 0, 0, NULL},
		{"cumulative", N_("Cumulative"), FT_BOOL, 0, 0, N_("each period's value includes the earlier ones")},
	};
	for (size_t k = 0; k < sizeof(fields) / sizeof(*fields); k++) {
		struct ffield f = fields[k];
		snprintf(name, sizeof(name), "indicators[%zu].%s", i, f.name);
		f.name = name;
		char *v = text_of(json_object_get(ind, fields[k].name));
		form_input(r, &f, v, el);
		free(v);
	}
	json_t *periods = json_object_get(ind, "periods");
	size_t np = json_array_size(periods) + blank_periods;
	if (np > MAX_PERIODS)
		np = MAX_PERIODS;
	html(b, "<table class=\"periods\">\n<caption>");
	html_text(b, tr(r, "Targets and actual values by period"));
	html(b, "</caption>\n<thead><tr><th scope=\"col\">");
	html_text(b, tr(r, "Start"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "End"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "Target"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "Actual"));
	html(b, "</th></tr></thead>\n<tbody>\n");
	static const char *const cols[] = {"start", "end", "target", "actual"};
	for (size_t k = 0; k < np; k++) {
		json_t *p = json_array_get(periods, k);
		html(b, "<tr>");
		for (size_t c = 0; c < 4; c++) {
			snprintf(name, sizeof(name), "indicators[%zu].periods[%zu].%s", i, k, cols[c]);
			switch (c) {
			case 0: snprintf(label, sizeof(label), tr(r, "Start of period %zu"), k + 1); break;
			case 1: snprintf(label, sizeof(label), tr(r, "End of period %zu"), k + 1); break;
			case 2: snprintf(label, sizeof(label), tr(r, "Target of period %zu"), k + 1); break;
			default: snprintf(label, sizeof(label), tr(r, "Actual value of period %zu"), k + 1); break;
			}
			char *v = text_of(json_object_get(p, cols[c]));
			cell_input(r, name, c < 2 ? "date" : "text", v, label, el);
			free(v);
		}
		html(b, "</tr>\n");
	}
	html(b, "</tbody>\n</table>\n");
	snprintf(name, sizeof(name), "indicators[%zu].n_periods", i);
	hidden_int(b, name, (long long)np);
	if (id && !json_is_null(id)) {
		struct ffield f = {name, N_("Remove this indicator"), FT_BOOL, 0, 0, NULL};
		snprintf(name, sizeof(name), "indicators[%zu].remove", i);
		form_input(r, &f, json_is_true(json_object_get(ind, "remove")) ? "1" : NULL, el);
	}
	html(b, "</fieldset>\n");
}

/* The start of a result's form page: its title, the problems, the form
 * posting to /PATH/new or /PATH/ID/edit with the CSRF token, and where the
 * result belongs (a partnership with the choice of its action, or an action). */
static void result_form_begin(struct req *r, const char *path, int64_t id, const char *edit_title,
			      const char *new_title, const char *intro, json_t *view, int multipart,
			      const char *(*label)(const struct req *, const char *, char *, size_t),
			      const struct errlist *el)
{
	struct buf *b = &r->body;
	char title[160], action[64];
	int64_t pid = json_integer_value(json_object_get(view, "partnership_id"));
	int64_t aid = json_integer_value(json_object_get(view, "action_id"));
	if (id)
		snprintf(title, sizeof(title), "%s #%lld", edit_title, (long long)id);
	else
		snprintf(title, sizeof(title), "%s", new_title);
	page_begin(r, title, NULL);
	form_error_summary(r, el, intro, label);
	if (id)
		snprintf(action, sizeof(action), "/%s/%lld/edit", path, (long long)id);
	else
		snprintf(action, sizeof(action), "/%s/new", path);
	html(b, multipart ? "<form method=\"post\" enctype=\"multipart/form-data\" action=\""
			  : "<form method=\"post\" action=\"");
	html_attr(b, action);
	html(b, "\">\n");
	hidden(b, "csrf", r->csrf);
	if (pid) {
		hidden_int(b, "partnership_id", pid);
		action_select(r, pid, aid, el);
	} else {
		hidden_int(b, "action_id", aid);
	}
}

/* The end of a result's form page: Save, and for a saved result its Delete form. */
static void result_form_end(struct req *r, const char *path, int64_t id, const char *delete_label)
{
	struct buf *b = &r->body;
	html(b, "<p><button type=\"submit\">");
	html_text(b, tr(r, "Save"));
	html(b, "</button></p>\n</form>\n");
	if (id) {
		html(b, "<form method=\"post\" action=\"/");
		html(b, path);
		html(b, "/");
		html_int(b, id);
		html(b, "/delete\">\n");
		hidden(b, "csrf", r->csrf);
		html(b, "<p><button type=\"submit\" class=\"danger\">");
		html_text(b, delete_label);
		html(b, "</button></p>\n</form>\n");
	}
	page_end(r);
}

static void expected_form(struct req *r, int64_t id, json_t *view, int from_post, const struct errlist *el)
{
	struct buf *b = &r->body;
	result_form_begin(r, "expected_impacts", id, tr(r, "Edit expected impact"), tr(r, "New expected impact"),
			  tr(r, "The expected impact was not saved:"), view, 0, results_field_label, el);
	for (const struct ffield *f = expected_fields; f->name; f++) {
		char *v = text_of(json_object_get(view, f->name));
		form_input(r, f, v, el);
		free(v);
	}
	html(b, "<h2>");
	html_text(b, tr(r, "Indicators"));
	html(b, "</h2>\n<p>");
	html_text(b, tr(r, "How you will know: what is counted, from which baseline, with a target for "
			   "each period (a year, as 2025-01-01 to 2025-12-31). Leave the rows you do not need empty."));
	html(b, "</p>\n");
	json_t *inds = json_object_get(view, "indicators");
	size_t n = json_array_size(inds);
	for (size_t i = 0; i < n; i++)
		indicator_block(r, i, json_array_get(inds, i), from_post ? 0 : 2, el);
	if (!from_post && n < MAX_INDICATORS) {
		json_t *blank = json_pack("{s:b}", "ascending", 1);
		indicator_block(r, n, blank, 3, el);
		json_decref(blank);
		n++;
	}
	hidden_int(b, "n_indicators", (long long)n);
	result_form_end(r, "expected_impacts", id, tr(r, "Delete this expected impact"));
}

/* A posted field of indicator i, or of its period k; NULL when empty. */
static const char *ind_posted(struct req *r, size_t i, const char *col)
{
	char name[96];
	snprintf(name, sizeof(name), "indicators[%zu].%s", i, col);
	const char *v = req_form(r, name);
	return v && *v ? v : NULL;
}

static const char *per_posted(struct req *r, size_t i, size_t k, const char *col)
{
	char name[96];
	snprintf(name, sizeof(name), "indicators[%zu].periods[%zu].%s", i, k, col);
	const char *v = req_form(r, name);
	return v && *v ? v : NULL;
}

static size_t posted_count(struct req *r, const char *name, size_t max)
{
	const char *v = req_form(r, name);
	long n = v ? strtol(v, NULL, 10) : 0;
	return n < 0 ? 0 : (size_t)n > max ? max : (size_t)n;
}

/* A number as typed (a decimal comma taken), or an error for field. */
static json_t *posted_number(const char *v, const char *field, struct errlist *el)
{
	char buf[64];
	snprintf(buf, sizeof(buf), "%s", v);
	char *comma = strchr(buf, ',');
	if (comma && !strchr(buf, '.'))
		*comma = '.';
	char *end;
	errno = 0;
	double d = strtod(buf, &end);
	if (end == buf || *end || errno) {
		errlist_add(el, NULL, 0, field, N_("must be a number, as 12.5"));
		return NULL;
	}
	return json_real(d);
}

/* The post as the form's view (every row, as typed). */
static json_t *expected_view_from_post(struct req *r)
{
	json_t *v = json_object(), *inds = json_array();
	int64_t pid = id_param(r, "partnership", "partnership_id"), aid = id_param(r, "action", "action_id");
	if (pid)
		json_object_set_new(v, "partnership_id", json_integer(pid));
	if (aid)
		json_object_set_new(v, "action_id", json_integer(aid));
	for (const struct ffield *f = expected_fields; f->name; f++) {
		const char *x = req_form(r, f->name);
		if (x && *x)
			json_object_set_new(v, f->name, json_string(x));
	}
	size_t n = posted_count(r, "n_indicators", MAX_INDICATORS);
	static const char *const ifields[] = {"id", "title", "unit", "measure", "baseline", "baseline_date"};
	for (size_t i = 0; i < n; i++) {
		json_t *ind = json_object(), *ps = json_array();
		for (size_t k = 0; k < sizeof(ifields) / sizeof(*ifields); k++) {
			const char *x = ind_posted(r, i, ifields[k]);
			if (x)
				json_object_set_new(ind, ifields[k], json_string(x));
		}
		json_object_set_new(ind, "ascending", json_boolean(ind_posted(r, i, "ascending")));
		json_object_set_new(ind, "cumulative", json_boolean(ind_posted(r, i, "cumulative")));
		json_object_set_new(ind, "remove", json_boolean(ind_posted(r, i, "remove")));
		char name[64];
		snprintf(name, sizeof(name), "indicators[%zu].n_periods", i);
		size_t np = posted_count(r, name, MAX_PERIODS);
		for (size_t k = 0; k < np; k++) {
			json_t *p = json_object();
			static const char *const cols[] = {"start", "end", "target", "actual"};
			for (size_t c = 0; c < 4; c++) {
				const char *x = per_posted(r, i, k, cols[c]);
				if (x)
					json_object_set_new(p, cols[c], json_string(x));
			}
			json_array_append_new(ps, p);
		}
		json_object_set_new(ind, "periods", ps);
		json_array_append_new(inds, ind);
	}
	json_object_set_new(v, "indicators", inds);
	return v;
}

/* The view as the API's JSON: rows left empty and indicators removed left
 * out; imap[j] and pmap[j][k] give the form's index of the API's indicator
 * j and period k, to put each problem next to its input. */
struct index_map {
	size_t ind[MAX_INDICATORS];
	size_t per[MAX_INDICATORS][MAX_PERIODS];
};

static json_t *expected_api_json(json_t *view, struct index_map *m, struct errlist *el)
{
	json_t *o = json_object(), *inds = json_array();
	static const char *const keep[] = {"category", "side", "description", "source"};
	for (size_t k = 0; k < sizeof(keep) / sizeof(*keep); k++) {
		json_t *x = json_object_get(view, keep[k]);
		json_object_set(o, keep[k], x ? x : json_null());
	}
	json_t *pid = json_object_get(view, "partnership_id"), *aid = json_object_get(view, "action_id");
	json_object_set(o, "partnership_id", pid ? pid : json_null());
	json_object_set(o, "action_id", aid ? aid : json_null());
	size_t i;
	json_t *ind;
	json_array_foreach(json_object_get(view, "indicators"), i, ind) {
		if (json_is_true(json_object_get(ind, "remove")))
			continue;
		json_t *x = json_object(), *ps = json_array();
		char field[96];
		const char *id = json_string_value(json_object_get(ind, "id"));
		if (id) {
			char *end;
			long long n = strtoll(id, &end, 10);
			if (*end == 0 && n > 0)
				json_object_set_new(x, "id", json_integer(n));
		}
		static const char *const texts[] = {"title", "unit", "measure", "baseline_date"};
		for (size_t k = 0; k < sizeof(texts) / sizeof(*texts); k++) {
			json_t *t = json_object_get(ind, texts[k]);
			if (t)
				json_object_set(x, texts[k], t);
		}
		const char *base = json_string_value(json_object_get(ind, "baseline"));
		if (base) {
			snprintf(field, sizeof(field), "indicators[%zu].baseline", i);
			json_t *num = posted_number(base, field, el);
			if (num)
				json_object_set_new(x, "baseline", num);
		}
		json_object_set(x, "ascending", json_object_get(ind, "ascending"));
		json_object_set(x, "cumulative", json_object_get(ind, "cumulative"));
		size_t k;
		json_t *p;
		size_t j = json_array_size(inds);
		json_array_foreach(json_object_get(ind, "periods"), k, p) {
			if (!json_object_size(p))
				continue;   /* a row left empty */
			json_t *q = json_object();
			static const char *const cols[] = {"start", "end"};
			for (size_t c = 0; c < 2; c++) {
				json_t *t = json_object_get(p, cols[c]);
				json_object_set(q, cols[c], t ? t : json_string(""));
			}
			static const char *const nums[] = {"target", "actual"};
			for (size_t c = 0; c < 2; c++) {
				const char *t = json_string_value(json_object_get(p, nums[c]));
				if (!t)
					continue;
				snprintf(field, sizeof(field), "indicators[%zu].periods[%zu].%s", i, k, nums[c]);
				json_t *num = posted_number(t, field, el);
				if (num)
					json_object_set_new(q, nums[c], num);
			}
			if (j < MAX_INDICATORS && json_array_size(ps) < MAX_PERIODS)
				m->per[j][json_array_size(ps)] = k;
			json_array_append_new(ps, q);
		}
		/* a block left empty is no indicator */
		if (!json_object_get(x, "id") && !json_object_get(x, "title") && !json_array_size(ps) &&
		    !json_object_get(x, "unit") && !json_object_get(x, "baseline")) {
			json_decref(x);
			json_decref(ps);
			continue;
		}
		json_object_set_new(x, "periods", ps);
		if (j < MAX_INDICATORS)
			m->ind[j] = i;
		json_array_append_new(inds, x);
	}
	json_object_set_new(o, "indicators", inds);
	return o;
}

/* A problem's field named by the API ("indicators[0].periods[1].end") as
 * the form's input ("indicators[2].periods[3].end"). */
static void map_fields(struct errlist *el, const struct index_map *m, size_t n_ind)
{
	for (size_t e = 0; e < el->n; e++) {
		const char *f = el->v[e].field;
		size_t j, k;
		int used = 0;
		if (!f || strncmp(f, "indicators[", 11) != 0)
			continue;
		if (sscanf(f, "indicators[%zu].periods[%zu].%n", &j, &k, &used) == 2 && used && j < n_ind &&
		    j < MAX_INDICATORS && k < MAX_PERIODS) {
			char *x = xasprintf("indicators[%zu].periods[%zu].%s", m->ind[j], m->per[j][k], f + used);
			free(el->v[e].field);
			el->v[e].field = x;
		} else if (sscanf(f, "indicators[%zu].%n", &j, &used) == 1 && used && j < n_ind && j < MAX_INDICATORS) {
			char *x = xasprintf("indicators[%zu].%s", m->ind[j], f + used);
			free(el->v[e].field);
			el->v[e].field = x;
		}
	}
}

/* GET /expected_impacts/new?partnership=ID|action=ID, GET /expected_impacts/ID/edit */
int page_expected_form(struct req *r)
{
	if (form_guard(r))
		return r->status;
	struct errlist el;
	errlist_init(&el);
	json_t *view;
	struct result_scope sc;
	if (r->id) {
		struct expected_impact e;
		if (store_expected_impact_get(r->st, r->id, &e) != EALA_OK) {
			page_not_found(r);
			return r->status;
		}
		view = expected_impact_json(&e);
		expected_impact_clear(&e);
	} else {
		view = json_object();
		int64_t pid = id_param(r, "partnership", "partnership_id"), aid = id_param(r, "action", "action_id");
		if (pid)
			json_object_set_new(view, "partnership_id", json_integer(pid));
		if (aid)
			json_object_set_new(view, "action_id", json_integer(aid));
	}
	int bad = result_scope(r->st, json_integer_value(json_object_get(view, "partnership_id")),
			       json_integer_value(json_object_get(view, "action_id")), &sc, &el);
	if (bad)
		page_not_found(r);
	else if (!result_may_edit(r, &sc))
		page_forbidden(r);
	else
		expected_form(r, r->id, view, 0, &el);
	result_scope_clear(&sc);
	errlist_clear(&el);
	json_decref(view);
	return r->status;
}

/* POST /expected_impacts/new, POST /expected_impacts/ID/edit */
int form_expected_save(struct req *r)
{
	if (form_guard(r))
		return r->status;
	struct errlist el;
	errlist_init(&el);
	json_t *view = expected_view_from_post(r);
	struct index_map *m = calloc(1, sizeof(*m));   /* 24 KiB: not on a thread's stack */
	json_t *j = m ? expected_api_json(view, m, &el) : NULL;
	int64_t saved = r->id;
	int status = !j ? MHD_HTTP_SERVICE_UNAVAILABLE : el.n ? 422 : expected_save(r, r->id, j, &el, &saved);
	if (m)
		map_fields(&el, m, json_array_size(json_object_get(j, "indicators")));
	if (status == MHD_HTTP_OK || status == MHD_HTTP_CREATED) {
		struct expected_impact e;
		char path[96];
		if (store_expected_impact_get(r->st, saved, &e) == EALA_OK) {
			results_home(path, sizeof(path), e.partnership_id, e.action_id);
			expected_impact_clear(&e);
		} else {
			snprintf(path, sizeof(path), "/");
		}
		redirect(r, path);
	} else {
		expected_form(r, r->id, view, 1, &el);
		r->status = status;
	}
	free(m);
	json_decref(j);
	json_decref(view);
	errlist_clear(&el);
	return r->status;
}

/* ---- actual values, reported by either side ---- */

static void actuals_form(struct req *r, const struct expected_impact *e, const struct errlist *el)
{
	struct buf *b = &r->body;
	char title[160], name[64], label[200];
	snprintf(title, sizeof(title), "%s #%lld", tr(r, "Actual values of expected impact"), (long long)e->id);
	page_begin(r, title, NULL);
	form_error_summary(r, el, tr(r, "The values were not saved:"), results_field_label);
	html(b, "<p><strong>");
	html_text(b, codelist_label(CL_IMPACT_CATEGORY, e->category, lang_codelist(r)));
	html(b, "</strong> (");
	html_text(b, codelist_label(CL_TERRITORY_SIDE, e->side, lang_codelist(r)));
	html(b, "): ");
	html_text(b, e->description);
	html(b, "</p>\n<form method=\"post\" action=\"/expected_impacts/");
	html_int(b, e->id);
	html(b, "/actuals\">\n");
	hidden(b, "csrf", r->csrf);
	size_t v = 0;
	for (size_t i = 0; i < e->n_indicators; i++) {
		const struct indicator *ind = &e->indicators[i];
		html(b, "<table class=\"periods\">\n<caption>");
		html_text(b, ind->title);
		if (ind->unit) {
			html(b, " (");
			html_text(b, ind->unit);
			html(b, ")");
		}
		html(b, "</caption>\n<thead><tr><th scope=\"col\">");
		html_text(b, tr(r, "Period"));
		html(b, "</th><th scope=\"col\">");
		html_text(b, tr(r, "Target"));
		html(b, "</th><th scope=\"col\">");
		html_text(b, tr(r, "Actual"));
		html(b, "</th></tr></thead>\n<tbody>\n");
		for (size_t k = 0; k < ind->n_periods; k++, v++) {
			const struct indicator_period *p = &ind->periods[k];
			html(b, "<tr><th scope=\"row\">");
			html_text(b, p->start);
			html(b, " – ");
			html_text(b, p->end);
			html(b, "</th><td>");
			number(b, p->has_target, p->target);
			html(b, "</td>");
			snprintf(name, sizeof(name), "values[%zu].indicator_id", v);
			hidden_int(b, name, (long long)ind->id);
			snprintf(name, sizeof(name), "values[%zu].start", v);
			hidden(b, name, p->start);
			snprintf(name, sizeof(name), "values[%zu].actual", v);
			snprintf(label, sizeof(label), tr(r, "Actual value from %s to %s"), p->start, p->end);
			const char *typed = el->n ? req_form(r, name) : NULL;
			char *value = typed ? xstrdup(typed) : p->has_actual ? xasprintf("%.15g", p->actual) : NULL;
			cell_input(r, name, "text", value, label, el);
			free(value);
			html(b, "</tr>\n");
		}
		html(b, "</tbody>\n</table>\n");
	}
	hidden_int(b, "n_values", (long long)v);
	html(b, "<p><button type=\"submit\">");
	html_text(b, tr(r, "Save"));
	html(b, "</button></p>\n</form>\n");
	page_end(r);
}

static int actuals_allowed(struct req *r, const struct expected_impact *e)
{
	struct result_scope sc;
	struct errlist el;
	errlist_init(&el);
	result_scope(r->st, e->partnership_id, e->action_id, &sc, &el);
	int ok = result_may_report(r, &sc, e->side);
	errlist_clear(&el);
	result_scope_clear(&sc);
	return ok;
}

/* GET and POST /expected_impacts/ID/actuals */
int page_expected_actuals(struct req *r)
{
	if (form_guard(r))
		return r->status;
	struct expected_impact e;
	if (store_expected_impact_get(r->st, r->id, &e) != EALA_OK) {
		page_not_found(r);
		return r->status;
	}
	struct errlist el;
	errlist_init(&el);
	if (!actuals_allowed(r, &e)) {
		page_forbidden(r);
	} else if (strcmp(r->method, "POST") != 0) {
		actuals_form(r, &e, &el);
	} else {
		json_t *values = json_array();
		size_t n = posted_count(r, "n_values", MAX_INDICATORS * MAX_PERIODS);
		for (size_t i = 0; i < n; i++) {
			char name[64];
			snprintf(name, sizeof(name), "values[%zu].indicator_id", i);
			const char *ind = req_form(r, name);
			snprintf(name, sizeof(name), "values[%zu].start", i);
			const char *start = req_form(r, name);
			snprintf(name, sizeof(name), "values[%zu].actual", i);
			const char *actual = req_form(r, name);
			if (!ind || !start)
				continue;
			json_t *num = actual && *actual ? posted_number(actual, name, &el) : json_null();
			if (num)
				json_array_append_new(values, json_pack("{s:I, s:s, s:o}", "indicator_id",
									(json_int_t)strtoll(ind, NULL, 10), "start", start,
									"actual", num));
		}
		json_t *j = json_pack("{s:o}", "values", values);
		int status = el.n ? 422 : expected_actuals_save(r, r->id, j, &el);
		json_decref(j);
		if (status == MHD_HTTP_OK) {
			char path[96];
			results_home(path, sizeof(path), e.partnership_id, e.action_id);
			redirect(r, path);
		} else {
			actuals_form(r, &e, &el);
			r->status = status;
		}
	}
	errlist_clear(&el);
	expected_impact_clear(&e);
	return r->status;
}

/* ---- the observed outcome form ---- */

static const struct ffield outcome_fields[] = {
	{"category", N_("Category"), FT_CODE, CL_IMPACT_CATEGORY, 1, NULL},
	{"side", N_("Where"), FT_CODE, CL_TERRITORY_SIDE, 1, N_("in the home territory, the partner's, or both")},
	{"description", N_("What was observed"), FT_AREA, 0, 1, NULL},
	{"date", N_("Observed on"), FT_DATE, 0, 0, NULL},
	{"evidence_url", N_("Evidence (a link)"), FT_TEXT, 0, 0, N_("an http or https address: a report, an article, photos")},
	{"source", N_("Source"), FT_TEXT, 0, 0, NULL},
	{NULL, NULL, 0, 0, 0, NULL},
};

struct expected_options {
	struct buf *b;
	struct req *r;
	int64_t chosen;
};

static int expected_option(void *ctx, const struct expected_impact *e)
{
	struct expected_options *o = ctx;
	html(o->b, "<option value=\"");
	html_int(o->b, e->id);
	html(o->b, e->id == o->chosen ? "\" selected>" : "\">");
	html_text(o->b, codelist_label(CL_IMPACT_CATEGORY, e->category, lang_codelist(o->r)));
	html(o->b, ": ");
	html_text(o->b, e->description);
	html(o->b, "</option>\n");
	return 0;
}

static void outcome_form(struct req *r, int64_t id, json_t *view, const struct errlist *el)
{
	struct buf *b = &r->body;
	int64_t pid = json_integer_value(json_object_get(view, "partnership_id"));
	int64_t aid = json_integer_value(json_object_get(view, "action_id"));
	result_form_begin(r, "observed_outcomes", id, tr(r, "Edit observed outcome"), tr(r, "Report an outcome"),
			  tr(r, "The outcome was not saved:"), view, 1, NULL, el);
	/* which expectation it answers, or none */
	html(b, "<p class=\"field\"><label for=\"f-expected_id\">");
	html_text(b, tr(r, "Answers the expectation"));
	html(b, "</label>\n<select id=\"f-expected_id\" name=\"expected_id\">\n<option value=\"\">");
	html_text(b, tr(r, "none: an unexpected outcome"));
	html(b, "</option>\n");
	struct results_filter f = {.partnership_id = pid, .action_id = pid ? 0 : aid};
	struct expected_options eo = {b, r, json_integer_value(json_object_get(view, "expected_id"))};
	char *err = NULL;
	store_expected_impact_list(r->st, &f, expected_option, &eo, &err);
	free(err);
	html(b, "</select>\n");
	form_field_error(b, el, "expected_id");
	html(b, "</p>\n");
	for (const struct ffield *x = outcome_fields; x->name; x++) {
		char *v = text_of(json_object_get(view, x->name));
		form_input(r, x, v, el);
		free(v);
	}
	html(b, "<p class=\"field\"><label for=\"f-evidence_file\">");
	html_text(b, tr(r, "Evidence (a file)"));
	html(b, "</label>\n<input id=\"f-evidence_file\" name=\"evidence_file\" type=\"file\" "
		"accept=\".pdf,.png,.jpg,.jpeg,.txt,.csv,.odt,.ods,.docx,.xlsx\">\n<small>");
	html_text(b, tr(r, "PDF, photo, text, spreadsheet or document, 16 MiB at most"));
	html(b, "</small>\n");
	form_field_error(b, el, "evidence_file");
	html(b, "</p>\n");
	int64_t doc = json_integer_value(json_object_get(view, "evidence_document"));
	if (doc) {
		html(b, "<p><a href=\"/documents/");
		html_int(b, doc);
		html(b, "\">");
		html_text(b, tr(r, "The document on file"));
		html(b, "</a></p>\n");
		struct ffield rm = {"evidence_remove", N_("Remove the document"), FT_BOOL, 0, 0, NULL};
		form_input(r, &rm, NULL, el);
	}
	result_form_end(r, "observed_outcomes", id, tr(r, "Delete this outcome"));
}

/* GET /observed_outcomes/new?partnership=ID|action=ID, GET /observed_outcomes/ID/edit */
int page_outcome_form(struct req *r)
{
	if (form_guard(r))
		return r->status;
	struct errlist el;
	errlist_init(&el);
	json_t *view;
	const char *side = NULL;
	if (r->id) {
		struct observed_outcome o;
		if (store_observed_outcome_get(r->st, r->id, &o) != EALA_OK) {
			page_not_found(r);
			return r->status;
		}
		view = observed_outcome_json(&o);
		observed_outcome_clear(&o);
		side = json_string_value(json_object_get(view, "reported_by"));
	} else {
		view = json_object();
		int64_t pid = id_param(r, "partnership", "partnership_id"), aid = id_param(r, "action", "action_id");
		if (pid)
			json_object_set_new(view, "partnership_id", json_integer(pid));
		if (aid)
			json_object_set_new(view, "action_id", json_integer(aid));
	}
	struct result_scope sc;
	int bad = result_scope(r->st, json_integer_value(json_object_get(view, "partnership_id")),
			       json_integer_value(json_object_get(view, "action_id")), &sc, &el);
	if (bad) {
		page_not_found(r);
	} else if (!result_may_report(r, &sc, side)) {
		page_forbidden(r);
	} else {
		if (!r->id && !json_object_get(view, "side")) {
			/* a reporter reports on their own side first */
			const char *mine = result_reporter_side(r, &sc);
			json_object_set_new(view, "side", json_string(mine ? mine : "home"));
		}
		outcome_form(r, r->id, view, &el);
	}
	result_scope_clear(&sc);
	errlist_clear(&el);
	json_decref(view);
	return r->status;
}

/* POST /observed_outcomes/new, POST /observed_outcomes/ID/edit */
int form_outcome_save(struct req *r)
{
	if (form_guard(r))
		return r->status;
	struct errlist el;
	errlist_init(&el);
	json_t *j = json_object();
	int64_t pid = id_param(r, "partnership", "partnership_id"), aid = id_param(r, "action", "action_id");
	int64_t eid = id_param(r, "expected", "expected_id");
	json_object_set_new(j, "partnership_id", pid ? json_integer(pid) : json_null());
	json_object_set_new(j, "action_id", aid ? json_integer(aid) : json_null());
	json_object_set_new(j, "expected_id", eid ? json_integer(eid) : json_null());
	for (const struct ffield *x = outcome_fields; x->name; x++) {
		const char *v = req_form(r, x->name);
		json_object_set_new(j, x->name, v && *v ? json_string(v) : json_null());
	}
	struct upload file = {.remove = req_form(r, "evidence_remove") != NULL};
	for (size_t i = 0; i < r->n_form; i++)
		if (strcmp(r->form[i].key, "evidence_file") == 0 && r->form[i].filename && *r->form[i].filename) {
			file.name = r->form[i].filename;
			file.data = r->form[i].value.s ? r->form[i].value.s : "";
			file.len = r->form[i].value.len;
		}
	int64_t saved = r->id;
	int status = outcome_save(r, r->id, j, &file, &el, &saved);
	if (status == MHD_HTTP_OK || status == MHD_HTTP_CREATED) {
		char path[96];
		results_home(path, sizeof(path), pid, aid);
		redirect(r, path);
	} else {
		json_t *view = json_deep_copy(j);
		struct observed_outcome o;
		if (r->id && store_observed_outcome_get(r->st, r->id, &o) == EALA_OK) {
			if (o.evidence_document)   /* the document on file stays offered */
				json_object_set_new(view, "evidence_document", json_integer(o.evidence_document));
			observed_outcome_clear(&o);
		}
		outcome_form(r, r->id, view, &el);
		json_decref(view);
		r->status = status;
	}
	json_decref(j);
	errlist_clear(&el);
	return r->status;
}

/* POST /expected_impacts/ID/delete, POST /observed_outcomes/ID/delete */
int form_result_delete(struct req *r)
{
	if (form_guard(r))
		return r->status;
	int expected = strncmp(r->path, "/expected_impacts/", 18) == 0;
	int64_t pid = 0, aid = 0;
	if (expected) {
		struct expected_impact e;
		if (store_expected_impact_get(r->st, r->id, &e) == EALA_OK)
			pid = e.partnership_id, aid = e.action_id;
		expected_impact_clear(&e);
	} else {
		struct observed_outcome o;
		if (store_observed_outcome_get(r->st, r->id, &o) == EALA_OK)
			pid = o.partnership_id, aid = o.action_id;
		observed_outcome_clear(&o);
	}
	struct errlist el;
	errlist_init(&el);
	int status = result_delete(r, expected ? "expected_impact" : "observed_outcome", r->id, &el);
	if (status == MHD_HTTP_OK) {
		char path[96];
		results_home(path, sizeof(path), pid, aid);
		redirect(r, path);
	} else if (status == MHD_HTTP_NOT_FOUND) {
		page_not_found(r);
	} else {
		r->status = status;
		page_begin(r, tr(r, "Not deleted"), NULL);
		form_error_summary(r, &el, tr(r, "The record was not deleted:"), NULL);
		page_end(r);
	}
	errlist_clear(&el);
	return r->status;
}
