/* html_write.c: escapers for each output context; see html_write.h. */
#include "html_write.h"

#include <stdio.h>
#include <string.h>

void html(struct buf *b, const char *markup)
{
	buf_puts(b, markup);
}

static void escape(struct buf *b, const char *s)
{
	if (!s)
		return;
	const char *run = s;
	for (const char *p = s; *p; p++) {
		const char *rep = NULL;
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(b, run, (size_t)(p - run));
		buf_puts(b, rep);
		run = p + 1;
	}
	buf_puts(b, run);
}

void html_text(struct buf *b, const char *s)
{
	escape(b, s);
}

void html_attr(struct buf *b, const char *s)
{
	escape(b, s);
}

void html_url_arg(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_add(b, (const char *)p, 1);
		} else {
			char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			buf_add(b, enc, 3);
		}
	}
}

void html_int(struct buf *b, long long v)
{
	char s[24];
	snprintf(s, sizeof(s), "%lld", v);
	buf_puts(b, s);
}

void html_raw_element(struct buf *b, const char *s, size_t n)
{
	const char *run = s, *end = s + n;
	for (const char *p = s; p + 1 < end; p++) {
		if (p[0] == '<' && p[1] == '/') {
			buf_add(b, run, (size_t)(p - run));
			buf_puts(b, "<\\/");
			run = p + 2;
			p++;
		}
	}
	buf_add(b, run, (size_t)(end - run));
}
