/* test_results_csv.c: expected impacts and observed outcomes as CSV: the
 * kind told from the header, rows grouped into impacts, indicators and
 * periods, problems at the line and column of the row that gave them,
 * updates that keep indicator ids, and the export. Data-driven where it can
 * be: each bad file is a fixture with the error it must give. */
#include "testutil.h"

#include "../../src/io/csvread.h"
#include "../../src/io/records_csv.h"
#include "../../src/io/results_csv.h"

struct fx {
	struct store *st;
	char *db;
	char *files[8];
	size_t n_files;
	struct errlist el;
	struct csv_import_report rep;
};

static const char base[] = "id,name,country,level\n1,Quetigny,FR,municipality\n2,Koulikoro,ML,municipality\n"
			   "3,Bous,DE,municipality\n";
static const char parts[] = "id,kind,status,members\n10,decentralised_cooperation,active,1|2\n"
			    "11,twinning,active,1|3\n";
static const char acts[] = "id,title,authority_id,partnership_id,type,status\n20,School,1,10,project,2\n";

#define EHEAD "id,partnership_id,action_id,category,side,description,indicator,unit,measure,ascending," \
	      "baseline,period_start,period_end,target,actual\n"

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	codelist_load_install();
	f->st = tu_store(&f->db);
	errlist_init(&f->el);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	for (size_t i = 0; i < f->n_files; i++) {
		unlink(f->files[i]);
		free(f->files[i]);
	}
	errlist_clear(&f->el);
	tu_store_free(f->st, f->db);
	free(f);
	return 0;
}

static char *fixture(struct fx *f, const char *text)
{
	assert_true(f->n_files < sizeof(f->files) / sizeof(*f->files));
	char *p = tu_write(".csv", text, strlen(text));
	f->files[f->n_files++] = p;
	return p;
}

/* Import the base records and then these texts, all in one command. */
static int import(struct fx *f, const char *const *texts, size_t n)
{
	char *paths[8];
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		paths[k++] = fixture(f, texts[i]);
	errlist_clear(&f->el);
	memset(&f->rep, 0, sizeof(f->rep));
	return records_csv_import(f->st, paths, k, RK_NONE, 0, &f->rep, &f->el);
}

static void load_base(struct fx *f)
{
	const char *t[] = {base, parts, acts};
	assert_int_equal(import(f, t, 3), EALA_OK);
	/* the fixtures of the base stay; the next import gets fresh ones */
}

static int has_error(const struct errlist *el, long line, const char *field, const char *part)
{
	for (size_t i = 0; i < el->n; i++) {
		const struct eala_error *e = &el->v[i];
		if (e->line == line && e->field && strcmp(e->field, field) == 0 && e->msg && strstr(e->msg, part))
			return 1;
	}
	for (size_t i = 0; i < el->n; i++) {
		char *s = errlist_format(&el->v[i]);
		print_message("  have: %s\n", s);
		free(s);
	}
	return 0;
}

static char *export_text(struct store *st, enum record_kind k)
{
	char *buf = NULL, *errmsg = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	assert_int_equal(records_csv_export(st, k, NULL, out, &errmsg), EALA_OK);
	assert_null(errmsg);
	fclose(out);
	return buf;
}

/* ---- pure parts ---- */

