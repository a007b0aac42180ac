/* iati_write.c: actions as an iati-activities 2.03 file, authorities as an
 * iati-organisations file, through libxml2's xmlTextWriter (which escapes).
 *
 * Identifiers (docs/DATA.md, IATI): an authority or organisation publishes
 * under the ref eala recorded for it (the one it was imported with), else a
 * French authority with a COG code under FR-COG-<code>, else under eala's own
 * prefix <country>-EALA-A<id> (O<id> for organisations, XX when the country is
 * unknown). An activity keeps the iati-identifier it was imported with, else
 * it is its lead authority's ref, "-", and the action's id.
 */
#include "iati.h"

#include "../core/codelist.h"

#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

char *iati_authority_ref(const struct authority *a)
{
	if (a->official_code && a->country && strcmp(a->country, "FR") == 0)
		return xasprintf("FR-COG-%s", a->official_code);
	return xasprintf("%s-EALA-A%lld", a->country ? a->country : "XX", (long long)a->id);
}

char *iati_organisation_ref(const struct organisation *o)
{
	return xasprintf("%s-EALA-O%lld", o->country ? o->country : "XX", (long long)o->id);
}

#define W(x) do { if ((x) < 0) { rc = EALA_EIO; goto out; } } while (0)

typedef const xmlChar *X;

static int start(xmlTextWriterPtr w, const char *name)
{
	return xmlTextWriterStartElement(w, (X)name);
}

static int attr(xmlTextWriterPtr w, const char *name, const char *value)
{
	return value ? xmlTextWriterWriteAttribute(w, (X)name, (X)value) : 0;
}

static int end(xmlTextWriterPtr w)
{
	return xmlTextWriterEndElement(w);
}

/* <name><narrative>text</narrative></name> (an empty narrative for NULL). */
static int text_element(xmlTextWriterPtr w, const char *name, const char *type, const char *text)
{
	if (start(w, name) < 0 || attr(w, "type", type) < 0 ||
	    xmlTextWriterWriteElement(w, (X)"narrative", (X)(text ? text : "")) < 0)
		return -1;
	return end(w);
}

static int empty(xmlTextWriterPtr w, const char *name, const char *a1, const char *v1,
		 const char *a2, const char *v2)
{
	if (start(w, name) < 0 || attr(w, a1, v1) < 0 || (a2 && attr(w, a2, v2) < 0))
		return -1;
	return end(w);
}

/* The ref and name of an authority or organisation. */
struct named {
	char *ref, *name, *type;
};

static void named_clear(struct named *n)
{
	free(n->ref);
	free(n->name);
	free(n->type);
	memset(n, 0, sizeof(*n));
}

static int lookup(struct store *st, int64_t authority_id, int64_t organisation_id, struct named *n)
{
	memset(n, 0, sizeof(*n));
	store_iati_org_ref(st, authority_id, organisation_id, &n->ref);
	if (authority_id) {
		struct authority a;
		if (store_authority_get(st, authority_id, &a))
			return EALA_ENOTFOUND;
		if (!n->ref)
			n->ref = iati_authority_ref(&a);
		n->name = xstrdup(a.name);
		n->type = xstrdup("11");
		authority_clear(&a);
	} else {
		struct organisation o;
		if (store_organisation_get(st, organisation_id, &o))
			return EALA_ENOTFOUND;
		if (!n->ref)
			n->ref = iati_organisation_ref(&o);
		n->name = xstrdup(o.name);
		n->type = xstrdup(o.iati_type);
		organisation_clear(&o);
	}
	return EALA_OK;
}

static int org_element(xmlTextWriterPtr w, const char *name, const struct named *n, const char *role)
{
	if (start(w, name) < 0 || attr(w, "ref", n->ref) < 0 || attr(w, "type", n->type) < 0 ||
	    attr(w, "role", role) < 0 ||
	    xmlTextWriterWriteElement(w, (X)"narrative", (X)(n->name ? n->name : "")) < 0)
		return -1;
	return end(w);
}

static int value_element(xmlTextWriterPtr w, double v, const char *currency, const char *date)
{
	char buf[64];
	snprintf(buf, sizeof(buf), "%.15g", v);
	if (start(w, "value") < 0 || attr(w, "currency", currency) < 0 || attr(w, "value-date", date) < 0 ||
	    xmlTextWriterWriteString(w, (X)buf) < 0)
		return -1;
	return end(w);
}

