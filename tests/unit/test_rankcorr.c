/* test_rankcorr.c - Iman-Conover reaches the target rank correlation, keeps
 * each column's values, refuses inconsistent targets, and is the same in a
 * shard as in a whole run. */
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <math.h>
#include <string.h>

#include "dcd_rankcorr.h"
#include "harness.h"

#define D 3

static const double TARGET[D * D] = {1, 0.7, -0.3, 0.7, 1, 0.15, -0.3, 0.15, 1};

static void test_check(void)
{
    char why[256] = "";
    gsl_test(dcd_corr_check(TARGET, D, why, sizeof why), "a consistent target is accepted");
    const double npd[9] = {1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1};
    gsl_test(dcd_corr_check(npd, 3, why, sizeof why) != DCD_EINPUT,
             "0.9, 0.9 and -0.9 together are refused");
    gsl_test(strstr(why, "positive definite") == NULL, "reason: %s", why);
    const double asym[4] = {1, 0.5, 0.4, 1};
    gsl_test(dcd_corr_check(asym, 2, why, sizeof why) != DCD_EINPUT, "asymmetric refused");
    const double big[4] = {1, 1.5, 1.5, 1};
    gsl_test(dcd_corr_check(big, 2, why, sizeof why) != DCD_EINPUT, "|r| > 1 refused");
    int st;
    gsl_test(dcd_rankcorr_alloc(npd, 3, 100, &st, why, sizeof why) != NULL || st != DCD_EINPUT,
             "the workspace refuses it too");
}

static void test_apply(void)
{
    const size_t n = 5 * DCD_SAMPLE_BLOCK, nb = dcd_sample_nblocks(n);
    dcd_dist dists[D] = {{0}};
    char why[256];
    dcd_dist_set_uniform(&dists[0], 0.8, 1.3, why, sizeof why);
    dcd_dist_set_normal(&dists[1], 0.4, 0.05, 0.25, 0.6, why, sizeof why);
    dcd_dist_set_triangular(&dists[2], 1.1, 1.2, 1.5, why, sizeof why);
    int st;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double *x = malloc(n * D * sizeof *x), *x0 = malloc(n * D * sizeof *x0);
    double *u = malloc(DCD_SAMPLE_BLOCK * D * sizeof *u);
    double *work = malloc(3 * n * sizeof *work), *col = malloc(2 * n * sizeof *col);
    size_t *idx = malloc(n * sizeof *idx);
    for (int method = 0; method < 2; method++) {
        const char *mn = method ? "lhs" : "random";
        dcd_sampler *s = dcd_sampler_alloc(method, 77, n, D, 0, nb, &st);
        dcd_rankcorr *rc = dcd_rankcorr_alloc(TARGET, D, DCD_SAMPLE_BLOCK, &st, why, sizeof why);
        gsl_test(!s || !rc, "%s: plan and workspace", mn);
        int ok = 1;
        for (size_t b = 0; b < nb; b++) {
            dcd_draw_block(s, dists, NULL, r, b, u, x0 + b * DCD_SAMPLE_BLOCK * D, &st);
            ok &= st == DCD_OK;
            dcd_draw_block(s, dists, rc, r, b, u, x + b * DCD_SAMPLE_BLOCK * D, &st);
            ok &= st == DCD_OK;
        }
        gsl_test(!ok, "%s: every block drawn", mn);
        for (size_t a = 0; a < D; a++)
            for (size_t c = a + 1; c < D; c++) {
                double rs = dcd_spearman(x, n, D, a, c, work, idx);
                double r0 = dcd_spearman(x0, n, D, a, c, work, idx);
                gsl_test_abs(rs, TARGET[a * D + c], 0.01, "%s: Spearman(%zu, %zu) = %.4f", mn, a, c,
                             rs);
                gsl_test_abs(r0, 0, 0.03, "%s: without correlation Spearman(%zu, %zu) = %.4f", mn,
                             a, c, r0);
            }
        /* each column keeps its values (the marginals are untouched) */
        int same = 1;
        for (size_t j = 0; j < D; j++) {
            for (size_t i = 0; i < n; i++) {
                col[i] = x[i * D + j];
                col[n + i] = x0[i * D + j];
            }
            gsl_sort(col, 1, n);
            gsl_sort(col + n, 1, n);
            same &= memcmp(col, col + n, n * sizeof *col) == 0;
        }
        gsl_test(!same, "%s: every column keeps exactly its values", mn);
        /* a shard draws the same block */
        dcd_sampler *sh = dcd_sampler_alloc(method, 77, n, D, 3, 2, &st);
        dcd_rankcorr *rc2 = dcd_rankcorr_alloc(TARGET, D, DCD_SAMPLE_BLOCK, &st, why, sizeof why);
        dcd_draw_block(sh, dists, rc2, r, 4, u, x0, &st);
        gsl_test(memcmp(x0, x + 4 * DCD_SAMPLE_BLOCK * D, DCD_SAMPLE_BLOCK * D * sizeof *x) != 0,
                 "%s: a shard's block 4 is identical to the whole run's", mn);
        dcd_sampler_free(sh);
        dcd_rankcorr_free(rc2);
        dcd_sampler_free(s);
        dcd_rankcorr_free(rc);
    }
    /* a column in no correlation is left exactly as drawn */
    {
        const double c2[9] = {1, 0.5, 0, 0.5, 1, 0, 0, 0, 1};
        dcd_sampler *s2 = dcd_sampler_alloc(DCD_SAMPLING_RANDOM, 5, n, D, 0, nb, &st);
        dcd_rankcorr *w2 = dcd_rankcorr_alloc(c2, D, DCD_SAMPLE_BLOCK, &st, why, sizeof why);
        dcd_draw_block(s2, dists, NULL, r, 1, u, x0, &st);
        dcd_draw_block(s2, dists, w2, r, 1, u, x, &st);
        int kept = 1, moved = 0;
        for (size_t i = 0; i < DCD_SAMPLE_BLOCK; i++) {
            kept &= x[i * D + 2] == x0[i * D + 2];
            moved |= x[i * D] != x0[i * D];
        }
        gsl_test(!kept || !moved, "an uncorrelated column is left as drawn, the others move");
        dcd_sampler_free(s2);
        dcd_rankcorr_free(w2);
    }
    /* a block too small for scores is left as drawn */
    double tiny[D * 2] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, keep[D * 2];
    memcpy(keep, tiny, sizeof tiny);
    dcd_rankcorr *rc = dcd_rankcorr_alloc(TARGET, D, 10, &st, why, sizeof why);
    gsl_test(dcd_rankcorr_apply(rc, r, 1, 0, tiny, 2) || memcmp(tiny, keep, sizeof tiny) != 0,
             "a block of 2 rows is left unchanged");
    dcd_rankcorr_free(rc);
    for (size_t j = 0; j < D; j++)
        dcd_dist_free(&dists[j]);
    free(x);
    free(x0);
    free(u);
    free(work);
    free(col);
    free(idx);
    gsl_rng_free(r);
}

