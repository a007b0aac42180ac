/* gap.c: expected against observed impacts; see gap.h. */
#include "gap.h"

#include "../core/codelist.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* The top-level category of a code: "economic.tourism" -> "economic". */
static size_t top_len(const char *code)
{
	const char *dot = strchr(code, '.');
	return dot ? (size_t)(dot - code) : strlen(code);
}

static struct gap_cat *cat_of(struct gap_result *r, const char *code)
{
	if (!code || !*code)
		return NULL;
	size_t len = top_len(code);
	for (size_t i = 0; i < r->n_cats; i++)
		if (strlen(r->cats[i].code) == len && strncmp(r->cats[i].code, code, len) == 0)
			return &r->cats[i];
	if (r->n_cats == GAP_MAX_CATS)
		return NULL;
	/* the code list's own string, so that the result owns nothing */
	const struct codelist *cl = codelist_get(CL_IMPACT_CATEGORY);
	for (size_t i = 0; cl && i < cl->n; i++) {
		if (strlen(cl->v[i].code) == len && strncmp(cl->v[i].code, code, len) == 0) {
			struct gap_cat *c = &r->cats[r->n_cats++];
			memset(c, 0, sizeof(*c));
			c->code = cl->v[i].code;
			return c;
		}
	}
	return NULL;
}

static enum gap_side side_of(const char *side)
{
	if (side && strcmp(side, "partner") == 0)
		return GAP_PARTNER;
	if (side && strcmp(side, "both") == 0)
		return GAP_BOTH;
	return GAP_HOME;
}

static int year_of(const char *date)
{
	return date && strlen(date) >= 4 ? atoi(date) : 0;
}