struct fin {
	struct financing *v;
	size_t n;
};

static int collect_financing(void *ctx, const struct financing *f)
{
	struct fin *x = ctx;
	struct financing *v = realloc(x->v, (x->n + 1) * sizeof(*v));
	if (!v)
		return EALA_ENOMEM;
	x->v = v;
	struct financing *c = &v[x->n++];
	*c = *f;
	c->source = xstrdup(f->source);
	c->currency = xstrdup(f->currency);
	c->illustrative = NULL;
	c->report_date = xstrdup(f->report_date);   /* every owned string of the copy is its own */
	return 0;
}

static int financing_elements(xmlTextWriterPtr w, struct store *st, const struct action *a,
			      const struct named *lead)
{
	struct fin x = {0};
	int rc = store_financing_each(st, a->id, collect_financing, &x, NULL);
	char d1[16], d2[16];
	for (int pass = 0; !rc && pass < 2; pass++) {
		for (size_t i = 0; !rc && i < x.n; i++) {
			const struct financing *f = &x.v[i];
			snprintf(d1, sizeof(d1), "%04d-01-01", f->year);
			snprintf(d2, sizeof(d2), "%04d-12-31", f->year);
			if (pass == 0 && f->has_planned) {
				if (start(w, "budget") < 0 || attr(w, "type", "1") < 0 || attr(w, "status", "1") < 0 ||
				    empty(w, "period-start", "iso-date", d1, NULL, NULL) < 0 ||
				    empty(w, "period-end", "iso-date", d2, NULL, NULL) < 0 ||
				    value_element(w, f->planned, f->currency, d1) < 0 || end(w) < 0)
					rc = EALA_EIO;
			} else if (pass == 1 && f->has_actual) {
				/* the provider names the source: the lead itself for its own budget */
				struct named src = {0};
				if (strcmp(f->source, "own_budget") == 0) {
					src = *lead;
				} else {
					src.name = (char *)codelist_label(CL_FUNDING_SOURCE, f->source, 0);
				}
				if (start(w, "transaction") < 0 ||
				    empty(w, "transaction-type", "code", "3", NULL, NULL) < 0 ||
				    empty(w, "transaction-date", "iso-date", d2, NULL, NULL) < 0 ||
				    value_element(w, f->actual, f->currency, d2) < 0 ||
				    org_element(w, "provider-org", &src, NULL) < 0 || end(w) < 0)
					rc = EALA_EIO;
			}
		}
	}
	for (size_t i = 0; i < x.n; i++)
		financing_clear(&x.v[i]);
	free(x.v);
	return rc;
}

static int indicator_element(xmlTextWriterPtr w, const struct indicator *ind)
{
	char buf[64];
	if (start(w, "indicator") < 0 || attr(w, "measure", ind->measure ? ind->measure : "1") < 0 ||
	    attr(w, "ascending", ind->ascending ? "1" : "0") < 0 ||
	    text_element(w, "title", NULL, ind->title) < 0)
		return -1;
	if (ind->has_baseline && ind->baseline_date) {
		char year[5];
		memcpy(year, ind->baseline_date, 4);
		year[4] = '\0';
		snprintf(buf, sizeof(buf), "%.15g", ind->baseline);
		if (start(w, "baseline") < 0 || attr(w, "year", year) < 0 ||
		    attr(w, "iso-date", ind->baseline_date) < 0 || attr(w, "value", buf) < 0 || end(w) < 0)
			return -1;
	}
	for (size_t j = 0; j < ind->n_periods; j++) {
		const struct indicator_period *p = &ind->periods[j];
		if (start(w, "period") < 0 || empty(w, "period-start", "iso-date", p->start, NULL, NULL) < 0 ||
		    empty(w, "period-end", "iso-date", p->end, NULL, NULL) < 0)
			return -1;
		if (p->has_target) {
			snprintf(buf, sizeof(buf), "%.15g", p->target);
			if (empty(w, "target", "value", buf, NULL, NULL) < 0)
				return -1;
		}
		if (p->has_actual) {
			snprintf(buf, sizeof(buf), "%.15g", p->actual);
			if (empty(w, "actual", "value", buf, NULL, NULL) < 0)
				return -1;
		}
		if (end(w) < 0)
			return -1;
	}
	return end(w);
}