static void kinds_and_headers(void **state)
{
	(void)state;
	assert_int_equal(csv_kind_parse("expected_impacts"), RK_EXPECTED_IMPACT);
	assert_int_equal(csv_kind_parse("Impacts attendus"), RK_EXPECTED_IMPACT);
	assert_int_equal(csv_kind_parse("résultats-observés"), RK_OBSERVED_OUTCOME);
	assert_int_equal(csv_kind_parse("observed_outcome"), RK_OBSERVED_OUTCOME);
	assert_int_equal(csv_kind_parse("partenariats"), RK_PARTNERSHIP);
	assert_int_equal(csv_kind_parse("budgets"), RK_NONE);
	/* the pages and routes know only the four kinds */
	assert_int_equal(record_kind_parse("expected_impacts"), RK_NONE);
	assert_string_equal(record_kind_name(RK_OBSERVED_OUTCOME), "observed_outcomes");

	static const struct {
		const char *header;
		enum record_kind kind;
	} cases[] = {
		{"Catégorie;Côté;Description;Indicateur\n", RK_EXPECTED_IMPACT},
		{"category,side,description\n", RK_EXPECTED_IMPACT},
		{"category,side,reported_by,description\n", RK_OBSERVED_OUTCOME},
		{"impact attendu;catégorie;côté;signalé par;description\n", RK_OBSERVED_OUTCOME},
		{"name,country\n", RK_NONE},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct csv_doc doc = {0};
		struct errlist el;
		errlist_init(&el);
		assert_int_equal(csvdoc_parse("h.csv", cases[i].header, strlen(cases[i].header), &doc, &el), EALA_OK);
		assert_int_equal(results_csv_kind(&doc), cases[i].kind);
		csvdoc_clear(&doc);
		errlist_clear(&el);
	}
}

static void cell_values(void **state)
{
	(void)state;
	double d;
	int64_t id;
	int b;
	assert_true(csv_parse_number("12,5", ';', &d));
	assert_true(d == 12.5);
	assert_false(csv_parse_number("12,5", ',', &d));
	assert_false(csv_parse_number("about 8", ';', &d));
	assert_true(csv_parse_id("#12", &id) && id == 12);
	assert_false(csv_parse_id("0", &id));
	assert_true(csv_parse_bool("Oui", &b) && b == 1);
	assert_true(csv_parse_bool("non", &b) && b == 0);
	char *s = csv_convert_date("1/7/2018");
	assert_string_equal(s, "2018-07-01");
	free(s);
	s = csv_trim("  x y ");
	assert_string_equal(s, "x y");
	free(s);
}

/* ---- with a store ---- */

static void groups_rows(void **state)
{
	struct fx *f = *state;
	load_base(f);
	const char *t[] = {EHEAD
			   "100,10,20,economic.jobs,home,Jobs,Jobs created,jobs,1,yes,0,2020-01-01,2020-12-31,10,12\n"
			   ",11,,sociocultural,both,Meet,,,,,,,,,\n"
			   "100,10,20,economic.jobs,home,Jobs,Jobs created,jobs,1,yes,0,2021-01-01,2021-12-31,20,15\n"
			   ",11,,sociocultural,both,Meet,Visits,,,no,,,,,\n"
			   "100,10,20,economic.jobs,home,Jobs,Firms,,,,,,,,\n"};
	assert_int_equal(import(f, t, 1), EALA_OK);
	assert_int_equal(f->rep.created[RK_EXPECTED_IMPACT], 2);
	struct expected_impact e;
	assert_int_equal(store_expected_impact_get(f->st, 100, &e), EALA_OK);
	assert_int_equal(e.n_indicators, 2);
	assert_string_equal(e.indicators[0].title, "Jobs created");
	assert_int_equal(e.indicators[0].n_periods, 2);
	assert_true(e.indicators[0].periods[1].target == 20 && e.indicators[0].periods[1].actual == 15);
	assert_int_equal(e.indicators[1].n_periods, 0);   /* an indicator without period */
	assert_true(e.indicators[1].ascending);           /* empty: the default */
	expected_impact_clear(&e);
	/* rows without id, one impact by their columns; its row without indicator adds none */
	assert_int_equal(store_expected_impact_get(f->st, 101, &e), EALA_OK);
	assert_int_equal(e.n_indicators, 1);
	assert_false(e.indicators[0].ascending);
	expected_impact_clear(&e);
}

