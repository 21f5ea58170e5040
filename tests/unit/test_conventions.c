/* test_conventions.c - the model's stated conventions (docs/model.md,
 * "Timing conventions", "Installed base", "Build lag", "Base-year anchors",
 * "Partial-load PUE"), each option value against a case computed by hand
 * in the comments, through the loader, dcd_project() and the prepared
 * evaluation.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dcd_engine.h"
#include "dcd_kernel.h"
#include "dcd_load.h"
#include "dcd_prepared.h"
#include "dcd_survival.h"
#include "harness.h"

#define TOL 1e-12

/* Loads TEXT with the overrides SETS (NULL-terminated) and projects it
 * with dcd_project(); also evaluates the prepared scenario (no parameters)
 * and checks it gives the same numbers.  Returns the results or NULL. */
static dcd_results *run(const char *label, const char *text, const char *const *sets)
{
    size_t ns = 0;
    while (sets && sets[ns])
        ns++;
    dcd_scenario *sc = NULL;
    dcd_diags d = {0};
    dcd_results *r = NULL;
    if (dcd_scenario_load_text("conv.yaml", text, strlen(text), sets, ns, &sc, &d) != DCD_OK) {
        gsl_test(1, "%s: loads", label);
        dcd_diags_print(&d, stderr);
        goto done;
    }
    if (dcd_project_new(sc, &r, &d) != DCD_OK) {
        gsl_test(1, "%s: projects", label);
        dcd_diags_print(&d, stderr);
        goto done;
    }
    dcd_prepared *p = NULL;
    dcd_results *q = dcd_results_alloc(sc);
    int ok = dcd_prepared_new(sc, &p, &d) == DCD_OK && dcd_prepared_ready(p, &d) == DCD_OK;
    dcd_prepared_ws *w = ok ? dcd_prepared_ws_alloc(p) : NULL;
    ok = ok && w && dcd_prepared_eval(p, w, NULL, q, &d) == DCD_OK;
    double worst = 0;
    for (size_t k = 0; ok && k < (size_t)DCD_NSEGMETRIC * r->ny * r->nseg; k++) {
        double a = r->seg[k], b = q->seg[k];
        if (!(isnan(a) && isnan(b)))
            worst = fmax(worst, fabs(a - b) / fmax(1, fabs(a)));
    }
    gsl_test(!ok || !(worst <= TOL), "%s: the prepared evaluation agrees (%g)", label, worst);
    dcd_prepared_ws_free(w);
    dcd_prepared_free(p);
    dcd_results_free(q);
done:
    dcd_scenario_free(sc);
    dcd_diags_free(&d);
    return r;
}

/* Checks metric M of segment 0 in years 0..N-1 against WANT. */
static void expect_seg(const char *label, const dcd_results *r, int m, size_t n, const double *want)
{
    if (!r)
        return;
    for (size_t i = 0; i < n; i++)
        gsl_test_rel(DCD_SEG(r, 0, m, i), want[i], TOL, "%s: %s in %d", label,
                     dcd_segment_info[m].name, r->start + (int)i);
}

/* A fleet: 1,000 units of 1 MW shipped each year from 2020 (1 GW/yr), fixed
 * lifetime 2, PUE 1.5, utilisation 1. */
static const char FLEET[] = "name: fleet\n"
                            "years: {start: 2020, end: 2022}\n"
                            "national: {total_twh: 1000, growth: 0}\n"
                            "pue: 1.5\n"
                            "segments:\n"
                            "  f: {ai: true, driver: fleet, shipments: 1000, unit_power_w: 1.0e6,\n"
                            "      lifetime: 2}\n";

