/* cmd_sensitivity.c - `dcdemand sensitivity` (tornado and Sobol indices of
 * one output over a scenario's uncertain inputs) and the sensitivity part of
 * `dcdemand merge`.  The analysis is model/analysis/sensitivity.c
 * (dcd_sensitivity.h); docs/uncertainty.md describes the command.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dcd_cli.h"
#include "dcd_engine.h"
#include "dcd_output.h"
#include "dcd_sensitivity.h"
#include "dcd_uncertain.h"

static const char SENS_HELP[] =
    "Usage: " DCD_PROGRAM " sensitivity [OPTIONS] FILE\n"
    "Which uncertain inputs of scenario FILE (its uncertainty: key) drive one output:\n"
    "a tornado (each input alone at its P10 and P90, the others at their medians)\n"
    "and Sobol indices, first order and total, with bootstrap intervals (Saltelli's\n"
    "design: N x (inputs + 2) evaluations; inputs drawn independently).  Writes to\n"
    "DIR/NAME/\n"
    "  tornado.csv   the tornado, by decreasing swing\n"
    "  sobol.csv     the indices and their intervals, by decreasing total index\n"
    "  tornado.png, sobol.png and their gnuplot scripts\n"
    "then prints the ranking and one line naming the inputs that explain most of\n"
    "the variance.  The same seed gives the same files whatever --threads;\n"
    "--shard I/N computes one part, and `" DCD_PROGRAM " merge` combines the parts.\n\n"
    "Options:\n"
    "      --metric METRIC       output studied (default dc_share_pct; any column\n"
    "                            of summary.csv)\n"
    "      --year YEAR           its year (default 2030, or the scenario's last)\n"
    "  -n, --base-rows N         base rows of the design, 2-1000000 (default 8192)\n"
    "      --seed S              seed (default 1)\n"
    "      --threads T           threads (default: the CPUs, at most 8)\n"
    "      --bootstrap B         bootstrap resamples for the intervals, 0-100000\n"
    "                            (default 500; 0: no intervals)\n"
    "      --confidence C        interval level in (0, 1) (default 0.95)\n"
    "      --shard I/N           compute part I of N (1 <= I <= N) and write its\n"
    "                            state to DIR/NAME/sens-shard-I-of-N.txt\n"
    "  -o, --out DIR             output folder (default: out/sensitivity)\n"
    "  -s, --set PATH=VALUE      override a scenario value (repeatable)\n"
    "      --no-plots            write no charts\n"
    "  -q, --quiet               print no table, no progress\n"
    "  -h, --help                show this help and exit\n\n";

enum {
    OPT_METRIC = DCD_OPT_OWN_LONG,
    OPT_YEAR,
    OPT_SEED,
    OPT_THREADS,
    OPT_BOOT,
    OPT_CONF,
    OPT_SHARD
};

/* The metric names, for the message of a bad --metric. */
static void metric_names(char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (int m = 0; m < DCD_NTOTAL && len + 1 < cap; m++) {
        int n = snprintf(out + len, cap - len, "%s%s", m ? ", " : "", dcd_total_info[m].name);
        if (n < 0 || (size_t)n >= cap - len)
            break;
        len += (size_t)n;
    }
}

