/* params.c - resolving a parameter path against a scenario's structs
 * (dcd_prepared_param(), dcd_prepared.h).
 *
 * A path is what `--set` and `sweep --vary` take; it resolves to one input
 * the projection uses, a series or a number, identified as in
 * dcd_prepared_impl.h.  Anything else is refused with a message.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_prepared_impl.h"

const char *dcd_apply_name(dcd_apply how)
{
    switch (how) {
    case DCD_APPLY_SCALE: return "scale";
    case DCD_APPLY_SHIFT: return "shift";
    default: return "set";
    }
}

static const char *driver_name(dcd_driver d)
{
    return d == DCD_DRIVER_ENERGY ? "energy" : d == DCD_DRIVER_CAPACITY ? "capacity" : "fleet";
}

static const char *capacity_mode_key(dcd_capacity_mode m)
{
    switch (m) {
    case DCD_CAP_GROWTH: return "growth";
    case DCD_CAP_ADDITIONS: return "additions_gw";
    case DCD_CAP_CAPEX: return "capex_usd";
    default: return "logistic";
    }
}

static int has_installed_base(const dcd_segment *g)
{
    return g->base_gw > 0 || g->base_survival.years > 0 || g->base_survival.scale > 0;
}

/* A survival key ("", "years", "scale", "shape") of SV: the scalar index
 * among FIRST (years), FIRST+1 (scale), FIRST+2 (shape), or -1 with WHY. */
static int survival_key(const dcd_survival *sv, const char *sub, int first, char *why, size_t cap)
{
    static const char *const kinds[] = {"fixed", "exponential", "weibull"};
    if (!*sub && sv->kind == DCD_SURV_FIXED)
        return first;
    if (strcmp(sub, "years") == 0 && sv->kind != DCD_SURV_WEIBULL)
        return first;
    if (strcmp(sub, "scale") == 0 && sv->kind == DCD_SURV_WEIBULL)
        return first + 1;
    if (strcmp(sub, "shape") == 0 && sv->kind == DCD_SURV_WEIBULL)
        return first + 2;
    snprintf(why, cap, "the lifetime is %s: vary %s", kinds[sv->kind],
             sv->kind == DCD_SURV_WEIBULL ? "its scale or shape" : "its years");
    return -1;
}

/* Resolves KEY of segment G to a series (SS_*) or scalar (SK_*) index.
 * Returns 1 for a series, 0 for a number, -1 with WHY. */
