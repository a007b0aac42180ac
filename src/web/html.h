/* html.h: writing HTML: one escaper per output context (cgit html.c), and the
 * page frame. Page code writes markup with html() and data only through an
 * escaper. */
#ifndef EALA_HTML_H
#define EALA_HTML_H

#include "web.h"

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

/* The page frame: doctype, head, header with the search form; then the end. */
void page_begin(struct req *r, const char *title, const char *q);
void page_end(struct req *r);

#endif
