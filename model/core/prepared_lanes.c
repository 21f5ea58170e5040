/* prepared_lanes.c - the prepared evaluation of DCD_LANES draws at once
 * (dcd_prepared.h: dcd_prepared_eval_lanes; docs/model.md, "Repeated
 * evaluation").
 *
 * Every array holds DCD_LANES values per year, one per draw ("lane"):
 * value of year i, lane l at [i * LANES + l].  The loops run over the lanes
 * innermost, so that the compiler turns each into vector instructions, and
 * every lane does, operation for operation, what the one-draw kernel
 * (kernel.c) does: the numbers are the same to the bit, which
 * tests/unit/test_lanes.c checks on every scenario of the library.  With
 * GCC on x86-64 Linux the lane loops are also compiled for AVX2 and the
 * version is chosen at run time (target_clones); neither contracts to fused
 * multiply-adds (ISO C mode) nor reassociates, so both give the same bits.
 *
 * Covered in lanes: energy totals only (dcd_prepared_select()), whole-series
 * and number parameters, and the paths of the energy driver, the capacity
 * driver growing from a stated capacity, and the fleet driver.  Other paths
 * (additions, capital spending, logistic, energy anchors) run the one-draw
 * kernel lane by lane; a scenario with point parameters, or asked for other
 * totals, is evaluated draw by draw.  A lane whose values fail a check is
 * evaluated again by dcd_prepared_eval(), which gives its message.
 */
#include <assert.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_prepared_impl.h"

#define L DCD_LANES

#if defined(__GNUC__) && defined(__x86_64__) && defined(__linux__) && !defined(__clang__)
#define LANE_CLONES __attribute__((target_clones("avx2", "default")))
#define LANE_INLINE __attribute__((always_inline)) inline
#else
#define LANE_CLONES
#define LANE_INLINE inline
#endif

struct dcd_prepared_lws {
    const dcd_prepared *p;
    dcd_prepared_ws *pw; /* draw-by-draw evaluations: rechecks and fallbacks */
    int lanes;           /* 1: lane code; 0: every draw by dcd_prepared_eval() */
    double *ser;         /* nser * ny * L: every series (varied ones set per call) */
    double *sca;         /* nsca * L: every number */
    double *surv;        /* nseg * 4 ny * L: survival of fleet segments */
    double *path;        /* nseg * 2 ny * L: stage 1 */
    double *tmp;         /* 2 ny * L: additions, units */
    double *total;       /* DCD_NTOTAL * ny * L */
    int bad[L];
    /* one lane as the one-draw kernel reads it */
    const double **cur;   /* nser */
    double *gat;          /* nser * ny */
    double *tsca;         /* nsca */
    double *tsurv;        /* 4 ny */
    double *tpath;        /* 3 ny: path (2 ny), then additions */
    double *tscr;         /* 2 ny */
    unsigned char *first; /* npar: the first parameter of its input */
};

#define SER(w, id) ((w)->ser + (size_t)(id) * (w)->p->ny * L)
#define SCA(w, id) ((w)->sca + (size_t)(id)*L)

static void broadcast(double *dst, const double *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t l = 0; l < L; l++)
            dst[i * L + l] = src[i];
}

void dcd_prepared_lws_free(dcd_prepared_lws *w)
{
    if (!w)
        return;
    dcd_prepared_ws_free(w->pw);
    free(w->ser);
    free(w->sca);
    free(w->surv);
    free(w->path);
    free(w->tmp);
    free(w->total);
    free(w->cur);
    free(w->gat);
    free(w->tsca);
    free(w->tsurv);
    free(w->tpath);
    free(w->tscr);
    free(w->first);
    free(w);
}

/* Which segments' paths the lane code computes. */
static int lane_path(const dcd_segment *g)
{
    return g->driver == DCD_DRIVER_ENERGY || g->driver == DCD_DRIVER_FLEET ||
           (g->driver == DCD_DRIVER_CAPACITY && g->capacity_mode == DCD_CAP_GROWTH &&
            !g->anchor_energy);
}

