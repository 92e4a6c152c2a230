/*
 * Governance bodies and their members: field tables and rules (see
 * body.h).
 */
#include <string.h>

#include "domain/body.h"
#include "domain/collab_def.h"

const char *const sv_cadence_names[SV_CAD__MAX] = {
	"per_ar", "veckovis", "varannan_vecka", "manadsvis", "kvartalsvis",
	"vid_behov",
};

static const char *const body_kinds[] = {
	"strategisk_ledning", "operativ_ledning", "styrgrupp",
	"beredningsgrupp", "projektgrupp", "arbetsgrupp", "est_grupp",
	"trygghetsrad", "brottsforebyggande_rad", "samordningsfunktion",
	"namnd", "ovrig",
};
static const char *const cadences[] = {
	"per_ar", "veckovis", "varannan_vecka", "manadsvis", "kvartalsvis",
	"vid_behov",
};
static const char *const member_roles[] = {
	"ledamot", "sammankallande", "ordforande", "vice_ordforande",
	"adjungerad", "sekreterare", "ersattare",
};

int
body_required_per_year(const struct co_rec *b)
{
	static const int implied[SV_CAD__MAX] = { 0, 52, 26, 12, 4, 0 };
	const struct co_val *min = co_rec_val(b, "meetings_min");
	const struct co_val *cad = co_rec_val(b, "cadence");

	if (CO_HAS(min))
		return (int)min->i;
	if (cad->i >= 0 && cad->i < SV_CAD__MAX)
		return implied[cad->i];
	return 0;
}

static const struct co_field body_fields[] = {
	F_ENUM("kind", CO_REQ, body_kinds, NULL, "Slag"),
	F_TEXT("name", CO_REQ, CO_SHORT, "Namn"),
	F_TEXT("mandate", 0, CO_LONG, "Mandat och uppdrag"),
	F_ENUM("cadence", CO_REQ, cadences, NULL, "Mötesrytm"),
	F_INT("meetings_min", 0, 0, 366, NULL, "Möten per år (minst)"),
	F_INT("meetings_max", 0, 0, 366, NULL, "Möten per år (högst)"),
	F_INT("weekday", 0, 1, 7, NULL, "Veckodag (1 = måndag)"),
	F_BOOL("permanent", "1", "Fast"),
	F_TEXT("mission", 0, CO_LONG, "Uppdrag (tillfällig grupp)"),
	F_DATE("established_on", 0, "Inrättad"),
	F_DATE("ends_on", 0, "Upphör"),
	F_REF("reports_to_id", 0, CO_BODY, "Rapporterar till"),
	F_REF("appointed_by_id", 0, CO_BODY, "Tillsatt av"),
	F_BOOL("may_co_opt", "0", "Kan adjungera"),
};

static enum sv_err
body_check(struct co_ctx *c)
{
	struct co_val *cad = co_rec_val(c->rec, "cadence");
	struct co_val *min = co_rec_val(c->rec, "meetings_min");
	struct co_val *max = co_rec_val(c->rec, "meetings_max");
	struct co_val *wd = co_rec_val(c->rec, "weekday");
	struct co_val *perm = co_rec_val(c->rec, "permanent");
	struct co_val *est = co_rec_val(c->rec, "established_on");
	struct co_val *end = co_rec_val(c->rec, "ends_on");

	if (cad->i == SV_CAD_PER_AR && !CO_HAS(min))
		return sv_diag_set(c->diag, SV_ERR_INVALID, "meetings_min",
		    "a yearly cadence needs meetings_min");
	if (cad->i == SV_CAD_VID_BEHOV && CO_HAS(min) && min->i > 0)
		return sv_diag_set(c->diag, SV_ERR_INVALID, "meetings_min",
		    "a body that meets as needed has no minimum");
	if (CO_HAS(min) && CO_HAS(max) && max->i < min->i)
		return sv_diag_set(c->diag, SV_ERR_INVALID, "meetings_max",
		    "meetings_max is below meetings_min");
	if (CO_HAS(wd) && cad->i != SV_CAD_VECKOVIS &&
	    cad->i != SV_CAD_VARANNAN_VECKA)
		return sv_diag_set(c->diag, SV_ERR_INVALID, "weekday",
		    "a weekday goes with a weekly or fortnightly cadence");
	if (!perm->i && !CO_HAS(co_rec_val(c->rec, "mission")))
		return sv_diag_set(c->diag, SV_ERR_INVALID, "mission",
		    "a temporary group needs its mission");
	if (perm->i && CO_HAS(end))
		return sv_diag_set(c->diag, SV_ERR_INVALID, "ends_on",
		    "a permanent body has no end date");
	if (CO_HAS(est) && CO_HAS(end) && strcmp(end->s, est->s) < 0)
		return sv_diag_set(c->diag, SV_ERR_INVALID, "ends_on",
		    "ends_on is before established_on");
	return SV_OK;
}

const struct co_desc co_desc_body = {
	CO_BODY, "bodies", CO_AGREEMENT, 1, 0, body_fields,
	CO_NELEM(body_fields), CO_SQL(BODY), body_check, NULL, NULL,
	"Organ",
};

static const struct co_field member_fields[] = {
	F_TEXT("function", CO_REQ, CO_SHORT, "Funktion"),
	F_ORG("organisation", 0, "Organisation"),
	F_TEXT("person", 0, 200, "Person"),
	F_BOOL("alias", "0", "Alias (skyddad identitet)"),
	F_ENUM("role", 0, member_roles, "ledamot", "Roll"),
	F_INT("position", 0, 0, 1000, "0", "Ordning"),
};

static enum sv_err
member_check(struct co_ctx *c)
{
	if (co_rec_val(c->rec, "alias")->i &&
	    !CO_HAS(co_rec_val(c->rec, "person")))
		return sv_diag_set(c->diag, SV_ERR_INVALID, "person",
		    "an alias needs the name to show in person");
	return SV_OK;
}

const struct co_desc co_desc_member = {
	CO_MEMBER, "members", CO_BODY, 1, 0, member_fields,
	CO_NELEM(member_fields), CO_SQL(MEMBER), member_check, NULL, NULL,
	"Ledamot",
};
