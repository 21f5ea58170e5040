/* test_properties.c - properties of the projection over generated random
 * scenarios (every driver, capacity mode, series form and national mode):
 * no infinite or NaN value in any result (every input that determines a
 * value is given); share = 100 x dc / national; facility = IT x PUE per
 * segment; dc_twh = the sum of the segments; a fleet's stock = the sum of
 * its surviving vintages, computed here independently.  The prepared
 * evaluation with no parameter gives the same results.
 */
#include <gsl/gsl_rng.h>
#include <math.h>
#include <string.h>

#include "dcd_engine.h"
#include "dcd_load.h"
#include "dcd_prepared.h"
#include "dcd_survival.h"
#include "harness.h"

#define NSCEN 300

static double uni(gsl_rng *r, double a, double b)
{
    return a + (b - a) * gsl_rng_uniform(r);
}

/* Appends a series with values in [A, B]: a number, or 2-4 points with a
 * random interpolation. */
static size_t series(char *t, size_t cap, gsl_rng *r, int start, int end, double a, double b)
{
    if (gsl_rng_uniform(r) < 0.4)
        return (size_t)snprintf(t, cap, "%.6g", uni(r, a, b));
    static const char *const interp[] = {"linear", "step", "steffen"};
    size_t k = (size_t)snprintf(t, cap, "{");
    int n = 2 + (int)gsl_rng_uniform_int(r, 3), y = start;
    for (int i = 0; i < n && y <= end && k < cap; i++) {
        k += (size_t)snprintf(t + k, cap - k, "%d: %.6g, ", y, uni(r, a, b));
        y += 1 + (int)gsl_rng_uniform_int(r, (unsigned long)(end - start) / 2 + 1);
    }
    if (k < cap)
        k += (size_t)snprintf(t + k, cap - k, "interpolation: %s}",
                              interp[gsl_rng_uniform_int(r, 3)]);
    return k;
}

#define ADD(...) (k += (size_t)snprintf(t + k, cap > k ? cap - k : 0, __VA_ARGS__))
#define SER(a, b) (k += series(t + k, cap > k ? cap - k : 0, r, start, end, (a), (b)))

static void lifetime(char *t, size_t cap, size_t *kk, gsl_rng *r)
{
    size_t k = *kk;
    switch (gsl_rng_uniform_int(r, 3)) {
    case 0: ADD("%d", 2 + (int)gsl_rng_uniform_int(r, 9)); break;
    case 1: ADD("{kind: exponential, years: %.4g}", uni(r, 2, 10)); break;
    default: ADD("{kind: weibull, scale: %.4g, shape: %.4g}", uni(r, 2, 10), uni(r, 0.8, 5)); break;
    }
    *kk = k;
}

