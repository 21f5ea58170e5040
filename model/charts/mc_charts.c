/* mc_charts.c - the fan chart and the distribution of the target-year share
 * of `dcdemand mc` (dcd_mc_chart.h), on the shared frame
 * (dcd_chart_frame.h). */
#include "dcd_mc_chart.h"

#include <limits.h>
#include <math.h>
#include <string.h>

#include "dcd_chart_frame.h"
#include "dcd_chart_text.h"
#include "dcd_engine.h"

/* The palette of the run charts: data centres blue, their bands lighter;
 * markers black (a blue marker would vanish into the bands). */
static const char COLOUR_DC[] = "#0072B2";
static const char COLOUR_BAND_OUT[] = "#C6DBEF";
static const char COLOUR_BAND_IN[] = "#8FBFE0";
static const char COLOUR_THR[] = "#D55E00";

static const int SHARE[1] = {DCD_T_DC_SHARE_PCT};

static int count_marks(const dcd_mc_chart_data *c, int observed)
{
    int n = 0;
    for (size_t k = 0; k < c->nmarks; k++)
        n += (c->marks[k].tolerance < 0) == observed;
    return n;
}

static size_t nrefs_drawn(const dcd_mc_chart_data *c)
{
    size_t n = 0;
    for (size_t k = 0; k < c->nrefs; k++)
        n += dcd_chart_ref_on(&c->refs[k], SHARE, 1) && isfinite(c->refs[k].low) &&
             isfinite(c->refs[k].high);
    return n;
}

/* Legend entries of the fan chart: two bands, the median, the published
 * and observed markers, the reference marks. */
static int fan_entries(const dcd_mc_chart_data *c)
{
    return 3 + (count_marks(c, 0) > 0) + (count_marks(c, 1) > 0) + (int)nrefs_drawn(c);
}

/* "Sources: A; B" (empty when the scenario names none). */
static void footer_text(const dcd_mc_chart_data *c, dcd_buf *out)
{
    if (c->nsources == 0)
        return;
    dcd_buf_puts(out, c->nsources == 1 ? "Source: " : "Sources: ");
    for (size_t i = 0; i < c->nsources; i++) {
        if (i)
            dcd_buf_puts(out, "; ");
        dcd_buf_puts(out, c->sources[i] ? c->sources[i] : "");
    }
}

/* The layout of either chart (dcd_chart_layout): $TEXT 1 title, 2 the
 * subtitle (HEADING and the scenario's name), 3 the y axis, 4... the labels
 * of the reference marks (fan chart) or 4 the x axis (distribution), then
 * the footer; the legend rows of the fuller chart, so that both have the
 * same plot area. */
static void make_layout(const dcd_mc_chart_data *c, int fanc, const char *heading,
                        dcd_chart_layout *l)
{
    dcd_buf foot = {0}, sub = {0};
    dcd_chart_layout_text_add(l, DCD_FIT_TITLE, c->title && *c->title ? c->title : "scenario");
    dcd_buf_printf(&sub, "%s  \xc2\xb7  scenario %s", heading,
                   c->name && *c->name ? c->name : "scenario");
    dcd_chart_layout_text_add(l, DCD_FIT_SUBTITLE, dcd_buf_str(&sub));
    dcd_chart_layout_text_add(l, DCD_FIT_YLABEL,
                              fanc ? "Share of national demand (%)"
                                   : "Probability that the share is at most x");
    dcd_buf_clear(&sub);
    dcd_buf_printf(&sub, "Share of national demand in %d (%%)", c->year);
    if (fanc)
        dcd_chart_layout_refs(l, c->refs, c->nrefs, SHARE, 1);
    else
        dcd_chart_layout_text_add(l, DCD_FIT_XLABEL, dcd_buf_str(&sub));
    footer_text(c, &foot);
    dcd_chart_layout_footer_add(l, dcd_buf_str(&foot));
    l->failed |= foot.failed || sub.failed;
    l->key_rows_n = fan_entries(c) > 2 ? fan_entries(c) : 2;
    l->key_chars = 26; /* "P(share <= x) over the draws", "Threshold and P(share > t)" */
    dcd_buf_free(&foot);
    dcd_buf_free(&sub);
}

