/* records_csv.c: authorities, organisations, partnerships and actions as CSV.
 *
 * One table of columns per kind drives both directions: each column has its
 * English name (the export header), the header keys it answers to on import
 * (English and French, as csvdoc_column() compares them), a value type and
 * the offset of its field in the model struct.
 *
 * Import runs in three steps so that nothing is written unless every row of
 * every file is right:
 *  1. read every file and tell its kind from the header;
 *  2. kind by kind in dependency order (authorities, organisations,
 *     partnerships, actions): turn rows into records (conversion errors, then
 *     the model's validation), index the ids the import gives, then check
 *     every reference against those ids and the database;
 *     Then the results chain (expected impacts, observed outcomes), which
 *     refers to partnerships and actions, is read and checked by
 *     results_csv.c, which asks this import for the ids its rows give;
 *  3. write everything in one transaction. Within a kind the rows with an id
 *     go first, so that a row without id cannot take an id a later row gives.
 *     SQLite checks foreign keys at once, so authorities are written without
 *     parent and the parents set in a second pass.
 * A dry run does step 3 too and rolls it back: it then finds what only the
 * database can tell (a partnership that already exists) and counts exactly.
 */
#define _GNU_SOURCE
#include "records_csv.h"

#include "../core/codelist.h"
#include "../core/text.h"
#include "csvread.h"
#include "links_csv.h"
#include "results_csv.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- kinds ---- */

static const char *const kind_names[RK_CSV_COUNT] = {"authorities", "organisations", "partnerships",
						     "actions", "expected_impacts", "observed_outcomes",
						     "stakeholder_links"};

/* The kind named by s among words[0..n), by its loose key (case and accents). */
static enum record_kind kind_lookup(const char *s, const char *const *words, const enum record_kind *kinds,
				    size_t n)
{
	enum record_kind k = RK_NONE;
	if (!s)
		return RK_NONE;
	char *key = text_loose_key(s);   /* "Collectivités" */
	if (!key)
		return RK_NONE;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(key, words[i]) == 0) {
			k = kinds[i];
			break;
		}
	}
	free(key);
	return k;
}

enum record_kind csv_kind_parse(const char *s)
{
	static const char *const words[] = {
		"expected_impact", "expected_impacts", "impact_attendu", "impacts_attendus",
		"observed_outcome", "observed_outcomes", "resultat_observe", "resultats_observes",
		"stakeholder_link", "stakeholder_links", "lien_a_l_international", "liens_a_l_international",
		"lien_des_acteurs", "liens_des_acteurs",
	};
	static const enum record_kind kinds[] = {
		RK_EXPECTED_IMPACT, RK_EXPECTED_IMPACT, RK_EXPECTED_IMPACT, RK_EXPECTED_IMPACT,
		RK_OBSERVED_OUTCOME, RK_OBSERVED_OUTCOME, RK_OBSERVED_OUTCOME, RK_OBSERVED_OUTCOME,
		RK_STAKEHOLDER_LINK, RK_STAKEHOLDER_LINK, RK_STAKEHOLDER_LINK, RK_STAKEHOLDER_LINK,
		RK_STAKEHOLDER_LINK, RK_STAKEHOLDER_LINK,
	};
	enum record_kind k = record_kind_parse(s);
	if (k != RK_NONE || !s)
		return k;
	/* "expected impacts", "Impacts attendus": spaces and hyphens as '_' */
	char *u = xstrdup(s);
	for (char *c = u; c && *c; c++)
		if (*c == ' ' || *c == '-')
			*c = '_';
	k = u ? kind_lookup(u, words, kinds, sizeof(words) / sizeof(*words)) : RK_NONE;
	free(u);
	return k;
}

enum record_kind record_kind_parse(const char *s)
{
	static const struct {
		const char *key;
		enum record_kind kind;
	} words[] = {
		{"authority", RK_AUTHORITY},       {"authorities", RK_AUTHORITY},
		{"collectivite", RK_AUTHORITY},    {"collectivites", RK_AUTHORITY},
		{"organisation", RK_ORGANISATION}, {"organisations", RK_ORGANISATION},
		{"organization", RK_ORGANISATION}, {"organizations", RK_ORGANISATION},
		{"partnership", RK_PARTNERSHIP},   {"partnerships", RK_PARTNERSHIP},
		{"partenariat", RK_PARTNERSHIP},   {"partenariats", RK_PARTNERSHIP},
		{"action", RK_ACTION},             {"actions", RK_ACTION},
	};
	enum record_kind k = RK_NONE;
	if (!s)
		return RK_NONE;
	char *key = text_loose_key(s);   /* case and accents: "Collectivités" */
	if (!key)
		return RK_NONE;
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++) {
		if (strcmp(key, words[i].key) == 0) {
			k = words[i].kind;
			break;
		}
	}
	free(key);
	return k;
}

const char *record_kind_name(enum record_kind k)
{
	return k >= 0 && k < RK_CSV_COUNT ? kind_names[k] : "?";
}

const char *record_kind_singular(enum record_kind k)
{
	static const char *const names[RK_CSV_COUNT] = {"authority", "organisation", "partnership", "action",
							"expected_impact", "observed_outcome", "stakeholder_link"};
	return k >= 0 && k < RK_CSV_COUNT ? names[k] : "?";
}

/* ---- column tables ---- */

enum ftype {
	F_TEXT,          /* char * */
	F_COUNTRY,       /* char *, ISO alpha-2 made upper case */
	F_DATE,          /* char *, YYYY-MM-DD (DD/MM/YYYY converted) */
	F_ID,            /* int64_t, 0: none */
	F_POPULATION,    /* int64_t, EALA_NO_VALUE: none */
	F_COORD,         /* double of a struct authority, written when has_coords */
	F_BOOL,          /* int */
	F_LIST,          /* struct strv, '|' separated */
	F_COUNTRIES,     /* struct strv of countries */
	F_MEMBERS,       /* struct partnership's members */
	F_PARTICIPANTS,  /* struct action's participants */
};

struct column {
	const char *name;            /* English header, as exported and in messages */
	const char *const *keys;     /* header keys it answers to (csvdoc_column form) */
	enum ftype type;
	size_t off;                  /* offset of the field in the record */
	int required;                /* the header must have it */
};

#define K(...) ((const char *const[]){__VA_ARGS__, NULL})
#define COL(st, f, ty, req, ...) {#f, K(__VA_ARGS__), ty, offsetof(struct st, f), req}

static const struct column authority_cols[] = {
	COL(authority, id, F_ID, 0, "id"),
	COL(authority, name, F_TEXT, 1, "name", "nom"),
	COL(authority, other_names, F_LIST, 0, "other_names", "autres_noms"),
	COL(authority, country, F_COUNTRY, 1, "country", "pays"),
	COL(authority, level, F_TEXT, 1, "level", "niveau"),
	COL(authority, official_code, F_TEXT, 0, "official_code", "code_officiel"),
	COL(authority, population, F_POPULATION, 0, "population"),
	COL(authority, lat, F_COORD, 0, "lat", "latitude"),
	COL(authority, lng, F_COORD, 0, "lng", "longitude", "lon"),
	COL(authority, parent_id, F_ID, 0, "parent_id", "parent"),
	COL(authority, overseas, F_BOOL, 0, "overseas", "outre_mer"),
	COL(authority, source, F_TEXT, 0, "source"),
	COL(authority, illustrative, F_TEXT, 0, "illustrative", "illustratif"),
	COL(authority, notes, F_TEXT, 0, "notes"),
};

