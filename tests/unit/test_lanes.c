/* test_lanes.c - the lane evaluation (dcd_prepared_eval_lanes()) gives, bit
 * for bit, the energy totals and the status of dcd_prepared_eval() on each
 * draw: on every library scenario, the conventions' scenarios and the bench
 * scenarios, with every parameter kind the scenario has (series and
 * numbers, scale, shift and value modes, survival parameters), random
 * draws, chunks of 32 and 13 draws, draws that fail, point parameters
 * and full totals (evaluated draw by draw). */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_load.h"
#include "dcd_prepared.h"
#include "harness.h"
#include "param_keys.h"

static const int ROWS[] = {DCD_T_DC_TWH,     DCD_T_AI_TWH,       DCD_T_NATIONAL_TWH,
                           DCD_T_OTHER_TWH,  DCD_T_DC_SHARE_PCT, DCD_T_AI_SHARE_PCT,
                           DCD_T_DC_LOAD_GW, DCD_T_AI_LOAD_GW};

static unsigned long long lcg = 88172645463325252ULL;

/* A uniform number in [0, 1) from a fixed generator (the test's own). */
static double unif(void)
{
    lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(lcg >> 11) / 9007199254740992.0;
}

typedef struct tally {
    size_t draws, failed, differ;
} tally;

/* Evaluates NDRAWS draws of P in chunks of CHUNK both ways; counts into T. */
static void both_ways(const dcd_prepared *p, const double *x, size_t np, size_t ndraws,
                      size_t chunk, tally *t)
{
    size_t ny = dcd_prepared_years(p);
    dcd_prepared_ws *w = dcd_prepared_ws_alloc(p);
    dcd_prepared_lws *lw = dcd_prepared_lws_alloc(p);
    int st[DCD_LANES];
    for (size_t i0 = 0; w && lw && i0 < ndraws; i0 += chunk) {
        size_t k = ndraws - i0 < chunk ? ndraws - i0 : chunk;
        if (dcd_prepared_eval_lanes(p, lw, x + i0 * np, np, k, st, NULL) != DCD_OK) {
            t->differ++;
            continue;
        }
        const double *lt = dcd_prepared_lws_totals(lw);
        for (size_t l = 0; l < k; l++) {
            int s1 = dcd_prepared_eval(p, w, x + (i0 + l) * np, NULL, NULL);
            t->draws++;
            t->failed += s1 != DCD_OK;
            if (s1 != st[l]) {
                t->differ++;
                continue;
            }
            const double *e = dcd_prepared_totals(w);
            for (size_t m = 0; s1 == DCD_OK && m < sizeof ROWS / sizeof *ROWS; m++)
                for (size_t i = 0; i < ny; i++) {
                    size_t at = (size_t)ROWS[m] * ny + i;
                    if (memcmp(&e[at], &lt[at * DCD_LANES + l], sizeof(double)) != 0) {
                        t->differ++;
                        m = sizeof ROWS / sizeof *ROWS;
                        break;
                    }
                }
        }
    }
    gsl_test(!w || !lw, "workspaces allocated");
    dcd_prepared_lws_free(lw);
    dcd_prepared_ws_free(w);
}

/* Every parameter of SC in mode HOW (points when POINTS), energy totals
 * only unless FULL; random draws around the base values, a few of them
 * made to fail (national demand scaled far down). */
