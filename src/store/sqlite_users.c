/* sqlite_users.c: users, roles and login sessions in SQLite. */
#include "sqlite_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_user_insert(struct store *st, struct user *u, char **errmsg)
{
	static const char sql[] = "INSERT INTO user(login, name, password_hash) VALUES (?1, ?2, ?3)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_text(s, 1, u->login);
	sq_text(s, 2, u->name);
	sq_text(s, 3, u->password_hash);
	int rc = sq_exec_stmt(st, s, errmsg, "adding a user");
	if (!rc)
		u->id = sqlite3_last_insert_rowid(st->db);
	return rc;
}

static int user_by(struct store *st, const char *sql, const char *login, int64_t id,
		   struct user *out)
{
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	memset(out, 0, sizeof(*out));
	if (!s)
		return EALA_EIO;
	if (login)
		sq_text(s, 1, login);
	else
		sq_id(s, 1, id);
	int rc = EALA_ENOTFOUND;
	if (sqlite3_step(s) == SQLITE_ROW) {
		out->id = sqlite3_column_int64(s, 0);
		out->login = sq_col_text(s, 1);
		out->name = sq_col_text(s, 2);
		out->password_hash = sq_col_text(s, 3);
		rc = EALA_OK;
	}
	sqlite3_reset(s);
	return rc;
}

int store_user_by_login(struct store *st, const char *login, struct user *out)
{
	static const char sql[] = "SELECT id, login, name, password_hash FROM user WHERE login = ?1";
	return user_by(st, sql, login, 0, out);
}

int store_user_get(struct store *st, int64_t id, struct user *out)
{
	static const char sql[] = "SELECT id, login, name, password_hash FROM user WHERE id = ?1";
	return user_by(st, sql, NULL, id, out);
}

int store_user_set_password(struct store *st, int64_t id, const char *hash, char **errmsg)
{
	static const char sql[] = "UPDATE user SET password_hash = ?2 WHERE id = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, id);
	sq_text(s, 2, hash);
	int rc = sq_exec_stmt(st, s, errmsg, "setting a password");
	return !rc && sqlite3_changes(st->db) == 0 ? EALA_ENOTFOUND : rc;
}

int store_role_grant(struct store *st, int64_t user_id, const char *role, int64_t authority_id,
		     char **errmsg)
{
	static const char sql[] =
		"INSERT INTO role(user_id, role, authority_id) SELECT ?1, ?2, ?3 WHERE NOT EXISTS"
		" (SELECT 1 FROM role WHERE user_id = ?1 AND role = ?2 AND authority_id IS ?3)";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, user_id);
	sq_text(s, 2, role);
	sq_id(s, 3, authority_id);
	return sq_exec_stmt(st, s, errmsg, "granting a role");
}

int store_user_roles(struct store *st, int64_t user_id, struct role **out, size_t *n)
{
	static const char sql[] = "SELECT role, authority_id FROM role WHERE user_id = ?1 ORDER BY rowid";
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	*out = NULL;
	*n = 0;
	if (!s)
		return EALA_EIO;
	sq_id(s, 1, user_id);
	int rc = EALA_OK;
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct role *v = realloc(*out, (*n + 1) * sizeof(*v));
		if (!v) {
			rc = EALA_ENOMEM;
			break;
		}
		*out = v;
		v[*n].user_id = user_id;
		v[*n].role = sq_col_text(s, 0);
		v[*n].authority_id = sq_col_id(s, 1);
		(*n)++;
	}
	sqlite3_reset(s);
	return rc;
}

void store_roles_free(struct role *roles, size_t n)
{
	for (size_t i = 0; roles && i < n; i++)
		free(roles[i].role);
	free(roles);
}

int store_user_each(struct store *st, store_user_fn fn, void *ctx, char **errmsg)
{
	static const char sql[] = "SELECT id, login, name FROM user ORDER BY login";
	sqlite3_stmt *s = sq_prepare(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	int rc = EALA_OK, step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct user u = {.id = sqlite3_column_int64(s, 0),
				 .login = (char *)sqlite3_column_text(s, 1),
				 .name = (char *)sqlite3_column_text(s, 2)};
		if ((rc = fn(ctx, &u)))
			break;
	}
	if (!rc && step != SQLITE_DONE)
		rc = sq_fail(st, errmsg, "listing users");
	sqlite3_finalize(s);
	return rc;
}

int store_session_add(struct store *st, const char *token_hash, int64_t user_id, const char *csrf,
		      const char *expires, char **errmsg)
{
	static const char sql[] =
		"INSERT INTO session(token_hash, user_id, csrf, expires_at) VALUES (?1, ?2, ?3, ?4)";
	static const char purge[] =
		"DELETE FROM session WHERE expires_at < strftime('%Y-%m-%dT%H:%M:%SZ','now')";
	sqlite3_stmt *s = sq_cached(st, purge, errmsg);
	if (!s || sq_exec_stmt(st, s, errmsg, "forgetting old sessions"))
		return EALA_EIO;
	if (!(s = sq_cached(st, sql, errmsg)))
		return EALA_EIO;
	sq_text(s, 1, token_hash);
	sq_id(s, 2, user_id);
	sq_text(s, 3, csrf);
	sq_text(s, 4, expires);
	return sq_exec_stmt(st, s, errmsg, "opening a session");
}

int store_session_get(struct store *st, const char *token_hash, int64_t *user_id, char *csrf)
{
	static const char sql[] =
		"SELECT user_id, csrf FROM session WHERE token_hash = ?1"
		" AND expires_at >= strftime('%Y-%m-%dT%H:%M:%SZ','now')";
	sqlite3_stmt *s = sq_cached(st, sql, NULL);
	if (!s)
		return EALA_EIO;
	sq_text(s, 1, token_hash);
	int rc = EALA_ENOTFOUND;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*user_id = sqlite3_column_int64(s, 0);
		const char *c = (const char *)sqlite3_column_text(s, 1);
		snprintf(csrf, 65, "%s", c ? c : "");
		rc = EALA_OK;
	}
	sqlite3_reset(s);
	return rc;
}

int store_session_delete(struct store *st, const char *token_hash, char **errmsg)
{
	static const char sql[] = "DELETE FROM session WHERE token_hash = ?1";
	sqlite3_stmt *s = sq_cached(st, sql, errmsg);
	if (!s)
		return EALA_EIO;
	sq_text(s, 1, token_hash);
	return sq_exec_stmt(st, s, errmsg, "closing a session");
}
