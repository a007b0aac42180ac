/* test_records_csv.c: CSV import and export of authorities, organisations,
 * partnerships and actions: headers in two languages, every error with its
 * line, references, updates, dry runs and the export/import round trip. */
#include "testutil.h"

#include "../../src/io/records_csv.h"

struct fx {
	struct store *st;
	char *db;
	char *files[8];
	size_t n_files;
	struct errlist el;
	struct csv_import_report rep;
};

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

/* A fixture file that teardown removes. */
static char *fixture(struct fx *f, const char *text)
{
	assert_true(f->n_files < sizeof(f->files) / sizeof(*f->files));
	char *p = tu_write(".csv", text, strlen(text));
	f->files[f->n_files++] = p;
	return p;
}

static int import(struct fx *f, struct store *st, char **paths, size_t n, int dry_run)
{
	errlist_clear(&f->el);
	memset(&f->rep, 0, sizeof(f->rep));
	return records_csv_import(st, paths, n, RK_NONE, dry_run, &f->rep, &f->el);
}

/* The error on a line whose field is field (NULL: any) and whose message contains
 * part; fails the test when there is none. */
static const struct eala_error *find_error(const struct errlist *el, long line, const char *field,
					   const char *part)
{
	for (size_t i = 0; i < el->n; i++) {
		const struct eala_error *e = &el->v[i];
		if (e->line == line && (!field || (e->field && strcmp(e->field, field) == 0)) &&
		    e->msg && strstr(e->msg, part))
			return e;
	}
	for (size_t i = 0; i < el->n; i++) {
		char *s = errlist_format(&el->v[i]);
		print_message("  have: %s\n", s);
		free(s);
	}
	fail_msg("no error on line %ld field %s with '%s'", line, field ? field : "*", part);
	return NULL;
}

/* What an export of a kind writes, as one string. */
static char *export_text(struct store *st, enum record_kind k)
{
	char *buf = NULL, *errmsg = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	int rc = records_csv_export(st, k, NULL, out, &errmsg);
	if (rc)
		print_message("export %s: %s\n", record_kind_name(k), errmsg ? errmsg : "?");
	assert_int_equal(rc, EALA_OK);
	assert_null(errmsg);
	fclose(out);
	return buf;
}

static struct store_stats stats(struct store *st)
{
	struct store_stats s;
	char *errmsg = NULL;
	assert_int_equal(store_stats_get(st, &s, &errmsg), EALA_OK);
	return s;
}

static const char authorities_en[] =
	"id,name,other_names,country,level,official_code,population,lat,lng,parent_id,overseas,"
	"source,illustrative,notes\n"
	"1,Lyon,Lugdunum|Lion,fr,municipality,69123,522250,45.76,4.84,2,no,test,,\"a note, with a comma\"\n"
	"2,Métropole de Lyon,,FR,intermunicipal,200046977,1400000,,,,0,test,,\n"
	"3,Beijing,北京,CN,municipality,,,39.9,116.4,,,test,population,\n"
	"4,Saint-Denis,,RE,municipality,,,,,,oui,test,,\n";

static const char partnerships_fr[] =
	"\xEF\xBB\xBF"
	"Nom;Type;Statut;Date de début;Convention signée;Membres;Source\n"
	";twinning;active;01/05/1987;3/5/1987;1|3;test\n"
	"\"Lyon et Saint-Denis\";decentralised_cooperation;planned;;;1|4;test\n";

static const char actions_en[] =
	"title,authority_id,partnership_id,type,status,start_date,end_date,domains,sdgs,countries,"
	"participants,citizen_participation,description\n"
	"Water for Beijing,1,,project,2,2020-01-01,2022-12-31,water_sanitation,6,cn|FR,"
	"authority:3:2,yes,\"Two lines\nof text\"\n";

