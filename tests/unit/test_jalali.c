/*
 * Unit tests for lib/jalali: conversions against dates known from DOMAIN.md and
 * the Iranian calendar, leap years, a round trip over every day of years
 * 1..3000, Tehran time around the daylight-saving switches, hostile input to the
 * parsers, and formatting into buffers that are just too small.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jalali.h"

/* Parses a NUL-free literal of known length; tests pass sizeof - 1 for NULs. */
#define JPARSE(s, y, m, d)	jalali_parse((s), strlen(s), (y), (m), (d))

START_TEST(known_dates_convert_to_gregorian)
{
	int	 gy, gm, gd;

	ck_assert_int_eq(jalali_to_gregorian(1403, 12, 30, &gy, &gm, &gd), 0);
	ck_assert(gy == 2025 && gm == 3 && gd == 20);
	ck_assert_int_eq(jalali_to_gregorian(1404, 1, 1, &gy, &gm, &gd), 0);
	ck_assert(gy == 2025 && gm == 3 && gd == 21);
	ck_assert_int_eq(jalali_to_gregorian(1405, 9, 1, &gy, &gm, &gd), 0);
	ck_assert(gy == 2026 && gm == 11 && gd == 22);
	ck_assert_int_eq(jalali_to_gregorian(1, 1, 1, &gy, &gm, &gd), 0);
	ck_assert(gy == 622 && gm == 3 && gd == 22);
	ck_assert_int_eq(jalali_to_gregorian(3000, 12, 30, &gy, &gm, &gd), 0);
	ck_assert(gy == 3622 && gm == 3 && gd == 20);
}
END_TEST

START_TEST(known_dates_convert_to_jalali)
{
	int	 jy, jm, jd;

	ck_assert_int_eq(gregorian_to_jalali(2025, 3, 20, &jy, &jm, &jd), 0);
	ck_assert(jy == 1403 && jm == 12 && jd == 30);
	ck_assert_int_eq(gregorian_to_jalali(2025, 3, 21, &jy, &jm, &jd), 0);
	ck_assert(jy == 1404 && jm == 1 && jd == 1);
	ck_assert_int_eq(gregorian_to_jalali(2026, 11, 22, &jy, &jm, &jd), 0);
	ck_assert(jy == 1405 && jm == 9 && jd == 1);
	ck_assert_int_eq(gregorian_to_jalali(2016, 4, 11, &jy, &jm, &jd), 0);
	ck_assert(jy == 1395 && jm == 1 && jd == 23);
}
END_TEST

START_TEST(conversions_reject_invalid_dates_and_leave_outputs_alone)
{
	int	 a = -7, b = -7, c = -7;

	ck_assert_int_eq(jalali_to_gregorian(1404, 12, 30, &a, &b, &c), -1);
	ck_assert_int_eq(jalali_to_gregorian(0, 1, 1, &a, &b, &c), -1);
	ck_assert_int_eq(jalali_to_gregorian(3001, 1, 1, &a, &b, &c), -1);
	ck_assert_int_eq(jalali_to_gregorian(1405, 0, 1, &a, &b, &c), -1);
	ck_assert_int_eq(jalali_to_gregorian(1405, 1, 0, &a, &b, &c), -1);
	ck_assert_int_eq(gregorian_to_jalali(2025, 2, 29, &a, &b, &c), -1);
	ck_assert_int_eq(gregorian_to_jalali(1900, 2, 29, &a, &b, &c), -1);
	ck_assert_int_eq(gregorian_to_jalali(2025, 4, 31, &a, &b, &c), -1);
	ck_assert_int_eq(gregorian_to_jalali(2025, 13, 1, &a, &b, &c), -1);
	/* Jalali year 0 and 3001 are outside the accepted range. */
	ck_assert_int_eq(gregorian_to_jalali(622, 3, 21, &a, &b, &c), -1);
	ck_assert_int_eq(gregorian_to_jalali(3622, 3, 21, &a, &b, &c), -1);
	ck_assert_int_eq(gregorian_to_jalali(-5, 1, 1, &a, &b, &c), -1);
	ck_assert_int_eq(gregorian_to_jalali(2147483647, 1, 1, &a, &b, &c), -1);
	ck_assert(a == -7 && b == -7 && c == -7);
	ck_assert_int_eq(gregorian_to_jalali(2024, 2, 29, &a, &b, &c), 0);
	ck_assert_int_eq(gregorian_to_jalali(2000, 2, 29, &a, &b, &c), 0);
}
END_TEST

