/* report.c: 'eala report annual --authority ID --year Y -o FILE.html|FILE.pdf
 * [--lang en|fr]': the annual report of one authority (src/report/annual.c),
 * as one self-contained HTML file or printed to PDF by Chromium. The file
 * appears whole or not at all (a temporary name, then a rename). */
#define _GNU_SOURCE
#include "cli.h"

#include "../core/codelist.h"
#include "../report/annual.h"
#include "../report/pdf.h"
#include "../web/web.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n > m && strcasecmp(s + n - m, tail) == 0;
}

/* --lang, else the language of the environment as gettext reads it, else English. */
static const char *language(const struct cli *c)
{
	if (c->lang)
		return c->lang;
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < sizeof(vars) / sizeof(*vars); i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return strncmp(v, "fr", 2) == 0 ? "fr" : "en";
	}
	return "en";
}

static int write_html(const char *path, const struct buf *b)
{
	char *part = xasprintf("%s.XXXXXX", path);
	int fd = part ? mkstemp(part) : -1;
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	int ok = f && fwrite(b->s, 1, b->len, f) == b->len;
	ok = f ? (fclose(f) == 0) && ok : 0;
	if (!f && fd >= 0)
		close(fd);
	/* mkstemp makes the file private; give it the mode a new file gets */
	mode_t mask = umask(0);
	umask(mask);
	if (ok && chmod(part, 0666 & ~mask) == 0 && rename(part, path) == 0) {
		free(part);
		return 0;
	}
	cli_error("%s: cannot be written: %s", path, strerror(errno));
	if (fd >= 0)
		unlink(part);
	free(part);
	return 1;
}

static int annual(struct cli *c, int pdf)
{
	int64_t id = c->filter.authority_id;
	int lang = CL_LANG_EN, rc = 1;
	char *errmsg = NULL;
	struct annual *a = NULL;
	struct annual_assets as = {0};
	struct buf b = {0};
	const char *code = language(c);
	if (!store_authority_exists(c->st, id)) {
		cli_error("--authority %lld: no such authority", (long long)id);
		return 1;
	}
	if (i18n_load(&errmsg) || (i18n_use(code, &lang, &errmsg) && (c->lang || (lang = CL_LANG_EN, 0)))) {
		cli_error("report: %s", errmsg);
		rc = 2;
		goto out;
	}
	free(errmsg);
	errmsg = NULL;
	if (annual_load(c->st, id, c->filter.year, &a, &errmsg)) {
		cli_error("report: %s", errmsg ? errmsg : "cannot read the records");
		goto out;
	}
	if (annual_assets_load(NULL, &as, &errmsg)) {
		cli_error("report: %s", errmsg);
		goto out;
	}
	annual_document(a, lang, &as, &b);
	if (!b.s) {
		cli_error("report: out of memory");
		goto out;
	}
	if (!pdf) {
		rc = write_html(c->output, &b);
	} else if (report_pdf(b.s, b.len, c->output, &errmsg)) {
		cli_error("report: %s", errmsg);
	} else {
		rc = 0;
	}
	if (!rc)
		printf("wrote %s\n", c->output);
out:
	free(errmsg);
	buf_free(&b);
	annual_assets_clear(&as);
	annual_free(a);
	i18n_free();
	return rc;
}

int cmd_report(struct cli *c)
{
	if (strcmp(c->args[0], "annual") != 0) {
		cli_error("report: unknown report '%s' (annual)", c->args[0]);
		return 2;
	}
	if (!c->filter.authority_id || !c->filter.year) {
		cli_error("report annual needs --authority ID and --year Y");
		return 2;
	}
	if (!c->output || !(ends_with(c->output, ".html") || ends_with(c->output, ".pdf"))) {
		cli_error("report annual needs -o FILE.html or -o FILE.pdf%s%s%s", c->output ? " (not '" : "",
			  c->output ? c->output : "", c->output ? "')" : "");
		return 2;
	}
	return annual(c, ends_with(c->output, ".pdf"));
}
