/*
 * Jalali calendar arithmetic, Tehran time, and parsing and formatting of Jalali
 * dates.  The conversions go through Julian Day Numbers and are a line-by-line
 * port of jalaali-js (jalCal, j2d, d2j, g2d, d2g), which implements Borkowski's
 * "The Persian calendar for 3000 years"; tests/integration compares every day of
 * years 1..3000 with jalaali-js itself.  jalaali-js divides with truncation
 * (~~(a / b)) and so does C, so "/" and "%" below mean exactly what div() and mod()
 * mean there.
 */
#include <stdint.h>
#include <string.h>

#include "jalali.h"

/* The JDN of 1970-01-01, the unix epoch day. */
#define EPOCH_JDN	2440588L
#define DAY_SECONDS	86400
/* Asia/Tehran standard time and daylight-saving time, seconds east of UTC. */
#define TEHRAN_STD	12600
#define TEHRAN_DST	16200
/* The Jalali years in which Iran observed daylight saving (see tehran_offset). */
#define DST_FIRST_YEAR	1387
#define DST_LAST_YEAR	1401

/*
 * Borkowski's table: the Jalali years at which the 33-year leap pattern is
 * re-anchored.  The algorithm is exact for years in [breaks[0], last - 1].
 */
static const int breaks[] = {
	-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181,
	1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178
};
#define NBREAKS		(sizeof(breaks) / sizeof(breaks[0]))
#define BORKOWSKI_MIN	(-61)
#define BORKOWSKI_MAX	3177

static const char *const month_names[12] = {
	"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
	"مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"
};

/*
 * jalaali-js jalCal: for jy in [-61, 3177], the Gregorian year in which the Jalali
 * year begins, the day of March of 1 Farvardin and, when leap is not NULL, the
 * years since the last leap year (0 means jy itself is leap).
 */
static void
jal_cal_compute(int jy, int *leap, int *gy, int *march)
{
	int	 leapj = -14, jp = breaks[0], jm = 0, jump = 0, n, leapg;
	size_t	 i;

	for (i = 1; i < NBREAKS; i++) {
		jm = breaks[i];
		jump = jm - jp;
		if (jy < jm)
			break;
		leapj = leapj + jump / 33 * 8 + (jump % 33) / 4;
		jp = jm;
	}
	n = jy - jp;

	/* Leap years of the Persian calendar from AD 621 to the start of jy. */
	leapj = leapj + n / 33 * 8 + (n % 33 + 3) / 4;
	if (jump % 33 == 4 && jump - n == 4)
		leapj++;
	/* And of the Gregorian calendar up to the year in which jy begins. */
	*gy = jy + 621;
	leapg = *gy / 4 - (*gy / 100 + 1) * 3 / 4 - 150;
	*march = 20 + leapj - leapg;

	if (leap != NULL) {
		if (jump - n < 6)
			n = n - jump + (jump + 4) / 33 * 33;
		*leap = ((n + 1) % 33 - 1) % 4;
		if (*leap == -1)
			*leap = 4;
	}
}

/*
 * jal_cal with the last few years remembered: a page of dates asks for the same
 * one or two years many times (every date shown, every Tehran offset).
 */
static void
jal_cal(int jy, int *leap, int *gy, int *march)
{
	static struct {
		int	 jy, leap, gy, march, set;
	} memo[4];
	unsigned	 k = (unsigned)jy & 3;

	if (!memo[k].set || memo[k].jy != jy) {
		jal_cal_compute(jy, &memo[k].leap, &memo[k].gy, &memo[k].march);
		memo[k].jy = jy;
		memo[k].set = 1;
	}
	if (leap != NULL)
		*leap = memo[k].leap;
	*gy = memo[k].gy;
	*march = memo[k].march;
}

/* jalaali-js g2d: the JDN of a proleptic Gregorian date. */
static long
g2d(long gy, long gm, long gd)
{
	long	 d;

	d = (gy + (gm - 8) / 6 + 100100) * 1461 / 4 +
	    (153 * ((gm + 9) % 12) + 2) / 5 + gd - 34840408;
	d = d - (gy + 100100 + (gm - 8) / 6) / 100 * 3 / 4 + 752;
	return d;
}

/* jalaali-js d2g: the proleptic Gregorian date of a JDN (jdn >= -34839655). */
static void
d2g(long jdn, int *gy, int *gm, int *gd)
{
	long	 j, i;

	j = 4 * jdn + 139361631;
	j = j + (4 * jdn + 183187720) / 146097 * 3 / 4 * 4 - 3908;
	i = (j % 1461) / 4 * 5 + 308;
	*gd = (int)((i % 153) / 5 + 1);
	*gm = (int)((i / 153) % 12 + 1);
	*gy = (int)(j / 1461 - 100100 + (8 - *gm) / 6);
}

