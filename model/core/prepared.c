/* prepared.c - a scenario prepared once and evaluated many times
 * (dcd_prepared.h; docs/model.md, "Repeated evaluation").
 *
 * Preparing samples every series the projection reads into a per-year
 * array (the same arrays dcd_project() samples on each call), tabulates
 * survival by age, and runs the model's equations (dcd_kernel.h) once for
 * every segment that no parameter changes.  An evaluation copies the
 * arrays its parameters change into the workspace, applies the values,
 * redoes the changed segments' stages and the national step.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_kernel.h"
#include "dcd_prepared_impl.h"
#include "dcd_survival.h"

struct dcd_prepared_ws {
    const dcd_prepared *p;
    const double **cur; /* nser: the array read for each series id */
    double *slots;      /* nslots * ny: varied series */
    double *sca;        /* nsca numbers */
    double *knots;      /* nknots: knot values of series with point parameters */
    double *surv;       /* nseg * 4 ny: survival of segments with lifetime parameters */
    double *path, *add, *scratch, *segout, *total;
    dcd_series_ws *sws;
};

/* The engine's value for a series that is not given (dcd_project()). */
static double fallback_of(size_t id)
{
    static const double top[PS_TOP] = {NAN, NAN, NAN, NAN, 0, NAN};
    static const double seg[SS_N] = {1, 0, NAN, 0, 0, 0, NAN, 0, 0, 1, 0};
    return id < PS_TOP ? top[id] : seg[(id - PS_TOP) % SS_N];
}

static void base_numbers(const dcd_scenario *sc, double *v)
{
    v[PK_NAT_BASE] = sc->national.base_twh;
    for (size_t s = 0; s < sc->nsegments; s++) {
        const dcd_segment *g = &sc->segments[s];
        double *x = v + SCA_ID(s, 0);
        x[SK_ENERGY] = g->energy_twh;
        x[SK_CAPACITY] = g->capacity_gw;
        x[SK_LIFETIME] = g->lifetime_years;
        x[SK_SAT] = g->saturation_gw;
        x[SK_RATE] = g->rate_per_year;
        x[SK_MID] = g->midpoint_year;
        x[SK_BASE_GW] = g->base_gw;
        x[SK_SV_YEARS] = g->survival.years;
        x[SK_SV_SCALE] = g->survival.scale;
        x[SK_SV_SHAPE] = g->survival.shape;
        x[SK_BS_YEARS] = g->base_survival.years;
        x[SK_BS_SCALE] = g->base_survival.scale;
        x[SK_BS_SHAPE] = g->base_survival.shape;
    }
}

int dcd_prepared_new(const dcd_scenario *sc, dcd_prepared **out, dcd_diags *d)
{
    assert(sc && out);
    int rc = DCD_ENOMEM;
    dcd_series_ws *sws = NULL;
    dcd_prepared *p = calloc(1, sizeof *p);
    *out = NULL;
    if (!p)
        return DCD_ENOMEM;
    p->sc = sc;
    p->ny = dcd_scenario_years(sc);
    p->nseg = sc->nsegments;
    p->nser = SER_ID(p->nseg, 0);
    p->nsca = SCA_ID(p->nseg, 0);
    p->ser = calloc(p->nser, sizeof *p->ser);
    p->sca = calloc(p->nsca, sizeof *p->sca);
    p->sca_varied = calloc(p->nsca, sizeof *p->sca_varied);
    p->seg = calloc(p->nseg ? p->nseg : 1, sizeof *p->seg);
    p->clean_total = calloc((size_t)DCD_NTOTAL * p->ny, sizeof *p->clean_total);
    sws = dcd_series_ws_alloc(dcd_scenario_max_points(sc));
    if (!p->ser || !p->sca || !p->sca_varied || !p->seg || !p->clean_total || !sws)
        goto done;
    base_numbers(sc, p->sca);
    for (size_t id = 0; id < p->nser; id++) {
        if (!(p->ser[id].base = malloc(p->ny * sizeof(double))))
            goto done;
        int e = dcd_series_sample(dcd_prep_series_of(sc, id), sc->start, p->ny, fallback_of(id),
                                  sws, p->ser[id].base);
        if (e != 0) {
            if (d)
                dcd_diags_add(d, sc->path, 0, 0, "a series cannot be interpolated (GSL error %d)",
                              e);
            rc = DCD_EMODEL;
            goto done;
        }
    }
    rc = DCD_OK;
done:
    dcd_series_ws_free(sws);
    if (rc != DCD_OK)
        dcd_prepared_free(p);
    else
        *out = p;
    return rc;
}

