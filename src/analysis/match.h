/* match.h: partner matching (issue 6 item 4; seed 003's online partner
 * exchange, "bourse-partenariats": match rather than list). For a partner
 * call, or for an authority's profile, the authorities that could become its
 * partners, ranked by a score whose parts are shown:
 *
 *   domain        the share of the sought domains (the call's, else the
 *                 caller's actions') found among the candidate's actions;
 *   size_level    half the population ratio (smaller / larger, 0 when one
 *                 is unknown) plus a half when both are of the same level;
 *   networks      a half per city network both belong to, at most 1;
 *   language      1 when their countries share an official language
 *                 (data/country-languages.csv);
 *   stakeholders  1 when a local actor of the caller has a link to the
 *                 candidate itself, a half when only to its country (its
 *                 links abroad, and the actions it takes part in: their
 *                 countries and the authorities in them);
 *   underserved   1 / (1 + n), n the authorities of the caller's country
 *                 with a partnership in the candidate's country; 0 for a
 *                 candidate of the caller's own country.
 *
 * score = 100 x sum(weight x part) / sum(weights), the weights read from
 * data/rules/match.csv; each part's points are its share of the score.
 * Candidates: the authorities of the sought countries (any other country
 * than the caller's when none is sought), less the caller and its partners.
 *
 * match_compute() is pure; match_load_*() read the store. Ownership: the
 * result owns copies of every string; free it with match_clear().
 */
#ifndef EALA_MATCH_H
#define EALA_MATCH_H

#include "../core/model.h"
#include "../store/store.h"

#include <stddef.h>

enum match_part { MATCH_DOMAIN, MATCH_SIZE_LEVEL, MATCH_NETWORKS, MATCH_LANGUAGE, MATCH_STAKEHOLDERS,
		  MATCH_UNDERSERVED, MATCH_NPARTS };

const char *match_part_name(enum match_part p);   /* "domain", as in match.csv */
/* A part's words in lang ("shared networks"), for tables. */
const char *match_part_label(enum match_part p, int lang);

struct match_rules {
	double weight[MATCH_NPARTS];
	double total;             /* the sum of the weights, > 0 */
	char *file;               /* the file they come from ("data/rules/match.csv" for the shipped one) */
};

/* One country's official languages (ISO 639 codes). */
struct match_language {
	char *country;
	struct strv languages;
};
struct match_languages {
	struct match_language *v; /* by country */
	size_t n;
};

/* Read the weights (path NULL: data/rules/match.csv): one row per part,
 * each part once, weights >= 0 and not all 0. EALA_EINVAL with every
 * problem in el (file, line, field). */
int match_rules_load(const char *path, struct match_rules *out, struct errlist *el);
void match_rules_clear(struct match_rules *r);
/* Read data/country-languages.csv (path NULL) the same way. */
int match_languages_load(const char *path, struct match_languages *out, struct errlist *el);
void match_languages_clear(struct match_languages *l);
/* The official languages of country, NULL when the file does not list it. */
const struct strv *match_languages_of(const struct match_languages *l, const char *country);

/* How many home authorities work in one country. */
struct match_presence {
	const char *country;
	int64_t n;
};

/* Everything the score reads besides the candidates (borrowed). */
struct match_input {
	const struct store_match_authority *caller;
	const struct strv *domains;              /* sought domains */
	const int64_t *partners;                 /* the caller's partners, excluded */
	size_t n_partners;
	const struct store_diagnostic_link *links;  /* the caller's local actors' links abroad, and
						     * where their actions go (country, authority) */
	size_t n_links;
	const struct match_presence *presence;   /* home authorities per country */
	size_t n_presence;
	const struct match_languages *languages;
	const struct match_rules *rules;
};

struct match_candidate {
	int64_t id;
	char *name, *country, *level;
	int64_t population;       /* EALA_NO_VALUE when unknown */
	int has_coords;
	double lat, lng;
	double part[MATCH_NPARTS];    /* 0..1 */
	double points[MATCH_NPARTS];  /* weight x part scaled to 100 */
	double score;                 /* 0..100 */
	struct strv shared_domains;   /* sought domains among its actions' */
	int shared_networks;
	char *language;               /* a shared official language, NULL: none */
	int same_level;
	double population_ratio;      /* -1 when a population is unknown */
	int links_to_it, links_to_country;   /* the caller's local actors' links */
	int64_t home_authorities;     /* of the caller's country working in its country */
};

struct match_result {
	struct match_candidate *v;    /* best first (score, then id) */
	size_t n;                     /* at most top */
	size_t considered;            /* candidates scored */
	size_t excluded_partners;     /* candidates left out as partners already */
	struct strv domains;          /* the sought domains */
	struct strv countries;        /* the sought countries; empty: any other country */
	double weight[MATCH_NPARTS];
	char *rules_file;
};

/* Score each candidate (the caller itself and its partners left out) and
 * keep the top best (top 0: all). EALA_OK or EALA_ENOMEM. */
int match_compute(const struct match_input *in, const struct store_match_authority *candidates, size_t n,
		  size_t top, struct match_result *out);
void match_clear(struct match_result *r);

/* The ranked candidates for partner call call_id; EALA_ENOTFOUND when there
 * is no such call (or public_only and it is a draft). */
int match_load_call(struct store *st, int64_t call_id, const struct match_rules *rules,
		    const struct match_languages *langs, size_t top, int public_only, struct match_result *out,
		    char **errmsg);
/* For authority_id's profile: candidates of country (NULL: any other
 * country), sought domains those of its actions. EALA_ENOTFOUND when there
 * is no such authority. */
int match_load_authority(struct store *st, int64_t authority_id, const char *country,
			 const struct match_rules *rules, const struct match_languages *langs, size_t top,
			 int public_only, struct match_result *out, char **errmsg);

/* The sentences that say what the ranking means, in lang, one call of fn each. */
typedef void (*match_sentence_fn)(void *ctx, const char *sentence);
void match_sentences(const struct match_result *r, int lang, match_sentence_fn fn, void *ctx);

/* The one JSON of the CLI, the API and the page. */
struct json_t *match_json(const struct match_result *r, int64_t call_id, int64_t authority_id, int lang);

#endif
