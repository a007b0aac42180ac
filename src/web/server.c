/* server.c: the HTTP server on libmicrohttpd: one dispatch for every route,
 * a pool of database connections, ETags, the access log, a clean stop.
 *
 * libmicrohttpd runs a thread pool; each request borrows a store connection
 * from the pool (SQLite connections are not shared between threads) and gives
 * it back when its handler returns. Bodies are handed to libmicrohttpd with
 * MHD_create_response_from_buffer_with_free_callback, which frees them.
 */
#define _GNU_SOURCE
#include "web.h"

#include "../core/codelist.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char *req_form(struct req *r, const char *key)
{
	for (size_t i = 0; i < r->n_form; i++)
		if (strcmp(r->form[i].key, key) == 0)
			return r->form[i].value.s ? r->form[i].value.s : "";
	return NULL;
}

int redirect(struct req *r, const char *path)
{
	/* local paths only: never an open redirect */
	if (!path || path[0] != '/' || path[1] == '/' || path[1] == '\\' || strpbrk(path, "\r\n"))
		path = "/";
	snprintf(r->location, sizeof(r->location), "%s", path);
	r->status = MHD_HTTP_SEE_OTHER;
	return r->status;
}

/* Collect the fields of a form body as libmicrohttpd decodes them. */
static enum MHD_Result form_field(void *cls, enum MHD_ValueKind kind, const char *key,
				  const char *filename, const char *content_type,
				  const char *transfer_encoding, const char *data, uint64_t off,
				  size_t size)
{
	struct req *r = cls;
	(void)kind, (void)content_type, (void)transfer_encoding;
	struct form_field *f = NULL;
	if (off > 0 && r->n_form && strcmp(r->form[r->n_form - 1].key, key) == 0) {
		f = &r->form[r->n_form - 1];
	} else {
		if (r->n_form >= 200)
			return MHD_NO;   /* no form of ours has that many fields */
		struct form_field *v = realloc(r->form, (r->n_form + 1) * sizeof(*v));
		if (!v)
			return MHD_NO;
		r->form = v;
		f = &r->form[r->n_form++];
		memset(f, 0, sizeof(*f));
		if (!(f->key = strdup(key)))
			return MHD_NO;
		f->filename = filename ? strdup(filename) : NULL;
		buf_add(&f->value, "", 0);
	}
	if (f->value.len + size > r->body_max)
		return MHD_NO;
	buf_add(&f->value, data, size);
	return MHD_YES;
}

const char *req_arg(struct req *r, const char *name)
{
	const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
	return v && *v ? v : NULL;
}

int web_http_status(int eala_status)
{
	switch (eala_status) {
	case EALA_OK: return MHD_HTTP_OK;
	case EALA_EINVAL: return MHD_HTTP_BAD_REQUEST;
	case EALA_ENOTFOUND: return MHD_HTTP_NOT_FOUND;
	case EALA_ECONFLICT: return MHD_HTTP_CONFLICT;
	case EALA_EVERSION: return MHD_HTTP_SERVICE_UNAVAILABLE;
	case EALA_ELIMIT: return MHD_HTTP_TOO_MANY_REQUESTS;
	default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
	}
}

/* ---- the pool of store connections ---- */

#define POOL_MAX 32

struct pool {
	pthread_mutex_t mu;
	const char *db;
	struct store *idle[POOL_MAX];
	int n;
};

static struct store *pool_get(struct pool *p)
{
	struct store *st = NULL;
	pthread_mutex_lock(&p->mu);
	if (p->n > 0)
		st = p->idle[--p->n];
	pthread_mutex_unlock(&p->mu);
	if (!st) {
		char *err = NULL;
		if (store_open(p->db, 0, &st, &err) != EALA_OK) {
			fprintf(stderr, "eala serve: %s\n", err ? err : "cannot open the database");
			free(err);
			return NULL;
		}
	}
	return st;
}

static void pool_put(struct pool *p, struct store *st)
{
	if (!st)
		return;
	pthread_mutex_lock(&p->mu);
	if (p->n < POOL_MAX) {
		p->idle[p->n++] = st;
		st = NULL;
	}
	pthread_mutex_unlock(&p->mu);
	store_close(st);
}

