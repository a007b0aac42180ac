/* throttle.c: slows down password guessing. Each failed login counts against
 * the login it named and against the client's address; past the limits of
 * web.h, attempts are refused (429 with Retry-After) until THROTTLE_WINDOW
 * seconds after the first failure of the window. A successful login clears
 * its login's count, not the address's (one good password does not buy more
 * guesses at other accounts). The table is a fixed array under a mutex: a
 * flood of distinct keys evicts the oldest entries, it never grows. */
#include "web.h"

#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define SLOTS 4096
#define PROBE 16

struct slot {
	char key[136];     /* "l:" login or "a:" address; "" when free */
	int failures;
	time_t first;      /* the first failure of the window */
};

static struct slot slots[SLOTS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned long hash(const char *s)
{
	unsigned long h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* The slot of key, or a free, expired or the oldest slot for it (create);
 * NULL when absent and !create. Called with the lock held. */
static struct slot *find(const char *key, time_t now, int create)
{
	unsigned long h = hash(key);
	struct slot *spare = NULL;
	for (int i = 0; i < PROBE; i++) {
		struct slot *s = &slots[(h + (unsigned long)i) % SLOTS];
		if (s->key[0] && strcmp(s->key, key) == 0)
			return s;
		int reusable = !s->key[0] || now - s->first >= THROTTLE_WINDOW;
		int spare_reusable = spare && (!spare->key[0] || now - spare->first >= THROTTLE_WINDOW);
		if (!spare || (reusable && !spare_reusable) ||
		    (!reusable && !spare_reusable && s->first < spare->first))
			spare = s;
	}
	if (!create)
		return NULL;
	snprintf(spare->key, sizeof(spare->key), "%s", key);
	spare->failures = 0;
	spare->first = now;
	return spare;
}

static void keys(struct req *r, const char *login, char *lkey, char *akey, size_t size)
{
	snprintf(lkey, size, "l:%.128s", login ? login : "");
	char host[NI_MAXHOST] = "?";
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr) {
		socklen_t len = ci->client_addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
									: sizeof(struct sockaddr_in);
		if (getnameinfo(ci->client_addr, len, host, sizeof(host), NULL, 0, NI_NUMERICHOST) != 0)
			snprintf(host, sizeof(host), "?");
	}
	snprintf(akey, size, "a:%.128s", host);
}

/* Seconds left in a window that has reached limit; 0 otherwise. */
static int left(const struct slot *s, int limit, time_t now)
{
	if (!s || s->failures < limit || now - s->first >= THROTTLE_WINDOW)
		return 0;
	return (int)(THROTTLE_WINDOW - (now - s->first));
}

int throttle_wait(struct req *r, const char *login)
{
	char lkey[136], akey[136];
	keys(r, login, lkey, akey, sizeof(lkey));
	time_t now = time(NULL);
	pthread_mutex_lock(&lock);
	int a = left(find(lkey, now, 0), THROTTLE_LOGIN, now);
	int b = left(find(akey, now, 0), THROTTLE_CLIENT, now);
	pthread_mutex_unlock(&lock);
	return a > b ? a : b;
}

void throttle_note(struct req *r, const char *login, int succeeded)
{
	char lkey[136], akey[136];
	keys(r, login, lkey, akey, sizeof(lkey));
	time_t now = time(NULL);
	pthread_mutex_lock(&lock);
	if (succeeded) {
		struct slot *s = find(lkey, now, 0);
		if (s)
			s->key[0] = '\0';
	} else {
		const char *k[] = {lkey, akey};
		for (int i = 0; i < 2; i++) {
			struct slot *s = find(k[i], now, 1);
			if (now - s->first >= THROTTLE_WINDOW) {
				s->failures = 0;
				s->first = now;
			}
			s->failures++;
		}
	}
	pthread_mutex_unlock(&lock);
}
