/* values.c - typed values of the scenario document: numbers, years,
 * booleans, text, series and lifetimes, each checked against its range and
 * reported with its position (dcd_load_impl.h). */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_load_impl.h"
#include "dcd_schema.h"
/* Adds a diagnostic located at node N (messages are cut at 512 bytes). */
void dcd_bind_err(dcd_binder *b, const dcd_node *n, const char *fmt, ...)
{
    if (++b->errors > MAX_BIND_ERRORS) {
        if (b->errors == MAX_BIND_ERRORS + 1)
            dcd_diags_add(b->diags, n->file, n->line, n->column,
                          "too many errors; stopped reporting after %d", MAX_BIND_ERRORS);
        return;
    }
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dcd_diags_add(b->diags, n->file, n->line, n->column, "%s", msg);
}

size_t dcd_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40)
        return 99;
    size_t d[41][41];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
            d[i][j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            /* a swap of two neighbours counts as one edit ("titel") */
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < d[i][j])
                d[i][j] = d[i - 2][j - 2] + 1;
        }
    return d[la][lb];
}

/* Reports keys of map M that are not in KNOWN (NULL-terminated).  Keys in
 * OTHER (keys of other drivers) get a "does not apply" message instead. */
void dcd_check_keys(dcd_binder *b, const dcd_node *m, const char *path, const char *const *known,
                    const char *const *other, const char *why_other)
{
    for (size_t i = 0; i < m->n; i++) {
        const dcd_node *k = m->keys[i];
        int found = 0;
        for (const char *const *p = known; *p; p++)
            if (strcmp(*p, k->text) == 0)
                found = 1;
        if (found)
            continue;
        if (other) {
            for (const char *const *p = other; *p; p++)
                if (strcmp(*p, k->text) == 0)
                    found = 1;
            if (found) {
                ERR(b, k, "%s%s%s: does not apply %s", path, *path ? "." : "", k->text, why_other);
                continue;
            }
        }
        const char *best = NULL;
        size_t bestd = 99;
        for (const char *const *p = known; *p; p++) {
            size_t dd = dcd_edit_distance(k->text, *p);
            if (dd < bestd) {
                bestd = dd;
                best = *p;
            }
        }
        size_t kl = strlen(k->text);
        if (!(best && bestd <= (kl < 6 ? 1 : kl / 3 + 1))) {
            /* a known key with a suffix or prefix added: pue_ratio, ai_pue */
            for (const char *const *p = known; *p; p++) {
                size_t pl = strlen(*p);
                if (pl >= 2 && pl < kl &&
                    ((strncmp(k->text, *p, pl) == 0 && k->text[pl] == '_') ||
                     (strcmp(k->text + kl - pl, *p) == 0 && k->text[kl - pl - 1] == '_'))) {
                    best = *p;
                    bestd = 0;
                    break;
                }
            }
        }
        if (best && bestd <= (kl < 6 ? 1 : kl / 3 + 1))
            ERR(b, k, "unknown key '%s' in %s; did you mean '%s'?", k->text,
                *path ? path : "the scenario", best);
        else
            ERR(b, k, "unknown key '%s' in %s", k->text, *path ? path : "the scenario");
    }
}

const char *dcd_kind_name(const dcd_node *n)
{
    switch (n->kind) {
    case DCD_NODE_NULL: return "nothing";
    case DCD_NODE_MAP: return "a mapping";
    case DCD_NODE_SEQ: return "a list";
    default: return n->plain ? "text" : "quoted text";
    }
}

/* "'TEXT'" for a scalar (cut at 60 bytes), else the kind of node, for
 * "found ..." in messages.  Returns BUF or a static string. */
const char *dcd_found_desc(const dcd_node *n, char *buf, size_t cap)
{
    if (n->kind != DCD_NODE_SCALAR)
        return dcd_kind_name(n);
    snprintf(buf, cap, "'%.60s%s'", n->text, strlen(n->text) > 60 ? "..." : "");
    return buf;
}

