/* iati_import.c: IATI activities into actions, all or nothing.
 *
 * Every file is read and validated first (iati_read.c); one problem in any
 * file and nothing is written. Then, in one transaction, each organisation
 * the files name is resolved once: by its ref when eala knows it, else as a
 * local or regional government (IATI type 11, or a name that is a known
 * authority's in any of its spellings, possibly after a prefix such as
 * "Ayuntamiento de" from data/iati-names.csv), else as an organisation
 * (same ref or same name, or a new one). An activity becomes an action led by
 * its reporting organisation when that is an authority, else by its first
 * participating authority; an activity without any is outside eala's scope
 * and is listed, not refused. An activity whose iati-identifier is known
 * updates its action; its financing and expected impacts are replaced.
 */
#include "iati.h"

#include "codelist_load.h"
#include "csvread.h"
#include "../core/codelist.h"
#include "../core/text.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* ---- a small string map ---- */

struct slot {
	char *key;
	int64_t authority_id, organisation_id;
	char country[3];
	int ambiguous;           /* names: several authorities have this key */
};

struct map {
	struct slot *v;
	size_t cap, n;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct slot *map_find(const struct map *m, const char *key)
{
	if (!m->cap)
		return NULL;
	for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->v[i].key)
			return NULL;
		if (strcmp(m->v[i].key, key) == 0)
			return &m->v[i];
	}
}

/* The slot of key, added empty when absent; NULL without memory. */
static struct slot *map_put(struct map *m, const char *key)
{
	struct slot *s = map_find(m, key);
	if (s)
		return s;
	if ((m->n + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 256;
		struct slot *v = calloc(cap, sizeof(*v));
		if (!v)
			return NULL;
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->v[i].key)
				continue;
			size_t j = hash(m->v[i].key) & (cap - 1);
			while (v[j].key)
				j = (j + 1) & (cap - 1);
			v[j] = m->v[i];
		}
		free(m->v);
		m->v = v;
		m->cap = cap;
	}
	size_t i = hash(key) & (m->cap - 1);
	while (m->v[i].key)
		i = (i + 1) & (m->cap - 1);
	m->v[i].key = xstrdup(key);
	if (!m->v[i].key)
		return NULL;
	m->n++;
	return &m->v[i];
}

static void map_clear(struct map *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->v[i].key);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

/* ---- what the import knows ---- */

struct rule {
	char *kind, *match, *value;
};

struct ictx {
	struct store *st;
	const char *file;            /* the file being imported */
	char *source;                /* "iati:FILE" */
	struct iati_import_report *rep;
	struct errlist *errors;
	struct map refs;             /* ref -> record, this import and the database */
	struct map orgnames;         /* organisation name -> organisation */
	struct map names;            /* authority name key (with country) -> authority */
	struct map anynames;         /* authority name key -> authority (ambiguous across countries) */
	struct rule *rules;
	size_t n_rules;
	char *errmsg;
	int probe;                   /* resolve authorities only: no organisation matched or added */
};

static int load_rules(struct ictx *c)
{
	char *path = eala_datapath("iati-names.csv");
	struct csv_doc doc = {0};
	int rc = path ? csvdoc_read_file(path, &doc, c->errors) : EALA_ENOMEM;
	for (size_t i = 0; !rc && i < doc.n; i++) {
		const char *k = csvdoc_field(&doc.rows[i], 0), *m = csvdoc_field(&doc.rows[i], 1),
			   *v = csvdoc_field(&doc.rows[i], 2);
		if (!k || !m || !v)
			continue;
		struct rule *r = realloc(c->rules, (c->n_rules + 1) * sizeof(*r));
		if (!r) {
			rc = EALA_ENOMEM;
			break;
		}
		c->rules = r;
		r[c->n_rules].kind = xstrdup(k);
		r[c->n_rules].match = strcmp(k, "funder-ref") == 0 ? xstrdup(m) : text_name_key(m, NULL);
		r[c->n_rules].value = xstrdup(v);
		c->n_rules++;
	}
	csvdoc_clear(&doc);
	free(path);
	return rc;
}

