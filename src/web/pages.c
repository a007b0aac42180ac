/* pages.c: the HTML pages: home, search, one page per record. Server-rendered,
 * usable without JavaScript; every value goes out through an escaper. */
#include "html.h"

#include "../core/codelist.h"
#include "../io/records_csv.h"

#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

struct page_ctx {
	struct req *r;
	size_t n;
};

/* <a href="/KIND/ID">TEXT</a> */
static void a_link(struct buf *b, const char *kind, int64_t id, const char *text)
{
	html(b, "<a href=\"/");
	html(b, kind);
	html(b, "/");
	html_int(b, id);
	html(b, "\">");
	html_text(b, text);
	html(b, "</a>");
}

static void authority_link(struct req *r, int64_t id)
{
	struct authority a;
	if (store_authority_get(r->st, id, &a) == EALA_OK) {
		a_link(&r->body, "authorities", id, a.name);
		html(&r->body, " (");
		html_text(&r->body, codelist_label(CL_COUNTRY, a.country, lang_codelist(r)));
		html(&r->body, ")");
	} else {
		html(&r->body, "#");
		html_int(&r->body, id);
	}
	authority_clear(&a);
}

/* One row of a definition list, skipped when the value is empty; the label is
 * translated. */
static void field(struct req *r, const char *label, const char *value)
{
	struct buf *b = &r->body;
	if (!value || !*value)
		return;
	html(b, "<dt>");
	html_text(b, tr(r, label));
	html(b, "</dt><dd>");
	html_text(b, value);
	html(b, "</dd>\n");
}

static void code_field(struct req *r, const char *label, enum codelist_id id, const char *code)
{
	field(r, label, code ? codelist_label(id, code, lang_codelist(r)) : NULL);
}

/* ---- lists ---- */

static int li_partnership(void *ctx, const struct partnership *p)
{
	struct page_ctx *c = ctx;
	struct buf *b = &c->r->body;
	c->n++;
	html(b, "<li>");
	a_link(b, "partnerships", p->id, p->name);
	html(b, " <span class=\"tag\">");
	html_text(b, codelist_label(CL_PARTNERSHIP_KIND, p->kind, lang_codelist(c->r)));
	html(b, ", ");
	html_text(b, codelist_label(CL_PARTNERSHIP_STATUS, p->status, lang_codelist(c->r)));
	html(b, "</span></li>\n");
	return 0;
}

static int li_action(void *ctx, const struct action *a)
{
	struct page_ctx *c = ctx;
	struct buf *b = &c->r->body;
	c->n++;
	html(b, "<li>");
	a_link(b, "actions", a->id, a->title);
	html(b, " <span class=\"tag\">");
	html_text(b, codelist_label(CL_ACTION_TYPE, a->type, lang_codelist(c->r)));
	if (a->start_date) {
		html(b, ", ");
		html_text(b, a->start_date);
	}
	html(b, "</span></li>\n");
	return 0;
}

static int li_authority(void *ctx, const struct authority *a)
{
	struct page_ctx *c = ctx;
	struct buf *b = &c->r->body;
	c->n++;
	html(b, "<li>");
	a_link(b, "authorities", a->id, a->name);
	html(b, " <span class=\"tag\">");
	html_text(b, codelist_label(CL_COUNTRY, a->country, lang_codelist(c->r)));
	html(b, ", ");
	html_text(b, codelist_label(CL_AUTHORITY_LEVEL, a->level, lang_codelist(c->r)));
	html(b, "</span></li>\n");
	return 0;
}

static int li_organisation(void *ctx, const struct organisation *o)
{
	struct page_ctx *c = ctx;
	struct buf *b = &c->r->body;
	c->n++;
	html(b, "<li>");
	a_link(b, "organisations", o->id, o->name);
	if (o->subtype) {
		html(b, " <span class=\"tag\">");
		html_text(b, codelist_label(CL_ORG_SUBTYPE, o->subtype, lang_codelist(c->r)));
		html(b, "</span>");
	}
	html(b, "</li>\n");
	return 0;
}

