/* overlay_charts.c - charts of several scenarios or grid points in one
 * picture (dcd_plot_overlay.h): the overlays of a comparison and the charts
 * of a sweep.
 *
 * The scripts follow the run charts of run_charts.c: the same terminals, sizes,
 * fonts and layout (title, subtitle, two footer lines, legend on the right),
 * so that a comparison sits well beside a run's charts in a report.  Every
 * piece of text that is not the program's own (labels, titles, parameter
 * paths) is a line of the $TEXT datablock, written by dcd_plot_text_line(),
 * and shown with enhanced text off; see dcd_chart_text.h for why.
 */
#include "dcd_plot_overlay.h"

#include "dcd_chart_frame.h"
#include "dcd_output.h"
#include "dcd_schema.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA_MARKER DCD_CHART_DATA_MARKER

/* Colours of the columns (Okabe-Ito, without the yellow that does not show
 * on white), the same column in the same colour on every chart; point types
 * add a second cue for print and colour-blind readers. */
#define NPAL 7
static const char *const PALETTE[NPAL] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                          "#E69F00", "#56B4E9", "#000000"};
#define NPT 8
static const int POINTTYPES[NPT] = {7, 5, 9, 11, 13, 15, 6, 4};

#define MAX_LABEL 40
#define MAX_TITLE 85
#define MAX_FOOTER 175

static const char *const OVERLAY_FILE[DCD_OVERLAY_NCHART] = {"share.png", "dc_twh.png",
                                                             "it_gw.png"};
static const char *const OVERLAY_STEM[DCD_OVERLAY_NCHART] = {"share", "dc_twh", "it_gw"};
static const char *const OVERLAY_CAPTION[DCD_OVERLAY_NCHART] = {
    "Share of national electricity demand",
    "Data-centre electricity use (facility energy)",
    "Installed IT capacity of data centres",
};
static const char *const OVERLAY_YLABEL[DCD_OVERLAY_NCHART] = {
    "Share of national demand (%)",
    "Facility energy (TWh per year)",
    "IT capacity (GW)",
};

const char *dcd_overlay_file(int k)
{
    return k >= 0 && k < DCD_OVERLAY_NCHART ? OVERLAY_FILE[k] : NULL;
}

const char *dcd_overlay_caption(int k)
{
    return k >= 0 && k < DCD_OVERLAY_NCHART ? OVERLAY_CAPTION[k] : NULL;
}

/* ---- shared pieces ------------------------------------------------------- */

#define put_num dcd_chart_num

/* The opening of a script: terminal and output (dcd_chart.h). */
static void put_header(dcd_buf *b, const dcd_plot_opts *o, const char *stem, const char *what)
{
    if (dcd_chart_script_head(b, o, stem, what) != 0)
        b->failed = 1;
}

/* Title ($TEXT[1]), subtitle ($TEXT[2]) and footer ($TEXT[3], [4]) labels,
 * margins and the common style. */
static void put_frame(dcd_buf *b, int key_outside)
{
    dcd_buf_puts(b, "set label 1 $TEXT[1] at screen 0.012, 0.950 left font \"Sans Bold,17\" "
                    "noenhanced\n"
                    "set label 2 $TEXT[2] at screen 0.012, 0.895 left font \"Sans,12\" "
                    "textcolor rgb \"#444444\" noenhanced\n"
                    "set label 3 $TEXT[3] at screen 0.012, 0.048 left font \"Sans,9\" "
                    "textcolor rgb \"#555555\" noenhanced\n"
                    "set label 4 $TEXT[4] at screen 0.012, 0.020 left font \"Sans,9\" "
                    "textcolor rgb \"#555555\" noenhanced\n\n"
                    "set tmargin at screen 0.85\n"
                    "set bmargin at screen 0.16\n"
                    "set lmargin 12\n"
                    "set border 3 linecolor rgb \"#444444\"\n"
                    "set tics nomirror out scale 0.6\n"
                    "set grid ytics linetype 1 linewidth 1 linecolor rgb \"#E5E5E5\"\n"
                    "set datafile missing \"?\"\n");
    if (key_outside)
        dcd_buf_puts(b, "set key outside right top vertical Left reverse samplen 2.5 spacing 1.4 "
                        "width 1 noenhanced\n");
    else
        dcd_buf_puts(b, "unset key\n");
}

/* Year axis from XLO to XHI: at most about nine labelled years at round
 * steps, a minor tick each year. */
static void put_year_axis(dcd_buf *b, int xlo, int xhi)
{
    static const int steps[] = {1, 2, 5, 10, 20, 25, 50, 100};
    int span = xhi - xlo, step = 100;
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if (span / steps[i] <= 8) {
            step = steps[i];
            break;
        }
    int first = xlo % step == 0 ? xlo : xlo + (step - ((xlo % step) + step) % step);
    double pad = xhi == xlo ? 1 : 0;
    dcd_buf_printf(b,
                   "set xlabel \"Year\"\nset xrange [%g:%g]\nset xtics %d, %d format \"%%.0f\"\n",
                   xlo - pad, xhi + pad, first, step);
    if (step > 1 && step <= 10)
        dcd_buf_printf(b, "set mxtics %d\n", step);
}

#define text_begin dcd_chart_text_begin
#define text_end dcd_chart_text_end

static void text_line(dcd_buf *b, const char *s, size_t max)
{
    if (dcd_plot_text_line(b, s ? s : "", max) != 0)
        b->failed = 1;
}

/* ---- overlays of a comparison ---------------------------------------------- */

/* The first column before J whose curve of metric M is the same as J's
 * (same years, values within 1e-9 relative), or J when none is. */
