/* kernel.c - the model's equations on per-year arrays (dcd_kernel.h;
 * docs/model.md).  No allocation, no I/O. */
#include "dcd_kernel.h"

#include <assert.h>
#include <float.h>
#include <math.h>
#include <string.h>

/* max(x, 0) that keeps NaN (an undetermined value stays undetermined). */
static inline double nonneg(double x)
{
    return x < 0 ? 0 : x;
}

static int model_error(dcd_diags *d, const dcd_kctx *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#include <stdarg.h>
#include <stdio.h>

static int model_error(dcd_diags *d, const dcd_kctx *c, const char *fmt, ...)
{
    if (d) {
        char msg[512];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        dcd_diags_add(d, c->file, 0, 0, "%s", msg);
    }
    return DCD_EMODEL;
}

/* X, negative by at most DCD_NEG_TOL_REL of MAG, is rounding: returns 0 for
 * it.  Larger negative values and others are returned unchanged. */
static inline double clamp_rounding(double x, double mag)
{
    return (x < 0 && -x <= DCD_NEG_TOL_REL * mag) ? 0 : x;
}

/* Runs growth forward from the anchor X[ib] and backwards before it. */
static void grow_path(size_t ny, size_t ib, const double *G, double *X)
{
    for (size_t i = ib + 1; i < ny; i++)
        X[i] = X[i - 1] * (1 + G[i]);
    for (size_t i = ib; i > 0; i--)
        X[i - 1] = X[i] / (1 + G[i]);
}

/* Spreads X (ny values, indexed by the year of spending) over the years it
 * becomes capacity: X'(t) = sum_{j<n} X(t - lag - j) / n, spending before
 * the first year taken as 0 (docs/model.md, "Build lag").  In place. */
static void lag_spread(double *X, size_t ny, double lag_years, double spread_years)
{
    size_t lag = (size_t)lag_years, n = spread_years > 1 ? (size_t)spread_years : 1;
    if (lag == 0 && n == 1)
        return;
    for (size_t i = ny; i-- > 0;) { /* from the end: X(k <= i) is still the input */
        double s = 0;
        for (size_t j = 0; j < n; j++)
            if (i >= lag + j)
                s += X[i - lag - j];
        X[i] = s / (double)n;
    }
}

/* The capacity in service in the base year implied by the stated energy:
 * E(b) / (8.76 LF(b) PUE(b)), or / (8.76 LF(b)) for IT energy (partial-load
 * PUE included).  DCD_EMODEL when not a finite positive denominator. */
static int energy_anchor(const dcd_kctx *c, const dcd_segment *g, const dcd_seg_inputs *in,
                         double *ke, dcd_diags *d)
{
    size_t ib = (size_t)(c->base - c->start);
    double lf = in->idle[ib] + (1 - in->idle[ib]) * in->util[ib], p = in->pue[ib];
    double fo = g->pue_fixed_overhead;
    double per_gw = DCD_TWH_PER_GW_YEAR * (g->energy_is_it ? lf : lf * (p - fo) + fo);
    *ke = in->energy_twh / per_gw;
    if (!(per_gw > 0) || !(*ke >= 0 && *ke <= DBL_MAX))
        return model_error(d, c,
                           "segments.%s.energy_twh: %g TWh in %d at load factor %g and PUE "
                           "%g implies no finite capacity; an energy anchor needs a load factor "
                           "above 0 in the base year",
                           g->name, in->energy_twh, c->base, lf, p);
    return DCD_OK;
}

static double logistic_at(double ks, double r, double tm, double t)
{
    return ks / (1 + exp(-r * (t - tm)));
}

/* The midpoint year that puts the logistic through the base-year anchor:
 * the stock capacity_gw (H 0), or the capacity in service KE with the
 * shipping year counted at H (the mean of K(b) and K(b-1) at H 1/2). */
static int logistic_midpoint(const dcd_kctx *c, const dcd_segment *g, const dcd_seg_inputs *in,
                             double target, double h, double *tm, dcd_diags *d)
{
    double ks = in->saturation_gw, r = in->rate_per_year, b = c->base;
    if (!(target > 0 && target < ks))
        return model_error(d, c,
                           "segments.%s: a logistic anchored in %d needs a base-year capacity "
                           "between 0 and saturation_gw (%g GW of %g GW)",
                           g->name, c->base, target, ks);
    if (h == 0) {
        *tm = b + log(ks / target - 1) / r;
        return DCD_OK;
    }
    double lo = b - 1 - 800 / r, hi = b + 800 / r; /* f(tm) falls as tm rises */
    for (int it = 0; it < 200; it++) {
        double m = 0.5 * (lo + hi), k = logistic_at(ks, r, m, b);
        double f = k - h * (k - logistic_at(ks, r, m, b - 1));
        if (f > target)
            lo = m;
        else
            hi = m;
    }
    *tm = 0.5 * (lo + hi);
    return DCD_OK;
}

/* The end-of-year stock K(t) and gross additions A(t) of a capacity
 * segment, and the stock at the end of the year before the first, *K0. */
static int capacity_path(const dcd_kctx *c, const dcd_segment *g, const dcd_seg_inputs *in,
                         double *K, double *A, double *K0, dcd_diags *d)
{
    size_t ny = c->ny, ib = (size_t)(c->base - c->start);
    double h = c->timing.shipping_half ? 0.5 : 0, ke = 0;
    int rc;
    if (g->anchor_energy && (rc = energy_anchor(c, g, in, &ke, d)) != DCD_OK)
        return rc;
    switch (g->capacity_mode) {
    case DCD_CAP_GROWTH: {
        const double *G = in->growth;
        /* in service (1 - h) K(b) + h K(b - 1), with K(b - 1) = K(b) / (1 + g) */
        K[ib] = g->anchor_energy ? ke / (1 - h + h / (1 + G[ib])) : in->capacity_gw;
        grow_path(ny, ib, G, K);
        *K0 = K[0] / (1 + G[0]);
        A[0] = nonneg(K[0] - K[0] / (1 + G[0]));
        for (size_t i = 1; i < ny; i++)
            A[i] = nonneg(K[i] - K[i - 1]);
        break;
    }
    case DCD_CAP_ADDITIONS:
    case DCD_CAP_CAPEX: {
        if (g->capacity_mode == DCD_CAP_ADDITIONS) {
            memcpy(A, in->additions_gw, ny * sizeof *A);
        } else {
            const double *C = in->capex_usd, *P = in->cost_per_mw_usd;
            for (size_t i = 0; i < ny; i++)
                A[i] = C[i] / P[i] / 1e3; /* USD / (USD per MW) = MW; / 1000 = GW */
            lag_spread(A, ny, g->build_lag_years, g->build_spread_years);
        }
        double keep = 1 - 1 / in->lifetime_years;
        /* in service (1 - h) K(b) + h (K(b) - A(b)) / keep */
        K[ib] = g->anchor_energy ? (ke + h * A[ib] / keep) / (1 - h + h / keep) : in->capacity_gw;
        for (size_t i = ib + 1; i < ny; i++)
            K[i] = K[i - 1] * keep + A[i];
        for (size_t i = ib; i > 0; i--) {
            K[i - 1] = clamp_rounding((K[i] - A[i]) / keep, (fabs(K[i]) + fabs(A[i])) / keep);
            if (K[i - 1] < 0)
                return model_error(
                    d, c,
                    "segments.%s: running additions back from the base year gives negative "
                    "capacity in %d (%g GW); lower the additions before the base "
                    "year or start later",
                    g->name, c->start + (int)i - 1, K[i - 1]);
        }
        *K0 = nonneg((K[0] - A[0]) / keep);
        break;
    }
    case DCD_CAP_LOGISTIC: {
        double ks = in->saturation_gw, r = in->rate_per_year, tm = in->midpoint_year;
        if (g->logistic_anchored &&
            (rc = logistic_midpoint(c, g, in, g->anchor_energy ? ke : in->capacity_gw,
                                    g->anchor_energy ? h : 0, &tm, d)) != DCD_OK)
            return rc;
        for (size_t i = 0; i < ny; i++)
            K[i] = logistic_at(ks, r, tm, c->start + (double)i);
        *K0 = logistic_at(ks, r, tm, c->start - 1.0);
        A[0] = nonneg(K[0] - *K0);
        for (size_t i = 1; i < ny; i++)
            A[i] = nonneg(K[i] - K[i - 1]);
        break;
    }
    }
    return DCD_OK;
}

/* KE (in service over the year: draws energy) and KR (reported) from the
 * end-of-year stock K of a capacity segment, K0 the stock before the first
 * year: KE(t) = K(t) (full), or (K(t-1) + K(t)) / 2 (half: what is added
 * or retired in a year serves half of it). */
static void capacity_timing(const dcd_kctx *c, const double *K, double K0, double *KE, double *KR)
{
    if (!c->timing.shipping_half)
        memcpy(KE, K, c->ny * sizeof *KE);
    else
        for (size_t i = 0; i < c->ny; i++)
            KE[i] = 0.5 * ((i ? K[i - 1] : K0) + K[i]);
    if (c->timing.capacity_average)
        memcpy(KR, KE, c->ny * sizeof *KR);
}

static void fleet_path(const dcd_kctx *c, const dcd_segment *g, const dcd_seg_inputs *in, double *K,
                       double *A, double *N)
{
    size_t ny = c->ny;
    const double *P = in->unit_power_w, *S = in->surv, *SB = in->surv_base;
    const double *SE = in->surv_end, *SBE = in->surv_base_end;
    if (in->shipments) {
        memcpy(N, in->shipments, ny * sizeof *N);
    } else {
        /* N(v) = capex(v) x equipment share(v) / unit price(v) */
        for (size_t i = 0; i < ny; i++) {
            N[i] = in->capex_usd[i] * in->equipment_share[i];
            N[i] /= in->unit_price_usd[i];
        }
        lag_spread(N, ny, g->build_lag_years, g->build_spread_years);
    }
    for (size_t v = 0; v < ny; v++)
        A[v] = N[v] * P[v] * 1e-9; /* units x W = W; 1e-9 GW per W */
    double *KR = K + ny;
    /* the end-of-year stock needs its own sum only with survival by year
     * mean; with whole ages it differs from K only by half the new vintage */
    int end = !c->timing.capacity_average;
    int own = end && c->timing.survival_mean;
    int half0 = end && !c->timing.survival_mean && c->timing.shipping_half;
    for (size_t t = 0; t < ny; t++) {
        double k = in->base_gw > 0 ? in->base_gw * SB[t] : 0;
        for (size_t v = 0; v <= t; v++)
            k += A[v] * S[t - v];
        K[t] = k;
        KR[t] = k;
        if (own) {
            double e = in->base_gw > 0 ? in->base_gw * SBE[t] : 0;
            for (size_t v = 0; v <= t; v++)
                e += A[v] * SE[t - v];
            KR[t] = e;
        } else if (half0) {
            KR[t] = k + A[t] * (SE[0] - S[0]); /* S(0) / 2 in service, S(0) in the stock */
        }
    }
}

int dcd_kernel_path(const dcd_kctx *c, const dcd_segment *g, const dcd_seg_inputs *in, double *path,
                    double *add, double *scratch, dcd_diags *d)
{
    assert(c && g && in && path && add);
    switch (g->driver) {
    case DCD_DRIVER_ENERGY:
        path[c->base - c->start] = in->energy_twh;
        grow_path(c->ny, (size_t)(c->base - c->start), in->growth, path);
        return DCD_OK;
    case DCD_DRIVER_CAPACITY: {
        double k0 = 0;
        int rc = capacity_path(c, g, in, path + c->ny, add, &k0, d);
        if (rc == DCD_OK)
            capacity_timing(c, path + c->ny, k0, path, path + c->ny);
        return rc;
    }
    case DCD_DRIVER_FLEET:
        assert(scratch);
        fleet_path(c, g, in, path, add, scratch);
        return DCD_OK;
    }
    return DCD_OK;
}

/* The segment's energy, capacity and additions (first metrics of OUT). */
static int segment_energy(const dcd_kctx *c, const dcd_segment *g, const dcd_seg_inputs *in,
                          const double *path, const double *add, double *out, dcd_diags *d)
{
    size_t ny = c->ny;
    const double *P = in->pue;
    double *K = out + (size_t)DCD_S_IT_GW * ny, *A = out + (size_t)DCD_S_ADDITIONS_GW * ny;
    double *it_twh = out + (size_t)DCD_S_IT_TWH * ny;
    double *fac_twh = out + (size_t)DCD_S_FACILITY_TWH * ny;
    double *lf = out + (size_t)DCD_S_LOAD_FACTOR * ny;
    for (size_t i = 0; i < ny; i++)
        lf[i] = in->idle[i] + (1 - in->idle[i]) * in->util[i];
    (void)add;
    assert(g->driver == DCD_DRIVER_ENERGY); /* capacity and fleet: capacity_stage() */
    const double *E = path, *G = in->growth;
    for (size_t i = 0; i < ny; i++) {
        if (g->energy_is_it) {
            it_twh[i] = E[i];
            fac_twh[i] = E[i] * P[i];
        } else {
            fac_twh[i] = E[i];
            it_twh[i] = E[i] / P[i]; /* NaN when no PUE is stated */
        }
        /* capacity implied by the energy at the segment's load factor; a load
         * factor of 0 draws no energy, so it implies capacity 0 when the
         * energy is 0 and is impossible otherwise (docs/model.md) */
        if (lf[i] > 0) {
            K[i] = it_twh[i] / (DCD_TWH_PER_GW_YEAR * lf[i]);
        } else if (E[i] == 0) {
            K[i] = isnan(it_twh[i]) ? NAN : 0;
        } else {
            return model_error(d, c,
                               "segments.%s.utilisation: the load factor in %d is 0 (utilisation "
                               "%g, idle %g), but the segment uses %g TWh; a segment that draws "
                               "energy needs a load factor above 0",
                               g->name, c->start + (int)i, in->util[i], in->idle[i], E[i]);
        }
        if (isinf(K[i]))
            return model_error(d, c,
                               "segments.%s.utilisation: the IT capacity implied in %d is not "
                               "finite (%g TWh of IT energy at load factor %g)",
                               g->name, c->start + (int)i, it_twh[i], lf[i]);
    }
    A[0] = nonneg(K[0] - K[0] / (1 + G[0]));
    for (size_t i = 1; i < ny; i++)
        A[i] = nonneg(K[i] - K[i - 1]);
    return DCD_OK;
}

int dcd_kernel_facility(const dcd_kctx *c, const dcd_segment *g, const dcd_seg_inputs *in,
                        const double *path, const double *add, double *restrict fac, dcd_diags *d)
{
    size_t ny = c->ny;
    const double *restrict P = in->pue, *restrict U = in->util, *restrict I = in->idle;
    int bad = 0;
    if (g->driver != DCD_DRIVER_ENERGY) {
        double fo = g->pue_fixed_overhead;
        const double *KR = path + ny;
        for (size_t i = 0; i < ny; i++) {
            double lf = I[i] + (1 - I[i]) * U[i];
            fac[i] = fo == 0 ? path[i] * lf * DCD_TWH_PER_GW_YEAR * P[i]
                             : path[i] * DCD_TWH_PER_GW_YEAR * (lf * (P[i] - fo) + fo);
            bad |= !(fac[i] >= 0 && fac[i] <= DBL_MAX) || !(path[i] >= 0 && path[i] <= DBL_MAX) ||
                   !(KR[i] >= 0 && KR[i] <= DBL_MAX);
        }
    } else {
        for (size_t i = 0; i < ny; i++) {
            double lf = I[i] + (1 - I[i]) * U[i];
            double it = g->energy_is_it ? path[i] : path[i] / P[i];
            fac[i] = g->energy_is_it ? path[i] * P[i] : path[i];
            /* the implied capacity, checked as in the full evaluation */
            bad |= !(fac[i] >= 0 && fac[i] <= DBL_MAX) || !(lf > 0) ||
                   fabs(it / (DCD_TWH_PER_GW_YEAR * lf)) > DBL_MAX;
        }
    }
    if (!bad)
        return DCD_OK;
    /* the full evaluation's checks and messages (the caller's FAC is
     * scratch of DCD_NSEGMETRIC ny doubles on this path) */
    int rc = dcd_kernel_segment(c, g, in, path, add, fac, d);
    if (rc == DCD_OK)
        memmove(fac, fac + (size_t)DCD_S_FACILITY_TWH * ny, ny * sizeof *fac);
    return rc;
}

/* Checks one segment's values in year I: energy and capacity finite and
 * non-negative, money, emissions and water finite. */
static int check_year(const dcd_kctx *c, const dcd_segment *g, const dcd_seg_inputs *in,
                      const double *out, size_t i, dcd_diags *d)
{
    size_t ny = c->ny;
    int year = c->start + (int)i;
    double fac = out[(size_t)DCD_S_FACILITY_TWH * ny + i], it_gw = out[i];
    if (!isfinite(fac) || fac < 0)
        return model_error(d, c,
                           "segments.%s: facility energy in %d is not a finite non-negative "
                           "number (%g TWh)",
                           g->name, year, fac);
    if (g->driver != DCD_DRIVER_ENERGY && (!isfinite(it_gw) || it_gw < 0))
        return model_error(d, c,
                           "segments.%s: IT capacity in %d is not a finite non-negative "
                           "number (%g GW)",
                           g->name, year, it_gw);
    double capex = out[(size_t)DCD_S_CAPEX_USD * ny + i];
    if (isinf(capex))
        return model_error(d, c,
                           "%s%s%s: capital spending in %d overflows (%g GW added at %g USD "
                           "per MW)",
                           g->cost_per_mw_usd.n ? "segments." : "",
                           g->cost_per_mw_usd.n ? g->name : "",
                           g->cost_per_mw_usd.n ? ".cost_per_mw_usd" : "cost_per_mw_usd", year,
                           out[(size_t)DCD_S_ADDITIONS_GW * ny + i], in->cost_per_mw_usd[i]);
    if (isinf(out[(size_t)DCD_S_CO2_MT * ny + i]))
        return model_error(d, c,
                           "grid_intensity_g_per_kwh: emissions of segments.%s in %d overflow "
                           "(%g TWh at %g g/kWh)",
                           g->name, year, fac, in->intensity[i]);
    if (isinf(out[(size_t)DCD_S_WATER_GL * ny + i]))
        return model_error(d, c,
                           "wue_l_per_kwh: water use of segments.%s in %d overflows (%g TWh "
                           "at %g L/kWh)",
                           g->name, year, out[(size_t)DCD_S_IT_TWH * ny + i], in->wue[i]);
    for (size_t m = 0; m < DCD_NSEGMETRIC; m++)
        if (isinf(out[m * ny + i]))
            return model_error(d, c, "segments.%s: %s in %d is not finite (%g)", g->name,
                               dcd_segment_info[m].name, year, out[m * ny + i]);
    return DCD_OK;
}

/* 1 when every value of OUT (the segment's metrics) passes the checks of
 * check_year(): one branch-free pass, so that the common case is cheap. */
static int all_ok(const dcd_segment *g, size_t ny, const double *out)
{
    int bad = 0;
    const double *fac = out + (size_t)DCD_S_FACILITY_TWH * ny, *K = out;
    for (size_t i = 0; i < ny; i++)
        bad |= !(fac[i] >= 0 && fac[i] <= DBL_MAX);
    if (g->driver != DCD_DRIVER_ENERGY)
        for (size_t i = 0; i < ny; i++)
            bad |= !(K[i] >= 0 && K[i] <= DBL_MAX);
    /* with energy and capacity finite, only these can overflow (PUE <= 10,
     * load factor <= 1) */
    static const int rows[] = {DCD_S_FACILITY_GW, DCD_S_CAPEX_USD, DCD_S_CO2_MT, DCD_S_WATER_GL,
                               DCD_S_IT_TWH};
    for (size_t r = 0; r < sizeof rows / sizeof *rows; r++) {
        const double *v = out + (size_t)rows[r] * ny;
        for (size_t i = 0; i < ny; i++)
            bad |= fabs(v[i]) > DBL_MAX;
    }
    return !bad;
}

/* Stage 2 of a capacity or fleet segment in one pass (the arithmetic of
 * segment_energy() and the rest of dcd_kernel_segment(), in the same
 * order).  Returns 1 when every value passes the checks. */
static int capacity_stage(const dcd_segment *g, const dcd_seg_inputs *in, size_t ny,
                          const double *restrict path, const double *restrict add,
                          double *restrict out)
{
    const double *restrict KR = path + ny; /* reported capacity; PATH draws energy */
    double fo = g->pue_fixed_overhead;
    const double *restrict U = in->util, *restrict I = in->idle, *restrict P = in->pue;
    const double *restrict CX = in->capex_usd, *restrict CO = in->cost_per_mw_usd;
    const double *restrict CI = in->intensity, *restrict WU = in->wue;
    double *restrict K = out + (size_t)DCD_S_IT_GW * ny;
    double *restrict FG = out + (size_t)DCD_S_FACILITY_GW * ny;
    double *restrict IT = out + (size_t)DCD_S_IT_TWH * ny;
    double *restrict FT = out + (size_t)DCD_S_FACILITY_TWH * ny;
    double *restrict LG = out + (size_t)DCD_S_LOAD_GW * ny;
    double *restrict LF = out + (size_t)DCD_S_LOAD_FACTOR * ny;
    double *restrict PU = out + (size_t)DCD_S_PUE * ny;
    double *restrict A = out + (size_t)DCD_S_ADDITIONS_GW * ny;
    double *restrict CA = out + (size_t)DCD_S_CAPEX_USD * ny;
    double *restrict C2 = out + (size_t)DCD_S_CO2_MT * ny;
    double *restrict WA = out + (size_t)DCD_S_WATER_GL * ny;
    int co2 = in->has_co2, water = in->has_water, bad = 0;
    for (size_t i = 0; i < ny; i++) {
        double lf = I[i] + (1 - I[i]) * U[i], k = path[i], p = P[i];
        double it = k * lf * DCD_TWH_PER_GW_YEAR;
        /* PUE applied here, once; partial load: PUE(LF) = p + f (1/LF - 1) */
        double f = fo == 0 ? it * p : k * DCD_TWH_PER_GW_YEAR * (lf * (p - fo) + fo);
        double pe = fo == 0 ? p : (it > 0 ? f / it : NAN);
        double kr = KR[i];
        double cx = CX ? CX[i] : add[i] * 1e3 * CO[i];
        double c2 = co2 ? f * CI[i] * 1e-3 : NAN, w = water ? it * WU[i] : NAN;
        LF[i] = lf;
        K[i] = kr;
        A[i] = add[i];
        IT[i] = it;
        FT[i] = f;
        PU[i] = pe;
        FG[i] = kr * p;
        LG[i] = f / DCD_TWH_PER_GW_YEAR;
        CA[i] = cx;
        C2[i] = c2;
        WA[i] = w;
        bad |= !(f >= 0 && f <= DBL_MAX) | !(kr >= 0 && kr <= DBL_MAX) | (fabs(kr * p) > DBL_MAX) |

               (fabs(cx) > DBL_MAX) | (fabs(c2) > DBL_MAX) | (fabs(w) > DBL_MAX) |
               (fabs(it) > DBL_MAX);
    }
    return !bad;
}

int dcd_kernel_segment(const dcd_kctx *c, const dcd_segment *g, const dcd_seg_inputs *in,
                       const double *path, const double *add, double *out, dcd_diags *d)
{
    assert(c && g && in && path && out);
    size_t ny = c->ny;
    int rc;
    if (g->driver != DCD_DRIVER_ENERGY) {
        if (capacity_stage(g, in, ny, path, add, out))
            return DCD_OK;
        for (size_t i = 0; i < ny; i++) /* the first failing check, with its message */
            if ((rc = check_year(c, g, in, out, i, d)) != DCD_OK)
                return rc;
        return DCD_OK;
    }
    rc = segment_energy(c, g, in, path, add, out, d);
    if (rc != DCD_OK)
        return rc;
    const double *restrict P = in->pue, *restrict K = out + (size_t)DCD_S_IT_GW * ny;
    const double *restrict A = out + (size_t)DCD_S_ADDITIONS_GW * ny;
    const double *restrict fac_twh = out + (size_t)DCD_S_FACILITY_TWH * ny;
    const double *restrict it_twh = out + (size_t)DCD_S_IT_TWH * ny;
    double *restrict pue = out + (size_t)DCD_S_PUE * ny;
    double *restrict fgw = out + (size_t)DCD_S_FACILITY_GW * ny;
    double *restrict load = out + (size_t)DCD_S_LOAD_GW * ny;
    double *restrict capex = out + (size_t)DCD_S_CAPEX_USD * ny;
    double *restrict co2 = out + (size_t)DCD_S_CO2_MT * ny;
    double *restrict water = out + (size_t)DCD_S_WATER_GL * ny;
    for (size_t i = 0; i < ny; i++) {
        pue[i] = P[i];
        fgw[i] = K[i] * P[i];
        load[i] = fac_twh[i] / DCD_TWH_PER_GW_YEAR;
    }
    if (in->capex_usd)
        memcpy(capex, in->capex_usd, ny * sizeof *capex);
    else
        for (size_t i = 0; i < ny; i++)
            capex[i] = A[i] * 1e3 * in->cost_per_mw_usd[i];
    for (size_t i = 0; i < ny; i++)
        co2[i] = in->has_co2 ? fac_twh[i] * in->intensity[i] * 1e-3 : NAN;
    for (size_t i = 0; i < ny; i++)
        water[i] = in->has_water ? it_twh[i] * in->wue[i] : NAN;
    if (all_ok(g, ny, out))
        return DCD_OK;
    for (size_t i = 0; i < ny; i++)
        if ((rc = check_year(c, g, in, out, i, d)) != DCD_OK)
            return rc;
    return DCD_OK;
}

void dcd_kernel_add_totals(size_t ny, const double *seg, int ai, double *total)
{
#define SEGM(m) (seg + (size_t)(m)*ny)
#define TOT(m) (total + (size_t)(m)*ny)
    const double *restrict f = SEGM(DCD_S_FACILITY_TWH), *restrict it = SEGM(DCD_S_IT_TWH);
    const double *restrict k = SEGM(DCD_S_IT_GW), *restrict fg = SEGM(DCD_S_FACILITY_GW);
    const double *restrict a = SEGM(DCD_S_ADDITIONS_GW), *restrict cx = SEGM(DCD_S_CAPEX_USD);
    const double *restrict c2 = SEGM(DCD_S_CO2_MT), *restrict w = SEGM(DCD_S_WATER_GL);
    double *restrict tf = TOT(DCD_T_DC_TWH), *restrict tit = TOT(DCD_T_DC_IT_TWH);
    double *restrict tk = TOT(DCD_T_DC_IT_GW), *restrict tfg = TOT(DCD_T_DC_FACILITY_GW);
    double *restrict ta = TOT(DCD_T_ADDITIONS_GW), *restrict tcx = TOT(DCD_T_CAPEX_USD);
    double *restrict tc2 = TOT(DCD_T_CO2_MT), *restrict tw = TOT(DCD_T_WATER_GL);
    for (size_t i = 0; i < ny; i++) {
        tf[i] += f[i];
        tit[i] += it[i];
        tk[i] += k[i];
        tfg[i] += fg[i];
        ta[i] += a[i];
        tcx[i] += cx[i];
        tc2[i] += c2[i];
        tw[i] += w[i];
    }
    if (!ai)
        return;
    double *restrict af = TOT(DCD_T_AI_TWH), *restrict ait = TOT(DCD_T_AI_IT_TWH);
    double *restrict ak = TOT(DCD_T_AI_IT_GW), *restrict afg = TOT(DCD_T_AI_FACILITY_GW);
    for (size_t i = 0; i < ny; i++) {
        af[i] += f[i];
        ait[i] += it[i];
        ak[i] += k[i];
        afg[i] += fg[i];
    }
#undef SEGM
#undef TOT
}

static int national_other(const dcd_kctx *c, const dcd_nat_inputs *n, const double *DC,
                          double *OTHER, dcd_diags *d)
{
    size_t ny = c->ny, ib = (size_t)(c->base - c->start);
    switch (n->mode) {
    case DCD_NATIONAL_TOTAL:
    case DCD_NATIONAL_OTHER:
        OTHER[ib] = n->base_twh;
        if (n->mode == DCD_NATIONAL_TOTAL) {
            OTHER[ib] = clamp_rounding(OTHER[ib] - DC[ib], fabs(n->base_twh) + fabs(DC[ib]));
            if (OTHER[ib] < 0)
                return model_error(d, c,
                                   "national.total_twh: the base-year total is smaller than "
                                   "data-centre demand in %d (%g TWh short)",
                                   c->base, -OTHER[ib]);
        }
        grow_path(ny, ib, n->growth, OTHER);
        break;
    case DCD_NATIONAL_FORECAST:
        for (size_t i = 0; i < ny; i++) {
            OTHER[i] = clamp_rounding(n->forecast[i] - DC[i], fabs(n->forecast[i]) + fabs(DC[i]));
            if (OTHER[i] < 0)
                return model_error(d, c,
                                   "national.forecast_twh: the forecast total is smaller than "
                                   "data-centre demand in %d (%g TWh short)",
                                   c->start + (int)i, -OTHER[i]);
        }
        break;
    }
    return DCD_OK;
}

int dcd_kernel_national_energy(const dcd_kctx *c, const dcd_nat_inputs *n, double *total,
                               dcd_diags *d)
{
    size_t ny = c->ny;
    double *OTHER = total + (size_t)DCD_T_OTHER_TWH * ny, *DC = total + (size_t)DCD_T_DC_TWH * ny;
    double *AI = total + (size_t)DCD_T_AI_TWH * ny, *NAT = total + (size_t)DCD_T_NATIONAL_TWH * ny;
    double *DS = total + (size_t)DCD_T_DC_SHARE_PCT * ny;
    double *AS = total + (size_t)DCD_T_AI_SHARE_PCT * ny;
    double *DL = total + (size_t)DCD_T_DC_LOAD_GW * ny, *AL = total + (size_t)DCD_T_AI_LOAD_GW * ny;
    int rc = national_other(c, n, DC, OTHER, d);
    if (rc != DCD_OK)
        return rc;
    int bad = 0;
    for (size_t i = 0; i < ny; i++) {
        double nat = OTHER[i] + DC[i];
        NAT[i] = nat;
        bad |= !(nat > 0 && nat <= DBL_MAX);
        DS[i] = 100 * DC[i] / nat;
        AS[i] = 100 * AI[i] / nat;
        DL[i] = DC[i] / DCD_TWH_PER_GW_YEAR;
        AL[i] = AI[i] / DCD_TWH_PER_GW_YEAR;
    }
    for (size_t i = 0; bad && i < ny; i++)
        if (!(NAT[i] > 0 && NAT[i] <= DBL_MAX))
            return model_error(d, c,
                               "national: national demand in %d is not a positive finite "
                               "number (%g TWh)",
                               c->start + (int)i, NAT[i]);
    return DCD_OK;
}

/* Fills row M of TOTAL (ny values) with NaN: not determined. */
static void undetermined(double *total, size_t ny, int m)
{
    for (size_t i = 0; i < ny; i++)
        total[(size_t)m * ny + i] = NAN;
}

int dcd_kernel_national(const dcd_kctx *c, const dcd_nat_inputs *n, int it_known_dc,
                        int it_known_ai, int has_co2, int has_water, double *total, dcd_diags *d)
{
    size_t ny = c->ny;
#define T(m, i) total[(size_t)(m)*ny + (i)]
    int rc = dcd_kernel_national_energy(c, n, total, d);
    if (rc != DCD_OK)
        return rc;
    if (!it_known_dc) {
        undetermined(total, ny, DCD_T_DC_IT_TWH);
        undetermined(total, ny, DCD_T_DC_IT_GW);
        undetermined(total, ny, DCD_T_DC_FACILITY_GW);
    }
    if (!it_known_ai) {
        undetermined(total, ny, DCD_T_AI_IT_TWH);
        undetermined(total, ny, DCD_T_AI_IT_GW);
        undetermined(total, ny, DCD_T_AI_FACILITY_GW);
    }
    for (size_t i = 0; i < ny; i++) {
        double it = T(DCD_T_DC_IT_TWH, i);
        T(DCD_T_DC_PUE, i) = it > 0 ? T(DCD_T_DC_TWH, i) / it : NAN;
    }
    if (!has_co2)
        undetermined(total, ny, DCD_T_CO2_MT);
    if (!has_water)
        undetermined(total, ny, DCD_T_WATER_GL);
    /* sums can overflow; shares, loads and the effective PUE are bounded by them */
    static const int sums[] = {
        DCD_T_DC_TWH,    DCD_T_NATIONAL_TWH, DCD_T_OTHER_TWH, DCD_T_DC_IT_GW, DCD_T_DC_FACILITY_GW,
        DCD_T_DC_IT_TWH, DCD_T_ADDITIONS_GW, DCD_T_CAPEX_USD, DCD_T_CO2_MT,   DCD_T_WATER_GL};
    int bad = 0;
    for (size_t r = 0; r < sizeof sums / sizeof *sums; r++)
        for (size_t i = 0; i < ny; i++)
            bad |= fabs(T(sums[r], i)) > DBL_MAX;
    for (size_t m = 0; bad && m < DCD_NTOTAL; m++)
        for (size_t i = 0; i < ny; i++)
            if (isinf(T(m, i)))
                return model_error(d, c, "%s: the fleet total in %d overflows (%g %s)",
                                   dcd_total_info[m].name, c->start + (int)i, T(m, i),
                                   dcd_total_info[m].unit);
#undef T
    return DCD_OK;
}
