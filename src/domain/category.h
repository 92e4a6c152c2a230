/*
 * Categories: a configurable tree of incident categories, seeded with the
 * EST categories (migration 0002). Codes are dotted paths of the tree
 * ("skadegorelse.klotter"); names are Swedish. A filter on a category
 * includes its sub-categories.
 *
 * Rights: samordnare and up create, change and delete. Deleting a category
 * that incidents use deactivates it instead. Memory: caller's arena.
 */
#ifndef SV_CATEGORY_H
#define SV_CATEGORY_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "domain/actor.h"

struct sv_store;

struct sv_category {
	int64_t		 id;
	const char	*code;
	const char	*name;
	const char	*parent;	/* parent code or NULL */
	int		 est;
	int		 active;
};

/* For update every field is the new value (merge a PATCH first). */
struct sv_category_input {
	const char	*code;
	const char	*name;
	const char	*parent;
	int		 est;
	int		 active;	/* update only; create is active */
};

enum sv_err	category_create(struct sv_store *, const struct sv_actor *,
		    const struct sv_category_input *, int64_t *id,
		    struct sv_diag *);
enum sv_err	category_get(struct sv_store *, const char *code,
		    struct sv_arena *, struct sv_category *out,
		    struct sv_diag *);
/* All categories, parents before children, ordered by code. */
enum sv_err	category_list(struct sv_store *, struct sv_arena *,
		    struct sv_category **items, size_t *n, struct sv_diag *);
enum sv_err	category_update(struct sv_store *, const struct sv_actor *,
		    const char *code, const struct sv_category_input *,
		    struct sv_diag *);
enum sv_err	category_delete(struct sv_store *, const struct sv_actor *,
		    const char *code, struct sv_diag *);

#endif
