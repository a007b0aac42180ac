/* results_csv.c: expected impacts and observed outcomes as CSV; see results_csv.h.
 *
 * An expected impacts file is IATI's result → indicator → period nesting laid
 * flat for a spreadsheet: each row repeats its impact's columns and its
 * indicator's, and gives one period. A document is read in three steps:
 *  1. the cells of every row are read (problems named by line and column);
 *  2. rows are grouped into impacts: by id when the row has one, else by
 *     (partnership, action, category, side, description); within an impact,
 *     the rows with the same indicator title are one indicator. Every row of
 *     a group repeats the same impact (and indicator) values, or is refused;
 *  3. each group is one struct expected_impact, started from the database's
 *     when its id is there: columns the file lacks keep their values; when
 *     the file has the indicator column, its indicators replace the old ones,
 *     but one whose title is an old indicator's keeps that indicator's id, so
 *     that store_expected_impact_update() updates its periods in place, and a
 *     period whose start is an old period's keeps the values of absent columns.
 * The model's validation names fields by their JSON path
 * ("indicators[1].periods[0].end"); they are turned back into the line and
 * column of the row that gave them. Observed outcomes are one row each.
 */
#define _GNU_SOURCE
#include "results_csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define K(...) ((const char *const[]){__VA_ARGS__, NULL})

struct rcol {
	const char *name;          /* English header: exported, and in messages */
	const char *const *keys;   /* header keys it answers to (csvdoc_column form) */
	int required;              /* the header must have it */
};

/* ---- expected impacts: columns, in the order of the export ---- */

enum ecol {
	E_ID, E_PARTNERSHIP, E_ACTION, E_CATEGORY, E_SIDE, E_DESCRIPTION,
	E_INDICATOR, E_UNIT, E_MEASURE, E_ASCENDING, E_CUMULATIVE, E_BASELINE, E_BASELINE_DATE,
	E_START, E_END, E_TARGET, E_ACTUAL,
	E_SOURCE, E_ILLUSTRATIVE,
	E_NCOLS
};

static const struct rcol expected_cols[E_NCOLS] = {
	[E_ID] = {"id", K("id"), 0},
	[E_PARTNERSHIP] = {"partnership_id", K("partnership_id", "partenariat"), 0},
	[E_ACTION] = {"action_id", K("action_id", "action"), 0},
	[E_CATEGORY] = {"category", K("category", "categorie"), 1},
	[E_SIDE] = {"side", K("side", "cote"), 1},
	[E_DESCRIPTION] = {"description", K("description"), 1},
	[E_INDICATOR] = {"indicator", K("indicator", "indicateur"), 0},
	[E_UNIT] = {"unit", K("unit", "unite"), 0},
	[E_MEASURE] = {"measure", K("measure", "mesure"), 0},
	[E_ASCENDING] = {"ascending", K("ascending", "croissant"), 0},
	[E_CUMULATIVE] = {"cumulative", K("cumulative", "cumulatif", "cumule"), 0},
	[E_BASELINE] = {"baseline", K("baseline", "valeur_de_reference", "reference"), 0},
	[E_BASELINE_DATE] = {"baseline_date", K("baseline_date", "date_de_reference", "date_reference"), 0},
	[E_START] = {"period_start", K("period_start", "debut_de_periode", "debut_periode"), 0},
	[E_END] = {"period_end", K("period_end", "fin_de_periode", "fin_periode"), 0},
	[E_TARGET] = {"target", K("target", "cible"), 0},
	[E_ACTUAL] = {"actual", K("actual", "reel", "valeur_reelle", "realise"), 0},
	[E_SOURCE] = {"source", K("source"), 0},
	[E_ILLUSTRATIVE] = {"illustrative", K("illustrative", "illustratif"), 0},
};

static int impact_col(int c)
{
	return c <= E_DESCRIPTION || c >= E_SOURCE;
}

static int indicator_col(int c)
{
	return c >= E_UNIT && c <= E_BASELINE_DATE;
}

/* ---- observed outcomes ---- */

enum ocol {
	O_ID, O_PARTNERSHIP, O_ACTION, O_EXPECTED, O_CATEGORY, O_SIDE, O_REPORTED_BY, O_DESCRIPTION,
	O_DATE, O_EVIDENCE_URL, O_SOURCE, O_ILLUSTRATIVE,
	O_NCOLS
};

static const struct rcol outcome_cols[O_NCOLS] = {
	[O_ID] = {"id", K("id"), 0},
	[O_PARTNERSHIP] = {"partnership_id", K("partnership_id", "partenariat"), 0},
	[O_ACTION] = {"action_id", K("action_id", "action"), 0},
	[O_EXPECTED] = {"expected_id", K("expected_id", "impact_attendu"), 0},
	[O_CATEGORY] = {"category", K("category", "categorie"), 1},
	[O_SIDE] = {"side", K("side", "cote"), 1},
	[O_REPORTED_BY] = {"reported_by", K("reported_by", "signale_par", "rapporte_par"), 1},
	[O_DESCRIPTION] = {"description", K("description"), 1},
	[O_DATE] = {"date", K("date"), 0},
	[O_EVIDENCE_URL] = {"evidence_url", K("evidence_url", "preuve", "lien_preuve"), 0},
	[O_SOURCE] = {"source", K("source"), 0},
	[O_ILLUSTRATIVE] = {"illustrative", K("illustrative", "illustratif"), 0},
};

#define MAX_RCOLS E_NCOLS   /* the larger table */

