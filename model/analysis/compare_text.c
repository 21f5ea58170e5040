/* compare_text.c - the terminal report of a comparison (dcd_compare.h):
 * aligned tables cut into groups of columns to fit a width, scenario text
 * escaped (dcd_format.h). */
#include "dcd_compare.h"

#include "dcd_table.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared formatting ------------------------------------------------------ */

/* Display width of S once escaped for a terminal. */
static size_t text_width(const char *s, size_t len)
{
    return dcd_fmt_term_width(s, len);
}

/* Appends LEN bytes of S with control characters escaped (\xNN). */
static void put_clean(dcd_buf *b, const char *s, size_t len)
{
    dcd_fmt_term_text(b, s, len);
}

/* Appends S (LEN bytes) padded to W columns, right-aligned when RIGHT. */
static void put_pad(dcd_buf *b, const char *s, size_t len, size_t w, int right)
{
    size_t tw = text_width(s, len);
    if (right)
        for (size_t i = tw; i < w; i++)
            dcd_buf_puts(b, " ");
    put_clean(b, s, len);
    if (!right)
        for (size_t i = tw; i < w; i++)
            dcd_buf_puts(b, " ");
}

static void put_spaces(dcd_buf *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dcd_buf_puts(b, " ");
}

/* Removes trailing spaces before the line's end and appends a newline. */
static void end_line(dcd_buf *b)
{
    while (b->len > 0 && b->data[b->len - 1] == ' ')
        b->data[--b->len] = '\0';
    dcd_buf_puts(b, "\n");
}

/* The next line of cell text S (from *POS) within W columns: breaks after
 * ", " when the rest does not fit, else cuts at W.  Sets *LEN and moves
 * *POS past the line. */
static void next_piece(const char *s, size_t *pos, size_t w, size_t *start, size_t *len)
{
    const char *p = s + *pos;
    size_t rest = strlen(p);
    *start = *pos;
    if (w == 0 || text_width(p, rest) <= w) {
        *len = rest;
        *pos += rest;
        return;
    }
    size_t cut = 0, cols = 0, i = 0, best = 0;
    for (; p[i]; i++) {
        if (((unsigned char)p[i] & 0xC0) != 0x80) {
            if (cols == w)
                break;
            cols++;
        }
        cut = i + 1;
        if (p[i] == ',' && p[i + 1] == ' ')
            best = i + 1;
    }
    while (cut < rest && ((unsigned char)p[cut] & 0xC0) == 0x80)
        cut++;
    size_t take = best ? best : cut;
    *len = take;
    *pos += take;
    while (s[*pos] == ' ')
        (*pos)++;
}

/* Appends TEXT word-wrapped to WIDTH columns, the first line after FIRST and
 * the others indented by INDENT spaces. */
static void put_wrapped(dcd_buf *b, const char *first, const char *text, size_t indent,
                        size_t width)
{
    dcd_buf_puts(b, first);
    size_t col = text_width(first, strlen(first));
    const char *p = text;
    int at_start = 1;
    while (*p) {
        size_t wl = strcspn(p, " ");
        if (wl > 2 && p[0] == '-' && p[1] == '-' && p[wl] == ' ' && p[wl + 1] != ' ' &&
            p[wl + 1]) /* an option stays with its argument */
            wl += 1 + strcspn(p + wl + 1, " ");
        size_t ww = text_width(p, wl);
        if (!at_start && col + 1 + ww > width) {
            end_line(b);
            put_spaces(b, indent);
            col = indent;
            at_start = 1;
        }
        if (!at_start) {
            dcd_buf_puts(b, " ");
            col++;
        }
        put_clean(b, p, wl);
        col += ww;
        at_start = 0;
        p += wl;
        while (*p == ' ')
            p++;
    }
    end_line(b);
}

/* ---- terminal ----------------------------------------------------------------- */

#define CELL_MAX 26
#define PATH_MAX_W 40

static size_t min_sz(size_t a, size_t b)
{
    return a < b ? a : b;
}

static size_t max_sz(size_t a, size_t b)
{
    return a > b ? a : b;
}

static size_t slen(const char *s)
{
    return s ? text_width(s, strlen(s)) : 0;
}

/* Groups of columns that fit WIDTH: FIRSTS[g] .. ENDS[g] (exclusive) are the
 * columns after the first shown in group g.  COLW[j] is column j's width
 * (with its separator); FIXED is the width before the first column. */
static size_t make_groups(const size_t *colw, size_t ncol, size_t fixed, size_t width,
                          size_t *firsts, size_t *ends)
{
    size_t ng = 0, j = 1;
    if (ncol <= 1) {
        firsts[0] = ends[0] = 1;
        return 1;
    }
    while (j < ncol) {
        size_t used = fixed + colw[0];
        firsts[ng] = j;
        do {
            used += colw[j];
            j++;
        } while (j < ncol && used + colw[j] <= width);
        ends[ng++] = j;
    }
    return ng;
}

