/*
 * Unit tests for lib/utf8.c: the RFC 3629 rules of the validator and decoder
 * (overlongs, surrogates, the U+10FFFF ceiling, truncation, NUL), character
 * counting, and what the cleaners keep, drop and rewrite in names and notes.
 * Every input is copied into a heap block of exactly its length, so that
 * AddressSanitizer or valgrind catch a read past the end.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "arena.h"
#include "utf8.h"

static struct arena	*ar;

static void
setup(void)
{
	ar = arena_new(4096);
}

static void
teardown(void)
{
	arena_free(ar);
	ar = NULL;
}

/* A heap copy of exactly len bytes, no terminator. */
static char *
exact(const char *s, size_t len)
{
	char	*p;

	p = malloc(len > 0 ? len : 1);
	ck_assert_ptr_nonnull(p);
	if (len > 0)
		memcpy(p, s, len);
	return p;
}

static int
valid(const char *s, size_t len)
{
	char	*p = exact(s, len);
	int	 r = utf8_valid(p, len);

	free(p);
	return r;
}

#define VALID(lit)	valid((lit), sizeof(lit) - 1)

/* Cleans lit in line (text == 0) or text mode and compares with want. */
static void
check_clean(int text, const char *in, size_t inlen, const char *want)
{
	char	*p = exact(in, inlen);
	char	*out;
	size_t	 outlen = (size_t)-1;

	out = text ? utf8_clean_text(ar, p, inlen, &outlen) :
	    utf8_clean_line(ar, p, inlen, &outlen);
	free(p);
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(outlen, strlen(want));
	ck_assert_mem_eq(out, want, outlen);
	ck_assert_int_eq(out[outlen], '\0');
}

#define LINE(in, want)	check_clean(0, (in), sizeof(in) - 1, (want))
#define TEXT(in, want)	check_clean(1, (in), sizeof(in) - 1, (want))

START_TEST(valid_accepts_ascii_persian_and_empty)
{
	ck_assert_int_eq(VALID(""), 1);
	ck_assert_int_eq(utf8_valid(NULL, 0), 1);
	ck_assert_int_eq(VALID("hello"), 1);
	ck_assert_int_eq(VALID("سلام دنیا"), 1);
	ck_assert_int_eq(VALID("می\xe2\x80\x8cشود"), 1);	/* ZWNJ */
	ck_assert_int_eq(VALID("\xf0\x9f\x98\x80"), 1);	/* U+1F600 */
}
END_TEST

START_TEST(valid_accepts_boundary_code_points)
{
	ck_assert_int_eq(VALID("\x7f"), 1);			/* U+007F */
	ck_assert_int_eq(VALID("\xc2\x80"), 1);		/* U+0080 */
	ck_assert_int_eq(VALID("\xdf\xbf"), 1);		/* U+07FF */
	ck_assert_int_eq(VALID("\xe0\xa0\x80"), 1);		/* U+0800 */
	ck_assert_int_eq(VALID("\xed\x9f\xbf"), 1);		/* U+D7FF */
	ck_assert_int_eq(VALID("\xee\x80\x80"), 1);		/* U+E000 */
	ck_assert_int_eq(VALID("\xef\xbf\xbf"), 1);		/* U+FFFF */
	ck_assert_int_eq(VALID("\xf0\x90\x80\x80"), 1);	/* U+10000 */
	ck_assert_int_eq(VALID("\xf4\x8f\xbf\xbf"), 1);	/* U+10FFFF */
}
END_TEST

START_TEST(valid_refuses_nul)
{
	ck_assert_int_eq(valid("\0", 1), 0);
	ck_assert_int_eq(valid("ab\0cd", 5), 0);
	ck_assert_int_eq(valid("ab\0", 3), 0);
}
END_TEST

