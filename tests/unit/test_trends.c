/* test_trends.c: the trends on a small store built by hand, every figure
 * worked out in the comments; the partner countries kept by schema v8's
 * triggers when an authority's country changes; CSV and JSON.
 *
 * Authorities: 1 Quetigny FR (high income, Europe), 2 Koulikoro ML (low),
 * 3 Bous DE (high, Europe), 4 Dakar SN (lower-middle), 5 Dijon FR.
 * Partnerships (home first):
 *   P1 [1,2] decentralised_cooperation, began 2015, agreement signed 2015
 *   P2 [1,3] twinning, began 2015, ended (status date 2019)
 *   P3 [1,2,4] development_cooperation, began 2017, agreement signed 2018
 *   P4 [1,5] friendship, began 2017: both French, no partner abroad
 *   P5 [3,1] friendship, began 2016, a draft: partner FR
 *   P6 [1,4] economic, began 2010, ended (no status date, end date 2016)
 * Actions: A1 in P1 2016 water+health; A2 alone 2016 culture; A3 alone (Dijon)
 * 2017 water; A4 in P3 2017 education, a draft.
 * Financing: A1 2016 own budget 1000/800 and 1% water 500/500; A2 2017 own
 * budget 200 planned; A4 2017 ministry call 300/300; A3 2017 100 XOF.
 * Organisations: O1 association in A1 (2016) and A3 (2017); O2 university in
 * A3 (2017); O3 association in A2 (2016); O4 company in A4 (2017, draft). */
#include "testutil.h"

#include "../../src/analysis/trends.h"

#include <jansson.h>

struct fx {
	struct store *st;
	char *path;
	int64_t a[6];
	struct trends_result r;
};

static int64_t authority(struct store *st, const char *name, const char *country)
{
	struct authority a = {.name = (char *)name, .country = (char *)country, .level = "municipality",
			      .population = EALA_NO_VALUE};
	char *err = NULL;
	assert_int_equal(store_authority_insert(st, &a, &err), 0);
	return a.id;
}

static int64_t partnership(struct store *st, const int64_t *m, size_t n, const char *kind, const char *start,
			   const char *status, const char *status_date, const char *end, const char *signed_on,
			   int draft)
{
	struct partnership p = {.name = "p", .kind = (char *)kind, .status = (char *)status,
				.status_date = (char *)status_date, .start_date = (char *)start,
				.end_date = (char *)end, .agreement_signed = (char *)signed_on,
				.members = (int64_t *)m, .n_members = n, .draft = draft};
	char *err = NULL;
	assert_int_equal(store_partnership_insert(st, &p, &err), 0);
	return p.id;
}

static int64_t organisation(struct store *st, const char *name, const char *subtype)
{
	struct organisation o = {.name = (char *)name, .iati_type = "22", .subtype = (char *)subtype};
	char *err = NULL;
	assert_int_equal(store_organisation_insert(st, &o, &err), 0);
	return o.id;
}

static int64_t action(struct store *st, int64_t lead, int64_t partnership_id, const char *start,
		      const char *domains, int64_t org, int draft)
{
	struct action a = {.title = "a", .authority_id = lead, .partnership_id = partnership_id, .type = "project",
			   .status = "2", .start_date = (char *)start, .draft = draft};
	char *d = strdup(domains), *save = NULL;
	for (char *t = strtok_r(d, "|", &save); t; t = strtok_r(NULL, "|", &save))
		strv_push(&a.domains, t);
	free(d);
	if (org)
		action_add_participant(&a, org, 0, "4");
	char *err = NULL;
	assert_int_equal(store_action_insert(st, &a, &err), 0);
	int64_t id = a.id;
	strv_clear(&a.domains);
	for (size_t i = 0; i < a.n_participants; i++)
		free(a.participants[i].role);
	free(a.participants);
	return id;
}

static void participant(struct store *st, int64_t action_id, int64_t org)
{
	struct action a = {0};
	char *err = NULL;
	assert_int_equal(store_action_get(st, action_id, &a), 0);
	action_add_participant(&a, org, 0, "4");
	assert_int_equal(store_action_update(st, &a, &err), 0);
	action_clear(&a);
}

static void money(struct store *st, int64_t action_id, const char *source, int year, double planned,
		  double actual, int has_actual, const char *currency)
{
	struct financing f = {.action_id = action_id, .source = (char *)source, .year = year, .has_planned = 1,
			      .planned = planned, .has_actual = has_actual, .actual = actual,
			      .currency = (char *)currency};
	char *err = NULL;
	assert_int_equal(store_financing_insert(st, &f, &err), 0);
}

