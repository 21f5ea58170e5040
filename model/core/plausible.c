/* plausible.c - plausibility warnings (dcd_engine.h, dcd_plausibility();
 * docs/model.md, "Plausibility warnings").  Reads a scenario and its
 * results, changes nothing. */
#include <math.h>
#include <stdio.h>

#include "dcd_engine.h"

/* The year of point I of series S: a constant (year 0) holds from START. */
static int point_year(const dcd_series *s, size_t i, int start)
{
    return (s->n == 1 && s->year[0] == 0) ? start : (int)s->year[i];
}

static void warn(dcd_diags *w, size_t *n, const dcd_scenario *sc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

#include <stdarg.h>

static void warn(dcd_diags *w, size_t *n, const dcd_scenario *sc, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dcd_diags_add(w, sc->path, 0, 0, "%s", msg);
    (*n)++;
}

/* Growth of 1 (100 %/yr) or more: one warning per series, at its first
 * such point; a whole number reads as a percentage. */
static void check_growth(const dcd_scenario *sc, const dcd_series *s, const char *path,
                         dcd_diags *w, size_t *n)
{
    for (size_t i = 0; i < s->n; i++) {
        double v = s->value[i];
        if (v < 1)
            continue;
        int y = point_year(s, i, sc->start);
        if (v == floor(v) && v <= 100)
            warn(w, n, sc,
                 "%s: growth %g in %d is %g %%/yr; a percentage written as a whole number? "
                 "(growth is a fraction: %g %%/yr is %g)",
                 path, v, y, 100 * v, v, v / 100);
        else
            warn(w, n, sc, "%s: growth %g in %d is %g %%/yr (100 %%/yr or more)", path, v, y,
                 100 * v);
        return;
    }
}

/* A PUE above 3 (the largest reported for real facilities is about 2.5). */
static void check_pue(const dcd_scenario *sc, const dcd_series *s, const char *path, dcd_diags *w,
                      size_t *n)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->value[i] > 3) {
            warn(w, n, sc, "%s: PUE %g in %d is above 3", path, s->value[i],
                 point_year(s, i, sc->start));
            return;
        }
}

static void check_segment(const dcd_scenario *sc, const dcd_segment *g, dcd_diags *w, size_t *n)
{
    char path[160];
    snprintf(path, sizeof path, "segments.%s.growth", g->name);
    check_growth(sc, &g->growth, path, w, n);
    snprintf(path, sizeof path, "segments.%s.pue", g->name);
    check_pue(sc, &g->pue, path, w, n);
    if (g->driver != DCD_DRIVER_ENERGY)
        for (size_t i = 0; i < g->utilisation.n; i++)
            if (g->utilisation.value[i] == 0) {
                warn(w, n, sc, "segments.%s.utilisation: 0 in %d: this capacity draws %s", g->name,
                     point_year(&g->utilisation, i, sc->start),
                     g->idle.n ? "its idle power only" : "no energy");
                break;
            }
    if (g->driver == DCD_DRIVER_FLEET && g->base_gw > 0 &&
        g->base_survival.kind == DCD_SURV_FIXED && g->base_age_min_years >= g->base_survival.years)
        warn(w, n, sc,
             "segments.%s.installed_base: every age (from %g years) is beyond its fixed "
             "lifetime of %g years: the base is empty from %d",
             g->name, g->base_age_min_years, g->base_survival.years, sc->start);
}

size_t dcd_plausibility(const dcd_scenario *sc, const dcd_results *r, dcd_diags *w)
{
    size_t n = 0;
    check_growth(sc, &sc->national.growth, "national.growth", w, &n);
    check_pue(sc, &sc->pue, "pue", w, &n);
    for (size_t s = 0; s < sc->nsegments; s++)
        check_segment(sc, &sc->segments[s], w, &n);
    if (!r)
        return n;
    for (size_t i = 0; i < r->ny; i++) {
        double share = DCD_TOTAL(r, DCD_T_DC_SHARE_PCT, i);
        if (share > 50) {
            warn(w, &n, sc,
                 "dc_share_pct: data centres use %.3g %% of national demand in %d (above "
                 "50 %%)",
                 share, r->start + (int)i);
            break;
        }
    }
    return n;
}

void dcd_warnings_print(const dcd_diags *w, FILE *out)
{
    for (size_t i = 0; i < w->n; i++) {
        const dcd_diag *g = &w->items[i];
        if (g->file && g->line > 0)
            fprintf(out, "%s:%d:%d: warning: %s\n", g->file, g->line, g->column, g->message);
        else if (g->file)
            fprintf(out, "%s: warning: %s\n", g->file, g->message);
        else
            fprintf(out, "warning: %s\n", g->message);
    }
}
