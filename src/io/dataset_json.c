/* dataset_json.c: a whole dataset as one JSON document, read and written.
 *
 * Reading goes in four steps, and nothing is written unless the first three
 * find no problem:
 *  1. every record's "ref" is collected, section by section, so a reference
 *     may point forwards (a town listed before its metropole);
 *  2. each record is read into its model struct from a table of fields, then
 *     checked by the model's *_validate(). Until it is written, a reference
 *     field holds the index + 1 of the record it points to in its section:
 *     non-zero, so the validators see it as set;
 *  3. authorities are matched against the store (official code, then name
 *     key), so a dataset reuses the places the store already knows;
 *  4. one transaction writes the sections in dependency order, turning the
 *     indexes into store ids.
 * Problems carry the JSON path of the value ("actions[4].participants[1]",
 * indexes from 0). jansson keeps no line numbers for values, so the line is 0
 * except for syntax errors.
 */
#include "dataset_json.h"

#include "../core/text.h"
#include "record_json.h"

#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define DATASET_VERSION 1
#define PATH_LEN 256

enum sec {
	S_AUTHORITY, S_ORGANISATION, S_MEMBERSHIP, S_PARTNERSHIP, S_ACTION, S_FINANCING,
	S_BUDGET_YEAR, S_STRATEGY, S_EXPECTED, S_OUTCOME, S_PRACTICE, S_PARTNER_CALL,
	S_STAKEHOLDER_LINK, S_COUNT
};

/* ================= reading: state ================= */

struct refent {
	const char *ref;      /* borrowed from the JSON document */
	size_t index;
};

struct section {
	json_t *json;         /* the array, borrowed from the document; NULL when absent */
	size_t n;
	char *recs;           /* n records of the section's struct */
	struct refent *refs;  /* sorted by ref */
	size_t n_refs;
	int64_t *ids;         /* store ids, once written */
};

struct ctx {
	struct store *st;
	const char *file;
	struct errlist *errors;
	struct strv bad;      /* paths of the current record already reported */
	struct section sec[S_COUNT];
	int64_t *reuse;       /* per authority: the existing authority it is, 0: new */
	int nomem;
};

