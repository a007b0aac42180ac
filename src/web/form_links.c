/* form_links.c: a local actor's links abroad on its organisation's page (the
 * country, the partner, the domain, the kind, since when) and the form that
 * adds, changes or deletes one. The form's fields go through the API's
 * links_check(), links_may_change() and links_write(), so the rules, the
 * roles and the audit are the API's. Usable without JavaScript. */
#include "html.h"

#include "../core/auth.h"
#include "../core/codelist.h"
#include "../io/record_json.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct ffield link_fields[] = {
	{"country", N_("Country"), FT_CODE, CL_COUNTRY, 1, N_("where the link goes")},
	{"partner_authority_id", N_("Partner authority (number)"), FT_ID, 0, 0,
	 N_("the number of the authority there, when it is recorded")},
	{"place", N_("Place"), FT_TEXT, 0, 0, N_("the place in words, when no authority is recorded")},
	{"domain", N_("Domain"), FT_CODE, CL_ACTION_DOMAIN, 0, NULL},
	{"kind", N_("Kind of link"), FT_CODE, CL_STAKEHOLDER_LINK_KIND, 1, NULL},
	{"since", N_("Since"), FT_TEXT, 0, 0, N_("a year (2015) or a date (2015-03-05)")},
	{"source", N_("Source"), FT_TEXT, 0, 0, NULL},
	{"notes", N_("Notes"), FT_AREA, 0, 0, NULL},
};
#define N_LINK_FIELDS (sizeof(link_fields) / sizeof(*link_fields))

static const char *link_field_label(const struct req *r, const char *field, char *buf, size_t n)
{
	(void)buf, (void)n;
	if (field && strcmp(field, "organisation_id") == 0)
		return tr(r, "Organisation");
	for (size_t i = 0; field && i < N_LINK_FIELDS; i++)
		if (strcmp(field, link_fields[i].name) == 0)
			return tr(r, link_fields[i].label);
	return field;
}

static void hidden(struct buf *b, const char *name, const char *value)
{
	html(b, "<input type=\"hidden\" name=\"");
	html_attr(b, name);
	html(b, "\" value=\"");
	html_attr(b, value);
	html(b, "\">\n");
}

static void message_page(struct req *r, int status, const char *title, const char *text)
{
	r->status = status;
	page_begin(r, title, NULL);
	html(&r->body, "<p class=\"error\">");
	html_text(&r->body, text);
	html(&r->body, "</p>\n");
	page_end(r);
}

/* ---- the section of the organisation's page ---- */

struct section {
	struct req *r;
	int may_change;
	size_t n;
};

static void code_cell(struct req *r, enum codelist_id list, const char *code)
{
	html(&r->body, "<td>");
	if (code) {
		const char *label = codelist_label(list, code, lang_codelist(r));
		html_text(&r->body, label ? label : code);
	}
	html(&r->body, "</td>");
}

static int section_row(void *ctx, const struct stakeholder_link *l)
{
	struct section *s = ctx;
	struct req *r = s->r;
	struct buf *b = &r->body;
	if (!s->n++) {
		html(b, "<table id=\"links\">\n<thead><tr><th scope=\"col\">");
		html_text(b, tr(r, "Country"));
		html(b, "</th><th scope=\"col\">");
		html_text(b, tr(r, "Partner"));
		html(b, "</th><th scope=\"col\">");
		html_text(b, tr(r, "Domain"));
		html(b, "</th><th scope=\"col\">");
		html_text(b, tr(r, "Kind of link"));
		html(b, "</th><th scope=\"col\">");
		html_text(b, tr(r, "Since"));
		html(b, "</th>");
		if (s->may_change)
			html(b, "<td></td>");
		html(b, "</tr></thead>\n<tbody>\n");
	}
	html(b, "<tr>");
	code_cell(r, CL_COUNTRY, l->country);
	html(b, "<td>");
	struct authority a;
	if (l->partner_authority_id && store_authority_get(r->st, l->partner_authority_id, &a) == EALA_OK) {
		html(b, "<a href=\"/authorities/");
		html_int(b, a.id);
		html(b, "\">");
		html_text(b, a.name);
		html(b, "</a>");
		authority_clear(&a);
	} else if (l->place) {
		html_text(b, l->place);
	}
	html(b, "</td>");
	code_cell(r, CL_ACTION_DOMAIN, l->domain);
	code_cell(r, CL_STAKEHOLDER_LINK_KIND, l->kind);
	html(b, "<td>");
	if (l->since)
		html_text(b, l->since);
	html(b, "</td>");
	if (s->may_change) {
		html(b, "<td><a href=\"/stakeholder_links/");
		html_int(b, l->id);
		html(b, "/edit\">");
		html_text(b, tr(r, "Edit"));
		html(b, "</a></td>");
	}
	html(b, "</tr>\n");
	return 0;
}

