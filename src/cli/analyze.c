/* analyze.c: 'eala analyze gap': the gap between expected and observed
 * impacts (src/analysis/gap.c), as a table with plain sentences or as JSON;
 * 'eala analyze compliance': the money and law checks, or one application to
 * a call (src/analysis/compliance.c), as sentences grouped by rule or JSON;
 * 'eala analyze network' is in network.c. */
#include "cli.h"

#include "../analysis/compliance.h"
#include "../analysis/coordination.h"
#include "../analysis/gap.h"
#include "../analysis/diagnostic.h"
#include "../analysis/match.h"
#include "../analysis/portfolio.h"
#include "../analysis/trends.h"
#include "../core/codelist.h"
#include "../core/text.h"

#include <ctype.h>
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

/* ---- portfolio ---- */

static void print_sentence(void *ctx, const char *s)
{
	(void)ctx;
	printf("%s\n", s);
}

static void buckets_text(const char *title, const struct portfolio_buckets *l, enum codelist_id list,
			 const char *none)
{
	printf("%-44s %8s %14s\n", title, "actions", "budget (EUR)");
	for (size_t i = 0; i < l->n; i++) {
		const struct portfolio_bucket *b = &l->v[i];
		const char *label = !*b->code ? none : (int)list >= 0 ? codelist_label(list, b->code, CL_LANG_EN) : b->code;
		printf("%-44.44s %8lld %14.0f\n", label, (long long)b->actions, b->budget);
	}
	printf("\n");
}

static int portfolio_cmd(struct cli *c)
{
	struct portfolio_rules rules;
	struct portfolio_result r = {0};
	struct errlist el;
	char *errmsg = NULL;
	int status = 0;
	errlist_init(&el);
	if (c->action_id || c->call) {
		cli_error("analyze portfolio takes no --action or --call");
		errlist_clear(&el);
		return 2;
	}
	if (portfolio_rules_load(NULL, &rules, &el)) {
		cli_errors(&el);
		errlist_clear(&el);
		return 1;
	}
	if (c->filter.authority_id && !store_authority_exists(c->st, c->filter.authority_id)) {
		cli_error("--authority %lld: no such authority", (long long)c->filter.authority_id);
		status = 1;
		goto out;
	}
	struct portfolio_params p = {.year = c->filter.year, .threshold = c->threshold,
				     .dormant_years = c->dormant_years};
	if (portfolio_load(c->st, c->filter.authority_id, &p, 0, &rules, &r, &errmsg)) {
		cli_error("analyze portfolio: %s", errmsg ? errmsg : "cannot read the records");
		status = 1;
		goto out;
	}
	if (c->json) {
		status = cli_print_json(portfolio_json(&r, c->filter.authority_id, CL_LANG_EN));
		goto out;
	}
	buckets_text("country", &r.by_country, CL_COUNTRY, "(no country given)");
	buckets_text("World Bank income group", &r.by_income, (enum codelist_id)-1, "(not classified)");
	buckets_text("World Bank region", &r.by_region, (enum codelist_id)-1, "(not classified)");
	buckets_text("domain", &r.by_domain, CL_ACTION_DOMAIN, "(no domain given)");
	buckets_text("partnership kind", &r.by_kind, CL_PARTNERSHIP_KIND, "(standalone actions)");
	buckets_text("action type", &r.by_type, CL_ACTION_TYPE, "(no type)");
	portfolio_sentences(&r, CL_LANG_EN, print_sentence, NULL);
	for (size_t i = 0; i < r.n_dormant_listed; i++) {
		const struct portfolio_dormant *d = &r.dormant_list[i];
		if (d->last_year)
			printf("  dormant: #%lld %s (%s; last activity %d)\n", (long long)d->id, d->name ? d->name : "",
			       d->by_status ? "recorded as dormant" : "active", d->last_year);
		else
			printf("  dormant: #%lld %s (%s; no activity recorded)\n", (long long)d->id, d->name ? d->name : "",
			       d->by_status ? "recorded as dormant" : "active");
	}
	if ((size_t)r.dormant > r.n_dormant_listed)
		printf("  ... and %lld more (see --json)\n", (long long)(r.dormant - (int64_t)r.n_dormant_listed));
out:
	portfolio_clear(&r);
	portfolio_rules_clear(&rules);
	errlist_clear(&el);
	free(errmsg);
	return status;
}

/* ---- trends ---- */

