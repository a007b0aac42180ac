/* test_network.c: the network analysis on hand-built graphs whose figures are
 * worked out by hand in the comments: a path, a star, two triangles joined
 * by a bridge (with a pair apart), city-network memberships, and the paths of
 * a practice. PageRank (damping d = 0.85) solves, for each node v of n,
 * PR(v) = (1 - d) / n + d * sum over neighbours u of PR(u) / degree(u). */
#include "testutil.h"

#include "../../src/analysis/network.h"

#include <jansson.h>
#include <math.h>

#define EPS 1e-6

static struct network_authority auth[] = {
	{1, "Porto Alegre", "BR"}, {2, "Paris", "FR"},	 {3, "Grenoble", "FR"}, {4, "Rennes", "FR"},
	{5, "Essen", "DE"},	   {6, "Sevan", "AM"},	 {7, "Bous", "ML"},	{8, "Koulikoro", "ML"},
	{9, "Quetigny", "FR"},
};
#define N_AUTH (sizeof(auth) / sizeof(auth[0]))

static void build(const struct network_link *links, size_t n, struct network_graph *g)
{
	assert_int_equal(network_graph_build(auth, N_AUTH, links, n, g), EALA_OK);
}

static double pr(const struct network_result *r, int64_t id)
{
	long i = network_node(r->g, id);
	assert_true(i >= 0);
	return r->pagerank[i];
}

static double bt(const struct network_result *r, int64_t id)
{
	return r->betweenness[network_node(r->g, id)];
}

/* 1 - 2 - 3. Ends x, middle y: x = 0.05 + 0.85 y / 2, y = 0.05 + 0.85 * 2x,
 * so x = 19/74 and y = 18/37. Only the middle is between two others: 1. */
static void path(void **state)
{
	(void)state;
	struct network_link l[] = {{10, 1}, {10, 2}, {11, 2}, {11, 3}};
	struct network_graph g;
	struct network_result r;
	build(l, 4, &g);
	assert_int_equal(g.n_nodes, 3);   /* the six authorities without a partnership are no nodes */
	assert_int_equal(g.n_labels, N_AUTH);
	assert_int_equal(g.n_edges, 2);
	assert_int_equal(network_compute(&g, NETWORK_ALL, 100, 10, &r, NULL), EALA_OK);
	assert_int_equal(r.n_components, 1);
	assert_int_equal(r.largest, 3);
	assert_int_equal(r.degree[network_node(&g, 2)], 2);
	assert_int_equal(r.degree[network_node(&g, 1)], 1);
	assert_true(fabs(pr(&r, 1) - 19.0 / 74) < EPS);
	assert_true(fabs(pr(&r, 3) - 19.0 / 74) < EPS);
	assert_true(fabs(pr(&r, 2) - 18.0 / 37) < EPS);
	assert_true(fabs(bt(&r, 2) - 1) < EPS);
	assert_true(fabs(bt(&r, 1)) < EPS);
	assert_int_equal(r.betweenness_sources, 0);
	/* the chain from one end to the other, named by its partnerships */
	size_t *nodes, n;
	assert_int_equal(network_chain(&g, 1, 3, &nodes, &n, NULL), EALA_OK);
	assert_int_equal(n, 3);
	assert_int_equal(g.ids[nodes[0]], 1);
	assert_int_equal(g.ids[nodes[1]], 2);
	assert_int_equal(g.ids[nodes[2]], 3);
	assert_int_equal(network_edge_find(&g, nodes[0], nodes[1])->partnership_id, 10);
	assert_int_equal(network_edge_find(&g, nodes[2], nodes[1])->partnership_id, 11);
	free(nodes);
	/* Quetigny has no partnership here: no chain, and said so */
	assert_int_equal(network_chain(&g, 1, 9, &nodes, &n, NULL), EALA_ENOTFOUND);
	assert_int_equal(n, 0);
	network_result_clear(&r);
	network_graph_clear(&g);
}

/* Centre 1 and leaves 2..5, one partnership each, and the same pair 1-2 in a
 * second partnership (id 30): still one edge, named by the lower id 12.
 * Leaves x, centre y: y = 0.03 + 0.85 * 4x, x = 0.03 + 0.85 y / 4, so
 * 0.2775 x = 0.036375: x = 0.131081..., y = 1 - 4x = 0.475675...
 * Betweenness of the centre: the C(4, 2) = 6 pairs of leaves. */
