/* test_dist.c - distributions (against GSL's CDFs and known moments),
 * truncation, validation, and the block/stream sampling design. */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <string.h>

#include "dcd_dist.h"
#include "harness.h"

#define NS 200000

/* Sample mean and variance of D from NS random draws (seeded). */
static void sample_moments(const dcd_dist *d, unsigned long seed, double *mean, double *var,
                           double *lo, double *hi)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    double m = 0, m2 = 0;
    *lo = HUGE_VAL;
    *hi = -HUGE_VAL;
    for (size_t i = 0; i < NS; i++) {
        double x = dcd_dist_quantile(d, gsl_rng_uniform_pos(r));
        double dx = x - m;
        m += dx / (double)(i + 1);
        m2 += dx * (x - m);
        if (x < *lo)
            *lo = x;
        if (x > *hi)
            *hi = x;
    }
    *mean = m;
    *var = m2 / (NS - 1);
    gsl_rng_free(r);
}

/* Sample moments within 5 standard errors of the closed forms, and every
 * draw inside the support. */
static void check_moments(const dcd_dist *d, const char *name)
{
    double m, v, lo, hi, slo, shi;
    sample_moments(d, 12345, &m, &v, &lo, &hi);
    double em = dcd_dist_mean(d), ev = dcd_dist_variance(d);
    double se = sqrt(ev / NS);
    gsl_test(!(fabs(m - em) < 5 * se), "%s: sample mean %.6g within 5 SE of %.6g", name, m, em);
    gsl_test(!(fabs(v - ev) < 0.02 * ev), "%s: sample variance %.6g within 2%% of %.6g", name, v,
             ev);
    dcd_dist_support(d, &slo, &shi);
    gsl_test(!(lo >= slo && hi <= shi), "%s: draws inside the support [%g, %g]", name, slo, shi);
    /* the mean again, by integrating the quantile function (midpoints) */
    double s = 0;
    const int k = 200000;
    for (int i = 0; i < k; i++)
        s += dcd_dist_quantile(d, (i + 0.5) / k);
    gsl_test_rel(s / k, em, 2e-4, "%s: integral of the quantile function is the mean", name);
    /* quantile and CDF are inverse */
    for (int i = 1; i < 10; i++) {
        double u = i / 10.0 - 0.0123;
        gsl_test_abs(dcd_dist_cdf(d, dcd_dist_quantile(d, u)), u, 1e-9, "%s: cdf(q(%.4f))", name,
                     u);
    }
    gsl_test_abs(dcd_dist_cdf(d, dcd_dist_median(d)), 0.5, 1e-9, "%s: cdf(median) = 0.5", name);
}

