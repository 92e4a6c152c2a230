/*
 * Agreements, parties, signatories, principles, geographic focus, status
 * history, attachments and the information-duty log: field tables and
 * rules (see agreement.h).
 */
#include <inttypes.h>
#include <string.h>

#include "domain/agreement.h"
#include "domain/collab_def.h"
#include "domain/dom.h"
#include "domain/organisation.h"

const char *const sv_agr_status_names[SV_AGR__MAX] = {
	"utkast", "gallande", "upphord",
};

static const char *const agr_kinds[] = {
	"samverkansoverenskommelse", "lokal_overenskommelse",
	"ramoverenskommelse", "operativ_overenskommelse", "avsiktsforklaring",
	"medborgarloftesavtal",
};
static const char *const agr_status[] = { "utkast", "gallande", "upphord" };
static const char *const agr_ext[] = {
	"ingen", "antagen", "automatisk", "genom_beslut",
};
static const char *const att_kinds[] = {
	"lagesbild", "atgardsplan", "handlingsplan", "genomforandeplan",
	"uppfoljningsplan", "kommunikationsplan", "kontaktuppgifter",
	"overgripande_overenskommelse", "medborgarloften", "tillagg", "ovrig",
};

enum sv_err
agreement_status_of(struct sv_store *s, int64_t id, enum sv_agr_status *out,
    struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_CO_AGR_STATUS_OF);
	enum sv_err e;
	int row, k;

	stmt_bind_int(st, 1, id);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	if (!row)
		return sv_diag_set(d, SV_ERR_NOTFOUND, "agreement",
		    "no agreement %" PRId64, id);
	k = dom_lookup(sv_agr_status_names, SV_AGR__MAX, stmt_text(st, 0));
	stmt_reset(st);
	*out = k < 0 ? SV_AGR_UTKAST : (enum sv_agr_status)k;
	return SV_OK;
}

enum sv_err
attachment_adoption(struct sv_store *s, int64_t attachment_id,
    struct sv_arena *a, struct sv_adoption *out, struct sv_diag *d)
{
	struct sv_stmt *st = store_stmt(s, SQL_CO_ATTACHMENT_ADOPTION);
	enum sv_err e;
	int row;

	memset(out, 0, sizeof(*out));
	stmt_bind_int(st, 1, attachment_id);
	if ((e = stmt_step(st, &row, d)) != SV_OK)
		return e;
	if (row) {
		out->decision_id = stmt_int(st, 0);
		out->paragraph = stmt_int(st, 1);
		out->meeting_id = stmt_int(st, 2);
		out->decided_at = stmt_int(st, 3);
		out->body = dom_col(a, st, 4);
	}
	stmt_reset(st);
	return SV_OK;
}

int
agreement_org_in_parties(struct sv_store *s, int64_t agreement_id,
    int64_t org_id)
{
	struct sv_stmt *st = store_stmt(s, SQL_CO_PARTY_ORGS);
	int64_t orgs[64];
	int row, n = 0, i;

	stmt_bind_int(st, 1, agreement_id);
	while (n < 64 && stmt_step(st, &row, NULL) == SV_OK && row)
		orgs[n++] = stmt_int(st, 0);
	stmt_reset(st);
	for (i = 0; i < n; i++)
		if (org_is_within(s, org_id, orgs[i]))
			return 1;
	return 0;
}

/* agreement */

static const struct co_field agreement_fields[] = {
	F_TEXT("title", CO_REQ, CO_SHORT, "Rubrik"),
	F_ENUM("kind", 0, agr_kinds, "samverkansoverenskommelse", "Slag"),
	F_TEXT("diarienummer", 0, 100, "Diarienummer"),
	F_REF("parent_id", 0, CO_AGREEMENT, "Överordnad överenskommelse"),
	F_REF("replaces_id", 0, CO_AGREEMENT, "Ersätter"),
	F_ENUM("status", 0, agr_status, "utkast", "Status"),
	F_DATE("valid_from", CO_REQ, "Gäller från"),
	F_DATE("valid_to", 0, "Gäller till"),
	F_BOOL("until_further_notice", "0", "Tills vidare"),
	F_ENUM("extension", 0, agr_ext, "ingen", "Förlängning"),
	F_INT("extension_months", 0, 1, 120, NULL, "Förlängning (månader)"),
	F_INT("revision_months", 0, 1, 120, NULL, "Revideras (månader)"),
	F_INT("lagesbild_revision_months", 0, 1, 120, NULL,
	    "Lägesbilden revideras (månader)"),
	F_TEXT("purpose", 0, CO_LONG, "Syfte"),
	F_TEXT("long_term_goal", 0, CO_LONG, "Långsiktigt mål"),
	F_BOOL("time_perspectives", "0", "Arbete i tre tidsperspektiv"),
	F_BOOL("info_duty", "0", "Informationsplikt"),
	F_TEXT("approved_by", 0, CO_SHORT, "Godkänd av"),
	F_TEXT("approval_case", 0, 100, "Beslutets diarienummer"),
	F_DATE("approval_date", 0, "Beslutsdatum"),
	F_TEXT("signed_place", 0, 100, "Ort för undertecknande"),
	F_DATE("signed_on", 0, "Undertecknad"),
	F_DATE("revised_on", 0, "Senast reviderad"),
};