struct res {
	xmlTextWriterPtr w;
	int failed;
};

static int result_element(void *ctx, const struct expected_impact *e)
{
	struct res *r = ctx;
	xmlTextWriterPtr w = r->w;
	/* IATI result type 2: outcome; eala's category and side as references */
	if (start(w, "result") < 0 || attr(w, "type", "2") < 0 ||
	    text_element(w, "title", NULL, e->description) < 0 ||
	    start(w, "reference") < 0 || attr(w, "vocabulary", "99") < 0 ||
	    attr(w, "code", e->category) < 0 || attr(w, "vocabulary-uri", IATI_CATEGORY_URI) < 0 ||
	    end(w) < 0)
		goto fail;
	/* the vocabulary-uri tells eala's codes from another publisher's */
	if (start(w, "reference") < 0 || attr(w, "vocabulary", "99") < 0 || attr(w, "code", e->side) < 0 ||
	    attr(w, "vocabulary-uri", IATI_SIDE_URI) < 0 || end(w) < 0)
		goto fail;
	for (size_t i = 0; i < e->n_indicators; i++)
		if (indicator_element(w, &e->indicators[i]) < 0)
			goto fail;
	if (end(w) < 0)
		goto fail;
	return 0;
fail:
	r->failed = 1;
	return EALA_EIO;
}

static int activity_element(xmlTextWriterPtr w, struct store *st, const struct action *a,
			    const struct named *lead)
{
	char *identifier = NULL;
	int rc = EALA_OK;
	if (store_iati_activity_get(st, a->id, &identifier) != EALA_OK)
		identifier = xasprintf("%s-%lld", lead->ref, (long long)a->id);
	W(start(w, "iati-activity"));
	W(xmlTextWriterWriteElement(w, (X)"iati-identifier", (X)identifier));
	W(org_element(w, "reporting-org", lead, NULL));
	W(text_element(w, "title", NULL, a->title));
	W(text_element(w, "description", "1", a->description));
	if (!a->n_participants)
		W(org_element(w, "participating-org", lead, "2"));
	for (size_t i = 0; i < a->n_participants; i++) {
		struct named p;
		if (lookup(st, a->participants[i].authority_id, a->participants[i].organisation_id, &p))
			continue;
		int r = org_element(w, "participating-org", &p, a->participants[i].role);
		named_clear(&p);
		W(r);
	}
	W(empty(w, "activity-status", "code", a->status, NULL, NULL));
	int begun = strcmp(a->status, "1") != 0, over = strcmp(a->status, "3") == 0 ||
		    strcmp(a->status, "4") == 0;
	if (a->start_date)
		W(empty(w, "activity-date", "type", begun ? "2" : "1", "iso-date", a->start_date));
	if (a->end_date)
		W(empty(w, "activity-date", "type", over ? "4" : "3", "iso-date", a->end_date));
	for (size_t i = 0; i < a->countries.n; i++)
		W(empty(w, "recipient-country", "code", a->countries.v[i], NULL, NULL));
	for (size_t i = 0; i < a->sectors.n; i++)
		W(empty(w, "sector", "vocabulary", "1", "code", a->sectors.v[i]));
	if ((rc = financing_elements(w, st, a, lead)))
		goto out;
	struct results_filter rf = {.action_id = a->id};
	struct res r = {w, 0};
	rc = store_expected_impact_list(st, &rf, result_element, &r, NULL);
	if (r.failed)
		rc = EALA_EIO;
	if (rc)
		goto out;
	W(end(w));
out:
	free(identifier);
	return rc;
}

struct actions {
	struct action *v;
	size_t n;
};

static int collect_action(void *ctx, const struct action *a)
{
	struct actions *x = ctx;
	struct action *v = realloc(x->v, (x->n + 1) * sizeof(*v));
	if (!v)
		return EALA_ENOMEM;
	x->v = v;
	/* keep only what the export needs; the store's record is borrowed */
	struct action *c = &v[x->n++];
	memset(c, 0, sizeof(*c));
	c->id = a->id;
	c->authority_id = a->authority_id;
	return 0;
}

static xmlTextWriterPtr open_writer(FILE *out)
{
	xmlOutputBufferPtr buf = xmlOutputBufferCreateFile(out, NULL);
	if (!buf)
		return NULL;
	xmlTextWriterPtr w = xmlNewTextWriter(buf);
	if (!w) {
		xmlOutputBufferClose(buf);
		return NULL;
	}
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterSetIndentString(w, (X)"  ");
	return w;
}

