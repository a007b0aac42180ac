/* record_json.c: domain records to JSON objects with jansson. */
#include "record_json.h"

#include "../store/store.h"

#include <libintl.h>
#include <stdlib.h>
#include <string.h>

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
	if (a->draft)
		json_object_set_new(o, "draft", json_true());
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
	if (g->draft)
		json_object_set_new(o, "draft", json_true());
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
	if (p->draft)
		json_object_set_new(o, "draft", json_true());
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
	json_set_str(o, "eapd_category", a->eapd_category);
	json_set_str(o, "source", a->source);
	json_set_str(o, "illustrative", a->illustrative);
	json_set_str(o, "notes", a->notes);
	if (a->draft)
		json_object_set_new(o, "draft", json_true());
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

json_t *stakeholder_link_json(const struct stakeholder_link *l)
{
	json_t *o = json_object();
	json_set_id(o, "id", l->id);
	json_set_id(o, "organisation_id", l->organisation_id);
	json_set_str(o, "country", l->country);
	json_set_id(o, "partner_authority_id", l->partner_authority_id);
	json_set_str(o, "place", l->place);
	json_set_str(o, "domain", l->domain);
	json_set_str(o, "kind", l->kind);
	json_set_str(o, "since", l->since);
	json_set_str(o, "source", l->source);
	json_set_str(o, "illustrative", l->illustrative);
	json_set_str(o, "notes", l->notes);
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
	json_set_str(o, "report_date", f->report_date);
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
	json_set_id(o, "evidence_document", x->evidence_document);
	json_set_str(o, "reporter", x->reporter);
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

/* ---- reading records from JSON ---- */

struct reader {
	json_t *j;
	struct errlist *el;
	const char *const *known;   /* the fields this kind has */
	const char *prefix;         /* of nested records' fields: "indicators[0]." */
};

static void problem(struct reader *r, const char *key, const char *msg)
{
	if (r->prefix) {
		char field[128];
		snprintf(field, sizeof(field), "%s%s", r->prefix, key);
		errlist_add(r->el, NULL, 0, field, "%s", dgettext("eala", msg));
	} else {
		errlist_add(r->el, NULL, 0, key, "%s", dgettext("eala", msg));
	}
}

static void check_known(struct reader *r)
{
	const char *key;
	json_t *v;
	json_object_foreach(r->j, key, v) {
		int found = strcmp(key, "id") == 0;
		for (const char *const *k = r->known; !found && *k; k++)
			found = strcmp(*k, key) == 0;
		if (!found)
			problem(r, key, "is not a field of this kind of record");
	}
}

/* Absent: the field keeps its value; null: the field is emptied (as in JSON
 * merge patch, RFC 7396). */
static void get_str(struct reader *r, const char *key, char **out)
{
	json_t *v = json_object_get(r->j, key);
	if (!v)
		return;
	if (json_is_null(v)) {
		free(*out);
		*out = NULL;
		return;
	}
	if (!json_is_string(v)) {
		problem(r, key, "must be a string");
		return;
	}
	const char *s = json_string_value(v);
	free(*out);
	*out = *s ? strdup(s) : NULL;
}

static void get_id(struct reader *r, const char *key, int64_t *out)
{
	json_t *v = json_object_get(r->j, key);
	if (!v)
		return;
	if (json_is_null(v)) {
		*out = 0;
		return;
	}
	if (!json_is_integer(v) || json_integer_value(v) <= 0)
		problem(r, key, "must be the id of a record (a whole number above 0)");
	else
		*out = json_integer_value(v);
}

static void get_bool(struct reader *r, const char *key, int *out)
{
	json_t *v = json_object_get(r->j, key);
	if (!v)
		return;
	if (json_is_null(v)) {
		*out = 0;
		return;
	}
	if (!json_is_boolean(v))
		problem(r, key, "must be true or false");
	else
		*out = json_is_true(v);
}

static int get_real(struct reader *r, const char *key, double *out)
{
	json_t *v = json_object_get(r->j, key);
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_number(v)) {
		problem(r, key, "must be a number");
		return 0;
	}
	*out = json_number_value(v);
	return 1;
}

static void get_strv(struct reader *r, const char *key, struct strv *out)
{
	json_t *v = json_object_get(r->j, key), *e;
	size_t i;
	if (!v)
		return;
	if (json_is_null(v)) {
		strv_clear(out);
		return;
	}
	if (!json_is_array(v)) {
		problem(r, key, "must be a list of strings");
		return;
	}
	strv_clear(out);
	json_array_foreach(v, i, e) {
		if (!json_is_string(e)) {
			problem(r, key, "must be a list of strings");
			return;
		}
		if (strchr(json_string_value(e), '|')) {
			problem(r, key, "an item cannot contain '|'");
			return;
		}
		strv_push(out, json_string_value(e));
	}
}

