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

static int title_points(const char *title, int w)
{
    size_t k = dcd_utf8_count(title, strlen(title));
    size_t fit17 = (size_t)(0.975 * w / (0.83 * 17)), fit15 = (size_t)(0.975 * w / (0.83 * 15));
    return k <= fit17 ? 17 : k <= fit15 ? 15 : 13;
}

/* $TEXT: 1 title, 2 name, 3 the y label, 4... the footer, then the labels
 * of the reference marks.  Returns the number of footer lines. */
static size_t put_text(const dcd_calib_chart_data *c, const int *ms, int w, dcd_buf *b)
{
    dcd_buf f = {0};
    dcd_chart_text_begin(b, "1 title, 2 name, 3 y axis, 4... the sources footer, then the "
                            "reference marks");
    if (dcd_plot_text_line(b, c->title ? c->title : "scenario",
                           (size_t)(0.975 * w / (0.83 * 13))) ||
        dcd_plot_text_line(b, c->name && *c->name ? c->name : "scenario", 60) ||
        dcd_plot_text_line(b, c->metric_label, 120))
        b->failed = 1;
    if (c->nsources)
        dcd_buf_puts(&f, c->nsources == 1 ? "Source: " : "Sources: ");
    for (size_t i = 0; i < c->nsources; i++)
        dcd_buf_printf(&f, "%s%s", i ? "; " : "", c->sources[i] ? c->sources[i] : "");
    size_t nf = c->nsources ? dcd_chart_footer_put(b, dcd_buf_str(&f), w) : 0;
    if (f.failed)
        b->failed = 1;
    dcd_chart_refs_text(b, c->refs, c->nrefs, ms, 1, w);
    dcd_chart_text_end(b);
    dcd_buf_free(&f);
    return nf;
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
    size_t nf = put_text(c, ms, o->width, b), nref = 0;
    for (size_t k = 0; k < c->nrefs; k++)
        nref += dcd_chart_ref_on(&c->refs[k], ms, 1) && isfinite(c->refs[k].low) &&
                isfinite(c->refs[k].high);
    dcd_buf_puts(b, "\n$MODEL << " DCD_CHART_DATA_MARKER "\n# year value\n");
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
    dcd_chart_frame f = {.w = o->width,
                         .h = o->height,
                         .key_cols = dcd_chart_key_cols(o->width),
                         .footer_lines = nf};
    int nkey = 2 + (int)nref;
    f.key_rows = (nkey + f.key_cols - 1) / f.key_cols;
    dcd_buf t = {0};
    dcd_buf_printf(&t, "The model against the observations of %s", c->metric);
    dcd_chart_frame_put(b, &f, title_points(c->title ? c->title : "scenario", o->width),
                        dcd_buf_str(&t), 2, 4, nkey);
    if (t.failed)
        b->failed = 1;
    dcd_buf_free(&t);
    dcd_chart_years_put(b, xlo, xhi, pad_lo ? 0.5 : 0, pad_hi ? 0.5 : 0, o->width);
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
                     with_sd ? ", with its standard deviation" : "");
    dcd_chart_refs_clauses(b, &n, c->refs, c->nrefs, ms, 1, NULL, 4 + (int)nf, 1, 1);
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
