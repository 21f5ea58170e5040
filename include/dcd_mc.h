/* dcd_mc.h - the Monte Carlo analysis (`dcdemand mc`, `dcdemand merge`;
 * model/analysis/mc.c).
 *
 * Draws the scenario's uncertain inputs (dcd_uncertain.h) N times, projects
 * each draw with the prepared scenario, and keeps per year and summary
 * metric the mean, sd, percentiles and exceedance counts (dcd_mcstats.h).
 * The same seed gives the same bytes whatever the threads, and a run split
 * in shards (each saved with dcd_mc_save()) and merged (dcd_mc_load(),
 * dcd_mc_merge()) gives the bytes of one run.  docs/uncertainty.md
 * describes the command and the files.
 */
#ifndef DCD_MC_H
#define DCD_MC_H

#include <stddef.h>
#include <stdint.h>

#include "dcd_buf.h"
#include "dcd_chart.h"
#include "dcd_dist.h"
#include "dcd_error.h"
#include "dcd_scenario.h"

/* The summary metrics of quantiles.csv, in its order. */
#define DCD_MC_NMETRIC 8
extern const int dcd_mc_metrics[DCD_MC_NMETRIC];

/* At most this many thresholds and extra percentiles. */
#define DCD_MC_MAX_THRESHOLDS 64
#define DCD_MC_MAX_PCTS 32

/* P(METRIC in YEAR > VALUE). */
typedef struct dcd_mc_threshold {
    int metric; /* enum dcd_total_metric, one of dcd_mc_metrics */
    int year;
    double value;
} dcd_mc_threshold;

typedef struct dcd_mc_opts {
    size_t ndraws; /* of the whole run */
    uint64_t seed;
    unsigned threads; /* 0: dcd_default_threads() */
    dcd_sampling sampling;
    const double *extra_pcts; /* percentiles added after P95 (in (0, 100), not the default ones) */
    size_t nextra;
    const dcd_mc_threshold
        *thresholds; /* NULL: dc_share_pct in 2030 (or the last year) > 8, 11, 12 */
    size_t nthresholds;
    int keep_draws;        /* keep draws.csv */
    double max_failed_pct; /* stop when more draws than this share fail */
    size_t shard, nshards; /* shard I (1-based) of N; nshards 0: the whole run */
    /* Called from one thread with the blocks done so far (may be NULL). */
    void (*progress)(void *ctx, size_t done, size_t total);
    void *progress_ctx;
} dcd_mc_opts;

/* A run's (or a shard's) results.  Opaque; free with dcd_mc_free(). */
typedef struct dcd_mc dcd_mc;

/* Runs the analysis on SC (borrowed for the call).  Returns DCD_OK with *OUT
 * set; DCD_EINPUT (no or invalid `uncertainty:`, a threshold's year outside
 * the scenario: located messages in D), DCD_EUSAGE (bad options: message in
 * D), DCD_EMODEL (more draws failed than allowed: message in D, *OUT still
 * set so the counts can be printed), DCD_ENOMEM. */
int dcd_mc_run(const dcd_scenario *sc, const dcd_mc_opts *o, dcd_mc **out, dcd_diags *d);
void dcd_mc_free(dcd_mc *mc);

/* Counts: draws of the run, draws done here (the shard's), failed ones. */
size_t dcd_mc_ndraws(const dcd_mc *mc);
size_t dcd_mc_done(const dcd_mc *mc);
size_t dcd_mc_failed(const dcd_mc *mc);
/* The first failed draw (0-based index; (size_t)-1 when none) and why. */
size_t dcd_mc_first_failure(const dcd_mc *mc, const char **why);
/* The scenario's safe name (the output folder) and whether it is a shard. */
const char *dcd_mc_name(const dcd_mc *mc);
int dcd_mc_is_shard(const dcd_mc *mc);
/* The name of a shard's state file: "mc-shard-I-of-N.txt" (static buffer
 * of the caller, at least 64 bytes). */
void dcd_mc_shard_file(const dcd_mc *mc, char *out, size_t cap);

/* quantiles.csv, exceedance.csv and draws.csv (when kept) of a whole run. */
int dcd_mc_format_quantiles(const dcd_mc *mc, dcd_buf *out);
int dcd_mc_format_exceedance(const dcd_mc *mc, dcd_buf *out);
int dcd_mc_has_draws(const dcd_mc *mc);
int dcd_mc_format_draws(const dcd_mc *mc, dcd_buf *out);
/* The exceedance table for the terminal, after a one-line heading. */
int dcd_mc_format_text(const dcd_mc *mc, dcd_buf *out);

/* Draws fan.png and share_cdf.png of a whole run into DIR (dcd_mc_chart.h)
 * with options O (NULL: the defaults).  Returns as dcd_plot_batch_draw(). */
int dcd_mc_draw_charts(const dcd_mc *mc, const char *dir, const dcd_plot_opts *o, dcd_diags *d);

/* A shard's state as text (exact), and back.  dcd_mc_load() returns
 * DCD_EINPUT with a message in D (naming FILE) when the text is not a
 * shard state. */
int dcd_mc_save(const dcd_mc *mc, dcd_buf *out);
int dcd_mc_load(const char *file, const char *text, size_t len, dcd_mc **out, dcd_diags *d);
/* Merges the N shards of one run (any order) into *OUT, the whole run.
 * DCD_EINPUT with a message in D when they are not the N shards of one
 * run (FILES name them); DCD_EMODEL when too many draws failed (*OUT set);
 * DCD_ENOMEM. */
int dcd_mc_merge(dcd_mc **shards, const char *const *files, size_t n, dcd_mc **out, dcd_diags *d);

#endif
