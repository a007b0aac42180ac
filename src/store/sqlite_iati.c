/* sqlite_iati.c: the IATI identifiers of actions, authorities and
 * organisations (schema v6), and what an IATI import replaces on an update.
 *
 * An action keeps its activity's iati-identifier (unique), so that a second
 * import of a file updates the action; an authority or organisation keeps
 * the ref (org-id) it was matched by, so that an export writes it back.
 */
#include "sqlite_int.h"

#include <stdlib.h>
#include <string.h>

int store_iati_activity_find(struct store *st, const char *identifier, int64_t *action_id)
{
	static const char sql[] = "SELECT action_id FROM iati_activity WHERE identifier = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	*action_id = 0;
	if (!s)
		return EALA_EIO;
	sq_text(s, 1, identifier);
	int rc = EALA_ENOTFOUND;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*action_id = sqlite3_column_int64(s, 0);
		rc = EALA_OK;
	}
	sqlite3_reset(s);
	return rc;
}

int store_iati_activity_put(struct store *st, int64_t action_id, const char *identifier,
			    const char *reporting_ref, char **errmsg)
{
	static const char sql[] = "INSERT OR REPLACE INTO iati_activity(action_id, identifier,"
				  " reporting_ref) VALUES (?1, ?2, ?3)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, action_id);
	sq_text(s, 2, identifier);
	sq_text(s, 3, reporting_ref);
	return sq_exec_stmt(st, s, errmsg, "recording an IATI identifier");
}

int store_iati_activity_get(struct store *st, int64_t action_id, char **identifier)
{
	static const char sql[] = "SELECT identifier FROM iati_activity WHERE action_id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	*identifier = NULL;
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, action_id);
	int rc = EALA_ENOTFOUND;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*identifier = sq_col_text(s, 0);
		rc = *identifier ? EALA_OK : EALA_ENOMEM;
	}
	sqlite3_reset(s);
	return rc;
}

int store_iati_org_find(struct store *st, const char *ref, int64_t *authority_id,
			int64_t *organisation_id)
{
	static const char sql[] = "SELECT authority_id, organisation_id FROM iati_org WHERE ref = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	*authority_id = *organisation_id = 0;
	if (!s)
		return EALA_EIO;
	sq_text(s, 1, ref);
	int rc = EALA_ENOTFOUND;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*authority_id = sq_col_id(s, 0);
		*organisation_id = sq_col_id(s, 1);
		rc = EALA_OK;
	}
	sqlite3_reset(s);
	return rc;
}

int store_iati_org_put(struct store *st, const char *ref, int64_t authority_id,
		       int64_t organisation_id, char **errmsg)
{
	static const char sql[] = "INSERT OR REPLACE INTO iati_org(ref, authority_id, organisation_id)"
				  " VALUES (?1, ?2, ?3)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_text(s, 1, ref);
	sq_id(s, 2, authority_id);
	sq_id(s, 3, organisation_id);
	return sq_exec_stmt(st, s, errmsg, "recording an IATI organisation ref");
}

int store_iati_org_ref(struct store *st, int64_t authority_id, int64_t organisation_id, char **ref)
{
	static const char sql[] = "SELECT ref FROM iati_org WHERE (?1 IS NOT NULL AND authority_id = ?1)"
				  " OR (?2 IS NOT NULL AND organisation_id = ?2) ORDER BY ref LIMIT 1";
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	*ref = NULL;
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, authority_id);
	sq_id(s, 2, organisation_id);
	int rc = EALA_ENOTFOUND;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*ref = sq_col_text(s, 0);
		rc = *ref ? EALA_OK : EALA_ENOMEM;
	}
	sqlite3_reset(s);
	return rc;
}

int store_organisation_find_name(struct store *st, const char *name, int64_t *id)
{
	static const char sql[] = "SELECT id FROM organisation WHERE name = ?1 ORDER BY id LIMIT 1";
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	*id = 0;
	if (!s)
		return EALA_EIO;
	sq_text(s, 1, name);
	int rc = EALA_ENOTFOUND;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		rc = EALA_OK;
	}
	sqlite3_reset(s);
	return rc;
}

int store_iati_action_reset(struct store *st, int64_t action_id, char **errmsg)
{
	static const char fin[] = "DELETE FROM financing WHERE action_id = ?1";
	static const char exp[] = "DELETE FROM expected_impact WHERE action_id = ?1";
	const char *sqls[] = {fin, exp};
	int rc = EALA_OK;
	for (int i = 0; i < 2 && !rc; i++) {
		sqlite3_stmt *s = sq_cached(st, sqls[i], errmsg);
		if (!s)
			return EALA_EIO;
		sq_id(s, 1, action_id);
		rc = sq_exec_stmt(st, s, errmsg, "replacing an action's financing and results");
	}
	return rc;
}
