/*
 * UTF-8 validation, decoding and cleaning (see utf8.h for what each function
 * promises).  The decoder is the single place where the RFC 3629 rules live;
 * validation, counting and cleaning are loops over it, so a rule fixed here is
 * fixed everywhere.  Cleaning works in one pass into a buffer of the input's size:
 * every rewrite replaces a character by one that is no longer, so the output
 * cannot outgrow the input.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "utf8.h"
#include "xalloc.h"

size_t
utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t	 c;
	size_t		 n, i;

	if (len == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	/*
	 * 0x80..0xBF are continuation bytes and cannot start a sequence; 0xC0
	 * and 0xC1 could only start overlong encodings of ASCII (C0 AF is the
	 * classic overlong '/'); 0xF5..0xFF would start code points above
	 * U+10FFFF.  None of them is ever valid as a lead byte.
	 */
	if (c < 0xC2)
		return 0;
	if (c < 0xE0) {
		n = 2;
		c &= 0x1F;
	} else if (c < 0xF0) {
		n = 3;
		c &= 0x0F;
	} else if (c < 0xF5) {
		n = 4;
		c &= 0x07;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/*
	 * The lead byte alone does not exclude every overlong form (E0 80 80,
	 * F0 80 80 80), surrogates (ED A0 80) or F4 90 80 80 and above, so the
	 * decoded value is checked against the range its length may encode.
	 */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000))
		return 0;
	if (c >= 0xD800 && c <= 0xDFFF)
		return 0;
	if (c > 0x10FFFF)
		return 0;
	*cp = c;
	return n;
}

int
utf8_valid(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, n;
	uint32_t		 cp;

	for (i = 0; i < len; i += n) {
		/* ASCII is the common case in keys and ids: skip the decoder. */
		if (u[i] != 0 && u[i] < 0x80) {
			n = 1;
			continue;
		}
		if (u[i] == 0)
			return 0;
		if ((n = utf8_decode(u + i, len - i, &cp)) == 0)
			return 0;
	}
	return 1;
}

size_t
utf8_count(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, n, count = 0;
	uint32_t		 cp;

	for (i = 0; i < len; i += n) {
		/* A malformed byte counts as one character and is stepped over. */
		if ((n = utf8_decode(u + i, len - i, &cp)) == 0)
			n = 1;
		count++;
	}
	return count;
}

/* What cleaning does with one code point. */
enum cls {
	CLS_KEEP,
	CLS_DROP,	/* invisible or control: removed */
	CLS_SPACE,	/* becomes an ASCII space */
	CLS_BREAK,	/* a line break: LF in text mode, a space in line mode */
};

struct range {
	uint32_t	 lo, hi;
};

/*
 * Characters removed from names, addresses, filenames and notes; utf8.h says
 * why each is there.  TAB, CR, LF and NEL are in the first two ranges but are
 * classified as spaces or breaks before this table is consulted.
 */
static const struct range dropped[] = {
	{ 0x0000, 0x001F },	/* C0 controls */
	{ 0x007F, 0x009F },	/* DEL and the C1 controls */
	{ 0x061C, 0x061C },	/* ARABIC LETTER MARK */
	{ 0x115F, 0x1160 },	/* HANGUL FILLERs: letters that show nothing */
	{ 0x180E, 0x180E },	/* MONGOLIAN VOWEL SEPARATOR, once a space */
	{ 0x200B, 0x200B },	/* ZERO WIDTH SPACE */
	{ 0x200E, 0x200F },	/* LRM, RLM */
	{ 0x202A, 0x202E },	/* LRE, RLE, PDF, LRO, RLO */
	/*
	 * WORD JOINER and the invisible operators (U+2060..U+2064), the
	 * reserved U+2065, which Unicode already makes default-ignorable so
	 * that it renders invisibly if it is ever assigned, LRI, RLI, FSI,
	 * PDI (U+2066..U+2069) and the deprecated format controls
	 * (U+206A..U+206F): the whole block is invisible.
	 */
	{ 0x2060, 0x206F },
	{ 0x3164, 0x3164 },	/* HANGUL FILLER */
	{ 0xFEFF, 0xFEFF },	/* BOM / ZERO WIDTH NO-BREAK SPACE */
	{ 0xFFA0, 0xFFA0 },	/* HALFWIDTH HANGUL FILLER */
	{ 0xFFF9, 0xFFFB },	/* interlinear annotation controls */
	{ 0xE0000, 0xE007F },	/* tag characters: invisible ASCII look-alikes */
};

