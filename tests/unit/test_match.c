/* test_match.c: partner matching on a hand-built caller and five candidates;
 * every part of every score is worked out in the comments. Weights: domain
 * 30, size_level 15, networks 15, language 15, stakeholders 15, underserved
 * 10 (sum 100, so points = weight x part). */
#include "testutil.h"

#include "../../src/analysis/match.h"

#include <jansson.h>
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

/* Caller #1: a French municipality of 100,000 in networks 10 and 11. */
static const struct store_match_authority caller = {
	.id = 1, .name = "Home", .country = "FR", .level = "municipality", .population = 100000,
	.domains = "water_sanitation|health", .networks = "10,11"};

static const struct store_match_authority candidates[] = {
	/* #1 the caller itself: left out, not counted */
	{.id = 1, .name = "Home", .country = "FR", .level = "municipality", .population = 100000},
	/* #2 Senegal, municipality of 50,000, network 10:
	 * domain 1/2 (water) = 15; size 0.5/2 + 0.5 = 0.75 = 11.25;
	 * networks 1 shared = 0.5 = 7.5; language fr = 15; a local actor's
	 * link to it = 15; underserved 3 home authorities in SN: 1/4 = 2.5.
	 * Score 66.25 */
	{.id = 2, .name = "Dakar-like", .country = "SN", .level = "municipality", .population = 50000,
	 .domains = "water_sanitation|agriculture|water_sanitation", .networks = "10"},
	/* #3 Viet Nam, region of 400,000, networks 10, 11, 12:
	 * domain 1/2 (health) = 15; size 0.25/2 + 0 = 0.125 = 1.875;
	 * networks 2 shared = 1 = 15; language vi/fr = 0; a link to another
	 * place of VN: 0.5 = 7.5; underserved none there: 1 = 10.
	 * Score 49.375 */
	{.id = 3, .name = "Hue-like", .country = "VN", .level = "region", .population = 400000,
	 .domains = "health|education", .networks = "12,11,10"},
	/* #4 Senegal, municipality, population unknown, nothing recorded:
	 * domain 0; size 0 + 0.5 = 7.5; networks 0; language 15; the link
	 * to #2 is in its country: 0.5 = 7.5; underserved 2.5. Score 32.5 */
	{.id = 4, .name = "Small", .country = "SN", .level = "municipality", .population = EALA_NO_VALUE},
	/* #5 a partner already: left out */
	{.id = 5, .name = "Partner", .country = "SN", .level = "municipality", .population = 100000,
	 .domains = "water_sanitation|health", .networks = "10,11"},
	/* #6 Madagascar, municipality of 100,000, health:
	 * domain 1/2 = 15; size 1/2 + 0.5 = 1 = 15; networks 0; language fr
	 * (mg|fr) = 15; no link = 0; 1 home authority there: 1/2 = 5.
	 * Score 50 */
	{.id = 6, .name = "Tana-like", .country = "MG", .level = "municipality", .population = 100000,
	 .domains = "health"},
};

static const struct store_diagnostic_link links[] = {
	{.id = 1, .organisation_id = 7, .country = "SN", .partner_authority_id = 2},
	{.id = 2, .organisation_id = 8, .country = "VN", .partner_authority_id = 9},
};

static const struct match_presence presence[] = {{"MG", 1}, {"SN", 3}};
static const int64_t partners[] = {5};

static void add_language(struct match_languages *l, const char *country, const char *codes)
{
	struct match_language *x = &l->v[l->n++];
	x->country = strdup(country);
	assert_int_equal(strv_split(&x->languages, codes, '|'), 0);
}

/* Sorted by country, as match_languages_load() leaves them. */
static void languages(struct match_languages *l)
{
	memset(l, 0, sizeof(*l));
	l->v = calloc(4, sizeof(*l->v));
	add_language(l, "FR", "fr");
	add_language(l, "MG", "mg|fr");
	add_language(l, "SN", "fr|wo");
	add_language(l, "VN", "vi");
}

static struct match_rules rules = {{30, 15, 15, 15, 15, 10}, 100, NULL};

