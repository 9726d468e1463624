/*
 * A strict RFC 4180 CSV reader over a byte buffer, for the registry files that
 * `geps import-offices` loads.  Records are read one at a time; fields are
 * separated by ',', a field may be quoted with '"' (a quote inside is written
 * "" and a quoted field may hold commas and line breaks), and records end with
 * CR LF or LF.  A UTF-8 byte order mark at the very start is skipped, as
 * spreadsheet programs write one.  Everything is bounded before it is
 * allocated: fields per record, bytes per field and bytes per record.  The
 * reader is strict rather than forgiving, because a silently misread registry
 * row would give an office to the wrong person: an unterminated quote, a
 * character after a closing quote, a quote inside an unquoted field, a lone
 * CR and invalid UTF-8 (or a NUL byte) are errors that name the physical line.
 * The input is a pointer and a length, never read past the length, and need
 * not be NUL-terminated.  Records live in the caller's arena.
 */
#ifndef GEPS_CSV_H
#define GEPS_CSV_H

#include <stddef.h>

struct arena;

enum csv_err {
	CSV_OK = 0,
	CSV_ERR_QUOTE,		/* a quoted field is not closed before the end */
	CSV_ERR_JUNK,		/* a character other than ',' or a line end after a closing quote */
	CSV_ERR_BARE_QUOTE,	/* a '"' inside an unquoted field */
	CSV_ERR_CR,		/* a CR not followed by LF outside quotes */
	CSV_ERR_FIELDS,		/* more fields in a record than the limit */
	CSV_ERR_LENGTH,		/* a field or a record over its limit */
	CSV_ERR_UTF8,		/* a field that is not valid UTF-8, or holds a NUL */
	CSV_ERR_SYNTAX,		/* bad arguments (no arena, no limits, zero limits) */
	CSV_ERR__MAX
};

/*
 * A short English sentence explaining e (a static string, never NULL; an
 * unknown value gets a generic one), for "line N: …" messages.
 */
const char	*csv_err_message(enum csv_err e);

/* Bounds for one file.  Each must be at least 1. */
struct csv_limits {
	size_t	 max_fields;	/* fields per record */
	size_t	 max_field;	/* bytes of one field after unquoting */
	size_t	 max_record;	/* bytes of one record as written, quotes and line end included */
};

/* One field: NUL-terminated, len bytes, valid UTF-8 without NUL. */
struct csv_field {
	const char	*s;
	size_t		 len;
};

/* One record: n fields (at least 1) and the physical line it starts on (from 1). */
struct csv_record {
	struct csv_field	*v;
	size_t			 n;
	size_t			 line;
};

/*
 * The reader's state.  Treat it as opaque: initialise it with csv_init() and
 * read it with csv_next() and csv_error_line().
 */
struct csv_reader {
	const char		*p;
	size_t			 len;
	size_t			 pos;
	size_t			 line;	/* physical line of p[pos] */
	struct csv_limits	 lim;
	enum csv_err		 err;	/* sticky: once set, every call returns it */
	size_t			 err_line;
};

/*
 * Starts reading s[0..len) with the given limits (copied).  s may be NULL when
 * len is 0.  A leading UTF-8 BOM (EF BB BF) is skipped.  Nothing is allocated.
 */
void		 csv_init(struct csv_reader *, const char *s, size_t len,
		    const struct csv_limits *);

/*
 * Reads the next record into *out, its fields allocated in the arena.  Returns
 * CSV_OK with out->n >= 1 for a record, CSV_OK with out->n == 0 at the end of
 * the input, or an error; then *out is empty and csv_error_line() tells where.
 * Errors are sticky: after one, every call returns it again.  Empty lines
 * (nothing between two line ends, or a final line end) are skipped, so a file
 * may end with or without a line break; a line of only commas is a record of
 * empty fields.  A NULL reader, arena or record is CSV_ERR_SYNTAX.
 */
enum csv_err	 csv_next(struct csv_reader *, struct arena *, struct csv_record *out);

/*
 * The physical line (from 1) of the last error: the line of the opening quote
 * for CSV_ERR_QUOTE, the line of the offending byte for CSV_ERR_JUNK,
 * CSV_ERR_BARE_QUOTE and CSV_ERR_CR, the line where the field starts for
 * CSV_ERR_UTF8 and CSV_ERR_LENGTH of a field, the record's first line
 * otherwise.  0 when there was no error.
 */
size_t		 csv_error_line(const struct csv_reader *);

#endif