dcd_prepared_lws *dcd_prepared_lws_alloc(const dcd_prepared *p)
{
    assert(p && p->ready);
    size_t ny = p->ny, nseg = p->nseg ? p->nseg : 1;
    dcd_prepared_lws *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->p = p;
    w->lanes = p->energy_only && p->nknots == 0;
    w->pw = dcd_prepared_ws_alloc(p);
    w->total = calloc((size_t)DCD_NTOTAL * ny * L, sizeof *w->total);
    if (!w->pw || !w->total)
        goto fail;
    for (size_t i = 0; i < (size_t)DCD_NTOTAL * ny * L; i++) /* what is not computed */
        w->total[i] = NAN;
    if (!w->lanes)
        return w;
    w->ser = malloc(p->nser * ny * L * sizeof *w->ser);
    w->sca = malloc(p->nsca * L * sizeof *w->sca);
    w->surv = calloc(nseg * 4 * ny * L, sizeof *w->surv);
    w->path = calloc(nseg * 2 * ny * L, sizeof *w->path);
    w->tmp = calloc(2 * ny * L, sizeof *w->tmp);
    w->cur = malloc(p->nser * sizeof *w->cur);
    w->gat = malloc(p->nser * ny * sizeof *w->gat);
    w->tsca = malloc(p->nsca * sizeof *w->tsca);
    w->tsurv = calloc(4 * ny, sizeof *w->tsurv);
    w->tpath = calloc(3 * ny, sizeof *w->tpath);
    w->tscr = calloc(2 * ny, sizeof *w->tscr);
    w->first = calloc(p->npar ? p->npar : 1, 1);
    if (!w->first || !w->ser || !w->sca || !w->surv || !w->path || !w->tmp || !w->cur || !w->gat ||
        !w->tsca || !w->tsurv || !w->tpath || !w->tscr)
        goto fail;
    for (size_t k = 0; k < p->npar; k++) {
        int f = 1;
        for (size_t j = 0; j < k; j++)
            f &= !(p->par[j].is_series == p->par[k].is_series && p->par[j].id == p->par[k].id);
        w->first[k] = (unsigned char)f;
    }
    /* what no parameter changes, once: series, numbers, survival, paths */
    for (size_t id = 0; id < p->nser; id++) {
        broadcast(SER(w, id), p->ser[id].base, ny);
        w->cur[id] = p->ser[id].base;
    }
    broadcast(w->sca, p->sca, p->nsca);
    memcpy(w->tsca, p->sca, p->nsca * sizeof *w->tsca);
    for (size_t s = 0; s < p->nseg; s++) {
        const pseg *q = &p->seg[s];
        if (q->dirty && !q->path_dirty)
            broadcast(w->path + s * 2 * ny * L, q->path, 2 * ny);
    }
    return w;
fail:
    dcd_prepared_lws_free(w);
    return NULL;
}

const double *dcd_prepared_lws_totals(const dcd_prepared_lws *w)
{
    return w->total;
}

/* X[i][l] = B[i] op V[l] when FIRST (the input's base and its first
 * parameter), else X[i][l] op= V[l], for N rows. */
static LANE_INLINE void apply_op(dcd_apply how, int first, const double *restrict B,
                                 const double *restrict v, double *restrict X, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double *restrict xi = X + i * L;
        double b = first ? B[i] : 0;
        switch (how) {
        case DCD_APPLY_SET:
            for (size_t l = 0; l < L; l++)
                xi[l] = v[l];
            break;
        case DCD_APPLY_SCALE:
            for (size_t l = 0; l < L; l++)
                xi[l] = (first ? b : xi[l]) * v[l];
            break;
        case DCD_APPLY_SHIFT:
            for (size_t l = 0; l < L; l++)
                xi[l] = (first ? b : xi[l]) + v[l];
            break;
        }
    }
}

/* The parameters VALUES (lane l's at VALUES + l * STRIDE) applied to the
 * lanes' copies of the inputs, as apply_params() (prepared.c) does for one
 * draw: every varied input from its base, then its parameters in order
 * (the first one applied to the base as it is copied). */
