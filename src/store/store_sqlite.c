/* store_sqlite.c: the SQLite store: connection, migrations, transactions,
 * statement cache, binding helpers, counts and the audit log.
 *
 * Migrations are SQL files compiled into the binary (scripts/embed.py);
 * PRAGMA user_version holds the schema version and application_id marks the
 * file as eala's, so a database from a newer eala, or another program's
 * database, is refused instead of being damaged.
 */
#define _GNU_SOURCE
#include "sqlite_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EALA_APPLICATION_ID 0x45414c41 /* "EALA" */

extern const char eala_schema_v1[], eala_schema_v2[], eala_schema_v3[], eala_schema_v4[],
	eala_schema_v5[], eala_schema_v6[], eala_schema_v7[], eala_schema_v8[],
	eala_schema_v9[];

static const char *const migrations[] = {
	eala_schema_v1,  /* 0 -> 1: the registry */
	eala_schema_v2,  /* 1 -> 2: login sessions */
	eala_schema_v3,  /* 2 -> 3: the generation number */
	eala_schema_v4,  /* 3 -> 4: drafts */
	eala_schema_v5,  /* 4 -> 5: outcome reporters, evidence documents */
	eala_schema_v6,  /* 5 -> 6: IATI identifiers */
	eala_schema_v7,  /* 6 -> 7: ODA declaration category, grant reports */
	eala_schema_v8,  /* 7 -> 8: partner countries, the trends' indexes */
	eala_schema_v9,  /* 8 -> 9: local actors' links abroad (stakeholder_link) */
};
#define SCHEMA_VERSION ((int)(sizeof(migrations) / sizeof(*migrations)))

int store_schema_version(void)
{
	return SCHEMA_VERSION;
}

int sq_fail(struct store *st, char **errmsg, const char *what)
{
	int code = sqlite3_extended_errcode(st->db);
	if (errmsg && !*errmsg)
		*errmsg = xasprintf("%s: %s", what, sqlite3_errmsg(st->db));
	if ((code & 0xff) == SQLITE_CONSTRAINT)
		return EALA_ECONFLICT;
	if ((code & 0xff) == SQLITE_NOMEM)
		return EALA_ENOMEM;
	return EALA_EIO;
}

sqlite3_stmt *sq_cached(struct store *st, const char *sql, char **errmsg)
{
	/* open addressing on the address of the SQL text, a static string */
	size_t h = (size_t)(((uintptr_t)sql >> 3) * 0x9E3779B97F4A7C15ULL >> 32) % STMT_CACHE;
	for (size_t k = 0; k < STMT_CACHE; k++) {
		size_t i = (h + k) % STMT_CACHE;
		if (st->cache[i].sql == sql) {
			sqlite3_stmt *s = st->cache[i].stmt;
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			return s;
		}
		if (!st->cache[i].sql) {
			sqlite3_stmt *s = NULL;
			if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) !=
			    SQLITE_OK) {
				sq_fail(st, errmsg, "preparing a statement");
				return NULL;
			}
			st->cache[i].sql = sql;
			st->cache[i].stmt = s;
			return s;
		}
	}
	if (errmsg && !*errmsg)
		*errmsg = xstrdup("internal error: the statement cache is full (raise STMT_CACHE)");
	return NULL;
}

sqlite3_stmt *sq_prepare(struct store *st, const char *sql, char **errmsg)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		sq_fail(st, errmsg, "preparing a statement");
		return NULL;
	}
	return s;
}

