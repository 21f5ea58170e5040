/* report.c - the `report` analysis: results, charts, comparison and an
 * index.md in one folder (include/dcd_report.h). */
#include "dcd_report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_format.h"
#include "dcd_output.h"
#include "dcd_plot.h"
#include "dcd_table.h"

/* The years of a scenario's key figures: its base year, the comparison's
 * years within its range, and its last year; ascending, no repeats. */
static size_t key_years(const dcd_scenario *sc, const dcd_compare *c, int *out)
{
    size_t n = 0;
    int cand[DCD_COMPARE_MAX_YEARS + 2];
    cand[n++] = sc->base;
    for (size_t i = 0; i < c->nyears; i++)
        if (c->years[i] >= sc->start && c->years[i] <= sc->end)
            cand[n++] = c->years[i];
    cand[n++] = sc->end;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int dup = 0;
        for (size_t j = 0; j < k; j++)
            dup |= out[j] == cand[i];
        if (!dup)
            out[k++] = cand[i];
    }
    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
            int t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return k;
}

/* Appends T as a Markdown table (unpadded cells), and frees T. */
static void put_md(dcd_table *t, dcd_buf *b)
{
    if (dcd_table_write(t, DCD_OUT_MD, NULL, b) != 0)
        b->failed = 1;
    dcd_table_free(t);
}

int dcd_report_overview_table(const dcd_report *r, const char *anchor, dcd_report_table *k)
{
    const dcd_compare *c = r->cmp;
    dcd_table *t = &k->t;
    char years[32];
    dcd_buf href = {0};
    k->cols[0] = (dcd_table_col){"scenario", 0, 0};
    k->cols[1] = (dcd_table_col){"title", 0, 0};
    k->cols[2] = (dcd_table_col){"years", 0, 0};
    for (size_t y = 0; y < c->nyears; y++) {
        snprintf(k->heads[y], sizeof k->heads[y], "DC share %d (%%)", c->years[y]);
        k->cols[3 + y] = (dcd_table_col){k->heads[y], 1, 0};
    }
    dcd_table_init(t, k->cols, 3 + c->nyears);
    for (size_t i = 0; i < r->n; i++) {
        const dcd_scenario *sc = r->scs[i];
        dcd_buf_clear(&href);
        dcd_buf_printf(&href, "%s%s", anchor, r->labels[i]);
        dcd_table_link(t, r->labels[i], dcd_buf_str(&href));
        dcd_table_text(t, sc->title ? sc->title : sc->name);
        snprintf(years, sizeof years, "%d-%d", sc->start, sc->end);
        dcd_table_text(t, years);
        for (size_t y = 0; y < c->nyears; y++)
            dcd_table_num(t, dcd_compare_value(r->res[i], DCD_T_DC_SHARE_PCT, c->years[y]),
                          DCD_NUM_SIG, DCD_SIG_DIGITS);
    }
    if (href.failed)
        t->failed = 1;
    dcd_buf_free(&href);
    return t->failed ? -1 : 0;
}

int dcd_report_key_table(const dcd_report *r, size_t i, dcd_report_table *k)
{
    const dcd_scenario *sc = r->scs[i];
    const dcd_results *res = r->res[i];
    dcd_table_col *cols = k->cols;
    dcd_table *t = &k->t;
    int ys[DCD_COMPARE_MAX_YEARS + 2];
    size_t ny = key_years(sc, r->cmp, ys);
    cols[0] = (dcd_table_col){"metric", 0, 0};
    cols[1] = (dcd_table_col){"unit", 0, 0};
    for (size_t y = 0; y < ny; y++) {
        snprintf(k->heads[y], sizeof k->heads[y], "%d", ys[y]);
        cols[2 + y] = (dcd_table_col){k->heads[y], 1, 0};
    }
    dcd_table_init(t, cols, 2 + ny);
    for (size_t q = 0; q < DCD_COMPARE_NMETRIC; q++) {
        int m = dcd_compare_metrics[q], any = 0;
        for (size_t y = 0; y < ny && !any; y++)
            any = !isnan(dcd_compare_metric_value(sc, res, m, ys[y]));
        if (!any)
            continue;
        const dcd_metric_info *mi = dcd_compare_metric_info(m);
        dcd_table_text(t, mi->label);
        dcd_table_text(t, mi->unit);
        for (size_t y = 0; y < ny; y++)
            dcd_table_num(t, dcd_compare_metric_value(sc, res, m, ys[y]), DCD_NUM_SIG,
                          DCD_SIG_DIGITS);
    }
    return t->failed ? -1 : 0;
}

