/*
 * Users: people of an organisation with one role. E-mail is unique (case
 * insensitive); passwords are stored as argon2id hashes
 * (crypto_pwhash_str); an alias may replace the display name for
 * protected police staff.
 *
 * Rights: an admin manages the users of their own organisation and the
 * organisations below it (an admin of a root organisation, i.e. one with
 * no parent, manages everyone). Memory: strings in the caller's arena.
 */
#ifndef SV_USER_H
#define SV_USER_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/mem.h"
#include "domain/actor.h"

struct sv_store;

#define SV_PASSWORD_MIN	10
#define SV_PASSWORD_MAX	1024

/* The password policy (creation, admin change, own change) on field. */
enum sv_err	user_password_valid(const char *password, const char *field,
		    struct sv_diag *);

struct sv_user {
	int64_t		 id;
	const char	*email;
	const char	*display_name;
	const char	*alias;		/* NULL if none */
	const char	*organisation;	/* org code */
	int64_t		 org_id;
	enum sv_role	 role;
	int		 active;
};

/*
 * Input for create and update. On update a NULL password keeps the old
 * one; every other field is the new value (merge a PATCH first).
 */
struct sv_user_input {
	const char	*email;
	const char	*password;
	const char	*organisation;	/* org code */
	const char	*role;
	const char	*display_name;	/* NULL = "" */
	const char	*alias;
	int		 active;	/* update only; create is active */
};

enum sv_err	user_create(struct sv_store *, const struct sv_actor *,
		    const struct sv_user_input *, int64_t *id, struct sv_diag *);
enum sv_err	user_get(struct sv_store *, const struct sv_actor *, int64_t id,
		    struct sv_arena *, struct sv_user *out, struct sv_diag *);
enum sv_err	user_get_by_email(struct sv_store *, const char *email,
		    struct sv_arena *, struct sv_user *out, struct sv_diag *);
/* The users the actor may manage, ordered by e-mail. */
enum sv_err	user_list(struct sv_store *, const struct sv_actor *,
		    struct sv_arena *, struct sv_user **items, size_t *n,
		    struct sv_diag *);
enum sv_err	user_update(struct sv_store *, const struct sv_actor *,
		    int64_t id, const struct sv_user_input *, struct sv_diag *);
/* Deactivates the user and revokes their sessions and tokens. */
enum sv_err	user_delete(struct sv_store *, const struct sv_actor *,
		    int64_t id, struct sv_diag *);

#endif
