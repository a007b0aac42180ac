/* annual.c: the annual report of one authority; see annual.h.
 *
 * Gathering: the authority's published partnerships (all of them, to know
 * each action's partners; those active in the year for the table), its
 * published actions active in the year (the action list's "of this
 * authority": lead, partnership member or participant), their financing rows
 * of the year, the organisations taking part, the observed outcomes dated in
 * the year, and gap_load() with the year for the figures of the gap page.
 * Money is in euros; rows in another currency are counted, not added. An
 * action's money goes to the countries the action names, else to its
 * partners' countries, shared equally; else to "not stated".
 */
#define _GNU_SOURCE
#include "annual.h"

#include "../analysis/compliance.h"
#include "../analysis/gap.h"
#include "../core/codelist.h"
#include "../io/html_write.h"

#include <jansson.h>
#include <libintl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TABLE_MAX 40     /* rows of a table before "and N more" */
#define CHART_MAX 12     /* bars of a chart; the table has them all */
#define OUTCOMES_MAX 20

/* ---- words and numbers in the report's language ---- */

static const char *rtr(int lang, const char *en) __attribute__((format_arg(2)));
static const char *rtr(int lang, const char *en)
{
	return lang == CL_LANG_EN ? en : dgettext("eala", en);
}

static const char *rtrn(int lang, const char *one, const char *many, unsigned long n)
	__attribute__((format_arg(2))) __attribute__((format_arg(3)));
static const char *rtrn(int lang, const char *one, const char *many, unsigned long n)
{
	return lang == CL_LANG_EN ? (n == 1 ? one : many) : dngettext("eala", one, many, n);
}

/* 32750.5 -> "€32,751" in English, "32 751 €" in French (narrow no-break
 * space between thousands, no-break space before the sign). */
static void euros(double v, int lang, char out[64])
{
	long long n = llround(v < 0 ? -v : v);
	char digits[24], grouped[48];   /* 20 digits and 6 separators of 3 bytes at most */
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
	if (lang == CL_LANG_FR)
		snprintf(out, 64, "%s%s\xc2\xa0\xe2\x82\xac", v < 0 ? "-" : "", grouped);
	else
		snprintf(out, 64, "%s\xe2\x82\xac%s", v < 0 ? "-" : "", grouped);
}

static const char *country_name(const char *code, int lang)
{
	if (!code || !*code)
		return rtr(lang, "not stated");
	return codelist_label(CL_COUNTRY, code, lang);
}

static int year_of(const char *date)
{
	return date && strlen(date) >= 4 ? atoi(date) : 0;
}

/* ---- the gathered figures ---- */

struct place {
	int64_t id;
	char *name, *country;
	int has_coords, draft;
	double lat, lng;
};

struct pship {
	int64_t id;
	char *name, *kind, *status;
	int since;                /* year of the start or of the agreement, 0: unknown */
	int64_t *partners;        /* the members but the authority */
	size_t n_partners;
	int active;               /* active during the year */
};

struct act {
	int64_t id;
	char *title, *type;
	int start, end;           /* years, 0: none */
	int64_t partnership_id;
	struct strv countries;
	int64_t *orgs;            /* organisations taking part */
	size_t n_orgs;
	double planned, spent;
	int has_money;
};

struct amount {
	const char *code;         /* a code-list string, "" for not stated */
	double planned, spent;
};

struct stakeholder {
	int64_t id;
	char *name, *subtype, *country;
	char *place;              /* the authority it is based in, or NULL */
	int local;                /* based in the report's authority (see based_in()) */
	int actions;
};

struct outcome {
	char *description, *category, *reported_by;
};

struct annual {
	struct authority authority;
	int year;
	int has_budget;
	struct budget_year budget;
	struct place *places;     /* [0] is the authority */
	size_t n_places, cap_places;
	struct pship *pships;
	size_t n_pships, cap_pships;
	struct act *acts;
	size_t n_acts, cap_acts;
	struct amount *by_source, *by_country;
	size_t n_source, n_country;
	double planned, spent;
	int other_currency;       /* financing rows of the year not in euros */
	struct stakeholder *orgs;
	size_t n_orgs;
	struct outcome *outcomes;
	size_t n_outcomes, cap_outcomes;
	struct gap_result gap;
	/* the money and law checks of the year (issue 5): the report notes the
	 * breaches and what is missing; rules the findings point into */
	struct compliance_rules rules;
	struct compliance_result compliance;
	int failed;               /* out of memory while gathering */
};

/* Grow *v (of *cap elements of size sz) to hold n + 1; 0 on failure. */
static int grow(void **v, size_t *cap, size_t n, size_t sz)
{
	if (n < *cap)
		return 1;
	size_t c = *cap ? *cap * 2 : 16;
	void *nv = realloc(*v, c * sz);
	if (!nv)
		return 0;
	*v = nv;
	*cap = c;
	return 1;
}

static struct place *place_find(const struct annual *a, int64_t id)
{
	for (size_t i = 0; i < a->n_places; i++)
		if (a->places[i].id == id)
			return &a->places[i];
	return NULL;
}

/* The authority id as a place, read once. */
static struct place *place_of(struct annual *a, struct store *st, int64_t id)
{
	struct place *p = place_find(a, id);
	if (p)
		return p;
	struct authority au = {0};
	if (store_authority_get(st, id, &au) != EALA_OK ||
	    !grow((void **)&a->places, &a->cap_places, a->n_places, sizeof(*a->places))) {
		authority_clear(&au);
		return NULL;
	}
	p = &a->places[a->n_places++];
	*p = (struct place){.id = id, .name = au.name, .country = au.country, .has_coords = au.has_coords,
			    .draft = au.draft, .lat = au.lat, .lng = au.lng};
	au.name = au.country = NULL;
	authority_clear(&au);
	return p;
}

static struct pship *pship_find(const struct annual *a, int64_t id)
{
	for (size_t i = 0; i < a->n_pships; i++)
		if (a->pships[i].id == id)
			return &a->pships[i];
	return NULL;
}

