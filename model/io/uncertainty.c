/* uncertainty.c - the `uncertainty:` key (dcd_uncertainty.h; format in
 * docs/uncertainty.md). */
#include "dcd_uncertainty.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_error.h"
#include "dcd_format.h"
#include "dcd_rankcorr.h"

#define MAX_PATH 256
#define MAX_VALUES 1000 /* values of a discrete distribution */

typedef struct parser {
    dcd_diags *diags;
    dcd_input_lookup lookup;
    void *ctx;
    dcd_uncertainty *u;
    size_t cap;
    char **failed; /* paths whose distribution was refused (reported already) */
    size_t nfailed;
    int errors, oom;
} parser;

static void err(parser *p, const dcd_node *n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void err(parser *p, const dcd_node *n, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t before = p->diags->n;
    dcd_diags_add(p->diags, n->file, n->line, n->column, "%s", msg);
    if (dcd_escape_controls(p->diags, before) != 0) /* scalars quoted in messages */
        p->oom = 1;
    p->errors++;
}

const char *dcd_draw_apply_name(dcd_draw_apply a)
{
    switch (a) {
    case DCD_DRAW_SCALE: return "scale";
    case DCD_DRAW_SHIFT: return "shift";
    case DCD_DRAW_VALUE: return "value";
    default: return "default";
    }
}

double dcd_apply_draw(dcd_draw_apply a, double base, double v)
{
    switch (a) {
    case DCD_DRAW_SCALE: return base * v;
    case DCD_DRAW_SHIFT: return base + v;
    default: return v;
    }
}

/* A product where 0 times an infinite end is 0 (a zero base stays zero). */
static double mul(double a, double b)
{
    return a == 0 || b == 0 ? 0 : a * b;
}

void dcd_apply_range(dcd_draw_apply a, double bmin, double bmax, double dlo, double dhi, double *lo,
                     double *hi)
{
    if (a == DCD_DRAW_SHIFT) {
        *lo = bmin + dlo;
        *hi = bmax + dhi;
    } else if (a == DCD_DRAW_SCALE) {
        double c[4] = {mul(bmin, dlo), mul(bmin, dhi), mul(bmax, dlo), mul(bmax, dhi)};
        *lo = *hi = c[0];
        for (int i = 1; i < 4; i++) {
            *lo = c[i] < *lo ? c[i] : *lo;
            *hi = c[i] > *hi ? c[i] : *hi;
        }
    } else {
        *lo = dlo;
        *hi = dhi;
    }
}

void dcd_uncertainty_free(dcd_uncertainty *u)
{
    if (!u)
        return;
    for (size_t i = 0; i < u->n; i++) {
        free(u->inputs[i].path);
        dcd_dist_free(&u->inputs[i].dist);
    }
    free(u->inputs);
    free(u->corr);
    memset(u, 0, sizeof *u);
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

static int get_num(parser *p, const dcd_node *n, const char *path, const char *key, double *out)
{
    if (n->kind == DCD_NODE_SCALAR && n->plain && dcd_parse_number_text(n->text, out) == 0)
        return 0;
    const char *dot = *path ? "." : "";
    double q;
    if (n->kind == DCD_NODE_SCALAR && !n->plain && dcd_parse_number_text(n->text, &q) == 0)
        err(p, n,
            "uncertainty.%s%s%s: expected a number, found quoted text \"%s\" (write "
            "numbers without quotes)",
            path, dot, key, n->text);
    else if (n->kind == DCD_NODE_SCALAR)
        err(p, n, "uncertainty.%s%s%s: expected a number, found %s '%.60s'", path, dot, key,
            kind_name(n), n->text);
    else
        err(p, n, "uncertainty.%s%s%s: expected a number, found %s", path, dot, key, kind_name(n));
    return -1;
}

/* Parameter keys of each family (the common keys dist, mode, apply aside). */
static const char *const KEYS[][5] = {
    {"min", "max", NULL},                    /* uniform */
    {"min", "mode", "max", NULL},            /* triangular */
    {"min", "mode", "max", "lambda", NULL},  /* pert */
    {"mean", "sd", "min", "max", NULL},      /* normal */
    {"median", "mu", "sigma", "mean", "sd"}, /* lognormal (+ min, max) */
    {"values", "weights", NULL},             /* discrete */
};
static const char *const TAKES[] = {
    "min and max",
    "min, mode and max",
    "min, mode, max and optionally lambda",
    "mean and sd, and optionally min and max",
    "median or mu with sigma, or mean and sd; optionally min and max",
    "values and optionally weights",
};

static int family_key(int fam, const char *k)
{
    if (fam == DCD_DIST_LOGNORMAL && (strcmp(k, "min") == 0 || strcmp(k, "max") == 0))
        return 1;
    for (int i = 0; i < 5 && KEYS[fam][i]; i++)
        if (strcmp(KEYS[fam][i], k) == 0)
            return 1;
    return 0;
}

static int is_mode_word(const dcd_node *v)
{
    return v->kind == DCD_NODE_SCALAR &&
           (strcmp(v->text, "scale") == 0 || strcmp(v->text, "shift") == 0 ||
            strcmp(v->text, "value") == 0);
}

/* Reads a list of numbers (at most MAX_VALUES) into a new array. */
static double *get_list(parser *p, const dcd_node *n, const char *path, const char *key,
                        size_t *len)
{
    if (n->kind != DCD_NODE_SEQ || n->n == 0 || n->n > MAX_VALUES) {
        err(p, n, "uncertainty.%s.%s: expected a list of 1 to %d numbers, found %s", path, key,
            MAX_VALUES, n->kind == DCD_NODE_SEQ ? "a list of another length" : kind_name(n));
        return NULL;
    }
    double *v = malloc(n->n * sizeof *v);
    if (!v) {
        p->oom = 1;
        return NULL;
    }
    for (size_t i = 0; i < n->n; i++) {
        char k[64];
        snprintf(k, sizeof k, "%s[%zu]", key, i);
        if (get_num(p, n->vals[i], path, k, &v[i])) {
            free(v);
            return NULL;
        }
    }
    *len = n->n;
    return v;
}

/* The parameters of a distribution (KEY -> value) after the key checks. */
typedef struct params {
    const dcd_node *node[8];
    double v[8];
} params;

enum { P_MIN, P_MAX, P_MODE, P_LAMBDA, P_MEAN, P_SD, P_MU, P_SIGMA };
static const char *const PNAMES[] = {"min", "max", "mode", "lambda", "mean", "sd", "mu", "sigma"};

static int build_discrete(parser *p, const dcd_node *m, const char *path, dcd_dist *d)
{
    const dcd_node *vn = dcd_map_get(m, "values"), *wn = dcd_map_get(m, "weights");
    size_t nv = 0, nw = 0;
    char why[200];
    if (!vn) {
        err(p, m, "uncertainty.%s: missing key 'values' (a discrete distribution takes %s)", path,
            TAKES[DCD_DIST_DISCRETE]);
        return -1;
    }
    double *v = get_list(p, vn, path, "values", &nv), *w = NULL;
    int rc = -1;
    if (!v)
        goto done;
    if (wn && !(w = get_list(p, wn, path, "weights", &nw)))
        goto done;
    if (w && nw != nv) {
        err(p, wn, "uncertainty.%s.weights: %zu weights for %zu values", path, nw, nv);
        goto done;
    }
    int st = dcd_dist_set_discrete(d, v, w, nv, why, sizeof why);
    if (st == DCD_ENOMEM)
        p->oom = 1;
    else if (st)
        err(p, m, "uncertainty.%s: %s", path, why);
    rc = st ? -1 : 0;
done:
    free(v);
    free(w);
    return rc;
}

/* Checks that the keys NEED (bit set of P_*) are there. */
static int need(parser *p, const dcd_node *m, const char *path, int fam, const params *pp,
                unsigned bits)
{
    int ok = 1;
    for (int i = 0; i < 8; i++)
        if ((bits >> i & 1u) && !pp->node[i]) {
            err(p, m, "uncertainty.%s: missing key '%s' (a %s distribution takes %s)", path,
                PNAMES[i], dcd_dist_name(fam), TAKES[fam]);
            ok = 0;
        }
    return ok ? 0 : -1;
}

static int build_dist(parser *p, const dcd_node *m, const char *path, int fam, const params *pp,
                      dcd_dist *d)
{
    char why[200] = "";
    double lo = pp->node[P_MIN] ? pp->v[P_MIN] : -HUGE_VAL;
    double hi = pp->node[P_MAX] ? pp->v[P_MAX] : HUGE_VAL;
    int st;
    switch (fam) {
    case DCD_DIST_UNIFORM:
        if (need(p, m, path, fam, pp, 1u << P_MIN | 1u << P_MAX))
            return -1;
        st = dcd_dist_set_uniform(d, lo, hi, why, sizeof why);
        break;
    case DCD_DIST_TRIANGULAR:
    case DCD_DIST_PERT:
        if (need(p, m, path, fam, pp, 1u << P_MIN | 1u << P_MAX | 1u << P_MODE))
            return -1;
        st = fam == DCD_DIST_PERT
                 ? dcd_dist_set_pert(d, lo, pp->v[P_MODE], hi,
                                     pp->node[P_LAMBDA] ? pp->v[P_LAMBDA] : 4, why, sizeof why)
                 : dcd_dist_set_triangular(d, lo, pp->v[P_MODE], hi, why, sizeof why);
        break;
    case DCD_DIST_NORMAL:
        if (need(p, m, path, fam, pp, 1u << P_MEAN | 1u << P_SD))
            return -1;
        st = dcd_dist_set_normal(d, pp->v[P_MEAN], pp->v[P_SD], lo, hi, why, sizeof why);
        break;
    default: { /* lognormal: exactly one of the three ways */
        const dcd_node *med = dcd_map_get(m, "median");
        int by_mu = pp->node[P_MU] != NULL, by_median = med != NULL;
        int by_mom = pp->node[P_MEAN] || pp->node[P_SD];
        if (by_mu + by_median + by_mom != 1 || (by_mom && pp->node[P_SIGMA]) ||
            (!by_mom && !pp->node[P_SIGMA]) || (by_mom && !(pp->node[P_MEAN] && pp->node[P_SD]))) {
            err(p, m, "uncertainty.%s: a lognormal distribution takes %s", path, TAKES[fam]);
            return -1;
        }
        if (by_mom) {
            st = dcd_dist_set_lognormal_moments(d, pp->v[P_MEAN], pp->v[P_SD], lo, hi, why,
                                                sizeof why);
            break;
        }
        double mu = pp->v[P_MU];
        if (by_median) {
            double mv;
            if (get_num(p, med, path, "median", &mv))
                return -1;
            if (!(mv > 0)) {
                err(p, med, "uncertainty.%s.median: %s is out of range: expected a number > 0",
                    path, med->text);
                return -1;
            }
            mu = log(mv);
        }
        st = dcd_dist_set_lognormal(d, mu, pp->v[P_SIGMA], lo, hi, why, sizeof why);
    }
    }
    if (st == DCD_ENOMEM)
        p->oom = 1;
    else if (st)
        err(p, m, "uncertainty.%s: %s", path, why);
    return st ? -1 : 0;
}

/* Remembers PATH as given but refused, so that correlations naming it are
 * not reported a second time. */
static void remember_failed(parser *p, const char *path)
{
    char **nf = realloc(p->failed, (p->nfailed + 1) * sizeof *nf);
    size_t len = strlen(path);
    if (!nf) {
        p->oom = 1;
        return;
    }
    p->failed = nf;
    if (!(nf[p->nfailed] = malloc(len + 1))) {
        p->oom = 1;
        return;
    }
    memcpy(nf[p->nfailed++], path, len + 1);
}

static int parse_leaf_dist(parser *p, const dcd_node *key, const dcd_node *m, const char *path);

/* Reads the distribution map M written for PATH into a new input. */
static void parse_leaf(parser *p, const dcd_node *key, const dcd_node *m, const char *path)
{
    int before = p->errors;
    if (parse_leaf_dist(p, key, m, path) && p->errors > before)
        remember_failed(p, path);
}

static int parse_leaf_dist(parser *p, const dcd_node *key, const dcd_node *m, const char *path)
{
    const dcd_node *dn = dcd_map_get(m, "dist");
    int fam = dn->kind == DCD_NODE_SCALAR ? dcd_dist_from_name(dn->text) : -1;
    if (fam < 0) {
        err(p, dn,
            "uncertainty.%s.dist: expected uniform, triangular, pert, normal, lognormal or "
            "discrete, found %s%s%.60s%s",
            path, kind_name(dn), dn->text ? " '" : "", dn->text ? dn->text : "",
            dn->text ? "'" : "");
        return -1;
    }
    params pp;
    memset(&pp, 0, sizeof pp);
    dcd_draw_apply apply = DCD_DRAW_DEFAULT;
    const dcd_node *apply_node = NULL;
    int bad = 0;
    for (size_t i = 0; i < m->n; i++) {
        const char *k = m->keys[i]->text;
        const dcd_node *v = m->vals[i];
        if (strcmp(k, "dist") == 0)
            continue;
        int takes_mode = fam == DCD_DIST_TRIANGULAR || fam == DCD_DIST_PERT;
        if (strcmp(k, "apply") == 0 ||
            (strcmp(k, "mode") == 0 && (!takes_mode || is_mode_word(v)))) {
            if (!is_mode_word(v)) {
                err(p, v, "uncertainty.%s.%s: expected scale, shift or value, found %s%s%.60s%s",
                    path, k, kind_name(v), v->text ? " '" : "", v->text ? v->text : "",
                    v->text ? "'" : "");
                bad = 1;
            } else if (apply_node) {
                err(p, m->keys[i], "uncertainty.%s: give the mode once (apply: or mode:)", path);
                bad = 1;
            } else {
                apply_node = v;
                apply = v->text[1] == 'c' ? DCD_DRAW_SCALE
                                          : (v->text[1] == 'h' ? DCD_DRAW_SHIFT : DCD_DRAW_VALUE);
            }
            continue;
        }
        if (!family_key(fam, k)) {
            err(p, m->keys[i], "unknown key '%s' in uncertainty.%s (a %s distribution takes %s)", k,
                path, dcd_dist_name(fam), TAKES[fam]);
            bad = 1;
            continue;
        }
        for (int j = 0; j < 8; j++)
            if (strcmp(PNAMES[j], k) == 0) {
                pp.node[j] = v;
                bad |= get_num(p, v, path, k, &pp.v[j]) != 0;
            }
    }
    if (bad)
        return -1;
    dcd_dist d = {0};
    int rc = fam == DCD_DIST_DISCRETE ? build_discrete(p, m, path, &d)
                                      : build_dist(p, m, path, fam, &pp, &d);
    if (rc)
        return -1;
    if (p->u->n == p->cap) {
        size_t nc = p->cap ? 2 * p->cap : 8;
        dcd_uncertain *ni = realloc(p->u->inputs, nc * sizeof *ni);
        if (!ni) {
            dcd_dist_free(&d);
            p->oom = 1;
            return -1;
        }
        p->u->inputs = ni;
        p->cap = nc;
    }
    dcd_uncertain *in = &p->u->inputs[p->u->n];
    size_t len = strlen(path);
    in->path = malloc(len + 1);
    if (!in->path) {
        dcd_dist_free(&d);
        p->oom = 1;
        return -1;
    }
    memcpy(in->path, path, len + 1);
    in->dist = d;
    in->apply = apply;
    in->file = key->file;
    in->line = key->line;
    in->column = key->column;
    p->u->n++;
    return 0;
}

/* 1 when S is a dotted path of keys made of letters, digits, '_' and '-'. */
static int valid_path(const char *s)
{
    size_t seg = 0;
    for (; *s; s++) {
        if (*s == '.') {
            if (!seg)
                return 0;
            seg = 0;
        } else if (isalnum((unsigned char)*s) || *s == '_' || *s == '-') {
            seg++;
        } else {
            return 0;
        }
    }
    return seg > 0;
}

/* Walks map M, whose keys continue PREFIX: a value with a `dist` key is a
 * distribution, another mapping goes one level deeper (the nested form). */
static void walk(parser *p, const dcd_node *m, const char *prefix, int top)
{
    for (size_t i = 0; i < m->n; i++) {
        const dcd_node *k = m->keys[i], *v = m->vals[i];
        if (top && strcmp(k->text, "correlations") == 0)
            continue;
        char path[MAX_PATH];
        int len = snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", k->text);
        if (len < 0 || (size_t)len >= sizeof path || !valid_path(path)) {
            err(p, k,
                "uncertainty.%.80s: not an input path (keys separated by dots, such as "
                "segments.ai.growth)",
                path);
            continue;
        }
        if (v->kind == DCD_NODE_MAP && dcd_map_get(v, "dist"))
            parse_leaf(p, k, v, path);
        else if (v->kind == DCD_NODE_MAP && v->n)
            walk(p, v, path, 0);
        else
            err(p, v,
                "uncertainty.%s: expected a distribution such as {dist: uniform, min: 0.8, "
                "max: 1.2}, found %s",
                path, kind_name(v));
    }
}

/* Paths given twice, then the scenario's answers: existence, default mode,
 * range of the draws. */
static void check_inputs(parser *p)
{
    for (size_t i = 0; i < p->u->n; i++) {
        dcd_uncertain *in = &p->u->inputs[i];
        dcd_node at = {.file = in->file, .line = in->line, .column = in->column};
        for (size_t j = 0; j < i; j++)
            if (strcmp(p->u->inputs[j].path, in->path) == 0)
                err(p, &at, "uncertainty.%s: given twice (first at line %d)", in->path,
                    p->u->inputs[j].line);
        if (!p->lookup)
            continue;
        dcd_input_info info = {0};
        if (!p->lookup(p->ctx, in->path, &info)) {
            err(p, &at, "uncertainty.%s: names no input of the scenario%s%.200s", in->path,
                info.why ? ": " : "", info.why ? info.why : "");
            continue;
        }
        if (in->apply == DCD_DRAW_DEFAULT)
            in->apply = info.kind == DCD_INPUT_SERIES ? DCD_DRAW_SCALE : DCD_DRAW_VALUE;
        if (in->apply != DCD_DRAW_VALUE && (isnan(info.base_min) || isnan(info.base_max)))
            continue; /* no base value: the prepared scenario refuses the mode */
        double dlo, dhi, lo, hi;
        dcd_dist_support(&in->dist, &dlo, &dhi);
        dcd_apply_range(in->apply, info.base_min, info.base_max, dlo, dhi, &lo, &hi);
        /* an untruncated lognormal never reaches 0 itself: its image's low
         * end is open (for a positive base) */
        int open_lo = in->dist.kind == DCD_DIST_LOGNORMAL && dlo == 0 && info.base_min >= 0;
        int below = info.lo_open && !open_lo ? !(lo > info.lo) : !(lo >= info.lo);
        int above = info.hi_open ? !(hi < info.hi) : !(hi <= info.hi);
        if (below || above)
            err(p, &at,
                "uncertainty.%s: the draws (%s) can reach %g, outside the input's "
                "range: expected %s; narrow the distribution or truncate it with min and max",
                in->path, dcd_draw_apply_name(in->apply), below ? lo : hi,
                info.what ? info.what : "an allowed value");
    }
}

static size_t find_input(const dcd_uncertainty *u, const char *path)
{
    for (size_t i = 0; i < u->n; i++)
        if (strcmp(u->inputs[i].path, path) == 0)
            return i;
    return (size_t)-1;
}

/* One `{inputs: [A, B], rank: R}` item; sets the pair in C (n x n). */
static void parse_pair(parser *p, const dcd_node *it, size_t k, double *c)
{
    size_t n = p->u->n, idx[2] = {0, 0};
    if (it->kind != DCD_NODE_MAP) {
        err(p, it,
            "uncertainty.correlations[%zu]: expected {inputs: [PATH, PATH], rank: R}, "
            "found %s",
            k, kind_name(it));
        return;
    }
    const dcd_node *in = dcd_map_get(it, "inputs"), *rk = dcd_map_get(it, "rank");
    int bad = 0;
    for (size_t i = 0; i < it->n; i++)
        if (strcmp(it->keys[i]->text, "inputs") && strcmp(it->keys[i]->text, "rank")) {
            err(p, it->keys[i],
                "unknown key '%s' in uncertainty.correlations[%zu] (takes "
                "inputs and rank)",
                it->keys[i]->text, k);
            bad = 1;
        }
    if (!in || !rk) {
        err(p, it, "uncertainty.correlations[%zu]: missing key '%s'", k, in ? "rank" : "inputs");
        return;
    }
    if (in->kind != DCD_NODE_SEQ || in->n != 2 || in->vals[0]->kind != DCD_NODE_SCALAR ||
        in->vals[1]->kind != DCD_NODE_SCALAR) {
        err(p, in, "uncertainty.correlations[%zu].inputs: expected a list of two input paths", k);
        return;
    }
    for (int j = 0; j < 2; j++) {
        idx[j] = find_input(p->u, in->vals[j]->text);
        int refused = 0;
        for (size_t f = 0; f < p->nfailed; f++)
            refused |= strcmp(p->failed[f], in->vals[j]->text) == 0;
        if (idx[j] == (size_t)-1 && !refused)
            err(p, in->vals[j],
                "uncertainty.correlations[%zu].inputs: '%.80s' has no "
                "distribution under uncertainty",
                k, in->vals[j]->text);
        bad |= idx[j] == (size_t)-1;
    }
    double r;
    char key[40];
    snprintf(key, sizeof key, "correlations[%zu].rank", k);
    if (get_num(p, rk, "", key, &r))
        return;
    if (!(r > -1 && r < 1)) {
        err(p, rk,
            "uncertainty.correlations[%zu].rank: %s is out of range: expected a rank "
            "correlation in (-1, 1)",
            k, rk->text);
        return;
    }
    if (bad)
        return;
    if (idx[0] == idx[1]) {
        err(p, in, "uncertainty.correlations[%zu].inputs: an input with itself", k);
        return;
    }
    if (c[idx[0] * n + idx[1]] != 0) {
        err(p, it, "uncertainty.correlations[%zu]: this pair was given before", k);
        return;
    }
    c[idx[0] * n + idx[1]] = c[idx[1] * n + idx[0]] = r;
}

static void parse_correlations(parser *p, const dcd_node *key, const dcd_node *list)
{
    size_t n = p->u->n;
    if (list->kind != DCD_NODE_SEQ) {
        err(p, list,
            "uncertainty.correlations: expected a list of {inputs: [PATH, PATH], "
            "rank: R}, found %s",
            kind_name(list));
        return;
    }
    if (!n || !list->n)
        return;
    double *c = calloc(n * n, sizeof *c);
    if (!c) {
        p->oom = 1;
        return;
    }
    int before = p->errors;
    for (size_t k = 0; k < list->n; k++)
        parse_pair(p, list->vals[k], k, c);
    for (size_t i = 0; i < n; i++)
        c[i * n + i] = 1;
    char why[300];
    if (p->errors == before) {
        int st = dcd_corr_check(c, n, why, sizeof why);
        if (st == DCD_ENOMEM)
            p->oom = 1;
        else if (st)
            err(p, key, "uncertainty.correlations: %s", why);
    }
    p->u->corr = c;
}

int dcd_uncertainty_parse(const dcd_node *node, dcd_input_lookup lookup, void *ctx,
                          dcd_uncertainty *out, dcd_diags *diags)
{
    parser p = {.diags = diags, .lookup = lookup, .ctx = ctx, .u = out};
    memset(out, 0, sizeof *out);
    if (node->kind != DCD_NODE_MAP || node->n == 0) {
        err(&p, node,
            "uncertainty: expected a mapping of input paths to distributions, such as "
            "{segments.ai.growth: {dist: uniform, min: 0.8, max: 1.2}}, found %s",
            node->kind == DCD_NODE_MAP ? "an empty mapping" : kind_name(node));
        return DCD_EINPUT;
    }
    walk(&p, node, "", 1);
    if (!p.oom)
        check_inputs(&p);
    size_t ci = dcd_map_index(node, "correlations");
    if (!p.oom && ci != (size_t)-1)
        parse_correlations(&p, node->keys[ci], node->vals[ci]);
    if (!p.oom && !out->n && !p.errors)
        err(&p, node, "uncertainty: give at least one uncertain input");
    for (size_t f = 0; f < p.nfailed; f++)
        free(p.failed[f]);
    free(p.failed);
    if (p.oom || p.errors || diags->oom) {
        dcd_uncertainty_free(out);
        return p.oom || diags->oom ? DCD_ENOMEM : DCD_EINPUT;
    }
    return DCD_OK;
}
