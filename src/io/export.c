/* export.c: CSV with chosen columns and labels, JSON, NDJSON, GeoJSON, XLSX.
 *
 * One walk serves the text formats: an export knows its kinds (one, or for
 * GeoJSON authorities then partnerships), the kind it is at and the last id
 * it wrote of it. export_step() lists the records after that id (the lists'
 * own filters, limited to the step's rows), writes each through the format's
 * row function, and moves to the next kind when a list comes back short.
 * Nothing is kept between records but that position: the CLI makes one step
 * of every record, the web one step per chunk of its streamed response.
 *
 * Quoting is libcsv's (csv_write_field), JSON is jansson's (json_dumpf, one
 * object at a time); the array brackets and separators between objects are
 * the only text written by hand.
 */
#define _GNU_SOURCE
#include "export.h"

#include "../core/codelist.h"
#include "csvread.h"
#include "record_json.h"

#include <errno.h>
#include <jansson.h>
#include <libintl.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define JSON_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15))
#define MAX_EXPORT_COLS 32

static const char *const format_names[EXPORT_NFORMATS] = {"csv", "xlsx", "geojson", "json", "ndjson"};

int export_format_parse(const char *s)
{
	for (int i = 0; s && i < EXPORT_NFORMATS; i++)
		if (strcmp(s, format_names[i]) == 0)
			return i;
	return -1;
}

const char *export_format_name(enum export_format f)
{
	return f < EXPORT_NFORMATS ? format_names[f] : "?";
}

const char *export_content_type(enum export_format f)
{
	switch (f) {
	case EXPORT_CSV: return "text/csv; charset=utf-8";
	case EXPORT_XLSX: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	case EXPORT_GEOJSON: return "application/geo+json";
	case EXPORT_NDJSON: return "application/x-ndjson";
	default: return "application/json";
	}
}

const char *export_file_name(const struct export_opts *o, char *buf, size_t len)
{
	snprintf(buf, len, "%s.%s", o->kind == RK_NONE ? "eala" : record_kind_name(o->kind),
		 export_format_name(o->format));
	return buf;
}

/* A header's or sheet's words in the export's language (gettext domain eala,
 * the calling thread's locale). */
static const char *xtr(int lang, const char *en)
{
	return lang == CL_LANG_EN ? en : dgettext("eala", en);
}

/* The sheet of each kind in a workbook, marked for gettext. */
static const char *const kind_labels[RK_COUNT] = {N_("Authorities"), N_("Organisations"),
						  N_("Partnerships"), N_("Actions")};

struct export {
	struct export_opts o;        /* strings of the filter and columns owned */
	char *strings[6];            /* what o's pointers point to */
	int cols[MAX_EXPORT_COLS];   /* the columns written, by index in the kind's table */
	size_t ncols;
	char *headers[MAX_EXPORT_COLS];
	enum record_kind kinds[2];
	size_t nkinds, at;           /* the kinds written, the one being written */
	int64_t after;               /* the last id written of kinds[at] */
	int started;                 /* the opening is written */
	size_t count;                /* records written */
	size_t step_rows;            /* records written by this step */
	size_t seen;                 /* records the current list gave */
	FILE *out;                   /* of the current step */
	struct store *st;            /* of the current step */
	int write_failed;
};

static char *own(struct export *x, int i, const char *s)
{
	return s ? (x->strings[i] = xstrdup(s)) : NULL;
}

/* The columns of o->columns ("id,name"), or all of them; each unknown name in el. */
static void choose_columns(struct export *x, enum record_kind k, const char *list, struct errlist *el)
{
	size_t n = records_csv_ncols(k);
	x->ncols = 0;
	if (!list) {
		for (size_t i = 0; i < n && i < MAX_EXPORT_COLS; i++)
			x->cols[x->ncols++] = (int)i;
		return;
	}
	struct strv names = {0};
	strv_split(&names, list, ',');
	if (!names.n)
		errlist_add(el, NULL, 0, "columns", N_("names no column"));
	for (size_t i = 0; i < names.n; i++) {
		int c = records_csv_col_find(k, names.v[i]);
		if (c < 0) {
			struct strv all = {0};
			for (size_t j = 0; j < n; j++)
				strv_push(&all, records_csv_col_name(k, j));
			char *known = strv_join(&all, ", ");
			errlist_add(el, NULL, 0, "columns", N_("'%s' is not a column of %s (%s)"), names.v[i],
				    record_kind_name(k), known ? known : "");
			free(known);
			strv_clear(&all);
		} else if (x->ncols < MAX_EXPORT_COLS) {
			x->cols[x->ncols++] = c;
		}
	}
	strv_clear(&names);
}

