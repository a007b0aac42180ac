/* sqlite_records.c: authorities, organisations, partnerships and actions in SQLite.
 *
 * List queries are static SQL whose optional filters read "(?N IS NULL OR ...)",
 * so every value is a bound parameter and one statement serves every
 * combination of filters. The count query shares the WHERE text through a
 * macro, never through printf.
 */
#include "sqlite_int.h"

#include "../core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ================= authorities ================= */

#define AUTH_COLS "id, name, other_names, country, level, official_code, population, lat, lng," \
	" parent_id, overseas, source, illustrative, notes, draft"

static void bind_authority(sqlite3_stmt *s, const struct authority *a)
{
	sq_text(s, 2, a->name);
	sq_strv(s, 3, &a->other_names);
	sq_text(s, 4, a->country);
	sq_text(s, 5, a->level);
	sq_text(s, 6, a->official_code);
	if (a->population != EALA_NO_VALUE)
		sq_int(s, 7, a->population);
	else
		sqlite3_bind_null(s, 7);
	sq_real_opt(s, 8, a->has_coords, a->lat);
	sq_real_opt(s, 9, a->has_coords, a->lng);
	sq_id(s, 10, a->parent_id);
	sq_int(s, 11, a->overseas != 0);
	sq_text(s, 12, a->source);
	sq_text(s, 13, a->illustrative);
	sq_text(s, 14, a->notes);
	sq_int(s, 15, a->draft != 0);
}

int store_authority_insert(struct store *st, struct authority *a, char **errmsg)
{
	static const char sql[] = "INSERT INTO authority(" AUTH_COLS ") VALUES"
				  " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, a->id);
	bind_authority(s, a);
	int rc = sq_exec_stmt(st, s, errmsg, "adding an authority");
	if (rc)
		return rc;
	a->id = sqlite3_last_insert_rowid(st->db);
	return sq_fts_touch(st, FTS_AUTHORITY, a->id, 0, errmsg);
}

int store_authority_update(struct store *st, const struct authority *a, char **errmsg)
{
	static const char sql[] =
		"UPDATE authority SET name = ?2, other_names = ?3, country = ?4, level = ?5,"
		" official_code = ?6, population = ?7, lat = ?8, lng = ?9, parent_id = ?10,"
		" overseas = ?11, source = ?12, illustrative = ?13, notes = ?14, draft = ?15 WHERE id = ?1";
	static const char keep[] =
		"INSERT OR IGNORE INTO authority_geocode(authority_id, lat, lng)"
		" SELECT id, lat, lng FROM authority WHERE id = ?1 AND lat IS NOT NULL"
		" AND (?2 IS NULL OR lat <> ?2 OR lng <> ?3)";
	if (!store_authority_exists(st, a->id))
		return EALA_ENOTFOUND;
	int rc = sq_fts_unindex(st, FTS_AUTHORITY, a->id, errmsg);
	if (rc)
		return rc;
	sqlite3_stmt *s = sq_cached(st, keep, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, a->id);
	sq_real_opt(s, 2, a->has_coords, a->lat);
	sq_real_opt(s, 3, a->has_coords, a->lng);
	rc = sq_exec_stmt(st, s, errmsg, "keeping the former coordinates");
	if (rc || !(s = sq_cached(st, sql, errmsg)))
		return rc ? rc : EALA_EIO;
	sq_id(s, 1, a->id);
	bind_authority(s, a);
	if ((rc = sq_exec_stmt(st, s, errmsg, "updating an authority")))
		return rc;
	if ((rc = sq_authority_partners_refresh(st, a->id, errmsg)))
		return rc;
	return sq_fts_touch(st, FTS_AUTHORITY, a->id, 1, errmsg);
}

int store_authority_add_name(struct store *st, int64_t id, const char *name, char **errmsg)
{
	/* append unless it is the main name or already one of the others */
	static const char sql[] =
		"UPDATE authority SET other_names = coalesce(other_names || '|', '') || ?2"
		" WHERE id = ?1 AND name <> ?2"
		" AND ('|' || coalesce(other_names, '') || '|') NOT LIKE ('%|' || ?2 || '|%')";
	if (!store_authority_exists(st, id))
		return EALA_ENOTFOUND;
	if (strchr(name, '|')) {
		if (errmsg)
			*errmsg = xasprintf("a name cannot contain '|': %s", name);
		return EALA_EINVAL;
	}
	int rc = sq_fts_unindex(st, FTS_AUTHORITY, id, errmsg);
	sqlite3_stmt *s = rc ? NULL : sq_cached(st, sql, errmsg);
	if (!s)
		return rc ? rc : EALA_EIO;
	sq_id(s, 1, id);
	sq_text(s, 2, name);
	rc = sq_exec_stmt(st, s, errmsg, "recording an authority name");
	/* re-indexed even when the name was known: its words left above */
	return rc ? rc : sq_fts_touch(st, FTS_AUTHORITY, id, 1, errmsg);
}

int store_authority_set_coords(struct store *st, int64_t id, double lat, double lng, char **errmsg)
{
	static const char sql[] = "UPDATE authority SET lat = ?2, lng = ?3 WHERE id = ?1 AND lat IS NULL";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	sqlite3_bind_double(s, 2, lat);
	sqlite3_bind_double(s, 3, lng);
	return sq_exec_stmt(st, s, errmsg, "setting coordinates");
}

static int read_authority(struct store *st, sqlite3_stmt *s, struct authority *a)
{
	(void)st;
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(s, 0);
	a->name = sq_col_text(s, 1);
	sq_col_strv(s, 2, &a->other_names);
	a->country = sq_col_text(s, 3);
	a->level = sq_col_text(s, 4);
	a->official_code = sq_col_text(s, 5);
	a->population = sqlite3_column_type(s, 6) == SQLITE_NULL ? EALA_NO_VALUE
								   : sqlite3_column_int64(s, 6);
	a->has_coords = sqlite3_column_type(s, 7) != SQLITE_NULL;
	a->lat = sqlite3_column_double(s, 7);
	a->lng = sqlite3_column_double(s, 8);
	a->parent_id = sq_col_id(s, 9);
	a->overseas = sqlite3_column_int(s, 10);
	a->source = sq_col_text(s, 11);
	a->illustrative = sq_col_text(s, 12);
	a->notes = sq_col_text(s, 13);
	a->draft = sqlite3_column_int(s, 14);
	return EALA_OK;
}

int store_authority_get(struct store *st, int64_t id, struct authority *out)
{
	static const char sql[] = "SELECT " AUTH_COLS " FROM authority WHERE id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	memset(out, 0, sizeof(*out));
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return EALA_ENOTFOUND;
	}
	int rc = read_authority(st, s, out);
	sqlite3_reset(s);
	return rc;
}