static int setup(void **state)
{
	codelist_load_install();
	struct fx *f = calloc(1, sizeof(*f));
	f->st = tu_store(&f->path);
	int64_t *a = f->a;
	a[1] = authority(f->st, "Quetigny", "FR");
	a[2] = authority(f->st, "Koulikoro", "ML");
	a[3] = authority(f->st, "Bous", "DE");
	a[4] = authority(f->st, "Dakar", "SN");
	a[5] = authority(f->st, "Dijon", "FR");
	int64_t m1[] = {a[1], a[2]}, m2[] = {a[1], a[3]}, m3[] = {a[1], a[2], a[4]}, m4[] = {a[1], a[5]},
		m5[] = {a[3], a[1]}, m6[] = {a[1], a[4]};
	int64_t p1 = partnership(f->st, m1, 2, "decentralised_cooperation", "2015-03-01", "active", NULL, NULL,
				 "2015-05-01", 0);
	partnership(f->st, m2, 2, "twinning", "2015-06-01", "ended", "2019-01-01", NULL, NULL, 0);
	int64_t p3 = partnership(f->st, m3, 3, "development_cooperation", "2017-01-01", "active", NULL, NULL,
				 "2018-02-02", 0);
	partnership(f->st, m4, 2, "friendship", "2017-05-05", "active", NULL, NULL, NULL, 0);
	partnership(f->st, m5, 2, "friendship", "2016-01-01", "active", NULL, NULL, NULL, 1);
	partnership(f->st, m6, 2, "economic", "2010-01-01", "ended", NULL, "2016-12-31", NULL, 0);
	int64_t o1 = organisation(f->st, "O1", "association"), o2 = organisation(f->st, "O2", "university"),
		o3 = organisation(f->st, "O3", "association"), o4 = organisation(f->st, "O4", "company");
	int64_t x1 = action(f->st, a[1], p1, "2016-01-01", "water_sanitation|health", o1, 0);
	int64_t x2 = action(f->st, a[1], 0, "2016-04-01", "culture", o3, 0);
	int64_t x3 = action(f->st, a[5], 0, "2017-02-01", "water_sanitation", o1, 0);
	participant(f->st, x3, o2);
	int64_t x4 = action(f->st, a[1], p3, "2017-09-01", "education_youth", o4, 1);
	money(f->st, x1, "own_budget", 2016, 1000, 800, 1, "EUR");
	money(f->st, x1, "water_1pct", 2016, 500, 500, 1, "EUR");
	money(f->st, x2, "own_budget", 2017, 200, 0, 0, "EUR");
	money(f->st, x4, "ministry_call", 2017, 300, 300, 1, "EUR");
	money(f->st, x3, "other", 2017, 100, 0, 0, "XOF");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tu_store_free(f->st, f->path);
	free(f);
	codelist_reset();
	return 0;
}

static const struct trends_year *Y(const struct trends_result *r, int y)
{
	return &r->years[y - TRENDS_FIRST_YEAR];
}

static int code(enum trends_list l, const char *c)
{
	for (size_t i = 0; trends_code(l, i); i++)
		if (strcmp(trends_code(l, i), c) == 0)
			return (int)i;
	fail_msg("no code %s", c);
	return -1;
}

