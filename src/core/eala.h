/* eala.h: status codes, error lists and string vectors shared by every layer.
 *
 * Ownership: arguments are borrowed; a returned pointer belongs to the caller;
 * every *_free() and *_clear() accepts NULL.
 */
#ifndef EALA_H
#define EALA_H

#include <stddef.h>
#include <stdint.h>

#define EALA_VERSION "0.1.0"

enum eala_status {
	EALA_OK = 0,
	EALA_EINVAL,     /* bad input: see the error list or message */
	EALA_ENOTFOUND,  /* no such record */
	EALA_ECONFLICT,  /* would break a uniqueness or reference rule */
	EALA_EIO,        /* file or database I/O failed */
	EALA_ENOMEM,     /* out of memory */
	EALA_EVERSION,   /* database made by a newer eala */
	EALA_ELIMIT,     /* too many attempts: wait before the next */
};

/* Marks an English message for xgettext where it is written; it is translated
 * where it is shown (errlist_add translates its format; see src/web/i18n.c). */
#define N_(english) english

/* Short English name of a status, for messages. */
const char *eala_strerror(int status);

/* One problem with a piece of input: where it is and why it is wrong. */
struct eala_error {
	char *file;   /* input file name, or NULL */
	long line;    /* 1-based line, 0 when not known */
	char *field;  /* column or field name, or NULL */
	char *msg;    /* reason, for a person */
};

/* Every problem found in one input: importers collect them all, not only the first. */
struct errlist {
	struct eala_error *v;
	size_t n, cap;
	size_t max;   /* stop recording after this many (0: no limit); 'dropped' counts the rest */
	size_t dropped;
};

void errlist_init(struct errlist *el);
void errlist_clear(struct errlist *el);
/* Record a problem; file and field may be NULL, line 0. */
void errlist_add(struct errlist *el, const char *file, long line, const char *field,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Total problems seen, including dropped ones. */
size_t errlist_count(const struct errlist *el);
/* "FILE:LINE: field 'F': MSG" as one newly allocated line (no newline). */
char *errlist_format(const struct eala_error *e);

/* A growable vector of owned strings. */
struct strv {
	char **v;
	size_t n, cap;
};

void strv_clear(struct strv *sv);
int strv_push(struct strv *sv, const char *s);          /* copies s */
int strv_push_take(struct strv *sv, char *s);           /* takes s (freed on failure) */
int strv_contains(const struct strv *sv, const char *s);
/* Split s on sep (trimming spaces, skipping empty parts) and append. */
int strv_split(struct strv *sv, const char *s, char sep);
/* Join with sep into a new string ("" when empty). */
char *strv_join(const struct strv *sv, const char *sep);
int strv_copy(struct strv *dst, const struct strv *src);

/* Write v in decimal at out (no NUL); returns the number of characters. */
size_t fmt_int64(char *out, int64_t v);

/* Small string helpers that abort-free return NULL on allocation failure. */
char *xstrdup(const char *s);                         /* NULL stays NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Replace *dst with a copy of src (freeing the old value). */
int str_set(char **dst, const char *src);
/* 1 when s is NULL or only spaces. */
int str_blank(const char *s);

#endif
