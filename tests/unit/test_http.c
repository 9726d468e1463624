/*
 * Unit tests for lib/http.c: query and form parsing, cookies, header checks,
 * status reasons, number and path validation.  The inputs are the hostile ones
 * the portal will meet (bad escapes, %00, overlong UTF-8, too many or too long
 * fields, cookie junk from other sites, CR/LF in header values), and every
 * limit is tested exactly at and one past its value.  Inputs are copied into
 * heap blocks of exactly their length and freed before the results are read,
 * so a read past the end or a result that points into the input shows up
 * under AddressSanitizer or valgrind.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "arena.h"
#include "http.h"
#include "utf8.h"

static struct arena	*ar;

/* Small limits so that the edges are easy to reach. */
static const struct http_limits	 lim = { 4, 8, 16 };
/* Room for the tests that send many junk pairs next to a good one. */
static const struct http_limits	 wide = { 32, 32, 64 };

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

static enum http_err
form(const char *s, size_t len, const struct http_limits *l,
    struct http_params *out)
{
	char		*p = exact(s, len);
	enum http_err	 e;

	e = http_parse_urlencoded(ar, p, len, l, out);
	free(p);
	return e;
}

static enum http_err
cookies(const char *s, size_t len, const struct http_limits *l,
    struct http_params *out)
{
	char		*p = exact(s, len);
	enum http_err	 e;

	e = http_parse_cookies(ar, p, len, l, out);
	free(p);
	return e;
}

#define FORM(lit, out)		form((lit), sizeof(lit) - 1, &lim, (out))
#define COOKIES(lit, out)	cookies((lit), sizeof(lit) - 1, &lim, (out))
#define COOKIES_WIDE(lit, out)	cookies((lit), sizeof(lit) - 1, &wide, (out))

/* Field i of ps has this key and value (neither holding a NUL). */
static void
expect(const struct http_params *ps, size_t i, const char *key,
    const char *val)
{
	const struct http_param	*p;

	ck_assert_uint_lt(i, ps->n);
	p = &ps->v[i];
	ck_assert_uint_eq(p->keylen, strlen(key));
	ck_assert_uint_eq(p->vallen, strlen(val));
	ck_assert_mem_eq(p->key, key, p->keylen);
	ck_assert_mem_eq(p->val, val, p->vallen);
	ck_assert_int_eq(p->key[p->keylen], '\0');
	ck_assert_int_eq(p->val[p->vallen], '\0');
}

/* Expects the form parse of s to fail with want and to leave out empty. */
static void
expect_form_err(const char *s, size_t len, const struct http_limits *l,
    enum http_err want)
{
	struct http_params	 ps = { (struct http_param *)1, 99 };

	ck_assert_int_eq(form(s, len, l, &ps), want);
	ck_assert_ptr_null(ps.v);
	ck_assert_uint_eq(ps.n, 0);
}

#define FORM_ERR(lit, want)	expect_form_err((lit), sizeof(lit) - 1, &lim, (want))

static int
path_ok(const char *s, size_t len)
{
	char	*p = exact(s, len);
	int	 r = http_path_ok(p, len);

	free(p);
	return r;
}

#define PATH(lit)	path_ok((lit), sizeof(lit) - 1)

static int
value_ok(const char *s, size_t len)
{
	char	*p = exact(s, len);
	int	 r = http_header_value_ok(p, len);

	free(p);
	return r;
}

#define VALUE(lit)	value_ok((lit), sizeof(lit) - 1)

static int
parse_uint(const char *s, size_t len, unsigned long long max,
    unsigned long long *out)
{
	char	*p = exact(s, len);
	int	 r = http_parse_uint(p, len, max, out);

	free(p);
	return r;
}

#define UINT(lit, max, out)	parse_uint((lit), sizeof(lit) - 1, (max), (out))

/* A string of n copies of c, in the arena. */
static char *
repeat(char c, size_t n)
{
	char	*p = arena_alloc(ar, n + 1);

	memset(p, c, n);
	p[n] = '\0';
	return p;
}

/* n copies of the three-byte escape "%41" (decoding to n bytes "A"). */
static char *
repeat_escape(size_t n)
{
	char	*p = arena_alloc(ar, 3 * n + 1);
	size_t	 i;

	for (i = 0; i < n; i++)
		memcpy(p + 3 * i, "%41", 3);
	p[3 * n] = '\0';
	return p;
}

/* --- urlencoded ------------------------------------------------------ */

