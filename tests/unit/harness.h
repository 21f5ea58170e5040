/* harness.h - unit tests on GSL's test harness (gsl/gsl_test.h).
 *
 * Each test program calls gsl_test_* for every assertion with verbose output
 * on, so each assertion prints one PASS: or FAIL: line; tests/run.sh counts
 * them.  gsl_test_summary() gives the program's exit status.
 */
#ifndef DCD_TEST_HARNESS_H
#define DCD_TEST_HARNESS_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_test.h>
#include <stdio.h>
#include <stdlib.h>

static inline void harness_init(void)
{
    gsl_set_error_handler_off();
    gsl_test_verbose(1);
}

#endif