void authority_from_json(json_t *j, struct authority *a, struct errlist *el)
{
	static const char *const known[] = {"name", "other_names", "country", "level", "official_code",
					    "population", "lat", "lng", "parent_id", "overseas", "source",
					    "illustrative", "notes", "draft", NULL};
	struct reader r = {j, el, known, NULL};
	check_known(&r);
	get_str(&r, "name", &a->name);
	get_strv(&r, "other_names", &a->other_names);
	get_str(&r, "country", &a->country);
	get_str(&r, "level", &a->level);
	get_str(&r, "official_code", &a->official_code);
	json_t *pop = json_object_get(j, "population");
	if (pop && json_is_null(pop))
		a->population = EALA_NO_VALUE;
	else if (pop) {
		if (!json_is_integer(pop))
			problem(&r, "population", "must be a whole number");
		else
			a->population = json_integer_value(pop);
	}
	double lat, lng;
	int has_lat = get_real(&r, "lat", &lat), has_lng = get_real(&r, "lng", &lng);
	if (json_is_null(json_object_get(j, "lat")) && json_is_null(json_object_get(j, "lng")))
		a->has_coords = 0;
	else if (has_lat != has_lng)
		problem(&r, has_lat ? "lng" : "lat", "give both lat and lng, or neither");
	else if (has_lat) {
		a->has_coords = 1;
		a->lat = lat;
		a->lng = lng;
	}
	get_id(&r, "parent_id", &a->parent_id);
	get_bool(&r, "overseas", &a->overseas);
	get_str(&r, "source", &a->source);
	get_str(&r, "illustrative", &a->illustrative);
	get_str(&r, "notes", &a->notes);
	get_bool(&r, "draft", &a->draft);
}

void organisation_from_json(json_t *j, struct organisation *o, struct errlist *el)
{
	static const char *const known[] = {"name", "iati_type", "subtype", "country", "authority_id",
					    "source", "illustrative", "notes", "draft", NULL};
	struct reader r = {j, el, known, NULL};
	check_known(&r);
	get_str(&r, "name", &o->name);
	get_str(&r, "iati_type", &o->iati_type);
	get_str(&r, "subtype", &o->subtype);
	get_str(&r, "country", &o->country);
	get_id(&r, "authority_id", &o->authority_id);
	get_str(&r, "source", &o->source);
	get_str(&r, "illustrative", &o->illustrative);
	get_str(&r, "notes", &o->notes);
	get_bool(&r, "draft", &o->draft);
}

void partnership_from_json(json_t *j, struct partnership *p, struct errlist *el)
{
	static const char *const known[] = {"name", "kind", "status", "status_date", "status_reason",
					    "start_date", "end_date", "agreement_signed",
					    "agreement_expires", "agreement_renewed", "deliberation_ref",
					    "deliberation_date", "members", "partners", "source",
					    "illustrative", "notes", "draft", NULL};
	struct reader r = {j, el, known, NULL};
	check_known(&r);
	char **f[] = {&p->name, &p->kind, &p->status, &p->status_date, &p->status_reason,
		      &p->start_date, &p->end_date, &p->agreement_signed, &p->agreement_expires,
		      &p->agreement_renewed, &p->deliberation_ref, &p->deliberation_date,
		      &p->source, &p->illustrative, &p->notes};
	static const char *const text[] = {"name", "kind", "status", "status_date", "status_reason",
					   "start_date", "end_date", "agreement_signed",
					   "agreement_expires", "agreement_renewed", "deliberation_ref",
					   "deliberation_date", "source", "illustrative", "notes"};
	for (size_t i = 0; i < sizeof(f) / sizeof(*f); i++)
		get_str(&r, text[i], f[i]);
	get_bool(&r, "draft", &p->draft);
	json_t *m = json_object_get(j, "members"), *e;
	size_t i;
	if (m && !json_is_null(m)) {
		if (!json_is_array(m)) {
			problem(&r, "members", "must be a list of authority ids, home first");
			return;
		}
		free(p->members);
		p->members = NULL;
		p->n_members = 0;
		json_array_foreach(m, i, e) {
			if (!json_is_integer(e) || json_integer_value(e) <= 0) {
				problem(&r, "members", "must be a list of authority ids, home first");
				return;
			}
			partnership_add_member(p, json_integer_value(e));
		}
	}
}