/* Under a list cut at its limit: how many of how many it shows. */
static void more_note(struct req *r, size_t shown, int64_t total)
{
	char s[200];
	snprintf(s, sizeof(s), tr(r, "The first %zu of %lld: narrow the search to see the others."),
		 shown, (long long)total);
	html(&r->body, "<p class=\"more\">");
	html_text(&r->body, s);
	html(&r->body, "</p>\n");
}

/* A titled list; "none" when it is empty. A call that sets t_ (the total
 * without limit) gets a note when the list shows fewer. */
#define SECTION(r, title, call)                                          \
	do {                                                             \
		struct page_ctx c_ = {(r), 0};                           \
		char *e_ = NULL;                                         \
		int64_t t_ = 0;                                          \
		html(&(r)->body, "<h2>");                                \
		html_text(&(r)->body, tr((r), title));                   \
		html(&(r)->body, "</h2>\n<ul>\n");                      \
		(void)(call);                                            \
		free(e_);                                                \
		if (!c_.n)                                               \
			html(&(r)->body, "<li class=\"none\">"), html_text(&(r)->body, tr((r), "none recorded")), html(&(r)->body, "</li>\n"); \
		html(&(r)->body, "</ul>\n");                             \
		if (t_ > (int64_t)c_.n)                                  \
			more_note((r), c_.n, t_);                        \
	} while (0)

/* ---- pages ---- */

int page_home(struct req *r)
{
	struct store_stats s;
	char *err = NULL;
	struct buf *b = &r->body;
	page_begin(r, tr(r, "The international action of cities and regions"), NULL);
	if ((reads_drafts(r) ? store_stats_get : store_stats_public)(r->st, &s, &err) == EALA_OK) {
		html(b, "<p class=\"lead\">");
		html_int(b, s.authorities);
		html(b, " ");
		html_text(b, tr(r, "authorities in"));
		html(b, " ");
		html_int(b, s.countries);
		html(b, " ");
		html_text(b, tr(r, "countries"));
		html(b, ", ");
		html_int(b, s.partnerships);
		html(b, " ");
		html_text(b, tr(r, "partnerships"));
		html(b, ", ");
		html_int(b, s.actions);
		html(b, " ");
		html_text(b, tr(r, "actions"));
		html(b, ", ");
		html_int(b, s.organisations);
		html(b, " ");
		html_text(b, tr(r, "organisations"));
		html(b, ".</p>\n");
	}
	free(err);
	if (r->user.id) {
		static const char *const what[][2] = {{"authorities", N_("authority")},
		    {"partnerships", N_("partnership")}, {"actions", N_("action")}, {"organisations", N_("organisation")}};
		html(b, "<p class=\"actions\">");
		html_text(b, tr(r, "New:"));
		for (size_t i = 0; i < 4; i++) {
			html(b, " <a href=\"/");
			html(b, what[i][0]);
			html(b, "/new\">");
			html_text(b, tr(r, what[i][1]));
			html(b, "</a>");
		}
		html(b, " · <a href=\"/import\">");
		html_text(b, tr(r, "import a CSV file"));
		html(b, "</a></p>\n");
	}
	struct store_filter f = {.kind = "decentralised_cooperation", .limit = 20, .public_only = !reads_drafts(r)};
	SECTION(r, "Decentralised cooperation", store_partnership_list(r->st, &f, li_partnership, &c_, NULL, &e_));
	struct store_filter fa = {.limit = 20, .public_only = !reads_drafts(r)};
	SECTION(r, "Actions", store_action_list(r->st, &fa, li_action, &c_, NULL, &e_));
	page_end(r);
	return MHD_HTTP_OK;
}

/* ---- search ---- */

/* The facets of the search page, each a query argument checked against its
 * code list. Country narrows every list; kind and type narrow their own list.
 * A facet counts the records its list would show with that value chosen. */