void dcd_prepared_free(dcd_prepared *p)
{
    if (!p)
        return;
    for (size_t k = 0; k < p->npar; k++)
        free(p->par[k].path);
    free(p->par);
    if (p->ser)
        for (size_t id = 0; id < p->nser; id++) {
            free(p->ser[id].base);
            free(p->ser[id].kyear);
            free(p->ser[id].kval);
        }
    free(p->ser);
    if (p->seg)
        for (size_t s = 0; s < p->nseg; s++) {
            free(p->seg[s].path);
            free(p->seg[s].out);
            free(p->seg[s].surv);
        }
    free(p->seg);
    free(p->sca);
    free(p->sca_varied);
    free(p->clean_total);
    free(p);
}

/* The base value of parameter Q (dcd_prepared_param_base()). */
static double param_base(const dcd_prepared *p, const pparam *q)
{
    if (q->how == DCD_APPLY_SCALE)
        return 1;
    if (q->how == DCD_APPLY_SHIFT)
        return 0;
    if (!q->is_series)
        return p->sca[q->id];
    const dcd_series *s = dcd_prep_series_of(p->sc, q->id);
    if (q->year)
        return p->ser[q->id].base[q->year - p->sc->start];
    return s->n == 1 ? s->value[0] : NAN;
}

int dcd_prepared_param(dcd_prepared *p, const char *path, dcd_apply how, size_t *index,
                       dcd_diags *d)
{
    assert(p && path && !p->ready);
    char why[256];
    pparam q = {0};
    if (dcd_prep_resolve(p, path, how, &q, why, sizeof why) != 0) {
        if (d)
            dcd_diags_add(d, p->sc->path, 0, 0, "%s: %s", path, why);
        return DCD_EINPUT;
    }
    if (p->npar == p->cappar) {
        size_t cap = p->cappar ? 2 * p->cappar : 16;
        pparam *np = realloc(p->par, cap * sizeof *np);
        if (!np)
            return DCD_ENOMEM;
        p->par = np;
        p->cappar = cap;
    }
    size_t n = strlen(path) + 1;
    if (!(q.path = malloc(n)))
        return DCD_ENOMEM;
    memcpy(q.path, path, n);
    q.base = param_base(p, &q);
    if (index)
        *index = p->npar;
    p->par[p->npar++] = q;
    return DCD_OK;
}

void dcd_prepared_select(dcd_prepared *p, unsigned long totals)
{
    assert(p && !p->ready);
    p->energy_only = (totals & ~(unsigned long)DCD_TOTALS_ENERGY) == 0;
}

int dcd_prepared_path_kind(const dcd_prepared *p, const char *path, dcd_diags *d)
{
    assert(p && path);
    char why[256];
    pparam q = {0};
    if (dcd_prep_resolve(p, path, DCD_APPLY_SET, &q, why, sizeof why) != 0) {
        if (d)
            dcd_diags_add(d, p->sc->path, 0, 0, "%s: %s", path, why);
        return -1;
    }
    return !q.is_series ? DCD_PARAM_NUMBER : q.year ? DCD_PARAM_POINT : DCD_PARAM_SERIES;
}

size_t dcd_prepared_nparams(const dcd_prepared *p)
{
    return p->npar;
}

double dcd_prepared_param_base(const dcd_prepared *p, size_t k)
{
    assert(k < p->npar);
    return p->par[k].base;
}

const char *dcd_prepared_param_path(const dcd_prepared *p, size_t k)
{
    assert(k < p->npar);
    return p->par[k].path;
}

size_t dcd_prepared_years(const dcd_prepared *p)
{
    return p->ny;
}

int dcd_prepared_start(const dcd_prepared *p)
{
    return p->sc->start;
}

