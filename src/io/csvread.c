/* csvread.c: CSV bytes into rows with line numbers, on libcsv.
 *
 * libcsv does not count lines, so the input is fed one physical line at a
 * time: every callback that fires during a feed belongs to that line, and a
 * row starts on the line being fed when the parser had not begun a row
 * (pstate 0, libcsv's ROW_NOT_BEGUN) before it. Fields are copied into large
 * blocks owned by the document rather than one allocation each.
 */
#define _GNU_SOURCE
#include "csvread.h"

#include "../core/text.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

struct csv_block {
	struct csv_block *next;
	size_t used, cap;
	_Alignas(sizeof(void *)) char data[];
};

/* size bytes aligned for a pointer, from the document's blocks; NULL when out of memory */
static void *arena_alloc(struct csv_doc *d, size_t size)
{
	size = (size + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
	struct csv_block *b = d->arena;
	if (!b || b->cap - b->used < size) {
		size_t cap = size > 65536 ? size : 65536;
		if (!(b = malloc(sizeof(*b) + cap)))
			return NULL;
		b->next = d->arena;
		b->used = 0;
		b->cap = cap;
		d->arena = b;
	}
	void *p = b->data + b->used;
	b->used += size;
	return p;
}

struct feed {
	struct csv_doc *doc;
	struct errlist *el;
	struct strv cur;        /* fields of the row being read: pointers into the arena,
				 * not owned (cleared with cur.n = 0) */
	long line;              /* physical line being fed */
	long row_line;          /* where the current row began */
	int header_done;
	int bad_row;            /* the current row already has an error */
	int failed;             /* stop collecting (allocation) */
};

static void on_field(void *s, size_t len, void *data)
{
	struct feed *f = data;
	const char *field = s ? s : "";
	if (f->failed)
		return;
	long bad = text_utf8_error_at(field, len);
	if (bad >= 0 && !f->bad_row) {
		errlist_add(f->el, f->doc->file, f->row_line, NULL,
			    N_("field %zu is not valid UTF-8 (byte %ld); save the file as UTF-8"),
			    f->cur.n + 1, bad + 1);
		f->bad_row = 1;
	}
	char *copy = arena_alloc(f->doc, len + 1);
	if (copy) {
		memcpy(copy, field, len);
		copy[len] = '\0';
	}
	if (!copy || strv_push_take(&f->cur, copy))
		f->failed = 1;
}

static void add_row(struct feed *f)
{
	struct csv_doc *d = f->doc;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 256;
		struct csv_row *v = realloc(d->rows, cap * sizeof(*v));
		if (!v) {
			f->failed = 1;
			return;
		}
		d->rows = v;
		d->cap = cap;
	}
	char **v = arena_alloc(d, (f->cur.n ? f->cur.n : 1) * sizeof(char *));
	if (!v) {
		f->failed = 1;
		return;
	}
	memcpy(v, f->cur.v, f->cur.n * sizeof(char *));
	d->rows[d->n].line = f->row_line;
	d->rows[d->n].f = (struct strv){v, f->cur.n, f->cur.n};
	d->n++;
	f->cur.n = 0;
}

static int blank_row(const struct strv *row)
{
	for (size_t i = 0; i < row->n; i++)
		if (!str_blank(row->v[i]))
			return 0;
	return 1;
}

static void on_row(int c, void *data)
{
	struct feed *f = data;
	(void)c;
	if (f->failed)
		return;
	if (!f->header_done) {
		if (strv_copy(&f->doc->header, &f->cur))
			f->failed = 1;
		f->doc->header_line = f->row_line;
		f->header_done = 1;
	} else if (blank_row(&f->cur)) {
		/* a blank line, or a row of empty cells (";;;" from a spreadsheet) */
	} else if (f->cur.n != f->doc->header.n) {
		if (!f->bad_row)
			errlist_add(f->el, f->doc->file, f->row_line, NULL,
				    N_("has %zu fields, the header has %zu"), f->cur.n,
				    f->doc->header.n);
	} else if (!f->bad_row) {
		add_row(f);
	}
	f->cur.n = 0;
	f->bad_row = 0;
}

