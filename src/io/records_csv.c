/* records_csv.c: placeholder. */
#include "records_csv.h"
#include <string.h>
enum record_kind record_kind_parse(const char *s) { (void)s; return RK_NONE; }
const char *record_kind_name(enum record_kind k) { (void)k; return "?"; }
int records_csv_import(struct store *st, char *const *paths, size_t n, enum record_kind kind,
		       int dry_run, struct csv_import_report *rep, struct errlist *errors)
{ (void)st; (void)paths; (void)n; (void)kind; (void)dry_run; (void)rep; errlist_add(errors, NULL, 0, NULL, "todo"); return EALA_EINVAL; }
int records_csv_export(struct store *st, enum record_kind kind, const struct store_filter *f,
		       FILE *out, char **errmsg)
{ (void)st; (void)kind; (void)f; (void)out; *errmsg = strdup("todo"); return EALA_EINVAL; }
