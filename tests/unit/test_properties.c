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
#include "dcd_prepared.h"
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
            break;
        default:
            ADD("    logistic: {saturation_gw: %.5g, rate: %.4g, midpoint_year: %d}",
                uni(r, 5, 100), uni(r, 0.1, 1.5),
                start + (int)gsl_rng_uniform_int(r, (unsigned long)(end - start + 1)));
        }
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
        }
        ADD("\n    lifetime: ");
        lifetime(t, cap, &k, r);
        if (gsl_rng_uniform(r) < 0.5) {
            ADD("\n    installed_base: {capacity_gw: %.5g, lifetime: ", uni(r, 0.5, 10));
            lifetime(t, cap, &k, r);
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
    ADD("name: prop\nyears: {start: %d, base: %d, end: %d}\npue: ", start, base, end);
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

/* Stock of fleet segment G by the definition: vintages times survival. */
static double fleet_stock(const dcd_segment *g, int start, int t)
{
    double k = 0;
    for (int v = start; v <= t; v++) {
        double n = g->shipments.n
                       ? dcd_series_at(&g->shipments, v)
                       : dcd_series_at(&g->capex_usd, v) * dcd_series_at(&g->equipment_share, v) /
                             dcd_series_at(&g->unit_price_usd, v);
        k += n * dcd_series_at(&g->unit_power_w, v) * 1e-9 * dcd_survival_at(&g->survival, t - v);
    }
    if (g->base_gw > 0)
        k += g->base_gw * dcd_survival_at(&g->base_survival, t - start);
    return k;
}

static int close_to(double a, double b, double tol)
{
    return fabs(a - b) <= tol * fmax(fabs(a), fabs(b)) + 1e-300;
}

/* Checks the properties on R; returns the number of violations (each
 * reported once per scenario). */
static int properties(const dcd_scenario *sc, const dcd_results *r, int id)
{
    int bad = 0;
    for (size_t k = 0; k < (size_t)DCD_NTOTAL * r->ny; k++)
        bad += !isfinite(r->total[k]);
    for (size_t k = 0; k < r->nseg * DCD_NSEGMETRIC * r->ny; k++)
        bad += !isfinite(r->seg[k]);
    gsl_test(bad, "scenario %d: every value finite (%d not)", id, bad);
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
            fac += !close_to(DCD_SEG(r, g, DCD_S_FACILITY_GW, i), DCD_SEG(r, g, DCD_S_IT_GW, i) * p,
                             1e-13);
            if (sc->segments[g].driver == DCD_DRIVER_FLEET)
                fleet +=
                    !close_to(DCD_SEG(r, g, DCD_S_IT_GW, i),
                              fleet_stock(&sc->segments[g], sc->start, sc->start + (int)i), 1e-10);
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
            properties(sc, r, id);
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
