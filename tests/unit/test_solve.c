/* test_solve.c - goal seek (dcd_solve.h) against closed-form answers, and
 * its refusals: a target outside the bounds, an unused input, a path that
 * is not an input; default bounds from the allowed ranges. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dcd_solve.h"
#include "harness.h"

/* One energy segment, E0 in the base year, constant growth G written as
 * GROWTH (text), national demand a constant forecast N: the share in year
 * base + n is 100 E0 (1 + g)^n / N. */
static const double E0 = 123.4, N = 3000;

static const char *write_file(const char *dir, const char *name, const char *growth)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        return NULL;
    fprintf(f,
            "name: closed-form\n"
            "years: {start: 2020, base: 2020, end: 2030}\n"
            "national: {forecast_twh: 3000}\n"
            "pue: 1.3\n"
            "segments:\n"
            "  dc: {ai: false, driver: energy, energy_twh: 123.4, growth: %s}\n",
            growth);
    fclose(f);
    return path;
}

static dcd_source *open_src(const char *path)
{
    dcd_diags d = {0};
    dcd_source *src = NULL;
    dcd_source_open(path, &src, &d);
    dcd_diags_free(&d);
    return src;
}

/* Solves for TARGET share in 2030 varying PATH in MODE; returns x. */
static double solve_share(dcd_source *src, const char *path, dcd_vary_mode mode, double target,
                          const double *bounds, dcd_solve_result *res, int *status)
{
    dcd_diags d = {0};
    dcd_scenario *sc = NULL;
    dcd_input in;
    char why[256];
    double x = NAN;
    *status = -1;
    if (dcd_source_load(src, NULL, 0, &sc, &d) != DCD_OK)
        goto done;
    if ((*status = dcd_input_find(sc, path, mode, &in, why, sizeof why)) != DCD_OK)
        goto done;
    dcd_solve_opts o;
    dcd_solve_opts_default(&o);
    o.metric = DCD_T_DC_SHARE_PCT;
    o.year = 2030;
    o.target = target;
    o.xtol = 1e-13;
    o.ftol = 1e-12;
    if (bounds) {
        o.lo = bounds[0];
        o.hi = bounds[1];
    } else {
        dcd_input_default_bounds(&in, &o.lo, &o.hi);
    }
    *status = dcd_solve(src, NULL, 0, &in, 1, &o, res, &d);
    x = res->x;
    dcd_input_free(&in);
done:
    dcd_scenario_free(sc);
    dcd_diags_free(&d);
    return x;
}

