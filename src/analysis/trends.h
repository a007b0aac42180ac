/* trends.h: the observatory's time series (issue 6, item 6; seed 000's
 * "watchdog" that follows the trends): per year, the partnerships that began
 * and ended by kind; the shares of new partnerships with low, lower-middle,
 * upper-middle and high-income countries and with Europe; agreements signed
 * against one-off actions; the actions' domains; budgets by funding source;
 * the organisations that appear, by kind, and the kinds seen for the first
 * time.
 *
 * The store groups the records by year (store_trend_each(): a million
 * partnerships come back as a few thousand rows); trends_add() is pure and
 * folds those rows into the result; trends_load() does both.
 * Ownership: a trends_result owns nothing (codes point into the code lists);
 * the JSON returned belongs to the caller. */
#ifndef EALA_TRENDS_H
#define EALA_TRENDS_H

#include "../core/model.h"
#include "../store/store.h"

#include <stdio.h>

#define TRENDS_FIRST_YEAR 1900
#define TRENDS_LAST_YEAR 2100
#define TRENDS_MAX_CODES 32     /* above the size of each code list a trend counts by */

/* The World Bank's income groups (data/wb_country_class.csv), then countries it leaves out. */
enum trends_income { TI_LOW, TI_LOWER_MIDDLE, TI_UPPER_MIDDLE, TI_HIGH, TI_UNCLASSIFIED, TI_N };

/* The code lists a trend counts by. */
enum trends_list { TL_KIND, TL_DOMAIN, TL_SOURCE, TL_SUBTYPE, TL_N };

struct trends_year {
	int year;
	int64_t started[TRENDS_MAX_CODES];   /* new partnerships by kind (index in its code list) */
	int64_t ended[TRENDS_MAX_CODES];     /* ended partnerships by kind */
	int64_t n_started, n_ended;
	int64_t abroad;                      /* new partnerships with a partner in another country */
	int64_t income[TI_N];                /* ... with a partner in each group (a partnership with
					      * partners in two groups counts in each) */
	int64_t europe;                      /* ... with a partner in Europe */
	int64_t agreements;                  /* agreements signed */
	int64_t actions, oneoff;             /* actions started; of which outside any partnership */
	int64_t domains[TRENDS_MAX_CODES];   /* actions started by domain (one per domain it has) */
	double planned[TRENDS_MAX_CODES];    /* financing in euros by funding source */
	double actual[TRENDS_MAX_CODES];
	double planned_total, actual_total;
	int64_t other_currency;              /* financing rows in another currency, not summed */
	int64_t organisations[TRENDS_MAX_CODES]; /* organisations appearing, by subtype */
	int64_t n_organisations;
};

struct trends_result {
	int from, to;                        /* the years asked for (0: from the data) */
	int first, last;                     /* the years shown: from..to, else the data's span */
	struct trends_year years[TRENDS_LAST_YEAR - TRENDS_FIRST_YEAR + 1];  /* [year - TRENDS_FIRST_YEAR] */
	int first_seen[TRENDS_MAX_CODES];    /* per subtype: the year its first organisation
					      * appeared, 0 when none did */
	int64_t n_started, n_ended, abroad, income[TI_N], europe, agreements, actions, oneoff;
	int64_t organisations;
};

/* Start a result for the years from..to (0, 0: the span of the data). */
void trends_init(struct trends_result *r, int from, int to);
/* Fold one row of store_trend_each() into r. Pure. */
void trends_add(struct trends_result *r, enum store_trend t, const struct store_trend_row *row);
/* Once every row is in: the totals and the years shown. */
void trends_finish(struct trends_result *r);
/* The income group of a country (TI_UNCLASSIFIED when the World Bank has none). */
enum trends_income trends_income_of(const char *country);
/* Whether a country is in Europe: the World Bank's region "Europe & Central
 * Asia" without the five Central Asian states. */
int trends_in_europe(const char *country);

/* Every aggregate from the store, then trends_finish(). r is large: allocate it. */
int trends_load(struct store *st, int from, int to, int public_only, struct trends_result *r,
		char **errmsg);

/* The code of entry i of a list, NULL past its end. */
const char *trends_code(enum trends_list l, size_t i);
/* The income group's code ("low", "lower_middle", ...). */
const char *trends_income_name(enum trends_income g);

/* A year's share in percent of n over d, -1 when d is 0. */
double trends_share(int64_t n, int64_t d);

/* The result as JSON, labels in lang (CL_LANG_*); the same for the CLI, the API and the page. */
struct json_t *trends_json(const struct trends_result *r, int lang);
/* The result as CSV, one figure per line: year,measure,key,value. */
int trends_csv(const struct trends_result *r, FILE *out);

/* The sentences that say what the figures mean, in English or, through
 * gettext (the caller's locale), French: each written into a new string of
 * *out (n at most TRENDS_MAX_SENTENCES); the caller frees them. */
#define TRENDS_MAX_SENTENCES 8
size_t trends_sentences(const struct trends_result *r, int lang, char **out);

#endif