static const struct column organisation_cols[] = {
	COL(organisation, id, F_ID, 0, "id"),
	COL(organisation, name, F_TEXT, 1, "name", "nom"),
	COL(organisation, iati_type, F_TEXT, 1, "iati_type", "type_iati"),
	COL(organisation, subtype, F_TEXT, 0, "subtype", "sous_type"),
	COL(organisation, country, F_COUNTRY, 0, "country", "pays"),
	COL(organisation, authority_id, F_ID, 0, "authority_id", "collectivite"),
	COL(organisation, source, F_TEXT, 0, "source"),
	COL(organisation, illustrative, F_TEXT, 0, "illustrative", "illustratif"),
	COL(organisation, notes, F_TEXT, 0, "notes"),
};

static const struct column partnership_cols[] = {
	COL(partnership, id, F_ID, 0, "id"),
	COL(partnership, name, F_TEXT, 0, "name", "nom"),
	COL(partnership, kind, F_TEXT, 1, "kind", "type", "nature"),
	COL(partnership, status, F_TEXT, 1, "status", "statut"),
	COL(partnership, status_date, F_DATE, 0, "status_date", "date_statut", "date_de_statut"),
	COL(partnership, status_reason, F_TEXT, 0, "status_reason", "motif_statut"),
	COL(partnership, start_date, F_DATE, 0, "start_date", "date_debut", "date_de_debut"),
	COL(partnership, end_date, F_DATE, 0, "end_date", "date_fin", "date_de_fin"),
	COL(partnership, agreement_signed, F_DATE, 0, "agreement_signed", "convention_signee",
	    "date_convention"),
	COL(partnership, agreement_expires, F_DATE, 0, "agreement_expires", "convention_echeance"),
	COL(partnership, agreement_renewed, F_DATE, 0, "agreement_renewed", "convention_renouvelee"),
	COL(partnership, deliberation_ref, F_TEXT, 0, "deliberation_ref", "deliberation"),
	COL(partnership, deliberation_date, F_DATE, 0, "deliberation_date", "date_deliberation",
	    "date_de_deliberation"),
	COL(partnership, members, F_MEMBERS, 1, "members", "membres"),
	COL(partnership, source, F_TEXT, 0, "source"),
	COL(partnership, illustrative, F_TEXT, 0, "illustrative", "illustratif"),
	COL(partnership, notes, F_TEXT, 0, "notes"),
};

static const struct column action_cols[] = {
	COL(action, id, F_ID, 0, "id"),
	COL(action, title, F_TEXT, 1, "title", "titre"),
	COL(action, description, F_TEXT, 0, "description"),
	COL(action, partnership_id, F_ID, 0, "partnership_id", "partenariat"),
	COL(action, authority_id, F_ID, 1, "authority_id", "collectivite"),
	COL(action, type, F_TEXT, 1, "type"),
	COL(action, status, F_TEXT, 1, "status", "statut"),
	COL(action, start_date, F_DATE, 0, "start_date", "date_debut", "date_de_debut"),
	COL(action, end_date, F_DATE, 0, "end_date", "date_fin", "date_de_fin"),
	COL(action, domains, F_LIST, 0, "domains", "domaines"),
	COL(action, sectors, F_LIST, 0, "sectors", "secteurs"),
	COL(action, sdgs, F_LIST, 0, "sdgs", "odd"),
	COL(action, countries, F_COUNTRIES, 0, "countries", "pays"),
	COL(action, participants, F_PARTICIPANTS, 0, "participants"),
	COL(action, departments, F_TEXT, 0, "departments", "services"),
	COL(action, elected_officials, F_TEXT, 0, "elected_officials", "elus"),
	COL(action, citizen_participation, F_BOOL, 0, "citizen_participation",
	    "participation_citoyenne"),
	COL(action, eapd_category, F_TEXT, 0, "eapd_category", "categorie_apd"),
	COL(action, source, F_TEXT, 0, "source"),
	COL(action, illustrative, F_TEXT, 0, "illustrative", "illustratif"),
	COL(action, notes, F_TEXT, 0, "notes"),
};

#define NCOLS(a) (sizeof(a) / sizeof(*(a)))

static const struct {
	const struct column *cols;
	size_t n;
} tables[RK_COUNT] = {
	{authority_cols, NCOLS(authority_cols)},
	{organisation_cols, NCOLS(organisation_cols)},
	{partnership_cols, NCOLS(partnership_cols)},
	{action_cols, NCOLS(action_cols)},
};

#define MAX_COLS 32   /* more than any table has */

/* ---- records of any kind ---- */

union record {
	struct authority a;
	struct organisation o;
	struct partnership p;
	struct action x;
};

#define FIELD(r, c, type) ((type *)((char *)(r) + (c)->off))
#define CFIELD(r, c, type) ((const type *)((const char *)(r) + (c)->off))

static int64_t record_id(enum record_kind k, const union record *r)
{
	switch (k) {
	case RK_AUTHORITY: return r->a.id;
	case RK_ORGANISATION: return r->o.id;
	case RK_PARTNERSHIP: return r->p.id;
	default: return r->x.id;
	}
}

static void record_clear(enum record_kind k, union record *r)
{
	switch (k) {
	case RK_AUTHORITY: authority_clear(&r->a); break;
	case RK_ORGANISATION: organisation_clear(&r->o); break;
	case RK_PARTNERSHIP: partnership_clear(&r->p); break;
	default: action_clear(&r->x); break;
	}
}

static int record_validate(enum record_kind k, const union record *r, const struct origin *o,
			   struct errlist *el)
{
	switch (k) {
	case RK_AUTHORITY: return authority_validate(&r->a, o, el);
	case RK_ORGANISATION: return organisation_validate(&r->o, o, el);
	case RK_PARTNERSHIP: return partnership_validate(&r->p, o, el);
	default: return action_validate(&r->x, o, el);
	}
}

static int record_exists(struct store *st, enum record_kind k, int64_t id)
{
	switch (k) {
	case RK_AUTHORITY: return store_authority_exists(st, id);
	case RK_ORGANISATION: return store_organisation_exists(st, id);
	case RK_PARTNERSHIP: return store_partnership_exists(st, id);
	default: return store_action_exists(st, id);
	}
}

