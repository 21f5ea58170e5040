/* cmd_mc.c - `dcdemand mc` (Monte Carlo over a scenario's uncertain
 * inputs) and `dcdemand merge` (shards of one mc run into its files).
 * The analysis is model/analysis/mc.c (dcd_mc.h); docs/uncertainty.md
 * describes both commands.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dcd_cli.h"
#include "dcd_engine.h"
#include "dcd_fs.h"
#include "dcd_mc.h"
#include "dcd_mc_chart.h"
#include "dcd_mcstats.h"
#include "dcd_output.h"
#include "dcd_uncertain.h"

static const char MC_HELP[] =
    "Usage: " DCD_PROGRAM " mc [OPTIONS] FILE\n"
    "Monte Carlo over the uncertain inputs of scenario FILE (its uncertainty: key):\n"
    "draw them N times, project each draw, and write to DIR/NAME/\n"
    "  quantiles.csv   mean, sd and percentiles per year and summary metric\n"
    "  exceedance.csv  the probability of each threshold, with its standard error\n"
    "  draws.csv       each draw's inputs and outputs (with --keep-draws)\n"
    "  fan.png         the share of national demand: median, P25-P75, P5-P95\n"
    "  share_cdf.png   the target-year share's distribution, thresholds marked\n"
    "then print the exceedance probabilities.  The same seed gives the same files\n"
    "whatever --threads; --shard I/N computes one part of the run, and\n"
    "`" DCD_PROGRAM " merge` combines the parts into the files of one run.\n\n"
    "Options:\n"
    "  -n, --draws N             draws (default 10000)\n"
    "      --seed S              seed (default 1)\n"
    "      --threads T           threads (default: the CPUs, at most 8)\n"
    "      --sampling METHOD     lhs (Latin hypercube, default) or random\n"
    "      --threshold METRIC@YEAR=VALUE\n"
    "                            estimate P(METRIC in YEAR > VALUE) (repeatable;\n"
    "                            default dc_share_pct in 2030 above 8, 11 and 12)\n"
    "      --percentiles LIST    more percentile columns, e.g. 1,99\n"
    "      --keep-draws          also write draws.csv\n"
    "      --max-failed-pct P    stop when more than P% of the draws cannot be\n"
    "                            projected (default 1)\n"
    "      --shard I/N           compute part I of N (1 <= I <= N) and write its\n"
    "                            state to DIR/NAME/mc-shard-I-of-N.txt\n"
    "  -o, --out DIR             output folder (default: out/mc)\n"
    "  -s, --set PATH=VALUE      override a scenario value (repeatable)\n"
    "      --no-plots            draw no charts (fan.png, share_cdf.png)\n"
    "  -q, --quiet               print no table, no progress\n"
    "  -h, --help                show this help and exit\n\n"
    "mc exits with status 4, writing nothing, when more draws fail than\n"
    "--max-failed-pct allows.\n\n";

static const char MERGE_HELP[] =
    "Usage: " DCD_PROGRAM " merge [OPTIONS] DIR...\n"
    "Combine the shard states (mc-shard-I-of-N.txt) found in the folders DIR (or\n"
    "given as files) into the files one `" DCD_PROGRAM " mc` run with the same\n"
    "seed writes, byte for byte, in DIR/NAME/, and print the exceedance table.\n"
    "Shards of `" DCD_PROGRAM " sensitivity` (sens-shard-I-of-N.txt) are merged the\n"
    "same way into its files and charts.\n\n"
    "Options:\n"
    "  -o, --out DIR   output folder (default: out/mc, or out/sensitivity)\n"
    "      --no-plots  draw no charts\n"
    "  -q, --quiet     print no table\n"
    "  -h, --help      show this help and exit\n\n";

enum {
    OPT_SEED = DCD_OPT_OWN_LONG,
    OPT_THREADS,
    OPT_SAMPLING,
    OPT_THRESHOLD,
    OPT_PCTS,
    OPT_KEEP,
    OPT_MAXFAIL,
    OPT_SHARD
};

typedef struct mc_args {
    dcd_mc_opts o;
    dcd_mc_threshold thr[DCD_MC_MAX_THRESHOLDS];
    double extra[DCD_MC_MAX_PCTS];
} mc_args;

static int parse_threshold(mc_args *a, const char *arg)
{
    const char *at = strchr(arg, '@'), *eq = at ? strchr(at, '=') : NULL;
    char metric[64], year[64];
    size_t ylen = eq ? (size_t)(eq - at - 1) : 0;
    double v;
    long y;
    if (!at || !eq || at == arg || (size_t)(at - arg) >= sizeof metric)
        return dcd_cli_usage("mc",
                             "--threshold '%s': expected METRIC@YEAR=VALUE, such as "
                             "dc_share_pct@2030=11",
                             arg);
    memcpy(metric, arg, (size_t)(at - arg));
    metric[at - arg] = '\0';
    if (ylen >= sizeof year)
        ylen = 0; /* too long for a year: "" fails below */
    memcpy(year, at + 1, ylen);
    year[ylen] = '\0';
    int m = dcd_total_index(metric), ok = 0;
    for (int k = 0; k < DCD_MC_NMETRIC; k++)
        ok |= dcd_mc_metrics[k] == m;
    if (!ok)
        return dcd_cli_usage("mc",
                             "--threshold '%s': '%s' is not a metric of mc (dc_twh, ai_twh, "
                             "national_twh, other_twh, dc_share_pct, ai_share_pct, "
                             "dc_load_gw, ai_load_gw)",
                             arg, metric);
    if (dcd_cli_whole(year, 1900, 2200, &y) != 0)
        return dcd_cli_usage("mc", "--threshold '%s': expected a year 1900-2200 after '@'", arg);
    if (dcd_cli_number(eq + 1, &v) != 0)
        return dcd_cli_usage("mc", "--threshold '%s': expected a number after '='", arg);
    if (a->o.nthresholds == DCD_MC_MAX_THRESHOLDS)
        return dcd_cli_usage("mc", "at most %d --threshold", DCD_MC_MAX_THRESHOLDS);
    a->thr[a->o.nthresholds++] = (dcd_mc_threshold){m, (int)y, v};
    a->o.thresholds = a->thr;
    return DCD_EXIT_OK;
}

