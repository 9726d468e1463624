/*
 * Unit tests of the password policy: lengths in code points, control characters,
 * the common-password list (folded for case and digit script), the national ID
 * forms, the Persian messages, and the initial one-time secrets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "check_run.h"

#include "arena.h"
#include "conf.h"
#include "password.h"

#define NID	"0084575948"

/* make check sets GEPS_SRCDIR; run by hand from the top of the tree otherwise. */
static void
load_list(void)
{
	const char	*src = getenv("GEPS_SRCDIR");
	char		 path[4096], err[512];

	snprintf(path, sizeof(path), "%s/conf/common-passwords.txt",
	    src != NULL ? src : ".");
	err[0] = '\0';
	ck_assert_msg(password_list_load(path, err, sizeof(err)) == 0, "%s", err);
}

static enum pw_err
check(const char *pw, const char *nid)
{
	return password_check(pw, strlen(pw), nid);
}

/* n copies of the UTF-8 character c, in the arena. */
static char *
repeat(struct arena *a, const char *c, size_t n)
{
	size_t	 l = strlen(c), i;
	char	*s = arena_alloc(a, l * n + 1);

	for (i = 0; i < n; i++)
		memcpy(s + i * l, c, l);
	s[l * n] = '\0';
	return s;
}

static char *
write_temp(const char *text)
{
	static char	 path[64];
	int		 fd;

	snprintf(path, sizeof(path), "/tmp/geps-pwlist-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

/* Runs first, in its own process (Check forks), before any list is loaded. */
START_TEST(list_load_errors_name_the_file_and_line)
{
	char	 err[256], *p;

	ck_assert_int_eq(password_list_load("/nonexistent/list.txt", err,
	    sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent/list.txt"));
	ck_assert_int_eq(password_list_load("/tmp", err, sizeof(err)), -1);

	p = write_temp("# only a comment\n\n");
	ck_assert_int_eq(password_list_load(p, err, sizeof(err)), -1);
	unlink(p);

	p = write_temp("password\nok\n\xff\xfe\n");
	ck_assert_int_eq(password_list_load(p, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, ":3:"));
	unlink(p);

	/* A failed load leaves nothing behind: the real list still loads. */
	load_list();
	ck_assert_int_eq(check("password", NULL), PW_COMMON);
}
END_TEST

START_TEST(a_loaded_list_is_kept_and_not_reloaded)
{
	char	 err[64];

	load_list();
	ck_assert_int_eq(password_list_load("/nonexistent", err, sizeof(err)), 0);
	ck_assert_int_eq(check("password", NULL), PW_COMMON);
}
END_TEST

START_TEST(length_counts_code_points_from_8_to_128)
{
	struct arena	*a = arena_new(4096);

	load_list();
	/* Persian letters are two bytes but one character each. */
	ck_assert_int_eq(check(repeat(a, "ژ", 7), NULL), PW_TOO_SHORT);
	ck_assert_int_eq(check(repeat(a, "ژ", 8), NULL), PW_OK);
	ck_assert_int_eq(check(repeat(a, "ژ", 128), NULL), PW_OK);
	ck_assert_int_eq(check(repeat(a, "ژ", 129), NULL), PW_TOO_LONG);
	/* Four-byte characters: 128 of them are 512 bytes and still fine. */
	ck_assert_int_eq(check(repeat(a, "\xF0\x9F\x94\x91", 128), NULL), PW_OK);
	ck_assert_int_eq(check(repeat(a, "\xF0\x9F\x94\x91", 129), NULL), PW_TOO_LONG);
	ck_assert_int_eq(check("Zq8#vLp", NULL), PW_TOO_SHORT);
	ck_assert_int_eq(check("Zq8#vLp2", NULL), PW_OK);
	ck_assert_int_eq(check(repeat(a, "x7", 64), NULL), PW_OK);
	ck_assert_int_eq(check(repeat(a, "x", 129), NULL), PW_TOO_LONG);
	ck_assert_int_eq(check(repeat(a, "x", 100000), NULL), PW_TOO_LONG);
	ck_assert_int_eq(check("", NULL), PW_TOO_SHORT);
	ck_assert_int_eq(password_check(NULL, 0, NULL), PW_TOO_SHORT);
	arena_free(a);
}
END_TEST

START_TEST(spaces_and_any_script_are_allowed_without_composition_rules)
{
	load_list();
	ck_assert_int_eq(check("correct horse battery staple", NULL), PW_OK);
	ck_assert_int_eq(check("کوه‌های البرز در زمستان سپیدند", NULL), PW_OK);
	ck_assert_int_eq(check("alllowercaseletters", NULL), PW_OK);
}
END_TEST

START_TEST(invalid_utf8_and_control_characters_are_refused)
{
	load_list();
	ck_assert_int_eq(check("abc\x01" "defghij", NULL), PW_INVALID);
	ck_assert_int_eq(check("abcdefghij\x7f", NULL), PW_INVALID);
	ck_assert_int_eq(check("abcdefgh\tij", NULL), PW_INVALID);
	ck_assert_int_eq(check("abcdefgh\nij", NULL), PW_INVALID);
	ck_assert_int_eq(check("abcdefgh\xC2\x85ij", NULL), PW_INVALID);
	ck_assert_int_eq(check("abcdefgh\xff", NULL), PW_INVALID);
	ck_assert_int_eq(check("abcdefgh\xC0\xAF", NULL), PW_INVALID);
	ck_assert_int_eq(check("abcdefgh\xD8", NULL), PW_INVALID);
	ck_assert_int_eq(password_check("abcd\0efghij", 11, NULL), PW_INVALID);
	ck_assert_int_eq(password_check(NULL, 8, NULL), PW_INVALID);
}
END_TEST

START_TEST(common_passwords_are_refused_in_any_case_and_digit_script)
{
	load_list();
	ck_assert_int_eq(check("password", NULL), PW_COMMON);
	ck_assert_int_eq(check("PassWord", NULL), PW_COMMON);
	ck_assert_int_eq(check("PASSWORD", NULL), PW_COMMON);
	ck_assert_int_eq(check("12345678", NULL), PW_COMMON);
	ck_assert_int_eq(check("۱۲۳۴۵۶۷۸", NULL), PW_COMMON);
	ck_assert_int_eq(check("١٢٣٤٥٦٧٨", NULL), PW_COMMON);
	ck_assert_int_eq(check("qwertyuiop", NULL), PW_COMMON);
	ck_assert_int_eq(check("1qaz2wsx", NULL), PW_COMMON);
	ck_assert_int_eq(check("iran1234", NULL), PW_COMMON);
	ck_assert_int_eq(check("Iran۱۲۳۴", NULL), PW_COMMON);
	ck_assert_int_eq(check("ضصثقفغعهخحجچ", NULL), PW_COMMON);
	ck_assert_int_eq(check("password1", NULL), PW_COMMON);
	ck_assert_int_eq(check("password1x!Q", NULL), PW_OK);
}
END_TEST

START_TEST(national_id_forms_are_refused)
{
	load_list();
	ck_assert_int_eq(check(NID, NID), PW_NATIONAL_ID);
	ck_assert_int_eq(check("۰۰۸۴۵۷۵۹۴۸", NID), PW_NATIONAL_ID);
	ck_assert_int_eq(check(NID "@Cra", NID), PW_NATIONAL_ID);
	ck_assert_int_eq(check(NID "@cra", NID), PW_NATIONAL_ID);
	ck_assert_int_eq(check(NID "@CRA", NID), PW_NATIONAL_ID);
	ck_assert_int_eq(check("۰۰۸۴۵۷۵۹۴۸@Cra", NID), PW_NATIONAL_ID);
	ck_assert_int_eq(check("@Cra" NID, NID), PW_NATIONAL_ID);
	ck_assert_int_eq(check("8495754800", NID), PW_NATIONAL_ID);
	/* Without the holder's ID these are ordinary (if weak) strings. */
	ck_assert_int_eq(check(NID "@Cra", NULL), PW_OK);
	ck_assert_int_eq(check(NID "@Cra", "1234"), PW_OK);
	/* Someone else's ID is not refused by this rule. */
	ck_assert_int_eq(check(NID "@Cra", "0499370899"), PW_OK);
}
END_TEST

START_TEST(messages_are_persian_and_never_null)
{
	int	 e;

	for (e = 0; e < PW__MAX; e++) {
		ck_assert_ptr_nonnull(password_message((enum pw_err)e));
		ck_assert_uint_gt(strlen(password_message((enum pw_err)e)), 0);
	}
	ck_assert_ptr_nonnull(strstr(password_message(PW_TOO_SHORT), "۸"));
	ck_assert_ptr_nonnull(password_message(PW__MAX));
	ck_assert_ptr_nonnull(password_message((enum pw_err)-1));
}
END_TEST

START_TEST(initial_secret_follows_the_setting)
{
	struct arena	*a = arena_new(4096);
	struct conf	 c;
	char		*s, *t;

	memset(&c, 0, sizeof(c));
	c.initial_password = (char *)"random";
	ck_assert_int_eq(password_initial(&c, NID, a, &s), 0);
	ck_assert_uint_eq(strlen(s), 10);
	ck_assert_uint_eq(strspn(s,
	    "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"), 10);
	ck_assert_ptr_null(strpbrk(s, "0O1lIo"));
	ck_assert_int_eq(password_initial(&c, NULL, a, &t), 0);
	ck_assert_str_ne(s, t);

	c.initial_password = (char *)"national_id";
	ck_assert_int_eq(password_initial(&c, NID, a, &s), 0);
	ck_assert_str_eq(s, NID);
	ck_assert_int_eq(password_initial(&c, "12345", a, &s), -1);
	ck_assert_ptr_null(s);

	c.initial_password = (char *)"cra_suffix";
	ck_assert_int_eq(password_initial(&c, NID, a, &s), 0);
	ck_assert_str_eq(s, NID "@Cra");
	ck_assert_int_eq(password_initial(&c, NULL, a, &s), -1);

	c.initial_password = (char *)"bogus";
	ck_assert_int_eq(password_initial(&c, NID, a, &s), -1);
	ck_assert_ptr_null(s);
	c.initial_password = NULL;
	ck_assert_int_eq(password_initial(&c, NID, a, &s), -1);
	arena_free(a);
}
END_TEST

START_TEST(random_initial_secrets_use_the_whole_alphabet)
{
	struct arena	*a = arena_new(4096);
	struct conf	 c;
	char		*s;
	int		 seen[256] = { 0 }, i, kinds = 0;

	memset(&c, 0, sizeof(c));
	c.initial_password = (char *)"random";
	for (i = 0; i < 200; i++) {
		ck_assert_int_eq(password_initial(&c, NID, a, &s), 0);
		for (; *s != '\0'; s++)
			if (seen[(unsigned char)*s]++ == 0)
				kinds++;
	}
	ck_assert_int_eq(kinds, 56);
	arena_free(a);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("password");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, list_load_errors_name_the_file_and_line);
	tcase_add_test(tc, a_loaded_list_is_kept_and_not_reloaded);
	tcase_add_test(tc, length_counts_code_points_from_8_to_128);
	tcase_add_test(tc, spaces_and_any_script_are_allowed_without_composition_rules);
	tcase_add_test(tc, invalid_utf8_and_control_characters_are_refused);
	tcase_add_test(tc, common_passwords_are_refused_in_any_case_and_digit_script);
	tcase_add_test(tc, national_id_forms_are_refused);
	tcase_add_test(tc, messages_are_persian_and_never_null);
	tcase_add_test(tc, initial_secret_follows_the_setting);
	tcase_add_test(tc, random_initial_secrets_use_the_whole_alphabet);
	suite_add_tcase(s, tc);
	return check_run(s);
}