enum record_kind results_csv_kind(const struct csv_doc *doc)
{
	if (csvdoc_column(doc, outcome_cols[O_REPORTED_BY].keys) >= 0 ||
	    csvdoc_column(doc, outcome_cols[O_EXPECTED].keys) >= 0)
		return RK_OBSERVED_OUTCOME;
	if (csvdoc_column(doc, expected_cols[E_INDICATOR].keys) >= 0 ||
	    csvdoc_column(doc, expected_cols[E_CATEGORY].keys) >= 0)
		return RK_EXPECTED_IMPACT;
	return RK_NONE;
}

/* ---- import state ---- */

/* Where an indicator of a group comes from. */
struct ind_src {
	const struct erow *first;        /* its first row (while its document is read) */
	long line;                       /* 0: kept from the database */
	const struct indicator *old;     /* the database's indicator of that title, or NULL */
	long *period_lines;              /* the line of each of its periods (0: kept) */
};

/* An expected impact and the rows it was made of. */
struct egroup {
	const char *file;                /* borrowed from its csv_doc */
	long line;                       /* its first row */
	int64_t given_id;                /* the id its rows give, 0: none */
	int exists;                      /* given_id is in the database: update */
	int at[E_NCOLS];                 /* its document's header map */
	const struct erow *first;        /* its first row (while its document is read) */
	struct expected_impact e;        /* what is written */
	struct expected_impact old;      /* the database's, when exists */
	struct ind_src *src;             /* one per indicator of e */
};

struct opending {
	const char *file;
	long line;
	int exists;
	struct observed_outcome o;
};

struct results_import {
	struct store *st;
	struct errlist *el;
	results_lookup_fn lookup;
	void *ctx;
	struct egroup *g;
	size_t ng;
	struct opending *o;
	size_t no;
};

struct results_import *results_import_new(struct store *st, struct errlist *el, results_lookup_fn lookup,
					  void *ctx)
{
	struct results_import *ri = calloc(1, sizeof(*ri));
	if (ri) {
		ri->st = st;
		ri->el = el;
		ri->lookup = lookup;
		ri->ctx = ctx;
	}
	return ri;
}

static void group_clear(struct egroup *g)
{
	for (size_t i = 0; g->src && i < g->e.n_indicators; i++)
		free(g->src[i].period_lines);
	free(g->src);
	expected_impact_clear(&g->e);
	expected_impact_clear(&g->old);
}

void results_import_free(struct results_import *ri)
{
	if (!ri)
		return;
	for (size_t i = 0; i < ri->ng; i++)
		group_clear(&ri->g[i]);
	free(ri->g);
	for (size_t i = 0; i < ri->no; i++)
		observed_outcome_clear(&ri->o[i].o);
	free(ri->o);
	free(ri);
}

/* ---- header ---- */

static int header_column(const struct csv_doc *doc, size_t i, const struct rcol *cols, size_t n)
{
	struct csv_doc one = {.header = {.v = (char **)&doc->header.v[i], .n = 1}};
	for (size_t c = 0; c < n; c++)
		if (csvdoc_column(&one, cols[c].keys) == 0)
			return (int)c;
	return -1;
}

static int column_has_values(const struct csv_doc *doc, size_t i)
{
	for (size_t r = 0; r < doc->n; r++)
		if (csvdoc_field(&doc->rows[r], (int)i))
			return 1;
	return 0;
}

/* [out] at[c]: the header index of column c, or -1. 0 when the rows cannot be
 * read (a required column missing); every problem is reported. */
static int map_header(struct results_import *ri, const struct csv_doc *doc, enum record_kind k, int *at)
{
	const struct rcol *cols = k == RK_EXPECTED_IMPACT ? expected_cols : outcome_cols;
	size_t n = k == RK_EXPECTED_IMPACT ? E_NCOLS : O_NCOLS;
	const char *kind = record_kind_name(k);
	int ok = 1;
	for (size_t c = 0; c < n; c++)
		at[c] = -1;
	for (size_t i = 0; i < doc->header.n; i++) {
		const char *h = doc->header.v[i];
		int c = header_column(doc, i, cols, n);
		if (c < 0 && str_blank(h)) {
			if (column_has_values(doc, i))
				errlist_add(ri->el, doc->file, doc->header_line, NULL,
					    N_("column %zu has values but no name"), i + 1);
		} else if (c < 0) {
			errlist_add(ri->el, doc->file, doc->header_line, h, N_("unknown column for %s"), kind);
		} else if (at[c] >= 0) {
			errlist_add(ri->el, doc->file, doc->header_line, h, N_("column '%s' is given twice"),
				    cols[c].name);
		} else {
			at[c] = (int)i;
		}
	}
	for (size_t c = 0; c < n; c++) {
		if (cols[c].required && at[c] < 0) {
			errlist_add(ri->el, doc->file, doc->header_line, cols[c].name,
				    N_("missing column: %s need it"), kind);
			ok = 0;
		}
	}
	if (k != RK_EXPECTED_IMPACT)
		return ok;
	/* an indicator's values need its title, a period's values its start */
	for (int c = E_UNIT; c <= E_ACTUAL; c++) {
		int needs = c < E_START ? E_INDICATOR : c == E_START ? E_INDICATOR : E_START;
		if (at[c] >= 0 && at[needs] < 0) {
			errlist_add(ri->el, doc->file, doc->header_line, cols[c].name,
				    N_("needs the column '%s'"), cols[needs].name);
			ok = 0;
		}
	}
	return ok;
}

/* ---- cells ---- */

static const char *cell(const struct csv_row *row, const int *at, int c)
{
	return at[c] >= 0 ? csvdoc_field(row, at[c]) : NULL;
}

