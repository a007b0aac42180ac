/* test_store.c: the SQLite store: migrations, records, filters, search, transactions. */
#include "testutil.h"

#include <sqlite3.h>

struct fixture {
	struct store *st;
	char *path;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	codelist_load_install();
	f->st = tu_store(&f->path);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	tu_store_free(f->st, f->path);
	free(f);
	codelist_reset();
	return 0;
}

static int64_t add_authority(struct store *st, const char *name, const char *country,
			     const char *other)
{
	struct authority a = {.name = (char *)name, .country = (char *)country,
			      .level = "municipality", .population = EALA_NO_VALUE};
	if (other)
		strv_push(&a.other_names, other);
	char *err = NULL;
	assert_int_equal(store_authority_insert(st, &a, &err), 0);
	strv_clear(&a.other_names);
	return a.id;
}

static int64_t add_partnership(struct store *st, int64_t a, int64_t b, const char *kind,
			       const char *start, const char *end)
{
	int64_t m[2] = {a, b};
	struct partnership p = {.name = "p", .kind = (char *)kind, .status = "active",
				.start_date = (char *)start, .end_date = (char *)end,
				.members = m, .n_members = 2};
	char *err = NULL;
	int rc = store_partnership_insert(st, &p, &err);
	free(err);
	return rc == EALA_OK ? p.id : -p.id;
}

struct collect {
	int64_t ids[64];
	int n;
};

static int collect_authority(void *ctx, const struct authority *a)
{
	struct collect *c = ctx;
	c->ids[c->n++] = a->id;
	return 0;
}

static int collect_partnership(void *ctx, const struct partnership *p)
{
	struct collect *c = ctx;
	c->ids[c->n++] = p->id;
	return 0;
}

static void migrations(void **state)
{
	struct fixture *f = *state;
	char *err = NULL;
	int from, to;
	assert_int_equal(store_check(f->st, &err), EALA_OK);
	assert_int_equal(store_init(f->st, &from, &to, &err), EALA_OK);
	assert_int_equal(from, store_schema_version());
	assert_int_equal(to, store_schema_version());
}

static void newer_database_refused(void **state)
{
	(void)state;
	char *path = tu_tmppath(".db"), *err = NULL;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_exec(db, "PRAGMA application_id = 1161907265; PRAGMA user_version = 99;"
			 "CREATE TABLE x(a);", NULL, NULL, NULL);
	sqlite3_close(db);
	struct store *st;
	int from, to;
	assert_int_equal(store_open(path, 0, &st, &err), EALA_OK);
	assert_int_equal(store_init(st, &from, &to, &err), EALA_EVERSION);
	assert_non_null(strstr(err, "newer eala"));
	free(err);
	err = NULL;
	assert_int_equal(store_check(st, &err), EALA_EVERSION);
	free(err);
	store_close(st);
	tu_unlink_db(path);
	free(path);
}

static void foreign_database_refused(void **state)
{
	(void)state;
	char *path = tu_tmppath(".db"), *err = NULL;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_exec(db, "CREATE TABLE customers(a);", NULL, NULL, NULL);
	sqlite3_close(db);
	struct store *st;
	int from, to;
	assert_int_equal(store_open(path, 0, &st, &err), EALA_OK);
	assert_int_equal(store_init(st, &from, &to, &err), EALA_EVERSION);
	assert_non_null(strstr(err, "not an eala database"));
	free(err);
	store_close(st);
	tu_unlink_db(path);
	free(path);
}

static void missing_database(void **state)
{
	(void)state;
	struct store *st;
	char *err = NULL;
	assert_int_equal(store_open("/tmp/eala-does-not-exist.db", 0, &st, &err), EALA_ENOTFOUND);
	assert_non_null(strstr(err, "eala init"));
	free(err);
}

