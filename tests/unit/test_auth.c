/* test_auth.c: the role rules of authz_allows(), the one place that says who
 * may change what, and the password and token helpers. */
#include "testutil.h"

#include "../../src/core/auth.h"

#include <sodium.h>

static int allows(const char *role, int64_t granted, enum operation op, const int64_t *scope, size_t n)
{
	struct role r = {.user_id = 1, .role = (char *)role, .authority_id = granted};
	struct principal p = {.user_id = 1, .login = "u", .roles = &r, .n_roles = 1};
	return authz_allows(&p, op, scope, n);
}

static void roles_and_scopes(void **state)
{
	(void)state;
	const int64_t mine[] = {7}, shared[] = {9, 7}, other[] = {9};
	/* everyone reads, anonymous included */
	assert_true(authz_allows(NULL, OP_READ, other, 1));
	assert_false(authz_allows(NULL, OP_CREATE, NULL, 0));
	/* admin writes everything */
	assert_true(allows("admin", 0, OP_DELETE, other, 1));
	/* an editor writes the records their authority is party to, and may add
	 * records of no authority (a foreign town, an organisation abroad) */
	assert_true(allows("editor", 7, OP_UPDATE, mine, 1));
	assert_true(allows("editor", 7, OP_UPDATE, shared, 2));
	assert_false(allows("editor", 7, OP_UPDATE, other, 1));
	assert_true(allows("editor", 7, OP_CREATE, NULL, 0));
	assert_false(allows("editor", 7, OP_UPDATE, NULL, 0));
	/* a coordinator edits only what an admin granted */
	assert_false(allows("coordinator", 0, OP_UPDATE, mine, 1));
	assert_false(allows("coordinator", 0, OP_CREATE, NULL, 0));
	assert_true(allows("coordinator", 7, OP_UPDATE, mine, 1));
	assert_false(allows("coordinator", 7, OP_DELETE, other, 1));
	/* a partner contributor reports on its own partnerships, nothing else */
	assert_true(allows("partner_contributor", 7, OP_REPORT, shared, 2));
	assert_false(allows("partner_contributor", 7, OP_REPORT, other, 1));
	assert_true(allows("editor", 7, OP_REPORT, shared, 2));
	assert_false(allows("viewer", 0, OP_REPORT, shared, 2));
	/* a partner contributor and a viewer change none of these records */
	assert_false(allows("partner_contributor", 7, OP_UPDATE, mine, 1));
	assert_false(allows("viewer", 0, OP_CREATE, NULL, 0));
}

static void writing_everything(void **state)
{
	(void)state;
	struct role two[] = {{1, "editor", 7}, {1, "admin", 0}};
	struct principal p = {1, "u", two, 2};
	assert_true(authz_writes_all(&p));
	struct role co = {1, "coordinator", 0};
	struct principal c = {1, "u", &co, 1};
	assert_false(authz_writes_all(&c));
	assert_false(authz_writes_all(NULL));
}

static void role_names(void **state)
{
	(void)state;
	assert_true(role_valid("partner_contributor"));
	assert_false(role_valid("root"));
	assert_false(role_valid(NULL));
	assert_true(role_scoped("editor"));
	assert_false(role_scoped("coordinator"));
	assert_true(role_scopable("coordinator"));
	assert_false(role_scopable("admin"));
}

static void passwords_and_tokens(void **state)
{
	(void)state;
	assert_int_equal(sodium_init() >= 0, 1);
	char hash[AUTH_HASH_LEN];
	assert_int_equal(password_hash("correct horse", hash), EALA_OK);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
	assert_true(password_verify(hash, "correct horse"));
	assert_false(password_verify(hash, "correct hors"));
	char a[65], b[65], ha[65];
	token_new(a);
	token_new(b);
	assert_int_equal(strlen(a), 64);
	assert_false(token_equal(a, b));
	token_hash(a, ha);
	assert_false(token_equal(a, ha));
	assert_true(token_equal(a, a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roles_and_scopes),
		cmocka_unit_test(writing_everything),
		cmocka_unit_test(role_names),
		cmocka_unit_test(passwords_and_tokens),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
