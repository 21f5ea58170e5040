/* dcd_engine.h - the projection: a scenario in, year-by-year results out.
 *
 * dcd_project() is pure computation: no I/O, and no allocation, so analyses
 * can call it millions of times.  The caller allocates a workspace and a
 * results object once per scenario shape and reuses them.  The equations are
 * in docs/model.md.
 */
#ifndef DCD_ENGINE_H
#define DCD_ENGINE_H

#include <stddef.h>
#include <stdio.h>

#include "dcd_error.h"
#include "dcd_metrics.h"
#include "dcd_scenario.h"

/* Results of one projection.  A value that the scenario does not determine
 * (emissions without a grid intensity, IT energy of a segment stated as
 * facility energy without a PUE) is NaN and is written as an empty cell. */
typedef struct dcd_results {
    int start;       /* first year */
    size_t ny;       /* number of years */
    size_t nseg;     /* number of segments */
    char **seg_name; /* owned copies */
    int *seg_ai;
    double *total; /* total[m * ny + i], m an enum dcd_total_metric */
    double *seg;   /* seg[(s * DCD_NSEGMETRIC + m) * ny + i] */
} dcd_results;

/* Value of total metric M in year index I. */
#define DCD_TOTAL(r, m, i) ((r)->total[(size_t)(m) * (r)->ny + (i)])
/* Value of segment S's metric M in year index I. */
#define DCD_SEG(r, s, m, i) ((r)->seg[((size_t)(s)*DCD_NSEGMETRIC + (size_t)(m)) * (r)->ny + (i)])

/* Allocates results for NY years from START and NSEG segments named NAMES
 * (copied; AI flags from AI, may be NULL).  Returns NULL on OOM.  Free with
 * dcd_results_free(). */
dcd_results *dcd_results_new(int start, size_t ny, size_t nseg, const char *const *names,
                             const int *ai);
/* Allocates results shaped for SC.  Returns NULL on OOM. */
dcd_results *dcd_results_alloc(const dcd_scenario *sc);
/* Frees R; accepts NULL. */
void dcd_results_free(dcd_results *r);

/* Scratch space for dcd_project(), sized for one scenario's shape (years,
 * segments, largest series).  Opaque. */
typedef struct dcd_workspace dcd_workspace;

/* Returns a workspace for scenarios shaped like SC, or NULL on OOM.  Free
 * with dcd_workspace_free(). */
dcd_workspace *dcd_workspace_alloc(const dcd_scenario *sc);
/* Frees W; accepts NULL. */
void dcd_workspace_free(dcd_workspace *w);

/* Projects SC into R using workspace W (both allocated for SC's shape; a
 * mismatch is a programmer error, asserted).  Returns DCD_OK, or DCD_EMODEL
 * when a value comes out infinite or impossible (negative capacity, national
 * demand smaller than data centres beyond rounding, an overflow of capital
 * spending, emissions, water or a total, a series that cannot be
 * interpolated); then one message naming the input's path and the year is
 * added to DIAGS (which may be NULL when the caller only needs the status).
 * Every DCD_EMODEL carries a message.  To evaluate one scenario many times
 * with a few inputs changed, see dcd_prepared.h. */
int dcd_project(const dcd_scenario *sc, dcd_workspace *w, dcd_results *r, dcd_diags *diags);

/* One projection of SC into new results *OUT (freed by the caller with
 * dcd_results_free(); NULL on failure), with a workspace allocated and freed
 * here: for commands that project each scenario once.  Analyses that
 * evaluate a scenario many times allocate the workspace themselves.
 * Returns as dcd_project(), or DCD_ENOMEM. */
int dcd_project_new(const dcd_scenario *sc, dcd_results **out, dcd_diags *diags);

/* Plausibility warnings (docs/model.md, "Plausibility warnings"): adds to W
 * one message per suspicious input of SC (a growth of 1 = 100 %/yr or more,
 * or a whole number that reads as a percentage; a PUE above 3; utilisation 0
 * in a capacity or fleet segment; an installed base older than its fixed
 * lifetime) and of its results R (a share of national demand above 50 %;
 * R may be NULL: inputs only), each naming the path and the year.  Reads
 * only: results are never changed.  Returns the number of warnings added. */
size_t dcd_plausibility(const dcd_scenario *sc, const dcd_results *r, dcd_diags *w);

/* Prints the warnings W as "FILE: warning: MESSAGE" lines on OUT. */
void dcd_warnings_print(const dcd_diags *w, FILE *out);

#endif
