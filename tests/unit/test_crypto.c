/*
 * Unit tests of random tokens, the test clock, digests and HMAC, scrypt password
 * hashes and their strict parser, and the host-wide hash gate.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

START_TEST(sha256_of_abc_matches_fips_180)
{
	unsigned char	 d[32];
	char		 hex[65];

	crypto_sha256("abc", 3, d);
	crypto_hex(d, sizeof(d), hex);
	ck_assert_str_eq(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	crypto_sha256("", 0, d);
	crypto_hex(d, sizeof(d), hex);
	ck_assert_str_eq(hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
END_TEST

START_TEST(hmac_sha256_matches_rfc4231_case_2)
{
	static const char	 msg[] = "what do ya want for nothing?";
	unsigned char		 mac[32];
	char			 hex[65];

	crypto_hmac_sha256("Jefe", 4, msg, strlen(msg), mac);
	crypto_hex(mac, sizeof(mac), hex);
	ck_assert_str_eq(hex,
	    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}
END_TEST

/* The MAC context is kept by the process: each call's key must replace the last. */
START_TEST(hmac_sha256_keys_replace_each_other)
{
	static const char	 hi[] = "Hi There";
	static const char	 big[] =
	    "Test Using Larger Than Block-Size Key - Hash Key First";
	unsigned char		 key1[20], key6[131], mac[32];
	char			 hex[65];

	memset(key1, 0x0b, sizeof(key1));
	memset(key6, 0xaa, sizeof(key6));
	/* RFC 4231 case 1, case 6 (a key longer than the block), the empty key, case 1. */
	crypto_hmac_sha256(key1, sizeof(key1), hi, strlen(hi), mac);
	crypto_hex(mac, sizeof(mac), hex);
	ck_assert_str_eq(hex,
	    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	crypto_hmac_sha256(key6, sizeof(key6), big, strlen(big), mac);
	crypto_hex(mac, sizeof(mac), hex);
	ck_assert_str_eq(hex,
	    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
	crypto_hmac_sha256(NULL, 0, NULL, 0, mac);
	crypto_hex(mac, sizeof(mac), hex);
	ck_assert_str_eq(hex,
	    "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
	crypto_hmac_sha256(key1, sizeof(key1), hi, strlen(hi), mac);
	crypto_hex(mac, sizeof(mac), hex);
	ck_assert_str_eq(hex,
	    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}
END_TEST

START_TEST(crypto_equal_compares_all_bytes)
{
	ck_assert_int_eq(crypto_equal("abcdef", "abcdef", 6), 1);
	ck_assert_int_eq(crypto_equal("abcdef", "abcdeg", 6), 0);
	ck_assert_int_eq(crypto_equal("xbcdef", "abcdef", 6), 0);
	ck_assert_int_eq(crypto_equal("abc", "xyz", 0), 1);
}
END_TEST

START_TEST(crypto_hex_is_lower_case)
{
	static const unsigned char	 p[] = { 0x00, 0x9f, 0xab, 0xff };
	char				 out[9];

	crypto_hex(p, sizeof(p), out);
	ck_assert_str_eq(out, "009fabff");
}
END_TEST

START_TEST(password_hash_round_trip_at_ln_10)
{
	char	 h[128];

	ck_assert_int_eq(crypto_password_hash("correct horse", 13, 10, h, sizeof(h)), 0);
	ck_assert_int_eq(strncmp(h, "$scrypt$ln=10,r=8,p=1$", 22), 0);
	ck_assert_uint_eq(strlen(h), 22 + 22 + 1 + 43);
	ck_assert_int_eq(crypto_password_verify("correct horse", 13, h), 1);
	ck_assert_int_eq(crypto_password_verify("correct horsE", 13, h), 0);
	ck_assert_int_eq(crypto_password_verify("correct hors", 12, h), 0);
	ck_assert_int_eq(crypto_password_verify("", 0, h), 0);
}
END_TEST

/* 128 MiB of scrypt: fails unless maxmem is raised above OpenSSL's 32 MiB. */
START_TEST(password_hash_round_trip_at_ln_17)
{
	static const char	 pw[] = "گذرواژهٔ بلند و خوب";
	char			 h[128];

	ck_assert_int_eq(crypto_password_hash(pw, strlen(pw), 17, h, sizeof(h)), 0);
	ck_assert_int_eq(strncmp(h, "$scrypt$ln=17,r=8,p=1$", 22), 0);
	ck_assert_int_eq(crypto_password_verify(pw, strlen(pw), h), 1);
}
END_TEST

START_TEST(password_hashes_are_salted)
{
	char	 a[128], b[128];

	ck_assert_int_eq(crypto_password_hash("same", 4, 10, a, sizeof(a)), 0);
	ck_assert_int_eq(crypto_password_hash("same", 4, 10, b, sizeof(b)), 0);
	ck_assert_str_ne(a, b);
}
END_TEST

START_TEST(password_hash_refuses_bad_parameters_and_small_buffers)
{
	char	 h[128];

	ck_assert_int_eq(crypto_password_hash("x", 1, 9, h, sizeof(h)), -1);
	ck_assert_int_eq(crypto_password_hash("x", 1, 21, h, sizeof(h)), -1);
	ck_assert_int_eq(crypto_password_hash("x", 1, 10, h, 40), -1);
	ck_assert_str_eq(h, "");
}
END_TEST

START_TEST(password_verify_refuses_malformed_hashes)
{
	char	 good[128], bad[256], *huge;
	size_t	 n;

	ck_assert_int_eq(crypto_password_hash("pw", 2, 10, good, sizeof(good)), 0);
	n = strlen(good);
	ck_assert_int_eq(crypto_password_verify("pw", 2, good), 1);

	ck_assert_int_eq(crypto_password_verify("pw", 2, NULL), -1);
	ck_assert_int_eq(crypto_password_verify("pw", 2, ""), -1);
	ck_assert_int_eq(crypto_password_verify("pw", 2, "$scrypt$"), -1);
	ck_assert_int_eq(crypto_password_verify("pw", 2, "$scrypt$ln=10,r=8,p=1$"), -1);

	/* Missing fields. */
	snprintf(bad, sizeof(bad), "$scrypt$ln=10,r=8%s", good + 21);
	ck_assert_int_eq(crypto_password_verify("pw", 2, bad), -1);
	snprintf(bad, sizeof(bad), "%.*s", (int)(n - 44), good);
	ck_assert_int_eq(crypto_password_verify("pw", 2, bad), -1);
	snprintf(bad, sizeof(bad), "%.*s", (int)(n - 1), good);
	ck_assert_int_eq(crypto_password_verify("pw", 2, bad), -1);

	/* Bad base64: a character outside the alphabet, padding, url alphabet. */
	strcpy(bad, good);
	bad[25] = '*';
	ck_assert_int_eq(crypto_password_verify("pw", 2, bad), -1);
	strcpy(bad, good);
	bad[n - 1] = '=';
	ck_assert_int_eq(crypto_password_verify("pw", 2, bad), -1);
	strcpy(bad, good);
	bad[25] = '-';
	ck_assert_int_eq(crypto_password_verify("pw", 2, bad), -1);
	/* Non-zero leftover bits in the last salt character. */
	strcpy(bad, good);
	bad[22 + 21] = bad[22 + 21] == 'B' ? 'C' : 'B';
	ck_assert_int_eq(crypto_password_verify("pw", 2, bad), -1);

	/* Parameters out of bounds or not in canonical form. */
	snprintf(bad, sizeof(bad), "$scrypt$ln=30,r=8,p=1%s", good + 21);
	ck_assert_int_eq(crypto_password_verify("pw", 2, bad), -1);
	snprintf(bad, sizeof(bad), "$scrypt$ln=9,r=8,p=1%s", good + 21);
	ck_assert_int_eq(crypto_password_verify("pw", 2, bad), -1);
	snprintf(bad, sizeof(bad), "$scrypt$ln=10,r=0,p=1%s", good + 21);
	ck_assert_int_eq(crypto_password_verify("pw", 2, bad), -1);
	snprintf(bad, sizeof(bad), "$scrypt$ln=10,r=17,p=1%s", good + 21);
	ck_assert_int_eq(crypto_password_verify("pw", 2, bad), -1);
	snprintf(bad, sizeof(bad), "$scrypt$ln=10,r=8,p=0%s", good + 21);
	ck_assert_int_eq(crypto_password_verify("pw", 2, bad), -1);
	snprintf(bad, sizeof(bad), "$scrypt$ln=010,r=8,p=1%s", good + 21);
	ck_assert_int_eq(crypto_password_verify("pw", 2, bad), -1);
	snprintf(bad, sizeof(bad), "$scrypt$ln=-1,r=8,p=1%s", good + 21);
	ck_assert_int_eq(crypto_password_verify("pw", 2, bad), -1);
	snprintf(bad, sizeof(bad), "$SCRYPT$ln=10,r=8,p=1%s", good + 21);
	ck_assert_int_eq(crypto_password_verify("pw", 2, bad), -1);

	/* Trailing junk. */
	snprintf(bad, sizeof(bad), "%sA", good);
	ck_assert_int_eq(crypto_password_verify("pw", 2, bad), -1);
	snprintf(bad, sizeof(bad), "%s$", good);
	ck_assert_int_eq(crypto_password_verify("pw", 2, bad), -1);
	snprintf(bad, sizeof(bad), "%s\n", good);
	ck_assert_int_eq(crypto_password_verify("pw", 2, bad), -1);

	/* Huge strings, with and without a valid prefix. */
	huge = malloc(1 << 20);
	memset(huge, 'A', (1 << 20) - 1);
	huge[(1 << 20) - 1] = '\0';
	ck_assert_int_eq(crypto_password_verify("pw", 2, huge), -1);
	memcpy(huge, good, n);
	ck_assert_int_eq(crypto_password_verify("pw", 2, huge), -1);
	free(huge);
}
END_TEST

START_TEST(needs_rehash_compares_the_cost)
{
	char	 h[128];

	ck_assert_int_eq(crypto_password_hash("pw", 2, 10, h, sizeof(h)), 0);
	ck_assert_int_eq(crypto_password_needs_rehash(h, 10), 0);
	ck_assert_int_eq(crypto_password_needs_rehash(h, 9), 0);
	ck_assert_int_eq(crypto_password_needs_rehash(h, 17), 1);
	ck_assert_int_eq(crypto_password_needs_rehash("garbage", 10), 1);
	ck_assert_int_eq(crypto_password_needs_rehash(NULL, 10), 1);
}
END_TEST

START_TEST(gate_without_init_always_admits)
{
	ck_assert_int_eq(crypto_gate_enter(0), 0);
	ck_assert_int_eq(crypto_gate_enter(0), 0);
	crypto_gate_leave();
	crypto_gate_leave();
}
END_TEST

START_TEST(gate_with_one_slot_times_out_then_admits_after_leave)
{
	ck_assert_int_eq(crypto_gate_init(1), 0);
	ck_assert_int_eq(crypto_gate_enter(100), 0);
	ck_assert_int_eq(crypto_gate_enter(100), -1);
	crypto_gate_leave();
	ck_assert_int_eq(crypto_gate_enter(100), 0);
	crypto_gate_leave();
	/* A stray leave does not create a second slot. */
	crypto_gate_leave();
	ck_assert_int_eq(crypto_gate_enter(0), 0);
	ck_assert_int_eq(crypto_gate_enter(0), -1);
	crypto_gate_leave();
	crypto_gate_destroy();
	/* Destroyed: back to admitting everything. */
	ck_assert_int_eq(crypto_gate_enter(0), 0);
	ck_assert_int_eq(crypto_gate_init(0), -1);
}
END_TEST

START_TEST(gate_slot_comes_back_when_holder_is_killed)
{
	int	 fds[2];
	pid_t	 pid;
	char	 c = 0;
	int	 status;

	ck_assert_int_eq(crypto_gate_init(1), 0);
	ck_assert_int_eq(pipe(fds), 0);
	if ((pid = fork()) == 0) {
		close(fds[0]);
		c = crypto_gate_enter(1000) == 0 ? 'y' : 'n';
		if (write(fds[1], &c, 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	ck_assert_int_gt(pid, 0);
	close(fds[1]);
	ck_assert_int_eq(read(fds[0], &c, 1), 1);
	ck_assert_int_eq(c, 'y');
	ck_assert_int_eq(crypto_gate_enter(100), -1);
	ck_assert_int_eq(kill(pid, SIGKILL), 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSIGNALED(status));
	ck_assert_int_eq(crypto_gate_enter(1000), 0);
	crypto_gate_leave();
	close(fds[0]);
	crypto_gate_destroy();
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
	tcase_add_test(tc, sha256_of_abc_matches_fips_180);
	tcase_add_test(tc, hmac_sha256_matches_rfc4231_case_2);
	tcase_add_test(tc, hmac_sha256_keys_replace_each_other);
	tcase_add_test(tc, crypto_equal_compares_all_bytes);
	tcase_add_test(tc, crypto_hex_is_lower_case);
	tcase_add_test(tc, password_hash_round_trip_at_ln_10);
	tcase_add_test(tc, password_hash_round_trip_at_ln_17);
	tcase_add_test(tc, password_hashes_are_salted);
	tcase_add_test(tc, password_hash_refuses_bad_parameters_and_small_buffers);
	tcase_add_test(tc, password_verify_refuses_malformed_hashes);
	tcase_add_test(tc, needs_rehash_compares_the_cost);
	tcase_add_test(tc, gate_without_init_always_admits);
	tcase_add_test(tc, gate_with_one_slot_times_out_then_admits_after_leave);
	tcase_add_test(tc, gate_slot_comes_back_when_holder_is_killed);
	/* scrypt at ln=17 takes about half a second twice; more under sanitizers. */
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return check_run(s);
}