static void bad(struct ctx *c, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void bad(struct ctx *c, const char *path, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	errlist_add(c->errors, c->file, 0, path, "%s", msg);
	if (strv_push(&c->bad, path))
		c->nomem = 1;
}

/* "path.key", with control characters of the key made visible as '?' (keys
 * end up in messages printed one per line). */
static void sub_key(char *out, const char *path, const char *key)
{
	int n = snprintf(out, PATH_LEN, "%s.%s", path, key);
	for (int i = n < PATH_LEN ? n : PATH_LEN - 1; i-- > 0;)
		if ((unsigned char)out[i] < ' ' || out[i] == 0x7f)
			out[i] = '?';
}

static void sub_index(char *out, const char *path, size_t i)
{
	if (snprintf(out, PATH_LEN, "%s[%zu]", path, i) >= PATH_LEN)
		out[PATH_LEN - 2] = '~';   /* cut: say so */
}

static void *rec_at(struct section *s, size_t size, size_t i)
{
	return s->recs + i * size;
}

/* ================= reading: fields ================= */

enum ftype {
	F_STR,    /* char * */
	F_INT64,  /* int64_t */
	F_INT,    /* int */
	F_REAL,   /* double; with an int 'has' flag at has_off, else < 0 when absent */
	F_BOOL,   /* int */
	F_STRV,   /* struct strv */
	F_REF,    /* int64_t: index + 1 of a record of section 'target' */
	F_ILLUS,  /* char *: a list of field names, or "all" */
	F_NEST,   /* read by 'nest' */
	F_SKIP,   /* read elsewhere ("ref") */
};

typedef void (*nest_fn)(struct ctx *c, json_t *v, void *rec, const char *path);

struct field {
	const char *key;
	enum ftype type;
	size_t off;
	long has_off;         /* F_REAL: offset of the has_ flag, -1 when none */
	enum sec target;      /* F_REF */
	nest_fn nest;         /* F_NEST */
};

#define FSTR(T, k, m) {k, F_STR, offsetof(T, m), -1, 0, NULL}
#define FI64(T, k, m) {k, F_INT64, offsetof(T, m), -1, 0, NULL}
#define FINT(T, k, m) {k, F_INT, offsetof(T, m), -1, 0, NULL}
#define FREAL(T, k, m, h) {k, F_REAL, offsetof(T, m), (long)offsetof(T, h), 0, NULL}
#define FAMOUNT(T, k, m) {k, F_REAL, offsetof(T, m), -1, 0, NULL}
#define FBOOL(T, k, m) {k, F_BOOL, offsetof(T, m), -1, 0, NULL}
#define FSTRV(T, k, m) {k, F_STRV, offsetof(T, m), -1, 0, NULL}
#define FREF(T, k, m, s) {k, F_REF, offsetof(T, m), -1, s, NULL}
#define FILLUS(T) {"illustrative", F_ILLUS, offsetof(T, illustrative), -1, 0, NULL}
#define FNEST(k, fn) {k, F_NEST, 0, -1, 0, fn}
#define FREFKEY {"ref", F_SKIP, 0, -1, 0, NULL}
#define FEND {NULL, F_SKIP, 0, -1, 0, NULL}

static const char *const section_names[S_COUNT] = {
	"authorities", "organisations", "network_memberships", "partnerships", "actions",
	"financing", "budget_years", "strategies", "expected_impacts", "observed_outcomes",
	"practices", "partner_calls", "stakeholder_links",
};

/* Index + 1 of the record whose ref is 'ref' in section s, 0 when none. */
static int64_t ref_find(const struct section *s, const char *ref)
{
	size_t lo = 0, hi = s->n_refs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(s->refs[mid].ref, ref);
		if (cmp == 0)
			return (int64_t)s->refs[mid].index + 1;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static void read_ref(struct ctx *c, const struct field *f, json_t *v, int64_t *out,
		     const char *path)
{
	if (!json_is_string(v)) {
		bad(c, path, "must be the ref (a string) of one of the %s", section_names[f->target]);
		return;
	}
	*out = ref_find(&c->sec[f->target], json_string_value(v));
	if (!*out)
		bad(c, path, "'%s' is not the ref of any of the %s", json_string_value(v),
		    section_names[f->target]);
}

static void read_strv(struct ctx *c, json_t *v, struct strv *sv, const char *path)
{
	char p[PATH_LEN], num[32];
	size_t i;
	json_t *x;
	if (!json_is_array(v)) {
		bad(c, path, "must be a list of strings");
		return;
	}
	json_array_foreach(v, i, x) {
		const char *s = json_string_value(x);
		if (json_is_integer(x)) {   /* sdgs: [16, 4] reads like ["16", "4"] */
			snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(x));
			s = num;
		}
		if (!s) {
			sub_index(p, path, i);
			bad(c, p, "must be a string");
		} else if (strv_push(sv, s)) {
			c->nomem = 1;
		}
	}
}

static void read_illustrative(struct ctx *c, json_t *v, char **out, const char *path)
{
	struct strv sv = {0};
	char p[PATH_LEN];
	size_t i;
	json_t *x;
	if (json_is_string(v) && strcmp(json_string_value(v), "all") == 0) {
		if (str_set(out, "all"))
			c->nomem = 1;
		return;
	}
	if (!json_is_array(v)) {
		bad(c, path, "must be a list of field names, or \"all\"");
		return;
	}
	json_array_foreach(v, i, x) {
		sub_index(p, path, i);
		if (!json_is_string(x) || str_blank(json_string_value(x)))
			bad(c, p, "must be a field name");
		else if (strchr(json_string_value(x), ','))
			bad(c, p, "a field name has no comma");
		else if (strv_push(&sv, json_string_value(x)))
			c->nomem = 1;
	}
	if (sv.n) {
		char *joined = strv_join(&sv, ",");
		if (!joined)
			c->nomem = 1;
		free(*out);
		*out = joined;
	}
	strv_clear(&sv);
}

static void read_value(struct ctx *c, const struct field *f, json_t *v, void *rec,
		       const char *path)
{
	char *at = (char *)rec + f->off;
	switch (f->type) {
	case F_STR:
		if (!json_is_string(v))
			bad(c, path, "must be a string");
		else if (str_set((char **)(void *)at, json_string_value(v)))
			c->nomem = 1;
		break;
	case F_INT64:
		if (!json_is_integer(v))
			bad(c, path, "must be a whole number");
		else
			*(int64_t *)(void *)at = json_integer_value(v);
		break;
	case F_INT:
		if (!json_is_integer(v) || json_integer_value(v) < INT_MIN ||
		    json_integer_value(v) > INT_MAX)
			bad(c, path, "must be a whole number");
		else
			*(int *)(void *)at = (int)json_integer_value(v);
		break;
	case F_REAL:
		if (!json_is_number(v)) {
			bad(c, path, "must be a number");
		} else if (f->has_off >= 0) {
			*(double *)(void *)at = json_number_value(v);
			*(int *)(void *)((char *)rec + f->has_off) = 1;
		} else if (json_number_value(v) < 0) {
			bad(c, path, "must not be negative (leave it out when unknown)");
		} else {
			*(double *)(void *)at = json_number_value(v);
		}
		break;
	case F_BOOL:
		if (!json_is_boolean(v))
			bad(c, path, "must be true or false");
		else
			*(int *)(void *)at = json_is_true(v);
		break;
	case F_STRV:
		read_strv(c, v, (struct strv *)(void *)at, path);
		break;
	case F_REF:
		read_ref(c, f, v, (int64_t *)(void *)at, path);
		break;
	case F_ILLUS:
		read_illustrative(c, v, (char **)(void *)at, path);
		break;
	case F_NEST:
		f->nest(c, v, rec, path);
		break;
	case F_SKIP:
		break;
	}
}

/* Read the members of obj named in fields into rec; any other member is an
 * error (a typo would otherwise lose data silently). null means absent. */
static void read_fields(struct ctx *c, json_t *obj, const struct field *fields, void *rec,
			const char *path)
{
	const char *key;
	json_t *v;
	char p[PATH_LEN];
	json_object_foreach(obj, key, v) {
		const struct field *f = fields;
		while (f->key && strcmp(f->key, key) != 0)
			f++;
		sub_key(p, path, key);
		if (!f->key)
			bad(c, p, "unknown field");
		else if (!json_is_null(v))
			read_value(c, f, v, rec, p);
	}
}

/* An array of nested objects into a new array of n records of 'size' bytes. */
static void *read_nested(struct ctx *c, json_t *v, const char *path, const struct field *fields,
			 size_t size, void (*init)(void *), size_t *n)
{
	char p[PATH_LEN];
	size_t i;
	json_t *x;
	*n = 0;
	if (!json_is_array(v)) {
		bad(c, path, "must be a list of objects");
		return NULL;
	}
	if (!json_array_size(v))
		return NULL;
	char *recs = calloc(json_array_size(v), size);
	if (!recs) {
		c->nomem = 1;
		return NULL;
	}
	*n = json_array_size(v);
	json_array_foreach(v, i, x) {
		void *r = recs + i * size;
		if (init)
			init(r);
		sub_index(p, path, i);
		if (!json_is_object(x))
			bad(c, p, "must be an object");
		else
			read_fields(c, x, fields, r, p);
	}
	return recs;
}

/* ---- nested parts ---- */

static const struct field agreement_fields[] = {
	FSTR(struct partnership, "signed", agreement_signed),
	FSTR(struct partnership, "expires", agreement_expires),
	FSTR(struct partnership, "renewed", agreement_renewed),
	FSTR(struct partnership, "deliberation_ref", deliberation_ref),
	FSTR(struct partnership, "deliberation_date", deliberation_date),
	FEND
};

static void read_agreement(struct ctx *c, json_t *v, void *rec, const char *path)
{
	if (!json_is_object(v))
		bad(c, path, "must be an object");
	else
		read_fields(c, v, agreement_fields, rec, path);
}

static void read_members(struct ctx *c, json_t *v, void *rec, const char *path)
{
	static const struct field member = {"members", F_REF, 0, -1, S_AUTHORITY, NULL};
	struct partnership *p = rec;
	char at[PATH_LEN];
	size_t i;
	json_t *x;
	if (!json_is_array(v)) {
		bad(c, path, "must be a list of authority refs");
		return;
	}
	json_array_foreach(v, i, x) {
		int64_t idx = 0;
		sub_index(at, path, i);
		read_ref(c, &member, x, &idx, at);
		if (idx && partnership_add_member(p, idx))
			c->nomem = 1;
	}
}

static const struct field participant_fields[] = {
	FREF(struct participant, "organisation", organisation_id, S_ORGANISATION),
	FREF(struct participant, "authority", authority_id, S_AUTHORITY),
	FSTR(struct participant, "role", role),
	FEND
};

static void read_participants(struct ctx *c, json_t *v, void *rec, const char *path)
{
	struct action *a = rec;
	a->participants = read_nested(c, v, path, participant_fields, sizeof(struct participant),
				      NULL, &a->n_participants);
}

static void priority_init(void *rec)
{
	((struct strategy_priority *)rec)->target_share = -1;
}

static const struct field priority_fields[] = {
	FSTR(struct strategy_priority, "type", type),
	FSTR(struct strategy_priority, "code", code),
	FAMOUNT(struct strategy_priority, "target_share", target_share),
	FEND
};

static void read_priorities(struct ctx *c, json_t *v, void *rec, const char *path)
{
	struct strategy *s = rec;
	s->priorities = read_nested(c, v, path, priority_fields, sizeof(struct strategy_priority),
				    priority_init, &s->n_priorities);
}

static const struct field period_fields[] = {
	FSTR(struct indicator_period, "start", start),
	FSTR(struct indicator_period, "end", end),
	FREAL(struct indicator_period, "target", target, has_target),
	FREAL(struct indicator_period, "actual", actual, has_actual),
	FEND
};

static void read_periods(struct ctx *c, json_t *v, void *rec, const char *path)
{
	struct indicator *ind = rec;
	ind->periods = read_nested(c, v, path, period_fields, sizeof(struct indicator_period),
				   NULL, &ind->n_periods);
}

static void indicator_init(void *rec)
{
	((struct indicator *)rec)->ascending = 1;   /* IATI's default */
}

static const struct field indicator_fields[] = {
	FSTR(struct indicator, "title", title),
	FSTR(struct indicator, "unit", unit),
	FSTR(struct indicator, "measure", measure),
	FBOOL(struct indicator, "ascending", ascending),
	FBOOL(struct indicator, "cumulative", cumulative),
	FREAL(struct indicator, "baseline", baseline, has_baseline),
	FSTR(struct indicator, "baseline_date", baseline_date),
	FNEST("periods", read_periods),
	FEND
};

static void read_indicators(struct ctx *c, json_t *v, void *rec, const char *path)
{
	struct expected_impact *e = rec;
	e->indicators = read_nested(c, v, path, indicator_fields, sizeof(struct indicator),
				    indicator_init, &e->n_indicators);
}

static const struct field adoption_fields[] = {
	FREF(struct practice_adoption, "authority", authority_id, S_AUTHORITY),
	FSTR(struct practice_adoption, "date", date),
	FEND
};

static void read_adoptions(struct ctx *c, json_t *v, void *rec, const char *path)
{
	struct practice *p = rec;
	p->adoptions = read_nested(c, v, path, adoption_fields, sizeof(struct practice_adoption),
				   NULL, &p->n_adoptions);
}

/* ---- the records ---- */

static const struct field authority_fields[] = {
	FREFKEY,
	FSTR(struct authority, "name", name),
	FSTRV(struct authority, "other_names", other_names),
	FSTR(struct authority, "country", country),
	FSTR(struct authority, "level", level),
	FSTR(struct authority, "official_code", official_code),
	FI64(struct authority, "population", population),
	FREAL(struct authority, "lat", lat, has_coords),
	FREAL(struct authority, "lng", lng, has_coords),
	FREF(struct authority, "parent", parent_id, S_AUTHORITY),
	FBOOL(struct authority, "overseas", overseas),
	FSTR(struct authority, "source", source),
	FILLUS(struct authority),
	FSTR(struct authority, "notes", notes),
	FBOOL(struct authority, "draft", draft),
	FEND
};

static const struct field organisation_fields[] = {
	FREFKEY,
	FSTR(struct organisation, "name", name),
	FSTR(struct organisation, "iati_type", iati_type),
	FSTR(struct organisation, "subtype", subtype),
	FSTR(struct organisation, "country", country),
	FREF(struct organisation, "authority", authority_id, S_AUTHORITY),
	FSTR(struct organisation, "source", source),
	FILLUS(struct organisation),
	FSTR(struct organisation, "notes", notes),
	FBOOL(struct organisation, "draft", draft),
	FEND
};

static const struct field membership_fields[] = {
	FREFKEY,
	FREF(struct network_membership, "authority", authority_id, S_AUTHORITY),
	FREF(struct network_membership, "network", network_id, S_ORGANISATION),
	FSTR(struct network_membership, "role", role),
	FSTR(struct network_membership, "start_date", start_date),
	FSTR(struct network_membership, "end_date", end_date),
	FSTR(struct network_membership, "source", source),
	FILLUS(struct network_membership),
	FEND
};

static const struct field link_fields[] = {
	FREFKEY,
	FREF(struct stakeholder_link, "organisation", organisation_id, S_ORGANISATION),
	FSTR(struct stakeholder_link, "country", country),
	FREF(struct stakeholder_link, "partner", partner_authority_id, S_AUTHORITY),
	FSTR(struct stakeholder_link, "place", place),
	FSTR(struct stakeholder_link, "domain", domain),
	FSTR(struct stakeholder_link, "kind", kind),
	FSTR(struct stakeholder_link, "since", since),
	FSTR(struct stakeholder_link, "source", source),
	FILLUS(struct stakeholder_link),
	FSTR(struct stakeholder_link, "notes", notes),
	FEND
};

static const struct field partnership_fields[] = {
	FREFKEY,
	FSTR(struct partnership, "name", name),
	FSTR(struct partnership, "kind", kind),
	FNEST("members", read_members),
	FSTR(struct partnership, "status", status),
	FSTR(struct partnership, "status_date", status_date),
	FSTR(struct partnership, "status_reason", status_reason),
	FSTR(struct partnership, "start_date", start_date),
	FSTR(struct partnership, "end_date", end_date),
	FNEST("agreement", read_agreement),
	FSTR(struct partnership, "source", source),
	FILLUS(struct partnership),
	FSTR(struct partnership, "notes", notes),
	FBOOL(struct partnership, "draft", draft),
	FEND
};

static const struct field action_fields[] = {
	FREFKEY,
	FSTR(struct action, "title", title),
	FSTR(struct action, "description", description),
	FREF(struct action, "partnership", partnership_id, S_PARTNERSHIP),
	FREF(struct action, "authority", authority_id, S_AUTHORITY),
	FSTR(struct action, "type", type),
	FSTR(struct action, "status", status),
	FSTR(struct action, "start_date", start_date),
	FSTR(struct action, "end_date", end_date),
	FSTRV(struct action, "domains", domains),
	FSTRV(struct action, "sectors", sectors),
	FSTRV(struct action, "sdgs", sdgs),
	FSTRV(struct action, "countries", countries),
	FNEST("participants", read_participants),
	FSTR(struct action, "departments", departments),
	FSTR(struct action, "elected_officials", elected_officials),
	FBOOL(struct action, "citizen_participation", citizen_participation),
	FSTR(struct action, "eapd_category", eapd_category),
	FSTR(struct action, "source", source),
	FILLUS(struct action),
	FSTR(struct action, "notes", notes),
	FBOOL(struct action, "draft", draft),
	FEND
};

static const struct field financing_fields[] = {
	FREFKEY,
	FREF(struct financing, "action", action_id, S_ACTION),
	FSTR(struct financing, "source", source),
	FINT(struct financing, "year", year),
	FREAL(struct financing, "planned", planned, has_planned),
	FREAL(struct financing, "actual", actual, has_actual),
	FSTR(struct financing, "currency", currency),
	FSTR(struct financing, "report_date", report_date),
	FILLUS(struct financing),
	FEND
};

static const struct field budget_year_fields[] = {
	FREFKEY,
	FREF(struct budget_year, "authority", authority_id, S_AUTHORITY),
	FINT(struct budget_year, "year", year),
	FAMOUNT(struct budget_year, "total", total),
	FAMOUNT(struct budget_year, "international", international),
	FAMOUNT(struct budget_year, "water", water),
	FAMOUNT(struct budget_year, "waste", waste),
	FAMOUNT(struct budget_year, "mobility", mobility),
	FILLUS(struct budget_year),
	FEND
};

static const struct field strategy_fields[] = {
	FREFKEY,
	FREF(struct strategy, "authority", authority_id, S_AUTHORITY),
	FSTR(struct strategy, "title", title),
	FINT(struct strategy, "start_year", start_year),
	FINT(struct strategy, "end_year", end_year),
	FNEST("priorities", read_priorities),
	FSTR(struct strategy, "source", source),
	FILLUS(struct strategy),
	FEND
};

static const struct field expected_fields[] = {
	FREFKEY,
	FREF(struct expected_impact, "partnership", partnership_id, S_PARTNERSHIP),
	FREF(struct expected_impact, "action", action_id, S_ACTION),
	FSTR(struct expected_impact, "category", category),
	FSTR(struct expected_impact, "side", side),
	FSTR(struct expected_impact, "description", description),
	FNEST("indicators", read_indicators),
	FSTR(struct expected_impact, "source", source),
	FILLUS(struct expected_impact),
	FEND
};

static const struct field outcome_fields[] = {
	FREFKEY,
	FREF(struct observed_outcome, "partnership", partnership_id, S_PARTNERSHIP),
	FREF(struct observed_outcome, "action", action_id, S_ACTION),
	FREF(struct observed_outcome, "expected", expected_id, S_EXPECTED),
	FSTR(struct observed_outcome, "category", category),
	FSTR(struct observed_outcome, "side", side),
	FSTR(struct observed_outcome, "reported_by", reported_by),
	FSTR(struct observed_outcome, "description", description),
	FSTR(struct observed_outcome, "date", date),
	FSTR(struct observed_outcome, "evidence_url", evidence_url),
	FSTR(struct observed_outcome, "reporter", reporter),
	FBOOL(struct observed_outcome, "unexpected", unexpected),
	FSTR(struct observed_outcome, "source", source),
	FILLUS(struct observed_outcome),
	FEND
};

static const struct field practice_fields[] = {
	FREFKEY,
	FSTR(struct practice, "name", name),
	FSTR(struct practice, "description", description),
	FNEST("adoptions", read_adoptions),
	FSTR(struct practice, "source", source),
	FILLUS(struct practice),
	FEND
};

static const struct field partner_call_fields[] = {
	FREFKEY,
	FREF(struct partner_call, "authority", authority_id, S_AUTHORITY),
	FSTR(struct partner_call, "title", title),
	FSTRV(struct partner_call, "countries", countries),
	FSTRV(struct partner_call, "domains", domains),
	FSTR(struct partner_call, "profile", profile),
	FSTR(struct partner_call, "deadline", deadline),
	FSTR(struct partner_call, "status", status),
	FILLUS(struct partner_call),
	FEND
};

/* ================= reading: validation with JSON paths ================= */

static int msg_eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* The validators name a nested field without its index ("participants").
 * Run on the record cut down to one element ('part'), they find that
 * element's problems: the matching problems of the whole record get the
 * prefix 'to' ("participants[2]") instead of 'from'. Elements are taken in
 * order, so equal messages of two elements go to the right ones. */
static void attribute(struct ctx *c, struct errlist *whole, const struct errlist *part,
		      const char *from, const char *to)
{
	size_t len = strlen(from);
	for (size_t k = 0; k < part->n; k++) {
		const char *pf = part->v[k].field;
		if (!pf || strncmp(pf, from, len) != 0 || (pf[len] && pf[len] != '.'))
			continue;
		for (size_t w = 0; w < whole->n; w++) {
			struct eala_error *e = &whole->v[w];
			if (!e->field || strcmp(e->field, pf) != 0 || !msg_eq(e->msg, part->v[k].msg))
				continue;
			char *nf = xasprintf("%s%s", to, pf + len);
			if (!nf) {
				c->nomem = 1;
				break;
			}
			free(e->field);
			e->field = nf;
			break;
		}
	}
}

/* 1 when a problem at path was already reported as a type or reference
 * error of that value, or of a value inside it ("is required" after "must be
 * a string" would say the same thing twice). */
static int reported(const struct ctx *c, const char *path)
{
	size_t len = strlen(path);
	for (size_t i = 0; i < c->bad.n; i++) {
		const char *b = c->bad.v[i];
		if (strncmp(b, path, len) == 0 && (!b[len] || b[len] == '.' || b[len] == '['))
			return 1;
	}
	return 0;
}

/* Validator field names that are not the JSON ones. */
static const char *const json_names[][2] = {
	{"agreement_signed", "agreement.signed"},
	{"agreement_expires", "agreement.expires"},
	{"agreement_renewed", "agreement.renewed"},
	{"deliberation_ref", "agreement.deliberation_ref"},
	{"deliberation_date", "agreement.deliberation_date"},
	{NULL, NULL}
};

/* Move the validator's problems to the caller's list, under path.field. */
static void report(struct ctx *c, const char *path, const struct errlist *found)
{
	char p[PATH_LEN];
	for (size_t i = 0; i < found->n; i++) {
		const char *field = found->v[i].field ? found->v[i].field : "";
		for (size_t k = 0; json_names[k][0]; k++)
			if (strcmp(field, json_names[k][0]) == 0)
				field = json_names[k][1];
		snprintf(p, sizeof(p), "%s.%s", path, field);
		if (!reported(c, p))
			errlist_add(c->errors, c->file, 0, p, "%s", found->v[i].msg);
	}
}

typedef void (*check_fn)(struct ctx *c, json_t *obj, void *rec, size_t i, const char *path);

static void check_authority(struct ctx *c, json_t *obj, void *rec, size_t i, const char *path)
{
	struct authority *a = rec;
	struct origin o = {c->file, 0};
	struct errlist el;
	char p[PATH_LEN];
	errlist_init(&el);
	if (!json_object_get(obj, "lat") != !json_object_get(obj, "lng")) {
		sub_key(p, path, json_object_get(obj, "lat") ? "lng" : "lat");
		bad(c, p, "lat and lng go together");
	}
	if (a->parent_id == (int64_t)i + 1) {
		sub_key(p, path, "parent");
		bad(c, p, "an authority cannot be its own parent");
	}
	authority_validate(a, &o, &el);
	report(c, path, &el);
	errlist_clear(&el);
}

static void check_organisation(struct ctx *c, json_t *obj, void *rec, size_t i, const char *path)
{
	struct origin o = {c->file, 0};
	struct errlist el;
	(void)obj; (void)i;
	errlist_init(&el);
	organisation_validate(rec, &o, &el);
	report(c, path, &el);
	errlist_clear(&el);
}

static void check_membership(struct ctx *c, json_t *obj, void *rec, size_t i, const char *path)
{
	struct network_membership *m = rec;
	struct origin o = {c->file, 0};
	struct errlist el;
	char p[PATH_LEN];
	(void)obj; (void)i;
	errlist_init(&el);
	if (m->network_id) {
		const struct organisation *g = rec_at(&c->sec[S_ORGANISATION],
						      sizeof(struct organisation),
						      (size_t)m->network_id - 1);
		if (!g->subtype || strcmp(g->subtype, "city_network") != 0) {
			sub_key(p, path, "network");
			bad(c, p, "'%s' is not a city network (subtype city_network)",
			    g->name ? g->name : "?");
		}
	}
	network_membership_validate(m, &o, &el);
	report(c, path, &el);
	errlist_clear(&el);
}

static void check_link(struct ctx *c, json_t *obj, void *rec, size_t i, const char *path)
{
	struct origin o = {c->file, 0};
	struct errlist el;
	(void)obj; (void)i;
	errlist_init(&el);
	stakeholder_link_validate(rec, &o, &el);
	report(c, path, &el);
	errlist_clear(&el);
}

static void check_partnership(struct ctx *c, json_t *obj, void *rec, size_t i, const char *path)
{
	struct origin o = {c->file, 0};
	struct errlist el;
	(void)obj; (void)i;
	errlist_init(&el);
	partnership_validate(rec, &o, &el);
	report(c, path, &el);
	errlist_clear(&el);
}

static void check_action(struct ctx *c, json_t *obj, void *rec, size_t i, const char *path)
{
	struct action *a = rec;
	struct origin o = {c->file, 0};
	struct errlist whole, part;
	char to[64];
	(void)obj; (void)i;
	errlist_init(&whole);
	errlist_init(&part);
	action_validate(a, &o, &whole);
	for (size_t k = 0; k < a->n_participants; k++) {
		struct action one = *a;
		one.participants = &a->participants[k];
		one.n_participants = 1;
		action_validate(&one, &o, &part);
		snprintf(to, sizeof(to), "participants[%zu]", k);
		attribute(c, &whole, &part, "participants", to);
		errlist_clear(&part);
	}
	report(c, path, &whole);
	errlist_clear(&whole);
}

static void check_financing(struct ctx *c, json_t *obj, void *rec, size_t i, const char *path)
{
	struct origin o = {c->file, 0};
	struct errlist el;
	(void)obj; (void)i;
	errlist_init(&el);
	financing_validate(rec, &o, &el);
	report(c, path, &el);
	errlist_clear(&el);
}

static void check_budget_year(struct ctx *c, json_t *obj, void *rec, size_t i, const char *path)
{
	struct origin o = {c->file, 0};
	struct errlist el;
	(void)obj; (void)i;
	errlist_init(&el);
	budget_year_validate(rec, &o, &el);
	report(c, path, &el);
	errlist_clear(&el);
}

static void check_strategy(struct ctx *c, json_t *obj, void *rec, size_t i, const char *path)
{
	struct strategy *s = rec;
	struct origin o = {c->file, 0};
	struct errlist whole, part;
	char to[64];
	(void)obj; (void)i;
	errlist_init(&whole);
	errlist_init(&part);
	strategy_validate(s, &o, &whole);
	for (size_t k = 0; k < s->n_priorities; k++) {
		struct strategy one = *s;
		one.priorities = &s->priorities[k];
		one.n_priorities = 1;
		strategy_validate(&one, &o, &part);
		snprintf(to, sizeof(to), "priorities[%zu]", k);
		attribute(c, &whole, &part, "priorities", to);
		errlist_clear(&part);
	}
	report(c, path, &whole);
	errlist_clear(&whole);
}

static void check_expected(struct ctx *c, json_t *obj, void *rec, size_t i, const char *path)
{
	struct expected_impact *e = rec;
	struct origin o = {c->file, 0};
	struct errlist whole, part;
	char to[64];
	(void)obj; (void)i;
	errlist_init(&whole);
	errlist_init(&part);
	expected_impact_validate(e, &o, &whole);
	for (size_t k = 0; k < e->n_indicators; k++) {
		struct indicator ind = e->indicators[k];
		struct expected_impact one = *e;
		one.indicators = &ind;
		one.n_indicators = 1;
		for (size_t j = 0; j < e->indicators[k].n_periods; j++) {
			ind.periods = &e->indicators[k].periods[j];
			ind.n_periods = 1;
			expected_impact_validate(&one, &o, &part);
			snprintf(to, sizeof(to), "indicators[%zu].periods[%zu]", k, j);
			attribute(c, &whole, &part, "indicators.periods", to);
			errlist_clear(&part);
		}
		/* without its periods, so it cannot take those of a later indicator */
		ind.n_periods = 0;
		expected_impact_validate(&one, &o, &part);
		snprintf(to, sizeof(to), "indicators[%zu]", k);
		attribute(c, &whole, &part, "indicators", to);
		errlist_clear(&part);
	}
	report(c, path, &whole);
	errlist_clear(&whole);
}

static void check_outcome(struct ctx *c, json_t *obj, void *rec, size_t i, const char *path)
{
	struct origin o = {c->file, 0};
	struct errlist el;
	(void)obj; (void)i;
	errlist_init(&el);
	observed_outcome_validate(rec, &o, &el);
	report(c, path, &el);
	errlist_clear(&el);
}

static void check_practice(struct ctx *c, json_t *obj, void *rec, size_t i, const char *path)
{
	struct practice *p = rec;
	struct origin o = {c->file, 0};
	struct errlist whole, part;
	char to[64];
	(void)obj; (void)i;
	errlist_init(&whole);
	errlist_init(&part);
	practice_validate(p, &o, &whole);
	for (size_t k = 0; k < p->n_adoptions; k++) {
		struct practice one = *p;
		one.adoptions = &p->adoptions[k];
		one.n_adoptions = 1;
		practice_validate(&one, &o, &part);
		snprintf(to, sizeof(to), "adoptions[%zu]", k);
		attribute(c, &whole, &part, "adoptions", to);
		errlist_clear(&part);
	}
	report(c, path, &whole);
	errlist_clear(&whole);
}

static void check_partner_call(struct ctx *c, json_t *obj, void *rec, size_t i, const char *path)
{
	struct origin o = {c->file, 0};
	struct errlist el;
	(void)obj; (void)i;
	errlist_init(&el);
	partner_call_validate(rec, &o, &el);
	report(c, path, &el);
	errlist_clear(&el);
}

/* ---- per-section description ---- */

static void init_authority(void *r) { ((struct authority *)r)->population = EALA_NO_VALUE; }
static void init_budget_year(void *r)
{
	struct budget_year *b = r;
	b->total = b->international = b->water = b->waste = b->mobility = -1;
}

static void clear_authority(void *r) { authority_clear(r); }
static void clear_organisation(void *r) { organisation_clear(r); }
static void clear_membership(void *r) { network_membership_clear(r); }
static void clear_partnership(void *r) { partnership_clear(r); }
static void clear_action(void *r) { action_clear(r); }
static void clear_financing(void *r) { financing_clear(r); }
static void clear_budget_year(void *r) { budget_year_clear(r); }
static void clear_strategy(void *r) { strategy_clear(r); }
static void clear_expected(void *r) { expected_impact_clear(r); }
static void clear_outcome(void *r) { observed_outcome_clear(r); }
static void clear_practice(void *r) { practice_clear(r); }
static void clear_partner_call(void *r) { partner_call_clear(r); }
static void clear_link(void *r) { stakeholder_link_clear(r); }

static const struct section_def {
	size_t size;
	const struct field *fields;
	void (*init)(void *rec);
	void (*clear)(void *rec);
	check_fn check;
} defs[S_COUNT] = {
	{sizeof(struct authority), authority_fields, init_authority, clear_authority,
	 check_authority},
	{sizeof(struct organisation), organisation_fields, NULL, clear_organisation,
	 check_organisation},
	{sizeof(struct network_membership), membership_fields, NULL, clear_membership,
	 check_membership},
	{sizeof(struct partnership), partnership_fields, NULL, clear_partnership,
	 check_partnership},
	{sizeof(struct action), action_fields, NULL, clear_action, check_action},
	{sizeof(struct financing), financing_fields, NULL, clear_financing, check_financing},
	{sizeof(struct budget_year), budget_year_fields, init_budget_year, clear_budget_year,
	 check_budget_year},
	{sizeof(struct strategy), strategy_fields, NULL, clear_strategy, check_strategy},
	{sizeof(struct expected_impact), expected_fields, NULL, clear_expected, check_expected},
	{sizeof(struct observed_outcome), outcome_fields, NULL, clear_outcome, check_outcome},
	{sizeof(struct practice), practice_fields, NULL, clear_practice, check_practice},
	{sizeof(struct partner_call), partner_call_fields, NULL, clear_partner_call,
	 check_partner_call},
	{sizeof(struct stakeholder_link), link_fields, NULL, clear_link, check_link},
};

/* ================= reading: the document ================= */

static int cmp_refent(const void *x, const void *y)
{
	const struct refent *a = x, *b = y;
	int cmp = strcmp(a->ref, b->ref);
	if (cmp)
		return cmp;
	return (a->index > b->index) - (a->index < b->index);
}

/* Step 1: the refs of one section, sorted; a ref defined twice is an error. */
static void collect_refs(struct ctx *c, enum sec k)
{
	struct section *s = &c->sec[k];
	char p[PATH_LEN];
	size_t i;
	json_t *x;
	if (!s->n)
		return;
	if (!(s->refs = calloc(s->n, sizeof(*s->refs)))) {
		c->nomem = 1;
		return;
	}
	json_array_foreach(s->json, i, x) {
		json_t *ref = json_object_get(x, "ref");
		if (!ref || json_is_null(ref))
			continue;
		sub_index(p, section_names[k], i);
		sub_key(p, p, "ref");
		if (!json_is_string(ref) || str_blank(json_string_value(ref)))
			bad(c, p, "must be a non-empty string");
		else
			s->refs[s->n_refs++] = (struct refent){json_string_value(ref), i};
	}
	qsort(s->refs, s->n_refs, sizeof(*s->refs), cmp_refent);
	for (i = 1; i < s->n_refs; i++) {
		if (strcmp(s->refs[i].ref, s->refs[i - 1].ref) != 0)
			continue;
		snprintf(p, sizeof(p), "%s[%zu].ref", section_names[k], s->refs[i].index);
		errlist_add(c->errors, c->file, 0, p, "'%s' is already the ref of %s[%zu]",
			    s->refs[i].ref, section_names[k], s->refs[i - 1].index);
	}
}

/* Step 2 for one section: read and check each record. */
static void read_section(struct ctx *c, enum sec k)
{
	struct section *s = &c->sec[k];
	const struct section_def *d = &defs[k];
	char p[PATH_LEN];
	size_t i;
	json_t *x;
	if (!s->n)
		return;
	if (!(s->recs = calloc(s->n, d->size)) || !(s->ids = calloc(s->n, sizeof(*s->ids)))) {
		c->nomem = 1;
		return;
	}
	json_array_foreach(s->json, i, x) {
		void *rec = rec_at(s, d->size, i);
		if (d->init)
			d->init(rec);
		sub_index(p, section_names[k], i);
		if (!json_is_object(x)) {
			bad(c, p, "must be an object");
			continue;
		}
		read_fields(c, x, d->fields, rec, p);
		d->check(c, x, rec, i, p);
		strv_clear(&c->bad);
	}
}

/* Order authorities by country and official code, then by place in the file. */
static int cmp_code(const void *x, const void *y)
{
	const struct authority *a = *(const struct authority *const *)x;
	const struct authority *b = *(const struct authority *const *)y;
	int cmp = strcmp(a->country ? a->country : "", b->country ? b->country : "");
	if (!cmp)
		cmp = strcmp(a->official_code, b->official_code);
	return cmp ? cmp : (a > b) - (a < b);
}

static int same_code(const struct authority *a, const struct authority *b)
{
	return strcmp(a->country ? a->country : "", b->country ? b->country : "") == 0 &&
	       strcmp(a->official_code, b->official_code) == 0;
}

/* Two authorities of the file with one official code are one place twice. */
static void check_official_codes(struct ctx *c)
{
	struct section *s = &c->sec[S_AUTHORITY];
	struct authority *a = (struct authority *)(void *)s->recs;
	const struct authority **v = calloc(s->n ? s->n : 1, sizeof(*v));
	size_t n = 0;
	char p[PATH_LEN];
	if (!v) {
		c->nomem = 1;
		return;
	}
	for (size_t i = 0; a && i < s->n; i++)
		if (a[i].official_code)
			v[n++] = &a[i];
	qsort(v, n, sizeof(*v), cmp_code);
	for (size_t i = 1; i < n; i++) {
		if (!same_code(v[i], v[i - 1]))
			continue;
		snprintf(p, sizeof(p), "authorities[%zu].official_code", (size_t)(v[i] - a));
		errlist_add(c->errors, c->file, 0, p, "'%s' is also the official code of authorities[%zu]",
			    v[i]->official_code, (size_t)(v[i - 1] - a));
	}
	free(v);
}

/* The top level: the version, then the sections (steps 1 and 2). */
static void read_document(struct ctx *c, json_t *doc)
{
	const char *key;
	json_t *v;
	if (!json_is_object(doc)) {
		errlist_add(c->errors, c->file, 0, NULL, "an eala dataset is a JSON object");
		return;
	}
	v = json_object_get(doc, "eala_dataset");
	if (!v) {
		errlist_add(c->errors, c->file, 0, NULL,
			    "not an eala dataset: \"eala_dataset\": %d is missing", DATASET_VERSION);
		return;
	}
	if (!json_is_integer(v) || json_integer_value(v) != DATASET_VERSION) {
		errlist_add(c->errors, c->file, 0, "eala_dataset",
			    "this dataset format version is not supported: this eala reads version %d",
			    DATASET_VERSION);
		return;
	}
	json_object_foreach(doc, key, v) {
		int k = 0;
		while (k < S_COUNT && strcmp(section_names[k], key) != 0)
			k++;
		if (k < S_COUNT) {
			if (json_is_array(v)) {
				c->sec[k].json = v;
				c->sec[k].n = json_array_size(v);
			} else if (!json_is_null(v)) {
				bad(c, key, "must be a list");
			}
		} else if (strcmp(key, "title") == 0 || strcmp(key, "notes") == 0) {
			if (!json_is_string(v) && !json_is_null(v))
				bad(c, key, "must be a string");
		} else if (strcmp(key, "eala_dataset") != 0) {
			char p[PATH_LEN];
			sub_key(p, "", key);   /* ".key", made printable */
			bad(c, p + 1, "unknown section");
		}
	}
	strv_clear(&c->bad);
	for (int k = 0; k < S_COUNT; k++)
		collect_refs(c, (enum sec)k);
	strv_clear(&c->bad);
	for (int k = 0; k < S_COUNT; k++)
		read_section(c, (enum sec)k);
	check_official_codes(c);
}

/* ================= step 3: authorities the store already has ================= */

struct name_key {
	char *key;            /* "CC\tname key" */
	size_t index;         /* the authority in the file */
	int alias;            /* 0: its main name, 1: one of its other names */
};

struct name_match {
	struct name_key *v;
	size_t n;
	int64_t *best;        /* per authority: lowest existing id matching its main name ... */
	int *best_alias;      /* ... or, failing that, one of its other names */
};

static int cmp_name_key(const void *x, const void *y)
{
	return strcmp(((const struct name_key *)x)->key, ((const struct name_key *)y)->key);
}

static int name_seen(void *ctx, const struct store_name_entry *e)
{
	struct name_match *m = ctx;
	char *nk = text_name_key(e->name, e->country);
	char *key = nk ? xasprintf("%s\t%s", e->country ? e->country : "", nk) : NULL;
	free(nk);
	if (!key)
		return EALA_ENOMEM;
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(m->v[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < m->n && strcmp(m->v[lo].key, key) == 0; lo++) {
		size_t i = m->v[lo].index;
		int alias = m->v[lo].alias;
		if (!m->best[i] || alias < m->best_alias[i] ||
		    (alias == m->best_alias[i] && e->authority_id < m->best[i])) {
			m->best[i] = e->authority_id;
			m->best_alias[i] = alias;
		}
	}
	free(key);
	return 0;
}

static int push_name_key(struct name_match *m, const char *name, const char *country, size_t i,
			 int alias)
{
	char *k = text_name_key(name, country);
	char *key = k ? xasprintf("%s\t%s", country, k) : NULL;
	free(k);
	if (!key)
		return EALA_ENOMEM;
	m->v[m->n++] = (struct name_key){key, i, alias};
	return EALA_OK;
}

/* Match each authority of the file to one of the store by name: same country,
 * same text_name_key, its main name before its other names, lowest id first. */
static int match_names(struct ctx *c, struct name_match *m, char **errmsg)
{
	struct section *s = &c->sec[S_AUTHORITY];
	struct authority *a = (struct authority *)(void *)s->recs;
	size_t total = 0;
	int rc = EALA_OK;
	for (size_t i = 0; i < s->n; i++)
		total += c->reuse[i] ? 0 : 1 + a[i].other_names.n;
	m->v = calloc(total ? total : 1, sizeof(*m->v));
	m->best = calloc(s->n, sizeof(*m->best));
	m->best_alias = calloc(s->n, sizeof(*m->best_alias));
	if (!m->v || !m->best || !m->best_alias)
		return EALA_ENOMEM;
	for (size_t i = 0; !rc && i < s->n; i++) {
		if (c->reuse[i])
			continue;
		rc = push_name_key(m, a[i].name, a[i].country, i, 0);
		for (size_t j = 0; !rc && j < a[i].other_names.n; j++)
			rc = push_name_key(m, a[i].other_names.v[j], a[i].country, i, 1);
	}
	if (rc || !m->n)
		return rc;
	qsort(m->v, m->n, sizeof(*m->v), cmp_name_key);
	return store_authority_names_each(c->st, name_seen, m, errmsg);
}

struct claim {
	int64_t id;
	size_t index;
	int by_code;
};

static int cmp_claim(const void *x, const void *y)
{
	const struct claim *a = x, *b = y;
	if (a->id != b->id)
		return (a->id > b->id) - (a->id < b->id);
	if (a->by_code != b->by_code)
		return b->by_code - a->by_code;
	return (a->index > b->index) - (a->index < b->index);
}

/* Step 3: c->reuse[i] = the existing authority that authorities[i] is. One
 * existing authority is taken by one record of the file at most (official code
 * first, then file order); the others are new places. A name match whose
 * official code differs is another place of the same name. */
static int resolve_authorities(struct ctx *c, char **errmsg)
{
	struct section *s = &c->sec[S_AUTHORITY];
	struct authority *a = (struct authority *)(void *)s->recs;
	struct name_match m = {0};
	struct claim *claims = NULL;
	size_t n_claims = 0;
	int *by_code = NULL;
	int rc = EALA_ENOMEM;
	if (!s->n)
		return EALA_OK;
	c->reuse = calloc(s->n, sizeof(*c->reuse));
	by_code = calloc(s->n, sizeof(*by_code));
	claims = calloc(s->n, sizeof(*claims));
	if (!c->reuse || !by_code || !claims)
		goto out;
	for (size_t i = 0; i < s->n; i++) {
		int64_t id;
		if (a[i].official_code &&
		    store_authority_find_code(c->st, a[i].country, a[i].official_code, &id) == EALA_OK) {
			c->reuse[i] = id;
			by_code[i] = 1;
		}
	}
	if ((rc = match_names(c, &m, errmsg)))
		goto out;
	for (size_t i = 0; i < s->n; i++) {
		if (c->reuse[i] || !m.best || !m.best[i])
			continue;
		struct authority old;
		if ((rc = store_authority_get(c->st, m.best[i], &old)))
			goto out;
		if (!a[i].official_code || !old.official_code ||
		    strcmp(a[i].official_code, old.official_code) == 0)
			c->reuse[i] = m.best[i];
		authority_clear(&old);
	}
	for (size_t i = 0; i < s->n; i++)
		if (c->reuse[i])
			claims[n_claims++] = (struct claim){c->reuse[i], i, by_code[i]};
	qsort(claims, n_claims, sizeof(*claims), cmp_claim);
	for (size_t k = 1; k < n_claims; k++)
		if (claims[k].id == claims[k - 1].id)
			c->reuse[claims[k].index] = 0;
	rc = EALA_OK;
out:
	for (size_t k = 0; k < m.n; k++)
		free(m.v[k].key);
	free(m.v);
	free(m.best);
	free(m.best_alias);
	free(claims);
	free(by_code);
	return rc;
}

/* ================= step 4: writing ================= */

/* The store id of reference field value v (index + 1 into section k). */
static int64_t id_of(const struct ctx *c, enum sec k, int64_t v)
{
	return v ? c->sec[k].ids[v - 1] : 0;
}

/* Fill the fields the dataset leaves empty from the existing record (the
 * dataset's values win), keep every known name, and give it the existing id. */
static int merge_authority(struct authority *a, struct authority *old)
{
	char **mine[] = {&a->official_code, &a->source, &a->illustrative, &a->notes};
	char **theirs[] = {&old->official_code, &old->source, &old->illustrative, &old->notes};
	struct strv names = {0};
	int rc = EALA_OK;
	for (size_t k = 0; k < sizeof(mine) / sizeof(*mine); k++) {
		if (!*mine[k]) {
			*mine[k] = *theirs[k];
			*theirs[k] = NULL;
		}
	}
	if (a->population == EALA_NO_VALUE)
		a->population = old->population;
	if (!a->has_coords) {
		a->has_coords = old->has_coords;
		a->lat = old->lat;
		a->lng = old->lng;
	}
	if (!a->parent_id)
		a->parent_id = old->parent_id;
	a->overseas = a->overseas || old->overseas;
	const struct strv *lists[] = {&old->other_names, &a->other_names};
	if (old->name && strcmp(old->name, a->name) != 0)
		rc = strv_push(&names, old->name);
	for (size_t l = 0; l < 2; l++)
		for (size_t k = 0; !rc && k < lists[l]->n; k++)
			if (strcmp(lists[l]->v[k], a->name) != 0 &&
			    !strv_contains(&names, lists[l]->v[k]))
				rc = strv_push(&names, lists[l]->v[k]);
	strv_clear(&a->other_names);
	a->other_names = names;
	a->id = old->id;
	return rc;
}

static int write_authorities(struct ctx *c, char **errmsg)
{
	struct section *s = &c->sec[S_AUTHORITY];
	struct authority *a = (struct authority *)(void *)s->recs;
	int rc = EALA_OK;
	/* first every new one without its parent, which may come later */
	for (size_t i = 0; !rc && i < s->n; i++) {
		if (c->reuse[i]) {
			s->ids[i] = c->reuse[i];
			continue;
		}
		int64_t parent = a[i].parent_id;
		a[i].parent_id = 0;
		rc = store_authority_insert(c->st, &a[i], errmsg);
		a[i].parent_id = parent;
		s->ids[i] = a[i].id;
	}
	for (size_t i = 0; !rc && i < s->n; i++) {
		a[i].parent_id = id_of(c, S_AUTHORITY, a[i].parent_id);
		if (c->reuse[i]) {
			struct authority old;
			if ((rc = store_authority_get(c->st, c->reuse[i], &old)))
				break;
			rc = merge_authority(&a[i], &old);
			authority_clear(&old);
			if (!rc)
				rc = store_authority_update(c->st, &a[i], errmsg);
		} else if (a[i].parent_id) {
			rc = store_authority_update(c->st, &a[i], errmsg);
		}
	}
	return rc;
}

static int write_organisation(struct ctx *c, void *rec, char **errmsg)
{
	struct organisation *o = rec;
	o->authority_id = id_of(c, S_AUTHORITY, o->authority_id);
	return store_organisation_insert(c->st, o, errmsg);
}

static int write_membership(struct ctx *c, void *rec, char **errmsg)
{
	struct network_membership *m = rec;
	m->authority_id = id_of(c, S_AUTHORITY, m->authority_id);
	m->network_id = id_of(c, S_ORGANISATION, m->network_id);
	return store_membership_insert(c->st, m, errmsg);
}

/* A partnership of the same kind between the same authorities exists (from
 * the twin-city list, say): it is this one, described by the dataset. */
static int merge_partnership(struct ctx *c, struct partnership *p, char **errmsg)
{
	struct partnership old;
	int rc = store_partnership_get(c->st, p->id, &old);
	if (rc)
		return rc;
	char **mine[] = {&p->status_date, &p->status_reason, &p->start_date, &p->end_date,
			 &p->agreement_signed, &p->agreement_expires, &p->agreement_renewed,
			 &p->deliberation_ref, &p->deliberation_date, &p->source, &p->illustrative,
			 &p->notes};
	char **theirs[] = {&old.status_date, &old.status_reason, &old.start_date, &old.end_date,
			   &old.agreement_signed, &old.agreement_expires, &old.agreement_renewed,
			   &old.deliberation_ref, &old.deliberation_date, &old.source,
			   &old.illustrative, &old.notes};
	for (size_t k = 0; k < sizeof(mine) / sizeof(*mine); k++) {
		if (!*mine[k]) {
			*mine[k] = *theirs[k];
			*theirs[k] = NULL;
		}
	}
	rc = store_partnership_update(c->st, p, errmsg);
	partnership_clear(&old);
	return rc;
}

static int write_partnership(struct ctx *c, void *rec, char **errmsg)
{
	struct partnership *p = rec;
	for (size_t k = 0; k < p->n_members; k++)
		p->members[k] = id_of(c, S_AUTHORITY, p->members[k]);
	int rc = store_partnership_insert(c->st, p, errmsg);
	if (rc == EALA_ECONFLICT)
		rc = merge_partnership(c, p, errmsg);
	return rc;
}

static int write_action(struct ctx *c, void *rec, char **errmsg)
{
	struct action *a = rec;
	a->partnership_id = id_of(c, S_PARTNERSHIP, a->partnership_id);
	a->authority_id = id_of(c, S_AUTHORITY, a->authority_id);
	for (size_t k = 0; k < a->n_participants; k++) {
		struct participant *p = &a->participants[k];
		p->organisation_id = id_of(c, S_ORGANISATION, p->organisation_id);
		p->authority_id = id_of(c, S_AUTHORITY, p->authority_id);
	}
	return store_action_insert(c->st, a, errmsg);
}

static int write_financing(struct ctx *c, void *rec, char **errmsg)
{
	struct financing *f = rec;
	f->action_id = id_of(c, S_ACTION, f->action_id);
	return store_financing_insert(c->st, f, errmsg);
}

static int write_budget_year(struct ctx *c, void *rec, char **errmsg)
{
	struct budget_year *b = rec;
	b->authority_id = id_of(c, S_AUTHORITY, b->authority_id);
	return store_budget_year_put(c->st, b, errmsg);
}

static int write_strategy(struct ctx *c, void *rec, char **errmsg)
{
	struct strategy *s = rec;
	s->authority_id = id_of(c, S_AUTHORITY, s->authority_id);
	return store_strategy_insert(c->st, s, errmsg);
}

static int write_expected(struct ctx *c, void *rec, char **errmsg)
{
	struct expected_impact *e = rec;
	e->partnership_id = id_of(c, S_PARTNERSHIP, e->partnership_id);
	e->action_id = id_of(c, S_ACTION, e->action_id);
	return store_expected_impact_insert(c->st, e, errmsg);
}

static int write_outcome(struct ctx *c, void *rec, char **errmsg)
{
	struct observed_outcome *o = rec;
	o->partnership_id = id_of(c, S_PARTNERSHIP, o->partnership_id);
	o->action_id = id_of(c, S_ACTION, o->action_id);
	o->expected_id = id_of(c, S_EXPECTED, o->expected_id);
	return store_observed_outcome_insert(c->st, o, errmsg);
}

static int write_practice(struct ctx *c, void *rec, char **errmsg)
{
	struct practice *p = rec;
	for (size_t k = 0; k < p->n_adoptions; k++)
		p->adoptions[k].authority_id = id_of(c, S_AUTHORITY, p->adoptions[k].authority_id);
	return store_practice_insert(c->st, p, errmsg);
}

static int write_partner_call(struct ctx *c, void *rec, char **errmsg)
{
	struct partner_call *pc = rec;
	pc->authority_id = id_of(c, S_AUTHORITY, pc->authority_id);
	return store_partner_call_insert(c->st, pc, errmsg);
}

static int write_link(struct ctx *c, void *rec, char **errmsg)
{
	struct stakeholder_link *l = rec;
	l->organisation_id = id_of(c, S_ORGANISATION, l->organisation_id);
	l->partner_authority_id = id_of(c, S_AUTHORITY, l->partner_authority_id);
	return store_stakeholder_link_insert(c->st, l, errmsg);
}

typedef int (*write_fn)(struct ctx *c, void *rec, char **errmsg);

/* In dependency order; authorities have write_authorities(). */
static const write_fn writers[S_COUNT] = {
	NULL, write_organisation, write_membership, write_partnership, write_action,
	write_financing, write_budget_year, write_strategy, write_expected, write_outcome,
	write_practice, write_partner_call, write_link,
};

/* Step 4, inside the caller's transaction. [out] where: the section and
 * index of the record that failed. */
static int write_all(struct ctx *c, char **errmsg, char *where)
{
	int rc = write_authorities(c, errmsg);
	if (rc) {
		snprintf(where, PATH_LEN, "authorities");
		return rc;
	}
	for (int k = S_AUTHORITY + 1; k < S_COUNT; k++) {
		struct section *s = &c->sec[k];
		for (size_t i = 0; i < s->n; i++) {
			void *rec = rec_at(s, defs[k].size, i);
			if ((rc = writers[k](c, rec, errmsg))) {
				sub_index(where, section_names[k], i);
				return rc;
			}
			/* every record type starts with its id; budget years have none */
			if (k != S_BUDGET_YEAR)
				s->ids[i] = *(int64_t *)rec;
		}
	}
	return EALA_OK;
}

static void fill_report(const struct ctx *c, struct dataset_report *rep)
{
	if (!rep)
		return;
	size_t *counts[S_COUNT] = {
		&rep->authorities, &rep->organisations, &rep->network_memberships,
		&rep->partnerships, &rep->actions, &rep->financing, &rep->budget_years,
		&rep->strategies, &rep->expected_impacts, &rep->observed_outcomes,
		&rep->practices, &rep->partner_calls, &rep->stakeholder_links,
	};
	for (int k = 0; k < S_COUNT; k++)
		*counts[k] = c->sec[k].n;
}

static void ctx_clear(struct ctx *c)
{
	for (int k = 0; k < S_COUNT; k++) {
		struct section *s = &c->sec[k];
		for (size_t i = 0; s->recs && i < s->n; i++)
			defs[k].clear(rec_at(s, defs[k].size, i));
		free(s->recs);
		free(s->refs);
		free(s->ids);
	}
	free(c->reuse);
	strv_clear(&c->bad);
}

/* One audit event for the whole load, as the other importers record. */
static int audit_load(struct ctx *c, char **errmsg)
{
	struct dataset_report r = {0};
	fill_report(c, &r);
	const char *base = strrchr(c->file, '/');
	json_t *j = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "file", base ? base + 1 : c->file,
			      "authorities", (json_int_t)r.authorities,
			      "organisations", (json_int_t)r.organisations,
			      "partnerships", (json_int_t)r.partnerships,
			      "actions", (json_int_t)r.actions,
			      "expected_impacts", (json_int_t)r.expected_impacts,
			      "observed_outcomes", (json_int_t)r.observed_outcomes);
	char *after = j ? json_dumps(j, JSON_COMPACT) : NULL;
	struct audit_event ev = {.operation = "import", .kind = "json", .after = after};
	int rc = store_audit_add(c->st, &ev, errmsg);
	free(after);
	json_decref(j);
	return rc;
}

static int store_step(struct ctx *c, int dry_run)
{
	char *errmsg = NULL;
	char where[PATH_LEN] = "";
	int rc = resolve_authorities(c, &errmsg);
	if (rc) {
		errlist_add(c->errors, c->file, 0, NULL, "matching authorities with the database: %s",
			    errmsg ? errmsg : eala_strerror(rc));
		goto out;
	}
	if (dry_run)
		goto out;
	if ((rc = store_begin(c->st))) {
		errlist_add(c->errors, c->file, 0, NULL, "cannot start a transaction (database busy?)");
		goto out;
	}
	if ((rc = write_all(c, &errmsg, where)) || (rc = audit_load(c, &errmsg))) {
		store_rollback(c->st);
		errlist_add(c->errors, c->file, 0, where, "could not be written, nothing imported: %s",
			    errmsg ? errmsg : eala_strerror(rc));
		goto out;
	}
	if ((rc = store_commit(c->st)))
		errlist_add(c->errors, c->file, 0, NULL, "could not commit the import: %s", store_error(c->st));
out:
	free(errmsg);
	return rc;
}

/* The document, after an optional UTF-8 byte-order mark (editors on Windows
 * write one; jansson would refuse it). */
static json_t *load_json(const char *path, json_error_t *jerr)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return json_load_file(path, JSON_REJECT_DUPLICATES, jerr); /* for its message */
	unsigned char bom[3];
	size_t got = fread(bom, 1, 3, f);
	if (got != 3 || memcmp(bom, "\xEF\xBB\xBF", 3) != 0)
		rewind(f);
	json_t *doc = json_loadf(f, JSON_REJECT_DUPLICATES, jerr);
	fclose(f);
	return doc;
}

