/* testutil.h: small helpers shared by the cmocka tests: temporary files and
 * databases, and the code lists read from the project's data folder. */
#ifndef EALA_TESTUTIL_H
#define EALA_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/core/codelist.h"
#include "../../src/io/codelist_load.h"
#include "../../src/store/store.h"

/* A fresh temporary path with a suffix; the caller frees it and unlinks the file. */
static inline char *tu_tmppath(const char *suffix)
{
	char tmpl[] = "/tmp/eala-test-XXXXXX";
	int fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	close(fd);
	unlink(tmpl);
	char *p = malloc(strlen(tmpl) + strlen(suffix) + 1);
	assert_non_null(p);
	strcpy(p, tmpl);
	strcat(p, suffix);
	return p;
}

/* Write text to a new temporary file; the caller frees the path and unlinks it. */
static inline char *tu_write(const char *suffix, const char *text, size_t len)
{
	char *p = tu_tmppath(suffix);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	return p;
}

/* Remove a database and its WAL files. */
static inline void tu_unlink_db(const char *path)
{
	char buf[512];
	unlink(path);
	snprintf(buf, sizeof(buf), "%s-wal", path);
	unlink(buf);
	snprintf(buf, sizeof(buf), "%s-shm", path);
	unlink(buf);
}

/* A new database at the current schema. */
static inline struct store *tu_store(char **path)
{
	struct store *st = NULL;
	char *err = NULL;
	int from, to;
	*path = tu_tmppath(".db");
	assert_int_equal(store_open(*path, 1, &st, &err), 0);
	assert_int_equal(store_init(st, &from, &to, &err), 0);
	return st;
}

static inline void tu_store_free(struct store *st, char *path)
{
	store_close(st);
	tu_unlink_db(path);
	free(path);
}

#endif
