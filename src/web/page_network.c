/* page_network.c: /analysis/network and GET /api/v1/analysis/network: how
 * authorities are linked by partnerships (src/analysis/network.c): the
 * figures in sentences, the top authorities by degree, PageRank and
 * betweenness, one authority's place, the shortest chain of partnerships
 * between two authorities, the city networks and whom they link, and a
 * Chart.js chart of the degree distribution (web/src/network.js). The same
 * figures as 'eala analyze network'. Anonymous readers: published records only. */
#include "web.h"
#include "html.h"

#include "../analysis/network.h"
#include "../io/records_csv.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOP_DEFAULT 10

/* The query of both the page and the API, every problem named. */
struct ask {
	int64_t authority_id, from, to;
	size_t top;
	unsigned what;
};

static void ask_read(struct req *r, struct ask *a, struct errlist *el)
{
	static const char *const only[] = {"components", "pagerank", "communities", "betweenness"};
	memset(a, 0, sizeof(*a));
	a->authority_id = api_int_arg(r, "authority", 1, INT64_MAX, 0, el);
	a->from = api_int_arg(r, "from", 1, INT64_MAX, 0, el);
	a->to = api_int_arg(r, "to", 1, INT64_MAX, 0, el);
	a->top = (size_t)api_int_arg(r, "top", 1, 100, TOP_DEFAULT, el);
	a->what = NETWORK_ALL;
	const char *o = req_arg(r, "only");
	if (o) {
		a->what = 0;
		for (unsigned i = 0; i < 4; i++)
			if (strcmp(o, only[i]) == 0)
				a->what = 1u << i;
		if (!a->what)
			errlist_add(el, NULL, 0, "only", N_("must be one of components, pagerank, communities, betweenness"));
	}
	if (!a->from != !a->to)
		errlist_add(el, NULL, 0, a->from ? "to" : "from", N_("is needed with the other end of the chain"));
}

/* 404 for an authority that does not exist or that this reader may not see. */
static const char *hidden(struct req *r, const struct ask *a)
{
	int64_t ids[3] = {a->authority_id, a->from, a->to};
	static const char *const names[3] = {"authority", "from", "to"};
	for (int i = 0; i < 3; i++)
		if (ids[i] && (!store_authority_exists(r->st, ids[i]) || draft_hidden(r, RK_AUTHORITY, ids[i])))
			return names[i];
	return NULL;
}

int api_network(struct req *r)
{
	struct ask a;
	struct errlist el;
	errlist_init(&el);
	ask_read(r, &a, &el);
	if (el.n) {
		int rc = json_errors(r, MHD_HTTP_BAD_REQUEST, &el);
		errlist_clear(&el);
		return rc;
	}
	const char *missing = hidden(r, &a);
	if (missing)
		return json_error(r, MHD_HTTP_NOT_FOUND, missing, "no such authority");
	struct network_graph g;
	struct network_result res;
	char *err = NULL;
	int rc = network_load(r->st, !reads_drafts(r), &g, &err);
	if (!rc && a.from) {
		size_t *nodes = NULL, n = 0;
		rc = network_chain(&g, a.from, a.to, &nodes, &n, &err);
		if (!rc || rc == EALA_ENOTFOUND)
			rc = EALA_OK, json_reply(r, MHD_HTTP_OK, network_chain_json(&g, nodes, n, a.from, a.to));
		free(nodes);
	} else if (!rc && !(rc = network_compute(&g, a.what, NETWORK_EXACT_MAX, NETWORK_SAMPLE, &res, &err))) {
		json_reply(r, MHD_HTTP_OK, network_json(&res, a.top, a.authority_id));
		network_result_clear(&res);
	}
	if (rc)
		json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, err ? err : "database error");
	network_graph_clear(&g);
	free(err);
	return r->status;
}

