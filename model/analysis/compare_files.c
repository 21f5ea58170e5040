/* compare_files.c - a comparison as tidy CSV and Markdown, and the folder
 * `dcdemand compare` writes (dcd_compare.h). */
#include "dcd_compare.h"

#include "dcd_output.h"
#include "dcd_plot_overlay.h"
#include "dcd_table.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- CSV ---------------------------------------------------------------------- */

int dcd_compare_format_csv(const dcd_compare *c, dcd_buf *out)
{
    dcd_buf_puts(out, "section,item,unit,year,scenario,value,differs,diff_abs,diff_pct\n");
    for (size_t i = 0; i < c->nrows; i++) {
        const dcd_compare_row *row = &c->rows[i];
        for (size_t j = 0; j < c->ncol; j++) {
            dcd_buf_puts(out, "assumption,");
            dcd_csv_field(out, row->path);
            dcd_buf_puts(out, ",");
            dcd_csv_field(out, row->unit);
            dcd_buf_puts(out, ",,");
            dcd_csv_field(out, c->cols[j].label);
            dcd_buf_puts(out, ",");
            dcd_csv_field(out, row->cells[j]);
            dcd_buf_printf(out, ",%d,,\n", row->differs);
        }
    }
    for (size_t k = 0; k < c->nmetrics; k++) {
        int m = c->metrics[k];
        const dcd_metric_info *mi = dcd_compare_metric_info(m);
        for (size_t y = 0; y < c->nyears; y++) {
            double ref = dcd_compare_metric_value(c->cols[0].sc, c->cols[0].r, m, c->years[y]);
            for (size_t j = 0; j < c->ncol; j++) {
                double v = dcd_compare_metric_value(c->cols[j].sc, c->cols[j].r, m, c->years[y]);
                dcd_buf_printf(out, "result,%s,", mi->name);
                dcd_csv_field(out, mi->unit);
                dcd_buf_printf(out, ",%d,", c->years[y]);
                dcd_csv_field(out, c->cols[j].label);
                dcd_buf_puts(out, ",");
                dcd_buf_num(out, v);
                dcd_buf_puts(out, ",,");
                dcd_buf_num(out, v - ref);
                dcd_buf_puts(out, ",");
                dcd_buf_num(out, dcd_compare_rel_pct(v, ref));
                dcd_buf_puts(out, "\n");
            }
        }
    }
    return out->failed ? -1 : 0;
}

/* ---- Markdown ------------------------------------------------------------------- */

/* Appends S as inline code when it has no backtick (a | escaped for
 * tables), else as escaped text. */
static void md_code(dcd_buf *out, const char *s)
{
    if (strchr(s, '`')) {
        dcd_md_text(out, s);
        return;
    }
    dcd_buf_puts(out, "`");
    for (const char *p = s; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch < 0x20 || ch == 0x7f) {
            dcd_buf_puts(out, " ");
            continue;
        }
        if (*p == '|')
            dcd_buf_puts(out, "\\");
        dcd_buf_append(out, p, 1);
    }
    dcd_buf_puts(out, "`");
}

/* Appends T as a Markdown table (unpadded cells) and frees it. */
static void put_md(dcd_table *t, dcd_buf *b)
{
    if (dcd_table_write(t, DCD_OUT_MD, NULL, b) != 0)
        b->failed = 1;
    dcd_table_free(t);
}

static void md_scenarios(const dcd_compare *c, dcd_buf *b)
{
    static const dcd_table_col cols[] = {
        {"scenario", 0, 0}, {"file", 0, 0}, {"overrides", 0, 0}, {"title", 0, 0}};
    dcd_table t;
    dcd_buf code = {0};
    dcd_table_init(&t, cols, 4);
    for (size_t j = 0; j < c->ncol; j++) {
        const dcd_compare_col *col = &c->cols[j];
        dcd_table_text(&t, col->label);
        dcd_buf_clear(&code);
        md_code(&code, col->sc->path ? col->sc->path : "");
        dcd_table_raw(&t, dcd_buf_str(&code));
        dcd_buf_clear(&code);
        for (size_t k = 0; k < col->nwith; k++) {
            if (k)
                dcd_buf_puts(&code, ", ");
            md_code(&code, col->with[k]);
        }
        dcd_table_raw(&t, dcd_buf_str(&code));
        dcd_table_text(&t, col->sc->title ? col->sc->title : col->sc->name);
    }
    if (code.failed)
        b->failed = 1;
    dcd_buf_free(&code);
    put_md(&t, b);
    if (c->nsets) {
        dcd_buf_puts(b, "\nEvery scenario with ");
        for (size_t k = 0; k < c->nsets; k++) {
            if (k)
                dcd_buf_puts(b, ", ");
            dcd_buf line = {0};
            dcd_buf_printf(&line, "--set %s", c->sets[k]);
            if (line.failed)
                b->failed = 1;
            md_code(b, dcd_buf_str(&line));
            dcd_buf_free(&line);
        }
        dcd_buf_puts(b, ".\n");
    }
}

