/* run_charts.c - the charts of one scenario's results (dcd_plot.h): share,
 * energy, load, national and emissions.
 *
 * Each chart is one self-contained gnuplot script: its terminal and output
 * (dcd_chart_script_head), its numbers and the scenario's text in
 * datablocks (dcd_chart_text.h), then the plot.  The scripts are saved
 * beside the pictures so that a reader can tweak one and redraw it with
 * `gnuplot share.gp` (docs/charts.md); the pipeline of dcd_chart.h draws
 * them.
 */
#include "dcd_plot.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA_MARKER DCD_CHART_DATA_MARKER
#define put_num dcd_chart_num

/* How much of each text is shown, in characters. */
#define MAX_SEGMENT 36

/* Characters that fit across a picture W pixels wide: the title in bold at
 * PT points (about 0.83 px per point per character), the footer's lines at
 * 9 points (175 at 1200 px). */
static size_t title_fit(int w, int pt)
{
    return (size_t)(0.975 * w / (0.83 * pt));
}
static size_t footer_fit(int w)
{
    return (size_t)(175L * w / 1200);
}
/* The name, in the subtitle after the chart's heading: at most 60. */
static size_t name_fit(int w)
{
    long n = 167L * w / 1200 - 70;
    return n > 60 ? 60 : n < 20 ? 20 : (size_t)n;
}

/* The title's font size: 17 points, or smaller for a long title. */
/* The title's font size: 17 points, or smaller for a long title. */
static int title_points(const char *title, int w)
{
    size_t k = dcd_utf8_count(title, strlen(title));
    return k <= title_fit(w, 17) ? 17 : k <= title_fit(w, 15) ? 15 : 13;
}

static const char *const CHART_NAMES[DCD_NCHART] = {"share", "energy", "load", "national",
                                                    "emissions"};

/* What each chart shows: heading (the subtitle), y axis label. */
static const char *const CHART_HEADING[DCD_NCHART] = {
    "Share of national electricity demand",
    "Data-centre electricity use by segment",
    "Data-centre capacity and load",
    "National electricity demand: data centres and the rest",
    "Data-centre emissions by segment",
};
static const char *const CHART_YLABEL[DCD_NCHART] = {
    "Share of national demand (%)",      "Facility energy (TWh per year)",         "Power (GW)",
    "Electricity demand (TWh per year)", "Emissions (Mt CO\xe2\x82\x82 per year)",
};

void dcd_plot_meta_from(const dcd_scenario *sc, dcd_plot_meta *meta)
{
    meta->name = sc->name;
    meta->title = sc->title;
    meta->sources = (const char *const *)sc->sources;
    meta->nsources = sc->nsources;
    meta->expect = sc->expect;
    meta->nexpect = sc->nexpect;
    meta->history = sc->history;
    meta->nhistory = sc->nhistory;
}

const char *dcd_chart_name(int chart)
{
    return chart >= 0 && chart < DCD_NCHART ? CHART_NAMES[chart] : NULL;
}

int dcd_plot_chart_applies(const dcd_results *r, int chart)
{
    if (chart < 0 || chart >= DCD_NCHART)
        return 0;
    if (chart != DCD_CHART_EMISSIONS)
        return 1;
    for (size_t i = 0; i < r->ny; i++)
        if (isfinite(DCD_TOTAL(r, DCD_T_CO2_MT, i)))
            return 1;
    return 0;
}

/* ---- script pieces ---------------------------------------------------- */

/* Okabe-Ito colours (Okabe & Ito 2008), safe for colour-blind readers.  Data
 * centres are blue and AI vermilion on every chart; segments take the
 * palette in the order of the scenario, so a segment keeps its colour on
 * every chart. */
static const char COLOUR_DC[] = "#0072B2";
static const char COLOUR_AI[] = "#D55E00";
static const char COLOUR_REST[] = "#BBBBBB";
static const char COLOUR_MARK[] = "#000000";
#define NSEGCOLOUR 8
static const char *const SEG_COLOURS[NSEGCOLOUR] = {"#E69F00", "#56B4E9", "#009E73", "#CC79A7",
                                                    "#F0E442", "#0072B2", "#D55E00", "#999999"};

/* Reference points of one kind (published or observed) for one metric. */
typedef struct pointset {
    int metric;   /* enum dcd_total_metric */
    int history;  /* 0: expect (with tolerance), 1: history */
    size_t count; /* finite points of this metric */
} pointset;