int api_network_memberships(struct req *r)
{
	struct errlist el;
	errlist_init(&el);
	size_t top = (size_t)api_int_arg(r, "top", 1, 1000, TOP_DEFAULT, &el);
	if (el.n) {
		int rc = json_errors(r, MHD_HTTP_BAD_REQUEST, &el);
		errlist_clear(&el);
		return rc;
	}
	struct network_graph g = {0};
	struct network_memberships m = {0};
	struct network_membership_edge *e = NULL;
	size_t n = 0, n_names = 0;
	int64_t *ids = NULL;
	char **names = NULL, *err = NULL;
	if (network_load(r->st, !reads_drafts(r), &g, &err) ||
	    network_memberships_load(r->st, !reads_drafts(r), &e, &n, &ids, &names, &n_names, &err) ||
	    network_memberships_compute(e, n, ids, (const char *const *)names, n_names, top, &m, &err))
		json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, err ? err : "database error");
	else
		json_reply(r, MHD_HTTP_OK, network_memberships_json(&m, &g));
	network_memberships_clear(&m);
	network_names_free(ids, names, n_names);
	network_graph_clear(&g);
	free(e);
	free(err);
	return r->status;
}

/* ---- the page ---- */

static void sentence(struct req *r, const char *text)
{
	html(&r->body, "<li>");
	html_text(&r->body, text);
	html(&r->body, "</li>\n");
}

static void sentences(struct req *r, const struct network_result *res)
{
	char s[600];
	const struct network_graph *g = res->g;
	html(&r->body, "<ul class=\"findings\">\n");
	snprintf(s, sizeof(s), tr(r, "%zu authorities have at least one partnership; %zu links join them."), g->n_nodes,
		 g->n_edges);
	sentence(r, s);
	if (res->component && g->n_nodes) {
		snprintf(s, sizeof(s),
			 tr(r, "They form %zu connected groups; the largest holds %zu authorities (%.1f%%): any two of "
			       "them are joined by a chain of partnerships."),
			 res->n_components, res->largest, 100.0 * (double)res->largest / (double)g->n_nodes);
		sentence(r, s);
	}
	if (res->community && res->n_communities) {
		snprintf(s, sizeof(s),
			 tr(r, "The Louvain method (igraph's multilevel algorithm) finds %zu communities, modularity %.3f; "
			       "the largest has %zu authorities."),
			 res->n_communities, res->modularity, res->community_size[0]);
		sentence(r, s);
		sentence(r, res->modularity >= 0.3 ? tr(r, "Above 0.3, the modularity says that partners cluster in "
							  "groups with few links between them.")
						   : tr(r, "Below 0.3, the modularity says that the partnerships form no "
							  "marked clusters."));
	}
	if (res->betweenness && res->betweenness_sources) {
		snprintf(s, sizeof(s),
			 tr(r, "Betweenness (how many shortest chains pass through an authority) is estimated from %zu "
			       "sampled authorities: the graph is larger than %d."),
			 res->betweenness_sources, NETWORK_EXACT_MAX);
		sentence(r, s);
	} else if (res->betweenness) {
		sentence(r, tr(r, "Betweenness (how many shortest chains pass through an authority) is exact."));
	}
	html(&r->body, "</ul>\n");
}

static void authority_link(struct req *r, const struct network_graph *g, int64_t id)
{
	char buf[32];
	html(&r->body, "<a href=\"/authorities/");
	html_int(&r->body, id);
	html(&r->body, "\">");
	html_text(&r->body, network_name(g, id, buf, sizeof(buf)));
	html(&r->body, "</a>");
}

static void real_cell(struct buf *b, double v, int digits)
{
	char s[64];
	snprintf(s, sizeof(s), "%.*f", digits, v);
	html(b, "<td>");
	html_text(b, s);
	html(b, "</td>");
}

static void top_table(struct req *r, const struct network_result *res, const char *key, const char *title, size_t n)
{
	struct buf *b = &r->body;
	size_t k = 0;
	size_t *top = network_top(res, key, n, &k);
	if (!k) {
		free(top);
		return;
	}
	html(b, "<h2>");
	html_text(b, title);
	html(b, "</h2>\n<table class=\"network\" data-key=\"");
	html_attr(b, key);
	html(b, "\">\n<thead><tr><th scope=\"col\">");
	html_text(b, tr(r, "Rank"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "Authority"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "Country"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "Partners"));
	html(b, "</th><th scope=\"col\">PageRank</th><th scope=\"col\">");
	html_text(b, tr(r, "Betweenness"));
	html(b, "</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < k; i++) {
		size_t x = top[i];
		html(b, "<tr><td>");
		html_int(b, (long long)network_rank(res, key, x));
		html(b, "</td><th scope=\"row\">");
		authority_link(r, res->g, res->g->ids[x]);
		html(b, "</th><td>");
		html_text(b, res->g->countries[x] ? res->g->countries[x] : "");
		html(b, "</td><td>");
		html_int(b, res->degree[x]);
		html(b, "</td>");
		real_cell(b, res->pagerank ? res->pagerank[x] : 0, 6);
		real_cell(b, res->betweenness ? res->betweenness[x] : 0, 1);
		html(b, "</tr>\n");
	}
	html(b, "</tbody>\n</table>\n");
	free(top);
}

