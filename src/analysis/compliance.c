/* compliance.c: the money and law checks and the call check; see compliance.h.
 *
 * Amounts: a financing row counts its actual amount where one is recorded,
 * else its planned amount (a plan is what a call or a ceiling is judged on
 * before the year is over). Amounts in another currency than the euro are
 * left out of the sums: the thresholds of the law are in euros.
 */
#include "compliance.h"

#include "eapd.h"
#include "../core/codelist.h"
#include "../io/codelist_load.h"
#include "../io/csvread.h"

#include <jansson.h>
#include <libintl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ================= the rules and the calls as data ================= */

static int col(const struct csv_doc *d, const char *name)
{
	const char *const names[] = {name, NULL};
	return csvdoc_column(d, names);
}

static char *cell(const struct csv_row *r, int i)
{
	return i < 0 ? NULL : xstrdup(csvdoc_field(r, i));
}

static void read_number(const struct csv_doc *d, const struct csv_row *r, int i, const char *field,
			double *out, struct errlist *el)
{
	const char *s = i < 0 ? NULL : csvdoc_field(r, i);
	*out = -1;
	if (s && !csv_parse_number(s, '.', out)) {
		errlist_add(el, d->file, r->line, field, "is not a number: '%s'", s);
		*out = -1;
	}
}

static int need_columns(const struct csv_doc *d, const char *const *names, struct errlist *el)
{
	int missing = 0;
	for (size_t i = 0; names[i]; i++)
		if (col(d, names[i]) < 0) {
			errlist_add(el, d->file, d->header_line, names[i], "missing column");
			missing++;
		}
	return missing;
}

static const char *const rule_kinds[] = {"one_percent_ceiling", "ficol_amount", "ficol_share", "ficol_years",
					 "deliberation", "convention_party", "convention_expired",
					 "budget_share", NULL};
static const char *const budget_fields[] = {"water", "waste", "mobility", "international", "total", NULL};

