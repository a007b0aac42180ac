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

/* ---- forms (forms.c), for every form page ---- */
#include "../core/codelist.h"

enum ftype {
	FT_TEXT,       /* a line of text */
	FT_AREA,       /* several lines */
	FT_CODE,       /* one code of a list */
	FT_CODES,      /* several codes of a list */
	FT_DATE,
	FT_INT,
	FT_NUM,
	FT_BOOL,
	FT_ID,         /* a record id */
	FT_IDS,        /* record ids separated by commas, spaces or '|' */
	FT_LIST,       /* words separated by '|' */
};

struct ffield {
	const char *name;     /* the JSON and CSV field, and the input's name */
	const char *label;    /* N_() marked */
	enum ftype type;
	enum codelist_id list;
	int required;
	const char *hint;     /* N_() marked, or NULL */
};

/* One labelled input with its hint and its problems (those of el named
 * f->name); value as text (lists joined by '|'), NULL for none. */
void form_input(struct req *r, const struct ffield *f, const char *value, const struct errlist *el);
/* The options of a code list's select, labels in the page's language. */
void form_code_options(struct req *r, enum codelist_id id, const char *value, int multiple);
/* The problems of el named field, each in a span next to it. */
void form_field_error(struct buf *b, const struct errlist *el, const char *name);
/* Every problem of el (none: nothing) under intro, each linked to its field,
 * named by label() when given (the field as is otherwise). */
void form_error_summary(struct req *r, const struct errlist *el, const char *intro,
			const char *(*label)(const struct req *r, const char *field, char *buf, size_t n));
/* Saving needs a session and, on POST, the form's CSRF token: 0 to go on,
 * else the status of the answer given (the login page, or a 403). */
int form_guard(struct req *r);

#endif