static void one_authority(struct req *r, const struct network_result *res, int64_t id)
{
	struct buf *b = &r->body;
	const struct network_graph *g = res->g;
	char s[400], buf[32];
	long i = network_node(g, id);
	html(b, "<section id=\"authority\"><h2>");
	html_text(b, network_name(g, id, buf, sizeof(buf)));
	html(b, "</h2>\n<p>");
	if (i < 0) {
		html_text(b, tr(r, "This authority has no partnership: it is not in the graph."));
		html(b, "</p></section>\n");
		return;
	}
	size_t x = (size_t)i;
	snprintf(s, sizeof(s), trn(r, "%d partner, rank %zu of %zu.", "%d partners, rank %zu of %zu.", (unsigned long)res->degree[x]),
		 res->degree[x], network_rank(res, "degree", x), g->n_nodes);
	html_text(b, s);
	if (res->pagerank) {
		snprintf(s, sizeof(s), tr(r, " PageRank %.6f, rank %zu."), res->pagerank[x], network_rank(res, "pagerank", x));
		html_text(b, s);
	}
	if (res->betweenness) {
		snprintf(s, sizeof(s), tr(r, " Betweenness %.1f, rank %zu."), res->betweenness[x],
			 network_rank(res, "betweenness", x));
		html_text(b, s);
	}
	if (res->community) {
		snprintf(s, sizeof(s), tr(r, " Its community has %zu authorities."), res->community_size[res->community[x]]);
		html_text(b, s);
	}
	html(b, "</p>\n<ul class=\"partners\">\n");
	for (size_t k = 0; k < g->n_edges; k++) {
		const struct network_edge *e = &g->edges[k];
		if (e->a != x && e->b != x)
			continue;
		html(b, "<li>");
		authority_link(r, g, g->ids[e->a == x ? e->b : e->a]);
		html(b, " · <a href=\"/partnerships/");
		html_int(b, e->partnership_id);
		html(b, "\">");
		html_text(b, tr(r, "partnership"));
		html(b, " #");
		html_int(b, e->partnership_id);
		html(b, "</a></li>\n");
	}
	html(b, "</ul></section>\n");
}

static void chain(struct req *r, const struct network_graph *g, int64_t from, int64_t to)
{
	struct buf *b = &r->body;
	size_t *nodes = NULL, n = 0;
	char *err = NULL, s[400], b1[32], b2[32];
	int rc = network_chain(g, from, to, &nodes, &n, &err);
	const char *a = network_name(g, from, b1, sizeof(b1)), *z = network_name(g, to, b2, sizeof(b2));
	html(b, "<section id=\"chain\"><h2>");
	html_text(b, tr(r, "Chain of partnerships"));
	html(b, "</h2>\n<p>");
	if (rc == EALA_ENOTFOUND)
		snprintf(s, sizeof(s), tr(r, "No chain: %s has no partnership."), network_node(g, from) < 0 ? a : z);
	else if (rc)
		snprintf(s, sizeof(s), "%s", err ? err : "error");
	else if (!n)
		snprintf(s, sizeof(s), tr(r, "No chain of partnerships links %s and %s: they are in different groups."), a, z);
	else
		snprintf(s, sizeof(s), trn(r, "%s to %s: %zu partnership.", "%s to %s: %zu partnerships.", (unsigned long)(n - 1)),
			 a, z, n - 1);
	html_text(b, s);
	html(b, "</p>\n");
	if (n) {
		html(b, "<ol class=\"chain\">\n");
		for (size_t i = 0; i < n; i++) {
			const struct network_edge *e = i ? network_edge_find(g, nodes[i - 1], nodes[i]) : NULL;
			html(b, "<li>");
			if (e) {
				html(b, "<a class=\"via\" href=\"/partnerships/");
				html_int(b, e->partnership_id);
				html(b, "\">");
				html_text(b, tr(r, "partnership"));
				html(b, " #");
				html_int(b, e->partnership_id);
				html(b, "</a> → ");
			}
			authority_link(r, g, g->ids[nodes[i]]);
			html(b, "</li>\n");
		}
		html(b, "</ol>\n");
	}
	html(b, "</section>\n");
	free(nodes);
	free(err);
}

