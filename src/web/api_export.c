/* api_export.c: GET /api/v1/{kind}/export.{format} and /api/v1/export.{format}:
 * the exports of src/io/export.c as downloads, with the lists' filters.
 *
 * CSV, GeoJSON, JSON and NDJSON are streamed: the handler checks the request
 * and hands server.c a reader (req.stream_read) that libmicrohttpd calls for
 * each chunk of the body; each call writes the export's next step of rows
 * into a memory stream and copies it out, so the server holds one step
 * (STREAM_ROWS records) whatever the number of records. The reader keeps the
 * request's store connection until the body is sent (the pool gets a new one).
 * XLSX is built in a temporary file (libxlsxwriter's constant-memory mode),
 * unlinked once open, and sent from its descriptor.
 */
#define _GNU_SOURCE
#include "web.h"

#include "../core/codelist.h"
#include "../io/export.h"

#include <fcntl.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STREAM_ROWS 256   /* records per chunk of a streamed export */

struct stream {
	struct export *x;
	struct store *st;    /* owned: closed with the stream */
	char *buf;           /* the current step's bytes */
	size_t len, off;
	int done;
};

static long stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct stream *s = cls;
	(void)pos;
	while (s->off == s->len) {
		if (s->done)
			return MHD_CONTENT_READER_END_OF_STREAM;
		free(s->buf);
		s->buf = NULL;
		s->len = s->off = 0;
		char *errmsg = NULL;
		FILE *f = open_memstream(&s->buf, &s->len);
		int rc = f ? export_step(s->x, s->st, f, STREAM_ROWS, &s->done, &errmsg) : EALA_ENOMEM;
		if (f && fclose(f) != 0 && !rc)
			rc = EALA_ENOMEM;
		if (rc) {
			/* the status line is gone: cut the body short, and say why in the log */
			fprintf(stderr, "eala serve: export stopped: %s\n", errmsg ? errmsg : eala_strerror(rc));
			free(errmsg);
			return MHD_CONTENT_READER_END_WITH_ERROR;
		}
	}
	size_t n = s->len - s->off < max ? s->len - s->off : max;
	memcpy(out, s->buf + s->off, n);
	s->off += n;
	return (long)n;
}

static void stream_free(void *cls)
{
	struct stream *s = cls;
	export_free(s->x);
	store_close(s->st);
	free(s->buf);
	free(s);
}

/* The options of the request; every problem in el. */
static void read_options(struct req *r, int format, struct export_opts *o, struct errlist *el)
{
	enum record_kind k = (enum record_kind)r->kind;
	memset(o, 0, sizeof(*o));
	o->format = (enum export_format)format;
	o->kind = k;
	o->columns = req_arg(r, "columns");
	const char *labels = req_arg(r, "labels");
	if (labels && strcmp(labels, "0") != 0 && strcmp(labels, "1") != 0)
		errlist_add(el, NULL, 0, "labels", N_("must be 0 or 1"));
	o->labels = labels && strcmp(labels, "1") == 0;
	o->lang = CL_LANG_EN;   /* the request's, once checked (its messages stay English) */
	/* without a kind, GeoJSON's partnerships take the kind-specific
	 * filters; a workbook of every kind takes those every list shares */
	if (k == RK_NONE && format == EXPORT_XLSX) {
		static const char *const own[] = {"kind", "level", "status", "domain", "year"};
		for (size_t i = 0; i < sizeof(own) / sizeof(*own); i++)
			if (req_arg(r, own[i]))
				errlist_add(el, NULL, 0, own[i], N_("needs a kind of records: /api/v1/KIND/export.xlsx"));
	}
	api_filter(r, k == RK_NONE ? RK_PARTNERSHIP : k, &o->filter, el);
	o->filter.limit = 0;   /* no cap: 'limit' is a list's page */
	if (k == RK_NONE && format == EXPORT_XLSX)
		o->filter.kind = o->filter.status = o->filter.domain = NULL, o->filter.year = 0;
	export_check(o, el);
}

/* The workbook into a temporary file, sent from its descriptor. */
static int send_xlsx(struct req *r, const struct export_opts *o)
{
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/eala-export-XXXXXX.xlsx", tmp && *tmp ? tmp : "/tmp");
	char *errmsg = NULL;
	int fd = path ? mkstemps(path, 5) : -1, rc;
	if (fd < 0) {
		free(path);
		return json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, "no room for the workbook");
	}
	close(fd);
	rc = export_xlsx(r->st, o, path, &errmsg);
	fd = rc ? -1 : open(path, O_RDONLY | O_CLOEXEC);
	unlink(path);
	free(path);
	struct stat sb;
	if (rc || fd < 0 || fstat(fd, &sb) != 0) {
		if (fd >= 0)
			close(fd);
		rc = json_error(r, web_http_status(rc ? rc : EALA_EIO), NULL, errmsg ? errmsg : "the workbook could not be written");
		free(errmsg);
		return rc;
	}
	r->body_fd = fd;
	r->body_fd_size = (uint64_t)sb.st_size;
	return r->status = MHD_HTTP_OK;
}

int api_export(struct req *r)
{
	int format = export_format_parse(r->format);
	struct export_opts o;
	struct errlist el;
	errlist_init(&el);
	if (!r->user.id)
		auth_optional(r);   /* drafts for signed-in readers only */
	if (format < 0) {
		errlist_add(&el, NULL, 0, "format", N_("is not one of csv, xlsx, geojson, json, ndjson"));
		int rc = json_errors(r, MHD_HTTP_BAD_REQUEST, &el);
		errlist_clear(&el);
		return rc;
	}
	read_options(r, format, &o, &el);
	if (el.n) {
		int rc = json_errors(r, MHD_HTTP_BAD_REQUEST, &el);
		errlist_clear(&el);
		return rc;
	}
	errlist_clear(&el);
	lang_choose(r);   /* the labels' language: ?lang=, the cookie, Accept-Language */
	o.lang = lang_codelist(r);
	char name[64];
	snprintf(r->disposition, sizeof(r->disposition), "attachment; filename=\"%s\"",
		 export_file_name(&o, name, sizeof(name)));
	r->content_type = export_content_type(o.format);
	if (o.format == EXPORT_XLSX)
		return send_xlsx(r, &o);
	struct stream *s = calloc(1, sizeof(*s));
	if (!s || export_new(&o, &s->x, &el)) {
		free(s);
		errlist_clear(&el);
		return json_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, "out of memory");
	}
	s->st = r->st;   /* kept until the body is sent */
	r->st = NULL;
	r->stream_read = stream_read;
	r->stream_free = stream_free;
	r->stream_cls = s;
	return r->status = MHD_HTTP_OK;
}
