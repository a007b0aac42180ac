/* eapd.h: the yearly ODA declaration of a French local authority (the
 * "déclaration de l'aide publique au développement des collectivités", seed 003:
 * "Plus de 100 millions € de contribution annuelle des collectivités
 * françaises à l'aide publique au développement (APD) nationale"): what the
 * authority paid in a year from its own money, by category, by recipient
 * country and by DAC sector, for ODA-eligible countries only, and the actions
 * that lack a field the return needs.
 *
 * The rules are data: data/rules/eapd.csv says which funding sources are the
 * authority's own money and which category a 1% budget goes to;
 * data/rules/eapd-categories.csv which categories go by country;
 * data/oda-eligible.csv the eligible countries and where that list comes from.
 * eapd_compute() is pure; eapd_load() reads one authority's records.
 *
 * Amounts: the actual amount of each financing row of the year, in euros. An
 * action's amount is split evenly between its countries (the shares of
 * countries not eligible are left out and listed) and between its sectors.
 * Ownership: an eapd_return owns its strings; free it with eapd_return_clear().
 */
#ifndef EALA_EAPD_H
#define EALA_EAPD_H

#include "../core/model.h"
#include "../store/store.h"

#include <stddef.h>

struct eapd_source_rule {
	char *funding_source;
	int counted;            /* the authority's own money: declared */
	char *category;         /* the category it goes to; NULL: the action's eapd_category */
};

struct eapd_rules {
	struct eapd_source_rule *sources;
	size_t n_sources;
	struct strv by_country; /* categories declared by recipient country */
	struct strv eligible;   /* ODA-eligible countries, ISO alpha-2 */
	char *basis;            /* where that list comes from (data/oda-eligible.csv's basis) */
};

/* One line of the return: an action's share for one country and one sector. */
struct eapd_line {
	int64_t action_id;
	char *title;
	char *category;
	char *country;          /* NULL: not allocated to a country */
	char *sector;           /* NULL: no sector given */
	double amount;
};

/* An action (or a share of one) the return leaves out or counts with a gap. */
struct eapd_issue {
	int64_t action_id;
	char *title;
	char *field;            /* the field at fault: eapd_category, actual, currency, countries, sectors */
	char *problem;          /* what is wrong, in English */
	double amount;          /* the amount concerned */
	int lacking;            /* 1: a field the return needs is missing; 0: left out by rule */
	int counted;            /* the amount is in the totals all the same */
};

struct eapd_total {
	char *key;              /* category, country or sector code; NULL: none */
	double amount;
};

struct eapd_return {
	int64_t authority_id;
	int year;
	struct eapd_line *lines;
	size_t n_lines;
	struct eapd_issue *issues;
	size_t n_issues;
	struct eapd_total *by_category, *by_country, *by_sector;
	size_t n_category, n_country, n_sector;
	double total;
	const char *basis;      /* borrowed from the rules */
};

/* Read data/rules/eapd.csv, data/rules/eapd-categories.csv and
 * data/oda-eligible.csv (every problem in el). */
int eapd_rules_load(struct eapd_rules *out, struct errlist *el);
void eapd_rules_clear(struct eapd_rules *r);

/* Just the eligible countries (and, if basis is not NULL, their basis: the
 * caller frees it). */
int eapd_eligible_load(struct strv *codes, char **basis, struct errlist *el);

/* The return of the year from the actions an authority leads and their
 * financing rows (any year: those of other years are skipped). Drafts are
 * left out and listed. */
int eapd_compute(const struct eapd_rules *rules, const struct action *actions, size_t n_actions,
		 const struct financing *financing, size_t n_financing, int year, struct eapd_return *out);

/* The actions authority_id leads and their financing, then eapd_compute(). */
int eapd_load(struct store *st, const struct eapd_rules *rules, int64_t authority_id, int year,
	      struct eapd_return *out, char **errmsg);

void eapd_return_clear(struct eapd_return *r);

#endif
