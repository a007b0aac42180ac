/* export.c: 'eala export csv|xlsx|geojson|json|ndjson KIND [filters]': the
 * exports of src/io/export.c from the command line, with the list's filters,
 * --columns, --labels and --lang. (The CSV of every kind into a folder and
 * the JSON dataset stay in commands.c.) */
#include "cli.h"

#include "../core/codelist.h"
#include "../io/export.h"
#include "../io/progress.h"
#include "../web/web.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define STEP_ROWS 10000   /* records between two updates of the progress line */

static int write_steps(struct cli *c, struct export *x, FILE *out, const char *what)
{
	struct progress pr;
	char *errmsg = NULL;
	int done = 0, rc = EALA_OK;
	progress_start(&pr, what, 0);
	while (!done && !(rc = export_step(x, c->st, out, STEP_ROWS, &done, &errmsg)))
		progress_update(&pr, export_count(x));
	progress_end(&pr);
	if (rc) {
		cli_error("%s", errmsg ? errmsg : eala_strerror(rc));
		free(errmsg);
	}
	return rc;
}

/* The XLSX to o's path, written beside it under a temporary name and
 * renamed once complete, so that a failed export leaves no half file. */
static int write_xlsx(struct cli *c, const struct export_opts *o, const char *path)
{
	char *part = xasprintf("%s.part.xlsx", path);
	char *errmsg = NULL;
	int rc = part ? export_xlsx(c->st, o, part, &errmsg) : EALA_ENOMEM;
	if (!rc && rename(part, path) != 0) {
		cli_error("%s: cannot be written: %s", path, strerror(errno));
		rc = EALA_EIO;
	} else if (rc) {
		cli_error("%s", errmsg ? errmsg : eala_strerror(rc));
	}
	if (rc && part)
		unlink(part);
	free(errmsg);
	free(part);
	return rc;
}

/* The kind named by the argument, RK_NONE when absent; 0 when unknown. */
static int export_kind(struct cli *c, enum record_kind *k)
{
	*k = RK_NONE;
	if (c->nargs < 2)
		return 1;
	if ((*k = record_kind_parse(c->args[1])) == RK_NONE) {
		cli_error("export %s: unknown kind '%s' (authorities, organisations, partnerships, actions)",
			  c->args[0], c->args[1]);
		return 0;
	}
	return 1;
}

int cli_export_records(struct cli *c, int format)
{
	struct export_opts o = {.format = (enum export_format)format, .labels = c->labels,
				.columns = c->columns};
	char country[8] = "";
	int status = 2;
	if (!export_kind(c, &o.kind))
		return 2;
	if (c->filter.country)
		snprintf(country, sizeof(country), "%s", c->filter.country);
	/* without a kind: GeoJSON's partnerships take the kind-specific filters,
	 * a workbook of every kind takes only those every list shares */
	enum record_kind checked = o.kind != RK_NONE ? o.kind : RK_PARTNERSHIP;
	if (o.kind == RK_NONE && format == EXPORT_XLSX &&
	    (c->filter.kind || c->filter.status || c->filter.domain || c->filter.year)) {
		cli_error("--kind, --status, --domain and --year need a kind of records: "
			  "eala export xlsx partnerships --status active");
		return 2;
	}
	if (!cli_check_filters(c, checked, country))
		return 2;
	if (format == EXPORT_XLSX && !c->output) {
		cli_error("export xlsx writes a file: give it with -o FILE.xlsx");
		return 2;
	}
	o.lang = CL_LANG_EN;
	char *errmsg = NULL;
	if (c->lang && (i18n_load(&errmsg) || i18n_use(c->lang, &o.lang, &errmsg))) {
		cli_error("--lang: %s", errmsg ? errmsg : "unknown language");
		free(errmsg);
		return 2;
	}
	o.filter = c->filter;
	o.filter.limit = 0;
	struct errlist el;
	errlist_init(&el);
	struct export *x = NULL;
	if (export_check(&o, &el) ||
	    (format != EXPORT_XLSX && export_new(&o, &x, &el))) {
		for (size_t i = 0; i < el.n; i++)
			cli_error("--%s: %s", el.v[i].field ? el.v[i].field : "format", el.v[i].msg);
		goto out;
	}
	status = 1;
	if (format == EXPORT_XLSX) {
		status = write_xlsx(c, &o, c->output) ? 1 : 0;
		goto out;
	}
	FILE *f = cli_open_output(c->output);
	if (!f)
		goto out;
	char name[64], what[96];
	snprintf(what, sizeof(what), "exporting %s", export_file_name(&o, name, sizeof(name)));
	int rc = write_steps(c, x, f, what);
	status = cli_close_output(f, c->output) || rc ? 1 : 0;
out:
	export_free(x);
	errlist_clear(&el);
	if (c->lang)
		i18n_free();
	return status;
}
