/*
 * Unit tests for lib/multipart.c: the boundary in Content-Type, the push
 * parser on normal forms and on the hostile uploads the evidence pages will
 * meet (path-traversal filenames, bad UTF-8, folded or oversized headers, a
 * body cut short, boundaries split between feeds), and every limit exactly at
 * and one past its value.  Each feed is copied into a heap block of exactly its
 * length and freed before the next, so a read past a chunk or a result that
 * points into the input shows up under AddressSanitizer or valgrind.  The
 * callbacks write what they see into a transcript, and the transcript of a
 * body fed in one piece must equal the one of the same body fed in chunks of
 * every size from 1 to 64 bytes.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_run.h"

#include "arena.h"
#include "buf.h"
#include "multipart.h"
#include "utf8.h"

static struct arena	*ar;

static const struct multipart_limits	 wide = { 16, 1024, 1024, 4096, 65536 };

/* The callbacks' record of one parse. */
struct rec {
	struct buf	 log;
	int		 in_data;
	int		 begins, ends;
	enum mp_err	 abort_on_begin;
};

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

static enum mp_err
on_begin(void *ctx, const char *name, const char *filename, const char *ctype)
{
	struct rec	*r = ctx;

	r->begins++;
	buf_printf(&r->log, "B[%s][%s][%s]\n", name,
	    filename != NULL ? filename : "-", ctype != NULL ? ctype : "-");
	r->in_data = 0;
	return r->abort_on_begin;
}

static enum mp_err
on_data(void *ctx, const char *p, size_t n)
{
	struct rec	*r = ctx;

	ck_assert_uint_gt(n, 0);
	if (!r->in_data)
		buf_puts(&r->log, "D[");
	r->in_data = 1;
	buf_append(&r->log, p, n);
	return MP_OK;
}

static enum mp_err
on_end(void *ctx, const char *value, size_t len)
{
	struct rec	*r = ctx;

	r->ends++;
	if (r->in_data)
		buf_puts(&r->log, "]\n");
	r->in_data = 0;
	if (value == NULL)
		buf_printf(&r->log, "E file %zu\n", len);
	else {
		ck_assert_uint_eq(strlen(value), len);
		buf_printf(&r->log, "E[%s]\n", value);
	}
	return MP_OK;
}

static const struct multipart_callbacks	 cbs = { on_begin, on_data, on_end };

/*
 * Parses body[0..len) with boundary "XyZ" in pieces of chunk bytes (0: one
 * piece), each in its own exactly-sized heap block, then finishes.  Returns
 * the first error; r holds the transcript.
 */
static enum mp_err
parse_as(const char *boundary, const char *body, size_t len, size_t chunk,
    const struct multipart_limits *lim, struct rec *r)
{
	struct multipart	*mp;
	char			*piece;
	size_t			 off, n;
	enum mp_err		 e = MP_OK;

	buf_init(&r->log, ar);
	r->in_data = r->begins = r->ends = 0;
	mp = multipart_new(ar, boundary, lim, &cbs, r);
	ck_assert_ptr_nonnull(mp);
	if (chunk == 0)
		chunk = len;
	for (off = 0; off < len && e == MP_OK; off += n) {
		n = len - off < chunk ? len - off : chunk;
		piece = malloc(n);
		ck_assert_ptr_nonnull(piece);
		memcpy(piece, body + off, n);
		e = multipart_feed(mp, piece, n);
		free(piece);
	}
	if (e == MP_OK)
		e = multipart_finish(mp);
	else
		ck_assert_int_eq(multipart_finish(mp), e);
	return e;
}

static enum mp_err
parse(const char *body, size_t len, const struct multipart_limits *lim,
    struct rec *r)
{
	return parse_as("XyZ", body, len, 0, lim, r);
}

#define S(lit)		lit, sizeof(lit) - 1
#define CD		"Content-Disposition: form-data; "

/* A form with two text fields (one Persian) and two files. */
static const char form[] =
    "This is the preamble, to be ignored.\r\n"
    "--XyZ\r\n"
    CD "name=\"title\"\r\n"
    "\r\n"
    "گزارش دفتر ۱۲\r\n"
    "--XyZ\r\n"
    CD "name=\"office\"\r\n"
    "Content-Type: text/plain; charset=UTF-8\r\n"
    "\r\n"
    "42\r\n"
    "--XyZ\r\n"
    CD "name=\"evidence\"; filename=\"lease.pdf\"\r\n"
    "Content-Type: application/pdf\r\n"
    "X-Unknown: ignored\r\n"
    "\r\n"
    "%PDF-1.4\r\nbinary\r\n--not the boundary\r\n--XyY is not either\r\n"
    "--XyZ\r\n"
    "content-disposition: FORM-DATA; NAME=photo; FILENAME=\"a b.jpg\"\r\n"
    "\r\n"
    "\xff\xd8\xff\xe0\r\r\n\n--\r\n-"
    "\r\n--XyZ--\r\n"
    "epilogue";

