/*
 * The multipart/form-data push parser.  The body is scanned for the delimiter
 * "\r\n--boundary" with a matcher whose only state is how many delimiter bytes
 * have been seen: because the boundary cannot hold a CR, a mismatch never
 * hides the start of another match except at the mismatching byte itself, so
 * the bytes held back are always a prefix of the delimiter and can be given
 * back from the delimiter string.  No part of the body is buffered and a cut
 * between two feeds changes nothing.  The preamble is scanned the same way,
 * primed as if a CRLF came before the body, so that the first boundary may open
 * the body.  A part's header section is the only thing copied, into one buffer
 * of max_header_bytes allocated up front, and it is parsed only once its empty
 * line has arrived.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "multipart.h"
#include "utf8.h"
#include "xalloc.h"

/* RFC 2046 section 5.1.1: a boundary is 1 to 70 characters. */
#define BOUNDARY_MAX	70

enum mp_state {
	ST_PREAMBLE,	/* before the first delimiter */
	ST_AFTER_DELIM,	/* just after "--boundary": "--", padding or CRLF */
	ST_DASH,	/* after "--boundary-": the second '-' */
	ST_PADDING,	/* transport padding after the boundary */
	ST_LF,		/* after the boundary line's CR */
	ST_HEADERS,	/* in a part's header section */
	ST_BODY,	/* in a part's content */
	ST_DONE,	/* after the close delimiter: the epilogue */
};

struct multipart {
	struct arena			*arena;
	struct multipart_limits		 lim;
	struct multipart_callbacks	 cb;
	void				*ctx;
	enum mp_err			 err;
	enum mp_state			 state;

	/* "\r\n--" and the boundary; match is how much of it was seen. */
	char				 delim[4 + BOUNDARY_MAX];
	size_t				 dlen;
	size_t				 match;

	size_t				 total;	/* bytes fed */
	size_t				 parts;	/* parts begun */

	/* The header section being read; hcount also counts padding. */
	char				*hbuf;
	size_t				 hlen;
	size_t				 hcount;
	size_t				 linelen;
	int				 cr;

	/* The part being read. */
	int				 is_file;
	size_t				 plen;	/* bytes of content so far */
	char				*fval;	/* a plain field's value */
	size_t				 fcap;
};

/* A piece of the input; never NUL-terminated. */
struct span {
	const char	*p;
	size_t		 len;
};

static const char *const err_messages[] = {
	/* MP_OK */
	"بارگذاری درست است.",
	/* MP_ERR_PARTS */
	"تعداد فایل‌ها یا فیلدهای فرستاده‌شده بیش از حد مجاز است.",
	/* MP_ERR_HEADERS */
	"سرآیندهای یکی از بخش‌های بارگذاری بیش از حد مجاز بزرگ است.",
	/* MP_ERR_FIELD */
	"مقدار یکی از فیلدهای فرم بیش از حد مجاز طولانی است.",
	/* MP_ERR_FILE_SIZE */
	"حجم فایل بیش از حد مجاز است.",
	/* MP_ERR_TOTAL */
	"حجم کل فایل‌های فرستاده‌شده بیش از حد مجاز است.",
	/* MP_ERR_TRUNCATED */
	"بارگذاری کامل نشد؛ لطفاً دوباره بفرستید.",
	/* MP_ERR_DISPOSITION */
	"ساختار بارگذاری نادرست است (نام فیلد مشخص نیست).",
	/* MP_ERR_FILENAME */
	"نام فایل نامعتبر است.",
	/* MP_ERR_UTF8 */
	"نام یا متن فرستاده‌شده UTF-8 معتبر نیست یا نویسهٔ تهی دارد.",
	/* MP_ERR_SYNTAX */
	"ساختار بارگذاری نادرست است.",
	/* MP_ERR_ABORTED */
	"بارگذاری پذیرفته نشد.",
};

_Static_assert(sizeof(err_messages) / sizeof(err_messages[0]) == MP__MAX,
    "one message per enum mp_err");

const char *
mp_err_message(enum mp_err e)
{
	if ((size_t)e >= sizeof(err_messages) / sizeof(err_messages[0]))
		return "بارگذاری نادرست است.";
	return err_messages[e];
}

