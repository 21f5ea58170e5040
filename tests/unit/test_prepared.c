/* test_prepared.c - the prepared evaluation (dcd_prepared.h) gives the
 * numbers of dcd_project() on the scenario loaded with the equivalent
 * `--set` override, for every parameter kind, on every library scenario and
 * bench/fleet.yaml, to 1e-12 relative; and paths that name nothing are
 * refused with a message.
 */
#include <dirent.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "dcd_load.h"
#include "dcd_prepared.h"
#include "harness.h"
#include "param_keys.h"

/* Relative difference of A and B against MAG (the magnitude of the metric
 * over the years); NaN equals NaN. */
static int differs(double a, double b, double mag)
{
    if (isnan(a) || isnan(b))
        return isnan(a) != isnan(b);
    double m = fmax(mag, fmax(fabs(a), fabs(b)));
    return fabs(a - b) > 1e-12 * m;
}

/* 0 when R equals E (totals and segments), else the first difference is
 * described in WHAT. */
static int same_results(const dcd_results *r, const dcd_results *e, char *what, size_t cap)
{
    if (r->ny != e->ny || r->nseg != e->nseg || r->start != e->start) {
        snprintf(what, cap, "shape");
        return 1;
    }
    for (size_t m = 0; m < DCD_NTOTAL; m++) {
        double mag = 0;
        for (size_t i = 0; i < e->ny; i++)
            mag = isnan(DCD_TOTAL(e, m, i)) ? mag : fmax(mag, fabs(DCD_TOTAL(e, m, i)));
        for (size_t i = 0; i < e->ny; i++)
            if (differs(DCD_TOTAL(r, m, i), DCD_TOTAL(e, m, i), mag)) {
                snprintf(what, cap, "%s[%zu]: %.17g vs %.17g", dcd_total_info[m].name, i,
                         DCD_TOTAL(r, m, i), DCD_TOTAL(e, m, i));
                return 1;
            }
    }
    for (size_t s = 0; s < e->nseg; s++)
        for (size_t m = 0; m < DCD_NSEGMETRIC; m++) {
            double mag = 0;
            for (size_t i = 0; i < e->ny; i++)
                mag = isnan(DCD_SEG(e, s, m, i)) ? mag : fmax(mag, fabs(DCD_SEG(e, s, m, i)));
            for (size_t i = 0; i < e->ny; i++)
                if (differs(DCD_SEG(r, s, m, i), DCD_SEG(e, s, m, i), mag)) {
                    snprintf(what, cap, "%s.%s[%zu]: %.17g vs %.17g", e->seg_name[s],
                             dcd_segment_info[m].name, i, DCD_SEG(r, s, m, i), DCD_SEG(e, s, m, i));
                    return 1;
                }
        }
    return 0;
}

/* The series a path names in SC, or NULL (a number, or nothing). */
static const dcd_series *series_at(const dcd_scenario *sc, const char *path)
{
    if (strcmp(path, "pue") == 0)
        return &sc->pue;
    if (strcmp(path, "grid_intensity_g_per_kwh") == 0)
        return &sc->grid_intensity_g_per_kwh;
    if (strcmp(path, "cost_per_mw_usd") == 0)
        return &sc->cost_per_mw_usd;
    if (strcmp(path, "wue_l_per_kwh") == 0)
        return &sc->wue_l_per_kwh;
    if (strcmp(path, "national.growth") == 0)
        return &sc->national.growth;
    if (strcmp(path, "national.forecast_twh") == 0)
        return &sc->national.forecast_twh;
    for (size_t s = 0; s < sc->nsegments; s++) {
        const dcd_segment *g = &sc->segments[s];
        char pre[96];
        int n = snprintf(pre, sizeof pre, "segments.%s.", g->name);
        if (strncmp(path, pre, (size_t)n) != 0)
            continue;
        const char *k = path + n;
        const struct {
            const char *key;
            const dcd_series *s;
        } t[] = {{"utilisation", &g->utilisation},
                 {"idle", &g->idle},
                 {"pue", &g->pue},
                 {"growth", &g->growth},
                 {"additions_gw", &g->additions_gw},
                 {"capex_usd", &g->capex_usd},
                 {"cost_per_mw_usd", &g->cost_per_mw_usd},
                 {"shipments", &g->shipments},
                 {"equipment_share", &g->equipment_share},
                 {"unit_price_usd", &g->unit_price_usd},
                 {"unit_power_w", &g->unit_power_w}};
        for (size_t i = 0; i < sizeof t / sizeof *t; i++)
            if (strcmp(k, t[i].key) == 0)
                return t[i].s;
    }
    return NULL;
}

