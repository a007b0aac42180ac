/* iati_read.c: an IATI file to an iati_doc, validated while it streams.
 *
 * One pass: libxml2's reader parses the file with the XSD plugged in, so the
 * schema checks every element as it goes by, and each iati-activity (or
 * iati-organisation) is expanded into a small tree, read into structs, and
 * skipped, so memory stays bounded by one activity, not the file. The root
 * element is looked at first (a second reader stops at it) to choose the
 * activity or the organisation schema and to check the version before the
 * schema reports a 1.x file line by line.
 *
 * Options: XML_PARSE_NONET, and neither XML_PARSE_NOENT nor DTD loading, so
 * an entity is never expanded and nothing is fetched.
 */
#include "iati.h"

#include "codelist_load.h"
#include "../core/text.h"

#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <stdlib.h>
#include <string.h>

#define READ_OPTIONS (XML_PARSE_NONET | XML_PARSE_COMPACT)

struct rctx {
	const char *file;
	struct errlist *el;
	size_t errors;
};

static void on_error(void *ctx, xmlErrorPtr e)
{
	struct rctx *r = ctx;
	if (!e || e->level < XML_ERR_ERROR)
		return;
	char *msg = xstrdup(e->message ? e->message : "XML error");
	size_t len = msg ? strlen(msg) : 0;
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		msg[--len] = '\0';
	errlist_add(r->el, r->file, e->line, NULL, "%s", msg ? msg : "XML error");
	free(msg);
	r->errors++;
}

/* ---- freeing ---- */

static void org_clear(struct iati_org *o)
{
	free(o->ref);
	free(o->type);
	free(o->role);
	free(o->name);
	strv_clear(&o->names);
	memset(o, 0, sizeof(*o));
}

static void activity_clear(struct iati_activity *a)
{
	free(a->identifier);
	org_clear(&a->reporting);
	free(a->title);
	free(a->description);
	free(a->status);
	free(a->start_planned);
	free(a->start_actual);
	free(a->end_planned);
	free(a->end_actual);
	free(a->currency);
	strv_clear(&a->sectors);
	strv_clear(&a->countries);
	strv_clear(&a->regions);
	for (size_t i = 0; i < a->n_orgs; i++)
		org_clear(&a->orgs[i]);
	free(a->orgs);
	for (size_t i = 0; i < a->n_flows; i++) {
		free(a->flows[i].type);
		free(a->flows[i].date);
		free(a->flows[i].currency);
		org_clear(&a->flows[i].provider);
	}
	free(a->flows);
	for (size_t i = 0; i < a->n_results; i++)
		expected_impact_clear(&a->results[i]);
	free(a->results);
	memset(a, 0, sizeof(*a));
}

void iati_doc_clear(struct iati_doc *d)
{
	if (!d)
		return;
	free(d->version);
	for (size_t i = 0; i < d->n_activities; i++)
		activity_clear(&d->activities[i]);
	free(d->activities);
	for (size_t i = 0; i < d->n_records; i++)
		org_clear(&d->records[i]);
	free(d->records);
	memset(d, 0, sizeof(*d));
}

/* ---- reading a subtree ---- */

