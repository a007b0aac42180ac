/* test_text.c: place-name keys and UTF-8 checks (src/core/text.c). */
#include "testutil.h"

#include "../../src/core/text.h"

static void assert_key(const char *name, const char *country, const char *want)
{
	char *k = text_name_key(name, country);
	assert_non_null(k);
	assert_string_equal(k, want);
	free(k);
}

static void same_key(const char *a, const char *b, const char *country)
{
	char *ka = text_name_key(a, country), *kb = text_name_key(b, country);
	assert_non_null(ka);
	assert_non_null(kb);
	assert_string_equal(ka, kb);
	free(ka);
	free(kb);
}

static void different_key(const char *a, const char *b, const char *country)
{
	char *ka = text_name_key(a, country), *kb = text_name_key(b, country);
	assert_string_not_equal(ka, kb);
	free(ka);
	free(kb);
}

static void accents_case_hyphens(void **state)
{
	(void)state;
	assert_key("Saint-Étienne", "FR", "saint etienne");
	same_key("Villeneuve-d'Ascq", "Villeneuve d'Ascq", "FR");
	same_key("Saint-Cyr-sur-Loire", "Saint-Cyr-Sur-Loire", "FR");
	same_key("León", "Leon", "ES");
	same_key("  Chambéry ", "CHAMBERY", "FR");
}

static void cedilla_and_comma_below(void **state)
{
	(void)state;
	/* Romanian: s/t with cedilla (U+015F, U+0163) or comma below (U+0219, U+021B) */
	same_key("Pite\xc5\x9fti", "Pite\xc8\x99ti", "RO");
	same_key("Constan\xc5\xa3" "a", "Constan\xc8\x9b" "a", "RO");
	same_key("Târgu Mureș", "Targu Mures", "RO");
}

static void german_umlauts_are_not_plain_vowels(void **state)
{
	(void)state;
	different_key("Fürth", "Furth", "DE");
	different_key("Löhne", "Lohne", "DE");
	different_key("Münster", "Munster", "DE");
	same_key("Fürth", "Fuerth", "DE");
	same_key("Biberach an der Riß", "Biberach an der Riss", "DE");
	/* elsewhere a diaeresis is only an accent */
	same_key("Güímar", "Guimar", "ES");
	char *loose = text_loose_key("Fürth");
	assert_string_equal(loose, "furth");
	free(loose);
}

static void utf8_validity(void **state)
{
	(void)state;
	assert_true(text_utf8_valid("Fürth", strlen("Fürth")));
	assert_false(text_utf8_valid("F\xfcrth", 5)); /* Latin-1 ü */
	assert_int_equal(text_utf8_error_at("ab\xff", 3), 2);
	assert_false(text_utf8_valid("a\0b", 3));
	assert_null(text_name_key("F\xfcrth", "DE"));
}

/* Text tables pad by display columns, not bytes: "Vélingara" is 9 columns
 * in 10 bytes; a CJK ideograph takes two columns and is not split. */
static void fit_to_columns(void **state)
{
	(void)state;
	char out[64];
	text_fit(out, sizeof(out), "V\xc3\xa9lingara", 11);
	assert_string_equal(out, "V\xc3\xa9lingara  ");
	text_fit(out, sizeof(out), "V\xc3\xa9lingara", 3);
	assert_string_equal(out, "V\xc3\xa9l");
	text_fit(out, sizeof(out), "\xe5\x8c\x97\xe4\xba\xac", 3);   /* Beijing: two wide characters */
	assert_string_equal(out, "\xe5\x8c\x97 ");
	text_fit(out, sizeof(out), NULL, 2);
	assert_string_equal(out, "  ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accents_case_hyphens),
		cmocka_unit_test(cedilla_and_comma_below),
		cmocka_unit_test(german_umlauts_are_not_plain_vowels),
		cmocka_unit_test(utf8_validity),
		cmocka_unit_test(fit_to_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
