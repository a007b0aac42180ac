/* diagnostic.c: the territorial diagnostic: local actors' links abroad set
 * against the authority's partnerships.
 *
 * A breakdown counts links and distinct local actors per value: the pairs
 * (value, organisation) are sorted once, so each value's actors are the runs
 * of distinct organisations inside its run. Territories hold tens or
 * hundreds of actors, so the partners are searched linearly. */
#include "diagnostic.h"

#include "../core/buf.h"
#include "../core/codelist.h"

#include <jansson.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *diagnostic_match_name(enum diagnostic_match m)
{
	static const char *const names[DIAG_NMATCH] = {"same_partner", "same_country", "potential"};
	return m < DIAG_NMATCH ? names[m] : "?";
}

static char *dup_or_empty(const char *s)
{
	return xstrdup(s ? s : "");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort and remove repeats; returns the new count. */
static size_t uniq_strs(char **v, size_t n)
{
	size_t k = 0;
	qsort(v, n, sizeof(*v), cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (k && strcmp(v[k - 1], v[i]) == 0) {
			free(v[i]);
			continue;
		}
		v[k++] = v[i];
	}
	return k;
}

static int has_str(char *const *v, size_t n, const char *s)
{
	return s && bsearch(&s, v, n, sizeof(*v), cmp_str) != NULL;
}

/* ---- breakdowns ---- */

struct pair {
	const char *code;
	int64_t organisation_id;
};

static int cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c = strcmp(x->code, y->code);
	if (c)
		return c;
	return (x->organisation_id > y->organisation_id) - (x->organisation_id < y->organisation_id);
}

static int cmp_count(const void *a, const void *b)
{
	const struct diagnostic_count *x = a, *y = b;
	if (x->actors != y->actors)
		return y->actors - x->actors;
	if (x->links != y->links)
		return y->links - x->links;
	return strcmp(x->code, y->code);
}

enum field { BY_COUNTRY, BY_TYPE, BY_DOMAIN, BY_KIND };

static const char *field_of(const struct diagnostic_link *l, enum field f)
{
	const char *s = f == BY_COUNTRY ? l->country : f == BY_TYPE ? l->subtype : f == BY_DOMAIN ? l->domain : l->kind;
	return s ? s : "";
}

static int breakdown(const struct diagnostic_result *r, enum field f, struct diagnostic_counts *out)
{
	struct pair *p = calloc(r->n_links ? r->n_links : 1, sizeof(*p));
	if (!p)
		return EALA_ENOMEM;
	for (size_t i = 0; i < r->n_links; i++)
		p[i] = (struct pair){field_of(&r->links[i], f), r->links[i].organisation_id};
	qsort(p, r->n_links, sizeof(*p), cmp_pair);
	out->v = calloc(r->n_links ? r->n_links : 1, sizeof(*out->v));
	if (!out->v) {
		free(p);
		return EALA_ENOMEM;
	}
	for (size_t i = 0; i < r->n_links; i++) {
		struct diagnostic_count *c = out->n ? &out->v[out->n - 1] : NULL;
		if (!c || strcmp(c->code, p[i].code) != 0) {
			c = &out->v[out->n++];
			if (!(c->code = xstrdup(p[i].code))) {
				free(p);
				return EALA_ENOMEM;
			}
			if (f == BY_COUNTRY)
				c->partnered = has_str(r->partner_countries, r->n_partner_countries, c->code);
		}
		c->links++;
		if (i == 0 || cmp_pair(&p[i - 1], &p[i]) != 0)
			c->actors++;
	}
	free(p);
	qsort(out->v, out->n, sizeof(*out->v), cmp_count);
	return EALA_OK;
}

static void counts_clear(struct diagnostic_counts *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].code);
	free(c->v);
	memset(c, 0, sizeof(*c));
}

/* ---- diaspora associations ---- */