/* Parses --percentiles P,P,...: each a number in (0, 100) by the rule of
 * every command (dcd_cli_number()), no item empty; a default percentile or
 * one given twice is kept once. */
static int parse_pcts(mc_args *a, const char *arg)
{
    char buf[512];
    const char *bad = "--percentiles '%s': expected percentiles between 0 and 100 (not "
                      "included) separated by commas, such as 1,99.5";
    if (strlen(arg) >= sizeof buf)
        return dcd_cli_usage("mc", bad, arg);
    strcpy(buf, arg);
    for (char *t = buf, *comma;; t = comma + 1) {
        double p;
        if ((comma = strchr(t, ',')) != NULL)
            *comma = '\0';
        if (dcd_cli_number(t, &p) || !(p > 0 && p < 100))
            return dcd_cli_usage("mc", bad, arg);
        int dup = 0;
        for (size_t k = 0; k < 7; k++)
            dup |= p == dcd_mcstats_default_pcts[k];
        for (size_t k = 0; k < a->o.nextra; k++)
            dup |= p == a->extra[k];
        if (!dup && a->o.nextra == DCD_MC_MAX_PCTS)
            return dcd_cli_usage("mc", "--percentiles '%s': at most %d besides the defaults", arg,
                                 DCD_MC_MAX_PCTS);
        if (!dup)
            a->extra[a->o.nextra++] = p;
        if (!comma)
            break;
    }
    a->o.extra_pcts = a->extra;
    return DCD_EXIT_OK;
}

static int mc_option(int c, const char *arg, void *ctx)
{
    mc_args *a = ctx;
    double v;
    long n;
    switch (c) {
    case 'n':
        if (dcd_cli_whole(arg, 1, 1000000000, &n) != 0)
            return dcd_cli_usage("mc", "--draws '%s': expected a whole number 1-1000000000", arg);
        a->o.ndraws = (size_t)n;
        return DCD_EXIT_OK;
    case OPT_SEED: return dcd_cli_parse_seed("mc", arg, &a->o.seed);
    case OPT_THREADS: return dcd_cli_parse_threads("mc", arg, &a->o.threads, DCD_THREADS_MAX);
    case OPT_SAMPLING:
        if (strcmp(arg, "lhs") && strcmp(arg, "random"))
            return dcd_cli_usage("mc", "--sampling '%s': expected lhs or random", arg);
        a->o.sampling = arg[0] == 'l' ? DCD_SAMPLING_LHS : DCD_SAMPLING_RANDOM;
        return DCD_EXIT_OK;
    case OPT_THRESHOLD: return parse_threshold(a, arg);
    case OPT_PCTS: return parse_pcts(a, arg);
    case OPT_KEEP: a->o.keep_draws = 1; return DCD_EXIT_OK;
    case OPT_MAXFAIL:
        if (dcd_cli_number(arg, &v) || !(v >= 0 && v <= 100))
            return dcd_cli_usage("mc", "--max-failed-pct '%s': expected a percentage 0-100", arg);
        a->o.max_failed_pct = v;
        return DCD_EXIT_OK;
    default: /* OPT_SHARD */ return dcd_cli_parse_shard("mc", arg, &a->o.shard, &a->o.nshards);
    }
}

