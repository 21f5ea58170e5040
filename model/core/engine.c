/* engine.c - the projection (dcd_engine.h; equations in docs/model.md).
 *
 * No I/O and no allocation inside dcd_project(): every buffer lives in the
 * workspace, allocated once for a scenario's shape.
 */
#include "dcd_engine.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const dcd_metric_info dcd_total_info[DCD_NTOTAL] = {
    {"dc_twh", "TWh", "Data centres, facility energy"},
    {"ai_twh", "TWh", "AI segments, facility energy"},
    {"national_twh", "TWh", "National demand"},
    {"dc_share_pct", "%", "Data centres, share of national demand"},
    {"ai_share_pct", "%", "AI, share of national demand"},
    {"dc_it_gw", "GW", "Data centres, installed IT capacity"},
    {"ai_it_gw", "GW", "AI, installed IT capacity"},
    {"dc_facility_gw", "GW", "Data centres, facility capacity (IT x PUE)"},
    {"ai_facility_gw", "GW", "AI, facility capacity (IT x PUE)"},
    {"dc_it_twh", "TWh", "Data centres, IT energy"},
    {"ai_it_twh", "TWh", "AI, IT energy"},
    {"dc_load_gw", "GW", "Data centres, average facility load"},
    {"ai_load_gw", "GW", "AI, average facility load"},
    {"other_twh", "TWh", "National demand outside data centres"},
    {"dc_pue", "ratio", "Data centres, effective PUE"},
    {"additions_gw", "GW", "IT capacity added in the year"},
    {"capex_usd", "USD", "Capital spending"},
    {"co2_mt", "Mt CO2", "Emissions of data-centre electricity"},
    {"water_gl", "GL", "Water used for cooling"},
};

const dcd_metric_info dcd_segment_info[DCD_NSEGMETRIC] = {
    {"it_gw", "GW", "Installed IT capacity"},
    {"facility_gw", "GW", "Facility capacity (IT x PUE)"},
    {"it_twh", "TWh", "IT energy"},
    {"facility_twh", "TWh", "Facility energy"},
    {"load_gw", "GW", "Average facility load"},
    {"load_factor", "ratio", "Load factor (idle + (1 - idle) x utilisation)"},
    {"pue", "ratio", "PUE"},
    {"additions_gw", "GW", "IT capacity added in the year"},
    {"capex_usd", "USD", "Capital spending"},
    {"co2_mt", "Mt CO2", "Emissions"},
    {"water_gl", "GL", "Water"},
};

int dcd_total_index(const char *name)
{
    for (int i = 0; i < DCD_NTOTAL; i++)
        if (strcmp(dcd_total_info[i].name, name) == 0)
            return i;
    return -1;
}

dcd_results *dcd_results_new(int start, size_t ny, size_t nseg, const char *const *names,
                             const int *ai)
{
    dcd_results *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->start = start;
    r->ny = ny;
    r->nseg = nseg;
    r->seg_name = calloc(nseg ? nseg : 1, sizeof *r->seg_name);
    r->seg_ai = calloc(nseg ? nseg : 1, sizeof *r->seg_ai);
    r->total = calloc((size_t)DCD_NTOTAL * ny, sizeof *r->total);
    r->seg = calloc((nseg ? nseg : 1) * DCD_NSEGMETRIC * ny, sizeof *r->seg);
    if (!r->seg_name || !r->seg_ai || !r->total || !r->seg)
        goto fail;
    for (size_t s = 0; s < nseg; s++) {
        size_t n = strlen(names[s]) + 1;
        r->seg_name[s] = malloc(n);
        if (!r->seg_name[s])
            goto fail;
        memcpy(r->seg_name[s], names[s], n);
        r->seg_ai[s] = ai ? ai[s] : 0;
    }
    return r;
fail:
    dcd_results_free(r);
    return NULL;
}

dcd_results *dcd_results_alloc(const dcd_scenario *sc)
{
    size_t n = sc->nsegments;
    const char **names = malloc((n ? n : 1) * sizeof *names);
    int *ai = malloc((n ? n : 1) * sizeof *ai);
    dcd_results *r = NULL;
    if (names && ai) {
        for (size_t s = 0; s < n; s++) {
            names[s] = sc->segments[s].name;
            ai[s] = sc->segments[s].ai;
        }
        r = dcd_results_new(sc->start, dcd_scenario_years(sc), n, names, ai);
    }
    free(names);
    free(ai);
    return r;
}

