/* dcd_compare.h - the `compare` analysis: scenarios side by side,
 * assumptions and results (model/analysis/compare*.c).
 *
 * A comparison takes N columns, each a loaded scenario with its results,
 * and builds two tables:
 * - assumptions: every input of the resolved documents (after extends and
 *   --set), one row per path (`segments.ai.growth`), one cell per column, a
 *   series compact in one cell (`2024: 0.75, 2027: 0.4`), with the unit its
 *   key implies; prose (title, description, sources, expect, history) is
 *   left out; a row whose cells are not all equal is marked;
 * - results: chosen metrics in chosen years, each column's difference to the
 *   first (absolute and relative).
 * The formatters turn the comparison into a terminal table, tidy CSV and
 * Markdown.  docs/compare.md describes the command and its outputs.
 *
 * Cells of a column that lacks an input, or results in a year outside a
 * scenario's range, are empty (never zero); notes say why.
 */
#ifndef DCD_COMPARE_H
#define DCD_COMPARE_H

#include <stddef.h>

#include "dcd_buf.h"
#include "dcd_engine.h"
#include "dcd_format.h"
#include "dcd_plot_overlay.h"
#include "dcd_scenario.h"
#include "dcd_tree.h"

/* Metrics a comparison derives from the totals, numbered after enum
 * dcd_total_metric (docs/compare.md, "What it takes"):
 * - additions_cum_gw: IT capacity added after the base year up to the year
 *   (0 in the base year, not determined before it);
 * - capex_bn_usd: capital spending in the year, billion USD;
 * - capex_cum_bn_usd: capital spending after the base year up to the year
 *   (not determined when a year's spending is not). */
enum dcd_compare_derived {
    DCD_C_ADDITIONS_CUM_GW = DCD_NTOTAL,
    DCD_C_CAPEX_BN_USD,
    DCD_C_CAPEX_CUM_BN_USD,
    DCD_C_NALL /* totals and derived metrics */
};

/* The result metrics a comparison shows, in order: dc_twh, ai_twh,
 * national_twh, dc_share_pct, ai_share_pct, dc_it_gw, dc_facility_gw,
 * dc_load_gw, additions_gw, additions_cum_gw, capex_bn_usd,
 * capex_cum_bn_usd, co2_mt (enum dcd_total_metric or dcd_compare_derived). */
#define DCD_COMPARE_NMETRIC 13
extern const int dcd_compare_metrics[DCD_COMPARE_NMETRIC];

/* Name, unit and label of metric M (a total or a derived metric); NULL
 * when M is neither.  Static. */
const dcd_metric_info *dcd_compare_metric_info(int m);

/* Years shown when none are asked for (those that some scenario has). */
#define DCD_COMPARE_NDEFAULT_YEARS 3
extern const int dcd_compare_default_years[DCD_COMPARE_NDEFAULT_YEARS];

/* Most years a comparison shows. */
#define DCD_COMPARE_MAX_YEARS 64

/* One column: a scenario and its results.  Every pointer is borrowed and
 * must outlive the comparison. */
typedef struct dcd_compare_col {
    const char *label; /* column heading; unique within a comparison */
    const dcd_scenario *sc;
    const dcd_results *r;
    const char *const *with; /* overrides of this column only (for headers) */
    size_t nwith;
} dcd_compare_col;

/* One input row of the assumptions table. */
typedef struct dcd_compare_row {
    char *path;       /* owned; `national.total_twh` */
    const char *unit; /* static; "" when the key implies none */
    char **cells;     /* ncol owned strings; NULL where the column lacks it */
    int differs;      /* 1 when the cells are not all the same */
} dcd_compare_row;

/* A built comparison.  Build with dcd_compare_build(), free with
 * dcd_compare_free(). */
typedef struct dcd_compare {
    const dcd_compare_col *cols; /* borrowed */
    size_t ncol;
    const char *const *sets; /* --set overrides of every column (borrowed) */
    size_t nsets;
    dcd_compare_row *rows; /* in the order of the documents */
    size_t nrows, ndiffer;
    int years[DCD_COMPARE_MAX_YEARS]; /* result years, ascending */
    size_t nyears;
    int metrics[DCD_COMPARE_NMETRIC]; /* metrics with a value in some column */
    size_t nmetrics;
    char **notes; /* owned sentences: different years, segments, left-out rows */
    size_t nnotes;
    size_t caprows, capnotes; /* allocated room of rows and notes (internal) */
    int chart_flags;          /* overlays: DCD_OVERLAY_INDEX | DCD_OVERLAY_LOG (0 after build) */
} dcd_compare;