static int exists(struct store *st, const char *sql, int64_t id)
{
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	if (!s)
		return 0;
	sq_id(s, 1, id);
	int found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return found;
}

int store_authority_exists(struct store *st, int64_t id)
{
	static const char sql[] = "SELECT 1 FROM authority WHERE id = ?1";
	return exists(st, sql, id);
}

int store_authority_find_code(struct store *st, const char *country, const char *code, int64_t *id)
{
	static const char sql[] = "SELECT id FROM authority WHERE country = ?1 AND official_code = ?2";
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	if (!s)
		return EALA_EIO;
	sq_text(s, 1, country);
	sq_text(s, 2, code);
	int rc = EALA_ENOTFOUND;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		rc = EALA_OK;
	}
	sqlite3_reset(s);
	return rc;
}

/* ?30 in every list: published records only, for anonymous readers */
static void bind_public(sqlite3_stmt *s, const struct store_filter *f)
{
	if (f->public_only)
		sqlite3_bind_int(s, 30, 1);
	else
		sqlite3_bind_null(s, 30);
}

#define AUTH_WHERE \
	" (?1 IS NULL OR id IN (SELECT rowid FROM authority_fts WHERE authority_fts MATCH ?1))" \
	" AND (?2 IS NULL OR country = ?2)" \
	" AND (?3 IS NULL OR id IN (SELECT j.value FROM partnership_member m" \
	"      JOIN partnership p ON p.id = m.partnership_id, json_each('[' || p.members || ']') j" \
	"      WHERE m.authority_id = ?3 AND j.value <> ?3))" \
	" AND (?4 IS NULL OR level = ?4)" \
	" AND (?30 IS NULL OR draft = 0)"

static void bind_auth_filter(sqlite3_stmt *s, const struct store_filter *f)
{
	sq_match(s, 1, f->q);
	sq_text(s, 2, f->country);
	sq_id(s, 3, f->authority_id);
	sq_text(s, 4, f->kind);
	bind_public(s, f);
}

int store_authority_list(struct store *st, const struct store_filter *f, store_authority_fn fn,
			 void *ctx, int64_t *total, char **errmsg)
{
	/* a country filter leads, without "?2 IS NULL OR", so the index on country is used */
	static const char sql_all[] = "SELECT " AUTH_COLS " FROM authority WHERE" AUTH_WHERE
				      " AND id > ?5 ORDER BY id LIMIT ?6";
	static const char count_all[] = "SELECT count(*) FROM authority WHERE" AUTH_WHERE;
	static const char sql_country[] = "SELECT " AUTH_COLS " FROM authority WHERE country = ?2"
					  " AND" AUTH_WHERE " AND id > ?5 ORDER BY id LIMIT ?6";
	static const char count_country[] = "SELECT count(*) FROM authority WHERE country = ?2"
					    " AND" AUTH_WHERE;
	const char *sql = f->country ? sql_country : sql_all;
	const char *count = f->country ? count_country : count_all;
	int rc = EALA_OK;
	sqlite3_stmt *s = NULL;
	if (total) {
		if (!(s = sq_cached(st, count, errmsg)))
			return EALA_EIO;
		bind_auth_filter(s, f);
		rc = sq_count(st, s, total, errmsg);
		sqlite3_reset(s);
		if (rc)
			return rc;
	}
	if (!(s = sq_prepare(st, sql, errmsg)))
		return EALA_EIO;
	bind_auth_filter(s, f);
	sq_int(s, 5, f->after_id);
	sq_limit(s, 6, f->limit);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct authority a;
		rc = read_authority(st, s, &a);
		if (!rc)
			rc = fn(ctx, &a);
		authority_clear(&a);
		if (rc)
			goto out;
	}
	if (step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "listing authorities");
out:
	sqlite3_finalize(s);
	return rc;
}

int store_authority_names_each(struct store *st, store_name_fn fn, void *ctx, char **errmsg)
{
	/* each authority at its coordinates, then again at the others it had */
	static const char sql[] =
		"SELECT id, country, name, other_names, lat, lng, 0 FROM authority"
		" UNION ALL SELECT a.id, a.country, a.name, a.other_names, g.lat, g.lng, 1"
		" FROM authority_geocode g JOIN authority a ON a.id = g.authority_id";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	int rc = EALA_OK, step;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_name_entry e = {
			.authority_id = sqlite3_column_int64(s, 0),
			.country = (const char *)sqlite3_column_text(s, 1),
			.name = (const char *)sqlite3_column_text(s, 2),
			.is_main = 1,
			.has_coords = sqlite3_column_type(s, 4) != SQLITE_NULL,
			.lat = sqlite3_column_double(s, 4),
			.lng = sqlite3_column_double(s, 5),
			.other_place = sqlite3_column_int(s, 6),
		};
		if ((rc = fn(ctx, &e)))
			break;
		struct strv others = {0};
		sq_col_strv(s, 3, &others);
		e.is_main = 0;
		for (size_t i = 0; !rc && i < others.n; i++) {
			e.name = others.v[i];
			rc = fn(ctx, &e);
		}
		strv_clear(&others);
	}
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "reading authority names");
	sqlite3_finalize(s);
	return rc;
}

/* ================= organisations ================= */

#define ORG_COLS "id, name, iati_type, subtype, country, authority_id, source, illustrative, notes," \
	" draft"

static void bind_organisation(sqlite3_stmt *s, const struct organisation *o)
{
	sq_id(s, 1, o->id);
	sq_text(s, 2, o->name);
	sq_text(s, 3, o->iati_type);
	sq_text(s, 4, o->subtype);
	sq_text(s, 5, o->country);
	sq_id(s, 6, o->authority_id);
	sq_text(s, 7, o->source);
	sq_text(s, 8, o->illustrative);
	sq_text(s, 9, o->notes);
	sq_int(s, 10, o->draft != 0);
}

int store_organisation_insert(struct store *st, struct organisation *o, char **errmsg)
{
	static const char sql[] = "INSERT INTO organisation(" ORG_COLS ")"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	bind_organisation(s, o);
	int rc = sq_exec_stmt(st, s, errmsg, "adding an organisation");
	if (rc)
		return rc;
	o->id = sqlite3_last_insert_rowid(st->db);
	return sq_fts_touch(st, FTS_ORGANISATION, o->id, 0, errmsg);
}

