/*
 * The collaboration records (issue 5) as data: every concept of an
 * agreement -- parties, signatories, attachments, bodies, meetings,
 * decisions, problems, causes, goals, activities, promises, dialogues,
 * indicators -- is an entity described by a table of typed fields (like
 * the command and statement tables), and one engine validates, stores,
 * reads and audits them all. The concept modules (agreement.c, body.c,
 * meeting.c, plan.c, promise.c, dialogue.c, indicator.c) own their
 * descriptors and the rules that are more than field checks (an ended
 * agreement takes no new activities, an adopted attachment is frozen, a
 * decision adopts only inside its own agreement, ...).
 *
 * Every entity below the agreement belongs to exactly one agreement and
 * (except for direct children of the agreement) to one parent record; a
 * reference field (CO_T_REF) must name an existing record of its entity
 * in the same agreement. Dates are "YYYY-MM-DD" text, instants int64
 * seconds.
 *
 * Rights: everyone signed in reads; samordnare and up write, and when an
 * agreement has parties only users of a party organisation (or of an
 * organisation above or below one) may change it. Every change appends an
 * audit event. Memory: records and their strings live in the caller's
 * arena.
 */
#ifndef SV_COLLAB_H
#define SV_COLLAB_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "domain/actor.h"
#include "store/store.h"

enum co_entity {
	CO_AGREEMENT,
	CO_PARTY,
	CO_SIGNATORY,
	CO_PRINCIPLE,
	CO_AGR_AREA,
	CO_AGR_STATUS,
	CO_ATTACHMENT,
	CO_INFO_EVENT,
	CO_BODY,
	CO_MEMBER,
	CO_MEETING,
	CO_ATTENDEE,
	CO_DECISION,
	CO_PLAN,
	CO_FOCUS_AREA,
	CO_PROBLEM,
	CO_PROBLEM_AREA,
	CO_PROBLEM_CATEGORY,
	CO_PROBLEM_FIGURE,
	CO_PROBLEM_SCORE,
	CO_CAUSE,
	CO_GOAL,
	CO_ACTIVITY,
	CO_ACTIVITY_UPDATE,
	CO_PROMISE,
	CO_PROMISE_PARTNER,
	CO_PROMISE_TARGET,
	CO_PROMISE_ACTIVITY,
	CO_PROMISE_FOLLOWUP,
	CO_DIALOGUE,
	CO_INDICATOR,
	CO_INDICATOR_VALUE,
	CO__MAX
};
/* Singular names ("agreement", "body", ...), as in the audit trail. */
extern const char *const co_entity_names[CO__MAX];

enum co_type {
	CO_T_TEXT,	/* UTF-8 text, at most max bytes */
	CO_T_DATE,	/* "YYYY-MM-DD" */
	CO_T_INSTANT,	/* ISO 8601 in, int64 seconds stored */
	CO_T_INT,	/* integer in [min, max] */
	CO_T_NUM,	/* real in [min, max] */
	CO_T_BOOL,
	CO_T_ENUM,	/* one of names[] */
	CO_T_REF,	/* id of a record of entity `ref` */
	CO_T_ORG,	/* organisation code in and out, id stored */
	CO_T_AREA,	/* area id */
	CO_T_CATEGORY,	/* category code in and out, id stored */
	CO_T_BLOB,	/* bytes (base64 in JSON), at most max bytes */
	CO_T__MAX
};
extern const char *const co_type_names[CO_T__MAX];

#define CO_REQ		0x1	/* required on create */
#define CO_RO		0x2	/* set by the program, never by input */
#define CO_NOLIST	0x4	/* left out of lists (large values) */

struct co_field {
	const char		*name;
	enum co_type		 type;
	unsigned		 flags;
	int64_t			 min, max;	/* INT/NUM range; TEXT/BLOB max */
	const char *const	*names;		/* ENUM: the values */
	int			 nnames;
	enum co_entity		 ref;		/* REF: the entity */
	const char		*dflt;		/* default on create, as text */
	const char		*doc;		/* Swedish label */
};

/* A field value. ENUM: s name, i index; ORG/CATEGORY: s code, i id. */
struct co_val {
	int		 set;	/* given (input) or read (output) */
	int		 null;
	int64_t		 i;
	double		 d;
	const char	*s;
	size_t		 len;	/* BLOB length */
};

struct co_rec {
	enum co_entity	 ent;
	int64_t		 id;
	int64_t		 agreement_id;	/* 0 when none */
	int64_t		 parent_id;	/* 0 for top-level records */
	struct co_val	*v;		/* desc->nfields values */
};

struct co_desc;

/* What a rule hook sees: the merged new record and the old one. */
struct co_ctx {
	struct sv_store		*store;
	const struct sv_actor	*actor;
	const struct co_desc	*desc;
	struct sv_arena		*arena;
	struct co_rec		*rec;	/* new values (create/update) */
	const struct co_rec	*old;	/* NULL on create */
	struct sv_diag		*diag;
};

struct co_desc {
	enum co_entity		 ent;
	const char		*path;		/* "agreements" in URLs */
	enum co_entity		 parent;	/* CO__MAX: top level */
	int			 agr_key;	/* table has agreement_id key */
	int			 readonly;	/* no create/update by input */
	const struct co_field	*fields;
	int			 nfields;
	enum sv_sql		 sql_insert, sql_get, sql_list, sql_update,
				 sql_delete;
	/* Rules beyond field checks, before the write; may be NULL. */
	enum sv_err		(*check)(struct co_ctx *);
	/* After an insert or update, inside the transaction; may be NULL. */
	enum sv_err		(*after)(struct co_ctx *);
	/* Before a delete (ctx->rec is the record); may be NULL. */
	enum sv_err		(*check_delete)(struct co_ctx *);
	const char		*doc;		/* Swedish label */
};