static enum sv_err
agreement_check(struct co_ctx *c)
{
	struct co_val *from = co_rec_val(c->rec, "valid_from");
	struct co_val *to = co_rec_val(c->rec, "valid_to");
	struct co_val *tfn = co_rec_val(c->rec, "until_further_notice");
	struct co_val *st = co_rec_val(c->rec, "status");
	struct co_val *par = co_rec_val(c->rec, "parent_id");
	struct co_rec *p;
	int64_t cur;
	int depth;

	if (CO_HAS(to) && strcmp(to->s, from->s) < 0)
		return sv_diag_set(c->diag, SV_ERR_INVALID, "valid_to",
		    "valid_to is before valid_from");
	if (CO_HAS(to) && tfn->i)
		return sv_diag_set(c->diag, SV_ERR_INVALID, "valid_to",
		    "an agreement valid until further notice has no end "
		    "date");
	if (!CO_HAS(to) && !tfn->i)
		return sv_diag_set(c->diag, SV_ERR_INVALID, "valid_to",
		    "give valid_to or until_further_notice");
	if (c->old != NULL &&
	    strcmp(co_rec_val(c->old, "status")->s, "upphord") == 0 &&
	    strcmp(st->s, "upphord") != 0)
		return sv_diag_set(c->diag, SV_ERR_CONFLICT, "status",
		    "an ended agreement cannot be reopened; make a new one");
	if (CO_HAS(par) && c->old != NULL) {
		cur = par->i;
		for (depth = 0; cur != 0 && depth < 32; depth++) {
			if (cur == c->old->id)
				return sv_diag_set(c->diag, SV_ERR_INVALID,
				    "parent_id", "the parent agreement would "
				    "make a cycle");
			if (co_get(c->store, CO_AGREEMENT, cur, c->arena, &p,
			    NULL) != SV_OK)
				break;
			cur = co_rec_val(p, "parent_id")->null ? 0 :
			    co_rec_val(p, "parent_id")->i;
		}
	}
	return SV_OK;
}

/* Records the status in the history when it is new or changed. */
static enum sv_err
agreement_after(struct co_ctx *c)
{
	struct co_val *st = co_rec_val(c->rec, "status");
	struct co_rec *h;

	if (c->old != NULL &&
	    strcmp(co_rec_val(c->old, "status")->s, st->s) == 0)
		return SV_OK;
	h = co_rec_new(c->arena, CO_AGR_STATUS);
	h->v[0] = (struct co_val){ .set = 1, .s = st->s };
	h->v[1] = (struct co_val){ .set = 1, .i = dom_now() };
	h->v[2] = (struct co_val){ .set = 1, .null = c->actor->user_id == 0,
	    .i = c->actor->user_id };
	return co_insert_raw(c->store, c->rec->id, h, NULL, c->diag);
}

static enum sv_err
agreement_check_delete(struct co_ctx *c)
{
	if (strcmp(co_rec_val(c->rec, "status")->s, "utkast") != 0)
		return sv_diag_set(c->diag, SV_ERR_CONFLICT, "status",
		    "only a draft agreement can be deleted; end it instead");
	return SV_OK;
}

const struct co_desc co_desc_agreement = {
	CO_AGREEMENT, "agreements", CO__MAX, 0, 0, agreement_fields,
	CO_NELEM(agreement_fields), CO_SQL(AGREEMENT), agreement_check,
	agreement_after, agreement_check_delete, "Överenskommelse",
};