void action_from_json(json_t *j, struct action *a, struct errlist *el)
{
	static const char *const known[] = {"title", "description", "partnership_id", "authority_id",
					    "type", "status", "start_date", "end_date", "domains",
					    "sectors", "sdgs", "countries", "participants", "departments",
					    "elected_officials", "citizen_participation", "eapd_category",
					    "source", "illustrative", "notes", "draft", NULL};
	struct reader r = {j, el, known, NULL};
	check_known(&r);
	get_str(&r, "title", &a->title);
	get_str(&r, "description", &a->description);
	get_id(&r, "partnership_id", &a->partnership_id);
	get_id(&r, "authority_id", &a->authority_id);
	get_str(&r, "type", &a->type);
	get_str(&r, "status", &a->status);
	get_str(&r, "start_date", &a->start_date);
	get_str(&r, "end_date", &a->end_date);
	get_strv(&r, "domains", &a->domains);
	get_strv(&r, "sectors", &a->sectors);
	get_strv(&r, "sdgs", &a->sdgs);
	get_strv(&r, "countries", &a->countries);
	json_t *ps = json_object_get(j, "participants"), *e;
	size_t i;
	if (ps && !json_is_null(ps)) {
		if (!json_is_array(ps)) {
			problem(&r, "participants", "must be a list of {organisation_id or authority_id, role}");
		} else {
			for (size_t k = 0; k < a->n_participants; k++)
				free(a->participants[k].role);
			free(a->participants);
			a->participants = NULL;
			a->n_participants = 0;
			json_array_foreach(ps, i, e) {
				json_t *org = json_object_get(e, "organisation_id");
				json_t *auth = json_object_get(e, "authority_id");
				const char *role = json_string_value(json_object_get(e, "role"));
				action_add_participant(a, json_is_integer(org) ? json_integer_value(org) : 0,
						       json_is_integer(auth) ? json_integer_value(auth) : 0,
						       role);
			}
		}
	}
	get_str(&r, "departments", &a->departments);
	get_str(&r, "elected_officials", &a->elected_officials);
	get_bool(&r, "citizen_participation", &a->citizen_participation);
	get_str(&r, "eapd_category", &a->eapd_category);
	get_str(&r, "source", &a->source);
	get_str(&r, "illustrative", &a->illustrative);
	get_str(&r, "notes", &a->notes);
	get_bool(&r, "draft", &a->draft);
}

void membership_from_json(json_t *j, struct network_membership *m, struct errlist *el)
{
	static const char *const known[] = {"authority_id", "network_id", "role", "start_date",
					    "end_date", "source", "illustrative", NULL};
	struct reader r = {j, el, known, NULL};
	check_known(&r);
	get_id(&r, "authority_id", &m->authority_id);
	get_id(&r, "network_id", &m->network_id);
	get_str(&r, "role", &m->role);
	get_str(&r, "start_date", &m->start_date);
	get_str(&r, "end_date", &m->end_date);
	get_str(&r, "source", &m->source);
	get_str(&r, "illustrative", &m->illustrative);
}

void stakeholder_link_from_json(json_t *j, struct stakeholder_link *l, struct errlist *el)
{
	static const char *const known[] = {"organisation_id", "country", "partner_authority_id", "place", "domain",
					    "kind", "since", "source", "illustrative", "notes", NULL};
	struct reader r = {j, el, known, NULL};
	check_known(&r);
	get_id(&r, "organisation_id", &l->organisation_id);
	get_str(&r, "country", &l->country);
	get_id(&r, "partner_authority_id", &l->partner_authority_id);
	get_str(&r, "place", &l->place);
	get_str(&r, "domain", &l->domain);
	get_str(&r, "kind", &l->kind);
	get_str(&r, "since", &l->since);
	get_str(&r, "source", &l->source);
	get_str(&r, "illustrative", &l->illustrative);
	get_str(&r, "notes", &l->notes);
}

void partner_call_from_json(json_t *j, struct partner_call *c, struct errlist *el)
{
	static const char *const known[] = {"authority_id", "title", "countries", "domains", "profile",
					    "deadline", "status", "illustrative", NULL};
	struct reader r = {j, el, known, NULL};
	check_known(&r);
	get_id(&r, "authority_id", &c->authority_id);
	get_str(&r, "title", &c->title);
	get_strv(&r, "countries", &c->countries);
	get_strv(&r, "domains", &c->domains);
	get_str(&r, "profile", &c->profile);
	get_str(&r, "deadline", &c->deadline);
	get_str(&r, "status", &c->status);
	get_str(&r, "illustrative", &c->illustrative);
}

/* Indicators: a list replaces the impact's list; an indicator with the id of
 * one the impact has keeps that id (the store updates it in place). Problems
 * are named "indicators[2].periods[0].start". */