static void put_marks(dcd_buf *b, const dcd_mc_chart_data *c, const char *block, int observed)
{
    dcd_buf_printf(b, "%s << " DCD_CHART_DATA_MARKER "\n# year value\n", block);
    for (size_t k = 0; k < c->nmarks; k++)
        if ((c->marks[k].tolerance < 0) == observed) {
            dcd_buf_printf(b, "%d ", c->marks[k].year);
            dcd_chart_num(b, c->marks[k].value);
            dcd_buf_puts(b, "\n");
        }
    dcd_buf_puts(b, DCD_CHART_DATA_MARKER "\n");
}

static int fan(const dcd_mc_chart_data *c, const dcd_plot_opts *o, dcd_buf *b)
{
    dcd_chart_layout l = {0};
    int bad = 0;
    make_layout(c, 1, "Share of national demand: median and bands", &l);
    int pub = count_marks(c, 0), obs = count_marks(c, 1);
    dcd_buf_puts(b, "$BANDS << " DCD_CHART_DATA_MARKER "\n# year p5 p25 p50 p75 p95\n");
    for (size_t i = 0; i < c->ny; i++) {
        const double v[5] = {c->p5[i], c->p25[i], c->p50[i], c->p75[i], c->p95[i]};
        dcd_buf_printf(b, "%d", c->start + (int)i);
        for (int k = 0; k < 5; k++) {
            dcd_buf_puts(b, " ");
            dcd_chart_num(b, v[k]);
        }
        dcd_buf_puts(b, "\n");
    }
    dcd_buf_puts(b, DCD_CHART_DATA_MARKER "\n");
    if (pub)
        put_marks(b, c, "$PUBLISHED", 0);
    if (obs)
        put_marks(b, c, "$OBSERVED", 1);
    /* The years of the bands and of every mark; half a year of room where
     * a mark sits on the edge. */
    int xlo = c->start, xhi = c->start + (int)(c->ny ? c->ny - 1 : 0);
    int mlo = INT_MAX, mhi = INT_MIN, last_obs = INT_MIN;
    for (size_t k = 0; k < c->nmarks; k++) {
        int y = c->marks[k].year;
        mlo = y < mlo ? y : mlo;
        mhi = y > mhi ? y : mhi;
        if (c->marks[k].tolerance < 0 && y > last_obs)
            last_obs = y;
    }
    for (size_t k = 0; k < c->nrefs; k++)
        if (c->refs[k].year && dcd_chart_ref_on(&c->refs[k], SHARE, 1)) {
            mlo = c->refs[k].year < mlo ? c->refs[k].year : mlo;
            mhi = c->refs[k].year > mhi ? c->refs[k].year : mhi;
        }
    int pad_lo = mlo <= xlo, pad_hi = mhi >= xhi;
    xlo = mlo < xlo ? mlo : xlo;
    xhi = mhi > xhi ? mhi : xhi;
    if (xhi == xlo) {
        xlo--;
        xhi++;
    }
    dcd_buf_puts(b, "\n");
    l.key_n = fan_entries(c);
    l.years = 1;
    l.xlo = xlo;
    l.xhi = xhi;
    l.pad_lo = pad_lo ? 0.5 : 0;
    l.pad_hi = pad_hi ? 0.5 : 0;
    bad |= dcd_chart_layout_put(b, &l, o->width, o->height) != 0;
    dcd_buf_puts(b, "set ylabel $TEXT[3] noenhanced\nset format y \"%g\"\n");
    int split = last_obs > c->base_year ? last_obs : c->base_year;
    dcd_chart_split_put(b, split, xlo, xhi, split > c->base_year ? "last observed" : "base year");
    int obj = 1;
    dcd_chart_refs_put(b, c->refs, c->nrefs, SHARE, 1, NULL, &obj, 1, xlo);
    dcd_buf_puts(b, "set yrange [0:*]\nset offsets 0, 0, graph 0.04, 0\n"
                    "set style fill solid noborder\n\n");
    int n = 0;
    dcd_chart_clause(b, &n,
                     "$BANDS using 1:2:6 with filledcurves fillcolor rgb \"%s\" "
                     "title \"P5-P95 (90%% of draws)\"",
                     COLOUR_BAND_OUT);
    dcd_chart_clause(b, &n,
                     "$BANDS using 1:3:5 with filledcurves fillcolor rgb \"%s\" "
                     "title \"P25-P75 (half of draws)\"",
                     COLOUR_BAND_IN);
    dcd_chart_clause(b, &n,
                     "$BANDS using 1:4 with lines linewidth 3 linecolor rgb \"%s\" "
                     "title \"Median\"",
                     COLOUR_DC);
    if (pub)
        dcd_chart_clause(b, &n,
                         "$PUBLISHED using 1:2 with points pointtype 13 pointsize 1.5*dcd_ps "
                         "linecolor rgb \"#000000\" title \"Published: data centres\"");
    if (obs)
        dcd_chart_clause(b, &n,
                         "$OBSERVED using 1:2 with points pointtype 6 pointsize 1.5*dcd_ps "
                         "linewidth 2 linecolor rgb \"#000000\" title \"Observed: data centres\"");
    dcd_chart_refs_clauses(b, &n, c->refs, c->nrefs, SHARE, 1, NULL, 4, 1, 1);
    dcd_buf_puts(b, "\nunset output\n");
    dcd_chart_layout_free(&l);
    return bad || b->failed ? -1 : 0;
}

