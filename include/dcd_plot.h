/* dcd_plot.h - report charts of a run, drawn by gnuplot.
 *
 * This module is the only code that talks to gnuplot.  It turns results
 * (dcd_engine.h) and a scenario's text (name, title, sources, reference
 * points) into one gnuplot script per chart, saves each script beside its
 * chart (share.gp draws share.png, ...), and runs one gnuplot process over
 * all the charts of a command, without a shell.  docs/charts.md describes
 * the charts, the scripts and how to redraw them by hand.
 *
 * Safety (see /work/shared/design/conventions.md, "Driving gnuplot safely"):
 * scenario text reaches gnuplot only as lines of the datablock $TEXT, used as
 * $TEXT[i] labels with enhanced text off; control characters and invalid
 * UTF-8 are replaced, and a line that would end the datablock early is
 * shifted by one space.  Numbers are formatted by the program.  Output file
 * names are fixed names chosen by the program, in the script's own folder,
 * and gnuplot is given every script as a path starting with "./" or "/", so
 * that no name can start with '<' or '|'; gnuplot runs with `-d`.
 */
#ifndef DCD_PLOT_H
#define DCD_PLOT_H

#include <stddef.h>

#include "dcd_buf.h"
#include "dcd_engine.h"
#include "dcd_error.h"
#include "dcd_scenario.h"

/* The charts of a run, in the order they are drawn. */
enum dcd_chart {
    DCD_CHART_SHARE,     /* share.png: DC and AI share of national demand, % */
    DCD_CHART_ENERGY,    /* energy.png: facility energy by segment, stacked, TWh */
    DCD_CHART_LOAD,      /* load.png: IT and facility capacity and average load, GW */
    DCD_CHART_NATIONAL,  /* national.png: national demand, DC and the rest, TWh */
    DCD_CHART_EMISSIONS, /* emissions.png: Mt CO2 by segment (needs a grid intensity) */
    DCD_NCHART
};

typedef enum dcd_plot_format { DCD_PLOT_PNG, DCD_PLOT_SVG, DCD_PLOT_PDF } dcd_plot_format;

/* Default picture size in pixels (PDF: the same at 144 px per inch). */
#define DCD_PLOT_WIDTH 1200
#define DCD_PLOT_HEIGHT 720

/* Drawing options.  Fill with dcd_plot_opts_default(). */
typedef struct dcd_plot_opts {
    dcd_plot_format format;
    int width, height;   /* pixels, 320..8000 x 240..8000 */
    const char *gnuplot; /* program to run (looked up in PATH when it has no
                          * slash); NULL: $DCDEMAND_GNUPLOT, else "gnuplot" */
    int scripts_only;    /* write the .gp scripts, do not run gnuplot */
} dcd_plot_opts;

/* PNG, 1200x720, gnuplot from the environment, scripts and pictures. */
void dcd_plot_opts_default(dcd_plot_opts *o);

/* The text of a scenario that charts show.  Pointers are borrowed: they
 * must stay valid while the struct is used. */
typedef struct dcd_plot_meta {
    const char *name;  /* scenario name; NULL shows as "scenario" */
    const char *title; /* may be NULL: the name is used */
    const char *const *sources;
    size_t nsources;
    const dcd_expect *expect; /* published figures, drawn with their tolerance */
    size_t nexpect;
    const dcd_expect *history; /* observed figures */
    size_t nhistory;
} dcd_plot_meta;

/* Points META's fields at SC's (borrowed: SC must outlive META). */
void dcd_plot_meta_from(const dcd_scenario *sc, dcd_plot_meta *meta);

/* File name stem of chart C ("share", "energy", ...), or NULL. */
const char *dcd_chart_name(int chart);
/* File name extension of FORMAT without the dot ("png", "svg", "pdf"). */
const char *dcd_plot_format_ext(dcd_plot_format format);
/* Parses "png", "svg" or "pdf".  Returns 0, or -1 when S is none of them. */
int dcd_plot_format_parse(const char *s, dcd_plot_format *out);
/* Parses "WIDTHxHEIGHT" in pixels within the limits of dcd_plot_opts.
 * Returns 0, or -1 (outputs untouched). */
int dcd_plot_size_parse(const char *s, int *width, int *height);

/* Returns 1 when chart C has something to show for R: every chart but the
 * emissions chart always does; that one only when co2_mt has a value. */
