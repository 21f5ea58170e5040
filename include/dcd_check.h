/* dcd_check.h - the `check` analysis: scenarios against the published
 * figures of their `expect:` entries (model/analysis/check.c).
 *
 * A row passes when |model - published| <= tolerance (plus 1e-9 relative
 * slack), the tolerance absolute in the metric's unit, or, for a one-sided
 * figure (min:/max:), when min <= model <= max (the same slack); a figure
 * the scenario does not determine (NaN) fails.  One-sided figures show as
 * ">= 9", "<= 17" or "9..17" in the published column, with the difference
 * and tolerance not determined.  Rows keep the order in which scenarios
 * are added and, within one, the order of its expect: list.
 */
#ifndef DCD_CHECK_H
#define DCD_CHECK_H

#include <stddef.h>

#include "dcd_buf.h"
#include "dcd_engine.h"
#include "dcd_error.h"
#include "dcd_format.h"
#include "dcd_scenario.h"

/* One compared figure.  SC and E are borrowed from the scenario added. */
typedef struct dcd_check_row {
    const dcd_scenario *sc;
    const dcd_expect *e;
    double model; /* NaN when the scenario does not determine it */
    int pass;
} dcd_check_row;

/* The rows of a check.  Zero-initialise; free with dcd_check_free().  The
 * scenarios added must outlive it. */
typedef struct dcd_check {
    dcd_check_row *rows;
    size_t nrows, cap;
    size_t nfail;
} dcd_check;

/* 1 when MODEL meets expectation E (the rule above), else 0. */
int dcd_check_passes(const dcd_expect *e, double model);
/* Appends one row per expectation of SC, with the values of R (results of
 * SC).  Returns DCD_OK or DCD_ENOMEM. */
int dcd_check_add(dcd_check *c, const dcd_scenario *sc, const dcd_results *r);
/* Projects SC and adds its rows.  Returns DCD_OK, the projection's status
 * (problems in D) or DCD_ENOMEM. */
int dcd_check_scenario(dcd_check *c, const dcd_scenario *sc, dcd_diags *d);
/* Frees the rows; C is left empty and reusable. */
void dcd_check_free(dcd_check *c);

/* Appends the table of C for KIND: DCD_OUT_TERM (aligned text, scenario
 * text escaped), DCD_OUT_MD (a Markdown table) or DCD_OUT_CSV (one row per
 * figure with its unit and source).  FAILED_ONLY shows only failing rows.
 * Nothing is appended for the tables when no row is shown (the CSV header
 * is always written).  Returns 0, or -1 on OOM. */
int dcd_check_format(const dcd_check *c, dcd_out_kind kind, int failed_only, dcd_buf *out);

#endif