int dcd_report_index(const dcd_report *r, const dcd_report_opts *o, dcd_buf *b)
{
    dcd_scenario *const *scs = r->scs;
    dcd_results *const *res = r->res;
    int n = (int)r->n;
    const char *const *sets = o->sets;
    size_t nsets = o->nsets;
    int plots = o->plots;
    const int *drawn = r->drawn;
    char safe[65];
    dcd_buf_puts(b, "# Data-centre electricity: scenario report\n\n");
    dcd_buf_printf(b, "Written by dcdemand %s from %d scenario%s", o->version, n,
                   n == 1 ? "" : "s");
    if (nsets) {
        dcd_buf_puts(b, ", every one with");
        for (size_t k = 0; k < nsets; k++) {
            dcd_buf_puts(b, k ? ", " : " ");
            dcd_buf_puts(b, "--set ");
            dcd_md_text(b, sets[k]);
        }
    }
    dcd_buf_puts(b, ".  Each scenario's folder holds summary.csv, segments.csv, results.json, "
                    "the resolved scenario.yaml");
    dcd_buf_puts(b, plots ? " and its charts (with the gnuplot scripts that draw them).\n\n"
                          : ".\n\n");

    dcd_report_table tab;
    if (dcd_report_overview_table(r, "#", &tab) != 0)
        b->failed = 1;
    put_md(&tab.t, b);
    if (n >= 2)
        dcd_buf_puts(b, "\nThe comparison of every input and result, with overlay charts: "
                        "[compare/compare.md](compare/compare.md) (tidy data: "
                        "[compare/compare.csv](compare/compare.csv)).\n");

    for (int i = 0; i < n; i++) {
        const dcd_scenario *sc = scs[i];
        dcd_scenario_safe_name(sc, safe);
        dcd_buf_printf(b, "\n<a id=\"%s\"></a>\n\n## %s\n\n", safe, safe);
        if (sc->title) {
            dcd_buf_puts(b, "**");
            dcd_md_text(b, sc->title);
            dcd_buf_puts(b, "**\n\n");
        }
        if (sc->description) {
            dcd_md_text(b, sc->description);
            dcd_buf_puts(b, "\n\n");
        }
        dcd_buf_puts(b, "- Scenario file: ");
        dcd_md_text(b, sc->path);
        dcd_buf_printf(b, " (name ");
        dcd_md_text(b, sc->name);
        dcd_buf_printf(b, "; years %d-%d, base %d; %zu segment%s)\n", sc->start, sc->end, sc->base,
                       sc->nsegments, sc->nsegments == 1 ? "" : "s");
        dcd_buf_printf(b,
                       "- Results: [summary.csv](%s/summary.csv), [segments.csv](%s/segments.csv), "
                       "[results.json](%s/results.json), [scenario.yaml](%s/scenario.yaml)\n",
                       safe, safe, safe, safe);
        if (sc->nsources) {
            dcd_buf_puts(b, "- Sources:\n");
            for (size_t k = 0; k < sc->nsources; k++) {
                dcd_buf_puts(b, "  - ");
                dcd_md_text(b, sc->sources[k]);
                dcd_buf_puts(b, "\n");
            }
        } else {
            dcd_buf_puts(b, "- Sources: none named in the scenario\n");
        }

        dcd_buf_puts(b, "\n");
        if (dcd_report_key_table(r, (size_t)i, &tab) != 0)
            b->failed = 1;
        put_md(&tab.t, b);
        if (plots && drawn[i])
            for (int ch = 0; ch < DCD_NCHART; ch++)
                if (dcd_plot_chart_applies(res[i], ch))
                    dcd_buf_printf(b, "\n![%s: %s chart](%s/%s.png)\n", safe, dcd_chart_name(ch),
                                   safe, dcd_chart_name(ch));
    }
    if (r->chk.nrows) {
        dcd_buf_printf(b,
                       "\n## Published figures\n\n%zu of %zu figures stated in the "
                       "scenarios' expect: entries are met.\n\n",
                       r->chk.nrows - r->chk.nfail, r->chk.nrows);
        if (dcd_check_format(&r->chk, DCD_OUT_MD, 0, b) != 0)
            b->failed = 1;
    }
    return b->failed ? -1 : 0;
}

