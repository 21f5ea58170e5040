/* test_sobol.c - Sobol indices of functions with known indices (Ishigami,
 * a linear model), the Saltelli design, ranking, and the tornado. */
#include <gsl/gsl_math.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <string.h>

#include "dcd_dist.h"
#include "dcd_sobol.h"
#include "harness.h"

typedef double (*fn)(const double *x);

static double ishigami(const double *x)
{
    double s = sin(x[0]);
    return s + 7 * sin(x[1]) * sin(x[1]) + 0.1 * pow(x[2], 4) * s;
}

static const double W[4] = {1.0, 2.385, -3.0, 0.5};

static double linear(const double *x)
{
    return W[0] * x[0] + W[1] * x[1] + W[2] * x[2] + W[3] * x[3] + 42;
}

/* Runs the Saltelli design for F on DISTS (D inputs) with NBASE base rows
 * (LHS), into OUT. */
static int run_design(fn f, const dcd_dist *dists, size_t d, size_t nbase, dcd_sobol_index *out)
{
    int st;
    size_t nb = dcd_sample_nblocks(nbase), w = dcd_saltelli_per_row(d);
    dcd_sampler *s = dcd_sampler_alloc(DCD_SAMPLING_LHS, 2024, nbase, 2 * d, 0, nb, &st);
    gsl_rng *r = gsl_rng_alloc(dcd_rng_type());
    double *u2 = malloc(DCD_SAMPLE_BLOCK * 2 * d * sizeof *u2), *y = malloc(nbase * w * sizeof *y);
    double u[8], x[8];
    for (size_t b = 0; b < nb; b++) {
        size_t m = dcd_sampler_block(s, b, r, u2);
        for (size_t i = 0; i < m; i++) {
            size_t j = b * DCD_SAMPLE_BLOCK + i;
            for (size_t k = 0; k < w; k++) {
                dcd_saltelli_point(u2 + i * 2 * d, d, k, u);
                for (size_t c = 0; c < d; c++)
                    x[c] = dcd_dist_quantile(&dists[c], u[c]);
                y[j * w + k] = f(x);
            }
        }
    }
    st = dcd_sobol_estimate(y, nbase, d, 300, 0.95, 99, out);
    free(u2);
    free(y);
    gsl_rng_free(r);
    dcd_sampler_free(s);
    return st;
}

/* The known indices within 4 standard errors of the estimates (the 95 %
 * bootstrap interval is about 2 x 1.96 standard errors wide): a check
 * that a biased estimator fails, but that sampling noise fails with odds
 * of about 1 in 16,000 per index, whatever the seed or generator. */
static int near(double truth, double lo, double hi)
{
    double half = (hi - lo) / 2, mid = (lo + hi) / 2, k = 4 / 1.96;
    return fabs(truth - mid) <= k * half;
}

static void check_within(const dcd_sobol_index *ix, const double *s1, const double *st, size_t d,
                         const char *name)
{
    for (size_t i = 0; i < d; i++) {
        gsl_test(!near(s1[i], ix[i].first_lo, ix[i].first_hi),
                 "%s: S%zu = %.4f within 4 standard errors of [%.4f, %.4f] (estimate %.4f)", name,
                 i + 1, s1[i], ix[i].first_lo, ix[i].first_hi, ix[i].first);
        gsl_test(!near(st[i], ix[i].total_lo, ix[i].total_hi),
                 "%s: ST%zu = %.4f within 4 standard errors of [%.4f, %.4f] (estimate %.4f)", name,
                 i + 1, st[i], ix[i].total_lo, ix[i].total_hi, ix[i].total);
        gsl_test(
            !(ix[i].first_hi - ix[i].first_lo < 0.06 && ix[i].total_hi - ix[i].total_lo < 0.06),
            "%s: input %zu: intervals narrower than 0.06", name, i + 1);
    }
}

static void test_ishigami(void)
{
    dcd_dist u[3] = {{0}};
    char why[100];
    for (int i = 0; i < 3; i++)
        dcd_dist_set_uniform(&u[i], -M_PI, M_PI, why, sizeof why);
    dcd_sobol_index ix[3];
    gsl_test(run_design(ishigami, u, 3, 1 << 15, ix), "ishigami: estimated");
    const double s1[] = {0.3139, 0.4424, 0}, st[] = {0.5576, 0.4424, 0.2437};
    check_within(ix, s1, st, 3, "ishigami");
    size_t order[3];
    dcd_sobol_rank(ix, 3, order);
    gsl_test(order[0] != 0 || order[1] != 1 || order[2] != 2,
             "ishigami: ranked x1, x2, x3 by total index");
}