static void trends_text(const struct trends_result *r)
{
	char *s[TRENDS_MAX_SENTENCES];
	size_t n = trends_sentences(r, CL_LANG_EN, s);
	if (r->first) {
		printf("%-6s %8s %8s %8s %7s %7s %7s %7s %7s %10s %8s %13s %13s\n", "year", "started", "ended",
		       "abroad", "low", "lowmid", "upmid", "high", "europe", "agreements", "one-off", "planned EUR",
		       "actual EUR");
		for (int y = r->first; y <= r->last; y++) {
			const struct trends_year *t = &r->years[y - TRENDS_FIRST_YEAR];
			printf("%-6d %8lld %8lld %8lld %7lld %7lld %7lld %7lld %7lld %10lld %8lld %13.0f %13.0f\n", y,
			       (long long)t->n_started, (long long)t->n_ended, (long long)t->abroad,
			       (long long)t->income[TI_LOW], (long long)t->income[TI_LOWER_MIDDLE],
			       (long long)t->income[TI_UPPER_MIDDLE], (long long)t->income[TI_HIGH], (long long)t->europe,
			       (long long)t->agreements, (long long)t->oneoff, t->planned_total, t->actual_total);
		}
		printf("\n");
	}
	for (size_t i = 0; i < n; i++) {
		printf("%s\n", s[i]);
		free(s[i]);
	}
}

static int trends_cmd(struct cli *c)
{
	int problems = 0;
	if (c->action_id || c->call || c->territory)
		cli_error("analyze trends takes no --action, --call or --territory"), problems++;
	if (c->filter.authority_id || c->filter.country || c->filter.q || c->filter.kind || c->filter.status ||
	    c->filter.domain || c->filter.year)
		cli_error("analyze trends covers every record: give the years with --from and --to"), problems++;
	if ((c->from && (c->from < 1900 || c->from > 2100)) || (c->to && (c->to < 1900 || c->to > 2100)))
		cli_error("analyze trends: --from and --to are years from 1900 to 2100"), problems++;
	else if (c->from && c->to && c->from > c->to)
		cli_error("--from %lld is after --to %lld", (long long)c->from, (long long)c->to), problems++;
	if (c->json && c->csv)
		cli_error("analyze trends: --json or --csv, not both"), problems++;
	if (problems)
		return 2;
	struct trends_result *r = malloc(sizeof(*r));
	char *errmsg = NULL;
	int status = 0;
	if (!r || trends_load(c->st, c->from, c->to, 0, r, &errmsg)) {
		cli_error("analyze trends: %s", errmsg ? errmsg : "cannot read the records");
		status = 1;
	} else if (c->json) {
		status = cli_print_json(trends_json(r, CL_LANG_EN));
	} else if (c->csv) {
		status = trends_csv(r, stdout) ? 1 : 0;
	} else {
		trends_text(r);
	}
	free(errmsg);
	free(r);
	return status;
}

/* ---- territorial diagnostic ---- */

static void counts_text(const char *title, const struct diagnostic_counts *l, enum codelist_id list,
			const char *none)
{
	printf("%-44s %8s %8s\n", title, "actors", "links");
	for (size_t i = 0; i < l->n; i++) {
		const struct diagnostic_count *x = &l->v[i];
		const char *label = *x->code ? codelist_label(list, x->code, CL_LANG_EN) : none;
		printf("%-44.44s %8d %8d%s\n", label, x->actors, x->links,
		       list == CL_COUNTRY && !x->partnered ? "  (no partnership)" : "");
	}
	printf("\n");
}

static int diagnostic_cmd(struct cli *c)
{
	struct diagnostic_result r;
	char *errmsg = NULL;
	int status = 0;
	if (c->action_id || c->call || c->filter.year) {
		cli_error("analyze diagnostic takes no --action, --call or --year");
		return 2;
	}
	if (!c->filter.authority_id) {
		cli_error("analyze diagnostic needs --authority ID");
		return 2;
	}
	if (!store_authority_exists(c->st, c->filter.authority_id)) {
		cli_error("--authority %lld: no such authority", (long long)c->filter.authority_id);
		return 1;
	}
	if (diagnostic_load(c->st, c->filter.authority_id, 0, &r, &errmsg)) {
		cli_error("analyze diagnostic: %s", errmsg ? errmsg : "cannot read the records");
		free(errmsg);
		return 1;
	}
	if (c->json) {
		status = cli_print_json(diagnostic_json(&r, c->filter.authority_id, CL_LANG_EN));
		diagnostic_clear(&r);
		return status;
	}
	counts_text("country", &r.by_country, CL_COUNTRY, "(no country)");
	counts_text("type of actor", &r.by_type, CL_ORG_SUBTYPE, "(type not given)");
	counts_text("domain", &r.by_domain, CL_ACTION_DOMAIN, "(no domain given)");
	counts_text("kind of link", &r.by_kind, CL_STAKEHOLDER_LINK_KIND, "(no kind)");
	diagnostic_sentences(&r, CL_LANG_EN, print_sentence, NULL);
	diagnostic_clear(&r);
	return status;
}

/* ---- pooling ---- */

