/*
 * Request-side HTTP parsing: query strings and urlencoded bodies, the Cookie
 * header, numbers and paths, plus the checks the response header writer relies
 * on.  The parsers work in two passes over the raw bytes.  The first pass
 * allocates nothing: it counts the fields, checks every percent escape,
 * validates the decoded bytes as UTF-8 as they stream past and measures each
 * decoded key and value against its limit.  Only input that passed is decoded,
 * in a second pass, into memory of exactly the measured size.  A hostile request
 * therefore costs one linear scan and no memory beyond what its valid fields
 * need, whatever it holds.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "utf8.h"
#include "xalloc.h"

/* A piece of the input; never NUL-terminated. */
struct span {
	const char	*p;
	size_t		 len;
};

/*
 * An incremental UTF-8 checker for bytes that only exist after decoding, so
 * that they can be validated without being stored.  A complete sequence is
 * handed to utf8_decode(), so the rules are the ones of utf8.c.
 */
struct u8stream {
	unsigned char	 seq[4];
	size_t		 have;
	size_t		 need;	/* 0: between characters */
};

static const char *const err_messages[] = {
	/* HTTP_OK */
	"درخواست درست است.",
	/* HTTP_ERR_FIELDS */
	"تعداد فیلدهای فرستاده‌شده بیش از حد مجاز است.",
	/* HTTP_ERR_LENGTH */
	"نام یا مقدار یکی از فیلدها بیش از حد مجاز طولانی است.",
	/* HTTP_ERR_PERCENT */
	"نشانی یا فرم فرستاده‌شده کدگذاری نادرستی دارد (نویسهٔ % نابجا).",
	/* HTTP_ERR_UTF8 */
	"متن فرستاده‌شده UTF-8 معتبر نیست یا نویسهٔ تهی دارد.",
	/* HTTP_ERR_SYNTAX */
	"ساختار درخواست نادرست است.",
};

