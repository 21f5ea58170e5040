/* dcd_dist.h - probability distributions of uncertain inputs, and the
 * seeded, block-structured sampling design (random or Latin hypercube).
 *
 * Families (docs/uncertainty.md): uniform, triangular, PERT, normal and
 * lognormal (both optionally truncated), discrete.  Every distribution is
 * sampled through its quantile function, so one draw costs O(1) whatever the
 * truncation, and Latin hypercube sampling and rank correlation work on
 * uniforms first.  GSL supplies the CDFs and their inverses.
 *
 * Streams.  Draws are grouped in blocks of DCD_SAMPLE_BLOCK draws.  The
 * generator of every block is seeded from (seed, stream tag, block index)
 * through a fixed 64-bit mixer (dcd_stream_seed), so draw i has the same
 * inputs whichever thread computes it and whichever shard its block falls in.
 * Latin hypercube permutations are one per dimension over all draws, seeded
 * from (seed, tag, dimension).
 */
#ifndef DCD_DIST_H
#define DCD_DIST_H

#include <gsl/gsl_rng.h>
#include <stddef.h>
#include <stdint.h>

#include "dcd_error.h"

typedef enum dcd_dist_kind {
    DCD_DIST_UNIFORM,    /* {min, max} */
    DCD_DIST_TRIANGULAR, /* {min, mode, max} */
    DCD_DIST_PERT,       /* {min, mode, max, lambda = 4}: a scaled beta */
    DCD_DIST_NORMAL,     /* {mean, sd}, optionally truncated to [min, max] */
    DCD_DIST_LOGNORMAL,  /* log X ~ N(mu, sigma), optionally truncated */
    DCD_DIST_DISCRETE    /* {values, weights} */
} dcd_dist_kind;

/* A distribution.  Fill it with one of the dcd_dist_set_* functions; a
 * discrete distribution owns two arrays, released by dcd_dist_free().  A
 * zero-initialised dcd_dist is empty and may be freed. */
typedef struct dcd_dist {
    dcd_dist_kind kind;
    double a, b, c;     /* uniform: min, (unused), max; triangular and PERT:
                           min, mode, max; normal: mean, sd, (unused);
                           lognormal: mu, sigma, (unused) */
    double lambda;      /* PERT shape (4 is the classic PERT) */
    double alpha, beta; /* PERT's beta parameters */
    double lo, hi;      /* support (truncation bounds; may be infinite) */
    double plo, phi;    /* normal/lognormal: standard CDF at the bounds */
    double qlo, qhi;    /* normal/lognormal: upper tail at the bounds */
    int upper;          /* normal/lognormal: the lower bound is above the median
                           (quantiles from the upper tail, where precision is) */
    size_t n;           /* discrete: number of values */
    double *values;     /* discrete: distinct values, ascending (owned) */
    double *cum;        /* discrete: cumulative weights, cum[n-1] == 1 (owned) */
    double *tab;        /* PERT: quantile table, 4 (DCD_PERT_NODES + 1) + 4 doubles (owned) */
} dcd_dist;

/* Intervals of each half of the PERT quantile table (see dist.c). */
#define DCD_PERT_NODES 1024

/* The constructors validate their parameters.  On success they return DCD_OK
 * and fill *D (freeing what it held); otherwise DCD_EINPUT with a one-line
 * reason in WHY (WHYCAP bytes, may be 0) and *D unchanged; DCD_ENOMEM when
 * memory ran out.  Truncation bounds LO/HI may be -HUGE_VAL/HUGE_VAL for none. */
int dcd_dist_set_uniform(dcd_dist *d, double min, double max, char *why, size_t whycap);
int dcd_dist_set_triangular(dcd_dist *d, double min, double mode, double max, char *why,
                            size_t whycap);
int dcd_dist_set_pert(dcd_dist *d, double min, double mode, double max, double lambda, char *why,
                      size_t whycap);
int dcd_dist_set_normal(dcd_dist *d, double mean, double sd, double lo, double hi, char *why,
                        size_t whycap);
/* Lognormal by its log-scale parameters: log X ~ N(MU, SIGMA) (median e^MU). */
int dcd_dist_set_lognormal(dcd_dist *d, double mu, double sigma, double lo, double hi, char *why,
                           size_t whycap);
/* Lognormal by the MEAN and SD of X itself (before truncation):
 * sigma^2 = log(1 + sd^2/mean^2), mu = log(mean) - sigma^2/2. */
int dcd_dist_set_lognormal_moments(dcd_dist *d, double mean, double sd, double lo, double hi,
                                   char *why, size_t whycap);
/* N VALUES with WEIGHTS (>= 0, positive sum; NULL for equal weights).  The
 * values must be distinct; they are stored in ascending order. */
int dcd_dist_set_discrete(dcd_dist *d, const double *values, const double *weights, size_t n,
                          char *why, size_t whycap);

/* Releases the arrays of a discrete or PERT distribution; accepts an empty
 * one. */
void dcd_dist_free(dcd_dist *d);
/* Deep copy into *DST (which must be empty or freed).  DCD_OK or DCD_ENOMEM. */
int dcd_dist_copy(dcd_dist *dst, const dcd_dist *src);

/* The quantile (inverse CDF) at U in (0, 1); U outside is clamped to the
 * support.  Monotone non-decreasing in U; O(1) except discrete (a binary
 * search).  PERT interpolates a table built once from GSL's beta inverse
 * (relative error below 1e-9 of the range; tested). */
