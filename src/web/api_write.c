/* api_write.c: creating, changing and deleting records through the API, and
 * their history. Each write: read the JSON body, check every field (all
 * problems at once, 422), check references, check the user may touch the
 * authorities the record belongs to (before and after the change), write the
 * record and its audit event in one transaction. */
#include "web.h"

#include "../core/auth.h"
#include "../io/record_json.h"
#include "../io/records_csv.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#define HTTP_UNPROCESSABLE 422

union record {
	struct authority a;
	struct organisation o;
	struct partnership p;
	struct action x;
};

static void rec_init(enum record_kind k, union record *r)
{
	memset(r, 0, sizeof(*r));
	if (k == RK_AUTHORITY)
		r->a.population = EALA_NO_VALUE;
}

static void rec_clear(enum record_kind k, union record *r)
{
	switch (k) {
	case RK_AUTHORITY: authority_clear(&r->a); break;
	case RK_ORGANISATION: organisation_clear(&r->o); break;
	case RK_PARTNERSHIP: partnership_clear(&r->p); break;
	default: action_clear(&r->x); break;
	}
}

static int rec_get(struct store *st, enum record_kind k, int64_t id, union record *r)
{
	switch (k) {
	case RK_AUTHORITY: return store_authority_get(st, id, &r->a);
	case RK_ORGANISATION: return store_organisation_get(st, id, &r->o);
	case RK_PARTNERSHIP: return store_partnership_get(st, id, &r->p);
	default: return store_action_get(st, id, &r->x);
	}
}

static void rec_from_json(enum record_kind k, json_t *j, union record *r, struct errlist *el)
{
	switch (k) {
	case RK_AUTHORITY: authority_from_json(j, &r->a, el); break;
	case RK_ORGANISATION: organisation_from_json(j, &r->o, el); break;
	case RK_PARTNERSHIP: partnership_from_json(j, &r->p, el); break;
	default: action_from_json(j, &r->x, el); break;
	}
}

static void rec_validate(enum record_kind k, const union record *r, struct errlist *el)
{
	switch (k) {
	case RK_AUTHORITY: authority_validate(&r->a, NULL, el); break;
	case RK_ORGANISATION: organisation_validate(&r->o, NULL, el); break;
	case RK_PARTNERSHIP: partnership_validate(&r->p, NULL, el); break;
	default: action_validate(&r->x, NULL, el); break;
	}
}

static json_t *rec_json(struct store *st, enum record_kind k, const union record *r)
{
	switch (k) {
	case RK_AUTHORITY: return authority_json(&r->a);
	case RK_ORGANISATION: return organisation_json(&r->o);
	case RK_PARTNERSHIP: return partnership_json_with_partners(st, &r->p);
	default: return action_json(&r->x);
	}
}

static void need(struct store *st, struct errlist *el, const char *field, int64_t id,
		 int (*exists)(struct store *, int64_t), const char *what)
{
	if (id && !exists(st, id))
		errlist_add(el, NULL, 0, field,
			    strcmp(what, "partnership") == 0    ? N_("there is no partnership #%lld")
			    : strcmp(what, "organisation") == 0 ? N_("there is no organisation #%lld")
								: N_("there is no authority #%lld"),
			    (long long)id);
}

/* Every id the record refers to names a record. */
static void rec_refs(struct store *st, enum record_kind k, const union record *r, struct errlist *el)
{
	switch (k) {
	case RK_AUTHORITY:
		need(st, el, "parent_id", r->a.parent_id, store_authority_exists, "authority");
		break;
	case RK_ORGANISATION:
		need(st, el, "authority_id", r->o.authority_id, store_authority_exists, "authority");
		break;
	case RK_PARTNERSHIP:
		for (size_t i = 0; i < r->p.n_members; i++)
			need(st, el, "members", r->p.members[i], store_authority_exists, "authority");
		break;
	default:
		need(st, el, "authority_id", r->x.authority_id, store_authority_exists, "authority");
		need(st, el, "partnership_id", r->x.partnership_id, store_partnership_exists, "partnership");
		for (size_t i = 0; i < r->x.n_participants; i++) {
			need(st, el, "participants", r->x.participants[i].authority_id,
			     store_authority_exists, "authority");
			need(st, el, "participants", r->x.participants[i].organisation_id,
			     store_organisation_exists, "organisation");
		}
		break;
	}
}

