/*
 * The strict RFC 4180 reader of csv.h.  Each field is scanned twice: once to find
 * where it ends and how long it is once unquoted (so that the limits are checked
 * before anything is allocated), once to copy it into the arena.  The record bound
 * is checked inside the scans, so an unterminated quote in a huge file costs at
 * most max_record bytes of work before it is reported.
 */
#include <string.h>

#include "arena.h"
#include "csv.h"
#include "utf8.h"

static const char *const csv_messages[CSV_ERR__MAX] = {
	[CSV_OK] = "no error",
	[CSV_ERR_QUOTE] = "quoted field not closed (a '\"' is missing)",
	[CSV_ERR_JUNK] = "unexpected character after a closing quote",
	[CSV_ERR_BARE_QUOTE] = "'\"' inside an unquoted field (quote the field and write \"\")",
	[CSV_ERR_CR] = "carriage return not followed by a line feed",
	[CSV_ERR_FIELDS] = "too many fields in the record",
	[CSV_ERR_LENGTH] = "field or record too long",
	[CSV_ERR_UTF8] = "not valid UTF-8 text (or a NUL byte)",
	[CSV_ERR_SYNTAX] = "bad arguments to the CSV reader",
};

const char *
csv_err_message(enum csv_err e)
{
	if ((int)e < 0 || e >= CSV_ERR__MAX)
		return "unknown CSV error";
	return csv_messages[e];
}

void
csv_init(struct csv_reader *r, const char *s, size_t len,
    const struct csv_limits *lim)
{
	memset(r, 0, sizeof(*r));
	r->p = s;
	r->len = s == NULL ? 0 : len;
	r->line = 1;
	if (lim != NULL)
		r->lim = *lim;
	if (lim == NULL || lim->max_fields == 0 || lim->max_field == 0 ||
	    lim->max_record == 0) {
		r->err = CSV_ERR_SYNTAX;
		r->err_line = 1;
		return;
	}
	if (r->len >= 3 && (unsigned char)s[0] == 0xef &&
	    (unsigned char)s[1] == 0xbb && (unsigned char)s[2] == 0xbf)
		r->pos = 3;
}

size_t
csv_error_line(const struct csv_reader *r)
{
	return r->err == CSV_OK ? 0 : r->err_line;
}

/* Records error e at line and returns it. */
static enum csv_err
csv_fail(struct csv_reader *r, enum csv_err e, size_t line)
{
	r->err = e;
	r->err_line = line;
	return e;
}

/*
 * Scans the quoted field whose opening quote is at r->pos.  On CSV_OK, *start and
 * *end delimit its raw contents (between the quotes, "" not yet unescaped), *flen
 * is its unquoted length, and r->pos is just after the closing quote.
 */
static enum csv_err
csv_scan_quoted(struct csv_reader *r, size_t rec_start, size_t *start,
    size_t *end, size_t *flen)
{
	size_t	 i, n = 0, qline = r->line;

	*start = i = r->pos + 1;
	for (;;) {
		if (i >= r->len)
			return csv_fail(r, CSV_ERR_QUOTE, qline);
		if (i - rec_start > r->lim.max_record)
			return csv_fail(r, CSV_ERR_LENGTH, qline);
		if (r->p[i] == '"') {
			if (i + 1 < r->len && r->p[i + 1] == '"') {
				n++;
				i += 2;
				continue;
			}
			break;
		}
		if (r->p[i] == '\n')
			r->line++;
		n++;
		i++;
	}
	*end = i;
	*flen = n;
	r->pos = i + 1;
	return CSV_OK;
}

/* Scans the unquoted field at r->pos, like csv_scan_quoted(). */
static enum csv_err
csv_scan_plain(struct csv_reader *r, size_t rec_start, size_t *start,
    size_t *end, size_t *flen)
{
	size_t	 i;
	char	 c;

	*start = i = r->pos;
	while (i < r->len && (c = r->p[i]) != ',' && c != '\r' && c != '\n') {
		if (c == '"')
			return csv_fail(r, CSV_ERR_BARE_QUOTE, r->line);
		if (++i - rec_start > r->lim.max_record)
			return csv_fail(r, CSV_ERR_LENGTH, r->line);
	}
	*end = i;
	*flen = i - *start;
	r->pos = i;
	return CSV_OK;
}

