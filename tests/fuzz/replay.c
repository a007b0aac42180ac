/* replay.c: a main() for a fuzz harness without libFuzzer: runs every file
 * given, or every file of the folders given, through LLVMFuzzerTestOneInput
 * once, and prints TAP (a crash or a sanitizer report fails the test). */
#define _GNU_SOURCE
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int n;

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		printf("not ok %d - %s: cannot open\n", ++n, path);
		return 1;
	}
	size_t cap = 4096, len = 0, got;
	char *buf = malloc(cap);
	while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap) {
			char *b = realloc(buf, cap *= 2);
			if (!b)
				free(buf);
			buf = b;
		}
	}
	fclose(f);
	if (!buf) {
		printf("not ok %d - %s: out of memory\n", ++n, path);
		return 1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	free(buf);
	printf("ok %d - %s\n", ++n, path);
	fflush(stdout);
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int main(int argc, char **argv)
{
	int failed = 0;
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		struct stat sb;
		if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			struct dirent **names;
			int k = scandir(argv[i], &names, NULL, by_name);
			for (int j = 0; j < k; j++) {
				char *p = NULL;
				if (names[j]->d_name[0] != '.' &&
				    asprintf(&p, "%s/%s", argv[i], names[j]->d_name) >= 0)
					failed |= replay_file(p);
				free(p);
				free(names[j]);
			}
			if (k >= 0)
				free(names);
		} else {
			failed |= replay_file(argv[i]);
		}
	}
	printf("1..%d\n", n);
	return failed;
}