static void indicators_from_json(struct reader *r, json_t *v, struct expected_impact *e)
{
	if (!json_is_array(v)) {
		problem(r, "indicators", "must be a list of indicators");
		return;
	}
	for (size_t i = 0; i < e->n_indicators; i++)
		indicator_clear(&e->indicators[i]);
	free(e->indicators);
	e->indicators = calloc(json_array_size(v) + 1, sizeof(*e->indicators));
	e->n_indicators = 0;
	if (!e->indicators)
		return;
	static const char *const ind_known[] = {"title", "unit", "measure", "ascending", "cumulative",
						"baseline", "baseline_date", "periods", NULL};
	static const char *const per_known[] = {"start", "end", "target", "actual", NULL};
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x) {
		char prefix[48];
		snprintf(prefix, sizeof(prefix), "indicators[%zu].", i);
		struct reader ir = {x, r->el, ind_known, prefix};
		if (!json_is_object(x)) {
			problem(&ir, "", "must be an object");
			continue;
		}
		struct indicator *ind = &e->indicators[e->n_indicators++];
		ind->ascending = 1;   /* IATI's default */
		json_t *id = json_object_get(x, "id");
		if (id && !json_is_null(id) && (!json_is_integer(id) || json_integer_value(id) <= 0))
			problem(&ir, "id", "must be the id of a record (a whole number above 0)");
		else if (json_is_integer(id))
			ind->id = json_integer_value(id);
		check_known(&ir);
		get_str(&ir, "title", &ind->title);
		get_str(&ir, "unit", &ind->unit);
		get_str(&ir, "measure", &ind->measure);
		get_bool(&ir, "ascending", &ind->ascending);
		get_bool(&ir, "cumulative", &ind->cumulative);
		ind->has_baseline = get_real(&ir, "baseline", &ind->baseline);
		get_str(&ir, "baseline_date", &ind->baseline_date);
		json_t *ps = json_object_get(x, "periods"), *p;
		size_t k;
		if (ps && !json_is_null(ps) && !json_is_array(ps)) {
			problem(&ir, "periods", "must be a list of periods");
			continue;
		}
		if (!json_is_array(ps) || !json_array_size(ps))
			continue;
		if (!(ind->periods = calloc(json_array_size(ps), sizeof(*ind->periods))))
			continue;
		json_array_foreach(ps, k, p) {
			char pp[96];
			snprintf(pp, sizeof(pp), "%speriods[%zu].", prefix, k);
			struct reader pr = {p, r->el, per_known, pp};
			if (!json_is_object(p)) {
				problem(&pr, "", "must be an object");
				continue;
			}
			struct indicator_period *q = &ind->periods[ind->n_periods++];
			check_known(&pr);
			get_str(&pr, "start", &q->start);
			get_str(&pr, "end", &q->end);
			q->has_target = get_real(&pr, "target", &q->target);
			q->has_actual = get_real(&pr, "actual", &q->actual);
		}
	}
}

void expected_impact_from_json(json_t *j, struct expected_impact *e, struct errlist *el)
{
	static const char *const known[] = {"partnership_id", "action_id", "category", "side",
					    "description", "indicators", "source", "illustrative", NULL};
	struct reader r = {j, el, known, NULL};
	check_known(&r);
	get_id(&r, "partnership_id", &e->partnership_id);
	get_id(&r, "action_id", &e->action_id);
	get_str(&r, "category", &e->category);
	get_str(&r, "side", &e->side);
	get_str(&r, "description", &e->description);
	json_t *v = json_object_get(j, "indicators");
	if (v && json_is_null(v)) {
		for (size_t i = 0; i < e->n_indicators; i++)
			indicator_clear(&e->indicators[i]);
		free(e->indicators);
		e->indicators = NULL;
		e->n_indicators = 0;
	} else if (v) {
		indicators_from_json(&r, v, e);
	}
	get_str(&r, "source", &e->source);
	get_str(&r, "illustrative", &e->illustrative);
}

void observed_outcome_from_json(json_t *j, struct observed_outcome *o, struct errlist *el)
{
	static const char *const known[] = {"partnership_id", "action_id", "expected_id", "category",
					    "side", "reported_by", "description", "date", "evidence_url",
					    "unexpected", "source", "illustrative", NULL};
	struct reader r = {j, el, known, NULL};
	check_known(&r);
	get_id(&r, "partnership_id", &o->partnership_id);
	get_id(&r, "action_id", &o->action_id);
	get_id(&r, "expected_id", &o->expected_id);
	get_str(&r, "category", &o->category);
	get_str(&r, "side", &o->side);
	get_str(&r, "reported_by", &o->reported_by);
	get_str(&r, "description", &o->description);
	get_str(&r, "date", &o->date);
	get_str(&r, "evidence_url", &o->evidence_url);
	get_bool(&r, "unexpected", &o->unexpected);
	get_str(&r, "source", &o->source);
	get_str(&r, "illustrative", &o->illustrative);
}
