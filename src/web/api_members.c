/* api_members.c: network memberships through the API: an authority in a city
 * network (an organisation of subtype city_network), with its role and dates.
 * The same shape as the other records: list, get, create, update, delete,
 * each write checked, allowed to whoever may change the authority, audited. */
#include "web.h"

#include "../core/auth.h"
#include "../io/record_json.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>


static int add_item(void *ctx, const struct network_membership *m)
{
	return json_array_append_new(ctx, membership_json(m));
}

int api_members_list(struct req *r)
{
	struct store_filter f;
	struct errlist el;
	errlist_init(&el);
	api_filter(r, 0, &f, &el);
	const char *network = req_arg(r, "network");
	char *end = NULL;
	long long net = network ? strtoll(network, &end, 10) : 0;
	if (network && (*end || net <= 0))
		errlist_add(&el, NULL, 0, "network", N_("must be the id of an organisation"));
	if (el.n) {
		int rc = json_errors(r, MHD_HTTP_BAD_REQUEST, &el);
		errlist_clear(&el);
		return rc;
	}
	json_t *items = json_array();
	char *err = NULL;
	if (store_membership_each(r->st, f.authority_id, net, add_item, items, &err)) {
		json_decref(items);
		int rc = json_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, err ? err : "listing");
		free(err);
		return rc;
	}
	return json_reply(r, MHD_HTTP_OK, json_pack("{s:I, s:o}", "total", (json_int_t)json_array_size(items),
					       "items", items));
}

int api_members_get(struct req *r)
{
	struct network_membership m;
	if (store_membership_get(r->st, r->id, &m))
		return json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such record");
	json_t *j = membership_json(&m);
	network_membership_clear(&m);
	return json_reply(r, MHD_HTTP_OK, j);
}

static int may_change(struct req *r, int64_t authority_id, enum operation op)
{
	struct principal p = {r->user.id, r->user.login, r->roles, r->n_roles};
	return authz_allows(&p, op, &authority_id, 1);
}

/* Check a membership's fields and references into el. */
static void check(struct req *r, const struct network_membership *m, struct errlist *el)
{
	network_membership_validate(m, NULL, el);
	if (m->authority_id && !store_authority_exists(r->st, m->authority_id))
		errlist_add(el, NULL, 0, "authority_id", N_("there is no authority #%lld"), (long long)m->authority_id);
	struct organisation o = {0};
	if (m->network_id && store_organisation_get(r->st, m->network_id, &o) != EALA_OK)
		errlist_add(el, NULL, 0, "network_id", N_("there is no organisation #%lld"), (long long)m->network_id);
	else if (m->network_id && (!o.subtype || strcmp(o.subtype, "city_network") != 0))
		errlist_add(el, NULL, 0, "network_id", N_("organisation #%lld is not a city network"),
			    (long long)m->network_id);
	organisation_clear(&o);
}

/* Write (create, update or delete) with its audit event, in one transaction. */
static int write_member(struct req *r, const char *op, struct network_membership *m, json_t *before)
{
	char *err = NULL;
	int rc = store_begin(r->st) ? EALA_EIO : EALA_OK;
	if (!rc)
		rc = strcmp(op, "create") == 0   ? store_membership_insert(r->st, m, &err)
		     : strcmp(op, "update") == 0 ? store_membership_update(r->st, m, &err)
						 : store_membership_delete(r->st, m->id, &err);
	rc = audit_commit(r, rc, "network_membership", op, m->id, before,
			  rc || strcmp(op, "delete") == 0 ? NULL : membership_json(m), &err);
	if (rc)
		json_error(r, web_http_status(rc), NULL, err ? err : eala_strerror(rc));
	free(err);
	return rc;
}

static int save(struct req *r, int64_t id)
{
	struct network_membership old = {0}, m = {0};
	json_t *j = NULL, *before = NULL;
	struct errlist el;
	errlist_init(&el);
	if (id) {
		if (store_membership_get(r->st, id, &old)) {
			json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such record");
			goto out;
		}
		if (!may_change(r, old.authority_id, OP_UPDATE)) {
			json_error(r, MHD_HTTP_FORBIDDEN, NULL, "your roles do not let you change this record");
			goto out;
		}
		store_membership_get(r->st, id, &m);
	}
	if (!(j = req_json(r)))
		goto out;
	membership_from_json(j, &m, &el);
	check(r, &m, &el);
	if (el.n) {
		json_errors(r, 422, &el);
		goto out;
	}
	if (!may_change(r, m.authority_id, id ? OP_UPDATE : OP_CREATE) ||
	    (!id && !may_change(r, m.authority_id, OP_UPDATE))) {
		/* a membership always belongs to an authority: only its writers add one */
		json_error(r, MHD_HTTP_FORBIDDEN, NULL, "your roles do not let you change this record");
		goto out;
	}
	m.id = id;
	before = id ? membership_json(&old) : NULL;
	if (write_member(r, id ? "update" : "create", &m, before) == EALA_OK)
		json_reply(r, id ? MHD_HTTP_OK : MHD_HTTP_CREATED, membership_json(&m));
out:
	json_decref(j);
	json_decref(before);
	network_membership_clear(&old);
	network_membership_clear(&m);
	errlist_clear(&el);
	return r->status;
}

int api_members_create(struct req *r)
{
	return save(r, 0);
}

int api_members_update(struct req *r)
{
	return save(r, r->id);
}

int api_members_delete(struct req *r)
{
	struct network_membership m;
	if (store_membership_get(r->st, r->id, &m))
		return json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such record");
	if (!may_change(r, m.authority_id, OP_DELETE)) {
		network_membership_clear(&m);
		return json_error(r, MHD_HTTP_FORBIDDEN, NULL, "your roles do not let you change this record");
	}
	json_t *before = membership_json(&m);
	if (write_member(r, "delete", &m, before) == EALA_OK)
		json_reply(r, MHD_HTTP_OK, json_pack("{s:I}", "deleted", (json_int_t)r->id));
	json_decref(before);
	network_membership_clear(&m);
	return r->status;
}

struct history {
	json_t *items;
};

static int history_item(void *ctx, const struct audit_event *e)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)e->id, "at", e->at,
			      "actor", e->actor, "operation", e->operation);
	json_object_set_new(o, "before", e->before ? json_loads(e->before, 0, NULL) : json_null());
	json_object_set_new(o, "after", e->after ? json_loads(e->after, 0, NULL) : json_null());
	return json_array_append_new(ctx, o);
}

int api_members_history(struct req *r)
{
	json_t *items = json_array();
	char *err = NULL;
	store_audit_each(r->st, "network_membership", r->id, history_item, items, &err);
	free(err);
	return json_reply(r, MHD_HTTP_OK, json_pack("{s:o}", "items", items));
}