/* The authorities a record belongs to, for authz_allows(). */
static size_t rec_scope(struct store *st, enum record_kind k, const union record *r, int64_t *out,
			size_t max)
{
	size_t n = 0;
	switch (k) {
	case RK_AUTHORITY:
		if (r->a.id)
			out[n++] = r->a.id;
		break;
	case RK_ORGANISATION:
		if (r->o.authority_id)
			out[n++] = r->o.authority_id;
		break;
	case RK_PARTNERSHIP:
		for (size_t i = 0; i < r->p.n_members && n < max; i++)
			out[n++] = r->p.members[i];
		break;
	default: {
		if (r->x.authority_id)
			out[n++] = r->x.authority_id;
		struct partnership p = {0};
		if (r->x.partnership_id && store_partnership_get(st, r->x.partnership_id, &p) == EALA_OK)
			for (size_t i = 0; i < p.n_members && n < max; i++)
				out[n++] = p.members[i];
		partnership_clear(&p);
		break;
	}
	}
	return n;
}

static int allowed(struct req *r, enum operation op, enum record_kind k, const union record *rec)
{
	int64_t scope[64];
	size_t n = rec_scope(r->st, k, rec, scope, 64);
	struct principal p = {r->user.id, r->user.login, r->roles, r->n_roles};
	return authz_allows(&p, op, scope, n);
}

int record_may_update(struct req *r, int kind, int64_t id)
{
	union record rec;
	memset(&rec, 0, sizeof(rec));
	if (!r->user.id || rec_get(r->st, (enum record_kind)kind, id, &rec) != EALA_OK) {
		rec_clear((enum record_kind)kind, &rec);
		return 0;
	}
	int ok = allowed(r, OP_UPDATE, (enum record_kind)kind, &rec);
	rec_clear((enum record_kind)kind, &rec);
	return ok;
}

static int64_t rec_id(enum record_kind k, const union record *r)
{
	switch (k) {
	case RK_AUTHORITY: return r->a.id;
	case RK_ORGANISATION: return r->o.id;
	case RK_PARTNERSHIP: return r->p.id;
	default: return r->x.id;
	}
}

static void rec_set_id(enum record_kind k, union record *r, int64_t id)
{
	switch (k) {
	case RK_AUTHORITY: r->a.id = id; break;
	case RK_ORGANISATION: r->o.id = id; break;
	case RK_PARTNERSHIP: r->p.id = id; break;
	default: r->x.id = id; break;
	}
}

static int write_one(struct req *r, enum record_kind k, enum operation op, union record *rec,
		     char **err)
{
	switch (op) {
	case OP_CREATE:
		switch (k) {
		case RK_AUTHORITY: return store_authority_insert(r->st, &rec->a, err);
		case RK_ORGANISATION: return store_organisation_insert(r->st, &rec->o, err);
		case RK_PARTNERSHIP: return store_partnership_insert(r->st, &rec->p, err);
		default: return store_action_insert(r->st, &rec->x, err);
		}
	case OP_UPDATE:
		switch (k) {
		case RK_AUTHORITY: return store_authority_update(r->st, &rec->a, err);
		case RK_ORGANISATION: return store_organisation_update(r->st, &rec->o, err);
		case RK_PARTNERSHIP: return store_partnership_update(r->st, &rec->p, err);
		default: return store_action_update(r->st, &rec->x, err);
		}
	default:
		switch (k) {
		case RK_AUTHORITY: return store_authority_delete(r->st, r->id, err);
		case RK_ORGANISATION: return store_organisation_delete(r->st, r->id, err);
		case RK_PARTNERSHIP: return store_partnership_delete(r->st, r->id, err);
		default: return store_action_delete(r->st, r->id, err);
		}
	}
}

