/* scenario.c - the plain-data part of a scenario (dcd_scenario.h): survival
 * functions, the number of years, the safe name and freeing. */
#include "dcd_scenario.h"

#include <ctype.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

double dcd_survival_at(const dcd_survival *sv, double age)
{
    switch (sv->kind) {
    case DCD_SURV_FIXED: return age < sv->years ? 1.0 : 0.0;
    case DCD_SURV_EXPONENTIAL: return exp(-age / sv->years);
    case DCD_SURV_WEIBULL: return gsl_cdf_weibull_Q(age, sv->scale, sv->shape);
    }
    return 0.0;
}

size_t dcd_scenario_years(const dcd_scenario *sc)
{
    return (size_t)(sc->end - sc->start + 1);
}
static void free_expects(dcd_expect *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(e[i].metric);
        free(e[i].source);
    }
    free(e);
}

static void free_segment(dcd_segment *g)
{
    free(g->name);
    free(g->label);
    dcd_series *all[] = {&g->growth,
                         &g->additions_gw,
                         &g->capex_usd,
                         &g->cost_per_mw_usd,
                         &g->shipments,
                         &g->unit_power_w,
                         &g->equipment_share,
                         &g->unit_price_usd,
                         &g->utilisation,
                         &g->idle,
                         &g->pue};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        dcd_series_free(all[i]);
}

void dcd_scenario_clear(dcd_scenario *sc)
{
    if (!sc)
        return;
    free(sc->name);
    free(sc->title);
    free(sc->description);
    free(sc->study);
    free(sc->case_name);
    for (size_t i = 0; i < sc->nsources; i++)
        free(sc->sources[i]);
    free(sc->sources);
    dcd_series_free(&sc->pue);
    dcd_series_free(&sc->grid_intensity_g_per_kwh);
    dcd_series_free(&sc->cost_per_mw_usd);
    dcd_series_free(&sc->wue_l_per_kwh);
    dcd_series_free(&sc->national.growth);
    dcd_series_free(&sc->national.forecast_twh);
    for (size_t i = 0; i < sc->nsegments; i++)
        free_segment(&sc->segments[i]);
    free(sc->segments);
    free_expects(sc->expect, sc->nexpect);
    free_expects(sc->history, sc->nhistory);
    for (size_t i = 0; i < sc->nreferences; i++) {
        free(sc->references[i].metric);
        free(sc->references[i].label);
    }
    free(sc->references);
    free(sc->path);
    struct dcd_node *tree = sc->tree;
    struct dcd_pool *pool = sc->pool;
    memset(sc, 0, sizeof *sc);
    sc->tree = tree;
    sc->pool = pool;
}

void dcd_scenario_safe_name(const dcd_scenario *sc, char *out)
{
    size_t k = 0;
    const char *s = sc->name ? sc->name : "";
    for (; *s && k < 64; s++) {
        unsigned char ch = (unsigned char)*s;
        char c;
        if (isalnum(ch) && ch < 128)
            c = (char)tolower(ch);
        else if (ch == '.' || ch == '_' || ch == '-')
            c = (char)ch;
        else
            c = '-';
        if (k == 0 && (c == '.' || c == '-'))
            continue;
        if (c == '-' && k > 0 && out[k - 1] == '-')
            continue; /* collapse runs of replaced characters */
        out[k++] = c;
    }
    while (k > 0 && (out[k - 1] == '-' || out[k - 1] == '.'))
        k--;
    out[k] = '\0';
    if (k == 0)
        strcpy(out, "scenario");
}