static const char form_log[] =
    "B[title][-][-]\n"
    "E[گزارش دفتر ۱۲]\n"
    "B[office][-][text/plain; charset=UTF-8]\n"
    "E[42]\n"
    "B[evidence][lease.pdf][application/pdf]\n"
    "D[%PDF-1.4\r\nbinary\r\n--not the boundary\r\n--XyY is not either]\n"
    "E file 57\n"
    "B[photo][a b.jpg][-]\n"
    "D[\xff\xd8\xff\xe0\r\r\n\n--\r\n-]\n"
    "E file 13\n";

START_TEST(boundary_is_found_bare_or_quoted)
{
	char	 b[71];

	ck_assert_int_eq(multipart_boundary(S("multipart/form-data; boundary=XyZ"),
	    b, sizeof(b)), 3);
	ck_assert_str_eq(b, "XyZ");
	ck_assert_int_eq(multipart_boundary(
	    S(" Multipart/Form-Data;charset=utf-8 ; BOUNDARY=\"a b:c?\" "),
	    b, sizeof(b)), 6);
	ck_assert_str_eq(b, "a b:c?");
	ck_assert_int_eq(multipart_boundary(S("multipart/form-data; "
	    "boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"), b, sizeof(b)), 37);
	ck_assert_str_eq(b, "----WebKitFormBoundary7MA4YWxkTrZu0gW");
	/* 70 characters is the most RFC 2046 allows. */
	ck_assert_int_eq(multipart_boundary(S("multipart/form-data; boundary="
	    "0123456789012345678901234567890123456789012345678901234567890123456789"),
	    b, sizeof(b)), 70);
}
END_TEST

START_TEST(boundary_refuses_malformed_content_types)
{
	static const char *const bad[] = {
		"multipart/form-data",
		"multipart/form-data;",
		"multipart/form-data; boundary=",
		"multipart/form-data; boundary=\"\"",
		"multipart/form-data; boundary=\"abc",
		"multipart/form-data; boundary=\"abc \"",
		"multipart/form-data; boundary=a; boundary=b",
		"multipart/form-data boundary=abc",
		"multipart/form-dataX; boundary=abc",
		"multipart/mixed; boundary=abc",
		"application/x-www-form-urlencoded",
		"multipart/form-data; boundary=\"a\x01\"",
		"multipart/form-data; boundary=\"a\\\"b\"",
		"multipart/form-data; boundary=\"a\tb\"",
		"multipart/form-data; =abc",
		"multipart/form-data; boundary=abc extra",
		"multipart/form-data; boundary="
		"01234567890123456789012345678901234567890123456789012345678901234567890",
		"",
	};
	char	 b[128];
	size_t	 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(multipart_boundary(bad[i], strlen(bad[i]), b,
		    sizeof(b)) == -1, "accepted %s", bad[i]);
	/* The NUL is part of the value, not its end. */
	ck_assert_int_eq(multipart_boundary(S("multipart/form-data; boundary=a\0b"),
	    b, sizeof(b)), -1);
	/* Too small an output buffer. */
	ck_assert_int_eq(multipart_boundary(S("multipart/form-data; boundary=abc"),
	    b, 3), -1);
	ck_assert_int_eq(multipart_boundary(S("multipart/form-data; boundary=abc"),
	    b, 4), 3);
	ck_assert_int_eq(multipart_boundary(NULL, 0, b, sizeof(b)), -1);
}
END_TEST

START_TEST(new_refuses_bad_boundaries_and_arguments)
{
	ck_assert_ptr_null(multipart_new(ar, "", &wide, &cbs, NULL));
	ck_assert_ptr_null(multipart_new(ar, "a\r", &wide, &cbs, NULL));
	ck_assert_ptr_null(multipart_new(ar, "abc ", &wide, &cbs, NULL));
	ck_assert_ptr_null(multipart_new(ar, "0123456789012345678901234567890"
	    "1234567890123456789012345678901234567890", &wide, &cbs, NULL));
	ck_assert_ptr_null(multipart_new(NULL, "abc", &wide, &cbs, NULL));
	ck_assert_ptr_null(multipart_new(ar, NULL, &wide, &cbs, NULL));
	ck_assert_ptr_null(multipart_new(ar, "abc", NULL, &cbs, NULL));
	ck_assert_ptr_nonnull(multipart_new(ar, "abc", &wide, NULL, NULL));
}
END_TEST

