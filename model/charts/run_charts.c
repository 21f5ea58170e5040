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

#include "dcd_chart_frame.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA_MARKER DCD_CHART_DATA_MARKER
#define put_num dcd_chart_num

/* How much of each text is shown, in characters. */
/* A segment's name (without a label): as much as a legend column holds,
 * less room for " (AI)"; a label takes the whole column. */
static size_t segment_fit(int w)
{
    size_t k = dcd_chart_key_fit(w);
    return k > 21 ? k - 5 : 16;
}

/* Characters that fit across a picture W pixels wide: the title in bold at
 * PT points (about 0.83 px per point per character). */
static size_t title_fit(int w, int pt)
{
    return (size_t)(0.975 * w / (0.83 * pt));
}
/* The name, in the subtitle after the chart's heading: at most 60. */
static size_t name_fit(int w)
{
    long n = 167L * w / 1200 - 70;
    return n > 60 ? 60 : n < 20 ? 20 : (size_t)n;
}

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
    "Data-centre capacity and average load",
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
    meta->references = sc->references;
    meta->nreferences = sc->nreferences;
    meta->segments = sc->segments;
    meta->nsegments = sc->nsegments;
    meta->base_year = sc->base;
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

/* Okabe-Ito colours (Okabe & Ito 2008), safe for colour-blind readers.  One
 * colour per series on every chart: data centres blue, AI vermilion, the
 * rest of the economy grey.  Segments: an AI segment takes the AI colours
 * (the first vermilion, so that a single AI segment has the colour of "AI"
 * on every chart), the others the remaining colours, each in the order of
 * the scenario. */
static const char COLOUR_DC[] = "#0072B2";
static const char COLOUR_AI[] = "#D55E00";
static const char COLOUR_REST[] = "#BBBBBB";
static const char COLOUR_MARK[] = "#000000";
#define NAICOLOUR 3
static const char *const AI_COLOURS[NAICOLOUR] = {"#D55E00", "#CC79A7", "#E69F00"};
#define NSEGCOLOUR 5
static const char *const SEG_COLOURS[NSEGCOLOUR] = {"#56B4E9", "#009E73", "#F0E442", "#999999",
                                                    "#0072B2"};

/* Reference points of one kind (published or observed) for one metric. */
typedef struct pointset {
    int metric;   /* enum dcd_total_metric */
    int history;  /* 0: expect, 1: history */
    size_t count; /* finite points of this metric */
} pointset;

/* Metrics whose published or observed figures and reference marks a chart
 * draws. */
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

/* Writes the datablock NAME of the points of E for metric M: year and
 * value, in the order written. */
