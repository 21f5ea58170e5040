/* overlay_charts.c - charts of several scenarios or grid points in one
 * picture (dcd_plot_overlay.h): the overlays of a comparison and the charts
 * of a sweep.
 *
 * The scripts follow the run charts of run_charts.c: the same terminals, sizes,
 * fonts and frame (title, subtitle, footer, legend below the plot), laid out
 * from a dcd_chart_layout so that `dcdemand plot --size` can redo it,
 * so that a comparison sits well beside a run's charts in a report.  Every
 * piece of text that is not the program's own (labels, titles, parameter
 * paths) is a line of the $TEXT datablock, written by dcd_plot_text_line(),
 * and shown with enhanced text off; see dcd_chart_text.h for why.
 */
#include "dcd_plot_overlay.h"

#include "dcd_chart_frame.h"
#include "dcd_output.h"

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
            hist |= cols[j].history[i].metric && dcd_total_index(cols[j].history[i].metric) == m;
        if (!(flags & DCD_OVERLAY_INDEX))
            for (size_t i = 0; i < cols[j].nreferences; i++)
                n += dcd_chart_ref_on(&cols[j].references[i], &m, 1);
    }
    return n + ai + hist;
}

/* The layout of overlay K (dcd_chart_layout): $TEXT 1 title, 2 subtitle,
 * 3 the y axis, 4... the scenarios, then the reference marks, then the
 * footer (each scenario's label and title). */
static void overlay_layout(dcd_chart_layout *l, const dcd_overlay_series *cols, size_t ncol, int k,
                           int flags)
{
    dcd_buf tmp = {0};
    const int m = OVERLAY_METRIC[k];
    dcd_chart_layout_text_add(l, DCD_FIT_TITLE, OVERLAY_CAPTION[k]);
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
    dcd_chart_layout_text_add(l, DCD_FIT_SUBTITLE, dcd_buf_str(&tmp));
    dcd_chart_layout_text_add(l, DCD_FIT_YLABEL,
                              flags & DCD_OVERLAY_INDEX ? "Index (base year of each scenario = 100)"
                                                        : OVERLAY_YLABEL[k]);
    /* Legend entries; a curve hidden under an earlier one says so. */
    for (size_t j = 0; j < ncol; j++) {
        size_t i = same_as(cols, j, m);
        dcd_buf_clear(&tmp);
        dcd_buf_printf(&tmp, "%.*s", MAX_LABEL, cols[j].label);
        if (!col_has_values(&cols[j], m))
            dcd_buf_puts(&tmp, " (not determined)");
        else if (i != j)
            dcd_buf_printf(&tmp, " (same as %.*s)", MAX_LABEL, cols[i].label);
        dcd_chart_layout_text_add(l, DCD_FIT_KEY, dcd_buf_str(&tmp));
    }
    if (!(flags & DCD_OVERLAY_INDEX))
        for (size_t j = 0; j < ncol; j++)
            dcd_chart_layout_refs(l, cols[j].references, cols[j].nreferences, &m, 1);
    dcd_buf_clear(&tmp);
    for (size_t j = 0; j < ncol; j++) {
        dcd_buf_printf(&tmp, "%s%s: %s", j ? "; " : "", cols[j].label,
                       cols[j].title ? cols[j].title : "");
        for (size_t x = 0; x < cols[j].nwith; x++)
            dcd_buf_printf(&tmp, "%s%s", x ? ", " : " (with ", cols[j].with[x]);
        if (cols[j].nwith)
            dcd_buf_puts(&tmp, ")");
    }
    dcd_chart_layout_footer_add(l, dcd_buf_str(&tmp));
    l->failed |= tmp.failed;
    dcd_buf_free(&tmp);
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
    int text_ref = 4 + (int)ncol;
    int xlo = cols[0].r->start, xhi = xlo;
    overlay_data(out, cols, ncol, k, flags, &xlo, &xhi);

    dcd_chart_layout l = {0};
    overlay_layout(&l, cols, ncol, k, flags);
    l.key_rows_n = 1;
    for (int c = 0; c < DCD_OVERLAY_NCHART; c++)
        if (dcd_overlay_applies(cols, ncol, c)) {
            int e = overlay_entries(cols, ncol, c, flags);
            l.key_rows_n = e > l.key_rows_n ? e : l.key_rows_n;
        }
    l.key_n = overlay_entries(cols, ncol, k, flags);
    l.key_chars = 19; /* "observed (history:)" */
    l.years = 1;
    l.xlo = xlo;
    l.xhi = xhi;
    l.pad_lo = l.pad_hi = xhi == xlo;
    if (dcd_chart_layout_put(out, &l, o->width, o->height) != 0)
        out->failed = 1;
    dcd_chart_layout_free(&l);
    dcd_buf_puts(out, "set ylabel $TEXT[3] noenhanced\n");
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
                             "keyentry with linespoints pointsize %g*dcd_ps pointtype %d "
                             "linewidth 2.5 dashtype %zu linecolor rgb \"%s\" title $TEXT[%zu]",
                             ps, pt, dash ? dash + 2 : 1, PALETTE[j % NPAL], 4 + j);
            continue;
        }
        dcd_chart_clause(out, &nclauses,
                         "$D%zu using 1:2 with linespoints pointsize %g*dcd_ps pointtype %d "
                         "linewidth %s dashtype %zu linecolor rgb \"%s\" title $TEXT[%zu]",
                         j + 1, hidden ? 2 * ps : ps, pt, hidden ? "1.2" : "2.5",
                         dash ? dash + 2 : 1, PALETTE[j % NPAL], 4 + j);
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
            dcd_chart_clause(
                out, &nclauses,
                "$H%zu using 1:2 with points pointtype 6 pointsize 1.5*dcd_ps linewidth 2 "
                "linecolor rgb \"%s\" notitle",
                j + 1, PALETTE[j % NPAL]);
            hist = 1;
        }
    if (ai_lines)
        dcd_chart_clause(out, &nclauses,
                         "keyentry with lines linewidth 2 dashtype (12,7) linecolor rgb "
                         "\"#666666\" title \"dashed: AI share\"");
    if (hist)
        dcd_chart_clause(
            out, &nclauses,
            "keyentry with points pointtype 6 pointsize 1.5*dcd_ps linewidth 2 linecolor "
            "rgb \"#666666\" title \"observed (history:)\"");
    if (!(flags & DCD_OVERLAY_INDEX))
        for (size_t j = 0; j < ncol; j++) {
            char col[32];
            snprintf(col, sizeof col, "\"%s\"", PALETTE[j % NPAL]);
            dcd_chart_refs_clauses(out, &nclauses, cols[j].references, cols[j].nreferences, &m, 1,
                                   col, text_ref + (int)nref_text, (int)j + 1, 1);
            for (size_t i = 0; i < cols[j].nreferences; i++)
                nref_text += (size_t)dcd_chart_ref_on(&cols[j].references[i], &m, 1);
        }
    dcd_buf_puts(out, "\n\nunset output\n");
    return out->failed ? DCD_ENOMEM : DCD_OK;
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
        rc = dcd_chart_draw_scripts(dir, stems, script, n, drop, ndrop, o, d);
    for (int k = 0; k < DCD_OVERLAY_NCHART; k++)
        dcd_buf_free(&script[k]);
    return rc;
}
