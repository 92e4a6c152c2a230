/*
 * The personal-data scanner of free text. One left-to-right pass; at each
 * position that can start a find it tries, in order, an e-mail address
 * (a local part followed by '@' and a domain with a top-level label), a
 * personnummer or samordningsnummer (the digit run must stand alone: no
 * digit right before or after it), and a phone number. Finds never
 * overlap: the scan resumes after each one.
 *
 * Phone numbers are recognised by shape only (there is no check digit):
 * "+46" or "0046" followed by 7-9 digits, or a leading '0' and 8-10
 * digits in all, digits grouped by spaces, '-', '/' or a "(0)" trunk
 * prefix. A date written 01-02-2026 has the same digits, so three groups
 * of 2, 2 and 4 digits are taken for a date, not a number.
 */
#include <string.h>

#include "core/buf.h"
#include "domain/pii.h"

const char *const sv_pii_kind_names[SV_PII__MAX] = {
	"personnummer", "samordningsnummer", "telefonnummer", "e-post",
};
const char *const sv_pii_mode_names[SV_PII_MODE__MAX] = { "refuse", "mask" };

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_local(int c)
{
	return is_alpha(c) || is_digit(c) || c == '.' || c == '_' ||
	    c == '%' || c == '+' || c == '-';
}

static int
is_label(int c)
{
	return is_alpha(c) || is_digit(c) || c == '-';
}

static int
luhn10(const char *d)
{
	int i, v, sum = 0;

	for (i = 0; i < 10; i++) {
		v = d[i] - '0';
		if (i % 2 == 0) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	return sum % 10 == 0;
}

/* year < 0: the century is unknown, so 29 February is allowed when the
 * two-digit year is a multiple of 4. */
static int
days_in_month(int year, int yy, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};
	int leap;

	if (m != 2)
		return days[m - 1];
	if (year >= 0)
		leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	else
		leap = yy % 4 == 0;
	return leap ? 29 : 28;
}

/* d: 10 digits YYMMDDNNNC; year the full year or -1. */
static int
pnr_digits(const char *d, int year, enum sv_pii_kind *kind)
{
	int yy = (d[0] - '0') * 10 + (d[1] - '0');
	int mm = (d[2] - '0') * 10 + (d[3] - '0');
	int dd = (d[4] - '0') * 10 + (d[5] - '0');
	enum sv_pii_kind k = SV_PII_PERSONNUMMER;

	if (mm < 1 || mm > 12)
		return 0;
	if (dd > 60) {
		dd -= 60;
		k = SV_PII_SAMORDNINGSNUMMER;
	}
	if (dd < 1 || dd > days_in_month(year, yy, mm))
		return 0;
	if (!luhn10(d))
		return 0;
	if (kind != NULL)
		*kind = k;
	return 1;
}

int
pii_personnummer(const char *s, size_t len, enum sv_pii_kind *kind)
{
	char d[12];
	size_t i, n = 0, sep = 0;
	int year, nsep = 0, plus = 0;

	for (i = 0; i < len; i++) {
		if (is_digit((unsigned char)s[i])) {
			if (n == sizeof(d))
				return 0;
			d[n++] = s[i];
		} else if (s[i] == '-' || s[i] == '+' || s[i] == ' ') {
			if (nsep++ > 0)
				return 0;
			sep = n;
			plus = s[i] == '+';
		} else
			return 0;
	}
	/* The separator stands before the last four digits. */
	if (nsep && (sep + 4 != n || i == 0 || !is_digit((unsigned char)
	    s[len - 1])))
		return 0;
	if (n == 10)
		return pnr_digits(d, -1, kind);
	if (n != 12 || plus)
		return 0;
	if (memcmp(d, "18", 2) && memcmp(d, "19", 2) && memcmp(d, "20", 2))
		return 0;
	year = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 +
	    (d[3] - '0');
	return pnr_digits(d + 2, year, kind);
}

/* A personnummer starting at p (not preceded by a digit): its length. */
static size_t
match_pnr(const char *p, enum sv_pii_kind *kind)
{
	size_t n = 0, len;

	while (is_digit((unsigned char)p[n]))
		n++;
	if (n == 10 || n == 12)
		return pii_personnummer(p, n, kind) ? n : 0;
	if ((n != 6 && n != 8) || (p[n] != '-' && p[n] != '+' &&
	    p[n] != ' '))
		return 0;
	len = n + 1;
	while (is_digit((unsigned char)p[len]))
		len++;
	if (len != n + 5)
		return 0;
	return pii_personnummer(p, len, kind) ? len : 0;
}