/* jalaali-js j2d: the JDN of a Jalali date; jy must be in [-61, 3177]. */
static long
j2d(int jy, int jm, int jd)
{
	int	 gy, march;

	jal_cal(jy, NULL, &gy, &march);
	return g2d(gy, 3, march) + (jm - 1) * 31 - jm / 7 * (jm - 7) + jd - 1;
}

/*
 * jalaali-js d2j: the Jalali date of a JDN, which must lie within Jalali years
 * [-61, 3177].
 */
static void
d2j(long jdn, int *jy, int *jm, int *jd)
{
	int	 gy, gm, gd, cgy, march, leap, y;
	long	 k;

	d2g(jdn, &gy, &gm, &gd);
	/*
	 * In the last supported year the Gregorian year runs one ahead, so gy - 621
	 * can be one past the table; those days lie late in that year and the
	 * arithmetic below still lands on them.
	 */
	y = gy - 621;
	if (y > BORKOWSKI_MAX)
		y = BORKOWSKI_MAX;
	jal_cal(y, &leap, &cgy, &march);
	k = jdn - g2d(cgy, 3, march);
	if (k >= 0) {
		if (k <= 185) {
			*jy = y;
			*jm = (int)(1 + k / 31);
			*jd = (int)(k % 31 + 1);
			return;
		}
		k -= 186;
	} else {
		/* The day belongs to the previous Jalali year. */
		y--;
		k += 179;
		if (leap == 1)
			k++;
	}
	*jy = y;
	*jm = (int)(7 + k / 30);
	*jd = (int)(k % 30 + 1);
}

/* The first and last JDN of the years the public API accepts. */
static long
jdn_first(void)
{
	return j2d(JALALI_YEAR_MIN, 1, 1);
}

static long
jdn_last(void)
{
	return j2d(JALALI_YEAR_MAX, 12, jalali_month_days(JALALI_YEAR_MAX, 12));
}

int
jalali_is_leap(int jy)
{
	int	 leap, gy, march;

	if (jy < BORKOWSKI_MIN || jy > BORKOWSKI_MAX)
		return 0;
	jal_cal(jy, &leap, &gy, &march);
	return leap == 0;
}

int
jalali_month_days(int jy, int jm)
{
	if (jy < BORKOWSKI_MIN || jy > BORKOWSKI_MAX || jm < 1 || jm > 12)
		return 0;
	if (jm <= 6)
		return 31;
	if (jm <= 11)
		return 30;
	return jalali_is_leap(jy) ? 30 : 29;
}

int
jalali_valid(int jy, int jm, int jd)
{
	if (jy < JALALI_YEAR_MIN || jy > JALALI_YEAR_MAX || jm < 1 || jm > 12)
		return 0;
	return jd >= 1 && jd <= jalali_month_days(jy, jm);
}