int store_organisation_update(struct store *st, const struct organisation *o, char **errmsg)
{
	static const char sql[] =
		"UPDATE organisation SET name = ?2, iati_type = ?3, subtype = ?4, country = ?5,"
		" authority_id = ?6, source = ?7, illustrative = ?8, notes = ?9, draft = ?10 WHERE id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	bind_organisation(s, o);
	int rc = sq_exec_stmt(st, s, errmsg, "updating an organisation");
	if (!rc && sqlite3_changes(st->db) == 0)
		rc = EALA_ENOTFOUND;
	return rc ? rc : sq_fts_touch(st, FTS_ORGANISATION, o->id, 1, errmsg);
}

static void read_organisation(sqlite3_stmt *s, struct organisation *o)
{
	memset(o, 0, sizeof(*o));
	o->id = sqlite3_column_int64(s, 0);
	o->name = sq_col_text(s, 1);
	o->iati_type = sq_col_text(s, 2);
	o->subtype = sq_col_text(s, 3);
	o->country = sq_col_text(s, 4);
	o->authority_id = sq_col_id(s, 5);
	o->source = sq_col_text(s, 6);
	o->illustrative = sq_col_text(s, 7);
	o->notes = sq_col_text(s, 8);
	o->draft = sqlite3_column_int(s, 9);
}

int store_organisation_get(struct store *st, int64_t id, struct organisation *out)
{
	static const char sql[] = "SELECT " ORG_COLS " FROM organisation WHERE id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	memset(out, 0, sizeof(*out));
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	int rc = EALA_ENOTFOUND;
	if (sqlite3_step(s) == SQLITE_ROW) {
		read_organisation(s, out);
		rc = EALA_OK;
	}
	sqlite3_reset(s);
	return rc;
}

int store_organisation_exists(struct store *st, int64_t id)
{
	static const char sql[] = "SELECT 1 FROM organisation WHERE id = ?1";
	return exists(st, sql, id);
}

#define ORG_WHERE \
	" (?1 IS NULL OR id IN (SELECT rowid FROM organisation_fts WHERE organisation_fts MATCH ?1))" \
	" AND (?2 IS NULL OR country = ?2)" \
	" AND (?3 IS NULL OR authority_id = ?3" \
	"      OR id IN (SELECT network_id FROM network_membership WHERE authority_id = ?3))" \
	" AND (?4 IS NULL OR subtype = ?4)" \
	" AND (?30 IS NULL OR draft = 0)"

static void bind_org_filter(sqlite3_stmt *s, const struct store_filter *f)
{
	sq_match(s, 1, f->q);
	sq_text(s, 2, f->country);
	sq_id(s, 3, f->authority_id);
	sq_text(s, 4, f->kind);
	bind_public(s, f);
}

int store_organisation_list(struct store *st, const struct store_filter *f,
			    store_organisation_fn fn, void *ctx, int64_t *total, char **errmsg)
{
	static const char sql[] = "SELECT " ORG_COLS " FROM organisation WHERE" ORG_WHERE
				  " AND id > ?5 ORDER BY id LIMIT ?6";
	static const char count[] = "SELECT count(*) FROM organisation WHERE" ORG_WHERE;
	int rc = EALA_OK, step;
	sqlite3_stmt *s;
	if (total) {
		if (!(s = sq_cached(st, count, errmsg)))
			return EALA_EIO;
		bind_org_filter(s, f);
		rc = sq_count(st, s, total, errmsg);
		sqlite3_reset(s);
		if (rc)
			return rc;
	}
	if (!(s = sq_prepare(st, sql, errmsg)))
		return EALA_EIO;
	bind_org_filter(s, f);
	sq_int(s, 5, f->after_id);
	sq_limit(s, 6, f->limit);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct organisation o;
		read_organisation(s, &o);
		rc = fn(ctx, &o);
		organisation_clear(&o);
		if (rc)
			goto out;
	}
	if (step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "listing organisations");
out:
	sqlite3_finalize(s);
	return rc;
}

/* ================= partnerships ================= */

#define PART_COLS "id, name, kind, status, status_date, status_reason, start_date, end_date," \
	" agreement_signed, agreement_expires, agreement_renewed, deliberation_ref," \
	" deliberation_date, source, illustrative, notes"
/* what read_partnership() reads: the columns above, then the members */
#define PART_READ PART_COLS ", members, draft"

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* "12,40,77": the member ids in order. */
static char *member_list(const struct partnership *p)
{
	char *out = malloc(p->n_members * 21 + 1);
	size_t o = 0;
	if (!out)
		return NULL;
	for (size_t i = 0; i < p->n_members; i++) {
		if (i)
			out[o++] = ',';
		o += fmt_int64(out + o, p->members[i]);
	}
	out[o] = '\0';
	return out;
}

/* "12,40,77": the sorted member ids, the identity of a set of authorities. */
static char *member_key(const struct partnership *p)
{
	int64_t *ids = malloc((p->n_members ? p->n_members : 1) * sizeof(*ids));
	char *key = malloc(p->n_members * 21 + 1);
	if (!ids || !key) {
		free(ids);
		free(key);
		return NULL;
	}
	memcpy(ids, p->members, p->n_members * sizeof(*ids));
	qsort(ids, p->n_members, sizeof(*ids), cmp_id);
	size_t o = 0;
	for (size_t i = 0; i < p->n_members; i++) {
		if (i)
			key[o++] = ',';
		o += fmt_int64(key + o, ids[i]);
	}
	key[o] = '\0';
	free(ids);
	return key;
}

static void bind_partnership(sqlite3_stmt *s, const struct partnership *p)
{
	sq_id(s, 1, p->id);
	sq_text(s, 2, p->name);
	sq_text(s, 3, p->kind);
	sq_text(s, 4, p->status);
	sq_text(s, 5, p->status_date);
	sq_text(s, 6, p->status_reason);
	sq_text(s, 7, p->start_date);
	sq_text(s, 8, p->end_date);
	sq_text(s, 9, p->agreement_signed);
	sq_text(s, 10, p->agreement_expires);
	sq_text(s, 11, p->agreement_renewed);
	sq_text(s, 12, p->deliberation_ref);
	sq_text(s, 13, p->deliberation_date);
	sq_text(s, 14, p->source);
	sq_text(s, 15, p->illustrative);
	sq_text(s, 16, p->notes);
	sq_int(s, 19, p->draft != 0);
}

static int find_partnership(struct store *st, const char *key, const char *kind, int64_t *id)
{
	static const char sql[] = "SELECT id FROM partnership WHERE member_key = ?1 AND kind = ?2";
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	if (!s)
		return 0;
	sq_text(s, 1, key);
	sq_text(s, 2, kind);
	int found = sqlite3_step(s) == SQLITE_ROW;
	if (found)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return found;
}