static void md_assumptions(const dcd_compare *c, int diff_only, dcd_buf *b)
{
    dcd_buf_puts(b, "\n## Assumptions\n\n");
    if (c->ncol > 1 && c->ndiffer == 0)
        dcd_buf_printf(b, "All %zu inputs are the same.\n", c->nrows);
    else if (c->ncol > 1)
        dcd_buf_printf(b, "Inputs that differ: %zu of %zu%s.\n", c->ndiffer, c->nrows,
                       diff_only ? "; only those are shown" : " (in bold)");
    else
        dcd_buf_printf(b, "%zu inputs.\n", c->nrows);
    if (diff_only && c->ndiffer == 0)
        return;
    dcd_buf_puts(b, "\nSeries show as `year: value` points; `-` marks an input a scenario "
                    "does not have.\n\n");
    dcd_table_col *cols = calloc(2 + c->ncol, sizeof *cols);
    if (!cols) {
        b->failed = 1;
        return;
    }
    cols[0] = (dcd_table_col){"input", 0, 0};
    cols[1] = (dcd_table_col){"unit", 0, 0};
    for (size_t j = 0; j < c->ncol; j++)
        cols[2 + j] = (dcd_table_col){c->cols[j].label, 0, 0};
    dcd_table t;
    dcd_buf code = {0};
    dcd_table_init(&t, cols, 2 + c->ncol);
    for (size_t i = 0; i < c->nrows; i++) {
        const dcd_compare_row *row = &c->rows[i];
        if (diff_only && !row->differs)
            continue;
        int bold = row->differs && !diff_only;
        dcd_buf_clear(&code);
        dcd_buf_puts(&code, bold ? "**" : "");
        md_code(&code, row->path);
        dcd_buf_puts(&code, bold ? "**" : "");
        dcd_table_raw(&t, dcd_buf_str(&code));
        dcd_table_text(&t, row->unit);
        for (size_t j = 0; j < c->ncol; j++) {
            if (row->cells[j])
                dcd_table_text(&t, row->cells[j]);
            else
                dcd_table_raw(&t, dcd_fmt_none(DCD_OUT_MD));
        }
    }
    if (code.failed)
        b->failed = 1;
    dcd_buf_free(&code);
    put_md(&t, b);
    free(cols);
}

/* The difference of V to REF, absolute (with the decimals of the larger
 * of the two, dcd_fmt_sig_decimals) and relative. */
static void put_diff(dcd_buf *b, double v, double ref)
{
    double rel = dcd_compare_rel_pct(v, ref);
    dcd_fmt_num(b, v - ref, DCD_NUM_SIGNED,
                dcd_fmt_sig_decimals(fmax(fabs(v), fabs(ref)), DCD_SIG_DIGITS), DCD_OUT_MD);
    if (!isnan(rel)) {
        dcd_buf_puts(b, " (");
        dcd_fmt_num(b, rel, DCD_NUM_SIGNED, 1, DCD_OUT_MD);
        dcd_buf_puts(b, "%)");
    }
}