START_TEST(form_with_fields_and_two_files)
{
	struct rec	 r = { .abort_on_begin = MP_OK };

	ck_assert_int_eq(parse(S(form), &wide, &r), MP_OK);
	ck_assert_str_eq(buf_cstr(&r.log), form_log);
	ck_assert_int_eq(r.begins, 4);
	ck_assert_int_eq(r.ends, 4);
}
END_TEST

/* The same transcript whatever the cut, for every body of the list. */
START_TEST(chunked_feeding_gives_the_same_parts)
{
	static const struct {
		const char	*body;
		size_t		 len;
	} bodies[] = {
		{ S(form) },
		{ S("--XyZ\r\n" CD "name=f; filename=x\r\n\r\n"
		    "\r\n--XyY\r\r\n--Xy\r\n--X\r\n-\r\n\r\r\r\n--XyZ--") },
		{ S("\r\n--XyZ\r\n" CD "name=a\r\n\r\n\r\n--XyZ  \t\r\n"
		    CD "name=b\r\n\r\n--XyZ-\r\n--XyZ--") },
	};
	struct rec	 whole = { .abort_on_begin = MP_OK };
	struct rec	 cut = { .abort_on_begin = MP_OK };
	size_t		 i, chunk;

	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		ck_assert_int_eq(parse_as("XyZ", bodies[i].body, bodies[i].len,
		    0, &wide, &whole), MP_OK);
		for (chunk = 1; chunk <= 64; chunk++) {
			ck_assert_int_eq(parse_as("XyZ", bodies[i].body,
			    bodies[i].len, chunk, &wide, &cut), MP_OK);
			ck_assert_msg(cut.log.len == whole.log.len &&
			    memcmp(cut.log.data, whole.log.data,
			    whole.log.len) == 0,
			    "body %zu differs at chunk %zu", i, chunk);
		}
	}
	ck_assert_str_eq(buf_cstr(&whole.log),
	    "B[a][-][-]\nE[]\nB[b][-][-]\nE[--XyZ-]\n");
}
END_TEST

START_TEST(binary_content_with_partial_boundaries_survives)
{
	static const char body[] =
	    "--XyZ\r\n" CD "name=f; filename=bin\r\n\r\n"
	    "\0\r\n--XyY\0\r\n--Xy\xff\n--XyZ\r\n--xyz\r\r\n--XyY\r\n--\r\n"
	    "\n--XyZ\r\n-\r"
	    "\r\n--XyZ--\r\n";
	static const char want[] =
	    "B[f][bin][-]\nD["
	    "\0\r\n--XyY\0\r\n--Xy\xff\n--XyZ\r\n--xyz\r\r\n--XyY\r\n--\r\n"
	    "\n--XyZ\r\n-\r"
	    "]\nE file 53\n";
	struct rec	 r = { .abort_on_begin = MP_OK };
	size_t		 chunk;

	for (chunk = 0; chunk <= 64; chunk++) {
		ck_assert_int_eq(parse_as("XyZ", S(body), chunk, &wide, &r), MP_OK);
		ck_assert_uint_eq(r.log.len, sizeof(want) - 1);
		ck_assert_msg(memcmp(r.log.data, want, r.log.len) == 0,
		    "chunk %zu", chunk);
	}
	/*
	 * The whole delimiter followed by anything but "--", padding or CRLF is
	 * a malformed boundary line, not content (RFC 2046 forbids the
	 * delimiter inside a part).
	 */
	ck_assert_int_eq(parse(S("--XyZ\r\n" CD "name=f; filename=bin\r\n\r\n"
	    "a\r\n--XyZ\0\r\n--XyZ--"), &wide, &r), MP_ERR_SYNTAX);
	/* The part had ended at the delimiter: only finish() makes it final. */
	ck_assert_int_eq(r.ends, 1);
}
END_TEST

START_TEST(preamble_and_epilogue_are_ignored)
{
	struct rec	 r = { .abort_on_begin = MP_OK };

	ck_assert_int_eq(parse(S("junk --XyZ\r\nmore\r\n--XyZ\r\n" CD
	    "name=a\r\n\r\nv\r\n--XyZ--junk\r\n--XyZ\r\n\0\xff\n"), &wide, &r),
	    MP_OK);
	ck_assert_str_eq(buf_cstr(&r.log), "B[a][-][-]\nE[v]\n");
	/* A body with no part at all is well formed. */
	ck_assert_int_eq(parse(S("--XyZ--"), &wide, &r), MP_OK);
	ck_assert_int_eq(r.begins, 0);
}
END_TEST

