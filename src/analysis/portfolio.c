/* portfolio.c: the portfolio review; see portfolio.h. */
#include "portfolio.h"

#include "../core/codelist.h"
#include "../io/codelist_load.h"
#include "../io/csvread.h"

#include <jansson.h>
#include <libintl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ================= the classes as data ================= */

int portfolio_rules_load(const char *path, struct portfolio_rules *out, struct errlist *el)
{
	static const char *const cfield[] = {"field", NULL}, *const ccode[] = {"code", NULL},
			  *const cclass[] = {"class", NULL};
	static const char *const fields[] = {"kind", "type", "domain"};
	static const enum codelist_id lists[] = {CL_PARTNERSHIP_KIND, CL_ACTION_TYPE, CL_ACTION_DOMAIN};
	struct csv_doc d;
	size_t before = el->n;
	char *file = path ? xstrdup(path) : eala_datapath("rules/portfolio.csv");
	memset(out, 0, sizeof(*out));
	int rc = csvdoc_read_file(file, &d, el);
	free(file);
	if (rc)
		return rc;
	int ifield = csvdoc_column(&d, cfield), icode = csvdoc_column(&d, ccode), iclass = csvdoc_column(&d, cclass);
	if (ifield < 0 || icode < 0 || iclass < 0) {
		errlist_add(el, d.file, d.header_line, ifield < 0 ? "field" : icode < 0 ? "code" : "class",
			    "missing column");
		goto out;
	}
	out->v = calloc(d.n ? d.n : 1, sizeof(*out->v));
	if (!out->v) {
		errlist_add(el, d.file, 0, "rules", "out of memory");
		goto out;
	}
	for (size_t i = 0; i < d.n; i++) {
		const struct csv_row *row = &d.rows[i];
		const char *f = csvdoc_field(row, ifield), *code = csvdoc_field(row, icode),
			   *cls = csvdoc_field(row, iclass);
		int k = -1, bad = 0;
		for (int j = 0; f && j < 3; j++)
			if (strcmp(f, fields[j]) == 0)
				k = j;
		if (k < 0)
			errlist_add(el, d.file, row->line, "field", "must be kind, type or domain: '%s'", f ? f : ""), bad = 1;
		else if (!code || !codelist_has(lists[k], code))
			errlist_add(el, d.file, row->line, "code", "not in the %s code list: '%s'", codelist_name(lists[k]),
				    code ? code : ""), bad = 1;
		int c = cls && strcmp(cls, "solidarity") == 0 ? PF_SOLIDARITY
			: cls && strcmp(cls, "attractiveness") == 0 ? PF_ATTRACTIVENESS : 0;
		if (!c)
			errlist_add(el, d.file, row->line, "class", "must be solidarity or attractiveness: '%s'",
				    cls ? cls : ""), bad = 1;
		if (bad)
			continue;
		out->v[out->n++] = (struct portfolio_rule){xstrdup(f), xstrdup(code), c};
	}
out:
	csvdoc_clear(&d);
	if (el->n > before) {
		portfolio_rules_clear(out);
		return EALA_EINVAL;
	}
	return EALA_OK;
}

void portfolio_rules_clear(struct portfolio_rules *r)
{
	for (size_t i = 0; r && i < r->n; i++)
		free(r->v[i].field), free(r->v[i].code);
	if (r) {
		free(r->v);
		memset(r, 0, sizeof(*r));
	}
}

static int class_of(const struct portfolio_rules *rules, const char *field, const char *code, size_t len)
{
	int c = 0;
	for (size_t i = 0; rules && code && i < rules->n; i++)
		if (strcmp(rules->v[i].field, field) == 0 && strlen(rules->v[i].code) == len &&
		    memcmp(rules->v[i].code, code, len) == 0)
			c |= rules->v[i].class;
	return c;
}

/* ================= streaming ================= */

#define NCOUNTRY (26 * 26 + 1)   /* two capital letters, and "not given" last */
#define NO_COUNTRY (26 * 26)

/* A bucket while streaming: the code, its class and whether it is a priority. */
struct sbucket {
	char *code;
	int class, priority;
	int64_t actions;
	double budget;
};
struct slist {
	struct sbucket *v;
	size_t n, cap;
};

struct partner {
	int64_t id;
	char *name;
	int active, asleep;             /* status active, status dormant */
	int start_year, end_year;
	double budget;
	int last_year;
};

struct link {
	int country;
	int class;
	int64_t partnership_id;
};

struct portfolio_state {
	const struct portfolio_rules *rules;
	int64_t c_actions[NCOUNTRY];
	double c_budget[NCOUNTRY];
	unsigned char c_priority[NCOUNTRY];
	int64_t c_sol[NCOUNTRY], c_attr[NCOUNTRY];
	unsigned char c_linked[NCOUNTRY];
	struct slist domains, kinds, types;
	struct partner *partners;
	size_t n_partners, cap_partners;
	int sorted;
	struct link *links;
	size_t n_links, cap_links;
	double budget_prio;
	int64_t actions_prio;
	int failed;
};

