/* codelist.h: the code lists every record is checked against, held in memory.
 *
 * Code lists are data, not C: countries come from Debian's iso-codes, income
 * groups from the World Bank file, IATI lists from the IATI codelist XML and
 * eala's own lists from data/codelists/NAME.csv. The io layer reads those files;
 * this module only stores and looks up. A list is loaded on first use through
 * the loader installed with codelist_set_loader(); a server calls
 * codelist_load_all() before its threads start, after which the registry is
 * read-only. Returned pointers stay valid until codelist_reset().
 */
#ifndef EALA_CODELIST_H
#define EALA_CODELIST_H

#include <stddef.h>

enum codelist_id {
	CL_COUNTRY,             /* ISO 3166-1 alpha-2 (+ XK Kosovo) */
	CL_AUTHORITY_LEVEL,
	CL_PARTNERSHIP_KIND,
	CL_PARTNERSHIP_STATUS,
	CL_ACTION_TYPE,
	CL_ACTION_DOMAIN,
	CL_IMPACT_CATEGORY,
	CL_FUNDING_SOURCE,
	CL_TERRITORY_SIDE,
	CL_ORG_SUBTYPE,
	CL_NETWORK_ROLE,
	CL_PARTNER_CALL_STATUS,
	CL_IATI_ORG_TYPE,
	CL_IATI_ORG_ROLE,
	CL_IATI_ACTIVITY_STATUS,
	CL_IATI_SECTOR,
	CL_IATI_CURRENCY,
	CL_IATI_INDICATOR_MEASURE,
	CL_SDG_GOAL,
	CL_EAPD_CATEGORY,      /* category of the yearly ODA declaration */
	CL_STAKEHOLDER_LINK_KIND, /* kind of a local actor's link abroad */
	CL_COUNT
};

enum { CL_LANG_EN, CL_LANG_FR, CL_LANG_ES, CL_NLANG };

/* Extra attributes of a country entry. */
enum {
	CL_ATTR_ALPHA3,      /* country: ISO alpha-3 */
	CL_ATTR_WB_REGION,   /* country: World Bank region */
	CL_ATTR_WB_INCOME,   /* country: World Bank income group */
	CL_ATTR_NAMES,       /* country: official and common names, '|' separated */
	CL_ATTR_NUMERIC,     /* country: ISO numeric code ("466"), the world atlas's feature ids */
	CL_NATTR
};

struct code {
	char *code;
	char *parent;              /* parent code (hierarchical lists), or NULL */
	char *label[CL_NLANG];     /* NULL where no label in that language */
	char *attr[CL_NATTR];      /* list-specific attributes, or NULL */
};

struct codelist {
	const char *name;          /* file-like name: "partnership-kind" */
	struct code *v;            /* sorted by code after codelist_seal() */
	size_t n, cap;
	int loaded;
};

/* Fill 'cl' with list 'id' (cl->name is already set); return EALA_OK or a
 * status and set *errmsg. */
typedef int (*codelist_loader)(enum codelist_id id, struct codelist *cl, char **errmsg);

void codelist_set_loader(codelist_loader loader);
/* The list, loaded on first use; NULL when it cannot be loaded (see codelist_error()). */
const struct codelist *codelist_get(enum codelist_id id);
/* Load every list now; EALA_OK or the first failure with *errmsg. */
int codelist_load_all(char **errmsg);
/* Message of the last load failure, or NULL. */
const char *codelist_error(void);
/* Forget every list (tests). */
void codelist_reset(void);

/* Name of a list, as in messages and file names. */
const char *codelist_name(enum codelist_id id);
/* The entry for code, or NULL. */
const struct code *codelist_find(enum codelist_id id, const char *code);
int codelist_has(enum codelist_id id, const char *code);
/* Label of a code in a language (falls back to English, then the code). */
const char *codelist_label(enum codelist_id id, const char *code, int lang);

/* Building a list (used by loaders and tests). Strings are copied. */
int codelist_add(struct codelist *cl, const char *code, const char *parent,
		 const char *label_en, const char *label_fr, const char *label_es);
struct code *codelist_find_mut(struct codelist *cl, const char *code);
void codelist_seal(struct codelist *cl);   /* sort for lookup */
void codelist_clear(struct codelist *cl);

/* Install a ready list directly (tests; takes ownership of cl's contents). */
void codelist_install(enum codelist_id id, struct codelist *cl);

#endif
