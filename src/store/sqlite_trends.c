/* sqlite_trends.c: the observatory's yearly aggregates (src/analysis/trends.c),
 * grouped in SQL so that a million partnerships come back as a few thousand
 * rows. Each query reads one of schema_v8.sql's indexes in order: the year
 * expression is written here exactly as the index writes it. */
#include "sqlite_int.h"

#include <stdio.h>
#include <string.h>

/* ?1, ?2: the first and last year as text ('1900', '2100'); ?3: 1 leaves drafts out. */
static const char *const trend_sql[] = {
	[STORE_TREND_STARTED] =
		"SELECT substr(start_date, 1, 4), kind, partner_countries, count(*) FROM partnership"
		" WHERE substr(start_date, 1, 4) BETWEEN ?1 AND ?2 AND (?3 = 0 OR draft = 0)"
		" GROUP BY 1, 2, 3",
	[STORE_TREND_ENDED] =
		"SELECT substr(coalesce(status_date, end_date), 1, 4), kind, partner_countries, count(*)"
		" FROM partnership WHERE status = 'ended'"
		" AND substr(coalesce(status_date, end_date), 1, 4) BETWEEN ?1 AND ?2 AND (?3 = 0 OR draft = 0)"
		" GROUP BY 1, 2, 3",
	[STORE_TREND_AGREEMENTS] =
		"SELECT substr(agreement_signed, 1, 4), NULL, NULL, count(*) FROM partnership"
		" WHERE agreement_signed IS NOT NULL"
		" AND substr(agreement_signed, 1, 4) BETWEEN ?1 AND ?2 AND (?3 = 0 OR draft = 0)"
		" GROUP BY 1",
	[STORE_TREND_ACTIONS] =
		"SELECT substr(start_date, 1, 4), domains, NULL, count(*), sum(partnership_id IS NULL) FROM action"
		" WHERE substr(start_date, 1, 4) BETWEEN ?1 AND ?2 AND (?3 = 0 OR draft = 0)"
		" GROUP BY 1, 2",
	[STORE_TREND_FINANCING] =
		"SELECT year, source, currency, count(*), 0, sum(planned), sum(actual) FROM financing"
		" WHERE year BETWEEN CAST(?1 AS INTEGER) AND CAST(?2 AS INTEGER)"
		" AND (?3 = 0 OR action_id NOT IN (SELECT id FROM action WHERE draft = 1))"
		" GROUP BY 1, 2, 3",
	/* an organisation appears in the year of the first action it takes
	 * part in (the model keeps no date of its own for it); the years
	 * before ?1 are read too, so that the caller can tell a kind of
	 * stakeholder seen for the first time from one seen before */
	[STORE_TREND_ORGANISATIONS] =
		"SELECT y, subtype, NULL, count(*) FROM ("
		"  SELECT coalesce(o.subtype, 'other') AS subtype, min(substr(a.start_date, 1, 4)) AS y"
		"  FROM organisation o JOIN action_participant p ON p.organisation_id = o.id"
		"  JOIN action a ON a.id = p.action_id"
		"  WHERE a.start_date IS NOT NULL AND (?3 = 0 OR (o.draft = 0 AND a.draft = 0))"
		"  GROUP BY o.id)"
		" WHERE y <= ?2 GROUP BY 1, 2",
};

int store_trend_each(struct store *st, enum store_trend t, int from, int to, int public_only,
		     store_trend_fn fn, void *ctx, char **errmsg)
{
	if ((unsigned)t >= sizeof(trend_sql) / sizeof(*trend_sql) || from > to)
		return EALA_EINVAL;
	sqlite3_stmt *s = sq_prepare(st, trend_sql[t], errmsg);
	if (!s)
		return EALA_EIO;
	char y1[12], y2[12];
	snprintf(y1, sizeof(y1), "%04d", from);
	snprintf(y2, sizeof(y2), "%04d", to);
	sq_text(s, 1, y1);
	sq_text(s, 2, y2);
	sq_int(s, 3, public_only != 0);
	int rc = EALA_OK, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_trend_row r = {
			.year = sqlite3_column_int(s, 0),
			.key = (const char *)sqlite3_column_text(s, 1),
			.countries = (const char *)sqlite3_column_text(s, 2),
			.n = sqlite3_column_int64(s, 3),
		};
		if (t == STORE_TREND_ACTIONS)
			r.n_oneoff = sqlite3_column_int64(s, 4);
		if (t == STORE_TREND_FINANCING) {
			r.currency = r.countries;
			r.countries = NULL;
			r.planned = sqlite3_column_double(s, 5);
			r.actual = sqlite3_column_double(s, 6);
		}
		if ((rc = fn(ctx, &r)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "reading the trends");
	sqlite3_finalize(s);
	return rc;
}