static int country_index(const char *s, size_t len)
{
	if (len != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z')
		return NO_COUNTRY;
	return (s[0] - 'A') * 26 + (s[1] - 'A');
}

static struct sbucket *slist_get(struct portfolio_state *s, struct slist *l, const char *field, const char *code,
				 size_t len)
{
	for (size_t i = 0; i < l->n; i++)
		if (strlen(l->v[i].code) == len && memcmp(l->v[i].code, code, len) == 0)
			return &l->v[i];
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct sbucket *v = realloc(l->v, cap * sizeof(*v));
		if (!v) {
			s->failed = 1;
			return NULL;
		}
		l->v = v, l->cap = cap;
	}
	char *c = malloc(len + 1);
	if (!c) {
		s->failed = 1;
		return NULL;
	}
	memcpy(c, code, len);
	c[len] = 0;
	struct sbucket *b = &l->v[l->n++];
	*b = (struct sbucket){.code = c, .class = field ? class_of(s->rules, field, code, len) : 0};
	return b;
}

static void slist_clear(struct slist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].code);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* The next '|'-separated token of *p: its start, its length in *len; NULL at the end. */
static const char *token(const char **p, size_t *len)
{
	while (**p == '|' || **p == ' ')
		(*p)++;
	if (!**p)
		return NULL;
	const char *t = *p;
	while (**p && **p != '|')
		(*p)++;
	*len = (size_t)(*p - t);
	while (*len && t[*len - 1] == ' ')
		(*len)--;
	return t;
}

static size_t count_tokens(const char *s)
{
	size_t n = 0, len;
	const char *p = s ? s : "";
	while (token(&p, &len))
		n++;
	return n;
}

int portfolio_begin(struct portfolio_result *r, const struct portfolio_params *p,
		    const struct portfolio_rules *rules, const struct strategy *strategy)
{
	memset(r, 0, sizeof(*r));
	r->params = *p;
	if (r->params.threshold < 0)
		r->params.threshold = PORTFOLIO_THRESHOLD;
	if (r->params.dormant_years <= 0)
		r->params.dormant_years = PORTFOLIO_DORMANT_YEARS;
	if (!r->params.reference_year)
		r->params.reference_year = r->params.year;
	r->state = calloc(1, sizeof(*r->state));
	if (!r->state)
		return EALA_ENOMEM;
	struct portfolio_state *s = r->state;
	s->rules = rules;
	if (strategy) {
		r->has_strategy = 1;
		r->strategy_id = strategy->id;
		r->strategy_title = strategy->title ? xstrdup(strategy->title) : NULL;
		r->strategy_start = strategy->start_year;
		r->strategy_end = strategy->end_year;
		r->priorities = strategy->n_priorities ? calloc(strategy->n_priorities, sizeof(*r->priorities)) : NULL;
		if (strategy->n_priorities && !r->priorities)
			return EALA_ENOMEM;
		for (size_t i = 0; i < strategy->n_priorities; i++) {
			const struct strategy_priority *sp = &strategy->priorities[i];
			if (!sp->type || !sp->code)
				continue;
			struct portfolio_priority *pp = &r->priorities[r->n_priorities++];
			pp->type = xstrdup(sp->type);
			pp->code = xstrdup(sp->code);
			pp->target = sp->target_share;
			if (strcmp(sp->type, "country") == 0) {
				int c = country_index(sp->code, strlen(sp->code));
				if (c != NO_COUNTRY)
					s->c_priority[c] = 1;
			} else {
				struct sbucket *b = slist_get(s, &s->domains, "domain", sp->code, strlen(sp->code));
				if (b)
					b->priority = 1;
			}
		}
	}
	return s->failed ? EALA_ENOMEM : EALA_OK;
}

static int in_year(int year, int start, int end)
{
	return !year || ((!start || start <= year) && (!end || end >= year));
}

int portfolio_add_partnership(struct portfolio_result *r, const struct store_portfolio_partnership *p)
{
	struct portfolio_state *s = r->state;
	if (s->n_partners == s->cap_partners) {
		size_t cap = s->cap_partners ? 2 * s->cap_partners : 64;
		struct partner *v = realloc(s->partners, cap * sizeof(*v));
		if (!v)
			return s->failed = 1, EALA_ENOMEM;
		s->partners = v, s->cap_partners = cap;
	}
	struct partner *x = &s->partners[s->n_partners++];
	*x = (struct partner){.id = p->id, .start_year = p->start_year, .end_year = p->end_year};
	x->name = p->name ? xstrdup(p->name) : NULL;
	x->active = p->status && strcmp(p->status, "active") == 0;
	x->asleep = p->status && strcmp(p->status, "dormant") == 0;
	s->sorted = s->n_partners == 1 || (s->sorted && s->partners[s->n_partners - 2].id < p->id);
	return EALA_OK;
}

