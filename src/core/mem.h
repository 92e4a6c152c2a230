/*
 * Allocation helpers that abort on failure (we are an application, and
 * input sizes are capped before anything is allocated), and a per-request
 * arena whose memory and registered foreign objects are released together.
 */
#ifndef SV_MEM_H
#define SV_MEM_H

#include <stddef.h>

void	*sv_malloc(size_t);
void	*sv_calloc(size_t, size_t);
void	*sv_realloc(void *, size_t);
void	*sv_reallocarray(void *, size_t, size_t);
char	*sv_strdup(const char *);
char	*sv_strndup(const char *, size_t);

struct sv_arena;

/* New empty arena; free with sv_arena_free (NULL is a no-op). */
struct sv_arena	*sv_arena_new(void);
void		 sv_arena_free(struct sv_arena *);
/* Memory owned by the arena, 16-byte aligned, zeroed. */
void		*sv_arena_alloc(struct sv_arena *, size_t);
char		*sv_arena_strdup(struct sv_arena *, const char *);
char		*sv_arena_strndup(struct sv_arena *, const char *, size_t);
char		*sv_arena_printf(struct sv_arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/* Registers fn(ptr) to run when the arena is freed (LIFO order). */
void		 sv_arena_defer(struct sv_arena *, void (*fn)(void *), void *ptr);

#endif
