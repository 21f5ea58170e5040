/* scenario.c - load, merge, override and validate scenarios (dcd_scenario.h).
 *
 * Flow: read file -> parse to a node tree (tree.c) -> resolve `extends:`
 * (deep merge, cycles reported) -> apply --set overrides -> bind the tree to
 * the structs, collecting every problem with its file, line and column.
 * The format is documented in docs/scenario-format.md.
 */
#include "dcd_scenario.h"

#include <ctype.h>
#include <errno.h>
#include <gsl/gsl_cdf.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_engine.h"
#include "dcd_sha256.h"

#define MAX_FILE_BYTES (16u << 20)
#define MAX_EXTENDS_DEPTH 16
#define YEAR_MIN 1900
#define YEAR_MAX 2200
#define MAX_YEARS 301
/* More segments than this are refused: every segment adds a row per year
 * and metric to segments.csv and results.json (12000 segments of one line
 * each made a 1 MB file write 1.2 GB in minutes). */
#define MAX_SEGMENTS 1000

/* ---- small helpers ----------------------------------------------------- */

static char *dup_str(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

double dcd_survival_at(const dcd_survival *sv, double age)
{
    switch (sv->kind) {
    case DCD_SURV_FIXED:
        return age < sv->years ? 1.0 : 0.0;
    case DCD_SURV_EXPONENTIAL:
        return exp(-age / sv->years);
    case DCD_SURV_WEIBULL:
        return gsl_cdf_weibull_Q(age, sv->scale, sv->shape);
    }
    return 0.0;
}

size_t dcd_scenario_years(const dcd_scenario *sc)
{
    return (size_t)(sc->end - sc->start + 1);
}

static void free_expects(dcd_expect *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(e[i].metric);
        free(e[i].source);
    }
    free(e);
}

static void free_segment(dcd_segment *g)
{
    free(g->name);
    dcd_series *all[] = {&g->growth, &g->additions_gw, &g->capex_usd, &g->cost_per_mw_usd,
                         &g->shipments, &g->unit_power_w, &g->equipment_share,
                         &g->unit_price_usd, &g->utilisation, &g->idle, &g->pue};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        dcd_series_free(all[i]);
}

void dcd_scenario_free(dcd_scenario *sc)
{
    if (!sc)
        return;
    free(sc->name);
    free(sc->title);
    free(sc->description);
    free(sc->study);
    free(sc->case_name);
    for (size_t i = 0; i < sc->nsources; i++)
        free(sc->sources[i]);
    free(sc->sources);
    dcd_series_free(&sc->pue);
    dcd_series_free(&sc->grid_intensity_g_per_kwh);
    dcd_series_free(&sc->cost_per_mw_usd);
    dcd_series_free(&sc->wue_l_per_kwh);
    dcd_series_free(&sc->national.growth);
    dcd_series_free(&sc->national.forecast_twh);
    for (size_t i = 0; i < sc->nsegments; i++)
        free_segment(&sc->segments[i]);
    free(sc->segments);
    free_expects(sc->expect, sc->nexpect);
    free_expects(sc->history, sc->nhistory);
    dcd_node_free(sc->tree);
    dcd_pool_free(&sc->pool);
    free(sc->path);
    free(sc);
}

void dcd_scenario_safe_name(const dcd_scenario *sc, char *out)
{
    size_t k = 0;
    const char *s = sc->name ? sc->name : "";
    for (; *s && k < 64; s++) {
        unsigned char ch = (unsigned char)*s;
        char c;
        if (isalnum(ch) && ch < 128)
            c = (char)tolower(ch);
        else if (ch == '.' || ch == '_' || ch == '-')
            c = (char)ch;
        else
            c = '-';
        if (k == 0 && (c == '.' || c == '-'))
            continue;
        if (c == '-' && k > 0 && out[k - 1] == '-')
            continue; /* collapse runs of replaced characters */
        out[k++] = c;
    }
    while (k > 0 && (out[k - 1] == '-' || out[k - 1] == '.'))
        k--;
    out[k] = '\0';
    if (k == 0)
        strcpy(out, "scenario");
}

/* ---- reading files ----------------------------------------------------- */

static int read_file(const char *path, char **data, size_t *len, char *why, size_t whylen)
{
    FILE *f = fopen(path, "rb");
    *data = NULL;
    *len = 0;
    if (!f) {
        snprintf(why, whylen, "%s", strerror(errno));
        return -1;
    }
    dcd_buf b = {0};
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + got > MAX_FILE_BYTES) {
            snprintf(why, whylen, "file is larger than %u bytes", MAX_FILE_BYTES);
            goto fail;
        }
        if (dcd_buf_append(&b, chunk, got) != 0) {
            snprintf(why, whylen, "out of memory");
            goto fail;
        }
    }
    if (ferror(f)) {
        snprintf(why, whylen, "%s", strerror(errno ? errno : EIO));
        goto fail;
    }
    fclose(f);
    if (!b.data && dcd_buf_append(&b, "", 0) != 0) {
        snprintf(why, whylen, "out of memory");
        return -1;
    }
    *data = b.data;
    *len = b.len;
    return 0;
fail:
    fclose(f);
    dcd_buf_free(&b);
    return -1;
}

/* ---- loading with extends ---------------------------------------------- */

typedef struct loader {
    dcd_pool *pool;
    dcd_diags *diags;
    dcd_sha256 sha;
    char *stack[MAX_EXTENDS_DEPTH + 1]; /* real paths being loaded */
    const char *names[MAX_EXTENDS_DEPTH + 1]; /* the same, as named (interned) */
    size_t depth;
    int oom;
} loader;

/* Directory part of PATH joined with REL (REL absolute: REL). */
static char *join_relative(const char *path, const char *rel)
{
    if (rel[0] == '/')
        return dup_str(rel);
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path) + 1 : 0;
    size_t rl = strlen(rel);
    char *p = malloc(dl + rl + 1);
    if (!p)
        return NULL;
    memcpy(p, path, dl);
    memcpy(p + dl, rel, rl + 1);
    return p;
}

/* Loads PATH (reported as named) into *ROOT, merging any extends chain.
 * AT is the node that named this file (NULL for the top file).  TEXT, when
 * not NULL, holds the file's TLEN bytes, which are then not read from disk. */