static int cmp_partner(const void *a, const void *b)
{
	int64_t x = ((const struct partner *)a)->id, y = ((const struct partner *)b)->id;
	return (x > y) - (x < y);
}

static struct partner *partner_find(struct portfolio_state *s, int64_t id)
{
	if (!id || !s->n_partners)
		return NULL;
	if (!s->sorted) {
		qsort(s->partners, s->n_partners, sizeof(*s->partners), cmp_partner);
		s->sorted = 1;
	}
	struct partner key = {.id = id};
	return bsearch(&key, s->partners, s->n_partners, sizeof(*s->partners), cmp_partner);
}

static void add_link(struct portfolio_state *s, int country, int class, int64_t partnership_id)
{
	if (s->n_links == s->cap_links) {
		size_t cap = s->cap_links ? 2 * s->cap_links : 64;
		struct link *v = realloc(s->links, cap * sizeof(*v));
		if (!v) {
			s->failed = 1;
			return;
		}
		s->links = v, s->cap_links = cap;
	}
	s->links[s->n_links++] = (struct link){country, class, partnership_id};
}

int portfolio_add_action(struct portfolio_result *r, const struct store_portfolio_action *a)
{
	struct portfolio_state *s = r->state;
	int year = r->params.year, ref = r->params.reference_year;
	struct partner *p = partner_find(s, a->partnership_id);
	/* activity, for dormancy: any action of the partnership, whatever the year */
	if (p) {
		int last = a->last_year;
		if (a->start_year && (!ref || a->start_year <= ref) && a->start_year > last)
			last = a->start_year;
		if (last > p->last_year)
			p->last_year = last;
	}
	if (year && !a->financed_in_year && !((a->start_year || a->end_year) && in_year(year, a->start_year, a->end_year)))
		return EALA_OK;   /* not part of this year's portfolio */
	r->actions++;
	r->budget += a->budget;
	if (a->budget && a->first_year) {
		int first = year ? year : a->first_year, last = year ? year : a->last_year > first ? a->last_year : first;
		if (!r->first_year || first < r->first_year)
			r->first_year = first;
		if (last > r->last_year)
			r->last_year = last;
	}
	if (p)
		p->budget += a->budget;
	/* countries, the budget split evenly between them */
	size_t nc = count_tokens(a->countries), len;
	int on_priority = 0, class = 0;
	int cidx[64], ncidx = 0;
	const char *q = a->countries ? a->countries : "", *t;
	if (!nc) {
		s->c_actions[NO_COUNTRY]++;
		s->c_budget[NO_COUNTRY] += a->budget;
	}
	while ((t = token(&q, &len))) {
		int c = country_index(t, len);
		s->c_actions[c]++;
		s->c_budget[c] += a->budget / (double)nc;
		on_priority |= s->c_priority[c];
		if (c != NO_COUNTRY && ncidx < 64)
			cidx[ncidx++] = c;
	}
	/* domains, likewise */
	size_t nd = count_tokens(a->domains);
	q = a->domains ? a->domains : "";
	if (!nd) {
		struct sbucket *b = slist_get(s, &s->domains, NULL, "", 0);
		if (b)
			b->actions++, b->budget += a->budget;
	}
	while ((t = token(&q, &len))) {
		struct sbucket *b = slist_get(s, &s->domains, "domain", t, len);
		if (!b)
			continue;
		b->actions++;
		b->budget += a->budget / (double)nd;
		on_priority |= b->priority;
		class |= b->class;
	}
	const char *kind = a->kind ? a->kind : "";
	struct sbucket *b = slist_get(s, &s->kinds, "kind", kind, strlen(kind));
	if (b)
		b->actions++, b->budget += a->budget, class |= b->class;
	const char *type = a->type ? a->type : "";
	b = slist_get(s, &s->types, "type", type, strlen(type));
	if (b)
		b->actions++, b->budget += a->budget, class |= b->class;
	if (on_priority)
		s->actions_prio++, s->budget_prio += a->budget;
	/* solidarity and attractiveness, country by country */
	for (int i = 0; i < ncidx; i++) {
		int c = cidx[i];
		if (class & PF_SOLIDARITY)
			s->c_sol[c]++;
		if (class & PF_ATTRACTIVENESS)
			s->c_attr[c]++;
		if (class == (PF_SOLIDARITY | PF_ATTRACTIVENESS))
			s->c_linked[c] = 1;   /* one action does both */
		else if (class && a->partnership_id)
			add_link(s, c, class, a->partnership_id);
	}
	return s->failed ? EALA_ENOMEM : EALA_OK;
}

/* ================= the figures ================= */

static int cmp_bucket(const void *a, const void *b)
{
	const struct portfolio_bucket *x = a, *y = b;
	if (x->budget != y->budget)
		return x->budget < y->budget ? 1 : -1;
	if (x->actions != y->actions)
		return x->actions < y->actions ? 1 : -1;
	return strcmp(x->code, y->code);
}

