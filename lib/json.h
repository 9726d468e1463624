/*
 * A small JSON writer for flat objects: the old and new values of an audit row and
 * the body of an SMS gateway request.  Strings are escaped so that the output is
 * always valid JSON whatever the input: quotes and backslashes are escaped, control
 * characters become \u00XX, U+2028/U+2029 are escaped for JavaScript readers, and
 * bytes that are not well-formed UTF-8 are replaced by U+FFFD (one per bad byte), so
 * invalid input never produces invalid output.
 *
 *	json_begin(&b); json_str(&b, "role", "hq"); json_int(&b, "region", 3);
 *	json_end(&b);			-> {"role":"hq","region":3}
 *
 * Members are separated by looking at the last byte written ('{' means "first"), so
 * one object is built at a time into the end of a buffer; nesting is not supported.
 */
#ifndef GEPS_JSON_H
#define GEPS_JSON_H

#include <stddef.h>

struct buf;

/* Opens an object: appends '{'. */
void	 json_begin(struct buf *);
/* Closes the object: appends '}'. */
void	 json_end(struct buf *);
/* A member "key": "val"; a NULL val writes null. */
void	 json_str(struct buf *, const char *key, const char *val);
/* A member whose value is the len bytes at val (embedded NULs become \u0000). */
void	 json_strn(struct buf *, const char *key, const char *val, size_t len);
void	 json_int(struct buf *, const char *key, long long v);
void	 json_bool(struct buf *, const char *key, int v);
void	 json_null(struct buf *, const char *key);
/* Appends s[0..len) as one quoted, escaped JSON string (no member syntax). */
void	 json_string(struct buf *, const char *s, size_t len);

#endif