const char *
http_err_message(enum http_err e)
{
	if ((size_t)e >= sizeof(err_messages) / sizeof(err_messages[0]))
		return "درخواست نادرست است.";
	return err_messages[e];
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
 * Decodes the escape at s[i] (s[i] is '%') into *c.  Returns 0, or -1 when
 * fewer than two bytes follow or they are not both hex digits.
 */
static int
pct_byte(const char *s, size_t len, size_t i, unsigned char *c)
{
	int	 hi, lo;

	if (len - i < 3)
		return -1;
	if ((hi = hexval((unsigned char)s[i + 1])) < 0 ||
	    (lo = hexval((unsigned char)s[i + 2])) < 0)
		return -1;
	*c = (unsigned char)(hi << 4 | lo);
	return 0;
}

/* Feeds one byte; returns 0 when what came so far cannot be UTF-8 or is a NUL. */
static int
u8_feed(struct u8stream *st, unsigned char c)
{
	uint32_t	 cp;
	size_t		 n;

	if (st->need == 0) {
		if (c == 0)
			return 0;
		if (c < 0x80)
			return 1;
		/* The lead byte tells the length; utf8.c explains the ranges. */
		if (c >= 0xC2 && c <= 0xDF)
			st->need = 2;
		else if (c >= 0xE0 && c <= 0xEF)
			st->need = 3;
		else if (c >= 0xF0 && c <= 0xF4)
			st->need = 4;
		else
			return 0;
		st->seq[0] = c;
		st->have = 1;
		return 1;
	}
	st->seq[st->have++] = c;
	if (st->have < st->need)
		return (c & 0xC0) == 0x80;
	n = utf8_decode(st->seq, st->need, &cp);
	st->have = st->need = 0;
	return n != 0;
}

/*
 * Checks one urlencoded key or value without storing it: every escape well
 * formed, the decoded bytes UTF-8 without NUL.  Stores the decoded length.
 */
static enum http_err
form_measure(const struct span *f, size_t *dlen)
{
	struct u8stream	 st = { { 0 }, 0, 0 };
	size_t		 i, n = 0;
	unsigned char	 c;

	for (i = 0; i < f->len; n++) {
		c = (unsigned char)f->p[i];
		if (c == '%') {
			if (pct_byte(f->p, f->len, i, &c) == -1)
				return HTTP_ERR_PERCENT;
			i += 3;
		} else {
			if (c == '+')
				c = ' ';
			i++;
		}
		if (!u8_feed(&st, c))
			return HTTP_ERR_UTF8;
	}
	/* A sequence cut short by the end of the field. */
	if (st.need != 0)
		return HTTP_ERR_UTF8;
	*dlen = n;
	return HTTP_OK;
}

/* Decodes a field that form_measure() accepted into dlen + 1 arena bytes. */
static char *
form_decode(struct arena *a, const struct span *f, size_t dlen)
{
	char		*p;
	size_t		 i, o, sz;
	unsigned char	 c;

	if (!add_ok(dlen, 1, &sz))
		xalloc_die();
	p = arena_alloc(a, sz);
	for (i = o = 0; i < f->len && o < dlen; o++) {
		c = (unsigned char)f->p[i];
		if (c == '%' && pct_byte(f->p, f->len, i, &c) == 0)
			i += 3;
		else {
			if (c == '+')
				c = ' ';
			i++;
		}
		p[o] = (char)c;
	}
	p[o] = '\0';
	return p;
}

/* A NUL-terminated arena copy of a span. */
static char *
span_copy(struct arena *a, const struct span *f)
{
	char	*p;
	size_t	 sz;

	if (!add_ok(f->len, 1, &sz))
		xalloc_die();
	p = arena_alloc(a, sz);
	if (f->len > 0)
		memcpy(p, f->p, f->len);
	p[f->len] = '\0';
	return p;
}

/*
 * Stores in *f the next non-empty piece of s[*pos..len) ending before sep or at
 * the end, and advances *pos past it.  Returns 0 when none is left.
 */
static int
next_field(const char *s, size_t len, char sep, size_t *pos, struct span *f)
{
	const char	*e;

	while (*pos < len) {
		f->p = s + *pos;
		e = memchr(f->p, sep, len - *pos);
		f->len = e != NULL ? (size_t)(e - f->p) : len - *pos;
		/* May step one past len at the end; the loop test stops it. */
		*pos += f->len + 1;
		if (f->len > 0)
			return 1;
	}
	return 0;
}

/*
 * Splits a field at its first '='.  Returns 1 if there was one; without it the
 * key is the whole field and the value empty.
 */
static int
split_eq(const struct span *f, struct span *k, struct span *v)
{
	const char	*eq;

	eq = memchr(f->p, '=', f->len);
	k->p = f->p;
	if (eq == NULL) {
		k->len = f->len;
		v->p = f->p + f->len;
		v->len = 0;
		return 0;
	}
	k->len = (size_t)(eq - f->p);
	v->p = eq + 1;
	v->len = f->len - k->len - 1;
	return 1;
}

enum http_err
http_parse_urlencoded(struct arena *a, const char *s, size_t len,
    const struct http_limits *lim, struct http_params *out)
{
	struct http_param	*v;
	struct span		 f, k, val;
	size_t			 pos, n, i, klen, vlen;
	enum http_err		 e;

	out->v = NULL;
	out->n = 0;
	if (a == NULL || lim == NULL || (s == NULL && len > 0))
		return HTTP_ERR_SYNTAX;

	/* Pass 1: count, check and measure; nothing is allocated. */
	for (n = 0, pos = 0; next_field(s, len, '&', &pos, &f); n++) {
		if (n == lim->max_fields)
			return HTTP_ERR_FIELDS;
		split_eq(&f, &k, &val);
		if ((e = form_measure(&k, &klen)) != HTTP_OK)
			return e;
		if (klen > lim->max_key)
			return HTTP_ERR_LENGTH;
		if ((e = form_measure(&val, &vlen)) != HTTP_OK)
			return e;
		if (vlen > lim->max_value)
			return HTTP_ERR_LENGTH;
	}
	if (n == 0)
		return HTTP_OK;

	/* Pass 2: decode what pass 1 accepted; this cannot fail. */
	v = arena_calloc(a, n, sizeof(*v));
	for (i = 0, pos = 0; i < n && next_field(s, len, '&', &pos, &f); i++) {
		split_eq(&f, &k, &val);
		if (form_measure(&k, &klen) != HTTP_OK ||
		    form_measure(&val, &vlen) != HTTP_OK)
			return HTTP_ERR_SYNTAX;	/* not reached */
		v[i].key = form_decode(a, &k, klen);
		v[i].keylen = klen;
		v[i].val = form_decode(a, &val, vlen);
		v[i].vallen = vlen;
	}
	out->v = v;
	out->n = i;
	return HTTP_OK;
}

/* RFC 7230 tchar: the bytes of a token (header names, cookie names). */
static int
is_tchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* RFC 6265 cookie-octet: printable US-ASCII but '"', ',', ';', '\\', space. */
static int
is_cookie_octet(unsigned char c)
{
	return c == 0x21 || (c >= 0x23 && c <= 0x2B) ||
	    (c >= 0x2D && c <= 0x3A) || (c >= 0x3C && c <= 0x5B) ||
	    (c >= 0x5D && c <= 0x7E);
}

/* Drops spaces and tabs at both ends. */
static void
trim_ows(struct span *f)
{
	while (f->len > 0 && (f->p[0] == ' ' || f->p[0] == '\t')) {
		f->p++;
		f->len--;
	}
	while (f->len > 0 &&
	    (f->p[f->len - 1] == ' ' || f->p[f->len - 1] == '\t'))
		f->len--;
}

/*
 * Checks one trimmed, non-empty cookie pair.  Returns 1 with its name and
 * unquoted value when the pair is kept, 0 when it is to be skipped.
 */
static int
cookie_pair(const struct span *f, const struct http_limits *lim,
    struct span *name, struct span *val)
{
	size_t	 i;

	if (!split_eq(f, name, val))
		return 0;
	trim_ows(name);
	trim_ows(val);
	if (name->len == 0 || name->len > lim->max_key)
		return 0;
	for (i = 0; i < name->len; i++)
		if (!is_tchar((unsigned char)name->p[i]))
			return 0;
	/* A lone '"' is not a quoted value: it fails the octet check below. */
	if (val->len >= 2 && val->p[0] == '"' && val->p[val->len - 1] == '"') {
		val->p++;
		val->len -= 2;
	}
	if (val->len > lim->max_value)
		return 0;
	for (i = 0; i < val->len; i++)
		if (!is_cookie_octet((unsigned char)val->p[i]))
			return 0;
	return 1;
}

enum http_err
http_parse_cookies(struct arena *a, const char *header, size_t len,
    const struct http_limits *lim, struct http_params *out)
{
	struct http_param	*v;
	struct span		 f, name, val;
	size_t			 pos, pairs, kept, i;

	out->v = NULL;
	out->n = 0;
	if (a == NULL || lim == NULL || (header == NULL && len > 0))
		return HTTP_ERR_SYNTAX;

	/* Pass 1: count every pair against the limit and the kept ones. */
	pairs = kept = 0;
	for (pos = 0; next_field(header, len, ';', &pos, &f); ) {
		trim_ows(&f);
		if (f.len == 0)
			continue;
		if (pairs == lim->max_fields)
			return HTTP_ERR_FIELDS;
		pairs++;
		kept += cookie_pair(&f, lim, &name, &val);
	}
	if (kept == 0)
		return HTTP_OK;

	/* Pass 2: copy the kept pairs. */
	v = arena_calloc(a, kept, sizeof(*v));
	for (i = 0, pos = 0; i < kept && next_field(header, len, ';', &pos, &f); ) {
		trim_ows(&f);
		if (f.len == 0 || !cookie_pair(&f, lim, &name, &val))
			continue;
		v[i].key = span_copy(a, &name);
		v[i].keylen = name.len;
		v[i].val = span_copy(a, &val);
		v[i].vallen = val.len;
		i++;
	}
	out->v = v;
	out->n = i;
	return HTTP_OK;
}

const struct http_param *
http_params_get(const struct http_params *ps, const char *key)
{
	size_t	 i, klen;

	if (ps == NULL || key == NULL)
		return NULL;
	klen = strlen(key);
	for (i = 0; i < ps->n; i++)
		if (ps->v[i].keylen == klen &&
		    memcmp(ps->v[i].key, key, klen) == 0)
			return &ps->v[i];
	return NULL;
}

size_t
http_params_count(const struct http_params *ps, const char *key)
{
	size_t	 i, klen, n = 0;

	if (ps == NULL || key == NULL)
		return 0;
	klen = strlen(key);
	for (i = 0; i < ps->n; i++)
		if (ps->v[i].keylen == klen &&
		    memcmp(ps->v[i].key, key, klen) == 0)
			n++;
	return n;
}

int
http_header_name_ok(const char *s, size_t len)
{
	size_t	 i;

	if (s == NULL || len == 0)
		return 0;
	for (i = 0; i < len; i++)
		if (!is_tchar((unsigned char)s[i]))
			return 0;
	return 1;
}

int
http_header_value_ok(const char *s, size_t len)
{
	unsigned char	 c;
	size_t		 i;

	if (s == NULL)
		return len == 0;
	/*
	 * CR and LF would end the header and let the value inject its own
	 * headers or body; NUL truncates it in C and in libfcgi; the other
	 * controls have no place in a header and confuse logs and proxies.
	 */
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t') || c == 0x7F)
			return 0;
	}
	return 1;
}

