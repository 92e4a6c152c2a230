/*
 * Error codes and the diagnostic struct that carries validation detail.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

static const char *const err_codes[SV_ERR__MAX] = {
	[SV_OK] = "ok",
	[SV_ERR_INVALID] = "invalid",
	[SV_ERR_NOTFOUND] = "not_found",
	[SV_ERR_CONFLICT] = "conflict",
	[SV_ERR_UNAUTH] = "unauthenticated",
	[SV_ERR_FORBIDDEN] = "forbidden",
	[SV_ERR_TOOLARGE] = "too_large",
	[SV_ERR_MEDIA] = "unsupported_media_type",
	[SV_ERR_METHOD] = "method_not_allowed",
	[SV_ERR_RATELIMIT] = "rate_limited",
	[SV_ERR_IO] = "io_error",
	[SV_ERR_DB] = "database_error",
	[SV_ERR_INTERNAL] = "internal_error",
	[SV_ERR_TOTP] = "totp_required",
};

static const char *const err_texts[SV_ERR__MAX] = {
	[SV_OK] = "success",
	[SV_ERR_INVALID] = "invalid input",
	[SV_ERR_NOTFOUND] = "not found",
	[SV_ERR_CONFLICT] = "conflict with existing data",
	[SV_ERR_UNAUTH] = "authentication required",
	[SV_ERR_FORBIDDEN] = "not allowed for this role or organisation",
	[SV_ERR_TOOLARGE] = "input too large",
	[SV_ERR_MEDIA] = "unsupported media type",
	[SV_ERR_METHOD] = "method not allowed",
	[SV_ERR_RATELIMIT] = "too many attempts, try again later",
	[SV_ERR_IO] = "input/output error",
	[SV_ERR_DB] = "database error",
	[SV_ERR_INTERNAL] = "internal error",
	[SV_ERR_TOTP] = "a code from the authenticator app is needed",
};

const char *
sv_errcode(enum sv_err e)
{
	if ((unsigned)e >= SV_ERR__MAX)
		return "internal_error";
	return err_codes[e];
}

const char *
sv_strerror(enum sv_err e)
{
	if ((unsigned)e >= SV_ERR__MAX)
		return "unknown error";
	return err_texts[e];
}

void
sv_diag_clear(struct sv_diag *d)
{
	if (d == NULL)
		return;
	d->field[0] = '\0';
	d->message[0] = '\0';
	d->line = 0;
}

enum sv_err
sv_diag_set(struct sv_diag *d, enum sv_err err, const char *field,
    const char *fmt, ...)
{
	va_list ap;

	if (d == NULL)
		return err;
	snprintf(d->field, sizeof(d->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(d->message, sizeof(d->message), fmt, ap);
	va_end(ap);
	return err;
}