/* (a) English commas, French semicolons with BOM and DD/MM/YYYY dates */
static void imports_both_languages(void **state)
{
	struct fx *f = *state;
	char *paths[] = {fixture(f, partnerships_fr), fixture(f, actions_en),
			 fixture(f, authorities_en)};   /* any order: authorities go first */
	int rc = import(f, f->st, paths, 3, 0);
	for (size_t i = 0; i < f->el.n; i++) {
		char *s = errlist_format(&f->el.v[i]);
		print_message("%s\n", s);
		free(s);
	}
	assert_int_equal(rc, EALA_OK);
	assert_int_equal(f->rep.files, 3);
	assert_int_equal(f->rep.rows, 7);
	assert_int_equal(f->rep.created[RK_AUTHORITY], 4);
	assert_int_equal(f->rep.created[RK_PARTNERSHIP], 2);
	assert_int_equal(f->rep.created[RK_ACTION], 1);

	struct authority a;
	assert_int_equal(store_authority_get(f->st, 1, &a), EALA_OK);
	assert_string_equal(a.name, "Lyon");
	assert_string_equal(a.country, "FR");
	assert_int_equal(a.parent_id, 2);
	assert_int_equal(a.population, 522250);
	assert_true(a.has_coords);
	assert_true(a.lat > 45.75 && a.lat < 45.77);
	assert_int_equal(a.other_names.n, 2);
	authority_clear(&a);
	assert_int_equal(store_authority_get(f->st, 4, &a), EALA_OK);
	assert_int_equal(a.overseas, 1);
	authority_clear(&a);

	struct partnership p;
	assert_int_equal(store_partnership_get(f->st, 1, &p), EALA_OK);
	assert_string_equal(p.name, "Lyon – Beijing");   /* named after its members */
	assert_string_equal(p.start_date, "1987-05-01");
	assert_string_equal(p.agreement_signed, "1987-05-03");
	assert_int_equal(p.n_members, 2);
	assert_int_equal(p.members[0], 1);
	partnership_clear(&p);

	struct action x;
	assert_int_equal(store_action_get(f->st, 1, &x), EALA_OK);
	assert_int_equal(x.citizen_participation, 1);
	assert_int_equal(x.countries.n, 2);
	assert_string_equal(x.countries.v[0], "CN");
	assert_int_equal(x.n_participants, 1);
	assert_int_equal(x.participants[0].authority_id, 3);
	assert_string_equal(x.description, "Two lines\nof text");
	action_clear(&x);

	int64_t n = 0;
	char *errmsg = NULL;
	assert_int_equal(store_audit_count(f->st, "import", "csv", &n, &errmsg), EALA_OK);
	assert_int_equal(n, 1);
}

/* Semicolon file: decimal commas and French header names for every column. */
static void french_authorities_decimal_comma(void **state)
{
	struct fx *f = *state;
	char *paths[] = {fixture(f, "Nom;Pays;Niveau;Latitude;Longitude;Outre-mer;Code officiel\n"
				    "Grenoble;FR;municipality;45,19;5,72;non;38185\n")};
	assert_int_equal(import(f, f->st, paths, 1, 0), EALA_OK);
	struct authority a;
	assert_int_equal(store_authority_get(f->st, 1, &a), EALA_OK);
	assert_true(a.has_coords);
	assert_true(a.lat > 45.18 && a.lat < 45.2);
	assert_string_equal(a.official_code, "38185");
	authority_clear(&a);
}

/* (b) every problem of a file, each with its line and field, and nothing written */
static void reports_every_error(void **state)
{
	struct fx *f = *state;
	char *paths[] = {
		fixture(f, "id,name,country,level\n1,Lyon,FR,municipality\n"),
		fixture(f, "title,authority_id,type,status,start_date,countries,colour\n"
			   "Unknown country,1,project,2,2020-01-01,ZZ,red\n"
			   "Impossible date,1,project,2,2021-02-30,FR,blue\n"
			   "Too many fields,1,project,2,2020-01-01,FR,green,extra\n"
			   "Fine,1,project,2,,,\n"),
	};
	assert_int_equal(import(f, f->st, paths, 2, 0), EALA_EINVAL);
	const struct eala_error *e = find_error(&f->el, 1, "colour", "unknown column");
	assert_string_equal(e->file, paths[1]);
	find_error(&f->el, 2, "countries", "ZZ");
	find_error(&f->el, 3, "start_date", "2021-02-30");
	find_error(&f->el, 4, NULL, "fields");
	assert_int_equal(f->el.n, 4);
	char *s = errlist_format(e);
	assert_non_null(strstr(s, ":1: field 'colour'"));
	free(s);
	struct store_stats st = stats(f->st);
	assert_int_equal(st.authorities, 0);
	assert_int_equal(st.actions, 0);
	assert_int_equal(st.audit_events, 0);
}