int
gregorian_valid(int gy, int gm, int gd)
{
	static const int mdays[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int	 n;

	if (gy < 1 || gy > 9999 || gm < 1 || gm > 12 || gd < 1)
		return 0;
	n = mdays[gm - 1];
	if (gm == 2 && (gy % 4 == 0 && (gy % 100 != 0 || gy % 400 == 0)))
		n = 29;
	return gd <= n;
}

long
jalali_to_jdn(int jy, int jm, int jd)
{
	if (!jalali_valid(jy, jm, jd))
		return -1;
	return j2d(jy, jm, jd);
}

int
jdn_to_jalali(long jdn, int *jy, int *jm, int *jd)
{
	if (jdn < jdn_first() || jdn > jdn_last())
		return -1;
	d2j(jdn, jy, jm, jd);
	return 0;
}

int
jalali_to_gregorian(int jy, int jm, int jd, int *gy, int *gm, int *gd)
{
	if (!jalali_valid(jy, jm, jd))
		return -1;
	d2g(j2d(jy, jm, jd), gy, gm, gd);
	return 0;
}

int
gregorian_to_jalali(int gy, int gm, int gd, int *jy, int *jm, int *jd)
{
	if (!gregorian_valid(gy, gm, gd))
		return -1;
	return jdn_to_jalali(g2d(gy, gm, gd), jy, jm, jd);
}

/* Division rounding towards minus infinity, for instants before the epoch. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t	 q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/* The unix time of 00:00 of the day jdn in a zone offset seconds east of UTC. */
static int64_t
jdn_midnight(long jdn, int64_t offset)
{
	return ((int64_t)jdn - EPOCH_JDN) * DAY_SECONDS - offset;
}

/*
 * Iran observed daylight saving, +04:30, from 00:00 of 2 Farvardin (clocks
 * jumped to 01:00) to 00:00 of 31 Shahrivar in daylight time (clocks went back to
 * 23:00 of 30 Shahrivar).  This follows that rule for the Jalali years 1387-1401
 * (2008-2022), the last of which ended at 2022-09-21 19:30 UTC; Iran abolished
 * daylight saving in 1401, so every later instant is +03:30.  Earlier periods of
 * daylight saving (before 1385) are deliberately ignored: the portal stores no
 * dates that old, and treating them as +03:30 keeps the rule small.  Checked
 * against tzdata's Asia/Tehran for every hour of 2006-2030.
 */
int64_t
tehran_offset(int64_t t)
{
	long	 jdn;
	int	 jy, jm, jd;

	if (t < jdn_midnight(j2d(DST_FIRST_YEAR, 1, 1), TEHRAN_STD) ||
	    t >= jdn_midnight(j2d(DST_LAST_YEAR, 6, 31), TEHRAN_DST))
		return TEHRAN_STD;
	/*
	 * The Jalali year of the instant in standard time; the switches are in
	 * mid-year, so daylight saving cannot change which year it is.
	 */
	jdn = (long)(floor_div(t + TEHRAN_STD, DAY_SECONDS) + EPOCH_JDN);
	d2j(jdn, &jy, &jm, &jd);
	if (jy < DST_FIRST_YEAR || jy > DST_LAST_YEAR)
		return TEHRAN_STD;
	if (t >= jdn_midnight(j2d(jy, 1, 2), TEHRAN_STD) &&
	    t < jdn_midnight(j2d(jy, 6, 31), TEHRAN_DST))
		return TEHRAN_DST;
	return TEHRAN_STD;
}

/*
 * The JDN of the Tehran calendar day containing t and the seconds since its
 * local midnight, clamped to the days of Jalali years 1..3000 so that any int64_t
 * is safe.
 */
static long
tehran_jdn(int64_t t, int64_t *secs)
{
	/* About 317,000 years either way: beyond any day we can name. */
	const int64_t	 lim = INT64_C(10000000000000);
	int64_t		 local, days;
	long		 lo = jdn_first(), hi = jdn_last();

	if (t > lim)
		t = lim;
	if (t < -lim)
		t = -lim;
	local = t + tehran_offset(t);
	days = floor_div(local, DAY_SECONDS);
	if (secs != NULL)
		*secs = local - days * DAY_SECONDS;
	if (days + EPOCH_JDN < lo) {
		if (secs != NULL)
			*secs = 0;
		return lo;
	}
	if (days + EPOCH_JDN > hi) {
		if (secs != NULL)
			*secs = DAY_SECONDS - 1;
		return hi;
	}
	return (long)(days + EPOCH_JDN);
}

void
tehran_from_unix(int64_t t, struct tehran_tm *tm)
{
	int64_t	 secs;
	long	 jdn;

	jdn = tehran_jdn(t, &secs);
	d2j(jdn, &tm->jy, &tm->jm, &tm->jd);
	tm->hour = (int)(secs / 3600);
	tm->min = (int)(secs / 60 % 60);
	tm->sec = (int)(secs % 60);
	/* JDN 0 was a Monday; shifting by 2 makes Saturday 0. */
	tm->wday = (int)((jdn + 2) % 7);
}

/*
 * The first second of Tehran day jdn.  Midnight normally happens once at +03:30 or
 * +04:30; on 2 Farvardin of a daylight-saving year it never happens (00:00 became
 * 01:00), and then the day starts at the switch, which is midnight taken at +03:30.
 */
static int64_t
tehran_jdn_start(long jdn)
{
	int64_t	 u, u2, off;

	u = jdn_midnight(jdn, TEHRAN_STD);
	off = tehran_offset(u);
	if (off != TEHRAN_STD) {
		u2 = jdn_midnight(jdn, off);
		if (tehran_offset(u2) == off)
			return u2;
	}
	return u;
}

int64_t
tehran_day_start(int jy, int jm, int jd)
{
	if (!jalali_valid(jy, jm, jd))
		return INT64_MIN;
	return tehran_jdn_start(j2d(jy, jm, jd));
}

int64_t
tehran_day_end(int jy, int jm, int jd)
{
	/* The second before the next day starts, which copes with 23-hour days. */
	if (!jalali_valid(jy, jm, jd))
		return INT64_MIN;
	return tehran_jdn_start(j2d(jy, jm, jd) + 1) - 1;
}

int
tehran_days_left(int64_t now, int64_t deadline)
{
	return (int)(tehran_jdn(deadline, NULL) - tehran_jdn(now, NULL));
}

/*
 * If s starts with an ASCII, Persian or Arabic-Indic digit, stores its value and
 * returns its length in bytes, else 0.  lib/fa.c has the same helper; it is
 * repeated here so that this module stays free of other lib/ modules.  Only the
 * exact shortest encodings match, so overlong forms and stray bytes are refused.
 */
static size_t
jal_digit(const unsigned char *s, size_t len, int *d)
{
	if (len >= 1 && s[0] >= '0' && s[0] <= '9') {
		*d = s[0] - '0';
		return 1;
	}
	if (len >= 2 && s[0] == 0xD9 && s[1] >= 0xA0 && s[1] <= 0xA9) {
		*d = s[1] - 0xA0;	/* U+0660..U+0669 */
		return 2;
	}
	if (len >= 2 && s[0] == 0xDB && s[1] >= 0xB0 && s[1] <= 0xB9) {
		*d = s[1] - 0xB0;	/* U+06F0..U+06F9 */
		return 2;
	}
	return 0;
}

/*
 * Reads 1..max digits at *pos into *val.  max is at most 4, so the value cannot
 * overflow however long the input is: a fifth digit is an error, not a wrap.
 */
static int
jal_field(const unsigned char *s, size_t len, size_t *pos, int max, int *val)
{
	size_t	 n;
	int	 d, count = 0, v = 0;

	while ((n = jal_digit(s + *pos, len - *pos, &d)) > 0) {
		if (count == max)
			return -1;
		v = v * 10 + d;
		count++;
		*pos += n;
	}
	if (count == 0)
		return -1;
	*val = v;
	return 0;
}

int
jalali_parse(const char *s, size_t len, int *jy, int *jm, int *jd)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0;
	int			 y, m, d;

	if (s == NULL)
		return -1;
	while (i < len && u[i] == ' ')
		i++;
	if (jal_field(u, len, &i, 4, &y) == -1 || i >= len || u[i++] != '/')
		return -1;
	if (jal_field(u, len, &i, 2, &m) == -1 || i >= len || u[i++] != '/')
		return -1;
	if (jal_field(u, len, &i, 2, &d) == -1)
		return -1;
	while (i < len && u[i] == ' ')
		i++;
	if (i != len || !jalali_valid(y, m, d))
		return -1;
	*jy = y;
	*jm = m;
	*jd = d;
	return 0;
}

