/*
 * Persian text helpers: folding the three digit scripts users type, normalizing
 * the Arabic letters that Arabic keyboards produce to their Persian forms so that
 * searches and comparisons match, validating national IDs (کد ملی), and writing
 * numbers with Persian digits into output buffers.
 */
#ifndef GEPS_FA_H
#define GEPS_FA_H

#include <stddef.h>

struct arena;
struct buf;

/*
 * If the len bytes at s start with an ASCII (0-9), Persian (U+06F0..U+06F9) or
 * Arabic-Indic (U+0660..U+0669) digit, stores its value in *digit and returns its
 * length in bytes (1 or 2); otherwise returns 0 and leaves *digit alone.  Never
 * reads past len.
 */
size_t	 fa_fold_digit(const unsigned char *s, size_t len, int *digit);

/*
 * A NUL-terminated copy of the len bytes at s, allocated from the arena, with
 * Persian and Arabic-Indic digits folded to ASCII, Arabic yeh (U+064A) and alef
 * maksura (U+0649) folded to Persian yeh (U+06CC) and Arabic kaf (U+0643) to
 * keheh (U+06A9); every other byte, ZWNJ included, is copied unchanged.  The
 * result is never longer than the input; its length goes to *outlen unless
 * outlen is NULL.  Meant for valid UTF-8, but never reads past len on any input.
 * Out of memory is fatal.
 */
char	*fa_normalize(struct arena *, const char *s, size_t len, size_t *outlen);

/* Why a national ID was refused; fa_national_id_message() words it for users. */
enum fa_nid_err {
	FA_NID_OK,
	FA_NID_EMPTY,		/* nothing but separators */
	FA_NID_CHARS,		/* a character that is neither a digit nor a separator */
	FA_NID_LENGTH,		/* not exactly 10 digits */
	FA_NID_SAME_DIGITS,	/* one of 0000000000 ... 9999999999 */
	FA_NID_CHECKSUM,	/* the check digit does not match */
	FA_NID__MAX
};

/*
 * Validates a national ID as users type it: digits in any of the three scripts,
 * with ASCII spaces, tabs, '-', U+00A0, ZWNJ and the dashes U+2010..U+2015 ignored
 * wherever they appear.  On FA_NID_OK, out holds the 10 ASCII digits and a NUL;
 * on any error out is "".  Does not read past len.
 */
enum fa_nid_err	 fa_national_id_parse(const char *in, size_t len, char out[11]);
/* A Persian sentence explaining the error, for forms; never NULL. */
const char	*fa_national_id_message(enum fa_nid_err);

/* Appends the NUL-terminated ascii with every ASCII digit written as a Persian one. */
void	 fa_put_digits(struct buf *, const char *ascii);
/* Appends v in Persian digits, with a leading ASCII '-' when negative. */
void	 fa_put_int(struct buf *, long long v);

#endif
