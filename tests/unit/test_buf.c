/* test_buf.c - number formatting of the result files (dcd_buf_num). */
#include <math.h>
#include <string.h>

#include "dcd_buf.h"
#include "harness.h"

static void num(double x, const char *expected)
{
    dcd_buf b = {0};
    dcd_buf_num(&b, x);
    gsl_test_str(dcd_buf_str(&b), expected, "dcd_buf_num(%.17g)", x);
    dcd_buf_free(&b);
}

int main(void)
{
    harness_init();
    num(4000, "4000");
    num(2.385, "2.385");
    num(0.1, "0.1");
    num(-0.25, "-0.25");
    num(1.0 / 3.0, "0.333333333333");
    num(5e11, "500000000000");
    num(6741092121.29, "6741092121.29");
    num(1e15, "1e+15");
    num(2.5e-7, "2.5e-07");
    num(-0.0, "0");
    num(NAN, "");
    num(147, "147");
    dcd_buf b = {0};
    dcd_buf_printf(&b, "%s-%d", "a", 7);
    dcd_buf_puts(&b, "!");
    gsl_test_str(dcd_buf_str(&b), "a-7!", "printf and puts append");
    gsl_test_int((int)b.len, 4, "length tracks appends");
    dcd_buf_free(&b);
    gsl_test_str(dcd_buf_str(&b), "", "a freed buffer reads as empty");
    return gsl_test_summary();
}