void sq_text(sqlite3_stmt *s, int i, const char *v)
{
	/* SQLITE_STATIC: every caller steps the statement while v lives */
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

void sq_id(sqlite3_stmt *s, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(s, i, id);
	else
		sqlite3_bind_null(s, i);
}

void sq_int(sqlite3_stmt *s, int i, int64_t v)
{
	sqlite3_bind_int64(s, i, v);
}

void sq_real_opt(sqlite3_stmt *s, int i, int has, double v)
{
	if (has)
		sqlite3_bind_double(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

char *sq_col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? strdup((const char *)t) : NULL;
}

int64_t sq_col_id(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? 0 : sqlite3_column_int64(s, i);
}

int sq_exec_stmt(struct store *st, sqlite3_stmt *s, char **errmsg, const char *what)
{
	int rc = sqlite3_step(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return sq_fail(st, errmsg, what);
	return EALA_OK;
}

void sq_words(const char *q, struct strv *out)
{
	if (!q)
		return;
	const unsigned char *p = (const unsigned char *)q;
	while (*p) {
		while (*p && !(*p >= 0x80 || isalnum(*p)))
			p++;
		const unsigned char *start = p;
		while (*p && (*p >= 0x80 || isalnum(*p)))
			p++;
		if (p > start) {
			char *w = xstrndup((const char *)start, (size_t)(p - start));
			if (w)
				strv_push(out, w);
			free(w);
		}
	}
}

void sq_match(sqlite3_stmt *s, int i, const char *q)
{
	/* Each word becomes a quoted prefix term: user text never reaches the
	 * FTS5 query syntax, so quotes, operators and column filters are inert. */
	struct strv words = {0};
	sq_words(q, &words);
	size_t len = 1;
	for (size_t w = 0; w < words.n; w++)
		len += strlen(words.v[w]) + 4;
	char *expr = words.n ? malloc(len) : NULL;
	if (!expr) {
		sqlite3_bind_null(s, i);
		strv_clear(&words);
		return;
	}
	size_t o = 0;
	for (size_t w = 0; w < words.n; w++)
		o += (size_t)sprintf(expr + o, w ? " \"%s\"*" : "\"%s\"*", words.v[w]);
	sqlite3_bind_text(s, i, expr, -1, SQLITE_TRANSIENT);
	free(expr);
	strv_clear(&words);
}

int sq_cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

char *sq_ids_json(const int64_t *ids, size_t n)
{
	char *out = malloc(n * 21 + 3), *o = out;
	if (!out)
		return NULL;
	*o++ = '[';
	for (size_t i = 0; i < n; i++) {
		if (i)
			*o++ = ',';
		o += fmt_int64(o, ids[i]);
	}
	*o++ = ']';
	*o = '\0';
	return out;
}

void sq_limit(sqlite3_stmt *s, int i, int n)
{
	sqlite3_bind_int(s, i, n > 0 ? n : -1);
}

void sq_strv(sqlite3_stmt *s, int i, const struct strv *sv)
{
	if (!sv->n) {
		sqlite3_bind_null(s, i);
		return;
	}
	char *j = strv_join(sv, "|");
	if (j)
		sqlite3_bind_text(s, i, j, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
	free(j);
}

int sq_col_strv(sqlite3_stmt *s, int i, struct strv *out)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	return t ? strv_split(out, t, '|') : EALA_OK;
}

int sq_count(struct store *st, sqlite3_stmt *s, int64_t *out, char **errmsg)
{
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW)
		return sq_fail(st, errmsg, "counting");
	*out = sqlite3_column_int64(s, 0);
	return EALA_OK;
}

/* ---- connection ---- */

int store_open(const char *uri, int create, struct store **out, char **errmsg)
{
	int rc = EALA_OK;
	struct store *st = NULL;
	struct stat sb;
	*out = NULL;
	if (!uri || !*uri) {
		*errmsg = xstrdup("no database given (use --db FILE or EALA_DB)");
		return EALA_EINVAL;
	}
	if (strncmp(uri, "postgresql://", 13) == 0 || strncmp(uri, "postgres://", 11) == 0) {
		*errmsg = xasprintf("%s: PostgreSQL is not supported by this build yet", uri);
		return EALA_EINVAL;
	}
	if (!create && stat(uri, &sb) != 0) {
		*errmsg = xasprintf("database %s does not exist: run 'eala init' first", uri);
		return EALA_ENOTFOUND;
	}
	/* no allocation statistics: they cost a mutex on every malloc */
	static int configured;
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = 1;
	}
	if (!(st = calloc(1, sizeof(*st))) || !(st->path = strdup(uri))) {
		rc = EALA_ENOMEM;
		goto out;
	}
	/* one connection per thread: no need for SQLite's own locking */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(uri, &st->db, flags, NULL) != SQLITE_OK) {
		*errmsg = xasprintf("cannot open database %s: %s", uri,
				    st->db ? sqlite3_errmsg(st->db) : "out of memory");
		rc = EALA_EIO;
		goto out;
	}
	sqlite3_busy_timeout(st->db, 5000);
	sqlite3_extended_result_codes(st->db, 1);
	char *err = NULL;
	if (sqlite3_exec(st->db,
			 "PRAGMA foreign_keys = ON;"
			 "PRAGMA journal_mode = WAL;"
			 "PRAGMA synchronous = NORMAL;"
			 "PRAGMA temp_store = MEMORY;"
			 "PRAGMA cache_size = -32000;",
			 NULL, NULL, &err) != SQLITE_OK) {
		*errmsg = xasprintf("%s is not a usable database: %s", uri, err ? err : "?");
		sqlite3_free(err);
		rc = EALA_EIO;
		goto out;
	}
out:
	if (rc != EALA_OK) {
		store_close(st);
		return rc;
	}
	*out = st;
	return EALA_OK;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	for (int i = 0; i < STMT_CACHE; i++)
		sqlite3_finalize(st->cache[i].stmt);
	for (int k = 0; k < FTS_KINDS; k++)
		free(st->fts[k][0].ids), free(st->fts[k][1].ids);
	free(st->fts_authority_pending.slots);
	free(st->partners.ids);
	free(st->error);
	if (st->db) {
		/* fold the WAL back so a copied .db file is complete */
		sqlite3_exec(st->db, "PRAGMA wal_checkpoint(TRUNCATE);", NULL, NULL, NULL);
		sqlite3_close(st->db);
	}
	free(st->path);
	free(st);
}

