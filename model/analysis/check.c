/* check.c - the `check` analysis: scenarios against their published figures
 * (include/dcd_check.h).  The tables are built whole in memory. */
#include "dcd_check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_table.h"
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

/* The columns of the terminal, Markdown and CSV tables. */
static const dcd_table_col TERM_COLS[] = {
    {"study", 0, 0},      {"case", 0, 0},      {"metric", 0, 0},
    {"year", 1, 0},       {"published", 1, 0}, {"model", 1, 0},
    {"difference", 1, 0}, {"tolerance", 1, 0}, {"result", 0, 0}};
static const dcd_table_col MD_COLS[] = {
    {"Study", 0, 0},      {"Case", 0, 0},      {"Metric", 0, 0},
    {"Year", 1, 0},       {"Published", 1, 0}, {"Model", 1, 0},
    {"Difference", 1, 0}, {"Tolerance", 1, 0}, {"Result", 0, 0}};
static const dcd_table_col CSV_COLS[] = {
    {"study", 0, 0},  {"case", 0, 0},       {"scenario", 0, 0},  {"file", 0, 0},
    {"metric", 0, 0}, {"unit", 0, 0},       {"year", 0, 0},      {"published", 0, 0},
    {"model", 0, 0},  {"difference", 0, 0}, {"tolerance", 0, 0}, {"result", 0, 0},
    {"source", 0, 0}};
#define NCOL (sizeof TERM_COLS / sizeof *TERM_COLS)
#define NCSV (sizeof CSV_COLS / sizeof *CSV_COLS)

static int shown(const row *r, int quiet)
{
    return !quiet || !r->pass;
}

/* 1 when E is a one-sided figure (min:/max: instead of value:). */
static int one_sided(const dcd_expect *e)
{
    return e->one_sided;
}

/* The published cell of one-sided E: ">= 9", "<= 17" or "9..17", the
 * numbers in STYLE with DEC decimals.  Returns 0, or -1 on OOM. */
static int bounds_text(dcd_buf *b, const dcd_expect *e, dcd_num_style style, int dec)
{
    if (isnan(e->max))
        dcd_buf_puts(b, ">= ");
    else if (isnan(e->min))
        dcd_buf_puts(b, "<= ");
    if (!isnan(e->min))
        dcd_fmt_num(b, e->min, style, dec, DCD_OUT_CSV);
    if (!isnan(e->min) && !isnan(e->max))
        dcd_buf_puts(b, "..");
    if (!isnan(e->max))
        dcd_fmt_num(b, e->max, style, dec, DCD_OUT_CSV);
    return b->failed ? -1 : 0;
}

/* The published, difference and tolerance cells of one-sided E: the range,
 * then "not determined" twice (there is no single published value). */
static void add_bounds(dcd_table *t, const dcd_expect *e, dcd_num_style style, int dec)
{
    dcd_buf b = {0};
    if (bounds_text(&b, e, style, dec) == 0)
        dcd_table_text(t, dcd_buf_str(&b));
    else
        t->failed = 1;
    dcd_buf_free(&b);
}

/* Adds the cells of a one-sided R to a terminal or Markdown table. */
static void add_one_sided_row(dcd_table *t, const row *r)
{
    const dcd_expect *e = r->e;
    int dp = decimals(e->min), dq = decimals(e->max);
    if (dq > dp)
        dp = dq;
    int dm = dp < 6 ? dp + 1 : 6;
    add_bounds(t, e, DCD_NUM_FIXED, dp);
    dcd_table_num(t, r->model, DCD_NUM_FIXED, dm);
    dcd_table_num(t, NAN, DCD_NUM_FIXED, 0);
    dcd_table_num(t, NAN, DCD_NUM_FIXED, 0);
}

