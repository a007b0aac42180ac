/* test_eapd.c: the yearly ODA declaration on a fixture worked out by hand:
 * which money is declared, under which category, country and sector, and
 * which actions are listed as lacking a field or left out. */
#include "testutil.h"

#include "../../src/analysis/eapd.h"

#include <math.h>

static struct eapd_rules rules;

static int setup(void **state)
{
	(void)state;
	struct errlist el;
	errlist_init(&el);
	codelist_load_install();
	int rc = eapd_rules_load(&rules, &el);
	for (size_t i = 0; i < el.n; i++)
		fprintf(stderr, "# %s: %s\n", el.v[i].field, el.v[i].msg);
	errlist_clear(&el);
	return rc ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	eapd_rules_clear(&rules);
	codelist_reset();
	return 0;
}

static double total_of(const struct eapd_total *t, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if ((!key && !t[i].key) || (key && t[i].key && strcmp(t[i].key, key) == 0))
			return t[i].amount;
	return -1;
}

static const struct eapd_issue *issue(const struct eapd_return *r, int64_t action, const char *field)
{
	for (size_t i = 0; i < r->n_issues; i++)
		if (r->issues[i].action_id == action && strcmp(r->issues[i].field, field) == 0)
			return &r->issues[i];
	return NULL;
}

#define PAID(x) .has_actual = 1, .actual = (x), .currency = "EUR"

/* 2019:
 *  1 cooperation in ML and CA, sectors 15112 and 11120, 10,000 of own budget:
 *    half to ML (eligible) = 5,000, split 2,500 / 2,500 between the sectors;
 *    half to CA (not eligible) = 5,000 left out. Its 2020 row (99) is another year.
 *  2 no category, 1,000: lacking eapd_category, not counted.
 *  3 1% water in MG, no sector, no category (the source gives it), 3,000:
 *    counted under water_1pct, MG, sector not given; listed as lacking sectors.
 *  4 development education in FR, sector 99820, 500: not allocated to a country.
 *  5 cooperation, 800 planned and nothing paid: lacking the actual amount.
 *  6 a ministry grant of 4,000: the ministry declares it, not the authority.
 *  7 cooperation, 700 in USD: lacking a euro amount.
 *  8 a draft, 50: left out.
 * Total 5,000 + 3,000 + 500 = 8,500. */
