/* test_calibrate.c - fitting (dcd_calibrate.h): known parameters recovered
 * from history that the model itself generated, exactly without noise and
 * within the reported standard errors with seeded noise; an unidentifiable
 * pair flagged; observations read from CSV with located errors. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dcd_calibrate.h"
#include "harness.h"

static char dir[] = "/tmp/dcd-test-calibrate-XXXXXX";

static const char *write_text(const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        return NULL;
    fputs(text, f);
    fclose(f);
    return path;
}

/* Two energy segments; the file states growths 0.05 and 0.15. */
static const char SCENARIO[] = "name: synthetic\n"
                               "years: {start: 2014, base: 2014, end: 2025}\n"
                               "national: {total_twh: 3903.3, growth: 0.003}\n"
                               "segments:\n"
                               "  a: {ai: false, driver: energy, energy_twh: 50.5, growth: 0.05}\n"
                               "  b: {ai: true, driver: energy, energy_twh: 7.25, growth: 0.15}\n";

/* Inputs for PATHS (NP of them) found in SRC. */
static int find_inputs(dcd_source *src, const char *const *paths, size_t np, dcd_input *in)
{
    dcd_diags d = {0};
    dcd_scenario *sc = NULL;
    char why[256];
    int rc = dcd_source_load(src, NULL, 0, &sc, &d);
    for (size_t k = 0; rc == DCD_OK && k < np; k++)
        rc = dcd_input_find(sc, paths[k], DCD_VARY_DEFAULT, &in[k], why, sizeof why);
    dcd_scenario_free(sc);
    dcd_diags_free(&d);
    return rc;
}

/* dc_twh 2014..2023 at X, plus noise of sd SD from RNG (when not NULL). */
static size_t synthetic(dcd_source *src, const dcd_input *in, size_t np, const double *x,
                        gsl_rng *rng, double sd, dcd_obs *obs)
{
    dcd_results *r = NULL;
    size_t n = 0;
    if (dcd_input_eval(src, NULL, 0, in, x, np, NULL, &r, NULL) != DCD_OK)
        return 0;
    for (int y = 2014; y <= 2023; y++) {
        double v = DCD_TOTAL(r, DCD_T_DC_TWH, (size_t)(y - r->start));
        obs[n++] =
            (dcd_obs){y, DCD_T_DC_TWH, rng ? v + gsl_ran_gaussian(rng, sd) : v, rng ? sd : NAN};
    }
    dcd_results_free(r);
    return n;
}

static void test_recovery(dcd_source *src)
{
    const char *paths[2] = {"segments.a.growth", "segments.b.growth"};
    const double truth[2] = {0.0312, 0.2475};
    dcd_input in[2];
    dcd_obs obs[16];
    dcd_diags d = {0};
    dcd_calib_opts o;
    dcd_calib_result res;
    memset(in, 0, sizeof in);
    dcd_calib_opts_default(&o);
    gsl_test(find_inputs(src, paths, 2, in), "inputs found");
    gsl_test_rel(in[0].start, 0.05, 0, "the fit starts from the stated value");

    size_t n = synthetic(src, in, 2, truth, NULL, 0, obs);
    gsl_test_int((int)n, 10, "ten synthetic observations");
    gsl_test(dcd_calibrate(src, NULL, 0, in, 2, obs, n, &o, &res, &d), "exact fit: status");
    gsl_test_rel(res.x[0], truth[0], 1e-6, "exact fit recovers a's growth");
    gsl_test_rel(res.x[1], truth[1], 1e-6, "exact fit recovers b's growth");
    gsl_test_abs(res.r2, 1, 1e-9, "exact fit: R-squared 1");
    gsl_test(!res.identifiable, "exact fit: identifiable");
    gsl_test(!res.converged, "exact fit: converged");
    dcd_calib_result_free(&res);

    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 20241);
    n = synthetic(src, in, 2, truth, rng, 1.5, obs);
    gsl_rng_free(rng);
    gsl_test(dcd_calibrate(src, NULL, 0, in, 2, obs, n, &o, &res, &d), "noisy fit: status");
    gsl_test_int(res.weighted, 1, "noisy fit is weighted by the sd");
    gsl_test_int(res.scaled, 0, "with sd the covariance is not rescaled");
    for (int k = 0; k < 2; k++) {
        gsl_test(!(res.se[k] > 0 && isfinite(res.se[k])), "noisy fit: standard error %d > 0", k);
        gsl_test(!(fabs(res.x[k] - truth[k]) <= 2 * res.se[k]),
                 "noisy fit: estimate %d (%g) within 2 standard errors (%g) of %g", k, res.x[k],
                 res.se[k], truth[k]);
    }
    gsl_test(!(res.r2 > 0.99 && res.r2 < 1), "noisy fit: R-squared below 1");
    double ss = 0;
    for (size_t i = 0; i < n; i++) {
        gsl_test_rel(res.resid[i], obs[i].value - res.model[i], 1e-15, "residual %zu", i);
        ss += pow(res.resid[i] / 1.5, 2);
    }
    gsl_test_rel(res.chisq, ss, 1e-12, "chi-squared is the weighted sum of squares");
    dcd_calib_result_free(&res);
    dcd_input_free(&in[0]);
    dcd_input_free(&in[1]);
    dcd_diags_free(&d);
}

