/*
 * Dialogues: medborgardialoger, medarbetardialoger and
 * trygghetsvandringar (date, area, organiser, participants, themes,
 * notes), optionally under an agreement. They feed the lägesbild. Notes
 * are about places and situations, never people: text that reads as a
 * personnummer is refused.
 */
#ifndef SV_DIALOGUE_H
#define SV_DIALOGUE_H

#include "domain/collab.h"
#include "domain/sharing.h"

/*
 * Dialogue notes belong to the organising organisation (the field
 * `organisation`; a new dialogue without one gets the creator's). The
 * sharing rules of kind "dialogue" decide what others see: full, the
 * record without its free text (no_text), or nothing (aggregated, none:
 * a dialogue is never counted into figures). A dialogue without an
 * organisation (made by the command line) is shared in full.
 */
enum sv_share_level dialogue_share_level(struct sv_store *,
		    const struct sv_actor *, const struct co_rec *);
/* Nulls the free text of dialogue r (participant groups, themes, notes). */
void		dialogue_withhold_text(struct co_rec *r);

#endif
