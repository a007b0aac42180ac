/* web.h: eala's HTTP server (libmicrohttpd) and what its modules share.
 *
 * One route table (routes.c) names every route with its method, path pattern,
 * handler and flags; server.c does the common work once (method, path,
 * database handle, status mapping, ETag, access log) and calls the handler.
 * A handler unpacks the request, calls the store and fills the response.
 * Per-request state lives in a struct req allocated on the first callback
 * and freed when the request completes; the only global is the read-only
 * configuration set before the server starts.
 */
#ifndef EALA_WEB_H
#define EALA_WEB_H

#include "../core/buf.h"
#include "../store/store.h"

#include <stddef.h>
#include <stdint.h>

struct MHD_Connection;

/* Run the server on listen ("ADDR:PORT") over database db until SIGINT or
 * SIGTERM; EALA_OK after a clean stop, else a status and *errmsg. */
int web_serve(const char *db, const char *listen, char **errmsg);

enum {
	ROUTE_JSON = 1 << 0,    /* answers JSON (errors too) */
	ROUTE_HTML = 1 << 1,    /* answers an HTML page */
	ROUTE_DB = 1 << 2,      /* needs a database connection */
	ROUTE_AUTH = 1 << 3,    /* needs a logged-in user (and, with a cookie, the CSRF token) */
	ROUTE_BODY = 1 << 4,    /* reads a request body (at most BODY_MAX bytes) */
	ROUTE_CACHE = 1 << 5,   /* the same for everyone while the data do not change (cache.c) */
	ROUTE_UPLOAD = 1 << 6,  /* with ROUTE_BODY: a file of up to UPLOAD_MAX bytes */
};

/* Answers kept while the store's generation does not change (cache.c). */
struct cache;
struct req;
struct cache *cache_new(void);
void cache_free(struct cache *c);
/* 1 with r's body and content type filled when key is kept at generation. */
int cache_get(struct cache *c, const char *key, int64_t generation, struct req *r);
void cache_put(struct cache *c, const char *key, int64_t generation, const struct req *r);

#define BODY_MAX (1024 * 1024)
#define UPLOAD_MAX (16 * 1024 * 1024)   /* an evidence document: a report, photos */


struct req {
	struct MHD_Connection *conn;
	const char *method;
	const char *path;
	int64_t id;               /* the {id} of the path, 0 when none */
	const char *tail;         /* the {kind} segment of the path, or NULL */
	int kind;                 /* enum record_kind that segment names, or RK_NONE (-1) */
	struct store *st;         /* borrowed from the pool for the request */
	int status;               /* HTTP status of the response */
	const char *content_type;
	struct buf body;
	double started;           /* monotonic seconds, for the access log */
	struct buf upload;        /* the request body */
	size_t received;          /* bytes of body received */
	size_t body_max;          /* BODY_MAX, or UPLOAD_MAX for ROUTE_UPLOAD routes */
	int too_large;            /* the body went over body_max, or a form was malformed */
	/* who is asking, once ROUTE_AUTH has checked it */
	struct user user;
	struct role *roles;
	size_t n_roles;
	char token_hash[65];      /* the session's, to log out */
	const char *set_cookie;   /* a Set-Cookie header to send, or NULL */
	char cookie[160];
	char csrf[65];            /* the session's CSRF token, for forms ("" when none) */
	char location[512];       /* a Location header to send ("" when none) */
	char disposition[640];    /* a Content-Disposition header to send ("" when none) */
	int lang;                 /* the page's language, an index of i18n.c's languages (0: English) */
	char lang_cookie[80];     /* a Set-Cookie for a language just chosen ("" when none) */
	int retry_after;          /* seconds, sent as Retry-After when > 0 */
	char format[16];          /* the {format} of the path ("csv"), or "" */
	/* A body too large to hold (exports), instead of body: libmicrohttpd
	 * calls stream_read(stream_cls, pos, buf, max) for each chunk, with the
	 * contract of its MHD_ContentReaderCallback, then stream_free(stream_cls).
	 * Set by the handler with a 200; server.c hands them over in respond(). */
	long (*stream_read)(void *cls, uint64_t pos, char *buf, size_t max);
	void (*stream_free)(void *cls);
	void *stream_cls;
	int body_fd;              /* or a file to send, body_fd_size bytes (-1: none); closed by server.c */
	uint64_t body_fd_size;
	struct MHD_PostProcessor *pp;   /* for form bodies */
	struct form_field {
		char *key;
		char *filename;   /* of an uploaded file, or NULL */
		struct buf value;
	} *form;
	size_t n_form;
};

/* Login throttling (throttle.c): after THROTTLE_LOGIN failed logins for one
 * login, or THROTTLE_CLIENT from one address, within THROTTLE_WINDOW seconds,
 * further attempts are refused without looking at the password until the
 * window has passed. In memory, per server process. */