static int pragma_int(struct store *st, const char *sql, int *out)
{
	sqlite3_stmt *s = NULL;
	int rc = EALA_EIO;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		goto out;
	if (sqlite3_step(s) != SQLITE_ROW)
		goto out;
	*out = sqlite3_column_int(s, 0);
	rc = EALA_OK;
out:
	sqlite3_finalize(s);
	return rc;
}

static int versions(struct store *st, int *version, int *app_id, int *tables, char **errmsg)
{
	if (pragma_int(st, "PRAGMA user_version", version) ||
	    pragma_int(st, "PRAGMA application_id", app_id) ||
	    pragma_int(st, "SELECT count(*) FROM sqlite_schema", tables)) {
		return sq_fail(st, errmsg, st->path);
	}
	return EALA_OK;
}

int store_check(struct store *st, char **errmsg)
{
	int v = 0, app = 0, tables = 0;
	int rc = versions(st, &v, &app, &tables, errmsg);
	if (rc)
		return rc;
	if (app != EALA_APPLICATION_ID && tables > 0) {
		*errmsg = xasprintf("%s is not an eala database", st->path);
		return EALA_EVERSION;
	}
	if (v > SCHEMA_VERSION) {
		*errmsg = xasprintf("database %s was made by a newer eala (schema %d; this eala "
				    "knows up to %d): upgrade eala", st->path, v, SCHEMA_VERSION);
		return EALA_EVERSION;
	}
	if (v < SCHEMA_VERSION) {
		*errmsg = xasprintf("database %s is at schema %d, this eala needs %d: run 'eala init'",
				    st->path, v, SCHEMA_VERSION);
		return EALA_EVERSION;
	}
	return EALA_OK;
}