static const struct facet {
	const char *arg;             /* the query argument */
	const char *name;            /* what it is, in an error (translated where shown) */
	const char *title;           /* its heading: what its numbers count */
	enum codelist_id list;       /* its values and their labels */
	enum store_facet counts;     /* the records it counts */
} facets[] = {
	{"country", N_("Country"), N_("Authorities by country"), CL_COUNTRY,
	 STORE_FACET_AUTHORITY_COUNTRY},
	{"kind", N_("Partnership kind"), N_("Partnerships by kind"), CL_PARTNERSHIP_KIND,
	 STORE_FACET_PARTNERSHIP_KIND},
	{"type", N_("Action type"), N_("Actions by type"), CL_ACTION_TYPE, STORE_FACET_ACTION_TYPE},
};
enum { FACET_COUNTRY, FACET_KIND, FACET_TYPE, NFACETS };

struct search {
	struct req *r;
	const char *q;                /* the words, or NULL */
	const char *chosen[NFACETS];  /* each facet's value, or NULL */
	size_t facet;                 /* the facet being written */
	size_t n;                     /* how many of its values are written */
	int seen;                     /* whether its chosen value was among them */
};

/* The address of this search with facet i set to value (NULL: removed). */
static void search_href(struct buf *b, const struct search *s, size_t i, const char *value)
{
	const char *sep = "?";
	html(b, "/search");
	if (s->q) {
		html(b, "?q=");
		html_url_arg(b, s->q);
		sep = "&amp;";
	}
	for (size_t k = 0; k < NFACETS; k++) {
		const char *v = k == i ? value : s->chosen[k];
		if (!v)
			continue;
		html(b, sep);
		html(b, facets[k].arg);
		html(b, "=");
		html_url_arg(b, v);
		sep = "&amp;";
	}
}

/* One value of the facet being written: a link that narrows the search to it,
 * or, when it is the chosen one, the value with a link that removes it. */
static void facet_item(struct search *s, const char *value, int64_t n)
{
	struct req *r = s->r;
	struct buf *b = &r->body;
	const struct facet *fc = &facets[s->facet];
	const char *label = codelist_label(fc->list, value, lang_codelist(r));
	const char *chosen = s->chosen[s->facet];
	if (s->n++ == 0) {
		html(b, "<div class=\"facet\"><h2>");
		html_text(b, tr(r, fc->title));
		html(b, "</h2>\n<ul>\n");
	}
	if (chosen && strcmp(chosen, value) == 0) {
		s->seen = 1;
		html(b, "<li class=\"active\"><strong aria-current=\"true\">");
		html_text(b, label);
		html(b, "</strong> <span class=\"n\">");
		html_int(b, n);
		html(b, "</span> <a class=\"remove\" href=\"");
		search_href(b, s, s->facet, NULL);
		html(b, "\">");
		html_text(b, tr(r, "remove this filter"));
		html(b, "</a></li>\n");
		return;
	}
	html(b, "<li><a href=\"");
	search_href(b, s, s->facet, value);
	html(b, "\">");
	html_text(b, label);
	html(b, "</a> <span class=\"n\">");
	html_int(b, n);
	html(b, "</span></li>\n");
}

static int facet_count(void *ctx, const char *value, int64_t n)
{
	facet_item(ctx, value, n);
	return 0;
}

/* Each facet with the number of matches of each value (the store counts),
 * the other facets' choices applied; a facet without values is left out. */
static void search_facets(struct search *s)
{
	struct buf *b = &s->r->body;
	html(b, "<nav class=\"facets\" aria-label=\"");
	html_attr(b, tr(s->r, "Narrow the search"));
	html(b, "\">\n");
	for (s->facet = 0; s->facet < NFACETS; s->facet++) {
		struct store_filter f = {.q = s->q, .public_only = !reads_drafts(s->r)};
		if (s->facet != FACET_COUNTRY)
			f.country = s->chosen[FACET_COUNTRY];
		char *err = NULL;
		s->n = 0;
		s->seen = 0;
		(void)store_facet_counts(s->r->st, facets[s->facet].counts, &f, facet_count, s, &err);
		free(err);
		if (s->chosen[s->facet] && !s->seen)
			facet_item(s, s->chosen[s->facet], 0);
		if (s->n)
			html(b, "</ul></div>\n");
	}
	html(b, "</nav>\n");
}

