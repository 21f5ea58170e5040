/* dcd_sensitivity.h - which uncertain inputs drive one output
 * (`dcdemand sensitivity`; model/analysis/sensitivity.c).
 *
 * For one total metric in one year of a scenario with an `uncertainty:` key:
 * - a tornado: each input alone at its P10 and P90 quantiles, every other at
 *   its median (dcd_tornado(), dcd_sobol.h);
 * - Sobol indices, first order (Saltelli 2010) and total (Jansen 1999), with
 *   percentile bootstrap intervals, from Saltelli's design of N base rows
 *   (N (D + 2) evaluations; dcd_sobol_estimate()).  The inputs are drawn
 *   independently: rank correlations of the file are not applied (the
 *   indices of correlated inputs are not defined the same way).
 * Base rows come in blocks of DCD_SAMPLE_BLOCK whose uniforms depend only on
 * (seed, block), so the outputs are the same whatever the threads, and a run
 * split in shards (dcd_sens_save()) and merged (dcd_sens_load(),
 * dcd_sens_merge()) gives the bytes of one run: a shard keeps the model
 * outputs of its base rows exactly, and the merge estimates from all of them.
 * docs/uncertainty.md describes the command and the files.
 */
#ifndef DCD_SENSITIVITY_H
#define DCD_SENSITIVITY_H

#include <stddef.h>
#include <stdint.h>

#include "dcd_buf.h"
#include "dcd_error.h"
#include "dcd_plot.h"
#include "dcd_scenario.h"
#include "dcd_sobol.h"

/* Limits of the options. */
#define DCD_SENS_MAX_BASE 1000000
#define DCD_SENS_MAX_BOOT 100000

typedef struct dcd_sens_opts {
    int metric;            /* enum dcd_total_metric */
    int year;              /* 0: 2030 when the scenario has it, else its last year */
    size_t nbase;          /* base rows N of the whole run */
    uint64_t seed;         /* sampling and bootstrap */
    unsigned threads;      /* 0: dcd_default_threads() */
    size_t nboot;          /* bootstrap resamples (0: no intervals) */
    double conf;           /* interval level in (0, 1), e.g. 0.95 */
    size_t shard, nshards; /* shard I (1-based) of N; nshards 0: the whole run */
    /* Called from one thread with the blocks done so far (may be NULL). */
    void (*progress)(void *ctx, size_t done, size_t total);
    void *progress_ctx;
} dcd_sens_opts;

/* A run's (or a shard's) results.  Opaque; free with dcd_sens_free(). */
typedef struct dcd_sens dcd_sens;

/* Runs the analysis on SC (borrowed for the call).  Returns DCD_OK with *OUT
 * set; DCD_EINPUT (no or invalid `uncertainty:`: located messages in D);
 * DCD_EUSAGE (the year is outside the scenario, bad sizes: message in D);
 * DCD_EMODEL (an evaluation failed, or the output does not vary: message in
 * D naming the input values); DCD_ENOMEM. */
int dcd_sens_run(const dcd_scenario *sc, const dcd_sens_opts *o, dcd_sens **out, dcd_diags *d);
void dcd_sens_free(dcd_sens *s);

/* The scenario's safe name (the output folder), the metric, the year. */
const char *dcd_sens_name(const dcd_sens *s);
int dcd_sens_metric(const dcd_sens *s);
int dcd_sens_year(const dcd_sens *s);
/* 1 when S holds one shard, not a whole run. */
int dcd_sens_is_shard(const dcd_sens *s);
/* 1 when the file's rank correlations were left out. */
int dcd_sens_had_corr(const dcd_sens *s);
/* The shard's state file name, "sens-shard-I-of-N.txt", into OUT (CAP bytes). */
void dcd_sens_shard_file(const dcd_sens *s, char *out, size_t cap);

/* Inputs (D) and their paths, in the file's order (owned by S). */
size_t dcd_sens_dim(const dcd_sens *s);
const char *dcd_sens_input(const dcd_sens *s, size_t k);
/* The metric with every input at its median; the tornado bars (D, sorted by
 * decreasing swing); the Sobol indices (D, in input order) and the ranking
 * by total index (D input indices).  Indices only for a whole run. */
double dcd_sens_base_value(const dcd_sens *s);
const dcd_tornado_bar *dcd_sens_tornado(const dcd_sens *s);
const dcd_sobol_index *dcd_sens_indices(const dcd_sens *s);
const size_t *dcd_sens_rank(const dcd_sens *s);

/* tornado.csv, sobol.csv, and the table and summary line for the terminal. */
int dcd_sens_format_tornado(const dcd_sens *s, dcd_buf *out);
int dcd_sens_format_sobol(const dcd_sens *s, dcd_buf *out);
int dcd_sens_format_text(const dcd_sens *s, dcd_buf *out);
/* The one line naming the inputs that drive most of the variance (ends with
 * a newline). */
int dcd_sens_format_summary(const dcd_sens *s, dcd_buf *out);

/* Draws tornado.png and sobol.png (with their .gp scripts) of a whole run
 * into DIR through dcd_sens_charts.h.  Returns as dcd_sens_charts_draw(). */
int dcd_sens_draw_charts(const dcd_sens *s, const char *dir, const dcd_plot_opts *o, dcd_diags *d);

/* A shard's state as text (exact), and back; DCD_EINPUT with a message in D
 * naming FILE when TEXT is not a sensitivity shard state. */
int dcd_sens_save(const dcd_sens *s, dcd_buf *out);
int dcd_sens_load(const char *file, const char *text, size_t len, dcd_sens **out, dcd_diags *d);
/* Merges the N shards of one run (any order; FILES name them) into *OUT.
 * DCD_EINPUT when they are not the N shards of one run; DCD_EMODEL (the
 * output does not vary); DCD_ENOMEM. */
int dcd_sens_merge(dcd_sens **shards, const char *const *files, size_t n, dcd_sens **out,
                   dcd_diags *d);

/* The magic first line of a shard state, to tell it from an mc shard. */
extern const char dcd_sens_state_magic[];

#endif
