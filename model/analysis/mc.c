/* mc.c - the Monte Carlo analysis (dcd_mc.h; docs/uncertainty.md).
 *
 * Cells: year-major, cell = year index * DCD_MC_NMETRIC + metric position,
 * the order of the rows of quantiles.csv.  Each block of draws is drawn,
 * evaluated and added to the statistics of the thread that took it; the
 * statistics merge exactly (dcd_mcstats.h), so the files do not depend on
 * the threads.  A shard keeps its blocks' statistics, the rows of draws.csv
 * for its blocks and its first failure; merging the N shards gives the
 * state of one run.
 */
#include "dcd_mc.h"
#include "dcd_mc_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_engine.h"
#include "dcd_format.h"
#include "dcd_mc_chart.h"
#include "dcd_mcstats.h"
#include "dcd_table.h"
#include "dcd_uncertain.h"
#include "dcd_vec.h"

const int dcd_mc_metrics[DCD_MC_NMETRIC] = {
    DCD_T_DC_TWH,       DCD_T_AI_TWH,       DCD_T_NATIONAL_TWH, DCD_T_OTHER_TWH,
    DCD_T_DC_SHARE_PCT, DCD_T_AI_SHARE_PCT, DCD_T_DC_LOAD_GW,   DCD_T_AI_LOAD_GW};

/* Percentiles of the distribution chart: 0.5, 1, 2, ..., 99, 99.5. */
void dcd_mc_cdf_pcts(double *p)
{
    p[0] = 0.5;
    for (int k = 1; k <= 99; k++)
        p[k] = k;
    p[100] = 99.5;
}

void dcd_mc_free(dcd_mc *mc)
{
    if (!mc)
        return;
    dcd_mcstats_free(mc->stats);
    dcd_mcstats_free(mc->cdf);
    free(mc->fail_why);
    free(mc->title);
    free(mc->marks);
    dcd_mc_free_frame(mc);
    dcd_buf_free(&mc->draws_head);
    dcd_buf_free(&mc->draws_rows);
    free(mc);
}

size_t dcd_mc_ndraws(const dcd_mc *mc)
{
    return mc->ndraws;
}
size_t dcd_mc_done(const dcd_mc *mc)
{
    return dcd_mcstats_count(mc->stats);
}
size_t dcd_mc_failed(const dcd_mc *mc)
{
    return dcd_mcstats_failed(mc->stats);
}
size_t dcd_mc_first_failure(const dcd_mc *mc, const char **why)
{
    if (why)
        *why = mc->fail_why ? mc->fail_why : "";
    return mc->first_fail;
}
const char *dcd_mc_name(const dcd_mc *mc)
{
    return mc->name;
}
int dcd_mc_is_shard(const dcd_mc *mc)
{
    return mc->nshards > 0;
}
int dcd_mc_has_draws(const dcd_mc *mc)
{
    return mc->keep_draws;
}
void dcd_mc_shard_file(const dcd_mc *mc, char *out, size_t cap)
{
    snprintf(out, cap, "mc-shard-%zu-of-%zu.txt", mc->shard, mc->nshards);
}