static int diaspora(struct diagnostic_result *r)
{
	for (size_t i = 0; i < r->n_links; i++) {
		const struct diagnostic_link *l = &r->links[i];
		if (!l->subtype || strcmp(l->subtype, "diaspora_association") != 0)
			continue;
		struct diagnostic_diaspora *d = NULL;
		for (size_t k = 0; k < r->n_diaspora && !d; k++)
			if (r->diaspora[k].organisation_id == l->organisation_id)
				d = &r->diaspora[k];
		if (!d) {
			void *v = realloc(r->diaspora, (r->n_diaspora + 1) * sizeof(*r->diaspora));
			if (!v)
				return EALA_ENOMEM;
			r->diaspora = v;
			d = &r->diaspora[r->n_diaspora++];
			memset(d, 0, sizeof(*d));
			d->organisation_id = l->organisation_id;
			if (!(d->name = xstrdup(l->organisation)))
				return EALA_ENOMEM;
		}
		void *v = realloc(d->countries, (d->n_countries + 1) * sizeof(*d->countries));
		if (!v)
			return EALA_ENOMEM;
		d->countries = v;
		if (!(d->countries[d->n_countries] = xstrdup(l->country)))
			return EALA_ENOMEM;
		d->n_countries++;
	}
	for (size_t k = 0; k < r->n_diaspora; k++)
		r->diaspora[k].n_countries = uniq_strs(r->diaspora[k].countries, r->diaspora[k].n_countries);
	return EALA_OK;
}

static int cmp_diaspora(const void *a, const void *b)
{
	const struct diagnostic_diaspora *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->organisation_id > y->organisation_id) - (x->organisation_id < y->organisation_id);
}

static int cmp_link(const void *a, const void *b)
{
	const struct diagnostic_link *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/* ---- compute ---- */

static enum diagnostic_match match_of(const struct store_diagnostic_link *l,
				      const struct store_diagnostic_partner *partners, size_t n,
				      const struct diagnostic_result *r)
{
	for (size_t i = 0; l->partner_authority_id && i < n; i++)
		if (partners[i].authority_id == l->partner_authority_id)
			return DIAG_SAME_PARTNER;
	return has_str(r->partner_countries, r->n_partner_countries, l->country) ? DIAG_SAME_COUNTRY
										  : DIAG_POTENTIAL;
}

static int copy_link(struct diagnostic_link *d, const struct store_diagnostic_link *l)
{
	d->id = l->id;
	d->organisation_id = l->organisation_id;
	d->partner_authority_id = l->partner_authority_id;
	d->organisation = dup_or_empty(l->organisation);
	d->subtype = xstrdup(l->subtype);
	d->country = dup_or_empty(l->country);
	d->partner = xstrdup(l->partner);
	d->place = xstrdup(l->place);
	d->domain = xstrdup(l->domain);
	d->kind = dup_or_empty(l->kind);
	if (!d->organisation || !d->country || !d->kind || (l->subtype && !d->subtype) ||
	    (l->partner && !d->partner) || (l->place && !d->place) || (l->domain && !d->domain))
		return EALA_ENOMEM;
	return EALA_OK;
}

int diagnostic_compute(const struct store_diagnostic_link *links, size_t n_links,
		       const struct store_diagnostic_partner *partners, size_t n_partners,
		       struct diagnostic_result *out)
{
	int rc = EALA_ENOMEM;
	memset(out, 0, sizeof(*out));
	out->partner_countries = calloc(n_partners ? n_partners : 1, sizeof(char *));
	out->links = calloc(n_links ? n_links : 1, sizeof(*out->links));
	if (!out->partner_countries || !out->links)
		goto fail;
	for (size_t i = 0; i < n_partners; i++) {
		if (!partners[i].country)
			continue;
		if (!(out->partner_countries[out->n_partner_countries] = xstrdup(partners[i].country)))
			goto fail;
		out->n_partner_countries++;
	}
	out->n_partner_countries = uniq_strs(out->partner_countries, out->n_partner_countries);
	for (size_t i = 0; i < n_links; i++) {
		struct diagnostic_link *d = &out->links[out->n_links++];
		if (copy_link(d, &links[i]))
			goto fail;
		d->match = match_of(&links[i], partners, n_partners, out);
		out->matches[d->match]++;
	}
	qsort(out->links, out->n_links, sizeof(*out->links), cmp_link);
	if (breakdown(out, BY_COUNTRY, &out->by_country) || breakdown(out, BY_TYPE, &out->by_type) ||
	    breakdown(out, BY_DOMAIN, &out->by_domain) || breakdown(out, BY_KIND, &out->by_kind))
		goto fail;
	for (size_t i = 0; i < out->by_country.n; i++)
		out->unpartnered += !out->by_country.v[i].partnered;
	/* distinct organisations: the sum over the types would count none twice,
	 * as an organisation has one type */
	for (size_t i = 0; i < out->by_type.n; i++)
		out->actors += out->by_type.v[i].actors;
	if (diaspora(out))
		goto fail;
	if (out->n_diaspora)
		qsort(out->diaspora, out->n_diaspora, sizeof(*out->diaspora), cmp_diaspora);
	return EALA_OK;
fail:
	diagnostic_clear(out);
	return rc;
}

void diagnostic_clear(struct diagnostic_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; r->links && i < r->n_links; i++) {
		struct diagnostic_link *l = &r->links[i];
		free(l->organisation);
		free(l->subtype);
		free(l->country);
		free(l->partner);
		free(l->place);
		free(l->domain);
		free(l->kind);
	}
	free(r->links);
	for (size_t i = 0; r->partner_countries && i < r->n_partner_countries; i++)
		free(r->partner_countries[i]);
	free(r->partner_countries);
	counts_clear(&r->by_country);
	counts_clear(&r->by_type);
	counts_clear(&r->by_domain);
	counts_clear(&r->by_kind);
	for (size_t i = 0; i < r->n_diaspora; i++) {
		for (size_t k = 0; k < r->diaspora[i].n_countries; k++)
			free(r->diaspora[i].countries[k]);
		free(r->diaspora[i].countries);
		free(r->diaspora[i].name);
	}
	free(r->diaspora);
	memset(r, 0, sizeof(*r));
}

