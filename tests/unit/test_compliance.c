/* test_compliance.c: each money and law rule of data/rules/compliance.csv on
 * fixtures built for it, inside and outside every limit (the figures worked
 * out in the comments); the call check's requirements ready and missing; the
 * rules' file refused with every problem named. */
#include "testutil.h"

#include "../../src/analysis/compliance.h"

#include <math.h>

static struct compliance_rules rules;
static struct compliance_calls calls;

static int setup(void **state)
{
	(void)state;
	struct errlist el;
	errlist_init(&el);
	codelist_load_install();
	if (compliance_rules_load(NULL, &rules, &el) || compliance_calls_load(NULL, &calls, &el)) {
		for (size_t i = 0; i < el.n; i++)
			fprintf(stderr, "# %s: %s\n", el.v[i].field, el.v[i].msg);
		return -1;
	}
	errlist_clear(&el);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	compliance_rules_clear(&rules);
	compliance_calls_clear(&calls);
	codelist_reset();
	return 0;
}

/* The finding of a rule (or requirement) on a record; NULL when none. */
static const struct compliance_finding *find(const struct compliance_result *r, const char *rule, int64_t id)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct compliance_finding *f = &r->v[i];
		int named = (f->requirement && strcmp(f->requirement, rule) == 0) ||
			    (f->rule && strcmp(f->rule->id, rule) == 0);
		if (named && f->record_id == id)
			return f;
	}
	return NULL;
}

static size_t count_rule(const struct compliance_result *r, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n; i++)
		n += r->v[i].rule && strcmp(r->v[i].rule->id, rule) == 0;
	return n;
}

#define EUR(x) .has_actual = 1, .actual = (x), .currency = "EUR"
#define PLAN(x) .has_planned = 1, .planned = (x), .currency = "EUR"

static struct authority authorities[] = {
	{.id = 1, .name = "Alpha", .country = "FR", .level = "municipality"},
	{.id = 2, .name = "Beta", .country = "FR", .level = "intermunicipal"},
	{.id = 3, .name = "Gamma", .country = "FR", .level = "municipality"},
	{.id = 4, .name = "Koulikoro", .country = "ML", .level = "municipality"},
	{.id = 5, .name = "Republic of Madagascar", .country = "MG", .level = "state"},
	{.id = 6, .name = "Saint-Denis", .country = "FR", .level = "municipality", .overseas = 1},
};

/* The 1% ceilings. Alpha: water budget 1,000,000 in 2021, ceiling 1% =
 * 10,000; it spent exactly 10,000 (inside). Beta: the same budget; it spent
 * 6,000 planned + 4,001 actual = 10,001 (outside by 1). Gamma spent 500 and
 * recorded no water budget. Alpha's 2020 row (99,999) is another year. Waste:
 * Alpha's waste budget 300,000, ceiling 3,000; it spent 3,000.01 (outside).
 * Mobility: Beta's budget 2,000,000, ceiling 20,000; it spent 19,999.99. */