int export_new(const struct export_opts *o, struct export **out, struct errlist *el)
{
	size_t before = errlist_count(el);
	struct export *x = calloc(1, sizeof(*x));
	*out = NULL;
	if (!x)
		return EALA_ENOMEM;
	x->o = *o;
	x->o.columns = own(x, 0, o->columns);
	x->o.filter.q = own(x, 1, o->filter.q);
	x->o.filter.country = own(x, 2, o->filter.country);
	x->o.filter.kind = own(x, 3, o->filter.kind);
	x->o.filter.status = own(x, 4, o->filter.status);
	x->o.filter.domain = own(x, 5, o->filter.domain);
	x->o.filter.limit = 0;
	x->after = o->filter.after_id;
	if (o->format >= EXPORT_NFORMATS || o->format == EXPORT_XLSX) {
		errlist_add(el, NULL, 0, "format", N_("is not one of csv, geojson, json, ndjson"));
	} else if (o->kind == RK_NONE && o->format != EXPORT_GEOJSON) {
		errlist_add(el, NULL, 0, "kind", N_("is needed: authorities, organisations, partnerships or actions"));
	} else if (o->kind != RK_NONE && (o->kind < 0 || o->kind >= RK_COUNT)) {
		errlist_add(el, NULL, 0, "kind", N_("is not one of authorities, organisations, partnerships, actions"));
	} else if (o->format == EXPORT_GEOJSON && (o->kind == RK_ORGANISATION || o->kind == RK_ACTION)) {
		errlist_add(el, NULL, 0, "kind", N_("GeoJSON holds authorities and partnerships only"));
	} else if (o->kind == RK_NONE) {
		x->kinds[x->nkinds++] = RK_AUTHORITY;
		x->kinds[x->nkinds++] = RK_PARTNERSHIP;
	} else {
		x->kinds[x->nkinds++] = o->kind;
	}
	if (o->columns && o->format != EXPORT_CSV)
		errlist_add(el, NULL, 0, "columns", N_("applies to CSV and XLSX exports"));
	else if (o->format == EXPORT_CSV && x->nkinds == 1)
		choose_columns(x, x->kinds[0], o->columns, el);
	for (size_t i = 0; i < x->ncols; i++) {
		const char *h = o->labels ? xtr(o->lang, records_csv_col_label(x->kinds[0], (size_t)x->cols[i]))
					  : records_csv_col_name(x->kinds[0], (size_t)x->cols[i]);
		x->headers[i] = xstrdup(h);
	}
	if (errlist_count(el) > before) {
		export_free(x);
		return EALA_EINVAL;
	}
	*out = x;
	return EALA_OK;
}

void export_free(struct export *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < sizeof(x->strings) / sizeof(*x->strings); i++)
		free(x->strings[i]);
	for (size_t i = 0; i < x->ncols; i++)
		free(x->headers[i]);
	free(x);
}

size_t export_count(const struct export *x)
{
	return x ? x->count : 0;
}

/* ---- the text formats ---- */

static int put(struct export *x, const char *s)
{
	if (fputs(s, x->out) == EOF) {
		x->write_failed = 1;
		return EALA_EIO;
	}
	return EALA_OK;
}

static int dump(struct export *x, json_t *j)
{
	int rc = j && json_dumpf(j, x->out, JSON_FLAGS) == 0 ? EALA_OK : EALA_EIO;
	if (!j)
		rc = EALA_ENOMEM;
	else if (rc)
		x->write_failed = 1;
	json_decref(j);
	return rc;
}

