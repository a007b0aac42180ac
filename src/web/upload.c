/* upload.c: importing a CSV file through the browser: the same import as
 * 'eala import csv' (src/io/records_csv.c: authorities, organisations,
 * partnerships, actions, expected impacts, observed outcomes, local actors'
 * links abroad), all or nothing, with every
 * problem listed by line. Whole files may touch any authority's records, so
 * importing needs a role that writes everywhere (admin). */
#define _GNU_SOURCE
#include "html.h"

#include "../core/auth.h"
#include "../io/links_csv.h"
#include "../io/records_csv.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void import_form(struct req *r)
{
	struct buf *b = &r->body;
	html(b, "<form id=\"import\" method=\"post\" action=\"/import\" enctype=\"multipart/form-data\">\n"
		"<input type=\"hidden\" name=\"csrf\" value=\"");
	html_attr(b, r->csrf);
	html(b, "\">\n<p class=\"field\"><label for=\"file\">");
	html_text(b, tr(r, "CSV file"));
	html(b, "</label>\n<input id=\"file\" name=\"file\" type=\"file\" accept=\".csv,text/csv\" required>\n<small>");
	html_text(b, tr(r, "authorities, organisations, partnerships, actions, expected impacts, observed "
			   "outcomes or local actors' links abroad, as docs/DATA.md describes; English or French "
			   "headers; ',' or ';'; at most 1 MiB"));
	html(b, "</small></p>\n<p class=\"field\"><label for=\"dry_run\">");
	html_text(b, tr(r, "Only check it"));
	html(b, "</label>\n<input id=\"dry_run\" name=\"dry_run\" type=\"checkbox\" value=\"1\"></p>\n"
		"<p><button type=\"submit\">");
	html_text(b, tr(r, "Import"));
	html(b, "</button> <progress id=\"import-progress\" max=\"100\" value=\"0\" hidden>"
		"</progress></p>\n</form>\n<script src=\"/static/upload.js\" defer></script>\n<p id=\"links-template\">");
	/* the file an authority sends to its local actors (docs/DATA.md) */
	html_text(b, tr(r, "To collect the links abroad of your local actors, send them the template:"));
	html(b, " <a href=\"/import/stakeholder_links.csv?lang=fr\" download>");
	html_text(b, tr(r, "in French"));
	html(b, "</a>, <a href=\"/import/stakeholder_links.csv?lang=en\" download>");
	html_text(b, tr(r, "in English"));
	html(b, "</a> (<code>eala export csv stakeholder_links --template --lang fr</code>).</p>\n");
}

/* GET /import/stakeholder_links.csv?lang=fr|en: the header row an authority
 * sends to its local actors, as 'eala export csv stakeholder_links --template'
 * writes it; in the page's language when lang is not given. */
int page_links_template(struct req *r)
{
	const char *lang = req_arg(r, "lang");
	if (!lang)
		lang = lang_codelist(r) == CL_LANG_FR ? "fr" : "en";
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int rc = f ? links_csv_template(f, lang) : EALA_ENOMEM;
	if (f && fclose(f) && !rc)
		rc = EALA_ENOMEM;
	if (rc == EALA_EINVAL) {
		r->status = MHD_HTTP_BAD_REQUEST;
		page_begin(r, tr(r, "Not found"), NULL);
		html(&r->body, "<p class=\"error\">");
		html_text(&r->body, tr(r, "The template is in English (lang=en) or in French (lang=fr)."));
		html(&r->body, "</p>\n");
		page_end(r);
	} else if (rc) {
		r->status = MHD_HTTP_SERVICE_UNAVAILABLE;
	} else {
		buf_add(&r->body, text, len);
		r->content_type = "text/csv; charset=utf-8";
		snprintf(r->disposition, sizeof(r->disposition), "attachment; filename=\"%s\"",
			 strcmp(lang, "fr") == 0 ? "liens_des_acteurs.csv" : "stakeholder_links.csv");
		r->status = MHD_HTTP_OK;
	}
	free(text);
	return r->status;
}

int page_import(struct req *r)
{
	if (!r->user.id)
		return redirect(r, "/login?next=/import");
	page_begin(r, tr(r, "Import a CSV file"), NULL);
	import_form(r);
	page_end(r);
	return MHD_HTTP_OK;
}

/* The upload's name, kept to letters, digits, '.', '-' and '_'. */
static void safe_name(const char *name, char *out, size_t size)
{
	const char *base = name ? strrchr(name, '/') : NULL;
	base = base ? base + 1 : name && *name ? name : "upload.csv";
	size_t o = 0;
	for (const char *p = base; *p && o + 1 < size; p++)
		out[o++] = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
				   *p == '.' || *p == '-' || *p == '_' ? *p : '_';
	out[o] = '\0';
	if (!o || out[0] == '.')
		snprintf(out, size, "upload.csv");
}