static void test_linear(void)
{
    dcd_dist n[4] = {{0}};
    char why[100];
    for (int i = 0; i < 4; i++)
        dcd_dist_set_normal(&n[i], 0.3 * i, 1, -HUGE_VAL, HUGE_VAL, why, sizeof why);
    dcd_sobol_index ix[4];
    gsl_test(run_design(linear, n, 4, 1 << 14, ix), "linear: estimated");
    double s[4], sum = 0;
    for (int i = 0; i < 4; i++)
        sum += W[i] * W[i];
    for (int i = 0; i < 4; i++)
        s[i] = W[i] * W[i] / sum;
    check_within(ix, s, s, 4, "linear");
    size_t order[4];
    dcd_sobol_rank(ix, 4, order);
    gsl_test(order[0] != 2 || order[1] != 1 || order[2] != 0 || order[3] != 3,
             "linear: ranked by squared weight");
}

static void test_design(void)
{
    const double u2[6] = {0.1, 0.2, 0.3, 0.7, 0.8, 0.9};
    double u[3];
    dcd_saltelli_point(u2, 3, 0, u);
    gsl_test(u[0] != 0.1 || u[2] != 0.3, "k = 0 is A");
    dcd_saltelli_point(u2, 3, 1, u);
    gsl_test(u[0] != 0.7 || u[2] != 0.9, "k = 1 is B");
    dcd_saltelli_point(u2, 3, 3, u);
    gsl_test(u[0] != 0.1 || u[1] != 0.8 || u[2] != 0.3, "k = 3 is A with column 2 from B");
    double y[2 * 4] = {1, 1, 1, 1, 1, 1, 1, 1};
    dcd_sobol_index ix[2];
    gsl_test(dcd_sobol_estimate(y, 2, 2, 0, 0.95, 1, ix) != DCD_EMODEL,
             "a constant output has no indices");
    y[3] = NAN;
    gsl_test(dcd_sobol_estimate(y, 2, 2, 0, 0.95, 1, ix) != DCD_EMODEL, "NaN refused");
    gsl_test(dcd_sobol_estimate(y, 2, 2, 0, 1.5, 1, ix) != DCD_EUSAGE, "conf 1.5 refused");
}

static int lin_model(void *ctx, const double *x, double *y)
{
    int *calls = ctx;
    ++*calls;
    *y = linear(x);
    return x[3] > 100; /* fails only when asked to */
}

static void test_tornado(void)
{
    dcd_dist d[4] = {{0}};
    char why[100];
    dcd_dist_set_uniform(&d[0], 0, 1, why, sizeof why);
    dcd_dist_set_triangular(&d[1], 0.5, 0.6, 1.2, why, sizeof why);
    dcd_dist_set_normal(&d[2], 2, 0.1, -HUGE_VAL, HUGE_VAL, why, sizeof why);
    dcd_dist_set_uniform(&d[3], -1, 1, why, sizeof why);
    double x[4], yb;
    dcd_tornado_bar bars[4];
    int calls = 0;
    gsl_test(dcd_tornado(d, 4, 0.1, 0.9, lin_model, &calls, x, &yb, bars), "tornado runs");
    gsl_test(calls != 9, "1 + 2 x 4 evaluations (%d)", calls);
    double med[4];
    for (int i = 0; i < 4; i++)
        med[i] = dcd_dist_median(&d[i]);
    gsl_test_rel(yb, linear(med), 1e-15, "base at the medians");
    int sorted = 1;
    for (int i = 0; i < 4; i++) {
        size_t k = bars[i].input;
        double span = dcd_dist_quantile(&d[k], 0.9) - dcd_dist_quantile(&d[k], 0.1);
        gsl_test_rel(bars[i].swing, fabs(W[k]) * span, 1e-12, "input %zu: swing |w| (P90 - P10)",
                     k);
        gsl_test_rel(bars[i].x_lo, dcd_dist_quantile(&d[k], 0.1), 0, "input %zu: low is P10", k);
        if (i)
            sorted &= bars[i - 1].swing >= bars[i].swing;
    }
    gsl_test(!sorted, "bars sorted by decreasing swing");
    dcd_dist_set_uniform(&d[3], 200, 300, why, sizeof why);
    gsl_test(dcd_tornado(d, 4, 0.1, 0.9, lin_model, &calls, x, &yb, bars) != DCD_EMODEL,
             "a failing model is reported");
    for (int i = 0; i < 4; i++)
        dcd_dist_free(&d[i]);
}

int main(void)
{
    harness_init();
    test_design();
    test_ishigami();
    test_linear();
    test_tornado();
    return gsl_test_summary();
}