static int csv_row(struct export *x, const void *r)
{
	char buf[64];
	int rc = EALA_OK;
	int lang = x->o.labels ? x->o.lang : -1;
	for (size_t c = 0; c < x->ncols && !rc; c++) {
		char *owned;
		const char *s = records_csv_cell(x->kinds[0], (size_t)x->cols[c], r, lang, buf, sizeof(buf), &owned);
		rc = csv_write_field(x->out, s, c > 0);
		free(owned);
	}
	if (!rc)
		rc = put(x, "\n");
	if (rc)
		x->write_failed = 1;
	return rc;
}

static int begin(struct export *x)
{
	int rc = EALA_OK;
	switch (x->o.format) {
	case EXPORT_CSV:
		for (size_t c = 0; c < x->ncols && !rc; c++)
			rc = csv_write_field(x->out, x->headers[c], c > 0);
		if (rc)
			x->write_failed = 1;
		return rc ? rc : put(x, "\n");
	case EXPORT_JSON: return put(x, "[");
	case EXPORT_GEOJSON: return put(x, "{\"type\":\"FeatureCollection\",\"features\":[");
	default: return EALA_OK;
	}
}

static int end(struct export *x)
{
	switch (x->o.format) {
	case EXPORT_JSON: return put(x, x->count ? "\n]\n" : "]\n");
	case EXPORT_GEOJSON: return put(x, x->count ? "\n]}\n" : "]}\n");
	default: return EALA_OK;
	}
}

/* Before an object of a JSON array: "\n" for the first, ",\n" after. */
static int separate(struct export *x)
{
	switch (x->o.format) {
	case EXPORT_JSON:
	case EXPORT_GEOJSON: return put(x, x->count ? ",\n" : "\n");
	default: return EALA_OK;
	}
}

static json_t *point(double lng, double lat)
{
	return json_pack("[f, f]", lng, lat);   /* RFC 7946: longitude first */
}

static json_t *authority_feature(const struct authority *a)
{
	json_t *props = json_pack("{s:s, s:I, s:s, s:s, s:s}", "record", "authority", "id",
				  (json_int_t)a->id, "name", a->name ? a->name : "", "country",
				  a->country ? a->country : "", "level", a->level ? a->level : "");
	if (props && a->population != EALA_NO_VALUE)
		json_object_set_new(props, "population", json_integer(a->population));
	json_set_str(props, "official_code", a->official_code);
	return json_pack("{s:s, s:I, s:{s:s, s:o}, s:o}", "type", "Feature", "id", (json_int_t)a->id,
			 "geometry", "type", "Point", "coordinates", point(a->lng, a->lat),
			 "properties", props);
}

/* A line from the first member (home) to each other member that has
 * coordinates: a LineString for two points, a MultiLineString beyond, null
 * when fewer than two members have coordinates. */
static json_t *partnership_geometry(struct store *st, const struct partnership *p, json_t *names,
				    json_t *countries)
{
	json_t *pts = json_array();
	for (size_t i = 0; i < p->n_members; i++) {
		struct authority a;
		if (store_authority_get(st, p->members[i], &a) != EALA_OK) {
			json_array_append_new(names, json_null());
			json_array_append_new(countries, json_null());
			continue;
		}
		json_array_append_new(names, json_string(a.name ? a.name : ""));
		json_array_append_new(countries, json_string(a.country ? a.country : ""));
		if (a.has_coords)
			json_array_append_new(pts, point(a.lng, a.lat));
		authority_clear(&a);
	}
	json_t *g = json_null();
	size_t n = json_array_size(pts);
	if (n == 2) {
		g = json_pack("{s:s, s:O}", "type", "LineString", "coordinates", pts);
	} else if (n > 2) {
		json_t *lines = json_array();
		for (size_t i = 1; i < n; i++)
			json_array_append_new(lines, json_pack("[O, O]", json_array_get(pts, 0),
							       json_array_get(pts, i)));
		g = json_pack("{s:s, s:o}", "type", "MultiLineString", "coordinates", lines);
	}
	json_decref(pts);
	return g;
}