static void authority_round_trip(void **state)
{
	struct fixture *f = *state;
	struct authority a = {.name = "Grand Nancy", .country = "FR", .level = "intermunicipal",
			      .official_code = "245400676", .population = 257000, .has_coords = 1,
			      .lat = 48.69, .lng = 6.18, .overseas = 0, .source = "seed 001",
			      .illustrative = "population", .notes = "métropole"};
	strv_push(&a.other_names, "Métropole du Grand Nancy");
	char *err = NULL;
	int rc = store_authority_insert(f->st, &a, &err);
	if (rc)
		fprintf(stderr, "# %s\n", err);
	assert_int_equal(rc, 0);
	struct authority b;
	assert_int_equal(store_authority_get(f->st, a.id, &b), 0);
	assert_string_equal(b.name, "Grand Nancy");
	assert_string_equal(b.level, "intermunicipal");
	assert_int_equal(b.population, 257000);
	assert_true(b.has_coords);
	assert_int_equal(b.other_names.n, 1);
	assert_string_equal(b.other_names.v[0], "Métropole du Grand Nancy");
	assert_string_equal(b.illustrative, "population");
	int64_t code_id;
	assert_int_equal(store_authority_find_code(f->st, "FR", "245400676", &code_id), 0);
	assert_int_equal(code_id, a.id);
	authority_clear(&b);
	strv_clear(&a.other_names);
	assert_int_equal(store_authority_get(f->st, 9999, &b), EALA_ENOTFOUND);
}

static void search_ignores_accents_and_case(void **state)
{
	struct fixture *f = *state;
	int64_t se = add_authority(f->st, "Saint-Étienne", "FR", NULL);
	int64_t fu = add_authority(f->st, "Fürth", "DE", NULL);
	add_authority(f->st, "Lyon", "FR", "Lugdunum");
	struct collect c = {0};
	struct store_filter flt = {.q = "saint etienne"};
	int64_t total;
	char *err = NULL;
	assert_int_equal(store_authority_list(f->st, &flt, collect_authority, &c, &total, &err), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.ids[0], se);
	c.n = 0;
	flt.q = "FURTH";
	store_authority_list(f->st, &flt, collect_authority, &c, &total, &err);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.ids[0], fu);
	c.n = 0;
	flt.q = "lugd";   /* prefix of another name */
	store_authority_list(f->st, &flt, collect_authority, &c, &total, &err);
	assert_int_equal(c.n, 1);
	c.n = 0;
	flt.q = "\"OR * NEAR(";  /* FTS syntax in user text is inert */
	assert_int_equal(store_authority_list(f->st, &flt, collect_authority, &c, &total, &err), 0);
	assert_int_equal(c.n, 0);
}

static void partnerships_deduplicated_both_ways(void **state)
{
	struct fixture *f = *state;
	int64_t a = add_authority(f->st, "Quetigny", "FR", NULL);
	int64_t b = add_authority(f->st, "Bous", "DE", NULL);
	int64_t p = add_partnership(f->st, a, b, "twinning", NULL, NULL);
	assert_true(p > 0);
	assert_int_equal(add_partnership(f->st, b, a, "twinning", NULL, NULL), -p);
	/* another kind between the same pair is another partnership */
	assert_true(add_partnership(f->st, a, b, "friendship", NULL, NULL) > 0);
	struct partnership got;
	assert_int_equal(store_partnership_get(f->st, p, &got), 0);
	assert_int_equal(got.n_members, 2);
	assert_int_equal(got.members[0], a);
	partnership_clear(&got);
}

