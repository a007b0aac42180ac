/* record_json.c: domain records to JSON objects with jansson. */
#include "record_json.h"

#include "../store/store.h"

void json_set_str(json_t *o, const char *key, const char *v)
{
	if (v)
		json_object_set_new(o, key, json_string(v));
}

void json_set_id(json_t *o, const char *key, int64_t id)
{
	if (id)
		json_object_set_new(o, key, json_integer((json_int_t)id));
}

void json_set_strv(json_t *o, const char *key, const struct strv *sv)
{
	if (!sv->n)
		return;
	json_t *a = json_array();
	for (size_t i = 0; i < sv->n; i++)
		json_array_append_new(a, json_string(sv->v[i]));
	json_object_set_new(o, key, a);
}

static void set_real(json_t *o, const char *key, int has, double v)
{
	if (has)
		json_object_set_new(o, key, json_real(v));
}

json_t *authority_json(const struct authority *a)
{
	json_t *o = json_object();
	json_set_id(o, "id", a->id);
	json_set_str(o, "name", a->name);
	json_set_strv(o, "other_names", &a->other_names);
	json_set_str(o, "country", a->country);
	json_set_str(o, "level", a->level);
	json_set_str(o, "official_code", a->official_code);
	if (a->population != EALA_NO_VALUE)
		json_object_set_new(o, "population", json_integer((json_int_t)a->population));
	set_real(o, "lat", a->has_coords, a->lat);
	set_real(o, "lng", a->has_coords, a->lng);
	json_set_id(o, "parent_id", a->parent_id);
	json_object_set_new(o, "overseas", json_boolean(a->overseas));
	json_set_str(o, "source", a->source);
	json_set_str(o, "illustrative", a->illustrative);
	json_set_str(o, "notes", a->notes);
	return o;
}

json_t *organisation_json(const struct organisation *g)
{
	json_t *o = json_object();
	json_set_id(o, "id", g->id);
	json_set_str(o, "name", g->name);
	json_set_str(o, "iati_type", g->iati_type);
	json_set_str(o, "subtype", g->subtype);
	json_set_str(o, "country", g->country);
	json_set_id(o, "authority_id", g->authority_id);
	json_set_str(o, "source", g->source);
	json_set_str(o, "illustrative", g->illustrative);
	json_set_str(o, "notes", g->notes);
	return o;
}

json_t *partnership_json(const struct partnership *p)
{
	json_t *o = json_object();
	json_set_id(o, "id", p->id);
	json_set_str(o, "name", p->name);
	json_set_str(o, "kind", p->kind);
	json_set_str(o, "status", p->status);
	json_set_str(o, "status_date", p->status_date);
	json_set_str(o, "status_reason", p->status_reason);
	json_set_str(o, "start_date", p->start_date);
	json_set_str(o, "end_date", p->end_date);
	json_set_str(o, "agreement_signed", p->agreement_signed);
	json_set_str(o, "agreement_expires", p->agreement_expires);
	json_set_str(o, "agreement_renewed", p->agreement_renewed);
	json_set_str(o, "deliberation_ref", p->deliberation_ref);
	json_set_str(o, "deliberation_date", p->deliberation_date);
	json_t *m = json_array();
	for (size_t i = 0; i < p->n_members; i++)
		json_array_append_new(m, json_integer((json_int_t)p->members[i]));
	json_object_set_new(o, "members", m);
	json_set_str(o, "source", p->source);
	json_set_str(o, "illustrative", p->illustrative);
	json_set_str(o, "notes", p->notes);
	return o;
}

