/* network.c: 'eala analyze network': how authorities are linked by
 * partnerships and city networks, and how a practice circulated
 * (src/analysis/network.c), as sentences and tables or as JSON. */
#include "cli.h"

#include "../analysis/network.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOP_DEFAULT 10

/* s padded with spaces to width characters (UTF-8 aware), cut when longer. */
static void pad(const char *s, int width)
{
	int n = 0;
	for (const char *p = s ? s : ""; *p; p++) {
		if (((unsigned char)*p & 0xc0) == 0x80) {
			putchar(*p);
			continue;
		}
		if (n == width)
			break;
		putchar(*p);
		n++;
	}
	for (; n < width; n++)
		putchar(' ');
}

/* 12345 -> "12,345" */
static const char *num(size_t n, char buf[32])
{
	char t[32];
	int len = snprintf(t, sizeof(t), "%zu", n), k = 0;
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf[k++] = ',';
		buf[k++] = t[i];
	}
	buf[k] = 0;
	return buf;
}

static unsigned only_what(const char *only)
{
	static const struct {
		const char *name;
		unsigned what;
	} v[] = {{"components", NETWORK_COMPONENTS}, {"pagerank", NETWORK_PAGERANK},
		 {"communities", NETWORK_COMMUNITIES}, {"betweenness", NETWORK_BETWEENNESS}};
	if (!only)
		return NETWORK_ALL;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (strcmp(only, v[i].name) == 0)
			return v[i].what;
	return 0;
}

static void summary_text(const struct network_result *r)
{
	char a[32], b[32], c[32];
	const struct network_graph *g = r->g;
	printf("Partnership graph: %s authorities with at least one partnership, %s links between them.\n",
	       num(g->n_nodes, a), num(g->n_edges, b));
	if (r->component && g->n_nodes)
		printf("Connected components: %s; the largest holds %s authorities (%.1f%%): any two of them are "
		       "joined by a chain of partnerships.\n",
		       num(r->n_components, a), num(r->largest, b), 100.0 * (double)r->largest / (double)g->n_nodes);
	if (r->community && r->n_communities)
		printf("Communities (Louvain, igraph multilevel): %s, modularity %.3f%s; the largest has %s authorities.\n",
		       num(r->n_communities, a), r->modularity,
		       r->modularity >= 0.3 ? " (above 0.3: partners cluster in groups with few links between them)"
					    : " (below 0.3: no marked clusters)",
		       num(r->community_size[0], c));
	if (r->betweenness && r->betweenness_sources)
		printf("Betweenness: estimated from %s sampled sources of %s authorities (exact up to %s).\n",
		       num(r->betweenness_sources, a), num(g->n_nodes, b), num(NETWORK_EXACT_MAX, c));
	else if (r->betweenness)
		printf("Betweenness: exact (every pair of authorities).\n");
}

static void top_text(const struct network_result *r, const char *key, const char *title, size_t n)
{
	size_t k = 0;
	size_t *top = network_top(r, key, n, &k);
	if (!k) {
		free(top);
		return;
	}
	printf("\nTop %zu by %s\n%4s %8s  %-32s %-7s %6s %10s %12s\n", k, title, "rank", "id", "authority", "country",
	       "degree", "pagerank", "betweenness");
	for (size_t i = 0; i < k; i++) {
		size_t x = top[i];
		printf("%4zu %8lld  ", network_rank(r, key, x), (long long)r->g->ids[x]);
		pad(r->g->names[x], 32);
		printf(" %-7s %6d", r->g->countries[x] ? r->g->countries[x] : "", r->degree[x]);
		if (r->pagerank)   /* a figure not computed (--only) shows as '-' */
			printf(" %10.6f", r->pagerank[x]);
		else
			printf(" %10s", "-");
		if (r->betweenness)
			printf(" %12.1f\n", r->betweenness[x]);
		else
			printf(" %12s\n", "-");
	}
	free(top);
}

