/* test_gap.c: the gap analysis on small fixtures whose figures are worked out
 * by hand in the comments. */
#include "testutil.h"

#include "../../src/analysis/gap.h"

#include <math.h>

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

static const struct gap_cat *cat(const struct gap_result *g, const char *code)
{
	for (size_t i = 0; i < g->n_cats; i++)
		if (strcmp(g->cats[i].code, code) == 0)
			return &g->cats[i];
	return NULL;
}

/* Expected: 3 economic (2 home, 1 both), 1 socio-cultural (partner).
 * Observed: 1 economic, 3 socio-cultural.
 * Shares: expected economic 3/4, socio-cultural 1/4; observed 1/4 and 3/4.
 * Nature gap = (|3/4 - 1/4| + |1/4 - 3/4|) / 2 = 1/2. */
static void nature_gap(void **state)
{
	(void)state;
	struct expected_impact e[] = {
		{.id = 1, .category = "economic.jobs", .side = "home"},
		{.id = 2, .category = "economic.tourism", .side = "home"},
		{.id = 3, .category = "economic", .side = "both"},
		{.id = 4, .category = "sociocultural.openness", .side = "partner"},
	};
	struct observed_outcome o[] = {
		{.id = 1, .expected_id = 1, .category = "economic.jobs", .side = "home", .reported_by = "home"},
		{.id = 2, .expected_id = 4, .category = "sociocultural.openness", .side = "partner",
		 .reported_by = "partner"},
		{.id = 3, .category = "sociocultural.networking", .side = "home", .reported_by = "home",
		 .unexpected = 1},
		{.id = 4, .category = "sociocultural.capacities", .side = "home", .reported_by = "home",
		 .unexpected = 1},
	};
	struct gap_result g;
	gap_compute(e, 4, o, 4, 0, &g);
	assert_int_equal(g.n_expected, 4);
	assert_int_equal(g.n_observed, 4);
	assert_int_equal(g.n_cats, 2);
	const struct gap_cat *eco = cat(&g, "economic"), *soc = cat(&g, "sociocultural");
	assert_non_null(eco);
	assert_non_null(soc);
	assert_int_equal(eco->n_expected, 3);
	assert_int_equal(eco->expected[GAP_HOME], 2);
	assert_int_equal(eco->expected[GAP_BOTH], 1);
	assert_int_equal(eco->n_observed, 1);
	assert_int_equal(soc->expected[GAP_PARTNER], 1);
	assert_int_equal(soc->n_observed, 3);
	assert_true(fabs(g.nature_gap - 0.5) < 1e-9);
	assert_string_equal(g.over, "economic");
	assert_string_equal(g.under, "sociocultural");
	/* expectations 2 and 3 have no outcome; all four have no indicator */
	assert_int_equal(g.without_evidence, 2);
	assert_int_equal(g.without_indicator, 4);
	assert_int_equal(g.unexpected, 2);
	/* 1 outcome reported by the partner for 3 at home */
	assert_int_equal(g.reported_partner, 1);
	assert_int_equal(g.reported_home, 3);
	assert_true(fabs(g.reciprocity - 1.0 / 3) < 1e-9);
	/* know-how: outcome 4 (capacities) at home; none in the partner territory */
	assert_int_equal(g.knowhow_home, 1);
	assert_int_equal(g.knowhow_partner, 0);
	assert_true(g.achievement < 0);   /* no target */
}

/* The same mix on both sides: no nature gap. Nothing observed: no measure. */
static void no_gap_and_no_measure(void **state)
{
	(void)state;
	struct expected_impact e[] = {{.id = 1, .category = "culture", .side = "home"},
				      {.id = 2, .category = "economic.jobs", .side = "home"}};
	struct observed_outcome o[] = {{.id = 1, .expected_id = 2, .category = "economic.investment",
					.reported_by = "home"}};
	struct gap_result g;
	gap_compute(e + 1, 1, o, 1, 0, &g);
	assert_true(fabs(g.nature_gap) < 1e-9);
	assert_null(g.over);
	gap_compute(e + 1, 1, NULL, 0, 0, &g);
	assert_true(g.nature_gap < 0);
	assert_true(g.reciprocity < 0);
	assert_int_equal(g.without_evidence, 1);
	/* an unknown category is left out of the distributions */
	gap_compute(e, 1, NULL, 0, 0, &g);
	assert_int_equal(g.n_expected, 0);
}

/* Targets: an ascending indicator (more is better) met in 2021 (12 >= 10),
 * missed in 2022 (8 < 10); a descending one (less is better) met in 2022
 * (3 <= 5); a period without an actual value is not counted.
 * All years: 2 of 3 met; 2022: 1 of 2; 2021: 1 of 1. */
static void targets(void **state)
{
	(void)state;
	struct indicator_period up[] = {
		{.start = "2021-01-01", .end = "2021-12-31", .has_target = 1, .has_actual = 1, .target = 10, .actual = 12},
		{.start = "2022-01-01", .end = "2022-12-31", .has_target = 1, .has_actual = 1, .target = 10, .actual = 8},
		{.start = "2023-01-01", .end = "2023-12-31", .has_target = 1, .target = 10},
	};
	struct indicator_period down[] = {
		{.start = "2022-01-01", .end = "2022-12-31", .has_target = 1, .has_actual = 1, .target = 5, .actual = 3},
	};
	struct indicator inds[] = {{.ascending = 1, .periods = up, .n_periods = 3},
				   {.ascending = 0, .periods = down, .n_periods = 1}};
	struct expected_impact e[] = {{.id = 1, .category = "economic.jobs", .side = "home",
				       .indicators = inds, .n_indicators = 2}};
	struct observed_outcome o[] = {
		{.id = 1, .expected_id = 1, .category = "economic.jobs", .reported_by = "home", .date = "2022-06-01"},
		{.id = 2, .expected_id = 1, .category = "economic.jobs", .reported_by = "partner", .date = "2021-06-01"},
	};
	struct gap_result g;
	gap_compute(e, 1, o, 2, 0, &g);
	assert_int_equal(g.targets, 3);
	assert_int_equal(g.targets_met, 2);
	assert_true(fabs(g.achievement - 2.0 / 3) < 1e-9);
	assert_int_equal(g.without_indicator, 0);
	gap_compute(e, 1, o, 2, 2022, &g);
	assert_int_equal(g.targets, 2);
	assert_int_equal(g.targets_met, 1);
	assert_int_equal(g.n_observed, 1);            /* the 2021 outcome is left out */
	assert_int_equal(g.reported_partner, 0);
	assert_int_equal(g.without_evidence, 0);      /* the 2022 outcome evidences it */
	gap_compute(e, 1, o, 2, 2020, &g);
	assert_int_equal(g.targets, 0);
	assert_int_equal(g.without_evidence, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nature_gap),
		cmocka_unit_test(no_gap_and_no_measure),
		cmocka_unit_test(targets),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