void dcd_results_free(dcd_results *r)
{
    if (!r)
        return;
    if (r->seg_name)
        for (size_t s = 0; s < r->nseg; s++)
            free(r->seg_name[s]);
    free(r->seg_name);
    free(r->seg_ai);
    free(r->total);
    free(r->seg);
    free(r);
}

/* Per-year scratch arrays, each ny long. */
enum {
    W_UTIL,
    W_IDLE,
    W_PUE,
    W_FLEET_PUE,
    W_GROWTH,
    W_A,
    W_B,
    W_C,
    W_K,
    W_SURV,
    W_SURV_BASE,
    W_INTENSITY,
    W_COST,
    W_WUE,
    W_NAT,
    W_N
};

struct dcd_workspace {
    size_t ny, nseg;
    double *buf; /* W_N * ny doubles */
    dcd_series_ws *sws;
};

/* The largest number of points of any series of SC (sizes the workspace's
 * Steffen interpolators). */
static size_t max_points(const dcd_scenario *sc)
{
    const dcd_series *top[] = {
        &sc->pue,           &sc->grid_intensity_g_per_kwh, &sc->cost_per_mw_usd,
        &sc->wue_l_per_kwh, &sc->national.growth,          &sc->national.forecast_twh};
    size_t m = 0;
    for (size_t i = 0; i < sizeof top / sizeof *top; i++)
        m = top[i]->n > m ? top[i]->n : m;
    for (size_t i = 0; i < sc->nsegments; i++) {
        const dcd_segment *g = &sc->segments[i];
        const dcd_series *seg[] = {&g->growth,
                                   &g->additions_gw,
                                   &g->capex_usd,
                                   &g->cost_per_mw_usd,
                                   &g->shipments,
                                   &g->unit_power_w,
                                   &g->equipment_share,
                                   &g->unit_price_usd,
                                   &g->utilisation,
                                   &g->idle,
                                   &g->pue};
        for (size_t k = 0; k < sizeof seg / sizeof *seg; k++)
            m = seg[k]->n > m ? seg[k]->n : m;
    }
    return m;
}

dcd_workspace *dcd_workspace_alloc(const dcd_scenario *sc)
{
    dcd_workspace *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->ny = dcd_scenario_years(sc);
    w->nseg = sc->nsegments;
    w->buf = calloc((size_t)W_N * w->ny, sizeof *w->buf);
    w->sws = dcd_series_ws_alloc(max_points(sc));
    if (!w->buf || !w->sws) {
        dcd_workspace_free(w);
        return NULL;
    }
    return w;
}

void dcd_workspace_free(dcd_workspace *w)
{
    if (!w)
        return;
    free(w->buf);
    dcd_series_ws_free(w->sws);
    free(w);
}

#define ARR(w, k) ((w)->buf + (size_t)(k) * (w)->ny)

/* max(x, 0) that keeps NaN (an undetermined value stays undetermined). */
static inline double nonneg(double x)
{
    return x < 0 ? 0 : x;
}

static int sample(const dcd_series *s, const dcd_scenario *sc, dcd_workspace *w, double fallback,
                  double *out)
{
    return dcd_series_sample(s, sc->start, w->ny, fallback, w->sws, out);
}

static int model_error(dcd_diags *d, const dcd_scenario *sc, const char *fmt, const char *what,
                       int year, double v)
{
    if (d)
        dcd_diags_add(d, sc->path, 0, 0, fmt, what, year, v);
    return DCD_EMODEL;
}

