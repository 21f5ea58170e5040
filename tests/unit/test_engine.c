/* test_engine.c - closed-form checks of the projection (docs/model.md).
 *
 * Scenarios are built as plain structs, without YAML, so these tests pin the
 * engine alone.  Inputs are "high-entropy" values (2.385 rather than 1) so a
 * missing factor cannot hide.
 */
#include <math.h>
#include <string.h>

#include "dcd_engine.h"
#include "dcd_load.h"
#include "harness.h"

static void pts(dcd_series *s, size_t n, const double *x, const double *y)
{
    s->n = n;
    s->year = malloc(n * sizeof *s->year);
    s->value = malloc(n * sizeof *s->value);
    memcpy(s->year, x, n * sizeof *x);
    memcpy(s->value, y, n * sizeof *y);
    s->interp = DCD_INTERP_LINEAR;
}

static void cst(dcd_series *s, double v)
{
    dcd_series_const(s, v);
}

static char *dup(const char *s)
{
    char *p = malloc(strlen(s) + 1);
    strcpy(p, s);
    return p;
}

/* A scenario with NSEG empty segments, years START..END, base BASE, national
 * demand as a base-year total TOTAL growing G. */
static dcd_scenario *make(int start, int base, int end, size_t nseg, double total, double g)
{
    dcd_scenario *sc = calloc(1, sizeof *sc);
    sc->name = dup("unit");
    sc->path = dup("unit.yaml");
    sc->start = start;
    sc->base = base;
    sc->end = end;
    sc->national.mode = DCD_NATIONAL_TOTAL;
    sc->national.base_twh = total;
    cst(&sc->national.growth, g);
    sc->segments = calloc(nseg, sizeof *sc->segments);
    sc->nsegments = nseg;
    for (size_t i = 0; i < nseg; i++) {
        char n[32];
        snprintf(n, sizeof n, "s%zu", i);
        sc->segments[i].name = dup(n);
    }
    return sc;
}

/* Runs the projection; returns results (caller frees) or NULL. */
static dcd_results *project(const dcd_scenario *sc, int *status)
{
    dcd_workspace *w = dcd_workspace_alloc(sc);
    dcd_results *r = dcd_results_alloc(sc);
    dcd_diags d = {0};
    *status = dcd_project(sc, w, r, &d);
    dcd_diags_free(&d);
    dcd_workspace_free(w);
    return r;
}

static void test_energy_growth(void)
{
    dcd_scenario *sc = make(2019, 2023, 2031, 1, 4000, 0.0213);
    dcd_segment *g = &sc->segments[0];
    g->driver = DCD_DRIVER_ENERGY;
    g->ai = 1;
    g->energy_twh = 152.71;
    cst(&g->growth, 0.0731);
    cst(&sc->pue, 1.385);
    int st;
    dcd_results *r = project(sc, &st);
    gsl_test(st, "energy growth projects");
    for (size_t i = 0; i < r->ny; i++) {
        int y = 2019 + (int)i;
        double e = 152.71 * pow(1.0731, y - 2023);
        gsl_test_rel(DCD_SEG(r, 0, DCD_S_FACILITY_TWH, i), e, 1e-13,
                     "energy: E(%d) = e0 (1+g)^(t-base), both directions", y);
    }
    gsl_test_rel(DCD_SEG(r, 0, DCD_S_IT_TWH, 4), 152.71 / 1.385, 1e-13,
                 "energy (facility basis): IT energy = facility / PUE");
    gsl_test_rel(DCD_TOTAL(r, DCD_T_AI_TWH, 4), 152.71, 1e-13, "AI total counts an ai: true segment");
    /* national: other = 4000 - 152.71 in the base year, grown at 2.13 % */
    double other31 = (4000 - 152.71) * pow(1.0213, 8);
    double dc31 = 152.71 * pow(1.0731, 8);
    gsl_test_rel(DCD_TOTAL(r, DCD_T_NATIONAL_TWH, 12), other31 + dc31, 1e-13, "national 2031");
    gsl_test_rel(DCD_TOTAL(r, DCD_T_DC_SHARE_PCT, 12), 100 * dc31 / (other31 + dc31), 1e-13,
                 "dc_share_pct = 100 dc / national");
    gsl_test(!isnan(DCD_TOTAL(r, DCD_T_CO2_MT, 0)), "no grid intensity: emissions not determined");
    dcd_results_free(r);

    /* basis: it -> facility = IT x PUE */
    g->energy_is_it = 1;
    r = project(sc, &st);
    gsl_test_rel(DCD_SEG(r, 0, DCD_S_FACILITY_TWH, 4), 152.71 * 1.385, 1e-13,
                 "energy (IT basis): facility = IT x PUE");
    dcd_results_free(r);

    /* no PUE at all with a facility basis: IT energy is not determined */
    g->energy_is_it = 0;
    dcd_series_free(&sc->pue);
    r = project(sc, &st);
    gsl_test(st, "facility energy without PUE projects");
    gsl_test(!isnan(DCD_TOTAL(r, DCD_T_DC_IT_TWH, 0)), "without PUE, dc_it_twh is not determined");
    gsl_test_rel(DCD_TOTAL(r, DCD_T_DC_TWH, 4), 152.71, 1e-13, "without PUE, facility energy stands");
    dcd_results_free(r);
    dcd_scenario_free(sc);
}