int dcd_report_build(dcd_scenario *const *scs, size_t n, const dcd_report_opts *o, dcd_report *out,
                     dcd_diags *d)
{
    memset(out, 0, sizeof *out);
    out->scs = scs;
    out->n = n;
    out->labels = calloc(n ? n : 1, sizeof *out->labels);
    out->res = calloc(n ? n : 1, sizeof *out->res);
    out->cols = calloc(n ? n : 1, sizeof *out->cols);
    out->drawn = calloc(n ? n : 1, sizeof *out->drawn);
    if (!out->labels || !out->res || !out->cols || !out->drawn)
        return DCD_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        dcd_scenario_safe_name(scs[i], out->labels[i]);
        int rc = dcd_project_new(scs[i], &out->res[i], d);
        if (rc != DCD_OK)
            return rc;
        out->cols[i].label = out->labels[i];
        out->cols[i].sc = scs[i];
        out->cols[i].r = out->res[i];
        if (scs[i]->nexpect && dcd_check_add(&out->chk, scs[i], out->res[i]) != DCD_OK)
            return DCD_ENOMEM;
    }
    return dcd_compare_build(out->cols, n, o->years, o->nyears, o->sets, o->nsets, &out->cmp);
}

/* Keeps the worse of two chart statuses in *WORST (out of memory first). */
static void worse(int *worst, int rc)
{
    if (rc == DCD_ENOMEM || *worst == DCD_OK)
        *worst = rc == DCD_ENOMEM ? rc : DCD_EPLOT;
}

int dcd_report_write(dcd_report *r, const dcd_report_opts *o, const char *dir, dcd_buf *log,
                     dcd_diags *d)
{
    int rc, plot_rc = DCD_OK;
    dcd_buf path = {0}, index = {0};
    if (dcd_mkdir_p(dir, d) != 0) {
        rc = DCD_EIO;
        goto done;
    }
    for (size_t i = 0; i < r->n; i++) {
        rc = dcd_write_run(r->scs[i], r->res[i], dir, o->version, &path, d);
        if (rc != DCD_OK)
            goto done;
        dcd_buf_printf(log, "wrote %s/\n", path.data);
        if (o->plots) {
            /* A chart failure is reported but does not stop the report. */
            dcd_plot_opts po;
            dcd_plot_meta meta;
            dcd_plot_opts_default(&po);
            dcd_plot_meta_from(r->scs[i], &meta);
            rc = dcd_plot_draw(&meta, r->res[i], path.data, &po, d);
            r->drawn[i] = rc == DCD_OK;
            if (rc != DCD_OK)
                worse(&plot_rc, rc);
        }
    }
    if (r->n >= 2) {
        dcd_buf_clear(&path);
        dcd_buf_printf(&path, "%s/compare", dir);
        if (path.failed) {
            rc = DCD_ENOMEM;
            goto done;
        }
        rc = dcd_compare_write(r->cmp, path.data, 0, o->plots, d);
        if (rc == DCD_EPLOT)
            worse(&plot_rc, rc);
        else if (rc != DCD_OK)
            goto done;
        dcd_buf_printf(log, "wrote %s/\n", path.data);
    }
    if (dcd_report_index(r, o, &index) != 0) {
        rc = DCD_ENOMEM;
        goto done;
    }
    rc = dcd_write_atomic(dir, "index.md", index.data, index.len, d);
    if (rc != DCD_OK)
        goto done;
    dcd_buf_printf(log, "wrote %s/index.md\n", dir);
    dcd_buf_clear(&index);
    if (dcd_report_html(r, o, dir, &index) != 0) {
        rc = DCD_ENOMEM;
        goto done;
    }
    rc = dcd_write_atomic(dir, "index.html", index.data, index.len, d);
    if (rc != DCD_OK)
        goto done;
    dcd_buf_printf(log, "wrote %s/index.html\n", dir);
    rc = log->failed ? DCD_ENOMEM : plot_rc;
done:
    dcd_buf_free(&path);
    dcd_buf_free(&index);
    return rc;
}

void dcd_report_free(dcd_report *r)
{
    dcd_compare_free(r->cmp);
    dcd_check_free(&r->chk);
    if (r->res)
        for (size_t i = 0; i < r->n; i++)
            dcd_results_free(r->res[i]);
    free(r->res);
    free(r->cols);
    free(r->labels);
    free(r->drawn);
    memset(r, 0, sizeof *r);
}
