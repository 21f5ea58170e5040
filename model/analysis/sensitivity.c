/* sensitivity.c - tornado and Sobol indices of one output
 * (dcd_sensitivity.h; docs/uncertainty.md, "Sensitivity").
 *
 * Base row j of Saltelli's design is evaluated D + 2 times (dcd_sobol.h);
 * its outputs are Y[j (D + 2) + k].  Rows come in blocks of
 * DCD_SAMPLE_BLOCK whose 2D uniforms are drawn from stream (seed, block),
 * so a row's outputs do not depend on the thread or shard that computes it.
 * A shard keeps the outputs of its rows (hexadecimal doubles in its state),
 * and the merge estimates from the rows of all shards in order: the bytes of
 * one run.
 */
#include "dcd_sensitivity.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_chart_text.h"
#include "dcd_engine.h"
#include "dcd_format.h"
#include "dcd_schema.h"
#include "dcd_sens_charts.h"
#include "dcd_table.h"
#include "dcd_uncertain.h"

const char dcd_sens_state_magic[] = "dcdemand sensitivity shard 3\n";

#define NOFAIL ((size_t)-1)

struct dcd_sens {
    char name[65], checksum[65];
    int metric, year;
    size_t nbase, nboot;
    uint64_t seed;
    double conf;
    size_t shard, nshards, first_block, nblocks;
    size_t d;
    char **inputs;
    int had_corr;
    double base;
    dcd_tornado_bar *bars;
    double *y; /* nrows x (d + 2), rows from row0 */
    size_t row0, nrows;
    dcd_sobol_index *ix; /* whole run only */
    size_t *rank;
    char *title, *footer; /* the charts' title and sources footer ("" for none) */
    char **names;         /* d names of the inputs on the charts ("AI: growth (scale)");
                           * NULL (a shard state without them): the paths */
};

void dcd_sens_free(dcd_sens *s)
{
    if (!s)
        return;
    for (size_t k = 0; s->inputs && k < s->d; k++)
        free(s->inputs[k]);
    free(s->inputs);
    free(s->bars);
    free(s->y);
    free(s->ix);
    free(s->rank);
    free(s->title);
    free(s->footer);
    for (size_t k = 0; s->names && k < s->d; k++)
        free(s->names[k]);
    free(s->names);
    free(s);
}

const char *dcd_sens_name(const dcd_sens *s)
{
    return s->name;
}
int dcd_sens_metric(const dcd_sens *s)
{
    return s->metric;
}
int dcd_sens_year(const dcd_sens *s)
{
    return s->year;
}
int dcd_sens_is_shard(const dcd_sens *s)
{
    return s->nshards > 0;
}
int dcd_sens_had_corr(const dcd_sens *s)
{
    return s->had_corr;
}
void dcd_sens_shard_file(const dcd_sens *s, char *out, size_t cap)
{
    snprintf(out, cap, "sens-shard-%zu-of-%zu.txt", s->shard, s->nshards);
}
size_t dcd_sens_dim(const dcd_sens *s)
{
    return s->d;
}
const char *dcd_sens_input(const dcd_sens *s, size_t k)
{
    return s->inputs[k];
}
double dcd_sens_base_value(const dcd_sens *s)
{
    return s->base;
}
const dcd_tornado_bar *dcd_sens_tornado(const dcd_sens *s)
{
    return s->bars;
}
const dcd_sobol_index *dcd_sens_indices(const dcd_sens *s)
{
    return s->ix;
}
const size_t *dcd_sens_rank(const dcd_sens *s)
{
    return s->rank;
}

static char *dup_str(const char *p, size_t n)
{
    char *c = malloc(n + 1);
    if (c) {
        memcpy(c, p, n);
        c[n] = '\0';
    }
    return c;
}

/* The arrays sized by S->d (inputs, bars). */
static int alloc_dim(dcd_sens *s)
{
    s->inputs = calloc(s->d, sizeof *s->inputs);
    s->bars = calloc(s->d, sizeof *s->bars);
    return s->inputs && s->bars ? DCD_OK : DCD_ENOMEM;
}

/* Estimates the indices of a whole run from its outputs. */
static int estimate(dcd_sens *s, const char *where, dcd_diags *d)
{
    s->ix = calloc(s->d, sizeof *s->ix);
    s->rank = calloc(s->d, sizeof *s->rank);
    if (!s->ix || !s->rank)
        return DCD_ENOMEM;
    int st = dcd_sobol_estimate(s->y, s->nbase, s->d, s->nboot, s->conf, s->seed, s->ix);
    if (st == DCD_EMODEL)
        dcd_diags_add(d, where, 0, 0,
                      "%s in %d does not vary with the uncertain inputs: no Sobol indices",
                      dcd_total_info[s->metric].name, s->year);
    if (st == DCD_OK)
        dcd_sobol_rank(s->ix, s->d, s->rank);
    return st;
}

/* ---- the run -------------------------------------------------------------- */

typedef struct tws {
    dcd_umodel_ws *ws;
    gsl_rng *rng;
    double *u, *pt, *x; /* x: DCD_LANES points of d inputs */
    int *status;        /* DCD_LANES */
    size_t fail_row, fail_k;
    double *fail_x;
    dcd_diags diags;
} tws;