int form_import(struct req *r)
{
	struct buf *b = &r->body;
	if (!r->user.id)
		return redirect(r, "/login?next=/import");
	const char *sent = req_form(r, "csrf");
	struct principal p = {r->user.id, r->user.login, r->roles, r->n_roles};
	if (!sent || !r->csrf[0] || strcmp(sent, r->csrf) != 0 || !authz_writes_all(&p)) {
		r->status = MHD_HTTP_FORBIDDEN;
		page_begin(r, tr(r, "Not imported"), NULL);
		html(b, "<p class=\"error\">");
		html_text(b, authz_writes_all(&p)
				     ? tr(r, "The form has expired or did not come from eala (CSRF token). Load it again.")
				     : tr(r, "Importing a file needs the admin role."));
		html(b, "</p>\n");
		page_end(r);
		return r->status;
	}
	struct form_field *file = NULL;
	for (size_t i = 0; i < r->n_form; i++)
		if (strcmp(r->form[i].key, "file") == 0)
			file = &r->form[i];
	char name[128], dir[] = "/tmp/eala-upload-XXXXXX", *path = NULL;
	safe_name(file ? file->filename : NULL, name, sizeof(name));
	int dry_run = req_form(r, "dry_run") != NULL;
	struct csv_import_report rep = {.actor = r->user.login};
	struct errlist el;
	errlist_init(&el);
	el.max = 500;
	int rc = EALA_EIO;
	if (!file || !file->value.len) {
		errlist_add(&el, name, 0, NULL, N_("no file was sent, or it is empty"));
		rc = EALA_EINVAL;
	} else if (mkdtemp(dir) && (path = xasprintf("%s/%s", dir, name))) {
		FILE *f = fopen(path, "wb");
		if (f && fwrite(file->value.s, 1, file->value.len, f) == file->value.len && fclose(f) == 0) {
			char *paths[] = {path};
			rc = records_csv_import(r->st, paths, 1, RK_NONE, dry_run, &rep, &el);
		} else if (f) {
			fclose(f);
		}
		unlink(path);
		rmdir(dir);
	}
	r->status = rc == EALA_OK ? MHD_HTTP_OK : rc == EALA_EINVAL ? 422 : MHD_HTTP_INTERNAL_SERVER_ERROR;
	page_begin(r, rc != EALA_OK ? tr(r, "Nothing imported") : dry_run ? tr(r, "The file is fine") : tr(r, "Imported"),
		   NULL);
	if (rc == EALA_OK) {
		html(b, "<p role=\"status\">");
		html_text(b, name);
		html(b, ": ");
		if (dry_run)
			html_text(b, tr(r, "checked, nothing written.")), html(b, " ");
		static const char *const kinds[RK_CSV_COUNT] = {
			[RK_AUTHORITY] = N_("authorities"), [RK_ORGANISATION] = N_("organisations"),
			[RK_PARTNERSHIP] = N_("partnerships"), [RK_ACTION] = N_("actions"),
			[RK_EXPECTED_IMPACT] = N_("expected impacts"), [RK_OBSERVED_OUTCOME] = N_("observed outcomes"),
			[RK_STAKEHOLDER_LINK] = N_("local actors' links abroad")};
		for (int k = 0; k < RK_CSV_COUNT; k++) {
			if (!rep.created[k] && !rep.updated[k])
				continue;
			html_int(b, (long long)rep.created[k]);
			html(b, " ");
			html_text(b, tr(r, "created,"));
			html(b, " ");
			html_int(b, (long long)rep.updated[k]);
			html(b, " ");
			html_text(b, tr(r, "updated"));
			html(b, " ");
			html_text(b, tr(r, kinds[k]));
			html(b, ". ");
		}
		html(b, "</p>\n");
	} else {
		html(b, "<p class=\"error\" role=\"alert\">");
		html_int(b, (long long)errlist_count(&el));
		html(b, " ");
		html_text(b, trn(r, "problem", "problems", (unsigned long)errlist_count(&el)));
		html(b, "; ");
		html_text(b, tr(r, "the database is as it was:"));
		html(b, "</p>\n<ul class=\"problems\">\n");
		for (size_t i = 0; i < el.n; i++) {
			html(b, "<li>");
			if (el.v[i].line) {
				html_text(b, tr(r, "line")), html(b, " ");
				html_int(b, el.v[i].line);
				html(b, ": ");
			}
			if (el.v[i].field) {
				html(b, "<code>");
				html_text(b, el.v[i].field);
				html(b, "</code>: ");
			}
			html_text(b, el.v[i].msg);
			html(b, "</li>\n");
		}
		html(b, "</ul>\n");
	}
	import_form(r);
	page_end(r);
	free(path);
	errlist_clear(&el);
	return r->status;
}
