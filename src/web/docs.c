/* docs.c: the OpenAPI document, and a page that renders it for people. */
#include "html.h"

#include <jansson.h>
#include <microhttpd.h>
#include <string.h>

int api_openapi(struct req *r)
{
	r->content_type = "application/json";
	buf_puts(&r->body, eala_openapi_json);
	return MHD_HTTP_OK;
}

int page_api_docs(struct req *r)
{
	struct buf *b = &r->body;
	json_t *doc = json_loads(eala_openapi_json, 0, NULL);
	page_begin(r, tr(r, "The eala API"), NULL);
	html(b, "<p>");
	html_text(b, tr(r, "JSON over HTTP; the machine-readable description (OpenAPI 3) is"));
	html(b, " <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a>. ");
	html_text(b, tr(r, "Writing needs a session:"));
	html(b, " <code>POST /api/v1/login</code>, ");
	html_text(b, tr(r, "then"));
	html(b, " <code>Authorization: Bearer TOKEN</code>. ");
	html_text(b, tr(r, "The descriptions below are those of the OpenAPI document, in English."));
	html(b, "</p>\n");
	const char *path;
	json_t *ops;
	json_object_foreach(json_object_get(doc, "paths"), path, ops) {
		const char *method;
		json_t *op;
		json_object_foreach(ops, method, op) {
			html(b, "<h2><code>");
			for (const char *m = method; *m; m++) {
				char up[2] = {(char)(*m >= 'a' && *m <= 'z' ? *m - 32 : *m), 0};
				html_text(b, up);
			}
			html(b, " ");
			html_text(b, path);
			html(b, "</code></h2>\n<p>");
			html_text(b, json_string_value(json_object_get(op, "summary")));
			html(b, "</p>\n");
			json_t *params = json_object_get(op, "parameters"), *p;
			size_t i;
			if (json_array_size(params)) {
				html(b, "<dl>\n");
				json_array_foreach(params, i, p) {
					html(b, "<dt><code>");
					html_text(b, json_string_value(json_object_get(p, "name")));
					html(b, "</code></dt><dd>");
					html_text(b, json_string_value(json_object_get(p, "description")));
					html(b, "</dd>\n");
				}
				html(b, "</dl>\n");
			}
		}
	}
	json_decref(doc);
	page_end(r);
	return MHD_HTTP_OK;
}
