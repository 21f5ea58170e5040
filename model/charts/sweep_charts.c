/* sweep_charts.c - the charts of `dcdemand sweep` (dcd_plot_overlay.h):
 * the metric by year for each value of one parameter (or the spread over
 * many values), the metric in one year against the parameter, and the heat
 * map of two parameters; a --target drawn as a line or contour, its
 * crossings marked.  The axes are named from the schema (fractions in
 * percent).  Text only through $TEXT, as in overlay_charts.c.
 */
#include "dcd_plot_overlay.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_chart_frame.h"
#include "dcd_schema.h"

#define DATA_MARKER DCD_CHART_DATA_MARKER
#define SWEEP_COLOUR "#0072B2"

#define put_num dcd_chart_num

/* The opening of a script: terminal and output (dcd_chart.h). */
static void put_header(dcd_buf *b, const dcd_plot_opts *o, const char *stem, const char *what)
{
    if (dcd_chart_script_head(b, o, stem, what) != 0)
        b->failed = 1;
}

/* The layout section of L (dcd_chart_layout) with, for NKEY > 0 entries
 * (and a key title), the legend below the plot; NKEY 0: no legend. */
static void put_frame(dcd_buf *b, const dcd_plot_opts *o, dcd_chart_layout *l, int nkey, int chars)
{
    l->key_n = l->key_rows_n = nkey;
    l->key_chars = chars;
    l->key_title = nkey > 0;
    if (dcd_chart_layout_put(b, l, o->width, o->height) != 0)
        b->failed = 1;
}

/* ---- sweep charts ---------------------------------------------------------------- */

static const char *const SWEEP_STEM[3] = {"sweep_curves", "sweep_year", "sweep_heatmap"};

static double sweep_at(const dcd_sweep_chart *s, size_t p, int year)
{
    if (!s->y[p] || year < s->start[p] || year >= s->start[p] + (int)s->ny[p])
        return NAN;
    return s->y[p][year - s->start[p]];
}

/* The scale of a varied parameter on the charts: 100 for a fraction (shown
 * as percent), else 1; its unit as shown into UNIT. */
static double axis_scale(const dcd_chart_axis *v, dcd_buf *unit)
{
    const dcd_key_info *k = v->path ? dcd_schema_lookup(v->path) : NULL;
    dcd_chart_input_unit(unit, v->path);
    return k && k->unit && strncmp(k->unit, "fraction", 8) == 0 ? 100 : 1;
}

/* A value of parameter V as shown on the charts (percent for fractions). */
static void put_axis_value(dcd_buf *b, const dcd_chart_axis *v, size_t i)
{
    dcd_buf unit = {0};
    double sc = axis_scale(v, &unit);
    dcd_buf_free(&unit);
    if (sc == 1)
        dcd_buf_puts(b, v->text[i]);
    else
        dcd_buf_printf(b, "%.10g", v->value[i] * sc);
}

/* The label of parameter V: its name (dcd_chart_input_name) and its unit
 * from the schema. */
static void axis_label(dcd_buf *b, const dcd_sweep_chart *s, const dcd_chart_axis *v)
{
    dcd_buf unit = {0};
    axis_scale(v, &unit);
    dcd_chart_input_name(b, v->path, s->scenario, dcd_buf_str(&unit));
    dcd_buf_free(&unit);
}

/* The layout of a sweep chart: $TEXT 1 title, 2 subtitle, 3 first
 * parameter, 4 second parameter (path and unit), 5 the metric's axis label,
 * then the footer (the scenario's title; how the points were made). */
