/* codelist_load.c: the code lists from their files: iso-codes JSON (jansson),
 * World Bank CSV and eala's CSV lists (libcsv), IATI XML (libxml2). */
#include "codelist_load.h"

#include "../core/eala.h"
#include "../core/text.h"
#include "csvread.h"

#include <jansson.h>
#include <libintl.h>
#include <locale.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *eala_datadir(void)
{
	const char *d = getenv("EALA_DATADIR");
	return d && *d ? d : EALA_DATADIR;
}

char *eala_datapath(const char *relative)
{
	return xasprintf("%s/%s", eala_datadir(), relative);
}

/* ---- eala's own lists: data/codelists/NAME.csv ---- */

static int load_eala_csv(const char *name, struct codelist *cl, char **errmsg)
{
	char *rel = xasprintf("codelists/%s.csv", name);
	char *path = eala_datapath(rel);
	struct csv_doc doc;
	struct errlist el;
	int rc;
	errlist_init(&el);
	free(rel);
	if ((rc = csvdoc_read_file(path, &doc, &el)) != EALA_OK) {
		*errmsg = el.n ? errlist_format(&el.v[0]) : xasprintf("%s: cannot read", path);
		goto out;
	}
	static const char *const c_code[] = {"code", NULL}, *const c_parent[] = {"parent", NULL},
				 *const c_en[] = {"label_en", NULL}, *const c_fr[] = {"label_fr", NULL},
				 *const c_es[] = {"label_es", NULL};
	int ic = csvdoc_column(&doc, c_code), ip = csvdoc_column(&doc, c_parent),
	    ien = csvdoc_column(&doc, c_en), ifr = csvdoc_column(&doc, c_fr),
	    ies = csvdoc_column(&doc, c_es);
	if (ic < 0 || ien < 0) {
		*errmsg = xasprintf("%s: the header needs the columns code and label_en", path);
		rc = EALA_EINVAL;
		goto out;
	}
	for (size_t i = 0; i < doc.n && !rc; i++) {
		const struct csv_row *r = &doc.rows[i];
		if (!csvdoc_field(r, ic))
			continue;
		rc = codelist_add(cl, csvdoc_field(r, ic), csvdoc_field(r, ip), csvdoc_field(r, ien),
				  csvdoc_field(r, ifr), csvdoc_field(r, ies));
	}
out:
	csvdoc_clear(&doc);
	errlist_clear(&el);
	free(path);
	return rc;
}

/* ---- IATI lists: data/iati/codelists/NAME.xml ---- */

static xmlNode *child(xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

/* The narrative of a <name> in a language ("en": the one without xml:lang). */
static char *narrative(xmlNode *name, const char *lang)
{
	for (xmlNode *c = name ? name->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "narrative") != 0)
			continue;
		xmlChar *l = xmlNodeGetLang(c);
		int match = lang ? (l && strcmp((const char *)l, lang) == 0)
				 : (!l || strcmp((const char *)l, "en") == 0);
		xmlFree(l);
		if (match) {
			xmlChar *t = xmlNodeGetContent(c);
			char *s = xstrdup((const char *)t);
			xmlFree(t);
			return s;
		}
	}
	return NULL;
}

static int load_iati_xml(const char *name, struct codelist *cl, char **errmsg)
{
	char *rel = xasprintf("iati/codelists/%s.xml", name);
	char *path = eala_datapath(rel);
	int rc = EALA_OK;
	free(rel);
	xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		*errmsg = xasprintf("%s: cannot read the IATI code list", path);
		free(path);
		return EALA_EIO;
	}
	xmlNode *items = child(xmlDocGetRootElement(doc), "codelist-items");
	for (xmlNode *it = items ? items->children : NULL; it && !rc; it = it->next) {
		if (it->type != XML_ELEMENT_NODE || strcmp((const char *)it->name, "codelist-item"))
			continue;
		/* IATI withdraws codes it no longer wants used: new records may not take them */
		xmlChar *status = xmlGetProp(it, (const xmlChar *)"status");
		int withdrawn = status && strcmp((const char *)status, "withdrawn") == 0;
		xmlFree(status);
		if (withdrawn)
			continue;
		xmlChar *code = xmlNodeGetContent(child(it, "code"));
		xmlNode *nm = child(it, "name");
		char *en = narrative(nm, NULL), *fr = narrative(nm, "fr"), *es = narrative(nm, "es");
		xmlChar *cat = xmlNodeGetContent(child(it, "category"));
		if (code && *code)
			rc = codelist_add(cl, (const char *)code, (const char *)cat, en, fr, es);
		xmlFree(code);
		xmlFree(cat);
		free(en);
		free(fr);
		free(es);
	}
	xmlFreeDoc(doc);
	free(path);
	return rc;
}

