/* eapd.c: the yearly ODA declaration; see eapd.h. */
#include "eapd.h"

#include "../core/codelist.h"
#include "../io/codelist_load.h"
#include "../io/csvread.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* ================= the rules as data ================= */

static int column(const struct csv_doc *d, const char *name, struct errlist *el)
{
	const char *const names[] = {name, NULL};
	int i = csvdoc_column(d, names);
	if (i < 0)
		errlist_add(el, d->file, d->header_line, name, "missing column");
	return i;
}

static int read_doc(const char *rel, struct csv_doc *d, struct errlist *el)
{
	char *path = eala_datapath(rel);
	int rc = csvdoc_read_file(path, d, el);
	free(path);
	return rc;
}

int eapd_eligible_load(struct strv *codes, char **basis, struct errlist *el)
{
	struct csv_doc d;
	size_t before = el->n;
	if (read_doc("oda-eligible.csv", &d, el))
		return EALA_EIO;
	int ic = column(&d, "iso2", el), ie = column(&d, "eligible", el), ib = column(&d, "basis", el);
	for (size_t i = 0; el->n == before && i < d.n; i++) {
		const struct csv_row *r = &d.rows[i];
		const char *code = csvdoc_field(r, ic), *yes = csvdoc_field(r, ie);
		int eligible = 0;
		if (!code || !codelist_has(CL_COUNTRY, code))
			errlist_add(el, d.file, r->line, "iso2", "is not a code of the country list: '%s'", code ? code : "");
		else if (!yes || !csv_parse_bool(yes, &eligible))
			errlist_add(el, d.file, r->line, "eligible", "is not yes or no: '%s'", yes ? yes : "");
		else if (eligible)
			strv_push(codes, code);
		/* the first row's basis speaks for the list (each row repeats it) */
		if (basis && !*basis && csvdoc_field(r, ib)) {
			const char *b = csvdoc_field(r, ib), *semi = strchr(b, ';');
			*basis = semi ? xasprintf("%.*s", (int)(semi - b), b) : xstrdup(b);
		}
	}
	csvdoc_clear(&d);
	return el->n > before ? EALA_EINVAL : EALA_OK;
}

static int load_sources(struct eapd_rules *r, struct errlist *el)
{
	struct csv_doc d;
	size_t before = el->n;
	if (read_doc("rules/eapd.csv", &d, el))
		return EALA_EIO;
	int is = column(&d, "funding_source", el), ic = column(&d, "counted", el), ik = column(&d, "category", el);
	r->sources = calloc(d.n + 1, sizeof(*r->sources));
	for (size_t i = 0; r->sources && el->n == before && i < d.n; i++) {
		const struct csv_row *row = &d.rows[i];
		const char *src = csvdoc_field(row, is), *cnt = csvdoc_field(row, ic), *cat = csvdoc_field(row, ik);
		struct eapd_source_rule *s = &r->sources[r->n_sources++];
		s->funding_source = xstrdup(src);
		s->category = xstrdup(cat);
		if (!src || !codelist_has(CL_FUNDING_SOURCE, src))
			errlist_add(el, d.file, row->line, "funding_source", "is not a code of the funding-source list: '%s'",
				    src ? src : "");
		if (!cnt || !csv_parse_bool(cnt, &s->counted))
			errlist_add(el, d.file, row->line, "counted", "is not yes or no: '%s'", cnt ? cnt : "");
		if (cat && !codelist_has(CL_EAPD_CATEGORY, cat))
			errlist_add(el, d.file, row->line, "category", "is not a code of the eapd-category list: '%s'", cat);
	}
	csvdoc_clear(&d);
	return el->n > before ? EALA_EINVAL : EALA_OK;
}

static int load_categories(struct eapd_rules *r, struct errlist *el)
{
	struct csv_doc d;
	size_t before = el->n;
	if (read_doc("rules/eapd-categories.csv", &d, el))
		return EALA_EIO;
	int ic = column(&d, "category", el), ib = column(&d, "by_country", el);
	for (size_t i = 0; el->n == before && i < d.n; i++) {
		const struct csv_row *row = &d.rows[i];
		const char *cat = csvdoc_field(row, ic), *by = csvdoc_field(row, ib);
		int yes = 0;
		if (!cat || !codelist_has(CL_EAPD_CATEGORY, cat))
			errlist_add(el, d.file, row->line, "category", "is not a code of the eapd-category list: '%s'",
				    cat ? cat : "");
		else if (!by || !csv_parse_bool(by, &yes))
			errlist_add(el, d.file, row->line, "by_country", "is not yes or no: '%s'", by ? by : "");
		else if (yes)
			strv_push(&r->by_country, cat);
	}
	csvdoc_clear(&d);
	return el->n > before ? EALA_EINVAL : EALA_OK;
}

int eapd_rules_load(struct eapd_rules *out, struct errlist *el)
{
	memset(out, 0, sizeof(*out));
	int rc1 = load_sources(out, el);
	int rc2 = load_categories(out, el);
	int rc3 = eapd_eligible_load(&out->eligible, &out->basis, el);
	return rc1 ? rc1 : rc2 ? rc2 : rc3;
}

