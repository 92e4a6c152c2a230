/*
 * Responses: the one mapping from the project's error enum to HTTP status,
 * the error body {"error":{"code","message","field"}}, and JSON replies.
 */
#include <stdlib.h>
#include <string.h>

#include "http.h"

/* Indexed by enum sv_err. SV_ERR_INVALID is 422 unless malformed (400). */
static const int err_status[SV_ERR__MAX] = {
	[SV_OK] = 200,
	[SV_ERR_INVALID] = 422,
	[SV_ERR_NOTFOUND] = 404,
	[SV_ERR_CONFLICT] = 409,
	[SV_ERR_UNAUTH] = 401,
	[SV_ERR_FORBIDDEN] = 403,
	[SV_ERR_TOOLARGE] = 413,
	[SV_ERR_MEDIA] = 415,
	[SV_ERR_METHOD] = 405,
	[SV_ERR_RATELIMIT] = 429,
	[SV_ERR_IO] = 500,
	[SV_ERR_DB] = 500,
	[SV_ERR_INTERNAL] = 500,
	[SV_ERR_TOTP] = 401,
};

int
http_status_of(enum sv_err e, int malformed)
{
	if ((unsigned)e >= SV_ERR__MAX)
		return 500;
	if (e == SV_ERR_INVALID && malformed)
		return 400;
	return err_status[e];
}

void
http_add_header(struct http_response *r, const char *name, const char *value)
{
	int i;

	for (i = 0; i < r->nheaders; i++)
		if (strcmp(r->headers[i].name, name) == 0) {
			r->headers[i].value = value;
			return;
		}
	if (r->nheaders < HTTP_RESPONSE_HEADERS) {
		r->headers[r->nheaders].name = name;
		r->headers[r->nheaders].value = value;
		r->nheaders++;
	}
}

enum sv_err
http_reply_json(struct http_response *r, int status, json_t *v)
{
	char *s;

	if (v == NULL)
		v = json_object();
	s = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(15));
	json_decref(v);
	if (s == NULL)
		return SV_ERR_INTERNAL;
	sv_buf_reset(&r->body);
	if (sv_buf_puts(&r->body, s) != SV_OK) {
		free(s);
		return SV_ERR_TOOLARGE;
	}
	free(s);
	r->status = status;
	r->content_type = "application/json";
	return SV_OK;
}

void
http_reply_empty(struct http_response *r, int status)
{
	sv_buf_reset(&r->body);
	r->status = status;
	r->content_type = NULL;
}

/*
 * Copies s with every byte that is not part of valid UTF-8 replaced by
 * '?', so a field name taken from a query string cannot break the JSON.
 */
static void
utf8_clean(char *out, size_t outlen, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0, k, need;

	while (*p != '\0' && o + 5 < outlen) {
		if (*p < 0x80)
			need = 0;
		else if (*p >= 0xc2 && *p <= 0xdf)
			need = 1;
		else if (*p >= 0xe0 && *p <= 0xef)
			need = 2;
		else if (*p >= 0xf0 && *p <= 0xf4)
			need = 3;
		else
			need = 9;
		for (k = 1; need != 9 && k <= need; k++)
			if ((p[k] & 0xc0) != 0x80)
				need = 9;
		if (need == 9) {
			out[o++] = '?';
			p++;
			continue;
		}
		for (k = 0; k <= need; k++)
			out[o++] = (char)p[k];
		p += need + 1;
	}
	out[o] = '\0';
}

void
http_reply_error(struct http_response *r, enum sv_err e, int malformed,
    const struct sv_diag *d)
{
	char msg[SV_DIAG_MSG], field[SV_DIAG_FIELD];
	int status = http_status_of(e, malformed);

	utf8_clean(msg, sizeof(msg), d != NULL && d->message[0] ?
	    d->message : sv_strerror(e));
	utf8_clean(field, sizeof(field), d != NULL ? d->field : "");

	/* Internal detail (SQL text, paths) stays in the log. */
	if (status >= 500)
		utf8_clean(msg, sizeof(msg), sv_strerror(e));
	sv_buf_reset(&r->body);
	sv_buf_puts(&r->body, "{\"error\":{\"code\":");
	sv_buf_json_str(&r->body, sv_errcode(e));
	sv_buf_puts(&r->body, ",\"message\":");
	sv_buf_json_str(&r->body, msg);
	sv_buf_puts(&r->body, ",\"field\":");
	if (field[0] != '\0' && status < 500)
		sv_buf_json_str(&r->body, field);
	else
		sv_buf_puts(&r->body, "null");
	sv_buf_puts(&r->body, "}}");
	r->status = status;
	r->content_type = "application/json";
}