int store_init(struct store *st, int *from, int *to, char **errmsg)
{
	int v = 0, app = 0, tables = 0;
	int rc = versions(st, &v, &app, &tables, errmsg);
	if (rc)
		return rc;
	*from = *to = v;
	if (app != EALA_APPLICATION_ID && tables > 0) {
		*errmsg = xasprintf("%s is not an eala database: not touching it", st->path);
		return EALA_EVERSION;
	}
	if (v > SCHEMA_VERSION) {
		*errmsg = xasprintf("database %s was made by a newer eala (schema %d; this eala "
				    "knows up to %d): upgrade eala", st->path, v, SCHEMA_VERSION);
		return EALA_EVERSION;
	}
	if (v == SCHEMA_VERSION)
		return EALA_OK;
	if ((rc = store_begin(st)))
		return sq_fail(st, errmsg, "starting the migration");
	for (int i = v; i < SCHEMA_VERSION; i++) {
		char *err = NULL;
		if (sqlite3_exec(st->db, migrations[i], NULL, NULL, &err) != SQLITE_OK) {
			*errmsg = xasprintf("migration to schema %d failed: %s", i + 1, err ? err : "?");
			sqlite3_free(err);
			store_rollback(st);
			return EALA_EIO;
		}
	}
	char pragma[96];
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d; PRAGMA application_id = %d;",
		 SCHEMA_VERSION, EALA_APPLICATION_ID);
	if (sqlite3_exec(st->db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
		rc = sq_fail(st, errmsg, "recording the schema version");
		store_rollback(st);
		return rc;
	}
	if ((rc = store_commit(st)))
		return sq_fail(st, errmsg, "committing the migration");
	*to = SCHEMA_VERSION;
	return EALA_OK;
}

/* ---- search index, written in one batch per transaction ---- */

/* One DELETE and one INSERT per kind, the ids passed as a JSON array: each
 * statement on an FTS5 table opens a savepoint that flushes FTS5's memory,
 * so a statement per record made imports five times slower. */
static const struct {
	const char *del, *ins;
} fts_sql[FTS_KINDS] = {
	/* external content: words leave through sq_fts_unindex(), before the row changes */
	[FTS_AUTHORITY] = {
		NULL,
		"INSERT INTO authority_fts(rowid, name, other_names) SELECT id, name, other_names"
		" FROM authority WHERE id IN (SELECT value FROM json_each(?1))"},
	[FTS_ORGANISATION] = {
		"DELETE FROM organisation_fts WHERE rowid IN (SELECT value FROM json_each(?1))",
		"INSERT INTO organisation_fts(rowid, name) SELECT id, name FROM organisation"
		" WHERE id IN (SELECT value FROM json_each(?1))"},
	[FTS_PARTNERSHIP] = {
		"DELETE FROM partnership_fts WHERE rowid IN (SELECT value FROM json_each(?1))",
		"INSERT INTO partnership_fts(rowid, name) SELECT id, name FROM partnership"
		" WHERE id IN (SELECT value FROM json_each(?1))"},
	[FTS_ACTION] = {
		"DELETE FROM action_fts WHERE rowid IN (SELECT value FROM json_each(?1))",
		"INSERT INTO action_fts(rowid, title, description) SELECT id, title, description"
		" FROM action WHERE id IN (SELECT value FROM json_each(?1))"},
};

static void fts_forget(struct store *st)
{
	st->partners.n = 0;
	for (int k = 0; k < FTS_KINDS; k++)
		st->fts[k][0].n = st->fts[k][1].n = 0;
	if (st->fts_authority_pending.n)
		memset(st->fts_authority_pending.slots, 0,
		       st->fts_authority_pending.cap * sizeof(int64_t));
	st->fts_authority_pending.n = 0;
}

/* A set of ids (> 0), open addressing. */
static size_t idset_slot(const struct idset *set, int64_t id)
{
	size_t i = (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ULL) & (set->cap - 1);
	while (set->slots[i] && set->slots[i] != id)
		i = (i + 1) & (set->cap - 1);
	return i;
}

static int idset_has(const struct idset *set, int64_t id)
{
	return set->cap && set->slots[idset_slot(set, id)] == id;
}

