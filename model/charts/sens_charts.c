/* sens_charts.c - the tornado and Sobol charts of `dcdemand sensitivity`
 * (dcd_sens_charts.h; docs/uncertainty.md), on the shared frame
 * (dcd_chart_frame.h).  Both are horizontal bars, one row per input with
 * its name on the left, so that the two charts line up. */
#include "dcd_sens_charts.h"

#include <math.h>
#include <string.h>

#include "dcd_chart_frame.h"
#include "dcd_chart_text.h"

/* The palette of the run charts (Okabe-Ito). */
static const char COLOUR_LO[] = "#0072B2";
static const char COLOUR_HI[] = "#D55E00";
static const char COLOUR_ST[] = "#999999";

/* Characters of an input's name shown on the y axis. */
#define LABEL_FIT 40
/* Legend entries of either chart (the same, so the plot areas match). */
#define NKEY 3

static int title_points(const char *title, int w)
{
    size_t k = dcd_utf8_count(title, strlen(title));
    size_t fit17 = (size_t)(0.975 * w / (0.83 * 17)), fit15 = (size_t)(0.975 * w / (0.83 * 15));
    return k <= fit17 ? 17 : k <= fit15 ? 15 : 13;
}

static const char *chart_title(const dcd_sens_chart *c)
{
    return c->title && *c->title         ? c->title
           : c->scenario && *c->scenario ? c->scenario
                                         : "scenario";
}

/* $TEXT: 1 title, 2 name, 3... the footer, then the inputs' names; the
 * frame, then the left margin widened to the longest name.  Returns the
 * first line of the names. */
static int put_frame(dcd_buf *b, const dcd_sens_chart *c, const dcd_plot_opts *o,
                     const char *heading)
{
    dcd_chart_frame f = {.w = o->width, .h = o->height, .key_cols = dcd_chart_key_cols(o->width)};
    dcd_chart_text_begin(b, "1 title, 2 name, 3... the sources footer, then the inputs");
    if (dcd_plot_text_line(b, chart_title(c), (size_t)(0.975 * o->width / (0.83 * 13))) ||
        dcd_plot_text_line(b, c->scenario && *c->scenario ? c->scenario : "scenario", 60))
        b->failed = 1;
    f.footer_lines = c->footer && *c->footer ? dcd_chart_footer_put(b, c->footer, o->width) : 0;
    size_t longest = 8;
    for (size_t i = 0; i < c->n; i++) {
        size_t k = dcd_utf8_count(c->labels[i], strlen(c->labels[i]));
        longest = k > LABEL_FIT ? LABEL_FIT : k > longest ? k : longest;
        if (dcd_plot_text_line(b, c->labels[i], LABEL_FIT))
            b->failed = 1;
    }
    dcd_chart_text_end(b);
    f.key_rows = (NKEY + f.key_cols - 1) / f.key_cols;
    dcd_buf_puts(b, "\n");
    dcd_chart_frame_put(b, &f, title_points(chart_title(c), o->width), heading, 2, 3, NKEY);
    /* The inputs' names need more room on the left than the years do. */
    double left = 32 + 7.8 * (double)longest;
    if (left > 0.45 * o->width)
        left = 0.45 * o->width;
    if (left > 92)
        dcd_buf_printf(b, "# Room on the left for the inputs' names.\nset lmargin at screen %.4f\n",
                       left / o->width);
    dcd_buf_printf(b, "set ytics () nomirror scale 0 font \",11\"\n");
    for (size_t i = 0; i < c->n; i++)
        dcd_buf_printf(b, "set ytics add (($TEXT[%zu]) %zu)\n", 3 + f.footer_lines + i,
                       c->n - 1 - i);
    dcd_buf_printf(b, "set yrange [-0.6:%zu.6]\nset grid noytics xtics\n", c->n ? c->n - 1 : 0);
    return 3 + (int)f.footer_lines;
}

int dcd_sens_tornado_script(const dcd_sens_chart *c, const dcd_plot_opts *o, dcd_buf *out)
{
    dcd_buf t = {0};
    dcd_buf_printf(&t, "Tornado of %s in %d: each input alone at its P10 and P90", c->metric,
                   c->year);
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
    put_frame(out, c, o, dcd_buf_str(&t));
    out->failed |= t.failed;
    dcd_buf_free(&t);
    dcd_buf_puts(out, "dcd_base = ");
    dcd_chart_num(out, c->base);
    dcd_buf_printf(out,
                   "\nset xlabel \"%s in %d\"\nset format x \"%%g\"\n"
                   "set arrow 1 from dcd_base, graph 0 to dcd_base, graph 1 nohead "
                   "linecolor rgb \"#000000\" dashtype (6,4) linewidth 1.5 front\n\n",
                   c->metric, c->year);
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
    dcd_buf t = {0};
    dcd_buf_printf(&t, "Sobol indices of %s in %d, with %g%% bootstrap intervals", c->metric,
                   c->year, 100 * c->conf);
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
    put_frame(out, c, o, dcd_buf_str(&t));
    out->failed |= t.failed;
    dcd_buf_free(&t);
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
    dcd_buf_printf(out, "set xlabel \"Share of the variance of %s in %d\"\nset format x \"%%g\"\n",
                   c->metric, c->year);
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