/* parties */

static const struct co_field party_fields[] = {
	F_ORG("organisation", CO_REQ, "Organisation"),
	F_TEXT("designation", 0, 100, "Benämning i avtalet"),
	F_TEXT("role", 0, CO_LONG, "Roll och åtagande"),
	F_TEXT("address", 0, CO_SHORT, "Postadress"),
	F_INT("position", 0, 0, 1000, "0", "Ordning"),
};

const struct co_desc co_desc_party = {
	CO_PARTY, "parties", CO_AGREEMENT, 1, 0, party_fields,
	CO_NELEM(party_fields), CO_SQL(PARTY), NULL, NULL, NULL, "Part",
};

/* signatories */

static const struct co_field signatory_fields[] = {
	F_ORG("organisation", CO_REQ, "Organisation"),
	F_TEXT("name", CO_REQ, 200, "Namn"),
	F_TEXT("title", CO_REQ, CO_SHORT, "Titel"),
	F_DATE("signed_on", 0, "Undertecknat"),
	F_BOOL("acting", "0", "Tillförordnad"),
	F_INT("position", 0, 0, 1000, "0", "Ordning"),
};

static enum sv_err
signatory_check(struct co_ctx *c)
{
	struct co_val *o = co_rec_val(c->rec, "organisation");

	if (!agreement_org_in_parties(c->store, c->rec->agreement_id, o->i))
		return sv_diag_set(c->diag, SV_ERR_INVALID, "organisation",
		    "%s is not a party of the agreement (nor part of one)",
		    o->s);
	return SV_OK;
}

const struct co_desc co_desc_signatory = {
	CO_SIGNATORY, "signatories", CO_AGREEMENT, 1, 0, signatory_fields,
	CO_NELEM(signatory_fields), CO_SQL(SIGNATORY), signatory_check, NULL,
	NULL, "Undertecknare",
};

/* principles */

static const struct co_field principle_fields[] = {
	F_INT("position", 0, 0, 1000, "0", "Ordning"),
	F_TEXT("title", CO_REQ, CO_SHORT, "Princip"),
	F_TEXT("description", 0, CO_LONG, "Innebörd"),
};

const struct co_desc co_desc_principle = {
	CO_PRINCIPLE, "principles", CO_AGREEMENT, 1, 0, principle_fields,
	CO_NELEM(principle_fields), CO_SQL(PRINCIPLE), NULL, NULL, NULL,
	"Princip",
};

/* geographic focus */

static const struct co_field agr_area_fields[] = {
	F_AREA("area_id", CO_REQ, "Område"),
	F_TEXT("reason", 0, CO_LONG, "Motivering"),
};

const struct co_desc co_desc_agr_area = {
	CO_AGR_AREA, "geographic-focus", CO_AGREEMENT, 1, 0, agr_area_fields,
	CO_NELEM(agr_area_fields), CO_SQL(AGR_AREA), NULL, NULL, NULL,
	"Geografiskt fokus",
};

/* status history (kept by the program) */

static const struct co_field agr_status_fields[] = {
	F_ENUM("status", CO_RO, agr_status, NULL, "Status"),
	F_INSTANT("changed_at", CO_RO, "Ändrad"),
	F_INT("changed_by", CO_RO, 0, INT64_MAX, NULL, "Ändrad av"),
};

const struct co_desc co_desc_agr_status = {
	CO_AGR_STATUS, "status-history", CO_AGREEMENT, 1, 1,
	agr_status_fields, CO_NELEM(agr_status_fields), CO_SQL(AGR_STATUS),
	NULL, NULL, NULL, "Statushistorik",
};

/* attachments */

static const struct co_field attachment_fields[] = {
	F_INT("number", CO_REQ, 1, 99, NULL, "Bilaga nr"),
	F_ENUM("kind", CO_REQ, att_kinds, NULL, "Slag"),
	F_TEXT("title", CO_REQ, CO_SHORT, "Rubrik"),
	F_INT("version", CO_REQ, 1, 999, NULL, "Version"),
	F_DATE("dated", CO_REQ, "Daterad"),
	F_TEXT("content", 0, CO_HUGE, "Innehåll"),
	F_TEXT("file_name", 0, 200, "Filnamn"),
	F_TEXT("media_type", 0, 100, "Filtyp"),
	F_BLOB("file", CO_NOLIST, 700000, "Fil"),
};

