/* match.c: partner matching: candidates scored part by part (see match.h).
 *
 * Candidates number up to the twin-city list's 17,000 places; each is scored
 * against small sets (a handful of sought domains, of networks, of links),
 * searched linearly; only the ranking sorts. */
#include "match.h"

#include "../core/buf.h"
#include "../core/codelist.h"
#include "../io/codelist_load.h"
#include "../io/csvread.h"

#include <jansson.h>
#include <libintl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const part_names[MATCH_NPARTS] = {"domain",       "size_level",  "networks",
						      "language",     "stakeholders", "underserved"};

const char *match_part_name(enum match_part p)
{
	return p < MATCH_NPARTS ? part_names[p] : "?";
}

/* ---- data files ---- */

int match_rules_load(const char *path, struct match_rules *out, struct errlist *el)
{
	static const char *const cpart[] = {"part", NULL}, *const cweight[] = {"weight", NULL};
	struct csv_doc d;
	int seen[MATCH_NPARTS] = {0};
	size_t before = el->n;
	char *file = path ? xstrdup(path) : eala_datapath("rules/match.csv");
	memset(out, 0, sizeof(*out));
	int rc = csvdoc_read_file(file, &d, el);
	if (rc) {
		free(file);
		return rc;
	}
	out->file = path ? file : (free(file), xstrdup("data/rules/match.csv"));
	int ipart = csvdoc_column(&d, cpart), iweight = csvdoc_column(&d, cweight);
	if (ipart < 0 || iweight < 0) {
		errlist_add(el, d.file, d.header_line, ipart < 0 ? "part" : "weight", "missing column");
		goto out;
	}
	for (size_t i = 0; i < d.n; i++) {
		const struct csv_row *row = &d.rows[i];
		const char *p = csvdoc_field(row, ipart), *w = csvdoc_field(row, iweight);
		int k = -1;
		for (int j = 0; p && j < MATCH_NPARTS; j++)
			if (strcmp(p, part_names[j]) == 0)
				k = j;
		if (k < 0) {
			errlist_add(el, d.file, row->line, "part",
				    "must be domain, size_level, networks, language, stakeholders or underserved: '%s'",
				    p ? p : "");
		} else if (seen[k]++) {
			errlist_add(el, d.file, row->line, "part", "'%s' is given twice", p);
		}
		char *end = NULL;
		double v = w ? strtod(w, &end) : -1;
		if (!w || *end || !(v >= 0) || !isfinite(v))
			errlist_add(el, d.file, row->line, "weight", "must be a number, 0 or more: '%s'", w ? w : "");
		else if (k >= 0)
			out->weight[k] = v, out->total += v;
	}
	for (int j = 0; j < MATCH_NPARTS && el->n == before; j++)
		if (!seen[j])
			errlist_add(el, d.file, 0, "part", "no weight for '%s'", part_names[j]);
	if (el->n == before && out->total <= 0)
		errlist_add(el, d.file, 0, "weight", "every weight is 0");
out:
	csvdoc_clear(&d);
	if (el->n > before) {
		match_rules_clear(out);
		return EALA_EINVAL;
	}
	return EALA_OK;
}

void match_rules_clear(struct match_rules *r)
{
	if (!r)
		return;
	free(r->file);
	memset(r, 0, sizeof(*r));
}

static int cmp_language(const void *a, const void *b)
{
	return strcmp(((const struct match_language *)a)->country, ((const struct match_language *)b)->country);
}