static int idset_add(struct idset *set, int64_t id)
{
	if ((set->n + 1) * 2 > set->cap) {
		struct idset bigger = {calloc(set->cap ? set->cap * 2 : 1024, sizeof(int64_t)),
				       set->cap ? set->cap * 2 : 1024, 0};
		if (!bigger.slots)
			return EALA_ENOMEM;
		for (size_t i = 0; i < set->cap; i++)
			if (set->slots[i])
				bigger.slots[idset_slot(&bigger, set->slots[i])] = set->slots[i], bigger.n++;
		free(set->slots);
		*set = bigger;
	}
	size_t i = idset_slot(set, id);
	if (!set->slots[i])
		set->slots[i] = id, set->n++;
	return EALA_OK;
}

/* Changed records lose their old row first; new ones have none to lose. */
/* The countries of a partnership's members after the home one (the first),
 * other than the home's country, sorted and '|' joined (schema_v8.sql). */
#define PARTNER_COUNTRIES \
	"(SELECT group_concat(c, '|') FROM (" \
	" SELECT DISTINCT a.country AS c FROM json_each('[' || partnership.members || ']') m" \
	" JOIN authority a ON a.id = m.value WHERE m.key > 0" \
	" AND a.country <> (SELECT h.country FROM authority h WHERE h.id = CAST(partnership.members AS INTEGER))" \
	" ORDER BY c))"

static int partners_flush(struct store *st, char **errmsg)
{
	static const char sql[] = "UPDATE partnership SET partner_countries = " PARTNER_COUNTRIES
				  " WHERE id IN (SELECT value FROM json_each(?1))";
	if (!st->partners.n)
		return EALA_OK;
	char *ids = sq_ids_json(st->partners.ids, st->partners.n);
	sqlite3_stmt *s = ids ? sq_cached(st, sql, errmsg) : NULL;
	int rc = !ids ? EALA_ENOMEM : !s ? EALA_EIO : EALA_OK;
	if (s) {
		sqlite3_bind_text(s, 1, ids, -1, SQLITE_STATIC);
		rc = sq_exec_stmt(st, s, errmsg, "working out the partner countries");
		sqlite3_reset(s);
	}
	free(ids);
	st->partners.n = 0;
	return rc;
}

int sq_authority_partners_refresh(struct store *st, int64_t authority_id, char **errmsg)
{
	static const char sql[] = "UPDATE partnership SET partner_countries = " PARTNER_COUNTRIES
				  " WHERE id IN (SELECT partnership_id FROM partnership_member WHERE authority_id = ?1)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sqlite3_bind_int64(s, 1, authority_id);
	return sq_exec_stmt(st, s, errmsg, "working out the partner countries");
}

int sq_partners_touch(struct store *st, int64_t id, char **errmsg)
{
	struct fts_pending *p = &st->partners;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 1024;
		int64_t *v = realloc(p->ids, cap * sizeof(*v));
		if (!v)
			return EALA_ENOMEM;
		p->ids = v;
		p->cap = cap;
	}
	p->ids[p->n++] = id;
	return st->depth ? EALA_OK : partners_flush(st, errmsg);
}

static int fts_flush(struct store *st, char **errmsg)
{
	int rc = partners_flush(st, errmsg);
	for (int k = 0, r = 0; k < FTS_KINDS && !rc; r = !r, k += !r) {
		if (!st->fts[k][r].n)
			continue;
		char *ids = sq_ids_json(st->fts[k][r].ids, st->fts[k][r].n);
		if (!ids)
			return EALA_ENOMEM;
		const char *sql[2] = {fts_sql[k].del, fts_sql[k].ins};
		for (int i = r && sql[0] ? 0 : 1; i < 2 && !rc; i++) {
			sqlite3_stmt *s = sq_cached(st, sql[i], errmsg);
			if (!s) {
				rc = EALA_EIO;
				break;
			}
			sqlite3_bind_text(s, 1, ids, -1, SQLITE_STATIC);
			rc = sq_exec_stmt(st, s, errmsg, "updating the search index");
			sqlite3_reset(s);
		}
		free(ids);
	}
	fts_forget(st);
	return rc;
}