static int keep_pship(void *ctx, const struct partnership *p)
{
	struct annual *a = ctx;
	if (!grow((void **)&a->pships, &a->cap_pships, a->n_pships, sizeof(*a->pships)))
		return a->failed = 1;
	struct pship *s = &a->pships[a->n_pships++];
	memset(s, 0, sizeof(*s));
	s->id = p->id;
	s->name = xstrdup(p->name);
	s->kind = xstrdup(p->kind);
	s->status = xstrdup(p->status);
	s->since = year_of(p->start_date ? p->start_date : p->agreement_signed);
	s->partners = p->n_members ? calloc(p->n_members, sizeof(*s->partners)) : NULL;
	for (size_t i = 0; s->partners && i < p->n_members; i++)
		if (p->members[i] != a->authority.id)
			s->partners[s->n_partners++] = p->members[i];
	return 0;
}

static int mark_active(void *ctx, const struct partnership *p)
{
	struct pship *s = pship_find(ctx, p->id);
	if (s)
		s->active = 1;
	return 0;
}

static int keep_act(void *ctx, const struct action *x)
{
	struct annual *a = ctx;
	if (!grow((void **)&a->acts, &a->cap_acts, a->n_acts, sizeof(*a->acts)))
		return a->failed = 1;
	struct act *t = &a->acts[a->n_acts++];
	memset(t, 0, sizeof(*t));
	t->id = x->id;
	t->title = xstrdup(x->title);
	t->type = xstrdup(x->type);
	t->start = year_of(x->start_date);
	t->end = year_of(x->end_date);
	t->partnership_id = x->partnership_id;
	if (strv_copy(&t->countries, &x->countries))
		a->failed = 1;
	t->orgs = x->n_participants ? calloc(x->n_participants, sizeof(*t->orgs)) : NULL;
	for (size_t i = 0; t->orgs && i < x->n_participants; i++)
		if (x->participants[i].organisation_id)
			t->orgs[t->n_orgs++] = x->participants[i].organisation_id;
	return 0;
}

static void act_clear(struct act *t)
{
	free(t->title);
	free(t->type);
	strv_clear(&t->countries);
	free(t->orgs);
}

/* An action in a draft partnership is left out with it. */
static int act_public(struct annual *a, struct store *st, const struct act *t)
{
	int draft = 0;
	if (!t->partnership_id || pship_find(a, t->partnership_id))
		return 1;
	return store_is_draft(st, "partnership", t->partnership_id, &draft) == EALA_OK && !draft;
}

/* ---- money ---- */

static void add_amount(struct amount **v, size_t *n, const char *code, double planned, double spent,
		       int *failed)
{
	for (size_t i = 0; i < *n; i++) {
		if (strcmp((*v)[i].code, code) == 0) {
			(*v)[i].planned += planned;
			(*v)[i].spent += spent;
			return;
		}
	}
	struct amount *nv = realloc(*v, (*n + 1) * sizeof(**v));
	if (!nv) {
		*failed = 1;
		return;
	}
	*v = nv;
	nv[(*n)++] = (struct amount){.code = code, .planned = planned, .spent = spent};
}

/* A code as a string that outlives the records: the code list's own. */
static const char *code_string(enum codelist_id id, const char *code)
{
	const struct code *c = code ? codelist_find(id, code) : NULL;
	return c ? c->code : "";
}

struct money_ctx {
	struct annual *a;
	struct act *t;
};

static int keep_financing(void *ctx, const struct financing *f)
{
	struct money_ctx *m = ctx;
	if (f->year != m->a->year)
		return 0;
	if (f->currency && strcmp(f->currency, "EUR") != 0) {
		m->a->other_currency++;
		return 0;
	}
	double planned = f->has_planned ? f->planned : 0, spent = f->has_actual ? f->actual : 0;
	m->t->planned += planned;
	m->t->spent += spent;
	m->t->has_money = 1;
	add_amount(&m->a->by_source, &m->a->n_source, code_string(CL_FUNDING_SOURCE, f->source), planned, spent,
		   &m->a->failed);
	return 0;
}

/* Where an action's money goes: its countries, else its partners' countries. */
static void share_by_country(struct annual *a, struct store *st, const struct act *t)
{
	struct strv where = {0};
	for (size_t i = 0; i < t->countries.n; i++)
		strv_push(&where, code_string(CL_COUNTRY, t->countries.v[i]));
	struct pship *p = where.n ? NULL : pship_find(a, t->partnership_id);
	for (size_t i = 0; p && i < p->n_partners; i++) {
		struct place *pl = place_of(a, st, p->partners[i]);
		const char *c = pl && !pl->draft ? code_string(CL_COUNTRY, pl->country) : NULL;
		if (c && *c && !strv_contains(&where, c))
			strv_push(&where, c);
	}
	if (!where.n)
		strv_push(&where, "");
	for (size_t i = 0; i < where.n; i++)
		add_amount(&a->by_country, &a->n_country, code_string(CL_COUNTRY, where.v[i]),
			   t->planned / (double)where.n, t->spent / (double)where.n, &a->failed);
	strv_clear(&where);
}

static int by_money(const void *x, const void *y)
{
	const struct amount *a = x, *b = y;
	if (a->spent != b->spent)
		return a->spent < b->spent ? 1 : -1;
	if (a->planned != b->planned)
		return a->planned < b->planned ? 1 : -1;
	return strcmp(a->code, b->code);
}

static int act_order(const void *x, const void *y)
{
	const struct act *a = x, *b = y;
	if (a->spent != b->spent)
		return a->spent < b->spent ? 1 : -1;
	if (a->planned != b->planned)
		return a->planned < b->planned ? 1 : -1;
	return (a->id > b->id) - (a->id < b->id);
}

static int gather_money(struct annual *a, struct store *st, char **errmsg)
{
	int rc = EALA_OK;
	for (size_t i = 0; !rc && i < a->n_acts; i++) {
		struct money_ctx m = {a, &a->acts[i]};
		rc = store_financing_each(st, a->acts[i].id, keep_financing, &m, errmsg);
		if (!rc && a->acts[i].has_money)
			share_by_country(a, st, &a->acts[i]);
		a->planned += a->acts[i].planned;
		a->spent += a->acts[i].spent;
	}
	qsort(a->by_source, a->n_source, sizeof(*a->by_source), by_money);
	qsort(a->by_country, a->n_country, sizeof(*a->by_country), by_money);
	qsort(a->acts, a->n_acts, sizeof(*a->acts), act_order);
	return rc;
}