typedef struct run {
    dcd_sens *s;
    const dcd_umodel *m;
    const dcd_sampler *smp;
    tws *t;
    const dcd_sens_opts *o;
} run;

static void run_progress(void *ctx, size_t done, size_t total)
{
    const run *r = ctx;
    r->o->progress(r->o->progress_ctx, done, total);
}

/* Evaluates the K points of T->x (rows of d) at once into Y[at[l]]; at the
 * first failure (in the design's order) records it and returns DCD_EMODEL. */
static int eval_points(const run *r, tws *t, size_t k, double *y, const size_t *at,
                       const size_t *rows, const size_t *ks)
{
    size_t d = r->s->d;
    int first = t->fail_row == NOFAIL;
    int st = dcd_umodel_eval_lanes(r->m, t->ws, t->x, k, t->status, first ? &t->diags : NULL);
    const double *const *cells = dcd_umodel_lane_cells(r->m, t->ws);
    if (st == DCD_OK && !cells)
        st = DCD_ENOMEM;
    if (st != DCD_OK)
        return st;
    for (size_t l = 0; l < k; l++) {
        if (t->status[l] != DCD_OK) {
            if (first) {
                t->fail_row = rows[l];
                t->fail_k = ks[l];
                memcpy(t->fail_x, t->x + l * d, d * sizeof *t->x);
            }
            return DCD_EMODEL;
        }
        y[at[l]] = cells[0][l];
    }
    return DCD_OK;
}

/* Block B of the Saltelli design: its points DCD_LANES at a time. */
static int one_block(void *ctx, unsigned thread, size_t b)
{
    run *r = ctx;
    tws *t = &r->t[thread];
    dcd_sens *s = r->s;
    size_t d = s->d, w = d + 2;
    const dcd_dist *dists = dcd_umodel_dists(r->m);
    size_t n = dcd_sampler_block(r->smp, b, t->rng, t->u);
    size_t at[DCD_LANES], rows[DCD_LANES], ks[DCD_LANES], k = 0;
    double *y = s->y + (b * DCD_SAMPLE_BLOCK - s->row0) * w;
    for (size_t i = 0; i < n; i++)
        for (size_t e = 0; e < w; e++) {
            dcd_saltelli_point(t->u + i * 2 * d, d, e, t->pt);
            for (size_t j = 0; j < d; j++)
                t->x[k * d + j] = dcd_dist_quantile(&dists[j], t->pt[j]);
            at[k] = i * w + e;
            rows[k] = b * DCD_SAMPLE_BLOCK + i;
            ks[k] = e;
            if (++k == DCD_LANES) {
                int st = eval_points(r, t, k, y, at, rows, ks);
                if (st != DCD_OK)
                    return st;
                k = 0;
            }
        }
    return k ? eval_points(r, t, k, y, at, rows, ks) : DCD_OK;
}

/* The failure of the lowest failing evaluation, as a message in D. */
static void report_failure(const run *r, unsigned nt, const char *where, dcd_diags *d)
{
    const tws *f = NULL;
    for (unsigned i = 0; i < nt; i++) {
        const tws *t = &r->t[i];
        if (t->fail_row != NOFAIL && (!f || t->fail_row < f->fail_row ||
                                      (t->fail_row == f->fail_row && t->fail_k < f->fail_k)))
            f = t;
    }
    if (!f) {
        dcd_diags_add(d, where, 0, 0, "an evaluation failed");
        return;
    }
    dcd_buf b = {0};
    for (size_t j = 0; j < r->s->d; j++) {
        dcd_buf_printf(&b, "%s%s = ", j ? ", " : "", r->s->inputs[j]);
        dcd_fmt_num(&b, f->fail_x[j], DCD_NUM_SHORT, 0, DCD_OUT_TERM);
    }
    dcd_diags_add(d, where, 0, 0,
                  "base row %zu, evaluation %zu of the Sobol design cannot be projected (%s): "
                  "%s; Sobol indices need every evaluation: narrow the ranges",
                  f->fail_row + 1, f->fail_k + 1, dcd_buf_str(&b),
                  f->diags.n ? f->diags.items[0].message : "the projection failed");
    dcd_buf_free(&b);
}

typedef struct tctx {
    const dcd_umodel *m;
    dcd_umodel_ws *ws;
} tctx;

static int tornado_eval(void *ctx, const double *x, double *y)
{
    tctx *c = ctx;
    return dcd_umodel_eval(c->m, c->ws, x, y) != DCD_OK;
}

