/* eala.c: status names, error lists, string vectors and string helpers. */
#define _GNU_SOURCE
#include "eala.h"

#include <ctype.h>
#include <stdarg.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *eala_strerror(int status)
{
	switch (status) {
	case EALA_OK: return "ok";
	case EALA_EINVAL: return "invalid input";
	case EALA_ENOTFOUND: return "not found";
	case EALA_ECONFLICT: return "conflict";
	case EALA_EIO: return "input/output error";
	case EALA_ENOMEM: return "out of memory";
	case EALA_EVERSION: return "database version not supported";
	case EALA_ELIMIT: return "too many attempts";
	}
	return "unknown error";
}

void errlist_init(struct errlist *el)
{
	memset(el, 0, sizeof(*el));
}

void errlist_clear(struct errlist *el)
{
	if (!el)
		return;
	for (size_t i = 0; i < el->n; i++) {
		free(el->v[i].file);
		free(el->v[i].field);
		free(el->v[i].msg);
	}
	free(el->v);
	size_t max = el->max;
	memset(el, 0, sizeof(*el));
	el->max = max;
}

void errlist_add(struct errlist *el, const char *file, long line, const char *field,
		 const char *fmt, ...)
{
	if (el->max && el->n >= el->max) {
		el->dropped++;
		return;
	}
	if (el->n == el->cap) {
		size_t cap = el->cap ? el->cap * 2 : 8;
		struct eala_error *v = realloc(el->v, cap * sizeof(*v));
		if (!v) {
			el->dropped++;
			return;
		}
		el->v = v;
		el->cap = cap;
	}
	struct eala_error *e = &el->v[el->n++];
	va_list ap;
	va_start(ap, fmt);
	/* in the language of the calling thread's locale: a page's worker
	 * thread while it serves a request; English everywhere else */
	if (vasprintf(&e->msg, dgettext("eala", fmt), ap) < 0)
		e->msg = NULL;
	va_end(ap);
	e->file = xstrdup(file);
	e->field = xstrdup(field);
	e->line = line;
}

size_t errlist_count(const struct errlist *el)
{
	return el->n + el->dropped;
}

char *errlist_format(const struct eala_error *e)
{
	char where[64] = "";
	if (e->line > 0)
		snprintf(where, sizeof(where), ":%ld", e->line);
	if (e->field)
		return xasprintf("%s%s: field '%s': %s", e->file ? e->file : "input", where,
				 e->field, e->msg ? e->msg : "");
	return xasprintf("%s%s: %s", e->file ? e->file : "input", where, e->msg ? e->msg : "");
}

void strv_clear(struct strv *sv)
{
	if (!sv)
		return;
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	memset(sv, 0, sizeof(*sv));
}

int strv_push(struct strv *sv, const char *s)
{
	if (sv->n == sv->cap) {
		size_t cap = sv->cap ? sv->cap * 2 : 4;
		char **v = realloc(sv->v, cap * sizeof(*v));
		if (!v)
			return EALA_ENOMEM;
		sv->v = v;
		sv->cap = cap;
	}
	if (!(sv->v[sv->n] = strdup(s)))
		return EALA_ENOMEM;
	sv->n++;
	return EALA_OK;
}

int strv_push_take(struct strv *sv, char *s)
{
	if (sv->n == sv->cap) {
		size_t cap = sv->cap ? sv->cap * 2 : 4;
		char **v = realloc(sv->v, cap * sizeof(*v));
		if (!v) {
			free(s);
			return EALA_ENOMEM;
		}
		sv->v = v;
		sv->cap = cap;
	}
	sv->v[sv->n++] = s;
	return EALA_OK;
}

size_t fmt_int64(char *out, int64_t v)
{
	char tmp[24];
	size_t n = 0, o = 0;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		out[o++] = '-';
	while (n)
		out[o++] = tmp[--n];
	return o;
}

int strv_contains(const struct strv *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return 1;
	return 0;
}

int strv_split(struct strv *sv, const char *s, char sep)
{
	if (!s)
		return EALA_OK;
	while (*s) {
		const char *end = strchr(s, sep);
		size_t len = end ? (size_t)(end - s) : strlen(s);
		const char *a = s, *b = s + len;
		while (a < b && isspace((unsigned char)*a))
			a++;
		while (b > a && isspace((unsigned char)b[-1]))
			b--;
		if (b > a) {
			char *part = xstrndup(a, (size_t)(b - a));
			if (!part)
				return EALA_ENOMEM;
			int rc = strv_contains(sv, part) ? EALA_OK : strv_push(sv, part);
			free(part);
			if (rc)
				return rc;
		}
		if (!end)
			break;
		s = end + 1;
	}
	return EALA_OK;
}

char *strv_join(const struct strv *sv, const char *sep)
{
	size_t len = 1, seplen = strlen(sep);
	for (size_t i = 0; i < sv->n; i++)
		len += strlen(sv->v[i]) + seplen;
	char *out = malloc(len), *p = out;
	if (!out)
		return NULL;
	*p = '\0';
	for (size_t i = 0; i < sv->n; i++) {
		if (i) {
			memcpy(p, sep, seplen);
			p += seplen;
		}
		size_t l = strlen(sv->v[i]);
		memcpy(p, sv->v[i], l);
		p += l;
	}
	*p = '\0';
	return out;
}

int strv_copy(struct strv *dst, const struct strv *src)
{
	for (size_t i = 0; i < src->n; i++)
		if (strv_push(dst, src->v[i]))
			return EALA_ENOMEM;
	return EALA_OK;
}

char *xstrdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	return s ? strndup(s, n) : NULL;
}

char *xasprintf(const char *fmt, ...)
{
	char *out = NULL;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&out, fmt, ap) < 0)
		out = NULL;
	va_end(ap);
	return out;
}

int str_set(char **dst, const char *src)
{
	char *copy = NULL;
	if (src && !(copy = strdup(src)))
		return EALA_ENOMEM;
	free(*dst);
	*dst = copy;
	return EALA_OK;
}

int str_blank(const char *s)
{
	if (!s)
		return 1;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}