static const struct {
	int		 status;
	const char	*reason;
} reasons[] = {
	{ 200, "OK" },
	{ 201, "Created" },
	{ 204, "No Content" },
	{ 206, "Partial Content" },
	{ 301, "Moved Permanently" },
	{ 302, "Found" },
	{ 303, "See Other" },
	{ 304, "Not Modified" },
	{ 307, "Temporary Redirect" },
	{ 308, "Permanent Redirect" },
	{ 400, "Bad Request" },
	{ 401, "Unauthorized" },
	{ 403, "Forbidden" },
	{ 404, "Not Found" },
	{ 405, "Method Not Allowed" },
	{ 406, "Not Acceptable" },
	{ 408, "Request Timeout" },
	{ 409, "Conflict" },
	{ 410, "Gone" },
	{ 411, "Length Required" },
	{ 412, "Precondition Failed" },
	{ 413, "Content Too Large" },
	{ 414, "URI Too Long" },
	{ 415, "Unsupported Media Type" },
	{ 416, "Range Not Satisfiable" },
	{ 422, "Unprocessable Content" },
	{ 428, "Precondition Required" },
	{ 429, "Too Many Requests" },
	{ 431, "Request Header Fields Too Large" },
	{ 500, "Internal Server Error" },
	{ 501, "Not Implemented" },
	{ 502, "Bad Gateway" },
	{ 503, "Service Unavailable" },
	{ 504, "Gateway Timeout" },
};

