/* text.c: UTF-8 validation and place-name keys with utf8proc. */
#include "text.h"

#include "eala.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

long text_utf8_error_at(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t off = 0;
	while (off < len && p[off] && p[off] < 0x80) /* ASCII needs no decoding */
		off++;
	while (off < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p + off, (utf8proc_ssize_t)(len - off), &cp);
		if (n <= 0 || cp == 0)
			return (long)off;
		off += (size_t)n;
	}
	return -1;
}

int text_utf8_valid(const char *s, size_t len)
{
	return text_utf8_error_at(s, len) < 0;
}

static int german_country(const char *country)
{
	static const char *const de[] = {"DE", "AT", "CH", "LI"};
	if (!country)
		return 0;
	for (size_t i = 0; i < sizeof(de) / sizeof(*de); i++)
		if (strcmp(country, de[i]) == 0)
			return 1;
	return 0;
}

static int separator(utf8proc_int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
	case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PO:
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI:
	case UTF8PROC_CATEGORY_PF:
		return 1;
	default:
		return 0;
	}
}

/* Case-folded, compatibility-decomposed form of name (utf8proc allocates). */
static utf8proc_ssize_t fold(const char *name, utf8proc_uint8_t **out)
{
	*out = NULL;
	if (!name)
		return -1;
	return utf8proc_map((const utf8proc_uint8_t *)name, 0, out,
			    UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
			    UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD);
}

/* The key of a folded name: marks dropped (or a diaeresis after a, o, u
 * written 'e' when umlaut_e), separators as single spaces. */
static char *key_of(const utf8proc_uint8_t *folded, utf8proc_ssize_t n, int umlaut_e)
{
	/* umlaut expansion writes one byte where it drops two: the key never grows */
	char *out = malloc((size_t)n + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	int pending_space = 0;
	char last = 0;
	for (utf8proc_ssize_t i = 0; i < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(folded + i, n - i, &cp);
		if (len <= 0)
			break;
		i += len;
		if (utf8proc_category(cp) == UTF8PROC_CATEGORY_MN) {
			if (umlaut_e && cp == 0x0308 && (last == 'a' || last == 'o' || last == 'u'))
				out[o++] = 'e', last = 'e';
			continue;
		}
		if (separator(cp)) {
			pending_space = o > 0;
			continue;
		}
		if (pending_space) {
			out[o++] = ' ';
			pending_space = 0;
		}
		utf8proc_ssize_t w = utf8proc_encode_char(cp, (utf8proc_uint8_t *)out + o);
		last = w == 1 ? out[o] : 0;
		o += (size_t)w;
	}
	out[o] = '\0';
	return out;
}

static char *make_key(const char *name, int umlaut_e)
{
	utf8proc_uint8_t *folded;
	utf8proc_ssize_t n = fold(name, &folded);
	char *key = n < 0 ? NULL : key_of(folded, n, umlaut_e);
	free(folded);
	return key;
}

char *text_name_key(const char *name, const char *country)
{
	return make_key(name, german_country(country));
}

char *text_loose_key(const char *name)
{
	return make_key(name, 0);
}

int text_name_keys(const char *name, const char *country, char **key, char **loose)
{
	utf8proc_uint8_t *folded;
	utf8proc_ssize_t n = fold(name, &folded);
	*key = *loose = NULL;
	if (n >= 0) {
		*loose = key_of(folded, n, 0);
		*key = german_country(country) ? key_of(folded, n, 1) : xstrdup(*loose);
	}
	free(folded);
	if (*key && *loose)
		return 0;
	free(*key);
	free(*loose);
	*key = *loose = NULL;
	return -1;
}

char *text_squeeze(const char *s)
{
	if (!s)
		return NULL;
	size_t len = strlen(s);
	char *out = malloc(len + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	int space = 0;
	for (const char *p = s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = o > 0;
			continue;
		}
		if (space) {
			out[o++] = ' ';
			space = 0;
		}
		out[o++] = *p;
	}
	out[o] = '\0';
	return out;
}

void text_fit(char *out, size_t size, const char *s, int columns)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
	size_t len = strlen((const char *)p), n = 0;
	int width = 0;
	while (len > 0) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(p, (utf8proc_ssize_t)len, &c);
		if (k <= 0)
			break;
		int w = utf8proc_charwidth(c);
		if (width + w > columns || n + (size_t)k + 1 > size)
			break;
		memcpy(out + n, p, (size_t)k);
		n += (size_t)k;
		width += w;
		p += k;
		len -= (size_t)k;
	}
	while (width < columns && n + 2 <= size) {
		out[n++] = ' ';
		width++;
	}
	if (size)
		out[n < size ? n : size - 1] = '\0';
}