/* The tornado of S with the workspace WS. */
static int tornado(dcd_sens *s, const dcd_umodel *m, dcd_umodel_ws *ws, const char *where,
                   dcd_diags *d)
{
    double *x = malloc(s->d * sizeof *x);
    if (!x)
        return DCD_ENOMEM;
    tctx c = {m, ws};
    double y = NAN;
    memcpy(x, dcd_umodel_medians(m), s->d * sizeof *x);
    if (dcd_umodel_eval(m, ws, x, &y) == DCD_OK && !isfinite(y)) {
        dcd_diags_add(d, NULL, 0, 0, "--metric %s: the scenario gives it no value in %d",
                      dcd_total_info[s->metric].name, s->year);
        free(x);
        return DCD_EUSAGE;
    }
    int st =
        dcd_tornado(dcd_umodel_dists(m), s->d, 0.1, 0.9, tornado_eval, &c, x, &s->base, s->bars);
    if (st == DCD_EMODEL)
        dcd_diags_add(d, where, 0, 0,
                      "the tornado cannot project the scenario with %s at its P10 or P90 (the "
                      "others at their medians): narrow its range",
                      s->inputs[s->bars[0].input]);
    free(x);
    return st;
}

/* The charts' title (the scenario's title or name) and footer ("Sources:
 * A; B", empty when it names none). */
static int chart_text(dcd_sens *s, const dcd_scenario *sc)
{
    dcd_buf f = {0};
    const char *t = sc->title && *sc->title ? sc->title : sc->name ? sc->name : "";
    if (sc->nsources)
        dcd_buf_puts(&f, sc->nsources == 1 ? "Source: " : "Sources: ");
    for (size_t i = 0; i < sc->nsources; i++)
        dcd_buf_printf(&f, "%s%s", i ? "; " : "", sc->sources[i] ? sc->sources[i] : "");
    s->title = dup_str(t, strlen(t));
    s->footer = dup_str(dcd_buf_str(&f), f.len);
    int bad = f.failed;
    dcd_buf_free(&f);
    return bad || !s->title || !s->footer ? DCD_ENOMEM : DCD_OK;
}

/* Fills S's configuration from SC and O; DCD_EUSAGE with a message. */
static int configure(dcd_sens *s, const dcd_scenario *sc, const dcd_sens_opts *o, dcd_diags *d)
{
    dcd_scenario_safe_name(sc, s->name);
    if (chart_text(s, sc) != DCD_OK)
        return DCD_ENOMEM;
    memcpy(s->checksum, sc->checksum_hex, sizeof s->checksum);
    int end = sc->start + (int)dcd_scenario_years(sc) - 1;
    s->metric = o->metric;
    s->year = o->year ? o->year : (2030 >= sc->start && 2030 <= end ? 2030 : end);
    s->nbase = o->nbase;
    s->nboot = o->nboot;
    s->seed = o->seed;
    s->conf = o->conf;
    s->shard = o->shard;
    s->nshards = o->nshards;
    if (o->metric < 0 || o->metric >= DCD_NTOTAL) {
        dcd_diags_add(d, NULL, 0, 0, "--metric: not a total metric");
        return DCD_EUSAGE;
    }
    if (s->year < sc->start || s->year > end) {
        dcd_diags_add(d, NULL, 0, 0, "--year %d: outside the scenario's years %d-%d", s->year,
                      sc->start, end);
        return DCD_EUSAGE;
    }
    if (o->nbase < 2 || o->nbase > DCD_SENS_MAX_BASE || o->nboot > DCD_SENS_MAX_BOOT ||
        !(o->conf > 0 && o->conf < 1) || (o->nshards && (o->shard < 1 || o->shard > o->nshards))) {
        dcd_diags_add(d, NULL, 0, 0, "bad sizes");
        return DCD_EUSAGE;
    }
    return DCD_OK;
}

/* The name of input IN on the charts (dcd_chart_input_name): its
 * segment's label and how its draw applies ("AI: growth (scale)"), or its
 * unit when the draw is the value itself. */
static char *input_name(const dcd_uncertain *in, const dcd_scenario *sc)
{
    dcd_buf b = {0}, suffix = {0};
    const dcd_key_info *k = dcd_schema_lookup(in->path);
    const char *last = strrchr(in->path, '.');
    int point = last && last[1] >= '0' && last[1] <= '9';
    dcd_draw_apply a = in->apply;
    if (a == DCD_DRAW_DEFAULT)
        a = k && k->type == DCD_KEY_SERIES && !point ? DCD_DRAW_SCALE : DCD_DRAW_VALUE;
    if (a == DCD_DRAW_SCALE || a == DCD_DRAW_SHIFT)
        dcd_buf_puts(&suffix, a == DCD_DRAW_SCALE ? "scale" : "shift");
    else
        dcd_chart_input_unit(&suffix, in->path);
    dcd_chart_input_name(&b, in->path, sc, dcd_buf_str(&suffix));
    int bad = suffix.failed || b.failed;
    dcd_buf_free(&suffix);
    if (bad) {
        dcd_buf_free(&b);
        return NULL;
    }
    return b.data ? b.data : dup_str("", 0);
}