/* RFC 7230 tchar: the bytes of a token. */
static int
is_tchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* RFC 2046 bchars: a boundary's bytes (space allowed, but not last). */
static int
is_bchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))
		return 1;
	return c != '\0' && strchr("'()+_,-./:=? ", c) != NULL;
}

static int
boundary_ok(const char *s, size_t len)
{
	size_t	 i;

	if (len == 0 || len > BOUNDARY_MAX || s[len - 1] == ' ')
		return 0;
	for (i = 0; i < len; i++)
		if (!is_bchar((unsigned char)s[i]))
			return 0;
	return 1;
}

/* RFC 8187 attr-char: what may stand unencoded in an ext-value. */
static int
is_attr_char(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z'))
		return 1;
	return c != '\0' && strchr("!#$&+-.^_`|~", c) != NULL;
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

/* 1 if s[0..len) equals the NUL-terminated lower-case word, in any case. */
static int
span_ieq(const char *s, size_t len, const char *word)
{
	size_t		 i;
	unsigned char	 c;

	if (strlen(word) != len)
		return 0;
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c != (unsigned char)word[i])
			return 0;
	}
	return 1;
}

static void
skip_ows(const char *s, size_t len, size_t *i)
{
	while (*i < len && (s[*i] == ' ' || s[*i] == '\t'))
		(*i)++;
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
 * Reads one parameter value at s[*i]: a token, or a quoted-string whose
 * unescaped bytes are written to out (which has room for len bytes: unescaping
 * never lengthens).  A backslash escapes only '"' and '\\' and is otherwise
 * itself: browsers do not escape the backslash in filenames (the HTML
 * standard only encodes '"', CR and LF), so "C:\x\a.pdf" must keep its
 * separators to lose its directories below.  Returns 0 and stores the
 * unescaped length, or -1 on an empty token or an unclosed quote.
 */
static int
param_value(const char *s, size_t len, size_t *i, char *out, size_t *olen)
{
	size_t	 o = 0;
	char	 c;

	if (*i < len && s[*i] == '"') {
		for ((*i)++; *i < len; (*i)++) {
			c = s[*i];
			if (c == '"') {
				(*i)++;
				*olen = o;
				return 0;
			}
			if (c == '\\' && *i + 1 < len &&
			    (s[*i + 1] == '"' || s[*i + 1] == '\\'))
				c = s[++(*i)];
			out[o++] = c;
		}
		return -1;
	}
	while (*i < len && is_tchar((unsigned char)s[*i]))
		out[o++] = s[(*i)++];
	*olen = o;
	return o == 0 ? -1 : 0;
}

/*
 * Walks the parameters after a media or disposition type at s[*i]:
 * *( OWS ";" OWS name OWS "=" OWS value ) OWS, a trailing ';' tolerated.
 * Calls fn for each with the name and the unescaped value (in scratch, which
 * holds len bytes).  Returns 0, -1 on bad syntax, or what fn returned when it
 * was not 0.
 */
static int
params_walk(const char *s, size_t len, size_t i, char *scratch,
    int (*fn)(void *, const char *, size_t, const char *, size_t), void *arg)
{
	size_t	 n0, nlen, vlen;
	int	 rc;

	for (;;) {
		skip_ows(s, len, &i);
		if (i == len)
			return 0;
		if (s[i++] != ';')
			return -1;
		skip_ows(s, len, &i);
		if (i == len)
			return 0;
		for (n0 = i; i < len && is_tchar((unsigned char)s[i]); i++)
			;
		if ((nlen = i - n0) == 0)
			return -1;
		skip_ows(s, len, &i);
		if (i == len || s[i++] != '=')
			return -1;
		skip_ows(s, len, &i);
		if (param_value(s, len, &i, scratch, &vlen) == -1)
			return -1;
		if ((rc = fn(arg, s + n0, nlen, scratch, vlen)) != 0)
			return rc;
	}
}

struct ct_params {
	char	*out;
	size_t	 outsz;
	int	 found;
	int	 len;
};

static int
ct_param(void *arg, const char *n, size_t nlen, const char *v, size_t vlen)
{
	struct ct_params	*cp = arg;

	if (!span_ieq(n, nlen, "boundary"))
		return 0;
	if (cp->found || !boundary_ok(v, vlen) || vlen >= cp->outsz)
		return -1;
	memcpy(cp->out, v, vlen);
	cp->out[vlen] = '\0';
	cp->found = 1;
	cp->len = (int)vlen;
	return 0;
}

int
multipart_boundary(const char *content_type, size_t len, char *out,
    size_t outsz)
{
	static const char	 type[] = "multipart/form-data";
	struct ct_params	 cp = { out, outsz, 0, 0 };
	char			 scratch[256];
	const char		*s = content_type;
	size_t			 i = 0;

	/*
	 * A real Content-Type is short; refusing long ones lets the unescaped
	 * values fit in a stack buffer.
	 */
	if (s == NULL || out == NULL || outsz == 0 || len > sizeof(scratch))
		return -1;
	skip_ows(s, len, &i);
	if (len - i < sizeof(type) - 1 ||
	    !span_ieq(s + i, sizeof(type) - 1, type))
		return -1;
	i += sizeof(type) - 1;
	if (params_walk(s, len, i, scratch, ct_param, &cp) != 0 || !cp.found)
		return -1;
	return cp.len;
}

struct multipart *
multipart_new(struct arena *a, const char *boundary,
    const struct multipart_limits *lim, const struct multipart_callbacks *cb,
    void *ctx)
{
	struct multipart	*mp;
	size_t			 blen;

	if (a == NULL || boundary == NULL || lim == NULL)
		return NULL;
	blen = strnlen(boundary, BOUNDARY_MAX + 1);
	if (!boundary_ok(boundary, blen))
		return NULL;
	mp = arena_calloc(a, 1, sizeof(*mp));
	mp->arena = a;
	mp->lim = *lim;
	if (cb != NULL)
		mp->cb = *cb;
	mp->ctx = ctx;
	memcpy(mp->delim, "\r\n--", 4);
	memcpy(mp->delim + 4, boundary, blen);
	mp->dlen = 4 + blen;
	/* As if a CRLF came first, so that the body may open with "--boundary". */
	mp->state = ST_PREAMBLE;
	mp->match = 2;
	mp->hbuf = arena_alloc(a, lim->max_header_bytes > 0 ?
	    lim->max_header_bytes : 1);
	return mp;
}

/* Delivers n content bytes of the current part, within its limit. */
static enum mp_err
emit(struct multipart *mp, const char *p, size_t n)
{
	size_t	 cap, need;

	if (n == 0)
		return MP_OK;
	if (mp->is_file) {
		if (n > mp->lim.max_file_bytes - mp->plen)
			return MP_ERR_FILE_SIZE;
		mp->plen += n;
		return mp->cb.part_data != NULL ?
		    mp->cb.part_data(mp->ctx, p, n) : MP_OK;
	}
	if (n > mp->lim.max_field_bytes - mp->plen)
		return MP_ERR_FIELD;
	/*
	 * Room for the value and its NUL, doubled as it grows but never past
	 * the limit, so a field costs at most twice max_field_bytes.
	 */
	if (!add_ok(mp->plen + n, 1, &need))
		xalloc_die();
	if (need > mp->fcap) {
		cap = mp->fcap < 32 ? 64 : mp->fcap > SIZE_MAX / 2 ? need :
		    mp->fcap * 2;
		if (cap < need)
			cap = need;
		/* need - 1 <= max_field_bytes, checked above. */
		if (cap - 1 > mp->lim.max_field_bytes)
			cap = mp->lim.max_field_bytes + 1;
		mp->fval = arena_realloc(mp->arena, mp->fval, mp->fcap, cap);
		mp->fcap = cap;
	}
	memcpy(mp->fval + mp->plen, p, n);
	mp->plen += n;
	return MP_OK;
}

static enum mp_err
part_end(struct multipart *mp)
{
	if (mp->is_file)
		return mp->cb.part_end != NULL ?
		    mp->cb.part_end(mp->ctx, NULL, mp->plen) : MP_OK;
	if (mp->fval == NULL) {
		mp->fval = arena_alloc(mp->arena, 1);
		mp->fcap = 1;
	}
	mp->fval[mp->plen] = '\0';
	if (!utf8_valid(mp->fval, mp->plen))
		return MP_ERR_UTF8;
	return mp->cb.part_end != NULL ?
	    mp->cb.part_end(mp->ctx, mp->fval, mp->plen) : MP_OK;
}

/*
 * Scans p[*i..n) of the preamble or a part's content for the delimiter,
 * delivering the content (the preamble is dropped).  Stops after a delimiter,
 * which ends the part, or at the end of the input.
 */
static enum mp_err
scan(struct multipart *mp, const char *p, size_t n, size_t *i)
{
	const char	*cr, *run;
	int		 body = mp->state == ST_BODY;
	enum mp_err	 e;

	while (*i < n) {
		if (mp->match == 0) {
			run = p + *i;
			cr = memchr(run, '\r', n - *i);
			if (cr == NULL) {
				*i = n;
				return body ? emit(mp, run, (size_t)(p + n - run)) :
				    MP_OK;
			}
			*i = (size_t)(cr - p) + 1;
			mp->match = 1;
			if (body && (e = emit(mp, run, (size_t)(cr - run))) != MP_OK)
				return e;
			continue;
		}
		if (p[*i] == mp->delim[mp->match]) {
			(*i)++;
			if (++mp->match < mp->dlen)
				continue;
			mp->match = 0;
			if (body && (e = part_end(mp)) != MP_OK)
				return e;
			mp->state = ST_AFTER_DELIM;
			return MP_OK;
		}
		/*
		 * Not the delimiter: what was held back is content.  Only the
		 * delimiter's first byte is a CR, so no later match can start
		 * inside it; the byte that broke the match is looked at again.
		 */
		if (body && (e = emit(mp, mp->delim, mp->match)) != MP_OK)
			return e;
		mp->match = 0;
	}
	return MP_OK;
}

/* What one part's headers said. */
struct part_hdrs {
	struct arena	*a;
	char		*name;
	char		*filename;	/* from filename= */
	char		*filename_ext;	/* from filename*= */
	size_t		 namelen, fnlen, fnextlen;
	int		 seen_name, seen_fn, seen_fnext;
};

static char *
copy(struct arena *a, const char *s, size_t len)
{
	return arena_strndup(a, s, len);
}

/*
 * Decodes an RFC 8187 ext-value: UTF-8 (any case) "'" language "'" and
 * attr-chars or %XX.  Returns the decoded length or -1.
 */
static long
ext_value(const char *v, size_t vlen, char *out)
{
	const char	*q1, *q2;
	size_t		 i, o = 0;
	int		 hi, lo;

	if ((q1 = memchr(v, '\'', vlen)) == NULL ||
	    !span_ieq(v, (size_t)(q1 - v), "utf-8"))
		return -1;
	q1++;
	if ((q2 = memchr(q1, '\'', vlen - (size_t)(q1 - v))) == NULL)
		return -1;
	for (i = (size_t)(q2 + 1 - v); i < vlen; i++) {
		if (v[i] == '%') {
			if (vlen - i < 3 ||
			    (hi = hexval((unsigned char)v[i + 1])) < 0 ||
			    (lo = hexval((unsigned char)v[i + 2])) < 0)
				return -1;
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (is_attr_char((unsigned char)v[i]))
			out[o++] = v[i];
		else
			return -1;
	}
	return (long)o;
}

/*
 * Takes one Content-Disposition parameter; unknown ones are ignored.  Returns
 * 0 or an enum mp_err (above 0, so that params_walk() passes it on).
 */
static int
cd_param(void *arg, const char *n, size_t nlen, const char *v, size_t vlen)
{
	struct part_hdrs	*h = arg;
	long			 dl;

	if (span_ieq(n, nlen, "name")) {
		if (h->seen_name++)
			return MP_ERR_DISPOSITION;
		h->name = copy(h->a, v, vlen);
		h->namelen = vlen;
	} else if (span_ieq(n, nlen, "filename")) {
		if (h->seen_fn++)
			return MP_ERR_DISPOSITION;
		h->filename = copy(h->a, v, vlen);
		h->fnlen = vlen;
	} else if (span_ieq(n, nlen, "filename*")) {
		if (h->seen_fnext++)
			return MP_ERR_DISPOSITION;
		h->filename_ext = arena_alloc(h->a, vlen + 1);
		if ((dl = ext_value(v, vlen, h->filename_ext)) < 0)
			return MP_ERR_FILENAME;
		h->filename_ext[dl] = '\0';
		h->fnextlen = (size_t)dl;
	}
	return 0;
}

/* Parses a Content-Disposition value into h. */
static enum mp_err
disposition(struct part_hdrs *h, const struct span *v)
{
	static const char	 type[] = "form-data";
	char			*scratch;
	size_t			 i = 0;
	int			 rc;

	for (i = 0; i < v->len && is_tchar((unsigned char)v->p[i]); i++)
		;
	if (!span_ieq(v->p, i, type))
		return MP_ERR_DISPOSITION;
	scratch = arena_alloc(h->a, v->len + 1);
	rc = params_walk(v->p, v->len, i, scratch, cd_param, h);
	if (rc == -1)
		return MP_ERR_DISPOSITION;
	if (rc != 0)
		return (enum mp_err)rc;
	if (!h->seen_name || h->namelen == 0)
		return MP_ERR_DISPOSITION;
	return MP_OK;
}

/*
 * Reduces a filename to its last path component in place and checks it.
 * Both separators count, whatever the client's system: a Windows path
 * arrives with '\\' and must not become a directory on ours.
 */
static enum mp_err
filename_check(char **fn, size_t *len)
{
	size_t	 i, start = 0;

	if (!utf8_valid(*fn, *len))
		return MP_ERR_UTF8;
	for (i = 0; i < *len; i++)
		if ((*fn)[i] == '/' || (*fn)[i] == '\\')
			start = i + 1;
	*fn += start;
	*len -= start;
	if (*len == 0 || strcmp(*fn, ".") == 0 || strcmp(*fn, "..") == 0)
		return MP_ERR_FILENAME;
	return MP_OK;
}

/*
 * Parses the header section in hbuf (lines that end in CRLF, the last one
 * empty; hdr_byte() checked the line structure) and begins the part.
 */
static enum mp_err
headers_done(struct multipart *mp)
{
	struct part_hdrs	 h;
	struct span		 line, name, val;
	const char		*end, *colon, *ctype = NULL;
	char			*fn = NULL;
	size_t			 pos = 0, fnlen = 0, i;
	int			 seen_cd = 0;
	enum mp_err		 e;

	memset(&h, 0, sizeof(h));
	h.a = mp->arena;
	while (pos < mp->hlen) {
		line.p = mp->hbuf + pos;
		end = memchr(line.p, '\r', mp->hlen - pos);
		if (end == NULL)
			return MP_ERR_SYNTAX;	/* not reached */
		line.len = (size_t)(end - line.p);
		pos += line.len + 2;
		if (line.len == 0)
			break;
		if ((colon = memchr(line.p, ':', line.len)) == NULL)
			return MP_ERR_SYNTAX;
		name.p = line.p;
		name.len = (size_t)(colon - line.p);
		if (name.len == 0)
			return MP_ERR_SYNTAX;
		for (i = 0; i < name.len; i++)
			if (!is_tchar((unsigned char)name.p[i]))
				return MP_ERR_SYNTAX;
		val.p = colon + 1;
		val.len = line.len - name.len - 1;
		trim_ows(&val);
		if (span_ieq(name.p, name.len, "content-disposition")) {
			if (seen_cd++)
				return MP_ERR_DISPOSITION;
			if ((e = disposition(&h, &val)) != MP_OK)
				return e;
		} else if (span_ieq(name.p, name.len, "content-type")) {
			if (ctype != NULL)
				return MP_ERR_SYNTAX;
			if (!utf8_valid(val.p, val.len))
				return MP_ERR_UTF8;
			ctype = copy(mp->arena, val.p, val.len);
		}
	}
	if (!seen_cd)
		return MP_ERR_DISPOSITION;
	if (!utf8_valid(h.name, h.namelen))
		return MP_ERR_UTF8;
	/* RFC 7578 section 4.2: filename* is the one to trust when both came. */
	if (h.seen_fnext) {
		fn = h.filename_ext;
		fnlen = h.fnextlen;
	} else if (h.seen_fn) {
		fn = h.filename;
		fnlen = h.fnlen;
	}
	if (fn != NULL && (e = filename_check(&fn, &fnlen)) != MP_OK)
		return e;
	if (h.seen_fnext && h.seen_fn &&
	    !utf8_valid(h.filename, h.fnlen))
		return MP_ERR_UTF8;

	mp->is_file = fn != NULL;
	mp->plen = 0;
	mp->fval = NULL;
	mp->fcap = 0;
	mp->state = ST_BODY;
	mp->match = 0;
	if (mp->cb.part_begin != NULL)
		return mp->cb.part_begin(mp->ctx, h.name, fn, ctype);
	return MP_OK;
}

/* Takes one byte of a header section. */
static enum mp_err
hdr_byte(struct multipart *mp, unsigned char c)
{
	if (mp->hcount == mp->lim.max_header_bytes)
		return MP_ERR_HEADERS;
	mp->hcount++;
	mp->hbuf[mp->hlen++] = (char)c;
	if (mp->cr) {
		if (c != '\n')
			return MP_ERR_SYNTAX;
		mp->cr = 0;
		if (mp->linelen == 0)
			return headers_done(mp);
		mp->linelen = 0;
		return MP_OK;
	}
	if (c == '\r') {
		mp->cr = 1;
		return MP_OK;
	}
	/*
	 * A line that starts with a space or tab continues the previous one
	 * (obsolete folding, RFC 7230 section 3.2.4): refused, as HTTP does.
	 * Controls, a NUL and a bare LF have no place in a header.
	 */
	if (mp->linelen == 0 && (c == ' ' || c == '\t'))
		return MP_ERR_SYNTAX;
	if ((c < 0x20 && c != '\t') || c == 0x7F)
		return MP_ERR_SYNTAX;
	mp->linelen++;
	return MP_OK;
}

/* Starts a part after its boundary line. */
static enum mp_err
part_start(struct multipart *mp)
{
	if (mp->parts == mp->lim.max_parts)
		return MP_ERR_PARTS;
	mp->parts++;
	mp->hlen = mp->linelen = 0;
	mp->cr = 0;
	mp->state = ST_HEADERS;
	return MP_OK;
}

/* Runs the state machine over p[0..n). */
static enum mp_err
run(struct multipart *mp, const char *p, size_t n)
{
	size_t		 i = 0;
	unsigned char	 c;
	enum mp_err	 e;

	while (i < n) {
		if (mp->state == ST_PREAMBLE || mp->state == ST_BODY) {
			if ((e = scan(mp, p, n, &i)) != MP_OK)
				return e;
			continue;
		}
		if (mp->state == ST_DONE)
			return MP_OK;
		c = (unsigned char)p[i++];
		switch (mp->state) {
		case ST_AFTER_DELIM:
			mp->hcount = 0;
			if (c == '-')
				mp->state = ST_DASH;
			else if (c == '\r')
				mp->state = ST_LF;
			else if (c == ' ' || c == '\t') {
				if (mp->hcount++ == mp->lim.max_header_bytes)
					return MP_ERR_HEADERS;
				mp->state = ST_PADDING;
			} else
				return MP_ERR_SYNTAX;
			break;
		case ST_DASH:
			if (c != '-')
				return MP_ERR_SYNTAX;
			mp->state = ST_DONE;
			break;
		case ST_PADDING:
			if (c == '\r')
				mp->state = ST_LF;
			else if (c != ' ' && c != '\t')
				return MP_ERR_SYNTAX;
			else if (mp->hcount++ == mp->lim.max_header_bytes)
				return MP_ERR_HEADERS;	/* padding counts */
			break;
		case ST_LF:
			if (c != '\n')
				return MP_ERR_SYNTAX;
			if ((e = part_start(mp)) != MP_OK)
				return e;
			break;
		case ST_HEADERS:
			if ((e = hdr_byte(mp, c)) != MP_OK)
				return e;
			break;
		default:
			return MP_ERR_SYNTAX;	/* not reached */
		}
	}
	return MP_OK;
}

enum mp_err
multipart_feed(struct multipart *mp, const char *p, size_t n)
{
	size_t	 room;

	if (mp == NULL || (p == NULL && n > 0))
		return MP_ERR_SYNTAX;
	if (mp->err != MP_OK)
		return mp->err;
	/*
	 * Only the bytes within max_total_bytes are parsed, so that the error
	 * reported is the first one in the body whatever the cut into feeds.
	 */
	room = mp->lim.max_total_bytes - mp->total;
	mp->err = run(mp, p, n < room ? n : room);
	mp->total += n < room ? n : room;
	if (mp->err == MP_OK && n > room)
		mp->err = MP_ERR_TOTAL;
	return mp->err;
}

enum mp_err
multipart_finish(struct multipart *mp)
{
	if (mp == NULL)
		return MP_ERR_SYNTAX;
	if (mp->err == MP_OK && mp->state != ST_DONE)
		mp->err = MP_ERR_TRUNCATED;
	return mp->err;
}