int dataset_json_load(struct store *st, const char *path, int dry_run, struct dataset_report *rep,
		      struct errlist *errors)
{
	struct ctx c = {.st = st, .file = path, .errors = errors};
	size_t before = errlist_count(errors);
	json_error_t jerr;
	int rc = EALA_OK;
	json_t *doc = load_json(path, &jerr);
	if (!doc) {
		errlist_add(errors, path, jerr.line > 0 ? jerr.line : 0, NULL, "%s", jerr.text);
		rc = json_error_code(&jerr) == json_error_cannot_open_file ? EALA_EIO : EALA_EINVAL;
		goto out;
	}
	read_document(&c, doc);
	if (c.nomem) {
		rc = EALA_ENOMEM;
		errlist_add(errors, path, 0, NULL, "out of memory");
		goto out;
	}
	if (errlist_count(errors) > before) {
		rc = EALA_EINVAL;
		goto out;
	}
	if ((rc = store_step(&c, dry_run)))
		goto out;
	fill_report(&c, rep);
out:
	ctx_clear(&c);
	json_decref(doc);
	return rc;
}

/* ================= writing a dataset ================= */

struct exporter {
	json_t *arr;          /* the section being filled */
	int precise;          /* some number needs 17 digits to come back the same */
};

static int add(struct exporter *x, json_t *o)
{
	return o && json_array_append_new(x->arr, o) == 0 ? 0 : EALA_ENOMEM;
}