/* ';' when the header line has more semicolons than commas outside quotes. */
static char guess_delim(const char *buf, size_t len)
{
	size_t commas = 0, semis = 0;
	int quoted = 0;
	for (size_t i = 0; i < len && (quoted || buf[i] != '\n'); i++) {
		if (buf[i] == '"')
			quoted = !quoted;
		else if (!quoted && buf[i] == ',')
			commas++;
		else if (!quoted && buf[i] == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

int csvdoc_parse(const char *name, const char *buf, size_t len, struct csv_doc *doc,
		 struct errlist *el)
{
	struct csv_parser p;
	struct feed f = {.doc = doc, .el = el, .line = 1};
	size_t errs_before = errlist_count(el);
	int rc = EALA_OK;

	memset(doc, 0, sizeof(*doc));
	doc->file = xstrdup(name);
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	size_t start = 0;
	while (start < len && (buf[start] == '\n' || buf[start] == '\r' || buf[start] == ' '))
		start++;
	if (start == len) {
		errlist_add(el, name, 0, NULL, N_("the file is empty: a header line is expected"));
		return EALA_EINVAL;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return EALA_ENOMEM;
	doc->delim = guess_delim(buf + start, len - start);
	csv_set_delim(&p, (unsigned char)doc->delim);

	size_t pos = 0;
	while (pos < len && !f.failed) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t seg = nl ? (size_t)(nl - (buf + pos)) + 1 : len - pos;
		if (seg > CSV_MAX_LINE) {
			errlist_add(el, name, f.line, NULL,
				    N_("line is longer than %d bytes: not a CSV file eala reads"),
				    CSV_MAX_LINE);
			rc = EALA_EINVAL;
			goto out;
		}
		if (p.pstate == 0) /* ROW_NOT_BEGUN: a new row starts on this line */
			f.row_line = f.line;
		if (csv_parse(&p, buf + pos, seg, on_field, on_row, &f) != seg) {
			if (csv_error(&p) != CSV_EPARSE)
				errlist_add(el, name, f.line, NULL, N_("out of memory while reading"));
			else if (f.row_line != f.line)
				/* a quote opened earlier ran on until another quote broke the syntax */
				errlist_add(el, name, f.row_line, NULL,
					    N_("malformed quoting in the row that starts here: a quote opened "
					    "in it is not closed before line %ld"), f.line);
			else
				errlist_add(el, name, f.line, NULL,
					    N_("malformed quoting: a quote inside an unquoted field, "
					    "or text after a closing quote"));
			rc = EALA_EINVAL;
			goto out;
		}
		pos += seg;
		if (nl)
			f.line++;
	}
	if (csv_fini(&p, on_field, on_row, &f) != 0) {
		errlist_add(el, name, f.row_line, NULL,
			    N_("a quoted field opened here is never closed"));
		rc = EALA_EINVAL;
		goto out;
	}
	if (f.failed) {
		rc = EALA_ENOMEM;
		goto out;
	}
	if (errlist_count(el) > errs_before)
		rc = EALA_EINVAL;
out:
	free(f.cur.v);   /* the strings are the arena's */
	csv_free(&p);
	return rc;
}

int csvdoc_read_file(const char *path, struct csv_doc *doc, struct errlist *el)
{
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc = EALA_OK;
	memset(doc, 0, sizeof(*doc));
	if (!in) {
		errlist_add(el, path, 0, NULL, N_("cannot open: %s"), strerror(errno));
		return EALA_EIO;
	}
	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			char *nb = realloc(buf, cap);
			if (!nb) {
				rc = EALA_ENOMEM;
				goto out;
			}
			buf = nb;
		}
		size_t got = fread(buf + len, 1, cap - len, in);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(in)) {
		errlist_add(el, path, 0, NULL, N_("cannot read: %s"), strerror(errno));
		rc = EALA_EIO;
		goto out;
	}
	rc = csvdoc_parse(path, buf ? buf : "", len, doc, el);
out:
	free(buf);
	if (in != stdin)
		fclose(in);
	return rc;
}

void csvdoc_clear(struct csv_doc *doc)
{
	if (!doc)
		return;
	while (doc->arena) {
		struct csv_block *next = doc->arena->next;
		free(doc->arena);
		doc->arena = next;
	}
	free(doc->rows);
	strv_clear(&doc->header);
	free(doc->file);
	memset(doc, 0, sizeof(*doc));
}

/* Header name as a comparable key: "Date de début" -> "date_de_debut". */
static char *header_key(const char *s)
{
	char *k = text_loose_key(s);
	if (!k)
		return NULL;
	for (char *p = k; *p; p++)
		if (*p == ' ')
			*p = '_';
	return k;
}

int csvdoc_column(const struct csv_doc *doc, const char *const *names)
{
	for (size_t i = 0; i < doc->header.n; i++) {
		char *k = header_key(doc->header.v[i]);
		if (!k)
			continue;
		for (const char *const *n = names; *n; n++) {
			if (strcmp(k, *n) == 0) {
				free(k);
				return (int)i;
			}
		}
		free(k);
	}
	return -1;
}

const char *csvdoc_field(const struct csv_row *r, int i)
{
	if (i < 0 || (size_t)i >= r->f.n)
		return NULL;
	const char *s = r->f.v[i];
	return str_blank(s) ? NULL : s;
}

int csv_write_field(FILE *out, const char *s, int sep)
{
	if (sep && fputc(',', out) == EOF)
		return EALA_EIO;
	if (!s || !*s)
		return EALA_OK;
	int quote = isspace((unsigned char)s[0]) || isspace((unsigned char)s[strlen(s) - 1]) ||
		    strpbrk(s, ",;\"\r\n") != NULL;
	if (quote)
		return csv_fwrite(out, s, strlen(s)) == 0 ? EALA_OK : EALA_EIO;
	return fputs(s, out) == EOF ? EALA_EIO : EALA_OK;
}

/* ---- values of cells ---- */

char *csv_trim(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

int csv_parse_id(const char *s, int64_t *out)
{
	char *end;
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '#')
		s++;
	if (!isdigit((unsigned char)*s))
		return 0;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (errno || *end || v <= 0)
		return 0;
	*out = v;
	return 1;
}

int csv_parse_integer(const char *s, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (errno || end == s || *end)
		return 0;
	*out = v;
	return 1;
}

/* A decimal number; with ';' as separator "45,76" is 45.76. */
int csv_parse_number(const char *s, char delim, double *out)
{
	char buf[64], *end;
	size_t n = strlen(s);
	if (n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n + 1);
	char *comma = strchr(buf, ',');
	if (comma) {
		if (delim != ';' || strchr(buf, '.') || strchr(comma + 1, ','))
			return 0;
		*comma = '.';
	}
	errno = 0;
	double v = strtod(buf, &end);
	while (isspace((unsigned char)*end))
		end++;
	if (errno || end == buf || *end || !isfinite(v))
		return 0;
	*out = v;
	return 1;
}

int csv_parse_bool(const char *s, int *out)
{
	static const char *const yes[] = {"1", "true", "yes", "oui", "vrai", "y", "o"};
	static const char *const no[] = {"0", "false", "no", "non", "faux", "n"};
	for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++)
		if (strcasecmp(s, yes[i]) == 0)
			return *out = 1;
	for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++) {
		if (strcasecmp(s, no[i]) == 0) {
			*out = 0;
			return 1;
		}
	}
	return 0;
}

/* "5/3/2021" and "05/03/2021" (French order) become "2021-03-05"; anything
 * else is kept as written for the validation to judge. */
char *csv_convert_date(const char *s)
{
	int d, m, y, used = 0;
	if (strchr(s, '/') && sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &used) == 3 &&
	    s[used] == '\0' && y >= 1000)
		return xasprintf("%04d-%02d-%02d", y, m, d);
	return xstrdup(s);
}