int match_languages_load(const char *path, struct match_languages *out, struct errlist *el)
{
	static const char *const ccountry[] = {"country", NULL}, *const clang[] = {"languages", NULL};
	struct csv_doc d;
	size_t before = el->n;
	char *file = path ? xstrdup(path) : eala_datapath("country-languages.csv");
	memset(out, 0, sizeof(*out));
	int rc = csvdoc_read_file(file, &d, el);
	free(file);
	if (rc)
		return rc;
	int ic = csvdoc_column(&d, ccountry), il = csvdoc_column(&d, clang);
	if (ic < 0 || il < 0) {
		errlist_add(el, d.file, d.header_line, ic < 0 ? "country" : "languages", "missing column");
		goto out;
	}
	if (!(out->v = calloc(d.n ? d.n : 1, sizeof(*out->v)))) {
		errlist_add(el, d.file, 0, "languages", "out of memory");
		goto out;
	}
	for (size_t i = 0; i < d.n; i++) {
		const struct csv_row *row = &d.rows[i];
		const char *c = csvdoc_field(row, ic), *l = csvdoc_field(row, il);
		if (!c || !country_code_valid(c)) {
			errlist_add(el, d.file, row->line, "country", "not an ISO 3166-1 alpha-2 code: '%s'", c ? c : "");
			continue;
		}
		if (!l) {
			errlist_add(el, d.file, row->line, "languages", "is empty: give ISO 639 codes separated by |");
			continue;
		}
		struct match_language *x = &out->v[out->n];
		if (!(x->country = xstrdup(c)) || strv_split(&x->languages, l, '|')) {
			free(x->country);
			strv_clear(&x->languages);
			errlist_add(el, d.file, row->line, "languages", "out of memory");
			continue;
		}
		out->n++;
	}
	qsort(out->v, out->n, sizeof(*out->v), cmp_language);
	for (size_t i = 1; i < out->n; i++)
		if (strcmp(out->v[i - 1].country, out->v[i].country) == 0)
			errlist_add(el, d.file, 0, "country", "'%s' is listed twice", out->v[i].country);
out:
	csvdoc_clear(&d);
	if (el->n > before) {
		match_languages_clear(out);
		return EALA_EINVAL;
	}
	return EALA_OK;
}

void match_languages_clear(struct match_languages *l)
{
	for (size_t i = 0; l && i < l->n; i++) {
		free(l->v[i].country);
		strv_clear(&l->v[i].languages);
	}
	if (l) {
		free(l->v);
		memset(l, 0, sizeof(*l));
	}
}

const struct strv *match_languages_of(const struct match_languages *l, const char *country)
{
	if (!l || !country || !l->n)
		return NULL;
	struct match_language key = {.country = (char *)country};
	const struct match_language *x = bsearch(&key, l->v, l->n, sizeof(*l->v), cmp_language);
	return x ? &x->languages : NULL;
}

/* ---- the parts ---- */

static int has_id(const int64_t *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == id)
			return 1;
	return 0;
}

/* Whether code is one of the '|' joined codes of list. */
static int in_list(const char *list, const char *code, char sep)
{
	size_t n = strlen(code);
	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, sep);
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && strncmp(p, code, n) == 0)
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

static int shared_networks(const char *a, const char *b)
{
	int n = 0;
	for (const char *p = a; p && *p;) {
		const char *e = strchr(p, ',');
		char id[32];
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len < sizeof(id)) {
			memcpy(id, p, len);
			id[len] = '\0';
			n += in_list(b, id, ',');
		}
		p = e ? e + 1 : NULL;
	}
	return n;
}

static const char *shared_language(const struct match_languages *l, const char *a, const char *b)
{
	const struct strv *la = match_languages_of(l, a), *lb = match_languages_of(l, b);
	for (size_t i = 0; la && lb && i < la->n; i++)
		if (strv_contains(lb, la->v[i]))
			return la->v[i];
	return NULL;
}

