/* test_coordination.c: pooling in Mali on a small set of records whose
 * figures are worked out by hand in the comments (the same records as
 * tests/cli/coordination_data.json, without the drafts). */
#include "testutil.h"

#include "../../src/analysis/coordination.h"

#include <string.h>

static int setup(void **state)
{
	(void)state;
	codelist_load_install();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	codelist_reset();
	return 0;
}

/* Authorities: Grand Dijon #1, Quetigny #2 (inside Grand Dijon), Lyon #3;
 * Koulikoro #4 and Bamako #5 in Mali. Partnerships 1 Quetigny–Koulikoro,
 * 2 Grand Dijon–Koulikoro, 4 Lyon–Koulikoro (active), 3 Lyon–Bamako (ended
 * 2000–2010). Actions: 1 Quetigny water 2019–2023 (15,000 EUR), 2 Grand
 * Dijon water 2021–2022 (40,000), 3 Lyon water 2024–2025 (nothing), 4 Lyon
 * health 2020–2022 (8,000), 5 Grand Dijon education 2021, standalone. */
static const struct store_coordination_row rows[] = {
	{.id = 1, .partnership_id = 1, .home_id = 2, .home_parent_id = 1, .partner_id = 4, .name = "P1",
	 .home = "Quetigny", .partner = "Koulikoro", .status = "active", .n_countries = 1},
	{.id = 2, .partnership_id = 2, .home_id = 1, .partner_id = 4, .name = "P2", .home = "Grand Dijon",
	 .partner = "Koulikoro", .status = "active", .n_countries = 1},
	{.id = 3, .partnership_id = 3, .home_id = 3, .partner_id = 5, .name = "P3", .home = "Lyon", .partner = "Bamako",
	 .status = "ended", .start_year = 2000, .end_year = 2010, .n_countries = 1},
	{.id = 4, .partnership_id = 4, .home_id = 3, .partner_id = 4, .name = "P4", .home = "Lyon",
	 .partner = "Koulikoro", .status = "active", .n_countries = 1},
	{.is_action = 1, .id = 1, .partnership_id = 1, .home_id = 2, .home_parent_id = 1, .partner_id = 4,
	 .name = "Quetigny water", .home = "Quetigny", .partner = "Koulikoro", .status = "2",
	 .domains = "water_sanitation", .start_year = 2019, .end_year = 2023, .budget = 15000, .n_financing = 2,
	 .n_countries = 1},
	{.is_action = 1, .id = 2, .partnership_id = 2, .home_id = 1, .partner_id = 4, .name = "Dijon water",
	 .home = "Grand Dijon", .partner = "Koulikoro", .status = "2", .domains = "water_sanitation",
	 .start_year = 2021, .end_year = 2022, .budget = 40000, .n_financing = 1, .n_countries = 1},
	{.is_action = 1, .id = 3, .partnership_id = 4, .home_id = 3, .partner_id = 4, .name = "Lyon wells",
	 .home = "Lyon", .partner = "Koulikoro", .status = "2", .domains = "water_sanitation", .start_year = 2024,
	 .end_year = 2025, .n_countries = 1},
	{.is_action = 1, .id = 4, .partnership_id = 4, .home_id = 3, .partner_id = 4, .name = "Lyon health",
	 .home = "Lyon", .partner = "Koulikoro", .status = "2", .domains = "health", .start_year = 2020,
	 .end_year = 2022, .budget = 8000, .n_financing = 1, .n_countries = 1},
	{.is_action = 1, .id = 5, .home_id = 1, .name = "Dijon schools", .home = "Grand Dijon", .status = "2",
	 .domains = "education_youth", .start_year = 2021, .end_year = 2021, .n_countries = 1},
};
#define NROWS (sizeof(rows) / sizeof(*rows))

static void collect(void *ctx, const char *s)
{
	strv_push(ctx, s);
}

