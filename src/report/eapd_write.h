/* eapd_write.h: the yearly ODA declaration (src/analysis/eapd.c) as a text
 * summary, a CSV file (one table, a section column) or an XLSX workbook (one
 * sheet per table, libxlsxwriter). Labels in English; amounts in euros.
 * Arguments are borrowed. */
#ifndef EALA_EAPD_WRITE_H
#define EALA_EAPD_WRITE_H

#include "../analysis/eapd.h"

#include <stdio.h>

/* The authority the return is for: its name heads every format. */
struct eapd_doc {
	const struct eapd_return *r;
	const char *authority_name;
};

/* A summary for a terminal: totals, then what to complete. */
int eapd_write_text(FILE *out, const struct eapd_doc *d);
/* Columns section,action_id,action,category,country,sector,amount_eur,note;
 * sections about, total, category, country, sector, line, lacking, left_out. */
int eapd_write_csv(FILE *out, const struct eapd_doc *d);
/* Sheets Summary, By country, By sector, Lines, To complete. EALA_EIO with
 * *errmsg when the file cannot be written. */
int eapd_write_xlsx(const char *path, const struct eapd_doc *d, char **errmsg);

#endif
