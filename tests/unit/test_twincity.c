/* test_twincity.c: twin-town lists: name resolution, deduplication, refusals. */
#include "testutil.h"

#include "../../src/io/twincity.h"

struct fixture {
	struct store *st;
	char *path;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	codelist_load_install();
	f->st = tu_store(&f->path);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	tu_store_free(f->st, f->path);
	free(f);
	codelist_reset();
	return 0;
}

/* Import text as a file; returns the status and fills rep (caller clears). */
static int import_text(struct fixture *f, const char *text, struct twin_report *rep,
		       struct errlist *errors)
{
	char *file = tu_write(".csv", text, strlen(text));
	memset(rep, 0, sizeof(*rep));
	errlist_init(errors);
	int rc = twin_import(f->st, file, 0, rep, errors);
	unlink(file);
	free(file);
	return rc;
}

static struct store_stats stats(struct fixture *f)
{
	struct store_stats s;
	char *err = NULL;
	assert_int_equal(store_stats_get(f->st, &s, &err), 0);
	return s;
}

static const char spellings[] =
	"city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
	"Fürth,Germany,49.4667,11,Limerick,Republic of Ireland,52.66,-8.63\n"          /* 2 */
	"Furth,Germany,48.5915,12.0212,Limerick,Republic of Ireland,52.66,-8.63\n"      /* 3 */
	"Saint-Étienne,France,45.43,4.39,Coventry,England,52.4081,-1.5106\n"            /* 4 */
	"Saint Etienne,France,45.4347,4.3903,Wuppertal,Germany,51.26,7.18\n"            /* 5 */
	"Pite\xc8\x99ti,Romania,44.86,24.87,Nevers,France,46.99,3.16\n"                 /* 6 */
	"Pite\xc5\x9fti,Romania,44.8606,24.8678,Pesaro,Italy,43.91,12.91\n"             /* 7 */
	"Coventry,\"England, United Kingdom\",52.4081,-1.5106,Saint-Étienne,France,45.43,4.39\n" /* 8: reverse duplicate */
	"Newport,Wales,51.58,-3.0,Heidenheim,Germany,48.68,10.15\n"                     /* 9 */
	"Newport,England,50.7,-1.29,Cuxhaven,Germany,53.86,8.69\n"                      /* 10 */
	"Furth bei Göttweig,Austria,48.3667,15.6,Paris,France,48.85,2.35\n"             /* 11 */
	"Furth bei Gottweig,Austria,48.3746,15.6132,Rome,Italy,41.9,12.5\n"             /* 12 */
	"Ningbo,China,29.86,121.62,\"Varna, Bulgaria\",,43.21,27.91\n"                  /* 13: empty country */
	"Atlantis City,Atlantis,1,1,Paris,France,48.85,2.35\n"                          /* 14: unknown */
	"Stryi,Ukraine,49.25,23.85,Stryi,Ukraine,49.25,23.85\n"                         /* 15: same place */
	"Paris,France,x,2.35,Rome,Italy,41.9,12.5\n";                                   /* 16: bad lat */

static int ignore(void *ctx, const struct authority *a)
{
	(void)ctx;
	(void)a;
	return 0;
}

/* How many authorities of a country a search finds. */
static int64_t count_named(struct fixture *f, const char *q, const char *country)
{
	int64_t total = 0;
	char *err = NULL;
	struct store_filter flt = {.q = q, .country = country, .limit = 1};
	assert_int_equal(store_authority_list(f->st, &flt, ignore, NULL, &total, &err), 0);
	return total;
}

static void resolves_spellings_keeps_places_apart(void **state)
{
	struct fixture *f = *state;
	struct twin_report rep;
	struct errlist errors;
	assert_int_equal(import_text(f, spellings, &rep, &errors), EALA_OK);
	assert_int_equal(errors.n, 0);
	assert_int_equal(rep.rows_read, 15);
	assert_int_equal(rep.rows_rejected, 4);
	assert_int_equal(rep.rejected.n, 4);
	assert_int_equal(rep.rejected.v[0].line, 13);
	assert_non_null(strstr(rep.rejected.v[0].msg, "empty country"));
	assert_int_equal(rep.rejected.v[1].line, 14);
	assert_non_null(strstr(rep.rejected.v[1].msg, "unknown country 'Atlantis'"));
	assert_int_equal(rep.rejected.v[2].line, 15);
	assert_non_null(strstr(rep.rejected.v[2].msg, "same place"));
	assert_int_equal(rep.rejected.v[3].line, 16);
	/* Fürth and Furth: two towns; Saint-Étienne one; Pitești one; two Newports; Göttweig one */
	struct store_stats s = stats(f);
	/* Fürth, Limerick, Furth, Saint-Étienne, Coventry, Wuppertal, Pitești, Nevers, Pesaro,
	 * Newport x2, Heidenheim, Cuxhaven, Furth bei Göttweig, Paris, Rome */
	assert_int_equal(s.authorities, 16);
	assert_int_equal(rep.authorities_created, 16);
	assert_int_equal(rep.partnerships_created, 10);
	assert_int_equal(rep.duplicates_merged, 1);
	assert_int_equal(s.partnerships, 10);
	assert_int_equal(count_named(f, "furth", "DE"), 2);
	assert_int_equal(count_named(f, "newport", "GB"), 2);
	assert_int_equal(count_named(f, "saint etienne", "FR"), 1);
	assert_int_equal(count_named(f, "gottweig", "AT"), 1);
	/* the second spelling is kept as another name */
	assert_true(rep.names_added >= 3);
	errlist_clear(&errors);
	twin_report_clear(&rep);
}

