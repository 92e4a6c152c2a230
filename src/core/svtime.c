/*
 * Civil time in Europe/Stockholm, ISO weeks and reporting periods.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svtime.h"

/* Howard Hinnant's days_from_civil. */
int64_t
sv_days_from_civil(int y, int m, int d)
{
	int64_t yy = y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
sv_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp, yy;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/* ISO weekday (1 = Monday) of a day number. 1970-01-01 was a Thursday. */
static int
weekday_of_days(int64_t days)
{
	int64_t w = (days + 3) % 7;

	if (w < 0)
		w += 7;
	return (int)w + 1;
}

/* Day number of the last Sunday of a month. */
static int64_t
last_sunday(int y, int m)
{
	int64_t last = sv_days_from_civil(m == 12 ? y + 1 : y,
	    m == 12 ? 1 : m + 1, 1) - 1;

	return last - (weekday_of_days(last) % 7);
}

int
sv_stockholm_offset(int64_t t)
{
	int y, m, d;
	int64_t start, end;

	sv_civil_from_days(floor_div(t, 86400), &y, &m, &d);
	if (y < 1996)
		y = y < 1980 ? 1980 : y;	/* EU rule; close enough before */
	start = last_sunday(y, 3) * 86400 + 3600;
	end = last_sunday(y, 10) * 86400 + 3600;
	return (t >= start && t < end) ? 7200 : 3600;
}

int64_t
sv_stockholm_instant(int y, int mo, int d, int h, int mi, int s)
{
	int64_t local = sv_days_from_civil(y, mo, d) * 86400 +
	    (int64_t)h * 3600 + mi * 60 + s;
	int64_t guess = local - 7200;

	/* Try summer offset first: the earlier instant wins when ambiguous. */
	if (sv_stockholm_offset(guess) == 7200)
		return guess;
	return local - 3600;
}

void
sv_stockholm_civil(int64_t t, struct sv_civil *c)
{
	int64_t local, days, sod;

	c->offset = sv_stockholm_offset(t);
	local = t + c->offset;
	days = floor_div(local, 86400);
	sod = local - days * 86400;
	sv_civil_from_days(days, &c->year, &c->month, &c->day);
	c->hour = (int)(sod / 3600);
	c->minute = (int)(sod / 60 % 60);
	c->second = (int)(sod % 60);
	c->weekday = weekday_of_days(days);
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28 + leap : dm[m - 1];
}

/* Reads exactly n digits; returns -1 if they are not there. */
static int
digits(const char **pp, int n)
{
	const char *p = *pp;
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	*pp = p + n;
	return v;
}

enum sv_err
sv_time_parse(const char *s, int64_t *out, const char *field,
    struct sv_diag *diag)
{
	const char *p = s;
	int y, mo, d, h = 0, mi = 0, sec = 0, off = 0, have_off = 0;

	if (s == NULL || *s == '\0')
		return sv_diag_set(diag, SV_ERR_INVALID, field,
		    "empty time, expected ISO 8601 such as 2026-11-22T14:30");
	if ((y = digits(&p, 4)) < 0 || *p++ != '-' ||
	    (mo = digits(&p, 2)) < 0 || *p++ != '-' ||
	    (d = digits(&p, 2)) < 0)
		goto bad;
	if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo))
		goto bad;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if ((h = digits(&p, 2)) < 0 || *p++ != ':' ||
		    (mi = digits(&p, 2)) < 0)
			goto bad;
		if (*p == ':') {
			p++;
			if ((sec = digits(&p, 2)) < 0)
				goto bad;
			if (*p == '.' || *p == ',') {
				p++;
				if (!isdigit((unsigned char)*p))
					goto bad;
				while (isdigit((unsigned char)*p))
					p++;
			}
		}
		if (h > 23 || mi > 59 || sec > 60)
			goto bad;
		if (sec == 60)
			sec = 59;
		if (*p == 'Z' || *p == 'z') {
			p++;
			have_off = 1;
		} else if (*p == '+' || *p == '-') {
			int sign = *p++ == '-' ? -1 : 1, oh, om;

			if ((oh = digits(&p, 2)) < 0)
				goto bad;
			if (*p == ':')
				p++;
			if ((om = digits(&p, 2)) < 0 || oh > 18 || om > 59)
				goto bad;
			off = sign * (oh * 3600 + om * 60);
			have_off = 1;
		}
	}
	if (*p != '\0')
		goto bad;
	if (have_off)
		*out = sv_days_from_civil(y, mo, d) * 86400 + h * 3600 +
		    mi * 60 + sec - off;
	else
		*out = sv_stockholm_instant(y, mo, d, h, mi, sec);
	return SV_OK;
bad:
	return sv_diag_set(diag, SV_ERR_INVALID, field,
	    "not a valid ISO 8601 date or time: expected e.g. "
	    "2026-11-22 or 2026-11-22T14:30:00+01:00");
}

