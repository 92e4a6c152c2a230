/*
 * Who is acting: the user, their organisation and role, passed to every
 * domain function that reads or changes data. Rights are checked in the
 * domain, default deny. Roles from weakest to strongest: lasare (read),
 * rapportor (report incidents), samordnare (coordinator), admin.
 */
#ifndef SV_ACTOR_H
#define SV_ACTOR_H

#include <stdint.h>

#include "core/err.h"

enum sv_role {
	SV_ROLE_LASARE,
	SV_ROLE_RAPPORTOR,
	SV_ROLE_SAMORDNARE,
	SV_ROLE_ADMIN,
	SV_ROLE__MAX
};
/* "lasare", "rapportor", "samordnare", "admin". */
extern const char *const sv_role_names[SV_ROLE__MAX];

struct sv_actor {
	int64_t		user_id;	/* 0 for the system */
	int64_t		org_id;		/* 0 for the system */
	enum sv_role	role;
	int		system;		/* CLI and importers: all rights */
};

/* The all-rights actor used by the command line tools. */
void		actor_system(struct sv_actor *);
/*
 * Parses a role name; also accepts the Swedish spellings "läsare" and
 * "rapportör". Returns SV_ERR_INVALID (field in diag) if unknown.
 */
enum sv_err	role_parse(const char *s, enum sv_role *out, const char *field,
		    struct sv_diag *);
/* 1 if the actor has at least role r (the system always has). */
int		actor_has_role(const struct sv_actor *, enum sv_role r);
/* SV_OK or SV_ERR_FORBIDDEN with a message in diag. */
enum sv_err	actor_require(const struct sv_actor *, enum sv_role r,
		    struct sv_diag *);

#endif
