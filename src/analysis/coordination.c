/* coordination.c: pooling (issue 6 item 3). The rows of one country are
 * filtered (active in the reference year, the partner territory, the
 * domain), counted per home authority, then the actions are laid out as one
 * item per (partner territory, domain) and sorted by their first year: a
 * sweep finds the chains of overlapping years, and the chains that join at
 * least two home authorities are the clusters. Each pair of authorities in a
 * cluster is a suggestion, scored with the weights of coordination.h; the
 * parent relation is looked for among all the actions of a territory and
 * domain, overlapping or not. */
#include "coordination.h"

#include "../core/buf.h"
#include "../core/codelist.h"

#include <jansson.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *dup_or_null(const char *s, int *oom)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		*oom = 1;
	return d;
}

static int has_code(const char *list, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, '|');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && strncmp(p, code, n) == 0)
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

static int active_by_status(const struct store_coordination_row *r)
{
	return r->status && strcmp(r->status, r->is_action ? "2" : "active") == 0;
}

static int is_active(const struct store_coordination_row *r, int year)
{
	return active_by_status(r) || (r->start_year && r->end_year && r->start_year <= year && year <= r->end_year);
}

static int this_year(void)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

/* ---- the home authorities ---- */

struct kept {
	const struct store_coordination_row *row;
};

static int cmp_home(const void *a, const void *b)
{
	const struct store_coordination_row *x = ((const struct kept *)a)->row, *y = ((const struct kept *)b)->row;
	if (x->home_id != y->home_id)
		return x->home_id < y->home_id ? -1 : 1;
	if (x->is_action != y->is_action)
		return x->is_action - y->is_action;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int cmp_authority(const void *a, const void *b)
{
	const struct coordination_authority *x = a, *y = b;
	if (x->budget != y->budget)
		return x->budget > y->budget ? -1 : 1;
	int c = strcmp(x->name ? x->name : "", y->name ? y->name : "");
	return c ? c : (x->id < y->id ? -1 : x->id > y->id);
}

/* Counts per home (rows sorted by home, then kind, then id: a partnership
 * with two members in the country is counted once). */
static int authorities(struct kept *k, size_t n, struct coordination_result *out, int *oom)
{
	qsort(k, n, sizeof(*k), cmp_home);
	out->authorities = calloc(n ? n : 1, sizeof(*out->authorities));
	if (!out->authorities)
		return EALA_ENOMEM;
	struct coordination_authority *cur = NULL;
	for (size_t i = 0; i < n; i++) {
		const struct store_coordination_row *r = k[i].row;
		if (!cur || cur->id != r->home_id) {
			cur = &out->authorities[out->n_authorities++];
			cur->id = r->home_id;
			cur->parent_id = r->home_parent_id;
			cur->name = dup_or_null(r->home, oom);
		}
		const struct store_coordination_row *prev = i ? k[i - 1].row : NULL;
		if (prev && prev->home_id == r->home_id && prev->is_action == r->is_action && prev->id == r->id)
			continue;
		if (r->is_action) {
			double share = r->budget / (r->n_countries > 0 ? r->n_countries : 1);
			cur->actions++;
			cur->budget += share;
			out->actions++;
			out->budget += share;
		} else {
			cur->partnerships++;
		}
	}
	qsort(out->authorities, out->n_authorities, sizeof(*out->authorities), cmp_authority);
	return EALA_OK;
}

/* Distinct partnerships (a partnership's rows are consecutive by id). */
static int count_partnerships(const struct store_coordination_row *rows, size_t n, const char *keep)
{
	int c = 0;
	int64_t last = 0;
	for (size_t i = 0; i < n; i++)
		if (keep[i] && !rows[i].is_action && rows[i].id != last)
			c++, last = rows[i].id;
	return c;
}

/* ---- clusters, parents, suggestions ---- */

struct item {
	size_t action;          /* index into out->actions_v */
	const char *domain;     /* points into the action row's domains: not terminated */
	size_t domain_len;
};

static const struct coordination_result *sort_ctx;

static int cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	const struct coordination_action *p = &sort_ctx->actions_v[x->action], *q = &sort_ctx->actions_v[y->action];
	if (p->partner_id != q->partner_id)
		return p->partner_id < q->partner_id ? -1 : 1;
	size_t n = x->domain_len < y->domain_len ? x->domain_len : y->domain_len;
	int c = strncmp(x->domain, y->domain, n);
	if (c || x->domain_len != y->domain_len)
		return c ? c : (x->domain_len < y->domain_len ? -1 : 1);
	if (p->from != q->from)
		return p->from - q->from;
	if (p->to != q->to)
		return p->to - q->to;
	return p->id < q->id ? -1 : p->id > q->id;
}