static void ceilings(void **state)
{
	(void)state;
	struct action actions[] = {
		{.id = 10, .title = "Water A", .authority_id = 1},
		{.id = 11, .title = "Water B", .authority_id = 2},
		{.id = 12, .title = "Water C", .authority_id = 3},
	};
	struct financing f[] = {
		{.action_id = 10, .source = "water_1pct", .year = 2021, EUR(10000)},
		{.action_id = 10, .source = "water_1pct", .year = 2020, EUR(99999)},
		{.action_id = 11, .source = "water_1pct", .year = 2021, PLAN(6000)},
		{.action_id = 11, .source = "water_1pct", .year = 2021, EUR(4001)},
		{.action_id = 12, .source = "water_1pct", .year = 2021, EUR(500)},
		{.action_id = 10, .source = "waste_1pct", .year = 2021, EUR(3000.01)},
		{.action_id = 11, .source = "mobility_1pct", .year = 2021, EUR(19999.99)},
		{.action_id = 10, .source = "own_budget", .year = 2021, EUR(1e9)},   /* no ceiling */
	};
	struct budget_year b[] = {
		{.authority_id = 1, .year = 2021, .total = 5e7, .international = -1, .water = 1e6, .waste = 3e5, .mobility = -1},
		{.authority_id = 2, .year = 2021, .total = 9e7, .international = -1, .water = 1e6, .waste = -1, .mobility = 2e6},
	};
	struct compliance_input in = {authorities, 6, NULL, 0, actions, 3, f, 8, b, 2, 2021, "2021-12-31"};
	struct compliance_result r;
	assert_int_equal(compliance_compute(&rules, &in, &r), 0);
	assert_int_equal(count_rule(&r, "water_1pct"), 3);
	const struct compliance_finding *x = find(&r, "water_1pct", 1);
	assert_non_null(x);
	assert_int_equal(x->code, CF_CEILING_OK);
	assert_true(fabs(x->a - 10000) < 1e-6 && fabs(x->b - 10000) < 1e-6);
	x = find(&r, "water_1pct", 2);
	assert_int_equal(x->code, CF_CEILING_OVER);
	assert_true(fabs(x->a - 10001) < 1e-6);
	char s[1024];
	compliance_sentence(x, CL_LANG_EN, s, sizeof(s));
	assert_string_equal(s, "In 2021, Beta put 10,001\xc2\xa0\xe2\x82\xac on \"1% water and sanitation (Oudin-Santini law, "
			       "2005)\" (planned amounts where no actual one is recorded), more than the ceiling of "
			       "10,000\xc2\xa0\xe2\x82\xac (1.0% of its service budget of 1,000,000\xc2\xa0\xe2\x82\xac).");
	assert_int_equal(compliance_status_of(x->code), CS_BREACH);
	x = find(&r, "water_1pct", 3);
	assert_int_equal(x->code, CF_CEILING_NO_BUDGET);
	assert_int_equal(compliance_status_of(x->code), CS_MISSING);
	assert_int_equal(find(&r, "waste_1pct", 1)->code, CF_CEILING_OVER);
	assert_int_equal(find(&r, "mobility_1pct", 2)->code, CF_CEILING_OK);
	compliance_result_clear(&r);
	/* every year: Alpha's 2020 row has no budget year */
	in.year = 0;
	assert_int_equal(compliance_compute(&rules, &in, &r), 0);
	assert_int_equal(count_rule(&r, "water_1pct"), 4);
	compliance_result_clear(&r);
	/* actions in any order: the same findings */
	struct action swap = actions[0];
	actions[0] = actions[2], actions[2] = swap;
	in.year = 2021;
	assert_int_equal(compliance_compute(&rules, &in, &r), 0);
	assert_int_equal(find(&r, "water_1pct", 2)->code, CF_CEILING_OVER);
	assert_int_equal(find(&r, "water_1pct", 1)->code, CF_CEILING_OK);
	assert_int_equal(actions[0].id, 12);   /* the caller's array is left as it was */
	compliance_result_clear(&r);
}

/* The AFD facility: 200,000 to 1,500,000; at least 30% from the authorities
 * and partners; three years at most.
 * 20: 199,999 (below). 21: 200,000 (inside). 22: 1,500,000 (inside).
 * 23: 1,500,001 (above).
 * Shares: 21 has own 85,714.29 of 285,714.29 = 30.0000% (inside); 24: afd
 * 700,001 + own 299,999 = 29.99998% (outside); 25: afd 600,000, own 250,000,
 * water agency 150,000: 250,000 / 1,000,000 = 25% (a water agency is not the
 * authorities' or partners' money); 26: afd 700,000, own 200,000, partner
 * 100,000: 30% (inside).
 * Years: 26's AFD rows 2020 and 2022: 3 years (inside); 27's 2020 and 2023: 4. */
