/* export.h: records out as files for people and programs: CSV with chosen
 * columns and code-list labels, JSON (an array) and NDJSON, GeoJSON, XLSX.
 * Formats and columns are described in docs/DATA.md ("Exports").
 *
 * No row cap and constant memory. CSV, JSON, NDJSON and GeoJSON are written
 * step by step: export_step() writes the next rows (at most max_rows, 0: all
 * that are left) to a FILE and says when it is done; each step reads the
 * store from the last id written (keyset paging), so a caller that sends
 * each step before the next (the web's streamed responses) holds one step in
 * memory whatever the number of records. XLSX is written to a path by
 * libxlsxwriter in its constant-memory mode (rows go to a temporary file as
 * they come).
 *
 * Ownership: options are copied by export_new(); the export belongs to the
 * caller (export_free). Error text goes to *errmsg, which the caller frees.
 */
#ifndef EALA_EXPORT_H
#define EALA_EXPORT_H

#include "../core/eala.h"
#include "../store/store.h"
#include "records_csv.h"

#include <stdio.h>

enum export_format {
	EXPORT_CSV,
	EXPORT_XLSX,
	EXPORT_GEOJSON,
	EXPORT_JSON,      /* one JSON array of the records as the API gives them */
	EXPORT_NDJSON,    /* the same records, one JSON object a line */
	EXPORT_NFORMATS
};

struct export_opts {
	enum export_format format;
	/* RK_NONE: every kind the format holds (GeoJSON: authorities, then
	 * partnerships; XLSX: a sheet for each of the four kinds); CSV, JSON and
	 * NDJSON need one of the four kinds */
	enum record_kind kind;
	const char *columns;       /* CSV and XLSX with a kind: "id,name,country" (NULL: every column) */
	int labels;                /* CSV: labels of codes and headers in lang (XLSX always has them) */
	int lang;                  /* CL_LANG_* of the labels */
	struct store_filter filter;   /* as the lists read it; limit not used */
};

/* "csv", "xlsx", "geojson", "json", "ndjson" -> the format; -1 if unknown. */
int export_format_parse(const char *s);
const char *export_format_name(enum export_format f);
/* "text/csv; charset=utf-8", ... */
const char *export_content_type(enum export_format f);
/* A file name for the download: "partnerships.csv", "eala.xlsx" (static). */
const char *export_file_name(const struct export_opts *o, char *buf, size_t len);

struct export;

/* Check o (a known format, the kind the format needs, every column named by
 * its export name): every problem goes to el named by its field ("format",
 * "kind", "columns"), and EALA_EINVAL. The headers' labels are translated
 * here, through gettext in the calling thread's locale. */
int export_new(const struct export_opts *o, struct export **out, struct errlist *el);
/* The checks of export_new() for any format, XLSX too. */
int export_check(const struct export_opts *o, struct errlist *el);
/* Write the next at most max_rows records (0: all) to out, the format's
 * opening before the first and its closing after the last; *done is set
 * once the closing is written. A failed write of out is EALA_EIO. */
int export_step(struct export *x, struct store *st, FILE *out, size_t max_rows, int *done,
		char **errmsg);
/* Records written so far. */
size_t export_count(const struct export *x);
void export_free(struct export *x);

/* The XLSX workbook of o at path (o->format is not read). */
int export_xlsx(struct store *st, const struct export_opts *o, const char *path, char **errmsg);

#endif