/* The cell as text, trimmed; dates in DD/MM/YYYY turned around. */
static int read_text(const struct csv_row *row, const int *at, int c, int date, char **out)
{
	const char *v = cell(row, at, c);
	*out = NULL;
	if (!v)
		return EALA_OK;
	char *t = csv_trim(v);
	if (t && date) {
		char *d = csv_convert_date(t);
		free(t);
		t = d;
	}
	*out = t;
	return t ? EALA_OK : EALA_ENOMEM;
}

/* An id cell; 0 when empty. 0 when it is not an id (reported). */
static int read_id(struct results_import *ri, const char *file, const struct csv_row *row, const int *at,
		   int c, const struct rcol *cols, int64_t *out)
{
	const char *v = cell(row, at, c);
	*out = 0;
	if (v && !csv_parse_id(v, out)) {
		errlist_add(ri->el, file, row->line, cols[c].name,
			    N_("is not a record id (a whole number above 0): '%s'"), v);
		return 0;
	}
	return 1;
}

/* A number cell; *has 0 when empty. 0 when it is not a number (reported). */
static int read_number(struct results_import *ri, const struct csv_doc *doc, const struct csv_row *row,
		       const int *at, int c, int *has, double *out)
{
	const char *v = cell(row, at, c);
	*has = 0;
	*out = 0;
	if (!v)
		return 1;
	char *t = csv_trim(v);
	int ok = t && csv_parse_number(t, doc->delim, out);
	free(t);
	if (!ok) {
		errlist_add(ri->el, doc->file, row->line, expected_cols[c].name, N_("is not a number: '%s'"), v);
		return 0;
	}
	*has = 1;
	return 1;
}

/* A yes/no cell; dflt when empty. 0 when it is not yes or no (reported). */
static int read_bool(struct results_import *ri, const char *file, const struct csv_row *row, const int *at,
		     int c, int dflt, int *out)
{
	const char *v = cell(row, at, c);
	*out = dflt;
	if (!v)
		return 1;
	char *t = csv_trim(v);
	int ok = t && csv_parse_bool(t, out);
	free(t);
	if (!ok) {
		errlist_add(ri->el, file, row->line, expected_cols[c].name,
			    N_("is not yes or no (1/0, true/false, yes/no, oui/non): '%s'"), v);
		*out = dflt;
	}
	return ok;
}

/* ---- expected impacts: rows ---- */

/* One row of an expected impacts file, its cells read. */
struct erow {
	const struct csv_row *row;       /* the cells as written, for messages */
	int bad;                         /* its cells do not make a row: left out of the groups */
	int64_t id, partnership_id, action_id;
	char *text[E_NCOLS];             /* the text and date columns, trimmed (NULL: empty) */
	int ascending, cumulative;
	int has_baseline, has_target, has_actual;
	double baseline, target, actual;
};

static int text_col(int c)
{
	return c == E_CATEGORY || c == E_SIDE || c == E_DESCRIPTION || c == E_INDICATOR || c == E_UNIT ||
	       c == E_MEASURE || c == E_BASELINE_DATE || c == E_START || c == E_END || c == E_SOURCE ||
	       c == E_ILLUSTRATIVE;
}

static void erow_clear(struct erow *r)
{
	for (int c = 0; c < E_NCOLS; c++)
		free(r->text[c]);
}

static int read_erow(struct results_import *ri, const struct csv_doc *doc, const struct csv_row *row,
		     const int *at, struct erow *r)
{
	const char *f = doc->file;
	memset(r, 0, sizeof(*r));
	r->row = row;
	for (int c = 0; c < E_NCOLS; c++) {
		int date = c == E_BASELINE_DATE || c == E_START || c == E_END;
		if (text_col(c) && read_text(row, at, c, date, &r->text[c]))
			return EALA_ENOMEM;
	}
	/* a cell that cannot be read is reported and left empty: the rest of
	 * the row is still checked, so that every problem comes at once */
	read_id(ri, f, row, at, E_ID, expected_cols, &r->id);
	read_id(ri, f, row, at, E_PARTNERSHIP, expected_cols, &r->partnership_id);
	read_id(ri, f, row, at, E_ACTION, expected_cols, &r->action_id);
	read_bool(ri, f, row, at, E_ASCENDING, 1, &r->ascending);
	read_bool(ri, f, row, at, E_CUMULATIVE, 0, &r->cumulative);
	read_number(ri, doc, row, at, E_BASELINE, &r->has_baseline, &r->baseline);
	read_number(ri, doc, row, at, E_TARGET, &r->has_target, &r->target);
	read_number(ri, doc, row, at, E_ACTUAL, &r->has_actual, &r->actual);
	int indicator_values = 0, period_values = 0, ok = 1;
	for (int c = E_UNIT; c <= E_ACTUAL; c++)
		indicator_values |= cell(row, at, c) != NULL;
	for (int c = E_END; c <= E_ACTUAL; c++)
		period_values |= cell(row, at, c) != NULL;
	if (!r->text[E_INDICATOR] && indicator_values) {
		errlist_add(ri->el, f, row->line, "indicator",
			    N_("is empty, but the row gives values of an indicator or a period"));
		ok = 0;
	} else if (!r->text[E_START] && period_values) {
		errlist_add(ri->el, f, row->line, "period_start",
			    N_("is empty, but the row gives values of a period"));
		ok = 0;
	} else if (r->text[E_START] && !r->text[E_END]) {
		errlist_add(ri->el, f, row->line, "period_end", N_("is required when the row gives a period_start"));
		ok = 0;
	}
	r->bad = !ok;
	return EALA_OK;
}

