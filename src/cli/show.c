/* show.c: 'eala show KIND ID': one record and what is linked to it. */
#include "cli.h"

#include "../core/codelist.h"
#include "../io/record_json.h"
#include "../io/records_csv.h"

#include <stdlib.h>
#include <string.h>

struct show_ctx {
	struct cli *c;
	json_t *array;   /* --json: collect here */
	const char *indent;
};

static void field(const char *label, const char *v)
{
	if (v && *v)
		printf("  %-18s %s\n", label, v);
}

static void label_field(const char *label, enum codelist_id id, const char *code)
{
	if (!code)
		return;
	const char *l = codelist_label(id, code, CL_LANG_EN);
	if (l && strcmp(l, code) != 0)
		printf("  %-18s %s (%s)\n", label, l, code);
	else
		field(label, code);
}

static void authority_ref(struct store *st, int64_t id, char *buf, size_t len)
{
	struct authority a;
	if (store_authority_get(st, id, &a) == EALA_OK) {
		snprintf(buf, len, "%s (%s, #%lld)", a.name, a.country, (long long)id);
		authority_clear(&a);
	} else {
		snprintf(buf, len, "#%lld", (long long)id);
	}
}

static void organisation_ref(struct store *st, int64_t id, char *buf, size_t len)
{
	struct organisation o;
	if (store_organisation_get(st, id, &o) == EALA_OK) {
		snprintf(buf, len, "%s (#%lld)", o.name, (long long)id);
		organisation_clear(&o);
	} else {
		snprintf(buf, len, "#%lld", (long long)id);
	}
}

/* ---- linked lists, printed or collected ---- */

static int linked_partnership(void *ctx, const struct partnership *p)
{
	struct show_ctx *s = ctx;
	if (s->array)
		return json_array_append_new(s->array, partnership_json(p));
	printf("  #%-6lld %s [%s, %s]\n", (long long)p->id, p->name, p->kind, p->status);
	return 0;
}

static int linked_action(void *ctx, const struct action *a)
{
	struct show_ctx *s = ctx;
	if (s->array)
		return json_array_append_new(s->array, action_json(a));
	printf("  #%-6lld %s [%s%s%s]\n", (long long)a->id, a->title, a->type,
	       a->start_date ? ", " : "", a->start_date ? a->start_date : "");
	return 0;
}

static int linked_membership(void *ctx, const struct network_membership *m)
{
	struct show_ctx *s = ctx;
	if (s->array)
		return json_array_append_new(s->array, membership_json(m));
	char who[256];
	if (!strcmp(s->indent, "network"))
		organisation_ref(s->c->st, m->network_id, who, sizeof(who));
	else
		authority_ref(s->c->st, m->authority_id, who, sizeof(who));
	printf("  %s, %s%s%s\n", who, m->role, m->start_date ? " since " : "",
	       m->start_date ? m->start_date : "");
	return 0;
}

static int linked_organisation(void *ctx, const struct organisation *o)
{
	struct show_ctx *s = ctx;
	if (s->array)
		return json_array_append_new(s->array, organisation_json(o));
	printf("  #%-6lld %s [%s]\n", (long long)o->id, o->name, o->subtype ? o->subtype : o->iati_type);
	return 0;
}

static int linked_financing(void *ctx, const struct financing *f)
{
	struct show_ctx *s = ctx;
	if (s->array)
		return json_array_append_new(s->array, financing_json(f));
	printf("  %d %-22s", f->year, codelist_label(CL_FUNDING_SOURCE, f->source, CL_LANG_EN));
	if (f->has_planned)
		printf(" planned %.0f", f->planned);
	if (f->has_actual)
		printf(" actual %.0f", f->actual);
	printf(" %s%s\n", f->currency ? f->currency : "", f->illustrative ? " (illustrative)" : "");
	return 0;
}

static int linked_expected(void *ctx, const struct expected_impact *e)
{
	struct show_ctx *s = ctx;
	if (s->array)
		return json_array_append_new(s->array, expected_impact_json(e));
	printf("  #%-6lld %s, %s side: %s\n", (long long)e->id,
	       codelist_label(CL_IMPACT_CATEGORY, e->category, CL_LANG_EN), e->side, e->description);
	for (size_t i = 0; i < e->n_indicators; i++) {
		const struct indicator *ind = &e->indicators[i];
		printf("          indicator: %s%s%s%s\n", ind->title, ind->unit ? " (" : "",
		       ind->unit ? ind->unit : "", ind->unit ? ")" : "");
		for (size_t k = 0; k < ind->n_periods; k++) {
			const struct indicator_period *p = &ind->periods[k];
			printf("            %s to %s:", p->start, p->end);
			if (p->has_target)
				printf(" target %g", p->target);
			if (p->has_actual)
				printf(" actual %g", p->actual);
			printf("\n");
		}
	}
	return 0;
}