static int load_tree(loader *ld, const char *path, const dcd_node *at, const char *text,
                     size_t tlen, dcd_node **root)
{
    const char *afile = at ? at->file : NULL;
    int aline = at ? at->line : 0, acol = at ? at->column : 0;
    char why[256];
    char *data = NULL;
    size_t len = 0;
    int rc = DCD_OK;
    *root = NULL;

    char *real = text ? dup_str(path) : realpath(path, NULL);
    if (!real && text)
        return DCD_ENOMEM;
    if (!real) {
        if (at)
            dcd_diags_add(ld->diags, afile, aline, acol, "cannot read extended scenario '%s': %s",
                          path, strerror(errno));
        else
            dcd_diags_add(ld->diags, path, 0, 0, "cannot read: %s", strerror(errno));
        return DCD_EINPUT;
    }
    for (size_t i = 0; i < ld->depth; i++) {
        if (strcmp(ld->stack[i], real) == 0) {
            /* "a.yaml -> b.yaml -> a.yaml", as the files were named */
            dcd_buf chain = {0};
            for (size_t j = i; j < ld->depth; j++)
                dcd_buf_printf(&chain, "%s -> ", ld->names[j]);
            dcd_buf_puts(&chain, path);
            if (chain.failed)
                ld->oom = 1;
            else
                dcd_diags_add(ld->diags, afile, aline, acol, "extends cycle: %s", chain.data);
            dcd_buf_free(&chain);
            free(real);
            return chain.failed ? DCD_ENOMEM : DCD_EINPUT;
        }
    }
    if (ld->depth >= MAX_EXTENDS_DEPTH) {
        dcd_diags_add(ld->diags, afile, aline, acol, "extends chain deeper than %d files",
                      MAX_EXTENDS_DEPTH);
        free(real);
        return DCD_EINPUT;
    }
    if (text) {
        len = tlen;
    } else if (read_file(path, &data, &len, why, sizeof why) != 0) {
        if (at)
            dcd_diags_add(ld->diags, afile, aline, acol, "cannot read extended scenario '%s': %s",
                          path, why);
        else
            dcd_diags_add(ld->diags, path, 0, 0, "cannot read: %s", why);
        free(real);
        return DCD_EINPUT;
    }
    const char *name = dcd_pool_intern(ld->pool, path);
    if (!name) {
        free(real);
        free(data);
        return DCD_ENOMEM;
    }
    ld->names[ld->depth] = name;
    ld->stack[ld->depth++] = real;
    const char *bytes = text ? text : data;
    dcd_sha256_update(&ld->sha, bytes, len);

    dcd_node *tree = NULL;
    rc = dcd_tree_parse(bytes, len, name, &tree, ld->diags);
    if (rc != DCD_OK)
        goto done;
    if (!tree || tree->kind != DCD_NODE_MAP) {
        dcd_diags_add(ld->diags, name, tree ? tree->line : 1, tree ? tree->column : 1,
                      "%s: a scenario file is a mapping of keys (name:, years:, segments:, ...)",
                      !tree || tree->kind == DCD_NODE_NULL ? "the file holds no YAML content"
                      : tree->kind == DCD_NODE_SEQ         ? "found a list"
                                                           : "found a single value");
        dcd_node_free(tree);
        rc = DCD_EINPUT;
        goto done;
    }
    dcd_node *ext = dcd_map_get(tree, "extends");
    if (ext) {
        if (ext->kind != DCD_NODE_SCALAR || !ext->text[0]) {
            dcd_diags_add(ld->diags, name, ext->line, ext->column,
                          "extends: expected the path of another scenario file, found %s",
                          ext->kind == DCD_NODE_SEQ   ? "a list"
                          : ext->kind == DCD_NODE_MAP ? "a mapping"
                                                      : "nothing");
            dcd_node_free(tree);
            rc = DCD_EINPUT;
            goto done;
        }
        char *parent_path = join_relative(path, ext->text);
        if (!parent_path) {
            dcd_node_free(tree);
            rc = DCD_ENOMEM;
            goto done;
        }
        dcd_node *parent = NULL;
        rc = load_tree(ld, parent_path, ext, NULL, 0, &parent);
        free(parent_path);
        if (rc != DCD_OK) {
            dcd_node_free(tree);
            goto done;
        }
        dcd_map_remove(tree, "extends");
        if (dcd_tree_merge(parent, tree) != 0) {
            dcd_node_free(parent);
            rc = DCD_ENOMEM;
            goto done;
        }
        tree = parent;
    }
    *root = tree;
done:
    ld->depth--;
    free(ld->stack[ld->depth]);
    free(data);
    return rc;
}

/* ---- --set overrides --------------------------------------------------- */

/* 1 when the text from S to END (exclusive) is a year, the last key of a
 * --set path into a series. */
static int is_year_key(const char *s, const char *end)
{
    if (s >= end || end - s > 4)
        return 0;
    for (; s < end; s++)
        if (!isdigit((unsigned char)*s))
            return 0;
    return 1;
}

static void shift_columns(dcd_node *n, int by)
{
    if (!n)
        return;
    if (n->line == 1)
        n->column += by;
    for (size_t i = 0; i < n->n; i++) {
        if (n->keys)
            shift_columns(n->keys[i], by);
        shift_columns(n->vals[i], by);
    }
}

static int apply_set(loader *ld, dcd_node *root, const char *arg, size_t index)
{
    char label[32];
    snprintf(label, sizeof label, "--set[%zu]", index + 1);
    const char *file = dcd_pool_intern(ld->pool, label);
    if (!file)
        return DCD_ENOMEM;
    dcd_sha256_update(&ld->sha, arg, strlen(arg) + 1);
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg) {
        dcd_diags_add(ld->diags, file, 1, 1, "expected PATH=VALUE, for example "
                                             "segments.ai.utilisation=0.7");
        return DCD_EINPUT;
    }
    size_t plen = (size_t)(eq - arg);
    const char *value = eq + 1;
    if (!*value) {
        dcd_diags_add(ld->diags, file, 1, (int)plen + 2, "empty value after '='");
        return DCD_EINPUT;
    }
    dcd_node *val = NULL;
    int rc = dcd_tree_parse(value, strlen(value), file, &val, ld->diags);
    if (rc != DCD_OK) {
        /* Positions in the value: shift the diagnostics just added. */
        for (size_t i = 0; i < ld->diags->n; i++) {
            dcd_diag *g = &ld->diags->items[i];
            if (!g->file || strcmp(g->file, file) != 0)
                continue;
            if (g->line == 1) {
                g->column += (int)plen + 1;
            } else { /* the end of the text: the end of the argument */
                g->line = 1;
                g->column = (int)strlen(arg) + 1;
            }
        }
        return rc;
    }
    shift_columns(val, (int)plen + 1);
    if (!val) {
        dcd_diags_add(ld->diags, file, 1, (int)plen + 2, "empty value after '='");
        return DCD_EINPUT;
    }

    dcd_node *cur = root;
    const char *seg = arg;
    int col = 1;
    for (;;) {
        const char *dot = memchr(seg, '.', (size_t)(eq - seg));
        const char *end = dot ? dot : eq;
        size_t kl = (size_t)(end - seg);
        if (kl == 0) {
            dcd_diags_add(ld->diags, file, 1, col, "empty key in path '%.*s'", (int)plen, arg);
            dcd_node_free(val);
            return DCD_EINPUT;
        }
        char key[128];
        if (kl >= sizeof key) {
            dcd_diags_add(ld->diags, file, 1, col, "key too long in path");
            dcd_node_free(val);
            return DCD_EINPUT;
        }
        memcpy(key, seg, kl);
        key[kl] = '\0';
        if (!dot) {
            if (val->kind == DCD_NODE_NULL) {
                dcd_map_remove(cur, key);
                dcd_node_free(val);
                return DCD_OK;
            }
            dcd_node *k = dcd_node_new(DCD_NODE_SCALAR, key, file, 1, col);
            if (!k) {
                dcd_node_free(val);
                return DCD_ENOMEM;
            }
            return dcd_map_put(cur, k, val) == 0 ? DCD_OK : DCD_ENOMEM;
        }
        dcd_node *next = dcd_map_get(cur, key);
        if (!next) {
            dcd_node *k = dcd_node_new(DCD_NODE_SCALAR, key, file, 1, col);
            next = dcd_node_new(DCD_NODE_MAP, NULL, file, 1, col);
            if (!k || !next || dcd_map_put(cur, k, next) != 0) {
                if (!k || !next) {
                    dcd_node_free(k);
                    dcd_node_free(next);
                }
                dcd_node_free(val);
                return DCD_ENOMEM;
            }
        } else if (next->kind == DCD_NODE_SCALAR && is_year_key(end + 1, eq)) {
            dcd_diags_add(ld->diags, file, 1, col,
                          "'%.*s' is a single value (set at %s:%d:%d), not a series of years; "
                          "set the whole series, for example %.*s={%.*s: %s}",
                          (int)(end - arg), arg, next->file, next->line, next->column,
                          (int)(end - arg), arg, (int)(eq - end - 1), end + 1, value);
            dcd_node_free(val);
            return DCD_EINPUT;
        } else if (next->kind != DCD_NODE_MAP) {
            dcd_diags_add(ld->diags, file, 1, col,
                          "'%.*s' is not a mapping (it is set at %s:%d:%d), so it has no key '%.*s'",
                          (int)(end - arg), arg, next->file, next->line, next->column,
                          (int)(strcspn(end + 1, ".=")), end + 1);
            dcd_node_free(val);
            return DCD_EINPUT;
        }
        cur = next;
        col += (int)kl + 1;
        seg = dot + 1;
    }
}