static int same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* 1 when column c has the same value in both rows. */
static int same_value(const struct erow *a, const struct erow *b, int c)
{
	switch (c) {
	case E_ID: return a->id == b->id;
	case E_PARTNERSHIP: return a->partnership_id == b->partnership_id;
	case E_ACTION: return a->action_id == b->action_id;
	case E_ASCENDING: return a->ascending == b->ascending;
	case E_CUMULATIVE: return a->cumulative == b->cumulative;
	case E_BASELINE: return a->has_baseline == b->has_baseline && a->baseline == b->baseline;
	default: return same_text(a->text[c], b->text[c]);
	}
}

/* Rows without id are one impact when these agree. */
static int same_key(const struct erow *a, const struct erow *b)
{
	return same_value(a, b, E_PARTNERSHIP) && same_value(a, b, E_ACTION) && same_value(a, b, E_CATEGORY) &&
	       same_value(a, b, E_SIDE) && same_value(a, b, E_DESCRIPTION);
}

/* Report the columns (impact's or indicator's) where r differs from first. */
static void check_agree(struct results_import *ri, const struct egroup *g, const struct erow *first,
		       const struct erow *r, int indicator)
{
	for (int c = 0; c < E_NCOLS; c++) {
		if (g->at[c] < 0 || (indicator ? !indicator_col(c) : !impact_col(c)) || same_value(first, r, c))
			continue;
		const char *there = csvdoc_field(first->row, g->at[c]), *here = csvdoc_field(r->row, g->at[c]);
		if (indicator)
			errlist_add(ri->el, g->file, r->row->line, expected_cols[c].name,
				    N_("is '%s' here but '%s' on line %ld, a row of the same indicator"),
				    here ? here : "", there ? there : "", first->row->line);
		else
			errlist_add(ri->el, g->file, r->row->line, expected_cols[c].name,
				    N_("is '%s' here but '%s' on line %ld, a row of the same expected impact"),
				    here ? here : "", there ? there : "", first->row->line);
	}
}

/* Copy the text of column c of r into *dst when the file has the column
 * (the row keeps its own: later rows are compared with it). */
static int set_text(const int *at, const struct erow *r, int c, char **dst)
{
	if (at[c] < 0)
		return EALA_OK;
	free(*dst);
	*dst = xstrdup(r->text[c]);
	return *dst || !r->text[c] ? EALA_OK : EALA_ENOMEM;
}

static int copy_indicator(struct indicator *dst, const struct indicator *src, int with_periods)
{
	memset(dst, 0, sizeof(*dst));
	dst->id = src->id;
	dst->ascending = src->ascending;
	dst->cumulative = src->cumulative;
	dst->has_baseline = src->has_baseline;
	dst->baseline = src->baseline;
	dst->title = xstrdup(src->title);
	dst->unit = xstrdup(src->unit);
	dst->measure = xstrdup(src->measure);
	dst->baseline_date = xstrdup(src->baseline_date);
	if (with_periods && src->n_periods) {
		dst->periods = calloc(src->n_periods, sizeof(*dst->periods));
		if (!dst->periods)
			return EALA_ENOMEM;
		for (size_t i = 0; i < src->n_periods; i++) {
			dst->periods[i] = src->periods[i];
			dst->periods[i].start = xstrdup(src->periods[i].start);
			dst->periods[i].end = xstrdup(src->periods[i].end);
		}
		dst->n_periods = src->n_periods;
	}
	return EALA_OK;
}

/* A new group for row r: from the database when its id is there. */
static struct egroup *new_group(struct results_import *ri, const char *file, const int *at, struct erow *r)
{
	struct egroup *v = realloc(ri->g, (ri->ng + 1) * sizeof(*v));
	if (!v)
		return NULL;
	ri->g = v;
	struct egroup *g = &v[ri->ng++];
	memset(g, 0, sizeof(*g));
	g->file = file;
	g->line = r->row->line;
	g->given_id = r->id;
	g->first = r;
	memcpy(g->at, at, sizeof(g->at));
	if (r->id && store_expected_impact_get(ri->st, r->id, &g->e) == EALA_OK &&
	    store_expected_impact_get(ri->st, r->id, &g->old) == EALA_OK) {
		g->exists = 1;
		g->src = calloc(g->e.n_indicators + 1, sizeof(*g->src));
		if (!g->src)
			return NULL;
		if (at[E_INDICATOR] >= 0) {   /* the file's indicators replace them */
			for (size_t i = 0; i < g->e.n_indicators; i++)
				indicator_clear(&g->e.indicators[i]);
			g->e.n_indicators = 0;
		}
	} else {
		expected_impact_clear(&g->e);
		expected_impact_clear(&g->old);
		g->e.id = r->id;
	}
	if (at[E_PARTNERSHIP] >= 0)
		g->e.partnership_id = r->partnership_id;
	if (at[E_ACTION] >= 0)
		g->e.action_id = r->action_id;
	static const int texts[] = {E_CATEGORY, E_SIDE, E_DESCRIPTION, E_SOURCE, E_ILLUSTRATIVE};
	char **fields[] = {&g->e.category, &g->e.side, &g->e.description, &g->e.source, &g->e.illustrative};
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++)
		if (set_text(at, r, texts[i], fields[i]))
			return NULL;
	return g;
}

/* The group row r belongs to (the impact columns that disagree with the
 * group's first row reported); NULL with *rc set, or when its id is another
 * file's (reported). */