/* The reverse index: forget the old members (before the row changes), add the new. */
static int unindex_members(struct store *st, int64_t id, char **errmsg)
{
	static const char del[] =
		"DELETE FROM partnership_member WHERE partnership_id = ?1 AND authority_id IN"
		" (SELECT value FROM json_each('[' || (SELECT members FROM partnership WHERE id = ?1) || ']'))";
	sqlite3_stmt *s = sq_cached(st, del, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	return sq_exec_stmt(st, s, errmsg, "updating partnership members");
}

static int index_members(struct store *st, const struct partnership *p, char **errmsg)
{
	static const char ins[] =
		"INSERT INTO partnership_member(authority_id, partnership_id) VALUES (?1, ?2)";
	int rc = EALA_OK;
	for (size_t i = 0; !rc && i < p->n_members; i++) {
		sqlite3_stmt *s = sq_cached(st, ins, errmsg);
		if (!s)
			return EALA_EIO;
		sq_id(s, 1, p->members[i]);
		sq_id(s, 2, p->id);
		rc = sq_exec_stmt(st, s, errmsg, "adding a partnership member");
	}
	return rc;
}

static int cmp_country(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

/* The partner countries of schema v8 (the members' after the home one,
 * other than the home's, sorted, '|' joined; NULL when none), read from
 * the authorities' rows, which is cheaper than writing the row twice.
 * [out] later: a member is not written yet (a transaction may write a
 * partnership before its authorities): work it out at the commit. */
static int partner_countries(struct store *st, const struct partnership *p, char **out, int *later,
			     char **errmsg)
{
	static const char sql[] = "SELECT country FROM authority WHERE id = ?1";
	char (*c)[8] = p->n_members ? calloc(p->n_members, sizeof(*c)) : NULL;
	size_t n = 0;
	*out = NULL;
	*later = 0;
	if (p->n_members && !c)
		return EALA_ENOMEM;
	for (size_t i = 0; i < p->n_members && !*later; i++) {
		sqlite3_stmt *s = sq_cached(st, sql, errmsg);
		if (!s) {
			free(c);
			return EALA_EIO;
		}
		sqlite3_bind_int64(s, 1, p->members[i]);
		const char *country = sqlite3_step(s) == SQLITE_ROW ? (const char *)sqlite3_column_text(s, 0) : NULL;
		if (!country || strlen(country) >= sizeof(*c))
			*later = 1;
		else
			snprintf(c[n++], sizeof(*c), "%s", country);
		sqlite3_reset(s);
	}
	if (!*later && n > 1) {
		qsort(c + 1, n - 1, sizeof(*c), cmp_country);
		struct buf b = {0};
		for (size_t i = 1; i < n; i++)
			if (strcmp(c[i], c[0]) != 0 && strcmp(c[i], c[i - 1]) != 0)
				buf_printf(&b, "%s%s", b.len ? "|" : "", c[i]);
		*out = b.s;
	}
	free(c);
	return EALA_OK;
}

int store_partnership_insert(struct store *st, struct partnership *p, char **errmsg)
{
	static const char sql[] = "INSERT INTO partnership(" PART_COLS ", members, member_key, draft,"
				  " partner_countries)"
				  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
				  " ?16, ?17, ?18, ?19, ?20)";
	char *key = member_key(p), *list = member_list(p), *partners = NULL;
	int rc = EALA_OK, later = 0;
	if (!key || !list) {
		rc = EALA_ENOMEM;
		goto out;
	}
	if ((rc = partner_countries(st, p, &partners, &later, errmsg)))
		goto out;
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s) {
		rc = EALA_EIO;
		goto out;
	}
	bind_partnership(s, p);
	sq_text(s, 17, list);
	sq_text(s, 18, key);
	sq_text(s, 20, partners);
	/* the unique index on (member_key, kind) finds duplicates, whichever way round */
	if (sqlite3_step(s) != SQLITE_DONE) {
		int64_t existing;
		if (sqlite3_extended_errcode(st->db) == SQLITE_CONSTRAINT_UNIQUE &&
		    find_partnership(st, key, p->kind, &existing)) {
			p->id = existing;
			rc = EALA_ECONFLICT;
		} else {
			rc = sq_fail(st, errmsg, "adding a partnership");
		}
		goto out;
	}
	p->id = sqlite3_last_insert_rowid(st->db);
	rc = index_members(st, p, errmsg);
	if (!rc && later)
		rc = sq_partners_touch(st, p->id, errmsg);
	if (!rc && !p->name_derived)
		rc = sq_fts_touch(st, FTS_PARTNERSHIP, p->id, 0, errmsg);
out:
	free(partners);
	free(key);
	free(list);
	return rc;
}

int store_partnership_update(struct store *st, const struct partnership *p, char **errmsg)
{
	static const char sql[] =
		"UPDATE partnership SET name = ?2, kind = ?3, status = ?4, status_date = ?5,"
		" status_reason = ?6, start_date = ?7, end_date = ?8, agreement_signed = ?9,"
		" agreement_expires = ?10, agreement_renewed = ?11, deliberation_ref = ?12,"
		" deliberation_date = ?13, source = ?14, illustrative = ?15, notes = ?16,"
		" members = ?17, member_key = ?18, draft = ?19, partner_countries = ?20 WHERE id = ?1";
	char *key = member_key(p), *list = member_list(p), *partners = NULL;
	int rc = EALA_ENOMEM, later = 0;
	if (!key || !list)
		goto out;
	if ((rc = partner_countries(st, p, &partners, &later, errmsg)))
		goto out;
	if (!store_partnership_exists(st, p->id)) {
		rc = EALA_ENOTFOUND;
		goto out;
	}
	if ((rc = unindex_members(st, p->id, errmsg)))
		goto out;
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	rc = EALA_EIO;
	if (!s)
		goto out;
	bind_partnership(s, p);
	sq_text(s, 17, list);
	sq_text(s, 18, key);
	sq_text(s, 20, partners);
	if ((rc = sq_exec_stmt(st, s, errmsg, "updating a partnership")))
		goto out;
	rc = index_members(st, p, errmsg);
	if (!rc && later)
		rc = sq_partners_touch(st, p->id, errmsg);
	if (!rc)
		rc = sq_fts_touch(st, FTS_PARTNERSHIP, p->id, 1, errmsg);
out:
	free(partners);
	free(key);
	free(list);
	return rc;
}

static int read_partnership(struct store *st, sqlite3_stmt *s, struct partnership *p)
{
	(void)st;
	memset(p, 0, sizeof(*p));
	p->id = sqlite3_column_int64(s, 0);
	char **f[] = {&p->name, &p->kind, &p->status, &p->status_date, &p->status_reason,
		      &p->start_date, &p->end_date, &p->agreement_signed, &p->agreement_expires,
		      &p->agreement_renewed, &p->deliberation_ref, &p->deliberation_date,
		      &p->source, &p->illustrative, &p->notes};
	for (int i = 0; i < (int)(sizeof(f) / sizeof(*f)); i++)
		*f[i] = sq_col_text(s, i + 1);
	p->draft = sqlite3_column_int(s, 17);
	const char *m = (const char *)sqlite3_column_text(s, 16);
	while (m && *m) {
		char *end;
		long long id = strtoll(m, &end, 10);
		if (end == m || partnership_add_member(p, id))
			return EALA_EIO;
		m = *end == ',' ? end + 1 : end;
	}
	return EALA_OK;
}

int store_partnership_get(struct store *st, int64_t id, struct partnership *out)
{
	static const char sql[] = "SELECT " PART_READ " FROM partnership WHERE id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	memset(out, 0, sizeof(*out));
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	int rc = EALA_ENOTFOUND;
	if (sqlite3_step(s) == SQLITE_ROW)
		rc = read_partnership(st, s, out);
	sqlite3_reset(s);
	return rc;
}

int store_partnership_exists(struct store *st, int64_t id)
{
	static const char sql[] = "SELECT 1 FROM partnership WHERE id = ?1";
	return exists(st, sql, id);
}

#define PART_BY_COUNTRY \
	" p.id IN (SELECT m.partnership_id FROM authority a" \
	"      JOIN partnership_member m ON m.authority_id = a.id WHERE a.country = ?2)"
#define PART_BY_AUTHORITY \
	" p.id IN (SELECT partnership_id FROM partnership_member WHERE authority_id = ?3)"

/* Active during year ?6: began in or before it and did not end before it. */
#define PART_REST \
	" (?1 IS NULL OR p.id IN (SELECT value FROM json_each(?1)))" \
	" AND (?4 IS NULL OR p.kind = ?4)" \
	" AND (?5 IS NULL OR p.status = ?5)" \
	" AND (?6 IS NULL OR (substr(coalesce(p.start_date, p.agreement_signed), 1, 4) <= ?6" \
	"      AND (p.end_date IS NULL OR substr(p.end_date, 1, 4) >= ?6)))" \
	" AND (?7 IS NULL OR p.id IN (SELECT partnership_id FROM action" \
	"      WHERE '|' || domains || '|' LIKE '%|' || ?7 || '|%'))" \
	" AND (?30 IS NULL OR p.draft = 0)"
#define PART_OPT_COUNTRY " AND (?2 IS NULL OR" PART_BY_COUNTRY ")"
#define PART_OPT_AUTHORITY " AND (?3 IS NULL OR" PART_BY_AUTHORITY ")"
/* the filters as a whole, for each choice of the leading one */
#define PART_WHERE PART_REST PART_OPT_COUNTRY PART_OPT_AUTHORITY
#define PART_WHERE_BY_COUNTRY PART_BY_COUNTRY " AND" PART_REST PART_OPT_AUTHORITY
#define PART_WHERE_BY_AUTHORITY PART_BY_AUTHORITY " AND" PART_REST PART_OPT_COUNTRY

static void bind_year(sqlite3_stmt *s, int i, int year)
{
	char y[16];
	if (!year) {
		sqlite3_bind_null(s, i);
		return;
	}
	snprintf(y, sizeof(y), "%04d", year);
	sqlite3_bind_text(s, i, y, -1, SQLITE_TRANSIENT);
}

/* Bind ?2..?7, the filters partnerships and actions share. */
static void bind_common_filter(sqlite3_stmt *s, const struct store_filter *f)
{
	sq_text(s, 2, f->country);
	sq_id(s, 3, f->authority_id);
	sq_text(s, 4, f->kind);
	sq_text(s, 5, f->status);
	bind_year(s, 6, f->year);
	sq_text(s, 7, f->domain);
	bind_public(s, f);
}

/*
 * Partnerships matching every word of q, as a JSON array of ids ("[]" when
 * none; NULL in *out when q has no words). A word matches a partnership when
 * it matches the name of one of its authorities or the partnership's own
 * name; the words may match different authorities ("quetigny koulikoro").
 * Only names that say more than "A – B" are in partnership_fts.
 */
static int partnership_search(struct store *st, const char *q, char **out, char **errmsg)
{
	static const char sql[] =
		"SELECT m.partnership_id FROM partnership_member m WHERE m.authority_id IN"
		" (SELECT rowid FROM authority_fts WHERE authority_fts MATCH ?1)"
		" UNION SELECT rowid FROM partnership_fts WHERE partnership_fts MATCH ?1 ORDER BY 1";
	struct strv words = {0};
	struct { int64_t *v; size_t n; } have = {0}, next = {0};
	int rc = EALA_OK;
	*out = NULL;
	sq_words(q, &words);
	for (size_t w = 0; w < words.n && !rc; w++) {
		sqlite3_stmt *s = sq_cached(st, sql, errmsg);
		if (!s) {
			rc = EALA_EIO;
			break;
		}
		sq_match(s, 1, words.v[w]);
		next.n = 0;
		while (sqlite3_step(s) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(s, 0);
			if (w > 0 && !bsearch(&id, have.v, have.n, sizeof(id), sq_cmp_id))
				continue;
			int64_t *v = realloc(next.v, (next.n + 1) * sizeof(*v));
			if (!v) {
				rc = EALA_ENOMEM;
				break;
			}
			next.v = v;
			next.v[next.n++] = id;
		}
		sqlite3_reset(s);
		free(have.v);
		have = next;
		next.v = NULL;
		next.n = 0;
	}
	if (!rc && words.n)
		*out = sq_ids_json(have.v, have.n);
	if (!rc && words.n && !*out)
		rc = EALA_ENOMEM;
	free(have.v);
	free(next.v);
	strv_clear(&words);
	return rc;
}

int store_partnership_list(struct store *st, const struct store_filter *f,
			   store_partnership_fn fn, void *ctx, int64_t *total, char **errmsg)
{
	/* the most selective filter given leads, without "?N IS NULL OR", so that
	 * SQLite looks its partnerships up instead of testing every partnership */
	static const char *const sqls[] = {
		"SELECT " PART_READ " FROM partnership p WHERE" PART_WHERE
		" AND p.id > ?8 ORDER BY p.id LIMIT ?9",
		"SELECT " PART_READ " FROM partnership p WHERE" PART_WHERE_BY_COUNTRY
		" AND p.id > ?8 ORDER BY p.id LIMIT ?9",
		"SELECT " PART_READ " FROM partnership p WHERE" PART_WHERE_BY_AUTHORITY
		" AND p.id > ?8 ORDER BY p.id LIMIT ?9",
	};
	static const char *const counts[] = {
		"SELECT count(*) FROM partnership p WHERE" PART_WHERE,
		"SELECT count(*) FROM partnership p WHERE" PART_WHERE_BY_COUNTRY,
		"SELECT count(*) FROM partnership p WHERE" PART_WHERE_BY_AUTHORITY,
	};
	int lead = f->authority_id ? 2 : f->country ? 1 : 0;
	const char *sql = sqls[lead], *count = counts[lead];
	int rc, step;
	sqlite3_stmt *s = NULL;
	char *ids = NULL;
	if ((rc = partnership_search(st, f->q, &ids, errmsg)))
		return rc;
	if (total) {
		if (!(s = sq_cached(st, count, errmsg))) {
			rc = EALA_EIO;
			goto out;
		}
		sq_text(s, 1, ids);
		bind_common_filter(s, f);
		rc = sq_count(st, s, total, errmsg);
		sqlite3_reset(s);
		s = NULL;
		if (rc)
			goto out;
	}
	if (!(s = sq_prepare(st, sql, errmsg))) {
		rc = EALA_EIO;
		goto out;
	}
	sq_text(s, 1, ids);
	bind_common_filter(s, f);
	sq_int(s, 8, f->after_id);
	sq_limit(s, 9, f->limit);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct partnership p;
		rc = read_partnership(st, s, &p);
		if (!rc)
			rc = fn(ctx, &p);
		partnership_clear(&p);
		if (rc)
			goto out;
	}
	if (step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "listing partnerships");
out:
	sqlite3_finalize(s);
	free(ids);
	return rc;
}