/* The --set text equivalent to applying HOW with X to PATH (YEAR: a
 * point, 0: whole) of SC, whose base value is BASE (numbers, points). */
static void set_text(const dcd_scenario *sc, const char *path, int year, dcd_apply how, double x,
                     double base, char *out, size_t cap)
{
    const dcd_series *s = series_at(sc, path);
    double v = how == DCD_APPLY_SET ? x : how == DCD_APPLY_SCALE ? base * x : base + x;
    if (year) {
        snprintf(out, cap, "%s.%d=%.17g", path, year, v);
        return;
    }
    if (!s || how == DCD_APPLY_SET || (s->n == 1 && s->year[0] == 0)) {
        if (s && s->n == 1 && how != DCD_APPLY_SET)
            v = how == DCD_APPLY_SCALE ? s->value[0] * x : s->value[0] + x;
        snprintf(out, cap, "%s=%.17g", path, v);
        return;
    }
    size_t k = (size_t)snprintf(out, cap, "%s={", path);
    for (size_t i = 0; i < s->n && k < cap; i++) {
        double p = how == DCD_APPLY_SCALE ? s->value[i] * x : s->value[i] + x;
        k += (size_t)snprintf(out + k, cap - k, "%d: %.17g, ", (int)s->year[i], p);
    }
    if (k < cap)
        snprintf(out + k, cap - k, "interpolation: %s}", dcd_interp_name(s->interp));
}

typedef struct counts {
    size_t compared, params;
} counts;

/* Compares one parameter (PATH as HOW with X) with the loader's override.
 * Returns 1 when compared (the loader accepted the override). */
static int compare_one(const char *file, const dcd_scenario *sc, const char *path, dcd_apply how,
                       double x, int year)
{
    dcd_prepared *p = NULL;
    dcd_diags d = {0};
    size_t k;
    int compared = 0;
    char full[256];
    if (year)
        snprintf(full, sizeof full, "%s.%d", path, year);
    else
        snprintf(full, sizeof full, "%s", path);
    if (dcd_prepared_new(sc, &p, &d) != DCD_OK ||
        dcd_prepared_param(p, full, how, &k, &d) != DCD_OK) {
        dcd_prepared_free(p);
        dcd_diags_free(&d);
        return 0;
    }
    char set[2048];
    double base = year || how != DCD_APPLY_SET ? NAN : 0;
    if (year) { /* the point's base value: the sampled series */
        dcd_prepared *q = NULL;
        size_t kk;
        char pp[256];
        snprintf(pp, sizeof pp, "%s.%d", path, year);
        dcd_prepared_new(sc, &q, NULL);
        dcd_prepared_param(q, pp, DCD_APPLY_SET, &kk, NULL);
        base = dcd_prepared_param_base(q, kk);
        dcd_prepared_free(q);
    } else if (!series_at(sc, path)) {
        dcd_prepared *q = NULL;
        size_t kk;
        dcd_prepared_new(sc, &q, NULL);
        dcd_prepared_param(q, path, DCD_APPLY_SET, &kk, NULL);
        base = dcd_prepared_param_base(q, kk);
        dcd_prepared_free(q);
    }
    set_text(sc, path, year, how, x, base, set, sizeof set);
    const char *sets[1] = {set};
    dcd_scenario *sc2 = NULL;
    dcd_results *e = NULL, *r = NULL;
    int st_e = DCD_EINPUT;
    if (dcd_scenario_load(file, sets, 1, &sc2, &d) == DCD_OK) {
        st_e = dcd_project_new(sc2, &e, NULL);
        int st_r = dcd_prepared_ready(p, NULL);
        dcd_prepared_ws *w = st_r == DCD_OK ? dcd_prepared_ws_alloc(p) : NULL;
        r = dcd_results_alloc(sc);
        if (w)
            st_r = dcd_prepared_eval(p, w, &x, r, NULL);
        char what[256] = "";
        int bad = st_r != st_e || (st_e == DCD_OK && same_results(r, e, what, sizeof what));
        gsl_test(bad, "%s: %s %s %g (--set %.60s) as dcd_project: %s", file, full,
                 dcd_apply_name(how), x, set, what);
        if (w && st_r == DCD_OK) { /* the totals without results are the same */
            const double *t = dcd_prepared_totals(w);
            int diff = 0;
            st_r = dcd_prepared_eval(p, w, &x, NULL, NULL);
            for (size_t i = 0; i < (size_t)DCD_NTOTAL * r->ny; i++)
                diff |= differs(t[i], r->total[i], 0);
            if (diff || st_r != DCD_OK)
                gsl_test(1, "%s: %s: totals without results differ", file, path);
        }
        dcd_prepared_ws_free(w);
        compared = 1;
    }
    dcd_results_free(e);
    dcd_results_free(r);
    dcd_scenario_free(sc2);
    dcd_prepared_free(p);
    dcd_diags_free(&d);
    return compared;
}

