/* dcd_mc_chart.h - the charts of `dcdemand mc` (charts layer,
 * model/charts/mc_charts.c), drawn through the one pipeline of dcd_chart.h:
 *
 * - fan.png: the share of national demand (dc_share_pct) by year, its P5-P95
 *   and P25-P75 bands and its median, with the scenario's published figures
 *   (expect:, filled diamonds), observed ones (history:, open circles) and
 *   reference marks (references:) as on the share chart;
 * - share_cdf.png: the distribution of that share in the target year as a
 *   cumulative curve P(share <= x), with each threshold marked on the curve
 *   and its exceedance probability P(share > t) written beside it.
 *
 * Both are on the shared frame (dcd_chart_frame.h): the run charts' plot
 * area, legend below the plot, the sources footer.
 *
 * The data come as plain arrays (the analysis layer fills them); every text
 * goes through the $TEXT datablock.  docs/uncertainty.md shows the charts.
 */
#ifndef DCD_MC_CHART_H
#define DCD_MC_CHART_H

#include <stddef.h>

#include "dcd_chart.h"
#include "dcd_error.h"
#include "dcd_scenario.h"

#define DCD_MC_FAN_STEM "fan"
#define DCD_MC_CDF_STEM "share_cdf"

/* A reference figure of dc_share_pct: published (tolerance >= 0) or
 * observed (tolerance < 0). */
typedef struct dcd_mc_mark {
    int year;
    double value, tolerance;
} dcd_mc_mark;

typedef struct dcd_mc_chart_data {
    const char *title; /* the scenario's title or name (any text) */
    size_t ndraws, nfailed;
    int start;                                /* first year */
    size_t ny;                                /* years */
    const double *p5, *p25, *p50, *p75, *p95; /* dc_share_pct by year (ny each) */
    const dcd_mc_mark *marks;
    size_t nmarks;
    int year;            /* the year of the distribution chart */
    const double *cdf_p; /* probabilities in (0, 1), ascending */
    const double *cdf_x; /* the share at each (its quantile) */
    size_t ncdf;
    const double *thr;   /* thresholds of dc_share_pct in YEAR */
    const double *thr_p; /* their exceedance probabilities */
    size_t nthr;
    /* The frame (dcd_chart_frame.h): the scenario's name (subtitle), its
     * references: of dc_share_pct (drawn on the fan chart as on the share
     * chart), its sources (the footer, when there are any) and its base
     * year (the observed/projected marker). */
    const char *name;
    const dcd_reference *refs;
    size_t nrefs;
    const char *const *sources;
    size_t nsources;
    int base_year;
} dcd_mc_chart_data;

/* Appends the script of chart STEM (DCD_MC_FAN_STEM or DCD_MC_CDF_STEM) to
 * OUT.  Returns 0, or -1 on OOM. */
int dcd_mc_chart_script(const dcd_mc_chart_data *c, const char *stem, const dcd_plot_opts *o,
                        dcd_buf *out);

/* Writes both scripts into DIR and draws them with one gnuplot (options O;
 * NULL for the defaults).  Returns as dcd_plot_batch_draw(), or DCD_EIO,
 * DCD_ENOMEM. */
int dcd_mc_chart_draw(const dcd_mc_chart_data *c, const char *dir, const dcd_plot_opts *o,
                      dcd_diags *d);

#endif
