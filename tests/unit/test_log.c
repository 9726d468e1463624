/*
 * Unit tests of the structured logger: one line per event with the common keys,
 * levels filtered, values from outside escaped so they cannot forge keys or lines.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "check_run.h"

#include "log.h"

/* Runs fn with standard error redirected into buf. */
static void
capture(void (*fn)(void), char *buf, size_t bufsz)
{
	int	 p[2], saved;
	ssize_t	 n;

	ck_assert_int_eq(pipe(p), 0);
	saved = dup(STDERR_FILENO);
	dup2(p[1], STDERR_FILENO);
	fn();
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(p[1]);
	n = read(p[0], buf, bufsz - 1);
	close(p[0]);
	buf[n < 0 ? 0 : n] = '\0';
}

static void
emit_two(void)
{
	log_init("worker", LOG_INFO);
	log_debug("hidden", "x=%d", 1);
	log_info("request", "path=%s status=%d", "/", 200);
	log_err("boom", "code=%d", 7);
}

START_TEST(log_writes_one_line_per_event_with_common_keys)
{
	char	 out[4096], *nl;

	capture(emit_two, out, sizeof(out));
	ck_assert_ptr_null(strstr(out, "hidden"));
	nl = strchr(out, '\n');
	ck_assert_ptr_nonnull(nl);
	ck_assert_ptr_nonnull(strstr(out, "level=info role=worker pid="));
	ck_assert_ptr_nonnull(strstr(out, "event=request path=/ status=200\n"));
	ck_assert_ptr_nonnull(strstr(nl + 1, "level=error"));
	ck_assert_int_eq(strncmp(out, "ts=", 3), 0);
}
END_TEST

static void
emit_long(void)
{
	char	 big[5000];

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	log_init("t", LOG_DEBUG);
	log_info("long", "v=%s", big);
}

START_TEST(log_cuts_a_long_line_but_keeps_it_one_line)
{
	char	 out[8192];

	capture(emit_long, out, sizeof(out));
	ck_assert_uint_le(strlen(out), 2048);
	ck_assert_ptr_eq(strchr(out, '\n'), out + strlen(out) - 1);
}
END_TEST

START_TEST(log_esc_neutralises_spaces_quotes_and_newlines)
{
	char	 out[32];

	ck_assert_str_eq(log_esc(out, sizeof(out), "/a b\n\"c=d\\"), "/a?b??c?d?");
	ck_assert_str_eq(log_esc(out, sizeof(out), ""), "-");
	ck_assert_str_eq(log_esc(out, sizeof(out), NULL), "-");
	log_esc(out, 8, "abcdefghijkl");
	ck_assert_uint_eq(strlen(out), 7);
	ck_assert_str_eq(out + 4, "...");
}
END_TEST

START_TEST(log_level_parse_knows_the_four_levels)
{
	enum log_level	 l;

	ck_assert_int_eq(log_level_parse("warn", &l), 0);
	ck_assert_int_eq(l, LOG_WARN);
	ck_assert_int_eq(log_level_parse("verbose", &l), -1);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("log");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, log_writes_one_line_per_event_with_common_keys);
	tcase_add_test(tc, log_cuts_a_long_line_but_keeps_it_one_line);
	tcase_add_test(tc, log_esc_neutralises_spaces_quotes_and_newlines);
	tcase_add_test(tc, log_level_parse_knows_the_four_levels);
	suite_add_tcase(s, tc);
	return check_run(s);
}
