/*
 * Unit tests of the strict CSV reader: quoting, line ends, the BOM, limits, and
 * errors that name the physical line.  Every input is copied into a buffer of
 * exactly its length (no NUL after it), so an over-read shows under ASan.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_run.h"

#include "arena.h"
#include "csv.h"

static const struct csv_limits lim = { 8, 64, 256 };

struct parsed {
	struct csv_record	 r[16];
	size_t			 n;
	enum csv_err		 err;
	size_t			 err_line;
};

/* Reads every record of s[0..len) from an exact-size copy. */
static void
parse_n(struct arena *a, const char *s, size_t len, const struct csv_limits *l,
    struct parsed *p)
{
	struct csv_reader	 rd;
	struct csv_record	 rec;
	char			*copy = malloc(len ? len : 1);

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, s, len);
	memset(p, 0, sizeof(*p));
	csv_init(&rd, copy, len, l);
	for (;;) {
		p->err = csv_next(&rd, a, &rec);
		if (p->err != CSV_OK) {
			p->err_line = csv_error_line(&rd);
			ck_assert_uint_eq(rec.n, 0);
			/* Errors are sticky. */
			ck_assert_int_eq(csv_next(&rd, a, &rec), p->err);
			break;
		}
		if (rec.n == 0)
			break;
		ck_assert_uint_lt(p->n, 16);
		p->r[p->n++] = rec;
	}
	free(copy);
}

static void
parse(struct arena *a, const char *s, struct parsed *p)
{
	parse_n(a, s, strlen(s), &lim, p);
}

#define FIELD(p, rec, i, str) do {						\
	ck_assert_uint_gt((p).r[rec].n, (i));					\
	ck_assert_uint_eq((p).r[rec].v[i].len, strlen(str));			\
	ck_assert_mem_eq((p).r[rec].v[i].s, (str), strlen(str));		\
	ck_assert_int_eq((p).r[rec].v[i].s[strlen(str)], '\0');		\
} while (0)

START_TEST(csv_reads_plain_records_with_lf)
{
	struct arena	*a = arena_new(4096);
	struct parsed	 p;

	parse(a, "a,b,c\n1,2,3\n", &p);
	ck_assert_int_eq(p.err, CSV_OK);
	ck_assert_uint_eq(p.n, 2);
	ck_assert_uint_eq(p.r[0].n, 3);
	FIELD(p, 0, 0, "a");
	FIELD(p, 1, 2, "3");
	ck_assert_uint_eq(p.r[0].line, 1);
	ck_assert_uint_eq(p.r[1].line, 2);
	arena_free(a);
}
END_TEST

START_TEST(csv_accepts_crlf_and_no_final_line_end)
{
	struct arena	*a = arena_new(4096);
	struct parsed	 p;

	parse(a, "a,b\r\nc,d", &p);
	ck_assert_int_eq(p.err, CSV_OK);
	ck_assert_uint_eq(p.n, 2);
	FIELD(p, 0, 1, "b");
	FIELD(p, 1, 0, "c");
	FIELD(p, 1, 1, "d");
	arena_free(a);
}
END_TEST

START_TEST(csv_skips_a_leading_bom_only)
{
	struct arena	*a = arena_new(4096);
	struct parsed	 p;

	parse(a, "\xef\xbb\xbfoffice_code,kind\n", &p);
	ck_assert_int_eq(p.err, CSV_OK);
	FIELD(p, 0, 0, "office_code");
	/* A BOM elsewhere is data (and valid UTF-8). */
	parse(a, "a,\xef\xbb\xbf" "b\n", &p);
	FIELD(p, 0, 1, "\xef\xbb\xbf" "b");
	arena_free(a);
}
END_TEST

START_TEST(csv_quoted_fields_hold_commas_quotes_and_newlines)
{
	struct arena	*a = arena_new(4096);
	struct parsed	 p;

	parse(a, "\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\nnext,1\n", &p);
	ck_assert_int_eq(p.err, CSV_OK);
	ck_assert_uint_eq(p.n, 2);
	FIELD(p, 0, 0, "x, y");
	FIELD(p, 0, 1, "say \"hi\"");
	FIELD(p, 0, 2, "two\nlines");
	FIELD(p, 0, 3, "");
	/* The next record starts on physical line 3. */
	ck_assert_uint_eq(p.r[1].line, 3);
	FIELD(p, 1, 0, "next");
	arena_free(a);
}
END_TEST

START_TEST(csv_empty_fields_and_empty_lines)
{
	struct arena	*a = arena_new(4096);
	struct parsed	 p;

	parse(a, ",a,,\n\n\r\n,\n", &p);
	ck_assert_int_eq(p.err, CSV_OK);
	ck_assert_uint_eq(p.n, 2);
	ck_assert_uint_eq(p.r[0].n, 4);
	FIELD(p, 0, 0, "");
	FIELD(p, 0, 1, "a");
	FIELD(p, 0, 3, "");
	ck_assert_uint_eq(p.r[1].n, 2);
	ck_assert_uint_eq(p.r[1].line, 4);
	parse(a, "", &p);
	ck_assert_int_eq(p.err, CSV_OK);
	ck_assert_uint_eq(p.n, 0);
	arena_free(a);
}
END_TEST

START_TEST(csv_unterminated_quote_names_the_line_it_opened)
{
	struct arena	*a = arena_new(4096);
	struct parsed	 p;

	parse(a, "a,b\nc,d\ne,\"open\nmore\nstill\n", &p);
	ck_assert_int_eq(p.err, CSV_ERR_QUOTE);
	ck_assert_uint_eq(p.err_line, 3);
	ck_assert_uint_eq(p.n, 2);
	ck_assert_str_ne(csv_err_message(p.err), "");
	arena_free(a);
}
END_TEST