/* ---- organisations ---- */

static int by_involvement(const void *x, const void *y)
{
	const struct stakeholder *a = x, *b = y;
	if (a->local != b->local)
		return b->local - a->local;
	if (a->actions != b->actions)
		return b->actions - a->actions;
	return strcmp(a->name ? a->name : "", b->name ? b->name : "");
}

/* Where an organisation is based: its authority's name when it has one;
 * local when that is the report's authority, the body it is part of, or a
 * town inside it. */
static void based_in(struct annual *a, struct store *st, struct stakeholder *s, int64_t authority_id)
{
	struct authority au = {0};
	if (!authority_id || store_authority_get(st, authority_id, &au) != EALA_OK || au.draft) {
		authority_clear(&au);
		return;
	}
	s->local = authority_id == a->authority.id || authority_id == a->authority.parent_id ||
		   au.parent_id == a->authority.id;
	s->place = au.name;
	au.name = NULL;
	authority_clear(&au);
}

static int gather_orgs(struct annual *a, struct store *st)
{
	size_t cap = 0;
	for (size_t i = 0; i < a->n_acts; i++) {
		for (size_t k = 0; k < a->acts[i].n_orgs; k++) {
			int64_t id = a->acts[i].orgs[k];
			struct stakeholder *s = NULL;
			for (size_t j = 0; j < a->n_orgs && !s; j++)
				if (a->orgs[j].id == id)
					s = &a->orgs[j];
			if (s) {
				s->actions++;
				continue;
			}
			struct organisation o = {0};
			if (store_organisation_get(st, id, &o) != EALA_OK || o.draft) {
				organisation_clear(&o);
				continue;
			}
			if (!grow((void **)&a->orgs, &cap, a->n_orgs, sizeof(*a->orgs))) {
				organisation_clear(&o);
				return EALA_ENOMEM;
			}
			s = &a->orgs[a->n_orgs++];
			*s = (struct stakeholder){.id = id, .name = o.name, .subtype = o.subtype, .country = o.country,
						  .actions = 1};
			o.name = o.subtype = o.country = NULL;
			based_in(a, st, s, o.authority_id);
			organisation_clear(&o);
		}
	}
	qsort(a->orgs, a->n_orgs, sizeof(*a->orgs), by_involvement);
	return EALA_OK;
}

/* ---- outcomes, budget ---- */

static int keep_outcome(void *ctx, const struct observed_outcome *o)
{
	struct annual *a = ctx;
	if (year_of(o->date) != a->year)
		return 0;
	if (!grow((void **)&a->outcomes, &a->cap_outcomes, a->n_outcomes, sizeof(*a->outcomes)))
		return a->failed = 1;
	a->outcomes[a->n_outcomes++] = (struct outcome){.description = xstrdup(o->description),
							.category = xstrdup(o->category),
							.reported_by = xstrdup(o->reported_by)};
	return 0;
}

static int keep_budget(void *ctx, const struct budget_year *b)
{
	struct annual *a = ctx;
	if (b->year == a->year && !a->has_budget) {
		a->has_budget = 1;
		a->budget = *b;
		a->budget.illustrative = NULL;
	}
	return 0;
}

/* ---- loading ---- */

static int gather(struct annual *a, struct store *st, char **errmsg)
{
	int64_t id = a->authority.id;
	struct store_filter f = {.authority_id = id, .public_only = 1};
	int rc = store_partnership_list(st, &f, keep_pship, a, NULL, errmsg);
	f.year = a->year;
	if (!rc)
		rc = store_partnership_list(st, &f, mark_active, a, NULL, errmsg);
	if (!rc)
		rc = store_action_list(st, &f, keep_act, a, NULL, errmsg);
	/* actions of draft partnerships the authority is not a member of */
	size_t kept = 0;
	for (size_t i = 0; !rc && i < a->n_acts; i++) {
		if (act_public(a, st, &a->acts[i]))
			a->acts[kept++] = a->acts[i];
		else
			act_clear(&a->acts[i]);
	}
	if (!rc)
		a->n_acts = kept;
	if (!rc)
		rc = gather_money(a, st, errmsg);
	if (!rc)
		rc = gather_orgs(a, st);
	for (size_t i = 0; !rc && i < a->n_pships; i++) {
		for (size_t k = 0; k < a->pships[i].n_partners; k++)
			place_of(a, st, a->pships[i].partners[k]);
		rc = store_observed_outcome_each(st, a->pships[i].id, 1, keep_outcome, a, errmsg);
	}
	if (!rc)
		rc = store_budget_year_each(st, id, keep_budget, a, errmsg);
	if (!rc)
		rc = gap_load(st, id, a->year, 1, &a->gap, errmsg);
	if (!rc && a->failed)
		rc = EALA_ENOMEM;
	return rc;
}

int annual_load(struct store *st, int64_t authority_id, int year, struct annual **out, char **errmsg)
{
	*out = NULL;
	struct annual *a = calloc(1, sizeof(*a));
	if (!a)
		return EALA_ENOMEM;
	a->year = year;
	int rc = store_authority_get(st, authority_id, &a->authority);
	if (rc == EALA_OK && a->authority.draft) {
		if (errmsg)
			*errmsg = xasprintf("authority %lld is a draft: its report appears once it is published",
					    (long long)authority_id);
		rc = EALA_EINVAL;
	}
	/* the authority is the first place of the map */
	if (rc == EALA_OK && !place_of(a, st, authority_id))
		rc = EALA_ENOMEM;
	if (rc == EALA_OK)
		rc = gather(a, st, errmsg);
	if (rc == EALA_OK) {
		/* compliance notes when there are any: rules that cannot be read
		 * leave the section out rather than the report undone */
		struct errlist el;
		errlist_init(&el);
		char *err = NULL;
		if (compliance_rules_load(NULL, &a->rules, &el) == EALA_OK &&
		    compliance_load(st, &a->rules, authority_id, year, NULL, 1, &a->compliance, &err) != EALA_OK)
			compliance_result_clear(&a->compliance);
		free(err);
		errlist_clear(&el);
	}
	if (rc)
		annual_free(a);
	else
		*out = a;
	return rc;
}

