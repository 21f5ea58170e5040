/* dist.c - distributions of uncertain inputs and the sampling design
 * (dcd_dist.h; the method is described in docs/uncertainty.md). */
#include "dcd_dist.h"

#include <assert.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const NAMES[] = {"uniform", "triangular", "pert",
                                    "normal",  "lognormal",  "discrete"};

const char *dcd_dist_name(dcd_dist_kind k)
{
    return (unsigned)k < sizeof NAMES / sizeof NAMES[0] ? NAMES[k] : "?";
}

int dcd_dist_from_name(const char *name)
{
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++)
        if (strcmp(NAMES[i], name) == 0)
            return (int)i;
    return -1;
}

static int why(char *buf, size_t cap, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Writes the reason for a refusal; returns DCD_EINPUT. */
static int why(char *buf, size_t cap, const char *fmt, ...)
{
    if (buf && cap) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(buf, cap, fmt, ap);
        va_end(ap);
    }
    return DCD_EINPUT;
}

static int all_finite(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    int ok = 1;
    for (int i = 0; i < n; i++)
        if (!isfinite(va_arg(ap, double)))
            ok = 0;
    va_end(ap);
    return ok;
}

void dcd_dist_free(dcd_dist *d)
{
    if (!d)
        return;
    free(d->values);
    free(d->cum);
    free(d->tab);
    d->values = d->cum = d->tab = NULL;
    d->n = 0;
}

static void put(dcd_dist *d, const dcd_dist *v)
{
    dcd_dist_free(d);
    *d = *v;
}

int dcd_dist_set_uniform(dcd_dist *d, double min, double max, char *w, size_t wc)
{
    if (!all_finite(2, min, max))
        return why(w, wc, "min and max must be finite numbers");
    if (!(min < max))
        return why(w, wc, "min (%g) must be less than max (%g)", min, max);
    dcd_dist v = {.kind = DCD_DIST_UNIFORM, .a = min, .c = max, .lo = min, .hi = max};
    put(d, &v);
    return DCD_OK;
}

static int check_mmm(double min, double mode, double max, char *w, size_t wc)
{
    if (!all_finite(3, min, mode, max))
        return why(w, wc, "min, mode and max must be finite numbers");
    if (!(min < max))
        return why(w, wc, "min (%g) must be less than max (%g)", min, max);
    if (!(min <= mode && mode <= max))
        return why(w, wc, "mode (%g) must lie in [min, max] = [%g, %g]", mode, min, max);
    return DCD_OK;
}

int dcd_dist_set_triangular(dcd_dist *d, double min, double mode, double max, char *w, size_t wc)
{
    int st = check_mmm(min, mode, max, w, wc);
    if (st)
        return st;
    dcd_dist v = {.kind = DCD_DIST_TRIANGULAR, .a = min, .b = mode, .c = max, .lo = min, .hi = max};
    put(d, &v);
    return DCD_OK;
}

/* The PERT quantile without calling GSL's iterative beta inverse per draw.
 * Each half of (0, 1) is tabulated in a variable in which the standard beta
 * quantile is smooth up to the end: w = u^(1/alpha) for u <= 1/2 (x ~
 * (alpha B u)^(1/alpha) as u -> 0) and w = (1 - u)^(1/beta) above.  Nodes on
 * a uniform grid in w hold x and dx/dw (exact: from the beta density), and a
 * cubic Hermite interpolates between them.  Layout of TAB: x and dx/dw of
 * the lower half (N + 1 each), then of the upper half, then 1/alpha, 1/beta
 * and the w range of each half. */
static double pert_node(const dcd_dist *v, int upper, double w, double *dxdw)
{
    double al = upper ? v->beta : v->alpha, be = upper ? v->alpha : v->beta;
    if (w == 0) { /* the limit: x = (al B(al, be) u)^(1/al), u = w^al */
        *dxdw = pow(al * exp(gsl_sf_lnbeta(al, be)), 1 / al);
        return 0;
    }
    double u = pow(w, al), x = gsl_cdf_beta_Pinv(u, al, be);
    *dxdw = al * pow(w, al - 1) / gsl_ran_beta_pdf(x, al, be);
    return x;
}