int audit_commit(struct req *r, int rc, const char *kind, const char *verb, int64_t id,
		 json_t *before, json_t *after, char **err)
{
	if (!rc) {
		char *b = before ? json_dumps(before, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
		char *a = after ? json_dumps(after, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
		struct audit_event ev = {.actor = r->user.login, .operation = (char *)verb, .kind = (char *)kind,
					 .record_id = id, .before = b, .after = a};
		rc = store_audit_add(r->st, &ev, err);
		free(b);
		free(a);
	}
	json_decref(after);
	if (!rc && store_commit(r->st)) {
		rc = EALA_ECONFLICT;
		free(*err);
		*err = xstrdup(store_error(r->st));
	}
	if (rc)
		store_rollback(r->st);
	return rc;
}

/* Write the record, its audit event (who, when, before, after) and commit,
 * all or nothing. EALA_OK or the status, the message in *errout. */
static int write_audited(struct req *r, enum record_kind k, enum operation op, union record *rec,
			 json_t *before, char **errout)
{
	static const char *const verbs[] = {[OP_CREATE] = "create", [OP_UPDATE] = "update",
					    [OP_DELETE] = "delete"};
	char *err = NULL;
	int rc = store_begin(r->st) ? EALA_EIO : write_one(r, k, op, rec, &err);
	rc = audit_commit(r, rc, record_kind_singular(k), verbs[op], op == OP_DELETE ? r->id : rec_id(k, rec),
			  before, rc || op == OP_DELETE ? NULL : rec_json(r->st, k, rec), &err);
	*errout = err;
	return rc;
}

static int forbidden(struct req *r)
{
	return json_error(r, MHD_HTTP_FORBIDDEN, NULL, "your roles do not let you change this record");
}

/* A partnership sent without a name is called after its members: "A – B". */
static void name_partnership(struct store *st, struct partnership *p)
{
	struct buf b = {0};
	for (size_t i = 0; i < p->n_members; i++) {
		struct authority a;
		if (store_authority_get(st, p->members[i], &a) != EALA_OK)
			break;
		if (i)
			buf_puts(&b, " – ");
		buf_puts(&b, a.name);
		authority_clear(&a);
	}
	p->name = b.s;
	p->name_derived = 1;
}

/* Save a record from a JSON object: a new one (id 0) or the fields given of
 * record id. Every problem goes to el (field errors, or one message); the
 * HTTP status says how it went: 200 or 201 (with *saved the id), 403, 404,
 * 409 or 422. Shared by the API and the forms. */
int record_save(struct req *r, int kind, int64_t id, json_t *body, struct errlist *el,
		int64_t *saved)
{
	enum record_kind k = (enum record_kind)kind;
	union record old, rec;
	rec_init(k, &old);
	rec_init(k, &rec);
	json_t *before = NULL;
	int status;
	if (id) {
		int rc = rec_get(r->st, k, id, &old);
		if (rc) {
			errlist_add(el, NULL, 0, NULL, "%s", rc == EALA_ENOTFOUND ? "no such record" : eala_strerror(rc));
			status = web_http_status(rc);
			goto out;
		}
		if (!allowed(r, OP_UPDATE, k, &old)) {
			errlist_add(el, NULL, 0, NULL, N_("your roles do not let you change this record"));
			status = MHD_HTTP_FORBIDDEN;
			goto out;
		}
		rec_get(r->st, k, id, &rec);
	}
	rec_from_json(k, body, &rec, el);
	if (k == RK_PARTNERSHIP && !rec.p.name && rec.p.n_members)
		name_partnership(r->st, &rec.p);
	rec_validate(k, &rec, el);
	rec_refs(r->st, k, &rec, el);
	if (el->n) {
		status = HTTP_UNPROCESSABLE;
		goto out;
	}
	if (id)
		rec_set_id(k, &rec, id);
	if (!allowed(r, id ? OP_UPDATE : OP_CREATE, k, &rec)) {   /* nor move it out of reach */
		errlist_add(el, NULL, 0, NULL, N_("your roles do not let you change this record"));
		status = MHD_HTTP_FORBIDDEN;
		goto out;
	}
	if (id)
		before = rec_json(r->st, k, &old);
	char *err = NULL;
	int rc = write_audited(r, k, id ? OP_UPDATE : OP_CREATE, &rec, before, &err);
	if (rc) {
		errlist_add(el, NULL, 0, NULL, "%s", err ? err : eala_strerror(rc));
		status = web_http_status(rc);
	} else {
		*saved = rec_id(k, &rec);
		status = id ? MHD_HTTP_OK : MHD_HTTP_CREATED;
	}
	free(err);
out:
	json_decref(before);
	rec_clear(k, &old);
	rec_clear(k, &rec);
	return status;
}

/* The API's answer to record_save: the record, or the errors as JSON. */
static int api_save(struct req *r, int64_t id)
{
	enum record_kind k = (enum record_kind)r->kind;
	json_t *j = req_json(r);
	if (!j)
		return r->status;
	struct errlist el;
	errlist_init(&el);
	int64_t saved = 0;
	int status = record_save(r, k, id, j, &el, &saved);
	json_decref(j);
	if (status == MHD_HTTP_OK || status == MHD_HTTP_CREATED) {
		union record rec;
		rec_init(k, &rec);
		rec_get(r->st, k, saved, &rec);
		json_reply(r, status, rec_json(r->st, k, &rec));
		rec_clear(k, &rec);
	} else {
		json_errors(r, status, &el);
	}
	errlist_clear(&el);
	return r->status;
}

int api_create(struct req *r)
{
	return api_save(r, 0);
}

/* PUT replaces the fields the body gives; the others keep their values. */
int api_update(struct req *r)
{
	return api_save(r, r->id);
}

int api_delete(struct req *r)
{
	enum record_kind k = (enum record_kind)r->kind;
	union record old;
	rec_init(k, &old);
	int rc = rec_get(r->st, k, r->id, &old);
	if (rc) {
		json_error(r, web_http_status(rc), NULL, rc == EALA_ENOTFOUND ? "no such record" : eala_strerror(rc));
	} else if (!allowed(r, OP_DELETE, k, &old)) {
		forbidden(r);
	} else {
		json_t *before = rec_json(r->st, k, &old);
		char *err = NULL;
		rc = write_audited(r, k, OP_DELETE, &old, before, &err);
		if (rc == EALA_OK)
			json_reply(r, MHD_HTTP_OK, json_pack("{s:I}", "deleted", (json_int_t)r->id));
		else
			json_error(r, web_http_status(rc), NULL, err ? err : eala_strerror(rc));
		free(err);
		json_decref(before);
	}
	rec_clear(k, &old);
	return r->status;
}

struct history {
	json_t *items;
};

static int history_item(void *ctx, const struct audit_event *e)
{
	struct history *h = ctx;
	json_t *o = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)e->id, "at", e->at,
			      "actor", e->actor, "operation", e->operation);
	json_object_set_new(o, "before", e->before ? json_loads(e->before, 0, NULL) : json_null());
	json_object_set_new(o, "after", e->after ? json_loads(e->after, 0, NULL) : json_null());
	return json_array_append_new(h->items, o);
}

int api_history(struct req *r)
{
	enum record_kind k = (enum record_kind)r->kind;
	if (draft_hidden(r, k, r->id))
		return json_error(r, MHD_HTTP_NOT_FOUND, NULL, "no such record");
	struct history h = {json_array()};
	char *err = NULL;
	if (store_audit_each(r->st, record_kind_singular(k), r->id, history_item, &h, &err)) {
		json_decref(h.items);
		int rc = json_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, err ? err : "history");
		free(err);
		return rc;
	}
	return json_reply(r, MHD_HTTP_OK, json_pack("{s:o}", "items", h.items));
}
