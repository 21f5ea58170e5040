/* test_uncharts.c - the charts of mc, sensitivity and calibrate on the
 * shared frame (dcd_mc_chart.h, dcd_sens_charts.h, dcd_calib_chart.h): the
 * same plot area as the run charts, hostile text only in the $TEXT
 * datablock, the references of the chart's metric and no other, the
 * footer only when there are sources.  Pictures are tested in
 * tests/cli/test_mc.sh, test_sensitivity.sh and test_calibrate.sh. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dcd_calib_chart.h"
#include "dcd_mc_chart.h"
#include "dcd_sens_charts.h"
#include "harness.h"

static const char HOSTILE[] = "evil\" `rm -rf /` '|x' @macro system(\"id\")\nsecond line";

/* Whether the text of S outside its datablocks holds NEEDLE. */
static int outside_blocks(const char *s, const char *needle)
{
    char marker[80] = "";
    const char *p = s;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (*marker) {
            if (len == strlen(marker) && strncmp(p, marker, len) == 0)
                marker[0] = '\0';
        } else if (*p == '$') {
            const char *m = strstr(p, " << ");
            if (m && m < p + len && (size_t)(p + len - m - 4) < sizeof marker) {
                memcpy(marker, m + 4, (size_t)(p + len - m - 4));
                marker[p + len - m - 4] = '\0';
            }
        } else {
            char line[4096];
            size_t n = len < sizeof line - 1 ? len : sizeof line - 1;
            memcpy(line, p, n);
            line[n] = '\0';
            if (strstr(line, needle))
                return 1;
        }
        p += len + (nl ? 1 : 0);
    }
    return 0;
}

static void check_frame(const char *s, const char *what)
{
    gsl_test(!strstr(s, "set lmargin at screen 0.0767\n"), "%s: the run charts' left margin", what);
    gsl_test(!strstr(s, "set rmargin at screen 0.9700\n"), "%s: the run charts' right margin",
             what);
    gsl_test(!strstr(s, "set tmargin at screen 0.8500\n"), "%s: the run charts' top margin", what);
    gsl_test(!strstr(s, "set label 1 $TEXT[1] "), "%s: the title from $TEXT", what);
    gsl_test(!outside_blocks(s, "set lmargin") || outside_blocks(s, "second line"),
             "%s: the commands are outside the datablocks, the text inside", what);
    gsl_test(outside_blocks(s, "rm -rf") || outside_blocks(s, "evil") ||
                 outside_blocks(s, "system(\"id\")"),
             "%s: hostile text only in the datablock", what);
}

static void test_mc(void)
{
    static const double band[5][3] = {
        {1, 2, 3}, {1.5, 2.5, 3.5}, {2, 3, 4}, {2.5, 3.5, 4.5}, {3, 4, 5}};
    static const dcd_mc_mark marks[2] = {{2021, 2.9, 0.3}, {2020, 2.1, -1}};
    static const double cp[3] = {0.1, 0.5, 0.9}, cx[3] = {3, 4, 5}, thr[1] = {4.5}, thp[1] = {0.3};
    char metric[] = "dc_share_pct", other[] = "dc_twh", label[sizeof HOSTILE],
         l2[] = "Other metric, not drawn";
    memcpy(label, HOSTILE, sizeof HOSTILE);
    dcd_reference refs[2] = {
        {.metric = metric, .year = 2021, .is_range = 1, .low = 2, .high = 3, .label = label},
        {.metric = other, .low = 9, .high = 9, .label = l2}};
    const char *const sources[1] = {HOSTILE};
    dcd_mc_chart_data c = {.title = HOSTILE,
                           .ndraws = 100,
                           .start = 2020,
                           .ny = 3,
                           .p5 = band[0],
                           .p25 = band[1],
                           .p50 = band[2],
                           .p75 = band[3],
                           .p95 = band[4],
                           .marks = marks,
                           .nmarks = 2,
                           .year = 2022,
                           .cdf_p = cp,
                           .cdf_x = cx,
                           .ncdf = 3,
                           .thr = thr,
                           .thr_p = thp,
                           .nthr = 1,
                           .name = "n",
                           .refs = refs,
                           .nrefs = 2,
                           .sources = sources,
                           .nsources = 1,
                           .base_year = 2021};
    dcd_plot_opts o;
    dcd_plot_opts_default(&o);
    dcd_buf fan = {0}, cdf = {0}, bare = {0};
    gsl_test_int(dcd_mc_chart_script(&c, DCD_MC_FAN_STEM, &o, &fan), 0, "fan script");
    gsl_test_int(dcd_mc_chart_script(&c, DCD_MC_CDF_STEM, &o, &cdf), 0, "cdf script");
    const char *f = dcd_buf_str(&fan), *d = dcd_buf_str(&cdf);
    check_frame(f, "fan");
    check_frame(d, "cdf");
    gsl_test(!strstr(f, "set object 1 rectangle from first 2020.7, first 2 to first 2021.3"),
             "fan: the reference of dc_share_pct drawn at its year");
    gsl_test(strstr(f, "Other metric") != NULL, "fan: a reference of another metric left out");
    gsl_test(!strstr(f, "title \"Published: data centres\""), "fan: the published point");
    gsl_test(!strstr(f, "title \"Observed: data centres\""), "fan: the observed point");
    gsl_test(!strstr(f, "\"base year 2021 \""), "fan: the observed/projected marker");
    gsl_test(!strstr(d, "P(share > %g%%) = %.3f"), "cdf: the threshold's probability");
    /* Without sources: no footer line. */
    c.nsources = 0;
    c.nrefs = 0;
    gsl_test_int(dcd_mc_chart_script(&c, DCD_MC_FAN_STEM, &o, &bare), 0, "fan without sources");
    gsl_test(strstr(dcd_buf_str(&bare), "set label 3 ") != NULL, "no sources: no footer label");
    dcd_buf_free(&fan);
    dcd_buf_free(&cdf);
    dcd_buf_free(&bare);
}