static void test_shipping_year(void)
{
    /* full (default), whole ages: K = 1, 2 (two vintages), 2 (the first has
     * retired at age 2); energy K x 8.76 x 1.5 */
    static const double k_full[] = {1, 2, 2}, e_full[] = {13.14, 26.28, 26.28};
    dcd_results *r = run("shipping full", FLEET, NULL);
    expect_seg("shipping full", r, DCD_S_IT_GW, 3, k_full);
    expect_seg("shipping full", r, DCD_S_FACILITY_TWH, 3, e_full);
    dcd_results_free(r);

    /* half: the vintage counts 1/2 in its year: in service 0.5, 1.5, 1.5;
     * reported end of year 1, 2, 2 (or the average with capacity: average) */
    static const char *const half[] = {"timing.shipping_year=half", NULL};
    static const double k_in[] = {0.5, 1.5, 1.5};
    static const double e_half[] = {0.5 * 13.14, 1.5 * 13.14, 1.5 * 13.14};
    r = run("shipping half", FLEET, half);
    expect_seg("shipping half", r, DCD_S_IT_GW, 3, k_full);
    expect_seg("shipping half", r, DCD_S_FACILITY_TWH, 3, e_half);
    dcd_results_free(r);
    static const char *const avg[] = {"timing.shipping_year=half", "timing.capacity=average", NULL};
    static const double f_avg[] = {0.75, 2.25, 2.25}; /* facility GW = 1.5 x in service */
    r = run("shipping half, average", FLEET, avg);
    expect_seg("shipping half, average", r, DCD_S_IT_GW, 3, k_in);
    expect_seg("shipping half, average", r, DCD_S_FACILITY_GW, 3, f_avg);
    expect_seg("shipping half, average", r, DCD_S_FACILITY_TWH, 3, e_half);
    dcd_results_free(r);
}

static void test_survival_year_mean(void)
{
    /* year mean, full: W(a) = int_a^a+1 1[u < 2] = 1, 1, 0: in service 1, 2, 2;
     * end of year E(a) = S(a + 1) = 1, 0: stock 1, 1, 1 */
    static const char *const mean[] = {"timing.survival=year_mean", NULL};
    static const double k_in[] = {1, 2, 2}, k_end[] = {1, 1, 1};
    static const double e_in[] = {13.14, 26.28, 26.28};
    dcd_results *r = run("year mean, full", FLEET, mean);
    expect_seg("year mean, full", r, DCD_S_IT_GW, 3, k_end);
    expect_seg("year mean, full", r, DCD_S_FACILITY_TWH, 3, e_in);
    dcd_results_free(r);
    static const char *const mean_avg[] = {"timing.survival=year_mean", "timing.capacity=average",
                                           NULL};
    r = run("year mean, full, average", FLEET, mean_avg);
    expect_seg("year mean, full, average", r, DCD_S_IT_GW, 3, k_in);
    dcd_results_free(r);

    /* year mean, half: W = int_0^.5 = .5, int_.5^1.5 = 1, int_1.5^2.5 = .5:
     * in service .5, 1.5, 2; end of year S(a + .5) = 1, 1, 0: 1, 2, 2 */
    static const char *const mh[] = {"timing.survival=year_mean", "timing.shipping_year=half",
                                     NULL};
    static const double k_mh[] = {1, 2, 2}, e_mh[] = {0.5 * 13.14, 1.5 * 13.14, 2 * 13.14};
    r = run("year mean, half", FLEET, mh);
    expect_seg("year mean, half", r, DCD_S_IT_GW, 3, k_mh);
    expect_seg("year mean, half", r, DCD_S_FACILITY_TWH, 3, e_mh);
    dcd_results_free(r);
}

/* Total years of service of one unit of 1e9 W (1 GW) shipped in 1900: its
 * in-service capacity summed over 1900..2200, in GW-years. */
static double service_years(const char *lifetime, const char *const *sets)
{
    char body[1024];
    snprintf(body, sizeof body,
             "name: life\n"
             "years: {start: 1900, end: 2200}\n"
             "national: {total_twh: 1.0e6, growth: 0}\n"
             "pue: 1.2\n"
             "segments:\n"
             "  f: {ai: false, driver: fleet, shipments: {1900: 1, 1901: 0},\n"
             "      unit_power_w: 1.0e9, lifetime: %s}\n",
             lifetime);
    dcd_results *r = run(lifetime, body, sets);
    double s = 0;
    for (size_t i = 0; r && i < r->ny; i++) /* IT TWh / 8.76 = GW in service over the year */
        s += DCD_SEG(r, 0, DCD_S_IT_TWH, i) / DCD_TWH_PER_GW_YEAR;
    dcd_results_free(r);
    return s;
}

