/* links_csv.c: local actors' links abroad as CSV; see links_csv.h.
 *
 * One row is one link. The model's validation names fields by their JSON
 * names ("organisation", "partner_authority"); they are turned back into the
 * columns of the file, so that a message points at the cell to fix.
 */
#define _GNU_SOURCE
#include "links_csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define K(...) ((const char *const[]){__VA_ARGS__, NULL})

enum lcol {
	L_ID, L_ORGANISATION, L_COUNTRY, L_PARTNER, L_PLACE, L_DOMAIN, L_KIND, L_SINCE,
	L_SOURCE, L_ILLUSTRATIVE, L_NOTES,
	L_NCOLS
};

struct lcolumn {
	const char *name;          /* English header: exported, and in messages */
	const char *fr;            /* French header of the template */
	const char *model;         /* the model's field name, in its validation */
	const char *const *keys;   /* header keys it answers to (csvdoc_column form) */
	int required;
};

static const struct lcolumn cols[L_NCOLS] = {
	[L_ID] = {"id", "id", "id", K("id"), 0},
	[L_ORGANISATION] = {"organisation_id", "organisation", "organisation",
			    K("organisation_id", "organisation", "organization_id", "acteur_local"), 1},
	[L_COUNTRY] = {"country", "pays", "country", K("country", "pays"), 1},
	[L_PARTNER] = {"partner_authority_id", "collectivite_partenaire", "partner_authority",
		       K("partner_authority_id", "partner_authority", "collectivite_partenaire"), 0},
	[L_PLACE] = {"place", "lieu", "place", K("place", "lieu"), 0},
	[L_DOMAIN] = {"domain", "domaine", "domain", K("domain", "domaine"), 0},
	[L_KIND] = {"kind", "nature_du_lien", "kind", K("kind", "nature_du_lien", "nature", "type_de_lien"), 1},
	[L_SINCE] = {"since", "depuis", "since", K("since", "depuis"), 0},
	[L_SOURCE] = {"source", "source", "source", K("source"), 0},
	[L_ILLUSTRATIVE] = {"illustrative", "illustratif", "illustrative", K("illustrative", "illustratif"), 0},
	[L_NOTES] = {"notes", "notes", "notes", K("notes", "remarques"), 0},
};

enum record_kind links_csv_kind(const struct csv_doc *doc)
{
	if (csvdoc_column(doc, cols[L_PARTNER].keys) >= 0 || csvdoc_column(doc, cols[L_SINCE].keys) >= 0)
		return RK_STAKEHOLDER_LINK;
	if (csvdoc_column(doc, cols[L_ORGANISATION].keys) >= 0 && csvdoc_column(doc, cols[L_COUNTRY].keys) >= 0)
		return RK_STAKEHOLDER_LINK;
	return RK_NONE;
}

/* ---- import state ---- */

struct lpending {
	const char *file;          /* borrowed from its csv_doc */
	long line;
	int exists;                /* its id is in the database: update */
	struct stakeholder_link l;
};

struct links_import {
	struct store *st;
	struct errlist *el;
	links_lookup_fn lookup;
	void *ctx;
	struct lpending *v;
	size_t n, cap;
};

struct links_import *links_import_new(struct store *st, struct errlist *el, links_lookup_fn lookup, void *ctx)
{
	struct links_import *li = calloc(1, sizeof(*li));
	if (li) {
		li->st = st;
		li->el = el;
		li->lookup = lookup;
		li->ctx = ctx;
	}
	return li;
}

void links_import_free(struct links_import *li)
{
	if (!li)
		return;
	for (size_t i = 0; i < li->n; i++)
		stakeholder_link_clear(&li->v[i].l);
	free(li->v);
	free(li);
}

/* ---- header ---- */

static int header_column(const struct csv_doc *doc, size_t i)
{
	struct csv_doc one = {.header = {.v = (char **)&doc->header.v[i], .n = 1}};
	for (int c = 0; c < L_NCOLS; c++)
		if (csvdoc_column(&one, cols[c].keys) == 0)
			return c;
	return -1;
}

