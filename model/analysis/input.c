/* input.c - the inputs that solve and calibrate vary (dcd_solve.h): finding
 * a path in a resolved scenario, its allowed range, the --set override that
 * sets it, and one evaluation of the scenario with it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_output.h"
#include "dcd_plot.h"
#include "dcd_schema.h"
#include "dcd_solve.h"
#include "dcd_vec.h"

const char *dcd_vary_mode_name(dcd_vary_mode m)
{
    switch (m) {
    case DCD_VARY_SCALE: return "scale";
    case DCD_VARY_SHIFT: return "shift";
    default: return "value";
    }
}

int dcd_vary_mode_parse(const char *s, dcd_vary_mode *out)
{
    static const dcd_vary_mode all[] = {DCD_VARY_VALUE, DCD_VARY_SCALE, DCD_VARY_SHIFT};
    for (size_t i = 0; i < 3; i++)
        if (strcmp(s, dcd_vary_mode_name(all[i])) == 0) {
            *out = all[i];
            return 0;
        }
    return -1;
}

static int parse_number(const char *s, double *out)
{
    char *end;
    if (!s || !*s)
        return -1;
    double v = strtod(s, &end);
    if (*end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int is_year_key(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > 5)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

void dcd_input_free(dcd_input *in)
{
    if (!in)
        return;
    if (in->year)
        for (size_t i = 0; i < in->n; i++)
            free(in->year[i]);
    free(in->year);
    free(in->value);
    free(in->interp);
    free(in->path);
    free(in->key);
    memset(in, 0, sizeof *in);
}

/* Fills IN from the series map M (years and an optional interpolation). */
static int take_series(const dcd_node *m, dcd_input *in, char *why, size_t whylen)
{
    size_t n = 0;
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->keys[i]->text, "interpolation") != 0)
            n++;
    in->year = calloc(n ? n : 1, sizeof *in->year);
    in->value = calloc(n ? n : 1, sizeof *in->value);
    if (!in->year || !in->value)
        return DCD_ENOMEM;
    for (size_t i = 0; i < m->n; i++) {
        const char *k = m->keys[i]->text;
        const dcd_node *v = m->vals[i];
        if (strcmp(k, "interpolation") == 0) {
            if (v->kind == DCD_NODE_SCALAR && !(in->interp = dcd_strdup(v->text)))
                return DCD_ENOMEM;
            continue;
        }
        if (v->kind != DCD_NODE_SCALAR || parse_number(v->text, &in->value[in->n]) != 0) {
            snprintf(why, whylen, "%s.%s is not a number", in->path, k);
            return DCD_EUSAGE;
        }
        if (!(in->year[in->n] = dcd_strdup(k)))
            return DCD_ENOMEM;
        in->n++;
    }
    in->series = 1;
    return DCD_OK;
}

/* Walks PATH through the maps of ROOT; stores the node and the last key
 * that is not a year. */
static const dcd_node *walk(const dcd_node *root, const char *path, char **key)
{
    const dcd_node *n = root;
    const char *p = path;
    *key = NULL;
    while (n && *p) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        char *part = dcd_strdup(p);
        if (!part)
            return NULL;
        part[len] = 0;
        n = n->kind == DCD_NODE_MAP && len ? dcd_map_get(n, part) : NULL;
        if (n && !is_year_key(part)) {
            free(*key);
            *key = part;
        } else {
            free(part);
        }
        p += len;
        if (*p == '.')
            p++;
        else if (dot)
            n = NULL;
    }
    return n;
}