START_TEST(valid_refuses_overlong_forms)
{
	ck_assert_int_eq(VALID("\xc0\xaf"), 0);		/* overlong '/' */
	ck_assert_int_eq(VALID("\xc0\x80"), 0);		/* overlong NUL */
	ck_assert_int_eq(VALID("\xc1\xbf"), 0);
	ck_assert_int_eq(VALID("\xe0\x80\xaf"), 0);
	ck_assert_int_eq(VALID("\xe0\x9f\xbf"), 0);		/* U+07FF in 3 */
	ck_assert_int_eq(VALID("\xf0\x80\x80\xaf"), 0);
	ck_assert_int_eq(VALID("\xf0\x8f\xbf\xbf"), 0);	/* U+FFFF in 4 */
}
END_TEST

START_TEST(valid_refuses_surrogates)
{
	ck_assert_int_eq(VALID("\xed\xa0\x80"), 0);		/* U+D800 */
	ck_assert_int_eq(VALID("\xed\xbf\xbf"), 0);		/* U+DFFF */
	ck_assert_int_eq(VALID("\xed\xa0\xbd\xed\xb8\x80"), 0); /* CESU pair */
}
END_TEST

START_TEST(valid_refuses_above_10ffff_and_f5_to_ff)
{
	ck_assert_int_eq(VALID("\xf4\x90\x80\x80"), 0);	/* U+110000 */
	ck_assert_int_eq(VALID("\xf5\x80\x80\x80"), 0);
	ck_assert_int_eq(VALID("\xf7\xbf\xbf\xbf"), 0);
	ck_assert_int_eq(VALID("\xf8\x88\x80\x80\x80"), 0);
	ck_assert_int_eq(VALID("\xfc\x84\x80\x80\x80\x80"), 0);
	ck_assert_int_eq(VALID("\xfe"), 0);
	ck_assert_int_eq(VALID("\xff"), 0);
}
END_TEST

START_TEST(valid_refuses_truncated_and_stray_continuations)
{
	ck_assert_int_eq(VALID("\xd8"), 0);			/* half of 'س' */
	ck_assert_int_eq(VALID("a\xe2\x80"), 0);
	ck_assert_int_eq(VALID("\xf0\x9f\x98"), 0);
	ck_assert_int_eq(VALID("\x80"), 0);
	ck_assert_int_eq(VALID("a\xbf" "b"), 0);
	ck_assert_int_eq(VALID("\xe2\x28\xa1"), 0);		/* bad 2nd byte */
	ck_assert_int_eq(VALID("\xe2\x82\x28"), 0);		/* bad 3rd byte */
}
END_TEST

START_TEST(decode_returns_length_and_code_point)
{
	const unsigned char	 s[] = "A\xd8\xb3\xe2\x80\x8c\xf0\x9f\x98\x80";
	uint32_t		 cp = 0;

	ck_assert_uint_eq(utf8_decode(s, 1, &cp), 1);
	ck_assert_uint_eq(cp, 'A');
	ck_assert_uint_eq(utf8_decode(s + 1, 2, &cp), 2);
	ck_assert_uint_eq(cp, 0x633);
	ck_assert_uint_eq(utf8_decode(s + 3, 3, &cp), 3);
	ck_assert_uint_eq(cp, 0x200C);
	ck_assert_uint_eq(utf8_decode(s + 6, 4, &cp), 4);
	ck_assert_uint_eq(cp, 0x1F600);
}
END_TEST

START_TEST(decode_fails_on_empty_truncated_and_malformed)
{
	const unsigned char	 s[] = "\xf0\x9f\x98\x80";
	const unsigned char	 bad[] = "\xc0\xaf";
	unsigned char		*p;
	uint32_t		 cp = 42;

	ck_assert_uint_eq(utf8_decode(s, 0, &cp), 0);
	/* A heap copy cut after 3 bytes: the 4th must not be read. */
	p = malloc(3);
	ck_assert_ptr_nonnull(p);
	memcpy(p, s, 3);
	ck_assert_uint_eq(utf8_decode(p, 3, &cp), 0);
	free(p);
	ck_assert_uint_eq(utf8_decode(bad, 2, &cp), 0);
	ck_assert_uint_eq(cp, 42);
}
END_TEST