int
gregorian_parse(const char *s, size_t len, int *gy, int *gm, int *gd)
{
	int	 v[3] = { 0, 0, 0 }, f = 0;
	size_t	 i;

	if (s == NULL || len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < len; i++) {
		if (i == 4 || i == 7) {
			f++;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v[f] = v[f] * 10 + (s[i] - '0');
	}
	if (!gregorian_valid(v[0], v[1], v[2]))
		return -1;
	*gy = v[0];
	*gm = v[1];
	*gd = v[2];
	return 0;
}

/* Appends the width-digit zero-padded value v (v < 10^width) at *p. */
static char *
jal_put_num(char *p, int v, int width, int persian)
{
	char	 tmp[4];
	int	 i;

	for (i = width - 1; i >= 0; i--) {
		tmp[i] = (char)('0' + v % 10);
		v /= 10;
	}
	for (i = 0; i < width; i++) {
		if (persian) {
			/* U+06F0 + d is DB B0+d in UTF-8. */
			*p++ = (char)0xDB;
			*p++ = (char)(0xB0 + (tmp[i] - '0'));
		} else
			*p++ = tmp[i];
	}
	return p;
}

int
jalali_format(char *out, size_t outsz, int jy, int jm, int jd,
    int persian_digits)
{
	/* At most 8 two-byte digits and two slashes. */
	char	 tmp[24], *p = tmp;
	size_t	 n;

	if (outsz > 0)
		out[0] = '\0';
	if (!jalali_valid(jy, jm, jd))
		return -1;
	p = jal_put_num(p, jy, 4, persian_digits);
	*p++ = '/';
	p = jal_put_num(p, jm, 2, persian_digits);
	*p++ = '/';
	p = jal_put_num(p, jd, 2, persian_digits);
	n = (size_t)(p - tmp);
	if (n >= outsz)
		return -1;
	memcpy(out, tmp, n);
	out[n] = '\0';
	return (int)n;
}

const char *
jalali_month_name(int jm)
{
	if (jm < 1 || jm > 12)
		return NULL;
	return month_names[jm - 1];
}