START_TEST(leap_years_follow_borkowski)
{
	static const int leap[] = { 1375, 1395, 1399, 1403, 1408, 1412, 1436,
	    1441 };
	static const int common[] = { 1400, 1401, 1402, 1404, 1405, 1406, 1407,
	    1409 };
	size_t	 i;

	for (i = 0; i < sizeof(leap) / sizeof(leap[0]); i++)
		ck_assert_msg(jalali_is_leap(leap[i]), "%d is leap", leap[i]);
	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		ck_assert_msg(!jalali_is_leap(common[i]), "%d is common",
		    common[i]);
	/* Outside Borkowski's table nothing is leap. */
	ck_assert_int_eq(jalali_is_leap(-62), 0);
	ck_assert_int_eq(jalali_is_leap(3178), 0);
}
END_TEST

START_TEST(esfand_30_exists_only_in_leap_years)
{
	ck_assert(jalali_valid(1403, 12, 30));
	ck_assert(!jalali_valid(1404, 12, 30));
	ck_assert(!jalali_valid(1407, 12, 30));
	ck_assert(jalali_valid(1408, 12, 30));
	ck_assert(jalali_valid(1404, 12, 29));
	ck_assert(!jalali_valid(1403, 12, 31));
}
END_TEST

START_TEST(month_lengths)
{
	int	 m;

	for (m = 1; m <= 6; m++)
		ck_assert_int_eq(jalali_month_days(1404, m), 31);
	for (m = 7; m <= 11; m++)
		ck_assert_int_eq(jalali_month_days(1404, m), 30);
	ck_assert_int_eq(jalali_month_days(1404, 12), 29);
	ck_assert_int_eq(jalali_month_days(1403, 12), 30);
	ck_assert_int_eq(jalali_month_days(1404, 0), 0);
	ck_assert_int_eq(jalali_month_days(1404, 13), 0);
	ck_assert(!jalali_valid(1404, 7, 31));
	ck_assert(jalali_valid(1404, 6, 31));
}
END_TEST

START_TEST(valid_years_are_1_to_3000)
{
	ck_assert(jalali_valid(1, 1, 1));
	ck_assert(jalali_valid(3000, 1, 1));
	ck_assert(!jalali_valid(0, 1, 1));
	ck_assert(!jalali_valid(-1, 1, 1));
	ck_assert(!jalali_valid(3001, 1, 1));
}
END_TEST

START_TEST(every_day_of_years_1_to_3000_round_trips_with_consecutive_jdns)
{
	long	 jdn, prev = -1;
	int	 y, m, d, gy, gm, gd, ry, rm, rd, days, ydays;

	for (y = 1; y <= 3000; y++) {
		ydays = 0;
		for (m = 1; m <= 12; m++) {
			days = jalali_month_days(y, m);
			for (d = 1; d <= days; d++, ydays++) {
				jdn = jalali_to_jdn(y, m, d);
				if (prev != -1 && jdn != prev + 1)
					ck_abort_msg("%d/%d/%d: jdn %ld after %ld",
					    y, m, d, jdn, prev);
				prev = jdn;
				if (jalali_to_gregorian(y, m, d, &gy, &gm, &gd) ||
				    !gregorian_valid(gy, gm, gd) ||
				    gregorian_to_jalali(gy, gm, gd, &ry, &rm, &rd) ||
				    ry != y || rm != m || rd != d)
					ck_abort_msg("%d/%d/%d does not round-trip",
					    y, m, d);
				if (jdn_to_jalali(jdn, &ry, &rm, &rd) ||
				    ry != y || rm != m || rd != d)
					ck_abort_msg("%d/%d/%d: jdn_to_jalali", y, m,
					    d);
			}
		}
		ck_assert_int_eq(ydays, jalali_is_leap(y) ? 366 : 365);
	}
}
END_TEST

