/* forms.c: the login page and the forms that create and edit records. A
 * form posts its fields and the session's CSRF token; the fields become the
 * JSON object the API takes and go through the same record_save(), so the
 * rules, the roles and the audit are the API's; a problem is shown next to
 * its field. Usable without JavaScript. */
#include "html.h"

#include "../core/codelist.h"
#include "../io/record_json.h"
#include "../io/records_csv.h"

#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

static const struct ffield authority_form[] = {
	{"name", N_("Name"), FT_TEXT, 0, 1, NULL},
	{"other_names", N_("Other names"), FT_LIST, 0, 0, N_("separated by |")},
	{"country", N_("Country"), FT_CODE, CL_COUNTRY, 1, NULL},
	{"level", N_("Level"), FT_CODE, CL_AUTHORITY_LEVEL, 1, NULL},
	{"official_code", N_("Official code"), FT_TEXT, 0, 0, N_("the COG code of a French authority")},
	{"population", N_("Population"), FT_INT, 0, 0, NULL},
	{"lat", N_("Latitude"), FT_NUM, 0, 0, N_("degrees, as 47.315")},
	{"lng", N_("Longitude"), FT_NUM, 0, 0, N_("degrees, as 5.106")},
	{"parent_id", N_("Part of (authority number)"), FT_ID, 0, 0, NULL},
	{"overseas", N_("Overseas authority"), FT_BOOL, 0, 0, NULL},
	{"source", N_("Source"), FT_TEXT, 0, 0, NULL},
	{"notes", N_("Notes"), FT_AREA, 0, 0, NULL},
	{"draft", N_("Draft"), FT_BOOL, 0, 0, N_("only signed-in users see a draft")},
	{NULL, NULL, 0, 0, 0, NULL},
};

static const struct ffield organisation_form[] = {
	{"name", N_("Name"), FT_TEXT, 0, 1, NULL},
	{"iati_type", N_("Type"), FT_CODE, CL_IATI_ORG_TYPE, 1, NULL},
	{"subtype", N_("Subtype"), FT_CODE, CL_ORG_SUBTYPE, 0, NULL},
	{"country", N_("Country"), FT_CODE, CL_COUNTRY, 0, NULL},
	{"authority_id", N_("Based in (authority number)"), FT_ID, 0, 0, NULL},
	{"source", N_("Source"), FT_TEXT, 0, 0, NULL},
	{"notes", N_("Notes"), FT_AREA, 0, 0, NULL},
	{"draft", N_("Draft"), FT_BOOL, 0, 0, N_("only signed-in users see a draft")},
	{NULL, NULL, 0, 0, 0, NULL},
};

static const struct ffield partnership_form[] = {
	{"name", N_("Name"), FT_TEXT, 0, 0, N_("left empty: the members' names")},
	{"members", N_("Members (authority numbers)"), FT_IDS, 0, 1, N_("home first, as 12, 40")},
	{"kind", N_("Kind"), FT_CODE, CL_PARTNERSHIP_KIND, 1, NULL},
	{"status", N_("Status"), FT_CODE, CL_PARTNERSHIP_STATUS, 1, NULL},
	{"status_date", N_("Status since"), FT_DATE, 0, 0, NULL},
	{"status_reason", N_("Reason"), FT_TEXT, 0, 0, NULL},
	{"start_date", N_("Start"), FT_DATE, 0, 0, NULL},
	{"end_date", N_("End"), FT_DATE, 0, 0, NULL},
	{"agreement_signed", N_("Agreement signed"), FT_DATE, 0, 0, NULL},
	{"agreement_expires", N_("Agreement expires"), FT_DATE, 0, 0, NULL},
	{"agreement_renewed", N_("Agreement renewed"), FT_DATE, 0, 0, NULL},
	{"deliberation_ref", N_("Council deliberation"), FT_TEXT, 0, 0, NULL},
	{"deliberation_date", N_("Deliberation date"), FT_DATE, 0, 0, NULL},
	{"source", N_("Source"), FT_TEXT, 0, 0, NULL},
	{"notes", N_("Notes"), FT_AREA, 0, 0, NULL},
	{"draft", N_("Draft"), FT_BOOL, 0, 0, N_("only signed-in users see a draft")},
	{NULL, NULL, 0, 0, 0, NULL},
};

