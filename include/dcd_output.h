/* dcd_output.h - result files of a run: formatting and atomic writing.
 *
 * Every file is built in memory first and then written to a temporary file
 * in the destination folder and renamed into place, so a reader never sees
 * a half-written file.  Numbers are formatted in the C locale with at most 12
 * significant digits, so the same inputs give byte-identical files.
 */
#ifndef DCD_OUTPUT_H
#define DCD_OUTPUT_H

#include "dcd_buf.h"
#include "dcd_engine.h"
#include "dcd_error.h"
#include "dcd_load.h"

/* summary.csv: one row per year; columns `year` then dcd_total_info names. */
int dcd_format_summary(const dcd_results *r, dcd_buf *out);
/* segments.csv: tidy rows `year,segment,metric,value,unit`. */
int dcd_format_segments(const dcd_results *r, dcd_buf *out);
/* results.json: metadata, units, totals and segments (NaN as null). */
int dcd_format_json(const dcd_scenario *sc, const dcd_results *r, const char *version,
                    dcd_buf *out);
/* Appends S to OUT as a JSON string literal (with quotes). */
int dcd_json_string(dcd_buf *out, const char *s);

/* Creates folder PATH and its missing parents (mode 0777 & ~umask), never
 * through a symbolic link (dcd_fs.h: a link in PATH is refused).
 * Returns 0, or -1 with a diagnostic naming the path and the reason. */
int dcd_mkdir_p(const char *path, dcd_diags *d);

/* Writes LEN bytes of DATA to DIR/NAME atomically (dcd_fs.h: DIR reached
 * without links, created if missing and locked for the process's life;
 * temporary file ".NAME.tmp.XXXXXX", fsync, rename; stale temporary files
 * of killed runs removed).  NAME must be a plain file name built by the
 * program.  When
 * DIR/NAME is already a regular file with exactly these bytes, it is left
 * alone (so rerunning on unchanged inputs keeps files and timestamps).
 * Returns DCD_OK, or DCD_EIO with a diagnostic. */
int dcd_write_atomic(const char *dir, const char *name, const char *data, size_t len,
                     dcd_diags *d);

/* The largest scenario.yaml written: the loader's limit on a scenario file
 * (16 MiB, docs/scenario-format.md), so that a saved scenario can always be
 * read back (`plot`, `run` on it). */
#define DCD_OUTPUT_MAX_SCENARIO_BYTES (16u << 20)

/* Writes the four result files of SC into OUTDIR/SAFE_NAME/ as one set
 * (dcd_dir_write_set: the previous set or the new one, never a mix) and
 * stores that folder's path in DIR_OUT once it was verified (no link at or
 * above it) and locked for the rest of the process: charts may be drawn
 * into it by path.  A resolved scenario larger than
 * DCD_OUTPUT_MAX_SCENARIO_BYTES gives DCD_EINPUT with a diagnostic.
 * Returns DCD_OK, DCD_EINPUT, DCD_EIO or DCD_ENOMEM; on failure nothing was
 * changed in the folder. */
int dcd_write_run(const dcd_scenario *sc, const dcd_results *r, const char *outdir,
                  const char *version, dcd_buf *dir_out, dcd_diags *d);

#endif