/* Adds the cells of R to a terminal or Markdown table. */
static void add_row(dcd_table *t, const row *r)
{
    const dcd_expect *e = r->e;
    const dcd_scenario *sc = r->sc;
    /* The published value keeps the precision of its value or tolerance
     * (8.0 +- 0.3 shows as 8.0); the model shows one more decimal. */
    int dp = decimals(e->value), dt = decimals(e->tolerance);
    if (dt > dp)
        dp = dt;
    int dm = dp < 6 ? dp + 1 : 6;
    dcd_table_text(t, sc->study ? sc->study : sc->name);
    dcd_table_text(t, sc->case_name ? sc->case_name : "-");
    dcd_table_text(t, e->metric);
    dcd_table_int(t, e->year);
    if (one_sided(e)) {
        add_one_sided_row(t, r);
    } else {
        dcd_table_num(t, e->value, DCD_NUM_FIXED, dp);
        dcd_table_num(t, r->model, DCD_NUM_FIXED, dm);
        dcd_table_num(t, r->model - e->value, DCD_NUM_SIGNED, dm);
        dcd_table_num(t, e->tolerance, DCD_NUM_FIXED, dt);
    }
    dcd_table_text(t, r->pass ? "pass" : "FAIL");
}

/* Adds the cells of R to the CSV table: numbers in full, the source. */
static void add_csv_row(dcd_table *t, const row *r)
{
    const dcd_scenario *sc = r->sc;
    const dcd_expect *e = r->e;
    int m = dcd_total_index(e->metric);
    dcd_table_text(t, sc->study ? sc->study : sc->name);
    dcd_table_text(t, sc->case_name);
    dcd_table_text(t, sc->name);
    dcd_table_text(t, sc->path);
    dcd_table_text(t, e->metric);
    dcd_table_text(t, m >= 0 ? dcd_total_info[m].unit : "");
    dcd_table_int(t, e->year);
    if (one_sided(e)) {
        add_bounds(t, e, DCD_NUM_PLAIN, 0);
        dcd_table_num(t, r->model, DCD_NUM_PLAIN, 0);
        dcd_table_num(t, NAN, DCD_NUM_PLAIN, 0);
        dcd_table_num(t, NAN, DCD_NUM_PLAIN, 0);
    } else {
        dcd_table_num(t, e->value, DCD_NUM_PLAIN, 0);
        dcd_table_num(t, r->model, DCD_NUM_PLAIN, 0);
        dcd_table_num(t, r->model - e->value, DCD_NUM_PLAIN, 0);
        dcd_table_num(t, e->tolerance, DCD_NUM_PLAIN, 0);
    }
    dcd_table_text(t, r->pass ? "pass" : "FAIL");
    dcd_table_text(t, e->source);
}

int dcd_check_passes(const dcd_expect *e, double model)
{
    if (!isfinite(model))
        return 0;
    if (one_sided(e))
        return (isnan(e->min) || model >= e->min - 1e-9 * fmax(1, fabs(e->min))) &&
               (isnan(e->max) || model <= e->max + 1e-9 * fmax(1, fabs(e->max)));
    return fabs(model - e->value) <= e->tolerance + 1e-9 * fmax(1, fabs(e->value));
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
        w->pass = dcd_check_passes(e, w->model);
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
    static const dcd_table_style style = {"  ", 1, NULL};
    dcd_table t;
    int csv = kind == DCD_OUT_CSV;
    const dcd_table_col *cols = TERM_COLS;
    if (csv)
        cols = CSV_COLS;
    else if (kind == DCD_OUT_MD || kind == DCD_OUT_HTML)
        cols = MD_COLS;
    dcd_table_init(&t, cols, csv ? NCSV : NCOL);
    for (size_t i = 0; i < c->nrows; i++) {
        if (!shown(&c->rows[i], failed_only))
            continue;
        if (csv)
            add_csv_row(&t, &c->rows[i]);
        else
            add_row(&t, &c->rows[i]);
    }
    int rc = 0;
    if (csv || dcd_table_rows(&t) > 0)
        rc = dcd_table_write(&t, kind, &style, out);
    dcd_table_free(&t);
    return rc;
}
