/* mc_shard.c - a shard of a Monte Carlo run saved as exact text, loaded
 * back, and shards merged into the state of one run (dcd_mc.h,
 * docs/uncertainty.md "Shards and merge"). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_mc_impl.h"
#include "dcd_uncertain.h"

/* ---- shards --------------------------------------------------------------- */

#define STATE_MAGIC "dcdemand mc shard 3\n"

/* Appends a section: "KEY LEN\n" then LEN bytes and a newline. */
static void section(dcd_buf *out, const char *key, const char *data, size_t len)
{
    dcd_buf_printf(out, "%s %zu\n", key, len);
    dcd_buf_append(out, data ? data : "", len);
    dcd_buf_puts(out, "\n");
}

int dcd_mc_save(const dcd_mc *mc, dcd_buf *out)
{
    dcd_buf st = {0};
    dcd_buf_puts(out, STATE_MAGIC);
    dcd_buf_printf(out, "name %s\nchecksum %s\ndraws %zu\nseed %llu\nsampling %d\nstart %d\n",
                   mc->name, mc->checksum, mc->ndraws, (unsigned long long)mc->seed, mc->sampling,
                   mc->start);
    dcd_buf_printf(out, "years %zu\nmax_failed_pct %a\nshard %zu %zu\nkeep_draws %d\n", mc->ny,
                   mc->max_failed_pct, mc->shard, mc->nshards, mc->keep_draws);
    dcd_buf_printf(out, "extra %zu", mc->nextra);
    for (size_t k = 0; k < mc->nextra; k++)
        dcd_buf_printf(out, " %a", mc->extra[k]);
    dcd_buf_printf(out, "\nthresholds %zu\n", mc->nthr);
    for (size_t k = 0; k < mc->nthr; k++)
        dcd_buf_printf(out, "t %d %d %a\n", mc->thr[k].metric, mc->thr[k].year, mc->thr[k].value);
    dcd_buf_printf(out, "first_failure %lld\n",
                   mc->first_fail == NOFAIL ? -1LL : (long long)mc->first_fail);
    section(out, "failure", mc->fail_why, mc->fail_why ? strlen(mc->fail_why) : 0);
    section(out, "draws_head", mc->draws_head.data, mc->draws_head.len);
    section(out, "draws_rows", mc->draws_rows.data, mc->draws_rows.len);
    section(out, "title", mc->title, mc->title ? strlen(mc->title) : 0);
    dcd_buf_printf(out, "marks %zu\n", mc->nmarks);
    for (size_t k = 0; k < mc->nmarks; k++)
        dcd_buf_printf(out, "m %d %a %a\n", mc->marks[k].year, mc->marks[k].value,
                       mc->marks[k].tolerance);
    dcd_buf_printf(out, "base %d\nrefs %zu\n", mc->base_year, mc->nrefs);
    for (size_t k = 0; k < mc->nrefs; k++) {
        const dcd_reference *r = &mc->refs[k];
        dcd_buf_printf(out, "r %d %d %a %a\n", r->year, r->is_range, r->low, r->high);
        section(out, "label", r->label, strlen(r->label));
    }
    dcd_buf_printf(out, "sources %zu\n", mc->nsources);
    for (size_t k = 0; k < mc->nsources; k++)
        section(out, "source", mc->sources[k], strlen(mc->sources[k]));
    int rc = dcd_mcstats_save(mc->stats, &st);
    section(out, "stats", st.data, st.len);
    dcd_buf_clear(&st);
    if (rc == DCD_OK)
        rc = dcd_mcstats_save(mc->cdf, &st);
    section(out, "cdf", st.data, st.len);
    dcd_buf_puts(out, "end\n");
    dcd_buf_free(&st);
    return rc != DCD_OK || out->failed ? DCD_ENOMEM : DCD_OK;
}

/* A section KEY: *DATA points into the text, *LEN bytes. */
static int read_section(dcd_cursor *c, const char *key, const char **data, size_t *len)
{
    char line[128], k[32];
    if (dcd_cursor_line(c, line, sizeof line) || sscanf(line, "%31s %zu", k, len) != 2 ||
        strcmp(k, key) != 0 || *len >= (size_t)(c->end - c->p) || c->p[*len] != '\n')
        return -1;
    *data = c->p;
    c->p += *len + 1;
    return 0;
}

