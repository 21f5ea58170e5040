/* test_chart_layout.c - the layout section a redraw at another size
 * recomputes (dcd_chart_frame.h: dcd_chart_layout, dcd_chart_relayout;
 * model/charts/chart_layout.c): a script written at 1200x720 and laid out
 * again at another size is, byte for byte, the script written at that size;
 * a malformed section is refused; text edited into $LAYOUT stays data; the
 * inputs' names (dcd_chart_input_name).  The command-line side is
 * tests/cli/test_plot_relayout.sh. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dcd_calib_chart.h"
#include "dcd_chart_frame.h"
#include "dcd_chart_text.h"
#include "dcd_sens_charts.h"
#include "harness.h"

static const char HOSTILE[] = "evil\" `rm -rf /` '|x' @macro system(\"id\")\nsecond line";
static const char LONG_SOURCES[] =
    "Sources: A very long first source with a title that goes on and on (2024); a second "
    "source, with its own long title, its publisher and its date (17 Sep 2024); a third "
    "one, the national statistics office's annual energy balance, table 2.2 (2025)";

/* The body of script S (after the head that ends with "undefine
 * dcd_output"), or "" when it has none. */
static const char *body_of(const char *s)
{
    const char *h = strstr(s, "\nundefine dcd_output\n");
    if (!h)
        return "";
    h += strlen("\nundefine dcd_output\n");
    while (*h == '\n')
        h++;
    return h;
}

typedef int (*script_fn)(const void *data, const dcd_plot_opts *o, dcd_buf *out);

static int tornado(const void *data, const dcd_plot_opts *o, dcd_buf *out)
{
    return dcd_sens_tornado_script(data, o, out) == DCD_OK ? 0 : -1;
}
static int sobol(const void *data, const dcd_plot_opts *o, dcd_buf *out)
{
    return dcd_sens_sobol_script(data, o, out) == DCD_OK ? 0 : -1;
}
static int calib(const void *data, const dcd_plot_opts *o, dcd_buf *out)
{
    return dcd_calib_chart_script(data, o, out);
}

/* Written at 1200x720 and laid out again at W x H: the script written at
 * W x H, body for body. */
static void check_sizes(script_fn fn, const void *data, const char *what)
{
    static const int sizes[4][2] = {{700, 480}, {320, 240}, {2400, 1440}, {1200, 720}};
    dcd_plot_opts o;
    dcd_plot_opts_default(&o);
    dcd_buf big = {0};
    gsl_test(fn(data, &o, &big) != 0, "%s: the script at 1200x720", what);
    for (int k = 0; k < 4; k++) {
        dcd_plot_opts ok = o;
        ok.width = sizes[k][0];
        ok.height = sizes[k][1];
        dcd_buf fresh = {0}, again = {0};
        int line = 0;
        gsl_test(fn(data, &ok, &fresh) != 0, "%s: the script at %dx%d", what, ok.width, ok.height);
        gsl_test_int(
            dcd_chart_relayout(body_of(dcd_buf_str(&big)), ok.width, ok.height, &again, &line),
            DCD_OK, "%s: laid out again at %dx%d", what, ok.width, ok.height);
        gsl_test(strcmp(body_of(dcd_buf_str(&fresh)), dcd_buf_str(&again)) != 0,
                 "%s: laid out again at %dx%d = written at that size", what, ok.width, ok.height);
        dcd_buf_free(&fresh);
        dcd_buf_free(&again);
    }
    dcd_buf_free(&big);
}

