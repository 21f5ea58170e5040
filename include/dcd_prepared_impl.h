/* dcd_prepared_impl.h - internals of the prepared scenario, shared by
 * model/core/prepared.c (preparing, evaluating) and model/core/params.c
 * (resolving paths).  Not for use outside model/core.
 *
 * Every input the projection reads has an id: series ids are PS_* (top
 * level, national) then SS_N per segment (SER_ID); numbers are PK_* then
 * SK_N per segment (SCA_ID).
 */
#ifndef DCD_PREPARED_IMPL_H
#define DCD_PREPARED_IMPL_H

#include "dcd_kernel.h"
#include "dcd_prepared.h"

enum { PS_PUE, PS_INTENSITY, PS_COST, PS_WUE, PS_NAT_GROWTH, PS_NAT_FORECAST, PS_TOP };
enum {
    SS_UTIL,
    SS_IDLE,
    SS_PUE,
    SS_GROWTH,
    SS_ADD,
    SS_CAPEX,
    SS_COST,
    SS_SHIP,
    SS_SHARE,
    SS_PRICE,
    SS_POWER,
    SS_N
};
enum { PK_NAT_BASE, PK_TOP };
enum {
    SK_ENERGY,
    SK_CAPACITY,
    SK_LIFETIME,
    SK_SAT,
    SK_RATE,
    SK_MID,
    SK_BASE_GW,
    SK_SV_YEARS,
    SK_SV_SCALE,
    SK_SV_SHAPE,
    SK_BS_YEARS,
    SK_BS_SCALE,
    SK_BS_SHAPE,
    SK_N
};
#define SER_ID(s, k) ((size_t)PS_TOP + (size_t)(s)*SS_N + (size_t)(k))
#define SCA_ID(s, k) ((size_t)PK_TOP + (size_t)(s)*SK_N + (size_t)(k))

typedef struct pparam {
    char *path;    /* as given; owned */
    int is_series; /* 1: id is a series id, 0: a number id */
    size_t id;
    dcd_apply how;
    int year;     /* a point of the series; 0: the whole input */
    size_t knot;  /* index of YEAR among the series' knots */
    int resample; /* the first point parameter of its series: samples it again */
    double base;  /* the value that reproduces the scenario */
} pparam;

typedef struct pseries {
    double *base; /* ny values as the engine samples them (fallback when not given) */
    int varied;   /* a parameter targets it */
    size_t slot;  /* its array in the workspace when varied */
    /* with point parameters: the series' years with theirs added */
    int points;
    size_t kn, koff; /* number of knots; offset in the workspace's knot values */
    double *kyear, *kval;
    dcd_interp interp;
} pseries;

typedef struct pseg {
    size_t ser[SS_N];   /* series id read for each input (pue, cost may be the top level's) */
    int path_dirty;     /* stage 1 (path, additions) changes with the parameters */
    int dirty;          /* stage 2 (the metrics) changes */
    int surv_varied;    /* a lifetime parameter */
    double *path, *add; /* stage 1 when not path_dirty */
    double *out;        /* stage 2 when not dirty: DCD_NSEGMETRIC * ny */
    double *surv, *surv_base;
    int it_known;
} pseg;

struct dcd_prepared {
    const dcd_scenario *sc;
    size_t ny, nseg, nser, nsca;
    int ready, has_co2, has_water;
    int energy_only; /* dcd_prepared_select() asked for energy totals only */
    pparam *par;
    size_t npar, cappar;
    pseries *ser;        /* nser */
    double *sca;         /* nsca base numbers */
    int *sca_varied;     /* nsca */
    pseg *seg;           /* nseg */
    double *clean_total; /* DCD_NTOTAL * ny: sums over segments no parameter changes */
    int clean_known_dc, clean_known_ai;
    size_t nslots, nknots, max_knots;
};

/* Resolves PATH applied as HOW into Q (path, id, year); returns 0, or -1
 * with the reason in WHY. */
int dcd_prep_resolve(const dcd_prepared *p, const char *path, dcd_apply how, pparam *q, char *why,
                     size_t cap);
/* The scenario series with id ID. */
const dcd_series *dcd_prep_series_of(const dcd_scenario *sc, size_t id);

/* Points IN at segment S's inputs: series from CUR (by series id), numbers
 * from SCA (by number id), survival from SURV (4 ny: dcd_survival_tables()). */
void dcd_prep_fill_inputs(const dcd_prepared *p, size_t s, const double *const *cur,
                          const double *sca, const double *surv, dcd_seg_inputs *in);
/* Tabulates segment S's survival curves with the numbers in SCA into SURV
 * (4 ny). */
void dcd_prep_survival_tables(const dcd_prepared *p, size_t s, const double *sca, double *surv);

#endif