/* ---- binding ----------------------------------------------------------- */

typedef struct binder {
    dcd_diags *diags;
    int years_ok; /* the years are known, so series points can be checked */
    int start, end;
    int oom;
    size_t errors; /* diagnostics reported (see MAX_BIND_ERRORS) */
} binder;

/* At most this many diagnostics from binding one scenario, then one note. */
#define MAX_BIND_ERRORS 100

static void bind_err(binder *b, const dcd_node *n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Adds a diagnostic located at node N (messages are cut at 512 bytes). */
static void bind_err(binder *b, const dcd_node *n, const char *fmt, ...)
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

/* Shows control characters in the messages of D from FROM on as \xNN, so
 * that text from quoted keys or values keeps every diagnostic on one line.
 * Returns 0, or -1 on OOM. */
static int escape_controls(dcd_diags *d, size_t from)
{
    for (size_t i = from; i < d->n; i++) {
        char *m = d->items[i].message;
        size_t extra = 0;
        for (const unsigned char *p = (const unsigned char *)m; *p; p++)
            extra += (*p < 0x20 || *p == 0x7f) ? 3 : 0;
        if (!extra)
            continue;
        char *c = malloc(strlen(m) + extra + 1);
        if (!c)
            return -1;
        size_t k = 0;
        for (const unsigned char *p = (const unsigned char *)m; *p; p++) {
            if (*p < 0x20 || *p == 0x7f)
                k += (size_t)sprintf(c + k, "\\x%02X", *p);
            else
                c[k++] = (char)*p;
        }
        c[k] = '\0';
        free(m);
        d->items[i].message = c;
    }
    return 0;
}

#define ERR(b, node, ...) bind_err((b), (node), __VA_ARGS__)

static size_t edit_distance(const char *a, const char *b)
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
static void check_keys(binder *b, const dcd_node *m, const char *path, const char *const *known,
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
            size_t dd = edit_distance(k->text, *p);
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

static int parse_number_text(const char *t, double *out)
{
    /* [-+]? (digits [. digits?] | . digits) ([eE] [-+]? digits)? */
    const char *p = t;
    if (*p == '+' || *p == '-')
        p++;
    int digits = 0;
    while (isdigit((unsigned char)*p)) {
        p++;
        digits++;
    }
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p)) {
            p++;
            digits++;
        }
    }
    if (!digits)
        return -1;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!isdigit((unsigned char)*p))
            return -1;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (*p)
        return -1;
    errno = 0;
    double v = strtod(t, NULL);
    if (!isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static const char *kind_name(const dcd_node *n)
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
static const char *found_desc(const dcd_node *n, char *buf, size_t cap)
{
    if (n->kind != DCD_NODE_SCALAR)
        return kind_name(n);
    snprintf(buf, cap, "'%.60s%s'", n->text, strlen(n->text) > 60 ? "..." : "");
    return buf;
}

/* Range rules for a number. */
typedef struct range {
    double lo, hi;
    int lo_open; /* lo excluded */
    const char *what; /* human description, e.g. "a fraction in [0, 1]" */
} range;

static const range R_ANY = {-HUGE_VAL, HUGE_VAL, 0, "a number"};
static const range R_NONNEG = {0, HUGE_VAL, 0, "a number >= 0"};
static const range R_POS = {0, HUGE_VAL, 1, "a number > 0"};
static const range R_FRACTION = {0, 1, 0, "a fraction in [0, 1]"};
static const range R_GROWTH = {-1, 10, 1, "a growth rate per year in (-1, 10] (0.15 = 15 %/yr)"};
static const range R_PUE = {1, 10, 0, "a PUE in [1, 10]"};
static const range R_LIFETIME = {1, 100, 1, "a lifetime in years in (1, 100]"};
static const range R_SURV_YEARS = {0, 100, 1, "years in (0, 100]"};

static int in_range(double v, const range *r)
{
    if (r->lo_open ? !(v > r->lo) : !(v >= r->lo))
        return 0;
    return v <= r->hi;
}

/* 1 when T reads as a number that is not finite (.inf, .nan, 1e999). */
static int non_finite_text(const char *t)
{
    static const char *const words[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
                                        "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN",
                                        "inf", "nan", "infinity", NULL};
    for (const char *const *w = words; *w; w++)
        if (strcmp(t, *w) == 0)
            return 1;
    double v;
    char *end;
    if (parse_number_text(t, &v) == 0)
        return 0;
    errno = 0;
    v = strtod(t, &end);
    return *t && !*end && !isfinite(v);
}

static int get_number(binder *b, const dcd_node *n, const char *path, const range *r, double *out)
{
    if (n->kind == DCD_NODE_SCALAR && !n->plain) {
        double q;
        if (parse_number_text(n->text, &q) == 0)
            ERR(b, n, "%s: expected %s, found quoted text \"%s\" (write numbers without quotes)",
                path, r->what, n->text);
        else
            ERR(b, n, "%s: expected %s, found quoted text", path, r->what);
        return -1;
    }
    if (n->kind != DCD_NODE_SCALAR) {
        ERR(b, n, "%s: expected %s, found %s", path, r->what, kind_name(n));
        return -1;
    }
    double v;
    if (parse_number_text(n->text, &v) != 0) {
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

static int get_year(binder *b, const dcd_node *n, const char *path, int lo, int hi, int *out)
{
    double v;
    range r = {lo, hi, 0, "a year"};
    char what[64];
    snprintf(what, sizeof what, "a whole year in [%d, %d]", lo, hi);
    r.what = what;
    if (get_number(b, n, path, &r, &v) != 0)
        return -1;
    if (v != floor(v)) {
        ERR(b, n, "%s: expected %s, found '%s'", path, what, n->text);
        return -1;
    }
    *out = (int)v;
    return 0;
}

static int get_bool(binder *b, const dcd_node *n, const char *path, int *out)
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
    ERR(b, n, "%s: expected true or false, found %s%s%s%s", path, kind_name(n),
        n->text ? " '" : "", n->text ? n->text : "", n->text ? "'" : "");
    return -1;
}

static int get_string(binder *b, const dcd_node *n, const char *path, char **out)
{
    if (n->kind != DCD_NODE_SCALAR) {
        ERR(b, n, "%s: expected text, found %s", path, kind_name(n));
        return -1;
    }
    free(*out);
    *out = dup_str(n->text);
    if (!*out) {
        b->oom = 1;
        return -1;
    }
    return 0;
}

/* A series: a number, or a mapping of years to numbers with an optional
 * `interpolation:` key. */
static int get_series(binder *b, const dcd_node *n, const char *path, const range *r,
                      dcd_series *out)
{
    dcd_series_free(out);
    if (n->kind == DCD_NODE_SCALAR) {
        double v;
        if (get_number(b, n, path, r, &v) != 0)
            return -1;
        if (dcd_series_const(out, v) != 0) {
            b->oom = 1;
            return -1;
        }
        return 0;
    }
    if (n->kind != DCD_NODE_MAP) {
        ERR(b, n, "%s: expected %s or a mapping of years to values, found %s", path, r->what,
            kind_name(n));
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
                        path, kind_name(val));
                bad = 1;
            } else {
                interp = (dcd_interp)m;
            }
            continue;
        }
        snprintf(sub, sizeof sub, "%s.%s", path, key->text);
        int lo = b->years_ok ? b->start : YEAR_MIN, hi = b->years_ok ? b->end : YEAR_MAX;
        double yv;
        if (!key->plain || parse_number_text(key->text, &yv) != 0 || yv != floor(yv)) {
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
        if (get_number(b, val, sub, r, &v) != 0) {
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

static void path_join(char *dst, size_t cap, const char *a, const char *b)
{
    /* Paths are short (segment names are at most 40 bytes); a longer one is
     * cut with "..." rather than overflowing. */
    if (snprintf(dst, cap, "%s%s%s", a, *a ? "." : "", b) >= (int)cap && cap > 4)
        memcpy(dst + cap - 4, "...", 4);
}

/* ---- survival ---------------------------------------------------------- */

static int get_survival(binder *b, const dcd_node *n, const char *path, dcd_survival *sv)
{
    char sub[256];
    if (n->kind == DCD_NODE_SCALAR) {
        sv->kind = DCD_SURV_FIXED;
        return get_number(b, n, path, &R_SURV_YEARS, &sv->years);
    }
    if (n->kind != DCD_NODE_MAP) {
        ERR(b, n, "%s: expected a lifetime in years or a mapping {kind: fixed|exponential|weibull, ...}",
            path);
        return -1;
    }
    static const char *const keys[] = {"kind", "years", "scale", "shape", NULL};
    check_keys(b, n, path, keys, NULL, NULL);
    const dcd_node *kind = dcd_map_get(n, "kind");
    if (!kind) {
        ERR(b, n, "%s: missing key 'kind' (fixed, exponential or weibull)", path);
        return -1;
    }
    int bad = 0;
    path_join(sub, sizeof sub, path, "kind");
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
        path_join(sub, sizeof sub, path, "years");
        if (get_number(b, years, sub, &R_SURV_YEARS, &sv->years) != 0)
            bad = 1;
    } else if (kind->kind == DCD_NODE_SCALAR && strcmp(kind->text, "weibull") == 0) {
        sv->kind = DCD_SURV_WEIBULL;
        if (years)
            ERR(b, years, "%s.years: a weibull lifetime takes 'scale' and 'shape'", path), bad = 1;
        if (!scale || !shape) {
            ERR(b, n, "%s: a weibull lifetime needs 'scale' (years) and 'shape'", path);
            return -1;
        }
        path_join(sub, sizeof sub, path, "scale");
        if (get_number(b, scale, sub, &R_SURV_YEARS, &sv->scale) != 0)
            bad = 1;
        path_join(sub, sizeof sub, path, "shape");
        static const range r_shape = {0, 20, 1, "a shape in (0, 20]"};
        if (get_number(b, shape, sub, &r_shape, &sv->shape) != 0)
            bad = 1;
    } else {
        char fd[80];
        ERR(b, kind, "%s: expected fixed, exponential or weibull, found %s", sub,
            found_desc(kind, fd, sizeof fd));
        return -1;
    }
    return bad ? -1 : 0;
}

/* ---- segments ---------------------------------------------------------- */

static const char *const COMMON_KEYS[] = {"ai", "driver", "description", "utilisation", "idle",
                                          "pue", NULL};
static const char *const ENERGY_KEYS[] = {"energy_twh", "growth", "basis", NULL};
static const char *const CAPACITY_KEYS[] = {"capacity_gw", "growth", "additions_gw",
                                            "capex_usd", "cost_per_mw_usd", "lifetime_years",
                                            "logistic", NULL};
static const char *const FLEET_KEYS[] = {"shipments", "unit_power_w", "capex_usd",
                                         "equipment_share", "unit_price_usd", "lifetime",
                                         "installed_base", NULL};

static void concat_keys(const char **dst, size_t cap, const char *const *a, const char *const *c)
{
    size_t k = 0;
    for (; *a && k + 1 < cap; a++)
        dst[k++] = *a;
    for (; c && *c && k + 1 < cap; c++)
        dst[k++] = *c;
    dst[k] = NULL;
}

static int valid_segment_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 40)
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
            return 0;
    return 1;
}