/* Fills a segment's IT capacity (W_K) and gross additions (W_A), in GW. */
static int capacity_path(const dcd_scenario *sc, const dcd_segment *g, dcd_workspace *w,
                         dcd_diags *d)
{
    size_t ny = w->ny, ib = (size_t)(sc->base - sc->start);
    double *K = ARR(w, W_K), *A = ARR(w, W_A), *G = ARR(w, W_GROWTH);
    int rc = GSL_SUCCESS;
    switch (g->capacity_mode) {
    case DCD_CAP_GROWTH:
        rc = sample(&g->growth, sc, w, 0, G);
        K[ib] = g->capacity_gw;
        for (size_t i = ib + 1; i < ny; i++)
            K[i] = K[i - 1] * (1 + G[i]);
        for (size_t i = ib; i > 0; i--)
            K[i - 1] = K[i] / (1 + G[i]);
        A[0] = nonneg(K[0] - K[0] / (1 + G[0]));
        for (size_t i = 1; i < ny; i++)
            A[i] = nonneg(K[i] - K[i - 1]);
        break;
    case DCD_CAP_ADDITIONS:
    case DCD_CAP_CAPEX: {
        if (g->capacity_mode == DCD_CAP_ADDITIONS) {
            rc = sample(&g->additions_gw, sc, w, 0, A);
        } else {
            double *C = ARR(w, W_B), *P = ARR(w, W_C);
            rc = sample(&g->capex_usd, sc, w, 0, C);
            if (rc == GSL_SUCCESS)
                rc = sample(g->cost_per_mw_usd.n ? &g->cost_per_mw_usd : &sc->cost_per_mw_usd, sc,
                            w, NAN, P);
            for (size_t i = 0; i < ny; i++)
                A[i] = C[i] / P[i] / 1e3; /* USD / (USD per MW) = MW; / 1000 = GW */
        }
        double keep = 1 - 1 / g->lifetime_years;
        K[ib] = g->capacity_gw;
        for (size_t i = ib + 1; i < ny; i++)
            K[i] = K[i - 1] * keep + A[i];
        for (size_t i = ib; i > 0; i--) {
            K[i - 1] = (K[i] - A[i]) / keep;
            if (K[i - 1] < 0)
                return model_error(
                    d, sc,
                    "segments.%s: running additions back from the base year gives negative "
                    "capacity in %d (%g GW); lower the additions before the base "
                    "year or start later",
                    g->name, sc->start + (int)i - 1, K[i - 1]);
        }
        break;
    }
    case DCD_CAP_LOGISTIC:
        for (size_t i = 0; i < ny; i++) {
            double t = sc->start + (double)i;
            K[i] = g->saturation_gw / (1 + exp(-g->rate_per_year * (t - g->midpoint_year)));
        }
        {
            double t0 = sc->start - 1.0;
            double prev = g->saturation_gw / (1 + exp(-g->rate_per_year * (t0 - g->midpoint_year)));
            A[0] = nonneg(K[0] - prev);
        }
        for (size_t i = 1; i < ny; i++)
            A[i] = nonneg(K[i] - K[i - 1]);
        break;
    }
    return rc == GSL_SUCCESS ? DCD_OK : DCD_EMODEL;
}

static void fill_survival(const dcd_survival *sv, size_t ny, double *S)
{
    for (size_t a = 0; a < ny; a++)
        S[a] = dcd_survival_at(sv, (double)a);
}

/* Fills a fleet segment's IT capacity (W_K) and additions (W_A), in GW. */
static int fleet_path(const dcd_scenario *sc, const dcd_segment *g, dcd_workspace *w)
{
    size_t ny = w->ny;
    double *K = ARR(w, W_K), *A = ARR(w, W_A), *N = ARR(w, W_B), *P = ARR(w, W_C);
    double *S = ARR(w, W_SURV), *SB = ARR(w, W_SURV_BASE), *T = ARR(w, W_GROWTH);
    int rc = GSL_SUCCESS;
    if (g->shipments.n) {
        rc = sample(&g->shipments, sc, w, 0, N);
    } else {
        /* N(v) = capex(v) x equipment share(v) / unit price(v) */
        rc = sample(&g->capex_usd, sc, w, 0, N);
        if (rc == GSL_SUCCESS)
            rc = sample(&g->equipment_share, sc, w, 0, T);
        for (size_t i = 0; i < ny; i++)
            N[i] *= T[i];
        if (rc == GSL_SUCCESS)
            rc = sample(&g->unit_price_usd, sc, w, 1, T);
        for (size_t i = 0; i < ny; i++)
            N[i] /= T[i];
    }
    if (rc == GSL_SUCCESS)
        rc = sample(&g->unit_power_w, sc, w, 0, P);
    if (rc != GSL_SUCCESS)
        return DCD_EMODEL;
    fill_survival(&g->survival, ny, S);
    if (g->base_gw > 0)
        fill_survival(&g->base_survival, ny, SB);
    for (size_t v = 0; v < ny; v++)
        A[v] = N[v] * P[v] * 1e-9; /* units x W = W; 1e-9 GW per W */
    for (size_t t = 0; t < ny; t++) {
        double k = g->base_gw > 0 ? g->base_gw * SB[t] : 0;
        for (size_t v = 0; v <= t; v++)
            k += A[v] * S[t - v];
        K[t] = k;
    }
    return DCD_OK;
}

