/*
 * The audit trail: an append-only table (triggers refuse UPDATE and
 * DELETE) in which every row carries the SHA-256 of the previous row's
 * hash and its own content, so a removed or altered row breaks the chain.
 * Domain functions that change data append one event each.
 */
#ifndef SV_AUDIT_H
#define SV_AUDIT_H

#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "domain/actor.h"

struct sv_store;

/*
 * Appends an event: action ("create", "update", "delete", "login", ...),
 * entity ("incident", "user", ...), entity id (text, may be NULL) and a
 * short detail without personal data (may be NULL).
 */
enum sv_err	audit_append(struct sv_store *, const struct sv_actor *,
		    const char *action, const char *entity,
		    const char *entity_id, const char *detail);
/*
 * Appends a change with the record before and after it as the detail
 * {"before":B,"after":A}; before and after are JSON object texts (from
 * struct audit_obj) or NULL for null (nothing before a create, nothing
 * after a delete). They must hold no password hash or secret; free text
 * that retention will erase is recorded as its SHA-256 (audit_obj_digest).
 */
enum sv_err	audit_change(struct sv_store *, const struct sv_actor *,
		    const char *action, const char *entity,
		    const char *entity_id, const char *before,
		    const char *after);

/* A JSON object built for audit_change, key by key. */
struct audit_obj {
	struct sv_buf	b;
};
void		audit_obj_begin(struct audit_obj *);
void		audit_obj_str(struct audit_obj *, const char *key,
		    const char *v);		/* NULL: null */
void		audit_obj_int(struct audit_obj *, const char *key, int64_t v);
void		audit_obj_num(struct audit_obj *, const char *key, double v);
void		audit_obj_bool(struct audit_obj *, const char *key, int v);
void		audit_obj_null(struct audit_obj *, const char *key);
/* {"sha256":..,"length":..} of a text, or null; never the text itself. */
void		audit_obj_digest(struct audit_obj *, const char *key,
		    const char *v);
/* The finished text, valid until audit_obj_free. */
const char	*audit_obj_end(struct audit_obj *);
void		audit_obj_free(struct audit_obj *);

/*
 * Recomputes the chain; SV_OK if intact, SV_ERR_CONFLICT with the first
 * broken event id in *bad_id otherwise.
 */
enum sv_err	audit_verify(struct sv_store *, int64_t *bad_id);

#endif
