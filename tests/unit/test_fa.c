/*
 * Unit tests for lib/fa: digit folding, Persian normalization (including input
 * that ends in the middle of a character, in buffers of exactly that length so
 * that AddressSanitizer sees any over-read), national ID validation as people
 * type it, and writing numbers with Persian digits.
 */
#include <check.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "fa.h"

/* Validates a NUL-free literal. */
static enum fa_nid_err
nid(const char *s)
{
	char	 out[11];

	return fa_national_id_parse(s, strlen(s), out);
}

/* The check digit DOMAIN.md defines for nine leading digits. */
static int
check_digit(const char *nine)
{
	int	 i, s = 0, r;

	for (i = 0; i < 9; i++)
		s += (nine[i] - '0') * (10 - i);
	r = s % 11;
	return r < 2 ? r : 11 - r;
}

START_TEST(fold_digit_reads_three_scripts)
{
	int	 d = -1;

	ck_assert_uint_eq(fa_fold_digit((const unsigned char *)"7", 1, &d), 1);
	ck_assert_int_eq(d, 7);
	ck_assert_uint_eq(fa_fold_digit((const unsigned char *)"۷", 2, &d), 2);
	ck_assert_int_eq(d, 7);
	ck_assert_uint_eq(fa_fold_digit((const unsigned char *)"٧", 2, &d), 2);
	ck_assert_int_eq(d, 7);
	ck_assert_uint_eq(fa_fold_digit((const unsigned char *)"۰", 2, &d), 2);
	ck_assert_int_eq(d, 0);
	ck_assert_uint_eq(fa_fold_digit((const unsigned char *)"٩", 2, &d), 2);
	ck_assert_int_eq(d, 9);
}
END_TEST

START_TEST(fold_digit_refuses_everything_else)
{
	int	 d = -1;

	ck_assert_uint_eq(fa_fold_digit((const unsigned char *)"a", 1, &d), 0);
	ck_assert_uint_eq(fa_fold_digit((const unsigned char *)"", 0, &d), 0);
	/* A Persian digit cut short by len. */
	ck_assert_uint_eq(fa_fold_digit((const unsigned char *)"۷", 1, &d), 0);
	/* U+06FA and U+066A sit right after the digits. */
	ck_assert_uint_eq(fa_fold_digit((const unsigned char *)"ۺ", 2, &d), 0);
	ck_assert_uint_eq(fa_fold_digit((const unsigned char *)"٪", 2, &d), 0);
	/* Overlong '7'. */
	ck_assert_uint_eq(fa_fold_digit((const unsigned char *)"\xC0\xB7", 2,
	    &d), 0);
	ck_assert_int_eq(d, -1);
}
END_TEST

START_TEST(normalize_folds_arabic_letters_to_persian)
{
	struct arena	*a = arena_new(1024);
	size_t		 n;
	char		*s;

	/* ي (U+064A), ى (U+0649) -> ی; ك (U+0643) -> ک. */
	s = fa_normalize(a, "علي", strlen("علي"), &n);
	ck_assert_str_eq(s, "علی");
	ck_assert_uint_eq(n, strlen("علی"));
	s = fa_normalize(a, "موسى", strlen("موسى"), NULL);
	ck_assert_str_eq(s, "موسی");
	s = fa_normalize(a, "كرمان", strlen("كرمان"), NULL);
	ck_assert_str_eq(s, "کرمان");
	/* Already-Persian letters are left alone. */
	s = fa_normalize(a, "یک کتاب", strlen("یک کتاب"), NULL);
	ck_assert_str_eq(s, "یک کتاب");
	arena_free(a);
}
END_TEST

START_TEST(normalize_folds_digits_and_keeps_zwnj)
{
	struct arena	*a = arena_new(1024);
	size_t		 n;
	char		*s;

	s = fa_normalize(a, "شعبه ۱۲ و ٣٤", strlen("شعبه ۱۲ و ٣٤"), &n);
	ck_assert_str_eq(s, "شعبه 12 و 34");
	ck_assert_uint_eq(n, strlen("شعبه 12 و 34"));
	/* "می‌شود" has a ZWNJ (U+200C) that must survive. */
	s = fa_normalize(a, "می\xE2\x80\x8Cشود", strlen("می\xE2\x80\x8Cشود"),
	    NULL);
	ck_assert_str_eq(s, "می\xE2\x80\x8Cشود");
	s = fa_normalize(a, "", 0, &n);
	ck_assert_str_eq(s, "");
	ck_assert_uint_eq(n, 0);
	/* Embedded NULs are data, copied and counted. */
	s = fa_normalize(a, "a\0b", 3, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert(memcmp(s, "a\0b", 4) == 0);
	arena_free(a);
}
END_TEST

START_TEST(normalize_never_reads_past_len)
{
	/*
	 * Inputs ending in the first byte of a two-byte character we would
	 * fold, each copied to a malloc'd buffer of exactly its length.
	 */
	static const char *const tails[] = {
		"abc\xD9", "abc\xDB", "abc\xDA", "\xD9", "\xE2\x80", "\xF0\x9F",
		"\xC2",
	};
	struct arena	*a = arena_new(1024);
	size_t		 i, len, n;
	char		*p, *s;

	for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		len = strlen(tails[i]);
		p = malloc(len);
		ck_assert_ptr_nonnull(p);
		memcpy(p, tails[i], len);
		s = fa_normalize(a, p, len, &n);
		/* Nothing to fold: copied unchanged. */
		ck_assert_uint_eq(n, len);
		ck_assert(memcmp(s, tails[i], len) == 0);
		free(p);
	}
	arena_free(a);
}
END_TEST

