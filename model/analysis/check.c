/* check.c - the `check` analysis: scenarios against their published figures
 * (include/dcd_check.h).  The tables are built whole in memory. */
#include "dcd_check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_vec.h"

typedef dcd_check_row row;

/* The fewest decimals (0..6) that show X exactly enough to read it back. */
static int decimals(double x)
{
    if (!isfinite(x))
        return 0;
    for (int d = 0; d < 6; d++) {
        double s = pow(10, d), r = round(x * s) / s;
        if (fabs(r - x) <= 1e-9 * fmax(1, fabs(x)))
            return d;
    }
    return 6;
}

/* Formats X with D decimals into OUT (SIGNED: a '+' on positive values);
 * not determined as in terminal and Markdown tables. */
static void fmt_fixed(char *out, size_t cap, double x, int d, int is_signed)
{
    dcd_buf b = {0};
    dcd_fmt_num(&b, x, is_signed ? DCD_NUM_SIGNED : DCD_NUM_FIXED, d, DCD_OUT_TERM);
    snprintf(out, cap, "%s", b.failed ? "?" : dcd_buf_str(&b));
    dcd_buf_free(&b);
}

/* The text cells of a row, in column order. */
enum { C_STUDY, C_CASE, C_METRIC, C_YEAR, C_PUB, C_MODEL, C_DIFF, C_TOL, C_RESULT, NCOL };

static const char *const HEAD[NCOL] = {"study", "case", "metric", "year", "published",
                                       "model", "difference", "tolerance", "result"};
static const char *const MD_HEAD[NCOL] = {"Study", "Case", "Metric", "Year", "Published",
                                          "Model", "Difference", "Tolerance", "Result"};
static const int RIGHT[NCOL] = {0, 0, 0, 1, 1, 1, 1, 1, 0};

typedef struct cells {
    char year[16], pub[48], model[48], diff[48], tol[48];
    const char *c[NCOL];
} cells;

static void row_cells(const row *r, cells *out)
{
    const dcd_expect *e = r->e;
    /* The published value keeps the precision of its value or tolerance
     * (8.0 +- 0.3 shows as 8.0); the model shows one more decimal. */
    int dp = decimals(e->value), dt = decimals(e->tolerance);
    if (dt > dp)
        dp = dt;
    int dm = dp < 6 ? dp + 1 : 6;
    snprintf(out->year, sizeof out->year, "%d", e->year);
    fmt_fixed(out->pub, sizeof out->pub, e->value, dp, 0);
    fmt_fixed(out->model, sizeof out->model, r->model, dm, 0);
    fmt_fixed(out->diff, sizeof out->diff, r->model - e->value, dm, 1);
    fmt_fixed(out->tol, sizeof out->tol, e->tolerance, dt, 0);
    const dcd_scenario *sc = r->sc;
    out->c[C_STUDY] = sc->study ? sc->study : sc->name;
    out->c[C_CASE] = sc->case_name ? sc->case_name : "-";
    out->c[C_METRIC] = e->metric;
    out->c[C_YEAR] = out->year;
    out->c[C_PUB] = out->pub;
    out->c[C_MODEL] = out->model;
    out->c[C_DIFF] = out->diff;
    out->c[C_TOL] = out->tol;
    out->c[C_RESULT] = r->pass ? "pass" : "FAIL";
}

/* Appends S, padded with spaces to width W (on the left when RIGHT_ALIGN),
 * control characters escaped. */
static void pad(dcd_buf *b, const char *s, size_t w, int right_align)
{
    dcd_fmt_term_pad(b, s, w, right_align);
}

static int shown(const row *r, int quiet)
{
    return !quiet || !r->pass;
}

static void format_table(dcd_buf *b, const row *rows, size_t n, int quiet, int markdown)
{
    size_t w[NCOL];
    cells c;
    size_t nshown = 0;
    for (int k = 0; k < NCOL; k++)
        w[k] = strlen(markdown ? MD_HEAD[k] : HEAD[k]);
    for (size_t i = 0; i < n; i++) {
        if (!shown(&rows[i], quiet))
            continue;
        nshown++;
        row_cells(&rows[i], &c);
        for (int k = 0; k < NCOL; k++) {
            size_t l = markdown ? dcd_md_width(c.c[k]) : dcd_fmt_term_width(c.c[k], strlen(c.c[k]));
            if (l > w[k])
                w[k] = l;
        }
    }
    if (nshown == 0)
        return;
    if (markdown) {
        dcd_buf_puts(b, "|");
        for (int k = 0; k < NCOL; k++) {
            dcd_buf_puts(b, " ");
            pad(b, MD_HEAD[k], w[k], RIGHT[k]);
            dcd_buf_puts(b, " |");
        }
        dcd_buf_puts(b, "\n|");
        for (int k = 0; k < NCOL; k++) {
            dcd_buf_puts(b, " ");
            for (size_t j = 0; j + 1 < w[k]; j++)
                dcd_buf_puts(b, "-");
            dcd_buf_puts(b, RIGHT[k] ? ":" : "-");
            dcd_buf_puts(b, " |");
        }
        dcd_buf_puts(b, "\n");
        for (size_t i = 0; i < n; i++) {
            if (!shown(&rows[i], quiet))
                continue;
            row_cells(&rows[i], &c);
            dcd_buf_puts(b, "|");
            for (int k = 0; k < NCOL; k++) {
                size_t l = dcd_md_width(c.c[k]);
                dcd_buf_puts(b, " ");
                if (RIGHT[k])
                    for (size_t j = l; j < w[k]; j++)
                        dcd_buf_puts(b, " ");
                dcd_md_text(b, c.c[k]);
                if (!RIGHT[k])
                    for (size_t j = l; j < w[k]; j++)
                        dcd_buf_puts(b, " ");
                dcd_buf_puts(b, " |");
            }
            dcd_buf_puts(b, "\n");
        }
        return;
    }
    for (int k = 0; k < NCOL; k++) {
        if (k)
            dcd_buf_puts(b, "  ");
        pad(b, HEAD[k], k == NCOL - 1 ? 0 : w[k], RIGHT[k]);
    }
    dcd_buf_puts(b, "\n");
    for (size_t i = 0; i < n; i++) {
        if (!shown(&rows[i], quiet))
            continue;
        row_cells(&rows[i], &c);
        for (int k = 0; k < NCOL; k++) {
            if (k)
                dcd_buf_puts(b, "  ");
            pad(b, c.c[k], k == NCOL - 1 ? 0 : w[k], RIGHT[k]);
        }
        dcd_buf_puts(b, "\n");
    }
}