START_TEST(jdn_matches_jalaali_js_and_rejects_out_of_range)
{
	int	 y = -7, m = -7, d = -7;

	/* j2d(1395, 1, 23) and j2d(1405, 9, 1) as computed by jalaali-js. */
	ck_assert_int_eq(jalali_to_jdn(1395, 1, 23), 2457490);
	ck_assert_int_eq(jalali_to_jdn(1405, 9, 1), 2461367);
	ck_assert_int_eq(jalali_to_jdn(1, 1, 1), 1948321);
	ck_assert_int_eq(jalali_to_jdn(1404, 12, 30), -1);
	ck_assert_int_eq(jdn_to_jalali(1948320, &y, &m, &d), -1);
	ck_assert_int_eq(jdn_to_jalali(jalali_to_jdn(3000, 12, 30) + 1, &y, &m,
	    &d), -1);
	ck_assert(y == -7 && m == -7 && d == -7);
}
END_TEST

START_TEST(deadline_day_ends_at_2359_tehran)
{
	/* 1405/07/20 is 2026-10-12; 23:59:59 at +03:30 is 20:29:59 UTC. */
	ck_assert_int_eq(tehran_day_end(1405, 7, 20), INT64_C(1791836999));
	/* 2026-10-11 20:30:00 UTC. */
	ck_assert_int_eq(tehran_day_start(1405, 7, 20), INT64_C(1791750600));
	ck_assert_int_eq(tehran_day_end(1405, 7, 20) + 1,
	    tehran_day_start(1405, 7, 21));
	ck_assert_int_eq(tehran_day_end(1404, 12, 30), INT64_MIN);
	ck_assert_int_eq(tehran_day_start(0, 1, 1), INT64_MIN);
}
END_TEST

START_TEST(tehran_offset_is_0330_since_2022_and_0430_in_old_summers)
{
	/* 2023-06-01 12:00 UTC: no daylight saving any more. */
	ck_assert_int_eq(tehran_offset(INT64_C(1685620800)), 12600);
	/* 2022-06-01 12:00 UTC: the last summer with daylight saving. */
	ck_assert_int_eq(tehran_offset(INT64_C(1654084800)), 16200);
	/* It ended at 2022-09-21 19:30:00 UTC. */
	ck_assert_int_eq(tehran_offset(INT64_C(1663788599)), 16200);
	ck_assert_int_eq(tehran_offset(INT64_C(1663788600)), 12600);
	/* 2007 had none. */
	ck_assert_int_eq(tehran_offset(INT64_C(1180699200)), 12600);
	/* 1400 began it at 2021-03-21 20:30:00 UTC. */
	ck_assert_int_eq(tehran_offset(INT64_C(1616358599)), 12600);
	ck_assert_int_eq(tehran_offset(INT64_C(1616358600)), 16200);
	ck_assert_int_eq(tehran_offset(0), 12600);
	ck_assert_int_eq(tehran_offset(INT64_MIN), 12600);
	ck_assert_int_eq(tehran_offset(INT64_MAX), 12600);
}
END_TEST

START_TEST(tehran_from_unix_gives_jalali_wall_clock_and_weekday)
{
	struct tehran_tm	 tm;

	/* 2025-03-20 20:30:00 UTC: Nowruz 1404, a Friday. */
	tehran_from_unix(INT64_C(1742502600), &tm);
	ck_assert(tm.jy == 1404 && tm.jm == 1 && tm.jd == 1);
	ck_assert(tm.hour == 0 && tm.min == 0 && tm.sec == 0);
	ck_assert_int_eq(tm.wday, 6);
	/* One second earlier: Thursday 1403/12/30 23:59:59. */
	tehran_from_unix(INT64_C(1742502599), &tm);
	ck_assert(tm.jy == 1403 && tm.jm == 12 && tm.jd == 30);
	ck_assert(tm.hour == 23 && tm.min == 59 && tm.sec == 59);
	ck_assert_int_eq(tm.wday, 5);
	/* The epoch: 1348/10/11 03:30, a Thursday. */
	tehran_from_unix(0, &tm);
	ck_assert(tm.jy == 1348 && tm.jm == 10 && tm.jd == 11);
	ck_assert(tm.hour == 3 && tm.min == 30 && tm.sec == 0);
	ck_assert_int_eq(tm.wday, 5);
	/* 2022-06-01 12:00 UTC is 16:30 in daylight time. */
	tehran_from_unix(INT64_C(1654084800), &tm);
	ck_assert(tm.jy == 1401 && tm.jm == 3 && tm.jd == 11);
	ck_assert(tm.hour == 16 && tm.min == 30);
	/* Absurd instants are clamped, not undefined. */
	tehran_from_unix(INT64_MIN, &tm);
	ck_assert(tm.jy == 1 && tm.jm == 1 && tm.jd == 1);
	tehran_from_unix(INT64_MAX, &tm);
	ck_assert(tm.jy == 3000 && tm.jm == 12 && tm.jd == 30);
}
END_TEST

