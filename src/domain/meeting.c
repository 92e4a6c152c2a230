/*
 * Meetings, attendees and decisions: field tables, rules (see meeting.h)
 * and the iCalendar export of a body's meetings, written by hand after
 * RFC 5545 (it is a small, line-based text format).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/svtime.h"
#include "domain/agreement.h"
#include "domain/collab_def.h"
#include "domain/dom.h"
#include "domain/meeting.h"

static const char *const meeting_status[] = {
	"planerat", "genomfort", "installt",
};
static const char *const decision_kinds[] = {
	"beslut", "antagande", "prioritering", "uppdrag", "tillsattning",
	"information",
};

/* meeting */

static const struct co_field meeting_fields[] = {
	F_INSTANT("starts_at", CO_REQ, "Börjar"),
	F_INSTANT("ends_at", 0, "Slutar"),
	F_TEXT("location", 0, CO_SHORT, "Plats"),
	F_ENUM("status", 0, meeting_status, "planerat", "Status"),
	F_TEXT("agenda", 0, CO_LONG, "Dagordning"),
	F_TEXT("minutes", 0, CO_HUGE, "Protokoll"),
};

static enum sv_err
meeting_check(struct co_ctx *c)
{
	struct co_val *st = co_rec_val(c->rec, "starts_at");
	struct co_val *en = co_rec_val(c->rec, "ends_at");
	struct co_val *status = co_rec_val(c->rec, "status");

	if (CO_HAS(en) && en->i <= st->i)
		return sv_diag_set(c->diag, SV_ERR_INVALID, "ends_at",
		    "ends_at must be after starts_at");
	if (strcmp(status->s, "genomfort") == 0 && st->i > dom_now())
		return sv_diag_set(c->diag, SV_ERR_INVALID, "status",
		    "a meeting in the future cannot have been held");
	if (CO_HAS(co_rec_val(c->rec, "minutes")) &&
	    strcmp(status->s, "genomfort") != 0)
		return sv_diag_set(c->diag, SV_ERR_INVALID, "minutes",
		    "minutes belong to a held meeting");
	return SV_OK;
}

static enum sv_err
meeting_check_delete(struct co_ctx *c)
{
	struct sv_stmt *st = store_stmt(c->store, SQL_CO_MEETING_ADOPTIONS);
	enum sv_err e;
	int row, n = 0;

	stmt_bind_int(st, 1, c->rec->id);
	if ((e = stmt_step(st, &row, c->diag)) != SV_OK)
		return e;
	if (row)
		n = (int)stmt_int(st, 0);
	stmt_reset(st);
	if (n > 0)
		return sv_diag_set(c->diag, SV_ERR_CONFLICT, "meeting",
		    "the meeting adopted attachments; its record stays");
	return SV_OK;
}

const struct co_desc co_desc_meeting = {
	CO_MEETING, "meetings", CO_BODY, 1, 0, meeting_fields,
	CO_NELEM(meeting_fields), CO_SQL(MEETING), meeting_check, NULL,
	meeting_check_delete, "Möte",
};

/* attendee */

static const struct co_field attendee_fields[] = {
	F_REF("member_id", 0, CO_MEMBER, "Ledamot"),
	F_TEXT("function", 0, CO_SHORT, "Funktion"),
	F_ORG("organisation", 0, "Organisation"),
	F_TEXT("person", 0, 200, "Person"),
};

static enum sv_err
attendee_check(struct co_ctx *c)
{
	struct co_val *m = co_rec_val(c->rec, "member_id");
	struct co_rec *mem, *mtg;
	enum sv_err e;

	if (!CO_HAS(m) && !CO_HAS(co_rec_val(c->rec, "function")))
		return sv_diag_set(c->diag, SV_ERR_INVALID, "function",
		    "name the member or the function of a guest");
	if (!CO_HAS(m))
		return SV_OK;
	if ((e = co_get(c->store, CO_MEMBER, m->i, c->arena, &mem,
	    c->diag)) != SV_OK)
		return e;
	if ((e = co_get(c->store, CO_MEETING, c->rec->parent_id, c->arena,
	    &mtg, c->diag)) != SV_OK)
		return e;
	if (mem->parent_id != mtg->parent_id)
		return sv_diag_set(c->diag, SV_ERR_INVALID, "member_id",
		    "member %" PRId64 " is not a member of this body", m->i);
	return SV_OK;
}

