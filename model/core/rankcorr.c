/* rankcorr.c - Iman-Conover rank correlation (dcd_rankcorr.h). */
#include "dcd_rankcorr.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A value and its row, ordered by value then row (a total order, so the
 * result does not depend on the sort algorithm). */
typedef struct dcd_keyed {
    double v;
    size_t row;
} dcd_keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const dcd_keyed *x = a, *y = b;
    if (x->v != y->v)
        return x->v < y->v ? -1 : 1;
    return (x->row > y->row) - (x->row < y->row);
}

/* Sorts KV[0..M) by (value, row) in expected linear time: a counting pass
 * over M buckets of MAP(value), a monotone map onto [0, 1] that spreads
 * the values over it (for scores, about standard normal, 1/2 + v / (2 (|v|
 * + 0.47)): equal to the normal CDF at 0 and +-1, bucket loads within a
 * factor of about 4 of even, and no call to exp(); otherwise the position
 * between the smallest and the largest value), then insertion sort within
 * each bucket.  The order is the total order of cmp_keyed whatever the
 * buckets.  TMP holds M items and CNT M + 1 counts; BID M bucket numbers. */
static void bucket_sort(dcd_keyed *kv, dcd_keyed *tmp, size_t *cnt, size_t *bid, size_t m,
                        int scores)
{
    double lo = kv[0].v, hi = kv[0].v;
    for (size_t i = 1; i < m && !scores; i++) {
        lo = kv[i].v < lo ? kv[i].v : lo;
        hi = kv[i].v > hi ? kv[i].v : hi;
    }
    double scale = hi > lo ? 1 / (hi - lo) : 0;
    memset(cnt, 0, (m + 1) * sizeof *cnt);
    for (size_t i = 0; i < m; i++) {
        double v = kv[i].v, f = scores ? 0.5 + 0.5 * v / (fabs(v) + 0.47) : (v - lo) * scale;
        size_t b = f > 0 ? (size_t)(f * (double)m) : 0;
        bid[i] = b < m ? b : m - 1;
        cnt[bid[i] + 1]++;
    }
    for (size_t b = 0; b < m; b++)
        cnt[b + 1] += cnt[b];
    for (size_t i = 0; i < m; i++)
        tmp[cnt[bid[i]]++] = kv[i];
    /* CNT[b] is now the end of bucket b; sort each bucket by insertion */
    size_t start = 0;
    for (size_t b = 0; b < m; b++) {
        for (size_t i = start + 1; i < cnt[b]; i++) {
            dcd_keyed t = tmp[i];
            size_t k = i;
            while (k > start && cmp_keyed(&tmp[k - 1], &t) > 0) {
                tmp[k] = tmp[k - 1];
                k--;
            }
            tmp[k] = t;
        }
        start = cnt[b];
    }
    memcpy(kv, tmp, m * sizeof *kv);
}

struct dcd_rankcorr {
    size_t d, max_rows;
    size_t na;           /* columns in at least one correlation */
    size_t *act;         /* their indices (the others are left as drawn) */
    gsl_matrix *p;       /* Cholesky factor of the target (lower) */
    gsl_matrix *e;       /* the scores' correlation, then its factor */
    double *scores;      /* van der Waerden scores of the current block size */
    size_t scores_m;     /* the block size SCORES is for */
    double *m, *ms;      /* scores matrix and its transform, rows x d */
    double *col, *y;     /* one column; one row */
    dcd_keyed *kv, *kv2; /* a column with row numbers, and scratch, for sorting */
    size_t *cnt, *bid;   /* bucket counts (max_rows + 1) and bucket numbers */
};

/* The normal scores' Pearson correlation that gives Spearman correlation RHO:
 * r = 2 sin(pi rho / 6) (Pearson 1907), so that the target is met without the
 * bias of imposing RHO on the scores directly (0.7 would give 0.683). */
static void to_pearson(const double *c, size_t d, gsl_matrix *a)
{
    for (size_t i = 0; i < d; i++)
        for (size_t j = 0; j < d; j++)
            gsl_matrix_set(a, i, j, i == j ? 1 : 2 * sin(M_PI * c[i * d + j] / 6));
}

