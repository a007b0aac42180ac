/* network.c: the partnership graph, the city-network graph and the paths of
 * practices, on igraph (see network.h).
 *
 * igraph keeps global state: an error handler (its default aborts the
 * process), a warning handler and the random number generator; Debian builds
 * it without thread-local storage (IGRAPH_THREAD_SAFE 0). So the handlers are
 * set once to "ignore" (every call's status is checked instead) and every use
 * of igraph holds one lock: the web server's threads take turns. The random
 * generator is seeded before each randomised call, so that the same data give
 * the same communities and the same betweenness sample on every run.
 *
 * Debian's igraph runs PRPACK's PageRank on OpenMP threads, which spin while
 * they wait: on a busy machine a PageRank of 17,000 authorities took 0.7 s of
 * CPU instead of 0.04 s. The graphs here are small for threads, so each
 * thread that takes the lock asks OpenMP for one thread (a per-thread
 * setting, hence in take()). */
#include "network.h"

#include <igraph.h>
#include <jansson.h>
#include <omp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED 20170101

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void handlers(void)
{
	igraph_set_error_handler(igraph_error_handler_ignore);
	igraph_set_warning_handler(igraph_warning_handler_ignore);
}

static void take(void)
{
	pthread_once(&once, handlers);
	pthread_mutex_lock(&lock);
	omp_set_num_threads(1);
}

static void give(void)
{
	pthread_mutex_unlock(&lock);
}