static int add_name(void *ctx, const struct store_name_entry *e)
{
	struct ictx *c = ctx;
	char *key = text_name_key(e->name, e->country);
	if (!key)
		return 0;
	char *ck = xasprintf("%s|%s", e->country, key);
	struct slot *s = ck ? map_put(&c->names, ck) : NULL;
	if (s && !s->authority_id)
		s->authority_id = e->authority_id;
	struct slot *a = map_put(&c->anynames, key);
	if (a) {
		if (a->authority_id && a->authority_id != e->authority_id)
			a->ambiguous = 1;
		else
			a->authority_id = e->authority_id;
		memcpy(a->country, e->country, 2);
	}
	free(ck);
	free(key);
	return 0;
}

/* The country an org-id names (GB-COH-123: GB), or NULL (XI-, XM-: international). */
static int ref_country(const char *ref, char out[3])
{
	if (!ref || strlen(ref) < 3 || ref[2] != '-' || ref[0] < 'A' || ref[0] > 'Z' || ref[1] < 'A' ||
	    ref[1] > 'Z')
		return 0;
	out[0] = ref[0];
	out[1] = ref[1];
	out[2] = '\0';
	return codelist_has(CL_COUNTRY, out);
}

/* The authority a name is, in country (NULL: any, if only one has it); 0: none.
 * [out] level: the level a prefix says, or NULL. */
static int64_t name_authority(struct ictx *c, const char *name, const char *country, const char **level)
{
	char *key = text_name_key(name, country);
	int64_t id = 0;
	*level = NULL;
	if (!key)
		return 0;
	const char *rest = key;
	for (int pass = 0; pass < 2 && !id; pass++) {
		if (pass == 1) {
			rest = NULL;
			for (size_t i = 0; i < c->n_rules && !rest; i++) {
				size_t len = c->rules[i].match ? strlen(c->rules[i].match) : 0;
				if (strcmp(c->rules[i].kind, "prefix") == 0 && len &&
				    strncmp(key, c->rules[i].match, len) == 0 && key[len] == ' ') {
					rest = key + len + 1;
					*level = c->rules[i].value;
				}
			}
			if (!rest)
				break;
		}
		if (country) {
			char *ck = xasprintf("%s|%s", country, rest);
			struct slot *s = ck ? map_find(&c->names, ck) : NULL;
			id = s ? s->authority_id : 0;
			free(ck);
		} else {
			struct slot *s = map_find(&c->anynames, rest);
			id = s && !s->ambiguous ? s->authority_id : 0;
		}
	}
	free(key);
	return id;
}

static void remember(struct ictx *c, const struct iati_org *o, int64_t auth, int64_t org)
{
	if (o->ref && !c->probe) {
		struct slot *s = map_put(&c->refs, o->ref);
		if (s && !s->authority_id && !s->organisation_id) {
			s->authority_id = auth;
			s->organisation_id = org;
			if (store_iati_org_put(c->st, o->ref, auth, org, &c->errmsg))
				errlist_add(c->errors, c->file, o->line, NULL, "%s", c->errmsg);
		}
	}
}