void links_section(struct req *r, int64_t organisation_id)
{
	struct buf *b = &r->body;
	struct section s = {r, r->user.id && links_may_change(r, organisation_id, OP_UPDATE), 0};
	struct store_link_query q = {.organisation_id = organisation_id};
	html(b, "<section id=\"links-abroad\">\n<h2>");
	html_text(b, tr(r, "Links abroad"));
	html(b, "</h2>\n");
	char *err = NULL;
	store_stakeholder_link_each(r->st, &q, section_row, &s, &err);
	free(err);
	if (s.n) {
		html(b, "</tbody>\n</table>\n");
	} else {
		html(b, "<p>");
		html_text(b, tr(r, "No link abroad is recorded for this organisation."));
		html(b, "</p>\n");
	}
	if (s.may_change) {
		html(b, "<p><a href=\"/stakeholder_links/new?organisation=");
		html_int(b, organisation_id);
		html(b, "\">");
		html_text(b, tr(r, "Add a link abroad"));
		html(b, "</a></p>\n");
	}
	html(b, "</section>\n");
}

/* ---- the form ---- */

static const char *link_value(const struct stakeholder_link *l, const char *name, char *buf, size_t n)
{
	if (strcmp(name, "country") == 0) return l->country;
	if (strcmp(name, "place") == 0) return l->place;
	if (strcmp(name, "domain") == 0) return l->domain;
	if (strcmp(name, "kind") == 0) return l->kind;
	if (strcmp(name, "since") == 0) return l->since;
	if (strcmp(name, "source") == 0) return l->source;
	if (strcmp(name, "notes") == 0) return l->notes;
	if (strcmp(name, "partner_authority_id") == 0 && l->partner_authority_id) {
		snprintf(buf, n, "%lld", (long long)l->partner_authority_id);
		return buf;
	}
	return NULL;
}

static void link_form(struct req *r, const struct stakeholder_link *l, const struct errlist *el)
{
	struct buf *b = &r->body;
	char title[200], action[64], num[32];
	struct organisation o = {0};
	store_organisation_get(r->st, l->organisation_id, &o);
	if (l->id)
		snprintf(title, sizeof(title), "%s: %s", tr(r, "Change a link abroad"), o.name ? o.name : "");
	else
		snprintf(title, sizeof(title), "%s: %s", tr(r, "Add a link abroad"), o.name ? o.name : "");
	organisation_clear(&o);
	page_begin(r, title, NULL);
	form_error_summary(r, el, tr(r, "The link was not saved:"), link_field_label);
	if (l->id)
		snprintf(action, sizeof(action), "/stakeholder_links/%lld/edit", (long long)l->id);
	else
		snprintf(action, sizeof(action), "/stakeholder_links/new");
	html(b, "<form id=\"link-form\" method=\"post\" action=\"");
	html_attr(b, action);
	html(b, "\">\n");
	hidden(b, "csrf", r->csrf);
	snprintf(num, sizeof(num), "%lld", (long long)l->organisation_id);
	hidden(b, "organisation_id", num);
	form_field_error(b, el, "organisation_id");
	for (size_t i = 0; i < N_LINK_FIELDS; i++)
		form_input(r, &link_fields[i], link_value(l, link_fields[i].name, num, sizeof(num)), el);
	html(b, "<p><button type=\"submit\">");
	html_text(b, tr(r, "Save"));
	html(b, "</button> <a href=\"/organisations/");
	html_int(b, l->organisation_id);
	html(b, "\">");
	html_text(b, tr(r, "Cancel"));
	html(b, "</a></p>\n</form>\n");
	if (l->id) {
		html(b, "<form method=\"post\" action=\"/stakeholder_links/");
		html_int(b, l->id);
		html(b, "/delete\">\n");
		hidden(b, "csrf", r->csrf);
		html(b, "<p><button type=\"submit\" class=\"danger\">");
		html_text(b, tr(r, "Delete this link"));
		html(b, "</button></p>\n</form>\n");
	}
	page_end(r);
}

/* A whole number above 0, or 0 with a problem named field (empty: 0, no problem). */
static int64_t posted_id(const char *v, const char *field, struct errlist *el)
{
	char *end = NULL;
	if (!v || !*v)
		return 0;
	long long n = strtoll(v, &end, 10);
	if (*end || n <= 0) {
		errlist_add(el, NULL, 0, field, N_("must be the id of a record (a whole number above 0)"));
		return 0;
	}
	return n;
}

/* The posted text of a field, trimmed; NULL when empty. */
static char *posted_text(struct req *r, const char *name)
{
	const char *v = req_form(r, name);
	if (!v)
		return NULL;
	while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
		v++;
	size_t n = strlen(v);
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' || v[n - 1] == '\n'))
		n--;
	return n ? strndup(v, n) : NULL;
}