static int in_list(const char *const *list, const char *s)
{
	for (size_t i = 0; s && list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

static void read_rule(const struct csv_doc *d, const struct csv_row *r, struct compliance_rule *x,
		      struct errlist *el)
{
	x->id = cell(r, col(d, "id"));
	x->kind = cell(r, col(d, "kind"));
	x->funding_source = cell(r, col(d, "funding_source"));
	x->budget = cell(r, col(d, "budget"));
	x->legal_source = cell(r, col(d, "legal_source"));
	x->date = cell(r, col(d, "date"));
	x->seed = cell(r, col(d, "seed"));
	read_number(d, r, col(d, "min"), "min", &x->min, el);
	read_number(d, r, col(d, "max"), "max", &x->max, el);
	read_number(d, r, col(d, "share"), "share", &x->share, el);
	double years;
	read_number(d, r, col(d, "years"), "years", &years, el);
	x->years = years > 0 ? (int)years : 0;
	const char *src = csvdoc_field(r, col(d, "sources"));
	if (src)
		strv_split(&x->sources, src, '|');
	if (!x->id)
		errlist_add(el, d->file, r->line, "id", "is required");
	if (!in_list(rule_kinds, x->kind))
		errlist_add(el, d->file, r->line, "kind", "is not a kind of rule eala checks: '%s'",
			    x->kind ? x->kind : "");
	if (x->funding_source && !codelist_has(CL_FUNDING_SOURCE, x->funding_source))
		errlist_add(el, d->file, r->line, "funding_source", "is not a code of the funding-source list: '%s'",
			    x->funding_source);
	for (size_t i = 0; i < x->sources.n; i++)
		if (!codelist_has(CL_FUNDING_SOURCE, x->sources.v[i]))
			errlist_add(el, d->file, r->line, "sources", "is not a code of the funding-source list: '%s'",
				    x->sources.v[i]);
	if (x->budget && !in_list(budget_fields, x->budget))
		errlist_add(el, d->file, r->line, "budget", "is not a budget of the year: '%s'", x->budget);
	if (!x->legal_source)
		errlist_add(el, d->file, r->line, "legal_source", "is required: every rule cites its law");
	if (x->kind && strcmp(x->kind, "one_percent_ceiling") == 0 &&
	    (!x->funding_source || !x->budget || x->share <= 0))
		errlist_add(el, d->file, r->line, "share", "a ceiling needs funding_source, budget and share");
	if (x->kind && strcmp(x->kind, "ficol_amount") == 0 && (x->min < 0 || x->max < x->min))
		errlist_add(el, d->file, r->line, "max", "the amount rule needs min and max, min first");
	if (x->kind && strcmp(x->kind, "ficol_share") == 0 && (x->share <= 0 || !x->sources.n))
		errlist_add(el, d->file, r->line, "share", "the share rule needs share and sources");
	if (x->kind && strcmp(x->kind, "ficol_years") == 0 && !x->years)
		errlist_add(el, d->file, r->line, "years", "the duration rule needs years");
}

static char *data_path(const char *path, const char *rel)
{
	return path ? xstrdup(path) : eala_datapath(rel);
}

int compliance_rules_load(const char *path, struct compliance_rules *out, struct errlist *el)
{
	static const char *const cols[] = {"id", "kind", "legal_source", NULL};
	struct csv_doc d;
	size_t before = el->n;
	char *file = data_path(path, "rules/compliance.csv");
	memset(out, 0, sizeof(*out));
	int rc = csvdoc_read_file(file, &d, el);
	free(file);
	if (rc)
		return rc;
	if (need_columns(&d, cols, el) == 0) {
		out->v = calloc(d.n ? d.n : 1, sizeof(*out->v));
		for (size_t i = 0; out->v && i < d.n; i++)
			read_rule(&d, &d.rows[i], &out->v[out->n++], el);
	}
	csvdoc_clear(&d);
	if (!out->v && el->n == before)
		errlist_add(el, NULL, 0, "rules", "out of memory");
	return el->n > before ? EALA_EINVAL : EALA_OK;
}

void compliance_rules_clear(struct compliance_rules *r)
{
	for (size_t i = 0; r && i < r->n; i++) {
		struct compliance_rule *x = &r->v[i];
		free(x->id), free(x->kind), free(x->funding_source), free(x->budget);
		free(x->legal_source), free(x->date), free(x->seed);
		strv_clear(&x->sources);
	}
	if (r) {
		free(r->v);
		memset(r, 0, sizeof(*r));
	}
}

const struct compliance_rule *compliance_rule_find(const struct compliance_rules *r, const char *id)
{
	for (size_t i = 0; id && i < r->n; i++)
		if (r->v[i].id && strcmp(r->v[i].id, id) == 0)
			return &r->v[i];
	return NULL;
}

static const char *const requirements[] = {"project", "convention", "deliberation", "home_commitment",
					   "partner_commitment", "earlier_reports", "oda_country",
					   "results_framework", "theme", "call_country", "ficol", NULL};

static void split_codes(const struct csv_doc *d, const struct csv_row *r, const char *name, struct strv *out,
			enum codelist_id list, struct errlist *el)
{
	const char *s = csvdoc_field(r, col(d, name));
	if (s)
		strv_split(out, s, '|');
	for (size_t i = 0; i < out->n; i++)
		if (!codelist_has(list, out->v[i]))
			errlist_add(el, d->file, r->line, name, "is not a code of the %s list: '%s'",
				    codelist_name(list), out->v[i]);
}

static void read_call(const struct csv_doc *d, const struct csv_row *r, struct compliance_call *c,
		      struct errlist *el)
{
	c->id = cell(r, col(d, "call"));
	c->label[0] = cell(r, col(d, "label_en"));
	c->label[1] = cell(r, col(d, "label_fr"));
	c->funding_source = cell(r, col(d, "funding_source"));
	c->source = cell(r, col(d, "source"));
	const char *req = csvdoc_field(r, col(d, "requires"));
	if (req)
		strv_split(&c->requires, req, '|');
	for (size_t i = 0; i < c->requires.n; i++)
		if (!in_list(requirements, c->requires.v[i]))
			errlist_add(el, d->file, r->line, "requires", "is not a requirement eala checks: '%s'",
				    c->requires.v[i]);
	split_codes(d, r, "home_sources", &c->home_sources, CL_FUNDING_SOURCE, el);
	split_codes(d, r, "partner_sources", &c->partner_sources, CL_FUNDING_SOURCE, el);
	split_codes(d, r, "domains", &c->domains, CL_ACTION_DOMAIN, el);
	split_codes(d, r, "countries", &c->countries, CL_COUNTRY, el);
	if (!c->id)
		errlist_add(el, d->file, r->line, "call", "is required");
	if (!c->label[0])
		errlist_add(el, d->file, r->line, "label_en", "is required");
	if (!c->funding_source || !codelist_has(CL_FUNDING_SOURCE, c->funding_source))
		errlist_add(el, d->file, r->line, "funding_source", "is not a code of the funding-source list: '%s'",
			    c->funding_source ? c->funding_source : "");
	if (!c->source)
		errlist_add(el, d->file, r->line, "source", "is required: every call cites its source");
}

int compliance_calls_load(const char *path, struct compliance_calls *out, struct errlist *el)
{
	static const char *const cols[] = {"call", "label_en", "funding_source", "requires", "source", NULL};
	struct csv_doc d;
	size_t before = el->n;
	char *file = data_path(path, "rules/calls.csv");
	memset(out, 0, sizeof(*out));
	int rc = csvdoc_read_file(file, &d, el);
	free(file);
	if (rc)
		return rc;
	if (need_columns(&d, cols, el) == 0) {
		out->v = calloc(d.n ? d.n : 1, sizeof(*out->v));
		for (size_t i = 0; out->v && i < d.n; i++)
			read_call(&d, &d.rows[i], &out->v[out->n++], el);
	}
	csvdoc_clear(&d);
	return el->n > before ? EALA_EINVAL : EALA_OK;
}

void compliance_calls_clear(struct compliance_calls *c)
{
	for (size_t i = 0; c && i < c->n; i++) {
		struct compliance_call *x = &c->v[i];
		free(x->id), free(x->label[0]), free(x->label[1]), free(x->funding_source), free(x->source);
		strv_clear(&x->requires), strv_clear(&x->home_sources), strv_clear(&x->partner_sources);
		strv_clear(&x->domains), strv_clear(&x->countries);
	}
	if (c) {
		free(c->v);
		memset(c, 0, sizeof(*c));
	}
}

const struct compliance_call *compliance_call_find(const struct compliance_calls *c, const char *id)
{
	for (size_t i = 0; id && i < c->n; i++)
		if (c->v[i].id && strcmp(c->v[i].id, id) == 0)
			return &c->v[i];
	return NULL;
}

/* ================= findings ================= */

static const enum compliance_status statuses[CF_NCODES] = {
	[CF_CEILING_OK] = CS_OK, [CF_CEILING_OVER] = CS_BREACH, [CF_CEILING_NO_BUDGET] = CS_MISSING,
	[CF_FICOL_AMOUNT_OK] = CS_OK, [CF_FICOL_AMOUNT_LOW] = CS_BREACH, [CF_FICOL_AMOUNT_HIGH] = CS_BREACH,
	[CF_FICOL_SHARE_OK] = CS_OK, [CF_FICOL_SHARE_LOW] = CS_BREACH,
	[CF_FICOL_YEARS_OK] = CS_OK, [CF_FICOL_YEARS_OVER] = CS_BREACH,
	[CF_DELIB_OK] = CS_OK, [CF_DELIB_MISSING] = CS_MISSING, [CF_DELIB_AFTER] = CS_BREACH,
	[CF_PARTY_STATE] = CS_BREACH, [CF_PARTY_STATE_OVERSEAS] = CS_OK,
	[CF_EXPIRED] = CS_BREACH, [CF_RENEWED] = CS_OK,
	[CF_SHARE] = CS_INFO, [CF_SHARE_UNKNOWN] = CS_MISSING,
	[CF_CALL_PROJECT_OK] = CS_OK, [CF_CALL_PROJECT_MISSING] = CS_MISSING,
	[CF_CALL_CONVENTION_OK] = CS_OK, [CF_CALL_CONVENTION_NONE] = CS_MISSING,
	[CF_CALL_CONVENTION_EXPIRED] = CS_MISSING,
	[CF_CALL_DELIB_OK] = CS_OK, [CF_CALL_DELIB_MISSING] = CS_MISSING,
	[CF_CALL_HOME_OK] = CS_OK, [CF_CALL_HOME_MISSING] = CS_MISSING,
	[CF_CALL_PARTNER_OK] = CS_OK, [CF_CALL_PARTNER_MISSING] = CS_MISSING,
	[CF_CALL_REPORTS_OK] = CS_OK, [CF_CALL_REPORTS_MISSING] = CS_MISSING,
	[CF_CALL_ODA_OK] = CS_OK, [CF_CALL_ODA_NOT] = CS_BREACH, [CF_CALL_ODA_NO_COUNTRY] = CS_MISSING,
	[CF_CALL_RESULTS_OK] = CS_OK, [CF_CALL_RESULTS_MISSING] = CS_MISSING,
	[CF_CALL_THEME_OK] = CS_OK, [CF_CALL_THEME_NOT] = CS_BREACH,
	[CF_CALL_COUNTRY_OK] = CS_OK, [CF_CALL_COUNTRY_NOT] = CS_BREACH, [CF_CALL_COUNTRY_UNKNOWN] = CS_MISSING,
	[CF_CALL_FICOL_NONE] = CS_MISSING,
};

enum compliance_status compliance_status_of(enum compliance_code code)
{
	return code < CF_NCODES ? statuses[code] : CS_INFO;
}

const char *compliance_status_name(enum compliance_status s)
{
	static const char *const names[] = {"ok", "breach", "missing", "info"};
	return names[s];
}

static struct compliance_finding *add(struct compliance_result *r, enum compliance_code code,
				      const struct compliance_rule *rule, const char *kind, int64_t id,
				      const char *name)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 16;
		struct compliance_finding *v = realloc(r->v, cap * sizeof(*v));
		if (!v)
			return NULL;
		r->v = v;
		r->cap = cap;
	}
	struct compliance_finding *f = &r->v[r->n++];
	memset(f, 0, sizeof(*f));
	f->code = code;
	f->rule = rule;
	f->kind = kind;
	f->record_id = id;
	f->name = xstrdup(name);
	return f;
}

void compliance_result_clear(struct compliance_result *r)
{
	for (size_t i = 0; r && i < r->n; i++)
		free(r->v[i].name), free(r->v[i].s1), free(r->v[i].s2);
	if (r) {
		free(r->v);
		memset(r, 0, sizeof(*r));
	}
}

/* ================= helpers on the records ================= */

static int year_of(const char *date)
{
	return date && strlen(date) >= 4 ? atoi(date) : 0;
}

static int is_eur(const struct financing *f)
{
	return !f->currency || strcmp(f->currency, "EUR") == 0;
}

/* The row's amount: actual where recorded, else planned; 0 for another currency. */
static double amount(const struct financing *f)
{
	if (!is_eur(f))
		return 0;
	return f->has_actual ? f->actual : f->has_planned ? f->planned : 0;
}

/* The row's planned amount, else its actual one (a financing plan). */
static double planned(const struct financing *f)
{
	if (!is_eur(f))
		return 0;
	return f->has_planned ? f->planned : f->has_actual ? f->actual : 0;
}

/* in->actions is sorted by id (compliance_compute() and
 * compliance_call_check() see to it): a binary search. */
