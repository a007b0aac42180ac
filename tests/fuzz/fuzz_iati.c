/* fuzz_iati.c: the IATI reader (src/io/iati_read.c) on a memory buffer:
 * libxml2's reader with the 2.03 schema, no entities, no network. */
#include "fuzz.h"

#include "../../src/core/codelist.h"
#include "../../src/io/codelist_load.h"
#include "../../src/io/iati.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	codelist_load_install();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iati_doc doc = {0};
	struct errlist el;
	errlist_init(&el);
	el.max = 100;
	iati_read_memory((const char *)data, size, "fuzz.xml", &doc, &el);
	iati_doc_clear(&doc);
	errlist_clear(&el);
	return 0;
}
