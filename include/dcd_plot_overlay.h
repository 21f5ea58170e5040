/* dcd_plot_overlay.h - charts with several scenarios or grid points in one
 * picture: the overlays of `dcdemand compare` and the charts of `sweep`.
 *
 * Part of the plot module (dcd_plot.h): gnuplot runs only through it, with
 * the same safety rules.  Scenario text and labels reach gnuplot only as
 * lines of the $TEXT datablock (dcd_plot_text_line), used with enhanced
 * text off; numbers are formatted by the program; output names are fixed.
 * Each chart's script is saved beside its picture (NAME.gp), so it can be
 * redrawn by hand with `gnuplot NAME.gp`.
 */
#ifndef DCD_PLOT_OVERLAY_H
#define DCD_PLOT_OVERLAY_H

#include <stddef.h>

#include "dcd_buf.h"
#include "dcd_compare.h"
#include "dcd_error.h"
#include "dcd_plot.h"

/* The overlay charts of a comparison, in the order they are drawn. */
enum dcd_overlay_chart {
    DCD_OVERLAY_SHARE,  /* share.png: DC share of national demand (AI dashed), % */
    DCD_OVERLAY_DC_TWH, /* dc_twh.png: data-centre facility energy, TWh */
    DCD_OVERLAY_IT_GW,  /* it_gw.png: installed IT capacity, GW */
    DCD_OVERLAY_NCHART
};

/* File name of overlay chart K in PNG ("share.png", ...), or NULL. */
const char *dcd_overlay_file(int k);
/* One-line caption of overlay chart K, or NULL. */
const char *dcd_overlay_caption(int k);

/* Returns 1 when overlay chart K has a value to show for some column (the
 * IT capacity of top-down energy scenarios, for one, is not determined). */
int dcd_overlay_applies(const dcd_compare_col *cols, size_t ncol, int k);

/* Appends the gnuplot script of overlay chart K for the NCOL columns of
 * COLS: one curve per column, column j in the j-th colour of the palette on
 * every chart (dashes added when there are more columns than colours);
 * labels from $TEXT.  A column without a value for a year has a gap there;
 * one without any value is named in the legend as such.
 * Returns DCD_OK, DCD_EUSAGE (K out of range) or DCD_ENOMEM. */
int dcd_overlay_script(const dcd_compare_col *cols, size_t ncol, int k, const dcd_plot_opts *o,
                       dcd_buf *out);

/* Writes the scripts of every overlay chart that applies into DIR (and
 * removes the files of one that does not) and runs gnuplot there over all
 * of them (O may be NULL: dcd_plot_opts_default).  Returns DCD_OK,
 * DCD_EIO, DCD_EPLOT (gnuplot missing or failed, with its messages in D) or
 * DCD_ENOMEM. */
int dcd_overlay_draw(const dcd_compare_col *cols, size_t ncol, const char *dir,
                     const dcd_plot_opts *o, dcd_diags *d);

/* ---- sweep charts --------------------------------------------------------- */

/* What a sweep computed, for its charts.  Every pointer is borrowed. */
typedef struct dcd_sweep_chart {
    const char *name;  /* scenario name (text: goes through $TEXT) */
    const char *title; /* may be NULL */
    int metric;        /* enum dcd_total_metric */
    int year;          /* the chosen year */
    const dcd_vary *vary; /* 1 or 2 parameters */
    size_t nvary;
    /* Grid point p is value i of the first parameter (and j of the second:
     * p = i * vary[1].n + j); its metric by year runs from START[p] for
     * NY[p] years in Y[p]. */
    const int *start;
    const size_t *ny;
    const double *const *y;
} dcd_sweep_chart;

/* File names of the sweep charts, in PNG. */
#define DCD_SWEEP_CURVES "sweep_curves.png"   /* one parameter: metric by year */
#define DCD_SWEEP_YEAR "sweep_year.png"       /* one parameter: metric in the year */
#define DCD_SWEEP_HEATMAP "sweep_heatmap.png" /* two parameters */

/* Appends the script of sweep chart WHICH (0 curves, 1 year, 2 heat map).
 * Returns DCD_OK, DCD_EUSAGE or DCD_ENOMEM. */
int dcd_sweep_script(const dcd_sweep_chart *s, int which, const dcd_plot_opts *o, dcd_buf *out);

/* Draws the sweep's charts into DIR: curves and year for one parameter, the
 * heat map for two.  Returns as dcd_overlay_draw(). */
int dcd_sweep_draw(const dcd_sweep_chart *s, const char *dir, const dcd_plot_opts *o,
                   dcd_diags *d);

#endif