static const struct action *action_by_id(const struct compliance_input *in, int64_t id)
{
	size_t lo = 0, hi = in->n_actions;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (in->actions[mid].id == id)
			return &in->actions[mid];
		if (in->actions[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int cmp_action(const void *a, const void *b)
{
	int64_t x = ((const struct action *)a)->id, y = ((const struct action *)b)->id;
	return (x > y) - (x < y);
}

/* The input with its actions sorted by id: *copy is NULL when they already
 * are (the store lists them so), else a shallow copy to free (not to clear). */
static int sorted_input(const struct compliance_input *in, struct compliance_input *out, struct action **copy)
{
	*out = *in;
	*copy = NULL;
	for (size_t i = 1; i < in->n_actions; i++) {
		if (in->actions[i - 1].id < in->actions[i].id)
			continue;
		if (!(*copy = malloc(in->n_actions * sizeof(**copy))))
			return EALA_ENOMEM;
		memcpy(*copy, in->actions, in->n_actions * sizeof(**copy));
		qsort(*copy, in->n_actions, sizeof(**copy), cmp_action);
		out->actions = *copy;
		break;
	}
	return EALA_OK;
}

static const struct authority *authority_by_id(const struct compliance_input *in, int64_t id)
{
	for (size_t i = 0; i < in->n_authorities; i++)
		if (in->authorities[i].id == id)
			return &in->authorities[i];
	return NULL;
}

static const char *authority_name(const struct compliance_input *in, int64_t id)
{
	const struct authority *a = authority_by_id(in, id);
	return a && a->name ? a->name : "?";
}

static double budget_field(const struct budget_year *b, const char *field)
{
	if (strcmp(field, "water") == 0)
		return b->water;
	if (strcmp(field, "waste") == 0)
		return b->waste;
	if (strcmp(field, "mobility") == 0)
		return b->mobility;
	if (strcmp(field, "international") == 0)
		return b->international;
	return b->total;
}

static const struct budget_year *budget_of(const struct compliance_input *in, int64_t authority_id, int year)
{
	for (size_t i = 0; i < in->n_budgets; i++)
		if (in->budgets[i].authority_id == authority_id && in->budgets[i].year == year)
			return &in->budgets[i];
	return NULL;
}

/* ================= the rules ================= */

/* One row of a 1% source, with its lead authority. */
struct spend {
	int64_t authority_id;
	int year;
	double amount;
	int from_plan;          /* no actual amount: the planned one */
};

static int cmp_spend(const void *a, const void *b)
{
	const struct spend *x = a, *y = b;
	if (x->authority_id != y->authority_id)
		return x->authority_id < y->authority_id ? -1 : 1;
	return (x->year > y->year) - (x->year < y->year);
}

static void ceiling_finding(const struct compliance_rule *rule, const struct compliance_input *in,
			    const struct spend *s, double spent, int from_plan, struct compliance_result *out)
{
	const struct budget_year *b = budget_of(in, s->authority_id, s->year);
	double service = b ? budget_field(b, rule->budget) : -1;
	enum compliance_code code = service < 0 ? CF_CEILING_NO_BUDGET
			 : spent > rule->share * service + 0.005 ? CF_CEILING_OVER : CF_CEILING_OK;
	struct compliance_finding *x = add(out, code, rule, "authority", s->authority_id,
					   authority_name(in, s->authority_id));
	if (x) {
		x->year = s->year;
		x->a = spent;
		x->b = service < 0 ? -1 : rule->share * service;
		x->c = service;
		x->s1 = xstrdup(rule->funding_source);
		x->s2 = from_plan ? xstrdup("planned") : NULL;
	}
}

/* The 1% ceilings: per lead authority and year with spending from the rule's source. */
static void check_ceiling(const struct compliance_rule *rule, const struct compliance_input *in,
			  struct compliance_result *out)
{
	struct spend *v = calloc(in->n_financing + 1, sizeof(*v));
	size_t n = 0;
	if (!v)
		return;
	for (size_t i = 0; i < in->n_financing; i++) {
		const struct financing *f = &in->financing[i];
		const struct action *a;
		if (!f->source || strcmp(f->source, rule->funding_source) != 0 || (in->year && f->year != in->year))
			continue;
		if ((a = action_by_id(in, f->action_id)))
			v[n++] = (struct spend){a->authority_id, f->year, amount(f), !f->has_actual};
	}
	qsort(v, n, sizeof(*v), cmp_spend);
	for (size_t k = 0; k < n;) {
		double spent = 0;
		int from_plan = 0;
		size_t j = k;
		for (; j < n && cmp_spend(&v[j], &v[k]) == 0; j++)
			spent += v[j].amount, from_plan |= v[j].from_plan;
		ceiling_finding(rule, in, &v[k], spent, from_plan, out);
		k = j;
	}
	free(v);
}

/* The AFD facility's amounts of one action. */
struct ficol_plan {
	double afd, total, counted;
	int first, last;       /* years of the AFD rows; 0 when none */
};

static void ficol_plan_of(const struct compliance_input *in, int64_t action_id, const char *afd_source,
			  const struct strv *counted, struct ficol_plan *p)
{
	memset(p, 0, sizeof(*p));
	for (size_t i = 0; i < in->n_financing; i++) {
		const struct financing *f = &in->financing[i];
		if (f->action_id != action_id)
			continue;
		double v = planned(f);
		p->total += v;
		if (strcmp(f->source, afd_source) == 0) {
			p->afd += v;
			if (!p->first || f->year < p->first)
				p->first = f->year;
			if (f->year > p->last)
				p->last = f->year;
		} else if (counted && strv_contains(counted, f->source)) {
			p->counted += v;
		}
	}
}

static int has_source_in_year(const struct compliance_input *in, int64_t action_id, const char *source, int year)
{
	for (size_t i = 0; i < in->n_financing; i++) {
		const struct financing *f = &in->financing[i];
		if (f->action_id == action_id && strcmp(f->source, source) == 0 && (!year || f->year == year))
			return 1;
	}
	return 0;
}

static void ficol_one(const struct compliance_rule *rule, const struct compliance_input *in,
		      const struct action *a, struct compliance_result *out)
{
	struct ficol_plan p;
	ficol_plan_of(in, a->id, rule->funding_source, &rule->sources, &p);
	if (!p.first)
		return;
	struct compliance_finding *x = NULL;
	if (strcmp(rule->kind, "ficol_amount") == 0) {
		enum compliance_code code = p.afd < rule->min ? CF_FICOL_AMOUNT_LOW
					  : p.afd > rule->max ? CF_FICOL_AMOUNT_HIGH : CF_FICOL_AMOUNT_OK;
		if ((x = add(out, code, rule, "action", a->id, a->title)))
			x->a = p.afd, x->b = rule->min, x->c = rule->max;
	} else if (strcmp(rule->kind, "ficol_share") == 0) {
		double share = p.total > 0 ? p.counted / p.total : 0;
		enum compliance_code code = share + 1e-9 >= rule->share ? CF_FICOL_SHARE_OK : CF_FICOL_SHARE_LOW;
		if ((x = add(out, code, rule, "action", a->id, a->title)))
			x->a = share, x->b = p.counted, x->c = p.total;
	} else {
		int span = p.last - p.first + 1;
		enum compliance_code code = span > rule->years ? CF_FICOL_YEARS_OVER : CF_FICOL_YEARS_OK;
		if ((x = add(out, code, rule, "action", a->id, a->title)))
			x->a = span, x->b = p.first, x->c = p.last;
	}
}

static void check_ficol(const struct compliance_rule *rule, const struct compliance_input *in,
			struct compliance_result *out)
{
	for (size_t i = 0; i < in->n_actions; i++)
		if (has_source_in_year(in, in->actions[i].id, rule->funding_source, in->year))
			ficol_one(rule, in, &in->actions[i], out);
}

/* A convention binds a French authority (the home member) under French law. */
static const struct authority *french_home(const struct compliance_input *in, const struct partnership *p)
{
	if (!p->agreement_signed || !p->n_members)
		return NULL;
	const struct authority *home = authority_by_id(in, p->members[0]);
	return home && home->country && strcmp(home->country, "FR") == 0 ? home : NULL;
}

static void check_deliberation(const struct compliance_rule *rule, const struct compliance_input *in,
			       struct compliance_result *out)
{
	for (size_t i = 0; i < in->n_partnerships; i++) {
		const struct partnership *p = &in->partnerships[i];
		if (!french_home(in, p))
			continue;
		enum compliance_code code = !p->deliberation_ref ? CF_DELIB_MISSING
			: p->deliberation_date && strcmp(p->deliberation_date, p->agreement_signed) > 0 ? CF_DELIB_AFTER
			: CF_DELIB_OK;
		struct compliance_finding *x = add(out, code, rule, "partnership", p->id, p->name);
		if (x) {
			x->s1 = xstrdup(p->agreement_signed);
			x->s2 = code == CF_DELIB_MISSING ? NULL
				: xasprintf("%s|%s", p->deliberation_ref, p->deliberation_date ? p->deliberation_date : "");
		}
	}
}

static void check_party(const struct compliance_rule *rule, const struct compliance_input *in,
			struct compliance_result *out)
{
	for (size_t i = 0; i < in->n_partnerships; i++) {
		const struct partnership *p = &in->partnerships[i];
		const struct authority *home = french_home(in, p);
		for (size_t k = 1; home && k < p->n_members; k++) {
			const struct authority *m = authority_by_id(in, p->members[k]);
			if (!m || !m->level || strcmp(m->level, "state") != 0 ||
			    (m->country && strcmp(m->country, home->country) == 0))
				continue;
			struct compliance_finding *x = add(out, home->overseas ? CF_PARTY_STATE_OVERSEAS : CF_PARTY_STATE,
							   rule, "partnership", p->id, p->name);
			if (x)
				x->s1 = xstrdup(m->name), x->s2 = xstrdup(home->name);
		}
	}
}

static void check_expired(const struct compliance_rule *rule, const struct compliance_input *in,
			  struct compliance_result *out)
{
	for (size_t i = 0; i < in->n_partnerships; i++) {
		const struct partnership *p = &in->partnerships[i];
		if (!p->agreement_expires || !p->status || strcmp(p->status, "active") != 0 ||
		    strcmp(p->agreement_expires, in->on) >= 0)
			continue;
		int renewed = p->agreement_renewed && strcmp(p->agreement_renewed, in->on) <= 0;
		struct compliance_finding *x = add(out, renewed ? CF_RENEWED : CF_EXPIRED, rule, "partnership",
						   p->id, p->name);
		if (x)
			x->s1 = xstrdup(p->agreement_expires), x->s2 = xstrdup(p->agreement_renewed);
	}
}

static void check_share(const struct compliance_rule *rule, const struct compliance_input *in,
			struct compliance_result *out)
{
	for (size_t i = 0; i < in->n_budgets; i++) {
		const struct budget_year *b = &in->budgets[i];
		if (in->year && b->year != in->year)
			continue;
		double part = budget_field(b, rule->budget ? rule->budget : "international");
		int known = b->total > 0 && part >= 0;
		struct compliance_finding *x = add(out, known ? CF_SHARE : CF_SHARE_UNKNOWN, rule, "authority",
						   b->authority_id, authority_name(in, b->authority_id));
		if (x) {
			x->year = b->year;
			x->a = part, x->b = b->total, x->c = known ? part / b->total : -1;
		}
	}
}

int compliance_compute(const struct compliance_rules *rules, const struct compliance_input *given,
		       struct compliance_result *out)
{
	struct compliance_input sorted, *in = &sorted;
	struct action *copy;
	memset(out, 0, sizeof(*out));
	if (sorted_input(given, &sorted, &copy))
		return EALA_ENOMEM;
	for (size_t i = 0; i < rules->n; i++) {
		const struct compliance_rule *rule = &rules->v[i];
		const char *k = rule->kind;
		if (strcmp(k, "one_percent_ceiling") == 0)
			check_ceiling(rule, in, out);
		else if (strncmp(k, "ficol_", 6) == 0)
			check_ficol(rule, in, out);
		else if (strcmp(k, "deliberation") == 0)
			check_deliberation(rule, in, out);
		else if (strcmp(k, "convention_party") == 0)
			check_party(rule, in, out);
		else if (strcmp(k, "convention_expired") == 0)
			check_expired(rule, in, out);
		else if (strcmp(k, "budget_share") == 0)
			check_share(rule, in, out);
	}
	free(copy);
	return EALA_OK;
}

/* ================= the call check ================= */

static void call_project(const struct action *a, struct compliance_result *out)
{
	struct strv lacks = {0};
	if (!a->description)
		strv_push(&lacks, "description");
	if (!a->start_date)
		strv_push(&lacks, "start_date");
	if (!a->end_date)
		strv_push(&lacks, "end_date");
	if (!a->countries.n)
		strv_push(&lacks, "countries");
	struct compliance_finding *x = add(out, lacks.n ? CF_CALL_PROJECT_MISSING : CF_CALL_PROJECT_OK, NULL,
					   "action", a->id, a->title);
	if (x)
		x->s1 = strv_join(&lacks, ", ");
	strv_clear(&lacks);
}

static void call_convention(const struct action *a, const struct partnership *p, const char *on,
			    struct compliance_result *out)
{
	struct compliance_finding *x;
	if (!p || !p->agreement_signed) {
		if ((x = add(out, CF_CALL_CONVENTION_NONE, NULL, p ? "partnership" : "action", p ? p->id : a->id,
			     p ? p->name : a->title)))
			(void)x;
		return;
	}
	int expired = p->agreement_expires && strcmp(p->agreement_expires, on) < 0 &&
		      !(p->agreement_renewed && strcmp(p->agreement_renewed, on) <= 0);
	if ((x = add(out, expired ? CF_CALL_CONVENTION_EXPIRED : CF_CALL_CONVENTION_OK, NULL, "partnership", p->id,
		     p->name)))
		x->s1 = xstrdup(expired ? p->agreement_expires : p->agreement_signed);
}

static void call_deliberation(const struct action *a, const struct partnership *p, struct compliance_result *out)
{
	struct compliance_finding *x;
	if (p && p->deliberation_ref) {
		if ((x = add(out, CF_CALL_DELIB_OK, NULL, "partnership", p->id, p->name)))
			x->s1 = xstrdup(p->deliberation_ref), x->s2 = xstrdup(p->deliberation_date);
	} else {
		add(out, CF_CALL_DELIB_MISSING, NULL, p ? "partnership" : "action", p ? p->id : a->id,
		    p ? p->name : a->title);
	}
}

static void call_side(const struct action *a, const struct compliance_input *in, const struct strv *sources,
		      enum compliance_code ok, enum compliance_code missing, struct compliance_result *out)
{
	double sum = 0;
	for (size_t i = 0; i < in->n_financing; i++) {
		const struct financing *f = &in->financing[i];
		if (f->action_id == a->id && strv_contains(sources, f->source))
			sum += planned(f);
	}
	struct compliance_finding *x = add(out, sum > 0 ? ok : missing, NULL, "action", a->id, a->title);
	if (x)
		x->a = sum;
}

static int ref_year(const struct compliance_input *in)
{
	return in->year ? in->year : year_of(in->on);
}

/* Grants from the call's funder in earlier years to the lead authority's
 * actions, whose report is not recorded. */
static void call_reports(const struct compliance_call *call, const struct action *a,
			 const struct compliance_input *in, struct compliance_result *out)
{
	struct strv late = {0};
	int grants = 0;
	for (size_t i = 0; i < in->n_financing; i++) {
		const struct financing *f = &in->financing[i];
		const struct action *g = action_by_id(in, f->action_id);
		if (!g || g->authority_id != a->authority_id || strcmp(f->source, call->funding_source) != 0 ||
		    f->year >= ref_year(in))
			continue;
		grants++;
		if (!f->report_date)
			strv_push_take(&late, xasprintf("#%lld (%d)", (long long)g->id, f->year));
	}
	struct compliance_finding *x = add(out, late.n ? CF_CALL_REPORTS_MISSING : CF_CALL_REPORTS_OK, NULL,
					   "action", a->id, a->title);
	if (x) {
		x->a = late.n ? (double)late.n : grants;
		x->s1 = strv_join(&late, ", ");
		x->s2 = xstrdup(call->funding_source);
	}
	strv_clear(&late);
}

static void call_oda(const struct action *a, const struct strv *eligible, struct compliance_result *out)
{
	struct strv not = {0};
	for (size_t i = 0; i < a->countries.n; i++)
		if (!strv_contains(eligible, a->countries.v[i]))
			strv_push(&not, a->countries.v[i]);
	enum compliance_code code = !a->countries.n ? CF_CALL_ODA_NO_COUNTRY : not.n ? CF_CALL_ODA_NOT : CF_CALL_ODA_OK;
	struct compliance_finding *x = add(out, code, NULL, "action", a->id, a->title);
	if (x)
		x->s1 = strv_join(not.n ? &not : &a->countries, ", ");
	strv_clear(&not);
}

static void call_theme(const struct compliance_call *call, const struct action *a, struct compliance_result *out)
{
	struct strv hit = {0};
	for (size_t i = 0; i < a->domains.n; i++)
		if (strv_contains(&call->domains, a->domains.v[i]))
			strv_push(&hit, a->domains.v[i]);
	struct compliance_finding *x = add(out, hit.n ? CF_CALL_THEME_OK : CF_CALL_THEME_NOT, NULL, "action",
					   a->id, a->title);
	if (x)
		x->s1 = strv_join(hit.n ? &hit : &call->domains, ", ");
	strv_clear(&hit);
}

static void call_country(const struct compliance_call *call, const struct action *a, struct compliance_result *out)
{
	int hit = 0;
	for (size_t i = 0; i < a->countries.n; i++)
		hit |= strv_contains(&call->countries, a->countries.v[i]);
	enum compliance_code code = !call->countries.n ? CF_CALL_COUNTRY_UNKNOWN
				  : hit ? CF_CALL_COUNTRY_OK : CF_CALL_COUNTRY_NOT;
	struct compliance_finding *x = add(out, code, NULL, "action", a->id, a->title);
	if (x)
		x->s1 = strv_join(&call->countries, ", "), x->s2 = strv_join(&a->countries, ", ");
}

static void call_ficol(const struct compliance_rules *rules, const struct compliance_call *call,
		       const struct action *a, const struct compliance_input *in, struct compliance_result *out)
{
	if (!has_source_in_year(in, a->id, call->funding_source, 0)) {
		add(out, CF_CALL_FICOL_NONE, NULL, "action", a->id, a->title);
		return;
	}
	for (size_t i = 0; i < rules->n; i++)
		if (strncmp(rules->v[i].kind, "ficol_", 6) == 0)
			ficol_one(&rules->v[i], in, a, out);
}

int compliance_call_check(const struct compliance_rules *rules, const struct compliance_call *call,
			  const struct action *a, const struct partnership *p,
			  const struct compliance_input *given, const struct strv *eligible,
			  size_t n_results_with_indicator, struct compliance_result *out)
{
	struct compliance_input sorted, *in = &sorted;
	struct action *copy;
	memset(out, 0, sizeof(*out));
	if (sorted_input(given, &sorted, &copy))
		return EALA_ENOMEM;
	for (size_t i = 0; i < call->requires.n; i++) {
		const char *req = call->requires.v[i];
		size_t before = out->n;
		if (strcmp(req, "project") == 0)
			call_project(a, out);
		else if (strcmp(req, "convention") == 0)
			call_convention(a, p, in->on, out);
		else if (strcmp(req, "deliberation") == 0)
			call_deliberation(a, p, out);
		else if (strcmp(req, "home_commitment") == 0)
			call_side(a, in, &call->home_sources, CF_CALL_HOME_OK, CF_CALL_HOME_MISSING, out);
		else if (strcmp(req, "partner_commitment") == 0)
			call_side(a, in, &call->partner_sources, CF_CALL_PARTNER_OK, CF_CALL_PARTNER_MISSING, out);
		else if (strcmp(req, "earlier_reports") == 0)
			call_reports(call, a, in, out);
		else if (strcmp(req, "oda_country") == 0)
			call_oda(a, eligible, out);
		else if (strcmp(req, "results_framework") == 0) {
			struct compliance_finding *x = add(out, n_results_with_indicator ? CF_CALL_RESULTS_OK
							   : CF_CALL_RESULTS_MISSING, NULL, "action", a->id, a->title);
			if (x)
				x->a = (double)n_results_with_indicator;
		} else if (strcmp(req, "theme") == 0)
			call_theme(call, a, out);
		else if (strcmp(req, "call_country") == 0)
			call_country(call, a, out);
		else if (strcmp(req, "ficol") == 0)
			call_ficol(rules, call, a, in, out);
		for (size_t k = before; k < out->n; k++)
			out->v[k].requirement = req;
	}
	free(copy);
	return EALA_OK;
}

/* ================= gathering the records through the store ================= */

/* What compliance_load() and compliance_call_load() read; freed by gather_clear(). */
struct gather {
	struct authority *authorities;
	size_t n_authorities;
	struct partnership *partnerships;
	size_t n_partnerships;
	struct action *actions;
	size_t n_actions;
	struct financing *financing;
	size_t n_financing, cap_financing;
	struct budget_year *budgets;
	size_t n_budgets, cap_budgets;
	int64_t *ids;          /* ids collected by a list's callback */
	size_t n_ids, cap_ids;
	int64_t only_lead;     /* keep actions led by this authority (0: any) */
	int signed_only;       /* keep partnerships with a signed convention */
	int public_only;
};

static void gather_clear(struct gather *g)
{
	for (size_t i = 0; i < g->n_authorities; i++)
		authority_clear(&g->authorities[i]);
	for (size_t i = 0; i < g->n_partnerships; i++)
		partnership_clear(&g->partnerships[i]);
	for (size_t i = 0; i < g->n_actions; i++)
		action_clear(&g->actions[i]);
	for (size_t i = 0; i < g->n_financing; i++)
		financing_clear(&g->financing[i]);
	for (size_t i = 0; i < g->n_budgets; i++)
		budget_year_clear(&g->budgets[i]);
	free(g->authorities), free(g->partnerships), free(g->actions), free(g->financing), free(g->budgets);
	free(g->ids);
	memset(g, 0, sizeof(*g));
}

static int grow(void **v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 0;
	size_t c = *cap ? 2 * *cap : 16;
	void *p = realloc(*v, c * size);
	if (!p)
		return -1;
	*v = p;
	*cap = c;
	return 0;
}

static int push_id(struct gather *g, int64_t id)
{
	for (size_t i = 0; i < g->n_ids; i++)
		if (g->ids[i] == id)
			return 0;
	if (grow((void **)&g->ids, &g->cap_ids, g->n_ids, sizeof(*g->ids)))
		return -1;
	g->ids[g->n_ids++] = id;
	return 0;
}

static int keep_partnership(void *ctx, const struct partnership *p)
{
	struct gather *g = ctx;
	return g->signed_only && !p->agreement_signed ? 0 : push_id(g, p->id);
}

static int keep_action(void *ctx, const struct action *a)
{
	struct gather *g = ctx;
	return g->only_lead && a->authority_id != g->only_lead ? 0 : push_id(g, a->id);
}

static int keep_financing(void *ctx, const struct financing *f)
{
	struct gather *g = ctx;
	if (grow((void **)&g->financing, &g->cap_financing, g->n_financing, sizeof(*g->financing)))
		return -1;
	struct financing *c = &g->financing[g->n_financing++];
	*c = *f;
	c->source = xstrdup(f->source);
	c->currency = xstrdup(f->currency);
	c->illustrative = xstrdup(f->illustrative);
	c->report_date = xstrdup(f->report_date);
	return 0;
}

static int keep_budget(void *ctx, const struct budget_year *b)
{
	struct gather *g = ctx;
	if (grow((void **)&g->budgets, &g->cap_budgets, g->n_budgets, sizeof(*g->budgets)))
		return -1;
	struct budget_year *c = &g->budgets[g->n_budgets++];
	*c = *b;
	c->illustrative = xstrdup(b->illustrative);
	return 0;
}

/* Read the partnerships, then the actions, whose ids were collected. */
static int fetch_partnerships(struct store *st, struct gather *g)
{
	g->partnerships = calloc(g->n_ids + 1, sizeof(*g->partnerships));
	if (!g->partnerships)
		return EALA_ENOMEM;
	for (size_t i = 0; i < g->n_ids; i++)
		if (store_partnership_get(st, g->ids[i], &g->partnerships[g->n_partnerships]) == EALA_OK)
			g->n_partnerships++;
	g->n_ids = 0;
	return EALA_OK;
}

static int fetch_actions(struct store *st, struct gather *g)
{
	g->actions = calloc(g->n_ids + 1, sizeof(*g->actions));
	if (!g->actions)
		return EALA_ENOMEM;
	for (size_t i = 0; i < g->n_ids; i++)
		if (store_action_get(st, g->ids[i], &g->actions[g->n_actions]) == EALA_OK)
			g->n_actions++;
	g->n_ids = 0;
	return EALA_OK;
}

/* The authorities the findings name: members, lead authorities, budgets' authorities. */
static int fetch_authorities(struct store *st, struct gather *g, int64_t authority_id)
{
	int rc = authority_id ? push_id(g, authority_id) : 0;
	for (size_t i = 0; !rc && i < g->n_partnerships; i++)
		for (size_t k = 0; !rc && k < g->partnerships[i].n_members; k++)
			rc = push_id(g, g->partnerships[i].members[k]);
	for (size_t i = 0; !rc && i < g->n_actions; i++)
		rc = push_id(g, g->actions[i].authority_id);
	for (size_t i = 0; !rc && i < g->n_budgets; i++)
		rc = push_id(g, g->budgets[i].authority_id);
	if (rc || !(g->authorities = calloc(g->n_ids + 1, sizeof(*g->authorities))))
		return EALA_ENOMEM;
	for (size_t i = 0; i < g->n_ids; i++)
		if (store_authority_get(st, g->ids[i], &g->authorities[g->n_authorities]) == EALA_OK)
			g->n_authorities++;
	g->n_ids = 0;
	return EALA_OK;
}

static int fetch_financing(struct store *st, struct gather *g, char **errmsg)
{
	int rc = EALA_OK;
	for (size_t i = 0; !rc && i < g->n_actions; i++)
		rc = store_financing_each(st, g->actions[i].id, keep_financing, g, errmsg);
	return rc;
}

static void input_of(const struct gather *g, int year, const char *on, struct compliance_input *in)
{
	*in = (struct compliance_input){g->authorities, g->n_authorities, g->partnerships, g->n_partnerships,
					 g->actions, g->n_actions, g->financing, g->n_financing,
					 g->budgets, g->n_budgets, year, on};
}

/* The judging date: on, else 31 December of year, else today (UTC). */
static void judging_date(const char *on, int year, char out[11])
{
	if (on) {
		snprintf(out, 11, "%s", on);
	} else if (year) {
		snprintf(out, 11, "%04d-12-31", year);
	} else {
		time_t t = time(NULL);
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(out, 11, "%Y-%m-%d", &tm);
	}
}

int compliance_load(struct store *st, const struct compliance_rules *rules, int64_t authority_id, int year,
		    const char *on, int public_only, struct compliance_result *out, char **errmsg)
{
	struct gather g = {0};
	char date[11];
	struct store_filter f = {0};
	f.authority_id = authority_id;
	f.year = year;
	f.public_only = public_only;
	g.signed_only = 1;
	g.public_only = public_only;
	memset(out, 0, sizeof(*out));
	int rc = store_partnership_list(st, &f, keep_partnership, &g, NULL, errmsg);
	if (!rc)
		rc = fetch_partnerships(st, &g);
	f.year = 0;    /* the money rules read the financing rows of the year, whatever the action's dates */
	g.only_lead = authority_id;
	if (!rc)
		rc = store_action_list(st, &f, keep_action, &g, NULL, errmsg);
	if (!rc)
		rc = fetch_actions(st, &g);
	if (!rc)
		rc = fetch_financing(st, &g, errmsg);
	if (!rc)
		rc = store_budget_year_each(st, authority_id, keep_budget, &g, errmsg);
	if (!rc)
		rc = fetch_authorities(st, &g, authority_id);
	if (!rc) {
		struct compliance_input in;
		judging_date(on, year, date);
		input_of(&g, year, date, &in);
		rc = compliance_compute(rules, &in, out);
	}
	gather_clear(&g);
	return rc;
}

struct indicator_count {
	int64_t action_id;
	size_t n;
};

static int count_with_indicator(void *ctx, const struct expected_impact *e)
{
	struct indicator_count *c = ctx;
	if (e->n_indicators && (!e->action_id || e->action_id == c->action_id))
		c->n++;
	return 0;
}

int compliance_call_load(struct store *st, const struct compliance_rules *rules,
			 const struct compliance_call *call, int64_t action_id, int year, const char *on,
			 int public_only, struct compliance_result *out, char **errmsg)
{
	struct gather g = {0};
	struct action a = {0};
	struct strv eligible = {0};
	struct errlist el;
	char date[11];
	errlist_init(&el);
	memset(out, 0, sizeof(*out));
	int rc = store_action_get(st, action_id, &a);
	if (rc)
		goto out;
	if (a.partnership_id && (rc = push_id(&g, a.partnership_id)) == 0)
		rc = fetch_partnerships(st, &g);
	/* every action the lead authority leads: its earlier grants */
	struct store_filter f = {0};
	f.authority_id = a.authority_id;
	f.public_only = public_only;
	g.only_lead = a.authority_id;
	if (!rc)
		rc = store_action_list(st, &f, keep_action, &g, NULL, errmsg);
	if (!rc)
		rc = fetch_actions(st, &g);
	if (!rc)
		rc = fetch_financing(st, &g, errmsg);
	if (!rc)
		rc = fetch_authorities(st, &g, a.authority_id);
	if (!rc && eapd_eligible_load(&eligible, NULL, &el)) {
		*errmsg = el.n ? errlist_format(&el.v[0]) : xstrdup("cannot read the ODA-eligible countries");
		rc = EALA_EIO;
	}
	struct indicator_count ic = {a.id, 0};
	struct results_filter rf = {0};
	if (a.partnership_id)
		rf.partnership_id = a.partnership_id;
	else
		rf.action_id = a.id;
	rf.public_only = public_only;
	if (!rc)
		rc = store_expected_impact_list(st, &rf, count_with_indicator, &ic, errmsg);
	if (!rc) {
		struct compliance_input in;
		judging_date(on, year, date);
		input_of(&g, year, date, &in);
		rc = compliance_call_check(rules, call, &a, g.n_partnerships ? &g.partnerships[0] : NULL, &in,
					   &eligible, ic.n, out);
	}
out:
	action_clear(&a);
	strv_clear(&eligible);
	errlist_clear(&el);
	gather_clear(&g);
	return rc;
}

/* ================= sentences ================= */

static const char *ctr(int lang, const char *en) __attribute__((format_arg(2)));
static const char *ctr(int lang, const char *en)
{
	return lang == CL_LANG_EN ? en : dgettext("eala", en);
}

/* 32750.5 -> "32,751 €" in English, "32 751 €" in French. */
static void euros(double v, int lang, char out[64])
{
	long long n = llround(v < 0 ? -v : v);
	char digits[24], grouped[48];
	int len = snprintf(digits, sizeof(digits), "%lld", n);
	const char *sep = lang == CL_LANG_FR ? "\xe2\x80\xaf" : ",";
	size_t o = 0;
	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			for (const char *s = sep; *s; s++)
				grouped[o++] = *s;
		grouped[o++] = digits[i];
	}
	grouped[o] = '\0';
	snprintf(out, 64, "%s%s\xc2\xa0\xe2\x82\xac", v < 0 ? "-" : "", grouped);
}

/* 0.3125 -> "31.3%" / "31,3 %"; below 1%, two decimals: "0.35%". */
static void percent(double share, int lang, char out[32])
{
	int decimals = 100 * share < 1 ? 2 : 1;
	snprintf(out, 32, lang == CL_LANG_FR ? "%.*f\xc2\xa0%%" : "%.*f%%", decimals, 100 * share);
	if (lang == CL_LANG_FR) {
		char *dot = strchr(out, '.');
		if (dot)
			*dot = ',';
	}
}

/* The part of "REF|DATE" before or after the bar. */
static void split_bar(const char *s, char *ref, size_t nref, char *date, size_t ndate)
{
	const char *bar = s ? strchr(s, '|') : NULL;
	snprintf(ref, nref, "%.*s", bar ? (int)(bar - s) : 0, bar ? s : "");
	snprintf(date, ndate, "%s", bar ? bar + 1 : "");
}

static const char *label_of(enum codelist_id id, const char *code, int lang)
{
	const char *l = code ? codelist_label(id, code, lang) : NULL;
	return l ? l : code ? code : "";
}

static void sentence_rules(const struct compliance_finding *f, int lang, char *out, size_t n)
{
	char a[64], b[64], c[64], pa[32], pb[32], ref[200], date[32];
	const char *name = f->name ? f->name : "?";
	euros(f->a, lang, a), euros(f->b, lang, b), euros(f->c, lang, c);
	percent(f->a, lang, pa);
	percent(f->rule && f->rule->share > 0 ? f->rule->share : 0, lang, pb);
	const char *src = label_of(CL_FUNDING_SOURCE, f->s1, lang);
	const char *plan = f->s2 ? ctr(lang, " (planned amounts where no actual one is recorded)") : "";
	switch (f->code) {
	case CF_CEILING_OK:
		snprintf(out, n, ctr(lang, "In %d, %s put %s on \"%s\"%s, within the ceiling of %s (%s of its service budget of %s)."),
			 f->year, name, a, src, plan, b, pb, c);
		break;
	case CF_CEILING_OVER:
		snprintf(out, n, ctr(lang, "In %d, %s put %s on \"%s\"%s, more than the ceiling of %s (%s of its service budget of %s)."),
			 f->year, name, a, src, plan, b, pb, c);
		break;
	case CF_CEILING_NO_BUDGET:
		snprintf(out, n, ctr(lang, "In %d, %s put %s on \"%s\"%s, but no budget of the matching service is recorded for that year: the ceiling cannot be checked."),
			 f->year, name, a, src, plan);
		break;
	case CF_FICOL_AMOUNT_OK:
		snprintf(out, n, ctr(lang, "%s: the AFD facility's amount, %s, is between %s and %s."), name, a, b, c);
		break;
	case CF_FICOL_AMOUNT_LOW:
		snprintf(out, n, ctr(lang, "%s: the AFD facility's amount, %s, is below its floor of %s."), name, a, b);
		break;
	case CF_FICOL_AMOUNT_HIGH:
		snprintf(out, n, ctr(lang, "%s: the AFD facility's amount, %s, is above its ceiling of %s."), name, a, c);
		break;
	case CF_FICOL_SHARE_OK:
		snprintf(out, n, ctr(lang, "%s: the authorities and their partners bring %s of the financing plan (%s of %s), at least the %s required."),
			 name, pa, b, c, pb);
		break;
	case CF_FICOL_SHARE_LOW:
		snprintf(out, n, ctr(lang, "%s: the authorities and their partners bring %s of the financing plan (%s of %s), less than the %s required."),
			 name, pa, b, c, pb);
		break;
	case CF_FICOL_YEARS_OK:
		if ((int)f->a == 1) {
			snprintf(out, n, ctr(lang, "%s: the AFD financing is for one year, %d, within the %d allowed."),
				 name, (int)f->b, f->rule ? f->rule->years : 0);
			break;
		}
		/* fall through */
	case CF_FICOL_YEARS_OVER:
		snprintf(out, n, f->code == CF_FICOL_YEARS_OK
			 ? ctr(lang, "%s: the AFD financing spans %d years (%d to %d), within the %d allowed.")
			 : ctr(lang, "%s: the AFD financing spans %d years (%d to %d), more than the %d allowed."),
			 name, (int)f->a, (int)f->b, (int)f->c, f->rule ? f->rule->years : 0);
		break;
	case CF_DELIB_OK:
		split_bar(f->s2, ref, sizeof(ref), date, sizeof(date));
		snprintf(out, n, ctr(lang, "The convention of %s (signed %s) rests on the council deliberation %s of %s."),
			 name, f->s1, ref, *date ? date : ctr(lang, "an unrecorded date"));
		break;
	case CF_DELIB_MISSING:
		snprintf(out, n, ctr(lang, "The convention of %s, signed %s, has no council deliberation recorded."), name, f->s1);
		break;
	case CF_DELIB_AFTER:
		split_bar(f->s2, ref, sizeof(ref), date, sizeof(date));
		snprintf(out, n, ctr(lang, "The convention of %s was signed on %s, before the council deliberation %s of %s."),
			 name, f->s1, ref, date);
		break;
	case CF_PARTY_STATE:
		snprintf(out, n, ctr(lang, "The convention of %s binds %s to a foreign state, %s: only an overseas authority may sign with a state."),
			 name, f->s2, f->s1);
		break;
	case CF_PARTY_STATE_OVERSEAS:
		snprintf(out, n, ctr(lang, "The convention of %s binds %s to a foreign state, %s: allowed, as %s is an overseas authority."),
			 name, f->s2, f->s1, f->s2);
		break;
	case CF_EXPIRED:
		snprintf(out, n, ctr(lang, "%s is active but its convention expired on %s and no renewal is recorded."), name, f->s1);
		break;
	case CF_RENEWED:
		snprintf(out, n, ctr(lang, "%s: the convention expired on %s and was renewed on %s."), name, f->s1, f->s2);
		break;
	case CF_SHARE:
		percent(f->c, lang, pa);
		snprintf(out, n, ctr(lang, "In %d, the international budget of %s was %s, %s of its budget of %s."),
			 f->year, name, a, pa, b);
		break;
	case CF_SHARE_UNKNOWN:
		snprintf(out, n, ctr(lang, "In %d, %s recorded no total or no international budget: the share cannot be computed."),
			 f->year, name);
		break;
	default:
		snprintf(out, n, "%s", name);
	}
}

static void sentence_call(const struct compliance_finding *f, int lang, char *out, size_t n)
{
	char a[64], ref[200];
	const char *name = f->name ? f->name : "?";
	euros(f->a, lang, a);
	switch (f->code) {
	case CF_CALL_PROJECT_OK:
		snprintf(out, n, ctr(lang, "%s is described, dated and placed in its countries."), name);
		break;
	case CF_CALL_PROJECT_MISSING:
		snprintf(out, n, ctr(lang, "%s lacks what an application describes: %s."), name, f->s1);
		break;
	case CF_CALL_CONVENTION_OK:
		snprintf(out, n, ctr(lang, "%s rests on a convention with the foreign authority signed on %s."), name, f->s1);
		break;
	case CF_CALL_CONVENTION_NONE:
		snprintf(out, n, ctr(lang, "No convention with the foreign authority is recorded for %s."), name);
		break;
	case CF_CALL_CONVENTION_EXPIRED:
		snprintf(out, n, ctr(lang, "The convention of %s expired on %s: renew it before applying."), name, f->s1);
		break;
	case CF_CALL_DELIB_OK:
		snprintf(ref, sizeof(ref), "%s%s%s%s", f->s1, f->s2 ? " (" : "", f->s2 ? f->s2 : "", f->s2 ? ")" : "");
		snprintf(out, n, ctr(lang, "The council deliberation %s for %s is recorded."), ref, name);
		break;
	case CF_CALL_DELIB_MISSING:
		snprintf(out, n, ctr(lang, "No council deliberation is recorded for %s."), name);
		break;
	case CF_CALL_HOME_OK:
		snprintf(out, n, ctr(lang, "The authority's commitment to %s is quantified: %s from its own budgets."), name, a);
		break;
	case CF_CALL_HOME_MISSING:
		snprintf(out, n, ctr(lang, "The authority's commitment to %s is not quantified: record the amounts of its own budgets as financing rows."), name);
		break;
	case CF_CALL_PARTNER_OK:
		snprintf(out, n, ctr(lang, "The partner's commitment to %s is quantified: %s."), name, a);
		break;
	case CF_CALL_PARTNER_MISSING:
		snprintf(out, n, ctr(lang, "The partner's commitment to %s is not quantified: record its contribution as a financing row."), name);
		break;
	case CF_CALL_REPORTS_OK:
		if (!(int)f->a) {
			snprintf(out, n, ctr(lang, "No earlier grant from \"%s\": no report is due."),
				 label_of(CL_FUNDING_SOURCE, f->s2, lang));
			break;
		}
		snprintf(out, n, ctr(lang, "Earlier grants from \"%s\": %d, each with its report recorded."),
			 label_of(CL_FUNDING_SOURCE, f->s2, lang), (int)f->a);
		break;
	case CF_CALL_REPORTS_MISSING:
		snprintf(out, n, ctr(lang, "%d earlier grants from \"%s\" have no report recorded: actions %s."), (int)f->a,
			 label_of(CL_FUNDING_SOURCE, f->s2, lang), f->s1);
		break;
	case CF_CALL_ODA_OK:
		snprintf(out, n, ctr(lang, "Every country of %s is eligible to official development assistance (%s)."), name, f->s1);
		break;
	case CF_CALL_ODA_NOT:
		snprintf(out, n, ctr(lang, "%s takes place in countries not eligible to official development assistance: %s."), name, f->s1);
		break;
	case CF_CALL_ODA_NO_COUNTRY:
		snprintf(out, n, ctr(lang, "%s has no country: the call finances projects in countries eligible to official development assistance."), name);
		break;
	case CF_CALL_RESULTS_OK:
		if ((int)f->a == 1) {
			snprintf(out, n, ctr(lang, "An expected impact with indicators gives %s its results framework."), name);
			break;
		}
		snprintf(out, n, ctr(lang, "%d expected impacts with indicators give %s its results framework."), (int)f->a, name);
		break;
	case CF_CALL_RESULTS_MISSING:
		snprintf(out, n, ctr(lang, "%s has no expected impact with an indicator: the call asks for a results framework."), name);
		break;
	case CF_CALL_THEME_OK:
		snprintf(out, n, ctr(lang, "%s is in the call's theme (%s)."), name, f->s1);
		break;
	case CF_CALL_THEME_NOT:
		snprintf(out, n, ctr(lang, "%s is in none of the call's domains (%s)."), name, f->s1);
		break;
	case CF_CALL_COUNTRY_OK:
		snprintf(out, n, ctr(lang, "%s takes place in a country of the call (%s)."), name, f->s1);
		break;
	case CF_CALL_COUNTRY_NOT:
		snprintf(out, n, ctr(lang, "The call is open to %s; %s takes place in %s."), f->s1, name,
			 f->s2 && *f->s2 ? f->s2 : "?");
		break;
	case CF_CALL_COUNTRY_UNKNOWN:
		snprintf(out, n, "%s", ctr(lang, "The countries of this bilateral call are not recorded in data/rules/calls.csv: check the call's text."));
		break;
	case CF_CALL_FICOL_NONE:
		snprintf(out, n, ctr(lang, "No AFD amount is planned for %s: record the amount asked as a financing row."), name);
		break;
	default:
		sentence_rules(f, lang, out, n);
	}
}

void compliance_sentence(const struct compliance_finding *f, int lang, char *out, size_t n)
{
	if (f->code >= CF_CALL_PROJECT_OK && f->code != CF_NCODES)
		sentence_call(f, lang, out, n);
	else
		sentence_rules(f, lang, out, n);
}

/* ================= JSON ================= */

static json_t *finding_json(const struct compliance_finding *f)
{
	char s[1024];
	compliance_sentence(f, CL_LANG_EN, s, sizeof(s));
	json_t *o = json_object();
	if (f->rule)
		json_object_set_new(o, "rule", json_string(f->rule->id));
	if (f->requirement)
		json_object_set_new(o, "requirement", json_string(f->requirement));
	json_object_set_new(o, "status", json_string(compliance_status_name(compliance_status_of(f->code))));
	json_object_set_new(o, "sentence", json_string(s));
	json_object_set_new(o, "record", json_pack("{s:s, s:I}", "kind", f->kind, "id", (json_int_t)f->record_id));
	if (f->year)
		json_object_set_new(o, "year", json_integer(f->year));
	return o;
}

static json_t *rule_json(const struct compliance_rule *r)
{
	json_t *o = json_pack("{s:s, s:s, s:s}", "id", r->id, "kind", r->kind, "legal_source", r->legal_source);
	if (r->date)
		json_object_set_new(o, "date", json_string(r->date));
	if (r->seed)
		json_object_set_new(o, "seed", json_string(r->seed));
	return o;
}

json_t *compliance_json(const struct compliance_result *r, const struct compliance_call *call,
			int64_t authority_id, int64_t action_id, int year)
{
	json_t *o = json_object(), *findings = json_array(), *rules = json_array();
	size_t count[4] = {0};
	for (size_t i = 0; i < r->n; i++) {
		json_array_append_new(findings, finding_json(&r->v[i]));
		count[compliance_status_of(r->v[i].code)]++;
		int seen = 0;
		for (size_t k = 0; r->v[i].rule && k < i && !seen; k++)
			seen = r->v[k].rule == r->v[i].rule;
		if (r->v[i].rule && !seen)
			json_array_append_new(rules, rule_json(r->v[i].rule));
	}
	if (authority_id)
		json_object_set_new(o, "authority", json_integer(authority_id));
	if (action_id)
		json_object_set_new(o, "action", json_integer(action_id));
	if (year)
		json_object_set_new(o, "year", json_integer(year));
	if (call)
		json_object_set_new(o, "call", json_pack("{s:s, s:s, s:s}", "id", call->id, "label", call->label[0],
							 "source", call->source));
	json_object_set_new(o, "counts", json_pack("{s:I, s:I, s:I, s:I}", "ok", (json_int_t)count[CS_OK], "breach",
						   (json_int_t)count[CS_BREACH], "missing", (json_int_t)count[CS_MISSING],
						   "info", (json_int_t)count[CS_INFO]));
	json_object_set_new(o, "findings", findings);
	json_object_set_new(o, "rules", rules);
	return o;
}