static void reimport_changes_nothing(void **state)
{
	struct fixture *f = *state;
	struct twin_report rep;
	struct errlist errors;
	assert_int_equal(import_text(f, spellings, &rep, &errors), EALA_OK);
	struct store_stats before = stats(f);
	errlist_clear(&errors);
	twin_report_clear(&rep);
	assert_int_equal(import_text(f, spellings, &rep, &errors), EALA_OK);
	struct store_stats after = stats(f);
	assert_int_equal(rep.authorities_created, 0);
	assert_int_equal(rep.partnerships_created, 0);
	assert_int_equal(rep.names_added, 0);
	assert_int_equal(rep.duplicates_merged, 11);
	assert_int_equal(after.authorities, before.authorities);
	assert_int_equal(after.partnerships, before.partnerships);
	errlist_clear(&errors);
	twin_report_clear(&rep);
}

static void without_coordinates(void **state)
{
	struct fixture *f = *state;
	struct twin_report rep;
	struct errlist errors;
	const char text[] = "city1,country1,city2,country2\n"
			    "Quetigny,France,Bous,Germany\n"
			    "QUETIGNY,France,Koulikoro,Mali\n"
			    "Bous,Germany,Quetigny,France\n";
	assert_int_equal(import_text(f, text, &rep, &errors), EALA_OK);
	assert_int_equal(rep.authorities_created, 3);
	assert_int_equal(rep.partnerships_created, 2);
	assert_int_equal(rep.duplicates_merged, 1);
	errlist_clear(&errors);
	twin_report_clear(&rep);
}

static void malformed_file_refused_whole(void **state)
{
	struct fixture *f = *state;
	struct twin_report rep;
	struct errlist errors;
	const char text[] = "city1,country1,city2,country2\n"
			    "Quetigny,France,Bous,Germany\n"
			    "\"Lyon,France,Beer Sheva,Israel\n";
	assert_int_equal(import_text(f, text, &rep, &errors), EALA_EINVAL);
	assert_int_equal(errors.v[0].line, 3);
	assert_int_equal(stats(f).authorities, 0);
	errlist_clear(&errors);
	twin_report_clear(&rep);

	const char fields[] = "city1,country1,city2,country2\n"
			      "Quetigny,France,Bous\n"
			      "Lyon,France,Beer Sheva,Israel\n"
			      "Nancy,France,Lafayette,United States,extra\n";
	assert_int_equal(import_text(f, fields, &rep, &errors), EALA_EINVAL);
	assert_int_equal(errors.n, 2);
	assert_int_equal(errors.v[0].line, 2);
	assert_int_equal(errors.v[1].line, 4);
	assert_int_equal(stats(f).authorities, 0);
	errlist_clear(&errors);
	twin_report_clear(&rep);

	const char header[] = "town,nation,partner\nA,France,B\n";
	assert_int_equal(import_text(f, header, &rep, &errors), EALA_EINVAL);
	assert_true(errors.n >= 3);
	assert_non_null(strstr(errors.v[0].msg, "missing column"));
	errlist_clear(&errors);
	twin_report_clear(&rep);
}

static void dry_run_writes_nothing(void **state)
{
	struct fixture *f = *state;
	char *file = tu_write(".csv", spellings, strlen(spellings));
	struct twin_report rep = {0};
	struct errlist errors;
	errlist_init(&errors);
	assert_int_equal(twin_import(f->st, file, 1, &rep, &errors), EALA_OK);
	assert_int_equal(rep.partnerships_created, 10);
	assert_int_equal(stats(f).authorities, 0);
	assert_int_equal(stats(f).audit_events, 0);
	unlink(file);
	free(file);
	errlist_clear(&errors);
	twin_report_clear(&rep);
}

static void distance(void **state)
{
	(void)state;
	/* Paris - Lyon, about 392 km */
	double d = geo_distance_km(48.8566, 2.3522, 45.764, 4.8357);
	assert_true(d > 385 && d < 400);
	assert_true(geo_distance_km(10, 10, 10, 10) < 1e-9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(resolves_spellings_keeps_places_apart, setup, teardown),
		cmocka_unit_test_setup_teardown(reimport_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(without_coordinates, setup, teardown),
		cmocka_unit_test_setup_teardown(malformed_file_refused_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(dry_run_writes_nothing, setup, teardown),
		cmocka_unit_test(distance),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
