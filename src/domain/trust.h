/*
 * The trust settings of an installation, as a table of known keys with
 * built-in defaults (data, not code): how free text with personal data is
 * handled, the smallest count an aggregated figure may show, and the
 * retention period of each kind of data. Stored in trust_setting; a
 * missing row means the default. Changed by a national admin (an admin of
 * a root organisation) or the system actor, each change audited.
 */
#ifndef SV_TRUST_H
#define SV_TRUST_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "domain/actor.h"
#include "domain/pii.h"

struct sv_store;

enum sv_trust_key {
	SV_TRUST_PII_MODE,		/* "refuse" or "mask" */
	SV_TRUST_MIN_COUNT,		/* aggregated figures below are hidden */
	SV_TRUST_RET_INCIDENT_TEXT,	/* days until free text is removed */
	SV_TRUST_RET_INCIDENT,		/* days until an incident is deleted */
	SV_TRUST_RET_WITHDRAWN,		/* days until a withdrawn one is */
	SV_TRUST_RET_SESSION,		/* days after expiry a session is kept */
	SV_TRUST_RET_TOKEN,		/* days a revoked API token is kept */
	SV_TRUST_RET_PHOTO,		/* days until an incident's photos go */
	SV_TRUST__MAX
};

struct sv_trust_def {
	const char	*name;		/* "pii_mode", "retention.incident" */
	const char	*def;		/* default value */
	int64_t		 min, max;	/* integer keys; min > max: text */
	const char	*doc;
};
extern const struct sv_trust_def sv_trust_defs[SV_TRUST__MAX];

/* The key named s, or -1. */
int		trust_key(const char *s);

/*
 * The current value of an integer key (the default if unset or the
 * database cannot be read, so a failing read never loosens a rule more
 * than the default does).
 */
int64_t		trust_int(struct sv_store *, enum sv_trust_key);
/*
 * The value of an integer key whose stored text (the value column of
 * SQL_TRUST_GET, NULL if unset) a caller read itself, e.g. in a batch;
 * the default as above when it is NULL or out of range.
 */
int64_t		trust_int_of(enum sv_trust_key, const char *stored);
/* The personal-data mode (default refuse). */
enum sv_pii_mode trust_pii_mode(struct sv_store *);

struct sv_trust_value {
	const char	*name;
	const char	*value;
	int		 is_default;
	int64_t		 updated_at;	/* 0 if default */
};

/*
 * Every key with its current value, in table order (arena). Needs at
 * least lasare. Errors: SV_ERR_FORBIDDEN, SV_ERR_DB.
 */
enum sv_err	trust_list(struct sv_store *, const struct sv_actor *,
		    struct sv_arena *, struct sv_trust_value **out,
		    size_t *n, struct sv_diag *);
/*
 * Sets key name to value (NULL restores the default). Errors:
 * SV_ERR_INVALID (unknown key: field "name"; bad value: field = the
 * key), SV_ERR_FORBIDDEN (not a national admin), SV_ERR_DB.
 */
enum sv_err	trust_set(struct sv_store *, const struct sv_actor *,
		    const char *name, const char *value, struct sv_diag *);
/* 1 if the actor is the system or an admin of an organisation without a
 * parent (a national admin). */
int		trust_is_national_admin(struct sv_store *,
		    const struct sv_actor *);

#endif