START_TEST(csv_junk_after_closing_quote_is_an_error)
{
	struct arena	*a = arena_new(4096);
	struct parsed	 p;

	parse(a, "a\n\"x\"y,z\n", &p);
	ck_assert_int_eq(p.err, CSV_ERR_JUNK);
	ck_assert_uint_eq(p.err_line, 2);
	parse(a, "a\nb\"c\n", &p);
	ck_assert_int_eq(p.err, CSV_ERR_BARE_QUOTE);
	ck_assert_uint_eq(p.err_line, 2);
	parse(a, "a\rb\n", &p);
	ck_assert_int_eq(p.err, CSV_ERR_CR);
	ck_assert_uint_eq(p.err_line, 1);
	arena_free(a);
}
END_TEST

START_TEST(csv_too_many_fields_is_refused)
{
	struct arena	*a = arena_new(4096);
	struct parsed	 p;

	parse(a, "1,2,3,4,5,6,7,8\n", &p);
	ck_assert_int_eq(p.err, CSV_OK);
	ck_assert_uint_eq(p.r[0].n, 8);
	parse(a, "ok\n1,2,3,4,5,6,7,8,9\n", &p);
	ck_assert_int_eq(p.err, CSV_ERR_FIELDS);
	ck_assert_uint_eq(p.err_line, 2);
	arena_free(a);
}
END_TEST

START_TEST(csv_long_fields_and_records_are_refused)
{
	struct arena		*a = arena_new(4096);
	struct parsed		 p;
	char			 s[600];
	struct csv_limits	 l = { 8, 64, 100 };
	struct csv_limits	 wide = { 300, 64, 100 };

	memset(s, 'x', 65);
	parse_n(a, s, 64, &lim, &p);
	ck_assert_int_eq(p.err, CSV_OK);
	parse_n(a, s, 65, &lim, &p);
	ck_assert_int_eq(p.err, CSV_ERR_LENGTH);
	/* Quoted: the limit is on the unquoted length. */
	s[0] = '"';
	memset(s + 1, '"', 128);
	s[129] = '"';
	parse_n(a, s, 130, &lim, &p);
	ck_assert_int_eq(p.err, CSV_OK);
	ck_assert_uint_eq(p.r[0].v[0].len, 64);
	/* A record of short fields over max_record, and an unterminated quote in a big input. */
	memset(s, ',', 200);
	parse_n(a, s, 200, &l, &p);
	ck_assert_int_eq(p.err, CSV_ERR_FIELDS);
	parse_n(a, s, 200, &wide, &p);
	ck_assert_int_eq(p.err, CSV_ERR_LENGTH);
	ck_assert_uint_eq(p.err_line, 1);
	memset(s, 'a', sizeof(s));
	s[0] = '"';
	parse_n(a, s, sizeof(s), &l, &p);
	ck_assert_int_eq(p.err, CSV_ERR_LENGTH);
	arena_free(a);
}
END_TEST

START_TEST(csv_invalid_utf8_and_nul_are_refused)
{
	struct arena	*a = arena_new(4096);
	struct parsed	 p;

	parse(a, "ok\n\"a\nb\xff\"\n", &p);
	ck_assert_int_eq(p.err, CSV_ERR_UTF8);
	ck_assert_uint_eq(p.err_line, 2);
	parse(a, "\xc0\xaf\n", &p);
	ck_assert_int_eq(p.err, CSV_ERR_UTF8);
	parse_n(a, "a\0b\n", 4, &lim, &p);
	ck_assert_int_eq(p.err, CSV_ERR_UTF8);
	/* Persian text is fine. */
	parse(a, "تهران,\"کرج، البرز\"\n", &p);
	ck_assert_int_eq(p.err, CSV_OK);
	FIELD(p, 0, 1, "کرج، البرز");
	arena_free(a);
}
END_TEST

START_TEST(csv_bad_arguments)
{
	struct arena		*a = arena_new(4096);
	struct csv_reader	 rd;
	struct csv_record	 rec;
	struct csv_limits	 zero = { 0, 1, 1 };

	csv_init(&rd, "a", 1, &zero);
	ck_assert_int_eq(csv_next(&rd, a, &rec), CSV_ERR_SYNTAX);
	csv_init(&rd, NULL, 0, &lim);
	ck_assert_int_eq(csv_next(&rd, a, &rec), CSV_OK);
	ck_assert_uint_eq(rec.n, 0);
	ck_assert_int_eq(csv_next(NULL, a, &rec), CSV_ERR_SYNTAX);
	ck_assert_str_eq(csv_err_message((enum csv_err)99), "unknown CSV error");
	arena_free(a);
}
END_TEST

static Suite *
csv_suite(void)
{
	Suite	*s = suite_create("csv");
	TCase	*tc = tcase_create("reader");

	tcase_add_test(tc, csv_reads_plain_records_with_lf);
	tcase_add_test(tc, csv_accepts_crlf_and_no_final_line_end);
	tcase_add_test(tc, csv_skips_a_leading_bom_only);
	tcase_add_test(tc, csv_quoted_fields_hold_commas_quotes_and_newlines);
	tcase_add_test(tc, csv_empty_fields_and_empty_lines);
	tcase_add_test(tc, csv_unterminated_quote_names_the_line_it_opened);
	tcase_add_test(tc, csv_junk_after_closing_quote_is_an_error);
	tcase_add_test(tc, csv_too_many_fields_is_refused);
	tcase_add_test(tc, csv_long_fields_and_records_are_refused);
	tcase_add_test(tc, csv_invalid_utf8_and_nul_are_refused);
	tcase_add_test(tc, csv_bad_arguments);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(csv_suite());
}
