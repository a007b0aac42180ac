/* results_csv.h: the results chain as CSV: expected impacts, one row per
 * indicator period, and observed outcomes, one row per outcome (columns in
 * docs/DATA.md).
 *
 * Not an entry point of its own: records_csv_import() and
 * records_csv_export() hand these two kinds (RK_EXPECTED_IMPACT,
 * RK_OBSERVED_OUTCOME) here, so that one command checks every file of every
 * kind before anything is written and writes them in one transaction.
 *
 * Ownership: the store, the error list and the documents are borrowed; the
 * import state belongs to the caller, who frees it with results_import_free().
 */
#ifndef EALA_RESULTS_CSV_H
#define EALA_RESULTS_CSV_H

#include "csvread.h"
#include "records_csv.h"

#include <stdio.h>

struct results_import;

/* What the rest of the import gives: 1 when its rows give a record of kind k
 * (RK_PARTNERSHIP or RK_ACTION) with this id, and for an action [out]
 * *partnership_id, the partnership it belongs to (0: none). */
typedef int (*results_lookup_fn)(void *ctx, enum record_kind k, int64_t id, int64_t *partnership_id);

/* RK_EXPECTED_IMPACT or RK_OBSERVED_OUTCOME when the header names one of
 * their columns that no other kind has, else RK_NONE. */
enum record_kind results_csv_kind(const struct csv_doc *doc);

/* A new, empty import reporting to el; lookup tells the partnerships and
 * actions of the same import. NULL when out of memory. */
struct results_import *results_import_new(struct store *st, struct errlist *el, results_lookup_fn lookup,
					  void *ctx);
void results_import_free(struct results_import *ri);

/* Read the rows of one document of kind k into records, every problem (cell,
 * code, date, rows of one impact that disagree) into the error list, with the
 * file, line and column. Read every expected impacts document before the
 * observed outcomes ones. EALA_OK, or EALA_ENOMEM. */
int results_csv_read(struct results_import *ri, enum record_kind k, const struct csv_doc *doc);

/* Once every document is read: check the references (partnerships, actions
 * and expected impacts in the database or in the import, an action in the
 * partnership given, an outcome's expectation in its partnership or action).
 * EALA_OK (problems go to the error list), or EALA_ENOMEM. */
int results_csv_check(const struct results_import *ri);

/* Write every record inside the caller's transaction: an id in the database
 * updates, others insert. Adds to created[k] and updated[k] (arrays of
 * RK_CSV_COUNT). EALA_OK, or the store's status with the problem in the list. */
int results_csv_write(struct results_import *ri, size_t *created, size_t *updated);

/* Every record of kind k as CSV, with the English header; the same columns
 * import back to the same records. */
int results_csv_export(struct store *st, enum record_kind k, FILE *out, char **errmsg);

#endif