static void ficol(void **state)
{
	(void)state;
	struct action actions[] = {
		{.id = 20, .title = "A20", .authority_id = 1}, {.id = 21, .title = "A21", .authority_id = 1},
		{.id = 22, .title = "A22", .authority_id = 1}, {.id = 23, .title = "A23", .authority_id = 1},
		{.id = 24, .title = "A24", .authority_id = 1}, {.id = 25, .title = "A25", .authority_id = 1},
		{.id = 26, .title = "A26", .authority_id = 1}, {.id = 27, .title = "A27", .authority_id = 1},
	};
	struct financing f[] = {
		{.action_id = 20, .source = "afd_ficol", .year = 2021, PLAN(199999)},
		{.action_id = 21, .source = "afd_ficol", .year = 2021, PLAN(200000)},
		{.action_id = 21, .source = "own_budget", .year = 2021, PLAN(85714.2858)},
		{.action_id = 22, .source = "afd_ficol", .year = 2021, PLAN(1500000)},
		{.action_id = 23, .source = "afd_ficol", .year = 2021, PLAN(1500001)},
		{.action_id = 24, .source = "afd_ficol", .year = 2021, PLAN(700001)},
		{.action_id = 24, .source = "own_budget", .year = 2021, PLAN(299999)},
		{.action_id = 25, .source = "afd_ficol", .year = 2021, PLAN(600000)},
		{.action_id = 25, .source = "own_budget", .year = 2021, PLAN(250000)},
		{.action_id = 25, .source = "water_agency", .year = 2021, PLAN(150000)},
		{.action_id = 26, .source = "afd_ficol", .year = 2020, PLAN(400000)},
		{.action_id = 26, .source = "afd_ficol", .year = 2022, PLAN(300000)},
		{.action_id = 26, .source = "own_budget", .year = 2020, PLAN(200000)},
		{.action_id = 26, .source = "partner_contribution", .year = 2020, PLAN(100000)},
		{.action_id = 27, .source = "afd_ficol", .year = 2020, PLAN(200000)},
		{.action_id = 27, .source = "afd_ficol", .year = 2023, PLAN(200000)},
	};
	struct compliance_input in = {authorities, 6, NULL, 0, actions, 8, f, 16, NULL, 0, 0, "2021-12-31"};
	struct compliance_result r;
	compliance_compute(&rules, &in, &r);
	assert_int_equal(find(&r, "ficol_amount", 20)->code, CF_FICOL_AMOUNT_LOW);
	assert_int_equal(find(&r, "ficol_amount", 21)->code, CF_FICOL_AMOUNT_OK);
	assert_int_equal(find(&r, "ficol_amount", 22)->code, CF_FICOL_AMOUNT_OK);
	assert_int_equal(find(&r, "ficol_amount", 23)->code, CF_FICOL_AMOUNT_HIGH);
	assert_int_equal(find(&r, "ficol_share", 21)->code, CF_FICOL_SHARE_OK);
	assert_int_equal(find(&r, "ficol_share", 24)->code, CF_FICOL_SHARE_LOW);
	const struct compliance_finding *x = find(&r, "ficol_share", 25);
	assert_int_equal(x->code, CF_FICOL_SHARE_LOW);
	assert_true(fabs(x->a - 0.25) < 1e-9 && fabs(x->b - 250000) < 1e-6 && fabs(x->c - 1e6) < 1e-6);
	assert_int_equal(find(&r, "ficol_share", 26)->code, CF_FICOL_SHARE_OK);
	assert_int_equal(find(&r, "ficol_years", 26)->code, CF_FICOL_YEARS_OK);
	x = find(&r, "ficol_years", 27);
	assert_int_equal(x->code, CF_FICOL_YEARS_OVER);
	assert_int_equal((int)x->a, 4);
	compliance_result_clear(&r);
	/* with a year, only the actions with an AFD row that year */
	in.year = 2023;
	compliance_compute(&rules, &in, &r);
	assert_int_equal(count_rule(&r, "ficol_amount"), 1);
	assert_non_null(find(&r, "ficol_amount", 27));
	compliance_result_clear(&r);
}