static void coordination_text(const struct coordination_result *r)
{
	printf("%-44s %12s %8s %14s\n", "home authority", "partnerships", "actions", "budget (EUR)");
	for (size_t i = 0; i < r->n_authorities; i++) {
		const struct coordination_authority *a = &r->authorities[i];
		printf("%-44.44s %12d %8d %14.0f\n", a->name ? a->name : "?", a->partnerships, a->actions, a->budget);
	}
	printf("\n");
	for (size_t i = 0; i < r->n_clusters; i++) {
		const struct coordination_cluster *c = &r->clusters[i];
		printf("cluster %zu: %s, %s, %d-%d\n", i + 1, c->partner ? c->partner : codelist_label(CL_COUNTRY, r->country, CL_LANG_EN),
		       codelist_label(CL_ACTION_DOMAIN, c->domain, CL_LANG_EN), c->from, c->to);
		for (size_t k = 0; k < c->n_actions; k++) {
			const struct coordination_action *x = &r->actions_v[c->actions[k]];
			printf("  #%lld %s (%s, %d-%d, %.0f EUR)\n", (long long)x->id, x->title ? x->title : "",
			       x->home ? x->home : "?", x->from, x->to, x->budget);
		}
	}
	if (r->n_clusters)
		printf("\n");
	coordination_sentences(r, CL_LANG_EN, print_sentence, NULL);
	for (size_t i = 0; i < r->n_suggestions; i++) {
		const struct coordination_suggestion *s = &r->suggestions[i];
		printf("  %d. score %d:", (int)i + 1, s->score);
		for (unsigned bit = 1; bit <= COORD_BUDGETS; bit <<= 1)
			if (s->reasons & bit)
				printf(" %s", coordination_reason_name(bit));
		printf("\n");
	}
}

/* Every problem of the command line at once: 2 for a usage problem, 1 for
 * an authority that is not there. */
static int coordination_check(struct cli *c, char *country, struct coordination_params *p)
{
	int usage = 0, missing = 0;
	if (c->action_id || c->call || c->filter.authority_id || c->filter.q || c->filter.kind || c->filter.status)
		cli_error("analyze coordination takes --country, --territory, --domain and --year only"), usage++;
	if (!c->filter.country) {
		cli_error("analyze coordination needs --country ISO2 (the partner country)"), usage++;
	} else {
		snprintf(country, 8, "%s", c->filter.country);
		for (char *q = country; *q; q++)
			*q = (char)toupper((unsigned char)*q);
		if (strlen(c->filter.country) != 2 || !codelist_has(CL_COUNTRY, country))
			cli_error("--country '%s' is not an ISO 3166-1 alpha-2 country code", c->filter.country), usage++;
	}
	if (c->filter.domain && !codelist_has(CL_ACTION_DOMAIN, c->filter.domain))
		cli_error("--domain '%s' is not a code of the action-domain list", c->filter.domain), usage++;
	if (c->territory) {
		struct authority au = {0};
		if (store_authority_get(c->st, c->territory, &au))
			cli_error("--territory %lld: no such authority", (long long)c->territory), missing++;
		else if (c->filter.country && au.country && strcmp(au.country, country) != 0)
			cli_error("--territory %lld: %s is in %s, not in %s", (long long)c->territory, au.name,
				  au.country, country), usage++;
		authority_clear(&au);
	}
	*p = (struct coordination_params){.country = country, .territory = c->territory, .domain = c->filter.domain,
					  .year = c->filter.year};
	return usage ? 2 : missing ? 1 : 0;
}

static int coordination_cmd(struct cli *c)
{
	char country[8] = "";
	struct coordination_params p;
	struct coordination_result r;
	char *errmsg = NULL;
	int status = coordination_check(c, country, &p);
	if (status)
		return status;
	if (coordination_load(c->st, &p, 0, &r, &errmsg)) {
		cli_error("analyze coordination: %s", errmsg ? errmsg : "cannot read the records");
		free(errmsg);
		return 1;
	}
	if (c->json)
		status = cli_print_json(coordination_json(&r, &p, CL_LANG_EN));
	else
		coordination_text(&r);
	coordination_clear(&r);
	return status;
}

/* ---- partner matching ---- */

static void match_text(const struct match_result *r)
{
	printf("%4s %-32s %-3s %6s", "rank", "candidate", "cty", "score");
	for (int k = 0; k < MATCH_NPARTS; k++)
		printf(" %12s", match_part_name(k));
	printf("\n");
	for (size_t i = 0; i < r->n; i++) {
		const struct match_candidate *m = &r->v[i];
		char name[160];
		text_fit(name, sizeof(name), m->name, 32);   /* by display columns: "Vélingara" */
		printf("%4zu %s %-3s %6.1f", i + 1, name, m->country, m->score);
		for (int k = 0; k < MATCH_NPARTS; k++)
			printf(" %12.1f", m->points[k]);
		printf("\n");
	}
	printf("\nWeights (%s):", r->rules_file ? r->rules_file : "match.csv");
	for (int k = 0; k < MATCH_NPARTS; k++)
		printf(" %s %g%s", match_part_name(k), r->weight[k], k + 1 < MATCH_NPARTS ? "," : "\n");
	match_sentences(r, CL_LANG_EN, print_sentence, NULL);
}