static void test_capacity_growth_pue_once(void)
{
    dcd_scenario *sc = make(2023, 2023, 2030, 1, 3973, 0.026);
    dcd_segment *g = &sc->segments[0];
    g->driver = DCD_DRIVER_CAPACITY;
    g->capacity_mode = DCD_CAP_GROWTH;
    g->capacity_gw = 4.95;
    cst(&g->growth, 0.385);
    cst(&g->utilisation, 0.715);
    cst(&g->idle, 0.185);
    const double py[] = {2023, 2030}, pv[] = {1.31, 1.17};
    pts(&g->pue, 2, py, pv);
    cst(&sc->pue, 1.9); /* fleet-wide PUE must be ignored: the segment has its own */
    double intensity = 367.5;
    cst(&sc->grid_intensity_g_per_kwh, intensity);
    int st;
    dcd_results *r = project(sc, &st);
    gsl_test(st, "capacity growth projects");
    double lf = 0.185 + (1 - 0.185) * 0.715;
    for (size_t i = 0; i < r->ny; i++) {
        double k = 4.95 * pow(1.385, (double)i);
        double pue = 1.31 + (1.17 - 1.31) * (double)i / 7;
        gsl_test_rel(DCD_SEG(r, 0, DCD_S_IT_GW, i), k, 1e-13, "K(%zu) = K0 (1+g)^t", i);
        gsl_test_rel(DCD_SEG(r, 0, DCD_S_LOAD_FACTOR, i), lf, 1e-15, "load factor");
        gsl_test_rel(DCD_SEG(r, 0, DCD_S_IT_TWH, i), k * lf * 8.76, 1e-13, "E_IT = K LF 8760 h");
        gsl_test_rel(DCD_SEG(r, 0, DCD_S_FACILITY_TWH, i) / DCD_SEG(r, 0, DCD_S_IT_TWH, i), pue,
                     1e-13, "facility / IT energy = segment PUE exactly once (%zu)", i);
        gsl_test_rel(DCD_SEG(r, 0, DCD_S_FACILITY_GW, i), k * pue, 1e-13, "facility GW = K PUE");
        gsl_test_rel(DCD_TOTAL(r, DCD_T_CO2_MT, i), k * lf * 8.76 * pue * intensity * 1e-3, 1e-13,
                     "emissions: TWh x g/kWh / 1000 = Mt");
    }
    gsl_test_rel(DCD_TOTAL(r, DCD_T_DC_PUE, 3), DCD_SEG(r, 0, DCD_S_PUE, 3), 1e-13,
                 "effective PUE of a one-segment fleet equals its PUE");
    gsl_test_rel(DCD_TOTAL(r, DCD_T_AI_TWH, 3), 0, 0, "ai: false segment is not AI");
    dcd_results_free(r);
    dcd_scenario_free(sc);
}

