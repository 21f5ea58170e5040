/* compare_charts.c - a comparison's and a sweep's charts as chart input
 * (declared in dcd_compare.h). */
#include "dcd_compare.h"

#include <stdlib.h>

/* The series of C's columns (a new array the caller frees), or NULL on
 * OOM. */
static dcd_overlay_series *series_of(const dcd_compare *c)
{
    dcd_overlay_series *s = calloc(c->ncol ? c->ncol : 1, sizeof *s);
    if (!s)
        return NULL;
    for (size_t j = 0; j < c->ncol; j++) {
        const dcd_compare_col *col = &c->cols[j];
        s[j].label = col->label;
        s[j].title = col->sc->title ? col->sc->title : col->sc->name;
        s[j].r = col->r;
        s[j].with = col->with;
        s[j].nwith = col->nwith;
        s[j].history = col->sc->history;
        s[j].nhistory = col->sc->nhistory;
        s[j].references = col->sc->references;
        s[j].nreferences = col->sc->nreferences;
        s[j].base_year = col->sc->base;
    }
    return s;
}

size_t dcd_compare_chart_links(const dcd_compare *c, dcd_compare_chart *links)
{
    dcd_overlay_series *s = series_of(c);
    size_t n = 0;
    if (!s)
        return 0;
    for (int k = 0; k < DCD_OVERLAY_NCHART; k++) {
        if (!dcd_overlay_applies(s, c->ncol, k))
            continue;
        links[n].file = dcd_overlay_file(k);
        links[n].caption = dcd_overlay_caption(k);
        n++;
    }
    free(s);
    return n;
}

int dcd_compare_draw_charts(const dcd_compare *c, const char *dir, const dcd_plot_opts *o,
                            dcd_diags *d)
{
    dcd_overlay_series *s = series_of(c);
    if (!s)
        return DCD_ENOMEM;
    int rc = dcd_overlay_draw(s, c->ncol, dir, o, c->chart_flags, d);
    free(s);
    return rc;
}

void dcd_sweep_chart_axes(const dcd_vary *vary, size_t n, dcd_chart_axis *axes)
{
    for (size_t k = 0; k < n; k++) {
        axes[k].path = vary[k].path;
        axes[k].value = vary[k].value;
        axes[k].text = (const char *const *)vary[k].text;
        axes[k].n = vary[k].n;
    }
}
