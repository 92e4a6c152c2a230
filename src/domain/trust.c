/*
 * Trust settings: a table of keys with defaults and ranges, read through
 * the statement table, written by national admins with an audit event
 * carrying the value before and after.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "domain/audit.h"
#include "domain/dom.h"
#include "domain/organisation.h"
#include "domain/trust.h"
#include "store/store.h"

#define TEXT_KEY	1, 0	/* min > max: not an integer */

const struct sv_trust_def sv_trust_defs[SV_TRUST__MAX] = {
	[SV_TRUST_PII_MODE] = { "pii_mode", "refuse", TEXT_KEY,
	    "personal data in free text: refuse (the save fails) or mask "
	    "(replaced by [personnummer], [telefonnummer], ...)" },
	[SV_TRUST_MIN_COUNT] = { "min_count", "5", 1, 1000,
	    "aggregated figures below this count are suppressed for readers "
	    "with aggregated rights only" },
	[SV_TRUST_RET_INCIDENT_TEXT] = { "retention.incident_text", "365",
	    0, 36500, "days after the observation until an incident's free "
	    "text and reporter are removed (0 = kept)" },
	[SV_TRUST_RET_INCIDENT] = { "retention.incident", "1826", 0, 36500,
	    "days after the observation until an incident is deleted "
	    "(0 = kept)" },
	[SV_TRUST_RET_WITHDRAWN] = { "retention.withdrawn", "90", 0, 36500,
	    "days after withdrawal until a withdrawn incident is deleted "
	    "(0 = kept)" },
	[SV_TRUST_RET_SESSION] = { "retention.session", "30", 0, 36500,
	    "days after expiry until a session record is deleted (0 = kept)" },
	[SV_TRUST_RET_TOKEN] = { "retention.token", "90", 0, 36500,
	    "days after the last use until a revoked API token is deleted "
	    "(0 = kept)" },
	[SV_TRUST_RET_PHOTO] = { "retention.photo", "365", 0, 36500,
	    "days after the observation until an incident's photos are "
	    "deleted (0 = kept with the incident)" },
};

int
trust_key(const char *s)
{
	int i;

	if (s == NULL)
		return -1;
	for (i = 0; i < SV_TRUST__MAX; i++)
		if (strcmp(sv_trust_defs[i].name, s) == 0)
			return i;
	return -1;
}

/* The stored value of key k into buf; 0 if there is none. */
static int
stored(struct sv_store *s, enum sv_trust_key k, char *buf, size_t len,
    int64_t *at)
{
	struct sv_stmt *st = store_stmt(s, SQL_TRUST_GET);
	int row = 0;

	stmt_bind_text(st, 1, sv_trust_defs[k].name);
	if (stmt_step(st, &row, NULL) != SV_OK || !row ||
	    stmt_text(st, 0) == NULL) {
		stmt_reset(st);
		return 0;
	}
	snprintf(buf, len, "%s", stmt_text(st, 0));
	if (at != NULL)
		*at = stmt_int(st, 1);
	stmt_reset(st);
	return 1;
}

static int
parse_int(const char *v, int64_t min, int64_t max, int64_t *out)
{
	char *end;
	long long x;

	if (v == NULL || *v == '\0' || *v == ' ')
		return -1;
	x = strtoll(v, &end, 10);
	if (*end != '\0' || x < min || x > max)
		return -1;
	*out = x;
	return 0;
}

int64_t
trust_int(struct sv_store *s, enum sv_trust_key k)
{
	char buf[64];

	if (sv_trust_defs[k].min > sv_trust_defs[k].max)
		return 0;
	return trust_int_of(k, stored(s, k, buf, sizeof(buf), NULL) ? buf :
	    NULL);
}

int64_t
trust_int_of(enum sv_trust_key k, const char *stored_text)
{
	const struct sv_trust_def *def = &sv_trust_defs[k];
	int64_t v = 0;

	if (def->min > def->max)
		return 0;
	if (stored_text != NULL &&
	    parse_int(stored_text, def->min, def->max, &v) == 0)
		return v;
	parse_int(def->def, def->min, def->max, &v);
	return v;
}

enum sv_pii_mode
trust_pii_mode(struct sv_store *s)
{
	char buf[64];
	int i;

	if (!stored(s, SV_TRUST_PII_MODE, buf, sizeof(buf), NULL))
		return SV_PII_REFUSE;
	i = dom_lookup(sv_pii_mode_names, SV_PII_MODE__MAX, buf);
	return i < 0 ? SV_PII_REFUSE : (enum sv_pii_mode)i;
}