static int column_has_values(const struct csv_doc *doc, size_t i)
{
	for (size_t r = 0; r < doc->n; r++)
		if (csvdoc_field(&doc->rows[r], (int)i))
			return 1;
	return 0;
}

/* [out] at[c]: the header index of column c, or -1. 0 when a required
 * column is missing; every problem is reported. */
static int map_header(struct links_import *li, const struct csv_doc *doc, int *at)
{
	const char *kind = record_kind_name(RK_STAKEHOLDER_LINK);
	int ok = 1;
	for (int c = 0; c < L_NCOLS; c++)
		at[c] = -1;
	for (size_t i = 0; i < doc->header.n; i++) {
		const char *h = doc->header.v[i];
		int c = header_column(doc, i);
		if (c < 0 && str_blank(h)) {
			if (column_has_values(doc, i))
				errlist_add(li->el, doc->file, doc->header_line, NULL,
					    N_("column %zu has values but no name"), i + 1);
		} else if (c < 0) {
			errlist_add(li->el, doc->file, doc->header_line, h, N_("unknown column for %s"), kind);
		} else if (at[c] >= 0) {
			errlist_add(li->el, doc->file, doc->header_line, h, N_("column '%s' is given twice"),
				    cols[c].name);
		} else {
			at[c] = (int)i;
		}
	}
	for (int c = 0; c < L_NCOLS; c++) {
		if (cols[c].required && at[c] < 0) {
			errlist_add(li->el, doc->file, doc->header_line, cols[c].name,
				    N_("missing column: %s need it"), kind);
			ok = 0;
		}
	}
	return ok;
}

/* ---- rows ---- */

static const char *cell(const struct csv_row *row, const int *at, int c)
{
	return at[c] >= 0 ? csvdoc_field(row, at[c]) : NULL;
}

/* An id cell into *out (0 when empty); reported when it is not an id. */
static void read_id(struct links_import *li, const char *file, const struct csv_row *row, const int *at, int c,
		    int64_t *out)
{
	const char *v = cell(row, at, c);
	*out = 0;
	if (v && !csv_parse_id(v, out)) {
		errlist_add(li->el, file, row->line, cols[c].name,
			    N_("is not a record id (a whole number above 0): '%s'"), v);
		*out = 0;
	}
}

/* The cell, trimmed, into *dst when the file has the column; the country's
 * code in capitals, since's DD/MM/YYYY turned around. */