static int new_authority(struct ictx *c, const struct iati_org *o, const char *country,
			 const char *level, int64_t *id)
{
	struct authority a = {0};
	a.name = xstrdup(o->name ? o->name : o->ref);
	a.country = xstrdup(country);
	a.level = xstrdup(level ? level : "other");
	if (o->ref && strncmp(o->ref, "FR-COG-", 7) == 0 && o->ref[7])
		a.official_code = xstrdup(o->ref + 7);
	a.population = EALA_NO_VALUE;
	a.source = xstrdup(c->source);
	for (size_t i = 0; i < o->names.n; i++)
		if (!a.name || strcmp(o->names.v[i], a.name) != 0)
			strv_push(&a.other_names, o->names.v[i]);
	struct origin orig = {c->file, o->line};
	int rc = authority_validate(&a, &orig, c->errors) ? EALA_EINVAL : EALA_OK;
	if (!rc && (rc = store_authority_insert(c->st, &a, &c->errmsg)))
		errlist_add(c->errors, c->file, o->line, "participating-org", "%s",
			    c->errmsg ? c->errmsg : "cannot add the authority");
	if (!rc) {
		*id = a.id;
		c->rep->authorities_created++;
		for (size_t i = 0; i <= a.other_names.n; i++)
			add_name(c, &(struct store_name_entry){.authority_id = a.id, .country = a.country,
				     .name = i ? a.other_names.v[i - 1] : a.name});
	}
	authority_clear(&a);
	return rc;
}

static int new_organisation(struct ictx *c, const struct iati_org *o, int64_t *id)
{
	struct organisation g = {0};
	char cc[3];
	g.name = xstrdup(o->name ? o->name : o->ref);
	g.iati_type = xstrdup(o->type && codelist_has(CL_IATI_ORG_TYPE, o->type) ? o->type : "90");
	if (ref_country(o->ref, cc))
		g.country = xstrdup(cc);
	g.source = xstrdup(c->source);
	struct origin orig = {c->file, o->line};
	int rc = organisation_validate(&g, &orig, c->errors) ? EALA_EINVAL : EALA_OK;
	if (!rc && (rc = store_organisation_insert(c->st, &g, &c->errmsg)))
		errlist_add(c->errors, c->file, o->line, "participating-org", "%s",
			    c->errmsg ? c->errmsg : "cannot add the organisation");
	if (!rc) {
		*id = g.id;
		c->rep->organisations_created++;
		struct slot *s = map_put(&c->orgnames, g.name);
		if (s && !s->organisation_id)
			s->organisation_id = g.id;
	}
	organisation_clear(&g);
	return rc;
}

/* The authority or the organisation an IATI organisation is (one id set), or
 * neither when it has no name and no ref. */
static int resolve(struct ictx *c, const struct iati_org *o, int64_t *auth, int64_t *org)
{
	*auth = *org = 0;
	if (!o->ref && !o->name)
		return EALA_OK;
	struct slot *s = o->ref ? map_find(&c->refs, o->ref) : NULL;
	if (s && (s->authority_id || s->organisation_id)) {
		*auth = s->authority_id;
		*org = s->organisation_id;
		return EALA_OK;
	}
	if (o->ref && store_iati_org_find(c->st, o->ref, auth, org) == EALA_OK) {
		remember(c, o, *auth, *org);
		if (*auth)
			c->rep->authorities_matched++;
		else
			c->rep->organisations_matched++;
		return EALA_OK;
	}
	char cc[3];
	int has_cc = ref_country(o->ref, cc);
	const char *level = NULL;
	if (has_cc && strcmp(cc, "FR") == 0 && strncmp(o->ref, "FR-COG-", 7) == 0 &&
	    store_authority_find_code(c->st, "FR", o->ref + 7, auth) == EALA_OK) {
		c->rep->authorities_matched++;
		remember(c, o, *auth, 0);
		return EALA_OK;
	}
	for (size_t i = 0; i < o->names.n && !*auth; i++)
		*auth = name_authority(c, o->names.v[i], has_cc ? cc : NULL, &level);
	if (*auth) {
		c->rep->authorities_matched++;
		remember(c, o, *auth, 0);
		return EALA_OK;
	}
	int rc;
	if (o->type && strcmp(o->type, "11") == 0 && has_cc) {
		if (c->probe) {
			*auth = -1;   /* would be a new authority */
			return EALA_OK;
		}
		if (!level && o->name)
			name_authority(c, o->name, cc, &level);
		if ((rc = new_authority(c, o, cc, level, auth)))
			return rc;
		remember(c, o, *auth, 0);
		return EALA_OK;
	}
	if (c->probe)
		return EALA_OK;
	const char *name = o->name ? o->name : o->ref;
	s = map_find(&c->orgnames, name);
	if ((s && s->organisation_id) || store_organisation_find_name(c->st, name, org) == EALA_OK) {
		if (s && s->organisation_id)
			*org = s->organisation_id;
		c->rep->organisations_matched++;
		remember(c, o, 0, *org);
		return EALA_OK;
	}
	if ((rc = new_organisation(c, o, org)))
		return rc;
	remember(c, o, 0, *org);
	return EALA_OK;
}

