/* bind.c - binds the resolved scenario document to the structs of
 * dcd_scenario.h, collecting every problem with its position. */
#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_engine.h"
#include "dcd_load_impl.h"
#include "dcd_schema.h"

/* ---- binding from the schema (dcd_schema.h) ----------------------------- */

/* The row of PATTERN, which must exist (a programmer error otherwise). */
static const dcd_key_info *row(const char *pattern)
{
    const dcd_key_info *k = dcd_schema_row(pattern);
    assert(k != NULL);
    return k;
}

/* The last component of row K's path ("growth" of "segments.*.growth"). */
static const char *row_key(const dcd_key_info *k)
{
    const char *dot = strrchr(k->path, '.');
    return dot ? dot + 1 : k->path;
}

/* 1 when row K is a direct child of pattern PARENT ("segments.*"). */
static int row_is_child(const dcd_key_info *k, const char *parent)
{
    size_t pl = strlen(parent);
    return strncmp(k->path, parent, pl) == 0 && k->path[pl] == '.' &&
           !strchr(k->path + pl + 1, '.');
}

static void bind_value(dcd_binder *b, const dcd_key_info *k, const dcd_node *v, const char *path,
                       void *base);

/* One word of K's choices, stored as its index. */
static void bind_choice(dcd_binder *b, const dcd_key_info *k, const dcd_node *v, const char *path,
                        int *out)
{
    for (int i = 0; v->kind == DCD_NODE_SCALAR && k->choices[i]; i++)
        if (strcmp(v->text, k->choices[i]) == 0) {
            if (out)
                *out = i;
            return;
        }
    char words[128] = "", fd[80];
    for (size_t i = 0; k->choices[i]; i++) {
        const char *sep = i == 0 ? "" : k->choices[i + 1] ? ", " : " or ";
        size_t l = strlen(words);
        snprintf(words + l, sizeof words - l, "%s%s", sep, k->choices[i]);
    }
    ERR(b, v, "%s: expected %s, found %s", path, words, dcd_found_desc(v, fd, sizeof fd));
}

/* A mapping whose keys are the child rows of K ({saturation_gw, rate, ...}). */
static void bind_map(dcd_binder *b, const dcd_key_info *k, const dcd_node *v, const char *path,
                     void *base)
{
    const char *names[16];
    size_t nn = 0;
    char list[160] = "";
    for (size_t i = 0; i < dcd_schema_count() && nn + 1 < 16; i++)
        if (row_is_child(dcd_schema_at(i), k->path)) {
            names[nn] = row_key(dcd_schema_at(i));
            size_t l = strlen(list);
            snprintf(list + l, sizeof list - l, "%s%s", nn ? ", " : "", names[nn]);
            nn++;
        }
    names[nn] = NULL;
    if (v->kind != DCD_NODE_MAP) {
        ERR(b, v, "%s: expected {%s}", path, list);
        return;
    }
    dcd_check_keys(b, v, path, names, NULL, NULL);
    char sub[256];
    for (size_t i = 0; i < dcd_schema_count(); i++) {
        const dcd_key_info *c = dcd_schema_at(i);
        if (!row_is_child(c, k->path))
            continue;
        const dcd_node *x = dcd_map_get(v, row_key(c));
        if (x) {
            dcd_path_join(sub, sizeof sub, path, row_key(c));
            bind_value(b, c, x, sub, base);
        } else if (c->missing) {
            ERR(b, v, "%s: %s", path, c->missing);
        }
    }
}