static int pert_table(dcd_dist *v)
{
    const size_t n = DCD_PERT_NODES;
    v->tab = malloc((4 * (n + 1) + 4) * sizeof *v->tab);
    if (!v->tab)
        return -1;
    double *tail = v->tab + 4 * (n + 1); /* 1/alpha, 1/beta and each half's w range */
    tail[0] = 1 / v->alpha;
    tail[1] = 1 / v->beta;
    tail[2] = pow(0.5, tail[0]);
    tail[3] = pow(0.5, tail[1]);
    for (int upper = 0; upper < 2; upper++) {
        double *x = v->tab + (size_t)upper * 2 * (n + 1), *dx = x + n + 1;
        double wmax = pow(0.5, 1 / (upper ? v->beta : v->alpha));
        for (size_t k = 0; k <= n; k++)
            x[k] = pert_node(v, upper, wmax * (double)k / (double)n, &dx[k]);
    }
    return 0;
}

/* The standard beta quantile at U from the table. */
static double pert_std(const dcd_dist *d, double u)
{
    const size_t n = DCD_PERT_NODES;
    int upper = u > 0.5;
    const double *x = d->tab + (size_t)upper * 2 * (n + 1), *dx = x + n + 1;
    const double *tail = d->tab + 4 * (n + 1);
    double wmax = tail[2 + upper], w = pow(upper ? 1 - u : u, tail[upper]);
    double h = wmax / (double)n, t = w / h;
    size_t k = (size_t)t;
    if (k >= n)
        k = n - 1;
    t -= (double)k;
    double t2 = t * t, t3 = t2 * t;
    double r = (2 * t3 - 3 * t2 + 1) * x[k] + (t3 - 2 * t2 + t) * h * dx[k] +
               (-2 * t3 + 3 * t2) * x[k + 1] + (t3 - t2) * h * dx[k + 1];
    return upper ? 1 - r : r;
}

int dcd_dist_set_pert(dcd_dist *d, double min, double mode, double max, double lambda, char *w,
                      size_t wc)
{
    int st = check_mmm(min, mode, max, w, wc);
    if (st)
        return st;
    if (!(isfinite(lambda) && lambda > 0 && lambda <= 20))
        return why(w, wc, "lambda (%g) must lie in (0, 20] (4 is the classic PERT)", lambda);
    dcd_dist v = {.kind = DCD_DIST_PERT,
                  .a = min,
                  .b = mode,
                  .c = max,
                  .lo = min,
                  .hi = max,
                  .lambda = lambda};
    v.alpha = 1 + lambda * (mode - min) / (max - min);
    v.beta = 1 + lambda * (max - mode) / (max - min);
    if (pert_table(&v))
        return DCD_ENOMEM;
    put(d, &v);
    return DCD_OK;
}

/* Standardised bounds and tail probabilities of a normal on [LO, HI]. */
static int set_trunc(dcd_dist *v, double za, double zb, char *w, size_t wc)
{
    v->plo = gsl_cdf_ugaussian_P(za);
    v->phi = gsl_cdf_ugaussian_P(zb);
    v->qlo = gsl_cdf_ugaussian_Q(za);
    v->qhi = gsl_cdf_ugaussian_Q(zb);
    v->upper = za > 0;
    double mass = za > 0 ? v->qlo - v->qhi : v->phi - v->plo;
    if (!(mass > 1e-300))
        return why(w, wc, "the range [min, max] holds no probability under this distribution");
    return DCD_OK;
}

static int check_bounds(double lo, double hi, char *w, size_t wc)
{
    if (isnan(lo) || isnan(hi) || lo == HUGE_VAL || hi == -HUGE_VAL)
        return why(w, wc, "min and max must be numbers");
    if (!(lo < hi))
        return why(w, wc, "min (%g) must be less than max (%g)", lo, hi);
    return DCD_OK;
}

