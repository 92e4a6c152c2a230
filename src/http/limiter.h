/*
 * A keyed back-off limiter for login attempts (per account and per client
 * address): the first `free` failures within the window cost nothing;
 * after that each failure locks the key for base * 2^(n - free) seconds,
 * capped at max. Thread-safe (one mutex); bounded memory (the least
 * recently failed key is forgotten when the table is full).
 */
#ifndef SV_HTTP_LIMITER_H
#define SV_HTTP_LIMITER_H

#include <stddef.h>
#include <stdint.h>

struct http_limiter;

/* New limiter; free with http_limiter_free (NULL is a no-op). */
struct http_limiter	*http_limiter_new(unsigned free, unsigned base,
			    unsigned max, unsigned window, size_t nkeys);
void			 http_limiter_free(struct http_limiter *);
/* Seconds key must still wait at time now (0: may try). */
int64_t			 http_limiter_wait(struct http_limiter *,
			    const char *key, int64_t now);
/* Records a failed attempt of key at time now. */
void			 http_limiter_fail(struct http_limiter *,
			    const char *key, int64_t now);
/* Forgets key (after a successful login). */
void			 http_limiter_reset(struct http_limiter *,
			    const char *key);

#endif