static int is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static char *attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *s = v ? text_squeeze((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

static char *content(const xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = v ? text_squeeze((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

/* The narratives of n: every one into names (when given), and the one in
 * English or without a language (else the first) as the return value. */
static char *narratives(const xmlNode *n, struct strv *names)
{
	char *best = NULL;
	int best_en = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!is(c, "narrative"))
			continue;
		char *t = content(c);
		if (!t || !*t) {
			free(t);
			continue;
		}
		xmlChar *lang = xmlGetNsProp(c, (const xmlChar *)"lang", XML_XML_NAMESPACE);
		int en = !lang || strncmp((const char *)lang, "en", 2) == 0;
		xmlFree(lang);
		if (names && !strv_contains(names, t))
			strv_push(names, t);
		if (!best || (en && !best_en)) {
			free(best);
			best = t;
			best_en = en;
		} else {
			free(t);
		}
	}
	return best;
}

static void read_org(const xmlNode *n, struct iati_org *o)
{
	o->ref = attr(n, "ref");
	o->type = attr(n, "type");
	o->role = attr(n, "role");
	o->name = narratives(n, &o->names);
	o->line = xmlGetLineNo(n);
	if (o->ref && !*o->ref) {
		free(o->ref);
		o->ref = NULL;
	}
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

static char *child_attr(const xmlNode *n, const char *name, const char *a)
{
	const xmlNode *c = child(n, name);
	return c ? attr(c, a) : NULL;
}

/* An xsd:decimal (already checked by the schema) into *v. */
static int number(const char *s, double *v)
{
	if (!s || !*s)
		return 0;
	char *end;
	*v = strtod(s, &end);
	return *end == '\0';
}

static void *grow(void *v, size_t n, size_t size)
{
	return realloc(v, (n + 1) * size);
}

static void read_flow(const xmlNode *n, int budget, struct iati_activity *a)
{
	struct iati_flow *v = grow(a->flows, a->n_flows, sizeof(*v));
	if (!v)
		return;
	a->flows = v;
	struct iati_flow *f = &v[a->n_flows++];
	memset(f, 0, sizeof(*f));
	f->budget = budget;
	f->line = xmlGetLineNo(n);
	if (budget) {
		f->date = child_attr(n, "period-start", "iso-date");
	} else {
		f->type = child_attr(n, "transaction-type", "code");
		f->date = child_attr(n, "transaction-date", "iso-date");
		const xmlNode *p = child(n, "provider-org");
		if (p)
			read_org(p, &f->provider);
	}
	const xmlNode *val = child(n, "value");
	if (val) {
		char *t = content(val);
		f->has_value = number(t, &f->value);
		free(t);
		f->currency = attr(val, "currency");
	}
	if (!f->currency && a->currency)
		f->currency = xstrdup(a->currency);
}

static void read_period(const xmlNode *n, struct indicator *ind)
{
	struct indicator_period *v = grow(ind->periods, ind->n_periods, sizeof(*v));
	if (!v)
		return;
	ind->periods = v;
	struct indicator_period *p = &v[ind->n_periods++];
	memset(p, 0, sizeof(*p));
	p->start = child_attr(n, "period-start", "iso-date");
	p->end = child_attr(n, "period-end", "iso-date");
	char *t = child_attr(n, "target", "value");
	p->has_target = number(t, &p->target);
	free(t);
	t = child_attr(n, "actual", "value");
	p->has_actual = number(t, &p->actual);
	free(t);
}

static void read_indicator(const xmlNode *n, struct expected_impact *e)
{
	struct indicator *v = grow(e->indicators, e->n_indicators, sizeof(*v));
	if (!v)
		return;
	e->indicators = v;
	struct indicator *ind = &v[e->n_indicators++];
	memset(ind, 0, sizeof(*ind));
	ind->measure = attr(n, "measure");
	char *asc = attr(n, "ascending");
	ind->ascending = !asc || strcmp(asc, "0") != 0 ? (asc && strcmp(asc, "false") == 0 ? 0 : 1) : 0;
	free(asc);
	ind->cumulative = 0;
	const xmlNode *t = child(n, "title");
	ind->title = t ? narratives(t, NULL) : NULL;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is(c, "baseline") && !ind->has_baseline) {
			char *val = attr(c, "value");
			ind->has_baseline = number(val, &ind->baseline);
			free(val);
			ind->baseline_date = attr(c, "iso-date");
		} else if (is(c, "period")) {
			read_period(c, ind);
		}
	}
}

static void read_result(const xmlNode *n, struct iati_activity *a)
{
	struct expected_impact *v = grow(a->results, a->n_results, sizeof(*v));
	if (!v)
		return;
	a->results = v;
	struct expected_impact *e = &v[a->n_results++];
	memset(e, 0, sizeof(*e));
	const xmlNode *t = child(n, "title");
	char *title = t ? narratives(t, NULL) : NULL;
	const xmlNode *d = child(n, "description");
	char *desc = d ? narratives(d, NULL) : NULL;
	/* eala's description is one text: the title, and the description when it says more */
	if (title && desc && strcmp(title, desc) != 0) {
		e->description = xasprintf("%s: %s", title, desc);
		free(title);
		free(desc);
	} else {
		e->description = title ? title : desc;
		if (title)
			free(desc);
	}
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (is(c, "reference")) {
			char *uri = attr(c, "vocabulary-uri");
			char *code = attr(c, "code");
			if (uri && strcmp(uri, IATI_CATEGORY_URI) == 0 && !e->category)
				e->category = code, code = NULL;
			else if (uri && strcmp(uri, IATI_SIDE_URI) == 0 && !e->side)
				e->side = code, code = NULL;
			free(uri);
			free(code);
		} else if (is(c, "indicator")) {
			read_indicator(c, e);
		}
	}
}

static void read_activity(const xmlNode *n, struct iati_activity *a)
{
	a->line = xmlGetLineNo(n);
	a->currency = attr(n, "default-currency");
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, "iati-identifier") && !a->identifier) {
			a->identifier = content(c);
		} else if (is(c, "reporting-org")) {
			org_clear(&a->reporting);
			read_org(c, &a->reporting);
		} else if (is(c, "title") && !a->title) {
			a->title = narratives(c, NULL);
		} else if (is(c, "description") && !a->description) {
			char *type = attr(c, "type");
			if (!type || strcmp(type, "1") == 0)
				a->description = narratives(c, NULL);
			free(type);
		} else if (is(c, "participating-org")) {
			struct iati_org *v = grow(a->orgs, a->n_orgs, sizeof(*v));
			if (!v)
				continue;
			a->orgs = v;
			memset(&v[a->n_orgs], 0, sizeof(*v));
			read_org(c, &v[a->n_orgs++]);
		} else if (is(c, "activity-status") && !a->status) {
			a->status = attr(c, "code");
		} else if (is(c, "activity-date")) {
			char *type = attr(c, "type"), *date = attr(c, "iso-date");
			char **slot = NULL;
			if (type && strcmp(type, "1") == 0)
				slot = &a->start_planned;
			else if (type && strcmp(type, "2") == 0)
				slot = &a->start_actual;
			else if (type && strcmp(type, "3") == 0)
				slot = &a->end_planned;
			else if (type && strcmp(type, "4") == 0)
				slot = &a->end_actual;
			if (slot && !*slot)
				*slot = date, date = NULL;
			free(type);
			free(date);
		} else if (is(c, "recipient-country")) {
			char *code = attr(c, "code");
			if (code && !strv_contains(&a->countries, code))
				strv_push(&a->countries, code);
			free(code);
		} else if (is(c, "recipient-region")) {
			char *code = attr(c, "code");
			if (code && !strv_contains(&a->regions, code))
				strv_push(&a->regions, code);
			free(code);
		} else if (is(c, "sector")) {
			char *voc = attr(c, "vocabulary"), *code = attr(c, "code");
			if (code && (!voc || strcmp(voc, "1") == 0) && !strv_contains(&a->sectors, code))
				strv_push(&a->sectors, code);
			free(voc);
			free(code);
		} else if (is(c, "budget")) {
			read_flow(c, 1, a);
		} else if (is(c, "transaction")) {
			read_flow(c, 0, a);
		} else if (is(c, "result")) {
			read_result(c, a);
		}
	}
}

