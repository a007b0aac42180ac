/* record_json.h: records as JSON objects (jansson), for the CLI's --json and
 * the API. Field names are the CSV column names of docs/DATA.md; absent
 * values are left out; references are ids. The caller owns (json_decref)
 * the returned object. */
#ifndef EALA_RECORD_JSON_H
#define EALA_RECORD_JSON_H

#include "../core/model.h"

#include <jansson.h>

json_t *authority_json(const struct authority *a);
json_t *organisation_json(const struct organisation *o);
json_t *partnership_json(const struct partnership *p);
json_t *action_json(const struct action *a);
json_t *membership_json(const struct network_membership *m);
/* A local actor's link abroad: the CSV's columns (organisation_id, country,
 * partner_authority_id, place, domain, kind, since, ...). */
json_t *stakeholder_link_json(const struct stakeholder_link *l);
json_t *financing_json(const struct financing *f);
json_t *budget_year_json(const struct budget_year *b);
json_t *strategy_json(const struct strategy *s);
json_t *expected_impact_json(const struct expected_impact *e);
json_t *observed_outcome_json(const struct observed_outcome *o);
json_t *practice_json(const struct practice *p);
json_t *partner_call_json(const struct partner_call *c);

/* Records from JSON objects of the same shape (what the API's POST and PUT
 * take): every type problem and unknown field is added to el, named by its
 * field; "id" is ignored (the path gives it). The record's strings belong to
 * it; the caller clears it. Validation of codes and dates is the model's. */
void authority_from_json(json_t *j, struct authority *a, struct errlist *el);
void organisation_from_json(json_t *j, struct organisation *o, struct errlist *el);
void partnership_from_json(json_t *j, struct partnership *p, struct errlist *el);
void action_from_json(json_t *j, struct action *a, struct errlist *el);
void membership_from_json(json_t *j, struct network_membership *m, struct errlist *el);
void stakeholder_link_from_json(json_t *j, struct stakeholder_link *l, struct errlist *el);
void partner_call_from_json(json_t *j, struct partner_call *c, struct errlist *el);
/* "indicators", when present, replaces the list (an indicator keeps its id
 * when given one); problems inside are named "indicators[0].periods[1].end". */
void expected_impact_from_json(json_t *j, struct expected_impact *e, struct errlist *el);
/* reporter and evidence_document are the server's: not read. */
void observed_outcome_from_json(json_t *j, struct observed_outcome *o, struct errlist *el);

struct store;
/* The partnership with "partners": [{id, name, country}] read from the store. */
json_t *partnership_json_with_partners(struct store *st, const struct partnership *p);

/* Helpers for writers: set key to a string / id / list only when present. */
void json_set_str(json_t *o, const char *key, const char *v);
void json_set_id(json_t *o, const char *key, int64_t id);
void json_set_strv(json_t *o, const char *key, const struct strv *sv);

#endif