static void run(size_t top, struct match_result *r, struct match_languages *langs, struct strv *domains)
{
	languages(langs);
	memset(domains, 0, sizeof(*domains));
	strv_push(domains, "water_sanitation");
	strv_push(domains, "health");
	struct match_input in = {.caller = &caller, .domains = domains, .partners = partners, .n_partners = 1,
				 .links = links, .n_links = 2, .presence = presence, .n_presence = 2,
				 .languages = langs, .rules = &rules};
	assert_int_equal(match_compute(&in, candidates, 6, top, r), EALA_OK);
}

static void scores(void **state)
{
	(void)state;
	struct match_result r;
	struct match_languages langs;
	struct strv domains;
	run(0, &r, &langs, &domains);
	assert_int_equal(r.considered, 4);
	assert_int_equal(r.excluded_partners, 1);
	assert_int_equal(r.n, 4);
	/* ranked 66.25, 50, 49.375, 32.5 */
	assert_int_equal(r.v[0].id, 2);
	assert_int_equal(r.v[1].id, 6);
	assert_int_equal(r.v[2].id, 3);
	assert_int_equal(r.v[3].id, 4);
	const struct match_candidate *a = &r.v[0], *b = &r.v[2], *c = &r.v[3], *f = &r.v[1];
	assert_float_equal(a->score, 66.25, 1e-9);
	assert_float_equal(a->points[MATCH_DOMAIN], 15, 1e-9);
	assert_float_equal(a->points[MATCH_SIZE_LEVEL], 11.25, 1e-9);
	assert_float_equal(a->points[MATCH_NETWORKS], 7.5, 1e-9);
	assert_float_equal(a->points[MATCH_LANGUAGE], 15, 1e-9);
	assert_float_equal(a->points[MATCH_STAKEHOLDERS], 15, 1e-9);
	assert_float_equal(a->points[MATCH_UNDERSERVED], 2.5, 1e-9);
	assert_int_equal(a->shared_domains.n, 1);
	assert_string_equal(a->shared_domains.v[0], "water_sanitation");
	assert_string_equal(a->language, "fr");
	assert_int_equal(a->links_to_it, 1);
	assert_int_equal(a->home_authorities, 3);
	assert_float_equal(a->population_ratio, 0.5, 1e-9);

	assert_float_equal(b->score, 49.375, 1e-9);
	assert_float_equal(b->part[MATCH_SIZE_LEVEL], 0.125, 1e-9);
	assert_int_equal(b->shared_networks, 2);
	assert_float_equal(b->part[MATCH_NETWORKS], 1, 1e-9);
	assert_null(b->language);
	assert_int_equal(b->links_to_country, 1);
	assert_int_equal(b->home_authorities, 0);
	assert_float_equal(b->part[MATCH_UNDERSERVED], 1, 1e-9);

	assert_float_equal(c->score, 32.5, 1e-9);
	assert_float_equal(c->population_ratio, -1, 1e-9);
	assert_float_equal(c->part[MATCH_SIZE_LEVEL], 0.5, 1e-9);
	assert_float_equal(c->part[MATCH_STAKEHOLDERS], 0.5, 1e-9);

	assert_float_equal(f->score, 50, 1e-9);
	assert_float_equal(f->part[MATCH_SIZE_LEVEL], 1, 1e-9);
	match_clear(&r);

	/* --top 2 keeps the two best */
	match_languages_clear(&langs);
	strv_clear(&domains);
	run(2, &r, &langs, &domains);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.considered, 4);
	assert_int_equal(r.v[1].id, 6);
	match_clear(&r);
	match_languages_clear(&langs);
	strv_clear(&domains);
}

static void collect(void *ctx, const char *s)
{
	strv_push(ctx, s);
}