static int same_group(const struct coordination_result *r, const struct item *x, const struct item *y)
{
	return r->actions_v[x->action].partner_id == r->actions_v[y->action].partner_id &&
	       x->domain_len == y->domain_len && strncmp(x->domain, y->domain, x->domain_len) == 0;
}

static char *domain_dup(const struct item *it, int *oom)
{
	char *d = strndup(it->domain, it->domain_len);
	if (!d)
		*oom = 1;
	return d;
}

static int overlap_years(const struct coordination_action *a, const struct coordination_action *b, int *from,
			 int *to)
{
	int f = a->from > b->from ? a->from : b->from, t = a->to < b->to ? a->to : b->to;
	if (f > t)
		return 0;
	*from = f, *to = t;
	return t - f + 1;
}

static void *grow(void *v, size_t n, size_t size)
{
	/* room for n + 1 elements, doubling at powers of two */
	if (n & (n - 1) || !n) {
		if (n)
			return v;
		return malloc(size);
	}
	return realloc(v, 2 * n * size);
}

/* The parent relation in one group [g, e): each (child, parent) once. */
static int parents(struct coordination_result *r, const struct item *it, size_t g, size_t e, int *oom)
{
	for (size_t i = g; i < e; i++)
		for (size_t j = g; j < e; j++) {
			const struct coordination_action *c = &r->actions_v[it[i].action], *p = &r->actions_v[it[j].action];
			if (!c->home_parent_id || c->home_parent_id != p->home_id)
				continue;
			int f, t, ov = overlap_years(c, p, &f, &t) > 0;
			size_t k;
			for (k = 0; k < r->n_parents; k++) {
				struct coordination_parent *x = &r->parents[k];
				if (x->child_id == c->home_id && x->parent_id == p->home_id && x->partner_id == c->partner_id &&
				    strlen(x->domain) == it[i].domain_len &&
				    strncmp(x->domain, it[i].domain, it[i].domain_len) == 0) {
					x->overlap |= ov;
					break;
				}
			}
			if (k < r->n_parents)
				continue;
			void *v = grow(r->parents, r->n_parents, sizeof(*r->parents));
			if (!v)
				return EALA_ENOMEM;
			r->parents = v;
			r->parents[r->n_parents++] = (struct coordination_parent){
				.child_id = c->home_id, .parent_id = p->home_id, .partner_id = c->partner_id,
				.child = dup_or_null(c->home, oom), .parent = dup_or_null(p->home, oom),
				.partner = dup_or_null(c->partner, oom), .domain = domain_dup(&it[i], oom), .overlap = ov};
		}
	return EALA_OK;
}