static void degree_chart(struct req *r, const struct network_result *res)
{
	json_t *pts = json_array();
	int max = 0;
	for (size_t i = 0; i < res->g->n_nodes; i++)
		max = res->degree[i] > max ? res->degree[i] : max;
	size_t *count = calloc((size_t)max + 1, sizeof(size_t));
	for (size_t i = 0; count && i < res->g->n_nodes; i++)
		count[res->degree[i]]++;
	for (int d = 1; count && d <= max; d++)
		if (count[d])
			json_array_append_new(pts, json_pack("[i, I]", d, (json_int_t)count[d]));
	free(count);
	json_t *data = json_pack("{s:o, s:s, s:s, s:s}", "points", pts, "label", tr(r, "authorities"), "x_label",
				 tr(r, "partners (log scale)"), "y_label", tr(r, "authorities with that many (log scale)"));
	char *s = json_dumps(data, JSON_COMPACT);
	json_decref(data);
	html(&r->body, "<h2>");
	html_text(&r->body, tr(r, "How many partners authorities have"));
	html(&r->body, "</h2>\n<div class=\"chart\"><canvas id=\"network-chart\" role=\"img\" aria-label=\"");
	html_attr(&r->body, tr(r, "The number of authorities with each number of partners, on log scales"));
	html(&r->body, "\" data-chart=\"");
	html_attr(&r->body, s ? s : "{}");
	html(&r->body, "\"></canvas></div>\n<script src=\"/static/network.js\" defer></script>\n");
	free(s);
}

static void memberships(struct req *r, const struct network_graph *g)
{
	struct buf *b = &r->body;
	struct network_memberships m = {0};
	struct network_membership_edge *e = NULL;
	size_t n = 0, n_names = 0;
	int64_t *ids = NULL;
	char **names = NULL, *err = NULL, s[400];
	html(b, "<section id=\"memberships\"><h2>");
	html_text(b, tr(r, "City networks"));
	html(b, "</h2>\n");
	if (network_memberships_load(r->st, !reads_drafts(r), &e, &n, &ids, &names, &n_names, &err) ||
	    network_memberships_compute(e, n, ids, (const char *const *)names, n_names, TOP_DEFAULT, &m, &err)) {
		html(b, "<p class=\"error\">");
		html_text(b, err ? err : "database error");
		html(b, "</p>\n");
		goto out;
	}
	html(b, "<p>");
	snprintf(s, sizeof(s),
		 tr(r, "%zu city networks have %zu member authorities; %zu pairs of them share at least one network."),
		 m.n_networks, m.n_authorities, m.n_pairs_total);
	html_text(b, s);
	html(b, "</p>\n<table class=\"memberships\">\n<thead><tr><th scope=\"col\">");
	html_text(b, tr(r, "Network"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "Members"));
	html(b, "</th><th scope=\"col\">");
	html_text(b, tr(r, "Member authorities"));
	html(b, "</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < m.n_networks; i++) {
		const struct network_city_net *c = &m.networks[i];
		html(b, "<tr><th scope=\"row\"><a href=\"/organisations/");
		html_int(b, c->id);
		html(b, "\">");
		html_text(b, c->name ? c->name : "?");
		html(b, "</a></th><td>");
		html_int(b, (long long)c->n_members);
		html(b, "</td><td>");
		for (size_t k = 0; k < c->n_members && k < 20; k++) {
			if (k)
				html(b, ", ");
			authority_link(r, g, c->members[k]);
		}
		if (c->n_members > 20)
			html(b, ", …");
		html(b, "</td></tr>\n");
	}
	html(b, "</tbody>\n</table>\n");
out:
	html(b, "</section>\n");
	network_memberships_clear(&m);
	network_names_free(ids, names, n_names);
	free(e);
	free(err);
}