void annual_free(struct annual *a)
{
	if (!a)
		return;
	authority_clear(&a->authority);
	compliance_result_clear(&a->compliance);
	compliance_rules_clear(&a->rules);
	for (size_t i = 0; i < a->n_places; i++)
		free(a->places[i].name), free(a->places[i].country);
	free(a->places);
	for (size_t i = 0; i < a->n_pships; i++) {
		free(a->pships[i].name);
		free(a->pships[i].kind);
		free(a->pships[i].status);
		free(a->pships[i].partners);
	}
	free(a->pships);
	for (size_t i = 0; i < a->n_acts; i++)
		act_clear(&a->acts[i]);
	free(a->acts);
	free(a->by_source);
	free(a->by_country);
	for (size_t i = 0; i < a->n_orgs; i++)
		free(a->orgs[i].name), free(a->orgs[i].subtype), free(a->orgs[i].country), free(a->orgs[i].place);
	free(a->orgs);
	for (size_t i = 0; i < a->n_outcomes; i++) {
		free(a->outcomes[i].description);
		free(a->outcomes[i].category);
		free(a->outcomes[i].reported_by);
	}
	free(a->outcomes);
	free(a);
}

const char *annual_authority_name(const struct annual *a)
{
	return a->authority.name;
}

int annual_year(const struct annual *a)
{
	return a->year;
}

/* ---- writing ---- */

/* A sentence made from a translated format: the result escaped as text. */
static void say(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct buf *b, const char *fmt, ...)
{
	char *s = NULL;
	va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n >= 0)
		html_text(b, s);
	free(s);
}

static void para(struct buf *b, const char *text)
{
	html(b, "<p>");
	html_text(b, text);
	html(b, "</p>\n");
}

static void th(struct buf *b, const char *text, int numeric)
{
	html(b, numeric ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">");
	html_text(b, text);
	html(b, "</th>");
}

static void td_text(struct buf *b, const char *text)
{
	html(b, "<td>");
	html_text(b, text);
	html(b, "</td>");
}

static void td_num(struct buf *b, long long v)
{
	html(b, "<td class=\"num\">");
	html_int(b, v);
	html(b, "</td>");
}

static void td_euros(struct buf *b, double v, int lang)
{
	char s[64];
	euros(v, lang, s);
	html(b, "<td class=\"num\">");
	html_text(b, s);
	html(b, "</td>");
}

static void section_begin(struct buf *b, const char *id, const char *title)
{
	html(b, "<section id=\"");
	html_attr(b, id);
	html(b, "\">\n<h2>");
	html_text(b, title);
	html(b, "</h2>\n");
}

static void more_rows(struct buf *b, int lang, size_t shown, size_t total)
{
	if (total > shown) {
		html(b, "<p class=\"note\">");
		say(b, rtr(lang, "The table shows %zu of %zu; every record is in the open data."), shown, total);
		html(b, "</p>\n");
	}
}

void annual_title(const struct annual *a, int lang, struct buf *b)
{
	buf_printf(b, rtr(lang, "%s: international action in %d"), a->authority.name, a->year);
}

static size_t active_pships(const struct annual *a)
{
	size_t n = 0;
	for (size_t i = 0; i < a->n_pships; i++)
		n += a->pships[i].active;
	return n;
}

/* The countries of the partners of the active partnerships, as codes. */
static void partner_countries(const struct annual *a, struct strv *out)
{
	for (size_t i = 0; i < a->n_pships; i++) {
		if (!a->pships[i].active)
			continue;
		for (size_t k = 0; k < a->pships[i].n_partners; k++) {
			const struct place *p = place_find(a, a->pships[i].partners[k]);
			if (p && !p->draft && p->country && !strv_contains(out, p->country))
				strv_push(out, p->country);
		}
	}
}

static void figure(struct buf *b, const char *value, const char *label)
{
	html(b, "<li><strong>");
	html_text(b, value);
	html(b, "</strong> ");
	html_text(b, label);
	html(b, "</li>\n");
}

static void intro(const struct annual *a, int lang, struct buf *b)
{
	char s[64], t[64];
	html(b, "<section id=\"introduction\">\n<p class=\"lead\">");
	say(b, rtr(lang, "This report tells the inhabitants of %s what their authority did with partners abroad "
			 "in %d: with whom, with what money, and what came of it."),
	    a->authority.name, a->year);
	html(b, "</p>\n<ul class=\"figures\">\n");
	size_t np = active_pships(a);
	snprintf(s, sizeof(s), "%zu", np);
	figure(b, s, rtrn(lang, "partnership active", "partnerships active", np));
	snprintf(s, sizeof(s), "%zu", a->n_acts);
	figure(b, s, rtrn(lang, "action during the year", "actions during the year", a->n_acts));
	euros(a->spent, lang, s);
	euros(a->planned, lang, t);
	char *label = xasprintf(rtr(lang, "spent, of %s planned"), t);
	figure(b, s, label ? label : "");
	free(label);
	size_t local = 0;
	for (size_t i = 0; i < a->n_orgs; i++)
		local += a->orgs[i].local;
	snprintf(s, sizeof(s), "%zu", local);
	figure(b, s, rtrn(lang, "local organisation involved", "local organisations involved", local));
	html(b, "</ul>\n");
	if (a->has_budget && a->budget.international >= 0 && a->budget.total > 0) {
		euros(a->budget.international, lang, s);
		euros(a->budget.total, lang, t);
		char share[32];
		snprintf(share, sizeof(share), "%.1f", 100 * a->budget.international / a->budget.total);
		if (lang == CL_LANG_FR)   /* a decimal comma */
			share[strcspn(share, ".")] = share[strcspn(share, ".")] ? ',' : '\0';
		html(b, "<p>");
		say(b, rtr(lang, "The international budget voted for %d was %s, %s%% of a total budget of %s."), a->year,
		    s, share, t);
		html(b, "</p>\n");
	}
	html(b, "</section>\n");
}