static void test_sens(void)
{
    const char *labels[2] = {HOSTILE, "national.growth"};
    static const double lo[2] = {1, 2}, hi[2] = {3, 2.5}, s1[2] = {0.6, 0.1}, s1lo[2] = {0.5, 0},
                        s1hi[2] = {0.7, 0.2}, st[2] = {0.7, 0.2}, stlo[2] = {0.6, 0.1},
                        sthi[2] = {0.8, 0.3};
    dcd_sens_chart c = {.scenario = "s",
                        .title = HOSTILE,
                        .footer = HOSTILE,
                        .metric = "dc_share_pct",
                        .year = 2030,
                        .n = 2,
                        .labels = labels,
                        .base = 2,
                        .lo = lo,
                        .hi = hi,
                        .s1 = s1,
                        .s1_lo = s1lo,
                        .s1_hi = s1hi,
                        .st = st,
                        .st_lo = stlo,
                        .st_hi = sthi,
                        .conf = 0.95};
    dcd_plot_opts o;
    dcd_plot_opts_default(&o);
    dcd_buf t = {0}, s = {0};
    gsl_test_int(dcd_sens_tornado_script(&c, &o, &t), DCD_OK, "tornado script");
    gsl_test_int(dcd_sens_sobol_script(&c, &o, &s), DCD_OK, "sobol script");
    const char *a = dcd_buf_str(&t), *b = dcd_buf_str(&s);
    gsl_test(!strstr(a, "set tmargin at screen 0.8500\n") ||
                 !strstr(b, "set tmargin at screen 0.8500\n"),
             "tornado, sobol: the run charts' top margin");
    gsl_test(outside_blocks(a, "rm -rf") || outside_blocks(b, "rm -rf"),
             "tornado, sobol: hostile text only in the datablock");
    gsl_test(outside_blocks(a, "do for") || outside_blocks(b, "do for"),
             "tornado, sobol: no loop (plot can redraw them)");
    gsl_test(!strstr(a, "set label 100 $TEXT[") || !strstr(b, "set label 100 $TEXT["),
             "tornado, sobol: the inputs' names from $TEXT left of the bars");
    dcd_buf_free(&t);
    dcd_buf_free(&s);
}

static void test_calib(void)
{
    static const double model[3] = {10, 11, 12};
    static const dcd_calib_point obs[2] = {{2020, 10.2, NAN}, {2021, 10.9, NAN}};
    char metric[] = "dc_twh", label[] = "A study: 11.5 TWh in 2022";
    dcd_reference refs[1] = {
        {.metric = metric, .year = 2022, .low = 11.5, .high = 11.5, .label = label}};
    const char *const sources[1] = {"Source A"};
    dcd_calib_chart_data c = {.title = HOSTILE,
                              .metric = "dc_twh",
                              .metric_label = HOSTILE,
                              .start = 2020,
                              .ny = 3,
                              .model = model,
                              .obs = obs,
                              .nobs = 2,
                              .name = "n",
                              .sources = sources,
                              .nsources = 1,
                              .base_year = 2020,
                              .refs = refs,
                              .nrefs = 1};
    dcd_plot_opts o;
    dcd_plot_opts_default(&o);
    dcd_buf b = {0};
    gsl_test_int(dcd_calib_chart_script(&c, &o, &b), 0, "calibration script");
    const char *s = dcd_buf_str(&b);
    check_frame(s, "calibration");
    gsl_test(!strstr(s, "\nSource: Source A\n"), "calibration: the sources footer");
    gsl_test(!strstr(s, "\nA study: 11.5 TWh in 2022\n"), "calibration: the reference's label");
    gsl_test(!strstr(s, "last observed 2021"), "calibration: the last observed year");
    gsl_test(!strstr(s, "with points pointtype 6"), "calibration: points without sd");
    dcd_buf_free(&b);
}

int main(void)
{
    harness_init();
    test_mc();
    test_sens();
    test_calib();
    return gsl_test_summary();
}
