/*
 * Governance bodies of an agreement (strategisk ledning, styrgrupp,
 * beredningsgrupp, arbetsgrupper, EST-grupper, trygghetsråd, ...) and
 * their members by function. A body has a cadence: a number of meetings
 * a year (at least meetings_min, at most meetings_max), a weekly or
 * fortnightly rhythm on a weekday, monthly, quarterly, or as needed; a
 * reporting line (reports_to) and who appointed it; it is permanent or
 * temporary with a mission and an end date. Members are functions with
 * an organisation, an optional person (or an alias, for protected police
 * staff) and a role: member, convener, chair (two chairs share it),
 * co-opted, secretary.
 */
#ifndef SV_BODY_H
#define SV_BODY_H

#include "domain/collab.h"

enum sv_cadence {
	SV_CAD_PER_AR,
	SV_CAD_VECKOVIS,
	SV_CAD_VARANNAN_VECKA,
	SV_CAD_MANADSVIS,
	SV_CAD_KVARTALSVIS,
	SV_CAD_VID_BEHOV,
	SV_CAD__MAX
};
extern const char *const sv_cadence_names[SV_CAD__MAX];

/*
 * Meetings a year the body must hold: meetings_min when given, else what
 * the cadence implies (52, 26, 12, 4), 0 when it meets as needed.
 */
int	body_required_per_year(const struct co_rec *body);

#endif
