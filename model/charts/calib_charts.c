/* calib_charts.c - the calibration chart (dcd_calib_chart.h): the model's
 * path of one metric against the observations, with error bars when every
 * observation has a standard deviation, on the run charts' frame
 * (dcd_chart_frame.h). */
#include "dcd_calib_chart.h"

#include <limits.h>
#include <math.h>
#include <string.h>

#include "dcd_chart_frame.h"
#include "dcd_chart_text.h"
#include "dcd_engine.h"

/* The layout (dcd_chart_layout): $TEXT 1 title, 2 subtitle, 3 the y
 * axis, 4... the labels of the reference marks, then the footer. */
static void make_layout(const dcd_calib_chart_data *c, const int *ms, dcd_chart_layout *l)
{
    dcd_buf f = {0}, sub = {0};
    dcd_chart_layout_text_add(l, DCD_FIT_TITLE, c->title ? c->title : "scenario");
    int m = c->metric ? dcd_total_index(c->metric) : -1;
    dcd_buf_printf(&sub, "The model against the observations: %s  \xc2\xb7  scenario %s",
                   m >= 0      ? dcd_total_info[m].label
                   : c->metric ? c->metric
                               : "",
                   c->name && *c->name ? c->name : "scenario");
    dcd_chart_layout_text_add(l, DCD_FIT_SUBTITLE, dcd_buf_str(&sub));
    dcd_chart_layout_text_add(l, DCD_FIT_YLABEL, c->metric_label);
    dcd_chart_layout_refs(l, c->refs, c->nrefs, ms, 1);
    if (c->nsources)
        dcd_buf_puts(&f, c->nsources == 1 ? "Source: " : "Sources: ");
    for (size_t i = 0; i < c->nsources; i++)
        dcd_buf_printf(&f, "%s%s", i ? "; " : "", c->sources[i] ? c->sources[i] : "");
    dcd_chart_layout_footer_add(l, dcd_buf_str(&f));
    l->failed |= f.failed || sub.failed;
    dcd_buf_free(&f);
    dcd_buf_free(&sub);
}

int dcd_calib_chart_script(const dcd_calib_chart_data *c, const dcd_plot_opts *o, dcd_buf *b)
{
    int with_sd = c->nobs > 0;
    for (size_t i = 0; i < c->nobs; i++)
        with_sd = with_sd && isfinite(c->obs[i].sd);
    if (dcd_chart_script_head(b, o, DCD_CALIB_CHART_STEM,
                              "the model against the observations (dcdemand calibrate)") != 0)
        return -1;
    int ms[1] = {dcd_total_index(c->metric)};
    size_t nref = 0;
    for (size_t k = 0; k < c->nrefs; k++)
        nref += dcd_chart_ref_on(&c->refs[k], ms, 1) && isfinite(c->refs[k].low) &&
                isfinite(c->refs[k].high);
    dcd_buf_puts(b, "$MODEL << " DCD_CHART_DATA_MARKER "\n# year value\n");
    for (size_t i = 0; i < c->ny; i++)
        if (isfinite(c->model[i])) {
            dcd_buf_printf(b, "%d ", c->start + (int)i);
            dcd_chart_num(b, c->model[i]);
            dcd_buf_puts(b, "\n");
        }
    dcd_buf_puts(b, DCD_CHART_DATA_MARKER "\n$OBS << " DCD_CHART_DATA_MARKER "\n# year value sd\n");
    int xlo = c->start, xhi = c->start + (int)(c->ny ? c->ny - 1 : 0), last = INT_MIN;
    int mlo = INT_MAX, mhi = INT_MIN;
    for (size_t i = 0; i < c->nobs; i++) {
        int y = c->obs[i].year;
        dcd_buf_printf(b, "%d ", y);
        dcd_chart_num(b, c->obs[i].value);
        dcd_buf_puts(b, " ");
        dcd_chart_num(b, with_sd ? c->obs[i].sd : 0.0);
        dcd_buf_puts(b, "\n");
        last = y > last ? y : last;
        mlo = y < mlo ? y : mlo;
        mhi = y > mhi ? y : mhi;
    }
    dcd_buf_puts(b, DCD_CHART_DATA_MARKER "\n\n");
    int pad_lo = mlo <= xlo, pad_hi = mhi >= xhi;
    xlo = mlo < xlo ? mlo : xlo;
    xhi = mhi > xhi && mhi != INT_MIN ? mhi : xhi;
    if (xhi == xlo) {
        xlo--;
        xhi++;
    }
    dcd_chart_layout l = {0};
    make_layout(c, ms, &l);
    l.key_n = l.key_rows_n = 2 + (int)nref;
    l.key_chars = 31; /* "Observed (+- standard deviation)" */
    l.years = 1;
    l.xlo = xlo;
    l.xhi = xhi;
    l.pad_lo = pad_lo ? 0.5 : 0;
    l.pad_hi = pad_hi ? 0.5 : 0;
    if (dcd_chart_layout_put(b, &l, o->width, o->height) != 0)
        b->failed = 1;
    dcd_chart_layout_free(&l);
    dcd_buf_puts(b, "set ylabel $TEXT[3] noenhanced\nset format y \"%g\"\n");
    int split = last > c->base_year ? last : c->base_year;
    dcd_chart_split_put(b, split, xlo, xhi, split > c->base_year ? "last observed" : "base year");
    int obj = 1;
    dcd_chart_refs_put(b, c->refs, c->nrefs, ms, 1, NULL, &obj, 1, xlo);
    dcd_buf_puts(b, "set yrange [0:*]\nset offsets 0, 0, graph 0.04, 0\n\n");
    int n = 0;
    dcd_chart_clause(b, &n,
                     "$MODEL using 1:2 with lines linewidth 3 linecolor rgb \"#0072B2\" "
                     "title \"Model (calibrated)\"");
    dcd_chart_clause(b, &n,
                     "$OBS using 1:2%s with %s pointtype 6 pointsize 1.5*dcd_ps linewidth 2 "
                     "linecolor rgb \"#000000\" title \"Observed%s\"",
                     with_sd ? ":3" : "", with_sd ? "yerrorbars" : "points",
                     with_sd ? " (\xc2\xb1 standard deviation)" : "");
    dcd_chart_refs_clauses(b, &n, c->refs, c->nrefs, ms, 1, NULL, 4, 1, 1);
    dcd_buf_puts(b, "\nunset output\n");
    return b->failed ? -1 : 0;
}

int dcd_calib_chart_draw(const dcd_calib_chart_data *c, const char *dir, const dcd_plot_opts *o,
                         dcd_diags *d)
{
    dcd_plot_opts def;
    if (!o) {
        dcd_plot_opts_default(&def);
        o = &def;
    }
    dcd_buf s = {0};
    int rc = DCD_ENOMEM;
    dcd_plot_batch *b = dcd_plot_batch_new(o);
    if (!b || dcd_calib_chart_script(c, o, &s) != 0)
        goto done;
    rc = dcd_plot_batch_script(b, dir, DCD_CALIB_CHART_STEM, s.data, s.len, d);
    if (rc == DCD_OK)
        rc = dcd_plot_batch_draw(b, d);
done:
    dcd_plot_batch_free(b);
    dcd_buf_free(&s);
    return rc;
}