int dcd_mc_metric_pos(int metric)
{
    for (int k = 0; k < DCD_MC_NMETRIC; k++)
        if (dcd_mc_metrics[k] == metric)
            return k;
    return -1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void dcd_mc_sort_pcts(dcd_mc *mc)
{
    memcpy(mc->pcts, dcd_mcstats_default_pcts, sizeof dcd_mcstats_default_pcts);
    mc->npcts = NDEF;
    for (size_t k = 0; k < mc->nextra; k++)
        mc->pcts[mc->npcts++] = mc->extra[k];
    qsort(mc->pcts, mc->npcts, sizeof *mc->pcts, cmp_double);
}

/* The statistics' configuration of MC (pointing into MC and THR). */
void dcd_mc_stats_config(const dcd_mc *mc, dcd_threshold *thr, dcd_mcstats_config *cfg)
{
    for (size_t k = 0; k < mc->nthr; k++) {
        thr[k].cell = (size_t)(mc->thr[k].year - mc->start) * DCD_MC_NMETRIC +
                      (size_t)dcd_mc_metric_pos(mc->thr[k].metric);
        thr[k].value = mc->thr[k].value;
    }
    memset(cfg, 0, sizeof *cfg);
    cfg->ndraws = mc->ndraws;
    cfg->ncells = mc->ny * DCD_MC_NMETRIC;
    cfg->pcts = mc->pcts;
    cfg->npcts = mc->npcts;
    cfg->thresholds = thr;
    cfg->nthresholds = mc->nthr;
}

/* The year of draws.csv's outputs and of the default thresholds. */
static int target_year(const dcd_mc *mc)
{
    int end = mc->start + (int)mc->ny - 1;
    return 2030 >= mc->start && 2030 <= end ? 2030 : end;
}

/* The charts' title and reference marks of SC. */
static int chart_inputs(dcd_mc *mc, const dcd_scenario *sc)
{
    size_t n = 0;
    for (size_t k = 0; k < sc->nexpect + sc->nhistory; k++) {
        const dcd_expect *e = k < sc->nexpect ? &sc->expect[k] : &sc->history[k - sc->nexpect];
        n += strcmp(e->metric, "dc_share_pct") == 0 && isfinite(e->value);
    }
    mc->title = dcd_strdup(sc->title ? sc->title : sc->name);
    mc->marks = calloc(n ? n : 1, sizeof *mc->marks);
    if (!mc->title || !mc->marks)
        return DCD_ENOMEM;
    for (size_t k = 0; k < sc->nexpect + sc->nhistory; k++) {
        int hist = k >= sc->nexpect;
        const dcd_expect *e = hist ? &sc->history[k - sc->nexpect] : &sc->expect[k];
        if (strcmp(e->metric, "dc_share_pct") == 0 && isfinite(e->value))
            mc->marks[mc->nmarks++] = (dcd_mc_mark){e->year, e->value, hist ? -1 : e->tolerance};
    }
    mc->base_year = sc->base;
    mc->sources = calloc(sc->nsources ? sc->nsources : 1, sizeof *mc->sources);
    mc->refs = calloc(sc->nreferences ? sc->nreferences : 1, sizeof *mc->refs);
    if (!mc->sources || !mc->refs)
        return DCD_ENOMEM;
    for (size_t k = 0; k < sc->nsources; k++)
        if (!(mc->sources[mc->nsources++] = dcd_strdup(sc->sources[k] ? sc->sources[k] : "")))
            return DCD_ENOMEM;
    for (size_t k = 0; k < sc->nreferences; k++) {
        const dcd_reference *r = &sc->references[k];
        if (!r->metric || strcmp(r->metric, "dc_share_pct") != 0)
            continue;
        dcd_reference *t = &mc->refs[mc->nrefs++];
        *t = (dcd_reference){
            .year = r->year, .is_range = r->is_range, .low = r->low, .high = r->high};
        t->metric = dcd_strdup(r->metric);
        t->label = dcd_strdup(r->label ? r->label : "");
        if (!t->metric || !t->label)
            return DCD_ENOMEM;
    }
    return DCD_OK;
}

void dcd_mc_free_frame(dcd_mc *mc)
{
    for (size_t k = 0; mc->sources && k < mc->nsources; k++)
        free(mc->sources[k]);
    for (size_t k = 0; mc->refs && k < mc->nrefs; k++) {
        free(mc->refs[k].metric);
        free(mc->refs[k].label);
    }
    free(mc->sources);
    free(mc->refs);
    mc->sources = NULL;
    mc->refs = NULL;
    mc->nsources = mc->nrefs = 0;
}

/* The configuration of the distribution chart's statistics. */
void dcd_mc_cdf_config(const dcd_mc *mc, double *pcts, dcd_mcstats_config *cfg)
{
    dcd_mc_cdf_pcts(pcts);
    memset(cfg, 0, sizeof *cfg);
    cfg->ndraws = mc->ndraws;
    cfg->ncells = 1;
    cfg->pcts = pcts;
    cfg->npcts = NCDF;
}

/* Fills MC's configuration from the options; DCD_EUSAGE with a message. */
static int configure(dcd_mc *mc, const dcd_scenario *sc, const dcd_mc_opts *o, dcd_diags *d)
{
    dcd_scenario_safe_name(sc, mc->name);
    memcpy(mc->checksum, sc->checksum_hex, sizeof mc->checksum);
    mc->ndraws = o->ndraws;
    mc->seed = o->seed;
    mc->sampling = o->sampling;
    mc->start = sc->start;
    mc->ny = dcd_scenario_years(sc);
    mc->keep_draws = o->keep_draws;
    mc->max_failed_pct = o->max_failed_pct;
    mc->shard = o->shard;
    mc->nshards = o->nshards;
    mc->first_fail = NOFAIL;
    if (chart_inputs(mc, sc) != DCD_OK)
        return DCD_ENOMEM;
    if (o->nextra > DCD_MC_MAX_PCTS || o->nthresholds > DCD_MC_MAX_THRESHOLDS) {
        dcd_diags_add(d, NULL, 0, 0, "too many percentiles or thresholds");
        return DCD_EUSAGE;
    }
    for (size_t k = 0; k < o->nextra; k++)
        mc->extra[mc->nextra++] = o->extra_pcts[k];
    dcd_mc_sort_pcts(mc);
    int y = target_year(mc);
    if (!o->thresholds) {
        static const double def[] = {8, 11, 12};
        for (size_t k = 0; k < 3; k++)
            mc->thr[mc->nthr++] = (dcd_mc_threshold){DCD_T_DC_SHARE_PCT, y, def[k]};
    }
    for (size_t k = 0; o->thresholds && k < o->nthresholds; k++) {
        const dcd_mc_threshold *t = &o->thresholds[k];
        if (dcd_mc_metric_pos(t->metric) < 0 || t->year < mc->start ||
            t->year > mc->start + (int)mc->ny - 1) {
            dcd_diags_add(
                d, NULL, 0, 0, "--threshold %s@%d: %s", dcd_total_info[t->metric].name, t->year,
                dcd_mc_metric_pos(t->metric) < 0 ? "not a summary metric of mc"
                                                 : "the year is outside the scenario's years");
            return DCD_EUSAGE;
        }
        mc->thr[mc->nthr++] = *t;
    }
    return DCD_OK;
}

/* ---- the run -------------------------------------------------------------- */

#if DCD_LANES != DCD_MCSTATS_CHUNK
#error "mc hands the statistics one evaluation of DCD_LANES draws as a chunk"
#endif

typedef struct tws {
    dcd_umodel_ws *ws;
    dcd_mcstats *stats, *cdf;
    unsigned char *ok;
    int *status; /* the block's draws' statuses */
    dcd_diags diags;
    size_t first_fail;
} tws;

typedef struct run {
    dcd_mc *mc;
    const dcd_umodel *m;
    const dcd_sampler *smp;
    tws *t;
    dcd_buf *rows; /* per block of the shard, with --keep-draws */
    size_t nrows;
    const dcd_mc_opts *o;
} run;

static void run_progress(void *ctx, size_t done, size_t total)
{
    const run *r = ctx;
    r->o->progress(r->o->progress_ctx, done, total);
}

/* Appends draw I's row of draws.csv to B: its inputs X, then, when OK, its
 * target-year values of cell c at CELLS[c][L]. */
static void draw_row(const run *r, dcd_buf *b, size_t draw, const double *x,
                     const double *const *cells, size_t l, int ok)
{
    size_t d = dcd_umodel_dim(r->m);
    size_t yc = (size_t)(target_year(r->mc) - r->mc->start) * DCD_MC_NMETRIC;
    static const int keys[3] = {0, 1, 4}; /* dc_twh, ai_twh, dc_share_pct */
    dcd_buf_printf(b, "%zu,%d", draw + 1, ok);
    for (size_t k = 0; k < d; k++) {
        dcd_buf_puts(b, ",");
        dcd_fmt_num(b, x[k], DCD_NUM_SHORT, 0, DCD_OUT_CSV);
    }
    for (size_t k = 0; k < 3; k++) {
        dcd_buf_puts(b, ",");
        dcd_fmt_num(b, ok ? cells[yc + (size_t)keys[k]][l] : NAN, DCD_NUM_SHORT, 0, DCD_OUT_CSV);
    }
    dcd_buf_puts(b, "\n");
}

/* Block B: its draws evaluated DCD_LANES at a time, each chunk's values
 * handed to the statistics while they are in the cache. */
static int one_block(void *ctx, unsigned thread, size_t b)
{
    run *r = ctx;
    tws *t = &r->t[thread];
    int st = DCD_OK;
    size_t n = dcd_umodel_draw(r->m, r->smp, t->ws, b, &st);
    if (st != DCD_OK)
        return st;
    size_t d = dcd_umodel_dim(r->m);
    size_t tc = (size_t)(target_year(r->mc) - r->mc->start) * DCD_MC_NMETRIC + 4;
    const double *x = dcd_umodel_ws_draws(t->ws);
    dcd_buf *rows = r->rows ? &r->rows[b - r->mc->first_block] : NULL;
    if ((st = dcd_mcstats_block_open(t->stats, b)) != DCD_OK)
        return st;
    if ((st = dcd_mcstats_block_open(t->cdf, b)) != DCD_OK)
        goto fail;
    for (size_t i0 = 0; i0 < n; i0 += DCD_LANES) {
        size_t k = n - i0 < DCD_LANES ? n - i0 : DCD_LANES;
        int first = t->first_fail == NOFAIL;
        st = dcd_umodel_eval_lanes(r->m, t->ws, x + i0 * d, k, t->status, first ? &t->diags : NULL);
        const double *const *cells = dcd_umodel_lane_cells(r->m, t->ws);
        if (st == DCD_OK && !cells)
            st = DCD_ENOMEM;
        if (st != DCD_OK)
            goto fail;
        for (size_t l = 0; l < k; l++) {
            t->ok[l] = t->status[l] == DCD_OK;
            if (!t->ok[l] && t->first_fail == NOFAIL)
                t->first_fail = b * DCD_SAMPLE_BLOCK + i0 + l;
            if (rows)
                draw_row(r, rows, b * DCD_SAMPLE_BLOCK + i0 + l, x + (i0 + l) * d, cells, l,
                         t->ok[l]);
        }
        if ((st = dcd_mcstats_block_chunk(t->stats, cells, t->ok, k)) != DCD_OK ||
            (st = dcd_mcstats_block_chunk(t->cdf, cells + tc, t->ok, k)) != DCD_OK)
            goto fail;
    }
    if (rows && rows->failed) {
        st = DCD_ENOMEM;
        goto fail;
    }
    if ((st = dcd_mcstats_block_close(t->stats)) != DCD_OK ||
        (st = dcd_mcstats_block_close(t->cdf)) != DCD_OK)
        goto fail;
    return DCD_OK;
fail:
    dcd_mcstats_block_abandon(t->stats);
    dcd_mcstats_block_abandon(t->cdf);
    return st;
}

/* draws.csv's header: the inputs, then the outputs of the target year. */
static int draws_header(dcd_mc *mc, const dcd_umodel *m)
{
    const dcd_uncertainty *u = dcd_umodel_spec(m);
    dcd_buf_puts(&mc->draws_head, "draw,ok");
    for (size_t k = 0; k < u->n; k++) {
        dcd_buf_puts(&mc->draws_head, ",");
        dcd_csv_field(&mc->draws_head, u->inputs[k].path);
    }
    int y = target_year(mc);
    dcd_buf_printf(&mc->draws_head, ",dc_twh_%d,ai_twh_%d,dc_share_pct_%d\n", y, y, y);
    return mc->draws_head.failed ? DCD_ENOMEM : DCD_OK;
}

/* Stops when too many draws failed (a whole run only). */
int dcd_mc_check_failed(const dcd_mc *mc, const char *where, dcd_diags *d)
{
    size_t failed = dcd_mcstats_failed(mc->stats), n = mc->ndraws;
    if (mc->nshards || (failed == 0))
        return DCD_OK;
    double pct = 100.0 * (double)failed / (double)n;
    if (failed < n && pct <= mc->max_failed_pct)
        return DCD_OK;
    dcd_diags_add(d, where, 0, 0,
                  "%zu of %zu draws (%.3g%%) failed to project, more than --max-failed-pct %g "
                  "allows; the first, draw %zu: %s",
                  failed, n, pct, mc->max_failed_pct, mc->first_fail + 1,
                  mc->fail_why ? mc->fail_why : "");
    return DCD_EMODEL;
}

/* Allocates the per-thread workspaces of R for NT threads. */
static int alloc_threads(run *r, unsigned nt, const dcd_mcstats_config *cfg)
{
    int st = DCD_OK;
    double pcts[NCDF];
    dcd_mcstats_config ccfg;
    dcd_mc_cdf_config(r->mc, pcts, &ccfg);
    for (unsigned i = 0; i < nt; i++) {
        tws *t = &r->t[i];
        t->first_fail = NOFAIL;
        t->ws = dcd_umodel_ws_alloc(r->m);
        t->stats = dcd_mcstats_alloc(cfg, r->mc->first_block, r->mc->nblocks, &st);
        t->ok = calloc(DCD_LANES, 1);
        t->status = calloc(DCD_LANES, sizeof *t->status);
        if (t->stats)
            t->cdf = dcd_mcstats_alloc(&ccfg, r->mc->first_block, r->mc->nblocks, &st);
        if (!t->ws || !t->stats || !t->cdf || !t->ok || !t->status)
            return st == DCD_OK ? DCD_ENOMEM : st;
    }
    return DCD_OK;
}

/* Merges the threads' statistics and first failures into R->mc. */
static int gather(run *r, unsigned nt)
{
    int st = DCD_OK;
    for (unsigned i = 1; i < nt && st == DCD_OK; i++)
        if ((st = dcd_mcstats_merge(r->t[0].stats, r->t[i].stats)) == DCD_OK)
            st = dcd_mcstats_merge(r->t[0].cdf, r->t[i].cdf);
    if (st != DCD_OK)
        return st;
    r->mc->stats = r->t[0].stats;
    r->t[0].stats = NULL;
    r->mc->cdf = r->t[0].cdf;
    r->t[0].cdf = NULL;
    for (unsigned i = 0; i < nt; i++) {
        tws *t = &r->t[i];
        if (t->first_fail == NOFAIL || t->first_fail > r->mc->first_fail)
            continue;
        r->mc->first_fail = t->first_fail;
        const char *msg = t->diags.n ? t->diags.items[0].message : "the projection failed";
        free(r->mc->fail_why);
        if (!(r->mc->fail_why = malloc(strlen(msg) + 1)))
            return DCD_ENOMEM;
        memcpy(r->mc->fail_why, msg, strlen(msg) + 1);
    }
    for (size_t b = 0; r->rows && b < r->mc->nblocks; b++)
        dcd_buf_append(&r->mc->draws_rows, r->rows[b].data ? r->rows[b].data : "", r->rows[b].len);
    return r->mc->draws_rows.failed ? DCD_ENOMEM : DCD_OK;
}

int dcd_mc_run(const dcd_scenario *sc, const dcd_mc_opts *o, dcd_mc **out, dcd_diags *d)
{
    *out = NULL;
    dcd_mc *mc = calloc(1, sizeof *mc);
    dcd_umodel *m = NULL;
    dcd_sampler *smp = NULL;
    unsigned nt = o->threads ? o->threads : dcd_default_threads();
    run r = {0};
    int st = DCD_ENOMEM;
    if (!mc || !(r.t = calloc(nt, sizeof *r.t)))
        goto done;
    if ((st = configure(mc, sc, o, d)) != DCD_OK)
        goto done;
    if ((st = dcd_umodel_new(sc, DCD_TOTALS_ENERGY, &m, d)) != DCD_OK)
        goto done;
    dcd_ucell *cells = malloc(mc->ny * DCD_MC_NMETRIC * sizeof *cells);
    if (!cells) {
        st = DCD_ENOMEM;
        goto done;
    }
    for (size_t y = 0; y < mc->ny; y++)
        for (size_t k = 0; k < DCD_MC_NMETRIC; k++)
            cells[y * DCD_MC_NMETRIC + k] = (dcd_ucell){dcd_mc_metrics[k], y};
    st = dcd_umodel_cells(m, cells, mc->ny * DCD_MC_NMETRIC);
    free(cells);
    if (st != DCD_OK)
        goto done;
    size_t nb = dcd_sample_nblocks(mc->ndraws);
    if (mc->nshards > nb) {
        dcd_diags_add(d, NULL, 0, 0,
                      "--shard %zu/%zu: %zu draws make %zu block%s of %d draws, so at most %zu "
                      "shard%s",
                      mc->shard, mc->nshards, mc->ndraws, nb, nb == 1 ? "" : "s", DCD_SAMPLE_BLOCK,
                      nb, nb == 1 ? "" : "s");
        st = DCD_EUSAGE;
        goto done;
    }
    if (mc->nshards)
        dcd_shard_blocks(nb, mc->shard - 1, mc->nshards, &mc->first_block, &mc->nblocks);
    else
        mc->nblocks = nb;
    if (!(smp = dcd_sampler_alloc_mt(o->sampling, o->seed, mc->ndraws, dcd_umodel_dim(m),
                                     mc->first_block, mc->nblocks, nt, &st)))
        goto done;
    dcd_threshold thr[DCD_MC_MAX_THRESHOLDS];
    dcd_mcstats_config cfg;
    dcd_mc_stats_config(mc, thr, &cfg);
    r.mc = mc;
    r.m = m;
    r.smp = smp;
    r.o = o;
    if (mc->keep_draws && ((st = draws_header(mc, m)) != DCD_OK ||
                           !(r.rows = calloc(mc->nblocks ? mc->nblocks : 1, sizeof *r.rows)))) {
        st = DCD_ENOMEM;
        goto done;
    }
    r.nrows = r.rows ? mc->nblocks : 0;
    unsigned used = mc->nblocks < nt ? (unsigned)(mc->nblocks ? mc->nblocks : 1) : nt;
    if ((st = alloc_threads(&r, used, &cfg)) != DCD_OK)
        goto done;
    st = dcd_parallel_blocks(mc->first_block, mc->nblocks, used, one_block, &r,
                             o->progress ? run_progress : NULL);
    if (st == DCD_OK)
        st = gather(&r, used);
    if (st == DCD_OK) {
        *out = mc;
        st = dcd_mc_check_failed(mc, sc->path, d);
        mc = NULL;
    }
done:
    for (unsigned i = 0; r.t && i < nt; i++) {
        dcd_umodel_ws_free(r.t[i].ws);
        dcd_mcstats_free(r.t[i].stats);
        dcd_mcstats_free(r.t[i].cdf);
        free(r.t[i].ok);
        free(r.t[i].status);
        dcd_diags_free(&r.t[i].diags);
    }
    for (size_t b = 0; b < r.nrows; b++)
        dcd_buf_free(&r.rows[b]);
    free(r.rows);
    free(r.t);
    dcd_sampler_free(smp);
    dcd_umodel_free(m);
    dcd_mc_free(mc);
    return st;
}

/* ---- files ---------------------------------------------------------------- */

/* The column name of percentile P ("p5", "p2.5"). */
static void pct_name(dcd_buf *b, double p)
{
    dcd_buf_puts(b, "p");
    dcd_fmt_num(b, p, DCD_NUM_SHORT, 0, DCD_OUT_CSV);
}

/* Index of percentile P in MC's sorted list. */
static size_t pct_index(const dcd_mc *mc, double p)
{
    size_t i = 0;
    while (i + 1 < mc->npcts && mc->pcts[i] != p)
        i++;
    return i;
}

int dcd_mc_format_quantiles(const dcd_mc *mc, dcd_buf *out)
{
    double pv[MAXP];
    size_t col[MAXP], ncol = 0;
    dcd_buf_puts(out, "year,metric,mean,sd");
    for (size_t k = 0; k < NDEF; k++) {
        col[ncol++] = pct_index(mc, dcd_mcstats_default_pcts[k]);
        dcd_buf_puts(out, ",");
        pct_name(out, dcd_mcstats_default_pcts[k]);
    }
    for (size_t k = 0; k < mc->nextra; k++) {
        col[ncol++] = pct_index(mc, mc->extra[k]);
        dcd_buf_puts(out, ",");
        pct_name(out, mc->extra[k]);
    }
    dcd_buf_puts(out, "\n");
    for (size_t y = 0; y < mc->ny; y++)
        for (size_t k = 0; k < DCD_MC_NMETRIC; k++) {
            double mean, sd;
            int st = dcd_mcstats_result(mc->stats, y * DCD_MC_NMETRIC + k, &mean, &sd, pv);
            if (st != DCD_OK)
                return st;
            dcd_buf_printf(out, "%d,%s,", mc->start + (int)y,
                           dcd_total_info[dcd_mc_metrics[k]].name);
            dcd_fmt_num(out, mean, DCD_NUM_SHORT, 0, DCD_OUT_CSV);
            dcd_buf_puts(out, ",");
            dcd_fmt_num(out, sd, DCD_NUM_SHORT, 0, DCD_OUT_CSV);
            for (size_t c = 0; c < ncol; c++) {
                dcd_buf_puts(out, ",");
                dcd_fmt_num(out, pv[col[c]], DCD_NUM_SHORT, 0, DCD_OUT_CSV);
            }
            dcd_buf_puts(out, "\n");
        }
    return out->failed ? DCD_ENOMEM : DCD_OK;
}

int dcd_mc_format_exceedance(const dcd_mc *mc, dcd_buf *out)
{
    dcd_buf_puts(out, "metric,year,threshold,probability,std_error\n");
    for (size_t k = 0; k < mc->nthr; k++) {
        double p, se;
        int st = dcd_mcstats_exceedance(mc->stats, k, &p, &se);
        if (st != DCD_OK)
            return st;
        dcd_buf_printf(out, "%s,%d,", dcd_total_info[mc->thr[k].metric].name, mc->thr[k].year);
        dcd_fmt_num(out, mc->thr[k].value, DCD_NUM_SHORT, 0, DCD_OUT_CSV);
        dcd_buf_puts(out, ",");
        dcd_fmt_num(out, p, DCD_NUM_SHORT, 0, DCD_OUT_CSV);
        dcd_buf_puts(out, ",");
        dcd_fmt_num(out, se, DCD_NUM_SHORT, 0, DCD_OUT_CSV);
        dcd_buf_puts(out, "\n");
    }
    return out->failed ? DCD_ENOMEM : DCD_OK;
}

int dcd_mc_format_draws(const dcd_mc *mc, dcd_buf *out)
{
    dcd_buf_append(out, mc->draws_head.data ? mc->draws_head.data : "", mc->draws_head.len);
    dcd_buf_append(out, mc->draws_rows.data ? mc->draws_rows.data : "", mc->draws_rows.len);
    return out->failed ? DCD_ENOMEM : DCD_OK;
}

int dcd_mc_format_text(const dcd_mc *mc, dcd_buf *out)
{
    static const dcd_table_col cols[] = {{"metric", 0, 6},
                                         {"year", 1, 4},
                                         {"threshold", 1, 9},
                                         {"probability", 1, 11},
                                         {"std_error", 1, 9}};
    dcd_buf_printf(out, "%s: %zu draws (%zu failed), seed %llu, %s sampling\n", mc->name,
                   mc->ndraws, dcd_mcstats_failed(mc->stats), (unsigned long long)mc->seed,
                   mc->sampling == DCD_SAMPLING_LHS ? "lhs" : "random");
    dcd_table t;
    dcd_table_init(&t, cols, 5);
    for (size_t k = 0; k < mc->nthr; k++) {
        double p, se;
        int st = dcd_mcstats_exceedance(mc->stats, k, &p, &se);
        if (st != DCD_OK) {
            dcd_table_free(&t);
            return st;
        }
        char gt[64];
        dcd_buf v = {0};
        dcd_fmt_num(&v, mc->thr[k].value, DCD_NUM_COMPACT, 0, DCD_OUT_TERM);
        snprintf(gt, sizeof gt, "> %s", dcd_buf_str(&v));
        dcd_buf_free(&v);
        dcd_table_text(&t, dcd_total_info[mc->thr[k].metric].name);
        dcd_table_int(&t, mc->thr[k].year);
        dcd_table_text(&t, gt);
        dcd_table_num(&t, p, DCD_NUM_FIXED, 4);
        dcd_table_num(&t, se, DCD_NUM_FIXED, 4);
    }
    int rc = dcd_table_write(&t, DCD_OUT_TERM, NULL, out);
    dcd_table_free(&t);
    return rc ? DCD_ENOMEM : DCD_OK;
}

/* ---- charts ---------------------------------------------------------------- */

int dcd_mc_draw_charts(const dcd_mc *mc, const char *dir, const dcd_plot_opts *o, dcd_diags *d)
{
    size_t ny = mc->ny, ncol = 5;
    static const double want[5] = {5, 25, 50, 75, 95};
    double *band = calloc(ny * ncol, sizeof *band), pv[MAXP];
    double cp[NCDF], cx[NCDF], thr[DCD_MC_MAX_THRESHOLDS], thp[DCD_MC_MAX_THRESHOLDS];
    int rc = band ? DCD_OK : DCD_ENOMEM, y = target_year(mc);
    for (size_t i = 0; rc == DCD_OK && i < ny; i++) {
        double mean, sd;
        rc = dcd_mcstats_result(mc->stats, i * DCD_MC_NMETRIC + 4, &mean, &sd, pv);
        for (size_t k = 0; rc == DCD_OK && k < ncol; k++)
            band[k * ny + i] = pv[pct_index(mc, want[k])];
    }
    double mean, sd;
    if (rc == DCD_OK)
        rc = dcd_mcstats_result(mc->cdf, 0, &mean, &sd, cx);
    dcd_mc_cdf_pcts(cp);
    for (size_t k = 0; k < NCDF; k++)
        cp[k] /= 100;
    size_t nthr = 0;
    for (size_t k = 0; rc == DCD_OK && k < mc->nthr; k++) {
        double se;
        if (mc->thr[k].metric != DCD_T_DC_SHARE_PCT || mc->thr[k].year != y)
            continue;
        thr[nthr] = mc->thr[k].value;
        rc = dcd_mcstats_exceedance(mc->stats, k, &thp[nthr], &se);
        nthr++;
    }
    if (rc == DCD_OK) {
        dcd_mc_chart_data c = {.title = mc->title,
                               .ndraws = mc->ndraws,
                               .nfailed = dcd_mcstats_failed(mc->stats),
                               .start = mc->start,
                               .ny = ny,
                               .p5 = band,
                               .p25 = band + ny,
                               .p50 = band + 2 * ny,
                               .p75 = band + 3 * ny,
                               .p95 = band + 4 * ny,
                               .marks = mc->marks,
                               .nmarks = mc->nmarks,
                               .year = y,
                               .cdf_p = cp,
                               .cdf_x = cx,
                               .ncdf = NCDF,
                               .thr = thr,
                               .thr_p = thp,
                               .nthr = nthr,
                               .name = mc->name,
                               .refs = mc->refs,
                               .nrefs = mc->nrefs,
                               .sources = (const char *const *)mc->sources,
                               .nsources = mc->nsources,
                               .base_year = mc->base_year};
        rc = dcd_mc_chart_draw(&c, dir, o, d);
    }
    free(band);
    return rc;
}
