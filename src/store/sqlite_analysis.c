/* sqlite_analysis.c: the rows the analyses read in bulk (src/analysis/
 * portfolio.c): one row per action with its financing already summed by
 * SQLite, one row per partnership. The sums are made here so that a
 * portfolio of a million partnerships is read in one pass over each table. */
#include "sqlite_int.h"

#include <string.h>

int store_portfolio_actions(struct store *st, const struct store_portfolio_query *q,
			    store_portfolio_action_fn fn, void *ctx, char **errmsg)
{
	/* ?1 authority (lead), ?2 year of the budget, ?3 public only, ?4 the
	 * reference year (activity after it is not counted as activity) */
	static const char sql[] =
		"SELECT a.id, a.partnership_id, a.type, p.kind, a.countries, a.domains,"
		" total(CASE WHEN ?2 IS NULL OR f.year = ?2 THEN coalesce(f.actual, f.planned) END),"
		" count(CASE WHEN f.year = ?2 THEN 1 END),"
		" min(f.year), max(CASE WHEN f.year <= ?4 THEN f.year END),"
		" CAST(substr(a.start_date, 1, 4) AS INTEGER), CAST(substr(a.end_date, 1, 4) AS INTEGER)"
		" FROM action a LEFT JOIN partnership p ON p.id = a.partnership_id"
		" LEFT JOIN financing f ON f.action_id = a.id AND f.currency = 'EUR'"
		" WHERE (?1 IS NULL OR a.authority_id = ?1)"
		" AND (?3 IS NULL OR (a.draft = 0 AND coalesce(p.draft, 0) = 0))"
		" GROUP BY a.id ORDER BY a.id";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, q->authority_id);
	if (q->year)
		sq_int(s, 2, q->year);
	if (q->public_only)
		sq_int(s, 3, 1);
	sq_int(s, 4, q->reference_year);
	int rc = EALA_OK, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_portfolio_action a = {
			.id = sqlite3_column_int64(s, 0),
			.partnership_id = sq_col_id(s, 1),
			.type = (const char *)sqlite3_column_text(s, 2),
			.kind = (const char *)sqlite3_column_text(s, 3),
			.countries = (const char *)sqlite3_column_text(s, 4),
			.domains = (const char *)sqlite3_column_text(s, 5),
			.budget = sqlite3_column_double(s, 6),
			.financed_in_year = sqlite3_column_int(s, 7) > 0,
			.first_year = sqlite3_column_int(s, 8),
			.last_year = sqlite3_column_int(s, 9),
			.start_year = sqlite3_column_int(s, 10),
			.end_year = sqlite3_column_int(s, 11),
		};
		if ((rc = fn(ctx, &a)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "reading the actions of the portfolio");
	sqlite3_finalize(s);
	return rc;
}

int store_portfolio_partnerships(struct store *st, const struct store_portfolio_query *q,
				 store_portfolio_partnership_fn fn, void *ctx, char **errmsg)
{
	static const char sql[] =
		"SELECT p.id, p.name, p.kind, p.status, CAST(substr(p.start_date, 1, 4) AS INTEGER),"
		" CAST(substr(p.end_date, 1, 4) AS INTEGER)"
		" FROM partnership p"
		" WHERE (?1 IS NULL OR p.id IN (SELECT partnership_id FROM partnership_member WHERE authority_id = ?1))"
		" AND (?2 IS NULL OR p.draft = 0) ORDER BY p.id";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, q->authority_id);
	if (q->public_only)
		sq_int(s, 2, 1);
	int rc = EALA_OK, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_portfolio_partnership p = {
			.id = sqlite3_column_int64(s, 0),
			.name = (const char *)sqlite3_column_text(s, 1),
			.kind = (const char *)sqlite3_column_text(s, 2),
			.status = (const char *)sqlite3_column_text(s, 3),
			.start_year = sqlite3_column_int(s, 4),
			.end_year = sqlite3_column_int(s, 5),
		};
		if ((rc = fn(ctx, &p)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "reading the partnerships of the portfolio");
	sqlite3_finalize(s);
	return rc;
}
