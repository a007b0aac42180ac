/* test_csvread.c: the CSV reader: separators, BOM, quoting, line numbers, refusals. */
#include "testutil.h"

#include "../../src/io/csvread.h"

static int parse(const char *text, struct csv_doc *doc, struct errlist *el)
{
	errlist_init(el);
	return csvdoc_parse("t.csv", text, strlen(text), doc, el);
}

static void comma_and_lines(void **state)
{
	(void)state;
	struct csv_doc d;
	struct errlist el;
	assert_int_equal(parse("a,b\n1,2\n\n\"multi\nline\",3\r\n4,5", &d, &el), EALA_OK);
	assert_int_equal(d.header.n, 2);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.rows[0].line, 2);
	assert_int_equal(d.rows[1].line, 4);   /* the blank line 3 is skipped */
	assert_string_equal(d.rows[1].f.v[0], "multi\nline");
	assert_int_equal(d.rows[2].line, 6);
	assert_string_equal(d.rows[2].f.v[1], "5");
	csvdoc_clear(&d);
	errlist_clear(&el);
}

static void semicolon_bom_french_headers(void **state)
{
	(void)state;
	struct csv_doc d;
	struct errlist el;
	assert_int_equal(parse("\xEF\xBB\xBFNom;Pays;Date de début\n\"Saint-Étienne\";FR;01/02/2020\n",
			       &d, &el), EALA_OK);
	assert_int_equal(d.delim, ';');
	static const char *const nom[] = {"name", "nom", NULL}, *const debut[] = {"date_de_debut", NULL};
	assert_int_equal(csvdoc_column(&d, nom), 0);
	assert_int_equal(csvdoc_column(&d, debut), 2);
	assert_string_equal(csvdoc_field(&d.rows[0], 0), "Saint-Étienne");
	csvdoc_clear(&d);
	errlist_clear(&el);
}

static void unclosed_quote(void **state)
{
	(void)state;
	struct csv_doc d;
	struct errlist el;
	assert_int_equal(parse("a,b\n1,2\n\"open,3\n4,5\n", &d, &el), EALA_EINVAL);
	assert_int_equal(el.n, 1);
	assert_int_equal(el.v[0].line, 3);
	assert_non_null(strstr(el.v[0].msg, "never closed"));
	csvdoc_clear(&d);
	errlist_clear(&el);
}

static void stray_quote(void **state)
{
	(void)state;
	struct csv_doc d;
	struct errlist el;
	assert_int_equal(parse("a,b\n1,2\n3,x\"y\n", &d, &el), EALA_EINVAL);
	assert_int_equal(el.v[0].line, 3);
	csvdoc_clear(&d);
	errlist_clear(&el);
}

static void wrong_field_counts_all_reported(void **state)
{
	(void)state;
	struct csv_doc d;
	struct errlist el;
	assert_int_equal(parse("a,b,c\n1,2,3\n1,2\n1,2,3,4\n5,6,7\n", &d, &el), EALA_EINVAL);
	assert_int_equal(el.n, 2);
	assert_int_equal(el.v[0].line, 3);
	assert_non_null(strstr(el.v[0].msg, "has 2 fields, the header has 3"));
	assert_int_equal(el.v[1].line, 4);
	csvdoc_clear(&d);
	errlist_clear(&el);
}

static void invalid_utf8(void **state)
{
	(void)state;
	struct csv_doc d;
	struct errlist el;
	assert_int_equal(parse("name,country\nF\xfcrth,DE\nParis,FR\n", &d, &el), EALA_EINVAL);
	assert_int_equal(el.n, 1);
	assert_int_equal(el.v[0].line, 2);
	assert_non_null(strstr(el.v[0].msg, "UTF-8"));
	csvdoc_clear(&d);
	errlist_clear(&el);
}

static void empty_file(void **state)
{
	(void)state;
	struct csv_doc d;
	struct errlist el;
	assert_int_equal(parse("", &d, &el), EALA_EINVAL);
	assert_non_null(strstr(el.v[0].msg, "empty"));
	csvdoc_clear(&d);
	errlist_clear(&el);
	assert_int_equal(parse("\xEF\xBB\xBF\n\n", &d, &el), EALA_EINVAL);
	csvdoc_clear(&d);
	errlist_clear(&el);
}

static void line_too_long(void **state)
{
	(void)state;
	size_t n = CSV_MAX_LINE + 100;
	char *buf = malloc(n + 16);
	assert_non_null(buf);
	memcpy(buf, "a,b\n1,", 6);
	memset(buf + 6, 'x', n);
	buf[n + 6] = '\0';
	struct csv_doc d;
	struct errlist el;
	errlist_init(&el);
	assert_int_equal(csvdoc_parse("big.csv", buf, n + 6, &d, &el), EALA_EINVAL);
	assert_int_equal(el.v[0].line, 2);
	assert_non_null(strstr(el.v[0].msg, "longer than"));
	csvdoc_clear(&d);
	errlist_clear(&el);
	free(buf);
}

static void write_fields(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	csv_write_field(f, "plain", 0);
	csv_write_field(f, "a,b", 1);
	csv_write_field(f, "say \"hi\"", 1);
	csv_write_field(f, NULL, 1);
	csv_write_field(f, "x;y", 1);
	fclose(f);
	assert_string_equal(buf, "plain,\"a,b\",\"say \"\"hi\"\"\",,\"x;y\"");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(comma_and_lines),
		cmocka_unit_test(semicolon_bom_french_headers),
		cmocka_unit_test(unclosed_quote),
		cmocka_unit_test(stray_quote),
		cmocka_unit_test(wrong_field_counts_all_reported),
		cmocka_unit_test(invalid_utf8),
		cmocka_unit_test(empty_file),
		cmocka_unit_test(line_too_long),
		cmocka_unit_test(write_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