static int read_header(dcd_cursor *c, dcd_mc *mc)
{
    char line[512];
    unsigned long long seed;
    long long ff;
    int ok = dcd_cursor_line(c, line, sizeof line) == 0 && strcmp(line, "dcdemand mc shard 3") == 0;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) && sscanf(line, "name %64s", mc->name) == 1;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) &&
         sscanf(line, "checksum %64s", mc->checksum) == 1;
    ok =
        ok && !dcd_cursor_line(c, line, sizeof line) && sscanf(line, "draws %zu", &mc->ndraws) == 1;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) && sscanf(line, "seed %llu", &seed) == 1;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) &&
         sscanf(line, "sampling %d", &mc->sampling) == 1;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) && sscanf(line, "start %d", &mc->start) == 1;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) && sscanf(line, "years %zu", &mc->ny) == 1;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) &&
         sscanf(line, "max_failed_pct %la", &mc->max_failed_pct) == 1;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) &&
         sscanf(line, "shard %zu %zu", &mc->shard, &mc->nshards) == 2;
    ok = ok && !dcd_cursor_line(c, line, sizeof line) &&
         sscanf(line, "keep_draws %d", &mc->keep_draws) == 1;
    if (!ok || mc->ny == 0 || mc->ny > 301 || mc->nshards == 0 || mc->shard < 1 ||
        mc->shard > mc->nshards || mc->ndraws < 1 || mc->ndraws > 1000000000 ||
        (mc->sampling != DCD_SAMPLING_LHS && mc->sampling != DCD_SAMPLING_RANDOM) ||
        !(mc->max_failed_pct >= 0 && mc->max_failed_pct <= 100) ||
        (mc->keep_draws != 0 && mc->keep_draws != 1))
        return -1;
    mc->seed = seed;
    if (dcd_cursor_line(c, line, sizeof line) || strncmp(line, "extra ", 6) != 0)
        return -1;
    char *q = line + 6, *e;
    mc->nextra = strtoul(q, &e, 10);
    if (e == q || mc->nextra > DCD_MC_MAX_PCTS)
        return -1;
    for (size_t k = 0; k < mc->nextra; k++) {
        q = e;
        mc->extra[k] = strtod(q, &e);
        if (e == q || !(mc->extra[k] > 0 && mc->extra[k] < 100))
            return -1;
    }
    if (dcd_cursor_line(c, line, sizeof line) || sscanf(line, "thresholds %zu", &mc->nthr) != 1 ||
        mc->nthr > DCD_MC_MAX_THRESHOLDS)
        return -1;
    for (size_t k = 0; k < mc->nthr; k++) {
        dcd_mc_threshold *t = &mc->thr[k];
        if (dcd_cursor_line(c, line, sizeof line) ||
            sscanf(line, "t %d %d %la", &t->metric, &t->year, &t->value) != 3 ||
            dcd_mc_metric_pos(t->metric) < 0 || t->year < mc->start ||
            t->year >= mc->start + (int)mc->ny)
            return -1;
    }
    if (dcd_cursor_line(c, line, sizeof line) || sscanf(line, "first_failure %lld", &ff) != 1)
        return -1;
    mc->first_fail = ff < 0 ? NOFAIL : (size_t)ff;
    return 0;
}

/* "marks K" and K lines "m YEAR VALUE TOLERANCE". */
static int read_marks(dcd_cursor *c, dcd_mc *mc)
{
    char line[160];
    if (dcd_cursor_line(c, line, sizeof line) || sscanf(line, "marks %zu", &mc->nmarks) != 1 ||
        mc->nmarks > 100000 ||
        !(mc->marks = calloc(mc->nmarks ? mc->nmarks : 1, sizeof *mc->marks)))
        return -1;
    for (size_t k = 0; k < mc->nmarks; k++) {
        dcd_mc_mark *m = &mc->marks[k];
        if (dcd_cursor_line(c, line, sizeof line) ||
            sscanf(line, "m %d %la %la", &m->year, &m->value, &m->tolerance) != 3 ||
            !isfinite(m->value) || !isfinite(m->tolerance))
            return -1;
    }
    return 0;
}

/* A copy of the N bytes at DATA, or NULL. */
static char *dup_n(const char *data, size_t n)
{
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, data, n);
        s[n] = '\0';
    }
    return s;
}

