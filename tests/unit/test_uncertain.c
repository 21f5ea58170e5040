/* test_uncertain.c - the shared uncertain model (dcd_uncertain.h): a
 * scenario loaded with its `uncertainty:` key, drawn and evaluated block by
 * block on 1 and 3 threads, against a closed form and against itself. */
#include <math.h>
#include <string.h>

#include "dcd_load.h"
#include "dcd_mcstats.h"
#include "dcd_uncertain.h"
#include "harness.h"

/* One energy segment: E(t) = E0 (1 + g)^(t - 2023), g ~ U(a, b) as a value. */
static const char SCENARIO[] = "name: closed\n"
                               "years: {start: 2020, base: 2023, end: 2030}\n"
                               "national: {total_twh: 4000, growth: 0.01}\n"
                               "segments:\n"
                               "  dc: {ai: false, driver: energy, energy_twh: 176, growth: 0.2}\n"
                               "uncertainty:\n"
                               "  segments.dc.growth: {dist: uniform, min: 0.1, max: 0.3, "
                               "mode: value}\n"
                               "  national.growth: {dist: uniform, min: 0.0, max: 0.02, "
                               "mode: value}\n";

typedef struct job {
    const dcd_umodel *m;
    const dcd_sampler *smp;
    dcd_umodel_ws **ws;
    dcd_mcstats **stats;
    double **out;
} job;

static int one_block(void *ctx, unsigned t, size_t b)
{
    job *j = ctx;
    int st = DCD_OK;
    size_t n = dcd_umodel_draw(j->m, j->smp, j->ws[t], b, &st), d = dcd_umodel_dim(j->m);
    size_t nc = dcd_umodel_ncells(j->m);
    if (st != DCD_OK)
        return st;
    const double *x = dcd_umodel_ws_draws(j->ws[t]);
    for (size_t i = 0; i < n; i++)
        if (dcd_umodel_eval(j->m, j->ws[t], x + i * d, j->out[t] + i * nc) != DCD_OK)
            return DCD_EMODEL;
    return dcd_mcstats_add_block(j->stats[t], b, j->out[t], NULL, n);
}

/* Runs N draws on T threads; the merged statistics in *OUT. */
static int run(const dcd_umodel *m, size_t n, unsigned t, dcd_mcstats_config *cfg,
               dcd_mcstats **out)
{
    size_t nb = dcd_sample_nblocks(n);
    int st = DCD_OK;
    dcd_sampler *smp = dcd_sampler_alloc(DCD_SAMPLING_LHS, 2385, n, dcd_umodel_dim(m), 0, nb, &st);
    dcd_umodel_ws *ws[4] = {0};
    dcd_mcstats *stats[4] = {0};
    double *o[4] = {0};
    for (unsigned i = 0; i < t; i++) {
        ws[i] = dcd_umodel_ws_alloc(m);
        stats[i] = dcd_mcstats_alloc(cfg, 0, nb, &st);
        o[i] = malloc(DCD_SAMPLE_BLOCK * dcd_umodel_ncells(m) * sizeof *o[i]);
    }
    job j = {m, smp, ws, stats, o};
    st = dcd_parallel_blocks(0, nb, t, one_block, &j, NULL);
    for (unsigned i = 1; i < t; i++)
        if (st == DCD_OK)
            st = dcd_mcstats_merge(stats[0], stats[i]);
    for (unsigned i = 0; i < t; i++) {
        dcd_umodel_ws_free(ws[i]);
        free(o[i]);
        if (i)
            dcd_mcstats_free(stats[i]);
    }
    dcd_sampler_free(smp);
    *out = stats[0];
    return st;
}