/* ---- output --------------------------------------------------------------- */

/* Writes the files of a whole run (or a shard's state) into OUTDIR/NAME and
 * prints the table.  Returns an exit code. */
/* Writes quantiles.csv, exceedance.csv and (when kept) draws.csv into DIR
 * as one set (docs/files.md), the folder locked; an old draws.csv goes when
 * the draws are not kept, so that no file beside the new ones shows other
 * draws. */
static int write_set(const char *path, const dcd_mc *mc, const dcd_buf *q, const dcd_buf *e,
                     const dcd_buf *w, dcd_diags *diags)
{
    static const char *const names[3] = {"quantiles.csv", "exceedance.csv", "draws.csv"};
    const char *data[3] = {q->data ? q->data : "", e->data ? e->data : "", w->data ? w->data : ""};
    size_t len[3] = {q->len, e->len, w->len};
    dcd_dir dir = {.fd = -1};
    int rc = dcd_dir_open(path, DCD_DIR_CREATE | DCD_DIR_LOCK, &dir, diags);
    if (rc == DCD_OK)
        rc = dcd_dir_write_set(&dir, names, data, len, dcd_mc_has_draws(mc) ? 3 : 2, diags);
    if (rc == DCD_OK && !dcd_mc_has_draws(mc) && dcd_dir_unlink(&dir, "draws.csv") != 0 &&
        errno != ENOENT) {
        dcd_diags_add(diags, NULL, 0, 0, "%s/draws.csv: %s", path, strerror(errno));
        rc = DCD_EIO;
    }
    dcd_dir_close(&dir);
    return rc;
}

static int mc_output(const dcd_mc *mc, const char *outdir, int quiet, int plots, dcd_diags *diags)
{
    char dir[PATH_MAX];
    dcd_buf q = {0}, e = {0}, w = {0}, t = {0};
    int code = DCD_EXIT_OK, rc = DCD_OK;
    if (snprintf(dir, sizeof dir, "%s/%s", outdir, dcd_mc_name(mc)) >= (int)sizeof dir) {
        code = dcd_cli_usage("mc", "output folder name too long");
        goto out;
    }
    if (dcd_mc_is_shard(mc)) {
        char name[64];
        dcd_mc_shard_file(mc, name, sizeof name);
        if ((rc = dcd_mc_save(mc, &q)) == DCD_OK && dcd_mkdir_p(dir, diags) != 0)
            rc = DCD_EIO;
        if (rc == DCD_OK)
            rc = dcd_write_atomic(dir, name, q.data, q.len, diags);
        if (rc != DCD_OK) {
            code = dcd_cli_fail(diags, rc);
            goto out;
        }
        if (!quiet)
            printf("wrote %s/%s (%zu draws, %zu failed)\n", dir, name, dcd_mc_done(mc),
                   dcd_mc_failed(mc));
        goto out;
    }
    if ((rc = dcd_mc_format_quantiles(mc, &q)) == DCD_OK &&
        (rc = dcd_mc_format_exceedance(mc, &e)) == DCD_OK && dcd_mc_has_draws(mc))
        rc = dcd_mc_format_draws(mc, &w);
    if (rc == DCD_OK && !quiet)
        rc = dcd_mc_format_text(mc, &t);
    if (rc == DCD_OK)
        rc = write_set(dir, mc, &q, &e, &w, diags);
    if (rc != DCD_OK) {
        code = dcd_cli_fail(diags, rc);
        goto out;
    }
    if (plots) {
        rc = dcd_mc_draw_charts(mc, dir, NULL, diags);
    } else {
        static const char *const stems[2] = {DCD_MC_FAN_STEM, DCD_MC_CDF_STEM};
        rc = dcd_plot_remove_charts(dir, stems, 2, diags);
    }
    if (rc != DCD_OK) {
        if (!quiet) {
            fwrite(t.data, 1, t.len, stdout);
            printf("wrote %s/quantiles.csv, exceedance.csv%s (charts failed)\n", dir,
                   dcd_mc_has_draws(mc) ? ", draws.csv" : "");
        }
        code = dcd_cli_fail(diags, rc);
        goto out;
    }
    if (!quiet) {
        const char *why;
        size_t first = dcd_mc_first_failure(mc, &why);
        if (dcd_mc_failed(mc))
            dcd_cli_error("note: %zu of %zu draws failed to project and are left out of the "
                          "statistics; the first, draw %zu: %s",
                          dcd_mc_failed(mc), dcd_mc_ndraws(mc), first + 1, why);
        fwrite(t.data, 1, t.len, stdout);
        printf("wrote %s/quantiles.csv, exceedance.csv%s%s\n", dir,
               dcd_mc_has_draws(mc) ? ", draws.csv" : "",
               plots ? ", " DCD_MC_FAN_STEM ".png, " DCD_MC_CDF_STEM ".png" : "");
    }
out:
    dcd_buf_free(&q);
    dcd_buf_free(&e);
    dcd_buf_free(&w);
    dcd_buf_free(&t);
    return code;
}