/* The 400 page: the search is too long or a facet has a value not in its list. */
static int search_refused(struct search *s)
{
	struct req *r = s->r;
	struct buf *b = &r->body;
	int bad = 0;
	if (s->q && strlen(s->q) > 200) {
		html(b, "<p class=\"error\">");
		html_text(b, tr(r, "The search is longer than 200 characters."));
		html(b, "</p>\n");
		bad = 1;
	}
	for (size_t k = 0; k < NFACETS; k++) {
		if (!s->chosen[k] || codelist_has(facets[k].list, s->chosen[k]))
			continue;
		bad = 1;
		html(b, "<p class=\"error\">");
		html_text(b, tr(r, facets[k].name));
		html(b, ": ");
		html_text(b, tr(r, "unknown value"));
		html(b, " <code>");
		html_text(b, s->chosen[k]);
		html(b, "</code></p>\n");
		s->chosen[k] = NULL;
	}
	if (!bad)
		return 0;
	if (!s->q || strlen(s->q) <= 200) {
		html(b, "<p><a href=\"");
		search_href(b, s, NFACETS, NULL);
		html(b, "\">");
		html_text(b, tr(r, "Search without these filters"));
		html(b, "</a></p>\n");
	}
	r->status = MHD_HTTP_BAD_REQUEST;
	return 1;
}

/* Links to the exports of one list, with its filters:
 * /api/v1/KIND/export.FORMAT?q=...&country=...&kind=...&authority=... (api_export.c);
 * s NULL for a list that is not the search's, authority_id 0 for none. */
static void downloads(struct req *r, const char *kind, const struct search *s, const char *kind_filter, int geo,
		      int64_t authority_id)
{
	static const struct {
		const char *format, *label, *args;
	} links[] = {
		{"csv", "CSV", ""},
		{"csv", N_("CSV with labels"), "labels=1"},
		{"xlsx", "XLSX", ""},
		{"json", "JSON", ""},
		{"geojson", "GeoJSON", ""},
	};
	struct buf *b = &r->body;
	html(b, "<p class=\"downloads\">");
	html_text(b, tr(r, "Download all of them:"));
	for (size_t i = 0; i < sizeof(links) / sizeof(*links); i++) {
		if (!geo && strcmp(links[i].format, "geojson") == 0)
			continue;
		html(b, i ? " · " : " ");
		html(b, "<a download href=\"/api/v1/");
		html(b, kind);
		html(b, "/export.");
		html(b, links[i].format);
		html(b, "?lang=");
		html_url_arg(b, lang_code(r));
		if (authority_id) {
			html(b, "&amp;authority=");
			html_int(b, authority_id);
		}
		if (s && s->q) {
			html(b, "&amp;q=");
			html_url_arg(b, s->q);
		}
		if (s && s->chosen[FACET_COUNTRY]) {
			html(b, "&amp;country=");
			html_url_arg(b, s->chosen[FACET_COUNTRY]);
		}
		if (kind_filter) {
			html(b, "&amp;kind=");
			html_url_arg(b, kind_filter);
		}
		if (*links[i].args) {
			html(b, "&amp;");
			html(b, links[i].args);
		}
		html(b, "\">");
		html_text(b, tr(r, links[i].label));
		html(b, "</a>");
	}
	html(b, "</p>\n");
}