/* Every parameter kind of PATH: set, scale and shift of the whole input,
 * and of a point when a series has years. */
static void compare_path(const char *file, const dcd_scenario *sc, const char *path, counts *c)
{
    static const struct {
        dcd_apply how;
        double x;
    } tries[] = {{DCD_APPLY_SCALE, 0.9713},  {DCD_APPLY_SCALE, 1.0237}, {DCD_APPLY_SHIFT, 0.0131},
                 {DCD_APPLY_SHIFT, -0.0117}, {DCD_APPLY_SET, 0.4137},   {DCD_APPLY_SET, 1.2383}};
    dcd_prepared *p = NULL;
    dcd_prepared_new(sc, &p, NULL);
    int ok = dcd_prepared_param(p, path, DCD_APPLY_SET, NULL, NULL) == DCD_OK;
    dcd_prepared_free(p);
    if (!ok)
        return;
    c->params++;
    size_t n = 0;
    for (size_t t = 0; t < sizeof tries / sizeof *tries; t++)
        n += (size_t)compare_one(file, sc, path, tries[t].how, tries[t].x, 0);
    const dcd_series *s = series_at(sc, path);
    if (s && s->n >= 1 && !(s->n == 1 && s->year[0] == 0)) {
        /* a point that is a knot, and a year between knots */
        int years[2] = {(int)s->year[s->n / 2], sc->start + (int)(dcd_scenario_years(sc) / 2)};
        for (size_t y = 0; y < 2; y++)
            for (size_t t = 0; t < sizeof tries / sizeof *tries; t++)
                n += (size_t)compare_one(file, sc, path, tries[t].how, tries[t].x, years[y]);
    }
    /* a fixed lifetime written as a number is named by `lifetime` in --set,
     * and by `lifetime` or `lifetime.years` here */
    int alias = strstr(path, "lifetime.years") && s == NULL && n == 0;
    if (!alias)
        gsl_test(n == 0, "%s: %s: at least one override of it compared (%zu)", file, path, n);
    c->compared += n;
}

static void compare_file(const char *file)
{
    dcd_scenario *sc = NULL;
    dcd_diags d = {0};
    if (dcd_scenario_load(file, NULL, 0, &sc, &d) != DCD_OK) {
        gsl_test(1, "%s loads", file);
        dcd_diags_free(&d);
        return;
    }
    counts c = {0, 0};
    char path[256];
    for (const char *const *k = TOP_KEYS; *k; k++)
        compare_path(file, sc, *k, &c);
    for (size_t s = 0; s < sc->nsegments; s++)
        for (const char *const *k = SEG_KEYS; *k; k++) {
            snprintf(path, sizeof path, "segments.%s.%s", sc->segments[s].name, *k);
            compare_path(file, sc, path, &c);
        }
    gsl_test(c.params < 3 + 2 * sc->nsegments,
             "%s: %zu parameters resolved, %zu overrides compared", file, c.params, c.compared);
    dcd_scenario_free(sc);
    dcd_diags_free(&d);
}

