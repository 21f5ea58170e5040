/* dcd_solve.h - inputs that analyses vary, and goal seek (`dcdemand solve`).
 *
 * An input is one number of a scenario addressed by the path that --set and
 * `sweep --vary` take (`segments.ai.growth`, `national.total_twh`,
 * `segments.ai.growth.2027`).  An analysis sets it to a trial value X by
 * loading the scenario again with one more --set override, so every trial
 * is exactly what `dcdemand run FILE --set PATH=...` gives:
 * - a number, a constant series or one point of a series is set to X
 *   (mode value);
 * - a series of years is moved as a whole: every point multiplied by X
 *   (mode scale, the default for a series) or X added to every point (mode
 *   shift); its interpolation is kept.
 *
 * dcd_solve() finds the X at which a metric of the summary reaches a target
 * in one year, with GSL's Brent solver (gsl_root_fsolver_brent) in its
 * initialise / iterate / test loop.  docs/solve.md describes the command.
 */
#ifndef DCD_SOLVE_H
#define DCD_SOLVE_H

#include <stddef.h>

#include "dcd_buf.h"
#include "dcd_engine.h"
#include "dcd_error.h"
#include "dcd_load.h"

typedef enum dcd_vary_mode {
    DCD_VARY_DEFAULT = -1, /* value for a number or point, scale for a series */
    DCD_VARY_VALUE = 0,    /* the number itself */
    DCD_VARY_SCALE,        /* every point of the series times X */
    DCD_VARY_SHIFT         /* every point of the series plus X */
} dcd_vary_mode;

/* Returns "value", "scale" or "shift". */
const char *dcd_vary_mode_name(dcd_vary_mode m);
/* Parses "value", "scale" or "shift".  Returns 0, or -1. */
int dcd_vary_mode_parse(const char *s, dcd_vary_mode *out);

/* One input of a scenario.  Built by dcd_input_find(), freed by
 * dcd_input_free(). */
typedef struct dcd_input {
    char *path;         /* owned copy of the path */
    char *key;          /* owned: the key that names the quantity (`growth`) */
    int series;         /* 1: a series of years; 0: one number */
    dcd_vary_mode mode; /* never DCD_VARY_DEFAULT after dcd_input_find() */
    size_t n;           /* points (1 for a number) */
    char **year;        /* owned year keys of a series (n of them), else NULL */
    double *value;      /* owned: the values as the scenario states them */
    char *interp;       /* owned interpolation text of a series, or NULL */
    double start;       /* X that leaves the scenario as it is */
} dcd_input;

/* Finds PATH in the resolved document of SC and fills *IN (zeroed first;
 * free with dcd_input_free() on success).  MODE is the user's choice or
 * DCD_VARY_DEFAULT.  Returns DCD_OK; DCD_EUSAGE with a sentence in WHY (the
 * path is not in the scenario, is not a number, or MODE does not fit it);
 * DCD_ENOMEM. */
int dcd_input_find(const dcd_scenario *sc, const char *path, dcd_vary_mode mode, dcd_input *in,
                   char *why, size_t whylen);
/* Releases IN's memory; IN is left zeroed.  Accepts a zeroed input. */
void dcd_input_free(dcd_input *in);

/* Writes into OUT (cleared first) the override "PATH=VALUE" that sets IN to
 * X.  Returns 0, or -1 on OOM or a non-finite X. */
int dcd_input_setting(const dcd_input *in, double x, dcd_buf *out);

/* Writes into OUT (cleared first) the override "name='NAME SUFFIX'" that
 * names a derived scenario (quotes doubled).  Returns 0, or -1 on OOM. */
int dcd_input_name_setting(const char *name, const char *suffix, dcd_buf *out);

/* The allowed range of the input at PATH (`segments.ai.growth`,
 * `segments.ai.growth.2027`, `pue`, ...), from the scenario schema
 * (dcd_schema.h).  An open end is reported with *LO_OPEN or *HI_OPEN set;
 * an end without a limit is +-HUGE_VAL.  Returns 0, or -1 when PATH is not
 * a number or series the format knows. */
int dcd_input_range(const char *path, double *lo, int *lo_open, double *hi, int *hi_open);

/* Default bounds of X for IN: the values of X that keep every point of the
 * input within its allowed range (an open end moved inwards by 1e-9 of its
 * size; an end without a limit replaced by ten times the largest stated
 * value, at least 1; a scale factor never below 0).  Returns 0, or -1 when
 * the key has no known range or the range is empty (then the caller asks
 * for --bounds). */
int dcd_input_default_bounds(const dcd_input *in, double *lo, double *hi);

