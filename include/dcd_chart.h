/* dcd_chart.h - the one gnuplot pipeline that draws every chart.
 *
 * Every chart of the program (the run charts of dcd_plot.h, the overlays and
 * sweep charts of dcd_plot_overlay.h, and any chart added later) is a
 * self-contained gnuplot script STEM.gp saved in an output folder, drawn by
 * this pipeline:
 *
 *  1. dcd_plot_batch_script() writes DIR/STEM.gp atomically and queues it
 *     (the first time it sees DIR, it locks DIR for the rest of the process
 *     through dcd_fs.h, the lock the result writers take, and removes the
 *     temporary pictures a killed run left there; for new data it moves the old picture aside to a
 * hidden temporary name at once); dcd_plot_batch_drop() removes the files of a chart that no longer
 * applies.  One batch may hold many folders.
 *  2. dcd_plot_batch_draw() runs ONE gnuplot process over every queued script
 *     (posix_spawnp, no shell, `gnuplot -d`, stdin from /dev/null, TZ=UTC0 and
 *     LC_ALL=C, its own process group) under a time limit, and gives each
 *     script the name of a temporary picture beside it
 *     (`-e "dcd_output='.STEM.EXT.tmp.XXXXXX'"`, made with mkstemp).
 *  3. Each temporary picture is checked (gnuplot's exit status 0, a non-empty
 *     file, the format's signature at both ends: PNG signature and IEND
 *     chunk, `<?xml`/`<svg` and `</svg>`, `%PDF` and `%%EOF`), a PDF's
 *     creation date is pinned, and only when every picture of the batch
 *     passes are they renamed over STEM.EXT (a picture with the same bytes as
 *     the old one leaves the old file in place, timestamp and all).
 *  4. On a failure (gnuplot missing, failing, killed, over the time limit, or
 *     a picture that fails its check) no temporary file remains.  The
 *     previous pictures stay when the batch redraws the data they show
 *     (opts.redraw: `dcdemand plot`); otherwise (new numbers: run, compare,
 *     sweep, report) they are removed, so that no picture beside the files
 *     shows other numbers than theirs.  SIGINT, SIGTERM and SIGHUP during the
 *     drawing kill gnuplot's process group and apply the same rule
 *     (async-signal-safe unlink) before the signal takes its course.
 *     Freeing a batch that was not drawn removes its hidden files (and so,
 *     for new data, the old pictures).
 *
 * A script must therefore write its picture as
 *     set output dcd_dir.dcd_output
 * with the lines dcd_chart_script_head() writes: dcd_dir is the script's own
 * folder (found from gnuplot's ARG0, so that a script redrawn by hand from any
 * folder writes beside itself) and dcd_output defaults to STEM.FORMAT.
 * docs/charts.md describes the guarantee for users.
 */
#ifndef DCD_CHART_H
#define DCD_CHART_H

#include <stddef.h>

#include "dcd_buf.h"
#include "dcd_error.h"

typedef enum dcd_plot_format { DCD_PLOT_PNG, DCD_PLOT_SVG, DCD_PLOT_PDF } dcd_plot_format;

/* Default picture size in pixels (PDF: the same at 144 px per inch). */
#define DCD_PLOT_WIDTH 1200
#define DCD_PLOT_HEIGHT 720

/* Default time limit of one gnuplot process, in seconds, and the most that
 * can be asked for (--plot-timeout, $DCDEMAND_PLOT_TIMEOUT). */
#define DCD_PLOT_TIMEOUT_DEFAULT 120
#define DCD_PLOT_TIMEOUT_MAX 86400

/* Drawing options.  Fill with dcd_plot_opts_default(). */
typedef struct dcd_plot_opts {
    dcd_plot_format format;
    int width, height;   /* pixels, 320..8000 x 240..8000 */
    const char *gnuplot; /* program to run (looked up in PATH when it has no
                          * slash); NULL: $DCDEMAND_GNUPLOT, else "gnuplot" */
    int scripts_only;    /* write the .gp scripts, do not run gnuplot */
    int redraw;          /* 1: the data are those the old pictures show
                          * (dcdemand plot): they stay when drawing fails;
                          * 0: new data, old pictures go when drawing fails */
    int timeout_s;       /* time limit of gnuplot in seconds; 0: the value of
                          * $DCDEMAND_PLOT_TIMEOUT, else the default */
} dcd_plot_opts;

/* PNG, 1200x720, gnuplot from the environment, scripts and pictures, new
 * data, the default time limit. */
void dcd_plot_opts_default(dcd_plot_opts *o);

/* File name extension of FORMAT without the dot ("png", "svg", "pdf"). */
const char *dcd_plot_format_ext(dcd_plot_format format);
/* Parses "png", "svg" or "pdf".  Returns 0, or -1 when S is none of them. */
int dcd_plot_format_parse(const char *s, dcd_plot_format *out);
/* Parses a time limit: whole seconds from 1 to DCD_PLOT_TIMEOUT_MAX.
 * Returns 0, or -1 (output untouched). */
int dcd_plot_timeout_parse(const char *s, int *seconds);