static LANE_INLINE void apply_lanes(dcd_prepared_lws *w, const double *values, size_t stride)
{
    const dcd_prepared *p = w->p;
    size_t ny = p->ny;
    for (size_t k = 0; k < p->npar; k++) {
        const pparam *q = &p->par[k];
        double v[L];
        for (size_t l = 0; l < L; l++)
            v[l] = values[l * stride + k];
        int first = w->first[k];
        if (q->is_series)
            apply_op(q->how, first, p->ser[q->id].base, v, SER(w, q->id), ny);
        else
            apply_op(q->how, first, &p->sca[q->id], v, SCA(w, q->id), 1);
    }
}

/* Lane L's inputs as the one-draw kernel reads them (W->cur, W->tsca). */
static void gather_lane(dcd_prepared_lws *w, size_t l)
{
    const dcd_prepared *p = w->p;
    size_t ny = p->ny;
    for (size_t k = 0; k < p->npar; k++) {
        const pparam *q = &p->par[k];
        if (!q->is_series) {
            w->tsca[q->id] = SCA(w, q->id)[l];
            continue;
        }
        double *g = w->gat + q->id * ny;
        const double *x = SER(w, q->id);
        for (size_t i = 0; i < ny; i++)
            g[i] = x[i * L + l];
        w->cur[q->id] = g;
    }
}

static LANE_INLINE void grow_lanes(size_t ny, size_t ib, const double *restrict G,
                                   double *restrict X)
{
    for (size_t i = ib + 1; i < ny; i++)
        for (size_t l = 0; l < L; l++)
            X[i * L + l] = X[(i - 1) * L + l] * (1 + G[i * L + l]);
    for (size_t i = ib; i > 0; i--)
        for (size_t l = 0; l < L; l++)
            X[(i - 1) * L + l] = X[i * L + l] / (1 + G[i * L + l]);
}

/* lag_spread() (kernel.c) in lanes. */
static LANE_INLINE void lag_spread_lanes(double *X, size_t ny, double lag_years,
                                         double spread_years)
{
    size_t lag = (size_t)lag_years, n = spread_years > 1 ? (size_t)spread_years : 1;
    if (lag == 0 && n == 1)
        return;
    for (size_t i = ny; i-- > 0;) {
        double s[L] = {0};
        for (size_t j = 0; j < n; j++)
            if (i >= lag + j)
                for (size_t l = 0; l < L; l++)
                    s[l] += X[(i - lag - j) * L + l];
        for (size_t l = 0; l < L; l++)
            X[i * L + l] = s[l] / (double)n;
    }
}

/* capacity_path() (growth from a stated capacity) and capacity_timing(). */
static LANE_INLINE void capacity_lanes(const dcd_kctx *c, const double *G, const double *cap,
                                       double *path)
{
    size_t ny = c->ny, ib = (size_t)(c->base - c->start);
    double *restrict K = path + ny * L, *restrict KE = path;
    for (size_t l = 0; l < L; l++)
        K[ib * L + l] = cap[l];
    grow_lanes(ny, ib, G, K);
    if (c->timing.shipping_half) {
        double K0[L];
        for (size_t l = 0; l < L; l++)
            K0[l] = K[l] / (1 + G[l]);
        for (size_t l = 0; l < L; l++)
            KE[l] = 0.5 * (K0[l] + K[l]);
        for (size_t i = 1; i < ny; i++)
            for (size_t l = 0; l < L; l++)
                KE[i * L + l] = 0.5 * (K[(i - 1) * L + l] + K[i * L + l]);
    } else {
        memcpy(KE, K, ny * L * sizeof *KE);
    }
    if (c->timing.capacity_average)
        memcpy(K, KE, ny * L * sizeof *K);
}

/* OUT(t) = B(t) + sum over v <= t of A(v) W(t - v), lane by lane, with
 * B(t) = bg > 0 ? bg WB(t) : 0: fleet_path()'s sums, their terms in the
 * same order.  The survival tables W and WB are per lane (WS = L, LS = 1)
 * or shared by the lanes (WS = 1, LS = 0).  Lanes go by tiles of 8 whose
 * sums stay in registers over the whole sum. */
