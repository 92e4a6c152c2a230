/*
 * The collaboration part of the demo (issue 5): the four real agreements
 * of the seeds -- Västerås stad and LPO Västerås (2023-06-07 to
 * 2027-06-01), Köpings kommun and LPO Västra Mälardalen (to 2024-12-31,
 * now ended), Hässelby-Vällingby stadsdelsförvaltning and LPO Vällingby
 * under the Stockholm city-region agreement (from 2020-02-24 until
 * further notice), and the Västerås trygghetsråd -- with their parties,
 * signatories, principles, bodies and members, a year of meetings and
 * decisions, attachments adopted and drafts, a problem-to-result chain,
 * medborgarlöften with follow-up, dialogues and an indicator; and
 * documents in every lifecycle state (domain/document.h: the decided and
 * revised agreement, decided minutes, an archived follow-up, two drafts).
 * Records are a table of key=value rows written through domain/collab.h;
 * dates near "now" are relative to the demo's end instant.
 */
#ifndef SV_DEMO_COLLAB_H
#define SV_DEMO_COLLAB_H

#include <stdint.h>

#include "core/err.h"

struct sv_store;

/*
 * Adds the agreements to a database that already holds the demo's
 * organisations and areas (demo_generate does both, and calls this inside
 * its transaction). *n (may be NULL) receives the records made. Errors:
 * those of the domain, with the failing row's label in diag.
 */
enum sv_err	demo_collab(struct sv_store *, int64_t end, int64_t *n,
		    struct sv_diag *);

#endif
