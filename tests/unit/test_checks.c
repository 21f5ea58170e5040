/* test_checks.c - no non-finite value is ever written, every model error
 * names its path and year, and the "negative" checks allow rounding
 * (docs/model.md, "Numerical properties").  Tiny scenarios through the
 * loader (dcd_scenario_load_text) and dcd_project().
 */
#include <math.h>
#include <string.h>

#include "dcd_engine.h"
#include "dcd_load.h"
#include "dcd_prepared.h"
#include "harness.h"

static const char HEAD[] = "name: t\n"
                           "years: {start: 2020, base: 2022, end: 2025}\n";

/* Loads HEAD + BODY and projects it.  Returns the status; *MSG gets the
 * first message (static buffer) and *OUT the results (caller frees). */
static int run(const char *body, char *msg, size_t cap, dcd_results **out)
{
    char text[4096];
    snprintf(text, sizeof text, "%s%s", HEAD, body);
    dcd_scenario *sc = NULL;
    dcd_diags d = {0};
    *out = NULL;
    msg[0] = '\0';
    int st = dcd_scenario_load_text("t.yaml", text, strlen(text), NULL, 0, &sc, &d);
    if (st == DCD_OK)
        st = dcd_project_new(sc, out, &d);
    if (d.n)
        snprintf(msg, cap, "%s", d.items[0].message);
    dcd_scenario_free(sc);
    dcd_diags_free(&d);
    return st;
}

/* A scenario that must fail to project with a message holding each of
 * WORDS (NULL-terminated). */
static void refused(const char *what, const char *body, const char *const *words)
{
    char msg[600];
    dcd_results *r = NULL;
    int st = run(body, msg, sizeof msg, &r);
    int ok = st == DCD_EMODEL && r == NULL;
    for (const char *const *w = words; ok && *w; w++)
        ok = strstr(msg, *w) != NULL;
    gsl_test(!ok, "%s: projection error (status %d): %s", what, st, msg);
    dcd_results_free(r);
}

/* 1 when R holds no infinite value. */
static int no_inf(const dcd_results *r)
{
    for (size_t k = 0; k < (size_t)DCD_NTOTAL * r->ny; k++)
        if (isinf(r->total[k]))
            return 0;
    for (size_t k = 0; k < r->nseg * DCD_NSEGMETRIC * r->ny; k++)
        if (isinf(r->seg[k]))
            return 0;
    return 1;
}

static void test_energy_capacity(void)
{
    refused("energy segment, utilisation 1e-310",
            "national: {total_twh: 4000, growth: 0.02}\npue: 1.4\n"
            "segments:\n  x: {ai: false, driver: energy, energy_twh: 120, growth: 0.05,\n"
            "      utilisation: 1e-310}\n",
            (const char *const[]){"segments.x.utilisation", "2020", "not finite", NULL});
    refused("energy segment, load factor 0 with energy",
            "national: {total_twh: 4000, growth: 0.02}\npue: 1.4\n"
            "segments:\n  x: {ai: false, driver: energy, energy_twh: 120, growth: 0.05,\n"
            "      utilisation: 0, idle: 0}\n",
            (const char *const[]){"segments.x.utilisation", "2020", "load factor", NULL});

    /* a load factor of 0 with no energy: capacity 0, a defined case */
    char msg[600];
    dcd_results *r = NULL;
    int st = run("national: {total_twh: 4000, growth: 0.02}\npue: 1.4\n"
                 "segments:\n  x: {ai: false, driver: energy, energy_twh: 0, growth: 0.05,\n"
                 "      utilisation: 0, idle: 0}\n"
                 "  y: {ai: true, driver: energy, energy_twh: 37.25, growth: 0.11}\n",
                 msg, sizeof msg, &r);
    gsl_test(st, "load factor 0 and no energy projects: %s", msg);
    if (r) {
        gsl_test(DCD_SEG(r, 0, DCD_S_IT_GW, 3) != 0, "load factor 0, no energy: capacity 0");
        gsl_test(isnan(DCD_TOTAL(r, DCD_T_DC_IT_GW, 3)), "the IT capacity total is determined");
        gsl_test(!no_inf(r), "no infinite value");
    }
    dcd_results_free(r);
}