START_TEST(form_parses_pairs_in_order)
{
	struct http_params	 ps;

	ck_assert_int_eq(FORM("a=1&b=2&c=3", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 3);
	expect(&ps, 0, "a", "1");
	expect(&ps, 1, "b", "2");
	expect(&ps, 2, "c", "3");
}
END_TEST

START_TEST(form_decodes_plus_as_space_in_keys_and_values)
{
	struct http_params	 ps;

	ck_assert_int_eq(FORM("a+b=c+d++", &ps), HTTP_OK);
	expect(&ps, 0, "a b", "c d  ");
}
END_TEST

START_TEST(form_decodes_percent_escapes_in_either_case)
{
	struct http_params	 ps;

	ck_assert_int_eq(FORM("k%3d=%41%62%2b%2B%26%3D", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 1);
	expect(&ps, 0, "k=", "Ab++&=");
}
END_TEST

START_TEST(form_decodes_persian_utf8)
{
	struct http_params	 ps;

	ck_assert_int_eq(FORM("name=%D8%B9%D9%84%DB%8C&city=تهران", &ps),
	    HTTP_OK);
	expect(&ps, 0, "name", "علی");
	expect(&ps, 1, "city", "تهران");
}
END_TEST

START_TEST(form_empty_input_has_no_fields)
{
	struct http_params	 ps;

	ck_assert_int_eq(FORM("", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 0);
	ck_assert_ptr_null(ps.v);
	ck_assert_int_eq(http_parse_urlencoded(ar, NULL, 0, &lim, &ps),
	    HTTP_OK);
	ck_assert_uint_eq(ps.n, 0);
}
END_TEST

START_TEST(form_skips_empty_pairs)
{
	struct http_params	 ps;

	ck_assert_int_eq(FORM("a=1&&b=2", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 2);
	expect(&ps, 0, "a", "1");
	expect(&ps, 1, "b", "2");
	ck_assert_int_eq(FORM("&&&", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 0);
	ck_assert_int_eq(FORM("&a=1&", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 1);
}
END_TEST

START_TEST(form_empty_pairs_do_not_count_toward_the_limit)
{
	struct http_params	 ps;

	ck_assert_int_eq(FORM("&&a&&b&&c&&d&&&&", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 4);
}
END_TEST

START_TEST(form_key_without_equals_has_empty_value)
{
	struct http_params	 ps;

	ck_assert_int_eq(FORM("flag&x=1", &ps), HTTP_OK);
	expect(&ps, 0, "flag", "");
	expect(&ps, 1, "x", "1");
}
END_TEST

START_TEST(form_lone_equals_is_one_field_with_empty_key_and_value)
{
	struct http_params	 ps;

	ck_assert_int_eq(FORM("=", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 1);
	expect(&ps, 0, "", "");
	ck_assert_int_eq(FORM("=v", &ps), HTTP_OK);
	expect(&ps, 0, "", "v");
}
END_TEST

START_TEST(form_first_equals_splits_key_from_value)
{
	struct http_params	 ps;

	ck_assert_int_eq(FORM("a=b=c&d==", &ps), HTTP_OK);
	expect(&ps, 0, "a", "b=c");
	expect(&ps, 1, "d", "=");
}
END_TEST

START_TEST(form_refuses_truncated_percent)
{
	FORM_ERR("a=%", HTTP_ERR_PERCENT);
	FORM_ERR("a=%4", HTTP_ERR_PERCENT);
	FORM_ERR("a%=1", HTTP_ERR_PERCENT);
	FORM_ERR("a=1%", HTTP_ERR_PERCENT);
	FORM_ERR("%", HTTP_ERR_PERCENT);
	FORM_ERR("a=%4&b=1", HTTP_ERR_PERCENT);
}
END_TEST

START_TEST(form_refuses_percent_without_two_hex_digits)
{
	FORM_ERR("a=%zz", HTTP_ERR_PERCENT);
	FORM_ERR("a=%g0", HTTP_ERR_PERCENT);
	FORM_ERR("a=%0g", HTTP_ERR_PERCENT);
	FORM_ERR("a=% 20", HTTP_ERR_PERCENT);
	FORM_ERR("a=%+1", HTTP_ERR_PERCENT);
	FORM_ERR("a=%%41", HTTP_ERR_PERCENT);
}
END_TEST

START_TEST(form_refuses_encoded_nul)
{
	FORM_ERR("a=%00", HTTP_ERR_UTF8);
	FORM_ERR("%00=a", HTTP_ERR_UTF8);
	FORM_ERR("a=x%00y", HTTP_ERR_UTF8);
}
END_TEST

START_TEST(form_refuses_raw_nul)
{
	expect_form_err("a=\0", 3, &lim, HTTP_ERR_UTF8);
	expect_form_err("a\0=1", 4, &lim, HTTP_ERR_UTF8);
}
END_TEST

START_TEST(form_refuses_overlong_utf8)
{
	FORM_ERR("a=%C0%AF", HTTP_ERR_UTF8);
	FORM_ERR("a=%E0%80%AF", HTTP_ERR_UTF8);
	FORM_ERR("a=\xc0\xaf", HTTP_ERR_UTF8);
}
END_TEST

START_TEST(form_refuses_surrogates_and_bytes_above_f4)
{
	FORM_ERR("a=%ED%A0%80", HTTP_ERR_UTF8);
	FORM_ERR("a=%F5%80%80%80", HTTP_ERR_UTF8);
	FORM_ERR("a=%F4%90%80%80", HTTP_ERR_UTF8);
	FORM_ERR("a=%FF", HTTP_ERR_UTF8);
}
END_TEST

START_TEST(form_refuses_truncated_utf8_even_before_another_field)
{
	FORM_ERR("a=%D8", HTTP_ERR_UTF8);
	FORM_ERR("a=%D8&b=%B9", HTTP_ERR_UTF8);
	FORM_ERR("a%D8=%B9", HTTP_ERR_UTF8);
}
END_TEST

START_TEST(form_reports_the_first_error_in_order)
{
	FORM_ERR("a=%zz&b=%00", HTTP_ERR_PERCENT);
	FORM_ERR("a=%00&b=%zz", HTTP_ERR_UTF8);
}
END_TEST

START_TEST(form_fields_exactly_at_limit_accepted)
{
	struct http_params	 ps;

	ck_assert_int_eq(FORM("a=1&b=2&c=3&d=4", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 4);
}
END_TEST

START_TEST(form_fields_one_past_limit_refused)
{
	FORM_ERR("a=1&b=2&c=3&d=4&e=5", HTTP_ERR_FIELDS);
	FORM_ERR("a&b&c&d&e", HTTP_ERR_FIELDS);
}
END_TEST

START_TEST(form_many_fields_refused)
{
	size_t	 i, n = 2 * 10000;
	char	*p = arena_alloc(ar, n);

	for (i = 0; i < n; i += 2) {
		p[i] = 'a';
		p[i + 1] = '&';
	}
	expect_form_err(p, n, &lim, HTTP_ERR_FIELDS);
}
END_TEST

START_TEST(form_zero_max_fields_accepts_only_empty_input)
{
	const struct http_limits	 none = { 0, 8, 8 };
	struct http_params		 ps;

	ck_assert_int_eq(form("&&", 2, &none, &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 0);
	expect_form_err("a", 1, &none, HTTP_ERR_FIELDS);
}
END_TEST

START_TEST(form_key_exactly_at_limit_accepted)
{
	struct http_params	 ps;
	char			*k = repeat('k', lim.max_key);
	char			*s = arena_printf(ar, "%s=v", k);

	ck_assert_int_eq(form(s, strlen(s), &lim, &ps), HTTP_OK);
	expect(&ps, 0, k, "v");
}
END_TEST

START_TEST(form_key_one_past_limit_refused)
{
	char	*s = arena_printf(ar, "%s=v", repeat('k', lim.max_key + 1));

	expect_form_err(s, strlen(s), &lim, HTTP_ERR_LENGTH);
	/* Also without '=': the whole field is the key. */
	s = repeat('k', lim.max_key + 1);
	expect_form_err(s, strlen(s), &lim, HTTP_ERR_LENGTH);
}
END_TEST

START_TEST(form_value_exactly_at_limit_accepted)
{
	struct http_params	 ps;
	char			*v = repeat('v', lim.max_value);
	char			*s = arena_printf(ar, "k=%s", v);

	ck_assert_int_eq(form(s, strlen(s), &lim, &ps), HTTP_OK);
	expect(&ps, 0, "k", v);
}
END_TEST

START_TEST(form_value_one_past_limit_refused)
{
	char	*s = arena_printf(ar, "k=%s", repeat('v', lim.max_value + 1));

	expect_form_err(s, strlen(s), &lim, HTTP_ERR_LENGTH);
}
END_TEST

START_TEST(form_limits_count_decoded_bytes)
{
	struct http_params	 ps;
	char			*s;

	/* 16 escapes are 48 raw bytes but 16 decoded ones: at the limit. */
	s = arena_printf(ar, "%s=%s", repeat_escape(lim.max_key),
	    repeat_escape(lim.max_value));
	ck_assert_int_eq(form(s, strlen(s), &lim, &ps), HTTP_OK);
	expect(&ps, 0, repeat('A', lim.max_key), repeat('A', lim.max_value));
	s = arena_printf(ar, "k=%s", repeat_escape(lim.max_value + 1));
	expect_form_err(s, strlen(s), &lim, HTTP_ERR_LENGTH);
	s = arena_printf(ar, "%s=v", repeat_escape(lim.max_key + 1));
	expect_form_err(s, strlen(s), &lim, HTTP_ERR_LENGTH);
}
END_TEST

START_TEST(form_mebibyte_value_refused_without_allocating)
{
	size_t	 n = 1024 * 1024, before;
	char	*s = malloc(n);

	ck_assert_ptr_nonnull(s);
	memcpy(s, "k=", 2);
	memset(s + 2, 'x', n - 2);
	before = arena_reserved(ar);
	expect_form_err(s, n, &lim, HTTP_ERR_LENGTH);
	ck_assert_uint_eq(arena_reserved(ar), before);
	free(s);
}
END_TEST

START_TEST(form_mebibyte_value_within_a_large_limit_accepted)
{
	const struct http_limits	 big = { 1, 8, 1024 * 1024 };
	struct http_params		 ps;
	size_t				 n = 1024 * 1024 + 2;
	char				*s = malloc(n);

	ck_assert_ptr_nonnull(s);
	memcpy(s, "k=", 2);
	memset(s + 2, 'x', n - 2);
	ck_assert_int_eq(form(s, n, &big, &ps), HTTP_OK);
	free(s);
	ck_assert_uint_eq(ps.v[0].vallen, 1024 * 1024);
	ck_assert_int_eq(ps.v[0].val[1024 * 1024], '\0');
}
END_TEST

START_TEST(form_null_arguments_are_syntax_errors)
{
	struct http_params	 ps;

	ck_assert_int_eq(http_parse_urlencoded(NULL, "a", 1, &lim, &ps),
	    HTTP_ERR_SYNTAX);
	ck_assert_int_eq(http_parse_urlencoded(ar, "a", 1, NULL, &ps),
	    HTTP_ERR_SYNTAX);
	ck_assert_int_eq(http_parse_urlencoded(ar, NULL, 1, &lim, &ps),
	    HTTP_ERR_SYNTAX);
}
END_TEST

/* --- cookies --------------------------------------------------------- */

START_TEST(cookie_parses_pairs_separated_by_semicolon_and_space)
{
	struct http_params	 ps;

	ck_assert_int_eq(COOKIES("a=1; b=2", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 2);
	expect(&ps, 0, "a", "1");
	expect(&ps, 1, "b", "2");
}
END_TEST

START_TEST(cookie_real_world_header)
{
	struct http_params	 ps;

	ck_assert_int_eq(COOKIES_WIDE("_ga=GA1.2.3.4; __Host-geps=abc_DEF-123; "
	    "theme=dark", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 3);
	expect(&ps, 1, "__Host-geps", "abc_DEF-123");
}
END_TEST

START_TEST(cookie_tolerates_missing_and_extra_whitespace)
{
	struct http_params	 ps;

	ck_assert_int_eq(COOKIES("a=1;b=2 ;\t c=3\t", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 3);
	expect(&ps, 2, "c", "3");
	ck_assert_int_eq(COOKIES("  a = 1  ", &ps), HTTP_OK);
	expect(&ps, 0, "a", "1");
}
END_TEST

START_TEST(cookie_removes_double_quotes)
{
	struct http_params	 ps;

	ck_assert_int_eq(COOKIES("a=\"xyz\"; b=\"\"", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 2);
	expect(&ps, 0, "a", "xyz");
	expect(&ps, 1, "b", "");
}
END_TEST

START_TEST(cookie_skips_unbalanced_or_inner_quotes)
{
	struct http_params	 ps;

	ck_assert_int_eq(COOKIES_WIDE("a=\"xyz; b=xy\"z; c=\"; d=x\"; "
	    "e=\"\"\"; f=\"a b\"; ok=1", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 1);
	expect(&ps, 0, "ok", "1");
}
END_TEST

START_TEST(cookie_skips_pair_without_equals)
{
	struct http_params	 ps;

	ck_assert_int_eq(COOKIES("junk; a=1; =; ==", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 1);
	expect(&ps, 0, "a", "1");
}
END_TEST

START_TEST(cookie_skips_names_that_are_not_tokens)
{
	struct http_params	 ps;

	ck_assert_int_eq(COOKIES_WIDE("=1; a b=1; a,b=1; (x)=1; a\"=1; "
	    "\xc3\xbc=1; a/b=1; ok=1", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 1);
	expect(&ps, 0, "ok", "1");
}
END_TEST

START_TEST(cookie_skips_values_with_forbidden_octets)
{
	struct http_params	 ps;

	ck_assert_int_eq(COOKIES_WIDE("a=b c; b=b,c; c=b\\c; d=\x01; e=\x7f; "
	    "f=\xc3\xa9; g=a\tb; ok=1", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 1);
	expect(&ps, 0, "ok", "1");
}
END_TEST

START_TEST(cookie_skips_pair_with_control_bytes_and_nul)
{
	struct http_params	 ps;
	const char		 h[] = "a=1\0; b\r=2; c=3\n; d=4";

	ck_assert_int_eq(cookies(h, sizeof(h) - 1, &lim, &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 1);
	expect(&ps, 0, "d", "4");
}
END_TEST

START_TEST(cookie_keeps_duplicates_in_order)
{
	struct http_params	 ps;

	ck_assert_int_eq(COOKIES("s=1; t=9; s=2", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 3);
	ck_assert_str_eq(http_params_get(&ps, "s")->val, "1");
	ck_assert_uint_eq(http_params_count(&ps, "s"), 2);
	ck_assert_uint_eq(http_params_count(&ps, "t"), 1);
}
END_TEST

START_TEST(cookie_values_are_not_percent_decoded)
{
	struct http_params	 ps;

	ck_assert_int_eq(COOKIES("a=%41+%zz", &ps), HTTP_OK);
	expect(&ps, 0, "a", "%41+%zz");
}
END_TEST

START_TEST(cookie_value_may_hold_equals_and_be_empty)
{
	struct http_params	 ps;

	ck_assert_int_eq(COOKIES("a=b=c; e=", &ps), HTTP_OK);
	expect(&ps, 0, "a", "b=c");
	expect(&ps, 1, "e", "");
}
END_TEST

START_TEST(cookie_empty_header_and_empty_pairs)
{
	struct http_params	 ps;

	ck_assert_int_eq(COOKIES("", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 0);
	ck_assert_ptr_null(ps.v);
	ck_assert_int_eq(http_parse_cookies(ar, NULL, 0, &lim, &ps), HTTP_OK);
	ck_assert_int_eq(COOKIES(";; ;\t;", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 0);
}
END_TEST

START_TEST(cookie_pairs_exactly_at_limit_accepted)
{
	struct http_params	 ps;

	ck_assert_int_eq(COOKIES(";a=1;; b=2; c=3; d=4;", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 4);
}
END_TEST

START_TEST(cookie_pairs_one_past_limit_refused)
{
	struct http_params	 ps;

	ck_assert_int_eq(COOKIES("a=1; b=2; c=3; d=4; e=5", &ps),
	    HTTP_ERR_FIELDS);
	ck_assert_uint_eq(ps.n, 0);
	ck_assert_ptr_null(ps.v);
}
END_TEST

START_TEST(cookie_skipped_pairs_count_toward_limit)
{
	struct http_params	 ps;

	ck_assert_int_eq(COOKIES("j1; j2; j 3=x; j4=\x01; a=1", &ps),
	    HTTP_ERR_FIELDS);
	ck_assert_int_eq(COOKIES("j1; j2; j 3=x; a=1", &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 1);
}
END_TEST

START_TEST(cookie_name_at_limit_kept_one_past_skipped)
{
	struct http_params	 ps;
	char			*at = repeat('n', lim.max_key);
	char			*s = arena_printf(ar, "%s=1; %s=2", at,
				    repeat('n', lim.max_key + 1));

	ck_assert_int_eq(cookies(s, strlen(s), &lim, &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 1);
	expect(&ps, 0, at, "1");
}
END_TEST

START_TEST(cookie_value_at_limit_kept_one_past_skipped)
{
	struct http_params	 ps;
	char			*at = repeat('v', lim.max_value);
	char			*over = repeat('v', lim.max_value + 1);
	char			*s;

	/* The quotes do not count toward the limit. */
	s = arena_printf(ar, "a=%s; b=\"%s\"; c=%s; d=\"%s\"", at, at,
	    over, over);
	ck_assert_int_eq(cookies(s, strlen(s), &lim, &ps), HTTP_OK);
	ck_assert_uint_eq(ps.n, 2);
	expect(&ps, 0, "a", at);
	expect(&ps, 1, "b", at);
}
END_TEST

START_TEST(cookie_mebibyte_value_skipped)
{
	struct http_params	 ps;
	size_t			 n = 1024 * 1024;
	char			*s = malloc(n);

	ck_assert_ptr_nonnull(s);
	memset(s, 'x', n);
	memcpy(s, "a=1; big=", 9);
	ck_assert_int_eq(http_parse_cookies(ar, s, n, &lim, &ps), HTTP_OK);
	free(s);
	ck_assert_uint_eq(ps.n, 1);
	expect(&ps, 0, "a", "1");
}
END_TEST

START_TEST(cookie_null_arguments_are_syntax_errors)
{
	struct http_params	 ps;

	ck_assert_int_eq(http_parse_cookies(NULL, "a=1", 3, &lim, &ps),
	    HTTP_ERR_SYNTAX);
	ck_assert_int_eq(http_parse_cookies(ar, "a=1", 3, NULL, &ps),
	    HTTP_ERR_SYNTAX);
	ck_assert_int_eq(http_parse_cookies(ar, NULL, 3, &lim, &ps),
	    HTTP_ERR_SYNTAX);
}
END_TEST

/* --- params lookup --------------------------------------------------- */

START_TEST(params_get_returns_first_match_or_null)
{
	struct http_params	 ps;

	ck_assert_int_eq(FORM("ab=0&a=1&a=2", &ps), HTTP_OK);
	ck_assert_str_eq(http_params_get(&ps, "a")->val, "1");
	ck_assert_str_eq(http_params_get(&ps, "ab")->val, "0");
	ck_assert_ptr_null(http_params_get(&ps, "b"));
	ck_assert_ptr_null(http_params_get(&ps, ""));
	ck_assert_ptr_null(http_params_get(NULL, "a"));
	ck_assert_ptr_null(http_params_get(&ps, NULL));
}
END_TEST

START_TEST(params_count_counts_exact_key_matches)
{
	struct http_params	 ps, empty = { NULL, 0 };

	ck_assert_int_eq(FORM("a=1&ab=2&a=3&=4", &ps), HTTP_OK);
	ck_assert_uint_eq(http_params_count(&ps, "a"), 2);
	ck_assert_uint_eq(http_params_count(&ps, "ab"), 1);
	ck_assert_uint_eq(http_params_count(&ps, ""), 1);
	ck_assert_uint_eq(http_params_count(&ps, "x"), 0);
	ck_assert_uint_eq(http_params_count(&empty, "a"), 0);
}
END_TEST

/* --- headers and status ---------------------------------------------- */

START_TEST(header_name_accepts_tokens)
{
	ck_assert_int_eq(http_header_name_ok("Content-Type", 12), 1);
	ck_assert_int_eq(http_header_name_ok("X-Accel-Redirect", 16), 1);
	ck_assert_int_eq(http_header_name_ok("a!#$%&'*+-.^_`|~9", 17), 1);
}
END_TEST

START_TEST(header_name_refuses_empty_separators_controls_and_non_ascii)
{
	ck_assert_int_eq(http_header_name_ok("", 0), 0);
	ck_assert_int_eq(http_header_name_ok(NULL, 0), 0);
	ck_assert_int_eq(http_header_name_ok("X Y", 3), 0);
	ck_assert_int_eq(http_header_name_ok("X:", 2), 0);
	ck_assert_int_eq(http_header_name_ok("X\r", 2), 0);
	ck_assert_int_eq(http_header_name_ok("X\n", 2), 0);
	ck_assert_int_eq(http_header_name_ok("X\0", 2), 0);
	ck_assert_int_eq(http_header_name_ok("\xc3\xa9", 2), 0);
	ck_assert_int_eq(http_header_name_ok("(a)", 3), 0);
}
END_TEST

START_TEST(header_value_refuses_cr_lf_and_nul)
{
	ck_assert_int_eq(VALUE("a\rb"), 0);
	ck_assert_int_eq(VALUE("a\nb"), 0);
	ck_assert_int_eq(value_ok("a\0b", 3), 0);
	ck_assert_int_eq(VALUE("x\r\nSet-Cookie: s=1"), 0);
	ck_assert_int_eq(VALUE("\n"), 0);
}
END_TEST

START_TEST(header_value_refuses_every_other_control_and_del)
{
	char	 s[3] = { 'a', 0, 'b' };
	int	 c;

	for (c = 0; c < 0x20; c++) {
		s[1] = (char)c;
		ck_assert_int_eq(value_ok(s, 3), c == '\t');
	}
	s[1] = 0x7f;
	ck_assert_int_eq(value_ok(s, 3), 0);
}
END_TEST

START_TEST(header_value_accepts_tab_space_utf8_and_empty)
{
	ck_assert_int_eq(VALUE(""), 1);
	ck_assert_int_eq(http_header_value_ok(NULL, 0), 1);
	ck_assert_int_eq(VALUE("text/html; charset=utf-8"), 1);
	ck_assert_int_eq(VALUE("a\tb"), 1);
	ck_assert_int_eq(VALUE("attachment; filename*=UTF-8''\xd8\xb9.pdf"), 1);
	ck_assert_int_eq(VALUE("\x80\xff"), 1);
}
END_TEST

START_TEST(status_reason_knows_the_codes_geps_sends)
{
	ck_assert_str_eq(http_status_reason(200), "OK");
	ck_assert_str_eq(http_status_reason(303), "See Other");
	ck_assert_str_eq(http_status_reason(400), "Bad Request");
	ck_assert_str_eq(http_status_reason(403), "Forbidden");
	ck_assert_str_eq(http_status_reason(404), "Not Found");
	ck_assert_str_eq(http_status_reason(405), "Method Not Allowed");
	ck_assert_str_eq(http_status_reason(413), "Content Too Large");
	ck_assert_str_eq(http_status_reason(429), "Too Many Requests");
	ck_assert_str_eq(http_status_reason(500), "Internal Server Error");
	ck_assert_str_eq(http_status_reason(503), "Service Unavailable");
}
END_TEST

START_TEST(status_reason_of_unknown_code_is_empty_not_null)
{
	ck_assert_str_eq(http_status_reason(0), "");
	ck_assert_str_eq(http_status_reason(299), "");
	ck_assert_str_eq(http_status_reason(-1), "");
}
END_TEST

START_TEST(status_reasons_are_valid_header_values)
{
	int		 c;
	const char	*r;

	for (c = 100; c < 600; c++) {
		r = http_status_reason(c);
		ck_assert_ptr_nonnull(r);
		ck_assert_int_eq(http_header_value_ok(r, strlen(r)), 1);
	}
}
END_TEST

static int
has_arabic_script(const char *m)
{
	for (; *m != '\0'; m++)
		if ((unsigned char)*m >= 0xd8 && (unsigned char)*m <= 0xdb)
			return 1;
	return 0;
}

START_TEST(err_message_is_persian_utf8_for_every_error)
{
	enum http_err	 e;
	const char	*m;

	for (e = HTTP_OK; e <= HTTP_ERR_SYNTAX; e++) {
		m = http_err_message(e);
		ck_assert_ptr_nonnull(m);
		ck_assert_uint_gt(strlen(m), 0);
		ck_assert_int_eq(utf8_valid(m, strlen(m)), 1);
		/* Persian letters are two bytes with a lead of D8..DB. */
		ck_assert_int_eq(has_arabic_script(m), 1);
	}
	ck_assert_str_ne(http_err_message(HTTP_ERR_FIELDS),
	    http_err_message(HTTP_ERR_LENGTH));
	ck_assert_ptr_nonnull(http_err_message((enum http_err)99));
}
END_TEST

/* --- numbers --------------------------------------------------------- */

START_TEST(uint_accepts_digits_and_leading_zeros)
{
	unsigned long long	 v = 99;

	ck_assert_int_eq(UINT("0", 10, &v), 0);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(UINT("42", 100, &v), 0);
	ck_assert_uint_eq(v, 42);
	ck_assert_int_eq(UINT("007", 100, &v), 0);
	ck_assert_uint_eq(v, 7);
	ck_assert_int_eq(UINT("0000000000000000000000000001", 1, &v), 0);
	ck_assert_uint_eq(v, 1);
}
END_TEST

START_TEST(uint_refuses_signs_spaces_and_junk)
{
	unsigned long long	 v = 99;

	ck_assert_int_eq(UINT("", 100, &v), -1);
	ck_assert_int_eq(http_parse_uint(NULL, 0, 100, &v), -1);
	ck_assert_int_eq(UINT("-1", 100, &v), -1);
	ck_assert_int_eq(UINT("+1", 100, &v), -1);
	ck_assert_int_eq(UINT(" 1", 100, &v), -1);
	ck_assert_int_eq(UINT("1 ", 100, &v), -1);
	ck_assert_int_eq(UINT("0x1", 100, &v), -1);
	ck_assert_int_eq(UINT("1e2", 1000, &v), -1);
	ck_assert_int_eq(UINT("1.0", 100, &v), -1);
	ck_assert_int_eq(parse_uint("1\0", 2, 100, &v), -1);
	ck_assert_int_eq(UINT("\xd9\xa1", 100, &v), -1);	/* Arabic 1 */
	ck_assert_uint_eq(v, 99);
}
END_TEST

START_TEST(uint_max_exactly_at_and_one_past)
{
	unsigned long long	 v = 99;

	ck_assert_int_eq(UINT("100", 100, &v), 0);
	ck_assert_uint_eq(v, 100);
	ck_assert_int_eq(UINT("101", 100, &v), -1);
	ck_assert_int_eq(UINT("0", 0, &v), 0);
	ck_assert_int_eq(UINT("1", 0, &v), -1);
	ck_assert_int_eq(UINT("1000", 999, &v), -1);
}
END_TEST

START_TEST(uint_ullong_max_and_overflow)
{
	unsigned long long	 v = 99;

	ck_assert_int_eq(UINT("18446744073709551615", ULLONG_MAX, &v), 0);
	ck_assert_uint_eq(v, ULLONG_MAX);
	ck_assert_int_eq(UINT("18446744073709551616", ULLONG_MAX, &v), -1);
	ck_assert_int_eq(UINT("99999999999999999999", ULLONG_MAX, &v), -1);
	ck_assert_int_eq(UINT("184467440737095516150", ULLONG_MAX, &v), -1);
}
END_TEST

/* --- paths ----------------------------------------------------------- */

START_TEST(path_accepts_ordinary_paths)
{
	ck_assert_int_eq(PATH("/"), 1);
	ck_assert_int_eq(PATH("/a"), 1);
	ck_assert_int_eq(PATH("/a/b"), 1);
	ck_assert_int_eq(PATH("/a/"), 1);
	ck_assert_int_eq(PATH("/declarations/42/edit"), 1);
	ck_assert_int_eq(PATH("/.well-known/security.txt"), 1);
	ck_assert_int_eq(PATH("/..."), 1);
	ck_assert_int_eq(PATH("/a.b/c..d/.e/f."), 1);
	ck_assert_int_eq(PATH("/a%20b"), 1);
	ck_assert_int_eq(PATH("/a-b_c~d"), 1);
}
END_TEST

START_TEST(path_accepts_persian_raw_and_encoded)
{
	ck_assert_int_eq(PATH("/%D8%B9%D9%84%DB%8C"), 1);
	ck_assert_int_eq(PATH("/علی/تهران"), 1);
}
END_TEST

START_TEST(path_refuses_empty_and_relative)
{
	ck_assert_int_eq(PATH(""), 0);
	ck_assert_int_eq(http_path_ok(NULL, 0), 0);
	ck_assert_int_eq(PATH("a/b"), 0);
	ck_assert_int_eq(PATH("%2Fa"), 0);
	ck_assert_int_eq(PATH("http://x/"), 0);
}
END_TEST

START_TEST(path_refuses_empty_segments)
{
	ck_assert_int_eq(PATH("//"), 0);
	ck_assert_int_eq(PATH("//evil.example/"), 0);
	ck_assert_int_eq(PATH("/a//b"), 0);
	ck_assert_int_eq(PATH("/a//"), 0);
}
END_TEST

START_TEST(path_refuses_dot_segments)
{
	ck_assert_int_eq(PATH("/."), 0);
	ck_assert_int_eq(PATH("/.."), 0);
	ck_assert_int_eq(PATH("/./a"), 0);
	ck_assert_int_eq(PATH("/a/./b"), 0);
	ck_assert_int_eq(PATH("/a/."), 0);
	ck_assert_int_eq(PATH("/a/../b"), 0);
	ck_assert_int_eq(PATH("/a/.."), 0);
	ck_assert_int_eq(PATH("/a/../"), 0);
}
END_TEST

START_TEST(path_refuses_encoded_dot_segments)
{
	ck_assert_int_eq(PATH("/%2e%2e/etc/passwd"), 0);
	ck_assert_int_eq(PATH("/%2E./x"), 0);
	ck_assert_int_eq(PATH("/.%2e"), 0);
	ck_assert_int_eq(PATH("/a/%2e"), 0);
	ck_assert_int_eq(PATH("/a/%2e/"), 0);
}
END_TEST

START_TEST(path_refuses_encoded_slash)
{
	ck_assert_int_eq(PATH("/a%2fb"), 0);
	ck_assert_int_eq(PATH("/a%2Fb"), 0);
	ck_assert_int_eq(PATH("/..%2f..%2fetc"), 0);
}
END_TEST

START_TEST(path_refuses_nul_raw_or_encoded)
{
	ck_assert_int_eq(path_ok("/a\0", 3), 0);
	ck_assert_int_eq(path_ok("/\0/a", 4), 0);
	ck_assert_int_eq(PATH("/a%00"), 0);
	ck_assert_int_eq(PATH("/a%00.pdf"), 0);
}
END_TEST

START_TEST(path_refuses_controls_and_backslash)
{
	ck_assert_int_eq(PATH("/a%0a"), 0);
	ck_assert_int_eq(PATH("/a%0D%0ASet-Cookie:x"), 0);
	ck_assert_int_eq(PATH("/a\tb"), 0);
	ck_assert_int_eq(PATH("/a%7f"), 0);
	ck_assert_int_eq(PATH("/a\x1b"), 0);
	ck_assert_int_eq(PATH("/a\\b"), 0);
	ck_assert_int_eq(PATH("/a%5cb"), 0);
	ck_assert_int_eq(PATH("/..%5c..%5cetc"), 0);
}
END_TEST

START_TEST(path_refuses_bad_percent)
{
	ck_assert_int_eq(PATH("/%"), 0);
	ck_assert_int_eq(PATH("/%2"), 0);
	ck_assert_int_eq(PATH("/a%zz"), 0);
	ck_assert_int_eq(PATH("/a%%"), 0);
}
END_TEST

START_TEST(path_refuses_invalid_utf8_after_decoding)
{
	ck_assert_int_eq(PATH("/%C0%AF"), 0);		/* overlong '/' */
	ck_assert_int_eq(PATH("/%C0%AE%C0%AE/x"), 0);	/* overlong ".." */
	ck_assert_int_eq(PATH("/\xc0\xaf"), 0);
	ck_assert_int_eq(PATH("/%ED%A0%80"), 0);
	ck_assert_int_eq(PATH("/%F5%80%80%80"), 0);
	ck_assert_int_eq(PATH("/%D8"), 0);
	ck_assert_int_eq(PATH("/%D8/%B9"), 0);
	ck_assert_int_eq(PATH("/\xff"), 0);
}
END_TEST

static Suite *
http_suite(void)
{
	Suite	*s = suite_create("http");
	TCase	*tc;

	tc = tcase_create("urlencoded");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, form_parses_pairs_in_order);
	tcase_add_test(tc, form_decodes_plus_as_space_in_keys_and_values);
	tcase_add_test(tc, form_decodes_percent_escapes_in_either_case);
	tcase_add_test(tc, form_decodes_persian_utf8);
	tcase_add_test(tc, form_empty_input_has_no_fields);
	tcase_add_test(tc, form_skips_empty_pairs);
	tcase_add_test(tc, form_empty_pairs_do_not_count_toward_the_limit);
	tcase_add_test(tc, form_key_without_equals_has_empty_value);
	tcase_add_test(tc, form_lone_equals_is_one_field_with_empty_key_and_value);
	tcase_add_test(tc, form_first_equals_splits_key_from_value);
	tcase_add_test(tc, form_refuses_truncated_percent);
	tcase_add_test(tc, form_refuses_percent_without_two_hex_digits);
	tcase_add_test(tc, form_refuses_encoded_nul);
	tcase_add_test(tc, form_refuses_raw_nul);
	tcase_add_test(tc, form_refuses_overlong_utf8);
	tcase_add_test(tc, form_refuses_surrogates_and_bytes_above_f4);
	tcase_add_test(tc, form_refuses_truncated_utf8_even_before_another_field);
	tcase_add_test(tc, form_reports_the_first_error_in_order);
	tcase_add_test(tc, form_fields_exactly_at_limit_accepted);
	tcase_add_test(tc, form_fields_one_past_limit_refused);
	tcase_add_test(tc, form_many_fields_refused);
	tcase_add_test(tc, form_zero_max_fields_accepts_only_empty_input);
	tcase_add_test(tc, form_key_exactly_at_limit_accepted);
	tcase_add_test(tc, form_key_one_past_limit_refused);
	tcase_add_test(tc, form_value_exactly_at_limit_accepted);
	tcase_add_test(tc, form_value_one_past_limit_refused);
	tcase_add_test(tc, form_limits_count_decoded_bytes);
	tcase_add_test(tc, form_mebibyte_value_refused_without_allocating);
	tcase_add_test(tc, form_mebibyte_value_within_a_large_limit_accepted);
	tcase_add_test(tc, form_null_arguments_are_syntax_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("cookies");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, cookie_parses_pairs_separated_by_semicolon_and_space);
	tcase_add_test(tc, cookie_real_world_header);
	tcase_add_test(tc, cookie_tolerates_missing_and_extra_whitespace);
	tcase_add_test(tc, cookie_removes_double_quotes);
	tcase_add_test(tc, cookie_skips_unbalanced_or_inner_quotes);
	tcase_add_test(tc, cookie_skips_pair_without_equals);
	tcase_add_test(tc, cookie_skips_names_that_are_not_tokens);
	tcase_add_test(tc, cookie_skips_values_with_forbidden_octets);
	tcase_add_test(tc, cookie_skips_pair_with_control_bytes_and_nul);
	tcase_add_test(tc, cookie_keeps_duplicates_in_order);
	tcase_add_test(tc, cookie_values_are_not_percent_decoded);
	tcase_add_test(tc, cookie_value_may_hold_equals_and_be_empty);
	tcase_add_test(tc, cookie_empty_header_and_empty_pairs);
	tcase_add_test(tc, cookie_pairs_exactly_at_limit_accepted);
	tcase_add_test(tc, cookie_pairs_one_past_limit_refused);
	tcase_add_test(tc, cookie_skipped_pairs_count_toward_limit);
	tcase_add_test(tc, cookie_name_at_limit_kept_one_past_skipped);
	tcase_add_test(tc, cookie_value_at_limit_kept_one_past_skipped);
	tcase_add_test(tc, cookie_mebibyte_value_skipped);
	tcase_add_test(tc, cookie_null_arguments_are_syntax_errors);
	tcase_add_test(tc, params_get_returns_first_match_or_null);
	tcase_add_test(tc, params_count_counts_exact_key_matches);
	suite_add_tcase(s, tc);

	tc = tcase_create("headers");
	tcase_add_test(tc, header_name_accepts_tokens);
	tcase_add_test(tc, header_name_refuses_empty_separators_controls_and_non_ascii);
	tcase_add_test(tc, header_value_refuses_cr_lf_and_nul);
	tcase_add_test(tc, header_value_refuses_every_other_control_and_del);
	tcase_add_test(tc, header_value_accepts_tab_space_utf8_and_empty);
	tcase_add_test(tc, status_reason_knows_the_codes_geps_sends);
	tcase_add_test(tc, status_reason_of_unknown_code_is_empty_not_null);
	tcase_add_test(tc, status_reasons_are_valid_header_values);
	tcase_add_test(tc, err_message_is_persian_utf8_for_every_error);
	suite_add_tcase(s, tc);

	tc = tcase_create("numbers_and_paths");
	tcase_add_test(tc, uint_accepts_digits_and_leading_zeros);
	tcase_add_test(tc, uint_refuses_signs_spaces_and_junk);
	tcase_add_test(tc, uint_max_exactly_at_and_one_past);
	tcase_add_test(tc, uint_ullong_max_and_overflow);
	tcase_add_test(tc, path_accepts_ordinary_paths);
	tcase_add_test(tc, path_accepts_persian_raw_and_encoded);
	tcase_add_test(tc, path_refuses_empty_and_relative);
	tcase_add_test(tc, path_refuses_empty_segments);
	tcase_add_test(tc, path_refuses_dot_segments);
	tcase_add_test(tc, path_refuses_encoded_dot_segments);
	tcase_add_test(tc, path_refuses_encoded_slash);
	tcase_add_test(tc, path_refuses_nul_raw_or_encoded);
	tcase_add_test(tc, path_refuses_controls_and_backslash);
	tcase_add_test(tc, path_refuses_bad_percent);
	tcase_add_test(tc, path_refuses_invalid_utf8_after_decoding);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(http_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
