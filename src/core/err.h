/*
 * The project's one error enum. Every fallible function returns an
 * enum sv_err. Its mapping to HTTP status lives in http_status_of()
 * (src/http/response.c) and nowhere else; on the command line every error
 * is exit status 1 (cli_fail in src/cli/cli.c), bad usage 2. Validation
 * detail (which field, why) travels in struct sv_diag.
 */
#ifndef SV_ERR_H
#define SV_ERR_H

#include <stddef.h>

enum sv_err {
	SV_OK = 0,
	SV_ERR_INVALID,		/* input fails validation (field in diag) */
	SV_ERR_NOTFOUND,	/* the thing named does not exist */
	SV_ERR_CONFLICT,	/* unique key or state conflict */
	SV_ERR_UNAUTH,		/* no valid session or token */
	SV_ERR_FORBIDDEN,	/* authenticated but not allowed */
	SV_ERR_TOOLARGE,	/* input over a size cap */
	SV_ERR_MEDIA,		/* unsupported media type */
	SV_ERR_METHOD,		/* method not allowed on this path */
	SV_ERR_RATELIMIT,	/* too many attempts */
	SV_ERR_IO,		/* file or network I/O failed */
	SV_ERR_DB,		/* the database failed */
	SV_ERR_INTERNAL,	/* a bug or an unexpected library failure */
	SV_ERR_TOTP,		/* password right, second factor missing or wrong */
	SV_ERR__MAX
};

/* Machine-readable code ("invalid", "not_found", ...); static storage. */
const char	*sv_errcode(enum sv_err);
/* Human-readable English description; static storage. */
const char	*sv_strerror(enum sv_err);

#define SV_DIAG_FIELD	64
#define SV_DIAG_MSG	256

/*
 * Where a validation error happened: the field (JSON key, CSV column,
 * CLI option) and a message. Line is a file line or feature number
 * (0 when not applicable).
 */
struct sv_diag {
	char	field[SV_DIAG_FIELD];
	char	message[SV_DIAG_MSG];
	long	line;
};

void	sv_diag_clear(struct sv_diag *);
/* Sets field and a printf-formatted message; returns err for chaining. */
enum sv_err sv_diag_set(struct sv_diag *, enum sv_err err, const char *field,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
