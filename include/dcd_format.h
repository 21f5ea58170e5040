/* dcd_format.h - the one way to write numbers and text in dcdemand's outputs.
 *
 * Four output kinds, each with ONE spelling of a value the scenario does not
 * determine (a NaN in the results; docs/compare.md, "Not determined"):
 *
 *   kind           not determined   used by
 *   DCD_OUT_TERM   -                terminal tables of every command
 *   DCD_OUT_MD     -                Markdown reports (compare.md, index.md, check)
 *   DCD_OUT_CSV    (empty cell)     every CSV file
 *   DCD_OUT_JSON   null             results.json
 *   DCD_OUT_HTML   -                the web report (index.html)
 *
 * Numbers come in named styles (enum dcd_num_style) of one function,
 * dcd_fmt_num().  Text goes through one escaper per kind: dcd_fmt_term_text()
 * (control characters shown as \xNN, as in diagnostics, so scenario text
 * cannot drive the terminal), dcd_md_text() and dcd_csv_field().
 * Every function appends to a dcd_buf and returns 0, or -1 when memory ran
 * out (the buffer's failed flag is then set).
 */
#ifndef DCD_FORMAT_H
#define DCD_FORMAT_H

#include <stddef.h>

#include "dcd_buf.h"

typedef enum dcd_out_kind {
    DCD_OUT_TERM,
    DCD_OUT_MD,
    DCD_OUT_CSV,
    DCD_OUT_JSON,
    DCD_OUT_HTML /* the web report (index.html): not determined is "-" */
} dcd_out_kind;

/* Named number styles. */
typedef enum dcd_num_style {
    /* Shortest form of at most 12 significant digits that reads back to the
     * value, plain notation in [1e-4, 1e12) (4000, not 4e+03): data files. */
    DCD_NUM_SHORT,
    /* As DCD_NUM_SHORT, plain notation in [1e-4, 1e15) (check's CSV). */
    DCD_NUM_PLAIN,
    /* Shortest form, at most 12 significant digits, exponent written short
     * outside [1e-4, 1e6) (1.5e6, 2e-5): input cells of compare. */
    DCD_NUM_COMPACT,
    /* DEC decimals, never "-0.0": tables. */
    DCD_NUM_FIXED,
    /* DEC decimals with '+' on positive values; a value that rounds to
     * zero has no sign: differences in tables. */
    DCD_NUM_SIGNED,
    /* DEC significant digits (DCD_SIG_DIGITS in tables), at least one
     * decimal: the decimals come from the value's magnitude
     * (dcd_fmt_sig_decimals), so 0.812, 8.12, 81.2 and 812.0 all read, for
     * a small country as for the world: result values in tables. */
    DCD_NUM_SIG
} dcd_num_style;

/* Significant digits of the result values in every table. */
#define DCD_SIG_DIGITS 3

/* The decimals that give X SIG significant digits (after rounding), at
 * least 1 and at most 9; 1 for 0 and non-finite X.  The one rule for the
 * decimals of a value in a table: a difference is written with the
 * decimals of the larger of its two values. */
int dcd_fmt_sig_decimals(double x, int sig);

/* The spelling of "not determined" in output KIND (static text). */
const char *dcd_fmt_none(dcd_out_kind kind);

/* Appends X in STYLE (DEC decimals for the fixed styles, ignored by the
 * others).  A non-finite X is written as dcd_fmt_none(KIND). */
int dcd_fmt_num(dcd_buf *b, double x, dcd_num_style style, int dec, dcd_out_kind kind);

/* Appends LEN bytes of S for a terminal: C0 control characters and DEL as
 * \xNN and C1 controls (UTF-8 U+0080..U+009F) as \xC2\xNN, as diagnostics
 * show them, so that no escape sequence of a scenario reaches the terminal. */
int dcd_fmt_term_text(dcd_buf *b, const char *s, size_t len);
/* The display width of LEN bytes of S once written by dcd_fmt_term_text()
 * (UTF-8 characters count one column). */
size_t dcd_fmt_term_width(const char *s, size_t len);
/* Appends S (NULL as "") padded with spaces to W columns (on the left when
 * RIGHT), escaped by dcd_fmt_term_text(). */
int dcd_fmt_term_pad(dcd_buf *b, const char *s, size_t w, int right);

/* Appends S to OUT as Markdown text: control characters become spaces and
 * the characters Markdown or a table would read (\ ` * | < > [ ] #) are
 * escaped with a backslash.  NULL is "".  Returns 0, or -1 on OOM. */
int dcd_md_text(dcd_buf *out, const char *s);
/* The length dcd_md_text() gives S, in columns. */
size_t dcd_md_width(const char *s);

/* Appends S to OUT as HTML text, safe in element content and in quoted
 * attribute values: & < > " ' as character references, C0 and C1 control
 * characters and DEL as spaces.  NULL is "".  Returns 0, or -1 on OOM. */
int dcd_html_text(dcd_buf *out, const char *s);

/* Appends S to OUT as a CSV field (RFC 4180: quoted when it holds a comma,
 * quote or line break; NULL is an empty field).  Returns 0, or -1 on OOM. */
int dcd_csv_field(dcd_buf *out, const char *s);

/* Reads T as a strict YAML number, [-+]? (digits [. digits] | . digits)
 * ([eE] [-+]? digits), finite, into *OUT (the loader's and the uncertainty
 * parser's one rule).  Returns 0, or -1 when T is not such a number. */
int dcd_parse_number_text(const char *t, double *out);

#endif