static int push_bucket(struct portfolio_buckets *l, const char *code, int64_t actions, double budget)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].code, code) == 0) {
			l->v[i].actions += actions;
			l->v[i].budget += budget;
			return EALA_OK;
		}
	struct portfolio_bucket *v = realloc(l->v, (l->n + 1) * sizeof(*v));
	if (!v)
		return EALA_ENOMEM;
	l->v = v;
	l->v[l->n++] = (struct portfolio_bucket){xstrdup(code), actions, budget};
	return EALA_OK;
}

static double hhi(const struct portfolio_buckets *l)
{
	double total = 0, sum = 0;
	for (size_t i = 0; i < l->n; i++)
		if (*l->v[i].code)
			total += l->v[i].budget;
	if (total <= 0)
		return -1;
	for (size_t i = 0; i < l->n; i++)
		if (*l->v[i].code)
			sum += (l->v[i].budget / total) * (l->v[i].budget / total);
	return sum;
}

static int cmp_link(const void *a, const void *b)
{
	const struct link *x = a, *y = b;
	if (x->country != y->country)
		return x->country - y->country;
	return (x->partnership_id > y->partnership_id) - (x->partnership_id < y->partnership_id);
}

static void from_slist(struct portfolio_buckets *out, const struct slist *l, int *failed)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].actions && push_bucket(out, l->v[i].code, l->v[i].actions, l->v[i].budget))
			*failed = 1;
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_bucket);
}

int portfolio_end(struct portfolio_result *r)
{
	struct portfolio_state *s = r->state;
	int failed = s->failed, year = r->params.year;
	/* countries, income groups and regions */
	for (int c = 0; c < NCOUNTRY; c++) {
		if (!s->c_actions[c])
			continue;
		char code[3] = {0};
		if (c != NO_COUNTRY)
			code[0] = (char)('A' + c / 26), code[1] = (char)('A' + c % 26);
		failed |= push_bucket(&r->by_country, code, s->c_actions[c], s->c_budget[c]) != EALA_OK;
		const struct code *cc = c != NO_COUNTRY ? codelist_find(CL_COUNTRY, code) : NULL;
		const char *inc = cc && cc->attr[CL_ATTR_WB_INCOME] ? cc->attr[CL_ATTR_WB_INCOME] : "";
		const char *reg = cc && cc->attr[CL_ATTR_WB_REGION] ? cc->attr[CL_ATTR_WB_REGION] : "";
		failed |= push_bucket(&r->by_income, inc, s->c_actions[c], s->c_budget[c]) != EALA_OK;
		failed |= push_bucket(&r->by_region, reg, s->c_actions[c], s->c_budget[c]) != EALA_OK;
	}
	qsort(r->by_country.v, r->by_country.n, sizeof(*r->by_country.v), cmp_bucket);
	qsort(r->by_income.v, r->by_income.n, sizeof(*r->by_income.v), cmp_bucket);
	qsort(r->by_region.v, r->by_region.n, sizeof(*r->by_region.v), cmp_bucket);
	/* priorities' shares, read before empty buckets are left out */
	for (size_t i = 0; i < r->n_priorities; i++) {
		struct portfolio_priority *pp = &r->priorities[i];
		int64_t n = 0;
		double b = 0;
		if (strcmp(pp->type, "country") == 0) {
			int c = country_index(pp->code, strlen(pp->code));
			if (c != NO_COUNTRY)
				n = s->c_actions[c], b = s->c_budget[c];
		} else {
			for (size_t k = 0; k < s->domains.n; k++)
				if (strcmp(s->domains.v[k].code, pp->code) == 0)
					n = s->domains.v[k].actions, b = s->domains.v[k].budget;
		}
		pp->budget_share = r->budget > 0 ? b / r->budget : -1;
		pp->action_share = r->actions ? (double)n / r->actions : -1;
	}
	r->budget_on_priorities = r->has_strategy && r->budget > 0 ? s->budget_prio / r->budget : -1;
	r->actions_on_priorities = r->has_strategy && r->actions ? (double)s->actions_prio / r->actions : -1;
	from_slist(&r->by_domain, &s->domains, &failed);
	from_slist(&r->by_kind, &s->kinds, &failed);
	from_slist(&r->by_type, &s->types, &failed);
	r->hhi_country = hhi(&r->by_country);
	r->hhi_domain = hhi(&r->by_domain);
	/* partnerships: thin spread and dormancy */
	r->years = year || !r->first_year ? 1 : r->last_year - r->first_year + 1;
	int ref = r->params.reference_year, window = ref - r->params.dormant_years + 1;
	double sum = 0;
	for (size_t i = 0; i < s->n_partners; i++) {
		struct partner *p = &s->partners[i];
		if (!in_year(year, p->start_year, p->end_year))
			continue;
		r->partnerships++;
		int active = p->active;
		if (active) {
			double per_year = p->budget / r->years;
			r->active++;
			sum += per_year;
			r->under_threshold += per_year < r->params.threshold;
		}
		int asleep = p->asleep;
		int idle = active && ref && p->last_year < window && (!p->start_year || p->start_year < window);
		if (!asleep && !idle)
			continue;
		r->dormant++;
		if (r->n_dormant_listed == PORTFOLIO_MAX_LISTED)
			continue;
		struct portfolio_dormant *v = realloc(r->dormant_list, (r->n_dormant_listed + 1) * sizeof(*v));
		if (!v) {
			failed = 1;
			continue;
		}
		r->dormant_list = v;
		v[r->n_dormant_listed++] = (struct portfolio_dormant){
			p->id, p->name ? xstrdup(p->name) : NULL, xstrdup(asleep ? "dormant" : "active"), p->last_year, asleep};
	}
	r->per_partnership = r->active ? sum / r->active : -1;
	r->share_under = r->active ? (double)r->under_threshold / r->active : -1;
	/* solidarity and attractiveness without a shared partnership */
	if (s->n_links)
		qsort(s->links, s->n_links, sizeof(*s->links), cmp_link);
	for (size_t i = 0; i < s->n_links;) {
		size_t j = i;
		int class = 0;
		while (j < s->n_links && s->links[j].country == s->links[i].country &&
		       s->links[j].partnership_id == s->links[i].partnership_id)
			class |= s->links[j++].class;
		if (class == (PF_SOLIDARITY | PF_ATTRACTIVENESS))
			s->c_linked[s->links[i].country] = 1;
		i = j;
	}
	for (int c = 0; c < NO_COUNTRY; c++) {
		if (!s->c_sol[c] || !s->c_attr[c] || s->c_linked[c])
			continue;
		struct portfolio_unlinked *v = realloc(r->unlinked, (r->n_unlinked + 1) * sizeof(*v));
		if (!v) {
			failed = 1;
			break;
		}
		r->unlinked = v;
		char code[3] = {(char)('A' + c / 26), (char)('A' + c % 26), 0};
		v[r->n_unlinked++] = (struct portfolio_unlinked){xstrdup(code), s->c_sol[c], s->c_attr[c]};
	}
	return failed ? EALA_ENOMEM : EALA_OK;
}