static struct egroup *find_group(struct results_import *ri, size_t doc_groups, const char *file, const int *at,
				 struct erow *r, int *rc)
{
	for (size_t i = 0; i < ri->ng; i++) {
		struct egroup *g = &ri->g[i];
		if (r->id && g->given_id == r->id) {
			if (i >= doc_groups) {
				check_agree(ri, g, g->first, r, 0);   /* reported; the row is still checked */
				return g;
			}
			errlist_add(ri->el, file, r->row->line, "id", N_("id %lld is already given on line %ld of %s"),
				    (long long)r->id, g->line, g->file);
			return NULL;
		}
		if (!r->id && !g->given_id && i >= doc_groups && same_key(g->first, r)) {
			check_agree(ri, g, g->first, r, 0);
			return g;
		}
	}
	struct egroup *g = new_group(ri, file, at, r);
	if (!g)
		*rc = EALA_ENOMEM;
	return g;
}

static struct indicator_period *add_period(struct indicator *ind, struct ind_src *src, long line)
{
	struct indicator_period *v = realloc(ind->periods, (ind->n_periods + 1) * sizeof(*v));
	long *l = v ? realloc(src->period_lines, (ind->n_periods + 1) * sizeof(*l)) : NULL;
	if (v)
		ind->periods = v;
	if (!l)
		return NULL;
	src->period_lines = l;
	l[ind->n_periods] = line;
	struct indicator_period *p = &v[ind->n_periods++];
	memset(p, 0, sizeof(*p));
	return p;
}

/* The indicator of g titled like r's, added when new. NULL: out of memory. */
static struct indicator *group_indicator(struct egroup *g, struct erow *r, struct ind_src **src, int *is_new)
{
	struct expected_impact *e = &g->e;
	*is_new = 0;
	for (size_t i = 0; i < e->n_indicators; i++) {
		if (same_text(e->indicators[i].title, r->text[E_INDICATOR])) {
			*src = &g->src[i];
			return &e->indicators[i];
		}
	}
	struct indicator *v = realloc(e->indicators, (e->n_indicators + 1) * sizeof(*v));
	if (!v)
		return NULL;
	e->indicators = v;
	struct ind_src *s = realloc(g->src, (e->n_indicators + 1) * sizeof(*s));
	if (!s)
		return NULL;
	g->src = s;
	struct indicator *ind = &v[e->n_indicators];
	*src = &s[e->n_indicators];
	memset(*src, 0, sizeof(**src));
	memset(ind, 0, sizeof(*ind));
	e->n_indicators++;
	(*src)->first = r;
	(*src)->line = r->row->line;
	for (size_t i = 0; i < g->old.n_indicators; i++)
		if (same_text(g->old.indicators[i].title, r->text[E_INDICATOR]))
			(*src)->old = &g->old.indicators[i];
	if ((*src)->old) {
		/* its id, and what the file leaves out: the periods too without period_start */
		if (copy_indicator(ind, (*src)->old, g->at[E_START] < 0) ||
		    !((*src)->period_lines = calloc(ind->n_periods + 1, sizeof(long))))
			return NULL;
	} else {
		ind->ascending = 1;
	}
	*is_new = 1;
	return ind;
}

/* Put the indicator and the period of row r into its group. */
static int add_row_indicator(struct results_import *ri, struct egroup *g, const struct erow *r)
{
	const int *at = g->at;
	struct ind_src *src;
	int is_new, rc = EALA_OK;
	if (at[E_INDICATOR] < 0 || !r->text[E_INDICATOR])
		return EALA_OK;   /* an impact without indicator, or one that keeps its own */
	struct indicator *ind = group_indicator(g, (struct erow *)r, &src, &is_new);
	if (!ind)
		return EALA_ENOMEM;
	if (is_new) {
		rc = set_text(at, r, E_INDICATOR, &ind->title);
		if (!rc)
			rc = set_text(at, r, E_UNIT, &ind->unit);
		if (!rc)
			rc = set_text(at, r, E_MEASURE, &ind->measure);
		if (!rc)
			rc = set_text(at, r, E_BASELINE_DATE, &ind->baseline_date);
		if (at[E_ASCENDING] >= 0)
			ind->ascending = r->ascending;
		if (at[E_CUMULATIVE] >= 0)
			ind->cumulative = r->cumulative;
		if (at[E_BASELINE] >= 0) {
			ind->has_baseline = r->has_baseline;
			ind->baseline = r->baseline;
		}
	} else {
		check_agree(ri, g, src->first, r, 1);   /* reported; its period is still checked */
	}
	if (rc || !r->text[E_START])
		return rc;
	struct indicator_period *p = add_period(ind, src, r->row->line);
	if (!p)
		return EALA_ENOMEM;
	for (size_t i = 0; src->old && i < src->old->n_periods; i++) {
		const struct indicator_period *was = &src->old->periods[i];
		if (same_text(was->start, r->text[E_START])) {
			p->has_target = was->has_target;
			p->target = was->target;
			p->has_actual = was->has_actual;
			p->actual = was->actual;
		}
	}
	p->start = xstrdup(r->text[E_START]);
	p->end = xstrdup(r->text[E_END]);
	if (at[E_TARGET] >= 0) {
		p->has_target = r->has_target;
		p->target = r->target;
	}
	if (at[E_ACTUAL] >= 0) {
		p->has_actual = r->has_actual;
		p->actual = r->actual;
	}
	return p->start && p->end ? EALA_OK : EALA_ENOMEM;
}

