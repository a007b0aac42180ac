/* test_dataset_json.c: the dataset reader and writer on fresh SQLite stores. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "../../src/io/codelist_load.h"
#include "../../src/io/dataset_json.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEMO EALA_DATADIR "/demo/demo.json"

struct fixture {
	char dir[64];
	char db1[128], db2[128], file[128];
	struct store *st, *st2;
	struct errlist errors;
};

static struct store *open_store(const char *path)
{
	struct store *st = NULL;
	char *errmsg = NULL;
	int from, to;
	assert_int_equal(store_open(path, 1, &st, &errmsg), EALA_OK);
	assert_int_equal(store_init(st, &from, &to, &errmsg), EALA_OK);
	free(errmsg);
	return st;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	strcpy(f->dir, "/tmp/eala-dataset-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->db1, sizeof(f->db1), "%s/one.db", f->dir);
	snprintf(f->db2, sizeof(f->db2), "%s/two.db", f->dir);
	snprintf(f->file, sizeof(f->file), "%s/input.json", f->dir);
	f->st = open_store(f->db1);
	errlist_init(&f->errors);
	*state = f;
	return 0;
}

static void remove_db(const char *path)
{
	char side[160];
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	store_close(f->st);
	store_close(f->st2);
	errlist_clear(&f->errors);
	remove_db(f->db1);
	remove_db(f->db2);
	unlink(f->file);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void write_file(const char *path, const char *text)
{
	FILE *out = fopen(path, "w");
	assert_non_null(out);
	assert_int_equal(fputs(text, out) >= 0, 1);
	assert_int_equal(fclose(out), 0);
}

/* Print the problems, so a failing test says why. */
static void show_errors(const struct errlist *el)
{
	for (size_t i = 0; i < el->n; i++) {
		char *line = errlist_format(&el->v[i]);
		print_message("  %s\n", line ? line : "?");
		free(line);
	}
}

static int has_error(const struct errlist *el, const char *field, const char *part)
{
	int n = 0;
	for (size_t i = 0; i < el->n; i++)
		if (el->v[i].field && strcmp(el->v[i].field, field) == 0 &&
		    (!part || strstr(el->v[i].msg, part)))
			n++;
	return n;
}

static size_t section_size(json_t *doc, const char *name)
{
	return json_array_size(json_object_get(doc, name));
}

/* (a) the demo loads, and the report counts every record of its sections */
static void test_demo_counts(void **state)
{
	struct fixture *f = *state;
	struct dataset_report rep = {0};
	json_error_t jerr;
	json_t *doc = json_load_file(DEMO, 0, &jerr);
	assert_non_null(doc);
	int rc = dataset_json_load(f->st, DEMO, 0, &rep, &f->errors);
	show_errors(&f->errors);
	assert_int_equal(rc, EALA_OK);
	assert_int_equal(f->errors.n, 0);
	struct { const char *name; size_t got; } expect[] = {
		{"authorities", rep.authorities}, {"organisations", rep.organisations},
		{"network_memberships", rep.network_memberships},
		{"partnerships", rep.partnerships}, {"actions", rep.actions},
		{"financing", rep.financing}, {"budget_years", rep.budget_years},
		{"strategies", rep.strategies}, {"expected_impacts", rep.expected_impacts},
		{"observed_outcomes", rep.observed_outcomes}, {"practices", rep.practices},
		{"partner_calls", rep.partner_calls},
	};
	for (size_t i = 0; i < sizeof(expect) / sizeof(*expect); i++) {
		assert_true(section_size(doc, expect[i].name) > 0);
		assert_int_equal(expect[i].got, section_size(doc, expect[i].name));
	}
	/* an empty store: every record is a new one */
	struct store_stats s;
	char *errmsg = NULL;
	assert_int_equal(store_stats_get(f->st, &s, &errmsg), EALA_OK);
	assert_int_equal(s.authorities, (int64_t)rep.authorities);
	assert_int_equal(s.partnerships, (int64_t)rep.partnerships);
	assert_int_equal(s.expected_impacts, (int64_t)rep.expected_impacts);
	assert_int_equal(s.partner_calls, (int64_t)rep.partner_calls);
	json_decref(doc);
}