int dcd_dist_set_normal(dcd_dist *d, double mean, double sd, double lo, double hi, char *w,
                        size_t wc)
{
    if (!all_finite(2, mean, sd))
        return why(w, wc, "mean and sd must be finite numbers");
    if (!(sd > 0))
        return why(w, wc, "sd (%g) must be positive", sd);
    int st = check_bounds(lo, hi, w, wc);
    if (st)
        return st;
    dcd_dist v = {.kind = DCD_DIST_NORMAL, .a = mean, .b = sd, .lo = lo, .hi = hi};
    st = set_trunc(&v, (lo - mean) / sd, (hi - mean) / sd, w, wc);
    if (st)
        return st;
    put(d, &v);
    return DCD_OK;
}

int dcd_dist_set_lognormal(dcd_dist *d, double mu, double sigma, double lo, double hi, char *w,
                           size_t wc)
{
    if (!all_finite(2, mu, sigma))
        return why(w, wc, "the log-scale parameters must be finite numbers");
    if (!(sigma > 0))
        return why(w, wc, "sigma (%g) must be positive", sigma);
    int st = check_bounds(lo, hi, w, wc);
    if (st)
        return st;
    if (lo < 0)
        lo = 0;
    if (!(hi > 0))
        return why(w, wc, "max (%g) must be positive: a lognormal value is positive", hi);
    dcd_dist v = {.kind = DCD_DIST_LOGNORMAL, .a = mu, .b = sigma, .lo = lo, .hi = hi};
    double za = lo > 0 ? (log(lo) - mu) / sigma : -HUGE_VAL;
    double zb = isfinite(hi) ? (log(hi) - mu) / sigma : HUGE_VAL;
    st = set_trunc(&v, za, zb, w, wc);
    if (st)
        return st;
    put(d, &v);
    return DCD_OK;
}

int dcd_dist_set_lognormal_moments(dcd_dist *d, double mean, double sd, double lo, double hi,
                                   char *w, size_t wc)
{
    if (!all_finite(2, mean, sd))
        return why(w, wc, "mean and sd must be finite numbers");
    if (!(mean > 0))
        return why(w, wc, "mean (%g) must be positive for a lognormal", mean);
    if (!(sd > 0))
        return why(w, wc, "sd (%g) must be positive", sd);
    double s2 = log1p((sd / mean) * (sd / mean));
    return dcd_dist_set_lognormal(d, log(mean) - s2 / 2, sqrt(s2), lo, hi, w, wc);
}

typedef struct pair {
    double v, w;
} pair;

static int cmp_pair(const void *a, const void *b)
{
    double x = ((const pair *)a)->v, y = ((const pair *)b)->v;
    return (x > y) - (x < y);
}

int dcd_dist_set_discrete(dcd_dist *d, const double *values, const double *weights, size_t n,
                          char *w, size_t wc)
{
    if (n == 0)
        return why(w, wc, "give at least one value");
    pair *p = malloc(n * sizeof *p);
    dcd_dist v = {.kind = DCD_DIST_DISCRETE, .n = n};
    v.values = malloc(n * sizeof *v.values);
    v.cum = malloc(n * sizeof *v.cum);
    int st = DCD_ENOMEM;
    if (!p || !v.values || !v.cum)
        goto done;
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        p[i].v = values[i];
        p[i].w = weights ? weights[i] : 1.0;
        if (!isfinite(p[i].v)) {
            st = why(w, wc, "value %zu is not a finite number", i + 1);
            goto done;
        }
        if (!(isfinite(p[i].w) && p[i].w > 0)) {
            st = why(w, wc, "weight %zu (%g) must be a positive number", i + 1, p[i].w);
            goto done;
        }
        sum += p[i].w;
    }
    qsort(p, n, sizeof *p, cmp_pair);
    double acc = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && p[i].v == p[i - 1].v) {
            st = why(w, wc, "value %g appears twice", p[i].v);
            goto done;
        }
        acc += p[i].w;
        v.values[i] = p[i].v;
        v.cum[i] = acc / sum;
    }
    v.cum[n - 1] = 1.0;
    v.lo = v.values[0];
    v.hi = v.values[n - 1];
    put(d, &v);
    v.values = v.cum = NULL;
    st = DCD_OK;
