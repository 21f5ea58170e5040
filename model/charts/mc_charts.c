/* mc_charts.c - the fan chart and the distribution of the target-year share
 * of `dcdemand mc` (dcd_mc_chart.h). */
#include "dcd_mc_chart.h"

#include <math.h>
#include <string.h>

#include "dcd_chart_text.h"

static void text_lines(const dcd_mc_chart_data *c, const char *what, dcd_buf *b, int *bad)
{
    dcd_buf t = {0};
    dcd_chart_text_begin(b, "title, subtitle");
    *bad |= dcd_plot_text_line(b, c->title ? c->title : "scenario", 85) != 0;
    dcd_buf_printf(&t, "%s, %zu draws (%zu failed)", what, c->ndraws, c->nfailed);
    *bad |= dcd_plot_text_line(b, dcd_buf_str(&t), 120) != 0 || t.failed;
    dcd_chart_text_end(b);
    dcd_buf_free(&t);
}

static void common(dcd_buf *b)
{
    dcd_buf_puts(b, "set title $TEXT[1].\"\\n\".$TEXT[2] noenhanced font \"Sans Bold,15\"\n"
                    "set border 3\nset tics nomirror out\nset grid ytics\n"
                    "set key outside right top noenhanced\n");
}

static int fan(const dcd_mc_chart_data *c, dcd_buf *b)
{
    int bad = 0, obs = 0, pub = 0;
    text_lines(c, "share of national demand: median and bands", b, &bad);
    dcd_buf_puts(b, "\n$BANDS << " DCD_CHART_DATA_MARKER "\n");
    for (size_t i = 0; i < c->ny; i++) {
        const double v[5] = {c->p5[i], c->p25[i], c->p50[i], c->p75[i], c->p95[i]};
        dcd_buf_printf(b, "%d", c->start + (int)i);
        for (int k = 0; k < 5; k++) {
            dcd_buf_puts(b, " ");
            dcd_chart_num(b, v[k]);
        }
        dcd_buf_puts(b, "\n");
    }
    dcd_buf_puts(b, DCD_CHART_DATA_MARKER "\n$PUBLISHED << " DCD_CHART_DATA_MARKER "\n");
    for (size_t k = 0; k < c->nmarks; k++)
        if (c->marks[k].tolerance >= 0) {
            dcd_buf_printf(b, "%d ", c->marks[k].year);
            dcd_chart_num(b, c->marks[k].value);
            dcd_buf_puts(b, " ");
            dcd_chart_num(b, c->marks[k].tolerance);
            dcd_buf_puts(b, "\n");
            pub = 1;
        }
    dcd_buf_puts(b, DCD_CHART_DATA_MARKER "\n$OBSERVED << " DCD_CHART_DATA_MARKER "\n");
    for (size_t k = 0; k < c->nmarks; k++)
        if (c->marks[k].tolerance < 0) {
            dcd_buf_printf(b, "%d ", c->marks[k].year);
            dcd_chart_num(b, c->marks[k].value);
            dcd_buf_puts(b, "\n");
            obs = 1;
        }
    dcd_buf_puts(b, DCD_CHART_DATA_MARKER "\n\n");
    common(b);
    dcd_buf_printf(b, "set xrange [%d:%d]\n", c->start, c->start + (int)c->ny - 1);
    dcd_buf_puts(b, "set xlabel \"year\"\nset ylabel \"share of national demand (%)\"\n"
                    "set format x \"%.0f\"\nset yrange [0:*]\nset style fill solid noborder\n"
                    "plot $BANDS using 1:2:6 with filledcurves linecolor rgb \"#C6DBEF\" "
                    "title \"P5-P95\", \\\n"
                    "     $BANDS using 1:3:5 with filledcurves linecolor rgb \"#6BAED6\" "
                    "title \"P25-P75\", \\\n"
                    "     $BANDS using 1:4 with lines linewidth 2.5 linecolor rgb \"#0072B2\" "
                    "title \"median\"");
    if (pub)
        dcd_buf_puts(b, ", \\\n     $PUBLISHED using 1:2:3 with yerrorbars pointtype 13 "
                        "pointsize 1.6 linecolor rgb \"#000000\" title \"published\"");
    if (obs)
        dcd_buf_puts(b, ", \\\n     $OBSERVED using 1:2 with points pointtype 6 pointsize 1.6 "
                        "linecolor rgb \"#000000\" title \"observed\"");
    dcd_buf_puts(b, "\nunset output\n");
    return bad || b->failed ? -1 : 0;
}

static int cdf(const dcd_mc_chart_data *c, dcd_buf *b)
{
    int bad = 0;
    dcd_buf what = {0};
    dcd_buf_printf(&what, "share of national demand in %d: cumulative distribution", c->year);
    text_lines(c, dcd_buf_str(&what), b, &bad);
    dcd_buf_free(&what);
    dcd_buf_puts(b, "\n$CDF << " DCD_CHART_DATA_MARKER "\n");
    for (size_t i = 0; i < c->ncdf; i++) {
        dcd_chart_num(b, c->cdf_x[i]);
        dcd_buf_puts(b, " ");
        dcd_chart_num(b, c->cdf_p[i]);
        dcd_buf_puts(b, "\n");
    }
    dcd_buf_puts(b, DCD_CHART_DATA_MARKER "\n\n");
    common(b);
    dcd_buf_printf(b,
                   "set xlabel \"share of national demand in %d (%%)\"\n"
                   "set ylabel \"probability that the share is at most x\"\n"
                   "set yrange [0:1]\nset ytics 0.1\n",
                   c->year);
    for (size_t k = 0; k < c->nthr; k++) {
        if (!isfinite(c->thr[k]) || !isfinite(c->thr_p[k]))
            continue;
        dcd_buf_puts(b, "set arrow from ");
        dcd_chart_num(b, c->thr[k]);
        dcd_buf_puts(b, ", graph 0 to ");
        dcd_chart_num(b, c->thr[k]);
        dcd_buf_puts(b, ", graph 1 nohead dashtype 2 linewidth 1.5 linecolor rgb \"#D55E00\"\n"
                        "set label sprintf(\"P(> %g) = %.3f\", ");
        dcd_chart_num(b, c->thr[k]);
        dcd_buf_puts(b, ", ");
        dcd_chart_num(b, c->thr_p[k]);
        dcd_buf_puts(b, ") at ");
        dcd_chart_num(b, c->thr[k]);
        dcd_buf_printf(b, ", graph %.2f offset 0.5,0 textcolor rgb \"#D55E00\"\n",
                       0.95 - 0.06 * (double)(k % 8));
    }
    dcd_buf_puts(b, "plot $CDF using 1:2 with lines linewidth 2.5 linecolor rgb \"#0072B2\" "
                    "title \"P(share <= x)\"\nunset output\n");
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
    return fanc ? fan(c, out) : cdf(c, out);
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
