/* test_portfolio.c: the portfolio review on a small portfolio whose figures
 * are worked out by hand in the comments. */
#include "testutil.h"

#include "../../src/analysis/portfolio.h"

#include <jansson.h>

#include <math.h>
#include <stdio.h>

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

/* Five partnerships of one authority:
 *   1 decentralised cooperation (Mali), active since 2015
 *   2 twinning (Germany), active since 2000
 *   3 economic (China), active since 2016
 *   4 friendship (Senegal), recorded as dormant
 *   5 twinning (Peru), active since 2010, no action at all
 * Four actions, 100,000 euros in all, financed from 2020 to 2022:
 *   a1 in 1: project in ML, water and health, 60,000 (2020-2021), starts 2020
 *   a2 in 2: twinning exchange in DE, culture, 10,000 (2021)
 *   a3 in 3: economic promotion in CN and ML, economic development, 20,000 (2021)
 *   a4 standalone: emergency aid in ML, health, 10,000 (2022) */
static const struct store_portfolio_partnership partners[] = {
	{1, "A – Koulikoro", "decentralised_cooperation", "active", 2015, 0},
	{2, "A – Bous", "twinning", "active", 2000, 0},
	{3, "A – Wuhan", "economic", "active", 2016, 0},
	{4, "A – Thiès", "friendship", "dormant", 1990, 0},
	{5, "A – Cusco", "twinning", "active", 2010, 0},
};
static const struct store_portfolio_action actions[] = {
	{1, 1, "project", "decentralised_cooperation", "ML", "water_sanitation|health", 60000, 0, 2020, 2021, 2020, 2021},
	{2, 2, "twinning_exchange", "twinning", "DE", "culture", 10000, 0, 2021, 2021, 2021, 2021},
	{3, 3, "economic_promotion", "economic", "CN|ML", "economic_development", 20000, 0, 2021, 2021, 2021, 0},
	{4, 0, "emergency_aid", NULL, "ML", "health", 10000, 0, 2022, 2022, 2022, 2022},
};

static void run(struct portfolio_result *r, const struct strategy *strategy, const struct store_portfolio_action *extra)
{
	struct portfolio_rules rules;
	struct errlist el;
	errlist_init(&el);
	assert_int_equal(portfolio_rules_load(NULL, &rules, &el), EALA_OK);
	struct portfolio_params p = {.year = 0, .reference_year = 2022, .threshold = 5000, .dormant_years = 3};
	assert_int_equal(portfolio_begin(r, &p, &rules, strategy), EALA_OK);
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(portfolio_add_partnership(r, &partners[i]), EALA_OK);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(portfolio_add_action(r, &actions[i]), EALA_OK);
	if (extra)
		assert_int_equal(portfolio_add_action(r, extra), EALA_OK);
	assert_int_equal(portfolio_end(r), EALA_OK);
	portfolio_rules_clear(&rules);
	errlist_clear(&el);
}

static const struct portfolio_bucket *bucket(const struct portfolio_buckets *l, const char *code)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].code, code) == 0)
			return &l->v[i];
	return NULL;
}

/* By country: ML 60,000 + 10,000 (half of a3) + 10,000 = 80,000 in 3
 * actions, CN 10,000, DE 10,000. HHI = 0.8² + 0.1² + 0.1² = 0.66.
 * By domain (each action's budget split between its domains): water 30,000,
 * health 30,000 + 10,000 = 40,000, culture 10,000, economic development
 * 20,000. HHI = 0.3² + 0.4² + 0.1² + 0.2² = 0.30. */