static const struct ffield action_form[] = {
	{"title", N_("Title"), FT_TEXT, 0, 1, NULL},
	{"description", N_("Description"), FT_AREA, 0, 0, NULL},
	{"authority_id", N_("Lead authority (number)"), FT_ID, 0, 1, NULL},
	{"partnership_id", N_("Partnership (number)"), FT_ID, 0, 0, NULL},
	{"type", N_("Type"), FT_CODE, CL_ACTION_TYPE, 1, NULL},
	{"status", N_("Status"), FT_CODE, CL_IATI_ACTIVITY_STATUS, 1, NULL},
	{"start_date", N_("Start"), FT_DATE, 0, 0, NULL},
	{"end_date", N_("End"), FT_DATE, 0, 0, NULL},
	{"domains", N_("Domains"), FT_CODES, CL_ACTION_DOMAIN, 0, NULL},
	{"countries", N_("Countries"), FT_LIST, 0, 0, N_("ISO codes separated by |, as ML|MG")},
	{"sectors", N_("DAC sectors"), FT_LIST, 0, 0, N_("5-digit codes separated by |")},
	{"sdgs", N_("SDGs"), FT_LIST, 0, 0, N_("goal numbers separated by |")},
	{"departments", N_("Departments involved"), FT_TEXT, 0, 0, NULL},
	{"elected_officials", N_("Elected officials involved"), FT_TEXT, 0, 0, NULL},
	{"citizen_participation", N_("Citizens take part"), FT_BOOL, 0, 0, NULL},
	{"eapd_category", N_("Category in the yearly ODA declaration"), FT_CODE, CL_EAPD_CATEGORY, 0,
	 N_("where its amounts go in the return; the 1% budgets go by their funding source")},
	{"source", N_("Source"), FT_TEXT, 0, 0, NULL},
	{"notes", N_("Notes"), FT_AREA, 0, 0, NULL},
	{"draft", N_("Draft"), FT_BOOL, 0, 0, N_("only signed-in users see a draft")},
	{NULL, NULL, 0, 0, 0, NULL},
};

static const struct {
	const char *path;       /* "authorities" */
	const char *singular;   /* "authority": the audit log's kind */
	const char *new_title, *edit_title, *history_title;
	const struct ffield *fields;
} forms[RK_COUNT] = {
	[RK_AUTHORITY] = {"authorities", "authority", N_("New authority"), N_("Edit authority"),
			  N_("History of authority"), authority_form},
	[RK_ORGANISATION] = {"organisations", "organisation", N_("New organisation"), N_("Edit organisation"),
			     N_("History of organisation"), organisation_form},
	[RK_PARTNERSHIP] = {"partnerships", "partnership", N_("New partnership"), N_("Edit partnership"),
			    N_("History of partnership"), partnership_form},
	[RK_ACTION] = {"actions", "action", N_("New action"), N_("Edit action"), N_("History of action"), action_form},
};

/* An audit event's operation, in the page's language. */
static const char *op_label(const struct req *r, const char *op)
{
	return strcmp(op, "create") == 0   ? tr(r, "create")
	       : strcmp(op, "update") == 0 ? tr(r, "update")
	       : strcmp(op, "delete") == 0 ? tr(r, "delete")
					   : op;
}

/* ---- the form's values: the record as JSON, or what was posted ---- */

/* A field's value as text for the form (lists joined by '|', ids by ", "). */
static char *value_text(json_t *v, enum ftype t)
{
	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return strdup(json_string_value(v));
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return xasprintf("%.15g", json_real_value(v));
	if (json_is_boolean(v))
		return strdup(json_is_true(v) ? "1" : "");
	if (json_is_array(v)) {
		struct buf b = {0};
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e) {
			char *s = value_text(e, t);
			if (i)
				buf_puts(&b, t == FT_IDS ? ", " : "|");
			buf_puts(&b, s ? s : "");
			free(s);
		}
		return b.s ? b.s : strdup("");
	}
	return NULL;
}

void form_field_error(struct buf *b, const struct errlist *el, const char *name)
{
	for (size_t i = 0; i < el->n; i++) {
		if (!el->v[i].field || strcmp(el->v[i].field, name) != 0)
			continue;
		html(b, "<span class=\"error\" id=\"");
		html_attr(b, name);
		html(b, "-error\">");
		html_text(b, el->v[i].msg);
		html(b, "</span>");
	}
}

static int has_error(const struct errlist *el, const char *name)
{
	for (size_t i = 0; i < el->n; i++)
		if (el->v[i].field && strcmp(el->v[i].field, name) == 0)
			return 1;
	return 0;
}