/* --call is read as a partner call's id here: a whole number above 0. */
static int match_call_id(const char *s, int64_t *id)
{
	char *end = NULL;
	long long v = s && *s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s || *end || v <= 0)
		return 0;
	*id = v;
	return 1;
}

static int match_cmd(struct cli *c)
{
	struct match_rules rules;
	struct match_languages langs;
	struct match_result r;
	struct errlist el;
	char *errmsg = NULL;
	int64_t call_id = 0;
	int problems = 0, status = 0;
	if (c->action_id || c->filter.year || c->filter.q || c->filter.kind || c->filter.status || c->filter.domain)
		cli_error("analyze match takes --call ID or --authority ID, --country and --top only"), problems++;
	if (c->call && !match_call_id(c->call, &call_id))
		cli_error("--call '%s': a partner call's id is a whole number above 0", c->call), problems++;
	if (!c->call == !c->filter.authority_id)
		cli_error("analyze match needs --call ID or --authority ID, not both"), problems++;
	if (c->call && c->filter.country)
		cli_error("--country goes with --authority: a call names its countries"), problems++;
	if (c->filter.country && !country_code_valid(c->filter.country))
		cli_error("--country '%s': not an ISO 3166-1 alpha-2 code", c->filter.country), problems++;
	if (problems)
		return 2;
	errlist_init(&el);
	if (match_rules_load(NULL, &rules, &el) | match_languages_load(NULL, &langs, &el)) {
		cli_errors(&el);
		errlist_clear(&el);
		match_rules_clear(&rules);
		match_languages_clear(&langs);
		return 1;
	}
	errlist_clear(&el);
	size_t top = c->top ? (size_t)c->top : 10;
	int rc = call_id ? match_load_call(c->st, call_id, &rules, &langs, top, 0, &r, &errmsg)
			 : match_load_authority(c->st, c->filter.authority_id, c->filter.country, &rules, &langs, top, 0,
						&r, &errmsg);
	if (rc == EALA_ENOTFOUND) {
		if (call_id)
			cli_error("--call %lld: no such partner call", (long long)call_id);
		else
			cli_error("--authority %lld: no such authority", (long long)c->filter.authority_id);
		status = 1;
	} else if (rc) {
		cli_error("analyze match: %s", errmsg ? errmsg : "cannot read the records");
		status = 1;
	} else if (c->json) {
		status = cli_print_json(match_json(&r, call_id, call_id ? 0 : c->filter.authority_id, CL_LANG_EN));
	} else {
		match_text(&r);
	}
	match_clear(&r);
	match_rules_clear(&rules);
	match_languages_clear(&langs);
	free(errmsg);
	return status;
}

int cmd_analyze(struct cli *c)
{
	if (strcmp(c->args[0], "network") == 0)
		return cli_analyze_network(c);
	if (c->memberships || c->practice || c->only || c->edges) {
		cli_error("analyze %s: --memberships, --practice, --only and --edges go with 'analyze network'",
			  c->args[0]);
		return 2;
	}
	if (strcmp(c->args[0], "trends") != 0 && (c->from || c->to || c->csv)) {
		cli_error("--from, --to and --csv go with analyze trends");
		return 2;
	}
	if (strcmp(c->args[0], "coordination") == 0)
		return coordination_cmd(c);
	if (c->territory) {
		cli_error("--territory goes with analyze coordination");
		return 2;
	}
	if (strcmp(c->args[0], "match") != 0 && c->top) {
		cli_error("--top goes with analyze match");
		return 2;
	}
	if (strcmp(c->args[0], "portfolio") == 0)
		return portfolio_cmd(c);
	if (c->threshold >= 0 || c->dormant_years) {
		cli_error("--threshold and --dormant-years go with analyze portfolio");
		return 2;
	}
	if (strcmp(c->args[0], "compliance") == 0)
		return compliance_cmd(c);
	if (strcmp(c->args[0], "match") == 0)
		return match_cmd(c);
	if (strcmp(c->args[0], "trends") == 0)
		return trends_cmd(c);
	if (strcmp(c->args[0], "diagnostic") == 0)
		return diagnostic_cmd(c);
	if (strcmp(c->args[0], "gap") != 0) {
		cli_error("analyze: unknown analysis '%s' (gap, compliance, portfolio, diagnostic, trends, coordination, match, network)", c->args[0]);
		return 2;
	}
	if (c->from || c->to || c->csv || c->territory) {
		cli_error("analyze gap takes no --from, --to, --csv or --territory");
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