static void set_ref(json_t *o, const char *key, const char *kind, int64_t id)
{
	char ref[64];
	if (!id)
		return;
	snprintf(ref, sizeof(ref), "%s-%lld", kind, (long long)id);
	json_object_set_new(o, key, json_string(ref));
}

/* Whole amounts as integers (12500000, not 12500000.0). */
static void set_number(struct exporter *x, json_t *o, const char *key, double v)
{
	char buf[64];
	if (v == floor(v) && fabs(v) < 1e15) {
		json_object_set_new(o, key, json_integer((json_int_t)v));
		return;
	}
	snprintf(buf, sizeof(buf), "%.15g", v);
	if (strtod(buf, NULL) != v)
		x->precise = 1;
	json_object_set_new(o, key, json_real(v));
}

static void set_illustrative(json_t *o, const char *s)
{
	struct strv sv = {0};
	if (!s)
		return;
	if (strcmp(s, "all") == 0) {
		json_object_set_new(o, "illustrative", json_string("all"));
		return;
	}
	if (strv_split(&sv, s, ',') == EALA_OK)
		json_set_strv(o, "illustrative", &sv);
	strv_clear(&sv);
}

static void set_bool(json_t *o, const char *key, int v)
{
	json_object_set_new(o, key, json_boolean(v));
}

