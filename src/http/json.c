/*
 * Strict JSON request bodies: jansson with duplicate keys refused, the
 * value tied to the request arena, and objects checked against a per-route
 * field spec (unknown keys refused, required keys present, types right).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "http.h"

static void
json_release(void *p)
{
	json_decref(p);
}

enum sv_err
http_json_decode(const char *body, size_t len, struct sv_arena *a,
    json_t **out, int *malformed, struct sv_diag *d)
{
	json_error_t jerr;
	json_t *v;

	*out = NULL;
	if (len == 0) {
		*malformed = 1;
		return sv_diag_set(d, SV_ERR_INVALID, "", "empty body");
	}
	v = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (v == NULL) {
		*malformed = 1;
		/* jansson says "duplicate object key" for JSON_REJECT_DUPLICATES. */
		if (strstr(jerr.text, "duplicate") != NULL)
			return sv_diag_set(d, SV_ERR_INVALID, "",
			    "duplicate key at line %d column %d", jerr.line,
			    jerr.column);
		return sv_diag_set(d, SV_ERR_INVALID, "",
		    "malformed JSON at line %d column %d: %s", jerr.line,
		    jerr.column, jerr.text);
	}
	sv_arena_defer(a, json_release, v);
	*out = v;
	return SV_OK;
}

static int
type_ok(const json_t *v, enum http_jtype t)
{
	switch (t) {
	case HTTP_J_STRING:
		return json_is_string(v);
	case HTTP_J_INTEGER:
		return json_is_integer(v);
	case HTTP_J_NUMBER:
		return json_is_number(v);
	case HTTP_J_BOOLEAN:
		return json_is_boolean(v);
	case HTTP_J_OBJECT:
		return json_is_object(v);
	case HTTP_J_ARRAY:
		return json_is_array(v);
	case HTTP_J_ANY:
	case HTTP_J__MAX:
		break;
	}
	return 1;
}

static void
field_name(char *out, size_t outlen, const char *prefix, const char *key)
{
	if (prefix != NULL && *prefix != '\0')
		snprintf(out, outlen, "%s.%s", prefix, key);
	else
		snprintf(out, outlen, "%s", key);
}

enum sv_err
http_json_check(const json_t *obj, const struct http_field *spec,
    const char *prefix, int *malformed, struct sv_diag *d)
{
	const struct http_field *f;
	const char *key;
	json_t *v;
	char name[SV_DIAG_FIELD];

	if (!json_is_object(obj)) {
		*malformed = 1;
		return sv_diag_set(d, SV_ERR_INVALID, prefix ? prefix : "",
		    "expected a JSON object");
	}
	json_object_foreach((json_t *)(uintptr_t)obj, key, v) {
		for (f = spec; f != NULL && f->name != NULL; f++)
			if (strcmp(f->name, key) == 0)
				break;
		field_name(name, sizeof(name), prefix, key);
		if (f == NULL || f->name == NULL) {
			*malformed = 1;
			return sv_diag_set(d, SV_ERR_INVALID, name,
			    "unknown field");
		}
		if (json_is_null(v)) {
			if (!(f->flags & HTTP_F_NULLABLE))
				return sv_diag_set(d, SV_ERR_INVALID, name,
				    "must not be null");
			continue;
		}
		if (!type_ok(v, f->type))
			return sv_diag_set(d, SV_ERR_INVALID, name,
			    "expected %s %s", f->type == HTTP_J_INTEGER ||
			    f->type == HTTP_J_OBJECT ||
			    f->type == HTTP_J_ARRAY ? "an" : "a",
			    http_jtype_names[f->type]);
	}
	for (f = spec; f != NULL && f->name != NULL; f++) {
		if (!(f->flags & HTTP_F_REQUIRED))
			continue;
		v = json_object_get(obj, f->name);
		if (v == NULL || json_is_null(v)) {
			field_name(name, sizeof(name), prefix, f->name);
			return sv_diag_set(d, SV_ERR_INVALID, name,
			    "required");
		}
	}
	return SV_OK;
}

int
http_is_json_type(const char *ct, int geo)
{
	size_t n;

	if (ct == NULL)
		return 0;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	if (strncasecmp(ct, "application/json", strlen("application/json")) ==
	    0)
		n = strlen("application/json");
	else if (geo && strncasecmp(ct, "application/geo+json",
	    strlen("application/geo+json")) == 0)
		n = strlen("application/geo+json");
	else
		return 0;
	ct += n;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	return *ct == '\0' || *ct == ';';
}