START_TEST(daylight_saving_days_are_23_and_25_hours)
{
	struct tehran_tm	 tm;

	/* 1400/01/02 had no 00:00: it began at 01:00, 2021-03-21 20:30 UTC. */
	ck_assert_int_eq(tehran_day_start(1400, 1, 2), INT64_C(1616358600));
	tehran_from_unix(tehran_day_start(1400, 1, 2), &tm);
	ck_assert(tm.jd == 2 && tm.hour == 1 && tm.min == 0);
	ck_assert_int_eq(tehran_day_end(1400, 1, 1), INT64_C(1616358599));
	/* 1400/06/30 began at 00:00 +04:30 and lasted 25 hours. */
	ck_assert_int_eq(tehran_day_start(1400, 6, 30), INT64_C(1632166200));
	ck_assert_int_eq(tehran_day_end(1400, 6, 30), INT64_C(1632256199));
	ck_assert_int_eq(tehran_day_end(1400, 6, 30) -
	    tehran_day_start(1400, 6, 30) + 1, 25 * 3600);
}
END_TEST

START_TEST(days_left_counts_tehran_calendar_days)
{
	int64_t	 now = tehran_day_start(1405, 7, 20) + 10 * 3600;

	ck_assert_int_eq(tehran_days_left(now, tehran_day_end(1405, 7, 20)), 0);
	ck_assert_int_eq(tehran_days_left(now, tehran_day_end(1405, 7, 21)), 1);
	ck_assert_int_eq(tehran_days_left(now, tehran_day_end(1405, 7, 19)), -1);
	ck_assert_int_eq(tehran_days_left(now, tehran_day_end(1406, 7, 20)), 365);
	/* The last second of the day is still today; the next is tomorrow. */
	now = tehran_day_end(1405, 7, 20);
	ck_assert_int_eq(tehran_days_left(now, tehran_day_end(1405, 7, 20)), 0);
	ck_assert_int_eq(tehran_days_left(now + 1, tehran_day_end(1405, 7, 20)),
	    -1);
	/* Across a 23-hour day. */
	now = tehran_day_start(1400, 1, 1);
	ck_assert_int_eq(tehran_days_left(now, tehran_day_end(1400, 1, 3)), 2);
}
END_TEST

START_TEST(parse_accepts_jalali_in_three_digit_scripts)
{
	int	 y = 0, m = 0, d = 0;

	ck_assert_int_eq(JPARSE("1405/09/01", &y, &m, &d), 0);
	ck_assert(y == 1405 && m == 9 && d == 1);
	ck_assert_int_eq(JPARSE("۱۴۰۵/۰۹/۰۱", &y, &m, &d), 0);
	ck_assert(y == 1405 && m == 9 && d == 1);
	ck_assert_int_eq(JPARSE("١٤٠٣/١٢/٣٠", &y, &m, &d), 0);
	ck_assert(y == 1403 && m == 12 && d == 30);
	ck_assert_int_eq(JPARSE("  1/1/1  ", &y, &m, &d), 0);
	ck_assert(y == 1 && m == 1 && d == 1);
	ck_assert_int_eq(JPARSE("۱۴05/٩/1", &y, &m, &d), 0);
	ck_assert(y == 1405 && m == 9 && d == 1);
	ck_assert_int_eq(JPARSE("0001/01/01", &y, &m, &d), 0);
}
END_TEST