START_TEST(national_id_example_is_valid)
{
	char	 out[11];

	ck_assert_int_eq(fa_national_id_parse("0183382390", 10, out),
	    FA_NID_OK);
	ck_assert_str_eq(out, "0183382390");
}
END_TEST

START_TEST(national_id_accepts_persian_digits_spaces_and_dashes)
{
	const char	*in = "۰۱۸-۳۳۸ ٢٣٩\xE2\x80\x91" "0";
	char		 out[11];

	ck_assert_int_eq(fa_national_id_parse(in, strlen(in), out), FA_NID_OK);
	ck_assert_str_eq(out, "0183382390");
	ck_assert_int_eq(nid("۰۱۸۳۳۸۲۳۹۰"), FA_NID_OK);
	ck_assert_int_eq(nid("٠١٨٣٣٨٢٣٩٠"), FA_NID_OK);
	ck_assert_int_eq(nid(" 018-338239-0\t"), FA_NID_OK);
	/* No-break space, ZWNJ, en dash and horizontal bar. */
	ck_assert_int_eq(nid("018\xC2\xA0" "338\xE2\x80\x8C" "23\xE2\x80\x93"
	    "9\xE2\x80\x95" "0"), FA_NID_OK);
}
END_TEST

START_TEST(national_id_wrong_check_digit_is_invalid)
{
	char	 out[11] = "garbage";

	ck_assert_int_eq(fa_national_id_parse("0183382391", 10, out),
	    FA_NID_CHECKSUM);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(national_id_same_digit_codes_are_invalid)
{
	char	 s[11];
	int	 d;

	for (d = 0; d <= 9; d++) {
		memset(s, '0' + d, 10);
		s[10] = '\0';
		ck_assert_int_eq(nid(s), FA_NID_SAME_DIGITS);
	}
	/* Same digits in Persian script are caught after folding. */
	ck_assert_int_eq(nid("۱۱۱۱۱۱۱۱۱۱"), FA_NID_SAME_DIGITS);
}
END_TEST

START_TEST(national_id_needs_exactly_ten_digits)
{
	ck_assert_int_eq(nid("018338239"), FA_NID_LENGTH);
	ck_assert_int_eq(nid("01833823900"), FA_NID_LENGTH);
	ck_assert_int_eq(nid("1"), FA_NID_LENGTH);
	ck_assert_int_eq(nid(""), FA_NID_EMPTY);
	ck_assert_int_eq(nid(" - "), FA_NID_EMPTY);
}
END_TEST

START_TEST(national_id_refuses_other_characters)
{
	char	 out[11];

	ck_assert_int_eq(nid("01833a2390"), FA_NID_CHARS);
	ck_assert_int_eq(nid("0183382390x"), FA_NID_CHARS);
	ck_assert_int_eq(nid("+183382390"), FA_NID_CHARS);
	ck_assert_int_eq(nid("0183382390\n"), FA_NID_CHARS);
	ck_assert_int_eq(nid("０183382390"), FA_NID_CHARS);	/* fullwidth 0 */
	ck_assert_int_eq(nid("\xC0\xB0" "183382390"), FA_NID_CHARS);
	ck_assert_int_eq(nid("018338239\xDB"), FA_NID_CHARS);
	ck_assert_int_eq(nid("\xE2\x80" "0183382390"), FA_NID_CHARS);
	/* U+2016 is just past the dashes we accept. */
	ck_assert_int_eq(nid("018\xE2\x80\x96" "3382390"), FA_NID_CHARS);
	ck_assert_int_eq(fa_national_id_parse("01833\0" "82390", 11, out),
	    FA_NID_CHARS);
	/* A letter is reported even when the length is also wrong. */
	ck_assert_int_eq(nid("0183382390123a"), FA_NID_CHARS);
}
END_TEST

START_TEST(national_id_with_remainder_below_2_uses_it_as_check_digit)
{
	char	 id[11];
	int	 k, found0 = 0, found1 = 0, s, i, r;

	/* 1000000060 has r = 0; 1000000011 has r = 1 (check digit 1, not 10). */
	ck_assert_int_eq(nid("1000000060"), FA_NID_OK);
	ck_assert_int_eq(nid("1000000011"), FA_NID_OK);
	ck_assert_int_eq(nid("1000000010"), FA_NID_CHECKSUM);
	ck_assert_int_eq(nid("1000000061"), FA_NID_CHECKSUM);
	/* And the first few such codes found by computation. */
	for (k = 100000000; k < 100100000 && (found0 < 5 || found1 < 5); k++) {
		for (i = 8, s = k; i >= 0; i--, s /= 10)
			id[i] = (char)('0' + s % 10);
		for (i = 0, s = 0; i < 9; i++)
			s += (id[i] - '0') * (10 - i);
		r = s % 11;
		if (r >= 2)
			continue;
		id[9] = (char)('0' + check_digit(id));
		id[10] = '\0';
		ck_assert_int_eq(id[9] - '0', r);
		ck_assert_msg(nid(id) == FA_NID_OK, "%s", id);
		if (r == 0)
			found0++;
		else
			found1++;
	}
	ck_assert(found0 >= 5 && found1 >= 5);
}
END_TEST

START_TEST(national_id_every_wrong_check_digit_is_rejected)
{
	char	 id[11] = "0183382390";
	int	 d;

	for (d = 0; d <= 9; d++) {
		id[9] = (char)('0' + d);
		ck_assert_int_eq(nid(id), d == 0 ? FA_NID_OK : FA_NID_CHECKSUM);
	}
}
END_TEST

START_TEST(national_id_messages_are_persian_and_never_null)
{
	int	 e;

	for (e = 0; e < FA_NID__MAX; e++)
		ck_assert_ptr_nonnull(fa_national_id_message(e));
	ck_assert_str_eq(fa_national_id_message(FA_NID_LENGTH),
	    "کد ملی باید دقیقاً ۱۰ رقم باشد.");
	ck_assert_ptr_nonnull(fa_national_id_message(FA_NID__MAX));
	ck_assert_ptr_nonnull(fa_national_id_message((enum fa_nid_err)-1));
}
END_TEST

START_TEST(put_digits_writes_persian_digits)
{
	struct buf	 b;

	buf_init(&b, NULL);
	fa_put_digits(&b, "1405/09/01");
	ck_assert_str_eq(buf_cstr(&b), "۱۴۰۵/۰۹/۰۱");
	buf_clear(&b);
	fa_put_digits(&b, "no digits");
	ck_assert_str_eq(buf_cstr(&b), "no digits");
	buf_clear(&b);
	fa_put_digits(&b, "");
	ck_assert_str_eq(buf_cstr(&b), "");
	buf_free(&b);
}
END_TEST

START_TEST(put_int_writes_persian_digits_including_extremes)
{
	struct arena	*a = arena_new(1024);
	struct buf	 b;

	buf_init(&b, a);
	fa_put_int(&b, 0);
	ck_assert_str_eq(buf_cstr(&b), "۰");
	buf_clear(&b);
	fa_put_int(&b, 1405);
	ck_assert_str_eq(buf_cstr(&b), "۱۴۰۵");
	buf_clear(&b);
	fa_put_int(&b, -42);
	ck_assert_str_eq(buf_cstr(&b), "-۴۲");
	buf_clear(&b);
	fa_put_int(&b, LLONG_MAX);
	ck_assert_str_eq(buf_cstr(&b), "۹۲۲۳۳۷۲۰۳۶۸۵۴۷۷۵۸۰۷");
	buf_clear(&b);
	fa_put_int(&b, LLONG_MIN);
	ck_assert_str_eq(buf_cstr(&b), "-۹۲۲۳۳۷۲۰۳۶۸۵۴۷۷۵۸۰۸");
	/* Appends, does not replace. */
	fa_put_int(&b, 7);
	ck_assert_str_eq(buf_cstr(&b), "-۹۲۲۳۳۷۲۰۳۶۸۵۴۷۷۵۸۰۸۷");
	arena_free(a);
}
END_TEST

static Suite *
fa_suite(void)
{
	Suite	*s = suite_create("fa");
	TCase	*tc;

	tc = tcase_create("text");
	tcase_add_test(tc, fold_digit_reads_three_scripts);
	tcase_add_test(tc, fold_digit_refuses_everything_else);
	tcase_add_test(tc, normalize_folds_arabic_letters_to_persian);
	tcase_add_test(tc, normalize_folds_digits_and_keeps_zwnj);
	tcase_add_test(tc, normalize_never_reads_past_len);
	tcase_add_test(tc, put_digits_writes_persian_digits);
	tcase_add_test(tc, put_int_writes_persian_digits_including_extremes);
	suite_add_tcase(s, tc);

	tc = tcase_create("national_id");
	tcase_add_test(tc, national_id_example_is_valid);
	tcase_add_test(tc, national_id_accepts_persian_digits_spaces_and_dashes);
	tcase_add_test(tc, national_id_wrong_check_digit_is_invalid);
	tcase_add_test(tc, national_id_same_digit_codes_are_invalid);
	tcase_add_test(tc, national_id_needs_exactly_ten_digits);
	tcase_add_test(tc, national_id_refuses_other_characters);
	tcase_add_test(tc,
	    national_id_with_remainder_below_2_uses_it_as_check_digit);
	tcase_add_test(tc, national_id_every_wrong_check_digit_is_rejected);
	tcase_add_test(tc, national_id_messages_are_persian_and_never_null);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(fa_suite());
	int	 failures;

	srunner_run_all(sr, CK_NORMAL);
	failures = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failures ? 1 : 0;
}