static void missing_column_and_unknown_kind(void **state)
{
	struct fx *f = *state;
	char *a[] = {fixture(f, "name,level\nLyon,municipality\n")};
	assert_int_equal(import(f, f->st, a, 1, 0), EALA_EINVAL);
	find_error(&f->el, 1, "country", "missing column");
	char *b[] = {fixture(f, "foo,bar\n1,2\n")};
	assert_int_equal(import(f, f->st, b, 1, 0), EALA_EINVAL);
	find_error(&f->el, 1, NULL, "cannot tell the kind of records: give --kind");
	assert_int_equal(stats(f->st).authorities, 0);
}

/* (c) references to records that exist nowhere */
static void missing_reference(void **state)
{
	struct fx *f = *state;
	char *paths[] = {
		fixture(f, "id,name,country,level\n1,Lyon,FR,municipality\n"),
		fixture(f, "kind,status,members\ntwinning,active,1|42\n"),
		fixture(f, "title,authority_id,type,status\nA,1,project,2\nB,77,project,2\n"),
	};
	assert_int_equal(import(f, f->st, paths, 3, 0), EALA_EINVAL);
	find_error(&f->el, 2, "members", "authority #42 does not exist");
	const struct eala_error *e = find_error(&f->el, 3, "authority_id", "authority #77");
	assert_string_equal(e->file, paths[2]);
	assert_int_equal(f->el.n, 2);
	assert_int_equal(stats(f->st).authorities, 0);
}

/* (d) export, import into an empty database, export again: the same bytes */
static void round_trip(void **state)
{
	struct fx *f = *state;
	char *paths[] = {fixture(f, authorities_en), fixture(f, partnerships_fr),
			 fixture(f, actions_en),
			 fixture(f, "name,iati_type,country,authority_id\nCités Unies France,21,fr,1\n")};
	assert_int_equal(import(f, f->st, paths, 4, 0), EALA_OK);

	char *first[RK_COUNT], *again[RK_COUNT], *exported[RK_COUNT];
	for (int k = 0; k < RK_COUNT; k++) {
		first[k] = export_text(f->st, (enum record_kind)k);
		exported[k] = fixture(f, first[k]);
	}
	assert_non_null(strstr(first[RK_AUTHORITY],
			       "1,Lyon,Lugdunum|Lion,FR,municipality,69123,522250,45.76,4.84,2,0,test,,"
			       "\"a note, with a comma\"\n"));
	assert_non_null(strstr(first[RK_PARTNERSHIP], "1,Lyon – Beijing,twinning,active,,,1987-05-01,"));
	assert_non_null(strstr(first[RK_ACTION], ",authority:3:2,"));

	char *db2;
	struct store *st2 = tu_store(&db2);
	/* kinds are told from the headers; the order of files does not matter */
	char *back[] = {exported[RK_ACTION], exported[RK_PARTNERSHIP], exported[RK_ORGANISATION],
			exported[RK_AUTHORITY]};
	int rc = import(f, st2, back, 4, 0);
	for (size_t i = 0; i < f->el.n; i++) {
		char *s = errlist_format(&f->el.v[i]);
		print_message("%s\n", s);
		free(s);
	}
	assert_int_equal(rc, EALA_OK);
	for (int k = 0; k < RK_COUNT; k++) {
		again[k] = export_text(st2, (enum record_kind)k);
		assert_string_equal(first[k], again[k]);
		free(first[k]);
		free(again[k]);
	}
	tu_store_free(st2, db2);
}

/* (e) a row whose id exists updates that record, only in the columns the file has */
static void update_by_id(void **state)
{
	struct fx *f = *state;
	char *a[] = {fixture(f, authorities_en)};
	assert_int_equal(import(f, f->st, a, 1, 0), EALA_OK);
	char *b[] = {fixture(f, "id;nom;pays;niveau;population\n3;Pékin;CN;municipality;21540000\n")};
	assert_int_equal(import(f, f->st, b, 1, 0), EALA_OK);
	assert_int_equal(f->rep.updated[RK_AUTHORITY], 1);
	assert_int_equal(f->rep.created[RK_AUTHORITY], 0);
	assert_int_equal(stats(f->st).authorities, 4);
	struct authority x;
	assert_int_equal(store_authority_get(f->st, 3, &x), EALA_OK);
	assert_string_equal(x.name, "Pékin");
	assert_int_equal(x.population, 21540000);
	assert_true(x.has_coords);   /* columns the file does not have keep their values */
	authority_clear(&x);
}

