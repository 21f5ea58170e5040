/* compare.c - scenarios side by side, and sweep grids (dcd_compare.h).
 *
 * The assumptions table is built from each scenario's resolved document
 * (sc->tree): the same text `dcdemand show` prints, so a row's path is the
 * path `--set` takes.  Rows are merged in document order: a path that only
 * a later column has is placed after the last row that column shares with
 * the earlier ones.  docs/compare.md describes the outputs.
 */
#include "dcd_compare.h"

#include "dcd_output.h"
#include "dcd_compare_charts.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const int dcd_compare_metrics[DCD_COMPARE_NMETRIC] = {
    DCD_T_DC_TWH,       DCD_T_AI_TWH,    DCD_T_NATIONAL_TWH, DCD_T_DC_SHARE_PCT,
    DCD_T_AI_SHARE_PCT, DCD_T_DC_IT_GW, DCD_T_CO2_MT};

const int dcd_compare_default_years[DCD_COMPARE_NDEFAULT_YEARS] = {2025, 2030, 2035};

/* Keys of the top level that hold prose or labels, not assumptions. */
static const char *const SKIP_TOP[] = {"name",    "title",   "description", "sources", "study",
                                       "case",    "expect",  "history",     "extends", NULL};

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

static int in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return 1;
    return 0;
}

/* ---- units --------------------------------------------------------------- */

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* 1 when PATH has the dot-separated key KEY anywhere. */
static int has_key(const char *path, const char *key)
{
    size_t kl = strlen(key);
    for (const char *p = path; (p = strstr(p, key)) != NULL; p++) {
        int left = p == path || p[-1] == '.';
        int right = p[kl] == '\0' || p[kl] == '.';
        if (left && right)
            return 1;
    }
    return 0;
}