int sq_fts_unindex(struct store *st, enum fts_kind kind, int64_t id, char **errmsg)
{
	static const char sql[] =
		"INSERT INTO authority_fts(authority_fts, rowid, name, other_names)"
		" SELECT 'delete', id, name, other_names FROM authority WHERE id = ?1";
	if (kind != FTS_AUTHORITY || idset_has(&st->fts_authority_pending, id))
		return EALA_OK;
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sqlite3_bind_int64(s, 1, id);
	return sq_exec_stmt(st, s, errmsg, "updating the search index");
}

int sq_fts_touch(struct store *st, enum fts_kind kind, int64_t id, int replace, char **errmsg)
{
	if (kind == FTS_AUTHORITY) {   /* its old words left through sq_fts_unindex() */
		if (idset_has(&st->fts_authority_pending, id))
			return EALA_OK;
		replace = 0;
		if (idset_add(&st->fts_authority_pending, id))
			return EALA_ENOMEM;
	}
	struct fts_pending *p = &st->fts[kind][replace != 0];
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 1024;
		int64_t *v = realloc(p->ids, cap * sizeof(*v));
		if (!v)
			return EALA_ENOMEM;
		p->ids = v;
		p->cap = cap;
	}
	p->ids[p->n++] = id;
	return st->depth ? EALA_OK : fts_flush(st, errmsg);
}

/* ---- transactions (nested calls join the outer one) ---- */

const char *store_error(struct store *st)
{
	return st->error ? st->error : "";
}

/* Keep the message of a failed begin or commit for store_error(). */
static void set_error(struct store *st, char *msg)
{
	free(st->error);
	st->error = msg ? msg : xasprintf("%s", sqlite3_errmsg(st->db));
}

int store_begin(struct store *st)
{
	if (st->depth++ > 0)
		return EALA_OK;
	/* foreign keys are checked at COMMIT: a transaction may write a record
	 * before the one it refers to, and single-row writes need no statement
	 * journal (a third of the cost of a bulk import) */
	if (sqlite3_exec(st->db, "BEGIN IMMEDIATE; PRAGMA defer_foreign_keys = ON;", NULL, NULL,
			 NULL) != SQLITE_OK) {
		set_error(st, xasprintf("cannot start a transaction: %s", sqlite3_errmsg(st->db)));
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		st->depth--;
		return EALA_EIO;
	}
	return EALA_OK;
}

int store_commit(struct store *st)
{
	if (st->depth == 0)
		return EALA_EINVAL;
	if (--st->depth > 0)
		return EALA_OK;
	char *err = NULL;
	if (fts_flush(st, &err) != EALA_OK) {
		set_error(st, err);
	} else if (sqlite3_exec(st->db, "UPDATE meta SET value = value + 1 WHERE key = 'generation'",
				NULL, NULL, NULL) != SQLITE_OK) {
		set_error(st, xasprintf("commit failed: %s", sqlite3_errmsg(st->db)));
	} else if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		/* deferred foreign keys are checked here */
		set_error(st, xasprintf("commit failed: %s", sqlite3_errmsg(st->db)));
	} else {
		return EALA_OK;
	}
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return EALA_EIO;
}

