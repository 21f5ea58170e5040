/* dcd_chart_text.h - text and numbers in chart scripts: sanitising, UTF-8,
 * datablocks.
 *
 * Safety (see docs/charts.md and the design note on driving gnuplot): text
 * that is not the program's own reaches gnuplot only as lines of the
 * datablock $TEXT, used as $TEXT[i] labels with enhanced text off.  Text
 * inside a datablock is never scanned by gnuplot, so backquotes, `system()`
 * and names starting with '<' or '|' stay inert; control characters and
 * invalid UTF-8 are replaced, and a line that would end the datablock early
 * is shifted by one space.  Numbers are formatted by the program.
 */
#ifndef DCD_CHART_TEXT_H
#define DCD_CHART_TEXT_H

#include <stddef.h>

#include "dcd_buf.h"
#include "dcd_scenario.h"

/* The end marker of the text datablock, and of the data datablocks. */
extern const char dcd_plot_text_marker[];
#define DCD_CHART_DATA_MARKER "EOD_dcdemand_data"

/* Appends S to OUT as one line of a gnuplot text datablock (with its
 * newline): invalid UTF-8 becomes '?', control characters become spaces, a
 * line that starts with the datablock's end marker gets a leading space, and
 * text longer than MAXCHARS characters is cut with an ellipsis (0: no
 * limit).  S may be NULL (an empty line).  Returns 0, or -1 on OOM. */
int dcd_plot_text_line(dcd_buf *out, const char *s, size_t maxchars);

/* Opens the $TEXT datablock with a comment saying what its lines are
 * (WHAT), and closes it. */
void dcd_chart_text_begin(dcd_buf *b, const char *what);
void dcd_chart_text_end(dcd_buf *b);

/* Decodes one UTF-8 character at S (N bytes left, N >= 1).  Returns its
 * length and stores the code point, or returns 0 for an invalid sequence. */
size_t dcd_utf8_decode(const unsigned char *s, size_t n, unsigned long *cp);
/* Number of characters (code points; an invalid byte counts as one) in the
 * first LEN bytes of S. */
size_t dcd_utf8_count(const char *s, size_t len);

/* Appends X as a datablock number: "?" (missing) when not finite. */
void dcd_chart_num(dcd_buf *b, double x);

/* Appends to OUT the name charts give the input PATH (as --set takes it;
 * model/charts/chart_names.c): "LABEL: words" for segments.KEY.REST (LABEL:
 * the segment's `label:` in SC, else KEY; SC may be NULL), "National
 * demand: words" for national.REST, the words alone otherwise, where the
 * words name the key ("growth", "PUE", "capacity", "lifetime scale",
 * "growth in 2027" for a series point); then " (SUFFIX)" when SUFFIX is
 * neither NULL nor empty.  "segments.ai.growth" with SUFFIX "scale": "AI:
 * growth (scale)". */
void dcd_chart_input_name(dcd_buf *out, const char *path, const dcd_scenario *sc,
                          const char *suffix);
/* Appends PATH's unit from the schema as charts show it (a fraction in
 * percent: "% per year"); nothing when the schema has none. */
void dcd_chart_input_unit(dcd_buf *out, const char *path);

#endif