static void assert_empty(struct store *st)
{
	struct store_stats s;
	char *errmsg = NULL;
	assert_int_equal(store_stats_get(st, &s, &errmsg), EALA_OK);
	int64_t *v[] = {&s.authorities, &s.organisations, &s.network_memberships, &s.partnerships,
			&s.actions, &s.financing, &s.budget_years, &s.strategies,
			&s.expected_impacts, &s.observed_outcomes, &s.practices, &s.partner_calls};
	for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++)
		assert_int_equal(*v[i], 0);
}

static const char bad_dataset[] =
	"{\"eala_dataset\": 1,\n"
	" \"authorities\": [\n"
	"  {\"ref\": \"a\", \"name\": \"Alpha\", \"country\": \"XX\", \"level\": \"municipality\"},\n"
	"  {\"ref\": \"b\", \"name\": \"Beta\", \"country\": \"FR\", \"level\": \"municipality\",\n"
	"   \"population\": \"many\", \"nmae\": \"typo\"},\n"
	"  {\"ref\": \"b\", \"name\": \"Gamma\", \"country\": \"FR\", \"level\": \"region\"}\n"
	" ],\n"
	" \"partnerships\": [\n"
	"  {\"ref\": \"p\", \"name\": \"Alpha - Beta\", \"kind\": \"twinning\", \"status\": \"active\",\n"
	"   \"members\": [\"a\", \"b\"], \"start_date\": \"2021-02-30\",\n"
	"   \"agreement\": {\"signed\": \"2021-13-01\"}}\n"
	" ],\n"
	" \"actions\": [\n"
	"  {\"title\": \"Orphan\", \"authority\": \"nowhere\", \"type\": \"project\", \"status\": \"2\",\n"
	"   \"participants\": [{\"authority\": \"b\", \"role\": \"1\"}, {\"authority\": \"a\", \"role\": \"99\"}],\n"
	"   \"citizen_participation\": \"yes\"}\n"
	" ]\n"
	"}\n";

/* (b) every problem of the file, each with its path, and nothing written */
static void test_errors_listed(void **state)
{
	struct fixture *f = *state;
	struct dataset_report rep = {0};
	write_file(f->file, bad_dataset);
	int rc = dataset_json_load(f->st, f->file, 0, &rep, &f->errors);
	show_errors(&f->errors);
	assert_int_equal(rc, EALA_EINVAL);
	assert_int_equal(has_error(&f->errors, "authorities[0].country", "country"), 1);
	assert_int_equal(has_error(&f->errors, "authorities[1].population", "whole number"), 1);
	assert_int_equal(has_error(&f->errors, "authorities[1].nmae", "unknown field"), 1);
	assert_int_equal(has_error(&f->errors, "authorities[2].ref", "already"), 1);
	assert_int_equal(has_error(&f->errors, "partnerships[0].start_date", "2021-02-30"), 1);
	assert_int_equal(has_error(&f->errors, "partnerships[0].agreement.signed", "2021-13-01"), 1);
	/* the undefined ref is reported once, not again as "is required" */
	assert_int_equal(has_error(&f->errors, "actions[0].authority", "nowhere"), 1);
	assert_int_equal(has_error(&f->errors, "actions[0].authority", NULL), 1);
	assert_int_equal(has_error(&f->errors, "actions[0].participants[1]", "99"), 1);
	assert_int_equal(has_error(&f->errors, "actions[0].citizen_participation", "true or false"), 1);
	assert_int_equal(f->errors.n, 9);
	for (size_t i = 0; i < f->errors.n; i++)
		assert_string_equal(f->errors.v[i].file, f->file);
	assert_int_equal(rep.authorities, 0);
	assert_empty(f->st);
}

