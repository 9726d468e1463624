/*
 * libFuzzer target for national ID validation and Persian normalization, the
 * two things every form runs on untrusted text.  The input is handed over in an
 * exact-size buffer so that any over-read is caught, and the results are checked
 * against what the functions promise: an accepted ID is ten ASCII digits with a
 * correct check digit that validates again, a refused one leaves out empty, and
 * normalization never grows the text, never re-validates differently and is
 * idempotent.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fa.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Aborts unless id is ten ASCII digits, not all the same, with a valid check. */
static void
fuzz_check_id(const char *id)
{
	int	 i, s = 0, r, same = 1;

	if (strlen(id) != 10)
		abort();
	for (i = 0; i < 10; i++) {
		if (id[i] < '0' || id[i] > '9')
			abort();
		if (id[i] != id[0])
			same = 0;
	}
	if (same)
		abort();
	for (i = 0; i < 9; i++)
		s += (id[i] - '0') * (10 - i);
	r = s % 11;
	if (id[9] - '0' != (r < 2 ? r : 11 - r))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena	*a;
	enum fa_nid_err		 e, e2;
	char			*s, *norm, *again, out[11], out2[11];
	size_t			 nlen, alen;

	if (a == NULL)
		a = arena_new(4096);
	if ((s = malloc(size ? size : 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(s, data, size);

	e = fa_national_id_parse(s, size, out);
	if ((int)e < 0 || e >= FA_NID__MAX)
		abort();
	if (fa_national_id_message(e) == NULL)
		abort();
	if (e == FA_NID_OK) {
		fuzz_check_id(out);
		if (fa_national_id_parse(out, 10, out2) != FA_NID_OK ||
		    memcmp(out, out2, 11) != 0)
			abort();
	} else if (out[0] != '\0')
		abort();

	norm = fa_normalize(a, s, size, &nlen);
	if (nlen > size || norm[nlen] != '\0')
		abort();
	/* Folding is idempotent... */
	again = fa_normalize(a, norm, nlen, &alen);
	if (alen != nlen || memcmp(again, norm, nlen) != 0)
		abort();
	/* ...and does not change what a national ID means. */
	e2 = fa_national_id_parse(norm, nlen, out2);
	if (e2 != e || (e == FA_NID_OK && memcmp(out, out2, 11) != 0))
		abort();

	arena_reset(a);
	free(s);
	return 0;
}