/* ---- activities ---- */

/* A YYYY-MM-DD date from an xsd:date (which may carry a time zone), or NULL. */
static char *day(const char *s)
{
	if (!s || strlen(s) < 10)
		return NULL;
	char *d = xstrndup(s, 10);
	if (d && !date_valid(d)) {
		free(d);
		d = NULL;
	}
	return d;
}

static const char *funding_source(struct ictx *c, const struct iati_org *o, int64_t auth,
				  const struct authority *lead)
{
	if (auth && auth == lead->id)
		return "own_budget";
	if (auth) {
		struct authority a;
		const char *src = "other";
		if (store_authority_get(c->st, auth, &a) == EALA_OK) {
			if (strcmp(a.level, "region") == 0 || strcmp(a.level, "department") == 0)
				src = strcmp(a.level, "region") == 0 ? "region" : "department";
			else if (strcmp(a.country, lead->country) != 0)
				src = "partner_contribution";
			authority_clear(&a);
		}
		return src;
	}
	for (size_t i = 0; o && o->ref && i < c->n_rules; i++)
		if (strcmp(c->rules[i].kind, "funder-ref") == 0 && strcmp(c->rules[i].match, o->ref) == 0)
			return c->rules[i].value;
	for (size_t n = 0; o && n < o->names.n; n++) {
		char *key = text_name_key(o->names.v[n], NULL);
		const char *src = NULL;
		/* a source's own label (an eala export names the source so) */
		const struct codelist *cl = codelist_get(CL_FUNDING_SOURCE);
		for (size_t i = 0; cl && key && i < cl->n && !src; i++)
			for (int l = 0; l < CL_NLANG && !src; l++)
				if (cl->v[i].label[l] && strcmp(cl->v[i].label[l], o->names.v[n]) == 0)
					src = cl->v[i].code;
		for (size_t i = 0; key && i < c->n_rules && !src; i++) {
			size_t len = c->rules[i].match ? strlen(c->rules[i].match) : 0;
			if (strcmp(c->rules[i].kind, "funder-name") == 0 && len &&
			    strncmp(key, c->rules[i].match, len) == 0)
				src = c->rules[i].value;
		}
		free(key);
		if (src)
			return src;
	}
	return NULL;
}

static int add_financing(struct financing **v, size_t *n, const char *source, int year,
			 const char *currency, int planned, double value)
{
	for (size_t i = 0; i < *n; i++) {
		struct financing *f = &(*v)[i];
		if (f->year == year && strcmp(f->source, source) == 0 && strcmp(f->currency, currency) == 0) {
			if (planned)
				f->planned += value, f->has_planned = 1;
			else
				f->actual += value, f->has_actual = 1;
			return EALA_OK;
		}
	}
	struct financing *nv = realloc(*v, (*n + 1) * sizeof(**v));
	if (!nv)
		return EALA_ENOMEM;
	*v = nv;
	struct financing *f = &nv[(*n)++];
	memset(f, 0, sizeof(*f));
	f->source = xstrdup(source);
	f->currency = xstrdup(currency);
	f->year = year;
	if (planned)
		f->planned = value, f->has_planned = 1;
	else
		f->actual = value, f->has_actual = 1;
	return EALA_OK;
}

/* Something of the file eala leaves out: listed, not refused. */
#define note(c, line, field, fmt, arg) \
	errlist_add(&(c)->rep->notes, (c)->file, line, field, fmt, (arg) ? (arg) : "")

