/*
 * UTF-8 validation, decoding and cleaning of user text.  Everything that enters
 * GEPS from a browser is checked here before it is stored or compared: the
 * parsers in http.c refuse input that is not well-formed UTF-8, and the form
 * validators pass names, addresses and filenames through utf8_clean_line() or
 * utf8_clean_text(), which remove the invisible characters that let one string
 * look like another or reorder what a reviewer sees on screen.  All functions
 * take a pointer and a length and never read past the length, so the input need
 * not be NUL-terminated.
 */
#ifndef GEPS_UTF8_H
#define GEPS_UTF8_H

#include <stddef.h>
#include <stdint.h>

struct arena;

/*
 * Returns 1 when s[0..len) is well-formed UTF-8 as RFC 3629 defines it (no
 * overlong forms, no surrogates U+D800..U+DFFF, nothing above U+10FFFF, no
 * truncated sequence) and contains no NUL byte; returns 0 otherwise.  An empty
 * string (s may then be NULL) is valid.
 */
int	 utf8_valid(const char *s, size_t len);

/*
 * Decodes the code point at the start of s[0..len) into *cp and returns the
 * number of bytes it occupies (1 to 4).  Returns 0, leaving *cp unchanged, when
 * len is 0 or the bytes are not a well-formed sequence under the rules of
 * utf8_valid().  A NUL byte decodes as U+0000 of length 1: callers that must
 * refuse NUL check for it (utf8_valid() does).
 */
size_t	 utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/*
 * Returns the number of code points in s[0..len), for limits expressed in
 * characters (a Persian letter is two bytes).  Meant for valid input; in
 * malformed input each byte that does not start a well-formed sequence counts
 * as one character, as a browser would show one replacement character for it.
 */
size_t	 utf8_count(const char *s, size_t len);

/*
 * Cleans one line of user text (a name, an address, a filename) and returns a
 * NUL-terminated copy allocated in the arena, its length in *outlen (when
 * outlen is not NULL).  The copy is never longer than len.  Returns NULL, and
 * allocates nothing, when s[0..len) fails utf8_valid().
 *
 * What the cleaning does, and why:
 *  - TAB, CR, LF, NEL (U+0085), LINE and PARAGRAPH SEPARATOR (U+2028, U+2029)
 *    and the Unicode spaces (U+00A0, U+1680, U+2000..U+200A, U+202F, U+205F,
 *    U+3000) become an ASCII space, so that pasted text keeps its word breaks
 *    and two names that look alike also compare alike.
 *  - Runs of spaces collapse to one; leading and trailing spaces go.
 *  - Every other C0 control, DEL and every C1 control is dropped.
 *  - Invisible format characters are dropped: the bidi embeddings, overrides
 *    and isolates (U+202A..U+202E, U+2066..U+2069) that can make a reviewer
 *    read text in an order other than the stored one ("Trojan Source"); the
 *    bidi marks LRM, RLM and ALM (U+200E, U+200F, U+061C), because a short field
 *    does not need them (the page sets the direction) and they would let two
 *    identical-looking names differ; ZERO WIDTH SPACE (U+200B); the rest of
 *    the invisible block U+2060..U+206F (WORD JOINER, the invisible
 *    operators, the reserved but default-ignorable U+2065, the deprecated
 *    format controls); the byte order mark / ZWNBSP (U+FEFF); the
 *    interlinear annotation controls (U+FFF9..U+FFFB); the tag characters
 *    (U+E0000..U+E007F); and the characters that print as nothing and are
 *    used to fake empty or identical names: the Hangul fillers (U+115F,
 *    U+1160, U+3164, U+FFA0) and MONGOLIAN VOWEL SEPARATOR (U+180E).
 *  - ZERO WIDTH NON-JOINER (U+200C) and ZERO WIDTH JOINER (U+200D) are kept:
 *    Persian spelling needs the non-joiner (می‌شود) and the joiner has uses in
 *    Persian and Arabic text too.
 */
char	*utf8_clean_line(struct arena *, const char *s, size_t len,
	    size_t *outlen);

/*
 * Like utf8_clean_line() for multi-line text (a textarea, e.g. an objection or
 * a reviewer's note): line breaks are kept and normalised to LF (CR LF, a lone
 * CR, NEL, U+2028 and U+2029 each become one LF); TAB and the Unicode spaces
 * become a space, but runs of spaces are kept as typed.  Leading and trailing
 * spaces and line breaks of the whole text go.  The same characters are
 * dropped.  Returns NULL when s[0..len) fails utf8_valid().
 */
char	*utf8_clean_text(struct arena *, const char *s, size_t len,
	    size_t *outlen);

#endif