dcd_range dcd_range_of(const dcd_key_info *k)
{
    assert(k != NULL);
    dcd_range r = {k->min, k->max, k->min_open, k->expected ? k->expected : "a number"};
    return r;
}

static int in_range(double v, const dcd_range *r)
{
    if (r->lo_open ? !(v > r->lo) : !(v >= r->lo))
        return 0;
    return v <= r->hi;
}

/* 1 when T reads as a number that is not finite (.inf, .nan, 1e999). */
static int non_finite_text(const char *t)
{
    static const char *const words[] = {".inf",  ".Inf",  ".INF",     "+.inf", "+.Inf", "+.INF",
                                        "-.inf", "-.Inf", "-.INF",    ".nan",  ".NaN",  ".NAN",
                                        "inf",   "nan",   "infinity", NULL};
    for (const char *const *w = words; *w; w++)
        if (strcmp(t, *w) == 0)
            return 1;
    double v;
    char *end;
    if (dcd_parse_number_text(t, &v) == 0)
        return 0;
    errno = 0;
    v = strtod(t, &end);
    return *t && !*end && !isfinite(v);
}

int dcd_get_number(dcd_binder *b, const dcd_node *n, const char *path, const dcd_range *r,
                   double *out)
{
    if (n->kind == DCD_NODE_SCALAR && !n->plain) {
        double q;
        if (dcd_parse_number_text(n->text, &q) == 0)
            ERR(b, n, "%s: expected %s, found quoted text \"%s\" (write numbers without quotes)",
                path, r->what, n->text);
        else
            ERR(b, n, "%s: expected %s, found quoted text", path, r->what);
        return -1;
    }
    if (n->kind != DCD_NODE_SCALAR) {
        ERR(b, n, "%s: expected %s, found %s", path, r->what, dcd_kind_name(n));
        return -1;
    }
    double v;
    if (dcd_parse_number_text(n->text, &v) != 0) {
        if (non_finite_text(n->text))
            ERR(b, n, "%s: expected %s, found '%s' (not a finite number)", path, r->what, n->text);
        else
            ERR(b, n, "%s: expected %s, found '%s'", path, r->what, n->text);
        return -1;
    }
    if (!in_range(v, r)) {
        ERR(b, n, "%s: %s is out of range: expected %s", path, n->text, r->what);
        return -1;
    }
    *out = v;
    return 0;
}

int dcd_get_year(dcd_binder *b, const dcd_node *n, const char *path, int lo, int hi, int *out)
{
    double v;
    dcd_range r = {lo, hi, 0, "a year"};
    char what[64];
    snprintf(what, sizeof what, "a whole year in [%d, %d]", lo, hi);
    r.what = what;
    if (dcd_get_number(b, n, path, &r, &v) != 0)
        return -1;
    if (v != floor(v)) {
        ERR(b, n, "%s: expected %s, found '%s'", path, what, n->text);
        return -1;
    }
    *out = (int)v;
    return 0;
}

int dcd_get_bool(dcd_binder *b, const dcd_node *n, const char *path, int *out)
{
    if (n->kind == DCD_NODE_SCALAR && n->plain) {
        if (strcmp(n->text, "true") == 0) {
            *out = 1;
            return 0;
        }
        if (strcmp(n->text, "false") == 0) {
            *out = 0;
            return 0;
        }
    }
    ERR(b, n, "%s: expected true or false, found %s%s%s%s", path, dcd_kind_name(n),
        n->text ? " '" : "", n->text ? n->text : "", n->text ? "'" : "");
    return -1;
}

int dcd_get_string(dcd_binder *b, const dcd_node *n, const char *path, char **out)
{
    if (n->kind != DCD_NODE_SCALAR) {
        ERR(b, n, "%s: expected text, found %s", path, dcd_kind_name(n));
        return -1;
    }
    free(*out);
    *out = dcd_strdup(n->text);
    if (!*out) {
        b->oom = 1;
        return -1;
    }
    return 0;
}