/* The suggestion for homes a and b in cluster ci. */
static void suggest(struct coordination_result *r, size_t ci, int64_t a, int64_t b, struct coordination_suggestion *s,
		    int *oom)
{
	const struct coordination_cluster *c = &r->clusters[ci];
	int best = 0, financed_a = 0, financed_b = 0;
	const char *name_a = NULL, *name_b = NULL;
	int64_t parent_a = 0, parent_b = 0;
	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < c->n_actions; i++) {
		const struct coordination_action *x = &r->actions_v[c->actions[i]];
		if (x->home_id == a)
			s->budget_a += x->budget, financed_a |= x->financed, name_a = x->home, parent_a = x->home_parent_id;
		if (x->home_id == b)
			s->budget_b += x->budget, financed_b |= x->financed, name_b = x->home, parent_b = x->home_parent_id;
		if (x->home_id != a)
			continue;
		for (size_t j = 0; j < c->n_actions; j++) {
			const struct coordination_action *y = &r->actions_v[c->actions[j]];
			int f, t, ov;
			if (y->home_id == b && (ov = overlap_years(x, y, &f, &t)) > best)
				best = ov, s->from = f, s->to = t;
		}
	}
	s->a_id = a, s->b_id = b, s->partner_id = c->partner_id, s->cluster = ci;
	s->a = dup_or_null(name_a, oom), s->b = dup_or_null(name_b, oom);
	s->partner = dup_or_null(c->partner, oom), s->domain = dup_or_null(c->domain, oom);
	s->reasons = COORD_SAME_DOMAIN | (c->partner_id ? COORD_SAME_PLACE : COORD_SAME_COUNTRY);
	s->score = (c->partner_id ? COORD_W_PLACE : COORD_W_COUNTRY) + COORD_W_DOMAIN;
	if (best) {
		s->reasons |= COORD_OVERLAP;
		s->score += COORD_W_YEAR * (best < COORD_MAX_YEARS ? best : COORD_MAX_YEARS);
	}
	if (parent_a == b || parent_b == a)
		s->reasons |= COORD_PARENT, s->score += COORD_W_PARENT;
	if (financed_a && financed_b)
		s->reasons |= COORD_BUDGETS, s->score += COORD_W_BUDGETS;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* One chain [g, e) of overlapping items: a cluster when two homes or more. */
static int cluster(struct coordination_result *r, const struct item *it, size_t g, size_t e, int *oom)
{
	int64_t *homes = malloc((e - g) * sizeof(*homes));
	if (!homes)
		return EALA_ENOMEM;
	size_t nh = 0;
	for (size_t i = g; i < e; i++)
		homes[nh++] = r->actions_v[it[i].action].home_id;
	qsort(homes, nh, sizeof(*homes), cmp_id);
	size_t d = 0;
	for (size_t i = 0; i < nh; i++)
		if (!i || homes[i] != homes[i - 1])
			homes[d++] = homes[i];
	int rc = EALA_OK;
	if (d < 2)
		goto out;
	void *v = grow(r->clusters, r->n_clusters, sizeof(*r->clusters));
	if (!v) {
		rc = EALA_ENOMEM;
		goto out;
	}
	r->clusters = v;
	struct coordination_cluster *c = &r->clusters[r->n_clusters];
	const struct coordination_action *first = &r->actions_v[it[g].action];
	*c = (struct coordination_cluster){.partner_id = first->partner_id, .partner = dup_or_null(first->partner, oom),
					   .domain = domain_dup(&it[g], oom), .from = first->from, .to = first->to,
					   .homes = (int)d};
	c->actions = malloc((e - g) * sizeof(*c->actions));
	if (!c->actions) {
		rc = EALA_ENOMEM;
		goto out;
	}
	for (size_t i = g; i < e; i++) {
		const struct coordination_action *x = &r->actions_v[it[i].action];
		c->actions[c->n_actions++] = it[i].action;
		if (x->to > c->to)
			c->to = x->to;
	}
	size_t ci = r->n_clusters++;
	for (size_t i = 0; i < d; i++)
		for (size_t j = i + 1; j < d; j++) {
			v = grow(r->suggestions, r->n_suggestions, sizeof(*r->suggestions));
			if (!v) {
				rc = EALA_ENOMEM;
				goto out;
			}
			r->suggestions = v;
			suggest(r, ci, homes[i], homes[j], &r->suggestions[r->n_suggestions++], oom);
		}
out:
	free(homes);
	return rc;
}

static int cmp_suggestion(const void *a, const void *b)
{
	const struct coordination_suggestion *x = a, *y = b;
	if (x->score != y->score)
		return y->score - x->score;
	double bx = x->budget_a + x->budget_b, by = y->budget_a + y->budget_b;
	if (bx != by)
		return bx > by ? -1 : 1;
	if (x->cluster != y->cluster)
		return x->cluster < y->cluster ? -1 : 1;
	return x->a_id != y->a_id ? (x->a_id < y->a_id ? -1 : 1) : (x->b_id < y->b_id ? -1 : x->b_id > y->b_id);
}

