/* dcd_prepared.h - a scenario prepared once, evaluated many times (core).
 *
 * Monte Carlo, Sobol and other analyses evaluate one scenario with a few
 * inputs changed, millions of times.  A dcd_prepared samples every series
 * into per-year arrays once, tabulates survival curves by age, and
 * computes once every segment (and the part of the totals) that no
 * parameter touches; an evaluation then redoes only what the parameters
 * change.  The numbers are those of dcd_project() on the scenario loaded
 * with the equivalent `--set` overrides (to rounding: 1e-12 relative,
 * tested).
 *
 * Use:
 *     dcd_prepared *p = NULL;
 *     dcd_prepared_new(sc, &p, diags);                     // SC stays owned by the caller
 *     dcd_prepared_param(p, "segments.ai.growth", DCD_APPLY_SCALE, &k0, diags);
 *     dcd_prepared_param(p, "pue", DCD_APPLY_SET, &k1, diags);
 *     dcd_prepared_ready(p, diags);                        // no more parameters
 *     // per thread:
 *     dcd_prepared_ws *w = dcd_prepared_ws_alloc(p);
 *     double x[2] = {1.1, 1.35};
 *     if (dcd_prepared_eval(p, w, x, NULL, NULL) == DCD_OK)
 *         share = dcd_prepared_totals(w)[DCD_T_DC_SHARE_PCT * ny + i];
 *
 * Thread safety: after dcd_prepared_ready() the prepared scenario is read
 * only; any number of threads may evaluate it at once, each with its own
 * workspace (and results, when asked for).  The scenario SC must not change
 * or be freed while P lives.
 */
#ifndef DCD_PREPARED_H
#define DCD_PREPARED_H

#include <stddef.h>

#include "dcd_engine.h"

/* How a parameter's value changes its input. */
typedef enum dcd_apply {
    DCD_APPLY_SET,   /* the value replaces the input (a whole series becomes that constant;
                      * with a year in the path, that year's point is set) */
    DCD_APPLY_SCALE, /* the input (every point of a series, or the one point) times the value */
    DCD_APPLY_SHIFT  /* the value added to the input (every point, or the one point) */
} dcd_apply;

/* Returns "set", "scale" or "shift". */
const char *dcd_apply_name(dcd_apply how);

typedef struct dcd_prepared dcd_prepared;
typedef struct dcd_prepared_ws dcd_prepared_ws;

/* Starts preparing SC (borrowed: it must outlive *OUT and not change).
 * Returns DCD_OK, or DCD_ENOMEM.  Free *OUT with dcd_prepared_free(). */
int dcd_prepared_new(const dcd_scenario *sc, dcd_prepared **out, dcd_diags *d);
/* Frees P; accepts NULL. */
void dcd_prepared_free(dcd_prepared *p);

/* Adds a parameter: PATH as `--set` and `sweep --vary` take it
 * ("segments.ai.growth", "segments.ai.growth.2027", "pue",
 * "national.growth", "national.total_twh", "segments.gpu.lifetime.scale",
 * "segments.x.installed_base.capacity_gw", ...), applied as HOW.  Its index
 * in the values given to dcd_prepared_eval() is stored in *INDEX (may be
 * NULL); indices count up from 0 in the order of the calls.  A path that
 * names nothing the model uses (unknown segment or key, a key of another
 * driver or mode, a year outside the scenario, a year of a single-valued
 * input, scaling an input the scenario does not give) is DCD_EINPUT with a
 * message in D (may be NULL).  Only before dcd_prepared_ready(). */
int dcd_prepared_param(dcd_prepared *p, const char *path, dcd_apply how, size_t *index,
                       dcd_diags *d);

/* What a path names: a number (energy_twh, capacity_gw, national.total_twh,
 * a lifetime, ...), a whole series (growth, utilisation, pue, ... even when
 * written as one number), or one year's point of a series. */
typedef enum dcd_param_kind { DCD_PARAM_NUMBER, DCD_PARAM_SERIES, DCD_PARAM_POINT } dcd_param_kind;

/* Resolves PATH as dcd_prepared_param() would (with mode set), without
 * adding it: returns its dcd_param_kind, or -1 with the reason in D (may be
 * NULL).  For choosing a default mode (scale for series, set for numbers). */
int dcd_prepared_path_kind(const dcd_prepared *p, const char *path, dcd_diags *d);

/* Number of parameters added. */
size_t dcd_prepared_nparams(const dcd_prepared *p);
/* The value of parameter K that reproduces the scenario: 1 for scale, 0 for
 * shift, the input's value for set (NaN for a whole series that is not a
 * constant). */
double dcd_prepared_param_base(const dcd_prepared *p, size_t k);
/* Parameter K's path as given (owned by P). */
const char *dcd_prepared_param_path(const dcd_prepared *p, size_t k);