static void test_additions_retirement(void)
{
    dcd_scenario *sc = make(2020, 2020, 2040, 1, 4000, 0.01);
    dcd_segment *g = &sc->segments[0];
    g->driver = DCD_DRIVER_CAPACITY;
    g->capacity_mode = DCD_CAP_ADDITIONS;
    g->capacity_gw = 3.7;
    g->lifetime_years = 6.5;
    cst(&g->additions_gw, 2.385);
    cst(&sc->pue, 1.2);
    int st;
    dcd_results *r = project(sc, &st);
    gsl_test(st, "additions project");
    /* K(n) = K_ss + (K0 - K_ss) (1 - 1/L)^n with K_ss = A L */
    double kss = 2.385 * 6.5;
    for (size_t i = 0; i < r->ny; i += 5)
        gsl_test_rel(DCD_SEG(r, 0, DCD_S_IT_GW, i), kss + (3.7 - kss) * pow(1 - 1 / 6.5, (double)i),
                     1e-12, "additions with retirement: closed form at year %zu", i);
    gsl_test_rel(DCD_SEG(r, 0, DCD_S_ADDITIONS_GW, 7), 2.385, 1e-15, "additions reported gross");
    dcd_results_free(r);

    /* capex: A = capex / cost per MW / 1000 */
    g->capacity_mode = DCD_CAP_CAPEX;
    dcd_series_free(&g->additions_gw);
    cst(&g->capex_usd, 47.7e9);
    cst(&sc->cost_per_mw_usd, 11.7e6);
    r = project(sc, &st);
    gsl_test(st, "capex projects");
    gsl_test_rel(DCD_SEG(r, 0, DCD_S_ADDITIONS_GW, 3), 47.7e9 / 11.7e6 / 1e3, 1e-13,
                 "capex / cost per MW gives GW added");
    gsl_test_rel(DCD_SEG(r, 0, DCD_S_CAPEX_USD, 3), 47.7e9, 1e-13, "stated capex is reported");
    dcd_results_free(r);
    dcd_scenario_free(sc);
}

static void test_backwards_negative(void)
{
    dcd_scenario *sc = make(2018, 2023, 2025, 1, 4000, 0.01);
    dcd_segment *g = &sc->segments[0];
    g->driver = DCD_DRIVER_CAPACITY;
    g->capacity_mode = DCD_CAP_ADDITIONS;
    g->capacity_gw = 2;
    g->lifetime_years = 5;
    cst(&g->additions_gw, 1.5);
    cst(&sc->pue, 1.2);
    int st;
    dcd_results *r = project(sc, &st);
    gsl_test(st != DCD_EMODEL, "additions larger than capacity before the base year: model error");
    dcd_results_free(r);
    dcd_scenario_free(sc);
}

static void test_fleet_fixed_lifetime(void)
{
    dcd_scenario *sc = make(2020, 2020, 2032, 1, 4000, 0.01);
    dcd_segment *g = &sc->segments[0];
    g->driver = DCD_DRIVER_FLEET;
    const double sy[] = {2020, 2024, 2026, 2032}, sv[] = {0.2e6, 1.1e6, 3.9e6, 2.0e6};
    const double wy[] = {2020, 2026}, wv[] = {400, 1235};
    pts(&g->shipments, 4, sy, sv);
    pts(&g->unit_power_w, 2, wy, wv);
    g->survival.kind = DCD_SURV_FIXED;
    g->survival.years = 4;
    cst(&sc->pue, 1.0);
    int st;
    dcd_results *r = project(sc, &st);
    gsl_test(st, "fleet projects");
    for (size_t t = 0; t < r->ny; t++) {
        double k = 0;
        for (size_t v = (t >= 3 ? t - 3 : 0); v <= t; v++) {
            double yr = 2020 + (double)v;
            k += dcd_series_at(&g->shipments, yr) * dcd_series_at(&g->unit_power_w, yr) * 1e-9;
        }
        gsl_test_rel(DCD_SEG(r, 0, DCD_S_IT_GW, t), k, 1e-12,
                     "fixed lifetime 4: K(%zu) = sum of the last 4 vintages", t);
    }
    dcd_results_free(r);

    /* Weibull survival and an installed base */
    g->survival.kind = DCD_SURV_WEIBULL;
    g->survival.scale = 5.2;
    g->survival.shape = 2.7;
    g->base_gw = 6.3;
    g->base_survival.kind = DCD_SURV_EXPONENTIAL;
    g->base_survival.years = 4.4;
    r = project(sc, &st);
    size_t t = 9;
    double k = 6.3 * exp(-9 / 4.4);
    for (size_t v = 0; v <= t; v++) {
        double yr = 2020 + (double)v;
        k += dcd_series_at(&g->shipments, yr) * dcd_series_at(&g->unit_power_w, yr) * 1e-9 *
             exp(-pow((double)(t - v) / 5.2, 2.7));
    }
    gsl_test_rel(DCD_SEG(r, 0, DCD_S_IT_GW, t), k, 1e-12, "Weibull fleet with exponential base");
    dcd_results_free(r);
    dcd_scenario_free(sc);
}