double dcd_dist_quantile(const dcd_dist *d, double u);
/* dcd_dist_quantile() of N uniforms U[i * STRIDE] into X[i * STRIDE] (the
 * same numbers, the family's case chosen once). */
void dcd_dist_quantiles(const dcd_dist *d, const double *u, size_t n, size_t stride, double *x);
/* The CDF at X. */
double dcd_dist_cdf(const dcd_dist *d, double x);
double dcd_dist_median(const dcd_dist *d);
/* Mean and variance of the (truncated) distribution, in closed form. */
double dcd_dist_mean(const dcd_dist *d);
double dcd_dist_variance(const dcd_dist *d);
/* The support [*LO, *HI] (infinite ends for an untruncated normal). */
void dcd_dist_support(const dcd_dist *d, double *lo, double *hi);
/* The family's name as written in a scenario ("uniform", "pert"...). */
const char *dcd_dist_name(dcd_dist_kind k);
/* The family named NAME, or -1. */
int dcd_dist_from_name(const char *name);

/* ---- Sampling design ---------------------------------------------------- */

/* Draws per block: the unit of streams, threads, shards and rank correlation. */
#define DCD_SAMPLE_BLOCK 4096

/* Stream tags: independent generators for each use of one seed. */
enum dcd_stream_tag {
    DCD_STREAM_DRAWS = 1, /* uniforms of a block (random) or its LHS jitter */
    DCD_STREAM_LHS = 2,   /* Latin hypercube permutation of one dimension */
    DCD_STREAM_RANKS = 3, /* Iman-Conover scores of a block */
    DCD_STREAM_BOOT = 4   /* bootstrap resampling (Sobol intervals) */
};

/* A 64-bit generator seed from (SEED, TAG, INDEX): splitmix64 finalisers
 * chained over the three words.  Pure function; documented in
 * docs/uncertainty.md so that other implementations can reproduce it. */
uint64_t dcd_stream_seed(uint64_t seed, unsigned tag, uint64_t index);
/* Seeds R (a generator of dcd_rng_type()) for stream (SEED, TAG, INDEX). */
void dcd_stream_set(gsl_rng *r, uint64_t seed, unsigned tag, uint64_t index);

/* The generator of every stream: GSL's taus2 (L'Ecuyer's maximally
 * equidistributed combined Tausworthe generator, period 2^88; 32-bit
 * outputs over the full range; docs/uncertainty.md, "Random numbers"). */
const gsl_rng_type *dcd_rng_type(void);

/* A uniform integer in [0, N) (N >= 1) from R (of dcd_rng_type()), without
 * bias: Lemire's multiply-shift with rejection (ACM TOMACS 2019), one
 * generator output in all but about N / 2^32 of the calls. */
uint32_t dcd_rng_below(gsl_rng *r, uint32_t n);

typedef enum dcd_sampling { DCD_SAMPLING_RANDOM, DCD_SAMPLING_LHS } dcd_sampling;

/* The blocks [*FIRST, *FIRST + *COUNT) of a run of NBLOCKS blocks that shard
 * I of N (0-based I < N) computes: a contiguous, balanced split. */
void dcd_shard_blocks(size_t nblocks, size_t i, size_t n, size_t *first, size_t *count);
/* Number of blocks of NDRAWS draws, and the size of block B. */
size_t dcd_sample_nblocks(size_t ndraws);
size_t dcd_sample_block_size(size_t ndraws, size_t b);

/* A sampling plan for NDRAWS draws of D uniforms, restricted to the blocks
 * [FIRST_BLOCK, FIRST_BLOCK + NBLOCKS) (a shard; pass 0 and
 * dcd_sample_nblocks(NDRAWS) for all).  Read-only after allocation: threads
 * share one plan, each with its own gsl_rng. */
typedef struct dcd_sampler dcd_sampler;

/* Allocates a plan; for LHS it builds the D permutations (O(NDRAWS) time and
 * 4 bytes per draw of the shard per dimension).  Returns NULL and sets
 * *STATUS (DCD_EUSAGE for a bad argument, DCD_ENOMEM).  Free with
 * dcd_sampler_free(). */
dcd_sampler *dcd_sampler_alloc(dcd_sampling method, uint64_t seed, size_t ndraws, size_t d,
                               size_t first_block, size_t nblocks, int *status);
/* The same plan, its LHS permutations built on up to NTHREADS threads (one
 * dimension per thread at a time; 4 bytes per draw of the whole run per
 * thread while building).  The plan does not depend on NTHREADS. */
dcd_sampler *dcd_sampler_alloc_mt(dcd_sampling method, uint64_t seed, size_t ndraws, size_t d,
                                  size_t first_block, size_t nblocks, unsigned nthreads,
                                  int *status);
void dcd_sampler_free(dcd_sampler *s);
size_t dcd_sampler_dim(const dcd_sampler *s);
uint64_t dcd_sampler_seed(const dcd_sampler *s);
/* Fills U (row-major, dcd_sample_block_size() rows of D) with the uniforms
 * in (0, 1) of block B (within the plan's blocks), reseeding R (caller's
 * workspace) for the block.  Returns the number of rows.  No allocation. */
size_t dcd_sampler_block(const dcd_sampler *s, size_t b, gsl_rng *r, double *u);

#endif
