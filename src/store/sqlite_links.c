/* sqlite_links.c: local actors' links abroad (stakeholder_link, schema v8)
 * and the rows the territorial diagnostic reads (src/analysis/diagnostic.c).
 * A link is a draft when its organisation is: public reads join the
 * organisation and leave drafts out. */
#include "sqlite_int.h"

#include <stdlib.h>
#include <string.h>

#define LINK_COLUMNS                                                                  \
	"l.id, l.organisation_id, l.country, l.partner_authority_id, l.place, l.domain," \
	" l.kind, l.since, l.source, l.illustrative, l.notes"

static void bind_link(sqlite3_stmt *s, const struct stakeholder_link *l)
{
	sq_id(s, 1, l->id);
	sq_id(s, 2, l->organisation_id);
	sq_text(s, 3, l->country);
	sq_id(s, 4, l->partner_authority_id);
	sq_text(s, 5, l->place);
	sq_text(s, 6, l->domain);
	sq_text(s, 7, l->kind);
	sq_text(s, 8, l->since);
	sq_text(s, 9, l->source);
	sq_text(s, 10, l->illustrative);
	sq_text(s, 11, l->notes);
}

int store_stakeholder_link_insert(struct store *st, struct stakeholder_link *l, char **errmsg)
{
	static const char sql[] =
		"INSERT INTO stakeholder_link(id, organisation_id, country, partner_authority_id, place,"
		" domain, kind, since, source, illustrative, notes)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	bind_link(s, l);
	int rc = sq_exec_stmt(st, s, errmsg, "adding a local actor's link abroad");
	if (!rc)
		l->id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

int store_stakeholder_link_update(struct store *st, const struct stakeholder_link *l, char **errmsg)
{
	static const char sql[] =
		"UPDATE stakeholder_link SET organisation_id = ?2, country = ?3, partner_authority_id = ?4,"
		" place = ?5, domain = ?6, kind = ?7, since = ?8, source = ?9, illustrative = ?10,"
		" notes = ?11 WHERE id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	bind_link(s, l);
	int rc = sq_exec_stmt(st, s, errmsg, "updating a local actor's link abroad");
	if (!rc && sqlite3_changes(st->db) == 0)
		rc = EALA_ENOTFOUND;
	return rc;
}

int store_stakeholder_link_delete(struct store *st, int64_t id, char **errmsg)
{
	static const char sql[] = "DELETE FROM stakeholder_link WHERE id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	int rc = sq_exec_stmt(st, s, errmsg, "deleting a local actor's link abroad");
	if (!rc && sqlite3_changes(st->db) == 0)
		rc = EALA_ENOTFOUND;
	return rc;
}

static int read_link(struct store *st, sqlite3_stmt *s, struct stakeholder_link *l)
{
	(void)st;
	l->id = sqlite3_column_int64(s, 0);
	l->organisation_id = sq_col_id(s, 1);
	l->country = sq_col_text(s, 2);
	l->partner_authority_id = sq_col_id(s, 3);
	l->place = sq_col_text(s, 4);
	l->domain = sq_col_text(s, 5);
	l->kind = sq_col_text(s, 6);
	l->since = sq_col_text(s, 7);
	l->source = sq_col_text(s, 8);
	l->illustrative = sq_col_text(s, 9);
	l->notes = sq_col_text(s, 10);
	if (!l->country || !l->kind)
		return EALA_ENOMEM;
	return EALA_OK;
}

int store_stakeholder_link_get(struct store *st, int64_t id, struct stakeholder_link *out)
{
	static const char sql[] = "SELECT " LINK_COLUMNS " FROM stakeholder_link l WHERE l.id = ?1";
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	int rc = EALA_ENOTFOUND;
	if (sqlite3_step(s) == SQLITE_ROW)
		rc = read_link(st, s, out);
	sqlite3_reset(s);
	if (rc)
		stakeholder_link_clear(out);
	return rc;
}

int store_stakeholder_link_each(struct store *st, const struct store_link_query *q,
				store_stakeholder_link_fn fn, void *ctx, char **errmsg)
{
	/* ?1 organisation, ?2 home authority of the organisation (or of its
	 * parent), ?3 public only */
	static const char sql[] =
		"SELECT " LINK_COLUMNS " FROM stakeholder_link l JOIN organisation o ON o.id = l.organisation_id"
		" WHERE (?1 IS NULL OR l.organisation_id = ?1)"
		" AND (?2 IS NULL OR o.authority_id = ?2"
		"      OR o.authority_id IN (SELECT id FROM authority WHERE parent_id = ?2))"
		" AND (?3 IS NULL OR o.draft = 0) ORDER BY l.id";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, q ? q->organisation_id : 0);
	sq_id(s, 2, q ? q->authority_id : 0);
	if (q && q->public_only)
		sq_int(s, 3, 1);
	WALK(struct stakeholder_link, read_link, stakeholder_link_clear,
	     "reading local actors' links abroad");
}

