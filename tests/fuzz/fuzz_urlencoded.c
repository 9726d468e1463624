/*
 * libFuzzer target for form bodies: the input is parsed by
 * http_parse_urlencoded() with the form limits, and every value, as well as the
 * raw input, is passed through utf8_clean_line() and utf8_clean_text().  The
 * checks are the promises of http.h and utf8.h: fields are bounded, valid UTF-8
 * and NUL-free; a cleaned string is valid UTF-8, no longer than its input, has
 * no control, bidi or other dropped character, no white space at its ends, no
 * double space in line mode, and cleaning it again changes nothing.  Any broken
 * promise aborts, which libFuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Smaller than the production form limits on purpose, so that inputs of a few
 * hundred bytes reach every limit and the code on both sides of it.
 */
static const struct http_limits	 lim = { 64, 32, 512 };

static struct arena	*ar;

static void
check(int ok)
{
	if (!ok)
		abort();
}

/* Code points no cleaned string may hold (utf8.h lists them). */
static int
forbidden(uint32_t cp, int text)
{
	if (cp == '\n')
		return !text;
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c ||
	    cp == 0x200b || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) ||
	    cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb) ||
	    (cp >= 0xe0000 && cp <= 0xe007f) || cp == 0x2028 ||
	    cp == 0x2029 || cp == 0xa0 || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f || cp == 0x205f ||
	    cp == 0x3000 || cp == 0x115f || cp == 0x1160 || cp == 0x180e ||
	    cp == 0x3164 || cp == 0xffa0;
}

/* Cleans s in one mode and checks the result; s may be any bytes. */
static void
check_clean(const char *s, size_t len, int text)
{
	const unsigned char	*u;
	char			*out, *again;
	size_t			 n = 0, n2 = 0, i, k;
	uint32_t		 cp;

	out = text ? utf8_clean_text(ar, s, len, &n) :
	    utf8_clean_line(ar, s, len, &n);
	if (!utf8_valid(s, len)) {
		check(out == NULL);
		return;
	}
	check(out != NULL);
	check(n <= len && out[n] == '\0' && strlen(out) == n);
	check(utf8_valid(out, n));
	check(utf8_count(out, n) <= utf8_count(s, len));
	if (n > 0) {
		check(out[0] != ' ' && out[n - 1] != ' ');
		check(out[0] != '\n' && out[n - 1] != '\n');
	}
	if (!text)
		check(strstr(out, "  ") == NULL);
	u = (const unsigned char *)out;
	for (i = 0; i < n; i += k) {
		k = utf8_decode(u + i, n - i, &cp);
		check(k != 0);
		check(!forbidden(cp, text));
	}
	again = text ? utf8_clean_text(ar, out, n, &n2) :
	    utf8_clean_line(ar, out, n, &n2);
	check(again != NULL && n2 == n && memcmp(again, out, n) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_params	 ps = { NULL, 0 };
	const struct http_param	*p;
	const char		*s = (const char *)data;
	size_t			 i;
	enum http_err		 e;

	if (ar == NULL)
		ar = arena_new(64 * 1024);
	else
		arena_reset(ar);

	/* The raw bytes, valid or not, through both cleaners. */
	check_clean(s, size, 0);
	check_clean(s, size, 1);

	e = http_parse_urlencoded(ar, s, size, &lim, &ps);
	check(e != HTTP_ERR_SYNTAX && http_err_message(e) != NULL);
	if (e != HTTP_OK) {
		check(ps.n == 0 && ps.v == NULL);
		return 0;
	}
	check(ps.n <= lim.max_fields);
	check((ps.n == 0) == (ps.v == NULL));
	for (i = 0; i < ps.n; i++) {
		p = &ps.v[i];
		check(p->keylen <= lim.max_key && p->vallen <= lim.max_value);
		check(p->key[p->keylen] == '\0' && p->val[p->vallen] == '\0');
		check(strlen(p->key) == p->keylen);
		check(strlen(p->val) == p->vallen);
		check(utf8_valid(p->key, p->keylen));
		check(utf8_valid(p->val, p->vallen));
		/* Decoding never makes a field longer than the input. */
		check(p->keylen + p->vallen <= size);
		check_clean(p->val, p->vallen, 0);
		check_clean(p->val, p->vallen, 1);
	}
	return 0;
}
