/* dcd_rankcorr.h - rank correlation between sampled inputs (Iman-Conover).
 *
 * Iman and Conover (1982): the columns of a sample are reordered so that
 * their ranks follow those of a score matrix with the target correlation;
 * each column keeps exactly its own values (so marginals, and a Latin
 * hypercube design, are untouched).  dcdemand applies it block by block
 * (DCD_SAMPLE_BLOCK draws, dcd_dist.h) with the scores of block B drawn from
 * stream (seed, DCD_STREAM_RANKS, B), so the result does not depend on
 * threads or shards.  Targets are Spearman rank correlations; the scores get
 * the Pearson correlation 2 sin(pi rho / 6) that yields them.  See
 * docs/uncertainty.md.
 */
#ifndef DCD_RANKCORR_H
#define DCD_RANKCORR_H

#include <gsl/gsl_rng.h>
#include <stddef.h>
#include <stdint.h>

#include "dcd_dist.h"
#include "dcd_error.h"

/* Checks a D x D target correlation matrix C (row-major): finite, symmetric,
 * unit diagonal, off-diagonal in [-1, 1], and positive definite (GSL's
 * Cholesky) once converted to the scores' Pearson correlations.
 * Returns DCD_OK, or DCD_EINPUT with a reason in WHY (WHYCAP bytes). */
int dcd_corr_check(const double *c, size_t d, char *why, size_t whycap);

/* A workspace for blocks of at most MAX_ROWS rows of D columns with target C.
 * Returns NULL and sets *STATUS (DCD_EINPUT when C fails dcd_corr_check, with
 * WHY filled; DCD_ENOMEM).  The caller frees it with dcd_rankcorr_free(); one
 * workspace per thread. */
typedef struct dcd_rankcorr dcd_rankcorr;
dcd_rankcorr *dcd_rankcorr_alloc(const double *c, size_t d, size_t max_rows, int *status, char *why,
                                 size_t whycap);
void dcd_rankcorr_free(dcd_rankcorr *w);

/* Reorders each column of X (M rows of D, row-major, M <= MAX_ROWS) to impose
 * the target rank correlation, with scores from R seeded for stream
 * (SEED, DCD_STREAM_RANKS, BLOCK).  Only the columns named in at least one
 * non-zero correlation are reordered; the others are left as drawn.  A block
 * with no more rows than such columns (too few for the scores to have a
 * correlation) is left as it is.  Returns DCD_OK, or
 * DCD_EMODEL when the scores are degenerate. */
int dcd_rankcorr_apply(dcd_rankcorr *w, gsl_rng *r, uint64_t seed, size_t block, double *x,
                       size_t m);

/* Spearman's rank correlation of columns A and B of X (N rows, row stride
 * STRIDE).  WORK holds 3 N doubles and IDX N indices (caller's).  Ties get
 * their mean rank. */
double dcd_spearman(const double *x, size_t n, size_t stride, size_t a, size_t b, double *work,
                    size_t *idx);

/* Block B of a design: the sampler's uniforms, the rank correlation (RC may
 * be NULL for none), then each input's quantile.  U is scratch and X the
 * result, both dcd_sample_block_size() x D doubles (D = the sampler's
 * dimension = the number of DISTS).  Returns the number of rows (0 when B is
 * not in the sampler's blocks), and *STATUS. */
size_t dcd_draw_block(const dcd_sampler *s, const dcd_dist *dists, dcd_rankcorr *rc, gsl_rng *r,
                      size_t b, double *u, double *x, int *status);

#endif