static LANE_INLINE void convolve(size_t ny, const double *restrict A, const double *restrict bg,
                                 const double *restrict W, const double *restrict WB, size_t ws,
                                 size_t ls, double *restrict out)
{
    enum { T = 8 };
    for (size_t t = 0; t < ny; t++)
        for (size_t l0 = 0; l0 < L; l0 += T) {
            double k[T];
            for (size_t j = 0; j < T; j++) {
                double b = bg[l0 + j];
                k[j] = b > 0 ? b * WB[t * ws + (l0 + j) * ls] : 0;
            }
            for (size_t v = 0; v <= t; v++)
                for (size_t j = 0; j < T; j++)
                    k[j] += A[v * L + l0 + j] * W[(t - v) * ws + (l0 + j) * ls];
            for (size_t j = 0; j < T; j++)
                out[t * L + l0 + j] = k[j];
        }
}

/* fleet_path() (kernel.c) in lanes: PATH (2 ny lanes), W->tmp scratch. */
static LANE_INLINE void fleet_lanes(dcd_prepared_lws *w, const dcd_kctx *c, const dcd_segment *g,
                                    size_t s, double *path)
{
    const dcd_prepared *p = w->p;
    const pseg *q = &p->seg[s];
    size_t ny = c->ny;
    double *restrict N = w->tmp, *restrict A = w->tmp + ny * L;
    const double *P = SER(w, q->ser[SS_POWER]), *bg = SCA(w, SCA_ID(s, SK_BASE_GW));
    /* survival per lane when a parameter changes it, else shared */
    size_t ws = q->surv_varied ? L : 1, ls = q->surv_varied ? 1 : 0;
    const double *sv = q->surv_varied ? w->surv + s * 4 * ny * L : q->surv;
    const double *S = sv, *SB = sv + ny * ws, *SE = sv + 2 * ny * ws, *SBE = sv + 3 * ny * ws;
    if (g->shipments.n) {
        memcpy(N, SER(w, q->ser[SS_SHIP]), ny * L * sizeof *N);
    } else {
        const double *C = SER(w, q->ser[SS_CAPEX]), *E = SER(w, q->ser[SS_SHARE]);
        const double *U = SER(w, q->ser[SS_PRICE]);
        for (size_t i = 0; i < ny * L; i++) {
            N[i] = C[i] * E[i];
            N[i] /= U[i];
        }
        lag_spread_lanes(N, ny, g->build_lag_years, g->build_spread_years);
    }
    for (size_t i = 0; i < ny * L; i++)
        A[i] = N[i] * P[i] * 1e-9;
    double *restrict K = path, *restrict KR = path + ny * L;
    int end = !c->timing.capacity_average;
    int own = end && c->timing.survival_mean;
    int half0 = end && !c->timing.survival_mean && c->timing.shipping_half;
    if (ws == 1)
        convolve(ny, A, bg, S, SB, 1, 0, K);
    else
        convolve(ny, A, bg, S, SB, L, 1, K);
    if (own && ws == 1)
        convolve(ny, A, bg, SE, SBE, 1, 0, KR);
    else if (own)
        convolve(ny, A, bg, SE, SBE, L, 1, KR);
    else if (half0)
        for (size_t t = 0; t < ny; t++)
            for (size_t l = 0; l < L; l++)
                KR[t * L + l] = K[t * L + l] + A[t * L + l] * (SE[l * ls] - S[l * ls]);
    else
        memcpy(KR, K, ny * L * sizeof *KR);
}

