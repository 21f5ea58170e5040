/* dcd_chart_redraw.h - redrawing the chart scripts a command saved in a
 * folder, in another format or size (`dcdemand plot` of a compare, sweep,
 * calibrate, mc, sensitivity or report folder; model/charts/chart_redraw.c).
 *
 * Charts layer, above dcd_chart.h (the pipeline) and dcd_chart_frame.h (the
 * layout section laid out again for the new size).  docs/charts.md
 * ("Redrawing at another size").
 */
#ifndef DCD_CHART_REDRAW_H
#define DCD_CHART_REDRAW_H

#include <stddef.h>

#include "dcd_chart.h"
#include "dcd_error.h"

/* Lists in *STEMS (sorted; the caller frees with dcd_plot_scripts_free)
 * the N chart scripts DIR/STEM.gp whose STEM is a plain name ([a-z0-9_])
 * and whose first line says the program wrote it under that name (a copy
 * made by hand under another name is left alone).
 * Returns DCD_OK, DCD_EINPUT (DIR cannot be read, with a diagnostic) or
 * DCD_ENOMEM. */
int dcd_plot_scripts_list(const char *dir, char ***stems, size_t *n, dcd_diags *d);
void dcd_plot_scripts_free(char **stems, size_t n);

/* Queues DIR/STEM.gp, a chart script the program saved, to be drawn again
 * with B's options (`dcdemand plot` of a compare, sweep or calibrate
 * folder): its head (terminal, size, output) is written anew, its layout
 * section laid out again for the new size (dcd_chart_relayout), and the
 * rest kept, once checked to hold only what the program writes (no command,
 * pipe, macro or backquote: see model/charts/chart_redraw.c).  Returns
 * DCD_OK; DCD_EINPUT (not such a script, located diagnostic); as
 * dcd_plot_batch_script(). */
int dcd_plot_batch_redraw(dcd_plot_batch *b, const char *dir, const char *stem, dcd_diags *d);

#endif
