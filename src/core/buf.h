/* buf.h: a growable text buffer, the body of a page, a JSON answer or a
 * report under construction.
 *
 * Ownership: the buffer owns s (NUL-terminated once anything was added);
 * buf_free() releases it. On out of memory an append is dropped and the
 * text comes out short, rather than the program falling.
 */
#ifndef EALA_BUF_H
#define EALA_BUF_H

#include <stddef.h>

struct buf {
	char *s;                /* the text, or NULL while empty */
	size_t len, cap;        /* bytes used, bytes allocated */
};

void buf_add(struct buf *b, const char *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Release the text; the buffer is empty again. Accepts NULL. */
void buf_free(struct buf *b);

#endif