/* The model, its inputs and the output cell. */
static int build_model(dcd_sens *s, const dcd_scenario *sc, dcd_umodel **m, dcd_diags *d)
{
    int st = dcd_umodel_new(sc, DCD_TOTAL_BIT(s->metric), m, d);
    if (st != DCD_OK)
        return st;
    dcd_ucell cell = {s->metric, (size_t)(s->year - sc->start)};
    if ((st = dcd_umodel_cells(*m, &cell, 1)) != DCD_OK)
        return st;
    const dcd_uncertainty *u = dcd_umodel_spec(*m);
    s->d = u->n;
    s->had_corr = dcd_umodel_corr(*m) != NULL;
    if ((st = alloc_dim(s)) != DCD_OK)
        return st;
    if (!(s->names = calloc(s->d, sizeof *s->names)))
        return DCD_ENOMEM;
    for (size_t k = 0; k < s->d; k++)
        if (!(s->inputs[k] = dup_str(u->inputs[k].path, strlen(u->inputs[k].path))) ||
            !(s->names[k] = input_name(&u->inputs[k], sc)))
            return DCD_ENOMEM;
    return DCD_OK;
}

static int alloc_threads(run *r, unsigned nt)
{
    size_t d = r->s->d;
    for (unsigned i = 0; i < nt; i++) {
        tws *t = &r->t[i];
        t->fail_row = NOFAIL;
        t->ws = dcd_umodel_ws_alloc(r->m);
        t->rng = gsl_rng_alloc(dcd_rng_type());
        t->u = malloc(DCD_SAMPLE_BLOCK * 2 * d * sizeof *t->u);
        t->pt = malloc(d * sizeof *t->pt);
        t->x = malloc(DCD_LANES * d * sizeof *t->x);
        t->status = malloc(DCD_LANES * sizeof *t->status);
        t->fail_x = malloc(d * sizeof *t->fail_x);
        if (!t->ws || !t->rng || !t->u || !t->pt || !t->x || !t->status || !t->fail_x)
            return DCD_ENOMEM;
    }
    return DCD_OK;
}

static void free_threads(run *r, unsigned nt)
{
    for (unsigned i = 0; r->t && i < nt; i++) {
        tws *t = &r->t[i];
        dcd_umodel_ws_free(t->ws);
        if (t->rng)
            gsl_rng_free(t->rng);
        free(t->u);
        free(t->pt);
        free(t->x);
        free(t->status);
        free(t->fail_x);
        dcd_diags_free(&t->diags);
    }
    free(r->t);
}

int dcd_sens_run(const dcd_scenario *sc, const dcd_sens_opts *o, dcd_sens **out, dcd_diags *d)
{
    *out = NULL;
    dcd_sens *s = calloc(1, sizeof *s);
    dcd_umodel *m = NULL;
    dcd_sampler *smp = NULL;
    unsigned nt = o->threads ? o->threads : dcd_default_threads();
    run r = {0};
    int st = DCD_ENOMEM;
    if (!s || !(r.t = calloc(nt, sizeof *r.t)))
        goto done;
    if ((st = configure(s, sc, o, d)) != DCD_OK || (st = build_model(s, sc, &m, d)) != DCD_OK)
        goto done;
    size_t nb = dcd_sample_nblocks(s->nbase);
    if (s->nshards)
        dcd_shard_blocks(nb, s->shard - 1, s->nshards, &s->first_block, &s->nblocks);
    else
        s->nblocks = nb;
    s->row0 = s->first_block * DCD_SAMPLE_BLOCK; /* an empty shard: clamped */
    if (s->row0 > s->nbase)
        s->row0 = s->nbase;
    s->nrows = 0;
    for (size_t b = s->first_block; b < s->first_block + s->nblocks; b++)
        s->nrows += dcd_sample_block_size(s->nbase, b);
    if (!(s->y = malloc((s->nrows ? s->nrows : 1) * (s->d + 2) * sizeof *s->y))) {
        st = DCD_ENOMEM;
        goto done;
    }
    r.s = s;
    r.m = m;
    r.o = o;
    unsigned used = s->nblocks < nt ? (unsigned)(s->nblocks ? s->nblocks : 1) : nt;
    if ((st = alloc_threads(&r, used)) != DCD_OK)
        goto done;
    if ((st = tornado(s, m, r.t[0].ws, sc->path, d)) != DCD_OK)
        goto done;
    if (s->nblocks) {
        if (!(smp = dcd_sampler_alloc(DCD_SAMPLING_RANDOM, s->seed, s->nbase, 2 * s->d,
                                      s->first_block, s->nblocks, &st)))
            goto done;
        r.smp = smp;
        st = dcd_parallel_blocks(s->first_block, s->nblocks, used, one_block, &r,
                                 o->progress ? run_progress : NULL);
        if (st == DCD_EMODEL)
            report_failure(&r, used, sc->path, d);
        if (st != DCD_OK)
            goto done;
    }
    if (!s->nshards && (st = estimate(s, sc->path, d)) != DCD_OK)
        goto done;
    *out = s;
    s = NULL;
done:
    free_threads(&r, nt);
    dcd_sampler_free(smp);
    dcd_umodel_free(m);
    dcd_sens_free(s);
    return st;
}

/* ---- files ---------------------------------------------------------------- */

static void csv_num(dcd_buf *b, double x)
{
    dcd_buf_puts(b, ",");
    dcd_fmt_num(b, x, DCD_NUM_SHORT, 0, DCD_OUT_CSV);
}