/* Builds the comparison of NCOL columns (at least 1).  YEARS (NYEARS of
 * them, may be NULL/0 for the defaults) are the result years asked for;
 * those no column has are left out with a note.  When none of them is in
 * any column: asked-for years give DCD_EUSAGE (with *OUT NULL); the default
 * falls back to the latest end year.  SETS are the overrides applied to
 * every column (for the headers; borrowed).  On success *OUT is a new
 * comparison the caller frees with dcd_compare_free().  Returns DCD_OK,
 * DCD_EUSAGE or DCD_ENOMEM. */
int dcd_compare_build(const dcd_compare_col *cols, size_t ncol, const int *years, size_t nyears,
                      const char *const *sets, size_t nsets, dcd_compare **out);
/* Frees C; accepts NULL. */
void dcd_compare_free(dcd_compare *c);

/* The unit of input PATH from the schema (dcd_schema_lookup(): TWh,
 * fraction/yr, ratio, years, ...), written short for compare's unit column
 * ("GW" for "GW of IT"); "" for text, choices, flags and paths the schema
 * does not know.  Returns static text. */
const char *dcd_compare_unit(const char *path);

/* Appends to OUT the compact text of a value node: a number in its shortest
 * form (1e7 rather than 10.0e6), a series as `2024: 0.75, 2027: 0.4` sorted
 * by year, a list as `[a, b]`, a mapping as `{k: v}`, null as `~`.  Returns
 * 0, or -1 on OOM. */
int dcd_compare_cell(const dcd_node *n, dcd_buf *out);

/* The value of total metric M in YEAR in R; NaN when YEAR is outside R's
 * years or M is not a total metric. */
double dcd_compare_value(const dcd_results *r, int m, int year);

/* The value of metric M (a total or a derived metric) in YEAR for the
 * scenario SC with results R (SC gives the base year of the cumulative
 * metrics); NaN when not determined. */
double dcd_compare_metric_value(const dcd_scenario *sc, const dcd_results *r, int m, int year);

/* Decimals of total metric M in tables: 2 for shares in %, else 1.  Kept
 * for callers outside the tables; the tables write values with
 * DCD_NUM_SIG (dcd_format.h). */
int dcd_compare_decimals(int m);

/* Relative difference of V to REF, in %: 100 (V - REF) / |REF|; 0 when both
 * are 0; NaN when REF is 0 and V is not, or either is NaN. */
double dcd_compare_rel_pct(double v, double ref);

/* Appends the terminal report: scenarios, assumptions (only the differing
 * rows when DIFF_ONLY), results and notes, in lines of at most WIDTH
 * columns where possible (wide comparisons are cut into groups of columns,
 * each group repeating the first).  Returns 0, or -1 on OOM. */
int dcd_compare_format_text(const dcd_compare *c, int diff_only, int width, dcd_buf *out);

/* Appends tidy CSV with the header
 * `section,item,unit,year,scenario,value,differs,diff_abs,diff_pct`:
 * one row per input and column (section `assumption`, `differs` 0 or 1,
 * empty value where the column lacks the input), then one row per metric,
 * year and column (section `result`, differences to the first column).
 * Every row is written, whatever DIFF_ONLY is elsewhere.  Returns 0 or -1. */
int dcd_compare_format_csv(const dcd_compare *c, dcd_buf *out);

/* A chart to link from the Markdown report: a file name in the report's
 * folder and its caption (both borrowed). */
typedef struct dcd_compare_chart {
    const char *file;
    const char *caption;
} dcd_compare_chart;

/* Appends the Markdown report: scenarios, notes, assumptions (differing rows
 * in bold; only those when DIFF_ONLY), results with differences, and the
 * NCHARTS charts as images.  Returns 0, or -1 on OOM. */
int dcd_compare_format_md(const dcd_compare *c, int diff_only, const dcd_compare_chart *charts,
                          size_t ncharts, dcd_buf *out);

/* Writes DIR/compare.csv and DIR/compare.md (creating DIR), then, when
 * CHARTS, the overlay charts that compare.md links (dcd_plot_overlay.h).
 * DIFF_ONLY is as for dcd_compare_format_md().  Returns DCD_OK, DCD_EIO,
 * DCD_EPLOT (the tables were written, the charts failed) or DCD_ENOMEM,
 * with problems in D. */
int dcd_compare_write(const dcd_compare *c, const char *dir, int diff_only, int charts,
                      dcd_diags *d);

/* The --vary grids of `dcdemand sweep` (dcd_vary) moved to dcd_sweep.h;
 * included here for the chart code that still reads them from this header. */
#include "dcd_sweep.h"

/* ---- charts (model/analysis/compare_charts.c) -------------------------------
 * The adapter from the analyses' types to the charts' plain inputs
 * (dcd_plot_overlay.h), so the charts layer never includes an analysis
 * header.  A new analysis with charts adds its adapter beside it. */

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