static int groups(struct coordination_result *r, const struct store_coordination_row *const *acts, int *oom)
{
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < r->n_actions; i++)
		for (const char *p = acts[i]->domains; p && *p; p = strchr(p, '|') ? strchr(p, '|') + 1 : "")
			cap++;
	struct item *it = calloc(cap ? cap : 1, sizeof(*it));
	if (!it)
		return EALA_ENOMEM;
	for (size_t i = 0; i < r->n_actions; i++)
		for (const char *p = acts[i]->domains; p && *p;) {
			const char *e = strchr(p, '|');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			if (len)
				it[n++] = (struct item){.action = i, .domain = p, .domain_len = len};
			p = e ? e + 1 : "";
		}
	sort_ctx = r;
	qsort(it, n, sizeof(*it), cmp_item);
	int rc = EALA_OK;
	for (size_t g = 0; g < n && !rc;) {
		size_t e = g + 1;
		while (e < n && same_group(r, &it[g], &it[e]))
			e++;
		rc = parents(r, it, g, e, oom);
		for (size_t c = g; c < e && !rc;) {
			size_t d = c + 1;
			int to = r->actions_v[it[c].action].to;
			while (d < e && r->actions_v[it[d].action].from <= to) {
				if (r->actions_v[it[d].action].to > to)
					to = r->actions_v[it[d].action].to;
				d++;
			}
			rc = cluster(r, it, c, d, oom);
			c = d;
		}
		g = e;
	}
	free(it);
	if (!rc && r->n_suggestions)   /* qsort of NULL is undefined, even for none */
		qsort(r->suggestions, r->n_suggestions, sizeof(*r->suggestions), cmp_suggestion);
	return rc;
}

/* With a domain, a partnership is kept when one of its kept actions is:
 * the partnerships of the kept actions, sorted, then one search each. */
static int keep_partnerships_of_actions(const struct store_coordination_row *rows, size_t n, char *keep)
{
	int64_t *ids = malloc((n ? n : 1) * sizeof(*ids));
	size_t m = 0;
	if (!ids)
		return EALA_ENOMEM;
	for (size_t i = 0; i < n; i++)
		if (keep[i] && rows[i].is_action && rows[i].partnership_id)
			ids[m++] = rows[i].partnership_id;
	qsort(ids, m, sizeof(*ids), cmp_id);
	for (size_t i = 0; i < n; i++)
		if (keep[i] && !rows[i].is_action && !bsearch(&rows[i].id, ids, m, sizeof(*ids), cmp_id))
			keep[i] = 0;
	free(ids);
	return EALA_OK;
}

int coordination_compute(const struct store_coordination_row *rows, size_t n, const struct coordination_params *p,
			 struct coordination_result *out)
{
	int rc = EALA_OK, oom = 0;
	memset(out, 0, sizeof(*out));
	out->year = p->year ? p->year : this_year();
	out->country = dup_or_null(p->country, &oom);
	char *keep = calloc(n ? n : 1, 1);
	struct kept *k = calloc(n ? n : 1, sizeof(*k));
	const struct store_coordination_row **acts = calloc(n ? n : 1, sizeof(*acts));
	if (!keep || !k || !acts) {
		rc = EALA_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		keep[i] = is_active(&rows[i], out->year) && (!p->territory || rows[i].partner_id == p->territory) &&
			  (!p->domain || !rows[i].is_action || has_code(rows[i].domains, p->domain));
	if (p->domain && (rc = keep_partnerships_of_actions(rows, n, keep)))
		goto out;
	size_t nk = 0;
	for (size_t i = 0; i < n; i++)
		if (keep[i])
			k[nk++].row = &rows[i];
	out->partnerships = count_partnerships(rows, n, keep);
	if ((rc = authorities(k, nk, out, &oom)))
		goto out;
	out->actions_v = calloc(nk ? nk : 1, sizeof(*out->actions_v));
	if (!out->actions_v) {
		rc = EALA_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const struct store_coordination_row *r = &rows[i];
		if (!keep[i] || !r->is_action)
			continue;
		struct coordination_action *a = &out->actions_v[out->n_actions];
		a->id = r->id, a->home_id = r->home_id, a->home_parent_id = r->home_parent_id;
		a->partner_id = r->partner_id;
		a->title = dup_or_null(r->name, &oom), a->home = dup_or_null(r->home, &oom);
		a->partner = dup_or_null(r->partner, &oom);
		a->from = r->start_year ? r->start_year : r->end_year ? r->end_year : out->year;
		a->to = r->end_year ? r->end_year : active_by_status(r) && out->year > a->from ? out->year : a->from;
		a->budget = r->budget / (r->n_countries > 0 ? r->n_countries : 1);
		a->financed = r->n_financing > 0;
		acts[out->n_actions++] = r;
	}
	rc = groups(out, acts, &oom);
out:
	if (!rc && oom)
		rc = EALA_ENOMEM;
	if (rc)
		coordination_clear(out);
	free(keep);
	free(k);
	free(acts);
	return rc;
}

void coordination_clear(struct coordination_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_authorities; i++)
		free(r->authorities[i].name);
	for (size_t i = 0; i < r->n_actions; i++)
		free(r->actions_v[i].title), free(r->actions_v[i].home), free(r->actions_v[i].partner);
	for (size_t i = 0; i < r->n_clusters; i++)
		free(r->clusters[i].partner), free(r->clusters[i].domain), free(r->clusters[i].actions);
	for (size_t i = 0; i < r->n_parents; i++)
		free(r->parents[i].child), free(r->parents[i].parent), free(r->parents[i].partner),
			free(r->parents[i].domain);
	for (size_t i = 0; i < r->n_suggestions; i++)
		free(r->suggestions[i].a), free(r->suggestions[i].b), free(r->suggestions[i].partner),
			free(r->suggestions[i].domain);
	free(r->authorities);
	free(r->actions_v);
	free(r->clusters);
	free(r->parents);
	free(r->suggestions);
	free(r->country);
	memset(r, 0, sizeof(*r));
}

