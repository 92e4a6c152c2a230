/*
 * Roles and the acting user: role names, parsing, and the rank check
 * every domain function uses (default deny).
 */
#include <string.h>

#include "domain/actor.h"
#include "domain/dom.h"

const char *const sv_role_names[SV_ROLE__MAX] = {
	"lasare", "rapportor", "samordnare", "admin",
};

void
actor_system(struct sv_actor *a)
{
	memset(a, 0, sizeof(*a));
	a->role = SV_ROLE_ADMIN;
	a->system = 1;
}

enum sv_err
role_parse(const char *s, enum sv_role *out, const char *field,
    struct sv_diag *d)
{
	int i = dom_lookup(sv_role_names, SV_ROLE__MAX, s);

	if (i < 0 && s != NULL) {
		if (strcmp(s, "läsare") == 0)
			i = SV_ROLE_LASARE;
		else if (strcmp(s, "rapportör") == 0)
			i = SV_ROLE_RAPPORTOR;
	}
	if (i < 0)
		return sv_diag_set(d, SV_ERR_INVALID, field,
		    "role must be one of lasare, rapportor, samordnare, admin");
	*out = (enum sv_role)i;
	return SV_OK;
}

int
actor_has_role(const struct sv_actor *a, enum sv_role r)
{
	if (a == NULL)
		return 0;
	return a->system || a->role >= r;
}

enum sv_err
actor_require(const struct sv_actor *a, enum sv_role r, struct sv_diag *d)
{
	if (actor_has_role(a, r))
		return SV_OK;
	return sv_diag_set(d, SV_ERR_FORBIDDEN, "",
	    "this needs the role %s or higher", sv_role_names[r]);
}
