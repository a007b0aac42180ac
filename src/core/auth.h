/* auth.h: who may do what (one place for every role rule), passwords and
 * session tokens (libsodium).
 *
 * Roles are scoped to an authority or global (DESIGN.md §2): admin is global;
 * a coordinator reads everything and edits the authorities an admin granted
 * (a coordinator role with an authority, one per grant); editor and
 * partner_contributor belong to one authority; viewer only reads. authz_allows() is the only function that
 * answers "may this user do this", so that the web layer and the CLI check
 * roles in one place.
 */
#ifndef EALA_AUTH_H
#define EALA_AUTH_H

#include "model.h"

#include <stddef.h>
#include <stdint.h>

/* OP_REPORT: report an observed outcome on a partnership the authority is a
 * member of (its own side). */
enum operation { OP_READ, OP_CREATE, OP_UPDATE, OP_DELETE, OP_REPORT };

/* A logged-in user and the roles they hold (borrowed arrays). */
struct principal {
	int64_t user_id;
	const char *login;
	const struct role *roles;
	size_t n_roles;
};

/* 1 when role is one of admin, coordinator, editor, partner_contributor, viewer. */
int role_valid(const char *role);
/* 1 when role needs an authority (editor, partner_contributor). */
int role_scoped(const char *role);
/* 1 when role may be given an authority (the scoped ones and coordinator). */
int role_scopable(const char *role);

/* Whether p may do op on a record that belongs to the authorities in scope
 * (the authority itself, a partnership's members, an action's lead, an
 * organisation's home; n_scope 0 for a record of no authority, such as a new
 * foreign authority). Reading is open to everyone. */
int authz_allows(const struct principal *p, enum operation op, const int64_t *scope, size_t n_scope);

/* The side of a partnership (or an action) p reports from: "home" when one of
 * its roles is scoped to home (the partnership's first member, the action's
 * lead), "partner" when to another authority of scope, NULL when none (an
 * admin, a coordinator of another authority). */
const char *authz_side(const struct principal *p, int64_t home, const int64_t *scope, size_t n_scope);

/* Whether p may change a result (an expected impact's actual values, an
 * observed outcome) of the given side ("home", "partner" or "both"): whoever
 * may update the records of scope changes any; whoever may only report
 * (OP_REPORT) changes those of their own side, "both" being each side's. */
int authz_allows_side(const struct principal *p, const char *side, int64_t home, const int64_t *scope,
		      size_t n_scope);

/* Whether p may write any record (admin): imports of whole files, whose rows
 * may belong to any authority, need it. */
int authz_writes_all(const struct principal *p);

/* Argon2id hash of a password (libsodium's string format) into out, which
 * has room for AUTH_HASH_LEN bytes; EALA_OK or EALA_ENOMEM. */
#define AUTH_HASH_LEN 128
int password_hash(const char *password, char *out);
/* 1 when password matches the stored hash. */
int password_verify(const char *hash, const char *password);

/* A new random token, 64 hex characters, into out (65 bytes). */
void token_new(char out[65]);
/* The hex hash under which a token is stored (the token itself never is). */
void token_hash(const char *token, char out[65]);
/* Constant-time string comparison: 1 when equal. */
int token_equal(const char *a, const char *b);

#endif