START_TEST(missing_close_delimiter_is_truncated)
{
	static const char *const cut[] = {
		"",
		"preamble only\r\n",
		"--XyZ",
		"--XyZ-",
		"--XyZ\r",
		"--XyZ\r\n",
		"--XyZ\r\n" CD "name=a\r\n",
		"--XyZ\r\n" CD "name=a\r\n\r\nvalue",
		"--XyZ\r\n" CD "name=a\r\n\r\nvalue\r\n--Xy",
		"--XyZ\r\n" CD "name=a\r\n\r\nvalue\r\n--XyZ",
		"--XyZ\r\n" CD "name=a\r\n\r\nvalue\r\n--XyZ\r\n",
	};
	struct rec	 r = { .abort_on_begin = MP_OK };
	size_t		 i;

	for (i = 0; i < sizeof(cut) / sizeof(cut[0]); i++)
		ck_assert_msg(parse(cut[i], strlen(cut[i]), &wide, &r) ==
		    MP_ERR_TRUNCATED, "case %zu", i);
}
END_TEST

START_TEST(zero_byte_file_is_delivered)
{
	struct rec	 r = { .abort_on_begin = MP_OK };

	ck_assert_int_eq(parse(S("--XyZ\r\n" CD "name=f; filename=\"e.pdf\"\r\n"
	    "Content-Type: application/pdf\r\n\r\n\r\n--XyZ--"), &wide, &r),
	    MP_OK);
	ck_assert_str_eq(buf_cstr(&r.log),
	    "B[f][e.pdf][application/pdf]\nE file 0\n");
}
END_TEST

/* Parses one part whose Content-Disposition parameters are params. */
static enum mp_err
one_part(const char *params, struct rec *r)
{
	struct buf	 b;

	buf_init(&b, ar);
	buf_printf(&b, "--XyZ\r\nContent-Disposition: form-data; %s\r\n\r\n"
	    "data\r\n--XyZ--\r\n", params);
	return parse(b.data, b.len, &wide, r);
}

START_TEST(path_traversal_filenames_lose_their_directories)
{
	static const struct {
		const char	*params;
		const char	*log;
	} ok[] = {
		{ "name=f; filename=\"../../etc/passwd\"",
		    "B[f][passwd][-]\nD[data]\nE file 4\n" },
		{ "name=f; filename=\"..\\\\..\\\\x.pdf\"",
		    "B[f][x.pdf][-]\nD[data]\nE file 4\n" },
		/* A browser does not escape '\\': it stays a separator. */
		{ "name=f; filename=\"C:\\Users\\me\\..\\a.pdf\"",
		    "B[f][a.pdf][-]\nD[data]\nE file 4\n" },
		{ "name=f; filename=\"/abs/dir\\\\mixed/b.png\"",
		    "B[f][b.png][-]\nD[data]\nE file 4\n" },
		{ "name=f; filename=\"...\"",
		    "B[f][...][-]\nD[data]\nE file 4\n" },
		{ "name=f; filename=\"a\\\"b.pdf\"",
		    "B[f][a\"b.pdf][-]\nD[data]\nE file 4\n" },
		{ "name=f; filename=\"../x/.htaccess\"",
		    "B[f][.htaccess][-]\nD[data]\nE file 4\n" },
		{ "name=f; filename*=UTF-8''..%2F..%5Cevil.pdf",
		    "B[f][evil.pdf][-]\nD[data]\nE file 4\n" },
	};
	static const char *const refused[] = {
		"name=f; filename=\"/\"",
		"name=f; filename=\"\\\\\"",
		"name=f; filename=\"\"",
		"name=f; filename=\".\"",
		"name=f; filename=\"..\"",
		"name=f; filename=\"a/..\"",
		"name=f; filename=\"a\\..\"",
		"name=f; filename=\"../\"",
		"name=f; filename*=UTF-8''%2E%2E",
		"name=f; filename*=UTF-8''a%2F",
		"name=f; filename*=UTF-8''",
	};
	struct rec	 r = { .abort_on_begin = MP_OK };
	size_t		 i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		ck_assert_msg(one_part(ok[i].params, &r) == MP_OK, "ok %zu", i);
		ck_assert_str_eq(buf_cstr(&r.log), ok[i].log);
	}
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		ck_assert_msg(one_part(refused[i], &r) == MP_ERR_FILENAME,
		    "refused %zu", i);
		ck_assert_int_eq(r.begins, 0);
	}
}
END_TEST

