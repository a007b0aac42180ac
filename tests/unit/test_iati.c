/* test_iati.c: the IATI reader: bytes in, activities and problems out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "../../src/io/codelist_load.h"
#include "../../src/io/iati.h"

static const char good[] =
	"<?xml version=\"1.0\"?>\n"
	"<iati-activities version=\"2.02\">\n"
	" <iati-activity default-currency=\"EUR\">\n"
	"  <iati-identifier>FR-COG-21515-1</iati-identifier>\n"
	"  <reporting-org ref=\"FR-COG-21515\" type=\"11\"><narrative xml:lang=\"fr\">Ville de Quetigny</narrative></reporting-org>\n"
	"  <title><narrative xml:lang=\"fr\">Écoles</narrative><narrative>Schools</narrative></title>\n"
	"  <description><narrative>Classes.</narrative></description>\n"
	"  <participating-org role=\"4\" type=\"11\"><narrative>Koulikoro</narrative></participating-org>\n"
	"  <activity-status code=\"2\"/>\n"
	"  <activity-date type=\"2\" iso-date=\"2020-01-15\"/>\n"
	"  <sector vocabulary=\"2\" code=\"111\"/><sector code=\"11120\"/>\n"
	"  <budget><period-start iso-date=\"2020-01-01\"/><period-end iso-date=\"2020-12-31\"/>"
	"<value value-date=\"2020-01-01\">1500.5</value></budget>\n"
	" </iati-activity>\n"
	"</iati-activities>\n";

static void reads_an_activity(void **state)
{
	(void)state;
	struct iati_doc d;
	struct errlist el;
	errlist_init(&el);
	assert_int_equal(iati_read_memory(good, strlen(good), "good.xml", &d, &el), EALA_OK);
	assert_int_equal(el.n, 0);
	assert_int_equal(d.n_activities, 1);
	const struct iati_activity *a = &d.activities[0];
	assert_string_equal(a->identifier, "FR-COG-21515-1");
	assert_string_equal(a->title, "Schools");          /* English before French */
	assert_string_equal(a->reporting.name, "Ville de Quetigny");
	assert_int_equal(a->n_orgs, 1);
	assert_string_equal(a->orgs[0].role, "4");
	assert_int_equal(a->sectors.n, 1);                 /* vocabulary 2 is not read */
	assert_string_equal(a->sectors.v[0], "11120");
	assert_int_equal(a->n_flows, 1);
	assert_true(a->flows[0].budget);
	assert_true(a->flows[0].value == 1500.5);
	assert_string_equal(a->flows[0].currency, "EUR"); /* the default currency */
	iati_doc_clear(&d);
	errlist_clear(&el);
}

static void refuses_1x(void **state)
{
	(void)state;
	static const char old[] = "<?xml version=\"1.0\"?>\n\n<iati-activities version=\"1.04\"/>\n";
	struct iati_doc d;
	struct errlist el;
	errlist_init(&el);
	assert_int_equal(iati_read_memory(old, strlen(old), "old.xml", &d, &el), EALA_EINVAL);
	assert_int_equal(el.n, 1);
	assert_int_equal(el.v[0].line, 3);
	assert_non_null(strstr(el.v[0].msg, "1.x"));
	errlist_clear(&el);
}

static void every_schema_error_with_its_line(void **state)
{
	(void)state;
	char bad[sizeof(good) + 64];
	/* the status and the date removed: two required elements missing; and an unknown one */
	const char *p = strstr(good, "  <activity-status");
	const char *q = strstr(good, "  <sector");
	snprintf(bad, sizeof(bad), "%.*s  <bogus/>\n%s", (int)(p - good), good, q);
	struct iati_doc d;
	struct errlist el;
	errlist_init(&el);
	assert_int_equal(iati_read_memory(bad, strlen(bad), "bad.xml", &d, &el), EALA_EINVAL);
	assert_true(el.n >= 1);
	assert_int_equal(el.v[0].line, 9);
	assert_non_null(strstr(el.v[0].msg, "bogus"));
	assert_int_equal(d.n_activities, 0);               /* nothing half-read is handed back */
	errlist_clear(&el);
}

int main(void)
{
	codelist_load_install();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_an_activity),
		cmocka_unit_test(refuses_1x),
		cmocka_unit_test(every_schema_error_with_its_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
