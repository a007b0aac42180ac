/* analyze.c: 'eala analyze gap': the gap between expected and observed
 * impacts (src/analysis/gap.c), as a table with plain sentences or as JSON. */
#include "cli.h"

#include "../analysis/gap.h"
#include "../core/codelist.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *label(const char *code)
{
	const char *l = code ? codelist_label(CL_IMPACT_CATEGORY, code, CL_LANG_EN) : NULL;
	return l ? l : code ? code : "?";
}

static json_t *number_or_null(double v)
{
	return v < 0 ? json_null() : json_real(v);
}

static json_t *gap_json(const struct gap_result *g, int64_t authority, int year)
{
	json_t *cats = json_array();
	static const char *const sides[GAP_NSIDES] = {"home", "partner", "both"};
	for (size_t i = 0; i < g->n_cats; i++) {
		json_t *ex = json_object(), *ob = json_object();
		for (int s = 0; s < GAP_NSIDES; s++) {
			json_object_set_new(ex, sides[s], json_integer(g->cats[i].expected[s]));
			json_object_set_new(ob, sides[s], json_integer(g->cats[i].observed[s]));
		}
		json_array_append_new(cats, json_pack("{s:s, s:s, s:i, s:i, s:o, s:o}", "category",
						      g->cats[i].code, "label", label(g->cats[i].code),
						      "expected", g->cats[i].n_expected, "observed",
						      g->cats[i].n_observed, "expected_by_side", ex,
						      "observed_by_side", ob));
	}
	json_t *j = json_pack("{s:o, s:o, s:i, s:i, s:o}", "authority",
			      authority ? json_integer((json_int_t)authority) : json_null(), "year",
			      year ? json_integer(year) : json_null(), "expected", g->n_expected,
			      "observed", g->n_observed, "categories", cats);
	json_object_set_new(j, "nature_gap", number_or_null(g->nature_gap));
	json_object_set_new(j, "most_over_expected", g->over ? json_string(g->over) : json_null());
	json_object_set_new(j, "most_under_expected", g->under ? json_string(g->under) : json_null());
	json_object_set_new(j, "targets", json_integer(g->targets));
	json_object_set_new(j, "targets_met", json_integer(g->targets_met));
	json_object_set_new(j, "achievement", number_or_null(g->achievement));
	json_object_set_new(j, "without_indicator", json_integer(g->without_indicator));
	json_object_set_new(j, "without_evidence", json_integer(g->without_evidence));
	json_object_set_new(j, "unexpected", json_integer(g->unexpected));
	json_object_set_new(j, "reported_home", json_integer(g->reported_home));
	json_object_set_new(j, "reported_partner", json_integer(g->reported_partner));
	json_object_set_new(j, "reciprocity", number_or_null(g->reciprocity));
	return j;
}

/* The category most expected, for the first sentence. */
static const struct gap_cat *top_expected(const struct gap_result *g)
{
	const struct gap_cat *best = NULL;
	for (size_t i = 0; i < g->n_cats; i++)
		if (!best || g->cats[i].n_expected > best->n_expected)
			best = &g->cats[i];
	return best;
}

static void gap_text(const struct gap_result *g)
{
	printf("%-40s %8s %8s\n", "category", "expected", "observed");
	for (size_t i = 0; i < g->n_cats; i++)
		printf("%-40s %8d %8d\n", label(g->cats[i].code), g->cats[i].n_expected, g->cats[i].n_observed);
	printf("%-40s %8d %8d\n\n", "all", g->n_expected, g->n_observed);
	const struct gap_cat *top = top_expected(g);
	if (top && g->n_expected)
		printf("%d of the %d impacts expected are %s; %d of the %d observed are.\n", top->n_expected,
		       g->n_expected, label(top->code), top->n_observed, g->n_observed);
	if (g->nature_gap >= 0)
		printf("Nature gap %.2f (0: the same mix, 1: nothing in common): %s is expected more than "
		       "observed, %s observed more than expected.\n",
		       g->nature_gap, label(g->over), label(g->under));
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
	if (gap_load(c->st, c->filter.authority_id, c->filter.year, &g, &errmsg)) {
		cli_error("analyze gap: %s", errmsg ? errmsg : "cannot read the records");
		free(errmsg);
		return 1;
	}
	if (c->json)
		return cli_print_json(gap_json(&g, c->filter.authority_id, c->filter.year));
	gap_text(&g);
	return 0;
}