static void where(const struct annual *a, int lang, struct buf *b)
{
	section_begin(b, "where", rtr(lang, "Where we act"));
	json_t *places = json_array();
	for (size_t i = 0; i < a->n_places; i++) {
		const struct place *p = &a->places[i];
		int partner = 0;
		for (size_t k = 0; i > 0 && k < a->n_pships && !partner; k++)
			for (size_t m = 0; a->pships[k].active && m < a->pships[k].n_partners; m++)
				partner |= a->pships[k].partners[m] == p->id;
		if (p->has_coords && !p->draft && (i == 0 || partner))
			json_array_append_new(places, json_pack("[f, f, s, b]", p->lat, p->lng, p->name, i == 0));
	}
	struct strv countries = {0};
	partner_countries(a, &countries);
	if (json_array_size(places) > 1) {
		char *data = json_dumps(places, JSON_COMPACT | JSON_REAL_PRECISION(7));
		html(b, "<figure class=\"map\"><canvas id=\"report-map\" role=\"img\" data-places=\"");
		html_attr(b, data ? data : "[]");
		html(b, "\" aria-label=\"");
		html_attr(b, rtr(lang, "Map of the authority and of its partners"));
		html(b, "\"></canvas></figure>\n");
		free(data);
	}
	json_decref(places);
	html(b, "<p>");
	if (countries.n) {
		struct strv names = {0};
		for (size_t i = 0; i < countries.n; i++)
			strv_push(&names, country_name(countries.v[i], lang));
		char *list = strv_join(&names, ", ");
		say(b, rtrn(lang, "Our partners are in %zu country: %s.", "Our partners are in %zu countries: %s.",
			    countries.n),
		    countries.n, list ? list : "");
		free(list);
		strv_clear(&names);
	} else {
		html_text(b, rtr(lang, "No partnership was active this year."));
	}
	html(b, "</p>\n</section>\n");
	strv_clear(&countries);
}

static void partner_names(const struct annual *a, const struct pship *p, int lang, struct buf *b, int countries)
{
	int first = 1;
	for (size_t k = 0; k < p->n_partners; k++) {
		const struct place *pl = place_find(a, p->partners[k]);
		if (!pl || pl->draft)
			continue;
		html(b, first ? "" : ", ");
		html_text(b, countries ? country_name(pl->country, lang) : pl->name);
		first = 0;
	}
}

static void partnerships(const struct annual *a, int lang, struct buf *b)
{
	char title[128];
	snprintf(title, sizeof(title), rtr(lang, "Partnerships in %d"), a->year);
	section_begin(b, "partnerships", title);
	size_t n = active_pships(a), shown = 0;
	if (!n) {
		para(b, rtr(lang, "No partnership was active this year."));
		html(b, "</section>\n");
		return;
	}
	html(b, "<table>\n<thead><tr>");
	th(b, rtr(lang, "Partner"), 0);
	th(b, rtr(lang, "Country"), 0);
	th(b, rtr(lang, "Kind"), 0);
	th(b, rtr(lang, "Since"), 0);
	th(b, rtr(lang, "Status"), 0);
	html(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < a->n_pships && shown < TABLE_MAX; i++) {
		const struct pship *p = &a->pships[i];
		if (!p->active)
			continue;
		shown++;
		html(b, "<tr><td>");
		partner_names(a, p, lang, b, 0);
		html(b, "</td><td>");
		partner_names(a, p, lang, b, 1);
		html(b, "</td>");
		td_text(b, codelist_label(CL_PARTNERSHIP_KIND, p->kind, lang));
		html(b, "<td>");
		if (p->since)
			html_int(b, p->since);
		html(b, "</td>");
		td_text(b, codelist_label(CL_PARTNERSHIP_STATUS, p->status, lang));
		html(b, "</tr>\n");
	}
	html(b, "</tbody>\n</table>\n");
	more_rows(b, lang, shown, n);
	html(b, "</section>\n");
}

static void act_where(const struct annual *a, const struct act *t, int lang, struct buf *b)
{
	if (t->countries.n) {
		for (size_t i = 0; i < t->countries.n; i++) {
			html(b, i ? ", " : "");
			html_text(b, country_name(t->countries.v[i], lang));
		}
		return;
	}
	const struct pship *p = pship_find(a, t->partnership_id);
	if (p)
		partner_names(a, p, lang, b, 1);
}

static void actions(const struct annual *a, int lang, struct buf *b)
{
	char title[128];
	snprintf(title, sizeof(title), rtr(lang, "Actions of %d"), a->year);
	section_begin(b, "actions", title);
	if (!a->n_acts) {
		para(b, rtr(lang, "No action took place this year."));
		html(b, "</section>\n");
		return;
	}
	snprintf(title, sizeof(title), rtr(lang, "Spent in %d"), a->year);
	html(b, "<table>\n<thead><tr>");
	th(b, rtr(lang, "Action"), 0);
	th(b, rtr(lang, "Type"), 0);
	th(b, rtr(lang, "Where"), 0);
	th(b, rtr(lang, "Years"), 0);
	th(b, title, 1);
	html(b, "</tr></thead>\n<tbody>\n");
	size_t shown = 0;
	for (; shown < a->n_acts && shown < TABLE_MAX; shown++) {
		const struct act *t = &a->acts[shown];
		html(b, "<tr>");
		td_text(b, t->title);
		td_text(b, codelist_label(CL_ACTION_TYPE, t->type, lang));
		html(b, "<td>");
		act_where(a, t, lang, b);
		html(b, "</td><td class=\"years\">");
		if (t->start)
			html_int(b, t->start);
		if (t->end && t->end != t->start)
			html(b, "–"), html_int(b, t->end);
		else if (!t->end)
			html(b, "–");
		html(b, "</td>");
		if (t->has_money)
			td_euros(b, t->spent, lang);
		else
			html(b, "<td></td>");
		html(b, "</tr>\n");
	}
	html(b, "</tbody>\n</table>\n");
	more_rows(b, lang, shown, a->n_acts);
	html(b, "</section>\n");
}