static void bind_segment(binder *b, const dcd_scenario *sc, const dcd_node *key,
                         const dcd_node *n, dcd_segment *g)
{
    char path[256], sub[256];
    snprintf(path, sizeof path, "segments.%s", key->text);
    g->name = dup_str(key->text);
    if (!g->name) {
        b->oom = 1;
        return;
    }
    if (!valid_segment_name(key->text))
        ERR(b, key, "%s: segment names use letters, digits, '_' and '-' (at most 40)", path);
    if (n->kind != DCD_NODE_MAP) {
        ERR(b, n, "%s: expected a mapping with ai:, driver: and the driver's inputs", path);
        return;
    }
    const dcd_node *v;
    if ((v = dcd_map_get(n, "ai"))) {
        path_join(sub, sizeof sub, path, "ai");
        get_bool(b, v, sub, &g->ai);
    } else {
        ERR(b, n, "%s: missing key 'ai' (true for AI segments, false otherwise)", path);
    }
    const dcd_node *drv = dcd_map_get(n, "driver");
    const char *const *own = NULL;
    if (!drv) {
        ERR(b, n, "%s: missing key 'driver' (energy, capacity or fleet)", path);
    } else if (drv->kind == DCD_NODE_SCALAR && strcmp(drv->text, "energy") == 0) {
        g->driver = DCD_DRIVER_ENERGY;
        own = ENERGY_KEYS;
    } else if (drv->kind == DCD_NODE_SCALAR && strcmp(drv->text, "capacity") == 0) {
        g->driver = DCD_DRIVER_CAPACITY;
        own = CAPACITY_KEYS;
    } else if (drv->kind == DCD_NODE_SCALAR && strcmp(drv->text, "fleet") == 0) {
        g->driver = DCD_DRIVER_FLEET;
        own = FLEET_KEYS;
    } else {
        char fd[80];
        ERR(b, drv, "%s.driver: expected energy, capacity or fleet, found %s", path,
            found_desc(drv, fd, sizeof fd));
    }
    const char *known[32], *other[32];
    if (own) {
        concat_keys(known, 32, COMMON_KEYS, own);
        /* keys of the other drivers, reported as not applying */
        size_t k = 0;
        const char *const *lists[] = {ENERGY_KEYS, CAPACITY_KEYS, FLEET_KEYS};
        for (size_t l = 0; l < 3; l++)
            for (const char *const *p = lists[l]; *p; p++) {
                int mine = 0;
                for (const char *const *q = own; *q; q++)
                    if (strcmp(*p, *q) == 0)
                        mine = 1;
                if (!mine && k + 1 < 32)
                    other[k++] = *p;
            }
        other[k] = NULL;
        char why[64];
        snprintf(why, sizeof why, "to driver %s", drv->text);
        check_keys(b, n, path, known, other, why);
    } else {
        const char *all[48];
        concat_keys(all, 48, COMMON_KEYS, ENERGY_KEYS);
        size_t k = 0;
        while (all[k])
            k++;
        concat_keys(all + k, 48 - k, CAPACITY_KEYS, FLEET_KEYS);
        check_keys(b, n, path, all, NULL, NULL);
    }
    if ((v = dcd_map_get(n, "description")) && v->kind != DCD_NODE_SCALAR)
        ERR(b, v, "%s.description: expected text", path);
    if ((v = dcd_map_get(n, "utilisation"))) {
        path_join(sub, sizeof sub, path, "utilisation");
        get_series(b, v, sub, &R_FRACTION, &g->utilisation);
    }
    if ((v = dcd_map_get(n, "idle"))) {
        path_join(sub, sizeof sub, path, "idle");
        get_series(b, v, sub, &R_FRACTION, &g->idle);
    }
    if ((v = dcd_map_get(n, "pue"))) {
        path_join(sub, sizeof sub, path, "pue");
        get_series(b, v, sub, &R_PUE, &g->pue);
    }
    if (!own)
        return;

    const dcd_node *growth = dcd_map_get(n, "growth");
    int needs_pue = 0;
    if (g->driver == DCD_DRIVER_ENERGY) {
        if ((v = dcd_map_get(n, "energy_twh"))) {
            path_join(sub, sizeof sub, path, "energy_twh");
            get_number(b, v, sub, &R_NONNEG, &g->energy_twh);
        } else {
            ERR(b, n, "%s: driver energy needs 'energy_twh' (energy in the base year)", path);
        }
        if (growth) {
            path_join(sub, sizeof sub, path, "growth");
            get_series(b, growth, sub, &R_GROWTH, &g->growth);
        } else {
            ERR(b, n, "%s: driver energy needs 'growth' (fraction per year; 0 for flat)", path);
        }
        if ((v = dcd_map_get(n, "basis"))) {
            if (v->kind == DCD_NODE_SCALAR && strcmp(v->text, "facility") == 0)
                g->energy_is_it = 0;
            else if (v->kind == DCD_NODE_SCALAR && strcmp(v->text, "it") == 0)
                g->energy_is_it = 1;
            else
                ERR(b, v, "%s.basis: expected facility or it, found %s", path,
                    found_desc(v, sub, sizeof sub));
        }
        needs_pue = g->energy_is_it;
    } else if (g->driver == DCD_DRIVER_CAPACITY) {
        needs_pue = 1;
        const dcd_node *add = dcd_map_get(n, "additions_gw"), *capex = dcd_map_get(n, "capex_usd"),
                       *logi = dcd_map_get(n, "logistic");
        const dcd_node *modes[4] = {growth, add, capex, logi};
        static const char *const mode_names[4] = {"growth", "additions_gw", "capex_usd", "logistic"};
        int nmodes = 0;
        for (int i = 0; i < 4; i++)
            nmodes += modes[i] != NULL;
        if (nmodes == 0) {
            ERR(b, n, "%s: driver capacity needs one of growth, additions_gw, capex_usd or logistic",
                path);
            return;
        }
        if (nmodes > 1) {
            const dcd_node *second = NULL;
            const char *first_name = NULL, *second_name = NULL;
            for (int i = 0; i < 4; i++)
                if (modes[i]) {
                    if (!first_name)
                        first_name = mode_names[i];
                    else if (!second) {
                        second = modes[i];
                        second_name = mode_names[i];
                    }
                }
            ERR(b, second, "%s: give one of growth, additions_gw, capex_usd or logistic, "
                           "not both %s and %s", path, first_name, second_name);
            return;
        }
        const dcd_node *cap = dcd_map_get(n, "capacity_gw"), *life = dcd_map_get(n, "lifetime_years"),
                       *cost = dcd_map_get(n, "cost_per_mw_usd");
        if (logi) {
            g->capacity_mode = DCD_CAP_LOGISTIC;
            if (cap)
                ERR(b, cap, "%s.capacity_gw: a logistic build-out is set by its saturation, "
                            "rate and midpoint; remove capacity_gw", path);
            if (life)
                ERR(b, life, "%s.lifetime_years: applies to additions_gw and capex_usd only", path);
            path_join(sub, sizeof sub, path, "logistic");
            if (logi->kind != DCD_NODE_MAP) {
                ERR(b, logi, "%s: expected {saturation_gw, rate, midpoint_year}", sub);
            } else {
                static const char *const lk[] = {"saturation_gw", "rate", "midpoint_year", NULL};
                check_keys(b, logi, sub, lk, NULL, NULL);
                char s2[256];
                const dcd_node *x;
                static const range r_rate = {0, 10, 1, "a rate per year in (0, 10]"};
                static const range r_mid = {YEAR_MIN, YEAR_MAX, 0, "a year"};
                if ((x = dcd_map_get(logi, "saturation_gw"))) {
                    path_join(s2, sizeof s2, sub, "saturation_gw");
                    get_number(b, x, s2, &R_NONNEG, &g->saturation_gw);
                } else
                    ERR(b, logi, "%s: missing key 'saturation_gw'", sub);
                if ((x = dcd_map_get(logi, "rate"))) {
                    path_join(s2, sizeof s2, sub, "rate");
                    get_number(b, x, s2, &r_rate, &g->rate_per_year);
                } else
                    ERR(b, logi, "%s: missing key 'rate'", sub);
                if ((x = dcd_map_get(logi, "midpoint_year"))) {
                    path_join(s2, sizeof s2, sub, "midpoint_year");
                    get_number(b, x, s2, &r_mid, &g->midpoint_year);
                } else
                    ERR(b, logi, "%s: missing key 'midpoint_year'", sub);
            }
        } else {
            if (cap) {
                path_join(sub, sizeof sub, path, "capacity_gw");
                get_number(b, cap, sub, &R_NONNEG, &g->capacity_gw);
            } else {
                ERR(b, n, "%s: missing key 'capacity_gw' (installed IT capacity in the base year)",
                    path);
            }
            if (growth) {
                g->capacity_mode = DCD_CAP_GROWTH;
                path_join(sub, sizeof sub, path, "growth");
                get_series(b, growth, sub, &R_GROWTH, &g->growth);
                if (life)
                    ERR(b, life, "%s.lifetime_years: applies to additions_gw and capex_usd only",
                        path);
            } else {
                g->capacity_mode = add ? DCD_CAP_ADDITIONS : DCD_CAP_CAPEX;
                if (add) {
                    path_join(sub, sizeof sub, path, "additions_gw");
                    get_series(b, add, sub, &R_NONNEG, &g->additions_gw);
                } else {
                    path_join(sub, sizeof sub, path, "capex_usd");
                    get_series(b, capex, sub, &R_NONNEG, &g->capex_usd);
                    if (!cost && sc->cost_per_mw_usd.n == 0)
                        ERR(b, capex, "%s: capital spending needs a cost per MW: give "
                                      "cost_per_mw_usd here or at the top level", sub);
                }
                if (life) {
                    path_join(sub, sizeof sub, path, "lifetime_years");
                    get_number(b, life, sub, &R_LIFETIME, &g->lifetime_years);
                } else {
                    ERR(b, n, "%s: missing key 'lifetime_years' (retirement of installed capacity)",
                        path);
                }
            }
        }
        if (cost) {
            path_join(sub, sizeof sub, path, "cost_per_mw_usd");
            get_series(b, cost, sub, &R_POS, &g->cost_per_mw_usd);
        }
    } else { /* fleet */
        needs_pue = 1;
        const dcd_node *ship = dcd_map_get(n, "shipments"), *capex = dcd_map_get(n, "capex_usd");
        const dcd_node *share = dcd_map_get(n, "equipment_share"),
                       *price = dcd_map_get(n, "unit_price_usd");
        if (ship && capex) {
            ERR(b, capex, "%s: give shipments or capex_usd, not both", path);
        } else if (ship) {
            path_join(sub, sizeof sub, path, "shipments");
            get_series(b, ship, sub, &R_NONNEG, &g->shipments);
            if (share)
                ERR(b, share, "%s.equipment_share: applies with capex_usd only", path);
            if (price)
                ERR(b, price, "%s.unit_price_usd: applies with capex_usd only", path);
        } else if (capex) {
            path_join(sub, sizeof sub, path, "capex_usd");
            get_series(b, capex, sub, &R_NONNEG, &g->capex_usd);
            if (share) {
                path_join(sub, sizeof sub, path, "equipment_share");
                get_series(b, share, sub, &R_FRACTION, &g->equipment_share);
            } else
                ERR(b, n, "%s: capex_usd needs 'equipment_share' (share spent on these units)", path);
            if (price) {
                path_join(sub, sizeof sub, path, "unit_price_usd");
                get_series(b, price, sub, &R_POS, &g->unit_price_usd);
            } else
                ERR(b, n, "%s: capex_usd needs 'unit_price_usd' (price per unit)", path);
        } else {
            ERR(b, n, "%s: driver fleet needs 'shipments' (units per year) or 'capex_usd'", path);
        }
        if ((v = dcd_map_get(n, "unit_power_w"))) {
            path_join(sub, sizeof sub, path, "unit_power_w");
            get_series(b, v, sub, &R_NONNEG, &g->unit_power_w);
        } else {
            ERR(b, n, "%s: driver fleet needs 'unit_power_w' (rated power per unit, W)", path);
        }
        if ((v = dcd_map_get(n, "lifetime"))) {
            path_join(sub, sizeof sub, path, "lifetime");
            get_survival(b, v, sub, &g->survival);
        } else {
            ERR(b, n, "%s: driver fleet needs 'lifetime' (years, or {kind: weibull, scale, shape})",
                path);
        }
        if ((v = dcd_map_get(n, "installed_base"))) {
            path_join(sub, sizeof sub, path, "installed_base");
            if (v->kind != DCD_NODE_MAP) {
                ERR(b, v, "%s: expected {capacity_gw, lifetime}", sub);
            } else {
                static const char *const ik[] = {"capacity_gw", "lifetime", NULL};
                check_keys(b, v, sub, ik, NULL, NULL);
                char s2[256];
                const dcd_node *x;
                if ((x = dcd_map_get(v, "capacity_gw"))) {
                    path_join(s2, sizeof s2, sub, "capacity_gw");
                    get_number(b, x, s2, &R_NONNEG, &g->base_gw);
                } else
                    ERR(b, v, "%s: missing key 'capacity_gw' (IT GW installed at years.start)", sub);
                if ((x = dcd_map_get(v, "lifetime"))) {
                    path_join(s2, sizeof s2, sub, "lifetime");
                    get_survival(b, x, s2, &g->base_survival);
                } else
                    ERR(b, v, "%s: missing key 'lifetime'", sub);
            }
        }
    }
    if (needs_pue && g->pue.n == 0 && sc->pue.n == 0 && !dcd_map_get(n, "pue"))
        ERR(b, n, "%s: needs a PUE: give pue here or a fleet-wide pue at the top level", path);
}