static void star(void **state)
{
	(void)state;
	struct network_link l[] = {{12, 1}, {12, 2}, {13, 1}, {13, 3}, {14, 1}, {14, 4},
				   {15, 5}, {15, 1}, {30, 2}, {30, 1}};
	struct network_graph g;
	struct network_result r;
	build(l, sizeof(l) / sizeof(l[0]), &g);
	assert_int_equal(g.n_nodes, 5);
	assert_int_equal(g.n_edges, 4);
	assert_int_equal(network_edge_find(&g, (size_t)network_node(&g, 2), (size_t)network_node(&g, 1))->partnership_id, 12);
	assert_int_equal(network_compute(&g, NETWORK_ALL, 100, 10, &r, NULL), EALA_OK);
	double x = 0.036375 / 0.2775;
	assert_true(fabs(pr(&r, 3) - x) < EPS);
	assert_true(fabs(pr(&r, 1) - (1 - 4 * x)) < EPS);
	assert_true(fabs(bt(&r, 1) - 6) < EPS);
	assert_true(fabs(bt(&r, 5)) < EPS);
	assert_int_equal(r.degree[network_node(&g, 1)], 4);
	size_t k, *top = network_top(&r, "degree", 2, &k);
	assert_int_equal(k, 2);
	assert_int_equal(g.ids[top[0]], 1);   /* the centre, then the leaf with the lowest id */
	assert_int_equal(g.ids[top[1]], 2);
	free(top);
	assert_int_equal(network_rank(&r, "pagerank", (size_t)network_node(&g, 4)), 2);   /* leaves tie */
	network_result_clear(&r);
	/* Sampled betweenness: from 4 sources of 5, the centre gets 3 paths per
	 * leaf source, halved (each pair once) and scaled by 5/4: 7.5 when the 4
	 * leaves are drawn, 5.625 when the centre is; over the 5 possible draws
	 * the mean is (7.5 + 4 * 5.625) / 5 = 6, the exact value. */
	assert_int_equal(network_compute(&g, NETWORK_BETWEENNESS, 3, 4, &r, NULL), EALA_OK);
	assert_int_equal(r.betweenness_sources, 4);
	assert_true(fabs(bt(&r, 1) - 7.5) < EPS || fabs(bt(&r, 1) - 5.625) < EPS);
	network_result_clear(&r);
	network_graph_clear(&g);
}

/* Triangle {1,2,3} (one partnership of three members, id 20), triangle
 * {4,5,6} (id 21), bridge 3-4 (id 22), and the pair 7-8 apart (id 23).
 * Components: 2, the largest of 6. Betweenness of 3: the pairs {1,2} x
 * {4,5,6} = 6; of 4 likewise; others 0. Louvain: the two triangles, and the
 * pair; on the 6-node part alone, m = 7, each triangle has 3 inner edges and
 * degrees summing to 7: Q = 2 (3/7 - (7/14)^2) = 5/14.
 * PageRank on the 6-node graph: a for 1, 2, 5, 6 and b for 3, 4:
 * a = 0.025 + 0.85 (a/2 + b/3), 4a + 2b = 1: a = 20/137, b = 57/274. */
