/* uncertain.c - an uncertain scenario prepared for many evaluations, and
 * the block thread pool shared by `mc` and `sensitivity` (dcd_uncertain.h). */
#include "dcd_uncertain.h"

#include <assert.h>
#include <gsl/gsl_rng.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct dcd_umodel {
    dcd_uncertainty spec;
    dcd_dist *dists; /* d shallow copies of spec.inputs[k].dist (not owned separately) */
    double *medians; /* d */
    dcd_prepared *prep;
    size_t ny;
    dcd_ucell *cells;
    size_t ncells;
    size_t *cell_at; /* metric * ny + year for each cell */
};

struct dcd_umodel_ws {
    dcd_prepared_ws *pw;
    dcd_prepared_lws *lw;
    const double **cellp;   /* each cell's lanes in LW's totals */
    const size_t *cellp_at; /* the cells CELLP is for (M's cell_at) */
    gsl_rng *rng;
    dcd_rankcorr *rc;
    double *u, *x; /* DCD_SAMPLE_BLOCK x d */
};

static dcd_apply prepared_mode(dcd_draw_apply a)
{
    return a == DCD_DRAW_SCALE   ? DCD_APPLY_SCALE
           : a == DCD_DRAW_SHIFT ? DCD_APPLY_SHIFT
                                 : DCD_APPLY_SET;
}

int dcd_umodel_new(const dcd_scenario *sc, unsigned long totals, dcd_umodel **out, dcd_diags *d)
{
    *out = NULL;
    dcd_umodel *m = calloc(1, sizeof *m);
    if (!m)
        return DCD_ENOMEM;
    int rc = dcd_scenario_uncertainty(sc, &m->spec, d);
    if (rc != DCD_OK)
        goto fail;
    if (m->spec.n == 0) {
        dcd_diags_add(d, sc->path, 0, 0,
                      "the scenario has no uncertainty: key; give its uncertain inputs as "
                      "distributions (docs/uncertainty.md)");
        rc = DCD_EINPUT;
        goto fail;
    }
    size_t n = m->spec.n;
    m->dists = calloc(n, sizeof *m->dists);
    m->medians = calloc(n, sizeof *m->medians);
    if (!m->dists || !m->medians) {
        rc = DCD_ENOMEM;
        goto fail;
    }
    if ((rc = dcd_prepared_new(sc, &m->prep, d)) != DCD_OK)
        goto fail;
    for (size_t k = 0; k < n; k++) {
        const dcd_uncertain *in = &m->spec.inputs[k];
        m->dists[k] = in->dist; /* shallow: the arrays stay owned by spec */
        m->medians[k] = dcd_dist_median(&in->dist);
        if ((rc = dcd_prepared_param(m->prep, in->path, prepared_mode(in->apply), NULL, d)) !=
            DCD_OK)
            goto fail;
    }
    dcd_prepared_select(m->prep, totals);
    if ((rc = dcd_prepared_ready(m->prep, d)) != DCD_OK)
        goto fail;
    m->ny = dcd_prepared_years(m->prep);
    *out = m;
    return DCD_OK;
fail:
    dcd_umodel_free(m);
    return rc;
}

void dcd_umodel_free(dcd_umodel *m)
{
    if (!m)
        return;
    dcd_prepared_free(m->prep);
    free(m->dists);
    free(m->medians);
    free(m->cells);
    free(m->cell_at);
    dcd_uncertainty_free(&m->spec);
    free(m);
}

size_t dcd_umodel_dim(const dcd_umodel *m)
{
    return m->spec.n;
}

const dcd_uncertainty *dcd_umodel_spec(const dcd_umodel *m)
{
    return &m->spec;
}

const dcd_dist *dcd_umodel_dists(const dcd_umodel *m)
{
    return m->dists;
}

const double *dcd_umodel_corr(const dcd_umodel *m)
{
    return m->spec.corr;
}

const dcd_prepared *dcd_umodel_prepared(const dcd_umodel *m)
{
    return m->prep;
}

size_t dcd_umodel_years(const dcd_umodel *m)
{
    return m->ny;
}

int dcd_umodel_start(const dcd_umodel *m)
{
    return dcd_prepared_start(m->prep);
}

const double *dcd_umodel_medians(const dcd_umodel *m)
{
    return m->medians;
}

