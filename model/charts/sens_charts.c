/* sens_charts.c - the tornado and Sobol charts of `dcdemand sensitivity`
 * (dcd_sens_charts.h; docs/uncertainty.md), on the shared frame
 * (dcd_chart_frame.h).  Both are horizontal bars, one row per input with
 * its name on the left, so that the two charts line up. */
#include "dcd_sens_charts.h"

#include <math.h>
#include <string.h>

#include "dcd_chart_frame.h"
#include "dcd_chart_text.h"
#include "dcd_engine.h"

/* The palette of the run charts (Okabe-Ito). */
static const char COLOUR_LO[] = "#0072B2";
static const char COLOUR_HI[] = "#D55E00";
static const char COLOUR_ST[] = "#999999";

/* Legend entries of either chart (the same, so the plot areas match). */
#define NKEY 3

/* The metric as the axis names it: its label and year ("Data centres,
 * share of national demand in 2030", LOWER: "data centres, ..."), then
 * its unit (with UNIT). */
static void metric_name(dcd_buf *b, const dcd_sens_chart *c, int lower, int unit)
{
    int m = c->metric ? dcd_total_index(c->metric) : -1;
    const char *label = m >= 0 ? dcd_total_info[m].label : c->metric ? c->metric : "";
    size_t at = b->len;
    dcd_buf_printf(b, "%s in %d", label, c->year);
    if (lower && b->len > at + 1 && b->data[at] >= 'A' && b->data[at] <= 'Z' &&
        b->data[at + 1] >= 'a' && b->data[at + 1] <= 'z')
        b->data[at] = (char)(b->data[at] - 'A' + 'a');
    if (unit && m >= 0)
        dcd_buf_printf(b, " (%s)", dcd_total_info[m].unit);
}

static const char *chart_title(const dcd_sens_chart *c)
{
    return c->title && *c->title         ? c->title
           : c->scenario && *c->scenario ? c->scenario
                                         : "scenario";
}

/* The layout section (dcd_chart_layout): $TEXT 1 title, 2 subtitle (HEADING
 * and the scenario's name), then the inputs' names (left of the bars), then
 * the footer; then the names as the y axis's tics. */
static void put_frame(dcd_buf *b, const dcd_sens_chart *c, const dcd_plot_opts *o,
                      const char *heading, const char *xlabel)
{
    dcd_chart_layout l = {0};
    dcd_buf sub = {0};
    dcd_chart_layout_text_add(&l, DCD_FIT_TITLE, chart_title(c));
    dcd_buf_printf(&sub, "%s  \xc2\xb7  scenario %s", heading,
                   c->scenario && *c->scenario ? c->scenario : "scenario");
    dcd_chart_layout_text_add(&l, DCD_FIT_SUBTITLE, dcd_buf_str(&sub));
    dcd_chart_layout_text_add(&l, DCD_FIT_XLABEL, xlabel);
    l.left_first = l.ntext + 1;
    l.left_n = c->n;
    for (size_t i = 0; i < c->n; i++)
        dcd_chart_layout_text_add(&l, DCD_FIT_LEFT, c->labels[i]);
    dcd_chart_layout_footer_add(&l, c->footer);
    l.key_n = l.key_rows_n = NKEY;
    l.key_chars = 29; /* "First order (the input alone)" */
    dcd_buf_puts(b, "\n");
    if (sub.failed || dcd_chart_layout_put(b, &l, o->width, o->height) != 0)
        b->failed = 1;
    /* The names as labels, not tic labels: gnuplot takes a tic label for a
     * format ('%') and cuts it at 50 bytes. */
    dcd_buf_puts(b, "unset ytics\n");
    for (size_t i = 0; i < c->n; i++)
        dcd_buf_printf(b,
                       "set label %zu $TEXT[%zu] at graph 0, first %zu right offset character "
                       "-0.8, 0 font \",11\" textcolor rgb \"#333333\" noenhanced\n",
                       100 + i, l.left_first + i, c->n - 1 - i);
    dcd_buf_printf(
        b, "set yrange [-0.6:%zu.6]\nset grid noytics xtics\nset xlabel $TEXT[3] noenhanced\n",
        c->n ? c->n - 1 : 0);
    dcd_chart_layout_free(&l);
    dcd_buf_free(&sub);
}