static void text_scenarios(const dcd_compare *c, dcd_buf *b, size_t width)
{
    size_t lw = 0;
    for (size_t j = 0; j < c->ncol; j++)
        lw = max_sz(lw, slen(c->cols[j].label));
    lw = min_sz(lw, 40);
    dcd_buf_printf(b, "Comparing %zu scenario%s:\n", c->ncol, c->ncol == 1 ? "" : "s");
    for (size_t j = 0; j < c->ncol; j++) {
        const dcd_compare_col *col = &c->cols[j];
        dcd_buf line = {0}, first = {0};
        dcd_buf_puts(&line, col->sc->path ? col->sc->path : "");
        for (size_t k = 0; k < col->nwith; k++)
            dcd_buf_printf(&line, " --with %s", col->with[k]);
        dcd_buf_puts(&first, "  ");
        put_pad(&first, col->label, strlen(col->label), lw, 0);
        dcd_buf_puts(&first, "  ");
        put_wrapped(b, dcd_buf_str(&first), dcd_buf_str(&line), lw + 6, width);
        if (line.failed || first.failed)
            b->failed = 1;
        dcd_buf_free(&line);
        dcd_buf_free(&first);
        const char *title = col->sc->title ? col->sc->title : col->sc->name;
        if (title && *title) {
            size_t room = width > lw + 8 ? width - lw - 4 : 20;
            size_t tl = strlen(title), shown = tl;
            put_spaces(b, lw + 4);
            if (text_width(title, tl) > room) {
                size_t pos = 0, start, len;
                next_piece(title, &pos, room - 3, &start, &len);
                shown = len;
            }
            put_clean(b, title, shown);
            if (shown < tl)
                dcd_buf_puts(b, "...");
            end_line(b);
        }
    }
    if (c->nsets) {
        dcd_buf line = {0};
        for (size_t k = 0; k < c->nsets; k++)
            dcd_buf_printf(&line, "%s--set %s", k ? ", " : "", c->sets[k]);
        put_wrapped(b, "Every scenario with ", dcd_buf_str(&line), 2, width);
        dcd_buf_free(&line);
    }
}

/* Adds assumption ROW to T over the NVIS columns VIS; "* " marks a row whose
 * shown cells DIFFER.  A path wider than PW is a line of its own, above the
 * row's unit and cells. */
static void assumption_row(dcd_table *t, const dcd_compare_row *row, int differs, const size_t *vis,
                           size_t nvis, size_t pw, dcd_buf *tmp)
{
    dcd_buf_clear(tmp);
    dcd_buf_puts(tmp, differs ? "* " : "  ");
    dcd_buf_puts(tmp, row->path);
    if (slen(row->path) > pw) {
        dcd_table_overflow(t, dcd_buf_str(tmp));
        for (size_t k = 0; k < nvis + 1; k++) /* the rest of the path's line */
            dcd_table_text(t, "");
        dcd_table_text(t, ""); /* the row itself, under the path */
    } else {
        dcd_table_text(t, dcd_buf_str(tmp));
    }
    dcd_table_text(t, row->unit);
    for (size_t k = 0; k < nvis; k++) {
        const char *cell = row->cells[vis[k]];
        dcd_table_text(t, cell ? cell : "-");
    }
}