static int score(const struct match_input *in, const struct store_match_authority *a, struct match_candidate *c)
{
	const struct store_match_authority *me = in->caller;
	c->id = a->id;
	c->population = a->population;
	c->has_coords = a->has_coords;
	c->lat = a->lat;
	c->lng = a->lng;
	if (!(c->name = xstrdup(a->name ? a->name : "")) || !(c->country = xstrdup(a->country ? a->country : "")) ||
	    !(c->level = xstrdup(a->level ? a->level : "")))
		return EALA_ENOMEM;
	for (size_t i = 0; in->domains && i < in->domains->n; i++)
		if (in_list(a->domains, in->domains->v[i], '|') && strv_push(&c->shared_domains, in->domains->v[i]))
			return EALA_ENOMEM;
	c->part[MATCH_DOMAIN] = in->domains && in->domains->n ? (double)c->shared_domains.n / in->domains->n : 0;

	c->same_level = me->level && a->level && strcmp(me->level, a->level) == 0;
	c->population_ratio = -1;
	if (me->population != EALA_NO_VALUE && a->population != EALA_NO_VALUE && me->population > 0 &&
	    a->population > 0) {
		double x = (double)me->population, y = (double)a->population;
		c->population_ratio = x < y ? x / y : y / x;
	}
	c->part[MATCH_SIZE_LEVEL] = (c->population_ratio > 0 ? c->population_ratio / 2 : 0) + (c->same_level ? 0.5 : 0);

	c->shared_networks = shared_networks(me->networks, a->networks);
	c->part[MATCH_NETWORKS] = c->shared_networks >= 2 ? 1 : c->shared_networks * 0.5;

	const char *lang = shared_language(in->languages, me->country, a->country);
	if (lang && !(c->language = xstrdup(lang)))
		return EALA_ENOMEM;
	c->part[MATCH_LANGUAGE] = lang ? 1 : 0;

	for (size_t i = 0; i < in->n_links; i++) {
		const struct store_diagnostic_link *l = &in->links[i];
		if (l->partner_authority_id == a->id)
			c->links_to_it++;
		else if (l->country && a->country && strcmp(l->country, a->country) == 0)
			c->links_to_country++;
	}
	c->part[MATCH_STAKEHOLDERS] = c->links_to_it ? 1 : c->links_to_country ? 0.5 : 0;

	for (size_t i = 0; i < in->n_presence; i++)
		if (a->country && strcmp(in->presence[i].country, a->country) == 0)
			c->home_authorities = in->presence[i].n;
	/* a partner at home (a call for co-partners) gets no bonus: the part is
	 * about the countries abroad where few home authorities work */
	int at_home = me->country && a->country && strcmp(me->country, a->country) == 0;
	c->part[MATCH_UNDERSERVED] = at_home ? 0 : 1.0 / (1.0 + (double)c->home_authorities);

	double total = in->rules->total > 0 ? in->rules->total : 1;
	for (int k = 0; k < MATCH_NPARTS; k++) {
		c->points[k] = 100.0 * in->rules->weight[k] * c->part[k] / total;
		c->score += c->points[k];
	}
	return EALA_OK;
}

static void candidate_clear(struct match_candidate *c)
{
	free(c->name);
	free(c->country);
	free(c->level);
	free(c->language);
	strv_clear(&c->shared_domains);
	memset(c, 0, sizeof(*c));
}

static int cmp_candidate(const void *a, const void *b)
{
	const struct match_candidate *x = a, *y = b;
	/* scores are sums of a few products: compare them rounded to the
	 * hundredth shown, so that equal figures rank by id */
	long sx = lround(x->score * 100), sy = lround(y->score * 100);
	if (sx != sy)
		return sx < sy ? 1 : -1;
	return (x->id > y->id) - (x->id < y->id);
}

int match_compute(const struct match_input *in, const struct store_match_authority *candidates, size_t n,
		  size_t top, struct match_result *out)
{
	memset(out, 0, sizeof(*out));
	for (int k = 0; k < MATCH_NPARTS; k++)
		out->weight[k] = in->rules->weight[k];
	if (in->rules->file && !(out->rules_file = xstrdup(in->rules->file)))
		return EALA_ENOMEM;
	if (in->domains && strv_copy(&out->domains, in->domains))
		goto fail;
	out->v = calloc(n ? n : 1, sizeof(*out->v));
	if (!out->v)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		const struct store_match_authority *a = &candidates[i];
		if (a->id == in->caller->id)
			continue;
		if (has_id(in->partners, in->n_partners, a->id)) {
			out->excluded_partners++;
			continue;
		}
		struct match_candidate *c = &out->v[out->n++];
		if (score(in, a, c))
			goto fail;
	}
	out->considered = out->n;
	qsort(out->v, out->n, sizeof(*out->v), cmp_candidate);
	if (top && out->n > top) {
		for (size_t i = top; i < out->n; i++)
			candidate_clear(&out->v[i]);
		out->n = top;
	}
	return EALA_OK;
fail:
	match_clear(out);
	return EALA_ENOMEM;
}

void match_clear(struct match_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; r->v && i < r->n; i++)
		candidate_clear(&r->v[i]);
	free(r->v);
	strv_clear(&r->domains);
	strv_clear(&r->countries);
	free(r->rules_file);
	memset(r, 0, sizeof(*r));
}

/* ---- load ---- */

