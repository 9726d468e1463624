/*
 * Unit tests of the JSON writer: member syntax, and escaping that keeps the output
 * valid JSON for any input bytes.
 */
#include <string.h>

#include <check.h>

#include "check_run.h"

#include "buf.h"
#include "json.h"

static struct buf	 b;

static void
setup(void)
{
	buf_init(&b, NULL);
}

static void
teardown(void)
{
	buf_free(&b);
}

/* The value of {"v":<s>} as written. */
static const char *
str_of(const char *s, size_t len)
{
	buf_clear(&b);
	json_begin(&b);
	json_strn(&b, "v", s, len);
	json_end(&b);
	return buf_cstr(&b);
}

START_TEST(json_empty_object)
{
	json_begin(&b);
	json_end(&b);
	ck_assert_str_eq(buf_cstr(&b), "{}");
}
END_TEST

START_TEST(json_members_of_every_type_are_comma_separated)
{
	json_begin(&b);
	json_str(&b, "role", "hq");
	json_int(&b, "region", -3);
	json_bool(&b, "on", 1);
	json_bool(&b, "off", 0);
	json_null(&b, "none");
	json_str(&b, "nul", NULL);
	json_int(&b, "big", 9223372036854775807LL);
	json_end(&b);
	ck_assert_str_eq(buf_cstr(&b), "{\"role\":\"hq\",\"region\":-3,\"on\":true,"
	    "\"off\":false,\"none\":null,\"nul\":null,\"big\":9223372036854775807}");
}
END_TEST

START_TEST(json_quotes_and_backslashes_are_escaped)
{
	ck_assert_str_eq(str_of("a\"b\\c/d", 7), "{\"v\":\"a\\\"b\\\\c/d\"}");
}
END_TEST

START_TEST(json_control_characters_become_u00xx)
{
	ck_assert_str_eq(str_of("\n\r\t\x01\x1f", 5),
	    "{\"v\":\"\\u000a\\u000d\\u0009\\u0001\\u001f\"}");
}
END_TEST

START_TEST(json_embedded_nul_is_escaped_not_cut)
{
	ck_assert_str_eq(str_of("a\0b", 3), "{\"v\":\"a\\u0000b\"}");
}
END_TEST

START_TEST(json_persian_utf8_passes_unchanged)
{
	const char	*fa = "علی رضایی ۱۲۳";

	buf_clear(&b);
	json_begin(&b);
	json_str(&b, "نام", fa);
	json_end(&b);
	ck_assert_str_eq(buf_cstr(&b), "{\"نام\":\"علی رضایی ۱۲۳\"}");
}
END_TEST

START_TEST(json_invalid_utf8_is_replaced)
{
	/* A lone continuation byte, a truncated sequence, an overlong '/', a surrogate. */
	ck_assert_str_eq(str_of("a\x80z", 3), "{\"v\":\"a\xef\xbf\xbdz\"}");
	ck_assert_str_eq(str_of("\xd8", 1), "{\"v\":\"\xef\xbf\xbd\"}");
	ck_assert_str_eq(str_of("\xc0\xaf", 2), "{\"v\":\"\xef\xbf\xbd\xef\xbf\xbd\"}");
	ck_assert_str_eq(str_of("\xed\xa0\x80", 3),
	    "{\"v\":\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"}");
	ck_assert_str_eq(str_of("\xff", 1), "{\"v\":\"\xef\xbf\xbd\"}");
}
END_TEST

START_TEST(json_line_separators_are_escaped_for_javascript)
{
	ck_assert_str_eq(str_of("\xe2\x80\xa8\xe2\x80\xa9", 6),
	    "{\"v\":\"\\u2028\\u2029\"}");
}
END_TEST

START_TEST(json_keys_are_escaped_too)
{
	json_begin(&b);
	json_int(&b, "k\"\n", 1);
	json_end(&b);
	ck_assert_str_eq(buf_cstr(&b), "{\"k\\\"\\u000a\":1}");
}
END_TEST

START_TEST(json_objects_can_follow_other_text_in_a_buffer)
{
	buf_puts(&b, "x=");
	json_begin(&b);
	json_int(&b, "a", 1);
	json_int(&b, "b", 2);
	json_end(&b);
	ck_assert_str_eq(buf_cstr(&b), "x={\"a\":1,\"b\":2}");
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("json");
	TCase	*tc = tcase_create("writer");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, json_empty_object);
	tcase_add_test(tc, json_members_of_every_type_are_comma_separated);
	tcase_add_test(tc, json_quotes_and_backslashes_are_escaped);
	tcase_add_test(tc, json_control_characters_become_u00xx);
	tcase_add_test(tc, json_embedded_nul_is_escaped_not_cut);
	tcase_add_test(tc, json_persian_utf8_passes_unchanged);
	tcase_add_test(tc, json_invalid_utf8_is_replaced);
	tcase_add_test(tc, json_line_separators_are_escaped_for_javascript);
	tcase_add_test(tc, json_keys_are_escaped_too);
	tcase_add_test(tc, json_objects_can_follow_other_text_in_a_buffer);
	suite_add_tcase(s, tc);
	return check_run(s);
}