static size_t same_as(const dcd_overlay_series *cols, size_t j, int m)
{
    const dcd_results *b = cols[j].r;
    for (size_t i = 0; i < j; i++) {
        const dcd_results *a = cols[i].r;
        if (a->start != b->start || a->ny != b->ny)
            continue;
        int same = 1;
        for (size_t t = 0; t < a->ny && same; t++) {
            double x = DCD_TOTAL(a, m, t), y = DCD_TOTAL(b, m, t);
            if (isnan(x) || isnan(y))
                same = isnan(x) && isnan(y);
            else
                same = fabs(x - y) <= 1e-9 * fmax(fabs(x), fabs(y));
        }
        if (same)
            return i;
    }
    return j;
}

static const int OVERLAY_METRIC[DCD_OVERLAY_NCHART] = {DCD_T_DC_SHARE_PCT, DCD_T_DC_TWH,
                                                       DCD_T_DC_IT_GW};

/* 1 when column C has a value of metric M in some year. */
static int col_has_values(const dcd_overlay_series *c, int m)
{
    for (size_t t = 0; t < c->r->ny; t++)
        if (!isnan(DCD_TOTAL(c->r, m, t)))
            return 1;
    return 0;
}

int dcd_overlay_applies(const dcd_overlay_series *cols, size_t ncol, int k)
{
    if (k < 0 || k >= DCD_OVERLAY_NCHART)
        return 0;
    for (size_t j = 0; j < ncol; j++)
        if (col_has_values(&cols[j], OVERLAY_METRIC[k]))
            return 1;
    return 0;
}

static int col_has_ai(const dcd_overlay_series *c)
{
    for (size_t s = 0; s < c->r->nseg; s++)
        if (c->r->seg_ai && c->r->seg_ai[s])
            return 1;
    return 0;
}

/* The value shown for column C at year index T of metric M: as computed,
 * or as an index (base year = 100) with DCD_OVERLAY_INDEX; NaN when not
 * determined (or not positive on a log scale). */
static double shown(const dcd_overlay_series *c, int m, double v, int flags)
{
    if (flags & DCD_OVERLAY_INDEX) {
        double base = NAN;
        int bi = c->base_year - c->r->start;
        if (bi >= 0 && (size_t)bi < c->r->ny)
            base = DCD_TOTAL(c->r, m, (size_t)bi);
        v = isfinite(base) && base != 0 ? 100 * v / base : NAN;
    }
    if ((flags & DCD_OVERLAY_LOG) && !(v > 0))
        v = NAN;
    return v;
}

/* The legend entries of overlay K: the columns, the AI key, the observed
 * key and the reference marks of every column. */
static int overlay_entries(const dcd_overlay_series *cols, size_t ncol, int k, int flags)
{
    const int m = OVERLAY_METRIC[k];
    int n = (int)ncol, ai = 0, hist = 0;
    for (size_t j = 0; j < ncol; j++) {
        ai |= k == DCD_OVERLAY_SHARE && col_has_ai(&cols[j]);
        for (size_t i = 0; i < cols[j].nhistory; i++)
            hist |= cols[j].history[i].metric &&
                    dcd_total_index(cols[j].history[i].metric) == m;
        if (!(flags & DCD_OVERLAY_INDEX))
            for (size_t i = 0; i < cols[j].nreferences; i++)
                n += dcd_chart_ref_on(&cols[j].references[i], &m, 1);
    }
    return n + ai + hist;
}

/* $TEXT of overlay K; returns the number of footer lines. */
static size_t overlay_text(dcd_buf *out, const dcd_overlay_series *cols, size_t ncol, int k,
                           int flags, int w)
{
    dcd_buf tmp = {0};
    const int m = OVERLAY_METRIC[k];
    text_begin(out, "[1] title, [2] subtitle, [3]... footer, then the scenarios, then the "
                    "reference marks");
    text_line(out, OVERLAY_CAPTION[k], MAX_TITLE);
    int any_ai = 0;
    for (size_t j = 0; j < ncol; j++)
        any_ai |= col_has_ai(&cols[j]);
    dcd_buf_printf(&tmp, "%zu scenario%s compared", ncol, ncol == 1 ? "" : "s");
    if (k == DCD_OVERLAY_SHARE)
        dcd_buf_puts(&tmp, any_ai ? ": all data centres (solid) and AI segments (dashed)"
                                  : ": all data centres (no scenario has AI segments)");
    if (flags & DCD_OVERLAY_INDEX)
        dcd_buf_puts(&tmp, "; each as an index, its base year = 100");
    if (flags & DCD_OVERLAY_LOG)
        dcd_buf_puts(&tmp, "; logarithmic scale");
    text_line(out, dcd_buf_str(&tmp), 0);
    dcd_buf_clear(&tmp);
    for (size_t j = 0; j < ncol; j++) {
        dcd_buf_printf(&tmp, "%s%s: %s", j ? "; " : "", cols[j].label,
                       cols[j].title ? cols[j].title : "");
        for (size_t x = 0; x < cols[j].nwith; x++)
            dcd_buf_printf(&tmp, "%s%s", x ? ", " : " (with ", cols[j].with[x]);
        if (cols[j].nwith)
            dcd_buf_puts(&tmp, ")");
    }
    size_t nf = dcd_chart_footer_put(out, dcd_buf_str(&tmp), w);
    /* Legend entries; a curve hidden under an earlier one says so. */
    for (size_t j = 0; j < ncol; j++) {
        size_t i = same_as(cols, j, m);
        dcd_buf_clear(&tmp);
        dcd_buf_printf(&tmp, "%.*s", MAX_LABEL, cols[j].label);
        if (!col_has_values(&cols[j], m))
            dcd_buf_puts(&tmp, " (not determined)");
        else if (i != j)
            dcd_buf_printf(&tmp, " (same as %.*s)", MAX_LABEL, cols[i].label);
        text_line(out, dcd_buf_str(&tmp), 0);
    }
    if (!(flags & DCD_OVERLAY_INDEX))
        for (size_t j = 0; j < ncol; j++)
            dcd_chart_refs_text(out, cols[j].references, cols[j].nreferences, &m, 1, w);
    text_end(out);
    if (tmp.failed)
        out->failed = 1;
    dcd_buf_free(&tmp);
    return nf;
}