static void triangles(void **state)
{
	(void)state;
	struct network_link l[] = {{20, 1}, {20, 2}, {20, 3}, {21, 4}, {21, 5}, {21, 6},
				   {22, 3}, {22, 4}, {23, 7}, {23, 8}};
	struct network_link six[] = {{20, 1}, {20, 2}, {20, 3}, {21, 4}, {21, 5}, {21, 6}, {22, 3}, {22, 4}};
	struct network_graph g;
	struct network_result r;
	build(l, sizeof(l) / sizeof(l[0]), &g);
	assert_int_equal(g.n_edges, 8);
	assert_int_equal(network_compute(&g, NETWORK_ALL, 100, 10, &r, NULL), EALA_OK);
	assert_int_equal(r.n_components, 2);
	assert_int_equal(r.largest, 6);
	assert_int_equal(r.component[network_node(&g, 1)], 0);
	assert_int_equal(r.component[network_node(&g, 8)], 1);
	assert_true(fabs(bt(&r, 3) - 6) < EPS && fabs(bt(&r, 4) - 6) < EPS && fabs(bt(&r, 5)) < EPS);
	assert_int_equal(r.n_communities, 3);
	assert_int_equal(r.community_size[0], 3);
	assert_int_equal(r.community_size[2], 2);
	int c1 = r.community[network_node(&g, 1)];
	assert_int_equal(r.community[network_node(&g, 2)], c1);
	assert_int_equal(r.community[network_node(&g, 3)], c1);
	assert_int_not_equal(r.community[network_node(&g, 4)], c1);
	assert_int_equal(r.community[network_node(&g, 7)], 2);
	size_t *nodes, n;
	assert_int_equal(network_chain(&g, 1, 8, &nodes, &n, NULL), EALA_OK);
	assert_int_equal(n, 0);   /* in different components */
	free(nodes);
	assert_int_equal(network_chain(&g, 1, 6, &nodes, &n, NULL), EALA_OK);
	assert_int_equal(n, 4);   /* 1 - 3 - 4 - 6 */
	assert_int_equal(g.ids[nodes[1]], 3);
	assert_int_equal(network_edge_find(&g, nodes[1], nodes[2])->partnership_id, 22);
	free(nodes);
	network_result_clear(&r);
	network_graph_clear(&g);

	build(six, sizeof(six) / sizeof(six[0]), &g);
	assert_int_equal(network_compute(&g, NETWORK_ALL, 100, 10, &r, NULL), EALA_OK);
	assert_true(fabs(r.modularity - 5.0 / 14) < EPS);
	assert_true(fabs(pr(&r, 1) - 20.0 / 137) < EPS);
	assert_true(fabs(pr(&r, 6) - 20.0 / 137) < EPS);
	assert_true(fabs(pr(&r, 3) - 57.0 / 274) < EPS);
	/* only what is asked is computed */
	network_result_clear(&r);
	assert_int_equal(network_compute(&g, NETWORK_COMPONENTS, 100, 10, &r, NULL), EALA_OK);
	assert_null(r.pagerank);
	assert_null(r.community);
	assert_non_null(r.component);
	network_result_clear(&r);
	network_graph_clear(&g);
}

/* No partnership at all: an empty graph, no crash, zero figures. */
static void empty(void **state)
{
	(void)state;
	struct network_graph g;
	struct network_result r;
	build(NULL, 0, &g);
	assert_int_equal(g.n_nodes, 0);
	assert_int_equal(network_compute(&g, NETWORK_ALL, 100, 10, &r, NULL), EALA_OK);
	assert_int_equal(r.n_components, 0);
	assert_int_equal(r.n_communities, 0);
	json_t *j = network_json(&r, 10, 3);
	assert_int_equal(json_integer_value(json_object_get(j, "nodes")), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "authority"), "name")), "Grenoble");
	json_decref(j);
	network_result_clear(&r);
	network_graph_clear(&g);
}

/* Networks 100 {1, 2, 3}, 101 {2, 3, 5}, 102 {4}; authority 2 is in 100
 * twice (two terms): one link. Pairs sharing: 1-2, 1-3, 2-5, 3-5 one
 * network each, 2-3 both (100 and 101): 5 pairs. Groups through the
 * networks: {1, 2, 3, 5} and {4}. */
static const struct network_membership_edge members[] = {
	{1, 100}, {2, 100}, {3, 100}, {2, 101}, {3, 101}, {5, 101}, {4, 102}, {2, 100},
};