/* A table and a chart of amounts by a code list's labels. */
static void money_table(const struct amount *v, size_t n, enum codelist_id id, const char *what, int lang,
			const char *canvas_id, struct buf *b)
{
	json_t *labels = json_array(), *planned = json_array(), *spent = json_array();
	html(b, "<table class=\"money\">\n<thead><tr>");
	th(b, what, 0);
	th(b, rtr(lang, "Planned"), 1);
	th(b, rtr(lang, "Spent"), 1);
	html(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const char *label = id == CL_COUNTRY ? country_name(v[i].code, lang)
			: *v[i].code ? codelist_label(id, v[i].code, lang) : rtr(lang, "not stated");
		html(b, "<tr>");
		td_text(b, label);
		td_euros(b, v[i].planned, lang);
		td_euros(b, v[i].spent, lang);
		html(b, "</tr>\n");
		if (i < CHART_MAX) {
			json_array_append_new(labels, json_string(label));
			json_array_append_new(planned, json_integer(llround(v[i].planned)));
			json_array_append_new(spent, json_integer(llround(v[i].spent)));
		}
	}
	html(b, "</tbody>\n</table>\n");
	json_t *chart = json_pack("{s:o, s:[{s:s, s:o}, {s:s, s:o}]}", "labels", labels, "datasets", "label",
				  rtr(lang, "Planned"), "data", planned, "label", rtr(lang, "Spent"), "data", spent);
	char *data = chart ? json_dumps(chart, JSON_COMPACT) : NULL;
	json_decref(chart);
	size_t bars = n < CHART_MAX ? n : CHART_MAX;
	/* the script sets the height from data-bars (no style attribute: the pages' CSP forbids them) */
	html(b, "<div class=\"chart\"><canvas class=\"report-chart\" data-bars=\"");
	html_int(b, (long long)bars);
	html(b, "\" id=\"");
	html_attr(b, canvas_id);
	html(b, "\" role=\"img\" aria-label=\"");
	html_attr(b, what);
	html(b, "\" data-chart=\"");
	html_attr(b, data ? data : "{}");
	html(b, "\"></canvas></div>\n");
	free(data);
}

static void money(const struct annual *a, int lang, struct buf *b)
{
	char s[64], t[64];
	section_begin(b, "money", rtr(lang, "Money"));
	if (!a->n_source) {
		para(b, rtr(lang, "No money is recorded for this year."));
		html(b, "</section>\n");
		return;
	}
	euros(a->spent, lang, s);
	euros(a->planned, lang, t);
	html(b, "<p>");
	say(b, rtr(lang, "In %d, %s was spent on these actions, of %s planned."), a->year, s, t);
	html(b, "</p>\n<h3>");
	html_text(b, rtr(lang, "By source of funding"));
	html(b, "</h3>\n");
	money_table(a->by_source, a->n_source, CL_FUNDING_SOURCE, rtr(lang, "Source"), lang, "money-source", b);
	html(b, "<h3>");
	html_text(b, rtr(lang, "By country"));
	html(b, "</h3>\n");
	money_table(a->by_country, a->n_country, CL_COUNTRY, rtr(lang, "Country"), lang, "money-country", b);
	para(b, rtr(lang, "An action in several countries counts its money in each, in equal shares."));
	if (a->other_currency) {
		html(b, "<p class=\"note\">");
		say(b, rtrn(lang, "%d amount in another currency is not added up here.",
			    "%d amounts in other currencies are not added up here.", (unsigned long)a->other_currency),
		    a->other_currency);
		html(b, "</p>\n");
	}
	html(b, "</section>\n");
}

static void stakeholders(const struct annual *a, int lang, struct buf *b)
{
	section_begin(b, "stakeholders", rtr(lang, "Who took part"));
	if (!a->n_orgs) {
		para(b, rtr(lang, "No organisation is named in the actions of this year."));
		html(b, "</section>\n");
		return;
	}
	size_t local = 0;
	for (size_t i = 0; i < a->n_orgs; i++)
		local += a->orgs[i].local;
	html(b, "<p>");
	say(b, rtr(lang, "Organisations that took part in the actions: %zu, of which %zu local."), a->n_orgs, local);
	html(b, "</p>\n<table>\n<thead><tr>");
	th(b, rtr(lang, "Organisation"), 0);
	th(b, rtr(lang, "Kind"), 0);
	th(b, rtr(lang, "Based in"), 0);
	th(b, rtr(lang, "Actions"), 1);
	html(b, "</tr></thead>\n<tbody>\n");
	size_t shown = 0;
	for (; shown < a->n_orgs && shown < TABLE_MAX; shown++) {
		const struct stakeholder *s = &a->orgs[shown];
		html(b, "<tr>");
		td_text(b, s->name);
		td_text(b, s->subtype ? codelist_label(CL_ORG_SUBTYPE, s->subtype, lang) : "");
		td_text(b, s->place ? s->place : s->country ? country_name(s->country, lang) : "");
		td_num(b, s->actions);
		html(b, "</tr>\n");
	}
	html(b, "</tbody>\n</table>\n");
	more_rows(b, lang, shown, a->n_orgs);
	html(b, "</section>\n");
}

