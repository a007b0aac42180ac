/* network.h: how authorities are linked to one another (issue 6, item 5):
 * the graph of authorities joined by partnerships (degree, PageRank,
 * betweenness, communities, connected components, the shortest chain of
 * partnerships between two authorities), the graph of city-network
 * memberships (which networks link which authorities), and how a practice
 * circulated along both (seed 000: participatory budgeting from Porto Alegre).
 *
 * The computations run on the igraph C library; its state (error handler,
 * random numbers, not thread-safe in Debian's build) stays inside network.c,
 * behind one lock. network_graph_build() and the network_*_compute()
 * functions are pure (records in, figures out); network_load() and
 * network_practice_load() gather the records through the store.
 *
 * Ownership: structs filled by a function belong to the caller, who releases
 * them with the matching *_clear() (each accepts a zeroed struct). Strings
 * inside results are borrowed from the graph they were computed on.
 */
#ifndef EALA_NETWORK_H
#define EALA_NETWORK_H

#include "../core/model.h"
#include "../store/store.h"

#include <stddef.h>
#include <stdint.h>

/* Betweenness is exact up to this many authorities; above, it is estimated
 * from NETWORK_SAMPLE source authorities drawn with a fixed seed, and the
 * output says so. */
#define NETWORK_EXACT_MAX 5000
#define NETWORK_SAMPLE 500

/* An authority as the graph names it. */
struct network_authority {
	int64_t id;
	const char *name;
	const char *country;
};

/* One member of one partnership (a partnership of k members links each pair). */
struct network_link {
	int64_t partnership_id;
	int64_t authority_id;
};

/* The graph of authorities linked by partnerships: only authorities with at
 * least one partnership are nodes; two authorities are joined by one edge
 * however many partnerships they share (the lowest partnership id names it). */
struct network_graph {
	size_t n_nodes;
	int64_t *ids;              /* node index -> authority id, ascending */
	const char **names;        /* borrowed from the labels below */
	const char **countries;
	size_t n_labels;           /* every authority given, with or without partnership */
	int64_t *label_ids;        /* ascending */
	char **label_names;        /* into label_text */
	char **label_countries;
	char *label_text;          /* the names and countries, one owned block */
	size_t n_edges;
	struct network_edge {
		size_t a, b;       /* node indexes, a < b */
		int64_t partnership_id;
	} *edges;                  /* sorted by (a, b) */
};

/* Build the graph from authorities (any order, those without a link are
 * left out) and links (grouped by partnership_id, as the store gives them).
 * Links naming an unknown authority are skipped. EALA_OK or EALA_ENOMEM. */
int network_graph_build(const struct network_authority *auth, size_t n_auth, const struct network_link *links,
			size_t n_links, struct network_graph *out);
void network_graph_clear(struct network_graph *g);
/* The node index of an authority id; -1 when it is not in the graph. */
long network_node(const struct network_graph *g, int64_t authority_id);
/* The edge joining node indexes a and b (any order), or NULL. */
const struct network_edge *network_edge_find(const struct network_graph *g, size_t a, size_t b);

/* What network_compute() works out (degree always). */
enum {
	NETWORK_COMPONENTS = 1 << 0,
	NETWORK_PAGERANK = 1 << 1,
	NETWORK_COMMUNITIES = 1 << 2,
	NETWORK_BETWEENNESS = 1 << 3,
	NETWORK_ALL = 0xf,
};

struct network_result {
	unsigned what;             /* NETWORK_* computed */
	const struct network_graph *g;   /* borrowed */
	int *degree;               /* per node: partners (distinct authorities) */
	size_t n_components, largest;     /* connected components; nodes in the largest */
	int *component;            /* per node: its component, 0 the largest, then by size */
	double *pagerank;          /* per node, damping 0.85, summing to 1 */
	double *betweenness;       /* per node: shortest paths through it (pairs counted once) */
	size_t betweenness_sources;       /* 0: exact; else estimated from this many sources */
	size_t n_communities;
	double modularity;
	int *community;            /* per node: 0 the largest community, then by size */
	size_t *community_size;    /* per community */
};

/* Compute what asks (NETWORK_*) on g. Betweenness is exact when the graph has
 * at most exact_max nodes, otherwise estimated from sample sources (fixed
 * seed: the same figures each run). Communities: Louvain (igraph's multilevel,
 * resolution 1, fixed seed). EALA_OK, or a status with *errmsg (igraph's words). */
int network_compute(const struct network_graph *g, unsigned what, size_t exact_max, size_t sample,
		    struct network_result *out, char **errmsg);
void network_result_clear(struct network_result *r);

/* The node indexes of the n highest values of key ("degree", "pagerank",
 * "betweenness"), highest first, ties by authority id; *n_out <= n.
 * The caller frees the array; NULL when nothing. */