/* Every record, drafts too (what the CLI reads). */
static void everything(void **state)
{
	struct fx *f = *state;
	struct trends_result *r = &f->r;
	char *err = NULL;
	assert_int_equal(trends_load(f->st, 0, 0, 0, r, &err), 0);
	/* the span: P6 began in 2010, P2 ended in 2019 */
	assert_int_equal(r->first, 2010);
	assert_int_equal(r->last, 2019);
	/* 2010: P6, economic, with Dakar (lower-middle) */
	assert_int_equal(Y(r, 2010)->n_started, 1);
	assert_int_equal(Y(r, 2010)->started[code(TL_KIND, "economic")], 1);
	assert_int_equal(Y(r, 2010)->income[TI_LOWER_MIDDLE], 1);
	/* 2015: P1 (Mali, low) and P2 (Germany, high, Europe); P1's agreement */
	assert_int_equal(Y(r, 2015)->n_started, 2);
	assert_int_equal(Y(r, 2015)->abroad, 2);
	assert_int_equal(Y(r, 2015)->income[TI_LOW], 1);
	assert_int_equal(Y(r, 2015)->income[TI_HIGH], 1);
	assert_int_equal(Y(r, 2015)->europe, 1);
	assert_int_equal(Y(r, 2015)->agreements, 1);
	/* 2016: the draft P5 (home Bous, partner France); P6 ended (end date);
	 * A1 and A2, of which A2 one-off; 1,500 planned, 1,300 spent; O1 and
	 * O3 appear, the first associations */
	assert_int_equal(Y(r, 2016)->n_started, 1);
	assert_int_equal(Y(r, 2016)->income[TI_HIGH], 1);
	assert_int_equal(Y(r, 2016)->europe, 1);
	assert_int_equal(Y(r, 2016)->n_ended, 1);
	assert_int_equal(Y(r, 2016)->ended[code(TL_KIND, "economic")], 1);
	assert_int_equal(Y(r, 2016)->actions, 2);
	assert_int_equal(Y(r, 2016)->oneoff, 1);
	assert_int_equal(Y(r, 2016)->domains[code(TL_DOMAIN, "water_sanitation")], 1);
	assert_int_equal(Y(r, 2016)->domains[code(TL_DOMAIN, "health")], 1);
	assert_int_equal(Y(r, 2016)->domains[code(TL_DOMAIN, "culture")], 1);
	assert_true(Y(r, 2016)->planned_total == 1500 && Y(r, 2016)->actual_total == 1300);
	assert_true(Y(r, 2016)->planned[code(TL_SOURCE, "own_budget")] == 1000);
	assert_true(Y(r, 2016)->actual[code(TL_SOURCE, "water_1pct")] == 500);
	assert_int_equal(Y(r, 2016)->organisations[code(TL_SUBTYPE, "association")], 2);
	assert_int_equal(r->first_seen[code(TL_SUBTYPE, "association")], 2016);
	/* 2017: P3 (Mali low and Senegal lower-middle: one partnership in each
	 * group, once abroad) and P4 (French only: not abroad); A3 one-off and
	 * A4; 200 + 300 planned, 300 spent, the XOF row counted apart; O2
	 * (university) and O4 (company) appear, both kinds new */
	assert_int_equal(Y(r, 2017)->n_started, 2);
	assert_int_equal(Y(r, 2017)->abroad, 1);
	assert_int_equal(Y(r, 2017)->income[TI_LOW], 1);
	assert_int_equal(Y(r, 2017)->income[TI_LOWER_MIDDLE], 1);
	assert_int_equal(Y(r, 2017)->actions, 2);
	assert_int_equal(Y(r, 2017)->oneoff, 1);
	assert_true(Y(r, 2017)->planned_total == 500 && Y(r, 2017)->actual_total == 300);
	assert_int_equal(Y(r, 2017)->other_currency, 1);
	assert_int_equal(Y(r, 2017)->n_organisations, 2);
	assert_int_equal(r->first_seen[code(TL_SUBTYPE, "university")], 2017);
	assert_int_equal(r->first_seen[code(TL_SUBTYPE, "company")], 2017);
	/* 2018: P3's agreement; 2019: P2 ended on its status date */
	assert_int_equal(Y(r, 2018)->agreements, 1);
	assert_int_equal(Y(r, 2019)->ended[code(TL_KIND, "twinning")], 1);
	/* totals: 6 begun, 2 ended, 5 with partners abroad, 2 agreements, 4 actions, 2 one-off */
	assert_int_equal(r->n_started, 6);
	assert_int_equal(r->n_ended, 2);
	assert_int_equal(r->abroad, 5);
	assert_int_equal(r->income[TI_HIGH], 2);
	assert_int_equal(r->agreements, 2);
	assert_int_equal(r->actions, 4);
	assert_int_equal(r->oneoff, 2);
	assert_int_equal(r->organisations, 4);
}

/* What anonymous readers get: P5, A4 (its money and O4) left out. */
static void public_only(void **state)
{
	struct fx *f = *state;
	struct trends_result *r = &f->r;
	char *err = NULL;
	assert_int_equal(trends_load(f->st, 0, 0, 1, r, &err), 0);
	assert_int_equal(Y(r, 2016)->n_started, 0);
	assert_int_equal(Y(r, 2016)->abroad, 0);
	assert_int_equal(r->n_started, 5);
	assert_int_equal(r->abroad, 4);
	assert_int_equal(r->income[TI_HIGH], 1);
	assert_int_equal(Y(r, 2017)->actions, 1);
	assert_int_equal(Y(r, 2017)->domains[code(TL_DOMAIN, "education_youth")], 0);
	assert_true(Y(r, 2017)->planned_total == 200 && Y(r, 2017)->actual_total == 0);
	assert_int_equal(Y(r, 2017)->n_organisations, 1);
	assert_int_equal(r->first_seen[code(TL_SUBTYPE, "company")], 0);
}

