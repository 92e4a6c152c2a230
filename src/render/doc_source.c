/*
 * Rendering a document's source record to PDF: the collaboration's own
 * documents (render/collab_doc.h) and the minutes of a meeting, built
 * here from the meeting, its body, attendees and decisions.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/svtime.h"
#include "domain/collab.h"
#include "render/collab_doc.h"
#include "render/doc.h"
#include "render/doc_source.h"

static const char *
txt(const struct co_rec *r, const char *name)
{
	const struct co_val *v = co_rec_val(r, name);

	return v->set && !v->null ? v->s : NULL;
}

enum sv_err
doc_source_minutes(struct sv_store *s, int64_t meeting_id, int64_t now,
    struct sv_arena *a, struct rdoc **out, const char **title,
    struct sv_diag *diag)
{
	struct co_rec *mt, *body, *agr, **att, **dec;
	size_t natt, ndec, i;
	struct sv_civil c;
	const char *who;
	struct rdoc *d;
	char day[11], dig[13];
	enum sv_err e;

	if ((e = co_get(s, CO_MEETING, meeting_id, a, &mt, diag)) != SV_OK ||
	    (e = co_get(s, CO_BODY, mt->parent_id, a, &body, diag)) != SV_OK ||
	    (e = co_get(s, CO_AGREEMENT, mt->agreement_id, a, &agr, diag)) !=
	    SV_OK || (e = co_list(s, CO_ATTENDEE, meeting_id, 0, a, &att,
	    &natt, diag)) != SV_OK || (e = co_list(s, CO_DECISION, meeting_id,
	    0, a, &dec, &ndec, diag)) != SV_OK)
		return e;
	sv_stockholm_civil(co_rec_val(mt, "starts_at")->i, &c);
	*title = sv_arena_printf(a, "Protokoll %s %04d-%02d-%02d",
	    txt(body, "name"), c.year, c.month, c.day);
	d = rdoc_new(a, *title);
	rdoc_addf(d, RDOC_TITLE, "Protokoll, %s", txt(body, "name"));
	rdoc_add(d, RDOC_KV, "Överenskommelse:", txt(agr, "title"));
	rdoc_add(d, RDOC_KV, "Tid:", sv_arena_printf(a,
	    "%04d-%02d-%02d kl. %02d.%02d", c.year, c.month, c.day, c.hour,
	    c.minute));
	if (txt(mt, "location"))
		rdoc_add(d, RDOC_KV, "Plats:", txt(mt, "location"));
	if (txt(mt, "status"))
		rdoc_add(d, RDOC_KV, "Status:", txt(mt, "status"));
	if (natt > 0) {
		rdoc_add(d, RDOC_H1, NULL, "Närvarande");
		for (i = 0; i < natt; i++) {
			who = txt(att[i], "person") ? txt(att[i], "person") :
			    txt(att[i], "function") ? txt(att[i], "function") :
			    "Ledamot";
			rdoc_addf(d, RDOC_ITEM, "%s%s%s", who,
			    txt(att[i], "organisation") ? ", " : "",
			    txt(att[i], "organisation") ?
			    txt(att[i], "organisation") : "");
		}
	}
	if (txt(mt, "agenda")) {
		rdoc_add(d, RDOC_H1, NULL, "Dagordning");
		rdoc_add(d, RDOC_P, NULL, txt(mt, "agenda"));
	}
	if (txt(mt, "minutes")) {
		rdoc_add(d, RDOC_H1, NULL, "Protokoll");
		rdoc_add(d, RDOC_P, NULL, txt(mt, "minutes"));
	}
	rdoc_add(d, RDOC_H1, NULL, "Beslut");
	if (ndec == 0)
		rdoc_add(d, RDOC_P, NULL, "Inga beslut fattades.");
	for (i = 0; i < ndec; i++)
		rdoc_add(d, RDOC_KV, sv_arena_printf(a, "§ %" PRId64 ":",
		    co_rec_val(dec[i], "paragraph")->i), txt(dec[i], "text"));
	co_date_of(now > 0 ? now : co_now(), day);
	rdoc_digest(d, dig);
	rdoc_footer(d, day, sv_arena_printf(a, "Protokoll, version %s", dig));
	*out = d;
	return SV_OK;
}

enum sv_err
doc_source_render(struct sv_store *s, const struct sv_actor *viewer,
    enum sv_doc_kind k, int64_t source_id, int64_t now, struct sv_arena *a, struct sv_buf *out,
    struct doc_source *info, struct sv_diag *diag)
{
	static const enum co_entity ent[SV_DOC_KIND__MAX] = {
		[SV_DOC_OVERENSKOMMELSE] = CO_AGREEMENT,
		[SV_DOC_HANDLINGSPLAN] = CO_PLAN,
		[SV_DOC_UPPFOLJNING] = CO_AGREEMENT,
		[SV_DOC_PROTOKOLL] = CO_MEETING,
		[SV_DOC_FIL] = CO__MAX,
	};
	struct co_rec *r, *agr;
	struct rdoc *d = NULL;
	enum sv_err e;

	memset(info, 0, sizeof(*info));
	if (ent[k] == CO__MAX)
		return sv_diag_set(diag, SV_ERR_INVALID, "source_id",
		    "a file is uploaded, not rendered");
	if ((e = co_get(s, ent[k], source_id, a, &r, diag)) != SV_OK) {
		if (e == SV_ERR_NOTFOUND)
			e = sv_diag_set(diag, SV_ERR_INVALID, "source_id",
			    "no %s %" PRId64, co_desc(ent[k])->path,
			    source_id);
		return e;
	}
	info->agreement_id = ent[k] == CO_AGREEMENT ? r->id : r->agreement_id;
	if ((e = co_get(s, CO_AGREEMENT, info->agreement_id, a, &agr, diag)) !=
	    SV_OK)
		return e;
	switch (k) {
	case SV_DOC_OVERENSKOMMELSE:
		e = collab_doc_agreement(s, viewer, source_id, now, a, &d, diag);
		info->title = txt(agr, "title");
		break;
	case SV_DOC_HANDLINGSPLAN:
		e = collab_doc_plan(s, viewer, source_id, now, a, &d, diag);
		info->title = txt(r, "title");
		break;
	case SV_DOC_UPPFOLJNING:
		e = collab_doc_followup(s, viewer, source_id, now, a, &d, diag);
		info->title = sv_arena_printf(a, "Uppföljning: %s",
		    txt(agr, "title"));
		break;
	case SV_DOC_PROTOKOLL:
		e = doc_source_minutes(s, source_id, now, a, &d, &info->title,
		    diag);
		break;
	case SV_DOC_FIL:
	case SV_DOC_KIND__MAX:
	default:
		return SV_ERR_INTERNAL;
	}
	if (e != SV_OK)
		return e;
	info->file_name = sv_arena_printf(a, "%s-%" PRId64 ".pdf",
	    sv_doc_kind_names[k], source_id);
	if ((e = rdoc_pdf(d, out)) != SV_OK)
		return sv_diag_set(diag, e, "source_id",
		    "the document could not be rendered");
	return SV_OK;
}
