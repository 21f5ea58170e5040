/* uncertainty_scenario.c - the `uncertainty:` key of a loaded scenario
 * (dcd_scenario_uncertainty(), dcd_uncertainty.h).
 *
 * The lookup that dcd_uncertainty_parse() asks about each path is answered
 * from three places: the prepared scenario resolves the path as `--set` and
 * `sweep --vary` do (dcd_prepared_path_kind(): what it names, or why it
 * names nothing the model uses), the schema gives the input's allowed range
 * (dcd_schema_lookup()), and the bound scenario its base values.  Once the
 * format is right, every input is added to a scratch prepared scenario in
 * its mode, exactly as `dcdemand mc` will, so that a mode the model refuses
 * (scaling an input the scenario does not give, a series set whole and by
 * points) is a located error too.  Format: docs/uncertainty.md.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dcd_prepared.h"
#include "dcd_schema.h"
#include "dcd_tree.h"
#include "dcd_uncertainty.h"

typedef struct lookup_ctx {
    const dcd_scenario *sc;
    dcd_prepared *kinds; /* resolves paths (no parameters kept) */
    dcd_prepared *bases; /* numbers and points added as `set`, for their base values */
    char why[256];
    int oom;
} lookup_ctx;

/* The series that schema row K stores for segment or scenario (NULL when
 * the row is not a stored series). */
static const dcd_series *stored_series(const lookup_ctx *c, const dcd_key_info *k, const char *path)
{
    if (!k || k->type != DCD_KEY_SERIES)
        return NULL;
    if (k->field == DCD_FIELD_SCENARIO)
        return (const dcd_series *)(const void *)((const char *)c->sc + k->offset);
    if (k->field != DCD_FIELD_SEGMENT || strncmp(path, "segments.", 9) != 0)
        return NULL;
    const char *name = path + 9, *dot = strchr(name, '.');
    size_t nl = dot ? (size_t)(dot - name) : strlen(name);
    for (size_t s = 0; s < c->sc->nsegments; s++) {
        const dcd_segment *g = &c->sc->segments[s];
        if (strlen(g->name) == nl && memcmp(g->name, name, nl) == 0)
            return (const dcd_series *)(const void *)((const char *)g + k->offset);
    }
    return NULL;
}

/* The schema row of PATH's allowed values; a lifetime given as a number is
 * its years. */
static const dcd_key_info *range_row(const char *path)
{
    const dcd_key_info *k = dcd_schema_lookup(path);
    if (k && k->type == DCD_KEY_LIFETIME) {
        char sub[300];
        snprintf(sub, sizeof sub, "%s.years", path);
        const dcd_key_info *y = dcd_schema_lookup(sub);
        if (!y && strstr(path, "installed_base."))
            y = dcd_schema_row("segments.*.lifetime.years");
        return y ? y : k;
    }
    if (!k && strstr(path, "installed_base.lifetime.")) {
        const char *leaf = strrchr(path, '.') + 1;
        char pat[64];
        snprintf(pat, sizeof pat, "segments.*.lifetime.%s", leaf);
        return dcd_schema_row(pat);
    }
    return k;
}