void
sv_time_format(int64_t t, char out[32])
{
	struct sv_civil c;

	sv_stockholm_civil(t, &c);
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d+%02d:00",
	    c.year, c.month, c.day, c.hour, c.minute, c.second,
	    c.offset / 3600);
}

void
sv_time_format_utc(int64_t t, char out[32])
{
	int64_t days = floor_div(t, 86400), sod = t - days * 86400;
	int y, m, d;

	sv_civil_from_days(days, &y, &m, &d);
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d,
	    (int)(sod / 3600), (int)(sod / 60 % 60), (int)(sod % 60));
}

/* Day number of the Monday of ISO week 1 of iso_year. */
static int64_t
iso_year_start(int iso_year)
{
	int64_t jan4 = sv_days_from_civil(iso_year, 1, 4);

	return jan4 - (weekday_of_days(jan4) - 1);
}

int
sv_iso_weeks_in_year(int iso_year)
{
	return (int)((iso_year_start(iso_year + 1) - iso_year_start(iso_year)) / 7);
}

void
sv_iso_week(int64_t t, int *iso_year, int *week)
{
	struct sv_civil c;
	int64_t days;
	int y;

	sv_stockholm_civil(t, &c);
	days = sv_days_from_civil(c.year, c.month, c.day);
	y = c.year + 1;
	while (days < iso_year_start(y))
		y--;
	*iso_year = y;
	*week = (int)((days - iso_year_start(y)) / 7) + 1;
}

static int64_t
local_midnight(int64_t days)
{
	int y, m, d;

	sv_civil_from_days(days, &y, &m, &d);
	return sv_stockholm_instant(y, m, d, 0, 0, 0);
}

static void
set_week(struct sv_period *p, int iy, int w)
{
	int64_t start = iso_year_start(iy) + (int64_t)(w - 1) * 7;

	p->kind = SV_PERIOD_WEEK;
	p->from = local_midnight(start);
	p->to = local_midnight(start + 7);
	snprintf(p->label, sizeof(p->label), "%04d-W%02d", iy, w);
}

/* Months [m0, m0 + n) of year y; label formatted by caller. */
static void
set_months(struct sv_period *p, int y, int m0, int n)
{
	int ye = y + (m0 - 1 + n) / 12, me = (m0 - 1 + n) % 12 + 1;

	p->from = sv_stockholm_instant(y, m0, 1, 0, 0, 0);
	p->to = sv_stockholm_instant(ye, me, 1, 0, 0, 0);
}

static void
set_kind(struct sv_period *p, enum sv_period_kind k, int y, int idx)
{
	p->kind = k;
	switch (k) {
	case SV_PERIOD_MONTH:
		set_months(p, y, idx, 1);
		snprintf(p->label, sizeof(p->label), "%04d-%02d", y, idx);
		break;
	case SV_PERIOD_TERTIAL:
		set_months(p, y, (idx - 1) * 4 + 1, 4);
		snprintf(p->label, sizeof(p->label), "%04d-T%d", y, idx);
		break;
	case SV_PERIOD_QUARTER:
		set_months(p, y, (idx - 1) * 3 + 1, 3);
		snprintf(p->label, sizeof(p->label), "%04d-Q%d", y, idx);
		break;
	case SV_PERIOD_YEAR:
		set_months(p, y, 1, 12);
		snprintf(p->label, sizeof(p->label), "%04d", y);
		break;
	case SV_PERIOD_WEEK:
		set_week(p, y, idx);
		break;
	default:
		break;
	}
}

enum sv_err
sv_period_parse(const char *s, struct sv_period *p, const char *field,
    struct sv_diag *diag)
{
	const char *q = s, *slash;
	int y, n;

