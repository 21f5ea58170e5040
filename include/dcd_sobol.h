/* dcd_sobol.h - global sensitivity: Saltelli's sampling design, first-order
 * (Saltelli 2010) and total (Jansen 1999) Sobol indices with bootstrap
 * confidence intervals, and the one-at-a-time tornado.
 *
 * Design.  N base rows, each 2D uniforms (dcd_sampler with dimension 2 D:
 * A = the first D, B = the last D; the block structure of dcd_dist.h makes
 * base rows shard- and thread-independent).  Base row j is evaluated D + 2
 * times: k = 0 at A_j, k = 1 at B_j, k = 2 + i at AB_i,j (A_j with column i
 * taken from B_j).  Outputs are stored as Y[j (D + 2) + k].
 *
 * Estimators, with V the variance of the 2N outputs at A and B:
 *   S_i  = mean_j( f(B_j) (f(AB_i,j) - f(A_j)) ) / V          (Saltelli 2010)
 *   ST_i = mean_j( (f(A_j) - f(AB_i,j))^2 ) / (2 V)           (Jansen 1999)
 * Intervals: percentile bootstrap over base rows, resample r drawn from
 * stream (seed, DCD_STREAM_BOOT, r).  See docs/uncertainty.md.
 */
#ifndef DCD_SOBOL_H
#define DCD_SOBOL_H

#include <stddef.h>
#include <stdint.h>

#include "dcd_dist.h"
#include "dcd_error.h"

/* Evaluations per base row, D + 2. */
size_t dcd_saltelli_per_row(size_t d);
/* The D uniforms of evaluation K (0: A, 1: B, 2 + i: AB_i) of the base row
 * whose 2D uniforms are U2D, into U. */
void dcd_saltelli_point(const double *u2d, size_t d, size_t k, double *u);

typedef struct dcd_sobol_index {
    double first, first_lo, first_hi; /* S_i and its interval */
    double total, total_lo, total_hi; /* ST_i and its interval */
} dcd_sobol_index;

/* Estimates the indices of the D inputs from Y (NBASE rows of D + 2
 * outputs), with NBOOT bootstrap resamples (0: no intervals; then lo = hi =
 * the estimate) and a CONF two-sided percentile interval (e.g. 0.95), seeded
 * by SEED.  OUT holds D entries.  Returns DCD_OK, DCD_EUSAGE (bad sizes,
 * CONF outside (0, 1)), DCD_EMODEL (non-finite output, or no variance),
 * DCD_ENOMEM.  Allocates NBOOT x D x 2 doubles while it runs. */
int dcd_sobol_estimate(const double *y, size_t nbase, size_t d, size_t nboot, double conf,
                       uint64_t seed, dcd_sobol_index *out);

/* ORDER (D entries) gets the inputs by decreasing total index (ties: by
 * first-order index, then input order). */
void dcd_sobol_rank(const dcd_sobol_index *ix, size_t d, size_t *order);

/* A model evaluation: from D inputs X, one output *Y.  Returns 0, or
 * non-zero when the model cannot be evaluated at X. */
typedef int (*dcd_model_fn)(void *ctx, const double *x, double *y);

typedef struct dcd_tornado_bar {
    size_t input;      /* index into the inputs */
    double x_lo, x_hi; /* the input's quantiles at P_LO and P_HI */
    double y_lo, y_hi; /* the output with the input there, others at medians */
    double swing;      /* |y_hi - y_lo| */
} dcd_tornado_bar;

/* One-at-a-time sensitivity: *Y_BASE is the output with every input at its
 * median; then each input alone at its P_LO and P_HI quantiles (0.1 and 0.9
 * for P10/P90).  BARS (D entries) come sorted by decreasing swing (ties: input
 * order).  X is the caller's scratch of D doubles.  Returns DCD_OK,
 * DCD_EUSAGE, or DCD_EMODEL when the model fails (the failing input is then
 * BARS[0].input). */
int dcd_tornado(const dcd_dist *dists, size_t d, double p_lo, double p_hi, dcd_model_fn f,
                void *ctx, double *x, double *y_base, dcd_tornado_bar *bars);

#endif
