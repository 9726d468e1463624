/*
 * libFuzzer target for the date parsers of lib/jalali.  Both parsers see the raw
 * bytes with their length; whatever they accept must be a real date that
 * survives a round trip through the other calendar and through the formatter,
 * and Tehran day boundaries of it must be consistent.  Any disagreement aborts,
 * so the fuzzer reports it as a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jalali.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Checks everything that must hold for an accepted Jalali date. */
static void
fuzz_check_jalali(int jy, int jm, int jd)
{
	char			 out[32];
	struct tehran_tm	 tm;
	int			 gy, gm, gd, y, m, d, n;
	int64_t			 start, end;

	if (!jalali_valid(jy, jm, jd))
		abort();
	if (jalali_to_gregorian(jy, jm, jd, &gy, &gm, &gd) != 0 ||
	    !gregorian_valid(gy, gm, gd))
		abort();
	if (gregorian_to_jalali(gy, gm, gd, &y, &m, &d) != 0 ||
	    y != jy || m != jm || d != jd)
		abort();
	if (jdn_to_jalali(jalali_to_jdn(jy, jm, jd), &y, &m, &d) != 0 ||
	    y != jy || m != jm || d != jd)
		abort();

	/* The formatted date, in either script, parses back to itself. */
	n = jalali_format(out, sizeof(out), jy, jm, jd, 0);
	if (n != 10 || jalali_parse(out, (size_t)n, &y, &m, &d) != 0 ||
	    y != jy || m != jm || d != jd)
		abort();
	n = jalali_format(out, sizeof(out), jy, jm, jd, 1);
	if (n != 18 || jalali_parse(out, (size_t)n, &y, &m, &d) != 0 ||
	    y != jy || m != jm || d != jd)
		abort();

	/* The day's first and last seconds fall on that day in Tehran. */
	start = tehran_day_start(jy, jm, jd);
	end = tehran_day_end(jy, jm, jd);
	if (start == INT64_MIN || end < start || end - start > 25 * 3600)
		abort();
	tehran_from_unix(start, &tm);
	if (tm.jy != jy || tm.jm != jm || tm.jd != jd)
		abort();
	tehran_from_unix(end, &tm);
	if (tm.jy != jy || tm.jm != jm || tm.jd != jd || tm.hour != 23 ||
	    tm.min != 59 || tm.sec != 59)
		abort();
	if (tehran_days_left(start, end) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char			*s;
	struct tehran_tm	 tm;
	int			 y, m, d, jy, jm, jd;
	int64_t			 t;

	/* An exact-size copy, so that reading past size is caught by ASan. */
	if ((s = malloc(size ? size : 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(s, data, size);

	if (jalali_parse(s, size, &y, &m, &d) == 0)
		fuzz_check_jalali(y, m, d);
	if (gregorian_parse(s, size, &y, &m, &d) == 0) {
		if (!gregorian_valid(y, m, d))
			abort();
		if (gregorian_to_jalali(y, m, d, &jy, &jm, &jd) == 0) {
			fuzz_check_jalali(jy, jm, jd);
			if (jalali_to_gregorian(jy, jm, jd, &jy, &jm, &jd) != 0 ||
			    jy != y || jm != m || jd != d)
				abort();
		}
	}

	/* Any eight bytes are an instant; breaking it down must be sane. */
	if (size >= 8) {
		memcpy(&t, data, sizeof(t));
		tehran_from_unix(t, &tm);
		if (!jalali_valid(tm.jy, tm.jm, tm.jd) || tm.hour < 0 ||
		    tm.hour > 23 || tm.min < 0 || tm.min > 59 || tm.sec < 0 ||
		    tm.sec > 59 || tm.wday < 0 || tm.wday > 6)
			abort();
		if (tehran_offset(t) != 12600 && tehran_offset(t) != 16200)
			abort();
	}
	free(s);
	return 0;
}
