/*
 * The password policy.  Length is counted in Unicode code points, because a
 * Persian letter is two bytes and users think in letters.  There are no
 * composition rules (ASVS 2.1.9); instead a password is refused when it is on a
 * list of common passwords or is the holder's national ID in one of the forms
 * the regulator hands out as initial passwords, because those are the first
 * things an attacker who knows the (public) ID would try.  Before comparing,
 * the password is folded the way users' keyboards vary: ASCII letters to lower
 * case, Persian and Arabic-Indic digits to ASCII, Arabic yeh and kaf to their
 * Persian forms.  The folded copy lives on the stack and is cleansed.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "arena.h"
#include "conf.h"
#include "crypto.h"
#include "fa.h"
#include "password.h"
#include "utf8.h"
#include "xalloc.h"

/* Bounds on the list file, so a wrong path cannot make a worker read a disk. */
#define LIST_MAX_BYTES	(4 * 1024 * 1024)
#define LINE_MAX_BYTES	512
/* A password of 128 code points has at most 4 bytes each. */
#define PW_MAX_BYTES	(PASSWORD_MAX_CHARS * 4)

static const char *const messages[PW__MAX] = {
	[PW_OK] = "گذرواژه پذیرفته شد.",
	[PW_TOO_SHORT] = "گذرواژه باید دست‌کم ۸ نویسه باشد.",
	[PW_TOO_LONG] = "گذرواژه نباید بیش از ۱۲۸ نویسه باشد.",
	[PW_INVALID] =
	    "گذرواژه نویسهٔ نامعتبر یا نویسهٔ کنترلی دارد؛ آن را دوباره بنویسید.",
	[PW_COMMON] =
	    "این گذرواژه بسیار رایج است و به‌آسانی حدس زده می‌شود؛ گذرواژهٔ دیگری برگزینید.",
	[PW_NATIONAL_ID] =
	    "گذرواژه نباید کد ملی یا شکلی از آن (مانند کد ملی با ‎@Cra‎) باشد.",
};

/*
 * The list: one blob of NUL-terminated folded entries and a sorted array of
 * pointers into it.  It belongs to the process and is never freed.
 */
static char		 *list_blob;
static const char	**list;
static size_t		  list_n;
static int		  list_loaded;

/*
 * Writes the folded form of s[0..len) to out (at least len + 1 bytes) and
 * returns its length.  Every fold keeps or shrinks a character, so the result
 * fits and out may even be s itself.
 */
static size_t
fold(const char *s, size_t len, char *out)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, o = 0, n;
	int			 d;

	while (i < len) {
		if ((n = fa_fold_digit(u + i, len - i, &d)) > 0) {
			out[o++] = (char)('0' + d);
			i += n;
		} else if (u[i] == 0xD9 && i + 1 < len &&
		    (u[i + 1] == 0x8A || u[i + 1] == 0x89)) {
			/* U+064A yeh and U+0649 alef maksura become U+06CC. */
			out[o++] = (char)0xDB;
			out[o++] = (char)0x8C;
			i += 2;
		} else if (u[i] == 0xD9 && i + 1 < len && u[i + 1] == 0x83) {
			/* U+0643 Arabic kaf becomes U+06A9 keheh. */
			out[o++] = (char)0xDA;
			out[o++] = (char)0xA9;
			i += 2;
		} else if (u[i] >= 'A' && u[i] <= 'Z') {
			out[o++] = (char)(u[i++] - 'A' + 'a');
		} else
			out[o++] = (char)u[i++];
	}
	out[o] = '\0';
	return o;
}