/* GET /stakeholder_links/new?organisation=ID, GET /stakeholder_links/ID/edit */
int page_link_form(struct req *r)
{
	if (form_guard(r))
		return r->status;
	struct stakeholder_link l = {0};
	if (r->id && store_stakeholder_link_get(r->st, r->id, &l) != EALA_OK) {
		message_page(r, MHD_HTTP_NOT_FOUND, tr(r, "Not found"), tr(r, "There is no such record."));
		return r->status;
	}
	if (!r->id) {
		struct errlist el;
		errlist_init(&el);
		l.organisation_id = posted_id(req_arg(r, "organisation"), "organisation", &el);
		errlist_clear(&el);
	}
	if (!l.organisation_id || !store_organisation_exists(r->st, l.organisation_id))
		message_page(r, MHD_HTTP_NOT_FOUND, tr(r, "Not found"), tr(r, "There is no organisation with this number."));
	else if (!links_may_change(r, l.organisation_id, r->id ? OP_UPDATE : OP_CREATE))
		message_page(r, MHD_HTTP_FORBIDDEN, tr(r, "Not allowed"),
			     tr(r, "Your roles do not let you change this organisation's links."));
	else {
		struct errlist none;
		errlist_init(&none);
		link_form(r, &l, &none);
	}
	stakeholder_link_clear(&l);
	return r->status;
}

static void back_to_organisation(struct req *r, int64_t organisation_id)
{
	char path[64];
	snprintf(path, sizeof(path), "/organisations/%lld#links-abroad", (long long)organisation_id);
	redirect(r, path);
}

/* POST /stakeholder_links/new, POST /stakeholder_links/ID/edit */
int form_link_save(struct req *r)
{
	if (form_guard(r))
		return r->status;
	struct stakeholder_link old = {0}, l = {0};
	struct errlist el;
	char *err = NULL;
	json_t *before = NULL;
	errlist_init(&el);
	if (r->id && store_stakeholder_link_get(r->st, r->id, &old) != EALA_OK) {
		message_page(r, MHD_HTTP_NOT_FOUND, tr(r, "Not found"), tr(r, "There is no such record."));
		goto out;
	}
	if (r->id && !links_may_change(r, old.organisation_id, OP_UPDATE)) {
		message_page(r, MHD_HTTP_FORBIDDEN, tr(r, "Not allowed"),
			     tr(r, "Your roles do not let you change this organisation's links."));
		goto out;
	}
	l.id = r->id;
	l.organisation_id = posted_id(req_form(r, "organisation_id"), "organisation_id", &el);
	l.partner_authority_id = posted_id(req_form(r, "partner_authority_id"), "partner_authority_id", &el);
	l.country = posted_text(r, "country");
	l.place = posted_text(r, "place");
	l.domain = posted_text(r, "domain");
	l.kind = posted_text(r, "kind");
	l.since = posted_text(r, "since");
	l.source = posted_text(r, "source");
	l.notes = posted_text(r, "notes");
	l.illustrative = old.illustrative ? xstrdup(old.illustrative) : NULL;
	links_check(r, &l, &el);
	if (!el.n && !links_may_change(r, l.organisation_id, r->id ? OP_UPDATE : OP_CREATE)) {
		message_page(r, MHD_HTTP_FORBIDDEN, tr(r, "Not allowed"),
			     tr(r, "Your roles do not let you change this organisation's links."));
		goto out;
	}
	int rc = EALA_EINVAL;
	if (!el.n) {
		before = r->id ? stakeholder_link_json(&old) : NULL;
		rc = links_write(r, r->id ? "update" : "create", &l, before, &err);
		if (rc)
			errlist_add(&el, NULL, 0, NULL, "%s", err ? err : eala_strerror(rc));
	}
	if (rc) {
		link_form(r, &l, &el);
		r->status = el.n && rc == EALA_EINVAL ? 422 : web_http_status(rc);
	} else {
		back_to_organisation(r, l.organisation_id);
	}
out:
	free(err);
	json_decref(before);
	stakeholder_link_clear(&old);
	stakeholder_link_clear(&l);
	errlist_clear(&el);
	return r->status;
}

/* POST /stakeholder_links/ID/delete */
int form_link_delete(struct req *r)
{
	if (form_guard(r))
		return r->status;
	struct stakeholder_link l;
	char *err = NULL;
	if (store_stakeholder_link_get(r->st, r->id, &l) != EALA_OK) {
		message_page(r, MHD_HTTP_NOT_FOUND, tr(r, "Not found"), tr(r, "There is no such record."));
		return r->status;
	}
	if (!links_may_change(r, l.organisation_id, OP_DELETE)) {
		message_page(r, MHD_HTTP_FORBIDDEN, tr(r, "Not allowed"),
			     tr(r, "Your roles do not let you change this organisation's links."));
	} else {
		json_t *before = stakeholder_link_json(&l);
		int rc = links_write(r, "delete", &l, before, &err);
		json_decref(before);
		if (rc)
			message_page(r, web_http_status(rc), tr(r, "Not deleted"), err ? err : eala_strerror(rc));
		else
			back_to_organisation(r, l.organisation_id);
	}
	free(err);
	stakeholder_link_clear(&l);
	return r->status;
}
