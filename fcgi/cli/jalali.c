/*
 * "geps jalali": converts dates between the Jalali and Gregorian calendars, one
 * per argument or, with no arguments, one per line of standard input.  Operators
 * use it to check a date by hand; the integration tests pipe every day of Jalali
 * years 1..3000 through it and compare with jalaali-js, so the output format is
 * exact: one line per input, ASCII digits, zero-padded, or "invalid".
 */
/* getline() and ssize_t are POSIX.1-2008, not C11. */
#if !defined(_POSIX_C_SOURCE) && !defined(_GNU_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jalali.h"

/*
 * Converts one input and writes one line.  Returns 0 for a date, 1 for
 * "invalid".  A Gregorian date is tried first: its "YYYY-MM-DD" form can never
 * be mistaken for a Jalali "Y/M/D".
 */
static int
jalali_convert(const char *s, size_t len)
{
	char	 out[32];
	int	 y, m, d, oy, om, od, n;

	if (gregorian_parse(s, len, &y, &m, &d) == 0 &&
	    gregorian_to_jalali(y, m, d, &oy, &om, &od) == 0) {
		if (jalali_format(out, sizeof(out), oy, om, od, 0) == -1)
			goto invalid;
	} else if (jalali_parse(s, len, &y, &m, &d) == 0 &&
	    jalali_to_gregorian(y, m, d, &oy, &om, &od) == 0) {
		n = snprintf(out, sizeof(out), "%04d-%02d-%02d", oy, om, od);
		if (n < 0 || (size_t)n >= sizeof(out))
			goto invalid;
	} else
		goto invalid;
	fputs(out, stdout);
	putchar('\n');
	return 0;
invalid:
	fputs("invalid\n", stdout);
	return 1;
}

int
cmd_jalali(int argc, char **argv)
{
	char	*line = NULL;
	size_t	 cap = 0, len;
	ssize_t	 n;
	int	 i, bad = 0, rc = 1;

	if (argc > 1) {
		for (i = 1; i < argc; i++)
			bad |= jalali_convert(argv[i], strlen(argv[i]));
	} else {
		while ((n = getline(&line, &cap, stdin)) != -1) {
			len = (size_t)n;
			while (len > 0 &&
			    (line[len - 1] == '\n' || line[len - 1] == '\r'))
				len--;
			bad |= jalali_convert(line, len);
		}
		if (ferror(stdin)) {
			fprintf(stderr, "geps jalali: reading standard input: %s\n",
			    strerror(errno));
			goto fail;
		}
	}
	/* A full disk or a closed pipe must not look like success. */
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "geps jalali: writing standard output: %s\n",
		    strerror(errno));
		goto fail;
	}
	rc = bad ? 1 : 0;
fail:
	free(line);
	return rc;
}
