/* i18n.c: the language of the pages: English as written in the code, other
 * languages from data/i18n/LANG.json ({"English text": "translation"}), read
 * once before the server starts; the code lists carry their own labels.
 * A request's language comes from ?lang=, else the eala_lang cookie, else
 * Accept-Language, else English. Adding a language is one new file (and its
 * code below). */
#include "web.h"
#include "html.h"

#include "../core/codelist.h"
#include "../io/codelist_load.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *code;     /* ISO 639-1 */
	const char *name;     /* in its own language */
	int codelist;         /* CL_LANG_* */
} langs[] = {
	{"en", "English", CL_LANG_EN},
	{"fr", "Français", CL_LANG_FR},
};
#define NLANGS (sizeof(langs) / sizeof(*langs))

/* Read-only once loaded: the catalogs, by language. */
static json_t *catalogs[NLANGS];

int i18n_load(char **errmsg)
{
	for (size_t i = 1; i < NLANGS; i++) {
		char rel[32];
		snprintf(rel, sizeof(rel), "i18n/%s.json", langs[i].code);
		char *path = eala_datapath(rel);
		json_error_t err = {.line = 0, .text = "not a JSON object"};
		catalogs[i] = path ? json_load_file(path, JSON_REJECT_DUPLICATES, &err) : NULL;
		if (!catalogs[i] || !json_is_object(catalogs[i])) {
			*errmsg = xasprintf("%s:%d: the %s translations cannot be read: %s", path ? path : rel,
					    err.line, langs[i].name, err.text);
			free(path);
			return EALA_EIO;
		}
		free(path);
	}
	return EALA_OK;
}

void i18n_free(void)
{
	for (size_t i = 0; i < NLANGS; i++) {
		json_decref(catalogs[i]);
		catalogs[i] = NULL;
	}
}

const char *tr(const struct req *r, const char *en)
{
	if (!r || r->lang <= 0 || (size_t)r->lang >= NLANGS || !catalogs[r->lang])
		return en;
	const char *t = json_string_value(json_object_get(catalogs[r->lang], en));
	return t && *t ? t : en;
}

int lang_codelist(const struct req *r)
{
	return r && r->lang > 0 && (size_t)r->lang < NLANGS ? langs[r->lang].codelist : CL_LANG_EN;
}

const char *lang_code(const struct req *r)
{
	return langs[r && (size_t)r->lang < NLANGS ? r->lang : 0].code;
}

static int find(const char *code, size_t len)
{
	for (size_t i = 0; i < NLANGS; i++)
		if (strlen(langs[i].code) == len && strncmp(langs[i].code, code, len) == 0)
			return (int)i;
	return -1;
}

void lang_choose(struct req *r)
{
	const char *asked = req_arg(r, "lang");
	int l;
	if (asked && (l = find(asked, strlen(asked))) >= 0) {
		r->lang = l;
		snprintf(r->lang_cookie, sizeof(r->lang_cookie),
			 "eala_lang=%s; Path=/; SameSite=Lax; Max-Age=31536000", langs[l].code);
		return;
	}
	const char *cookie = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, "eala_lang");
	if (cookie && (l = find(cookie, strlen(cookie))) >= 0) {
		r->lang = l;
		return;
	}
	/* the first language of Accept-Language that we have: "fr-FR,fr;q=0.9,en;q=0.8" */
	const char *al = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
	while (al && *al) {
		while (*al == ' ' || *al == ',')
			al++;
		size_t n = strcspn(al, ",;- ");
		if ((l = find(al, n)) >= 0) {
			r->lang = l;
			return;
		}
		al += strcspn(al, ",");
	}
	r->lang = 0;
}

/* Appends the request's query arguments but lang, each as "name=value&". */
static enum MHD_Result keep_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct buf *b = cls;
	if (strcmp(key, "lang") != 0) {
		html_url_arg(b, key);
		buf_puts(b, "=");
		html_url_arg(b, value);
		buf_puts(b, "&amp;");
	}
	return MHD_YES;
}

/* The switch to the other languages: the same page with the same query
 * (a search stays a search), lang= added. */
void lang_links(struct req *r)
{
	struct buf *b = &r->body;
	buf_puts(b, "<nav class=\"langs\" aria-label=\"Language\">");
	for (size_t i = 0; i < NLANGS; i++) {
		if ((int)i == r->lang) {
			buf_puts(b, "<strong lang=\"");
			buf_puts(b, langs[i].code);
			buf_puts(b, "\">");
			buf_puts(b, langs[i].name);
			buf_puts(b, "</strong> ");
		} else {
			buf_puts(b, "<a lang=\"");
			buf_puts(b, langs[i].code);
			buf_puts(b, "\" href=\"?");
			MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, keep_arg, b);
			buf_puts(b, "lang=");
			buf_puts(b, langs[i].code);
			buf_puts(b, "\">");
			buf_puts(b, langs[i].name);
			buf_puts(b, "</a> ");
		}
	}
	buf_puts(b, "</nav>\n");
}