/* ---- load ---- */

struct gather {
	struct store_diagnostic_link *links;
	size_t n_links;
	struct store_diagnostic_partner *partners;
	size_t n_partners;
	struct strv strings;   /* owns the copies the rows point to */
};

/* A copy kept in g->strings; NULL for NULL. */
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

static int gather_link(void *ctx, const struct store_diagnostic_link *l)
{
	struct gather *g = ctx;
	int rc = EALA_OK;
	void *v = realloc(g->links, (g->n_links + 1) * sizeof(*g->links));
	if (!v)
		return EALA_ENOMEM;
	g->links = v;
	struct store_diagnostic_link *d = &g->links[g->n_links++];
	*d = *l;
	d->organisation = keep(g, l->organisation, &rc);
	d->subtype = keep(g, l->subtype, &rc);
	d->country = keep(g, l->country, &rc);
	d->partner = keep(g, l->partner, &rc);
	d->place = keep(g, l->place, &rc);
	d->domain = keep(g, l->domain, &rc);
	d->kind = keep(g, l->kind, &rc);
	return rc;
}

static int gather_partner(void *ctx, const struct store_diagnostic_partner *p)
{
	struct gather *g = ctx;
	int rc = EALA_OK;
	void *v = realloc(g->partners, (g->n_partners + 1) * sizeof(*g->partners));
	if (!v)
		return EALA_ENOMEM;
	g->partners = v;
	struct store_diagnostic_partner *d = &g->partners[g->n_partners++];
	*d = *p;
	d->partnership = NULL;   /* not needed by the figures */
	d->status = NULL;
	d->name = keep(g, p->name, &rc);
	d->country = keep(g, p->country, &rc);
	return rc;
}

