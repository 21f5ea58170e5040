/* dcd_kernel.h - the model's equations on per-year arrays (core layer).
 *
 * Shared by dcd_project() (engine.c), which samples a scenario's series on
 * every call, and the prepared evaluation (prepared.c), which samples them
 * once and redoes only what a draw changes.  Both feed these functions the
 * same arrays, so both give the same numbers.  Nothing here allocates or
 * does I/O.  The equations are in docs/model.md.
 */
#ifndef DCD_KERNEL_H
#define DCD_KERNEL_H

#include <stddef.h>

#include "dcd_error.h"
#include "dcd_metrics.h"
#include "dcd_scenario.h"

/* Relative tolerance of the "negative" checks (docs/model.md, "Numerical
 * properties"): a difference that is negative by at most this share of the
 * magnitudes it was computed from is rounding, and is taken as 0. */
#define DCD_NEG_TOL_REL 1e-12

/* The years of a projection and where messages point. */
typedef struct dcd_kctx {
    int start, base;   /* first and base year */
    size_t ny;         /* number of years */
    const char *file;  /* scenario path for messages; may be NULL */
    dcd_timing timing; /* the scenario's conventions (sc->timing) */
} dcd_kctx;

/* One segment's inputs as per-year arrays (ny values for the years start,
 * start+1, ...) and numbers.  Arrays a driver does not use may be NULL. */
typedef struct dcd_seg_inputs {
    const double *util, *idle, *pue;
    const double *growth;          /* energy driver, capacity growth */
    const double *additions_gw;    /* capacity additions */
    const double *capex_usd;       /* stated capital spending, NULL when none */
    const double *cost_per_mw_usd; /* the segment's own, else the top-level one (NaN: none) */
    const double *shipments;       /* fleet: NULL when units come from capex_usd */
    const double *equipment_share, *unit_price_usd, *unit_power_w;
    /* fleet survival tables by age 0..ny-1 (dcd_survival_tables()): the
     * energy weight of vintages and of the base, then their end-of-year share */
    const double *surv, *surv_base, *surv_end, *surv_base_end;
    const double *intensity; /* grid g/kWh (NaN when none) */
    const double *wue;       /* L/kWh (NaN when none) */
    int has_co2, has_water;
    double energy_twh, capacity_gw, lifetime_years;
    double saturation_gw, rate_per_year, midpoint_year, base_gw;
} dcd_seg_inputs;

/* Stage 1, the driver's path: energy E(t) (energy driver) or IT capacity
 * into PATH, and the gross additions A(t) into ADD (capacity, fleet only),
 * each ny long.  For capacity and fleet PATH holds 2 ny values: the
 * capacity in service over the year (that draws energy) and, at PATH + ny,
 * the reported capacity (end of year or the same average; docs/model.md,
 * "Timing conventions").  SCRATCH holds 2 ny doubles.
 * Returns DCD_OK, or DCD_EMODEL with a message in D (may be NULL). */
int dcd_kernel_path(const dcd_kctx *c, const dcd_segment *g, const dcd_seg_inputs *in, double *path,
                    double *add, double *scratch, dcd_diags *d);

/* Stage 2: the segment's metrics into OUT (OUT + m ny is metric m of enum
 * dcd_segment_metric: the layout of one segment in dcd_results.seg) from
 * stage 1's PATH and ADD.  Every value is checked: DCD_EMODEL with a
 * message naming the path and the year when one is infinite or impossible. */
int dcd_kernel_segment(const dcd_kctx *c, const dcd_segment *g, const dcd_seg_inputs *in,
                       const double *path, const double *add, double *out, dcd_diags *d);

/* Stage 2 reduced to facility energy: FAC (ny) from stage 1's PATH, with
 * the checks of dcd_kernel_segment() on energy and capacity (when one
 * fails, FAC must hold DCD_NSEGMETRIC ny doubles: the full stage runs
 * there to give the message).  The same numbers as dcd_kernel_segment()'s
 * facility_twh. */
int dcd_kernel_facility(const dcd_kctx *c, const dcd_segment *g, const dcd_seg_inputs *in,
                        const double *path, const double *add, double *fac, dcd_diags *d);

/* Adds one segment's metrics SEG (stage 2's OUT) to the fleet totals TOTAL
 * (layout of dcd_results.total).  AI: the segment counts in the AI totals. */
void dcd_kernel_add_totals(size_t ny, const double *seg, int ai, double *total);

/* National demand as per-year arrays (the used one per mode). */
typedef struct dcd_nat_inputs {
    dcd_national_mode mode;
    double base_twh;
    const double *growth;   /* total and other modes */
    const double *forecast; /* forecast mode */
} dcd_nat_inputs;

/* Completes TOTAL (summed by dcd_kernel_add_totals()) with national demand,
 * shares, loads and effective PUE; IT totals are NaN unless IT_KNOWN_DC
 * (resp. _AI), emissions and water NaN unless HAS_CO2 (HAS_WATER).  Every
 * total is checked.  Returns DCD_OK or DCD_EMODEL with a message in D. */
int dcd_kernel_national(const dcd_kctx *c, const dcd_nat_inputs *n, int it_known_dc,
                        int it_known_ai, int has_co2, int has_water, double *total, dcd_diags *d);

/* As dcd_kernel_national() for the energy totals only: dc_twh and ai_twh
 * summed in TOTAL, then other_twh, national_twh, the shares and the loads. */
int dcd_kernel_national_energy(const dcd_kctx *c, const dcd_nat_inputs *n, double *total,
                               dcd_diags *d);

#endif