static void test_overflow(void)
{
    const char *seg = "segments:\n  x: {ai: true, driver: capacity, capacity_gw: 150, growth: 0.05,"
                      " pue: 1.3}\n";
    char body[1024];
    snprintf(body, sizeof body,
             "national: {total_twh: 40000, growth: 0.02}\ngrid_intensity_g_per_kwh: 1e306\n%s",
             seg);
    refused("grid intensity 1e306", body,
            (const char *const[]){"grid_intensity_g_per_kwh", "2020", "overflow", NULL});
    snprintf(body, sizeof body,
             "national: {total_twh: 40000, growth: 0.02}\nwue_l_per_kwh: 1e306\n%s", seg);
    refused("WUE 1e306", body, (const char *const[]){"wue_l_per_kwh", "2020", "overflow", NULL});
    snprintf(body, sizeof body,
             "national: {total_twh: 40000, growth: 0.02}\ncost_per_mw_usd: 1e306\n%s", seg);
    refused("cost per MW 1e306", body,
            (const char *const[]){"cost_per_mw_usd", "capital spending", "overflow", NULL});
    refused("segment cost per MW 1e306",
            "national: {total_twh: 40000, growth: 0.02}\npue: 1.2\n"
            "segments:\n  x: {ai: true, driver: capacity, capacity_gw: 150, growth: 0.05,\n"
            "      cost_per_mw_usd: 1e306}\n",
            (const char *const[]){"segments.x.cost_per_mw_usd", "overflow", NULL});
    /* each segment finite, their sum not: a total overflows */
    refused("total capital spending overflows",
            "national: {other_twh: 4000, growth: 0.02}\npue: 1.2\ncost_per_mw_usd: 1e6\n"
            "segments:\n"
            "  x: {ai: true, driver: capacity, capacity_gw: 1, lifetime_years: 5,\n"
            "      capex_usd: {2022: 0, 2023: 1.5e308, interpolation: step}}\n"
            "  y: {ai: true, driver: capacity, capacity_gw: 1, lifetime_years: 5,\n"
            "      capex_usd: {2022: 0, 2023: 1.5e308, interpolation: step}}\n",
            (const char *const[]){"capex_usd", "fleet total", "2023", "overflow", NULL});
}

static void test_tolerance(void)
{
    char msg[600];
    dcd_results *r = NULL;
    /* K(2020) = (K(2021) - A(2021)) / keep is -1.5e-16 in floating point,
     * 0 in exact arithmetic */
    int st =
        run("national: {total_twh: 4000, growth: 0.02}\npue: 1.3\n"
            "segments:\n  x: {ai: true, driver: capacity, capacity_gw: 1, lifetime_years: 4,\n"
            "      additions_gw: {2021: 0.9333333333333333, 2022: 0.3, interpolation: step}}\n",
            msg, sizeof msg, &r);
    gsl_test(st, "additions that exactly rebuild the base capacity project: %s", msg);
    if (r)
        gsl_test(DCD_SEG(r, 0, DCD_S_IT_GW, 0) != 0, "their first-year capacity is 0 (%g)",
                 DCD_SEG(r, 0, DCD_S_IT_GW, 0));
    dcd_results_free(r);

    /* 0.1 + 0.2 = 0.30000000000000004 TWh of data centres against 0.3 */
    st = run("national: {forecast_twh: 0.3}\npue: 1.3\n"
             "segments:\n  a: {ai: false, driver: energy, energy_twh: 0.1, growth: 0}\n"
             "  b: {ai: true, driver: energy, energy_twh: 0.2, growth: 0}\n",
             msg, sizeof msg, &r);
    gsl_test(st, "a forecast equal to data-centre demand projects: %s", msg);
    if (r) {
        gsl_test(DCD_TOTAL(r, DCD_T_OTHER_TWH, 1) != 0, "other demand is 0");
        gsl_test_rel(DCD_TOTAL(r, DCD_T_DC_SHARE_PCT, 1), 100, 1e-15, "the share is 100 %%");
    }
    dcd_results_free(r);
    st = run("national: {total_twh: 0.3, growth: 0.01}\npue: 1.3\n"
             "segments:\n  a: {ai: false, driver: energy, energy_twh: 0.1, growth: 0}\n"
             "  b: {ai: true, driver: energy, energy_twh: 0.2, growth: 0}\n",
             msg, sizeof msg, &r);
    gsl_test(st, "a base-year total equal to data-centre demand projects: %s", msg);
    dcd_results_free(r);

    /* beyond rounding: still refused */
    refused("forecast 1e-6 short",
            "national: {forecast_twh: 0.299999}\npue: 1.3\n"
            "segments:\n  a: {ai: false, driver: energy, energy_twh: 0.1, growth: 0}\n"
            "  b: {ai: true, driver: energy, energy_twh: 0.2, growth: 0}\n",
            (const char *const[]){"national.forecast_twh", "2020", "smaller", NULL});
    refused("additions 1e-7 too large",
            "national: {total_twh: 4000, growth: 0.02}\npue: 1.3\n"
            "segments:\n  x: {ai: true, driver: capacity, capacity_gw: 1, lifetime_years: 4,\n"
            "      additions_gw: {2021: 0.9333334, 2022: 0.3, interpolation: step}}\n",
            (const char *const[]){"segments.x", "2020", "negative capacity", NULL});
}