int diagnostic_load(struct store *st, int64_t authority_id, int public_only, struct diagnostic_result *out,
		    char **errmsg)
{
	struct gather g = {0};
	struct store_link_query q = {.authority_id = authority_id, .public_only = public_only};
	int rc;
	memset(out, 0, sizeof(*out));
	/* strv_push may move its array, and with it nothing else: the strings
	 * themselves are separate copies, so the pointers stay valid */
	if ((rc = store_diagnostic_links(st, &q, gather_link, &g, errmsg)))
		goto out;
	if ((rc = store_diagnostic_partners(st, authority_id, public_only, gather_partner, &g, errmsg)))
		goto out;
	rc = diagnostic_compute(g.links, g.n_links, g.partners, g.n_partners, out);
out:
	free(g.links);
	free(g.partners);
	strv_clear(&g.strings);
	return rc;
}

/* ---- sentences ---- */

static const char *text_of(const struct buf *b)
{
	return b->s ? b->s : "";
}

static void emptied(struct buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

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

static const char *country_label(const char *code, int lang)
{
	return *code ? codelist_label(CL_COUNTRY, code, lang) : ctr(lang, "(no country)");
}

/* "Senegal (3 actors), Mali (1 actor)" for the countries without a
 * partnership, at most five, then "and N more". */
static void unpartnered_list(const struct diagnostic_result *r, int lang, struct buf *b)
{
	size_t shown = 0;
	for (size_t i = 0; i < r->by_country.n; i++) {
		const struct diagnostic_count *c = &r->by_country.v[i];
		if (c->partnered)
			continue;
		if (shown == 5) {
			buf_printf(b, ctr(lang, " and %d more"), r->unpartnered - 5);
			break;
		}
		if (shown)
			buf_puts(b, ", ");
		buf_printf(b, ctrn(lang, "%s (%d actor)", "%s (%d actors)", (unsigned long)c->actors),
			   country_label(c->code, lang), c->actors);
		shown++;
	}
}

void diagnostic_sentences(const struct diagnostic_result *r, int lang, diagnostic_sentence_fn fn, void *ctx)
{
	struct buf b = {0};
	if (!r->n_links) {
		fn(ctx, ctr(lang, "No local actor's link abroad is recorded for this territory: collect them "
				  "with the stakeholder links template (eala export csv stakeholder_links --template)."));
		return;
	}
	buf_printf(&b, ctrn(lang, "%d local actor has links abroad", "%d local actors have links abroad",
			    (unsigned long)r->actors), r->actors);
	buf_printf(&b, ctrn(lang, " in %d country", " in %d countries", (unsigned long)r->by_country.n),
		   (int)r->by_country.n);
	buf_printf(&b, ctrn(lang, " (%d link).", " (%d links).", (unsigned long)r->n_links), (int)r->n_links);
	fn(ctx, text_of(&b));
	emptied(&b);
	if (r->unpartnered) {
		buf_printf(&b, ctrn(lang, "%d of those countries has no partnership of yours: ",
				    "%d of those countries have no partnership of yours: ", (unsigned long)r->unpartnered),
			   r->unpartnered);
		unpartnered_list(r, lang, &b);
		buf_puts(&b, ".");
	} else {
		buf_puts(&b, ctr(lang, "Every one of those countries has a partnership of yours."));
	}
	fn(ctx, text_of(&b));
	emptied(&b);
	buf_printf(&b, ctr(lang, "Of the %d links, %d go to one of your partner authorities, %d to another place in a "
				 "country where you have a partnership, and %d to countries where you have none: "
				 "that is the potential."),
		   (int)r->n_links, r->matches[DIAG_SAME_PARTNER], r->matches[DIAG_SAME_COUNTRY],
		   r->matches[DIAG_POTENTIAL]);
	fn(ctx, text_of(&b));
	emptied(&b);
	if (r->n_diaspora) {
		buf_printf(&b, ctrn(lang, "%d diaspora association connects the territory to ",
				    "%d diaspora associations connect the territory to ", (unsigned long)r->n_diaspora),
			   (int)r->n_diaspora);
		char **seen = calloc(r->n_links, sizeof(*seen));
		size_t n = 0;
		for (size_t i = 0; seen && i < r->n_diaspora; i++)
			for (size_t k = 0; k < r->diaspora[i].n_countries; k++)
				seen[n++] = r->diaspora[i].countries[k];
		if (seen)
			qsort(seen, n, sizeof(*seen), cmp_str);
		for (size_t i = 0, shown = 0; i < n; i++) {
			if (i && strcmp(seen[i - 1], seen[i]) == 0)
				continue;
			buf_printf(&b, "%s%s", shown++ ? ", " : "", country_label(seen[i], lang));
		}
		free(seen);
		buf_puts(&b, ".");
	} else {
		buf_puts(&b, ctr(lang, "No diaspora association with links abroad is recorded."));
	}
	fn(ctx, text_of(&b));
	buf_free(&b);
}

/* ---- JSON ---- */

static json_t *counts_json(const struct diagnostic_counts *c, enum codelist_id list, int lang, int country)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < c->n; i++) {
		const struct diagnostic_count *x = &c->v[i];
		json_t *o = json_pack("{s:s?, s:s?, s:i, s:i}", "code", *x->code ? x->code : NULL, "label",
				      *x->code ? codelist_label(list, x->code, lang) : NULL, "actors", x->actors,
				      "links", x->links);
		if (o && country)
			json_object_set_new(o, "partnership", json_boolean(x->partnered));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *link_json(const struct diagnostic_link *l)
{
	json_t *o = json_pack("{s:I, s:I, s:s, s:s?, s:s, s:s?, s:s?, s:s?, s:s, s:s}", "id", (json_int_t)l->id,
			      "organisation_id", (json_int_t)l->organisation_id, "organisation", l->organisation,
			      "subtype", l->subtype, "country", l->country, "partner", l->partner, "place", l->place,
			      "domain", l->domain, "kind", l->kind, "match", diagnostic_match_name(l->match));
	if (o && l->partner_authority_id)
		json_object_set_new(o, "partner_authority_id", json_integer((json_int_t)l->partner_authority_id));
	return o;
}

json_t *diagnostic_json(const struct diagnostic_result *r, int64_t authority_id, int lang)
{
	json_t *links = json_array(), *partner_countries = json_array(), *diasp = json_array();
	for (size_t i = 0; links && i < r->n_links; i++)
		json_array_append_new(links, link_json(&r->links[i]));
	for (size_t i = 0; partner_countries && i < r->n_partner_countries; i++)
		json_array_append_new(partner_countries, json_string(r->partner_countries[i]));
	for (size_t i = 0; diasp && i < r->n_diaspora; i++) {
		json_t *cs = json_array();
		for (size_t k = 0; cs && k < r->diaspora[i].n_countries; k++)
			json_array_append_new(cs, json_pack("{s:s, s:s}", "code", r->diaspora[i].countries[k], "label",
							    codelist_label(CL_COUNTRY, r->diaspora[i].countries[k],
									   lang)));
		json_array_append_new(diasp, json_pack("{s:I, s:s, s:o}", "organisation_id",
						       (json_int_t)r->diaspora[i].organisation_id, "name",
						       r->diaspora[i].name, "countries", cs ? cs : json_array()));
	}
	return json_pack("{s:I, s:i, s:i, s:i, s:i, s:{s:i, s:i, s:i}, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
			 "authority", (json_int_t)authority_id, "actors", r->actors, "link_count", (int)r->n_links,
			 "countries", (int)r->by_country.n, "countries_without_partnership", r->unpartnered,
			 "matches", "same_partner", r->matches[DIAG_SAME_PARTNER], "same_country",
			 r->matches[DIAG_SAME_COUNTRY], "potential", r->matches[DIAG_POTENTIAL],
			 "partner_countries", partner_countries ? partner_countries : json_array(),
			 "by_country", counts_json(&r->by_country, CL_COUNTRY, lang, 1),
			 "by_type", counts_json(&r->by_type, CL_ORG_SUBTYPE, lang, 0),
			 "by_domain", counts_json(&r->by_domain, CL_ACTION_DOMAIN, lang, 0),
			 "by_kind", counts_json(&r->by_kind, CL_STAKEHOLDER_LINK_KIND, lang, 0),
			 "diaspora", diasp ? diasp : json_array(), "links", links ? links : json_array());
}
