/* bench_project.c - how fast is one evaluation of the model?
 *
 * The analyses (Monte Carlo, sweeps, goal seek, calibration) evaluate the
 * projection millions of times, so this measures:
 *   1. dcd_project() on each scenario given, with its workspace reused
 *      (the analyses' inner loop);
 *   2. the same with a workspace and results allocated per evaluation;
 *   3. a full load (read, parse, validate) plus projection, as a naive
 *      analysis that re-reads the scenario per sample would do.
 *   4. the prepared evaluation (dcd_prepared.h) with 5 and with 15
 *      parameters (np) changed per draw: all totals (all_ns), the energy
 *      totals only (energy_ns: dcd_prepared_select(DCD_TOTALS_ENERGY), what
 *      Monte Carlo on dc_share_pct needs), and with 5 writing full results,
 *      segments too (full_ns); x_* are dcd_project's time over theirs;
 *   5. the energy totals with 15 parameters evaluated 32 draws at a time
 *      (lanes_ns: dcd_prepared_eval_lanes(), what `mc` does), and the
 *      one-draw evaluation's time over it (x_lanes).
 * It prints nanoseconds per evaluation and the ratios, measured in the same
 * run (machines are shared and noisy: compare ratios, not absolute times).
 *
 * Usage: bench_project [-n ITERATIONS] FILE...
 */
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dcd_engine.h"
#include "dcd_load.h"
#include "dcd_prepared.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static volatile double sink;

/* Parameters tried in this order; the first that resolve on a scenario are
 * used, scaled (mode scale) by a different factor on every draw. */
static const char *const SEG_KEYS[] = {"growth",
                                       "utilisation",
                                       "shipments",
                                       "unit_power_w",
                                       "pue",
                                       "idle",
                                       "lifetime.scale",
                                       "lifetime.shape",
                                       "capacity_gw",
                                       "energy_twh",
                                       "lifetime",
                                       "additions_gw",
                                       "installed_base.capacity_gw",
                                       NULL};
static const char *const TOP_KEYS[] = {"national.growth",          "pue",
                                       "grid_intensity_g_per_kwh", "national.total_twh",
                                       "cost_per_mw_usd",          NULL};

/* A prepared scenario with up to N parameters; *GOT is how many resolved. */
static dcd_prepared *prepare(const dcd_scenario *sc, size_t n, int energy, size_t *got)
{
    dcd_prepared *p = NULL;
    if (dcd_prepared_new(sc, &p, NULL) != DCD_OK)
        return NULL;
    if (energy)
        dcd_prepared_select(p, DCD_TOTALS_ENERGY);
    char path[256];
    for (size_t r = 0; dcd_prepared_nparams(p) < n && r < 2; r++) {
        /* round 0: the first top key and each segment's first keys */
        for (const char *const *k = TOP_KEYS; *k && dcd_prepared_nparams(p) < n; k++)
            if (r == 1 || k == TOP_KEYS)
                dcd_prepared_param(p, *k, DCD_APPLY_SCALE, NULL, NULL);
        for (const char *const *k = SEG_KEYS; *k; k++)
            for (size_t s = 0; s < sc->nsegments && dcd_prepared_nparams(p) < n; s++) {
                if ((r == 0) != (k - SEG_KEYS < 2))
                    continue;
                snprintf(path, sizeof path, "segments.%s.%s", sc->segments[s].name, *k);
                dcd_prepared_param(p, path, DCD_APPLY_SCALE, NULL, NULL);
            }
    }
    *got = dcd_prepared_nparams(p);
    if (dcd_prepared_ready(p, NULL) != DCD_OK) {
        dcd_prepared_free(p);
        return NULL;
    }
    return p;
}

/* Nanoseconds per prepared evaluation of P with N draws; full results into
 * R when not NULL. */
