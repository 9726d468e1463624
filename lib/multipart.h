/*
 * A streaming, bounded multipart/form-data parser (RFC 7578 over RFC 2046) for
 * evidence uploads.  The worker pushes the request body through
 * multipart_feed() in whatever pieces FCGX_GetStr() returns, so a file is never
 * held in memory: its bytes go straight to the part_data callback, which writes
 * them to disk.  Plain form fields are small, so the parser collects them itself
 * (up to a limit) and hands over each whole value.  Every quantity a client
 * controls is bounded by struct multipart_limits before it costs memory, the
 * names and filenames that reach the caller are valid UTF-8 without NUL, and a
 * filename is reduced to its last path component, so "../../etc/passwd" arrives
 * as "passwd".  Like lib/http.c this is pure code over bytes with no FastCGI
 * dependency; fcgi/ turns an enum mp_err into a status (413 for the size and
 * count limits, 400 otherwise) with the Persian message of mp_err_message().
 * All memory comes from the caller's per-request arena.
 */
#ifndef GEPS_MULTIPART_H
#define GEPS_MULTIPART_H

#include <stddef.h>

struct arena;

enum mp_err {
	MP_OK = 0,
	MP_ERR_PARTS,		/* more parts than max_parts (413) */
	MP_ERR_HEADERS,		/* a part's header section over max_header_bytes (413) */
	MP_ERR_FIELD,		/* a plain field over max_field_bytes (413) */
	MP_ERR_FILE_SIZE,	/* a file over max_file_bytes (413) */
	MP_ERR_TOTAL,		/* the body over max_total_bytes (413) */
	MP_ERR_TRUNCATED,	/* the body ended before the close delimiter */
	MP_ERR_DISPOSITION,	/* Content-Disposition missing, twice, not
				   form-data, without a name or malformed */
	MP_ERR_FILENAME,	/* a filename empty, ".", ".." or badly encoded */
	MP_ERR_UTF8,		/* a name, filename or value not UTF-8, or NUL */
	MP_ERR_SYNTAX,		/* anything else: bad lines, bad arguments */
	MP_ERR_ABORTED,		/* for callbacks: the caller refused the upload */
	MP__MAX
};

/*
 * A clear Persian sentence for the user explaining e (a static string, never
 * NULL; an unknown value gets a generic message).
 */
const char	*mp_err_message(enum mp_err e);

/*
 * Bounds for one body.  A limit is reached when the count or size equals it
 * and exceeded one past it: a body of exactly max_total_bytes is accepted.
 *  - max_parts: parts in the body, files and fields together.
 *  - max_header_bytes: one part's header section as sent, from the end of its
 *    boundary line to the end of the empty line after its headers, every CRLF
 *    and any transport padding after the boundary included.  The parser keeps
 *    one buffer of this size.
 *  - max_field_bytes: the value of one plain field (a part without filename).
 *  - max_file_bytes: the content of one file part.
 *  - max_total_bytes: everything fed, preamble and epilogue included.
 */
struct multipart_limits {
	size_t	 max_parts;
	size_t	 max_header_bytes;
	size_t	 max_field_bytes;
	size_t	 max_file_bytes;
	size_t	 max_total_bytes;
};

