/* mcstats_state.c - saving and loading the state of Monte Carlo statistics
 * (dcd_mcstats.h: dcd_mcstats_save, dcd_mcstats_load), which shards hand to
 * `dcdemand merge`. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_dist.h"
#include "dcd_mcstats.h"
#include "dcd_mcstats_impl.h"

/* ---- Saving and loading (shards) ------------------------------------------
 * Text, one item per token; doubles in C99 hexadecimal ("%a"), so that a
 * loaded state is bit for bit the saved one. */

#define MAGIC "dcd-mcstats-1"

static void put_store(dcd_buf *b, const store *st)
{
    size_t lo = 0, hi = st->n; /* trim zero counts at both ends */
    while (lo < hi && !st->c[lo])
        lo++;
    while (hi > lo && !st->c[hi - 1])
        hi--;
    /* an empty store is "0 0" whatever its offset, as it loads back */
    dcd_buf_printf(b, " %lld %zu", hi > lo ? (long long)(st->off + (int64_t)lo) : 0LL, hi - lo);
    for (size_t i = lo; i < hi; i++)
        dcd_buf_printf(b, " %lu", (unsigned long)st->c[i]);
}

int dcd_mcstats_save(const dcd_mcstats *s, dcd_buf *b)
{
    size_t nc = s->cfg.ncells;
    dcd_buf_printf(b, "%s\nconfig %zu %zu %zu %zu %zu %a %d %u %zu %zu\npcts", MAGIC, s->cfg.ndraws,
                   nc, s->cfg.npcts, s->cfg.nthresholds, s->cfg.exact_budget_bytes, s->cfg.alpha,
                   s->exact, s->sub, s->first_block, s->nblocks);
    for (size_t i = 0; i < s->cfg.npcts; i++)
        dcd_buf_printf(b, " %a", s->pcts[i]);
    dcd_buf_puts(b, "\nthresholds");
    for (size_t k = 0; k < s->cfg.nthresholds; k++)
        dcd_buf_printf(b, " %zu %a %llu", s->thr[k].cell, s->thr[k].value,
                       (unsigned long long)s->exceed[k]);
    dcd_buf_printf(b, "\ntotals %zu %zu\nrange", s->count, s->failed);
    for (size_t c = 0; c < nc; c++)
        dcd_buf_printf(b, " %a %a", s->vmin[c], s->vmax[c]);
    dcd_buf_puts(b, "\n");
    for (size_t bi = 0; bi < s->nblocks; bi++) {
        if (!s->have[bi])
            continue;
        dcd_buf_printf(b, "block %zu %zu", s->first_block + bi, s->nok[bi]);
        for (size_t c = 0; c < nc; c++)
            dcd_buf_printf(b, " %a %a", s->bmean[bi * nc + c], s->bm2[bi * nc + c]);
        for (size_t i = 0; s->exact && i < s->nok[bi] * nc; i++)
            dcd_buf_printf(b, " %a", s->vals[bi][i]);
        dcd_buf_puts(b, "\n");
    }
    for (size_t c = 0; !s->exact && c < nc; c++) {
        dcd_buf_printf(b, "hist %zu %llu", c, (unsigned long long)s->h[c].zero);
        put_store(b, &s->h[c].pos);
        put_store(b, &s->h[c].neg);
        dcd_buf_puts(b, "\n");
    }
    dcd_buf_puts(b, "end\n");
    return b->failed ? DCD_ENOMEM : DCD_OK;
}

/* A cursor over the saved text; BAD is set at the first malformed token. */
typedef struct reader {
    const char *p, *end;
    int bad;
} reader;

/* The next token into TOK (at most CAP - 1 bytes). */
static int token(reader *r, char *tok, size_t cap)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\n'))
        r->p++;
    size_t n = 0;
    while (r->p < r->end && *r->p != ' ' && *r->p != '\n') {
        if (n + 1 >= cap) {
            r->bad = 1;
            return -1;
        }
        tok[n++] = *r->p++;
    }
    tok[n] = '\0';
    if (!n)
        r->bad = 1;
    return n ? 0 : -1;
}

static int expect_word(reader *r, const char *w)
{
    char t[32];
    if (token(r, t, sizeof t) || strcmp(t, w) != 0)
        r->bad = 1;
    return r->bad ? -1 : 0;
}

static uint64_t read_u(reader *r)
{
    char t[32], *e;
    if (token(r, t, sizeof t))
        return 0;
    if (t[0] == '-') {
        r->bad = 1;
        return 0;
    }
    errno = 0;
    unsigned long long v = strtoull(t, &e, 10);
    if (*e || errno)
        r->bad = 1;
    return v;
}

static int64_t read_i(reader *r)
{
    char t[32], *e;
    if (token(r, t, sizeof t))
        return 0;
    errno = 0;
    long long v = strtoll(t, &e, 10);
    if (*e || errno)
        r->bad = 1;
    return v;
}

static double read_d(reader *r)
{
    char t[64], *e;
    if (token(r, t, sizeof t))
        return 0;
    double v = strtod(t, &e);
    if (*e || isnan(v))
        r->bad = 1;
    return v;
}

static void read_store(reader *r, store *st)
{
    int64_t off = read_i(r);
    uint64_t n = read_u(r);
    /* each count takes two bytes at least: N cannot exceed what is left */
    if (r->bad || n > (uint64_t)(r->end - r->p) / 2 || off < 0 || off > ((int64_t)1 << 62)) {
        r->bad = 1;
        return;
    }
    if (!n)
        return;
    if (dcd_mcstats_store_reserve(st, off, off + (int64_t)n - 1)) {
        r->bad = 2;
        return;
    }
    for (uint64_t i = 0; i < n && !r->bad; i++) {
        uint64_t v = read_u(r);
        if (v > UINT32_MAX)
            r->bad = 1;
        st->c[(int64_t)i + off - st->off] = (uint32_t)v;
    }
}

