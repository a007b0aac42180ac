/* model.c: clearing and validating the domain objects. */
#include "model.h"

#include "codelist.h"

#include <math.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FREE_ALL(...)                                                   \
	do {                                                            \
		char **ptrs_[] = {__VA_ARGS__};                         \
		for (size_t i_ = 0; i_ < sizeof(ptrs_) / sizeof(*ptrs_); i_++) { \
			free(*ptrs_[i_]);                               \
			*ptrs_[i_] = NULL;                              \
		}                                                       \
	} while (0)

void authority_clear(struct authority *a)
{
	if (!a)
		return;
	FREE_ALL(&a->name, &a->country, &a->level, &a->official_code, &a->source,
		 &a->illustrative, &a->notes);
	strv_clear(&a->other_names);
	memset(a, 0, sizeof(*a));
}

void organisation_clear(struct organisation *o)
{
	if (!o)
		return;
	FREE_ALL(&o->name, &o->iati_type, &o->subtype, &o->country, &o->source,
		 &o->illustrative, &o->notes);
	memset(o, 0, sizeof(*o));
}

void stakeholder_link_clear(struct stakeholder_link *l)
{
	if (!l)
		return;
	FREE_ALL(&l->country, &l->place, &l->domain, &l->kind, &l->since, &l->source,
		 &l->illustrative, &l->notes);
	memset(l, 0, sizeof(*l));
}

void network_membership_clear(struct network_membership *m)
{
	if (!m)
		return;
	FREE_ALL(&m->role, &m->start_date, &m->end_date, &m->source, &m->illustrative);
	memset(m, 0, sizeof(*m));
}

void partnership_clear(struct partnership *p)
{
	if (!p)
		return;
	FREE_ALL(&p->name, &p->kind, &p->status, &p->status_date, &p->status_reason,
		 &p->start_date, &p->end_date, &p->agreement_signed, &p->agreement_expires,
		 &p->agreement_renewed, &p->deliberation_ref, &p->deliberation_date,
		 &p->source, &p->illustrative, &p->notes);
	free(p->members);
	memset(p, 0, sizeof(*p));
}

void action_clear(struct action *a)
{
	if (!a)
		return;
	FREE_ALL(&a->title, &a->description, &a->type, &a->status, &a->start_date,
		 &a->end_date, &a->departments, &a->elected_officials, &a->source,
		 &a->illustrative, &a->notes, &a->eapd_category);
	strv_clear(&a->domains);
	strv_clear(&a->sectors);
	strv_clear(&a->sdgs);
	strv_clear(&a->countries);
	for (size_t i = 0; i < a->n_participants; i++)
		free(a->participants[i].role);
	free(a->participants);
	memset(a, 0, sizeof(*a));
}

void financing_clear(struct financing *f)
{
	if (!f)
		return;
	FREE_ALL(&f->source, &f->currency, &f->illustrative, &f->report_date);
	memset(f, 0, sizeof(*f));
}

void budget_year_clear(struct budget_year *b)
{
	if (!b)
		return;
	free(b->illustrative);
	memset(b, 0, sizeof(*b));
}

void strategy_clear(struct strategy *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_priorities; i++)
		FREE_ALL(&s->priorities[i].type, &s->priorities[i].code);
	free(s->priorities);
	FREE_ALL(&s->title, &s->source, &s->illustrative);
	memset(s, 0, sizeof(*s));
}

void indicator_clear(struct indicator *ind)
{
	for (size_t i = 0; i < ind->n_periods; i++)
		FREE_ALL(&ind->periods[i].start, &ind->periods[i].end);
	free(ind->periods);
	FREE_ALL(&ind->title, &ind->unit, &ind->measure, &ind->baseline_date);
}

void expected_impact_clear(struct expected_impact *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->n_indicators; i++)
		indicator_clear(&e->indicators[i]);
	free(e->indicators);
	FREE_ALL(&e->category, &e->side, &e->description, &e->source, &e->illustrative);
	memset(e, 0, sizeof(*e));
}

void observed_outcome_clear(struct observed_outcome *o)
{
	if (!o)
		return;
	FREE_ALL(&o->category, &o->side, &o->reported_by, &o->description, &o->date,
		 &o->evidence_url, &o->reporter, &o->source, &o->illustrative);
	memset(o, 0, sizeof(*o));
}