static void test_service_equals_mean(void)
{
    static const char *const mean[] = {"timing.survival=year_mean", NULL};
    static const char *const mean_half[] = {"timing.survival=year_mean",
                                            "timing.shipping_year=half", NULL};
    /* Weibull shape 2 with mean 5: scale 5 / Gamma(1.5) */
    char weib[96];
    snprintf(weib, sizeof weib, "{kind: weibull, scale: %.17g, shape: 2}", 5 / tgamma(1.5));
    const char *const lifes[] = {"5.5", "{kind: exponential, years: 5}", weib};
    const double means[] = {5.5, 5, 5};
    for (int k = 0; k < 3; k++) {
        gsl_test_rel(service_years(lifes[k], mean), means[k], 1e-9,
                     "year mean, full: service years of %s = its mean", lifes[k]);
        gsl_test_rel(service_years(lifes[k], mean_half), means[k], 1e-9,
                     "year mean, half: service years of %s = its mean", lifes[k]);
    }
    /* whole ages (default): sum of S(a): a fixed 5.5 counts 6 years, an
     * exponential 1 / (1 - exp(-1/5)) (about mean + 1/2) */
    gsl_test_rel(service_years("5.5", NULL), 6, 1e-12, "whole ages: fixed 5.5 serves 6 years");
    gsl_test_rel(service_years("{kind: exponential, years: 5}", NULL), 1 / (1 - exp(-0.2)), 1e-9,
                 "whole ages: exponential 5 serves 1 / (1 - exp(-1/5)) years");
}

/* The year-mean weights against a fine Simpson's rule, for shapes on both
 * sides of 1/2 (closed form above, Simpson's rule below). */
static void test_weibull_weights(void)
{
    static const double shapes[] = {0.2, 0.45, 0.5, 1.7, 6};
    dcd_timing tm = {0, 0, 1};
    for (size_t k = 0; k < sizeof shapes / sizeof *shapes; k++) {
        dcd_survival sv = {DCD_SURV_WEIBULL, 0, 4.5, shapes[k]};
        double out[4 * 6];
        dcd_survival_tables(&tm, &sv, NULL, 0, 0, 6, out);
        for (int a = 0; a < 6; a++) {
            int n = 200000;
            double h = 1.0 / n, sum = dcd_survival_at(&sv, a) + dcd_survival_at(&sv, a + 1);
            for (int i = 1; i < n; i++)
                sum += (i % 2 ? 4 : 2) * dcd_survival_at(&sv, a + i * h);
            gsl_test_rel(out[a], sum * h / 3, 1e-4, "Weibull shape %g: W(%d) = int_a^a+1 S",
                         shapes[k], a);
        }
    }
}

static const char CAP[] = "name: cap\n"
                          "years: {start: 2020, end: 2022}\n"
                          "national: {total_twh: 1000, growth: 0}\n"
                          "pue: 1.25\n"
                          "segments:\n"
                          "  c: {ai: false, driver: capacity, capacity_gw: 10, additions_gw: 2,\n"
                          "      lifetime_years: 5}\n";

