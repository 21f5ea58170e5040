/* dcd_calib_chart.h - the calibration chart: a model's path of one metric
 * against observed figures (`dcdemand calibrate`, docs/solve.md).
 *
 * Charts layer: plain data in, one script drawn through the chart pipeline
 * (dcd_chart.h), on the shared frame of the run charts (dcd_chart_frame.h).  The calibration
 * analysis (dcd_calibrate.h) fills the input.
 */
#ifndef DCD_CALIB_CHART_H
#define DCD_CALIB_CHART_H

#include <stddef.h>

#include "dcd_chart.h"
#include "dcd_error.h"
#include "dcd_scenario.h"

/* The chart's stem: calibration.gp and calibration.png (svg, pdf). */
#define DCD_CALIB_CHART_STEM "calibration"

/* One observation: its year, value and standard deviation (NaN: none). */
typedef struct dcd_calib_point {
    int year;
    double value, sd;
} dcd_calib_point;

/* What the chart shows.  Every pointer is borrowed. */
typedef struct dcd_calib_chart_data {
    const char *title;        /* the scenario's name or title (any text) */
    const char *metric;       /* the metric's column name, e.g. "dc_twh" */
    const char *metric_label; /* its label and unit, for the y axis */
    int start;                /* first year of MODEL */
    size_t ny;                /* years of MODEL */
    const double *model;      /* the model's value by year (NaN: none) */
    const dcd_calib_point *obs;
    size_t nobs;
    /* The frame (dcd_chart_frame.h): the scenario's name (subtitle), its
     * sources (the footer, when there are any), its base year (the
     * observed/projected marker) and its references: (those of METRIC are
     * drawn as on the run charts). */
    const char *name;
    const char *const *sources;
    size_t nsources;
    int base_year;
    const dcd_reference *refs;
    size_t nrefs;
} dcd_calib_chart_data;

/* Appends the gnuplot script of the chart to OUT with options O.  Error bars
 * are drawn when every observation has a standard deviation.  Returns 0, or
 * -1 on OOM. */
int dcd_calib_chart_script(const dcd_calib_chart_data *c, const dcd_plot_opts *o, dcd_buf *out);

/* Writes DIR/calibration.gp and draws it with options O (NULL: defaults)
 * through one batch.  Returns as dcd_plot_batch_draw(). */
int dcd_calib_chart_draw(const dcd_calib_chart_data *c, const char *dir, const dcd_plot_opts *o,
                         dcd_diags *d);

#endif
