/* html.h: writing HTML: one escaper per output context (cgit html.c; they
 * live in src/io/html_write.h, which the reports share), and the page frame.
 * Page code writes markup with html() and data only through an escaper. */
#ifndef EALA_HTML_H
#define EALA_HTML_H

#include "web.h"
#include "../io/html_write.h"

/* The page frame: doctype, head, header with the search form; then the end. */
void page_begin(struct req *r, const char *title, const char *q);
void page_end(struct req *r);

#endif