#define THROTTLE_LOGIN 5
#define THROTTLE_CLIENT 30
#define THROTTLE_WINDOW 900
/* Seconds to wait before login may be tried from this request's client; 0: go. */
int throttle_wait(struct req *r, const char *login);
/* Counts a failed login, or forgets the login's failures after a success. */
void throttle_note(struct req *r, const char *login, int succeeded);

/* Languages (i18n.c): load the catalogs before the server starts; tr() gives
 * the text in the request's language (English when untranslated). */
int i18n_load(char **errmsg);
void i18n_free(void);
/* Outside the server (the CLI): switch the calling thread to the language
 * code ("en", "fr") after i18n_load(); its CL_LANG_* in *codelist. EALA_EINVAL
 * with *errmsg for an unknown language or one whose locale the system lacks. */
int i18n_use(const char *code, int *codelist, char **errmsg);
const char *tr(const struct req *r, const char *english) __attribute__((format_arg(2)));
const char *trn(const struct req *r, const char *one, const char *many, unsigned long n)
	__attribute__((format_arg(2))) __attribute__((format_arg(3)));
void lang_release(struct req *r);           /* after the request: the thread's locale back */
int lang_codelist(const struct req *r);     /* CL_LANG_* for code-list labels */
const char *lang_code(const struct req *r); /* "en", "fr" */
void lang_choose(struct req *r);
void lang_links(struct req *r);             /* the language switch */

/* A field of a posted form (decoded by libmicrohttpd's post processor), or NULL. */
const char *req_form(struct req *r, const char *key);
/* Answer 303 See Other to a local path. */
int redirect(struct req *r, const char *path);
/* Load the user of the session cookie, if any, without requiring one
 * (pages show who is logged in); 1 when there is one. */
int auth_optional(struct req *r);
/* 1 when the request carries a session token (valid or not): such requests
 * may see drafts, so they bypass the shared response cache. */
int auth_credentials(struct req *r);
/* 1 when the request's reader may see drafts (a signed-in user). */
int reads_drafts(const struct req *r);
/* 1 when the record of kind (enum record_kind) and id is a draft this
 * request may not read: its pages, API answers and history are then 404s. */
int draft_hidden(struct req *r, int kind, int64_t id);

/* A query-string argument (decoded by libmicrohttpd), or NULL when absent or empty. */
const char *req_arg(struct req *r, const char *name);

typedef int (*route_fn)(struct req *r);

struct route {
	const char *method;
	const char *pattern;      /* "/api/v1/authorities/{id}" */
	route_fn handler;
	unsigned flags;
};

/* The route for method and path, with r->id set; NULL when none matches
 * (*method_ok tells whether the path exists for another method). */
const struct route *route_find(const char *method, const char *path, struct req *r,
			       int *method_ok);

/* The route table, ending with a NULL method (for tests and the docs page). */
const struct route *route_table(void);

/* The OpenAPI 3 document of the API (web/openapi.json, compiled in). */
extern const char eala_openapi_json[];

/* The HTTP status for an eala status: one place for the mapping. */
int web_http_status(int eala_status);

/* JSON error bodies: {"errors": [{"field": F, "message": M}, ...]}. */
int json_error(struct req *r, int http_status, const char *field, const char *msg);
struct json_t;
/* Answer with j (taken) as compact JSON, reals to 15 digits; a 500 when it
 * cannot be written. The one way every JSON route replies. */
int json_reply(struct req *r, int status, struct json_t *j);
/* After a write begun with store_begin() that returned rc: the audit event
 * (who, verb, kind and id, before borrowed, after taken, both may be NULL)
 * and the commit, or the rollback; all or nothing. The status, the message
 * in *err. */
int audit_commit(struct req *r, int rc, const char *kind, const char *verb, int64_t id,
		 struct json_t *before, struct json_t *after, char **err);
int json_errors(struct req *r, int http_status, const struct errlist *el);

/* The request body as JSON: NULL, with a 400 answered, when it is not an object. */
struct json_t;
struct json_t *req_json(struct req *r);

/* Open a session for login/password: EALA_OK with the token and CSRF token
 * (65 bytes each), EALA_EINVAL when they do not match, else a store error. */
int session_open(struct req *r, const char *login, const char *password, char *token, char *csrf);

/* Login, logout, who am I (auth.c); the login page and form (forms.c). */
int page_login(struct req *r);
int form_login(struct req *r);
int form_logout(struct req *r);
int page_form(struct req *r);
int form_save(struct req *r);
int page_history(struct req *r);
int page_import(struct req *r);
int form_import(struct req *r);
/* GET /import/stakeholder_links.csv?lang=fr|en: the links' CSV template */
int page_links_template(struct req *r);
int api_login(struct req *r);
int api_logout(struct req *r);
int api_me(struct req *r);
/* Check the credentials of a ROUTE_AUTH request and load the user's roles;
 * 0 when allowed to go on, else the HTTP status already answered. */