/* ---- countries: iso-codes JSON, Kosovo from eala's list, World Bank groups ---- */

static int add_wb_groups(struct codelist *cl, char **errmsg)
{
	char *path = eala_datapath("wb_country_class.csv");
	struct csv_doc doc;
	struct errlist el;
	errlist_init(&el);
	int rc = csvdoc_read_file(path, &doc, &el);
	if (rc) {
		*errmsg = el.n ? errlist_format(&el.v[0]) : xasprintf("%s: cannot read", path);
		goto out;
	}
	static const char *const c3[] = {"iso3", NULL}, *const creg[] = {"region", NULL},
				 *const cinc[] = {"income_group", NULL};
	int i3 = csvdoc_column(&doc, c3), ir = csvdoc_column(&doc, creg), ii = csvdoc_column(&doc, cinc);
	if (i3 < 0 || ir < 0 || ii < 0) {
		*errmsg = xasprintf("%s: expected the columns iso3, region, income_group", path);
		rc = EALA_EINVAL;
		goto out;
	}
	for (size_t r = 0; r < doc.n; r++) {
		const char *a3 = csvdoc_field(&doc.rows[r], i3);
		if (!a3)
			continue;
		for (size_t k = 0; k < cl->n; k++) {
			struct code *c = &cl->v[k];
			if (c->attr[CL_ATTR_ALPHA3] && strcmp(c->attr[CL_ATTR_ALPHA3], a3) == 0) {
				const char *reg = csvdoc_field(&doc.rows[r], ir);
				const char *inc = csvdoc_field(&doc.rows[r], ii);
				str_set(&c->attr[CL_ATTR_WB_REGION], reg);
				str_set(&c->attr[CL_ATTR_WB_INCOME], inc && strcmp(inc, "..") ? inc : NULL);
				break;
			}
		}
	}
out:
	csvdoc_clear(&doc);
	errlist_clear(&el);
	free(path);
	return rc;
}

/* The French and Spanish country names from the translations Debian's
 * iso-codes ships (gettext domain iso_3166-1). gettext follows the calling
 * thread's locale, so a C.UTF-8 locale is used for the lookup alone, with
 * LANGUAGE naming the language; the process locale is untouched (so is the
 * text domain: setting it to itself only clears gettext's lookup cache). Called once
 * at load time, before any thread starts. Where a name has no translation
 * the outputs stay NULL and the English name is shown. */
static void iso_translate(const char *en, char **fr, char **es)
{
	static locale_t loc;
	static int tried;
	if (!tried) {
		tried = 1;
		loc = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);
		bind_textdomain_codeset("iso_3166-1", "UTF-8");
	}
	if (!loc)
		return;
	const char *old = getenv("LANGUAGE");
	char *saved = old ? xstrdup(old) : NULL;
	locale_t prev = uselocale(loc);
	char **out[] = {fr, es};
	const char *code[] = {"fr", "es"};
	for (int i = 0; i < 2; i++) {
		setenv("LANGUAGE", code[i], 1);
		textdomain(textdomain(NULL));   /* gettext's cache forgets the last language */
		const char *t = dgettext("iso_3166-1", en);
		*out[i] = t != en && strcmp(t, en) ? xstrdup(t) : NULL;
	}
	uselocale(prev);
	if (saved)
		setenv("LANGUAGE", saved, 1);
	else
		unsetenv("LANGUAGE");
	free(saved);
}