int dcd_umodel_cells(dcd_umodel *m, const dcd_ucell *cells, size_t ncells)
{
    for (size_t i = 0; i < ncells; i++)
        if (cells[i].metric < 0 || cells[i].metric >= DCD_NTOTAL || cells[i].year >= m->ny)
            return DCD_EUSAGE;
    dcd_ucell *c = malloc((ncells ? ncells : 1) * sizeof *c);
    size_t *at = malloc((ncells ? ncells : 1) * sizeof *at);
    if (!c || !at) {
        free(c);
        free(at);
        return DCD_ENOMEM;
    }
    for (size_t i = 0; i < ncells; i++) {
        c[i] = cells[i];
        at[i] = (size_t)cells[i].metric * m->ny + cells[i].year;
    }
    free(m->cells);
    free(m->cell_at);
    m->cells = c;
    m->cell_at = at;
    m->ncells = ncells;
    return DCD_OK;
}

size_t dcd_umodel_ncells(const dcd_umodel *m)
{
    return m->ncells;
}

dcd_umodel_ws *dcd_umodel_ws_alloc(const dcd_umodel *m)
{
    dcd_umodel_ws *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    size_t n = m->spec.n;
    w->pw = dcd_prepared_ws_alloc(m->prep);
    w->lw = dcd_prepared_lws_alloc(m->prep);
    w->rng = gsl_rng_alloc(dcd_rng_type());
    w->u = malloc(DCD_SAMPLE_BLOCK * n * sizeof *w->u);
    w->x = malloc(DCD_SAMPLE_BLOCK * n * sizeof *w->x);
    if (!w->pw || !w->lw || !w->rng || !w->u || !w->x)
        goto fail;
    if (m->spec.corr) {
        int st = DCD_OK;
        char why[200];
        w->rc = dcd_rankcorr_alloc(m->spec.corr, n, DCD_SAMPLE_BLOCK, &st, why, sizeof why);
        if (!w->rc)
            goto fail;
    }
    return w;
fail:
    dcd_umodel_ws_free(w);
    return NULL;
}

void dcd_umodel_ws_free(dcd_umodel_ws *w)
{
    if (!w)
        return;
    dcd_prepared_ws_free(w->pw);
    dcd_prepared_lws_free(w->lw);
    free(w->cellp);
    if (w->rng)
        gsl_rng_free(w->rng);
    dcd_rankcorr_free(w->rc);
    free(w->u);
    free(w->x);
    free(w);
}

size_t dcd_umodel_draw(const dcd_umodel *m, const dcd_sampler *s, dcd_umodel_ws *w, size_t b,
                       int *status)
{
    return dcd_draw_block(s, m->dists, w->rc, w->rng, b, w->u, w->x, status);
}

const double *dcd_umodel_ws_draws(const dcd_umodel_ws *w)
{
    return w->x;
}

int dcd_umodel_eval(const dcd_umodel *m, dcd_umodel_ws *w, const double *x, double *out)
{
    int st = dcd_prepared_eval(m->prep, w->pw, x, NULL, NULL);
    if (st != DCD_OK)
        return st == DCD_ENOMEM ? st : DCD_EMODEL;
    const double *t = dcd_prepared_totals(w->pw);
    for (size_t i = 0; i < m->ncells; i++)
        out[i] = t[m->cell_at[i]];
    return DCD_OK;
}

int dcd_umodel_eval_lanes(const dcd_umodel *m, dcd_umodel_ws *w, const double *x, size_t k,
                          int *status, dcd_diags *d)
{
    int st = dcd_prepared_eval_lanes(m->prep, w->lw, x, m->spec.n, k, status, d);
    if (st != DCD_OK)
        return st;
    for (size_t l = 0; l < k; l++)
        if (status[l] != DCD_OK)
            status[l] = DCD_EMODEL;
    return DCD_OK;
}

const double *const *dcd_umodel_lane_cells(const dcd_umodel *m, dcd_umodel_ws *w)
{
    /* W's totals do not move: the pointers change only with M's cells */
    if (w->cellp && w->cellp_at == m->cell_at)
        return w->cellp;
    const double **p = realloc(w->cellp, (m->ncells ? m->ncells : 1) * sizeof *p);
    if (!p)
        return NULL;
    const double *t = dcd_prepared_lws_totals(w->lw);
    for (size_t c = 0; c < m->ncells; c++)
        p[c] = t + m->cell_at[c] * DCD_LANES;
    w->cellp = p;
    w->cellp_at = m->cell_at;
    return p;
}

/* ---- threads -------------------------------------------------------------- */