void store_rollback(struct store *st)
{
	if (st->depth == 0)
		return;
	st->depth = 0;
	fts_forget(st);
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* ---- counts and audit ---- */

static int stats(struct store *st, struct store_stats *out, int public_only, char **errmsg)
{
	/* ?1: published records only (what anonymous visitors may count) */
	static const char sql[] =
		"SELECT (SELECT count(*) FROM authority WHERE ?1 IS NULL OR draft = 0),"
		" (SELECT count(*) FROM organisation WHERE ?1 IS NULL OR draft = 0),"
		" (SELECT count(*) FROM network_membership), "
		" (SELECT count(*) FROM partnership WHERE ?1 IS NULL OR draft = 0),"
		" (SELECT count(*) FROM action WHERE ?1 IS NULL OR draft = 0), (SELECT count(*) FROM financing),"
		" (SELECT count(*) FROM budget_year), (SELECT count(*) FROM strategy),"
		" (SELECT count(*) FROM expected_impact), (SELECT count(*) FROM observed_outcome),"
		" (SELECT count(*) FROM practice), (SELECT count(*) FROM partner_call),"
		" (SELECT count(*) FROM user), (SELECT count(*) FROM audit_event),"
		" (SELECT count(DISTINCT country) FROM authority WHERE ?1 IS NULL OR draft = 0),"
		" (SELECT count(*) FROM partnership WHERE kind = 'twinning' AND (?1 IS NULL OR draft = 0))";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	if (public_only)
		sqlite3_bind_int(s, 1, 1);
	else
		sqlite3_bind_null(s, 1);
	if (sqlite3_step(s) != SQLITE_ROW)
		return sq_fail(st, errmsg, "counting records");
	int64_t *f[] = {&out->authorities, &out->organisations, &out->network_memberships,
			&out->partnerships, &out->actions, &out->financing, &out->budget_years,
			&out->strategies, &out->expected_impacts, &out->observed_outcomes,
			&out->practices, &out->partner_calls, &out->users, &out->audit_events,
			&out->countries, &out->twinnings};
	for (int i = 0; i < (int)(sizeof(f) / sizeof(*f)); i++)
		*f[i] = sqlite3_column_int64(s, i);
	sqlite3_reset(s);
	return EALA_OK;
}

int store_stats_get(struct store *st, struct store_stats *out, char **errmsg)
{
	return stats(st, out, 0, errmsg);
}

int store_stats_public(struct store *st, struct store_stats *out, char **errmsg)
{
	return stats(st, out, 1, errmsg);
}

int store_audit_add(struct store *st, const struct audit_event *e, char **errmsg)
{
	static const char sql[] =
		"INSERT INTO audit_event(at, actor, operation, kind, record_id, before, after)"
		" VALUES (coalesce(?1, strftime('%Y-%m-%dT%H:%M:%SZ','now')), ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_text(s, 1, e->at);
	sq_text(s, 2, e->actor ? e->actor : "cli");
	sq_text(s, 3, e->operation);
	sq_text(s, 4, e->kind);
	sq_id(s, 5, e->record_id);
	sq_text(s, 6, e->before);
	sq_text(s, 7, e->after);
	return sq_exec_stmt(st, s, errmsg, "recording the audit event");
}

int store_audit_count(struct store *st, const char *operation, const char *kind, int64_t *n,
		      char **errmsg)
{
	static const char sql[] = "SELECT count(*) FROM audit_event WHERE operation = ?1"
				  " AND (?2 IS NULL OR kind = ?2)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_text(s, 1, operation);
	sq_text(s, 2, kind);
	int rc = sq_count(st, s, n, errmsg);
	sqlite3_reset(s);
	return rc;
}

int store_audit_each(struct store *st, const char *kind, int64_t record_id, store_audit_fn fn,
		     void *ctx, char **errmsg)
{
	static const char sql[] =
		"SELECT id, at, actor, operation, kind, record_id, before, after FROM audit_event"
		" WHERE kind = ?1 AND record_id = ?2 ORDER BY id";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_text(s, 1, kind);
	sq_id(s, 2, record_id);
	int rc = EALA_OK, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct audit_event e = {
			.id = sqlite3_column_int64(s, 0),
			.at = (char *)sqlite3_column_text(s, 1),
			.actor = (char *)sqlite3_column_text(s, 2),
			.operation = (char *)sqlite3_column_text(s, 3),
			.kind = (char *)sqlite3_column_text(s, 4),
			.record_id = sq_col_id(s, 5),
			.before = (char *)sqlite3_column_text(s, 6),
			.after = (char *)sqlite3_column_text(s, 7),
		};
		if ((rc = fn(ctx, &e)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "reading the history");
	sqlite3_finalize(s);
	return rc;
}

int store_generation(struct store *st, int64_t *out)
{
	static const char sql[] = "SELECT value FROM meta WHERE key = 'generation'";
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	if (!s)
		return EALA_EIO;
	int rc = sqlite3_step(s) == SQLITE_ROW ? EALA_OK : EALA_EIO;
	if (!rc)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc;
}
