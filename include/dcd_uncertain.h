/* dcd_uncertain.h - an uncertain scenario ready for many evaluations: the
 * shared part of `mc` and `sensitivity` (analysis layer,
 * model/analysis/uncertain.c).
 *
 * From a loaded scenario whose `uncertainty:` key holds the distributions
 * (dcd_uncertainty.h), dcd_umodel_new() builds
 * - the prepared scenario (dcd_prepared.h) with one parameter per uncertain
 *   input, in the input's mode (scale, shift, or value = DCD_APPLY_SET), in
 *   the file's order: a draw vector x[0..d) is directly the parameter vector;
 * - the array of the d distributions (for dcd_draw_block()) and the rank
 *   correlation matrix (NULL without correlations).
 * Each thread then takes a workspace (dcd_umodel_ws: its evaluation
 * workspace, generator, Iman-Conover workspace and a block of uniforms and
 * draws) and
 *     n = dcd_umodel_draw(m, sampler, w, b, &st);     // block b's draws
 *     for i < n: dcd_umodel_eval(m, w, dcd_umodel_ws_draws(w) + i * d, out + i * nc);
 * where the output cells are chosen once with dcd_umodel_cells().
 *
 * dcd_parallel_blocks() runs a function over blocks with T threads
 * (pthreads).  Which thread computes a block never changes its draws
 * (docs/uncertainty.md, "Streams"), so results gathered per block (for
 * example in dcd_mcstats, which merges exactly) do not depend on T.
 *
 * Thread safety: after dcd_umodel_new() the model is read-only; one
 * workspace per thread.
 */
#ifndef DCD_UNCERTAIN_H
#define DCD_UNCERTAIN_H

#include <stddef.h>
#include <stdint.h>

#include "dcd_dist.h"
#include "dcd_error.h"
#include "dcd_prepared.h"
#include "dcd_rankcorr.h"
#include "dcd_scenario.h"
#include "dcd_uncertainty.h"

/* Threads used when none are asked for: the online CPUs, at most this. */
#define DCD_THREADS_MAX_DEFAULT 8
/* The most threads a command accepts. */
#define DCD_THREADS_MAX 256

typedef struct dcd_umodel dcd_umodel;
typedef struct dcd_umodel_ws dcd_umodel_ws;

/* One output value of a draw: total metric METRIC (enum dcd_total_metric,
 * dcd_engine.h) in year index YEAR (0 = years.start). */
typedef struct dcd_ucell {
    int metric;
    size_t year;
} dcd_ucell;

/* Builds the model of SC (borrowed: it must outlive *OUT and not change).
 * TOTALS is the dcd_prepared_select() mask of the totals the caller reads
 * (DCD_TOTALS_ENERGY for shares and energy: about twice as fast).  Returns
 * DCD_OK; DCD_EINPUT with located messages in D when SC has no
 * `uncertainty:` key or it is invalid; DCD_EMODEL when a part of the
 * scenario no input touches cannot be projected; DCD_ENOMEM.  Free *OUT
 * with dcd_umodel_free(). */
int dcd_umodel_new(const dcd_scenario *sc, unsigned long totals, dcd_umodel **out, dcd_diags *d);
/* Frees M; accepts NULL. */
void dcd_umodel_free(dcd_umodel *m);

/* Number of uncertain inputs d. */
size_t dcd_umodel_dim(const dcd_umodel *m);
/* The inputs (paths, distributions, resolved modes), in the file's order;
 * owned by M. */
const dcd_uncertainty *dcd_umodel_spec(const dcd_umodel *m);
/* The d distributions as one array (for dcd_draw_block()); owned by M. */
const dcd_dist *dcd_umodel_dists(const dcd_umodel *m);
/* The d x d Spearman targets, or NULL without correlations; owned by M. */
const double *dcd_umodel_corr(const dcd_umodel *m);
/* The prepared scenario (parameter k = input k); owned by M. */
const dcd_prepared *dcd_umodel_prepared(const dcd_umodel *m);
/* The scenario's years: count and first. */
size_t dcd_umodel_years(const dcd_umodel *m);
int dcd_umodel_start(const dcd_umodel *m);
/* Each input's median draw (d values; owned by M): the centre of a tornado. */
const double *dcd_umodel_medians(const dcd_umodel *m);

/* Sets the output cells read by dcd_umodel_eval() (copied; at most
 * dcd_umodel_years() x DCD_NTOTAL).  DCD_OK, DCD_EUSAGE (a cell out of
 * range), DCD_ENOMEM.  Call before allocating workspaces. */