/* Syntax errors name the line; other versions are refused. */
static void test_bad_documents(void **state)
{
	struct fixture *f = *state;
	write_file(f->file, "{\"eala_dataset\": 1,\n \"authorities\": [\n}\n");
	assert_int_equal(dataset_json_load(f->st, f->file, 0, NULL, &f->errors), EALA_EINVAL);
	assert_int_equal(f->errors.n, 1);
	assert_int_equal(f->errors.v[0].line, 3);
	errlist_clear(&f->errors);

	write_file(f->file, "{\"eala_dataset\": 2, \"authorities\": []}");
	assert_int_equal(dataset_json_load(f->st, f->file, 0, NULL, &f->errors), EALA_EINVAL);
	assert_int_equal(f->errors.n, 1);
	assert_non_null(strstr(f->errors.v[0].msg, "version 1"));
	errlist_clear(&f->errors);

	write_file(f->file, "{\"eala_dataset\": 1, \"authorites\": [], \"title\": \"t\"}");
	assert_int_equal(dataset_json_load(f->st, f->file, 0, NULL, &f->errors), EALA_EINVAL);
	assert_int_equal(has_error(&f->errors, "authorites", "unknown"), 1);
	errlist_clear(&f->errors);

	write_file(f->file, "{\"eala_dataset\": 1, \"a\": 1, \"a\": 2}");
	assert_int_equal(dataset_json_load(f->st, f->file, 0, NULL, &f->errors), EALA_EINVAL);
	assert_non_null(strstr(f->errors.v[0].msg, "duplicate"));
	assert_empty(f->st);
}

/* A dry run checks and counts, and writes nothing. */
static void test_dry_run(void **state)
{
	struct fixture *f = *state;
	struct dataset_report rep = {0};
	assert_int_equal(dataset_json_load(f->st, DEMO, 1, &rep, &f->errors), EALA_OK);
	assert_true(rep.authorities > 0 && rep.actions > 0);
	assert_empty(f->st);
}

