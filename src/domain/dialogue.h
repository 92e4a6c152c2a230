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

#endif