/* ---- loading ---- */

struct gather {
	struct store_coordination_row *v;
	size_t n;
	struct strv strings;    /* the copies the rows point into */
	int oom;
};

static const char *keep_str(struct gather *g, const char *s)
{
	if (!s)
		return NULL;
	if (strv_push(&g->strings, s) != EALA_OK) {
		g->oom = 1;
		return NULL;
	}
	return g->strings.v[g->strings.n - 1];
}

static int gather_row(void *ctx, const struct store_coordination_row *r)
{
	struct gather *g = ctx;
	void *v = grow(g->v, g->n, sizeof(*g->v));
	if (!v)
		return EALA_ENOMEM;
	g->v = v;
	struct store_coordination_row *c = &g->v[g->n++];
	*c = *r;
	c->name = keep_str(g, r->name), c->home = keep_str(g, r->home), c->partner = keep_str(g, r->partner);
	c->status = keep_str(g, r->status), c->domains = keep_str(g, r->domains);
	return g->oom ? EALA_ENOMEM : EALA_OK;
}

int coordination_load(struct store *st, const struct coordination_params *p, int public_only,
		      struct coordination_result *out, char **errmsg)
{
	struct gather g = {0};
	memset(out, 0, sizeof(*out));
	int rc = store_coordination_each(st, p->country, public_only, gather_row, &g, errmsg);
	if (!rc)
		rc = coordination_compute(g.v, g.n, p, out);
	free(g.v);
	strv_clear(&g.strings);
	return rc;
}

/* ---- sentences and JSON ---- */

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

static const char *place(const struct coordination_result *r, const char *partner, int lang)
{
	return partner ? partner : codelist_label(CL_COUNTRY, r->country, lang);
}

static const char *domain_label(const char *code, int lang)
{
	return codelist_label(CL_ACTION_DOMAIN, code, lang);
}

char *coordination_suggestion_text(const struct coordination_result *r, const struct coordination_suggestion *s,
				   int lang)
{
	struct buf b = {0};
	if (s->from)
		buf_printf(&b, ctr(lang, "%s and %s both act on %s in %s, %d–%d: pool (score %d)."), s->a ? s->a : "?",
			   s->b ? s->b : "?", domain_label(s->domain, lang), place(r, s->partner, lang), s->from, s->to,
			   s->score);
	else
		buf_printf(&b, ctr(lang, "%s and %s both act on %s in %s, in years that follow on: pool (score %d)."),
			   s->a ? s->a : "?", s->b ? s->b : "?", domain_label(s->domain, lang),
			   place(r, s->partner, lang), s->score);
	return b.s ? b.s : strdup("");
}