int dcd_sens_tornado_script(const dcd_sens_chart *c, const dcd_plot_opts *o, dcd_buf *out)
{
    dcd_buf t = {0}, x = {0};
    dcd_buf_puts(&t, "Tornado: each input alone at its P10 and P90, the others at their medians");
    metric_name(&x, c, 0, 1);
    if (dcd_chart_script_head(out, o, "tornado", "one-at-a-time sensitivity (tornado)") != 0)
        out->failed = 1;
    /* $DATA: row position (top = n - 1), at P10, at P90 */
    dcd_buf_puts(out, "$DATA << " DCD_CHART_DATA_MARKER "\n# row metric_at_p10 metric_at_p90\n");
    for (size_t i = 0; i < c->n; i++) {
        dcd_buf_printf(out, "%zu ", c->n - 1 - i);
        dcd_chart_num(out, c->lo[i]);
        dcd_buf_puts(out, " ");
        dcd_chart_num(out, c->hi[i]);
        dcd_buf_puts(out, "\n");
    }
    dcd_buf_puts(out, DCD_CHART_DATA_MARKER "\n");
    put_frame(out, c, o, dcd_buf_str(&t), dcd_buf_str(&x));
    out->failed |= t.failed || x.failed;
    dcd_buf_free(&t);
    dcd_buf_free(&x);
    dcd_buf_puts(out, "dcd_base = ");
    dcd_chart_num(out, c->base);
    dcd_buf_puts(out, "\nset format x \"%g\"\n"
                      "set arrow 1 from dcd_base, graph 0 to dcd_base, graph 1 nohead "
                      "linecolor rgb \"#000000\" dashtype (6,4) linewidth 1.5 front\n\n");
    int n = 0;
    for (int k = 0; k < 2; k++)
        dcd_chart_clause(out, &n,
                         "$DATA using ((column(%d)+dcd_base)/2):1:(column(%d)<dcd_base?column(%d):"
                         "dcd_base):(column(%d)<dcd_base?dcd_base:column(%d)):($1-0.35):($1+0.35) "
                         "with boxxyerror fillstyle solid 0.85 noborder fillcolor rgb \"%s\" "
                         "title \"Input at its %s\"",
                         2 + k, 2 + k, 2 + k, 2 + k, 2 + k, k ? COLOUR_HI : COLOUR_LO,
                         k ? "P90" : "P10");
    dcd_chart_clause(out, &n,
                     "keyentry with lines dashtype (6,4) linewidth 1.5 linecolor rgb \"#000000\" "
                     "title \"Every input at its median\"");
    dcd_buf_puts(out, "\nunset output\n");
    return out->failed ? DCD_ENOMEM : DCD_OK;
}