void eapd_rules_clear(struct eapd_rules *r)
{
	for (size_t i = 0; r && i < r->n_sources; i++)
		free(r->sources[i].funding_source), free(r->sources[i].category);
	if (!r)
		return;
	free(r->sources);
	strv_clear(&r->by_country);
	strv_clear(&r->eligible);
	free(r->basis);
	memset(r, 0, sizeof(*r));
}

/* ================= the return ================= */

static const struct eapd_source_rule *source_rule(const struct eapd_rules *r, const char *source)
{
	for (size_t i = 0; source && i < r->n_sources; i++)
		if (strcmp(r->sources[i].funding_source, source) == 0)
			return &r->sources[i];
	return NULL;
}

static int add_line(struct eapd_return *out, const struct action *a, const char *category, const char *country,
		    const char *sector, double amount)
{
	struct eapd_line *v = realloc(out->lines, (out->n_lines + 1) * sizeof(*v));
	if (!v)
		return EALA_ENOMEM;
	out->lines = v;
	v[out->n_lines++] = (struct eapd_line){a->id, xstrdup(a->title), xstrdup(category), xstrdup(country),
					       xstrdup(sector), amount};
	return EALA_OK;
}

/* One issue per action and field: amounts of several rows add up. */
static int add_issue(struct eapd_return *out, const struct action *a, const char *field, const char *problem,
		     double amount, int lacking, int counted)
{
	for (size_t i = 0; i < out->n_issues; i++) {
		struct eapd_issue *x = &out->issues[i];
		if (x->action_id == a->id && strcmp(x->field, field) == 0 && strcmp(x->problem, problem) == 0) {
			x->amount += amount;
			return EALA_OK;
		}
	}
	struct eapd_issue *v = realloc(out->issues, (out->n_issues + 1) * sizeof(*v));
	if (!v)
		return EALA_ENOMEM;
	out->issues = v;
	v[out->n_issues++] = (struct eapd_issue){a->id, xstrdup(a->title), xstrdup(field), xstrdup(problem),
						 amount, lacking, counted};
	return EALA_OK;
}

/* The rows' share of an action by country and sector. */
static int split(const struct eapd_rules *rules, struct eapd_return *out, const struct action *a,
		 const char *category, double amount)
{
	int rc = EALA_OK;
	int by_country = strv_contains(&rules->by_country, category);
	size_t nc = by_country ? a->countries.n : 1, ns = a->sectors.n ? a->sectors.n : 1;
	size_t eligible = 0;
	if (by_country && !a->countries.n)
		return add_issue(out, a, "countries", "no country: the return needs the recipient country", amount, 1, 0);
	for (size_t c = 0; c < nc; c++)
		eligible += !by_country || strv_contains(&rules->eligible, a->countries.v[c]);
	if (!a->sectors.n && eligible)
		rc = add_issue(out, a, "sectors", "no DAC sector: counted under 'sector not given'",
			       amount * (double)eligible / (double)nc, 1, 1);
	for (size_t c = 0; !rc && c < nc; c++) {
		const char *country = by_country ? a->countries.v[c] : NULL;
		if (country && !strv_contains(&rules->eligible, country)) {
			char *why = xasprintf("%s is not an ODA-eligible country: left out", country);
			rc = add_issue(out, a, "countries", why, amount / nc, 0, 0);
			free(why);
			continue;
		}
		for (size_t s = 0; !rc && s < ns; s++)
			rc = add_line(out, a, category, country, a->sectors.n ? a->sectors.v[s] : NULL, amount / nc / ns);
	}
	return rc;
}

static int one_row(const struct eapd_rules *rules, struct eapd_return *out, const struct action *a,
		   const struct financing *f)
{
	const struct eapd_source_rule *sr = source_rule(rules, f->source);
	if (!sr || !sr->counted)
		return EALA_OK;    /* not the authority's own money: its funder declares it */
	double planned = f->has_planned ? f->planned : 0;
	if (a->draft)
		return add_issue(out, a, "draft", "a draft: not declared until published", f->has_actual ? f->actual : planned, 0, 0);
	const char *category = sr->category ? sr->category : a->eapd_category;
	if (!category)
		return add_issue(out, a, "eapd_category", "no category of the declaration", f->has_actual ? f->actual : planned, 1, 0);
	if (!f->has_actual)
		return add_issue(out, a, "actual", "no actual amount: the return declares what was paid", planned, 1, 0);
	if (f->currency && strcmp(f->currency, "EUR") != 0) {
		char *why = xasprintf("amount in %s: the return is in euros", f->currency);
		int rc = add_issue(out, a, "currency", why, f->actual, 1, 0);
		free(why);
		return rc;
	}
	return split(rules, out, a, category, f->actual);
}

static int cmp_total(const void *x, const void *y)
{
	const struct eapd_total *a = x, *b = y;
	if (a->amount != b->amount)
		return a->amount < b->amount ? 1 : -1;
	if (!a->key || !b->key)
		return !a->key - !b->key;
	return strcmp(a->key, b->key);
}