/* --from 2015 --to 2016: only those years; O1 still counts from 2016. */
static void years(void **state)
{
	struct fx *f = *state;
	struct trends_result *r = &f->r;
	char *err = NULL;
	assert_int_equal(trends_load(f->st, 2015, 2016, 0, r, &err), 0);
	assert_int_equal(r->first, 2015);
	assert_int_equal(r->last, 2016);
	assert_int_equal(r->n_started, 3);
	assert_int_equal(r->n_ended, 1);
	assert_int_equal(r->agreements, 1);
	assert_int_equal(r->actions, 2);
	assert_int_equal(Y(r, 2017)->n_started, 0);
	/* a span with nothing in it still has its years */
	assert_int_equal(trends_load(f->st, 2030, 2031, 0, r, &err), 0);
	assert_int_equal(r->first, 2030);
	assert_int_equal(r->n_started, 0);
}

/* Dakar moves to Mali: P3's partners are then in Mali alone, P6's too. */
static void country_change(void **state)
{
	struct fx *f = *state;
	struct trends_result *r = &f->r;
	struct authority a = {0};
	char *err = NULL;
	assert_int_equal(store_authority_get(f->st, f->a[4], &a), 0);
	free(a.country);
	a.country = strdup("ML");
	assert_int_equal(store_authority_update(f->st, &a, &err), 0);
	authority_clear(&a);
	assert_int_equal(trends_load(f->st, 0, 0, 0, r, &err), 0);
	assert_int_equal(Y(r, 2017)->income[TI_LOW], 1);
	assert_int_equal(Y(r, 2017)->income[TI_LOWER_MIDDLE], 0);
	assert_int_equal(Y(r, 2010)->income[TI_LOW], 1);
	assert_int_equal(Y(r, 2010)->income[TI_LOWER_MIDDLE], 0);
}

static void formats(void **state)
{
	struct fx *f = *state;
	struct trends_result *r = &f->r;
	char *err = NULL, *text = NULL;
	size_t len = 0;
	assert_int_equal(trends_load(f->st, 2016, 2017, 1, r, &err), 0);
	FILE *out = open_memstream(&text, &len);
	assert_int_equal(trends_csv(r, out), 0);
	fclose(out);
	assert_true(strncmp(text, "year,measure,key,value\n", 23) == 0);
	assert_non_null(strstr(text, "\n2016,planned_eur,own_budget,1000.00\n"));
	assert_non_null(strstr(text, "\n2016,new_kind_of_stakeholder,association,1\n"));
	assert_non_null(strstr(text, "\n2017,financing_rows_other_currency,,1\n"));
	assert_null(strstr(text, "company"));
	free(text);
	json_t *j = trends_json(r, CL_LANG_EN);
	assert_int_equal(json_integer_value(json_object_get(j, "from")), 2016);
	json_t *y17 = json_array_get(json_object_get(j, "years"), 1);
	assert_int_equal(json_integer_value(json_object_get(y17, "one_off_actions")), 1);
	/* one partnership abroad in 2017, with Mali and Senegal: 100 % each */
	json_t *shares = json_object_get(y17, "shares");
	assert_true(json_real_value(json_object_get(shares, "low")) == 100.0);
	assert_true(json_real_value(json_object_get(shares, "lower_middle")) == 100.0);
	assert_true(json_is_null(json_object_get(json_object_get(json_array_get(json_object_get(j, "years"), 0), "shares"), "low")));
	const char *s0 = json_string_value(json_array_get(json_object_get(j, "sentences"), 0));
	assert_string_equal(s0, "From 2016 to 2017, 2 partnerships began and 1 ended (net +1).");
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(everything, setup, teardown),
		cmocka_unit_test_setup_teardown(public_only, setup, teardown),
		cmocka_unit_test_setup_teardown(years, setup, teardown),
		cmocka_unit_test_setup_teardown(country_change, setup, teardown),
		cmocka_unit_test_setup_teardown(formats, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