int page_search(struct req *r)
{
	struct search s = {.r = r, .q = req_arg(r, "q")};
	int any = s.q != NULL;
	for (size_t k = 0; k < NFACETS; k++)
		any |= (s.chosen[k] = req_arg(r, facets[k].arg)) != NULL;
	struct buf *b = &r->body;
	page_begin(r, any ? tr(r, "Search results") : tr(r, "Search"), s.q);
	if (!any) {
		html(b, "<p>");
		html_text(b, tr(r, "Type a name: a city, a region, a partnership, an action."));
		html(b, "</p>\n");
		page_end(r);
		return MHD_HTTP_OK;
	}
	if (search_refused(&s)) {
		page_end(r);
		return r->status;
	}
	search_facets(&s);
	struct store_filter f = {.q = s.q, .country = s.chosen[FACET_COUNTRY], .limit = 50,
				 .public_only = !reads_drafts(r)};
	SECTION(r, "Authorities", store_authority_list(r->st, &f, li_authority, &c_, &t_, &e_));
	downloads(r, "authorities", &s, NULL, 1, 0);
	f.kind = s.chosen[FACET_KIND];
	SECTION(r, "Partnerships", store_partnership_list(r->st, &f, li_partnership, &c_, &t_, &e_));
	downloads(r, "partnerships", &s, f.kind, 1, 0);
	f.kind = s.chosen[FACET_TYPE];
	SECTION(r, "Actions", store_action_list(r->st, &f, li_action, &c_, &t_, &e_));
	downloads(r, "actions", &s, f.kind, 0, 0);
	f.kind = NULL;
	SECTION(r, "Organisations", store_organisation_list(r->st, &f, li_organisation, &c_, &t_, &e_));
	downloads(r, "organisations", &s, NULL, 0, 0);
	page_end(r);
	return MHD_HTTP_OK;
}

/* "Edit" and "New" links for someone logged in. */
/* Edit (for who may change the record) and History (for every signed-in user). */
static void record_actions(struct req *r, const char *path, int64_t id)
{
	if (!r->user.id)
		return;
	struct buf *b = &r->body;
	html(b, "<p class=\"actions\">");
	if (record_may_update(r, record_kind_parse(path), id)) {
		html(b, "<a href=\"/");
		html(b, path);
		html(b, "/");
		html_int(b, id);
		html(b, "/edit\">");
		html_text(b, tr(r, "Edit"));
		html(b, "</a> ");
	}
	html(b, "<a href=\"/");
	html(b, path);
	html(b, "/");
	html_int(b, id);
	html(b, "/history\">");
	html_text(b, tr(r, "History"));
	html(b, "</a></p>\n");
}

static int page_missing(struct req *r, const char *what)
{
	r->status = MHD_HTTP_NOT_FOUND;
	page_begin(r, tr(r, "Not found"), NULL);
	html(&r->body, "<p>");
	html_text(&r->body, tr(r, what));
	html(&r->body, "</p>\n");
	page_end(r);
	return r->status;
}