static void test_spearman(void)
{
    const double x[] = {1, 10, 2, 20, 3, 30, 4, 40, 5, 50}; /* 5 rows of 2 */
    const double y[] = {1, 5, 2, 4, 3, 3, 4, 2, 5, 1};
    const double t[] = {1, 1, 2, 2, 2, 2, 3, 1}; /* ties: ranks 1, 2.5, 2.5, 4 */
    double work[15];
    size_t idx[5];
    gsl_test_rel(dcd_spearman(x, 5, 2, 0, 1, work, idx), 1, 1e-15, "monotone: Spearman 1");
    gsl_test_rel(dcd_spearman(y, 5, 2, 0, 1, work, idx), -1, 1e-15, "reversed: Spearman -1");
    /* ranks (1, 2.5, 2.5, 4) against (1.5, 3.5, 3.5, 1.5), by hand */
    double ra[4] = {1, 2.5, 2.5, 4}, rb[4] = {1.5, 3.5, 3.5, 1.5}, ma = 2.5, mb = 2.5;
    double sab = 0, saa = 0, sbb = 0;
    for (int i = 0; i < 4; i++) {
        sab += (ra[i] - ma) * (rb[i] - mb);
        saa += (ra[i] - ma) * (ra[i] - ma);
        sbb += (rb[i] - mb) * (rb[i] - mb);
    }
    gsl_test_rel(dcd_spearman(t, 4, 2, 0, 1, work, idx), sab / sqrt(saa * sbb), 1e-14,
                 "ties take their mean rank");
}

int main(void)
{
    harness_init();
    test_check();
    test_apply();
    test_spearman();
    return gsl_test_summary();
}