json_t *action_json(const struct action *a)
{
	json_t *o = json_object();
	json_set_id(o, "id", a->id);
	json_set_str(o, "title", a->title);
	json_set_str(o, "description", a->description);
	json_set_id(o, "partnership_id", a->partnership_id);
	json_set_id(o, "authority_id", a->authority_id);
	json_set_str(o, "type", a->type);
	json_set_str(o, "status", a->status);
	json_set_str(o, "start_date", a->start_date);
	json_set_str(o, "end_date", a->end_date);
	json_set_strv(o, "domains", &a->domains);
	json_set_strv(o, "sectors", &a->sectors);
	json_set_strv(o, "sdgs", &a->sdgs);
	json_set_strv(o, "countries", &a->countries);
	if (a->n_participants) {
		json_t *ps = json_array();
		for (size_t i = 0; i < a->n_participants; i++) {
			json_t *p = json_object();
			json_set_id(p, "organisation_id", a->participants[i].organisation_id);
			json_set_id(p, "authority_id", a->participants[i].authority_id);
			json_set_str(p, "role", a->participants[i].role);
			json_array_append_new(ps, p);
		}
		json_object_set_new(o, "participants", ps);
	}
	json_set_str(o, "departments", a->departments);
	json_set_str(o, "elected_officials", a->elected_officials);
	json_object_set_new(o, "citizen_participation", json_boolean(a->citizen_participation));
	json_set_str(o, "source", a->source);
	json_set_str(o, "illustrative", a->illustrative);
	json_set_str(o, "notes", a->notes);
	return o;
}

json_t *membership_json(const struct network_membership *m)
{
	json_t *o = json_object();
	json_set_id(o, "id", m->id);
	json_set_id(o, "authority_id", m->authority_id);
	json_set_id(o, "network_id", m->network_id);
	json_set_str(o, "role", m->role);
	json_set_str(o, "start_date", m->start_date);
	json_set_str(o, "end_date", m->end_date);
	json_set_str(o, "source", m->source);
	json_set_str(o, "illustrative", m->illustrative);
	return o;
}

json_t *financing_json(const struct financing *f)
{
	json_t *o = json_object();
	json_set_id(o, "id", f->id);
	json_set_id(o, "action_id", f->action_id);
	json_set_str(o, "source", f->source);
	json_object_set_new(o, "year", json_integer(f->year));
	set_real(o, "planned", f->has_planned, f->planned);
	set_real(o, "actual", f->has_actual, f->actual);
	json_set_str(o, "currency", f->currency);
	json_set_str(o, "illustrative", f->illustrative);
	return o;
}

json_t *budget_year_json(const struct budget_year *b)
{
	json_t *o = json_object();
	json_set_id(o, "authority_id", b->authority_id);
	json_object_set_new(o, "year", json_integer(b->year));
	set_real(o, "total", b->total >= 0, b->total);
	set_real(o, "international", b->international >= 0, b->international);
	set_real(o, "water", b->water >= 0, b->water);
	set_real(o, "waste", b->waste >= 0, b->waste);
	set_real(o, "mobility", b->mobility >= 0, b->mobility);
	json_set_str(o, "illustrative", b->illustrative);
	return o;
}

json_t *strategy_json(const struct strategy *s)
{
	json_t *o = json_object(), *ps = json_array();
	json_set_id(o, "id", s->id);
	json_set_id(o, "authority_id", s->authority_id);
	json_set_str(o, "title", s->title);
	json_object_set_new(o, "start_year", json_integer(s->start_year));
	if (s->end_year)
		json_object_set_new(o, "end_year", json_integer(s->end_year));
	for (size_t i = 0; i < s->n_priorities; i++) {
		json_t *p = json_object();
		json_set_str(p, "type", s->priorities[i].type);
		json_set_str(p, "code", s->priorities[i].code);
		set_real(p, "target_share", s->priorities[i].target_share >= 0,
			 s->priorities[i].target_share);
		json_array_append_new(ps, p);
	}
	json_object_set_new(o, "priorities", ps);
	json_set_str(o, "source", s->source);
	json_set_str(o, "illustrative", s->illustrative);
	return o;
}