/* Knots of series ID with the years of its point parameters added (their
 * base values interpolated).  Returns 0, or -1 on OOM. */
static int build_knots(dcd_prepared *p, size_t id)
{
    pseries *ps = &p->ser[id];
    const dcd_series *s = dcd_prep_series_of(p->sc, id);
    size_t cap = s->n, kn = s->n;
    for (size_t k = 0; k < p->npar; k++)
        cap += p->par[k].is_series && p->par[k].id == id && p->par[k].year;
    ps->kyear = malloc(cap * sizeof *ps->kyear);
    ps->kval = malloc(cap * sizeof *ps->kval);
    if (!ps->kyear || !ps->kval)
        return -1;
    memcpy(ps->kyear, s->year, s->n * sizeof *s->year);
    memcpy(ps->kval, s->value, s->n * sizeof *s->value);
    for (size_t k = 0; k < p->npar; k++) {
        pparam *q = &p->par[k];
        if (!q->is_series || q->id != id || !q->year)
            continue;
        double y = q->year;
        size_t j = 0;
        while (j < kn && ps->kyear[j] < y)
            j++;
        if (j == kn || ps->kyear[j] != y) {
            memmove(ps->kyear + j + 1, ps->kyear + j, (kn - j) * sizeof *ps->kyear);
            memmove(ps->kval + j + 1, ps->kval + j, (kn - j) * sizeof *ps->kval);
            ps->kyear[j] = y;
            ps->kval[j] = ps->base[q->year - p->sc->start];
            kn++;
        }
    }
    int first = 1;
    for (size_t k = 0; k < p->npar; k++) { /* knot indices, after every insertion */
        pparam *q = &p->par[k];
        if (q->is_series && q->id == id && q->year) {
            q->resample = first;
            first = 0;
        }
        if (q->is_series && q->id == id && q->year)
            for (size_t j = 0; j < kn; j++)
                if (ps->kyear[j] == q->year)
                    q->knot = j;
    }
    ps->kn = kn;
    ps->interp = s->interp;
    ps->points = 1;
    ps->koff = p->nknots;
    p->nknots += kn;
    if (kn > p->max_knots)
        p->max_knots = kn;
    return 0;
}

/* Points IN at segment S's inputs: series from CUR, numbers from SCA,
 * survival from SURV (4 ny: dcd_survival_tables()). */
void dcd_prep_fill_inputs(const dcd_prepared *p, size_t s, const double *const *cur,
                          const double *sca, const double *surv, dcd_seg_inputs *in)
{
    const dcd_segment *g = &p->sc->segments[s];
    const size_t *id = p->seg[s].ser;
    const double *x = sca + SCA_ID(s, 0);
    in->util = cur[id[SS_UTIL]];
    in->idle = cur[id[SS_IDLE]];
    in->pue = cur[id[SS_PUE]];
    in->growth = cur[id[SS_GROWTH]];
    in->additions_gw = cur[id[SS_ADD]];
    in->capex_usd = g->capex_usd.n ? cur[id[SS_CAPEX]] : NULL;
    in->cost_per_mw_usd = cur[id[SS_COST]];
    in->shipments = g->shipments.n ? cur[id[SS_SHIP]] : NULL;
    in->equipment_share = cur[id[SS_SHARE]];
    in->unit_price_usd = cur[id[SS_PRICE]];
    in->unit_power_w = cur[id[SS_POWER]];
    in->surv = surv;
    in->surv_base = surv + p->ny;
    in->surv_end = surv + 2 * p->ny;
    in->surv_base_end = surv + 3 * p->ny;
    in->intensity = cur[PS_INTENSITY];
    in->wue = cur[PS_WUE];
    in->has_co2 = p->has_co2;
    in->has_water = p->has_water;
    in->energy_twh = x[SK_ENERGY];
    in->capacity_gw = x[SK_CAPACITY];
    in->lifetime_years = x[SK_LIFETIME];
    in->saturation_gw = x[SK_SAT];
    in->rate_per_year = x[SK_RATE];
    in->midpoint_year = x[SK_MID];
    in->base_gw = x[SK_BASE_GW];
}

/* Tabulates segment S's survival curves with the numbers in SCA into SURV
 * (4 ny). */