START_TEST(filename_star_is_preferred)
{
	struct rec	 r = { .abort_on_begin = MP_OK };

	ck_assert_int_eq(one_part("name=f; filename=\"fallback.pdf\"; "
	    "filename*=utf-8'fa'%DA%AF%D8%B2%D8%A7%D8%B1%D8%B4.pdf", &r), MP_OK);
	ck_assert_str_eq(buf_cstr(&r.log),
	    "B[f][گزارش.pdf][-]\nD[data]\nE file 4\n");
	ck_assert_int_eq(one_part("filename*=UTF-8''a.pdf; name=f; "
	    "filename=b.pdf", &r), MP_OK);
	ck_assert_str_eq(buf_cstr(&r.log), "B[f][a.pdf][-]\nD[data]\nE file 4\n");
	/* Other charsets, bad escapes, characters that must be escaped. */
	ck_assert_int_eq(one_part("name=f; filename*=ISO-8859-1''a.pdf", &r),
	    MP_ERR_FILENAME);
	ck_assert_int_eq(one_part("name=f; filename*=UTF-8''a%2.pdf", &r),
	    MP_ERR_FILENAME);
	ck_assert_int_eq(one_part("name=f; filename*=UTF-8''a%zz.pdf", &r),
	    MP_ERR_FILENAME);
	ck_assert_int_eq(one_part("name=f; filename*=\"UTF-8''a b.pdf\"", &r),
	    MP_ERR_FILENAME);
	ck_assert_int_eq(one_part("name=f; filename*=UTF-8'a.pdf", &r),
	    MP_ERR_FILENAME);
	ck_assert_int_eq(one_part("name=f; filename*=UTF-8''%FF.pdf", &r),
	    MP_ERR_UTF8);
	ck_assert_int_eq(one_part("name=f; filename*=UTF-8''a%00.pdf", &r),
	    MP_ERR_UTF8);
}
END_TEST

START_TEST(invalid_utf8_is_refused)
{
	struct rec	 r = { .abort_on_begin = MP_OK };

	ck_assert_int_eq(one_part("name=\"\xc0\xaf\"", &r), MP_ERR_UTF8);
	ck_assert_int_eq(one_part("name=\"\xed\xa0\x80\"", &r), MP_ERR_UTF8);
	ck_assert_int_eq(one_part("name=f; filename=\"a\xff.pdf\"", &r),
	    MP_ERR_UTF8);
	ck_assert_int_eq(r.begins, 0);
	/* Raw UTF-8, as browsers send it, is fine. */
	ck_assert_int_eq(one_part("name=\"نام\"; filename=\"سند.pdf\"", &r),
	    MP_OK);
	ck_assert_str_eq(buf_cstr(&r.log), "B[نام][سند.pdf][-]\nD[data]\nE file 4\n");
	/* A plain field's value must be UTF-8 without NUL; a file's need not. */
	ck_assert_int_eq(parse(S("--XyZ\r\n" CD "name=a\r\n\r\nx\0y\r\n--XyZ--"),
	    &wide, &r), MP_ERR_UTF8);
	ck_assert_int_eq(parse(S("--XyZ\r\n" CD "name=a\r\n\r\n\xe2\x82\r\n--XyZ--"),
	    &wide, &r), MP_ERR_UTF8);
	ck_assert_int_eq(r.begins, 1);
	ck_assert_int_eq(r.ends, 0);
	/* A NUL in a header line is refused before anything is parsed. */
	ck_assert_int_eq(parse(S("--XyZ\r\n" CD "name=\"a\0b\"\r\n\r\n\r\n--XyZ--"),
	    &wide, &r), MP_ERR_SYNTAX);
}
END_TEST

START_TEST(bad_content_disposition_is_refused)
{
	static const char *const bad[] = {
		"--XyZ\r\n\r\nv\r\n--XyZ--",
		"--XyZ\r\nContent-Type: text/plain\r\n\r\nv\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\n\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data\r\n\r\n\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name\r\n\r\n\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a b\r\n\r\n\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data, name=a\r\n\r\n\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\n"
		    "\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a; filename=b; "
		    "filename=c\r\n\r\n\r\n--XyZ--",
		"--XyZ\r\n" CD "name=a\r\n" CD "name=b\r\n\r\n\r\n--XyZ--",
		"--XyZ\r\n" CD "name=a\r\ncontent-disposition: form-data; name=a\r\n"
		    "\r\n\r\n--XyZ--",
	};
	struct rec	 r = { .abort_on_begin = MP_OK };
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(parse(bad[i], strlen(bad[i]), &wide, &r) ==
		    MP_ERR_DISPOSITION, "case %zu", i);
		ck_assert_int_eq(r.begins, 0);
	}
	/* Spaces around '=' and a trailing ';' are harmless. */
	ck_assert_int_eq(parse(S("--XyZ\r\nContent-Disposition:form-data ; "
	    "name = \"a\" ;\r\n\r\n\r\n--XyZ--"), &wide, &r), MP_OK);
}
END_TEST