int store_diagnostic_links(struct store *st, const struct store_link_query *q,
			   store_diagnostic_link_fn fn, void *ctx, char **errmsg)
{
	static const char sql[] =
		"SELECT l.id, l.organisation_id, o.name, o.subtype, l.country, l.partner_authority_id,"
		" a.name, l.place, l.domain, l.kind"
		" FROM stakeholder_link l JOIN organisation o ON o.id = l.organisation_id"
		" LEFT JOIN authority a ON a.id = l.partner_authority_id"
		" WHERE (?1 IS NULL OR l.organisation_id = ?1)"
		" AND (?2 IS NULL OR o.authority_id = ?2"
		"      OR o.authority_id IN (SELECT id FROM authority WHERE parent_id = ?2))"
		" AND (?3 IS NULL OR o.draft = 0) ORDER BY l.id";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, q->organisation_id);
	sq_id(s, 2, q->authority_id);
	if (q->public_only)
		sq_int(s, 3, 1);
	int rc = EALA_OK, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_diagnostic_link l = {
			.id = sqlite3_column_int64(s, 0),
			.organisation_id = sq_col_id(s, 1),
			.organisation = (const char *)sqlite3_column_text(s, 2),
			.subtype = (const char *)sqlite3_column_text(s, 3),
			.country = (const char *)sqlite3_column_text(s, 4),
			.partner_authority_id = sq_col_id(s, 5),
			.partner = (const char *)sqlite3_column_text(s, 6),
			.place = (const char *)sqlite3_column_text(s, 7),
			.domain = (const char *)sqlite3_column_text(s, 8),
			.kind = (const char *)sqlite3_column_text(s, 9),
		};
		if ((rc = fn(ctx, &l)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "reading the links of the diagnostic");
	sqlite3_finalize(s);
	return rc;
}

int store_diagnostic_partners(struct store *st, int64_t authority_id, int public_only,
			      store_diagnostic_partner_fn fn, void *ctx, char **errmsg)
{
	/* every other member of the authority's partnerships: the partnerships
	 * through the reverse index by authority, their members from the row
	 * (partnership_member has no index by partnership) */
	static const char sql[] =
		"SELECT p.id, p.name, p.status, a.id, a.name, a.country"
		" FROM partnership_member me JOIN partnership p ON p.id = me.partnership_id"
		" JOIN json_each('[' || p.members || ']') j JOIN authority a ON a.id = j.value"
		" WHERE me.authority_id = ?1 AND a.id <> ?1"
		" AND (?2 IS NULL OR (p.draft = 0 AND a.draft = 0)) ORDER BY p.id, a.id";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, authority_id);
	if (public_only)
		sq_int(s, 2, 1);
	int rc = EALA_OK, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_diagnostic_partner p = {
			.partnership_id = sqlite3_column_int64(s, 0),
			.partnership = (const char *)sqlite3_column_text(s, 1),
			.status = (const char *)sqlite3_column_text(s, 2),
			.authority_id = sqlite3_column_int64(s, 3),
			.name = (const char *)sqlite3_column_text(s, 4),
			.country = (const char *)sqlite3_column_text(s, 5),
		};
		if ((rc = fn(ctx, &p)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "reading the partners of the diagnostic");
	sqlite3_finalize(s);
	return rc;
}