/* "base Y", "refs K" and K references, "sources K" and K sources. */
static int read_frame(dcd_cursor *c, dcd_mc *mc)
{
    char line[160];
    const char *data;
    size_t n, nr, ns;
    if (dcd_cursor_line(c, line, sizeof line) || sscanf(line, "base %d", &mc->base_year) != 1 ||
        dcd_cursor_line(c, line, sizeof line) || sscanf(line, "refs %zu", &nr) != 1 || nr > 10000 ||
        !(mc->refs = calloc(nr ? nr : 1, sizeof *mc->refs)))
        return -1;
    for (size_t k = 0; k < nr; k++) {
        dcd_reference *r = &mc->refs[k];
        if (dcd_cursor_line(c, line, sizeof line) ||
            sscanf(line, "r %d %d %la %la", &r->year, &r->is_range, &r->low, &r->high) != 4 ||
            !isfinite(r->low) || !isfinite(r->high) || read_section(c, "label", &data, &n))
            return -1;
        mc->nrefs++;
        if (!(r->label = dup_n(data, n)) || !(r->metric = dup_n("dc_share_pct", 12)))
            return -1;
    }
    if (dcd_cursor_line(c, line, sizeof line) || sscanf(line, "sources %zu", &ns) != 1 ||
        ns > 10000 || !(mc->sources = calloc(ns ? ns : 1, sizeof *mc->sources)))
        return -1;
    for (size_t k = 0; k < ns; k++) {
        if (read_section(c, "source", &data, &n) || !(mc->sources[k] = dup_n(data, n)))
            return -1;
        mc->nsources++;
    }
    return 0;
}

int dcd_mc_load(const char *file, const char *text, size_t len, dcd_mc **out, dcd_diags *d)
{
    *out = NULL;
    dcd_mc *mc = calloc(1, sizeof *mc);
    if (!mc)
        return DCD_ENOMEM;
    dcd_cursor c = {text, text + len};
    const char *data;
    size_t n;
    int st = DCD_EINPUT;
    if (read_header(&c, mc) != 0)
        goto bad;
    dcd_mc_sort_pcts(mc);
    if (read_section(&c, "failure", &data, &n))
        goto bad;
    if (n && !(mc->fail_why = calloc(n + 1, 1))) {
        st = DCD_ENOMEM;
        goto bad;
    }
    if (n)
        memcpy(mc->fail_why, data, n);
    if (read_section(&c, "draws_head", &data, &n) ||
        dcd_buf_append(&mc->draws_head, data, n) != 0 ||
        read_section(&c, "draws_rows", &data, &n) ||
        dcd_buf_append(&mc->draws_rows, data, n) != 0 || read_section(&c, "title", &data, &n) ||
        !(mc->title = calloc(n + 1, 1)))
        goto bad;
    memcpy(mc->title, data, n);
    if (read_marks(&c, mc) != 0 || read_frame(&c, mc) != 0 || read_section(&c, "stats", &data, &n))
        goto bad;
    if (!(mc->stats = dcd_mcstats_load(data, n, &st))) {
        if (st == DCD_ENOMEM)
            goto bad;
        st = DCD_EINPUT;
        goto bad;
    }
    if (read_section(&c, "cdf", &data, &n))
        goto bad;
    if (!(mc->cdf = dcd_mcstats_load(data, n, &st))) {
        if (st == DCD_ENOMEM)
            goto bad;
        st = DCD_EINPUT;
        goto bad;
    }
    if ((size_t)(c.end - c.p) != 4 || memcmp(c.p, "end\n", 4) != 0)
        goto bad;
    *out = mc;
    return DCD_OK;
bad:
    if (st == DCD_EINPUT)
        dcd_diags_add(d, file, 0, 0,
                      "not a shard state written by `"
                      "dcdemand mc --shard` (or truncated)");
    dcd_mc_free(mc);
    return st;
}

/* 1 when shards A and B belong to one run. */
static int same_run(const dcd_mc *a, const dcd_mc *b)
{
    return strcmp(a->name, b->name) == 0 && strcmp(a->checksum, b->checksum) == 0 &&
           a->ndraws == b->ndraws && a->seed == b->seed && a->sampling == b->sampling &&
           a->start == b->start && a->ny == b->ny && a->nshards == b->nshards &&
           a->keep_draws == b->keep_draws && a->nextra == b->nextra && a->nthr == b->nthr &&
           memcmp(&a->max_failed_pct, &b->max_failed_pct, sizeof a->max_failed_pct) == 0 &&
           memcmp(a->extra, b->extra, a->nextra * sizeof *a->extra) == 0 &&
           memcmp(a->thr, b->thr, a->nthr * sizeof *a->thr) == 0;
}