static json_t *partnership_feature(struct export *x, const struct partnership *p)
{
	json_t *members = json_array(), *names = json_array(), *countries = json_array();
	for (size_t i = 0; i < p->n_members; i++)
		json_array_append_new(members, json_integer(p->members[i]));
	json_t *g = partnership_geometry(x->st, p, names, countries);
	json_t *props = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "record", "partnership",
				  "id", (json_int_t)p->id, "name", p->name ? p->name : "", "kind",
				  p->kind ? p->kind : "", "kind_label",
				  codelist_label(CL_PARTNERSHIP_KIND, p->kind, x->o.lang), "status",
				  p->status ? p->status : "", "members", members, "member_names", names,
				  "member_countries", countries);
	json_set_str(props, "start_date", p->start_date);
	json_set_str(props, "end_date", p->end_date);
	return json_pack("{s:s, s:I, s:o, s:o}", "type", "Feature", "id", (json_int_t)p->id, "geometry", g,
			 "properties", props);
}

/* One record in the export's format; its id moves the position. */
static int write_record(struct export *x, enum record_kind k, int64_t id, const void *r)
{
	int rc;
	x->after = id;
	x->seen++;
	if (x->o.format == EXPORT_CSV) {
		rc = csv_row(x, r);
	} else if (x->o.format == EXPORT_GEOJSON) {
		if (k == RK_AUTHORITY && !((const struct authority *)r)->has_coords)
			return EALA_OK;   /* no place to draw it */
		json_t *f = k == RK_AUTHORITY ? authority_feature(r) : partnership_feature(x, r);
		rc = separate(x);
		if (!rc)
			rc = dump(x, f);
		else
			json_decref(f);
	} else {
		json_t *j = k == RK_AUTHORITY	  ? authority_json(r)
			    : k == RK_ORGANISATION ? organisation_json(r)
			    : k == RK_PARTNERSHIP  ? partnership_json_with_partners(x->st, r)
						   : action_json(r);
		rc = separate(x);
		if (!rc)
			rc = dump(x, j);
		else
			json_decref(j);
		if (!rc && x->o.format == EXPORT_NDJSON)
			rc = put(x, "\n");
	}
	if (!rc) {
		x->count++;
		x->step_rows++;
	}
	return rc;
}

static int on_authority(void *ctx, const struct authority *a)
{
	return write_record(ctx, RK_AUTHORITY, a->id, a);
}

static int on_organisation(void *ctx, const struct organisation *o)
{
	return write_record(ctx, RK_ORGANISATION, o->id, o);
}

static int on_partnership(void *ctx, const struct partnership *p)
{
	return write_record(ctx, RK_PARTNERSHIP, p->id, p);
}

static int on_action(void *ctx, const struct action *a)
{
	return write_record(ctx, RK_ACTION, a->id, a);
}

/* The records of kind k after x->after, at most limit (0: all). */
static int list_kind(struct export *x, enum record_kind k, int limit, char **errmsg)
{
	struct store_filter f = x->o.filter;
	f.after_id = x->after;
	f.limit = limit;
	/* GeoJSON of both kinds: the kind-specific filters belong to partnerships */
	if (x->nkinds > 1 && k == RK_AUTHORITY)
		f.kind = f.status = f.domain = NULL, f.year = 0;
	switch (k) {
	case RK_AUTHORITY: return store_authority_list(x->st, &f, on_authority, x, NULL, errmsg);
	case RK_ORGANISATION: return store_organisation_list(x->st, &f, on_organisation, x, NULL, errmsg);
	case RK_PARTNERSHIP: return store_partnership_list(x->st, &f, on_partnership, x, NULL, errmsg);
	default: return store_action_list(x->st, &f, on_action, x, NULL, errmsg);
	}
}

int export_step(struct export *x, struct store *st, FILE *out, size_t max_rows, int *done,
		char **errmsg)
{
	int rc = EALA_OK;
	*done = 0;
	x->out = out;
	x->st = st;
	x->step_rows = 0;
	errno = 0;
	if (!x->started) {
		if ((rc = begin(x)))
			goto out;
		x->started = 1;
	}
	while (x->at < x->nkinds) {
		if (max_rows && x->step_rows >= max_rows)
			goto out;
		int limit = max_rows ? (int)(max_rows - x->step_rows) : 0;
		x->seen = 0;
		if ((rc = list_kind(x, x->kinds[x->at], limit, errmsg)))
			goto out;
		if (!max_rows || x->seen < (size_t)limit) {   /* a short list: the kind's end */
			x->at++;
			x->after = x->o.filter.after_id;
		}
	}
	if ((rc = end(x)))
		goto out;
	*done = 1;
out:
	if (rc && errmsg && !*errmsg)
		*errmsg = x->write_failed ? xasprintf("cannot write the export: %s", strerror(errno ? errno : EIO))
					  : xasprintf("cannot read the records: %s", eala_strerror(rc));
	return rc;
}

