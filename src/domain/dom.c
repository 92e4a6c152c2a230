/*
 * Domain helpers: clock, arena copies of column text, text checks.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "domain/dom.h"
#include "store/store.h"

int64_t
dom_now(void)
{
	const char *f = getenv("SV_FAKE_NOW");
	char *end;
	long long v;

	if (f != NULL && *f != '\0') {
		v = strtoll(f, &end, 10);
		if (*end == '\0')
			return v;
	}
	return (int64_t)time(NULL);
}

const char *
dom_col(struct sv_arena *a, struct sv_stmt *st, int col)
{
	const char *s = stmt_text(st, col);

	return s != NULL ? sv_arena_strdup(a, s) : NULL;
}

static int
utf8_valid(const unsigned char *s)
{
	while (*s) {
		int n;

		if (*s < 0x80)
			n = 0;
		else if ((*s & 0xe0) == 0xc0 && *s >= 0xc2)
			n = 1;
		else if ((*s & 0xf0) == 0xe0)
			n = 2;
		else if ((*s & 0xf8) == 0xf0 && *s <= 0xf4)
			n = 3;
		else
			return 0;
		s++;
		while (n-- > 0) {
			if ((*s & 0xc0) != 0x80)
				return 0;
			s++;
		}
	}
	return 1;
}

enum sv_err
dom_text(const char *s, const char *field, size_t max, int required,
    struct sv_diag *d)
{
	const unsigned char *p;

	if (s == NULL || *s == '\0') {
		if (required)
			return sv_diag_set(d, SV_ERR_INVALID, field,
			    "%s is required", field);
		return SV_OK;
	}
	if (strlen(s) > max)
		return sv_diag_set(d, SV_ERR_INVALID, field,
		    "%s is longer than %zu bytes", field, max);
	if (!utf8_valid((const unsigned char *)s))
		return sv_diag_set(d, SV_ERR_INVALID, field,
		    "%s is not valid UTF-8", field);
	for (p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r') ||
		    *p == 0x7f)
			return sv_diag_set(d, SV_ERR_INVALID, field,
			    "%s contains a control character", field);
	return SV_OK;
}

enum sv_err
dom_code(const char *s, const char *field, size_t max, struct sv_diag *d)
{
	const char *p;

	if (s == NULL || *s == '\0')
		return sv_diag_set(d, SV_ERR_INVALID, field, "%s is required",
		    field);
	if (strlen(s) > max)
		return sv_diag_set(d, SV_ERR_INVALID, field,
		    "%s is longer than %zu characters", field, max);
	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '_' || *p == '.' ||
		    *p == '-'))
			return sv_diag_set(d, SV_ERR_INVALID, field,
			    "%s may hold only letters A-Z, digits, '_', '.' "
			    "and '-'", field);
	return SV_OK;
}

int
dom_lookup(const char *const *names, int n, const char *s)
{
	int i;

	if (s == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (names[i] != NULL && strcmp(names[i], s) == 0)
			return i;
	return -1;
}

void
dom_sha256_hex(const void *p, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, p, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

void
dom_casefold(const char *s, char *out, size_t outlen)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;

	while (*p && o + 3 < outlen) {
		if (*p >= 'A' && *p <= 'Z') {
			out[o++] = (char)(*p + 32);
			p++;
		} else if (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0x9e &&
		    p[1] != 0x97) {
			/* Latin-1 capitals À..Þ -> à..þ */
			out[o++] = (char)0xc3;
			out[o++] = (char)(p[1] + 0x20);
			p += 2;
		} else
			out[o++] = (char)*p++;
	}
	out[o] = '\0';
}
