/* test_model.c: validation of the domain objects against the code lists. */
#include "testutil.h"

#include "../../src/core/model.h"

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

/* 1 when one of the errors names field and contains text. */
static int has_error(const struct errlist *el, const char *field, const char *text)
{
	for (size_t i = 0; i < el->n; i++)
		if (el->v[i].field && strcmp(el->v[i].field, field) == 0 && strstr(el->v[i].msg, text))
			return 1;
	return 0;
}

static void dates(void **state)
{
	(void)state;
	assert_true(date_valid("2024-02-29"));
	assert_false(date_valid("2023-02-29"));
	assert_false(date_valid("2021-02-30"));
	assert_false(date_valid("2021-13-01"));
	assert_false(date_valid("21-01-01"));
	assert_false(date_valid("2021-1-01"));
	assert_true(date_valid("2000-02-29"));
	assert_false(date_valid("1900-02-29"));
}

static void code_lists_load_from_data(void **state)
{
	(void)state;
	assert_true(codelist_has(CL_COUNTRY, "FR"));
	assert_true(codelist_has(CL_COUNTRY, "XK"));      /* Kosovo, eala's extra list */
	assert_false(codelist_has(CL_COUNTRY, "XX"));
	const struct code *ml = codelist_find(CL_COUNTRY, "ML");
	assert_non_null(ml);
	assert_string_equal(ml->attr[CL_ATTR_ALPHA3], "MLI");
	assert_string_equal(ml->attr[CL_ATTR_WB_INCOME], "Low income");
	assert_true(codelist_has(CL_PARTNERSHIP_KIND, "twinning"));
	assert_true(codelist_has(CL_PARTNERSHIP_KIND, "decentralised_cooperation"));
	assert_true(codelist_has(CL_IMPACT_CATEGORY, "sociocultural.openness"));
	assert_string_equal(codelist_find(CL_IMPACT_CATEGORY, "economic.tourism")->parent, "economic");
	assert_true(codelist_has(CL_IATI_SECTOR, "14030"));
	assert_true(codelist_has(CL_IATI_ORG_TYPE, "11"));
	assert_true(codelist_has(CL_SDG_GOAL, "6"));
	assert_true(codelist_has(CL_FUNDING_SOURCE, "water_1pct"));
	assert_string_equal(codelist_label(CL_AUTHORITY_LEVEL, "municipality", CL_LANG_FR), "Commune");
	/* country names in French and Spanish come from iso-codes' translations */
	assert_string_equal(codelist_label(CL_COUNTRY, "DE", CL_LANG_EN), "Germany");
	assert_string_equal(codelist_label(CL_COUNTRY, "DE", CL_LANG_FR), "Allemagne");
	assert_string_equal(codelist_label(CL_COUNTRY, "DE", CL_LANG_ES), "Alemania");
	assert_string_equal(codelist_label(CL_COUNTRY, "BO", CL_LANG_FR), "Bolivie");
}

static void country_names(void **state)
{
	(void)state;
	int overseas = 0;
	assert_string_equal(country_resolve("France", NULL), "FR");
	assert_string_equal(country_resolve("England", NULL), "GB");
	assert_string_equal(country_resolve("Scotland, United Kingdom", NULL), "GB");
	assert_string_equal(country_resolve("Republic of Ireland", NULL), "IE");
	assert_string_equal(country_resolve("Palestine", NULL), "PS");
	assert_string_equal(country_resolve("Kosovo", NULL), "XK");
	assert_string_equal(country_resolve("Brandenburg, Germany", NULL), "DE");
	assert_string_equal(country_resolve("São Tomé and Príncipe", NULL), "ST");
	assert_string_equal(country_resolve("Réunion, France", &overseas), "FR");
	assert_int_equal(overseas, 1);
	assert_null(country_resolve("Atlantis", NULL));
	assert_null(country_resolve("", NULL));
}

static void authority_rules(void **state)
{
	(void)state;
	struct errlist el;
	errlist_init(&el);
	struct authority a = {.name = "Quetigny", .country = "FR", .level = "municipality",
			      .population = EALA_NO_VALUE};
	struct origin o = {"authorities.csv", 7};
	assert_int_equal(authority_validate(&a, &o, &el), 0);
	struct authority b = {.name = " ", .country = "XX", .level = "village", .population = -5,
			      .has_coords = 1, .lat = 91, .lng = 0};
	assert_int_equal(authority_validate(&b, &o, &el), 5);
	assert_true(has_error(&el, "name", "required"));
	assert_true(has_error(&el, "country", "'XX'"));
	assert_true(has_error(&el, "level", "authority-level"));
	assert_true(has_error(&el, "population", "negative"));
	assert_true(has_error(&el, "lat", "between -90 and 90"));
	assert_string_equal(el.v[0].file, "authorities.csv");
	assert_int_equal(el.v[0].line, 7);
	char *line = errlist_format(&el.v[1]);
	assert_string_equal(line, "authorities.csv:7: field 'country': is not a code of the country list: 'XX'");
	free(line);
	errlist_clear(&el);
}