const char *
http_status_reason(int status)
{
	size_t	 i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].status == status)
			return reasons[i].reason;
	return "";
}

int
http_parse_uint(const char *s, size_t len, unsigned long long max,
    unsigned long long *out)
{
	unsigned long long	 v = 0, d;
	size_t			 i;

	if (s == NULL || len == 0)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		d = (unsigned long long)(s[i] - '0');
		/* v * 10 + d <= max, asked without overflowing. */
		if (d > max || v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/*
 * True when a finished segment of seglen decoded bytes, dots of them '.', is
 * "." or "..".
 */
static int
dot_segment(size_t seglen, size_t dots)
{
	return seglen > 0 && seglen == dots && dots <= 2;
}

int
http_path_ok(const char *path, size_t len)
{
	struct u8stream	 st = { { 0 }, 0, 0 };
	size_t		 i, seglen, dots;
	unsigned char	 c;

	if (path == NULL || len == 0 || path[0] != '/')
		return 0;
	seglen = dots = 0;
	for (i = 1; i < len; ) {
		c = (unsigned char)path[i];
		if (c == '/') {
			/* A raw '/' inside a multi-byte character is malformed. */
			if (st.need != 0 || seglen == 0 ||
			    dot_segment(seglen, dots))
				return 0;
			seglen = dots = 0;
			i++;
			continue;
		}
		if (c == '%') {
			if (pct_byte(path, len, i, &c) == -1)
				return 0;
			/* An encoded '/' would be a boundary the router cannot see. */
			if (c == '/')
				return 0;
			i += 3;
		} else
			i++;
		if (c < 0x20 || c == 0x7F || c == '\\')
			return 0;
		if (!u8_feed(&st, c))
			return 0;
		seglen++;
		if (c == '.')
			dots++;
	}
	if (st.need != 0 || dot_segment(seglen, dots))
		return 0;
	return 1;
}