int dcd_sens_format_tornado(const dcd_sens *s, dcd_buf *out)
{
    dcd_buf_puts(out, "input,low_value,high_value,metric_low,metric_high,swing,metric_base\n");
    for (size_t i = 0; i < s->d; i++) {
        const dcd_tornado_bar *t = &s->bars[i];
        dcd_csv_field(out, s->inputs[t->input]);
        csv_num(out, t->x_lo);
        csv_num(out, t->x_hi);
        csv_num(out, t->y_lo);
        csv_num(out, t->y_hi);
        csv_num(out, t->swing);
        csv_num(out, s->base);
        dcd_buf_puts(out, "\n");
    }
    return out->failed ? DCD_ENOMEM : DCD_OK;
}

int dcd_sens_format_sobol(const dcd_sens *s, dcd_buf *out)
{
    if (!s->ix)
        return DCD_EUSAGE;
    dcd_buf_puts(out, "input,first_order,first_order_lo,first_order_hi,total,total_lo,total_hi\n");
    for (size_t i = 0; i < s->d; i++) {
        const dcd_sobol_index *x = &s->ix[s->rank[i]];
        dcd_csv_field(out, s->inputs[s->rank[i]]);
        csv_num(out, x->first);
        csv_num(out, x->first_lo);
        csv_num(out, x->first_hi);
        csv_num(out, x->total);
        csv_num(out, x->total_lo);
        csv_num(out, x->total_hi);
        dcd_buf_puts(out, "\n");
    }
    return out->failed ? DCD_ENOMEM : DCD_OK;
}

/* Swing of input K in the tornado. */
static double swing_of(const dcd_sens *s, size_t k)
{
    for (size_t i = 0; i < s->d; i++)
        if (s->bars[i].input == k)
            return s->bars[i].swing;
    return NAN;
}

/* "[lo, hi]" with 2 decimals. */
static void interval(dcd_buf *b, double lo, double hi)
{
    dcd_buf_puts(b, "[");
    dcd_fmt_num(b, lo, DCD_NUM_FIXED, 2, DCD_OUT_TERM);
    dcd_buf_puts(b, ", ");
    dcd_fmt_num(b, hi, DCD_NUM_FIXED, 2, DCD_OUT_TERM);
    dcd_buf_puts(b, "]");
}

int dcd_sens_format_summary(const dcd_sens *s, dcd_buf *out)
{
    if (!s->ix)
        return DCD_EUSAGE;
    double all = 0, top = 0;
    for (size_t i = 0; i < s->d; i++)
        all += s->ix[i].first > 0 ? s->ix[i].first : 0;
    size_t k = 0;
    while (k < s->d && (k == 0 || top < 0.8 * all)) {
        double f = s->ix[s->rank[k]].first;
        top += f > 0 ? f : 0;
        k++;
    }
    for (size_t i = 0; i < k; i++)
        dcd_buf_printf(out, "%s%s",
                       i == 0       ? ""
                       : i + 1 == k ? " and "
                                    : ", ",
                       s->inputs[s->rank[i]]);
    dcd_buf_printf(out,
                   " %s %.0f%% of the variance of %s in %d (first-order Sobol indices; all "
                   "%zu input%s: %.0f%%)\n",
                   k == 1 ? "explains" : "explain", 100 * top, dcd_total_info[s->metric].name,
                   s->year, s->d, s->d == 1 ? "" : "s", 100 * all);
    return out->failed ? DCD_ENOMEM : DCD_OK;
}

int dcd_sens_format_text(const dcd_sens *s, dcd_buf *out)
{
    static const dcd_table_col cols[] = {
        {"rank", 1, 4},  {"input", 0, 5},    {"first_order", 1, 11},  {"interval", 0, 8},
        {"total", 1, 5}, {"interval", 0, 8}, {"swing_p10_p90", 1, 13}};
    if (!s->ix)
        return DCD_EUSAGE;
    dcd_buf_printf(out,
                   "%s: %s in %d, %zu base rows x %zu evaluations, seed %llu, %zu "
                   "bootstrap resamples, %g%% intervals\n",
                   s->name, dcd_total_info[s->metric].name, s->year, s->nbase, s->d + 2,
                   (unsigned long long)s->seed, s->nboot, 100 * s->conf);
    dcd_table t;
    dcd_table_init(&t, cols, 7);
    for (size_t i = 0; i < s->d; i++) {
        const dcd_sobol_index *x = &s->ix[s->rank[i]];
        dcd_buf iv = {0}, tv = {0};
        interval(&iv, x->first_lo, x->first_hi);
        interval(&tv, x->total_lo, x->total_hi);
        dcd_table_int(&t, (long)(i + 1));
        dcd_table_text(&t, s->inputs[s->rank[i]]);
        dcd_table_num(&t, x->first, DCD_NUM_FIXED, 2);
        dcd_table_text(&t, dcd_buf_str(&iv));
        dcd_table_num(&t, x->total, DCD_NUM_FIXED, 2);
        dcd_table_text(&t, dcd_buf_str(&tv));
        dcd_table_num(&t, swing_of(s, s->rank[i]), DCD_NUM_FIXED, 3);
        dcd_buf_free(&iv);
        dcd_buf_free(&tv);
    }
    int rc = dcd_table_write(&t, DCD_OUT_TERM, NULL, out);
    dcd_table_free(&t);
    if (rc)
        return DCD_ENOMEM;
    return dcd_sens_format_summary(s, out);
}