/* ================= actions ================= */

#define ACTION_COLS "id, title, description, partnership_id, authority_id, type, status," \
	" start_date, end_date, domains, sectors, sdgs, countries, departments," \
	" elected_officials, citizen_participation, source, illustrative, notes, draft, eapd_category"

static void bind_action(sqlite3_stmt *s, const struct action *a)
{
	sq_id(s, 1, a->id);
	sq_text(s, 2, a->title);
	sq_text(s, 3, a->description);
	sq_id(s, 4, a->partnership_id);
	sq_id(s, 5, a->authority_id);
	sq_text(s, 6, a->type);
	sq_text(s, 7, a->status);
	sq_text(s, 8, a->start_date);
	sq_text(s, 9, a->end_date);
	sq_strv(s, 10, &a->domains);
	sq_strv(s, 11, &a->sectors);
	sq_strv(s, 12, &a->sdgs);
	sq_strv(s, 13, &a->countries);
	sq_text(s, 14, a->departments);
	sq_text(s, 15, a->elected_officials);
	sq_int(s, 16, a->citizen_participation != 0);
	sq_text(s, 17, a->source);
	sq_text(s, 18, a->illustrative);
	sq_text(s, 19, a->notes);
	sq_int(s, 20, a->draft != 0);
	sq_text(s, 21, a->eapd_category);
}

