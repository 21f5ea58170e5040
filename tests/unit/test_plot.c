/* test_plot.c - the chart module (dcd_plot.h): options, the text datablock,
 * script generation with hostile text, saved results read back, drawing
 * without gnuplot.  Pictures themselves are tested in tests/cli/test_plot.sh. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dcd_chart_frame.h"
#include "dcd_output.h"
#include "dcd_plot.h"
#include "dcd_plot_overlay.h"
#include "dcd_results_read.h"
#include "harness.h"

static void text(const char *in, size_t max, const char *expected, const char *what)
{
    dcd_buf b = {0};
    int rc = dcd_plot_text_line(&b, in, max);
    gsl_test_int(rc, 0, "text line: %s: status", what);
    gsl_test_str(dcd_buf_str(&b), expected, "text line: %s", what);
    dcd_buf_free(&b);
}

/* Results of NY years from 2020 with NSEG segments (the second one AI),
 * filled with distinct values; co2 only when WITH_CO2. */
static dcd_results *make_results(size_t ny, size_t nseg, int with_co2)
{
    static const char *const names[3] = {"conventional", "gpu", "storage"};
    static const int ai[3] = {0, 1, 0};
    dcd_results *r = dcd_results_new(2020, ny, nseg, names, ai);
    if (!r)
        return NULL;
    for (size_t m = 0; m < DCD_NTOTAL; m++)
        for (size_t i = 0; i < ny; i++)
            DCD_TOTAL(r, m, i) = 2.385 * (double)(m + 1) + 0.5 * (double)i;
    for (size_t s = 0; s < nseg; s++)
        for (size_t m = 0; m < DCD_NSEGMETRIC; m++)
            for (size_t i = 0; i < ny; i++)
                DCD_SEG(r, s, m, i) = 1.25 * (double)(s + 1) + 0.125 * (double)(m * ny + i);
    for (size_t i = 0; i < ny; i++) {
        DCD_TOTAL(r, DCD_T_CO2_MT, i) = with_co2 ? 41.5 + (double)i : NAN;
        DCD_TOTAL(r, DCD_T_WATER_GL, i) = NAN;
        for (size_t s = 0; s < nseg; s++)
            DCD_SEG(r, s, DCD_S_CO2_MT, i) = with_co2 ? 10.25 * (double)(s + 1) : NAN;
    }
    return r;
}

/* Checks the $TEXT datablock of SCRIPT: it has NLINES lines, and no line
 * outside it holds TOKEN. */
static void check_text_block(const char *script, size_t nlines, const char *token, const char *what)
{
    char open[64];
    snprintf(open, sizeof open, "$TEXT << %s\n", dcd_plot_text_marker);
    const char *start = strstr(script, open);
    gsl_test(start == NULL, "%s: has the $TEXT datablock", what);
    if (!start)
        return;
    const char *p = start + strlen(open);
    size_t n = 0;
    int closed = 0;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (len == strlen(dcd_plot_text_marker) && memcmp(p, dcd_plot_text_marker, len) == 0) {
            closed = 1;
            p += len + 1;
            break;
        }
        /* gnuplot ends the block at any line that starts with the marker. */
        gsl_test(strncmp(p, dcd_plot_text_marker, strlen(dcd_plot_text_marker)) == 0,
                 "%s: text line %zu does not start with the end marker", what, n + 1);
        n++;
        p += len + (nl ? 1 : 0);
    }
    gsl_test(!closed, "%s: the $TEXT datablock is closed", what);
    gsl_test_int((int)n, (int)nlines, "%s: $TEXT has one line per text", what);
    /* Outside the block: nothing of the scenario's text. */
    size_t before = (size_t)(start - script);
    char *head = malloc(before + 1);
    if (head) {
        memcpy(head, script, before);
        head[before] = '\0';
        gsl_test(strstr(head, token) != NULL, "%s: no scenario text before $TEXT", what);
        free(head);
    }
    gsl_test(strstr(p, token) != NULL, "%s: no scenario text after $TEXT", what);
}