static int failed(igraph_error_t e, const char *what, char **errmsg)
{
	if (errmsg) {
		char s[256];
		snprintf(s, sizeof(s), "%s: %s", what, igraph_strerror(e));
		free(*errmsg);
		*errmsg = strdup(s);
	}
	return e == IGRAPH_ENOMEM ? EALA_ENOMEM : EALA_EIO;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* ---- the graph ---- */

static int cmp_auth(const void *a, const void *b)
{
	return cmp_i64(&((const struct network_authority *)a)->id, &((const struct network_authority *)b)->id);
}

static int cmp_edge(const void *x, const void *y)
{
	const struct network_edge *a = x, *b = y;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	if (a->b != b->b)
		return a->b < b->b ? -1 : 1;
	return cmp_i64(&a->partnership_id, &b->partnership_id);
}

static long label_index(const struct network_graph *g, int64_t id)
{
	const int64_t *p = bsearch(&id, g->label_ids, g->n_labels, sizeof(int64_t), cmp_i64);
	return p ? (long)(p - g->label_ids) : -1;
}

long network_node(const struct network_graph *g, int64_t authority_id)
{
	const int64_t *p = bsearch(&authority_id, g->ids, g->n_nodes, sizeof(int64_t), cmp_i64);
	return p ? (long)(p - g->ids) : -1;
}

const struct network_edge *network_edge_find(const struct network_graph *g, size_t a, size_t b)
{
	struct network_edge key = {a < b ? a : b, a < b ? b : a, 0};
	size_t lo = 0, hi = g->n_edges;
	while (lo < hi) {   /* the first edge (a, b), whatever its partnership */
		size_t mid = lo + (hi - lo) / 2;
		const struct network_edge *e = &g->edges[mid];
		if (e->a < key.a || (e->a == key.a && e->b < key.b))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < g->n_edges && g->edges[lo].a == key.a && g->edges[lo].b == key.b ? &g->edges[lo] : NULL;
}

const char *network_name(const struct network_graph *g, int64_t id, char *buf, size_t n)
{
	long i = label_index(g, id);
	if (i >= 0 && g->label_names[i])
		return g->label_names[i];
	snprintf(buf, n, "#%lld", (long long)id);
	return buf;
}

/* Labels: every authority, sorted, with owned copies of the strings. */
static int labels(const struct network_authority *auth, size_t n, struct network_graph *g)
{
	struct network_authority *v = n ? malloc(n * sizeof(*v)) : NULL;
	if (n && !v)
		return EALA_ENOMEM;
	if (n)
		memcpy(v, auth, n * sizeof(*v));
	size_t sorted = 1;   /* the store gives them by id: no sort then */
	for (size_t i = 1; sorted && i < n; i++)
		sorted = v[i - 1].id <= v[i].id;
	if (!sorted)
		qsort(v, n, sizeof(*v), cmp_auth);
	/* the strings in one block (label_text): one allocation, not two per authority */
	size_t text = 0;
	for (size_t i = 0; i < n; i++)
		text += (v[i].name ? strlen(v[i].name) + 1 : 0) + (v[i].country ? strlen(v[i].country) + 1 : 0);
	g->label_ids = calloc(n ? n : 1, sizeof(int64_t));
	g->label_names = calloc(n ? n : 1, sizeof(char *));
	g->label_countries = calloc(n ? n : 1, sizeof(char *));
	g->label_text = malloc(text ? text : 1);
	int rc = g->label_ids && g->label_names && g->label_countries && g->label_text ? EALA_OK : EALA_ENOMEM;
	char *at = g->label_text;
	for (size_t i = 0; !rc && i < n; i++) {
		if (g->n_labels && g->label_ids[g->n_labels - 1] == v[i].id)
			continue;
		size_t k = g->n_labels++;
		g->label_ids[k] = v[i].id;
		const char *src[2] = {v[i].name, v[i].country};
		char **dst[2] = {&g->label_names[k], &g->label_countries[k]};
		for (int f = 0; f < 2; f++) {
			if (!src[f])
				continue;
			size_t len = strlen(src[f]) + 1;
			memcpy(at, src[f], len);
			*dst[f] = at;
			at += len;
		}
	}
	free(v);
	return rc;
}

/* The pairs of each partnership's members, as label indexes (not yet nodes). */
static int pairs(const struct network_graph *g, const struct network_link *links, size_t n,
		 struct network_edge **out, size_t *n_out)
{
	size_t cap = 0, m = 0;
	struct network_edge *e = NULL;
	long *members = n ? malloc(n * sizeof(long)) : NULL;
	if (n && !members)
		return EALA_ENOMEM;
	/* ids are a database's, mostly dense: a table from id to label beats a
	 * binary search per link when it is not much larger than the labels */
	int64_t max_id = g->n_labels ? g->label_ids[g->n_labels - 1] : 0;
	long *direct = max_id > 0 && (uint64_t)max_id <= 4 * (uint64_t)g->n_labels + 1024
			       ? malloc(((size_t)max_id + 1) * sizeof(long)) : NULL;
	for (int64_t i = 0; direct && i <= max_id; i++)
		direct[i] = -1;
	for (size_t i = 0; direct && i < g->n_labels; i++)
		direct[g->label_ids[i]] = (long)i;
	for (size_t i = 0; i < n;) {
		size_t j = i, k = 0;
		for (; j < n && links[j].partnership_id == links[i].partnership_id; j++) {
			int64_t id = links[j].authority_id;
			long x = !direct ? label_index(g, id) : id >= 0 && id <= max_id ? direct[id] : -1;
			if (x >= 0)
				members[k++] = x;
		}
		for (size_t p = 0; p < k; p++)
			for (size_t q = p + 1; q < k; q++) {
				if (members[p] == members[q])
					continue;
				if (m == cap) {
					cap = cap ? cap * 2 : 256;
					struct network_edge *v = realloc(e, cap * sizeof(*v));
					if (!v) {
						free(e), free(members), free(direct);
						return EALA_ENOMEM;
					}
					e = v;
				}
				size_t a = (size_t)members[p], b = (size_t)members[q];
				e[m++] = (struct network_edge){a < b ? a : b, a < b ? b : a, links[i].partnership_id};
			}
		i = j;
	}
	free(members);
	free(direct);
	*out = e, *n_out = m;
	return EALA_OK;
}

/* Sort edges by (a, b, partnership): a counting sort on a (label indexes
 * below n), then each run of one a, as short as that authority's partners,
 * by insertion. Linear where qsort was the build's largest cost. */
static int sort_edges(struct network_edge *e, size_t m, size_t n)
{
	size_t *start = calloc(n + 1, sizeof(size_t));
	struct network_edge *tmp = m ? malloc(m * sizeof(*tmp)) : NULL;
	if (!start || (m && !tmp)) {
		free(start), free(tmp);
		return EALA_ENOMEM;
	}
	for (size_t i = 0; i < m; i++)
		start[e[i].a + 1]++;
	for (size_t i = 0; i < n; i++)
		start[i + 1] += start[i];
	for (size_t i = 0; i < m; i++)
		tmp[start[e[i].a]++] = e[i];
	/* start[a] is now the end of a's run */
	for (size_t a = 0, from = 0; a < n; from = start[a++])
		for (size_t i = from + 1; i < start[a]; i++) {
			struct network_edge x = tmp[i];
			size_t k = i;
			for (; k > from && cmp_edge(&tmp[k - 1], &x) > 0; k--)
				tmp[k] = tmp[k - 1];
			tmp[k] = x;
		}
	if (m)
		memcpy(e, tmp, m * sizeof(*e));
	free(start), free(tmp);
	return EALA_OK;
}

int network_graph_build(const struct network_authority *auth, size_t n_auth, const struct network_link *links,
			size_t n_links, struct network_graph *out)
{
	memset(out, 0, sizeof(*out));
	struct network_edge *e = NULL;
	size_t m = 0;
	long *node_of = NULL;
	int rc = labels(auth, n_auth, out);
	if (!rc)
		rc = pairs(out, links, n_links, &e, &m);
	if (rc)
		goto out;
	if ((rc = sort_edges(e, m, out->n_labels)))
		goto out;
	node_of = malloc((out->n_labels ? out->n_labels : 1) * sizeof(long));
	out->ids = malloc((out->n_labels ? out->n_labels : 1) * sizeof(int64_t));
	out->names = malloc((out->n_labels ? out->n_labels : 1) * sizeof(char *));
	out->countries = malloc((out->n_labels ? out->n_labels : 1) * sizeof(char *));
	if (!node_of || !out->ids || !out->names || !out->countries) {
		rc = EALA_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < out->n_labels; i++)
		node_of[i] = -1;
	for (size_t i = 0; i < m; i++)
		node_of[e[i].a] = node_of[e[i].b] = 0;
	for (size_t i = 0; i < out->n_labels; i++)
		if (node_of[i] == 0) {
			node_of[i] = (long)out->n_nodes;
			out->ids[out->n_nodes] = out->label_ids[i];
			out->names[out->n_nodes] = out->label_names[i];
			out->countries[out->n_nodes++] = out->label_countries[i];
		}
	/* one edge per pair, the lowest partnership (first after the sort) */
	for (size_t i = 0; i < m; i++) {
		if (out->n_edges && e[out->n_edges - 1].a == (size_t)node_of[e[i].a] &&
		    e[out->n_edges - 1].b == (size_t)node_of[e[i].b])
			continue;
		e[out->n_edges++] = (struct network_edge){(size_t)node_of[e[i].a], (size_t)node_of[e[i].b],
							  e[i].partnership_id};
	}
	out->edges = e, e = NULL;   /* label order and node order agree: still sorted */
out:
	free(e);
	free(node_of);
	if (rc)
		network_graph_clear(out);
	return rc;
}

void network_graph_clear(struct network_graph *g)
{
	if (!g)
		return;
	free(g->label_ids), free(g->label_names), free(g->label_countries), free(g->label_text);
	free(g->ids), free(g->names), free(g->countries), free(g->edges);
	memset(g, 0, sizeof(*g));
}

/* ---- the figures ---- */

static igraph_error_t make_graph(const struct network_graph *g, igraph_t *ig)
{
	igraph_vector_int_t v;
	IGRAPH_CHECK(igraph_vector_int_init(&v, (igraph_integer_t)(2 * g->n_edges)));
	for (size_t i = 0; i < g->n_edges; i++) {
		VECTOR(v)[2 * i] = (igraph_integer_t)g->edges[i].a;
		VECTOR(v)[2 * i + 1] = (igraph_integer_t)g->edges[i].b;
	}
	igraph_error_t e = igraph_create(ig, &v, (igraph_integer_t)g->n_nodes, IGRAPH_UNDIRECTED);
	igraph_vector_int_destroy(&v);
	return e;
}

struct group {
	size_t size, first, label;
};

static int cmp_group(const void *x, const void *y)
{
	const struct group *a = x, *b = y;
	if (a->size != b->size)
		return a->size > b->size ? -1 : 1;
	return (a->first > b->first) - (a->first < b->first);
}

/* Renumber a membership so that 0 is the largest group, then by size and by
 * first node: stable names whatever order igraph found them in. [out] sizes. */
static int renumber(const igraph_vector_int_t *memb, size_t n, size_t n_groups, int *out, size_t **sizes)
{
	struct group *gr = calloc(n_groups ? n_groups : 1, sizeof(*gr));
	size_t *rank = calloc(n_groups ? n_groups : 1, sizeof(size_t));
	*sizes = calloc(n_groups ? n_groups : 1, sizeof(size_t));
	if (!gr || !rank || !*sizes) {
		free(gr), free(rank);
		return EALA_ENOMEM;
	}
	for (size_t i = 0; i < n_groups; i++)
		gr[i].first = n, gr[i].label = i;
	for (size_t i = 0; i < n; i++) {
		struct group *x = &gr[VECTOR(*memb)[i]];
		if (!x->size++)
			x->first = i;
	}
	qsort(gr, n_groups, sizeof(*gr), cmp_group);
	for (size_t i = 0; i < n_groups; i++)
		rank[gr[i].label] = i, (*sizes)[i] = gr[i].size;
	for (size_t i = 0; i < n; i++)
		out[i] = (int)rank[VECTOR(*memb)[i]];
	free(gr), free(rank);
	return EALA_OK;
}

static int components(const struct network_graph *g, const igraph_t *ig, struct network_result *r, char **errmsg)
{
	igraph_vector_int_t memb;
	igraph_integer_t no = 0;
	size_t *sizes = NULL;
	if (igraph_vector_int_init(&memb, 0))
		return EALA_ENOMEM;
	igraph_error_t e = igraph_connected_components(ig, &memb, NULL, &no, IGRAPH_WEAK);
	int rc = e ? failed(e, "connected components", errmsg) : EALA_OK;
	if (!rc && !(r->component = malloc((g->n_nodes ? g->n_nodes : 1) * sizeof(int))))
		rc = EALA_ENOMEM;
	if (!rc)
		rc = renumber(&memb, g->n_nodes, (size_t)no, r->component, &sizes);
	if (!rc) {
		r->n_components = (size_t)no;
		r->largest = no ? sizes[0] : 0;
	}
	free(sizes);
	igraph_vector_int_destroy(&memb);
	return rc;
}

static int to_doubles(const igraph_vector_t *v, size_t n, double **out)
{
	if (!(*out = malloc((n ? n : 1) * sizeof(double))))
		return EALA_ENOMEM;
	for (size_t i = 0; i < n; i++)
		(*out)[i] = VECTOR(*v)[i];
	return EALA_OK;
}

static int pagerank(const struct network_graph *g, const igraph_t *ig, struct network_result *r, char **errmsg)
{
	igraph_vector_t v;
	igraph_real_t value;
	if (igraph_vector_init(&v, 0))
		return EALA_ENOMEM;
	igraph_error_t e =
		igraph_pagerank(ig, IGRAPH_PAGERANK_ALGO_PRPACK, &v, &value, igraph_vss_all(), 0, 0.85, NULL, NULL);
	int rc = e ? failed(e, "PageRank", errmsg) : to_doubles(&v, g->n_nodes, &r->pagerank);
	igraph_vector_destroy(&v);
	return rc;
}

/* Exact, or from a sample of sources: each source's shortest paths to every
 * target are counted, then scaled by nodes / sources (an unbiased estimate). */
static int betweenness(const struct network_graph *g, const igraph_t *ig, size_t exact_max, size_t sample,
		       struct network_result *r, char **errmsg)
{
	igraph_vector_t v;
	igraph_vector_int_t src;
	igraph_vs_t vs;
	igraph_error_t e;
	double scale = 1;
	if (igraph_vector_init(&v, 0))
		return EALA_ENOMEM;
	if (g->n_nodes <= exact_max || !sample || sample >= g->n_nodes) {
		e = igraph_betweenness(ig, &v, igraph_vss_all(), 0, NULL);
	} else {
		igraph_rng_seed(igraph_rng_default(), SEED);
		e = igraph_vector_int_init(&src, 0);
		if (!e)
			e = igraph_random_sample(&src, 0, (igraph_integer_t)g->n_nodes - 1, (igraph_integer_t)sample);
		if (!e)
			e = igraph_vs_vector(&vs, &src);
		if (!e)
			e = igraph_betweenness_subset(ig, &v, igraph_vss_all(), 0, vs, igraph_vss_all(), NULL);
		igraph_vector_int_destroy(&src);
		r->betweenness_sources = sample;
		scale = (double)g->n_nodes / (double)sample;
	}
	int rc = e ? failed(e, "betweenness", errmsg) : to_doubles(&v, g->n_nodes, &r->betweenness);
	for (size_t i = 0; !rc && scale != 1 && i < g->n_nodes; i++)
		r->betweenness[i] *= scale;
	igraph_vector_destroy(&v);
	return rc;
}

static int communities(const struct network_graph *g, const igraph_t *ig, struct network_result *r, char **errmsg)
{
	igraph_vector_int_t memb;
	igraph_real_t q = 0;
	if (igraph_vector_int_init(&memb, 0))
		return EALA_ENOMEM;
	igraph_rng_seed(igraph_rng_default(), SEED);
	igraph_error_t e = g->n_edges ? igraph_community_multilevel(ig, NULL, 1, &memb, NULL, NULL) : IGRAPH_SUCCESS;
	if (!e && !g->n_edges)
		e = igraph_vector_int_resize(&memb, 0);
	if (!e && g->n_edges)
		e = igraph_modularity(ig, &memb, NULL, 1, 0, &q);
	int rc = e ? failed(e, "communities", errmsg) : EALA_OK;
	size_t n_groups = 0;
	for (size_t i = 0; !rc && i < g->n_nodes; i++)
		if ((size_t)VECTOR(memb)[i] + 1 > n_groups)
			n_groups = (size_t)VECTOR(memb)[i] + 1;
	if (!rc && !(r->community = malloc((g->n_nodes ? g->n_nodes : 1) * sizeof(int))))
		rc = EALA_ENOMEM;
	if (!rc)
		rc = renumber(&memb, g->n_nodes, n_groups, r->community, &r->community_size);
	if (!rc)
		r->n_communities = n_groups, r->modularity = q;
	igraph_vector_int_destroy(&memb);
	return rc;
}

int network_compute(const struct network_graph *g, unsigned what, size_t exact_max, size_t sample,
		    struct network_result *out, char **errmsg)
{
	memset(out, 0, sizeof(*out));
	out->g = g;
	if (!(out->degree = calloc(g->n_nodes ? g->n_nodes : 1, sizeof(int))))
		return EALA_ENOMEM;
	for (size_t i = 0; i < g->n_edges; i++)
		out->degree[g->edges[i].a]++, out->degree[g->edges[i].b]++;
	igraph_t ig;
	take();
	igraph_error_t e = make_graph(g, &ig);
	int rc = e ? failed(e, "the graph", errmsg) : EALA_OK;
	if (!rc && (what & NETWORK_COMPONENTS))
		rc = components(g, &ig, out, errmsg);
	if (!rc && (what & NETWORK_PAGERANK))
		rc = pagerank(g, &ig, out, errmsg);
	if (!rc && (what & NETWORK_BETWEENNESS))
		rc = betweenness(g, &ig, exact_max, sample, out, errmsg);
	if (!rc && (what & NETWORK_COMMUNITIES))
		rc = communities(g, &ig, out, errmsg);
	if (!e)
		igraph_destroy(&ig);
	give();
	out->what = what & NETWORK_ALL;
	if (rc)
		network_result_clear(out);
	return rc;
}

void network_result_clear(struct network_result *r)
{
	if (!r)
		return;
	free(r->degree), free(r->component), free(r->pagerank), free(r->betweenness), free(r->community);
	free(r->community_size);
	memset(r, 0, sizeof(*r));
}

static double value_of(const struct network_result *r, const char *key, size_t i)
{
	if (strcmp(key, "pagerank") == 0)
		return r->pagerank ? r->pagerank[i] : 0;
	if (strcmp(key, "betweenness") == 0)
		return r->betweenness ? r->betweenness[i] : 0;
	return r->degree[i];
}

struct ranked {
	double v;
	int64_t id;
	size_t i;
};

static int cmp_ranked(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;
	if (a->v != b->v)
		return a->v > b->v ? -1 : 1;
	return cmp_i64(&a->id, &b->id);
}

size_t *network_top(const struct network_result *r, const char *key, size_t n, size_t *n_out)
{
	/* the n best kept sorted by insertion: one pass over the nodes, most of
	 * which fall below the n-th and cost one comparison */
	size_t nodes = r->g->n_nodes, k = 0, cap = n < nodes ? n : nodes;
	*n_out = 0;
	struct ranked *v = cap ? malloc(cap * sizeof(*v)) : NULL;
	if (!v)
		return NULL;
	for (size_t i = 0; i < nodes; i++) {
		struct ranked x = {value_of(r, key, i), r->g->ids[i], i};
		if (k == cap && cmp_ranked(&x, &v[k - 1]) >= 0)
			continue;
		size_t j = k < cap ? k++ : k - 1;
		for (; j > 0 && cmp_ranked(&x, &v[j - 1]) < 0; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	size_t *out = malloc(k * sizeof(size_t));
	for (size_t i = 0; out && i < k; i++)
		out[i] = v[i].i;
	*n_out = out ? k : 0;
	free(v);
	return out;
}

size_t network_rank(const struct network_result *r, const char *key, size_t i)
{
	/* relative tolerance: PageRank's last digits differ between equal nodes */
	double x = value_of(r, key, i), eps = 1e-12 * (x > 0 ? x : 1);
	size_t above = 0;
	for (size_t k = 0; k < r->g->n_nodes; k++)
		if (value_of(r, key, k) > x + eps)
			above++;
	return above + 1;
}

int network_chain(const struct network_graph *g, int64_t from, int64_t to, size_t **nodes, size_t *n,
		  char **errmsg)
{
	*nodes = NULL, *n = 0;
	long a = network_node(g, from), b = network_node(g, to);
	if (a < 0 || b < 0)
		return EALA_ENOTFOUND;
	igraph_t ig;
	igraph_vector_int_t v;
	take();
	igraph_error_t e = make_graph(g, &ig);
	int rc = e ? failed(e, "the graph", errmsg) : EALA_OK;
	if (!rc && igraph_vector_int_init(&v, 0) == IGRAPH_SUCCESS) {
		e = igraph_get_shortest_path(&ig, &v, NULL, a, b, IGRAPH_ALL);
		size_t k = (size_t)igraph_vector_int_size(&v);
		if (e)
			rc = failed(e, "the shortest chain", errmsg);
		else if (k && !(*nodes = malloc(k * sizeof(size_t))))
			rc = EALA_ENOMEM;
		for (size_t i = 0; !rc && i < k; i++)
			(*nodes)[i] = (size_t)VECTOR(v)[i];
		if (!rc)
			*n = k;
		igraph_vector_int_destroy(&v);
	} else if (!rc) {
		rc = EALA_ENOMEM;
	}
	if (!e || rc != EALA_EIO)
		igraph_destroy(&ig);
	give();
	return rc;
}

/* ---- memberships ---- */

static int cmp_pair_m(const void *x, const void *y)
{
	const struct network_membership_edge *a = x, *b = y;
	int c = cmp_i64(&a->authority_id, &b->authority_id);
	return c ? c : cmp_i64(&a->network_id, &b->network_id);
}

static int cmp_net(const void *x, const void *y)
{
	const struct network_city_net *a = x, *b = y;
	if (a->n_members != b->n_members)
		return a->n_members > b->n_members ? -1 : 1;
	return cmp_i64(&a->id, &b->id);
}

static int cmp_shared(const void *x, const void *y)
{
	const struct network_shared *a = x, *b = y;
	if (a->n_shared != b->n_shared)
		return a->n_shared > b->n_shared ? -1 : 1;
	int c = cmp_i64(&a->a, &b->a);
	return c ? c : cmp_i64(&a->b, &b->b);
}

/* Distinct sorted values of one column of the memberships. */
static int64_t *distinct(const struct network_membership_edge *m, size_t n, int net, size_t *k)
{
	int64_t *v = malloc((n ? n : 1) * sizeof(int64_t));
	*k = 0;
	if (!v)
		return NULL;
	for (size_t i = 0; i < n; i++)
		v[i] = net ? m[i].network_id : m[i].authority_id;
	qsort(v, n, sizeof(int64_t), cmp_i64);
	for (size_t i = 0; i < n; i++)
		if (!*k || v[*k - 1] != v[i])
			v[(*k)++] = v[i];
	return v;
}

static size_t index_of(const int64_t *v, size_t n, int64_t id)
{
	const int64_t *p = bsearch(&id, v, n, sizeof(int64_t), cmp_i64);
	return p ? (size_t)(p - v) : 0;
}

/* The networks that authorities a and b (sorted edges e, by authority) share. */
static size_t shared_networks(const struct network_membership_edge *e, size_t n, int64_t a, int64_t b,
			      int64_t *out)
{
	struct network_membership_edge ka = {a, 0}, kb = {b, 0};
	size_t i = 0, j = 0, k = 0;
	while (i < n && cmp_pair_m(&e[i], &ka) < 0)
		i++;
	while (j < n && cmp_pair_m(&e[j], &kb) < 0)
		j++;
	while (i < n && j < n && e[i].authority_id == a && e[j].authority_id == b) {
		if (e[i].network_id == e[j].network_id)
			out[k++] = e[i].network_id, i++, j++;
		else if (e[i].network_id < e[j].network_id)
			i++;
		else
			j++;
	}
	return k;
}

static int city_nets(struct network_memberships *out, const struct network_membership_edge *e, size_t n,
		     const int64_t *nets, size_t nn, const int64_t *network_ids, const char *const *names,
		     size_t n_names)
{
	out->networks = calloc(nn ? nn : 1, sizeof(*out->networks));
	if (!out->networks)
		return EALA_ENOMEM;
	out->n_networks = nn;
	for (size_t i = 0; i < nn; i++) {
		struct network_city_net *c = &out->networks[i];
		c->id = nets[i];
		for (size_t k = 0; k < n_names; k++)
			if (network_ids[k] == nets[i] && names[k])
				c->name = strdup(names[k]);
		if (!(c->members = malloc((n ? n : 1) * sizeof(int64_t))))
			return EALA_ENOMEM;
		for (size_t k = 0; k < n; k++)   /* e is by authority: members come ascending */
			if (e[k].network_id == nets[i])
				c->members[c->n_members++] = e[k].authority_id;
	}
	qsort(out->networks, nn, sizeof(*out->networks), cmp_net);
	return EALA_OK;
}

static int projection(struct network_memberships *out, const struct network_membership_edge *e, size_t n,
		      const int64_t *auth, size_t na, size_t nn, size_t max_pairs, char **errmsg)
{
	igraph_t bi, proj;
	igraph_vector_int_t v, mult, memb, csize;
	igraph_vector_bool_t types;
	igraph_integer_t no = 0;
	int have_bi = 0, have_proj = 0, rc = EALA_OK;
	igraph_error_t err = IGRAPH_SUCCESS;
	igraph_vector_int_init(&mult, 0), igraph_vector_int_init(&memb, 0), igraph_vector_int_init(&csize, 0);
	igraph_vector_bool_init(&types, (igraph_integer_t)(na + nn));
	for (size_t i = 0; i < nn; i++)   /* authorities first, then the networks */
		VECTOR(types)[na + i] = 1;
	size_t k = 0;
	int64_t *nets = distinct(e, n, 1, &k);
	err = nets ? igraph_vector_int_init(&v, (igraph_integer_t)(2 * n)) : IGRAPH_ENOMEM;
	int have_v = !err;
	for (size_t i = 0; !err && i < n; i++) {
		VECTOR(v)[2 * i] = (igraph_integer_t)index_of(auth, na, e[i].authority_id);
		VECTOR(v)[2 * i + 1] = (igraph_integer_t)(na + index_of(nets, nn, e[i].network_id));
	}
	if (!err && !(err = igraph_create(&bi, &v, (igraph_integer_t)(na + nn), IGRAPH_UNDIRECTED)))
		have_bi = 1;
	if (have_v)
		igraph_vector_int_destroy(&v);
	if (!err && !(err = igraph_bipartite_projection(&bi, &types, &proj, NULL, &mult, NULL, -1)))
		have_proj = 1;
	if (!err)
		err = igraph_connected_components(&proj, &memb, &csize, &no, IGRAPH_WEAK);
	if (err) {
		rc = failed(err, "the memberships' projection", errmsg);
		goto out;
	}
	out->n_components = (size_t)no;
	for (igraph_integer_t i = 0; i < no; i++)
		if ((size_t)VECTOR(csize)[i] > out->largest)
			out->largest = (size_t)VECTOR(csize)[i];
	size_t m = (size_t)igraph_ecount(&proj);
	if (!(out->pairs = calloc(m ? m : 1, sizeof(*out->pairs)))) {
		rc = EALA_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < m; i++) {
		igraph_integer_t x, y;
		igraph_edge(&proj, (igraph_integer_t)i, &x, &y);
		int64_t a = auth[x], b = auth[y];
		struct network_shared *s = &out->pairs[out->n_pairs++];
		s->a = a < b ? a : b, s->b = a < b ? b : a;
		s->n_shared = (size_t)VECTOR(mult)[i];
	}
	qsort(out->pairs, out->n_pairs, sizeof(*out->pairs), cmp_shared);
	out->n_pairs_total = out->n_pairs;
	if (max_pairs && out->n_pairs > max_pairs)
		out->n_pairs = max_pairs;
	for (size_t i = 0; i < out->n_pairs; i++) {
		struct network_shared *s = &out->pairs[i];
		if (!(s->networks = malloc((s->n_shared ? s->n_shared : 1) * sizeof(int64_t)))) {
			rc = EALA_ENOMEM;
			break;
		}
		s->n_shared = shared_networks(e, n, s->a, s->b, s->networks);
	}
out:
	free(nets);
	if (have_proj)
		igraph_destroy(&proj);
	if (have_bi)
		igraph_destroy(&bi);
	igraph_vector_int_destroy(&mult), igraph_vector_int_destroy(&memb), igraph_vector_int_destroy(&csize);
	igraph_vector_bool_destroy(&types);
	return rc;
}

int network_memberships_compute(const struct network_membership_edge *m, size_t n, const int64_t *network_ids,
				const char *const *names, size_t n_names, size_t max_pairs,
				struct network_memberships *out, char **errmsg)
{
	memset(out, 0, sizeof(*out));
	struct network_membership_edge *e = malloc((n ? n : 1) * sizeof(*e));
	int64_t *auth = NULL, *nets = NULL;
	size_t na = 0, nn = 0, k = 0;
	int rc = EALA_ENOMEM;
	if (!e)
		return rc;
	if (n)
		memcpy(e, m, n * sizeof(*e));
	qsort(e, n, sizeof(*e), cmp_pair_m);
	for (size_t i = 0; i < n; i++)   /* one edge per authority and network, whatever the dates */
		if (!k || cmp_pair_m(&e[k - 1], &e[i]))
			e[k++] = e[i];
	if (!(auth = distinct(e, k, 0, &na)) || !(nets = distinct(e, k, 1, &nn)))
		goto out;
	out->n_authorities = na;
	if ((rc = city_nets(out, e, k, nets, nn, network_ids, names, n_names)))
		goto out;
	take();
	rc = projection(out, e, k, auth, na, nn, max_pairs, errmsg);
	give();
out:
	free(e), free(auth), free(nets);
	if (rc)
		network_memberships_clear(out);
	return rc;
}

void network_memberships_clear(struct network_memberships *r)
{
	if (!r)
		return;
	for (size_t i = 0; r->networks && i < r->n_networks; i++)
		free(r->networks[i].name), free(r->networks[i].members);
	for (size_t i = 0; r->pairs && i < r->n_pairs; i++)
		free(r->pairs[i].networks);
	free(r->networks), free(r->pairs);
	memset(r, 0, sizeof(*r));
}

/* ---- practices ---- */

static int year_of(const char *date)
{
	if (!date || strlen(date) < 4)
		return 0;
	int y = 0;
	for (int i = 0; i < 4; i++) {
		if (date[i] < '0' || date[i] > '9')
			return 0;
		y = y * 10 + date[i] - '0';
	}
	return y;
}

static int cmp_path(const void *x, const void *y)
{
	const struct practice_path *a = x, *b = y;
	int c = strcmp(a->date, b->date);
	if (!c)
		c = cmp_i64(&a->adopter, &b->adopter);
	if (!c)
		c = strcmp(a->earlier_date, b->earlier_date);
	if (!c)
		c = cmp_i64(&a->earlier, &b->earlier);
	if (!c)
		c = (a->via_network > b->via_network) - (a->via_network < b->via_network);
	return c ? c : cmp_i64(&a->via, &b->via);
}

static int add_path(struct practice_result *r, size_t *cap, struct practice_path p)
{
	if (r->n_paths == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		struct practice_path *v = realloc(r->paths, *cap * sizeof(*v));
		if (!v)
			return EALA_ENOMEM;
		r->paths = v;
	}
	r->paths[r->n_paths++] = p;
	return EALA_OK;
}

/* The links from adopter x to the earlier adopter y: a partnership, then each
 * city network both belong to (m sorted by authority, then network). */
static int links_between(struct practice_result *r, size_t *cap, const struct practice_adoption *x,
			 const struct practice_adoption *y, const struct network_graph *g,
			 const struct network_membership_edge *m, size_t n_m, int *found)
{
	struct practice_path p = {x->authority_id, x->date, y->authority_id, y->date, 0, 0};
	long a = g ? network_node(g, x->authority_id) : -1, b = g ? network_node(g, y->authority_id) : -1;
	const struct network_edge *e = a >= 0 && b >= 0 ? network_edge_find(g, (size_t)a, (size_t)b) : NULL;
	int rc = EALA_OK;
	if (e) {
		p.via = e->partnership_id;
		rc = add_path(r, cap, p);
		*found = 1;
	}
	int64_t *shared = n_m ? malloc(n_m * sizeof(int64_t)) : NULL;
	size_t k = shared ? shared_networks(m, n_m, x->authority_id, y->authority_id, shared) : 0;
	for (size_t i = 0; !rc && i < k; i++) {
		p.via_network = 1, p.via = shared[i];
		rc = add_path(r, cap, p);
		*found = 1;
	}
	free(shared);
	return rc;
}

int practice_compute(const struct practice *p, const struct network_graph *g,
		     const struct network_membership_edge *m, size_t n_m, struct practice_result *out)
{
	memset(out, 0, sizeof(*out));
	struct network_membership_edge *ms = malloc((n_m ? n_m : 1) * sizeof(*ms));
	size_t cap = 0;
	int rc = ms ? EALA_OK : EALA_ENOMEM, lo = 0, hi = 0;
	if (ms && n_m)
		memcpy(ms, m, n_m * sizeof(*ms));
	if (ms)
		qsort(ms, n_m, sizeof(*ms), cmp_pair_m);
	out->n_adopters = p->n_adoptions;
	for (size_t i = 0; i < p->n_adoptions; i++) {
		int y = year_of(p->adoptions[i].date);
		if (!y) {
			out->undated++;
			continue;
		}
		lo = !lo || y < lo ? y : lo;
		hi = y > hi ? y : hi;
	}
	if (!rc && lo && !(out->years = calloc((size_t)(hi - lo + 1), sizeof(*out->years))))
		rc = EALA_ENOMEM;
	if (!rc && lo) {
		out->n_years = (size_t)(hi - lo + 1);
		for (size_t i = 0; i < out->n_years; i++)
			out->years[i].year = lo + (int)i;
		for (size_t i = 0; i < p->n_adoptions; i++) {
			int y = year_of(p->adoptions[i].date);
			if (y)
				out->years[y - lo].adoptions++;
		}
		for (size_t i = 0, c = 0; i < out->n_years; i++)
			out->years[i].cumulative = (int)(c += (size_t)out->years[i].adoptions);
	}
	for (size_t i = 0; !rc && i < p->n_adoptions; i++) {
		const struct practice_adoption *x = &p->adoptions[i];
		int found = 0;
		if (!year_of(x->date))
			continue;
		for (size_t j = 0; !rc && j < p->n_adoptions; j++) {
			const struct practice_adoption *y = &p->adoptions[j];
			if (j != i && year_of(y->date) && strcmp(y->date, x->date) < 0)
				rc = links_between(out, &cap, x, y, g, ms, n_m, &found);
		}
		out->first_adopters += !found;
	}
	if (!rc)
		qsort(out->paths, out->n_paths, sizeof(*out->paths), cmp_path);
	free(ms);
	if (rc)
		practice_result_clear(out);
	return rc;
}

void practice_result_clear(struct practice_result *r)
{
	if (!r)
		return;
	free(r->years), free(r->paths);
	memset(r, 0, sizeof(*r));
}

/* ---- gathering from the store ---- */

struct gather {
	struct network_authority *auth;
	size_t n_auth, cap_auth;
	struct network_link *links;
	size_t n_links, cap_links;
	struct buf_str {
		char *s;
		size_t n, cap;
	} text;                    /* the names, back to back */
	int failed;
};

static int grow(void **v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : 1024;
	void *p = realloc(*v, c * size);
	if (!p)
		return 1;
	*v = p, *cap = c;
	return 0;
}

/* Offsets into the text until every name is read (realloc moves it). */
static size_t keep_text(struct gather *g, const char *s)
{
	size_t len = s ? strlen(s) + 1 : 0, at = g->text.n;
	if (!s)
		return (size_t)-1;
	while (g->text.n + len > g->text.cap) {
		size_t c = g->text.cap ? g->text.cap * 2 : 65536;
		char *p = realloc(g->text.s, c);
		if (!p) {
			g->failed = 1;
			return (size_t)-1;
		}
		g->text.s = p, g->text.cap = c;
	}
	memcpy(g->text.s + at, s, len);
	g->text.n += len;
	return at;
}

static int on_label(void *ctx, int64_t id, const char *name, const char *country)
{
	struct gather *g = ctx;
	if (grow((void **)&g->auth, &g->cap_auth, g->n_auth, sizeof(*g->auth)))
		return g->failed = 1;
	size_t a = keep_text(g, name), b = keep_text(g, country);
	g->auth[g->n_auth++] = (struct network_authority){id, (const char *)(uintptr_t)a, (const char *)(uintptr_t)b};
	return g->failed;
}

static int on_link(void *ctx, int64_t partnership_id, int64_t authority_id)
{
	struct gather *g = ctx;
	if (grow((void **)&g->links, &g->cap_links, g->n_links, sizeof(*g->links)))
		return g->failed = 1;
	g->links[g->n_links++] = (struct network_link){partnership_id, authority_id};
	return 0;
}

int network_load(struct store *st, int public_only, struct network_graph *out, char **errmsg)
{
	struct gather g = {0};
	memset(out, 0, sizeof(*out));
	int rc = store_authority_labels_each(st, public_only, on_label, &g, errmsg);
	if (!rc)
		rc = store_partnership_members_each(st, public_only, on_link, &g, errmsg);
	if (!rc && g.failed)
		rc = EALA_ENOMEM;
	for (size_t i = 0; !rc && i < g.n_auth; i++) {
		size_t a = (size_t)(uintptr_t)g.auth[i].name, b = (size_t)(uintptr_t)g.auth[i].country;
		g.auth[i].name = a == (size_t)-1 ? NULL : g.text.s + a;
		g.auth[i].country = b == (size_t)-1 ? NULL : g.text.s + b;
	}
	if (!rc)
		rc = network_graph_build(g.auth, g.n_auth, g.links, g.n_links, out);
	free(g.auth), free(g.links), free(g.text.s);
	return rc;
}

struct gather_m {
	struct network_membership_edge *v;
	size_t n, cap;
	struct store *st;
	int public_only;
	int failed;
};

static int on_membership(void *ctx, const struct network_membership *m)
{
	struct gather_m *g = ctx;
	int draft = 0;
	if (g->public_only && (store_is_draft(g->st, "authority", m->authority_id, &draft) || draft ||
			       store_is_draft(g->st, "organisation", m->network_id, &draft) || draft))
		return 0;
	if (grow((void **)&g->v, &g->cap, g->n, sizeof(*g->v)))
		return g->failed = 1;
	g->v[g->n++] = (struct network_membership_edge){m->authority_id, m->network_id};
	return 0;
}

int network_memberships_load(struct store *st, int public_only, struct network_membership_edge **m, size_t *n,
			     int64_t **ids, char ***names, size_t *n_names, char **errmsg)
{
	struct gather_m g = {NULL, 0, 0, st, public_only, 0};
	*m = NULL, *n = 0, *ids = NULL, *names = NULL, *n_names = 0;
	int rc = store_membership_each(st, 0, 0, on_membership, &g, errmsg);
	if (!rc && g.failed)
		rc = EALA_ENOMEM;
	size_t k = 0;
	int64_t *nets = rc ? NULL : distinct(g.v, g.n, 1, &k);
	if (!rc && !nets)
		rc = EALA_ENOMEM;
	char **nm = rc ? NULL : calloc(k ? k : 1, sizeof(char *));
	if (!rc && !nm)
		rc = EALA_ENOMEM;
	for (size_t i = 0; !rc && i < k; i++) {
		struct organisation o;
		if (store_organisation_get(st, nets[i], &o) == EALA_OK) {
			nm[i] = o.name ? strdup(o.name) : NULL;
			organisation_clear(&o);
		}
	}
	if (rc) {
		free(g.v), free(nets), free(nm);
		return rc;
	}
	*m = g.v, *n = g.n, *ids = nets, *names = nm, *n_names = k;
	return EALA_OK;
}

void network_names_free(int64_t *ids, char **names, size_t n)
{
	for (size_t i = 0; names && i < n; i++)
		free(names[i]);
	free(names), free(ids);
}

/* ---- JSON ---- */

static json_t *authority_ref(const struct network_graph *g, int64_t id)
{
	char buf[32];
	long i = label_index(g, id);
	json_t *o = json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", network_name(g, id, buf, sizeof(buf)));
	json_object_set_new(o, "country", i >= 0 && g->label_countries[i] ? json_string(g->label_countries[i])
									  : json_null());
	return o;
}

static json_t *node_json(const struct network_result *r, size_t i)
{
	json_t *o = authority_ref(r->g, r->g->ids[i]);
	json_object_set_new(o, "degree", json_integer(r->degree[i]));
	if (r->pagerank)
		json_object_set_new(o, "pagerank", json_real(r->pagerank[i]));
	if (r->betweenness)
		json_object_set_new(o, "betweenness", json_real(r->betweenness[i]));
	if (r->component)
		json_object_set_new(o, "component", json_integer(r->component[i]));
	if (r->community)
		json_object_set_new(o, "community", json_integer(r->community[i]));
	return o;
}

static json_t *top_json(const struct network_result *r, const char *key, size_t n)
{
	size_t k = 0;
	size_t *top = network_top(r, key, n, &k);
	json_t *a = json_array();
	for (size_t i = 0; i < k; i++)
		json_array_append_new(a, node_json(r, top[i]));
	free(top);
	return a;
}

static json_t *degree_distribution(const struct network_result *r)
{
	int max = 0;
	for (size_t i = 0; i < r->g->n_nodes; i++)
		max = r->degree[i] > max ? r->degree[i] : max;
	size_t *count = calloc((size_t)max + 1, sizeof(size_t));
	json_t *a = json_array();
	for (size_t i = 0; count && i < r->g->n_nodes; i++)
		count[r->degree[i]]++;
	for (int d = 1; count && d <= max; d++)
		if (count[d])
			json_array_append_new(a, json_pack("[i, I]", d, (json_int_t)count[d]));
	free(count);
	return a;
}

static json_t *one_authority(const struct network_result *r, int64_t id)
{
	const struct network_graph *g = r->g;
	long i = network_node(g, id);
	json_t *o = authority_ref(g, id);
	json_t *partners = json_array();
	if (i < 0) {
		json_object_set_new(o, "degree", json_integer(0));
		json_object_set_new(o, "partners", partners);
		return o;
	}
	json_decref(o);
	o = node_json(r, (size_t)i);
	json_t *ranks = json_object();
	json_object_set_new(ranks, "degree", json_integer((json_int_t)network_rank(r, "degree", (size_t)i)));
	if (r->pagerank)
		json_object_set_new(ranks, "pagerank", json_integer((json_int_t)network_rank(r, "pagerank", (size_t)i)));
	if (r->betweenness)
		json_object_set_new(ranks, "betweenness",
				    json_integer((json_int_t)network_rank(r, "betweenness", (size_t)i)));
	json_object_set_new(o, "ranks", ranks);
	if (r->component) {
		size_t size = 0;
		for (size_t k = 0; k < g->n_nodes; k++)
			size += r->component[k] == r->component[i];
		json_object_set_new(o, "component_size", json_integer((json_int_t)size));
	}
	if (r->community)
		json_object_set_new(o, "community_size", json_integer((json_int_t)r->community_size[r->community[i]]));
	for (size_t k = 0; k < g->n_edges; k++) {
		const struct network_edge *e = &g->edges[k];
		if (e->a != (size_t)i && e->b != (size_t)i)
			continue;
		json_t *p = authority_ref(g, g->ids[e->a == (size_t)i ? e->b : e->a]);
		json_object_set_new(p, "partnership", json_integer((json_int_t)e->partnership_id));
		json_array_append_new(partners, p);
	}
	json_object_set_new(o, "partners", partners);
	return o;
}

json_t *network_json(const struct network_result *r, size_t top, int64_t authority_id)
{
	json_t *o = json_pack("{s:s, s:I, s:I}", "graph", "authorities linked by partnerships", "nodes",
			      (json_int_t)r->g->n_nodes, "edges", (json_int_t)r->g->n_edges);
	if (r->component) {
		json_t *sizes = json_array();
		size_t *count = calloc(r->n_components ? r->n_components : 1, sizeof(size_t));
		for (size_t i = 0; count && i < r->g->n_nodes; i++)
			count[r->component[i]]++;
		for (size_t i = 0; count && i < r->n_components && i < 20; i++)
			json_array_append_new(sizes, json_integer((json_int_t)count[i]));
		free(count);
		json_object_set_new(o, "components", json_pack("{s:I, s:I, s:o}", "count", (json_int_t)r->n_components,
							       "largest", (json_int_t)r->largest, "sizes", sizes));
	}
	if (r->community) {
		json_t *sizes = json_array();
		for (size_t i = 0; i < r->n_communities && i < 20; i++)
			json_array_append_new(sizes, json_integer((json_int_t)r->community_size[i]));
		json_object_set_new(o, "communities",
				    json_pack("{s:s, s:I, s:f, s:o}", "algorithm", "Louvain (igraph multilevel, resolution 1)",
					      "count", (json_int_t)r->n_communities, "modularity", r->modularity,
					      "sizes", sizes));
	}
	if (r->betweenness)
		json_object_set_new(o, "betweenness",
				    r->betweenness_sources
					    ? json_pack("{s:b, s:I}", "exact", 0, "sources", (json_int_t)r->betweenness_sources)
					    : json_pack("{s:b}", "exact", 1));
	json_object_set_new(o, "degree_distribution", degree_distribution(r));
	json_t *t = json_object();
	json_object_set_new(t, "degree", top_json(r, "degree", top));
	if (r->pagerank)
		json_object_set_new(t, "pagerank", top_json(r, "pagerank", top));
	if (r->betweenness)
		json_object_set_new(t, "betweenness", top_json(r, "betweenness", top));
	json_object_set_new(o, "top", t);
	if (authority_id)
		json_object_set_new(o, "authority", one_authority(r, authority_id));
	return o;
}

json_t *network_chain_json(const struct network_graph *g, const size_t *nodes, size_t n, int64_t from, int64_t to)
{
	json_t *steps = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *s = authority_ref(g, g->ids[nodes[i]]);
		const struct network_edge *e = i ? network_edge_find(g, nodes[i - 1], nodes[i]) : NULL;
		json_object_set_new(s, "partnership", e ? json_integer((json_int_t)e->partnership_id) : json_null());
		json_array_append_new(steps, s);
	}
	return json_pack("{s:o, s:o, s:I, s:o}", "from", authority_ref(g, from), "to", authority_ref(g, to),
			 "length", (json_int_t)(n ? n - 1 : 0), "chain", steps);
}

static json_t *ids_json(const struct network_graph *g, const int64_t *ids, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, authority_ref(g, ids[i]));
	return a;
}

static const char *net_name(const struct network_memberships *m, int64_t id)
{
	for (size_t i = 0; i < m->n_networks; i++)
		if (m->networks[i].id == id)
			return m->networks[i].name;
	return NULL;
}

json_t *network_memberships_json(const struct network_memberships *m, const struct network_graph *g)
{
	json_t *nets = json_array(), *pairs = json_array();
	for (size_t i = 0; i < m->n_networks; i++) {
		const struct network_city_net *c = &m->networks[i];
		json_array_append_new(nets, json_pack("{s:I, s:s?, s:I, s:o}", "id", (json_int_t)c->id, "name", c->name,
						      "members", (json_int_t)c->n_members, "authorities",
						      ids_json(g, c->members, c->n_members)));
	}
	for (size_t i = 0; i < m->n_pairs; i++) {
		const struct network_shared *s = &m->pairs[i];
		json_t *shared = json_array();
		for (size_t k = 0; k < s->n_shared; k++)
			json_array_append_new(shared, json_pack("{s:I, s:s?}", "id", (json_int_t)s->networks[k], "name",
								net_name(m, s->networks[k])));
		json_array_append_new(pairs, json_pack("{s:o, s:o, s:I, s:o}", "a", authority_ref(g, s->a), "b",
						       authority_ref(g, s->b), "shared", (json_int_t)s->n_shared,
						       "networks", shared));
	}
	return json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:o, s:o}", "graph", "authorities and city networks",
			 "networks", (json_int_t)m->n_networks, "authorities", (json_int_t)m->n_authorities,
			 "groups", (json_int_t)m->n_components, "largest_group", (json_int_t)m->largest,
			 "pairs_sharing", (json_int_t)m->n_pairs_total, "by_network", nets, "shared", pairs);
}

