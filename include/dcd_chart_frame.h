/* dcd_chart_frame.h - the frame every line chart shares: fixed plot-area
 * geometry, the legend below the plot, the footer wrapped over as many lines
 * as it needs, the marker between observed and projected years, and the
 * scenario's reference marks (`references:`).
 *
 * Charts layer.  All text goes through the $TEXT datablock
 * (dcd_chart_text.h); this module writes only program-made commands and
 * numbers.  docs/charts.md ("Layout") describes the result.
 */
#ifndef DCD_CHART_FRAME_H
#define DCD_CHART_FRAME_H

#include <stddef.h>

#include "dcd_buf.h"
#include "dcd_chart.h"
#include "dcd_error.h"
#include "dcd_scenario.h"

/* Plot-area geometry in pixels, the same on every chart of one command so
 * that the charts line up: left 92, right 36, top 108; the bottom holds the
 * x axis, KEY_ROWS rows of legend in KEY_COLS columns and FOOTER_LINES lines
 * of footer. */
typedef struct dcd_chart_frame {
    int w, h;
    int key_cols, key_rows;
    size_t footer_lines;
} dcd_chart_frame;

/* The pixels above the plot area (title and subtitle), and below it
 * (x axis, legend rows, footer lines) of frame F. */
double dcd_chart_frame_top_px(void);
double dcd_chart_frame_bottom_px(const dcd_chart_frame *f);

/* Most footer lines drawn (beyond, the last ends with an ellipsis). */
#define DCD_CHART_MAX_FOOTER 12

/* Legend columns for a picture W pixels wide (1, 2 or 3). */
int dcd_chart_key_cols(int w);
/* Characters a legend entry may take at width W, for COLS columns across a
 * plot area PLOT_PX pixels wide (more, and gnuplot makes fewer columns). */
size_t dcd_chart_key_col_fit(int w, double plot_px, int cols);
/* Characters a legend entry may take at width W in dcd_chart_key_cols(W)
 * columns. */
size_t dcd_chart_key_fit(int w);

/* Appends FOOTER to OUT as lines of the $TEXT datablock, wrapped at W
 * pixels (between sources, else at spaces); returns the number of lines
 * (at least 1, at most DCD_CHART_MAX_FOOTER).  With OUT NULL, only counts. */
size_t dcd_chart_footer_put(dcd_buf *out, const char *footer, int w);

/* Writes the title ($TEXT[1], bold, TITLE_PT points), the subtitle
 * (HEADING, then "scenario $TEXT[SUBTEXT]" when SUBTEXT > 0; with HEADING
 * NULL, $TEXT[SUBTEXT] alone), the footer labels
 * ($TEXT[FOOTER_FIRST...]), the fixed margins and a legend of NKEY entries
 * below the plot. */
void dcd_chart_frame_put(dcd_buf *b, const dcd_chart_frame *f, int title_pt, const char *heading,
                         int subtext, int footer_first, int nkey);

/* Writes the year axis from XLO - PAD_LO to XHI + PAD_HI: about one
 * labelled year per 70 px of a picture W pixels wide, at round steps, minor
 * tics between. */
void dcd_chart_years_put(dcd_buf *b, int xlo, int xhi, double pad_lo, double pad_hi, int w);

/* Writes a dashed vertical line at YEAR with a small label ("WORDS YEAR")
 * when XLO < YEAR < XHI: it separates observed years from projected ones. */
void dcd_chart_split_put(dcd_buf *b, int year, int xlo, int xhi, const char *words);

/* Whether reference R is drawn on a chart of the NM metrics MS. */
int dcd_chart_ref_on(const dcd_reference *r, const int *ms, int nm);

/* Writes the labels of the references of R (N) drawn on a chart of
 * metrics MS to the $TEXT datablock being written in OUT, in order; returns
 * how many. */
size_t dcd_chart_refs_text(dcd_buf *out, const dcd_reference *r, size_t n, const int *ms, int nm,
                           int w);

/* Draws the references of R (N) on metrics MS: a range at a year as a short
 * band, a value at a year as a short bar, a range without a year as a band
 * across the chart, a value without a year as a dashed line across it.
 * Colour: COLOUR (a gnuplot expression) for all, or, when NULL, reference k
 * in the k-th colour of the references' palette.  Objects are numbered from
 * *OBJ on (updated).  Writes the datablock $REFS_TAG (the corners, so that
 * the y range takes them in; a mark without a year at XYEAR).  Returns how
 * many were drawn. */
size_t dcd_chart_refs_put(dcd_buf *b, const dcd_reference *r, size_t n, const int *ms, int nm,
                          const char *colour, int *obj, int tag, int xyear);

/* Appends the plot clauses of those references: legend entries (titles
 * $TEXT[TEXT_FIRST...]) and the invisible points of $REFS_TAG.  *NCLAUSES
 * counts the clauses so far. */
void dcd_chart_refs_clauses(dcd_buf *b, int *nclauses, const dcd_reference *r, size_t n,
                            const int *ms, int nm, const char *colour, int text_first, int tag,
                            int with_keys);