/* One datablock per column: year, metric (and AI share); $H<j> its
 * observed figures of the metric.  Extends [*xlo, *xhi]. */
static void overlay_data(dcd_buf *out, const dcd_overlay_series *cols, size_t ncol, int k,
                         int flags, int *xlo, int *xhi)
{
    const int m = OVERLAY_METRIC[k];
    for (size_t j = 0; j < ncol; j++) {
        const dcd_results *r = cols[j].r;
        int e = r->start + (int)(r->ny ? r->ny - 1 : 0);
        *xlo = r->start < *xlo ? r->start : *xlo;
        *xhi = e > *xhi ? e : *xhi;
        dcd_buf_printf(out, "$D%zu << %s\n", j + 1, DATA_MARKER);
        for (size_t i = 0; i < r->ny; i++) {
            dcd_buf_printf(out, "%d ", r->start + (int)i);
            put_num(out, shown(&cols[j], m, DCD_TOTAL(r, m, i), flags));
            if (k == DCD_OVERLAY_SHARE) {
                dcd_buf_puts(out, " ");
                put_num(out, shown(&cols[j], DCD_T_AI_SHARE_PCT,
                                   DCD_TOTAL(r, DCD_T_AI_SHARE_PCT, i), flags));
            }
            dcd_buf_puts(out, "\n");
        }
        dcd_buf_printf(out, "%s\n", DATA_MARKER);
        size_t nh = 0;
        for (size_t i = 0; i < cols[j].nhistory; i++) {
            const dcd_expect *h = &cols[j].history[i];
            double v = h->metric && dcd_total_index(h->metric) == m
                           ? shown(&cols[j], m, h->value, flags)
                           : NAN;
            if (!isfinite(v))
                continue;
            if (nh++ == 0)
                dcd_buf_printf(out, "$H%zu << %s\n# year observed\n", j + 1, DATA_MARKER);
            dcd_buf_printf(out, "%d ", h->year);
            put_num(out, v);
            dcd_buf_puts(out, "\n");
            *xlo = h->year < *xlo ? h->year : *xlo;
            *xhi = h->year > *xhi ? h->year : *xhi;
        }
        if (nh)
            dcd_buf_printf(out, "%s\n", DATA_MARKER);
    }
    dcd_buf_puts(out, "\n");
}

/* Whether column J has observed figures of metric M. */
static int col_has_history(const dcd_overlay_series *c, int m)
{
    for (size_t i = 0; i < c->nhistory; i++)
        if (c->history[i].metric && dcd_total_index(c->history[i].metric) == m &&
            isfinite(c->history[i].value))
            return 1;
    return 0;
}

int dcd_overlay_script(const dcd_overlay_series *cols, size_t ncol, int k, const dcd_plot_opts *o,
                       int flags, dcd_buf *out)
{
    if (k < 0 || k >= DCD_OVERLAY_NCHART || ncol == 0)
        return DCD_EUSAGE;
    const int m = OVERLAY_METRIC[k];
    put_header(out, o, OVERLAY_STEM[k], OVERLAY_CAPTION[k]);
    size_t nf = overlay_text(out, cols, ncol, k, flags, o->width);
    int text_ref = 3 + (int)nf + (int)ncol;
    int xlo = cols[0].r->start, xhi = xlo;
    overlay_data(out, cols, ncol, k, flags, &xlo, &xhi);

    dcd_chart_frame frame = {o->width, o->height, dcd_chart_key_cols(o->width), 1, nf};
    int most = 1;
    for (int c = 0; c < DCD_OVERLAY_NCHART; c++)
        if (dcd_overlay_applies(cols, ncol, c)) {
            int e = overlay_entries(cols, ncol, c, flags);
            most = e > most ? e : most;
        }
    frame.key_rows = (most + frame.key_cols - 1) / frame.key_cols;
    dcd_chart_frame_put(out, &frame, 17, NULL, 2, 3, overlay_entries(cols, ncol, k, flags));
    put_year_axis(out, xlo, xhi);
    if (flags & DCD_OVERLAY_INDEX)
        dcd_buf_puts(out, "set ylabel \"Index (base year of each scenario = 100)\"\n");
    else
        dcd_buf_printf(out, "set ylabel \"%s\"\n", OVERLAY_YLABEL[k]);
    if (flags & DCD_OVERLAY_LOG)
        dcd_buf_puts(out, "set logscale y\nset yrange [*:*]\nset format y \"%g\"\n");
    else
        dcd_buf_puts(out, "set yrange [0:*]\nset format y \"%g\"\n");
    int obj = 1;
    size_t nref_text = 0;
    if (!(flags & DCD_OVERLAY_INDEX))
        for (size_t j = 0; j < ncol; j++) {
            char col[32];
            snprintf(col, sizeof col, "\"%s\"", PALETTE[j % NPAL]);
            dcd_chart_refs_put(out, cols[j].references, cols[j].nreferences, &m, 1, col, &obj,
                               (int)j + 1, xlo);
        }
    dcd_buf_puts(out, "\n");

    /* One curve per column, its colour and point type fixed by its place. */
    double ps = xlo == xhi ? 1.6 : 0.9;
    int ai_lines = 0, hist = 0, nclauses = 0;
    for (size_t j = 0; j < ncol; j++) {
        size_t dash = j / NPAL;
        /* A curve on top of an earlier, identical one is drawn thin with
         * larger open markers, so that both show. */
        int hidden = same_as(cols, j, m) != j, pt = POINTTYPES[j % NPT];
        if (hidden && pt % 2 == 1)
            pt--;
        if (!col_has_values(&cols[j], m)) { /* in the legend only */
            dcd_chart_clause(out, &nclauses,
                             "keyentry with linespoints pointsize %g pointtype %d "
                             "linewidth 2.5 dashtype %zu linecolor rgb \"%s\" title $TEXT[%zu]",
                             ps, pt, dash ? dash + 2 : 1, PALETTE[j % NPAL], 3 + nf + j);
            continue;
        }
        dcd_chart_clause(out, &nclauses,
                         "$D%zu using 1:2 with linespoints pointsize %g pointtype %d "
                         "linewidth %s dashtype %zu linecolor rgb \"%s\" title $TEXT[%zu]",
                         j + 1, hidden ? 2 * ps : ps, pt, hidden ? "1.2" : "2.5",
                         dash ? dash + 2 : 1, PALETTE[j % NPAL], 3 + nf + j);
        if (k == DCD_OVERLAY_SHARE && col_has_ai(&cols[j])) {
            dcd_chart_clause(out, &nclauses,
                             "$D%zu using 1:3 with lines linewidth 2 dashtype (12,7) "
                             "linecolor rgb \"%s\" notitle",
                             j + 1, PALETTE[j % NPAL]);
            ai_lines = 1;
        }
    }
    for (size_t j = 0; j < ncol; j++)
        if (col_has_history(&cols[j], m)) {
            /* $H<j> exists only when a figure survived the index or log. */
            int any = 0;
            for (size_t i = 0; i < cols[j].nhistory; i++) {
                const dcd_expect *h = &cols[j].history[i];
                any |= h->metric && dcd_total_index(h->metric) == m &&
                       isfinite(shown(&cols[j], m, h->value, flags));
            }
            if (!any)
                continue;
            dcd_chart_clause(out, &nclauses,
                             "$H%zu using 1:2 with points pointtype 6 pointsize 1.5 linewidth 2 "
                             "linecolor rgb \"%s\" notitle",
                             j + 1, PALETTE[j % NPAL]);
            hist = 1;
        }
    if (ai_lines)
        dcd_chart_clause(out, &nclauses,
                         "keyentry with lines linewidth 2 dashtype (12,7) linecolor rgb "
                         "\"#666666\" title \"dashed: AI share\"");
    if (hist)
        dcd_chart_clause(out, &nclauses,
                         "keyentry with points pointtype 6 pointsize 1.5 linewidth 2 linecolor "
                         "rgb \"#666666\" title \"open circles: observed (history:)\"");
    if (!(flags & DCD_OVERLAY_INDEX))
        for (size_t j = 0; j < ncol; j++) {
            char col[32];
            snprintf(col, sizeof col, "\"%s\"", PALETTE[j % NPAL]);
            dcd_chart_refs_clauses(out, &nclauses, cols[j].references, cols[j].nreferences, &m,
                                   1, col, text_ref + (int)nref_text, (int)j + 1, 1);
            for (size_t i = 0; i < cols[j].nreferences; i++)
                nref_text += (size_t)dcd_chart_ref_on(&cols[j].references[i], &m, 1);
        }
    dcd_buf_puts(out, "\n\nunset output\n");
    return out->failed ? DCD_ENOMEM : DCD_OK;
}