static void breakdowns(void **state)
{
	(void)state;
	struct portfolio_result r;
	run(&r, NULL, NULL);
	assert_int_equal(r.actions, 4);
	assert_int_equal(r.partnerships, 5);
	assert_true(fabs(r.budget - 100000) < 1e-6);
	assert_int_equal(r.by_country.n, 3);
	assert_string_equal(r.by_country.v[0].code, "ML");
	assert_int_equal(r.by_country.v[0].actions, 3);
	assert_true(fabs(r.by_country.v[0].budget - 80000) < 1e-6);
	assert_true(fabs(bucket(&r.by_country, "CN")->budget - 10000) < 1e-6);
	assert_true(fabs(r.hhi_country - 0.66) < 1e-9);
	assert_string_equal(portfolio_hhi_level(r.hhi_country), "concentrated");
	assert_true(fabs(bucket(&r.by_domain, "health")->budget - 40000) < 1e-6);
	assert_int_equal(bucket(&r.by_domain, "health")->actions, 2);
	assert_true(fabs(bucket(&r.by_domain, "water_sanitation")->budget - 30000) < 1e-6);
	assert_true(fabs(r.hhi_domain - 0.30) < 1e-9);
	/* World Bank: Mali low income, China upper middle, Germany high */
	assert_true(fabs(bucket(&r.by_income, "Low income")->budget - 80000) < 1e-6);
	assert_true(fabs(bucket(&r.by_income, "Upper middle income")->budget - 10000) < 1e-6);
	assert_true(fabs(bucket(&r.by_region, "Sub-Saharan Africa")->budget - 80000) < 1e-6);
	/* kinds: the standalone action under "" */
	assert_true(fabs(bucket(&r.by_kind, "decentralised_cooperation")->budget - 60000) < 1e-6);
	assert_true(fabs(bucket(&r.by_kind, "")->budget - 10000) < 1e-6);
	assert_int_equal(bucket(&r.by_type, "economic_promotion")->actions, 1);
	portfolio_clear(&r);
}

/* Financing from 2020 to 2022: three years. The active partnerships 1, 2, 3
 * and 5 receive 60,000/3 = 20,000, 10,000/3 = 3,333, 20,000/3 = 6,667 and 0
 * a year: two under 5,000 (2 and 5), a mean of 30,000/4 = 7,500.
 * Dormant up to 2022 over 3 years (nothing from 2020 to 2022): 4 (its
 * status) and 5 (active, no activity, started in 2010). */
static void spread_and_dormancy(void **state)
{
	(void)state;
	struct portfolio_result r;
	run(&r, NULL, NULL);
	assert_int_equal(r.years, 3);
	assert_int_equal(r.active, 4);
	assert_int_equal(r.under_threshold, 2);
	assert_true(fabs(r.share_under - 0.5) < 1e-9);
	assert_true(fabs(r.per_partnership - 7500) < 1e-6);
	assert_int_equal(r.dormant, 2);
	assert_int_equal(r.n_dormant_listed, 2);
	assert_int_equal(r.dormant_list[0].id, 4);
	assert_true(r.dormant_list[0].by_status);
	assert_int_equal(r.dormant_list[1].id, 5);
	assert_false(r.dormant_list[1].by_status);
	assert_int_equal(r.dormant_list[1].last_year, 0);
	portfolio_clear(&r);
}

/* Strategy: Mali with a target of 50%, economic development 30%.
 * Mali: 80,000 of 100,000 = 80% (reached), 3 of 4 actions; economic
 * development: 20% (not reached), 1 of 4. On the priorities: a1, a3 and a4
 * (each in Mali), 90,000 = 90% of the budget and 3 of 4 actions. */
static void strategy(void **state)
{
	(void)state;
	struct strategy_priority prio[] = {{"country", "ML", 0.5}, {"domain", "economic_development", 0.3}};
	struct strategy s = {.id = 7, .authority_id = 1, .title = "Solidarity first", .start_year = 2020,
			     .priorities = prio, .n_priorities = 2};
	struct portfolio_result r;
	run(&r, &s, NULL);
	assert_true(r.has_strategy);
	assert_true(fabs(r.priorities[0].budget_share - 0.8) < 1e-9);
	assert_true(fabs(r.priorities[0].action_share - 0.75) < 1e-9);
	assert_true(fabs(r.priorities[1].budget_share - 0.2) < 1e-9);
	assert_true(fabs(r.priorities[1].action_share - 0.25) < 1e-9);
	assert_true(fabs(r.budget_on_priorities - 0.9) < 1e-9);
	assert_true(fabs(r.actions_on_priorities - 0.75) < 1e-9);
	char *text = NULL;
	json_t *j = portfolio_json(&r, 1, CL_LANG_EN);
	text = json_dumps(j, JSON_COMPACT);
	assert_non_null(strstr(text, "\"budget_on_priorities\": 0.9") ? text : strstr(text, "\"budget_on_priorities\":0.9"));
	free(text);
	json_decref(j);
	portfolio_clear(&r);
}