int main(void)
{
    harness_init();
    char dir[] = "/tmp/dcd-test-solve-XXXXXX";
    if (!mkdtemp(dir)) {
        printf("SKIP: test_solve: no temporary folder\n");
        return 0;
    }
    const double target = 9.87;
    const double g = pow(target * N / (100 * E0), 1.0 / 10) - 1; /* the closed form */
    dcd_solve_result res;
    int st;

    /* A number, solved as itself. */
    dcd_source *src = open_src(write_file(dir, "a.yaml", "0.05"));
    double x = solve_share(src, "segments.dc.growth", DCD_VARY_DEFAULT, target, NULL, &res, &st);
    gsl_test_int(st, DCD_OK, "solve a number: status");
    gsl_test_int(res.outcome, DCD_SOLVE_FOUND, "solve a number: found");
    gsl_test_rel(x, g, 1e-10, "solve a number: the closed-form growth");
    gsl_test_rel(res.metric, target, 1e-10, "solve a number: the metric reached");
    gsl_test(res.iterations < 1 || res.iterations > 100, "solve a number: iterations counted");

    /* Outside the bounds: not bracketed, with the metric at both bounds. */
    double b[2] = {0.0, 0.01};
    solve_share(src, "segments.dc.growth", DCD_VARY_VALUE, target, b, &res, &st);
    gsl_test_int(res.outcome, DCD_SOLVE_NOT_BRACKETED, "a target outside the bounds");
    gsl_test_rel(res.f_lo, 100 * E0 / N, 1e-12, "the metric at the lower bound");
    gsl_test_rel(res.f_hi, 100 * E0 * pow(1.01, 10) / N, 1e-12, "the metric at the upper bound");

    /* The fleet-wide PUE does not touch facility energy: unused. */
    solve_share(src, "pue", DCD_VARY_DEFAULT, target, NULL, &res, &st);
    gsl_test_int(st, DCD_OK, "unused input: status");
    gsl_test_int(res.outcome, DCD_SOLVE_UNUSED, "unused input: said so");

    /* Paths that are not inputs. */
    solve_share(src, "segments.dc.colour", DCD_VARY_DEFAULT, target, NULL, &res, &st);
    gsl_test_int(st, DCD_EUSAGE, "a path that is not an input is refused");
    solve_share(src, "name", DCD_VARY_DEFAULT, target, NULL, &res, &st);
    gsl_test_int(st, DCD_EUSAGE, "a path that is not a number is refused");
    solve_share(src, "segments.dc", DCD_VARY_DEFAULT, target, NULL, &res, &st);
    gsl_test_int(st, DCD_EUSAGE, "a path to a mapping is refused");
    dcd_source_free(src);

    /* A series of years: scaled (default) or shifted as a whole. */
    src = open_src(write_file(dir, "b.yaml", "{2021: 0.0625, 2030: 0.0625}"));
    x = solve_share(src, "segments.dc.growth", DCD_VARY_DEFAULT, target, NULL, &res, &st);
    gsl_test_int(res.outcome, DCD_SOLVE_FOUND, "scale a series: found");
    gsl_test_rel(x * 0.0625, g, 1e-10, "scale a series: factor x points = closed form");
    x = solve_share(src, "segments.dc.growth", DCD_VARY_SHIFT, target, NULL, &res, &st);
    gsl_test_rel(x + 0.0625, g, 1e-10, "shift a series: points + shift = closed form");
    solve_share(src, "segments.dc.growth", DCD_VARY_VALUE, target, NULL, &res, &st);
    gsl_test_int(st, DCD_EUSAGE, "a series cannot be solved as one value");
    dcd_source_free(src);

    /* Default bounds from the allowed ranges (the schema table). */
    dcd_input in = {0};
    double vals[2] = {0.1, -0.2}, lo, hi;
    in.key = (char *)"growth";
    in.path = (char *)"segments.ai.growth";
    in.n = 2;
    in.value = vals;
    in.mode = DCD_VARY_SCALE;
    gsl_test(dcd_input_default_bounds(&in, &lo, &hi), "scale bounds exist");
    gsl_test_abs(lo, 0, 0, "scale bounds start at 0");
    gsl_test_rel(hi, 5, 1e-8, "scale bound keeps -0.2 x f above -1");
    in.mode = DCD_VARY_SHIFT;
    dcd_input_default_bounds(&in, &lo, &hi);
    gsl_test_rel(lo, -0.8, 1e-8, "shift bounds: -0.2 + s stays above -1");
    gsl_test_rel(hi, 9.9, 1e-8, "shift bounds: 0.1 + s stays at most 10");
    in.key = (char *)"pue";
    in.path = (char *)"pue";
    in.n = 1;
    in.mode = DCD_VARY_VALUE;
    dcd_input_default_bounds(&in, &lo, &hi);
    gsl_test(lo != 1 || hi != 10, "pue bounds are [1, 10]");
    in.key = (char *)"colour";
    in.path = (char *)"segments.ai.colour";
    gsl_test(dcd_input_default_bounds(&in, &lo, &hi) != -1, "no range for an unknown key");

    /* The overrides: a series keeps its years and interpolation. */
    char *years[2] = {(char *)"2024", (char *)"2030"};
    dcd_buf ob = {0};
    in.key = (char *)"growth";
    in.path = (char *)"segments.ai.growth";
    in.series = 1;
    in.n = 2;
    in.year = years;
    in.interp = (char *)"steffen";
    in.mode = DCD_VARY_SCALE;
    dcd_input_setting(&in, 2.5, &ob);
    gsl_test_str(dcd_buf_str(&ob),
                 "segments.ai.growth={2024: 0.25, 2030: -0.5, interpolation: steffen}",
                 "a scaled series as an override");
    in.mode = DCD_VARY_SHIFT;
    dcd_input_setting(&in, 0.125, &ob);
    gsl_test_str(dcd_buf_str(&ob),
                 "segments.ai.growth={2024: 0.225, 2030: -0.075, interpolation: steffen}",
                 "a shifted series as an override");
    gsl_test(dcd_input_setting(&in, NAN, &ob) != -1, "a non-finite value is refused");
    dcd_input_name_setting("it's", "-solved", &ob);
    gsl_test_str(dcd_buf_str(&ob), "name='it''s-solved'", "the derived name, quoted");
    dcd_buf_free(&ob);

    char path[600];
    snprintf(path, sizeof path, "%s/a.yaml", dir);
    remove(path);
    snprintf(path, sizeof path, "%s/b.yaml", dir);
    remove(path);
    rmdir(dir);
    exit(gsl_test_summary());
}