int iati_export_activities(struct store *st, int64_t authority_id, FILE *out, size_t *n,
			   struct errlist *skipped, char **errmsg)
{
	struct store_filter f = {.authority_id = authority_id, .public_only = 1};
	struct actions list = {0};
	*n = 0;
	int rc = store_action_list(st, &f, collect_action, &list, NULL, errmsg);
	xmlTextWriterPtr w = rc ? NULL : open_writer(out);
	if (!rc && !w)
		rc = EALA_EIO;
	if (rc)
		goto out;
	W(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
	W(start(w, "iati-activities"));
	W(attr(w, "version", "2.03"));
	for (size_t i = 0; i < list.n; i++) {
		struct action a;
		struct named lead;
		if (store_action_get(st, list.v[i].id, &a))
			continue;
		/* "of this authority" lists actions it takes part in: export only those it leads */
		if ((authority_id && a.authority_id != authority_id) || a.draft) {
			action_clear(&a);
			continue;
		}
		if (!a.start_date && !a.end_date) {
			errlist_add(skipped, NULL, 0, NULL,
				    "action #%lld '%s' left out: IATI needs a start or an end date",
				    (long long)a.id, a.title);
			action_clear(&a);
			continue;
		}
		rc = lookup(st, a.authority_id, 0, &lead);
		if (!rc)
			rc = activity_element(w, st, &a, &lead);
		named_clear(&lead);
		action_clear(&a);
		if (rc)
			goto out;
		(*n)++;
	}
	W(end(w));
	W(xmlTextWriterEndDocument(w));
out:
	if (w)
		xmlFreeTextWriter(w);
	free(list.v);
	if (rc && errmsg && !*errmsg)
		*errmsg = xstrdup("cannot write the IATI file");
	return rc;
}

struct ids {
	int64_t *v;
	size_t n;
};

static int collect_lead(void *ctx, const struct action *a)
{
	struct ids *x = ctx;
	for (size_t i = 0; i < x->n; i++)
		if (x->v[i] == a->authority_id)
			return 0;
	int64_t *v = realloc(x->v, (x->n + 1) * sizeof(*v));
	if (!v)
		return EALA_ENOMEM;
	x->v = v;
	v[x->n++] = a->authority_id;
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

int iati_export_organisations(struct store *st, int64_t authority_id, FILE *out, size_t *n,
			      char **errmsg)
{
	struct ids ids = {0};
	int rc = EALA_OK;
	xmlTextWriterPtr w = NULL;
	*n = 0;
	if (authority_id) {
		if (!store_authority_exists(st, authority_id)) {
			if (errmsg)
				*errmsg = xasprintf("authority #%lld does not exist", (long long)authority_id);
			return EALA_ENOTFOUND;
		}
		collect_lead(&ids, &(struct action){.authority_id = authority_id});
	} else {
		struct store_filter f = {.public_only = 1};
		if ((rc = store_action_list(st, &f, collect_lead, &ids, NULL, errmsg)))
			goto out;
		qsort(ids.v, ids.n, sizeof(*ids.v), cmp_id);
	}
	if (!(w = open_writer(out))) {
		rc = EALA_EIO;
		goto out;
	}
	W(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
	W(start(w, "iati-organisations"));
	W(attr(w, "version", "2.03"));
	for (size_t i = 0; i < ids.n; i++) {
		struct named o;
		if (lookup(st, ids.v[i], 0, &o))
			continue;
		int r = start(w, "iati-organisation");
		if (r >= 0)
			r = xmlTextWriterWriteElement(w, (X)"organisation-identifier", (X)o.ref);
		if (r >= 0)
			r = text_element(w, "name", NULL, o.name);
		if (r >= 0)
			r = org_element(w, "reporting-org", &o, NULL);
		if (r >= 0)
			r = end(w);
		named_clear(&o);
		W(r);
		(*n)++;
	}
	W(end(w));
	W(xmlTextWriterEndDocument(w));
out:
	if (w)
		xmlFreeTextWriter(w);
	free(ids.v);
	if (rc && errmsg && !*errmsg)
		*errmsg = xstrdup("cannot write the IATI file");
	return rc;
}
