/* bench_project.c - how fast is one evaluation of the model?
 *
 * The analyses (Monte Carlo, sweeps, goal seek, calibration) evaluate the
 * projection millions of times, so this measures:
 *   1. dcd_project() on each scenario given, with its workspace reused
 *      (the analyses' inner loop);
 *   2. the same with a workspace and results allocated per evaluation;
 *   3. a full load (read, parse, validate) plus projection, as a naive
 *      analysis that re-reads the scenario per sample would do.
 * It prints nanoseconds per evaluation and the ratios of 2 and 3 to 1,
 * measured in the same run (machines are shared and noisy: compare ratios,
 * not absolute times).
 *
 * Usage: bench_project [-n ITERATIONS] FILE...
 */
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dcd_engine.h"
#include "dcd_load.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static volatile double sink;

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
    return 0;
}
