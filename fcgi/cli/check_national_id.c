/*
 * "geps check-national-id": prints "valid" or "invalid" for each national ID
 * given as an argument or, with no arguments, on each line of standard input.
 * It applies exactly the validator the web forms use (fa_national_id_parse), so
 * operators and tests can check a list of IDs against the portal's own rule.
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
#include "fa.h"

/* Writes one verdict line; returns 0 for a valid ID, 1 otherwise. */
static int
nid_check(const char *s, size_t len)
{
	char	 out[11];

	if (fa_national_id_parse(s, len, out) == FA_NID_OK) {
		fputs("valid\n", stdout);
		return 0;
	}
	fputs("invalid\n", stdout);
	return 1;
}

int
cmd_check_national_id(int argc, char **argv)
{
	char	*line = NULL;
	size_t	 cap = 0, len;
	ssize_t	 n;
	int	 i, bad = 0, rc = 1;

	if (argc > 1) {
		for (i = 1; i < argc; i++)
			bad |= nid_check(argv[i], strlen(argv[i]));
	} else {
		while ((n = getline(&line, &cap, stdin)) != -1) {
			len = (size_t)n;
			while (len > 0 &&
			    (line[len - 1] == '\n' || line[len - 1] == '\r'))
				len--;
			bad |= nid_check(line, len);
		}
		if (ferror(stdin)) {
			fprintf(stderr, "geps check-national-id: reading standard "
			    "input: %s\n", strerror(errno));
			goto fail;
		}
	}
	/* A full disk or a closed pipe must not look like success. */
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "geps check-national-id: writing standard "
		    "output: %s\n", strerror(errno));
		goto fail;
	}
	rc = bad ? 1 : 0;
fail:
	free(line);
	return rc;
}