static void test_devries(void)
{
    /* de Vries (2023): 1.5 million servers at 10.2 kW at full load for a year
     * give 134.0 TWh. */
    dcd_scenario *sc = make(2027, 2027, 2027, 1, 30000, 0.0);
    dcd_segment *g = &sc->segments[0];
    g->driver = DCD_DRIVER_FLEET;
    g->ai = 1;
    cst(&g->shipments, 1.5e6);
    cst(&g->unit_power_w, 10200);
    cst(&g->utilisation, 1);
    g->survival.kind = DCD_SURV_FIXED;
    g->survival.years = 1;
    cst(&sc->pue, 1.0);
    int st;
    dcd_results *r = project(sc, &st);
    gsl_test(st, "de Vries check projects");
    gsl_test_rel(DCD_TOTAL(r, DCD_T_AI_IT_TWH, 0), 134.0, 5e-4,
                 "de Vries: 1.5 m servers x 10.2 kW x 8760 h = 134.0 TWh");
    gsl_test_rel(DCD_TOTAL(r, DCD_T_AI_IT_TWH, 0), 1.5e6 * 10.2 * 8760 / 1e9, 1e-14,
                 "de Vries: exact product");
    dcd_results_free(r);
    dcd_scenario_free(sc);
}

static void test_logistic_and_national(void)
{
    dcd_scenario *sc = make(2020, 2024, 2035, 2, 4100, 0.02);
    dcd_segment *a = &sc->segments[0], *b = &sc->segments[1];
    a->driver = DCD_DRIVER_CAPACITY;
    a->capacity_mode = DCD_CAP_LOGISTIC;
    a->saturation_gw = 88.5;
    a->rate_per_year = 0.63;
    a->midpoint_year = 2028.4;
    a->ai = 1;
    b->driver = DCD_DRIVER_ENERGY;
    b->energy_twh = 101.3;
    cst(&b->growth, 0.031);
    cst(&sc->pue, 1.27);
    int st;
    dcd_results *r = project(sc, &st);
    gsl_test(st, "logistic projects");
    for (size_t i = 0; i < r->ny; i += 3) {
        double t = 2020 + (double)i;
        gsl_test_rel(DCD_SEG(r, 0, DCD_S_IT_GW, i), 88.5 / (1 + exp(-0.63 * (t - 2028.4))), 1e-13,
                     "logistic K(%g)", t);
    }
    gsl_test_rel(DCD_TOTAL(r, DCD_T_DC_TWH, 6),
                 DCD_SEG(r, 0, DCD_S_FACILITY_TWH, 6) + DCD_SEG(r, 1, DCD_S_FACILITY_TWH, 6), 1e-14,
                 "dc total is the sum of segments");
    gsl_test_rel(DCD_TOTAL(r, DCD_T_AI_TWH, 6), DCD_SEG(r, 0, DCD_S_FACILITY_TWH, 6), 1e-14,
                 "ai total is the sum of AI segments");
    dcd_results_free(r);

    /* other_twh mode */
    sc->national.mode = DCD_NATIONAL_OTHER;
    sc->national.base_twh = 3850.5;
    r = project(sc, &st);
    gsl_test_rel(DCD_TOTAL(r, DCD_T_OTHER_TWH, 4), 3850.5, 1e-15, "other_twh anchors the base year");
    gsl_test_rel(DCD_TOTAL(r, DCD_T_OTHER_TWH, 0), 3850.5 / pow(1.02, 4), 1e-13,
                 "other_twh runs backwards from the base year");
    dcd_results_free(r);

    /* forecast mode: other = forecast - dc */
    sc->national.mode = DCD_NATIONAL_FORECAST;
    const double fy[] = {2020, 2035}, fv[] = {3900, 5100};
    pts(&sc->national.forecast_twh, 2, fy, fv);
    r = project(sc, &st);
    gsl_test_rel(DCD_TOTAL(r, DCD_T_NATIONAL_TWH, 15), 5100, 1e-14, "forecast total is the total");
    gsl_test_rel(DCD_TOTAL(r, DCD_T_NATIONAL_TWH, 5), 3900 + 1200.0 * 5 / 15, 1e-14,
                 "forecast total interpolates");
    dcd_results_free(r);

    /* total smaller than data centres: a model error */
    sc->national.mode = DCD_NATIONAL_TOTAL;
    sc->national.base_twh = 50;
    r = project(sc, &st);
    gsl_test(st != DCD_EMODEL, "a national total below data-centre demand is a model error");
    dcd_results_free(r);
    dcd_scenario_free(sc);
}