static int record_write(struct store *st, enum record_kind k, union record *r, int update,
			char **errmsg)
{
	switch (k) {
	case RK_AUTHORITY:
		return update ? store_authority_update(st, &r->a, errmsg)
			      : store_authority_insert(st, &r->a, errmsg);
	case RK_ORGANISATION:
		return update ? store_organisation_update(st, &r->o, errmsg)
			      : store_organisation_insert(st, &r->o, errmsg);
	case RK_PARTNERSHIP:
		return update ? store_partnership_update(st, &r->p, errmsg)
			      : store_partnership_insert(st, &r->p, errmsg);
	default:
		return update ? store_action_update(st, &r->x, errmsg)
			      : store_action_insert(st, &r->x, errmsg);
	}
}

/* ---- import state ---- */

struct pending {
	const char *file;    /* borrowed from its csv_doc */
	long line;
	int exists;          /* its id is in the database: update */
	union record r;
};

struct id_entry {
	int64_t id;
	size_t row;          /* index into the kind's pending rows */
};

struct kind_rows {
	struct pending *v;
	size_t n, cap;
	struct id_entry *ids;   /* ids the import gives, sorted */
	size_t n_ids;
};

struct import {
	struct store *st;
	struct errlist *el;
	struct kind_rows rows[RK_COUNT];
	struct results_import *results;   /* the results chain's rows (results_csv.c) */
	struct links_import *links;       /* local actors' links abroad (links_csv.c) */
	int oom;
};

static struct pending *new_pending(struct kind_rows *kr)
{
	if (kr->n == kr->cap) {
		size_t cap = kr->cap ? kr->cap * 2 : 64;
		struct pending *v = realloc(kr->v, cap * sizeof(*v));
		if (!v)
			return NULL;
		kr->v = v;
		kr->cap = cap;
	}
	struct pending *p = &kr->v[kr->n++];
	memset(p, 0, sizeof(*p));
	return p;
}

static int cmp_entry(const void *a, const void *b)
{
	const struct id_entry *x = a, *y = b;
	if (x->id != y->id)
		return (x->id > y->id) - (x->id < y->id);
	return (x->row > y->row) - (x->row < y->row);
}