static void partnership_rules(void **state)
{
	(void)state;
	struct errlist el;
	errlist_init(&el);
	int64_t two[] = {1, 2}, same[] = {3, 3};
	struct partnership ok = {.name = "Quetigny – Koulikoro", .kind = "decentralised_cooperation",
				 .status = "active", .start_date = "1985-06-01",
				 .agreement_signed = "1985-06-01", .members = two, .n_members = 2};
	assert_int_equal(partnership_validate(&ok, NULL, &el), 0);
	struct partnership bad = {.name = "x", .kind = "alliance", .status = "ended",
				  .start_date = "2010-01-01", .end_date = "2009-12-31",
				  .agreement_expires = "2030-01-01", .members = same, .n_members = 2};
	partnership_validate(&bad, NULL, &el);
	assert_true(has_error(&el, "kind", "'alliance'"));
	assert_true(has_error(&el, "end_date", "before the start date"));
	assert_true(has_error(&el, "agreement_signed", "required when"));
	assert_true(has_error(&el, "members", "appears twice"));
	struct partnership lone = {.name = "x", .kind = "twinning", .status = "active",
				   .members = two, .n_members = 1};
	errlist_clear(&el);
	partnership_validate(&lone, NULL, &el);
	assert_true(has_error(&el, "members", "at least two"));
	errlist_clear(&el);
}

static void action_and_results_rules(void **state)
{
	(void)state;
	struct errlist el;
	errlist_init(&el);
	struct action a = {.title = xstrdup("Water network of Farafangana"), .authority_id = 4,
			   .type = xstrdup("project"), .status = xstrdup("2"),
			   .start_date = xstrdup("2019-01-01")};
	strv_push(&a.domains, "water_sanitation");
	strv_push(&a.sectors, "14030");
	strv_push(&a.sdgs, "6");
	strv_push(&a.countries, "MG");
	action_add_participant(&a, 9, 0, "4");
	assert_int_equal(action_validate(&a, NULL, &el), 0);
	strv_push(&a.sectors, "99999");
	strv_push(&a.sdgs, "18");
	action_add_participant(&a, 0, 0, "7");
	assert_int_equal(action_validate(&a, NULL, &el), 4);
	action_clear(&a);
	errlist_clear(&el);

	struct observed_outcome o = {.partnership_id = 1, .category = "sociocultural.openness",
				     .side = "partner", .reported_by = "partner",
				     .description = "Pupils in Koulikoro wrote to Quetigny",
				     .evidence_url = "ftp://x", .unexpected = 1, .expected_id = 3};
	assert_int_equal(observed_outcome_validate(&o, NULL, &el), 2);
	assert_true(has_error(&el, "evidence_url", "http"));
	assert_true(has_error(&el, "expected", "unexpected"));
	errlist_clear(&el);

	struct financing f = {.action_id = 1, .source = "water_1pct", .year = 2019, .has_planned = 1,
			      .planned = 120000, .currency = "EUR"};
	assert_int_equal(financing_validate(&f, NULL, &el), 0);
	f.currency = "EURO";
	f.year = 1850;
	assert_int_equal(financing_validate(&f, NULL, &el), 2);
	errlist_clear(&el);
}

static void errlist_limit(void **state)
{
	(void)state;
	struct errlist el;
	errlist_init(&el);
	el.max = 2;
	for (int i = 0; i < 5; i++)
		errlist_add(&el, "f.csv", i + 2, NULL, "problem %d", i);
	assert_int_equal(el.n, 2);
	assert_int_equal(errlist_count(&el), 5);
	errlist_clear(&el);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates),
		cmocka_unit_test(code_lists_load_from_data),
		cmocka_unit_test(country_names),
		cmocka_unit_test(authority_rules),
		cmocka_unit_test(partnership_rules),
		cmocka_unit_test(action_and_results_rules),
		cmocka_unit_test(errlist_limit),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