static void pool_close(struct pool *p)
{
	while (p->n > 0)
		store_close(p->idle[--p->n]);
}

/* ---- dispatch ---- */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* FNV-1a over the body: a strong enough validator for If-None-Match. */
static void make_etag(const struct buf *b, char out[24])
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < b->len; i++)
		h = (h ^ (unsigned char)b->s[i]) * 1099511628211ULL;
	snprintf(out, 24, "\"%016llx\"", (unsigned long long)h);
}

/* A cookie, marked Secure when the request came over TLS. eala serve speaks
 * plain HTTP; behind a TLS proxy, X-Forwarded-Proto: https says so. A client
 * that sends the header over plain HTTP only loses its own cookies. */
static void add_cookie(struct req *r, struct MHD_Response *resp, const char *cookie)
{
	const char *proto = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Forwarded-Proto");
	if (proto && strcasecmp(proto, "https") == 0) {
		char secure[320];
		snprintf(secure, sizeof(secure), "%s; Secure", cookie);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE, secure);
	} else {
		MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE, cookie);
	}
}

/* The response of a streamed or file body (exports): no ETag, no cache. */
static struct MHD_Response *stream_response(struct req *r)
{
	struct MHD_Response *resp = NULL;
	if (r->stream_read) {
		resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 64 * 1024,
							 (MHD_ContentReaderCallback)r->stream_read,
							 r->stream_cls, r->stream_free);
		if (!resp)
			r->stream_free(r->stream_cls);
		r->stream_read = NULL;
		r->stream_free = NULL;
		r->stream_cls = NULL;
	} else {
		resp = MHD_create_response_from_fd(r->body_fd_size, r->body_fd);
		if (!resp)
			close(r->body_fd);
		r->body_fd = -1;
	}
	return resp;
}

static enum MHD_Result respond(struct req *r)
{
	char etag[24] = "";
	int status = r->status;
	if (r->stream_read || r->body_fd >= 0) {
		struct MHD_Response *resp = stream_response(r);
		if (!resp)
			return MHD_NO;
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->content_type);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_DISPOSITION, r->disposition);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
		MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
		MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
		if (r->lang_cookie[0])
			add_cookie(r, resp, r->lang_cookie);
		enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)status, resp);
		MHD_destroy_response(resp);
		return ret;
	}
	if (status == MHD_HTTP_OK && strcmp(r->method, "GET") == 0) {
		make_etag(&r->body, etag);
		const char *inm = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
							      MHD_HTTP_HEADER_IF_NONE_MATCH);
		if (inm && strcmp(inm, etag) == 0) {
			status = r->status = MHD_HTTP_NOT_MODIFIED;
			r->body.len = 0;
		}
	}
	char *body = r->body.s ? r->body.s : strdup("");
	size_t len = r->body.s ? r->body.len : 0;
	r->body.s = NULL;
	struct MHD_Response *resp = MHD_create_response_from_buffer_with_free_callback(len, body, free);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	if (r->content_type)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->content_type);
	if (r->set_cookie)
		add_cookie(r, resp, r->set_cookie);
	if (r->location[0])
		MHD_add_response_header(resp, MHD_HTTP_HEADER_LOCATION, r->location);
	if (r->disposition[0])
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_DISPOSITION, r->disposition);
	if (r->lang_cookie[0])
		add_cookie(r, resp, r->lang_cookie);
	if (r->content_type && strncmp(r->content_type, "text/html", 9) == 0)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, "Cookie, Accept-Language");
	if (etag[0]) {
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
	}
	if (r->retry_after > 0) {
		char secs[24];
		snprintf(secs, sizeof(secs), "%d", r->retry_after);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, secs);
	}
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	if (r->content_type && strncmp(r->content_type, "text/html", 9) == 0) {
		MHD_add_response_header(resp, "Content-Security-Policy",
					"default-src 'self'; style-src 'self'; img-src 'self' data:");
		MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	}
	enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void not_found(struct req *r, int method_ok, int json)
{
	int status = method_ok ? MHD_HTTP_METHOD_NOT_ALLOWED : MHD_HTTP_NOT_FOUND;
	const char *msg = method_ok ? "this method is not allowed here" : "no such page";
	if (json) {
		json_error(r, status, NULL, msg);
		return;
	}
	r->status = status;
	r->content_type = "text/plain; charset=utf-8";
	buf_puts(&r->body, msg);
	buf_puts(&r->body, "\n");
}