static int write_action_children(struct store *st, const struct action *a, char **errmsg)
{
	static const char del_c[] = "DELETE FROM action_country WHERE action_id = ?1";
	static const char del_p[] = "DELETE FROM action_participant WHERE action_id = ?1";
	static const char ins_c[] = "INSERT OR IGNORE INTO action_country(action_id, country) VALUES (?1, ?2)";
	static const char ins_p[] = "INSERT INTO action_participant(action_id, organisation_id,"
				    " authority_id, role) VALUES (?1, ?2, ?3, ?4)";
	const char *dels[] = {del_c, del_p};
	int rc = EALA_OK;
	sqlite3_stmt *s;
	for (int i = 0; i < 2 && !rc; i++) {
		if (!(s = sq_cached(st, dels[i], errmsg)))
			return EALA_EIO;
		sq_id(s, 1, a->id);
		rc = sq_exec_stmt(st, s, errmsg, "updating an action");
	}
	for (size_t i = 0; !rc && i < a->countries.n; i++) {
		if (!(s = sq_cached(st, ins_c, errmsg)))
			return EALA_EIO;
		sq_id(s, 1, a->id);
		sq_text(s, 2, a->countries.v[i]);
		rc = sq_exec_stmt(st, s, errmsg, "adding an action country");
	}
	for (size_t i = 0; !rc && i < a->n_participants; i++) {
		if (!(s = sq_cached(st, ins_p, errmsg)))
			return EALA_EIO;
		sq_id(s, 1, a->id);
		sq_id(s, 2, a->participants[i].organisation_id);
		sq_id(s, 3, a->participants[i].authority_id);
		sq_text(s, 4, a->participants[i].role);
		rc = sq_exec_stmt(st, s, errmsg, "adding an action participant");
	}
	return rc;
}

int store_action_insert(struct store *st, struct action *a, char **errmsg)
{
	static const char sql[] = "INSERT INTO action(" ACTION_COLS ") VALUES (?1, ?2, ?3, ?4, ?5,"
				  " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	bind_action(s, a);
	int rc = sq_exec_stmt(st, s, errmsg, "adding an action");
	if (rc)
		return rc;
	a->id = sqlite3_last_insert_rowid(st->db);
	rc = write_action_children(st, a, errmsg);
	return rc ? rc : sq_fts_touch(st, FTS_ACTION, a->id, 0, errmsg);
}

int store_action_update(struct store *st, const struct action *a, char **errmsg)
{
	static const char sql[] =
		"UPDATE action SET title = ?2, description = ?3, partnership_id = ?4,"
		" authority_id = ?5, type = ?6, status = ?7, start_date = ?8, end_date = ?9,"
		" domains = ?10, sectors = ?11, sdgs = ?12, countries = ?13, departments = ?14,"
		" elected_officials = ?15, citizen_participation = ?16, source = ?17,"
		" illustrative = ?18, notes = ?19, draft = ?20, eapd_category = ?21 WHERE id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	bind_action(s, a);
	int rc = sq_exec_stmt(st, s, errmsg, "updating an action");
	if (rc)
		return rc;
	if (sqlite3_changes(st->db) == 0)
		return EALA_ENOTFOUND;
	rc = write_action_children(st, a, errmsg);
	return rc ? rc : sq_fts_touch(st, FTS_ACTION, a->id, 1, errmsg);
}