static void put_points(dcd_buf *b, const char *block, const dcd_expect *e, size_t n, int m)
{
    dcd_buf_printf(b, "%s << %s\n# year value\n", block, DATA_MARKER);
    for (size_t i = 0; i < n; i++) {
        if (!e[i].metric || dcd_total_index(e[i].metric) != m || !isfinite(e[i].value))
            continue;
        dcd_buf_printf(b, "%d ", e[i].year);
        put_num(b, e[i].value);
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

static const char *meta_title(const dcd_plot_meta *meta)
{
    const char *name = meta->name && *meta->name ? meta->name : "scenario";
    return meta->title && *meta->title ? meta->title : name;
}

/* The label of segment S of R: its `label:` in META, else its name. */
static const char *segment_label(const dcd_plot_meta *meta, const dcd_results *r, size_t s)
{
    for (size_t i = 0; i < meta->nsegments; i++)
        if (meta->segments[i].name && meta->segments[i].label &&
            strcmp(meta->segments[i].name, r->seg_name[s]) == 0)
            return meta->segments[i].label;
    return NULL;
}

/* $TEXT: 1 title, 2 name, 3... the footer's lines, then one line per
 * segment, then the labels of the chart's reference marks.  Returns the
 * number of footer lines. */
static size_t put_text_block(dcd_buf *b, const dcd_plot_meta *meta, const dcd_results *r, int chart,
                             int w)
{
    dcd_buf foot = {0}, seg = {0};
    int ms[6];
    int nm = chart_metrics(chart, ms);
    dcd_buf_puts(b, "# The scenario's text, used only as labels ($TEXT[1] title, [2] name,\n"
                    "# [3]... the footer's lines, then the segments, then the reference marks).\n"
                    "# It is never run as a command.\n");
    dcd_buf_printf(b, "$TEXT << %s\n", dcd_plot_text_marker);
    dcd_plot_text_line(b, meta_title(meta), title_fit(w, 13));
    dcd_plot_text_line(b, meta->name && *meta->name ? meta->name : "scenario", name_fit(w));
    if (footer_text(meta, &foot) != 0)
        b->failed = 1;
    size_t nf = dcd_chart_footer_put(b, dcd_buf_str(&foot), w);
    for (size_t s = 0; s < r->nseg; s++) {
        const char *label = segment_label(meta, r, s);
        /* Cut the name first so that the AI mark always shows. */
        dcd_buf_clear(&seg);
        if (dcd_plot_text_line(&seg, label ? label : r->seg_name[s],
                               label ? dcd_chart_key_fit(w) : segment_fit(w)) != 0) {
            b->failed = 1;
            break;
        }
        seg.data[--seg.len] = '\0'; /* the newline */
        if (!label && r->seg_ai && r->seg_ai[s] && !says_ai(r->seg_name[s]))
            dcd_buf_puts(&seg, " (AI)");
        dcd_buf_puts(b, dcd_buf_str(&seg));
        dcd_buf_puts(b, "\n");
    }
    dcd_chart_refs_text(b, meta->references, meta->nreferences, ms, nm, w);
    dcd_buf_printf(b, "%s\n\n", dcd_plot_text_marker);
    if (seg.failed)
        b->failed = 1;
    dcd_buf_free(&foot);
    dcd_buf_free(&seg);
    return nf;
}

static void put_header(dcd_buf *b, const dcd_plot_opts *o, int chart, const dcd_results *r)
{
    dcd_chart_script_head(b, o, CHART_NAMES[chart], CHART_HEADING[chart]);
    dcd_buf_printf(b,
                   "# Okabe-Ito colours, the same on every chart: data centres, AI, the rest\n"
                   "# of the economy, markers, then each segment (AI segments in AI's colours).\n"
                   "dcd_dc = \"%s\"\ndcd_ai = \"%s\"\ndcd_rest = \"%s\"\ndcd_mark = \"%s\"\n"
                   "array dcd_seg[%zu] = [",
                   COLOUR_DC, COLOUR_AI, COLOUR_REST, COLOUR_MARK, r->nseg ? r->nseg : 1);
    size_t nai = 0, nother = 0;
    for (size_t s = 0; s < r->nseg; s++) {
        int ai = r->seg_ai && r->seg_ai[s];
        const char *c = ai ? AI_COLOURS[nai++ % NAICOLOUR] : SEG_COLOURS[nother++ % NSEGCOLOUR];
        dcd_buf_printf(b, "%s\"%s\"", s ? ", " : "", c);
    }
    dcd_buf_puts(b, r->nseg ? "]\n\n" : "\"#999999\"]\n\n");
}

/* The year axis (dcd_chart_years_put()) and the y label. */
static void put_axes(dcd_buf *b, int chart, int xlo, int xhi, int pad_lo, int pad_hi,
                     const dcd_plot_opts *o)
{
    dcd_chart_years_put(b, xlo, xhi, pad_lo ? 0.5 : 0.0, pad_hi ? 0.5 : 0.0, o->width);
    dcd_buf_printf(b, "set ylabel \"%s\"\nset format y \"%%g\"\n", CHART_YLABEL[chart]);
}

/* Whether total metric M has a value in some year. */
static int has_values(const dcd_results *r, int m)
{
    for (size_t i = 0; i < r->ny; i++)
        if (isfinite(DCD_TOTAL(r, m, i)))
            return 1;
    return 0;
}

/* The load chart: average facility load (solid) and installed IT capacity
 * (dashed) of data centres, and of AI. */
static const int LOAD_METRIC[2][2] = {{DCD_T_DC_LOAD_GW, DCD_T_DC_IT_GW},
                                      {DCD_T_AI_LOAD_GW, DCD_T_AI_IT_GW}};

/* The legend entries of CHART (curves, marker sets, reference marks). */
static int legend_entries(const dcd_plot_meta *meta, const dcd_results *r, int chart)
{
    int ms[6], n = 0, nm = chart_metrics(chart, ms), ai = any_ai(r);
    switch (chart) {
    case DCD_CHART_SHARE:
        n = has_values(r, DCD_T_DC_SHARE_PCT) + (ai && has_values(r, DCD_T_AI_SHARE_PCT));
        break;
    case DCD_CHART_LOAD:
        for (int g = 0; g < 1 + ai; g++)
            n += has_values(r, LOAD_METRIC[g][0]) + has_values(r, LOAD_METRIC[g][1]);
        break;
    case DCD_CHART_NATIONAL: n = 2; break;
    default: n = (int)r->nseg; break;
    }
    for (int j = 0; j < nm; j++)
        n += (count_points(meta->expect, meta->nexpect, ms[j]) > 0) +
             (count_points(meta->history, meta->nhistory, ms[j]) > 0);
    for (size_t i = 0; i < meta->nreferences; i++)
        n += dcd_chart_ref_on(&meta->references[i], ms, nm);
    return n;
}

/* The frame of every chart of R: the legend rows of the fullest chart, so
 * that the plot area is the same on all of them. */
static void run_frame(const dcd_plot_meta *meta, const dcd_results *r, const dcd_plot_opts *o,
                      size_t nfooter, dcd_chart_frame *f)
{
    f->w = o->width;
    f->h = o->height;
    f->key_cols = dcd_chart_key_cols(o->width);
    f->footer_lines = nfooter;
    int most = 1;
    for (int c = 0; c < DCD_NCHART; c++)
        if (dcd_plot_chart_applies(r, c)) {
            int n = legend_entries(meta, r, c);
            most = n > most ? n : most;
        }
    f->key_rows = (most + f->key_cols - 1) / f->key_cols;
}

/* Plot clauses for the markers of CHART: published figures as filled
 * diamonds (the tolerance belongs in `check`'s table), observed figures as
 * open circles. */
static void put_marker_clauses(dcd_buf *b, int *nclauses, int chart, const pointset *ps, size_t nps)
{
    for (size_t k = 0; k < nps; k++) {
        const pointset *p = &ps[k];
        const char *col = metric_colour(chart, p->metric);
        if (p->history)
            dcd_chart_clause(b, nclauses,
                             "$HISTORY_%zu using 1:2 with points pointtype 6 pointsize 1.5*dcd_ps "
                             "linewidth 2 linecolor rgb %s title \"Observed: %s\"",
                             k + 1, col, metric_words(p->metric));
        else
            dcd_chart_clause(b, nclauses,
                             "$EXPECT_%zu using 1:2 with points pointtype 13 pointsize 1.5*dcd_ps "
                             "linecolor rgb %s title \"Published: %s\"",
                             k + 1, col, metric_words(p->metric));
    }
}

/* The data block $DATA of CHART: a year column, then the chart's series. */
static void put_data(dcd_buf *b, const dcd_results *r, int chart, int text_first_segment)
{
    static const int share[] = {DCD_T_DC_SHARE_PCT, DCD_T_AI_SHARE_PCT};
    static const int load[] = {DCD_T_DC_LOAD_GW, DCD_T_DC_IT_GW, DCD_T_AI_LOAD_GW, DCD_T_AI_IT_GW};
    static const int national[] = {DCD_T_OTHER_TWH, DCD_T_DC_TWH, DCD_T_NATIONAL_TWH};
    const int *cols = NULL;
    size_t ncols = 0;
    int segm = -1;
    switch (chart) {
    case DCD_CHART_SHARE: cols = share, ncols = 2; break;
    case DCD_CHART_LOAD: cols = load, ncols = 4; break;
    case DCD_CHART_NATIONAL: cols = national, ncols = 3; break;
    case DCD_CHART_ENERGY: segm = DCD_S_FACILITY_TWH; break;
    default: segm = DCD_S_CO2_MT; break;
    }
    dcd_buf_printf(b, "$DATA << %s\n# year", DATA_MARKER);
    if (segm >= 0)
        dcd_buf_printf(b, ", then %s (%s) of each segment in the order of $TEXT[%d...]",
                       dcd_segment_info[segm].name, dcd_segment_info[segm].unit,
                       text_first_segment);
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
            put_points(b, block, e, n, ms[j]);
        }
    if (nps)
        dcd_buf_puts(b, "\n");
    return nps;
}

/* A stacked area of the segment columns of $DATA, top segment first in the
 * legend. */
static void put_stack(dcd_buf *b, size_t nseg, int single, int text_first_segment)
{
    dcd_buf_printf(b, "dcd_nseg = %zu\n", nseg);
    if (single) /* one year: stacked bars, the tallest drawn first */
        dcd_buf_printf(b,
                       "set boxwidth 0.5\n"
                       "plot for [k=dcd_nseg:1:-1] $DATA using 1:(sum [j=2:k+1] column(j)) \\\n"
                       "         with boxes fillcolor rgb dcd_seg[k] fillstyle solid 0.9 "
                       "noborder \\\n"
                       "         title $TEXT[%d+k-1]",
                       text_first_segment);
    else
        dcd_buf_printf(b,
                       "plot for [k=dcd_nseg:1:-1] $DATA using 1:(sum [j=2:k] column(j)):(sum "
                       "[j=2:k+1] column(j)) \\\n"
                       "         with filledcurves fillcolor rgb dcd_seg[k] fillstyle "
                       "solid 0.9 noborder \\\n"
                       "         title $TEXT[%d+k-1]",
                       text_first_segment);
}

/* The load chart's lines of one group (data centres or AI): average
 * facility load solid, IT capacity dashed; a line with no value in any
 * year is left out. */
static void put_load_lines(dcd_buf *b, int *nclauses, const dcd_results *r, int ai,
                           const char *style)
{
    static const char *const what[2] = {"average facility load", "IT capacity installed"};
    static const char *const dash[2] = {"", " dashtype (8,5)"};
    for (int k = 0; k < 2; k++)
        if (has_values(r, LOAD_METRIC[ai][k]))
            dcd_chart_clause(b, nclauses,
                             "$DATA using 1:%d with %s linewidth %s%s linecolor rgb %s "
                             "title \"%s: %s\"",
                             2 + 2 * ai + k, style, k ? "2" : "3", dash[k],
                             ai ? "dcd_ai" : "dcd_dc", ai ? "AI" : "Data centres", what[k]);
}

/* The year between observed (or stated) and projected years: the last
 * observed year of the chart's metrics when there is one after the base
 * year, else the base year. */
static int split_year(const dcd_plot_meta *meta, const int *ms, int nm)
{
    int lo = INT_MAX, hi = INT_MIN;
    point_years(meta->history, meta->nhistory, ms, nm, &lo, &hi);
    return hi > meta->base_year ? hi : meta->base_year;
}

/* The curves of CHART. */
static void put_curves(dcd_buf *out, int *nclauses, const dcd_results *r, int chart, int single,
                       int text_first_segment)
{
    const char *line = single ? "linespoints pointtype 7 pointsize 1.4*dcd_ps" : "lines";
    int ai = any_ai(r);
    switch (chart) {
    case DCD_CHART_SHARE:
        if (has_values(r, DCD_T_DC_SHARE_PCT))
            dcd_chart_clause(out, nclauses,
                             "$DATA using 1:2 with %s linewidth 3 linecolor rgb dcd_dc "
                             "title \"Data centres\"",
                             line);
        if (ai && has_values(r, DCD_T_AI_SHARE_PCT))
            dcd_chart_clause(out, nclauses,
                             "$DATA using 1:3 with %s linewidth 3 linecolor rgb dcd_ai "
                             "title \"AI\"",
                             line);
        break;
    case DCD_CHART_ENERGY:
    case DCD_CHART_EMISSIONS:
        put_stack(out, r->nseg, single, text_first_segment);
        *nclauses = 1;
        break;
    case DCD_CHART_LOAD:
        put_load_lines(out, nclauses, r, 0, line);
        if (ai)
            put_load_lines(out, nclauses, r, 1, line);
        break;
    case DCD_CHART_NATIONAL:
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
        *nclauses = 1;
        break;
    default: break;
    }
}

int dcd_plot_script(const dcd_plot_meta *meta, const dcd_results *r, int chart,
                    const dcd_plot_opts *o, dcd_buf *out)
{
    if (chart < 0 || chart >= DCD_NCHART)
        return DCD_EUSAGE;
    pointset ps[12];
    int ms[6], all[DCD_NTOTAL], nall = 0;
    int nm = chart_metrics(chart, ms);
    /* The same years on every chart: those of the results and of every
     * figure some chart draws. */
    for (int c = 0; c < DCD_NCHART; c++)
        nall += chart_metrics(c, all + nall);
    int xlo = r->start, xhi = r->start + (int)(r->ny ? r->ny - 1 : 0);
    point_years(meta->expect, meta->nexpect, all, nall, &xlo, &xhi);
    point_years(meta->history, meta->nhistory, all, nall, &xlo, &xhi);
    /* Half a year of room where a marker sits on the edge, so that it shows
     * whole; a year of room on each side when there is only one year. */
    int pad_lo = 0, pad_hi = 0, single = r->ny == 1;
    {
        int lo = INT_MAX, hi = INT_MIN;
        point_years(meta->expect, meta->nexpect, all, nall, &lo, &hi);
        point_years(meta->history, meta->nhistory, all, nall, &lo, &hi);
        for (size_t i = 0; i < meta->nreferences; i++)
            if (meta->references[i].year && dcd_chart_ref_on(&meta->references[i], all, nall)) {
                lo = meta->references[i].year < lo ? meta->references[i].year : lo;
                hi = meta->references[i].year > hi ? meta->references[i].year : hi;
            }
        pad_lo = lo == xlo;
        pad_hi = hi == xhi;
    }
    if (xhi == xlo) {
        xlo--;
        xhi++;
        pad_lo = pad_hi = 0;
    }

    put_header(out, o, chart, r);
    size_t nf = put_text_block(out, meta, r, chart, o->width);
    int text_seg = 3 + (int)nf, text_ref = text_seg + (int)r->nseg;
    put_data(out, r, chart, text_seg);
    size_t nps = put_point_blocks(out, meta, chart, ps);
    dcd_chart_frame frame;
    run_frame(meta, r, o, nf, &frame);
    dcd_chart_frame_put(out, &frame, title_points(meta_title(meta), o->width), CHART_HEADING[chart],
                        2, 3, legend_entries(meta, r, chart));
    put_axes(out, chart, xlo, xhi, pad_lo, pad_hi, o);
    int hist = split_year(meta, ms, nm);
    if (!single)
        dcd_chart_split_put(out, hist, xlo, xhi,
                            hist > meta->base_year ? "last observed" : "base year");
    int obj = 1;
    dcd_chart_refs_put(out, meta->references, meta->nreferences, ms, nm,
                       chart == DCD_CHART_SHARE || chart == DCD_CHART_LOAD ? NULL : "\"#000000\"",
                       &obj, 1, xlo);
    /* From 0, with room above the highest curve or mark. */
    dcd_buf_puts(out, "set yrange [0:*]\nset offsets 0, 0, graph 0.04, 0\n\n");

    int nclauses = 0;
    put_curves(out, &nclauses, r, chart, single, text_seg);
    put_marker_clauses(out, &nclauses, chart, ps, nps);
    dcd_chart_refs_clauses(
        out, &nclauses, meta->references, meta->nreferences, ms, nm,
        chart == DCD_CHART_SHARE || chart == DCD_CHART_LOAD ? NULL : "\"#000000\"", text_ref, 1, 1);
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