/* Metrics whose published or observed figures a chart draws as markers. */
static int chart_metrics(int chart, int *m)
{
    switch (chart) {
    case DCD_CHART_SHARE:
        m[0] = DCD_T_DC_SHARE_PCT;
        m[1] = DCD_T_AI_SHARE_PCT;
        return 2;
    case DCD_CHART_ENERGY: m[0] = DCD_T_DC_TWH; return 1;
    case DCD_CHART_LOAD:
        m[0] = DCD_T_DC_FACILITY_GW;
        m[1] = DCD_T_DC_IT_GW;
        m[2] = DCD_T_DC_LOAD_GW;
        m[3] = DCD_T_AI_FACILITY_GW;
        m[4] = DCD_T_AI_IT_GW;
        m[5] = DCD_T_AI_LOAD_GW;
        return 6;
    case DCD_CHART_NATIONAL:
        m[0] = DCD_T_NATIONAL_TWH;
        m[1] = DCD_T_OTHER_TWH;
        return 2;
    case DCD_CHART_EMISSIONS: m[0] = DCD_T_CO2_MT; return 1;
    default: return 0;
    }
}

/* What a marker stands for, in the legend. */
static const char *metric_words(int m)
{
    switch (m) {
    case DCD_T_DC_SHARE_PCT: return "data centres";
    case DCD_T_AI_SHARE_PCT: return "AI";
    case DCD_T_DC_TWH: return "all data centres";
    case DCD_T_DC_FACILITY_GW: return "data centres, facility capacity";
    case DCD_T_DC_IT_GW: return "data centres, IT capacity";
    case DCD_T_DC_LOAD_GW: return "data centres, average load";
    case DCD_T_AI_FACILITY_GW: return "AI, facility capacity";
    case DCD_T_AI_IT_GW: return "AI, IT capacity";
    case DCD_T_AI_LOAD_GW: return "AI, average load";
    case DCD_T_NATIONAL_TWH: return "national total";
    case DCD_T_OTHER_TWH: return "rest of the economy";
    case DCD_T_CO2_MT: return "all data centres";
    default: return "";
    }
}

/* Marker colour: the series' colour on line charts, black on area charts
 * (where blue or vermilion could vanish into an area). */
static const char *metric_colour(int chart, int m)
{
    if (chart != DCD_CHART_SHARE && chart != DCD_CHART_LOAD)
        return "dcd_mark";
    switch (m) {
    case DCD_T_AI_SHARE_PCT:
    case DCD_T_AI_FACILITY_GW:
    case DCD_T_AI_IT_GW:
    case DCD_T_AI_LOAD_GW: return "dcd_ai";
    default: return "dcd_dc";
    }
}

static int any_ai(const dcd_results *r)
{
    for (size_t s = 0; s < r->nseg; s++)
        if (r->seg_ai && r->seg_ai[s])
            return 1;
    return 0;
}

/* The reference points of one list for metric M, or 0 when there are none. */
static size_t count_points(const dcd_expect *e, size_t n, int m)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (e[i].metric && dcd_total_index(e[i].metric) == m && isfinite(e[i].value))
            k++;
    return k;
}

/* Extends [*lo, *hi] to the years of the points of E drawn on CHART. */
static void point_years(const dcd_expect *e, size_t n, const int *ms, int nm, int *lo, int *hi)
{
    for (size_t i = 0; i < n; i++) {
        if (!e[i].metric || !isfinite(e[i].value))
            continue;
        int m = dcd_total_index(e[i].metric);
        for (int j = 0; j < nm; j++)
            if (m == ms[j]) {
                if (e[i].year < *lo)
                    *lo = e[i].year;
                if (e[i].year > *hi)
                    *hi = e[i].year;
            }
    }
}

/* Writes the datablock $NAME_K of the points of E for metric M: year, value
 * and (expect) tolerance, in the order written. */
static void put_points(dcd_buf *b, const char *block, const dcd_expect *e, size_t n, int m,
                       int history)
{
    dcd_buf_printf(b, "%s << %s\n# year value%s\n", block, DATA_MARKER,
                   history ? "" : " tolerance");
    for (size_t i = 0; i < n; i++) {
        if (!e[i].metric || dcd_total_index(e[i].metric) != m || !isfinite(e[i].value))
            continue;
        dcd_buf_printf(b, "%d ", e[i].year);
        put_num(b, e[i].value);
        if (!history) {
            dcd_buf_puts(b, " ");
            put_num(b, e[i].tolerance);
        }
        dcd_buf_puts(b, "\n");
    }
    dcd_buf_printf(b, "%s\n", DATA_MARKER);
}