int dcd_corr_check(const double *c, size_t d, char *why, size_t whycap)
{
    for (size_t i = 0; i < d; i++)
        for (size_t j = 0; j < d; j++) {
            double v = c[i * d + j];
            if (!isfinite(v) || (i == j && v != 1) || v < -1 || v > 1) {
                snprintf(why, whycap,
                         "entry (%zu, %zu) = %g: a correlation matrix has ones on "
                         "its diagonal and values in [-1, 1] elsewhere",
                         i + 1, j + 1, v);
                return DCD_EINPUT;
            }
            if (v != c[j * d + i]) {
                snprintf(why, whycap, "the correlation matrix is not symmetric at (%zu, %zu)",
                         i + 1, j + 1);
                return DCD_EINPUT;
            }
        }
    gsl_matrix *a = gsl_matrix_alloc(d, d);
    if (!a)
        return DCD_ENOMEM;
    to_pearson(c, d, a);
    int st = gsl_linalg_cholesky_decomp1(a);
    gsl_matrix_free(a);
    if (st) {
        snprintf(why, whycap,
                 "the correlations are not consistent with each other (the "
                 "matrix is not positive definite): weaken some of them");
        return DCD_EINPUT;
    }
    return DCD_OK;
}

void dcd_rankcorr_free(dcd_rankcorr *w)
{
    if (!w)
        return;
    gsl_matrix_free(w->p);
    gsl_matrix_free(w->e);
    free(w->act);
    free(w->scores);
    free(w->m);
    free(w->ms);
    free(w->col);
    free(w->y);
    free(w->kv);
    free(w->kv2);
    free(w->cnt);
    free(w->bid);
    free(w);
}

dcd_rankcorr *dcd_rankcorr_alloc(const double *c, size_t d, size_t max_rows, int *status, char *why,
                                 size_t whycap)
{
    *status = dcd_corr_check(c, d, why, whycap);
    if (*status)
        return NULL;
    *status = DCD_ENOMEM;
    dcd_rankcorr *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->d = d;
    w->max_rows = max_rows;
    w->act = malloc(d * sizeof *w->act);
    if (!w->act)
        goto fail;
    for (size_t i = 0; i < d; i++) {
        int any = 0;
        for (size_t j = 0; j < d; j++)
            any |= i != j && c[i * d + j] != 0;
        if (any)
            w->act[w->na++] = i;
    }
    size_t na = w->na ? w->na : 1;
    w->p = gsl_matrix_alloc(na, na);
    w->e = gsl_matrix_alloc(na, na);
    w->scores = malloc(max_rows * sizeof *w->scores);
    w->m = malloc(max_rows * na * sizeof *w->m);
    w->ms = malloc(max_rows * na * sizeof *w->ms);
    w->col = malloc(max_rows * sizeof *w->col);
    w->y = malloc(na * sizeof *w->y);
    w->kv = malloc(max_rows * sizeof *w->kv);
    w->kv2 = malloc(max_rows * sizeof *w->kv2);
    w->cnt = malloc((max_rows + 1) * sizeof *w->cnt);
    w->bid = malloc(max_rows * sizeof *w->bid);
    if (!w->p || !w->e || !w->scores || !w->m || !w->ms || !w->col || !w->y || !w->kv || !w->kv2 ||
        !w->cnt || !w->bid)
        goto fail;
    for (size_t a = 0; a < w->na; a++)
        for (size_t b = 0; b < w->na; b++) {
            double r = c[w->act[a] * d + w->act[b]];
            gsl_matrix_set(w->p, a, b, a == b ? 1 : 2 * sin(M_PI * r / 6));
        }
    if (w->na && gsl_linalg_cholesky_decomp1(w->p)) { /* a principal minor of a positive
                                                        definite matrix: cannot fail */
        *status = DCD_EINPUT;
        goto fail_status;
    }
    *status = DCD_OK;
    return w;
fail:
    *status = DCD_ENOMEM;
fail_status:
    dcd_rankcorr_free(w);
    return NULL;
}

