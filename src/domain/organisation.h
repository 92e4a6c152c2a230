/*
 * Organisations: the partners of a collaboration (kommun, förvaltning,
 * lokalpolisområde, bostadsbolag, ...). Each owns its users and its
 * incidents. Codes are short unique identifiers ("VASTERAS", "LPO-VAS").
 * Org numbers (organisationsnummer, NNNNNN-NNNN) are checked with their
 * Luhn digit.
 *
 * Memory: strings in returned structs live in the caller's arena.
 * Rights: any admin may create organisations; changing or deleting one
 * needs an admin of that organisation or of an ancestor.
 */
#ifndef SV_ORGANISATION_H
#define SV_ORGANISATION_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "domain/actor.h"

struct sv_store;

enum sv_org_kind {
	SV_ORG_KOMMUN,
	SV_ORG_FORVALTNING,
	SV_ORG_STADSDELSFORVALTNING,
	SV_ORG_LOKALPOLISOMRADE,
	SV_ORG_POLISOMRADE,
	SV_ORG_POLISREGION,
	SV_ORG_BOSTADSBOLAG,
	SV_ORG_RADDNINGSTJANST,
	SV_ORG_VAKTBOLAG,
	SV_ORG_REGION,
	SV_ORG_CIVILSAMHALLE,
	SV_ORG_NARINGSLIV,
	SV_ORG_OVRIG,
	SV_ORG__MAX
};
extern const char *const sv_org_kind_names[SV_ORG__MAX];

struct sv_org {
	int64_t		 id;
	const char	*code;
	const char	*name;
	enum sv_org_kind kind;
	const char	*org_number;	/* NULL if none; "NNNNNN-NNNN" */
	const char	*parent;	/* parent's code or NULL */
	int64_t		 parent_id;	/* 0 if none */
};

/*
 * Input for create and update. For update every field is the new value
 * (callers merge a PATCH onto org_get's result first); org_number and
 * parent may be NULL.
 */
struct sv_org_input {
	const char	*code;
	const char	*name;
	const char	*kind;
	const char	*org_number;
	const char	*parent;
};

/* 1 if s is a valid organisation number (10 digits, optional '-' after 6,
 * Luhn check digit). */
int		org_number_valid(const char *s);

/*
 * Creates an organisation; *id (may be NULL) receives its id.
 * Errors: SV_ERR_INVALID (field in diag), SV_ERR_CONFLICT (code taken),
 * SV_ERR_NOTFOUND (parent), SV_ERR_FORBIDDEN, SV_ERR_DB.
 */
enum sv_err	org_create(struct sv_store *, const struct sv_actor *,
		    const struct sv_org_input *, int64_t *id, struct sv_diag *);
/* Fills *out (strings in arena). SV_ERR_NOTFOUND if no such code. */
enum sv_err	org_get(struct sv_store *, const char *code, struct sv_arena *,
		    struct sv_org *out, struct sv_diag *);
enum sv_err	org_get_by_id(struct sv_store *, int64_t id, struct sv_arena *,
		    struct sv_org *out, struct sv_diag *);
/* All organisations ordered by code; array and strings in arena. */
enum sv_err	org_list(struct sv_store *, struct sv_arena *,
		    struct sv_org **items, size_t *n, struct sv_diag *);
/*
 * Replaces the organisation `code` with `in` (the code may change).
 * A parent that would make a cycle is refused (SV_ERR_INVALID).
 */
enum sv_err	org_update(struct sv_store *, const struct sv_actor *,
		    const char *code, const struct sv_org_input *in,
		    struct sv_diag *);
/* Deletes; SV_ERR_CONFLICT while users, incidents or children refer to it. */
enum sv_err	org_delete(struct sv_store *, const struct sv_actor *,
		    const char *code, struct sv_diag *);
/* 1 if org `id` is `ancestor` or lies below it. */
int		org_is_within(struct sv_store *, int64_t id, int64_t ancestor);

#endif
