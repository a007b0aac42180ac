/* fuzz_twincity.c: the twin-city import (src/io/twincity.c) from a file
 * image into an in-memory store, as a dry run (written, then rolled back, so
 * every input meets the same database). */
#include "fuzz.h"

#include "../../src/core/codelist.h"
#include "../../src/io/codelist_load.h"
#include "../../src/io/twincity.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static struct store *st;
static char path[] = "/tmp/eala-fuzz-twin-XXXXXX";
static int fd = -1;

static void cleanup(void)
{
	store_close(st);
	if (fd >= 0)
		unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *err = NULL;
	int from, to;
	codelist_load_install();
	if (store_open(":memory:", 1, &st, &err) || store_init(st, &from, &to, &err)) {
		fprintf(stderr, "fuzz_twincity: %s\n", err ? err : "?");
		exit(1);
	}
	if ((fd = mkstemp(path)) < 0) {
		perror(path);
		exit(1);
	}
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	struct twin_report rep = {0};
	struct errlist el;
	errlist_init(&el);
	el.max = 100;
	twin_import(st, path, 1, &rep, &el);
	twin_report_clear(&rep);
	errlist_clear(&el);
	return 0;
}