void coordination_sentences(const struct coordination_result *r, int lang, coordination_sentence_fn fn, void *ctx)
{
	struct buf b = {0};
	const char *country = codelist_label(CL_COUNTRY, r->country, lang);
	if (!r->n_authorities) {
		buf_printf(&b, ctr(lang, "No home authority is active in %s in %d."), country, r->year);
		fn(ctx, b.s ? b.s : "");
		buf_free(&b);
		return;
	}
	buf_printf(&b, ctrn(lang, "%d home authority is active in %s in %d", "%d home authorities are active in %s in %d",
			    (unsigned long)r->n_authorities), (int)r->n_authorities, country, r->year);
	buf_printf(&b, ctrn(lang, ": %d partnership", ": %d partnerships", (unsigned long)r->partnerships),
		   r->partnerships);
	buf_printf(&b, ctrn(lang, ", %d action", ", %d actions", (unsigned long)r->actions), r->actions);
	buf_printf(&b, ctr(lang, ", %.0f EUR of financing."), r->budget);
	fn(ctx, b.s);
	b.len = 0, b.s[0] = '\0';
	const struct coordination_authority *top = &r->authorities[0];
	if (r->n_authorities > 1 && top->budget > 0) {
		buf_printf(&b, ctr(lang, "%s brings the most financing: %.0f EUR, %.0f%% of the total."),
			   top->name ? top->name : "?", top->budget, 100 * top->budget / r->budget);
		fn(ctx, b.s);
		b.len = 0, b.s[0] = '\0';
	}
	if (r->n_clusters)
		buf_printf(&b, ctrn(lang, "%d cluster of overlapping actions: the same place, the same domain, years that "
					  "overlap, several authorities.",
				    "%d clusters of overlapping actions: the same place, the same domain, years that "
				    "overlap, several authorities.", (unsigned long)r->n_clusters), (int)r->n_clusters);
	else
		buf_puts(&b, ctr(lang, "No two authorities act in the same place and domain in overlapping years: "
				       "nothing to pool there yet."));
	fn(ctx, b.s);
	b.len = 0, b.s[0] = '\0';
	for (size_t i = 0; i < r->n_parents; i++) {
		const struct coordination_parent *x = &r->parents[i];
		buf_printf(&b, ctr(lang, "%s and %s, which contains it, both act on %s in %s."), x->child ? x->child : "?",
			   x->parent ? x->parent : "?", domain_label(x->domain, lang), place(r, x->partner, lang));
		fn(ctx, b.s);
		b.len = 0, b.s[0] = '\0';
	}
	if (r->n_suggestions) {
		buf_printf(&b, ctrn(lang, "%d suggestion to pool, the strongest first:",
				    "%d suggestions to pool, the strongest first:", (unsigned long)r->n_suggestions),
			   (int)r->n_suggestions);
		fn(ctx, b.s);
		for (size_t i = 0; i < r->n_suggestions; i++) {
			char *t = coordination_suggestion_text(r, &r->suggestions[i], lang);
			fn(ctx, t);
			free(t);
		}
	}
	buf_free(&b);
}

static const char *const reason_names[] = {"same_place", "same_country", "same_domain", "overlapping_years",
					   "parent_and_child", "budgets"};

const char *coordination_reason_name(unsigned reason)
{
	for (unsigned i = 0; i < sizeof(reason_names) / sizeof(*reason_names); i++)
		if (reason == 1u << i)
			return reason_names[i];
	return "?";
}

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static void add_sentence(void *ctx, const char *s)
{
	json_array_append_new(ctx, json_string(s));
}

static json_t *clusters_json(const struct coordination_result *r, int lang)
{
	json_t *a = json_array();
	for (size_t i = 0; i < r->n_clusters; i++) {
		const struct coordination_cluster *c = &r->clusters[i];
		json_t *acts = json_array();
		for (size_t k = 0; k < c->n_actions; k++) {
			const struct coordination_action *x = &r->actions_v[c->actions[k]];
			json_array_append_new(acts, json_pack("{s:I, s:s?, s:I, s:s?, s:i, s:i, s:f}", "id", (json_int_t)x->id,
							      "title", x->title, "home_id", (json_int_t)x->home_id,
							      "home", x->home, "from", x->from, "to", x->to, "budget",
							      x->budget));
		}
		json_array_append_new(a, json_pack("{s:o, s:s, s:s, s:s, s:i, s:i, s:i, s:o}", "partner_id",
						   id_or_null(c->partner_id), "place", place(r, c->partner, lang), "domain",
						   c->domain, "domain_label", domain_label(c->domain, lang), "from", c->from,
						   "to", c->to, "homes", c->homes, "actions", acts));
	}
	return a;
}