static void test_families(void)
{
    dcd_dist d = {0};
    char why[200];
    gsl_test(dcd_dist_set_uniform(&d, 0.8, 1.3, why, sizeof why), "uniform accepted");
    gsl_test_rel(dcd_dist_quantile(&d, 0.25), 0.925, 1e-15, "uniform q(0.25)");
    gsl_test_rel(dcd_dist_variance(&d), 0.25 / 12, 1e-15, "uniform variance (b-a)^2/12");
    check_moments(&d, "uniform");

    gsl_test(dcd_dist_set_triangular(&d, 0.5, 0.9, 2.385, why, sizeof why), "triangular ok");
    gsl_test_rel(dcd_dist_mean(&d), (0.5 + 0.9 + 2.385) / 3, 1e-15, "triangular mean");
    gsl_test_rel(dcd_dist_cdf(&d, 0.9), 0.4 / 1.885, 1e-14, "triangular F(mode) = (c-a)/(b-a)");
    check_moments(&d, "triangular");

    gsl_test(dcd_dist_set_pert(&d, 1.1, 1.25, 1.6, 4, why, sizeof why), "pert ok");
    gsl_test_rel(dcd_dist_mean(&d), (1.1 + 4 * 1.25 + 1.6) / 6, 1e-14,
                 "pert mean (min + 4 mode + max) / 6");
    for (int i = 1; i < 10; i++) {
        double u = i / 10.0;
        double ref = 1.1 + 0.5 * gsl_cdf_beta_Pinv(u, 1 + 4 * 0.15 / 0.5, 1 + 4 * 0.35 / 0.5);
        gsl_test_rel(dcd_dist_quantile(&d, u), ref, 1e-9, "pert q(%.1f) is the scaled beta's", u);
    }
    check_moments(&d, "pert");

    gsl_test(dcd_dist_set_normal(&d, 0.4, 0.07, -HUGE_VAL, HUGE_VAL, why, sizeof why), "normal");
    for (int i = 1; i < 10; i++) {
        double u = i / 10.0;
        gsl_test_rel(dcd_dist_quantile(&d, u), 0.4 + gsl_cdf_gaussian_Pinv(u, 0.07), 1e-12,
                     "normal q(%.1f) is GSL's", u);
    }
    gsl_test_rel(dcd_dist_variance(&d), 0.0049, 1e-12, "normal variance sd^2");
    check_moments(&d, "normal");

    gsl_test(dcd_dist_set_lognormal(&d, log(2.385), 0.3, -HUGE_VAL, HUGE_VAL, why, sizeof why),
             "lognormal");
    gsl_test_rel(dcd_dist_median(&d), 2.385, 1e-12, "lognormal median is e^mu");
    gsl_test_rel(dcd_dist_quantile(&d, 0.9), gsl_cdf_lognormal_Pinv(0.9, log(2.385), 0.3), 1e-12,
                 "lognormal q(0.9) is GSL's");
    gsl_test_rel(dcd_dist_mean(&d), 2.385 * exp(0.045), 1e-12, "lognormal mean e^(mu+s^2/2)");
    check_moments(&d, "lognormal");

    gsl_test(dcd_dist_set_lognormal_moments(&d, 1.7, 0.4, -HUGE_VAL, HUGE_VAL, why, sizeof why),
             "lognormal by mean and sd");
    gsl_test_rel(dcd_dist_mean(&d), 1.7, 1e-12, "lognormal moments: mean 1.7");
    gsl_test_rel(sqrt(dcd_dist_variance(&d)), 0.4, 1e-12, "lognormal moments: sd 0.4");

    const double vals[] = {3, 1, 2}, w[] = {0.2, 0.5, 0.3};
    gsl_test(dcd_dist_set_discrete(&d, vals, w, 3, why, sizeof why), "discrete");
    gsl_test_rel(dcd_dist_mean(&d), 0.2 * 3 + 0.5 + 0.6, 1e-15, "discrete mean");
    gsl_test_rel(dcd_dist_quantile(&d, 0.49), 1, 0, "discrete q(0.49) = 1 (weight 0.5)");
    gsl_test_rel(dcd_dist_quantile(&d, 0.51), 2, 0, "discrete q(0.51) = 2");
    gsl_test_rel(dcd_dist_quantile(&d, 0.81), 3, 0, "discrete q(0.81) = 3");
    {
        double m, v, lo, hi;
        sample_moments(&d, 99, &m, &v, &lo, &hi);
        double ev = dcd_dist_variance(&d);
        gsl_test(!(fabs(m - 1.7) < 5 * sqrt(ev / NS)), "discrete: sample mean near 1.7");
    }
    dcd_dist c = {0};
    gsl_test(dcd_dist_copy(&c, &d), "discrete copies");
    gsl_test(c.values == d.values || c.values[2] != 3, "the copy owns its values");
    dcd_dist_free(&c);
    dcd_dist_free(&d);
}

