/* sqlite_match.c: what partner matching (src/analysis/match.c) reads: the
 * authorities it may propose with the domains of their actions and their
 * networks, and how many authorities of the home country already work in
 * each other country. Domains come as the actions' '|' joined lists glued
 * together: the matcher splits them and drops repeats. */
#include "sqlite_int.h"

#include <stdlib.h>
#include <string.h>

int store_match_authorities(struct store *st, const struct store_match_query *q, store_match_authority_fn fn,
			    void *ctx, char **errmsg)
{
	/* ?1 one authority, ?2 of this country, ?3 not of this country,
	 * ?4 public only; the domains of the actions it leads and of the
	 * actions of its partnerships */
	static const char sql[] =
		"SELECT a.id, a.name, a.country, a.level, a.population, a.lat, a.lng,"
		" (SELECT group_concat(x.domains, '|') FROM action x WHERE x.domains IS NOT NULL"
		"   AND (?4 IS NULL OR x.draft = 0) AND (x.authority_id = a.id OR x.partnership_id IN"
		"   (SELECT m.partnership_id FROM partnership_member m WHERE m.authority_id = a.id))),"
		" (SELECT group_concat(n.network_id, ',') FROM network_membership n WHERE n.authority_id = a.id)"
		" FROM authority a WHERE (?1 IS NULL OR a.id = ?1) AND (?2 IS NULL OR a.country = ?2)"
		" AND (?3 IS NULL OR a.country <> ?3) AND (?4 IS NULL OR a.draft = 0) ORDER BY a.id";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, q->authority_id);
	sq_text(s, 2, q->country);
	sq_text(s, 3, q->not_country);
	if (q->public_only)
		sq_int(s, 4, 1);
	int rc = EALA_OK, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_match_authority a = {
			.id = sqlite3_column_int64(s, 0),
			.name = (const char *)sqlite3_column_text(s, 1),
			.country = (const char *)sqlite3_column_text(s, 2),
			.level = (const char *)sqlite3_column_text(s, 3),
			.population = sqlite3_column_type(s, 4) == SQLITE_NULL ? EALA_NO_VALUE
										: sqlite3_column_int64(s, 4),
			.has_coords = sqlite3_column_type(s, 5) != SQLITE_NULL && sqlite3_column_type(s, 6) != SQLITE_NULL,
			.lat = sqlite3_column_double(s, 5),
			.lng = sqlite3_column_double(s, 6),
			.domains = (const char *)sqlite3_column_text(s, 7),
			.networks = (const char *)sqlite3_column_text(s, 8),
		};
		if ((rc = fn(ctx, &a)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "reading the authorities to match");
	sqlite3_finalize(s);
	return rc;
}

/* The members are read from partnership.members (their ids, ',' joined):
 * partnership_member has no index by partnership, and the home country's
 * authorities are many (the twin-city list). */
int store_match_presence(struct store *st, const char *home_country, int public_only, store_match_presence_fn fn,
			 void *ctx, char **errmsg)
{
	static const char sql[] =
		"SELECT o.country, count(DISTINCT h.authority_id)"
		" FROM authority ha JOIN partnership_member h ON h.authority_id = ha.id"
		" JOIN partnership p ON p.id = h.partnership_id"
		" JOIN json_each('[' || p.members || ']') m"
		" JOIN authority o ON o.id = m.value AND o.country <> ?1"
		" WHERE ha.country = ?1 AND (?2 IS NULL OR (p.draft = 0 AND ha.draft = 0 AND o.draft = 0))"
		" GROUP BY o.country ORDER BY o.country";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_text(s, 1, home_country);
	if (public_only)
		sq_int(s, 2, 1);
	int rc = EALA_OK, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = fn(ctx, (const char *)sqlite3_column_text(s, 0), sqlite3_column_int64(s, 1))))
			break;
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "counting the home authorities working in each country");
	sqlite3_finalize(s);
	return rc;
}

int store_match_actor_actions(struct store *st, int64_t authority_id, int public_only, store_match_reach_fn fn,
			      void *ctx, char **errmsg)
{
	/* ?1 the caller, ?2 public only. The actions an organisation based in
	 * the caller (or in an authority whose parent it is) takes part in;
	 * then where each goes: its countries, and the authorities in it (its
	 * lead, its participant authorities, its partnership's members) other
	 * than the caller, with their countries. */
	static const char sql[] =
		"WITH acts(id, partnership_id, lead) AS (SELECT DISTINCT x.id, x.partnership_id, x.authority_id"
		"  FROM action x JOIN action_participant ap ON ap.action_id = x.id"
		"  JOIN organisation o ON o.id = ap.organisation_id"
		"  WHERE (o.authority_id = ?1 OR o.authority_id IN (SELECT id FROM authority WHERE parent_id = ?1))"
		"  AND (?2 IS NULL OR (x.draft = 0 AND o.draft = 0)))"
		" SELECT ac.country, NULL FROM acts JOIN action_country ac ON ac.action_id = acts.id"
		" UNION ALL SELECT a.country, a.id FROM acts JOIN authority a ON a.id = acts.lead WHERE a.id <> ?1"
		" UNION ALL SELECT a.country, a.id FROM acts JOIN action_participant p ON p.action_id = acts.id"
		"  JOIN authority a ON a.id = p.authority_id WHERE a.id <> ?1"
		" UNION ALL SELECT a.country, a.id FROM acts JOIN partnership pa ON pa.id = acts.partnership_id"
		"  JOIN json_each('[' || pa.members || ']') m JOIN authority a ON a.id = m.value WHERE a.id <> ?1";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, authority_id);
	if (public_only)
		sq_int(s, 2, 1);
	int rc = EALA_OK, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		if ((rc = fn(ctx, (const char *)sqlite3_column_text(s, 0), sq_col_id(s, 1))))
			break;
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "reading the actions of the local actors");
	sqlite3_finalize(s);
	return rc;
}
