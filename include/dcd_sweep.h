/* dcd_sweep.h - the `sweep` analysis: a scenario over a grid of one or two
 * parameters (model/analysis/sweep.c; --vary lists in vary.c).
 *
 * Each grid point is the scenario loaded with the --set mechanism: the
 * common overrides, then `PATH=VALUE` for each varied parameter, so a point
 * gives exactly what `dcdemand run FILE --set PATH=VALUE` gives.  Points
 * are numbered p = i * n2 + j (i the index of the first parameter's value,
 * j of the second's).  docs/compare.md describes the command and its files.
 */
#ifndef DCD_SWEEP_H
#define DCD_SWEEP_H

#include <stddef.h>

#include "dcd_buf.h"
#include "dcd_engine.h"
#include "dcd_error.h"
#include "dcd_load.h"

/* ---- sweep: parameter grids ---------------------------------------------- */

/* Most values of one --vary, and most points of a grid. */
#define DCD_VARY_MAX_VALUES 10000
#define DCD_SWEEP_MAX_POINTS 10000

/* One varied parameter: a path and its values, both as the text given to
 * --set (numbers formatted by dcd_buf_num, so 0.1 + 2 x 0.1 is "0.3"). */
typedef struct dcd_vary {
    char *path;    /* owned */
    double *value; /* n values */
    char **text;   /* n owned strings */
    size_t n;
} dcd_vary;

/* Parses SPEC, "PATH=FROM:TO:STEP" or "PATH=V1,V2,...", into *V (zero it
 * first; free with dcd_vary_free()).  A range holds FROM + i STEP for
 * i = 0, 1, ... while within TO (TO included within a relative tolerance of
 * 1e-9 of STEP); STEP must be non-zero and point from FROM towards TO.
 * Every value is a finite number.  Returns DCD_OK; DCD_EUSAGE with a
 * message in WHY (WHYLEN bytes) when SPEC is malformed or has more than
 * DCD_VARY_MAX_VALUES values; DCD_ENOMEM. */
int dcd_vary_parse(const char *spec, dcd_vary *v, char *why, size_t whylen);
/* Frees what V holds and zeroes it; accepts an empty V. */
void dcd_vary_free(dcd_vary *v);

/* ---- the grid --------------------------------------------------------------- */

/* What to sweep.  Every pointer is borrowed for the call. */
typedef struct dcd_sweep_opts {
    const char *const *sets; /* overrides of every point, before the varied ones */
    size_t nsets;
    const dcd_vary *vary; /* 1 or 2 parameters, with distinct paths */
    size_t nvary;
    int metric; /* enum dcd_total_metric: kept by year for each point */
    int year;   /* the year of the table and charts; within the scenario's years */
} dcd_sweep_opts;

/* A swept grid.  Zero-initialise; filled by dcd_sweep_run(), freed by
 * dcd_sweep_free(). */
typedef struct dcd_sweep {
    size_t n1, n2, npoints; /* values of each parameter (n2 = 1 for one) */
    int *start;             /* per point: the first year of its results */
    size_t *ny;             /* per point: number of years */
    double **y;             /* per point: the metric by year (NaN: not determined) */
    dcd_buf csv;            /* sweep.csv: the parameters, then summary.csv's columns */
    dcd_scenario *first;    /* the scenario of point 0 (owned) */
    size_t failed_point;    /* the point that failed, when dcd_sweep_run() fails */
} dcd_sweep;

/* Loads, projects and collects every point of the grid from SRC (a parsed
 * scenario file, dcd_scenario.h) into *OUT.  Diagnostics of a varied value
 * name `--vary[K]` as their location.  Returns DCD_OK; DCD_EUSAGE when
 * O->year is outside the years of point 0 (OUT->first is then set, to say
 * which years it has); DCD_EUSAGE also for more than DCD_SWEEP_MAX_POINTS
 * points; DCD_EINPUT or DCD_EMODEL when a point cannot be loaded or
 * projected (OUT->failed_point says which; problems in D); DCD_ENOMEM.
 * Free *OUT with dcd_sweep_free() whatever the result. */
int dcd_sweep_run(const dcd_source *src, const dcd_sweep_opts *o, dcd_sweep *out, dcd_diags *d);
/* Frees what S holds and zeroes it; accepts a zeroed S. */
void dcd_sweep_free(dcd_sweep *s);

/* The metric of point P in YEAR; NaN when not determined or outside its
 * years. */
double dcd_sweep_value(const dcd_sweep *s, size_t p, int year);
/* 1 when some point has a determined value of the metric in some year. */
int dcd_sweep_any_value(const dcd_sweep *s);
/* 1 when varying parameter K leaves the metric unchanged in every year at
 * every value of the other parameter (a parameter that something else
 * overrides, worth a note). */
int dcd_sweep_no_effect(const dcd_sweep *s, const dcd_sweep_opts *o, size_t k);
/* Appends "PATH=VALUE[, PATH=VALUE]" of point P.  Returns 0 or -1 on OOM. */
int dcd_sweep_point_name(const dcd_sweep_opts *o, const dcd_sweep *s, size_t p, dcd_buf *out);
/* Appends the terminal table: the metric (name, unit and label) in the
 * year for every point (a summary line when the grid is large), each varied
 * parameter described by the schema (meaning and unit), values to
 * DCD_SIG_DIGITS significant digits; text escaped (dcd_format.h).
 * Returns 0 or -1 on OOM. */
int dcd_sweep_format_text(const dcd_sweep *s, const dcd_sweep_opts *o, dcd_buf *out);

/* Appends the scenario.yaml written beside sweep.csv: SRC resolved with
 * the common overrides O->sets only (what every point starts from), after
 * comment lines that list each `--set PATH=VALUE` (or "(no --set)") and
 * each `--vary` (path, number of values, first and last, unit), text
 * escaped as on a terminal so that no line break ends a comment.  The
 * version is written in the header (dcd_scenario_emit).  Returns DCD_OK,
 * the loader's status (problems in D) or DCD_ENOMEM. */
int dcd_sweep_scenario_yaml(const dcd_source *src, const dcd_sweep_opts *o, const char *version,
                            dcd_buf *out, dcd_diags *d);

#endif
