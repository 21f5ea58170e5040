/* sobol.c - Saltelli design, Sobol indices, bootstrap and tornado
 * (dcd_sobol.h; method in docs/uncertainty.md). */
#include "dcd_sobol.h"

#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

size_t dcd_saltelli_per_row(size_t d)
{
    return d + 2;
}

void dcd_saltelli_point(const double *u2d, size_t d, size_t k, double *u)
{
    const double *a = u2d, *b = u2d + d;
    if (k == 1) {
        memcpy(u, b, d * sizeof *u);
        return;
    }
    memcpy(u, a, d * sizeof *u);
    if (k >= 2 && k - 2 < d)
        u[k - 2] = b[k - 2];
}

/* The estimates over the base rows in ROWS (NULL: every row, in order) into
 * S1 and ST (D each).  Two passes: the mean of the 2N outputs at A and B,
 * then the variance and the sums with the outputs centred on it (which
 * leaves the estimators' expectations unchanged and their noise lower). */
static int estimate(const double *y, size_t nbase, size_t d, const size_t *rows, double *s1,
                    double *st, double *sums)
{
    size_t w = d + 2;
    double mean = 0, var = 0;
    double *num1 = sums, *numt = sums + d;
    memset(sums, 0, 2 * d * sizeof *sums);
    for (size_t r = 0; r < nbase; r++) {
        const double *row = y + (rows ? rows[r] : r) * w;
        mean += row[0] + row[1];
    }
    mean /= 2.0 * (double)nbase;
    for (size_t r = 0; r < nbase; r++) {
        const double *row = y + (rows ? rows[r] : r) * w;
        double fa = row[0] - mean, fb = row[1] - mean;
        var += fa * fa + fb * fb;
        for (size_t i = 0; i < d; i++) {
            double fab = row[2 + i] - mean;
            num1[i] += fb * (fab - fa);
            numt[i] += (fa - fab) * (fa - fab);
        }
    }
    var /= 2.0 * (double)nbase;
    if (!(var > 0) || !isfinite(var))
        return DCD_EMODEL;
    for (size_t i = 0; i < d; i++) {
        s1[i] = num1[i] / (double)nbase / var;
        st[i] = numt[i] / (2.0 * (double)nbase) / var;
    }
    return DCD_OK;
}

int dcd_sobol_estimate(const double *y, size_t nbase, size_t d, size_t nboot, double conf,
                       uint64_t seed, dcd_sobol_index *out)
{
    if (nbase < 2 || !d || !(conf > 0 && conf < 1))
        return DCD_EUSAGE;
    for (size_t k = 0; k < nbase * (d + 2); k++)
        if (!isfinite(y[k]))
            return DCD_EMODEL;
    int st = DCD_ENOMEM;
    double *s1 = malloc(d * sizeof *s1), *stt = malloc(d * sizeof *stt);
    double *sums = malloc(2 * d * sizeof *sums);
    double *bs = nboot ? malloc(nboot * 2 * d * sizeof *bs) : NULL;
    double *col = nboot ? malloc(nboot * sizeof *col) : NULL;
    size_t *rows = nboot ? malloc(nbase * sizeof *rows) : NULL;
    gsl_rng *r = nboot ? gsl_rng_alloc(dcd_rng_type()) : NULL;
    if (!s1 || !stt || !sums || (nboot && (!bs || !col || !rows || !r)))
        goto done;
    st = estimate(y, nbase, d, NULL, s1, stt, sums);
    if (st)
        goto done;
    for (size_t i = 0; i < d; i++) {
        out[i].first = out[i].first_lo = out[i].first_hi = s1[i];
        out[i].total = out[i].total_lo = out[i].total_hi = stt[i];
    }
    for (size_t b = 0; b < nboot; b++) {
        dcd_stream_set(r, seed, DCD_STREAM_BOOT, b);
        for (size_t j = 0; j < nbase; j++)
            rows[j] = dcd_rng_below(r, (uint32_t)nbase);
        if (estimate(y, nbase, d, rows, bs + b * 2 * d, bs + b * 2 * d + d, sums)) {
            /* a resample without variance: count it at the estimate */
            memcpy(bs + b * 2 * d, s1, d * sizeof *s1);
            memcpy(bs + b * 2 * d + d, stt, d * sizeof *stt);
        }
    }
    double plo = (1 - conf) / 2, phi = 1 - plo;
    for (size_t i = 0; i < d && nboot; i++)
        for (int which = 0; which < 2; which++) {
            for (size_t b = 0; b < nboot; b++)
                col[b] = bs[b * 2 * d + (size_t)which * d + i];
            gsl_sort(col, 1, nboot);
            double lo = gsl_stats_quantile_from_sorted_data(col, 1, nboot, plo);
            double hi = gsl_stats_quantile_from_sorted_data(col, 1, nboot, phi);
            if (which == 0) {
                out[i].first_lo = lo;
                out[i].first_hi = hi;
            } else {
                out[i].total_lo = lo;
                out[i].total_hi = hi;
            }
        }
    st = DCD_OK;
done:
    free(s1);
    free(stt);
    free(sums);
    free(bs);
    free(col);
    free(rows);
    gsl_rng_free(r);
    return st;
}

void dcd_sobol_rank(const dcd_sobol_index *ix, size_t d, size_t *order)
{
    for (size_t i = 0; i < d; i++)
        order[i] = i;
    for (size_t i = 1; i < d; i++) { /* insertion sort: stable, d is small */
        size_t v = order[i], j = i;
        while (j > 0) {
            const dcd_sobol_index *a = &ix[order[j - 1]], *b = &ix[v];
            if (!(b->total > a->total || (b->total == a->total && b->first > a->first)))
                break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
}

int dcd_tornado(const dcd_dist *dists, size_t d, double p_lo, double p_hi, dcd_model_fn f,
                void *ctx, double *x, double *y_base, dcd_tornado_bar *bars)
{
    if (!d || !(p_lo > 0 && p_lo < p_hi && p_hi < 1))
        return DCD_EUSAGE;
    for (size_t i = 0; i < d; i++)
        x[i] = dcd_dist_median(&dists[i]);
    if (f(ctx, x, y_base) || !isfinite(*y_base)) {
        bars[0].input = 0;
        return DCD_EMODEL;
    }
    for (size_t i = 0; i < d; i++) {
        dcd_tornado_bar t = {.input = i};
        double med = x[i];
        t.x_lo = dcd_dist_quantile(&dists[i], p_lo);
        t.x_hi = dcd_dist_quantile(&dists[i], p_hi);
        x[i] = t.x_lo;
        int bad = f(ctx, x, &t.y_lo);
        x[i] = t.x_hi;
        bad = bad || f(ctx, x, &t.y_hi);
        x[i] = med;
        if (bad || !isfinite(t.y_lo) || !isfinite(t.y_hi)) {
            bars[0].input = i;
            return DCD_EMODEL;
        }
        t.swing = fabs(t.y_hi - t.y_lo);
        size_t j = i; /* insertion: decreasing swing, stable */
        while (j > 0 && bars[j - 1].swing < t.swing) {
            bars[j] = bars[j - 1];
            j--;
        }
        bars[j] = t;
    }
    return DCD_OK;
}
