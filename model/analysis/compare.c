/* compare.c - scenarios side by side: building the comparison (dcd_compare.h).
 * Its renderers: compare_text.c (terminal), compare_files.c (CSV, Markdown,
 * the written folder).
 *
 * The assumptions table is built from each scenario's resolved document
 * (sc->tree): the same text `dcdemand show` prints, so a row's path is the
 * path `--set` takes.  Rows are merged in document order: a path that only
 * a later column has is placed after the last row that column shares with
 * the earlier ones.  docs/compare.md describes the outputs.
 */
#include "dcd_compare.h"

#include "dcd_output.h"
#include "dcd_schema.h"
#include "dcd_vec.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const int dcd_compare_metrics[DCD_COMPARE_NMETRIC] = {
    DCD_T_DC_TWH,       DCD_T_AI_TWH,           DCD_T_NATIONAL_TWH,   DCD_T_DC_SHARE_PCT,
    DCD_T_AI_SHARE_PCT, DCD_T_DC_IT_GW,         DCD_T_DC_FACILITY_GW, DCD_T_DC_LOAD_GW,
    DCD_T_ADDITIONS_GW, DCD_C_ADDITIONS_CUM_GW, DCD_C_CAPEX_BN_USD,   DCD_C_CAPEX_CUM_BN_USD,
    DCD_T_CO2_MT};

static const dcd_metric_info DERIVED[DCD_C_NALL - DCD_NTOTAL] = {
    {"additions_cum_gw", "GW", "IT capacity added since the base year"},
    {"capex_bn_usd", "bn USD", "Capital spending in the year"},
    {"capex_cum_bn_usd", "bn USD", "Capital spending since the base year"},
};

const dcd_metric_info *dcd_compare_metric_info(int m)
{
    if (m >= 0 && m < DCD_NTOTAL)
        return &dcd_total_info[m];
    if (m >= DCD_NTOTAL && m < DCD_C_NALL)
        return &DERIVED[m - DCD_NTOTAL];
    return NULL;
}

const int dcd_compare_default_years[DCD_COMPARE_NDEFAULT_YEARS] = {2025, 2030, 2035};

/* Keys of the top level that hold prose or labels, not assumptions. */
static const char *const SKIP_TOP[] = {"name", "title",  "description", "sources", "study",
                                       "case", "expect", "history",     "extends", NULL};

static int in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return 1;
    return 0;
}

/* ---- units --------------------------------------------------------------- */

/* The schema's units as compare's narrow unit column writes them: the
 * qualifiers the docs give ("GW of IT", "USD per MW of IT") dropped, since
 * the input's path already says which (capacity_gw is IT capacity). */
static const struct {
    const char *schema, *shown;
} SHORT_UNITS[] = {
    {"GW of IT", "GW"},
    {"USD per MW of IT", "USD/MW"},
    {"L per IT kWh", "L/kWh"},
    {"fraction of rated power", "fraction"},
};

const char *dcd_compare_unit(const char *path)
{
    const dcd_key_info *k = dcd_schema_lookup(path);
    if (!k)
        return "";
    switch (k->type) {
    case DCD_KEY_NUMBER:
    case DCD_KEY_SERIES:
    case DCD_KEY_YEAR:
    case DCD_KEY_LIFETIME: break;
    default: return ""; /* text, choices, flags, mappings: no unit */
    }
    for (size_t i = 0; i < sizeof SHORT_UNITS / sizeof *SHORT_UNITS; i++)
        if (strcmp(k->unit, SHORT_UNITS[i].schema) == 0)
            return SHORT_UNITS[i].shown;
    return k->unit;
}

/* ---- compact cells --------------------------------------------------------- */

/* Parses the whole of T as a finite number. */
static int parse_number(const char *t, double *out)
{
    if (!*t || isspace((unsigned char)*t))
        return -1;
    char *end;
    errno = 0;
    double x = strtod(t, &end);
    if (*end || errno == ERANGE || !isfinite(x))
        return -1;
    /* strtod also reads "inf", "nan" and hexadecimal: not scenario numbers. */
    for (const char *p = t; *p; p++)
        if (!strchr("0123456789+-.eE", *p))
            return -1;
    *out = x;
    return 0;
}

