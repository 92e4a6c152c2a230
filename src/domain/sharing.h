/*
 * Sharing rules between organisations. Every incident, dialogue note and
 * document belongs to an organisation; a rule says how much of one kind
 * of data owned by one organisation the users of another see:
 *
 *   full        everything
 *   no_text     everything but the free text (the default)
 *   aggregated  only counted in aggregated figures, never listed; small
 *               counts are suppressed (sharing_suppress)
 *   none        nothing, not even counted
 *
 * A rule names an owner and a reader organisation, or the owner alone
 * (reader NULL): the owner's default for every other organisation. The
 * level for a reader is its own rule, else the owner's default, else
 * no_text. An organisation always sees its own data in full; the system
 * actor (command line, imports) sees everything.
 *
 * For incidents the rule is applied in SQL (store/sql.def,
 * SV_SQL_SHARE_LEVEL) so lists, pages and counts agree; other modules ask
 * sharing_level for one owner. Rules are set by an admin of the owning
 * organisation (or of one above it); every change is audited.
 */
#ifndef SV_SHARING_H
#define SV_SHARING_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "domain/actor.h"

struct sv_store;

enum sv_share_level {
	SV_SHARE_NONE,
	SV_SHARE_AGGREGATED,
	SV_SHARE_NO_TEXT,
	SV_SHARE_FULL,
	SV_SHARE__MAX
};
/* "none", "aggregated", "no_text", "full". */
extern const char *const sv_share_level_names[SV_SHARE__MAX];
#define SV_SHARE_DEFAULT	SV_SHARE_NO_TEXT

enum sv_share_kind {
	SV_SHARE_INCIDENT,
	SV_SHARE_DIALOGUE,
	SV_SHARE_DOCUMENT,
	SV_SHARE_KIND__MAX
};
/* "incident", "dialogue", "document". */
extern const char *const sv_share_kind_names[SV_SHARE_KIND__MAX];

struct sv_share_rule {
	int64_t			 id;
	const char		*owner;		/* org code */
	const char		*reader;	/* org code; NULL = all others */
	enum sv_share_kind	 kind;
	enum sv_share_level	 level;
	int64_t			 updated_at;
};

/*
 * The value a reader's organisation binds for the incident statements'
 * reader placeholder: 0 for the system (sees all), else the org id.
 */
int64_t		sharing_reader(const struct sv_actor *);

/*
 * The level at which the actor sees data of kind owned by owner_org_id.
 * On a database error the result is SV_SHARE_NONE (fail closed).
 */
enum sv_share_level sharing_level(struct sv_store *, const struct sv_actor *,
		    int64_t owner_org_id, enum sv_share_kind);

/*
 * 1 if data of kind reaches the actor from some organisation at the
 * aggregated level only (so aggregated figures shown to the actor must
 * be suppressed below the minimum count); 0 otherwise or for the system.
 * Errors: SV_ERR_DB.
 */
enum sv_err	sharing_has_aggregated(struct sv_store *,
		    const struct sv_actor *, enum sv_share_kind, int *out,
		    struct sv_diag *);

/*
 * Every rule, ordered by owner, reader (defaults first), kind (arena).
 * Any signed-in user may read the rules: who may see what is not secret.
 * Errors: SV_ERR_FORBIDDEN, SV_ERR_DB.
 */
enum sv_err	sharing_list(struct sv_store *, const struct sv_actor *,
		    struct sv_arena *, struct sv_share_rule **out, size_t *n,
		    struct sv_diag *);
/*
 * Sets the rule for (owner, reader or NULL, kind) to level. The actor must
 * be an admin of the owner or of an organisation above it. Errors:
 * SV_ERR_INVALID (field owner, reader, kind or level), SV_ERR_FORBIDDEN,
 * SV_ERR_DB.
 */
enum sv_err	sharing_set(struct sv_store *, const struct sv_actor *,
		    const char *owner, const char *reader, const char *kind,
		    const char *level, struct sv_diag *);
/*
 * Removes the rule (the level falls back to the default). Errors as
 * sharing_set, and SV_ERR_NOTFOUND when there was no such rule.
 */
enum sv_err	sharing_delete(struct sv_store *, const struct sv_actor *,
		    const char *owner, const char *reader, const char *kind,
		    struct sv_diag *);

/*
 * Small-count suppression of aggregated figures. Marks in hide[] the
 * counts that must not be shown: every count in 1..min-1 (primary), and
 * then, while the hidden counts sum to less than min, the smallest
 * visible count as well (secondary), so that a total published beside
 * the figures cannot give a hidden count back by subtraction. Zero
 * counts are not hidden. Returns the number hidden.
 */
size_t		sharing_suppress(const int64_t *counts, size_t n, int64_t min,
		    unsigned char *hide);

#endif