void dcd_prep_survival_tables(const dcd_prepared *p, size_t s, const double *sca, double *surv)
{
    const dcd_segment *g = &p->sc->segments[s];
    const double *x = sca + SCA_ID(s, 0);
    dcd_survival sv = g->survival, sb = g->base_survival;
    sv.years = x[SK_SV_YEARS];
    sv.scale = x[SK_SV_SCALE];
    sv.shape = x[SK_SV_SHAPE];
    sb.years = x[SK_BS_YEARS];
    sb.scale = x[SK_BS_SCALE];
    sb.shape = x[SK_BS_SHAPE];
    int base = sb.years > 0 || sb.scale > 0;
    dcd_survival_tables(&p->sc->timing, &sv, base ? &sb : NULL, g->base_age_min_years,
                        g->base_age_max_years, p->ny, surv);
}

/* Which stages of segment S the parameters change. */
static void segment_dirt(dcd_prepared *p, size_t s)
{
    const dcd_segment *g = &p->sc->segments[s];
    pseg *q = &p->seg[s];
    for (size_t k = 0; k < SS_N; k++)
        q->ser[k] = SER_ID(s, k);
    if (!g->pue.n && !p->ser[SER_ID(s, SS_PUE)].varied)
        q->ser[SS_PUE] = PS_PUE;
    if (!g->cost_per_mw_usd.n && !p->ser[SER_ID(s, SS_COST)].varied)
        q->ser[SS_COST] = PS_COST;
#define SV(k) p->ser[q->ser[k]].varied
#define KV(k) p->sca_varied[SCA_ID(s, k)]
    q->surv_varied = 0;
    for (int k = SK_BASE_GW; k <= SK_BS_SHAPE; k++)
        q->surv_varied |= KV(k) && k != SK_BASE_GW;
    int pd = 0;
    if (g->driver == DCD_DRIVER_ENERGY) {
        pd = SV(SS_GROWTH) || KV(SK_ENERGY);
    } else if (g->driver == DCD_DRIVER_CAPACITY) {
        switch (g->capacity_mode) {
        case DCD_CAP_GROWTH: pd = SV(SS_GROWTH) || KV(SK_CAPACITY); break;
        case DCD_CAP_ADDITIONS: pd = SV(SS_ADD) || KV(SK_CAPACITY) || KV(SK_LIFETIME); break;
        case DCD_CAP_CAPEX:
            pd = SV(SS_CAPEX) || SV(SS_COST) || KV(SK_CAPACITY) || KV(SK_LIFETIME);
            break;
        case DCD_CAP_LOGISTIC:
            pd = KV(SK_SAT) || KV(SK_RATE) || KV(SK_MID) || KV(SK_CAPACITY);
            break;
        }
        /* an energy anchor goes through the base year's load factor and PUE */
        if (g->anchor_energy)
            pd = pd || KV(SK_ENERGY) || SV(SS_UTIL) || SV(SS_IDLE) || SV(SS_PUE);
    } else {
        pd = (g->shipments.n ? SV(SS_SHIP) : (SV(SS_CAPEX) || SV(SS_SHARE) || SV(SS_PRICE))) ||
             SV(SS_POWER) || KV(SK_BASE_GW) || q->surv_varied;
    }
    q->path_dirty = pd;
    q->dirty = pd || SV(SS_UTIL) || SV(SS_IDLE) || SV(SS_PUE) || SV(SS_COST) ||
               (g->capex_usd.n && SV(SS_CAPEX)) || (p->has_co2 && p->ser[PS_INTENSITY].varied) ||
               (p->has_water && p->ser[PS_WUE].varied);
#undef SV
#undef KV
}