/*
 * What the parser tells the caller, in body order.  Any member may be NULL.
 * A callback returns MP_OK to go on, or any other enum mp_err to stop the
 * parse: that value becomes the parser's error and is returned by this and
 * every later multipart_feed() and multipart_finish().
 *
 * part_begin: a part's headers were read and checked.  name is the field name
 *   (non-empty); filename is NULL for a plain field, else the sent name reduced
 *   to its last path component: non-empty, not "." or "..", no '/' or '\\'
 *   (it may still hold controls and bidi characters: clean it with
 *   utf8_clean_line() before showing or storing it).  content_type is the part's
 *   Content-Type value as sent, or NULL when it had none; never trust it, decide
 *   the type from the content.  All three are NUL-terminated, valid UTF-8, live
 *   in the arena and die with it.
 * part_data: the next n > 0 bytes of a file part, never of a plain field.  p
 *   is valid only during the call.  The sum over a part never exceeds
 *   max_file_bytes: the bytes that would pass the limit are not delivered.
 * part_end: the part ended.  For a plain field value is its whole value,
 *   NUL-terminated, valid UTF-8 without NUL, len bytes long, in the arena; for
 *   a file value is NULL and len is the number of bytes delivered (possibly 0:
 *   refusing an empty file is the caller's business).
 *
 * Every successful part_begin is followed by exactly one part_end unless the
 * parse stops with an error first; a part_begin that returns an error gets no
 * part_end.
 */
struct multipart_callbacks {
	enum mp_err	(*part_begin)(void *ctx, const char *name,
			    const char *filename, const char *content_type);
	enum mp_err	(*part_data)(void *ctx, const char *p, size_t n);
	enum mp_err	(*part_end)(void *ctx, const char *value, size_t len);
};

/*
 * Extracts the boundary parameter from a Content-Type header value of
 * content_type[0..len) (need not be NUL-terminated).  The media type must be
 * multipart/form-data (any case, spaces and tabs around the value allowed);
 * parameters are ';'-separated name=value pairs, names in any case, values a
 * token or a quoted-string with backslash escapes.  The boundary must be there
 * once, 1 to 70 of RFC 2046's bchars, not ending in a space.  Other parameters
 * are ignored; a value over 256 bytes is refused (browsers send under 100).
 * On success the boundary is copied NUL-terminated into out and
 * its length (1..70) is returned; -1 when the value is malformed, has no or
 * two boundaries, or out (outsz bytes) cannot hold it.  out is left
 * unspecified on failure.
 */
int		 multipart_boundary(const char *content_type, size_t len,
		    char *out, size_t outsz);

struct multipart;

/*
 * A parser for one body with this boundary (as multipart_boundary() returns
 * it: NUL-terminated, without the leading "--").  The parser, its header
 * buffer and every string it delivers live in the arena; the limits and
 * callbacks are copied, ctx is passed to every callback as is.  Returns NULL
 * when the arena, limits or boundary are NULL or the boundary is not 1 to 70
 * bchars; callbacks may be NULL (nothing is then delivered).
 */
struct multipart *multipart_new(struct arena *, const char *boundary,
		    const struct multipart_limits *,
		    const struct multipart_callbacks *, void *ctx);

/*
 * Parses the next n bytes of the body; the pieces may be cut anywhere, even
 * inside a boundary, and the callbacks see the same parts and bytes whatever
 * the cut.  Text before the first boundary (the preamble) and after the close
 * delimiter (the epilogue) is ignored but counted toward max_total_bytes.
 * Lines must end in CRLF; header lines may not be folded; unknown part
 * headers are ignored; Content-Type may appear at most once.
 * Content-Disposition must appear once, be form-data and have a name; its
 * filename parameter (quoted-string, where only \" and \\ are escapes) and
 * filename* (RFC 8187, UTF-8 only, preferred when both are sent) make the part
 * a file.  Returns MP_OK or the first error; after an error the parser is dead
 * and returns that error again.  p may be NULL when n is 0.
 */
enum mp_err	 multipart_feed(struct multipart *, const char *p, size_t n);

/*
 * Ends the body.  Returns MP_OK when the close delimiter was seen, the
 * earlier error if there was one, else MP_ERR_TRUNCATED (the client went away
 * mid-upload or sent a body without "--boundary--").  Nothing the callbacks
 * received is final before this returns MP_OK: a part_end may still be
 * followed by an error (a malformed boundary line, a later part over a
 * limit, a missing close delimiter), and the caller then discards every part,
 * stored files included.
 */
enum mp_err	 multipart_finish(struct multipart *);

#endif