/* The footer: "Sources: A; B; C", or a note that the scenario names none. */
static int footer_text(const dcd_plot_meta *meta, dcd_buf *out)
{
    if (meta->nsources == 0)
        return dcd_buf_puts(out, "Sources: none named in the scenario");
    dcd_buf_puts(out, meta->nsources == 1 ? "Source: " : "Sources: ");
    for (size_t i = 0; i < meta->nsources; i++) {
        if (i)
            dcd_buf_puts(out, "; ");
        dcd_buf_puts(out, meta->sources[i] ? meta->sources[i] : "");
    }
    return out->failed ? -1 : 0;
}

/* Index in $TEXT of the first segment name (1-based, as gnuplot counts). */
#define TEXT_FIRST_SEGMENT 5

/* Splits S for a two-line footer: returns the length in bytes of the first
 * line, at most WIDTH characters, broken between two sources ("; ") or else
 * at a space when there is one in its second half (the second line starts
 * after that space). */
static size_t wrap_at(const char *s, size_t width)
{
    size_t n = strlen(s), i = 0, k = 0, last_space = 0, last_semi = 0, half = 0;
    if (dcd_utf8_count(s, n) <= width)
        return n;
    while (i < n && k <= width) {
        unsigned long cp;
        size_t l = dcd_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (k == width / 2)
            half = i;
        if (l == 1 && s[i] == ' ') {
            last_space = i;
            if (i > 0 && s[i - 1] == ';')
                last_semi = i;
        }
        if (k == width)
            break;
        i += l ? l : 1;
        k++;
    }
    if (last_semi > half)
        return last_semi;
    return last_space > half ? last_space : i;
}