static void declaration(void **state)
{
	(void)state;
	char *ml_ca[] = {"ML", "CA"}, *mg[] = {"MG"}, *fr[] = {"FR"};
	char *s1[] = {"15112", "11120"}, *s4[] = {"99820"};
	struct action a[] = {
		{.id = 1, .title = "Cooperation", .eapd_category = "cooperation", .countries = {ml_ca, 2, 2}, .sectors = {s1, 2, 2}},
		{.id = 2, .title = "Uncategorised", .countries = {mg, 1, 1}, .sectors = {s4, 1, 1}},
		{.id = 3, .title = "Water", .countries = {mg, 1, 1}},
		{.id = 4, .title = "Schools week", .eapd_category = "development_education", .countries = {fr, 1, 1}, .sectors = {s4, 1, 1}},
		{.id = 5, .title = "Planned only", .eapd_category = "cooperation", .countries = {mg, 1, 1}},
		{.id = 6, .title = "Granted", .eapd_category = "cooperation", .countries = {mg, 1, 1}},
		{.id = 7, .title = "Dollars", .eapd_category = "cooperation", .countries = {mg, 1, 1}},
		{.id = 8, .title = "Draft", .eapd_category = "cooperation", .countries = {mg, 1, 1}, .draft = 1},
	};
	struct financing f[] = {
		{.action_id = 1, .source = "own_budget", .year = 2019, PAID(10000)},
		{.action_id = 1, .source = "own_budget", .year = 2020, PAID(99)},
		{.action_id = 2, .source = "own_budget", .year = 2019, PAID(1000)},
		{.action_id = 3, .source = "water_1pct", .year = 2019, PAID(3000)},
		{.action_id = 4, .source = "own_budget", .year = 2019, PAID(500)},
		{.action_id = 5, .source = "own_budget", .year = 2019, .has_planned = 1, .planned = 800, .currency = "EUR"},
		{.action_id = 6, .source = "ministry_call", .year = 2019, PAID(4000)},
		{.action_id = 7, .source = "own_budget", .year = 2019, .has_actual = 1, .actual = 700, .currency = "USD"},
		{.action_id = 8, .source = "own_budget", .year = 2019, PAID(50)},
	};
	struct eapd_return r;
	assert_int_equal(eapd_compute(&rules, a, 8, f, 9, 2019, &r), 0);
	assert_true(fabs(r.total - 8500) < 1e-6);
	assert_int_equal(r.n_lines, 4);
	assert_true(fabs(total_of(r.by_category, r.n_category, "cooperation") - 5000) < 1e-6);
	assert_true(fabs(total_of(r.by_category, r.n_category, "water_1pct") - 3000) < 1e-6);
	assert_true(fabs(total_of(r.by_category, r.n_category, "development_education") - 500) < 1e-6);
	assert_int_equal(r.n_category, 3);
	assert_true(fabs(total_of(r.by_country, r.n_country, "ML") - 5000) < 1e-6);
	assert_true(fabs(total_of(r.by_country, r.n_country, "MG") - 3000) < 1e-6);
	assert_true(fabs(total_of(r.by_country, r.n_country, NULL) - 500) < 1e-6);
	assert_true(total_of(r.by_country, r.n_country, "CA") < 0);
	assert_true(total_of(r.by_country, r.n_country, "FR") < 0);
	/* sectors, largest first: not given 3,000; 11120 and 15112 2,500 each; 99820 500 */
	assert_int_equal(r.n_sector, 4);
	assert_null(r.by_sector[0].key);
	assert_string_equal(r.by_sector[1].key, "11120");
	assert_string_equal(r.by_sector[2].key, "15112");
	assert_true(fabs(r.by_sector[2].amount - 2500) < 1e-6);
	assert_string_equal(r.by_sector[3].key, "99820");

	const struct eapd_issue *x = issue(&r, 1, "countries");
	assert_non_null(x);
	assert_int_equal(x->lacking, 0);
	assert_true(fabs(x->amount - 5000) < 1e-6);
	assert_string_equal(x->problem, "CA is not an ODA-eligible country: left out");
	assert_int_equal(issue(&r, 2, "eapd_category")->lacking, 1);
	x = issue(&r, 3, "sectors");
	assert_int_equal(x->counted, 1);
	assert_true(fabs(x->amount - 3000) < 1e-6);
	assert_true(fabs(issue(&r, 5, "actual")->amount - 800) < 1e-6);
	assert_null(issue(&r, 6, "actual"));
	assert_non_null(issue(&r, 7, "currency"));
	assert_int_equal(issue(&r, 8, "draft")->lacking, 0);
	assert_int_equal(r.n_issues, 6);
	eapd_return_clear(&r);

	/* another year: only action 1's 99 */
	assert_int_equal(eapd_compute(&rules, a, 8, f, 9, 2020, &r), 0);
	assert_true(fabs(r.total - 49.5) < 1e-6);
	eapd_return_clear(&r);
}

/* The eligibility list says where it comes from, and has no high-income country. */
static void eligibility(void **state)
{
	(void)state;
	assert_true(strv_contains(&rules.eligible, "ML"));
	assert_true(strv_contains(&rules.eligible, "AM"));
	assert_false(strv_contains(&rules.eligible, "FR"));
	assert_false(strv_contains(&rules.eligible, "BG"));   /* an EU member: excluded */
	assert_false(strv_contains(&rules.eligible, "RU"));   /* a G8 member: excluded */
	assert_non_null(strstr(rules.basis, "World Bank income group"));
	assert_non_null(strstr(rules.basis, "not the OECD DAC list"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(declaration),
		cmocka_unit_test(eligibility),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
