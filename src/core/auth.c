/* auth.c: role rules, Argon2id passwords and tokens on libsodium. */
#include "auth.h"

#include <sodium.h>
#include <string.h>

static const char *const roles[] = {"admin", "coordinator", "editor", "partner_contributor",
				    "viewer"};

int role_valid(const char *role)
{
	for (size_t i = 0; role && i < sizeof(roles) / sizeof(*roles); i++)
		if (strcmp(role, roles[i]) == 0)
			return 1;
	return 0;
}

int role_scopable(const char *role)
{
	return role_scoped(role) || (role && strcmp(role, "coordinator") == 0);
}

int role_scoped(const char *role)
{
	return role && (strcmp(role, "editor") == 0 || strcmp(role, "partner_contributor") == 0);
}

static int in_scope(int64_t authority, const int64_t *scope, size_t n_scope)
{
	for (size_t i = 0; i < n_scope; i++)
		if (scope[i] == authority)
			return 1;
	return 0;
}

int authz_allows(const struct principal *p, enum operation op, const int64_t *scope, size_t n_scope)
{
	if (op == OP_READ)
		return 1;
	if (!p)
		return 0;
	for (size_t i = 0; i < p->n_roles; i++) {
		const struct role *r = &p->roles[i];
		if (!r->role)
			continue;
		if (strcmp(r->role, "admin") == 0)
			return 1;
		/* an editor records their authority's work, and may add the foreign
		 * authorities and organisations it works with; a coordinator reads
		 * everything and edits, the same way, the authorities an admin
		 * granted them (one coordinator role per authority) */
		if (strcmp(r->role, "editor") == 0 ||
		    (strcmp(r->role, "coordinator") == 0 && r->authority_id)) {
			if (n_scope == 0 && op == OP_CREATE)
				return 1;
			if (in_scope(r->authority_id, scope, n_scope))
				return 1;
		}
		/* a partner contributor reports its own side of the partnerships
		 * its authority is a member of, nothing else; viewer reads */
		if (strcmp(r->role, "partner_contributor") == 0 && op == OP_REPORT &&
		    in_scope(r->authority_id, scope, n_scope))
			return 1;
	}
	return 0;
}

const char *authz_side(const struct principal *p, int64_t home, const int64_t *scope, size_t n_scope)
{
	const char *side = NULL;
	for (size_t i = 0; p && i < p->n_roles; i++) {
		int64_t a = p->roles[i].authority_id;
		if (!a || !p->roles[i].role || strcmp(p->roles[i].role, "viewer") == 0)
			continue;
		if (a == home)
			return "home";
		if (in_scope(a, scope, n_scope))
			side = "partner";
	}
	return side;
}

int authz_allows_side(const struct principal *p, const char *side, int64_t home, const int64_t *scope,
		      size_t n_scope)
{
	if (authz_allows(p, OP_UPDATE, scope, n_scope))
		return 1;
	if (!authz_allows(p, OP_REPORT, scope, n_scope) || !side)
		return 0;
	const char *mine = authz_side(p, home, scope, n_scope);
	return mine && (strcmp(side, "both") == 0 || strcmp(side, mine) == 0);
}

int authz_writes_all(const struct principal *p)
{
	for (size_t i = 0; p && i < p->n_roles; i++)
		if (p->roles[i].role && strcmp(p->roles[i].role, "admin") == 0)
			return 1;
	return 0;
}

int password_hash(const char *password, char *out)
{
	if (sodium_init() < 0)
		return EALA_ENOMEM;
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return EALA_ENOMEM;
	return EALA_OK;
}

int password_verify(const char *hash, const char *password)
{
	if (!hash || !password || sodium_init() < 0)
		return 0;
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void token_new(char out[65])
{
	unsigned char raw[32];
	if (sodium_init() < 0) {
		out[0] = '\0';
		return;
	}
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, 65, raw, sizeof(raw));
}

void token_hash(const char *token, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

int token_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}