int dcd_rankcorr_apply(dcd_rankcorr *w, gsl_rng *r, uint64_t seed, size_t block, double *x,
                       size_t m)
{
    size_t d = w->na, stride = w->d;
    if (m <= d || d < 2)
        return DCD_OK;
    if (m > w->max_rows)
        return DCD_EMODEL;
    if (w->scores_m != m) {
        for (size_t k = 0; k < m; k++)
            w->scores[k] = gsl_cdf_ugaussian_Pinv((double)(k + 1) / (double)(m + 1));
        w->scores_m = m;
    }
    /* each correlated column: a random permutation of the scores */
    dcd_stream_set(r, seed, DCD_STREAM_RANKS, block);
    for (size_t j = 0; j < d; j++) {
        double *col = w->col;
        memcpy(col, w->scores, m * sizeof *col);
        for (size_t i = m - 1; i > 0; i--) { /* Fisher-Yates */
            size_t k = dcd_rng_below(r, (uint32_t)(i + 1));
            double t = col[i];
            col[i] = col[k];
            col[k] = t;
        }
        for (size_t i = 0; i < m; i++)
            w->m[i * d + j] = w->col[i];
    }
    /* E = M'M / sum of squared scores (columns have mean 0), E = F F' */
    double ss = 0;
    for (size_t k = 0; k < m; k++)
        ss += w->scores[k] * w->scores[k];
    for (size_t a = 0; a < d; a++)
        for (size_t b = 0; b <= a; b++) {
            double s = 0;
            for (size_t i = 0; i < m; i++)
                s += w->m[i * d + a] * w->m[i * d + b];
            gsl_matrix_set(w->e, a, b, s / ss);
            gsl_matrix_set(w->e, b, a, s / ss);
        }
    if (gsl_linalg_cholesky_decomp1(w->e))
        return DCD_EMODEL;
    /* row by row: y = F^-1 m_i, ms_i = P y (the matrices read in place) */
    const double *F = w->e->data, *P = w->p->data;
    size_t tf = w->e->tda, tp = w->p->tda;
    for (size_t i = 0; i < m; i++) {
        for (size_t a = 0; a < d; a++) {
            double s = w->m[i * d + a];
            for (size_t b = 0; b < a; b++)
                s -= F[a * tf + b] * w->y[b];
            w->y[a] = s / F[a * tf + a];
        }
        for (size_t a = 0; a < d; a++) {
            double s = 0;
            for (size_t b = 0; b <= a; b++)
                s += P[a * tp + b] * w->y[b];
            w->ms[i * d + a] = s;
        }
    }
    /* give each correlated column of X the rank order of its column of MS */
    for (size_t j = 0; j < d; j++) {
        size_t cx = w->act[j];
        for (size_t i = 0; i < m; i++) {
            w->kv[i].v = x[i * stride + cx];
            w->kv[i].row = i;
        }
        bucket_sort(w->kv, w->kv2, w->cnt, w->bid, m, 0);
        for (size_t i = 0; i < m; i++)
            w->col[i] = w->kv[i].v;
        for (size_t i = 0; i < m; i++) {
            w->kv[i].v = w->ms[i * d + j];
            w->kv[i].row = i;
        }
        bucket_sort(w->kv, w->kv2, w->cnt, w->bid, m, 1);
        for (size_t k = 0; k < m; k++)
            x[w->kv[k].row * stride + cx] = w->col[k];
    }
    return DCD_OK;
}

/* Mean ranks (1-based) of X[i * stride + c] into R; WORK holds n doubles and
 * IDX n indices. */
static void ranks(const double *x, size_t n, size_t stride, size_t c, double *r, double *work,
                  size_t *idx)
{
    for (size_t i = 0; i < n; i++)
        work[i] = x[i * stride + c];
    gsl_sort_index(idx, work, 1, n);
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j + 1 < n && work[idx[j + 1]] == work[idx[i]])
            j++;
        double mean = (double)(i + j) / 2 + 1;
        for (size_t k = i; k <= j; k++)
            r[idx[k]] = mean;
        i = j + 1;
    }
}

double dcd_spearman(const double *x, size_t n, size_t stride, size_t a, size_t b, double *work,
                    size_t *idx)
{
    double *ra = work, *rb = work + n, *tmp = work + 2 * n;
    ranks(x, n, stride, a, ra, tmp, idx);
    ranks(x, n, stride, b, rb, tmp, idx);
    double ma = 0, mb = 0;
    for (size_t i = 0; i < n; i++) {
        ma += ra[i];
        mb += rb[i];
    }
    ma /= (double)n;
    mb /= (double)n;
    double sab = 0, saa = 0, sbb = 0;
    for (size_t i = 0; i < n; i++) {
        sab += (ra[i] - ma) * (rb[i] - mb);
        saa += (ra[i] - ma) * (ra[i] - ma);
        sbb += (rb[i] - mb) * (rb[i] - mb);
    }
    return saa > 0 && sbb > 0 ? sab / sqrt(saa * sbb) : 0;
}

size_t dcd_draw_block(const dcd_sampler *s, const dcd_dist *dists, dcd_rankcorr *rc, gsl_rng *r,
                      size_t b, double *u, double *x, int *status)
{
    size_t d = dcd_sampler_dim(s);
    size_t m = dcd_sampler_block(s, b, r, u);
    *status = DCD_OK;
    if (!m)
        return 0;
    if (rc) {
        *status = dcd_rankcorr_apply(rc, r, dcd_sampler_seed(s), b, u, m);
        if (*status)
            return 0;
    }
    for (size_t j = 0; j < d; j++) /* input by input: one distribution's case at a time */
        dcd_dist_quantiles(&dists[j], u + j, m, d, x + j);
    return m;
}