/* Each bad file gives (at least) this error: line, column, part of the message. */
static void bad_rows(void **state)
{
	struct fx *f = *state;
	static const struct {
		const char *text;
		long line;
		const char *field, *msg;
	} cases[] = {
		{EHEAD "1,10,,economic,home,A,I,,,,,2020-01-01,2020-12-31,1,1\n"
		       "1,10,,economic,home,B,I,,,,,2021-01-01,2021-12-31,1,1\n",
		 3, "description", "a row of the same expected impact"},
		{EHEAD "1,10,,economic,home,A,I,u,,,,2020-01-01,2020-12-31,1,1\n"
		       "1,10,,economic,home,A,I,v,,,,2021-01-01,2021-12-31,1,1\n",
		 3, "unit", "a row of the same indicator"},
		{EHEAD "1,10,,economic,home,A,I,,,,,2020-01-01,2020-12-31,1,1\n"
		       "1,10,,economic,home,A,I,,,,,2020-01-01,2020-06-30,1,1\n",
		 3, "period_start", "start on the same day"},
		{EHEAD "1,10,,economic,home,A,I,,,,,2020-01-01,2019-12-31,1,1\n", 2, "period_end", "2019-12-31"},
		{EHEAD "1,10,,economic,home,A,,u,,,,,,,\n", 2, "indicator", "is empty"},
		{EHEAD "1,10,,economic,home,A,I,,,,,,,5,\n", 2, "period_start", "is empty"},
		{EHEAD "1,10,,economic,home,A,I,,,,,2020-01-01,,5,\n", 2, "period_end", "is required"},
		{EHEAD "1,10,,economic,home,A,I,,9,,,,,,\n", 2, "measure", "IndicatorMeasure"},
		{EHEAD "1,10,,economic,home,A,I,,,maybe,,,,,\n", 2, "ascending", "maybe"},
		{EHEAD "1,10,,economic,home,A,I,,,,1.2.3,,,,\n", 2, "baseline", "not a number"},
		{EHEAD "1,,,economic,home,A,,,,,,,,,\n", 2, "partnership_id", "a partnership or an action"},
		{EHEAD "1,12,,economic,home,A,,,,,,,,,\n", 2, "partnership_id", "does not exist"},
		{EHEAD "1,11,20,economic,home,A,,,,,,,,,\n", 2, "action_id", "does not belong"},
		{"category,side,description,unit\neconomic,home,A,u\n", 1, "unit", "needs the column 'indicator'"},
		{"category,side,description,indicator,target\neconomic,home,A,I,1\n", 1, "target",
		 "needs the column 'period_start'"},
		{"id,partnership_id,expected_id,category,side,reported_by,description\n"
		 "5,10,77,economic,home,home,A\n", 2, "expected_id", "does not exist"},
		{"id,partnership_id,category,side,reported_by,description,evidence_url\n"
		 "5,10,economic,home,them,A,file:///etc/passwd\n", 2, "evidence_url", "http"},
	};
	load_base(f);
	struct store_stats before;
	char *errmsg = NULL;
	assert_int_equal(store_stats_get(f->st, &before, &errmsg), EALA_OK);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *t[] = {cases[i].text};
		for (size_t k = 0; k < f->n_files; k++) {
			unlink(f->files[k]);
			free(f->files[k]);
		}
		f->n_files = 0;
		assert_int_equal(import(f, t, 1), EALA_EINVAL);
		if (!has_error(&f->el, cases[i].line, cases[i].field, cases[i].msg))
			fail_msg("case %zu: no error on line %ld field %s with '%s'", i, cases[i].line,
				 cases[i].field, cases[i].msg);
	}
	struct store_stats after;
	assert_int_equal(store_stats_get(f->st, &after, &errmsg), EALA_OK);
	assert_int_equal(after.expected_impacts, before.expected_impacts);
	assert_int_equal(after.observed_outcomes, before.observed_outcomes);
}

