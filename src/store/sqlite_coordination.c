/* sqlite_coordination.c: the rows of the pooling analysis (src/analysis/
 * coordination.c): every partnership with a member in a country (one row per
 * such member, the home authority being the first member) and every action
 * located there (its lead, the partner of its partnership in that country if
 * any, its financing in euros summed). The analysis decides what is active. */
#include "sqlite_int.h"

#include <string.h>

static int partnerships(struct store *st, const char *country, int public_only, store_coordination_fn fn,
			void *ctx, char **errmsg)
{
	/* ?1 country, ?2 public only */
	static const char sql[] =
		"SELECT p.id, p.name, p.status, CAST(substr(p.start_date, 1, 4) AS INTEGER),"
		" CAST(substr(p.end_date, 1, 4) AS INTEGER), h.id, h.name, h.parent_id, m.id, m.name"
		" FROM partnership p JOIN authority h ON h.id = CAST(p.members AS INTEGER)"
		" JOIN json_each('[' || p.members || ']') j ON j.key > 0"
		" JOIN authority m ON m.id = j.value AND m.country = ?1"
		" WHERE instr('|' || p.partner_countries || '|', '|' || ?1 || '|') > 0"
		" AND (?2 IS NULL OR (p.draft = 0 AND h.draft = 0 AND m.draft = 0))"
		" ORDER BY p.id, j.key";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_text(s, 1, country);
	if (public_only)
		sq_int(s, 2, 1);
	int rc = EALA_OK, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_coordination_row r = {
			.id = sqlite3_column_int64(s, 0),
			.partnership_id = sqlite3_column_int64(s, 0),
			.name = (const char *)sqlite3_column_text(s, 1),
			.status = (const char *)sqlite3_column_text(s, 2),
			.start_year = sqlite3_column_int(s, 3),
			.end_year = sqlite3_column_int(s, 4),
			.home_id = sqlite3_column_int64(s, 5),
			.home = (const char *)sqlite3_column_text(s, 6),
			.home_parent_id = sq_col_id(s, 7),
			.partner_id = sqlite3_column_int64(s, 8),
			.partner = (const char *)sqlite3_column_text(s, 9),
			.n_countries = 1,
		};
		if ((rc = fn(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "reading the partnerships of the country");
	sqlite3_finalize(s);
	return rc;
}

static int actions(struct store *st, const char *country, int public_only, store_coordination_fn fn, void *ctx,
		   char **errmsg)
{
	/* ?1 country, ?2 public only. The partner: the first member of the
	 * action's partnership, after the home, that is in the country. */
	static const char sql[] =
		"SELECT a.id, a.title, a.status, CAST(substr(a.start_date, 1, 4) AS INTEGER),"
		" CAST(substr(a.end_date, 1, 4) AS INTEGER), h.id, h.name, h.parent_id, m.id, m.name,"
		" a.partnership_id, a.domains,"
		" (SELECT total(coalesce(f.actual, f.planned)) FROM financing f"
		"   WHERE f.action_id = a.id AND f.currency = 'EUR'),"
		" (SELECT count(*) FROM financing f WHERE f.action_id = a.id AND f.currency = 'EUR'"
		"   AND coalesce(f.actual, f.planned) IS NOT NULL),"
		" (SELECT count(*) FROM action_country k WHERE k.action_id = a.id)"
		" FROM action_country c JOIN action a ON a.id = c.action_id"
		" JOIN authority h ON h.id = a.authority_id"
		" LEFT JOIN partnership p ON p.id = a.partnership_id"
		" LEFT JOIN authority m ON m.id = (SELECT x.id FROM json_each('[' || p.members || ']') j"
		"   JOIN authority x ON x.id = j.value WHERE j.key > 0 AND x.country = ?1"
		"   AND (?2 IS NULL OR x.draft = 0) ORDER BY j.key LIMIT 1)"
		" WHERE c.country = ?1"
		" AND (?2 IS NULL OR (a.draft = 0 AND h.draft = 0 AND coalesce(p.draft, 0) = 0))"
		" ORDER BY a.id";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_text(s, 1, country);
	if (public_only)
		sq_int(s, 2, 1);
	int rc = EALA_OK, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_coordination_row r = {
			.is_action = 1,
			.id = sqlite3_column_int64(s, 0),
			.name = (const char *)sqlite3_column_text(s, 1),
			.status = (const char *)sqlite3_column_text(s, 2),
			.start_year = sqlite3_column_int(s, 3),
			.end_year = sqlite3_column_int(s, 4),
			.home_id = sqlite3_column_int64(s, 5),
			.home = (const char *)sqlite3_column_text(s, 6),
			.home_parent_id = sq_col_id(s, 7),
			.partner_id = sq_col_id(s, 8),
			.partner = (const char *)sqlite3_column_text(s, 9),
			.partnership_id = sq_col_id(s, 10),
			.domains = (const char *)sqlite3_column_text(s, 11),
			.budget = sqlite3_column_double(s, 12),
			.n_financing = sqlite3_column_int(s, 13),
			.n_countries = sqlite3_column_int(s, 14),
		};
		if ((rc = fn(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "reading the actions of the country");
	sqlite3_finalize(s);
	return rc;
}

int store_coordination_each(struct store *st, const char *country, int public_only, store_coordination_fn fn,
			    void *ctx, char **errmsg)
{
	int rc = partnerships(st, country, public_only, fn, ctx, errmsg);
	return rc ? rc : actions(st, country, public_only, fn, ctx, errmsg);
}