done:
    free(p);
    free(v.values);
    free(v.cum);
    return st;
}

int dcd_dist_copy(dcd_dist *dst, const dcd_dist *src)
{
    *dst = *src;
    dst->values = dst->cum = dst->tab = NULL;
    if (src->kind == DCD_DIST_PERT && src->tab) {
        size_t bytes = (4 * (DCD_PERT_NODES + 1) + 4) * sizeof *dst->tab;
        if (!(dst->tab = malloc(bytes)))
            return DCD_ENOMEM;
        memcpy(dst->tab, src->tab, bytes);
        return DCD_OK;
    }
    if (src->kind != DCD_DIST_DISCRETE || !src->n)
        return DCD_OK;
    dst->values = malloc(src->n * sizeof *dst->values);
    dst->cum = malloc(src->n * sizeof *dst->cum);
    if (!dst->values || !dst->cum) {
        dcd_dist_free(dst);
        return DCD_ENOMEM;
    }
    memcpy(dst->values, src->values, src->n * sizeof *dst->values);
    memcpy(dst->cum, src->cum, src->n * sizeof *dst->cum);
    return DCD_OK;
}

/* Standard normal quantile of the truncated range at U, by the tail that
 * keeps precision. */
static double trunc_z(const dcd_dist *d, double u)
{
    if (d->upper)
        return gsl_cdf_ugaussian_Qinv(d->qlo - u * (d->qlo - d->qhi));
    return gsl_cdf_ugaussian_Pinv(d->plo + u * (d->phi - d->plo));
}

static double clampd(double x, double lo, double hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

static double std_lo(const dcd_dist *d)
{
    if (d->kind == DCD_DIST_NORMAL)
        return (d->lo - d->a) / d->b;
    return d->lo > 0 ? (log(d->lo) - d->a) / d->b : -HUGE_VAL;
}

static double std_hi(const dcd_dist *d)
{
    if (d->kind == DCD_DIST_NORMAL)
        return (d->hi - d->a) / d->b;
    return isfinite(d->hi) ? (log(d->hi) - d->a) / d->b : HUGE_VAL;
}

/* The quantile of D at U, D being of family KIND (a constant where this is
 * inlined into a loop over one distribution's draws: the switch goes). */
static inline double quantile_of(const dcd_dist *d, dcd_dist_kind kind, double u)
{
    if (!(u > 0))
        return d->lo;
    if (u >= 1)
        return d->hi;
    double x;
    switch (kind) {
    case DCD_DIST_UNIFORM: x = d->a + u * (d->c - d->a); break;
    case DCD_DIST_TRIANGULAR: {
        double min = d->a, mode = d->b, max = d->c, f = (mode - min) / (max - min);
        x = u < f ? min + sqrt(u * (max - min) * (mode - min))
                  : max - sqrt((1 - u) * (max - min) * (max - mode));
        break;
    }
    case DCD_DIST_PERT: x = d->a + (d->c - d->a) * pert_std(d, u); break;
    case DCD_DIST_NORMAL: x = d->a + d->b * trunc_z(d, u); break;
    case DCD_DIST_LOGNORMAL: x = exp(d->a + d->b * trunc_z(d, u)); break;
    default: {
        size_t lo = 0, hi = d->n - 1; /* first i with cum[i] >= u */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (d->cum[mid] >= u)
                hi = mid;
            else
                lo = mid + 1;
        }
        return d->values[lo];
    }
    }
    if (isnan(x))
        x = u < 0.5 ? d->lo : d->hi;
    return clampd(x, d->lo, d->hi);
}

double dcd_dist_quantile(const dcd_dist *d, double u)
{
    return quantile_of(d, d->kind, u);
}

