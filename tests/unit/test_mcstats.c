/* test_mcstats.c - streaming statistics: exact percentiles against GSL's
 * quantiles of the sorted data, the histogram's stated accuracy, exceedance
 * counts, failed draws, and byte-identical results whatever the split into
 * threads or shards. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <pthread.h>
#include <string.h>

#include "dcd_dist.h"
#include "dcd_mcstats.h"
#include "dcd_rankcorr.h"
#include "harness.h"

#define NC 3
static const dcd_threshold THR[] = {{0, 11.0}, {1, -0.5}, {2, 2.385}};

/* N draws of NC cells: a lognormal share, a normal around 0, an exponential. */
static double *make_values(size_t n, unsigned long seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    double *v = malloc(n * NC * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        v[i * NC] = 9.5 * exp(0.2 * gsl_ran_ugaussian(r));
        v[i * NC + 1] = gsl_ran_gaussian(r, 1.3);
        v[i * NC + 2] = gsl_ran_exponential(r, 2.0);
    }
    gsl_rng_free(r);
    return v;
}

static dcd_mcstats_config config(size_t n, size_t budget)
{
    dcd_mcstats_config c = {.ndraws = n,
                            .ncells = NC,
                            .thresholds = THR,
                            .nthresholds = 3,
                            .exact_budget_bytes = budget};
    return c;
}

/* Adds blocks [B0, B1) of V to S. */
static int add_range(dcd_mcstats *s, const double *v, size_t n, size_t b0, size_t b1,
                     const unsigned char *ok)
{
    int st = 0;
    for (size_t b = b0; b < b1 && !st; b++)
        st = dcd_mcstats_add_block(s, b, v + b * DCD_SAMPLE_BLOCK * NC,
                                   ok ? ok + b * DCD_SAMPLE_BLOCK : NULL,
                                   dcd_sample_block_size(n, b));
    return st;
}

static void test_exact(void)
{
    const size_t n = 2 * DCD_SAMPLE_BLOCK + 1001;
    double *v = make_values(n, 7);
    int st;
    dcd_mcstats_config cfg = config(n, 0);
    dcd_mcstats *s = dcd_mcstats_alloc(&cfg, 0, 3, &st);
    gsl_test(!s || !dcd_mcstats_exact(s), "small run: exact percentiles");
    gsl_test(add_range(s, v, n, 0, 3, NULL), "blocks added");
    gsl_test(!dcd_mcstats_complete(s) || dcd_mcstats_count(s) != n, "complete, %zu draws", n);
    double *col = malloc(n * sizeof *col);
    for (size_t c = 0; c < NC; c++) {
        for (size_t i = 0; i < n; i++)
            col[i] = v[i * NC + c];
        double m, sd, p[7];
        gsl_test(dcd_mcstats_result(s, c, &m, &sd, p), "cell %zu: result", c);
        gsl_test_rel(m, gsl_stats_mean(col, 1, n), 1e-12, "cell %zu: mean", c);
        gsl_test_rel(sd, gsl_stats_sd(col, 1, n), 1e-10, "cell %zu: sd", c);
        gsl_sort(col, 1, n);
        for (size_t k = 0; k < 7; k++)
            gsl_test_rel(
                p[k],
                gsl_stats_quantile_from_sorted_data(col, 1, n, dcd_mcstats_default_pcts[k] / 100),
                1e-15, "cell %zu: P%g exact", c, dcd_mcstats_default_pcts[k]);
        size_t above = 0;
        for (size_t i = 0; i < n; i++)
            above += col[i] > THR[c].value;
        double pr, se, ep = (double)above / (double)n;
        gsl_test(dcd_mcstats_exceedance(s, c, &pr, &se), "exceedance %zu", c);
        gsl_test_rel(pr, ep, 1e-15, "cell %zu: P(X > %g) = %zu / n", c, THR[c].value, above);
        gsl_test_rel(se, sqrt(ep * (1 - ep) / (double)n), 1e-15, "cell %zu: its standard error", c);
    }
    free(col);
    dcd_mcstats_free(s);
    free(v);
}