static json_t *suggestions_json(const struct coordination_result *r, int lang)
{
	json_t *a = json_array();
	for (size_t i = 0; i < r->n_suggestions; i++) {
		const struct coordination_suggestion *s = &r->suggestions[i];
		json_t *reasons = json_array();
		for (unsigned bit = 1; bit <= COORD_BUDGETS; bit <<= 1)
			if (s->reasons & bit)
				json_array_append_new(reasons, json_string(coordination_reason_name(bit)));
		char *t = coordination_suggestion_text(r, s, lang);
		json_array_append_new(a, json_pack("{s:I, s:s?, s:I, s:s?, s:o, s:s, s:s, s:o, s:o, s:f, s:f, s:i, s:o, "
						   "s:i, s:s?}",
						   "a_id", (json_int_t)s->a_id, "a", s->a, "b_id", (json_int_t)s->b_id, "b",
						   s->b, "partner_id", id_or_null(s->partner_id), "place",
						   place(r, s->partner, lang), "domain", s->domain, "from",
						   s->from ? json_integer(s->from) : json_null(), "to",
						   s->from ? json_integer(s->to) : json_null(), "budget_a", s->budget_a,
						   "budget_b", s->budget_b, "score", s->score, "reasons", reasons, "cluster",
						   (int)s->cluster, "text", t));
		free(t);
	}
	return a;
}

json_t *coordination_json(const struct coordination_result *r, const struct coordination_params *p, int lang)
{
	json_t *auth = json_array(), *parents = json_array(), *sentences = json_array();
	for (size_t i = 0; i < r->n_authorities; i++) {
		const struct coordination_authority *x = &r->authorities[i];
		json_array_append_new(auth, json_pack("{s:I, s:s?, s:o, s:i, s:i, s:f}", "id", (json_int_t)x->id, "name",
						      x->name, "parent_id", id_or_null(x->parent_id), "partnerships",
						      x->partnerships, "actions", x->actions, "budget", x->budget));
	}
	for (size_t i = 0; i < r->n_parents; i++) {
		const struct coordination_parent *x = &r->parents[i];
		json_array_append_new(parents, json_pack("{s:I, s:s?, s:I, s:s?, s:o, s:s, s:s, s:b}", "child_id",
							 (json_int_t)x->child_id, "child", x->child, "parent_id",
							 (json_int_t)x->parent_id, "parent", x->parent, "partner_id",
							 id_or_null(x->partner_id), "place", place(r, x->partner, lang),
							 "domain", x->domain, "overlap", x->overlap));
	}
	coordination_sentences(r, lang, add_sentence, sentences);
	json_t *weights = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "same_place", COORD_W_PLACE, "same_country",
				    COORD_W_COUNTRY, "same_domain", COORD_W_DOMAIN, "per_year_of_overlap", COORD_W_YEAR,
				    "years_counted_at_most", COORD_MAX_YEARS, "parent_and_child", COORD_W_PARENT,
				    "budgets", COORD_W_BUDGETS);
	return json_pack("{s:s, s:s, s:i, s:o, s:s?, s:{s:i, s:i, s:i, s:f}, s:o, s:o, s:o, s:o, s:o, s:o}", "country",
			 r->country, "country_label", codelist_label(CL_COUNTRY, r->country, lang), "year", r->year,
			 "territory", id_or_null(p->territory), "domain", p->domain, "totals", "authorities",
			 (int)r->n_authorities, "partnerships", r->partnerships, "actions", r->actions, "budget",
			 r->budget, "authorities", auth, "clusters", clusters_json(r, lang), "parents", parents,
			 "suggestions", suggestions_json(r, lang), "weights", weights, "sentences", sentences);
}