START_TEST(bad_header_lines_are_refused)
{
	static const char *const bad[] = {
		/* folding */
		"--XyZ\r\n" CD "\r\n name=a\r\n\r\n\r\n--XyZ--",
		"--XyZ\r\n" CD "name=a\r\nX-A: b\r\n\tc\r\n\r\n\r\n--XyZ--",
		/* bare LF and CR */
		"--XyZ\r\n" CD "name=a\n\n\r\n--XyZ--",
		"--XyZ\r\n" CD "name=a\r\r\n\r\n\r\n--XyZ--",
		"--XyZ\n" CD "name=a\r\n\r\n\r\n--XyZ--",
		/* no colon, empty or bad name, space before the colon */
		"--XyZ\r\n" CD "name=a\r\nnocolon\r\n\r\n\r\n--XyZ--",
		"--XyZ\r\n" CD "name=a\r\n: x\r\n\r\n\r\n--XyZ--",
		"--XyZ\r\n" CD "name=a\r\nX A: x\r\n\r\n\r\n--XyZ--",
		"--XyZ\r\n" CD "name=a\r\nX-A : x\r\n\r\n\r\n--XyZ--",
		/* controls */
		"--XyZ\r\n" CD "name=a\r\nX-A: \x1b[31m\r\n\r\n\r\n--XyZ--",
		/* Content-Type twice */
		"--XyZ\r\n" CD "name=a\r\nContent-Type: a/b\r\nContent-Type: c/d"
		    "\r\n\r\n\r\n--XyZ--",
		/* a boundary line with junk after it */
		"--XyZ\r\n" CD "name=a\r\n\r\nv\r\n--XyZjunk\r\n--XyZ--",
		"--XyZ \tx\r\n" CD "name=a\r\n\r\nv\r\n--XyZ--",
		"--XyZ\r\n" CD "name=a\r\n\r\nv\r\n--XyZ-x",
	};
	struct rec	 r = { .abort_on_begin = MP_OK };
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(parse(bad[i], strlen(bad[i]), &wide, &r) ==
		    MP_ERR_SYNTAX, "case %zu", i);
	/* Transport padding after a boundary is allowed. */
	ck_assert_int_eq(parse(S("--XyZ \t \r\n" CD "name=a\r\n\r\nv\r\n--XyZ--"),
	    &wide, &r), MP_OK);
}
END_TEST

/* n parts of one byte each. */
static struct buf
parts_body(size_t n)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b, ar);
	for (i = 0; i < n; i++)
		buf_puts(&b, "--XyZ\r\n" CD "name=p\r\n\r\nv\r\n");
	buf_puts(&b, "--XyZ--");
	return b;
}

START_TEST(parts_limit_at_and_one_past)
{
	struct multipart_limits	 lim = wide;
	struct rec		 r = { .abort_on_begin = MP_OK };
	struct buf		 b;

	lim.max_parts = 5;
	b = parts_body(5);
	ck_assert_int_eq(parse(b.data, b.len, &lim, &r), MP_OK);
	ck_assert_int_eq(r.ends, 5);
	b = parts_body(6);
	ck_assert_int_eq(parse(b.data, b.len, &lim, &r), MP_ERR_PARTS);
	ck_assert_int_eq(r.ends, 5);
	lim.max_parts = 0;
	ck_assert_int_eq(parse(S("--XyZ--"), &lim, &r), MP_OK);
	b = parts_body(1);
	ck_assert_int_eq(parse(b.data, b.len, &lim, &r), MP_ERR_PARTS);
}
END_TEST