static int segment_key(const dcd_segment *g, const char *key, int *k, char *why, size_t cap)
{
    static const struct {
        const char *key;
        int series, k;
    } common[] = {{"utilisation", 1, SS_UTIL}, {"idle", 1, SS_IDLE}, {"pue", 1, SS_PUE}};
    for (size_t i = 0; i < 3; i++)
        if (strcmp(key, common[i].key) == 0)
            return *k = common[i].k, 1;
    static const char *const conventions[] = {"build_lag_years", "build_spread_years",
                                              "pue_fixed_overhead", "installed_base.age_min_years",
                                              "installed_base.age_max_years", "basis", NULL};
    for (const char *const *cv = conventions; *cv; cv++)
        if (strcmp(key, *cv) == 0) {
            snprintf(why, cap,
                     "%s is a convention of the scenario, not a parameter; change it with "
                     "--set (docs/model.md)",
                     key);
            return -1;
        }
    const char *mode = g->driver == DCD_DRIVER_CAPACITY ? capacity_mode_key(g->capacity_mode) : "";
    int fleet_capex = g->driver == DCD_DRIVER_FLEET && g->shipments.n == 0;
    if (g->driver == DCD_DRIVER_ENERGY) {
        if (strcmp(key, "energy_twh") == 0)
            return *k = SK_ENERGY, 0;
        if (strcmp(key, "growth") == 0)
            return *k = SS_GROWTH, 1;
    } else if (g->driver == DCD_DRIVER_CAPACITY) {
        if (strcmp(key, "cost_per_mw_usd") == 0)
            return *k = SS_COST, 1;
        int logi = g->capacity_mode == DCD_CAP_LOGISTIC;
        int retire = g->capacity_mode == DCD_CAP_ADDITIONS || g->capacity_mode == DCD_CAP_CAPEX;
        if (strcmp(key, "capacity_gw") == 0 && !g->anchor_energy && (!logi || g->logistic_anchored))
            return *k = SK_CAPACITY, 0;
        if (strcmp(key, "energy_twh") == 0 && g->anchor_energy)
            return *k = SK_ENERGY, 0;
        if (strcmp(key, mode) == 0 && !logi)
            return *k = g->capacity_mode == DCD_CAP_GROWTH      ? SS_GROWTH
                        : g->capacity_mode == DCD_CAP_ADDITIONS ? SS_ADD
                                                                : SS_CAPEX,
                   1;
        if (strcmp(key, "lifetime_years") == 0 && retire)
            return *k = SK_LIFETIME, 0;
        if (logi && strncmp(key, "logistic.", 9) == 0) {
            const char *s = key + 9;
            if (strcmp(s, "saturation_gw") == 0)
                return *k = SK_SAT, 0;
            if (strcmp(s, "rate") == 0)
                return *k = SK_RATE, 0;
            if (strcmp(s, "midpoint_year") == 0 && !g->logistic_anchored)
                return *k = SK_MID, 0;
        }
        if (strcmp(key, "capacity_gw") == 0 || strcmp(key, "energy_twh") == 0 ||
            strcmp(key, "logistic.midpoint_year") == 0) {
            snprintf(why, cap, "segment '%s' is anchored %s, so %s does not apply", g->name,
                     g->anchor_energy                  ? "on energy_twh"
                     : (logi && !g->logistic_anchored) ? "by its logistic midpoint"
                                                       : "on capacity_gw",
                     key);
            return -1;
        }
        static const char *const modes[] = {"growth",   "additions_gw",   "capex_usd",
                                            "logistic", "lifetime_years", "capacity_gw"};
        for (size_t i = 0; i < 6; i++)
            if (strncmp(key, modes[i], strlen(modes[i])) == 0) {
                snprintf(why, cap, "segment '%s' is driven by %s, so %s does not apply", g->name,
                         mode, modes[i]);
                return -1;
            }
    } else {
        if (strcmp(key, "unit_power_w") == 0)
            return *k = SS_POWER, 1;
        if (strcmp(key, "shipments") == 0 && !fleet_capex)
            return *k = SS_SHIP, 1;
        if (fleet_capex && strcmp(key, "capex_usd") == 0)
            return *k = SS_CAPEX, 1;
        if (fleet_capex && strcmp(key, "equipment_share") == 0)
            return *k = SS_SHARE, 1;
        if (fleet_capex && strcmp(key, "unit_price_usd") == 0)
            return *k = SS_PRICE, 1;
        if (strcmp(key, "lifetime") == 0 || strncmp(key, "lifetime.", 9) == 0) {
            *k = survival_key(&g->survival, key[8] ? key + 9 : "", SK_SV_YEARS, why, cap);
            return *k < 0 ? -1 : 0;
        }
        if (strncmp(key, "installed_base.", 15) == 0) {
            const char *s = key + 15;
            if (!has_installed_base(g)) {
                snprintf(why, cap, "segment '%s' has no installed_base", g->name);
                return -1;
            }
            if (strcmp(s, "capacity_gw") == 0)
                return *k = SK_BASE_GW, 0;
            if (strcmp(s, "lifetime") == 0 || strncmp(s, "lifetime.", 9) == 0) {
                *k = survival_key(&g->base_survival, s[8] ? s + 9 : "", SK_BS_YEARS, why, cap);
                return *k < 0 ? -1 : 0;
            }
        }
        static const char *const modes[] = {"shipments", "capex_usd", "equipment_share",
                                            "unit_price_usd"};
        for (size_t i = 0; i < 4; i++)
            if (strcmp(key, modes[i]) == 0) {
                snprintf(why, cap, "segment '%s' counts units by %s, so %s does not apply", g->name,
                         fleet_capex ? "capex_usd" : "shipments", key);
                return -1;
            }
    }
    static const char *const any[] = {
        "energy_twh",      "growth",         "capacity_gw", "additions_gw",   "capex_usd",
        "cost_per_mw_usd", "lifetime_years", "logistic",    "shipments",      "unit_power_w",
        "equipment_share", "unit_price_usd", "lifetime",    "installed_base", NULL};
    for (const char *const *a = any; *a; a++)
        if (strncmp(key, *a, strlen(*a)) == 0 && (key[strlen(*a)] == 0 || key[strlen(*a)] == '.')) {
            snprintf(why, cap, "%s does not apply to segment '%s' (driver %s)", key, g->name,
                     driver_name(g->driver));
            return -1;
        }
    snprintf(why, cap, "segment '%s' has no input '%s'", g->name, key);
    return -1;
}

