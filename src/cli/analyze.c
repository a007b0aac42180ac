/* analyze.c: 'eala analyze gap': the gap between expected and observed
 * impacts (src/analysis/gap.c), as a table with plain sentences or as JSON;
 * 'eala analyze compliance': the money and law checks, or one application to
 * a call (src/analysis/compliance.c), as sentences grouped by rule or JSON;
 * 'eala analyze network' is in network.c. */
#include "cli.h"

#include "../analysis/compliance.h"
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

/* ---- compliance ---- */

static void compliance_text(const struct compliance_result *r, const struct compliance_call *call)
{
	const struct compliance_rule *rule = NULL;
	const char *req = NULL;
	char s[1024];
	size_t count[4] = {0};
	if (call)
		printf("Application to: %s\nSource: %s\n", call->label[0], call->source);
	for (size_t i = 0; i < r->n; i++) {
		const struct compliance_finding *f = &r->v[i];
		if (f->rule && f->rule != rule) {
			rule = f->rule;
			printf("%s%s: %s\n", i || call ? "\n" : "", rule->id, rule->legal_source);
		} else if (!f->rule && f->requirement != req) {
			req = f->requirement;
			printf("%s%s\n", i || call ? "\n" : "", req);
		}
		count[compliance_status_of(f->code)]++;
		compliance_sentence(f, CL_LANG_EN, s, sizeof(s));
		printf("  %-7s %s [%s #%lld]\n", compliance_status_name(compliance_status_of(f->code)), s, f->kind,
		       (long long)f->record_id);
	}
	if (!r->n)
		printf("Nothing to check: no convention, no 1%% or AFD financing and no budget year in scope.\n");
	printf("\n%zu in order or ready, %zu %s, %zu missing, %zu %s\n", count[CS_OK], count[CS_BREACH],
	       count[CS_BREACH] == 1 ? "breach" : "breaches", count[CS_MISSING], count[CS_INFO],
	       count[CS_INFO] == 1 ? "figure" : "figures");
}

static int compliance_cmd(struct cli *c)
{
	struct compliance_rules rules;
	struct compliance_calls calls;
	struct compliance_result r = {0};
	struct errlist el;
	char *errmsg = NULL;
	int status = 0, problems = 0;
	const struct compliance_call *call = NULL;
	errlist_init(&el);
	memset(&calls, 0, sizeof(calls));
	if (compliance_rules_load(NULL, &rules, &el) | compliance_calls_load(NULL, &calls, &el)) {
		cli_errors(&el);
		status = 1;
		goto out;
	}
	if (!c->action_id != !c->call)
		cli_error("analyze compliance: give --action and --call together (the check of one application)"), problems++;
	if (c->call && !(call = compliance_call_find(&calls, c->call))) {
		struct strv ids = {0};
		for (size_t i = 0; i < calls.n; i++)
			strv_push(&ids, calls.v[i].id);
		char *list = strv_join(&ids, ", ");
		cli_error("--call %s: no such call (%s)", c->call, list);
		free(list);
		strv_clear(&ids);
		problems++;
	}
	if (c->action_id && !store_action_exists(c->st, c->action_id))
		cli_error("--action %lld: no such action", (long long)c->action_id), problems++;
	if (c->action_id && c->filter.authority_id)
		cli_error("analyze compliance: --authority goes with the rules, --action with a call, not both"), problems++;
	if (c->filter.authority_id && !store_authority_exists(c->st, c->filter.authority_id))
		cli_error("--authority %lld: no such authority", (long long)c->filter.authority_id), problems++;
	if (problems) {
		status = 1;
		goto out;
	}
	int rc = call ? compliance_call_load(c->st, &rules, call, c->action_id, c->filter.year, NULL, 0, &r, &errmsg)
		      : compliance_load(c->st, &rules, c->filter.authority_id, c->filter.year, NULL, 0, &r, &errmsg);
	if (rc) {
		cli_error("analyze compliance: %s", errmsg ? errmsg : "cannot read the records");
		status = 1;
		goto out;
	}
	if (c->json)
		status = cli_print_json(compliance_json(&r, call, c->filter.authority_id, c->action_id, c->filter.year));
	else
		compliance_text(&r, call);
out:
	compliance_result_clear(&r);
	compliance_rules_clear(&rules);
	compliance_calls_clear(&calls);
	errlist_clear(&el);
	free(errmsg);
	return status;
}

int cmd_analyze(struct cli *c)
{
	if (strcmp(c->args[0], "network") == 0)
		return cli_analyze_network(c);
	if (c->top || c->from || c->to || c->memberships || c->practice || c->only || c->edges) {
		cli_error("analyze %s: --top, --from, --to, --memberships, --practice, --only and --edges go with "
			  "'analyze network'", c->args[0]);
		return 2;
	}
	if (strcmp(c->args[0], "compliance") == 0)
		return compliance_cmd(c);
	if (strcmp(c->args[0], "gap") != 0) {
		cli_error("analyze: unknown analysis '%s' (gap, compliance, network)", c->args[0]);
		return 2;
	}
	if (c->action_id || c->call) {
		cli_error("analyze gap takes no --action or --call");
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
