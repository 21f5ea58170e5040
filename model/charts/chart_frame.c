/* chart_frame.c - the frame the line charts share (dcd_chart_frame.h):
 * fixed margins, the legend below the plot, the footer on as many lines as
 * it needs, the observed/projected marker and the reference marks.
 */
#include "dcd_chart_frame.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_chart.h"
#include "dcd_chart_text.h"
#include "dcd_engine.h"
#include "dcd_output.h"

/* Pixels (as drawn at any size: distances do not scale, so text never
 * collides on a small picture). */
#define LEFT_PX 92
#define RIGHT_PX 36
#define TOP_PX 108
#define AXIS_PX 68 /* x tics and the x label under the plot */
/* The legend's font: 12 points, 10 below 900 px wide; a row and a
 * character of it in pixels. */
static int key_points(int w)
{
    return w < 900 ? 10 : 12;
}
static double key_row_px(int w)
{
    return 1.75 * key_points(w);
}

#define FOOT_LINE_PX 15 /* one footer line at 9 points */
#define FOOT_GAP_PX 12

/* References: colours distinct from data centres (blue) and AI
 * (vermilion). */
#define NREFCOLOUR 5
static const char *const REF_COLOURS[NREFCOLOUR] = {"#009E73", "#CC79A7", "#E69F00", "#56B4E9",
                                                    "#666666"};

int dcd_chart_key_cols(int w)
{
    return w >= 1500 ? 3 : w >= 560 ? 2 : 1;
}

size_t dcd_chart_key_col_fit(int w, double plot_px, int cols)
{
    /* gnuplot makes as many columns (at most maxcols) as entries of the
     * longest one's width fit across the plot area; an entry of N
     * characters takes about 7.8 N + 79 px with its sample at 10 points,
     * 9.6 N + 99 at 12 (measured in PDF at 144 px per inch, at 560, 700 and
     * 1200 px; PNG and SVG take less). */
    int small = key_points(w) < 12;
    double per_char = small ? 7.8 : 9.6, sample = small ? 79 : 99;
    long n = (long)((plot_px / (cols > 0 ? cols : 1) - sample) / per_char);
    return n < 8 ? 8 : (size_t)n;
}

size_t dcd_chart_key_fit(int w)
{
    return dcd_chart_key_col_fit(w, w - LEFT_PX - RIGHT_PX, dcd_chart_key_cols(w));
}

/* Characters of 9-point text across W pixels (175 at 1200). */
static size_t footer_fit(int w)
{
    return (size_t)(175L * w / 1200);
}

/* Length in bytes of the first line of S, at most WIDTH characters, broken
 * after "; " between two sources, else at a space in its second half. */
static size_t wrap_at(const char *s, size_t width)
{
    size_t n = strlen(s), i = 0, k = 0, last_space = 0, last_semi = 0, half = 0;
    if (dcd_utf8_count(s, n) <= width)
        return n;
    while (i < n && k <= width) {
        unsigned long cp;
        size_t l = dcd_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (k == width / 2)
            half = i;
        if (l == 1 && s[i] == ' ') {
            last_space = i;
            if (i > 0 && s[i - 1] == ';')
                last_semi = i;
        }
        if (k == width)
            break;
        i += l ? l : 1;
        k++;
    }
    if (last_semi > half)
        return last_semi;
    return last_space > half ? last_space : i;
}

size_t dcd_chart_footer_put(dcd_buf *out, const char *footer, int w)
{
    size_t fit = footer_fit(w), lines = 0;
    const char *f = footer ? footer : "";
    dcd_buf line = {0};
    do {
        size_t l = lines + 1 == DCD_CHART_MAX_FOOTER ? strlen(f) : wrap_at(f, fit);
        if (out) {
            dcd_buf_clear(&line);
            dcd_buf_append(&line, f, l);
            if (line.failed || dcd_plot_text_line(out, dcd_buf_str(&line), fit) != 0)
                out->failed = 1;
        }
        f += l;
        if (*f == ' ')
            f++;
        lines++;
    } while (*f && lines < DCD_CHART_MAX_FOOTER);
    dcd_buf_free(&line);
    return lines;
}

