/*
 * libFuzzer target for the multipart/form-data parser.  The first input byte
 * chooses a chunk size (1 to 256); the rest is a body for the fixed boundary
 * "XyZ", parsed twice: fed in chunks of that size and fed in one piece.  The
 * checks are the promises of multipart.h: callbacks come in order (begin,
 * data only for files, end) and every begin has one end unless an error came;
 * no part, field, file or body passes its limit; names and filenames are valid
 * UTF-8 without NUL, a filename has no '/' or '\\' and is not "", "." or "..";
 * a field value is NUL-terminated UTF-8.  And the cut must not matter: both
 * parses end with the same result and, when it is MP_OK, the same transcript.
 * Any broken promise aborts, which libFuzzer reports as a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "multipart.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Small limits so that short inputs reach every one of them. */
static const struct multipart_limits	 lim = { 6, 160, 48, 200, 2048 };

static struct arena	*ar;

/* What one parse saw; hash is FNV-1a over the transcript. */
struct seen {
	int		 in_part, is_file;
	size_t		 begins, ends, plen, total;
	uint64_t	 hash;
};

static void
check(int ok)
{
	if (!ok)
		abort();
}

static void
mix(struct seen *s, const void *p, size_t n)
{
	const unsigned char	*u = p;
	size_t			 i;

	for (i = 0; i < n; i++)
		s->hash = (s->hash ^ u[i]) * 0x100000001b3ULL;
}

static enum mp_err
on_begin(void *ctx, const char *name, const char *fn, const char *ct)
{
	struct seen	*s = ctx;
	size_t		 n;

	check(!s->in_part);
	check(name != NULL && name[0] != '\0' && utf8_valid(name, strlen(name)));
	mix(s, "B", 1);
	mix(s, name, strlen(name) + 1);
	if (fn != NULL) {
		n = strlen(fn);
		check(utf8_valid(fn, n) && n > 0);
		check(strchr(fn, '/') == NULL && strchr(fn, '\\') == NULL);
		check(strcmp(fn, ".") != 0 && strcmp(fn, "..") != 0);
		mix(s, fn, n + 1);
	}
	if (ct != NULL) {
		check(utf8_valid(ct, strlen(ct)));
		mix(s, ct, strlen(ct) + 1);
	}
	s->begins++;
	check(s->begins <= lim.max_parts);
	s->in_part = 1;
	s->is_file = fn != NULL;
	s->plen = 0;
	return MP_OK;
}

static enum mp_err
on_data(void *ctx, const char *p, size_t n)
{
	struct seen	*s = ctx;

	check(s->in_part && s->is_file && n > 0);
	s->plen += n;
	s->total += n;
	check(s->plen <= lim.max_file_bytes && s->total <= lim.max_total_bytes);
	/* Data is hashed as a stream: the cut into calls must not show. */
	mix(s, p, n);
	return MP_OK;
}

static enum mp_err
on_end(void *ctx, const char *v, size_t len)
{
	struct seen	*s = ctx;

	check(s->in_part);
	if (s->is_file)
		check(v == NULL && len == s->plen);
	else {
		check(v != NULL && len <= lim.max_field_bytes);
		check(v[len] == '\0' && utf8_valid(v, len));
		mix(s, v, len);
	}
	mix(s, "E", 1);
	s->ends++;
	s->in_part = 0;
	return MP_OK;
}

static const struct multipart_callbacks	 cbs = { on_begin, on_data, on_end };

static enum mp_err
parse(const char *p, size_t n, size_t chunk, struct seen *s)
{
	struct multipart	*mp;
	size_t			 off, k;
	enum mp_err		 e = MP_OK, f;

	memset(s, 0, sizeof(*s));
	s->hash = 0xcbf29ce484222325ULL;
	mp = multipart_new(ar, "XyZ", &lim, &cbs, s);
	check(mp != NULL);
	for (off = 0; off < n && e == MP_OK; off += k) {
		k = n - off < chunk ? n - off : chunk;
		e = multipart_feed(mp, p + off, k);
	}
	f = multipart_finish(mp);
	check(e == MP_OK || f == e);
	check(f < MP__MAX && mp_err_message(f) != NULL);
	if (f == MP_OK)
		check(!s->in_part && s->begins == s->ends);
	else
		check(s->begins == s->ends || s->begins == s->ends + 1);
	return f;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen	 cut, whole;
	const char	*body;
	char		*copy;
	size_t		 chunk, n;
	enum mp_err	 e1, e2;

	if (size == 0)
		return 0;
	if (ar == NULL)
		ar = arena_new(64 * 1024);
	else
		arena_reset(ar);
	chunk = (size_t)data[0] + 1;
	body = (const char *)data + 1;
	n = size - 1;
	/* An exactly-sized copy, so that any over-read is caught. */
	copy = malloc(n > 0 ? n : 1);
	check(copy != NULL);
	memcpy(copy, body, n);
	e1 = parse(copy, n, chunk, &cut);
	e2 = parse(copy, n, n > 0 ? n : 1, &whole);
	free(copy);
	check(e1 == e2);
	if (e1 == MP_OK)
		check(cut.hash == whole.hash && cut.begins == whole.begins);
	return 0;
}
