/* dcd_scenario.h - a scenario as plain data (core layer).
 *
 * The format is documented in docs/scenario-format.md and the equations in
 * docs/model.md.  The loader (dcd_load.h, io layer) is the only code that
 * knows YAML: it reads the file, follows `extends:`, applies `--set
 * PATH=VALUE` overrides, validates everything against the schema
 * (dcd_schema.h), and fills these structs.  The engine (dcd_engine.h) sees
 * only the structs and this header.
 */
#ifndef DCD_SCENARIO_H
#define DCD_SCENARIO_H

#include <stddef.h>

#include "dcd_series.h"

/* The resolved document and its file names, owned by the loader (dcd_tree.h). */
struct dcd_node;
struct dcd_pool;

typedef enum dcd_driver {
    DCD_DRIVER_ENERGY,   /* top-down: base-year energy and a growth series */
    DCD_DRIVER_CAPACITY, /* installed IT capacity in GW */
    DCD_DRIVER_FLEET     /* shipments x rated power x survival by vintage */
} dcd_driver;

typedef enum dcd_capacity_mode {
    DCD_CAP_GROWTH,    /* K(t) = K(t-1) (1 + g(t)) */
    DCD_CAP_ADDITIONS, /* K(t) = K(t-1) (1 - 1/L) + A(t) */
    DCD_CAP_CAPEX,     /* as additions, with A(t) = capex(t) / cost per MW */
    DCD_CAP_LOGISTIC   /* K(t) = K_sat / (1 + exp(-r (t - t_mid))) */
} dcd_capacity_mode;

typedef enum dcd_survival_kind {
    DCD_SURV_FIXED,       /* S(a) = 1 for a < L, else 0 */
    DCD_SURV_EXPONENTIAL, /* S(a) = exp(-a / L) */
    DCD_SURV_WEIBULL      /* S(a) = exp(-(a / scale)^shape) */
} dcd_survival_kind;

/* How long equipment survives, by age in whole years (age 0 = the year it
 * was shipped). */
typedef struct dcd_survival {
    dcd_survival_kind kind;
    double years; /* L, for fixed and exponential */
    double scale; /* Weibull scale (years) */
    double shape; /* Weibull shape */
} dcd_survival;

/* Conventions of time within a year (`timing:`; docs/model.md, "Timing
 * conventions").  Each field is the index of the word in the key's choices.
 * The loader sets the defaults of the schema rows (model/io/schema.c): 0,
 * except survival_mean, 1 (year_mean); a struct built in code starts at 0. */
typedef struct dcd_timing {
    int shipping_half;    /* shipping_year: 0 full, 1 half (mid-year) */
    int capacity_average; /* capacity: 0 end_of_year, 1 average (in service over the year) */
    int survival_mean;    /* survival: 0 whole_ages (S(a)), 1 year_mean (mean of S over the year) */
} dcd_timing;

/* One segment of the data-centre fleet.  Series that were not given have
 * n == 0. */
typedef struct dcd_segment {
    char *name;
    char *label; /* for legends and tables (segments.*.label); NULL: the name */
    int ai;      /* counted in the AI totals */
    dcd_driver driver;

    /* energy driver */
    double energy_twh; /* value in the base year */
    int energy_is_it;  /* 1: energy_twh is IT energy (then PUE applies) */
    dcd_series growth; /* fraction per year (energy and capacity growth) */

    /* capacity driver */
    dcd_capacity_mode capacity_mode;
    int anchor_energy;          /* 1: energy_twh (not capacity_gw) anchors the base year */
    int logistic_anchored;      /* 1: the logistic's midpoint comes from the base-year anchor */
    double capacity_gw;         /* IT capacity in the base year (growth, additions, capex) */
    dcd_series additions_gw;    /* GW of IT capacity added per year */
    dcd_series capex_usd;       /* capital spending per year (capacity and fleet) */
    dcd_series cost_per_mw_usd; /* segment's own cost per MW of IT capacity */
    double lifetime_years;      /* L for retirement (additions, capex) */
    double saturation_gw, rate_per_year, midpoint_year; /* logistic */
    double build_lag_years;    /* capex: years from spending to capacity (0) */
    double build_spread_years; /* capex: years the capacity arrives over (0 or 1: one) */

    /* fleet driver */
    dcd_series shipments;       /* units shipped per year */
    dcd_series unit_power_w;    /* rated power per unit by vintage, W */
    dcd_series equipment_share; /* share of capex spent on these units */
    dcd_series unit_price_usd;  /* price per unit by vintage */
    dcd_survival survival;
    double base_gw; /* installed base at years.start, IT GW */
    dcd_survival base_survival;
    double base_age_min_years, base_age_max_years; /* ages of the base at start (0, 0) */

    /* common */
    dcd_series utilisation;    /* fraction of time at full power; default 1 */
    dcd_series idle;           /* idle draw as a fraction of rated; default 0 */
    dcd_series pue;            /* segment PUE; n == 0: the fleet-wide PUE */
    double pue_fixed_overhead; /* partial-load PUE: fixed overhead f, share of rated IT (0) */
} dcd_segment;