double dcd_chart_frame_top_px(void)
{
    return TOP_PX;
}

double dcd_chart_frame_bottom_px(const dcd_chart_frame *f)
{
    double foot_px = FOOT_GAP_PX + (double)f->footer_lines * FOOT_LINE_PX;
    double key_px = (f->key_rows > 0 ? f->key_rows : 0) * key_row_px(f->w) + 8;
    double bottom_px = foot_px + key_px + AXIS_PX;
    /* A legend or footer too long for the picture (hundreds of segments or
     * marks) still leaves a plot of 60 px; the legend then runs over it. */
    return bottom_px > f->h - TOP_PX - 60 ? f->h - TOP_PX - 60 : bottom_px;
}

void dcd_chart_frame_put(dcd_buf *b, const dcd_chart_frame *f, int title_pt, const char *heading,
                         int subtext, int footer_first, int nkey)
{
    double w = f->w, h = f->h;
    int cols = f->key_cols > 0 ? f->key_cols : 1;
    int rows = nkey > 0 ? (nkey + cols - 1) / cols : 1;
    double foot_px = FOOT_GAP_PX + (double)f->footer_lines * FOOT_LINE_PX;
    double key_px = (f->key_rows > 0 ? f->key_rows : 0) * key_row_px(f->w) + 8;
    double bottom_px = dcd_chart_frame_bottom_px(f);
    dcd_buf_printf(b,
                   "set label 1 $TEXT[1] at screen 0.012, %.4f left font \"Sans Bold,%d\" "
                   "noenhanced\n",
                   1 - 36 / h, title_pt);
    if (!heading)
        dcd_buf_printf(b,
                       "set label 2 $TEXT[%d] at screen 0.012, %.4f left font \"Sans,12\" "
                       "textcolor rgb \"#444444\" noenhanced\n",
                       subtext, 1 - 76 / h);
    else if (subtext > 0)
        dcd_buf_printf(b,
                       "set label 2 \"%s  \xc2\xb7  scenario \".$TEXT[%d] at screen 0.012, %.4f "
                       "left font \"Sans,12\" textcolor rgb \"#444444\" noenhanced\n",
                       heading, subtext, 1 - 76 / h);
    else
        dcd_buf_printf(b,
                       "set label 2 \"%s\" at screen 0.012, %.4f left font \"Sans,12\" "
                       "textcolor rgb \"#444444\" noenhanced\n",
                       heading, 1 - 76 / h);
    for (size_t i = 0; i < f->footer_lines; i++)
        dcd_buf_printf(b,
                       "set label %zu $TEXT[%zu] at screen 0.012, %.4f left font \"Sans,9\" "
                       "textcolor rgb \"#555555\" noenhanced\n",
                       3 + i, (size_t)footer_first + i,
                       (FOOT_GAP_PX + (double)(f->footer_lines - 1 - i) * FOOT_LINE_PX + 2) / h);
    dcd_buf_printf(b,
                   "# The same plot area on every chart of this command (pixels from the edges:\n"
                   "# left %d, right %d, top %d, bottom %.0f), so that the charts line up.\n"
                   "set lmargin at screen %.4f\nset rmargin at screen %.4f\n"
                   "set tmargin at screen %.4f\nset bmargin at screen %.4f\n"
                   "set border 3 linecolor rgb \"#444444\"\n"
                   "set tics nomirror out scale 0.6\n"
                   "set grid ytics linetype 1 linewidth 1 linecolor rgb \"#E5E5E5\"\n"
                   "set key at screen %.4f, %.4f left top horizontal maxcols %d maxrows %d "
                   "Left reverse samplen 2.5 spacing 1.15 width 2 font \",%d\" noenhanced\n"
                   "set datafile missing \"?\"\n",
                   LEFT_PX, RIGHT_PX, TOP_PX, bottom_px, LEFT_PX / w, 1 - RIGHT_PX / w,
                   1 - TOP_PX / h, bottom_px / h, (LEFT_PX - 30) / w, (foot_px + key_px) / h, cols,
                   rows, key_points(f->w));
}