/* The probability P(share <= T) read on the cumulative curve (linear
 * between its points), or NAN outside it. */
static double cdf_at(const dcd_mc_chart_data *c, double t)
{
    for (size_t i = 0; i + 1 < c->ncdf; i++)
        if (c->cdf_x[i] <= t && t <= c->cdf_x[i + 1]) {
            double dx = c->cdf_x[i + 1] - c->cdf_x[i];
            return dx > 0 ? c->cdf_p[i] + (c->cdf_p[i + 1] - c->cdf_p[i]) * (t - c->cdf_x[i]) / dx
                          : c->cdf_p[i + 1];
        }
    return NAN;
}

static int cdf(const dcd_mc_chart_data *c, const dcd_plot_opts *o, dcd_buf *b)
{
    int bad = 0, nthr = 0;
    dcd_buf_puts(b, "$CDF << " DCD_CHART_DATA_MARKER "\n# share probability\n");
    for (size_t i = 0; i < c->ncdf; i++) {
        dcd_chart_num(b, c->cdf_x[i]);
        dcd_buf_puts(b, " ");
        dcd_chart_num(b, c->cdf_p[i]);
        dcd_buf_puts(b, "\n");
    }
    dcd_buf_puts(b, DCD_CHART_DATA_MARKER "\n");
    /* Each threshold on the curve: where the share is at most t with
     * probability 1 - P(share > t). */
    dcd_buf_puts(b, "$THRESHOLDS << " DCD_CHART_DATA_MARKER "\n# threshold P(share > t)\n");
    for (size_t k = 0; k < c->nthr; k++)
        if (isfinite(c->thr[k]) && isfinite(c->thr_p[k])) {
            dcd_chart_num(b, c->thr[k]);
            dcd_buf_puts(b, " ");
            dcd_chart_num(b, c->thr_p[k]);
            dcd_buf_puts(b, "\n");
            nthr++;
        }
    dcd_buf_puts(b, DCD_CHART_DATA_MARKER "\n\n");
    dcd_buf t = {0};
    dcd_chart_layout l = {0};
    dcd_buf_printf(&t, "Share of national demand in %d: cumulative distribution", c->year);
    make_layout(c, 0, dcd_buf_str(&t), &l);
    l.key_n = 1 + (nthr > 0);
    bad |= t.failed || dcd_chart_layout_put(b, &l, o->width, o->height) != 0;
    dcd_chart_layout_free(&l);
    dcd_buf_free(&t);
    dcd_buf_puts(b, "set xlabel $TEXT[4] noenhanced\n"
                    "set ylabel $TEXT[3] noenhanced\n"
                    "set format x \"%g\"\nset yrange [0:1]\nset ytics 0.1\n"
                    "set grid xtics ytics linetype 1 linewidth 1 linecolor rgb \"#E5E5E5\"\n");
    /* The label beside each threshold's point: right of it when the curve
     * is low there, left of it when high (the curve rises to the right).
     * Labels from 61 on: the frame's are 1 (title), 2 and 3... (footer). */
    int obj = 1;
    for (size_t k = 0; k < c->nthr; k++) {
        if (!isfinite(c->thr[k]) || !isfinite(c->thr_p[k]))
            continue;
        double at = cdf_at(c, c->thr[k]);
        double y = isfinite(at) ? at : 1 - c->thr_p[k];
        dcd_buf_printf(b, "set arrow %d from ", obj);
        dcd_chart_num(b, c->thr[k]);
        dcd_buf_puts(b, ", graph 0 to ");
        dcd_chart_num(b, c->thr[k]);
        dcd_buf_printf(b,
                       ", graph 1 nohead dashtype (4,4) linewidth 1.5 linecolor rgb \"%s\" back\n"
                       "set label %d sprintf(\"P(share > %%g%%%%) = %%.3f\", ",
                       COLOUR_THR, 60 + obj);
        dcd_chart_num(b, c->thr[k]);
        dcd_buf_puts(b, ", ");
        dcd_chart_num(b, c->thr_p[k]);
        dcd_buf_puts(b, ") at ");
        dcd_chart_num(b, c->thr[k]);
        dcd_buf_puts(b, ", ");
        dcd_chart_num(b, y);
        dcd_buf_printf(b, " %s offset %s textcolor rgb \"%s\" front\n", y < 0.5 ? "left" : "right",
                       y < 0.5 ? "1.2,0" : "-1.2,0", COLOUR_THR);
        obj++;
    }
    dcd_buf_puts(b, "\n");
    int n = 0;
    dcd_chart_clause(b, &n,
                     "$CDF using 1:2 with lines linewidth 3 linecolor rgb \"%s\" "
                     "title \"P(share \xe2\x89\xa4 x) over the draws\"",
                     COLOUR_DC);
    if (nthr)
        dcd_chart_clause(b, &n,
                         "$THRESHOLDS using 1:(1-$2) with points pointtype 7 pointsize "
                         "1.3*dcd_ps linecolor rgb \"%s\" title \"Threshold and P(share > t)\"",
                         COLOUR_THR);
    dcd_buf_puts(b, "\nunset output\n");
    return bad || b->failed ? -1 : 0;
}