static void filters(void **state)
{
	struct fixture *f = *state;
	int64_t q = add_authority(f->st, "Quetigny", "FR", NULL);
	int64_t k = add_authority(f->st, "Koulikoro", "ML", NULL);
	int64_t b = add_authority(f->st, "Bous", "DE", NULL);
	int64_t p1 = add_partnership(f->st, q, k, "decentralised_cooperation", "1985-01-01", NULL);
	int64_t p2 = add_partnership(f->st, q, b, "twinning", "1990-05-01", "2000-12-31");
	struct collect c = {0};
	int64_t total = 0;
	char *err = NULL;
	struct store_filter flt = {.country = "ML"};
	store_partnership_list(f->st, &flt, collect_partnership, &c, &total, &err);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.ids[0], p1);
	c.n = 0;
	struct store_filter y = {.year = 1995};
	store_partnership_list(f->st, &y, collect_partnership, &c, &total, &err);
	assert_int_equal(c.n, 2);
	c.n = 0;
	y.year = 2005;
	store_partnership_list(f->st, &y, collect_partnership, &c, &total, &err);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.ids[0], p1);
	c.n = 0;
	struct store_filter kind = {.kind = "twinning"};
	store_partnership_list(f->st, &kind, collect_partnership, &c, &total, &err);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.ids[0], p2);
	/* partners of an authority */
	c.n = 0;
	struct store_filter of = {.authority_id = q};
	store_authority_list(f->st, &of, collect_authority, &c, &total, &err);
	assert_int_equal(c.n, 2);
	assert_int_equal(total, 2);
	/* paging: limit and cursor, total unchanged */
	c.n = 0;
	struct store_filter page = {.limit = 1};
	store_authority_list(f->st, &page, collect_authority, &c, &total, &err);
	assert_int_equal(c.n, 1);
	assert_int_equal(total, 3);
	page.after_id = c.ids[0];
	store_authority_list(f->st, &page, collect_authority, &c, &total, &err);
	assert_int_equal(c.n, 2);
	assert_true(c.ids[1] > c.ids[0]);
}

/* facet values and counts as "value=n,value=n", in the store's order */
static int facet_join(void *ctx, const char *value, int64_t n)
{
	char *out = ctx;
	size_t len = strlen(out);
	snprintf(out + len, 256 - len, "%s%s=%lld", len ? "," : "", value, (long long)n);
	return 0;
}

static void facet_counts(void **state)
{
	struct fixture *f = *state;
	int64_t q = add_authority(f->st, "Quetigny", "FR", NULL);
	int64_t k = add_authority(f->st, "Koulikoro", "ML", NULL);
	int64_t b = add_authority(f->st, "Bous", "DE", NULL);
	int64_t s = add_authority(f->st, "Quetigny-Sud", "ML", NULL);
	add_partnership(f->st, q, k, "decentralised_cooperation", NULL, NULL);
	add_partnership(f->st, q, b, "twinning", NULL, NULL);
	add_partnership(f->st, b, s, "twinning", NULL, NULL);
	char got[256] = "";
	char *err = NULL;
	struct store_filter words = {.q = "quetigny"};
	assert_int_equal(store_facet_counts(f->st, STORE_FACET_AUTHORITY_COUNTRY, &words, facet_join,
					    got, &err), 0);
	assert_string_equal(got, "FR=1,ML=1");
	/* partnerships found by their members' names, most common kind first */
	got[0] = 0;
	assert_int_equal(store_facet_counts(f->st, STORE_FACET_PARTNERSHIP_KIND, &words, facet_join,
					    got, &err), 0);
	assert_string_equal(got, "twinning=2,decentralised_cooperation=1");
	/* the other filters apply: partnerships with a member in Mali */
	got[0] = 0;
	struct store_filter mali = {.q = "quetigny", .country = "ML"};
	assert_int_equal(store_facet_counts(f->st, STORE_FACET_PARTNERSHIP_KIND, &mali, facet_join,
					    got, &err), 0);
	assert_string_equal(got, "decentralised_cooperation=1,twinning=1");
	got[0] = 0;
	struct store_filter none = {.q = "nowhere"};
	assert_int_equal(store_facet_counts(f->st, STORE_FACET_ACTION_TYPE, &none, facet_join, got,
					    &err), 0);
	assert_string_equal(got, "");
	assert_int_equal(store_facet_counts(f->st, (enum store_facet)99, &none, facet_join, got, &err),
			 EALA_EINVAL);
	free(err);
}