/* Resolves a top-level or national KEY.  Returns 1 series, 0 number, -1. */
static int top_key(const dcd_scenario *sc, const char *key, size_t *id, char *why, size_t cap)
{
    static const char *const series[] = {"pue", "grid_intensity_g_per_kwh", "cost_per_mw_usd",
                                         "wue_l_per_kwh"};
    for (size_t i = 0; i < 4; i++)
        if (strcmp(key, series[i]) == 0) {
            size_t own = 0;
            for (size_t s = 0; i == PS_PUE && s < sc->nsegments; s++)
                own += sc->segments[s].pue.n > 0;
            if (i == PS_PUE && own == sc->nsegments) {
                snprintf(why, cap, "every segment has its own pue, so the fleet-wide pue is not "
                                   "used; vary segments.NAME.pue");
                return -1;
            }
            return *id = i, 1;
        }
    dcd_national_mode m = sc->national.mode;
    if (strcmp(key, "national.total_twh") == 0 && m == DCD_NATIONAL_TOTAL)
        return *id = PK_NAT_BASE, 0;
    if (strcmp(key, "national.other_twh") == 0 && m == DCD_NATIONAL_OTHER)
        return *id = PK_NAT_BASE, 0;
    if (strcmp(key, "national.growth") == 0 && m != DCD_NATIONAL_FORECAST)
        return *id = PS_NAT_GROWTH, 1;
    if (strcmp(key, "national.forecast_twh") == 0 && m == DCD_NATIONAL_FORECAST)
        return *id = PS_NAT_FORECAST, 1;
    if (strncmp(key, "timing.", 7) == 0 || strcmp(key, "timing") == 0) {
        snprintf(why, cap,
                 "%s is a convention of the scenario, not a parameter; change it with --set "
                 "(docs/model.md, \"Timing conventions\")",
                 key);
        return -1;
    }
    if (strncmp(key, "national.", 9) == 0) {
        static const char *const given[] = {"total_twh", "other_twh", "forecast_twh"};
        snprintf(why, cap, "national demand is given as %s, so %s does not apply", given[m],
                 key + 9);
        return -1;
    }
    snprintf(why, cap,
             "not an input of the model (inputs are pue, grid_intensity_g_per_kwh, "
             "cost_per_mw_usd, wue_l_per_kwh, national.*, segments.NAME.*)");
    return -1;
}

/* 1 when series S was written as a single number (dcd_series_const()). */
static int is_constant(const dcd_series *s)
{
    return s->n == 1 && s->year[0] == 0;
}

/* Checks a resolved series parameter Q (series S, may be NULL: not given). */
static int check_series(const dcd_prepared *p, const pparam *q, const dcd_series *s, char *why,
                        size_t cap)
{
    const dcd_scenario *sc = p->sc;
    if (q->year) {
        if (q->year < sc->start || q->year > sc->end) {
            snprintf(why, cap, "year %d is outside the scenario's years %d-%d", q->year, sc->start,
                     sc->end);
            return -1;
        }
        if (!s || s->n == 0) {
            snprintf(why, cap, "the input is not given in the scenario, so it has no points");
            return -1;
        }
        if (is_constant(s)) {
            snprintf(why, cap,
                     "the input is a single value, not a series of years; vary the "
                     "whole series");
            return -1;
        }
    } else if ((!s || s->n == 0) && q->how != DCD_APPLY_SET) {
        snprintf(why, cap,
                 "the input is not given in the scenario, so it cannot be %s; give it "
                 "in the scenario or set it",
                 q->how == DCD_APPLY_SCALE ? "scaled" : "shifted");
        return -1;
    }
    for (size_t i = 0; i < p->npar; i++) {
        const pparam *o = &p->par[i];
        if (!o->is_series || o->id != q->id)
            continue;
        if ((o->year && !q->year && q->how == DCD_APPLY_SET) ||
            (q->year && !o->year && o->how == DCD_APPLY_SET)) {
            snprintf(why, cap,
                     "the series is set whole by '%s' and by points by the other; "
                     "use one of them",
                     o->path);
            return -1;
        }
    }
    return 0;
}

