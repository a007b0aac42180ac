/* auth.c: logging in and out, and checking who asks, for every ROUTE_AUTH
 * route in one place.
 *
 * A login opens a session: a random token (kept only as a hash in the
 * database, so that several servers share sessions) and a CSRF token. API
 * clients send "Authorization: Bearer TOKEN"; browsers get the token in an
 * HttpOnly, SameSite=Lax cookie (a link from elsewhere keeps the session; a
 * form posted from elsewhere does not carry it), and must echo the CSRF token in the
 * X-CSRF-Token header (or a form field) of every request that changes
 * something, since a cookie is sent by the browser whoever wrote the page.
 */
#include "web.h"

#include "../core/auth.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SESSION_HOURS 12
#define COOKIE "eala_session"

struct json_t *req_json(struct req *r)
{
	json_error_t jerr;
	json_t *j = r->upload.s ? json_loadb(r->upload.s, r->upload.len, JSON_REJECT_DUPLICATES, &jerr)
				: NULL;
	if (!j || !json_is_object(j)) {
		char msg[256];
		snprintf(msg, sizeof(msg), "the body must be a JSON object%s%s",
			 j ? "" : ": ", j ? "" : (r->upload.s ? jerr.text : "none was sent"));
		json_decref(j);
		json_error(r, MHD_HTTP_BAD_REQUEST, NULL, msg);
		return NULL;
	}
	return j;
}

static json_t *roles_json(const struct role *roles, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:s}", "role", roles[i].role);
		if (roles[i].authority_id)
			json_object_set_new(o, "authority_id", json_integer((json_int_t)roles[i].authority_id));
		json_array_append_new(a, o);
	}
	return a;
}


int session_open(struct req *r, const char *login, const char *password, char *token, char *csrf)
{
	/* checked against a real hash when the login is unknown, so that the
	 * answer takes as long either way */
	static const char dummy[] = "$argon2id$v=19$m=65536,t=2,p=1$"
				    "y/aZHvqaPxmQWe/N0to9Xg$"
				    "EUZoBI+q9fGvuTPjmK9mu2Fi2KPZ4zugFbhPilhYrZc";
	int wait = throttle_wait(r, login);
	if (wait > 0) {
		r->retry_after = wait;
		return EALA_ELIMIT;
	}
	struct user u = {0};
	int found = login && password && store_user_by_login(r->st, login, &u) == EALA_OK;
	int ok = password_verify(found ? u.password_hash : dummy, password ? password : "") && found;
	throttle_note(r, login, ok);
	int rc = EALA_EINVAL;
	if (ok) {
		char hash[65], expires[32];
		time_t t = time(NULL) + SESSION_HOURS * 3600;
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(expires, sizeof(expires), "%Y-%m-%dT%H:%M:%SZ", &tm);
		token_new(token);
		token_new(csrf);
		token_hash(token, hash);
		char *err = NULL;
		rc = store_session_add(r->st, hash, u.id, csrf, expires, &err);
		free(err);
		if (!rc) {
			snprintf(r->cookie, sizeof(r->cookie),
				 COOKIE "=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d", token,
				 SESSION_HOURS * 3600);
			r->set_cookie = r->cookie;
			user_clear(&r->user);
			r->user = u;
			memset(&u, 0, sizeof(u));
		}
	}
	user_clear(&u);
	return rc;
}

int api_login(struct req *r)
{
	json_t *j = req_json(r);
	if (!j)
		return r->status;
	char token[65], csrf[65];
	int rc = session_open(r, json_string_value(json_object_get(j, "login")),
			      json_string_value(json_object_get(j, "password")), token, csrf);
	json_decref(j);
	if (rc == EALA_EINVAL)
		return json_error(r, MHD_HTTP_UNAUTHORIZED, NULL, "wrong login or password");
	if (rc == EALA_ELIMIT)
		return json_error(r, MHD_HTTP_TOO_MANY_REQUESTS, NULL,
				  "too many failed logins: wait for the Retry-After seconds");
	if (rc)
		return json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, "cannot open a session");
	struct role *roles;
	size_t n;
	store_user_roles(r->st, r->user.id, &roles, &n);
	json_t *out = json_pack("{s:s, s:s, s:s, s:o}", "login", r->user.login, "token", token,
				"csrf", csrf, "roles", roles_json(roles, n));
	store_roles_free(roles, n);
	return json_reply(r, MHD_HTTP_OK, out);
}

int api_logout(struct req *r)
{
	char *err = NULL;
	store_session_delete(r->st, r->token_hash, &err);
	free(err);
	r->set_cookie = COOKIE "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
	return json_reply(r, MHD_HTTP_OK, json_pack("{s:b}", "logged_out", 1));
}

int api_me(struct req *r)
{
	return json_reply(r, MHD_HTTP_OK, json_pack("{s:s, s:s?, s:o}", "login", r->user.login, "name",
					       r->user.name, "roles", roles_json(r->roles, r->n_roles)));
}

/* The session token the request carries: Authorization: Bearer, else the
 * cookie; NULL when none. */
static const char *request_token(struct req *r, int *bearer)
{
	const char *authz = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
							MHD_HTTP_HEADER_AUTHORIZATION);
	*bearer = authz && strncmp(authz, "Bearer ", 7) == 0;
	return *bearer ? authz + 7 : MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, COOKIE);
}

int auth_credentials(struct req *r)
{
	int bearer;
	return request_token(r, &bearer) != NULL;
}

int auth_check(struct req *r)
{
	int bearer;
	const char *token = request_token(r, &bearer);
	if (!token || strlen(token) != 64)
		return json_error(r, MHD_HTTP_UNAUTHORIZED, NULL, "log in first (POST /api/v1/login)");
	char csrf[65];
	int64_t user_id;
	token_hash(token, r->token_hash);
	if (store_session_get(r->st, r->token_hash, &user_id, csrf) != EALA_OK ||
	    store_user_get(r->st, user_id, &r->user) != EALA_OK)
		return json_error(r, MHD_HTTP_UNAUTHORIZED, NULL, "the session has ended: log in again");
	/* a cookie comes with any request the browser makes, so state changes
	 * must prove they come from our pages */
	if (!bearer && strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0) {
		const char *sent = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-CSRF-Token");
		if (!sent)
			sent = req_form(r, "csrf");
		if (!sent || !token_equal(sent, csrf))
			return json_error(r, MHD_HTTP_FORBIDDEN, "csrf",
					  "missing or wrong CSRF token (X-CSRF-Token header)");
	}
	store_user_roles(r->st, r->user.id, &r->roles, &r->n_roles);
	snprintf(r->csrf, sizeof(r->csrf), "%s", csrf);
	return 0;
}

int auth_optional(struct req *r)
{
	int bearer;
	const char *token = request_token(r, &bearer);
	char csrf[65];
	int64_t user_id;
	if (!token || strlen(token) != 64 || !r->st)
		return 0;
	token_hash(token, r->token_hash);
	if (store_session_get(r->st, r->token_hash, &user_id, csrf) != EALA_OK ||
	    store_user_get(r->st, user_id, &r->user) != EALA_OK)
		return 0;
	store_user_roles(r->st, r->user.id, &r->roles, &r->n_roles);
	snprintf(r->csrf, sizeof(r->csrf), "%s", csrf);
	return 1;
}

/* Anonymous visitors read published records only; every signed-in role
 * reads drafts too. */
int reads_drafts(const struct req *r)
{
	return r->user.id > 0;
}

void auth_clear(struct req *r)
{
	user_clear(&r->user);
	store_roles_free(r->roles, r->n_roles);
	r->roles = NULL;
	r->n_roles = 0;
}
