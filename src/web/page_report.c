/* page_report.c: the annual report of an authority on the web
 * (/authorities/{id}/report?year=Y), its PDF (/authorities/{id}/report.pdf)
 * and its style sheet (/static/report.css). The report itself is
 * src/report/annual.c, the same as 'eala report annual'; this file reads the
 * request, frames the sections in a page with a year selector, and answers
 * errors as pages: 400 for a bad year, 404 for an unknown or hidden
 * authority, 503 when the database or Chromium fails. */
#include "web.h"
#include "html.h"

#include "../core/codelist.h"
#include "../io/records_csv.h"
#include "../report/annual.h"
#include "../report/pdf.h"

#include <errno.h>
#include <stdatomic.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int this_year(void)
{
	time_t now = time(NULL);
	struct tm tm;
	return gmtime_r(&now, &tm) ? tm.tm_year + 1900 : 2025;
}

static int problem_page(struct req *r, int status, const char *msg)
{
	r->status = status;
	page_begin(r, tr(r, "Annual report"), NULL);
	html(&r->body, "<p class=\"error\">");
	html_text(&r->body, msg);
	html(&r->body, "</p>\n");
	page_end(r);
	return r->status;
}

/* The year asked (1900..2100), else the last year with data, else this year;
 * 0 with a 400 page for a bad one. */
static int report_year(struct req *r)
{
	const char *s = req_arg(r, "year");
	if (!s) {
		int y = 0;
		store_authority_last_year(r->st, r->id, this_year(), &y, NULL);
		return y ? y : this_year();
	}
	char *end;
	errno = 0;
	long y = strtol(s, &end, 10);
	if (errno || end == s || *end || y < 1900 || y > 2100) {
		problem_page(r, MHD_HTTP_BAD_REQUEST, tr(r, "The year must be a number between 1900 and 2100."));
		return 0;
	}
	return (int)y;
}

/* The report of the request's authority and year, or NULL with the page answered. */
static struct annual *load(struct req *r)
{
	if (draft_hidden(r, RK_AUTHORITY, r->id) || !store_authority_exists(r->st, r->id)) {
		problem_page(r, MHD_HTTP_NOT_FOUND, tr(r, "There is no authority with this number."));
		return NULL;
	}
	int year = report_year(r);
	if (!year)
		return NULL;
	struct annual *a = NULL;
	char *err = NULL;
	int rc = annual_load(r->st, r->id, year, &a, &err);
	if (rc == EALA_EINVAL || rc == EALA_ENOTFOUND)
		problem_page(r, MHD_HTTP_NOT_FOUND, tr(r, "This authority is a draft: its report appears once it is published."));
	else if (rc)
		problem_page(r, MHD_HTTP_SERVICE_UNAVAILABLE, err ? err : eala_strerror(rc));
	free(err);
	return a;
}

static void year_form(struct req *r, const struct annual *a)
{
	struct buf *b = &r->body;
	int year = annual_year(a);
	html(b, "<form class=\"report-year\" method=\"get\" action=\"/authorities/");
	html_int(b, r->id);
	html(b, "/report\"><label>");
	html_text(b, tr(r, "Year"));
	html(b, " <input name=\"year\" type=\"number\" min=\"1900\" max=\"2100\" value=\"");
	html_int(b, year);
	html(b, "\"></label> <button type=\"submit\">");
	html_text(b, tr(r, "Show"));
	html(b, "</button> <a href=\"?year=");
	html_int(b, year - 1);
	html(b, "\">← ");
	html_int(b, year - 1);
	html(b, "</a> <a href=\"?year=");
	html_int(b, year + 1);
	html(b, "\">");
	html_int(b, year + 1);
	html(b, " →</a> <a href=\"/authorities/");
	html_int(b, r->id);
	html(b, "/report.pdf?year=");
	html_int(b, year);
	html(b, "&amp;lang=");
	html(b, lang_code(r));
	html(b, "\">");
	html_text(b, tr(r, "Download as PDF"));
	html(b, "</a></form>\n");
}

int page_report(struct req *r)
{
	struct annual *a = load(r);
	if (!a)
		return r->status;
	struct buf title = {0};
	annual_title(a, lang_codelist(r), &title);
	page_begin(r, title.s ? title.s : "", NULL);
	buf_free(&title);
	html(&r->body, "<link rel=\"stylesheet\" href=\"/static/report.css\">\n");
	year_form(r, a);
	annual_body(a, lang_codelist(r), &r->body);
	html(&r->body, "<script src=\"/static/report.js\" defer></script>\n");
	page_end(r);
	annual_free(a);
	return r->status;
}

/* The PDF of doc into a temporary file, then into the answer. */
static int print_pdf(struct req *r, const struct buf *doc)
{
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/eala-report-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int fd = path ? mkstemp(path) : -1;
	char *err = NULL;
	if (fd < 0) {
		free(path);
		return problem_page(r, MHD_HTTP_SERVICE_UNAVAILABLE, "cannot make a temporary file");
	}
	close(fd);
	int rc = report_pdf(doc->s, doc->len, path, &err);
	FILE *f = rc ? NULL : fopen(path, "rb");
	if (f) {
		char chunk[65536];
		size_t n;
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_add(&r->body, chunk, n);
		fclose(f);
		r->content_type = "application/pdf";
		r->status = MHD_HTTP_OK;
	} else {
		problem_page(r, MHD_HTTP_SERVICE_UNAVAILABLE,
			     rc == EALA_ENOTFOUND ? tr(r, "The PDF cannot be made: Chromium is not installed on the server.")
						  : err ? err : "the PDF cannot be made");
	}
	unlink(path);
	free(path);
	free(err);
	return r->status;
}

/* Chromium processes printing at once: each takes a second and a few hundred
 * MB, so a burst of PDF requests waits its turn (503, Retry-After) rather
 * than filling the machine. Shared by the worker threads, hence atomic. */
#define PDF_AT_ONCE 2
static atomic_int printing;

/* The PDF, when fewer than PDF_AT_ONCE are being printed. */
static int pdf_of(struct req *r, const struct buf *doc)
{
	if (atomic_fetch_add(&printing, 1) >= PDF_AT_ONCE) {
		atomic_fetch_sub(&printing, 1);
		r->retry_after = 5;
		return problem_page(r, MHD_HTTP_SERVICE_UNAVAILABLE,
				    tr(r, "Other reports are being printed; try again in a few seconds."));
	}
	int status = print_pdf(r, doc);
	atomic_fetch_sub(&printing, 1);
	return status;
}

int page_report_pdf(struct req *r)
{
	struct annual *a = load(r);
	if (!a)
		return r->status;
	struct annual_assets as;
	struct buf doc = {0};
	char *err = NULL;
	if (annual_assets_load(NULL, &as, &err)) {
		problem_page(r, MHD_HTTP_SERVICE_UNAVAILABLE, err);
	} else {
		annual_document(a, lang_codelist(r), &as, &doc);
		pdf_of(r, &doc);
	}
	free(err);
	buf_free(&doc);
	annual_assets_clear(&as);
	annual_free(a);
	return r->status;
}

int page_report_css(struct req *r)
{
	r->content_type = "text/css; charset=utf-8";
	buf_puts(&r->body, annual_css());
	return MHD_HTTP_OK;
}