static const dcd_series *series_of(const dcd_scenario *sc, size_t id)
{
    if (id < PS_TOP) {
        const dcd_series *top[PS_TOP] = {
            &sc->pue,           &sc->grid_intensity_g_per_kwh, &sc->cost_per_mw_usd,
            &sc->wue_l_per_kwh, &sc->national.growth,          &sc->national.forecast_twh};
        return top[id];
    }
    const dcd_segment *g = &sc->segments[(id - PS_TOP) / SS_N];
    const dcd_series *seg[SS_N] = {&g->utilisation,     &g->idle,         &g->pue,
                                   &g->growth,          &g->additions_gw, &g->capex_usd,
                                   &g->cost_per_mw_usd, &g->shipments,    &g->equipment_share,
                                   &g->unit_price_usd,  &g->unit_power_w};
    return seg[(id - PS_TOP) % SS_N];
}

const dcd_series *dcd_prep_series_of(const dcd_scenario *sc, size_t id)
{
    return series_of(sc, id);
}

/* Splits PATH into KEY (without a trailing year) and *YEAR (0: none). */
static int split_year(const char *path, char *key, size_t cap, int *year)
{
    size_t n = strlen(path);
    if (n == 0 || n >= cap)
        return -1;
    memcpy(key, path, n + 1);
    *year = 0;
    char *dot = strrchr(key, '.');
    if (dot && dot[1] && strlen(dot + 1) <= 4) {
        int digits = 1;
        for (const char *c = dot + 1; *c; c++)
            digits &= isdigit((unsigned char)*c) != 0;
        if (digits) {
            *year = atoi(dot + 1);
            *dot = '\0';
        }
    }
    return 0;
}

int dcd_prep_resolve(const dcd_prepared *p, const char *path, dcd_apply how, pparam *q, char *why,
                     size_t cap)
{
    const dcd_scenario *sc = p->sc;
    char key[256];
    if (split_year(path, key, sizeof key, &q->year) != 0) {
        snprintf(why, cap, "expected a path such as segments.ai.growth");
        return -1;
    }
    q->how = how;
    int kind;
    if (strncmp(key, "segments.", 9) == 0) {
        const char *name = key + 9, *dot = strchr(name, '.');
        size_t nl = dot ? (size_t)(dot - name) : strlen(name), s = 0;
        while (s < sc->nsegments &&
               !(strlen(sc->segments[s].name) == nl && memcmp(sc->segments[s].name, name, nl) == 0))
            s++;
        if (s == sc->nsegments) {
            snprintf(why, cap, "no segment named '%.*s'", (int)nl, name);
            return -1;
        }
        if (!dot || !dot[1]) {
            snprintf(why, cap, "name one input of segment '%s', such as segments.%s.utilisation",
                     sc->segments[s].name, sc->segments[s].name);
            return -1;
        }
        int k = 0;
        kind = segment_key(&sc->segments[s], dot + 1, &k, why, cap);
        if (kind < 0)
            return -1;
        q->id = kind ? (size_t)SER_ID(s, k) : (size_t)SCA_ID(s, k);
    } else {
        kind = top_key(sc, key, &q->id, why, cap);
        if (kind < 0)
            return -1;
    }
    q->is_series = kind;
    if (!kind) {
        if (q->year) {
            snprintf(why, cap, "%s is a single number, not a series of years", key);
            return -1;
        }
        return 0;
    }
    return check_series(p, q, series_of(sc, q->id), why, cap);
}
