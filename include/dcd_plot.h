/* dcd_plot.h - the charts of one scenario's results, drawn by gnuplot.
 *
 * Turns results (dcd_engine.h) and a scenario's text (name, title, sources,
 * reference points) into one gnuplot script per chart, saved beside its
 * chart (share.gp draws share.png, ...), and draws them through the one
 * chart pipeline of dcd_chart.h (one gnuplot process for all the charts of a
 * command, pictures replaced whole or not at all).  docs/charts.md describes
 * the charts, the scripts and how to redraw them by hand.
 *
 * Safety: scenario text reaches gnuplot only as lines of the datablock
 * $TEXT (dcd_chart_text.h), used as $TEXT[i] labels with enhanced text off;
 * numbers are formatted by the program; output file names are fixed names
 * chosen by the program, in the script's own folder; gnuplot runs with -d.
 */
#ifndef DCD_PLOT_H
#define DCD_PLOT_H

#include <stddef.h>

#include "dcd_buf.h"
#include "dcd_chart.h"
#include "dcd_chart_text.h"
#include "dcd_engine.h"
#include "dcd_error.h"
#include "dcd_scenario.h"

/* The charts of a run, in the order they are drawn. */
enum dcd_chart {
    DCD_CHART_SHARE,     /* share.png: DC and AI share of national demand, % */
    DCD_CHART_ENERGY,    /* energy.png: facility energy by segment, stacked, TWh */
    DCD_CHART_LOAD,      /* load.png: IT and facility capacity and average load, GW */
    DCD_CHART_NATIONAL,  /* national.png: national demand, DC and the rest, TWh */
    DCD_CHART_EMISSIONS, /* emissions.png: Mt CO2 by segment (needs a grid intensity) */
    DCD_NCHART
};

/* The text of a scenario that charts show.  Pointers are borrowed: they
 * must stay valid while the struct is used. */
typedef struct dcd_plot_meta {
    const char *name;  /* scenario name; NULL shows as "scenario" */
    const char *title; /* may be NULL: the name is used */
    const char *const *sources;
    size_t nsources;
    const dcd_expect *expect; /* published figures, drawn as markers */
    size_t nexpect;
    const dcd_expect *history; /* observed figures */
    size_t nhistory;
    const dcd_reference *references; /* reference marks (references:) */
    size_t nreferences;
    const dcd_segment *segments; /* for the segments' labels (may be NULL) */
    size_t nsegments;
    int base_year; /* marked as the end of stated years (0: none) */
} dcd_plot_meta;

/* Points META's fields at SC's (borrowed: SC must outlive META). */
void dcd_plot_meta_from(const dcd_scenario *sc, dcd_plot_meta *meta);

/* File name stem of chart C ("share", "energy", ...), or NULL. */
const char *dcd_chart_name(int chart);
/* Returns 1 when chart C has something to show for R: every chart but the
 * emissions chart always does; that one only when co2_mt has a value. */
int dcd_plot_chart_applies(const dcd_results *r, int chart);

/* Appends to OUT the complete gnuplot script of chart C: terminal and output
 * (dcd_chart_script_head: NAME.EXT beside the script), the data in
 * datablocks, the text of META in the datablock $TEXT.  The same inputs give the same bytes.
 * Returns DCD_OK, DCD_EUSAGE (C out of range) or DCD_ENOMEM. */
int dcd_plot_script(const dcd_plot_meta *meta, const dcd_results *r, int chart,
                    const dcd_plot_opts *o, dcd_buf *out);

/* Draws every chart that applies to R into folder DIR through a batch of
 * its own (dcd_chart.h: scripts DIR/NAME.gp written atomically, the files of
 * a chart that no longer applies removed, one gnuplot process, pictures
 * checked and renamed into place, PDF dates pinned).  Returns as
 * dcd_plot_batch_draw(); DCD_EIO when a script cannot be written.  Problems
 * go to D. */
int dcd_plot_draw(const dcd_plot_meta *meta, const dcd_results *r, const char *dir,
                  const dcd_plot_opts *o, dcd_diags *d);

/* Writes the scripts of every chart that applies to R into folder DIR (as
 * dcd_plot_draw() does) into batch B (dcd_chart.h), and removes the files of
 * a chart that no longer applies; when the batch fails, a note says how to
 * draw the charts later.  Returns DCD_OK, DCD_EIO or DCD_ENOMEM. */
int dcd_plot_batch_add(dcd_plot_batch *b, const dcd_plot_meta *meta, const dcd_results *r,
                       const char *dir, dcd_diags *d);

/* New results without charts (`run --no-plots`): removes every run chart
 * (pictures and scripts) and temporary picture from DIR, so that no chart
 * beside the new numbers shows old ones.  Returns DCD_OK, DCD_EIO or
 * DCD_ENOMEM. */
int dcd_plot_forget(const char *dir, dcd_diags *d);

#endif