/* ---- shards --------------------------------------------------------------- */

int dcd_sens_save(const dcd_sens *s, dcd_buf *out)
{
    size_t w = s->d + 2;
    dcd_buf_puts(out, dcd_sens_state_magic);
    dcd_buf_printf(out, "name %s\nchecksum %s\nmetric %d\nyear %d\nbase_rows %zu\nseed %llu\n",
                   s->name, s->checksum, s->metric, s->year, s->nbase, (unsigned long long)s->seed);
    dcd_buf_printf(out, "bootstrap %zu\nconfidence %a\nshard %zu %zu\ncorr %d\ninputs %zu\n",
                   s->nboot, s->conf, s->shard, s->nshards, s->had_corr, s->d);
    for (size_t k = 0; k < s->d; k++)
        dcd_buf_printf(out, "input %zu\n%s\n", strlen(s->inputs[k]), s->inputs[k]);
    dcd_buf_printf(out, "title %zu\n%s\n", strlen(s->title), s->title);
    dcd_buf_printf(out, "footer %zu\n%s\n", strlen(s->footer), s->footer);
    for (size_t k = 0; s->names && k < s->d; k++)
        dcd_buf_printf(out, "name %zu\n%s\n", strlen(s->names[k]), s->names[k]);
    dcd_buf_printf(out, "base %a\n", s->base);
    for (size_t k = 0; k < s->d; k++) {
        const dcd_tornado_bar *t = &s->bars[k];
        dcd_buf_printf(out, "bar %zu %a %a %a %a %a\n", t->input, t->x_lo, t->x_hi, t->y_lo,
                       t->y_hi, t->swing);
    }
    dcd_buf_printf(out, "rows %zu %zu\n", s->row0, s->nrows);
    for (size_t i = 0; i < s->nrows; i++)
        for (size_t k = 0; k < w; k++)
            dcd_buf_printf(out, "%a%s", s->y[i * w + k], k + 1 == w ? "\n" : " ");
    dcd_buf_puts(out, "end\n");
    return out->failed ? DCD_ENOMEM : DCD_OK;
}

/* A double from *P (hexadecimal or decimal), finite; advances *P. */
static int read_num(const char **p, double *x)
{
    char *e;
    *x = strtod(*p, &e);
    if (e == *p || !isfinite(*x))
        return -1;
    *p = e;
    return 0;
}

static int read_header(dcd_cursor *c, dcd_sens *s)
{
    char line[512];
    unsigned long long seed;
    int ok = dcd_cursor_line(c, line, sizeof line) == 0 &&
             strncmp(line, dcd_sens_state_magic, strlen(dcd_sens_state_magic) - 1) == 0 &&
             line[strlen(dcd_sens_state_magic) - 1] == '\0';
    ok = ok && !dcd_cursor_line(c, line, sizeof line) && sscanf(line, "name %64s", s->name) == 1;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) &&
         sscanf(line, "checksum %64s", s->checksum) == 1;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) && sscanf(line, "metric %d", &s->metric) == 1;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) && sscanf(line, "year %d", &s->year) == 1;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) &&
         sscanf(line, "base_rows %zu", &s->nbase) == 1;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) && sscanf(line, "seed %llu", &seed) == 1;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) &&
         sscanf(line, "bootstrap %zu", &s->nboot) == 1;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) &&
         sscanf(line, "confidence %la", &s->conf) == 1;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) &&
         sscanf(line, "shard %zu %zu", &s->shard, &s->nshards) == 2;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) && sscanf(line, "corr %d", &s->had_corr) == 1;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) && sscanf(line, "inputs %zu", &s->d) == 1;
    if (!ok || s->metric < 0 || s->metric >= DCD_NTOTAL || s->year < 1900 || s->year > 2200 ||
        s->nbase < 2 || s->nbase > DCD_SENS_MAX_BASE || s->nboot > DCD_SENS_MAX_BOOT ||
        !(s->conf > 0 && s->conf < 1) || s->nshards < 1 || s->shard < 1 || s->shard > s->nshards ||
        s->d < 1 || s->d > 10000 || (s->had_corr & ~1))
        return -1;
    s->seed = seed;
    return 0;
}