int auth_check(struct req *r);
void auth_clear(struct req *r);

/* The list filters of the query string (q, country, authority, kind, level,
 * status, domain, year, limit, cursor) for a kind of record (an enum
 * record_kind), every problem in el. */
struct store_filter;
void api_filter(struct req *r, int kind, struct store_filter *f, struct errlist *el);
/* The query argument name as a whole number from lo to hi (dflt when absent);
 * a problem naming the field in el otherwise. */
int64_t api_int_arg(struct req *r, const char *name, int64_t lo, int64_t hi, int64_t dflt, struct errlist *el);

/* The atlas: its data (/api/v1/atlas) and its page (atlas.c); static files. */
int api_atlas(struct req *r);
int page_atlas(struct req *r);
int page_static(struct req *r);
/* On an authority's page: a map of its partners, drawn by the atlas script
 * from /api/v1/atlas?authority=ID. */
void atlas_partners_map(struct req *r, int64_t authority_id);

/* API handlers (api.c) and pages (pages.c). */
int api_healthz(struct req *r);
int api_stats(struct req *r);
int api_gap(struct req *r);       /* GET /api/v1/analysis/gap */
int page_gap(struct req *r);      /* GET /analysis/gap */
int api_compliance(struct req *r);   /* GET /api/v1/analysis/compliance */
int page_compliance(struct req *r);  /* GET /analysis/compliance */
int api_portfolio(struct req *r);    /* GET /api/v1/analysis/portfolio */
int page_portfolio(struct req *r);   /* GET /analysis/portfolio */
int api_trends(struct req *r);       /* GET /api/v1/analysis/trends[?format=csv] */
int page_trends(struct req *r);      /* GET /analysis/trends */
int api_diagnostic(struct req *r);   /* GET /api/v1/analysis/diagnostic */
int page_diagnostic(struct req *r);  /* GET /analysis/diagnostic */
int api_coordination(struct req *r); /* GET /api/v1/analysis/coordination */
int page_coordination(struct req *r);/* GET /analysis/coordination */
/* On an authority's page: "Who else works in" each country of its partners,
 * and "Who works with" it as a partner, linked to the pooling page. */
void coordination_links(struct req *r, int64_t authority_id, const char *name, const char *home_country);
/* Partner calls (api_calls.c, page_calls.c) and matching. */
int api_calls_list(struct req *r);    /* GET /api/v1/partner_calls?status=&country=&authority= */
int api_calls_get(struct req *r);     /* GET /api/v1/partner_calls/{id} */
int api_calls_create(struct req *r);  /* POST /api/v1/partner_calls */
int api_calls_update(struct req *r);  /* PUT /api/v1/partner_calls/{id} */
int api_calls_delete(struct req *r);  /* DELETE /api/v1/partner_calls/{id} */
int api_match(struct req *r);         /* GET /api/v1/analysis/match?call=|authority=&country=&top= */
int page_calls(struct req *r);        /* GET /partner_calls: the published calls and their map */
int page_call(struct req *r);         /* GET /partner_calls/{id}: a call and its candidates */
int page_call_form(struct req *r);    /* GET /partner_calls/new, /partner_calls/{id}/edit */
int form_call_save(struct req *r);    /* POST the same */
int page_match(struct req *r);        /* GET /analysis/match?authority=&country= */
struct partner_call;
/* Create (id 0) or update a call from its JSON fields: the HTTP status
 * (201, 200; 404, 403, 422 with every problem in el; else with *err), the
 * call's id in *saved. Shared by the API and the form. */
struct json_t;
int calls_save(struct req *r, int64_t id, struct json_t *j, struct errlist *el, int64_t *saved, char **err);
/* 1 when this reader may see the call (drafts only to signed-in users). */
int calls_visible(struct req *r, const struct partner_call *c);
/* What GET /api/v1/analysis/match and the pages ask: call or authority,
 * country, top. */
struct match_ask {
	int64_t call_id, authority_id;
	const char *country;
	size_t top;
};
struct match_result;
/* Read the query into a, every bad argument named in el; EALA_EINVAL then. */
int match_ask_read(struct req *r, struct match_ask *a, struct errlist *el);
/* Load the weights and languages and rank; drafts hidden from anonymous
 * readers; EALA_ENOTFOUND for a missing or hidden call or authority. */