/* The financing rows of an activity, summed by source, year and currency. */
static int activity_financing(struct ictx *c, const struct iati_activity *x,
			      const struct authority *lead, const char *default_source,
			      int64_t action_id)
{
	struct financing *rows = NULL;
	size_t n = 0;
	int rc = EALA_OK;
	for (size_t i = 0; !rc && i < x->n_flows; i++) {
		const struct iati_flow *f = &x->flows[i];
		int planned = f->budget;
		if (!planned && (!f->type || (strcmp(f->type, "3") && strcmp(f->type, "4"))))
			continue;   /* commitments, incoming funds, repayments...: not eala's actuals */
		char *d = day(f->date);
		int year = d ? atoi(d) : 0;
		free(d);
		if (!f->has_value || !year_valid(year) || f->value < 0 || !f->currency ||
		    !codelist_has(CL_IATI_CURRENCY, f->currency)) {
			errlist_add(&c->rep->notes, c->file, f->line, f->budget ? "budget" : "transaction",
				    N_("left out: a financing row needs a year, a positive value and a currency"));
			continue;
		}
		const char *src = NULL;
		if (!f->budget && (f->provider.ref || f->provider.name)) {
			int64_t auth = 0, org = 0;
			if ((rc = resolve(c, &f->provider, &auth, &org)))
				break;
			src = funding_source(c, &f->provider, auth, lead);
		}
		rc = add_financing(&rows, &n, src ? src : default_source, year, f->currency, planned, f->value);
	}
	for (size_t i = 0; !rc && i < n; i++) {
		rows[i].action_id = action_id;
		struct origin o = {c->file, x->line};
		if (financing_validate(&rows[i], &o, c->errors))
			rc = EALA_EINVAL;
		else if ((rc = store_financing_insert(c->st, &rows[i], &c->errmsg)))
			errlist_add(c->errors, c->file, x->line, "budget", "%s", c->errmsg);
		else
			c->rep->financing_rows++;
	}
	for (size_t i = 0; i < n; i++)
		financing_clear(&rows[i]);
	free(rows);
	return rc;
}

/* Make an IATI result fit eala's expected impact: codes eala knows, real dates,
 * one period per start date. */
static void fit_result(struct ictx *c, struct expected_impact *e, long line)
{
	if (!e->category || !codelist_has(CL_IMPACT_CATEGORY, e->category))
		str_set(&e->category, "solidarity");
	if (!e->side || !codelist_has(CL_TERRITORY_SIDE, e->side))
		str_set(&e->side, "partner");
	if (str_blank(e->description))
		str_set(&e->description, "Result without a title");
	str_set(&e->source, c->source);
	for (size_t i = 0; i < e->n_indicators; i++) {
		struct indicator *ind = &e->indicators[i];
		if (str_blank(ind->title))
			str_set(&ind->title, "Indicator without a title");
		if (ind->measure && !codelist_has(CL_IATI_INDICATOR_MEASURE, ind->measure))
			str_set(&ind->measure, NULL);
		char *bd = day(ind->baseline_date);
		free(ind->baseline_date);
		ind->baseline_date = bd;
		size_t k = 0;
		for (size_t j = 0; j < ind->n_periods; j++) {
			struct indicator_period p = ind->periods[j];
			char *s = day(p.start), *en = day(p.end);
			int dup = 0;
			for (size_t m = 0; s && m < k; m++)
				dup |= strcmp(ind->periods[m].start, s) == 0;
			free(p.start);
			free(p.end);
			if (!s || !en || strcmp(en, s) < 0 || dup) {
				note(c, line, "period", N_("left out: a period of indicator '%s' without valid dates, or starting on the day of another"),
				     ind->title);
				free(s);
				free(en);
				continue;
			}
			p.start = s;
			p.end = en;
			ind->periods[k++] = p;
		}
		ind->n_periods = k;
	}
}

/* The action's lead: the reporting organisation when it is an authority,
 * else the first participating authority, accountable first. */