START_TEST(decode_accepts_nul_as_a_code_point)
{
	const unsigned char	 s[1] = { 0 };
	uint32_t		 cp = 42;

	ck_assert_uint_eq(utf8_decode(s, 1, &cp), 1);
	ck_assert_uint_eq(cp, 0);
}
END_TEST

START_TEST(count_counts_code_points_not_bytes)
{
	ck_assert_uint_eq(utf8_count("", 0), 0);
	ck_assert_uint_eq(utf8_count("abc", 3), 3);
	ck_assert_uint_eq(utf8_count("سلام", strlen("سلام")), 4);
	ck_assert_uint_eq(utf8_count("\xf0\x9f\x98\x80x", 5), 2);
}
END_TEST

START_TEST(count_counts_each_malformed_byte_once)
{
	ck_assert_uint_eq(utf8_count("\xc0\xaf", 2), 2);
	ck_assert_uint_eq(utf8_count("a\xe2\x80", 3), 3);
	ck_assert_uint_eq(utf8_count("\xff\xfe", 2), 2);
}
END_TEST

START_TEST(clean_line_refuses_invalid_utf8_and_nul)
{
	size_t	 n = 77;

	ck_assert_ptr_null(utf8_clean_line(ar, "\xc0\xaf", 2, &n));
	ck_assert_ptr_null(utf8_clean_line(ar, "a\0b", 3, &n));
	ck_assert_ptr_null(utf8_clean_text(ar, "\xed\xa0\x80", 3, &n));
	ck_assert_ptr_null(utf8_clean_text(ar, "a\0", 2, &n));
	ck_assert_uint_eq(n, 77);
}
END_TEST

START_TEST(clean_line_keeps_plain_text)
{
	LINE("", "");
	LINE("Ali", "Ali");
	LINE("علی رضایی", "علی رضایی");
	LINE("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");
}
END_TEST

START_TEST(clean_line_trims_and_collapses_spaces)
{
	LINE("  a  b   c  ", "a b c");
	LINE("   ", "");
	LINE("a\tb", "a b");
	LINE("\t\ta \t b\t", "a b");
}
END_TEST

START_TEST(clean_line_turns_line_breaks_into_one_space)
{
	LINE("a\nb", "a b");
	LINE("a\r\nb", "a b");
	LINE("a\rb", "a b");
	LINE("a\xc2\x85" "b", "a b");			/* NEL */
	LINE("a\xe2\x80\xa8" "b\xe2\x80\xa9" "c", "a b c");	/* LS, PS */
	LINE("\n\na\n\n", "a");
}
END_TEST

START_TEST(clean_line_turns_unicode_spaces_into_ascii_space)
{
	LINE("a\xc2\xa0" "b", "a b");			/* NBSP */
	LINE("a\xe2\x80\xaf" "b", "a b");		/* NNBSP */
	LINE("a\xe3\x80\x80" "b", "a b");		/* ideographic */
	LINE("a\xe2\x80\x82\xe2\x80\x83" "b", "a b");	/* EN, EM space */
	LINE("\xc2\xa0" "a\xc2\xa0", "a");
}
END_TEST

START_TEST(clean_line_drops_c0_c1_and_del)
{
	LINE("a\x01" "b\x1b[31mc", "ab[31mc");
	LINE("a\x7f" "b", "ab");
	LINE("a\xc2\x80" "b\xc2\x9f" "c", "abc");
	LINE("\x07\x08", "");
}
END_TEST

START_TEST(clean_line_drops_bidi_embeddings_overrides_and_isolates)
{
	LINE("a\xe2\x80\xaa" "b", "ab");	/* LRE U+202A */
	LINE("a\xe2\x80\xab" "b", "ab");	/* RLE */
	LINE("a\xe2\x80\xac" "b", "ab");	/* PDF */
	LINE("a\xe2\x80\xad" "b", "ab");	/* LRO */
	LINE("a\xe2\x80\xae" "b", "ab");	/* RLO U+202E */
	LINE("a\xe2\x81\xa6" "b", "ab");	/* LRI U+2066 */
	LINE("a\xe2\x81\xa7" "b", "ab");	/* RLI */
	LINE("a\xe2\x81\xa8" "b", "ab");	/* FSI */
	LINE("a\xe2\x81\xa9" "b", "ab");	/* PDI U+2069 */
	/* The classic spoofed file name: "invoice\u202Efdp.exe". */
	LINE("invoice\xe2\x80\xae" "fdp.exe", "invoicefdp.exe");
}
END_TEST