/* One segment named sN into T. */
static size_t segment(char *t, size_t cap, gsl_rng *r, int i, int start, int end)
{
    size_t k = 0;
    ADD("  s%d:\n    ai: %s\n    utilisation: ", i, gsl_rng_uniform(r) < 0.5 ? "true" : "false");
    SER(0.1, 1);
    ADD("\n    idle: ");
    SER(0, 0.5);
    if (gsl_rng_uniform(r) < 0.5) {
        ADD("\n    pue: ");
        SER(1.05, 2);
    }
    switch (gsl_rng_uniform_int(r, 3)) {
    case 0:
        ADD("\n    driver: energy\n    energy_twh: %.6g\n    basis: %s\n    growth: ",
            uni(r, 1, 300), gsl_rng_uniform(r) < 0.5 ? "it" : "facility");
        SER(-0.1, 0.4);
        break;
    case 1:
        ADD("\n    driver: capacity\n");
        switch (gsl_rng_uniform_int(r, 4)) {
        case 0:
            if (gsl_rng_uniform(r) < 0.3) /* anchored on observed energy */
                ADD("    energy_twh: %.6g\n    growth: ", uni(r, 1, 300));
            else
                ADD("    capacity_gw: %.6g\n    growth: ", uni(r, 0.1, 50));
            SER(-0.1, 0.4);
            break;
        case 1:
            /* additions only after the base year: the backwards run stays positive */
            ADD("    capacity_gw: %.6g\n    lifetime_years: %.4g\n    additions_gw: {%d: 0, %d: "
                "%.4g, "
                "interpolation: step}",
                uni(r, 5, 50), uni(r, 2, 20), start + (end - start) / 2,
                start + (end - start) / 2 + 1, uni(r, 0, 3));
            break;
        case 2:
            ADD("    capacity_gw: %.6g\n    lifetime_years: %.4g\n    cost_per_mw_usd: %.4g\n"
                "    capex_usd: {%d: 0, %d: %.4g, interpolation: step}",
                uni(r, 5, 50), uni(r, 2, 20), uni(r, 5e6, 2e7), start + (end - start) / 2,
                start + (end - start) / 2 + 1, uni(r, 1e9, 5e10));
            if (gsl_rng_uniform(r) < 0.5)
                ADD("\n    build_lag_years: %d\n    build_spread_years: %d",
                    (int)gsl_rng_uniform_int(r, 4), 1 + (int)gsl_rng_uniform_int(r, 3));
            break;
        default: {
            double sat = uni(r, 5, 100);
            if (gsl_rng_uniform(r) < 0.4) /* the midpoint from a base-year capacity */
                ADD("    capacity_gw: %.5g\n    logistic: {saturation_gw: %.5g, rate: %.4g}",
                    sat * uni(r, 0.05, 0.95), sat, uni(r, 0.1, 1.5));
            else
                ADD("    logistic: {saturation_gw: %.5g, rate: %.4g, midpoint_year: %d}", sat,
                    uni(r, 0.1, 1.5),
                    start + (int)gsl_rng_uniform_int(r, (unsigned long)(end - start + 1)));
        }
        }
        if (gsl_rng_uniform(r) < 0.3)
            ADD("\n    pue_fixed_overhead: %.4g", uni(r, 0, 0.2));
        break;
    default:
        ADD("\n    driver: fleet\n    unit_power_w: ");
        SER(50, 1500);
        if (gsl_rng_uniform(r) < 0.7) {
            ADD("\n    shipments: ");
            SER(1e3, 1e7);
        } else {
            ADD("\n    capex_usd: ");
            SER(1e8, 1e10);
            ADD("\n    equipment_share: ");
            SER(0.2, 0.9);
            ADD("\n    unit_price_usd: ");
            SER(2e3, 3e4);
            if (gsl_rng_uniform(r) < 0.5)
                ADD("\n    build_lag_years: %d\n    build_spread_years: %d",
                    (int)gsl_rng_uniform_int(r, 4), 1 + (int)gsl_rng_uniform_int(r, 3));
        }
        ADD("\n    lifetime: ");
        lifetime(t, cap, &k, r);
        if (gsl_rng_uniform(r) < 0.5) {
            ADD("\n    installed_base: {capacity_gw: %.5g, lifetime: ", uni(r, 0.5, 10));
            lifetime(t, cap, &k, r);
            if (gsl_rng_uniform(r) < 0.5) {
                int a0 = (int)gsl_rng_uniform_int(r, 3);
                ADD(", age_min_years: %d, age_max_years: %d", a0,
                    a0 + (int)gsl_rng_uniform_int(r, 5));
            }
            ADD("}");
        }
    }
    ADD("\n");
    return k;
}

/* A random scenario into T; *START gets its first year. */
static void scenario(char *t, size_t cap, gsl_rng *r, int *first)
{
    int start = 2010 + (int)gsl_rng_uniform_int(r, 10),
        end = start + 3 + (int)gsl_rng_uniform_int(r, 25);
    int base = start + (int)gsl_rng_uniform_int(r, (unsigned long)(end - start + 1));
    size_t k = 0;
    *first = start;
    ADD("name: prop\nyears: {start: %d, base: %d, end: %d}\n", start, base, end);
    if (gsl_rng_uniform(r) < 0.5)
        ADD("timing: {shipping_year: %s, capacity: %s, survival: %s}\n",
            gsl_rng_uniform(r) < 0.5 ? "full" : "half",
            gsl_rng_uniform(r) < 0.5 ? "end_of_year" : "average",
            gsl_rng_uniform(r) < 0.5 ? "whole_ages" : "year_mean");
    ADD("pue: ");
    SER(1.05, 2);
    ADD("\ngrid_intensity_g_per_kwh: ");
    SER(20, 800);
    ADD("\nwue_l_per_kwh: ");
    SER(0, 3);
    ADD("\ncost_per_mw_usd: ");
    SER(5e6, 2e7);
    switch (gsl_rng_uniform_int(r, 3)) {
    case 0: ADD("\nnational: {total_twh: %.6g, growth: ", uni(r, 5e4, 1e5)); break;
    case 1: ADD("\nnational: {other_twh: %.6g, growth: ", uni(r, 1e3, 1e5)); break;
    default:
        ADD("\nnational: {forecast_twh: ");
        SER(5e4, 1e5);
        ADD("}\n");
        goto segs;
    }
    SER(-0.02, 0.05);
    ADD("}\n");
segs:
    ADD("segments:\n");
    int n = 1 + (int)gsl_rng_uniform_int(r, 4);
    for (int i = 0; i < n; i++)
        k += segment(t + k, cap > k ? cap - k : 0, r, i, start, end);
}

/* The integral of S over [A, B]: by Simpson's rule on 2,000 panels for
 * smooth survival (an independent check of the closed forms). */
