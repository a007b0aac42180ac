/* pdf.h: printing a report's HTML to PDF with headless Chromium.
 *
 * Chromium ($EALA_CHROMIUM, else /usr/bin/chromium) opens the HTML from a
 * fresh temporary folder with a fresh profile, runs its scripts (a virtual
 * time budget lets the charts and the map draw) and prints on A4 without
 * header or footer. The PDF is written beside its destination under a
 * temporary name and renamed into place once Chromium has succeeded: a failed
 * run leaves nothing half-written.
 */
#ifndef EALA_PDF_H
#define EALA_PDF_H

#include <stddef.h>

/* The Chromium program eala prints with. */
const char *report_chromium(void);

/* Print html (len bytes, a self-contained document) to pdf_path. EALA_OK;
 * EALA_ENOTFOUND when Chromium is missing; EALA_EIO when it fails or a file
 * cannot be written; *errmsg says which. */
int report_pdf(const char *html, size_t len, const char *pdf_path, char **errmsg);

#endif