static double time_prepared(const dcd_prepared *p, long n, dcd_results *r, size_t ny)
{
    dcd_prepared_ws *w = dcd_prepared_ws_alloc(p);
    size_t np = dcd_prepared_nparams(p);
    double x[64];
    if (!w)
        return NAN;
    double t0 = now();
    for (long i = 0; i < n; i++) {
        for (size_t k = 0; k < np; k++)
            x[k] = 1 + 1e-3 * (double)((i + (long)k) % 7);
        dcd_prepared_eval(p, w, x, r, NULL);
        sink += dcd_prepared_totals(w)[DCD_T_DC_SHARE_PCT * ny + ny - 1];
    }
    double t = (now() - t0) / (double)n;
    dcd_prepared_ws_free(w);
    return t * 1e9;
}

/* Nanoseconds per draw of P evaluated DCD_LANES draws at a time, N draws. */
static double time_lanes(const dcd_prepared *p, long n, size_t ny)
{
    dcd_prepared_lws *w = dcd_prepared_lws_alloc(p);
    size_t np = dcd_prepared_nparams(p);
    double x[DCD_LANES * 64];
    int st[DCD_LANES];
    if (!w || np > 64)
        return NAN;
    double t0 = now();
    for (long i = 0; i < n; i += DCD_LANES) {
        for (size_t l = 0; l < DCD_LANES; l++)
            for (size_t k = 0; k < np; k++)
                x[l * np + k] = 1 + 1e-3 * (double)((i + (long)l + (long)k) % 7);
        dcd_prepared_eval_lanes(p, w, x, np, DCD_LANES, st, NULL);
        sink += dcd_prepared_lws_totals(w)[(DCD_T_DC_SHARE_PCT * ny + ny - 1) * DCD_LANES];
    }
    double t = (now() - t0) / (double)n;
    dcd_prepared_lws_free(w);
    return t * 1e9;
}

/* Table 2: dcd_project() against the prepared evaluation. */
static int bench_prepared(const char *file, long n)
{
    dcd_diags d = {0};
    dcd_scenario *sc = NULL;
    if (dcd_scenario_load(file, NULL, 0, &sc, &d) != DCD_OK) {
        dcd_diags_print(&d, stderr);
        dcd_diags_free(&d);
        return 3;
    }
    dcd_workspace *w = dcd_workspace_alloc(sc);
    dcd_results *r = dcd_results_alloc(sc);
    size_t n5 = 0, n15 = 0;
    dcd_prepared *p5 = prepare(sc, 5, 0, &n5), *p15 = prepare(sc, 15, 0, &n15);
    dcd_prepared *e5 = prepare(sc, 5, 1, &n5), *e15 = prepare(sc, 15, 1, &n15);
    if (!w || !r || !p5 || !p15 || !e5 || !e15)
        return 70;
    size_t ny = r->ny;
    double base = sc->national.base_twh;
    double t0 = now();
    for (long i = 0; i < n; i++) {
        sc->national.base_twh = base * (1 + 1e-3 * (double)(i % 7));
        dcd_project(sc, w, r, NULL);
        sink += DCD_TOTAL(r, DCD_T_DC_SHARE_PCT, ny - 1);
    }
    double proj = (now() - t0) / (double)n * 1e9;
    sc->national.base_twh = base;
    double t5 = time_prepared(p5, n, NULL, ny);
    double t15 = time_prepared(p15, n, NULL, ny);
    double e5t = time_prepared(e5, n, NULL, ny);
    double e15t = time_prepared(e15, n, NULL, ny);
    double t5r = time_prepared(p5, n, r, ny);
    double l15 = time_lanes(e15, n, ny);
    printf("%-28s %8.0f %3zu %8.0f %8.0f %9.0f %3zu %8.0f %8.0f %8.1f %8.1f %8.1f %8.1f %8.1f\n",
           file, proj, n5, t5, e5t, t5r, n15, t15, e15t, proj / t5, proj / e5t, proj / e15t, l15,
           e15t / l15);
    dcd_prepared_free(e5);
    dcd_prepared_free(e15);
    dcd_prepared_free(p5);
    dcd_prepared_free(p15);
    dcd_results_free(r);
    dcd_workspace_free(w);
    dcd_scenario_free(sc);
    dcd_diags_free(&d);
    return 0;
}