static void text_assumptions(const dcd_compare *c, int diff_only, size_t width, dcd_buf *b)
{
    dcd_buf_puts(b, "\n");
    if (c->ncol > 1 && c->ndiffer == 0) {
        dcd_buf_printf(b, "Assumptions: all %zu inputs are the same\n", c->nrows);
        if (diff_only)
            return;
    } else if (c->ncol > 1) {
        dcd_buf_printf(b, "Assumptions: inputs that differ: %zu of %zu%s\n", c->ndiffer, c->nrows,
                       diff_only ? " (only those are shown)" : " (marked *)");
    } else {
        dcd_buf_printf(b, "Assumptions: %zu inputs\n", c->nrows);
    }

    static const dcd_table_style style = {"  ", 0, NULL};
    size_t pw = 5, uw = 4;
    size_t *cw = calloc(c->ncol, sizeof *cw), *colw = calloc(c->ncol, sizeof *colw);
    size_t *firsts = calloc(c->ncol, sizeof *firsts), *ends = calloc(c->ncol, sizeof *ends);
    size_t *vis = calloc(c->ncol, sizeof *vis), *gw = calloc(c->ncol, sizeof *gw);
    size_t *natural = calloc(c->ncol, sizeof *natural);
    dcd_table_col *cols = calloc(2 + c->ncol, sizeof *cols);
    dcd_buf tmp = {0};
    if (!cw || !colw || !firsts || !ends || !vis || !natural || !gw || !cols) {
        b->failed = 1;
        goto done;
    }
    for (size_t i = 0; i < c->nrows; i++) {
        const dcd_compare_row *row = &c->rows[i];
        if (diff_only && !row->differs)
            continue;
        pw = max_sz(pw, min_sz(slen(row->path), PATH_MAX_W));
        uw = max_sz(uw, slen(row->unit));
    }
    /* Cells wrap at CELL_MAX, or narrower so that the first column and one
     * more fit the width. */
    size_t cap = width > 2 + pw + 2 + uw + 4 + 24 ? (width - (2 + pw + 2 + uw) - 4) / 2 : 12;
    cap = min_sz(cap, CELL_MAX);
    for (size_t j = 0; j < c->ncol; j++)
        cw[j] = min_sz(slen(c->cols[j].label), 40);
    for (size_t i = 0; i < c->nrows; i++) {
        const dcd_compare_row *row = &c->rows[i];
        if (diff_only && !row->differs)
            continue;
        for (size_t j = 0; j < c->ncol; j++) {
            cw[j] = max_sz(cw[j], min_sz(slen(row->cells[j]), cap));
            natural[j] = max_sz(natural[j], slen(row->cells[j]));
        }
    }
    for (size_t j = 0; j < c->ncol; j++)
        colw[j] = cw[j] + 2;
    size_t fixed = 2 + pw + 2 + uw;
    size_t ng = make_groups(colw, c->ncol, fixed, width, firsts, ends);
    for (size_t g = 0; g < ng; g++) {
        if (g)
            dcd_buf_printf(b, "\nAssumptions, continued\n");
        size_t nvis = 0, used = fixed;
        for (size_t j = 0; j < c->ncol; j++)
            if (!j || (j >= firsts[g] && j < ends[g])) {
                vis[nvis++] = j;
                used += colw[j];
            }
        /* The group's last column may use the room left on the line. */
        for (size_t j = 0; j < c->ncol; j++)
            gw[j] = cw[j];
        if (used < width) {
            size_t last = vis[nvis - 1];
            gw[last] = max_sz(cw[last], min_sz(natural[last], cw[last] + width - used));
        }
        /* The group's table: the marked path, the unit, then its columns
         * wrapped at their widths. */
        size_t nc = 0;
        cols[nc++] = (dcd_table_col){"  input", 0, pw + 2};
        cols[nc++] = (dcd_table_col){"unit", 0, uw};
        for (size_t k = 0; k < nvis; k++)
            cols[nc++] = (dcd_table_col){c->cols[vis[k]].label, 0, gw[vis[k]]};
        dcd_table t;
        dcd_table_init(&t, cols, nc);
        for (size_t k = 0; k < nvis; k++)
            dcd_table_wrap(&t, 2 + k, gw[vis[k]]);
        for (size_t i = 0; i < c->nrows; i++) {
            const dcd_compare_row *row = &c->rows[i];
            /* Marks and --diff-only go by the columns shown. */
            int any = 0, differs = 0;
            for (size_t k = 0; k < nvis; k++) {
                const char *x = row->cells[vis[k]], *y = row->cells[vis[0]];
                any |= x != NULL;
                differs |= (!x != !y) || (x && y && strcmp(x, y) != 0);
            }
            if (!any || (diff_only && !differs)) /* only another group's columns have it */
                continue;
            assumption_row(&t, row, differs, vis, nvis, pw, &tmp);
        }
        if (dcd_table_write(&t, DCD_OUT_TERM, &style, b) != 0)
            b->failed = 1;
        dcd_table_free(&t);
    }
done:
    if (tmp.failed)
        b->failed = 1;
    dcd_buf_free(&tmp);
    free(cols);
    free(natural);
    free(gw);
    free(vis);
    free(cw);
    free(colw);
    free(firsts);
    free(ends);
}

/* Adds the row of metric M in year index Y (columns of group G) to T:
 * values to DCD_SIG_DIGITS significant digits, differences with the
 * decimals of the larger of their two values (dcd_format.h). */