/* The cache key of a GET: the path and its query arguments as libmicrohttpd
 * decoded them, in their order. */
static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key,
			       const char *value)
{
	struct buf *b = cls;
	(void)kind;
	buf_puts(b, "&");
	buf_puts(b, key);
	buf_puts(b, "=");
	buf_puts(b, value ? value : "");
	return MHD_YES;
}

static enum MHD_Result dispatch(struct pool *pool, struct cache *cache, struct req *r)
{
	int method_ok;
	const struct route *rt = route_find(r->method, r->path, r, &method_ok);
	if (!rt) {
		not_found(r, method_ok, strncmp(r->path, "/api/", 5) == 0);
		return respond(r);
	}
	if (rt->flags & ROUTE_DB) {
		if (!(r->st = pool_get(pool))) {
			if (rt->flags & ROUTE_JSON)
				json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, NULL, "the database is not available");
			else
				not_found(r, 0, 0), r->status = MHD_HTTP_SERVICE_UNAVAILABLE;
			return respond(r);
		}
	}
	r->status = MHD_HTTP_OK;
	if (rt->flags & ROUTE_HTML)
		lang_choose(r);
	if (r->too_large && (rt->flags & ROUTE_BODY))
		json_error(r, MHD_HTTP_CONTENT_TOO_LARGE, NULL, r->body_max > BODY_MAX
								 ? "the request body is larger than 16 MiB"
								 : "the request body is larger than 1 MiB");
	else if ((rt->flags & ROUTE_CACHE) && !auth_credentials(r)) {
		/* anonymous readers share cached answers; signed-in ones see drafts */
		struct buf key = {0};
		int64_t generation;
		buf_puts(&key, r->path);
		MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, add_arg, &key);
		if (!key.s || store_generation(r->st, &generation) != EALA_OK) {
			rt->handler(r);
		} else if (!cache_get(cache, key.s, generation, r)) {
			rt->handler(r);
			if (r->status == MHD_HTTP_OK)
				cache_put(cache, key.s, generation, r);
		}
		free(key.s);
	} else if (rt->flags & ROUTE_AUTH ? auth_check(r) == 0 : 1) {
		if ((rt->flags & (ROUTE_HTML | ROUTE_CACHE)) && !r->user.id)
			auth_optional(r);   /* pages show who is logged in; drafts */
		rt->handler(r);
	}
	auth_clear(r);
	lang_release(r);
	pool_put(pool, r->st);
	r->st = NULL;
	return respond(r);
}

struct server {
	struct pool pool;
	struct cache *cache;
};

