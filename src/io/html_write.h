/* html_write.h: writing HTML into a buffer: one escaper per output context
 * (cgit html.c). Shared by the pages (src/web) and the reports (src/report):
 * markup goes out with html(), data only through an escaper. */
#ifndef EALA_HTML_WRITE_H
#define EALA_HTML_WRITE_H

#include "../core/buf.h"

/* Markup, as is (string literals of the page code only). */
void html(struct buf *b, const char *markup);
/* Text between tags: & < > " ' escaped. NULL writes nothing. */
void html_text(struct buf *b, const char *s);
/* A double-quoted attribute value: the same escapes. */
void html_attr(struct buf *b, const char *s);
/* A URL query argument: everything but unreserved characters percent-encoded. */
void html_url_arg(struct buf *b, const char *s);
/* An integer. */
void html_int(struct buf *b, long long v);
/* The content of a <script> or <style> element (a script bundle, JSON data, a
 * style sheet), which HTML does not unescape: every "</" becomes "<\/", so
 * that no "</script" or "</style" in the text ends the element early ("\/"
 * is "/" in JavaScript strings and regular expressions and in JSON strings;
 * CSS has no "</" outside strings). */
void html_raw_element(struct buf *b, const char *s, size_t n);

#endif
