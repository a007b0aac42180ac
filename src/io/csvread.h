/* csvread.h: CSV files into rows with line numbers, on libcsv.
 *
 * Accepts UTF-8 with or without a byte-order mark, comma or semicolon
 * separators (guessed from the header line), CRLF or LF; skips blank rows and
 * rows of empty cells (";;;", as spreadsheets write them). Refuses, naming the
 * line: an unclosed quote, a stray quote, a row whose number of fields differs
 * from the header's, invalid UTF-8, a line longer than CSV_MAX_LINE bytes and
 * an empty file. Parsing is pure (bytes in, rows and errors out) so it can be
 * fuzzed; csvdoc_read_file() only adds the reading of the file.
 */
#ifndef EALA_CSVREAD_H
#define EALA_CSVREAD_H

#include "../core/eala.h"

struct csv_block;

#define CSV_MAX_LINE (1024 * 1024)

struct csv_row {
	long line;           /* line where the row starts, 1-based */
	struct strv f;       /* its fields, borrowed from the document (do not clear) */
};

struct csv_doc {
	char *file;          /* name used in messages */
	char delim;          /* ',' or ';' */
	struct strv header;  /* the first row */
	long header_line;
	struct csv_row *rows;
	size_t n, cap;
	struct csv_block *arena;  /* where the rows' fields live, freed by csvdoc_clear */
};

/* Parse a whole buffer. EALA_OK, or EALA_EINVAL with every problem in el. */
int csvdoc_parse(const char *name, const char *buf, size_t len, struct csv_doc *doc,
		 struct errlist *el);
/* Read and parse a file ("-" is standard input). */
int csvdoc_read_file(const char *path, struct csv_doc *doc, struct errlist *el);
void csvdoc_clear(struct csv_doc *doc);

/* Index of the header column whose name matches one of names (ASCII
 * case-insensitive, spaces and hyphens as underscores, accents ignored), or -1. */
int csvdoc_column(const struct csv_doc *doc, const char *const *names);

/* Field i of row r, or NULL when empty or absent. */
const char *csvdoc_field(const struct csv_row *r, int i);

/* Write one CSV field (quoted when needed) to a FILE*; sep: write a ',' before. */
#include <stdio.h>
int csv_write_field(FILE *out, const char *s, int sep);

/* ---- values of cells, shared by the importers (docs/DATA.md "Values") ---- */

/* A copy of s without its leading and trailing spaces (NULL: out of memory). */
char *csv_trim(const char *s);
/* A record id: a whole number above 0, "#12" allowed. 1 when s is one. */
int csv_parse_id(const char *s, int64_t *out);
/* A whole number. 1 when s is one. */
int csv_parse_integer(const char *s, int64_t *out);
/* A decimal number with a point; in a ';'-separated file (delim ';') a
 * decimal comma too ("45,76"). 1 when s is one. */
int csv_parse_number(const char *s, char delim, double *out);
/* 1/0, true/false, yes/no, y/n, oui/non, vrai/faux, o, any case. 1 when s is one. */
int csv_parse_bool(const char *s, int *out);
/* "5/3/2021" and "05/03/2021" (French order) as "2021-03-05"; anything else
 * copied as written, for the validation to judge. NULL: out of memory. */
char *csv_convert_date(const char *s);

#endif
