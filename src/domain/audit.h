/*
 * The audit trail: an append-only table (triggers refuse UPDATE and
 * DELETE) in which every row carries the SHA-256 of the previous row's
 * hash and its own content, so a removed or altered row breaks the chain.
 * Domain functions that change data append one event each.
 */
#ifndef SV_AUDIT_H
#define SV_AUDIT_H

#include <stdint.h>

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
 * Recomputes the chain; SV_OK if intact, SV_ERR_CONFLICT with the first
 * broken event id in *bad_id otherwise.
 */
enum sv_err	audit_verify(struct sv_store *, int64_t *bad_id);

#endif
