/* test_html_write.c: the HTML escapers (src/io/html_write.c) the pages and
 * the reports share, and the text buffer under them (src/core/buf.c). */
#include "testutil.h"

#include "../../src/io/html_write.h"

#include <string.h>

static void text_and_attributes(void **state)
{
	(void)state;
	struct buf b = {0};
	html_text(&b, "<script>alert('x') & \"y\"</script>");
	assert_string_equal(b.s, "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
	buf_free(&b);
	html_attr(&b, "a\"b");
	html_text(&b, NULL);
	assert_string_equal(b.s, "a&quot;b");
	buf_free(&b);
	assert_null(b.s);
	buf_free(NULL);
}

static void url_arguments(void **state)
{
	(void)state;
	struct buf b = {0};
	html_url_arg(&b, "Saint-Étienne & co");
	assert_string_equal(b.s, "Saint-%C3%89tienne%20%26%20co");
	buf_free(&b);
}

/* An inlined script or JSON cannot close its element early. */
static void raw_elements(void **state)
{
	(void)state;
	struct buf b = {0};
	const char *js = "var s = \"</script><script>alert(1)</script>\"; a</b";
	html_raw_element(&b, js, strlen(js));
	assert_string_equal(b.s, "var s = \"<\\/script><script>alert(1)<\\/script>\"; a<\\/b");
	assert_null(strstr(b.s, "</"));
	buf_free(&b);
	html_raw_element(&b, "x<", 2);
	assert_string_equal(b.s, "x<");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_and_attributes),
		cmocka_unit_test(url_arguments),
		cmocka_unit_test(raw_elements),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