int dcd_cmd_mc(int argc, char **argv)
{
    static const struct option own[] = {{"draws", required_argument, NULL, 'n'},
                                        {"seed", required_argument, NULL, OPT_SEED},
                                        {"threads", required_argument, NULL, OPT_THREADS},
                                        {"sampling", required_argument, NULL, OPT_SAMPLING},
                                        {"threshold", required_argument, NULL, OPT_THRESHOLD},
                                        {"percentiles", required_argument, NULL, OPT_PCTS},
                                        {"keep-draws", no_argument, NULL, OPT_KEEP},
                                        {"max-failed-pct", required_argument, NULL, OPT_MAXFAIL},
                                        {"shard", required_argument, NULL, OPT_SHARD},
                                        {NULL, 0, NULL, 0}};
    mc_args a = {
        .o = {.ndraws = 10000, .seed = 1, .sampling = DCD_SAMPLING_LHS, .max_failed_pct = 1}};
    dcd_cli_spec spec = {
        "mc",      MC_HELP, DCD_OPT_OUT | DCD_OPT_SET | DCD_OPT_QUIET | DCD_OPT_NO_PLOTS,
        "n:",      own,     0,
        mc_option, &a};
    dcd_cli_common co = {.outdir = "out/mc", .plots = 1};
    dcd_scenario **scs = NULL;
    dcd_mc *mc = NULL;
    dcd_diags diags = {0};
    dcd_cli_progress pr = {0};
    int code = dcd_cli_parse_one(&spec, argc, argv, &co, &scs);
    if (code != DCD_EXIT_OK || co.help)
        goto done;
    if (dcd_cli_progress_start(&pr, "mc", co.quiet)) {
        a.o.progress = dcd_cli_progress_show;
        a.o.progress_ctx = &pr;
    }
    int rc = dcd_mc_run(scs[0], &a.o, &mc, &diags);
    dcd_cli_progress_end(&pr);
    if (rc != DCD_OK) {
        code = dcd_cli_run_failed("mc", &diags, rc);
        goto done;
    }
    code = mc_output(mc, co.outdir, co.quiet, co.plots, &diags);
done:
    dcd_mc_free(mc);
    if (scs)
        dcd_cli_free_scenarios(scs, 1);
    dcd_strlist_free(&co.sets);
    dcd_diags_free(&diags);
    return code;
}

/* ---- merge ---------------------------------------------------------------- */