json_t *practice_paths_json(const struct practice *p, const struct practice_result *r, const struct network_graph *g,
		      const int64_t *net_ids, const char *const *net_names, size_t n_names)
{
	json_t *years = json_array(), *paths = json_array(), *adopters = json_array();
	for (size_t i = 0; i < r->n_years; i++)
		json_array_append_new(years, json_pack("{s:i, s:i, s:i}", "year", r->years[i].year, "adoptions",
						       r->years[i].adoptions, "cumulative", r->years[i].cumulative));
	for (size_t i = 0; i < p->n_adoptions; i++) {
		json_t *a = authority_ref(g, p->adoptions[i].authority_id);
		json_object_set_new(a, "date", p->adoptions[i].date ? json_string(p->adoptions[i].date) : json_null());
		json_array_append_new(adopters, a);
	}
	for (size_t i = 0; i < r->n_paths; i++) {
		const struct practice_path *x = &r->paths[i];
		json_t *o = json_pack("{s:o, s:s, s:o, s:s, s:s, s:I}", "adopter", authority_ref(g, x->adopter), "date",
				      x->date, "earlier", authority_ref(g, x->earlier), "earlier_date", x->earlier_date,
				      "via", x->via_network ? "network" : "partnership", "via_id", (json_int_t)x->via);
		const char *name = NULL;
		for (size_t k = 0; x->via_network && k < n_names; k++)
			if (net_ids[k] == x->via)
				name = net_names[k];
		if (name)
			json_object_set_new(o, "via_name", json_string(name));
		json_array_append_new(paths, o);
	}
	return json_pack("{s:I, s:s, s:s?, s:s?, s:I, s:I, s:I, s:o, s:o, s:o}", "id", (json_int_t)p->id, "name", p->name,
			 "description", p->description, "source", p->source, "adopters", (json_int_t)r->n_adopters,
			 "undated", (json_int_t)r->undated, "first_adopters", (json_int_t)r->first_adopters,
			 "adoptions", adopters, "by_year", years, "paths", paths);
}