static int set_text(const struct csv_row *row, const int *at, int c, char **dst)
{
	if (at[c] < 0)
		return EALA_OK;
	const char *v = cell(row, at, c);
	free(*dst);
	*dst = NULL;
	if (!v)
		return EALA_OK;
	char *t = csv_trim(v);
	if (t && c == L_SINCE) {
		char *d = csv_convert_date(t);
		free(t);
		t = d;
	}
	if (t && c == L_COUNTRY)
		for (char *p = t; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
	if (t && !*t) {
		free(t);
		return EALA_OK;
	}
	*dst = t;
	return t ? EALA_OK : EALA_ENOMEM;
}

static void validate_link(struct links_import *li, const struct lpending *p)
{
	struct errlist tmp;
	struct origin o = {p->file, p->line};
	errlist_init(&tmp);
	stakeholder_link_validate(&p->l, &o, &tmp);
	for (size_t k = 0; k < tmp.n; k++) {
		const char *field = tmp.v[k].field;
		for (int c = 0; field && c < L_NCOLS; c++)
			if (strcmp(field, cols[c].model) == 0)
				field = cols[c].name;
		errlist_add(li->el, tmp.v[k].file, tmp.v[k].line, field, "%s", tmp.v[k].msg);
	}
	errlist_clear(&tmp);
}

/* A new link from a file without a source column comes from this file. */
static int default_source(char **source, const char *file)
{
	if (*source)
		return EALA_OK;
	const char *base = strrchr(file, '/');
	*source = xasprintf("import:%s", base ? base + 1 : file);
	return *source ? EALA_OK : EALA_ENOMEM;
}

static int read_row(struct links_import *li, const struct csv_doc *doc, const struct csv_row *row, const int *at)
{
	int64_t id, org, partner;
	read_id(li, doc->file, row, at, L_ID, &id);
	read_id(li, doc->file, row, at, L_ORGANISATION, &org);
	read_id(li, doc->file, row, at, L_PARTNER, &partner);
	if (li->n == li->cap) {   /* an id given twice is found by links_csv_check() */
		size_t cap = li->cap ? li->cap * 2 : 64;
		struct lpending *v = realloc(li->v, cap * sizeof(*v));
		if (!v)
			return EALA_ENOMEM;
		li->v = v;
		li->cap = cap;
	}
	struct lpending *p = &li->v[li->n++];
	memset(p, 0, sizeof(*p));
	p->file = doc->file;
	p->line = row->line;
	/* an update keeps what the file has no column for */
	if (id && store_stakeholder_link_get(li->st, id, &p->l) == EALA_OK)
		p->exists = 1;
	p->l.id = id;
	if (at[L_ORGANISATION] >= 0)
		p->l.organisation_id = org;
	if (at[L_PARTNER] >= 0)
		p->l.partner_authority_id = partner;
	static const int texts[] = {L_COUNTRY, L_PLACE, L_DOMAIN, L_KIND, L_SINCE, L_SOURCE, L_ILLUSTRATIVE,
				    L_NOTES};
	char **fields[] = {&p->l.country, &p->l.place,  &p->l.domain,       &p->l.kind,
			   &p->l.since,   &p->l.source, &p->l.illustrative, &p->l.notes};
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++)
		if (set_text(row, at, texts[i], fields[i]))
			return EALA_ENOMEM;
	/* a file without the column tells where its links come from; a source
	 * column is taken as written, so that an export imports back as it was */
	if (at[L_SOURCE] < 0 && !p->exists && default_source(&p->l.source, p->file))
		return EALA_ENOMEM;
	validate_link(li, p);
	return EALA_OK;
}

int links_csv_read(struct links_import *li, const struct csv_doc *doc)
{
	int at[L_NCOLS], rc = EALA_OK;
	if (!map_header(li, doc, at))
		return EALA_OK;   /* reported; its rows would only repeat the missing column */
	for (size_t i = 0; !rc && i < doc->n; i++)
		rc = read_row(li, doc, &doc->rows[i], at);
	return rc;
}

/* ---- references ---- */

static int by_id(const void *a, const void *b)
{
	const struct lpending *x = *(const struct lpending *const *)a, *y = *(const struct lpending *const *)b;
	if (x->l.id != y->l.id)
		return x->l.id < y->l.id ? -1 : 1;
	return x < y ? -1 : x > y;   /* in the order of the files */
}

/* An id given by two rows: the later one is refused. Sorted, not compared
 * pairwise: an export of 100,000 links imports back in seconds. */
static int check_ids(const struct links_import *li)
{
	const struct lpending **s = malloc((li->n ? li->n : 1) * sizeof(*s));
	size_t n = 0;
	if (!s)
		return EALA_ENOMEM;
	for (size_t i = 0; i < li->n; i++)
		if (li->v[i].l.id)
			s[n++] = &li->v[i];
	qsort(s, n, sizeof(*s), by_id);
	for (size_t i = 1; i < n; i++)
		if (s[i]->l.id == s[i - 1]->l.id)
			errlist_add(li->el, s[i]->file, s[i]->line, "id", N_("id %lld is already given on line %ld of %s"),
				    (long long)s[i]->l.id, s[i - 1]->line, s[i - 1]->file);
	free(s);
	return EALA_OK;
}