void form_code_options(struct req *r, enum codelist_id id, const char *value, int multiple)
{
	struct buf *b = &r->body;
	const struct codelist *cl = codelist_get(id);
	struct strv chosen = {0};
	if (multiple)
		strv_split(&chosen, value, '|');
	else if (value)
		strv_push(&chosen, value);
	if (!multiple)
		html(b, "<option value=\"\"></option>\n");
	for (size_t i = 0; cl && i < cl->n; i++) {
		html(b, "<option value=\"");
		html_attr(b, cl->v[i].code);
		html(b, strv_contains(&chosen, cl->v[i].code) ? "\" selected>" : "\">");
		html_text(b, codelist_label(id, cl->v[i].code, lang_codelist(r)));
		html(b, "</option>\n");
	}
	strv_clear(&chosen);
}

void form_input(struct req *r, const struct ffield *f, const char *value, const struct errlist *el)
{
	struct buf *b = &r->body;
	html(b, "<p class=\"field\"><label for=\"f-");
	html_attr(b, f->name);
	html(b, "\">");
	html_text(b, tr(r, f->label));
	if (f->required) {
		html(b, " <abbr title=\"");
		html_attr(b, tr(r, "required"));
		html(b, "\">*</abbr>");
	}
	html(b, "</label>\n");
	const char *aria = has_error(el, f->name) ? " aria-invalid=\"true\"" : "";
	switch (f->type) {
	case FT_AREA:
		html(b, "<textarea id=\"f-");
		html_attr(b, f->name);
		html(b, "\" name=\"");
		html_attr(b, f->name);
		html(b, "\" rows=\"3\"");
		html(b, aria);
		html(b, ">");
		html_text(b, value);
		html(b, "</textarea>\n");
		break;
	case FT_CODE:
	case FT_CODES:
		html(b, "<select id=\"f-");
		html_attr(b, f->name);
		html(b, "\" name=\"");
		html_attr(b, f->name);
		html(b, f->type == FT_CODES ? "\" multiple size=\"6\"" : "\"");
		html(b, aria);
		html(b, ">\n");
		form_code_options(r, f->list, value, f->type == FT_CODES);
		html(b, "</select>\n");
		break;
	case FT_BOOL:
		html(b, "<input type=\"checkbox\" value=\"1\" id=\"f-");
		html_attr(b, f->name);
		html(b, "\" name=\"");
		html_attr(b, f->name);
		html(b, value && *value && strcmp(value, "0") ? "\" checked>\n" : "\">\n");
		break;
	default:
		html(b, "<input id=\"f-");
		html_attr(b, f->name);
		html(b, "\" name=\"");
		html_attr(b, f->name);
		html(b, f->type == FT_DATE ? "\" type=\"date\"" : "\" type=\"text\"");
		html(b, aria);
		html(b, " value=\"");
		html_attr(b, value);
		html(b, "\">\n");
		break;
	}
	if (f->hint) {
		html(b, "<small>");
		html_text(b, tr(r, f->hint));
		html(b, "</small>\n");
	}
	form_field_error(b, el, f->name);
	html(b, "</p>\n");
}

void form_error_summary(struct req *r, const struct errlist *el, const char *intro,
			const char *(*label)(const struct req *r, const char *field, char *buf, size_t n))
{
	struct buf *b = &r->body;
	if (el->n) {
		html(b, "<div class=\"error\" role=\"alert\"><p>");
		html_text(b, intro);
		html(b, "</p><ul>\n");
		for (size_t i = 0; i < el->n; i++) {
			html(b, "<li>");
			if (el->v[i].field) {
				html(b, "<a href=\"#f-");
				html_attr(b, el->v[i].field);
				html(b, "\">");
				char words[160];
				html_text(b, label ? label(r, el->v[i].field, words, sizeof(words)) : el->v[i].field);
				html(b, "</a>: ");
			}
			html_text(b, el->v[i].msg);
			html(b, "</li>\n");
		}
		html(b, "</ul></div>\n");
	}
}