int dcd_umodel_cells(dcd_umodel *m, const dcd_ucell *cells, size_t ncells);
size_t dcd_umodel_ncells(const dcd_umodel *m);

/* A workspace for one thread; NULL on OOM.  Free with dcd_umodel_ws_free()
 * (accepts NULL). */
dcd_umodel_ws *dcd_umodel_ws_alloc(const dcd_umodel *m);
void dcd_umodel_ws_free(dcd_umodel_ws *w);

/* Draws block B of sampler S (whose dimension is dcd_umodel_dim()): the
 * uniforms, the rank correlation, the quantiles, into the workspace
 * (dcd_umodel_ws_draws(): rows of d values).  Returns the number of rows (0
 * when B is not among the sampler's blocks) and *STATUS. */
size_t dcd_umodel_draw(const dcd_umodel *m, const dcd_sampler *s, dcd_umodel_ws *w, size_t b,
                       int *status);
/* The draws of the last dcd_umodel_draw() (DCD_SAMPLE_BLOCK rows of d;
 * owned by W). */
const double *dcd_umodel_ws_draws(const dcd_umodel_ws *w);

/* Evaluates the scenario with input k at X[k] and writes the chosen cells
 * to OUT (dcd_umodel_ncells() values).  Returns DCD_OK, or DCD_EMODEL when
 * the projection of this draw is impossible (a failed draw: OUT is left as
 * it was).  Allocates nothing. */
int dcd_umodel_eval(const dcd_umodel *m, dcd_umodel_ws *w, const double *x, double *out);
/* Evaluates K <= DCD_LANES draws X (rows of d values) at once
 * (dcd_prepared_eval_lanes(): the numbers of dcd_umodel_eval(), faster),
 * draw l's status into STATUS[l] (DCD_OK, or DCD_EMODEL with the message of
 * the first failure in D, which may be NULL); draw l's value of cell c is
 * then dcd_umodel_lane_cells(M, W)[c][l] (no meaningful number for a failed
 * draw).  Returns DCD_OK, or DCD_ENOMEM. */
int dcd_umodel_eval_lanes(const dcd_umodel *m, dcd_umodel_ws *w, const double *x, size_t k,
                          int *status, dcd_diags *d);
/* Where the last dcd_umodel_eval_lanes() left each cell's values (ncells
 * pointers to DCD_LANES values; owned by W, valid until its next
 * evaluation), or NULL on OOM. */
const double *const *dcd_umodel_lane_cells(const dcd_umodel *m, dcd_umodel_ws *w);

/* ---- threads -------------------------------------------------------------- */

/* Threads when none are asked for: the online CPUs, between 1 and
 * DCD_THREADS_MAX_DEFAULT. */
unsigned dcd_default_threads(void);

/* Calls FN(CTX, THREAD, B) once for every block B in [FIRST, FIRST + COUNT)
 * with NTHREADS threads (THREAD in [0, NTHREADS): the index of the caller's
 * per-thread workspace; thread 0 is the calling thread).  Blocks are handed
 * out in increasing order; which thread takes which varies between runs, so
 * FN must make a block's result independent of the thread.  When FN returns
 * non-zero, no new block is started and the status of the lowest failing
 * block is returned; else DCD_OK (DCD_ENOMEM when a thread cannot start).
 * PROGRESS (may be NULL) is called by thread 0 after each of its blocks
 * with the number of blocks finished so far. */
int dcd_parallel_blocks(size_t first, size_t count, unsigned nthreads,
                        int (*fn)(void *ctx, unsigned thread, size_t block), void *ctx,
                        void (*progress)(void *ctx, size_t done, size_t total));

/* ---- shard states (mc_shard.c, sensitivity.c) ------------------------------ */

/* A read position in a shard state's text: P up to END. */
typedef struct dcd_cursor {
    const char *p, *end;
} dcd_cursor;
/* The next line (without its newline) into LINE (CAP bytes), *C advanced;
 * -1 at the end or when the line is too long. */
int dcd_cursor_line(dcd_cursor *c, char *line, size_t cap);
/* Checks that the N shards in SHARDS (an array of N elements of SIZE bytes,
 * at most 64) are the NSHARDS shards of one run, sorting them in place by
 * INDEX(element) (1 to NSHARDS).  Returns DCD_OK, or DCD_EINPUT with a
 * message in D when one is missing or given twice. */
int dcd_shards_order(void *shards, size_t size, size_t n, size_t nshards,
                     size_t (*index)(const void *elem), dcd_diags *d);

#endif