static void result_row(dcd_table *t, const dcd_compare *c, int m, size_t y, size_t first,
                       size_t end, dcd_buf *cell)
{
    const dcd_metric_info *mi = dcd_compare_metric_info(m);
    int year = c->years[y];
    dcd_table_text(t, y ? "" : mi->name);
    dcd_table_text(t, y ? "" : mi->unit);
    dcd_table_int(t, year);
    double ref = dcd_compare_metric_value(c->cols[0].sc, c->cols[0].r, m, year);
    for (size_t j = 0; j < c->ncol; j++) {
        if (j && (j < first || j >= end))
            continue;
        double v = dcd_compare_metric_value(c->cols[j].sc, c->cols[j].r, m, year);
        dcd_table_num(t, v, DCD_NUM_SIG, DCD_SIG_DIGITS);
        if (!j)
            continue;
        dcd_table_num(t, v - ref, DCD_NUM_SIGNED,
                      dcd_fmt_sig_decimals(fmax(fabs(v), fabs(ref)), DCD_SIG_DIGITS));
        double rel = dcd_compare_rel_pct(v, ref);
        dcd_buf_clear(cell);
        dcd_fmt_num(cell, rel, DCD_NUM_SIGNED, 1, DCD_OUT_TERM);
        if (!isnan(rel))
            dcd_buf_puts(cell, "%");
        dcd_table_text(t, dcd_buf_str(cell));
    }
}

static void text_results(const dcd_compare *c, size_t width, dcd_buf *b)
{
    static const dcd_table_style style = {"  ", 0, "  "};
    dcd_buf_puts(b, "\n");
    if (c->ncol > 1) {
        dcd_buf_puts(b, "Results (diff: difference to ");
        put_clean(b, c->cols[0].label, strlen(c->cols[0].label));
        dcd_buf_puts(b, ", absolute and in %)\n");
    } else
        dcd_buf_puts(b, "Results\n");
    size_t mw = 6, unw = 4;
    for (size_t k = 0; k < c->nmetrics; k++) {
        mw = max_sz(mw, slen(dcd_compare_metric_info(c->metrics[k])->name));
        unw = max_sz(unw, slen(dcd_compare_metric_info(c->metrics[k])->unit));
    }
    size_t *vw = calloc(c->ncol, sizeof *vw), *colw = calloc(c->ncol, sizeof *colw);
    size_t *firsts = calloc(c->ncol, sizeof *firsts), *ends = calloc(c->ncol, sizeof *ends);
    dcd_table_col *cols = calloc(3 + 3 * c->ncol, sizeof *cols);
    dcd_buf cell = {0};
    if (!vw || !colw || !firsts || !ends || !cols) {
        b->failed = 1;
        goto done;
    }
    const size_t DW = 9, PW = 8;
    for (size_t j = 0; j < c->ncol; j++) {
        vw[j] = max_sz(slen(c->cols[j].label), 9);
        colw[j] = 2 + vw[j] + (j ? 2 + DW + 2 + PW : 0);
    }
    size_t fixed = 2 + mw + 2 + unw + 2 + 4;
    size_t ng = make_groups(colw, c->ncol, fixed, width, firsts, ends);
    for (size_t g = 0; g < ng; g++) {
        if (g)
            dcd_buf_puts(b, "\nResults, continued\n");
        /* The group's columns: the first scenario, then its own ones. */
        size_t nc = 0;
        cols[nc++] = (dcd_table_col){"metric", 0, mw};
        cols[nc++] = (dcd_table_col){"unit", 0, unw};
        cols[nc++] = (dcd_table_col){"year", 1, 4};
        for (size_t j = 0; j < c->ncol; j++) {
            if (j && (j < firsts[g] || j >= ends[g]))
                continue;
            cols[nc++] = (dcd_table_col){c->cols[j].label, 1, vw[j]};
            if (j) {
                cols[nc++] = (dcd_table_col){"diff", 1, DW};
                cols[nc++] = (dcd_table_col){"diff%", 1, PW};
            }
        }
        dcd_table t;
        dcd_table_init(&t, cols, nc);
        for (size_t k = 0; k < c->nmetrics; k++)
            for (size_t y = 0; y < c->nyears; y++)
                result_row(&t, c, c->metrics[k], y, firsts[g], ends[g], &cell);
        if (dcd_table_write(&t, DCD_OUT_TERM, &style, b) != 0)
            b->failed = 1;
        dcd_table_free(&t);
    }
done:
    if (cell.failed)
        b->failed = 1;
    dcd_buf_free(&cell);
    free(cols);
    free(vw);
    free(colw);
    free(firsts);
    free(ends);
}

int dcd_compare_format_text(const dcd_compare *c, int diff_only, int width, dcd_buf *out)
{
    size_t w = width < 40 ? 40 : (size_t)width;
    text_scenarios(c, out, w);
    text_assumptions(c, diff_only, w, out);
    text_results(c, w, out);
    if (c->nnotes)
        dcd_buf_puts(out, "\n");
    for (size_t i = 0; i < c->nnotes; i++)
        put_wrapped(out, "note: ", c->notes[i], 6, w);
    return out->failed ? -1 : 0;
}
