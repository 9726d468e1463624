/*
 * Application clock with an opt-in override for tests.  The override is per process
 * and per request: the worker sets it from the request header before the handler
 * runs and clears it afterwards, so it can never leak into another request.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"

static int	 clock_test_enabled;
static int64_t	 clock_fixed;

void
clock_enable_test(int on)
{
	clock_test_enabled = on;
	if (!on)
		clock_fixed = 0;
}

void
clock_override(int64_t t)
{
	clock_fixed = clock_test_enabled ? t : 0;
}

int64_t
clock_now(void)
{
	if (clock_test_enabled && clock_fixed > 0)
		return clock_fixed;
	return (int64_t)time(NULL);
}

int64_t
clock_mono_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void
clock_sql(int64_t t, char *out, size_t outsz)
{
	struct tm	 tm;
	time_t		 tt = (time_t)t;

	gmtime_r(&tt, &tm);
	snprintf(out, outsz, "%04d-%02d-%02d %02d:%02d:%02d.000000",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec);
}

int64_t
clock_parse_sql(const char *s)
{
	struct tm	 tm;
	int		 y, mo, d, h, mi, se;

	if (s == NULL || sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &se) != 6)
		return 0;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	return (int64_t)timegm(&tm);
}