static void buckets_clear(struct portfolio_buckets *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].code);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void portfolio_clear(struct portfolio_result *r)
{
	if (!r)
		return;
	struct portfolio_state *s = r->state;
	if (s) {
		slist_clear(&s->domains);
		slist_clear(&s->kinds);
		slist_clear(&s->types);
		for (size_t i = 0; i < s->n_partners; i++)
			free(s->partners[i].name);
		free(s->partners);
		free(s->links);
		free(s);
	}
	buckets_clear(&r->by_country);
	buckets_clear(&r->by_income);
	buckets_clear(&r->by_region);
	buckets_clear(&r->by_domain);
	buckets_clear(&r->by_kind);
	buckets_clear(&r->by_type);
	free(r->strategy_title);
	for (size_t i = 0; i < r->n_priorities; i++)
		free(r->priorities[i].type), free(r->priorities[i].code);
	free(r->priorities);
	for (size_t i = 0; i < r->n_dormant_listed; i++)
		free(r->dormant_list[i].name), free(r->dormant_list[i].status);
	free(r->dormant_list);
	for (size_t i = 0; i < r->n_unlinked; i++)
		free(r->unlinked[i].country);
	free(r->unlinked);
	memset(r, 0, sizeof(*r));
}

/* ================= from the store ================= */

struct pick {
	int year;
	struct strategy best;
	int found;
};

/* The strategy in force in the year: the latest started among those
 * covering it. */
static int pick_strategy(void *ctx, const struct strategy *g)
{
	struct pick *k = ctx;
	if (g->start_year > k->year || (g->end_year && g->end_year < k->year))
		return 0;
	if (k->found && k->best.start_year > g->start_year)
		return 0;
	strategy_clear(&k->best);
	memset(&k->best, 0, sizeof(k->best));
	k->best.id = g->id;
	k->best.title = g->title ? xstrdup(g->title) : NULL;
	k->best.start_year = g->start_year;
	k->best.end_year = g->end_year;
	k->best.priorities = g->n_priorities ? calloc(g->n_priorities, sizeof(*g->priorities)) : NULL;
	for (size_t i = 0; k->best.priorities && i < g->n_priorities; i++) {
		k->best.priorities[i].type = g->priorities[i].type ? xstrdup(g->priorities[i].type) : NULL;
		k->best.priorities[i].code = g->priorities[i].code ? xstrdup(g->priorities[i].code) : NULL;
		k->best.priorities[i].target_share = g->priorities[i].target_share;
		k->best.n_priorities++;
	}
	k->found = 1;
	return 0;
}

static int feed_partnership(void *ctx, const struct store_portfolio_partnership *p)
{
	return portfolio_add_partnership(ctx, p);
}

static int feed_action(void *ctx, const struct store_portfolio_action *a)
{
	return portfolio_add_action(ctx, a);
}