/* Several parameters at once, two workspaces, the base values. */
static void test_many_params(const char *file)
{
    dcd_scenario *sc = NULL;
    dcd_diags d = {0};
    if (dcd_scenario_load(file, NULL, 0, &sc, &d) != DCD_OK)
        return;
    dcd_prepared *p = NULL;
    dcd_prepared_new(sc, &p, NULL);
    char path[256];
    for (const char *const *k = TOP_KEYS; *k; k++)
        dcd_prepared_param(p, *k, DCD_APPLY_SCALE, NULL, NULL);
    for (size_t s = 0; s < sc->nsegments; s++)
        for (const char *const *k = SEG_KEYS; *k; k++) {
            snprintf(path, sizeof path, "segments.%s.%s", sc->segments[s].name, *k);
            dcd_prepared_param(p, path, DCD_APPLY_SCALE, NULL, NULL);
        }
    size_t n = dcd_prepared_nparams(p);
    double x[256];
    for (size_t k = 0; k < n && k < 256; k++)
        x[k] = dcd_prepared_param_base(p, k);
    gsl_test(dcd_prepared_ready(p, &d), "%s: %zu parameters, ready", file, n);
    dcd_prepared_ws *w1 = dcd_prepared_ws_alloc(p), *w2 = dcd_prepared_ws_alloc(p);
    dcd_results *r = dcd_results_alloc(sc), *e = NULL;
    dcd_project_new(sc, &e, NULL);
    char what[256] = "";
    gsl_test(dcd_prepared_eval(p, w1, x, r, NULL) || same_results(r, e, what, sizeof what),
             "%s: every parameter at its base value reproduces dcd_project %s", file, what);
    for (size_t k = 0; k < n && k < 256; k++)
        x[k] = 1.0031;
    int st1 = dcd_prepared_eval(p, w1, x, NULL, NULL);
    int st2 = dcd_prepared_eval(p, w2, x, r, NULL);
    int diff = st1 != st2;
    for (size_t i = 0; st1 == DCD_OK && i < (size_t)DCD_NTOTAL * r->ny; i++)
        diff |= memcmp(&dcd_prepared_totals(w1)[i], &r->total[i], sizeof(double)) != 0;
    gsl_test(diff, "%s: two workspaces give the same totals (status %d)", file, st1);

    /* energy totals only: the same energy totals as the full evaluation */
    dcd_prepared *pe = NULL;
    dcd_prepared_new(sc, &pe, NULL);
    dcd_prepared_select(pe, DCD_TOTALS_ENERGY);
    for (size_t k = 0; k < n; k++)
        dcd_prepared_param(pe, dcd_prepared_param_path(p, k), DCD_APPLY_SCALE, NULL, NULL);
    dcd_prepared_ready(pe, NULL);
    dcd_prepared_ws *we = dcd_prepared_ws_alloc(pe);
    for (size_t k = 0; k < n && k < 256; k++)
        x[k] = 0.9987;
    int ste = dcd_prepared_eval(pe, we, x, NULL, NULL);
    st1 = dcd_prepared_eval(p, w1, x, NULL, NULL);
    static const int rows[] = {DCD_T_DC_TWH,     DCD_T_AI_TWH,       DCD_T_NATIONAL_TWH,
                               DCD_T_OTHER_TWH,  DCD_T_DC_SHARE_PCT, DCD_T_AI_SHARE_PCT,
                               DCD_T_DC_LOAD_GW, DCD_T_AI_LOAD_GW};
    diff = ste != st1;
    for (size_t m = 0; ste == DCD_OK && m < sizeof rows / sizeof *rows; m++)
        for (size_t i = 0; i < r->ny; i++)
            diff |= differs(dcd_prepared_totals(we)[(size_t)rows[m] * r->ny + i],
                            dcd_prepared_totals(w1)[(size_t)rows[m] * r->ny + i], 0);
    gsl_test(diff, "%s: energy-only evaluation gives the full evaluation's energy totals (%d)",
             file, ste);
    dcd_prepared_ws_free(we);
    dcd_prepared_free(pe);
    dcd_prepared_ws_free(w1);
    dcd_prepared_ws_free(w2);
    dcd_results_free(r);
    dcd_results_free(e);
    dcd_prepared_free(p);
    dcd_scenario_free(sc);
    dcd_diags_free(&d);
}