void dcd_chart_years_put(dcd_buf *b, int xlo, int xhi, double pad_lo, double pad_hi, int w)
{
    static const int steps[] = {1, 2, 5, 10, 20, 25, 50, 100};
    double plot_px = w - 128;
    int labels = plot_px > 210 ? (int)(plot_px / 70) : 3, step = 100;
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if ((xhi - xlo) / steps[i] + 1 <= labels) {
            step = steps[i];
            break;
        }
    int first = xlo % step == 0 ? xlo : xlo + (step - ((xlo % step) + step) % step);
    dcd_buf_printf(b,
                   "set xlabel \"Year\"\nset xrange [%g:%g]\nset xtics %d, %d format \"%%.0f\"\n",
                   xlo - pad_lo, xhi + pad_hi, first, step);
    if (step > 1 && step <= 10)
        dcd_buf_printf(b, "set mxtics %d\n", step);
}

void dcd_chart_split_put(dcd_buf *b, int year, int xlo, int xhi, const char *words)
{
    if (!(year > xlo && year < xhi))
        return;
    dcd_buf_printf(b,
                   "# Observed or stated years to the left, projected years to the right.\n"
                   "set arrow 90 from first %d, graph 0 to first %d, graph 1 nohead "
                   "linecolor rgb \"#777777\" linewidth 1 dashtype (4,4) back\n"
                   "set label 90 \"%s %d \" at first %d, graph 0.97 right font \"Sans,9\" "
                   "textcolor rgb \"#666666\" noenhanced\n",
                   year, year, words, year, year);
}

int dcd_chart_ref_on(const dcd_reference *r, const int *ms, int nm)
{
    if (!r->metric)
        return 0;
    int m = dcd_total_index(r->metric);
    for (int j = 0; j < nm; j++)
        if (ms[j] == m)
            return 1;
    return 0;
}

size_t dcd_chart_refs_text(dcd_buf *out, const dcd_reference *r, size_t n, const int *ms, int nm,
                           int w)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (dcd_chart_ref_on(&r[i], ms, nm)) {
            if (dcd_plot_text_line(out, r[i].label, dcd_chart_key_fit(w)) != 0)
                out->failed = 1;
            k++;
        }
    return k;
}

static void ref_colour(char *buf, size_t size, const char *colour, size_t k)
{
    if (colour)
        snprintf(buf, size, "%s", colour);
    else
        snprintf(buf, size, "\"%s\"", REF_COLOURS[k % NREFCOLOUR]);
}

size_t dcd_chart_refs_put(dcd_buf *b, const dcd_reference *r, size_t n, const int *ms, int nm,
                          const char *colour, int *obj, int tag, int xyear)
{
    size_t k = 0;
    char col[64];
    for (size_t i = 0; i < n; i++) {
        const dcd_reference *f = &r[i];
        if (!dcd_chart_ref_on(f, ms, nm) || !isfinite(f->low) || !isfinite(f->high))
            continue;
        ref_colour(col, sizeof col, colour, k);
        if (k == 0)
            dcd_buf_puts(b, "# The scenario's reference marks (references:).\n");
        if (f->year && f->is_range)
            dcd_buf_printf(b,
                           "set object %d rectangle from first %g, first %.12g to first %g, "
                           "first %.12g fillcolor rgb %s fillstyle transparent solid 0.35 "
                           "border linecolor rgb %s linewidth 1.5 front\n",
                           (*obj)++, f->year - 0.3, f->low, f->year + 0.3, f->high, col, col);
        else if (f->year)
            dcd_buf_printf(b,
                           "set arrow %d from first %g, first %.12g to first %g, first %.12g "
                           "nohead linewidth 4 linecolor rgb %s front\n",
                           (*obj)++, f->year - 0.35, f->low, f->year + 0.35, f->low, col);
        else if (f->is_range)
            dcd_buf_printf(b,
                           "set object %d rectangle from graph 0, first %.12g to graph 1, first "
                           "%.12g fillcolor rgb %s fillstyle transparent solid 0.2 noborder "
                           "front\n",
                           (*obj)++, f->low, f->high, col);
        else
            dcd_buf_printf(b,
                           "set arrow %d from graph 0, first %.12g to graph 1, first %.12g "
                           "nohead linewidth 2 dashtype (6,4) linecolor rgb %s back\n",
                           (*obj)++, f->low, f->low, col);
        k++;
    }
    if (k == 0)
        return 0;
    /* The corners, plotted invisibly, so that autoscaling shows every mark. */
    dcd_buf_printf(b, "$REFS_%d << %s\n# year value\n", tag, DCD_CHART_DATA_MARKER);
    for (size_t i = 0; i < n; i++) {
        const dcd_reference *f = &r[i];
        if (!dcd_chart_ref_on(f, ms, nm) || !isfinite(f->low) || !isfinite(f->high))
            continue;
        if (f->year)
            dcd_buf_printf(b, "%d %.12g\n%d %.12g\n", f->year, f->low, f->year, f->high);
        else
            dcd_buf_printf(b, "%d %.12g\n%d %.12g\n", xyear, f->low, xyear, f->high);
    }
    dcd_buf_printf(b, "%s\n", DCD_CHART_DATA_MARKER);
    return k;
}

