/* api_outcomes.c: observed outcomes through the API, reported by both sides
 * of a partnership (issue 4: "the partner contributor role reports its own
 * side"). Whoever may report on the partnership (its members' editors and
 * granted coordinators, their partner contributors, an admin) adds an
 * outcome; the server sets reported_by from the reporter's authority: the
 * partnership's first member is home, the others are the partner. */
#include "web.h"

#include "../core/auth.h"
#include "../io/record_json.h"

#include <jansson.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>


static int add_item(void *ctx, const struct observed_outcome *o)
{
	return json_array_append_new(ctx, observed_outcome_json(o));
}

int api_outcomes_list(struct req *r)
{
	const char *arg = req_arg(r, "partnership");
	char *end = NULL;
	long long pid = arg ? strtoll(arg, &end, 10) : 0;
	if (arg && (*end || pid <= 0))
		return json_error(r, MHD_HTTP_BAD_REQUEST, "partnership", "must be the id of a partnership");
	json_t *items = json_array();
	char *err = NULL;
	if (store_observed_outcome_each(r->st, pid, !reads_drafts(r), add_item, items, &err)) {
		json_decref(items);
		int rc = json_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, NULL, err ? err : "listing");
		free(err);
		return rc;
	}
	return json_reply(r, MHD_HTTP_OK, json_pack("{s:I, s:o}", "total", (json_int_t)json_array_size(items),
						    "items", items));
}

/* The reporter's side of partnership p: "home" when one of their roles is
 * scoped to its first member, "partner" when to another; NULL when none. */
static const char *reporter_side(const struct req *r, const struct partnership *p)
{
	const char *side = NULL;
	for (size_t i = 0; i < r->n_roles; i++)
		for (size_t k = 0; k < p->n_members; k++)
			if (r->roles[i].authority_id && r->roles[i].authority_id == p->members[k])
				side = k == 0 ? "home" : side ? side : "partner";
	return side;
}

static char *text(json_t *j, const char *key)
{
	const char *s = json_string_value(json_object_get(j, key));
	return s && *s ? xstrdup(s) : NULL;
}

int api_outcome_create(struct req *r)
{
	static const char *const known[] = {"partnership_id", "action_id", "expected_id", "category", "side",
					    "reported_by", "description", "date", "evidence_url",
					    "unexpected", "source", NULL};
	json_t *j = req_json(r);
	if (!j)
		return r->status;
	struct errlist el;
	errlist_init(&el);
	const char *key;
	json_t *v;
	json_object_foreach(j, key, v) {
		int found = 0;
		for (const char *const *k = known; !found && *k; k++)
			found = strcmp(*k, key) == 0;
		if (!found)
			errlist_add(&el, NULL, 0, key, N_("is not a field of this kind of record"));
		else if (strstr(key, "_id") && !json_is_integer(v))
			errlist_add(&el, NULL, 0, key, N_("must be the id of a record (a whole number above 0)"));
		else if (strcmp(key, "unexpected") == 0 && !json_is_boolean(v))
			errlist_add(&el, NULL, 0, key, N_("must be true or false"));
		else if (!strstr(key, "_id") && strcmp(key, "unexpected") && !json_is_string(v))
			errlist_add(&el, NULL, 0, key, N_("must be a string"));
	}
	struct observed_outcome o = {
		.partnership_id = json_integer_value(json_object_get(j, "partnership_id")),
		.action_id = json_integer_value(json_object_get(j, "action_id")),
		.expected_id = json_integer_value(json_object_get(j, "expected_id")),
		.category = text(j, "category"), .side = text(j, "side"), .reported_by = text(j, "reported_by"),
		.description = text(j, "description"), .date = text(j, "date"),
		.evidence_url = text(j, "evidence_url"), .unexpected = json_is_true(json_object_get(j, "unexpected")),
		.source = text(j, "source")};
	json_decref(j);
	struct partnership p = {0};
	int rc = 422;
	if (!o.partnership_id)
		errlist_add(&el, NULL, 0, "partnership_id", N_("is required"));
	else if (store_partnership_get(r->st, o.partnership_id, &p) != EALA_OK)
		errlist_add(&el, NULL, 0, "partnership_id", N_("there is no partnership #%lld"),
			    (long long)o.partnership_id);
	if (el.n) {
		rc = json_errors(r, rc, &el);
		goto out;
	}
	struct principal pr = {r->user.id, r->user.login, r->roles, r->n_roles};
	if (!authz_allows(&pr, OP_REPORT, p.members, p.n_members)) {
		rc = json_error(r, MHD_HTTP_FORBIDDEN, NULL, "your roles do not let you report on this partnership");
		goto out;
	}
	/* the reporter's side is who they are; an admin (of no side) says it */
	const char *side = reporter_side(r, &p);
	if (side) {
		free(o.reported_by);
		o.reported_by = xstrdup(side);
	} else if (!o.reported_by) {
		o.reported_by = xstrdup("home");
	}
	if (!o.expected_id)
		o.unexpected = 1;
	observed_outcome_validate(&o, NULL, &el);
	if (el.n) {
		rc = json_errors(r, 422, &el);
		goto out;
	}
	char *err = NULL;
	int st = store_begin(r->st) ? EALA_EIO : store_observed_outcome_insert(r->st, &o, &err);
	st = audit_commit(r, st, "observed_outcome", "create", o.id, NULL,
			  st ? NULL : observed_outcome_json(&o), &err);
	if (st) {
		rc = json_error(r, web_http_status(st), NULL, err ? err : eala_strerror(st));
	} else {
		rc = json_reply(r, MHD_HTTP_CREATED, observed_outcome_json(&o));
	}
	free(err);
out:
	errlist_clear(&el);
	partnership_clear(&p);
	observed_outcome_clear(&o);
	return rc;
}