/* Stage 1 of dirty segment S lane by lane through the one-draw kernel. */
static void path_by_lane(dcd_prepared_lws *w, const dcd_kctx *c, size_t s, double *path)
{
    const dcd_prepared *p = w->p;
    size_t ny = c->ny;
    const dcd_segment *g = &p->sc->segments[s];
    for (size_t l = 0; l < L; l++) {
        if (w->bad[l])
            continue;
        gather_lane(w, l);
        const double *surv = p->seg[s].surv;
        if (p->seg[s].surv_varied) {
            dcd_prep_survival_tables(p, s, w->tsca, w->tsurv);
            surv = w->tsurv;
        }
        dcd_seg_inputs in;
        dcd_prep_fill_inputs(p, s, w->cur, w->tsca, surv, &in);
        if (dcd_kernel_path(c, g, &in, w->tpath, w->tpath + 2 * ny, w->tscr, NULL) != DCD_OK) {
            w->bad[l] = 1;
            continue;
        }
        for (size_t i = 0; i < 2 * ny; i++)
            path[i * L + l] = w->tpath[i];
    }
}

/* Varied survival tables of fleet segment S, lane by lane. */
static void survival_lanes(dcd_prepared_lws *w, size_t s)
{
    const dcd_prepared *p = w->p;
    size_t ny = p->ny;
    double *sv = w->surv + s * 4 * ny * L;
    for (size_t l = 0; l < L; l++) {
        gather_lane(w, l);
        dcd_prep_survival_tables(p, s, w->tsca, w->tsurv);
        for (size_t i = 0; i < 4 * ny; i++)
            sv[i * L + l] = w->tsurv[i];
    }
}

/* dcd_kernel_facility()'s numbers, added to the totals DC and AI, and its
 * checks, in lanes. */
static LANE_INLINE void facility_lanes(dcd_prepared_lws *w, const dcd_segment *g, size_t s,
                                       const double *path, double *restrict DC, double *restrict AI)
{
    const dcd_prepared *p = w->p;
    const pseg *q = &p->seg[s];
    size_t ny = p->ny;
    const double *restrict P = SER(w, q->ser[SS_PUE]), *restrict U = SER(w, q->ser[SS_UTIL]);
    const double *restrict I = SER(w, q->ser[SS_IDLE]);
    int ai = g->ai;
    /* the facility energy F added to the totals, and the checks of
     * dcd_kernel_facility(), or more (a lane they flag is evaluated again
     * draw by draw), in a form the compiler vectorises: per lane the
     * smallest value that must not be negative, and a sum that is finite
     * when the values are (or not, when they are too large: flagged too) */
    double lo[L], lolf[L], hi[L], z[L];
    for (size_t l = 0; l < L; l++)
        lo[l] = lolf[l] = 1, hi[l] = z[l] = 0;
    if (g->driver != DCD_DRIVER_ENERGY) {
        double fo = g->pue_fixed_overhead;
        const double *restrict KR = path + ny * L;
        for (size_t i = 0; i < ny * L; i += L)
            for (size_t l = 0; l < L; l++) {
                size_t j = i + l;
                double lf = I[j] + (1 - I[j]) * U[j];
                double f = fo == 0 ? path[j] * lf * DCD_TWH_PER_GW_YEAR * P[j]
                                   : path[j] * DCD_TWH_PER_GW_YEAR * (lf * (P[j] - fo) + fo);
                DC[j] += f;
                AI[j] += ai ? f : 0;
                double m = f < path[j] ? f : path[j];
                m = KR[j] < m ? KR[j] : m;
                lo[l] = m < lo[l] ? m : lo[l];
                z[l] += (f + path[j]) + KR[j];
            }
    } else {
        /* the implied capacity E / (8.76 LF), E = PATH or PATH / PUE, is
         * finite when |PATH| <= 1e280, LF >= 1e-6 and PUE >= 1e-6 (or NaN:
         * no PUE stated, no capacity implied): checked without dividing */
        int it = g->energy_is_it;
        for (size_t i = 0; i < ny * L; i += L)
            for (size_t l = 0; l < L; l++) {
                size_t j = i + l;
                double lf = I[j] + (1 - I[j]) * U[j];
                double f = it ? path[j] * P[j] : path[j];
                DC[j] += f;
                AI[j] += ai ? f : 0;
                lo[l] = f < lo[l] ? f : lo[l];
                lolf[l] = lf < lolf[l] ? lf : lolf[l];
                double a = fabs(path[j]), pu = it ? 1 : P[j];
                hi[l] = a > hi[l] ? a : hi[l];
                lolf[l] = pu < lolf[l] ? pu : lolf[l];
                z[l] += f + lf;
            }
    }
    for (size_t l = 0; l < L; l++)
        w->bad[l] |= !(lo[l] >= 0) || !(lolf[l] >= 1e-6) || !(hi[l] <= 1e280) || !(z[l] <= DBL_MAX);
}