/* Exact percentiles with many ties (a constant cell, a cell of 5 values). */
static void test_ties(void)
{
    const size_t n = 2 * DCD_SAMPLE_BLOCK + 5;
    double *v = malloc(n * 2 * sizeof *v), *col = malloc(n * sizeof *col);
    for (size_t i = 0; i < n; i++) {
        v[2 * i] = 2.385;
        v[2 * i + 1] = (double)((i * 7) % 5);
    }
    int st;
    const double pcts[] = {0, 1, 5, 33.3, 50, 77, 99, 100};
    dcd_mcstats_config cfg = {.ndraws = n, .ncells = 2, .pcts = pcts, .npcts = 8};
    dcd_mcstats *s = dcd_mcstats_alloc(&cfg, 0, 3, &st);
    for (size_t b = 0; b < 3; b++)
        dcd_mcstats_add_block(s, b, v + b * DCD_SAMPLE_BLOCK * 2, NULL,
                              dcd_sample_block_size(n, b));
    for (size_t c = 0; c < 2; c++) {
        double m, sd, p[8];
        gsl_test(dcd_mcstats_result(s, c, &m, &sd, p), "ties: cell %zu result", c);
        for (size_t i = 0; i < n; i++)
            col[i] = v[2 * i + c];
        gsl_sort(col, 1, n);
        for (size_t k = 0; k < 8; k++)
            gsl_test_rel(p[k], gsl_stats_quantile_from_sorted_data(col, 1, n, pcts[k] / 100), 1e-15,
                         "ties: cell %zu P%g", c, pcts[k]);
    }
    dcd_mcstats_free(s);
    free(v);
    free(col);
}

static void test_histogram(void)
{
    const size_t n = 40 * DCD_SAMPLE_BLOCK + 77, nb = dcd_sample_nblocks(n);
    double *v = make_values(n, 11);
    int st;
    dcd_mcstats_config cfg = config(n, 1024);
    const double pcts[] = {0.5, 5, 10, 25, 50, 75, 90, 95, 99.5};
    cfg.pcts = pcts;
    cfg.npcts = 9;
    dcd_mcstats *s = dcd_mcstats_alloc(&cfg, 0, nb, &st);
    gsl_test(!s || dcd_mcstats_exact(s), "over the budget: histogram percentiles");
    gsl_test(add_range(s, v, n, 0, nb, NULL), "blocks added");
    double *col = malloc(n * sizeof *col);
    for (size_t c = 0; c < NC; c++) {
        for (size_t i = 0; i < n; i++)
            col[i] = v[i * NC + c];
        gsl_sort(col, 1, n);
        double m, sd, p[9];
        gsl_test(dcd_mcstats_result(s, c, &m, &sd, p), "cell %zu: result", c);
        for (size_t k = 0; k < 9; k++) {
            double e = gsl_stats_quantile_from_sorted_data(col, 1, n, pcts[k] / 100);
            double j = floor(pcts[k] / 100 * (double)(n - 1));
            double mag = fmax(fabs(col[(size_t)j]), fabs(col[(size_t)j + 1]));
            gsl_test_abs(p[k], e, 1e-4 * mag, "cell %zu: P%g within alpha = 1e-4 (relative)", c,
                         pcts[k]);
        }
    }
    free(col);
    dcd_mcstats_free(s);
    free(v);
}

/* One object over all blocks against three threads' objects and two shards,
 * merged in different orders: the results must be the same bytes. */