int portfolio_load(struct store *st, int64_t authority_id, const struct portfolio_params *p,
		   int public_only, const struct portfolio_rules *rules, struct portfolio_result *out,
		   char **errmsg)
{
	struct portfolio_params params = *p;
	if (!params.reference_year) {
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		params.reference_year = params.year ? params.year : tm.tm_year + 1900;
	}
	struct pick k = {.year = params.year ? params.year : params.reference_year};
	int rc = EALA_OK;
	if (authority_id)
		rc = store_strategy_each(st, authority_id, pick_strategy, &k, errmsg);
	if (!rc)
		rc = portfolio_begin(out, &params, rules, k.found ? &k.best : NULL);
	strategy_clear(&k.best);
	struct store_portfolio_query q = {authority_id, params.year, params.reference_year, public_only};
	if (!rc)
		rc = store_portfolio_partnerships(st, &q, feed_partnership, out, errmsg);
	if (!rc)
		rc = store_portfolio_actions(st, &q, feed_action, out, errmsg);
	if (!rc)
		rc = portfolio_end(out);
	if (rc && rc != EALA_ENOMEM && errmsg && !*errmsg)
		*errmsg = xstrdup("cannot read the portfolio");
	return rc;
}

/* ================= as JSON ================= */

const char *portfolio_hhi_level(double h)
{
	return h < 0 ? NULL : h < 0.15 ? "diverse" : h <= 0.25 ? "moderate" : "concentrated";
}

static json_t *share_or_null(double v)
{
	return v < 0 ? json_null() : json_real(v);
}

static json_t *buckets_json(const struct portfolio_buckets *l, double total, enum codelist_id list, int lang)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++) {
		const struct portfolio_bucket *b = &l->v[i];
		const char *label = !*b->code ? NULL : (int)list >= 0 ? codelist_label(list, b->code, lang) : b->code;
		json_array_append_new(a, json_pack("{s:o, s:o, s:I, s:f, s:o}", "code",
						   *b->code ? json_string(b->code) : json_null(), "label",
						   label ? json_string(label) : json_null(), "actions",
						   (json_int_t)b->actions, "budget", b->budget, "budget_share",
						   share_or_null(total > 0 ? b->budget / total : -1)));
	}
	return a;
}

static json_t *hhi_json(double h)
{
	return h < 0 ? json_null() : json_pack("{s:f, s:s}", "value", h, "level", portfolio_hhi_level(h));
}

json_t *portfolio_json(const struct portfolio_result *r, int64_t authority_id, int lang)
{
	json_t *j = json_object();
	json_object_set_new(j, "authority", authority_id ? json_integer((json_int_t)authority_id) : json_null());
	json_object_set_new(j, "year", r->params.year ? json_integer(r->params.year) : json_null());
	json_object_set_new(j, "reference_year", json_integer(r->params.reference_year));
	json_object_set_new(j, "currency", json_string("EUR"));
	json_object_set_new(j, "actions", json_integer((json_int_t)r->actions));
	json_object_set_new(j, "partnerships", json_integer((json_int_t)r->partnerships));
	json_object_set_new(j, "budget", json_real(r->budget));
	json_object_set_new(j, "first_year", r->first_year ? json_integer(r->first_year) : json_null());
	json_object_set_new(j, "last_year", r->last_year ? json_integer(r->last_year) : json_null());
	json_object_set_new(j, "by_country", buckets_json(&r->by_country, r->budget, CL_COUNTRY, lang));
	json_object_set_new(j, "by_income_group", buckets_json(&r->by_income, r->budget, (enum codelist_id)-1, lang));
	json_object_set_new(j, "by_region", buckets_json(&r->by_region, r->budget, (enum codelist_id)-1, lang));
	json_object_set_new(j, "by_domain", buckets_json(&r->by_domain, r->budget, CL_ACTION_DOMAIN, lang));
	json_object_set_new(j, "by_partnership_kind", buckets_json(&r->by_kind, r->budget, CL_PARTNERSHIP_KIND, lang));
	json_object_set_new(j, "by_action_type", buckets_json(&r->by_type, r->budget, CL_ACTION_TYPE, lang));
	json_object_set_new(j, "hhi", json_pack("{s:o, s:o, s:s}", "country", hhi_json(r->hhi_country), "domain",
						hhi_json(r->hhi_domain), "thresholds",
						"2010 U.S. Horizontal Merger Guidelines on a 0-1 scale: under 0.15 "
						"diverse, 0.15 to 0.25 moderate, over 0.25 concentrated"));
	json_object_set_new(j, "thin_spread",
			    json_pack("{s:f, s:I, s:i, s:o, s:I, s:o}", "threshold", r->params.threshold,
				      "active_partnerships", (json_int_t)r->active, "years", r->years,
				      "budget_per_partnership", share_or_null(r->per_partnership),
				      "under_threshold", (json_int_t)r->under_threshold, "share_under_threshold",
				      share_or_null(r->share_under)));
	if (r->has_strategy) {
		json_t *prio = json_array();
		for (size_t i = 0; i < r->n_priorities; i++) {
			const struct portfolio_priority *p = &r->priorities[i];
			int country = strcmp(p->type, "country") == 0;
			json_array_append_new(
				prio, json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "type", p->type, "code", p->code, "label",
						codelist_label(country ? CL_COUNTRY : CL_ACTION_DOMAIN, p->code, lang),
						"target", share_or_null(p->target), "budget_share",
						share_or_null(p->budget_share), "action_share", share_or_null(p->action_share)));
		}
		json_object_set_new(j, "strategy",
				    json_pack("{s:I, s:s?, s:i, s:o, s:o, s:o, s:o}", "id", (json_int_t)r->strategy_id,
					      "title", r->strategy_title, "start_year", r->strategy_start, "end_year",
					      r->strategy_end ? json_integer(r->strategy_end) : json_null(), "priorities",
					      prio, "budget_on_priorities", share_or_null(r->budget_on_priorities),
					      "actions_on_priorities", share_or_null(r->actions_on_priorities)));
	} else {
		json_object_set_new(j, "strategy", json_null());
	}
	json_t *dl = json_array();
	for (size_t i = 0; i < r->n_dormant_listed; i++) {
		const struct portfolio_dormant *d = &r->dormant_list[i];
		json_array_append_new(dl, json_pack("{s:I, s:s?, s:s, s:o, s:s}", "id", (json_int_t)d->id, "name",
						    d->name, "status", d->status, "last_activity",
						    d->last_year ? json_integer(d->last_year) : json_null(), "reason",
						    d->by_status ? "status" : "no_activity"));
	}
	json_object_set_new(j, "dormant", json_pack("{s:I, s:i, s:o}", "count", (json_int_t)r->dormant, "years",
						    r->params.dormant_years, "partnerships", dl));
	json_t *ul = json_array();
	for (size_t i = 0; i < r->n_unlinked; i++)
		json_array_append_new(ul, json_pack("{s:s, s:s, s:I, s:I}", "country", r->unlinked[i].country, "label",
						    codelist_label(CL_COUNTRY, r->unlinked[i].country, lang),
						    "solidarity_actions", (json_int_t)r->unlinked[i].solidarity,
						    "attractiveness_actions", (json_int_t)r->unlinked[i].attractiveness));
	json_object_set_new(j, "unlinked", ul);
	return j;
}