const struct co_desc co_desc_attendee = {
	CO_ATTENDEE, "attendees", CO_MEETING, 1, 0, attendee_fields,
	CO_NELEM(attendee_fields), CO_SQL(ATTENDEE), attendee_check, NULL,
	NULL, "Närvarande",
};

/* decision */

static const struct co_field decision_fields[] = {
	F_INT("paragraph", CO_REQ, 1, 9999, NULL, "Paragraf"),
	F_ENUM("kind", 0, decision_kinds, "beslut", "Slag"),
	F_TEXT("text", CO_REQ, CO_LONG, "Beslut"),
	F_REF("attachment_id", 0, CO_ATTACHMENT, "Antar bilaga"),
	F_REF("problem_id", 0, CO_PROBLEM, "Prioriterar problem"),
	F_REF("activity_id", 0, CO_ACTIVITY, "Beslutar aktivitet"),
	F_REF("plan_id", 0, CO_PLAN, "Antar åtgärdsplan"),
	F_REF("promise_id", 0, CO_PROMISE, "Antar medborgarlöfte"),
};

static enum sv_err
decision_check(struct co_ctx *c)
{
	struct co_val *att = co_rec_val(c->rec, "attachment_id");
	struct co_rec *mtg, *a;
	const char *ad;
	char day[11];
	enum sv_err e;

	if (c->old != NULL) {
		struct co_val *oa = co_rec_val(c->old, "attachment_id");

		if (CO_HAS(oa) && (!CO_HAS(att) || att->i != oa->i))
			return sv_diag_set(c->diag, SV_ERR_CONFLICT,
			    "attachment_id", "the decision adopted attachment "
			    "%" PRId64 "; that record stays", oa->i);
	}
	if ((e = co_get(c->store, CO_MEETING, c->rec->parent_id, c->arena,
	    &mtg, c->diag)) != SV_OK)
		return e;
	if (strcmp(co_rec_val(mtg, "status")->s, "genomfort") != 0)
		return sv_diag_set(c->diag, SV_ERR_CONFLICT, "meeting",
		    "decisions are taken at a held meeting; mark the meeting "
		    "held (genomfort) first");
	if (!CO_HAS(att))
		return SV_OK;
	if ((e = co_get(c->store, CO_ATTACHMENT, att->i, c->arena, &a,
	    c->diag)) != SV_OK)
		return e;
	co_date_of(co_rec_val(mtg, "starts_at")->i, day);
	ad = co_rec_val(a, "dated")->s;
	if (strcmp(ad, day) > 0)
		return sv_diag_set(c->diag, SV_ERR_INVALID, "attachment_id",
		    "the attachment is dated %s, after the meeting (%s)", ad,
		    day);
	return SV_OK;
}

static enum sv_err
decision_check_delete(struct co_ctx *c)
{
	if (CO_HAS(co_rec_val(c->rec, "attachment_id")))
		return sv_diag_set(c->diag, SV_ERR_CONFLICT, "attachment_id",
		    "a decision that adopted an attachment stays on record");
	return SV_OK;
}

const struct co_desc co_desc_decision = {
	CO_DECISION, "decisions", CO_MEETING, 1, 0, decision_fields,
	CO_NELEM(decision_fields), CO_SQL(DECISION), decision_check, NULL,
	decision_check_delete, "Beslut",
};

/* iCalendar */

static enum sv_err
ical_escape(struct sv_buf *b, const char *s)
{
	enum sv_err e = SV_OK;

	for (; s != NULL && *s && e == SV_OK; s++) {
		if (*s == '\\' || *s == ';' || *s == ',') {
			sv_buf_putc(b, '\\');
			e = sv_buf_putc(b, *s);
		} else if (*s == '\n')
			e = sv_buf_puts(b, "\\n");
		else if (*s != '\r')
			e = sv_buf_putc(b, *s);
	}
	return e;
}