int dcd_plot_chart_applies(const dcd_results *r, int chart);

/* Appends to OUT the complete gnuplot script of chart C: terminal and output
 * file (NAME.EXT beside the script, found from gnuplot's ARG0), the data in
 * datablocks, the text of
 * META in the datablock $TEXT.  The same inputs give the same bytes.
 * Returns DCD_OK, DCD_EUSAGE (C out of range) or DCD_ENOMEM. */
int dcd_plot_script(const dcd_plot_meta *meta, const dcd_results *r, int chart,
                    const dcd_plot_opts *o, dcd_buf *out);

/* Appends S to OUT as one line of a gnuplot text datablock (with its
 * newline): invalid UTF-8 becomes '?', control characters become spaces, a
 * line that starts with the datablock's end marker gets a leading space, and
 * text longer than MAXCHARS characters is cut with an ellipsis (0: no
 * limit).  Returns 0, or -1 on OOM. */
int dcd_plot_text_line(dcd_buf *out, const char *s, size_t maxchars);
/* The end marker of the text datablock. */
extern const char dcd_plot_text_marker[];

/* Draws every chart that applies to R into folder DIR: writes each script
 * DIR/NAME.gp atomically, removes the stale picture of each chart (and the
 * files of a chart that no longer applies), runs one gnuplot process over
 * all the scripts (each writes its picture beside itself), checks that every
 * picture was written, and (PDF) replaces the creation date with a fixed
 * one.  Returns DCD_OK; DCD_EIO
 * when a script cannot be written; DCD_EPLOT when gnuplot cannot be started
 * or fails (a diagnostic says what to install, with gnuplot's own messages);
 * DCD_ENOMEM.  Problems go to D. */
int dcd_plot_draw(const dcd_plot_meta *meta, const dcd_results *r, const char *dir,
                  const dcd_plot_opts *o, dcd_diags *d);

/* A batch: the charts of several result folders, drawn by one gnuplot
 * process (`dcdemand run A.yaml B.yaml`, `dcdemand plot DIR1 DIR2`).
 * Opaque; free with dcd_plot_batch_free(). */
typedef struct dcd_plot_batch dcd_plot_batch;

/* A new, empty batch drawn with options O (copied; NULL: the defaults).
 * Returns NULL on OOM. */
dcd_plot_batch *dcd_plot_batch_new(const dcd_plot_opts *o);
/* Writes the scripts of every chart that applies to R into folder DIR (as
 * dcd_plot_draw() does) and queues them.  Returns DCD_OK, DCD_EIO or
 * DCD_ENOMEM. */
int dcd_plot_batch_add(dcd_plot_batch *b, const dcd_plot_meta *meta, const dcd_results *r,
                       const char *dir, dcd_diags *d);
/* Runs one gnuplot process over every queued script (nothing with
 * scripts_only) and checks the pictures.  Returns as dcd_plot_draw(). */
int dcd_plot_batch_draw(dcd_plot_batch *b, dcd_diags *d);
/* Frees B; accepts NULL. */
void dcd_plot_batch_free(dcd_plot_batch *b);

/* Runs one gnuplot process over the N scripts SCRIPTS, plain file names in
 * folder DIR built by the program: `gnuplot -d SCRIPT...` in DIR, without a
 * shell, stdin from /dev/null.  The program is O->gnuplot, else
 * $DCDEMAND_GNUPLOT, else "gnuplot" from PATH.  Returns DCD_OK when it
 * exited with status 0; DCD_EPLOT when it cannot be started (the diagnostic
 * says what to install) or fails (with gnuplot's messages); DCD_ENOMEM.
 * The caller checks that the pictures exist. */
int dcd_plot_run(const char *dir, const char *const *scripts, size_t n, const dcd_plot_opts *o,
                 dcd_diags *d);

/* Reads DIR/summary.csv and DIR/segments.csv, as `dcdemand run` wrote them,
 * into new results (*OUT, freed by the caller with dcd_results_free()).
 * Segments are taken in the order of SC's segments (SC gives their AI
 * flags); SC may be NULL, then segments come in the order segments.csv
 * names them.  Returns DCD_OK, DCD_EINPUT (a file is missing or malformed,
 * with a located diagnostic) or DCD_ENOMEM. */
int dcd_plot_read_results(const char *dir, const dcd_scenario *sc, dcd_results **out,
                          dcd_diags *d);

#endif