/* The descriptor of an entity (never NULL for e < CO__MAX). */
const struct co_desc	*co_desc(enum co_entity e);
/* The entity whose path is `path` ("bodies"), or CO__MAX. */
enum co_entity		 co_entity_by_path(const char *path);
/* Index of field `name` in d, or -1. */
int			 co_field_index(const struct co_desc *d,
			    const char *name);
/* A new record of entity e with all values unset (arena). */
struct co_rec		*co_rec_new(struct sv_arena *, enum co_entity e);
/* The value of field `name` (must exist: aborts otherwise). */
struct co_val		*co_rec_val(const struct co_rec *, const char *name);

/*
 * Sets field `name` of r from text: integers for INT, BOOL ("true",
 * "false", "1", "0"), REF and AREA; a number for NUM; the text itself
 * otherwise (an INSTANT is parsed when the record is written; a BLOB
 * takes the bytes). NULL text makes the value null. Errors:
 * SV_ERR_INVALID (unknown field, not a number) with diag.
 */
enum sv_err	co_rec_set(struct sv_arena *, struct co_rec *, const char *name,
		    const char *text, struct sv_diag *);

/*
 * Reads one record. ORG and CATEGORY values get their codes. Errors:
 * SV_ERR_NOTFOUND (field = entity name), SV_ERR_DB.
 */
enum sv_err	co_get(struct sv_store *, enum co_entity, int64_t id,
		    struct sv_arena *, struct co_rec **out, struct sv_diag *);
/*
 * The records of entity e under parent_id (the parent entity's id, or
 * ignored for top-level entities), in the table's order. with_large:
 * also read CO_NOLIST fields. Array and strings in arena.
 */
enum sv_err	co_list(struct sv_store *, enum co_entity, int64_t parent_id,
		    int with_large, struct sv_arena *, struct co_rec ***items,
		    size_t *n, struct sv_diag *);
/*
 * Creates a record of entity in->ent under parent_id (ignored for top
 * level). Unset fields take their defaults (NULL, 0 for BOOL, the first
 * name for a required ENUM is NOT assumed: required means given). *id
 * (may be NULL) gets the new id. Errors: SV_ERR_INVALID (field in diag),
 * SV_ERR_NOTFOUND (parent), SV_ERR_CONFLICT (a rule or a unique key),
 * SV_ERR_FORBIDDEN, SV_ERR_DB.
 */
enum sv_err	co_create(struct sv_store *, const struct sv_actor *,
		    int64_t parent_id, struct co_rec *in, int64_t *id,
		    struct sv_diag *);
/*
 * Changes the set values of `patch` on record id (a PATCH): the merged
 * record is validated as a whole. Errors as co_create.
 */
enum sv_err	co_update(struct sv_store *, const struct sv_actor *,
		    int64_t id, struct co_rec *patch, struct sv_diag *);
/*
 * Deletes record id of entity e with its children. Errors:
 * SV_ERR_NOTFOUND, SV_ERR_CONFLICT (a rule, or other records still point
 * at it), SV_ERR_FORBIDDEN, SV_ERR_DB.
 */
enum sv_err	co_delete(struct sv_store *, const struct sv_actor *,
		    enum co_entity, int64_t id, struct sv_diag *);

/*
 * Inserts a record bypassing input rules and rights (for the program's
 * own bookkeeping, e.g. the status history). Values must be valid.
 */
enum sv_err	co_insert_raw(struct sv_store *, int64_t parent_id,
		    struct co_rec *in, int64_t *id, struct sv_diag *);

/* Now, in seconds since the epoch ($SV_FAKE_NOW in tests). */
int64_t		co_now(void);
/* 1 if s is a valid "YYYY-MM-DD" calendar date. */
int		co_date_valid(const char *s);
/* Days since 1970-01-01 of a valid date string. */
int64_t		co_date_days(const char *s);
/* Today's Stockholm date "YYYY-MM-DD" of instant t into out[11]. */
void		co_date_of(int64_t t, char out[11]);
/* "YYYY-MM-DD" of date s plus n months (day clamped to month end). */
void		co_date_add_months(const char *s, int n, char out[11]);

/* The descriptors, defined by the concept modules. */
extern const struct co_desc co_desc_agreement, co_desc_party,
    co_desc_signatory, co_desc_principle, co_desc_agr_area,
    co_desc_agr_status, co_desc_attachment, co_desc_info_event,
    co_desc_body, co_desc_member, co_desc_meeting, co_desc_attendee,
    co_desc_decision, co_desc_plan, co_desc_focus_area, co_desc_problem,
    co_desc_problem_area, co_desc_problem_category, co_desc_problem_figure,
    co_desc_problem_score, co_desc_cause, co_desc_goal, co_desc_activity,
    co_desc_activity_update, co_desc_promise, co_desc_promise_partner,
    co_desc_promise_target, co_desc_promise_activity,
    co_desc_promise_followup, co_desc_dialogue, co_desc_indicator,
    co_desc_indicator_value;

#endif
