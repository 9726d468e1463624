/*
 * Unit tests of random tokens and the test clock.
 */
#include <string.h>

#include <check.h>

#include "check_run.h"

#include "arena.h"
#include "clock.h"
#include "crypto.h"

START_TEST(token_has_the_base64url_length_and_alphabet)
{
	struct arena	*a = arena_new(4096);
	char		*t;

	t = crypto_token(a, 32);
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(strlen(t), 43);
	ck_assert_uint_eq(strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), 43);
	ck_assert_uint_eq(strlen(crypto_token(a, 1)), 2);
	ck_assert_uint_eq(strlen(crypto_token(a, 2)), 3);
	ck_assert_uint_eq(strlen(crypto_token(a, 3)), 4);
	ck_assert_ptr_null(crypto_token(a, 0));
	ck_assert_ptr_null(crypto_token(a, 65));
	arena_free(a);
}
END_TEST

START_TEST(tokens_do_not_repeat)
{
	struct arena	*a = arena_new(4096);
	char		*seen[200];
	int		 i, j;

	for (i = 0; i < 200; i++) {
		seen[i] = crypto_token(a, 32);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(seen[i], seen[j]);
	}
	arena_free(a);
}
END_TEST

START_TEST(test_clock_override_works_only_when_enabled)
{
	clock_enable_test(0);
	clock_override(1000);
	ck_assert_int_gt(clock_now(), 1700000000);
	clock_enable_test(1);
	clock_override(1000);
	ck_assert_int_eq(clock_now(), 1000);
	clock_override(0);
	ck_assert_int_gt(clock_now(), 1700000000);
	clock_enable_test(0);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("crypto");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, token_has_the_base64url_length_and_alphabet);
	tcase_add_test(tc, tokens_do_not_repeat);
	tcase_add_test(tc, test_clock_override_works_only_when_enabled);
	suite_add_tcase(s, tc);
	return check_run(s);
}