static void authority_text(const struct network_result *r, int64_t id)
{
	char buf[32];
	const struct network_graph *g = r->g;
	long i = network_node(g, id);
	printf("\n%s (#%lld)", network_name(g, id, buf, sizeof(buf)), (long long)id);
	if (i < 0) {
		printf(" has no partnership: it is not in the graph.\n");
		return;
	}
	size_t x = (size_t)i;
	printf(": %d partner%s (rank %zu of %zu)", r->degree[x], r->degree[x] == 1 ? "" : "s",
	       network_rank(r, "degree", x), g->n_nodes);
	if (r->pagerank)
		printf(", PageRank %.6f (rank %zu)", r->pagerank[x], network_rank(r, "pagerank", x));
	if (r->betweenness)
		printf(", betweenness %.1f (rank %zu)", r->betweenness[x], network_rank(r, "betweenness", x));
	printf(".\n");
	if (r->component)
		printf("It is in %s component (number %d).\n", r->component[x] == 0 ? "the largest" : "a smaller",
		       r->component[x] + 1);
	if (r->community)
		printf("Its community (number %d) has %zu authorities.\n", r->community[x] + 1,
		       r->community_size[r->community[x]]);
	printf("Partners:\n");
	for (size_t k = 0; k < g->n_edges; k++) {
		const struct network_edge *e = &g->edges[k];
		if (e->a != x && e->b != x)
			continue;
		size_t p = e->a == x ? e->b : e->a;
		printf("  ");
		pad(g->names[p], 32);
		printf(" %-3s #%-8lld partnership #%lld\n", g->countries[p] ? g->countries[p] : "", (long long)g->ids[p],
		       (long long)e->partnership_id);
	}
}

static int chain_cmd(struct cli *c, const struct network_graph *g)
{
	size_t *nodes = NULL, n = 0;
	char *errmsg = NULL, b1[32], b2[32];
	int rc = network_chain(g, c->from, c->to, &nodes, &n, &errmsg);
	if (rc && rc != EALA_ENOTFOUND) {
		cli_error("analyze network: %s", errmsg ? errmsg : "cannot compute the chain");
		free(errmsg);
		return 1;
	}
	if (c->json) {
		free(errmsg);
		int s = cli_print_json(network_chain_json(g, nodes, n, c->from, c->to));
		free(nodes);
		return s;
	}
	const char *a = network_name(g, c->from, b1, sizeof(b1)), *z = network_name(g, c->to, b2, sizeof(b2));
	if (rc == EALA_ENOTFOUND)
		printf("No chain: %s has no partnership.\n",
		       network_node(g, c->from) < 0 ? a : z);
	else if (!n)
		printf("No chain of partnerships links %s and %s: they are in different components.\n", a, z);
	else
		printf("%s to %s: %zu partnership%s.\n", a, z, n - 1, n == 2 ? "" : "s");
	for (size_t i = 0; i < n; i++) {
		const struct network_edge *e = i ? network_edge_find(g, nodes[i - 1], nodes[i]) : NULL;
		if (e)
			printf("   | partnership #%lld\n", (long long)e->partnership_id);
		printf("  %s (%s, #%lld)\n", g->names[nodes[i]] ? g->names[nodes[i]] : "",
		       g->countries[nodes[i]] ? g->countries[nodes[i]] : "", (long long)g->ids[nodes[i]]);
	}
	free(nodes);
	free(errmsg);
	return 0;
}