static void test_merge(int exact)
{
    const char *mode = exact ? "exact" : "histogram";
    const size_t n = 9 * DCD_SAMPLE_BLOCK + 500, nb = dcd_sample_nblocks(n);
    double *v = make_values(n, 23);
    unsigned char *ok = malloc(n);
    for (size_t i = 0; i < n; i++)
        ok[i] = i % 97 != 5;
    int st;
    dcd_mcstats_config cfg = config(n, exact ? 0 : 1);
    dcd_mcstats *one = dcd_mcstats_alloc(&cfg, 0, nb, &st);
    add_range(one, v, n, 0, nb, ok);
    /* threads: blocks dealt round-robin to 3 objects over the whole range */
    dcd_mcstats *t[3];
    for (int k = 0; k < 3; k++)
        t[k] = dcd_mcstats_alloc(&cfg, 0, nb, &st);
    for (size_t b = 0; b < nb; b++)
        add_range(t[b % 3], v, n, b, b + 1, ok);
    gsl_test(dcd_mcstats_merge(t[2], t[0]) || dcd_mcstats_merge(t[2], t[1]),
             "%s: thread objects merge", mode);
    /* shards: blocks 0-3 and 4-9, merged into a whole-range object */
    dcd_mcstats *sh1 = dcd_mcstats_alloc(&cfg, 0, 4, &st);
    dcd_mcstats *sh2 = dcd_mcstats_alloc(&cfg, 4, nb - 4, &st);
    dcd_mcstats *all = dcd_mcstats_alloc(&cfg, 0, nb, &st);
    add_range(sh1, v, n, 0, 4, ok);
    add_range(sh2, v, n, 4, nb, ok);
    gsl_test(dcd_mcstats_result(sh2, 0, &(double){0}, &(double){0}, (double[7]){0}) != DCD_OK,
             "%s: a shard gives its own partial results", mode);
    gsl_test(dcd_mcstats_merge(all, sh2) || dcd_mcstats_merge(all, sh1), "%s: shards merge", mode);
    /* the same shards through text, as separate processes would pass them */
    dcd_mcstats *sh3 = dcd_mcstats_alloc(&cfg, 0, 4, &st);
    dcd_mcstats *sh4 = dcd_mcstats_alloc(&cfg, 4, nb - 4, &st);
    add_range(sh3, v, n, 0, 4, ok);
    add_range(sh4, v, n, 4, nb, ok);
    dcd_buf t3 = {0}, t4 = {0};
    gsl_test(dcd_mcstats_save(sh3, &t3) || dcd_mcstats_save(sh4, &t4), "%s: shards saved", mode);
    dcd_mcstats *l3 = dcd_mcstats_load(t3.data, t3.len, &st);
    dcd_mcstats *l4 = dcd_mcstats_load(t4.data, t4.len, &st);
    dcd_mcstats *loaded = dcd_mcstats_alloc(&cfg, 0, nb, &st);
    gsl_test(!l3 || !l4, "%s: shards loaded", mode);
    gsl_test(!l3 || !l4 || dcd_mcstats_merge(loaded, l4) || dcd_mcstats_merge(loaded, l3),
             "%s: loaded shards merge", mode);
    dcd_buf t5 = {0};
    dcd_mcstats_save(l3 ? l3 : sh3, &t5); /* emptied by the merge: saves no block */
    gsl_test(strstr(t5.data, "\nblock ") != NULL, "%s: a merged-away object saves no block", mode);
    int bad = 0; /* every truncation of a saved text is refused, never crashes */
    for (size_t cut = 0; cut < t3.len; cut += 1 + t3.len / 97) {
        dcd_mcstats *x = dcd_mcstats_load(t3.data, cut, &st);
        bad |= x != NULL || st != DCD_EINPUT;
        dcd_mcstats_free(x);
    }
    gsl_test(bad, "%s: truncated texts are refused", mode);
    char *edit = malloc(t4.len + 1);
    memcpy(edit, t4.data, t4.len + 1);
    char *tot = strstr(edit, "totals ");
    tot[7] = tot[7] == '9' ? '8' : '9'; /* a count that does not add up */
    dcd_mcstats *x = dcd_mcstats_load(edit, t4.len, &st);
    gsl_test(x != NULL || st != DCD_EINPUT, "%s: inconsistent counts refused", mode);
    dcd_mcstats_free(x);
    free(edit);
    dcd_buf_free(&t3);
    dcd_buf_free(&t4);
    dcd_buf_free(&t5);
    dcd_mcstats_free(sh3);
    dcd_mcstats_free(sh4);
    dcd_mcstats_free(l3);
    dcd_mcstats_free(l4);
    size_t failed = 0;
    for (size_t i = 0; i < n; i++)
        failed += !ok[i];
    gsl_test(dcd_mcstats_failed(one) != failed || dcd_mcstats_count(one) != n - failed,
             "%s: %zu failed draws counted apart", mode, failed);
    gsl_test(dcd_mcstats_merge(all, t[0]) != DCD_OK || dcd_mcstats_count(all) != n - failed,
             "%s: an object merged away is empty: merging it again adds nothing", mode);
    gsl_test(dcd_mcstats_merge(t[2], one) != DCD_EUSAGE, "%s: a block added twice is refused",
             mode);
    int same = 1;
    for (size_t c = 0; c < NC; c++) {
        double r[4][9];
        dcd_mcstats *objs[4] = {one, t[2], all, loaded};
        for (int k = 0; k < 4; k++)
            same &= dcd_mcstats_result(objs[k], c, &r[k][0], &r[k][1], &r[k][2]) == DCD_OK;
        for (int k = 1; k < 4; k++)
            same &= memcmp(r[0], r[k], sizeof r[0]) == 0;
        double p[4], se[4];
        for (int k = 0; k < 4; k++)
            dcd_mcstats_exceedance(objs[k], c, &p[k], &se[k]);
        same &= p[0] == p[1] && p[0] == p[2] && p[0] == p[3] && se[0] == se[3];
    }
    gsl_test(!same, "%s: one run, 3 threads, 2 shards and 2 saved shards give identical bytes",
             mode);
    dcd_mcstats_free(loaded);
    dcd_mcstats_free(one);
    dcd_mcstats_free(sh1);
    dcd_mcstats_free(sh2);
    dcd_mcstats_free(all);
    for (int k = 0; k < 3; k++)
        dcd_mcstats_free(t[k]);
    free(ok);
    free(v);
}