/* 1 when NAME is "mc-shard-I-of-N.txt". */
static int shard_name(const char *name)
{
    size_t i, n;
    int end = 0;
    int end2 = 0;
    return (sscanf(name, "mc-shard-%zu-of-%zu.txt%n", &i, &n, &end) == 2 && end > 0 &&
            name[end] == '\0') ||
           (sscanf(name, "sens-shard-%zu-of-%zu.txt%n", &i, &n, &end2) == 2 && end2 > 0 &&
            name[end2] == '\0');
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds ARG (a shard file, or a folder holding shard files) to FILES. */
static int collect(const char *arg, dcd_strlist *files, dcd_diags *d)
{
    struct stat st;
    if (stat(arg, &st) != 0) {
        dcd_diags_add(d, NULL, 0, 0, "%s: %s", arg, strerror(errno));
        return DCD_EINPUT;
    }
    if (!S_ISDIR(st.st_mode))
        return dcd_strlist_push(files, arg) == 0 ? DCD_OK : DCD_ENOMEM;
    DIR *dir = opendir(arg);
    if (!dir) {
        dcd_diags_add(d, NULL, 0, 0, "%s: %s", arg, strerror(errno));
        return DCD_EINPUT;
    }
    size_t before = files->n;
    int rc = DCD_OK;
    for (struct dirent *e; rc == DCD_OK && (e = readdir(dir));) {
        if (!shard_name(e->d_name))
            continue;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", arg, e->d_name);
        rc = dcd_strlist_push(files, path) == 0 ? DCD_OK : DCD_ENOMEM;
    }
    closedir(dir);
    qsort(files->v + before, files->n - before, sizeof *files->v, cmp_str);
    if (rc == DCD_OK && files->n == before) {
        dcd_diags_add(
            d, NULL, 0, 0,
            "%s: no shard state (mc-shard-I-of-N.txt or sens-shard-I-of-N.txt) in this folder",
            arg);
        rc = DCD_EINPUT;
    }
    return rc;
}

/* Reads and parses shard file PATH. */
static int load_shard(const char *path, dcd_mc **out, dcd_diags *d)
{
    FILE *f = fopen(path, "rb");
    dcd_buf text = {0};
    char chunk[65536];
    size_t n;
    if (!f) {
        dcd_diags_add(d, NULL, 0, 0, "%s: %s", path, strerror(errno));
        return DCD_EINPUT;
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        dcd_buf_append(&text, chunk, n);
    int err = ferror(f);
    fclose(f);
    int rc = err ? DCD_EINPUT : text.failed ? DCD_ENOMEM : DCD_OK;
    if (err)
        dcd_diags_add(d, NULL, 0, 0, "%s: read error", path);
    if (rc == DCD_OK)
        rc = dcd_mc_load(path, text.data ? text.data : "", text.len, out, d);
    dcd_buf_free(&text);
    return rc;
}

int dcd_cmd_merge(int argc, char **argv)
{
    static const char default_out[] = "out/mc";
    dcd_cli_spec spec = {"merge", MERGE_HELP, DCD_OPT_OUT | DCD_OPT_QUIET | DCD_OPT_NO_PLOTS,
                         NULL,    NULL,       0,
                         NULL,    NULL};
    dcd_cli_common co = {.outdir = default_out, .plots = 1};
    dcd_strlist files = {.owns = 1};
    dcd_mc **shards = NULL, *mc = NULL;
    dcd_diags diags = {0};
    int rc = DCD_OK, code = dcd_cli_parse(&spec, argc, argv, &co);
    if (code != DCD_EXIT_OK || co.help)
        goto done;
    if (argc - optind < 1) {
        code = dcd_cli_usage("merge", "missing DIR (a folder of mc --shard states)");
        goto done;
    }
    for (int i = optind; i < argc && rc == DCD_OK; i++)
        rc = collect(argv[i], &files, &diags);
    if (rc == DCD_OK && dcd_merge_is_sensitivity(files.v[0])) {
        code = dcd_merge_sensitivity((const char *const *)files.v, files.n,
                                     co.outdir == default_out ? "out/sensitivity" : co.outdir,
                                     co.quiet, co.plots);
        goto done;
    }
    if (rc == DCD_OK && !(shards = calloc(files.n, sizeof *shards)))
        rc = DCD_ENOMEM;
    for (size_t i = 0; rc == DCD_OK && i < files.n; i++)
        rc = load_shard(files.v[i], &shards[i], &diags);
    if (rc == DCD_OK)
        rc = dcd_mc_merge(shards, (const char *const *)files.v, files.n, &mc, &diags);
    if (rc != DCD_OK) {
        code = dcd_cli_fail_cmd("merge", &diags, rc);
        goto done;
    }
    code = mc_output(mc, co.outdir, co.quiet, co.plots, &diags);
done:
    for (size_t i = 0; shards && i < files.n; i++)
        dcd_mc_free(shards[i]);
    free(shards);
    dcd_mc_free(mc);
    dcd_strlist_free(&files);
    dcd_strlist_free(&co.sets);
    dcd_diags_free(&diags);
    return code;
}
