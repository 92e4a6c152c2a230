/*
 * The collaboration's printable documents, built as render/doc.h blocks
 * from the records of domain/collab.h: the agreement with its
 * attachments (each number's adopted version with the deciding body, §
 * and date; newer unadopted versions marked as drafts), the action plan
 * (problems with impact scores and criteria, lägesbild figures, causes,
 * goals, activities, promises) and the follow-up report (promised against
 * delivered, activity status and updates, what is due). Each document is
 * dated (the Stockholm date of `now`) and versioned by a digest of its
 * content, printed in the footer.
 *
 * Organisation-owned data in them follows the viewer's sharing rules
 * (domain/sharing.h) exactly as the JSON routes do: the agreement lists
 * its filed documents (kind document: hidden below no_text, the file
 * named only at full), the plan and the follow-up list the dialogues
 * (kind dialogue: hidden below no_text, notes, themes and participant
 * groups only at full), and the plan counts the incidents of each
 * problem's areas in its period (kind incident, counted in SQL with the
 * small-count suppression of /stats/counts). The viewer of the command
 * line is the system actor (everything).
 *
 * Memory: the document lives in the arena. Errors: SV_ERR_NOTFOUND,
 * SV_ERR_DB.
 */
#ifndef SV_COLLAB_DOC_H
#define SV_COLLAB_DOC_H

#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "domain/actor.h"
#include "render/doc.h"

struct sv_store;

enum sv_err	collab_doc_agreement(struct sv_store *,
		    const struct sv_actor *viewer, int64_t agreement_id,
		    int64_t now, struct sv_arena *, struct rdoc **out,
		    struct sv_diag *);
enum sv_err	collab_doc_plan(struct sv_store *,
		    const struct sv_actor *viewer, int64_t plan_id,
		    int64_t now, struct sv_arena *, struct rdoc **out,
		    struct sv_diag *);
enum sv_err	collab_doc_followup(struct sv_store *,
		    const struct sv_actor *viewer, int64_t agreement_id,
		    int64_t now, struct sv_arena *, struct rdoc **out,
		    struct sv_diag *);

#endif
