/* test_export.c: the exports written in steps give the same bytes as in one
 * go, whatever the step (what the web's streamed responses rely on), and
 * leave drafts out for public readers; their options are checked with every
 * problem named. */
#include "testutil.h"

#include "../../src/io/export.h"

#include <jansson.h>

struct fx {
	struct store *st;
	char *db;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	codelist_load_install();
	f->st = tu_store(&f->db);
	/* 7 authorities (one without coordinates), 6 partnerships, one a draft */
	for (int i = 1; i <= 7; i++) {
		struct authority a = {.name = xasprintf("Town %d", i), .country = "FR",
				      .level = "municipality", .population = EALA_NO_VALUE,
				      .has_coords = i != 4, .lat = 40 + i, .lng = i};
		assert_int_equal(store_authority_insert(f->st, &a, NULL), EALA_OK);
		free(a.name);
	}
	for (int i = 1; i <= 6; i++) {
		struct partnership p = {.name = xasprintf("Pair %d", i), .kind = xstrdup("twinning"),
					.status = xstrdup("active"), .draft = i == 3};
		assert_int_equal(partnership_add_member(&p, i), EALA_OK);
		assert_int_equal(partnership_add_member(&p, i + 1), EALA_OK);
		assert_int_equal(store_partnership_insert(f->st, &p, NULL), EALA_OK);
		partnership_clear(&p);
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tu_store_free(f->st, f->db);
	free(f);
	return 0;
}

/* The whole export of o written in steps of step records (0: one step). */
static char *export_text(struct store *st, const struct export_opts *o, size_t step)
{
	char *text = NULL;
	size_t len = 0;
	struct export *x = NULL;
	struct errlist el;
	errlist_init(&el);
	assert_int_equal(export_new(o, &x, &el), EALA_OK);
	FILE *out = open_memstream(&text, &len);
	int done = 0, steps = 0;
	while (!done) {
		assert_int_equal(export_step(x, st, out, step, &done, NULL), EALA_OK);
		assert_true(++steps < 100);
	}
	fclose(out);
	export_free(x);
	errlist_clear(&el);
	return text;
}

static void steps_same_bytes(void **state)
{
	struct fx *f = *state;
	static const struct {
		enum export_format format;
		enum record_kind kind;
	} cases[] = {
		{EXPORT_CSV, RK_PARTNERSHIP}, {EXPORT_CSV, RK_AUTHORITY}, {EXPORT_JSON, RK_PARTNERSHIP},
		{EXPORT_NDJSON, RK_AUTHORITY}, {EXPORT_GEOJSON, RK_NONE}, {EXPORT_GEOJSON, RK_AUTHORITY},
	};
	for (size_t c = 0; c < sizeof(cases) / sizeof(*cases); c++) {
		struct export_opts o = {.format = cases[c].format, .kind = cases[c].kind};
		char *whole = export_text(f->st, &o, 0);
		for (size_t step = 1; step <= 4; step++) {
			char *stepped = export_text(f->st, &o, step);
			assert_string_equal(stepped, whole);
			free(stepped);
		}
		free(whole);
	}
}

static void public_and_filtered(void **state)
{
	struct fx *f = *state;
	struct export_opts o = {.format = EXPORT_CSV, .kind = RK_PARTNERSHIP, .columns = "id,members"};
	char *all = export_text(f->st, &o, 2);
	assert_string_equal(all, "id,members\n1,1|2\n2,2|3\n3,3|4\n4,4|5\n5,5|6\n6,6|7\n");
	free(all);
	o.filter.public_only = 1;
	o.filter.authority_id = 4;
	char *pub = export_text(f->st, &o, 1);
	assert_string_equal(pub, "id,members\n4,4|5\n");   /* 3 is a draft */
	free(pub);
	/* GeoJSON: 6 authorities with coordinates, 6 partnerships */
	struct export_opts g = {.format = EXPORT_GEOJSON, .kind = RK_NONE};
	char *geo = export_text(f->st, &g, 3);
	json_error_t err;
	json_t *j = json_loads(geo, 0, &err);
	assert_non_null(j);
	assert_int_equal(json_array_size(json_object_get(j, "features")), 12);
	json_t *first = json_object_get(json_object_get(json_array_get(json_object_get(j, "features"), 0),
							"geometry"), "coordinates");
	assert_true(json_real_value(json_array_get(first, 0)) == 1.0);    /* longitude first */
	assert_true(json_real_value(json_array_get(first, 1)) == 41.0);
	json_decref(j);
	free(geo);
}

static void bad_options_named(void **state)
{
	(void)state;
	struct errlist el;
	struct export *x = NULL;
	errlist_init(&el);
	struct export_opts o = {.format = EXPORT_CSV, .kind = RK_ACTION, .columns = "title,colour,size"};
	assert_int_equal(export_new(&o, &x, &el), EALA_EINVAL);
	assert_null(x);
	assert_int_equal(el.n, 2);
	assert_string_equal(el.v[0].field, "columns");
	assert_non_null(strstr(el.v[0].msg, "'colour'"));
	assert_non_null(strstr(el.v[1].msg, "'size'"));
	errlist_clear(&el);
	errlist_init(&el);
	struct export_opts g = {.format = EXPORT_GEOJSON, .kind = RK_ORGANISATION, .columns = "id"};
	assert_int_equal(export_check(&g, &el), EALA_EINVAL);
	assert_int_equal(el.n, 2);   /* the kind and the columns */
	errlist_clear(&el);
	errlist_init(&el);
	struct export_opts c = {.format = EXPORT_CSV, .kind = RK_NONE};
	assert_int_equal(export_check(&c, &el), EALA_EINVAL);
	assert_string_equal(el.v[0].field, "kind");
	errlist_clear(&el);
	assert_int_equal(export_format_parse("ndjson"), EXPORT_NDJSON);
	assert_int_equal(export_format_parse("pdf"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(steps_same_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(public_and_filtered, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_options_named, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