	if (s == NULL || *s == '\0')
		goto bad;
	if ((slash = strchr(s, '/')) != NULL) {
		char a[40];
		size_t la = (size_t)(slash - s);
		enum sv_err e;

		if (la >= sizeof(a))
			goto bad;
		memcpy(a, s, la);
		a[la] = '\0';
		if ((e = sv_time_parse(a, &p->from, field, diag)) != SV_OK ||
		    (e = sv_time_parse(slash + 1, &p->to, field, diag)) != SV_OK)
			return e;
		if (p->to <= p->from)
			return sv_diag_set(diag, SV_ERR_INVALID, field,
			    "period end must be after its start");
		p->kind = SV_PERIOD_RANGE;
		snprintf(p->label, sizeof(p->label), "%s", s);
		return SV_OK;
	}
	if ((y = digits(&q, 4)) < 0 || y < 1900 || y > 2999)
		goto bad;
	if (*q == '\0') {
		set_kind(p, SV_PERIOD_YEAR, y, 0);
		return SV_OK;
	}
	if (*q++ != '-')
		goto bad;
	if (*q == 'W' || *q == 'w' || *q == 'T' || *q == 't' ||
	    *q == 'Q' || *q == 'q') {
		char k = (char)toupper((unsigned char)*q++);
		int max;

		if ((n = digits(&q, k == 'W' ? 2 : 1)) < 0 || *q != '\0')
			goto bad;
		max = k == 'W' ? sv_iso_weeks_in_year(y) : k == 'T' ? 3 : 4;
		if (n < 1 || n > max)
			goto bad;
		set_kind(p, k == 'W' ? SV_PERIOD_WEEK : k == 'T' ?
		    SV_PERIOD_TERTIAL : SV_PERIOD_QUARTER, y, n);
		return SV_OK;
	}
	if ((n = digits(&q, 2)) < 0 || *q != '\0' || n < 1 || n > 12)
		goto bad;
	set_kind(p, SV_PERIOD_MONTH, y, n);
	return SV_OK;
bad:
	return sv_diag_set(diag, SV_ERR_INVALID, field,
	    "not a period: expected 2026-W47, 2026-11, 2026-T3, 2026-Q4, 2026 "
	    "or FROM/TO");
}

/* Index of p within its year (week number, month, tertial, quarter). */
static void
period_index(const struct sv_period *p, int *y, int *idx)
{
	struct sv_civil c;

	if (p->kind == SV_PERIOD_WEEK) {
		sv_iso_week(p->from, y, idx);
		return;
	}
	sv_stockholm_civil(p->from, &c);
	*y = c.year;
	switch (p->kind) {
	case SV_PERIOD_MONTH:
		*idx = c.month;
		break;
	case SV_PERIOD_TERTIAL:
		*idx = (c.month - 1) / 4 + 1;
		break;
	case SV_PERIOD_QUARTER:
		*idx = (c.month - 1) / 3 + 1;
		break;
	default:
		*idx = 0;
	}
}

static const int periods_per_year[SV_PERIOD__MAX] = {
	[SV_PERIOD_MONTH] = 12, [SV_PERIOD_TERTIAL] = 3,
	[SV_PERIOD_QUARTER] = 4, [SV_PERIOD_YEAR] = 1,
};

void
sv_period_previous(const struct sv_period *p, struct sv_period *out)
{
	int y, idx;

	if (p->kind == SV_PERIOD_RANGE) {
		*out = *p;
		out->from = p->from - (p->to - p->from);
		out->to = p->from;
		snprintf(out->label, sizeof(out->label), "previous");
		return;
	}
	period_index(p, &y, &idx);
	if (p->kind == SV_PERIOD_WEEK) {
		if (--idx < 1) {
			y--;
			idx = sv_iso_weeks_in_year(y);
		}
	} else if (p->kind == SV_PERIOD_YEAR) {
		y--;
	} else if (--idx < 1) {
		y--;
		idx = periods_per_year[p->kind];
	}
	set_kind(out, p->kind, y, idx);
}

void
sv_period_year_before(const struct sv_period *p, struct sv_period *out)
{
	int y, idx;

	if (p->kind == SV_PERIOD_RANGE) {
		struct sv_civil a, b;

		*out = *p;
		sv_stockholm_civil(p->from, &a);
		sv_stockholm_civil(p->to, &b);
		out->from = sv_stockholm_instant(a.year - 1, a.month,
		    a.month == 2 && a.day == 29 ? 28 : a.day, a.hour, a.minute,
		    a.second);
		out->to = sv_stockholm_instant(b.year - 1, b.month,
		    b.month == 2 && b.day == 29 ? 28 : b.day, b.hour, b.minute,
		    b.second);
		snprintf(out->label, sizeof(out->label), "year before");
		return;
	}
	period_index(p, &y, &idx);
	if (p->kind == SV_PERIOD_WEEK && idx > sv_iso_weeks_in_year(y - 1))
		idx = sv_iso_weeks_in_year(y - 1);
	set_kind(out, p->kind, y - 1, idx);
}

void
sv_period_containing(enum sv_period_kind k, int64_t t, struct sv_period *out)
{
	struct sv_civil c;
	int y, w;

	if (k == SV_PERIOD_WEEK || k == SV_PERIOD_RANGE) {
		sv_iso_week(t, &y, &w);
		set_week(out, y, w);
		return;
	}
	sv_stockholm_civil(t, &c);
	switch (k) {
	case SV_PERIOD_MONTH:
		set_kind(out, k, c.year, c.month);
		break;
	case SV_PERIOD_TERTIAL:
		set_kind(out, k, c.year, (c.month - 1) / 4 + 1);
		break;
	case SV_PERIOD_QUARTER:
		set_kind(out, k, c.year, (c.month - 1) / 3 + 1);
		break;
	default:
		set_kind(out, SV_PERIOD_YEAR, c.year, 0);
	}
}