static void test_capacity_timing(void)
{
    /* K(t) = 0.8 K(t-1) + 2 = 10 every year; K(2019) = (10 - 2) / 0.8 = 10 */
    static const double k[] = {10, 10, 10}, e[] = {109.5, 109.5, 109.5}; /* 10 x 8.76 x 1.25 */
    dcd_results *r = run("capacity full", CAP, NULL);
    expect_seg("capacity full", r, DCD_S_IT_GW, 3, k);
    expect_seg("capacity full", r, DCD_S_FACILITY_TWH, 3, e);
    dcd_results_free(r);
    /* growth 10 %: K = 10, 11, 12.1; half: in service (K(t-1) + K(t)) / 2 =
     * (10/1.1 + 10) / 2, 10.5, 11.55 */
    static const char *const gr[] = {"segments.c.growth=0.1", NULL};
    static const char *const grh[] = {"segments.c.growth=0.1", "timing.shipping_year=half",
                                      "timing.capacity=average", NULL};
    static const char GROW[] = "name: cap\n"
                               "years: {start: 2020, end: 2022}\n"
                               "national: {total_twh: 1000, growth: 0}\n"
                               "pue: 1.25\n"
                               "segments:\n"
                               "  c: {ai: false, driver: capacity, capacity_gw: 10, growth: 0}\n";
    static const double kg[] = {10, 11, 12.1};
    const double kgh[] = {(10 / 1.1 + 10) / 2, 10.5, 11.55};
    r = run("growth full", GROW, gr);
    expect_seg("growth full", r, DCD_S_IT_GW, 3, kg);
    dcd_results_free(r);
    r = run("growth half average", GROW, grh);
    expect_seg("growth half average", r, DCD_S_IT_GW, 3, kgh);
    dcd_results_free(r);
    /* one addition of 1 GW in 2020 from nothing, L = 5: service years L
     * with either shipping-year convention (half: 1/2 + (0.8^(a-1) + 0.8^a)/2) */
    static const char ONE[] = "name: one\n"
                              "years: {start: 2020, end: 2200}\n"
                              "national: {total_twh: 1.0e6, growth: 0}\n"
                              "pue: 1.25\n"
                              "segments:\n"
                              "  c: {ai: false, driver: capacity, capacity_gw: 1,\n"
                              "      additions_gw: {2020: 1, 2021: 0}, lifetime_years: 5}\n";
    static const char *const hf[] = {"timing.shipping_year=half", NULL};
    for (int h = 0; h < 2; h++) {
        dcd_results *o = run(h ? "one addition, half" : "one addition, full", ONE, h ? hf : NULL);
        double s = 0;
        for (size_t i = 0; o && i < o->ny; i++)
            s += DCD_SEG(o, 0, DCD_S_IT_TWH, i) / DCD_TWH_PER_GW_YEAR;
        gsl_test_rel(s, 5, 1e-9, "capacity driver, shipping %s: 1 GW added serves L = 5 years",
                     h ? "half" : "full");
        dcd_results_free(o);
    }
}

static void test_installed_base_ages(void)
{
    /* a base of 6 GW, fixed lifetime 3, ages 0..2 in equal thirds: each
     * third retires in turn: 6, 4, 2, 0 (treated as new: 6, 6, 6, 0) */
    static const char BASE[] =
        "name: base\n"
        "years: {start: 2020, end: 2023}\n"
        "national: {total_twh: 1000, growth: 0}\n"
        "pue: 1.5\n"
        "segments:\n"
        "  f: {ai: false, driver: fleet, shipments: 0, unit_power_w: 1,\n"
        "      lifetime: 3, installed_base: {capacity_gw: 6, lifetime: 3}}\n";
    static const double knew[] = {6, 6, 6, 0}, kage[] = {6, 4, 2, 0};
    dcd_results *r = run("base new", BASE, NULL);
    expect_seg("base new", r, DCD_S_IT_GW, 4, knew);
    dcd_results_free(r);
    static const char *const ages[] = {"segments.f.installed_base.age_max_years=2", NULL};
    r = run("base ages 0..2", BASE, ages);
    expect_seg("base ages 0..2", r, DCD_S_IT_GW, 4, kage);
    dcd_results_free(r);
    /* exponential L = 4, ages 1..2: S(a + t) / S(a) = exp(-t / 4) whatever a */
    static const char *const ex[] = {"segments.f.installed_base.lifetime={kind: exponential, "
                                     "years: 4}",
                                     "segments.f.installed_base.age_min_years=1",
                                     "segments.f.installed_base.age_max_years=2", NULL};
    const double kex[] = {6, 6 * exp(-0.25), 6 * exp(-0.5), 6 * exp(-0.75)};
    r = run("base exponential ages", BASE, ex);
    expect_seg("base exponential ages", r, DCD_S_IT_GW, 4, kex);
    dcd_results_free(r);
}