static void assert_same_str(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void assert_same_strv(const struct strv *a, const struct strv *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		assert_string_equal(a->v[i], b->v[i]);
}

static int first_action(void *ctx, const struct action *a)
{
	*(int64_t *)ctx = a->id;
	return 1;
}

static void export_to(struct store *st, const char *path)
{
	char *errmsg = NULL;
	FILE *out = fopen(path, "w");
	assert_non_null(out);
	assert_int_equal(dataset_json_export(st, out, &errmsg), EALA_OK);
	assert_null(errmsg);
	assert_int_equal(fclose(out), 0);
}

static void compare_authorities(struct store *st1, struct store *st2, const char *country,
				const char *code)
{
	int64_t id1, id2;
	struct authority a, b, pa, pb;
	assert_int_equal(store_authority_find_code(st1, country, code, &id1), EALA_OK);
	assert_int_equal(store_authority_find_code(st2, country, code, &id2), EALA_OK);
	assert_int_equal(store_authority_get(st1, id1, &a), EALA_OK);
	assert_int_equal(store_authority_get(st2, id2, &b), EALA_OK);
	assert_same_str(a.name, b.name);
	assert_same_strv(&a.other_names, &b.other_names);
	assert_same_str(a.country, b.country);
	assert_same_str(a.level, b.level);
	assert_same_str(a.official_code, b.official_code);
	assert_true(a.population == b.population);
	assert_int_equal(a.has_coords, b.has_coords);
	assert_true(a.lat == b.lat && a.lng == b.lng);
	assert_int_equal(a.overseas, b.overseas);
	assert_same_str(a.source, b.source);
	assert_same_str(a.illustrative, b.illustrative);
	assert_same_str(a.notes, b.notes);
	assert_int_equal(!a.parent_id, !b.parent_id);
	if (a.parent_id) {
		assert_int_equal(store_authority_get(st1, a.parent_id, &pa), EALA_OK);
		assert_int_equal(store_authority_get(st2, b.parent_id, &pb), EALA_OK);
		assert_string_equal(pa.name, pb.name);
		authority_clear(&pa);
		authority_clear(&pb);
	}
	authority_clear(&a);
	authority_clear(&b);
}

static void compare_first_actions(struct store *st1, struct store *st2)
{
	struct store_filter all = {0};
	int64_t id1 = 0, id2 = 0;
	struct action a, b;
	char *errmsg = NULL;
	store_action_list(st1, &all, first_action, &id1, NULL, &errmsg);
	store_action_list(st2, &all, first_action, &id2, NULL, &errmsg);
	assert_true(id1 && id2);
	assert_int_equal(store_action_get(st1, id1, &a), EALA_OK);
	assert_int_equal(store_action_get(st2, id2, &b), EALA_OK);
	assert_same_str(a.title, b.title);
	assert_same_str(a.description, b.description);
	assert_same_str(a.type, b.type);
	assert_same_str(a.status, b.status);
	assert_same_str(a.start_date, b.start_date);
	assert_same_str(a.end_date, b.end_date);
	assert_same_strv(&a.domains, &b.domains);
	assert_same_strv(&a.sectors, &b.sectors);
	assert_same_strv(&a.sdgs, &b.sdgs);
	assert_same_strv(&a.countries, &b.countries);
	assert_same_str(a.departments, b.departments);
	assert_same_str(a.elected_officials, b.elected_officials);
	assert_int_equal(a.citizen_participation, b.citizen_participation);
	assert_same_str(a.source, b.source);
	assert_same_str(a.illustrative, b.illustrative);
	assert_same_str(a.notes, b.notes);
	assert_int_equal(a.n_participants, b.n_participants);
	assert_true(a.n_participants > 0);
	for (size_t i = 0; i < a.n_participants; i++) {
		assert_string_equal(a.participants[i].role, b.participants[i].role);
		assert_int_equal(!a.participants[i].authority_id, !b.participants[i].authority_id);
	}
	assert_int_equal(!a.partnership_id, !b.partnership_id);
	if (a.partnership_id) {
		struct partnership pa, pb;
		assert_int_equal(store_partnership_get(st1, a.partnership_id, &pa), EALA_OK);
		assert_int_equal(store_partnership_get(st2, b.partnership_id, &pb), EALA_OK);
		assert_string_equal(pa.name, pb.name);
		assert_same_str(pa.agreement_signed, pb.agreement_signed);
		assert_int_equal(pa.n_members, pb.n_members);
		partnership_clear(&pa);
		partnership_clear(&pb);
	}
	struct authority la, lb;
	assert_int_equal(store_authority_get(st1, a.authority_id, &la), EALA_OK);
	assert_int_equal(store_authority_get(st2, b.authority_id, &lb), EALA_OK);
	assert_string_equal(la.name, lb.name);
	authority_clear(&la);
	authority_clear(&lb);
	action_clear(&a);
	action_clear(&b);
}

/* (c) an export loaded into an empty store gives the same records */
static void test_export_round_trip(void **state)
{
	struct fixture *f = *state;
	struct store_stats s1, s2;
	char *errmsg = NULL;
	assert_int_equal(dataset_json_load(f->st, DEMO, 0, NULL, &f->errors), EALA_OK);
	export_to(f->st, f->file);
	f->st2 = open_store(f->db2);
	int rc = dataset_json_load(f->st2, f->file, 0, NULL, &f->errors);
	show_errors(&f->errors);
	assert_int_equal(rc, EALA_OK);
	assert_int_equal(store_stats_get(f->st, &s1, &errmsg), EALA_OK);
	assert_int_equal(store_stats_get(f->st2, &s2, &errmsg), EALA_OK);
	assert_memory_equal(&s1, &s2, sizeof(s1));
	compare_authorities(f->st, f->st2, "FR", "21515");   /* Quetigny, with a parent */
	compare_first_actions(f->st, f->st2);
}

static const char reuse_dataset[] =
	"{\"eala_dataset\": 1,\n"
	" \"authorities\": [\n"
	"  {\"ref\": \"se\", \"name\": \"Saint-Etienne\", \"country\": \"FR\", \"level\": \"municipality\",\n"
	"   \"official_code\": \"42218\", \"population\": 173000, \"illustrative\": [\"population\"]},\n"
	"  {\"ref\": \"gl\", \"name\": \"Glasgow\", \"country\": \"GB\", \"level\": \"municipality\"}\n"
	" ],\n"
	" \"partnerships\": [\n"
	"  {\"ref\": \"p\", \"name\": \"Saint-Étienne – Glasgow\", \"kind\": \"twinning\",\n"
	"   \"status\": \"active\", \"members\": [\"se\", \"gl\"]}\n"
	" ]\n"
	"}\n";

/* (d) an authority the store has (same country, same name key) is reused */
static void test_reuse_by_name(void **state)
{
	struct fixture *f = *state;
	struct authority a = {.name = "Saint-Étienne", .country = "FR", .level = "municipality",
			      .population = EALA_NO_VALUE, .has_coords = 1, .lat = 45.43,
			      .lng = 4.39, .source = "import:twin_cities.csv"};
	struct authority b = {.name = "Glasgow", .country = "GB", .level = "municipality",
			      .population = EALA_NO_VALUE, .source = "import:twin_cities.csv"};
	struct partnership p = {.name = "twinning", .kind = "twinning", .status = "active",
				.source = "import:twin_cities.csv"};
	struct dataset_report rep = {0};
	struct store_stats s;
	struct authority got;
	char *errmsg = NULL;
	assert_int_equal(store_authority_insert(f->st, &a, &errmsg), EALA_OK);
	assert_int_equal(store_authority_insert(f->st, &b, &errmsg), EALA_OK);
	int64_t members[2] = {b.id, a.id};
	p.members = members;
	p.n_members = 2;
	assert_int_equal(store_partnership_insert(f->st, &p, &errmsg), EALA_OK);

	write_file(f->file, reuse_dataset);
	int rc = dataset_json_load(f->st, f->file, 0, &rep, &f->errors);
	show_errors(&f->errors);
	assert_int_equal(rc, EALA_OK);
	assert_int_equal(rep.authorities, 2);
	assert_int_equal(rep.partnerships, 1);
	assert_int_equal(store_stats_get(f->st, &s, &errmsg), EALA_OK);
	assert_int_equal(s.authorities, 2);
	assert_int_equal(s.partnerships, 1);

	/* the dataset's values over the existing record, coordinates and names kept */
	assert_int_equal(store_authority_get(f->st, a.id, &got), EALA_OK);
	assert_string_equal(got.name, "Saint-Etienne");
	assert_true(strv_contains(&got.other_names, "Saint-Étienne"));
	assert_string_equal(got.official_code, "42218");
	assert_true(got.population == 173000);
	assert_int_equal(got.has_coords, 1);
	assert_true(got.lat == 45.43);
	assert_string_equal(got.illustrative, "population");
	authority_clear(&got);

	/* the twinning is the existing one, now described by the dataset */
	struct partnership q;
	assert_int_equal(store_partnership_get(f->st, p.id, &q), EALA_OK);
	assert_string_equal(q.name, "Saint-Étienne – Glasgow");
	assert_int_equal(q.n_members, 2);
	assert_true(q.members[0] == a.id);
	partnership_clear(&q);

	/* loading it again still finds them, now by official code too */
	assert_int_equal(dataset_json_load(f->st, f->file, 0, &rep, &f->errors), EALA_OK);
	assert_int_equal(store_stats_get(f->st, &s, &errmsg), EALA_OK);
	assert_int_equal(s.authorities, 2);
	assert_int_equal(s.partnerships, 1);
}

int main(void)
{
	codelist_load_install();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_demo_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors_listed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_documents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dry_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reuse_by_name, setup, teardown),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	codelist_reset();
	return failed;
}