/* ---- top level --------------------------------------------------------- */

static const char *const TOP_KEYS[] = {"name", "title", "description", "sources", "study", "case",
                                       "years", "national", "pue", "grid_intensity_g_per_kwh",
                                       "cost_per_mw_usd", "wue_l_per_kwh", "segments", "expect",
                                       "history", NULL};

static void bind_years(binder *b, const dcd_node *root, dcd_scenario *sc)
{
    const dcd_node *y = dcd_map_get(root, "years");
    if (!y) {
        ERR(b, root, "missing key 'years' ({start, base, end})");
        return;
    }
    if (y->kind != DCD_NODE_MAP) {
        ERR(b, y, "years: expected a mapping {start, base, end}, found %s", kind_name(y));
        return;
    }
    static const char *const keys[] = {"start", "base", "end", NULL};
    check_keys(b, y, "years", keys, NULL, NULL);
    const dcd_node *s = dcd_map_get(y, "start"), *e = dcd_map_get(y, "end"),
                   *ba = dcd_map_get(y, "base");
    int ok = 1;
    if (!s)
        ERR(b, y, "years: missing key 'start'"), ok = 0;
    else if (get_year(b, s, "years.start", YEAR_MIN, YEAR_MAX, &sc->start) != 0)
        ok = 0;
    if (!e)
        ERR(b, y, "years: missing key 'end'"), ok = 0;
    else if (get_year(b, e, "years.end", YEAR_MIN, YEAR_MAX, &sc->end) != 0)
        ok = 0;
    if (!ok)
        return;
    if (sc->start > sc->end) {
        ERR(b, s, "years.start: %d is after years.end %d", sc->start, sc->end);
        return;
    }
    if (sc->end - sc->start + 1 > MAX_YEARS) {
        ERR(b, e, "years: at most %d years", MAX_YEARS);
        return;
    }
    sc->base = sc->start;
    if (ba) {
        if (get_year(b, ba, "years.base", YEAR_MIN, YEAR_MAX, &sc->base) != 0)
            return;
        if (sc->base < sc->start || sc->base > sc->end) {
            ERR(b, ba, "years.base: %d is outside years.start-years.end (%d-%d)", sc->base,
                sc->start, sc->end);
            return;
        }
    }
    b->years_ok = 1;
    b->start = sc->start;
    b->end = sc->end;
}