static void rollback_leaves_nothing(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(store_begin(f->st), 0);
	add_authority(f->st, "Chambéry", "FR", NULL);
	store_rollback(f->st);
	struct store_stats s;
	char *err = NULL;
	assert_int_equal(store_stats_get(f->st, &s, &err), 0);
	assert_int_equal(s.authorities, 0);
	/* and the search index saw nothing either */
	struct collect c = {0};
	struct store_filter flt = {.q = "chambery"};
	store_authority_list(f->st, &flt, collect_authority, &c, NULL, &err);
	assert_int_equal(c.n, 0);
}

static void foreign_keys_enforced(void **state)
{
	struct fixture *f = *state;
	int64_t m[2] = {4000, 4001};
	struct partnership p = {.name = "ghost", .kind = "twinning", .status = "active",
				.members = m, .n_members = 2};
	char *err = NULL;
	assert_int_not_equal(store_partnership_insert(f->st, &p, &err), EALA_OK);
	free(err);
}

/* The search index follows renames, new spellings and updates, inside and
 * outside a transaction, and FTS5's own integrity check agrees. */
static void search_index_follows_changes(void **state)
{
	struct fixture *f = *state;
	char *err = NULL;
	int64_t lyon = add_authority(f->st, "Lyon", "FR", NULL);
	struct authority a;
	assert_int_equal(store_authority_get(f->st, lyon, &a), 0);
	str_set(&a.name, "Lugdunum");
	assert_int_equal(store_authority_update(f->st, &a, &err), 0);
	authority_clear(&a);
	assert_int_equal(store_authority_add_name(f->st, lyon, "Liyon", &err), 0);
	/* inside one transaction: insert, update, add a name, update again */
	assert_int_equal(store_begin(f->st), 0);
	int64_t gre = add_authority(f->st, "Grenoble", "FR", NULL);
	assert_int_equal(store_authority_get(f->st, gre, &a), 0);
	str_set(&a.name, "Grenoble-Alpes");
	assert_int_equal(store_authority_update(f->st, &a, &err), 0);
	assert_int_equal(store_authority_add_name(f->st, gre, "Grenoble", &err), 0);
	assert_int_equal(store_authority_update(f->st, &a, &err), 0);
	authority_clear(&a);
	assert_int_equal(store_authority_add_name(f->st, lyon, "Lion", &err), 0);
	assert_int_equal(store_commit(f->st), 0);

	struct { const char *q; int64_t want; } cases[] = {
		{"lugdunum", lyon}, {"liyon", lyon}, {"lion", lyon}, {"lyon", 0},
		{"alpes", gre}, {"grenoble", gre},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct collect c = {0};
		struct store_filter flt = {.q = cases[i].q};
		assert_int_equal(store_authority_list(f->st, &flt, collect_authority, &c, NULL, &err), 0);
		assert_int_equal(c.n, cases[i].want ? 1 : 0);
		if (cases[i].want)
			assert_int_equal(c.ids[0], cases[i].want);
	}
	store_close(f->st);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO authority_fts(authority_fts) VALUES ('integrity-check')",
				      NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	f->st = NULL;
	assert_int_equal(store_open(f->path, 0, &f->st, &err), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(migrations, setup, teardown),
		cmocka_unit_test_setup_teardown(newer_database_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(foreign_database_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_database, setup, teardown),
		cmocka_unit_test_setup_teardown(authority_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(search_ignores_accents_and_case, setup, teardown),
		cmocka_unit_test_setup_teardown(partnerships_deduplicated_both_ways, setup, teardown),
		cmocka_unit_test_setup_teardown(filters, setup, teardown),
		cmocka_unit_test_setup_teardown(facet_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(rollback_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(foreign_keys_enforced, setup, teardown),
		cmocka_unit_test_setup_teardown(search_index_follows_changes, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