/* Loads SRC with the overrides SETS (NSETS of them) followed by one per
 * input, IN[k] at X[k], and projects it.  On success *SC (when SC is not
 * NULL) and *R (when R is not NULL) are new objects the caller frees with
 * dcd_scenario_free() and dcd_results_free().  Returns DCD_OK, DCD_EINPUT
 * (the scenario is not valid with these values), DCD_EMODEL or DCD_ENOMEM,
 * with diagnostics in D (may be NULL). */
int dcd_input_eval(const dcd_source *src, const char *const *sets, size_t nsets,
                   const dcd_input *in, const double *x, size_t nin, dcd_scenario **sc,
                   dcd_results **r, dcd_diags *d);

/* Outcomes of a goal seek beyond the status. */
typedef enum dcd_solve_outcome {
    DCD_SOLVE_FOUND = 0,     /* converged within the tolerances */
    DCD_SOLVE_NOT_BRACKETED, /* the metric at both bounds is on one side of the target */
    DCD_SOLVE_UNUSED,        /* the metric is the same at both bounds */
    DCD_SOLVE_MAX_ITER       /* no convergence within max_iter iterations */
} dcd_solve_outcome;

/* What to solve.  Fill with dcd_solve_opts_default(), then set metric,
 * year and target. */
typedef struct dcd_solve_opts {
    int metric;      /* enum dcd_total_metric */
    int year;        /* year of the target */
    double target;   /* value of the metric, in its unit */
    double lo, hi;   /* bounds of X, lo < hi */
    double xtol;     /* stop when the bracket [a, b] has b - a <= xtol + xtol * min|a|,|b|
                      * (gsl_root_test_interval with epsabs = epsrel = xtol); default 1e-10 */
    double ftol;     /* or when |metric - target| <= ftol (metric's unit); default 1e-9 */
    size_t max_iter; /* default 100 */
} dcd_solve_opts;

#define DCD_SOLVE_XTOL 1e-10
#define DCD_SOLVE_FTOL 1e-9
#define DCD_SOLVE_MAX_ITER 100

/* Sets the tolerances and the iteration limit to their defaults and the
 * rest to zero. */
void dcd_solve_opts_default(dcd_solve_opts *o);

/* The result of dcd_solve(). */
typedef struct dcd_solve_result {
    dcd_solve_outcome outcome;
    double x;           /* the value found (FOUND, MAX_ITER: the best so far) */
    double metric;      /* the metric at x */
    size_t iterations;  /* Brent iterations */
    size_t evaluations; /* projections in all */
    double lo, hi;      /* the bounds searched (hi lowered where the model fails) */
    double f_lo, f_hi;  /* the metric at lo and hi */
} dcd_solve_result;

/* Finds X in [O->lo, O->hi] at which metric O->metric in year O->year of
 * SRC (with the overrides SETS and the NIN inputs IN all at X: several
 * inputs move together, say two series scaled by one factor) equals
 * O->target.  When the
 * projection fails at a bound (for example national demand smaller than
 * data centres), the bound is moved towards the other one by bisection to
 * the last value where it works.  Returns DCD_OK with RES->outcome telling
 * found, not bracketed, unused or not converged; or DCD_EINPUT, DCD_EMODEL
 * (the projection fails at both bounds or inside), DCD_EUSAGE (the year is
 * outside the scenario's years, with a diagnostic) or DCD_ENOMEM, with
 * diagnostics in D. */
int dcd_solve(const dcd_source *src, const char *const *sets, size_t nsets, const dcd_input *in,
              size_t nin, const dcd_solve_opts *o, dcd_solve_result *res, dcd_diags *d);

/* Appends to OUT the text S made safe for one line of a YAML comment:
 * control characters (newlines included) become '?'. */
void dcd_comment_text(dcd_buf *out, const char *s);

/* Writes a derived (solved or calibrated) scenario SC and its results R as
 * `dcdemand run` does: OUTDIR/NAME/{summary.csv,segments.csv,results.json,
 * scenario.yaml} with the charts when PLOTS is set.  COMMENT (lines ending
 * in newlines, each starting with "# ", made by the caller with
 * dcd_comment_text()) is put before the resolved scenario.yaml.  The folder
 * goes to DIR.  Returns DCD_OK, DCD_EIO, DCD_EPLOT (files written, charts
 * failed) or DCD_ENOMEM. */
int dcd_write_derived(const dcd_scenario *sc, const dcd_results *r, const char *outdir,
                      const char *version, const char *comment, int plots, dcd_buf *dir,
                      dcd_diags *d);

#endif