static void refused(const dcd_scenario *sc, const char *path, dcd_apply how, const char *words)
{
    dcd_prepared *p = NULL;
    dcd_diags d = {0};
    dcd_prepared_new(sc, &p, NULL);
    int st = dcd_prepared_param(p, path, how, NULL, &d);
    int named = d.n == 1 && strstr(d.items[0].message, path) && strstr(d.items[0].message, words);
    gsl_test(st != DCD_EINPUT || !named, "%s (%s) refused: %s", path, dcd_apply_name(how),
             d.n ? d.items[0].message : "(no message)");
    dcd_prepared_free(p);
    dcd_diags_free(&d);
}

static void test_refused(void)
{
    dcd_scenario *sc = NULL;
    dcd_diags d = {0};
    if (dcd_scenario_load("scenarios/mckinsey-2024.yaml", NULL, 0, &sc, &d) != DCD_OK) {
        gsl_test(1, "mckinsey loads");
        return;
    }
    refused(sc, "segments.gpu.growth", DCD_APPLY_SET, "no segment named 'gpu'");
    refused(sc, "segments.ai.shipments", DCD_APPLY_SET, "does not apply");
    refused(sc, "segments.ai.additions_gw", DCD_APPLY_SCALE, "driven by growth");
    refused(sc, "segments.ai.speed", DCD_APPLY_SET, "no input 'speed'");
    refused(sc, "segments.ai.growth.2050", DCD_APPLY_SET, "outside the scenario's years");
    refused(sc, "segments.ai.utilisation.2027", DCD_APPLY_SET, "single value");
    refused(sc, "segments.ai.capacity_gw.2027", DCD_APPLY_SET, "single number");
    refused(sc, "wue_l_per_kwh", DCD_APPLY_SCALE, "not given");
    refused(sc, "national.forecast_twh", DCD_APPLY_SET, "does not apply");
    refused(sc, "speed", DCD_APPLY_SET, "not an input");
    refused(sc, "segments.ai", DCD_APPLY_SET, "name one input");
    refused(sc, "pue", DCD_APPLY_SET, "every segment has its own pue");
    refused(sc, "timing.shipping_year", DCD_APPLY_SET, "a convention of the scenario");
    refused(sc, "segments.ai.build_lag_years", DCD_APPLY_SET, "a convention of the scenario");
    refused(sc, "segments.ai.energy_twh", DCD_APPLY_SET, "anchored on capacity_gw");
    dcd_prepared *p = NULL;
    dcd_prepared_new(sc, &p, NULL);
    gsl_test(dcd_prepared_path_kind(p, "segments.ai.capacity_gw", NULL) != DCD_PARAM_NUMBER,
             "capacity_gw is a number");
    gsl_test(dcd_prepared_path_kind(p, "segments.ai.utilisation", NULL) != DCD_PARAM_SERIES,
             "utilisation is a series (written as one number)");
    gsl_test(dcd_prepared_path_kind(p, "segments.ai.growth.2027", NULL) != DCD_PARAM_POINT,
             "growth.2027 is a point");
    gsl_test(dcd_prepared_path_kind(p, "segments.ai.nothing", NULL) != -1, "nothing is nothing");
    gsl_test(dcd_prepared_nparams(p) != 0, "path_kind adds no parameter");
    dcd_prepared_free(p);
    dcd_scenario_free(sc);
    dcd_diags_free(&d);
}

