/*
 * libFuzzer target for the Cookie header: the input is parsed by
 * http_parse_cookies() with the cookie limits and checked against the promises
 * of http.h: kept names are tokens, kept values are cookie-octets without their
 * quotes, both within their limits, and a header is refused for its pair count
 * exactly when a simple count of its non-empty pairs exceeds the limit.  The
 * same bytes also go through http_header_value_ok() and http_header_name_ok(),
 * compared with the byte rules they implement.  Any broken promise aborts,
 * which libFuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Small limits so that short inputs reach them. */
static const struct http_limits	 lim = { 8, 16, 64 };

static struct arena	*ar;

static void
check(int ok)
{
	if (!ok)
		abort();
}

static int
cookie_octet(unsigned char c)
{
	return c > 0x20 && c < 0x7f && c != '"' && c != ',' && c != ';' &&
	    c != '\\';
}

static int
tchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') ||
	    (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/* Non-empty pairs once spaces and tabs around them are ignored. */
static size_t
ref_pairs(const uint8_t *s, size_t len)
{
	size_t	 i, n = 0;
	int	 content = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == ';') {
			n += content;
			content = 0;
		} else if (s[i] != ' ' && s[i] != '\t')
			content = 1;
	}
	return n + content;
}

static void
check_headers(const uint8_t *s, size_t len)
{
	size_t	 i;
	int	 value = 1, name = len > 0;

	for (i = 0; i < len; i++) {
		if ((s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f)
			value = 0;
		if (!tchar(s[i]))
			name = 0;
	}
	check(http_header_value_ok((const char *)s, len) == value);
	check(http_header_name_ok((const char *)s, len) == name);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_params	 ps = { NULL, 0 };
	const struct http_param	*p;
	size_t			 i, j;
	enum http_err		 e;

	if (ar == NULL)
		ar = arena_new(64 * 1024);
	else
		arena_reset(ar);

	check_headers(data, size);

	e = http_parse_cookies(ar, (const char *)data, size, &lim, &ps);
	if (ref_pairs(data, size) > lim.max_fields)
		check(e == HTTP_ERR_FIELDS);
	else
		check(e == HTTP_OK);
	if (e != HTTP_OK) {
		check(ps.n == 0 && ps.v == NULL);
		return 0;
	}
	check(ps.n <= lim.max_fields);
	check((ps.n == 0) == (ps.v == NULL));
	for (i = 0; i < ps.n; i++) {
		p = &ps.v[i];
		check(p->keylen > 0 && p->keylen <= lim.max_key);
		check(p->vallen <= lim.max_value);
		check(p->key[p->keylen] == '\0' && p->val[p->vallen] == '\0');
		for (j = 0; j < p->keylen; j++)
			check(tchar((unsigned char)p->key[j]));
		for (j = 0; j < p->vallen; j++)
			check(cookie_octet((unsigned char)p->val[j]));
		check(utf8_valid(p->key, p->keylen));
		check(utf8_valid(p->val, p->vallen));
		check(http_header_name_ok(p->key, p->keylen));
		check(http_params_count(&ps, p->key) >= 1);
	}
	return 0;
}
