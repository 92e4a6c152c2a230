/*
 * The bytes of a rendered document (domain/document.h): the record a
 * document of each kind is made from -- an agreement (the agreement
 * with its attachments, or its follow-up report), an action plan, or a
 * meeting (its minutes) -- rendered to PDF by render/doc.h. Minutes are
 * built here: body, time, place, attendees, agenda, the minutes text and
 * the decisions by paragraph.
 *
 * Memory: strings in the arena; the PDF goes to a caller's sv_buf.
 */
#ifndef SV_DOC_SOURCE_H
#define SV_DOC_SOURCE_H

#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/document.h"

struct sv_store;
struct rdoc;

struct doc_source {
	int64_t		 agreement_id;	/* of the source record */
	const char	*title;		/* a default title (arena) */
	const char	*file_name;	/* "overenskommelse-3.pdf" (arena) */
};

/*
 * Renders document kind k from record source_id as of now (0 = the
 * clock) to PDF in out, as viewer sees the record (the sharing rules of
 * render/collab_doc.h). Errors: SV_ERR_INVALID (field source_id: no
 * such record, or kind fil), SV_ERR_INTERNAL (cairo), SV_ERR_DB.
 */
enum sv_err	doc_source_render(struct sv_store *,
		    const struct sv_actor *viewer, enum sv_doc_kind k,
		    int64_t source_id, int64_t now, struct sv_arena *,
		    struct sv_buf *out, struct doc_source *info,
		    struct sv_diag *);

/*
 * The minutes of meeting id as document blocks, and their title.
 * Errors: SV_ERR_NOTFOUND, SV_ERR_DB.
 */
enum sv_err	doc_source_minutes(struct sv_store *, int64_t meeting_id,
		    int64_t now, struct sv_arena *, struct rdoc **out,
		    const char **title, struct sv_diag *);

#endif
