/* dcd_mcstats_impl.h - the inside of the Monte Carlo statistics, shared by
 * model/analysis/mcstats.c (adding, merging, results) and
 * model/analysis/mcstats_state.c (saving and loading shard states).  Not for
 * use elsewhere. */
#ifndef DCD_MCSTATS_IMPL_H
#define DCD_MCSTATS_IMPL_H

#include <stdint.h>

#include "dcd_mcstats.h"

/* Counts of buckets k in [off, off + n).  A bucket is a range of magnitudes
 * sharing their binary exponent and their first SUB mantissa bits: the top
 * 11 + SUB bits of the IEEE 754 double, read as an integer (so bucketing
 * needs no libm and is the same on every machine).  A bucket's width is at
 * most 2^-SUB of its values; its midpoint is within 2^-(SUB+1) of any of
 * them. */
typedef struct store {
    int64_t off;
    size_t n;
    uint32_t *c;
} store;

typedef struct hist {
    store pos, neg;
    uint64_t zero;
} hist;

struct dcd_mcstats {
    dcd_mcstats_config cfg;
    double *pcts;
    dcd_threshold *thr;
    size_t first_block, nblocks;
    int exact;
    unsigned sub;        /* mantissa bits per bucket */
    unsigned char *have; /* per block of the range */
    size_t *nok;         /* successful draws per block */
    double *bmean, *bm2; /* per block x cell: mean, sum of squared deviations */
    double **vals;       /* exact: per block, ncells x nok values (cell-major) */
    hist *h;             /* histogram mode: per cell */
    double *scratch;     /* histogram mode: values not yet counted, cell-major */
    size_t pend, pcap;   /* values per cell in scratch, and its room per cell */
    size_t pstride;      /* doubles from one cell's values to the next's */
    uint16_t *c16;       /* histogram mode: C16_MAX counters for one flush */
    size_t range_draws;  /* draws of the blocks of the range */
    double *vmin, *vmax; /* per cell */
    /* the open block (dcd_mcstats_block_open()) */
    int ob_open;
    size_t ob_bi, ob_m;     /* its row in the range and its draws */
    size_t ob_seen, ob_nok; /* draws given so far, and the successful ones */
    double *keep;           /* exact: its values, cell-major, OB_M a cell */
    double *pass;           /* per cell: its extremes so far */
    uint64_t *ob_exceed;    /* per threshold: its count so far */
    uint64_t *exceed;       /* per threshold */
    size_t count, failed;
};

/* Makes room for buckets [LO, HI] in ST.  Returns 0, or -1 on OOM. */
int dcd_mcstats_store_reserve(store *st, int64_t lo, int64_t hi);

#endif
