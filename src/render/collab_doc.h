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
 * Memory: the document lives in the arena. Errors: SV_ERR_NOTFOUND,
 * SV_ERR_DB.
 */
#ifndef SV_COLLAB_DOC_H
#define SV_COLLAB_DOC_H

#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "render/doc.h"

struct sv_store;

enum sv_err	collab_doc_agreement(struct sv_store *, int64_t agreement_id,
		    int64_t now, struct sv_arena *, struct rdoc **out,
		    struct sv_diag *);
enum sv_err	collab_doc_plan(struct sv_store *, int64_t plan_id, int64_t now,
		    struct sv_arena *, struct rdoc **out, struct sv_diag *);
enum sv_err	collab_doc_followup(struct sv_store *, int64_t agreement_id,
		    int64_t now, struct sv_arena *, struct rdoc **out,
		    struct sv_diag *);

#endif