int dcd_project(const dcd_scenario *sc, dcd_workspace *w, dcd_results *r, dcd_diags *d)
{
    size_t ny = w->ny, ib = (size_t)(sc->base - sc->start);
    int rc;
    if (ny != r->ny || sc->nsegments != r->nseg || sc->nsegments != w->nseg)
        return DCD_EMODEL;
    r->start = sc->start;
    for (size_t m = 0; m < DCD_NTOTAL; m++)
        for (size_t i = 0; i < ny; i++)
            DCD_TOTAL(r, m, i) = 0;

    double *U = ARR(w, W_UTIL), *I = ARR(w, W_IDLE), *P = ARR(w, W_PUE), *FP = ARR(w, W_FLEET_PUE);
    double *CI = ARR(w, W_INTENSITY), *COST = ARR(w, W_COST), *WUE = ARR(w, W_WUE);
    int has_co2 = sc->grid_intensity_g_per_kwh.n > 0, has_water = sc->wue_l_per_kwh.n > 0;
    if (sample(&sc->pue, sc, w, NAN, FP) || sample(&sc->grid_intensity_g_per_kwh, sc, w, NAN, CI) ||
        sample(&sc->cost_per_mw_usd, sc, w, NAN, COST) ||
        sample(&sc->wue_l_per_kwh, sc, w, NAN, WUE))
        return DCD_EMODEL;

    int it_known_dc = 1, it_known_ai = 1;
    for (size_t s = 0; s < sc->nsegments; s++) {
        const dcd_segment *g = &sc->segments[s];
        if (sample(&g->utilisation, sc, w, 1, U) || sample(&g->idle, sc, w, 0, I))
            return DCD_EMODEL;
        if (g->pue.n) {
            if (sample(&g->pue, sc, w, NAN, P))
                return DCD_EMODEL;
        } else {
            memcpy(P, FP, ny * sizeof *P);
        }
        double *K = ARR(w, W_K), *A = ARR(w, W_A);
        double *it_twh = &DCD_SEG(r, s, DCD_S_IT_TWH, 0);
        double *fac_twh = &DCD_SEG(r, s, DCD_S_FACILITY_TWH, 0);
        double *lf = &DCD_SEG(r, s, DCD_S_LOAD_FACTOR, 0);
        for (size_t i = 0; i < ny; i++)
            lf[i] = I[i] + (1 - I[i]) * U[i];

        if (g->driver == DCD_DRIVER_ENERGY) {
            double *E = ARR(w, W_B), *G = ARR(w, W_GROWTH);
            if (sample(&g->growth, sc, w, 0, G))
                return DCD_EMODEL;
            E[ib] = g->energy_twh;
            for (size_t i = ib + 1; i < ny; i++)
                E[i] = E[i - 1] * (1 + G[i]);
            for (size_t i = ib; i > 0; i--)
                E[i - 1] = E[i] / (1 + G[i]);
            for (size_t i = 0; i < ny; i++) {
                if (g->energy_is_it) {
                    it_twh[i] = E[i];
                    fac_twh[i] = E[i] * P[i];
                } else {
                    fac_twh[i] = E[i];
                    it_twh[i] = E[i] / P[i]; /* NaN when no PUE is stated */
                }
                /* capacity implied by the energy at the segment's load factor */
                K[i] = lf[i] > 0 ? it_twh[i] / (DCD_TWH_PER_GW_YEAR * lf[i]) : NAN;
            }
            A[0] = nonneg(K[0] - K[0] / (1 + G[0]));
            for (size_t i = 1; i < ny; i++)
                A[i] = nonneg(K[i] - K[i - 1]);
        } else {
            rc = g->driver == DCD_DRIVER_CAPACITY ? capacity_path(sc, g, w, d)
                                                  : fleet_path(sc, g, w);
            if (rc != DCD_OK)
                return rc;
            for (size_t i = 0; i < ny; i++) {
                it_twh[i] = K[i] * lf[i] * DCD_TWH_PER_GW_YEAR;
                fac_twh[i] = it_twh[i] * P[i]; /* PUE applied here, once */
            }
        }

        const double *cost = g->cost_per_mw_usd.n ? NULL : COST;
        if (g->cost_per_mw_usd.n && sample(&g->cost_per_mw_usd, sc, w, NAN, ARR(w, W_C)))
            return DCD_EMODEL;
        if (!cost)
            cost = ARR(w, W_C);
        double *capex_given = NULL;
        if (g->capex_usd.n) {
            capex_given = ARR(w, W_SURV_BASE); /* free to reuse now */
            if (sample(&g->capex_usd, sc, w, 0, capex_given))
                return DCD_EMODEL;
        }
        for (size_t i = 0; i < ny; i++) {
            double it_gw = K[i];
            if (!isfinite(fac_twh[i]) || fac_twh[i] < 0)
                return model_error(
                    d, sc,
                    "segments.%s: facility energy in %d is not a finite non-negative "
                    "number (%g TWh)",
                    g->name, sc->start + (int)i, fac_twh[i]);
            if (g->driver != DCD_DRIVER_ENERGY && (!isfinite(it_gw) || it_gw < 0))
                return model_error(d, sc,
                                   "segments.%s: IT capacity in %d is not a finite non-negative "
                                   "number (%g GW)",
                                   g->name, sc->start + (int)i, it_gw);
            DCD_SEG(r, s, DCD_S_IT_GW, i) = it_gw;
            DCD_SEG(r, s, DCD_S_PUE, i) = P[i];
            DCD_SEG(r, s, DCD_S_FACILITY_GW, i) = it_gw * P[i];
            DCD_SEG(r, s, DCD_S_LOAD_GW, i) = fac_twh[i] / DCD_TWH_PER_GW_YEAR;
            DCD_SEG(r, s, DCD_S_ADDITIONS_GW, i) = A[i];
            DCD_SEG(r, s, DCD_S_CAPEX_USD, i) = capex_given ? capex_given[i] : A[i] * 1e3 * cost[i];
            DCD_SEG(r, s, DCD_S_CO2_MT, i) = has_co2 ? fac_twh[i] * CI[i] * 1e-3 : NAN;
            DCD_SEG(r, s, DCD_S_WATER_GL, i) = has_water ? it_twh[i] * WUE[i] : NAN;
        }
        int it_known = !isnan(it_twh[0]);
        if (!it_known) {
            it_known_dc = 0;
            if (g->ai)
                it_known_ai = 0;
        }
        for (size_t i = 0; i < ny; i++) {
            double f = fac_twh[i], it = it_twh[i], kg = DCD_SEG(r, s, DCD_S_IT_GW, i);
            double fg = DCD_SEG(r, s, DCD_S_FACILITY_GW, i);
            DCD_TOTAL(r, DCD_T_DC_TWH, i) += f;
            DCD_TOTAL(r, DCD_T_DC_IT_TWH, i) += it;
            DCD_TOTAL(r, DCD_T_DC_IT_GW, i) += kg;
            DCD_TOTAL(r, DCD_T_DC_FACILITY_GW, i) += fg;
            DCD_TOTAL(r, DCD_T_ADDITIONS_GW, i) += A[i];
            DCD_TOTAL(r, DCD_T_CAPEX_USD, i) += DCD_SEG(r, s, DCD_S_CAPEX_USD, i);
            DCD_TOTAL(r, DCD_T_CO2_MT, i) += DCD_SEG(r, s, DCD_S_CO2_MT, i);
            DCD_TOTAL(r, DCD_T_WATER_GL, i) += DCD_SEG(r, s, DCD_S_WATER_GL, i);
            if (g->ai) {
                DCD_TOTAL(r, DCD_T_AI_TWH, i) += f;
                DCD_TOTAL(r, DCD_T_AI_IT_TWH, i) += it;
                DCD_TOTAL(r, DCD_T_AI_IT_GW, i) += kg;
                DCD_TOTAL(r, DCD_T_AI_FACILITY_GW, i) += fg;
            }
        }
    }

    /* National demand (docs/model.md, "National demand"). */
    double *OTHER = &DCD_TOTAL(r, DCD_T_OTHER_TWH, 0), *DC = &DCD_TOTAL(r, DCD_T_DC_TWH, 0);
    double *NG = ARR(w, W_NAT);
    switch (sc->national.mode) {
    case DCD_NATIONAL_TOTAL:
    case DCD_NATIONAL_OTHER:
        if (sample(&sc->national.growth, sc, w, 0, NG))
            return DCD_EMODEL;
        OTHER[ib] = sc->national.base_twh;
        if (sc->national.mode == DCD_NATIONAL_TOTAL) {
            OTHER[ib] -= DC[ib];
            if (OTHER[ib] < 0)
                return model_error(d, sc,
                                   "%s: the base-year total is smaller than data-centre "
                                   "demand in %d (%g TWh short)",
                                   "national.total_twh", sc->base, -OTHER[ib]);
        }
        for (size_t i = ib + 1; i < ny; i++)
            OTHER[i] = OTHER[i - 1] * (1 + NG[i]);
        for (size_t i = ib; i > 0; i--)
            OTHER[i - 1] = OTHER[i] / (1 + NG[i]);
        break;
    case DCD_NATIONAL_FORECAST:
        if (sample(&sc->national.forecast_twh, sc, w, NAN, NG))
            return DCD_EMODEL;
        for (size_t i = 0; i < ny; i++) {
            OTHER[i] = NG[i] - DC[i];
            if (OTHER[i] < 0)
                return model_error(d, sc,
                                   "%s: the forecast total is smaller than data-centre "
                                   "demand in %d (%g TWh short)",
                                   "national.forecast_twh", sc->start + (int)i, -OTHER[i]);
        }
        break;
    }
    for (size_t i = 0; i < ny; i++) {
        double nat = OTHER[i] + DC[i];
        DCD_TOTAL(r, DCD_T_NATIONAL_TWH, i) = nat;
        if (!isfinite(nat) || nat <= 0)
            return model_error(d, sc,
                               "%s: national demand in %d is not a positive finite number "
                               "(%g TWh)",
                               "national", sc->start + (int)i, nat);
        DCD_TOTAL(r, DCD_T_DC_SHARE_PCT, i) = 100 * DC[i] / nat;
        DCD_TOTAL(r, DCD_T_AI_SHARE_PCT, i) = 100 * DCD_TOTAL(r, DCD_T_AI_TWH, i) / nat;
        DCD_TOTAL(r, DCD_T_DC_LOAD_GW, i) = DC[i] / DCD_TWH_PER_GW_YEAR;
        DCD_TOTAL(r, DCD_T_AI_LOAD_GW, i) = DCD_TOTAL(r, DCD_T_AI_TWH, i) / DCD_TWH_PER_GW_YEAR;
        if (!it_known_dc) {
            DCD_TOTAL(r, DCD_T_DC_IT_TWH, i) = NAN;
            DCD_TOTAL(r, DCD_T_DC_IT_GW, i) = NAN;
            DCD_TOTAL(r, DCD_T_DC_FACILITY_GW, i) = NAN;
        }
        if (!it_known_ai) {
            DCD_TOTAL(r, DCD_T_AI_IT_TWH, i) = NAN;
            DCD_TOTAL(r, DCD_T_AI_IT_GW, i) = NAN;
            DCD_TOTAL(r, DCD_T_AI_FACILITY_GW, i) = NAN;
        }
        double it = DCD_TOTAL(r, DCD_T_DC_IT_TWH, i);
        DCD_TOTAL(r, DCD_T_DC_PUE, i) = it > 0 ? DC[i] / it : NAN;
        if (!has_co2)
            DCD_TOTAL(r, DCD_T_CO2_MT, i) = NAN;
        if (!has_water)
            DCD_TOTAL(r, DCD_T_WATER_GL, i) = NAN;
    }
    return DCD_OK;
}

int dcd_project_new(const dcd_scenario *sc, dcd_results **out, dcd_diags *diags)
{
    dcd_workspace *w = dcd_workspace_alloc(sc);
    dcd_results *r = dcd_results_alloc(sc);
    int rc = (w && r) ? dcd_project(sc, w, r, diags) : DCD_ENOMEM;
    dcd_workspace_free(w);
    if (rc != DCD_OK) {
        dcd_results_free(r);
        r = NULL;
    }
    *out = r;
    return rc;
}