static int load_countries(struct codelist *cl, char **errmsg)
{
	const char *env = getenv("EALA_ISO_CODES");
	const char *path = env && *env ? env : "/usr/share/iso-codes/json/iso_3166-1.json";
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);
	int rc = EALA_OK;
	if (!root) {
		*errmsg = xasprintf("%s:%d: cannot read the ISO 3166 country list: %s "
				    "(install Debian's iso-codes)", path, jerr.line, jerr.text);
		return EALA_EIO;
	}
	json_t *list = json_object_get(root, "3166-1"), *e;
	size_t i;
	json_array_foreach(list, i, e) {
		const char *a2 = json_string_value(json_object_get(e, "alpha_2"));
		const char *a3 = json_string_value(json_object_get(e, "alpha_3"));
		const char *name = json_string_value(json_object_get(e, "name"));
		const char *common = json_string_value(json_object_get(e, "common_name"));
		const char *official = json_string_value(json_object_get(e, "official_name"));
		if (!a2 || !name)
			continue;
		/* common names ("Bolivia", "Taiwan") read better than ISO's formal short names */
		const char *en = common ? common : name;
		char *fr = NULL, *es = NULL;
		iso_translate(en, &fr, &es);
		rc = codelist_add(cl, a2, NULL, en, fr, es);
		free(fr);
		free(es);
		if (rc)
			break;
		struct code *c = &cl->v[cl->n - 1];
		c->attr[CL_ATTR_ALPHA3] = xstrdup(a3);
		c->attr[CL_ATTR_NUMERIC] = xstrdup(json_string_value(json_object_get(e, "numeric")));
		struct strv names = {0};
		strv_push(&names, name);
		if (common)
			strv_push(&names, common);
		if (official)
			strv_push(&names, official);
		c->attr[CL_ATTR_NAMES] = strv_join(&names, "|");
		strv_clear(&names);
	}
	json_decref(root);
	if (rc)
		return rc;
	/* codes ISO has not assigned but eala needs (Kosovo, XK) */
	struct codelist extra = {0};
	if ((rc = load_eala_csv("country-extra", &extra, errmsg)))
		return rc;
	for (size_t k = 0; k < extra.n && !rc; k++) {
		rc = codelist_add(cl, extra.v[k].code, NULL, extra.v[k].label[CL_LANG_EN], NULL, NULL);
		if (!rc)
			cl->v[cl->n - 1].attr[CL_ATTR_ALPHA3] = xstrdup(extra.v[k].parent);
	}
	codelist_clear(&extra);
	return rc ? rc : add_wb_groups(cl, errmsg);
}

static int load(enum codelist_id id, struct codelist *cl, char **errmsg)
{
	switch (id) {
	case CL_COUNTRY:
		return load_countries(cl, errmsg);
	case CL_IATI_ORG_TYPE:
	case CL_IATI_ORG_ROLE:
	case CL_IATI_ACTIVITY_STATUS:
	case CL_IATI_SECTOR:
	case CL_IATI_CURRENCY:
	case CL_IATI_INDICATOR_MEASURE:
	case CL_SDG_GOAL:
		return load_iati_xml(codelist_name(id), cl, errmsg);
	default:
		return load_eala_csv(codelist_name(id), cl, errmsg);
	}
}

void codelist_load_install(void)
{
	codelist_set_loader(load);
}

/* ---- country names ---- */

struct alias {
	char *key;
	char *iso2;
	int overseas;
};

static struct alias *aliases;
static size_t n_aliases;
static int aliases_loaded;
static char *aliases_error;

const char *country_resolve_error(void)
{
	return aliases_error;
}