static int64_t pick_lead(int64_t reporting, const struct iati_activity *x, const int64_t *auths)
{
	static const char *const order[] = {"2", "1", "3", "4", NULL};
	if (reporting)
		return reporting;
	for (int r = 0; order[r]; r++)
		for (size_t i = 0; i < x->n_orgs; i++)
			if (auths[i] && x->orgs[i].role && strcmp(x->orgs[i].role, order[r]) == 0)
				return auths[i];
	for (size_t i = 0; i < x->n_orgs; i++)
		if (auths[i])
			return auths[i];
	return 0;
}

static void fill_action(struct ictx *c, struct action *a, const struct iati_activity *x)
{
	const char *title = !str_blank(x->title) ? x->title
			    : !str_blank(x->identifier) ? x->identifier : "IATI activity without a title";
	str_set(&a->title, title);
	str_set(&a->description, x->description);
	if (!a->type)
		a->type = xstrdup("project");
	char *start = day(x->start_actual), *end = day(x->end_actual);
	if (!start)
		start = day(x->start_planned);
	if (!end)
		end = day(x->end_planned);
	if (start && end && strcmp(end, start) < 0) {
		note(c, x->line, "activity-date", N_("left out: the end date %s is before the start date"), end);
		free(end);
		end = NULL;
	}
	free(a->start_date);
	free(a->end_date);
	a->start_date = start;
	a->end_date = end;
	if (x->status && codelist_has(CL_IATI_ACTIVITY_STATUS, x->status))
		str_set(&a->status, x->status);
	else {
		/* no status: told from the dates the file gives */
		char *ea = day(x->end_actual), *sa = day(x->start_actual);
		str_set(&a->status, ea ? "4" : (sa ? "2" : "1"));
		free(ea);
		free(sa);
	}
	strv_clear(&a->sectors);
	for (size_t i = 0; i < x->sectors.n; i++)
		if (codelist_has(CL_IATI_SECTOR, x->sectors.v[i]))
			strv_push(&a->sectors, x->sectors.v[i]);
	strv_clear(&a->countries);
	for (size_t i = 0; i < x->countries.n; i++) {
		if (codelist_has(CL_COUNTRY, x->countries.v[i]))
			strv_push(&a->countries, x->countries.v[i]);
		else
			note(c, x->line, "recipient-country", N_("left out: '%s' is not a country code"),
			     x->countries.v[i]);
	}
	char *regions = strv_join(&x->regions, ", ");
	free(a->notes);
	a->notes = x->regions.n ? xasprintf("IATI recipient regions: %s", regions) : NULL;
	free(regions);
	str_set(&a->source, c->source);
}