static int
cmp_entry(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reads the whole file, at most LIST_MAX_BYTES, into a new NUL-terminated buffer. */
static char *
read_bounded(const char *path, size_t *lenp, char *err, size_t errsz)
{
	struct stat	 st;
	char		*data = NULL;
	size_t		 len = 0;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		snprintf(err, errsz, "%s: not a regular file", path);
		goto fail;
	}
	if (st.st_size > LIST_MAX_BYTES) {
		snprintf(err, errsz, "%s: larger than %d bytes", path, LIST_MAX_BYTES);
		goto fail;
	}
	/* One byte more than allowed, so a file that grew since fstat is noticed. */
	data = xmalloc(LIST_MAX_BYTES + 2);
	for (;;) {
		n = read(fd, data + len, LIST_MAX_BYTES + 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			snprintf(err, errsz, "%s: %s", path, strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > LIST_MAX_BYTES) {
			snprintf(err, errsz, "%s: larger than %d bytes", path,
			    LIST_MAX_BYTES);
			goto fail;
		}
	}
	close(fd);
	data[len] = '\0';
	*lenp = len;
	return data;
fail:
	free(data);
	close(fd);
	return NULL;
}

int
password_list_load(const char *path, char *err, size_t errsz)
{
	char		 *data = NULL, *blob = NULL, *line, *end, *nl;
	const char	**ents = NULL;
	size_t		  len, linelen, lineno = 0, n = 0, cap = 0, o = 0, i, k;

	if (list_loaded)
		return 0;
	if (path == NULL || *path == '\0') {
		snprintf(err, errsz, "no common-password list configured");
		return -1;
	}
	if ((data = read_bounded(path, &len, err, errsz)) == NULL)
		return -1;
	blob = xmalloc(len + 1);
	end = data + len;
	for (line = data; line < end; line = nl + 1) {
		lineno++;
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
			nl = end;
		linelen = (size_t)(nl - line);
		if (linelen > 0 && line[linelen - 1] == '\r')
			linelen--;
		if (linelen == 0 || line[0] == '#')
			continue;
		if (linelen > LINE_MAX_BYTES) {
			snprintf(err, errsz, "%s:%zu: longer than %d bytes", path,
			    lineno, LINE_MAX_BYTES);
			goto fail;
		}
		if (!utf8_valid(line, linelen)) {
			snprintf(err, errsz, "%s:%zu: not valid UTF-8", path, lineno);
			goto fail;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			ents = xreallocarray(ents, cap, sizeof(*ents));
		}
		ents[n++] = blob + o;
		o += fold(line, linelen, blob + o) + 1;
	}
	if (n == 0) {
		snprintf(err, errsz, "%s: no passwords in the list", path);
		goto fail;
	}
	qsort(ents, n, sizeof(*ents), cmp_entry);
	for (i = 1, k = 1; i < n; i++)
		if (strcmp(ents[i], ents[k - 1]) != 0)
			ents[k++] = ents[i];
	free(data);
	list_blob = blob;
	list = ents;
	list_n = k;
	list_loaded = 1;
	return 0;
fail:
	free(data);
	free(blob);
	free(ents);
	return -1;
}

static int
is_common(const char *folded)
{
	if (list_n == 0)
		return 0;
	return bsearch(&folded, list, list_n, sizeof(*list), cmp_entry) != NULL;
}

static int
is_nid(const char *s)
{
	size_t	 i;

	if (s == NULL)
		return 0;
	for (i = 0; i < 10; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return s[10] == '\0';
}

/* The folded password is compared with each form the ID is known to take. */
static int
is_nid_form(const char *folded, size_t flen, const char *nid)
{
	char	 form[16];
	int	 i, hit = 0;

	if (flen == 10 && memcmp(folded, nid, 10) == 0)
		return 1;
	if (flen == 14) {
		memcpy(form, nid, 10);
		memcpy(form + 10, "@cra", 4);
		hit |= memcmp(folded, form, 14) == 0;
		memcpy(form, "@cra", 4);
		memcpy(form + 4, nid, 10);
		hit |= memcmp(folded, form, 14) == 0;
	}
	if (flen == 10) {
		for (i = 0; i < 10; i++)
			form[i] = nid[9 - i];
		hit |= memcmp(folded, form, 10) == 0;
	}
	return hit;
}

enum pw_err
password_check(const char *pw, size_t len, const char *national_id)
{
	char		 folded[PW_MAX_BYTES + 1];
	size_t		 i, n, chars, flen;
	uint32_t	 cp;
	enum pw_err	 rc;

	if (pw == NULL)
		return len == 0 ? PW_TOO_SHORT : PW_INVALID;
	/* Too many bytes for 128 code points: no need to look further. */
	if (len > PW_MAX_BYTES)
		return PW_TOO_LONG;
	if (!utf8_valid(pw, len))
		return PW_INVALID;
	for (i = 0; i < len; i += n) {
		if ((n = utf8_decode((const unsigned char *)pw + i, len - i, &cp)) == 0)
			return PW_INVALID;
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
			return PW_INVALID;
	}
	chars = utf8_count(pw, len);
	if (chars < PASSWORD_MIN_CHARS)
		return PW_TOO_SHORT;
	if (chars > PASSWORD_MAX_CHARS)
		return PW_TOO_LONG;

	flen = fold(pw, len, folded);
	rc = PW_OK;
	if (is_nid(national_id) && is_nid_form(folded, flen, national_id))
		rc = PW_NATIONAL_ID;
	else if (is_common(folded))
		rc = PW_COMMON;
	OPENSSL_cleanse(folded, sizeof(folded));
	return rc;
}

const char *
password_message(enum pw_err e)
{
	if ((unsigned)e >= PW__MAX || messages[e] == NULL)
		return "گذرواژه پذیرفته نشد.";
	return messages[e];
}

/*
 * 56 characters: the digits 2-9 and the letters without l, o, I and O.  Bytes
 * are drawn until one falls below 4 x 56 = 224, so every character is equally
 * likely (no modulo bias); 10 of them carry about 58 bits.
 */
static int
random_code(struct arena *a, char **secret)
{
	static const char	 alpha[] =
	    "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
	unsigned char		 rnd[32];
	char			*out;
	size_t			 i, o = 0;

	_Static_assert(sizeof(alpha) - 1 == 56, "alphabet of 56");
	out = arena_alloc(a, 11);
	while (o < 10) {
		if (crypto_random(rnd, sizeof(rnd)) != 0) {
			OPENSSL_cleanse(out, 11);
			OPENSSL_cleanse(rnd, sizeof(rnd));
			return -1;
		}
		for (i = 0; i < sizeof(rnd) && o < 10; i++)
			if (rnd[i] < 224)
				out[o++] = alpha[rnd[i] % 56];
	}
	out[o] = '\0';
	OPENSSL_cleanse(rnd, sizeof(rnd));
	*secret = out;
	return 0;
}

int
password_initial(const struct conf *c, const char *national_id, struct arena *a,
    char **secret)
{
	const char	*how;

	*secret = NULL;
	if (c == NULL || (how = c->initial_password) == NULL)
		return -1;
	if (strcmp(how, "random") == 0)
		return random_code(a, secret);
	if (!is_nid(national_id))
		return -1;
	if (strcmp(how, "national_id") == 0) {
		*secret = arena_strdup(a, national_id);
		return 0;
	}
	if (strcmp(how, "cra_suffix") == 0) {
		*secret = arena_printf(a, "%s@Cra", national_id);
		return 0;
	}
	return -1;
}
