/* mcstats.c - streaming, exactly mergeable Monte Carlo statistics
 * (dcd_mcstats.h; method and accuracy in docs/uncertainty.md). */
#include "dcd_mcstats.h"
#include "dcd_mcstats_impl.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_dist.h"

const double dcd_mcstats_default_pcts[7] = {5, 10, 25, 50, 75, 90, 95};

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
    free(s->pass);
    free(s->keep);
    free(s->ob_exceed);
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
    s->pass = malloc(2 * nc * sizeof *s->pass);
    s->ob_exceed = calloc(cfg->nthresholds + 1, sizeof *s->ob_exceed);
    s->exceed = calloc(cfg->nthresholds + 1, sizeof *s->exceed);
    if (s->exact)
        s->vals = calloc(nblocks, sizeof *s->vals);
    else
        s->h = calloc(nc, sizeof *s->h);
    if (!s->pcts || !s->thr || !s->have || !s->nok || !s->bmean || !s->bm2 || !s->vmin ||
        !s->vmax || !s->pass || !s->ob_exceed || !s->exceed || (s->exact ? !s->vals : !s->h)) {
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
int dcd_mcstats_store_reserve(store *st, int64_t lo, int64_t hi)
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
    if ((uint64_t)(k - st->off) >= st->n && dcd_mcstats_store_reserve(st, k, k))
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
    if (dcd_mcstats_store_reserve(st, klo, khi))
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

/* The two passes over one cell's values of a block run four lanes in a
 * fixed order: lane j takes values j, j + 4, ..., then the lanes are
 * combined in one fixed way, so the numbers are the same on every machine
 * and thread count.  With GNU C the four lanes are one vector (the
 * compiler does not vectorise these reductions by itself); elsewhere an
 * array: the same operations on each lane either way. */
#if defined(__GNUC__)
typedef double v2d __attribute__((vector_size(16)));
typedef long long v2l __attribute__((vector_size(16)));
#define V2(x) ((v2d){(x), (x)})
#define V2_LOAD(v, p) memcpy(&(v), (p), sizeof(v))
/* lane by lane: A where A < B (resp. A > B), else B: SSE2's minpd and
 * maxpd are exactly that */
#if defined(__SSE2__) && !defined(__clang__)
#define V2_MIN(a, b) __builtin_ia32_minpd((a), (b))
#define V2_MAX(a, b) __builtin_ia32_maxpd((a), (b))
#else
#define V2_MIN(a, b) ((v2d)(((v2l)(a) & ((a) < (b))) | ((v2l)(b) & ~((a) < (b)))))
#define V2_MAX(a, b) ((v2d)(((v2l)(a) & ((a) > (b))) | ((v2l)(b) & ~((a) > (b)))))
#endif
#endif

/* First pass over one cell's N values X (N >= 1), copied to DST: R[0]
 * their sum, R[1] and R[2] their extremes, R[3] 0 when all are finite. */
static inline void first_pass(const double *x, size_t n, double r[4], double *dst)
{
    double sm[4] = {0, 0, 0, 0};
    double lo[4] = {x[0], x[0], x[0], x[0]}, hi[4] = {x[0], x[0], x[0], x[0]};
    size_t i = 0;
#if defined(__GNUC__)
    v2d s0 = V2(0), s1 = V2(0);
    v2d l0 = V2(x[0]), l1 = V2(x[0]), h0 = V2(x[0]), h1 = V2(x[0]);
    for (; i + 4 <= n; i += 4) {
        v2d a, b;
        V2_LOAD(a, x + i);
        V2_LOAD(b, x + i + 2);
        memcpy(dst + i, &a, sizeof a);
        memcpy(dst + i + 2, &b, sizeof b);
        s0 += a;
        s1 += b;
        l0 = V2_MIN(a, l0);
        l1 = V2_MIN(b, l1);
        h0 = V2_MAX(a, h0);
        h1 = V2_MAX(b, h1);
    }
    memcpy(sm, &s0, sizeof s0);
    memcpy(sm + 2, &s1, sizeof s1);
    memcpy(lo, &l0, sizeof l0);
    memcpy(lo + 2, &l1, sizeof l1);
    memcpy(hi, &h0, sizeof h0);
    memcpy(hi + 2, &h1, sizeof h1);
#else
    for (; i + 4 <= n; i += 4)
        for (size_t j = 0; j < 4; j++) {
            double v = x[i + j];
            dst[i + j] = v;
            sm[j] += v;
            lo[j] = v < lo[j] ? v : lo[j];
            hi[j] = v > hi[j] ? v : hi[j];
        }
#endif
    for (; i < n; i++) {
        dst[i] = x[i];
        sm[0] += x[i];
        lo[0] = x[i] < lo[0] ? x[i] : lo[0];
        hi[0] = x[i] > hi[0] ? x[i] : hi[0];
    }
    r[0] = (sm[0] + sm[1]) + (sm[2] + sm[3]);
    r[1] = lo[0];
    r[2] = hi[0];
    for (size_t j = 1; j < 4; j++) {
        r[1] = lo[j] < r[1] ? lo[j] : r[1];
        r[2] = hi[j] > r[2] ? hi[j] : r[2];
    }
    /* the sum is finite when every value is, and overflows only for huge
     * ones: then each value is looked at (x * 0 is 0 for a finite x, NaN
     * otherwise) */
    r[3] = 0;
    if (!(fabs(r[0]) <= DBL_MAX))
        for (i = 0; i < n; i++)
            r[3] += x[i] * 0;
}

/* One cell's sum of squared deviations from MU (second pass, corrected by
 * the first's rounding: Chan, Golub and LeVeque 1983). */
static inline double second_pass(const double *restrict x, size_t n, double mu)
{
    double d[4] = {0, 0, 0, 0}, q[4] = {0, 0, 0, 0};
    size_t i = 0;
#if defined(__GNUC__)
    v2d d0 = V2(0), d1 = V2(0), q0 = V2(0), q1 = V2(0), m = V2(mu);
    for (; i + 4 <= n; i += 4) {
        v2d a, b;
        V2_LOAD(a, x + i);
        V2_LOAD(b, x + i + 2);
        a -= m;
        b -= m;
        d0 += a;
        d1 += b;
        q0 += a * a;
        q1 += b * b;
    }
    memcpy(d, &d0, sizeof d0);
    memcpy(d + 2, &d1, sizeof d1);
    memcpy(q, &q0, sizeof q0);
    memcpy(q + 2, &q1, sizeof q1);
#else
    for (; i + 4 <= n; i += 4)
        for (size_t j = 0; j < 4; j++) {
            double e = x[i + j] - mu;
            d[j] += e;
            q[j] += e * e;
        }
#endif
    for (; i < n; i++) {
        double e = x[i] - mu;
        d[0] += e;
        q[0] += e * e;
    }
    double ds = (d[0] + d[1]) + (d[2] + d[3]), qs = (q[0] + q[1]) + (q[2] + q[3]);
    double m2 = qs - ds * ds / (double)n;
    return m2 > 0 ? m2 : 0;
}

/* The open block's destination for cell C's values (kept for the exact
 * percentiles, or waiting for the histograms). */
static double *dest(dcd_mcstats *s, size_t c)
{
    return s->exact ? s->keep + c * s->ob_m : s->scratch + c * s->pstride + s->pend;
}

int dcd_mcstats_block_open(dcd_mcstats *s, size_t b)
{
    if (b < s->first_block || b >= s->first_block + s->nblocks || s->ob_open)
        return DCD_EUSAGE;
    size_t bi = b - s->first_block, nc = s->cfg.ncells;
    if (s->have[bi])
        return DCD_EUSAGE;
    size_t m = dcd_sample_block_size(s->cfg.ndraws, b);
    if (s->exact) {
        if (!(s->keep = malloc(m * nc * sizeof *s->keep)))
            return DCD_ENOMEM;
    } else {
        /* the values wait, cell-major, until several blocks are there, so
         * that each cell's histogram (larger than the first cache levels)
         * is loaded once for all of them; counts are integers: the order of
         * counting changes nothing */
        if (!s->scratch) {
            s->pcap = PEND_BLOCKS * DCD_SAMPLE_BLOCK;
            if (s->pcap > s->range_draws)
                s->pcap = s->range_draws;
            s->pstride = s->pcap + 8; /* rows off powers of two: cache sets */
            if (!(s->scratch = malloc(s->pstride * nc * sizeof *s->scratch)) ||
                !(s->c16 = malloc(C16_MAX * sizeof *s->c16)))
                return DCD_ENOMEM;
        }
        if (s->pend + m > s->pcap && flush(s))
            return DCD_ENOMEM;
    }
    s->ob_open = 1;
    s->ob_bi = bi;
    s->ob_m = m;
    s->ob_seen = s->ob_nok = 0;
    for (size_t c = 0; c < nc; c++) {
        s->bmean[bi * nc + c] = s->bm2[bi * nc + c] = 0;
        s->pass[2 * c] = HUGE_VAL;
        s->pass[2 * c + 1] = -HUGE_VAL;
    }
    for (size_t t = 0; t < s->cfg.nthresholds; t++)
        s->ob_exceed[t] = 0;
    return DCD_OK;
}

int dcd_mcstats_block_chunk(dcd_mcstats *s, const double *const *cells, const unsigned char *ok,
                            size_t k)
{
    size_t left = s->ob_open ? s->ob_m - s->ob_seen : 0;
    if (!s->ob_open || k != (left < DCD_MCSTATS_CHUNK ? left : DCD_MCSTATS_CHUNK) || k == 0)
        return DCD_EUSAGE;
    size_t nc = s->cfg.ncells, bi = s->ob_bi, kok = 0;
    for (size_t i = 0; i < k; i++)
        kok += !ok || ok[i];
    s->ob_seen += k;
    if (!kok)
        return DCD_OK;
    /* per cell: the chunk's mean and squared deviations (two passes over
     * values in the first cache level), merged into the block's (Chan,
     * Golub and LeVeque 1983), chunk after chunk in draw order */
    double na = (double)s->ob_nok, nk = (double)kok, n = na + nk;
    double wk = nk / n, wak = na * nk / n; /* the merge's weights, the same for every cell */
    for (size_t c = 0; c < nc; c++) {
        double *d = dest(s, c) + s->ob_nok, r[4];
        const double *v = cells[c];
        if (kok < k) { /* failed draws left out */
            size_t j = 0;
            for (size_t i = 0; i < k; i++)
                if (ok[i])
                    d[j++] = v[i];
            v = d;
        }
        if (kok == DCD_MCSTATS_CHUNK) /* the common case: a constant count, unrolled */
            first_pass(v, DCD_MCSTATS_CHUNK, r, d);
        else
            first_pass(v, kok, r, d);
        if (!(r[3] == 0))
            return DCD_EMODEL;
        /* the second pass reads the values where they came from (in the
         * first cache level), not their copy (whose lines may still be on
         * their way from memory) */
        double mk = r[0] / nk;
        double m2k = kok == DCD_MCSTATS_CHUNK ? second_pass(v, DCD_MCSTATS_CHUNK, mk)
                                              : second_pass(v, kok, mk);
        double *ma = &s->bmean[bi * nc + c], *m2a = &s->bm2[bi * nc + c];
        double delta = mk - *ma;
        *ma += delta * wk;
        *m2a += m2k + delta * delta * wak;
        s->pass[2 * c] = r[1] < s->pass[2 * c] ? r[1] : s->pass[2 * c];
        s->pass[2 * c + 1] = r[2] > s->pass[2 * c + 1] ? r[2] : s->pass[2 * c + 1];
    }
    for (size_t t = 0; t < s->cfg.nthresholds; t++) {
        const double *v = cells[s->thr[t].cell];
        double th = s->thr[t].value;
        uint64_t cnt = 0;
        for (size_t i = 0; i < k; i++)
            cnt += (!ok || ok[i]) && v[i] > th;
        s->ob_exceed[t] += cnt;
    }
    s->ob_nok += kok;
    return DCD_OK;
}

int dcd_mcstats_block_close(dcd_mcstats *s)
{
    if (!s->ob_open || s->ob_seen != s->ob_m)
        return DCD_EUSAGE;
    size_t nc = s->cfg.ncells, bi = s->ob_bi, nok = s->ob_nok, m = s->ob_m;
    s->ob_open = 0;
    for (size_t c = 0; nok && c < nc; c++) {
        s->vmin[c] = s->pass[2 * c] < s->vmin[c] ? s->pass[2 * c] : s->vmin[c];
        s->vmax[c] = s->pass[2 * c + 1] > s->vmax[c] ? s->pass[2 * c + 1] : s->vmax[c];
    }
    for (size_t t = 0; t < s->cfg.nthresholds; t++)
        s->exceed[t] += s->ob_exceed[t];
    if (s->exact) {
        if (nok < m) /* rows of NOK values */
            for (size_t c = 1; c < nc; c++)
                memmove(s->keep + c * nok, s->keep + c * m, nok * sizeof *s->keep);
        if (!nok) {
            free(s->keep);
            s->keep = NULL;
        }
        s->vals[bi] = s->keep; /* kept: the exact percentiles */
        s->keep = NULL;
    }
    s->nok[bi] = nok;
    s->count += nok;
    s->failed += m - nok;
    s->have[bi] = 1;
    if (!s->exact) {
        s->pend += nok;
        if ((s->pend + DCD_SAMPLE_BLOCK > s->pcap || s->count + s->failed == s->range_draws) &&
            flush(s))
            return DCD_ENOMEM;
    }
    return DCD_OK;
}

void dcd_mcstats_block_abandon(dcd_mcstats *s)
{
    if (!s->ob_open)
        return;
    s->ob_open = 0;
    free(s->keep);
    s->keep = NULL;
}

int dcd_mcstats_add_block(dcd_mcstats *s, size_t b, const double *values, const unsigned char *ok,
                          size_t m)
{
    if (b < s->first_block || b >= s->first_block + s->nblocks || s->ob_open ||
        s->have[b - s->first_block] || m != dcd_sample_block_size(s->cfg.ndraws, b))
        return DCD_EUSAGE;
    /* the block's rows chunk by chunk, each chunk turned cell-major */
    size_t nc = s->cfg.ncells;
    double *cm = malloc(nc * DCD_MCSTATS_CHUNK * sizeof *cm);
    const double **cells = malloc(nc * sizeof *cells);
    int st = cm && cells ? dcd_mcstats_block_open(s, b) : DCD_ENOMEM;
    for (size_t i0 = 0; st == DCD_OK && i0 < m; i0 += DCD_MCSTATS_CHUNK) {
        size_t k = m - i0 < DCD_MCSTATS_CHUNK ? m - i0 : DCD_MCSTATS_CHUNK;
        for (size_t c = 0; c < nc; c++) {
            cells[c] = cm + c * DCD_MCSTATS_CHUNK;
            for (size_t i = 0; i < k; i++)
                cm[c * DCD_MCSTATS_CHUNK + i] = values[(i0 + i) * nc + c];
        }
        st = dcd_mcstats_block_chunk(s, cells, ok ? ok + i0 : NULL, k);
    }
    if (st == DCD_OK)
        st = dcd_mcstats_block_close(s);
    else
        dcd_mcstats_block_abandon(s);
    free(cm);
    free(cells);
    return st;
}

static int store_merge(store *dst, const store *src)
{
    if (!src->n)
        return 0;
    if (dcd_mcstats_store_reserve(dst, src->off, src->off + (int64_t)src->n - 1))
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