/* A NUL-terminated copy of p[start..end) with each "" made one '"' when quoted. */
static char *
csv_copy(struct arena *a, const char *p, size_t start, size_t end, size_t flen,
    int quoted)
{
	char	*s = arena_alloc(a, flen + 1);
	size_t	 i, k = 0;

	for (i = start; i < end; i++) {
		s[k++] = p[i];
		if (quoted && p[i] == '"')
			i++;
	}
	s[k] = '\0';
	return s;
}

enum csv_err
csv_next(struct csv_reader *r, struct arena *a, struct csv_record *out)
{
	struct csv_field	*v;
	size_t			 n = 0, cap, rec_start, rec_line, fline;
	size_t			 start, end, flen;
	enum csv_err		 e;
	int			 quoted;
	char			 c;

	if (out != NULL)
		memset(out, 0, sizeof(*out));
	if (r == NULL)
		return CSV_ERR_SYNTAX;
	if (a == NULL || out == NULL)
		return csv_fail(r, CSV_ERR_SYNTAX, r->line);
	if (r->err != CSV_OK)
		return r->err;

	/* Empty lines are skipped: a trailing line break is not an empty record. */
	while (r->pos < r->len) {
		if (r->p[r->pos] == '\n')
			r->pos++;
		else if (r->p[r->pos] == '\r' && r->pos + 1 < r->len &&
		    r->p[r->pos + 1] == '\n')
			r->pos += 2;
		else
			break;
		r->line++;
	}
	if (r->pos >= r->len)
		return CSV_OK;

	rec_start = r->pos;
	rec_line = r->line;
	cap = r->lim.max_fields < 16 ? r->lim.max_fields : 16;
	v = arena_calloc(a, cap, sizeof(*v));
	for (;;) {
		if (n == r->lim.max_fields)
			return csv_fail(r, CSV_ERR_FIELDS, rec_line);
		fline = r->line;
		quoted = r->pos < r->len && r->p[r->pos] == '"';
		e = quoted ? csv_scan_quoted(r, rec_start, &start, &end, &flen) :
		    csv_scan_plain(r, rec_start, &start, &end, &flen);
		if (e != CSV_OK)
			return e;
		if (flen > r->lim.max_field)
			return csv_fail(r, CSV_ERR_LENGTH, fline);
		if (n == cap) {
			size_t	 ncap = cap * 2 < r->lim.max_fields ?
			    cap * 2 : r->lim.max_fields;

			v = arena_realloc(a, v, cap * sizeof(*v), ncap * sizeof(*v));
			cap = ncap;
		}
		v[n].s = csv_copy(a, r->p, start, end, flen, quoted);
		v[n].len = flen;
		if (!utf8_valid(v[n].s, flen))
			return csv_fail(r, CSV_ERR_UTF8, fline);
		n++;

		/* What follows a field: a comma, a line end or the end of input. */
		if (r->pos >= r->len)
			break;
		c = r->p[r->pos];
		if (c == ',') {
			r->pos++;
			continue;
		}
		if (c == '\n') {
			r->pos++;
			r->line++;
			break;
		}
		if (c == '\r') {
			if (r->pos + 1 < r->len && r->p[r->pos + 1] == '\n') {
				r->pos += 2;
				r->line++;
				break;
			}
			return csv_fail(r, CSV_ERR_CR, r->line);
		}
		/* Only a quoted field can stop at anything else. */
		return csv_fail(r, CSV_ERR_JUNK, r->line);
	}
	if (r->pos - rec_start > r->lim.max_record)
		return csv_fail(r, CSV_ERR_LENGTH, rec_line);
	out->v = v;
	out->n = n;
	out->line = rec_line;
	return CSV_OK;
}