static void bind_national(binder *b, const dcd_node *root, dcd_scenario *sc)
{
    const dcd_node *n = dcd_map_get(root, "national");
    if (!n) {
        ERR(b, root, "missing key 'national' (national electricity demand)");
        return;
    }
    if (n->kind != DCD_NODE_MAP) {
        ERR(b, n, "national: expected a mapping {total_twh, growth} or {forecast_twh}, found %s",
            kind_name(n));
        return;
    }
    static const char *const keys[] = {"total_twh", "other_twh", "growth", "forecast_twh", NULL};
    check_keys(b, n, "national", keys, NULL, NULL);
    const dcd_node *tot = dcd_map_get(n, "total_twh"), *oth = dcd_map_get(n, "other_twh"),
                   *gr = dcd_map_get(n, "growth"), *fc = dcd_map_get(n, "forecast_twh");
    int count = (tot != NULL) + (oth != NULL) + (fc != NULL);
    if (count == 0) {
        ERR(b, n, "national: give one of total_twh (base-year total including data centres), "
                  "other_twh (base-year demand outside data centres) or forecast_twh");
        return;
    }
    if (count > 1) {
        const dcd_node *second = fc ? fc : oth;
        ERR(b, second, "national: give only one of total_twh, other_twh and forecast_twh");
        return;
    }
    if (fc) {
        sc->national.mode = DCD_NATIONAL_FORECAST;
        get_series(b, fc, "national.forecast_twh", &R_POS, &sc->national.forecast_twh);
        if (gr)
            ERR(b, gr, "national.growth: does not apply to forecast_twh (the forecast is the total)");
        return;
    }
    sc->national.mode = tot ? DCD_NATIONAL_TOTAL : DCD_NATIONAL_OTHER;
    get_number(b, tot ? tot : oth, tot ? "national.total_twh" : "national.other_twh", &R_POS,
               &sc->national.base_twh);
    if (gr)
        get_series(b, gr, "national.growth", &R_GROWTH, &sc->national.growth);
    else
        ERR(b, n, "national: missing key 'growth' (growth of demand outside data centres, per year)");
}

