/* cache.c: answers of the read-only API kept in memory while the data do not
 * change. A request's key is its path and query string; an answer is valid
 * while the store's generation number (raised by every committed write,
 * from this server, another one or the CLI) is the one it was built at.
 * The atlas and the lists are read far more often than records change, and
 * a kept answer costs one read of that number instead of the queries. */
#include "web.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_SLOTS 1024
#define CACHE_MAX_BODY (4 * 1024 * 1024)

struct entry {
	char *key;
	int64_t generation;
	char *body;
	size_t len;
	const char *content_type;   /* a string literal of the handler */
};

struct cache {
	pthread_mutex_t mu;
	struct entry slots[CACHE_SLOTS];
};

struct cache *cache_new(void)
{
	struct cache *c = calloc(1, sizeof(*c));
	if (c)
		pthread_mutex_init(&c->mu, NULL);
	return c;
}

void cache_free(struct cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		free(c->slots[i].key);
		free(c->slots[i].body);
	}
	pthread_mutex_destroy(&c->mu);
	free(c);
}

static size_t slot(const char *key)
{
	uint64_t h = 1469598103934665603ULL;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return (size_t)(h % CACHE_SLOTS);
}

int cache_get(struct cache *c, const char *key, int64_t generation, struct req *r)
{
	int hit = 0;
	struct entry *e = &c->slots[slot(key)];
	pthread_mutex_lock(&c->mu);
	if (e->key && e->generation == generation && strcmp(e->key, key) == 0) {
		buf_add(&r->body, e->body, e->len);
		r->content_type = e->content_type;
		hit = 1;
	}
	pthread_mutex_unlock(&c->mu);
	return hit;
}

void cache_put(struct cache *c, const char *key, int64_t generation, const struct req *r)
{
	if (!r->body.s || r->body.len > CACHE_MAX_BODY)
		return;
	char *k = strdup(key), *b = malloc(r->body.len);
	if (!k || !b) {
		free(k);
		free(b);
		return;
	}
	memcpy(b, r->body.s, r->body.len);
	struct entry *e = &c->slots[slot(key)];
	pthread_mutex_lock(&c->mu);
	free(e->key);
	free(e->body);
	e->key = k;
	e->body = b;
	e->len = r->body.len;
	e->generation = generation;
	e->content_type = r->content_type;
	pthread_mutex_unlock(&c->mu);
}
