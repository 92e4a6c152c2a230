/*
 * Aborting allocators and the arena. The arena is a list of blocks; large
 * requests get a block of their own. Deferred cleanups release foreign
 * objects (jansson values, GEOS geometries) with the arena.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static void
oom(void)
{
	fputs("samverkan: out of memory\n", stderr);
	abort();
}

void *
sv_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
sv_calloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
sv_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom();
	return q;
}

void *
sv_reallocarray(void *p, size_t n, size_t sz)
{
	if (sz != 0 && n > SIZE_MAX / sz)
		oom();
	return sv_realloc(p, n * sz);
}

char *
sv_strdup(const char *s)
{
	return sv_strndup(s, strlen(s));
}

char *
sv_strndup(const char *s, size_t n)
{
	char *p = sv_malloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

#define ARENA_BLOCK	(16 * 1024)

struct arena_block {
	struct arena_block	*next;
	size_t			 used, size;
	_Alignas(16) unsigned char data[];
};

struct arena_defer {
	struct arena_defer	*next;
	void			(*fn)(void *);
	void			*ptr;
};

struct sv_arena {
	struct arena_block	*blocks;
	struct arena_defer	*defers;
};

struct sv_arena *
sv_arena_new(void)
{
	return sv_calloc(1, sizeof(struct sv_arena));
}

void
sv_arena_free(struct sv_arena *a)
{
	struct arena_block *b, *bn;
	struct arena_defer *d, *dn;

	if (a == NULL)
		return;
	for (d = a->defers; d != NULL; d = dn) {
		dn = d->next;
		d->fn(d->ptr);
	}
	for (b = a->blocks; b != NULL; b = bn) {
		bn = b->next;
		free(b);
	}
	free(a);
}

void *
sv_arena_alloc(struct sv_arena *a, size_t n)
{
	struct arena_block *b = a->blocks;
	size_t need = (n + 15) & ~(size_t)15;
	void *p;

	if (need < n)
		oom();
	if (b == NULL || b->size - b->used < need) {
		size_t sz = need > ARENA_BLOCK / 2 ? need : ARENA_BLOCK;

		b = sv_malloc(sizeof(*b) + sz);
		b->used = 0;
		b->size = sz;
		/* Big blocks go behind the current one so its tail stays usable. */
		if (sz > ARENA_BLOCK && a->blocks != NULL) {
			b->next = a->blocks->next;
			a->blocks->next = b;
		} else {
			b->next = a->blocks;
			a->blocks = b;
		}
	}
	p = b->data + b->used;
	b->used += need;
	memset(p, 0, n);
	return p;
}

char *
sv_arena_strndup(struct sv_arena *a, const char *s, size_t n)
{
	char *p = sv_arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
sv_arena_strdup(struct sv_arena *a, const char *s)
{
	return s ? sv_arena_strndup(a, s, strlen(s)) : NULL;
}

char *
sv_arena_printf(struct sv_arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	p = sv_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
sv_arena_defer(struct sv_arena *a, void (*fn)(void *), void *ptr)
{
	struct arena_defer *d = sv_arena_alloc(a, sizeof(*d));

	d->fn = fn;
	d->ptr = ptr;
	d->next = a->defers;
	a->defers = d;
}