static void bind_expects(binder *b, const dcd_node *root, const char *key, int history,
                         dcd_expect **out, size_t *nout)
{
    const dcd_node *l = dcd_map_get(root, key);
    if (!l)
        return;
    if (l->kind != DCD_NODE_SEQ) {
        ERR(b, l, "%s: expected a list of {year, metric, value%s}", key,
            history ? ", source" : ", tolerance, source");
        return;
    }
    *out = calloc(l->n ? l->n : 1, sizeof **out);
    if (!*out) {
        b->oom = 1;
        return;
    }
    static const char *const ek[] = {"year", "metric", "value", "tolerance", "source", NULL};
    static const char *const hk[] = {"year", "metric", "value", "source", NULL};
    for (size_t i = 0; i < l->n; i++) {
        const dcd_node *it = l->vals[i];
        char path[64], sub[96];
        snprintf(path, sizeof path, "%s[%zu]", key, i);
        if (it->kind != DCD_NODE_MAP) {
            ERR(b, it, "%s: expected a mapping {year, metric, value%s}", path,
                history ? "" : ", tolerance");
            continue;
        }
        check_keys(b, it, path, history ? hk : ek, NULL, NULL);
        dcd_expect *e = &(*out)[*nout];
        int ok = 1;
        const dcd_node *x;
        e->file = it->file;
        e->line = it->line;
        e->column = it->column;
        if ((x = dcd_map_get(it, "year"))) {
            path_join(sub, sizeof sub, path, "year");
            if (get_year(b, x, sub, YEAR_MIN, YEAR_MAX, &e->year) != 0) {
                ok = 0;
            } else if (!history && b->years_ok && (e->year < b->start || e->year > b->end)) {
                ERR(b, x, "%s: %d is outside the scenario's years %d-%d", sub, e->year,
                    b->start, b->end);
                ok = 0;
            }
        } else
            ERR(b, it, "%s: missing key 'year'", path), ok = 0;
        if ((x = dcd_map_get(it, "metric"))) {
            path_join(sub, sizeof sub, path, "metric");
            if (get_string(b, x, sub, &e->metric) != 0)
                ok = 0;
            else if (dcd_total_index(e->metric) < 0) {
                const char *best = NULL;
                size_t bestd = 99;
                for (int m = 0; m < DCD_NTOTAL; m++) {
                    size_t dd = edit_distance(e->metric, dcd_total_info[m].name);
                    if (dd < bestd) {
                        bestd = dd;
                        best = dcd_total_info[m].name;
                    }
                }
                for (int m = 0; m < DCD_NTOTAL && bestd > strlen(e->metric) / 3 + 1; m++)
                    if (strncmp(dcd_total_info[m].name, e->metric, strlen(e->metric)) == 0) {
                        best = dcd_total_info[m].name; /* "dc_share" -> dc_share_pct */
                        bestd = 0;
                    }
                if (best && bestd <= strlen(e->metric) / 3 + 1)
                    ERR(b, x, "%s: unknown metric '%s'; did you mean '%s'?", sub, e->metric, best);
                else
                    ERR(b, x, "%s: unknown metric '%s' (a column of summary.csv, such as "
                              "dc_twh or dc_share_pct)", sub, e->metric);
                ok = 0;
            }
        } else
            ERR(b, it, "%s: missing key 'metric'", path), ok = 0;
        if ((x = dcd_map_get(it, "value"))) {
            path_join(sub, sizeof sub, path, "value");
            if (get_number(b, x, sub, &R_ANY, &e->value) != 0)
                ok = 0;
        } else
            ERR(b, it, "%s: missing key 'value'", path), ok = 0;
        if (!history) {
            if ((x = dcd_map_get(it, "tolerance"))) {
                path_join(sub, sizeof sub, path, "tolerance");
                if (get_number(b, x, sub, &R_NONNEG, &e->tolerance) != 0)
                    ok = 0;
            } else
                ERR(b, it, "%s: missing key 'tolerance' (absolute, in the metric's unit)", path), ok = 0;
        }
        if ((x = dcd_map_get(it, "source"))) {
            path_join(sub, sizeof sub, path, "source");
            if (get_string(b, x, sub, &e->source) != 0)
                ok = 0;
        }
        if (ok)
            (*nout)++;
        else {
            free(e->metric);
            free(e->source);
            memset(e, 0, sizeof *e);
        }
    }
}

static void bind(binder *b, const dcd_node *root, dcd_scenario *sc)
{
    check_keys(b, root, "", TOP_KEYS, NULL, NULL);
    const dcd_node *v;
    if ((v = dcd_map_get(root, "name")))
        get_string(b, v, "name", &sc->name);
    else
        ERR(b, root, "missing key 'name' (names the output folder)");
    if ((v = dcd_map_get(root, "title")))
        get_string(b, v, "title", &sc->title);
    if ((v = dcd_map_get(root, "description")))
        get_string(b, v, "description", &sc->description);
    if ((v = dcd_map_get(root, "study")))
        get_string(b, v, "study", &sc->study);
    if ((v = dcd_map_get(root, "case")))
        get_string(b, v, "case", &sc->case_name);
    if ((v = dcd_map_get(root, "sources"))) {
        if (v->kind == DCD_NODE_SCALAR) {
            sc->sources = calloc(1, sizeof *sc->sources);
            if (!sc->sources || get_string(b, v, "sources", &sc->sources[0]) != 0)
                b->oom |= !sc->sources;
            else
                sc->nsources = 1;
        } else if (v->kind == DCD_NODE_SEQ) {
            sc->sources = calloc(v->n ? v->n : 1, sizeof *sc->sources);
            if (!sc->sources)
                b->oom = 1;
            for (size_t i = 0; sc->sources && i < v->n; i++) {
                char p[48];
                snprintf(p, sizeof p, "sources[%zu]", i);
                if (get_string(b, v->vals[i], p, &sc->sources[sc->nsources]) == 0)
                    sc->nsources++;
            }
        } else {
            ERR(b, v, "sources: expected a list of citations, found %s", kind_name(v));
        }
    }
    bind_years(b, root, sc);
    if ((v = dcd_map_get(root, "pue")))
        get_series(b, v, "pue", &R_PUE, &sc->pue);
    if ((v = dcd_map_get(root, "grid_intensity_g_per_kwh")))
        get_series(b, v, "grid_intensity_g_per_kwh", &R_NONNEG, &sc->grid_intensity_g_per_kwh);
    if ((v = dcd_map_get(root, "cost_per_mw_usd")))
        get_series(b, v, "cost_per_mw_usd", &R_POS, &sc->cost_per_mw_usd);
    if ((v = dcd_map_get(root, "wue_l_per_kwh")))
        get_series(b, v, "wue_l_per_kwh", &R_NONNEG, &sc->wue_l_per_kwh);
    bind_national(b, root, sc);

    const dcd_node *segs = dcd_map_get(root, "segments");
    if (!segs) {
        ERR(b, root, "missing key 'segments' (at least one segment of the fleet)");
    } else if (segs->kind != DCD_NODE_MAP) {
        ERR(b, segs, "segments: expected a mapping of segment names to segments, found %s",
            kind_name(segs));
    } else if (segs->n == 0) {
        ERR(b, segs, "segments: give at least one segment");
    } else if (segs->n > MAX_SEGMENTS) {
        ERR(b, segs->keys[MAX_SEGMENTS], "segments: at most %d segments; this is segment %d of %zu",
            MAX_SEGMENTS, MAX_SEGMENTS + 1, segs->n);
    } else {
        sc->segments = calloc(segs->n, sizeof *sc->segments);
        if (!sc->segments) {
            b->oom = 1;
        } else {
            sc->nsegments = segs->n;
            for (size_t i = 0; i < segs->n; i++)
                bind_segment(b, sc, segs->keys[i], segs->vals[i], &sc->segments[i]);
        }
    }
    bind_expects(b, root, "expect", 0, &sc->expect, &sc->nexpect);
    bind_expects(b, root, "history", 1, &sc->history, &sc->nhistory);
}

