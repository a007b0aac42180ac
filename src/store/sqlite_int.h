/* sqlite_int.h: what the SQLite store's files share; private to src/store. */
#ifndef EALA_SQLITE_INT_H
#define EALA_SQLITE_INT_H

#include "store.h"

#include <sqlite3.h>

#define STMT_CACHE 256   /* above the number of cached statements, which is fixed */
#define FTS_KINDS 4

struct store {
	sqlite3 *db;
	char *path;
	struct {
		const char *sql;     /* identity: the address of a static string */
		sqlite3_stmt *stmt;
	} cache[STMT_CACHE];
	int depth;                   /* nesting of store_begin() */
	char *error;                 /* why the last begin or commit failed, or NULL */
	struct fts_pending {
		int64_t *ids;        /* records whose search row must be written */
		size_t n, cap;
	} fts[FTS_KINDS][2];         /* [kind][0]: new records, [kind][1]: changed ones */
	struct idset {
		int64_t *slots;      /* open addressing, 0 for an empty slot */
		size_t cap, n;
	} fts_authority_pending;     /* ids in fts[FTS_AUTHORITY][0], for lookups */
	struct fts_pending partners; /* partnerships whose partner_countries (schema v8)
				      * must be worked out again, at the commit */
};

/* Search-index kinds: which *_fts table a record belongs to. */
enum fts_kind { FTS_AUTHORITY, FTS_ORGANISATION, FTS_PARTNERSHIP, FTS_ACTION };

/* Before an authority's row changes: take its words out of authority_fts,
 * which reads them from the row (external content), unless the row is still
 * waiting to be indexed. Other kinds need nothing. */
int sq_fts_unindex(struct store *st, enum fts_kind kind, int64_t id, char **errmsg);

/* Note that a record's search row must be written (replace: it may have one
 * already) before the transaction commits; outside a transaction, at once.
 * Inside a transaction, searches do not see what it wrote until it commits. */
int sq_fts_touch(struct store *st, enum fts_kind kind, int64_t id, int replace, char **errmsg);

/* A partnership was written before one of its members: its partner_countries
 * is worked out at the commit, with fts_flush() (or at once outside a
 * transaction). */
int sq_partners_touch(struct store *st, int64_t id, char **errmsg);
/* An authority's country may have changed: work out again the partner
 * countries of every partnership it is a member of, now. */
int sq_authority_partners_refresh(struct store *st, int64_t authority_id, char **errmsg);

/* A cached prepared statement for sql (a string literal), reset and unbound.
 * Only for statements that are stepped to completion before the function
 * that uses them returns (no callbacks in between). */
sqlite3_stmt *sq_cached(struct store *st, const char *sql, char **errmsg);
/* A fresh statement, finalized by the caller (lists that call back). */
sqlite3_stmt *sq_prepare(struct store *st, const char *sql, char **errmsg);

/* Status for a failed call, with "what: sqlite's message" in *errmsg. */
int sq_fail(struct store *st, char **errmsg, const char *what);

void sq_text(sqlite3_stmt *s, int i, const char *v);      /* NULL binds NULL; v must outlive the step */
void sq_id(sqlite3_stmt *s, int i, int64_t id);           /* 0 binds NULL */
void sq_int(sqlite3_stmt *s, int i, int64_t v);
void sq_real_opt(sqlite3_stmt *s, int i, int has, double v);
char *sq_col_text(sqlite3_stmt *s, int i);                 /* copy, or NULL */
int64_t sq_col_id(sqlite3_stmt *s, int i);                 /* NULL -> 0 */
/* Run a statement that returns no rows. */
int sq_exec_stmt(struct store *st, sqlite3_stmt *s, char **errmsg, const char *what);
/* Bind the FTS5 expression for user words q (NULL when q has no words). */
void sq_match(sqlite3_stmt *s, int i, const char *q);
/* The words of user text q (runs of letters and digits), for search. */
void sq_words(const char *q, struct strv *out);
/* "[3,5,8]", for json_each(); the caller frees it. */
char *sq_ids_json(const int64_t *ids, size_t n);
/* qsort/bsearch comparison of int64_t. */
int sq_cmp_id(const void *a, const void *b);
/* Bind the limit: n > 0 -> n, otherwise -1 (no limit). */
void sq_limit(sqlite3_stmt *s, int i, int n);
/* '|'-joined codes into / out of a strv. */
void sq_strv(sqlite3_stmt *s, int i, const struct strv *sv);
int sq_col_strv(sqlite3_stmt *s, int i, struct strv *out);
/* Count rows: run the single-value statement and put it in *out. */
int sq_count(struct store *st, sqlite3_stmt *s, int64_t *out, char **errmsg);

/* Walk the rows of a fresh statement s: read each into a record of the
 * given type, hand it to fn(ctx, ...), clear it; finalize s. A macro rather
 * than a function so that every record type keeps its own typed callback. */
#define WALK(type, reader, clear, what)                                              \
	do {                                                                          \
		int rc_ = EALA_OK, step_;                                             \
		while ((step_ = sqlite3_step(s)) == SQLITE_ROW) {                     \
			type rec_;                                                    \
			memset(&rec_, 0, sizeof(rec_));                               \
			rc_ = reader(st, s, &rec_);                                   \
			if (!rc_)                                                     \
				rc_ = fn(ctx, &rec_);                                 \
			clear(&rec_);                                                 \
			if (rc_)                                                      \
				break;                                                \
		}                                                                     \
		if (!rc_ && step_ != SQLITE_DONE)                                     \
			rc_ = sq_fail(st, errmsg, what);                              \
		sqlite3_finalize(s);                                                  \
		return rc_;                                                           \
	} while (0)

#endif