/* A record that says nothing of its source comes from this file. */
static int default_source(char **source, const char *file)
{
	if (*source)
		return EALA_OK;
	const char *base = strrchr(file, '/');
	*source = xasprintf("import:%s", base ? base + 1 : file);
	return *source ? EALA_OK : EALA_ENOMEM;
}

/* The model's problems with g, each at the line and column of the row that
 * gave the field ("indicators[1].periods[0].end": that period's period_end). */
static void validate_group(struct results_import *ri, const struct egroup *g)
{
	struct errlist tmp;
	struct origin o = {g->file, g->line};
	errlist_init(&tmp);
	expected_impact_validate(&g->e, &o, &tmp);
	for (size_t k = 0; k < tmp.n; k++) {
		const char *field = tmp.v[k].field;
		long line = g->line;
		size_t i, j;
		int n = -1;
		if (!field)
			;   /* a problem of the whole impact: its first row */
		else if (sscanf(field, "indicators[%zu].periods[%zu].%n", &i, &j, &n) == 2 && n > 0 &&
			 i < g->e.n_indicators && j < g->e.indicators[i].n_periods) {
			if (g->src[i].period_lines && g->src[i].period_lines[j])
				line = g->src[i].period_lines[j];
			else if (g->src[i].line)
				line = g->src[i].line;
			field = strcmp(field + n, "start") == 0 ? "period_start" : "period_end";
		} else if ((n = -1, sscanf(field, "indicators[%zu].%n", &i, &n)) == 1 && n > 0 &&
			   i < g->e.n_indicators) {
			if (g->src[i].line)
				line = g->src[i].line;
			field = strcmp(field + n, "title") == 0 ? "indicator" : field + n;
		} else if (strcmp(field, "partnership") == 0) {
			field = "partnership_id";
		}
		errlist_add(ri->el, tmp.v[k].file, line, field, "%s", tmp.v[k].msg);
	}
	errlist_clear(&tmp);
}

static int read_expected_doc(struct results_import *ri, const struct csv_doc *doc)
{
	int at[E_NCOLS], rc = EALA_OK;
	if (!map_header(ri, doc, RK_EXPECTED_IMPACT, at))
		return EALA_OK;   /* reported; its rows would only repeat the missing column */
	struct erow *rows = calloc(doc->n ? doc->n : 1, sizeof(*rows));
	size_t doc_groups = ri->ng;
	if (!rows)
		return EALA_ENOMEM;
	for (size_t i = 0; !rc && i < doc->n; i++)
		rc = read_erow(ri, doc, &doc->rows[i], at, &rows[i]);
	for (size_t i = 0; !rc && i < doc->n; i++) {
		if (rows[i].bad)
			continue;
		struct egroup *g = find_group(ri, doc_groups, doc->file, at, &rows[i], &rc);
		if (g)
			rc = add_row_indicator(ri, g, &rows[i]);
	}
	for (size_t i = doc_groups; !rc && i < ri->ng; i++) {
		struct egroup *g = &ri->g[i];
		g->first = NULL;   /* its rows go now */
		for (size_t k = 0; k < g->e.n_indicators; k++)
			g->src[k].first = NULL;
		if (!(rc = default_source(&g->e.source, g->file)))
			validate_group(ri, g);
	}
	for (size_t i = 0; i < doc->n; i++)
		erow_clear(&rows[i]);
	free(rows);
	return rc;
}

/* ---- observed outcomes: rows ---- */

static int set_outcome_text(const struct csv_row *row, const int *at, int c, char **dst)
{
	if (at[c] < 0)
		return EALA_OK;
	free(*dst);
	return read_text(row, at, c, c == O_DATE, dst);
}

static void validate_outcome(struct results_import *ri, const struct opending *p)
{
	struct errlist tmp;
	struct origin o = {p->file, p->line};
	errlist_init(&tmp);
	observed_outcome_validate(&p->o, &o, &tmp);
	for (size_t k = 0; k < tmp.n; k++) {
		const char *field = tmp.v[k].field;
		if (field && strcmp(field, "partnership") == 0)
			field = "partnership_id";
		else if (field && strcmp(field, "expected") == 0)
			field = "expected_id";
		errlist_add(ri->el, tmp.v[k].file, tmp.v[k].line, field, "%s", tmp.v[k].msg);
	}
	errlist_clear(&tmp);
}

static int read_outcome_row(struct results_import *ri, const struct csv_doc *doc, const struct csv_row *row,
			    const int *at)
{
	int64_t id, ref[3];
	static const int ref_cols[3] = {O_PARTNERSHIP, O_ACTION, O_EXPECTED};
	read_id(ri, doc->file, row, at, O_ID, outcome_cols, &id);
	for (int i = 0; i < 3; i++)
		read_id(ri, doc->file, row, at, ref_cols[i], outcome_cols, &ref[i]);
	for (size_t i = 0; id && i < ri->no; i++) {
		if (ri->o[i].o.id == id) {
			errlist_add(ri->el, doc->file, row->line, "id", N_("id %lld is already given on line %ld of %s"),
				    (long long)id, ri->o[i].line, ri->o[i].file);
			return EALA_OK;
		}
	}
	struct opending *v = realloc(ri->o, (ri->no + 1) * sizeof(*v));
	if (!v)
		return EALA_ENOMEM;
	ri->o = v;
	struct opending *p = &v[ri->no++];
	memset(p, 0, sizeof(*p));
	p->file = doc->file;
	p->line = row->line;
	/* an update keeps what the file has no column for (and who reported it, its document) */
	if (id && store_observed_outcome_get(ri->st, id, &p->o) == EALA_OK) {
		p->exists = 1;
	} else {
		observed_outcome_clear(&p->o);
		p->o.id = id;
	}
	int64_t *refs[3] = {&p->o.partnership_id, &p->o.action_id, &p->o.expected_id};
	for (int i = 0; i < 3; i++)
		if (at[ref_cols[i]] >= 0)
			*refs[i] = ref[i];
	static const int texts[] = {O_CATEGORY, O_SIDE, O_REPORTED_BY, O_DESCRIPTION, O_DATE, O_EVIDENCE_URL,
				    O_SOURCE, O_ILLUSTRATIVE};
	char **fields[] = {&p->o.category, &p->o.side, &p->o.reported_by, &p->o.description, &p->o.date,
			   &p->o.evidence_url, &p->o.source, &p->o.illustrative};
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++)
		if (set_outcome_text(row, at, texts[i], fields[i]))
			return EALA_ENOMEM;
	p->o.unexpected = !p->o.expected_id;
	if (default_source(&p->o.source, p->file))
		return EALA_ENOMEM;
	validate_outcome(ri, p);
	return EALA_OK;
}

