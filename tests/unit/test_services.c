/*
 * Unit tests of the quota rule of services by rank: floor(share x services of the
 * area) in integers, with its edges (no services, a share that rounds to nothing,
 * the defaults 100/70/30, out-of-range inputs clamped).  No database.
 */
#include <check.h>

#include "check_run.h"

#include "model/services.h"

START_TEST(quota_no_services)
{
	ck_assert_int_eq(services_quota(100, 0), 0);
	ck_assert_int_eq(services_quota(70, 0), 0);
	ck_assert_int_eq(services_quota(30, 0), 0);
}
END_TEST

START_TEST(quota_rounds_down)
{
	/* 30 % of one service is 0.3: nothing. */
	ck_assert_int_eq(services_quota(30, 1), 0);
	/* 70 % of 3 is 2.1: two. */
	ck_assert_int_eq(services_quota(70, 3), 2);
	/* 70 % of 10 is exactly 7. */
	ck_assert_int_eq(services_quota(70, 10), 7);
	ck_assert_int_eq(services_quota(30, 10), 3);
	ck_assert_int_eq(services_quota(30, 3), 0);
	ck_assert_int_eq(services_quota(30, 4), 1);
	ck_assert_int_eq(services_quota(70, 1), 0);
	ck_assert_int_eq(services_quota(70, 2), 1);
	ck_assert_int_eq(services_quota(99, 99), 98);
}
END_TEST

START_TEST(quota_rank1_all)
{
	ck_assert_int_eq(services_quota(100, 1), 1);
	ck_assert_int_eq(services_quota(100, 48), 48);
	ck_assert_int_eq(services_quota(100, 100000), 100000);
}
END_TEST

START_TEST(quota_no_rank)
{
	/* An office without a rank has share 0: no services. */
	ck_assert_int_eq(services_quota(0, 48), 0);
}
END_TEST

START_TEST(quota_clamped)
{
	ck_assert_int_eq(services_quota(-5, 10), 0);
	ck_assert_int_eq(services_quota(150, 10), 10);
	ck_assert_int_eq(services_quota(70, -3), 0);
}
END_TEST

START_TEST(quota_codes)
{
	ck_assert_int_eq(services_code_ok("nocr.smart-card", 15), 1);
	ck_assert_int_eq(services_code_ok("A_b-9.z", 7), 1);
	ck_assert_int_eq(services_code_ok("", 0), 0);
	ck_assert_int_eq(services_code_ok("a b", 3), 0);
	ck_assert_int_eq(services_code_ok("خدمت", 8), 0);
	ck_assert_int_eq(services_code_ok("0123456789012345678901234567890123", 33), 0);
	ck_assert_int_eq(services_code_ok("01234567890123456789012345678901", 32), 1);
}
END_TEST

static Suite *
services_suite(void)
{
	Suite	*s = suite_create("services");
	TCase	*tc = tcase_create("quota");

	tcase_add_test(tc, quota_no_services);
	tcase_add_test(tc, quota_rounds_down);
	tcase_add_test(tc, quota_rank1_all);
	tcase_add_test(tc, quota_no_rank);
	tcase_add_test(tc, quota_clamped);
	tcase_add_test(tc, quota_codes);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(services_suite());
}
