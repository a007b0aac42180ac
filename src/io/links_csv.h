/* links_csv.h: local actors' links abroad (stakeholder_link) as CSV, one row
 * per link (columns in docs/DATA.md), and the template an authority sends to
 * its local actors.
 *
 * Not an entry point of its own, like results_csv.h: records_csv_import() and
 * records_csv_export() hand the kind RK_STAKEHOLDER_LINK here, so that a file
 * of links is checked with the organisations and authorities of the same
 * import and written in the same transaction.
 *
 * Ownership: the store, the error list and the documents are borrowed; the
 * import state belongs to the caller, who frees it with links_import_free().
 */
#ifndef EALA_LINKS_CSV_H
#define EALA_LINKS_CSV_H

#include "csvread.h"
#include "records_csv.h"

#include <stdio.h>

struct links_import;

/* What the rest of the import gives: 1 when its rows give a record of kind k
 * (RK_AUTHORITY or RK_ORGANISATION) with this id. */
typedef int (*links_lookup_fn)(void *ctx, enum record_kind k, int64_t id);

/* RK_STAKEHOLDER_LINK when the header names a column only links have
 * (partner_authority_id, since), or the organisation and the country of a
 * link; else RK_NONE. */
enum record_kind links_csv_kind(const struct csv_doc *doc);

/* A new, empty import reporting to el. NULL when out of memory. */
struct links_import *links_import_new(struct store *st, struct errlist *el, links_lookup_fn lookup, void *ctx);
void links_import_free(struct links_import *li);

/* Read the rows of one document: every problem (cell, code, date) into the error list with the file, line and column. A row whose
 * id is in the database updates that link (columns the file lacks keep their
 * values). EALA_OK, or EALA_ENOMEM. */
int links_csv_read(struct links_import *li, const struct csv_doc *doc);

/* Once every document is read: no id is given twice, the organisations and
 * partner authorities exist, in the database or in the import. EALA_OK
 * (problems go to the list), or EALA_ENOMEM. */
int links_csv_check(const struct links_import *li);

/* Write every link inside the caller's transaction; adds to
 * created[RK_STAKEHOLDER_LINK] and updated[RK_STAKEHOLDER_LINK]. EALA_OK, or
 * the store's status with the problem in the list. */
int links_csv_write(struct links_import *li, size_t *created, size_t *updated);

/* Every link as CSV with the English header; imports back to the same links. */
int links_csv_export(struct store *st, FILE *out, char **errmsg);

/* The template: the header row alone, English names separated by ',' (lang
 * "en" or NULL) or French names separated by ';' (lang "fr", as a French
 * spreadsheet opens it). EALA_OK, EALA_EINVAL for another language, EALA_EIO. */
int links_csv_template(FILE *out, const char *lang);

#endif