/* Bit of total metric M in a selection (dcd_prepared_select()). */
#define DCD_TOTAL_BIT(m) (1UL << (m))
/* The energy totals: dc_twh, ai_twh, national_twh, other_twh, the shares
 * and the loads. */
#define DCD_TOTALS_ENERGY                                                                          \
    (DCD_TOTAL_BIT(DCD_T_DC_TWH) | DCD_TOTAL_BIT(DCD_T_AI_TWH) |                                   \
     DCD_TOTAL_BIT(DCD_T_NATIONAL_TWH) | DCD_TOTAL_BIT(DCD_T_OTHER_TWH) |                          \
     DCD_TOTAL_BIT(DCD_T_DC_SHARE_PCT) | DCD_TOTAL_BIT(DCD_T_AI_SHARE_PCT) |                       \
     DCD_TOTAL_BIT(DCD_T_DC_LOAD_GW) | DCD_TOTAL_BIT(DCD_T_AI_LOAD_GW))

/* Declares which totals the analysis reads (bits DCD_TOTAL_BIT(m); all by
 * default).  When every one is among DCD_TOTALS_ENERGY, evaluations without
 * results compute facility energy alone (about half the work): the other
 * totals are then NaN, and only energy, capacity and national demand are
 * checked (an overflow of capital spending, emissions or water is not seen).
 * Only before dcd_prepared_ready(). */
void dcd_prepared_select(dcd_prepared *p, unsigned long totals);

/* Ends the parameter list and computes everything no parameter changes.
 * Returns DCD_OK, DCD_ENOMEM, or DCD_EMODEL (with a message in D) when a
 * part of the scenario that no parameter touches cannot be projected. */
int dcd_prepared_ready(dcd_prepared *p, dcd_diags *d);

/* A workspace for evaluating P (after dcd_prepared_ready()); one per
 * thread.  Returns NULL on OOM.  Free with dcd_prepared_ws_free(). */
dcd_prepared_ws *dcd_prepared_ws_alloc(const dcd_prepared *p);
/* Frees W; accepts NULL. */
void dcd_prepared_ws_free(dcd_prepared_ws *w);

/* Evaluates P with parameter k set to VALUES[k] (dcd_prepared_nparams()
 * values).  The totals are kept in W (dcd_prepared_totals()); when R is
 * not NULL (results shaped for the scenario: dcd_results_alloc()) the full
 * results, totals and segments, are written there too.  Allocates nothing.
 * Input ranges are not checked here (the caller draws them in range); every
 * value computed is, as in dcd_project(): DCD_EMODEL with a message in D
 * (may be NULL) on an impossible or infinite value. */
int dcd_prepared_eval(const dcd_prepared *p, dcd_prepared_ws *w, const double *values,
                      dcd_results *r, dcd_diags *d);

/* The totals of W's last successful evaluation: value of total metric M in
 * year index I at [M * ny + I] (the layout of dcd_results.total). */
const double *dcd_prepared_totals(const dcd_prepared_ws *w);
/* Draws evaluated at once by dcd_prepared_eval_lanes(). */
#define DCD_LANES 32

/* A workspace for dcd_prepared_eval_lanes(); one per thread.  Returns NULL
 * on OOM.  Free with dcd_prepared_lws_free() (accepts NULL). */
typedef struct dcd_prepared_lws dcd_prepared_lws;
dcd_prepared_lws *dcd_prepared_lws_alloc(const dcd_prepared *p);
void dcd_prepared_lws_free(dcd_prepared_lws *w);

/* Evaluates N draws at once (1 <= N <= DCD_LANES), draw l's parameter
 * values at VALUES + l * STRIDE: the numbers of dcd_prepared_eval() on
 * each draw, to the bit, several times faster when P computes energy
 * totals only (docs/model.md, "Repeated evaluation").  STATUS[l] receives
 * draw l's status (DCD_OK, DCD_EMODEL); the message of the first draw that
 * fails goes into D (may be NULL).  Returns DCD_OK, or DCD_ENOMEM.  The
 * totals of draw l: dcd_prepared_lws_totals(W)[(M * ny + I) * DCD_LANES + l]
 * for total metric M in year index I (meaningful when STATUS[l] is
 * DCD_OK). */
int dcd_prepared_eval_lanes(const dcd_prepared *p, dcd_prepared_lws *w, const double *values,
                            size_t stride, size_t n, int *status, dcd_diags *d);
const double *dcd_prepared_lws_totals(const dcd_prepared_lws *w);

/* Number of years, and the first year. */
size_t dcd_prepared_years(const dcd_prepared *p);
int dcd_prepared_start(const dcd_prepared *p);

#endif
