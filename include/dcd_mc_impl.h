/* dcd_mc_impl.h - internals of the Monte Carlo analysis shared by
 * model/analysis/mc.c (the run, files, charts) and mc_shard.c (a shard's
 * state saved, loaded and merged).  Not for use outside those files.
 */
#ifndef DCD_MC_IMPL_H
#define DCD_MC_IMPL_H

#include "dcd_mc.h"
#include "dcd_mc_chart.h"
#include "dcd_mcstats.h"

#define NDEF 7
#define MAXP (NDEF + DCD_MC_MAX_PCTS)
#define NOFAIL ((size_t)-1)

struct dcd_mc {
    char name[65], checksum[65];
    size_t ndraws;
    uint64_t seed;
    int sampling, start, keep_draws;
    size_t ny;
    double max_failed_pct;
    size_t shard, nshards, first_block, nblocks;
    double pcts[MAXP]; /* sorted union of the default and extra percentiles */
    size_t npcts;
    double extra[DCD_MC_MAX_PCTS];
    size_t nextra;
    dcd_mc_threshold thr[DCD_MC_MAX_THRESHOLDS];
    size_t nthr;
    dcd_mcstats *stats;
    dcd_mcstats *cdf; /* dc_share_pct in the target year, percentiles CDF_PCTS */
    size_t first_fail;
    char *fail_why;
    dcd_buf draws_head, draws_rows;
    char *title;        /* the charts' title: the scenario's title or name */
    dcd_mc_mark *marks; /* dc_share_pct figures of expect: and history: */
    size_t nmarks;
    /* The rest of the charts' frame: the scenario's references: of
     * dc_share_pct (metric and label owned), its sources and base year. */
    dcd_reference *refs;
    size_t nrefs;
    char **sources;
    size_t nsources;
    int base_year;
};

#define NCDF 101 /* percentiles of the distribution chart */

/* The percentiles of the distribution chart: 0.5, 1, 2, ..., 99, 99.5. */
void dcd_mc_cdf_pcts(double *p);
/* The position of total METRIC among dcd_mc_metrics, or -1. */
int dcd_mc_metric_pos(int metric);
/* The statistics' configuration of MC (pointing into MC and THR), and that
 * of the distribution chart (pointing into PCTS, NCDF doubles). */
void dcd_mc_stats_config(const dcd_mc *mc, dcd_threshold *thr, dcd_mcstats_config *cfg);
void dcd_mc_cdf_config(const dcd_mc *mc, double *pcts, dcd_mcstats_config *cfg);
/* Frees MC's refs and sources (and sets them to none). */
void dcd_mc_free_frame(dcd_mc *mc);
/* Sorts MC's percentiles: the default ones and MC->extra. */
void dcd_mc_sort_pcts(dcd_mc *mc);
/* DCD_EMODEL with a message at WHERE when a whole run has more failed draws
 * than allowed (or none that succeeded); else DCD_OK. */
int dcd_mc_check_failed(const dcd_mc *mc, const char *where, dcd_diags *d);

#endif