/* The footer wraps over as many lines as it needs, never cut. */
static void test_footer(void)
{
    char src[1200];
    size_t n = 0;
    for (int i = 0; i < 40 && n + 30 < sizeof src; i++)
        n += (size_t)snprintf(src + n, sizeof src - n, "%sSource number %d of many", i ? "; " : "",
                              i);
    dcd_buf b = {0};
    size_t lines = dcd_chart_footer_put(&b, src, 1200);
    gsl_test(lines < (n + 174) / 175 || lines > (n + 174) / 175 + 2,
             "footer: %zu characters on %zu lines of at most 175", n, lines);
    /* Every character is there: the lines joined by a space give the text. */
    dcd_buf joined = {0};
    const char *p = dcd_buf_str(&b);
    while (*p) {
        const char *nl = strchr(p, '\n');
        dcd_buf_append(&joined, p, (size_t)(nl - p));
        p = nl + 1;
        if (*p)
            dcd_buf_puts(&joined, " ");
    }
    gsl_test_str(dcd_buf_str(&joined), src, "footer: nothing is cut");
    gsl_test_int((int)dcd_chart_footer_put(NULL, "Sources: x", 1200), 1, "footer: one short line");
    dcd_buf_free(&b);
    dcd_buf_free(&joined);
}

/* Crossings of a target, interpolated between grid points. */
static void test_crossings(void)
{
    static const double vals[3] = {1.5, 2.5, 3.5};
    static const char *const texts[3] = {"1.5", "2.5", "3.5"};
    static const double y0[1] = {10}, y1[1] = {20}, y2[1] = {40};
    const double *ys[3] = {y0, y1, y2};
    static const int start[3] = {2030, 2030, 2030};
    static const size_t ny[3] = {1, 1, 1};
    dcd_chart_axis ax = {"pue", vals, texts, 3};
    dcd_sweep_chart s = {.name = "x",
                         .metric = DCD_T_DC_SHARE_PCT,
                         .year = 2030,
                         .axis = &ax,
                         .naxis = 1,
                         .start = start,
                         .ny = ny,
                         .y = ys,
                         .has_target = 1,
                         .target = 30};
    double x[4], y[4];
    size_t k = dcd_sweep_crossings(&s, x, y, 4);
    gsl_test_int((int)k, 1, "crossings: one");
    if (k == 1)
        gsl_test_rel(x[0], 3.0, 1e-12, "crossings: halfway between 2.5 (20) and 3.5 (40)");
    s.target = 5;
    gsl_test_int((int)dcd_sweep_crossings(&s, x, y, 4), 0, "crossings: none below the grid");
    s.target = 15.5;
    k = dcd_sweep_crossings(&s, x, y, 4);
    gsl_test(k != 1 || fabs(x[0] - 2.05) > 1e-12, "crossings: 15.5 at 2.05");
    s.has_target = 0;
    gsl_test_int((int)dcd_sweep_crossings(&s, x, y, 4), 0, "crossings: no target, none");
}

