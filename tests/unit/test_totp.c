/*
 * Unit tests of the TOTP second factor: the RFC 6238 SHA-1 vectors, the one-step
 * window, replay refusal, base32 (RFC 4648), the otpauth:// URI and the QR code
 * as an SVG data URI.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <openssl/evp.h>

#include "check_run.h"

#include "arena.h"
#include "totp.h"

/* The RFC 6238 SHA-1 seed. */
static const unsigned char rfc_key[] = "12345678901234567890";
#define RFC_KEYLEN	20

static int
check_at(const char *code, int64_t now, int64_t last, int64_t *step)
{
	return totp_check(rfc_key, RFC_KEYLEN, code, now, last, step);
}

START_TEST(rfc6238_sha1_vectors_are_accepted)
{
	int64_t	 step = 0;

	ck_assert_int_eq(check_at("287082", 59, -1, &step), 1);
	ck_assert_int_eq(step, 1);
	ck_assert_int_eq(check_at("081804", 1111111109, -1, &step), 1);
	ck_assert_int_eq(step, 37037036);
	ck_assert_int_eq(check_at("005924", 1234567890, -1, &step), 1);
	ck_assert_int_eq(step, 41152263);
	ck_assert_int_eq(check_at("279037", 2000000000, -1, &step), 1);
	ck_assert_int_eq(step, 66666666);
	ck_assert_int_eq(check_at("279038", 2000000000, -1, &step), 0);
}
END_TEST

START_TEST(one_step_of_drift_is_accepted_two_are_not)
{
	int64_t	 step = 0;

	/* 081804 is the code of step 37037036 (T = 1111111109). */
	ck_assert_int_eq(check_at("081804", 1111111109 + 30, -1, &step), 1);
	ck_assert_int_eq(step, 37037036);
	ck_assert_int_eq(check_at("081804", 1111111109 - 30, -1, &step), 1);
	ck_assert_int_eq(step, 37037036);
	ck_assert_int_eq(check_at("081804", 1111111109 + 60, -1, &step), 0);
	ck_assert_int_eq(check_at("081804", 1111111109 - 60, -1, &step), 0);
	/* Step boundaries: 37037036 covers 1111111080 .. 1111111109. */
	ck_assert_int_eq(check_at("081804", 1111111080 + 59, -1, &step), 1);
	ck_assert_int_eq(check_at("081804", 1111111080 + 60, -1, &step), 0);
	ck_assert_int_eq(check_at("081804", 1111111080 - 30, -1, &step), 1);
	ck_assert_int_eq(check_at("081804", 1111111080 - 31, -1, &step), 0);
}
END_TEST

START_TEST(a_step_already_used_is_refused)
{
	int64_t	 step = 0;

	ck_assert_int_eq(check_at("081804", 1111111109, 37037035, &step), 1);
	ck_assert_int_eq(step, 37037036);
	/* The same code again, with the step just stored. */
	step = 0;
	ck_assert_int_eq(check_at("081804", 1111111109, 37037036, &step), 0);
	ck_assert_int_eq(step, 0);
	/* An older code after a newer one was accepted. */
	ck_assert_int_eq(check_at("081804", 1111111109 + 30, 37037037, &step), 0);
}
END_TEST

START_TEST(malformed_codes_are_refused)
{
	int64_t	 step = 0;

	ck_assert_int_eq(check_at("28708", 59, -1, &step), 0);
	ck_assert_int_eq(check_at("2870820", 59, -1, &step), 0);
	ck_assert_int_eq(check_at("94287082", 59, -1, &step), 0);
	ck_assert_int_eq(check_at("28708a", 59, -1, &step), 0);
	ck_assert_int_eq(check_at(" 287082", 59, -1, &step), 0);
	ck_assert_int_eq(check_at("", 59, -1, &step), 0);
	ck_assert_int_eq(check_at(NULL, 59, -1, &step), 0);
	ck_assert_int_eq(totp_check(rfc_key, 0, "287082", 59, -1, &step), 0);
	ck_assert_int_eq(check_at("287082", -1, -1, &step), 0);
}
END_TEST

START_TEST(base32_follows_rfc4648_without_padding)
{
	static const struct {
		const char	*in, *out;
	} v[] = {
		{ "", "" }, { "f", "MY" }, { "fo", "MZXQ" }, { "foo", "MZXW6" },
		{ "foob", "MZXW6YQ" }, { "fooba", "MZXW6YTB" },
		{ "foobar", "MZXW6YTBOI" },
	};
	char	 out[64];
	size_t	 i;

	ck_assert_int_eq(totp_base32(rfc_key, RFC_KEYLEN, out, sizeof(out)), 0);
	ck_assert_str_eq(out, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	ck_assert_int_eq(totp_base32(rfc_key, RFC_KEYLEN, out, 33), 0);
	ck_assert_int_eq(totp_base32(rfc_key, RFC_KEYLEN, out, 32), -1);
	ck_assert_str_eq(out, "");
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		ck_assert_int_eq(totp_base32((const unsigned char *)v[i].in,
		    strlen(v[i].in), out, sizeof(out)), 0);
		ck_assert_str_eq(out, v[i].out);
	}
}
END_TEST

