/* dcd_results_read.h - reading back the results `dcdemand run` saved.
 *
 * `dcdemand plot` redraws charts from DIR/summary.csv and DIR/segments.csv
 * without recomputing.  The reader has limits like the scenario loader's
 * (docs/charts.md): files must be regular files within a size limit, years
 * within the loader's range, and at most so many columns and segments; every
 * problem is a located diagnostic (FILE:LINE:COLUMN).
 */
#ifndef DCD_RESULTS_READ_H
#define DCD_RESULTS_READ_H

#include "dcd_engine.h"
#include "dcd_error.h"
#include "dcd_scenario.h"

/* Largest summary.csv and segments.csv read, in bytes: summary.csv holds one
 * row per year, segments.csv one row per year, segment and metric (the
 * loader's largest scenario, 301 years of 1000 segments, stays below). */
#define DCD_RESULTS_MAX_SUMMARY_BYTES (16L << 20)
#define DCD_RESULTS_MAX_SEGMENTS_BYTES (256L << 20)
/* Years as the scenario loader allows them. */
#define DCD_RESULTS_YEAR_MIN 1900
#define DCD_RESULTS_YEAR_MAX 2200
/* Most columns of summary.csv, and most segments named in segments.csv. */
#define DCD_RESULTS_MAX_COLUMNS 256
#define DCD_RESULTS_MAX_SEGMENTS 1000

/* Reads DIR/summary.csv and DIR/segments.csv, as `dcdemand run` wrote them,
 * into new results (*OUT, freed by the caller with dcd_results_free()).
 * Segments are taken in the order of SC's segments (SC gives their AI
 * flags); SC may be NULL, then segments come in the order segments.csv
 * names them.  Returns DCD_OK, DCD_EINPUT (a file is missing, not a regular
 * file, over a limit or malformed, with a located diagnostic) or
 * DCD_ENOMEM; *OUT is NULL on failure. */
int dcd_results_read(const char *dir, const dcd_scenario *sc, dcd_results **out, dcd_diags *d);

/* The same from memory: SUMMARY (SLEN bytes) and SEGMENTS (GLEN bytes) are
 * the texts of the two files (NULL: empty), named DIR/summary.csv and
 * DIR/segments.csv in diagnostics; the same limits apply.  For tests and
 * the fuzz harness tests/fuzz/fuzz_results.c. */
int dcd_results_parse(const char *summary, size_t slen, const char *segments, size_t glen,
                      const char *dir, const dcd_scenario *sc, dcd_results **out, dcd_diags *d);

#endif