static int read_outcome_doc(struct results_import *ri, const struct csv_doc *doc)
{
	int at[O_NCOLS], rc = EALA_OK;
	if (!map_header(ri, doc, RK_OBSERVED_OUTCOME, at))
		return EALA_OK;
	for (size_t i = 0; !rc && i < doc->n; i++)
		rc = read_outcome_row(ri, doc, &doc->rows[i], at);
	return rc;
}

int results_csv_read(struct results_import *ri, enum record_kind k, const struct csv_doc *doc)
{
	return k == RK_EXPECTED_IMPACT ? read_expected_doc(ri, doc) : read_outcome_doc(ri, doc);
}

/* ---- references ---- */

static void missing(const struct results_import *ri, const char *file, long line, const char *field,
		    const char *what, int64_t id)
{
	errlist_add(ri->el, file, line, field,
		    N_("%s #%lld does not exist (neither in the database nor in this import)"), what,
		    (long long)id);
}

/* The partnership and the action of a result exist; the action is the partnership's. */
static void check_scope(const struct results_import *ri, const char *file, long line, int64_t partnership_id,
			int64_t action_id)
{
	if (partnership_id && !ri->lookup(ri->ctx, RK_PARTNERSHIP, partnership_id, NULL) &&
	    !store_partnership_exists(ri->st, partnership_id))
		missing(ri, file, line, "partnership_id", "partnership", partnership_id);
	if (!action_id)
		return;
	int64_t of = 0;
	if (!ri->lookup(ri->ctx, RK_ACTION, action_id, &of)) {
		struct action a;
		if (store_action_get(ri->st, action_id, &a) != EALA_OK) {
			missing(ri, file, line, "action_id", "action", action_id);
			return;
		}
		of = a.partnership_id;
		action_clear(&a);
	}
	if (partnership_id && of != partnership_id)
		errlist_add(ri->el, file, line, "action_id", N_("action #%lld does not belong to partnership #%lld"),
			    (long long)action_id, (long long)partnership_id);
}

/* An outcome's expectation exists, in the import or the database, and is of its partnership or action. */
static void check_expected(const struct results_import *ri, const struct opending *p)
{
	const struct observed_outcome *o = &p->o;
	const struct expected_impact *e = NULL;
	struct expected_impact stored = {0};
	for (size_t i = 0; i < ri->ng && !e; i++)
		if (ri->g[i].given_id == o->expected_id)
			e = &ri->g[i].e;
	if (!e && store_expected_impact_get(ri->st, o->expected_id, &stored) == EALA_OK)
		e = &stored;
	if (!e)
		missing(ri, p->file, p->line, "expected_id", "expected impact", o->expected_id);
	else if ((e->partnership_id && e->partnership_id != o->partnership_id) ||
		 (!e->partnership_id && e->action_id != o->action_id))
		errlist_add(ri->el, p->file, p->line, "expected_id",
			    N_("expected impact #%lld belongs to another partnership or action"),
			    (long long)o->expected_id);
	expected_impact_clear(&stored);
}

int results_csv_check(const struct results_import *ri)
{
	for (size_t i = 0; i < ri->ng; i++)
		check_scope(ri, ri->g[i].file, ri->g[i].line, ri->g[i].e.partnership_id, ri->g[i].e.action_id);
	for (size_t i = 0; i < ri->no; i++) {
		const struct opending *p = &ri->o[i];
		check_scope(ri, p->file, p->line, p->o.partnership_id, p->o.action_id);
		if (p->o.expected_id)
			check_expected(ri, p);
	}
	return EALA_OK;
}

/* ---- writing ---- */

static int write_failed(struct results_import *ri, const char *file, long line, int rc, char *errmsg)
{
	errlist_add(ri->el, file, line, NULL, "%s", errmsg ? errmsg : eala_strerror(rc));
	free(errmsg);
	return rc;
}