/* The inputs, the tornado and the rows. */
static int read_body(dcd_cursor *c, dcd_sens *s)
{
    char line[512];
    size_t w = s->d + 2, len;
    if (alloc_dim(s) != DCD_OK)
        return DCD_ENOMEM;
    for (size_t k = 0; k < s->d; k++) {
        if (dcd_cursor_line(c, line, sizeof line) || sscanf(line, "input %zu", &len) != 1 ||
            len >= (size_t)(c->end - c->p) || c->p[len] != '\n')
            return DCD_EINPUT;
        if (!(s->inputs[k] = dup_str(c->p, len)))
            return DCD_ENOMEM;
        c->p += len + 1;
    }
    for (int k = 0; k < 2; k++) {
        if (dcd_cursor_line(c, line, sizeof line) ||
            sscanf(line, k ? "footer %zu" : "title %zu", &len) != 1 ||
            len >= (size_t)(c->end - c->p) || c->p[len] != '\n')
            return DCD_EINPUT;
        if (!(*(k ? &s->footer : &s->title) = dup_str(c->p, len)))
            return DCD_ENOMEM;
        c->p += len + 1;
    }
    /* The inputs' names on the charts (not in states of older versions). */
    for (size_t k = 0; k < s->d; k++) {
        dcd_cursor at = *c;
        if (dcd_cursor_line(c, line, sizeof line) || sscanf(line, "name %zu", &len) != 1) {
            if (k)
                return DCD_EINPUT;
            *c = at;
            break;
        }
        if (len >= (size_t)(c->end - c->p) || c->p[len] != '\n')
            return DCD_EINPUT;
        if (!s->names && !(s->names = calloc(s->d, sizeof *s->names)))
            return DCD_ENOMEM;
        if (!(s->names[k] = dup_str(c->p, len)))
            return DCD_ENOMEM;
        c->p += len + 1;
    }
    if (dcd_cursor_line(c, line, sizeof line) || sscanf(line, "base %la", &s->base) != 1)
        return DCD_EINPUT;
    for (size_t k = 0; k < s->d; k++) {
        dcd_tornado_bar *t = &s->bars[k];
        if (dcd_cursor_line(c, line, sizeof line) ||
            sscanf(line, "bar %zu %la %la %la %la %la", &t->input, &t->x_lo, &t->x_hi, &t->y_lo,
                   &t->y_hi, &t->swing) != 6 ||
            t->input >= s->d)
            return DCD_EINPUT;
    }
    if (dcd_cursor_line(c, line, sizeof line) ||
        sscanf(line, "rows %zu %zu", &s->row0, &s->nrows) != 2 || s->nrows > s->nbase ||
        s->row0 > s->nbase - s->nrows)
        return DCD_EINPUT;
    if (!(s->y = malloc((s->nrows ? s->nrows : 1) * w * sizeof *s->y)))
        return DCD_ENOMEM;
    for (size_t i = 0; i < s->nrows * w; i++) {
        while (c->p < c->end && (*c->p == ' ' || *c->p == '\n'))
            c->p++;
        const char *p = c->p;
        char *nl = memchr(p, '\n', (size_t)(c->end - p));
        if (!nl || read_num(&p, &s->y[i]) || p > nl)
            return DCD_EINPUT;
        c->p = p;
    }
    if (c->p < c->end && *c->p == '\n')
        c->p++;
    return (size_t)(c->end - c->p) == 4 && memcmp(c->p, "end\n", 4) == 0 ? DCD_OK : DCD_EINPUT;
}

int dcd_sens_load(const char *file, const char *text, size_t len, dcd_sens **out, dcd_diags *d)
{
    *out = NULL;
    dcd_sens *s = calloc(1, sizeof *s);
    if (!s)
        return DCD_ENOMEM;
    dcd_cursor c = {text, text + len};
    int st = read_header(&c, s) == 0 ? read_body(&c, s) : DCD_EINPUT;
    if (st == DCD_OK) {
        *out = s;
        return DCD_OK;
    }
    if (st == DCD_EINPUT)
        dcd_diags_add(d, file, 0, 0,
                      "not a shard state written by `dcdemand sensitivity --shard` (or truncated)");
    dcd_sens_free(s);
    return st;
}

/* 1 when A and B are shards of one run (same configuration and tornado). */
static int same_run(const dcd_sens *a, const dcd_sens *b)
{
    if (strcmp(a->name, b->name) || strcmp(a->checksum, b->checksum) || a->metric != b->metric ||
        a->year != b->year || a->nbase != b->nbase || a->seed != b->seed || a->nboot != b->nboot ||
        memcmp(&a->conf, &b->conf, sizeof a->conf) || a->nshards != b->nshards || a->d != b->d ||
        a->had_corr != b->had_corr || memcmp(&a->base, &b->base, sizeof a->base))
        return 0;
    for (size_t k = 0; k < a->d; k++)
        if (strcmp(a->inputs[k], b->inputs[k]) ||
            memcmp(&a->bars[k], &b->bars[k], sizeof a->bars[k]))
            return 0;
    return 1;
}

/* The index of the shard *ELEM points to (for dcd_shards_order()). */
static size_t shard_index(const void *elem)
{
    return (*(dcd_sens *const *)elem)->shard;
}

/* Checks that SHARDS are the N shards of one run, sorts them by index and
 * checks that their rows follow each other. */