int main(void)
{
    harness_init();
    dcd_diags d = {0};
    dcd_scenario *sc = NULL;
    int st = dcd_scenario_load_text("closed.yaml", SCENARIO, strlen(SCENARIO), NULL, 0, &sc, &d);
    gsl_test(st, "the uncertain scenario loads");
    dcd_umodel *m = NULL;
    st = dcd_umodel_new(sc, DCD_TOTALS_ENERGY, &m, &d);
    gsl_test(st, "the model builds");
    dcd_diags_print(&d, stderr);
    if (st) {
        dcd_scenario_free(sc);
        return gsl_test_summary();
    }
    gsl_test(dcd_umodel_dim(m) != 2, "two uncertain inputs");
    gsl_test(strcmp(dcd_umodel_spec(m)->inputs[0].path, "segments.dc.growth") != 0 ||
                 dcd_umodel_spec(m)->inputs[0].apply != DCD_DRAW_VALUE,
             "input 0 is the growth, as a value");
    gsl_test_rel(dcd_umodel_medians(m)[0], 0.2, 1e-12, "median of U(0.1, 0.3)");
    gsl_test(dcd_umodel_years(m) != 11 || dcd_umodel_start(m) != 2020, "years 2020-2030");

    dcd_ucell cells[2] = {{DCD_T_DC_TWH, 10}, {DCD_T_DC_SHARE_PCT, 10}};
    gsl_test(dcd_umodel_cells(m, cells, 2), "cells set");
    dcd_ucell bad = {DCD_T_DC_TWH, 11};
    gsl_test(dcd_umodel_cells(m, &bad, 1) != DCD_EUSAGE, "a year out of range is refused");

    /* one evaluation by hand: g = 0.25, national growth 0.01 */
    dcd_umodel_ws *w = dcd_umodel_ws_alloc(m);
    double x[2] = {0.25, 0.01}, out[2];
    gsl_test(dcd_umodel_eval(m, w, x, out), "one evaluation");
    gsl_test_rel(out[0], 176 * pow(1.25, 7), 1e-12, "E(2030) = E0 (1 + g)^7");
    dcd_umodel_ws_free(w);

    const size_t n = 12 * DCD_SAMPLE_BLOCK + 777;
    dcd_threshold thr = {0, 600};
    dcd_mcstats_config cfg = {.ndraws = n, .ncells = 2, .thresholds = &thr, .nthresholds = 1};
    dcd_mcstats *s1 = NULL, *s3 = NULL;
    gsl_test(run(m, n, 1, &cfg, &s1), "1 thread");
    gsl_test(run(m, n, 3, &cfg, &s3), "3 threads");
    const double e0 = 176, a = 0.1, b = 0.3;
    double mean1, sd1, p1[7], mean3, sd3, p3[7];
    gsl_test(dcd_mcstats_result(s1, 0, &mean1, &sd1, p1), "results, 1 thread");
    gsl_test(dcd_mcstats_result(s3, 0, &mean3, &sd3, p3), "results, 3 threads");
    for (int k = 0; k < 7; k++) {
        double q = dcd_mcstats_default_pcts[k] / 100;
        double exact = e0 * pow(1 + a + q * (b - a), 7);
        double dedq = 7 * e0 * pow(1 + a + q * (b - a), 6) * (b - a);
        double tol = 5 * sqrt(q * (1 - q) / (double)n) * dedq;
        gsl_test_abs(p1[k], exact, tol, "closed form: P%g of E(2030)", dcd_mcstats_default_pcts[k]);
        gsl_test(memcmp(&p1[k], &p3[k], sizeof p1[k]) != 0, "P%g identical on 1 and 3 threads",
                 dcd_mcstats_default_pcts[k]);
    }
    double em = e0 * (pow(1 + b, 8) - pow(1 + a, 8)) / (8 * (b - a));
    gsl_test_abs(mean1, em, 5 * sd1 / sqrt((double)n), "closed form: mean of E(2030)");
    gsl_test(memcmp(&mean1, &mean3, sizeof mean1) != 0 || memcmp(&sd1, &sd3, sizeof sd1) != 0,
             "mean and sd identical on 1 and 3 threads");
    double pr, se;
    dcd_mcstats_exceedance(s1, 0, &pr, &se);
    double ep = (b - (pow(600 / e0, 1.0 / 7) - 1)) / (b - a);
    gsl_test_abs(pr, ep, 5 * sqrt(ep * (1 - ep) / (double)n), "closed form: P(E(2030) > 600)");

    /* the pool stops at a failing block and reports it */
    dcd_mcstats_free(s1);
    dcd_mcstats_free(s3);
    dcd_umodel_free(m);
    dcd_scenario_free(sc);
    dcd_diags_free(&d);

    /* a scenario without the key is refused with a message */
    static const char PLAIN[] = "name: p\nyears: {start: 2020, end: 2030}\n"
                                "national: {total_twh: 4000, growth: 0.01}\n"
                                "segments:\n  dc: {ai: false, driver: energy, energy_twh: 176, "
                                "growth: 0.2}\n";
    st = dcd_scenario_load_text("p.yaml", PLAIN, strlen(PLAIN), NULL, 0, &sc, &d);
    gsl_test(st, "a plain scenario loads");
    st = dcd_umodel_new(sc, DCD_TOTALS_ENERGY, &m, &d);
    gsl_test(st != DCD_EINPUT || d.n != 1 || !strstr(d.items[0].message, "no uncertainty: key"),
             "a scenario without uncertainty: is refused");
    dcd_scenario_free(sc);
    dcd_diags_free(&d);
    gsl_test(dcd_default_threads() < 1 || dcd_default_threads() > DCD_THREADS_MAX_DEFAULT,
             "default threads within 1..8");
    return gsl_test_summary();
}
