/* dcd_sens_charts.h - the charts of `dcdemand sensitivity` (charts layer,
 * model/charts/sens_charts.c): a tornado (tornado.gp/.png) and the Sobol
 * indices with their intervals (sobol.gp/.png), both horizontal bars with
 * the inputs' names on the left, on the shared frame (dcd_chart_frame.h:
 * the run charts' geometry, legend below, sources footer; the left margin
 * widened to the longest name).
 *
 * The functions take plain data (the analysis layer's adapter,
 * dcd_sens_draw_charts() in dcd_sensitivity.h, fills them).  Scripts follow
 * the rules of dcd_plot.h: every piece of text (scenario name, input paths)
 * reaches gnuplot only as a line of the datablock $TEXT used with enhanced
 * text off; numbers are formatted by the program; the picture is written
 * beside the script, found from gnuplot's ARG0.  docs/charts.md and
 * docs/uncertainty.md describe the charts.
 */
#ifndef DCD_SENS_CHARTS_H
#define DCD_SENS_CHARTS_H

#include <stddef.h>

#include "dcd_buf.h"
#include "dcd_chart.h"
#include "dcd_error.h"

/* What both charts show (pointers borrowed for the call). */
typedef struct dcd_sens_chart {
    const char *scenario; /* scenario name (the subtitle) */
    const char *title;    /* the scenario's title (NULL: its name) */
    const char *footer;   /* "Sources: ..." (NULL or empty: no footer) */
    const char *metric;   /* metric name, e.g. "dc_share_pct" */
    int year;
    size_t n; /* inputs */
    const char *const
        *labels; /* N input paths, in the order drawn (top to bottom / left to right) */
    /* tornado: the metric with every input at its median, and with input i
     * alone at its P10 (LO[i]) and P90 (HI[i]) */
    double base;
    const double *lo, *hi;
    /* Sobol: first-order and total indices and their interval bounds, N each */
    const double *s1, *s1_lo, *s1_hi, *st, *st_lo, *st_hi;
    double conf; /* interval level, e.g. 0.95 */
} dcd_sens_chart;

/* Append the complete script of the tornado or of the Sobol chart to OUT.
 * Return DCD_OK or DCD_ENOMEM. */
int dcd_sens_tornado_script(const dcd_sens_chart *c, const dcd_plot_opts *o, dcd_buf *out);
int dcd_sens_sobol_script(const dcd_sens_chart *c, const dcd_plot_opts *o, dcd_buf *out);

/* Writes DIR/tornado.gp from TORNADO and DIR/sobol.gp from SOBOL (their
 * labels may come in different orders; SOBOL may be NULL) atomically, removes their old pictures,
 * and draws them with one gnuplot process (unless O->scripts_only), checking that each picture was
 * written.  Returns DCD_OK, DCD_EIO, DCD_EPLOT (gnuplot missing or failing:
 * the diagnostic says what to install) or DCD_ENOMEM. */
int dcd_sens_charts_draw(const dcd_sens_chart *tornado, const dcd_sens_chart *sobol,
                         const char *dir, const dcd_plot_opts *o, dcd_diags *d);

#endif