static int check_shards(dcd_sens **shards, const char *const *files, size_t n, dcd_diags *d)
{
    for (size_t i = 0; i < n; i++)
        if (!same_run(shards[0], shards[i])) {
            dcd_diags_add(d, files[i], 0, 0,
                          "not a shard of the same run as %s (scenario, --set, metric, year, "
                          "base rows, seed, bootstrap, confidence and shard count must agree)",
                          files[0]);
            return DCD_EINPUT;
        }
    int rc = dcd_shards_order(shards, sizeof *shards, n, shards[0]->nshards, shard_index, d);
    if (rc != DCD_OK)
        return rc;
    size_t next = 0;
    for (size_t i = 0; i < n; i++) {
        if (shards[i]->nrows && shards[i]->row0 != next) {
            dcd_diags_add(d, files[i], 0, 0, "the shard's rows do not fit the run");
            return DCD_EINPUT;
        }
        next += shards[i]->nrows;
    }
    if (next != shards[0]->nbase) {
        dcd_diags_add(d, NULL, 0, 0, "the shards do not cover every base row of the run");
        return DCD_EINPUT;
    }
    return DCD_OK;
}

int dcd_sens_merge(dcd_sens **shards, const char *const *files, size_t n, dcd_sens **out,
                   dcd_diags *d)
{
    *out = NULL;
    if (n == 0)
        return DCD_EUSAGE;
    int st = check_shards(shards, files, n, d);
    if (st != DCD_OK)
        return st;
    const dcd_sens *a = shards[0];
    size_t w = a->d + 2;
    dcd_sens *s = calloc(1, sizeof *s);
    if (!s)
        return DCD_ENOMEM;
    *s = *a;
    s->inputs = NULL;
    s->bars = NULL;
    s->y = NULL;
    s->ix = NULL;
    s->rank = NULL;
    s->title = dup_str(a->title, strlen(a->title));
    s->footer = dup_str(a->footer, strlen(a->footer));
    s->names = NULL;
    if (a->names && (s->names = calloc(a->d, sizeof *s->names)) != NULL)
        for (size_t k = 0; k < a->d; k++)
            if (!(s->names[k] = dup_str(a->names[k], strlen(a->names[k])))) {
                dcd_sens_free(s);
                return DCD_ENOMEM;
            }
    if (a->names && !s->names) {
        dcd_sens_free(s);
        return DCD_ENOMEM;
    }
    s->shard = s->nshards = 0;
    s->row0 = 0;
    s->nrows = s->nbase;
    st = DCD_ENOMEM;
    if (!s->title || !s->footer || alloc_dim(s) != DCD_OK ||
        !(s->y = malloc(s->nbase * w * sizeof *s->y)))
        goto fail;
    memcpy(s->bars, a->bars, a->d * sizeof *a->bars);
    for (size_t k = 0; k < a->d; k++)
        if (!(s->inputs[k] = dup_str(a->inputs[k], strlen(a->inputs[k]))))
            goto fail;
    for (size_t i = 0; i < n; i++)
        memcpy(s->y + shards[i]->row0 * w, shards[i]->y, shards[i]->nrows * w * sizeof *s->y);
    if ((st = estimate(s, files[0], d)) != DCD_OK)
        goto fail;
    *out = s;
    return DCD_OK;
fail:
    dcd_sens_free(s);
    return st;
}

/* ---- charts --------------------------------------------------------------- */

int dcd_sens_draw_charts(const dcd_sens *s, const char *dir, const dcd_plot_opts *o, dcd_diags *d)
{
    size_t n = s->d;
    int st = DCD_ENOMEM;
    const char **tl = malloc(n * sizeof *tl), **sl = malloc(n * sizeof *sl);
    double *v = malloc(8 * n * sizeof *v);
    if (!tl || !sl || !v || !s->ix)
        goto done;
    double *lo = v, *hi = v + n, *ix[6];
    for (int k = 0; k < 6; k++)
        ix[k] = v + (size_t)(2 + k) * n;
    for (size_t i = 0; i < n; i++) {
        tl[i] = s->names ? s->names[s->bars[i].input] : s->inputs[s->bars[i].input];
        lo[i] = s->bars[i].y_lo;
        hi[i] = s->bars[i].y_hi;
        const dcd_sobol_index *x = &s->ix[s->rank[i]];
        sl[i] = s->names ? s->names[s->rank[i]] : s->inputs[s->rank[i]];
        const double row[6] = {x->first, x->first_lo, x->first_hi,
                               x->total, x->total_lo, x->total_hi};
        for (int k = 0; k < 6; k++)
            ix[k][i] = row[k];
    }
    dcd_sens_chart c = {.scenario = s->name,
                        .title = s->title,
                        .footer = s->footer,
                        .metric = dcd_total_info[s->metric].name,
                        .year = s->year,
                        .n = n,
                        .labels = tl,
                        .base = s->base,
                        .lo = lo,
                        .hi = hi,
                        .conf = s->conf};
    /* The tornado script first (its labels), then the Sobol one (its own). */
    dcd_sens_chart cs = c;
    cs.labels = sl;
    cs.s1 = ix[0];
    cs.s1_lo = ix[1];
    cs.s1_hi = ix[2];
    cs.st = ix[3];
    cs.st_lo = ix[4];
    cs.st_hi = ix[5];
    st = dcd_sens_charts_draw(&c, &cs, dir, o, d);
done:
    free(tl);
    free(sl);
    free(v);
    return st;
}