START_TEST(clean_line_drops_bidi_marks_bom_and_invisibles)
{
	LINE("a\xe2\x80\x8e" "b", "ab");	/* LRM */
	LINE("a\xe2\x80\x8f" "b", "ab");	/* RLM */
	LINE("a\xd8\x9c" "b", "ab");		/* ALM U+061C */
	LINE("\xef\xbb\xbf" "abc", "abc");	/* BOM */
	LINE("a\xe2\x80\x8b" "b", "ab");	/* ZWSP */
	LINE("a\xe2\x81\xa0" "b", "ab");	/* WORD JOINER */
	LINE("a\xf3\xa0\x80\x81" "b", "ab");	/* TAG U+E0001 */
}
END_TEST

/* Found by fuzz_urlencoded: U+2065 (reserved, default-ignorable) was kept. */
START_TEST(clean_line_drops_the_whole_invisible_block_2060_to_206f)
{
	uint32_t	 cp;
	char		 in[5] = { 'a', 0, 0, 0, 'b' };

	for (cp = 0x2060; cp <= 0x206f; cp++) {
		in[1] = (char)0xe2;
		in[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		in[3] = (char)(0x80 | (cp & 0x3f));
		check_clean(0, in, sizeof(in), "ab");
		check_clean(1, in, sizeof(in), "ab");
	}
	/* The fuzzer's input: "=\x14" U+2065 "\x14" U+206E as a form value. */
	LINE("=\x14\xe2\x81\xa5\x14\xe2\x81\xae", "=");
}
END_TEST

START_TEST(clean_line_drops_hangul_fillers_and_mongolian_separator)
{
	LINE("\xe1\x85\x9f\xe1\x85\xa0", "");		/* U+115F, U+1160 */
	LINE("a\xe3\x85\xa4" "b", "ab");			/* U+3164 */
	LINE("a\xef\xbe\xa0" "b", "ab");			/* U+FFA0 */
	LINE("a\xe1\xa0\x8e" "b", "ab");			/* U+180E */
}
END_TEST

START_TEST(clean_line_keeps_zwnj_and_zwj)
{
	LINE("می\xe2\x80\x8cشود", "می\xe2\x80\x8cشود");
	LINE("a\xe2\x80\x8d" "b", "a\xe2\x80\x8d" "b");
}
END_TEST

START_TEST(clean_line_collapses_spaces_around_dropped_characters)
{
	LINE("a \xe2\x80\x8f b", "a b");
	LINE(" \xe2\x80\xae a \xe2\x80\xac ", "a");
}
END_TEST

START_TEST(clean_line_allows_null_outlen)
{
	char	*p = exact(" x ", 3);
	char	*out = utf8_clean_line(ar, p, 3, NULL);

	free(p);
	ck_assert_str_eq(out, "x");
}
END_TEST

START_TEST(clean_line_is_idempotent)
{
	const char	 in[] = " a\t\xe2\x80\xae b\r\n\xc2\xa0 c ";
	char		*once, *twice;
	size_t		 n1, n2;

	once = utf8_clean_line(ar, in, sizeof(in) - 1, &n1);
	ck_assert_ptr_nonnull(once);
	twice = utf8_clean_line(ar, once, n1, &n2);
	ck_assert_ptr_nonnull(twice);
	ck_assert_uint_eq(n1, n2);
	ck_assert_mem_eq(once, twice, n1);
}
END_TEST

START_TEST(clean_text_keeps_lf_and_folds_crlf_and_cr)
{
	TEXT("a\nb", "a\nb");
	TEXT("a\r\nb\r\nc", "a\nb\nc");
	TEXT("a\rb", "a\nb");
	TEXT("a\r\r\nb", "a\n\nb");
	TEXT("a\xe2\x80\xa8" "b\xc2\x85" "c", "a\nb\nc");
	TEXT("a\n\n\nb", "a\n\n\nb");
}
END_TEST

START_TEST(clean_text_trims_the_whole_text_only)
{
	TEXT("\r\n  a  \n  b  \r\n\r\n", "a  \n  b");
	TEXT(" \n\t\n ", "");
}
END_TEST

START_TEST(clean_text_turns_each_tab_into_a_space)
{
	TEXT("a\tb", "a b");
	TEXT("a\t\tb", "a  b");
}
END_TEST

START_TEST(clean_text_drops_controls_and_bidi)
{
	TEXT("a\x0b" "b\x0c" "c\x1b" "d", "abcd");
	TEXT("line\xe2\x80\xae" "1\nline\xe2\x81\xa6" "2", "line1\nline2");
}
END_TEST

START_TEST(clean_text_refuses_nul)
{
	size_t	 n;

	ck_assert_ptr_null(utf8_clean_text(ar, "a\nb\0", 4, &n));
}
END_TEST

static Suite *
utf8_suite(void)
{
	Suite	*s = suite_create("utf8");
	TCase	*tc;

	tc = tcase_create("valid");
	tcase_add_test(tc, valid_accepts_ascii_persian_and_empty);
	tcase_add_test(tc, valid_accepts_boundary_code_points);
	tcase_add_test(tc, valid_refuses_nul);
	tcase_add_test(tc, valid_refuses_overlong_forms);
	tcase_add_test(tc, valid_refuses_surrogates);
	tcase_add_test(tc, valid_refuses_above_10ffff_and_f5_to_ff);
	tcase_add_test(tc, valid_refuses_truncated_and_stray_continuations);
	suite_add_tcase(s, tc);

	tc = tcase_create("decode");
	tcase_add_test(tc, decode_returns_length_and_code_point);
	tcase_add_test(tc, decode_fails_on_empty_truncated_and_malformed);
	tcase_add_test(tc, decode_accepts_nul_as_a_code_point);
	tcase_add_test(tc, count_counts_code_points_not_bytes);
	tcase_add_test(tc, count_counts_each_malformed_byte_once);
	suite_add_tcase(s, tc);

	tc = tcase_create("clean");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, clean_line_refuses_invalid_utf8_and_nul);
	tcase_add_test(tc, clean_line_keeps_plain_text);
	tcase_add_test(tc, clean_line_trims_and_collapses_spaces);
	tcase_add_test(tc, clean_line_turns_line_breaks_into_one_space);
	tcase_add_test(tc, clean_line_turns_unicode_spaces_into_ascii_space);
	tcase_add_test(tc, clean_line_drops_c0_c1_and_del);
	tcase_add_test(tc, clean_line_drops_bidi_embeddings_overrides_and_isolates);
	tcase_add_test(tc, clean_line_drops_bidi_marks_bom_and_invisibles);
	tcase_add_test(tc, clean_line_drops_the_whole_invisible_block_2060_to_206f);
	tcase_add_test(tc, clean_line_drops_hangul_fillers_and_mongolian_separator);
	tcase_add_test(tc, clean_line_keeps_zwnj_and_zwj);
	tcase_add_test(tc, clean_line_collapses_spaces_around_dropped_characters);
	tcase_add_test(tc, clean_line_allows_null_outlen);
	tcase_add_test(tc, clean_line_is_idempotent);
	tcase_add_test(tc, clean_text_keeps_lf_and_folds_crlf_and_cr);
	tcase_add_test(tc, clean_text_trims_the_whole_text_only);
	tcase_add_test(tc, clean_text_turns_each_tab_into_a_space);
	tcase_add_test(tc, clean_text_drops_controls_and_bidi);
	tcase_add_test(tc, clean_text_refuses_nul);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(utf8_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