static void test_reuse(void)
{
    dcd_scenario *sc = make(2020, 2023, 2030, 1, 3973, 0.026);
    dcd_segment *g = &sc->segments[0];
    g->driver = DCD_DRIVER_CAPACITY;
    g->capacity_mode = DCD_CAP_GROWTH;
    g->capacity_gw = 10.44;
    const double gy[] = {2024, 2027, 2030}, gv[] = {0.75, 0.4, 0.193};
    pts(&g->growth, 3, gy, gv);
    g->growth.interp = DCD_INTERP_STEFFEN;
    cst(&sc->pue, 1.4);
    dcd_workspace *w = dcd_workspace_alloc(sc);
    dcd_results *r1 = dcd_results_alloc(sc), *r2 = dcd_results_alloc(sc);
    int s1 = dcd_project(sc, w, r1, NULL);
    g->capacity_gw = 99; /* a different evaluation in between */
    dcd_project(sc, w, r2, NULL);
    g->capacity_gw = 10.44;
    int s2 = dcd_project(sc, w, r2, NULL);
    gsl_test(s1 || s2, "repeated projections succeed");
    gsl_test(memcmp(r1->total, r2->total, DCD_NTOTAL * r1->ny * sizeof(double)) != 0,
             "a reused workspace gives bit-identical results");
    dcd_results_free(r1);
    dcd_results_free(r2);
    dcd_workspace_free(w);
    dcd_scenario_free(sc);
}

/* A series the loader would refuse (years not increasing) cannot be
 * interpolated: a projection error naming the input, not a silent one. */
static void test_sample_error_named(void)
{
    dcd_scenario *sc = make(2019, 2023, 2031, 1, 4000, 0.0213);
    dcd_segment *g = &sc->segments[0];
    g->driver = DCD_DRIVER_ENERGY;
    g->energy_twh = 152.71;
    cst(&g->growth, 0.0731);
    cst(&sc->pue, 1.385);
    pts(&g->utilisation, 3, (const double[]){2020, 2020, 2025}, (const double[]){0.3, 0.4, 0.5});
    g->utilisation.interp = DCD_INTERP_STEFFEN;
    dcd_workspace *w = dcd_workspace_alloc(sc);
    dcd_results *r = dcd_results_alloc(sc);
    dcd_diags d = {0};
    int st = dcd_project(sc, w, r, &d);
    gsl_test(st != DCD_EMODEL || d.n != 1 || !strstr(d.items[0].message, "segments.s0.utilisation"),
             "an interpolation failure is a projection error naming the series: %s",
             d.n ? d.items[0].message : "(no message)");
    dcd_diags_free(&d);
    dcd_results_free(r);
    dcd_workspace_free(w);
    dcd_scenario_free(sc);
}

int main(void)
{
    harness_init();
    test_sample_error_named();
    test_energy_growth();
    test_capacity_growth_pue_once();
    test_additions_retirement();
    test_backwards_negative();
    test_fleet_fixed_lifetime();
    test_devries();
    test_logistic_and_national();
    test_reuse();
    return gsl_test_summary();
}