static int export_authority(void *ctx, const struct authority *a)
{
	struct exporter *x = ctx;
	json_t *o = json_object();
	set_ref(o, "ref", "authority", a->id);
	json_set_str(o, "name", a->name);
	json_set_strv(o, "other_names", &a->other_names);
	json_set_str(o, "country", a->country);
	json_set_str(o, "level", a->level);
	json_set_str(o, "official_code", a->official_code);
	if (a->population != EALA_NO_VALUE)
		json_object_set_new(o, "population", json_integer((json_int_t)a->population));
	if (a->has_coords) {
		set_number(x, o, "lat", a->lat);
		set_number(x, o, "lng", a->lng);
	}
	set_ref(o, "parent", "authority", a->parent_id);
	set_bool(o, "overseas", a->overseas);
	json_set_str(o, "source", a->source);
	set_illustrative(o, a->illustrative);
	json_set_str(o, "notes", a->notes);
	if (a->draft)
		json_object_set_new(o, "draft", json_true());
	return add(x, o);
}

static int export_organisation(void *ctx, const struct organisation *g)
{
	json_t *o = json_object();
	set_ref(o, "ref", "organisation", g->id);
	json_set_str(o, "name", g->name);
	json_set_str(o, "iati_type", g->iati_type);
	json_set_str(o, "subtype", g->subtype);
	json_set_str(o, "country", g->country);
	set_ref(o, "authority", "authority", g->authority_id);
	json_set_str(o, "source", g->source);
	set_illustrative(o, g->illustrative);
	json_set_str(o, "notes", g->notes);
	if (g->draft)
		json_object_set_new(o, "draft", json_true());
	return add(ctx, o);
}

