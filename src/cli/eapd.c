/* eapd.c: 'eala export eapd --authority ID --year Y [-o FILE.csv|FILE.xlsx]',
 * the yearly ODA declaration (src/analysis/eapd.c, src/report/eapd_write.c):
 * a summary on the terminal, or the return as CSV or XLSX. */
#include "cli.h"

#include "../analysis/eapd.h"
#include "../report/eapd_write.h"

#include <stdlib.h>
#include <string.h>

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* Every problem of the command line at once. */
static int check_args(struct cli *c, struct authority *a)
{
	int problems = 0;
	if (c->nargs > 1)
		cli_error("export eapd takes no kind: '%s'", c->args[1]), problems++;
	if (!c->filter.authority_id)
		cli_error("export eapd: --authority ID is required (the authority that files the return)"), problems++;
	else if (store_authority_get(c->st, c->filter.authority_id, a) != EALA_OK)
		cli_error("--authority %lld: no such authority", (long long)c->filter.authority_id), problems++;
	if (!c->filter.year)
		cli_error("export eapd: --year Y is required (the year declared: the return of year N covers N-1)"), problems++;
	if (c->output && strcmp(c->output, "-") != 0 && !ends_with(c->output, ".csv") && !ends_with(c->output, ".xlsx"))
		cli_error("-o %s: the return is written as FILE.csv or FILE.xlsx", c->output), problems++;
	if (c->filter.q || c->filter.country || c->filter.kind || c->filter.status || c->filter.domain)
		cli_error("export eapd takes --authority and --year only"), problems++;
	return problems;
}

int cli_export_eapd(struct cli *c)
{
	struct authority a = {0};
	struct eapd_rules rules;
	struct eapd_return r = {0};
	struct errlist el;
	char *errmsg = NULL;
	int status = 0;
	errlist_init(&el);
	memset(&rules, 0, sizeof(rules));
	if (check_args(c, &a)) {
		status = 2;
		goto out;
	}
	if (eapd_rules_load(&rules, &el)) {
		cli_errors(&el);
		status = 1;
		goto out;
	}
	if (eapd_load(c->st, &rules, a.id, c->filter.year, &r, &errmsg)) {
		cli_error("export eapd: %s", errmsg ? errmsg : "cannot read the records");
		status = 1;
		goto out;
	}
	struct eapd_doc doc = {&r, a.name};
	if (c->output && ends_with(c->output, ".xlsx")) {
		if (eapd_write_xlsx(c->output, &doc, &errmsg)) {
			cli_error("%s", errmsg);
			status = 1;
		}
	} else if (c->output && strcmp(c->output, "-") != 0) {
		FILE *f = fopen(c->output, "w");
		if (!f || eapd_write_csv(f, &doc) || (ferror(f) | fclose(f))) {
			cli_error("%s: cannot write", c->output);
			status = 1;
		}
		f = NULL;
	} else {
		status = eapd_write_text(stdout, &doc) ? 1 : 0;
	}
	if (!status && c->output && strcmp(c->output, "-") != 0)
		printf("wrote %s: %.2f EUR declared, %zu lines, %zu problems to look at\n", c->output, r.total,
		       r.n_lines, r.n_issues);
out:
	authority_clear(&a);
	eapd_return_clear(&r);
	eapd_rules_clear(&rules);
	errlist_clear(&el);
	free(errmsg);
	return status;
}