/* Writes the N scripts SCRIPT[i] as DIR/STEM[i].gp, removes the files of
 * the NDROP charts DROP, and draws through one batch. */
static int draw_scripts(const char *dir, const char *const *stem, dcd_buf *script, size_t n,
                        const char *const *drop, size_t ndrop, const dcd_plot_opts *o, dcd_diags *d)
{
    dcd_plot_batch *b = dcd_plot_batch_new(o);
    int rc = b ? DCD_OK : DCD_ENOMEM;
    if (rc == DCD_OK && dcd_mkdir_p(dir, d) != 0)
        rc = DCD_EIO;
    for (size_t i = 0; i < ndrop && rc == DCD_OK; i++)
        rc = dcd_plot_batch_drop(b, dir, drop[i], d);
    for (size_t i = 0; i < n && rc == DCD_OK; i++)
        rc = dcd_plot_batch_script(b, dir, stem[i], script[i].data, script[i].len, d);
    if (rc == DCD_OK)
        rc = dcd_plot_batch_draw(b, d);
    dcd_plot_batch_free(b);
    return rc;
}

int dcd_overlay_draw(const dcd_overlay_series *cols, size_t ncol, const char *dir,
                     const dcd_plot_opts *o, int flags, dcd_diags *d)
{
    dcd_plot_opts def;
    dcd_buf script[DCD_OVERLAY_NCHART];
    const char *stems[DCD_OVERLAY_NCHART], *drop[DCD_OVERLAY_NCHART];
    size_t n = 0, ndrop = 0;
    int rc = DCD_OK;
    memset(script, 0, sizeof script);
    if (!o) {
        dcd_plot_opts_default(&def);
        o = &def;
    }
    for (int k = 0; k < DCD_OVERLAY_NCHART && rc == DCD_OK; k++) {
        if (dcd_overlay_applies(cols, ncol, k)) {
            stems[n] = OVERLAY_STEM[k];
            rc = dcd_overlay_script(cols, ncol, k, o, flags, &script[n++]);
        } else { /* a chart that does not apply must not linger from an earlier run */
            drop[ndrop++] = OVERLAY_STEM[k];
        }
    }
    if (rc == DCD_OK)
        rc = draw_scripts(dir, stems, script, n, drop, ndrop, o, d);
    for (int k = 0; k < DCD_OVERLAY_NCHART; k++)
        dcd_buf_free(&script[k]);
    return rc;
}

/* ---- sweep charts ---------------------------------------------------------------- */

static const char *const SWEEP_STEM[3] = {"sweep_curves", "sweep_year", "sweep_heatmap"};

static double sweep_at(const dcd_sweep_chart *s, size_t p, int year)
{
    if (!s->y[p] || year < s->start[p] || year >= s->start[p] + (int)s->ny[p])
        return NAN;
    return s->y[p][year - s->start[p]];
}