static enum MHD_Result answer(void *cls, struct MHD_Connection *conn, const char *url,
			      const char *method, const char *version, const char *upload_data,
			      size_t *upload_data_size, void **con_cls)
{
	struct server *srv = cls;
	(void)version;
	(void)upload_data;
	if (!*con_cls) {
		struct req *r = calloc(1, sizeof(*r));
		if (!r)
			return MHD_NO;
		r->conn = conn;
		r->method = method;
		r->path = url;
		r->body_fd = -1;
		r->started = now();
		*con_cls = r;
		int method_ok;
		const struct route *rt = route_find(method, url, r, &method_ok);
		r->body_max = rt && (rt->flags & ROUTE_UPLOAD) ? UPLOAD_MAX : BODY_MAX;
		/* forms posted to pages are decoded by libmicrohttpd; the API reads
		 * its bodies as JSON whatever the Content-Type says */
		const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_CONTENT_TYPE);
		if (strcmp(method, "POST") == 0 && ct && strncmp(url, "/api/", 5) != 0 &&
		    (strncasecmp(ct, MHD_HTTP_POST_ENCODING_FORM_URLENCODED, 33) == 0 ||
		     strncasecmp(ct, MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA, 19) == 0))
			r->pp = MHD_create_post_processor(conn, 16384, form_field, r);
		return MHD_YES;
	}
	struct req *r = *con_cls;
	if (*upload_data_size) {   /* kept up to body_max; routes that take none ignore it */
		r->received += *upload_data_size;
		if (r->received > r->body_max)
			r->too_large = 1;
		else if (r->pp)
			r->too_large |= MHD_post_process(r->pp, upload_data, *upload_data_size) != MHD_YES;
		else
			buf_add(&r->upload, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	return dispatch(&srv->pool, srv->cache, r);
}

/* Access log: method, path, status, milliseconds; no query string, no header. */
static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
		      enum MHD_RequestTerminationCode code)
{
	(void)cls;
	(void)conn;
	(void)code;
	struct req *r = *con_cls;
	if (!r)
		return;
	char path[256];
	size_t n = 0;
	for (const char *p = r->path; *p && n < sizeof(path) - 1; p++)
		path[n++] = (*p == '\r' || *p == '\n' || (unsigned char)*p < 0x20) ? '?' : *p;
	path[n] = '\0';
	fprintf(stderr, "%s %s %d %.1fms\n", r->method, path, r->status, (now() - r->started) * 1000);
	if (r->pp)
		MHD_destroy_post_processor(r->pp);
	for (size_t i = 0; i < r->n_form; i++) {
		free(r->form[i].key);
		free(r->form[i].filename);
		free(r->form[i].value.s);
	}
	free(r->form);
	if (r->stream_free)   /* handed to no response */
		r->stream_free(r->stream_cls);
	if (r->body_fd >= 0)
		close(r->body_fd);
	free(r->body.s);
	free(r->upload.s);
	free(r);
	*con_cls = NULL;
}

static int parse_listen(const char *listen, struct sockaddr_in *sa, char **errmsg)
{
	char host[64];
	const char *colon = strrchr(listen, ':');
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	if (!colon || (size_t)(colon - listen) >= sizeof(host)) {
		*errmsg = xasprintf("--listen %s: expected ADDRESS:PORT, as 127.0.0.1:8080", listen);
		return EALA_EINVAL;
	}
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 1 || port > 65535 || inet_pton(AF_INET, host, &sa->sin_addr) != 1) {
		*errmsg = xasprintf("--listen %s: expected an IPv4 address and a port from 1 to 65535",
				    listen);
		return EALA_EINVAL;
	}
	sa->sin_port = htons((uint16_t)port);
	return EALA_OK;
}

int web_serve(const char *db, const char *listen, char **errmsg)
{
	struct sockaddr_in sa;
	struct server srv = {.pool = {.mu = PTHREAD_MUTEX_INITIALIZER, .db = db}};
	struct store *st = NULL;
	int rc;
	if ((rc = parse_listen(listen, &sa, errmsg)))
		return rc;
	/* the code lists and translations are read-only once loaded: load them
	 * before the threads start */
	if ((rc = codelist_load_all(errmsg)) || (rc = i18n_load(errmsg)))
		return rc;
	if ((rc = store_open(db, 0, &st, errmsg)) || (rc = store_check(st, errmsg))) {
		store_close(st);
		return rc;
	}
	pool_put(&srv.pool, st);
	if (!(srv.cache = cache_new())) {
		pool_close(&srv.pool);
		return EALA_ENOMEM;
	}

	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);   /* the server's threads inherit the mask */

	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL,
		answer, &srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cores > 0 ? cores : 2),
		MHD_OPTION_NOTIFY_COMPLETED, completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
		MHD_OPTION_CONNECTION_LIMIT, 1000u, MHD_OPTION_END);
	if (!d) {
		*errmsg = xasprintf("cannot listen on %s (address in use?)", listen);
		pool_close(&srv.pool);
		cache_free(srv.cache);
		return EALA_EIO;
	}
	fprintf(stderr, "eala serve: listening on http://%s/ (database %s); stop with Ctrl-C\n",
		listen, db);
	int sig;
	sigwait(&stop, &sig);
	fprintf(stderr, "eala serve: stopping (%s)\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
	MHD_stop_daemon(d);
	pool_close(&srv.pool);
	cache_free(srv.cache);
	i18n_free();
	return EALA_OK;
}