static void count_sentence(void *ctx, const char *s)
{
	int *n = ctx;
	if (strstr(s, "In Mali, 2 solidarity actions and 1 attractiveness action share no partnership"))
		(*n)++;
}

/* In Mali, solidarity (a1 in partnership 1, a4 standalone) and
 * attractiveness (a3 in partnership 3) share no partnership; China has only
 * attractiveness. An economic-development action in partnership 1 in Mali
 * links them. */
static void solidarity_and_attractiveness(void **state)
{
	(void)state;
	struct portfolio_result r;
	run(&r, NULL, NULL);
	assert_int_equal(r.n_unlinked, 1);
	assert_string_equal(r.unlinked[0].country, "ML");
	assert_int_equal(r.unlinked[0].solidarity, 2);
	assert_int_equal(r.unlinked[0].attractiveness, 1);
	int n = 0;
	portfolio_sentences(&r, CL_LANG_EN, count_sentence, &n);
	assert_int_equal(n, 1);
	portfolio_clear(&r);
	struct store_portfolio_action link = {5, 1, "technical_exchange", "decentralised_cooperation", "ML",
					      "economic_development", 0, 0, 0, 0, 2021, 0};
	run(&r, NULL, &link);
	assert_int_equal(r.n_unlinked, 0);
	portfolio_clear(&r);
}

/* Only the actions active or financed in the year: in 2021 a1 (running
 * 2020-2021), a2, a3; a4 starts in 2022 and has no 2021 financing. */
static void one_year(void **state)
{
	(void)state;
	struct portfolio_rules rules;
	struct errlist el;
	errlist_init(&el);
	assert_int_equal(portfolio_rules_load(NULL, &rules, &el), EALA_OK);
	struct portfolio_params p = {.year = 2021, .threshold = 5000, .dormant_years = 3};
	struct portfolio_result r;
	assert_int_equal(portfolio_begin(&r, &p, &rules, NULL), EALA_OK);
	for (size_t i = 0; i < 5; i++)
		portfolio_add_partnership(&r, &partners[i]);
	for (size_t i = 0; i < 4; i++) {
		struct store_portfolio_action a = actions[i];
		a.financed_in_year = i != 3;
		portfolio_add_action(&r, &a);
	}
	assert_int_equal(portfolio_end(&r), EALA_OK);
	assert_int_equal(r.actions, 3);
	assert_int_equal(r.years, 1);
	assert_int_equal(r.params.reference_year, 2021);
	portfolio_clear(&r);
	portfolio_rules_clear(&rules);
	errlist_clear(&el);
}

/* A bad rules file: every problem with its line and field. */
static void bad_rules(void **state)
{
	(void)state;
	char path[] = "/tmp/eala-portfolio-rules-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs("field,code,class\nkind,twinning,solidarity\ncolour,red,solidarity\ndomain,nowhere,attractiveness\n"
	      "type,project,charity\n", f);
	fclose(f);
	struct portfolio_rules rules;
	struct errlist el;
	errlist_init(&el);
	assert_int_equal(portfolio_rules_load(path, &rules, &el), EALA_EINVAL);
	assert_int_equal(el.n, 3);
	assert_int_equal(el.v[0].line, 3);
	assert_string_equal(el.v[0].field, "field");
	assert_int_equal(el.v[1].line, 4);
	assert_string_equal(el.v[1].field, "code");
	assert_int_equal(el.v[2].line, 5);
	assert_string_equal(el.v[2].field, "class");
	assert_int_equal(rules.n, 0);
	errlist_clear(&el);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(breakdowns),
		cmocka_unit_test(spread_and_dormancy),
		cmocka_unit_test(strategy),
		cmocka_unit_test(solidarity_and_attractiveness),
		cmocka_unit_test(one_year),
		cmocka_unit_test(bad_rules),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
