/* dcd_mcstats.h - streaming statistics of Monte Carlo outputs: mean, sd,
 * percentiles and exceedance probabilities per cell (a cell is one
 * (year, metric) pair), mergeable exactly between threads and shards.
 *
 * Determinism.  Results are a pure function of the full, ordered set of
 * draws, whatever the split into threads or shards:
 * - mean and sd: Welford's recurrence within each block of DCD_SAMPLE_BLOCK
 *   draws (dcd_dist.h), in draw order; the block partials are kept and folded
 *   in block order (Chan et al.) only when results are asked for;
 * - percentiles: either exact (every value kept, by block; the order
 *   statistics selected at the end, O(n) per percentile; linear interpolation between order
 * statistics, NumPy's default), when NDRAWS x NCELLS doubles fit the memory budget, or else a
 * histogram of buckets of relative width at most 2 ALPHA read from the bits of each double
 * (exponent and leading mantissa bits; integer counts, whose sum does not depend on order); each
 * order statistic is then within relative error ALPHA; the mode depends only on the run's
 * configuration, so a shard uses the mode of the whole run;
 * - exceedance: integer counts of draws above each threshold.
 * See docs/uncertainty.md for the accuracy statement.
 */
#ifndef DCD_MCSTATS_H
#define DCD_MCSTATS_H

#include <stddef.h>
#include <stdint.h>

#include "dcd_buf.h"
#include "dcd_error.h"

/* The standard percentile list: P5, P10, P25, P50, P75, P90, P95. */
extern const double dcd_mcstats_default_pcts[7];

typedef struct dcd_threshold {
    size_t cell;  /* which cell */
    double value; /* P(X > value) is estimated */
} dcd_threshold;

typedef struct dcd_mcstats_config {
    size_t ndraws;      /* draws of the whole run (not of a shard) */
    size_t ncells;      /* values per draw */
    const double *pcts; /* percentiles in [0, 100], ascending; NULL: the default list */
    size_t npcts;
    const dcd_threshold *thresholds;
    size_t nthresholds;
    size_t exact_budget_bytes; /* 0: 64 MiB */
    double alpha;              /* histogram relative accuracy; 0: 1e-4 (13 mantissa bits) */
} dcd_mcstats_config;

/* Statistics over the blocks [FIRST_BLOCK, FIRST_BLOCK + NBLOCKS) of the
 * run.  One per thread (each adds its own blocks), merged with
 * dcd_mcstats_merge(). */
typedef struct dcd_mcstats dcd_mcstats;

/* Allocates; the configuration is copied.  Returns NULL and sets *STATUS
 * (DCD_EUSAGE for a bad configuration, DCD_ENOMEM).  Free with
 * dcd_mcstats_free(). */
dcd_mcstats *dcd_mcstats_alloc(const dcd_mcstats_config *cfg, size_t first_block, size_t nblocks,
                               int *status);
void dcd_mcstats_free(dcd_mcstats *s);
/* 1 when percentiles are exact, 0 when they come from the histogram. */
int dcd_mcstats_exact(const dcd_mcstats *s);

/* Adds block B: M draws (dcd_sample_block_size()) of NCELLS values each,
 * row-major in VALUES.  OK[i] == 0 marks draw i as failed (NULL: all ok);
 * failed draws are counted and left out of the statistics.  A block is added
 * once.  Returns DCD_OK, DCD_EUSAGE (block outside the range, added twice,
 * wrong size), DCD_EMODEL (a non-finite value in an ok draw), DCD_ENOMEM. */
int dcd_mcstats_add_block(dcd_mcstats *s, size_t b, const double *values, const unsigned char *ok,
                          size_t m);

/* Adding block B chunk by chunk, so that each value is read while it is
 * still in the cache it was computed in (what `mc` does): open it, give its
 * draws in order by chunks of DCD_MCSTATS_CHUNK (the last one of the block
 * may be shorter; CELLS[c] points at cell c's K values, contiguous; OK as
 * above), then close it.  The block's mean and squared deviations are
 * merged chunk by chunk, so the chunks are fixed: the statistics are those
 * of dcd_mcstats_add_block() (which chunks the same way) and do not depend
 * on the caller.  One block is open at a time.  Open: DCD_EUSAGE (outside
 * the range, added before, another open), DCD_ENOMEM.  Chunk: DCD_EUSAGE
 * (none open, K not the next chunk's size), DCD_EMODEL (a non-finite value
 * in an ok draw: abandon the block).  Close: DCD_EUSAGE when the draws given
 * are not the block's, DCD_ENOMEM.  Abandon forgets an open block (nothing
 * of it is counted). */
#define DCD_MCSTATS_CHUNK 32
int dcd_mcstats_block_open(dcd_mcstats *s, size_t b);
int dcd_mcstats_block_chunk(dcd_mcstats *s, const double *const *cells, const unsigned char *ok,
                            size_t k);
int dcd_mcstats_block_close(dcd_mcstats *s);
void dcd_mcstats_block_abandon(dcd_mcstats *s);

/* Moves everything SRC holds into DST (SRC's blocks must be within DST's
 * range, and none added to both).  Exact: integer counts add, block partials
 * and values move.  SRC is left empty.  Returns DCD_OK, DCD_EUSAGE. */
int dcd_mcstats_merge(dcd_mcstats *dst, dcd_mcstats *src);

/* 1 when every block of the range has been added. */
int dcd_mcstats_complete(const dcd_mcstats *s);
/* Draws added and draws that failed. */
size_t dcd_mcstats_count(const dcd_mcstats *s);
size_t dcd_mcstats_failed(const dcd_mcstats *s);

/* Results for CELL: mean, sample sd (n - 1), and the percentiles of the
 * configuration into PCT (npcts values).  Needs every block; returns DCD_OK,
 * DCD_EUSAGE (incomplete or bad cell), DCD_EMODEL (no successful draw),
 * DCD_ENOMEM.  Uses a scratch buffer of NDRAWS doubles in exact mode. */
int dcd_mcstats_result(const dcd_mcstats *s, size_t cell, double *mean, double *sd, double *pct);
/* Exceedance of threshold K: probability P = count / n and its Monte Carlo
 * standard error sqrt(P (1 - P) / n). */
int dcd_mcstats_exceedance(const dcd_mcstats *s, size_t k, double *p, double *se);

/* Appends everything S holds to OUT as text (a shard's partial result; the
 * doubles in hexadecimal, so that loading is exact).  DCD_OK or DCD_ENOMEM. */
int dcd_mcstats_save(const dcd_mcstats *s, dcd_buf *out);
/* Reads LEN bytes written by dcd_mcstats_save() into a new object (free it
 * with dcd_mcstats_free()), to be merged with dcd_mcstats_merge() into an
 * object allocated over all blocks with the same configuration.  Returns
 * NULL and sets *STATUS: DCD_EINPUT for a malformed or inconsistent text,
 * DCD_ENOMEM. */
dcd_mcstats *dcd_mcstats_load(const char *text, size_t len, int *status);

#endif
