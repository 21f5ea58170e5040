/* bind.c - binds the resolved scenario document to the structs of
 * dcd_scenario.h, collecting every problem with its position. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_engine.h"
#include "dcd_load_impl.h"

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

static void bind_segment(dcd_binder *b, const dcd_scenario *sc, const dcd_node *key,
                         const dcd_node *n, dcd_segment *g)
{
    char path[256], sub[256];
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
    const dcd_node *v;
    if ((v = dcd_map_get(n, "ai"))) {
        dcd_path_join(sub, sizeof sub, path, "ai");
        dcd_get_bool(b, v, sub, &g->ai);
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
            dcd_found_desc(drv, fd, sizeof fd));
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
        dcd_check_keys(b, n, path, known, other, why);
    } else {
        const char *all[48];
        concat_keys(all, 48, COMMON_KEYS, ENERGY_KEYS);
        size_t k = 0;
        while (all[k])
            k++;
        concat_keys(all + k, 48 - k, CAPACITY_KEYS, FLEET_KEYS);
        dcd_check_keys(b, n, path, all, NULL, NULL);
    }
    if ((v = dcd_map_get(n, "description")) && v->kind != DCD_NODE_SCALAR)
        ERR(b, v, "%s.description: expected text", path);
    if ((v = dcd_map_get(n, "utilisation"))) {
        dcd_path_join(sub, sizeof sub, path, "utilisation");
        dcd_get_series(b, v, sub, &DCD_R_FRACTION, &g->utilisation);
    }
    if ((v = dcd_map_get(n, "idle"))) {
        dcd_path_join(sub, sizeof sub, path, "idle");
        dcd_get_series(b, v, sub, &DCD_R_FRACTION, &g->idle);
    }
    if ((v = dcd_map_get(n, "pue"))) {
        dcd_path_join(sub, sizeof sub, path, "pue");
        dcd_get_series(b, v, sub, &DCD_R_PUE, &g->pue);
    }
    if (!own)
        return;

    const dcd_node *growth = dcd_map_get(n, "growth");
    int needs_pue = 0;
    if (g->driver == DCD_DRIVER_ENERGY) {
        if ((v = dcd_map_get(n, "energy_twh"))) {
            dcd_path_join(sub, sizeof sub, path, "energy_twh");
            dcd_get_number(b, v, sub, &DCD_R_NONNEG, &g->energy_twh);
        } else {
            ERR(b, n, "%s: driver energy needs 'energy_twh' (energy in the base year)", path);
        }
        if (growth) {
            dcd_path_join(sub, sizeof sub, path, "growth");
            dcd_get_series(b, growth, sub, &DCD_R_GROWTH, &g->growth);
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
                    dcd_found_desc(v, sub, sizeof sub));
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
            dcd_path_join(sub, sizeof sub, path, "logistic");
            if (logi->kind != DCD_NODE_MAP) {
                ERR(b, logi, "%s: expected {saturation_gw, rate, midpoint_year}", sub);
            } else {
                static const char *const lk[] = {"saturation_gw", "rate", "midpoint_year", NULL};
                dcd_check_keys(b, logi, sub, lk, NULL, NULL);
                char s2[256];
                const dcd_node *x;
                static const dcd_range r_rate = {0, 10, 1, "a rate per year in (0, 10]"};
                static const dcd_range r_mid = {YEAR_MIN, YEAR_MAX, 0, "a year"};
                if ((x = dcd_map_get(logi, "saturation_gw"))) {
                    dcd_path_join(s2, sizeof s2, sub, "saturation_gw");
                    dcd_get_number(b, x, s2, &DCD_R_NONNEG, &g->saturation_gw);
                } else
                    ERR(b, logi, "%s: missing key 'saturation_gw'", sub);
                if ((x = dcd_map_get(logi, "rate"))) {
                    dcd_path_join(s2, sizeof s2, sub, "rate");
                    dcd_get_number(b, x, s2, &r_rate, &g->rate_per_year);
                } else
                    ERR(b, logi, "%s: missing key 'rate'", sub);
                if ((x = dcd_map_get(logi, "midpoint_year"))) {
                    dcd_path_join(s2, sizeof s2, sub, "midpoint_year");
                    dcd_get_number(b, x, s2, &r_mid, &g->midpoint_year);
                } else
                    ERR(b, logi, "%s: missing key 'midpoint_year'", sub);
            }
        } else {
            if (cap) {
                dcd_path_join(sub, sizeof sub, path, "capacity_gw");
                dcd_get_number(b, cap, sub, &DCD_R_NONNEG, &g->capacity_gw);
            } else {
                ERR(b, n, "%s: missing key 'capacity_gw' (installed IT capacity in the base year)",
                    path);
            }
            if (growth) {
                g->capacity_mode = DCD_CAP_GROWTH;
                dcd_path_join(sub, sizeof sub, path, "growth");
                dcd_get_series(b, growth, sub, &DCD_R_GROWTH, &g->growth);
                if (life)
                    ERR(b, life, "%s.lifetime_years: applies to additions_gw and capex_usd only",
                        path);
            } else {
                g->capacity_mode = add ? DCD_CAP_ADDITIONS : DCD_CAP_CAPEX;
                if (add) {
                    dcd_path_join(sub, sizeof sub, path, "additions_gw");
                    dcd_get_series(b, add, sub, &DCD_R_NONNEG, &g->additions_gw);
                } else {
                    dcd_path_join(sub, sizeof sub, path, "capex_usd");
                    dcd_get_series(b, capex, sub, &DCD_R_NONNEG, &g->capex_usd);
                    if (!cost && sc->cost_per_mw_usd.n == 0)
                        ERR(b, capex, "%s: capital spending needs a cost per MW: give "
                                      "cost_per_mw_usd here or at the top level", sub);
                }
                if (life) {
                    dcd_path_join(sub, sizeof sub, path, "lifetime_years");
                    dcd_get_number(b, life, sub, &DCD_R_LIFETIME, &g->lifetime_years);
                } else {
                    ERR(b, n, "%s: missing key 'lifetime_years' (retirement of installed capacity)",
                        path);
                }
            }
        }
        if (cost) {
            dcd_path_join(sub, sizeof sub, path, "cost_per_mw_usd");
            dcd_get_series(b, cost, sub, &DCD_R_POS, &g->cost_per_mw_usd);
        }
    } else { /* fleet */
        needs_pue = 1;
        const dcd_node *ship = dcd_map_get(n, "shipments"), *capex = dcd_map_get(n, "capex_usd");
        const dcd_node *share = dcd_map_get(n, "equipment_share"),
                       *price = dcd_map_get(n, "unit_price_usd");
        if (ship && capex) {
            ERR(b, capex, "%s: give shipments or capex_usd, not both", path);
        } else if (ship) {
            dcd_path_join(sub, sizeof sub, path, "shipments");
            dcd_get_series(b, ship, sub, &DCD_R_NONNEG, &g->shipments);
            if (share)
                ERR(b, share, "%s.equipment_share: applies with capex_usd only", path);
            if (price)
                ERR(b, price, "%s.unit_price_usd: applies with capex_usd only", path);
        } else if (capex) {
            dcd_path_join(sub, sizeof sub, path, "capex_usd");
            dcd_get_series(b, capex, sub, &DCD_R_NONNEG, &g->capex_usd);
            if (share) {
                dcd_path_join(sub, sizeof sub, path, "equipment_share");
                dcd_get_series(b, share, sub, &DCD_R_FRACTION, &g->equipment_share);
            } else
                ERR(b, n, "%s: capex_usd needs 'equipment_share' (share spent on these units)", path);
            if (price) {
                dcd_path_join(sub, sizeof sub, path, "unit_price_usd");
                dcd_get_series(b, price, sub, &DCD_R_POS, &g->unit_price_usd);
            } else
                ERR(b, n, "%s: capex_usd needs 'unit_price_usd' (price per unit)", path);
        } else {
            ERR(b, n, "%s: driver fleet needs 'shipments' (units per year) or 'capex_usd'", path);
        }
        if ((v = dcd_map_get(n, "unit_power_w"))) {
            dcd_path_join(sub, sizeof sub, path, "unit_power_w");
            dcd_get_series(b, v, sub, &DCD_R_NONNEG, &g->unit_power_w);
        } else {
            ERR(b, n, "%s: driver fleet needs 'unit_power_w' (rated power per unit, W)", path);
        }
        if ((v = dcd_map_get(n, "lifetime"))) {
            dcd_path_join(sub, sizeof sub, path, "lifetime");
            dcd_get_survival(b, v, sub, &g->survival);
        } else {
            ERR(b, n, "%s: driver fleet needs 'lifetime' (years, or {kind: weibull, scale, shape})",
                path);
        }
        if ((v = dcd_map_get(n, "installed_base"))) {
            dcd_path_join(sub, sizeof sub, path, "installed_base");
            if (v->kind != DCD_NODE_MAP) {
                ERR(b, v, "%s: expected {capacity_gw, lifetime}", sub);
            } else {
                static const char *const ik[] = {"capacity_gw", "lifetime", NULL};
                dcd_check_keys(b, v, sub, ik, NULL, NULL);
                char s2[256];
                const dcd_node *x;
                if ((x = dcd_map_get(v, "capacity_gw"))) {
                    dcd_path_join(s2, sizeof s2, sub, "capacity_gw");
                    dcd_get_number(b, x, s2, &DCD_R_NONNEG, &g->base_gw);
                } else
                    ERR(b, v, "%s: missing key 'capacity_gw' (IT GW installed at years.start)", sub);
                if ((x = dcd_map_get(v, "lifetime"))) {
                    dcd_path_join(s2, sizeof s2, sub, "lifetime");
                    dcd_get_survival(b, x, s2, &g->base_survival);
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

static void bind_years(dcd_binder *b, const dcd_node *root, dcd_scenario *sc)
{
    const dcd_node *y = dcd_map_get(root, "years");
    if (!y) {
        ERR(b, root, "missing key 'years' ({start, base, end})");
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
    else if (dcd_get_year(b, s, "years.start", YEAR_MIN, YEAR_MAX, &sc->start) != 0)
        ok = 0;
    if (!e)
        ERR(b, y, "years: missing key 'end'"), ok = 0;
    else if (dcd_get_year(b, e, "years.end", YEAR_MIN, YEAR_MAX, &sc->end) != 0)
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
        if (dcd_get_year(b, ba, "years.base", YEAR_MIN, YEAR_MAX, &sc->base) != 0)
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
        ERR(b, root, "missing key 'national' (national electricity demand)");
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
        dcd_get_series(b, fc, "national.forecast_twh", &DCD_R_POS, &sc->national.forecast_twh);
        if (gr)
            ERR(b, gr, "national.growth: does not apply to forecast_twh (the forecast is the total)");
        return;
    }
    sc->national.mode = tot ? DCD_NATIONAL_TOTAL : DCD_NATIONAL_OTHER;
    dcd_get_number(b, tot ? tot : oth, tot ? "national.total_twh" : "national.other_twh", &DCD_R_POS,
               &sc->national.base_twh);
    if (gr)
        dcd_get_series(b, gr, "national.growth", &DCD_R_GROWTH, &sc->national.growth);
    else
        ERR(b, n, "national: missing key 'growth' (growth of demand outside data centres, per year)");
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
        dcd_check_keys(b, it, path, history ? hk : ek, NULL, NULL);
        dcd_expect *e = &(*out)[*nout];
        int ok = 1;
        const dcd_node *x;
        e->file = it->file;
        e->line = it->line;
        e->column = it->column;
        if ((x = dcd_map_get(it, "year"))) {
            dcd_path_join(sub, sizeof sub, path, "year");
            if (dcd_get_year(b, x, sub, YEAR_MIN, YEAR_MAX, &e->year) != 0) {
                ok = 0;
            } else if (!history && b->years_ok && (e->year < b->start || e->year > b->end)) {
                ERR(b, x, "%s: %d is outside the scenario's years %d-%d", sub, e->year,
                    b->start, b->end);
                ok = 0;
            }
        } else
            ERR(b, it, "%s: missing key 'year'", path), ok = 0;
        if ((x = dcd_map_get(it, "metric"))) {
            dcd_path_join(sub, sizeof sub, path, "metric");
            if (dcd_get_string(b, x, sub, &e->metric) != 0)
                ok = 0;
            else if (dcd_total_index(e->metric) < 0) {
                const char *best = NULL;
                size_t bestd = 99;
                for (int m = 0; m < DCD_NTOTAL; m++) {
                    size_t dd = dcd_edit_distance(e->metric, dcd_total_info[m].name);
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
            dcd_path_join(sub, sizeof sub, path, "value");
            if (dcd_get_number(b, x, sub, &DCD_R_ANY, &e->value) != 0)
                ok = 0;
        } else
            ERR(b, it, "%s: missing key 'value'", path), ok = 0;
        if (!history) {
            if ((x = dcd_map_get(it, "tolerance"))) {
                dcd_path_join(sub, sizeof sub, path, "tolerance");
                if (dcd_get_number(b, x, sub, &DCD_R_NONNEG, &e->tolerance) != 0)
                    ok = 0;
            } else
                ERR(b, it, "%s: missing key 'tolerance' (absolute, in the metric's unit)", path), ok = 0;
        }
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

void dcd_bind_scenario(dcd_binder *b, const dcd_node *root, dcd_scenario *sc)
{
    dcd_check_keys(b, root, "", TOP_KEYS, NULL, NULL);
    const dcd_node *v;
    if ((v = dcd_map_get(root, "name")))
        dcd_get_string(b, v, "name", &sc->name);
    else
        ERR(b, root, "missing key 'name' (names the output folder)");
    if ((v = dcd_map_get(root, "title")))
        dcd_get_string(b, v, "title", &sc->title);
    if ((v = dcd_map_get(root, "description")))
        dcd_get_string(b, v, "description", &sc->description);
    if ((v = dcd_map_get(root, "study")))
        dcd_get_string(b, v, "study", &sc->study);
    if ((v = dcd_map_get(root, "case")))
        dcd_get_string(b, v, "case", &sc->case_name);
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
    if ((v = dcd_map_get(root, "pue")))
        dcd_get_series(b, v, "pue", &DCD_R_PUE, &sc->pue);
    if ((v = dcd_map_get(root, "grid_intensity_g_per_kwh")))
        dcd_get_series(b, v, "grid_intensity_g_per_kwh", &DCD_R_NONNEG, &sc->grid_intensity_g_per_kwh);
    if ((v = dcd_map_get(root, "cost_per_mw_usd")))
        dcd_get_series(b, v, "cost_per_mw_usd", &DCD_R_POS, &sc->cost_per_mw_usd);
    if ((v = dcd_map_get(root, "wue_l_per_kwh")))
        dcd_get_series(b, v, "wue_l_per_kwh", &DCD_R_NONNEG, &sc->wue_l_per_kwh);
    bind_national(b, root, sc);

    const dcd_node *segs = dcd_map_get(root, "segments");
    if (!segs) {
        ERR(b, root, "missing key 'segments' (at least one segment of the fleet)");
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
}