/* The PERT quantile table against GSL's beta inverse, tails included. */
static void test_pert_table(void)
{
    const double cases[][4] = {{0, 0.5, 1, 4}, {1.1, 1.25, 1.6, 4}, {0, 0, 1, 4},
                               {0, 1, 1, 4},   {0, 0.3, 1, 20},     {0, 0.95, 1, 20},
                               {0, 0, 1, 20},  {0, 0.5, 1, 0.1},    {-3, 2.385, 7, 2.5}};
    char why[100];
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        dcd_dist d = {0};
        const double *p = cases[c];
        gsl_test(dcd_dist_set_pert(&d, p[0], p[1], p[2], p[3], why, sizeof why), "pert %zu", c);
        double worst = 0;
        for (int i = -12; i <= 12012; i++) {
            double u =
                i < 0 ? pow(10, i) : (i > 12000 ? 1 - pow(10, -(i - 12000)) : (i + 0.5) / 12001);
            double ref = p[0] + (p[2] - p[0]) * gsl_cdf_beta_Pinv(u, d.alpha, d.beta);
            double e = fabs(dcd_dist_quantile(&d, u) - ref) / (p[2] - p[0]);
            worst = e > worst ? e : worst;
        }
        gsl_test(!(worst < 1e-9),
                 "pert {%g, %g, %g, lambda %g}: table within %.2g of GSL's "
                 "beta inverse (relative to the range)",
                 p[0], p[1], p[2], p[3], worst);
        dcd_dist c2 = {0};
        gsl_test(dcd_dist_copy(&c2, &d) || c2.tab == d.tab ||
                     dcd_dist_quantile(&c2, 0.3) != dcd_dist_quantile(&d, 0.3),
                 "pert copy owns its table");
        dcd_dist_free(&c2);
        dcd_dist_free(&d);
    }
}

static void test_truncation(void)
{
    dcd_dist d = {0};
    char why[200];
    gsl_test(dcd_dist_set_normal(&d, 0.7, 0.2, 0, 1, why, sizeof why), "truncated normal");
    check_moments(&d, "normal on [0, 1]");
    gsl_test(dcd_dist_quantile(&d, 1e-12) < 0 || dcd_dist_quantile(&d, 1 - 1e-12) > 1,
             "truncated normal quantiles stay in [0, 1]");
    /* the far upper tail keeps its precision through Q */
    gsl_test(dcd_dist_set_normal(&d, 0, 1, 6, 7, why, sizeof why), "normal on [6, 7]");
    double q = dcd_dist_quantile(&d, 0.5);
    gsl_test(!(q > 6 && q < 6.2), "far-tail median %g just above 6", q);
    gsl_test_abs(dcd_dist_cdf(&d, q), 0.5, 1e-9, "far-tail cdf(median) = 0.5");
    check_moments(&d, "normal on [6, 7]");
    gsl_test(dcd_dist_set_lognormal(&d, log(0.3), 0.5, 0.2, 0.5, why, sizeof why),
             "truncated lognormal");
    check_moments(&d, "lognormal on [0.2, 0.5]");
    gsl_test(dcd_dist_set_normal(&d, 0, 1, 60, 61, why, sizeof why) != DCD_EINPUT,
             "a range with no probability is refused");
    dcd_dist_free(&d);
}

static void test_validation(void)
{
    dcd_dist d = {0};
    char why[200] = "";
    gsl_test(dcd_dist_set_uniform(&d, 2, 1, why, sizeof why) != DCD_EINPUT,
             "uniform min > max refused");
    gsl_test(strstr(why, "less than max") == NULL, "reason names the order: %s", why);
    gsl_test(dcd_dist_set_uniform(&d, 1, 1, why, sizeof why) != DCD_EINPUT,
             "uniform of zero width refused");
    gsl_test(dcd_dist_set_triangular(&d, 0, 2, 1, why, sizeof why) != DCD_EINPUT,
             "triangular mode outside refused");
    gsl_test(strstr(why, "mode") == NULL, "reason names the mode: %s", why);
    gsl_test(dcd_dist_set_pert(&d, 0, 0.5, 1, 0, why, sizeof why) != DCD_EINPUT,
             "pert lambda 0 refused");
    gsl_test(dcd_dist_set_normal(&d, 1, 0, -HUGE_VAL, HUGE_VAL, why, sizeof why) != DCD_EINPUT,
             "normal sd 0 refused");
    gsl_test(dcd_dist_set_normal(&d, 1, 1, 2, 1, why, sizeof why) != DCD_EINPUT,
             "normal min > max refused");
    gsl_test(dcd_dist_set_normal(&d, NAN, 1, -HUGE_VAL, HUGE_VAL, why, sizeof why) != DCD_EINPUT,
             "normal NaN mean refused");
    gsl_test(dcd_dist_set_lognormal(&d, 0, -1, -HUGE_VAL, HUGE_VAL, why, sizeof why) != DCD_EINPUT,
             "lognormal sigma < 0 refused");
    gsl_test(dcd_dist_set_lognormal_moments(&d, -1, 1, -HUGE_VAL, HUGE_VAL, why, sizeof why) !=
                 DCD_EINPUT,
             "lognormal negative mean refused");
    const double v[] = {1, 2, 1}, w[] = {1, 0, 1};
    gsl_test(dcd_dist_set_discrete(&d, v, NULL, 3, why, sizeof why) != DCD_EINPUT,
             "discrete duplicate refused");
    gsl_test(dcd_dist_set_discrete(&d, v, w, 2, why, sizeof why) != DCD_EINPUT,
             "discrete zero weight refused");
    gsl_test(dcd_dist_set_discrete(&d, v, NULL, 0, why, sizeof why) != DCD_EINPUT,
             "discrete without values refused");
    gsl_test(d.kind != DCD_DIST_UNIFORM || d.values != NULL, "refusals leave D empty");
    gsl_test(dcd_dist_from_name("pert") != DCD_DIST_PERT || dcd_dist_from_name("beta") != -1,
             "family names");
    dcd_dist_free(&d);
}

