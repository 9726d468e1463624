/*
 * The Jalali (Solar Hijri) calendar and Tehran local time.  Every date the portal
 * shows or accepts is Jalali, and every deadline is a Tehran calendar day, so this
 * module converts between Jalali dates, Gregorian dates, Julian Day Numbers and
 * unix time, parses what users type (ASCII, Persian or Arabic-Indic digits) and
 * formats dates for pages.  Leap years follow Borkowski's algorithm exactly as
 * jalaali-js does.  Pure libc: no allocation, no other lib/ module.
 */
#ifndef GEPS_JALALI_H
#define GEPS_JALALI_H

#include <stddef.h>
#include <stdint.h>

/* The Jalali years the portal accepts as input and converts to and from. */
#define JALALI_YEAR_MIN	1
#define JALALI_YEAR_MAX	3000

/*
 * 1 if Jalali year jy has 366 days (Esfand 30), else 0.  Borkowski's algorithm is
 * only defined for jy in [-61, 3177]; years outside it are reported as not leap.
 */
int	 jalali_is_leap(int jy);
/*
 * Days in month jm (1..12) of Jalali year jy: 31, 30, or 29/30 for Esfand.
 * Returns 0 when jm is not 1..12 or jy is outside [-61, 3177].
 */
int	 jalali_month_days(int jy, int jm);
/* 1 if jy/jm/jd is a real Jalali date with jy in 1..3000, else 0. */
int	 jalali_valid(int jy, int jm, int jd);
/*
 * 1 if gy-gm-gd is a real proleptic Gregorian date with gy in 1..9999, else 0
 * (real month lengths, leap years by the 4/100/400 rule).
 */
int	 gregorian_valid(int gy, int gm, int gd);

/*
 * The Julian Day Number (days since 1 January 4713 BC, Julian; the day starting at
 * that noon) of a Jalali date.  Returns -1 if the date is not jalali_valid().
 */
long	 jalali_to_jdn(int jy, int jm, int jd);
/*
 * The Jalali date of a Julian Day Number.  Returns 0, or -1 (outputs untouched)
 * when the day falls outside Jalali years 1..3000.
 */
int	 jdn_to_jalali(long jdn, int *jy, int *jm, int *jd);
/*
 * Converts a Jalali date to Gregorian.  Returns 0, or -1 (outputs untouched) when
 * the Jalali date is not jalali_valid().
 */
int	 jalali_to_gregorian(int jy, int jm, int jd, int *gy, int *gm, int *gd);
/*
 * Converts a Gregorian date to Jalali.  Returns 0, or -1 (outputs untouched) when
 * the Gregorian date is not gregorian_valid() or its Jalali year is not 1..3000.
 */
int	 gregorian_to_jalali(int gy, int gm, int gd, int *jy, int *jm, int *jd);

/*
 * Tehran time.  tehran_offset() is the offset of Asia/Tehran in seconds east of UTC
 * at the instant unix_utc: +12600 (03:30), or +16200 (04:30) during daylight saving
 * of the Jalali years 1387-1401.  See jalali.c for the simplification this makes.
 */
int64_t	 tehran_offset(int64_t unix_utc);

struct tehran_tm {
	int	 jy, jm, jd;	/* Jalali date */
	int	 hour, min, sec;
	int	 wday;		/* day of the week, 0 = Saturday ... 6 = Friday */
};

/*
 * Breaks the instant t down into Tehran wall-clock time.  Cannot fail: instants
 * before 1/1/1 or after 3000/12/end are clamped to those days.
 */
void	 tehran_from_unix(int64_t t, struct tehran_tm *);
/*
 * The unix time of the first second of Jalali day jy/jm/jd in Tehran (00:00:00, or
 * 01:00:00 on the days daylight saving began).  INT64_MIN if the date is invalid.
 */
int64_t	 tehran_day_start(int jy, int jm, int jd);
/*
 * The unix time of the last second of that Tehran day (23:59:59): a deadline
 * "until 20 Mehr" ends here.  INT64_MIN if the date is invalid.
 */
int64_t	 tehran_day_end(int jy, int jm, int jd);
/*
 * Tehran calendar days from the day of now to the day of deadline: 0 when the
 * deadline is today, 1 tomorrow, negative when it has passed.
 */
int	 tehran_days_left(int64_t now, int64_t deadline);

/*
 * Parses a Jalali date "Y/M/D" of len bytes (not necessarily NUL-terminated): a
 * year of 1-4 digits, month and day of 1-2 digits, each digit ASCII, Persian
 * (U+06F0..U+06F9) or Arabic-Indic (U+0660..U+0669), optionally surrounded by ASCII
 * spaces.  Returns 0 and stores the date, or -1 (outputs untouched) for anything
 * else, including an invalid date, NULs and invalid UTF-8.
 */
int	 jalali_parse(const char *s, size_t len, int *jy, int *jm, int *jd);
/*
 * Parses a Gregorian date of exactly "YYYY-MM-DD" (ASCII digits).  Returns 0 and
 * stores it, or -1 (outputs untouched) if the form or the date is invalid.
 */
int	 gregorian_parse(const char *s, size_t len, int *gy, int *gm, int *gd);

/*
 * Writes jy/jm/jd as "1405/09/01" (4-digit year, zero-padded), with Persian
 * digits "۱۴۰۵/۰۹/۰۱" when persian_digits is non-zero, NUL-terminated.  Returns the
 * length written (without the NUL), or -1 when the date is not jalali_valid() or
 * the result with its NUL does not fit in outsz bytes (out is then "" if outsz > 0).
 */
int	 jalali_format(char *out, size_t outsz, int jy, int jm, int jd,
	    int persian_digits);
/* The Persian name of month jm ("فروردین" ... "اسفند"), or NULL if jm is not 1..12. */
const char *jalali_month_name(int jm);

#endif