static void load_aliases(void)
{
	char *path = eala_datapath("country-aliases.csv");
	struct csv_doc doc;
	struct errlist el;
	errlist_init(&el);
	aliases_loaded = 1;
	if (csvdoc_read_file(path, &doc, &el) != EALA_OK) {
		aliases_error = el.n ? errlist_format(&el.v[0]) : xasprintf("%s: cannot read", path);
	} else {
		static const char *const ca[] = {"alias", NULL}, *const ci[] = {"iso2", NULL},
					 *const co[] = {"overseas", NULL};
		int ia = csvdoc_column(&doc, ca), ii = csvdoc_column(&doc, ci), io = csvdoc_column(&doc, co);
		aliases = calloc(doc.n ? doc.n : 1, sizeof(*aliases));
		for (size_t r = 0; aliases && ia >= 0 && ii >= 0 && r < doc.n; r++) {
			const char *a = csvdoc_field(&doc.rows[r], ia), *iso = csvdoc_field(&doc.rows[r], ii);
			const char *ov = csvdoc_field(&doc.rows[r], io);
			if (!a || !iso)
				continue;
			aliases[n_aliases].key = text_loose_key(a);
			aliases[n_aliases].iso2 = xstrdup(iso);
			aliases[n_aliases].overseas = ov && strcmp(ov, "1") == 0;
			n_aliases++;
		}
	}
	csvdoc_clear(&doc);
	errlist_clear(&el);
	free(path);
}

struct name_entry {
	char *key;
	char code[4];       /* a copy: the code list may be reset and reloaded (tests) */
};

static struct name_entry *country_names;
static size_t n_country_names;

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct name_entry *)a)->key, ((const struct name_entry *)b)->key);
}

/* Every spelling iso-codes gives, as loose keys, sorted once for lookups. */
static void build_country_index(void)
{
	const struct codelist *cl = codelist_get(CL_COUNTRY);
	size_t cap = 0;
	for (size_t i = 0; cl && i < cl->n; i++) {
		struct strv names = {0};
		strv_split(&names, cl->v[i].attr[CL_ATTR_NAMES], '|');
		if (cl->v[i].label[CL_LANG_EN])
			strv_push(&names, cl->v[i].label[CL_LANG_EN]);
		for (size_t k = 0; k < names.n; k++) {
			if (n_country_names == cap) {
				cap = cap ? cap * 2 : 512;
				struct name_entry *v = realloc(country_names, cap * sizeof(*v));
				if (!v)
					break;
				country_names = v;
			}
			country_names[n_country_names].key = text_loose_key(names.v[k]);
			snprintf(country_names[n_country_names].code, sizeof(country_names[0].code), "%s",
				 cl->v[i].code);
			if (country_names[n_country_names].key)
				n_country_names++;
		}
		strv_clear(&names);
	}
	if (n_country_names)
		qsort(country_names, n_country_names, sizeof(*country_names), cmp_entry);
}

static const char *resolve_exact(const char *key, int *overseas)
{
	if (!aliases_loaded) {
		load_aliases();
		build_country_index();
	}
	for (size_t i = 0; i < n_aliases; i++) {
		if (aliases[i].key && strcmp(aliases[i].key, key) == 0) {
			if (overseas)
				*overseas = aliases[i].overseas;
			return codelist_has(CL_COUNTRY, aliases[i].iso2) ? aliases[i].iso2 : NULL;
		}
	}
	struct name_entry probe = {.key = (char *)key};
	const struct name_entry *hit = n_country_names
		? bsearch(&probe, country_names, n_country_names, sizeof(probe), cmp_entry) : NULL;
	return hit ? hit->code : NULL;
}

const char *country_resolve(const char *name, int *overseas)
{
	if (overseas)
		*overseas = 0;
	if (str_blank(name))
		return NULL;
	char *key = text_loose_key(name);
	if (!key)
		return NULL;
	const char *code = resolve_exact(key, overseas);
	if (!code) {
		/* "Brandenburg, Germany", "Ohio, United States": the part after the last comma */
		const char *comma = strrchr(name, ',');
		char *tail = comma ? text_loose_key(comma + 1) : NULL;
		if (tail && *tail)
			code = resolve_exact(tail, NULL);
		free(tail);
	}
	free(key);
	return code;
}
