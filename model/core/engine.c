/* engine.c - the projection (dcd_engine.h; equations in docs/model.md).
 *
 * No I/O and no allocation inside dcd_project(): every buffer lives in the
 * workspace, allocated once for a scenario's shape.
 */
#include "dcd_engine.h"

#include <assert.h>
#include <stdio.h>

#include "dcd_kernel.h"
#include "dcd_survival.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
    W_ADD_IN,
    W_CAPEX,
    W_COST,
    W_SHIP,
    W_SHARE,
    W_PRICE,
    W_POWER,
    W_SURV, /* 4 ny: dcd_survival_tables() */
    W_INTENSITY = W_SURV + 4,
    W_TOP_COST,
    W_WUE,
    W_NAT,
    W_PATH, /* 2 ny: capacity in service, reported capacity */
    W_ADD = W_PATH + 2,
    W_SCRATCH, /* 2 ny */
    W_N = W_SCRATCH + 2
};

struct dcd_workspace {
    size_t ny, nseg;
    double *buf; /* W_N * ny doubles */
    dcd_series_ws *sws;
};

dcd_workspace *dcd_workspace_alloc(const dcd_scenario *sc)
{
    dcd_workspace *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->ny = dcd_scenario_years(sc);
    w->nseg = sc->nsegments;
    w->buf = calloc((size_t)W_N * w->ny, sizeof *w->buf);
    w->sws = dcd_series_ws_alloc(dcd_scenario_max_points(sc));
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

/* Samples series S (named PATH.KEY in messages) into OUT; on failure adds a
 * message to D and returns DCD_EMODEL. */
static int sample(const dcd_series *s, const dcd_scenario *sc, dcd_workspace *w, double fallback,
                  double *out, const char *path, const char *key, dcd_diags *d)
{
    int rc = dcd_series_sample(s, sc->start, w->ny, fallback, w->sws, out);
    if (rc == 0)
        return DCD_OK;
    if (d)
        dcd_diags_add(d, sc->path, 0, 0, "%s%s%s%s: the series cannot be interpolated (%s)",
                      *path ? "segments." : "", path, *path ? "." : "", key, gsl_strerror(rc));
    return DCD_EMODEL;
}

/* Samples the series of segment G into the workspace and points IN at
 * them. */
static int segment_inputs(const dcd_scenario *sc, const dcd_segment *g, dcd_workspace *w,
                          dcd_seg_inputs *in, dcd_diags *d)
{
    const char *p = g->name; /* messages name segments.NAME.KEY */
    in->util = ARR(w, W_UTIL);
    in->idle = ARR(w, W_IDLE);
    in->pue = g->pue.n ? ARR(w, W_PUE) : ARR(w, W_FLEET_PUE);
    in->cost_per_mw_usd = g->cost_per_mw_usd.n ? ARR(w, W_COST) : ARR(w, W_TOP_COST);
    in->growth = ARR(w, W_GROWTH);
    in->additions_gw = ARR(w, W_ADD_IN);
    in->capex_usd = g->capex_usd.n ? ARR(w, W_CAPEX) : NULL;
    in->shipments = g->shipments.n ? ARR(w, W_SHIP) : NULL;
    in->equipment_share = ARR(w, W_SHARE);
    in->unit_price_usd = ARR(w, W_PRICE);
    in->unit_power_w = ARR(w, W_POWER);
    in->surv = ARR(w, W_SURV);
    in->surv_base = in->surv + w->ny;
    in->surv_end = in->surv + 2 * w->ny;
    in->surv_base_end = in->surv + 3 * w->ny;
    in->energy_twh = g->energy_twh;
    in->capacity_gw = g->capacity_gw;
    in->lifetime_years = g->lifetime_years;
    in->saturation_gw = g->saturation_gw;
    in->rate_per_year = g->rate_per_year;
    in->midpoint_year = g->midpoint_year;
    in->base_gw = g->base_gw;
    if (sample(&g->utilisation, sc, w, 1, ARR(w, W_UTIL), p, "utilisation", d) ||
        sample(&g->idle, sc, w, 0, ARR(w, W_IDLE), p, "idle", d) ||
        (g->pue.n && sample(&g->pue, sc, w, NAN, ARR(w, W_PUE), p, "pue", d)) ||
        (g->cost_per_mw_usd.n &&
         sample(&g->cost_per_mw_usd, sc, w, NAN, ARR(w, W_COST), p, "cost_per_mw_usd", d)) ||
        (g->capex_usd.n && sample(&g->capex_usd, sc, w, 0, ARR(w, W_CAPEX), p, "capex_usd", d)))
        return DCD_EMODEL;
    switch (g->driver) {
    case DCD_DRIVER_ENERGY: return sample(&g->growth, sc, w, 0, ARR(w, W_GROWTH), p, "growth", d);
    case DCD_DRIVER_CAPACITY:
        if (g->capacity_mode == DCD_CAP_GROWTH)
            return sample(&g->growth, sc, w, 0, ARR(w, W_GROWTH), p, "growth", d);
        if (g->capacity_mode == DCD_CAP_ADDITIONS)
            return sample(&g->additions_gw, sc, w, 0, ARR(w, W_ADD_IN), p, "additions_gw", d);
        return DCD_OK;
    case DCD_DRIVER_FLEET:
        if ((g->shipments.n &&
             sample(&g->shipments, sc, w, 0, ARR(w, W_SHIP), p, "shipments", d)) ||
            (!g->shipments.n &&
             (sample(&g->equipment_share, sc, w, 0, ARR(w, W_SHARE), p, "equipment_share", d) ||
              sample(&g->unit_price_usd, sc, w, 1, ARR(w, W_PRICE), p, "unit_price_usd", d))) ||
            sample(&g->unit_power_w, sc, w, 0, ARR(w, W_POWER), p, "unit_power_w", d))
            return DCD_EMODEL;
        dcd_survival_tables(&sc->timing, &g->survival, g->base_gw > 0 ? &g->base_survival : NULL,
                            g->base_age_min_years, g->base_age_max_years, w->ny, ARR(w, W_SURV));
        return DCD_OK;
    }
    return DCD_OK;
}

int dcd_project(const dcd_scenario *sc, dcd_workspace *w, dcd_results *r, dcd_diags *d)
{
    assert(sc && w && r);
    assert(w->ny == r->ny && sc->nsegments == r->nseg && sc->nsegments == w->nseg);
    size_t ny = w->ny;
    int rc;
    r->start = sc->start;
    memset(r->total, 0, (size_t)DCD_NTOTAL * ny * sizeof *r->total);

    dcd_kctx c = {sc->start, sc->base, ny, sc->path, sc->timing};
    dcd_seg_inputs in = {0};
    in.has_co2 = sc->grid_intensity_g_per_kwh.n > 0;
    in.has_water = sc->wue_l_per_kwh.n > 0;
    in.intensity = ARR(w, W_INTENSITY);
    in.wue = ARR(w, W_WUE);
    if (sample(&sc->pue, sc, w, NAN, ARR(w, W_FLEET_PUE), "", "pue", d) ||
        sample(&sc->grid_intensity_g_per_kwh, sc, w, NAN, ARR(w, W_INTENSITY), "",
               "grid_intensity_g_per_kwh", d) ||
        sample(&sc->cost_per_mw_usd, sc, w, NAN, ARR(w, W_TOP_COST), "", "cost_per_mw_usd", d) ||
        sample(&sc->wue_l_per_kwh, sc, w, NAN, ARR(w, W_WUE), "", "wue_l_per_kwh", d))
        return DCD_EMODEL;

    int it_known_dc = 1, it_known_ai = 1;
    for (size_t s = 0; s < sc->nsegments; s++) {
        const dcd_segment *g = &sc->segments[s];
        double *out = &DCD_SEG(r, s, 0, 0);
        if ((rc = segment_inputs(sc, g, w, &in, d)) != DCD_OK ||
            (rc = dcd_kernel_path(&c, g, &in, ARR(w, W_PATH), ARR(w, W_ADD), ARR(w, W_SCRATCH),
                                  d)) != DCD_OK ||
            (rc = dcd_kernel_segment(&c, g, &in, ARR(w, W_PATH), ARR(w, W_ADD), out, d)) != DCD_OK)
            return rc;
        if (isnan(DCD_SEG(r, s, DCD_S_IT_TWH, 0))) {
            it_known_dc = 0;
            if (g->ai)
                it_known_ai = 0;
        }
        dcd_kernel_add_totals(ny, out, g->ai, r->total);
    }

    /* National demand (docs/model.md, "National demand"). */
    dcd_nat_inputs nat = {sc->national.mode, sc->national.base_twh, ARR(w, W_NAT), ARR(w, W_NAT)};
    if (sc->national.mode == DCD_NATIONAL_FORECAST)
        rc = sample(&sc->national.forecast_twh, sc, w, NAN, ARR(w, W_NAT), "",
                    "national.forecast_twh", d);
    else
        rc = sample(&sc->national.growth, sc, w, 0, ARR(w, W_NAT), "", "national.growth", d);
    if (rc != DCD_OK)
        return rc;
    return dcd_kernel_national(&c, &nat, it_known_dc, it_known_ai, in.has_co2, in.has_water,
                               r->total, d);
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