/* dcd_kernel_national_energy() in lanes. */
static LANE_INLINE void national_lanes(dcd_prepared_lws *w, const dcd_kctx *c)
{
    const dcd_prepared *p = w->p;
    size_t ny = c->ny, ib = (size_t)(c->base - c->start);
    double *T = w->total;
#define TOT(m) (T + (size_t)(m)*ny * L)
    double *restrict OTHER = TOT(DCD_T_OTHER_TWH);
    const double *restrict DC = TOT(DCD_T_DC_TWH), *restrict AI = TOT(DCD_T_AI_TWH);
    double lo[L], z[L]; /* as in facility_lanes() */
    int bad[L] = {0};
    for (size_t l = 0; l < L; l++)
        lo[l] = 1, z[l] = 0;
    switch (p->sc->national.mode) {
    case DCD_NATIONAL_TOTAL:
    case DCD_NATIONAL_OTHER: {
        const double *b = SCA(w, PK_NAT_BASE);
        for (size_t l = 0; l < L; l++) {
            double o = b[l];
            if (p->sc->national.mode == DCD_NATIONAL_TOTAL) {
                double x = o - DC[ib * L + l], mag = fabs(b[l]) + fabs(DC[ib * L + l]);
                o = (x < 0 && -x <= DCD_NEG_TOL_REL * mag) ? 0 : x;
                bad[l] |= o < 0;
            }
            OTHER[ib * L + l] = o;
        }
        grow_lanes(ny, ib, SER(w, PS_NAT_GROWTH), OTHER);
        break;
    }
    case DCD_NATIONAL_FORECAST: {
        const double *F = SER(w, PS_NAT_FORECAST);
        for (size_t i = 0; i < ny * L; i += L)
            for (size_t l = 0; l < L; l++) {
                size_t j = i + l;
                double x = F[j] - DC[j], mag = fabs(F[j]) + fabs(DC[j]);
                double o = (x < 0 && -x <= DCD_NEG_TOL_REL * mag) ? 0 : x;
                OTHER[j] = o;
                lo[l] = o < lo[l] ? o : lo[l];
            }
        break;
    }
    }
    double *restrict NAT = TOT(DCD_T_NATIONAL_TWH), *restrict DS = TOT(DCD_T_DC_SHARE_PCT);
    double *restrict AS = TOT(DCD_T_AI_SHARE_PCT), *restrict DL = TOT(DCD_T_DC_LOAD_GW);
    double *restrict AL = TOT(DCD_T_AI_LOAD_GW);
    for (size_t i = 0; i < ny * L; i += L)
        for (size_t l = 0; l < L; l++) {
            size_t j = i + l;
            double nat = OTHER[j] + DC[j];
            NAT[j] = nat;
            lo[l] = nat < lo[l] ? nat : lo[l];
            z[l] += nat * 0;
            DS[j] = 100 * DC[j] / nat;
            AS[j] = 100 * AI[j] / nat;
            DL[j] = DC[j] / DCD_TWH_PER_GW_YEAR;
            AL[j] = AI[j] / DCD_TWH_PER_GW_YEAR;
        }
#undef TOT
    for (size_t l = 0; l < L; l++)
        w->bad[l] |= bad[l] || !(lo[l] > 0) || !(z[l] == 0);
}

/* eval_energy() (prepared.c) for all lanes; lanes failing a check get
 * W->bad set. */