/* ================= sentences ================= */

static const char *ctr(int lang, const char *en) __attribute__((format_arg(2)));
static const char *ctr(int lang, const char *en)
{
	return lang == CL_LANG_EN ? en : dgettext("eala", en);
}

static const char *ctrn(int lang, const char *one, const char *many, unsigned long n)
	__attribute__((format_arg(2))) __attribute__((format_arg(3)));
static const char *ctrn(int lang, const char *one, const char *many, unsigned long n)
{
	return lang == CL_LANG_EN ? (n == 1 ? one : many) : dngettext("eala", one, many, n);
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
			for (const char *c = sep; *c; c++)
				grouped[o++] = *c;
		grouped[o++] = digits[i];
	}
	grouped[o] = '\0';
	snprintf(out, 64, "%s%s\xc2\xa0\xe2\x82\xac", v < 0 ? "-" : "", grouped);
}

/* 0.3125 -> "31%" / "31 %" */
static void percent(double share, int lang, char out[32])
{
	snprintf(out, 32, lang == CL_LANG_FR ? "%.0f\xc2\xa0%%" : "%.0f%%", 100 * share);
}

static const char *level_word(double h, int lang)
{
	return h < 0.15 ? ctr(lang, "diverse") : h <= 0.25 ? ctr(lang, "moderate") : ctr(lang, "concentrated");
}

static void hhi_decimal(double h, int lang, char out[16])
{
	snprintf(out, 16, "%.2f", h);
	char *dot = strchr(out, '.');
	if (dot && lang == CL_LANG_FR)
		*dot = ',';
}

