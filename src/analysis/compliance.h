/* compliance.h: the money and law checks of an authority's external action
 * (issue 5): the 1% ceilings, the AFD facility's (FICOL) conditions, council
 * deliberations and the parties to conventions, expired conventions on active
 * partnerships, the international budget's share; and, for one action and
 * one call for projects, what is ready and what is missing.
 *
 * The rules are data (data/rules/compliance.csv: thresholds, the legal source
 * and the seed's words), the calls too (data/rules/calls.csv: the records
 * each one requires). compliance_compute() and compliance_call_check() are
 * pure: records in, findings out; compliance_load() and compliance_call_load()
 * gather the records through the store. Each finding becomes one sentence
 * (compliance_sentence(), English or French) linked to its record.
 *
 * Ownership: a result owns its findings and their strings; the findings point
 * into the rules and calls, which must outlive the result.
 */
#ifndef EALA_COMPLIANCE_H
#define EALA_COMPLIANCE_H

#include "../core/model.h"
#include "../store/store.h"

#include <stddef.h>

struct json_t;

/* One rule of data/rules/compliance.csv. */
struct compliance_rule {
	char *id;              /* "water_1pct" */
	char *kind;            /* one_percent_ceiling, ficol_amount, ficol_share, ficol_years,
				* deliberation, convention_party, convention_expired, budget_share */
	char *funding_source;  /* the financing rows it reads (funding-source code) */
	char *budget;          /* the budget-year field: water, waste, mobility, international */
	double min, max;       /* amount limits, < 0: none */
	double share;          /* a ceiling or a floor as a fraction (0.01), < 0: none */
	int years;             /* at most this many years, 0: none */
	struct strv sources;   /* funding sources that count as the authorities' and partners' */
	char *legal_source;    /* article and law */
	char *date;            /* the law's date */
	char *seed;            /* the seed's words */
};

struct compliance_rules {
	struct compliance_rule *v;
	size_t n;
};

/* One call for projects of data/rules/calls.csv. */
struct compliance_call {
	char *id;              /* "afd_ficol" */
	char *label[2];        /* English, French */
	char *funding_source;
	struct strv requires;  /* project, convention, deliberation, home_commitment,
				* partner_commitment, earlier_reports, oda_country,
				* results_framework, theme, call_country, ficol */
	struct strv home_sources;    /* funding sources that quantify the home side's commitment */
	struct strv partner_sources; /* and the partner side's */
	struct strv domains;   /* theme: the action must have one of these domains */
	struct strv countries; /* call_country: the action's country must be one of these */
	char *source;
};

struct compliance_calls {
	struct compliance_call *v;
	size_t n;
};

/* Read the rules (path NULL: the data folder's rules/compliance.csv). Every
 * problem goes to el (file, line, field). EALA_OK or EALA_EINVAL/EALA_EIO. */
int compliance_rules_load(const char *path, struct compliance_rules *out, struct errlist *el);
void compliance_rules_clear(struct compliance_rules *r);
const struct compliance_rule *compliance_rule_find(const struct compliance_rules *r, const char *id);

int compliance_calls_load(const char *path, struct compliance_calls *out, struct errlist *el);
void compliance_calls_clear(struct compliance_calls *c);
const struct compliance_call *compliance_call_find(const struct compliance_calls *c, const char *id);

/* What a finding says. */
enum compliance_status {
	CS_OK,         /* the rule is met / the requirement is ready */
	CS_BREACH,     /* the rule is broken */
	CS_MISSING,    /* a record lacks what the rule or the call needs */
	CS_INFO,       /* a figure to know, no limit */
};