static void test_build_lag(void)
{
    /* USD 1e9 a year at USD 1e7 per MW: 100 MW = 0.1 GW bought a year, from
     * 2020 (spending before 2020 counts 0); L = 10 (keep 0.9), K(2020) = 1 */
    static const char LAG[] =
        "name: lag\n"
        "years: {start: 2020, end: 2023}\n"
        "national: {total_twh: 1000, growth: 0}\n"
        "pue: 1.2\n"
        "cost_per_mw_usd: 1.0e7\n"
        "segments:\n"
        "  c: {ai: true, driver: capacity, capacity_gw: 1, capex_usd: 1.0e9,\n"
        "      lifetime_years: 10, build_lag_years: 1, build_spread_years: 2}\n";
    /* lag 1, spread 2: A = 0, 0.05, 0.1, 0.1 */
    static const double a[] = {0, 0.05, 0.1, 0.1};
    const double k[] = {1, 0.9 + 0.05, (0.9 + 0.05) * 0.9 + 0.1,
                        ((0.9 + 0.05) * 0.9 + 0.1) * 0.9 + 0.1};
    static const double cx[] = {1e9, 1e9, 1e9, 1e9}; /* spending stays in its year */
    dcd_results *r = run("build lag", LAG, NULL);
    expect_seg("build lag", r, DCD_S_ADDITIONS_GW, 4, a);
    expect_seg("build lag", r, DCD_S_IT_GW, 4, k);
    expect_seg("build lag", r, DCD_S_CAPEX_USD, 4, cx);
    dcd_results_free(r);
    /* a fleet bought with capex: USD 1e9 x 0.5 / USD 1e5 = 5,000 units of
     * 1 kW (5 MW) a year, lag 2: 0, 0, 5, 5 MW shipped */
    static const char FL[] =
        "name: lagf\n"
        "years: {start: 2020, end: 2023}\n"
        "national: {total_twh: 1000, growth: 0}\n"
        "pue: 1.2\n"
        "segments:\n"
        "  f: {ai: true, driver: fleet, capex_usd: 1.0e9, equipment_share: 0.5,\n"
        "      unit_price_usd: 1.0e5, unit_power_w: 1000, lifetime: 9,\n"
        "      build_lag_years: 2}\n";
    static const double af[] = {0, 0, 0.005, 0.005}, kf[] = {0, 0, 0.005, 0.01};
    r = run("fleet build lag", FL, NULL);
    expect_seg("fleet build lag", r, DCD_S_ADDITIONS_GW, 4, af);
    expect_seg("fleet build lag", r, DCD_S_IT_GW, 4, kf);
    dcd_results_free(r);
}

/* Ireland-style: a capacity segment anchored on its observed 2024 energy
 * (7.0 TWh of facility energy) keeps it whatever the utilisation or PUE. */
