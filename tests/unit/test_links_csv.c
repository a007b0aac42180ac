/* test_links_csv.c: local actors' links abroad as CSV: the kind told from the
 * header, French headers and values, every bad cell at its line and column
 * with nothing written, links to organisations of the same import, an
 * update that keeps the columns the file lacks, the template, and an export
 * that imports back to the same text. Each bad file is a fixture with the
 * errors it must give. */
#include "testutil.h"

#include "../../src/io/csvread.h"
#include "../../src/io/links_csv.h"
#include "../../src/io/records_csv.h"

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
static const char orgs[] = "id,name,iati_type,subtype,country,authority_id\n"
			   "11,Diaspora malienne,22,diaspora_association,FR,1\n12,Collège,80,school,FR,1\n";

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

static int import(struct fx *f, struct store *st, const char *const *texts, size_t n)
{
	char *paths[8];
	for (size_t i = 0; i < n; i++)
		paths[i] = fixture(f, texts[i]);
	errlist_clear(&f->el);
	memset(&f->rep, 0, sizeof(f->rep));
	return records_csv_import(st, paths, n, RK_NONE, 0, &f->rep, &f->el);
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

static char *export_text(struct store *st)
{
	char *buf = NULL, *errmsg = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	assert_int_equal(records_csv_export(st, RK_STAKEHOLDER_LINK, NULL, out, &errmsg), EALA_OK);
	assert_null(errmsg);
	fclose(out);
	return buf;
}

static void kinds_and_template(void **state)
{
	(void)state;
	assert_int_equal(csv_kind_parse("stakeholder_links"), RK_STAKEHOLDER_LINK);
	assert_int_equal(csv_kind_parse("Liens des acteurs"), RK_STAKEHOLDER_LINK);
	assert_string_equal(record_kind_name(RK_STAKEHOLDER_LINK), "stakeholder_links");
	assert_int_equal(record_kind_parse("stakeholder_links"), RK_NONE);   /* no page of its own */
	static const struct {
		const char *header;
		enum record_kind kind;
	} cases[] = {
		{"organisation;pays;nature_du_lien\n", RK_STAKEHOLDER_LINK},
		{"organisation_id,country,kind\n", RK_STAKEHOLDER_LINK},
		{"country,kind,since\n", RK_STAKEHOLDER_LINK},
		{"Collectivité partenaire;pays\n", RK_STAKEHOLDER_LINK},
		{"name,country\n", RK_NONE},
		{"category,side,description\n", RK_NONE},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct csv_doc doc = {0};
		struct errlist el;
		errlist_init(&el);
		assert_int_equal(csvdoc_parse("h.csv", cases[i].header, strlen(cases[i].header), &doc, &el), EALA_OK);
		assert_int_equal(links_csv_kind(&doc), cases[i].kind);
		csvdoc_clear(&doc);
		errlist_clear(&el);
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_int_equal(links_csv_template(out, "fr"), EALA_OK);
	assert_int_equal(links_csv_template(out, NULL), EALA_OK);
	assert_int_equal(links_csv_template(out, "de"), EALA_EINVAL);
	fclose(out);
	assert_string_equal(buf, "organisation;pays;collectivite_partenaire;lieu;domaine;nature_du_lien;depuis;source;"
				 "illustratif;notes\n"
				 "organisation_id,country,partner_authority_id,place,domain,kind,since,source,"
				 "illustrative,notes\n");
	free(buf);
}

/* The French template filled in imports, its header names read back (a
 * source column taken as written: its empty cells are no source). */
static void french_import(void **state)
{
	struct fx *f = *state;
	const char *t[] = {base, orgs,
			   "organisation;pays;collectivite_partenaire;lieu;domaine;nature_du_lien;depuis;source\n"
			   "11;ml;2;;social_inclusion;diaspora;5/3/2004;\n"
			   "12;DE;3;;education_youth;exchange;2011;questionnaire\n"
			   "11;SN;;Dakar;;diaspora;;\n"};
	assert_int_equal(import(f, f->st, t, 3), EALA_OK);
	assert_int_equal(f->rep.created[RK_STAKEHOLDER_LINK], 3);
	char *text = export_text(f->st);
	assert_string_equal(text, "id,organisation_id,country,partner_authority_id,place,domain,kind,since,source,"
				  "illustrative,notes\n"
				  "1,11,ML,2,,social_inclusion,diaspora,2004-03-05,,,\n"
				  "2,12,DE,3,,education_youth,exchange,2011,questionnaire,,\n"
				  "3,11,SN,,Dakar,,diaspora,,,,\n");
	free(text);
}

/* Every bad cell at its line and column; nothing of any file is written. */
static void bad_rows(void **state)
{
	struct fx *f = *state;
	const char *t[] = {base, orgs,
			   "organisation_id,country,partner_authority_id,kind,since,domain\n"
			   "99,ML,2,diaspora,2010,\n"
			   "11,XX,abc,friendship,13/13/2010,\n"
			   "11,ML,9,diaspora,2010,cooking\n"
			   ",DE,,exchange,,\n"};
	assert_int_equal(import(f, f->st, t, 3), EALA_EINVAL);
	assert_true(has_error(&f->el, 2, "organisation_id", "organisation #99 does not exist"));
	assert_true(has_error(&f->el, 3, "partner_authority_id", "is not a record id"));
	assert_true(has_error(&f->el, 3, "country", "'XX'"));
	assert_true(has_error(&f->el, 3, "kind", "'friendship'"));
	assert_true(has_error(&f->el, 3, "since", "is not a year (YYYY) or a date"));
	assert_true(has_error(&f->el, 4, "partner_authority_id", "authority #9 does not exist"));
	assert_true(has_error(&f->el, 4, "domain", "'cooking'"));
	assert_true(has_error(&f->el, 5, "organisation_id", "is required"));
	assert_int_equal(errlist_count(&f->el), 8);
	assert_false(store_authority_exists(f->st, 1));   /* the base was in the same import */

	const char *dup[] = {base, orgs, "id,organisation_id,country,kind,colour\n5,11,ML,diaspora,red\n5,12,DE,exchange,\n"};
	assert_int_equal(import(f, f->st, dup, 3), EALA_EINVAL);
	assert_true(has_error(&f->el, 1, "colour", "unknown column for stakeholder_links"));
	assert_true(has_error(&f->el, 3, "id", "id 5 is already given on line 2"));
	const char *missing[] = {"organisation_id,country\n11,ML\n"};
	assert_int_equal(import(f, f->st, missing, 1), EALA_EINVAL);
	assert_true(has_error(&f->el, 1, "kind", "missing column"));
}

/* An update keeps what the file has no column for; the round trip is exact. */
static void update_and_round_trip(void **state)
{
	struct fx *f = *state;
	const char *t[] = {base, orgs,
			   "id,organisation_id,country,partner_authority_id,kind,since,source,notes\n"
			   "7,11,ML,2,diaspora,2004,questionnaire,\"Kayes, Koulikoro\"\n"};
	assert_int_equal(import(f, f->st, t, 3), EALA_OK);
	/* the required columns, and no partner, source or notes */
	const char *u[] = {"id,organisation_id,country,kind,since\n7,11,ML,project,2012\n"};
	assert_int_equal(import(f, f->st, u, 1), EALA_OK);
	assert_int_equal(f->rep.updated[RK_STAKEHOLDER_LINK], 1);
	struct stakeholder_link l;
	assert_int_equal(store_stakeholder_link_get(f->st, 7, &l), EALA_OK);
	assert_string_equal(l.kind, "project");
	assert_string_equal(l.since, "2012");
	assert_string_equal(l.country, "ML");
	assert_int_equal(l.partner_authority_id, 2);
	assert_string_equal(l.notes, "Kayes, Koulikoro");
	assert_string_equal(l.source, "questionnaire");
	stakeholder_link_clear(&l);

	char *one = export_text(f->st);
	char *db2;
	struct store *st2 = tu_store(&db2);
	const char *again[] = {base, orgs, one};
	assert_int_equal(import(f, st2, again, 3), EALA_OK);
	char *two = export_text(st2);
	assert_string_equal(one, two);
	free(one);
	free(two);
	tu_store_free(st2, db2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds_and_template),
		cmocka_unit_test_setup_teardown(french_import, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(update_and_round_trip, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
