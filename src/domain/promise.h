/*
 * Medborgarlöften: for a period and an area (and a focus area), what the
 * police promise, what the kommun promises, what both promise, and what
 * outside partners promise; quantified targets (a rate, a count, a
 * coverage, an intention, a rule or a condition, with comparator, value,
 * unit and per-period); the activities that deliver them; follow-up per
 * reporting window and party (delivered value, status word, traffic
 * light, effect kept apart from delivery, the reason for a shortfall).
 * Published promises are public (no login).
 *
 * Rules: the period ends after it starts; a promise says what someone
 * promises; quantified targets have a value and unit (a rate also its
 * per); an ended agreement takes no new promises; follow-up of a target
 * concerns a target of the same promise and covers a window that ends
 * after it starts. Publishing sets published_on.
 */
#ifndef SV_PROMISE_H
#define SV_PROMISE_H

#include "domain/collab.h"

#endif