static void test_energy_anchor(void)
{
    static const char IE[] = "name: ie\n"
                             "years: {start: 2022, base: 2024, end: 2030}\n"
                             "national: {total_twh: 33, growth: 0.01}\n"
                             "pue: 1.4\n"
                             "segments:\n"
                             "  dc: {ai: false, driver: capacity, energy_twh: 7.0, growth: 0.08,\n"
                             "       utilisation: 0.6}\n";
    static const char *const sens[][3] = {{NULL},
                                          {"segments.dc.utilisation=0.5", NULL},
                                          {"pue=1.6", "segments.dc.idle=0.2", NULL},
                                          {"timing.shipping_year=half", NULL}};
    for (int k = 0; k < 4; k++) {
        char label[64];
        snprintf(label, sizeof label, "energy anchor %d", k);
        dcd_results *r = run(label, IE, sens[k][0] ? sens[k] : NULL);
        if (!r)
            continue;
        gsl_test_rel(DCD_SEG(r, 0, DCD_S_FACILITY_TWH, 2), 7.0, TOL,
                     "%s: 2024 energy stays 7.0 TWh", label);
        dcd_results_free(r);
    }
    /* hand: K(2024) = 7 / (8.76 x 0.6 x 1.4), K(2025) = 1.08 K(2024) */
    dcd_results *r = run("energy anchor K", IE, NULL);
    double k24 = 7.0 / (8.76 * 0.6 * 1.4);
    if (r) {
        gsl_test_rel(DCD_SEG(r, 0, DCD_S_IT_GW, 2), k24, TOL, "energy anchor: K(2024) by hand");
        gsl_test_rel(DCD_SEG(r, 0, DCD_S_IT_GW, 3), 1.08 * k24, TOL,
                     "energy anchor: K(2025) by hand");
    }
    dcd_results_free(r);
    /* IT basis: K = 7 / (8.76 x 0.6) */
    static const char *const it[] = {"segments.dc.basis=it", NULL};
    r = run("energy anchor, IT basis", IE, it);
    if (r)
        gsl_test_rel(DCD_SEG(r, 0, DCD_S_IT_TWH, 2), 7.0, TOL, "IT basis: 2024 IT energy 7.0 TWh");
    dcd_results_free(r);
}

static void test_logistic_anchor(void)
{
    /* K_sat 40, rate 0.5, anchored at 10 GW in 2024: midpoint = 2024 +
     * ln(40/10 - 1) / 0.5 */
    static const char LG[] = "name: lg\n"
                             "years: {start: 2022, base: 2024, end: 2030}\n"
                             "national: {total_twh: 4000, growth: 0.01}\n"
                             "pue: 1.3\n"
                             "segments:\n"
                             "  l: {ai: true, driver: capacity, capacity_gw: 10,\n"
                             "      logistic: {saturation_gw: 40, rate: 0.5}}\n";
    double tm = 2024 + log(3) / 0.5;
    dcd_results *r = run("logistic anchor", LG, NULL);
    if (r) {
        gsl_test_rel(DCD_SEG(r, 0, DCD_S_IT_GW, 2), 10, TOL, "logistic anchor: K(2024) = 10");
        gsl_test_rel(DCD_SEG(r, 0, DCD_S_IT_GW, 6), 40 / (1 + exp(-0.5 * (2028 - tm))), TOL,
                     "logistic anchor: K(2028) by hand");
    }
    dcd_results_free(r);
    /* anchored on energy with the mid-year convention: the 2024 energy holds */
    static const char LGE[] =
        "name: lg\n"
        "years: {start: 2022, base: 2024, end: 2030}\n"
        "national: {total_twh: 4000, growth: 0.01}\n"
        "pue: 1.3\n"
        "timing: {shipping_year: half}\n"
        "segments:\n"
        "  l: {ai: true, driver: capacity, energy_twh: 80, utilisation: 0.7,\n"
        "      logistic: {saturation_gw: 40, rate: 0.5}}\n";
    r = run("logistic energy anchor", LGE, NULL);
    if (r)
        gsl_test_rel(DCD_SEG(r, 0, DCD_S_FACILITY_TWH, 2), 80, 1e-10,
                     "logistic energy anchor, half: 2024 energy stays 80 TWh");
    dcd_results_free(r);
}