/* A series: a number, or a mapping of years to numbers with an optional
 * `interpolation:` key. */
int dcd_get_series(dcd_binder *b, const dcd_node *n, const char *path, const dcd_range *r,
                   dcd_series *out)
{
    dcd_series_free(out);
    if (n->kind == DCD_NODE_SCALAR) {
        double v;
        if (dcd_get_number(b, n, path, r, &v) != 0)
            return -1;
        if (dcd_series_const(out, v) != 0) {
            b->oom = 1;
            return -1;
        }
        return 0;
    }
    if (n->kind != DCD_NODE_MAP) {
        ERR(b, n, "%s: expected %s or a mapping of years to values, found %s", path, r->what,
            dcd_kind_name(n));
        return -1;
    }
    size_t npts = 0;
    int bad = 0;
    dcd_interp interp = DCD_INTERP_LINEAR;
    for (size_t i = 0; i < n->n; i++)
        if (strcmp(n->keys[i]->text, "interpolation") != 0)
            npts++;
    if (npts == 0) {
        ERR(b, n, "%s: a series needs at least one 'year: value' point", path);
        return -1;
    }
    out->year = malloc(npts * sizeof *out->year);
    out->value = malloc(npts * sizeof *out->value);
    if (!out->year || !out->value) {
        b->oom = 1;
        dcd_series_free(out);
        return -1;
    }
    size_t k = 0;
    char sub[256];
    for (size_t i = 0; i < n->n; i++) {
        const dcd_node *key = n->keys[i], *val = n->vals[i];
        if (strcmp(key->text, "interpolation") == 0) {
            int m = val->kind == DCD_NODE_SCALAR ? dcd_interp_from_name(val->text) : -1;
            if (m < 0) {
                if (val->kind == DCD_NODE_SCALAR)
                    ERR(b, val, "%s.interpolation: expected linear, step or steffen, found '%s'",
                        path, val->text);
                else
                    ERR(b, val, "%s.interpolation: expected linear, step or steffen, found %s",
                        path, dcd_kind_name(val));
                bad = 1;
            } else {
                interp = (dcd_interp)m;
            }
            continue;
        }
        snprintf(sub, sizeof sub, "%s.%s", path, key->text);
        int lo = b->years_ok ? b->start : YEAR_MIN, hi = b->years_ok ? b->end : YEAR_MAX;
        double yv;
        if (!key->plain || dcd_parse_number_text(key->text, &yv) != 0 || yv != floor(yv)) {
            ERR(b, key, "%s: series keys are years; '%s' is not a year", path, key->text);
            bad = 1;
            continue;
        }
        if (yv < lo || yv > hi) {
            if (b->years_ok)
                ERR(b, key, "%s: year %s is outside the scenario's years %d-%d", path, key->text,
                    lo, hi);
            else
                ERR(b, key, "%s: year %s is outside [%d, %d]", path, key->text, lo, hi);
            bad = 1;
            continue;
        }
        double v;
        if (dcd_get_number(b, val, sub, r, &v) != 0) {
            bad = 1;
            continue;
        }
        /* Insert sorted by year (keys are unique: duplicates were refused). */
        size_t j = k;
        while (j > 0 && out->year[j - 1] > yv) {
            out->year[j] = out->year[j - 1];
            out->value[j] = out->value[j - 1];
            j--;
        }
        if (j > 0 && out->year[j - 1] == yv) {
            ERR(b, key, "%s: year %s is given twice", path, key->text);
            bad = 1;
            for (; j < k; j++) { /* undo the shift */
                out->year[j] = out->year[j + 1];
                out->value[j] = out->value[j + 1];
            }
            continue;
        }
        out->year[j] = yv;
        out->value[j] = v;
        k++;
    }
    out->n = k;
    out->interp = interp;
    if (bad) {
        dcd_series_free(out);
        return -1;
    }
    return 0;
}