int main(int argc, char **argv)
{
    long n = 200000;
    int first = 1;
    gsl_set_error_handler_off();
    if (argc > 2 && strcmp(argv[1], "-n") == 0) {
        n = strtol(argv[2], NULL, 10);
        first = 3;
    }
    if (first >= argc || n <= 0) {
        fprintf(stderr, "usage: bench_project [-n ITERATIONS] FILE...\n");
        return 2;
    }
    printf("%-40s %12s %12s %12s %9s %9s\n", "scenario", "reuse_ns", "alloc_ns", "load_ns",
           "alloc/x", "load/x");
    for (int f = first; f < argc; f++) {
        dcd_diags d = {0};
        dcd_scenario *sc = NULL;
        if (dcd_scenario_load(argv[f], NULL, 0, &sc, &d) != DCD_OK) {
            dcd_diags_print(&d, stderr);
            dcd_diags_free(&d);
            return 3;
        }
        dcd_workspace *w = dcd_workspace_alloc(sc);
        dcd_results *r = dcd_results_alloc(sc);
        if (!w || !r)
            return 70;
        size_t last = r->ny - 1;

        double t0 = now();
        for (long i = 0; i < n; i++) {
            sc->national.base_twh += 1e-9; /* a different input each time */
            dcd_project(sc, w, r, NULL);
            sink += DCD_TOTAL(r, DCD_T_DC_SHARE_PCT, last);
        }
        double reuse = (now() - t0) / (double)n;

        long n2 = n / 4 > 0 ? n / 4 : 1;
        t0 = now();
        for (long i = 0; i < n2; i++) {
            dcd_workspace *w2 = dcd_workspace_alloc(sc);
            dcd_results *r2 = dcd_results_alloc(sc);
            dcd_project(sc, w2, r2, NULL);
            sink += DCD_TOTAL(r2, DCD_T_DC_SHARE_PCT, last);
            dcd_results_free(r2);
            dcd_workspace_free(w2);
        }
        double alloc = (now() - t0) / (double)n2;

        long n3 = n / 200 > 0 ? n / 200 : 1;
        t0 = now();
        for (long i = 0; i < n3; i++) {
            dcd_scenario *s3 = NULL;
            if (dcd_scenario_load(argv[f], NULL, 0, &s3, &d) != DCD_OK)
                return 3;
            dcd_workspace *w3 = dcd_workspace_alloc(s3);
            dcd_results *r3 = dcd_results_alloc(s3);
            dcd_project(s3, w3, r3, NULL);
            sink += DCD_TOTAL(r3, DCD_T_DC_SHARE_PCT, last);
            dcd_results_free(r3);
            dcd_workspace_free(w3);
            dcd_scenario_free(s3);
        }
        double load = (now() - t0) / (double)n3;

        printf("%-40s %12.0f %12.0f %12.0f %9.2f %9.1f\n", argv[f], reuse * 1e9, alloc * 1e9,
               load * 1e9, alloc / reuse, load / reuse);
        dcd_results_free(r);
        dcd_workspace_free(w);
        dcd_scenario_free(sc);
        dcd_diags_free(&d);
    }
    printf("\n%-28s %8s %3s %8s %8s %9s %3s %8s %8s %8s %8s %8s %8s %8s\n", "scenario", "proj_ns",
           "np", "all_ns", "energy_ns", "full_ns", "np", "all_ns", "energy_ns", "x_all", "x_energy",
           "x_en15", "lanes_ns", "x_lanes");
    for (int f = first; f < argc; f++) {
        int rc = bench_prepared(argv[f], n);
        if (rc)
            return rc;
    }
    return 0;
}