static void test_partial_load_pue(void)
{
    /* 10 GW, PUE 1.3 at full load, fixed overhead 0.1, utilisation 0.5:
     * PUE(0.5) = 1.3 + 0.1 (1/0.5 - 1) = 1.4; facility 10 x 8.76 x 0.5 x 1.4 */
    static const char PL[] = "name: pl\n"
                             "years: {start: 2024, end: 2025}\n"
                             "national: {total_twh: 4000, growth: 0.01}\n"
                             "pue: 1.3\n"
                             "segments:\n"
                             "  c: {ai: false, driver: capacity, capacity_gw: 10, growth: 0,\n"
                             "      utilisation: 0.5, pue_fixed_overhead: 0.1}\n";
    static const double pue[] = {1.4, 1.4}, fac[] = {61.32, 61.32};
    dcd_results *r = run("partial-load PUE", PL, NULL);
    expect_seg("partial-load PUE", r, DCD_S_PUE, 2, pue);
    expect_seg("partial-load PUE", r, DCD_S_FACILITY_TWH, 2, fac);
    dcd_results_free(r);
    /* off (default): PUE 1.3 whatever the load */
    static const char *const off[] = {"segments.c.pue_fixed_overhead=0", NULL};
    static const double p13[] = {1.3, 1.3};
    r = run("partial-load PUE off", PL, off);
    expect_seg("partial-load PUE off", r, DCD_S_PUE, 2, p13);
    dcd_results_free(r);
}

/* Plausibility warnings: each names the path and the year; results are
 * the same with or without them (they only read). */
static void test_warnings(void)
{
    static const char W[] = "name: w\n"
                            "years: {start: 2020, end: 2030}\n"
                            "pue: {2020: 1.5, 2026: 3.4}\n"
                            "national: {total_twh: 100, growth: 5}\n"
                            "segments:\n"
                            "  a: {ai: true, driver: energy, energy_twh: 60, growth: {2020: 0.1, "
                            "2025: 1.5}}\n"
                            "  c: {ai: false, driver: capacity, capacity_gw: 1, growth: 0,\n"
                            "      utilisation: {2020: 0.5, 2024: 0}}\n";
    static const char *const want[] = {
        "national.growth: growth 5 in 2020 is 500 %/yr; a percentage written as a whole number?",
        "pue: PUE 3.4 in 2026 is above 3", "segments.a.growth: growth 1.5 in 2025 is 150 %/yr",
        "segments.c.utilisation: 0 in 2024", "dc_share_pct: data centres use"};
    dcd_scenario *sc = NULL;
    dcd_diags d = {0}, w = {0};
    dcd_results *r = NULL;
    if (dcd_scenario_load_text("w.yaml", W, strlen(W), NULL, 0, &sc, &d) != DCD_OK ||
        dcd_project_new(sc, &r, &d) != DCD_OK) {
        gsl_test(1, "warnings: the scenario projects");
        goto done;
    }
    size_t n = dcd_plausibility(sc, r, &w);
    gsl_test_int((int)n, 5, "warnings: five");
    for (size_t k = 0; k < 5 && k < w.n; k++)
        gsl_test(strncmp(w.items[k].message, want[k], strlen(want[k])) != 0, "warnings: %s (%s)",
                 want[k], w.items[k].message);
    dcd_diags_free(&w);
    gsl_test_int((int)dcd_plausibility(sc, NULL, &w), 4, "warnings: four on inputs alone");
    /* a plausible scenario: none */
    dcd_diags_free(&w);
    dcd_results_free(r);
    dcd_scenario_free(sc);
    sc = NULL;
    r = NULL;
    if (dcd_scenario_load_text("cap.yaml", CAP, strlen(CAP), NULL, 0, &sc, &d) == DCD_OK &&
        dcd_project_new(sc, &r, &d) == DCD_OK)
        gsl_test_int((int)dcd_plausibility(sc, r, &w), 0, "warnings: none for a plausible case");
done:
    dcd_results_free(r);
    dcd_scenario_free(sc);
    dcd_diags_free(&d);
    dcd_diags_free(&w);
}

int main(void)
{
    harness_init();
    test_shipping_year();
    test_survival_year_mean();
    test_service_equals_mean();
    test_weibull_weights();
    test_capacity_timing();
    test_installed_base_ages();
    test_build_lag();
    test_energy_anchor();
    test_logistic_anchor();
    test_partial_load_pue();
    test_warnings();
    return gsl_test_summary();
}