static void sweep_layout(const dcd_sweep_chart *s, int which, dcd_chart_layout *l)
{
    const dcd_metric_info *mi = &dcd_total_info[s->metric];
    dcd_buf t = {0};
    if (which == 0)
        dcd_buf_printf(&t, "%s by year", mi->label);
    else
        dcd_buf_printf(&t, "%s in %d", mi->label, s->year);
    dcd_chart_layout_text_add(l, DCD_FIT_TITLE, dcd_buf_str(&t));
    dcd_buf_clear(&t);
    dcd_buf n0 = {0}, n1 = {0};
    dcd_chart_input_name(&n0, s->axis[0].path, s->scenario, NULL);
    if (s->naxis > 1)
        dcd_chart_input_name(&n1, s->axis[1].path, s->scenario, NULL);
    dcd_buf_printf(&t, "Sweep of scenario %s: ", s->name ? s->name : "scenario");
    if (which == 0)
        dcd_buf_printf(&t, "%s value of %s (grey line: %d)",
                       s->axis[0].n > DCD_SWEEP_MAX_CURVES ? "the spread over every"
                                                           : "one curve per",
                       dcd_buf_str(&n0), s->year);
    else if (which == 1)
        dcd_buf_printf(&t, "against %s", dcd_buf_str(&n0));
    else
        dcd_buf_printf(&t, "over %s and %s", dcd_buf_str(&n0), dcd_buf_str(&n1));
    l->failed |= n0.failed || n1.failed;
    dcd_buf_free(&n0);
    dcd_buf_free(&n1);
    if (s->has_target)
        dcd_buf_printf(&t, "; target %.10g %s", s->target, mi->unit);
    dcd_chart_layout_text_add(l, DCD_FIT_SUBTITLE, dcd_buf_str(&t));
    dcd_buf_clear(&t);
    axis_label(&t, s, &s->axis[0]);
    dcd_chart_layout_text_add(l, DCD_FIT_XLABEL, dcd_buf_str(&t));
    dcd_buf_clear(&t);
    if (s->naxis > 1)
        axis_label(&t, s, &s->axis[1]);
    dcd_chart_layout_text_add(l, DCD_FIT_YLABEL, dcd_buf_str(&t));
    dcd_buf_clear(&t);
    dcd_buf_printf(&t, "%s (%s)", mi->label, mi->unit);
    dcd_chart_layout_text_add(l, DCD_FIT_YLABEL, dcd_buf_str(&t));
    dcd_chart_layout_footer_add(l, s->title ? s->title : (s->name ? s->name : ""));
    dcd_chart_layout_footer_add(l, "Each point is the scenario run with --set PATH=VALUE; every "
                                   "value is in sweep.csv.");
    l->failed |= t.failed;
    dcd_buf_free(&t);
}

/* Tics on an axis of grid indexes, labelled with the values (numbers the
 * program formatted), at most about 12 labels. */
static void put_index_tics(dcd_buf *b, const char *axis, const dcd_chart_axis *v)
{
    size_t every = v->n > 12 ? (v->n + 11) / 12 : 1;
    dcd_buf_printf(b, "set %stics (", axis);
    for (size_t i = 0, k = 0; i < v->n; i += every, k++) {
        dcd_buf_printf(b, "%s\"", k ? ", " : "");
        put_axis_value(b, v, i);
        dcd_buf_printf(b, "\" %zu", i);
    }
    dcd_buf_puts(b, ")\n");
}

/* 1 when V's values are evenly spaced (a range), so that cells can sit at
 * their values. */
static int evenly_spaced(const dcd_chart_axis *v)
{
    if (v->n < 2)
        return 0;
    double d = v->value[1] - v->value[0];
    if (d == 0)
        return 0;
    for (size_t i = 2; i < v->n; i++)
        if (fabs((v->value[i] - v->value[i - 1]) - d) > 1e-6 * fabs(d))
            return 0;
    return 1;
}

/* The range and tics of a heat-map axis: half a cell beyond the first and
 * last values (or indexes). */
static void put_cell_axis(dcd_buf *b, const char *axis, const dcd_chart_axis *v, int even)
{
    if (!even) {
        dcd_buf_printf(b, "set %srange [-0.5:%zu.5]\n", axis, v->n - 1);
        put_index_tics(b, axis, v);
        return;
    }
    dcd_buf unit = {0};
    double sc = axis_scale(v, &unit);
    dcd_buf_free(&unit);
    double lo = v->value[0] * sc, hi = v->value[v->n - 1] * sc;
    if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    double half = (hi - lo) / (double)(v->n - 1) / 2;
    dcd_buf_printf(b, "set %srange [%.17g:%.17g]\n", axis, lo - half, hi + half);
}

