/* api_links.c: local actors' links abroad through the API (list, get,
 * create, update, delete). A link belongs to its organisation: whoever may
 * change the organisation's home authority (its editor, a coordinator
 * granted it, an admin) may change its links, as authz_allows() says; a link
 * of a draft organisation is hidden from anonymous readers. Every write is
 * audited. The form on the organisation's page (form_links.c) shares
 * links_check() and links_write(). */
#include "web.h"

#include "../core/auth.h"
#include "../io/record_json.h"
#include "../io/records_csv.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

/* The model's field names ("organisation") as the API's ("organisation_id"). */
static const char *api_field(const char *field)
{
	if (field && strcmp(field, "organisation") == 0)
		return "organisation_id";
	if (field && strcmp(field, "partner_authority") == 0)
		return "partner_authority_id";
	return field;
}

void links_check(struct req *r, const struct stakeholder_link *l, struct errlist *el)
{
	struct errlist tmp;
	errlist_init(&tmp);
	stakeholder_link_validate(l, NULL, &tmp);
	for (size_t i = 0; i < tmp.n; i++)
		errlist_add(el, NULL, 0, api_field(tmp.v[i].field), "%s", tmp.v[i].msg);
	errlist_clear(&tmp);
	if (l->organisation_id && !store_organisation_exists(r->st, l->organisation_id))
		errlist_add(el, NULL, 0, "organisation_id", N_("there is no organisation #%lld"),
			    (long long)l->organisation_id);
	if (l->partner_authority_id && !store_authority_exists(r->st, l->partner_authority_id))
		errlist_add(el, NULL, 0, "partner_authority_id", N_("there is no authority #%lld"),
			    (long long)l->partner_authority_id);
}

int links_may_change(struct req *r, int64_t organisation_id, int op)
{
	struct organisation o;
	int64_t scope = 0;
	if (store_organisation_get(r->st, organisation_id, &o) == EALA_OK) {
		scope = o.authority_id;
		organisation_clear(&o);
	}
	struct principal p = {r->user.id, r->user.login, r->roles, r->n_roles};
	return authz_allows(&p, (enum operation)op, &scope, scope ? 1 : 0);
}

int links_write(struct req *r, const char *op, struct stakeholder_link *l, json_t *before, char **err)
{
	int rc = store_begin(r->st) ? EALA_EIO : EALA_OK;
	if (!rc)
		rc = strcmp(op, "create") == 0   ? store_stakeholder_link_insert(r->st, l, err)
		     : strcmp(op, "update") == 0 ? store_stakeholder_link_update(r->st, l, err)
						 : store_stakeholder_link_delete(r->st, l->id, err);
	return audit_commit(r, rc, "stakeholder_link", op, l->id, before,
			    rc || strcmp(op, "delete") == 0 ? NULL : stakeholder_link_json(l), err);
}

static int id_arg(struct req *r, const char *name, int64_t *out, struct errlist *el)
{
	const char *arg = req_arg(r, name);
	char *end = NULL;
	long long v = arg ? strtoll(arg, &end, 10) : 0;
	if (arg && (*end || v <= 0)) {
		errlist_add(el, NULL, 0, name, N_("must be the id of a record (a whole number above 0)"));
		return 1;
	}
	*out = v;
	return 0;
}

static int add_item(void *ctx, const struct stakeholder_link *l)
{
	return json_array_append_new(ctx, stakeholder_link_json(l));
}

int api_links_list(struct req *r)
{
	struct store_link_query q = {.public_only = !reads_drafts(r)};
	struct errlist el;
	errlist_init(&el);
	id_arg(r, "organisation", &q.organisation_id, &el);
	id_arg(r, "authority", &q.authority_id, &el);
	if (el.n) {
		int rc = json_errors(r, MHD_HTTP_BAD_REQUEST, &el);
		errlist_clear(&el);
		return rc;
	}
	json_t *items = json_array();
	char *err = NULL;
	if (store_stakeholder_link_each(r->st, &q, add_item, items, &err)) {
		json_decref(items);
		int rc = json_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, err ? err : "listing");
		free(err);
		return rc;
	}
	return json_reply(r, MHD_HTTP_OK, json_pack("{s:I, s:o}", "total", (json_int_t)json_array_size(items),
					       "items", items));
}

int api_links_get(struct req *r)
{
	struct stakeholder_link l;
	if (store_stakeholder_link_get(r->st, r->id, &l))
		return json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such record");
	int hidden = draft_hidden(r, RK_ORGANISATION, l.organisation_id);
	json_t *j = hidden ? NULL : stakeholder_link_json(&l);
	stakeholder_link_clear(&l);
	return hidden ? json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such record") : json_reply(r, MHD_HTTP_OK, j);
}

static int forbidden(struct req *r)
{
	return json_error(r, MHD_HTTP_FORBIDDEN, NULL, "your roles do not let you change this record");
}

static int save(struct req *r, int64_t id)
{
	struct stakeholder_link old = {0}, l = {0};
	json_t *j = NULL, *before = NULL;
	char *err = NULL;
	struct errlist el;
	errlist_init(&el);
	if (id) {
		if (store_stakeholder_link_get(r->st, id, &old)) {
			json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such record");
			goto out;
		}
		if (!links_may_change(r, old.organisation_id, OP_UPDATE)) {
			forbidden(r);
			goto out;
		}
		store_stakeholder_link_get(r->st, id, &l);
	}
	if (!(j = req_json(r)))
		goto out;
	stakeholder_link_from_json(j, &l, &el);
	links_check(r, &l, &el);
	if (el.n) {
		json_errors(r, 422, &el);
		goto out;
	}
	/* moved to another organisation: its writers must agree too */
	if (!links_may_change(r, l.organisation_id, id ? OP_UPDATE : OP_CREATE)) {
		forbidden(r);
		goto out;
	}
	l.id = id;
	before = id ? stakeholder_link_json(&old) : NULL;
	int rc = links_write(r, id ? "update" : "create", &l, before, &err);
	if (rc)
		json_error(r, web_http_status(rc), NULL, err ? err : eala_strerror(rc));
	else
		json_reply(r, id ? MHD_HTTP_OK : MHD_HTTP_CREATED, stakeholder_link_json(&l));
out:
	free(err);
	json_decref(j);
	json_decref(before);
	stakeholder_link_clear(&old);
	stakeholder_link_clear(&l);
	errlist_clear(&el);
	return r->status;
}

int api_links_create(struct req *r)
{
	return save(r, 0);
}

int api_links_update(struct req *r)
{
	return save(r, r->id);
}

int api_links_delete(struct req *r)
{
	struct stakeholder_link l;
	char *err = NULL;
	if (store_stakeholder_link_get(r->st, r->id, &l))
		return json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such record");
	if (!links_may_change(r, l.organisation_id, OP_DELETE)) {
		stakeholder_link_clear(&l);
		return forbidden(r);
	}
	json_t *before = stakeholder_link_json(&l);
	int rc = links_write(r, "delete", &l, before, &err);
	if (rc)
		json_error(r, web_http_status(rc), NULL, err ? err : eala_strerror(rc));
	else
		json_reply(r, MHD_HTTP_OK, json_pack("{s:I}", "deleted", (json_int_t)r->id));
	free(err);
	json_decref(before);
	stakeholder_link_clear(&l);
	return r->status;
}