/* Conventions: deliberations, the parties, expiry; judged on 2021-12-31. */
static void conventions(void **state)
{
	(void)state;
	struct partnership p[] = {
		/* 30: deliberation before signing (in order); 31: none; 32: after signing */
		{.id = 30, .name = "P30", .status = "active", .agreement_signed = "2020-01-10",
		 .deliberation_ref = "D1", .deliberation_date = "2019-12-12", .members = (int64_t[]){1, 4}, .n_members = 2},
		{.id = 31, .name = "P31", .status = "active", .agreement_signed = "2020-01-10",
		 .members = (int64_t[]){2, 4}, .n_members = 2},
		{.id = 32, .name = "P32", .status = "active", .agreement_signed = "2020-01-10",
		 .deliberation_ref = "D3", .deliberation_date = "2020-02-01", .members = (int64_t[]){3, 4}, .n_members = 2},
		/* 33: no convention; 34: a foreign home, not under French law */
		{.id = 33, .name = "P33", .status = "active", .members = (int64_t[]){1, 4}, .n_members = 2},
		{.id = 34, .name = "P34", .status = "active", .agreement_signed = "2020-01-10",
		 .members = (int64_t[]){4, 1}, .n_members = 2},
		/* 35: Alpha with a foreign state (breach); 36: Saint-Denis, overseas, with it (allowed) */
		{.id = 35, .name = "P35", .status = "active", .agreement_signed = "2020-01-10",
		 .deliberation_ref = "D5", .members = (int64_t[]){1, 5}, .n_members = 2},
		{.id = 36, .name = "P36", .status = "active", .agreement_signed = "2020-01-10",
		 .deliberation_ref = "D6", .members = (int64_t[]){6, 5}, .n_members = 2},
		/* expiry: 37 the day before (expired); 38 that day (not yet); 39 ended;
		 * 40 renewed before; 41 renewed only after the judging date */
		{.id = 37, .name = "P37", .status = "active", .agreement_signed = "2016-01-01", .deliberation_ref = "D",
		 .agreement_expires = "2021-12-30", .members = (int64_t[]){1, 4}, .n_members = 2},
		{.id = 38, .name = "P38", .status = "active", .agreement_signed = "2016-01-01", .deliberation_ref = "D",
		 .agreement_expires = "2021-12-31", .members = (int64_t[]){1, 4}, .n_members = 2},
		{.id = 39, .name = "P39", .status = "ended", .agreement_signed = "2016-01-01", .deliberation_ref = "D",
		 .agreement_expires = "2020-01-01", .members = (int64_t[]){1, 4}, .n_members = 2},
		{.id = 40, .name = "P40", .status = "active", .agreement_signed = "2016-01-01", .deliberation_ref = "D",
		 .agreement_expires = "2020-06-30", .agreement_renewed = "2020-06-01", .members = (int64_t[]){1, 4}, .n_members = 2},
		{.id = 41, .name = "P41", .status = "active", .agreement_signed = "2016-01-01", .deliberation_ref = "D",
		 .agreement_expires = "2020-06-30", .agreement_renewed = "2022-01-01", .members = (int64_t[]){1, 4}, .n_members = 2},
	};
	struct compliance_input in = {authorities, 6, p, 12, NULL, 0, NULL, 0, NULL, 0, 0, "2021-12-31"};
	struct compliance_result r;
	compliance_compute(&rules, &in, &r);
	assert_int_equal(find(&r, "deliberation", 30)->code, CF_DELIB_OK);
	assert_int_equal(find(&r, "deliberation", 31)->code, CF_DELIB_MISSING);
	assert_int_equal(find(&r, "deliberation", 32)->code, CF_DELIB_AFTER);
	assert_null(find(&r, "deliberation", 33));
	assert_null(find(&r, "deliberation", 34));
	char s[1024];
	compliance_sentence(find(&r, "deliberation", 32), CL_LANG_EN, s, sizeof(s));
	assert_string_equal(s, "The convention of P32 was signed on 2020-01-10, before the council deliberation D3 of 2020-02-01.");
	assert_int_equal(count_rule(&r, "convention_party"), 2);
	assert_int_equal(find(&r, "convention_party", 35)->code, CF_PARTY_STATE);
	assert_int_equal(find(&r, "convention_party", 36)->code, CF_PARTY_STATE_OVERSEAS);
	assert_int_equal(compliance_status_of(CF_PARTY_STATE_OVERSEAS), CS_OK);
	assert_int_equal(find(&r, "convention_expired", 37)->code, CF_EXPIRED);
	assert_null(find(&r, "convention_expired", 38));
	assert_null(find(&r, "convention_expired", 39));
	assert_int_equal(find(&r, "convention_expired", 40)->code, CF_RENEWED);
	assert_int_equal(find(&r, "convention_expired", 41)->code, CF_EXPIRED);
	compliance_result_clear(&r);
}

/* The share: 5,000 of 1,000,000 = 0.5%; a year without a total cannot say. */
static void budget_share(void **state)
{
	(void)state;
	struct budget_year b[] = {
		{.authority_id = 1, .year = 2020, .total = 1e6, .international = 5000, .water = -1, .waste = -1, .mobility = -1},
		{.authority_id = 1, .year = 2021, .total = -1, .international = 5000, .water = -1, .waste = -1, .mobility = -1},
	};
	struct compliance_input in = {authorities, 6, NULL, 0, NULL, 0, NULL, 0, b, 2, 0, "2021-12-31"};
	struct compliance_result r;
	compliance_compute(&rules, &in, &r);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.v[0].code, CF_SHARE);
	assert_true(fabs(r.v[0].c - 0.005) < 1e-12);
	char s[1024];
	compliance_sentence(&r.v[0], CL_LANG_EN, s, sizeof(s));
	assert_string_equal(s, "In 2020, the international budget of Alpha was 5,000\xc2\xa0\xe2\x82\xac, 0.50% of its budget of "
			       "1,000,000\xc2\xa0\xe2\x82\xac.");
	assert_int_equal(r.v[1].code, CF_SHARE_UNKNOWN);
	compliance_result_clear(&r);
}