enum compliance_code {
	CF_CEILING_OK, CF_CEILING_OVER, CF_CEILING_NO_BUDGET,
	CF_FICOL_AMOUNT_OK, CF_FICOL_AMOUNT_LOW, CF_FICOL_AMOUNT_HIGH,
	CF_FICOL_SHARE_OK, CF_FICOL_SHARE_LOW,
	CF_FICOL_YEARS_OK, CF_FICOL_YEARS_OVER,
	CF_DELIB_OK, CF_DELIB_MISSING, CF_DELIB_AFTER,
	CF_PARTY_STATE, CF_PARTY_STATE_OVERSEAS,
	CF_EXPIRED, CF_RENEWED,
	CF_SHARE, CF_SHARE_UNKNOWN,
	/* the call check */
	CF_CALL_PROJECT_OK, CF_CALL_PROJECT_MISSING,
	CF_CALL_CONVENTION_OK, CF_CALL_CONVENTION_NONE, CF_CALL_CONVENTION_EXPIRED,
	CF_CALL_DELIB_OK, CF_CALL_DELIB_MISSING,
	CF_CALL_HOME_OK, CF_CALL_HOME_MISSING,
	CF_CALL_PARTNER_OK, CF_CALL_PARTNER_MISSING,
	CF_CALL_REPORTS_OK, CF_CALL_REPORTS_MISSING,
	CF_CALL_ODA_OK, CF_CALL_ODA_NOT, CF_CALL_ODA_NO_COUNTRY,
	CF_CALL_RESULTS_OK, CF_CALL_RESULTS_MISSING,
	CF_CALL_THEME_OK, CF_CALL_THEME_NOT,
	CF_CALL_COUNTRY_OK, CF_CALL_COUNTRY_NOT, CF_CALL_COUNTRY_UNKNOWN,
	CF_CALL_FICOL_NONE,
	CF_NCODES
};

struct compliance_finding {
	enum compliance_code code;
	const struct compliance_rule *rule;  /* NULL for a call's requirement */
	const char *requirement;             /* the call's requirement ("convention"), or NULL */
	const char *kind;                    /* the record it links to: "authority", "partnership", "action" */
	int64_t record_id;
	char *name;                          /* that record's name or title */
	int year;                            /* 0: none */
	double a, b, c;                      /* figures (amounts, shares, counts) */
	char *s1, *s2;                       /* dates, codes, names */
};

struct compliance_result {
	struct compliance_finding *v;
	size_t n, cap;
};

/* The records the checks read. Members of partnerships are looked up in
 * authorities (by id); financing rows are those of the actions given. */
struct compliance_input {
	const struct authority *authorities;
	size_t n_authorities;
	const struct partnership *partnerships;
	size_t n_partnerships;
	const struct action *actions;
	size_t n_actions;
	const struct financing *financing;
	size_t n_financing;
	const struct budget_year *budgets;
	size_t n_budgets;
	int year;              /* 0: every year */
	const char *on;        /* the date expiry is judged on, YYYY-MM-DD */
};

enum compliance_status compliance_status_of(enum compliance_code code);
const char *compliance_status_name(enum compliance_status s);  /* "ok", "breach", "missing", "info" */

/* Every rule on the records; findings grouped by rule, in the rules' order. */
int compliance_compute(const struct compliance_rules *rules, const struct compliance_input *in,
		       struct compliance_result *out);

/* What a call needs, for one action. eligible: the ODA-eligible countries
 * (ISO alpha-2); n_results_with_indicator: the action's (or its
 * partnership's) expected impacts that have an indicator. partnership may be
 * NULL (a standalone action); authorities holds its members. financing: the
 * rows of every action of the lead authority (earlier grants' reports). */
int compliance_call_check(const struct compliance_rules *rules, const struct compliance_call *call,
			  const struct action *action, const struct partnership *partnership,
			  const struct compliance_input *in, const struct strv *eligible,
			  size_t n_results_with_indicator, struct compliance_result *out);

void compliance_result_clear(struct compliance_result *r);

/* Gather an authority's records (0: every authority) and run the checks;
 * on: the judging date (NULL: 31 December of year, or today). */
int compliance_load(struct store *st, const struct compliance_rules *rules, int64_t authority_id, int year,
		    const char *on, int public_only, struct compliance_result *out, char **errmsg);
/* Gather the action's records and check them against the call. EALA_ENOTFOUND
 * when the action does not exist. */
int compliance_call_load(struct store *st, const struct compliance_rules *rules,
			 const struct compliance_call *call, int64_t action_id, int year, const char *on,
			 int public_only, struct compliance_result *out, char **errmsg);

/* The finding as one sentence in lang (CL_LANG_EN, CL_LANG_FR: the French
 * through gettext, the caller's thread in a French locale). */
void compliance_sentence(const struct compliance_finding *f, int lang, char *out, size_t n);

/* The findings as JSON (sentences in English): the same for the CLI and the API. */
struct json_t *compliance_json(const struct compliance_result *r, const struct compliance_call *call,
			       int64_t authority_id, int64_t action_id, int year);

#endif