int dcd_input_find(const dcd_scenario *sc, const char *path, dcd_vary_mode mode, dcd_input *in,
                   char *why, size_t whylen)
{
    int rc = DCD_OK;
    memset(in, 0, sizeof *in);
    size_t plen = strlen(path);
    const dcd_node *n =
        plen && path[0] != '.' && path[plen - 1] != '.' ? walk(sc->tree, path, &in->key) : NULL;
    if (!(in->path = dcd_strdup(path))) {
        rc = DCD_ENOMEM;
        goto done;
    }
    if (!n || !in->key) {
        snprintf(why, whylen, "%s is not an input of %s (no such value in the scenario)", path,
                 sc->path ? sc->path : sc->name);
        rc = DCD_EUSAGE;
        goto done;
    }
    if (n->kind == DCD_NODE_SCALAR) {
        in->n = 1;
        if (!(in->value = malloc(sizeof *in->value))) {
            rc = DCD_ENOMEM;
            goto done;
        }
        if (parse_number(n->text, &in->value[0]) != 0) {
            snprintf(why, whylen, "%s is not a number (it is '%.40s')", path, n->text);
            rc = DCD_EUSAGE;
            goto done;
        }
    } else if (n->kind == DCD_NODE_MAP && dcd_node_is_series(n)) {
        if ((rc = take_series(n, in, why, whylen)) != DCD_OK)
            goto done;
    } else {
        snprintf(why, whylen, "%s is not a number or a series of years", path);
        rc = DCD_EUSAGE;
        goto done;
    }
    if (mode == DCD_VARY_DEFAULT)
        mode = in->series ? DCD_VARY_SCALE : DCD_VARY_VALUE;
    if (mode == DCD_VARY_VALUE && in->series) {
        snprintf(why, whylen,
                 "%s is a series of years: vary it with --mode scale or shift, or one point "
                 "of it (%s.%s)",
                 path, path, in->n ? in->year[0] : "YEAR");
        rc = DCD_EUSAGE;
        goto done;
    }
    in->mode = mode;
    in->start = mode == DCD_VARY_SCALE ? 1.0 : mode == DCD_VARY_SHIFT ? 0.0 : in->value[0];
    if (mode == DCD_VARY_SCALE && !in->series && in->value[0] == 0) {
        snprintf(why, whylen, "%s is 0: scaling it changes nothing; use --mode value", path);
        rc = DCD_EUSAGE;
    }
done:
    if (rc != DCD_OK)
        dcd_input_free(in);
    return rc;
}

/* The value of point I at X. */
static double point_at(const dcd_input *in, size_t i, double x)
{
    switch (in->mode) {
    case DCD_VARY_SCALE: return in->value[i] * x;
    case DCD_VARY_SHIFT: return in->value[i] + x;
    default: return x;
    }
}

int dcd_input_setting(const dcd_input *in, double x, dcd_buf *out)
{
    dcd_buf_clear(out);
    if (!isfinite(x))
        return -1;
    dcd_buf_printf(out, "%s=", in->path);
    if (!in->series) {
        dcd_buf_printf(out, "%.15g", point_at(in, 0, x));
    } else {
        dcd_buf_puts(out, "{");
        for (size_t i = 0; i < in->n; i++)
            dcd_buf_printf(out, "%s%s: %.15g", i ? ", " : "", in->year[i], point_at(in, i, x));
        if (in->interp)
            dcd_buf_printf(out, ", interpolation: %s", in->interp);
        dcd_buf_puts(out, "}");
    }
    return out->failed ? -1 : 0;
}

int dcd_input_name_setting(const char *name, const char *suffix, dcd_buf *out)
{
    dcd_buf_clear(out);
    dcd_buf_puts(out, "name='");
    for (const char *p = name; *p; p++)
        dcd_buf_append(out, *p == '\'' ? "''" : p, 1 + (*p == '\''));
    dcd_buf_printf(out, "%s'", suffix);
    return out->failed ? -1 : 0;
}

int dcd_input_range(const char *path, double *lo, int *lo_open, double *hi, int *hi_open)
{
    const dcd_key_info *k = dcd_schema_lookup(path);
    if (!k || (k->type != DCD_KEY_NUMBER && k->type != DCD_KEY_SERIES))
        return -1;
    *lo = k->min;
    *hi = k->max;
    *lo_open = k->min_open;
    *hi_open = k->max_open;
    return 0;
}