/* An id absent from the database is kept; a partnership that exists is refused. */
static void new_ids_kept_and_duplicates_refused(void **state)
{
	struct fx *f = *state;
	char *a[] = {fixture(f, "id,name,country,level\n,Lyon,FR,municipality\n"
				"10,Turin,IT,municipality\n")};
	assert_int_equal(import(f, f->st, a, 1, 0), EALA_OK);
	assert_true(store_authority_exists(f->st, 10));
	assert_int_equal(stats(f->st).authorities, 2);
	char *c[] = {fixture(f, "name,country,level,id\nLyon,FR,municipality,11\n"),
		     fixture(f, "kind,status,members\ntwinning,active,11|10\ntwinning,active,10|11\n")};
	int rc = import(f, f->st, c, 2, 0);
	assert_int_equal(rc, EALA_EINVAL);
	find_error(&f->el, 3, "members", "partnership of kind twinning between these authorities "
					 "already exists");
	assert_int_equal(stats(f->st).partnerships, 0);
	assert_int_equal(stats(f->st).authorities, 2);   /* rolled back */
	char *d[] = {fixture(f, "id,name,country,level\n1,Lyon,FR,municipality\n1,Lyon,FR,region\n")};
	assert_int_equal(import(f, f->st, d, 1, 0), EALA_EINVAL);
	find_error(&f->el, 3, "id", "already given on line 2");
}

/* (f) a dry run checks and counts but writes nothing */
static void dry_run_writes_nothing(void **state)
{
	struct fx *f = *state;
	char *paths[] = {fixture(f, authorities_en), fixture(f, partnerships_fr)};
	assert_int_equal(import(f, f->st, paths, 2, 1), EALA_OK);
	assert_int_equal(f->rep.created[RK_AUTHORITY], 4);
	assert_int_equal(f->rep.created[RK_PARTNERSHIP], 2);
	struct store_stats s = stats(f->st);
	assert_int_equal(s.authorities, 0);
	assert_int_equal(s.partnerships, 0);
	assert_int_equal(s.audit_events, 0);
}

static void kind_names(void **state)
{
	(void)state;
	assert_int_equal(record_kind_parse("authority"), RK_AUTHORITY);
	assert_int_equal(record_kind_parse("Collectivités"), RK_AUTHORITY);
	assert_int_equal(record_kind_parse("collectivite"), RK_AUTHORITY);
	assert_int_equal(record_kind_parse("ORGANIZATIONS"), RK_ORGANISATION);
	assert_int_equal(record_kind_parse("partenariat"), RK_PARTNERSHIP);
	assert_int_equal(record_kind_parse("Actions"), RK_ACTION);
	assert_int_equal(record_kind_parse("budgets"), RK_NONE);
	assert_int_equal(record_kind_parse(NULL), RK_NONE);
	assert_string_equal(record_kind_name(RK_AUTHORITY), "authorities");
	assert_string_equal(record_kind_name(RK_ORGANISATION), "organisations");
	assert_string_equal(record_kind_name(RK_PARTNERSHIP), "partnerships");
	assert_string_equal(record_kind_name(RK_ACTION), "actions");
}

/* Values that do not convert: named with their column and line. */
static void bad_values(void **state)
{
	struct fx *f = *state;
	char *paths[] = {fixture(f, "name,country,level,population,lat,lng,overseas\n"
				    "Lyon,FR,municipality,many,45.7,,maybe\n"
				    "Rome,IT,municipality,,\"41,9\",12.5,\n")};
	assert_int_equal(import(f, f->st, paths, 1, 0), EALA_EINVAL);
	find_error(&f->el, 2, "population", "not a whole number");
	find_error(&f->el, 2, "lng", "both lat and lng");
	find_error(&f->el, 2, "overseas", "maybe");
	find_error(&f->el, 3, "lat", "41,9");   /* a decimal comma only in ';' files */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kind_names),
		cmocka_unit_test_setup_teardown(imports_both_languages, setup, teardown),
		cmocka_unit_test_setup_teardown(french_authorities_decimal_comma, setup, teardown),
		cmocka_unit_test_setup_teardown(reports_every_error, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_column_and_unknown_kind, setup, teardown),
		cmocka_unit_test_setup_teardown(missing_reference, setup, teardown),
		cmocka_unit_test_setup_teardown(round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(update_by_id, setup, teardown),
		cmocka_unit_test_setup_teardown(new_ids_kept_and_duplicates_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(dry_run_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_values, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