static void memberships(void **state)
{
	(void)state;
	int64_t ids[] = {100, 101, 102};
	const char *names[] = {"UCLG", "Eurocities", "AIMF"};
	struct network_memberships m;
	assert_int_equal(network_memberships_compute(members, 8, ids, names, 3, 0, &m, NULL), EALA_OK);
	assert_int_equal(m.n_networks, 3);
	assert_int_equal(m.n_authorities, 5);
	assert_int_equal(m.networks[0].id, 100);
	assert_int_equal(m.networks[0].n_members, 3);
	assert_string_equal(m.networks[1].name, "Eurocities");
	assert_int_equal(m.networks[2].n_members, 1);
	assert_int_equal(m.n_components, 2);
	assert_int_equal(m.largest, 4);
	assert_int_equal(m.n_pairs_total, 5);
	assert_int_equal(m.n_pairs, 5);
	assert_int_equal(m.pairs[0].a, 2);
	assert_int_equal(m.pairs[0].b, 3);
	assert_int_equal(m.pairs[0].n_shared, 2);
	assert_int_equal(m.pairs[0].networks[0], 100);
	assert_int_equal(m.pairs[0].networks[1], 101);
	assert_int_equal(m.pairs[1].n_shared, 1);
	network_memberships_clear(&m);
	/* only the pairs sharing most are kept, the count stays */
	assert_int_equal(network_memberships_compute(members, 8, ids, names, 3, 2, &m, NULL), EALA_OK);
	assert_int_equal(m.n_pairs, 2);
	assert_int_equal(m.n_pairs_total, 5);
	network_memberships_clear(&m);
}

/* Participatory budgeting: Porto Alegre (1) 1989, Paris (2) 2014, Grenoble
 * (3) 2015, Rennes (4) undated; Essen (5) 2016. Partnerships 1-2 (id 40) and
 * 3-5 (id 41); networks above (2 and 3 in 100 and 101, 1 in 100).
 * Paths: Paris after Porto Alegre by partnership 40 and network 100;
 * Grenoble after Porto Alegre (network 100), after Paris (100 and 101);
 * Essen after Paris (network 101), after Grenoble (partnership 41, network 101).
 * First adopters: only Porto Alegre. Years 1989 to 2016: 28 rows. */
static void practice_paths(void **state)
{
	(void)state;
	struct network_link l[] = {{40, 1}, {40, 2}, {41, 3}, {41, 5}};
	struct practice_adoption ad[] = {
		{1, "1989-01-01"}, {2, "2014-09-01"}, {3, "2015-01-01"}, {4, NULL}, {5, "2016-06-30"},
	};
	struct practice p = {.id = 1, .name = "Participatory budgeting", .adoptions = ad, .n_adoptions = 5};
	struct network_graph g;
	struct practice_result r;
	build(l, 4, &g);
	assert_int_equal(practice_compute(&p, &g, members, 8, &r), EALA_OK);
	assert_int_equal(r.n_adopters, 5);
	assert_int_equal(r.undated, 1);
	assert_int_equal(r.n_years, 28);
	assert_int_equal(r.years[0].year, 1989);
	assert_int_equal(r.years[0].cumulative, 1);
	assert_int_equal(r.years[25].year, 2014);
	assert_int_equal(r.years[25].adoptions, 1);
	assert_int_equal(r.years[27].cumulative, 4);
	assert_int_equal(r.first_adopters, 1);
	assert_int_equal(r.n_paths, 8);
	/* Paris after Porto Alegre: the partnership first, then the network */
	assert_int_equal(r.paths[0].adopter, 2);
	assert_int_equal(r.paths[0].earlier, 1);
	assert_int_equal(r.paths[0].via_network, 0);
	assert_int_equal(r.paths[0].via, 40);
	assert_int_equal(r.paths[1].via_network, 1);
	assert_int_equal(r.paths[1].via, 100);
	/* Essen's last: after Grenoble through their partnership 41 and network 101 */
	assert_int_equal(r.paths[7].adopter, 5);
	assert_int_equal(r.paths[7].earlier, 3);
	assert_int_equal(r.paths[7].via_network, 1);
	assert_int_equal(r.paths[6].via, 41);
	json_t *j = practice_paths_json(&p, &r, &g, NULL, NULL, 0);
	assert_int_equal(json_array_size(json_object_get(j, "paths")), 8);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j, "paths"), 0), "via")),
			    "partnership");
	json_decref(j);
	practice_result_clear(&r);
	network_graph_clear(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(path),	       cmocka_unit_test(star),	      cmocka_unit_test(triangles),
		cmocka_unit_test(empty),       cmocka_unit_test(memberships), cmocka_unit_test(practice_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