static double integral(const dcd_survival *sv, double a, double b)
{
    if (b <= a)
        return 0;
    if (sv->kind == DCD_SURV_FIXED) /* a step: exactly */
        return fmax(0, fmin(b, sv->years) - fmin(a, sv->years));
    int n = 2000;
    double h = (b - a) / n, s = dcd_survival_at(sv, a) + dcd_survival_at(sv, b);
    for (int i = 1; i < n; i++)
        s += (i % 2 ? 4 : 2) * dcd_survival_at(sv, a + i * h);
    return s * h / 3;
}

/* The share of a unit of table age A (t - v) counted in year t: in service
 * (AVG) or at the end of the year, by the definitions of docs/model.md. */
static double unit_share(const dcd_survival *sv, const dcd_timing *tm, int half, double a, int avg)
{
    if (!tm->survival_mean)
        return (avg && half && a == 0 ? 0.5 : 1) * dcd_survival_at(sv, a);
    double lo = half ? a - 0.5 : a;
    return avg ? integral(sv, lo > 0 ? lo : 0, lo + 1) : dcd_survival_at(sv, lo + 1);
}

/* Units of vintage V of fleet segment G, with its build lag and spread. */
static double units(const dcd_segment *g, int start, int v)
{
    if (g->shipments.n)
        return dcd_series_at(&g->shipments, v);
    int lag = (int)g->build_lag_years,
        n = g->build_spread_years > 1 ? (int)g->build_spread_years : 1;
    double u = 0;
    for (int j = 0; j < n; j++) {
        int y = v - lag - j;
        if (y >= start)
            u += dcd_series_at(&g->capex_usd, y) * dcd_series_at(&g->equipment_share, y) /
                 dcd_series_at(&g->unit_price_usd, y);
    }
    return u / n;
}

/* Reported stock of fleet segment G by the definition: vintages times
 * survival, and the installed base by its ages. */
static double fleet_stock(const dcd_scenario *sc, const dcd_segment *g, int t)
{
    const dcd_timing *tm = &sc->timing;
    int avg = tm->capacity_average, start = sc->start;
    double k = 0;
    for (int v = start; v <= t; v++)
        k += units(g, start, v) * dcd_series_at(&g->unit_power_w, v) * 1e-9 *
             unit_share(&g->survival, tm, tm->shipping_half, t - v, avg);
    if (g->base_gw > 0) {
        double b = 0;
        int n = 0;
        for (int al = (int)g->base_age_min_years; al <= (int)g->base_age_max_years; al++) {
            double s0 = dcd_survival_at(&g->base_survival, al);
            if (s0 > 0) {
                n++;
                b += unit_share(&g->base_survival, tm, 0, al + t - start, avg) / s0;
            }
        }
        k += n ? g->base_gw * b / n : 0;
    }
    return k;
}

static int close_to(double a, double b, double tol)
{
    if (isnan(a) && isnan(b))
        return 1; /* both not determined */
    return fabs(a - b) <= tol * fmax(fabs(a), fabs(b)) + 1e-300;
}

/* Checks the properties on R; returns the number of violations (each
 * reported once per scenario). */