static void test_sampler(void)
{
    const size_t n = 3 * DCD_SAMPLE_BLOCK + 123, d = 3, nb = dcd_sample_nblocks(n);
    int st;
    gsl_test(nb != 4 || dcd_sample_block_size(n, 3) != 123, "4 blocks, the last of 123 draws");
    gsl_rng *r = gsl_rng_alloc(dcd_rng_type());
    double *u = malloc(n * d * sizeof *u), *v = malloc(DCD_SAMPLE_BLOCK * d * sizeof *v);
    unsigned char *seen = calloc(n, 1);
    for (int method = 0; method < 2; method++) {
        const char *mn = method ? "lhs" : "random";
        dcd_sampler *all = dcd_sampler_alloc(method, 2385, n, d, 0, nb, &st);
        dcd_sampler *shard = dcd_sampler_alloc(method, 2385, n, d, 2, 2, &st);
        size_t rows = 0;
        for (size_t b = 0; b < nb; b++)
            rows += dcd_sampler_block(all, b, r, u + b * DCD_SAMPLE_BLOCK * d);
        gsl_test(rows != n, "%s: the blocks give %zu rows", mn, rows);
        int inside = 1;
        for (size_t i = 0; i < n * d; i++)
            inside &= u[i] > 0 && u[i] < 1;
        gsl_test(!inside, "%s: uniforms in (0, 1)", mn);
        gsl_test(dcd_sampler_block(shard, 1, r, v) != 0, "%s: a shard has only its blocks", mn);
        size_t m = dcd_sampler_block(shard, 2, r, v);
        gsl_test(m != DCD_SAMPLE_BLOCK ||
                     memcmp(v, u + 2 * DCD_SAMPLE_BLOCK * d, m * d * sizeof *v) != 0,
                 "%s: block 2 is the same in a shard as in the whole run", mn);
        m = dcd_sampler_block(shard, 3, r, v);
        gsl_test(m != 123 || memcmp(v, u + 3 * DCD_SAMPLE_BLOCK * d, m * d * sizeof *v) != 0,
                 "%s: the last block is the same in a shard", mn);
        dcd_sampler *other = dcd_sampler_alloc(method, 2386, n, d, 0, nb, &st);
        dcd_sampler_block(other, 0, r, v);
        gsl_test(memcmp(v, u, DCD_SAMPLE_BLOCK * d * sizeof *v) == 0,
                 "%s: another seed gives other draws", mn);
        if (method) {
            int strat = 1;
            for (size_t j = 0; j < d; j++) {
                memset(seen, 0, n);
                for (size_t i = 0; i < n; i++) {
                    size_t k = (size_t)(u[i * d + j] * (double)n);
                    if (k >= n || seen[k])
                        strat = 0;
                    else
                        seen[k] = 1;
                }
            }
            gsl_test(!strat, "lhs: every column has one draw in each of the %zu strata", n);
        }
        dcd_sampler_free(all);
        dcd_sampler_free(shard);
        dcd_sampler_free(other);
    }
    gsl_test(dcd_sampler_alloc(DCD_SAMPLING_LHS, 1, n, d, 3, 2, &st) != NULL || st != DCD_EUSAGE,
             "a plan past the last block is refused");
    size_t total = 0, next = 0, first, count;
    int contiguous = 1;
    for (size_t i = 0; i < 7; i++) {
        dcd_shard_blocks(245, i, 7, &first, &count);
        contiguous &= first == next;
        next = first + count;
        total += count;
    }
    gsl_test(!contiguous || total != 245, "7 shards cover 245 blocks once, in order");
    gsl_test(dcd_stream_seed(1, DCD_STREAM_DRAWS, 0) == dcd_stream_seed(1, DCD_STREAM_DRAWS, 1) ||
                 dcd_stream_seed(1, DCD_STREAM_DRAWS, 0) == dcd_stream_seed(1, DCD_STREAM_LHS, 0),
             "streams differ by index and tag");
    gsl_test(dcd_stream_seed(42, 1, 7) != dcd_stream_seed(42, 1, 7), "stream seed is pure");
    free(u);
    free(v);
    free(seen);
    gsl_rng_free(r);
}