START_TEST(header_limit_at_and_one_past)
{
	static const char hdrs[] =
	    CD "name=a\r\nContent-Type: text/plain\r\n\r\n";
	static const char body[] = "--XyZ\r\n" CD "name=a\r\n"
	    "Content-Type: text/plain\r\n\r\nv\r\n--XyZ--";
	static const char padded[] = "--XyZ  \r\n" CD "name=a\r\n"
	    "Content-Type: text/plain\r\n\r\nv\r\n--XyZ--";
	struct multipart_limits	 lim = wide;
	struct rec		 r = { .abort_on_begin = MP_OK };
	struct buf		 b;
	size_t			 i;

	lim.max_header_bytes = sizeof(hdrs) - 1;
	ck_assert_int_eq(parse(S(body), &lim, &r), MP_OK);
	ck_assert_int_eq(parse(S(padded), &lim, &r), MP_ERR_HEADERS);
	lim.max_header_bytes = sizeof(hdrs) - 2;
	ck_assert_int_eq(parse(S(body), &lim, &r), MP_ERR_HEADERS);
	ck_assert_int_eq(r.begins, 0);
	/* Transport padding counts toward the next part's headers. */
	lim.max_header_bytes = sizeof(hdrs) + 1;
	ck_assert_int_eq(parse(S(padded), &lim, &r), MP_OK);
	lim.max_header_bytes = sizeof(hdrs);
	ck_assert_int_eq(parse(S(padded), &lim, &r), MP_ERR_HEADERS);
	/* An endless header section stops at the limit, whatever the feed. */
	lim.max_header_bytes = 1024;
	buf_init(&b, ar);
	buf_puts(&b, "--XyZ\r\n" CD "name=a\r\n");
	for (i = 0; i < 200; i++)
		buf_puts(&b, "X-Junk: aaaa\r\n");
	ck_assert_int_eq(parse_as("XyZ", b.data, b.len, 7, &lim, &r),
	    MP_ERR_HEADERS);
	lim.max_header_bytes = 0;
	ck_assert_int_eq(parse(S(body), &lim, &r), MP_ERR_HEADERS);
	ck_assert_int_eq(parse(S(padded), &lim, &r), MP_ERR_HEADERS);
}
END_TEST

START_TEST(field_limit_at_and_one_past)
{
	struct multipart_limits	 lim = wide;
	struct rec		 r = { .abort_on_begin = MP_OK };
	struct buf		 b;
	size_t			 chunk, start;

	lim.max_field_bytes = 300;
	for (chunk = 0; chunk < 70; chunk += 7) {
		buf_init(&b, ar);
		buf_puts(&b, "--XyZ\r\n" CD "name=a\r\n\r\n");
		start = b.len;
		while (b.len < start + 300)
			buf_putc(&b, 'x');
		buf_puts(&b, "\r\n--XyZ--");
		ck_assert_int_eq(parse_as("XyZ", b.data, b.len, chunk, &lim, &r),
		    MP_OK);
		ck_assert_int_eq(r.ends, 1);
		ck_assert_uint_eq(r.log.len, 11 + 2 + 300 + 2);

		buf_init(&b, ar);
		buf_puts(&b, "--XyZ\r\n" CD "name=a\r\n\r\n");
		while (b.len < start + 301)
			buf_putc(&b, 'x');
		buf_puts(&b, "\r\n--XyZ--");
		ck_assert_int_eq(parse_as("XyZ", b.data, b.len, chunk, &lim, &r),
		    MP_ERR_FIELD);
		ck_assert_int_eq(r.ends, 0);
	}
	/* The held-back "\r\n-" counts once it turns out to be content. */
	lim.max_field_bytes = 4;
	ck_assert_int_eq(parse(S("--XyZ\r\n" CD "name=a\r\n\r\n\r\n-\r\n--XyZ--"),
	    &lim, &r), MP_OK);
	ck_assert_int_eq(parse(S("--XyZ\r\n" CD "name=a\r\n\r\nxy\r\n-\r\n--XyZ--"),
	    &lim, &r), MP_ERR_FIELD);
	lim.max_field_bytes = 0;
	ck_assert_int_eq(parse(S("--XyZ\r\n" CD "name=a\r\n\r\n\r\n--XyZ--"),
	    &lim, &r), MP_OK);
}
END_TEST

START_TEST(file_limit_at_and_one_past)
{
	struct multipart_limits	 lim = wide;
	struct rec		 r = { .abort_on_begin = MP_OK };
	struct buf		 b;
	size_t			 chunk, n, start;

	lim.max_file_bytes = 1000;
	for (n = 999; n <= 1001; n++)
		for (chunk = 0; chunk <= 64; chunk += 16) {
			buf_init(&b, ar);
			buf_puts(&b, "--XyZ\r\n" CD "name=f; filename=f.pdf\r\n\r\n");
			start = b.len;
			while (b.len < start + n)
				buf_putc(&b, b.len % 3 == 0 ? '\r' : '\n');
			buf_puts(&b, "\r\n--XyZ--");
			ck_assert_int_eq(parse_as("XyZ", b.data, b.len, chunk, &lim,
			    &r), n <= 1000 ? MP_OK : MP_ERR_FILE_SIZE);
			ck_assert_int_eq(r.ends, n <= 1000);
			if (n <= 1000)
				ck_assert_ptr_nonnull(strstr(buf_cstr(&r.log),
				    n == 1000 ? "E file 1000\n" : "E file 999\n"));
		}
	/* Two files each at the limit are fine: the limit is per file. */
	lim.max_file_bytes = 3;
	ck_assert_int_eq(parse(S("--XyZ\r\n" CD "name=f; filename=a\r\n\r\nabc"
	    "\r\n--XyZ\r\n" CD "name=g; filename=b\r\n\r\ndef\r\n--XyZ--"), &lim,
	    &r), MP_OK);
	ck_assert_int_eq(r.ends, 2);
}
END_TEST