/* Writes the N scripts SCRIPT[i] as DIR/STEM[i].gp (DIR created if need
 * be), removes the files of the NDROP charts DROP, and draws them through
 * one batch of dcd_chart.h.  Returns as dcd_plot_batch_draw(); DCD_EIO. */
int dcd_chart_draw_scripts(const char *dir, const char *const *stem, dcd_buf *script, size_t n,
                           const char *const *drop, size_t ndrop, const dcd_plot_opts *o,
                           dcd_diags *d);

/* Appends one plot clause (printf-style), with the separator when it is not
 * the first (*NCLAUSES counts them). */
void dcd_chart_clause(dcd_buf *b, int *nclauses, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* ---- the layout a redraw at another size recomputes -------------------------
 *
 * What of a chart depends on the picture's size (the text shown, the
 * footer's lines, margins, legend rows and columns, year tics) is written in
 * one section of its script, laid out from a dcd_chart_layout saved in the
 * same section as the datablock $LAYOUT (data, never run).  `dcdemand plot
 * --size` reads $LAYOUT back (dcd_chart_relayout) and writes the section
 * anew for the new size, so that a redraw at any size gives the script a
 * fresh chart at that size would have.  $TEXT: 1 the title, 2 the subtitle,
 * then the texts in the order they were added, then the footer's lines (last,
 * so that the other lines keep their index at every size).
 * docs/charts.md ("Redrawing at another size"). */

/* How much of a text is shown: a positive number of characters, or one of
 * these (computed from the width). */
enum {
    DCD_FIT_ALL = 0,       /* all of it */
    DCD_FIT_TITLE = -1,    /* the title (bold, 17 points down to 13) */
    DCD_FIT_SUBTITLE = -2, /* the subtitle (12 points) */
    DCD_FIT_KEY = -3,      /* a legend entry (dcd_chart_key_fit) */
    DCD_FIT_LEFT = -4,     /* a name on the y axis left of a bar chart */
    DCD_FIT_YLABEL = -5,   /* the y axis's label (the plot area's height) */
    DCD_FIT_XLABEL = -6    /* the x axis's label (the plot area's width) */
};

typedef struct dcd_chart_layout_text {
    int fit;
    char *s; /* cleaned by dcd_plot_text_line(), owned */
} dcd_chart_layout_text;

/* Zero-initialise; free with dcd_chart_layout_free(). */
typedef struct dcd_chart_layout {
    dcd_chart_layout_text *text; /* $TEXT[1...] */
    size_t ntext, cap;
    char **footer; /* paragraphs, each wrapped on its own lines */
    size_t nfooter, fcap;
    int key_n;      /* legend entries of this chart; 0 with no key_title:
                     * no legend */
    int key_rows_n; /* entries the room below the plot is made for (the
                     * fullest chart of the command, so that plot areas
                     * match) */
    int key_title;  /* 1: the legend has a title line */
    int key_chars;  /* the longest entry the script writes itself (not in
                     * $TEXT; of every chart of the command): the legend
                     * takes fewer columns when it does not fit */
    int years;      /* 1: a year axis from xlo - pad_lo to xhi + pad_hi */
    int xlo, xhi;
    double pad_lo, pad_hi;
    size_t left_first, left_n; /* $TEXT lines named left of the plot (the
                                * left margin is widened to the longest) */
    int failed;                /* memory ran out */
} dcd_chart_layout;

/* Adds text S (NULL: empty) shown with FIT; returns its $TEXT index. */
size_t dcd_chart_layout_text_add(dcd_chart_layout *l, int fit, const char *s);
/* Adds a paragraph of the footer (NULL or empty: none). */
void dcd_chart_layout_footer_add(dcd_chart_layout *l, const char *s);
/* Adds the labels of the references of R (N) drawn on metrics MS (legend
 * entries); returns how many (their indexes follow each other). */
size_t dcd_chart_layout_refs(dcd_chart_layout *l, const dcd_reference *r, size_t n, const int *ms,
                             int nm);
/* The $TEXT index of the first footer line (after every text). */
size_t dcd_chart_layout_footer_first(const dcd_chart_layout *l);
void dcd_chart_layout_free(dcd_chart_layout *l);

/* Writes the layout section of L for a picture W x H pixels: $LAYOUT, the
 * $TEXT datablock, the frame (dcd_chart_frame_put), the year axis, the left
 * margin and, with no legend, "unset key".  Returns 0, or -1 on OOM. */
int dcd_chart_layout_put(dcd_buf *b, const dcd_chart_layout *l, int w, int h);

/* Appends BODY (a script's body after its head) to OUT with its layout
 * section, if it has one, laid out again for W x H pixels (a body without
 * one is copied).  Returns DCD_OK; DCD_EINPUT when the section is malformed
 * (*LINE: its line, from 1 at BODY's first); DCD_ENOMEM. */
int dcd_chart_relayout(const char *body, int w, int h, dcd_buf *out, int *line);

#endif
