/*
 * Medborgarlöften, partners, targets, linked activities and follow-up:
 * field tables and rules (see promise.h).
 */
#include <inttypes.h>
#include <string.h>

#include "domain/collab_def.h"
#include "domain/dom.h"
#include "domain/plan.h"
#include "domain/promise.h"

static const char *const parties[] = {
	"polisen", "kommunen", "gemensamt", "partner",
};
static const char *const target_kinds[] = {
	"takt", "antal", "tackning", "avsikt", "regel", "villkor",
};
static const char *const comparators[] = { "minst", "hogst", "exakt" };
static const char *const pers[] = {
	"dag", "vecka", "manad", "tertial", "ar", "period", "tillfalle",
};
static const char *const fu_status[] = {
	"ej_paborjad", "pagar", "delvis", "genomford", "ej_genomford",
};
static const char *const lights[] = { "gron", "gul", "rod" };

static const struct co_field promise_fields[] = {
	F_REF("plan_id", 0, CO_PLAN, "Åtgärdsplan"),
	F_TEXT("title", CO_REQ, CO_SHORT, "Rubrik"),
	F_DATE("period_from", CO_REQ, "Gäller från"),
	F_DATE("period_to", CO_REQ, "Gäller till"),
	F_AREA("area_id", 0, "Område"),
	F_REF("focus_area_id", 0, CO_FOCUS_AREA, "Fokusområde"),
	F_TEXT("purpose", 0, CO_LONG, "Syfte"),
	F_TEXT("stated_cause", 0, CO_LONG, "Därför (orsak)"),
	F_TEXT("police", 0, CO_LONG, "Polisen lovar"),
	F_TEXT("kommun", 0, CO_LONG, "Kommunen lovar"),
	F_TEXT("joint", 0, CO_LONG, "Vi lovar tillsammans"),
	F_INT("followup_months", 0, 1, 24, "4", "Uppföljning var (månader)"),
	F_BOOL("published", "0", "Publicerat"),
	F_DATE("published_on", CO_RO, "Publicerat den"),
};

/*
 * The residents have been given a published promise: it is followed up,
 * not rewritten or taken back (its targets, partners and follow-ups are
 * records of their own and go on).
 */
static enum sv_err
promise_frozen(struct co_ctx *c, const struct co_rec *r)
{
	const struct co_val *on;

	if (r == NULL || !co_rec_val(r, "published")->i)
		return SV_OK;
	on = co_rec_val(r, "published_on");
	return sv_diag_set(c->diag, SV_ERR_CONFLICT, "published",
	    "the promise was published on %s and does not change; follow it "
	    "up, or make a new one", CO_HAS(on) ? on->s : "an earlier day");
}

static enum sv_err
promise_check(struct co_ctx *c)
{
	struct co_val *pub = co_rec_val(c->rec, "published");
	struct co_val *pon = co_rec_val(c->rec, "published_on");
	char *today;
	enum sv_err e;

	if ((e = promise_frozen(c, c->old)) != SV_OK)
		return e;
	if (c->old == NULL && (e = plan_not_ended(c, "promises")) != SV_OK)
		return e;
	if (strcmp(co_rec_val(c->rec, "period_to")->s,
	    co_rec_val(c->rec, "period_from")->s) <= 0)
		return sv_diag_set(c->diag, SV_ERR_INVALID, "period_to",
		    "period_to must be after period_from");
	if (!CO_HAS(co_rec_val(c->rec, "police")) &&
	    !CO_HAS(co_rec_val(c->rec, "kommun")) &&
	    !CO_HAS(co_rec_val(c->rec, "joint")))
		return sv_diag_set(c->diag, SV_ERR_INVALID, "police",
		    "say what the police, the kommun or both promise");
	if (pub->i && !CO_HAS(pon)) {
		today = sv_arena_alloc(c->arena, 11);
		co_date_of(dom_now(), today);
		*pon = (struct co_val){ .set = 1, .s = today };
	} else if (!pub->i)
		*pon = (struct co_val){ .set = 1, .null = 1 };
	return SV_OK;
}

static enum sv_err
promise_check_delete(struct co_ctx *c)
{
	return promise_frozen(c, c->rec);
}

const struct co_desc co_desc_promise = {
	CO_PROMISE, "promises", CO_AGREEMENT, 1, 0, promise_fields,
	CO_NELEM(promise_fields), CO_SQL(PROMISE), promise_check, NULL,
	promise_check_delete,
	"Medborgarlöfte",
};

static const struct co_field partner_fields[] = {
	F_ORG("organisation", CO_REQ, "Partner"),
	F_TEXT("promises", CO_REQ, CO_LONG, "Partnern lovar"),
};

const struct co_desc co_desc_promise_partner = {
	CO_PROMISE_PARTNER, "promise-partners", CO_PROMISE, 1, 0, partner_fields,
	CO_NELEM(partner_fields), CO_SQL(PROMISE_PARTNER), NULL, NULL, NULL,
	"Partner",
};

