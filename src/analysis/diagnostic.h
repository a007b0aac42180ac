/* diagnostic.h: the territorial diagnostic (issue 6 item 1; seed 001: "Who
 * are the local stakeholders with a connection to the international
 * dimension? What are the distinguishing features and characteristics of
 * these connections? What potential is there?"). The links abroad of the
 * organisations based in an authority, by type of actor, country, domain
 * and kind; each link matched against the authority's partnerships (the same
 * partner authority, else a partnership in the same country, else none: the
 * potential); the diaspora associations and the countries they connect to.
 *
 * diagnostic_compute() is pure (links and partners in, figures out);
 * diagnostic_load() reads them through the store. Ownership: the result
 * owns copies of every string; free it with diagnostic_clear().
 */
#ifndef EALA_DIAGNOSTIC_H
#define EALA_DIAGNOSTIC_H

#include "../store/store.h"

#include <stddef.h>

enum diagnostic_match {
	DIAG_SAME_PARTNER,   /* the link goes to one of the authority's partners */
	DIAG_SAME_COUNTRY,   /* to another place of a country where it has a partnership */
	DIAG_POTENTIAL,      /* to a country where it has none */
	DIAG_NMATCH
};

struct diagnostic_link {
	int64_t id, organisation_id, partner_authority_id;
	char *organisation, *subtype;   /* subtype NULL: not said */
	char *country, *partner, *place, *domain, *kind;
	enum diagnostic_match match;
};

/* One value of a breakdown: how many local actors (distinct organisations)
 * and links have it. */
struct diagnostic_count {
	char *code;                     /* "" when the value is not given */
	int actors, links;
	int partnered;                  /* by country: the authority has a partnership there */
};

struct diagnostic_counts {
	struct diagnostic_count *v;     /* most actors first, then most links, then code */
	size_t n;
};

struct diagnostic_diaspora {
	int64_t organisation_id;
	char *name;
	char **countries;               /* sorted, distinct */
	size_t n_countries;
};

struct diagnostic_result {
	struct diagnostic_link *links;  /* by id */
	size_t n_links;
	char **partner_countries;       /* countries of the authority's partners, sorted, distinct */
	size_t n_partner_countries;
	int actors;                     /* distinct organisations with a link */
	int matches[DIAG_NMATCH];       /* links by match */
	int unpartnered;                /* countries with links and no partnership */
	struct diagnostic_counts by_country, by_type, by_domain, by_kind;
	struct diagnostic_diaspora *diaspora;   /* by name */
	size_t n_diaspora;
};

/* The figures for these links (as the store gives them) and partners (one
 * row per partner of each partnership). EALA_OK or EALA_ENOMEM; *out is
 * cleared and filled. */
int diagnostic_compute(const struct store_diagnostic_link *links, size_t n_links,
		       const struct store_diagnostic_partner *partners, size_t n_partners,
		       struct diagnostic_result *out);
void diagnostic_clear(struct diagnostic_result *r);

/* The links of the organisations based in authority_id (or in an authority
 * whose parent it is) and its partners, then diagnostic_compute().
 * public_only leaves drafts out. EALA_OK or a store error with *errmsg. */
int diagnostic_load(struct store *st, int64_t authority_id, int public_only, struct diagnostic_result *out,
		    char **errmsg);

const char *diagnostic_match_name(enum diagnostic_match m);   /* "same_partner" */

/* The sentences that say what the figures mean, in lang (CL_LANG_EN or
 * CL_LANG_FR through gettext), one call of fn each. */
typedef void (*diagnostic_sentence_fn)(void *ctx, const char *sentence);
void diagnostic_sentences(const struct diagnostic_result *r, int lang, diagnostic_sentence_fn fn, void *ctx);

/* The one JSON of the CLI, the API and the page; labels in lang. */
struct json_t *diagnostic_json(const struct diagnostic_result *r, int64_t authority_id, int lang);

#endif
