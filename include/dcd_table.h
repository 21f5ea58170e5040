/* dcd_table.h - one table, four back ends: aligned terminal text,
 * Markdown, CSV and HTML (model/base/table.c).
 *
 * A table has fixed columns (heading, alignment, minimum width) and cells
 * added row by row, left to right: text (copied) or numbers (a value and a
 * dcd_format.h style, formatted for the back end, so that "not determined"
 * is spelled the way that output spells it) or links (a text and where it
 * points, a link where the back end has links).  Text is escaped by the back
 * end: control characters as \xNN on a terminal, Markdown escapes in
 * Markdown, RFC 4180 quoting in CSV.
 *
 * On a terminal a column can be given a greatest width (dcd_table_wrap()):
 * its longer cells wrap onto continuation lines of their row, breaking
 * after the last ", " that fits (list items stay whole), else at the last
 * space that fits, else cut at the width.  Markdown and CSV cells are never
 * wrapped.
 *
 *     static const dcd_table_col COLS[] = {{"year", 1, 6}, {"dc_twh", 1, 9}};
 *     dcd_table t;
 *     dcd_table_init(&t, COLS, 2);
 *     dcd_table_int(&t, 2030);
 *     dcd_table_num(&t, 385.4, DCD_NUM_FIXED, 1);
 *     dcd_table_write(&t, DCD_OUT_TERM, NULL, &out);
 *     dcd_table_free(&t);
 */
#ifndef DCD_TABLE_H
#define DCD_TABLE_H

#include <stddef.h>

#include "dcd_buf.h"
#include "dcd_format.h"

/* A column: its heading (borrowed, must outlive the table), right
 * alignment, and the least width in terminal columns. */
typedef struct dcd_table_col {
    const char *head;
    int right;
    size_t min_width;
} dcd_table_col;

/* One cell (internal). */
typedef struct dcd_table_cell {
    char *text; /* owned; NULL for a number */
    char *href; /* owned: where a link cell points, or NULL */
    int raw;    /* Markdown written as is (code spans); escaped elsewhere */
    int over;   /* runs on over the cells to its right on a terminal */
    double x;
    int style; /* enum dcd_num_style of a number */
    int dec;
} dcd_table_cell;

/* A table.  Initialise with dcd_table_init(), free with dcd_table_free(). */
typedef struct dcd_table {
    const dcd_table_col *cols; /* borrowed */
    size_t ncol;
    dcd_table_cell *cells; /* row-major */
    size_t ncell, cap;
    size_t *wrap; /* owned: greatest width per column (0: none), or NULL */
    int failed;   /* set when memory ran out; later adds are no-ops */
} dcd_table;

/* How a table is written.  NULL stands for the defaults: terminal columns
 * separated by one space, Markdown cells not padded. */
typedef struct dcd_table_style {
    const char *sep;    /* between terminal columns */
    int md_pad;         /* pad Markdown cells to the column's width */
    const char *indent; /* before every terminal line; NULL for none */
} dcd_table_style;

/* Starts an empty table of NCOL columns COLS (borrowed). */
void dcd_table_init(dcd_table *t, const dcd_table_col *cols, size_t ncol);
/* Adds a text cell (a copy of S; NULL is empty).  Returns 0 or -1 on OOM. */
int dcd_table_text(dcd_table *t, const char *s);
/* Adds a text cell already in Markdown (a link): written as is in
 * Markdown, escaped like any text in the other back ends. */
int dcd_table_raw(dcd_table *t, const char *s);
/* Adds a link cell: TEXT (copied) pointing to HREF (copied, such as
 * "#name").  Markdown: [TEXT](HREF), TEXT escaped and HREF as is; HTML:
 * <a href="HREF">TEXT</a>, both escaped; terminal and CSV: TEXT alone.
 * Returns 0 or -1 on OOM. */
int dcd_table_link(dcd_table *t, const char *text, const char *href);
/* Adds a text cell that does not widen its column and is never wrapped:
 * on a terminal it runs on over the cells to its right, which the caller
 * leaves empty (a long name on a line of its own, before a row that leaves
 * the name's column empty).  Written like any text in Markdown and CSV. */
int dcd_table_overflow(dcd_table *t, const char *s);
/* Column COL (< t->ncol) of a terminal table is at most MAX_WIDTH columns
 * wide (0: no limit), or as wide as its heading or least width when those
 * are wider: longer cells wrap onto continuation lines of their row (see
 * above).  Returns 0, or -1 on OOM. */
int dcd_table_wrap(dcd_table *t, size_t col, size_t max_width);
/* Adds a number cell, written by dcd_fmt_num(X, STYLE, DEC, kind). */
int dcd_table_num(dcd_table *t, double x, dcd_num_style style, int dec);
/* Adds an integer cell (a year). */
int dcd_table_int(dcd_table *t, long v);
/* Number of complete rows. */
size_t dcd_table_rows(const dcd_table *t);
/* Appends T for KIND (DCD_OUT_TERM, DCD_OUT_MD, DCD_OUT_CSV or
 * DCD_OUT_HTML): a header line, then one line per row (more on a terminal
 * for wrapped cells); terminal lines carry no trailing spaces.  HTML is a
 * <table> with a <thead> and a <tbody>, right-aligned columns of class "r",
 * every cell escaped by dcd_html_text() (raw cells too), link cells as
 * <a> elements.
 * Returns 0, or -1 on OOM (including an earlier failed add). */
int dcd_table_write(const dcd_table *t, dcd_out_kind kind, const dcd_table_style *style,
                    dcd_buf *out);
/* Frees the cells and column limits; T is left empty. */
void dcd_table_free(dcd_table *t);

#endif
