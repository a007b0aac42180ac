/* atlas.c: the world map of partnerships: its data as compact JSON, its page,
 * and the bundled front-end files (web/dist, built by scripts/build-web). */
#define _GNU_SOURCE
#include "html.h"

#include "../core/codelist.h"
#include "../io/records_csv.h"

#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* authority id -> index in places, or -1 when it has no coordinates */
struct slot {
	int64_t id;
	long index;
};

struct atlas {
	struct store *st;
	json_t *places, *links;
	struct strv kinds;
	struct slot *slots;
	size_t cap, used;
};

static long place_of(struct atlas *a, int64_t id)
{
	if ((a->used + 1) * 2 > a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 4096;
		struct slot *v = calloc(cap, sizeof(*v));
		if (!v)
			return -1;
		for (size_t i = 0; i < a->cap; i++) {
			if (!a->slots[i].id)
				continue;
			size_t j = (size_t)a->slots[i].id * 2654435761u % cap;
			while (v[j].id)
				j = (j + 1) % cap;
			v[j] = a->slots[i];
		}
		free(a->slots);
		a->slots = v;
		a->cap = cap;
	}
	size_t j = (size_t)id * 2654435761u % a->cap;
	while (a->slots[j].id && a->slots[j].id != id)
		j = (j + 1) % a->cap;
	if (a->slots[j].id)
		return a->slots[j].index;
	struct authority au;
	long index = -1;
	if (store_authority_get(a->st, id, &au) == EALA_OK && au.has_coords) {
		index = (long)json_array_size(a->places);
		json_array_append_new(a->places, json_pack("[I, f, f, s, s]", (json_int_t)id,
							   au.lat, au.lng, au.name, au.country));
	}
	authority_clear(&au);
	a->slots[j].id = id;
	a->slots[j].index = index;
	a->used++;
	return index;
}

static int kind_index(struct atlas *a, const char *kind)
{
	for (size_t i = 0; i < a->kinds.n; i++)
		if (strcmp(a->kinds.v[i], kind) == 0)
			return (int)i;
	strv_push(&a->kinds, kind);
	return (int)a->kinds.n - 1;
}

/* A partnership of n members: a line from the first (home) to each other. */
static int add_link(void *ctx, const struct partnership *p)
{
	struct atlas *a = ctx;
	if (p->n_members < 2)
		return 0;
	long home = place_of(a, p->members[0]);
	for (size_t i = 1; home >= 0 && i < p->n_members; i++) {
		long other = place_of(a, p->members[i]);
		if (other >= 0)
			json_array_append_new(a->links, json_pack("[i, i, i, I]", (int)home, (int)other,
								  kind_index(a, p->kind), (json_int_t)p->id));
	}
	return 0;
}

int api_atlas(struct req *r)
{
	struct store_filter f;
	struct errlist el;
	errlist_init(&el);
	api_filter(r, RK_PARTNERSHIP, &f, &el);
	if (el.n) {
		int rc = json_errors(r, MHD_HTTP_BAD_REQUEST, &el);
		errlist_clear(&el);
		return rc;
	}
	f.limit = 0;      /* the whole map */
	f.after_id = 0;
	struct atlas a = {.st = r->st, .places = json_array(), .links = json_array()};
	char *err = NULL;
	int rc = store_partnership_list(r->st, &f, add_link, &a, NULL, &err);
	json_t *kinds = json_array();
	for (size_t i = 0; i < a.kinds.n; i++)
		json_array_append_new(kinds, json_string(a.kinds.v[i]));
	json_t *out = json_pack("{s:o, s:o, s:o}", "kinds", kinds, "places", a.places, "links", a.links);
	strv_clear(&a.kinds);
	free(a.slots);
	if (rc) {
		json_decref(out);
		rc = json_error(r, web_http_status(rc), NULL, err ? err : eala_strerror(rc));
		free(err);
		return rc;
	}
	char *s = json_dumps(out, JSON_COMPACT | JSON_REAL_PRECISION(7));
	json_decref(out);
	r->content_type = "application/json";
	buf_puts(&r->body, s ? s : "{}");
	free(s);
	return MHD_HTTP_OK;
}

static void options(struct req *r, enum codelist_id id, const char *selected)
{
	struct buf *b = &r->body;
	const struct codelist *cl = codelist_get(id);
	html(b, "<option value=\"\">");
	html_text(b, tr(r, "any"));
	html(b, "</option>\n");
	for (size_t i = 0; cl && i < cl->n; i++) {
		html(b, "<option value=\"");
		html_attr(b, cl->v[i].code);
		html(b, selected && strcmp(selected, cl->v[i].code) == 0 ? "\" selected>" : "\">");
		html_text(b, codelist_label(id, cl->v[i].code, lang_codelist(r)));
		html(b, "</option>\n");
	}
}