/* The index of the shard *ELEM points to (for dcd_shards_order()). */
static size_t shard_index(const void *elem)
{
    return (*(dcd_mc *const *)elem)->shard;
}

/* Checks that SHARDS are the N shards of one run; sorts them by index. */
static int check_shards(dcd_mc **shards, const char *const *files, size_t n, dcd_diags *d)
{
    for (size_t i = 0; i < n; i++)
        if (!same_run(shards[0], shards[i])) {
            dcd_diags_add(d, files[i], 0, 0,
                          "not a shard of the same run as %s (scenario, --set, draws, seed, "
                          "sampling, percentiles, thresholds and shard count must agree)",
                          files[0]);
            return DCD_EINPUT;
        }
    return dcd_shards_order(shards, sizeof *shards, n, shards[0]->nshards, shard_index, d);
}

int dcd_mc_merge(dcd_mc **shards, const char *const *files, size_t n, dcd_mc **out, dcd_diags *d)
{
    *out = NULL;
    if (n == 0)
        return DCD_EUSAGE;
    int st = check_shards(shards, files, n, d);
    if (st != DCD_OK)
        return st;
    dcd_mc *mc = calloc(1, sizeof *mc);
    if (!mc)
        return DCD_ENOMEM;
    *mc = *shards[0];
    mc->stats = mc->cdf = NULL;
    mc->fail_why = NULL;
    shards[0]->title = NULL; /* moved */
    shards[0]->marks = NULL;
    shards[0]->refs = NULL;
    shards[0]->sources = NULL;
    shards[0]->nrefs = shards[0]->nsources = 0;
    memset(&mc->draws_head, 0, sizeof mc->draws_head);
    memset(&mc->draws_rows, 0, sizeof mc->draws_rows);
    mc->shard = mc->nshards = 0;
    mc->first_fail = NOFAIL;
    mc->first_block = 0;
    mc->nblocks = dcd_sample_nblocks(mc->ndraws);
    dcd_threshold thr[DCD_MC_MAX_THRESHOLDS];
    dcd_mcstats_config cfg;
    dcd_mc_stats_config(mc, thr, &cfg);
    double pcts[NCDF];
    dcd_mcstats_config ccfg;
    dcd_mc_cdf_config(mc, pcts, &ccfg);
    if (!(mc->stats = dcd_mcstats_alloc(&cfg, 0, mc->nblocks, &st)) ||
        !(mc->cdf = dcd_mcstats_alloc(&ccfg, 0, mc->nblocks, &st)))
        goto fail;
    dcd_buf_append(&mc->draws_head, shards[0]->draws_head.data ? shards[0]->draws_head.data : "",
                   shards[0]->draws_head.len);
    for (size_t i = 0; i < n; i++) {
        dcd_mc *s = shards[i];
        if ((st = dcd_mcstats_merge(mc->stats, s->stats)) != DCD_OK ||
            (st = dcd_mcstats_merge(mc->cdf, s->cdf)) != DCD_OK) {
            dcd_diags_add(d, files[i], 0, 0, "the shard's statistics do not fit the run");
            st = DCD_EINPUT;
            goto fail;
        }
        dcd_buf_append(&mc->draws_rows, s->draws_rows.data ? s->draws_rows.data : "",
                       s->draws_rows.len);
        if (s->first_fail != NOFAIL && s->first_fail < mc->first_fail) {
            mc->first_fail = s->first_fail;
            free(mc->fail_why);
            mc->fail_why = s->fail_why;
            s->fail_why = NULL;
        }
    }
    if (!dcd_mcstats_complete(mc->stats) || !dcd_mcstats_complete(mc->cdf)) {
        dcd_diags_add(d, NULL, 0, 0, "the shards do not cover every block of the run");
        st = DCD_EINPUT;
        goto fail;
    }
    if (mc->draws_head.failed || mc->draws_rows.failed) {
        st = DCD_ENOMEM;
        goto fail;
    }
    *out = mc;
    return dcd_mc_check_failed(mc, files[0], d);
fail:
    dcd_mc_free(mc);
    return st;
}
