/*
 * Unit tests of the configuration parser: defaults, strict values, and errors that
 * name the line.
 */
#include <string.h>

#include <check.h>

#include "check_run.h"

#include "conf.h"

static struct conf *
parse(const char *text, char *err, size_t errsz)
{
	err[0] = '\0';
	return conf_parse("t.conf", text, strlen(text), err, errsz);
}

START_TEST(conf_defaults_apply_to_an_empty_file)
{
	char		 err[256];
	struct conf	*c = parse("", err, sizeof(err));

	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->db_name, "geps");
	ck_assert_int_eq(c->listen_mode, 0660);
	ck_assert_int_eq(c->max_body, 65536);
	ck_assert_int_eq(c->test_clock, 0);
	conf_free(c);
}
END_TEST

START_TEST(conf_reads_values_comments_and_spaces)
{
	char		 err[256];
	struct conf	*c = parse("# comment\n\n  workers = 3  \nlisten=127.0.0.1:9000\r\n"
	    "test_clock = on\ndb_password = a b#c\n", err, sizeof(err));

	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->workers, 3);
	ck_assert_str_eq(c->listen, "127.0.0.1:9000");
	ck_assert_int_eq(c->test_clock, 1);
	ck_assert_str_eq(c->db_password, "a b#c");
	conf_free(c);
}
END_TEST

START_TEST(conf_unknown_key_names_the_line)
{
	char	 err[256];

	ck_assert_ptr_null(parse("workers = 2\nwrokers = 3\n", err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "t.conf:2"));
	ck_assert_ptr_nonnull(strstr(err, "wrokers"));
}
END_TEST

START_TEST(conf_refuses_bad_numbers)
{
	char	 err[256];

	ck_assert_ptr_null(parse("workers = -1\n", err, sizeof(err)));
	ck_assert_ptr_null(parse("workers = 3x\n", err, sizeof(err)));
	ck_assert_ptr_null(parse("workers = 100000\n", err, sizeof(err)));
	ck_assert_ptr_null(parse("workers =\n", err, sizeof(err)));
	ck_assert_ptr_null(parse("listen_mode = 0999\n", err, sizeof(err)));
	ck_assert_ptr_null(parse("test_clock = maybe\n", err, sizeof(err)));
}
END_TEST

START_TEST(conf_refuses_duplicates_and_lines_without_equals)
{
	char	 err[256];

	ck_assert_ptr_null(parse("workers = 1\nworkers = 2\n", err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "twice"));
	ck_assert_ptr_null(parse("workers 2\n", err, sizeof(err)));
}
END_TEST

START_TEST(conf_refuses_nul_bytes)
{
	char		 err[256];
	static const char text[] = "workers = 2\0x\n";

	ck_assert_ptr_null(conf_parse("t.conf", text, sizeof(text) - 1, err, sizeof(err)));
}
END_TEST

START_TEST(conf_read_db_is_the_replica_with_the_primary_account_by_default)
{
	char		 err[256];
	struct conf	 rc;
	struct conf	*c = parse("db_socket = /run/p.sock\ndb_user = geps\n"
	    "db_password = pw\n", err, sizeof(err));

	/* No read DSN: the public pages read the primary. */
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(conf_read_db(c, &rc), 0);
	conf_free(c);

	c = parse("db_socket = /run/p.sock\ndb_user = geps\ndb_password = pw\n"
	    "db_read_host = 10.0.0.22\ndb_read_port = 3307\n", err, sizeof(err));
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(conf_read_db(c, &rc), 1);
	ck_assert_str_eq(rc.db_socket, "");
	ck_assert_str_eq(rc.db_host, "10.0.0.22");
	ck_assert_int_eq(rc.db_port, 3307);
	ck_assert_str_eq(rc.db_user, "geps");
	ck_assert_str_eq(rc.db_password, "pw");
	ck_assert_str_eq(rc.db_name, c->db_name);
	/* The primary's settings are untouched. */
	ck_assert_str_eq(c->db_socket, "/run/p.sock");
	conf_free(c);

	c = parse("db_read_socket = /run/r.sock\ndb_read_host = ignored\n"
	    "db_read_user = geps_ro\ndb_read_password =\n", err, sizeof(err));
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(conf_read_db(c, &rc), 1);
	ck_assert_str_eq(rc.db_socket, "/run/r.sock");
	ck_assert_str_eq(rc.db_user, "geps_ro");
	ck_assert_str_eq(rc.db_password, "");
	conf_free(c);
}
END_TEST

START_TEST(conf_load_missing_file_fails_cleanly)
{
	char	 err[256];

	ck_assert_ptr_null(conf_load("/nonexistent/geps.conf", err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent/geps.conf"));
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("conf");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, conf_defaults_apply_to_an_empty_file);
	tcase_add_test(tc, conf_reads_values_comments_and_spaces);
	tcase_add_test(tc, conf_unknown_key_names_the_line);
	tcase_add_test(tc, conf_refuses_bad_numbers);
	tcase_add_test(tc, conf_refuses_duplicates_and_lines_without_equals);
	tcase_add_test(tc, conf_refuses_nul_bytes);
	tcase_add_test(tc, conf_read_db_is_the_replica_with_the_primary_account_by_default);
	tcase_add_test(tc, conf_load_missing_file_fails_cleanly);
	suite_add_tcase(s, tc);
	return check_run(s);
}
