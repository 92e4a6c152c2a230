/*
 * What is due: everything in the collaboration that falls short, as one
 * list. Kinds: a body that has not met as often as its cadence requires
 * (over the last twelve months, or since it was set up), an agreement
 * past its revision date, a lägesbild past its revision date (the newest
 * adopted lägesbild attachment, else the agreement's start), an
 * agreement that ends within 90 days (or has ended but is still marked
 * in force) without automatic extension, attachment versions no decision
 * has adopted, activities overdue, activities without a responsible
 * organisation, published promises whose last reporting window (30 days
 * of grace) has no follow-up, and information-duty events not
 * acknowledged.
 */
#ifndef SV_DUE_H
#define SV_DUE_H

#include <stddef.h>
#include <stdint.h>

#include "domain/collab.h"

enum sv_due_kind {
	SV_DUE_BODY_MEETINGS,
	SV_DUE_AGREEMENT_REVISION,
	SV_DUE_LAGESBILD_REVISION,
	SV_DUE_AGREEMENT_EXPIRING,
	SV_DUE_ATTACHMENT_UNADOPTED,
	SV_DUE_ACTIVITY_OVERDUE,
	SV_DUE_ACTIVITY_NO_OWNER,
	SV_DUE_PROMISE_NO_FOLLOWUP,
	SV_DUE_INFO_UNACKNOWLEDGED,
	SV_DUE__MAX
};
/* "body_meetings", "agreement_revision", ... (API values). */
extern const char *const sv_due_kind_names[SV_DUE__MAX];
/* Swedish headings for the page and documents. */
extern const char *const sv_due_kind_labels[SV_DUE__MAX];

struct sv_due_item {
	enum sv_due_kind kind;
	int64_t		 agreement_id;
	enum co_entity	 entity;	/* what falls short */
	int64_t		 id;		/* its id */
	const char	*title;		/* its name */
	const char	*since;		/* "YYYY-MM-DD" it became due, or NULL */
	const char	*detail;	/* a Swedish sentence */
};

/*
 * The due list at instant now (0: the clock), for one agreement (agreement_id) or all
 * (0), ordered by kind. Items and strings in arena. Errors: SV_ERR_DB.
 */
enum sv_err	due_list(struct sv_store *, int64_t now, int64_t agreement_id,
		    struct sv_arena *, struct sv_due_item **items, size_t *n,
		    struct sv_diag *);

#endif