const char *dcd_compare_unit(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *last = dot ? dot + 1 : path;

    if (has_key(path, "lifetime") || strcmp(last, "lifetime_years") == 0) {
        if (strcmp(last, "shape") == 0 || strcmp(last, "kind") == 0)
            return "";
        if (strcmp(last, "capacity_gw") != 0)
            return "years";
    }
    if (strncmp(path, "years.", 6) == 0 || strcmp(last, "midpoint_year") == 0)
        return "year";
    if (strcmp(last, "rate") == 0)
        return "1/yr";
    if (strcmp(last, "additions_gw") == 0)
        return "GW/yr";
    if (strcmp(last, "capex_usd") == 0)
        return "USD/yr";
    if (strcmp(last, "cost_per_mw_usd") == 0)
        return "USD/MW";
    if (strcmp(last, "unit_price_usd") == 0)
        return "USD/unit";
    if (strcmp(last, "unit_power_w") == 0)
        return "W/unit";
    if (strcmp(last, "shipments") == 0)
        return "units/yr";
    if (ends_with(last, "g_per_kwh"))
        return "g CO2/kWh";
    if (ends_with(last, "l_per_kwh"))
        return "L/kWh";
    if (strcmp(last, "growth") == 0)
        return "fraction/yr";
    if (strcmp(last, "utilisation") == 0 || strcmp(last, "idle") == 0 ||
        strcmp(last, "equipment_share") == 0)
        return "fraction";
    if (strcmp(last, "pue") == 0)
        return "ratio";
    if (ends_with(last, "_twh"))
        return "TWh";
    if (ends_with(last, "_gw"))
        return "GW";
    if (ends_with(last, "_usd"))
        return "USD";
    if (ends_with(last, "_pct"))
        return "%";
    if (ends_with(last, "_years"))
        return "years";
    if (ends_with(last, "_mt"))
        return "Mt";
    if (ends_with(last, "_w"))
        return "W";
    return "";
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

/* Appends X in its shortest form of at most 12 significant digits, with an
 * exponent (1.5e6, 2e-5) outside [1e-4, 1e6). */
static void put_compact_num(dcd_buf *b, double x)
{
    char ref[40], tmp[48];
    if (x == 0) {
        dcd_buf_puts(b, "0");
        return;
    }
    snprintf(ref, sizeof ref, "%.12g", x);
    double target = strtod(ref, NULL);
    double ax = fabs(x);
    if (ax >= 1e6 || ax < 1e-4) {
        for (int p = 1; p <= 12; p++) {
            snprintf(tmp, sizeof tmp, "%.*e", p - 1, x);
            if (strtod(tmp, NULL) == target)
                break;
        }
        char *e = strchr(tmp, 'e');
        if (!e) {
            dcd_buf_puts(b, tmp);
            return;
        }
        dcd_buf_append(b, tmp, (size_t)(e - tmp));
        dcd_buf_puts(b, "e");
        const char *q = e + 1;
        if (*q == '-')
            dcd_buf_puts(b, "-");
        if (*q == '+' || *q == '-')
            q++;
        while (*q == '0' && q[1])
            q++;
        dcd_buf_puts(b, q);
        return;
    }
    for (int p = 1; p <= 12; p++) {
        snprintf(tmp, sizeof tmp, "%.*g", p, x);
        if (!strchr(tmp, 'e') && strtod(tmp, NULL) == target)
            break;
    }
    dcd_buf_puts(b, tmp);
}

static void put_scalar(dcd_buf *b, const dcd_node *n)
{
    double x;
    if (n->plain && parse_number(n->text, &x) == 0)
        put_compact_num(b, x);
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

double dcd_compare_rel_pct(double v, double ref)
{
    if (isnan(v) || isnan(ref))
        return NAN;
    if (ref == 0)
        return v == 0 ? 0 : NAN;
    return 100.0 * (v - ref) / fabs(ref);
}

/* ---- building ---------------------------------------------------------------- */

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
    char **p = realloc(c->notes, (c->nnotes + 1) * sizeof *p);
    if (!p)
        return -1;
    c->notes = p;
    if (!(c->notes[c->nnotes] = dup_str(tmp)))
        return -1;
    c->nnotes++;
    return 0;
}

/* Adds the note in B (an assembled sentence). */
static int add_note_buf(dcd_compare *c, dcd_buf *b)
{
    if (b->failed)
        return -1;
    char **p = realloc(c->notes, (c->nnotes + 1) * sizeof *p);
    if (!p)
        return -1;
    c->notes = p;
    if (!(c->notes[c->nnotes] = dup_str(dcd_buf_str(b))))
        return -1;
    c->nnotes++;
    return 0;
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
    dcd_compare_row *p = realloc(c->rows, (c->nrows + 1) * sizeof *p);
    if (!p)
        return -1;
    c->rows = p;
    dcd_compare_row row = {0};
    row.path = dup_str(path);
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
            if (!row->cells[w->col] && !(row->cells[w->col] = dup_str(dcd_buf_str(&w->cell))))
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
        else if (!found && asked && add_note(c, "%d is outside every scenario's years; left out",
                                              years[i]) != 0)
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
            for (size_t k = 0; k < c->cols[j].sc->nsegments; k++)
                dcd_buf_printf(&b, "%s%s", k ? ", " : "", c->cols[j].sc->segments[k].name);
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
                any = !isnan(dcd_compare_value(c->cols[j].r, m, c->years[y]));
        if (any)
            c->metrics[c->nmetrics++] = m;
        else if (add_note(c, "%s: no scenario gives a value%s; left out", dcd_total_info[m].name,
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

/* ---- shared formatting ------------------------------------------------------ */

/* Decimals of metric M in tables. */
static int decimals(int m)
{
    return strcmp(dcd_total_info[m].unit, "%") == 0 ? 2 : 1;
}

/* Appends X with DEC decimals (SIGN: with a leading + when positive); no
 * "-0.0"; NaN appends EMPTY. */
static void put_fixed(dcd_buf *b, double x, int dec, int sign, const char *empty)
{
    if (isnan(x)) {
        dcd_buf_puts(b, empty);
        return;
    }
    char tmp[64];
    snprintf(tmp, sizeof tmp, sign ? "%+.*f" : "%.*f", dec, x);
    /* A value that rounds to zero shows without a sign (or as +0.0). */
    int zero = 1;
    for (const char *p = tmp; *p; p++)
        if (*p >= '1' && *p <= '9')
            zero = 0;
    if (zero)
        snprintf(tmp, sizeof tmp, "%.*f", dec, 0.0);
    dcd_buf_puts(b, tmp);
}

/* Display width of S: UTF-8 characters. */
static size_t text_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            w++;
    return w;
}

/* Appends LEN bytes of S with control characters as spaces. */
static void put_clean(dcd_buf *b, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        char o = (ch < 0x20 || ch == 0x7f) ? ' ' : (char)ch;
        dcd_buf_append(b, &o, 1);
    }
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
static void put_wrapped(dcd_buf *b, const char *first, const char *text, size_t indent, size_t width)
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

    size_t pw = 5, uw = 4;
    size_t *cw = calloc(c->ncol, sizeof *cw), *colw = calloc(c->ncol, sizeof *colw);
    size_t *firsts = calloc(c->ncol, sizeof *firsts), *ends = calloc(c->ncol, sizeof *ends);
    size_t *vis = calloc(c->ncol, sizeof *vis), *pos = calloc(c->ncol, sizeof *pos);
    size_t *natural = calloc(c->ncol, sizeof *natural), *gw = calloc(c->ncol, sizeof *gw);
    if (!cw || !colw || !firsts || !ends || !vis || !pos || !natural || !gw) {
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
        /* Header. */
        dcd_buf_puts(b, "  ");
        put_pad(b, "input", 5, pw, 0);
        dcd_buf_puts(b, "  ");
        put_pad(b, "unit", 4, uw, 0);
        for (size_t j = 0; j < c->ncol; j++) {
            if (j && (j < firsts[g] || j >= ends[g]))
                continue;
            dcd_buf_puts(b, "  ");
            put_pad(b, c->cols[j].label, strlen(c->cols[j].label), gw[j], 0);
        }
        end_line(b);
        for (size_t i = 0; i < c->nrows; i++) {
            const dcd_compare_row *row = &c->rows[i];
            /* Marks and --diff-only go by the columns shown. */
            int any = 0, differs = 0;
            for (size_t k = 0; k < nvis; k++) {
                const char *x = row->cells[vis[k]], *y = row->cells[vis[0]];
                pos[k] = 0;
                any |= x != NULL;
                differs |= (!x != !y) || (x && y && strcmp(x, y) != 0);
            }
            if (!any || (diff_only && !differs)) /* only another group's columns have it */
                continue;
            int first = 1;
            if (slen(row->path) > pw) { /* a long path gets a line of its own */
                dcd_buf_puts(b, differs ? "* " : "  ");
                put_clean(b, row->path, strlen(row->path));
                end_line(b);
                first = 0;
            }
            for (int more = 1, head = 1; more; first = 0, head = 0) {
                more = 0;
                dcd_buf_puts(b, first && differs ? "* " : "  ");
                if (first) {
                    put_pad(b, row->path, strlen(row->path), pw, 0);
                    dcd_buf_puts(b, "  ");
                    put_pad(b, row->unit, strlen(row->unit), uw, 0);
                } else if (head) {
                    put_spaces(b, pw + 2);
                    put_pad(b, row->unit, strlen(row->unit), uw, 0);
                } else {
                    put_spaces(b, pw + 2 + uw);
                }
                for (size_t k = 0; k < nvis; k++) {
                    size_t j = vis[k];
                    const char *cell = row->cells[j];
                    size_t start = 0, len = 0;
                    if (!cell) {
                        cell = head ? "-" : "";
                        len = strlen(cell);
                    } else {
                        next_piece(cell, &pos[k], gw[j], &start, &len);
                        if (cell[pos[k]])
                            more = 1;
                    }
                    dcd_buf_puts(b, "  ");
                    put_pad(b, cell + start, len, gw[j], 0);
                }
                end_line(b);
            }
        }
    }
done:
    free(natural);
    free(gw);
    free(vis);
    free(pos);
    free(cw);
    free(colw);
    free(firsts);
    free(ends);
}

static void text_results(const dcd_compare *c, size_t width, dcd_buf *b)
{
    dcd_buf_puts(b, "\n");
    if (c->ncol > 1)
        dcd_buf_printf(b, "Results (diff: difference to %s, absolute and in %%)\n",
                       c->cols[0].label);
    else
        dcd_buf_puts(b, "Results\n");
    size_t mw = 6, unw = 4;
    for (size_t k = 0; k < c->nmetrics; k++) {
        mw = max_sz(mw, slen(dcd_total_info[c->metrics[k]].name));
        unw = max_sz(unw, slen(dcd_total_info[c->metrics[k]].unit));
    }
    size_t *vw = calloc(c->ncol, sizeof *vw), *colw = calloc(c->ncol, sizeof *colw);
    size_t *firsts = calloc(c->ncol, sizeof *firsts), *ends = calloc(c->ncol, sizeof *ends);
    dcd_buf cell = {0};
    if (!vw || !colw || !firsts || !ends) {
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
        dcd_buf_puts(b, "  ");
        put_pad(b, "metric", 6, mw, 0);
        dcd_buf_puts(b, "  ");
        put_pad(b, "unit", 4, unw, 0);
        dcd_buf_puts(b, "  year");
        for (size_t j = 0; j < c->ncol; j++) {
            if (j && (j < firsts[g] || j >= ends[g]))
                continue;
            dcd_buf_puts(b, "  ");
            put_pad(b, c->cols[j].label, strlen(c->cols[j].label), vw[j], 1);
            if (j) {
                dcd_buf_puts(b, "  ");
                put_pad(b, "diff", 4, DW, 1);
                dcd_buf_puts(b, "  ");
                put_pad(b, "diff%", 5, PW, 1);
            }
        }
        end_line(b);
        for (size_t k = 0; k < c->nmetrics; k++) {
            int m = c->metrics[k], dec = decimals(m);
            for (size_t y = 0; y < c->nyears; y++) {
                const char *name = y ? "" : dcd_total_info[m].name;
                const char *unit = y ? "" : dcd_total_info[m].unit;
                dcd_buf_puts(b, "  ");
                put_pad(b, name, strlen(name), mw, 0);
                dcd_buf_puts(b, "  ");
                put_pad(b, unit, strlen(unit), unw, 0);
                dcd_buf_printf(b, "  %4d", c->years[y]);
                double ref = dcd_compare_value(c->cols[0].r, m, c->years[y]);
                for (size_t j = 0; j < c->ncol; j++) {
                    if (j && (j < firsts[g] || j >= ends[g]))
                        continue;
                    double v = dcd_compare_value(c->cols[j].r, m, c->years[y]);
                    dcd_buf_clear(&cell);
                    put_fixed(&cell, v, dec, 0, "-");
                    dcd_buf_puts(b, "  ");
                    put_pad(b, dcd_buf_str(&cell), cell.len, vw[j], 1);
                    if (!j)
                        continue;
                    dcd_buf_clear(&cell);
                    put_fixed(&cell, v - ref, dec, 1, "-");
                    dcd_buf_puts(b, "  ");
                    put_pad(b, dcd_buf_str(&cell), cell.len, DW, 1);
                    dcd_buf_clear(&cell);
                    double rel = dcd_compare_rel_pct(v, ref);
                    put_fixed(&cell, rel, 1, 1, "-");
                    if (!isnan(rel))
                        dcd_buf_puts(&cell, "%");
                    dcd_buf_puts(b, "  ");
                    put_pad(b, dcd_buf_str(&cell), cell.len, PW, 1);
                }
                end_line(b);
            }
        }
    }
done:
    if (cell.failed)
        b->failed = 1;
    dcd_buf_free(&cell);
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

/* ---- CSV ---------------------------------------------------------------------- */

int dcd_csv_field(dcd_buf *out, const char *s)
{
    if (!s)
        return out->failed ? -1 : 0;
    if (!strpbrk(s, ",\"\r\n"))
        return dcd_buf_puts(out, s);
    dcd_buf_puts(out, "\"");
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            dcd_buf_puts(out, "\"");
        dcd_buf_append(out, p, 1);
    }
    return dcd_buf_puts(out, "\"");
}

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
        for (size_t y = 0; y < c->nyears; y++) {
            double ref = dcd_compare_value(c->cols[0].r, m, c->years[y]);
            for (size_t j = 0; j < c->ncol; j++) {
                double v = dcd_compare_value(c->cols[j].r, m, c->years[y]);
                dcd_buf_printf(out, "result,%s,", dcd_total_info[m].name);
                dcd_csv_field(out, dcd_total_info[m].unit);
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

int dcd_md_text(dcd_buf *out, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch < 0x20 || ch == 0x7f) {
            dcd_buf_puts(out, " ");
            continue;
        }
        if (strchr("\\`*|<>[]#", *p))
            dcd_buf_puts(out, "\\");
        dcd_buf_append(out, p, 1);
    }
    return out->failed ? -1 : 0;
}

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

static void md_scenarios(const dcd_compare *c, dcd_buf *b)
{
    dcd_buf_puts(b, "| scenario | file | overrides | title |\n|---|---|---|---|\n");
    for (size_t j = 0; j < c->ncol; j++) {
        const dcd_compare_col *col = &c->cols[j];
        dcd_buf_puts(b, "| ");
        dcd_md_text(b, col->label);
        dcd_buf_puts(b, " | ");
        md_code(b, col->sc->path ? col->sc->path : "");
        dcd_buf_puts(b, " | ");
        for (size_t k = 0; k < col->nwith; k++) {
            if (k)
                dcd_buf_puts(b, ", ");
            md_code(b, col->with[k]);
        }
        dcd_buf_puts(b, " | ");
        dcd_md_text(b, col->sc->title ? col->sc->title : col->sc->name);
        dcd_buf_puts(b, " |\n");
    }
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
                    "does not have.\n\n| input | unit |");
    for (size_t j = 0; j < c->ncol; j++) {
        dcd_buf_puts(b, " ");
        dcd_md_text(b, c->cols[j].label);
        dcd_buf_puts(b, " |");
    }
    dcd_buf_puts(b, "\n|---|---|");
    for (size_t j = 0; j < c->ncol; j++)
        dcd_buf_puts(b, "---|");
    dcd_buf_puts(b, "\n");
    for (size_t i = 0; i < c->nrows; i++) {
        const dcd_compare_row *row = &c->rows[i];
        if (diff_only && !row->differs)
            continue;
        int bold = row->differs && !diff_only;
        dcd_buf_puts(b, bold ? "| **" : "| ");
        md_code(b, row->path);
        dcd_buf_puts(b, bold ? "** | " : " | ");
        dcd_md_text(b, row->unit);
        dcd_buf_puts(b, " |");
        for (size_t j = 0; j < c->ncol; j++) {
            dcd_buf_puts(b, " ");
            if (row->cells[j])
                dcd_md_text(b, row->cells[j]);
            else
                dcd_buf_puts(b, "-");
            dcd_buf_puts(b, " |");
        }
        dcd_buf_puts(b, "\n");
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
    dcd_buf_puts(b, "| metric | unit | year |");
    for (size_t j = 0; j < c->ncol; j++) {
        dcd_buf_puts(b, " ");
        dcd_md_text(b, c->cols[j].label);
        dcd_buf_puts(b, " |");
    }
    for (size_t j = 1; j < c->ncol; j++) {
        dcd_buf_puts(b, " Δ ");
        dcd_md_text(b, c->cols[j].label);
        dcd_buf_puts(b, " |");
    }
    dcd_buf_puts(b, "\n|---|---|--:|");
    for (size_t j = 0; j < 2 * c->ncol - 1; j++)
        dcd_buf_puts(b, "--:|");
    dcd_buf_puts(b, "\n");
    for (size_t k = 0; k < c->nmetrics; k++) {
        int m = c->metrics[k], dec = decimals(m);
        for (size_t y = 0; y < c->nyears; y++) {
            dcd_buf_printf(b, "| %s | ", dcd_total_info[m].name);
            dcd_md_text(b, dcd_total_info[m].unit);
            dcd_buf_printf(b, " | %d |", c->years[y]);
            double ref = dcd_compare_value(c->cols[0].r, m, c->years[y]);
            for (size_t j = 0; j < c->ncol; j++) {
                dcd_buf_puts(b, " ");
                put_fixed(b, dcd_compare_value(c->cols[j].r, m, c->years[y]), dec, 0, "-");
                dcd_buf_puts(b, " |");
            }
            for (size_t j = 1; j < c->ncol; j++) {
                double v = dcd_compare_value(c->cols[j].r, m, c->years[y]);
                double rel = dcd_compare_rel_pct(v, ref);
                dcd_buf_puts(b, " ");
                put_fixed(b, v - ref, dec, 1, "-");
                if (!isnan(rel)) {
                    dcd_buf_puts(b, " (");
                    put_fixed(b, rel, 1, 1, "");
                    dcd_buf_puts(b, "%)");
                }
                dcd_buf_puts(b, " |");
            }
            dcd_buf_puts(b, "\n");
        }
    }
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

/* ---- sweep grids ----------------------------------------------------------------- */

void dcd_vary_free(dcd_vary *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++)
        free(v->text[i]);
    free(v->text);
    free(v->value);
    free(v->path);
    memset(v, 0, sizeof *v);
}

/* Parses LEN bytes at S as a finite number. */
static int parse_span(const char *s, size_t len, double *out)
{
    char tmp[64];
    if (len == 0 || len >= sizeof tmp)
        return -1;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    return parse_number(tmp, out);
}

int dcd_vary_parse(const char *spec, dcd_vary *v, char *why, size_t whylen)
{
    memset(v, 0, sizeof *v);
    const char *eq = strchr(spec, '=');
    if (!eq || eq == spec) {
        snprintf(why, whylen, "--vary '%s': expected PATH=FROM:TO:STEP or PATH=V1,V2,...", spec);
        return DCD_EUSAGE;
    }
    const char *vals = eq + 1;
    size_t plen = (size_t)(eq - spec);
    for (size_t i = 0; i < plen; i++)
        if (isspace((unsigned char)spec[i]) || (i + 1 < plen && spec[i] == '.' && spec[i + 1] == '.') ||
            spec[0] == '.' || spec[plen - 1] == '.') {
            snprintf(why, whylen, "--vary '%s': '%.*s' is not a path such as segments.ai.utilisation",
                     spec, (int)plen, spec);
            return DCD_EUSAGE;
        }
    double *value = NULL;
    size_t n = 0;
    if (strchr(vals, ':')) {
        const char *c1 = strchr(vals, ':');
        const char *c2 = strchr(c1 + 1, ':');
        double from, to, step;
        if (!c2 || strchr(c2 + 1, ':') || parse_span(vals, (size_t)(c1 - vals), &from) != 0 ||
            parse_span(c1 + 1, (size_t)(c2 - c1 - 1), &to) != 0 ||
            parse_span(c2 + 1, strlen(c2 + 1), &step) != 0) {
            snprintf(why, whylen, "--vary '%s': a range is FROM:TO:STEP, three numbers, for "
                                  "example 0.3:0.9:0.1", spec);
            return DCD_EUSAGE;
        }
        double q = 0;
        if (to != from) {
            if (step == 0) {
                snprintf(why, whylen, "--vary '%s': STEP must not be 0", spec);
                return DCD_EUSAGE;
            }
            q = (to - from) / step;
            if (q < 0) {
                snprintf(why, whylen, "--vary '%s': STEP %g goes away from TO; use %g", spec, step,
                         -step);
                return DCD_EUSAGE;
            }
        }
        if (!isfinite(q) || q + 1 > (double)DCD_VARY_MAX_VALUES) {
            snprintf(why, whylen, "--vary '%s': more than %d values", spec, DCD_VARY_MAX_VALUES);
            return DCD_EUSAGE;
        }
        n = (size_t)floor(q + 1e-9) + 1;
        value = malloc(n * sizeof *value);
        if (!value)
            return DCD_ENOMEM;
        for (size_t i = 0; i < n; i++)
            value[i] = from + (double)i * step;
        if (n > 1 && fabs(value[n - 1] - to) <= 1e-9 * fabs(step))
            value[n - 1] = to;
    } else {
        n = 1;
        for (const char *p = vals; *p; p++)
            n += *p == ',';
        if (n > DCD_VARY_MAX_VALUES) {
            snprintf(why, whylen, "--vary '%.*s=...': more than %d values", (int)plen, spec,
                     DCD_VARY_MAX_VALUES);
            return DCD_EUSAGE;
        }
        value = malloc(n * sizeof *value);
        if (!value)
            return DCD_ENOMEM;
        const char *p = vals;
        for (size_t i = 0; i < n; i++) {
            size_t len = strcspn(p, ",");
            if (parse_span(p, len, &value[i]) != 0) {
                snprintf(why, whylen, "--vary '%.*s=...': '%.*s' is not a number; give numbers "
                                      "separated by commas, or FROM:TO:STEP", (int)plen, spec,
                         (int)len, p);
                free(value);
                return DCD_EUSAGE;
            }
            p += len + (p[len] == ',');
        }
    }

    v->path = malloc(plen + 1);
    v->text = calloc(n, sizeof *v->text);
    v->value = value;
    if (!v->path || !v->text) {
        dcd_vary_free(v);
        return DCD_ENOMEM;
    }
    memcpy(v->path, spec, plen);
    v->path[plen] = '\0';
    dcd_buf t = {0};
    for (size_t i = 0; i < n; i++) {
        dcd_buf_clear(&t);
        dcd_buf_num(&t, value[i]);
        if (t.failed || !(v->text[i] = dup_str(dcd_buf_str(&t)))) {
            v->n = i;
            dcd_buf_free(&t);
            dcd_vary_free(v);
            return DCD_ENOMEM;
        }
        value[i] = strtod(v->text[i], NULL);
        v->n = i + 1;
        for (size_t k = 0; k < i; k++)
            if (strcmp(v->text[k], v->text[i]) == 0) {
                snprintf(why, whylen, "--vary '%s': the value %s comes twice%s", spec, v->text[i],
                         strchr(vals, ':') ? " (STEP too small for 12 significant digits)" : "");
                dcd_buf_free(&t);
                dcd_vary_free(v);
                return DCD_EUSAGE;
            }
    }
    dcd_buf_free(&t);
    return DCD_OK;
}