/* Stages of segment S that no parameter changes, from the base inputs. */
static int cache_segment(dcd_prepared *p, size_t s, const double *const *cur, double *scratch,
                         dcd_diags *d)
{
    pseg *q = &p->seg[s];
    const dcd_segment *g = &p->sc->segments[s];
    size_t ny = p->ny;
    dcd_kctx c = {p->sc->start, p->sc->base, ny, p->sc->path, p->sc->timing};
    dcd_seg_inputs in = {0};
    if (!(q->surv = calloc(4 * ny, sizeof *q->surv)))
        return DCD_ENOMEM;
    if (g->driver == DCD_DRIVER_FLEET)
        dcd_prep_survival_tables(p, s, p->sca, q->surv);
    dcd_prep_fill_inputs(p, s, cur, p->sca, q->surv, &in);
    if (!q->path_dirty) {
        if (!(q->path = calloc(3 * ny, sizeof *q->path)))
            return DCD_ENOMEM;
        q->add = q->path + 2 * ny; /* path: in service, then reported */
        int rc = dcd_kernel_path(&c, g, &in, q->path, q->add, scratch, d);
        if (rc != DCD_OK)
            return rc;
    }
    if (!q->dirty) {
        if (!(q->out = calloc((size_t)DCD_NSEGMETRIC * ny, sizeof *q->out)))
            return DCD_ENOMEM;
        int rc = dcd_kernel_segment(&c, g, &in, q->path, q->add, q->out, d);
        if (rc != DCD_OK)
            return rc;
        if (isnan(q->out[(size_t)DCD_S_IT_TWH * ny])) {
            p->clean_known_dc = 0;
            if (g->ai)
                p->clean_known_ai = 0;
        }
        dcd_kernel_add_totals(ny, q->out, g->ai, p->clean_total);
    }
    return DCD_OK;
}

int dcd_prepared_ready(dcd_prepared *p, dcd_diags *d)
{
    assert(p && !p->ready);
    int rc = DCD_ENOMEM;
    const double **cur = malloc(p->nser * sizeof *cur);
    double *scratch = malloc(2 * p->ny * sizeof *scratch);
    if (!cur || !scratch)
        goto done;
    for (size_t k = 0; k < p->npar; k++) {
        const pparam *q = &p->par[k];
        if (q->is_series)
            p->ser[q->id].varied = 1;
        else
            p->sca_varied[q->id] = 1;
    }
    for (size_t id = 0; id < p->nser; id++) {
        pseries *ps = &p->ser[id];
        cur[id] = ps->base;
        if (!ps->varied)
            continue;
        ps->slot = p->nslots++;
        int points = 0;
        for (size_t k = 0; k < p->npar; k++)
            points |= p->par[k].is_series && p->par[k].id == id && p->par[k].year;
        if (points && build_knots(p, id) != 0)
            goto done;
    }
    p->has_co2 = p->sc->grid_intensity_g_per_kwh.n > 0 || p->ser[PS_INTENSITY].varied;
    p->has_water = p->sc->wue_l_per_kwh.n > 0 || p->ser[PS_WUE].varied;
    p->clean_known_dc = p->clean_known_ai = 1;
    for (size_t s = 0; s < p->nseg; s++) {
        segment_dirt(p, s);
        if ((rc = cache_segment(p, s, cur, scratch, d)) != DCD_OK)
            goto done;
    }
    p->ready = 1;
    rc = DCD_OK;
done:
    free(cur);
    free(scratch);
    return rc;
}

dcd_prepared_ws *dcd_prepared_ws_alloc(const dcd_prepared *p)
{
    assert(p && p->ready);
    size_t ny = p->ny;
    dcd_prepared_ws *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->p = p;
    w->cur = malloc(p->nser * sizeof *w->cur);
    w->slots = malloc((p->nslots ? p->nslots : 1) * ny * sizeof *w->slots);
    w->sca = malloc(p->nsca * sizeof *w->sca);
    w->knots = malloc((p->nknots ? p->nknots : 1) * sizeof *w->knots);
    w->surv = calloc((p->nseg ? p->nseg : 1) * 4 * ny, sizeof *w->surv);
    w->path = malloc((5 + (size_t)DCD_NSEGMETRIC + (size_t)DCD_NTOTAL) * ny * sizeof *w->path);
    w->sws = dcd_series_ws_alloc(p->max_knots);
    if (!w->cur || !w->slots || !w->sca || !w->knots || !w->surv || !w->path || !w->sws) {
        dcd_prepared_ws_free(w);
        return NULL;
    }
    w->add = w->path + 2 * ny;
    w->scratch = w->add + ny;
    w->segout = w->scratch + 2 * ny;
    w->total = w->segout + (size_t)DCD_NSEGMETRIC * ny;
    memcpy(w->sca, p->sca, p->nsca * sizeof *w->sca);
    for (size_t k = 0; k < (size_t)DCD_NTOTAL * ny; k++)
        w->total[k] = p->energy_only ? NAN : p->clean_total[k];
    for (size_t id = 0; id < p->nser; id++)
        w->cur[id] = p->ser[id].varied ? w->slots + p->ser[id].slot * ny : p->ser[id].base;
    return w;
}