void document_clear(struct document *d)
{
	if (!d)
		return;
	free(d->content);
	FREE_ALL(&d->name, &d->media_type, &d->sha256, &d->uploaded_by, &d->uploaded_at);
	memset(d, 0, sizeof(*d));
}

void practice_clear(struct practice *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_adoptions; i++)
		free(p->adoptions[i].date);
	free(p->adoptions);
	FREE_ALL(&p->name, &p->description, &p->source, &p->illustrative);
	memset(p, 0, sizeof(*p));
}

void partner_call_clear(struct partner_call *c)
{
	if (!c)
		return;
	strv_clear(&c->countries);
	strv_clear(&c->domains);
	FREE_ALL(&c->title, &c->profile, &c->deadline, &c->status, &c->illustrative);
	memset(c, 0, sizeof(*c));
}

void user_clear(struct user *u)
{
	if (!u)
		return;
	FREE_ALL(&u->login, &u->name, &u->password_hash);
	memset(u, 0, sizeof(*u));
}

void role_clear(struct role *r)
{
	if (!r)
		return;
	free(r->role);
	memset(r, 0, sizeof(*r));
}

void audit_event_clear(struct audit_event *e)
{
	if (!e)
		return;
	FREE_ALL(&e->at, &e->actor, &e->operation, &e->kind, &e->before, &e->after);
	memset(e, 0, sizeof(*e));
}

int partnership_add_member(struct partnership *p, int64_t authority_id)
{
	int64_t *m = realloc(p->members, (p->n_members + 1) * sizeof(*m));
	if (!m)
		return EALA_ENOMEM;
	m[p->n_members++] = authority_id;
	p->members = m;
	return EALA_OK;
}

int action_add_participant(struct action *a, int64_t organisation_id, int64_t authority_id,
			   const char *role)
{
	struct participant *v = realloc(a->participants, (a->n_participants + 1) * sizeof(*v));
	if (!v)
		return EALA_ENOMEM;
	a->participants = v;
	struct participant *p = &v[a->n_participants];
	p->organisation_id = organisation_id;
	p->authority_id = authority_id;
	p->role = xstrdup(role);
	if (role && !p->role)
		return EALA_ENOMEM;
	a->n_participants++;
	return EALA_OK;
}

/* ---- field checks ---- */

int date_valid(const char *s)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (y < 1000 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	int max = mdays[m - 1] + (m == 2 && leap);
	return d <= max;
}

int year_valid(int y)
{
	return y >= 1900 && y <= 2100;
}

int country_code_valid(const char *s)
{
	return s && strlen(s) == 2 && codelist_has(CL_COUNTRY, s);
}

int url_valid(const char *s)
{
	if (!s)
		return 0;
	const char *rest = NULL;
	if (strncmp(s, "http://", 7) == 0)
		rest = s + 7;
	else if (strncmp(s, "https://", 8) == 0)
		rest = s + 8;
	if (!rest || !*rest || *rest == '/')
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ')
			return 0;
	return 1;
}

/* ---- validation helpers ---- */

struct vctx {
	const struct origin *o;
	struct errlist *el;
	int n;
};

static void problem(struct vctx *v, const char *field, const char *msg, const char *value)
{
	const char *file = v->o ? v->o->file : NULL;
	long line = v->o ? v->o->line : 0;
	msg = dgettext("eala", msg);
	if (value)
		errlist_add(v->el, file, line, field, "%s: '%s'", msg, value);
	else
		errlist_add(v->el, file, line, field, "%s", msg);
	v->n++;
}

static void need_text(struct vctx *v, const char *field, const char *s)
{
	if (str_blank(s))
		problem(v, field, "is required", NULL);
	else if (strlen(s) > 1000)
		problem(v, field, "is longer than 1000 characters", NULL);
}

static void opt_date(struct vctx *v, const char *field, const char *s)
{
	if (s && !date_valid(s))
		problem(v, field, "is not a valid date (YYYY-MM-DD)", s);
}

static void need_code(struct vctx *v, const char *field, enum codelist_id id, const char *s)
{
	if (str_blank(s)) {
		problem(v, field, "is required", NULL);
		return;
	}
	if (!codelist_get(id)) {
		problem(v, field, codelist_error() ? codelist_error() : "code list not loaded", NULL);
		return;
	}
	if (!codelist_has(id, s)) {
		char msg[128];
		snprintf(msg, sizeof(msg), dgettext("eala", "is not a code of the %s list"), codelist_name(id));
		problem(v, field, msg, s);
	}
}

