/*
 * The request-side HTTP parsers and the checks behind the response header writer.
 * These are pure functions over bytes with no FastCGI dependency, so each can be
 * unit-tested and fuzzed alone: fcgi/request.c hands them the raw QUERY_STRING,
 * the form body and the Cookie header, and turns a returned enum http_err into a
 * status (400, or 413 for HTTP_ERR_FIELDS and HTTP_ERR_LENGTH) with the Persian
 * message from http_err_message().  Every input is a pointer and a length, never
 * read past the length, and need not be NUL-terminated.  Results live in the
 * caller's per-request arena and die with it.
 */
#ifndef GEPS_HTTP_H
#define GEPS_HTTP_H

#include <stddef.h>

struct arena;

enum http_err {
	HTTP_OK = 0,
	HTTP_ERR_FIELDS,	/* too many fields */
	HTTP_ERR_LENGTH,	/* a key or value over the limit */
	HTTP_ERR_PERCENT,	/* bad %xx */
	HTTP_ERR_UTF8,		/* invalid UTF-8 or NUL after decoding */
	HTTP_ERR_SYNTAX,	/* anything else: bad arguments, bad structure */
};

/*
 * A clear Persian sentence for the user explaining e (a static string, never
 * NULL; an unknown value gets a generic message).
 */
const char	*http_err_message(enum http_err e);

/*
 * One decoded field.  key and val are NUL-terminated and carry their lengths;
 * after a successful parse they are valid UTF-8 with no NUL inside.
 */
struct http_param {
	const char	*key;
	size_t		 keylen;
	const char	*val;
	size_t		 vallen;
};

/* Fields in the order they arrived; v is NULL when n is 0. */
struct http_params {
	struct http_param	*v;
	size_t			 n;
};

/*
 * Bounds for one parse.  max_key and max_value are in bytes after decoding
 * (character limits belong to the per-field validators: see utf8_count()).
 */
struct http_limits {
	size_t	 max_fields;
	size_t	 max_key;
	size_t	 max_value;
};

/*
 * Parses an application/x-www-form-urlencoded body or a query string (without
 * the '?') by the WHATWG rules: fields are split on '&' and empty ones skipped
 * ("a=1&&b=2" has two); the first '=' splits key from value and a field without
 * '=' has an empty value (so a lone "=" is one field with an empty key and an
 * empty value); '+' means a space.  Percent-decoding is strict, unlike WHATWG's:
 * a '%' not followed by two hex digits is HTTP_ERR_PERCENT rather than a
 * literal '%'.
 *
 * Everything is bounded before anything is allocated: more than max_fields
 * fields is HTTP_ERR_FIELDS, a decoded key longer than max_key or a decoded
 * value longer than max_value is HTTP_ERR_LENGTH.  A decoded key or value that is
 * not valid UTF-8 or holds a NUL (%00) is HTTP_ERR_UTF8.  Fields are checked in
 * order and the first problem is returned.
 *
 * On HTTP_OK *out holds the fields, allocated in the arena.  On any error *out
 * is empty ({ NULL, 0 }); memory already taken from the arena is released with
 * it.  s may be NULL when len is 0; a NULL arena or limits is HTTP_ERR_SYNTAX.
 */
enum http_err	 http_parse_urlencoded(struct arena *, const char *s,
		    size_t len, const struct http_limits *,
		    struct http_params *out);

/*
 * Parses the value of a Cookie request header (RFC 6265 section 4.2): pairs
 * separated by ';', spaces and tabs around a pair, its name and its value
 * ignored.  A pair is kept only when its name is a non-empty token (RFC 7230) of
 * at most max_key bytes and its value is a run of cookie-octets (printable
 * US-ASCII except '"', ',', ';', '\\' and space) of at most max_value bytes,
 * optionally in double quotes, which are removed.  Values are not
 * percent-decoded.  Any other pair (no '=', a bad name, a control, space or
 * non-ASCII byte in the value, an over-long name or value) is skipped without
 * error: browsers send every cookie set on the domain, including other sites'
 * junk, and that must not lock a user out.
 *
 * Every non-empty pair, kept or skipped, counts toward max_fields, and a header
 * with more is HTTP_ERR_FIELDS: the count bounds the work a client can ask for.
 * Duplicate names are kept in order; see http_params_count().  On HTTP_OK *out
 * holds the kept pairs in the arena; on error it is empty.  header may be NULL
 * when len is 0; a NULL arena or limits is HTTP_ERR_SYNTAX.
 */
enum http_err	 http_parse_cookies(struct arena *, const char *header,
		    size_t len, const struct http_limits *,
		    struct http_params *out);

/*
 * The first field whose key equals the NUL-terminated key, or NULL if none.
 * The result points into params and lives as long as they do.
 */
const struct http_param *http_params_get(const struct http_params *,
		    const char *key);

/*
 * How many fields have this key.  A handler that expects one value refuses
 * more than one (a second session cookie may have been planted by another
 * site on the parent domain).
 */
size_t		 http_params_count(const struct http_params *, const char *key);

/* 1 if s[0..len) is a non-empty RFC 7230 token (a valid field name), else 0. */
int		 http_header_name_ok(const char *s, size_t len);

/*
 * 1 if s[0..len) may be sent as a header value: no CR, LF, NUL, DEL or other
 * control byte except HTAB.  Bytes 0x80 and above are accepted (UTF-8 in
 * Content-Disposition filenames); the empty value is accepted.  Else 0.
 */
int		 http_header_value_ok(const char *s, size_t len);

/*
 * The English reason phrase for status (e.g. "See Other" for 303), a static
 * string.  An unknown status gets "" (RFC 7230 allows an empty reason phrase),
 * never NULL.
 */
const char	*http_status_reason(int status);

/*
 * Parses s[0..len) as a decimal number no greater than max, like strtonum(3)
 * but stricter: only ASCII digits (no sign, no '+', no spaces, no "0x"), at
 * least one of them; leading zeros are accepted ("007" is 7, as RFC 9110 allows
 * in Content-Length).  Returns 0 and stores the value in *out, or returns -1 and
 * leaves *out untouched.
 */
int		 http_parse_uint(const char *s, size_t len,
		    unsigned long long max, unsigned long long *out);

/*
 * 1 if path[0..len), the raw request path before any '?', is one the router may
 * see, else 0.  The path must:
 *  - be non-empty and start with '/';
 *  - percent-encode correctly: each '%' followed by two hex digits;
 *  - hold no control byte (0x00..0x1F, 0x7F) and no '\\', raw or decoded;
 *  - hold no encoded '/' (%2F), so a segment boundary is always a raw '/';
 *  - hold no empty segment ("//") except after a final '/' ("/a/" is fine);
 *  - hold no "." or ".." segment, raw or encoded ("/%2e%2E/");
 *  - be valid UTF-8 after decoding.
 * Nothing is allocated.  The path is not rewritten: a refused path is a 400 or
 * 404, never a redirect to a "fixed" one.
 */
int		 http_path_ok(const char *path, size_t len);

#endif