static void figures(void **state)
{
	(void)state;
	struct coordination_params p = {.country = "ML", .year = 2021};
	struct coordination_result r;
	assert_int_equal(coordination_compute(rows, NROWS, &p, &r), EALA_OK);
	/* P3 ended in 2010: Lyon counts P4 only. 3 partnerships, 5 actions,
	 * 15,000 + 40,000 + 8,000 = 63,000 EUR. */
	assert_int_equal(r.n_authorities, 3);
	assert_int_equal(r.partnerships, 3);
	assert_int_equal(r.actions, 5);
	assert_true(r.budget == 63000);
	/* most money first: Grand Dijon 40,000 (P2; actions 2 and 5), Quetigny 15,000, Lyon 8,000 */
	assert_string_equal(r.authorities[0].name, "Grand Dijon");
	assert_int_equal(r.authorities[0].partnerships, 1);
	assert_int_equal(r.authorities[0].actions, 2);
	assert_true(r.authorities[0].budget == 40000);
	assert_string_equal(r.authorities[1].name, "Quetigny");
	assert_int_equal(r.authorities[1].parent_id, 1);
	assert_string_equal(r.authorities[2].name, "Lyon");
	assert_int_equal(r.authorities[2].actions, 2);
	assert_true(r.authorities[2].budget == 8000);
	/* Koulikoro, water: actions 1 (2019–2023) and 2 (2021–2022) overlap;
	 * Lyon's wells (2024–2025) start after: not in the cluster. Health and
	 * education have one authority each: no cluster. */
	assert_int_equal(r.n_clusters, 1);
	assert_int_equal(r.clusters[0].partner_id, 4);
	assert_string_equal(r.clusters[0].domain, "water_sanitation");
	assert_int_equal(r.clusters[0].from, 2019);
	assert_int_equal(r.clusters[0].to, 2023);
	assert_int_equal(r.clusters[0].n_actions, 2);
	assert_int_equal(r.clusters[0].homes, 2);
	/* Quetigny inside Grand Dijon, both on water in Koulikoro */
	assert_int_equal(r.n_parents, 1);
	assert_int_equal(r.parents[0].child_id, 2);
	assert_int_equal(r.parents[0].parent_id, 1);
	assert_true(r.parents[0].overlap);
	/* one suggestion: 30 place + 20 domain + 2 years × 5 + 20 parent + 10 budgets = 90 */
	assert_int_equal(r.n_suggestions, 1);
	const struct coordination_suggestion *s = &r.suggestions[0];
	assert_int_equal(s->a_id, 1);
	assert_int_equal(s->b_id, 2);
	assert_int_equal(s->from, 2021);
	assert_int_equal(s->to, 2022);
	assert_int_equal(s->score, 90);
	assert_int_equal(s->reasons, COORD_SAME_PLACE | COORD_SAME_DOMAIN | COORD_OVERLAP | COORD_PARENT | COORD_BUDGETS);
	assert_true(s->budget_a == 40000 && s->budget_b == 15000);
	coordination_clear(&r);
}

static void sentences(void **state)
{
	(void)state;
	struct coordination_params p = {.country = "ML", .year = 2021};
	struct coordination_result r;
	struct strv sv = {0};
	assert_int_equal(coordination_compute(rows, NROWS, &p, &r), EALA_OK);
	coordination_sentences(&r, CL_LANG_EN, collect, &sv);
	assert_int_equal(sv.n, 6);
	assert_string_equal(sv.v[0], "3 home authorities are active in Mali in 2021: 3 partnerships, 5 actions, "
				     "63000 EUR of financing.");
	/* 40,000 / 63,000 = 63.5 % */
	assert_string_equal(sv.v[1], "Grand Dijon brings the most financing: 40000 EUR, 63% of the total.");
	assert_non_null(strstr(sv.v[2], "1 cluster of overlapping actions"));
	assert_string_equal(sv.v[3], "Quetigny and Grand Dijon, which contains it, both act on Water and sanitation in "
				     "Koulikoro.");
	assert_string_equal(sv.v[4], "1 suggestion to pool, the strongest first:");
	assert_string_equal(sv.v[5], "Grand Dijon and Quetigny both act on Water and sanitation in Koulikoro, "
				     "2021–2022: pool (score 90).");
	strv_clear(&sv);
	coordination_clear(&r);
}

