/*
 * Dialogues and safety walks: field table and rules (see dialogue.h).
 */
#include "domain/collab_def.h"
#include "domain/dialogue.h"
#include "domain/incident.h"
#include "domain/organisation.h"

static const char *const kinds[] = {
	"medborgardialog", "medarbetardialog", "trygghetsvandring",
};

/* The free text, withheld below the full sharing level. */
static const char *const free_text[] = {
	"participant_groups", "themes", "notes",
};
#define NFREE	(sizeof(free_text) / sizeof(free_text[0]))

static const struct co_field dialogue_fields[] = {
	F_REF("agreement_id", 0, CO_AGREEMENT, "Överenskommelse"),
	F_ENUM("kind", CO_REQ, kinds, NULL, "Slag"),
	F_DATE("held_on", CO_REQ, "Datum"),
	F_AREA("area_id", 0, "Område"),
	F_ORG("organisation", 0, "Arrangör"),
	F_INT("participants", 0, 0, 100000, NULL, "Antal deltagare"),
	F_TEXT("participant_groups", 0, CO_LONG, "Deltagare (grupper)"),
	F_TEXT("themes", 0, CO_LONG, "Teman"),
	F_TEXT("notes", 0, CO_LONG, "Anteckningar"),
};

/* Only who sees a dialogue in full may change or delete it. */
static enum sv_err
may_change(struct co_ctx *c)
{
	const struct co_rec *r = c->old != NULL ? c->old : c->rec;

	if (dialogue_share_level(c->store, c->actor, r) < SV_SHARE_FULL)
		return sv_diag_set(c->diag, SV_ERR_FORBIDDEN, "organisation",
		    "the dialogue's notes are not shared with your "
		    "organisation in full");
	return SV_OK;
}

static enum sv_err
dialogue_check(struct co_ctx *c)
{
	struct co_val *v, *org = co_rec_val(c->rec, "organisation");
	struct sv_org o;
	enum sv_err e;
	size_t i;

	if (c->old != NULL && (e = may_change(c)) != SV_OK)
		return e;
	/* the notes are the creator's organisation's unless named */
	if (c->old == NULL && !org->set && !c->actor->system &&
	    c->actor->org_id != 0) {
		if ((e = org_get_by_id(c->store, c->actor->org_id, c->arena,
		    &o, c->diag)) != SV_OK)
			return e;
		org->set = 1;
		org->null = 0;
		org->s = o.code;
		org->i = o.id;
	}
	for (i = 0; i < NFREE; i++) {
		v = co_rec_val(c->rec, free_text[i]);
		if (CO_HAS(v) && text_has_personnummer(v->s))
			return pii_refuse(free_text[i], SV_PII_PERSONNUMMER,
			    c->diag);
	}
	return SV_OK;
}

const struct co_desc co_desc_dialogue = {
	CO_DIALOGUE, "dialogues", CO__MAX, 0, 0, dialogue_fields,
	CO_NELEM(dialogue_fields), CO_SQL(DIALOGUE), dialogue_check, NULL,
	may_change, "Dialog",
};

enum sv_share_level
dialogue_share_level(struct sv_store *s, const struct sv_actor *a,
    const struct co_rec *r)
{
	const struct co_val *org = co_rec_val(r, "organisation");

	if (!CO_HAS(org))
		return SV_SHARE_FULL;
	return sharing_level(s, a, org->i, SV_SHARE_DIALOGUE);
}

void
dialogue_withhold_text(struct co_rec *r)
{
	struct co_val *v;
	size_t i;

	for (i = 0; i < NFREE; i++) {
		v = co_rec_val(r, free_text[i]);
		if (v->set) {
			v->null = 1;
			v->s = NULL;
		}
	}
}
