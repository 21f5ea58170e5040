/* test_series.c - series interpolation and survival functions. */
#include <math.h>
#include <string.h>

#include "dcd_scenario.h"
#include "dcd_series.h"
#include "dcd_survival.h"
#include "harness.h"

static void set_points(dcd_series *s, size_t n, const double *x, const double *y, dcd_interp m)
{
    s->n = n;
    s->year = malloc(n * sizeof *s->year);
    s->value = malloc(n * sizeof *s->value);
    memcpy(s->year, x, n * sizeof *x);
    memcpy(s->value, y, n * sizeof *y);
    s->interp = m;
}

static void test_constant(void)
{
    dcd_series s = {0};
    double out[5];
    gsl_test(dcd_series_const(&s, 2.385), "constant series allocates");
    gsl_test(dcd_series_sample(&s, 2020, 5, -1, NULL, out), "constant sample succeeds");
    for (int i = 0; i < 5; i++)
        gsl_test_rel(out[i], 2.385, 0, "constant series holds 2.385 in year %d", 2020 + i);
    dcd_series_free(&s);
    gsl_test(dcd_series_sample(&s, 2020, 5, 7.25, NULL, out), "empty series samples");
    gsl_test_rel(out[3], 7.25, 0, "empty series gives the fallback");
}

static void test_linear(void)
{
    const double x[] = {2023, 2027, 2030}, y[] = {1.4, 1.3, 1.21};
    dcd_series s = {0};
    set_points(&s, 3, x, y, DCD_INTERP_LINEAR);
    double out[12];
    gsl_test(dcd_series_sample(&s, 2020, 12, 0, NULL, out), "linear sample succeeds");
    gsl_test_rel(out[0], 1.4, 1e-15, "flat before the first point (2020)");
    gsl_test_rel(out[3], 1.4, 1e-15, "at the first point (2023)");
    gsl_test_rel(out[4], 1.4 - 0.1 * 0.25, 1e-14, "a quarter of the way (2024)");
    gsl_test_rel(out[5], 1.35, 1e-14, "half way (2025)");
    gsl_test_rel(out[8], 1.3 - 0.09 / 3, 1e-14, "second interval (2028)");
    gsl_test_rel(out[10], 1.21, 1e-15, "at the last point (2030)");
    gsl_test_rel(out[11], 1.21, 1e-15, "flat after the last point (2031)");
    gsl_test_rel(dcd_series_at(&s, 2026), 1.325, 1e-14, "dcd_series_at at 2026");
    dcd_series_free(&s);
}

static void test_step(void)
{
    const double x[] = {2024, 2026}, y[] = {0.75, 0.4};
    dcd_series s = {0};
    set_points(&s, 2, x, y, DCD_INTERP_STEP);
    double out[5];
    gsl_test(dcd_series_sample(&s, 2023, 5, 0, NULL, out), "step sample succeeds");
    gsl_test_rel(out[0], 0.75, 0, "step: before first point");
    gsl_test_rel(out[2], 0.75, 0, "step: holds until the next point (2025)");
    gsl_test_rel(out[3], 0.4, 0, "step: next point (2026)");
    gsl_test_rel(out[4], 0.4, 0, "step: after the last point");
    dcd_series_free(&s);
}

static void test_steffen(void)
{
    /* Monotone data: Steffen's method never overshoots. */
    const double x[] = {2020, 2023, 2024, 2030}, y[] = {1.0, 1.1, 4.0, 4.5};
    dcd_series s = {0};
    set_points(&s, 4, x, y, DCD_INTERP_STEFFEN);
    dcd_series_ws *w = dcd_series_ws_alloc(4);
    double out[13];
    gsl_test(w == NULL, "workspace allocates");
    gsl_test(dcd_series_sample(&s, 2018, 13, 0, w, out), "steffen sample succeeds");
    gsl_test_rel(out[0], 1.0, 0, "steffen: flat before the first point");
    gsl_test_rel(out[5], 1.1, 1e-12, "steffen: passes through 2023");
    gsl_test_rel(out[6], 4.0, 1e-12, "steffen: passes through 2024");
    int mono = 1;
    for (int i = 1; i < 13; i++)
        if (out[i] < out[i - 1] - 1e-12)
            mono = 0;
    gsl_test(!mono, "steffen: monotone data give a monotone series");
    int bounded = 1;
    for (int i = 0; i < 13; i++)
        if (out[i] < 1.0 - 1e-12 || out[i] > 4.5 + 1e-12)
            bounded = 0;
    gsl_test(!bounded, "steffen: no overshoot beyond the data range");
    gsl_test_rel(dcd_series_at(&s, 2027), out[9], 1e-12, "dcd_series_at agrees with sampling");
    gsl_test(dcd_series_sample(&s, 2018, 13, 0, NULL, out) == 0,
             "steffen without a workspace is refused");
    dcd_series_ws_free(w);
    dcd_series_free(&s);
}

static void test_survival(void)
{
    dcd_survival fixed = {DCD_SURV_FIXED, 4, 0, 0};
    gsl_test_rel(dcd_survival_at(&fixed, 0), 1, 0, "fixed: new units survive");
    gsl_test_rel(dcd_survival_at(&fixed, 3), 1, 0, "fixed: age L-1 survives");
    gsl_test_rel(dcd_survival_at(&fixed, 4), 0, 0, "fixed: age L is retired");
    dcd_survival ex = {DCD_SURV_EXPONENTIAL, 5.5, 0, 0};
    gsl_test_rel(dcd_survival_at(&ex, 2.385), exp(-2.385 / 5.5), 1e-15, "exponential S(a)");
    dcd_survival wb = {DCD_SURV_WEIBULL, 0, 6.1, 2.7};
    gsl_test_rel(dcd_survival_at(&wb, 3.3), exp(-pow(3.3 / 6.1, 2.7)), 1e-13, "Weibull S(a)");
    gsl_test_rel(dcd_survival_at(&wb, 0), 1, 0, "Weibull S(0) = 1");
}

int main(void)
{
    harness_init();
    test_constant();
    test_linear();
    test_step();
    test_steffen();
    test_survival();
    return gsl_test_summary();
}