static void update_keeps_indicator_ids(void **state)
{
	struct fx *f = *state;
	load_base(f);
	const char *t1[] = {EHEAD "100,10,,economic,home,A,Jobs,jobs,1,yes,0,2020-01-01,2020-12-31,10,8\n"
				  "100,10,,economic,home,A,Firms,,,,,2020-01-01,2020-12-31,2,2\n"};
	assert_int_equal(import(f, t1, 1), EALA_OK);
	struct expected_impact e;
	assert_int_equal(store_expected_impact_get(f->st, 100, &e), EALA_OK);
	int64_t jobs = e.indicators[0].id;
	expected_impact_clear(&e);
	/* no target column: the target stays; Firms is not given: it goes; Visits is new */
	const char *t2[] = {"id,category,side,description,indicator,period_start,period_end,actual\n"
			    "100,economic,home,A,Jobs,2020-01-01,2020-12-31,11\n"
			    "100,economic,home,A,Visits,,,\n"};
	assert_int_equal(import(f, t2, 1), EALA_OK);
	assert_int_equal(f->rep.updated[RK_EXPECTED_IMPACT], 1);
	assert_int_equal(store_expected_impact_get(f->st, 100, &e), EALA_OK);
	assert_int_equal(e.partnership_id, 10);   /* not a column of the file: kept */
	assert_int_equal(e.n_indicators, 2);
	assert_int_equal(e.indicators[0].id, jobs);
	assert_string_equal(e.indicators[0].unit, "jobs");
	assert_true(e.indicators[0].periods[0].target == 10 && e.indicators[0].periods[0].actual == 11);
	assert_string_equal(e.indicators[1].title, "Visits");
	expected_impact_clear(&e);
	/* without the indicator column, the indicators stay as they are */
	const char *t3[] = {"id,category,side,description\n100,economic.jobs,home,A\n"};
	assert_int_equal(import(f, t3, 1), EALA_OK);
	assert_int_equal(store_expected_impact_get(f->st, 100, &e), EALA_OK);
	assert_string_equal(e.category, "economic.jobs");
	assert_int_equal(e.n_indicators, 2);
	expected_impact_clear(&e);
}

static void export_imports_back(void **state)
{
	struct fx *f = *state;
	load_base(f);
	const char *t[] = {EHEAD "100,10,20,economic.jobs,home,\"Jobs, \"\"real\"\" ones\",Jobs,jobs,1,no,0.1,"
				 "2020-01-01,2020-12-31,1e-3,123456.789\n"
				 ",11,,sociocultural,both,Meet,,,,,,,,,\n",
			   "id,partnership_id,action_id,expected_id,category,side,reported_by,description,date\n"
			   "7,10,20,100,economic,home,partner,\"Two; three\",2021-03-04\n"
			   ",11,,,sociocultural.openness,partner,home,Open,\n"};
	assert_int_equal(import(f, t, 2), EALA_OK);
	char *e1 = export_text(f->st, RK_EXPECTED_IMPACT), *o1 = export_text(f->st, RK_OBSERVED_OUTCOME);
	assert_non_null(strstr(e1, "100,10,20,economic.jobs,home,\"Jobs, \"\"real\"\" ones\",Jobs,jobs,1,0,0,0.1,,"
				   "2020-01-01,2020-12-31,0.001,123456.789,"));
	assert_non_null(strstr(o1, "7,10,20,100,economic,home,partner,\"Two; three\",2021-03-04,,"));

	char *db2;
	struct store *st2 = tu_store(&db2);
	char *paths[] = {f->files[0], f->files[1], f->files[2], fixture(f, e1), fixture(f, o1)};
	errlist_clear(&f->el);
	assert_int_equal(records_csv_import(st2, paths, 5, RK_NONE, 0, &f->rep, &f->el), EALA_OK);
	char *e2 = export_text(st2, RK_EXPECTED_IMPACT), *o2 = export_text(st2, RK_OBSERVED_OUTCOME);
	assert_string_equal(e1, e2);
	assert_string_equal(o1, o2);
	free(e1);
	free(o1);
	free(e2);
	free(o2);
	tu_store_free(st2, db2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds_and_headers),
		cmocka_unit_test(cell_values),
		cmocka_unit_test_setup_teardown(groups_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(update_keeps_indicator_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(export_imports_back, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