static void read_organisation_record(const xmlNode *n, struct iati_doc *d)
{
	struct iati_org *v = grow(d->records, d->n_records, sizeof(*v));
	if (!v)
		return;
	d->records = v;
	struct iati_org *o = &v[d->n_records++];
	memset(o, 0, sizeof(*o));
	o->line = xmlGetLineNo(n);
	const xmlNode *id = child(n, "organisation-identifier");
	if (id)
		o->ref = content(id);
	const xmlNode *rep = child(n, "reporting-org");
	if (rep) {
		o->type = attr(rep, "type");
		if (!o->ref || !*o->ref) {
			free(o->ref);
			o->ref = attr(rep, "ref");
		}
	}
	const xmlNode *name = child(n, "name");
	if (name)
		o->name = narratives(name, &o->names);
	if (!o->name && rep)
		o->name = narratives(rep, &o->names);
	if (o->ref && !*o->ref) {
		free(o->ref);
		o->ref = NULL;
	}
}

/* ---- the version ---- */

/* EALA_OK when the version is one eala reads; else a problem in r. */
static int check_version(struct rctx *r, const char *v, long line)
{
	if (!v)
		return EALA_OK;   /* the schema says @version is missing */
	if (strcmp(v, "2.01") == 0 || strcmp(v, "2.02") == 0 || strcmp(v, "2.03") == 0)
		return EALA_OK;
	if (v[0] == '1' && (v[1] == '.' || v[1] == '\0')) {
		errlist_add(r->el, r->file, line, "version",
			    N_("IATI %s is a 1.x file, which eala does not read: convert it to IATI 2.03 first"),
			    v);
		return EALA_EINVAL;
	}
	if (v[0] >= '0' && v[0] <= '9') {
		errlist_add(r->el, r->file, line, "version",
			    N_("IATI version %s is not supported: eala reads versions 2.01 to 2.03"), v);
		return EALA_EINVAL;
	}
	return EALA_OK;   /* not a version number (the schema's test files write "xx"): read as 2.03 */
}