static int sens_option(int c, const char *arg, void *ctx)
{
    dcd_sens_opts *o = ctx;
    double v;
    long n;
    switch (c) {
    case OPT_METRIC: {
        int m = dcd_total_index(arg);
        if (m < 0) {
            char names[1024];
            metric_names(names, sizeof names);
            return dcd_cli_usage("sensitivity", "--metric '%s': not a metric (%s)", arg, names);
        }
        o->metric = m;
        return DCD_EXIT_OK;
    }
    case OPT_YEAR:
        if (dcd_cli_whole(arg, 1900, 2200, &n) != 0)
            return dcd_cli_usage("sensitivity", "--year '%s': expected a year 1900-2200", arg);
        o->year = (int)n;
        return DCD_EXIT_OK;
    case 'n':
        if (dcd_cli_whole(arg, 2, DCD_SENS_MAX_BASE, &n) != 0)
            return dcd_cli_usage("sensitivity", "--base-rows '%s': expected a whole number 2-%d",
                                 arg, DCD_SENS_MAX_BASE);
        o->nbase = (size_t)n;
        return DCD_EXIT_OK;
    case OPT_SEED: return dcd_cli_parse_seed("sensitivity", arg, &o->seed);
    case OPT_THREADS:
        return dcd_cli_parse_threads("sensitivity", arg, &o->threads, DCD_THREADS_MAX);
    case OPT_BOOT:
        if (dcd_cli_whole(arg, 0, DCD_SENS_MAX_BOOT, &n) != 0)
            return dcd_cli_usage("sensitivity", "--bootstrap '%s': expected a whole number 0-%d",
                                 arg, DCD_SENS_MAX_BOOT);
        o->nboot = (size_t)n;
        return DCD_EXIT_OK;
    case OPT_CONF:
        if (dcd_cli_number(arg, &v) || !(v > 0 && v < 1))
            return dcd_cli_usage("sensitivity",
                                 "--confidence '%s': expected a level between 0 and 1, such as "
                                 "0.95",
                                 arg);
        o->conf = v;
        return DCD_EXIT_OK;
    default: /* OPT_SHARD */ return dcd_cli_parse_shard("sensitivity", arg, &o->shard, &o->nshards);
    }
}

/* ---- output --------------------------------------------------------------- */

/* Writes a shard's state, or the files and charts of a whole run, into
 * OUTDIR/NAME and prints the table.  Returns an exit code. */
static int sens_output(const dcd_sens *s, const char *outdir, int quiet, int plots,
                       dcd_diags *diags)
{
    char dir[PATH_MAX];
    dcd_buf a = {0}, b = {0}, t = {0};
    int code = DCD_EXIT_OK, rc = DCD_OK;
    if (snprintf(dir, sizeof dir, "%s/%s", outdir, dcd_sens_name(s)) >= (int)sizeof dir) {
        code = dcd_cli_usage("sensitivity", "output folder name too long");
        goto out;
    }
    if (dcd_sens_is_shard(s)) {
        char name[64];
        dcd_sens_shard_file(s, name, sizeof name);
        if ((rc = dcd_sens_save(s, &a)) == DCD_OK && dcd_mkdir_p(dir, diags) != 0)
            rc = DCD_EIO;
        if (rc == DCD_OK)
            rc = dcd_write_atomic(dir, name, a.data, a.len, diags);
        if (rc != DCD_OK)
            code = dcd_cli_fail(diags, rc);
        else if (!quiet)
            printf("wrote %s/%s\n", dir, name);
        goto out;
    }
    if ((rc = dcd_sens_format_tornado(s, &a)) == DCD_OK)
        rc = dcd_sens_format_sobol(s, &b);
    if (rc == DCD_OK && !quiet)
        rc = dcd_sens_format_text(s, &t);
    if (rc == DCD_OK && dcd_mkdir_p(dir, diags) != 0)
        rc = DCD_EIO;
    if (rc == DCD_OK && (rc = dcd_write_atomic(dir, "tornado.csv", a.data, a.len, diags)) == DCD_OK)
        rc = dcd_write_atomic(dir, "sobol.csv", b.data, b.len, diags);
    if (rc == DCD_OK && plots) {
        dcd_plot_opts po;
        dcd_plot_opts_default(&po);
        rc = dcd_sens_draw_charts(s, dir, &po, diags);
    }
    if (rc != DCD_OK) {
        code = dcd_cli_fail_cmd("sensitivity", diags, rc);
        goto out;
    }
    if (!quiet) {
        fwrite(t.data, 1, t.len, stdout);
        printf("wrote %s/tornado.csv, sobol.csv%s\n", dir, plots ? ", tornado.png, sobol.png" : "");
    }
out:
    dcd_buf_free(&a);
    dcd_buf_free(&b);
    dcd_buf_free(&t);
    return code;
}

