/* text.h: Unicode text helpers on utf8proc: validity and the keys used to
 * recognise one place under several spellings.
 *
 * Returned strings belong to the caller.
 */
#ifndef EALA_TEXT_H
#define EALA_TEXT_H

#include <stddef.h>

/* 1 when s[0..len) is valid UTF-8 without NUL bytes. */
int text_utf8_valid(const char *s, size_t len);

/* Byte offset of the first invalid UTF-8 sequence, or -1 when valid. */
long text_utf8_error_at(const char *s, size_t len);

/*
 * Key under which two spellings of one place name are the same place:
 * case-folded, compatibility-decomposed, accents and cedillas/commas-below
 * removed, hyphens, apostrophes, dots and runs of spaces turned into one
 * space. In German-speaking countries (country "DE", "AT", "CH", "LI") the
 * umlauts become ae/oe/ue, because there Fürth is Fuerth and not Furth.
 * Returns NULL for invalid UTF-8 or on allocation failure.
 */
char *text_name_key(const char *name, const char *country);

/* Like text_name_key but always strips the diaeresis (Fürth -> furth); used
 * only together with coordinates to catch missing accents. */
char *text_loose_key(const char *name);

/* Both keys with one Unicode decomposition: 0, or -1 (invalid UTF-8, no
 * memory) with *key and *loose NULL. The caller frees both. */
int text_name_keys(const char *name, const char *country, char **key, char **loose);

/* Trimmed copy with inner runs of white space collapsed to one space. */
char *text_squeeze(const char *s);

/* s cut or padded with spaces to columns display columns (utf8proc's
 * character widths: "é" is one, a CJK ideograph two), for text tables;
 * at most size - 1 bytes in out. */
void text_fit(char *out, size_t size, const char *s, int columns);

#endif
