/* test_routes.c: every API route of the route table is in the OpenAPI
 * document, with its method, and the document names no route that does not
 * exist; the route matcher takes ids and refuses the rest. */
#include "testutil.h"

#include "../../src/web/web.h"

#include <ctype.h>
#include <jansson.h>

static void every_route_documented(void **state)
{
	(void)state;
	json_error_t err;
	json_t *doc = json_loads(eala_openapi_json, 0, &err);
	assert_non_null(doc);
	json_t *paths = json_object_get(doc, "paths");
	size_t routes = 0;
	for (const struct route *rt = route_table(); rt->method; rt++) {
		if (strncmp(rt->pattern, "/api/v1/", 8) != 0 && strcmp(rt->pattern, "/healthz") != 0)
			continue;
		char method[8] = "";
		for (size_t i = 0; rt->method[i] && i < 7; i++)
			method[i] = (char)tolower((unsigned char)rt->method[i]);
		json_t *op = json_object_get(json_object_get(paths, rt->pattern), method);
		if (!op)
			fprintf(stderr, "# not documented: %s %s\n", rt->method, rt->pattern);
		assert_non_null(op);
		assert_non_null(json_object_get(op, "responses"));
		routes++;
	}
	/* and the other way round */
	size_t documented = 0;
	const char *path;
	json_t *ops;
	json_object_foreach(paths, path, ops) {
		const char *method;
		json_t *op;
		json_object_foreach(ops, method, op) {
			int found = 0;
			for (const struct route *rt = route_table(); rt->method && !found; rt++)
				found = strcmp(rt->pattern, path) == 0 && strcasecmp(rt->method, method) == 0;
			if (!found)
				fprintf(stderr, "# documented but no route: %s %s\n", method, path);
			assert_true(found);
			documented++;
		}
	}
	assert_int_equal(routes, documented);
	json_decref(doc);
}

static void matching(void **state)
{
	(void)state;
	struct req r;
	int method_ok;
	memset(&r, 0, sizeof(r));
	const struct route *rt = route_find("GET", "/api/v1/authorities/12", &r, &method_ok);
	assert_non_null(rt);
	assert_int_equal(r.id, 12);
	assert_non_null(route_find("GET", "/api/v1/partnerships/7/history", &r, &method_ok));
	assert_int_equal(r.id, 7);
	assert_null(route_find("GET", "/api/v1/authorities/0", &r, &method_ok));
	assert_null(route_find("GET", "/api/v1/authorities/-3", &r, &method_ok));
	assert_null(route_find("GET", "/api/v1/authorities/12abc", &r, &method_ok));
	assert_null(route_find("GET", "/api/v1/authorities/99999999999999999999", &r, &method_ok));
	assert_null(route_find("PATCH", "/api/v1/authorities/12", &r, &method_ok));
	assert_true(method_ok);   /* the path exists: 405 */
	assert_null(route_find("GET", "/api/v1/authorities/12/", &r, &method_ok));
	assert_false(method_ok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_route_documented),
		cmocka_unit_test(matching),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
