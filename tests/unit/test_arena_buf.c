/*
 * Unit tests of the region allocator and the growable buffer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_run.h"

#include "arena.h"
#include "buf.h"
#include "xalloc.h"

START_TEST(arena_allocations_are_aligned_and_distinct)
{
	struct arena	*a = arena_new(1024);
	char		*p, *q;
	int		 i;

	for (i = 1; i < 200; i++) {
		p = arena_alloc(a, (size_t)i);
		q = arena_alloc(a, (size_t)i);
		ck_assert_uint_eq((uintptr_t)p % _Alignof(max_align_t), 0);
		ck_assert_ptr_ne(p, q);
		memset(p, 0xAA, (size_t)i);
		memset(q, 0x55, (size_t)i);
		ck_assert_int_eq((unsigned char)p[i - 1], 0xAA);
	}
	arena_free(a);
}
END_TEST

START_TEST(arena_big_allocation_gets_its_own_chunk_and_reset_releases_it)
{
	struct arena	*a = arena_new(4096);
	size_t		 before;
	char		*big;

	before = arena_reserved(a);
	big = arena_alloc(a, 1 << 20);
	memset(big, 1, 1 << 20);
	ck_assert_uint_gt(arena_reserved(a), before + (1 << 20) - 1);
	arena_reset(a);
	ck_assert_uint_eq(arena_reserved(a), before);
	arena_free(a);
}
END_TEST

START_TEST(arena_reset_keeps_first_chunk_only)
{
	struct arena	*a = arena_new(1024);
	size_t		 first;
	int		 i;

	first = arena_reserved(a);
	for (i = 0; i < 100; i++)
		(void)arena_alloc(a, 200);
	ck_assert_uint_gt(arena_reserved(a), first);
	arena_reset(a);
	ck_assert_uint_eq(arena_reserved(a), first);
	arena_free(a);
}
END_TEST

START_TEST(arena_printf_and_strndup)
{
	struct arena	*a = arena_new(1024);

	ck_assert_str_eq(arena_printf(a, "%s=%d", "x", 42), "x=42");
	ck_assert_str_eq(arena_strndup(a, "abcdef", 3), "abc");
	ck_assert_str_eq(arena_strndup(a, "ab", 10), "ab");
	arena_free(a);
}
END_TEST

START_TEST(overflow_checks_refuse_wrapping_sizes)
{
	size_t	 out;

	ck_assert_int_eq(mul_ok(SIZE_MAX / 2 + 1, 2, &out), 0);
	ck_assert_int_eq(mul_ok(1000, 1000, &out), 1);
	ck_assert_uint_eq(out, 1000000);
	ck_assert_int_eq(add_ok(SIZE_MAX, 1, &out), 0);
	ck_assert_int_eq(add_ok(1, 2, &out), 1);
}
END_TEST

START_TEST(buf_grows_and_stays_terminated)
{
	struct buf	 b;
	int		 i;

	buf_init(&b, NULL);
	ck_assert_str_eq(buf_cstr(&b), "");
	for (i = 0; i < 10000; i++)
		buf_putc(&b, 'x');
	ck_assert_uint_eq(b.len, 10000);
	ck_assert_int_eq(b.data[b.len], '\0');
	buf_printf(&b, "%05d", 7);
	ck_assert_str_eq(b.data + 10000, "00007");
	buf_clear(&b);
	ck_assert_str_eq(buf_cstr(&b), "");
	buf_free(&b);
}
END_TEST

START_TEST(buf_keeps_embedded_nul)
{
	struct arena	*a = arena_new(1024);
	struct buf	 b;

	buf_init(&b, a);
	buf_append(&b, "a\0b", 3);
	ck_assert_uint_eq(b.len, 3);
	ck_assert_int_eq(memcmp(b.data, "a\0b", 3), 0);
	arena_free(a);
}
END_TEST

START_TEST(buf_arena_backed_survives_many_reallocations)
{
	struct arena	*a = arena_new(1024);
	struct buf	 b;
	int		 i;

	buf_init(&b, a);
	for (i = 0; i < 5000; i++)
		buf_puts(&b, "۱۲۳");
	ck_assert_uint_eq(b.len, 5000 * strlen("۱۲۳"));
	ck_assert_int_eq(memcmp(b.data + b.len - 4, "۲۳", 4), 0);
	arena_free(a);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("arena_buf");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, arena_allocations_are_aligned_and_distinct);
	tcase_add_test(tc, arena_big_allocation_gets_its_own_chunk_and_reset_releases_it);
	tcase_add_test(tc, arena_reset_keeps_first_chunk_only);
	tcase_add_test(tc, arena_printf_and_strndup);
	tcase_add_test(tc, overflow_checks_refuse_wrapping_sizes);
	tcase_add_test(tc, buf_grows_and_stays_terminated);
	tcase_add_test(tc, buf_keeps_embedded_nul);
	tcase_add_test(tc, buf_arena_backed_survives_many_reallocations);
	suite_add_tcase(s, tc);
	return check_run(s);
}