/* A number for CSV: the shortest form that reads back (plain notation for
 * ordinary magnitudes); not determined is an empty cell. */
static void csv_num(dcd_buf *b, double x)
{
    dcd_fmt_num(b, x, DCD_NUM_PLAIN, 0, DCD_OUT_CSV);
}

static void format_csv(dcd_buf *b, const row *rows, size_t n, int quiet)
{
    dcd_buf_puts(b, "study,case,scenario,file,metric,unit,year,published,model,difference,"
                    "tolerance,result,source\n");
    for (size_t i = 0; i < n; i++) {
        const row *r = &rows[i];
        if (!shown(r, quiet))
            continue;
        const dcd_scenario *sc = r->sc;
        const dcd_expect *e = r->e;
        int m = dcd_total_index(e->metric);
        dcd_csv_field(b, sc->study ? sc->study : sc->name);
        dcd_buf_puts(b, ",");
        dcd_csv_field(b, sc->case_name);
        dcd_buf_puts(b, ",");
        dcd_csv_field(b, sc->name);
        dcd_buf_puts(b, ",");
        dcd_csv_field(b, sc->path);
        dcd_buf_puts(b, ",");
        dcd_csv_field(b, e->metric);
        dcd_buf_puts(b, ",");
        dcd_csv_field(b, m >= 0 ? dcd_total_info[m].unit : "");
        dcd_buf_printf(b, ",%d,", e->year);
        csv_num(b, e->value);
        dcd_buf_puts(b, ",");
        csv_num(b, r->model);
        dcd_buf_puts(b, ",");
        csv_num(b, r->model - e->value);
        dcd_buf_puts(b, ",");
        csv_num(b, e->tolerance);
        dcd_buf_puts(b, r->pass ? ",pass," : ",FAIL,");
        dcd_csv_field(b, e->source);
        dcd_buf_puts(b, "\n");
    }
}

int dcd_check_add(dcd_check *c, const dcd_scenario *sc, const dcd_results *r)
{
    for (size_t k = 0; k < sc->nexpect; k++) {
        const dcd_expect *e = &sc->expect[k];
        if (c->nrows == c->cap) {
            row *p = dcd_vec_grow(c->rows, &c->cap, c->nrows + 1, sizeof *p);
            if (!p)
                return DCD_ENOMEM;
            c->rows = p;
        }
        row *w = &c->rows[c->nrows++];
        int m = dcd_total_index(e->metric);
        long i = (long)e->year - r->start;
        w->sc = sc;
        w->e = e;
        w->model = (m >= 0 && i >= 0 && (size_t)i < r->ny) ? DCD_TOTAL(r, m, (size_t)i) : NAN;
        w->pass = isfinite(w->model) &&
                  fabs(w->model - e->value) <= e->tolerance + 1e-9 * fmax(1, fabs(e->value));
        c->nfail += !w->pass;
    }
    return DCD_OK;
}

int dcd_check_scenario(dcd_check *c, const dcd_scenario *sc, dcd_diags *d)
{
    dcd_results *r = NULL;
    int rc = dcd_project_new(sc, &r, d);
    if (rc == DCD_OK)
        rc = dcd_check_add(c, sc, r);
    dcd_results_free(r);
    return rc;
}

void dcd_check_free(dcd_check *c)
{
    free(c->rows);
    c->rows = NULL;
    c->nrows = c->cap = c->nfail = 0;
}

int dcd_check_format(const dcd_check *c, dcd_out_kind kind, int failed_only, dcd_buf *out)
{
    if (kind == DCD_OUT_CSV)
        format_csv(out, c->rows, c->nrows, failed_only);
    else
        format_table(out, c->rows, c->nrows, failed_only, kind == DCD_OUT_MD);
    return out->failed ? -1 : 0;
}