static void test_scripts(void)
{
    static const char *const sources[2] = {
        "Src `touch /tmp/dcd-pwned-1` $(touch /tmp/dcd-pwned-2) \"q\" 'q' ; \\ @",
        "EOD_dcdemand_text_7c1e\nset output '|touch /tmp/dcd-pwned-3'"};
    dcd_expect expect[2] = {{.year = 2021,
                             .metric = "dc_share_pct",
                             .value = 4.25,
                             .tolerance = 0.5,
                             .source = "`touch /tmp/dcd-pwned-4`"},
                            {.year = 2022, .metric = "dc_twh", .value = 150.5, .tolerance = 10}};
    dcd_expect history[1] = {{.year = 2018,
                              .metric = "dc_share_pct",
                              .value = 2.5,
                              .source = "$(touch /tmp/dcd-pwned-5)"}};
    dcd_reference refs[3] = {
        {.metric = "dc_share_pct",
         .year = 2021,
         .is_range = 1,
         .low = 3.25,
         .high = 4.5,
         .label = "Ref dcd-pwned `touch /tmp/dcd-pwned-6`"},
        {.metric = "dc_share_pct", .low = 30.5, .high = 30.5, .label = "Level dcd-pwned $(x)"},
        {.metric = "dc_twh",
         .year = 2022,
         .low = 140.5,
         .high = 140.5,
         .label = "Point dcd-pwned"}};
    dcd_segment segs[1] = {{.name = "storage", .label = "Storage dcd-pwned arrays"}};
    dcd_plot_meta meta = {.name = "EOD_dcdemand_text_7c1e dcd-pwned name `x`",
                          .title = "Title dcd-pwned\nsecond `touch y`",
                          .sources = sources,
                          .nsources = 2,
                          .expect = expect,
                          .nexpect = 2,
                          .history = history,
                          .nhistory = 1,
                          .references = refs,
                          .nreferences = 3,
                          .segments = segs,
                          .nsegments = 1,
                          .base_year = 2021};
    dcd_plot_opts o;
    dcd_plot_opts_default(&o);
    dcd_results *r = make_results(4, 3, 1);
    gsl_test(r == NULL, "results allocated");
    if (!r)
        return;
    for (int c = 0; c < DCD_NCHART; c++) {
        dcd_buf a = {0}, b = {0};
        char what[64];
        snprintf(what, sizeof what, "%s.gp", dcd_chart_name(c));
        gsl_test_int(dcd_plot_script(&meta, r, c, &o, &a), DCD_OK, "%s: generated", what);
        gsl_test_int(dcd_plot_script(&meta, r, c, &o, &b), DCD_OK, "%s: generated again", what);
        gsl_test(a.len != b.len || memcmp(a.data, b.data, a.len) != 0, "%s: same bytes twice",
                 what);
        /* title, name, the footer's lines, 3 segments, the chart's references */
        size_t nref = c == DCD_CHART_SHARE ? 2 : c == DCD_CHART_ENERGY ? 1 : 0;
        check_text_block(dcd_buf_str(&a), 2 + 1 + 3 + nref, "dcd-pwned", what);
        char out[64];
        snprintf(out, sizeof out, "dcd_output = \"%s.\".dcd_fmt\n", dcd_chart_name(c));
        gsl_test(strstr(dcd_buf_str(&a), out) == NULL, "%s: writes its own file name", what);
        gsl_test(strstr(dcd_buf_str(&a), "set output dcd_dir.dcd_output\n") == NULL,
                 "%s: writes beside itself, under the name the program gives", what);
        gsl_test(strstr(dcd_buf_str(&a), "noenhanced") == NULL, "%s: enhanced text off", what);
        gsl_test(strstr(dcd_buf_str(&a), "\n2020 ") == NULL, "%s: data from the first year", what);
        gsl_test(strstr(dcd_buf_str(&a), "unset output\n") == NULL, "%s: closes its output", what);
        dcd_buf_free(&a);
        dcd_buf_free(&b);
    }
    dcd_buf s = {0};
    dcd_plot_script(&meta, r, DCD_CHART_SHARE, &o, &s);
    const char *t = dcd_buf_str(&s);
    gsl_test(strstr(t, "Title dcd-pwned second `touch y`\n") == NULL,
             "share: a newline in the title becomes a space");
    gsl_test(strstr(t, "\n EOD_dcdemand_text_7c1e dcd-pwned name `x`\n") == NULL,
             "share: a name starting with the end marker is shifted by a space");
    gsl_test(strstr(t, "; EOD_dcdemand_text_7c1e set output '|touch /tmp/dcd-pwned-3'\n") == NULL,
             "share: sources joined in the footer, newlines as spaces");
    gsl_test(strstr(t, "$EXPECT_1 << ") == NULL || strstr(t, "\n2021 4.25\n") == NULL,
             "share: published figure, without its tolerance");
    gsl_test(strstr(t, "yerrorbars") != NULL || strstr(t, "tolerance") != NULL,
             "share: no tolerance bars");
    gsl_test(strstr(t, "$HISTORY_2 << ") == NULL || strstr(t, "\n2018 2.5\n") == NULL,
             "share: observed figure");
    gsl_test(strstr(t, "set xrange [2017.5:2023]") == NULL,
             "share: x axis from the observed point (with room for its marker) to the last year");
    gsl_test(strstr(t, "title \"AI\"") == NULL, "share: an AI line when a segment is AI");
    gsl_test(strstr(t, "McKinsey") != NULL, "share: no study's figures of its own");
    gsl_test(strstr(t, "13<*") != NULL, "share: no forced y range");
    gsl_test(strstr(t, "set object 1 rectangle from first 2020.7, first 3.25 to first 2021.3, "
                       "first 4.5 ") == NULL,
             "share: a range at its year as a short band");
    gsl_test(strstr(t, "set arrow 2 from graph 0, first 30.5 to graph 1, first 30.5 nohead") ==
                 NULL,
             "share: a value without a year as a line across");
    gsl_test(strstr(t, "\n2021 3.25\n2021 4.5\n2018 30.5\n2018 30.5\n") == NULL,
             "share: the marks' corners, so that the y range takes them in");
    gsl_test(strstr(t, "title $TEXT[7]") == NULL || strstr(t, "title $TEXT[8]") == NULL,
             "share: the references named in the legend from $TEXT");
    gsl_test(strstr(t, "\nRef dcd-pwned `touch /tmp/dcd-pwned-6`\n") == NULL,
             "share: a reference's label in $TEXT");
    gsl_test(strstr(t, "Point dcd-pwned") != NULL, "share: not the dc_twh reference");
    gsl_test(strstr(t, "set arrow 90 from first 2021,") == NULL, "share: a line at the base year");
    gsl_test(strstr(t, "set lmargin at screen 0.0767\n") == NULL ||
                 strstr(t, "set rmargin at screen 0.9700\n") == NULL,
             "share: fixed margins");
    dcd_buf_clear(&s);
    dcd_plot_script(&meta, r, DCD_CHART_ENERGY, &o, &s);
    t = dcd_buf_str(&s);
    gsl_test(strstr(t, "\ngpu (AI)\n") == NULL, "energy: an AI segment is marked in its label");
    gsl_test(strstr(t, "\nStorage dcd-pwned arrays\n") == NULL, "energy: a segment's label");
    gsl_test(strstr(t, "array dcd_seg[3] = [\"#56B4E9\", \"#D55E00\", \"#009E73\"]") == NULL,
             "energy: the AI segment in AI's colour");
    gsl_test(strstr(t, "\n2022 140.5\n2022 140.5\n") == NULL, "energy: the dc_twh reference");
    gsl_test(strstr(t, "dcd_nseg = 3\n") == NULL, "energy: one area per segment");
    gsl_test(strstr(t, "with filledcurves") == NULL, "energy: stacked areas");
    gsl_test(strstr(t, "$EXPECT_1 << ") == NULL || strstr(t, "\n2022 150.5\n") == NULL,
             "energy: the dc_twh figure");
    gsl_test(strstr(t, "$EXPECT_2") != NULL || strstr(t, "$HISTORY") != NULL,
             "energy: no share figure");
    dcd_buf_clear(&s);

    /* No AI segment: no AI line; a missing value is "?". */
    r->seg_ai[1] = 0;
    DCD_TOTAL(r, DCD_T_DC_SHARE_PCT, 2) = NAN;
    dcd_plot_script(&meta, r, DCD_CHART_SHARE, &o, &s);
    t = dcd_buf_str(&s);
    gsl_test(strstr(t, "title \"AI\"") != NULL, "share: no AI line without AI segments");
    gsl_test(strstr(t, "\n2022 ? ") == NULL, "share: a value not determined is written as ?");
    dcd_buf_clear(&s);

    /* Formats. */
    o.format = DCD_PLOT_PDF;
    o.width = 1440;
    o.height = 720;
    dcd_plot_script(&meta, r, DCD_CHART_LOAD, &o, &s);
    t = dcd_buf_str(&s);
    gsl_test(strstr(t, "dcd_fmt = exists(\"fmt\") ? fmt : \"pdf\"\n") == NULL,
             "pdf: the script defaults to PDF");
    gsl_test(strstr(t, "pdfcairo size 10.00in,5.00in") == NULL, "pdf: 144 px per inch");
    gsl_test(strstr(t, "set terminal svg size 1440,720 ") == NULL, "svg branch: the size");
    gsl_test(strstr(t, "# load.gp - ") != t, "load: starts with its name");
    dcd_buf_clear(&s);
    gsl_test_int(dcd_plot_script(&meta, r, DCD_NCHART, &o, &s), DCD_EUSAGE,
                 "a chart out of range is refused");
    gsl_test_int(dcd_plot_script(&meta, r, -1, &o, &s), DCD_EUSAGE, "a negative chart is refused");
    dcd_buf_free(&s);

    /* Applicability. */
    gsl_test_int(dcd_plot_chart_applies(r, DCD_CHART_EMISSIONS), 1, "emissions with co2");
    for (size_t i = 0; i < r->ny; i++)
        DCD_TOTAL(r, DCD_T_CO2_MT, i) = NAN;
    gsl_test_int(dcd_plot_chart_applies(r, DCD_CHART_EMISSIONS), 0, "no emissions without co2");
    gsl_test_int(dcd_plot_chart_applies(r, DCD_CHART_SHARE), 1, "share always");
    gsl_test_int(dcd_plot_chart_applies(r, 99), 0, "no chart 99");
    dcd_results_free(r);

    /* A single year: points and bars, with a year of room on each side. */
    r = make_results(1, 2, 1);
    dcd_plot_meta plain = {.name = "one"};
    dcd_plot_opts_default(&o);
    if (r) {
        dcd_plot_script(&plain, r, DCD_CHART_SHARE, &o, &s);
        gsl_test(strstr(dcd_buf_str(&s), "with linespoints") == NULL, "one year: share as points");
        gsl_test(strstr(dcd_buf_str(&s), "set xrange [2019:2021]") == NULL,
                 "one year: a year of room each side");
        gsl_test(strstr(dcd_buf_str(&s),
                        "\none\none\nSources: none named in the scenario\nconventional\n") == NULL,
                 "no title: the name; no sources: said so");
        dcd_buf_clear(&s);
        dcd_plot_script(&plain, r, DCD_CHART_NATIONAL, &o, &s);
        gsl_test(strstr(dcd_buf_str(&s), "with boxes") == NULL, "one year: national as bars");
        dcd_buf_free(&s);
    }
    dcd_results_free(r);
}