static enum sv_err
attachment_frozen(struct co_ctx *c, int64_t id)
{
	struct sv_adoption ad;
	enum sv_err e;

	if ((e = attachment_adoption(c->store, id, c->arena, &ad,
	    c->diag)) != SV_OK)
		return e;
	if (ad.decision_id != 0)
		return sv_diag_set(c->diag, SV_ERR_CONFLICT, "attachment",
		    "attachment version %" PRId64 " was adopted by decision "
		    "§%" PRId64 " and cannot change; add a new version", id,
		    ad.paragraph);
	return SV_OK;
}

static enum sv_err
attachment_check(struct co_ctx *c)
{
	struct co_val *file = co_rec_val(c->rec, "file");
	enum sv_err e;

	if (c->old != NULL && (e = attachment_frozen(c, c->old->id)) != SV_OK)
		return e;
	if (!CO_HAS(co_rec_val(c->rec, "content")) && !CO_HAS(file))
		return sv_diag_set(c->diag, SV_ERR_INVALID, "content",
		    "an attachment needs content or a file");
	if (CO_HAS(file) && (!CO_HAS(co_rec_val(c->rec, "file_name")) ||
	    !CO_HAS(co_rec_val(c->rec, "media_type"))))
		return sv_diag_set(c->diag, SV_ERR_INVALID, "file_name",
		    "a file needs file_name and media_type");
	return SV_OK;
}

static enum sv_err
attachment_check_delete(struct co_ctx *c)
{
	return attachment_frozen(c, c->rec->id);
}

const struct co_desc co_desc_attachment = {
	CO_ATTACHMENT, "attachments", CO_AGREEMENT, 1, 0, attachment_fields,
	CO_NELEM(attachment_fields), CO_SQL(ATTACHMENT), attachment_check,
	NULL, attachment_check_delete, "Bilaga",
};

/* information duty */

static const struct co_field info_fields[] = {
	F_ORG("from_organisation", CO_REQ, "Från part"),
	F_ORG("to_organisation", CO_REQ, "Till part"),
	F_DATE("occurred_on", CO_REQ, "Händelsedatum"),
	F_INSTANT("reported_at", CO_REQ, "Informerad"),
	F_TEXT("reported_by", CO_REQ, 200, "Informerad av (funktion)"),
	F_TEXT("reported_to", CO_REQ, 200, "Mottagare (funktion)"),
	F_TEXT("summary", CO_REQ, CO_LONG, "Händelse"),
	F_INSTANT("acknowledged_at", 0, "Kvitterad"),
	F_TEXT("acknowledged_by", 0, 200, "Kvitterad av"),
};

static enum sv_err
info_check(struct co_ctx *c)
{
	struct co_val *f = co_rec_val(c->rec, "from_organisation");
	struct co_val *t = co_rec_val(c->rec, "to_organisation");
	struct co_val *ra = co_rec_val(c->rec, "reported_at");
	struct co_val *aa = co_rec_val(c->rec, "acknowledged_at");
	struct co_val *ab = co_rec_val(c->rec, "acknowledged_by");

	if (!agreement_org_in_parties(c->store, c->rec->agreement_id, f->i))
		return sv_diag_set(c->diag, SV_ERR_INVALID,
		    "from_organisation", "%s is not a party", f->s);
	if (!agreement_org_in_parties(c->store, c->rec->agreement_id, t->i))
		return sv_diag_set(c->diag, SV_ERR_INVALID,
		    "to_organisation", "%s is not a party", t->s);
	if (f->i == t->i)
		return sv_diag_set(c->diag, SV_ERR_INVALID, "to_organisation",
		    "information goes to the other party");
	if (CO_HAS(aa) && aa->i < ra->i)
		return sv_diag_set(c->diag, SV_ERR_INVALID, "acknowledged_at",
		    "acknowledged before it was reported");
	if (CO_HAS(aa) != CO_HAS(ab))
		return sv_diag_set(c->diag, SV_ERR_INVALID, "acknowledged_by",
		    "give acknowledged_at and acknowledged_by together");
	return SV_OK;
}

const struct co_desc co_desc_info_event = {
	CO_INFO_EVENT, "information-events", CO_AGREEMENT, 1, 0, info_fields,
	CO_NELEM(info_fields), CO_SQL(INFO_EVENT), info_check, NULL, NULL,
	"Informationsplikt",
};