typedef enum dcd_national_mode {
    DCD_NATIONAL_TOTAL,   /* base-year total including data centres, grown */
    DCD_NATIONAL_OTHER,   /* base-year non-data-centre demand, grown */
    DCD_NATIONAL_FORECAST /* an explicit total series including data centres */
} dcd_national_mode;

typedef struct dcd_national {
    dcd_national_mode mode;
    double base_twh;         /* total or other, in the base year */
    dcd_series growth;       /* growth of non-data-centre demand */
    dcd_series forecast_twh; /* total demand, forecast mode */
} dcd_national;

/* A published or observed figure the scenario is compared against. */
typedef struct dcd_expect {
    int year;
    char *metric;     /* a column of summary.csv, e.g. "dc_share_pct" */
    double value;     /* NaN for a one-sided figure (min/max) */
    double tolerance; /* absolute, in the metric's unit; history: 0; one-sided: NaN */
    char *source;     /* citation; may be NULL */
    const char *file; /* where it was written, for messages */
    int line, column;
    /* A one-sided figure ("more than 9%", expect: only): ONE_SIDED is 1,
     * VALUE and TOLERANCE are NaN and the accepted range is [MIN, MAX],
     * either NaN when not given.  ONE_SIDED 0 (a zeroed entry): VALUE and
     * TOLERANCE hold, MIN and MAX are unused. */
    int one_sided;
    double min, max;
} dcd_expect;

/* A reference mark drawn on the charts of its metric (`references:`):
 * a published range [LOW, HIGH] or a single VALUE (LOW == HIGH == VALUE),
 * at YEAR, or across the whole chart when YEAR is 0.  Not checked against
 * the results (that is what `expect:` does). */
typedef struct dcd_reference {
    char *metric; /* a column of summary.csv, e.g. "dc_share_pct" */
    int year;     /* 0: no year (a line or band across the chart) */
    int is_range; /* 1: low: and high: given; 0: value: given */
    double low, high;
    char *label;      /* legend text */
    const char *file; /* where it was written, for messages */
    int line, column;
} dcd_reference;

typedef struct dcd_scenario {
    char *name;        /* as written; see dcd_scenario_safe_name() */
    char *title;       /* may be NULL */
    char *description; /* may be NULL */
    char **sources;
    size_t nsources;
    char *study, *case_name; /* optional labels for tables (study/case) */

    int start, base, end; /* inclusive years */
    dcd_timing timing;    /* conventions within the year (all 0 by default) */

    dcd_series pue; /* fleet-wide PUE (n == 0: not given) */
    dcd_series grid_intensity_g_per_kwh;
    dcd_series cost_per_mw_usd; /* for implied capital spending */
    dcd_series wue_l_per_kwh;   /* water use per IT kWh */

    dcd_national national;

    dcd_segment *segments;
    size_t nsegments;

    dcd_expect *expect; /* figures to reproduce (dcdemand check) */
    size_t nexpect;
    dcd_expect *history; /* observed figures, drawn on charts */
    size_t nhistory;
    dcd_reference *references; /* reference marks, drawn on charts */
    size_t nreferences;

    /* The resolved document (after extends and --set), for `show` and the
     * saved scenario.yaml, and the pool that owns its file names (and the
     * `file` of each dcd_expect).  Both are made and freed by the loader
     * (dcd_load.h); include dcd_tree.h to walk the tree. */
    struct dcd_node *tree;
    struct dcd_pool *pool;
    char *path;            /* the file given on the command line */
    char checksum_hex[65]; /* SHA-256 of every input file and --set, in order */
} dcd_scenario;

/* Writes into OUT (at least 65 bytes) the scenario's name reduced to safe
 * characters: [a-z0-9._-], no leading dot or dash, at most 64 bytes, and
 * "scenario" when nothing is left.  Output folders use this name only. */
void dcd_scenario_safe_name(const dcd_scenario *sc, char *out);

/* Frees what SC owns as plain data (texts, series, segments, expectations,
 * path) and zeroes those fields; SC itself, its tree and its pool are left
 * to the loader's dcd_scenario_free() (dcd_load.h).  Accepts NULL. */
void dcd_scenario_clear(dcd_scenario *sc);

/* Number of years, end - start + 1. */
size_t dcd_scenario_years(const dcd_scenario *sc);

/* The number of series of a segment (dcd_segment_series()). */
#define DCD_SEGMENT_NSERIES 11

/* Stores into OUT (room for DCD_SEGMENT_NSERIES) pointers to every series
 * of segment G (borrowed; n == 0 for the ones not given) and returns their
 * number: the one list of a segment's series. */
size_t dcd_segment_series(const dcd_segment *g, const dcd_series **out);

/* The largest number of points of any series of SC (sizes Steffen
 * interpolators, dcd_series_ws_alloc()). */
size_t dcd_scenario_max_points(const dcd_scenario *sc);

#endif
