/* test_sweep.c - the sweep analysis through its API (dcd_sweep.h): each
 * point equals the scenario loaded with --set PATH=VALUE and projected. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dcd_sweep.h"
#include "harness.h"

static const char *FILE_ = "tests/golden/tiny.yaml";

/* The metric M in YEAR of the scenario with SET applied. */
static double direct(const char *set, int m, int year)
{
    dcd_scenario *sc = NULL;
    dcd_results *r = NULL;
    dcd_diags d = {0};
    const char *sets[1] = {set};
    double v = NAN;
    if (dcd_scenario_load(FILE_, sets, 1, &sc, &d) == DCD_OK &&
        dcd_project_new(sc, &r, &d) == DCD_OK && year >= r->start && year < r->start + (int)r->ny)
        v = DCD_TOTAL(r, m, (size_t)(year - r->start));
    dcd_results_free(r);
    dcd_scenario_free(sc);
    dcd_diags_free(&d);
    return v;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

int main(void)
{
    harness_init();
    dcd_source *src = NULL;
    dcd_diags d = {0};
    char why[256];
    gsl_test_int(dcd_source_open(FILE_, &src, &d), DCD_OK, "tiny.yaml opens");
    dcd_vary v[2];
    memset(v, 0, sizeof v);
    gsl_test_int(dcd_vary_parse("segments.cloud.utilisation=0.35:0.75:0.2", &v[0], why, sizeof why),
                 DCD_OK, "a range parses");
    gsl_test_int((int)v[0].n, 3, "0.35:0.75:0.2 has three values");
    gsl_test_int(dcd_vary_parse("grid_intensity_g_per_kwh=100,385", &v[1], why, sizeof why), DCD_OK,
                 "a list parses");

    /* One parameter. */
    dcd_sweep_opts o = {NULL, 0, v, 1, DCD_T_DC_TWH, 2025};
    dcd_sweep s = {0};
    gsl_test_int(dcd_sweep_run(src, &o, &s, &d), DCD_OK, "one-parameter sweep runs");
    gsl_test_int((int)s.npoints, 3, "three points");
    for (size_t p = 0; p < s.npoints; p++) {
        char set[128];
        snprintf(set, sizeof set, "%s=%s", v[0].path, v[0].text[p]);
        gsl_test_rel(dcd_sweep_value(&s, p, 2025), direct(set, DCD_T_DC_TWH, 2025), 1e-15,
                     "point %zu equals run --set %s", p, set);
    }
    gsl_test(!(dcd_sweep_value(&s, 2, 2025) > dcd_sweep_value(&s, 0, 2025)),
             "more utilisation, more energy");
    gsl_test(!isnan(dcd_sweep_value(&s, 0, 1999)), "a year outside is NaN");
    gsl_test_int((int)count_lines(dcd_buf_str(&s.csv)), 1 + 3 * 7,
                 "sweep.csv: a header and 7 years per point");
    gsl_test(strncmp(dcd_buf_str(&s.csv), "segments.cloud.utilisation,year,", 32) != 0,
             "sweep.csv starts with the parameter");
    gsl_test(dcd_sweep_no_effect(&s, &o, 0), "utilisation has an effect");
    gsl_test(!dcd_sweep_any_value(&s), "some value is determined");
    dcd_buf t = {0};
    dcd_sweep_format_text(&s, &o, &t);
    const char *head = "tiny: dc_twh (TWh: Data centres, facility energy) in 2025\n"
                       "  segments.cloud.utilisation: share of time at full power (fraction)\n";
    gsl_test(strncmp(dcd_buf_str(&t), head, strlen(head)) != 0,
             "the table's first lines: metric with label, parameter from the schema");
    gsl_test_int((int)count_lines(dcd_buf_str(&t)), 3 + 3,
                 "a heading, the parameter, a header, 3 rows");
    dcd_buf_free(&t);
    dcd_sweep_free(&s);

    /* Two parameters: the second has no effect on energy. */
    o.nvary = 2;
    gsl_test_int(dcd_sweep_run(src, &o, &s, &d), DCD_OK, "two-parameter sweep runs");
    gsl_test_int((int)s.npoints, 6, "3 x 2 points");
    gsl_test(!dcd_sweep_no_effect(&s, &o, 1), "grid intensity leaves dc_twh unchanged");
    gsl_test(dcd_sweep_no_effect(&s, &o, 0), "utilisation still has an effect");
    dcd_buf n = {0};
    dcd_sweep_point_name(&o, &s, 5, &n);
    gsl_test_str(dcd_buf_str(&n), "segments.cloud.utilisation=0.75, grid_intensity_g_per_kwh=385",
                 "point 5 is (i 2, j 1)");
    dcd_buf_free(&n);
    dcd_sweep_free(&s);

    /* The year must be one of the scenario's. */
    o.nvary = 1;
    o.year = 2100;
    gsl_test_int(dcd_sweep_run(src, &o, &s, &d), DCD_EUSAGE, "a year outside: DCD_EUSAGE");
    gsl_test(s.first == NULL || s.first->end != 2026, "... with the first scenario to say why");
    dcd_sweep_free(&s);

    /* A value the loader refuses: DCD_EINPUT naming the point and --vary[1]. */
    dcd_vary bad = {0};
    dcd_vary_parse("segments.cloud.utilisation=0.5,7", &bad, why, sizeof why);
    o.vary = &bad;
    o.year = 2025;
    dcd_diags_free(&d);
    gsl_test_int(dcd_sweep_run(src, &o, &s, &d), DCD_EINPUT, "an invalid value: DCD_EINPUT");
    gsl_test_int((int)s.failed_point, 1, "the failing point is the second");
    gsl_test(d.n == 0 || !d.items[0].file || strcmp(d.items[0].file, "--vary[1]") != 0,
             "the problem is located at --vary[1]");
    dcd_sweep_free(&s);
    dcd_vary_free(&bad);

    for (int k = 0; k < 2; k++)
        dcd_vary_free(&v[k]);
    dcd_source_free(src);
    dcd_diags_free(&d);
    return gsl_test_summary();
}
