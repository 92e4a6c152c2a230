/*
 * Agreements (samverkansöverenskommelser) and what hangs directly on
 * them: parties, signatories, working principles, the geographic focus,
 * the status history, dated attachment versions and the information-duty
 * log. The field tables are in agreement.c; the engine is collab.h.
 *
 * Rules: the validity is a from date and either a to date (not before
 * it) or "until further notice"; an ended agreement (upphord) stays
 * ended; a parent agreement may not make a cycle; a signatory signs for
 * a party (or an organisation below one); an attachment has text or a
 * file; an attachment version that a decision has adopted is frozen and
 * only counts from then on; an information event goes from one party to
 * another and is acknowledged after it was reported.
 */
#ifndef SV_AGREEMENT_H
#define SV_AGREEMENT_H

#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "store/store.h"

enum sv_agr_status {
	SV_AGR_UTKAST,
	SV_AGR_GALLANDE,
	SV_AGR_UPPHORD,
	SV_AGR__MAX
};
extern const char *const sv_agr_status_names[SV_AGR__MAX];

/*
 * The status of agreement id. Errors: SV_ERR_NOTFOUND, SV_ERR_DB.
 */
enum sv_err	agreement_status_of(struct sv_store *, int64_t id,
		    enum sv_agr_status *out, struct sv_diag *);

/* The decision that adopted an attachment version, if any. */
struct sv_adoption {
	int64_t		 decision_id;	/* 0: not adopted (a draft) */
	int64_t		 paragraph;
	int64_t		 meeting_id;
	int64_t		 decided_at;	/* the meeting's start */
	const char	*body;		/* the deciding body's name */
};

/* Fills *out for attachment id (strings in arena). Errors: SV_ERR_DB. */
enum sv_err	attachment_adoption(struct sv_store *, int64_t attachment_id,
		    struct sv_arena *, struct sv_adoption *out,
		    struct sv_diag *);

/*
 * 1 if org_id is one of the agreement's parties or lies below one
 * (a förvaltning of a party kommun).
 */
int		agreement_org_in_parties(struct sv_store *, int64_t agreement_id,
		    int64_t org_id);

#endif