int dcd_cmd_sensitivity(int argc, char **argv)
{
    static const struct option own[] = {{"metric", required_argument, NULL, OPT_METRIC},
                                        {"year", required_argument, NULL, OPT_YEAR},
                                        {"base-rows", required_argument, NULL, 'n'},
                                        {"seed", required_argument, NULL, OPT_SEED},
                                        {"threads", required_argument, NULL, OPT_THREADS},
                                        {"bootstrap", required_argument, NULL, OPT_BOOT},
                                        {"confidence", required_argument, NULL, OPT_CONF},
                                        {"shard", required_argument, NULL, OPT_SHARD},
                                        {NULL, 0, NULL, 0}};
    dcd_sens_opts o = {
        .metric = DCD_T_DC_SHARE_PCT, .nbase = 8192, .seed = 1, .nboot = 500, .conf = 0.95};
    dcd_cli_spec spec = {
        "sensitivity", SENS_HELP, DCD_OPT_OUT | DCD_OPT_SET | DCD_OPT_QUIET | DCD_OPT_NO_PLOTS,
        "n:",          own,       0,
        sens_option,   &o};
    dcd_cli_common co = {.outdir = "out/sensitivity", .plots = 1};
    dcd_scenario **scs = NULL;
    dcd_sens *s = NULL;
    dcd_diags diags = {0};
    dcd_cli_progress pr = {0};
    int code = dcd_cli_parse_one(&spec, argc, argv, &co, &scs);
    if (code != DCD_EXIT_OK || co.help)
        goto done;
    if (dcd_cli_progress_start(&pr, "sensitivity", co.quiet)) {
        o.progress = dcd_cli_progress_show;
        o.progress_ctx = &pr;
    }
    int rc = dcd_sens_run(scs[0], &o, &s, &diags);
    dcd_cli_progress_end(&pr);
    if (rc != DCD_OK) {
        code = dcd_cli_run_failed("sensitivity", &diags, rc);
        goto done;
    }
    if (!co.quiet && dcd_sens_had_corr(s))
        dcd_cli_error("note: sensitivity draws the inputs independently; the rank correlations "
                      "of %s are not applied",
                      argv[optind]);
    code = sens_output(s, co.outdir, co.quiet, co.plots, &diags);
done:
    dcd_sens_free(s);
    if (scs)
        dcd_cli_free_scenarios(scs, 1);
    dcd_strlist_free(&co.sets);
    dcd_diags_free(&diags);
    return code;
}

/* ---- merge ---------------------------------------------------------------- */

int dcd_merge_sensitivity(const char *const *files, size_t n, const char *outdir, int quiet,
                          int plots)
{
    dcd_sens **shards = calloc(n ? n : 1, sizeof *shards), *s = NULL;
    dcd_diags diags = {0};
    int rc = shards ? DCD_OK : DCD_ENOMEM, code = DCD_EXIT_OK;
    for (size_t i = 0; rc == DCD_OK && i < n; i++) {
        FILE *f = fopen(files[i], "rb");
        dcd_buf text = {0};
        char chunk[65536];
        size_t got;
        if (!f) {
            dcd_diags_add(&diags, NULL, 0, 0, "%s: %s", files[i], strerror(errno));
            rc = DCD_EINPUT;
            break;
        }
        while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
            dcd_buf_append(&text, chunk, got);
        int err = ferror(f);
        fclose(f);
        rc = err ? DCD_EINPUT : text.failed ? DCD_ENOMEM : DCD_OK;
        if (err)
            dcd_diags_add(&diags, NULL, 0, 0, "%s: read error", files[i]);
        if (rc == DCD_OK)
            rc = dcd_sens_load(files[i], text.data ? text.data : "", text.len, &shards[i], &diags);
        dcd_buf_free(&text);
    }
    if (rc == DCD_OK)
        rc = dcd_sens_merge(shards, files, n, &s, &diags);
    if (rc != DCD_OK)
        code = dcd_cli_fail_cmd("merge", &diags, rc);
    else
        code = sens_output(s, outdir, quiet, plots, &diags);
    for (size_t i = 0; shards && i < n; i++)
        dcd_sens_free(shards[i]);
    free(shards);
    dcd_sens_free(s);
    dcd_diags_free(&diags);
    return code;
}

int dcd_merge_is_sensitivity(const char *path)
{
    size_t n = strlen(dcd_sens_state_magic);
    char head[64];
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t got = fread(head, 1, n, f);
    fclose(f);
    return got == n && memcmp(head, dcd_sens_state_magic, n) == 0;
}
