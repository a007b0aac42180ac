/* coordination.h: pooling (issue 6 item 3; seeds 001 and 003: authorities
 * working in the same foreign territory do not know of each other). In one
 * country: every home authority active there (partnerships, actions, the
 * financing in euros), the clusters of overlapping actions (the same partner
 * territory, the same domain, years that overlap), a city and the body that
 * contains it acting in the same territory and domain, and ranked
 * suggestions to pool, each with its reasons and a score.
 *
 * Home authority: a partnership's first member, an action's lead. Partner
 * territory: the partner authority in the country (an action's: the member
 * of its partnership there), else the country itself. Active: status active
 * (partnership 'active', action IATI status 2, implementation), or start and
 * end years both given and around the reference year.
 *
 * Score of a suggestion (at most 100): the same partner authority 30 (only
 * the same country 10), the same domain 20, 5 per year of overlap (at most
 * 20), one contains the other 20, both record financing 10.
 *
 * coordination_compute() is pure; coordination_load() reads the store.
 * Ownership: the result owns copies of every string; coordination_clear().
 */
#ifndef EALA_COORDINATION_H
#define EALA_COORDINATION_H

#include "../store/store.h"

#include <stddef.h>

#define COORD_W_PLACE 30        /* the same partner authority */
#define COORD_W_COUNTRY 10      /* the same country, no partner authority named */
#define COORD_W_DOMAIN 20
#define COORD_W_YEAR 5          /* per year of overlap */
#define COORD_MAX_YEARS 4
#define COORD_W_PARENT 20
#define COORD_W_BUDGETS 10

enum coordination_reason {
	COORD_SAME_PLACE = 1 << 0,     /* the same partner authority */
	COORD_SAME_COUNTRY = 1 << 1,   /* the country only */
	COORD_SAME_DOMAIN = 1 << 2,
	COORD_OVERLAP = 1 << 3,        /* years that overlap */
	COORD_PARENT = 1 << 4,         /* one contains the other */
	COORD_BUDGETS = 1 << 5,        /* both record financing */
};

struct coordination_params {
	const char *country;            /* ISO alpha-2, required */
	int64_t territory;              /* the partner authority; 0: all */
	const char *domain;             /* action-domain code; NULL: all */
	int year;                       /* the reference year of "active"; 0: this year */
};

struct coordination_authority {
	int64_t id, parent_id;
	char *name;
	int partnerships, actions;
	double budget;                  /* EUR, an action in several countries split evenly */
};

struct coordination_action {
	int64_t id, home_id, home_parent_id, partner_id;
	char *title, *home, *partner;
	int from, to;                   /* the years it covers */
	double budget;
	int financed;
};

/* Actions in the same partner territory and domain whose years overlap (one
 * chain of overlaps), from at least two home authorities. */
struct coordination_cluster {
	int64_t partner_id;             /* 0: the country */
	char *partner, *domain;
	int from, to;
	size_t *actions;                /* indexes into the result's actions */
	size_t n_actions;
	int homes;                      /* distinct home authorities */
};

/* A city (child) and the body that contains it (parent) acting in the same
 * partner territory and domain. */
struct coordination_parent {
	int64_t child_id, parent_id, partner_id;
	char *child, *parent, *partner, *domain;
	int overlap;                    /* their actions' years overlap */
};

struct coordination_suggestion {
	int64_t a_id, b_id, partner_id;     /* a: the one with the lower id */
	char *a, *b, *partner, *domain;
	int from, to;                   /* the years of overlap; 0 when none */
	double budget_a, budget_b;
	unsigned reasons;               /* enum coordination_reason */
	int score;
	size_t cluster;
};

struct coordination_result {
	char *country;
	int year;
	struct coordination_authority *authorities;     /* most budget first, then name */
	size_t n_authorities;
	int partnerships, actions;      /* distinct records counted */
	double budget;
	struct coordination_action *actions_v;          /* the active actions, by id */
	size_t n_actions;
	struct coordination_cluster *clusters;          /* by partner, domain, years */
	size_t n_clusters;
	struct coordination_parent *parents;
	size_t n_parents;
	struct coordination_suggestion *suggestions;    /* highest score first */
	size_t n_suggestions;
};

/* The figures for the rows store_coordination_each() gives. EALA_OK or
 * EALA_ENOMEM; *out is cleared and filled. */
int coordination_compute(const struct store_coordination_row *rows, size_t n, const struct coordination_params *p,
			 struct coordination_result *out);
void coordination_clear(struct coordination_result *r);

/* Reads the country's rows through the store, then coordination_compute().
 * public_only leaves drafts out. EALA_OK or a store error with *errmsg. */
int coordination_load(struct store *st, const struct coordination_params *p, int public_only,
		      struct coordination_result *out, char **errmsg);

/* "same_place", ... for one reason bit. */
const char *coordination_reason_name(unsigned reason);

/* The sentences in lang (CL_LANG_EN or CL_LANG_FR through gettext), one call
 * of fn each; coordination_suggestion_text() the one of a suggestion. */
typedef void (*coordination_sentence_fn)(void *ctx, const char *sentence);
void coordination_sentences(const struct coordination_result *r, int lang, coordination_sentence_fn fn, void *ctx);
/* [out] a new string, the caller frees it. */
char *coordination_suggestion_text(const struct coordination_result *r, const struct coordination_suggestion *s,
				   int lang);

/* The one JSON of the CLI, the API and the page. */
struct json_t *coordination_json(const struct coordination_result *r, const struct coordination_params *p, int lang);

#endif