static int memberships_cmd(struct cli *c, const struct network_graph *g)
{
	struct network_membership_edge *m = NULL;
	size_t n = 0, n_names = 0, top = c->top ? (size_t)c->top : TOP_DEFAULT;
	int64_t *ids = NULL;
	char **names = NULL, *errmsg = NULL, buf[32], b2[32];
	struct network_memberships r = {0};
	int status = 1;
	if (network_memberships_load(c->st, 0, &m, &n, &ids, &names, &n_names, &errmsg) ||
	    network_memberships_compute(m, n, ids, (const char *const *)names, n_names, top, &r, &errmsg)) {
		cli_error("analyze network: %s", errmsg ? errmsg : "cannot read the memberships");
		goto out;
	}
	if (c->json) {
		status = cli_print_json(network_memberships_json(&r, g));
		goto out;
	}
	printf("City networks: %zu, with %zu member authorities; %zu pairs of authorities share at least one "
	       "network.\nThrough the networks, the authorities form %zu group%s; the largest holds %zu.\n",
	       r.n_networks, r.n_authorities, r.n_pairs_total, r.n_components, r.n_components == 1 ? "" : "s",
	       r.largest);
	for (size_t i = 0; i < r.n_networks; i++) {
		const struct network_city_net *x = &r.networks[i];
		printf("\n%s (#%lld): %zu member%s\n", x->name ? x->name : "?", (long long)x->id, x->n_members,
		       x->n_members == 1 ? "" : "s");
		for (size_t k = 0; k < x->n_members; k++)
			printf("  %s (#%lld)\n", network_name(g, x->members[k], buf, sizeof(buf)), (long long)x->members[k]);
	}
	if (r.n_pairs)
		printf("\nAuthorities sharing the most networks\n");
	for (size_t i = 0; i < r.n_pairs; i++) {
		const struct network_shared *s = &r.pairs[i];
		printf("  %s and %s: %zu (", network_name(g, s->a, buf, sizeof(buf)), network_name(g, s->b, b2, sizeof(b2)),
		       s->n_shared);
		for (size_t k = 0; k < s->n_shared; k++) {
			const char *name = NULL;
			for (size_t q = 0; q < n_names; q++)
				if (ids[q] == s->networks[k])
					name = names[q];
			printf("%s%s", k ? ", " : "", name ? name : "?");
		}
		printf(")\n");
	}
	status = 0;
out:
	network_memberships_clear(&r);
	network_names_free(ids, names, n_names);
	free(m);
	free(errmsg);
	return status;
}

static int practice_name(void *ctx, const struct practice *p)
{
	char s[300];
	snprintf(s, sizeof(s), "%lld: %s", (long long)p->id, p->name);
	strv_push(ctx, s);
	return 0;
}

/* A practice by id (digits) or exact name; on failure the known ones are listed. */
static int find_practice(struct cli *c, struct practice *p)
{
	char *end;
	long long id = strtoll(c->practice, &end, 10);
	if ((*end || id <= 0 || store_practice_get(c->st, id, p)) && store_practice_find_name(c->st, c->practice, p)) {
		struct strv names = {0};
		store_practice_each(c->st, practice_name, &names, NULL);
		char *list = strv_join(&names, "; ");
		cli_error("--practice %s: no such practice (%s)", c->practice, names.n ? list : "none recorded");
		free(list);
		strv_clear(&names);
		return 0;
	}
	return 1;
}

static void practice_text(const struct practice *p, const struct practice_result *r, const struct network_graph *g,
			  const int64_t *ids, char **names, size_t n_names)
{
	char b1[32], b2[32];
	printf("%s: %zu adopter%s", p->name, r->n_adopters, r->n_adopters == 1 ? "" : "s");
	if (r->undated)
		printf(" (%zu without a date)", r->undated);
	printf(".\n");
	if (r->n_years)
		printf("\n%6s %9s %10s\n", "year", "adopted", "cumulative");
	for (size_t i = 0; i < r->n_years; i++)
		if (r->years[i].adoptions)
			printf("%6d %9d %10d\n", r->years[i].year, r->years[i].adoptions, r->years[i].cumulative);
	if (!r->n_paths) {
		printf("\nNo adopter has a partner or a fellow network member that adopted it before.\n");
		return;
	}
	printf("\nPlausible paths (%zu): an adopter whose partner or fellow network member adopted before it\n",
	       r->n_paths);
	for (size_t i = 0; i < r->n_paths; i++) {
		const struct practice_path *x = &r->paths[i];
		printf("  %s (%s) after %s (%s), ", network_name(g, x->adopter, b1, sizeof(b1)), x->date,
		       network_name(g, x->earlier, b2, sizeof(b2)), x->earlier_date);
		if (!x->via_network) {
			printf("partners in partnership #%lld\n", (long long)x->via);
			continue;
		}
		const char *name = NULL;
		for (size_t k = 0; k < n_names; k++)
			if (ids[k] == x->via)
				name = names[k];
		printf("fellow members of %s (#%lld)\n", name ? name : "a network", (long long)x->via);
	}
	printf("%zu dated adopter%s no earlier adopter among %s partners or fellow network members.\n",
	       r->first_adopters, r->first_adopters == 1 ? " has" : "s have", r->first_adopters == 1 ? "its" : "their");
}