static int page_authority(struct req *r)
{
	struct authority a;
	if (store_authority_get(r->st, r->id, &a) != EALA_OK)
		return page_missing(r, N_("There is no authority with this number."));
	struct buf *b = &r->body;
	page_begin(r, a.name, NULL);
	record_actions(r, "authorities", a.id);
	html(b, "<p><a href=\"/analysis/gap?authority=");
	html_int(b, a.id);
	html(b, "\">");
	html_text(b, tr(r, "Expected and observed impacts"));
	html(b, "</a> · <a href=\"/analysis/compliance?authority=");
	html_int(b, a.id);
	html(b, "\">");
	html_text(b, tr(r, "Money and law"));
	html(b, "</a> · <a href=\"/analysis/portfolio?authority=");
	html_int(b, a.id);
	html(b, "\">");
	html_text(b, tr(r, "Portfolio review"));
	html(b, "</a> · <a href=\"/analysis/diagnostic?authority=");
	html_int(b, a.id);
	html(b, "\">");
	html_text(b, tr(r, "Territorial diagnostic"));
	html(b, "</a> · <a href=\"/analysis/match?authority=");
	html_int(b, a.id);
	html(b, "\">");
	html_text(b, tr(r, "Partner matching"));
	html(b, "</a> · <a href=\"/partner_calls/new?authority=");
	html_int(b, a.id);
	html(b, "\">");
	html_text(b, tr(r, "New partner call"));
	html(b, "</a> · <a href=\"/analysis/network?authority=");
	html_int(b, a.id);
	html(b, "#authority\">");
	html_text(b, tr(r, "Networks of partnerships"));
	html(b, "</a> · <a href=\"/authorities/");
	html_int(b, a.id);
	html(b, "/report\">");
	html_text(b, tr(r, "Annual report"));
	html(b, "</a></p>\n");
	coordination_links(r, a.id, a.name, a.country);
	html(b, "<dl>\n");
	char *others = strv_join(&a.other_names, ", ");
	field(r, "Other names", others);
	free(others);
	code_field(r, "Country", CL_COUNTRY, a.country);
	code_field(r, "Level", CL_AUTHORITY_LEVEL, a.level);
	field(r, "Official code", a.official_code);
	if (a.population != EALA_NO_VALUE) {
		char pop[32];
		snprintf(pop, sizeof(pop), "%lld", (long long)a.population);
		field(r, "Population", pop);
	}
	if (a.parent_id) {
		html(b, "<dt>"), html_text(b, tr(r, "Part of")), html(b, "</dt><dd>");
		authority_link(r, a.parent_id);
		html(b, "</dd>\n");
	}
	field(r, "Source", a.source);
	field(r, "Illustrative figures", a.illustrative);
	html(b, "</dl>\n");
	struct store_filter f = {.authority_id = a.id, .public_only = !reads_drafts(r)};
	SECTION(r, "Partnerships", store_partnership_list(r->st, &f, li_partnership, &c_, NULL, &e_));
	downloads(r, "partnerships", NULL, NULL, 1, a.id);
	if (a.has_coords)
		atlas_partners_map(r, a.id);
	SECTION(r, "Actions", store_action_list(r->st, &f, li_action, &c_, NULL, &e_));
	downloads(r, "actions", NULL, NULL, 0, a.id);
	SECTION(r, "Local stakeholders and networks",
		store_organisation_list(r->st, &f, li_organisation, &c_, NULL, &e_));
	downloads(r, "organisations", NULL, NULL, 0, a.id);
	authority_clear(&a);
	page_end(r);
	return MHD_HTTP_OK;
}

static int page_partnership(struct req *r)
{
	struct partnership p;
	if (store_partnership_get(r->st, r->id, &p) != EALA_OK)
		return page_missing(r, N_("There is no partnership with this number."));
	struct buf *b = &r->body;
	page_begin(r, p.name, NULL);
	record_actions(r, "partnerships", p.id);
	html(b, "<dl>\n");
	code_field(r, "Kind", CL_PARTNERSHIP_KIND, p.kind);
	code_field(r, "Status", CL_PARTNERSHIP_STATUS, p.status);
	field(r, "Status date", p.status_date);
	field(r, "Reason", p.status_reason);
	field(r, "Start", p.start_date);
	field(r, "End", p.end_date);
	field(r, "Agreement signed", p.agreement_signed ? p.agreement_signed : tr(r, "no signed convention recorded"));
	field(r, "Agreement expires", p.agreement_expires);
	field(r, "Council deliberation", p.deliberation_ref);
	field(r, "Deliberation date", p.deliberation_date);
	field(r, "Source", p.source);
	field(r, "Illustrative figures", p.illustrative);
	html(b, "</dl>\n<h2>");
	html_text(b, tr(r, "Members"));
	html(b, "</h2>\n<ul>\n");
	for (size_t i = 0; i < p.n_members; i++) {
		html(b, "<li>");
		authority_link(r, p.members[i]);
		if (i == 0)
			html(b, " <span class=\"tag\">"), html_text(b, tr(r, "home")), html(b, "</span>");
		html(b, "</li>\n");
	}
	html(b, "</ul>\n");
	struct store_filter f = {.partnership_id = p.id, .public_only = !reads_drafts(r)};
	SECTION(r, "Actions", store_action_list(r->st, &f, li_action, &c_, NULL, &e_));
	results_section(r, p.id, 0);
	partnership_clear(&p);
	page_end(r);
	return MHD_HTTP_OK;
}