static void md_results(const dcd_compare *c, dcd_buf *b)
{
    dcd_buf_puts(b, "\n## Results\n\n");
    if (c->ncol > 1) {
        dcd_buf_puts(b, "Each Δ column is the difference to ");
        dcd_md_text(b, c->cols[0].label);
        dcd_buf_puts(b, ", absolute and in %.\n\n");
    }
    size_t ncols = 3 + 2 * c->ncol - 1;
    dcd_table_col *cols = calloc(ncols, sizeof *cols);
    char **heads = calloc(c->ncol, sizeof *heads);
    if (!cols || !heads) {
        b->failed = 1;
        goto done;
    }
    cols[0] = (dcd_table_col){"metric", 0, 0};
    cols[1] = (dcd_table_col){"unit", 0, 0};
    cols[2] = (dcd_table_col){"year", 1, 0};
    for (size_t j = 0; j < c->ncol; j++)
        cols[3 + j] = (dcd_table_col){c->cols[j].label, 1, 0};
    for (size_t j = 1; j < c->ncol; j++) {
        size_t n = strlen(c->cols[j].label) + sizeof "Δ ";
        if (!(heads[j] = malloc(n))) {
            b->failed = 1;
            goto done;
        }
        snprintf(heads[j], n, "Δ %s", c->cols[j].label);
        cols[2 + c->ncol + j] = (dcd_table_col){heads[j], 1, 0};
    }
    dcd_table t;
    dcd_buf cell = {0};
    dcd_table_init(&t, cols, ncols);
    for (size_t k = 0; k < c->nmetrics; k++) {
        int m = c->metrics[k];
        const dcd_metric_info *mi = dcd_compare_metric_info(m);
        for (size_t y = 0; y < c->nyears; y++) {
            int year = c->years[y];
            double ref = dcd_compare_metric_value(c->cols[0].sc, c->cols[0].r, m, year);
            dcd_table_text(&t, mi->name);
            dcd_table_text(&t, mi->unit);
            dcd_table_int(&t, year);
            for (size_t j = 0; j < c->ncol; j++)
                dcd_table_num(&t, dcd_compare_metric_value(c->cols[j].sc, c->cols[j].r, m, year),
                              DCD_NUM_SIG, DCD_SIG_DIGITS);
            for (size_t j = 1; j < c->ncol; j++) {
                dcd_buf_clear(&cell);
                put_diff(&cell, dcd_compare_metric_value(c->cols[j].sc, c->cols[j].r, m, year),
                         ref);
                dcd_table_text(&t, dcd_buf_str(&cell));
            }
        }
    }
    if (cell.failed)
        b->failed = 1;
    dcd_buf_free(&cell);
    put_md(&t, b);
done:
    if (heads)
        for (size_t j = 0; j < c->ncol; j++)
            free(heads[j]);
    free(heads);
    free(cols);
}

int dcd_compare_format_md(const dcd_compare *c, int diff_only, const dcd_compare_chart *charts,
                          size_t ncharts, dcd_buf *out)
{
    dcd_buf_puts(out, "# Scenario comparison: ");
    for (size_t j = 0; j < c->ncol; j++) {
        if (j)
            dcd_buf_puts(out, j + 1 == c->ncol ? " and " : ", ");
        dcd_md_text(out, c->cols[j].label);
    }
    dcd_buf_puts(out, "\n\n");
    md_scenarios(c, out);
    if (c->nnotes) {
        dcd_buf_puts(out, "\n");
        for (size_t i = 0; i < c->nnotes; i++) {
            dcd_buf_puts(out, "> Note: ");
            dcd_md_text(out, c->notes[i]);
            dcd_buf_puts(out, i + 1 < c->nnotes ? ".\n>\n" : ".\n");
        }
    }
    md_assumptions(c, diff_only, out);
    md_results(c, out);
    if (ncharts) {
        dcd_buf_puts(out, "\n## Charts\n");
        for (size_t i = 0; i < ncharts; i++) {
            dcd_buf_puts(out, "\n![");
            dcd_md_text(out, charts[i].caption);
            dcd_buf_printf(out, "](%s)\n", charts[i].file);
        }
    }
    return out->failed ? -1 : 0;
}

int dcd_compare_write(const dcd_compare *c, const char *dir, int diff_only, int charts,
                      dcd_diags *d)
{
    dcd_compare_chart links[DCD_OVERLAY_NCHART];
    size_t nlinks = 0;
    dcd_buf csv = {0}, md = {0};
    int rc = DCD_ENOMEM;
    if (charts)
        nlinks = dcd_compare_chart_links(c, links);
    if (dcd_compare_format_csv(c, &csv) != 0 ||
        dcd_compare_format_md(c, diff_only, links, nlinks, &md) != 0)
        goto done;
    rc = DCD_EIO;
    if (dcd_mkdir_p(dir, d) != 0)
        goto done;
    rc = dcd_write_atomic(dir, "compare.csv", csv.data, csv.len, d);
    if (rc == DCD_OK)
        rc = dcd_write_atomic(dir, "compare.md", md.data, md.len, d);
    if (rc == DCD_OK && charts)
        rc = dcd_compare_draw_charts(c, dir, NULL, d);
done:
    dcd_buf_free(&csv);
    dcd_buf_free(&md);
    return rc;
}