void dcd_dist_quantiles(const dcd_dist *d, const double *u, size_t n, size_t stride, double *x)
{
    switch (d->kind) { /* one loop per family: each call inlined without its switch */
    case DCD_DIST_UNIFORM:
        for (size_t i = 0; i < n; i++)
            x[i * stride] = quantile_of(d, DCD_DIST_UNIFORM, u[i * stride]);
        break;
    case DCD_DIST_TRIANGULAR:
        for (size_t i = 0; i < n; i++)
            x[i * stride] = quantile_of(d, DCD_DIST_TRIANGULAR, u[i * stride]);
        break;
    case DCD_DIST_PERT:
        for (size_t i = 0; i < n; i++)
            x[i * stride] = quantile_of(d, DCD_DIST_PERT, u[i * stride]);
        break;
    case DCD_DIST_NORMAL:
        for (size_t i = 0; i < n; i++)
            x[i * stride] = quantile_of(d, DCD_DIST_NORMAL, u[i * stride]);
        break;
    case DCD_DIST_LOGNORMAL:
        for (size_t i = 0; i < n; i++)
            x[i * stride] = quantile_of(d, DCD_DIST_LOGNORMAL, u[i * stride]);
        break;
    default:
        for (size_t i = 0; i < n; i++)
            x[i * stride] = quantile_of(d, d->kind, u[i * stride]);
        break;
    }
}

double dcd_dist_cdf(const dcd_dist *d, double x)
{
    if (x < d->lo)
        return 0;
    if (x >= d->hi)
        return 1;
    switch (d->kind) {
    case DCD_DIST_UNIFORM: return (x - d->a) / (d->c - d->a);
    case DCD_DIST_TRIANGULAR: {
        double min = d->a, mode = d->b, max = d->c;
        if (x <= mode)
            return (x - min) * (x - min) / ((max - min) * (mode - min));
        return 1 - (max - x) * (max - x) / ((max - min) * (max - mode));
    }
    case DCD_DIST_PERT: return gsl_cdf_beta_P((x - d->a) / (d->c - d->a), d->alpha, d->beta);
    case DCD_DIST_NORMAL:
    case DCD_DIST_LOGNORMAL: {
        double z = d->kind == DCD_DIST_NORMAL ? (x - d->a) / d->b
                                              : (x > 0 ? (log(x) - d->a) / d->b : -HUGE_VAL);
        if (std_lo(d) > 0)
            return (d->qlo - gsl_cdf_ugaussian_Q(z)) / (d->qlo - d->qhi);
        return (gsl_cdf_ugaussian_P(z) - d->plo) / (d->phi - d->plo);
    }
    default: {
        double c = 0;
        for (size_t i = 0; i < d->n && d->values[i] <= x; i++)
            c = d->cum[i];
        return c;
    }
    }
}

double dcd_dist_median(const dcd_dist *d)
{
    return dcd_dist_quantile(d, 0.5);
}

/* E[X^K] / mass of a standard normal shifted: for the truncated lognormal,
 * E[X^k] = exp(k mu + k^2 s^2 / 2) (P(zb - k s) - P(za - k s)) / Z. */
static double lognormal_moment(const dcd_dist *d, int k)
{
    double za = std_lo(d), zb = std_hi(d), s = d->b, ks = k * s;
    double z = za > 0 ? d->qlo - d->qhi : d->phi - d->plo;
    double num = za - ks > 0 ? gsl_cdf_ugaussian_Q(za - ks) - gsl_cdf_ugaussian_Q(zb - ks)
                             : gsl_cdf_ugaussian_P(zb - ks) - gsl_cdf_ugaussian_P(za - ks);
    return exp(k * d->a + ks * ks / 2) * num / z;
}