/* A closed form end to end (distribution, sampling design, statistics): one
 * energy segment, E(2030) = E0 (1 + g)^7 with g ~ U(a, b).  Its quantile at p
 * is E0 (1 + a + p (b - a))^7 and P(E > t) = (b - ((t/E0)^(1/7) - 1))/(b - a). */
static void test_closed_form(int method)
{
    const char *mn = method ? "lhs" : "random";
    const double e0 = 176, a = 0.10, b = 0.30, t = 600;
    const size_t n = 50 * DCD_SAMPLE_BLOCK, nb = dcd_sample_nblocks(n);
    dcd_dist g = {0};
    char why[100];
    dcd_dist_set_uniform(&g, a, b, why, sizeof why);
    int st;
    dcd_sampler *smp = dcd_sampler_alloc(method, 2030, n, 1, 0, nb, &st);
    dcd_threshold thr = {0, t};
    dcd_mcstats_config cfg = {
        .ndraws = n, .ncells = 1, .thresholds = &thr, .nthresholds = 1, .exact_budget_bytes = 1};
    dcd_mcstats *s = dcd_mcstats_alloc(&cfg, 0, nb, &st);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    double *u = malloc(DCD_SAMPLE_BLOCK * sizeof *u), *x = malloc(DCD_SAMPLE_BLOCK * sizeof *x);
    for (size_t blk = 0; blk < nb; blk++) {
        size_t m = dcd_draw_block(smp, &g, NULL, r, blk, u, x, &st);
        for (size_t i = 0; i < m; i++)
            x[i] = e0 * pow(1 + x[i], 7);
        dcd_mcstats_add_block(s, blk, x, NULL, m);
    }
    double mean, sd, p[7], pr, se;
    gsl_test(dcd_mcstats_result(s, 0, &mean, &sd, p), "%s: closed form: results", mn);
    for (int k = 0; k < 7; k++) {
        double q = dcd_mcstats_default_pcts[k] / 100;
        double exact = e0 * pow(1 + a + q * (b - a), 7);
        /* sampling error of a quantile: sqrt(q (1 - q) / n) / density, with
         * the density of E at its q quantile = 1 / (dE/dq) */
        double dedq = 7 * e0 * pow(1 + a + q * (b - a), 6) * (b - a);
        double tol = 5 * sqrt(q * (1 - q) / (double)n) * dedq + 2e-4 * exact;
        gsl_test_abs(p[k], exact, tol, "%s: closed form: P%g of E(2030)", mn,
                     dcd_mcstats_default_pcts[k]);
    }
    /* E[(1+g)^7] = ((1+b)^8 - (1+a)^8) / (8 (b - a)) */
    double em = e0 * (pow(1 + b, 8) - pow(1 + a, 8)) / (8 * (b - a));
    gsl_test_abs(mean, em, 5 * sd / sqrt((double)n), "%s: closed form: mean of E(2030)", mn);
    dcd_mcstats_exceedance(s, 0, &pr, &se);
    double ep = (b - (pow(t / e0, 1.0 / 7) - 1)) / (b - a);
    gsl_test_abs(pr, ep, 5 * sqrt(ep * (1 - ep) / (double)n),
                 "%s: closed form: P(E(2030) > %g TWh) = %.4f", mn, t, ep);
    free(u);
    free(x);
    gsl_rng_free(r);
    dcd_mcstats_free(s);
    dcd_sampler_free(smp);
}

/* Real threads: each with its own generator, rank-correlation workspace and
 * statistics, taking blocks in turn from a shared plan; merged, they must
 * give the bytes of one thread. */
typedef struct job {
    const dcd_sampler *smp;
    const dcd_dist *dists;
    const double *corr;
    size_t nb, first, step;
    dcd_mcstats *stats;
    int status;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    char why[100];
    int st;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    dcd_rankcorr *rc = dcd_rankcorr_alloc(j->corr, 2, DCD_SAMPLE_BLOCK, &st, why, sizeof why);
    double *u = malloc(DCD_SAMPLE_BLOCK * 2 * sizeof *u),
           *x = malloc(DCD_SAMPLE_BLOCK * 2 * sizeof *x);
    double *y = malloc(DCD_SAMPLE_BLOCK * NC * sizeof *y);
    j->status = !r || !rc || !u || !x || !y;
    for (size_t b = j->first; b < j->nb && !j->status; b += j->step) {
        size_t m = dcd_draw_block(j->smp, j->dists, rc, r, b, u, x, &st);
        for (size_t i = 0; i < m; i++) {
            y[i * NC] = 100 * x[2 * i] / (x[2 * i] + x[2 * i + 1]);
            y[i * NC + 1] = x[2 * i] - x[2 * i + 1];
            y[i * NC + 2] = x[2 * i + 1];
        }
        j->status = st || dcd_mcstats_add_block(j->stats, b, y, NULL, m);
    }
    gsl_rng_free(r);
    dcd_rankcorr_free(rc);
    free(u);
    free(x);
    free(y);
    return NULL;
}

