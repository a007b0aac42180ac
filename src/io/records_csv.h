/* records_csv.h: CSV import and export of authorities, organisations,
 * partnerships and actions, and through results_csv.c of expected impacts and
 * observed outcomes (columns in docs/DATA.md).
 *
 * Import: UTF-8 with or without BOM, ',' or ';' separated, English or French
 * header names, columns in any order, unknown columns refused. The kind of
 * record is told by the header (or forced). Every row is checked (fields,
 * codes, references to records in the database or earlier in the same
 * import) and every problem is reported with file, line and column before
 * anything is written; then all files are written in one transaction. A row
 * whose id exists updates that record; a row without id adds one; a row with
 * an unknown id adds a record with that id (so an export imports back as it was).
 */
#ifndef EALA_RECORDS_CSV_H
#define EALA_RECORDS_CSV_H

#include "../core/eala.h"
#include "../store/store.h"

#include <stdio.h>

/* The kinds below RK_COUNT are the records with pages, forms and routes (the
 * web layer loops over them); the results chain's two kinds follow, known to
 * the CSV import and export only (results_csv.c), then local actors' links
 * abroad (links_csv.c). */
enum record_kind {
	RK_NONE = -1,
	RK_AUTHORITY,
	RK_ORGANISATION,
	RK_PARTNERSHIP,
	RK_ACTION,
	RK_COUNT,
	RK_EXPECTED_IMPACT = RK_COUNT,   /* one CSV row per indicator period */
	RK_OBSERVED_OUTCOME,
	RK_STAKEHOLDER_LINK,             /* a local actor's link abroad (links_csv.c) */
	RK_CSV_COUNT
};

/* "authorities" -> RK_AUTHORITY (singular and plural, English and French); RK_NONE if unknown.
 * Only the kinds below RK_COUNT. */
enum record_kind record_kind_parse(const char *s);
/* The same, the results chain's kinds ("expected_impacts", "resultats_observes"...)
 * and the links ("stakeholder_links", "liens_des_acteurs"):
 * the kinds a CSV file may hold. */
enum record_kind csv_kind_parse(const char *s);
const char *record_kind_name(enum record_kind k);   /* "authorities" */
/* "authority": the audit log's and store_is_draft()'s name of the kind */
const char *record_kind_singular(enum record_kind k);

struct csv_import_report {
	const char *actor;   /* set by the caller: who imports, for the audit log (NULL: "cli") */
	size_t files;
	size_t rows;
	size_t created[RK_CSV_COUNT];
	size_t updated[RK_CSV_COUNT];
};

/* Import files (kind: RK_NONE to tell from each header). dry_run: check only.
 * EALA_OK, or EALA_EINVAL with every problem in errors and nothing written. */
int records_csv_import(struct store *st, char *const *paths, size_t n, enum record_kind kind,
		       int dry_run, struct csv_import_report *rep, struct errlist *errors);

/* Write every record of a kind matching f as CSV with the English header
 * (the results chain's kinds: every record, f is not used). */
int records_csv_export(struct store *st, enum record_kind kind, const struct store_filter *f,
		       FILE *out, char **errmsg);

/* ---- columns, for the other exports (export.c) ----
 * The columns of the four kinds below RK_COUNT, in the export's order (0 and
 * NULL for another kind or an index past the last). */
enum csv_value {
	CSV_VALUE_TEXT,
	CSV_VALUE_ID,       /* a record id */
	CSV_VALUE_NUMBER,   /* population, latitude, longitude */
	CSV_VALUE_DATE,     /* YYYY-MM-DD */
	CSV_VALUE_BOOL,
	CSV_VALUE_CODE,     /* a code, or a '|' list of codes, of a code list */
};
size_t records_csv_ncols(enum record_kind k);
const char *records_csv_col_name(enum record_kind k, size_t i);    /* "official_code" */
/* The English label of the column ("Official code"), marked for gettext:
 * the caller translates it. */
const char *records_csv_col_label(enum record_kind k, size_t i);
enum csv_value records_csv_col_value(enum record_kind k, size_t i);
/* The index of the column exported as name, or -1. */
int records_csv_col_find(enum record_kind k, const char *name);
/* The text of column i of r (a struct authority, organisation, partnership or
 * action, as k says) as the CSV export writes it, or with label_lang a
 * CL_LANG_* (-1: codes) the code lists' labels in that language instead of
 * codes. Borrowed from r, the code lists or buf (len bytes), or, when *owned
 * is set, *owned, which the caller frees. NULL when empty. */
const char *records_csv_cell(enum record_kind k, size_t i, const void *r, int label_lang, char *buf,
			     size_t len, char **owned);
/* 1 with *out when column i of r is a number that has a value (ids, population,
 * coordinates, booleans as 0 or 1); 0 otherwise. */
int records_csv_number(enum record_kind k, size_t i, const void *r, double *out);

#endif
