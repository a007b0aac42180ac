/* routes.c: the one route table, and matching a path against it. */
#include "web.h"

#include "../io/records_csv.h"

#include <stdlib.h>
#include <string.h>

static const struct route routes[] = {
	{"GET", "/healthz", api_healthz, ROUTE_JSON | ROUTE_DB},
	{"GET", "/api/v1/stats", api_stats, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/api/v1/openapi.json", api_openapi, ROUTE_JSON},
	{"GET", "/api/v1/atlas", api_atlas, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/api/v1/analysis/gap", api_gap, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/atlas", page_atlas, ROUTE_HTML},
	{"GET", "/static/atlas.js", page_static, 0},
	{"GET", "/static/gap.js", page_static, 0},
	{"GET", "/analysis/gap", page_gap, ROUTE_HTML | ROUTE_DB},
	{"GET", "/api/v1/analysis/compliance", api_compliance, ROUTE_JSON | ROUTE_DB},
	{"GET", "/analysis/compliance", page_compliance, ROUTE_HTML | ROUTE_DB},
	{"GET", "/api/v1/analysis/portfolio", api_portfolio, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/analysis/portfolio", page_portfolio, ROUTE_HTML | ROUTE_DB},
	{"GET", "/static/portfolio.js", page_static, 0},
	{"GET", "/api/v1/analysis/trends", api_trends, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/analysis/trends", page_trends, ROUTE_HTML | ROUTE_DB},
	{"GET", "/static/trends.js", page_static, 0},
	{"GET", "/api/v1/analysis/diagnostic", api_diagnostic, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/analysis/diagnostic", page_diagnostic, ROUTE_HTML | ROUTE_DB},
	{"GET", "/static/diagnostic.js", page_static, 0},
	{"GET", "/api/v1/analysis/coordination", api_coordination, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/analysis/coordination", page_coordination, ROUTE_HTML | ROUTE_DB},
	{"GET", "/static/coordination.js", page_static, 0},
	{"GET", "/api/v1/analysis/match", api_match, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/api/v1/partner_calls", api_calls_list, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"POST", "/api/v1/partner_calls", api_calls_create, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"GET", "/api/v1/partner_calls/{id}", api_calls_get, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"PUT", "/api/v1/partner_calls/{id}", api_calls_update, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"DELETE", "/api/v1/partner_calls/{id}", api_calls_delete, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH},
	{"GET", "/analysis/match", page_match, ROUTE_HTML | ROUTE_DB},
	{"GET", "/partner_calls", page_calls, ROUTE_HTML | ROUTE_DB},
	{"GET", "/partner_calls/new", page_call_form, ROUTE_HTML | ROUTE_DB},
	{"POST", "/partner_calls/new", form_call_save, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/partner_calls/{id}", page_call, ROUTE_HTML | ROUTE_DB},
	{"GET", "/partner_calls/{id}/edit", page_call_form, ROUTE_HTML | ROUTE_DB},
	{"POST", "/partner_calls/{id}/edit", form_call_save, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/static/calls.js", page_static, 0},
	{"GET", "/api/v1/analysis/network", api_network, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/api/v1/analysis/network/memberships", api_network_memberships, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/analysis/network", page_network, ROUTE_HTML | ROUTE_DB},
	{"GET", "/static/network.js", page_static, 0},
	{"GET", "/api/v1/practices", api_practices_list, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"POST", "/api/v1/practices", api_practices_create, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"GET", "/api/v1/practices/{id}", api_practice_get, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"POST", "/api/v1/practices/{id}/adoptions", api_practice_adopt,
	 ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"GET", "/practices", page_practices, ROUTE_HTML | ROUTE_DB},
	{"POST", "/practices", form_practice_create, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/practices/{id}", page_practice, ROUTE_HTML | ROUTE_DB},
	{"POST", "/practices/{id}/adoptions", form_practice_adopt, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/static/countries-110m.json", page_static, 0},
	{"GET", "/static/report.js", page_static, 0},
	{"GET", "/static/report.css", page_report_css, 0},
	{"GET", "/authorities/{id}/report", page_report, ROUTE_HTML | ROUTE_DB},
	{"GET", "/authorities/{id}/report.pdf", page_report_pdf, ROUTE_HTML | ROUTE_DB},
	{"GET", "/api", page_api_docs, ROUTE_HTML},
	{"POST", "/api/v1/login", api_login, ROUTE_JSON | ROUTE_DB | ROUTE_BODY},
	{"POST", "/api/v1/logout", api_logout, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH},
	{"GET", "/api/v1/me", api_me, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH},
	{"GET", "/api/v1/export.{format}", api_export, ROUTE_JSON | ROUTE_DB},
	{"GET", "/api/v1/authorities/export.{format}", api_export, ROUTE_JSON | ROUTE_DB},
	{"GET", "/api/v1/organisations/export.{format}", api_export, ROUTE_JSON | ROUTE_DB},
	{"GET", "/api/v1/partnerships/export.{format}", api_export, ROUTE_JSON | ROUTE_DB},
	{"GET", "/api/v1/actions/export.{format}", api_export, ROUTE_JSON | ROUTE_DB},
	{"GET", "/api/v1/authorities", api_list, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/api/v1/authorities/{id}", api_get, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/api/v1/organisations", api_list, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/api/v1/organisations/{id}", api_get, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/api/v1/partnerships", api_list, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/api/v1/partnerships/{id}", api_get, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/api/v1/actions", api_list, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/api/v1/actions/{id}", api_get, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"POST", "/api/v1/authorities", api_create, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"PUT", "/api/v1/authorities/{id}", api_update, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"DELETE", "/api/v1/authorities/{id}", api_delete, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH},
	{"GET", "/api/v1/authorities/{id}/history", api_history, ROUTE_JSON | ROUTE_DB},
	{"POST", "/api/v1/organisations", api_create, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"PUT", "/api/v1/organisations/{id}", api_update, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"DELETE", "/api/v1/organisations/{id}", api_delete, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH},
	{"GET", "/api/v1/organisations/{id}/history", api_history, ROUTE_JSON | ROUTE_DB},
	{"POST", "/api/v1/partnerships", api_create, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"PUT", "/api/v1/partnerships/{id}", api_update, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"DELETE", "/api/v1/partnerships/{id}", api_delete, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH},
	{"GET", "/api/v1/partnerships/{id}/history", api_history, ROUTE_JSON | ROUTE_DB},
	{"POST", "/api/v1/actions", api_create, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"PUT", "/api/v1/actions/{id}", api_update, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"DELETE", "/api/v1/actions/{id}", api_delete, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH},
	{"GET", "/api/v1/actions/{id}/history", api_history, ROUTE_JSON | ROUTE_DB},
	{"GET", "/api/v1/network_memberships", api_members_list, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/api/v1/expected_impacts", api_expected_list, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/api/v1/expected_impacts/{id}", api_expected_get, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"POST", "/api/v1/expected_impacts", api_expected_create, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"PUT", "/api/v1/expected_impacts/{id}", api_expected_update, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"DELETE", "/api/v1/expected_impacts/{id}", api_expected_delete, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH},
	{"PUT", "/api/v1/expected_impacts/{id}/actuals", api_expected_actuals,
	 ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"GET", "/api/v1/observed_outcomes", api_outcomes_list, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/api/v1/observed_outcomes/{id}", api_outcome_get, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"POST", "/api/v1/observed_outcomes", api_outcome_create, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"PUT", "/api/v1/observed_outcomes/{id}", api_outcome_update, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"DELETE", "/api/v1/observed_outcomes/{id}", api_outcome_delete, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH},
	{"PUT", "/api/v1/observed_outcomes/{id}/evidence", api_outcome_evidence,
	 ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY | ROUTE_UPLOAD},
	{"DELETE", "/api/v1/observed_outcomes/{id}/evidence", api_outcome_evidence, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH},
	{"GET", "/documents/{id}", page_document, ROUTE_DB},
	{"GET", "/expected_impacts/new", page_expected_form, ROUTE_HTML | ROUTE_DB},
	{"POST", "/expected_impacts/new", form_expected_save, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/expected_impacts/{id}/edit", page_expected_form, ROUTE_HTML | ROUTE_DB},
	{"POST", "/expected_impacts/{id}/edit", form_expected_save, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/expected_impacts/{id}/actuals", page_expected_actuals, ROUTE_HTML | ROUTE_DB},
	{"POST", "/expected_impacts/{id}/actuals", page_expected_actuals, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"POST", "/expected_impacts/{id}/delete", form_result_delete, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/observed_outcomes/new", page_outcome_form, ROUTE_HTML | ROUTE_DB},
	{"POST", "/observed_outcomes/new", form_outcome_save, ROUTE_HTML | ROUTE_DB | ROUTE_BODY | ROUTE_UPLOAD},
	{"GET", "/observed_outcomes/{id}/edit", page_outcome_form, ROUTE_HTML | ROUTE_DB},
	{"POST", "/observed_outcomes/{id}/edit", form_outcome_save,
	 ROUTE_HTML | ROUTE_DB | ROUTE_BODY | ROUTE_UPLOAD},
	{"POST", "/observed_outcomes/{id}/delete", form_result_delete, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/api/v1/network_memberships/{id}", api_members_get, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"POST", "/api/v1/network_memberships", api_members_create, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"PUT", "/api/v1/network_memberships/{id}", api_members_update, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"DELETE", "/api/v1/network_memberships/{id}", api_members_delete, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH},
	{"GET", "/api/v1/network_memberships/{id}/history", api_members_history, ROUTE_JSON | ROUTE_DB},
	{"GET", "/api/v1/stakeholder_links", api_links_list, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"GET", "/api/v1/stakeholder_links/{id}", api_links_get, ROUTE_JSON | ROUTE_DB | ROUTE_CACHE},
	{"POST", "/api/v1/stakeholder_links", api_links_create, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"PUT", "/api/v1/stakeholder_links/{id}", api_links_update, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH | ROUTE_BODY},
	{"DELETE", "/api/v1/stakeholder_links/{id}", api_links_delete, ROUTE_JSON | ROUTE_DB | ROUTE_AUTH},
	{"GET", "/stakeholder_links/new", page_link_form, ROUTE_HTML | ROUTE_DB},
	{"POST", "/stakeholder_links/new", form_link_save, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/stakeholder_links/{id}/edit", page_link_form, ROUTE_HTML | ROUTE_DB},
	{"POST", "/stakeholder_links/{id}/edit", form_link_save, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"POST", "/stakeholder_links/{id}/delete", form_link_delete, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/", page_home, ROUTE_HTML | ROUTE_DB},
	{"GET", "/search", page_search, ROUTE_HTML | ROUTE_DB},
	{"GET", "/authorities/new", page_form, ROUTE_HTML | ROUTE_DB},
	{"POST", "/authorities/new", form_save, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/authorities/{id}/edit", page_form, ROUTE_HTML | ROUTE_DB},
	{"POST", "/authorities/{id}/edit", form_save, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/organisations/new", page_form, ROUTE_HTML | ROUTE_DB},
	{"POST", "/organisations/new", form_save, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/organisations/{id}/edit", page_form, ROUTE_HTML | ROUTE_DB},
	{"POST", "/organisations/{id}/edit", form_save, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/partnerships/new", page_form, ROUTE_HTML | ROUTE_DB},
	{"POST", "/partnerships/new", form_save, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/partnerships/{id}/edit", page_form, ROUTE_HTML | ROUTE_DB},
	{"POST", "/partnerships/{id}/edit", form_save, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/actions/new", page_form, ROUTE_HTML | ROUTE_DB},
	{"POST", "/actions/new", form_save, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/actions/{id}/edit", page_form, ROUTE_HTML | ROUTE_DB},
	{"POST", "/actions/{id}/edit", form_save, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/authorities/{id}/history", page_history, ROUTE_HTML | ROUTE_DB},
	{"GET", "/organisations/{id}/history", page_history, ROUTE_HTML | ROUTE_DB},
	{"GET", "/partnerships/{id}/history", page_history, ROUTE_HTML | ROUTE_DB},
	{"GET", "/actions/{id}/history", page_history, ROUTE_HTML | ROUTE_DB},
	{"GET", "/import", page_import, ROUTE_HTML | ROUTE_DB},
	{"GET", "/import/stakeholder_links.csv", page_links_template, ROUTE_HTML},
	{"POST", "/import", form_import, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/static/upload.js", page_static, 0},
	{"GET", "/login", page_login, ROUTE_HTML},
	{"POST", "/login", form_login, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"POST", "/logout", form_logout, ROUTE_HTML | ROUTE_DB | ROUTE_BODY},
	{"GET", "/authorities/{id}", page_record, ROUTE_HTML | ROUTE_DB},
	{"GET", "/organisations/{id}", page_record, ROUTE_HTML | ROUTE_DB},
	{"GET", "/partnerships/{id}", page_record, ROUTE_HTML | ROUTE_DB},
	{"GET", "/actions/{id}", page_record, ROUTE_HTML | ROUTE_DB},
	{"GET", "/static/style.css", page_style, 0},
	{NULL, NULL, NULL, 0},
};

const struct route *route_table(void)
{
	return routes;
}

/* Match one path against a pattern; {id} takes a record id (1 to 2^53),
 * {format} a word of lower-case letters (into format, 16 bytes). */
static int match(const char *pattern, const char *path, int64_t *id, char *format)
{
	while (*pattern && *path) {
		if (strncmp(pattern, "{format}", 8) == 0) {
			size_t n = strspn(path, "abcdefghijklmnopqrstuvwxyz");
			if (n == 0 || n > 15 || (path[n] && path[n] != '/'))
				return 0;
			memcpy(format, path, n);
			format[n] = '\0';
			pattern += 8;
			path += n;
			continue;
		}
		if (strncmp(pattern, "{id}", 4) == 0) {
			char *end;
			if (*path < '1' || *path > '9')
				return 0;
			long long v = strtoll(path, &end, 10);
			if (v <= 0 || v > (1LL << 53) || (*end && *end != '/'))
				return 0;
			*id = v;
			pattern += 4;
			path = end;
			continue;
		}
		if (*pattern++ != *path++)
			return 0;
	}
	return *pattern == '\0' && *path == '\0';
}

const struct route *route_find(const char *method, const char *path, struct req *r,
			       int *method_ok)
{
	*method_ok = 0;
	for (const struct route *rt = routes; rt->method; rt++) {
		int64_t id = 0;
		char format[16] = "";
		if (!match(rt->pattern, path, &id, format))
			continue;
		if (strcmp(rt->method, method) != 0) {
			*method_ok = 1;   /* the path exists: 405, not 404 */
			continue;
		}
		r->id = id;
		memcpy(r->format, format, sizeof(r->format));
		/* the kind of record: the segment after /api/v1/, or the first one */
		const char *p = strncmp(path, "/api/v1/", 8) == 0 ? path + 8 : path + 1;
		r->tail = p;
		char kind[32];
		size_t n = strcspn(p, "/");
		r->kind = RK_NONE;
		if (n < sizeof(kind)) {
			memcpy(kind, p, n);
			kind[n] = '\0';
			r->kind = record_kind_parse(kind);
		}
		return rt;
	}
	return NULL;
}