static void sentences_and_json(void **state)
{
	(void)state;
	struct match_result r;
	struct match_languages langs;
	struct strv domains, sv = {0};
	run(0, &r, &langs, &domains);
	match_sentences(&r, CL_LANG_EN, collect, &sv);
	assert_int_equal(sv.n, 3);
	assert_string_equal(sv.v[0], "4 candidates were scored (1 partner already left out).");
	/* 66.25 shows as 66.2 or 66.3 by the printf's rounding: only the start */
	assert_non_null(strstr(sv.v[1], "The best match is Dakar-like (Senegal), 66."));
	assert_non_null(strstr(sv.v[1], "most of them for domains (15.0)"));
	assert_string_equal(sv.v[2], "3 of the candidates shown already act in a domain sought.");
	strv_clear(&sv);
	json_t *j = match_json(&r, 0, 1, CL_LANG_EN);
	assert_non_null(j);
	json_t *first = json_array_get(json_object_get(j, "candidates"), 0);
	assert_int_equal(json_integer_value(json_object_get(first, "rank")), 1);
	assert_float_equal(json_real_value(json_object_get(first, "score")), 66.25, 1e-9);
	json_t *size = json_object_get(json_object_get(first, "parts"), "size_level");
	assert_float_equal(json_real_value(json_object_get(size, "points")), 11.25, 1e-9);
	/* 49.375 rounded to the hundredth */
	json_t *third = json_array_get(json_object_get(j, "candidates"), 2);
	assert_float_equal(json_real_value(json_object_get(third, "score")), 49.38, 1e-9);
	assert_float_equal(json_real_value(json_object_get(json_object_get(j, "weights"), "domain")), 30, 1e-9);
	assert_int_equal(json_integer_value(json_object_get(j, "authority")), 1);
	json_decref(j);
	match_clear(&r);
	match_languages_clear(&langs);
	strv_clear(&domains);
}

static void data_files(void **state)
{
	(void)state;
	struct errlist el;
	struct match_rules rl;
	struct match_languages l;
	errlist_init(&el);
	/* the shipped files load, and their weights sum to 100 */
	assert_int_equal(match_rules_load(NULL, &rl, &el), EALA_OK);
	assert_float_equal(rl.total, 100, 1e-9);
	assert_float_equal(rl.weight[MATCH_DOMAIN], 30, 1e-9);
	match_rules_clear(&rl);
	assert_int_equal(match_languages_load(NULL, &l, &el), EALA_OK);
	assert_non_null(match_languages_of(&l, "FR"));
	assert_true(strv_contains(match_languages_of(&l, "BE"), "nl"));
	assert_null(match_languages_of(&l, "ZZ"));
	match_languages_clear(&l);
	assert_int_equal(el.n, 0);

	/* every problem of a bad weights file, with its line */
	const char bad[] = "part,weight\ndomain,30\nsize,10\ndomain,5\nnetworks,-1\nlanguage,x\n";
	char *p = tu_write(".csv", bad, sizeof(bad) - 1);
	assert_int_equal(match_rules_load(p, &rl, &el), EALA_EINVAL);
	assert_int_equal(el.n, 4);
	assert_int_equal(el.v[0].line, 3);
	assert_string_equal(el.v[0].field, "part");
	assert_int_equal(el.v[1].line, 4);
	assert_int_equal(el.v[2].line, 5);
	assert_string_equal(el.v[2].field, "weight");
	assert_int_equal(el.v[3].line, 6);
	unlink(p);
	free(p);
	errlist_clear(&el);
	errlist_init(&el);
	/* a part left out */
	const char missing[] = "part,weight\ndomain,30\nsize_level,10\nnetworks,1\nlanguage,1\nstakeholders,1\n";
	p = tu_write(".csv", missing, sizeof(missing) - 1);
	assert_int_equal(match_rules_load(p, &rl, &el), EALA_EINVAL);
	assert_int_equal(el.n, 1);
	assert_non_null(strstr(el.v[0].msg, "underserved"));
	unlink(p);
	free(p);
	errlist_clear(&el);
}

/* A candidate of the caller's own country (a call for co-partners at home):
 * no under-served bonus, whatever the presence. Domain 0 (none sought),
 * size 1/2 x 1/2 + 1/2 = 0.75 = 11.25, language 15: 26.25. */
static void at_home(void **state)
{
	(void)state;
	struct match_languages langs;
	struct match_result r;
	languages(&langs);
	const struct store_match_authority co = {.id = 8, .name = "Voisine", .country = "FR", .level = "municipality",
						 .population = 50000};
	struct match_input in = {.caller = &caller, .languages = &langs, .rules = &rules};
	assert_int_equal(match_compute(&in, &co, 1, 0, &r), EALA_OK);
	assert_int_equal(r.n, 1);
	assert_float_equal(r.v[0].part[MATCH_UNDERSERVED], 0, 1e-9);
	assert_float_equal(r.v[0].score, 26.25, 1e-9);
	match_clear(&r);
	match_languages_clear(&langs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scores),
		cmocka_unit_test(sentences_and_json),
		cmocka_unit_test(data_files),
		cmocka_unit_test(at_home),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