static void number_input(struct buf *b, const char *name, int64_t v, const char *label)
{
	html(b, "<label>");
	html_text(b, label);
	html(b, " <input name=\"");
	html_attr(b, name);
	html(b, "\" type=\"number\" min=\"1\" value=\"");
	if (v)
		html_int(b, v);
	html(b, "\"></label> ");
}

static void forms(struct req *r, const struct ask *a)
{
	struct buf *b = &r->body;
	html(b, "<form class=\"filters\" action=\"/analysis/network\" method=\"get\">");
	number_input(b, "authority", a->authority_id, tr(r, "Authority (number)"));
	number_input(b, "top", (int64_t)a->top, tr(r, "How many in each ranking"));
	html(b, "<button type=\"submit\">");
	html_text(b, tr(r, "Show"));
	html(b, "</button></form>\n<form class=\"filters\" id=\"chain-form\" action=\"/analysis/network\" method=\"get\">");
	number_input(b, "from", a->from, tr(r, "From authority (number)"));
	number_input(b, "to", a->to, tr(r, "to authority (number)"));
	html(b, "<button type=\"submit\">");
	html_text(b, tr(r, "Find the shortest chain"));
	html(b, "</button></form>\n");
}

static int page_problems(struct req *r, const struct errlist *el, const char *missing)
{
	struct buf *b = &r->body;
	r->status = el->n ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_NOT_FOUND;
	page_begin(r, tr(r, "Networks of partnerships"), NULL);
	html(b, "<ul class=\"problems\">\n");
	for (size_t i = 0; i < el->n; i++) {
		html(b, "<li><code>");
		html_text(b, el->v[i].field);
		html(b, "</code>: ");
		html_text(b, el->v[i].msg);
		html(b, "</li>\n");
	}
	if (missing) {
		html(b, "<li><code>");
		html_text(b, missing);
		html(b, "</code>: ");
		html_text(b, tr(r, "There is no authority with this number."));
		html(b, "</li>\n");
	}
	html(b, "</ul>\n");
	page_end(r);
	return r->status;
}

int page_network(struct req *r)
{
	struct ask a;
	struct errlist el;
	struct buf *b = &r->body;
	errlist_init(&el);
	ask_read(r, &a, &el);
	const char *missing = el.n ? NULL : hidden(r, &a);
	if (el.n || missing) {
		page_problems(r, &el, missing);
		errlist_clear(&el);
		return r->status;
	}
	page_begin(r, tr(r, "Networks of partnerships"), NULL);
	html(b, "<p class=\"lead\">");
	html_text(b, tr(r, "How the territories are already connected to the world: which authorities are linked by "
			   "partnerships, directly or through others, which ones hold the network together, and which "
			   "city networks bring them together (the diagnostic seeds 001 and 003 recommend first)."));
	html(b, "</p>\n");
	forms(r, &a);
	struct network_graph g;
	struct network_result res;
	char *err = NULL;
	if (network_load(r->st, !reads_drafts(r), &g, &err) ||
	    network_compute(&g, a.what, NETWORK_EXACT_MAX, NETWORK_SAMPLE, &res, &err)) {
		r->status = MHD_HTTP_SERVICE_UNAVAILABLE;
		html(b, "<p class=\"error\">");
		html_text(b, err ? err : "database error");
		html(b, "</p>\n");
	} else {
		if (a.from)
			chain(r, &g, a.from, a.to);
		sentences(r, &res);
		if (a.authority_id)
			one_authority(r, &res, a.authority_id);
		top_table(r, &res, "degree", tr(r, "Most partners"), a.top);
		if (res.pagerank)
			top_table(r, &res, "pagerank", tr(r, "Highest PageRank (partners of well-connected partners)"), a.top);
		if (res.betweenness)
			top_table(r, &res, "betweenness", tr(r, "Highest betweenness (bridges between groups)"), a.top);
		if (g.n_nodes)
			degree_chart(r, &res);
		memberships(r, &g);
		html(b, "<p><a href=\"/practices\">");
		html_text(b, tr(r, "Practices and how they circulated"));
		html(b, "</a></p>\n");
		network_result_clear(&res);
	}
	network_graph_clear(&g);
	free(err);
	page_end(r);
	return r->status;
}