static void impacts(const struct annual *a, int lang, struct buf *b)
{
	const struct gap_result *g = &a->gap;
	section_begin(b, "impacts", rtr(lang, "Impacts expected and observed"));
	if (!g->n_cats) {
		para(b, rtr(lang, "No impact is recorded for these partnerships."));
		html(b, "</section>\n");
		return;
	}
	html(b, "<p>");
	say(b, rtr(lang, "What the partnerships were expected to bring (all years), and what was observed in %d."),
	    a->year);
	html(b, "</p>\n<table class=\"impacts\">\n<thead><tr>");
	th(b, rtr(lang, "Category"), 0);
	th(b, rtr(lang, "Expected here"), 1);
	th(b, rtr(lang, "Expected with partners"), 1);
	th(b, rtr(lang, "Observed here"), 1);
	th(b, rtr(lang, "Observed with partners"), 1);
	html(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < g->n_cats; i++) {
		const struct gap_cat *c = &g->cats[i];
		html(b, "<tr>");
		td_text(b, gap_label(c->code, lang));
		td_num(b, c->expected[GAP_HOME] + c->expected[GAP_BOTH]);
		td_num(b, c->expected[GAP_PARTNER] + c->expected[GAP_BOTH]);
		td_num(b, c->observed[GAP_HOME] + c->observed[GAP_BOTH]);
		td_num(b, c->observed[GAP_PARTNER] + c->observed[GAP_BOTH]);
		html(b, "</tr>\n");
	}
	html(b, "</tbody>\n</table>\n<p class=\"note\">");
	html_text(b, rtr(lang, "An impact on both territories counts in both columns."));
	html(b, "</p>\n");
	if (a->n_outcomes) {
		html(b, "<h3>");
		say(b, rtr(lang, "What was observed in %d"), a->year);
		html(b, "</h3>\n<ul class=\"outcomes\">\n");
		for (size_t i = 0; i < a->n_outcomes && i < OUTCOMES_MAX; i++) {
			const struct outcome *o = &a->outcomes[i];
			html(b, "<li>");
			html_text(b, o->description);
			html(b, " <span class=\"tag\">(");
			html_text(b, gap_label(o->category, lang));
			html(b, "; ");
			if (o->reported_by && strcmp(o->reported_by, "partner") == 0)
				html_text(b, rtr(lang, "reported by the partners"));
			else
				say(b, rtr(lang, "reported by %s"), a->authority.name);
			html(b, ")</span></li>\n");
		}
		html(b, "</ul>\n");
	}
	html(b, "</section>\n");
}

/* The sentences of the gap page (src/web/page_gap.c), the same words. */
static void gap_sentences(const struct annual *a, int lang, struct buf *b)
{
	const struct gap_result *g = &a->gap;
	section_begin(b, "gap", rtr(lang, "The gap, in plain words"));
	para(b, rtr(lang, "Local authorities expect mostly economic returns from their international action "
			  "and observe mostly socio-cultural ones (Mary Gely, PLATFORMA, 2017). Here is what the "
			  "records say."));
	html(b, "<ul class=\"findings\">\n");
	const struct gap_cat *top = gap_top_expected(g);
	if (top && g->n_expected) {
		html(b, "<li>");
		say(b, rtr(lang, "%d of the %d impacts expected are %s; %d of the %d observed are."), top->n_expected,
		    g->n_expected, gap_label(top->code, lang), top->n_observed, g->n_observed);
		html(b, "</li>\n");
	}
	html(b, "<li>");
	if (g->nature_gap >= 0)
		say(b,
		    rtr(lang, "Nature gap %.2f (0: the same mix, 1: nothing in common): %s is expected more than "
			      "observed, %s observed more than expected."),
		    g->nature_gap, gap_label(g->over, lang), gap_label(g->under, lang));
	else
		html_text(b, g->n_expected ? rtr(lang, "No nature gap can be measured: nothing observed.")
					   : rtr(lang, "No nature gap can be measured: nothing expected."));
	html(b, "</li>\n<li>");
	if (g->targets)
		say(b, rtr(lang, "Scope: %d of %d targets met (%.0f%%)."), g->targets_met, g->targets,
		    100 * g->achievement);
	else
		html_text(b, rtr(lang, "Scope: no target has an actual value to compare."));
	html(b, "</li>\n<li>");
	say(b, rtr(lang, "%d expectations have no indicator, %d no observed outcome; %d outcomes were not expected."),
	    g->without_indicator, g->without_evidence, g->unexpected);
	html(b, "</li>\n</ul>\n</section>\n");
}

static void reciprocity(const struct annual *a, int lang, struct buf *b)
{
	const struct gap_result *g = &a->gap;
	section_begin(b, "reciprocity", rtr(lang, "Reciprocity"));
	html(b, "<p>");
	if (g->reported_home + g->reported_partner == 0) {
		say(b, rtr(lang, "No outcome was reported for %d."), a->year);
	} else {
		say(b, rtr(lang, "Partners tell their side too: of the %d outcomes reported for %d, %d come from the "
				 "partners and %d from %s."),
		    g->reported_home + g->reported_partner, a->year, g->reported_partner, g->reported_home,
		    a->authority.name);
		if (g->reciprocity >= 0) {
			html(b, " ");
			say(b, rtr(lang, "Reciprocity %.2f: %d outcomes reported by partners for %d reported at home."),
			    g->reciprocity, g->reported_partner, g->reported_home);
		}
		if (g->knowhow_home + g->knowhow_partner) {
			html(b, " ");
			say(b, rtr(lang, "Know-how: %d outcomes show capacities or practices gained at home, %d in the "
					 "partner territory."),
			    g->knowhow_home, g->knowhow_partner);
		}
	}
	html(b, "</p>\n</section>\n");
}

/* The breaches and what is missing, each a sentence with its legal source;
 * no section when there is none. */
static void compliance_notes(const struct annual *a, int lang, struct buf *b)
{
	size_t n = 0;
	for (size_t i = 0; i < a->compliance.n; i++) {
		enum compliance_status st = compliance_status_of(a->compliance.v[i].code);
		n += st == CS_BREACH || st == CS_MISSING;
	}
	if (!n)
		return;
	section_begin(b, "compliance", rtr(lang, "Compliance notes"));
	html(b, "<p>");
	html_text(b, rtr(lang, "What the checks of the law and of the money found to put right:"));
	html(b, "</p>\n<ul class=\"compliance\">\n");
	size_t shown = 0;
	for (size_t i = 0; i < a->compliance.n && shown < TABLE_MAX; i++) {
		const struct compliance_finding *f = &a->compliance.v[i];
		enum compliance_status st = compliance_status_of(f->code);
		if (st != CS_BREACH && st != CS_MISSING)
			continue;
		char s[1024];
		compliance_sentence(f, lang, s, sizeof(s));
		html(b, "<li>");
		html_text(b, s);
		if (f->rule && f->rule->legal_source) {
			html(b, " <span class=\"source\">(");
			html_text(b, f->rule->legal_source);
			html(b, ")</span>");
		}
		html(b, "</li>\n");
		shown++;
	}
	html(b, "</ul>\n");
	more_rows(b, lang, shown, n);
	html(b, "</section>\n");
}