static int import_activity(struct ictx *c, const struct iati_activity *x)
{
	int64_t reporting = 0, rep_org = 0;
	int64_t *auths = calloc(x->n_orgs + 1, sizeof(*auths)), *orgs = calloc(x->n_orgs + 1, sizeof(*orgs));
	struct action a = {0};
	struct authority lead = {0};
	int rc = auths && orgs ? EALA_OK : EALA_ENOMEM;
	/* first without side effects: is there an authority to lead it at all? */
	c->probe = 1;
	size_t am = c->rep->authorities_matched, om = c->rep->organisations_matched;
	if (!rc)
		rc = resolve(c, &x->reporting, &reporting, &rep_org);
	for (size_t i = 0; !rc && i < x->n_orgs; i++)
		rc = resolve(c, &x->orgs[i], &auths[i], &orgs[i]);
	c->probe = 0;
	c->rep->authorities_matched = am;   /* counted when resolved for good */
	c->rep->organisations_matched = om;
	if (rc)
		goto out;
	if (!pick_lead(reporting, x, auths)) {
		c->rep->skipped++;
		note(c, x->line, "participating-org",
		     N_("activity '%s' left out: no local or regional government among its organisations"),
		     x->identifier);
		goto out;
	}
	rc = resolve(c, &x->reporting, &reporting, &rep_org);
	for (size_t i = 0; !rc && i < x->n_orgs; i++)
		rc = resolve(c, &x->orgs[i], &auths[i], &orgs[i]);
	if (rc)
		goto out;
	int64_t lead_id = pick_lead(reporting, x, auths);
	int64_t existing = 0;
	int update = !str_blank(x->identifier) &&
		     store_iati_activity_find(c->st, x->identifier, &existing) == EALA_OK;
	if (update && (rc = store_action_get(c->st, existing, &a)))
		goto out;
	a.authority_id = lead_id;
	fill_action(c, &a, x);
	for (size_t i = 0; i < a.n_participants; i++)
		free(a.participants[i].role);
	free(a.participants);
	a.participants = NULL;
	a.n_participants = 0;
	for (size_t i = 0; i < x->n_orgs; i++) {
		const char *role = x->orgs[i].role;
		if ((!auths[i] && !orgs[i]) || !role || !codelist_has(CL_IATI_ORG_ROLE, role))
			continue;
		int dup = 0;
		for (size_t j = 0; j < a.n_participants; j++)
			dup |= a.participants[j].authority_id == auths[i] &&
			       a.participants[j].organisation_id == orgs[i] &&
			       strcmp(a.participants[j].role, role) == 0;
		if (!dup)
			action_add_participant(&a, orgs[i], auths[i], role);
	}
	struct origin o = {c->file, x->line};
	if (action_validate(&a, &o, c->errors)) {
		rc = EALA_EINVAL;
		goto out;
	}
	rc = update ? store_action_update(c->st, &a, &c->errmsg) : store_action_insert(c->st, &a, &c->errmsg);
	if (!rc && update)
		rc = store_iati_action_reset(c->st, a.id, &c->errmsg);
	if (!rc && !str_blank(x->identifier))
		rc = store_iati_activity_put(c->st, a.id, x->identifier, x->reporting.ref, &c->errmsg);
	if (rc) {
		errlist_add(c->errors, c->file, x->line, "iati-identifier", "%s",
			    c->errmsg ? c->errmsg : "cannot write the action");
		goto out;
	}
	if (update)
		c->rep->actions_updated++;
	else
		c->rep->actions_created++;
	if ((rc = store_authority_get(c->st, lead_id, &lead)))
		goto out;
	/* budgets: the activity's funder (the first funding participant eala can name) */
	const char *default_source = NULL;
	for (size_t i = 0; i < x->n_orgs && !default_source; i++)
		if (x->orgs[i].role && strcmp(x->orgs[i].role, "1") == 0)
			default_source = funding_source(c, &x->orgs[i], auths[i], &lead);
	if ((rc = activity_financing(c, x, &lead, default_source ? default_source : "other", a.id)))
		goto out;
	for (size_t i = 0; i < x->n_results; i++) {
		struct expected_impact *e = &x->results[i];
		fit_result(c, e, x->line);
		e->action_id = a.id;
		e->partnership_id = a.partnership_id;
		if (expected_impact_validate(e, &o, c->errors)) {
			rc = EALA_EINVAL;
			break;
		}
		e->id = 0;
		for (size_t k = 0; k < e->n_indicators; k++)
			e->indicators[k].id = 0;
		if ((rc = store_expected_impact_insert(c->st, e, &c->errmsg))) {
			errlist_add(c->errors, c->file, x->line, "result", "%s", c->errmsg);
			break;
		}
		c->rep->expected_impacts++;
	}
out:
	free(auths);
	free(orgs);
	action_clear(&a);
	authority_clear(&lead);
	free(c->errmsg);
	c->errmsg = NULL;
	return rc;
}