void dcd_path_join(char *dst, size_t cap, const char *a, const char *b)
{
    /* Paths are short (segment names are at most 40 bytes); a longer one is
     * cut with "..." rather than overflowing. */
    if (snprintf(dst, cap, "%s%s%s", a, *a ? "." : "", b) >= (int)cap && cap > 4)
        memcpy(dst + cap - 4, "...", 4);
}

/* ---- survival ---------------------------------------------------------- */

int dcd_get_survival(dcd_binder *b, const dcd_node *n, const char *path, dcd_survival *sv)
{
    const dcd_range r_years = dcd_range_of(dcd_schema_row("segments.*.lifetime.years")),
                    r_shape = dcd_range_of(dcd_schema_row("segments.*.lifetime.shape"));
    char sub[256];
    if (n->kind == DCD_NODE_SCALAR) {
        sv->kind = DCD_SURV_FIXED;
        return dcd_get_number(b, n, path, &r_years, &sv->years);
    }
    if (n->kind != DCD_NODE_MAP) {
        ERR(b, n,
            "%s: expected a lifetime in years or a mapping {kind: fixed|exponential|weibull, ...}",
            path);
        return -1;
    }
    static const char *const keys[] = {"kind", "years", "scale", "shape", NULL};
    dcd_check_keys(b, n, path, keys, NULL, NULL);
    const dcd_node *kind = dcd_map_get(n, "kind");
    if (!kind) {
        ERR(b, n, "%s: missing key 'kind' (fixed, exponential or weibull)", path);
        return -1;
    }
    int bad = 0;
    dcd_path_join(sub, sizeof sub, path, "kind");
    const dcd_node *years = dcd_map_get(n, "years"), *scale = dcd_map_get(n, "scale"),
                   *shape = dcd_map_get(n, "shape");
    if (kind->kind == DCD_NODE_SCALAR &&
        (strcmp(kind->text, "fixed") == 0 || strcmp(kind->text, "exponential") == 0)) {
        sv->kind = kind->text[0] == 'f' ? DCD_SURV_FIXED : DCD_SURV_EXPONENTIAL;
        if (!years) {
            ERR(b, n, "%s: a %s lifetime needs 'years'", path, kind->text);
            return -1;
        }
        if (scale)
            ERR(b, scale, "%s.scale: only a weibull lifetime takes 'scale'", path), bad = 1;
        if (shape)
            ERR(b, shape, "%s.shape: only a weibull lifetime takes 'shape'", path), bad = 1;
        dcd_path_join(sub, sizeof sub, path, "years");
        if (dcd_get_number(b, years, sub, &r_years, &sv->years) != 0)
            bad = 1;
    } else if (kind->kind == DCD_NODE_SCALAR && strcmp(kind->text, "weibull") == 0) {
        sv->kind = DCD_SURV_WEIBULL;
        if (years)
            ERR(b, years, "%s.years: a weibull lifetime takes 'scale' and 'shape'", path), bad = 1;
        if (!scale || !shape) {
            ERR(b, n, "%s: a weibull lifetime needs 'scale' (years) and 'shape'", path);
            return -1;
        }
        dcd_path_join(sub, sizeof sub, path, "scale");
        if (dcd_get_number(b, scale, sub, &r_years, &sv->scale) != 0)
            bad = 1;
        dcd_path_join(sub, sizeof sub, path, "shape");
        if (dcd_get_number(b, shape, sub, &r_shape, &sv->shape) != 0)
            bad = 1;
    } else {
        char fd[80];
        ERR(b, kind, "%s: expected fixed, exponential or weibull, found %s", sub,
            dcd_found_desc(kind, fd, sizeof fd));
        return -1;
    }
    return bad ? -1 : 0;
}
