/* mcstats.c - streaming, exactly mergeable Monte Carlo statistics
 * (dcd_mcstats.h; method and accuracy in docs/uncertainty.md). */
#include "dcd_mcstats.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_dist.h"

const double dcd_mcstats_default_pcts[7] = {5, 10, 25, 50, 75, 90, 95};

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
    double *bmean, *bm2; /* per block x cell: Welford partials */
    double **vals;       /* exact: per block, ncells x nok values (cell-major) */
    hist *h;             /* histogram mode: per cell */
    double *scratch;     /* histogram mode: values not yet counted, cell-major */
    size_t pend, pcap;   /* values per cell in scratch, and its room per cell */
    size_t pstride;      /* doubles from one cell's values to the next's */
    uint16_t *c16;       /* histogram mode: C16_MAX counters for one flush */
    size_t range_draws;  /* draws of the blocks of the range */
    double *vmin, *vmax; /* per cell */
    uint64_t *exceed;    /* per threshold */
    size_t count, failed;
};

void dcd_mcstats_free(dcd_mcstats *s)
{
    if (!s)
        return;
    if (s->vals)
        for (size_t b = 0; b < s->nblocks; b++)
            free(s->vals[b]);
    if (s->h)
        for (size_t c = 0; c < s->cfg.ncells; c++) {
            free(s->h[c].pos.c);
            free(s->h[c].neg.c);
        }
    free(s->vals);
    free(s->h);
    free(s->scratch);
    free(s->c16);
    free(s->pcts);
    free(s->thr);
    free(s->have);
    free(s->nok);
    free(s->bmean);
    free(s->bm2);
    free(s->vmin);
    free(s->vmax);
    free(s->exceed);
    free(s);
}

dcd_mcstats *dcd_mcstats_alloc(const dcd_mcstats_config *cfg, size_t first_block, size_t nblocks,
                               int *status)
{
    *status = DCD_EUSAGE;
    size_t total = dcd_sample_nblocks(cfg->ndraws);
    if (!cfg->ndraws || !cfg->ncells || cfg->ndraws > UINT32_MAX || !nblocks ||
        first_block + nblocks > total || (cfg->npcts && !cfg->pcts))
        return NULL;
    const double *pcts = cfg->pcts ? cfg->pcts : dcd_mcstats_default_pcts;
    size_t np = cfg->pcts ? cfg->npcts : 7;
    for (size_t i = 0; i < np; i++)
        if (!(pcts[i] >= 0 && pcts[i] <= 100) || (i && !(pcts[i] > pcts[i - 1])))
            return NULL;
    for (size_t k = 0; k < cfg->nthresholds; k++)
        if (cfg->thresholds[k].cell >= cfg->ncells || !isfinite(cfg->thresholds[k].value))
            return NULL;
    double alpha = cfg->alpha > 0 ? cfg->alpha : 1e-4;
    if (!(alpha < 0.5))
        return NULL;
    *status = DCD_ENOMEM;
    dcd_mcstats *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->cfg = *cfg;
    s->cfg.npcts = np;
    s->cfg.alpha = alpha;
    if (!s->cfg.exact_budget_bytes)
        s->cfg.exact_budget_bytes = (size_t)64 << 20;
    s->first_block = first_block;
    s->nblocks = nblocks;
    for (size_t b = first_block; b < first_block + nblocks; b++)
        s->range_draws += dcd_sample_block_size(cfg->ndraws, b);
    size_t nc = cfg->ncells;
    s->exact = cfg->ndraws <= s->cfg.exact_budget_bytes / sizeof(double) / nc;
    s->sub = 4;
    while (s->sub < 30 && ldexp(1.0, -(int)s->sub - 1) > alpha)
        s->sub++;
    s->pcts = malloc(np * sizeof *s->pcts);
    s->thr = malloc((cfg->nthresholds + 1) * sizeof *s->thr);
    s->have = calloc(nblocks, 1);
    s->nok = calloc(nblocks, sizeof *s->nok);
    s->bmean = calloc(nblocks * nc, sizeof *s->bmean);
    s->bm2 = calloc(nblocks * nc, sizeof *s->bm2);
    s->vmin = malloc(nc * sizeof *s->vmin);
    s->vmax = malloc(nc * sizeof *s->vmax);
    s->exceed = calloc(cfg->nthresholds + 1, sizeof *s->exceed);
    if (s->exact)
        s->vals = calloc(nblocks, sizeof *s->vals);
    else
        s->h = calloc(nc, sizeof *s->h);
    if (!s->pcts || !s->thr || !s->have || !s->nok || !s->bmean || !s->bm2 || !s->vmin ||
        !s->vmax || !s->exceed || (s->exact ? !s->vals : !s->h)) {
        dcd_mcstats_free(s);
        return NULL;
    }
    memcpy(s->pcts, pcts, np * sizeof *pcts);
    if (cfg->nthresholds)
        memcpy(s->thr, cfg->thresholds, cfg->nthresholds * sizeof *s->thr);
    s->cfg.pcts = s->pcts;
    s->cfg.thresholds = s->thr;
    for (size_t c = 0; c < nc; c++) {
        s->vmin[c] = HUGE_VAL;
        s->vmax[c] = -HUGE_VAL;
    }
    *status = DCD_OK;
    return s;
}