static int import_doc(struct ictx *c, struct iati_doc *d)
{
	int rc = EALA_OK;
	if (d->version && !(d->version[0] >= '0' && d->version[0] <= '9'))
		note(c, 0, "version", N_("version '%s' is not a version number: read as IATI 2.03"), d->version);
	for (size_t i = 0; !rc && i < d->n_records; i++) {
		int64_t auth, org;
		rc = resolve(c, &d->records[i], &auth, &org);
		c->rep->organisation_records++;
	}
	for (size_t i = 0; i < d->n_activities; i++) {
		c->rep->activities++;
		int r = import_activity(c, &d->activities[i]);
		if (r && !rc)
			rc = r;
		if (r && r != EALA_EINVAL)
			break;
	}
	return rc;
}

void iati_import_report_clear(struct iati_import_report *r)
{
	if (!r)
		return;
	errlist_clear(&r->notes);
	memset(r, 0, sizeof(*r));
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static int audit(struct store *st, char *const *paths, size_t n, const struct iati_import_report *r,
		 char **errmsg)
{
	json_t *files = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(files, json_string(base_name(paths[i])));
	json_t *j = json_pack("{s:o, s:I, s:I, s:I, s:I, s:I, s:I}", "files", files,
			      "activities", (json_int_t)r->activities,
			      "actions_created", (json_int_t)r->actions_created,
			      "actions_updated", (json_int_t)r->actions_updated,
			      "skipped", (json_int_t)r->skipped,
			      "financing_rows", (json_int_t)r->financing_rows,
			      "expected_impacts", (json_int_t)r->expected_impacts);
	char *after = j ? json_dumps(j, JSON_COMPACT) : NULL;
	struct audit_event ev = {.operation = "import", .kind = "iati", .after = after};
	int rc = store_audit_add(st, &ev, errmsg);
	free(after);
	json_decref(j);
	return rc;
}

int iati_import(struct store *st, char *const *paths, size_t n, int dry_run,
		struct iati_import_report *rep, struct errlist *errors)
{
	struct iati_schemas sc = {0};
	struct iati_doc *docs = calloc(n ? n : 1, sizeof(*docs));
	struct ictx c = {.st = st, .rep = rep, .errors = errors};
	int rc = docs ? EALA_OK : EALA_ENOMEM, began = 0;
	errlist_init(&rep->notes);
	rep->notes.max = 1000;
	for (size_t i = 0; docs && i < n; i++) {
		int r = iati_read_file_with(&sc, paths[i], &docs[i], errors);
		if (r && (!rc || rc == EALA_EINVAL))
			rc = r;
		rep->files++;
	}
	if (rc || (rc = load_rules(&c)))
		goto out;
	if ((rc = store_begin(st))) {
		errlist_add(errors, NULL, 0, NULL, "%s", store_error(st));
		goto out;
	}
	began = 1;
	if ((rc = store_authority_names_each(st, add_name, &c, &c.errmsg)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		c.file = paths[i];
		free(c.source);
		c.source = xasprintf("iati:%s", base_name(paths[i]));
		int r = import_doc(&c, &docs[i]);
		if (r && !rc)
			rc = r;
		if (r && r != EALA_EINVAL)
			break;
	}
	if (!rc && !errlist_count(errors) && !dry_run && !(rc = audit(st, paths, n, rep, &c.errmsg))) {
		began = 0;
		if ((rc = store_commit(st)))
			errlist_add(errors, NULL, 0, NULL, "could not commit the import: %s", store_error(st));
	}
	if (!rc && errlist_count(errors))
		rc = EALA_EINVAL;
out:
	if (began)
		store_rollback(st);
	if (c.errmsg)
		errlist_add(errors, NULL, 0, NULL, "%s", c.errmsg);
	for (size_t i = 0; docs && i < n; i++)
		iati_doc_clear(&docs[i]);
	free(docs);
	iati_schemas_clear(&sc);
	map_clear(&c.refs);
	map_clear(&c.orgnames);
	map_clear(&c.names);
	map_clear(&c.anynames);
	for (size_t i = 0; i < c.n_rules; i++) {
		free(c.rules[i].kind);
		free(c.rules[i].match);
		free(c.rules[i].value);
	}
	free(c.rules);
	free(c.source);
	return rc;
}