void dcd_prepared_ws_free(dcd_prepared_ws *w)
{
    if (!w)
        return;
    free(w->cur);
    free(w->slots);
    free(w->sca);
    free(w->knots);
    free(w->surv);
    free(w->path);
    dcd_series_ws_free(w->sws);
    free(w);
}

const double *dcd_prepared_totals(const dcd_prepared_ws *w)
{
    return w->total;
}

static inline void apply(dcd_apply how, double x, double *v, size_t n)
{
    switch (how) {
    case DCD_APPLY_SET:
        for (size_t i = 0; i < n; i++)
            v[i] = x;
        break;
    case DCD_APPLY_SCALE:
        for (size_t i = 0; i < n; i++)
            v[i] *= x;
        break;
    case DCD_APPLY_SHIFT:
        for (size_t i = 0; i < n; i++)
            v[i] += x;
        break;
    }
}

/* Applies the parameter VALUES to the workspace's copies of the inputs. */
static int apply_params(const dcd_prepared *p, dcd_prepared_ws *w, const double *values)
{
    size_t ny = p->ny;
    for (size_t k = 0; k < p->npar; k++) { /* every varied input back to its base first */
        const pparam *q = &p->par[k];
        if (!q->is_series) {
            w->sca[q->id] = p->sca[q->id];
            continue;
        }
        const pseries *ps = &p->ser[q->id];
        if (ps->points)
            memcpy(w->knots + ps->koff, ps->kval, ps->kn * sizeof *w->knots);
        else
            memcpy(w->slots + ps->slot * ny, ps->base, ny * sizeof *w->slots);
    }
    for (size_t k = 0; k < p->npar; k++) {
        const pparam *q = &p->par[k];
        const pseries *ps = &p->ser[q->id];
        if (!q->is_series)
            apply(q->how, values[k], &w->sca[q->id], 1);
        else if (!ps->points)
            apply(q->how, values[k], w->slots + ps->slot * ny, ny);
        else if (q->year)
            apply(q->how, values[k], w->knots + ps->koff + q->knot, 1);
        else
            apply(q->how, values[k], w->knots + ps->koff, ps->kn);
    }
    for (size_t k = 0; k < p->npar; k++) { /* series with points: sampled again */
        const pparam *q = &p->par[k];
        const pseries *ps = &p->ser[q->id];
        if (!q->is_series || !q->resample)
            continue;
        dcd_series s = {ps->kn, ps->kyear, w->knots + ps->koff, ps->interp};
        if (dcd_series_sample(&s, p->sc->start, ny, 0, w->sws, w->slots + ps->slot * ny) != 0)
            return DCD_EMODEL;
    }
    return DCD_OK;
}