int match_ask_run(struct req *r, const struct match_ask *a, struct match_result *res, char **err);
/* networks of partnerships and city networks (page_network.c) */
int api_network(struct req *r);              /* GET /api/v1/analysis/network */
int api_network_memberships(struct req *r);  /* GET /api/v1/analysis/network/memberships */
int page_network(struct req *r);             /* GET /analysis/network */
/* practices and their adoptions (page_practices.c) */
int api_practices_list(struct req *r);       /* GET /api/v1/practices */
int api_practice_get(struct req *r);         /* GET /api/v1/practices/{id}: adoption over time, paths */
int api_practices_create(struct req *r);     /* POST /api/v1/practices */
int api_practice_adopt(struct req *r);       /* POST /api/v1/practices/{id}/adoptions */
int page_practices(struct req *r);           /* GET /practices */
int form_practice_create(struct req *r);     /* POST /practices */
int page_practice(struct req *r);            /* GET /practices/{id} */
int form_practice_adopt(struct req *r);      /* POST /practices/{id}/adoptions */
/* On an action's page: the form that checks its application to a call. */
void compliance_call_form(struct req *r, int64_t action_id);
int page_report(struct req *r);      /* GET /authorities/{id}/report */
int page_report_pdf(struct req *r);  /* GET /authorities/{id}/report.pdf */
int page_report_css(struct req *r);  /* GET /static/report.css */
int api_list(struct req *r);
int api_get(struct req *r);
int api_create(struct req *r);
int api_update(struct req *r);
int api_delete(struct req *r);
int api_history(struct req *r);
int api_members_list(struct req *r);
/* the results chain (api_results.c) */
int api_expected_list(struct req *r);
int api_expected_get(struct req *r);
int api_expected_create(struct req *r);
int api_expected_update(struct req *r);
int api_expected_delete(struct req *r);
int api_expected_actuals(struct req *r);  /* PUT /api/v1/expected_impacts/{id}/actuals */
int api_outcomes_list(struct req *r);
int api_outcome_get(struct req *r);
int api_outcome_create(struct req *r);
int api_outcome_update(struct req *r);
int api_outcome_delete(struct req *r);
int api_outcome_evidence(struct req *r);  /* PUT and DELETE /api/v1/observed_outcomes/{id}/evidence */
int page_document(struct req *r);         /* GET /documents/{id} */
/* the results chain's forms and section (form_results.c) */
void results_section(struct req *r, int64_t partnership_id, int64_t action_id);
int page_expected_form(struct req *r);
int form_expected_save(struct req *r);
int page_expected_actuals(struct req *r);
int page_outcome_form(struct req *r);
int form_outcome_save(struct req *r);
int form_result_delete(struct req *r);
int api_members_get(struct req *r);
int api_members_create(struct req *r);
int api_members_update(struct req *r);
int api_members_delete(struct req *r);
int api_members_history(struct req *r);
/* api_links.c: local actors' links abroad */
int api_links_list(struct req *r);
int api_links_get(struct req *r);
int api_links_create(struct req *r);
int api_links_update(struct req *r);
int api_links_delete(struct req *r);
/* A link's fields and references checked into el, named as the API names
 * them (organisation_id, partner_authority_id...). */
void links_check(struct req *r, const struct stakeholder_link *l, struct errlist *el);
/* 1 when the request's user may do op (an enum operation) to the links of
 * the organisation: authz_allows() scoped to its home authority. */
int links_may_change(struct req *r, int64_t organisation_id, int op);
/* Create, update or delete l ("create", "update", "delete") with its audit
 * event, in one transaction; before borrowed. The status, the message in *err. */
int links_write(struct req *r, const char *op, struct stakeholder_link *l, struct json_t *before, char **err);
/* form_links.c: the links on the organisation's page, and their form */
void links_section(struct req *r, int64_t organisation_id);
int page_link_form(struct req *r);
int form_link_save(struct req *r);
int form_link_delete(struct req *r);
/* Save a record (a kind of enum record_kind) from a JSON object: new when id
 * is 0, else the fields given of record id. Problems go to el; returns the
 * HTTP status (200, 201 with *saved the id, 403, 404, 409, 422). */
struct json_t;
/* Whether the signed-in user of r may change record id of kind (enum
 * record_kind): pages offer their Edit link only then. */
int record_may_update(struct req *r, int kind, int64_t id);
int record_save(struct req *r, int kind, int64_t id, struct json_t *body, struct errlist *el,
		int64_t *saved);
int page_home(struct req *r);
int page_search(struct req *r);
int page_record(struct req *r);
int page_style(struct req *r);
int api_openapi(struct req *r);
/* GET /api/v1/{kind}/export.{format}, /api/v1/export.{format} (api_export.c) */
int api_export(struct req *r);
int page_api_docs(struct req *r);

#endif