/* Binds V, the value of row K at PATH, into BASE (the struct of K's field). */
static void bind_value(dcd_binder *b, const dcd_key_info *k, const dcd_node *v, const char *path,
                       void *base)
{
    void *at = k->field == DCD_FIELD_NONE ? NULL : (char *)base + k->offset;
    dcd_range r = dcd_range_of(k);
    double scratch;
    switch (k->type) {
    case DCD_KEY_NUMBER: dcd_get_number(b, v, path, &r, at ? (double *)at : &scratch); break;
    case DCD_KEY_SERIES:
        assert(at != NULL);
        dcd_get_series(b, v, path, &r, (dcd_series *)at);
        break;
    case DCD_KEY_BOOL:
        assert(at != NULL);
        dcd_get_bool(b, v, path, (int *)at);
        break;
    case DCD_KEY_TEXT:
        if (at)
            dcd_get_string(b, v, path, (char **)at);
        else if (v->kind != DCD_NODE_SCALAR)
            ERR(b, v, "%s: expected text", path);
        break;
    case DCD_KEY_CHOICE: bind_choice(b, k, v, path, (int *)at); break;
    case DCD_KEY_LIFETIME:
        assert(at != NULL);
        dcd_get_survival(b, v, path, (dcd_survival *)at);
        break;
    case DCD_KEY_MAP: bind_map(b, k, v, path, base); break;
    default: /* lists and external subtrees are bound elsewhere */ break;
    }
}

/* Row K of segment map N (at PATH) in MODE: bound, refused as not applying,
 * or reported missing. */
static void bind_segment_row(dcd_binder *b, const dcd_key_info *k, const dcd_node *n,
                             const char *path, unsigned mode, dcd_segment *g)
{
    char sub[256];
    const dcd_node *v = dcd_map_get(n, row_key(k));
    if (v && (k->binds & mode)) {
        dcd_path_join(sub, sizeof sub, path, row_key(k));
        bind_value(b, k, v, sub, g);
    } else if (v && k->not_here && (k->drivers & ~k->binds & mode)) {
        ERR(b, v, "%s.%s: %s", path, row_key(k), k->not_here);
    } else if (!v && (k->required & mode)) {
        ERR(b, n, "%s: %s", path, k->missing);
    }
}

/* Drivers and the keys that choose their mode (one must be given). */
typedef struct driver_info {
    const char *name;
    dcd_driver driver;
    unsigned modes;             /* every mode of the driver */
    const char *selectors[4];   /* keys choosing the mode, NULL-terminated */
    unsigned selected[4];       /* the mode each selects */
    unsigned fallback;          /* mode when none or several are given; 0: stop binding */
    const char *none, *several; /* messages; `several` takes the first two given */
} driver_info;

static const driver_info DRIVER_TABLE[] = {
    {"energy", DCD_DRIVER_ENERGY, DCD_MODE_ENERGY, {NULL}, {0}, DCD_MODE_ENERGY, NULL, NULL},
    {"capacity",
     DCD_DRIVER_CAPACITY,
     DCD_MODES_CAPACITY,
     {"growth", "additions_gw", "capex_usd", "logistic"},
     {DCD_MODE_CAP_GROWTH, DCD_MODE_CAP_ADDITIONS, DCD_MODE_CAP_CAPEX, DCD_MODE_CAP_LOGISTIC},
     0,
     "driver capacity needs one of growth, additions_gw, capex_usd or logistic",
     "give one of growth, additions_gw, capex_usd or logistic, not both %s and %s"},
    {"fleet",
     DCD_DRIVER_FLEET,
     DCD_MODES_FLEET,
     {"shipments", "capex_usd", NULL},
     {DCD_MODE_FLEET_SHIP, DCD_MODE_FLEET_CAPEX},
     DCD_MODE_FLEET_NONE,
     "driver fleet needs 'shipments' (units per year) or 'capex_usd'",
     "give shipments or capex_usd, not both"},
};

/* The mode of segment N (at PATH) under driver D, or 0 after an error that
 * stops binding. */