static int export_membership(void *ctx, const struct network_membership *m)
{
	json_t *o = json_object();
	set_ref(o, "authority", "authority", m->authority_id);
	set_ref(o, "network", "organisation", m->network_id);
	json_set_str(o, "role", m->role);
	json_set_str(o, "start_date", m->start_date);
	json_set_str(o, "end_date", m->end_date);
	json_set_str(o, "source", m->source);
	set_illustrative(o, m->illustrative);
	return add(ctx, o);
}

static int export_link(void *ctx, const struct stakeholder_link *l)
{
	json_t *o = json_object();
	set_ref(o, "ref", "link", l->id);
	set_ref(o, "organisation", "organisation", l->organisation_id);
	json_set_str(o, "country", l->country);
	set_ref(o, "partner", "authority", l->partner_authority_id);
	json_set_str(o, "place", l->place);
	json_set_str(o, "domain", l->domain);
	json_set_str(o, "kind", l->kind);
	json_set_str(o, "since", l->since);
	json_set_str(o, "source", l->source);
	set_illustrative(o, l->illustrative);
	json_set_str(o, "notes", l->notes);
	return add(ctx, o);
}

static int export_partnership(void *ctx, const struct partnership *p)
{
	json_t *o = json_object(), *members = json_array(), *agreement = json_object();
	set_ref(o, "ref", "partnership", p->id);
	json_set_str(o, "name", p->name);
	json_set_str(o, "kind", p->kind);
	for (size_t k = 0; k < p->n_members; k++) {
		char ref[64];
		snprintf(ref, sizeof(ref), "authority-%lld", (long long)p->members[k]);
		json_array_append_new(members, json_string(ref));
	}
	json_object_set_new(o, "members", members);
	json_set_str(o, "status", p->status);
	json_set_str(o, "status_date", p->status_date);
	json_set_str(o, "status_reason", p->status_reason);
	json_set_str(o, "start_date", p->start_date);
	json_set_str(o, "end_date", p->end_date);
	json_set_str(agreement, "signed", p->agreement_signed);
	json_set_str(agreement, "expires", p->agreement_expires);
	json_set_str(agreement, "renewed", p->agreement_renewed);
	json_set_str(agreement, "deliberation_ref", p->deliberation_ref);
	json_set_str(agreement, "deliberation_date", p->deliberation_date);
	if (json_object_size(agreement))
		json_object_set(o, "agreement", agreement);
	json_decref(agreement);
	json_set_str(o, "source", p->source);
	set_illustrative(o, p->illustrative);
	json_set_str(o, "notes", p->notes);
	if (p->draft)
		json_object_set_new(o, "draft", json_true());
	return add(ctx, o);
}