/* The curves chart: one curve per value of the first parameter. */
/* The Q-quantile (0..1) of the N sorted values V, interpolated. */
static double quantile(const double *v, size_t n, double q)
{
    double at = q * (double)(n - 1);
    size_t i = (size_t)at;
    return i + 1 < n ? v[i] + (at - (double)i) * (v[i + 1] - v[i]) : v[n - 1];
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Beyond DCD_SWEEP_MAX_CURVES values: the spread over every value, year by
 * year ($BAND: year, min, first quartile, median, third quartile, max),
 * and the curves of the first and last values ($DATA indexes 0 and 1). */
static void put_band(const dcd_sweep_chart *s, int xlo, int xhi, dcd_buf *out)
{
    const dcd_chart_axis *v0 = &s->axis[0];
    size_t n1 = v0->n;
    double *v = malloc(n1 * sizeof *v);
    if (!v) {
        out->failed = 1;
        return;
    }
    dcd_buf_printf(out, "$BAND << %s\n# year min q1 median q3 max, over the %zu values\n",
                   DATA_MARKER, n1);
    for (int year = xlo; year <= xhi; year++) {
        size_t k = 0;
        for (size_t i = 0; i < n1; i++) {
            double x = sweep_at(s, i, year);
            if (isfinite(x))
                v[k++] = x;
        }
        if (k == 0)
            continue;
        qsort(v, k, sizeof *v, cmp_double);
        dcd_buf_printf(out, "%d", year);
        const double qs[5] = {0, 0.25, 0.5, 0.75, 1};
        for (int q = 0; q < 5; q++) {
            dcd_buf_puts(out, " ");
            put_num(out, quantile(v, k, qs[q]));
        }
        dcd_buf_puts(out, "\n");
    }
    dcd_buf_printf(out, "%s\n", DATA_MARKER);
    free(v);
}

/* The curves chart: one curve per value of the first parameter, or the
 * spread over the values when there are more than DCD_SWEEP_MAX_CURVES. */
static void sweep_curves(const dcd_sweep_chart *s, double vlo, double vhi, const dcd_plot_opts *o,
                         dcd_chart_layout *l, dcd_buf *out)
{
    const dcd_chart_axis *v0 = &s->axis[0];
    size_t n1 = v0->n;
    int band = n1 > DCD_SWEEP_MAX_CURVES;
    /* One block per value (with a band: the first and last only),
     * separated by two blank lines (gnuplot's `index`): year, metric. */
    int xlo = s->start[0], xhi = s->start[0];
    for (size_t i = 0; i < n1; i++) {
        int e = s->start[i] + (int)(s->ny[i] ? s->ny[i] - 1 : 0);
        xlo = s->start[i] < xlo ? s->start[i] : xlo;
        xhi = e > xhi ? e : xhi;
    }
    dcd_buf_printf(out, "$DATA << %s\n", DATA_MARKER);
    for (size_t k = 0, n = band ? 2 : n1; k < n; k++) {
        size_t i = band && k == 1 ? n1 - 1 : k;
        dcd_buf_printf(out, "# %s\n", v0->text[i]);
        for (size_t t = 0; t < s->ny[i]; t++) {
            dcd_buf_printf(out, "%d ", s->start[i] + (int)t);
            put_num(out, s->y[i] ? s->y[i][t] : NAN);
            dcd_buf_puts(out, "\n");
        }
        if (k + 1 < n)
            dcd_buf_puts(out, "\n\n");
    }
    dcd_buf_printf(out, "%s\n\n", DATA_MARKER);
    if (band)
        put_band(s, xlo, xhi, out);
    /* The values as an array, for the colours and the legend. */
    dcd_buf_printf(out, "array dcd_v[%zu] = [", band ? (size_t)2 : n1);
    for (size_t k = 0, n = band ? 2 : n1; k < n; k++) {
        dcd_buf_puts(out, k ? ", " : "");
        put_axis_value(out, v0, band && k == 1 ? n1 - 1 : k);
    }
    dcd_buf_puts(out, "]\n\n");
    l->years = 1;
    l->xlo = xlo;
    l->xhi = xhi;
    l->pad_lo = l->pad_hi = xhi == xlo;
    /* "all 10000 values: lowest to highest", "target 1234.5" */
    put_frame(out, o, l, (band ? 5 : (int)n1) + s->has_target, band ? 36 : 20);
    /* Plasma, ending in a darker yellow that shows on white. */
    dcd_buf_puts(out, "set ylabel $TEXT[5] noenhanced\nset format y \"%g\"\n"
                      "set palette defined (0 \"#0D0887\", 1 \"#7E03A8\", 2 \"#CC4778\", "
                      "3 \"#F89540\", 4 \"#D4A200\")\n");
    if (vhi > vlo)
        dcd_buf_printf(out, "set cbrange [%.17g:%.17g]\n", vlo, vhi);
    else
        dcd_buf_printf(out, "set cbrange [%.17g:%.17g]\n", vlo - 1, vhi + 1);
    dcd_buf_puts(out, "unset colorbox\nset key title $TEXT[3] noenhanced left\n");
    dcd_buf_printf(out,
                   "set arrow 1 from %d, graph 0 to %d, graph 1 nohead dashtype (4,4) "
                   "linecolor rgb \"#888888\"\n",
                   s->year, s->year);
    if (s->has_target)
        dcd_buf_printf(out,
                       "set arrow 2 from graph 0, first %.12g to graph 1, first %.12g nohead "
                       "linewidth 2 dashtype (8,4) linecolor rgb \"#000000\" front\n",
                       s->target, s->target);
    dcd_buf_puts(out, "\n");
    if (band)
        dcd_buf_printf(out,
                       "plot $BAND using 1:2:6 with filledcurves fillcolor rgb \"#7E03A8\" "
                       "fillstyle transparent solid 0.15 noborder title \"all %zu values: "
                       "lowest to highest\", \\\n"
                       "     $BAND using 1:3:5 with filledcurves fillcolor rgb \"#7E03A8\" "
                       "fillstyle transparent solid 0.35 noborder title \"middle half "
                       "(quartiles)\", \\\n"
                       "     $BAND using 1:4 with lines linewidth 2.5 linecolor rgb \"#7E03A8\" "
                       "title \"median\", \\\n"
                       "     for [i=1:2] $DATA index (i-1) using 1:2 with lines linewidth 1.5 "
                       "linecolor palette cb dcd_v[i] title sprintf(\"%%g\", dcd_v[i])",
                       n1);
    else
        dcd_buf_printf(out,
                       "plot for [i=1:%zu] $DATA index (i-1) using 1:2 with lines linewidth 2 "
                       "linecolor palette cb dcd_v[i] title sprintf(\"%%g\", dcd_v[i])",
                       n1);
    if (s->has_target)
        dcd_buf_printf(out,
                       ", \\\n     keyentry with lines linewidth 2 dashtype (8,4) linecolor rgb "
                       "\"#000000\" title \"target %.10g\"",
                       s->target);
    dcd_buf_puts(out, "\n");
}

size_t dcd_sweep_crossings(const dcd_sweep_chart *s, double *x, double *y, size_t max)
{
    size_t k = 0;
    if (!s->has_target || s->naxis < 1)
        return 0;
    const dcd_chart_axis *v0 = &s->axis[0], *v1 = s->naxis > 1 ? &s->axis[1] : NULL;
    size_t rows = v1 ? v0->n : 1, n = v1 ? v1->n : v0->n;
    for (size_t r = 0; r < rows; r++)
        for (size_t j = 0; j + 1 < n && k < max; j++) {
            size_t p = v1 ? r * n + j : j;
            double a = sweep_at(s, p, s->year) - s->target,
                   b = sweep_at(s, p + 1, s->year) - s->target;
            const dcd_chart_axis *v = v1 ? v1 : v0;
            if (!isfinite(a) || !isfinite(b) || (a > 0) == (b > 0) || (a == 0 && j > 0))
                continue;
            double at = a == b ? 0 : a / (a - b);
            double xv = v->value[j] + at * (v->value[j + 1] - v->value[j]);
            x[k] = v1 ? v0->value[r] : xv;
            y[k] = v1 ? xv : s->target;
            k++;
        }
    return k;
}

/* The crossings of the target, as points ($CROSS, in the charts' units). */
static size_t put_crossings(const dcd_sweep_chart *s, dcd_buf *out)
{
    size_t maxc = s->naxis > 1 ? s->axis[0].n * s->axis[1].n : s->axis[0].n;
    double *x = malloc((maxc + 1) * sizeof *x), *y = malloc((maxc + 1) * sizeof *y);
    size_t k = x && y ? dcd_sweep_crossings(s, x, y, maxc) : 0;
    if (!x || !y)
        out->failed = 1;
    if (k == 0) {
        free(x);
        free(y);
        return 0;
    }
    dcd_buf unit = {0};
    double sx = axis_scale(&s->axis[0], &unit), sy = 1;
    dcd_buf_clear(&unit);
    if (s->naxis > 1)
        sy = axis_scale(&s->axis[1], &unit);
    dcd_buf_free(&unit);
    dcd_buf_printf(out, "$CROSS << %s\n# where the metric in %d crosses the target\n", DATA_MARKER,
                   s->year);
    for (size_t i = 0; i < k; i++)
        dcd_buf_printf(out, "%.10g %.10g\n", x[i] * sx, y[i] * sy);
    dcd_buf_printf(out, "%s\n\n", DATA_MARKER);
    free(x);
    free(y);
    return k;
}

/* The metric in the chosen year against the first parameter. */
static void sweep_year(const dcd_sweep_chart *s, const dcd_plot_opts *o, dcd_chart_layout *l,
                       dcd_buf *out)
{
    const dcd_chart_axis *v0 = &s->axis[0];
    size_t n1 = v0->n;
    dcd_buf_printf(out, "$DATA << %s\n", DATA_MARKER);
    for (size_t i = 0; i < n1; i++) {
        put_axis_value(out, v0, i);
        dcd_buf_puts(out, " ");
        put_num(out, sweep_at(s, i, s->year));
        dcd_buf_puts(out, "\n");
    }
    dcd_buf_printf(out, "%s\n\n", DATA_MARKER);
    put_frame(out, o, l, 0, 0);
    dcd_buf_puts(out, "set xlabel $TEXT[3] noenhanced\nset ylabel $TEXT[5] noenhanced\n"
                      "set format y \"%g\"\nset format x \"%g\"\n");
    dcd_buf_puts(out, "set autoscale xfix\nset offsets graph 0.04, graph 0.04, graph 0.06, "
                      "graph 0.06\n");
    size_t nc = put_crossings(s, out);
    if (s->has_target)
        dcd_buf_printf(out,
                       "set arrow 2 from graph 0, first %.12g to graph 1, first %.12g nohead "
                       "linewidth 2 dashtype (8,4) linecolor rgb \"#000000\" front\n",
                       s->target, s->target);
    dcd_buf_printf(out,
                   "\nplot $DATA using 1:2 with linespoints pointtype 7 pointsize 1.2*dcd_ps "
                   "linewidth 2.5 linecolor rgb \"%s\" notitle",
                   SWEEP_COLOUR);
    if (s->has_target)
        dcd_buf_printf(out,
                       ", \\\n     $DATA using 1:(%.12g) with lines linewidth 0 linecolor rgb "
                       "\"#FF000000\" notitle",
                       s->target);
    if (nc)
        dcd_buf_puts(out, ", \\\n     $CROSS using 1:2 with points pointtype 6 pointsize 2*dcd_ps "
                          "linewidth 2 linecolor rgb \"#000000\" notitle, \\\n"
                          "     $CROSS using 1:2:(sprintf(\"%g\", $1)) with labels offset 0,1.4 "
                          "font \"Sans,10\" notitle");
    dcd_buf_puts(out, "\n");
}

/* The heat map of two parameters. */
static void sweep_heatmap(const dcd_sweep_chart *s, const dcd_plot_opts *o, dcd_chart_layout *l,
                          dcd_buf *out)
{
    const dcd_chart_axis *v0 = &s->axis[0];
    size_t n1 = v0->n, n2 = s->axis[1].n;
    /* Evenly spaced values (ranges) are drawn at their values, with
     * gnuplot's round tics; others at their index, labelled with the
     * values. */
    const dcd_chart_axis *v1 = &s->axis[1];
    int even0 = evenly_spaced(v0), even1 = evenly_spaced(v1);
    dcd_buf_printf(out, "$DATA << %s\n", DATA_MARKER);
    for (size_t i = 0; i < n1; i++) {
        for (size_t j = 0; j < n2; j++) {
            if (even0)
                put_axis_value(out, v0, i);
            else
                dcd_buf_printf(out, "%zu", i);
            dcd_buf_puts(out, " ");
            if (even1)
                put_axis_value(out, v1, j);
            else
                dcd_buf_printf(out, "%zu", j);
            dcd_buf_puts(out, " ");
            put_num(out, sweep_at(s, i * n2 + j, s->year));
            dcd_buf_puts(out, "\n");
        }
        dcd_buf_puts(out, "\n");
    }
    dcd_buf_printf(out, "%s\n\n", DATA_MARKER);
    put_frame(out, o, l, 0, 0);
    dcd_buf_puts(out, "set xlabel $TEXT[3] noenhanced\nset ylabel $TEXT[4] noenhanced\n"
                      "set cblabel $TEXT[5] noenhanced\n"
                      "set grid noytics\nset tics out scale 0.6\nset rmargin at screen 0.84\n"
                      "set format x \"%g\"\nset format y \"%g\"\n"
                      "set palette defined (0 \"#0D0887\", 1 \"#7E03A8\", 2 \"#CC4778\", "
                      "3 \"#F89540\", 4 \"#F0F921\")\n");
    put_cell_axis(out, "x", v0, even0);
    put_cell_axis(out, "y", v1, even1);
    size_t nc = even0 && even1 ? put_crossings(s, out) : 0;
    dcd_buf_puts(out, "\nplot $DATA using 1:2:3 with image notitle");
    if (nc)
        dcd_buf_puts(
            out, ", \\\n     $CROSS using 1:2 with linespoints pointtype 7 pointsize 0.8*dcd_ps "
                 "linewidth 2.5 linecolor rgb \"#FFFFFF\" notitle");
    if (n1 * n2 <= 150 && n1 <= 15 && n2 <= 15) {
        /* Values in the cells: white on the dark end of the palette,
         * black on the light end. */
        double lo = INFINITY, hi = -INFINITY;
        for (size_t p = 0; p < n1 * n2; p++) {
            double x = sweep_at(s, p, s->year);
            if (!isnan(x)) {
                lo = x < lo ? x : lo;
                hi = x > hi ? x : hi;
            }
        }
        double light = isfinite(lo) ? lo + 0.62 * (hi - lo) : 0;
        dcd_buf_printf(out,
                       ", \\\n     $DATA using 1:2:(sprintf(\"%%.%df\", $3)):($3 > %.17g ? "
                       "0x000000 : 0xFFFFFF) with labels font \"Sans,%d\" textcolor rgb "
                       "variable notitle",
                       strcmp(dcd_total_info[s->metric].unit, "%") == 0 ? 2 : 1, light,
                       n1 * n2 <= 50 ? 11 : 9);
    }
    dcd_buf_puts(out, "\n");
}

int dcd_sweep_script(const dcd_sweep_chart *s, int which, const dcd_plot_opts *o, dcd_buf *out)
{
    if (which < 0 || which > 2 || s->naxis < 1 || s->naxis > 2 || (which == 2) != (s->naxis == 2))
        return DCD_EUSAGE;
    const dcd_chart_axis *v0 = &s->axis[0];
    size_t n1 = v0->n;
    static const char *const what[3] = {"a metric by year for each value of a parameter",
                                        "a metric in one year against a parameter",
                                        "a metric in one year over two parameters"};
    put_header(out, o, SWEEP_STEM[which], what[which]);
    dcd_chart_layout l = {0};
    sweep_layout(s, which, &l);
    dcd_buf unit = {0};
    double sc = axis_scale(v0, &unit);
    dcd_buf_free(&unit);
    double vlo = v0->value[0] * sc, vhi = v0->value[0] * sc;
    for (size_t i = 1; i < n1; i++) {
        vlo = v0->value[i] * sc < vlo ? v0->value[i] * sc : vlo;
        vhi = v0->value[i] * sc > vhi ? v0->value[i] * sc : vhi;
    }

    if (which == 0)
        sweep_curves(s, vlo, vhi, o, &l, out);
    else if (which == 1)
        sweep_year(s, o, &l, out);
    else
        sweep_heatmap(s, o, &l, out);
    dcd_chart_layout_free(&l);
    dcd_buf_puts(out, "\nunset output\n");
    return out->failed ? DCD_ENOMEM : DCD_OK;
}

int dcd_sweep_draw(const dcd_sweep_chart *s, const char *dir, const dcd_plot_opts *o, dcd_diags *d)
{
    dcd_plot_opts def;
    dcd_buf script[2];
    const char *stems[2], *drop[3];
    size_t n = 0, ndrop = 0;
    memset(script, 0, sizeof script);
    if (!o) {
        dcd_plot_opts_default(&def);
        o = &def;
    }
    int rc = DCD_OK;
    for (int which = 0; which < 3 && rc == DCD_OK; which++) {
        if ((which == 2) != (s->naxis == 2)) { /* the other kind of sweep's charts */
            drop[ndrop++] = SWEEP_STEM[which];
            continue;
        }
        stems[n] = SWEEP_STEM[which];
        rc = dcd_sweep_script(s, which, o, &script[n]);
        n++;
    }
    if (rc == DCD_OK)
        rc = dcd_chart_draw_scripts(dir, stems, script, n, drop, ndrop, o, d);
    for (size_t i = 0; i < 2; i++)
        dcd_buf_free(&script[i]);
    return rc;
}