/* Unicode spaces (general category Zs other than U+0020) made plain spaces. */
static const struct range spaces[] = {
	{ 0x00A0, 0x00A0 },	/* NO-BREAK SPACE */
	{ 0x1680, 0x1680 },	/* OGHAM SPACE MARK */
	{ 0x2000, 0x200A },	/* EN QUAD .. HAIR SPACE */
	{ 0x202F, 0x202F },	/* NARROW NO-BREAK SPACE */
	{ 0x205F, 0x205F },	/* MEDIUM MATHEMATICAL SPACE */
	{ 0x3000, 0x3000 },	/* IDEOGRAPHIC SPACE */
};

static int
in_ranges(const struct range *r, size_t n, uint32_t cp)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (cp >= r[i].lo && cp <= r[i].hi)
			return 1;
	return 0;
}

static enum cls
classify(uint32_t cp)
{
	if (cp == ' ' || cp == '\t')
		return CLS_SPACE;
	if (cp == '\n' || cp == '\r' || cp == 0x85 ||
	    cp == 0x2028 || cp == 0x2029)
		return CLS_BREAK;
	/* Printable ASCII is by far the most common: decide it at once. */
	if (cp > 0x20 && cp < 0x7F)
		return CLS_KEEP;
	if (in_ranges(spaces, sizeof(spaces) / sizeof(spaces[0]), cp))
		return CLS_SPACE;
	if (in_ranges(dropped, sizeof(dropped) / sizeof(dropped[0]), cp))
		return CLS_DROP;
	return CLS_KEEP;
}

/*
 * The shared cleaner; text selects multi-line mode.  Leading white space is
 * never written (nothing is emitted while the output is empty), runs are
 * collapsed as they are written in line mode, and trailing white space is cut
 * at the end, so one pass suffices and cleaning twice changes nothing.
 */
static char *
clean(struct arena *a, const char *s, size_t len, size_t *outlen, int text)
{
	const unsigned char	*u = (const unsigned char *)s;
	char			*out;
	size_t			 i, n, o, sz;
	uint32_t		 cp;

	if (!utf8_valid(s, len))
		return NULL;
	if (!add_ok(len, 1, &sz))
		xalloc_die();
	out = arena_alloc(a, sz);
	o = 0;
	for (i = 0; i < len; i += n) {
		n = utf8_decode(u + i, len - i, &cp);
		/* utf8_valid() accepted the string, so this cannot be 0. */
		if (n == 0)
			return NULL;
		switch (classify(cp)) {
		case CLS_KEEP:
			memcpy(out + o, s + i, n);
			o += n;
			break;
		case CLS_DROP:
			break;
		case CLS_BREAK:
			/* CR LF is one break, not two. */
			if (cp == '\r' && i + 1 < len && s[i + 1] == '\n')
				n = 2;
			if (text) {
				if (o > 0)
					out[o++] = '\n';
			} else if (o > 0 && out[o - 1] != ' ')
				out[o++] = ' ';
			break;
		case CLS_SPACE:
			if (o > 0 && (text || out[o - 1] != ' '))
				out[o++] = ' ';
			break;
		}
	}
	while (o > 0 && (out[o - 1] == ' ' || (text && out[o - 1] == '\n')))
		o--;
	out[o] = '\0';
	if (outlen != NULL)
		*outlen = o;
	return out;
}

char *
utf8_clean_line(struct arena *a, const char *s, size_t len, size_t *outlen)
{
	return clean(a, s, len, outlen, 0);
}

char *
utf8_clean_text(struct arena *a, const char *s, size_t len, size_t *outlen)
{
	return clean(a, s, len, outlen, 1);
}