int page_atlas(struct req *r)
{
	struct buf *b = &r->body;
	page_begin(r, tr(r, "Atlas of partnerships"), NULL);
	html(b, "<form id=\"atlas-filters\" class=\"filters\" action=\"/atlas\" method=\"get\">\n<label>");
	html_text(b, tr(r, "Kind"));
	html(b, " <select name=\"kind\">\n");
	options(r, CL_PARTNERSHIP_KIND, req_arg(r, "kind"));
	html(b, "</select></label>\n<label>");
	html_text(b, tr(r, "Country"));
	html(b, " <input name=\"country\" size=\"3\" maxlength=\"2\" value=\"");
	html_attr(b, req_arg(r, "country"));
	html(b, "\"></label>\n<label>");
	html_text(b, tr(r, "Domain"));
	html(b, " <select name=\"domain\">\n");
	options(r, CL_ACTION_DOMAIN, req_arg(r, "domain"));
	html(b, "</select></label>\n<label>");
	html_text(b, tr(r, "Year"));
	html(b, " <input name=\"year\" type=\"number\" min=\"1900\" max=\"2100\" value=\"");
	html_attr(b, req_arg(r, "year"));
	html(b, "\"></label>\n<button type=\"submit\">");
	html_text(b, tr(r, "Show"));
	/* the script fills the count in from this sentence, in the page's language */
	html(b, "</button> <span id=\"atlas-count\" data-sentence=\"");
	html_attr(b, tr(r, "{links} partnerships between {places} places: "));
	html(b, "\"></span>\n</form>\n<canvas id=\"atlas-map\" aria-label=\"");
	html_attr(b, tr(r, "World map of the partnerships; click a place to list its partners"));
	html(b, "\"></canvas>\n<div id=\"atlas-panel\" aria-live=\"polite\"></div>\n<noscript><p>");
	html_text(b, tr(r, "The map needs JavaScript; the same partnerships are listed on the search page and in the API."));
	html(b, "</p></noscript>\n<script src=\"/static/atlas.js\" defer></script>\n");
	page_end(r);
	return MHD_HTTP_OK;
}

void atlas_partners_map(struct req *r, int64_t authority_id)
{
	struct buf *b = &r->body;
	/* the kinds' names in the page's language, for the map's legend */
	const struct codelist *cl = codelist_get(CL_PARTNERSHIP_KIND);
	json_t *kinds = json_object();
	for (size_t i = 0; cl && i < cl->n; i++)
		json_object_set_new(kinds, cl->v[i].code,
				    json_string(codelist_label(CL_PARTNERSHIP_KIND, cl->v[i].code,
							       lang_codelist(r))));
	char *labels = json_dumps(kinds, JSON_COMPACT);
	json_decref(kinds);
	html(b, "<figure class=\"partners\"><canvas id=\"partners-map\" data-authority=\"");
	html_int(b, authority_id);
	html(b, "\" data-kinds=\"");
	html_attr(b, labels ? labels : "{}");
	html(b, "\" aria-label=\"");
	html_attr(b, tr(r, "Map of this authority's partners; click a place to list its partners"));
	html(b, "\"></canvas>\n<figcaption id=\"atlas-count\" data-sentence=\"");
	html_attr(b, tr(r, "{links} partnerships between {places} places: "));
	html(b, "\"></figcaption></figure>\n<div id=\"atlas-panel\" aria-live=\"polite\"></div>\n"
		"<script src=\"/static/atlas.js\" defer></script>\n");
	free(labels);
}

/* A file of web/dist, named by the route (never by the request). */
int page_static(struct req *r)
{
	const char *webdir = getenv("EALA_WEBDIR");
	const char *name = strrchr(r->path, '/') + 1;
	char *path = xasprintf("%s/%s", webdir && *webdir ? webdir : EALA_WEBDIR, name);
	FILE *f = path ? fopen(path, "rb") : NULL;
	free(path);
	if (!f) {
		r->content_type = "text/plain; charset=utf-8";
		buf_puts(&r->body, "the front end is not built: run scripts/build-web\n");
		return r->status = MHD_HTTP_NOT_FOUND;
	}
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&r->body, chunk, n);
	fclose(f);
	r->content_type = strstr(name, ".js") ? "text/javascript; charset=utf-8" : "application/json";
	return MHD_HTTP_OK;
}
