/* codelist.c: in-memory registry of code lists with sorted lookup. */
#include "codelist.h"

#include "eala.h"

#include <stdlib.h>
#include <string.h>

static const char *const names[CL_COUNT] = {
	[CL_COUNTRY] = "country",
	[CL_AUTHORITY_LEVEL] = "authority-level",
	[CL_PARTNERSHIP_KIND] = "partnership-kind",
	[CL_PARTNERSHIP_STATUS] = "partnership-status",
	[CL_ACTION_TYPE] = "action-type",
	[CL_ACTION_DOMAIN] = "action-domain",
	[CL_IMPACT_CATEGORY] = "impact-category",
	[CL_FUNDING_SOURCE] = "funding-source",
	[CL_TERRITORY_SIDE] = "territory-side",
	[CL_ORG_SUBTYPE] = "organisation-subtype",
	[CL_NETWORK_ROLE] = "network-role",
	[CL_PARTNER_CALL_STATUS] = "partner-call-status",
	[CL_IATI_ORG_TYPE] = "OrganisationType",
	[CL_IATI_ORG_ROLE] = "OrganisationRole",
	[CL_IATI_ACTIVITY_STATUS] = "ActivityStatus",
	[CL_IATI_SECTOR] = "Sector",
	[CL_IATI_CURRENCY] = "Currency",
	[CL_IATI_INDICATOR_MEASURE] = "IndicatorMeasure",
	[CL_SDG_GOAL] = "UNSDG-Goals",
	[CL_EAPD_CATEGORY] = "eapd-category",
	[CL_STAKEHOLDER_LINK_KIND] = "stakeholder-link-kind",
};

static struct codelist lists[CL_COUNT];
static codelist_loader loader;
static char *last_error;

void codelist_set_loader(codelist_loader l)
{
	loader = l;
}

const char *codelist_name(enum codelist_id id)
{
	return (unsigned)id < CL_COUNT ? names[id] : "?";
}

const struct codelist *codelist_get(enum codelist_id id)
{
	if ((unsigned)id >= CL_COUNT)
		return NULL;
	struct codelist *cl = &lists[id];
	if (cl->loaded)
		return cl;
	if (!loader)
		return NULL;
	cl->name = names[id];
	char *err = NULL;
	if (loader(id, cl, &err) != EALA_OK) {
		codelist_clear(cl);
		free(last_error);
		last_error = err ? err : xasprintf("code list %s could not be loaded", names[id]);
		return NULL;
	}
	free(err);
	codelist_seal(cl);
	cl->loaded = 1;
	return cl;
}

int codelist_load_all(char **errmsg)
{
	for (int id = 0; id < CL_COUNT; id++) {
		if (!codelist_get((enum codelist_id)id)) {
			if (errmsg)
				*errmsg = xstrdup(last_error);
			return EALA_EIO;
		}
	}
	return EALA_OK;
}

const char *codelist_error(void)
{
	return last_error;
}

void codelist_reset(void)
{
	for (int id = 0; id < CL_COUNT; id++)
		codelist_clear(&lists[id]);
	free(last_error);
	last_error = NULL;
}

static int cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct code *)a)->code, ((const struct code *)b)->code);
}

const struct code *codelist_find(enum codelist_id id, const char *code)
{
	const struct codelist *cl = codelist_get(id);
	if (!cl || !code)
		return NULL;
	struct code key = {.code = (char *)code};
	return bsearch(&key, cl->v, cl->n, sizeof(*cl->v), cmp_code);
}

int codelist_has(enum codelist_id id, const char *code)
{
	return codelist_find(id, code) != NULL;
}

const char *codelist_label(enum codelist_id id, const char *code, int lang)
{
	const struct code *c = codelist_find(id, code);
	if (!c)
		return code;
	if (lang >= 0 && lang < CL_NLANG && c->label[lang])
		return c->label[lang];
	return c->label[CL_LANG_EN] ? c->label[CL_LANG_EN] : c->code;
}

int codelist_add(struct codelist *cl, const char *code, const char *parent,
		 const char *label_en, const char *label_fr, const char *label_es)
{
	if (cl->n == cl->cap) {
		size_t cap = cl->cap ? cl->cap * 2 : 32;
		struct code *v = realloc(cl->v, cap * sizeof(*v));
		if (!v)
			return EALA_ENOMEM;
		cl->v = v;
		cl->cap = cap;
	}
	struct code *c = &cl->v[cl->n];
	memset(c, 0, sizeof(*c));
	c->code = xstrdup(code);
	c->parent = str_blank(parent) ? NULL : xstrdup(parent);
	c->label[CL_LANG_EN] = str_blank(label_en) ? NULL : xstrdup(label_en);
	c->label[CL_LANG_FR] = str_blank(label_fr) ? NULL : xstrdup(label_fr);
	c->label[CL_LANG_ES] = str_blank(label_es) ? NULL : xstrdup(label_es);
	if (!c->code)
		return EALA_ENOMEM;
	cl->n++;
	return EALA_OK;
}

struct code *codelist_find_mut(struct codelist *cl, const char *code)
{
	for (size_t i = 0; i < cl->n; i++)
		if (strcmp(cl->v[i].code, code) == 0)
			return &cl->v[i];
	return NULL;
}

void codelist_seal(struct codelist *cl)
{
	if (cl->n)
		qsort(cl->v, cl->n, sizeof(*cl->v), cmp_code);
}

void codelist_clear(struct codelist *cl)
{
	if (!cl)
		return;
	for (size_t i = 0; i < cl->n; i++) {
		struct code *c = &cl->v[i];
		free(c->code);
		free(c->parent);
		for (int l = 0; l < CL_NLANG; l++)
			free(c->label[l]);
		for (int a = 0; a < CL_NATTR; a++)
			free(c->attr[a]);
	}
	free(cl->v);
	memset(cl, 0, sizeof(*cl));
}

void codelist_install(enum codelist_id id, struct codelist *cl)
{
	codelist_clear(&lists[id]);
	lists[id] = *cl;
	lists[id].name = names[id];
	codelist_seal(&lists[id]);
	lists[id].loaded = 1;
	memset(cl, 0, sizeof(*cl));
}