/* The scale of a varied parameter on the charts: 100 for a fraction (shown
 * as percent), else 1; its unit as shown into UNIT. */
static double axis_scale(const dcd_chart_axis *v, dcd_buf *unit)
{
    const dcd_key_info *k = v->path ? dcd_schema_lookup(v->path) : NULL;
    const char *u = k && k->unit ? k->unit : "";
    if (strncmp(u, "fraction", 8) == 0) {
        const char *rest = u + 8;
        if (strcmp(rest, "/yr") == 0)
            rest = " per year";
        dcd_buf_printf(unit, "%%%s", rest);
        return 100;
    }
    dcd_buf_puts(unit, u);
    return 1;
}

/* A value of parameter V as shown on the charts (percent for fractions). */
static void put_axis_value(dcd_buf *b, const dcd_chart_axis *v, size_t i)
{
    dcd_buf unit = {0};
    double sc = axis_scale(v, &unit);
    dcd_buf_free(&unit);
    if (sc == 1)
        dcd_buf_puts(b, v->text[i]);
    else
        dcd_buf_printf(b, "%.10g", v->value[i] * sc);
}

/* The label of parameter V: its path and its unit from the schema. */
static void axis_label(dcd_buf *b, const dcd_chart_axis *v)
{
    dcd_buf unit = {0};
    axis_scale(v, &unit);
    dcd_buf_puts(b, v->path ? v->path : "");
    if (unit.len)
        dcd_buf_printf(b, " (%s)", dcd_buf_str(&unit));
    dcd_buf_free(&unit);
}

/* $TEXT for a sweep: 1 title, 2 subtitle, 3-4 footer, 5 first parameter,
 * 6 second parameter (path and unit), 7 the metric's axis label. */
static void sweep_text(const dcd_sweep_chart *s, int which, dcd_buf *out)
{
    const dcd_metric_info *mi = &dcd_total_info[s->metric];
    dcd_buf t = {0};
    text_begin(out, "[1] title, [2] subtitle, [3] and [4] footer, [5] and [6] the parameters, "
                    "[7] the metric");
    if (which == 0)
        dcd_buf_printf(&t, "%s by year", mi->label);
    else
        dcd_buf_printf(&t, "%s in %d", mi->label, s->year);
    text_line(out, dcd_buf_str(&t), MAX_TITLE);
    dcd_buf_clear(&t);
    dcd_buf_printf(&t, "Sweep of scenario %s: ", s->name ? s->name : "scenario");
    if (which == 0)
        dcd_buf_printf(&t, "%s value of %s (grey line: %d)",
                       s->axis[0].n > DCD_SWEEP_MAX_CURVES ? "the spread over every" : "one curve per",
                       s->axis[0].path, s->year);
    else if (which == 1)
        dcd_buf_printf(&t, "against %s", s->axis[0].path);
    else
        dcd_buf_printf(&t, "over %s and %s", s->axis[0].path, s->axis[1].path);
    if (s->has_target)
        dcd_buf_printf(&t, "; target %.10g %s", s->target, mi->unit);
    text_line(out, dcd_buf_str(&t), 150);
    dcd_buf_clear(&t);
    dcd_buf_printf(&t, "%s", s->title ? s->title : (s->name ? s->name : ""));
    text_line(out, dcd_buf_str(&t), MAX_FOOTER);
    dcd_buf_clear(&t);
    dcd_buf_printf(&t, "Each point is the scenario run with --set PATH=VALUE; every value is in "
                       "sweep.csv.");
    text_line(out, dcd_buf_str(&t), MAX_FOOTER);
    dcd_buf_clear(&t);
    axis_label(&t, &s->axis[0]);
    text_line(out, dcd_buf_str(&t), 100);
    dcd_buf_clear(&t);
    if (s->naxis > 1)
        axis_label(&t, &s->axis[1]);
    text_line(out, dcd_buf_str(&t), 100);
    dcd_buf_clear(&t);
    dcd_buf_printf(&t, "%s (%s)", mi->label, mi->unit);
    text_line(out, dcd_buf_str(&t), 80);
    text_end(out);
    if (t.failed)
        out->failed = 1;
    dcd_buf_free(&t);
}

/* Tics on an axis of grid indexes, labelled with the values (numbers the
 * program formatted), at most about 12 labels. */
static void put_index_tics(dcd_buf *b, const char *axis, const dcd_chart_axis *v)
{
    size_t every = v->n > 12 ? (v->n + 11) / 12 : 1;
    dcd_buf_printf(b, "set %stics (", axis);
    for (size_t i = 0, k = 0; i < v->n; i += every, k++) {
        dcd_buf_printf(b, "%s\"", k ? ", " : "");
        put_axis_value(b, v, i);
        dcd_buf_printf(b, "\" %zu", i);
    }
    dcd_buf_puts(b, ")\n");
}

/* 1 when V's values are evenly spaced (a range), so that cells can sit at
 * their values. */
static int evenly_spaced(const dcd_chart_axis *v)
{
    if (v->n < 2)
        return 0;
    double d = v->value[1] - v->value[0];
    if (d == 0)
        return 0;
    for (size_t i = 2; i < v->n; i++)
        if (fabs((v->value[i] - v->value[i - 1]) - d) > 1e-6 * fabs(d))
            return 0;
    return 1;
}

/* The range and tics of a heat-map axis: half a cell beyond the first and
 * last values (or indexes). */
static void put_cell_axis(dcd_buf *b, const char *axis, const dcd_chart_axis *v, int even)
{
    if (!even) {
        dcd_buf_printf(b, "set %srange [-0.5:%zu.5]\n", axis, v->n - 1);
        put_index_tics(b, axis, v);
        return;
    }
    dcd_buf unit = {0};
    double sc = axis_scale(v, &unit);
    dcd_buf_free(&unit);
    double lo = v->value[0] * sc, hi = v->value[v->n - 1] * sc;
    if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    double half = (hi - lo) / (double)(v->n - 1) / 2;
    dcd_buf_printf(b, "set %srange [%.17g:%.17g]\n", axis, lo - half, hi + half);
}