static int met(const struct indicator *ind, const struct indicator_period *p)
{
	return ind->ascending ? p->actual >= p->target : p->actual <= p->target;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

void gap_compute(const struct expected_impact *e, size_t ne, const struct observed_outcome *o,
		 size_t no, int year, struct gap_result *r)
{
	memset(r, 0, sizeof(*r));
	/* the expectations the outcomes of the year evidence, sorted for bsearch */
	int64_t *linked = no ? malloc(no * sizeof(*linked)) : NULL;
	size_t nlinked = 0;
	for (size_t j = 0; linked && j < no; j++)
		if (o[j].expected_id && (!year || year_of(o[j].date) == year))
			linked[nlinked++] = o[j].expected_id;
	if (nlinked)
		qsort(linked, nlinked, sizeof(*linked), cmp_id);
	for (size_t i = 0; i < ne; i++) {
		struct gap_cat *c = cat_of(r, e[i].category);
		if (c) {
			c->expected[side_of(e[i].side)]++;
			c->n_expected++;
			r->n_expected++;
		}
		if (e[i].n_indicators == 0)
			r->without_indicator++;
		for (size_t k = 0; k < e[i].n_indicators; k++) {
			const struct indicator *ind = &e[i].indicators[k];
			for (size_t p = 0; p < ind->n_periods; p++) {
				const struct indicator_period *per = &ind->periods[p];
				if (!per->has_target || !per->has_actual)
					continue;
				if (year && year_of(per->end ? per->end : per->start) != year)
					continue;
				r->targets++;
				r->targets_met += met(ind, per);
			}
		}
		int evidenced = 0;
		if (linked)
			evidenced = nlinked && bsearch(&e[i].id, linked, nlinked, sizeof(*linked), cmp_id) != NULL;
		else   /* out of memory: the slow way */
			for (size_t j = 0; j < no && !evidenced; j++)
				evidenced = o[j].expected_id == e[i].id && (!year || year_of(o[j].date) == year);
		r->without_evidence += !evidenced;
	}
	free(linked);
	for (size_t j = 0; j < no; j++) {
		if (year && year_of(o[j].date) != year)
			continue;
		struct gap_cat *c = cat_of(r, o[j].category);
		if (c) {
			c->observed[side_of(o[j].side)]++;
			c->n_observed++;
			r->n_observed++;
		}
		if (!o[j].expected_id || o[j].unexpected)
			r->unexpected++;
		if (o[j].category && (strcmp(o[j].category, "sociocultural.capacities") == 0 ||
				      strncmp(o[j].category, "institutional", 13) == 0)) {
			int side = side_of(o[j].side);
			r->knowhow_home += side != GAP_PARTNER;
			r->knowhow_partner += side != GAP_HOME;
		}
		if (o[j].reported_by && strcmp(o[j].reported_by, "partner") == 0)
			r->reported_partner++;
		else
			r->reported_home++;
	}
	r->nature_gap = -1;
	if (r->n_expected && r->n_observed) {
		double sum = 0, most_over = 0, most_under = 0;
		for (size_t i = 0; i < r->n_cats; i++) {
			double d = (double)r->cats[i].n_expected / r->n_expected -
				   (double)r->cats[i].n_observed / r->n_observed;
			sum += d < 0 ? -d : d;
			if (d > most_over)
				most_over = d, r->over = r->cats[i].code;
			if (-d > most_under)
				most_under = -d, r->under = r->cats[i].code;
		}
		r->nature_gap = sum / 2;
	}
	r->achievement = r->targets ? (double)r->targets_met / r->targets : -1;
	r->reciprocity = r->reported_home ? (double)r->reported_partner / r->reported_home : -1;
}

const struct gap_cat *gap_top_expected(const struct gap_result *g)
{
	const struct gap_cat *top = NULL;
	for (size_t i = 0; i < g->n_cats; i++)
		if (!top || g->cats[i].n_expected > top->n_expected)
			top = &g->cats[i];
	return top;
}

/* ---- gathering the records ---- */

struct gather {
	struct expected_impact *e;
	size_t ne, cap_e;
	struct observed_outcome *o;
	size_t no, cap_o;
	int failed;
};

/* Records from the store's callbacks are borrowed: keep what the figures
 * need, with their own copies of the strings. */
static char *dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int keep_expected(void *ctx, const struct expected_impact *x)
{
	struct gather *g = ctx;
	if (g->ne == g->cap_e) {
		size_t cap = g->cap_e ? g->cap_e * 2 : 16;
		struct expected_impact *v = realloc(g->e, cap * sizeof(*v));
		if (!v)
			return g->failed = 1;
		g->e = v, g->cap_e = cap;
	}
	struct expected_impact *e = &g->e[g->ne++];
	memset(e, 0, sizeof(*e));
	e->id = x->id;
	e->category = dup(x->category);
	e->side = dup(x->side);
	e->indicators = x->n_indicators ? calloc(x->n_indicators, sizeof(*e->indicators)) : NULL;
	e->n_indicators = e->indicators ? x->n_indicators : 0;
	if (x->n_indicators && !e->indicators)
		g->failed = 1;
	for (size_t k = 0; e->indicators && k < x->n_indicators; k++) {
		struct indicator *ind = &e->indicators[k];
		const struct indicator *src = &x->indicators[k];
		ind->ascending = src->ascending;
		ind->periods = src->n_periods ? calloc(src->n_periods, sizeof(*ind->periods)) : NULL;
		ind->n_periods = ind->periods ? src->n_periods : 0;
		if (src->n_periods && !ind->periods)
			g->failed = 1;
		for (size_t p = 0; ind->periods && p < src->n_periods; p++) {
			ind->periods[p] = src->periods[p];
			ind->periods[p].start = dup(src->periods[p].start);
			ind->periods[p].end = dup(src->periods[p].end);
		}
	}
	return 0;
}

static int keep_outcome(void *ctx, const struct observed_outcome *x)
{
	struct gather *g = ctx;
	if (g->no == g->cap_o) {
		size_t cap = g->cap_o ? g->cap_o * 2 : 16;
		struct observed_outcome *v = realloc(g->o, cap * sizeof(*v));
		if (!v)
			return g->failed = 1;
		g->o = v, g->cap_o = cap;
	}
	struct observed_outcome *o = &g->o[g->no++];
	memset(o, 0, sizeof(*o));
	o->id = x->id;
	o->expected_id = x->expected_id;
	o->unexpected = x->unexpected;
	o->category = dup(x->category);
	o->side = dup(x->side);
	o->reported_by = dup(x->reported_by);
	o->date = dup(x->date);
	return 0;
}

int gap_load(struct store *st, int64_t authority_id, int year, int public_only, struct gap_result *out,
	     char **errmsg)
{
	struct gather g = {0};
	int rc = EALA_OK;
	struct results_filter f = {.authority_id = authority_id, .public_only = public_only};
	rc = store_expected_impact_list(st, &f, keep_expected, &g, errmsg);
	if (!rc)
		rc = store_observed_outcome_list(st, &f, keep_outcome, &g, errmsg);
	if (!rc && g.failed)
		rc = EALA_ENOMEM;
	if (!rc)
		gap_compute(g.e, g.ne, g.o, g.no, year, out);
	for (size_t i = 0; i < g.ne; i++)
		expected_impact_clear(&g.e[i]);
	for (size_t i = 0; i < g.no; i++)
		observed_outcome_clear(&g.o[i]);
	free(g.e);
	free(g.o);
	return rc;
}

/* ---- as JSON ---- */

const char *gap_label(const char *code, int lang)
{
	const char *l = code ? codelist_label(CL_IMPACT_CATEGORY, code, lang) : NULL;
	return l ? l : code ? code : "?";
}

static json_t *number_or_null(double v)
{
	return v < 0 ? json_null() : json_real(v);
}

json_t *gap_json(const struct gap_result *g, int64_t authority, int year, int lang)
{
	json_t *cats = json_array();
	static const char *const sides[GAP_NSIDES] = {"home", "partner", "both"};
	for (size_t i = 0; i < g->n_cats; i++) {
		json_t *ex = json_object(), *ob = json_object();
		for (int s = 0; s < GAP_NSIDES; s++) {
			json_object_set_new(ex, sides[s], json_integer(g->cats[i].expected[s]));
			json_object_set_new(ob, sides[s], json_integer(g->cats[i].observed[s]));
		}
		json_array_append_new(cats, json_pack("{s:s, s:s, s:i, s:i, s:o, s:o}", "category",
						      g->cats[i].code, "label", gap_label(g->cats[i].code, lang),
						      "expected", g->cats[i].n_expected, "observed",
						      g->cats[i].n_observed, "expected_by_side", ex,
						      "observed_by_side", ob));
	}
	json_t *j = json_pack("{s:o, s:o, s:i, s:i, s:o}", "authority",
			      authority ? json_integer((json_int_t)authority) : json_null(), "year",
			      year ? json_integer(year) : json_null(), "expected", g->n_expected,
			      "observed", g->n_observed, "categories", cats);
	json_object_set_new(j, "nature_gap", number_or_null(g->nature_gap));
	json_object_set_new(j, "most_over_expected", g->over ? json_string(g->over) : json_null());
	json_object_set_new(j, "most_under_expected", g->under ? json_string(g->under) : json_null());
	json_object_set_new(j, "targets", json_integer(g->targets));
	json_object_set_new(j, "targets_met", json_integer(g->targets_met));
	json_object_set_new(j, "achievement", number_or_null(g->achievement));
	json_object_set_new(j, "without_indicator", json_integer(g->without_indicator));
	json_object_set_new(j, "without_evidence", json_integer(g->without_evidence));
	json_object_set_new(j, "unexpected", json_integer(g->unexpected));
	json_object_set_new(j, "reported_home", json_integer(g->reported_home));
	json_object_set_new(j, "reported_partner", json_integer(g->reported_partner));
	json_object_set_new(j, "reciprocity", number_or_null(g->reciprocity));
	json_object_set_new(j, "knowhow_home", json_integer(g->knowhow_home));
	json_object_set_new(j, "knowhow_partner", json_integer(g->knowhow_partner));
	return j;
}