struct gather {
	struct store_match_authority *v;
	size_t n;
	struct strv strings;      /* owns the copies the rows point to */
	struct store_diagnostic_link *links;
	size_t n_links;
	int64_t *partners;
	size_t n_partners;
	struct match_presence *presence;
	size_t n_presence;
};

static const char *keep(struct gather *g, const char *s, int *rc)
{
	if (!s)
		return NULL;
	if (strv_push(&g->strings, s)) {
		*rc = EALA_ENOMEM;
		return NULL;
	}
	return g->strings.v[g->strings.n - 1];
}

static int gather_authority(void *ctx, const struct store_match_authority *a)
{
	struct gather *g = ctx;
	int rc = EALA_OK;
	void *v = realloc(g->v, (g->n + 1) * sizeof(*g->v));
	if (!v)
		return EALA_ENOMEM;
	g->v = v;
	struct store_match_authority *d = &g->v[g->n++];
	*d = *a;
	d->name = keep(g, a->name, &rc);
	d->country = keep(g, a->country, &rc);
	d->level = keep(g, a->level, &rc);
	d->domains = keep(g, a->domains, &rc);
	d->networks = keep(g, a->networks, &rc);
	return rc;
}

static int gather_link(void *ctx, const struct store_diagnostic_link *l)
{
	struct gather *g = ctx;
	int rc = EALA_OK;
	void *v = realloc(g->links, (g->n_links + 1) * sizeof(*g->links));
	if (!v)
		return EALA_ENOMEM;
	g->links = v;
	struct store_diagnostic_link *d = &g->links[g->n_links++];
	memset(d, 0, sizeof(*d));
	d->id = l->id;
	d->organisation_id = l->organisation_id;
	d->partner_authority_id = l->partner_authority_id;
	d->country = keep(g, l->country, &rc);
	return rc;
}

/* An action of a local actor reaching a country or an authority counts as
 * a link of theirs to it. */
static int gather_reach(void *ctx, const char *country, int64_t authority_id)
{
	struct store_diagnostic_link l = {.country = country, .partner_authority_id = authority_id};
	return gather_link(ctx, &l);
}

static int gather_partner(void *ctx, const struct store_diagnostic_partner *p)
{
	struct gather *g = ctx;
	void *v = realloc(g->partners, (g->n_partners + 1) * sizeof(*g->partners));
	if (!v)
		return EALA_ENOMEM;
	g->partners = v;
	g->partners[g->n_partners++] = p->authority_id;
	return EALA_OK;
}

static int gather_presence(void *ctx, const char *country, int64_t n)
{
	struct gather *g = ctx;
	int rc = EALA_OK;
	void *v = realloc(g->presence, (g->n_presence + 1) * sizeof(*g->presence));
	if (!v)
		return EALA_ENOMEM;
	g->presence = v;
	g->presence[g->n_presence++] = (struct match_presence){keep(g, country, &rc), n};
	return rc;
}

static void gather_clear(struct gather *g)
{
	free(g->v);
	free(g->links);
	free(g->partners);
	free(g->presence);
	strv_clear(&g->strings);
}

/* The caller's profile (its domains split and without repeats into
 * domains when sought_from_actions), then the candidates and the rest. */