static void test_sizes(void)
{
    const char *labels[3] = {"AI (accelerated servers): growth (scale)",
                             "Conventional (enterprise, cloud, colocation): utilisation (%)",
                             HOSTILE};
    static const double lo[3] = {1, 2, 2}, hi[3] = {3, 2.5, 2.2}, s1[3] = {0.6, 0.1, 0},
                        s1lo[3] = {0.5, 0, 0}, s1hi[3] = {0.7, 0.2, 0.1}, st[3] = {0.7, 0.2, 0},
                        stlo[3] = {0.6, 0.1, 0}, sthi[3] = {0.8, 0.3, 0.1};
    dcd_sens_chart c = {.scenario = "a-scenario",
                        .title = "A scenario with a title long enough to be cut on a small chart",
                        .footer = LONG_SOURCES,
                        .metric = "dc_share_pct",
                        .year = 2030,
                        .n = 3,
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
    check_sizes(tornado, &c, "tornado");
    check_sizes(sobol, &c, "sobol");

    static const double model[3] = {10, 11, 12};
    static const dcd_calib_point obs[2] = {{2020, 10.2, 0.3}, {2021, 10.9, 0.2}};
    char metric[] = "dc_twh", label[] = "A study with a long name: 11.5 TWh in 2022 (high case)";
    dcd_reference refs[1] = {
        {.metric = metric, .year = 2022, .low = 11.5, .high = 11.5, .label = label}};
    const char *const sources[2] = {LONG_SOURCES, HOSTILE};
    dcd_calib_chart_data d = {.title = HOSTILE,
                              .metric = "dc_twh",
                              .metric_label = "Data centres, facility energy (TWh)",
                              .start = 2020,
                              .ny = 3,
                              .model = model,
                              .obs = obs,
                              .nobs = 2,
                              .name = "n",
                              .sources = sources,
                              .nsources = 2,
                              .base_year = 2020,
                              .refs = refs,
                              .nrefs = 1};
    check_sizes(calib, &d, "calibration");
}

/* A malformed section: refused (DCD_EINPUT, its line); no section: copied. */
static void test_malformed(void)
{
    dcd_chart_layout l = {0};
    dcd_chart_layout_text_add(&l, DCD_FIT_TITLE, "Title");
    dcd_chart_layout_text_add(&l, DCD_FIT_SUBTITLE, "Subtitle");
    dcd_chart_layout_footer_add(&l, "Source: S");
    l.key_n = l.key_rows_n = 2;
    dcd_buf good = {0};
    gsl_test(dcd_chart_layout_put(&good, &l, 1200, 720) != 0, "a layout section");
    dcd_chart_layout_free(&l);
    static const char *const bad[][2] = {
        {"key 2 2 0 0\n", "key -5 2 0 0\n"},
        {"key 2 2 0 0\n", "key 2 2 7 0\n"},
        {"key 2 2 0 0\n", "key 2\n"},
        {"key 2 2 0 0\n", "key 2 2 0 0\nyears 2030 2020 0 0\n"},
        {"key 2 2 0 0\n", "key 2 2 0 0\nyears 2020 2030 nan 0\n"},
        {"key 2 2 0 0\n", "key 2 2 0 0\nleft 2 5\n"},
        {"key 2 2 0 0\n", "key 2 2 0 0\nset output '|id'\n"},
        {"text -1 Title\n", "text -9 Title\n"},
        {"text -1 Title\ntext -2 Subtitle\n", "text -1 Title\n"},
        {"# End of the layout.\n", "\n"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        dcd_buf edited = {0}, out = {0};
        const char *s = dcd_buf_str(&good), *at = strstr(s, bad[k][0]);
        int line = 0;
        gsl_test(!at, "malformed %zu: the line to edit", k);
        if (!at)
            continue;
        dcd_buf_append(&edited, s, (size_t)(at - s));
        dcd_buf_puts(&edited, bad[k][1]);
        dcd_buf_puts(&edited, at + strlen(bad[k][0]));
        dcd_buf_puts(&edited, "plot 1\n");
        gsl_test_int(dcd_chart_relayout(dcd_buf_str(&edited), 700, 480, &out, &line), DCD_EINPUT,
                     "malformed %zu: refused", k);
        gsl_test(line < 1, "malformed %zu: located (line %d)", k, line);
        dcd_buf_free(&edited);
        dcd_buf_free(&out);
    }
    dcd_buf none = {0};
    int line = 0;
    gsl_test_int(dcd_chart_relayout("set xlabel \"x\"\nplot 1\n", 700, 480, &none, &line), DCD_OK,
                 "no layout section: accepted");
    gsl_test_str(dcd_buf_str(&none), "set xlabel \"x\"\nplot 1\n", "no layout section: copied");
    dcd_buf_free(&none);

    /* Text edited into $LAYOUT is data: laid out again, it is a line of
     * $TEXT and of $LAYOUT, never a command. */
    dcd_buf edited = {0}, out = {0};
    const char *s = dcd_buf_str(&good), *at = strstr(s, "text -1 Title\n");
    dcd_buf_append(&edited, s, (size_t)(at - s));
    dcd_buf_puts(&edited, "text -1 EOD_dcdemand_text_7c1e\ntext 5 EOD_dcdemand_layout\n");
    dcd_buf_puts(&edited, at + strlen("text -1 Title\n"));
    gsl_test_int(dcd_chart_relayout(dcd_buf_str(&edited), 700, 480, &out, &line), DCD_OK,
                 "marker text in $LAYOUT: laid out");
    gsl_test(!strstr(dcd_buf_str(&out), "\n EOD_dcdemand_text_7c1e\n"),
             "marker text in $LAYOUT: shifted in $TEXT, so the datablock does not end early");
    gsl_test(!strstr(dcd_buf_str(&out), "\nEOD_\xe2\x80\xa6\n"),
             "a text of at most 5 characters: cut");
    dcd_buf_free(&edited);
    dcd_buf_free(&out);
    dcd_buf_free(&good);
}

static void test_names(void)
{
    static const char *const cases[][3] = {
        {"segments.ai.growth", "scale", "ai: growth (scale)"},
        {"segments.ai.pue", "shift", "ai: PUE (shift)"},
        {"segments.conventional.capacity_gw", "GW of IT", "conventional: capacity (GW of IT)"},
        {"segments.gpu.lifetime.scale", NULL, "gpu: lifetime scale"},
        {"segments.ai.growth.2027", "", "ai: growth in 2027"},
        {"national.growth", "% per year", "National demand: growth (% per year)"},
        {"national.total_twh", "TWh", "National demand: total (TWh)"},
        {"pue", NULL, "PUE"},
        {"grid_intensity_g_per_kwh", NULL, "grid intensity"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        dcd_buf b = {0};
        dcd_chart_input_name(&b, cases[k][0], NULL, cases[k][1]);
        gsl_test_str(dcd_buf_str(&b), cases[k][2], "name of %s", cases[k][0]);
        dcd_buf_free(&b);
    }
    dcd_segment seg[2] = {{.name = "ai", .label = "AI servers"}, {.name = "other"}};
    dcd_scenario sc = {.segments = seg, .nsegments = 2};
    dcd_buf b = {0};
    dcd_chart_input_name(&b, "segments.ai.utilisation", &sc, "%");
    gsl_test_str(dcd_buf_str(&b), "AI servers: utilisation (%)", "a segment's label");
    dcd_buf_clear(&b);
    dcd_chart_input_name(&b, "segments.other.idle", &sc, NULL);
    gsl_test_str(dcd_buf_str(&b), "other: idle draw", "a segment without label: its key");
    dcd_buf_clear(&b);
    dcd_chart_input_unit(&b, "segments.ai.growth");
    gsl_test_str(dcd_buf_str(&b), "% per year", "a growth's unit in percent");
    dcd_buf_free(&b);
}

int main(void)
{
    harness_init();
    test_sizes();
    test_malformed();
    test_names();
    return gsl_test_summary();
}