/* ---- the readers ---- */

struct source {
	const char *path;       /* a file, or */
	const char *buf;        /* a buffer of len bytes */
	size_t len;
	const char *name;
};

static xmlTextReaderPtr open_reader(const struct source *src)
{
	if (src->buf)
		return xmlReaderForMemory(src->buf, (int)src->len, src->name, NULL, READ_OPTIONS);
	return xmlReaderForFile(src->path, NULL, READ_OPTIONS);
}

/* The root element's name and version, read by a reader that stops there. */
static int peek_root(const struct source *src, struct rctx *r, char **root, char **version,
		     long *line)
{
	xmlTextReaderPtr rd = open_reader(src);
	if (!rd) {
		errlist_add(r->el, r->file, 0, NULL, N_("cannot read the file"));
		return EALA_EIO;
	}
	xmlTextReaderSetStructuredErrorHandler(rd, on_error, r);
	int ret;
	while ((ret = xmlTextReaderRead(rd)) == 1 && xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT)
		;
	if (ret == 1) {
		*root = xstrdup((const char *)xmlTextReaderConstLocalName(rd));
		xmlChar *v = xmlTextReaderGetAttribute(rd, (const xmlChar *)"version");
		*version = v ? xstrdup((const char *)v) : NULL;
		xmlFree(v);
		xmlNodePtr node = xmlTextReaderCurrentNode(rd);
		*line = node ? xmlGetLineNo(node) : xmlTextReaderGetParserLineNumber(rd);
	}
	xmlFreeTextReader(rd);
	if (ret != 1 && !r->errors)
		errlist_add(r->el, r->file, 0, NULL, N_("the file has no XML element"));
	return ret == 1 ? EALA_OK : EALA_EINVAL;
}

static xmlSchemaPtr load_schema(const char *name, struct rctx *r)
{
	char *rel = xasprintf("iati/schema/%s", name);
	char *path = rel ? eala_datapath(rel) : NULL;
	xmlSchemaPtr schema = NULL;
	xmlSchemaParserCtxtPtr pc = path ? xmlSchemaNewParserCtxt(path) : NULL;
	if (pc) {
		schema = xmlSchemaParse(pc);
		xmlSchemaFreeParserCtxt(pc);
	}
	if (!schema)
		errlist_add(r->el, r->file, 0, NULL, N_("cannot load the IATI schema %s"),
			    path ? path : name);
	free(rel);
	free(path);
	return schema;
}

int iati_schemas_load(struct iati_schemas *sc, int organisations, struct errlist *errors)
{
	struct rctx r = {NULL, errors, 0};
	xmlSchemaPtr *slot = organisations ? &sc->organisations : &sc->activities;
	if (!*slot)
		*slot = load_schema(organisations ? "iati-organisations-schema.xsd"
						  : "iati-activities-schema.xsd", &r);
	return *slot ? EALA_OK : EALA_EIO;
}

void iati_schemas_clear(struct iati_schemas *sc)
{
	if (!sc)
		return;
	if (sc->activities)
		xmlSchemaFree(sc->activities);
	if (sc->organisations)
		xmlSchemaFree(sc->organisations);
	memset(sc, 0, sizeof(*sc));
}