LANE_CLONES static void eval_lanes(dcd_prepared_lws *w, const double *values, size_t stride)
{
    const dcd_prepared *p = w->p;
    const dcd_scenario *sc = p->sc;
    size_t ny = p->ny;
    dcd_kctx c = {sc->start, sc->base, ny, sc->path, sc->timing};
    apply_lanes(w, values, stride);
    double *DC = w->total + (size_t)DCD_T_DC_TWH * ny * L;
    double *AI = w->total + (size_t)DCD_T_AI_TWH * ny * L;
    broadcast(DC, p->clean_total + (size_t)DCD_T_DC_TWH * ny, ny);
    broadcast(AI, p->clean_total + (size_t)DCD_T_AI_TWH * ny, ny);
    for (size_t s = 0; s < p->nseg; s++) {
        const pseg *q = &p->seg[s];
        const dcd_segment *g = &sc->segments[s];
        if (!q->dirty)
            continue;
        double *path = w->path + s * 2 * ny * L;
        if (q->path_dirty) {
            if (!lane_path(g)) {
                path_by_lane(w, &c, s, path);
            } else if (g->driver == DCD_DRIVER_ENERGY) {
                size_t ib = (size_t)(sc->base - sc->start);
                memcpy(path + ib * L, SCA(w, SCA_ID(s, SK_ENERGY)), L * sizeof *path);
                grow_lanes(ny, ib, SER(w, q->ser[SS_GROWTH]), path);
            } else if (g->driver == DCD_DRIVER_CAPACITY) {
                capacity_lanes(&c, SER(w, q->ser[SS_GROWTH]), SCA(w, SCA_ID(s, SK_CAPACITY)), path);
            } else {
                if (q->surv_varied)
                    survival_lanes(w, s);
                fleet_lanes(w, &c, g, s, path);
            }
        }
        facility_lanes(w, g, s, path, DC, AI);
    }
    national_lanes(w, &c);
}

/* Lane L's totals from a draw-by-draw evaluation of VALUES: its status. */
static int by_draw(dcd_prepared_lws *w, size_t l, const double *values, dcd_diags *d)
{
    const dcd_prepared *p = w->p;
    int rc = dcd_prepared_eval(p, w->pw, values, NULL, d);
    if (rc != DCD_OK)
        return rc;
    const double *t = dcd_prepared_totals(w->pw);
    size_t n = (size_t)DCD_NTOTAL * p->ny;
    for (size_t i = 0; i < n; i++)
        w->total[i * L + l] = t[i];
    return DCD_OK;
}

int dcd_prepared_eval_lanes(const dcd_prepared *p, dcd_prepared_lws *w, const double *values,
                            size_t stride, size_t n, int *status, dcd_diags *d)
{
    assert(p && w && w->p == p && n >= 1 && n <= L && (values || p->npar == 0));
    int told = 0;
    if (w->lanes) {
        double pad[L * 64];
        const double *v = values;
        size_t vstride = stride;
        if (n < L) { /* the lanes past N repeat draw 0 (computed, not used) */
            size_t np = p->npar;
            double *x = np * L <= sizeof pad / sizeof *pad ? pad : NULL;
            if (!x)
                goto by_draws;
            for (size_t l = 0; l < L; l++)
                memcpy(x + l * np, values + (l < n ? l * stride : 0), np * sizeof *x);
            v = x;
            vstride = np;
        }
        memset(w->bad, 0, sizeof w->bad);
        eval_lanes(w, v, vstride);
        for (size_t l = 0; l < n; l++) {
            status[l] = DCD_OK;
            if (!w->bad[l])
                continue;
            status[l] = by_draw(w, l, values + l * stride, told ? NULL : d);
            if (status[l] == DCD_ENOMEM)
                return DCD_ENOMEM;
            told |= status[l] != DCD_OK;
        }
        return DCD_OK;
    }
by_draws:
    for (size_t l = 0; l < n; l++) {
        status[l] = by_draw(w, l, values + l * stride, told ? NULL : d);
        if (status[l] == DCD_ENOMEM)
            return DCD_ENOMEM;
        told |= status[l] != DCD_OK;
    }
    return DCD_OK;
}