static void filters(void **state)
{
	(void)state;
	struct coordination_result r;
	struct strv sv = {0};
	/* health: Lyon alone, P4 through its health action */
	struct coordination_params p = {.country = "ML", .domain = "health", .year = 2021};
	assert_int_equal(coordination_compute(rows, NROWS, &p, &r), EALA_OK);
	assert_int_equal(r.n_authorities, 1);
	assert_int_equal(r.partnerships, 1);
	assert_int_equal(r.actions, 1);
	assert_true(r.budget == 8000);
	assert_int_equal(r.n_clusters, 0);
	assert_int_equal(r.n_suggestions, 0);
	coordination_clear(&r);
	/* Bamako in 2021: Lyon – Bamako ended in 2010 */
	p = (struct coordination_params){.country = "ML", .territory = 5, .year = 2021};
	assert_int_equal(coordination_compute(rows, NROWS, &p, &r), EALA_OK);
	assert_int_equal(r.n_authorities, 0);
	coordination_sentences(&r, CL_LANG_EN, collect, &sv);
	assert_int_equal(sv.n, 1);
	assert_string_equal(sv.v[0], "No home authority is active in Mali in 2021.");
	strv_clear(&sv);
	coordination_clear(&r);
	/* Bamako in 2005: its years cover 2005 although it has ended since */
	p.year = 2005;
	assert_int_equal(coordination_compute(rows, NROWS, &p, &r), EALA_OK);
	assert_int_equal(r.n_authorities, 1);
	assert_string_equal(r.authorities[0].name, "Lyon");
	assert_int_equal(r.authorities[0].partnerships, 1);
	coordination_clear(&r);
}

/* Two standalone actions in the country, no partner named, no money, the
 * same year: 10 country + 20 domain + 5 for one year = 35. A partnership
 * with two members in the country counts once. */
static void country_only(void **state)
{
	(void)state;
	static const struct store_coordination_row more[] = {
		{.id = 7, .partnership_id = 7, .home_id = 3, .partner_id = 4, .status = "active", .n_countries = 1},
		{.id = 7, .partnership_id = 7, .home_id = 3, .partner_id = 5, .status = "active", .n_countries = 1},
		{.is_action = 1, .id = 8, .home_id = 1, .home = "Grand Dijon", .status = "2", .domains = "culture|sport",
		 .start_year = 2021, .end_year = 2021, .n_countries = 2, .budget = 1000},
		{.is_action = 1, .id = 9, .home_id = 3, .home = "Lyon", .status = "3", .domains = "culture",
		 .start_year = 2020, .end_year = 2021, .n_countries = 1},
	};
	struct coordination_params p = {.country = "ML", .year = 2021};
	struct coordination_result r;
	assert_int_equal(coordination_compute(more, 4, &p, &r), EALA_OK);
	assert_int_equal(r.partnerships, 1);
	assert_int_equal(r.n_authorities, 2);
	/* 1,000 EUR over two countries: 500 here */
	assert_true(r.budget == 500);
	assert_int_equal(r.n_clusters, 1);
	assert_string_equal(r.clusters[0].domain, "culture");
	assert_int_equal(r.n_suggestions, 1);
	assert_int_equal(r.suggestions[0].score, 35);
	assert_int_equal(r.suggestions[0].reasons, COORD_SAME_COUNTRY | COORD_SAME_DOMAIN | COORD_OVERLAP);
	assert_int_equal(r.n_parents, 0);
	coordination_clear(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(figures),
		cmocka_unit_test(sentences),
		cmocka_unit_test(filters),
		cmocka_unit_test(country_only),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