/* The page of a form: values from the record (json) when shown, from the post when it failed. */
static void form_page(struct req *r, enum record_kind k, int64_t id, json_t *json, int from_post,
		      const struct errlist *el)
{
	struct buf *b = &r->body;
	char title[160];
	if (id)
		snprintf(title, sizeof(title), "%s #%lld", tr(r, forms[k].edit_title), (long long)id);
	else
		snprintf(title, sizeof(title), "%s", tr(r, forms[k].new_title));
	page_begin(r, title, NULL);
	form_error_summary(r, el, tr(r, "The record was not saved:"), NULL);
	html(b, "<form method=\"post\" action=\"/");
	html(b, forms[k].path);
	if (id) {
		html(b, "/");
		html_int(b, id);
		html(b, "/edit\">\n");
	} else {
		html(b, "/new\">\n");
	}
	html(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_attr(b, r->csrf);
	html(b, "\">\n");
	for (const struct ffield *f = forms[k].fields; f->name; f++) {
		char *v = NULL;
		if (from_post) {
			const char *p = req_form(r, f->name);
			v = p ? strdup(p) : NULL;
		} else {
			v = value_text(json_object_get(json, f->name), f->type);
		}
		form_input(r, f, v, el);
		free(v);
	}
	html(b, "<p><button type=\"submit\">");
	html_text(b, tr(r, "Save"));
	html(b, "</button></p>\n</form>\n");
	page_end(r);
}

/* ---- posted fields to the API's JSON ---- */

static void add_ids(json_t *o, const char *name, const char *text, struct errlist *el)
{
	json_t *a = json_array();
	const char *p = text;
	while (*p) {
		while (*p == ' ' || *p == ',' || *p == '|' || *p == ';')
			p++;
		if (!*p)
			break;
		char *end;
		errno = 0;
		long long v = strtoll(p, &end, 10);
		if (end == p || errno || v <= 0) {
			errlist_add(el, NULL, 0, name, N_("must be authority numbers separated by commas"));
			break;
		}
		json_array_append_new(a, json_integer(v));
		p = end;
	}
	json_object_set_new(o, name, a);
}

static json_t *posted_json(struct req *r, enum record_kind k, struct errlist *el)
{
	json_t *o = json_object();
	for (const struct ffield *f = forms[k].fields; f->name; f++) {
		const char *v = req_form(r, f->name);
		if (f->type == FT_BOOL) {
			json_object_set_new(o, f->name, json_boolean(v && *v));
			continue;
		}
		if (f->type == FT_CODES) {   /* a multiple select posts the name once per choice */
			json_t *a = json_array();
			for (size_t i = 0; i < r->n_form; i++)
				if (strcmp(r->form[i].key, f->name) == 0 && r->form[i].value.s && *r->form[i].value.s)
					json_array_append_new(a, json_string(r->form[i].value.s));
			json_object_set_new(o, f->name, a);
			continue;
		}
		/* a form shows every field: one left empty (or not sent at all, as
		 * libmicrohttpd may drop empty values) is emptied in the record */
		if (!v || !*v) {
			json_object_set_new(o, f->name, json_null());
			continue;
		}
		char *end;
		errno = 0;
		switch (f->type) {
		case FT_INT:
		case FT_ID: {
			long long n = strtoll(v, &end, 10);
			if (*end || errno)
				errlist_add(el, NULL, 0, f->name, N_("must be a whole number"));
			else
				json_object_set_new(o, f->name, json_integer(n));
			break;
		}
		case FT_NUM: {
			double d = strtod(v, &end);
			if (*end || errno)
				errlist_add(el, NULL, 0, f->name, N_("must be a number, as 47.315"));
			else
				json_object_set_new(o, f->name, json_real(d));
			break;
		}
		case FT_IDS:
			add_ids(o, f->name, v, el);
			break;
		case FT_LIST: {
			struct strv sv = {0};
			strv_split(&sv, v, '|');
			json_t *a = json_array();
			for (size_t i = 0; i < sv.n; i++)
				json_array_append_new(a, json_string(sv.v[i]));
			strv_clear(&sv);
			json_object_set_new(o, f->name, a);
			break;
		}
		default:
			json_object_set_new(o, f->name, json_string(v));
			break;
		}
	}
	return o;
}

int form_guard(struct req *r)
{
	if (!r->user.id) {
		char next[512];
		snprintf(next, sizeof(next), "/login?next=%s", r->path);
		return redirect(r, next);
	}
	const char *sent = req_form(r, "csrf");
	if (strcmp(r->method, "POST") == 0 && (!sent || !r->csrf[0] || strcmp(sent, r->csrf) != 0)) {
		r->status = MHD_HTTP_FORBIDDEN;
		page_begin(r, tr(r, "Not saved"), NULL);
		html(&r->body, "<p class=\"error\">");
		html_text(&r->body, tr(r, "The form has expired or did not come from eala (CSRF token). Load it again."));
		html(&r->body, "</p>\n");
		page_end(r);
		return r->status;
	}
	return 0;
}

static json_t *record_json_of(struct req *r, enum record_kind k, int64_t id)
{
	json_t *j = NULL;
	switch (k) {
	case RK_AUTHORITY: {
		struct authority a;
		if (store_authority_get(r->st, id, &a) == EALA_OK)
			j = authority_json(&a);
		authority_clear(&a);
		break;
	}
	case RK_ORGANISATION: {
		struct organisation o;
		if (store_organisation_get(r->st, id, &o) == EALA_OK)
			j = organisation_json(&o);
		organisation_clear(&o);
		break;
	}
	case RK_PARTNERSHIP: {
		struct partnership p;
		if (store_partnership_get(r->st, id, &p) == EALA_OK)
			j = partnership_json(&p);
		partnership_clear(&p);
		break;
	}
	default: {
		struct action a;
		if (store_action_get(r->st, id, &a) == EALA_OK)
			j = action_json(&a);
		action_clear(&a);
		break;
	}
	}
	return j;
}

/* GET /KIND/new, GET /KIND/ID/edit: the form. */
int page_form(struct req *r)
{
	enum record_kind k = (enum record_kind)r->kind;
	struct errlist el;
	errlist_init(&el);
	if (form_guard(r))
		return r->status;
	json_t *j = r->id ? record_json_of(r, k, r->id) : json_object();
	if (!j) {
		r->status = MHD_HTTP_NOT_FOUND;
		page_begin(r, tr(r, "Not found"), NULL);
		html(&r->body, "<p>");
		html_text(&r->body, tr(r, "There is no such record."));
		html(&r->body, "</p>\n");
		page_end(r);
		return r->status;
	}
	form_page(r, k, r->id, j, 0, &el);
	json_decref(j);
	return MHD_HTTP_OK;
}

/* POST /KIND/new, POST /KIND/ID/edit: save, then the record's page; or the
 * form again with each problem next to its field. */
int form_save(struct req *r)
{
	enum record_kind k = (enum record_kind)r->kind;
	if (form_guard(r))
		return r->status;
	struct errlist el;
	errlist_init(&el);
	json_t *j = posted_json(r, k, &el);
	int64_t saved = 0;
	int status = el.n ? 422 : record_save(r, k, r->id, j, &el, &saved);
	json_decref(j);
	if (status == MHD_HTTP_OK || status == MHD_HTTP_CREATED) {
		char path[64];
		snprintf(path, sizeof(path), "/%s/%lld", forms[k].path, (long long)saved);
		redirect(r, path);
	} else {
		form_page(r, k, r->id, NULL, 1, &el);
		r->status = status;
	}
	errlist_clear(&el);
	return r->status;
}

/* ---- logging in with a form ---- */

int page_login(struct req *r)
{
	struct buf *b = &r->body;
	page_begin(r, tr(r, "Log in"), NULL);
	html(b, "<form method=\"post\" action=\"/login\">\n<input type=\"hidden\" name=\"next\" value=\"");
	html_attr(b, req_arg(r, "next"));
	html(b, "\">\n<p class=\"field\"><label for=\"login\">");
	html_text(b, tr(r, "Login"));
	html(b, "</label>\n<input id=\"login\" name=\"login\" autocomplete=\"username\" required></p>\n"
		"<p class=\"field\"><label for=\"password\">");
	html_text(b, tr(r, "Password"));
	html(b, "</label>\n<input id=\"password\" name=\"password\" type=\"password\" "
		"autocomplete=\"current-password\" required></p>\n<p><button type=\"submit\">");
	html_text(b, tr(r, "Log in"));
	html(b, "</button></p>\n</form>\n");
	page_end(r);
	return MHD_HTTP_OK;
}

int form_login(struct req *r)
{
	char token[65], csrf[65];
	int rc = session_open(r, req_form(r, "login"), req_form(r, "password"), token, csrf);
	if (rc == EALA_OK)
		return redirect(r, req_form(r, "next"));
	r->status = rc == EALA_EINVAL ? MHD_HTTP_UNAUTHORIZED
		    : rc == EALA_ELIMIT ? MHD_HTTP_TOO_MANY_REQUESTS
					: MHD_HTTP_SERVICE_UNAVAILABLE;
	struct buf *b = &r->body;
	page_begin(r, tr(r, "Log in"), NULL);
	html(b, "<p class=\"error\" role=\"alert\">");
	if (rc == EALA_ELIMIT) {
		char msg[256];
		int minutes = (r->retry_after + 59) / 60;
		snprintf(msg, sizeof(msg),
			 trn(r, "Too many failed logins: try again in %d minute.",
			     "Too many failed logins: try again in %d minutes.", (unsigned long)minutes),
			 minutes);
		html_text(b, msg);
	} else {
		html_text(b, rc == EALA_EINVAL ? tr(r, "Wrong login or password.")
					       : tr(r, "The server cannot open a session."));
	}
	html(b, "</p>\n<p><a href=\"/login\">");
	html_text(b, tr(r, "Try again"));
	html(b, "</a></p>\n");
	page_end(r);
	return r->status;
}

int form_logout(struct req *r)
{
	const char *sent = req_form(r, "csrf");
	if (r->user.id && sent && r->csrf[0] && strcmp(sent, r->csrf) == 0) {
		char *err = NULL;
		store_session_delete(r->st, r->token_hash, &err);
		free(err);
		r->set_cookie = "eala_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
	}
	return redirect(r, "/");
}

/* ---- the history of a record, from the audit log ---- */

struct history_page {
	struct req *r;
	size_t n;
};

static void diff_row(struct buf *b, const char *field, json_t *before, json_t *after)
{
	char *x = value_text(before, FT_TEXT), *y = value_text(after, FT_TEXT);
	if (!(x && y && strcmp(x, y) == 0) && (x || y)) {
		html(b, "<tr><th scope=\"row\">");
		html_text(b, field);
		html(b, "</th><td>");
		html_text(b, x);
		html(b, "</td><td>");
		html_text(b, y);
		html(b, "</td></tr>\n");
	}
	free(x);
	free(y);
}

static int history_event(void *ctx, const struct audit_event *e)
{
	struct history_page *h = ctx;
	struct buf *b = &h->r->body;
	json_t *before = e->before ? json_loads(e->before, 0, NULL) : json_object();
	json_t *after = e->after ? json_loads(e->after, 0, NULL) : json_object();
	h->n++;
	html(b, "<h2>");
	html_text(b, e->at);
	html(b, ": ");
	html_text(b, op_label(h->r, e->operation));
	html(b, " ");
	html_text(b, tr(h->r, "by"));
	html(b, " ");
	html_text(b, e->actor);
	html(b, "</h2>\n<table>\n<thead><tr><th scope=\"col\">");
	html_text(b, tr(h->r, "Field"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(h->r, "Before"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(h->r, "After"));
	html(b, "</th></tr></thead>\n<tbody>\n");
	const char *key;
	json_t *v;
	json_object_foreach(after, key, v)
		diff_row(b, key, json_object_get(before, key), v);
	json_object_foreach(before, key, v)
		if (!json_object_get(after, key))
			diff_row(b, key, v, NULL);
	html(b, "</tbody>\n</table>\n");
	json_decref(before);
	json_decref(after);
	return 0;
}

/* GET /KIND/ID/history */
int page_history(struct req *r)
{
	enum record_kind k = (enum record_kind)r->kind;
	struct history_page h = {r, 0};
	char title[160], *err = NULL;
	if (draft_hidden(r, k, r->id)) {
		r->status = MHD_HTTP_NOT_FOUND;
		page_begin(r, tr(r, "Not found"), NULL);
		page_end(r);
		return r->status;
	}
	snprintf(title, sizeof(title), "%s #%lld", tr(r, forms[k].history_title), (long long)r->id);
	page_begin(r, title, NULL);
	html(&r->body, "<p><a href=\"/");
	html(&r->body, forms[k].path);
	html(&r->body, "/");
	html_int(&r->body, r->id);
	html(&r->body, "\">");
	html_text(&r->body, tr(r, "The record"));
	html(&r->body, "</a></p>\n");
	store_audit_each(r->st, forms[k].singular, r->id, history_event, &h, &err);
	free(err);
	if (!h.n)
		html(&r->body, "<p>"), html_text(&r->body, tr(r, "No change recorded since it was imported.")),
			html(&r->body, "</p>\n");
	page_end(r);
	return MHD_HTTP_OK;
}