json_t *expected_impact_json(const struct expected_impact *e)
{
	json_t *o = json_object(), *inds = json_array();
	json_set_id(o, "id", e->id);
	json_set_id(o, "partnership_id", e->partnership_id);
	json_set_id(o, "action_id", e->action_id);
	json_set_str(o, "category", e->category);
	json_set_str(o, "side", e->side);
	json_set_str(o, "description", e->description);
	for (size_t i = 0; i < e->n_indicators; i++) {
		const struct indicator *ind = &e->indicators[i];
		json_t *j = json_object(), *ps = json_array();
		json_set_id(j, "id", ind->id);
		json_set_str(j, "title", ind->title);
		json_set_str(j, "unit", ind->unit);
		json_set_str(j, "measure", ind->measure);
		json_object_set_new(j, "ascending", json_boolean(ind->ascending));
		json_object_set_new(j, "cumulative", json_boolean(ind->cumulative));
		set_real(j, "baseline", ind->has_baseline, ind->baseline);
		json_set_str(j, "baseline_date", ind->baseline_date);
		for (size_t k = 0; k < ind->n_periods; k++) {
			const struct indicator_period *p = &ind->periods[k];
			json_t *pj = json_object();
			json_set_str(pj, "start", p->start);
			json_set_str(pj, "end", p->end);
			set_real(pj, "target", p->has_target, p->target);
			set_real(pj, "actual", p->has_actual, p->actual);
			json_array_append_new(ps, pj);
		}
		json_object_set_new(j, "periods", ps);
		json_array_append_new(inds, j);
	}
	json_object_set_new(o, "indicators", inds);
	json_set_str(o, "source", e->source);
	json_set_str(o, "illustrative", e->illustrative);
	return o;
}

json_t *observed_outcome_json(const struct observed_outcome *x)
{
	json_t *o = json_object();
	json_set_id(o, "id", x->id);
	json_set_id(o, "partnership_id", x->partnership_id);
	json_set_id(o, "action_id", x->action_id);
	json_set_id(o, "expected_id", x->expected_id);
	json_set_str(o, "category", x->category);
	json_set_str(o, "side", x->side);
	json_set_str(o, "reported_by", x->reported_by);
	json_set_str(o, "description", x->description);
	json_set_str(o, "date", x->date);
	json_set_str(o, "evidence_url", x->evidence_url);
	json_object_set_new(o, "unexpected", json_boolean(x->unexpected));
	json_set_str(o, "source", x->source);
	json_set_str(o, "illustrative", x->illustrative);
	return o;
}

json_t *practice_json(const struct practice *p)
{
	json_t *o = json_object(), *ad = json_array();
	json_set_id(o, "id", p->id);
	json_set_str(o, "name", p->name);
	json_set_str(o, "description", p->description);
	for (size_t i = 0; i < p->n_adoptions; i++) {
		json_t *a = json_object();
		json_set_id(a, "authority_id", p->adoptions[i].authority_id);
		json_set_str(a, "date", p->adoptions[i].date);
		json_array_append_new(ad, a);
	}
	json_object_set_new(o, "adoptions", ad);
	json_set_str(o, "source", p->source);
	json_set_str(o, "illustrative", p->illustrative);
	return o;
}

json_t *partner_call_json(const struct partner_call *c)
{
	json_t *o = json_object();
	json_set_id(o, "id", c->id);
	json_set_id(o, "authority_id", c->authority_id);
	json_set_str(o, "title", c->title);
	json_set_strv(o, "countries", &c->countries);
	json_set_strv(o, "domains", &c->domains);
	json_set_str(o, "profile", c->profile);
	json_set_str(o, "deadline", c->deadline);
	json_set_str(o, "status", c->status);
	json_set_str(o, "illustrative", c->illustrative);
	return o;
}

json_t *partnership_json_with_partners(struct store *st, const struct partnership *p)
{
	json_t *j = partnership_json(p), *names = json_array();
	for (size_t i = 0; i < p->n_members; i++) {
		struct authority a;
		if (store_authority_get(st, p->members[i], &a) == EALA_OK) {
			json_array_append_new(names, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)a.id,
							       "name", a.name, "country", a.country));
			authority_clear(&a);
		}
	}
	json_object_set_new(j, "partners", names);
	return j;
}