/* A phone number starting at p (p[-1] is not a digit): its length. */
static size_t
match_phone(const char *p)
{
	size_t i = 0, end = 0, ndig = 0, ngroups = 0, glen[4] = { 0 };
	int intl = 0, lastdig = 0;
	char dsep = 0;

	if (p[0] == '+' && p[1] == '4' && p[2] == '6') {
		intl = 1;
		i = 3;
	} else if (p[0] == '0' && p[1] == '0' && p[2] == '4' && p[3] == '6') {
		intl = 1;
		i = 4;
	} else if (p[0] != '0' || p[1] == '0')
		return 0;
	if (intl) {
		/* "+46 (0)8 ..." and "+46 8 ..." */
		if (p[i] == ' ')
			i++;
		if (p[i] == '(' && p[i + 1] == '0' && p[i + 2] == ')')
			i += 3;
		lastdig = 0;
	}
	for (; p[i] != '\0'; i++) {
		if (is_digit((unsigned char)p[i])) {
			if (!lastdig) {
				if (ngroups < 4)
					glen[ngroups] = 0;
				ngroups++;
			}
			if (ngroups <= 4)
				glen[ngroups - 1]++;
			ndig++;
			lastdig = 1;
			end = i + 1;
			continue;
		}
		if (!lastdig || !(p[i] == ' ' || p[i] == '-' || p[i] == '/') ||
		    !is_digit((unsigned char)p[i + 1]))
			break;
		if (p[i] != ' ') {
			if (dsep == 0)
				dsep = p[i];
		}
		lastdig = 0;
	}
	if (is_digit((unsigned char)p[end]))
		return 0;
	if (intl ? (ndig < 7 || ndig > 9) : (ndig < 8 || ndig > 10))
		return 0;
	/* 01-02-2026 and 01/02/2026 are dates. */
	if (!intl && ngroups == 3 && glen[0] == 2 && glen[1] == 2 &&
	    glen[2] == 4 && dsep != 0)
		return 0;
	return end;
}

/* An e-mail address whose local part starts at p: its length. */
static size_t
match_email(const char *p)
{
	size_t n = 0, i, dot = 0, labels = 0, lab = 0, tld = 0;

	while (is_local((unsigned char)p[n]))
		n++;
	if (n == 0 || p[n] != '@')
		return 0;
	i = n + 1;
	for (;;) {
		lab = 0;
		tld = 1;
		while (is_label((unsigned char)p[i + lab])) {
			if (!is_alpha((unsigned char)p[i + lab]))
				tld = 0;
			lab++;
		}
		if (lab == 0)
			break;
		labels++;
		i += lab;
		dot = i;
		if (p[i] != '.' || !is_label((unsigned char)p[i + 1]))
			break;
		i++;
	}
	if (labels < 2 || !tld || lab < 2)
		return 0;
	return dot;
}

size_t
pii_scan(const char *t, struct sv_pii_hit *hits, size_t max)
{
	enum sv_pii_kind kind;
	size_t i = 0, len, n = 0;
	int prev;

	if (t == NULL)
		return 0;
	while (t[i] != '\0') {
		prev = i > 0 ? (unsigned char)t[i - 1] : 0;
		len = 0;
		kind = SV_PII_EMAIL;
		if (!is_local(prev))
			len = match_email(t + i);
		if (len == 0 && !is_digit(prev) &&
		    is_digit((unsigned char)t[i]))
			len = match_pnr(t + i, &kind);
		if (len == 0 && !is_digit(prev) && !is_alpha(prev) &&
		    prev != '+') {
			kind = SV_PII_PHONE;
			len = match_phone(t + i);
		}
		if (len == 0) {
			i++;
			continue;
		}
		if (n < max) {
			hits[n].kind = kind;
			hits[n].off = i;
			hits[n].len = len;
		}
		n++;
		i += len;
	}
	return n;
}

int
text_has_personnummer(const char *text)
{
	struct sv_pii_hit h[16];
	size_t n, i;

	n = pii_scan(text, h, 16);
	for (i = 0; i < n && i < 16; i++)
		if (h[i].kind == SV_PII_PERSONNUMMER ||
		    h[i].kind == SV_PII_SAMORDNINGSNUMMER)
			return 1;
	/* More finds than fit: scan again without the early ones. */
	if (n > 16)
		return text_has_personnummer(text + h[15].off + h[15].len);
	return 0;
}

enum sv_err
pii_refuse(const char *field, enum sv_pii_kind kind, struct sv_diag *d)
{
	return sv_diag_set(d, SV_ERR_INVALID, field,
	    "personal data (%s) in the text; remove it",
	    sv_pii_kind_names[kind]);
}

enum sv_err
pii_check(const char *text, enum sv_pii_mode mode, const char *field,
    struct sv_arena *ar, const char **out, struct sv_diag *d)
{
	struct sv_pii_hit *h;
	struct sv_buf b;
	size_t n, i, at = 0;
	enum sv_err e = SV_OK;

	*out = text;
	if ((n = pii_scan(text, NULL, 0)) == 0)
		return SV_OK;
	h = sv_arena_alloc(ar, n * sizeof(*h));
	pii_scan(text, h, n);
	if (mode != SV_PII_MASK)
		return pii_refuse(field, h[0].kind, d);
	sv_buf_init(&b, strlen(text) + n * 24 + 1);
	for (i = 0; i < n && e == SV_OK; i++) {
		e = sv_buf_add(&b, text + at, h[i].off - at);
		if (e == SV_OK)
			e = sv_buf_printf(&b, "[%s]",
			    sv_pii_kind_names[h[i].kind]);
		at = h[i].off + h[i].len;
	}
	if (e == SV_OK)
		e = sv_buf_puts(&b, text + at);
	if (e == SV_OK)
		*out = sv_arena_strndup(ar, b.data ? b.data : "", b.len);
	sv_buf_free(&b);
	return e;
}