/* The pass that validates and reads. */
static int stream(const struct source *src, xmlSchemaPtr schema, struct rctx *r, struct iati_doc *d)
{
	xmlTextReaderPtr rd = open_reader(src);
	if (!rd)
		return EALA_EIO;
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	xmlTextReaderSetStructuredErrorHandler(rd, on_error, r);
	int rc = EALA_OK;
	if (!vc || xmlTextReaderSchemaValidateCtxt(rd, vc, 0) != 0) {
		rc = EALA_EIO;
		goto out;
	}
	xmlSchemaSetValidStructuredErrors(vc, on_error, r);
	const char *unit = d->organisations ? "iati-organisation" : "iati-activity";
	int ret = xmlTextReaderRead(rd);
	while (ret == 1) {
		if (xmlTextReaderNodeType(rd) == XML_READER_TYPE_ELEMENT && xmlTextReaderDepth(rd) == 1 &&
		    strcmp((const char *)xmlTextReaderConstLocalName(rd), unit) == 0) {
			xmlNodePtr n = xmlTextReaderExpand(rd);
			if (!n)
				break;
			if (d->organisations) {
				read_organisation_record(n, d);
			} else {
				struct iati_activity *v = grow(d->activities, d->n_activities, sizeof(*v));
				if (!v) {
					rc = EALA_ENOMEM;
					goto out;
				}
				d->activities = v;
				memset(&v[d->n_activities], 0, sizeof(*v));
				read_activity(n, &v[d->n_activities++]);
			}
			ret = xmlTextReaderNext(rd);
		} else {
			ret = xmlTextReaderRead(rd);
		}
	}
	if (ret < 0 && !r->errors)
		errlist_add(r->el, r->file, 0, NULL, N_("the file is not well-formed XML"));
	if (xmlTextReaderIsValid(rd) != 1 && !r->errors)
		errlist_add(r->el, r->file, 0, NULL, N_("the file does not validate against the IATI schema"));
	if (ret < 0 || r->errors)
		rc = EALA_EINVAL;
out:
	xmlFreeTextReader(rd);
	if (vc)
		xmlSchemaFreeValidCtxt(vc);
	return rc;
}

static int read_source(const struct source *src, struct iati_schemas *sc, struct iati_doc *d,
		       struct errlist *errors)
{
	struct rctx r = {src->name, errors, 0};
	char *root = NULL, *version = NULL;
	long line = 0;
	memset(d, 0, sizeof(*d));
	int rc = peek_root(src, &r, &root, &version, &line);
	if (rc)
		goto out;
	if (strcmp(root, "iati-activities") != 0 && strcmp(root, "iati-organisations") != 0) {
		errlist_add(errors, src->name, line, NULL,
			    N_("the root element is <%s>: an IATI file starts with <iati-activities> or <iati-organisations>"),
			    root);
		rc = EALA_EINVAL;
		goto out;
	}
	if ((rc = check_version(&r, version, line)))
		goto out;
	d->organisations = strcmp(root, "iati-organisations") == 0;
	d->version = version;
	version = NULL;
	if ((rc = iati_schemas_load(sc, d->organisations, errors)))
		goto out;
	rc = stream(src, d->organisations ? sc->organisations : sc->activities, &r, d);
out:
	free(root);
	free(version);
	if (rc)
		iati_doc_clear(d);
	return rc;
}

int iati_read_file_with(struct iati_schemas *sc, const char *path, struct iati_doc *doc,
			struct errlist *errors)
{
	struct source src = {path, NULL, 0, path};
	return read_source(&src, sc, doc, errors);
}

int iati_read_file(const char *path, struct iati_doc *doc, struct errlist *errors)
{
	struct iati_schemas sc = {0};
	int rc = iati_read_file_with(&sc, path, doc, errors);
	iati_schemas_clear(&sc);
	return rc;
}

int iati_read_memory(const char *buf, size_t len, const char *name, struct iati_doc *doc,
		     struct errlist *errors)
{
	struct iati_schemas sc = {0};
	struct source src = {NULL, buf, len, name};
	int rc = read_source(&src, &sc, doc, errors);
	iati_schemas_clear(&sc);
	return rc;
}