static void test_threads(void)
{
    const size_t n = 12 * DCD_SAMPLE_BLOCK + 321, nb = dcd_sample_nblocks(n);
    const double corr[4] = {1, 0.6, 0.6, 1};
    char why[100];
    int st;
    dcd_dist d[2] = {{0}};
    dcd_dist_set_pert(&d[0], 300, 450, 700, 4, why, sizeof why);
    dcd_dist_set_lognormal(&d[1], log(4000), 0.05, -HUGE_VAL, HUGE_VAL, why, sizeof why);
    dcd_sampler *smp = dcd_sampler_alloc(DCD_SAMPLING_LHS, 99, n, 2, 0, nb, &st);
    dcd_mcstats_config cfg = config(n, 1);
    double res[2][NC][9];
    for (int nt = 1; nt <= 2; nt++) {
        pthread_t th[2];
        job jobs[2];
        for (int k = 0; k < nt; k++) {
            jobs[k] = (job){smp, d, corr, nb, (size_t)k, (size_t)nt, NULL, 0};
            jobs[k].stats = dcd_mcstats_alloc(&cfg, 0, nb, &st);
            pthread_create(&th[k], NULL, worker, &jobs[k]);
        }
        int ok = 1;
        for (int k = 0; k < nt; k++) {
            pthread_join(th[k], NULL);
            ok &= jobs[k].status == 0;
        }
        if (nt == 2)
            ok &= dcd_mcstats_merge(jobs[0].stats, jobs[1].stats) == DCD_OK;
        for (size_t c = 0; c < NC; c++)
            ok &= dcd_mcstats_result(jobs[0].stats, c, &res[nt - 1][c][0], &res[nt - 1][c][1],
                                     &res[nt - 1][c][2]) == DCD_OK;
        gsl_test(!ok, "%d thread(s): every block drawn and counted", nt);
        for (int k = 0; k < nt; k++)
            dcd_mcstats_free(jobs[k].stats);
    }
    gsl_test(memcmp(res[0], res[1], sizeof res[0]) != 0,
             "1 and 2 threads give the same bytes (correlated LHS draws, statistics)");
    dcd_sampler_free(smp);
    dcd_dist_free(&d[0]);
    dcd_dist_free(&d[1]);
}

static void test_errors(void)
{
    const size_t n = DCD_SAMPLE_BLOCK + 10;
    double *v = make_values(n, 3);
    int st;
    dcd_mcstats_config cfg = config(n, 0);
    dcd_mcstats *s = dcd_mcstats_alloc(&cfg, 0, 2, &st);
    double m, sd, p[7];
    gsl_test(dcd_mcstats_result(s, 0, &m, &sd, p) != DCD_EUSAGE, "no result before all blocks");
    gsl_test(add_range(s, v, n, 0, 1, NULL), "block 0");
    gsl_test(add_range(s, v, n, 0, 1, NULL) != DCD_EUSAGE, "block 0 twice refused");
    gsl_test(dcd_mcstats_add_block(s, 1, v, NULL, 11) != DCD_EUSAGE, "wrong block size refused");
    v[DCD_SAMPLE_BLOCK * NC + 4] = NAN;
    gsl_test(add_range(s, v, n, 1, 2, NULL) != DCD_EMODEL, "a NaN in an ok draw refused");
    gsl_test(dcd_mcstats_add_block(s, 2, v, NULL, 10) != DCD_EUSAGE, "block past the end");
    dcd_mcstats_free(s);
    const double bad[] = {50, 10};
    cfg.pcts = bad;
    cfg.npcts = 2;
    gsl_test(dcd_mcstats_alloc(&cfg, 0, 2, &st) != NULL || st != DCD_EUSAGE,
             "percentiles out of order refused");
    free(v);
}

int main(void)
{
    harness_init();
    test_exact();
    test_ties();
    test_histogram();
    test_merge(1);
    test_merge(0);
    test_closed_form(0);
    test_closed_form(1);
    test_threads();
    test_errors();
    return gsl_test_summary();
}