static void test_unidentifiable(dcd_source *src)
{
    /* With equal growth, dc_twh depends only on the sum of the energies. */
    const char *paths[2] = {"segments.a.energy_twh", "segments.b.energy_twh"};
    dcd_input in[2];
    dcd_obs obs[16];
    dcd_diags d = {0};
    dcd_calib_opts o;
    dcd_calib_result res;
    memset(in, 0, sizeof in);
    dcd_calib_opts_default(&o);
    const char *sets[2] = {"segments.a.growth=0.1", "segments.b.growth=0.1"};
    dcd_scenario *sc = NULL;
    char why[256];
    dcd_source_load(src, sets, 2, &sc, &d);
    for (int k = 0; k < 2 && sc; k++)
        dcd_input_find(sc, paths[k], DCD_VARY_DEFAULT, &in[k], why, sizeof why);
    dcd_scenario_free(sc);
    dcd_results *r = NULL;
    double x[2] = {40, 20};
    size_t n = 0;
    if (dcd_input_eval(src, sets, 2, in, x, 2, NULL, &r, NULL) == DCD_OK)
        for (int y = 2014; y <= 2020; y++, n++)
            obs[n] =
                (dcd_obs){y, DCD_T_DC_TWH, DCD_TOTAL(r, DCD_T_DC_TWH, (size_t)(y - 2014)), NAN};
    dcd_results_free(r);
    int rc = dcd_calibrate(src, sets, 2, in, 2, obs, n, &o, &res, &d);
    gsl_test(rc, "unidentifiable pair: the fit runs");
    gsl_test_int(res.identifiable, 0, "unidentifiable pair is flagged");
    gsl_test(!(rc == DCD_OK && fabs(fabs(res.corr[1]) - 1) < 1e-3),
             "unidentifiable pair: correlation near -1 or 1 (%g)", rc == DCD_OK ? res.corr[1] : 0);
    gsl_test_rel(res.x[0] + res.x[1], 60, 1e-6, "unidentifiable pair: the sum is still fitted");
    dcd_calib_result_free(&res);

    /* Too few observations. */
    rc = dcd_calibrate(src, sets, 2, in, 2, obs, 1, &o, &res, &d);
    gsl_test_int(rc, DCD_EUSAGE, "one observation cannot determine two parameters");
    dcd_input_free(&in[0]);
    dcd_input_free(&in[1]);
    dcd_diags_free(&d);
}

static void test_csv(void)
{
    dcd_obs *obs = NULL;
    size_t n = 0;
    dcd_diags d = {0};
    const char *p = write_text("ok.csv", "# LBNL\nyear,metric,value,sd\n2014,dc_twh,58,3\n\n"
                                         "2023,dc_share_pct,4.4,0.2\n");
    gsl_test(dcd_obs_read_csv(p, &obs, &n, &d), "a good CSV reads");
    gsl_test_int((int)n, 2, "two observations");
    gsl_test(n != 2 || obs[1].year != 2023 || obs[1].metric != DCD_T_DC_SHARE_PCT ||
                 obs[1].value != 4.4 || obs[1].sd != 0.2,
             "the second row's fields");
    free(obs);
    struct {
        const char *text, *msg;
        int line, col;
    } bad[] = {
        {"year,value\n", "expected the header year,metric,value or year,metric,value,sd", 1, 1},
        {"year,metric,value\n2014,dc_twh\n", "expected 3 fields (year,metric,value), found 2", 2,
         1},
        {"year,metric,value\n20x4,dc_twh,5\n", "year '20x4': expected a whole year 1900-2200", 2,
         1},
        {"year,metric,value\n2014,dc_gwh,5\n",
         "metric 'dc_gwh': not a column of summary.csv (dc_twh, dc_share_pct, ai_twh, ...)", 2, 6},
        {"year,metric,value\n2014,dc_twh,five\n", "value 'five': expected a number", 2, 13},
        {"year,metric,value,sd\n2014,dc_twh,5,-1\n", "sd '-1': expected a number > 0", 2, 15},
        {"year,metric,value\n", "no observations", 1, 1},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        dcd_diags_free(&d);
        p = write_text("bad.csv", bad[i].text);
        int rc = dcd_obs_read_csv(p, &obs, &n, &d);
        gsl_test_int(rc, DCD_EINPUT, "bad CSV %zu refused", i);
        gsl_test(obs != NULL || n != 0, "bad CSV %zu: nothing returned", i);
        gsl_test_str(d.n ? d.items[0].message : "", bad[i].msg, "bad CSV %zu: message", i);
        gsl_test_int(d.n ? d.items[0].line : 0, bad[i].line, "bad CSV %zu: line", i);
        gsl_test_int(d.n ? d.items[0].column : 0, bad[i].col, "bad CSV %zu: column", i);
    }
    dcd_diags_free(&d);
    char path[600];
    snprintf(path, sizeof path, "%s/ok.csv", dir);
    remove(path);
    snprintf(path, sizeof path, "%s/bad.csv", dir);
    remove(path);
}

int main(void)
{
    harness_init();
    if (!mkdtemp(dir)) {
        printf("SKIP: test_calibrate: no temporary folder\n");
        return 0;
    }
    dcd_diags d = {0};
    dcd_source *src = NULL;
    const char *p = write_text("s.yaml", SCENARIO);
    gsl_test(dcd_source_open(p, &src, &d), "synthetic scenario opens");
    if (src) {
        test_recovery(src);
        test_unidentifiable(src);
    }
    dcd_source_free(src);
    dcd_diags_free(&d);
    test_csv();
    char path[600];
    snprintf(path, sizeof path, "%s/s.yaml", dir);
    remove(path);
    rmdir(dir);
    exit(gsl_test_summary());
}
