/*
 * The common end of every unit-test program: run the suite, print Check's summary
 * line (which tests/run.sh adds up), exit 0 only when every test passed.
 */
#ifndef GEPS_CHECK_RUN_H
#define GEPS_CHECK_RUN_H

#include <check.h>

static inline int
check_run(Suite *s)
{
	SRunner	*sr = srunner_create(s);
	int	 nf;

	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf == 0 ? 0 : 1;
}

#endif