static int linked_outcome(void *ctx, const struct observed_outcome *o)
{
	struct show_ctx *s = ctx;
	if (s->array)
		return json_array_append_new(s->array, observed_outcome_json(o));
	printf("  #%-6lld %s, %s side, reported by the %s side%s: %s\n", (long long)o->id,
	       codelist_label(CL_IMPACT_CATEGORY, o->category, CL_LANG_EN), o->side, o->reported_by,
	       o->unexpected ? ", unexpected" : "", o->description);
	return 0;
}

/* Run one linked list under a heading (text) or into key (JSON). */
#define LINKED(obj, key, heading, call)                                           \
	do {                                                                      \
		sctx.array = (obj) ? json_array() : NULL;                         \
		if (!(obj))                                                       \
			printf("%s\n", heading);                                  \
		char *e_ = NULL;                                                  \
		if (call)                                                         \
			free(e_);                                                 \
		if (obj)                                                          \
			json_object_set_new((obj), key, sctx.array);              \
	} while (0)

static int show_authority(struct cli *c, int64_t id)
{
	struct authority a;
	if (store_authority_get(c->st, id, &a)) {
		cli_error("no authority #%lld", (long long)id);
		return 1;
	}
	json_t *obj = c->json ? authority_json(&a) : NULL;
	struct show_ctx sctx = {.c = c, .indent = "network"};
	struct store_filter f = {.authority_id = id};
	if (!obj) {
		printf("authority #%lld: %s\n", (long long)a.id, a.name);
		char *others = strv_join(&a.other_names, ", ");
		field("other names", others);
		free(others);
		label_field("country", CL_COUNTRY, a.country);
		label_field("level", CL_AUTHORITY_LEVEL, a.level);
		field("official code", a.official_code);
		if (a.population != EALA_NO_VALUE)
			printf("  %-18s %lld\n", "population", (long long)a.population);
		if (a.has_coords)
			printf("  %-18s %.4f, %.4f\n", "coordinates", a.lat, a.lng);
		if (a.parent_id) {
			char p[256];
			authority_ref(c->st, a.parent_id, p, sizeof(p));
			field("part of", p);
		}
		if (a.overseas)
			field("overseas", "yes");
		field("source", a.source);
		field("illustrative", a.illustrative);
		field("notes", a.notes);
	}
	LINKED(obj, "partnerships", "partnerships:",
	       store_partnership_list(c->st, &f, linked_partnership, &sctx, NULL, &e_));
	LINKED(obj, "actions", "actions:",
	       store_action_list(c->st, &f, linked_action, &sctx, NULL, &e_));
	LINKED(obj, "network_memberships", "networks:",
	       store_membership_each(c->st, id, 0, linked_membership, &sctx, &e_));
	struct store_filter here = {.authority_id = id};
	LINKED(obj, "organisations", "local stakeholders and networks:",
	       store_organisation_list(c->st, &here, linked_organisation, &sctx, NULL, &e_));
	authority_clear(&a);
	return obj ? cli_print_json(obj) : 0;
}

static int show_organisation(struct cli *c, int64_t id)
{
	struct organisation o;
	if (store_organisation_get(c->st, id, &o)) {
		cli_error("no organisation #%lld", (long long)id);
		return 1;
	}
	json_t *obj = c->json ? organisation_json(&o) : NULL;
	struct show_ctx sctx = {.c = c, .indent = "authority"};
	if (!obj) {
		printf("organisation #%lld: %s\n", (long long)o.id, o.name);
		label_field("type", CL_IATI_ORG_TYPE, o.iati_type);
		label_field("subtype", CL_ORG_SUBTYPE, o.subtype);
		label_field("country", CL_COUNTRY, o.country);
		if (o.authority_id) {
			char p[256];
			authority_ref(c->st, o.authority_id, p, sizeof(p));
			field("based in", p);
		}
		field("source", o.source);
		field("notes", o.notes);
	}
	LINKED(obj, "members", "members (city network):",
	       store_membership_each(c->st, 0, id, linked_membership, &sctx, &e_));
	organisation_clear(&o);
	return obj ? cli_print_json(obj) : 0;
}