/* The generator spans 32 bits; dcd_rng_below() is uniform; the Latin
 * hypercube's permutations are uniform (where the first draw falls, over
 * many seeds) and put no order between draws. */
static void test_rng(void)
{
    gsl_rng *r = gsl_rng_alloc(dcd_rng_type());
    gsl_test(gsl_rng_min(r) != 0 || gsl_rng_max(r) != UINT32_MAX,
             "the generator's outputs span 0 .. 2^32 - 1");
    dcd_stream_set(r, 7, DCD_STREAM_DRAWS, 0);
    size_t cnt[7] = {0};
    int below = 1;
    for (size_t i = 0; i < 70000; i++)
        cnt[dcd_rng_below(r, 7)]++;
    for (size_t i = 0; i < 1000; i++) {
        below &= dcd_rng_below(r, 1) == 0;
        below &= dcd_rng_below(r, 3000000001u) < 3000000001u;
    }
    double chi = 0;
    for (size_t k = 0; k < 7; k++)
        chi += (cnt[k] - 10000.0) * (cnt[k] - 10000.0) / 10000.0;
    gsl_test(!below, "dcd_rng_below(n) is below n");
    gsl_test(!(chi < 27.9),
             "dcd_rng_below(7) uniform: chi-square %.1f (6 df, under 27.9: 99.99 %%)", chi);
    /* 10 draws, 20,000 seeds: the stratum of draw 0 is uniform over 10, and
     * draw 0 comes before draw 1 half of the time */
    size_t pos[10] = {0}, before = 0;
    double u[10];
    for (uint64_t seed = 1; seed <= 20000; seed++) {
        int st;
        dcd_sampler *s = dcd_sampler_alloc(DCD_SAMPLING_LHS, seed, 10, 1, 0, 1, &st);
        dcd_sampler_block(s, 0, r, u);
        pos[(size_t)(u[0] * 10)]++;
        before += u[0] < u[1];
        dcd_sampler_free(s);
    }
    chi = 0;
    for (size_t k = 0; k < 10; k++)
        chi += (pos[k] - 2000.0) * (pos[k] - 2000.0) / 2000.0;
    gsl_test(!(chi < 33.7), "lhs: draw 0's stratum uniform: chi-square %.1f (9 df, under 33.7)",
             chi);
    gsl_test(fabs((double)before / 20000 - 0.5) > 4 * sqrt(0.25 / 20000),
             "lhs: draw 0 before draw 1 in %.4f of the runs (1/2)", (double)before / 20000);
    gsl_rng_free(r);
}

int main(void)
{
    harness_init();
    test_rng();
    test_families();
    test_pert_table();
    test_truncation();
    test_validation();
    test_sampler();
    return gsl_test_summary();
}
