/*
 * Dialogues and safety walks: field table and rules (see dialogue.h).
 */
#include "domain/collab_def.h"
#include "domain/dialogue.h"
#include "domain/incident.h"

static const char *const kinds[] = {
	"medborgardialog", "medarbetardialog", "trygghetsvandring",
};

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

static enum sv_err
dialogue_check(struct co_ctx *c)
{
	static const char *const free_text[] = {
		"participant_groups", "themes", "notes",
	};
	struct co_val *v;
	size_t i;

	for (i = 0; i < sizeof(free_text) / sizeof(free_text[0]); i++) {
		v = co_rec_val(c->rec, free_text[i]);
		if (CO_HAS(v) && text_has_personnummer(v->s))
			return sv_diag_set(c->diag, SV_ERR_INVALID,
			    free_text[i], "%s holds what looks like a "
			    "personnummer; keep personal data out",
			    free_text[i]);
	}
	return SV_OK;
}

const struct co_desc co_desc_dialogue = {
	CO_DIALOGUE, "dialogues", CO__MAX, 0, 0, dialogue_fields,
	CO_NELEM(dialogue_fields), CO_SQL(DIALOGUE), dialogue_check, NULL,
	NULL, "Dialog",
};
