/* sens_charts.c - the tornado and Sobol charts of `dcdemand sensitivity`
 * (dcd_sens_charts.h; docs/uncertainty.md). */
#include "dcd_sens_charts.h"

#include <math.h>
#include <string.h>

#include "dcd_chart_text.h"

static const char COLOUR_LO[] = "#0072B2";
static const char COLOUR_HI[] = "#D55E00";
static const char COLOUR_ST[] = "#999999";

static void put_text(dcd_buf *b, const dcd_sens_chart *c, const char *title, const char *axis)
{
    dcd_buf_printf(b, "$TEXT << %s\n", dcd_plot_text_marker);
    if (dcd_plot_text_line(b, title, 120) || dcd_plot_text_line(b, axis, 120))
        b->failed = 1;
    for (size_t i = 0; i < c->n; i++)
        if (dcd_plot_text_line(b, c->labels[i], 60))
            b->failed = 1;
    dcd_buf_printf(b, "%s\n", dcd_plot_text_marker);
}

int dcd_sens_tornado_script(const dcd_sens_chart *c, const dcd_plot_opts *o, dcd_buf *out)
{
    dcd_buf t = {0};
    dcd_buf_printf(&t, "%s: tornado of %s in %d (each input alone at P10 and P90)",
                   c->scenario ? c->scenario : "scenario", c->metric, c->year);
    if (dcd_chart_script_head(out, o, "tornado", "one-at-a-time sensitivity (tornado)") != 0)
        out->failed = 1;
    put_text(out, c, dcd_buf_str(&t), c->metric);
    dcd_buf_free(&t);
    /* $DATA: row position (top = 0 drawn highest), at P10, at P90 */
    dcd_buf_puts(out, "$DATA << EOD_dcdemand_data\n");
    for (size_t i = 0; i < c->n; i++) {
        dcd_buf_printf(out, "%zu ", c->n - 1 - i);
        dcd_chart_num(out, c->lo[i]);
        dcd_buf_puts(out, " ");
        dcd_chart_num(out, c->hi[i]);
        dcd_buf_puts(out, "\n");
    }
    dcd_buf_puts(out, "EOD_dcdemand_data\n");
    dcd_buf_puts(out, "base = ");
    dcd_chart_num(out, c->base);
    dcd_buf_printf(
        out,
        "\nset title $TEXT[1]\nset xlabel $TEXT[2]\nset key outside bottom center horizontal\n"
        "set grid xtics\nset lmargin 28\nset ytics () nomirror\n"
        "do for [i=1:%zu] { set ytics add (($TEXT[i+2]) %zu-i) }\n"
        "set yrange [-0.6:%zu.6]\nset arrow 1 from base, graph 0 to base, graph 1 "
        "nohead lc rgb \"#000000\" dt 2\n",
        c->n, c->n, c->n ? c->n - 1 : 0);
    dcd_buf_printf(out,
                   "plot $DATA using ((column(2)+base)/2):1:(column(2)<base?column(2):base):"
                   "(column(2)<base?base:column(2)):($1-0.35):($1+0.35) with boxxyerror fs solid "
                   "0.85 noborder lc rgb \"%s\" title \"input at its P10\", \\\n"
                   "     $DATA using ((column(3)+base)/2):1:(column(3)<base?column(3):base):"
                   "(column(3)<base?base:column(3)):($1-0.35):($1+0.35) with boxxyerror fs solid "
                   "0.85 noborder lc rgb \"%s\" title \"input at its P90\"\n",
                   COLOUR_LO, COLOUR_HI);
    dcd_buf_puts(out, "\nunset output\n");
    return out->failed ? DCD_ENOMEM : DCD_OK;
}

int dcd_sens_sobol_script(const dcd_sens_chart *c, const dcd_plot_opts *o, dcd_buf *out)
{
    dcd_buf t = {0};
    dcd_buf_printf(&t, "%s: Sobol indices of %s in %d, %g%% bootstrap intervals",
                   c->scenario ? c->scenario : "scenario", c->metric, c->year, 100 * c->conf);
    if (dcd_chart_script_head(out, o, "sobol", "Sobol indices with bootstrap intervals") != 0)
        out->failed = 1;
    put_text(out, c, dcd_buf_str(&t), "share of the variance");
    dcd_buf_free(&t);
    /* $DATA: position, S1, lo, hi, ST, lo, hi */
    dcd_buf_puts(out, "$DATA << EOD_dcdemand_data\n");
    for (size_t i = 0; i < c->n; i++) {
        const double v[6] = {c->s1[i], c->s1_lo[i], c->s1_hi[i],
                             c->st[i], c->st_lo[i], c->st_hi[i]};
        dcd_buf_printf(out, "%zu", i);
        for (int k = 0; k < 6; k++) {
            dcd_buf_puts(out, " ");
            dcd_chart_num(out, v[k]);
        }
        dcd_buf_puts(out, "\n");
    }
    dcd_buf_puts(out, "EOD_dcdemand_data\n");
    double ylo = 0, yhi = 1;
    for (size_t i = 0; i < c->n; i++) {
        const double v[4] = {c->s1_lo[i], c->st_lo[i], c->s1_hi[i], c->st_hi[i]};
        for (int k = 0; k < 4; k++) {
            if (isfinite(v[k]) && v[k] < ylo)
                ylo = v[k];
            if (isfinite(v[k]) && v[k] > yhi)
                yhi = v[k];
        }
    }
    dcd_buf_printf(out,
                   "set title $TEXT[1]\nset ylabel $TEXT[2]\nset key top right\nset grid ytics\n"
                   "set bmargin 10\nset lmargin 30\nset xtics () rotate by 30 right nomirror\n"
                   "do for [i=1:%zu] { set xtics add (($TEXT[i+2]) i-1) }\n"
                   "set xrange [-0.6:%zu.6]\nset yrange [",
                   c->n, c->n ? c->n - 1 : 0);
    dcd_chart_num(out, ylo < 0 ? ylo - 0.02 : 0);
    dcd_buf_puts(out, ":");
    dcd_chart_num(out, yhi);
    dcd_buf_puts(out, "]\nset boxwidth 0.35 absolute\nset style fill solid 0.85 noborder\n");
    dcd_buf_printf(
        out,
        "plot $DATA using ($1-0.19):2 with boxes lc rgb \"%s\" title \"first order\", "
        "\\\n"
        "     $DATA using ($1+0.19):5 with boxes lc rgb \"%s\" title \"total\", \\\n"
        "     $DATA using ($1-0.19):2:3:4 with yerrorbars pt 7 ps 0.4 lc rgb \"#000000\" "
        "notitle, \\\n"
        "     $DATA using ($1+0.19):5:6:7 with yerrorbars pt 7 ps 0.4 lc rgb \"#000000\" "
        "notitle\n",
        COLOUR_LO, COLOUR_ST);
    dcd_buf_puts(out, "\nunset output\n");
    return out->failed ? DCD_ENOMEM : DCD_OK;
}

/* Removes DIR/STEM.png, .svg and .pdf (stale pictures). */
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
