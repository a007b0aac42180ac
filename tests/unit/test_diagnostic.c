/* test_diagnostic.c: the territorial diagnostic on a small territory whose
 * figures are worked out by hand in the comments (the same territory as
 * tests/cli/diagnostic_data.json, without the draft). */
#include "testutil.h"

#include "../../src/analysis/diagnostic.h"

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

/* Partners: Koulikoro (#4, Mali) and Bous (#5, Germany). */
static const struct store_diagnostic_partner partners[] = {
	{.partnership_id = 1, .authority_id = 4, .name = "Koulikoro", .country = "ML"},
	{.partnership_id = 2, .authority_id = 5, .name = "Bous", .country = "DE"},
};

/* Organisation 1 (diaspora) to Koulikoro, Kayes and Dakar; 2 (school) to
 * Bous; 3 (company) to München and Senegal. */
static const struct store_diagnostic_link links[] = {
	{6, 3, 0, "Fromagerie", "company", "SN", NULL, NULL, "economic_development", "trade"},
	{1, 1, 4, "Diaspora", "diaspora_association", "ML", "Koulikoro", NULL, "social_inclusion", "diaspora"},
	{2, 1, 0, "Diaspora", "diaspora_association", "ML", NULL, "Kayes", NULL, "diaspora"},
	{3, 1, 0, "Diaspora", "diaspora_association", "SN", NULL, "Dakar", NULL, "diaspora"},
	{4, 2, 5, "College", "school", "DE", "Bous", NULL, "education_youth", "exchange"},
	{5, 3, 0, "Fromagerie", "company", "DE", NULL, "München", "economic_development", "trade"},
};

static const struct diagnostic_count *count(const struct diagnostic_counts *c, const char *code)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].code, code) == 0)
			return &c->v[i];
	fail_msg("no %s", code);
	return NULL;
}

static void figures(void **state)
{
	struct diagnostic_result r;
	(void)state;
	assert_int_equal(diagnostic_compute(links, 6, partners, 2, &r), EALA_OK);
	/* three organisations, three countries, Senegal alone without partnership */
	assert_int_equal(r.actors, 3);
	assert_int_equal(r.n_links, 6);
	assert_int_equal(r.by_country.n, 3);
	assert_int_equal(r.unpartnered, 1);
	/* links sorted by id whatever the order given */
	assert_int_equal(r.links[0].id, 1);
	assert_int_equal(r.links[5].id, 6);
	/* #1 and #4 go to partners; #2 (Kayes) and #5 (München) to their countries;
	 * #3 and #6 to Senegal: the potential */
	assert_int_equal(r.matches[DIAG_SAME_PARTNER], 2);
	assert_int_equal(r.matches[DIAG_SAME_COUNTRY], 2);
	assert_int_equal(r.matches[DIAG_POTENTIAL], 2);
	assert_int_equal(r.links[2].match, DIAG_POTENTIAL);
	assert_int_equal(r.links[4].match, DIAG_SAME_COUNTRY);
	/* Germany: the school and the company (2 actors, 2 links); Senegal: the
	 * diaspora and the company; Mali: the diaspora twice (1 actor, 2 links) */
	assert_string_equal(r.by_country.v[0].code, "DE");
	assert_string_equal(r.by_country.v[1].code, "SN");
	assert_string_equal(r.by_country.v[2].code, "ML");
	assert_int_equal(count(&r.by_country, "ML")->actors, 1);
	assert_int_equal(count(&r.by_country, "ML")->links, 2);
	assert_false(count(&r.by_country, "SN")->partnered);
	assert_true(count(&r.by_country, "DE")->partnered);
	/* a link without domain counts under "" */
	assert_int_equal(count(&r.by_domain, "")->links, 2);
	assert_int_equal(count(&r.by_domain, "economic_development")->actors, 1);
	assert_int_equal(count(&r.by_kind, "diaspora")->links, 3);
	/* the diaspora association, its countries once each */
	assert_int_equal(r.n_diaspora, 1);
	assert_int_equal(r.diaspora[0].n_countries, 2);
	assert_string_equal(r.diaspora[0].countries[0], "ML");
	assert_string_equal(r.diaspora[0].countries[1], "SN");
	diagnostic_clear(&r);
}

static void collect(void *ctx, const char *s)
{
	struct strv *sv = ctx;
	strv_push(sv, s);
}

static void sentences(void **state)
{
	struct diagnostic_result r;
	struct strv sv = {0};
	(void)state;
	assert_int_equal(diagnostic_compute(links, 6, partners, 2, &r), EALA_OK);
	diagnostic_sentences(&r, CL_LANG_EN, collect, &sv);
	assert_int_equal(sv.n, 4);
	assert_string_equal(sv.v[0], "3 local actors have links abroad in 3 countries (6 links).");
	assert_string_equal(sv.v[1], "1 of those countries has no partnership of yours: Senegal (2 actors).");
	assert_string_equal(sv.v[3], "1 diaspora association connects the territory to Mali, Senegal.");
	strv_clear(&sv);
	diagnostic_clear(&r);
}

static void no_partnership_nothing_recorded(void **state)
{
	struct diagnostic_result r;
	struct strv sv = {0};
	(void)state;
	/* without partnerships every link is potential */
	assert_int_equal(diagnostic_compute(links, 6, NULL, 0, &r), EALA_OK);
	assert_int_equal(r.matches[DIAG_POTENTIAL], 6);
	assert_int_equal(r.unpartnered, 3);
	diagnostic_clear(&r);
	/* without links: one sentence that says how to collect them */
	assert_int_equal(diagnostic_compute(NULL, 0, partners, 2, &r), EALA_OK);
	assert_int_equal(r.actors, 0);
	assert_int_equal(r.n_partner_countries, 2);
	diagnostic_sentences(&r, CL_LANG_EN, collect, &sv);
	assert_int_equal(sv.n, 1);
	assert_non_null(strstr(sv.v[0], "No local actor's link abroad"));
	strv_clear(&sv);
	diagnostic_clear(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(figures),
		cmocka_unit_test(sentences),
		cmocka_unit_test(no_partnership_nothing_recorded),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
