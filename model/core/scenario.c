/* scenario.c - the plain-data part of a scenario (dcd_scenario.h): the
 * number of years, a segment's series, the safe name and freeing. */
#include "dcd_scenario.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

size_t dcd_segment_series(const dcd_segment *g, const dcd_series **out)
{
    const dcd_series *all[DCD_SEGMENT_NSERIES] = {&g->growth,
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
    for (size_t i = 0; i < DCD_SEGMENT_NSERIES; i++)
        out[i] = all[i];
    return DCD_SEGMENT_NSERIES;
}

size_t dcd_scenario_max_points(const dcd_scenario *sc)
{
    const dcd_series *top[] = {
        &sc->pue,           &sc->grid_intensity_g_per_kwh, &sc->cost_per_mw_usd,
        &sc->wue_l_per_kwh, &sc->national.growth,          &sc->national.forecast_twh};
    size_t m = 0;
    for (size_t i = 0; i < sizeof top / sizeof *top; i++)
        m = top[i]->n > m ? top[i]->n : m;
    for (size_t i = 0; i < sc->nsegments; i++) {
        const dcd_series *seg[DCD_SEGMENT_NSERIES];
        size_t n = dcd_segment_series(&sc->segments[i], seg);
        for (size_t k = 0; k < n; k++)
            m = seg[k]->n > m ? seg[k]->n : m;
    }
    return m;
}

static void free_segment(dcd_segment *g)
{
    free(g->name);
    free(g->label);
    const dcd_series *all[DCD_SEGMENT_NSERIES];
    size_t n = dcd_segment_series(g, all);
    for (size_t i = 0; i < n; i++)
        dcd_series_free((dcd_series *)all[i]); /* the segment's own, not const */
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