static int run(struct store *st, int64_t authority_id, const struct strv *countries, const struct strv *call_domains,
	       const struct match_rules *rules, const struct match_languages *langs, size_t top, int public_only,
	       struct match_result *out, char **errmsg)
{
	struct gather me = {0}, g = {0};
	struct strv domains = {0};
	int rc;
	memset(out, 0, sizeof(*out));
	struct store_match_query q = {.authority_id = authority_id};
	if ((rc = store_match_authorities(st, &q, gather_authority, &me, errmsg)))
		goto out;
	if (!me.n) {
		rc = EALA_ENOTFOUND;
		goto out;
	}
	const struct store_match_authority *caller = &me.v[0];
	if (call_domains && call_domains->n) {
		rc = strv_copy(&domains, call_domains);
	} else {
		struct strv all = {0};
		rc = strv_split(&all, caller->domains ? caller->domains : "", '|');
		for (size_t i = 0; !rc && i < all.n; i++)
			if (*all.v[i] && !strv_contains(&domains, all.v[i]))
				rc = strv_push(&domains, all.v[i]);
		strv_clear(&all);
	}
	if (rc)
		goto out;
	if (countries && countries->n) {
		for (size_t i = 0; !rc && i < countries->n; i++) {
			struct store_match_query cq = {.country = countries->v[i], .public_only = public_only};
			rc = store_match_authorities(st, &cq, gather_authority, &g, errmsg);
		}
	} else {
		struct store_match_query cq = {.not_country = caller->country, .public_only = public_only};
		rc = store_match_authorities(st, &cq, gather_authority, &g, errmsg);
	}
	struct store_link_query lq = {.authority_id = authority_id, .public_only = public_only};
	if (rc || (rc = store_diagnostic_links(st, &lq, gather_link, &g, errmsg)) ||
	    (rc = store_match_actor_actions(st, authority_id, public_only, gather_reach, &g, errmsg)) ||
	    (rc = store_diagnostic_partners(st, authority_id, public_only, gather_partner, &g, errmsg)) ||
	    (rc = store_match_presence(st, caller->country, public_only, gather_presence, &g, errmsg)))
		goto out;
	struct match_input in = {.caller = caller, .domains = &domains, .partners = g.partners,
				 .n_partners = g.n_partners, .links = g.links, .n_links = g.n_links,
				 .presence = g.presence, .n_presence = g.n_presence, .languages = langs, .rules = rules};
	if ((rc = match_compute(&in, g.v, g.n, top, out)))
		goto out;
	if (countries && (rc = strv_copy(&out->countries, countries)))
		match_clear(out);
out:
	gather_clear(&me);
	gather_clear(&g);
	strv_clear(&domains);
	return rc;
}

int match_load_call(struct store *st, int64_t call_id, const struct match_rules *rules,
		    const struct match_languages *langs, size_t top, int public_only, struct match_result *out,
		    char **errmsg)
{
	struct partner_call c;
	memset(out, 0, sizeof(*out));
	int rc = store_partner_call_get(st, call_id, &c);
	if (rc)
		return rc;
	int draft = 0;
	if (public_only && (strcmp(c.status, "draft") == 0 ||
			    (store_is_draft(st, "authority", c.authority_id, &draft) == EALA_OK && draft))) {
		partner_call_clear(&c);
		return EALA_ENOTFOUND;
	}
	rc = run(st, c.authority_id, &c.countries, &c.domains, rules, langs, top, public_only, out, errmsg);
	partner_call_clear(&c);
	return rc;
}

int match_load_authority(struct store *st, int64_t authority_id, const char *country,
			 const struct match_rules *rules, const struct match_languages *langs, size_t top,
			 int public_only, struct match_result *out, char **errmsg)
{
	struct strv countries = {0};
	if (country && strv_push(&countries, country))
		return EALA_ENOMEM;
	int rc = run(st, authority_id, &countries, NULL, rules, langs, top, public_only, out, errmsg);
	strv_clear(&countries);
	return rc;
}

/* ---- sentences ---- */

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

static const char *part_label(enum match_part p, int lang)
{
	switch (p) {
	case MATCH_DOMAIN: return ctr(lang, "domains");
	case MATCH_SIZE_LEVEL: return ctr(lang, "size and level");
	case MATCH_NETWORKS: return ctr(lang, "shared networks");
	case MATCH_LANGUAGE: return ctr(lang, "language");
	case MATCH_STAKEHOLDERS: return ctr(lang, "local actors' links");
	case MATCH_UNDERSERVED: return ctr(lang, "few home authorities there");
	default: return "?";
	}
}

const char *match_part_label(enum match_part p, int lang)
{
	return part_label(p, lang);
}