/* Mean (K = 1) or variance (K = 2) of the truncated normal. */
static double normal_moment(const dcd_dist *d, int k)
{
    double za = std_lo(d), zb = std_hi(d);
    double z = za > 0 ? d->qlo - d->qhi : d->phi - d->plo;
    double fa = isfinite(za) ? gsl_ran_ugaussian_pdf(za) : 0;
    double fb = isfinite(zb) ? gsl_ran_ugaussian_pdf(zb) : 0;
    double r = (fa - fb) / z;
    if (k == 1)
        return d->a + d->b * r;
    double t = ((isfinite(za) ? za * fa : 0) - (isfinite(zb) ? zb * fb : 0)) / z;
    return d->b * d->b * (1 + t - r * r);
}

double dcd_dist_mean(const dcd_dist *d)
{
    switch (d->kind) {
    case DCD_DIST_UNIFORM: return (d->a + d->c) / 2;
    case DCD_DIST_TRIANGULAR: return (d->a + d->b + d->c) / 3;
    case DCD_DIST_PERT: return d->a + (d->c - d->a) * d->alpha / (d->alpha + d->beta);
    case DCD_DIST_NORMAL: return normal_moment(d, 1);
    case DCD_DIST_LOGNORMAL: return lognormal_moment(d, 1);
    default: {
        double m = 0, prev = 0;
        for (size_t i = 0; i < d->n; i++) {
            m += d->values[i] * (d->cum[i] - prev);
            prev = d->cum[i];
        }
        return m;
    }
    }
}

double dcd_dist_variance(const dcd_dist *d)
{
    switch (d->kind) {
    case DCD_DIST_UNIFORM: return (d->c - d->a) * (d->c - d->a) / 12;
    case DCD_DIST_TRIANGULAR: {
        double a = d->a, b = d->b, c = d->c;
        return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    }
    case DCD_DIST_PERT: {
        double s = d->alpha + d->beta, r = d->c - d->a;
        return r * r * d->alpha * d->beta / (s * s * (s + 1));
    }
    case DCD_DIST_NORMAL: return normal_moment(d, 2);
    case DCD_DIST_LOGNORMAL: {
        double m = lognormal_moment(d, 1);
        return lognormal_moment(d, 2) - m * m;
    }
    default: {
        double m = dcd_dist_mean(d), v = 0, prev = 0;
        for (size_t i = 0; i < d->n; i++) {
            v += (d->values[i] - m) * (d->values[i] - m) * (d->cum[i] - prev);
            prev = d->cum[i];
        }
        return v;
    }
    }
}

void dcd_dist_support(const dcd_dist *d, double *lo, double *hi)
{
    *lo = d->lo;
    *hi = d->hi;
}

/* ---- Streams and sampling ------------------------------------------------ */