static int lookup(void *ctx, const char *path, dcd_input_info *info)
{
    lookup_ctx *c = ctx;
    dcd_diags d = {0};
    int kind = dcd_prepared_path_kind(c->kinds, path, &d);
    if (kind < 0) {
        c->why[0] = '\0';
        if (d.n) { /* "PATH: reason" */
            const char *m = d.items[0].message, *r = strstr(m, ": ");
            snprintf(c->why, sizeof c->why, "%s", r ? r + 2 : m);
        }
        dcd_diags_free(&d);
        info->why = c->why[0] ? c->why : NULL;
        return 0;
    }
    dcd_diags_free(&d);
    const dcd_key_info *k = range_row(path);
    info->lo = k ? k->min : -HUGE_VAL;
    info->hi = k ? k->max : HUGE_VAL;
    info->lo_open = k ? k->min_open : 0;
    info->hi_open = k ? k->max_open : 0;
    info->what = k && k->expected ? k->expected : NULL;
    info->why = NULL;
    if (kind == DCD_PARAM_SERIES) {
        info->kind = DCD_INPUT_SERIES;
        const dcd_series *s = stored_series(c, dcd_schema_lookup(path), path);
        info->base_min = info->base_max = NAN;
        if (s && s->n) {
            info->base_min = info->base_max = s->value[0];
            for (size_t i = 1; i < s->n; i++) {
                info->base_min = s->value[i] < info->base_min ? s->value[i] : info->base_min;
                info->base_max = s->value[i] > info->base_max ? s->value[i] : info->base_max;
            }
        }
        return 1;
    }
    info->kind = kind == DCD_PARAM_NUMBER ? DCD_INPUT_NUMBER : DCD_INPUT_POINT;
    size_t idx = 0;
    int st = dcd_prepared_param(c->bases, path, DCD_APPLY_SET, &idx, NULL);
    if (st == DCD_ENOMEM)
        c->oom = 1;
    info->base_min = info->base_max = st == DCD_OK ? dcd_prepared_param_base(c->bases, idx) : NAN;
    return 1;
}

/* The prepared scenario's mode for a draw mode (DEFAULT is resolved by
 * then). */
static dcd_apply prepared_mode(dcd_draw_apply a)
{
    return a == DCD_DRAW_SCALE   ? DCD_APPLY_SCALE
           : a == DCD_DRAW_SHIFT ? DCD_APPLY_SHIFT
                                 : DCD_APPLY_SET;
}

/* Adds every input of U to a scratch prepared scenario in its mode; a
 * refusal is a located error. */
static int check_modes(const dcd_scenario *sc, const dcd_uncertainty *u, dcd_diags *diags)
{
    dcd_prepared *p = NULL;
    int rc = dcd_prepared_new(sc, &p, diags), bad = 0;
    for (size_t i = 0; rc == DCD_OK && i < u->n; i++) {
        const dcd_uncertain *in = &u->inputs[i];
        dcd_diags d = {0};
        int st = dcd_prepared_param(p, in->path, prepared_mode(in->apply), NULL, &d);
        if (st == DCD_ENOMEM || d.oom) {
            rc = DCD_ENOMEM;
        } else if (st != DCD_OK) {
            const char *m = d.n ? d.items[0].message : in->path;
            const char *r = strstr(m, ": ");
            dcd_diags_add(diags, in->file, in->line, in->column,
                          "uncertainty.%s: cannot be applied as %s: %s", in->path,
                          dcd_draw_apply_name(in->apply), r ? r + 2 : m);
            bad = 1; /* and keep reporting the others */
        }
        dcd_diags_free(&d);
    }
    dcd_prepared_free(p);
    return rc == DCD_OK && bad ? DCD_EINPUT : rc;
}

int dcd_scenario_uncertainty(const dcd_scenario *sc, dcd_uncertainty *out, dcd_diags *diags)
{
    memset(out, 0, sizeof *out);
    const dcd_node *node = sc->tree ? dcd_map_get(sc->tree, "uncertainty") : NULL;
    if (!node)
        return DCD_OK;
    lookup_ctx c = {.sc = sc};
    size_t before = diags->n;
    int rc = dcd_prepared_new(sc, &c.kinds, diags);
    if (rc == DCD_OK)
        rc = dcd_prepared_new(sc, &c.bases, diags);
    if (rc == DCD_OK)
        rc = dcd_uncertainty_parse(node, lookup, &c, out, diags);
    if (rc == DCD_OK && c.oom)
        rc = DCD_ENOMEM;
    if (rc == DCD_OK)
        rc = check_modes(sc, out, diags);
    if (rc == DCD_OK && diags->n > before)
        rc = DCD_EINPUT;
    if (rc == DCD_OK && diags->oom)
        rc = DCD_ENOMEM;
    if (rc != DCD_OK)
        dcd_uncertainty_free(out);
    dcd_prepared_free(c.kinds);
    dcd_prepared_free(c.bases);
    return rc;
}