/* The AFD call on a complete application, then on one that lacks everything. */
static void call_ready_and_missing(void **state)
{
	(void)state;
	const struct compliance_call *afd = compliance_call_find(&calls, "afd_ficol");
	assert_non_null(afd);
	struct partnership p = {.id = 30, .name = "Alpha – Koulikoro", .status = "active", .agreement_signed = "2020-01-10",
				.agreement_expires = "2025-01-09", .deliberation_ref = "D1", .deliberation_date = "2019-12-12",
				.members = (int64_t[]){1, 4}, .n_members = 2};
	char *countries[] = {"ML"}, *eligible_v[] = {"ML", "MG"};
	struct strv eligible = {eligible_v, 2, 2};
	struct action a[] = {
		{.id = 50, .title = "Water in Koulikoro", .description = "Wells", .start_date = "2022-01-01",
		 .end_date = "2024-12-31", .authority_id = 1, .partnership_id = 30, .countries = {countries, 1, 1}},
		{.id = 51, .title = "Earlier project", .authority_id = 1},
	};
	/* plan: afd 700,000, own 250,000, partner 50,000: 30% (inside) */
	struct financing f[] = {
		{.action_id = 50, .source = "afd_ficol", .year = 2022, PLAN(700000)},
		{.action_id = 50, .source = "own_budget", .year = 2022, PLAN(250000)},
		{.action_id = 50, .source = "partner_contribution", .year = 2022, PLAN(50000)},
		{.action_id = 51, .source = "afd_ficol", .year = 2019, PLAN(300000), .report_date = "2020-06-30"},
	};
	struct compliance_input in = {authorities, 6, &p, 1, a, 2, f, 4, NULL, 0, 2022, "2022-12-31"};
	struct compliance_result r;
	compliance_call_check(&rules, afd, &a[0], &p, &in, &eligible, 2, &r);
	for (size_t i = 0; i < r.n; i++) {
		char s[1024];
		compliance_sentence(&r.v[i], CL_LANG_EN, s, sizeof(s));
		if (compliance_status_of(r.v[i].code) != CS_OK)
			fprintf(stderr, "# not ready: %s\n", s);
		assert_int_equal(compliance_status_of(r.v[i].code), CS_OK);
	}
	assert_int_equal(find(&r, "convention", 30)->code, CF_CALL_CONVENTION_OK);
	assert_true(fabs(find(&r, "home_commitment", 50)->a - 250000) < 1e-6);
	assert_true(fabs(find(&r, "partner_commitment", 50)->a - 50000) < 1e-6);
	assert_int_equal((int)find(&r, "earlier_reports", 50)->a, 1);
	assert_int_equal(find(&r, "ficol_share", 50)->code, CF_FICOL_SHARE_OK);
	compliance_result_clear(&r);

	/* the earlier grant without its report, the convention expired on 2022-12-31, the country not eligible */
	f[3].report_date = NULL;
	p.agreement_expires = "2022-06-30";
	countries[0] = "CA";
	compliance_call_check(&rules, afd, &a[0], &p, &in, &eligible, 0, &r);
	assert_int_equal(find(&r, "convention", 30)->code, CF_CALL_CONVENTION_EXPIRED);
	const struct compliance_finding *x = find(&r, "earlier_reports", 50);
	assert_int_equal(x->code, CF_CALL_REPORTS_MISSING);
	assert_string_equal(x->s1, "#51 (2019)");
	assert_int_equal(find(&r, "oda_country", 50)->code, CF_CALL_ODA_NOT);
	assert_int_equal(find(&r, "results_framework", 50)->code, CF_CALL_RESULTS_MISSING);
	compliance_result_clear(&r);
	countries[0] = "ML";

	/* a bare standalone action */
	struct action bare = {.id = 52, .title = "Bare", .authority_id = 1};
	struct compliance_input none = {authorities, 6, NULL, 0, &bare, 1, NULL, 0, NULL, 0, 2022, "2022-12-31"};
	compliance_call_check(&rules, afd, &bare, NULL, &none, &eligible, 0, &r);
	x = find(&r, "project", 52);
	assert_int_equal(x->code, CF_CALL_PROJECT_MISSING);
	assert_string_equal(x->s1, "description, start_date, end_date, countries");
	assert_int_equal(find(&r, "convention", 52)->code, CF_CALL_CONVENTION_NONE);
	assert_int_equal(find(&r, "deliberation", 52)->code, CF_CALL_DELIB_MISSING);
	assert_int_equal(find(&r, "home_commitment", 52)->code, CF_CALL_HOME_MISSING);
	assert_int_equal(find(&r, "partner_commitment", 52)->code, CF_CALL_PARTNER_MISSING);
	assert_int_equal(find(&r, "earlier_reports", 52)->code, CF_CALL_REPORTS_OK);
	assert_int_equal(find(&r, "oda_country", 52)->code, CF_CALL_ODA_NO_COUNTRY);
	assert_int_equal(find(&r, "ficol", 52)->code, CF_CALL_FICOL_NONE);
	compliance_result_clear(&r);
}

