/* sqlite_network.c: what the network analysis reads (src/analysis/network.c):
 * the members of every partnership as (partnership, authority) pairs and the
 * authorities' names in one light pass each, without the records' other
 * fields (a twin-city list has tens of thousands of both); and the practices
 * by id or name, with one adoption recorded or corrected at a time. */
#include "sqlite_int.h"

#include <stdlib.h>
#include <string.h>

int store_partnership_members_each(struct store *st, int public_only, store_member_pair_fn fn, void *ctx,
				   char **errmsg)
{
	/* partnership.members ("12,40", home first) rather than a join of
	 * partnership_member with its partnerships: no sort, no second table */
	static const char sql[] = "SELECT id, members FROM partnership WHERE ?1 = 0 OR draft = 0 ORDER BY id";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sqlite3_bind_int(s, 1, public_only ? 1 : 0);
	int rc = EALA_OK, step;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		const char *m = (const char *)sqlite3_column_text(s, 1);
		while (!rc && m && *m) {
			char *end;
			long long a = strtoll(m, &end, 10);
			if (end == m)
				break;
			rc = fn(ctx, id, a);
			m = *end == ',' ? end + 1 : end;
		}
	}
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "reading the partnerships' members");
	sqlite3_finalize(s);
	return rc;
}

int store_authority_labels_each(struct store *st, int public_only, store_label_fn fn, void *ctx, char **errmsg)
{
	static const char sql[] = "SELECT id, name, country FROM authority WHERE ?1 = 0 OR draft = 0 ORDER BY id";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sqlite3_bind_int(s, 1, public_only ? 1 : 0);
	int rc = EALA_OK, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = fn(ctx, sqlite3_column_int64(s, 0), (const char *)sqlite3_column_text(s, 1),
			     (const char *)sqlite3_column_text(s, 2))))
			break;
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "reading the authorities' names");
	sqlite3_finalize(s);
	return rc;
}

/* The practice with this id, or with this exact name (id 0). */
static int practice_find(struct store *st, int64_t id, const char *name, struct practice *out)
{
	static const char sql[] = "SELECT id, name, description, source, illustrative FROM practice"
				  " WHERE id = ?1 OR (?1 IS NULL AND name = ?2)";
	static const char adopt[] = "SELECT authority_id, date FROM practice_adoption"
				    " WHERE practice_id = ?1 ORDER BY date IS NULL, date, authority_id";
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	sq_text(s, 2, name);
	int rc = EALA_ENOTFOUND;
	if (sqlite3_step(s) == SQLITE_ROW) {
		out->id = sqlite3_column_int64(s, 0);
		out->name = sq_col_text(s, 1);
		out->description = sq_col_text(s, 2);
		out->source = sq_col_text(s, 3);
		out->illustrative = sq_col_text(s, 4);
		rc = EALA_OK;
	}
	sqlite3_reset(s);
	if (rc || !(s = sq_cached(st, adopt, NULL)))
		return rc ? rc : EALA_EIO;
	sq_id(s, 1, out->id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct practice_adoption *v = realloc(out->adoptions, (out->n_adoptions + 1) * sizeof(*v));
		if (!v) {
			rc = EALA_ENOMEM;
			break;
		}
		out->adoptions = v;
		v[out->n_adoptions].authority_id = sq_col_id(s, 0);
		v[out->n_adoptions].date = sq_col_text(s, 1);
		out->n_adoptions++;
	}
	sqlite3_reset(s);
	if (rc)
		practice_clear(out);
	return rc;
}

int store_practice_get(struct store *st, int64_t id, struct practice *out)
{
	return id > 0 ? practice_find(st, id, NULL, out) : (memset(out, 0, sizeof(*out)), EALA_ENOTFOUND);
}

int store_practice_find_name(struct store *st, const char *name, struct practice *out)
{
	return name ? practice_find(st, 0, name, out) : (memset(out, 0, sizeof(*out)), EALA_ENOTFOUND);
}

int store_practice_adopt(struct store *st, int64_t practice_id, int64_t authority_id, const char *date,
			 char **errmsg)
{
	static const char sql[] = "INSERT INTO practice_adoption(practice_id, authority_id, date) VALUES (?1, ?2, ?3)"
				  " ON CONFLICT(practice_id, authority_id) DO UPDATE SET date = excluded.date";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, practice_id);
	sq_id(s, 2, authority_id);
	sq_text(s, 3, date);
	return sq_exec_stmt(st, s, errmsg, "recording an adoption");
}