static int read_action(struct store *st, sqlite3_stmt *s, struct action *a)
{
	static const char parts[] = "SELECT organisation_id, authority_id, role FROM"
				    " action_participant WHERE action_id = ?1 ORDER BY id";
	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(s, 0);
	a->title = sq_col_text(s, 1);
	a->description = sq_col_text(s, 2);
	a->partnership_id = sq_col_id(s, 3);
	a->authority_id = sq_col_id(s, 4);
	a->type = sq_col_text(s, 5);
	a->status = sq_col_text(s, 6);
	a->start_date = sq_col_text(s, 7);
	a->end_date = sq_col_text(s, 8);
	sq_col_strv(s, 9, &a->domains);
	sq_col_strv(s, 10, &a->sectors);
	sq_col_strv(s, 11, &a->sdgs);
	sq_col_strv(s, 12, &a->countries);
	a->departments = sq_col_text(s, 13);
	a->elected_officials = sq_col_text(s, 14);
	a->citizen_participation = sqlite3_column_int(s, 15);
	a->source = sq_col_text(s, 16);
	a->illustrative = sq_col_text(s, 17);
	a->notes = sq_col_text(s, 18);
	a->draft = sqlite3_column_int(s, 19);
	a->eapd_category = sq_col_text(s, 20);
	sqlite3_stmt *p = sq_cached(st, parts, NULL);
	if (!p)
		return EALA_EIO;
	sq_id(p, 1, a->id);
	while (sqlite3_step(p) == SQLITE_ROW)
		action_add_participant(a, sq_col_id(p, 0), sq_col_id(p, 1),
				       (const char *)sqlite3_column_text(p, 2));
	sqlite3_reset(p);
	return EALA_OK;
}

int store_action_get(struct store *st, int64_t id, struct action *out)
{
	static const char sql[] = "SELECT " ACTION_COLS " FROM action WHERE id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	memset(out, 0, sizeof(*out));
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	int rc = EALA_ENOTFOUND;
	if (sqlite3_step(s) == SQLITE_ROW)
		rc = read_action(st, s, out);
	sqlite3_reset(s);
	return rc;
}

int store_action_exists(struct store *st, int64_t id)
{
	static const char sql[] = "SELECT 1 FROM action WHERE id = ?1";
	return exists(st, sql, id);
}

#define ACTION_WHERE \
	" (?1 IS NULL OR x.id IN (SELECT rowid FROM action_fts WHERE action_fts MATCH ?1))" \
	" AND (?2 IS NULL OR x.id IN (SELECT action_id FROM action_country WHERE country = ?2)" \
	"      OR x.authority_id IN (SELECT id FROM authority WHERE country = ?2))" \
	" AND (?3 IS NULL OR x.authority_id = ?3" \
	"      OR x.partnership_id IN (SELECT partnership_id FROM partnership_member WHERE authority_id = ?3)" \
	"      OR x.id IN (SELECT action_id FROM action_participant WHERE authority_id = ?3))" \
	" AND (?4 IS NULL OR x.type = ?4)" \
	" AND (?5 IS NULL OR x.status = ?5)" \
	" AND (?6 IS NULL OR (substr(x.start_date, 1, 4) <= ?6" \
	"      AND (x.end_date IS NULL OR substr(x.end_date, 1, 4) >= ?6)))" \
	" AND (?7 IS NULL OR '|' || x.domains || '|' LIKE '%|' || ?7 || '|%')" \
	" AND (?10 IS NULL OR x.partnership_id = ?10)" \
	" AND (?30 IS NULL OR x.draft = 0)"

static void bind_action_filter(sqlite3_stmt *s, const struct store_filter *f)
{
	sq_match(s, 1, f->q);
	bind_common_filter(s, f);
	sq_id(s, 10, f->partnership_id);
}

int store_action_list(struct store *st, const struct store_filter *f, store_action_fn fn,
		      void *ctx, int64_t *total, char **errmsg)
{
	static const char sql[] = "SELECT " ACTION_COLS " FROM action x WHERE" ACTION_WHERE
				  " AND x.id > ?8 ORDER BY x.id LIMIT ?9";
	static const char count[] = "SELECT count(*) FROM action x WHERE" ACTION_WHERE;
	int rc = EALA_OK, step;
	sqlite3_stmt *s;
	if (total) {
		if (!(s = sq_cached(st, count, errmsg)))
			return EALA_EIO;
		bind_action_filter(s, f);
		rc = sq_count(st, s, total, errmsg);
		sqlite3_reset(s);
		if (rc)
			return rc;
	}
	if (!(s = sq_prepare(st, sql, errmsg)))
		return EALA_EIO;
	bind_action_filter(s, f);
	sq_int(s, 8, f->after_id);
	sq_limit(s, 9, f->limit);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct action a;
		rc = read_action(st, s, &a);
		if (!rc)
			rc = fn(ctx, &a);
		action_clear(&a);
		if (rc)
			goto out;
	}
	if (step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "listing actions");
out:
	sqlite3_finalize(s);
	return rc;
}

/* ================= deleting ================= */

/* Run "DELETE ... WHERE id = ?1" and say whether a row went. */
static int delete_row(struct store *st, const char *sql, int64_t id, char **errmsg,
		      const char *what)
{
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	int rc = sq_exec_stmt(st, s, errmsg, what);
	if (!rc && sqlite3_changes(st->db) == 0)
		rc = EALA_ENOTFOUND;
	return rc;
}

/* Inside a transaction, so that the index and the row go together. */
#define IN_TRANSACTION(st, body)                                             \
	do {                                                                 \
		if (store_begin(st))                                         \
			return EALA_EIO;                                     \
		int rc_ = (body);                                            \
		if (rc_) {                                                   \
			store_rollback(st);                                  \
			return rc_;                                          \
		}                                                            \
		if (store_commit(st)) {                                      \
			if (errmsg && !*errmsg)                              \
				*errmsg = xstrdup(store_error(st));          \
			return EALA_ECONFLICT;  /* deferred foreign keys */  \
		}                                                            \
		return EALA_OK;                                              \
	} while (0)

static int authority_delete(struct store *st, int64_t id, char **errmsg)
{
	static const char used[] = "SELECT 1 FROM partnership_member WHERE authority_id = ?1 LIMIT 1";
	static const char leads[] = "SELECT 1 FROM action WHERE authority_id = ?1 LIMIT 1";
	static const char del[] = "DELETE FROM authority WHERE id = ?1";
	if (!store_authority_exists(st, id))
		return EALA_ENOTFOUND;
	if (exists(st, used, id) || exists(st, leads, id)) {
		if (errmsg)
			*errmsg = xstrdup("the authority is a member of partnerships or leads actions: "
					  "delete or change them first");
		return EALA_ECONFLICT;
	}
	int rc = sq_fts_unindex(st, FTS_AUTHORITY, id, errmsg);
	return rc ? rc : delete_row(st, del, id, errmsg, "deleting an authority");
}