void annual_body(const struct annual *a, int lang, struct buf *b)
{
	html(b, "<article class=\"report\">\n");
	intro(a, lang, b);
	where(a, lang, b);
	partnerships(a, lang, b);
	actions(a, lang, b);
	money(a, lang, b);
	stakeholders(a, lang, b);
	impacts(a, lang, b);
	gap_sentences(a, lang, b);
	reciprocity(a, lang, b);
	compliance_notes(a, lang, b);
	html(b, "<footer class=\"sources\"><p>");
	html_text(b, rtr(lang, "Drawn up with eala from the published records of the authority; drafts are left "
			       "out. Amounts in euros, rounded."));
	html(b, "</p></footer>\n</article>\n");
}

/* ---- the self-contained document ---- */

const char *annual_css(void)
{
	return "body.report{font:15px/1.45 system-ui,sans-serif;color:#1b1b1b;margin:0;background:#fff}\n"
	       "body.report main{max-width:52em;margin:0 auto;padding:1.5em 1.2em}\n"
	       "body.report h1{font-size:1.7em;margin:0 0 .4em;color:#123c5a}\n"
	       ".report h2{font-size:1.3em;margin:1.6em 0 .4em;color:#123c5a;border-bottom:2px solid #123c5a}\n"
	       ".report h3{font-size:1.05em;margin:1.2em 0 .3em}\n"
	       ".report .lead{font-size:1.1em}\n"
	       ".report ul.figures{display:flex;flex-wrap:wrap;gap:.6em;list-style:none;padding:0;margin:1em 0}\n"
	       ".report ul.figures li{flex:1 1 9em;background:#f3f6f9;border-radius:4px;padding:.5em .7em}\n"
	       ".report ul.figures strong{display:block;font-size:1.5em;color:#123c5a}\n"
	       ".report table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:.95em}\n"
	       ".report th,.report td{text-align:left;padding:.25em .5em;border-bottom:1px solid #ddd;"
	       "vertical-align:top}\n"
	       ".report .num,.report td.years{text-align:right;white-space:nowrap}\n"
	       ".report td.years{text-align:left}\n"
	       ".report table.impacts td:first-child{min-width:11em}\n"
	       ".report .note,.report .tag{color:#555;font-size:.9em}\n"
	       ".report figure.map{margin:.6em 0}\n"
	       ".report #report-map{width:100%;display:block}\n"
	       ".report .chart{position:relative;width:100%;margin:.6em 0}\n"
	       ".report ul.findings li,.report ul.outcomes li{margin:.3em 0}\n"
	       ".report footer.sources{margin-top:2em;color:#555;font-size:.9em}\n"
	       "form.report-year{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:end}\n"
	       "@page{size:A4;margin:15mm 14mm}\n"
	       "@media print{body.report main{max-width:none;padding:0}\n"
	       "body{font-size:11pt}header,nav,form.report-year,.no-print{display:none}\n"
	       ".report h2,.report h3{break-after:avoid}\n"
	       ".report tr,.report figure,.report .chart,.report ul.figures{break-inside:avoid}\n"
	       ".report thead{display:table-header-group}\n"
	       ".report ul.figures li{border:1px solid #ccd}}\n";
}

static int read_file(const char *dir, const char *name, char **out, size_t *len, char **errmsg)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = path ? fopen(path, "rb") : NULL;
	struct buf b = {0};
	int rc = EALA_OK;
	if (!f) {
		if (errmsg)
			*errmsg = xasprintf("%s: cannot be read; build the front end (scripts/build-web)",
					    path ? path : name);
		rc = EALA_EIO;
		goto out;
	}
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(f) || !b.s) {
		if (errmsg)
			*errmsg = xasprintf("%s: read error", path);
		rc = EALA_EIO;
		buf_free(&b);
		goto out;
	}
	*out = b.s;
	*len = b.len;
out:
	if (f)
		fclose(f);
	free(path);
	return rc;
}

int annual_assets_load(const char *webdir, struct annual_assets *out, char **errmsg)
{
	memset(out, 0, sizeof(*out));
	const char *env = getenv("EALA_WEBDIR");
	const char *dir = webdir ? webdir : env && *env ? env : EALA_WEBDIR;
	int rc = read_file(dir, "report.js", &out->script, &out->script_len, errmsg);
	if (!rc)
		rc = read_file(dir, "countries-110m.json", &out->world, &out->world_len, errmsg);
	if (rc)
		annual_assets_clear(out);
	return rc;
}

void annual_assets_clear(struct annual_assets *as)
{
	if (!as)
		return;
	free(as->script);
	free(as->world);
	memset(as, 0, sizeof(*as));
}

void annual_document(const struct annual *a, int lang, const struct annual_assets *as, struct buf *b)
{
	struct buf title = {0};
	annual_title(a, lang, &title);
	html(b, "<!DOCTYPE html>\n<html lang=\"");
	html(b, lang == CL_LANG_FR ? "fr" : "en");
	html(b, "\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	html_text(b, title.s);
	html(b, "</title>\n<style>\n");
	const char *css = annual_css();
	html_raw_element(b, css, strlen(css));
	html(b, "</style>\n</head>\n<body class=\"report\">\n<main>\n<h1>");
	html_text(b, title.s);
	html(b, "</h1>\n");
	annual_body(a, lang, b);
	html(b, "</main>\n");
	if (as && as->world) {
		html(b, "<script type=\"application/json\" id=\"report-world\">");
		html_raw_element(b, as->world, as->world_len);
		html(b, "</script>\n");
	}
	if (as && as->script) {
		html(b, "<script>");
		html_raw_element(b, as->script, as->script_len);
		html(b, "</script>\n");
	}
	html(b, "</body>\n</html>\n");
	buf_free(&title);
}