static unsigned select_mode(dcd_binder *b, const driver_info *d, const dcd_node *n,
                            const char *path)
{
    if (!d->selectors[0])
        return d->modes;
    const dcd_node *second = NULL;
    const char *names[2] = {NULL, NULL};
    unsigned mode = 0;
    int given = 0;
    for (int i = 0; i < 4 && d->selectors[i]; i++) {
        const dcd_node *v = dcd_map_get(n, d->selectors[i]);
        if (!v)
            continue;
        if (given < 2)
            names[given] = d->selectors[i];
        if (given++ == 1)
            second = v;
        mode = d->selected[i];
    }
    if (given == 0) {
        ERR(b, n, "%s: %s", path, d->none);
    } else if (given > 1) {
        char msg[256];
        snprintf(msg, sizeof msg, d->several, names[0], names[1]);
        ERR(b, second, "%s: %s", path, msg);
    }
    return given == 1 ? mode : d->fallback;
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

/* Checks the keys of segment N against the rows of its driver D (NULL when
 * the driver is unknown: every segment key is accepted). */
static void check_segment_keys(dcd_binder *b, const dcd_node *n, const char *path,
                               const driver_info *d, const char *drv_text)
{
    const char *known[48], *other[48];
    size_t nk = 0, no = 0;
    for (size_t i = 0; i < dcd_schema_count(); i++) {
        const dcd_key_info *k = dcd_schema_at(i);
        if (!row_is_child(k, "segments.*"))
            continue;
        if (!d || (k->drivers & d->modes)) {
            if (nk + 1 < 48)
                known[nk++] = row_key(k);
        } else if (no + 1 < 48) {
            other[no++] = row_key(k);
        }
    }
    known[nk] = other[no] = NULL;
    char why[64];
    snprintf(why, sizeof why, "to driver %s", drv_text ? drv_text : "");
    dcd_check_keys(b, n, path, known, d ? other : NULL, d ? why : NULL);
}

static const unsigned CAP_MODES[][2] = {
    {DCD_MODE_CAP_GROWTH, DCD_CAP_GROWTH},
    {DCD_MODE_CAP_ADDITIONS, DCD_CAP_ADDITIONS},
    {DCD_MODE_CAP_CAPEX, DCD_CAP_CAPEX},
    {DCD_MODE_CAP_LOGISTIC, DCD_CAP_LOGISTIC},
};

/* A number given at KEY of N (at PATH) must be a whole number. */
static void check_whole(dcd_binder *b, const dcd_node *n, const char *path, const char *key,
                        double v)
{
    const dcd_node *x = dcd_map_get(n, key);
    if (x && v != floor(v))
        ERR(b, x, "%s.%s: expected a whole number of years, found %g", path, key, v);
}

/* The base-year anchor of a capacity segment (capacity_gw or energy_twh;
 * for a logistic, or its midpoint year), build lags and the installed
 * base's ages (docs/model.md). */
static void bind_conventions(dcd_binder *b, const dcd_node *n, const char *path, unsigned mode,
                             dcd_segment *g)
{
    const dcd_node *cap = dcd_map_get(n, "capacity_gw"), *en = dcd_map_get(n, "energy_twh");
    if (mode & DCD_MODES_CAPACITY) {
        const dcd_node *lg = dcd_map_get(n, "logistic");
        const dcd_node *mid =
            lg && lg->kind == DCD_NODE_MAP ? dcd_map_get(lg, "midpoint_year") : NULL;
        g->anchor_energy = en != NULL;
        if (cap && en)
            ERR(b, en, "%s: give capacity_gw or energy_twh as the base-year anchor, not both",
                path);
        if (mode == DCD_MODE_CAP_LOGISTIC) {
            g->logistic_anchored = cap || en;
            if (mid && (cap || en))
                ERR(b, mid,
                    "%s.logistic.midpoint_year: the base-year anchor (%s) sets the midpoint; "
                    "give one of them",
                    path, cap ? "capacity_gw" : "energy_twh");
            else if (lg && lg->kind == DCD_NODE_MAP && !mid && !cap && !en)
                ERR(b, lg,
                    "%s.logistic: missing key 'midpoint_year' (or anchor the base year with "
                    "capacity_gw or energy_twh)",
                    path);
        } else if (!cap && !en) {
            ERR(b, n, "%s: %s", path, row("segments.*.capacity_gw")->missing);
        }
        const dcd_node *basis = dcd_map_get(n, "basis");
        if (basis && !en)
            ERR(b, basis, "%s.basis: applies with energy_twh only", path);
    }
    check_whole(b, n, path, "build_lag_years", g->build_lag_years);
    check_whole(b, n, path, "build_spread_years", g->build_spread_years);
    const dcd_node *ib = dcd_map_get(n, "installed_base");
    if (!ib || ib->kind != DCD_NODE_MAP || !(mode & DCD_MODES_FLEET))
        return;
    char sub[256];
    dcd_path_join(sub, sizeof sub, path, "installed_base");
    const dcd_node *amax = dcd_map_get(ib, "age_max_years");
    check_whole(b, ib, sub, "age_min_years", g->base_age_min_years);
    if (!amax) {
        g->base_age_max_years = g->base_age_min_years;
        return;
    }
    check_whole(b, ib, sub, "age_max_years", g->base_age_max_years);
    const dcd_node *amin = dcd_map_get(ib, "age_min_years");
    int bound = (!amin || (amin->kind == DCD_NODE_SCALAR &&
                           strtod(amin->text, NULL) == g->base_age_min_years)) &&
                amax->kind == DCD_NODE_SCALAR && strtod(amax->text, NULL) == g->base_age_max_years;
    if (bound && g->base_age_max_years < g->base_age_min_years)
        ERR(b, amax, "%s.age_max_years: %g is below age_min_years %g", sub, g->base_age_max_years,
            g->base_age_min_years);
}

static void bind_segment(dcd_binder *b, const dcd_scenario *sc, const dcd_node *key,
                         const dcd_node *n, dcd_segment *g)
{
    char path[256];
    snprintf(path, sizeof path, "segments.%s", key->text);
    g->name = dcd_load_strdup(key->text);
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
    bind_segment_row(b, row("segments.*.ai"), n, path, DCD_MODES_ALL, g);
    const dcd_node *drv = dcd_map_get(n, "driver");
    const driver_info *d = NULL;
    int which = -1;
    if (drv) {
        char sub[256];
        dcd_path_join(sub, sizeof sub, path, "driver");
        bind_choice(b, row("segments.*.driver"), drv, sub, &which);
    } else
        bind_segment_row(b, row("segments.*.driver"), n, path, DCD_MODES_ALL, g);
    if (which >= 0) {
        d = &DRIVER_TABLE[which];
        g->driver = d->driver;
    }
    check_segment_keys(b, n, path, d, drv ? drv->text : NULL);
    /* the keys every segment takes, after ai and driver */
    for (size_t i = 0; i < dcd_schema_count(); i++) {
        const dcd_key_info *k = dcd_schema_at(i);
        if (row_is_child(k, "segments.*") && k->drivers == DCD_MODES_ALL && k->binds)
            if (strcmp(row_key(k), "ai") != 0)
                bind_segment_row(b, k, n, path, DCD_MODES_ALL, g);
    }
    if (!d)
        return;
    unsigned mode = select_mode(b, d, n, path);
    if (!mode)
        return;
    for (size_t i = 0; i < sizeof CAP_MODES / sizeof *CAP_MODES; i++)
        if (mode == (unsigned)CAP_MODES[i][0])
            g->capacity_mode = (dcd_capacity_mode)CAP_MODES[i][1];
    for (size_t i = 0; i < dcd_schema_count(); i++) {
        const dcd_key_info *k = dcd_schema_at(i);
        if (row_is_child(k, "segments.*") && k->drivers != DCD_MODES_ALL)
            bind_segment_row(b, k, n, path, mode, g);
    }
    bind_conventions(b, n, path, mode, g);
    const dcd_node *capex = dcd_map_get(n, "capex_usd");
    if (mode == DCD_MODE_CAP_CAPEX && !dcd_map_get(n, "cost_per_mw_usd") &&
        sc->cost_per_mw_usd.n == 0)
        ERR(b, capex,
            "%s.capex_usd: capital spending needs a cost per MW: give "
            "cost_per_mw_usd here or at the top level",
            path);
    int needs_pue = d->driver == DCD_DRIVER_ENERGY ? g->energy_is_it : 1;
    if (needs_pue && g->pue.n == 0 && sc->pue.n == 0 && !dcd_map_get(n, "pue"))
        ERR(b, n, "%s: needs a PUE: give pue here or a fleet-wide pue at the top level", path);
}

/* ---- top level --------------------------------------------------------- */

/* Binds top-level row PATH of ROOT into SC, or reports it missing. */
static void bind_top(dcd_binder *b, const dcd_node *root, const char *path, dcd_scenario *sc)
{
    const dcd_key_info *k = row(path);
    const dcd_node *v = dcd_map_get(root, path);
    if (v)
        bind_value(b, k, v, path, sc);
    else if (k->missing)
        ERR(b, root, "%s", k->missing);
}

/* Binds every top-level row stored in the scenario (a field), in table
 * order: the texts when TEXTS, else the others (numbers, series). */
static void bind_top_rows(dcd_binder *b, const dcd_node *root, dcd_scenario *sc, int texts)
{
    for (size_t i = 0; i < dcd_schema_count(); i++) {
        const dcd_key_info *k = dcd_schema_at(i);
        if (k->field == DCD_FIELD_SCENARIO && !strchr(k->path, '.') &&
            (k->type == DCD_KEY_TEXT) == texts)
            bind_top(b, root, k->path, sc);
    }
}

/* Sets every scenario-wide choice (timing.*) to its row's default, before
 * the file's words are bound over it: the schema row is the one place a
 * default is stated. */
static void default_choices(dcd_scenario *sc)
{
    for (size_t i = 0; i < dcd_schema_count(); i++) {
        const dcd_key_info *k = dcd_schema_at(i);
        if (k->type == DCD_KEY_CHOICE && k->field == DCD_FIELD_SCENARIO && !isnan(k->default_value))
            *(int *)((char *)sc + k->offset) = (int)k->default_value;
    }
}

/* Reports the keys of ROOT that the schema does not list at the top level
 * (external subtrees included; `extends` is gone by now). */
static void check_top_keys(dcd_binder *b, const dcd_node *root)
{
    const char *known[48];
    size_t nk = 0;
    for (size_t i = 0; i < dcd_schema_count() && nk + 1 < 48; i++) {
        const dcd_key_info *k = dcd_schema_at(i);
        if (!strchr(k->path, '.') && !strchr(k->path, '[') && !k->loader_only)
            known[nk++] = k->path;
    }
    known[nk] = NULL;
    dcd_check_keys(b, root, "", known, NULL, NULL);
}

static void bind_years(dcd_binder *b, const dcd_node *root, dcd_scenario *sc)
{
    const dcd_node *y = dcd_map_get(root, "years");
    if (!y) {
        ERR(b, root, "%s", row("years")->missing);
        return;
    }
    if (y->kind != DCD_NODE_MAP) {
        ERR(b, y, "years: expected a mapping {start, base, end}, found %s", dcd_kind_name(y));
        return;
    }
    static const char *const keys[] = {"start", "base", "end", NULL};
    dcd_check_keys(b, y, "years", keys, NULL, NULL);
    const dcd_node *s = dcd_map_get(y, "start"), *e = dcd_map_get(y, "end"),
                   *ba = dcd_map_get(y, "base");
    int ok = 1;
    if (!s)
        ERR(b, y, "years: missing key 'start'"), ok = 0;
    else if (dcd_get_year(b, s, "years.start", (int)row("years.start")->min,
                          (int)row("years.start")->max, &sc->start) != 0)
        ok = 0;
    if (!e)
        ERR(b, y, "years: missing key 'end'"), ok = 0;
    else if (dcd_get_year(b, e, "years.end", (int)row("years.end")->min, (int)row("years.end")->max,
                          &sc->end) != 0)
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
        if (dcd_get_year(b, ba, "years.base", (int)row("years.base")->min,
                         (int)row("years.base")->max, &sc->base) != 0)
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

static void bind_national(dcd_binder *b, const dcd_node *root, dcd_scenario *sc)
{
    const dcd_node *n = dcd_map_get(root, "national");
    if (!n) {
        ERR(b, root, "%s", row("national")->missing);
        return;
    }
    if (n->kind != DCD_NODE_MAP) {
        ERR(b, n, "national: expected a mapping {total_twh, growth} or {forecast_twh}, found %s",
            dcd_kind_name(n));
        return;
    }
    static const char *const keys[] = {"total_twh", "other_twh", "growth", "forecast_twh", NULL};
    dcd_check_keys(b, n, "national", keys, NULL, NULL);
    const dcd_node *tot = dcd_map_get(n, "total_twh"), *oth = dcd_map_get(n, "other_twh"),
                   *gr = dcd_map_get(n, "growth"), *fc = dcd_map_get(n, "forecast_twh");
    int count = (tot != NULL) + (oth != NULL) + (fc != NULL);
    if (count == 0) {
        ERR(b, n,
            "national: give one of total_twh (base-year total including data centres), "
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
        bind_value(b, row("national.forecast_twh"), fc, "national.forecast_twh", sc);
        if (gr)
            ERR(b, gr,
                "national.growth: does not apply to forecast_twh (the forecast is the total)");
        return;
    }
    sc->national.mode = tot ? DCD_NATIONAL_TOTAL : DCD_NATIONAL_OTHER;
    const dcd_key_info *kb = row(tot ? "national.total_twh" : "national.other_twh");
    dcd_range rb = dcd_range_of(kb);
    dcd_get_number(b, tot ? tot : oth, kb->path, &rb, &sc->national.base_twh);
    if (gr)
        bind_value(b, row("national.growth"), gr, "national.growth", sc);
    else
        ERR(b, n,
            "national: missing key 'growth' (growth of demand outside data centres, per year)");
}

/* Checks the metric of an expect: or history: entry (E->metric) at node X
 * (path SUB), suggesting the nearest name; returns 0 when it is known. */
static int check_metric(dcd_binder *b, const dcd_node *x, const char *sub, const char *metric)
{
    if (dcd_total_index(metric) >= 0)
        return 0;
    const char *best = NULL;
    size_t bestd = 99;
    for (int m = 0; m < DCD_NTOTAL; m++) {
        size_t dd = dcd_edit_distance(metric, dcd_total_info[m].name);
        if (dd < bestd) {
            bestd = dd;
            best = dcd_total_info[m].name;
        }
    }
    for (int m = 0; m < DCD_NTOTAL && bestd > strlen(metric) / 3 + 1; m++)
        if (strncmp(dcd_total_info[m].name, metric, strlen(metric)) == 0) {
            best = dcd_total_info[m].name; /* "dc_share" -> dc_share_pct */
            bestd = 0;
        }
    if (best && bestd <= strlen(metric) / 3 + 1)
        ERR(b, x, "%s: unknown metric '%s'; did you mean '%s'?", sub, metric, best);
    else
        ERR(b, x,
            "%s: unknown metric '%s' (a column of summary.csv, such as "
            "dc_twh or dc_share_pct)",
            sub, metric);
    return -1;
}

/* Reads key KEY of entry IT (path PATH) as a number in R into *OUT, when
 * present.  Returns -1 when it is present and bad, 1 when present, 0 when
 * absent. */
static int expect_number(dcd_binder *b, const dcd_node *it, const char *path, const char *key,
                         const dcd_range *r, double *out)
{
    char sub[96];
    const dcd_node *x = dcd_map_get(it, key);
    if (!x)
        return 0;
    dcd_path_join(sub, sizeof sub, path, key);
    return dcd_get_number(b, x, sub, r, out) != 0 ? -1 : 1;
}

/* The figure of an entry: value: and (expect) tolerance:, or (expect) a
 * one-sided min: and/or max: (docs/scenario-format.md, "Expectations").
 * Returns 0 when it is good. */
static int bind_figure(dcd_binder *b, const dcd_node *it, const char *path, int history,
                       dcd_expect *e)
{
    const dcd_range r_value = dcd_range_of(row("expect[].value")),
                    r_tolerance = dcd_range_of(row("expect[].tolerance")),
                    r_min = dcd_range_of(row("expect[].min")),
                    r_max = dcd_range_of(row("expect[].max"));
    e->value = e->tolerance = e->min = e->max = NAN;
    int v = expect_number(b, it, path, "value", &r_value, &e->value);
    if (history) {
        e->tolerance = 0;
        if (v == 0)
            ERR(b, it, "%s: missing key 'value'", path);
        return v == 1 ? 0 : -1;
    }
    int t = expect_number(b, it, path, "tolerance", &r_tolerance, &e->tolerance);
    int lo = expect_number(b, it, path, "min", &r_min, &e->min);
    int hi = expect_number(b, it, path, "max", &r_max, &e->max);
    if (v < 0 || t < 0 || lo < 0 || hi < 0)
        return -1;
    if (v && (lo || hi)) {
        ERR(b, dcd_map_get(it, lo ? "min" : "max"),
            "%s: give value: and tolerance:, or a one-sided min:/max:, not both", path);
        return -1;
    }
    if (lo || hi) {
        if (t) {
            ERR(b, dcd_map_get(it, "tolerance"),
                "%s.tolerance: a one-sided figure (min:/max:) takes no tolerance", path);
            return -1;
        }
        e->one_sided = 1;
        if (lo && hi && e->min > e->max) {
            ERR(b, dcd_map_get(it, "max"), "%s: min %g is above max %g", path, e->min, e->max);
            return -1;
        }
        return 0;
    }
    if (!v) {
        ERR(b, it, "%s: missing key 'value' (or min:/max: for a one-sided figure)", path);
        return -1;
    }
    if (!t) {
        ERR(b, it, "%s: missing key 'tolerance' (absolute, in the metric's unit)", path);
        return -1;
    }
    return 0;
}

static void bind_expects(dcd_binder *b, const dcd_node *root, const char *key, int history,
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
    static const char *const ek[] = {"year", "metric", "value",  "tolerance",
                                     "min",  "max",    "source", NULL};
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
        dcd_check_keys(b, it, path, history ? hk : ek, NULL, NULL);
        dcd_expect *e = &(*out)[*nout];
        int ok = 1;
        const dcd_node *x;
        e->file = it->file;
        e->line = it->line;
        e->column = it->column;
        if ((x = dcd_map_get(it, "year"))) {
            dcd_path_join(sub, sizeof sub, path, "year");
            if (dcd_get_year(b, x, sub, (int)row("expect[].year")->min,
                             (int)row("expect[].year")->max, &e->year) != 0) {
                ok = 0;
            } else if (!history && b->years_ok && (e->year < b->start || e->year > b->end)) {
                ERR(b, x, "%s: %d is outside the scenario's years %d-%d", sub, e->year, b->start,
                    b->end);
                ok = 0;
            }
        } else
            ERR(b, it, "%s: missing key 'year'", path), ok = 0;
        if ((x = dcd_map_get(it, "metric"))) {
            dcd_path_join(sub, sizeof sub, path, "metric");
            if (dcd_get_string(b, x, sub, &e->metric) != 0 ||
                check_metric(b, x, sub, e->metric) != 0)
                ok = 0;
        } else
            ERR(b, it, "%s: missing key 'metric'", path), ok = 0;
        if (bind_figure(b, it, path, history, e) != 0)
            ok = 0;
        if ((x = dcd_map_get(it, "source"))) {
            dcd_path_join(sub, sizeof sub, path, "source");
            if (dcd_get_string(b, x, sub, &e->source) != 0)
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

/* references: (docs/scenario-format.md, "references"): marks drawn on the
 * charts of their metric, {metric, year, low, high, label} or
 * {metric, value, label}. */
static int bind_reference(dcd_binder *b, const dcd_node *it, const char *path, dcd_reference *f)
{
    static const char *const keys[] = {"metric", "year", "value", "low", "high", "label", NULL};
    const dcd_range any = dcd_range_of(row("references[].value"));
    char sub[96];
    const dcd_node *x;
    int ok = 1;
    dcd_check_keys(b, it, path, keys, NULL, NULL);
    f->file = it->file;
    f->line = it->line;
    f->column = it->column;
    f->low = f->high = NAN;
    if ((x = dcd_map_get(it, "metric"))) {
        dcd_path_join(sub, sizeof sub, path, "metric");
        if (dcd_get_string(b, x, sub, &f->metric) != 0 || check_metric(b, x, sub, f->metric) != 0)
            ok = 0;
    } else
        ERR(b, it, "%s: missing key 'metric'", path), ok = 0;
    if ((x = dcd_map_get(it, "year"))) {
        dcd_path_join(sub, sizeof sub, path, "year");
        if (dcd_get_year(b, x, sub, (int)row("references[].year")->min,
                         (int)row("references[].year")->max, &f->year) != 0)
            ok = 0;
        else if (b->years_ok && (f->year < b->start || f->year > b->end)) {
            ERR(b, x, "%s: %d is outside the scenario's years %d-%d", sub, f->year, b->start,
                b->end);
            ok = 0;
        }
    }
    double v = NAN;
    int hv = expect_number(b, it, path, "value", &any, &v);
    int hl = expect_number(b, it, path, "low", &any, &f->low);
    int hh = expect_number(b, it, path, "high", &any, &f->high);
    if (hv < 0 || hl < 0 || hh < 0)
        ok = 0;
    else if (hv && (hl || hh)) {
        ERR(b, dcd_map_get(it, hl ? "low" : "high"), "%s: give value:, or low: and high:, not both",
            path);
        ok = 0;
    } else if (hv) {
        f->low = f->high = v;
    } else if (hl != hh) {
        ERR(b, it, "%s: missing key '%s' (a range takes low: and high:)", path,
            hl ? "high" : "low");
        ok = 0;
    } else if (!hl) {
        ERR(b, it, "%s: missing key 'value' (or low: and high: for a range)", path);
        ok = 0;
    } else if (f->low > f->high) {
        ERR(b, dcd_map_get(it, "high"), "%s: low %g is above high %g", path, f->low, f->high);
        ok = 0;
    } else
        f->is_range = 1;
    if ((x = dcd_map_get(it, "label"))) {
        dcd_path_join(sub, sizeof sub, path, "label");
        if (dcd_get_string(b, x, sub, &f->label) != 0)
            ok = 0;
    } else
        ERR(b, it, "%s: missing key 'label' (the legend's text)", path), ok = 0;
    return ok ? 0 : -1;
}

static void bind_references(dcd_binder *b, const dcd_node *root, dcd_scenario *sc)
{
    const dcd_node *l = dcd_map_get(root, "references");
    if (!l)
        return;
    if (l->kind != DCD_NODE_SEQ) {
        ERR(b, l,
            "references: expected a list of {metric, year, low, high, label} or "
            "{metric, value, label}");
        return;
    }
    sc->references = calloc(l->n ? l->n : 1, sizeof *sc->references);
    if (!sc->references) {
        b->oom = 1;
        return;
    }
    for (size_t i = 0; i < l->n; i++) {
        const dcd_node *it = l->vals[i];
        char path[64];
        snprintf(path, sizeof path, "references[%zu]", i);
        if (it->kind != DCD_NODE_MAP) {
            ERR(b, it,
                "%s: expected a mapping {metric, year, low, high, label} or "
                "{metric, value, label}",
                path);
            continue;
        }
        dcd_reference *f = &sc->references[sc->nreferences];
        if (bind_reference(b, it, path, f) == 0)
            sc->nreferences++;
        else {
            free(f->metric);
            free(f->label);
            memset(f, 0, sizeof *f);
        }
    }
}

void dcd_bind_scenario(dcd_binder *b, const dcd_node *root, dcd_scenario *sc)
{
    check_top_keys(b, root);
    default_choices(sc);
    bind_top_rows(b, root, sc, 1); /* texts: name, title, ... */
    const dcd_node *v;
    if ((v = dcd_map_get(root, "sources"))) {
        if (v->kind == DCD_NODE_SCALAR) {
            sc->sources = calloc(1, sizeof *sc->sources);
            if (!sc->sources || dcd_get_string(b, v, "sources", &sc->sources[0]) != 0)
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
                if (dcd_get_string(b, v->vals[i], p, &sc->sources[sc->nsources]) == 0)
                    sc->nsources++;
            }
        } else {
            ERR(b, v, "sources: expected a list of citations, found %s", dcd_kind_name(v));
        }
    }
    bind_years(b, root, sc);
    bind_top_rows(b, root, sc, 0); /* numbers and series, once the years are known */
    bind_national(b, root, sc);

    const dcd_node *segs = dcd_map_get(root, "segments");
    if (!segs) {
        ERR(b, root, "%s", row("segments")->missing);
    } else if (segs->kind != DCD_NODE_MAP) {
        ERR(b, segs, "segments: expected a mapping of segment names to segments, found %s",
            dcd_kind_name(segs));
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
    bind_references(b, root, sc);
}
