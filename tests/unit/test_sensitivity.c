/* test_sensitivity.c - the sensitivity analysis (dcd_sensitivity.h): a
 * closed form (dc_twh(2030) linear in one input, an input without effect),
 * the same bytes on 1 and 3 threads and from shards saved, loaded and
 * merged, and a refused or truncated shard state. */
#include <math.h>
#include <string.h>

#include "dcd_engine.h"
#include "dcd_load.h"
#include "dcd_sensitivity.h"
#include "harness.h"

/* dc_twh(2030) = E0 (1.2)^7 with E0 ~ U(150, 200): all its variance; the
 * national growth changes national demand only. */
static const char SCENARIO[] = "name: lin\n"
                               "years: {start: 2020, base: 2023, end: 2030}\n"
                               "national: {total_twh: 4000, growth: 0.01}\n"
                               "segments:\n"
                               "  dc: {ai: false, driver: energy, energy_twh: 176, growth: 0.2}\n"
                               "uncertainty:\n"
                               "  segments.dc.energy_twh: {dist: uniform, min: 150, max: 200}\n"
                               "  national.growth: {dist: uniform, min: 0.0, max: 0.02, "
                               "mode: value}\n";

static dcd_sens_opts opts(void)
{
    dcd_sens_opts o = {
        .metric = DCD_T_DC_TWH, .nbase = 9000, .seed = 11, .threads = 1, .nboot = 50, .conf = 0.9};
    return o;
}

/* The files of S as one text. */
static void files(const dcd_sens *s, dcd_buf *b)
{
    gsl_test(dcd_sens_format_tornado(s, b) || dcd_sens_format_sobol(s, b), "formats");
}

int main(void)
{
    harness_init();
    dcd_diags d = {0};
    dcd_scenario *sc = NULL;
    int st = dcd_scenario_load_text("lin.yaml", SCENARIO, strlen(SCENARIO), NULL, 0, &sc, &d);
    gsl_test(st, "the scenario loads");
    if (st) {
        dcd_diags_print(&d, stderr);
        return gsl_test_summary();
    }
    dcd_sens_opts o = opts();
    dcd_sens *s1 = NULL, *s3 = NULL, *merged = NULL, *sh[2] = {0};
    gsl_test(dcd_sens_run(sc, &o, &s1, &d), "run on 1 thread");
    o.threads = 3;
    gsl_test(dcd_sens_run(sc, &o, &s3, &d), "run on 3 threads");
    dcd_diags_print(&d, stderr);
    if (!s1 || !s3)
        return gsl_test_summary();

    gsl_test(dcd_sens_dim(s1) != 2 || dcd_sens_year(s1) != 2030, "two inputs, 2030 by default");
    const dcd_sobol_index *ix = dcd_sens_indices(s1);
    gsl_test_abs(ix[0].first, 1.0, 0.03, "linear in E0: first-order index 1");
    gsl_test_abs(ix[0].total, 1.0, 0.03, "linear in E0: total index 1");
    gsl_test(ix[1].total != 0 || ix[1].first != 0, "no effect: both indices exactly 0");
    gsl_test(dcd_sens_rank(s1)[0] != 0, "E0 ranked first");
    const dcd_tornado_bar *t = dcd_sens_tornado(s1);
    double f = pow(1.2, 7);
    gsl_test(t[0].input != 0, "tornado: E0 first");
    gsl_test_rel(t[0].y_lo, 155 * f, 1e-9, "tornado: E0 at P10 = 155");
    gsl_test_rel(t[0].y_hi, 195 * f, 1e-9, "tornado: E0 at P90 = 195");
    gsl_test_rel(dcd_sens_base_value(s1), 175 * f, 1e-9, "tornado: all at medians");
    gsl_test(t[1].swing != 0, "tornado: no swing without effect");

    dcd_buf a = {0}, b = {0}, c = {0};
    files(s1, &a);
    files(s3, &b);
    gsl_test(a.len != b.len || memcmp(a.data, b.data, a.len) != 0, "same bytes on 1 and 3 threads");

    /* two shards, saved and loaded back, merged in reverse order */
    for (size_t i = 0; i < 2; i++) {
        dcd_sens *part = NULL;
        dcd_buf text = {0};
        o.shard = i + 1;
        o.nshards = 2;
        gsl_test(dcd_sens_run(sc, &o, &part, &d), "shard %zu runs", i + 1);
        gsl_test(!part || dcd_sens_save(part, &text), "shard %zu saved", i + 1);
        gsl_test(dcd_sens_load("s.txt", text.data, text.len, &sh[1 - i], &d), "shard %zu loads",
                 i + 1);
        if (i == 0) {
            dcd_sens *bad = NULL;
            dcd_diags bd = {0};
            gsl_test(dcd_sens_load("t.txt", text.data, text.len / 2, &bad, &bd) != DCD_EINPUT ||
                         bad || bd.n != 1,
                     "a truncated state is refused with a message");
            dcd_diags_free(&bd);
        }
        dcd_buf_free(&text);
        dcd_sens_free(part);
    }
    const char *names[2] = {"a", "b"};
    if (sh[0] && sh[1]) {
        gsl_test(dcd_sens_merge(sh, names, 2, &merged, &d), "merge");
        if (merged)
            files(merged, &c);
        gsl_test(a.len != c.len || memcmp(a.data, c.data, a.len) != 0,
                 "shards merged: the bytes of one run");
        dcd_sens *one = NULL;
        gsl_test(dcd_sens_merge(sh, names, 1, &one, &d) != DCD_EINPUT || one,
                 "one shard of two is refused");
    }
    dcd_buf_free(&a);
    dcd_buf_free(&b);
    dcd_buf_free(&c);
    dcd_sens_free(s1);
    dcd_sens_free(s3);
    dcd_sens_free(merged);
    dcd_sens_free(sh[0]);
    dcd_sens_free(sh[1]);
    dcd_diags_free(&d);
    dcd_scenario_free(sc);
    return gsl_test_summary();
}