int export_check(const struct export_opts *o, struct errlist *el)
{
	struct export_opts c = *o;
	struct export *x = NULL;
	if (o->format == EXPORT_XLSX) {
		c.format = EXPORT_CSV;
		if (o->kind == RK_NONE) {
			if (o->columns) {
				errlist_add(el, NULL, 0, "columns", N_("need a kind of records"));
				return EALA_EINVAL;
			}
			return EALA_OK;
		}
	}
	int rc = export_new(&c, &x, el);
	export_free(x);
	return rc;
}

/* ---- XLSX ---- */

struct sheet {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *date;
	enum record_kind kind;
	const int *cols;
	size_t ncols;
	int lang;
	lxw_row_t row;       /* the next row to write */
	int part;            /* sheets of this kind so far (a sheet holds LXW_ROW_MAX rows) */
	lxw_error err;
};

static void sheet_finish(struct sheet *s)
{
	if (!s->ws)
		return;
	worksheet_autofilter(s->ws, 0, 0, s->row > 1 ? s->row - 1 : 1, (lxw_col_t)(s->ncols - 1));
}

/* A new sheet for the kind with its header row: labels, widths, frozen, bold. */
static int sheet_open(struct sheet *s)
{
	char name[48];   /* Excel: 31 characters at most */
	const char *label = xtr(s->lang, kind_labels[s->kind]);
	sheet_finish(s);
	if (++s->part > 1)
		snprintf(name, sizeof(name), "%.24s (%d)", label, s->part % 100);
	else
		snprintf(name, sizeof(name), "%.31s", label);
	if (!(s->ws = workbook_add_worksheet(s->wb, name)))
		return EALA_EIO;
	for (size_t c = 0; c < s->ncols; c++) {
		size_t i = (size_t)s->cols[c];
		enum csv_value v = records_csv_col_value(s->kind, i);
		const char *h = xtr(s->lang, records_csv_col_label(s->kind, i));
		double width = v == CSV_VALUE_DATE ? 12 : v == CSV_VALUE_ID || v == CSV_VALUE_BOOL ? 10
			       : v == CSV_VALUE_NUMBER ? 13 : v == CSV_VALUE_CODE ? 22 : 30;
		if (width < (double)strlen(h) + 3)
			width = (double)strlen(h) + 3;
		worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, width, NULL);
		worksheet_write_string(s->ws, 0, (lxw_col_t)c, h, s->head);
	}
	worksheet_freeze_panes(s->ws, 1, 0);
	s->row = 1;
	return EALA_OK;
}

/* "2019-06-01" as a date cell; 0 when s is not such a date. */
static int write_date(struct sheet *s, lxw_col_t c, const char *v)
{
	int y, m, d;
	char tail;
	if (sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return 0;
	lxw_datetime dt = {.year = y, .month = m, .day = d};
	worksheet_write_datetime(s->ws, s->row, c, &dt, s->date);
	return 1;
}

static int sheet_row(struct sheet *s, const void *r)
{
	if (s->row >= LXW_ROW_MAX && sheet_open(s))
		return EALA_EIO;
	for (size_t c = 0; c < s->ncols; c++) {
		size_t i = (size_t)s->cols[c];
		lxw_col_t col = (lxw_col_t)c;
		enum csv_value v = records_csv_col_value(s->kind, i);
		double d;
		if (v == CSV_VALUE_BOOL && records_csv_number(s->kind, i, r, &d)) {
			worksheet_write_boolean(s->ws, s->row, col, d != 0, NULL);
			continue;
		}
		if ((v == CSV_VALUE_ID || v == CSV_VALUE_NUMBER) ) {
			if (records_csv_number(s->kind, i, r, &d))
				worksheet_write_number(s->ws, s->row, col, d, NULL);
			continue;
		}
		char buf[64], *owned;
		const char *t = records_csv_cell(s->kind, i, r, s->lang, buf, sizeof(buf), &owned);
		if (t && *t && !(v == CSV_VALUE_DATE && write_date(s, col, t))) {
			lxw_error e = worksheet_write_string(s->ws, s->row, col, t, NULL);
			if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
				/* a cell holds 32,767 characters: cut at a character boundary */
				size_t n = 32767;   /* bytes: at most that many characters */
				while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
					n--;
				char *cut = xstrndup(t, n);
				e = cut ? worksheet_write_string(s->ws, s->row, col, cut, NULL) : LXW_ERROR_MEMORY_MALLOC_FAILED;
				free(cut);
			}
			if (e && !s->err)
				s->err = e;
		}
		free(owned);
	}
	s->row++;
	return s->err ? EALA_EIO : EALA_OK;
}