static void opt_code(struct vctx *v, const char *field, enum codelist_id id, const char *s)
{
	if (s)
		need_code(v, field, id, s);
}

static void codes(struct vctx *v, const char *field, enum codelist_id id, const struct strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		need_code(v, field, id, sv->v[i]);
}

static void date_order(struct vctx *v, const char *field, const char *start, const char *end)
{
	if (start && end && date_valid(start) && date_valid(end) && strcmp(end, start) < 0)
		problem(v, field, "is before the start date", end);
}

static void need_country(struct vctx *v, const char *field, const char *s)
{
	if (str_blank(s))
		problem(v, field, "is required", NULL);
	else
		need_code(v, field, CL_COUNTRY, s);
}

/* ---- per-type validation ---- */

int authority_validate(const struct authority *a, const struct origin *o, struct errlist *el)
{
	struct vctx v = {o, el, 0};
	need_text(&v, "name", a->name);
	need_country(&v, "country", a->country);
	need_code(&v, "level", CL_AUTHORITY_LEVEL, a->level);
	if (a->population != EALA_NO_VALUE && a->population < 0)
		problem(&v, "population", "must not be negative", NULL);
	if (a->has_coords) {
		if (!isfinite(a->lat) || a->lat < -90 || a->lat > 90)
			problem(&v, "lat", "must be between -90 and 90", NULL);
		if (!isfinite(a->lng) || a->lng < -180 || a->lng > 180)
			problem(&v, "lng", "must be between -180 and 180", NULL);
	}
	if (a->parent_id && a->parent_id == a->id)
		problem(&v, "parent", "an authority cannot be its own parent", NULL);
	return v.n;
}

int organisation_validate(const struct organisation *g, const struct origin *o, struct errlist *el)
{
	struct vctx v = {o, el, 0};
	need_text(&v, "name", g->name);
	need_code(&v, "iati_type", CL_IATI_ORG_TYPE, g->iati_type);
	opt_code(&v, "subtype", CL_ORG_SUBTYPE, g->subtype);
	if (g->country)
		need_country(&v, "country", g->country);
	return v.n;
}