/* Appends one content line, folded at 75 octets (not inside UTF-8). */
static enum sv_err
ical_line(struct sv_buf *out, const char *line)
{
	size_t n = strlen(line), i = 0, take, lim;
	enum sv_err e;

	for (;;) {
		lim = i == 0 ? 75 : 74;
		take = n - i <= lim ? n - i : lim;
		while (take > 0 && i + take < n &&
		    ((unsigned char)line[i + take] & 0xc0) == 0x80)
			take--;
		if (i > 0 && (e = sv_buf_putc(out, ' ')) != SV_OK)
			return e;
		if ((e = sv_buf_add(out, line + i, take)) != SV_OK ||
		    (e = sv_buf_puts(out, "\r\n")) != SV_OK)
			return e;
		i += take;
		if (i >= n)
			return SV_OK;
	}
}

static void
ical_time(int64_t t, char out[17])
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t sec = t - days * 86400;
	int y, m, d;

	sv_civil_from_days(days, &y, &m, &d);
	snprintf(out, 17, "%04u%02u%02uT%02u%02u%02uZ", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u, (unsigned)(sec / 3600) % 100u,
	    (unsigned)(sec / 60 % 60) % 100u, (unsigned)(sec % 60) % 100u);
}

enum sv_err
meeting_ical(struct sv_store *s, int64_t body_id, const char *host,
    struct sv_buf *out, struct sv_diag *diag)
{
	struct sv_arena *a = sv_arena_new();
	struct co_rec *body, **m;
	struct sv_buf l;
	char t1[17], t2[17], now[17];
	size_t n, i;
	enum sv_err e;
	const char *st;

	sv_buf_init(&l, 1 << 20);
	if ((e = co_get(s, CO_BODY, body_id, a, &body, diag)) != SV_OK ||
	    (e = co_list(s, CO_MEETING, body_id, 0, a, &m, &n, diag)) != SV_OK)
		goto out;
	ical_time(dom_now(), now);
	sv_buf_puts(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	    "PRODID:-//samverkan//samverkan//SV\r\nCALSCALE:GREGORIAN\r\n"
	    "METHOD:PUBLISH\r\n");
	sv_buf_reset(&l);
	sv_buf_puts(&l, "X-WR-CALNAME:");
	ical_escape(&l, co_rec_val(body, "name")->s);
	if ((e = ical_line(out, l.data)) != SV_OK)
		goto out;
	for (i = 0; i < n; i++) {
		const struct co_val *en = co_rec_val(m[i], "ends_at");

		st = co_rec_val(m[i], "status")->s;
		ical_time(co_rec_val(m[i], "starts_at")->i, t1);
		ical_time(CO_HAS(en) ? en->i :
		    co_rec_val(m[i], "starts_at")->i + 3600, t2);
		sv_buf_printf(out, "BEGIN:VEVENT\r\nUID:meeting-%" PRId64
		    "@%s\r\nDTSTAMP:%s\r\nDTSTART:%s\r\nDTEND:%s\r\n",
		    m[i]->id, host ? host : "samverkan", now, t1, t2);
		sv_buf_reset(&l);
		sv_buf_puts(&l, "SUMMARY:");
		ical_escape(&l, co_rec_val(body, "name")->s);
		if ((e = ical_line(out, l.data)) != SV_OK)
			goto out;
		if (CO_HAS(co_rec_val(m[i], "location"))) {
			sv_buf_reset(&l);
			sv_buf_puts(&l, "LOCATION:");
			ical_escape(&l, co_rec_val(m[i], "location")->s);
			if ((e = ical_line(out, l.data)) != SV_OK)
				goto out;
		}
		if (CO_HAS(co_rec_val(m[i], "agenda"))) {
			sv_buf_reset(&l);
			sv_buf_puts(&l, "DESCRIPTION:");
			ical_escape(&l, co_rec_val(m[i], "agenda")->s);
			if ((e = ical_line(out, l.data)) != SV_OK)
				goto out;
		}
		sv_buf_printf(out, "STATUS:%s\r\nEND:VEVENT\r\n",
		    strcmp(st, "installt") == 0 ? "CANCELLED" : "CONFIRMED");
	}
	e = sv_buf_puts(out, "END:VCALENDAR\r\n");
out:
	sv_buf_free(&l);
	sv_arena_free(a);
	return e;
}