static int show_partnership(struct cli *c, int64_t id)
{
	struct partnership p;
	if (store_partnership_get(c->st, id, &p)) {
		cli_error("no partnership #%lld", (long long)id);
		return 1;
	}
	json_t *obj = c->json ? partnership_json(&p) : NULL;
	struct show_ctx sctx = {.c = c};
	struct store_filter f = {0};
	if (!obj) {
		printf("partnership #%lld: %s\n", (long long)p.id, p.name);
		label_field("kind", CL_PARTNERSHIP_KIND, p.kind);
		label_field("status", CL_PARTNERSHIP_STATUS, p.status);
		field("status date", p.status_date);
		field("status reason", p.status_reason);
		field("start", p.start_date);
		field("end", p.end_date);
		field("agreement signed", p.agreement_signed ? p.agreement_signed : "none (no convention recorded)");
		field("agreement expires", p.agreement_expires);
		field("agreement renewed", p.agreement_renewed);
		field("deliberation", p.deliberation_ref);
		field("deliberation date", p.deliberation_date);
		field("source", p.source);
		field("illustrative", p.illustrative);
		field("notes", p.notes);
		printf("members:\n");
		for (size_t i = 0; i < p.n_members; i++) {
			char m[256];
			authority_ref(c->st, p.members[i], m, sizeof(m));
			printf("  %s%s\n", m, i == 0 ? " (home)" : "");
		}
	}
	f.partnership_id = id;
	LINKED(obj, "actions", "actions:",
	       store_action_list(c->st, &f, linked_action, &sctx, NULL, &e_));
	LINKED(obj, "expected_impacts", "expected impacts:",
	       store_expected_impact_each(c->st, id, 0, linked_expected, &sctx, &e_));
	LINKED(obj, "observed_outcomes", "observed outcomes:",
	       store_observed_outcome_each(c->st, id, 0, linked_outcome, &sctx, &e_));
	partnership_clear(&p);
	return obj ? cli_print_json(obj) : 0;
}

static int show_action(struct cli *c, int64_t id)
{
	struct action a;
	if (store_action_get(c->st, id, &a)) {
		cli_error("no action #%lld", (long long)id);
		return 1;
	}
	json_t *obj = c->json ? action_json(&a) : NULL;
	struct show_ctx sctx = {.c = c};
	if (!obj) {
		char ref[256];
		printf("action #%lld: %s\n", (long long)a.id, a.title);
		field("description", a.description);
		authority_ref(c->st, a.authority_id, ref, sizeof(ref));
		field("lead authority", ref);
		if (a.partnership_id) {
			struct partnership p;
			if (store_partnership_get(c->st, a.partnership_id, &p) == EALA_OK) {
				snprintf(ref, sizeof(ref), "%s (#%lld)", p.name, (long long)p.id);
				field("partnership", ref);
				partnership_clear(&p);
			}
		}
		label_field("type", CL_ACTION_TYPE, a.type);
		label_field("status", CL_IATI_ACTIVITY_STATUS, a.status);
		field("start", a.start_date);
		field("end", a.end_date);
		struct { const char *label; const struct strv *v; } lists[] = {
			{"domains", &a.domains}, {"sectors (DAC)", &a.sectors}, {"SDGs", &a.sdgs},
			{"countries", &a.countries}};
		for (size_t i = 0; i < sizeof(lists) / sizeof(*lists); i++) {
			char *j = strv_join(lists[i].v, ", ");
			field(lists[i].label, j);
			free(j);
		}
		field("departments", a.departments);
		field("elected officials", a.elected_officials);
		if (a.citizen_participation)
			field("citizens", "take part");
		field("ODA category", a.eapd_category);
		field("source", a.source);
		field("illustrative", a.illustrative);
		if (a.n_participants)
			printf("participants:\n");
		for (size_t i = 0; i < a.n_participants; i++) {
			const struct participant *p = &a.participants[i];
			if (p->organisation_id)
				organisation_ref(c->st, p->organisation_id, ref, sizeof(ref));
			else
				authority_ref(c->st, p->authority_id, ref, sizeof(ref));
			printf("  %s, %s\n", ref, codelist_label(CL_IATI_ORG_ROLE, p->role, CL_LANG_EN));
		}
	}
	LINKED(obj, "financing", "financing:",
	       store_financing_each(c->st, id, linked_financing, &sctx, &e_));
	action_clear(&a);
	return obj ? cli_print_json(obj) : 0;
}

int cmd_show(struct cli *c)
{
	enum record_kind k = record_kind_parse(c->args[0]);
	char *end;
	long long id = strtoll(c->args[1], &end, 10);
	if (k == RK_NONE) {
		cli_error("show: unknown kind '%s' (authority, organisation, partnership, action)",
			  c->args[0]);
		return 2;
	}
	if (*end || end == c->args[1] || id <= 0) {
		cli_error("show: '%s' is not a record id (a positive number)", c->args[1]);
		return 2;
	}
	switch (k) {
	case RK_AUTHORITY: return show_authority(c, id);
	case RK_ORGANISATION: return show_organisation(c, id);
	case RK_PARTNERSHIP: return show_partnership(c, id);
	default: return show_action(c, id);
	}
}