int dcd_sens_sobol_script(const dcd_sens_chart *c, const dcd_plot_opts *o, dcd_buf *out)
{
    dcd_buf t = {0}, x = {0};
    dcd_buf_printf(&t, "Sobol indices with %g%% bootstrap intervals: what drives the spread",
                   100 * c->conf);
    dcd_buf_puts(&x, "Share of the variance of ");
    metric_name(&x, c, 1, 0);
    if (dcd_chart_script_head(out, o, "sobol", "Sobol indices with bootstrap intervals") != 0)
        out->failed = 1;
    /* $DATA: row position (top = n - 1), S1, lo, hi, ST, lo, hi */
    dcd_buf_puts(out, "$DATA << " DCD_CHART_DATA_MARKER "\n# row first_order lo hi total lo hi\n");
    for (size_t i = 0; i < c->n; i++) {
        const double v[6] = {c->s1[i], c->s1_lo[i], c->s1_hi[i],
                             c->st[i], c->st_lo[i], c->st_hi[i]};
        dcd_buf_printf(out, "%zu", c->n - 1 - i);
        for (int k = 0; k < 6; k++) {
            dcd_buf_puts(out, " ");
            dcd_chart_num(out, v[k]);
        }
        dcd_buf_puts(out, "\n");
    }
    dcd_buf_puts(out, DCD_CHART_DATA_MARKER "\n");
    put_frame(out, c, o, dcd_buf_str(&t), dcd_buf_str(&x));
    out->failed |= t.failed || x.failed;
    dcd_buf_free(&t);
    dcd_buf_free(&x);
    double xlo = 0, xhi = 1;
    for (size_t i = 0; i < c->n; i++) {
        const double v[4] = {c->s1_lo[i], c->st_lo[i], c->s1_hi[i], c->st_hi[i]};
        for (int k = 0; k < 4; k++) {
            if (isfinite(v[k]) && v[k] < xlo)
                xlo = v[k];
            if (isfinite(v[k]) && v[k] > xhi)
                xhi = v[k];
        }
    }
    dcd_buf_puts(out, "set format x \"%g\"\n");
    dcd_buf_puts(out, "set xrange [");
    dcd_chart_num(out, xlo < 0 ? xlo - 0.02 : 0);
    dcd_buf_puts(out, ":");
    dcd_chart_num(out, xhi);
    dcd_buf_puts(out, "]\n\n");
    /* Each input: first order above, total below, each with its interval. */
    int n = 0;
    dcd_chart_clause(out, &n,
                     "$DATA using (column(2)/2):($1+0.19):(0):(column(2)):($1+0.03):($1+0.35) "
                     "with boxxyerror fillstyle solid 0.85 noborder fillcolor rgb \"%s\" "
                     "title \"First order (the input alone)\"",
                     COLOUR_LO);
    dcd_chart_clause(out, &n,
                     "$DATA using (column(5)/2):($1-0.19):(0):(column(5)):($1-0.35):($1-0.03) "
                     "with boxxyerror fillstyle solid 0.85 noborder fillcolor rgb \"%s\" "
                     "title \"Total (with its interactions)\"",
                     COLOUR_ST);
    dcd_chart_clause(out, &n,
                     "$DATA using 2:($1+0.19):3:4 with xerrorbars pointtype 7 pointsize "
                     "0.5*dcd_ps linecolor rgb \"#000000\" title \"Bootstrap interval\"");
    dcd_chart_clause(out, &n,
                     "$DATA using 5:($1-0.19):6:7 with xerrorbars pointtype 7 pointsize "
                     "0.5*dcd_ps linecolor rgb \"#000000\" notitle");
    dcd_buf_puts(out, "\nunset output\n");
    return out->failed ? DCD_ENOMEM : DCD_OK;
}

int dcd_sens_charts_draw(const dcd_sens_chart *tornado, const dcd_sens_chart *sobol,
                         const char *dir, const dcd_plot_opts *o, dcd_diags *d)
{
    static const char *const stems[2] = {"tornado", "sobol"};
    size_t n = sobol ? 2 : 1;
    dcd_buf s[2] = {{0}, {0}};
    int rc = DCD_OK;
    for (size_t k = 0; k < n && rc == DCD_OK; k++)
        rc = k == 0 ? dcd_sens_tornado_script(tornado, o, &s[0])
                    : dcd_sens_sobol_script(sobol, o, &s[1]);
    dcd_plot_batch *b = rc == DCD_OK ? dcd_plot_batch_new(o) : NULL;
    if (rc == DCD_OK && !b)
        rc = DCD_ENOMEM;
    for (size_t k = 0; k < n && rc == DCD_OK; k++)
        rc = s[k].failed ? DCD_ENOMEM
                         : dcd_plot_batch_script(b, dir, stems[k], s[k].data, s[k].len, d);
    if (rc == DCD_OK && !sobol)
        rc = dcd_plot_batch_drop(b, dir, stems[1], d);
    if (rc == DCD_OK)
        rc = dcd_plot_batch_draw(b, d);
    dcd_plot_batch_free(b);
    dcd_buf_free(&s[0]);
    dcd_buf_free(&s[1]);
    return rc;
}