int
trust_is_national_admin(struct sv_store *s, const struct sv_actor *a)
{
	struct sv_arena *ar;
	struct sv_org o;
	int ok;

	if (a->system)
		return 1;
	if (a->role != SV_ROLE_ADMIN)
		return 0;
	ar = sv_arena_new();
	ok = org_get_by_id(s, a->org_id, ar, &o, NULL) == SV_OK &&
	    o.parent_id == 0;
	sv_arena_free(ar);
	return ok;
}

enum sv_err
trust_list(struct sv_store *s, const struct sv_actor *a,
    struct sv_arena *ar, struct sv_trust_value **out, size_t *n,
    struct sv_diag *d)
{
	struct sv_trust_value *v;
	char buf[256];
	int64_t at;
	enum sv_err e;
	int i;

	*out = NULL;
	*n = 0;
	if ((e = actor_require(a, SV_ROLE_LASARE, d)) != SV_OK)
		return e;
	v = sv_arena_alloc(ar, SV_TRUST__MAX * sizeof(*v));
	for (i = 0; i < SV_TRUST__MAX; i++) {
		at = 0;
		v[i].name = sv_trust_defs[i].name;
		v[i].is_default = !stored(s, (enum sv_trust_key)i, buf,
		    sizeof(buf), &at);
		v[i].value = v[i].is_default ? sv_trust_defs[i].def :
		    sv_arena_strdup(ar, buf);
		v[i].updated_at = v[i].is_default ? 0 : at;
	}
	*out = v;
	*n = SV_TRUST__MAX;
	return SV_OK;
}

/*
 * The setting as an audit object {"name","value","is_default"}, the
 * value a number for numeric settings.
 */
static const char *
setting_obj(const struct sv_trust_def *def, const char *value,
    int is_default, struct audit_obj *j)
{
	audit_obj_begin(j);
	audit_obj_str(j, "name", def->name);
	if (def->min <= def->max)
		audit_obj_int(j, "value", strtoll(value, NULL, 10));
	else
		audit_obj_str(j, "value", value);
	audit_obj_bool(j, "is_default", is_default);
	return audit_obj_end(j);
}

enum sv_err
trust_set(struct sv_store *s, const struct sv_actor *a, const char *name,
    const char *value, struct sv_diag *d)
{
	const struct sv_trust_def *def;
	struct sv_stmt *st;
	struct audit_obj jb, ja;
	char before[256];
	int64_t x;
	enum sv_err e;
	int k, was_default;

	if ((k = trust_key(name)) < 0)
		return sv_diag_set(d, SV_ERR_INVALID, "name",
		    "no setting '%s'", name ? name : "");
	def = &sv_trust_defs[k];
	if (!trust_is_national_admin(s, a))
		return sv_diag_set(d, SV_ERR_FORBIDDEN, def->name,
		    "only an admin of a national organisation may change "
		    "the trust settings");
	if (value != NULL) {
		if (def->min > def->max) {
			if (dom_lookup(sv_pii_mode_names, SV_PII_MODE__MAX,
			    value) < 0)
				return sv_diag_set(d, SV_ERR_INVALID, def->name,
				    "%s must be refuse or mask", def->name);
		} else if (parse_int(value, def->min, def->max, &x) != 0)
			return sv_diag_set(d, SV_ERR_INVALID, def->name,
			    "%s must be a whole number from %" PRId64 " to %"
			    PRId64, def->name, def->min, def->max);
	}
	if ((e = store_begin(s)) != SV_OK)
		return e;
	if ((was_default = !stored(s, (enum sv_trust_key)k, before,
	    sizeof(before), NULL)))
		snprintf(before, sizeof(before), "%s", def->def);
	if (value != NULL) {
		st = store_stmt(s, SQL_TRUST_SET);
		stmt_bind_text(st, 1, def->name);
		stmt_bind_text(st, 2, value);
		stmt_bind_int(st, 3, dom_now());
	} else {
		st = store_stmt(s, SQL_TRUST_CLEAR);
		stmt_bind_text(st, 1, def->name);
	}
	if ((e = stmt_exec(st, d)) == SV_OK) {
		e = audit_change(s, a, "update", "trust_setting", def->name,
		    setting_obj(def, before, was_default, &jb),
		    setting_obj(def, value != NULL ? value : def->def,
		    value == NULL, &ja));
		audit_obj_free(&jb);
		audit_obj_free(&ja);
	}
	if (e != SV_OK || (e = store_commit(s)) != SV_OK) {
		store_rollback(s);
		return e;
	}
	return SV_OK;
}