static int page_action(struct req *r)
{
	struct action a;
	if (store_action_get(r->st, r->id, &a) != EALA_OK)
		return page_missing(r, N_("There is no action with this number."));
	struct buf *b = &r->body;
	page_begin(r, a.title, NULL);
	record_actions(r, "actions", a.id);
	html(b, "<dl>\n");
	field(r, "Description", a.description);
	html(b, "<dt>"), html_text(b, tr(r, "Lead authority")), html(b, "</dt><dd>");
	authority_link(r, a.authority_id);
	html(b, "</dd>\n");
	if (a.partnership_id) {
		struct partnership p;
		if (store_partnership_get(r->st, a.partnership_id, &p) == EALA_OK) {
			html(b, "<dt>"), html_text(b, tr(r, "Partnership")), html(b, "</dt><dd>");
			a_link(b, "partnerships", p.id, p.name);
			html(b, "</dd>\n");
		}
		partnership_clear(&p);
	}
	code_field(r, "Type", CL_ACTION_TYPE, a.type);
	code_field(r, "Status", CL_IATI_ACTIVITY_STATUS, a.status);
	code_field(r, "Category in the yearly ODA declaration", CL_EAPD_CATEGORY, a.eapd_category);
	field(r, "Start", a.start_date);
	field(r, "End", a.end_date);
	struct buf labels = {0};
	for (size_t i = 0; i < a.domains.n; i++) {
		if (i)
			buf_puts(&labels, ", ");
		buf_puts(&labels, codelist_label(CL_ACTION_DOMAIN, a.domains.v[i], lang_codelist(r)));
	}
	field(r, "Domains", labels.s);
	free(labels.s);
	char *countries = strv_join(&a.countries, ", ");
	field(r, "Countries", countries);
	free(countries);
	field(r, "Departments", a.departments);
	field(r, "Elected officials", a.elected_officials);
	field(r, "Source", a.source);
	field(r, "Illustrative figures", a.illustrative);
	html(b, "</dl>\n");
	compliance_call_form(r, a.id);
	results_section(r, a.partnership_id, a.id);
	action_clear(&a);
	page_end(r);
	return MHD_HTTP_OK;
}

static int page_organisation(struct req *r)
{
	struct organisation o;
	if (store_organisation_get(r->st, r->id, &o) != EALA_OK)
		return page_missing(r, N_("There is no organisation with this number."));
	struct buf *b = &r->body;
	page_begin(r, o.name, NULL);
	record_actions(r, "organisations", o.id);
	html(b, "<dl>\n");
	code_field(r, "Type", CL_IATI_ORG_TYPE, o.iati_type);
	code_field(r, "Subtype", CL_ORG_SUBTYPE, o.subtype);
	code_field(r, "Country", CL_COUNTRY, o.country);
	if (o.authority_id) {
		html(b, "<dt>"), html_text(b, tr(r, "Based in")), html(b, "</dt><dd>");
		authority_link(r, o.authority_id);
		html(b, "</dd>\n");
	}
	field(r, "Source", o.source);
	html(b, "</dl>\n");
	links_section(r, o.id);
	organisation_clear(&o);
	page_end(r);
	return MHD_HTTP_OK;
}

int page_record(struct req *r)
{
	static const char *const missing[RK_COUNT] = {
		[RK_AUTHORITY] = N_("There is no authority with this number."),
		[RK_ORGANISATION] = N_("There is no organisation with this number."),
		[RK_PARTNERSHIP] = N_("There is no partnership with this number."),
		[RK_ACTION] = N_("There is no action with this number.")};
	enum record_kind k = (enum record_kind)r->kind;
	if (k != RK_NONE && draft_hidden(r, k, r->id))
		return page_missing(r, missing[k]);
	switch (k) {
	case RK_AUTHORITY: return page_authority(r);
	case RK_ORGANISATION: return page_organisation(r);
	case RK_PARTNERSHIP: return page_partnership(r);
	default: return page_action(r);
	}
}