void portfolio_sentences(const struct portfolio_result *r, int lang, portfolio_sentence_fn fn, void *ctx)
{
	char s[1024], a[64], b[64], p1[32], p2[32], h[16];
	size_t countries = 0;
	for (size_t i = 0; i < r->by_country.n; i++)
		countries += *r->by_country.v[i].code != 0;
	euros(r->budget, lang, a);
	snprintf(s, sizeof(s), ctr(lang, "%lld actions with %s of financing (in euros, actual amounts where recorded, "
					 "else planned), in %zu countries; %lld partnerships."),
		 (long long)r->actions, a, countries, (long long)r->partnerships);
	fn(ctx, s);
	if (r->budget > 0 && r->by_country.n && *r->by_country.v[0].code) {
		double top3 = 0;
		for (size_t i = 0, k = 0; i < r->by_country.n && k < 3; i++)
			if (*r->by_country.v[i].code)
				top3 += r->by_country.v[i].budget, k++;
		percent(r->by_country.v[0].budget / r->budget, lang, p1);
		percent(top3 / r->budget, lang, p2);
		snprintf(s, sizeof(s), ctr(lang, "%s receives %s of the budget; the first three countries %s."),
			 codelist_label(CL_COUNTRY, r->by_country.v[0].code, lang), p1, p2);
		fn(ctx, s);
	}
	if (r->hhi_country >= 0) {
		hhi_decimal(r->hhi_country, lang, h);
		snprintf(s, sizeof(s), ctr(lang, "By country the budget is %s: Herfindahl-Hirschman index %s."),
			 level_word(r->hhi_country, lang), h);
		fn(ctx, s);
	}
	if (r->hhi_domain >= 0) {
		hhi_decimal(r->hhi_domain, lang, h);
		snprintf(s, sizeof(s), ctr(lang, "By domain the budget is %s: Herfindahl-Hirschman index %s."),
			 level_word(r->hhi_domain, lang), h);
		fn(ctx, s);
	}
	if (r->hhi_country >= 0 || r->hhi_domain >= 0)
		fn(ctx, ctr(lang, "The index is the sum of the squared shares of the budget (1: all in one place); "
				  "under 0.15 the budget is diverse, from 0.15 to 0.25 moderately concentrated, above "
				  "0.25 concentrated: the thresholds of the 2010 U.S. Horizontal Merger Guidelines, on "
				  "a scale of 0 to 1."));
	if (r->active) {
		euros(r->params.threshold, lang, a);
		euros(r->per_partnership, lang, b);
		percent(r->share_under, lang, p1);
		snprintf(s, sizeof(s), ctr(lang, "Thin spread: %lld of the %lld active partnerships (%s) receive less than "
						 "%s a year; an active partnership receives %s a year on average."),
			 (long long)r->under_threshold, (long long)r->active, p1, a, b);
		fn(ctx, s);
	} else {
		fn(ctx, ctr(lang, "Thin spread: no active partnership."));
	}
	if (r->has_strategy) {
		percent(r->budget_on_priorities < 0 ? 0 : r->budget_on_priorities, lang, p1);
		percent(r->actions_on_priorities < 0 ? 0 : r->actions_on_priorities, lang, p2);
		if (r->budget_on_priorities < 0)   /* no budget: no share of it to speak of */
			snprintf(s, sizeof(s), ctr(lang, "Strategy \"%s\": no budget is recorded; %s of the actions go to "
							 "its declared priorities."),
				 r->strategy_title ? r->strategy_title : "", p2);
		else
			snprintf(s, sizeof(s), ctr(lang, "Strategy \"%s\": %s of the budget and %s of the actions go to "
							 "its declared priorities."),
				 r->strategy_title ? r->strategy_title : "", p1, p2);
		fn(ctx, s);
		for (size_t i = 0; i < r->n_priorities; i++) {
			const struct portfolio_priority *p = &r->priorities[i];
			const char *label = codelist_label(strcmp(p->type, "country") == 0 ? CL_COUNTRY : CL_ACTION_DOMAIN,
							   p->code, lang);
			percent(p->budget_share < 0 ? 0 : p->budget_share, lang, p1);
			if (p->target >= 0) {
				percent(p->target, lang, p2);
				snprintf(s, sizeof(s),
					 p->budget_share >= p->target
						 ? ctr(lang, "Priority %s: %s of the budget, for a target of %s: reached.")
						 : ctr(lang, "Priority %s: %s of the budget, for a target of %s: not reached."),
					 label, p1, p2);
			} else {
				snprintf(s, sizeof(s), ctr(lang, "Priority %s: %s of the budget (no target)."), label, p1);
			}
			fn(ctx, s);
		}
	} else {
		fn(ctx, ctr(lang, "No strategy in force is recorded: the coherence with declared priorities cannot "
				  "be measured."));
	}
	snprintf(s, sizeof(s),
		 ctrn(lang, "%lld partnership is dormant: recorded as such, or active with no action starting and no "
			    "financing from %d to %d.",
		      "%lld partnerships are dormant: recorded as such, or active with no action starting and no "
		      "financing from %d to %d.", (unsigned long)r->dormant),
		 (long long)r->dormant, r->params.reference_year - r->params.dormant_years + 1, r->params.reference_year);
	fn(ctx, s);
	for (size_t i = 0; i < r->n_unlinked; i++) {
		char sol[96], att[96];
		long long ns = r->unlinked[i].solidarity, na = r->unlinked[i].attractiveness;
		snprintf(sol, sizeof(sol), ctrn(lang, "%lld solidarity action", "%lld solidarity actions", (unsigned long)ns), ns);
		snprintf(att, sizeof(att),
			 ctrn(lang, "%lld attractiveness action", "%lld attractiveness actions", (unsigned long)na), na);
		snprintf(s, sizeof(s), ctr(lang, "In %s, %s and %s share no partnership: nothing links them."),
			 codelist_label(CL_COUNTRY, r->unlinked[i].country, lang), sol, att);
		fn(ctx, s);
	}
}