static const struct co_field target_fields[] = {
	F_ENUM("party", CO_REQ, parties, NULL, "Vem"),
	F_ENUM("kind", CO_REQ, target_kinds, NULL, "Slag av mål"),
	F_TEXT("description", CO_REQ, CO_LONG, "Mål"),
	F_ENUM("comparator", 0, comparators, NULL, "Jämförelse"),
	F_NUM("value", 0, 0, 1000000000, "Värde"),
	F_TEXT("unit", 0, 100, "Enhet (vad som räknas)"),
	F_ENUM("per", 0, pers, NULL, "Per"),
};

static enum sv_err
target_check(struct co_ctx *c)
{
	const char *k = co_rec_val(c->rec, "kind")->s;

	if (strcmp(k, "takt") == 0 || strcmp(k, "antal") == 0 ||
	    strcmp(k, "tackning") == 0) {
		if (!CO_HAS(co_rec_val(c->rec, "value")))
			return sv_diag_set(c->diag, SV_ERR_INVALID, "value",
			    "a %s target needs a value", k);
		if (!CO_HAS(co_rec_val(c->rec, "unit")))
			return sv_diag_set(c->diag, SV_ERR_INVALID, "unit",
			    "a %s target defines the unit it counts", k);
	}
	if (strcmp(k, "takt") == 0 && !CO_HAS(co_rec_val(c->rec, "per")))
		return sv_diag_set(c->diag, SV_ERR_INVALID, "per",
		    "a rate says per what (dag, vecka, ...)");
	return SV_OK;
}

const struct co_desc co_desc_promise_target = {
	CO_PROMISE_TARGET, "promise-targets", CO_PROMISE, 1, 0, target_fields,
	CO_NELEM(target_fields), CO_SQL(PROMISE_TARGET), target_check, NULL,
	NULL, "Mål i löftet",
};

static const struct co_field pa_fields[] = {
	F_REF("activity_id", CO_REQ, CO_ACTIVITY, "Aktivitet"),
};

const struct co_desc co_desc_promise_activity = {
	CO_PROMISE_ACTIVITY, "promise-activities", CO_PROMISE, 1, 0,
	pa_fields, CO_NELEM(pa_fields), CO_SQL(PROMISE_ACTIVITY), NULL, NULL,
	NULL, "Aktivitet",
};

static const struct co_field fu_fields[] = {
	F_REF("target_id", 0, CO_PROMISE_TARGET, "Mål"),
	F_ENUM("party", CO_REQ, parties, NULL, "Rapporterat av"),
	F_DATE("period_from", CO_REQ, "Period från"),
	F_DATE("period_to", CO_REQ, "Period till"),
	F_DATE("reported_on", CO_REQ, "Rapporterat"),
	F_NUM("delivered", 0, 0, 1000000000, "Levererat"),
	F_ENUM("status", CO_REQ, fu_status, NULL, "Status"),
	F_ENUM("light", 0, lights, NULL, "Trafikljus"),
	F_TEXT("effect", 0, CO_LONG, "Effekt"),
	F_TEXT("shortfall_reason", 0, CO_LONG, "Skäl till avvikelse"),
	F_TEXT("note", 0, CO_LONG, "Kommentar"),
};

static enum sv_err
fu_check(struct co_ctx *c)
{
	struct co_val *t = co_rec_val(c->rec, "target_id");
	struct co_rec *tr;
	enum sv_err e;

	if (strcmp(co_rec_val(c->rec, "period_to")->s,
	    co_rec_val(c->rec, "period_from")->s) < 0)
		return sv_diag_set(c->diag, SV_ERR_INVALID, "period_to",
		    "period_to is before period_from");
	if (strcmp(co_rec_val(c->rec, "reported_on")->s,
	    co_rec_val(c->rec, "period_from")->s) < 0)
		return sv_diag_set(c->diag, SV_ERR_INVALID, "reported_on",
		    "reported before the period began");
	if (!CO_HAS(t))
		return SV_OK;
	if ((e = co_get(c->store, CO_PROMISE_TARGET, t->i, c->arena, &tr,
	    c->diag)) != SV_OK)
		return e;
	if (tr->parent_id != c->rec->parent_id)
		return sv_diag_set(c->diag, SV_ERR_INVALID, "target_id",
		    "target %" PRId64 " belongs to another promise", t->i);
	return SV_OK;
}

const struct co_desc co_desc_promise_followup = {
	CO_PROMISE_FOLLOWUP, "promise-followups", CO_PROMISE, 1, 0, fu_fields,
	CO_NELEM(fu_fields), CO_SQL(PROMISE_FOLLOWUP), fu_check, NULL, NULL,
	"Uppföljning",
};
