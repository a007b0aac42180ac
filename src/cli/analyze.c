/* analyze.c: 'eala analyze gap': the gap between expected and observed
 * impacts (src/analysis/gap.c), as a table with plain sentences or as JSON. */
#include "cli.h"

#include "../analysis/gap.h"
#include "../core/codelist.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void gap_text(const struct gap_result *g)
{
	printf("%-40s %8s %8s\n", "category", "expected", "observed");
	for (size_t i = 0; i < g->n_cats; i++)
		printf("%-40s %8d %8d\n", gap_label(g->cats[i].code, CL_LANG_EN), g->cats[i].n_expected, g->cats[i].n_observed);
	printf("%-40s %8d %8d\n\n", "all", g->n_expected, g->n_observed);
	const struct gap_cat *top = gap_top_expected(g);
	if (top && g->n_expected)
		printf("%d of the %d impacts expected are %s; %d of the %d observed are.\n", top->n_expected,
		       g->n_expected, gap_label(top->code, CL_LANG_EN), top->n_observed, g->n_observed);
	if (g->nature_gap >= 0)
		printf("Nature gap %.2f (0: the same mix, 1: nothing in common): %s is expected more than "
		       "observed, %s observed more than expected.\n",
		       g->nature_gap, gap_label(g->over, CL_LANG_EN), gap_label(g->under, CL_LANG_EN));
	else
		printf("No nature gap can be measured: %s.\n",
		       g->n_expected ? "nothing observed" : "nothing expected");
	if (g->targets)
		printf("Scope: %d of %d targets met (%.0f%%).\n", g->targets_met, g->targets, 100 * g->achievement);
	else
		printf("Scope: no target has an actual value to compare.\n");
	printf("%d expectations have no indicator, %d no observed outcome; %d outcomes were not expected.\n",
	       g->without_indicator, g->without_evidence, g->unexpected);
	if (g->reciprocity >= 0)
		printf("Reciprocity %.2f: %d outcomes reported by partners for %d reported at home.\n",
		       g->reciprocity, g->reported_partner, g->reported_home);
	else
		printf("Reciprocity: no outcome reported at home.\n");
	printf("Know-how: %d outcomes show capacities or practices gained at home, %d in the partner territory.\n",
	       g->knowhow_home, g->knowhow_partner);
}

int cmd_analyze(struct cli *c)
{
	if (strcmp(c->args[0], "gap") != 0) {
		cli_error("analyze: unknown analysis '%s' (gap)", c->args[0]);
		return 2;
	}
	if (c->filter.authority_id && !store_authority_exists(c->st, c->filter.authority_id)) {
		cli_error("--authority %lld: no such authority", (long long)c->filter.authority_id);
		return 1;
	}
	struct gap_result g;
	char *errmsg = NULL;
	if (gap_load(c->st, c->filter.authority_id, c->filter.year, 0, &g, &errmsg)) {
		cli_error("analyze gap: %s", errmsg ? errmsg : "cannot read the records");
		free(errmsg);
		return 1;
	}
	if (c->json)
		return cli_print_json(gap_json(&g, c->filter.authority_id, c->filter.year, CL_LANG_EN));
	gap_text(&g);
	return 0;
}
