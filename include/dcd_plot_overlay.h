/* dcd_plot_overlay.h - charts with several scenarios or grid points in one
 * picture: the overlays of `dcdemand compare` and the charts of `sweep`.
 *
 * Charts layer: the inputs are plain data (results and text), not the
 * analyses' types; model/analysis/compare_charts.c (declared in dcd_compare.h)
 * turns a comparison or a sweep into them.  The scripts go through the one
 * pipeline of dcd_chart.h, with the same safety rules as the run charts:
 * scenario text and labels reach gnuplot only as lines of the $TEXT
 * datablock (dcd_chart_text.h), used with enhanced text off; numbers are
 * formatted by the program; output names are fixed.  Each chart's script is
 * saved beside its picture (NAME.gp) and redrawn by hand with
 * `gnuplot DIR/NAME.gp` from any folder, writing beside itself.
 */
#ifndef DCD_PLOT_OVERLAY_H
#define DCD_PLOT_OVERLAY_H

#include <stddef.h>

#include "dcd_buf.h"
#include "dcd_chart.h"
#include "dcd_chart_text.h"
#include "dcd_engine.h"
#include "dcd_error.h"
#include "dcd_scenario.h"

/* The overlay charts of a comparison, in the order they are drawn. */
enum dcd_overlay_chart {
    DCD_OVERLAY_SHARE,  /* share.png: DC share of national demand (AI dashed), % */
    DCD_OVERLAY_DC_TWH, /* dc_twh.png: data-centre facility energy, TWh */
    DCD_OVERLAY_IT_GW,  /* it_gw.png: installed IT capacity, GW */
    DCD_OVERLAY_NCHART
};

/* One curve of an overlay: a scenario's results and its text.  Every
 * pointer is borrowed. */
typedef struct dcd_overlay_series {
    const char *label; /* legend entry; unique within an overlay */
    const char *title; /* the scenario's title (or name), for the footer */
    const dcd_results *r;
    const char *const *with; /* overrides of this series only (for the footer) */
    size_t nwith;
    const dcd_expect *history; /* observed figures, drawn as open circles */
    size_t nhistory;
    const dcd_reference *references; /* the scenario's own reference marks */
    size_t nreferences;
    int base_year; /* the year that is 100 with DCD_OVERLAY_INDEX */
} dcd_overlay_series;

/* Flags of the overlays (`compare --index`, `--log`). */
#define DCD_OVERLAY_INDEX                                                                          \
    1                     /* each series as an index, its base year = 100                          \
                           * (reference marks, which are absolute, are left out) */
#define DCD_OVERLAY_LOG 2 /* logarithmic y axis (values <= 0 are left out) */

/* File name of overlay chart K in PNG ("share.png", ...), or NULL. */
const char *dcd_overlay_file(int k);
/* One-line caption of overlay chart K, or NULL. */
const char *dcd_overlay_caption(int k);

/* Returns 1 when overlay chart K has a value to show for some series (the
 * IT capacity of top-down energy scenarios, for one, is not determined). */
int dcd_overlay_applies(const dcd_overlay_series *s, size_t n, int k);

/* Appends the gnuplot script of overlay chart K for the N series S: one
 * curve per series, series j in the j-th colour of the palette on every
 * chart (dashes added when there are more series than colours), its
 * observed figures as open circles and its own reference marks in its
 * colour; labels from $TEXT; the plot area and legend of dcd_chart_frame.h,
 * the same on the overlays of one comparison.  A series without a value for
 * a year has a gap there; one without any value is named in the legend as
 * such.  FLAGS: DCD_OVERLAY_INDEX, DCD_OVERLAY_LOG.
 * Returns DCD_OK, DCD_EUSAGE (K out of range, N 0) or DCD_ENOMEM. */
int dcd_overlay_script(const dcd_overlay_series *s, size_t n, int k, const dcd_plot_opts *o,
                       int flags, dcd_buf *out);

/* Writes the scripts of every overlay chart that applies into DIR (created
 * if need be; the files of one that does not apply are removed) and draws
 * them through the pipeline of dcd_chart.h (O may be NULL: the defaults).
 * Returns as dcd_plot_batch_draw(); DCD_EIO when a script cannot be
 * written. */
int dcd_overlay_draw(const dcd_overlay_series *s, size_t n, const char *dir, const dcd_plot_opts *o,
                     int flags, dcd_diags *d);

/* ---- sweep charts --------------------------------------------------------- */

/* One varied parameter of a sweep: its path and its values, as numbers and
 * as the text given to --set.  Every pointer is borrowed. */
typedef struct dcd_chart_axis {
    const char *path;
    const double *value;     /* n values */
    const char *const *text; /* n numbers formatted by the program */
    size_t n;
} dcd_chart_axis;

/* What a sweep computed, for its charts.  Every pointer is borrowed. */
typedef struct dcd_sweep_chart {
    const char *name;           /* scenario name (text: goes through $TEXT) */
    const char *title;          /* may be NULL */
    int metric;                 /* enum dcd_total_metric */
    int year;                   /* the chosen year */
    const dcd_chart_axis *axis; /* 1 or 2 parameters */
    size_t naxis;
    /* Grid point p is value i of the first parameter (and j of the second:
     * p = i * axis[1].n + j); its metric by year runs from START[p] for
     * NY[p] years in Y[p]. */
    const int *start;
    const size_t *ny;
    const double *const *y;
    int has_target; /* --target: TARGET drawn as a line (one parameter) or a
                     * contour (two), its crossings marked */
    double target;
    const dcd_scenario *scenario; /* the segments' labels for the axes' names
                                   * (dcd_chart_input_name); NULL: their keys */
} dcd_sweep_chart;

/* More values of the first parameter than this: the curves chart shows the
 * spread (lowest to highest, quartiles, median) and the first and last
 * curves instead of one curve per value. */
#define DCD_SWEEP_MAX_CURVES 12

/* Where the metric in the chosen year crosses the target (S->has_target):
 * one parameter, the values X of it where the curve crosses (Y = the
 * target), interpolated linearly between grid points; two parameters, for
 * each value X of the first, the values Y of the second.  In the
 * parameters' own units.  Writes at most MAX pairs; returns how many. */
size_t dcd_sweep_crossings(const dcd_sweep_chart *s, double *x, double *y, size_t max);

/* File names of the sweep charts, in PNG. */
#define DCD_SWEEP_CURVES "sweep_curves.png"   /* one parameter: metric by year */
#define DCD_SWEEP_YEAR "sweep_year.png"       /* one parameter: metric in the year */
#define DCD_SWEEP_HEATMAP "sweep_heatmap.png" /* two parameters */

/* Appends the script of sweep chart WHICH (0 curves, 1 year, 2 heat map).
 * Returns DCD_OK, DCD_EUSAGE or DCD_ENOMEM. */
int dcd_sweep_script(const dcd_sweep_chart *s, int which, const dcd_plot_opts *o, dcd_buf *out);

/* Draws the sweep's charts into DIR: curves and year for one parameter, the
 * heat map for two.  Returns as dcd_overlay_draw(). */
int dcd_sweep_draw(const dcd_sweep_chart *s, const char *dir, const dcd_plot_opts *o, dcd_diags *d);

#endif