/* The curves chart: one curve per value of the first parameter. */
/* The Q-quantile (0..1) of the N sorted values V, interpolated. */
static double quantile(const double *v, size_t n, double q)
{
    double at = q * (double)(n - 1);
    size_t i = (size_t)at;
    return i + 1 < n ? v[i] + (at - (double)i) * (v[i + 1] - v[i]) : v[n - 1];
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Beyond DCD_SWEEP_MAX_CURVES values: the spread over every value, year by
 * year ($BAND: year, min, first quartile, median, third quartile, max),
 * and the curves of the first and last values ($DATA indexes 0 and 1). */
static void put_band(const dcd_sweep_chart *s, int xlo, int xhi, dcd_buf *out)
{
    const dcd_chart_axis *v0 = &s->axis[0];
    size_t n1 = v0->n;
    double *v = malloc(n1 * sizeof *v);
    if (!v) {
        out->failed = 1;
        return;
    }
    dcd_buf_printf(out, "$BAND << %s\n# year min q1 median q3 max, over the %zu values\n",
                   DATA_MARKER, n1);
    for (int year = xlo; year <= xhi; year++) {
        size_t k = 0;
        for (size_t i = 0; i < n1; i++) {
            double x = sweep_at(s, i, year);
            if (isfinite(x))
                v[k++] = x;
        }
        if (k == 0)
            continue;
        qsort(v, k, sizeof *v, cmp_double);
        dcd_buf_printf(out, "%d", year);
        const double qs[5] = {0, 0.25, 0.5, 0.75, 1};
        for (int q = 0; q < 5; q++) {
            dcd_buf_puts(out, " ");
            put_num(out, quantile(v, k, qs[q]));
        }
        dcd_buf_puts(out, "\n");
    }
    dcd_buf_printf(out, "%s\n", DATA_MARKER);
    free(v);
}

/* The curves chart: one curve per value of the first parameter, or the
 * spread over the values when there are more than DCD_SWEEP_MAX_CURVES. */
static void sweep_curves(const dcd_sweep_chart *s, double vlo, double vhi, dcd_buf *out)
{
    const dcd_chart_axis *v0 = &s->axis[0];
    size_t n1 = v0->n;
    int band = n1 > DCD_SWEEP_MAX_CURVES;
    /* One block per value (with a band: the first and last only),
     * separated by two blank lines (gnuplot's `index`): year, metric. */
    int xlo = s->start[0], xhi = s->start[0];
    for (size_t i = 0; i < n1; i++) {
        int e = s->start[i] + (int)(s->ny[i] ? s->ny[i] - 1 : 0);
        xlo = s->start[i] < xlo ? s->start[i] : xlo;
        xhi = e > xhi ? e : xhi;
    }
    dcd_buf_printf(out, "$DATA << %s\n", DATA_MARKER);
    for (size_t k = 0, n = band ? 2 : n1; k < n; k++) {
        size_t i = band && k == 1 ? n1 - 1 : k;
        dcd_buf_printf(out, "# %s\n", v0->text[i]);
        for (size_t t = 0; t < s->ny[i]; t++) {
            dcd_buf_printf(out, "%d ", s->start[i] + (int)t);
            put_num(out, s->y[i] ? s->y[i][t] : NAN);
            dcd_buf_puts(out, "\n");
        }
        if (k + 1 < n)
            dcd_buf_puts(out, "\n\n");
    }
    dcd_buf_printf(out, "%s\n\n", DATA_MARKER);
    if (band)
        put_band(s, xlo, xhi, out);
    /* The values as an array, for the colours and the legend. */
    dcd_buf_printf(out, "array dcd_v[%zu] = [", band ? (size_t)2 : n1);
    for (size_t k = 0, n = band ? 2 : n1; k < n; k++) {
        dcd_buf_puts(out, k ? ", " : "");
        put_axis_value(out, v0, band && k == 1 ? n1 - 1 : k);
    }
    dcd_buf_puts(out, "]\n\n");
    put_frame(out, 1);
    put_year_axis(out, xlo, xhi);
    /* Plasma, ending in a darker yellow that shows on white. */
    dcd_buf_puts(out, "set ylabel $TEXT[7] noenhanced\nset format y \"%g\"\n"
                      "set palette defined (0 \"#0D0887\", 1 \"#7E03A8\", 2 \"#CC4778\", "
                      "3 \"#F89540\", 4 \"#D4A200\")\n");
    if (vhi > vlo)
        dcd_buf_printf(out, "set cbrange [%.17g:%.17g]\n", vlo, vhi);
    else
        dcd_buf_printf(out, "set cbrange [%.17g:%.17g]\n", vlo - 1, vhi + 1);
    dcd_buf_puts(out, "unset colorbox\nset key title $TEXT[5] noenhanced left\n");
    dcd_buf_printf(out,
                   "set arrow 1 from %d, graph 0 to %d, graph 1 nohead dashtype (4,4) "
                   "linecolor rgb \"#888888\"\n",
                   s->year, s->year);
    if (s->has_target)
        dcd_buf_printf(out,
                       "set arrow 2 from graph 0, first %.12g to graph 1, first %.12g nohead "
                       "linewidth 2 dashtype (8,4) linecolor rgb \"#000000\" front\n",
                       s->target, s->target);
    dcd_buf_puts(out, "\n");
    if (band)
        dcd_buf_printf(out,
                       "plot $BAND using 1:2:6 with filledcurves fillcolor rgb \"#7E03A8\" "
                       "fillstyle transparent solid 0.15 noborder title \"all %zu values: "
                       "lowest to highest\", \\\n"
                       "     $BAND using 1:3:5 with filledcurves fillcolor rgb \"#7E03A8\" "
                       "fillstyle transparent solid 0.35 noborder title \"middle half "
                       "(quartiles)\", \\\n"
                       "     $BAND using 1:4 with lines linewidth 2.5 linecolor rgb \"#7E03A8\" "
                       "title \"median\", \\\n"
                       "     for [i=1:2] $DATA index (i-1) using 1:2 with lines linewidth 1.5 "
                       "linecolor palette cb dcd_v[i] title sprintf(\"%%g\", dcd_v[i])",
                       n1);
    else
        dcd_buf_printf(out,
                       "plot for [i=1:%zu] $DATA index (i-1) using 1:2 with lines linewidth 2 "
                       "linecolor palette cb dcd_v[i] title sprintf(\"%%g\", dcd_v[i])",
                       n1);
    if (s->has_target)
        dcd_buf_printf(out,
                       ", \\\n     keyentry with lines linewidth 2 dashtype (8,4) linecolor rgb "
                       "\"#000000\" title \"target %.10g\"",
                       s->target);
    dcd_buf_puts(out, "\n");
}

size_t dcd_sweep_crossings(const dcd_sweep_chart *s, double *x, double *y, size_t max)
{
    size_t k = 0;
    if (!s->has_target || s->naxis < 1)
        return 0;
    const dcd_chart_axis *v0 = &s->axis[0], *v1 = s->naxis > 1 ? &s->axis[1] : NULL;
    size_t rows = v1 ? v0->n : 1, n = v1 ? v1->n : v0->n;
    for (size_t r = 0; r < rows; r++)
        for (size_t j = 0; j + 1 < n && k < max; j++) {
            size_t p = v1 ? r * n + j : j;
            double a = sweep_at(s, p, s->year) - s->target, b = sweep_at(s, p + 1, s->year) - s->target;
            const dcd_chart_axis *v = v1 ? v1 : v0;
            if (!isfinite(a) || !isfinite(b) || (a > 0) == (b > 0) || (a == 0 && j > 0))
                continue;
            double at = a == b ? 0 : a / (a - b);
            double xv = v->value[j] + at * (v->value[j + 1] - v->value[j]);
            x[k] = v1 ? v0->value[r] : xv;
            y[k] = v1 ? xv : s->target;
            k++;
        }
    return k;
}

/* The crossings of the target, as points ($CROSS, in the charts' units). */
static size_t put_crossings(const dcd_sweep_chart *s, dcd_buf *out)
{
    size_t maxc = s->naxis > 1 ? s->axis[0].n * s->axis[1].n : s->axis[0].n;
    double *x = malloc((maxc + 1) * sizeof *x), *y = malloc((maxc + 1) * sizeof *y);
    size_t k = x && y ? dcd_sweep_crossings(s, x, y, maxc) : 0;
    if (!x || !y)
        out->failed = 1;
    if (k == 0) {
        free(x);
        free(y);
        return 0;
    }
    dcd_buf unit = {0};
    double sx = axis_scale(&s->axis[0], &unit), sy = 1;
    dcd_buf_clear(&unit);
    if (s->naxis > 1)
        sy = axis_scale(&s->axis[1], &unit);
    dcd_buf_free(&unit);
    dcd_buf_printf(out, "$CROSS << %s\n# where the metric in %d crosses the target\n",
                   DATA_MARKER, s->year);
    for (size_t i = 0; i < k; i++)
        dcd_buf_printf(out, "%.10g %.10g\n", x[i] * sx, y[i] * sy);
    dcd_buf_printf(out, "%s\n\n", DATA_MARKER);
    free(x);
    free(y);
    return k;
}

/* The metric in the chosen year against the first parameter. */
static void sweep_year(const dcd_sweep_chart *s, dcd_buf *out)
{
    const dcd_chart_axis *v0 = &s->axis[0];
    size_t n1 = v0->n;
    dcd_buf_printf(out, "$DATA << %s\n", DATA_MARKER);
    for (size_t i = 0; i < n1; i++) {
        put_axis_value(out, v0, i);
        dcd_buf_puts(out, " ");
        put_num(out, sweep_at(s, i, s->year));
        dcd_buf_puts(out, "\n");
    }
    dcd_buf_printf(out, "%s\n\n", DATA_MARKER);
    put_frame(out, 0);
    dcd_buf_puts(out, "set xlabel $TEXT[5] noenhanced\nset ylabel $TEXT[7] noenhanced\n"
                      "set format y \"%g\"\nset format x \"%g\"\nset rmargin 6\n");
    dcd_buf_puts(out, "set autoscale xfix\nset offsets graph 0.04, graph 0.04, graph 0.06, "
                      "graph 0.06\n");
    size_t nc = put_crossings(s, out);
    if (s->has_target)
        dcd_buf_printf(out,
                       "set arrow 2 from graph 0, first %.12g to graph 1, first %.12g nohead "
                       "linewidth 2 dashtype (8,4) linecolor rgb \"#000000\" front\n",
                       s->target, s->target);
    dcd_buf_printf(out,
                   "\nplot $DATA using 1:2 with linespoints pointtype 7 pointsize 1.2 "
                   "linewidth 2.5 linecolor rgb \"%s\" notitle",
                   PALETTE[0]);
    if (s->has_target)
        dcd_buf_printf(out,
                       ", \\\n     $DATA using 1:(%.12g) with lines linewidth 0 linecolor rgb "
                       "\"#FF000000\" notitle",
                       s->target);
    if (nc)
        dcd_buf_puts(out, ", \\\n     $CROSS using 1:2 with points pointtype 6 pointsize 2 "
                          "linewidth 2 linecolor rgb \"#000000\" notitle, \\\n"
                          "     $CROSS using 1:2:(sprintf(\"%g\", $1)) with labels offset 0,1.4 "
                          "font \"Sans,10\" notitle");
    dcd_buf_puts(out, "\n");
}

/* The heat map of two parameters. */
static void sweep_heatmap(const dcd_sweep_chart *s, dcd_buf *out)
{
    const dcd_chart_axis *v0 = &s->axis[0];
    size_t n1 = v0->n, n2 = s->axis[1].n;
    /* Evenly spaced values (ranges) are drawn at their values, with
     * gnuplot's round tics; others at their index, labelled with the
     * values. */
    const dcd_chart_axis *v1 = &s->axis[1];
    int even0 = evenly_spaced(v0), even1 = evenly_spaced(v1);
    dcd_buf_printf(out, "$DATA << %s\n", DATA_MARKER);
    for (size_t i = 0; i < n1; i++) {
        for (size_t j = 0; j < n2; j++) {
            if (even0)
                put_axis_value(out, v0, i);
            else
                dcd_buf_printf(out, "%zu", i);
            dcd_buf_puts(out, " ");
            if (even1)
                put_axis_value(out, v1, j);
            else
                dcd_buf_printf(out, "%zu", j);
            dcd_buf_puts(out, " ");
            put_num(out, sweep_at(s, i * n2 + j, s->year));
            dcd_buf_puts(out, "\n");
        }
        dcd_buf_puts(out, "\n");
    }
    dcd_buf_printf(out, "%s\n\n", DATA_MARKER);
    put_frame(out, 0);
    dcd_buf_puts(out, "set xlabel $TEXT[5] noenhanced\nset ylabel $TEXT[6] noenhanced\n"
                      "set cblabel $TEXT[7] noenhanced\n"
                      "set grid noytics\nset tics out scale 0.6\nset rmargin at screen 0.84\n"
                      "set format x \"%g\"\nset format y \"%g\"\n"
                      "set palette defined (0 \"#0D0887\", 1 \"#7E03A8\", 2 \"#CC4778\", "
                      "3 \"#F89540\", 4 \"#F0F921\")\n");
    put_cell_axis(out, "x", v0, even0);
    put_cell_axis(out, "y", v1, even1);
    size_t nc = even0 && even1 ? put_crossings(s, out) : 0;
    dcd_buf_puts(out, "\nplot $DATA using 1:2:3 with image notitle");
    if (nc)
        dcd_buf_puts(out, ", \\\n     $CROSS using 1:2 with linespoints pointtype 7 pointsize 0.8 "
                          "linewidth 2.5 linecolor rgb \"#FFFFFF\" notitle");
    if (n1 * n2 <= 150 && n1 <= 15 && n2 <= 15) {
        /* Values in the cells: white on the dark end of the palette,
         * black on the light end. */
        double lo = INFINITY, hi = -INFINITY;
        for (size_t p = 0; p < n1 * n2; p++) {
            double x = sweep_at(s, p, s->year);
            if (!isnan(x)) {
                lo = x < lo ? x : lo;
                hi = x > hi ? x : hi;
            }
        }
        double light = isfinite(lo) ? lo + 0.62 * (hi - lo) : 0;
        dcd_buf_printf(out,
                       ", \\\n     $DATA using 1:2:(sprintf(\"%%.%df\", $3)):($3 > %.17g ? "
                       "0x000000 : 0xFFFFFF) with labels font \"Sans,%d\" textcolor rgb "
                       "variable notitle",
                       strcmp(dcd_total_info[s->metric].unit, "%") == 0 ? 2 : 1, light,
                       n1 * n2 <= 50 ? 11 : 9);
    }
    dcd_buf_puts(out, "\n");
}

int dcd_sweep_script(const dcd_sweep_chart *s, int which, const dcd_plot_opts *o, dcd_buf *out)
{
    if (which < 0 || which > 2 || s->naxis < 1 || s->naxis > 2 || (which == 2) != (s->naxis == 2))
        return DCD_EUSAGE;
    const dcd_chart_axis *v0 = &s->axis[0];
    size_t n1 = v0->n;
    static const char *const what[3] = {"a metric by year for each value of a parameter",
                                        "a metric in one year against a parameter",
                                        "a metric in one year over two parameters"};
    put_header(out, o, SWEEP_STEM[which], what[which]);
    sweep_text(s, which, out);
    dcd_buf unit = {0};
    double sc = axis_scale(v0, &unit);
    dcd_buf_free(&unit);
    double vlo = v0->value[0] * sc, vhi = v0->value[0] * sc;
    for (size_t i = 1; i < n1; i++) {
        vlo = v0->value[i] * sc < vlo ? v0->value[i] * sc : vlo;
        vhi = v0->value[i] * sc > vhi ? v0->value[i] * sc : vhi;
    }

    if (which == 0)
        sweep_curves(s, vlo, vhi, out);
    else if (which == 1)
        sweep_year(s, out);
    else
        sweep_heatmap(s, out);
    dcd_buf_puts(out, "\nunset output\n");
    return out->failed ? DCD_ENOMEM : DCD_OK;
}

int dcd_sweep_draw(const dcd_sweep_chart *s, const char *dir, const dcd_plot_opts *o, dcd_diags *d)
{
    dcd_plot_opts def;
    dcd_buf script[2];
    const char *stems[2], *drop[3];
    size_t n = 0, ndrop = 0;
    memset(script, 0, sizeof script);
    if (!o) {
        dcd_plot_opts_default(&def);
        o = &def;
    }
    int rc = DCD_OK;
    for (int which = 0; which < 3 && rc == DCD_OK; which++) {
        if ((which == 2) != (s->naxis == 2)) { /* the other kind of sweep's charts */
            drop[ndrop++] = SWEEP_STEM[which];
            continue;
        }
        stems[n] = SWEEP_STEM[which];
        rc = dcd_sweep_script(s, which, o, &script[n]);
        n++;
    }
    if (rc == DCD_OK)
        rc = draw_scripts(dir, stems, script, n, drop, ndrop, o, d);
    for (size_t i = 0; i < 2; i++)
        dcd_buf_free(&script[i]);
    return rc;
}