/* Second stage of loading: apply SETS to SC->tree (already resolved through
 * extends, its file names interned in SC->pool), finish the checksum SHA and
 * bind.  Frees SC on failure. */
static int finish_scenario(dcd_scenario *sc, dcd_sha256 *sha, const char *const *sets,
                           size_t nsets, dcd_scenario **out, dcd_diags *diags, size_t before)
{
    int rc = DCD_OK;
    loader ld = {0};
    ld.pool = &sc->pool;
    ld.diags = diags;
    ld.sha = *sha;
    for (size_t i = 0; i < nsets; i++) {
        int r = apply_set(&ld, sc->tree, sets[i], i);
        if (r == DCD_ENOMEM) {
            rc = r;
            goto fail;
        }
        if (r != DCD_OK)
            rc = r;
    }
    if (rc != DCD_OK)
        goto fail;
    dcd_sha256_hex(&ld.sha, sc->checksum_hex);

    binder b = {0};
    b.diags = diags;
    bind(&b, sc->tree, sc);
    if (b.oom || diags->oom) {
        rc = DCD_ENOMEM;
        goto fail;
    }
    if (diags->n > before) {
        rc = DCD_EINPUT;
        goto fail;
    }
    *out = sc;
    return DCD_OK;
fail:
    if (escape_controls(diags, before) != 0)
        rc = DCD_ENOMEM;
    dcd_scenario_free(sc);
    return rc;
}

static dcd_scenario *new_scenario(const char *path)
{
    dcd_scenario *sc = calloc(1, sizeof *sc);
    if (!sc)
        return NULL;
    sc->path = dup_str(path);
    if (!sc->path) {
        free(sc);
        return NULL;
    }
    return sc;
}

static int load_scenario(const char *path, const char *text, size_t tlen,
                         const char *const *sets, size_t nsets, dcd_scenario **out,
                         dcd_diags *diags)
{
    *out = NULL;
    size_t before = diags->n;
    dcd_scenario *sc = new_scenario(path);
    if (!sc)
        return DCD_ENOMEM;
    loader ld = {0};
    ld.pool = &sc->pool;
    ld.diags = diags;
    dcd_sha256_init(&ld.sha);
    int rc = load_tree(&ld, path, NULL, text, tlen, &sc->tree);
    if (rc != DCD_OK) {
        if (escape_controls(diags, before) != 0)
            rc = DCD_ENOMEM;
        dcd_scenario_free(sc);
        return rc;
    }
    return finish_scenario(sc, &ld.sha, sets, nsets, out, diags, before);
}

int dcd_scenario_load(const char *path, const char *const *sets, size_t nsets,
                      dcd_scenario **out, dcd_diags *diags)
{
    return load_scenario(path, NULL, 0, sets, nsets, out, diags);
}

int dcd_scenario_load_text(const char *name, const char *text, size_t len,
                           const char *const *sets, size_t nsets, dcd_scenario **out,
                           dcd_diags *diags)
{
    if (!text) {
        *out = NULL;
        return DCD_EINPUT;
    }
    return load_scenario(name, text, len, sets, nsets, out, diags);
}

/* ---- a parsed file reused for many loads -------------------------------- */

struct dcd_source {
    char *path;
    dcd_node *tree; /* after extends, before overrides */
    dcd_pool pool;  /* owns the tree's file names */
    dcd_sha256 sha; /* digest state after the files */
};

int dcd_source_open(const char *path, dcd_source **out, dcd_diags *diags)
{
    *out = NULL;
    size_t before = diags->n;
    dcd_source *src = calloc(1, sizeof *src);
    if (!src)
        return DCD_ENOMEM;
    src->path = dup_str(path);
    if (!src->path) {
        free(src);
        return DCD_ENOMEM;
    }
    loader ld = {0};
    ld.pool = &src->pool;
    ld.diags = diags;
    dcd_sha256_init(&ld.sha);
    int rc = load_tree(&ld, path, NULL, NULL, 0, &src->tree);
    if (rc != DCD_OK) {
        if (escape_controls(diags, before) != 0)
            rc = DCD_ENOMEM;
        dcd_source_free(src);
        return rc;
    }
    src->sha = ld.sha;
    *out = src;
    return DCD_OK;
}

void dcd_source_free(dcd_source *src)
{
    if (!src)
        return;
    dcd_node_free(src->tree);
    dcd_pool_free(&src->pool);
    free(src->path);
    free(src);
}

/* Points every node's file name at POOL's copy.  Returns 0, or -1 on OOM. */
static int reintern(dcd_node *n, dcd_pool *pool)
{
    if (!(n->file = dcd_pool_intern(pool, n->file)))
        return -1;
    for (size_t i = 0; i < n->n; i++)
        if ((n->keys && reintern(n->keys[i], pool) != 0) || reintern(n->vals[i], pool) != 0)
            return -1;
    return 0;
}

int dcd_source_load(const dcd_source *src, const char *const *sets, size_t nsets,
                    dcd_scenario **out, dcd_diags *diags)
{
    *out = NULL;
    size_t before = diags->n;
    dcd_scenario *sc = new_scenario(src->path);
    if (!sc)
        return DCD_ENOMEM;
    sc->tree = dcd_node_clone(src->tree);
    if (!sc->tree || reintern(sc->tree, &sc->pool) != 0) {
        dcd_scenario_free(sc);
        return DCD_ENOMEM;
    }
    dcd_sha256 sha = src->sha;
    return finish_scenario(sc, &sha, sets, nsets, out, diags, before);
}

int dcd_scenario_emit(const dcd_scenario *sc, const char *version, dcd_buf *out)
{
    dcd_buf_printf(out, "# Resolved scenario (extends and --set applied), written by dcdemand %s\n",
                   version);
    dcd_buf_printf(out, "# Input SHA-256: %s\n", sc->checksum_hex);
    if (dcd_tree_emit(sc->tree, out) != 0)
        return -1;
    return out->failed ? -1 : 0;
}