static int sum_by(const struct eapd_return *r, size_t field, struct eapd_total **out, size_t *n)
{
	*out = calloc(r->n_lines + 1, sizeof(**out));
	*n = 0;
	if (!*out)
		return EALA_ENOMEM;
	for (size_t i = 0; i < r->n_lines; i++) {
		const char *key = *(char *const *)((const char *)&r->lines[i] + field);
		size_t k = 0;
		while (k < *n && !((*out)[k].key == key || ((*out)[k].key && key && strcmp((*out)[k].key, key) == 0)))
			k++;
		if (k == *n)
			(*out)[(*n)++].key = xstrdup(key);
		(*out)[k].amount += r->lines[i].amount;
	}
	qsort(*out, *n, sizeof(**out), cmp_total);
	return EALA_OK;
}

int eapd_compute(const struct eapd_rules *rules, const struct action *actions, size_t n_actions,
		 const struct financing *financing, size_t n_financing, int year, struct eapd_return *out)
{
	int rc = EALA_OK;
	memset(out, 0, sizeof(*out));
	out->year = year;
	out->basis = rules->basis;
	for (size_t i = 0; !rc && i < n_actions; i++)
		for (size_t k = 0; !rc && k < n_financing; k++)
			if (financing[k].action_id == actions[i].id && financing[k].year == year)
				rc = one_row(rules, out, &actions[i], &financing[k]);
	for (size_t i = 0; i < out->n_lines; i++)
		out->total += out->lines[i].amount;
	if (!rc)
		rc = sum_by(out, offsetof(struct eapd_line, category), &out->by_category, &out->n_category);
	if (!rc)
		rc = sum_by(out, offsetof(struct eapd_line, country), &out->by_country, &out->n_country);
	if (!rc)
		rc = sum_by(out, offsetof(struct eapd_line, sector), &out->by_sector, &out->n_sector);
	return rc;
}

static void totals_clear(struct eapd_total *t, size_t n)
{
	for (size_t i = 0; t && i < n; i++)
		free(t[i].key);
	free(t);
}

void eapd_return_clear(struct eapd_return *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_lines; i++) {
		struct eapd_line *l = &r->lines[i];
		free(l->title), free(l->category), free(l->country), free(l->sector);
	}
	for (size_t i = 0; i < r->n_issues; i++) {
		struct eapd_issue *x = &r->issues[i];
		free(x->title), free(x->field), free(x->problem);
	}
	free(r->lines);
	free(r->issues);
	totals_clear(r->by_category, r->n_category);
	totals_clear(r->by_country, r->n_country);
	totals_clear(r->by_sector, r->n_sector);
	memset(r, 0, sizeof(*r));
}

/* ================= reading the records ================= */

struct loader {
	int64_t authority_id;
	int64_t *ids;
	size_t n_ids;
	struct financing *financing;
	size_t n_financing;
};

static int keep_action(void *ctx, const struct action *a)
{
	struct loader *l = ctx;
	if (a->authority_id != l->authority_id)
		return 0;
	int64_t *v = realloc(l->ids, (l->n_ids + 1) * sizeof(*v));
	if (!v)
		return EALA_ENOMEM;
	l->ids = v;
	l->ids[l->n_ids++] = a->id;
	return 0;
}

static int keep_financing(void *ctx, const struct financing *f)
{
	struct loader *l = ctx;
	struct financing *v = realloc(l->financing, (l->n_financing + 1) * sizeof(*v));
	if (!v)
		return EALA_ENOMEM;
	l->financing = v;
	struct financing *c = &v[l->n_financing++];
	*c = *f;
	c->source = xstrdup(f->source);
	c->currency = xstrdup(f->currency);
	c->illustrative = xstrdup(f->illustrative);
	c->report_date = xstrdup(f->report_date);
	return 0;
}

int eapd_load(struct store *st, const struct eapd_rules *rules, int64_t authority_id, int year,
	      struct eapd_return *out, char **errmsg)
{
	struct loader l = {authority_id, NULL, 0, NULL, 0};
	struct store_filter f = {0};
	struct action *actions = NULL;
	size_t n = 0;
	f.authority_id = authority_id;
	memset(out, 0, sizeof(*out));
	int rc = store_action_list(st, &f, keep_action, &l, NULL, errmsg);
	if (!rc && !(actions = calloc(l.n_ids + 1, sizeof(*actions))))
		rc = EALA_ENOMEM;
	for (size_t i = 0; !rc && i < l.n_ids; i++)
		if (store_action_get(st, l.ids[i], &actions[n]) == EALA_OK)
			n++;
	for (size_t i = 0; !rc && i < n; i++)
		rc = store_financing_each(st, actions[i].id, keep_financing, &l, errmsg);
	if (!rc)
		rc = eapd_compute(rules, actions, n, l.financing, l.n_financing, year, out);
	out->authority_id = authority_id;
	for (size_t i = 0; i < n; i++)
		action_clear(&actions[i]);
	for (size_t i = 0; i < l.n_financing; i++)
		financing_clear(&l.financing[i]);
	free(actions);
	free(l.financing);
	free(l.ids);
	return rc;
}