int links_csv_check(const struct links_import *li)
{
	if (check_ids(li))
		return EALA_ENOMEM;
	for (size_t i = 0; i < li->n; i++) {
		const struct lpending *p = &li->v[i];
		int64_t org = p->l.organisation_id, partner = p->l.partner_authority_id;
		if (org && !li->lookup(li->ctx, RK_ORGANISATION, org) && !store_organisation_exists(li->st, org))
			errlist_add(li->el, p->file, p->line, "organisation_id",
				    N_("%s #%lld does not exist (neither in the database nor in this import)"),
				    "organisation", (long long)org);
		if (partner && !li->lookup(li->ctx, RK_AUTHORITY, partner) && !store_authority_exists(li->st, partner))
			errlist_add(li->el, p->file, p->line, "partner_authority_id",
				    N_("%s #%lld does not exist (neither in the database nor in this import)"),
				    "authority", (long long)partner);
	}
	return EALA_OK;
}

/* ---- writing ---- */

/* Those with an id first, so that one without cannot take an id a later row gives. */
int links_csv_write(struct links_import *li, size_t *created, size_t *updated)
{
	for (int with_id = 1; with_id >= 0; with_id--) {
		for (size_t i = 0; i < li->n; i++) {
			struct lpending *p = &li->v[i];
			char *errmsg = NULL;
			if (!p->l.id != !with_id)
				continue;
			int rc = p->exists ? store_stakeholder_link_update(li->st, &p->l, &errmsg)
					   : store_stakeholder_link_insert(li->st, &p->l, &errmsg);
			if (rc) {
				errlist_add(li->el, p->file, p->line, NULL, "%s", errmsg ? errmsg : eala_strerror(rc));
				free(errmsg);
				return rc;
			}
			free(errmsg);
			(p->exists ? updated : created)[RK_STAKEHOLDER_LINK]++;
		}
	}
	return EALA_OK;
}

/* ---- export ---- */

static int write_row(FILE *out, const char *const *v)
{
	for (int c = 0; c < L_NCOLS; c++)
		if (csv_write_field(out, v[c], c > 0))
			return EALA_EIO;
	return fputc('\n', out) == EOF ? EALA_EIO : EALA_OK;
}

#define NUMBUF 40

static const char *id_text(char *buf, int64_t id)
{
	if (!id)
		return NULL;
	snprintf(buf, NUMBUF, "%lld", (long long)id);
	return buf;
}

static int export_link(void *ctx, const struct stakeholder_link *l)
{
	const char *v[L_NCOLS] = {0};
	char b[3][NUMBUF];
	v[L_ID] = id_text(b[0], l->id);
	v[L_ORGANISATION] = id_text(b[1], l->organisation_id);
	v[L_COUNTRY] = l->country;
	v[L_PARTNER] = id_text(b[2], l->partner_authority_id);
	v[L_PLACE] = l->place;
	v[L_DOMAIN] = l->domain;
	v[L_KIND] = l->kind;
	v[L_SINCE] = l->since;
	v[L_SOURCE] = l->source;
	v[L_ILLUSTRATIVE] = l->illustrative;
	v[L_NOTES] = l->notes;
	return write_row(ctx, v);
}

int links_csv_export(struct store *st, FILE *out, char **errmsg)
{
	const char *v[L_NCOLS];
	struct store_link_query all = {0};
	for (int c = 0; c < L_NCOLS; c++)
		v[c] = cols[c].name;
	errno = 0;
	int rc = write_row(out, v);
	if (!rc)
		rc = store_stakeholder_link_each(st, &all, export_link, out, errmsg);
	if (rc && errmsg && !*errmsg)
		*errmsg = rc == EALA_EIO && errno ? xasprintf("cannot write the stakeholder_links CSV: %s", strerror(errno))
						  : xasprintf("cannot read the stakeholder_links: %s", eala_strerror(rc));
	return rc;
}

int links_csv_template(FILE *out, const char *lang)
{
	int fr = lang && strcmp(lang, "fr") == 0;
	if (lang && !fr && strcmp(lang, "en") != 0)
		return EALA_EINVAL;
	/* the id is the database's: a local actor filling the form leaves it out */
	for (int c = L_ORGANISATION; c < L_NCOLS; c++)
		if (fprintf(out, "%s%s", c > L_ORGANISATION ? (fr ? ";" : ",") : "", fr ? cols[c].fr : cols[c].name) < 0)
			return EALA_EIO;
	return fputs("\n", out) == EOF ? EALA_EIO : EALA_OK;
}