static void put_scalar(dcd_buf *b, const dcd_node *n)
{
    double x;
    if (n->plain && parse_number(n->text, &x) == 0)
        dcd_fmt_num(b, x, DCD_NUM_COMPACT, 0, DCD_OUT_TERM);
    else
        dcd_buf_puts(b, n->text ? n->text : "");
}

typedef struct yearkey {
    long year;
    size_t index;
} yearkey;

static int cmp_yearkey(const void *a, const void *b)
{
    const yearkey *x = a, *y = b;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

int dcd_compare_cell(const dcd_node *n, dcd_buf *out)
{
    if (!n || n->kind == DCD_NODE_NULL)
        return dcd_buf_puts(out, "~");
    if (n->kind == DCD_NODE_SCALAR) {
        put_scalar(out, n);
        return out->failed ? -1 : 0;
    }
    if (n->kind == DCD_NODE_SEQ) {
        dcd_buf_puts(out, "[");
        for (size_t i = 0; i < n->n; i++) {
            if (i)
                dcd_buf_puts(out, ", ");
            if (dcd_compare_cell(n->vals[i], out) != 0)
                return -1;
        }
        dcd_buf_puts(out, "]");
        return out->failed ? -1 : 0;
    }
    if (!dcd_node_is_series(n)) {
        dcd_buf_puts(out, "{");
        for (size_t i = 0; i < n->n; i++) {
            dcd_buf_printf(out, "%s%s: ", i ? ", " : "", n->keys[i]->text ? n->keys[i]->text : "");
            if (dcd_compare_cell(n->vals[i], out) != 0)
                return -1;
        }
        dcd_buf_puts(out, "}");
        return out->failed ? -1 : 0;
    }
    /* A series: points by year, then its interpolation. */
    yearkey *k = malloc((n->n ? n->n : 1) * sizeof *k);
    if (!k) {
        out->failed = 1;
        return -1;
    }
    size_t nk = 0;
    const dcd_node *interp = NULL;
    for (size_t i = 0; i < n->n; i++) {
        const char *t = n->keys[i]->text ? n->keys[i]->text : "";
        if (strcmp(t, "interpolation") == 0) {
            interp = n->vals[i];
            continue;
        }
        k[nk].year = strtol(t, NULL, 10);
        k[nk].index = i;
        nk++;
    }
    qsort(k, nk, sizeof *k, cmp_yearkey);
    for (size_t i = 0; i < nk; i++) {
        dcd_buf_printf(out, "%s%s: ", i ? ", " : "", n->keys[k[i].index]->text);
        dcd_compare_cell(n->vals[k[i].index], out);
    }
    if (interp) {
        dcd_buf_printf(out, "%sinterpolation: ", nk ? ", " : "");
        dcd_compare_cell(interp, out);
    }
    free(k);
    return out->failed ? -1 : 0;
}

/* ---- results ---------------------------------------------------------------- */

double dcd_compare_value(const dcd_results *r, int m, int year)
{
    if (!r || m < 0 || m >= DCD_NTOTAL || year < r->start || year >= r->start + (int)r->ny)
        return NAN;
    return DCD_TOTAL(r, m, (size_t)(year - r->start));
}

/* The sum of total metric M over the years after SC's base year up to
 * YEAR, times SCALE; 0 in the base year, NaN before it, outside R's years
 * or when a year's value is NaN. */
static double since_base(const dcd_scenario *sc, const dcd_results *r, int m, int year,
                         double scale)
{
    int base = sc ? sc->base : r->start;
    if (year < base || isnan(dcd_compare_value(r, m, year)))
        return NAN;
    double sum = 0;
    for (int y = base + 1; y <= year; y++)
        sum += dcd_compare_value(r, m, y);
    return sum * scale;
}

double dcd_compare_metric_value(const dcd_scenario *sc, const dcd_results *r, int m, int year)
{
    if (!r)
        return NAN;
    switch (m) {
    case DCD_C_ADDITIONS_CUM_GW: return since_base(sc, r, DCD_T_ADDITIONS_GW, year, 1);
    case DCD_C_CAPEX_BN_USD: return dcd_compare_value(r, DCD_T_CAPEX_USD, year) * 1e-9;
    case DCD_C_CAPEX_CUM_BN_USD: return since_base(sc, r, DCD_T_CAPEX_USD, year, 1e-9);
    default: return dcd_compare_value(r, m, year);
    }
}

int dcd_compare_decimals(int m)
{
    return strcmp(dcd_total_info[m].unit, "%") == 0 ? 2 : 1;
}

double dcd_compare_rel_pct(double v, double ref)
{
    if (isnan(v) || isnan(ref))
        return NAN;
    if (ref == 0)
        return v == 0 ? 0 : NAN;
    return 100.0 * (v - ref) / fabs(ref);
}

/* ---- building ---------------------------------------------------------------- */

/* Appends a copy of sentence S to the notes. */
static int push_note(dcd_compare *c, const char *s)
{
    if (c->nnotes == c->capnotes) {
        char **p = dcd_vec_grow(c->notes, &c->capnotes, c->nnotes + 1, sizeof *p);
        if (!p)
            return -1;
        c->notes = p;
    }
    if (!(c->notes[c->nnotes] = dcd_strdup(s)))
        return -1;
    c->nnotes++;
    return 0;
}

static int add_note(dcd_compare *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int add_note(dcd_compare *c, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    return push_note(c, tmp);
}

/* Adds the note in B (an assembled sentence). */
static int add_note_buf(dcd_compare *c, dcd_buf *b)
{
    if (b->failed)
        return -1;
    return push_note(c, dcd_buf_str(b));
}

static size_t find_row(const dcd_compare *c, const char *path)
{
    for (size_t i = 0; i < c->nrows; i++)
        if (strcmp(c->rows[i].path, path) == 0)
            return i;
    return (size_t)-1;
}

/* Inserts a row for PATH at index AT, with empty cells. */
static int insert_row(dcd_compare *c, size_t at, const char *path)
{
    if (c->nrows == c->caprows) {
        dcd_compare_row *p = dcd_vec_grow(c->rows, &c->caprows, c->nrows + 1, sizeof *p);
        if (!p)
            return -1;
        c->rows = p;
    }
    dcd_compare_row row = {0};
    row.path = dcd_strdup(path);
    row.cells = calloc(c->ncol, sizeof *row.cells);
    if (!row.path || !row.cells) {
        free(row.path);
        free(row.cells);
        return -1;
    }
    row.unit = dcd_compare_unit(path);
    memmove(c->rows + at + 1, c->rows + at, (c->nrows - at) * sizeof *c->rows);
    c->rows[at] = row;
    c->nrows++;
    return 0;
}

/* The walk through one column's document. */
typedef struct walker {
    dcd_compare *c;
    size_t col;
    size_t last; /* index of the row after which a new path goes */
    dcd_buf path, cell;
} walker;

/* Number of leading dot-separated keys that paths A and B share. */
static size_t common_keys(const char *a, const char *b)
{
    size_t n = 0;
    for (;; a++, b++) {
        if ((*a == '.' || !*a) && (*b == '.' || !*b)) {
            n++;
            if (!*a || !*b)
                return n;
        } else if (*a != *b) {
            return n;
        }
    }
}

/* Where a new row for PATH goes: the first column appends; a later column
 * puts it after the last row that shares the most leading keys with it
 * (so that a segment's inputs stay together), or, when it shares none,
 * after the last row this column has (at the top when it has none yet). */
static size_t insert_at(const walker *w, const char *path)
{
    if (w->col == 0)
        return w->c->nrows;
    size_t best = 0, at = (size_t)-1;
    for (size_t i = 0; i < w->c->nrows; i++) {
        size_t k = common_keys(w->c->rows[i].path, path);
        if (k > 0 && k >= best) {
            best = k;
            at = i;
        }
    }
    if (at != (size_t)-1)
        return at + 1;
    return w->last == (size_t)-1 ? 0 : w->last + 1;
}

static int walk(walker *w, const dcd_node *m, int depth)
{
    for (size_t i = 0; i < m->n; i++) {
        const char *key = m->keys[i]->text ? m->keys[i]->text : "";
        if ((depth == 0 && in_list(key, SKIP_TOP)) || strcmp(key, "description") == 0)
            continue;
        size_t save = w->path.len;
        if (save)
            dcd_buf_puts(&w->path, ".");
        dcd_buf_puts(&w->path, key);
        const dcd_node *v = m->vals[i];
        int rc = 0;
        if (v && v->kind == DCD_NODE_MAP && v->n > 0 && !dcd_node_is_series(v) &&
            depth < DCD_TREE_MAX_DEPTH) {
            rc = walk(w, v, depth + 1);
        } else if (!w->path.failed) {
            dcd_buf_clear(&w->cell);
            if (dcd_compare_cell(v, &w->cell) != 0)
                return -1;
            const char *p = dcd_buf_str(&w->path);
            size_t at = find_row(w->c, p);
            if (at == (size_t)-1) {
                at = insert_at(w, p);
                if (insert_row(w->c, at, p) != 0)
                    return -1;
            }
            dcd_compare_row *row = &w->c->rows[at];
            if (!row->cells[w->col] && !(row->cells[w->col] = dcd_strdup(dcd_buf_str(&w->cell))))
                return -1;
            w->last = at;
        }
        if (rc != 0 || w->path.failed)
            return -1;
        w->path.len = save;
        w->path.data[save] = '\0';
    }
    return 0;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int col_has_year(const dcd_compare_col *col, int y)
{
    return y >= col->r->start && y < col->r->start + (int)col->r->ny;
}

/* Chooses the result years; returns DCD_OK or DCD_EUSAGE (none available). */
static int choose_years(dcd_compare *c, const int *years, size_t nyears)
{
    int asked = years && nyears > 0;
    if (!asked) {
        years = dcd_compare_default_years;
        nyears = DCD_COMPARE_NDEFAULT_YEARS;
    }
    int tmp[DCD_COMPARE_MAX_YEARS];
    size_t n = 0;
    for (size_t i = 0; i < nyears && n < DCD_COMPARE_MAX_YEARS; i++) {
        int found = 0;
        for (size_t j = 0; j < c->ncol && !found; j++)
            found = col_has_year(&c->cols[j], years[i]);
        int dup = 0;
        for (size_t j = 0; j < n; j++)
            dup |= tmp[j] == years[i];
        if (found && !dup)
            tmp[n++] = years[i];
        else if (!found && asked &&
                 add_note(c, "%d is outside every scenario's years; left out", years[i]) != 0)
            return DCD_ENOMEM;
    }
    if (n == 0) {
        if (asked)
            return DCD_EUSAGE;
        int last = c->cols[0].r->start + (int)c->cols[0].r->ny - 1;
        for (size_t j = 1; j < c->ncol; j++) {
            int e = c->cols[j].r->start + (int)c->cols[j].r->ny - 1;
            if (e > last)
                last = e;
        }
        tmp[n++] = last;
    }
    qsort(tmp, n, sizeof *tmp, cmp_int);
    memcpy(c->years, tmp, n * sizeof *tmp);
    c->nyears = n;
    return DCD_OK;
}

static int segment_index(const dcd_scenario *sc, const char *name)
{
    for (size_t i = 0; i < sc->nsegments; i++)
        if (strcmp(sc->segments[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* Notes on years and segments that are not the same in every column. */
static int shape_notes(dcd_compare *c)
{
    int years_differ = 0, segs_differ = 0;
    const dcd_scenario *a = c->cols[0].sc;
    for (size_t j = 1; j < c->ncol; j++) {
        const dcd_scenario *s = c->cols[j].sc;
        if (s->start != a->start || s->end != a->end)
            years_differ = 1;
        if (s->nsegments != a->nsegments)
            segs_differ = 1;
        for (size_t k = 0; k < s->nsegments && !segs_differ; k++)
            if (segment_index(a, s->segments[k].name) < 0)
                segs_differ = 1;
    }
    dcd_buf b = {0};
    int rc = 0;
    if (years_differ) {
        dcd_buf_puts(&b, "years differ (");
        for (size_t j = 0; j < c->ncol; j++)
            dcd_buf_printf(&b, "%s%s %d-%d", j ? ", " : "", c->cols[j].label, c->cols[j].sc->start,
                           c->cols[j].sc->end);
        dcd_buf_puts(&b, "): a year outside a scenario's range is left empty");
        rc = add_note_buf(c, &b);
    }
    if (rc == 0 && segs_differ) {
        dcd_buf_clear(&b);
        dcd_buf_puts(&b, "segments differ (");
        for (size_t j = 0; j < c->ncol; j++) {
            dcd_buf_printf(&b, "%s%s: ", j ? "; " : "", c->cols[j].label);
            for (size_t k = 0; k < c->cols[j].sc->nsegments; k++) {
                /* A segment by its label when it has one, its key after. */
                const dcd_segment *g = &c->cols[j].sc->segments[k];
                if (g->label && *g->label)
                    dcd_buf_printf(&b, "%s%s (%s)", k ? ", " : "", g->label, g->name);
                else
                    dcd_buf_printf(&b, "%s%s", k ? ", " : "", g->name);
            }
        }
        dcd_buf_puts(&b, "): inputs of a segment a scenario lacks are left empty; "
                         "results compare the totals");
        rc = add_note_buf(c, &b);
    }
    dcd_buf_free(&b);
    return rc;
}

static int choose_metrics(dcd_compare *c)
{
    c->nmetrics = 0;
    for (size_t k = 0; k < DCD_COMPARE_NMETRIC; k++) {
        int m = dcd_compare_metrics[k], any = 0;
        for (size_t j = 0; j < c->ncol && !any; j++)
            for (size_t y = 0; y < c->nyears && !any; y++)
                any = !isnan(dcd_compare_metric_value(c->cols[j].sc, c->cols[j].r, m, c->years[y]));
        if (any)
            c->metrics[c->nmetrics++] = m;
        else if (add_note(c, "%s: no scenario gives a value%s; left out",
                          dcd_compare_metric_info(m)->name,
                          m == DCD_T_CO2_MT ? " (it needs grid_intensity_g_per_kwh)" : "") != 0)
            return -1;
    }
    return 0;
}

int dcd_compare_build(const dcd_compare_col *cols, size_t ncol, const int *years, size_t nyears,
                      const char *const *sets, size_t nsets, dcd_compare **out)
{
    *out = NULL;
    if (ncol == 0)
        return DCD_EUSAGE;
    dcd_compare *c = calloc(1, sizeof *c);
    if (!c)
        return DCD_ENOMEM;
    c->cols = cols;
    c->ncol = ncol;
    c->sets = sets;
    c->nsets = nsets;
    int rc = DCD_ENOMEM;

    walker w = {0};
    w.c = c;
    for (size_t j = 0; j < ncol; j++) {
        w.col = j;
        w.last = (size_t)-1;
        dcd_buf_clear(&w.path);
        if (cols[j].sc->tree && cols[j].sc->tree->kind == DCD_NODE_MAP &&
            walk(&w, cols[j].sc->tree, 0) != 0)
            goto fail;
    }
    for (size_t i = 0; i < c->nrows; i++) {
        dcd_compare_row *row = &c->rows[i];
        for (size_t j = 1; j < ncol && !row->differs; j++) {
            const char *a = row->cells[0], *b = row->cells[j];
            row->differs = (!a != !b) || (a && b && strcmp(a, b) != 0);
        }
        c->ndiffer += (size_t)row->differs;
    }
    rc = choose_years(c, years, nyears);
    if (rc != DCD_OK)
        goto fail;
    rc = DCD_ENOMEM;
    if (shape_notes(c) != 0 || choose_metrics(c) != 0)
        goto fail;
    dcd_buf_free(&w.path);
    dcd_buf_free(&w.cell);
    *out = c;
    return DCD_OK;
fail:
    dcd_buf_free(&w.path);
    dcd_buf_free(&w.cell);
    dcd_compare_free(c);
    return rc;
}

void dcd_compare_free(dcd_compare *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nrows; i++) {
        for (size_t j = 0; j < c->ncol; j++)
            free(c->rows[i].cells[j]);
        free(c->rows[i].cells);
        free(c->rows[i].path);
    }
    free(c->rows);
    for (size_t i = 0; i < c->nnotes; i++)
        free(c->notes[i]);
    free(c->notes);
    free(c);
}