/* The thematic call's domains; the bilateral call's countries not recorded. */
static void call_theme_and_countries(void **state)
{
	(void)state;
	const struct compliance_call *thematic = compliance_call_find(&calls, "ministry_thematic");
	const struct compliance_call *bilateral = compliance_call_find(&calls, "ministry_bilateral");
	assert_non_null(thematic);
	assert_non_null(bilateral);
	char *sport[] = {"sport"}, *culture[] = {"culture"};
	struct action a = {.id = 60, .title = "Football", .authority_id = 1, .domains = {sport, 1, 1}};
	struct compliance_input in = {authorities, 6, NULL, 0, &a, 1, NULL, 0, NULL, 0, 2022, "2022-12-31"};
	struct strv eligible = {0};
	struct compliance_result r;
	compliance_call_check(&rules, thematic, &a, NULL, &in, &eligible, 0, &r);
	assert_int_equal(find(&r, "theme", 60)->code, CF_CALL_THEME_OK);
	compliance_result_clear(&r);
	a.domains.v = culture;
	compliance_call_check(&rules, thematic, &a, NULL, &in, &eligible, 0, &r);
	assert_int_equal(find(&r, "theme", 60)->code, CF_CALL_THEME_NOT);
	compliance_result_clear(&r);
	compliance_call_check(&rules, bilateral, &a, NULL, &in, &eligible, 0, &r);
	assert_int_equal(find(&r, "call_country", 60)->code, CF_CALL_COUNTRY_UNKNOWN);
	compliance_result_clear(&r);
}

/* A rules file with mistakes is refused, every one named with its line. */
static void bad_rules_file(void **state)
{
	(void)state;
	static const char text[] =
		"id,kind,funding_source,budget,min,max,share,years,sources,legal_source\n"
		"water,one_percent_ceiling,water_1pct,water,,,0.01,,,CGCT L1115-1-1\n"
		"x,speed_limit,,,,,,,,law\n"
		"y,one_percent_ceiling,gold,water,,,lots,,,\n"
		"z,ficol_amount,afd_ficol,,500,100,,,,AFD\n";
	char *path = tu_write(".csv", text, sizeof(text) - 1);
	struct compliance_rules bad;
	struct errlist el;
	errlist_init(&el);
	assert_int_equal(compliance_rules_load(path, &bad, &el), EALA_EINVAL);
	/* line 3: kind; line 4: share, funding_source, legal_source, the ceiling's share; line 5: max */
	assert_int_equal(el.n, 6);
	assert_int_equal(el.v[0].line, 3);
	assert_string_equal(el.v[0].field, "kind");
	assert_int_equal(el.v[5].line, 5);
	assert_string_equal(el.v[5].field, "max");
	compliance_rules_clear(&bad);
	errlist_clear(&el);
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ceilings),
		cmocka_unit_test(ficol),
		cmocka_unit_test(conventions),
		cmocka_unit_test(budget_share),
		cmocka_unit_test(call_ready_and_missing),
		cmocka_unit_test(call_theme_and_countries),
		cmocka_unit_test(bad_rules_file),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
