/*
 * Stockholm civil time, ISO weeks and periods, checked against dates
 * worked out by hand from the calendar.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/svtime.h"

static void
test_parse_offsets(void **state)
{
	struct sv_diag d;
	int64_t t;
	char s[32];

	(void)state;
	assert_int_equal(sv_time_parse("2026-11-22T06:33:00Z", &t, "t", &d), SV_OK);
	assert_int_equal(t, 1795329180);
	/* Winter: Stockholm is UTC+1. */
	assert_int_equal(sv_time_parse("2026-11-22T07:33:00", &t, "t", &d), SV_OK);
	assert_int_equal(t, 1795329180);
	sv_time_format(t, s);
	assert_string_equal(s, "2026-11-22T07:33:00+01:00");
	/* Summer: UTC+2. */
	assert_int_equal(sv_time_parse("2026-07-01 12:00", &t, "t", &d), SV_OK);
	sv_time_format_utc(t, s);
	assert_string_equal(s, "2026-07-01T10:00:00Z");
	assert_int_equal(sv_time_parse("2026-07-01T12:00:00.250+02:00", &t, "t", &d), SV_OK);
	sv_time_format_utc(t, s);
	assert_string_equal(s, "2026-07-01T10:00:00Z");
}

static void
test_parse_rejects(void **state)
{
	static const char *const bad[] = {
		"", "2026-13-01", "2026-02-29", "2026-11-22T25:00", "2026-11-2",
		"2026-11-22T10:00+2", "2026-11-22T10:00:00Zjunk", "nonsense",
		"2026-11-22T10", "1800-01-01",
	};
	struct sv_diag d;
	int64_t t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		sv_diag_clear(&d);
		assert_int_equal(sv_time_parse(bad[i], &t, "from", &d), SV_ERR_INVALID);
		assert_string_equal(d.field, "from");
	}
	assert_int_equal(sv_time_parse("2024-02-29", &t, "from", &d), SV_OK);
}

static void
test_dst_transitions(void **state)
{
	int64_t t;
	struct sv_diag d;

	(void)state;
	/* 2026-03-29 01:00 UTC summer time begins; 2026-10-25 01:00 UTC ends. */
	assert_int_equal(sv_time_parse("2026-03-29T00:59:59Z", &t, "t", &d), SV_OK);
	assert_int_equal(sv_stockholm_offset(t), 3600);
	assert_int_equal(sv_stockholm_offset(t + 1), 7200);
	assert_int_equal(sv_time_parse("2026-10-25T00:59:59Z", &t, "t", &d), SV_OK);
	assert_int_equal(sv_stockholm_offset(t), 7200);
	assert_int_equal(sv_stockholm_offset(t + 1), 3600);
}

static void
test_iso_weeks(void **state)
{
	static const struct {
		const char	*date;
		int		 year, week;
	} cases[] = {
		{ "2026-11-22", 2026, 47 },	/* Sunday */
		{ "2026-11-23", 2026, 48 },	/* Monday */
		{ "2021-01-03", 2020, 53 },
		{ "2024-12-30", 2025, 1 },
		{ "2027-01-01", 2026, 53 },
		{ "2023-01-01", 2022, 52 },
	};
	struct sv_diag d;
	int64_t t;
	size_t i;
	int y, w;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(sv_time_parse(cases[i].date, &t, "t", &d), SV_OK);
		sv_iso_week(t, &y, &w);
		assert_int_equal(y, cases[i].year);
		assert_int_equal(w, cases[i].week);
	}
	assert_int_equal(sv_iso_weeks_in_year(2026), 53);
	assert_int_equal(sv_iso_weeks_in_year(2025), 52);
}

static void
test_periods(void **state)
{
	struct sv_period p, q;
	struct sv_diag d;
	int64_t t;
	char s[32];

	(void)state;
	assert_int_equal(sv_period_parse("2026-W47", &p, "period", &d), SV_OK);
	sv_time_format(p.from, s);
	assert_string_equal(s, "2026-11-16T00:00:00+01:00");
	assert_int_equal(p.to - p.from, 7 * 86400);
	sv_period_previous(&p, &q);
	assert_string_equal(q.label, "2026-W46");
	sv_period_year_before(&p, &q);
	assert_string_equal(q.label, "2025-W47");

	assert_int_equal(sv_period_parse("2026-W01", &p, "period", &d), SV_OK);
	sv_period_previous(&p, &q);
	assert_string_equal(q.label, "2025-W52");

	/* The week containing summer time's start is one hour short. */
	assert_int_equal(sv_period_parse("2026-W13", &p, "period", &d), SV_OK);
	assert_int_equal(p.to - p.from, 7 * 86400 - 3600);

	assert_int_equal(sv_period_parse("2026-T3", &p, "period", &d), SV_OK);
	sv_time_format(p.from, s);
	assert_string_equal(s, "2026-09-01T00:00:00+02:00");
	sv_time_format(p.to, s);
	assert_string_equal(s, "2027-01-01T00:00:00+01:00");
	sv_period_previous(&p, &q);
	assert_string_equal(q.label, "2026-T2");

	assert_int_equal(sv_period_parse("2026-01", &p, "period", &d), SV_OK);
	sv_period_previous(&p, &q);
	assert_string_equal(q.label, "2025-12");
	assert_int_equal(sv_period_parse("2026", &p, "period", &d), SV_OK);
	assert_string_equal(p.label, "2026");
	assert_int_equal(sv_period_parse("2026-01-01/2026-01-15", &p, "period", &d), SV_OK);
	sv_period_previous(&p, &q);
	assert_int_equal(q.to, p.from);
	assert_int_equal(q.to - q.from, p.to - p.from);

	assert_int_equal(sv_period_parse("2026-W54", &p, "period", &d), SV_ERR_INVALID);
	assert_int_equal(sv_period_parse("2025-W53", &p, "period", &d), SV_ERR_INVALID);
	assert_int_equal(sv_period_parse("2026-T4", &p, "period", &d), SV_ERR_INVALID);
	assert_int_equal(sv_period_parse("2026-01-15/2026-01-01", &p, "period", &d), SV_ERR_INVALID);
	assert_string_equal(d.field, "period");

	assert_int_equal(sv_time_parse("2026-11-22T12:00", &t, "t", &d), SV_OK);
	sv_period_containing(SV_PERIOD_WEEK, t, &p);
	assert_string_equal(p.label, "2026-W47");
	sv_period_containing(SV_PERIOD_TERTIAL, t, &p);
	assert_string_equal(p.label, "2026-T3");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_offsets),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_dst_transitions),
		cmocka_unit_test(test_iso_weeks),
		cmocka_unit_test(test_periods),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
