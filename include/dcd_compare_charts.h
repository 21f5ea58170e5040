/* dcd_compare_charts.h - the charts of the analyses: a comparison's
 * overlays and a sweep's charts, as chart input (dcd_plot_overlay.h).
 *
 * Analysis layer: this adapter is the only code that knows both the
 * analyses' types (dcd_compare.h) and the charts' plain inputs, so the
 * charts layer never includes an analysis header.  A new analysis with
 * charts adds its adapter here (or in a file beside it).
 */
#ifndef DCD_COMPARE_CHARTS_H
#define DCD_COMPARE_CHARTS_H

#include <stddef.h>

#include "dcd_compare.h"
#include "dcd_error.h"
#include "dcd_plot_overlay.h"

/* Fills LINKS (room for DCD_OVERLAY_NCHART) with the overlay charts that
 * apply to C, as compare.md links them.  Returns their number, 0 on OOM. */
size_t dcd_compare_chart_links(const dcd_compare *c, dcd_compare_chart *links);

/* Draws the overlay charts of C into DIR (dcd_overlay_draw; O may be NULL).
 * Returns as dcd_overlay_draw(). */
int dcd_compare_draw_charts(const dcd_compare *c, const char *dir, const dcd_plot_opts *o,
                            dcd_diags *d);

/* Points AXES[k] at the path, values and texts of VARY[k] (borrowed: VARY
 * must outlive AXES), for k < N (1 or 2). */
void dcd_sweep_chart_axes(const dcd_vary *vary, size_t n, dcd_chart_axis *axes);

#endif