START_TEST(total_limit_at_and_one_past)
{
	static const char body[] = "--XyZ\r\n" CD "name=f; filename=a\r\n\r\n"
	    "abc\r\n--XyZ--\r\n";
	struct multipart_limits	 lim = wide;
	struct rec		 r = { .abort_on_begin = MP_OK };
	size_t			 chunk;

	for (chunk = 0; chunk <= 20; chunk++) {
		lim.max_total_bytes = sizeof(body) - 1;
		ck_assert_int_eq(parse_as("XyZ", S(body), chunk, &lim, &r), MP_OK);
		lim.max_total_bytes = sizeof(body) - 2;
		ck_assert_int_eq(parse_as("XyZ", S(body), chunk, &lim, &r),
		    MP_ERR_TOTAL);
	}
	/* The epilogue counts too. */
	lim.max_total_bytes = sizeof(body) - 1;
	ck_assert_int_eq(parse(S("--XyZ\r\n" CD "name=f; filename=a\r\n\r\n"
	    "abc\r\n--XyZ--\r\n!"), &lim, &r), MP_ERR_TOTAL);
}
END_TEST

START_TEST(callback_error_stops_the_parse)
{
	struct rec		 r = { .abort_on_begin = MP_ERR_ABORTED };
	struct multipart	*mp;

	ck_assert_int_eq(parse(S(form), &wide, &r), MP_ERR_ABORTED);
	ck_assert_int_eq(r.begins, 1);
	ck_assert_int_eq(r.ends, 0);
	/* A dead parser keeps its error. */
	r.abort_on_begin = MP_OK;
	buf_init(&r.log, ar);
	mp = multipart_new(ar, "XyZ", &wide, &cbs, &r);
	ck_assert_int_eq(multipart_feed(mp, S("--XyZ\r\nbad\r\n\r\n")),
	    MP_ERR_SYNTAX);
	ck_assert_int_eq(multipart_feed(mp, S("--XyZ--")), MP_ERR_SYNTAX);
	ck_assert_int_eq(multipart_finish(mp), MP_ERR_SYNTAX);
	ck_assert_int_eq(multipart_feed(NULL, S("x")), MP_ERR_SYNTAX);
	ck_assert_int_eq(multipart_finish(NULL), MP_ERR_SYNTAX);
}
END_TEST

START_TEST(messages_are_persian_and_never_null)
{
	int	 e;

	for (e = 0; e <= MP__MAX; e++) {
		ck_assert_ptr_nonnull(mp_err_message((enum mp_err)e));
		ck_assert(utf8_valid(mp_err_message((enum mp_err)e),
		    strlen(mp_err_message((enum mp_err)e))));
	}
	ck_assert_ptr_nonnull(strstr(mp_err_message(MP_ERR_FILE_SIZE), "فایل"));
	ck_assert_ptr_nonnull(mp_err_message((enum mp_err)1000));
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("multipart");
	TCase	*tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, boundary_is_found_bare_or_quoted);
	tcase_add_test(tc, boundary_refuses_malformed_content_types);
	tcase_add_test(tc, new_refuses_bad_boundaries_and_arguments);
	tcase_add_test(tc, form_with_fields_and_two_files);
	tcase_add_test(tc, chunked_feeding_gives_the_same_parts);
	tcase_add_test(tc, binary_content_with_partial_boundaries_survives);
	tcase_add_test(tc, preamble_and_epilogue_are_ignored);
	tcase_add_test(tc, missing_close_delimiter_is_truncated);
	tcase_add_test(tc, zero_byte_file_is_delivered);
	tcase_add_test(tc, path_traversal_filenames_lose_their_directories);
	tcase_add_test(tc, filename_star_is_preferred);
	tcase_add_test(tc, invalid_utf8_is_refused);
	tcase_add_test(tc, bad_content_disposition_is_refused);
	tcase_add_test(tc, bad_header_lines_are_refused);
	tcase_add_test(tc, parts_limit_at_and_one_past);
	tcase_add_test(tc, header_limit_at_and_one_past);
	tcase_add_test(tc, field_limit_at_and_one_past);
	tcase_add_test(tc, file_limit_at_and_one_past);
	tcase_add_test(tc, total_limit_at_and_one_past);
	tcase_add_test(tc, callback_error_stops_the_parse);
	tcase_add_test(tc, messages_are_persian_and_never_null);
	suite_add_tcase(s, tc);
	return check_run(s);
}