static const struct pending *import_find(const struct import *imp, enum record_kind k, int64_t id)
{
	const struct kind_rows *kr = &imp->rows[k];
	size_t lo = 0, hi = kr->n_ids;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (kr->ids[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < kr->n_ids && kr->ids[lo].id == id ? &kr->v[kr->ids[lo].row] : NULL;
}

/* Index the ids a kind's rows give; an id given twice is an error. */
static int index_ids(struct import *imp, enum record_kind k)
{
	struct kind_rows *kr = &imp->rows[k];
	kr->ids = malloc((kr->n ? kr->n : 1) * sizeof(*kr->ids));
	if (!kr->ids)
		return EALA_ENOMEM;
	for (size_t i = 0; i < kr->n; i++) {
		int64_t id = record_id(k, &kr->v[i].r);
		if (id)
			kr->ids[kr->n_ids++] = (struct id_entry){id, i};
	}
	qsort(kr->ids, kr->n_ids, sizeof(*kr->ids), cmp_entry);
	size_t out = 0;
	for (size_t i = 0; i < kr->n_ids; i++) {
		if (out && kr->ids[out - 1].id == kr->ids[i].id) {
			const struct pending *first = &kr->v[kr->ids[out - 1].row];
			const struct pending *again = &kr->v[kr->ids[i].row];
			errlist_add(imp->el, again->file, again->line, "id",
				    N_("id %lld is already given on line %ld of %s"),
				    (long long)kr->ids[i].id, first->line, first->file);
			continue;
		}
		kr->ids[out++] = kr->ids[i];
	}
	kr->n_ids = out;
	return EALA_OK;
}

/* ---- values ---- */

static void upper(char *s)
{
	for (; s && *s; s++)
		*s = (char)toupper((unsigned char)*s);
}

static int set_members(struct import *imp, struct partnership *p, const char *s,
		       const struct origin *o, const char *col)
{
	struct strv parts = {0};
	int rc = strv_split(&parts, s, '|');
	for (size_t i = 0; !rc && i < parts.n; i++) {
		int64_t id;
		if (!csv_parse_id(parts.v[i], &id))
			errlist_add(imp->el, o->file, o->line, col,
				    N_("'%s' is not an authority id (members are ids separated by '|')"),
				    parts.v[i]);
		else
			rc = partnership_add_member(p, id);
	}
	strv_clear(&parts);
	return rc;
}

static int set_participants(struct import *imp, struct action *a, const char *s,
			    const struct origin *o, const char *col)
{
	struct strv parts = {0};
	int rc = strv_split(&parts, s, '|');
	for (size_t i = 0; !rc && i < parts.n; i++) {
		char *item = parts.v[i];
		char *c1 = strchr(item, ':');
		char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		int64_t id = 0;
		char *role = c2 ? csv_trim(c2 + 1) : NULL;
		if (c1)
			*c1 = '\0';
		if (c2)
			*c2 = '\0';
		int is_org = c1 && (strcasecmp(item, "organisation") == 0 ||
				    strcasecmp(item, "organization") == 0);
		int is_auth = c1 && strcasecmp(item, "authority") == 0;
		if ((!is_org && !is_auth) || !csv_parse_id(c1 + 1, &id) || str_blank(role)) {
			if (c1)
				*c1 = ':';
			if (c2)
				*c2 = ':';
			errlist_add(imp->el, o->file, o->line, col,
				    N_("'%s' is not organisation:ID:ROLE or authority:ID:ROLE"), item);
		} else {
			rc = action_add_participant(a, is_org ? id : 0, is_auth ? id : 0, role);
		}
		free(role);
	}
	strv_clear(&parts);
	return rc;
}

/* Put one non-empty value into its field; conversion problems go to the error list. */
static int set_value(struct import *imp, const struct column *c, union record *r,
		     const char *value, char delim, const struct origin *o)
{
	int rc = EALA_OK;
	char *v = csv_trim(value);
	if (!v)
		return EALA_ENOMEM;
	switch (c->type) {
	case F_TEXT:
	case F_COUNTRY:
		if (c->type == F_COUNTRY)
			upper(v);
		*FIELD(r, c, char *) = v;
		v = NULL;
		break;
	case F_DATE:
		if (!(*FIELD(r, c, char *) = csv_convert_date(v)))
			rc = EALA_ENOMEM;
		break;
	case F_ID:
		if (!csv_parse_id(v, FIELD(r, c, int64_t)))
			errlist_add(imp->el, o->file, o->line, c->name,
				    N_("is not a record id (a whole number above 0): '%s'"), v);
		break;
	case F_POPULATION:
		if (!csv_parse_integer(v, FIELD(r, c, int64_t)))
			errlist_add(imp->el, o->file, o->line, c->name,
				    N_("is not a whole number: '%s'"), v);
		break;
	case F_COORD:
		if (!csv_parse_number(v, delim, FIELD(r, c, double)))
			errlist_add(imp->el, o->file, o->line, c->name,
				    N_("is not a number in degrees: '%s'"), v);
		break;
	case F_BOOL:
		if (!csv_parse_bool(v, FIELD(r, c, int)))
			errlist_add(imp->el, o->file, o->line, c->name,
				    N_("is not yes or no (1/0, true/false, yes/no, oui/non): '%s'"), v);
		break;
	case F_LIST:
	case F_COUNTRIES:
		rc = strv_split(FIELD(r, c, struct strv), v, '|');
		if (c->type == F_COUNTRIES)
			for (size_t i = 0; i < FIELD(r, c, struct strv)->n; i++)
				upper(FIELD(r, c, struct strv)->v[i]);
		break;
	case F_MEMBERS:
		rc = set_members(imp, &r->p, v, o, c->name);
		break;
	case F_PARTICIPANTS:
		rc = set_participants(imp, &r->x, v, o, c->name);
		break;
	}
	free(v);
	return rc;
}

/* ---- headers ---- */

/* Which column of the table header i names, or -1. */
static int header_column(const struct csv_doc *doc, size_t i, enum record_kind k)
{
	struct csv_doc one = {.header = {.v = (char **)&doc->header.v[i], .n = 1}};
	for (size_t c = 0; c < tables[k].n; c++)
		if (csvdoc_column(&one, tables[k].cols[c].keys) == 0)
			return (int)c;
	return -1;
}

static int column_has_values(const struct csv_doc *doc, size_t i)
{
	for (size_t r = 0; r < doc->n; r++)
		if (csvdoc_field(&doc->rows[r], (int)i))
			return 1;
	return 0;
}

/* [out] at[c]: the header index of column c, or -1. Returns 0 when the rows
 * cannot be read (a required column is missing). */
static int map_header(struct import *imp, const struct csv_doc *doc, enum record_kind k, int *at)
{
	const struct column *cols = tables[k].cols;
	int ok = 1;
	for (size_t c = 0; c < tables[k].n; c++)
		at[c] = -1;
	for (size_t i = 0; i < doc->header.n; i++) {
		const char *h = doc->header.v[i];
		int c = header_column(doc, i, k);
		if (c < 0 && str_blank(h)) {
			if (column_has_values(doc, i))
				errlist_add(imp->el, doc->file, doc->header_line, NULL,
					    N_("column %zu has values but no name"), i + 1);
		} else if (c < 0) {
			errlist_add(imp->el, doc->file, doc->header_line, h,
				    N_("unknown column for %s"), kind_names[k]);
		} else if (at[c] >= 0) {
			errlist_add(imp->el, doc->file, doc->header_line, h,
				    N_("column '%s' is given twice"), cols[c].name);
		} else {
			at[c] = (int)i;
		}
	}
	for (size_t c = 0; c < tables[k].n; c++) {
		if (cols[c].required && at[c] < 0) {
			errlist_add(imp->el, doc->file, doc->header_line, cols[c].name,
				    N_("missing column: %s need it"), kind_names[k]);
			ok = 0;
		}
	}
	return ok;
}

static enum record_kind kind_from_header(const struct csv_doc *doc)
{
	if (csvdoc_column(doc, K("members", "membres")) >= 0)
		return RK_PARTNERSHIP;
	if (csvdoc_column(doc, K("title", "titre")) >= 0)
		return RK_ACTION;
	if (csvdoc_column(doc, K("iati_type", "type_iati")) >= 0)
		return RK_ORGANISATION;
	if (csvdoc_column(doc, K("level", "niveau")) >= 0)
		return RK_AUTHORITY;
	if (links_csv_kind(doc) != RK_NONE)
		return RK_STAKEHOLDER_LINK;
	return results_csv_kind(doc);
}

/* ---- rows into records ---- */

/* Main name of an authority, from this import or the database; NULL if unknown. */
static char *authority_name(struct import *imp, int64_t id)
{
	const struct pending *p = import_find(imp, RK_AUTHORITY, id);
	if (p)
		return xstrdup(p->r.a.name);
	struct authority a;
	char *name = NULL;
	if (store_authority_get(imp->st, id, &a) == EALA_OK) {
		name = a.name;
		a.name = NULL;
	}
	authority_clear(&a);
	return name;
}

/* A partnership without a name is called after its members: "Lyon – Beijing". */
static int name_partnership(struct import *imp, struct partnership *p)
{
	struct strv names = {0};
	int rc = EALA_OK;
	for (size_t i = 0; !rc && i < p->n_members; i++) {
		char *n = authority_name(imp, p->members[i]);
		if (!n)
			n = xasprintf("#%lld", (long long)p->members[i]);
		rc = n ? strv_push(&names, n) : EALA_ENOMEM;
		free(n);
	}
	if (!rc && !(p->name = strv_join(&names, " – ")))
		rc = EALA_ENOMEM;
	p->name_derived = 1;
	strv_clear(&names);
	return rc;
}

/* Index in tables[k] of the column named name, or -1. */
static int column_index(enum record_kind k, const char *name)
{
	for (size_t c = 0; c < tables[k].n; c++)
		if (strcmp(tables[k].cols[c].name, name) == 0)
			return (int)c;
	return -1;
}

static int lat_col(enum record_kind k)
{
	return column_index(k, "lat");
}

static int lng_col(enum record_kind k)
{
	return column_index(k, "lng");
}

/* Empty a field before a cell of the file sets it (an empty cell clears it). */
static void clear_field(const struct column *c, union record *r)
{
	switch (c->type) {
	case F_TEXT:
	case F_COUNTRY:
	case F_DATE:
		free(*FIELD(r, c, char *));
		*FIELD(r, c, char *) = NULL;
		break;
	case F_ID:
		*FIELD(r, c, int64_t) = 0;
		break;
	case F_POPULATION:
		*FIELD(r, c, int64_t) = EALA_NO_VALUE;
		break;
	case F_COORD:
		*FIELD(r, c, double) = 0;
		break;
	case F_BOOL:
		*FIELD(r, c, int) = 0;
		break;
	case F_LIST:
	case F_COUNTRIES:
		strv_clear(FIELD(r, c, struct strv));
		break;
	case F_MEMBERS:
		free(r->p.members);
		r->p.members = NULL;
		r->p.n_members = 0;
		break;
	case F_PARTICIPANTS:
		for (size_t i = 0; i < r->x.n_participants; i++)
			free(r->x.participants[i].role);
		free(r->x.participants);
		r->x.participants = NULL;
		r->x.n_participants = 0;
		break;
	}
}

/* The id of the authority with the row's country and official code (a French
 * commune's COG code...), or 0: a row without id then updates it rather than
 * adding the same place twice. */
static int64_t authority_by_code(struct import *imp, const int *at, const struct csv_row *row)
{
	int cc = column_index(RK_AUTHORITY, "country"), oc = column_index(RK_AUTHORITY, "official_code");
	const char *country = at[cc] >= 0 ? csvdoc_field(row, at[cc]) : NULL;
	const char *code = at[oc] >= 0 ? csvdoc_field(row, at[oc]) : NULL;
	int64_t id = 0;
	if (!country || !code)
		return 0;
	char *cu = csv_trim(country), *co = csv_trim(code);
	if (cu && co) {
		upper(cu);
		if (store_authority_find_code(imp->st, cu, co, &id) != EALA_OK)
			id = 0;
	}
	free(cu);
	free(co);
	return id;
}

/* A row whose id is already in the database starts from that record, so an
 * update through a file with only some of the columns keeps the others. */
static int start_from_existing(struct import *imp, enum record_kind k, const int *at,
			       const struct csv_row *row, union record *r)
{
	int c = column_index(k, "id");
	int64_t id;
	const char *v = c >= 0 && at[c] >= 0 ? csvdoc_field(row, at[c]) : NULL;
	if (!v && !(k == RK_AUTHORITY && (id = authority_by_code(imp, at, row))))
		return EALA_OK;
	if (v && !csv_parse_id(v, &id))
		return EALA_OK;
	int rc;
	switch (k) {
	case RK_AUTHORITY: rc = store_authority_get(imp->st, id, &r->a); break;
	case RK_ORGANISATION: rc = store_organisation_get(imp->st, id, &r->o); break;
	case RK_PARTNERSHIP: rc = store_partnership_get(imp->st, id, &r->p); break;
	default: rc = store_action_get(imp->st, id, &r->x); break;
	}
	if (rc == EALA_ENOTFOUND) {   /* a new record with a given id */
		memset(r, 0, sizeof(*r));
		if (k == RK_AUTHORITY)
			r->a.population = EALA_NO_VALUE;
		return EALA_OK;
	}
	return rc;
}

/* Kind-specific finishing after the columns are set. */
static int finish_record(struct import *imp, enum record_kind k, union record *r,
			 const int *at, const struct csv_row *row, const struct origin *o)
{
	if (k == RK_AUTHORITY) {
		int lat = -1, lng = -1;
		for (size_t c = 0; c < tables[k].n; c++) {
			if (tables[k].cols[c].type == F_COORD && at[c] >= 0 && csvdoc_field(row, at[c]))
				*(strcmp(tables[k].cols[c].name, "lat") == 0 ? &lat : &lng) = (int)c;
		}
		if ((lat >= 0) != (lng >= 0))
			errlist_add(imp->el, o->file, o->line, lat >= 0 ? "lng" : "lat",
				    N_("give both lat and lng, or neither"));
		/* columns absent from the file leave the coordinates as they were */
		if (at[lat_col(k)] >= 0 || at[lng_col(k)] >= 0)
			r->a.has_coords = lat >= 0 && lng >= 0;
	} else if (k == RK_PARTNERSHIP && !r->p.name && r->p.n_members) {
		return name_partnership(imp, &r->p);
	}
	return EALA_OK;
}

/* A record that says nothing of its source comes from this file. */
static int default_source(enum record_kind k, union record *r, const char *file)
{
	int c = column_index(k, "source");
	char **src = FIELD(r, &tables[k].cols[c], char *);
	if (*src)
		return EALA_OK;
	const char *base = strrchr(file, '/');
	*src = xasprintf("import:%s", base ? base + 1 : file);
	return *src ? EALA_OK : EALA_ENOMEM;
}

static int read_row(struct import *imp, enum record_kind k, const struct csv_doc *doc,
		    const struct csv_row *row, const int *at)
{
	struct pending *p = new_pending(&imp->rows[k]);
	int rc = EALA_OK;
	if (!p)
		return EALA_ENOMEM;
	p->file = doc->file;
	p->line = row->line;
	struct origin o = {doc->file, row->line};
	if (k == RK_AUTHORITY)
		p->r.a.population = EALA_NO_VALUE;
	if ((rc = start_from_existing(imp, k, at, row, &p->r)))
		return rc;
	for (size_t c = 0; !rc && c < tables[k].n; c++) {
		if (at[c] < 0)
			continue;   /* not in the file: an update keeps the value it had */
		const char *v = csvdoc_field(row, at[c]);
		clear_field(&tables[k].cols[c], &p->r);
		if (v)
			rc = set_value(imp, &tables[k].cols[c], &p->r, v, doc->delim, &o);
	}
	if (!rc)
		rc = finish_record(imp, k, &p->r, at, row, &o);
	if (!rc)
		rc = default_source(k, &p->r, doc->file);
	if (!rc)
		record_validate(k, &p->r, &o, imp->el);
	return rc;
}

static int read_doc(struct import *imp, enum record_kind k, const struct csv_doc *doc)
{
	int at[MAX_COLS];
	int rc = EALA_OK;
	if (!map_header(imp, doc, k, at))
		return EALA_OK;   /* reported; its rows would only repeat the missing column */
	for (size_t i = 0; !rc && i < doc->n; i++)
		rc = read_row(imp, k, doc, &doc->rows[i], at);
	return rc;
}

/* ---- references ---- */

static void need_ref(struct import *imp, const struct pending *p, const char *field,
		     enum record_kind k, int64_t id)
{
	static const char *const what[RK_COUNT] = {"authority", "organisation", "partnership",
						   "action"};
	if (!id || import_find(imp, k, id) || record_exists(imp->st, k, id))
		return;
	errlist_add(imp->el, p->file, p->line, field,
		    N_("%s #%lld does not exist (neither in the database nor in this import)"), what[k],
		    (long long)id);
}

static void check_refs(struct import *imp, enum record_kind k, struct pending *p)
{
	const union record *r = &p->r;
	switch (k) {
	case RK_AUTHORITY:
		need_ref(imp, p, "parent_id", RK_AUTHORITY, r->a.parent_id);
		break;
	case RK_ORGANISATION:
		need_ref(imp, p, "authority_id", RK_AUTHORITY, r->o.authority_id);
		break;
	case RK_PARTNERSHIP:
		for (size_t i = 0; i < r->p.n_members; i++)
			need_ref(imp, p, "members", RK_AUTHORITY, r->p.members[i]);
		break;
	default:
		need_ref(imp, p, "authority_id", RK_AUTHORITY, r->x.authority_id);
		need_ref(imp, p, "partnership_id", RK_PARTNERSHIP, r->x.partnership_id);
		for (size_t i = 0; i < r->x.n_participants; i++) {
			need_ref(imp, p, "participants", RK_ORGANISATION,
				 r->x.participants[i].organisation_id);
			need_ref(imp, p, "participants", RK_AUTHORITY,
				 r->x.participants[i].authority_id);
		}
		break;
	}
	int64_t id = record_id(k, r);
	p->exists = id && record_exists(imp->st, k, id);
}

/* ---- writing ---- */

static int write_failed(struct import *imp, const struct pending *p, int rc, char *errmsg)
{
	errlist_add(imp->el, p->file, p->line, NULL, "%s",
		    errmsg ? errmsg : eala_strerror(rc));
	free(errmsg);
	return rc;
}

/* Write the rows of a kind: those with an id first. */
static int write_kind(struct import *imp, enum record_kind k, struct csv_import_report *rep)
{
	struct kind_rows *kr = &imp->rows[k];
	int rc = EALA_OK, conflicts = 0;
	for (int with_id = 1; with_id >= 0 && !rc; with_id--) {
		for (size_t i = 0; i < kr->n && !rc; i++) {
			struct pending *p = &kr->v[i];
			if (!record_id(k, &p->r) != !with_id)
				continue;
			char *errmsg = NULL;
			int64_t parent = k == RK_AUTHORITY ? p->r.a.parent_id : 0;
			if (k == RK_AUTHORITY)
				p->r.a.parent_id = 0;   /* set in the second pass */
			rc = record_write(imp->st, k, &p->r, p->exists, &errmsg);
			if (k == RK_AUTHORITY)
				p->r.a.parent_id = parent;
			if (rc == EALA_ECONFLICT && k == RK_PARTNERSHIP) {
				errlist_add(imp->el, p->file, p->line, "members",
					    N_("partnership of kind %s between these authorities already "
					    "exists: #%lld"), p->r.p.kind, (long long)p->r.p.id);
				free(errmsg);
				conflicts++;
				rc = EALA_OK;
				continue;
			}
			if (rc) {
				write_failed(imp, p, rc, errmsg);
				break;
			}
			free(errmsg);
			if (p->exists)
				rep->updated[k]++;
			else
				rep->created[k]++;
		}
	}
	for (size_t i = 0; k == RK_AUTHORITY && !rc && i < kr->n; i++) {
		struct pending *p = &kr->v[i];
		char *errmsg = NULL;
		if (p->r.a.parent_id && (rc = store_authority_update(imp->st, &p->r.a, &errmsg)))
			write_failed(imp, p, rc, errmsg);
	}
	return rc ? rc : conflicts ? EALA_EINVAL : EALA_OK;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static int audit(struct store *st, char *const *paths, size_t n,
		 const struct csv_import_report *rep, char **errmsg)
{
	json_t *files = json_array(), *created = json_object(), *updated = json_object();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(files, json_string(base_name(paths[i])));
	for (int k = 0; k < RK_CSV_COUNT; k++) {
		json_object_set_new(created, kind_names[k], json_integer((json_int_t)rep->created[k]));
		json_object_set_new(updated, kind_names[k], json_integer((json_int_t)rep->updated[k]));
	}
	json_t *j = json_pack("{s:o, s:I, s:o, s:o}", "files", files, "rows",
			      (json_int_t)rep->rows, "created", created, "updated", updated);
	char *after = j ? json_dumps(j, JSON_COMPACT) : NULL;
	int rc = EALA_ENOMEM;
	if (after) {
		struct audit_event ev = {.actor = (char *)rep->actor, .operation = "import", .kind = "csv",
					 .after = after};
		rc = store_audit_add(st, &ev, errmsg);
	}
	free(after);
	json_decref(j);
	return rc;
}

static int write_all(struct import *imp, char *const *paths, size_t n, int dry_run,
		     struct csv_import_report *rep)
{
	char *errmsg = NULL;
	int rc = store_begin(imp->st);
	if (rc) {
		errlist_add(imp->el, NULL, 0, NULL, N_("cannot start a transaction (database busy?)"));
		return rc;
	}
	for (int k = 0; k < RK_COUNT && !rc; k++)
		rc = write_kind(imp, (enum record_kind)k, rep);
	if (!rc)
		rc = results_csv_write(imp->results, rep->created, rep->updated);
	if (!rc)
		rc = links_csv_write(imp->links, rep->created, rep->updated);
	if (rc || dry_run)
		goto out;
	if ((rc = audit(imp->st, paths, n, rep, &errmsg))) {
		errlist_add(imp->el, NULL, 0, NULL, N_("recording the import: %s"),
			    errmsg ? errmsg : eala_strerror(rc));
		goto out;
	}
	if ((rc = store_commit(imp->st))) {   /* store_commit rolled back */
		errlist_add(imp->el, NULL, 0, NULL, N_("could not commit the import: %s"), store_error(imp->st));
		memset(rep->created, 0, sizeof(rep->created));
		memset(rep->updated, 0, sizeof(rep->updated));
	}
	return rc;
out:
	free(errmsg);
	store_rollback(imp->st);
	if (rc) {   /* nothing was written */
		memset(rep->created, 0, sizeof(rep->created));
		memset(rep->updated, 0, sizeof(rep->updated));
	}
	return rc;
}

/* ---- import ---- */

static void import_clear(struct import *imp)
{
	for (int k = 0; k < RK_COUNT; k++) {
		struct kind_rows *kr = &imp->rows[k];
		for (size_t i = 0; i < kr->n; i++)
			record_clear((enum record_kind)k, &kr->v[i].r);
		free(kr->v);
		free(kr->ids);
	}
	results_import_free(imp->results);
	links_import_free(imp->links);
	memset(imp, 0, sizeof(*imp));
}

/* What results_csv.c asks of the import's partnerships and actions. */
static int import_gives(void *ctx, enum record_kind k, int64_t id, int64_t *partnership_id)
{
	const struct pending *p = import_find(ctx, k, id);
	if (p && k == RK_ACTION && partnership_id)
		*partnership_id = p->r.x.partnership_id;
	return p != NULL;
}

/* What links_csv.c asks of the import's authorities and organisations. */
static int import_has(void *ctx, enum record_kind k, int64_t id)
{
	return import_find(ctx, k, id) != NULL;
}

/* Read one file and tell its kind; RK_NONE when its rows cannot be used. */
static enum record_kind read_file(struct import *imp, const char *path, enum record_kind kind,
				  struct csv_doc *doc, int *rc)
{
	int r = csvdoc_read_file(path, doc, imp->el);
	if (r == EALA_ENOMEM)
		*rc = r;
	if (r && r != EALA_EINVAL)
		return RK_NONE;
	if (!doc->header.n)
		return RK_NONE;   /* nothing to go on; the reader said why */
	if (kind == RK_NONE && (kind = kind_from_header(doc)) == RK_NONE)
		errlist_add(imp->el, doc->file, doc->header_line, NULL,
			    N_("cannot tell the kind of records: give --kind"));
	return kind;
}

int records_csv_import(struct store *st, char *const *paths, size_t n, enum record_kind kind,
		       int dry_run, struct csv_import_report *rep, struct errlist *errors)
{
	struct import imp = {.st = st, .el = errors};
	struct csv_import_report local = {0};
	struct csv_doc *docs = calloc(n ? n : 1, sizeof(*docs));
	enum record_kind *kinds = calloc(n ? n : 1, sizeof(*kinds));
	size_t before = errlist_count(errors);
	int rc = EALA_OK;

	if (!rep)
		rep = &local;
	const char *actor = rep->actor;
	memset(rep, 0, sizeof(*rep));
	rep->actor = actor;
	if (!docs || !kinds) {
		rc = EALA_ENOMEM;
		goto out;
	}
	if (n == 0) {
		errlist_add(errors, NULL, 0, NULL, N_("no file to import"));
		rc = EALA_EINVAL;
		goto out;
	}
	for (size_t i = 0; i < n && !rc; i++) {
		kinds[i] = read_file(&imp, paths[i], kind, &docs[i], &rc);
		rep->files++;
		rep->rows += docs[i].n;
	}
	/* dependency order: every reference points to an earlier kind, or the same */
	for (int k = 0; k < RK_COUNT && !rc; k++) {
		for (size_t i = 0; i < n && !rc; i++)
			if (kinds[i] == (enum record_kind)k)
				rc = read_doc(&imp, (enum record_kind)k, &docs[i]);
		if (!rc)
			rc = index_ids(&imp, (enum record_kind)k);
		for (size_t i = 0; !rc && i < imp.rows[k].n; i++)
			check_refs(&imp, (enum record_kind)k, &imp.rows[k].v[i]);
	}
	/* then the results chain, which refers to partnerships and actions */
	if (!rc && !(imp.results = results_import_new(st, errors, import_gives, &imp)))
		rc = EALA_ENOMEM;
	for (int k = RK_COUNT; k < RK_STAKEHOLDER_LINK && !rc; k++)
		for (size_t i = 0; i < n && !rc; i++)
			if (kinds[i] == (enum record_kind)k)
				rc = results_csv_read(imp.results, (enum record_kind)k, &docs[i]);
	if (!rc)
		rc = results_csv_check(imp.results);
	/* and the links, which refer to organisations and authorities */
	if (!rc && !(imp.links = links_import_new(st, errors, import_has, &imp)))
		rc = EALA_ENOMEM;
	for (size_t i = 0; i < n && !rc; i++)
		if (kinds[i] == RK_STAKEHOLDER_LINK)
			rc = links_csv_read(imp.links, &docs[i]);
	if (!rc)
		rc = links_csv_check(imp.links);
	if (rc)
		goto out;
	if (errlist_count(errors) > before) {
		rc = EALA_EINVAL;
		goto out;
	}
	rc = write_all(&imp, paths, n, dry_run, rep);
	if (rc == EALA_ECONFLICT)
		rc = EALA_EINVAL;
out:
	if (rc == EALA_ENOMEM)
		errlist_add(errors, NULL, 0, NULL, N_("out of memory"));
	import_clear(&imp);
	for (size_t i = 0; docs && i < n; i++)
		csvdoc_clear(&docs[i]);
	free(docs);
	free(kinds);
	return rc;
}

/* ---- export ---- */

struct export_ctx {
	FILE *out;
	const struct column *cols;
	size_t n;
	int write_errno;     /* set when writing failed */
};

/* The text of one field as exported; *owned is set when the caller must free it. */
static const char *field_text(const struct column *c, const void *r, char *buf, size_t len,
			      char **owned)
{
	*owned = NULL;
	switch (c->type) {
	case F_TEXT:
	case F_COUNTRY:
	case F_DATE:
		return *CFIELD(r, c, char *);
	case F_ID:
		if (!*CFIELD(r, c, int64_t))
			return NULL;
		snprintf(buf, len, "%lld", (long long)*CFIELD(r, c, int64_t));
		return buf;
	case F_POPULATION:
		if (*CFIELD(r, c, int64_t) == EALA_NO_VALUE)
			return NULL;
		snprintf(buf, len, "%lld", (long long)*CFIELD(r, c, int64_t));
		return buf;
	case F_COORD:
		if (!((const struct authority *)r)->has_coords)
			return NULL;
		snprintf(buf, len, "%.15g", *CFIELD(r, c, double));
		return buf;
	case F_BOOL:
		return *CFIELD(r, c, int) ? "1" : "0";
	case F_LIST:
	case F_COUNTRIES:
		return *owned = strv_join(CFIELD(r, c, struct strv), "|");
	case F_MEMBERS: {
		const struct partnership *p = r;
		struct strv ids = {0};
		for (size_t i = 0; i < p->n_members; i++) {
			snprintf(buf, len, "%lld", (long long)p->members[i]);
			strv_push(&ids, buf);
		}
		*owned = strv_join(&ids, "|");
		strv_clear(&ids);
		return *owned;
	}
	case F_PARTICIPANTS: {
		const struct action *a = r;
		struct strv items = {0};
		for (size_t i = 0; i < a->n_participants; i++) {
			const struct participant *p = &a->participants[i];
			char *item = xasprintf("%s:%lld:%s", p->organisation_id ? "organisation" : "authority",
					       (long long)(p->organisation_id ? p->organisation_id
									      : p->authority_id),
					       p->role ? p->role : "");
			if (item)
				strv_push(&items, item);
			free(item);
		}
		*owned = strv_join(&items, "|");
		strv_clear(&items);
		return *owned;
	}
	}
	return NULL;
}

static int export_row(struct export_ctx *x, const void *r)
{
	char buf[64];
	int rc = EALA_OK;
	for (size_t c = 0; c < x->n && !rc; c++) {
		char *owned;
		const char *s = field_text(&x->cols[c], r, buf, sizeof(buf), &owned);
		rc = csv_write_field(x->out, s, c > 0);
		free(owned);
	}
	if (!rc && fputc('\n', x->out) == EOF)
		rc = EALA_EIO;
	if (rc)
		x->write_errno = errno ? errno : EIO;
	return rc;
}

static int export_authority(void *ctx, const struct authority *a) { return export_row(ctx, a); }
static int export_organisation(void *ctx, const struct organisation *o) { return export_row(ctx, o); }
static int export_partnership(void *ctx, const struct partnership *p) { return export_row(ctx, p); }
static int export_action(void *ctx, const struct action *a) { return export_row(ctx, a); }

int records_csv_export(struct store *st, enum record_kind kind, const struct store_filter *f,
		       FILE *out, char **errmsg)
{
	struct store_filter all = {0};
	int rc = EALA_OK;
	if (kind == RK_STAKEHOLDER_LINK)
		return links_csv_export(st, out, errmsg);
	if (kind >= RK_COUNT && kind < RK_CSV_COUNT)
		return results_csv_export(st, kind, out, errmsg);
	if (kind < 0 || kind >= RK_COUNT) {
		if (errmsg)
			*errmsg = xstrdup("unknown kind of records");
		return EALA_EINVAL;
	}
	if (f)
		all = *f;
	all.limit = 0;
	struct export_ctx x = {out, tables[kind].cols, tables[kind].n, 0};
	errno = 0;
	for (size_t c = 0; c < x.n && !rc; c++)
		rc = csv_write_field(out, x.cols[c].name, c > 0);
	if (!rc && fputc('\n', out) == EOF)
		rc = EALA_EIO;
	if (rc) {
		x.write_errno = errno ? errno : EIO;
		goto out;
	}
	switch (kind) {
	case RK_AUTHORITY:
		rc = store_authority_list(st, &all, export_authority, &x, NULL, errmsg);
		break;
	case RK_ORGANISATION:
		rc = store_organisation_list(st, &all, export_organisation, &x, NULL, errmsg);
		break;
	case RK_PARTNERSHIP:
		rc = store_partnership_list(st, &all, export_partnership, &x, NULL, errmsg);
		break;
	default:
		rc = store_action_list(st, &all, export_action, &x, NULL, errmsg);
		break;
	}
out:
	if (rc && errmsg && !*errmsg)
		*errmsg = x.write_errno ? xasprintf("cannot write the %s CSV: %s", kind_names[kind],
						    strerror(x.write_errno))
					: xasprintf("cannot read the %s: %s", kind_names[kind],
						    eala_strerror(rc));
	return rc;
}

/* ---- columns for the other exports (export.c) ---- */

/* The header label of each column name, marked for gettext; the same name
 * means the same thing in every kind. */
static const struct {
	const char *name, *label;
} col_labels[] = {
	{"id", N_("Id")},
	{"name", N_("Name")},
	{"other_names", N_("Other names")},
	{"country", N_("Country")},
	{"level", N_("Level")},
	{"official_code", N_("Official code")},
	{"population", N_("Population")},
	{"lat", N_("Latitude")},
	{"lng", N_("Longitude")},
	{"parent_id", N_("Parent authority")},
	{"overseas", N_("Overseas")},
	{"source", N_("Source")},
	{"illustrative", N_("Illustrative fields")},
	{"notes", N_("Notes")},
	{"iati_type", N_("IATI organisation type")},
	{"subtype", N_("Subtype")},
	{"authority_id", N_("Authority")},
	{"kind", N_("Kind")},
	{"status", N_("Status")},
	{"status_date", N_("Status date")},
	{"status_reason", N_("Status reason")},
	{"start_date", N_("Start date")},
	{"end_date", N_("End date")},
	{"agreement_signed", N_("Agreement signed")},
	{"agreement_expires", N_("Agreement expires")},
	{"agreement_renewed", N_("Agreement renewed")},
	{"deliberation_ref", N_("Deliberation")},
	{"deliberation_date", N_("Deliberation date")},
	{"members", N_("Members")},
	{"title", N_("Title")},
	{"description", N_("Description")},
	{"partnership_id", N_("Partnership")},
	{"type", N_("Type")},
	{"domains", N_("Domains")},
	{"sectors", N_("DAC sectors")},
	{"sdgs", N_("SDGs")},
	{"countries", N_("Countries")},
	{"participants", N_("Participants")},
	{"departments", N_("Departments")},
	{"elected_officials", N_("Elected officials")},
	{"citizen_participation", N_("Citizen participation")},
};

/* The code list of a column's values, or -1 when they are not codes. */
static int col_codelist(enum record_kind k, const struct column *c)
{
	static const struct {
		enum record_kind kind;   /* RK_NONE: any */
		const char *name;
		enum codelist_id list;
	} lists[] = {
		{RK_NONE, "country", CL_COUNTRY},
		{RK_NONE, "countries", CL_COUNTRY},
		{RK_AUTHORITY, "level", CL_AUTHORITY_LEVEL},
		{RK_ORGANISATION, "iati_type", CL_IATI_ORG_TYPE},
		{RK_ORGANISATION, "subtype", CL_ORG_SUBTYPE},
		{RK_PARTNERSHIP, "kind", CL_PARTNERSHIP_KIND},
		{RK_PARTNERSHIP, "status", CL_PARTNERSHIP_STATUS},
		{RK_ACTION, "type", CL_ACTION_TYPE},
		{RK_ACTION, "status", CL_IATI_ACTIVITY_STATUS},
		{RK_ACTION, "domains", CL_ACTION_DOMAIN},
		{RK_ACTION, "sectors", CL_IATI_SECTOR},
		{RK_ACTION, "sdgs", CL_SDG_GOAL},
	};
	for (size_t i = 0; i < sizeof(lists) / sizeof(*lists); i++)
		if ((lists[i].kind == RK_NONE || lists[i].kind == k) && strcmp(lists[i].name, c->name) == 0)
			return (int)lists[i].list;
	return -1;
}

static const struct column *export_col(enum record_kind k, size_t i)
{
	return k >= 0 && k < RK_COUNT && i < tables[k].n ? &tables[k].cols[i] : NULL;
}

size_t records_csv_ncols(enum record_kind k)
{
	return k >= 0 && k < RK_COUNT ? tables[k].n : 0;
}

const char *records_csv_col_name(enum record_kind k, size_t i)
{
	const struct column *c = export_col(k, i);
	return c ? c->name : NULL;
}

const char *records_csv_col_label(enum record_kind k, size_t i)
{
	const struct column *c = export_col(k, i);
	if (!c)
		return NULL;
	for (size_t l = 0; l < sizeof(col_labels) / sizeof(*col_labels); l++)
		if (strcmp(col_labels[l].name, c->name) == 0)
			return col_labels[l].label;
	return c->name;
}

enum csv_value records_csv_col_value(enum record_kind k, size_t i)
{
	const struct column *c = export_col(k, i);
	if (!c)
		return CSV_VALUE_TEXT;
	switch (c->type) {
	case F_ID: return CSV_VALUE_ID;
	case F_POPULATION:
	case F_COORD: return CSV_VALUE_NUMBER;
	case F_DATE: return CSV_VALUE_DATE;
	case F_BOOL: return CSV_VALUE_BOOL;
	default: return col_codelist(k, c) >= 0 ? CSV_VALUE_CODE : CSV_VALUE_TEXT;
	}
}

int records_csv_col_find(enum record_kind k, const char *name)
{
	if (k < 0 || k >= RK_COUNT || !name)
		return -1;
	for (size_t i = 0; i < tables[k].n; i++)
		if (strcmp(tables[k].cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* The labels of a '|' list of codes, '|' separated. */
static char *labels_of(enum codelist_id list, const char *codes, int lang)
{
	struct strv in = {0}, out = {0};
	char *s = NULL;
	if (strv_split(&in, codes, '|') == EALA_OK) {
		for (size_t i = 0; i < in.n; i++)
			strv_push(&out, codelist_label(list, in.v[i], lang));
		s = strv_join(&out, "|");
	}
	strv_clear(&in);
	strv_clear(&out);
	return s;
}

const char *records_csv_cell(enum record_kind k, size_t i, const void *r, int label_lang, char *buf,
			     size_t len, char **owned)
{
	const struct column *c = export_col(k, i);
	*owned = NULL;
	if (!c)
		return NULL;
	const char *s = field_text(c, r, buf, len, owned);
	int list = label_lang >= 0 && s && *s ? col_codelist(k, c) : -1;
	if (list < 0)
		return s;
	if (c->type == F_LIST || c->type == F_COUNTRIES) {
		char *l = labels_of((enum codelist_id)list, s, label_lang);
		free(*owned);
		return *owned = l;
	}
	return codelist_label((enum codelist_id)list, s, label_lang);
}

int records_csv_number(enum record_kind k, size_t i, const void *r, double *out)
{
	const struct column *c = export_col(k, i);
	if (!c)
		return 0;
	switch (c->type) {
	case F_ID:
		*out = (double)*CFIELD(r, c, int64_t);
		return *CFIELD(r, c, int64_t) != 0;
	case F_POPULATION:
		*out = (double)*CFIELD(r, c, int64_t);
		return *CFIELD(r, c, int64_t) != EALA_NO_VALUE;
	case F_COORD:
		*out = *CFIELD(r, c, double);
		return ((const struct authority *)r)->has_coords;
	case F_BOOL:
		*out = *CFIELD(r, c, int);
		return 1;
	default:
		return 0;
	}
}