/* The energy-only prepared evaluation takes the full checks' path when its
 * quick check fails: a load factor of 0 with no energy still projects, with
 * the full evaluation's totals; 1e-310 is still refused. */
static void test_energy_only_slow_path(void)
{
    static const char text[] = "name: t\nyears: {start: 2020, base: 2022, end: 2025}\n"
                               "national: {total_twh: 4000, growth: 0.02}\npue: 1.4\n"
                               "segments:\n"
                               "  x: {ai: false, driver: energy, energy_twh: 0, growth: 0.05,\n"
                               "      utilisation: 0, idle: 0}\n"
                               "  y: {ai: true, driver: energy, energy_twh: 37.25, growth: 0.11}\n";
    dcd_scenario *sc = NULL;
    dcd_diags d = {0};
    if (dcd_scenario_load_text("t.yaml", text, strlen(text), NULL, 0, &sc, &d) != DCD_OK) {
        gsl_test(1, "loads");
        dcd_diags_free(&d);
        return;
    }
    dcd_prepared *pe = NULL, *pf = NULL;
    dcd_prepared_new(sc, &pe, NULL);
    dcd_prepared_new(sc, &pf, NULL);
    dcd_prepared_select(pe, DCD_TOTALS_ENERGY);
    dcd_prepared_param(pe, "segments.x.utilisation", DCD_APPLY_SET, NULL, NULL);
    dcd_prepared_param(pf, "segments.x.utilisation", DCD_APPLY_SET, NULL, NULL);
    dcd_prepared_ready(pe, NULL);
    dcd_prepared_ready(pf, NULL);
    dcd_prepared_ws *we = dcd_prepared_ws_alloc(pe), *wf = dcd_prepared_ws_alloc(pf);
    double x = 0;
    int se = dcd_prepared_eval(pe, we, &x, NULL, NULL),
        sf = dcd_prepared_eval(pf, wf, &x, NULL, NULL);
    size_t ny = dcd_prepared_years(pe);
    int same = se == DCD_OK && sf == DCD_OK;
    for (size_t i = 0; same && i < ny; i++)
        same = dcd_prepared_totals(we)[DCD_T_DC_SHARE_PCT * ny + i] ==
               dcd_prepared_totals(wf)[DCD_T_DC_SHARE_PCT * ny + i];
    gsl_test(!same, "energy only, load factor 0 and no energy: the full evaluation's share (%d %d)",
             se, sf);
    /* a draw of energy at utilisation 1e-310 on segment y is refused alike */
    dcd_prepared_free(pe);
    dcd_prepared_new(sc, &pe, NULL);
    dcd_prepared_select(pe, DCD_TOTALS_ENERGY);
    dcd_prepared_param(pe, "segments.y.utilisation", DCD_APPLY_SET, NULL, NULL);
    dcd_prepared_ready(pe, NULL);
    dcd_prepared_ws_free(we);
    we = dcd_prepared_ws_alloc(pe);
    x = 1e-310;
    se = dcd_prepared_eval(pe, we, &x, NULL, &d);
    gsl_test(se != DCD_EMODEL || d.n != 1 || !strstr(d.items[0].message, "segments.y.utilisation"),
             "energy only: an infinite implied capacity is refused: %s",
             d.n ? d.items[0].message : "(none)");
    dcd_prepared_ws_free(we);
    dcd_prepared_ws_free(wf);
    dcd_prepared_free(pe);
    dcd_prepared_free(pf);
    dcd_scenario_free(sc);
    dcd_diags_free(&d);
}

int main(void)
{
    harness_init();
    test_energy_only_slow_path();
    test_energy_capacity();
    test_overflow();
    test_tolerance();
    return gsl_test_summary();
}