static int practice_cmd(struct cli *c, const struct network_graph *g)
{
	struct practice p = {0};
	struct practice_result r = {0};
	struct network_membership_edge *m = NULL;
	size_t n = 0, n_names = 0;
	int64_t *ids = NULL;
	char **names = NULL, *errmsg = NULL;
	int status = 1;
	if (!find_practice(c, &p))
		goto out;
	if (network_memberships_load(c->st, 0, &m, &n, &ids, &names, &n_names, &errmsg) ||
	    practice_compute(&p, g, m, n, &r)) {
		cli_error("analyze network: %s", errmsg ? errmsg : "cannot compute the practice's paths");
		goto out;
	}
	if (c->json)
		status = cli_print_json(practice_paths_json(&p, &r, g, ids, (const char *const *)names, n_names));
	else
		practice_text(&p, &r, g, ids, names, n_names), status = 0;
out:
	practice_result_clear(&r);
	practice_clear(&p);
	network_names_free(ids, names, n_names);
	free(m);
	free(errmsg);
	return status;
}

static int summary_cmd(struct cli *c, const struct network_graph *g, unsigned what)
{
	struct network_result r;
	char *errmsg = NULL;
	size_t top = c->top ? (size_t)c->top : TOP_DEFAULT;
	if (network_compute(g, what, NETWORK_EXACT_MAX, NETWORK_SAMPLE, &r, &errmsg)) {
		cli_error("analyze network: %s", errmsg ? errmsg : "cannot compute the figures");
		free(errmsg);
		return 1;
	}
	int status = 0;
	if (c->json) {
		status = cli_print_json(network_json(&r, top, c->filter.authority_id));
	} else {
		summary_text(&r);
		top_text(&r, "degree", "degree (partners)", top);
		if (r.pagerank)
			top_text(&r, "pagerank", "PageRank", top);
		if (r.betweenness)
			top_text(&r, "betweenness", "betweenness", top);
		if (c->filter.authority_id)
			authority_text(&r, c->filter.authority_id);
	}
	network_result_clear(&r);
	return status;
}

/* Every problem of the command line at once. */
static int check_args(struct cli *c, unsigned what)
{
	int problems = 0;
	const struct store_filter *f = &c->filter;
	if (f->q || f->country || f->kind || f->status || f->domain || f->year)
		cli_error("analyze network takes --authority, not the other filters"), problems++;
	if (c->action_id || c->call)
		cli_error("analyze network takes no --action or --call"), problems++;
	if (!what)
		cli_error("--only %s: not one of components, pagerank, communities, betweenness", c->only), problems++;
	if (!c->from != !c->to)
		cli_error("analyze network: give --from and --to together (the chain between two authorities)"), problems++;
	int modes = !!c->from + c->memberships + !!c->practice + c->edges;
	if (modes > 1)
		cli_error("analyze network: --from/--to, --memberships, --practice and --edges go one at a time"), problems++;
	if (modes && (c->only || f->authority_id))
		cli_error("analyze network: --only and --authority go with the summary, not with --from/--to, "
			  "--memberships, --practice or --edges"), problems++;
	int64_t ids[3] = {f->authority_id, c->from, c->to};
	const char *names[3] = {"--authority", "--from", "--to"};
	for (int i = 0; i < 3; i++)
		if (ids[i] && !store_authority_exists(c->st, ids[i]))
			cli_error("%s %lld: no such authority", names[i], (long long)ids[i]), problems++;
	return problems;
}

int cli_analyze_network(struct cli *c)
{
	unsigned what = only_what(c->only);
	if (check_args(c, what))
		return 2;
	struct network_graph g;
	char *errmsg = NULL;
	if (network_load(c->st, 0, &g, &errmsg)) {
		cli_error("analyze network: %s", errmsg ? errmsg : "cannot read the partnerships");
		free(errmsg);
		return 1;
	}
	int status = 0;
	if (c->edges)
		for (size_t i = 0; i < g.n_edges; i++)
			printf("%lld\t%lld\n", (long long)g.ids[g.edges[i].a], (long long)g.ids[g.edges[i].b]);
	else if (c->from)
		status = chain_cmd(c, &g);
	else if (c->memberships)
		status = memberships_cmd(c, &g);
	else if (c->practice)
		status = practice_cmd(c, &g);
	else
		status = summary_cmd(c, &g, what);
	network_graph_clear(&g);
	return status;
}