/* Writes R's result files into DIR, reads them back, compares. */
static void test_read_back(const char *dir)
{
    dcd_diags d = {0};
    dcd_results *r = make_results(5, 3, 1), *back = NULL;
    dcd_buf sum = {0}, seg = {0};
    DCD_TOTAL(r, DCD_T_CAPEX_USD, 1) = NAN;
    DCD_SEG(r, 2, DCD_S_IT_TWH, 3) = NAN;
    dcd_format_summary(r, &sum);
    dcd_format_segments(r, &seg);
    dcd_write_atomic(dir, "summary.csv", sum.data, sum.len, &d);
    dcd_write_atomic(dir, "segments.csv", seg.data, seg.len, &d);
    int rc = dcd_results_read(dir, NULL, &back, &d);
    gsl_test_int(rc, DCD_OK, "saved results read back");
    if (rc == DCD_OK) {
        gsl_test_int(back->start, 2020, "read back: first year");
        gsl_test_int((int)back->ny, 5, "read back: years");
        gsl_test_int((int)back->nseg, 3, "read back: segments");
        gsl_test_str(back->seg_name[1], "gpu", "read back: segment order");
        int bad = 0;
        for (size_t m = 0; m < DCD_NTOTAL; m++)
            for (size_t i = 0; i < 5; i++) {
                double a = DCD_TOTAL(r, m, i), b = DCD_TOTAL(back, m, i);
                bad += isnan(a) ? !isnan(b) : fabs(a - b) > 1e-9 * fabs(a);
            }
        gsl_test_int(bad, 0, "read back: every total, missing ones missing");
        bad = 0;
        for (size_t s = 0; s < 3; s++)
            for (size_t m = 0; m < DCD_NSEGMETRIC; m++)
                for (size_t i = 0; i < 5; i++) {
                    double a = DCD_SEG(r, s, m, i), b = DCD_SEG(back, s, m, i);
                    bad += isnan(a) ? !isnan(b) : fabs(a - b) > 1e-9 * fabs(a);
                }
        gsl_test_int(bad, 0, "read back: every segment value, missing ones missing");
    }
    dcd_results_free(back);
    back = NULL;

    /* A malformed row is located. */
    static const char broken[] = "year,segment,metric,value,unit\n2020,gpu,it_gw,abc,GW\n";
    dcd_write_atomic(dir, "segments.csv", broken, sizeof broken - 1, &d);
    dcd_diags_free(&d);
    rc = dcd_results_read(dir, NULL, &back, &d);
    gsl_test_int(rc, DCD_EINPUT, "a malformed segments.csv is refused");
    gsl_test(d.n != 1 || d.items[0].line != 2, "the malformed row is located (line 2)");
    gsl_test(back != NULL, "nothing is returned on failure");
    dcd_diags_free(&d);

    /* Drawing: scripts only, then a gnuplot that does not exist. */
    dcd_write_atomic(dir, "segments.csv", seg.data, seg.len, &d);
    dcd_plot_meta meta = {.name = "rb"};
    dcd_plot_opts o;
    dcd_plot_opts_default(&o);
    o.scripts_only = 1;
    gsl_test_int(dcd_plot_draw(&meta, r, dir, &o, &d), DCD_OK, "scripts only: written");
    struct stat st;
    char path[512];
    snprintf(path, sizeof path, "%s/emissions.gp", dir);
    gsl_test(stat(path, &st) != 0, "scripts only: emissions.gp is there");
    snprintf(path, sizeof path, "%s/share.png", dir);
    gsl_test(stat(path, &st) == 0, "scripts only: no picture");
    o.scripts_only = 0;
    o.gnuplot = "/nonexistent/gnuplot";
    rc = dcd_plot_draw(&meta, r, dir, &o, &d);
    gsl_test_int(rc, DCD_EPLOT, "a missing gnuplot: DCD_EPLOT");
    gsl_test(d.n == 0 || strstr(d.items[0].message, "apt-get install gnuplot-nox") == NULL,
             "a missing gnuplot: the message names the package");
    dcd_diags_free(&d);

    static const char *const stems[5] = {"share", "energy", "load", "national", "emissions"};
    for (int c = 0; c < 5; c++) {
        snprintf(path, sizeof path, "%s/%s.gp", dir, stems[c]);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/summary.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/segments.csv", dir);
    unlink(path);
    dcd_buf_free(&sum);
    dcd_buf_free(&seg);
    dcd_results_free(r);
}

/* The checks a picture passes before it replaces the old one. */
static void test_picture_checks(void)
{
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                                        1,    2,   3,   4,   0,    0,    0,    0,
                                        'I',  'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};
    gsl_test(!dcd_plot_picture_ok(DCD_PLOT_PNG, png, sizeof png), "a whole PNG passes");
    gsl_test(dcd_plot_picture_ok(DCD_PLOT_PNG, png, sizeof png - 12),
             "a PNG without its IEND chunk (truncated) fails");
    gsl_test(dcd_plot_picture_ok(DCD_PLOT_PNG, (const unsigned char *)"garbage", 7),
             "garbage is no PNG");
    gsl_test(dcd_plot_picture_ok(DCD_PLOT_PNG, png, 0), "an empty file is no PNG");
    const char *svg = "<?xml version=\"1.0\"?>\n<svg>x</svg>\n\n";
    gsl_test(!dcd_plot_picture_ok(DCD_PLOT_SVG, (const unsigned char *)svg, strlen(svg)),
             "a whole SVG passes");
    gsl_test(dcd_plot_picture_ok(DCD_PLOT_SVG, (const unsigned char *)svg, 25),
             "an SVG cut short fails");
    const char *pdf = "%PDF-1.5\n...\n%%EOF\n";
    gsl_test(!dcd_plot_picture_ok(DCD_PLOT_PDF, (const unsigned char *)pdf, strlen(pdf)),
             "a whole PDF passes");
    gsl_test(dcd_plot_picture_ok(DCD_PLOT_PDF, (const unsigned char *)pdf, 12),
             "a PDF without %%%%EOF fails");
    gsl_test(dcd_plot_picture_ok(DCD_PLOT_SVG, (const unsigned char *)pdf, strlen(pdf)),
             "a PDF is no SVG");

    int t = -1;
    gsl_test_int(dcd_plot_timeout_parse("120", &t), 0, "time limit 120 accepted");
    gsl_test_int(t, 120, "time limit 120 parsed");
    gsl_test_int(dcd_plot_timeout_parse("0", &t), -1, "time limit 0 refused");
    gsl_test_int(dcd_plot_timeout_parse("86401", &t), -1, "time limit over a day refused");
    gsl_test_int(dcd_plot_timeout_parse("1.5", &t), -1, "a fractional time limit refused");
    gsl_test_int(dcd_plot_timeout_parse("", &t), -1, "an empty time limit refused");
    gsl_test_int(t, 120, "a refused time limit leaves the output alone");
}

/* Reads back segments.csv with more segments than the limit (no scenario
 * to name them). */
static void test_read_limits(const char *dir)
{
    dcd_diags d = {0};
    dcd_results *back = NULL;
    dcd_buf seg = {0};
    static const char sum[] = "year,dc_twh\n2020,1.5\n";
    dcd_buf_puts(&seg, "year,segment,metric,value,unit\n");
    for (int i = 0; i <= DCD_RESULTS_MAX_SEGMENTS; i++)
        dcd_buf_printf(&seg, "2020,s%d,it_gw,1,GW\n", i);
    dcd_write_atomic(dir, "summary.csv", sum, sizeof sum - 1, &d);
    dcd_write_atomic(dir, "segments.csv", seg.data, seg.len, &d);
    int rc = dcd_results_read(dir, NULL, &back, &d);
    gsl_test_int(rc, DCD_EINPUT, "more than %d segments refused", DCD_RESULTS_MAX_SEGMENTS);
    gsl_test(d.n != 1 || d.items[0].line != DCD_RESULTS_MAX_SEGMENTS + 2,
             "the first segment over the limit is located");
    gsl_test(back != NULL, "nothing returned over the limit");
    dcd_diags_free(&d);
    char path[512];
    snprintf(path, sizeof path, "%s/summary.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/segments.csv", dir);
    unlink(path);
    dcd_buf_free(&seg);
}

/* An overlay drawn as PDF through the pipeline: its creation date is pinned
 * like a run chart's; then the run charts of a folder are forgotten. */
static void test_overlay_pdf(const char *dir)
{
    if (system("command -v gnuplot >/dev/null 2>&1") != 0) {
        printf("SKIP: overlay PDF: gnuplot is not installed\n");
        return;
    }
    dcd_results *r = make_results(4, 2, 1);
    dcd_overlay_series s[2] = {{.label = "a", .title = "Scenario A", .r = r},
                               {.label = "b", .title = "Scenario B", .r = r}};
    dcd_plot_opts o;
    dcd_diags d = {0};
    dcd_plot_opts_default(&o);
    o.format = DCD_PLOT_PDF;
    unsetenv("SOURCE_DATE_EPOCH");
    gsl_test_int(dcd_overlay_draw(s, 2, dir, &o, 0, &d), DCD_OK, "overlay PDF drawn");
    char path[512], cmd[700];
    snprintf(path, sizeof path, "%s/share.pdf", dir);
    snprintf(cmd, sizeof cmd, "grep -aq '/CreationDate (D:19700101000000Z)' '%s'", path);
    gsl_test(system(cmd) != 0, "overlay PDF: the creation date is pinned");
    snprintf(cmd, sizeof cmd, "rm -f '%s'/share.* '%s'/dc_twh.* '%s'/it_gw.*", dir, dir, dir);
    gsl_test(system(cmd) != 0, "overlay files removed");
    dcd_diags_free(&d);

    /* dcd_plot_forget: no run chart and no temporary picture stays. */
    static const char *const names[3] = {"share.png", "energy.gp", ".load.svg.tmp.Ab12Cd"};
    for (int i = 0; i < 3; i++)
        dcd_write_atomic(dir, names[i], "x", 1, &d);
    gsl_test_int(dcd_plot_forget(dir, &d), DCD_OK, "forget the charts");
    for (int i = 0; i < 3; i++) {
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        gsl_test(stat(path, &st) == 0, "forget removes %s", names[i]);
        unlink(path);
    }
    dcd_diags_free(&d);
    dcd_results_free(r);
}

int main(void)
{
    harness_init();

    dcd_plot_format f = DCD_PLOT_PNG;
    gsl_test_int(dcd_plot_format_parse("svg", &f), 0, "format svg");
    gsl_test_int((int)f, DCD_PLOT_SVG, "format svg parsed");
    gsl_test_int(dcd_plot_format_parse("pdf", &f), 0, "format pdf");
    gsl_test_int(dcd_plot_format_parse("PNG", &f), -1, "format PNG (case matters)");
    gsl_test_int(dcd_plot_format_parse("gif", &f), -1, "format gif refused");
    gsl_test_str(dcd_plot_format_ext(DCD_PLOT_PDF), "pdf", "pdf extension");
    gsl_test_str(dcd_chart_name(DCD_CHART_NATIONAL), "national", "chart names");
    gsl_test(dcd_chart_name(DCD_NCHART) != NULL, "no name past the last chart");

    text("plain text", 0, "plain text\n", "plain");
    text(NULL, 0, "\n", "NULL is an empty line");
    text("a\nb\tc\rd", 0, "a b c d\n", "newline, tab and CR become spaces");
    text("\x7f\x01x", 0, "  x\n", "DEL and C0 become spaces");
    text("\xc2\x85y\xe2\x80\xa8z", 0, " y z\n", "C1 NEL and U+2028 become spaces");
    text("\xff\xc3(", 0,
         "?"
         "?(\n",
         "invalid UTF-8 becomes ?");
    text("\xc0\xaf", 0, "??\n", "an overlong encoding is invalid");
    text("\xed\xa0\x80", 0, "???\n", "a surrogate is invalid");
    text("caf\xc3\xa9 \xe2\x80\x93 CO\xe2\x82\x82", 0, "caf\xc3\xa9 \xe2\x80\x93 CO\xe2\x82\x82\n",
         "UTF-8 kept");
    text("EOD_dcdemand_text_7c1e", 0, " EOD_dcdemand_text_7c1e\n", "the end marker is shifted");
    text("EOD_dcdemand_text_7c1eXYZ", 0, " EOD_dcdemand_text_7c1eXYZ\n",
         "a line starting with the end marker is shifted");
    text("x EOD_dcdemand_text_7c1e", 0, "x EOD_dcdemand_text_7c1e\n", "the marker inside is kept");
    text("`touch x` $(y) \"q\" 'q' \\ @ {^_}", 0, "`touch x` $(y) \"q\" 'q' \\ @ {^_}\n",
         "gnuplot and shell syntax is kept as text");
    text("abcdef", 4, "abc\xe2\x80\xa6\n", "cut with an ellipsis");
    text("abcd", 4, "abcd\n", "exactly the limit is not cut");
    text("ab  cdef", 4, "ab\xe2\x80\xa6\n", "no space before the ellipsis");
    text("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 3, "\xc3\xa9\xc3\xa9\xe2\x80\xa6\n",
         "cut by characters, not bytes");

    test_footer();
    test_crossings();
    test_scripts();
    test_picture_checks();

    char dir[] = "/tmp/dcd-test-plot-XXXXXX";
    if (mkdtemp(dir)) {
        test_read_back(dir);
        test_read_limits(dir);
        test_overlay_pdf(dir);
        gsl_test(rmdir(dir) != 0, "the scratch folder is left empty");
    } else {
        gsl_test(1, "mkdtemp");
    }
    return gsl_test_summary();
}
