/* dcd_uncertainty.h - the `uncertainty:` key of a scenario: uncertain inputs
 * and their rank correlations, read from the located YAML tree (dcd_tree.h).
 *
 * The format is documented in docs/uncertainty.md.  Keys are input paths as
 * `--set` takes them (`segments.ai.growth`, `segments.ai.growth.2027`, `pue`),
 * written dotted or nested; values are distributions
 * `{dist: FAMILY, PARAMETERS..., mode|apply: scale|shift|value}`; the optional
 * `correlations:` list gives Spearman rank correlations between inputs.
 *
 * Whether a path names an input, whether it is a series, and which values it
 * allows are the scenario's business: the caller (the loader, with its
 * schema) answers through a dcd_input_lookup callback.  Without one, only the
 * format is checked and the modes stay DCD_APPLY_DEFAULT.
 */
#ifndef DCD_UNCERTAINTY_H
#define DCD_UNCERTAINTY_H

#include <stddef.h>

#include "dcd_dist.h"
#include "dcd_error.h"
#include "dcd_tree.h"

/* How a draw v changes the input. */
typedef enum dcd_apply {
    DCD_APPLY_DEFAULT, /* not given: scale for a series, value otherwise */
    DCD_APPLY_SCALE,   /* every point x becomes x * v */
    DCD_APPLY_SHIFT,   /* every point x becomes x + v */
    DCD_APPLY_VALUE    /* the input (every point of a series) becomes v */
} dcd_apply;

typedef enum dcd_input_kind {
    DCD_INPUT_NUMBER = 1, /* a plain number (energy_twh, national.total_twh) */
    DCD_INPUT_SERIES,     /* a series as a whole (growth, pue) */
    DCD_INPUT_POINT       /* one year of a series (growth.2027) */
} dcd_input_kind;

/* What the scenario knows about an input path. */
typedef struct dcd_input_info {
    dcd_input_kind kind;
    double base_min, base_max; /* the base value, or the range of the series' points */
    double lo, hi;             /* allowed values (infinite ends for none) */
    int lo_open, hi_open;      /* 1 when the end itself is excluded */
    const char *what;          /* the range in words: "a fraction in [0, 1]" */
} dcd_input_info;

/* Returns 1 and fills *INFO when PATH names an input of the scenario, 0
 * when it names none.  CTX is the caller's. */
typedef int (*dcd_input_lookup)(void *ctx, const char *path, dcd_input_info *info);

/* One uncertain input. */
typedef struct dcd_uncertain {
    char *path;    /* owned: "segments.ai.growth" */
    dcd_dist dist; /* owned */
    dcd_apply apply;
    const char *file; /* where the key was written (interned by the tree's pool) */
    int line, column;
} dcd_uncertain;

/* Every uncertain input of a scenario, in the file's order. */
typedef struct dcd_uncertainty {
    dcd_uncertain *inputs;
    size_t n;
    double *corr; /* n x n Spearman targets (row-major), NULL without correlations */
} dcd_uncertainty;

/* Reads NODE, the value of the top-level `uncertainty:` key, into *OUT
 * (zero-initialised by the caller).  LOOKUP (may be NULL) with CTX checks
 * paths, resolves default modes and checks that the draws stay within each
 * input's range.  Every problem is added to DIAGS as
 * "FILE:LINE:COLUMN: error: uncertainty.PATH: ..." and DCD_EINPUT returned
 * (*OUT then empty); DCD_ENOMEM when memory ran out.  The caller frees *OUT
 * with dcd_uncertainty_free(); the file names point into the tree's pool. */
int dcd_uncertainty_parse(const dcd_node *node, dcd_input_lookup lookup, void *ctx,
                          dcd_uncertainty *out, dcd_diags *diags);
/* Releases everything *U holds and empties it; accepts an empty one. */
void dcd_uncertainty_free(dcd_uncertainty *u);

/* The input value from BASE and draw V under mode A (DEFAULT acts as VALUE). */
double dcd_apply_draw(dcd_apply a, double base, double v);
/* "scale", "shift", "value" or "default". */
const char *dcd_uncertainty_apply_name(dcd_apply a);
/* The range [*LO, *HI] that an input with base values [BMIN, BMAX] can take
 * under mode A when draws lie in [DLO, DHI] (ends may be infinite). */
void dcd_apply_range(dcd_apply a, double bmin, double bmax, double dlo, double dhi, double *lo,
                     double *hi);

#endif
