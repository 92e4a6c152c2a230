/*
 * The back-off limiter: a small table of keys with their failure count and
 * lock time, searched linearly (logins are rare and each costs an argon2id
 * hash, so a few thousand comparisons do not matter).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "limiter.h"

#define KEY_MAX	128

struct limiter_entry {
	char	key[KEY_MAX];
	unsigned fails;
	int64_t	last_fail;
	int64_t	locked_until;
};

struct http_limiter {
	pthread_mutex_t		 lock;
	unsigned		 free, base, max, window;
	size_t			 n, cap;
	struct limiter_entry	*e;
};

struct http_limiter *
http_limiter_new(unsigned nfree, unsigned base, unsigned max,
    unsigned window, size_t nkeys)
{
	struct http_limiter *l = sv_calloc(1, sizeof(*l));

	pthread_mutex_init(&l->lock, NULL);
	l->free = nfree;
	l->base = base ? base : 1;
	l->max = max ? max : 900;
	l->window = window ? window : 900;
	l->cap = nkeys ? nkeys : 4096;
	l->e = sv_calloc(l->cap, sizeof(*l->e));
	return l;
}

void
http_limiter_free(struct http_limiter *l)
{
	if (l == NULL)
		return;
	pthread_mutex_destroy(&l->lock);
	free(l->e);
	free(l);
}

/*
 * The entry of key, or NULL. Keys are compared cut to KEY_MAX - 1 bytes,
 * as they are stored, so a long key still limits its owner. Called with
 * the lock held.
 */
static struct limiter_entry *
find(struct http_limiter *l, const char *key)
{
	size_t i, n = strnlen(key, KEY_MAX - 1);

	for (i = 0; i < l->n; i++)
		if (strnlen(l->e[i].key, KEY_MAX) == n &&
		    memcmp(l->e[i].key, key, n) == 0)
			return &l->e[i];
	return NULL;
}

/* Forgets failures older than the window (and no longer locked). */
static void
expire(struct http_limiter *l, struct limiter_entry *e, int64_t now)
{
	if (now - e->last_fail > (int64_t)l->window && now >= e->locked_until) {
		e->fails = 0;
		e->locked_until = 0;
	}
}

int64_t
http_limiter_wait(struct http_limiter *l, const char *key, int64_t now)
{
	struct limiter_entry *e;
	int64_t w = 0;

	pthread_mutex_lock(&l->lock);
	if ((e = find(l, key)) != NULL) {
		expire(l, e, now);
		if (e->locked_until > now)
			w = e->locked_until - now;
	}
	pthread_mutex_unlock(&l->lock);
	return w;
}

void
http_limiter_fail(struct http_limiter *l, const char *key, int64_t now)
{
	struct limiter_entry *e;
	int64_t lock;
	size_t i, old;
	unsigned k;

	pthread_mutex_lock(&l->lock);
	if ((e = find(l, key)) == NULL) {
		if (l->n < l->cap)
			e = &l->e[l->n++];
		else {
			for (old = 0, i = 1; i < l->n; i++)
				if (l->e[i].last_fail < l->e[old].last_fail)
					old = i;
			e = &l->e[old];
		}
		memset(e, 0, sizeof(*e));
		memcpy(e->key, key, strnlen(key, KEY_MAX - 1));
	}
	expire(l, e, now);
	e->fails++;
	e->last_fail = now;
	if (e->fails > l->free) {
		k = e->fails - l->free - 1;
		lock = k >= 20 ? (int64_t)l->max : (int64_t)l->base << k;
		if (lock > (int64_t)l->max)
			lock = l->max;
		e->locked_until = now + lock;
	}
	pthread_mutex_unlock(&l->lock);
}

void
http_limiter_reset(struct http_limiter *l, const char *key)
{
	struct limiter_entry *e;

	pthread_mutex_lock(&l->lock);
	if ((e = find(l, key)) != NULL) {
		e->fails = 0;
		e->locked_until = 0;
	}
	pthread_mutex_unlock(&l->lock);
}