int store_authority_delete(struct store *st, int64_t id, char **errmsg)
{
	IN_TRANSACTION(st, authority_delete(st, id, errmsg));
}

static int fts_row_delete(struct store *st, const char *sql, int64_t id, char **errmsg)
{
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	return sq_exec_stmt(st, s, errmsg, "updating the search index");
}

static int organisation_delete(struct store *st, int64_t id, char **errmsg)
{
	static const char fts[] = "DELETE FROM organisation_fts WHERE rowid = ?1";
	static const char del[] = "DELETE FROM organisation WHERE id = ?1";
	int rc = fts_row_delete(st, fts, id, errmsg);
	return rc ? rc : delete_row(st, del, id, errmsg, "deleting an organisation");
}

int store_organisation_delete(struct store *st, int64_t id, char **errmsg)
{
	IN_TRANSACTION(st, organisation_delete(st, id, errmsg));
}

static int partnership_delete(struct store *st, int64_t id, char **errmsg)
{
	static const char used[] = "SELECT 1 FROM action WHERE partnership_id = ?1 LIMIT 1";
	static const char fts[] = "DELETE FROM partnership_fts WHERE rowid = ?1";
	static const char del[] = "DELETE FROM partnership WHERE id = ?1";
	if (!store_partnership_exists(st, id))
		return EALA_ENOTFOUND;
	if (exists(st, used, id)) {
		if (errmsg)
			*errmsg = xstrdup("the partnership has actions: delete them or move them first");
		return EALA_ECONFLICT;
	}
	int rc = unindex_members(st, id, errmsg);
	if (!rc)
		rc = fts_row_delete(st, fts, id, errmsg);
	return rc ? rc : delete_row(st, del, id, errmsg, "deleting a partnership");
}

int store_partnership_delete(struct store *st, int64_t id, char **errmsg)
{
	IN_TRANSACTION(st, partnership_delete(st, id, errmsg));
}

static int action_delete(struct store *st, int64_t id, char **errmsg)
{
	static const char fts[] = "DELETE FROM action_fts WHERE rowid = ?1";
	static const char del[] = "DELETE FROM action WHERE id = ?1";
	int rc = fts_row_delete(st, fts, id, errmsg);
	return rc ? rc : delete_row(st, del, id, errmsg, "deleting an action");
}

int store_action_delete(struct store *st, int64_t id, char **errmsg)
{
	IN_TRANSACTION(st, action_delete(st, id, errmsg));
}

/* ================= facets ================= */

/* Each row of s (value, count) to fn; rows without a value are left out. */
static int facet_rows(struct store *st, sqlite3_stmt *s, store_facet_fn fn, void *ctx,
		      char **errmsg)
{
	int rc = EALA_OK, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *value = (const char *)sqlite3_column_text(s, 0);
		if (value && (rc = fn(ctx, value, sqlite3_column_int64(s, 1))))
			return rc;
	}
	if (step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "counting a facet");
	return rc;
}

/* The same WHERE clauses as the lists, so that a count is what the list shows. */
int store_facet_counts(struct store *st, enum store_facet facet, const struct store_filter *f,
		       store_facet_fn fn, void *ctx, char **errmsg)
{
	static const char by_country[] = "SELECT country, count(*) FROM authority WHERE" AUTH_WHERE
					 " GROUP BY country ORDER BY 2 DESC, 1";
	static const char *const by_kind[] = {
		"SELECT p.kind, count(*) FROM partnership p WHERE" PART_WHERE
		" GROUP BY p.kind ORDER BY 2 DESC, 1",
		"SELECT p.kind, count(*) FROM partnership p WHERE" PART_WHERE_BY_COUNTRY
		" GROUP BY p.kind ORDER BY 2 DESC, 1",
		"SELECT p.kind, count(*) FROM partnership p WHERE" PART_WHERE_BY_AUTHORITY
		" GROUP BY p.kind ORDER BY 2 DESC, 1",
	};
	static const char by_type[] = "SELECT x.type, count(*) FROM action x WHERE" ACTION_WHERE
				      " GROUP BY x.type ORDER BY 2 DESC, 1";
	sqlite3_stmt *s = NULL;
	char *ids = NULL;
	int rc = EALA_OK;
	switch (facet) {
	case STORE_FACET_AUTHORITY_COUNTRY:
		if ((s = sq_prepare(st, by_country, errmsg)))
			bind_auth_filter(s, f);
		break;
	case STORE_FACET_PARTNERSHIP_KIND:
		if ((rc = partnership_search(st, f->q, &ids, errmsg)))
			return rc;
		if ((s = sq_prepare(st, by_kind[f->authority_id ? 2 : f->country ? 1 : 0], errmsg))) {
			sq_text(s, 1, ids);
			bind_common_filter(s, f);
		}
		break;
	case STORE_FACET_ACTION_TYPE:
		if ((s = sq_prepare(st, by_type, errmsg)))
			bind_action_filter(s, f);
		break;
	default:
		return EALA_EINVAL;
	}
	rc = s ? facet_rows(st, s, fn, ctx, errmsg) : EALA_EIO;
	sqlite3_finalize(s);
	free(ids);
	return rc;
}

int store_is_draft(struct store *st, const char *kind, int64_t id, int *draft)
{
	static const struct {
		const char *kind, *sql;
	} q[] = {
		{"authority", "SELECT draft FROM authority WHERE id = ?1"},
		{"organisation", "SELECT draft FROM organisation WHERE id = ?1"},
		{"partnership", "SELECT draft FROM partnership WHERE id = ?1"},
		{"action", "SELECT draft FROM action WHERE id = ?1"},
	};
	*draft = 0;
	for (size_t i = 0; i < sizeof(q) / sizeof(*q); i++) {
		if (strcmp(kind, q[i].kind) != 0)
			continue;
		sqlite3_stmt *s = sq_cached(st, q[i].sql, NULL);
		if (!s)
			return EALA_EIO;
		sq_id(s, 1, id);
		int rc = sqlite3_step(s) == SQLITE_ROW ? EALA_OK : EALA_ENOTFOUND;
		if (!rc)
			*draft = sqlite3_column_int(s, 0);
		sqlite3_reset(s);
		return rc;
	}
	return EALA_EINVAL;
}
