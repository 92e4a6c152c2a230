/*
 * Meetings of a body (agenda, attendees, minutes) and their decisions,
 * numbered by paragraph (§). A decision may adopt what it is about: an
 * attachment version, a priority (problem), an activity, an action plan
 * or a medborgarlöfte; the link must stay inside the agreement.
 *
 * Rules: a meeting ends after it starts and cannot be marked held before
 * it starts; minutes belong to a held meeting; decisions are taken at a
 * held meeting; an attachment is adopted only by a decision at a meeting
 * on or after the attachment's date, by one decision only, and such a
 * decision keeps its link (it cannot be deleted or repointed).
 */
#ifndef SV_MEETING_H
#define SV_MEETING_H

#include <stddef.h>

#include "core/buf.h"
#include "domain/collab.h"

/*
 * Writes the body's meetings as an iCalendar (RFC 5545) VCALENDAR into
 * out: one VEVENT per meeting with UID, DTSTAMP, DTSTART/DTEND in UTC,
 * SUMMARY, LOCATION, DESCRIPTION (the agenda) and STATUS (CANCELLED for
 * a cancelled meeting), lines folded at 75 octets, CRLF line ends.
 * Errors: SV_ERR_NOTFOUND (body), SV_ERR_DB, SV_ERR_TOOLARGE.
 */
enum sv_err	meeting_ical(struct sv_store *, int64_t body_id,
		    const char *host, struct sv_buf *out, struct sv_diag *);

#endif