static int is_alnum_ascii(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Whether a segment's name already says it is AI: "ai" as a word of it. */
static int says_ai(const char *name)
{
    const char *p = name;
    while (*p) {
        while (*p && !is_alnum_ascii(*p))
            p++;
        const char *w = p;
        while (is_alnum_ascii(*p))
            p++;
        if (p - w == 2 && (w[0] == 'a' || w[0] == 'A') && (w[1] == 'i' || w[1] == 'I'))
            return 1;
    }
    return 0;
}

/* $TEXT: 1 title, 2 name, 3 and 4 footer, then one line per segment. */
static const char *meta_title(const dcd_plot_meta *meta)
{
    const char *name = meta->name && *meta->name ? meta->name : "scenario";
    return meta->title && *meta->title ? meta->title : name;
}

static void put_text_block(dcd_buf *b, const dcd_plot_meta *meta, const dcd_results *r, int w)
{
    const char *name = meta->name && *meta->name ? meta->name : "scenario";
    const char *title = meta->title && *meta->title ? meta->title : name;
    dcd_buf foot = {0}, seg = {0};
    dcd_buf_puts(b, "# The scenario's text, used only as labels ($TEXT[1] title, [2] name,\n"
                    "# [3] and [4] footer, then the segments).  It is never run as a command.\n");
    dcd_buf_printf(b, "$TEXT << %s\n", dcd_plot_text_marker);
    dcd_plot_text_line(b, title, title_fit(w, 13));
    dcd_plot_text_line(b, name, name_fit(w));
    if (footer_text(meta, &foot) != 0)
        b->failed = 1;
    {
        /* Two lines; the second is cut with an ellipsis if need be. */
        const char *f = dcd_buf_str(&foot);
        size_t l1 = wrap_at(f, footer_fit(w));
        dcd_buf_clear(&seg);
        dcd_buf_append(&seg, f, l1);
        dcd_plot_text_line(b, dcd_buf_str(&seg), 0);
        dcd_plot_text_line(b, f[l1] == ' ' ? f + l1 + 1 : f + l1, footer_fit(w));
    }
    for (size_t s = 0; s < r->nseg; s++) {
        /* Cut the name first so that the AI mark always shows. */
        dcd_buf_clear(&seg);
        if (dcd_plot_text_line(&seg, r->seg_name[s], MAX_SEGMENT) != 0) {
            b->failed = 1;
            break;
        }
        seg.data[--seg.len] = '\0'; /* the newline */
        if (r->seg_ai && r->seg_ai[s] && !says_ai(r->seg_name[s]))
            dcd_buf_puts(&seg, " (AI)");
        dcd_buf_puts(b, dcd_buf_str(&seg));
        dcd_buf_puts(b, "\n");
    }
    dcd_buf_printf(b, "%s\n\n", dcd_plot_text_marker);
    if (seg.failed)
        b->failed = 1;
    dcd_buf_free(&foot);
    dcd_buf_free(&seg);
}

static void put_header(dcd_buf *b, const dcd_plot_opts *o, int chart)
{
    dcd_chart_script_head(b, o, CHART_NAMES[chart], CHART_HEADING[chart]);
    dcd_buf_printf(b,
                   "# Okabe-Ito colours: data centres, AI, the rest of the economy, markers,\n"
                   "# and segments in the scenario's order (the same on every chart).\n"
                   "dcd_dc = \"%s\"\ndcd_ai = \"%s\"\ndcd_rest = \"%s\"\ndcd_mark = \"%s\"\n"
                   "array dcd_seg[%d] = [",
                   COLOUR_DC, COLOUR_AI, COLOUR_REST, COLOUR_MARK, NSEGCOLOUR);
    for (int i = 0; i < NSEGCOLOUR; i++)
        dcd_buf_printf(b, "%s\"%s\"", i ? ", " : "", SEG_COLOURS[i]);
    dcd_buf_puts(b, "]\n\n");
}

/* Layout, axes and the title, subtitle and footer labels. */
/* Layout, axes and the title, subtitle and footer labels.  Distances are
 * kept in pixels (as at 1200x720) whatever the size, so that text does not
 * collide on a small picture.  KEY_CHARS is the longest legend entry, which
 * decides how wide the plot is and so how many years can be labelled. */
static void put_layout(dcd_buf *b, int chart, int xlo, int xhi, int pad_lo, int pad_hi,
                       int title_pt, const dcd_plot_opts *o, size_t key_chars)
{
    double w = o->width, h = o->height;
    int span = xhi - xlo;
    /* The legend goes on the right, outside the plot; in a smaller font
     * when it would leave the plot less than half the width. */
    double key_px = 70 + 7.4 * (double)key_chars;
    double plot_px = w - 110 - key_px;
    int small_key = plot_px < 0.5 * w;
    if (small_key)
        plot_px = w - 110 - (55 + 5.6 * (double)key_chars);
    /* Room for a year label every 70 px of plot, at round steps; a minor
     * tick each year. */
    int labels = plot_px > 210 ? (int)(plot_px / 70) : 3;
    static const int steps[] = {1, 2, 5, 10, 20, 25, 50, 100};
    int step = 100;
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if (span / steps[i] + 1 <= labels) {
            step = steps[i];
            break;
        }
    int first = xlo % step == 0 ? xlo : xlo + (step - ((xlo % step) + step) % step);
    dcd_buf_printf(
        b,
        "set label 1 $TEXT[1] at screen 0.012, %.3f left font \"Sans Bold,%d\" noenhanced\n"
        "set label 2 \"%s  \xc2\xb7  scenario \".$TEXT[2] at screen 0.012, %.3f left "
        "font \"Sans,12\" textcolor rgb \"#444444\" noenhanced\n"
        "set label 3 $TEXT[3] at screen 0.012, %.3f left font \"Sans,9\" "
        "textcolor rgb \"#555555\" noenhanced\n"
        "set label 4 $TEXT[4] at screen 0.012, %.3f left font \"Sans,9\" "
        "textcolor rgb \"#555555\" noenhanced\n\n",
        1 - 36 / h, title_pt, CHART_HEADING[chart], 1 - 76 / h, 35 / h, 14.4 / h);
    dcd_buf_printf(b,
                   "set tmargin at screen %.3f\n"
                   "set bmargin at screen %.3f\n"
                   "set lmargin 12\n"
                   "set border 3 linecolor rgb \"#444444\"\n"
                   "set tics nomirror out scale 0.6\n"
                   "set grid ytics linetype 1 linewidth 1 linecolor rgb \"#E5E5E5\"\n",
                   1 - 108 / h, 115 / h);
    dcd_buf_printf(b,
                   "set key outside right top vertical Left reverse samplen 2.5 spacing 1.4 "
                   "width 1%s noenhanced\n",
                   small_key ? " font \",9\"" : "");
    dcd_buf_printf(b,
                   "set datafile missing \"?\"\n"
                   "set xlabel \"Year\"\n"
                   "set ylabel \"%s\"\n"
                   "set xrange [%g:%g]\n"
                   "set xtics %d, %d format \"%%.0f\"\n",
                   CHART_YLABEL[chart], xlo - (pad_lo ? 0.5 : 0.0), xhi + (pad_hi ? 0.5 : 0.0),
                   first, step);
    if (step > 1 && step <= 10)
        dcd_buf_printf(b, "set mxtics %d\n", step);
    dcd_buf_puts(b, "set format y \"%g\"\n");
}

/* The longest legend entry of CHART, in characters (roughly). */
static size_t key_chars(int chart, const dcd_results *r, const pointset *ps, size_t nps)
{
    size_t k = chart == DCD_CHART_SHARE ? 43 : chart == DCD_CHART_LOAD ? 42 : 20;
    if (chart == DCD_CHART_ENERGY || chart == DCD_CHART_EMISSIONS)
        for (size_t s = 0; s < r->nseg; s++) {
            size_t n = strlen(r->seg_name[s]);
            n = (n > MAX_SEGMENT ? MAX_SEGMENT : n) + 5;
            k = n > k ? n : k;
        }
    for (size_t i = 0; i < nps; i++) {
        size_t n = strlen(metric_words(ps[i].metric)) + (ps[i].history ? 10 : 25);
        k = n > k ? n : k;
    }
    return k;
}

/* Appends one plot clause, with the separator when it is not the first. */
static void put_clause(dcd_buf *b, int *nclauses, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void put_clause(dcd_buf *b, int *nclauses, const char *fmt, ...)
{
    va_list ap;
    int n;
    dcd_buf_puts(b, (*nclauses)++ ? ", \\\n     " : "plot ");
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    char *s = malloc((size_t)n + 1);
    if (!s) {
        b->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    dcd_buf_puts(b, s);
    free(s);
}

/* Plot clauses for the markers of CHART: published figures with their
 * tolerance as error bars, observed figures as open circles. */
static void put_marker_clauses(dcd_buf *b, int *nclauses, int chart, const pointset *ps, size_t nps)
{
    for (size_t k = 0; k < nps; k++) {
        const pointset *p = &ps[k];
        const char *col = metric_colour(chart, p->metric);
        if (p->history)
            put_clause(b, nclauses,
                       "$HISTORY_%zu using 1:2 with points pointtype 6 pointsize 1.8 linewidth 2 "
                       "linecolor rgb %s title \"Observed: %s\"",
                       k + 1, col, metric_words(p->metric));
        else
            put_clause(
                b, nclauses,
                "$EXPECT_%zu using 1:2:3 with yerrorbars pointtype 13 pointsize 1.6 "
                "linewidth 1.5 linecolor rgb %s title \"Published: %s (\xc2\xb1 tolerance)\"",
                k + 1, col, metric_words(p->metric));
    }
}

/* The share chart's headline bands, shaded across the plot.  They are
 * named in the legend (put_band_keys), not inside the plot, where a label
 * would collide with a curve that crosses the band. */
typedef struct band {
    double lo, hi;
    const char *label, *colour;
} band;
static const band BANDS[2] = {{3, 4, "McKinsey 2024 headline range: 3-4% (2023)", "#56B4E9"},
                              {11, 12, "McKinsey 2024 headline range: 11-12% (2030)", "#E69F00"}};

static void put_bands(dcd_buf *b)
{
    dcd_buf_puts(
        b, "# Headline ranges of McKinsey (2024) for the US: 3-4% in 2023, 11-12% in 2030.\n");
    for (int i = 0; i < 2; i++)
        dcd_buf_printf(b,
                       "set object %d rectangle from graph 0, first %g to graph 1, first %g behind "
                       "fillcolor rgb \"%s\" fillstyle transparent solid 0.25 noborder\n",
                       i + 1, BANDS[i].lo, BANDS[i].hi, BANDS[i].colour);
    dcd_buf_puts(b, "set yrange [0:13<*]\n\n");
}

static void put_band_keys(dcd_buf *b, int *nclauses)
{
    for (int i = 0; i < 2; i++)
        put_clause(b, nclauses,
                   "keyentry with filledcurves fillcolor rgb \"%s\" fillstyle transparent solid "
                   "0.25 noborder title \"%s\"",
                   BANDS[i].colour, BANDS[i].label);
}

/* The data block $DATA of CHART: a year column, then the chart's series. */
static void put_data(dcd_buf *b, const dcd_results *r, int chart)
{
    static const int share[] = {DCD_T_DC_SHARE_PCT, DCD_T_AI_SHARE_PCT};
    static const int load[] = {DCD_T_DC_FACILITY_GW, DCD_T_DC_IT_GW, DCD_T_DC_LOAD_GW,
                               DCD_T_AI_FACILITY_GW, DCD_T_AI_IT_GW, DCD_T_AI_LOAD_GW};
    static const int national[] = {DCD_T_OTHER_TWH, DCD_T_DC_TWH, DCD_T_NATIONAL_TWH};
    const int *cols = NULL;
    size_t ncols = 0;
    int segm = -1;
    switch (chart) {
    case DCD_CHART_SHARE: cols = share, ncols = 2; break;
    case DCD_CHART_LOAD: cols = load, ncols = 6; break;
    case DCD_CHART_NATIONAL: cols = national, ncols = 3; break;
    case DCD_CHART_ENERGY: segm = DCD_S_FACILITY_TWH; break;
    default: segm = DCD_S_CO2_MT; break;
    }
    dcd_buf_printf(b, "$DATA << %s\n# year", DATA_MARKER);
    if (segm >= 0)
        dcd_buf_printf(b, ", then %s (%s) of each segment in the order of $TEXT[%d...]",
                       dcd_segment_info[segm].name, dcd_segment_info[segm].unit,
                       TEXT_FIRST_SEGMENT);
    for (size_t c = 0; c < ncols; c++)
        dcd_buf_printf(b, " %s", dcd_total_info[cols[c]].name);
    dcd_buf_puts(b, "\n");
    for (size_t i = 0; i < r->ny; i++) {
        dcd_buf_printf(b, "%d", r->start + (int)i);
        for (size_t c = 0; c < ncols; c++) {
            dcd_buf_puts(b, " ");
            put_num(b, DCD_TOTAL(r, cols[c], i));
        }
        if (segm >= 0)
            for (size_t s = 0; s < r->nseg; s++) {
                dcd_buf_puts(b, " ");
                put_num(b, DCD_SEG(r, s, segm, i));
            }
        dcd_buf_puts(b, "\n");
    }
    dcd_buf_printf(b, "%s\n\n", DATA_MARKER);
}

/* Collects the marker sets of CHART (at most 2 x 6) and writes their
 * datablocks. */
static size_t put_point_blocks(dcd_buf *b, const dcd_plot_meta *meta, int chart, pointset *ps)
{
    int ms[6];
    int nm = chart_metrics(chart, ms);
    size_t nps = 0;
    for (int h = 0; h < 2; h++)
        for (int j = 0; j < nm; j++) {
            const dcd_expect *e = h ? meta->history : meta->expect;
            size_t n = h ? meta->nhistory : meta->nexpect;
            size_t c = count_points(e, n, ms[j]);
            if (c == 0)
                continue;
            ps[nps].metric = ms[j];
            ps[nps].history = h;
            ps[nps].count = c;
            nps++;
            char block[32];
            snprintf(block, sizeof block, "$%s_%zu", h ? "HISTORY" : "EXPECT", nps);
            put_points(b, block, e, n, ms[j], h);
        }
    if (nps)
        dcd_buf_puts(b, "\n");
    return nps;
}

/* A stacked area of the segment columns of $DATA, top segment first in the
 * legend. */
static void put_stack(dcd_buf *b, size_t nseg, int single)
{
    dcd_buf_printf(b, "dcd_nseg = %zu\n", nseg);
    if (single) /* one year: stacked bars, the tallest drawn first */
        dcd_buf_printf(b,
                       "set boxwidth 0.5\n"
                       "plot for [k=dcd_nseg:1:-1] $DATA using 1:(sum [j=2:k+1] column(j)) \\\n"
                       "         with boxes fillcolor rgb dcd_seg[(k-1)%%%d+1] fillstyle solid 0.9 "
                       "noborder \\\n"
                       "         title $TEXT[%d+k-1]",
                       NSEGCOLOUR, TEXT_FIRST_SEGMENT);
    else
        dcd_buf_printf(b,
                       "plot for [k=dcd_nseg:1:-1] $DATA using 1:(sum [j=2:k] column(j)):(sum "
                       "[j=2:k+1] column(j)) \\\n"
                       "         with filledcurves fillcolor rgb dcd_seg[(k-1)%%%d+1] fillstyle "
                       "solid 0.9 noborder \\\n"
                       "         title $TEXT[%d+k-1]",
                       NSEGCOLOUR, TEXT_FIRST_SEGMENT);
}

/* Whether total metric M has a value in some year. */
static int has_values(const dcd_results *r, int m)
{
    for (size_t i = 0; i < r->ny; i++)
        if (isfinite(DCD_TOTAL(r, m, i)))
            return 1;
    return 0;
}

/* The load chart's three lines of one group (data centres or AI), from
 * column COL of $DATA on; a line with no value in any year is left out. */
static void put_load_lines(dcd_buf *b, int *nclauses, const dcd_results *r, int ai,
                           const char *style)
{
    static const char *const what[3] = {"facility capacity (IT \xc3\x97 PUE)", "IT capacity",
                                        "average facility load"};
    static const char *const dash[3] = {"", " dashtype (8,5)", " dashtype (2,4)"};
    const int m[2][3] = {{DCD_T_DC_FACILITY_GW, DCD_T_DC_IT_GW, DCD_T_DC_LOAD_GW},
                         {DCD_T_AI_FACILITY_GW, DCD_T_AI_IT_GW, DCD_T_AI_LOAD_GW}};
    for (int k = 0; k < 3; k++)
        if (has_values(r, m[ai][k]))
            put_clause(b, nclauses,
                       "$DATA using 1:%d with %s linewidth %s%s linecolor rgb %s title \"%s: %s\"",
                       2 + 3 * ai + k, style, k ? "2.5" : "3", dash[k], ai ? "dcd_ai" : "dcd_dc",
                       ai ? "AI" : "Data centres", what[k]);
}

int dcd_plot_script(const dcd_plot_meta *meta, const dcd_results *r, int chart,
                    const dcd_plot_opts *o, dcd_buf *out)
{
    if (chart < 0 || chart >= DCD_NCHART)
        return DCD_EUSAGE;
    pointset ps[12];
    int ms[6];
    int nm = chart_metrics(chart, ms);
    int xlo = r->start, xhi = r->start + (int)(r->ny ? r->ny - 1 : 0);
    point_years(meta->expect, meta->nexpect, ms, nm, &xlo, &xhi);
    point_years(meta->history, meta->nhistory, ms, nm, &xlo, &xhi);
    /* Half a year of room where a marker sits on the edge, so that it shows
     * whole; a year of room on each side when there is only one year. */
    int pad_lo = 0, pad_hi = 0, single = r->ny == 1;
    {
        int lo = INT_MAX, hi = INT_MIN;
        point_years(meta->expect, meta->nexpect, ms, nm, &lo, &hi);
        point_years(meta->history, meta->nhistory, ms, nm, &lo, &hi);
        pad_lo = lo == xlo;
        pad_hi = hi == xhi;
    }
    if (xhi == xlo) {
        xlo--;
        xhi++;
        pad_lo = pad_hi = 0;
    }

    put_header(out, o, chart);
    put_text_block(out, meta, r, o->width);
    put_data(out, r, chart);
    size_t nps = put_point_blocks(out, meta, chart, ps);
    put_layout(out, chart, xlo, xhi, pad_lo, pad_hi, title_points(meta_title(meta), o->width), o,
               key_chars(chart, r, ps, nps));
    int ai = any_ai(r);
    /* A single year has no line to draw: points and bars instead. */
    const char *line = single ? "linespoints pointtype 7 pointsize 1.4" : "lines";

    int nclauses = 0;

    switch (chart) {
    case DCD_CHART_SHARE:
        dcd_buf_puts(out, "\n");
        put_bands(out);
        if (has_values(r, DCD_T_DC_SHARE_PCT))
            put_clause(out, &nclauses,
                       "$DATA using 1:2 with %s linewidth 3 linecolor rgb dcd_dc "
                       "title \"Data centres\"",
                       line);
        if (ai && has_values(r, DCD_T_AI_SHARE_PCT))
            put_clause(out, &nclauses,
                       "$DATA using 1:3 with %s linewidth 3 linecolor rgb "
                       "dcd_ai title \"AI\"",
                       line);
        break;
    case DCD_CHART_ENERGY:
    case DCD_CHART_EMISSIONS:
        dcd_buf_puts(out, "set yrange [0:*]\n\n");
        put_stack(out, r->nseg, single);
        nclauses = 1;
        break;
    case DCD_CHART_LOAD:
        dcd_buf_puts(out, "set yrange [0:*]\n\n");
        put_load_lines(out, &nclauses, r, 0, line);
        if (ai)
            put_load_lines(out, &nclauses, r, 1, line);
        break;
    case DCD_CHART_NATIONAL:
        dcd_buf_puts(out, "set yrange [0:*]\n\n");
        if (single)
            dcd_buf_puts(out,
                         "set boxwidth 0.5\n"
                         "plot $DATA using 1:4 with boxes fillcolor rgb dcd_dc fillstyle solid 0.9 "
                         "noborder title \"Data centres\", \\\n"
                         "     $DATA using 1:2 with boxes fillcolor rgb dcd_rest fillstyle solid "
                         "0.9 noborder title \"Rest of the economy\"");
        else
            dcd_buf_puts(out,
                         "plot $DATA using 1:2:4 with filledcurves fillcolor rgb dcd_dc fillstyle "
                         "solid 0.9 noborder title \"Data centres\", \\\n"
                         "     $DATA using 1:(0):2 with filledcurves fillcolor rgb dcd_rest "
                         "fillstyle solid 0.9 noborder title \"Rest of the economy\"");
        nclauses = 1;
        break;
    default: break;
    }
    put_marker_clauses(out, &nclauses, chart, ps, nps);
    if (chart == DCD_CHART_SHARE)
        put_band_keys(out, &nclauses);
    if (nclauses == 0) /* nothing to draw: still a chart, with its axes */
        dcd_buf_puts(out, "plot $DATA using 1:(0) with lines linecolor rgb \"white\" notitle");
    dcd_buf_puts(out, "\nunset output\n");
    return out->failed ? DCD_ENOMEM : DCD_OK;
}

/* ---- drawing ----------------------------------------------------------------- */

int dcd_plot_batch_add(dcd_plot_batch *b, const dcd_plot_meta *meta, const dcd_results *r,
                       const char *dir, dcd_diags *d)
{
    const dcd_plot_opts *o = dcd_plot_batch_opts(b);
    dcd_buf script = {0}, note = {0};
    int rc = DCD_OK;
    for (int c = 0; c < DCD_NCHART && rc == DCD_OK; c++) {
        if (!dcd_plot_chart_applies(r, c)) {
            /* A chart that no longer applies must not linger from an
             * earlier run. */
            rc = dcd_plot_batch_drop(b, dir, CHART_NAMES[c], d);
            continue;
        }
        dcd_buf_clear(&script);
        rc = dcd_plot_script(meta, r, c, o, &script);
        if (rc == DCD_OK)
            rc = dcd_plot_batch_script(b, dir, CHART_NAMES[c], script.data, script.len, d);
    }
    if (rc == DCD_OK) {
        dcd_buf_printf(&note,
                       "the results are complete; once gnuplot works, draw the charts "
                       "with: dcdemand plot %s",
                       dir);
        rc = note.failed ? DCD_ENOMEM : dcd_plot_batch_note(b, dir, note.data);
    }
    dcd_buf_free(&script);
    dcd_buf_free(&note);
    return rc;
}

int dcd_plot_draw(const dcd_plot_meta *meta, const dcd_results *r, const char *dir,
                  const dcd_plot_opts *o, dcd_diags *d)
{
    dcd_plot_batch *b = dcd_plot_batch_new(o);
    if (!b)
        return DCD_ENOMEM;
    int rc = dcd_plot_batch_add(b, meta, r, dir, d);
    if (rc == DCD_OK)
        rc = dcd_plot_batch_draw(b, d);
    dcd_plot_batch_free(b);
    return rc;
}

int dcd_plot_forget(const char *dir, dcd_diags *d)
{
    return dcd_plot_remove_charts(dir, CHART_NAMES, DCD_NCHART, d);
}