int page_style(struct req *r)
{
	static const char css[] =
		"body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff}\n"
		"header{display:flex;flex-wrap:wrap;gap:1em;align-items:center;padding:.6em 1em;"
		"background:#123c5a;color:#fff}\n"
		"header a.brand{color:#fff;font-weight:700;font-size:1.3em;text-decoration:none}\n"
		"header label{color:#fff}\nheader nav a{color:#fff;margin-right:.8em}\n"
		".session{margin-left:auto;color:#fff}\nheader a.session{color:#fff}\n"
		".langs a,.langs strong{color:#fff;margin-right:.5em}\n"
		".field{display:flex;flex-wrap:wrap;gap:.2em 1em;align-items:baseline}\n"
		".field label{min-width:14em;font-weight:600}\n.field small{color:#555;width:100%}\n"
		".field .error{width:100%}\n[aria-invalid=true]{border:2px solid #a00}\n"
		".actions a{margin-right:1em}\n"
		"table{border-collapse:collapse}\nth,td{text-align:left;padding:.2em .6em;border-bottom:1px solid #ddd}\n"
		"main{max-width:60em;margin:0 auto;padding:1em}\n"
		"a{color:#0b5394}\n"
		"dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}\n"
		"dt{font-weight:600}\ndd{margin:0}\n"
		".tag{color:#555;font-size:.9em}\n.none{color:#555}\n.error{color:#a00}\n"
		"#atlas-map{width:100%;display:block;cursor:crosshair}\n"
		".chart{position:relative;height:320px;max-width:760px;margin:1em 0}\n"
		"table.gap{border-collapse:collapse;margin:1em 0}"
		"table.gap th,table.gap td{padding:.25em .75em;border-bottom:1px solid #ddd;text-align:left}"
		"table.gap td{text-align:right}\ntable.suggestions td{text-align:left}\ntable.calls td{text-align:left}\n"
		"table.indicator,table.periods{margin:.8em 0 1.2em}"
		"table.indicator caption,table.periods caption{text-align:left;font-weight:600;padding:.2em 0}\n"
		"article.result{border-left:3px solid #c9d6e2;padding-left:1em;margin:1em 0}\n"
		"fieldset.indicator{margin:1em 0;border:1px solid #c9d6e2}\n"
		"button.danger{color:#a00000}\n"
		"ul.findings li{margin:.3em 0}\n"
		"li.finding .status{display:inline-block;min-width:5.5em;font-size:.85em;font-weight:600;"
		"padding:0 .4em;margin-right:.4em;border-radius:3px;text-align:center}"
		"li.ok .status{background:#e3f1e3;color:#1d5e20}li.breach .status{background:#f8dddd;color:#8a1010}"
		"li.missing .status{background:#fbefd5;color:#6b4a00}li.info .status{background:#e4ecf4;color:#123d63}\n"
		"section.rule p.source{color:#444;font-size:.9em}\n"
		".key{border-left:1.2em solid;padding:0 .6em 0 .3em;margin-left:.4em}\n"
		".filters{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:end;margin-bottom:.5em}\n"
		"main:has(#atlas-map){max-width:none}\n"
		".facets{display:flex;flex-wrap:wrap;gap:0 2.5em;padding:.2em 1em;margin-bottom:1em;"
		"background:#f3f6f9;border-radius:4px}\n"
		".facet h2{font-size:1em;margin:.5em 0 .2em}\n.facet ul{list-style:none;margin:0 0 .5em;padding:0}\n"
		".facet .n{color:#555;font-size:.9em}\n.more{color:#555;font-size:.9em}\n.downloads{font-size:.9em;color:#555}\n.facet .remove{margin-left:.5em;font-size:.9em}\n"
		"figure.diagnostic-map{margin:1em 0}\n#diagnostic-map{width:100%;max-width:60em;display:block}\n"
		"figure.partners{margin:1em 0 0}\n#partners-map{width:100%;max-width:48em;display:block;cursor:crosshair}\n"
		"footer{padding:1em;color:#555;text-align:center}\n";
	r->content_type = "text/css; charset=utf-8";
	buf_puts(&r->body, css);
	return MHD_HTTP_OK;
}