unsigned dcd_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return n > DCD_THREADS_MAX_DEFAULT ? DCD_THREADS_MAX_DEFAULT : (unsigned)n;
}

typedef struct pool {
    size_t first, count;
    atomic_size_t next, done;
    atomic_int stop;
    int (*fn)(void *, unsigned, size_t);
    void *ctx;
    void (*progress)(void *, size_t, size_t);
    pthread_mutex_t lock;
    size_t fail_block;
    int fail_status;
} pool;

typedef struct worker {
    pool *p;
    unsigned id;
} worker;

static void *work(void *arg)
{
    worker *wk = arg;
    pool *p = wk->p;
    while (!atomic_load(&p->stop)) {
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->count)
            break;
        int st = p->fn(p->ctx, wk->id, p->first + i);
        if (st != DCD_OK) {
            pthread_mutex_lock(&p->lock);
            if (!p->fail_status || p->first + i < p->fail_block) {
                p->fail_status = st;
                p->fail_block = p->first + i;
            }
            pthread_mutex_unlock(&p->lock);
            atomic_store(&p->stop, 1);
            break;
        }
        size_t done = atomic_fetch_add(&p->done, 1) + 1;
        if (wk->id == 0 && p->progress)
            p->progress(p->ctx, done, p->count);
    }
    return NULL;
}

int dcd_parallel_blocks(size_t first, size_t count, unsigned nthreads,
                        int (*fn)(void *ctx, unsigned thread, size_t block), void *ctx,
                        void (*progress)(void *ctx, size_t done, size_t total))
{
    if (nthreads < 1)
        nthreads = 1;
    if (nthreads > count)
        nthreads = count ? (unsigned)count : 1;
    pool p = {.first = first, .count = count, .fn = fn, .ctx = ctx, .progress = progress};
    atomic_init(&p.next, 0);
    atomic_init(&p.done, 0);
    atomic_init(&p.stop, 0);
    if (pthread_mutex_init(&p.lock, NULL) != 0)
        return DCD_ENOMEM;
    pthread_t *th = calloc(nthreads, sizeof *th);
    worker *wk = calloc(nthreads, sizeof *wk);
    int rc = DCD_OK;
    unsigned started = 1;
    if (!th || !wk) {
        rc = DCD_ENOMEM;
        goto out;
    }
    for (unsigned t = 0; t < nthreads; t++)
        wk[t] = (worker){&p, t};
    for (; started < nthreads; started++)
        if (pthread_create(&th[started], NULL, work, &wk[started]) != 0) {
            rc = DCD_ENOMEM;
            atomic_store(&p.stop, 1);
            break;
        }
    if (rc == DCD_OK)
        work(&wk[0]);
    for (unsigned t = 1; t < started; t++)
        pthread_join(th[t], NULL);
    if (rc == DCD_OK && p.fail_status)
        rc = p.fail_status;
out:
    free(th);
    free(wk);
    pthread_mutex_destroy(&p.lock);
    return rc;
}

/* ---- shard states --------------------------------------------------------- */

int dcd_cursor_line(dcd_cursor *c, char *line, size_t cap)
{
    const char *nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
    if (!nl || (size_t)(nl - c->p) >= cap)
        return -1;
    memcpy(line, c->p, (size_t)(nl - c->p));
    line[nl - c->p] = '\0';
    c->p = nl + 1;
    return 0;
}

int dcd_shards_order(void *shards, size_t size, size_t n, size_t nshards,
                     size_t (*index)(const void *elem), dcd_diags *d)
{
    unsigned char *a = shards, t[64];
    assert(size <= sizeof t);
    if (n != nshards) {
        dcd_diags_add(d, NULL, 0, 0, "%zu shard file%s given for a run in %zu shards", n,
                      n == 1 ? "" : "s", nshards);
        return DCD_EINPUT;
    }
    for (size_t i = 0; i < n; i++) /* insertion sort by shard index */
        for (size_t j = i; j > 0 && index(a + j * size) < index(a + (j - 1) * size); j--) {
            memcpy(t, a + j * size, size);
            memcpy(a + j * size, a + (j - 1) * size, size);
            memcpy(a + (j - 1) * size, t, size);
        }
    for (size_t i = 0; i < n; i++)
        if (index(a + i * size) != i + 1) {
            dcd_diags_add(d, NULL, 0, 0, "shard %zu of %zu is missing (or given twice)", i + 1, n);
            return DCD_EINPUT;
        }
    return DCD_OK;
}