static int xl_authority(void *ctx, const struct authority *a) { return sheet_row(ctx, a); }
static int xl_organisation(void *ctx, const struct organisation *o) { return sheet_row(ctx, o); }
static int xl_partnership(void *ctx, const struct partnership *p) { return sheet_row(ctx, p); }
static int xl_action(void *ctx, const struct action *a) { return sheet_row(ctx, a); }

int export_xlsx(struct store *st, const struct export_opts *o, const char *path, char **errmsg)
{
	struct errlist el;
	struct export *x = NULL;
	struct export_opts csv = *o;
	int rc;
	errlist_init(&el);
	csv.format = EXPORT_CSV;
	csv.labels = 1;
	enum record_kind kinds[RK_COUNT];
	size_t nkinds = 0;
	if ((rc = export_check(o, &el)))
		goto out;
	if (o->kind == RK_NONE) {
		for (int k = 0; k < RK_COUNT; k++)
			kinds[nkinds++] = (enum record_kind)k;
	} else {
		kinds[nkinds++] = o->kind;
	}
	lxw_workbook_options wo = {.constant_memory = LXW_TRUE};
	lxw_workbook *wb = workbook_new_opt(path, &wo);
	if (!wb) {
		*errmsg = xasprintf("%s: cannot create the workbook", path);
		rc = EALA_EIO;
		goto out;
	}
	struct sheet s = {.wb = wb, .lang = o->lang};
	s.head = workbook_add_format(wb);
	format_set_bold(s.head);
	format_set_bg_color(s.head, 0xE8EEF4);
	format_set_bottom(s.head, LXW_BORDER_THIN);
	s.date = workbook_add_format(wb);
	format_set_num_format(s.date, "yyyy-mm-dd");
	rc = EALA_OK;
	for (size_t i = 0; i < nkinds && !rc; i++) {
		csv.kind = kinds[i];
		if ((rc = export_new(&csv, &x, &el)))
			break;
		struct store_filter f = o->filter;
		f.limit = 0;
		if (nkinds > 1)   /* every kind: the filters every list shares */
			f.kind = f.status = f.domain = NULL, f.year = 0;
		s.kind = kinds[i];
		s.cols = x->cols;
		s.ncols = x->ncols;
		s.part = 0;
		s.ws = NULL;
		if ((rc = sheet_open(&s)))
			break;
		switch (kinds[i]) {
		case RK_AUTHORITY: rc = store_authority_list(st, &f, xl_authority, &s, NULL, errmsg); break;
		case RK_ORGANISATION: rc = store_organisation_list(st, &f, xl_organisation, &s, NULL, errmsg); break;
		case RK_PARTNERSHIP: rc = store_partnership_list(st, &f, xl_partnership, &s, NULL, errmsg); break;
		default: rc = store_action_list(st, &f, xl_action, &s, NULL, errmsg); break;
		}
		sheet_finish(&s);
		export_free(x);
		x = NULL;
	}
	lxw_error e = workbook_close(wb);
	if (!rc && (e || s.err))
		rc = EALA_EIO;
	if (rc && errmsg && !*errmsg && !el.n)
		*errmsg = xasprintf("%s: cannot write the workbook: %s", path,
				    lxw_strerror(e ? e : s.err ? s.err : LXW_ERROR_CREATING_XLSX_FILE));
out:
	if (el.n && errmsg && !*errmsg) {
		char *line = errlist_format(&el.v[0]);
		*errmsg = line;
	}
	export_free(x);
	errlist_clear(&el);
	return rc;
}
