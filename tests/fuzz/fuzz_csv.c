/* fuzz_csv.c: the CSV reader (src/io/csvread.c) and the cell parsers on any bytes. */
#include "fuzz.h"

#include "../../src/io/csvread.h"

#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_doc doc = {0};
	struct errlist el;
	errlist_init(&el);
	if (csvdoc_parse("fuzz.csv", (const char *)data, size, &doc, &el) == EALA_OK) {
		for (size_t i = 0; i < doc.n; i++) {
			for (int k = 0; k < 4; k++) {
				const char *s = csvdoc_field(&doc.rows[i], k);
				if (!s)
					continue;
				int64_t v;
				double d;
				int b;
				csv_parse_id(s, &v);
				csv_parse_integer(s, &v);
				csv_parse_number(s, doc.delim, &d);
				csv_parse_bool(s, &b);
				free(csv_convert_date(s));
				free(csv_trim(s));
			}
		}
	}
	csvdoc_clear(&doc);
	errlist_clear(&el);
	return 0;
}
