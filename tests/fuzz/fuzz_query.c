/*
 * libFuzzer target for what arrives in a request line: the input is read as a
 * request target, its path (up to the first '?') checked by http_path_ok() and
 * its query (after the '?', or the whole input when there is none) parsed by
 * http_parse_urlencoded() with the query limits.  http_path_ok() is compared
 * against a slow reference that decodes into a buffer first; every parsed field
 * is checked for the promises of http.h, re-encoded and parsed again, and each
 * value is read as an id with http_parse_uint() against a reference.  Any
 * broken promise aborts, which libFuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Smaller than the production query limits on purpose, so that inputs of a
 * few hundred bytes reach every limit and the code on both sides of it.
 */
static const struct http_limits	 lim = { 16, 32, 256 };

#define ID_MAX	1000000000000ULL	/* 10^12 */

static struct arena	*ar;

static void
check(int ok)
{
	if (!ok)
		abort();
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The rules of http_path_ok() written the obvious way: decode everything into
 * a buffer (remembering which '/' were raw), then look at the result.
 */
static int
ref_path_ok(const uint8_t *s, size_t len)
{
	unsigned char	*d;
	char		*raw;
	size_t		 i, n = 0, start, seg;
	int		 ok = 0, hi, lo;

	if (len == 0 || s[0] != '/')
		return 0;
	d = malloc(len);
	raw = malloc(len);
	if (d == NULL || raw == NULL)
		abort();
	for (i = 0; i < len; n++) {
		if (s[i] == '%') {
			if (len - i < 3 || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0)
				goto out;
			d[n] = (unsigned char)(hi << 4 | lo);
			raw[n] = 0;
			i += 3;
		} else {
			d[n] = s[i];
			raw[n] = 1;
			i++;
		}
		if (d[n] < 0x20 || d[n] == 0x7f || d[n] == '\\')
			goto out;
		if (d[n] == '/' && !raw[n])
			goto out;
	}
	if (!utf8_valid((const char *)d, n))
		goto out;
	/* Segments after the leading '/'. */
	for (start = 1; start <= n; start = i + 1) {
		for (i = start; i < n && d[i] != '/'; i++)
			;
		seg = i - start;
		if (seg == 0 && i < n)
			goto out;
		if ((seg == 1 && d[start] == '.') ||
		    (seg == 2 && d[start] == '.' && d[start + 1] == '.'))
			goto out;
	}
	ok = 1;
out:
	free(d);
	free(raw);
	return ok;
}

/* The promises of http.h about a successful parse. */
static void
check_params(const struct http_params *ps)
{
	const struct http_param	*p;
	size_t			 i;

	check(ps->n <= lim.max_fields);
	check((ps->n == 0) == (ps->v == NULL));
	for (i = 0; i < ps->n; i++) {
		p = &ps->v[i];
		check(p->keylen <= lim.max_key && p->vallen <= lim.max_value);
		check(p->key[p->keylen] == '\0' && p->val[p->vallen] == '\0');
		check(strlen(p->key) == p->keylen);
		check(strlen(p->val) == p->vallen);
		check(utf8_valid(p->key, p->keylen));
		check(utf8_valid(p->val, p->vallen));
		check(http_params_get(ps, p->key) != NULL);
		check(http_params_count(ps, p->key) >= 1);
	}
}

/* Appends s percent-encoded (everything but alphanumerics) to out at *o. */
static void
encode(char *out, size_t *o, const char *s, size_t len)
{
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 i;
	unsigned char		 c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z'))
			out[(*o)++] = (char)c;
		else {
			out[(*o)++] = '%';
			out[(*o)++] = hex[c >> 4];
			out[(*o)++] = hex[c & 15];
		}
	}
}

/* Re-encoding the fields and parsing them again gives the same fields. */
static void
check_roundtrip(const struct http_params *ps)
{
	struct http_params	 again;
	char			*buf;
	size_t			 i, o = 0, cap = 1;

	for (i = 0; i < ps->n; i++)
		cap += 3 * (ps->v[i].keylen + ps->v[i].vallen) + 2;
	buf = malloc(cap);
	if (buf == NULL)
		abort();
	for (i = 0; i < ps->n; i++) {
		if (i > 0)
			buf[o++] = '&';
		encode(buf, &o, ps->v[i].key, ps->v[i].keylen);
		buf[o++] = '=';
		encode(buf, &o, ps->v[i].val, ps->v[i].vallen);
	}
	check(http_parse_urlencoded(ar, buf, o, &lim, &again) == HTTP_OK);
	check(again.n == ps->n);
	for (i = 0; i < ps->n; i++) {
		check(again.v[i].keylen == ps->v[i].keylen);
		check(again.v[i].vallen == ps->v[i].vallen);
		check(memcmp(again.v[i].key, ps->v[i].key,
		    ps->v[i].keylen) == 0);
		check(memcmp(again.v[i].val, ps->v[i].val,
		    ps->v[i].vallen) == 0);
	}
	free(buf);
}

/* http_parse_uint() against a reference for ids up to ID_MAX. */
static void
check_uint(const char *s, size_t len)
{
	unsigned long long	 v = 7, ref = 0;
	size_t			 i, z;
	int			 digits = len > 0, r;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			digits = 0;
	r = http_parse_uint(s, len, ID_MAX, &v);
	if (!digits) {
		check(r == -1 && v == 7);
		return;
	}
	for (z = 0; z < len && s[z] == '0'; z++)
		;
	/* More than 13 significant digits is above 10^12 for sure. */
	if (len - z > 13) {
		check(r == -1 && v == 7);
		return;
	}
	for (i = z; i < len; i++)
		ref = ref * 10 + (unsigned long long)(s[i] - '0');
	if (ref > ID_MAX)
		check(r == -1 && v == 7);
	else
		check(r == 0 && v == ref);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_params	 ps = { NULL, 0 };
	const char		*s = (const char *)data;
	const uint8_t		*q;
	size_t			 plen, i;
	enum http_err		 e;

	if (ar == NULL)
		ar = arena_new(64 * 1024);
	else
		arena_reset(ar);

	q = memchr(data, '?', size);
	plen = q != NULL ? (size_t)(q - data) : size;
	check(http_path_ok(s, plen) == ref_path_ok(data, plen));

	if (q != NULL)
		e = http_parse_urlencoded(ar, (const char *)q + 1,
		    size - plen - 1, &lim, &ps);
	else
		e = http_parse_urlencoded(ar, s, size, &lim, &ps);
	check(e != HTTP_ERR_SYNTAX);
	check(http_err_message(e) != NULL);
	if (e != HTTP_OK) {
		check(ps.n == 0 && ps.v == NULL);
		return 0;
	}
	check_params(&ps);
	check_roundtrip(&ps);
	for (i = 0; i < ps.n; i++)
		check_uint(ps.v[i].val, ps.v[i].vallen);
	return 0;
}