START_TEST(parse_rejects_hostile_jalali)
{
	static const char *const bad[] = {
		"", " ", "1405/13/01", "1405/1/32", "1404/12/30", "1405/0/1",
		"1405/1/0", "0/1/1", "0000/01/01", "3001/1/1", "1405-09-01",
		"1405.09.01", "1405/09/01x", "1405/09/01 x", "x1405/09/01",
		"+1405/09/01", "-1405/09/01", "1405/+9/01", "1405//01",
		"1405/09/", "/09/01", "1405/09", "1405/09/01/", "01405/09/01",
		"1405/009/01", "1405/09/001", "99999999999/1/1",
		"1/1/99999999999999999999", "\t1405/09/01", "1405/09/01\n",
		"1405/09/01\r", "1405 /09/01", "１４０５/09/01",
		/* Overlong '1' (C0 B1) and overlong U+06F1 (E0 9B B1). */
		"\xC0\xB1" "405/09/01", "\xE0\x9B\xB1" "405/09/01",
		/* A lone lead byte, a lone continuation, a truncated digit. */
		"\xDB" "405/09/01", "\xB1" "405/09/01", "1405/09/0\xDB",
		/* U+06F1 with a bad second byte. */
		"\xDB\xBA" "405/09/01",
	};
	size_t	 i;
	int	 y = -7, m = -7, d = -7;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(JPARSE(bad[i], &y, &m, &d) == -1,
		    "accepted \"%s\"", bad[i]);
	/* A NUL inside, and a valid date followed by a NUL. */
	ck_assert_int_eq(jalali_parse("1405/0\0009/01", 11, &y, &m, &d), -1);
	ck_assert_int_eq(jalali_parse("1405/09/01\0", 11, &y, &m, &d), -1);
	ck_assert_int_eq(jalali_parse(NULL, 0, &y, &m, &d), -1);
	ck_assert(y == -7 && m == -7 && d == -7);
	/* len is honoured: a prefix of a longer string. */
	ck_assert_int_eq(jalali_parse("1405/09/01999", 10, &y, &m, &d), 0);
	ck_assert(y == 1405 && m == 9 && d == 1);
}
END_TEST

START_TEST(parse_reads_only_len_bytes)
{
	/* Every prefix of a date in a malloc'd buffer of exactly that size. */
	const char	*src = "۱۴۰۵/۰۹/۰۱";
	size_t		 n, len = strlen(src);
	char		*p;
	int		 y, m, d;

	for (n = 0; n <= len; n++) {
		p = malloc(n ? n : 1);
		ck_assert_ptr_nonnull(p);
		memcpy(p, src, n);
		ck_assert_int_eq(jalali_parse(p, n, &y, &m, &d),
		    n == len ? 0 : -1);
		free(p);
	}
}
END_TEST

START_TEST(gregorian_parse_wants_exactly_yyyy_mm_dd)
{
	static const char *const bad[] = {
		"", "2025-3-21", "2025-03-1", "25-03-21", "02025-03-21",
		" 2025-03-21", "2025-03-21 ", "2025/03/21", "2025-02-29",
		"2025-13-01", "2025-00-01", "2025-01-00", "0000-01-01",
		"2025-04-31", "1900-02-29", "+025-03-21", "2025-+3-21",
		"۲۰۲۵-۰۳-۲۱", "2025-03-2x",
	};
	size_t	 i;
	int	 y = -7, m = -7, d = -7;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(gregorian_parse(bad[i], strlen(bad[i]), &y, &m,
		    &d) == -1, "accepted \"%s\"", bad[i]);
	ck_assert_int_eq(gregorian_parse("2025-03\0-21", 10, &y, &m, &d), -1);
	ck_assert(y == -7 && m == -7 && d == -7);
	ck_assert_int_eq(gregorian_parse("2024-02-29", 10, &y, &m, &d), 0);
	ck_assert(y == 2024 && m == 2 && d == 29);
	ck_assert_int_eq(gregorian_parse("2000-02-29", 10, &y, &m, &d), 0);
	ck_assert_int_eq(gregorian_parse("9999-12-31", 10, &y, &m, &d), 0);
}
END_TEST

