/* dcd_calibrate.h - fitting inputs of a scenario to observed figures
 * (`dcdemand calibrate`; docs/solve.md).
 *
 * Nonlinear least squares with GSL's gsl_multifit_nlinear (trust region,
 * Levenberg-Marquardt steps, forward-difference Jacobian).  The parameters
 * are inputs as dcd_solve.h defines them (a number itself, a series scaled
 * or shifted as a whole); the residuals are model minus observation, each
 * divided by its standard deviation when one is given.
 */
#ifndef DCD_CALIBRATE_H
#define DCD_CALIBRATE_H

#include <stddef.h>

#include "dcd_solve.h"

/* One observed figure. */
typedef struct dcd_obs {
    int year;
    int metric;   /* enum dcd_total_metric */
    double value; /* in the metric's unit */
    double sd;    /* standard deviation; NaN when not given */
} dcd_obs;

/* Reads observations from the CSV file PATH: a header `year,metric,value`
 * or `year,metric,value,sd`, then one row per observation (year 1900-2200,
 * a column of summary.csv, a finite value, sd > 0; blank lines and lines
 * starting with '#' skipped).  On success *OUT (freed by the caller with
 * free()) holds *N observations.  Returns DCD_OK, DCD_EINPUT with located
 * diagnostics (FILE:LINE:COLUMN), or DCD_ENOMEM. */
int dcd_obs_read_csv(const char *path, dcd_obs **out, size_t *n, dcd_diags *d);

/* Settings of a fit.  Fill with dcd_calib_opts_default(). */
typedef struct dcd_calib_opts {
    double xtol, gtol, ftol; /* gsl_multifit_nlinear_driver tolerances; 1e-10, 1e-10, 0 */
    size_t max_iter;         /* default 200 */
    double h_df;             /* relative step of the finite differences; 1e-6 */
    double rcond_min;        /* below this reciprocal condition: not identifiable; 1e-7 */
    double corr_max;         /* above this |correlation| a pair is flagged; 0.999 */
} dcd_calib_opts;

void dcd_calib_opts_default(dcd_calib_opts *o);

/* Results of a fit; free with dcd_calib_result_free(). */
typedef struct dcd_calib_result {
    size_t np, nobs;
    double *x;     /* np estimates */
    double *se;    /* np standard errors (NaN when the covariance is singular) */
    double *corr;  /* np x np correlation matrix */
    double *model; /* nobs model values at the estimates */
    double *resid; /* nobs residuals, observation minus model */
    double r2;     /* 1 - SS_res / SS_tot (unweighted) */
    double chisq;  /* weighted sum of squared residuals */
    double rcond;  /* reciprocal condition number of the Jacobian */
    size_t dof;    /* nobs - np */
    size_t iterations;
    int weighted;          /* 1 when every observation has an sd */
    int scaled;            /* 1 when the covariance was scaled by chisq / dof */
    int converged;         /* 0 when the iteration limit was reached */
    int identifiable;      /* 0 when rcond < rcond_min or a pair is flagged */
    size_t flag_i, flag_j; /* the most correlated pair (when np > 1) */
} dcd_calib_result;

void dcd_calib_result_free(dcd_calib_result *r);

/* Fits the NP inputs IN of SRC (loaded with SETS first) to the NOBS
 * observations OBS, starting from each input's stated value (in[k].start).
 * Observations must lie within the scenario's years and NOBS >= NP.  Fills
 * *RES (zeroed first; free with dcd_calib_result_free()).  Returns DCD_OK;
 * DCD_EUSAGE (too few observations, a year outside the scenario), DCD_EINPUT
 * or DCD_EMODEL (the scenario fails at some trial value), or DCD_ENOMEM,
 * with diagnostics in D. */
int dcd_calibrate(const dcd_source *src, const char *const *sets, size_t nsets, const dcd_input *in,
                  size_t np, const dcd_obs *obs, size_t nobs, const dcd_calib_opts *o,
                  dcd_calib_result *res, dcd_diags *d);

/* The chart of a calibration: metric METRIC of R by year against the
 * observations (error bars where an sd is given), as DIR/calibration.gp and
 * DIR/calibration.png, drawn by gnuplot the way dcd_plot.h draws (text only
 * through a datablock, fixed file names, no shell), on the run charts' frame:
 * SC gives the title, sources footer, base year and reference marks.
 * Returns DCD_OK, DCD_EIO, DCD_EPLOT or DCD_ENOMEM. */
int dcd_calib_chart(const dcd_scenario *sc, const dcd_results *r, int metric, const dcd_obs *obs,
                    size_t nobs, const char *dir, dcd_diags *d);

#define DCD_CALIB_CHART "calibration.png"

#endif