/* Threads evaluating one prepared scenario at once, each with its own
 * workspace, give the serial evaluation's totals bit for bit. */
typedef struct job {
    const dcd_prepared *p;
    size_t ny, np, n;
    double *share; /* n values: dc_share_pct in the last year per draw */
} job;

static void draw(size_t i, size_t np, double *x)
{
    for (size_t k = 0; k < np; k++)
        x[k] = 1 + 1e-3 * (double)((i * 7 + k * 3) % 11);
}

static void *worker(void *arg)
{
    job *j = arg;
    dcd_prepared_ws *w = dcd_prepared_ws_alloc(j->p);
    double x[64];
    for (size_t i = 0; w && i < j->n; i++) {
        draw(i, j->np, x);
        j->share[i] = dcd_prepared_eval(j->p, w, x, NULL, NULL) == DCD_OK
                          ? dcd_prepared_totals(w)[DCD_T_DC_SHARE_PCT * j->ny + j->ny - 1]
                          : -1;
    }
    dcd_prepared_ws_free(w);
    return NULL;
}

static void test_threads(void)
{
    dcd_scenario *sc = NULL;
    dcd_diags d = {0};
    int st = dcd_scenario_load("bench/fleet.yaml", NULL, 0, &sc, &d);
    dcd_diags_free(&d);
    if (st != DCD_OK) {
        gsl_test(1, "bench/fleet.yaml loads");
        return;
    }
    static const char *const paths[] = {"national.growth", "segments.accelerated.shipments",
                                        "segments.servers.utilisation",
                                        "segments.accelerated.lifetime.scale", "pue"};
    dcd_prepared *p = NULL;
    dcd_prepared_new(sc, &p, NULL);
    for (size_t k = 0; k < 5; k++)
        dcd_prepared_param(p, paths[k], DCD_APPLY_SCALE, NULL, NULL);
    dcd_prepared_ready(p, NULL);
    enum { N = 2000, T = 4 };
    static double serial[N], par[T][N];
    job js = {p, dcd_prepared_years(p), 5, N, serial};
    worker(&js);
    pthread_t th[T];
    job jt[T];
    int started = 1;
    for (size_t t = 0; t < T; t++) {
        jt[t] = (job){p, js.ny, 5, N, par[t]};
        started &= pthread_create(&th[t], NULL, worker, &jt[t]) == 0;
    }
    for (size_t t = 0; t < T; t++)
        pthread_join(th[t], NULL);
    int diff = !started;
    for (size_t t = 0; t < T; t++)
        diff |= memcmp(par[t], serial, sizeof serial) != 0;
    gsl_test(diff, "%d threads sharing one prepared scenario give the serial results", T);
    dcd_prepared_free(p);
    dcd_scenario_free(sc);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(a, b);
}

int main(void)
{
    harness_init();
    test_refused();
    test_threads();
    DIR *dir = opendir("scenarios");
    struct dirent *e;
    char files[64][300];
    size_t nf = 0;
    while (dir && (e = readdir(dir)) && nf < 63) {
        size_t n = strlen(e->d_name);
        if (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0)
            snprintf(files[nf++], sizeof files[0], "scenarios/%s", e->d_name);
    }
    if (dir)
        closedir(dir);
    /* the conventions' scenarios (timing, anchors, build lag, base ages) */
    size_t nlib = nf;
    dir = opendir("tests/conventions");
    while (dir && (e = readdir(dir)) && nf < 63) {
        size_t n = strlen(e->d_name);
        if (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0)
            snprintf(files[nf++], sizeof files[0], "tests/conventions/%s", e->d_name);
    }
    if (dir)
        closedir(dir);
    gsl_test(nf < nlib + 3, "the conventions' scenarios are found (%zu)", nf - nlib);
    qsort(files, nf, sizeof files[0], by_name);
    snprintf(files[nf++], sizeof files[0], "bench/fleet.yaml");
    gsl_test(nf < 10, "the library's scenarios are found (%zu)", nf);
    for (size_t i = 0; i < nf; i++) {
        compare_file(files[i]);
        test_many_params(files[i]);
    }
    return gsl_test_summary();
}