/* The blocks, histograms and closing word of a saved state into S. */
static void read_body(reader *r, dcd_mcstats *s)
{
    size_t nc = s->cfg.ncells;
    char t[16];
    while (!r->bad && token(r, t, sizeof t) == 0) {
        if (strcmp(t, "end") == 0)
            return;
        if (strcmp(t, "block") == 0) {
            uint64_t b = read_u(r), nok = read_u(r);
            size_t bi = (size_t)(b - s->first_block);
            if (r->bad || b < s->first_block || bi >= s->nblocks || s->have[bi] ||
                nok > dcd_sample_block_size(s->cfg.ndraws, (size_t)b)) {
                r->bad = 1;
                return;
            }
            s->have[bi] = 1;
            s->nok[bi] = (size_t)nok;
            for (size_t c = 0; c < nc; c++) {
                s->bmean[bi * nc + c] = read_d(r);
                s->bm2[bi * nc + c] = read_d(r);
            }
            if (s->exact && nok) {
                if (!(s->vals[bi] = malloc((size_t)nok * nc * sizeof **s->vals))) {
                    r->bad = 2;
                    return;
                }
                for (size_t i = 0; i < nok * nc; i++)
                    s->vals[bi][i] = read_d(r);
            }
        } else if (strcmp(t, "hist") == 0 && !s->exact) {
            uint64_t c = read_u(r);
            if (r->bad || c >= nc || s->h[c].zero || s->h[c].pos.n || s->h[c].neg.n) {
                r->bad = 1;
                return;
            }
            s->h[c].zero = read_u(r);
            read_store(r, &s->h[c].pos);
            read_store(r, &s->h[c].neg);
        } else {
            r->bad = 1;
        }
    }
    r->bad = r->bad ? r->bad : 1; /* no "end" */
}

dcd_mcstats *dcd_mcstats_load(const char *text, size_t len, int *status)
{
    reader r = {text, text + len, 0};
    dcd_mcstats *s = NULL;
    double *pcts = NULL;
    dcd_threshold *thr = NULL;
    uint64_t *exc = NULL;
    *status = DCD_EINPUT;
    if (expect_word(&r, MAGIC) || expect_word(&r, "config"))
        return NULL;
    dcd_mcstats_config cfg = {0};
    cfg.ndraws = (size_t)read_u(&r);
    cfg.ncells = (size_t)read_u(&r);
    cfg.npcts = (size_t)read_u(&r);
    cfg.nthresholds = (size_t)read_u(&r);
    cfg.exact_budget_bytes = (size_t)read_u(&r);
    cfg.alpha = read_d(&r);
    uint64_t exact = read_u(&r), sub = read_u(&r), first = read_u(&r), nblocks = read_u(&r);
    if (r.bad || !cfg.npcts || cfg.npcts > 1000 || cfg.nthresholds > 100000 ||
        cfg.ncells > 1000000 || expect_word(&r, "pcts"))
        return NULL;
    pcts = malloc(cfg.npcts * sizeof *pcts);
    thr = malloc((cfg.nthresholds + 1) * sizeof *thr);
    exc = malloc((cfg.nthresholds + 1) * sizeof *exc);
    if (!pcts || !thr || !exc) {
        *status = DCD_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < cfg.npcts; i++)
        pcts[i] = read_d(&r);
    expect_word(&r, "thresholds");
    for (size_t k = 0; k < cfg.nthresholds && !r.bad; k++) {
        thr[k].cell = (size_t)read_u(&r);
        thr[k].value = read_d(&r);
        exc[k] = read_u(&r);
    }
    if (r.bad)
        goto done;
    cfg.pcts = pcts;
    cfg.thresholds = thr;
    s = dcd_mcstats_alloc(&cfg, (size_t)first, (size_t)nblocks, status);
    if (!s) {
        *status = *status == DCD_ENOMEM ? DCD_ENOMEM : DCD_EINPUT;
        goto done;
    }
    *status = DCD_EINPUT;
    if ((uint64_t)s->exact != exact || s->sub != sub)
        goto fail;
    memcpy(s->exceed, exc, cfg.nthresholds * sizeof *exc);
    expect_word(&r, "totals");
    s->count = (size_t)read_u(&r);
    s->failed = (size_t)read_u(&r);
    expect_word(&r, "range");
    for (size_t c = 0; c < cfg.ncells && !r.bad; c++) {
        s->vmin[c] = read_d(&r);
        s->vmax[c] = read_d(&r);
    }
    if (!r.bad)
        read_body(&r, s);
    if (r.bad) {
        *status = r.bad == 2 ? DCD_ENOMEM : DCD_EINPUT;
        goto fail;
    }
    size_t ok = 0, all = 0;
    for (size_t bi = 0; bi < s->nblocks; bi++)
        if (s->have[bi]) {
            ok += s->nok[bi];
            all += dcd_sample_block_size(s->cfg.ndraws, s->first_block + bi);
        }
    if (ok != s->count || all - ok != s->failed)
        goto fail;
    *status = DCD_OK;
    goto done;
fail:
    dcd_mcstats_free(s);
    s = NULL;
done:
    free(pcts);
    free(thr);
    free(exc);
    return s;
}