/* "2019" or "2019-05-12" */
static int since_valid(const char *s)
{
	if (date_valid(s))
		return 1;
	if (strlen(s) != 4)
		return 0;
	for (int i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return year_valid(atoi(s));
}

int stakeholder_link_validate(const struct stakeholder_link *l, const struct origin *o,
			      struct errlist *el)
{
	struct vctx v = {o, el, 0};
	if (!l->organisation_id)
		problem(&v, "organisation", "is required", NULL);
	need_country(&v, "country", l->country);
	if (l->place && strlen(l->place) > 1000)
		problem(&v, "place", "is longer than 1000 characters", NULL);
	opt_code(&v, "domain", CL_ACTION_DOMAIN, l->domain);
	need_code(&v, "kind", CL_STAKEHOLDER_LINK_KIND, l->kind);
	if (l->since && !since_valid(l->since))
		problem(&v, "since", "is not a year (YYYY) or a date (YYYY-MM-DD)", l->since);
	return v.n;
}

int network_membership_validate(const struct network_membership *m, const struct origin *o,
				struct errlist *el)
{
	struct vctx v = {o, el, 0};
	if (!m->authority_id)
		problem(&v, "authority", "is required", NULL);
	if (!m->network_id)
		problem(&v, "network", "is required", NULL);
	need_code(&v, "role", CL_NETWORK_ROLE, m->role);
	opt_date(&v, "start_date", m->start_date);
	opt_date(&v, "end_date", m->end_date);
	date_order(&v, "end_date", m->start_date, m->end_date);
	return v.n;
}

int partnership_validate(const struct partnership *p, const struct origin *o, struct errlist *el)
{
	struct vctx v = {o, el, 0};
	need_text(&v, "name", p->name);
	need_code(&v, "kind", CL_PARTNERSHIP_KIND, p->kind);
	need_code(&v, "status", CL_PARTNERSHIP_STATUS, p->status);
	opt_date(&v, "status_date", p->status_date);
	opt_date(&v, "start_date", p->start_date);
	opt_date(&v, "end_date", p->end_date);
	date_order(&v, "end_date", p->start_date, p->end_date);
	opt_date(&v, "agreement_signed", p->agreement_signed);
	opt_date(&v, "agreement_expires", p->agreement_expires);
	opt_date(&v, "agreement_renewed", p->agreement_renewed);
	opt_date(&v, "deliberation_date", p->deliberation_date);
	date_order(&v, "agreement_expires", p->agreement_signed, p->agreement_expires);
	if (!p->agreement_signed && (p->agreement_expires || p->agreement_renewed))
		problem(&v, "agreement_signed", "is required when the agreement has an expiry or renewal date", NULL);
	if (p->n_members < 2)
		problem(&v, "members", "a partnership links at least two authorities", NULL);
	for (size_t i = 0; i < p->n_members; i++)
		for (size_t j = i + 1; j < p->n_members; j++)
			if (p->members[i] && p->members[i] == p->members[j])
				problem(&v, "members", "the same authority appears twice", NULL);
	if (p->status && strcmp(p->status, "ended") == 0 && !p->end_date && !p->status_date)
		problem(&v, "end_date", "an ended partnership needs an end date or a status date", NULL);
	return v.n;
}

int action_validate(const struct action *a, const struct origin *o, struct errlist *el)
{
	struct vctx v = {o, el, 0};
	need_text(&v, "title", a->title);
	if (!a->authority_id)
		problem(&v, "authority", "is required", NULL);
	need_code(&v, "type", CL_ACTION_TYPE, a->type);
	need_code(&v, "status", CL_IATI_ACTIVITY_STATUS, a->status);
	opt_date(&v, "start_date", a->start_date);
	opt_date(&v, "end_date", a->end_date);
	date_order(&v, "end_date", a->start_date, a->end_date);
	codes(&v, "domains", CL_ACTION_DOMAIN, &a->domains);
	codes(&v, "sectors", CL_IATI_SECTOR, &a->sectors);
	codes(&v, "sdgs", CL_SDG_GOAL, &a->sdgs);
	codes(&v, "countries", CL_COUNTRY, &a->countries);
	opt_code(&v, "eapd_category", CL_EAPD_CATEGORY, a->eapd_category);
	for (size_t i = 0; i < a->n_participants; i++) {
		const struct participant *p = &a->participants[i];
		if (!p->organisation_id == !p->authority_id)
			problem(&v, "participants", "each participant is one organisation or one authority", NULL);
		need_code(&v, "participants", CL_IATI_ORG_ROLE, p->role);
	}
	return v.n;
}

int financing_validate(const struct financing *f, const struct origin *o, struct errlist *el)
{
	struct vctx v = {o, el, 0};
	if (!f->action_id)
		problem(&v, "action", "is required", NULL);
	need_code(&v, "source", CL_FUNDING_SOURCE, f->source);
	if (!year_valid(f->year))
		problem(&v, "year", "must be a year between 1900 and 2100", NULL);
	if (!f->has_planned && !f->has_actual)
		problem(&v, "planned", "a financing row needs a planned or an actual amount", NULL);
	if ((f->has_planned && f->planned < 0) || (f->has_actual && f->actual < 0))
		problem(&v, "planned", "amounts must not be negative", NULL);
	need_code(&v, "currency", CL_IATI_CURRENCY, f->currency);
	opt_date(&v, "report_date", f->report_date);
	return v.n;
}

int budget_year_validate(const struct budget_year *b, const struct origin *o, struct errlist *el)
{
	struct vctx v = {o, el, 0};
	if (!b->authority_id)
		problem(&v, "authority", "is required", NULL);
	if (!year_valid(b->year))
		problem(&v, "year", "must be a year between 1900 and 2100", NULL);
	if (b->total >= 0 && b->international > b->total)
		problem(&v, "international", "is larger than the total budget", NULL);
	return v.n;
}

int strategy_validate(const struct strategy *s, const struct origin *o, struct errlist *el)
{
	struct vctx v = {o, el, 0};
	need_text(&v, "title", s->title);
	if (!s->authority_id)
		problem(&v, "authority", "is required", NULL);
	if (!year_valid(s->start_year))
		problem(&v, "start_year", "must be a year between 1900 and 2100", NULL);
	if (s->end_year && (!year_valid(s->end_year) || s->end_year < s->start_year))
		problem(&v, "end_year", "must be a year not before the start year", NULL);
	double sum = 0;
	for (size_t i = 0; i < s->n_priorities; i++) {
		const struct strategy_priority *p = &s->priorities[i];
		if (p->type && strcmp(p->type, "country") == 0)
			need_country(&v, "priorities", p->code);
		else if (p->type && strcmp(p->type, "domain") == 0)
			need_code(&v, "priorities", CL_ACTION_DOMAIN, p->code);
		else
			problem(&v, "priorities", "type must be 'country' or 'domain'", p->type);
		if (p->target_share > 1)
			problem(&v, "priorities", "a target share is between 0 and 1", NULL);
		if (p->type && p->target_share > 0 && strcmp(p->type, "country") == 0)
			sum += p->target_share;
	}
	if (sum > 1.0001)
		problem(&v, "priorities", "country target shares add up to more than 1", NULL);
	return v.n;
}

int expected_impact_validate(const struct expected_impact *e, const struct origin *o,
			     struct errlist *el)
{
	struct vctx v = {o, el, 0};
	if (!e->partnership_id && !e->action_id)
		problem(&v, "partnership", "an expected impact belongs to a partnership or an action", NULL);
	need_code(&v, "category", CL_IMPACT_CATEGORY, e->category);
	need_code(&v, "side", CL_TERRITORY_SIDE, e->side);
	need_text(&v, "description", e->description);
	for (size_t i = 0; i < e->n_indicators; i++) {
		const struct indicator *ind = &e->indicators[i];
		char f[96];
#define FIELD(name) (snprintf(f, sizeof(f), "indicators[%zu].%s", i, name), f)
		need_text(&v, FIELD("title"), ind->title);
		opt_code(&v, FIELD("measure"), CL_IATI_INDICATOR_MEASURE, ind->measure);
		opt_date(&v, FIELD("baseline_date"), ind->baseline_date);
#undef FIELD
		for (size_t j = 0; j < ind->n_periods; j++) {
			const struct indicator_period *p = &ind->periods[j];
#define FIELD(name) (snprintf(f, sizeof(f), "indicators[%zu].periods[%zu].%s", i, j, name), f)
			if (!date_valid(p->start))
				problem(&v, FIELD("start"), "is not a valid date (YYYY-MM-DD)", p->start);
			if (!date_valid(p->end))
				problem(&v, FIELD("end"), "is not a valid date (YYYY-MM-DD)", p->end);
			date_order(&v, FIELD("end"), p->start, p->end);
			for (size_t k = 0; k < j; k++)
				if (p->start && ind->periods[k].start && strcmp(p->start, ind->periods[k].start) == 0)
					problem(&v, FIELD("start"), "two periods of an indicator start on the same day",
						p->start);
#undef FIELD
		}
	}
	return v.n;
}

int observed_outcome_validate(const struct observed_outcome *x, const struct origin *o,
			      struct errlist *el)
{
	struct vctx v = {o, el, 0};
	if (!x->partnership_id && !x->action_id)
		problem(&v, "partnership", "an observed outcome belongs to a partnership or an action", NULL);
	need_code(&v, "category", CL_IMPACT_CATEGORY, x->category);
	need_code(&v, "side", CL_TERRITORY_SIDE, x->side);
	if (!x->reported_by || (strcmp(x->reported_by, "home") && strcmp(x->reported_by, "partner")))
		problem(&v, "reported_by", "must be 'home' or 'partner'", x->reported_by);
	need_text(&v, "description", x->description);
	opt_date(&v, "date", x->date);
	if (x->evidence_url && !url_valid(x->evidence_url))
		problem(&v, "evidence_url", "is not an http or https address", x->evidence_url);
	if (x->unexpected && x->expected_id)
		problem(&v, "expected", "an unexpected outcome is not linked to an expectation", NULL);
	return v.n;
}

int practice_validate(const struct practice *p, const struct origin *o, struct errlist *el)
{
	struct vctx v = {o, el, 0};
	need_text(&v, "name", p->name);
	for (size_t i = 0; i < p->n_adoptions; i++) {
		if (!p->adoptions[i].authority_id)
			problem(&v, "adoptions.authority", "is required", NULL);
		opt_date(&v, "adoptions.date", p->adoptions[i].date);
	}
	return v.n;
}

int partner_call_validate(const struct partner_call *c, const struct origin *o, struct errlist *el)
{
	struct vctx v = {o, el, 0};
	need_text(&v, "title", c->title);
	if (!c->authority_id)
		problem(&v, "authority", "is required", NULL);
	codes(&v, "countries", CL_COUNTRY, &c->countries);
	codes(&v, "domains", CL_ACTION_DOMAIN, &c->domains);
	opt_date(&v, "deadline", c->deadline);
	need_code(&v, "status", CL_PARTNER_CALL_STATUS, c->status);
	return v.n;
}