int dcd_mc_chart_script(const dcd_mc_chart_data *c, const char *stem, const dcd_plot_opts *o,
                        dcd_buf *out)
{
    int fanc = strcmp(stem, DCD_MC_FAN_STEM) == 0;
    if (dcd_chart_script_head(out, o, stem,
                              fanc ? "the share of national demand, median and bands (mc)"
                                   : "the target-year share's distribution (mc)") != 0)
        return -1;
    return fanc ? fan(c, o, out) : cdf(c, o, out);
}

int dcd_mc_chart_draw(const dcd_mc_chart_data *c, const char *dir, const dcd_plot_opts *o,
                      dcd_diags *d)
{
    static const char *const stems[2] = {DCD_MC_FAN_STEM, DCD_MC_CDF_STEM};
    dcd_plot_opts def;
    if (!o) {
        dcd_plot_opts_default(&def);
        o = &def;
    }
    int rc = DCD_ENOMEM;
    dcd_plot_batch *b = dcd_plot_batch_new(o);
    for (int k = 0; b && k < 2; k++) {
        dcd_buf s = {0};
        rc = dcd_mc_chart_script(c, stems[k], o, &s) != 0
                 ? DCD_ENOMEM
                 : dcd_plot_batch_script(b, dir, stems[k], s.data, s.len, d);
        dcd_buf_free(&s);
        if (rc != DCD_OK)
            break;
    }
    if (b && rc == DCD_OK)
        rc = dcd_plot_batch_draw(b, d);
    dcd_plot_batch_free(b);
    return rc;
}