void dcd_chart_refs_clauses(dcd_buf *b, int *nclauses, const dcd_reference *r, size_t n,
                            const int *ms, int nm, const char *colour, int text_first, int tag,
                            int with_keys)
{
    size_t k = 0;
    char col[64];
    for (size_t i = 0; i < n; i++) {
        const dcd_reference *f = &r[i];
        if (!dcd_chart_ref_on(f, ms, nm) || !isfinite(f->low) || !isfinite(f->high))
            continue;
        ref_colour(col, sizeof col, colour, k);
        if (with_keys) {
            if (f->is_range)
                dcd_chart_clause(b, nclauses,
                                 "keyentry with boxes fillcolor rgb %s fillstyle transparent "
                                 "solid 0.35 border linecolor rgb %s title $TEXT[%zu]",
                                 col, col, (size_t)text_first + k);
            else
                dcd_chart_clause(b, nclauses,
                                 "keyentry with lines linewidth %s%s linecolor rgb %s title "
                                 "$TEXT[%zu]",
                                 f->year ? "4" : "2", f->year ? "" : " dashtype (6,4)", col,
                                 (size_t)text_first + k);
        }
        k++;
    }
    if (k)
        dcd_chart_clause(b, nclauses,
                         "$REFS_%d using 1:2 with points pointtype 1 "
                         "pointsize 0.01 linecolor rgb \"#FF000000\" notitle",
                         tag);
}

void dcd_chart_clause(dcd_buf *b, int *nclauses, const char *fmt, ...)
{
    va_list ap;
    int n;
    dcd_buf_puts(b, (*nclauses)++ ? ", \\\n     " : "plot ");
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    char *s = malloc((size_t)n + 1);
    if (!s) {
        b->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    dcd_buf_puts(b, s);
    free(s);
}

int dcd_chart_draw_scripts(const char *dir, const char *const *stem, dcd_buf *script, size_t n,
                           const char *const *drop, size_t ndrop, const dcd_plot_opts *o,
                           dcd_diags *d)
{
    dcd_plot_batch *b = dcd_plot_batch_new(o);
    int rc = b ? DCD_OK : DCD_ENOMEM;
    if (rc == DCD_OK && dcd_mkdir_p(dir, d) != 0)
        rc = DCD_EIO;
    for (size_t i = 0; i < ndrop && rc == DCD_OK; i++)
        rc = dcd_plot_batch_drop(b, dir, drop[i], d);
    for (size_t i = 0; i < n && rc == DCD_OK; i++)
        rc = dcd_plot_batch_script(b, dir, stem[i], script[i].data, script[i].len, d);
    if (rc == DCD_OK)
        rc = dcd_plot_batch_draw(b, d);
    dcd_plot_batch_free(b);
    return rc;
}