START_TEST(format_pads_and_uses_persian_digits)
{
	char	 out[32];

	ck_assert_int_eq(jalali_format(out, sizeof(out), 1405, 9, 1, 0), 10);
	ck_assert_str_eq(out, "1405/09/01");
	ck_assert_int_eq(jalali_format(out, sizeof(out), 1405, 9, 1, 1), 18);
	ck_assert_str_eq(out, "۱۴۰۵/۰۹/۰۱");
	ck_assert_int_eq(jalali_format(out, sizeof(out), 7, 12, 3, 0), 10);
	ck_assert_str_eq(out, "0007/12/03");
}
END_TEST

START_TEST(format_fails_when_buffer_is_too_small_or_date_invalid)
{
	char	 out[32];

	ck_assert_int_eq(jalali_format(out, 11, 1405, 9, 1, 0), 10);
	ck_assert_int_eq(jalali_format(out, 10, 1405, 9, 1, 0), -1);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(jalali_format(out, 19, 1405, 9, 1, 1), 18);
	ck_assert_int_eq(jalali_format(out, 18, 1405, 9, 1, 1), -1);
	ck_assert_int_eq(jalali_format(out, 0, 1405, 9, 1, 0), -1);
	ck_assert_int_eq(jalali_format(out, sizeof(out), 1404, 12, 30, 0), -1);
	ck_assert_int_eq(jalali_format(out, sizeof(out), 10000, 1, 1, 0), -1);
}
END_TEST

START_TEST(month_names_are_persian)
{
	ck_assert_str_eq(jalali_month_name(1), "فروردین");
	ck_assert_str_eq(jalali_month_name(7), "مهر");
	ck_assert_str_eq(jalali_month_name(12), "اسفند");
	ck_assert_ptr_null(jalali_month_name(0));
	ck_assert_ptr_null(jalali_month_name(13));
}
END_TEST

static Suite *
jalali_suite(void)
{
	Suite	*s = suite_create("jalali");
	TCase	*tc;

	tc = tcase_create("calendar");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, known_dates_convert_to_gregorian);
	tcase_add_test(tc, known_dates_convert_to_jalali);
	tcase_add_test(tc, conversions_reject_invalid_dates_and_leave_outputs_alone);
	tcase_add_test(tc, leap_years_follow_borkowski);
	tcase_add_test(tc, esfand_30_exists_only_in_leap_years);
	tcase_add_test(tc, month_lengths);
	tcase_add_test(tc, valid_years_are_1_to_3000);
	tcase_add_test(tc,
	    every_day_of_years_1_to_3000_round_trips_with_consecutive_jdns);
	tcase_add_test(tc, jdn_matches_jalaali_js_and_rejects_out_of_range);
	suite_add_tcase(s, tc);

	tc = tcase_create("tehran");
	tcase_add_test(tc, deadline_day_ends_at_2359_tehran);
	tcase_add_test(tc, tehran_offset_is_0330_since_2022_and_0430_in_old_summers);
	tcase_add_test(tc, tehran_from_unix_gives_jalali_wall_clock_and_weekday);
	tcase_add_test(tc, daylight_saving_days_are_23_and_25_hours);
	tcase_add_test(tc, days_left_counts_tehran_calendar_days);
	suite_add_tcase(s, tc);

	tc = tcase_create("text");
	tcase_add_test(tc, parse_accepts_jalali_in_three_digit_scripts);
	tcase_add_test(tc, parse_rejects_hostile_jalali);
	tcase_add_test(tc, parse_reads_only_len_bytes);
	tcase_add_test(tc, gregorian_parse_wants_exactly_yyyy_mm_dd);
	tcase_add_test(tc, format_pads_and_uses_persian_digits);
	tcase_add_test(tc, format_fails_when_buffer_is_too_small_or_date_invalid);
	tcase_add_test(tc, month_names_are_persian);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(jalali_suite());
	int	 failures;

	srunner_run_all(sr, CK_NORMAL);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failures ? 1 : 0;
}