/* The evaluation of energy totals only (dcd_prepared_select()). */
static int eval_energy(const dcd_prepared *p, dcd_prepared_ws *w, dcd_diags *d)
{
    size_t ny = p->ny;
    const dcd_scenario *sc = p->sc;
    dcd_kctx c = {sc->start, sc->base, ny, sc->path, sc->timing};
    double *DC = w->total + (size_t)DCD_T_DC_TWH * ny, *AI = w->total + (size_t)DCD_T_AI_TWH * ny;
    memcpy(DC, p->clean_total + (size_t)DCD_T_DC_TWH * ny, ny * sizeof *DC);
    memcpy(AI, p->clean_total + (size_t)DCD_T_AI_TWH * ny, ny * sizeof *AI);
    for (size_t s = 0; s < p->nseg; s++) {
        const pseg *q = &p->seg[s];
        const dcd_segment *g = &sc->segments[s];
        if (!q->dirty)
            continue;
        const double *surv = q->surv;
        if (q->surv_varied) {
            dcd_prep_survival_tables(p, s, w->sca, w->surv + 4 * ny * s);
            surv = w->surv + 4 * ny * s;
        }
        dcd_seg_inputs in;
        dcd_prep_fill_inputs(p, s, w->cur, w->sca, surv, &in);
        const double *path = q->path, *add = q->add;
        int rc;
        if (q->path_dirty) {
            if ((rc = dcd_kernel_path(&c, g, &in, w->path, w->add, w->scratch, d)) != DCD_OK)
                return rc;
            path = w->path;
            add = w->add;
        }
        if ((rc = dcd_kernel_facility(&c, g, &in, path, add, w->segout, d)) != DCD_OK)
            return rc;
        const double *restrict f = w->segout;
        for (size_t i = 0; i < ny; i++)
            DC[i] += f[i];
        if (g->ai)
            for (size_t i = 0; i < ny; i++)
                AI[i] += f[i];
    }
    dcd_nat_inputs nat = {sc->national.mode, w->sca[PK_NAT_BASE], w->cur[PS_NAT_GROWTH],
                          w->cur[PS_NAT_FORECAST]};
    return dcd_kernel_national_energy(&c, &nat, w->total, d);
}

int dcd_prepared_eval(const dcd_prepared *p, dcd_prepared_ws *w, const double *values,
                      dcd_results *r, dcd_diags *d)
{
    assert(p && w && w->p == p && (values || p->npar == 0));
    assert(!r || (r->ny == p->ny && r->nseg == p->nseg));
    size_t ny = p->ny;
    const dcd_scenario *sc = p->sc;
    dcd_kctx c = {sc->start, sc->base, ny, sc->path, sc->timing};
    int rc = apply_params(p, w, values);
    if (rc != DCD_OK) {
        if (d)
            dcd_diags_add(d, sc->path, 0, 0,
                          "a series with a point parameter cannot be "
                          "interpolated");
        return rc;
    }
    if (p->energy_only && !r)
        return eval_energy(p, w, d);
    memcpy(w->total, p->clean_total, (size_t)DCD_NTOTAL * ny * sizeof *w->total);
    int known_dc = p->clean_known_dc, known_ai = p->clean_known_ai;
    for (size_t s = 0; s < p->nseg; s++) {
        const pseg *q = &p->seg[s];
        const dcd_segment *g = &sc->segments[s];
        if (!q->dirty) {
            if (r)
                memcpy(&DCD_SEG(r, s, 0, 0), q->out, (size_t)DCD_NSEGMETRIC * ny * sizeof(double));
            continue;
        }
        const double *surv = q->surv;
        if (q->surv_varied) {
            dcd_prep_survival_tables(p, s, w->sca, w->surv + 4 * ny * s);
            surv = w->surv + 4 * ny * s;
        }
        dcd_seg_inputs in;
        dcd_prep_fill_inputs(p, s, w->cur, w->sca, surv, &in);
        const double *path = q->path, *add = q->add;
        if (q->path_dirty) {
            if ((rc = dcd_kernel_path(&c, g, &in, w->path, w->add, w->scratch, d)) != DCD_OK)
                return rc;
            path = w->path;
            add = w->add;
        }
        double *out = r ? &DCD_SEG(r, s, 0, 0) : w->segout;
        if ((rc = dcd_kernel_segment(&c, g, &in, path, add, out, d)) != DCD_OK)
            return rc;
        if (isnan(out[(size_t)DCD_S_IT_TWH * ny])) {
            known_dc = 0;
            if (g->ai)
                known_ai = 0;
        }
        dcd_kernel_add_totals(ny, out, g->ai, w->total);
    }
    dcd_nat_inputs nat = {sc->national.mode, w->sca[PK_NAT_BASE], w->cur[PS_NAT_GROWTH],
                          w->cur[PS_NAT_FORECAST]};
    rc = dcd_kernel_national(&c, &nat, known_dc, known_ai, p->has_co2, p->has_water, w->total, d);
    if (rc == DCD_OK && r) {
        r->start = sc->start;
        memcpy(r->total, w->total, (size_t)DCD_NTOTAL * ny * sizeof *r->total);
    }
    return rc;
}