size_t *network_top(const struct network_result *r, const char *key, size_t n, size_t *n_out);
/* The rank (1 = highest) of node i by key, ties sharing the better rank. */
size_t network_rank(const struct network_result *r, const char *key, size_t i);

/* The shortest chain of partnerships from one authority to another: *nodes
 * (caller frees) the node indexes from the first to the last, *n 0 when no
 * chain links them. EALA_ENOTFOUND when either has no partnership at all. */
int network_chain(const struct network_graph *g, int64_t from, int64_t to, size_t **nodes, size_t *n,
		  char **errmsg);

/* ---- memberships of city networks ---- */

struct network_membership_edge {
	int64_t authority_id;
	int64_t network_id;
};

struct network_shared {
	int64_t a, b;              /* authority ids, a < b */
	size_t n_shared;           /* networks both belong to */
	int64_t *networks;         /* their ids, ascending */
};

struct network_memberships {
	size_t n_networks;
	struct network_city_net {
		int64_t id;
		char *name;
		size_t n_members;
		int64_t *members;  /* authority ids, ascending */
	} *networks;               /* by members, most first, then id */
	size_t n_authorities;      /* authorities in at least one network */
	size_t n_components;       /* of the authority projection: groups linked through networks */
	size_t largest;            /* authorities in the largest */
	size_t n_pairs_total;      /* pairs of authorities sharing at least one network */
	size_t n_pairs;            /* of which kept below */
	struct network_shared *pairs;    /* pairs sharing a network, most shared first, then ids */
};

/* The bipartite authority-network graph and its projection on authorities
 * (igraph_bipartite_projection, the multiplicity counting shared networks).
 * names[i] names network_ids[i] (n_names of them; may be fewer than the
 * networks: the id is then shown). Only the max_pairs pairs sharing most
 * are kept (0: all). */
int network_memberships_compute(const struct network_membership_edge *m, size_t n, const int64_t *network_ids,
				const char *const *names, size_t n_names, size_t max_pairs,
				struct network_memberships *out, char **errmsg);
void network_memberships_clear(struct network_memberships *r);

/* ---- practices ---- */

/* An adopter whose partner or fellow network member adopted before it. */
struct practice_path {
	int64_t adopter;           /* authority id */
	const char *date;          /* borrowed from the practice */
	int64_t earlier;           /* the authority that adopted before */
	const char *earlier_date;
	int via_network;           /* 0: a partnership (via is its id); 1: a city network */
	int64_t via;
};

struct practice_year {
	int year;
	int adoptions;
	int cumulative;
};

struct practice_result {
	size_t n_adopters;
	size_t undated;            /* adoptions without a date: counted, not placed in time */
	size_t n_years;
	struct practice_year *years;   /* every year from the first adoption to the last */
	size_t n_paths;
	struct practice_path *paths;   /* by adopter's date, then adopter, then earlier date */
	size_t first_adopters;     /* dated adopters no earlier adopter is linked to */
};

/* Adoption over time and the plausible paths of practice p over the
 * partnership graph g and the memberships m. Pure. */
int practice_compute(const struct practice *p, const struct network_graph *g,
		     const struct network_membership_edge *m, size_t n_m, struct practice_result *out);
void practice_result_clear(struct practice_result *r);

/* ---- gathering from the store ---- */

/* The partnership graph of every authority (public_only: drafts left out). */
int network_load(struct store *st, int public_only, struct network_graph *out, char **errmsg);
/* Every membership of a city network, and the networks' ids and names
 * (*names owned: free each and the arrays). */
int network_memberships_load(struct store *st, int public_only, struct network_membership_edge **m, size_t *n,
			     int64_t **ids, char ***names, size_t *n_names, char **errmsg);
void network_names_free(int64_t *ids, char **names, size_t n);

/* ---- the one JSON of the CLI, the API and the page ---- */

/* Summary: nodes, edges, components, communities, the top n by degree,
 * PageRank and betweenness; with authority_id, that authority's figures,
 * ranks, community and partners. */
struct json_t *network_json(const struct network_result *r, size_t top, int64_t authority_id);
struct json_t *network_chain_json(const struct network_graph *g, const size_t *nodes, size_t n, int64_t from,
				  int64_t to);
struct json_t *network_memberships_json(const struct network_memberships *m, const struct network_graph *g);
struct json_t *practice_paths_json(const struct practice *p, const struct practice_result *r,
			     const struct network_graph *g, const int64_t *net_ids, const char *const *net_names,
			     size_t n_names);
/* The name of an authority (node of g) or "#ID" into buf. */
const char *network_name(const struct network_graph *g, int64_t id, char *buf, size_t n);

#endif
