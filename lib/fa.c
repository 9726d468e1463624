/*
 * Persian text helpers.  Users reach the portal from Persian and Arabic keyboard
 * layouts and paste text from other systems, so the same word or number arrives
 * in several encodings: three digit scripts and two forms each of yeh and kaf.
 * This file folds them to one form, validates national IDs as people really type
 * them, and writes numbers back out with Persian digits.  Every loop checks the
 * remaining length before looking at a continuation byte, so truncated or
 * malformed UTF-8 is copied or refused, never over-read.
 */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "fa.h"
#include "xalloc.h"

/* Persian digit zero, U+06F0, is DB B0 in UTF-8; the others follow in order. */
#define FA_DIGIT_LEAD	0xDB
#define FA_DIGIT_ZERO	0xB0

static const char *const nid_messages[FA_NID__MAX] = {
	[FA_NID_OK] = "کد ملی معتبر است.",
	[FA_NID_EMPTY] = "کد ملی را وارد کنید.",
	[FA_NID_CHARS] = "کد ملی فقط می‌تواند از رقم تشکیل شده باشد.",
	[FA_NID_LENGTH] = "کد ملی باید دقیقاً ۱۰ رقم باشد.",
	[FA_NID_SAME_DIGITS] =
	    "کد ملی نمی‌تواند از تکرار یک رقم تشکیل شده باشد.",
	[FA_NID_CHECKSUM] =
	    "کد ملی واردشده معتبر نیست؛ لطفاً آن را دوباره بررسی کنید.",
};

size_t
fa_fold_digit(const unsigned char *s, size_t len, int *digit)
{
	if (len >= 1 && s[0] >= '0' && s[0] <= '9') {
		*digit = s[0] - '0';
		return 1;
	}
	/* Arabic-Indic U+0660..U+0669: D9 A0..D9 A9. */
	if (len >= 2 && s[0] == 0xD9 && s[1] >= 0xA0 && s[1] <= 0xA9) {
		*digit = s[1] - 0xA0;
		return 2;
	}
	/* Persian U+06F0..U+06F9: DB B0..DB B9. */
	if (len >= 2 && s[0] == FA_DIGIT_LEAD && s[1] >= FA_DIGIT_ZERO &&
	    s[1] <= FA_DIGIT_ZERO + 9) {
		*digit = s[1] - FA_DIGIT_ZERO;
		return 2;
	}
	return 0;
}

char *
fa_normalize(struct arena *a, const char *s, size_t len, size_t *outlen)
{
	const unsigned char	*u = (const unsigned char *)s;
	char			*out;
	size_t			 i = 0, o = 0, n, cap;
	int			 d;

	/* Every fold keeps or shrinks a character, so len + 1 bytes suffice. */
	if (!add_ok(len, 1, &cap))
		xalloc_die();
	out = arena_alloc(a, cap);
	while (i < len) {
		if ((n = fa_fold_digit(u + i, len - i, &d)) > 0) {
			out[o++] = (char)('0' + d);
			i += n;
			continue;
		}
		if (u[i] == 0xD9 && i + 1 < len &&
		    (u[i + 1] == 0x8A || u[i + 1] == 0x89)) {
			/* U+064A yeh and U+0649 alef maksura become U+06CC. */
			out[o++] = (char)0xDB;
			out[o++] = (char)0x8C;
			i += 2;
			continue;
		}
		if (u[i] == 0xD9 && i + 1 < len && u[i + 1] == 0x83) {
			/* U+0643 Arabic kaf becomes U+06A9 keheh. */
			out[o++] = (char)0xDA;
			out[o++] = (char)0xA9;
			i += 2;
			continue;
		}
		out[o++] = (char)u[i++];
	}
	out[o] = '\0';
	if (outlen != NULL)
		*outlen = o;
	return out;
}

/*
 * The length of a separator users put inside national IDs (ASCII space, tab and
 * hyphen, no-break space, ZWNJ, the Unicode dashes U+2010..U+2015) at s, or 0.
 */
static size_t
fa_nid_separator(const unsigned char *s, size_t len)
{
	if (s[0] == ' ' || s[0] == '\t' || s[0] == '-')
		return 1;
	if (len >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (len >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
	    (s[2] == 0x8C || (s[2] >= 0x90 && s[2] <= 0x95)))
		return 3;
	return 0;
}

enum fa_nid_err
fa_national_id_parse(const char *in, size_t len, char out[11])
{
	const unsigned char	*u = (const unsigned char *)in;
	char			 digits[10];
	size_t			 i = 0, n, count = 0;
	int			 d, sum = 0, r, check, same = 1;

	out[0] = '\0';
	if (in == NULL)
		return FA_NID_EMPTY;
	/*
	 * Scan everything before judging the length, so that a stray letter is
	 * reported as such even in an input that is also too long.
	 */
	while (i < len) {
		if ((n = fa_fold_digit(u + i, len - i, &d)) > 0) {
			if (count < sizeof(digits))
				digits[count] = (char)('0' + d);
			count++;
			i += n;
		} else if ((n = fa_nid_separator(u + i, len - i)) > 0)
			i += n;
		else
			return FA_NID_CHARS;
	}
	if (count == 0)
		return FA_NID_EMPTY;
	if (count != sizeof(digits))
		return FA_NID_LENGTH;

	for (i = 1; i < sizeof(digits); i++)
		if (digits[i] != digits[0])
			same = 0;
	if (same)
		return FA_NID_SAME_DIGITS;

	/* DOMAIN.md: s = sum d[i]*(10-i) over i = 0..8, r = s mod 11. */
	for (i = 0; i < 9; i++)
		sum += (digits[i] - '0') * (int)(10 - i);
	r = sum % 11;
	check = r < 2 ? r : 11 - r;
	if (digits[9] - '0' != check)
		return FA_NID_CHECKSUM;

	memcpy(out, digits, sizeof(digits));
	out[10] = '\0';
	return FA_NID_OK;
}

const char *
fa_national_id_message(enum fa_nid_err e)
{
	if ((int)e < 0 || e >= FA_NID__MAX || nid_messages[e] == NULL)
		return "کد ملی نامعتبر است.";
	return nid_messages[e];
}

void
fa_put_digits(struct buf *b, const char *ascii)
{
	const char	*p, *run;
	char		 pd[2];

	/* Copy runs of non-digits in one append rather than byte by byte. */
	for (run = p = ascii; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			continue;
		buf_append(b, run, (size_t)(p - run));
		pd[0] = (char)FA_DIGIT_LEAD;
		pd[1] = (char)(FA_DIGIT_ZERO + (*p - '0'));
		buf_append(b, pd, sizeof(pd));
		run = p + 1;
	}
	buf_append(b, run, (size_t)(p - run));
}

void
fa_put_int(struct buf *b, long long v)
{
	/* 20 decimal digits hold any unsigned long long, so LLONG_MIN is safe. */
	char			 tmp[24];
	unsigned long long	 m;
	size_t			 i = sizeof(tmp);

	/* Negate in unsigned arithmetic: -LLONG_MIN would overflow. */
	m = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	tmp[--i] = '\0';
	do {
		tmp[--i] = (char)('0' + m % 10);
		m /= 10;
	} while (m != 0);
	if (v < 0)
		tmp[--i] = '-';
	fa_put_digits(b, tmp + i);
}