void match_sentences(const struct match_result *r, int lang, match_sentence_fn fn, void *ctx)
{
	struct buf b = {0};
	if (!r->n) {
		fn(ctx, ctr(lang, "No candidate: no authority of the countries sought is recorded, or all are "
				  "partners already."));
		return;
	}
	const struct match_candidate *c = &r->v[0];
	buf_printf(&b, ctrn(lang, "%zu candidate was scored", "%zu candidates were scored", (unsigned long)r->considered),
		   r->considered);
	if (r->excluded_partners)
		buf_printf(&b, ctrn(lang, " (%zu partner already left out)", " (%zu partners already left out)",
				    (unsigned long)r->excluded_partners), r->excluded_partners);
	buf_puts(&b, ".");
	fn(ctx, b.s ? b.s : "");
	b.len = 0;
	b.s[0] = '\0';
	int best = -1;
	for (int k = 0; k < MATCH_NPARTS; k++)
		if (c->points[k] > 0 && (best < 0 || c->points[k] > c->points[best]))
			best = k;
	buf_printf(&b, ctr(lang, "The best match is %s (%s), %.1f points out of 100"), c->name,
		   codelist_label(CL_COUNTRY, c->country, lang), c->score);
	if (best >= 0)
		buf_printf(&b, ctr(lang, ", most of them for %s (%.1f)"), part_label(best, lang), c->points[best]);
	buf_puts(&b, ".");
	fn(ctx, b.s);
	b.len = 0;
	b.s[0] = '\0';
	if (r->domains.n) {
		int with = 0;
		for (size_t i = 0; i < r->n; i++)
			with += r->v[i].shared_domains.n > 0;
		buf_printf(&b, ctrn(lang, "%d of the candidates shown already acts in a domain sought.",
				    "%d of the candidates shown already act in a domain sought.", (unsigned long)with), with);
	} else {
		buf_puts(&b, ctr(lang, "No domain is sought (none in the call, none among the authority's "
				       "actions): the domain part is 0 for every candidate."));
	}
	fn(ctx, b.s);
	buf_free(&b);
}

/* ---- JSON ---- */

static json_t *strv_json(const struct strv *v)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < v->n; i++)
		json_array_append_new(a, json_string(v->v[i]));
	return a;
}

static double round2(double x)
{
	return round(x * 100) / 100;
}

static json_t *candidate_json(const struct match_candidate *c, int rank, int lang)
{
	json_t *parts = json_object();
	for (int k = 0; parts && k < MATCH_NPARTS; k++)
		json_object_set_new(parts, part_names[k],
				    json_pack("{s:f, s:f, s:s}", "value", round2(c->part[k]), "points",
					      round2(c->points[k]), "label", part_label(k, lang)));
	json_t *o = json_pack("{s:i, s:I, s:s, s:s, s:s, s:s, s:f, s:o, s:o, s:i, s:s?, s:b, s:i, s:i, s:I}",
			      "rank", rank, "id", (json_int_t)c->id, "name", c->name, "country", c->country,
			      "country_label", codelist_label(CL_COUNTRY, c->country, lang), "level", c->level,
			      "score", round2(c->score), "parts", parts ? parts : json_object(), "shared_domains",
			      strv_json(&c->shared_domains), "shared_networks", c->shared_networks, "language",
			      c->language, "same_level", c->same_level, "links_to_it", c->links_to_it,
			      "links_to_country", c->links_to_country, "home_authorities",
			      (json_int_t)c->home_authorities);
	if (o && c->population != EALA_NO_VALUE)
		json_object_set_new(o, "population", json_integer((json_int_t)c->population));
	if (o && c->population_ratio >= 0)
		json_object_set_new(o, "population_ratio", json_real(round2(c->population_ratio)));
	if (o && c->has_coords) {
		json_object_set_new(o, "lat", json_real(c->lat));
		json_object_set_new(o, "lng", json_real(c->lng));
	}
	return o;
}

json_t *match_json(const struct match_result *r, int64_t call_id, int64_t authority_id, int lang)
{
	json_t *cands = json_array(), *weights = json_object();
	for (size_t i = 0; cands && i < r->n; i++)
		json_array_append_new(cands, candidate_json(&r->v[i], (int)i + 1, lang));
	for (int k = 0; weights && k < MATCH_NPARTS; k++)
		json_object_set_new(weights, part_names[k], json_real(r->weight[k]));
	json_t *o = json_pack("{s:o, s:s, s:o, s:o, s:I, s:I, s:o}", "weights", weights ? weights : json_object(),
			      "weights_file", r->rules_file ? r->rules_file : "data/rules/match.csv", "domains", strv_json(&r->domains),
			      "countries", strv_json(&r->countries), "considered", (json_int_t)r->considered,
			      "excluded_partners", (json_int_t)r->excluded_partners, "candidates",
			      cands ? cands : json_array());
	if (o && call_id)
		json_object_set_new(o, "call", json_integer((json_int_t)call_id));
	if (o && authority_id)
		json_object_set_new(o, "authority", json_integer((json_int_t)authority_id));
	return o;
}