/* Appends the opening of a chart script: a comment naming STEM.gp and WHAT it
 * shows and how to redraw it by hand, `reset`, the terminal of O's format and
 * size (another with `gnuplot -e "fmt='svg'"`), and the output
 * dcd_dir.dcd_output described above.  Returns 0, or -1 on OOM. */
int dcd_chart_script_head(dcd_buf *b, const dcd_plot_opts *o, const char *stem, const char *what);

/* ---- the batch ------------------------------------------------------------- */

/* A batch: charts of one or more folders, drawn by one gnuplot process.
 * Opaque; free with dcd_plot_batch_free(). */
typedef struct dcd_plot_batch dcd_plot_batch;

/* A new, empty batch drawn with options O (copied; NULL: the defaults).
 * Returns NULL on OOM. */
dcd_plot_batch *dcd_plot_batch_new(const dcd_plot_opts *o);
/* The options of B (borrowed). */
const dcd_plot_opts *dcd_plot_batch_opts(const dcd_plot_batch *b);
/* Writes the LEN bytes of SCRIPT as DIR/STEM.gp (atomically) and queues it.
 * STEM is a plain name built by the program ([a-z0-9_], at most 40
 * characters); DIR must exist.  Returns DCD_OK, DCD_EIO (with a diagnostic),
 * DCD_EPLOT (another process is drawing in DIR), DCD_EUSAGE (a bad STEM) or
 * DCD_ENOMEM. */
int dcd_plot_batch_script(dcd_plot_batch *b, const char *dir, const char *stem, const char *script,
                          size_t len, dcd_diags *d);
/* Adds NOTE (copied) to the diagnostics of folder DIR when the batch fails
 * to draw, such as how to draw its charts later.  Returns DCD_OK or
 * DCD_ENOMEM. */
int dcd_plot_batch_note(dcd_plot_batch *b, const char *dir, const char *note);
/* Chart STEM does not apply to DIR's data any more: removes DIR/STEM.png,
 * .svg, .pdf and .gp.  Returns DCD_OK, DCD_EIO or DCD_ENOMEM. */
int dcd_plot_batch_drop(dcd_plot_batch *b, const char *dir, const char *stem, dcd_diags *d);
/* Draws every queued script as described above (nothing with scripts_only).
 * Returns DCD_OK; DCD_EPLOT when gnuplot cannot be started (the diagnostic
 * says what to install), fails (with gnuplot's messages), is killed or runs
 * over its time limit, or a picture fails its check, or
 * $DCDEMAND_PLOT_TIMEOUT is malformed; DCD_EIO; DCD_ENOMEM. */
int dcd_plot_batch_draw(dcd_plot_batch *b, dcd_diags *d);
/* Frees B and removes the hidden files of charts it did not draw; accepts
 * NULL. */
void dcd_plot_batch_free(dcd_plot_batch *b);

/* Redrawing the scripts saved in a folder: dcd_chart_redraw.h. */

/* Removes from DIR the pictures (png, svg, pdf) and scripts of the N charts
 * STEMS, and the temporary pictures a killed run left there: the policy for
 * new data drawn without charts (`run --no-plots`), so that no chart shows
 * other numbers than the files beside it.  Returns DCD_OK, DCD_EIO (with a
 * diagnostic) or DCD_ENOMEM. */
int dcd_plot_remove_charts(const char *dir, const char *const *stems, size_t n, dcd_diags *d);

/* Removes the temporary pictures (".STEM.EXT.tmp.XXXXXX") a killed run left
 * in DIR (a missing DIR is no error).  Returns DCD_OK, DCD_EIO or
 * DCD_ENOMEM. */
int dcd_plot_clean_temps(const char *dir, dcd_diags *d);

/* 1 when the SIZE bytes of DATA are a complete picture in FORMAT (the
 * signatures at both ends checked by the pipeline), else 0. */
int dcd_plot_picture_ok(dcd_plot_format format, const unsigned char *data, size_t size);

/* ---- the process ------------------------------------------------------------ */

/* Runs the gnuplot of O (O->gnuplot, else $DCDEMAND_GNUPLOT, else "gnuplot"
 * from PATH) as `PROG -d ARGS...` without a shell, in its own process group,
 * with stdin from /dev/null, TZ=UTC0 and LC_ALL=C, its stdout and stderr
 * kept (the first 8 KiB) for the message, under O's time limit (then the
 * group is killed).  While it runs, SIGINT, SIGTERM and SIGHUP kill the
 * group and unlink the NCLEAN paths CLEAN before taking their course.
 * Problems go to D under LABEL.  Returns DCD_OK when gnuplot exited with
 * status 0; DCD_EPLOT (cannot start, failed, killed, timed out, or a
 * malformed $DCDEMAND_PLOT_TIMEOUT); DCD_ENOMEM. */
int dcd_gnuplot_run(const dcd_plot_opts *o, const char *const *args, size_t nargs,
                    const char *const *clean, size_t nclean, const char *label, dcd_diags *d);

/* The program dcd_gnuplot_run() runs for O (borrowed). */
const char *dcd_gnuplot_program(const dcd_plot_opts *o);

#endif
