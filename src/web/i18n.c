/* i18n.c: the language of the pages. The words are written in English in the
 * code, marked for xgettext (tr(), trn(), N_(), and the label arguments of
 * field(), code_field() and SECTION()), and translated with GNU gettext from
 * po/LANG.po, compiled by Meson into the "eala" text domain. The code lists
 * carry their own labels; country names come from iso-codes' catalogs.
 *
 * A request's language comes from ?lang=, else the eala_lang cookie, else
 * Accept-Language, else English. gettext follows the calling thread's locale,
 * so the worker thread switches to the language's locale (LC_MESSAGES only:
 * numbers keep their C format) for the request and back after it; nothing
 * process-wide changes while the server runs. A language whose locale the
 * system lacks is not offered (scripts/install-deps generates them). */
#include "web.h"
#include "html.h"

#include "../core/codelist.h"

#include <libintl.h>
#include <locale.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DOMAIN "eala"

static const struct {
	const char *code;     /* ISO 639-1 */
	const char *name;     /* in its own language */
	int codelist;         /* CL_LANG_* */
	const char *locale;   /* a locale of that language, for gettext */
} langs[] = {
	{"en", "English", CL_LANG_EN, NULL},
	{"fr", "Français", CL_LANG_FR, "fr_FR.UTF-8"},
};
#define NLANGS (sizeof(langs) / sizeof(*langs))

/* Read-only once loaded: each language's LC_MESSAGES locale; (locale_t)0
 * for English and for a language the system has no locale for. */
static locale_t locales[NLANGS];

int i18n_load(char **errmsg)
{
	const char *dir = getenv("EALA_LOCALEDIR");
	if (!bindtextdomain(DOMAIN, dir && *dir ? dir : EALA_LOCALEDIR) ||
	    !bind_textdomain_codeset(DOMAIN, "UTF-8")) {
		*errmsg = xasprintf("the translations cannot be bound to %s", dir && *dir ? dir : EALA_LOCALEDIR);
		return EALA_EIO;
	}
	/* LANGUAGE would override every thread's locale */
	unsetenv("LANGUAGE");
	for (size_t i = 1; i < NLANGS; i++) {
		locales[i] = newlocale(LC_MESSAGES_MASK, langs[i].locale, (locale_t)0);
		if (!locales[i])
			fprintf(stderr, "eala serve: no %s pages: the system lacks the %s locale "
				"(scripts/install-deps generates it)\n", langs[i].name, langs[i].locale);
	}
	return EALA_OK;
}

void i18n_free(void)
{
	uselocale(LC_GLOBAL_LOCALE);
	for (size_t i = 0; i < NLANGS; i++) {
		if (locales[i])
			freelocale(locales[i]);
		locales[i] = (locale_t)0;
	}
}

int i18n_use(const char *code, int *codelist, char **errmsg)
{
	for (size_t i = 0; i < NLANGS; i++) {
		if (strcmp(langs[i].code, code) != 0)
			continue;
		if (i > 0 && !locales[i]) {
			*errmsg = xasprintf("%s needs the %s locale, which this system lacks (scripts/install-deps "
					    "generates it)", langs[i].name, langs[i].locale);
			return EALA_EINVAL;
		}
		uselocale(i > 0 ? locales[i] : LC_GLOBAL_LOCALE);
		*codelist = langs[i].codelist;
		return EALA_OK;
	}
	*errmsg = xasprintf("unknown language '%s' (en, fr)", code);
	return EALA_EINVAL;
}

static int translated(const struct req *r)
{
	return r && r->lang > 0 && (size_t)r->lang < NLANGS && locales[r->lang];
}

const char *tr(const struct req *r, const char *en)
{
	return translated(r) ? dgettext(DOMAIN, en) : en;
}

const char *trn(const struct req *r, const char *one, const char *many, unsigned long n)
{
	return translated(r) ? dngettext(DOMAIN, one, many, n) : n == 1 ? one : many;
}

void lang_release(struct req *r)
{
	if (translated(r))
		uselocale(LC_GLOBAL_LOCALE);
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
		if ((i == 0 || locales[i]) && strlen(langs[i].code) == len && strncmp(langs[i].code, code, len) == 0)
			return (int)i;
	return -1;
}

static void pick(struct req *r)
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

void lang_choose(struct req *r)
{
	pick(r);
	if (translated(r))
		uselocale(locales[r->lang]);
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
		if (i > 0 && !locales[i])
			continue;
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