static int export_action(void *ctx, const struct action *a)
{
	json_t *o = json_object();
	set_ref(o, "ref", "action", a->id);
	json_set_str(o, "title", a->title);
	json_set_str(o, "description", a->description);
	set_ref(o, "partnership", "partnership", a->partnership_id);
	set_ref(o, "authority", "authority", a->authority_id);
	json_set_str(o, "type", a->type);
	json_set_str(o, "status", a->status);
	json_set_str(o, "start_date", a->start_date);
	json_set_str(o, "end_date", a->end_date);
	json_set_strv(o, "domains", &a->domains);
	json_set_strv(o, "sectors", &a->sectors);
	json_set_strv(o, "sdgs", &a->sdgs);
	json_set_strv(o, "countries", &a->countries);
	if (a->n_participants) {
		json_t *parts = json_array();
		for (size_t k = 0; k < a->n_participants; k++) {
			json_t *p = json_object();
			set_ref(p, "organisation", "organisation", a->participants[k].organisation_id);
			set_ref(p, "authority", "authority", a->participants[k].authority_id);
			json_set_str(p, "role", a->participants[k].role);
			json_array_append_new(parts, p);
		}
		json_object_set_new(o, "participants", parts);
	}
	json_set_str(o, "departments", a->departments);
	json_set_str(o, "elected_officials", a->elected_officials);
	set_bool(o, "citizen_participation", a->citizen_participation);
	json_set_str(o, "eapd_category", a->eapd_category);
	json_set_str(o, "source", a->source);
	set_illustrative(o, a->illustrative);
	json_set_str(o, "notes", a->notes);
	if (a->draft)
		json_object_set_new(o, "draft", json_true());
	return add(ctx, o);
}

