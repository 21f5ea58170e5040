/* dcd_series.h - time-varying inputs (docs/model.md, "Series").
 *
 * A series is a constant or a set of (year, value) points.  Between points it
 * is interpolated (linear, step, or monotone cubic after Steffen, 1990, via
 * GSL); outside its points it holds the nearest value.
 */
#ifndef DCD_SERIES_H
#define DCD_SERIES_H

#include <stddef.h>

typedef enum dcd_interp {
    DCD_INTERP_LINEAR = 0,
    DCD_INTERP_STEP,    /* holds each point's value until the next point */
    DCD_INTERP_STEFFEN  /* monotone cubic; needs 3 points, else linear */
} dcd_interp;

/* A series.  n == 0 means "not given"; n == 1 is a constant. */
typedef struct dcd_series {
    size_t n;
    double *year;   /* strictly increasing; owned */
    double *value;  /* owned */
    dcd_interp interp;
} dcd_series;

/* Returns the interpolation method named NAME ("linear", "step",
 * "steffen"), or -1. */
int dcd_interp_from_name(const char *name);
/* Returns the name of method M. */
const char *dcd_interp_name(dcd_interp m);

/* Sets S to the constant V.  Returns 0, or -1 on OOM. */
int dcd_series_const(dcd_series *s, double v);
/* Releases S's points; S is left empty ("not given"). */
void dcd_series_free(dcd_series *s);
/* Copies SRC into DST (DST must be empty).  Returns 0, or -1 on OOM. */
int dcd_series_copy(dcd_series *dst, const dcd_series *src);

/* Workspace for sampling series; one serves any number of series of up to
 * MAX_POINTS points.  Allocate once, reuse across evaluations. */
typedef struct dcd_series_ws dcd_series_ws;
/* Returns a workspace, or NULL on OOM.  Free it with dcd_series_ws_free(). */
dcd_series_ws *dcd_series_ws_alloc(size_t max_points);
/* Frees W; accepts NULL. */
void dcd_series_ws_free(dcd_series_ws *w);

/* Writes the series' value for each year FIRST, FIRST+1, ... FIRST+NY-1 into
 * OUT[0..NY-1].  An empty series writes FALLBACK.  W may be NULL when S does
 * not use Steffen interpolation.  Returns 0, or a GSL error code. */
int dcd_series_sample(const dcd_series *s, int first, size_t ny, double fallback,
                      dcd_series_ws *w, double *out);

/* Returns the value at YEAR (a convenience for tests and one-off look-ups;
 * Steffen series allocate here, so the engine uses dcd_series_sample()). */
double dcd_series_at(const dcd_series *s, double year);

#endif
