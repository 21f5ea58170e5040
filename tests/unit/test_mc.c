/* test_mc.c - the Monte Carlo analysis (dcd_mc.h): a run in three shards,
 * saved as text, loaded back and merged, gives the bytes of one run; bad
 * states and shard sets are refused; failed draws are counted. */
#include <string.h>

#include "dcd_engine.h"
#include "dcd_load.h"
#include "dcd_mc.h"
#include "harness.h"

static const char SCENARIO[] =
    "name: t\n"
    "years: {start: 2020, base: 2023, end: 2032}\n"
    "national: {total_twh: 4000, growth: 0.01}\n"
    "segments:\n"
    "  dc: {ai: false, driver: energy, energy_twh: 176, growth: 0.2}\n"
    "  ai: {ai: true, driver: capacity, capacity_gw: 5, growth: {2024: 0.7, 2030: 0.2}, pue: 1.2,\n"
    "       utilisation: 0.7, idle: 0.2}\n"
    "uncertainty:\n"
    "  segments.dc.growth: {dist: uniform, min: 0.1, max: 0.3, mode: value}\n"
    "  segments.ai.growth: {dist: pert, min: 0.6, mode: 1, max: 1.3}\n"
    "  national.total_twh: {dist: normal, mean: 4000, sd: 100, min: 3700, max: 4300}\n"
    "  correlations:\n"
    "    - {inputs: [segments.dc.growth, segments.ai.growth], rank: 0.5}\n";

/* quantiles, exceedance and draws of MC, concatenated. */
static void files(const dcd_mc *mc, dcd_buf *out)
{
    dcd_mc_format_quantiles(mc, out);
    dcd_mc_format_exceedance(mc, out);
    dcd_mc_format_draws(mc, out);
}

int main(void)
{
    harness_init();
    dcd_diags d = {0};
    dcd_scenario *sc = NULL;
    int st = dcd_scenario_load_text("t.yaml", SCENARIO, strlen(SCENARIO), NULL, 0, &sc, &d);
    gsl_test(st, "scenario loads");
    if (st) {
        dcd_diags_print(&d, stderr);
        return gsl_test_summary();
    }
    const double extra[2] = {1, 99};
    dcd_mc_opts o = {.ndraws = 3 * 4096 + 100,
                     .seed = 2385,
                     .threads = 2,
                     .sampling = DCD_SAMPLING_LHS,
                     .extra_pcts = extra,
                     .nextra = 2,
                     .keep_draws = 1,
                     .max_failed_pct = 1};
    dcd_mc *whole = NULL;
    gsl_test(dcd_mc_run(sc, &o, &whole, &d), "one run");
    dcd_buf a = {0}, b = {0};
    files(whole, &a);
    gsl_test(a.len < 1000 ||
                 strncmp(a.data, "year,metric,mean,sd,p5,p10,p25,p50,p75,p90,p95,p1,p99\n", 54) !=
                     0,
             "quantiles.csv header with the extra percentiles");

    /* three shards through text, given in another order */
    dcd_mc *shard[3] = {0}, *loaded[3] = {0}, *merged = NULL;
    const char *names[3] = {"s3", "s1", "s2"};
    for (size_t i = 0; i < 3; i++) {
        dcd_mc_opts so = o;
        so.shard = i + 1;
        so.nshards = 3;
        so.threads = (unsigned)(i + 1);
        gsl_test(dcd_mc_run(sc, &so, &shard[i], &d), "shard %zu/3", i + 1);
        gsl_test(!dcd_mc_is_shard(shard[i]), "shard %zu is a shard", i + 1);
    }
    for (size_t i = 0; i < 3; i++) {
        dcd_buf t = {0};
        dcd_mc_save(shard[(i + 2) % 3], &t);
        gsl_test(dcd_mc_load(names[i], t.data, t.len, &loaded[i], &d), "load %s", names[i]);
        dcd_buf_free(&t);
    }
    gsl_test(dcd_mc_merge(loaded, names, 3, &merged, &d), "merge");
    if (merged)
        files(merged, &b);
    gsl_test(a.len != b.len || memcmp(a.data, b.data, a.len) != 0,
             "three shards through text merged = one run, byte for byte");
    gsl_test(merged && dcd_mc_done(merged) != o.ndraws, "merged: every draw");

    /* two of three shards; a truncated state */
    dcd_mc *part = NULL;
    dcd_diags e = {0};
    gsl_test(dcd_mc_merge(loaded, names, 2, &part, &e) != DCD_EINPUT || part,
             "two of three shards are refused");
    dcd_buf t = {0};
    dcd_mc_save(shard[0], &t);
    dcd_mc *bad = NULL;
    for (size_t cut = 0; cut < t.len; cut += t.len / 37 + 1)
        gsl_test(dcd_mc_load("cut", t.data, cut, &bad, &e) != DCD_EINPUT || bad,
                 "a state cut at %zu bytes is refused", cut);
    dcd_buf_free(&t);
    dcd_diags_free(&e);

    for (size_t i = 0; i < 3; i++) {
        dcd_mc_free(shard[i]);
        dcd_mc_free(loaded[i]);
    }
    dcd_mc_free(merged);
    dcd_mc_free(whole);
    dcd_buf_free(&a);
    dcd_buf_free(&b);

    /* a threshold outside the years is a usage error */
    dcd_mc_threshold thr = {DCD_T_DC_SHARE_PCT, 2040, 11};
    dcd_mc_opts u = o;
    u.thresholds = &thr;
    u.nthresholds = 1;
    dcd_mc *none = NULL;
    gsl_test(dcd_mc_run(sc, &u, &none, &d) != DCD_EUSAGE || none,
             "a threshold outside the years is refused");
    dcd_diags_free(&d);
    dcd_scenario_free(sc);
    return gsl_test_summary();
}