START_TEST(new_secrets_are_random)
{
	unsigned char	 a[TOTP_KEY_LEN], b[TOTP_KEY_LEN];

	ck_assert_int_eq(totp_new_secret(a), 0);
	ck_assert_int_eq(totp_new_secret(b), 0);
	ck_assert(memcmp(a, b, sizeof(a)) != 0);
}
END_TEST

START_TEST(uri_percent_encodes_issuer_and_account)
{
	struct arena	*a = arena_new(4096);

	ck_assert_str_eq(totp_uri(a, "GEPS", "0084575948", "GEZDGNBV"),
	    "otpauth://totp/GEPS:0084575948?secret=GEZDGNBV&issuer=GEPS"
	    "&algorithm=SHA1&digits=6&period=30");
	ck_assert_str_eq(totp_uri(a, "GEPS CRA", "a.b@x.ir&c=d?:/#", "AB"),
	    "otpauth://totp/GEPS%20CRA:a.b%40x.ir%26c%3Dd%3F%3A%2F%23?secret=AB"
	    "&issuer=GEPS%20CRA&algorithm=SHA1&digits=6&period=30");
	ck_assert_str_eq(totp_uri(a, "سامانه", "u~_-", "AB"),
	    "otpauth://totp/%D8%B3%D8%A7%D9%85%D8%A7%D9%86%D9%87:u~_-?secret=AB"
	    "&issuer=%D8%B3%D8%A7%D9%85%D8%A7%D9%86%D9%87"
	    "&algorithm=SHA1&digits=6&period=30");
	arena_free(a);
}
END_TEST

START_TEST(qr_data_uri_is_base64_of_an_svg_path)
{
	static const char	 prefix[] = "data:image/svg+xml;base64,";
	struct arena		*a = arena_new(4096);
	const char		*uri, *b64;
	unsigned char		*svg;
	size_t			 n, pad = 0;
	int			 len;
	char			*big;

	uri = totp_qr_data_uri(a, totp_uri(a, "GEPS", "0084575948",
	    "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
	ck_assert_ptr_nonnull(uri);
	ck_assert_int_eq(strncmp(uri, prefix, strlen(prefix)), 0);
	b64 = uri + strlen(prefix);
	n = strlen(b64);
	ck_assert_uint_eq(n % 4, 0);
	/* Nothing that could end an attribute or start markup. */
	ck_assert_uint_eq(strspn(b64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="), n);
	if (n > 0 && b64[n - 1] == '=')
		pad++;
	if (n > 1 && b64[n - 2] == '=')
		pad++;
	svg = malloc(n / 4 * 3 + 1);
	len = EVP_DecodeBlock(svg, (const unsigned char *)b64, (int)n);
	ck_assert_int_gt(len, 0);
	len -= (int)pad;
	svg[len] = '\0';
	ck_assert_int_eq(strncmp((char *)svg, "<svg", 4), 0);
	ck_assert_ptr_nonnull(strstr((char *)svg, "viewBox=\"0 0 "));
	ck_assert_ptr_nonnull(strstr((char *)svg, "<path"));
	ck_assert_ptr_nonnull(strstr((char *)svg, " d=\"M4 4h7v1h-7z"));
	ck_assert_ptr_null(strstr(strstr((char *)svg, "<path") + 1, "<path"));
	ck_assert_str_eq((char *)svg + len - 6, "</svg>");
	free(svg);

	ck_assert_ptr_null(totp_qr_data_uri(a, NULL));
	/* Beyond the capacity of version 40 at level M. */
	big = arena_alloc(a, 4001);
	memset(big, 'x', 4000);
	big[4000] = '\0';
	ck_assert_ptr_null(totp_qr_data_uri(a, big));
	arena_free(a);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("totp");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, rfc6238_sha1_vectors_are_accepted);
	tcase_add_test(tc, one_step_of_drift_is_accepted_two_are_not);
	tcase_add_test(tc, a_step_already_used_is_refused);
	tcase_add_test(tc, malformed_codes_are_refused);
	tcase_add_test(tc, base32_follows_rfc4648_without_padding);
	tcase_add_test(tc, new_secrets_are_random);
	tcase_add_test(tc, uri_percent_encodes_issuer_and_account);
	tcase_add_test(tc, qr_data_uri_is_base64_of_an_svg_path);
	suite_add_tcase(s, tc);
	return check_run(s);
}