/* Those with an id first, so that one without cannot take an id a later row gives. */
int results_csv_write(struct results_import *ri, size_t *created, size_t *updated)
{
	int rc = EALA_OK;
	for (int with_id = 1; with_id >= 0 && !rc; with_id--) {
		for (size_t i = 0; i < ri->ng && !rc; i++) {
			struct egroup *g = &ri->g[i];
			char *errmsg = NULL;
			if (!g->given_id != !with_id)
				continue;
			rc = g->exists ? store_expected_impact_update(ri->st, &g->e, &errmsg)
				       : store_expected_impact_insert(ri->st, &g->e, &errmsg);
			if (rc)
				return write_failed(ri, g->file, g->line, rc, errmsg);
			free(errmsg);
			(g->exists ? updated : created)[RK_EXPECTED_IMPACT]++;
		}
	}
	for (int with_id = 1; with_id >= 0 && !rc; with_id--) {
		for (size_t i = 0; i < ri->no && !rc; i++) {
			struct opending *p = &ri->o[i];
			char *errmsg = NULL;
			if (!p->o.id != !with_id)
				continue;
			rc = p->exists ? store_observed_outcome_update(ri->st, &p->o, &errmsg)
				       : store_observed_outcome_insert(ri->st, &p->o, &errmsg);
			if (rc)
				return write_failed(ri, p->file, p->line, rc, errmsg);
			free(errmsg);
			(p->exists ? updated : created)[RK_OBSERVED_OUTCOME]++;
		}
	}
	return rc;
}

/* ---- export ---- */

static int write_row(FILE *out, const char *const *v, size_t n)
{
	for (size_t c = 0; c < n; c++)
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

static const char *number_text(char *buf, int has, double v)
{
	if (!has)
		return NULL;
	snprintf(buf, NUMBUF, "%.15g", v);
	return buf;
}

/* One row per period; an indicator without period, an impact without indicator: one row. */
static int export_expected(void *ctx, const struct expected_impact *e)
{
	const char *v[E_NCOLS] = {0};
	char b[E_NCOLS][NUMBUF];
	int rc = EALA_OK;
	v[E_ID] = id_text(b[E_ID], e->id);
	v[E_PARTNERSHIP] = id_text(b[E_PARTNERSHIP], e->partnership_id);
	v[E_ACTION] = id_text(b[E_ACTION], e->action_id);
	v[E_CATEGORY] = e->category;
	v[E_SIDE] = e->side;
	v[E_DESCRIPTION] = e->description;
	v[E_SOURCE] = e->source;
	v[E_ILLUSTRATIVE] = e->illustrative;
	if (!e->n_indicators)
		return write_row(ctx, v, E_NCOLS);
	for (size_t i = 0; !rc && i < e->n_indicators; i++) {
		const struct indicator *ind = &e->indicators[i];
		v[E_INDICATOR] = ind->title;
		v[E_UNIT] = ind->unit;
		v[E_MEASURE] = ind->measure;
		v[E_ASCENDING] = ind->ascending ? "1" : "0";
		v[E_CUMULATIVE] = ind->cumulative ? "1" : "0";
		v[E_BASELINE] = number_text(b[E_BASELINE], ind->has_baseline, ind->baseline);
		v[E_BASELINE_DATE] = ind->baseline_date;
		v[E_START] = v[E_END] = v[E_TARGET] = v[E_ACTUAL] = NULL;
		if (!ind->n_periods)
			rc = write_row(ctx, v, E_NCOLS);
		for (size_t k = 0; !rc && k < ind->n_periods; k++) {
			const struct indicator_period *p = &ind->periods[k];
			v[E_START] = p->start;
			v[E_END] = p->end;
			v[E_TARGET] = number_text(b[E_TARGET], p->has_target, p->target);
			v[E_ACTUAL] = number_text(b[E_ACTUAL], p->has_actual, p->actual);
			rc = write_row(ctx, v, E_NCOLS);
		}
	}
	return rc;
}

static int export_outcome(void *ctx, const struct observed_outcome *o)
{
	const char *v[O_NCOLS] = {0};
	char b[O_NCOLS][NUMBUF];
	v[O_ID] = id_text(b[O_ID], o->id);
	v[O_PARTNERSHIP] = id_text(b[O_PARTNERSHIP], o->partnership_id);
	v[O_ACTION] = id_text(b[O_ACTION], o->action_id);
	v[O_EXPECTED] = id_text(b[O_EXPECTED], o->expected_id);
	v[O_CATEGORY] = o->category;
	v[O_SIDE] = o->side;
	v[O_REPORTED_BY] = o->reported_by;
	v[O_DESCRIPTION] = o->description;
	v[O_DATE] = o->date;
	v[O_EVIDENCE_URL] = o->evidence_url;
	v[O_SOURCE] = o->source;
	v[O_ILLUSTRATIVE] = o->illustrative;
	return write_row(ctx, v, O_NCOLS);
}

int results_csv_export(struct store *st, enum record_kind k, FILE *out, char **errmsg)
{
	const struct rcol *cols = k == RK_EXPECTED_IMPACT ? expected_cols : outcome_cols;
	size_t n = k == RK_EXPECTED_IMPACT ? E_NCOLS : O_NCOLS;
	struct results_filter all = {0};
	const char *v[MAX_RCOLS];
	int rc;
	if (k != RK_EXPECTED_IMPACT && k != RK_OBSERVED_OUTCOME) {
		if (errmsg)
			*errmsg = xstrdup("unknown kind of records");
		return EALA_EINVAL;
	}
	for (size_t c = 0; c < n; c++)
		v[c] = cols[c].name;
	errno = 0;
	rc = write_row(out, v, n);
	if (!rc)
		rc = k == RK_EXPECTED_IMPACT ? store_expected_impact_list(st, &all, export_expected, out, errmsg)
					     : store_observed_outcome_list(st, &all, export_outcome, out, errmsg);
	if (rc && errmsg && !*errmsg)
		*errmsg = rc == EALA_EIO && errno
				  ? xasprintf("cannot write the %s CSV: %s", record_kind_name(k), strerror(errno))
				  : xasprintf("cannot read the %s: %s", record_kind_name(k), eala_strerror(rc));
	return rc;
}