static uint64_t mix64(uint64_t z)
{
    z += UINT64_C(0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

uint64_t dcd_stream_seed(uint64_t seed, unsigned tag, uint64_t index)
{
    return mix64(mix64(mix64(seed) ^ (uint64_t)tag) ^ index);
}

void dcd_stream_set(gsl_rng *r, uint64_t seed, unsigned tag, uint64_t index)
{
    uint64_t s = dcd_stream_seed(seed, tag, index);
    /* the generator takes a 32-bit seed: fold the high word in */
    gsl_rng_set(r, (unsigned long)((s ^ (s >> 32)) & 0xffffffffu));
}

const gsl_rng_type *dcd_rng_type(void)
{
    return gsl_rng_taus2;
}

uint32_t dcd_rng_below(gsl_rng *r, uint32_t n)
{
    assert(n >= 1); /* R's outputs span 0 .. 2^32 - 1 (dcd_rng_type(), tested) */
    uint64_t m = (uint64_t)gsl_rng_get(r) * n;
    uint32_t low = (uint32_t)m;
    if (low < n) {
        uint32_t t = (uint32_t)(0u - n) % n; /* 2^32 mod n */
        while (low < t) {
            m = (uint64_t)gsl_rng_get(r) * n;
            low = (uint32_t)m;
        }
    }
    return (uint32_t)(m >> 32);
}

void dcd_shard_blocks(size_t nblocks, size_t i, size_t n, size_t *first, size_t *count)
{
    size_t a = nblocks / n * i + (i < nblocks % n ? i : nblocks % n);
    *first = a;
    *count = nblocks / n + (i < nblocks % n);
}

size_t dcd_sample_nblocks(size_t ndraws)
{
    return (ndraws + DCD_SAMPLE_BLOCK - 1) / DCD_SAMPLE_BLOCK;
}

size_t dcd_sample_block_size(size_t ndraws, size_t b)
{
    size_t start = b * DCD_SAMPLE_BLOCK;
    if (start >= ndraws)
        return 0;
    return ndraws - start < DCD_SAMPLE_BLOCK ? ndraws - start : DCD_SAMPLE_BLOCK;
}

struct dcd_sampler {
    dcd_sampling method;
    uint64_t seed;
    size_t ndraws, d, first_block, nblocks;
    size_t first_draw, count; /* the draws of the plan's blocks */
    uint32_t *perm;           /* LHS: count x d strata, dimension-major */
};

/* The LHS permutations of dimensions J = FIRST, FIRST + STEP, ... < D of
 * plan S: each its own stream (seed, DCD_STREAM_LHS, j), so the dimensions
 * are independent and may be built by different threads. */
typedef struct perm_job {
    dcd_sampler *s;
    size_t first, step;
    int status;
} perm_job;

/* Buckets of random_perm(): 2^PERM_BITS of them. */
#define PERM_BITS 8

/* A uniformly random permutation of 0 .. N - 1 into OUT, in an order the
 * caches like (Rao 1961, Sandelius 1962): each number goes to one of 256
 * buckets drawn at random (four a generator output), each bucket (a few
 * thousand numbers: in the first cache level) is shuffled by Fisher-Yates,
 * and the buckets follow each other.  BID holds N bytes. */
static void random_perm(gsl_rng *r, size_t n, uint32_t *out, unsigned char *bid)
{
    enum { NB = 1 << PERM_BITS };
    size_t start[NB + 1] = {0}, at[NB];
    uint32_t word = 0;
    for (size_t i = 0; i < n; i++) {
        if (i % 4 == 0)
            word = (uint32_t)gsl_rng_get(r);
        bid[i] = (unsigned char)(word >> (8 * (i % 4)));
        start[bid[i] + 1]++;
    }
    for (size_t b = 0; b < NB; b++) {
        start[b + 1] += start[b];
        at[b] = start[b];
    }
    for (size_t i = 0; i < n; i++)
        out[at[bid[i]]++] = (uint32_t)i;
    for (size_t b = 0; b < NB; b++) {
        uint32_t *x = out + start[b];
        size_t m = start[b + 1] - start[b];
        for (size_t i = m; i > 1; i--) { /* Fisher-Yates */
            size_t k = dcd_rng_below(r, (uint32_t)i);
            uint32_t t = x[i - 1];
            x[i - 1] = x[k];
            x[k] = t;
        }
    }
}

static void *build_perms(void *arg)
{
    perm_job *jb = arg;
    dcd_sampler *s = jb->s;
    size_t ndraws = s->ndraws;
    uint32_t *full = malloc(ndraws * sizeof *full);
    unsigned char *bid = malloc(ndraws);
    gsl_rng *r = gsl_rng_alloc(dcd_rng_type());
    jb->status = DCD_ENOMEM;
    if (!full || !bid || !r)
        goto out;
    for (size_t j = jb->first; j < s->d; j += jb->step) {
        dcd_stream_set(r, s->seed, DCD_STREAM_LHS, j);
        random_perm(r, ndraws, full, bid);
        memcpy(s->perm + j * s->count, full + s->first_draw, s->count * sizeof *full);
    }
    jb->status = DCD_OK;
out:
    free(full);
    free(bid);
    gsl_rng_free(r);
    return NULL;
}

/* Builds S's permutations on up to NTHREADS threads (the calling one
 * included).  The permutations do not depend on NTHREADS. */
static int build_perms_threads(dcd_sampler *s, unsigned nthreads)
{
    enum { MAXT = 64 };
    if (nthreads > s->d)
        nthreads = (unsigned)s->d;
    if (nthreads > MAXT)
        nthreads = MAXT;
    if (nthreads < 1)
        nthreads = 1;
    perm_job jobs[MAXT];
    pthread_t th[MAXT];
    unsigned started = 1;
    for (unsigned t = 0; t < nthreads; t++)
        jobs[t] = (perm_job){s, t, nthreads, DCD_ENOMEM};
    for (; started < nthreads; started++)
        if (pthread_create(&th[started], NULL, build_perms, &jobs[started]) != 0)
            break;
    if (started < nthreads) { /* a thread would not start: all of them here */
        for (unsigned t = 1; t < started; t++)
            pthread_join(th[t], NULL);
        perm_job all = {s, 0, 1, DCD_ENOMEM};
        build_perms(&all);
        return all.status;
    }
    build_perms(&jobs[0]);
    int rc = jobs[0].status;
    for (unsigned t = 1; t < started; t++) {
        pthread_join(th[t], NULL);
        if (jobs[t].status != DCD_OK)
            rc = jobs[t].status;
    }
    return rc;
}

dcd_sampler *dcd_sampler_alloc(dcd_sampling method, uint64_t seed, size_t ndraws, size_t d,
                               size_t first_block, size_t nblocks, int *status)
{
    return dcd_sampler_alloc_mt(method, seed, ndraws, d, first_block, nblocks, 1, status);
}

dcd_sampler *dcd_sampler_alloc_mt(dcd_sampling method, uint64_t seed, size_t ndraws, size_t d,
                                  size_t first_block, size_t nblocks, unsigned nthreads,
                                  int *status)
{
    dcd_sampler *s = NULL;
    size_t total = dcd_sample_nblocks(ndraws);
    *status = DCD_EUSAGE;
    if (ndraws == 0 || d == 0 || ndraws > UINT32_MAX || first_block + nblocks > total ||
        nblocks == 0)
        return NULL;
    *status = DCD_ENOMEM;
    s = calloc(1, sizeof *s);
    if (!s)
        goto fail;
    s->method = method;
    s->seed = seed;
    s->ndraws = ndraws;
    s->d = d;
    s->first_block = first_block;
    s->nblocks = nblocks;
    s->first_draw = first_block * DCD_SAMPLE_BLOCK;
    size_t end = (first_block + nblocks) * DCD_SAMPLE_BLOCK;
    s->count = (end < ndraws ? end : ndraws) - s->first_draw;
    if (method == DCD_SAMPLING_LHS) {
        s->perm = malloc(s->count * d * sizeof *s->perm);
        if (!s->perm || build_perms_threads(s, nthreads) != DCD_OK)
            goto fail;
    }
    *status = DCD_OK;
    return s;
fail:
    dcd_sampler_free(s);
    return NULL;
}

void dcd_sampler_free(dcd_sampler *s)
{
    if (!s)
        return;
    free(s->perm);
    free(s);
}

size_t dcd_sampler_dim(const dcd_sampler *s)
{
    return s->d;
}

uint64_t dcd_sampler_seed(const dcd_sampler *s)
{
    return s->seed;
}

size_t dcd_sampler_block(const dcd_sampler *s, size_t b, gsl_rng *r, double *u)
{
    if (b < s->first_block || b >= s->first_block + s->nblocks)
        return 0;
    size_t m = dcd_sample_block_size(s->ndraws, b);
    size_t off = b * DCD_SAMPLE_BLOCK - s->first_draw;
    dcd_stream_set(r, s->seed, DCD_STREAM_DRAWS, b);
    double inv = 1.0 / (double)s->ndraws;
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < s->d; j++) {
            double v = gsl_rng_uniform_pos(r);
            if (s->method == DCD_SAMPLING_LHS)
                v = ((double)s->perm[j * s->count + off + i] + v) * inv;
            u[i * s->d + j] = v;
        }
    return m;
}