static int properties(const dcd_scenario *sc, const dcd_results *r, int id)
{
    int bad = 0;
    /* every value finite, but a PUE where no IT energy is drawn (a fleet
     * before its first capacity arrives: build lag): not determined */
    for (size_t k = 0; k < (size_t)DCD_NTOTAL * r->ny; k++)
        bad += !isfinite(r->total[k]) &&
               !(k / r->ny == DCD_T_DC_PUE && DCD_TOTAL(r, DCD_T_DC_IT_TWH, k % r->ny) == 0 &&
                 isnan(r->total[k]));
    for (size_t k = 0; k < r->nseg * DCD_NSEGMETRIC * r->ny; k++)
        bad += !isfinite(r->seg[k]) &&
               !((k / r->ny) % DCD_NSEGMETRIC == DCD_S_PUE && isnan(r->seg[k]) &&
                 DCD_SEG(r, k / (DCD_NSEGMETRIC * r->ny), DCD_S_IT_TWH, k % r->ny) == 0);
    gsl_test(bad, "scenario %d: every value finite (%d not)", id, bad);
    if (bad && getenv("DCD_PROP_DUMP"))
        for (size_t k = 0; k < r->nseg * DCD_NSEGMETRIC * r->ny; k++)
            if (!isfinite(r->seg[k]))
                fprintf(stderr, "seg %zu metric %zu year %zu: %g\n", k / (DCD_NSEGMETRIC * r->ny),
                        (k / r->ny) % DCD_NSEGMETRIC, k % r->ny, r->seg[k]);
    int share = 0, fac = 0, sum = 0, fleet = 0;
    for (size_t i = 0; i < r->ny; i++) {
        double dc = DCD_TOTAL(r, DCD_T_DC_TWH, i), nat = DCD_TOTAL(r, DCD_T_NATIONAL_TWH, i);
        share += !close_to(DCD_TOTAL(r, DCD_T_DC_SHARE_PCT, i), 100 * dc / nat, 1e-13);
        double s = 0;
        for (size_t g = 0; g < r->nseg; g++) {
            double p = DCD_SEG(r, g, DCD_S_PUE, i);
            s += DCD_SEG(r, g, DCD_S_FACILITY_TWH, i);
            fac += !close_to(DCD_SEG(r, g, DCD_S_FACILITY_TWH, i),
                             DCD_SEG(r, g, DCD_S_IT_TWH, i) * p, 1e-13);
            /* facility capacity at the full-load PUE (partial-load PUE, docs/model.md) */
            double fo = sc->segments[g].pue_fixed_overhead;
            double pf = fo > 0 ? p - fo * (1 / DCD_SEG(r, g, DCD_S_LOAD_FACTOR, i) - 1) : p;
            fac += !close_to(DCD_SEG(r, g, DCD_S_FACILITY_GW, i),
                             DCD_SEG(r, g, DCD_S_IT_GW, i) * pf, fo > 0 ? 1e-11 : 1e-13);
            if (sc->segments[g].driver == DCD_DRIVER_FLEET)
                fleet += !close_to(DCD_SEG(r, g, DCD_S_IT_GW, i),
                                   fleet_stock(sc, &sc->segments[g], sc->start + (int)i),
                                   sc->timing.survival_mean ? 1e-7 : 1e-10);
        }
        sum += !close_to(dc, s, 1e-13);
    }
    gsl_test(share, "scenario %d: dc_share_pct = 100 x dc_twh / national_twh", id);
    gsl_test(fac, "scenario %d: facility = IT x PUE (energy and capacity) per segment", id);
    gsl_test(sum, "scenario %d: dc_twh = sum of the segments' facility energy", id);
    gsl_test(fleet, "scenario %d: fleet stock = surviving vintages", id);
    return bad + share + fac + sum + fleet;
}

int main(void)
{
    harness_init();
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 20260311);
    static char text[16384];
    int projected = 0, refused = 0, failed_load = 0;
    for (int id = 0; id < NSCEN; id++) {
        int start;
        scenario(text, sizeof text, rng, &start);
        dcd_scenario *sc = NULL;
        dcd_diags d = {0};
        if (dcd_scenario_load_text("prop.yaml", text, strlen(text), NULL, 0, &sc, &d) != DCD_OK) {
            failed_load++;
            if (failed_load <= 3) {
                fprintf(stderr, "%s\n", text);
                dcd_diags_print(&d, stderr);
            }
            dcd_diags_free(&d);
            continue;
        }
        dcd_results *r = NULL;
        int st = dcd_project_new(sc, &r, &d);
        if (st == DCD_OK) {
            projected++;
            if (properties(sc, r, id) && getenv("DCD_PROP_DUMP"))
                fprintf(stderr, "%s\n", text);
            /* the prepared evaluation without parameters: the same numbers */
            dcd_prepared *p = NULL;
            dcd_results *r2 = dcd_results_alloc(sc);
            dcd_prepared_new(sc, &p, NULL);
            dcd_prepared_ready(p, NULL);
            dcd_prepared_ws *w = dcd_prepared_ws_alloc(p);
            int st2 = dcd_prepared_eval(p, w, NULL, r2, NULL);
            int diff = st2 != DCD_OK;
            for (size_t k = 0; !diff && k < (size_t)DCD_NTOTAL * r->ny; k++)
                diff |= !close_to(r->total[k], r2->total[k], 1e-12);
            for (size_t k = 0; !diff && k < r->nseg * DCD_NSEGMETRIC * r->ny; k++)
                diff |= !close_to(r->seg[k], r2->seg[k], 1e-12);
            gsl_test(diff, "scenario %d: the prepared evaluation gives the same results", id);
            dcd_prepared_ws_free(w);
            dcd_prepared_free(p);
            dcd_results_free(r2);
        } else {
            /* a refused projection says why */
            refused++;
            gsl_test(st != DCD_EMODEL || d.n == 0,
                     "scenario %d: a refused projection has a message", id);
        }
        dcd_results_free(r);
        dcd_scenario_free(sc);
        dcd_diags_free(&d);
    }
    gsl_test(failed_load != 0, "every generated scenario loads (%d did not)", failed_load);
    gsl_test(projected < NSCEN * 9 / 10, "most generated scenarios project (%d of %d; %d refused)",
             projected, NSCEN, refused);
    gsl_rng_free(rng);
    return gsl_test_summary();
}
