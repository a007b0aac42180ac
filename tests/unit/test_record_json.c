/* test_record_json.c: records as JSON objects, the shape the CLI's --json and
 * the API give: absent values left out, lists as arrays, references as ids. */
#include "testutil.h"

#include "../../src/io/record_json.h"

#include <jansson.h>

static void authority_fields(void **state)
{
	(void)state;
	struct authority a = {.id = 7, .name = "Quetigny", .country = "FR", .level = "municipality",
			      .official_code = "21515", .population = EALA_NO_VALUE, .has_coords = 1,
			      .lat = 47.315, .lng = 5.106, .parent_id = 8};
	strv_push(&a.other_names, "Quetigny (Côte-d'Or)");
	json_t *j = authority_json(&a);
	assert_int_equal(json_integer_value(json_object_get(j, "id")), 7);
	assert_string_equal(json_string_value(json_object_get(j, "name")), "Quetigny");
	assert_string_equal(json_string_value(json_array_get(json_object_get(j, "other_names"), 0)),
			    "Quetigny (Côte-d'Or)");
	assert_true(json_real_value(json_object_get(j, "lat")) == 47.315);
	assert_int_equal(json_integer_value(json_object_get(j, "parent_id")), 8);
	assert_null(json_object_get(j, "population"));   /* unknown: left out, not 0 */
	assert_null(json_object_get(j, "notes"));
	assert_true(json_is_false(json_object_get(j, "overseas")));
	json_decref(j);
	strv_clear(&a.other_names);

	struct authority b = {.id = 9, .name = "X", .country = "FR", .level = "region",
			      .population = 0};
	j = authority_json(&b);
	assert_null(json_object_get(j, "lat"));           /* no coordinates: no lat, no lng */
	assert_int_equal(json_integer_value(json_object_get(j, "population")), 0);
	json_decref(j);
}

static void partnership_and_action(void **state)
{
	(void)state;
	int64_t members[] = {3, 5};
	struct partnership p = {.id = 2, .name = "Quetigny – Koulikoro", .kind = "decentralised_cooperation",
				.status = "active", .agreement_signed = "1990-06-15",
				.members = members, .n_members = 2};
	json_t *j = partnership_json(&p);
	json_t *m = json_object_get(j, "members");
	assert_int_equal(json_array_size(m), 2);
	assert_int_equal(json_integer_value(json_array_get(m, 0)), 3);   /* home first */
	assert_string_equal(json_string_value(json_object_get(j, "agreement_signed")), "1990-06-15");
	assert_null(json_object_get(j, "end_date"));
	json_decref(j);

	struct action a = {.id = 4, .title = "Water network", .authority_id = 3, .partnership_id = 2,
			   .type = "project", .status = "2", .citizen_participation = 1};
	strv_push(&a.domains, "water_sanitation");
	strv_push(&a.countries, "MG");
	action_add_participant(&a, 11, 0, "4");
	j = action_json(&a);
	assert_string_equal(json_string_value(json_array_get(json_object_get(j, "domains"), 0)),
			    "water_sanitation");
	json_t *part = json_array_get(json_object_get(j, "participants"), 0);
	assert_int_equal(json_integer_value(json_object_get(part, "organisation_id")), 11);
	assert_null(json_object_get(part, "authority_id"));
	assert_string_equal(json_string_value(json_object_get(part, "role")), "4");
	assert_true(json_is_true(json_object_get(j, "citizen_participation")));
	assert_null(json_object_get(j, "sectors"));   /* empty lists are left out */
	json_decref(j);
	strv_clear(&a.domains);
	strv_clear(&a.countries);
	free(a.participants[0].role);
	free(a.participants);
}

static void results_chain(void **state)
{
	(void)state;
	struct indicator_period per = {.start = "2020-01-01", .end = "2020-12-31", .has_target = 1,
				       .target = 10000, .has_actual = 1, .actual = 9500};
	struct indicator ind = {.id = 1, .title = "People with water", .unit = "persons",
				.ascending = 1, .periods = &per, .n_periods = 1};
	struct expected_impact e = {.id = 8, .partnership_id = 2, .category = "solidarity.sdg",
				    .side = "partner", .description = "Access to water",
				    .indicators = &ind, .n_indicators = 1};
	json_t *j = expected_impact_json(&e);
	json_t *p = json_array_get(json_object_get(json_array_get(json_object_get(j, "indicators"), 0),
						   "periods"), 0);
	assert_true(json_real_value(json_object_get(p, "target")) == 10000);
	assert_true(json_real_value(json_object_get(p, "actual")) == 9500);
	json_decref(j);

	struct observed_outcome o = {.id = 3, .partnership_id = 2, .category = "sociocultural.openness",
				     .side = "home", .reported_by = "home", .description = "d",
				     .unexpected = 1};
	j = observed_outcome_json(&o);
	assert_true(json_is_true(json_object_get(j, "unexpected")));
	assert_null(json_object_get(j, "expected_id"));
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(authority_fields),
		cmocka_unit_test(partnership_and_action),
		cmocka_unit_test(results_chain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
