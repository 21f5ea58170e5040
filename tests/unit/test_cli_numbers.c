/* test_cli_numbers.c - the one rule by which every command reads an
 * option's number (dcd_cli_number, dcd_cli_whole, dcd_cli_years in
 * model/cli/cli_progress.c); tests/cli/test_numbers.sh checks every option's
 * message. */
#include <stdio.h>
#include <string.h>

#include "dcd_cli.h"
#include "dcd_compare.h"
#include "harness.h"

/* Whether TEXT is a number, and (when it is) its value is WANT. */
static void number(const char *text, int ok, double want)
{
    double v = -12.375;
    int rc = dcd_cli_number(text, &v);
    gsl_test_int(rc, ok ? 0 : -1, "number '%s': %s", text, ok ? "accepted" : "refused");
    if (ok)
        gsl_test_rel(v, want, 0, "number '%s' = %g", text, want);
    else
        gsl_test_rel(v, -12.375, 0, "number '%s': *OUT unchanged", text);
}

/* Whether TEXT is a whole number LO-HI, and (when it is) that it is WANT. */
static void whole(const char *text, long lo, long hi, int ok, long want)
{
    long v = -7;
    int rc = dcd_cli_whole(text, lo, hi, &v);
    gsl_test_int(rc, ok ? 0 : -1, "whole '%s' in %ld-%ld: %s", text, lo, hi,
                 ok ? "accepted" : "refused");
    gsl_test(v != (ok ? want : -7), "whole '%s' = %ld (got %ld)", text, ok ? want : -7, v);
}

static void test_number(void)
{
    number("2.385", 1, 2.385);
    number("+12", 1, 12);
    number("-1e-9", 1, -1e-9);
    number("2.03e3", 1, 2030);
    number("1e300", 1, 1e300);
    number(".5", 1, 0.5);
    const char *bad[] = {"",    " 1",   "1 ",       "1x",    "0x10",   "0x1p3",  "nan", "-nan",
                         "inf", "-inf", "infinity", "1e999", "-1e999", "1e-400", "1,5", "--1"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        number(bad[i], 0, 0);
}

static void test_whole(void)
{
    whole("2030", 1900, 2200, 1, 2030);
    whole("2.03e3", 1900, 2200, 1, 2030);
    whole("2030.000", 1900, 2200, 1, 2030);
    whole("20300e-1", 1900, 2200, 1, 2030);
    whole(".203e4", 1900, 2200, 1, 2030);
    whole("0002030.", 1900, 2200, 1, 2030);
    whole("1900", 1900, 2200, 1, 1900);
    whole("2200", 1900, 2200, 1, 2200);
    whole("-0", 0, 5, 1, 0);
    whole("0e99999999999999999999", 0, 5, 1, 0);
    /* A fraction, even one whose double is whole. */
    whole("2030.5", 1900, 2200, 0, 0);
    whole("2030.0000000000001", 1900, 2200, 0, 0);
    whole("203000000000001e-11", 1900, 2200, 0, 0);
    whole("2.0000000000000001", 1, 100, 0, 0);
    /* Out of range, checked before any conversion. */
    whole("1899", 1900, 2200, 0, 0);
    whole("2201", 1900, 2200, 0, 0);
    whole("1e300", 1900, 2200, 0, 0);
    whole("-1e300", 1900, 2200, 0, 0);
    whole("1e99999999999999999999", 0, 5, 0, 0);
    whole("nan", 1900, 2200, 0, 0);
    /* The largest bound: every whole number up to it is exact, and a larger
     * one never rounds into the range. */
    whole("9007199254740991", 0, DCD_CLI_WHOLE_MAX, 1, 9007199254740991L);
    whole("9.007199254740991e15", 0, DCD_CLI_WHOLE_MAX, 1, 9007199254740991L);
    whole("9007199254740992", 0, DCD_CLI_WHOLE_MAX, 0, 0);
    whole("9007199254740993", 0, DCD_CLI_WHOLE_MAX, 0, 0);
    whole("-9007199254740991", -DCD_CLI_WHOLE_MAX, 0, 1, -9007199254740991L);
    whole("-9007199254740993", -DCD_CLI_WHOLE_MAX, 0, 0, 0);
}

static void years(const char *text, int want, int first, int last)
{
    int y[DCD_COMPARE_MAX_YEARS];
    int n = dcd_cli_years(text, y, DCD_COMPARE_MAX_YEARS);
    gsl_test_int(n, want, "years '%.40s': %d", text, want);
    if (want > 0 && n == want) {
        gsl_test_int(y[0], first, "years '%.40s': the first", text);
        gsl_test_int(y[n - 1], last, "years '%.40s': the last", text);
    }
}

static void test_years(void)
{
    years("2030", 1, 2030, 2030);
    years("2025,2.03e3,2035", 3, 2025, 2035);
    const char *bad[] = {"",           ",",
                         "2025,",      ",2030",
                         "2025,,2030", "2025, 2030",
                         "2025 ,2030", "2025;2030",
                         "2030.5",     "1899,2030",
                         "2030,inf",   "2030,1e300",
                         "0x7ee",      "2030.0000000000001"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        years(bad[i], -1, 0, 0);
    /* At most MAX; an item of 64 characters or more (no year needs them) is
     * refused. */
    char list[64 * 5 + 8] = "";
    for (int i = 0; i < DCD_COMPARE_MAX_YEARS; i++)
        strcat(list, i ? ",2030" : "2030");
    years(list, DCD_COMPARE_MAX_YEARS, 2030, 2030);
    strcat(list, ",2030");
    years(list, -1, 0, 0);
    char longitem[100];
    memset(longitem, '0', sizeof longitem - 5);
    strcpy(longitem + sizeof longitem - 5, "2030");
    years(longitem, -1, 0, 0);
}

int main(void)
{
    harness_init();
    test_number();
    test_whole();
    test_years();
    return gsl_test_summary();
}