static int export_financing(void *ctx, const struct financing *f)
{
	struct exporter *x = ctx;
	json_t *o = json_object();
	set_ref(o, "action", "action", f->action_id);
	json_set_str(o, "source", f->source);
	json_object_set_new(o, "year", json_integer(f->year));
	if (f->has_planned)
		set_number(x, o, "planned", f->planned);
	if (f->has_actual)
		set_number(x, o, "actual", f->actual);
	json_set_str(o, "currency", f->currency);
	json_set_str(o, "report_date", f->report_date);
	set_illustrative(o, f->illustrative);
	return add(x, o);
}

static int export_budget_year(void *ctx, const struct budget_year *b)
{
	struct exporter *x = ctx;
	json_t *o = json_object();
	const char *keys[] = {"total", "international", "water", "waste", "mobility"};
	double values[] = {b->total, b->international, b->water, b->waste, b->mobility};
	set_ref(o, "authority", "authority", b->authority_id);
	json_object_set_new(o, "year", json_integer(b->year));
	for (size_t k = 0; k < sizeof(keys) / sizeof(*keys); k++)
		if (values[k] >= 0)
			set_number(x, o, keys[k], values[k]);
	set_illustrative(o, b->illustrative);
	return add(x, o);
}

static int export_strategy(void *ctx, const struct strategy *s)
{
	struct exporter *x = ctx;
	json_t *o = json_object();
	set_ref(o, "ref", "strategy", s->id);
	set_ref(o, "authority", "authority", s->authority_id);
	json_set_str(o, "title", s->title);
	json_object_set_new(o, "start_year", json_integer(s->start_year));
	if (s->end_year)
		json_object_set_new(o, "end_year", json_integer(s->end_year));
	if (s->n_priorities) {
		json_t *prios = json_array();
		for (size_t k = 0; k < s->n_priorities; k++) {
			json_t *p = json_object();
			json_set_str(p, "type", s->priorities[k].type);
			json_set_str(p, "code", s->priorities[k].code);
			if (s->priorities[k].target_share >= 0)
				set_number(x, p, "target_share", s->priorities[k].target_share);
			json_array_append_new(prios, p);
		}
		json_object_set_new(o, "priorities", prios);
	}
	json_set_str(o, "source", s->source);
	set_illustrative(o, s->illustrative);
	return add(x, o);
}

static json_t *indicator_json_doc(struct exporter *x, const struct indicator *ind)
{
	json_t *o = json_object();
	json_set_str(o, "title", ind->title);
	json_set_str(o, "unit", ind->unit);
	json_set_str(o, "measure", ind->measure);
	set_bool(o, "ascending", ind->ascending);
	set_bool(o, "cumulative", ind->cumulative);
	if (ind->has_baseline)
		set_number(x, o, "baseline", ind->baseline);
	json_set_str(o, "baseline_date", ind->baseline_date);
	if (ind->n_periods) {
		json_t *periods = json_array();
		for (size_t k = 0; k < ind->n_periods; k++) {
			const struct indicator_period *p = &ind->periods[k];
			json_t *po = json_object();
			json_set_str(po, "start", p->start);
			json_set_str(po, "end", p->end);
			if (p->has_target)
				set_number(x, po, "target", p->target);
			if (p->has_actual)
				set_number(x, po, "actual", p->actual);
			json_array_append_new(periods, po);
		}
		json_object_set_new(o, "periods", periods);
	}
	return o;
}

static int export_expected(void *ctx, const struct expected_impact *e)
{
	struct exporter *x = ctx;
	json_t *o = json_object();
	set_ref(o, "ref", "expected", e->id);
	set_ref(o, "partnership", "partnership", e->partnership_id);
	set_ref(o, "action", "action", e->action_id);
	json_set_str(o, "category", e->category);
	json_set_str(o, "side", e->side);
	json_set_str(o, "description", e->description);
	if (e->n_indicators) {
		json_t *inds = json_array();
		for (size_t k = 0; k < e->n_indicators; k++)
			json_array_append_new(inds, indicator_json_doc(x, &e->indicators[k]));
		json_object_set_new(o, "indicators", inds);
	}
	json_set_str(o, "source", e->source);
	set_illustrative(o, e->illustrative);
	return add(x, o);
}

static int export_outcome(void *ctx, const struct observed_outcome *r)
{
	json_t *o = json_object();
	set_ref(o, "ref", "outcome", r->id);
	set_ref(o, "partnership", "partnership", r->partnership_id);
	set_ref(o, "action", "action", r->action_id);
	set_ref(o, "expected", "expected", r->expected_id);
	json_set_str(o, "category", r->category);
	json_set_str(o, "side", r->side);
	json_set_str(o, "reported_by", r->reported_by);
	json_set_str(o, "description", r->description);
	json_set_str(o, "date", r->date);
	json_set_str(o, "evidence_url", r->evidence_url);
	set_bool(o, "unexpected", r->unexpected);
	json_set_str(o, "source", r->source);
	set_illustrative(o, r->illustrative);
	return add(ctx, o);
}

static int export_practice(void *ctx, const struct practice *p)
{
	json_t *o = json_object();
	set_ref(o, "ref", "practice", p->id);
	json_set_str(o, "name", p->name);
	json_set_str(o, "description", p->description);
	if (p->n_adoptions) {
		json_t *adoptions = json_array();
		for (size_t k = 0; k < p->n_adoptions; k++) {
			json_t *a = json_object();
			set_ref(a, "authority", "authority", p->adoptions[k].authority_id);
			json_set_str(a, "date", p->adoptions[k].date);
			json_array_append_new(adoptions, a);
		}
		json_object_set_new(o, "adoptions", adoptions);
	}
	json_set_str(o, "source", p->source);
	set_illustrative(o, p->illustrative);
	return add(ctx, o);
}

static int export_partner_call(void *ctx, const struct partner_call *pc)
{
	json_t *o = json_object();
	set_ref(o, "ref", "partner-call", pc->id);
	set_ref(o, "authority", "authority", pc->authority_id);
	json_set_str(o, "title", pc->title);
	json_set_strv(o, "countries", &pc->countries);
	json_set_strv(o, "domains", &pc->domains);
	json_set_str(o, "profile", pc->profile);
	json_set_str(o, "deadline", pc->deadline);
	json_set_str(o, "status", pc->status);
	set_illustrative(o, pc->illustrative);
	return add(ctx, o);
}

/* Fill section k of doc through the store's walk for it. */
static int export_section(struct store *st, json_t *doc, enum sec k, struct exporter *x,
			  char **errmsg)
{
	static const struct store_filter all = {0};
	int rc = EALA_ENOMEM;
	if (!(x->arr = json_array()) || json_object_set_new(doc, section_names[k], x->arr))
		return rc;
	switch (k) {
	case S_AUTHORITY:
		return store_authority_list(st, &all, export_authority, x, NULL, errmsg);
	case S_ORGANISATION:
		return store_organisation_list(st, &all, export_organisation, x, NULL, errmsg);
	case S_MEMBERSHIP:
		return store_membership_each(st, 0, 0, export_membership, x, errmsg);
	case S_PARTNERSHIP:
		return store_partnership_list(st, &all, export_partnership, x, NULL, errmsg);
	case S_ACTION:
		return store_action_list(st, &all, export_action, x, NULL, errmsg);
	case S_FINANCING:
		return store_financing_each(st, 0, export_financing, x, errmsg);
	case S_BUDGET_YEAR:
		return store_budget_year_each(st, 0, export_budget_year, x, errmsg);
	case S_STRATEGY:
		return store_strategy_each(st, 0, export_strategy, x, errmsg);
	case S_EXPECTED:
		return store_expected_impact_each(st, 0, 0, export_expected, x, errmsg);
	case S_OUTCOME:
		return store_observed_outcome_each(st, 0, 0, export_outcome, x, errmsg);
	case S_PRACTICE:
		return store_practice_each(st, export_practice, x, errmsg);
	case S_PARTNER_CALL:
		return store_partner_call_each(st, 0, export_partner_call, x, errmsg);
	case S_STAKEHOLDER_LINK:
		return store_stakeholder_link_each(st, NULL, export_link, x, errmsg);
	case S_COUNT:
		break;
	}
	return EALA_EINVAL;
}

int dataset_json_export(struct store *st, FILE *out, char **errmsg)
{
	struct exporter x = {0};
	int rc = EALA_ENOMEM;
	json_t *doc = json_object();
	if (!doc)
		goto out;
	json_object_set_new(doc, "eala_dataset", json_integer(DATASET_VERSION));
	json_object_set_new(doc, "title", json_string("eala export"));
	json_object_set_new(doc, "notes", json_string(
		"Written by eala " EALA_VERSION ". Refs are the record ids of the exporting "
		"database; 'eala import json' gives the records new ids."));
	for (int k = 0; k < S_COUNT; k++)
		if ((rc = export_section(st, doc, (enum sec)k, &x, errmsg)))
			goto out;
	/* 15 digits print 47.315 as written; 17 only when some value needs them */
	size_t flags = JSON_INDENT(2) | JSON_PRESERVE_ORDER |
		       JSON_REAL_PRECISION(x.precise ? 17 : 15);
	if (json_dumpf(doc, out, flags) || fputc('\n', out) == EOF) {
		rc = EALA_EIO;
		goto out;
	}
	rc = EALA_OK;
out:
	if (rc && errmsg && !*errmsg)
		*errmsg = xasprintf("exporting the dataset: %s", eala_strerror(rc));
	json_decref(doc);
	return rc;
}