int dcd_mcstats_exact(const dcd_mcstats *s)
{
    return s->exact;
}

/* Makes room for buckets [LO, HI] in ST.  Returns 0, or -1 on OOM. */
static int store_reserve(store *st, int64_t lo, int64_t hi)
{
    if (st->n && lo >= st->off && hi < st->off + (int64_t)st->n)
        return 0;
    int64_t nlo = st->n ? (lo < st->off ? lo - 64 : st->off) : lo - 64;
    int64_t nhi =
        st->n ? (hi >= st->off + (int64_t)st->n ? hi + 64 : st->off + (int64_t)st->n - 1) : hi + 64;
    size_t nn = (size_t)(nhi - nlo + 1);
    uint32_t *c = calloc(nn, sizeof *c);
    if (!c)
        return -1;
    if (st->n)
        memcpy(c + (st->off - nlo), st->c, st->n * sizeof *c);
    free(st->c);
    st->c = c;
    st->off = nlo;
    st->n = nn;
    return 0;
}

static int64_t bucket(const dcd_mcstats *s, double mag)
{
    uint64_t bits;
    memcpy(&bits, &mag, sizeof bits);
    return (int64_t)(bits >> (52 - s->sub));
}

/* The midpoint of bucket K (a magnitude). */
static double bucket_mid(const dcd_mcstats *s, int64_t k)
{
    uint64_t bits = ((uint64_t)k << (52 - s->sub)) | ((uint64_t)1 << (51 - s->sub));
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

static int hist_add(const dcd_mcstats *s, hist *h, double x)
{
    if (x == 0 || fabs(x) < DBL_MIN) {
        h->zero++;
        return 0;
    }
    store *st = x > 0 ? &h->pos : &h->neg;
    int64_t k = bucket(s, fabs(x));
    if ((uint64_t)(k - st->off) >= st->n && store_reserve(st, k, k))
        return -1;
    st->c[k - st->off]++;
    return 0;
}

/* Buckets of a cell counted with 16-bit counters at once (64 KiB). */
#define C16_MAX 32768

/* Blocks whose values wait for the histogram (see add_values()). */
#define PEND_BLOCKS 4

/* Counts the N values X of one cell, all within [LO, HI] (the cell's
 * extremes so far), into H.  The common case, every value positive and
 * normal, takes one reservation, then a branch-free counting loop (the bucket of a positive
 * double is monotone in its bits).  The counts are those of hist_add() value
 * by value.  0, or -1 on OOM. */
static int hist_add_n(dcd_mcstats *s, hist *h, const double *restrict x, size_t n, double lo,
                      double hi)
{
    if (!(lo >= DBL_MIN) || !(hi < HUGE_VAL)) {
        for (size_t j = 0; j < n; j++)
            if (hist_add(s, h, x[j]))
                return -1;
        return 0;
    }
    store *st = &h->pos;
    int64_t klo = bucket(s, lo), khi = bucket(s, hi);
    if (store_reserve(st, klo, khi))
        return -1;
    unsigned shift = 52 - s->sub;
    size_t span = (size_t)(khi - klo + 1);
    if (s->c16 && n <= UINT16_MAX && span <= C16_MAX) {
        /* 16-bit counters (half the cache of the 32-bit store), added
         * into the store afterwards */
        uint16_t *restrict t = s->c16;
        memset(t, 0, span * sizeof *t);
        uint64_t base = (uint64_t)klo;
        for (size_t j = 0; j < n; j++) {
            uint64_t bits;
            memcpy(&bits, &x[j], sizeof bits);
            t[(bits >> shift) - base]++;
        }
        uint32_t *restrict c = st->c + (klo - st->off);
        for (size_t i = 0; i < span; i++)
            c[i] += t[i];
        return 0;
    }
    uint32_t *restrict c = st->c;
    uint64_t off = (uint64_t)st->off;
    for (size_t j = 0; j < n; j++) {
        uint64_t bits;
        memcpy(&bits, &x[j], sizeof bits);
        c[(bits >> shift) - off]++;
    }
    return 0;
}

/* Counts the waiting values into the histograms.  0, or -1 on OOM. */
static int flush(dcd_mcstats *s)
{
    for (size_t c = 0; s->pend && c < s->cfg.ncells; c++)
        if (hist_add_n(s, &s->h[c], s->scratch + c * s->pstride, s->pend, s->vmin[c], s->vmax[c]))
            return -1;
    s->pend = 0;
    return 0;
}

/* One draw's NC values ROW into the running means, sums of squares and
 * extremes (the arrays do not overlap: restrict lets the loop be
 * vectorised; each lane does the same IEEE operations). */
static void welford_row(size_t nc, const double *restrict row, double inv, double *restrict mean,
                        double *restrict m2, double *restrict vmin, double *restrict vmax)
{
    size_t c = 0;
    for (; c + 2 <= nc; c += 2) { /* two lanes: one SSE2 operation each */
        double x0 = row[c], x1 = row[c + 1];
        double d0 = x0 - mean[c], d1 = x1 - mean[c + 1];
        double mu0 = mean[c] + d0 * inv, mu1 = mean[c + 1] + d1 * inv;
        mean[c] = mu0;
        mean[c + 1] = mu1;
        m2[c] += d0 * (x0 - mu0);
        m2[c + 1] += d1 * (x1 - mu1);
        vmin[c] = x0 < vmin[c] ? x0 : vmin[c];
        vmin[c + 1] = x1 < vmin[c + 1] ? x1 : vmin[c + 1];
        vmax[c] = x0 > vmax[c] ? x0 : vmax[c];
        vmax[c + 1] = x1 > vmax[c + 1] ? x1 : vmax[c + 1];
    }
    for (; c < nc; c++) {
        double x = row[c];
        double d = x - mean[c];
        double mu = mean[c] + d * inv;
        mean[c] = mu;
        m2[c] += d * (x - mu);
        vmin[c] = x < vmin[c] ? x : vmin[c];
        vmax[c] = x > vmax[c] ? x : vmax[c];
    }
}

/* Welford over the M draws of block row BI, and everything else per value. */
static int add_values(dcd_mcstats *s, size_t bi, const double *values, const unsigned char *ok,
                      size_t m)
{
    size_t nc = s->cfg.ncells, nok = 0;
    double *mean = s->bmean + bi * nc, *m2 = s->bm2 + bi * nc;
    double *keep = NULL;
    for (size_t i = 0; i < m; i++)
        nok += !ok || ok[i];
    if (s->exact && nok) {
        keep = malloc(nok * nc * sizeof *keep);
        if (!keep)
            return DCD_ENOMEM;
    }
    /* Row-major pass (contiguous, vectorisable): Welford, extremes,
     * exceedance.  Then a cell-major pass for the kept values or the
     * histogram, so that one cell's histogram stays in cache for the whole
     * block.  The arithmetic per cell is in draw order either way. */
    size_t k = 0;
    for (size_t i = 0; i < m; i++) {
        if (ok && !ok[i])
            continue;
        k++;
        double inv = 1.0 / (double)k;
        const double *row = values + i * nc;
        welford_row(nc, row, inv, mean, m2, s->vmin, s->vmax);
        for (size_t t = 0; t < s->cfg.nthresholds; t++)
            s->exceed[t] += row[s->thr[t].cell] > s->thr[t].value;
    }
    /* Histogram mode: the values wait, cell-major, until several blocks
     * are there, so that each cell's histogram (larger than the first
     * cache levels) is loaded once for all of them.  Counts are integers:
     * the order of counting changes nothing. */
    double *cm = keep;
    size_t stride = nok, off = 0;
    if (!cm && nok) {
        if (!s->scratch) {
            s->pcap = PEND_BLOCKS * DCD_SAMPLE_BLOCK;
            if (s->pcap > s->range_draws)
                s->pcap = s->range_draws;
            /* a stride off powers of two: the transposition below writes
             * NC streams at once, which would share cache sets */
            s->pstride = s->pcap + 8;
            if (!(s->scratch = malloc(s->pstride * nc * sizeof *s->scratch)) ||
                !(s->c16 = malloc(C16_MAX * sizeof *s->c16)))
                return DCD_ENOMEM;
        }
        if (s->pend + nok > s->pcap && flush(s))
            return DCD_ENOMEM;
        cm = s->scratch;
        stride = s->pstride;
        off = s->pend;
    }
    /* Transposed by tiles of TILE draws (rows read from cache). */
    enum { TILE = 32 };
    size_t i0 = 0;
    k = 0;
    while (i0 < m) {
        const double *rp[TILE];
        size_t nt = 0, i = i0;
        for (; i < m && nt < TILE; i++)
            if (!ok || ok[i])
                rp[nt++] = values + i * nc;
        for (size_t c = 0; c < nc; c++) {
            double *restrict dst = cm + c * stride + off + k;
            for (size_t j = 0; j < nt; j++)
                dst[j] = rp[j][c];
        }
        k += nt;
        i0 = i;
    }
    if (s->vals)
        s->vals[bi] = keep;
    s->nok[bi] = nok;
    s->count += nok;
    s->failed += m - nok;
    if (!keep) {
        s->pend += nok;
        if ((s->pend + DCD_SAMPLE_BLOCK > s->pcap || s->count + s->failed == s->range_draws) &&
            flush(s))
            return DCD_ENOMEM;
    }
    return DCD_OK;
}

/* 1 when the values of the successful draws among the M rows of NC values
 * are all finite.  x * 0 is 0 for a finite x and NaN otherwise, and a NaN
 * stays in a sum: two running sums (vectorisable) per row. */
static int all_finite(const double *values, const unsigned char *ok, size_t m, size_t nc)
{
    for (size_t i = 0; i < m; i++) {
        if (ok && !ok[i])
            continue;
        const double *restrict row = values + i * nc;
        double a0 = 0, a1 = 0;
        size_t c = 0;
        for (; c + 2 <= nc; c += 2) {
            a0 += row[c] * 0.0;
            a1 += row[c + 1] * 0.0;
        }
        for (; c < nc; c++)
            a0 += row[c] * 0.0;
        if (!(a0 + a1 == 0))
            return 0;
    }
    return 1;
}

int dcd_mcstats_add_block(dcd_mcstats *s, size_t b, const double *values, const unsigned char *ok,
                          size_t m)
{
    if (b < s->first_block || b >= s->first_block + s->nblocks)
        return DCD_EUSAGE;
    size_t bi = b - s->first_block;
    if (s->have[bi] || m != dcd_sample_block_size(s->cfg.ndraws, b))
        return DCD_EUSAGE;
    size_t nc = s->cfg.ncells;
    if (!all_finite(values, ok, m, nc))
        return DCD_EMODEL;
    int st = add_values(s, bi, values, ok, m);
    if (st)
        return st;
    s->have[bi] = 1;
    return DCD_OK;
}

static int store_merge(store *dst, const store *src)
{
    if (!src->n)
        return 0;
    if (store_reserve(dst, src->off, src->off + (int64_t)src->n - 1))
        return -1;
    for (size_t i = 0; i < src->n; i++)
        dst->c[src->off - dst->off + (int64_t)i] += src->c[i];
    return 0;
}

/* 1 when A and B describe the same run (draws, cells, percentiles,
 * thresholds, mode and bucket width). */
static int same_config(const dcd_mcstats *a, const dcd_mcstats *b)
{
    if (a->cfg.ndraws != b->cfg.ndraws || a->cfg.ncells != b->cfg.ncells || a->exact != b->exact ||
        a->sub != b->sub || a->cfg.npcts != b->cfg.npcts ||
        a->cfg.nthresholds != b->cfg.nthresholds)
        return 0;
    for (size_t i = 0; i < a->cfg.npcts; i++)
        if (a->pcts[i] != b->pcts[i])
            return 0;
    for (size_t k = 0; k < a->cfg.nthresholds; k++)
        if (a->thr[k].cell != b->thr[k].cell || a->thr[k].value != b->thr[k].value)
            return 0;
    return 1;
}

int dcd_mcstats_merge(dcd_mcstats *dst, dcd_mcstats *src)
{
    size_t nc = dst->cfg.ncells;
    if (!same_config(dst, src) || src->first_block < dst->first_block ||
        src->first_block + src->nblocks > dst->first_block + dst->nblocks)
        return DCD_EUSAGE;
    if (flush(dst) || flush(src))
        return DCD_ENOMEM;
    size_t shift = src->first_block - dst->first_block;
    for (size_t b = 0; b < src->nblocks; b++)
        if (src->have[b] && dst->have[shift + b])
            return DCD_EUSAGE;
    if (!dst->exact)
        for (size_t c = 0; c < nc; c++)
            if (store_merge(&dst->h[c].pos, &src->h[c].pos) ||
                store_merge(&dst->h[c].neg, &src->h[c].neg))
                return DCD_ENOMEM;
    for (size_t c = 0; c < nc && !dst->exact; c++) {
        dst->h[c].zero += src->h[c].zero;
        free(src->h[c].pos.c);
        free(src->h[c].neg.c);
        memset(&src->h[c], 0, sizeof src->h[c]);
    }
    for (size_t b = 0; b < src->nblocks; b++) {
        if (!src->have[b])
            continue;
        size_t d = shift + b;
        dst->have[d] = 1;
        dst->nok[d] = src->nok[b];
        memcpy(dst->bmean + d * nc, src->bmean + b * nc, nc * sizeof *dst->bmean);
        memcpy(dst->bm2 + d * nc, src->bm2 + b * nc, nc * sizeof *dst->bm2);
        if (dst->exact) {
            dst->vals[d] = src->vals[b];
            src->vals[b] = NULL;
        }
        src->have[b] = 0;
    }
    for (size_t c = 0; c < nc; c++) {
        if (src->vmin[c] < dst->vmin[c])
            dst->vmin[c] = src->vmin[c];
        if (src->vmax[c] > dst->vmax[c])
            dst->vmax[c] = src->vmax[c];
        src->vmin[c] = HUGE_VAL;
        src->vmax[c] = -HUGE_VAL;
    }
    for (size_t t = 0; t < dst->cfg.nthresholds; t++) {
        dst->exceed[t] += src->exceed[t];
        src->exceed[t] = 0;
    }
    dst->count += src->count;
    dst->failed += src->failed;
    src->count = src->failed = 0;
    return DCD_OK;
}

int dcd_mcstats_complete(const dcd_mcstats *s)
{
    for (size_t b = 0; b < s->nblocks; b++)
        if (!s->have[b])
            return 0;
    return 1;
}

size_t dcd_mcstats_count(const dcd_mcstats *s)
{
    return s->count;
}

size_t dcd_mcstats_failed(const dcd_mcstats *s)
{
    return s->failed;
}

/* The value of order statistic J (0-based) in the histogram of cell C. */
static double hist_order(const dcd_mcstats *s, size_t c, uint64_t j)
{
    const hist *h = &s->h[c];
    uint64_t acc = 0;
    double v = 0;
    int found = 0;
    for (size_t i = h->neg.n; i-- > 0 && !found;) { /* most negative first */
        acc += h->neg.c[i];
        if (acc > j) {
            v = -bucket_mid(s, h->neg.off + (int64_t)i);
            found = 1;
        }
    }
    if (!found && (acc += h->zero) > j) {
        v = 0;
        found = 1;
    }
    for (size_t i = 0; i < h->pos.n && !found; i++) {
        acc += h->pos.c[i];
        if (acc > j) {
            v = bucket_mid(s, h->pos.off + (int64_t)i);
            found = 1;
        }
    }
    if (!found || v > s->vmax[c])
        v = s->vmax[c];
    return v < s->vmin[c] ? s->vmin[c] : v;
}

/* Moves the K-th smallest of A[LO..HI] (inclusive) to A[K], smaller ones
 * before it and larger ones after (Hoare's selection, median-of-three
 * pivots; the value found is the order statistic whatever the pivots). */
static void select_k(double *a, size_t lo, size_t hi, size_t k)
{
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        double x = a[lo], y = a[mid], z = a[hi];
        double piv = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        size_t i = lo, j = hi;
        while (i <= j) {
            while (a[i] < piv)
                i++;
            while (a[j] > piv)
                j--;
            if (i <= j) {
                double t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return;
    }
}

int dcd_mcstats_result(const dcd_mcstats *s, size_t cell, double *mean, double *sd, double *pct)
{
    size_t nc = s->cfg.ncells;
    if (cell >= nc || !dcd_mcstats_complete(s))
        return DCD_EUSAGE;
    if (!s->count)
        return DCD_EMODEL;
    double n = 0, m = 0, m2 = 0; /* Chan et al., folded in block order */
    for (size_t b = 0; b < s->nblocks; b++) {
        double nb = (double)s->nok[b];
        if (!nb)
            continue;
        double d = s->bmean[b * nc + cell] - m, nn = n + nb;
        m += d * nb / nn;
        m2 += s->bm2[b * nc + cell] + d * d * n * nb / nn;
        n = nn;
    }
    *mean = m;
    *sd = n > 1 ? sqrt(m2 / (n - 1)) : 0;
    double *all = NULL;
    if (s->exact) {
        all = malloc(s->count * sizeof *all);
        if (!all)
            return DCD_ENOMEM;
        size_t k = 0;
        for (size_t b = 0; b < s->nblocks; b++) {
            if (s->nok[b])
                memcpy(all + k, s->vals[b] + cell * s->nok[b], s->nok[b] * sizeof *all);
            k += s->nok[b];
        }
    }
    size_t from = 0; /* exact: ALL[0..FROM) holds the smaller order statistics */
    for (size_t p = 0; p < s->cfg.npcts; p++) {
        double h = s->pcts[p] / 100 * (double)(s->count - 1);
        size_t j = (size_t)floor(h);
        double f = h - (double)j;
        size_t j1 = j + 1 < s->count ? j + 1 : j;
        double lo, hi;
        if (all) { /* percentiles ascend: each selection works right of the last */
            select_k(all, from, s->count - 1, j);
            from = j;
            lo = all[j];
            hi = lo;
            if (f > 0) {
                hi = all[j1];
                for (size_t i = j1 + 1; i < s->count; i++)
                    hi = all[i] < hi ? all[i] : hi;
            }
        } else {
            lo = hist_order(s, cell, j);
            hi = f > 0 ? hist_order(s, cell, j1) : lo;
        }
        pct[p] = lo + f * (hi - lo);
    }
    free(all);
    return DCD_OK;
}

int dcd_mcstats_exceedance(const dcd_mcstats *s, size_t k, double *p, double *se)
{
    if (k >= s->cfg.nthresholds || !dcd_mcstats_complete(s))
        return DCD_EUSAGE;
    if (!s->count)
        return DCD_EMODEL;
    double n = (double)s->count;
    *p = (double)s->exceed[k] / n;
    *se = sqrt(*p * (1 - *p) / n);
    return DCD_OK;
}

/* ---- Saving and loading (shards) ------------------------------------------
 * Text, one item per token; doubles in C99 hexadecimal ("%a"), so that a
 * loaded state is bit for bit the saved one. */

#define MAGIC "dcd-mcstats-1"

static void put_store(dcd_buf *b, const store *st)
{
    size_t lo = 0, hi = st->n; /* trim zero counts at both ends */
    while (lo < hi && !st->c[lo])
        lo++;
    while (hi > lo && !st->c[hi - 1])
        hi--;
    /* an empty store is "0 0" whatever its offset, as it loads back */
    dcd_buf_printf(b, " %lld %zu", hi > lo ? (long long)(st->off + (int64_t)lo) : 0LL, hi - lo);
    for (size_t i = lo; i < hi; i++)
        dcd_buf_printf(b, " %lu", (unsigned long)st->c[i]);
}

int dcd_mcstats_save(const dcd_mcstats *s, dcd_buf *b)
{
    size_t nc = s->cfg.ncells;
    dcd_buf_printf(b, "%s\nconfig %zu %zu %zu %zu %zu %a %d %u %zu %zu\npcts", MAGIC, s->cfg.ndraws,
                   nc, s->cfg.npcts, s->cfg.nthresholds, s->cfg.exact_budget_bytes, s->cfg.alpha,
                   s->exact, s->sub, s->first_block, s->nblocks);
    for (size_t i = 0; i < s->cfg.npcts; i++)
        dcd_buf_printf(b, " %a", s->pcts[i]);
    dcd_buf_puts(b, "\nthresholds");
    for (size_t k = 0; k < s->cfg.nthresholds; k++)
        dcd_buf_printf(b, " %zu %a %llu", s->thr[k].cell, s->thr[k].value,
                       (unsigned long long)s->exceed[k]);
    dcd_buf_printf(b, "\ntotals %zu %zu\nrange", s->count, s->failed);
    for (size_t c = 0; c < nc; c++)
        dcd_buf_printf(b, " %a %a", s->vmin[c], s->vmax[c]);
    dcd_buf_puts(b, "\n");
    for (size_t bi = 0; bi < s->nblocks; bi++) {
        if (!s->have[bi])
            continue;
        dcd_buf_printf(b, "block %zu %zu", s->first_block + bi, s->nok[bi]);
        for (size_t c = 0; c < nc; c++)
            dcd_buf_printf(b, " %a %a", s->bmean[bi * nc + c], s->bm2[bi * nc + c]);
        for (size_t i = 0; s->exact && i < s->nok[bi] * nc; i++)
            dcd_buf_printf(b, " %a", s->vals[bi][i]);
        dcd_buf_puts(b, "\n");
    }
    for (size_t c = 0; !s->exact && c < nc; c++) {
        dcd_buf_printf(b, "hist %zu %llu", c, (unsigned long long)s->h[c].zero);
        put_store(b, &s->h[c].pos);
        put_store(b, &s->h[c].neg);
        dcd_buf_puts(b, "\n");
    }
    dcd_buf_puts(b, "end\n");
    return b->failed ? DCD_ENOMEM : DCD_OK;
}

/* A cursor over the saved text; BAD is set at the first malformed token. */
typedef struct reader {
    const char *p, *end;
    int bad;
} reader;

/* The next token into TOK (at most CAP - 1 bytes). */
static int token(reader *r, char *tok, size_t cap)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\n'))
        r->p++;
    size_t n = 0;
    while (r->p < r->end && *r->p != ' ' && *r->p != '\n') {
        if (n + 1 >= cap) {
            r->bad = 1;
            return -1;
        }
        tok[n++] = *r->p++;
    }
    tok[n] = '\0';
    if (!n)
        r->bad = 1;
    return n ? 0 : -1;
}

static int expect_word(reader *r, const char *w)
{
    char t[32];
    if (token(r, t, sizeof t) || strcmp(t, w) != 0)
        r->bad = 1;
    return r->bad ? -1 : 0;
}

static uint64_t read_u(reader *r)
{
    char t[32], *e;
    if (token(r, t, sizeof t))
        return 0;
    if (t[0] == '-') {
        r->bad = 1;
        return 0;
    }
    errno = 0;
    unsigned long long v = strtoull(t, &e, 10);
    if (*e || errno)
        r->bad = 1;
    return v;
}

static int64_t read_i(reader *r)
{
    char t[32], *e;
    if (token(r, t, sizeof t))
        return 0;
    errno = 0;
    long long v = strtoll(t, &e, 10);
    if (*e || errno)
        r->bad = 1;
    return v;
}

static double read_d(reader *r)
{
    char t[64], *e;
    if (token(r, t, sizeof t))
        return 0;
    double v = strtod(t, &e);
    if (*e || isnan(v))
        r->bad = 1;
    return v;
}

static void read_store(reader *r, store *st)
{
    int64_t off = read_i(r);
    uint64_t n = read_u(r);
    /* each count takes two bytes at least: N cannot exceed what is left */
    if (r->bad || n > (uint64_t)(r->end - r->p) / 2 || off < 0 || off > ((int64_t)1 << 62)) {
        r->bad = 1;
        return;
    }
    if (!n)
        return;
    if (store_reserve(st, off, off + (int64_t)n - 1)) {
        r->bad = 2;
        return;
    }
    for (uint64_t i = 0; i < n && !r->bad; i++) {
        uint64_t v = read_u(r);
        if (v > UINT32_MAX)
            r->bad = 1;
        st->c[(int64_t)i + off - st->off] = (uint32_t)v;
    }
}

/* The blocks, histograms and closing word of a saved state into S. */
static void read_body(reader *r, dcd_mcstats *s)
{
    size_t nc = s->cfg.ncells;
    char t[16];
    while (!r->bad && token(r, t, sizeof t) == 0) {
        if (strcmp(t, "end") == 0)
            return;
        if (strcmp(t, "block") == 0) {
            uint64_t b = read_u(r), nok = read_u(r);
            size_t bi = (size_t)(b - s->first_block);
            if (r->bad || b < s->first_block || bi >= s->nblocks || s->have[bi] ||
                nok > dcd_sample_block_size(s->cfg.ndraws, (size_t)b)) {
                r->bad = 1;
                return;
            }
            s->have[bi] = 1;
            s->nok[bi] = (size_t)nok;
            for (size_t c = 0; c < nc; c++) {
                s->bmean[bi * nc + c] = read_d(r);
                s->bm2[bi * nc + c] = read_d(r);
            }
            if (s->exact && nok) {
                if (!(s->vals[bi] = malloc((size_t)nok * nc * sizeof **s->vals))) {
                    r->bad = 2;
                    return;
                }
                for (size_t i = 0; i < nok * nc; i++)
                    s->vals[bi][i] = read_d(r);
            }
        } else if (strcmp(t, "hist") == 0 && !s->exact) {
            uint64_t c = read_u(r);
            if (r->bad || c >= nc || s->h[c].zero || s->h[c].pos.n || s->h[c].neg.n) {
                r->bad = 1;
                return;
            }
            s->h[c].zero = read_u(r);
            read_store(r, &s->h[c].pos);
            read_store(r, &s->h[c].neg);
        } else {
            r->bad = 1;
        }
    }
    r->bad = r->bad ? r->bad : 1; /* no "end" */
}

dcd_mcstats *dcd_mcstats_load(const char *text, size_t len, int *status)
{
    reader r = {text, text + len, 0};
    dcd_mcstats *s = NULL;
    double *pcts = NULL;
    dcd_threshold *thr = NULL;
    uint64_t *exc = NULL;
    *status = DCD_EINPUT;
    if (expect_word(&r, MAGIC) || expect_word(&r, "config"))
        return NULL;
    dcd_mcstats_config cfg = {0};
    cfg.ndraws = (size_t)read_u(&r);
    cfg.ncells = (size_t)read_u(&r);
    cfg.npcts = (size_t)read_u(&r);
    cfg.nthresholds = (size_t)read_u(&r);
    cfg.exact_budget_bytes = (size_t)read_u(&r);
    cfg.alpha = read_d(&r);
    uint64_t exact = read_u(&r), sub = read_u(&r), first = read_u(&r), nblocks = read_u(&r);
    if (r.bad || !cfg.npcts || cfg.npcts > 1000 || cfg.nthresholds > 100000 ||
        cfg.ncells > 1000000 || expect_word(&r, "pcts"))
        return NULL;
    pcts = malloc(cfg.npcts * sizeof *pcts);
    thr = malloc((cfg.nthresholds + 1) * sizeof *thr);
    exc = malloc((cfg.nthresholds + 1) * sizeof *exc);
    if (!pcts || !thr || !exc) {
        *status = DCD_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < cfg.npcts; i++)
        pcts[i] = read_d(&r);
    expect_word(&r, "thresholds");
    for (size_t k = 0; k < cfg.nthresholds && !r.bad; k++) {
        thr[k].cell = (size_t)read_u(&r);
        thr[k].value = read_d(&r);
        exc[k] = read_u(&r);
    }
    if (r.bad)
        goto done;
    cfg.pcts = pcts;
    cfg.thresholds = thr;
    s = dcd_mcstats_alloc(&cfg, (size_t)first, (size_t)nblocks, status);
    if (!s) {
        *status = *status == DCD_ENOMEM ? DCD_ENOMEM : DCD_EINPUT;
        goto done;
    }
    *status = DCD_EINPUT;
    if ((uint64_t)s->exact != exact || s->sub != sub)
        goto fail;
    memcpy(s->exceed, exc, cfg.nthresholds * sizeof *exc);
    expect_word(&r, "totals");
    s->count = (size_t)read_u(&r);
    s->failed = (size_t)read_u(&r);
    expect_word(&r, "range");
    for (size_t c = 0; c < cfg.ncells && !r.bad; c++) {
        s->vmin[c] = read_d(&r);
        s->vmax[c] = read_d(&r);
    }
    if (!r.bad)
        read_body(&r, s);
    if (r.bad) {
        *status = r.bad == 2 ? DCD_ENOMEM : DCD_EINPUT;
        goto fail;
    }
    size_t ok = 0, all = 0;
    for (size_t bi = 0; bi < s->nblocks; bi++)
        if (s->have[bi]) {
            ok += s->nok[bi];
            all += dcd_sample_block_size(s->cfg.ndraws, s->first_block + bi);
        }
    if (ok != s->count || all - ok != s->failed)
        goto fail;
    *status = DCD_OK;
    goto done;
fail:
    dcd_mcstats_free(s);
    s = NULL;
done:
    free(pcts);
    free(thr);
    free(exc);
    return s;
}