int dcd_input_default_bounds(const dcd_input *in, double *lo, double *hi)
{
    double rlo, rhi, big = 1;
    int lo_open, hi_open;
    if (dcd_input_range(in->path, &rlo, &lo_open, &rhi, &hi_open) != 0)
        return -1;
    for (size_t i = 0; i < in->n; i++)
        big = fmax(big, 10 * fabs(in->value[i]));
    if (isinf(rhi))
        rhi = big;
    if (lo_open)
        rlo += 1e-9 * fmax(1, fabs(rlo));
    if (hi_open)
        rhi -= 1e-9 * fmax(1, fabs(rhi));
    double a = -HUGE_VAL, b = HUGE_VAL;
    if (in->mode == DCD_VARY_VALUE) {
        a = rlo;
        b = rhi;
    } else if (in->mode == DCD_VARY_SHIFT) {
        for (size_t i = 0; i < in->n; i++) {
            a = fmax(a, rlo - in->value[i]);
            b = fmin(b, rhi - in->value[i]);
        }
    } else {
        a = 0;
        for (size_t i = 0; i < in->n; i++) {
            double v = in->value[i];
            if (v > 0) {
                a = fmax(a, rlo / v);
                b = fmin(b, rhi / v);
            } else if (v < 0) {
                a = fmax(a, rhi / v);
                b = fmin(b, rlo / v);
            }
        }
        if (isinf(b))
            b = 10;
    }
    if (!(a < b) || !isfinite(a) || !isfinite(b))
        return -1;
    *lo = a;
    *hi = b;
    return 0;
}

int dcd_input_eval(const dcd_source *src, const char *const *sets, size_t nsets,
                   const dcd_input *in, const double *x, size_t nin, dcd_scenario **sc,
                   dcd_results **r, dcd_diags *d)
{
    int rc = DCD_OK;
    dcd_strlist all = {0}; /* the overrides, then the inputs' settings */
    dcd_buf *b = calloc(nin + 1, sizeof *b);
    dcd_scenario *s = NULL;
    dcd_results *res = NULL;
    dcd_diags scratch = {0};
    if (!d)
        d = &scratch; /* the loader needs a list */
    if (sc)
        *sc = NULL;
    if (r)
        *r = NULL;
    if (!b) {
        rc = DCD_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < nsets; i++)
        if (dcd_strlist_push(&all, sets[i]) != 0) {
            rc = DCD_ENOMEM;
            goto done;
        }
    for (size_t k = 0; k < nin; k++) {
        if (dcd_input_setting(&in[k], x[k], &b[k]) != 0) {
            rc = isfinite(x[k]) ? DCD_ENOMEM : DCD_EMODEL;
            goto done;
        }
        if (dcd_strlist_push(&all, b[k].data) != 0) {
            rc = DCD_ENOMEM;
            goto done;
        }
    }
    rc = dcd_source_load(src, all.v, all.n, &s, d);
    if (rc == DCD_OK)
        rc = dcd_project_new(s, &res, d);
    if (rc == DCD_OK) {
        if (sc) {
            *sc = s;
            s = NULL;
        }
        if (r) {
            *r = res;
            res = NULL;
        }
    }
done:
    dcd_diags_free(&scratch);
    dcd_scenario_free(s);
    dcd_results_free(res);
    if (b)
        for (size_t k = 0; k < nin; k++)
            dcd_buf_free(&b[k]);
    free(b);
    dcd_strlist_free(&all);
    return rc;
}

void dcd_comment_text(dcd_buf *out, const char *s)
{
    for (; *s; s++) {
        char ch = (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s;
        dcd_buf_append(out, &ch, 1);
    }
}

int dcd_write_derived(const dcd_scenario *sc, const dcd_results *r, const char *outdir,
                      const char *version, const char *comment, int plots, dcd_buf *dir,
                      dcd_diags *d)
{
    dcd_buf yaml = {0};
    int rc = dcd_write_run(sc, r, outdir, version, dir, d);
    if (rc != DCD_OK)
        goto done;
    dcd_buf_puts(&yaml, comment);
    if (dcd_scenario_emit(sc, version, &yaml) != 0 || yaml.failed) {
        rc = DCD_ENOMEM;
        goto done;
    }
    rc = dcd_write_atomic(dir->data, "scenario.yaml", yaml.data, yaml.len, d);
    if (rc != DCD_OK || !plots)
        goto done;
    dcd_plot_meta meta;
    dcd_plot_opts po;
    dcd_plot_meta_from(sc, &meta);
    dcd_plot_opts_default(&po);
    rc = dcd_plot_draw(&meta, r, dir->data, &po, d);
    if (rc != DCD_OK && rc != DCD_ENOMEM)
        rc = DCD_EPLOT;
done:
    dcd_buf_free(&yaml);
    return rc;
}
