/* fuzz_route.c: the server's path matching (route_find in src/web/routes.c):
 * the first line of the input is the method, the rest the path, as
 * libmicrohttpd hands them over (query string already taken off). */
#include "fuzz.h"

#include "../../src/web/web.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	char *path = strchr(s, '\n');
	if (path)
		*path++ = '\0';
	else
		path = s + strlen(s);
	struct req r;
	memset(&r, 0, sizeof(r));
	int method_ok = 0;
	const struct route *rt = route_find(s, path, &r, &method_ok);
	if (rt && (r.id < 0 || strlen(r.format) >= sizeof(r.format)))
		abort();
	free(s);
	return 0;
}
