/* portfolio.h: the review of an authority's portfolio of partnerships and
 * actions (issue 6, item 2; seed 000: "30 to 35 agreements that no longer
 * constituted a policy"). Where the actions and the money go (country, World
 * Bank income group and region, domain, partnership kind, action type), how
 * concentrated (Herfindahl-Hirschman index) or thinly spread they are, how
 * they meet the declared strategy, which partnerships sleep, and where
 * solidarity and attractiveness act in the same country without a link.
 *
 * The computation is pure and streamed: portfolio_begin() with the
 * partnerships, portfolio_add_action() for each action (financing summed),
 * portfolio_end(). portfolio_load() feeds it from the store, which sums the
 * financing in SQL. Ownership: a result owns its strings and arrays; free it
 * with portfolio_clear(). */
#ifndef EALA_PORTFOLIO_H
#define EALA_PORTFOLIO_H

#include "../core/model.h"
#include "../store/store.h"

#include <stddef.h>
#include <stdint.h>

#define PORTFOLIO_THRESHOLD 5000.0   /* euros a year: a partnership under it is thinly funded */
#define PORTFOLIO_DORMANT_YEARS 3    /* an active partnership without activity for this long is dormant */
#define PORTFOLIO_MAX_LISTED 500     /* dormant partnerships listed (all are counted) */

/* The classes of data/rules/portfolio.csv. */
enum { PF_SOLIDARITY = 1, PF_ATTRACTIVENESS = 2 };

struct portfolio_rule {
	char *field;   /* "kind", "type" or "domain" */
	char *code;
	int class;     /* PF_SOLIDARITY or PF_ATTRACTIVENESS */
};
struct portfolio_rules {
	struct portfolio_rule *v;
	size_t n;
};
/* Read data/rules/portfolio.csv (path NULL) or path; every problem in el. */
int portfolio_rules_load(const char *path, struct portfolio_rules *out, struct errlist *el);
void portfolio_rules_clear(struct portfolio_rules *r);

struct portfolio_params {
	int year;              /* 0: every year */
	int reference_year;    /* dormancy is judged up to this year (the year, else this year) */
	double threshold;      /* euros a year */
	int dormant_years;
};

/* A share of the actions and of the budget. code "" for "not given". */
struct portfolio_bucket {
	char *code;
	int64_t actions;
	double budget;
};
struct portfolio_buckets {
	struct portfolio_bucket *v;
	size_t n;
};

struct portfolio_priority {
	char *type;            /* "country" or "domain" */
	char *code;
	double target;         /* < 0: none */
	double budget_share, action_share;
};

struct portfolio_dormant {
	int64_t id;
	char *name;
	char *status;
	int last_year;         /* the last year with an action starting or financed; 0: never */
	int by_status;         /* 1: recorded as dormant; 0: active without activity */
};

struct portfolio_unlinked {
	char *country;
	int64_t solidarity, attractiveness;   /* actions of each class in the country */
};

struct portfolio_partner;   /* internal: a partnership while the actions stream */

struct portfolio_result {
	struct portfolio_params params;
	int64_t actions, partnerships;
	double budget;
	int first_year, last_year;    /* of the financing counted; 0: none */
	struct portfolio_buckets by_country, by_income, by_region, by_domain, by_kind, by_type;
	double hhi_country, hhi_domain;   /* -1 when there is no budget to share */
	/* thin spread, over the active partnerships */
	int64_t active;
	int years;                    /* the budget per partnership is a yearly mean over this many years */
	double per_partnership;       /* mean budget a year of an active partnership; -1: none */
	int64_t under_threshold;
	double share_under;           /* -1: no active partnership */
	/* the strategy in force (has_strategy 0: none declared) */
	int has_strategy;
	int64_t strategy_id;
	char *strategy_title;
	int strategy_start, strategy_end;
	struct portfolio_priority *priorities;
	size_t n_priorities;
	double budget_on_priorities, actions_on_priorities;   /* shares; -1 when no budget / action */
	/* dormant partnerships */
	int64_t dormant;
	struct portfolio_dormant *dormant_list;
	size_t n_dormant_listed;
	/* countries with solidarity and attractiveness actions sharing no partnership */
	struct portfolio_unlinked *unlinked;
	size_t n_unlinked;
	/* while streaming */
	struct portfolio_state *state;
};

/* Start a portfolio: rules borrowed for the whole run; partnerships copied
 * (any order); strategy may be NULL. EALA_OK or EALA_ENOMEM. */
int portfolio_begin(struct portfolio_result *r, const struct portfolio_params *p,
		    const struct portfolio_rules *rules, const struct strategy *strategy);
int portfolio_add_partnership(struct portfolio_result *r, const struct store_portfolio_partnership *p);
/* Count one action (after every partnership has been added). */
int portfolio_add_action(struct portfolio_result *r, const struct store_portfolio_action *a);
/* The figures. EALA_OK or EALA_ENOMEM. */
int portfolio_end(struct portfolio_result *r);
void portfolio_clear(struct portfolio_result *r);

/* From the store: the actions authority_id leads and the partnerships it is
 * a member of (0: all of them), its strategy in force in the year. */
int portfolio_load(struct store *st, int64_t authority_id, const struct portfolio_params *p,
		   int public_only, const struct portfolio_rules *rules, struct portfolio_result *out,
		   char **errmsg);

/* "diverse", "moderate" or "concentrated" (the 2010 U.S. Horizontal Merger
 * Guidelines' thresholds on a 0-1 scale: < 0.15, 0.15-0.25, > 0.25);
 * NULL for -1. */
const char *portfolio_hhi_level(double hhi);

/* The sentences that say what the figures mean, in lang (English, or
 * through gettext: the caller's thread in the language's locale). */
typedef void (*portfolio_sentence_fn)(void *ctx, const char *sentence);
void portfolio_sentences(const struct portfolio_result *r, int lang, portfolio_sentence_fn fn, void *ctx);

/* The result as JSON, labels in lang; one JSON for the CLI, the API and the page. */
struct json_t *portfolio_json(const struct portfolio_result *r, int64_t authority_id, int lang);

#endif
