/* calib_charts.c - the calibration chart (dcd_calib_chart.h): the model's
 * path of one metric against the observations, with error bars when every
 * observation has a standard deviation. */
#include "dcd_calib_chart.h"

#include <math.h>

#include "dcd_chart_text.h"

int dcd_calib_chart_script(const dcd_calib_chart_data *c, const dcd_plot_opts *o, dcd_buf *b)
{
    int with_sd = c->nobs > 0;
    for (size_t i = 0; i < c->nobs; i++)
        with_sd = with_sd && isfinite(c->obs[i].sd);
    if (dcd_chart_script_head(b, o, DCD_CALIB_CHART_STEM,
                              "the model against the observations (dcdemand calibrate)") != 0)
        return -1;
    dcd_chart_text_begin(b, "title, y axis label");
    dcd_buf t = {0};
    dcd_buf_printf(&t, "%s: the model against the observations of %s",
                   c->title ? c->title : "scenario", c->metric);
    int bad = dcd_plot_text_line(b, dcd_buf_str(&t), 120) != 0 || t.failed;
    bad |= dcd_plot_text_line(b, c->metric_label, 120) != 0;
    dcd_buf_free(&t);
    dcd_chart_text_end(b);
    dcd_buf_puts(b, "\n$MODEL << " DCD_CHART_DATA_MARKER "\n");
    for (size_t i = 0; i < c->ny; i++)
        if (isfinite(c->model[i])) {
            dcd_buf_printf(b, "%d ", c->start + (int)i);
            dcd_chart_num(b, c->model[i]);
            dcd_buf_puts(b, "\n");
        }
    dcd_buf_puts(b, DCD_CHART_DATA_MARKER "\n$OBS << " DCD_CHART_DATA_MARKER "\n");
    for (size_t i = 0; i < c->nobs; i++) {
        dcd_buf_printf(b, "%d ", c->obs[i].year);
        dcd_chart_num(b, c->obs[i].value);
        dcd_buf_puts(b, " ");
        dcd_chart_num(b, with_sd ? c->obs[i].sd : 0.0);
        dcd_buf_puts(b, "\n");
    }
    dcd_buf_puts(b, DCD_CHART_DATA_MARKER
                 "\n\n"
                 "set title $TEXT[1] noenhanced font \"Sans Bold,15\"\n"
                 "set ylabel $TEXT[2] noenhanced\n"
                 "set xlabel \"year\"\n"
                 "set border 3\nset tics nomirror out\nset grid ytics\n"
                 "set key top left\nset format x \"%.0f\"\nset yrange [0:*]\n");
    dcd_buf_printf(b,
                   "plot $MODEL using 1:2 with lines linewidth 2.5 linecolor rgb \"#0072B2\" "
                   "title \"model\", \\\n     $OBS using 1:2%s with %s pointtype 7 "
                   "pointsize 1.5*dcd_ps linecolor rgb \"#D55E00\" title \"observed\"\n",
                   with_sd ? ":3" : "", with_sd ? "yerrorbars" : "points");
    dcd_buf_puts(b, "unset output\n");
    return bad || b->failed ? -1 : 0;
}

int dcd_calib_chart_draw(const dcd_calib_chart_data *c, const char *dir, const dcd_plot_opts *o,
                         dcd_diags *d)
{
    dcd_plot_opts def;
    if (!o) {
        dcd_plot_opts_default(&def);
        o = &def;
    }
    dcd_buf s = {0};
    int rc = DCD_ENOMEM;
    dcd_plot_batch *b = dcd_plot_batch_new(o);
    if (!b || dcd_calib_chart_script(c, o, &s) != 0)
        goto done;
    rc = dcd_plot_batch_script(b, dir, DCD_CALIB_CHART_STEM, s.data, s.len, d);
    if (rc == DCD_OK)
        rc = dcd_plot_batch_draw(b, d);
done:
    dcd_plot_batch_free(b);
    dcd_buf_free(&s);
    return rc;
}