static void one_case(const char *file, const dcd_scenario *sc, dcd_apply how, int points, int full)
{
    dcd_prepared *p = NULL;
    dcd_prepared_new(sc, &p, NULL);
    char path[256];
    for (const char *const *k = TOP_KEYS; *k; k++)
        dcd_prepared_param(p, *k, how, NULL, NULL);
    for (size_t s = 0; s < sc->nsegments; s++)
        for (const char *const *k = SEG_KEYS; *k; k++) {
            snprintf(path, sizeof path, "segments.%s.%s", sc->segments[s].name, *k);
            dcd_prepared_param(p, path, how, NULL, NULL);
        }
    if (points && sc->nsegments) {
        snprintf(path, sizeof path, "segments.%s.growth.%d", sc->segments[0].name, sc->base + 2);
        dcd_prepared_param(p, path, DCD_APPLY_SCALE, NULL, NULL);
    }
    if (!full)
        dcd_prepared_select(p, DCD_TOTALS_ENERGY);
    if (dcd_prepared_ready(p, NULL) != DCD_OK) {
        dcd_prepared_free(p);
        return;
    }
    size_t np = dcd_prepared_nparams(p), nd = 45;
    double *x = malloc((np ? np : 1) * nd * sizeof *x);
    for (size_t i = 0; x && i < nd; i++)
        for (size_t k = 0; k < np; k++) {
            double b = dcd_prepared_param_base(p, k), u = unif();
            double v = how == DCD_APPLY_SCALE   ? 0.8 + 0.4 * u
                       : how == DCD_APPLY_SHIFT ? 0.02 * (u - 0.5)
                                                : (isnan(b) ? 1 : b) * (0.9 + 0.2 * u);
            const char *pk = dcd_prepared_param_path(p, k);
            if (i % 11 == 7 && strstr(pk, "national.") == pk && how == DCD_APPLY_SCALE)
                v = 1e-3; /* national demand below the data centres': fails */
            x[i * np + k] = v;
        }
    tally t = {0};
    static const size_t chunks[] = {DCD_LANES, 13};
    for (size_t c = 0; x && c < 2; c++)
        both_ways(p, x, np, nd, chunks[c], &t);
    gsl_test(!x || t.differ || t.draws != 2 * nd,
             "%s: %zu parameters (%s%s%s): %zu draws, %zu failed, %zu differ from "
             "dcd_prepared_eval()",
             file, np, dcd_apply_name(how), points ? ", a point" : "", full ? ", all totals" : "",
             t.draws, t.failed, t.differ);
    free(x);
    dcd_prepared_free(p);
}

static void test_file(const char *file)
{
    dcd_scenario *sc = NULL;
    dcd_diags d = {0};
    if (dcd_scenario_load(file, NULL, 0, &sc, &d) != DCD_OK) {
        gsl_test(1, "%s loads", file);
        dcd_diags_free(&d);
        return;
    }
    one_case(file, sc, DCD_APPLY_SCALE, 0, 0);
    one_case(file, sc, DCD_APPLY_SHIFT, 0, 0);
    one_case(file, sc, DCD_APPLY_SET, 0, 0);
    one_case(file, sc, DCD_APPLY_SCALE, 1, 0);
    one_case(file, sc, DCD_APPLY_SCALE, 0, 1);
    dcd_scenario_free(sc);
    dcd_diags_free(&d);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* The .yaml files of DIR into FILES (at most CAP). */
static size_t list(const char *dir, char (*files)[300], size_t n, size_t cap)
{
    DIR *dh = opendir(dir);
    struct dirent *e;
    while (dh && (e = readdir(dh)) && n < cap) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0)
            snprintf(files[n++], sizeof files[0], "%s/%s", dir, e->d_name);
    }
    if (dh)
        closedir(dh);
    return n;
}

int main(void)
{
    harness_init();
    static char files[96][300];
    size_t nf = list("scenarios", files, 0, 90);
    size_t nlib = nf;
    nf = list("tests/conventions", files, nf, 90);
    gsl_test(nlib < 10 || nf < nlib + 3, "scenarios found (%zu, %zu)", nlib, nf - nlib);
    qsort(files, nf, sizeof files[0], by_name);
    snprintf(files[nf++], sizeof files[0], "bench/fleet.yaml");
    snprintf(files[nf++], sizeof files[0], "bench/reference.yaml");
    for (size_t i = 0; i < nf; i++)
        test_file(files[i]);
    return gsl_test_summary();
}
