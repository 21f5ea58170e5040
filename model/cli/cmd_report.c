/* cmd_report.c - `dcdemand report`: everything a report needs, in one
 * folder, from one command.
 *
 * DIR/NAME/ for each scenario (as `run` writes it, with its charts),
 * DIR/compare/ (as `compare` writes it) when there are two or more, and
 * DIR/index.md linking them all with titles, sources and key figures.
 * Every file depends only on the inputs, so a second run on unchanged
 * inputs gives the same bytes (and dcd_write_atomic leaves such files
 * untouched).  docs/compare.md describes the command.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_cli.h"
#include "dcd_compare.h"
#include "dcd_engine.h"
#include "dcd_output.h"
#include "dcd_plot.h"
#include "dcd_plot_overlay.h"

static const char REPORT_HELP[] =
    "Usage: " DCD_PROGRAM " report [OPTIONS] FILE...\n"
    "Regenerate everything a report needs for the scenario FILEs in one folder:\n"
    "  DIR/NAME/      each scenario's results and charts, as 'run' writes them\n"
    "  DIR/compare/   the comparison of the scenarios, as 'compare' writes it\n"
    "                 (with two or more FILEs)\n"
    "  DIR/index.md   a Markdown page linking them all, with each scenario's title,\n"
    "                 sources and key figures\n"
    "The same inputs give the same bytes; files whose bytes are unchanged are not\n"
    "rewritten.\n\n"
    "Options:\n"
    "  -o, --out DIR          output folder (default: out/report)\n"
    "  -y, --years LIST       years of the key figures and the comparison\n"
    "                         (default: 2025,2030,2035, those a scenario has)\n"
    "  -s, --set PATH=VALUE   override for every FILE (repeatable)\n"
    "      --no-plots         write no charts\n"
    "  -q, --quiet            print nothing on success\n"
    "  -h, --help             show this help and exit\n\n";

/* Key figures shown for each scenario in index.md. */
static const int KEY_METRICS[] = {DCD_T_DC_TWH, DCD_T_AI_TWH, DCD_T_NATIONAL_TWH,
                                  DCD_T_DC_SHARE_PCT, DCD_T_AI_SHARE_PCT, DCD_T_DC_IT_GW};
#define NKEY (sizeof KEY_METRICS / sizeof *KEY_METRICS)

static void put_fixed(dcd_buf *b, double x, int dec)
{
    if (isnan(x)) {
        dcd_buf_puts(b, "-");
        return;
    }
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*f", dec, x);
    if (strspn(tmp, "-0.") == strlen(tmp))
        snprintf(tmp, sizeof tmp, "%.*f", dec, 0.0);
    dcd_buf_puts(b, tmp);
}

static int metric_dec(int m)
{
    return strcmp(dcd_total_info[m].unit, "%") == 0 ? 2 : 1;
}

/* The years of a scenario's key figures: its base year, the comparison's
 * years within its range, and its last year; ascending, no repeats. */
static size_t key_years(const dcd_scenario *sc, const dcd_compare *c, int *out)
{
    size_t n = 0;
    int cand[DCD_COMPARE_MAX_YEARS + 2];
    cand[n++] = sc->base;
    for (size_t i = 0; i < c->nyears; i++)
        if (c->years[i] >= sc->start && c->years[i] <= sc->end)
            cand[n++] = c->years[i];
    cand[n++] = sc->end;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int dup = 0;
        for (size_t j = 0; j < k; j++)
            dup |= out[j] == cand[i];
        if (!dup)
            out[k++] = cand[i];
    }
    for (size_t i = 1; i < k; i++)
        for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
            int t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return k;
}

static int build_index(dcd_scenario **scs, dcd_results **res, int n, const dcd_compare *c,
                       const char *const *sets, size_t nsets, int plots, int *drawn,
                       dcd_buf *b)
{
    char safe[65];
    dcd_buf_puts(b, "# Data-centre electricity: scenario report\n\n");
    dcd_buf_printf(b, "Written by dcdemand %s from %d scenario%s", DCD_VERSION, n,
                   n == 1 ? "" : "s");
    if (nsets) {
        dcd_buf_puts(b, ", every one with");
        for (size_t k = 0; k < nsets; k++) {
            dcd_buf_puts(b, k ? ", " : " ");
            dcd_buf_puts(b, "--set ");
            dcd_md_text(b, sets[k]);
        }
    }
    dcd_buf_puts(b, ".  Each scenario's folder holds summary.csv, segments.csv, results.json, "
                    "the resolved scenario.yaml");
    dcd_buf_puts(b, plots ? " and its charts (with the gnuplot scripts that draw them).\n\n"
                          : ".\n\n");

    /* Overview: the data-centre share in the comparison's years. */
    dcd_buf_puts(b, "| scenario | title | years |");
    for (size_t y = 0; y < c->nyears; y++)
        dcd_buf_printf(b, " DC share %d (%%) |", c->years[y]);
    dcd_buf_puts(b, "\n|---|---|---|");
    for (size_t y = 0; y < c->nyears; y++)
        dcd_buf_puts(b, "--:|");
    dcd_buf_puts(b, "\n");
    for (int i = 0; i < n; i++) {
        dcd_scenario_safe_name(scs[i], safe);
        dcd_buf_printf(b, "| [%s](#%s) | ", safe, safe);
        dcd_md_text(b, scs[i]->title ? scs[i]->title : scs[i]->name);
        dcd_buf_printf(b, " | %d-%d |", scs[i]->start, scs[i]->end);
        for (size_t y = 0; y < c->nyears; y++) {
            dcd_buf_puts(b, " ");
            put_fixed(b, dcd_compare_value(res[i], DCD_T_DC_SHARE_PCT, c->years[y]), 2);
            dcd_buf_puts(b, " |");
        }
        dcd_buf_puts(b, "\n");
    }
    if (n >= 2)
        dcd_buf_puts(b, "\nThe comparison of every input and result, with overlay charts: "
                        "[compare/compare.md](compare/compare.md) (tidy data: "
                        "[compare/compare.csv](compare/compare.csv)).\n");

    for (int i = 0; i < n; i++) {
        const dcd_scenario *sc = scs[i];
        dcd_scenario_safe_name(sc, safe);
        dcd_buf_printf(b, "\n<a id=\"%s\"></a>\n\n## %s\n\n", safe, safe);
        if (sc->title) {
            dcd_buf_puts(b, "**");
            dcd_md_text(b, sc->title);
            dcd_buf_puts(b, "**\n\n");
        }
        if (sc->description) {
            dcd_md_text(b, sc->description);
            dcd_buf_puts(b, "\n\n");
        }
        dcd_buf_puts(b, "- Scenario file: ");
        dcd_md_text(b, sc->path);
        dcd_buf_printf(b, " (name ");
        dcd_md_text(b, sc->name);
        dcd_buf_printf(b, "; years %d-%d, base %d; %zu segment%s)\n", sc->start, sc->end,
                       sc->base, sc->nsegments, sc->nsegments == 1 ? "" : "s");
        dcd_buf_printf(b, "- Results: [summary.csv](%s/summary.csv), [segments.csv](%s/segments.csv), "
                          "[results.json](%s/results.json), [scenario.yaml](%s/scenario.yaml)\n",
                       safe, safe, safe, safe);
        if (sc->nsources) {
            dcd_buf_puts(b, "- Sources:\n");
            for (size_t k = 0; k < sc->nsources; k++) {
                dcd_buf_puts(b, "  - ");
                dcd_md_text(b, sc->sources[k]);
                dcd_buf_puts(b, "\n");
            }
        } else {
            dcd_buf_puts(b, "- Sources: none named in the scenario\n");
        }

        int ys[DCD_COMPARE_MAX_YEARS + 2];
        size_t ny = key_years(sc, c, ys);
        dcd_buf_puts(b, "\n| metric | unit |");
        for (size_t y = 0; y < ny; y++)
            dcd_buf_printf(b, " %d |", ys[y]);
        dcd_buf_puts(b, "\n|---|---|");
        for (size_t y = 0; y < ny; y++)
            dcd_buf_puts(b, "--:|");
        dcd_buf_puts(b, "\n");
        for (size_t k = 0; k < NKEY; k++) {
            int m = KEY_METRICS[k];
            dcd_buf_printf(b, "| %s | ", dcd_total_info[m].label);
            dcd_md_text(b, dcd_total_info[m].unit);
            dcd_buf_puts(b, " |");
            for (size_t y = 0; y < ny; y++) {
                dcd_buf_puts(b, " ");
                put_fixed(b, dcd_compare_value(res[i], m, ys[y]), metric_dec(m));
                dcd_buf_puts(b, " |");
            }
            dcd_buf_puts(b, "\n");
        }
        if (plots && drawn[i])
            for (int ch = 0; ch < DCD_NCHART; ch++)
                if (dcd_plot_chart_applies(res[i], ch))
                    dcd_buf_printf(b, "\n![%s: %s chart](%s/%s.png)\n", safe,
                                   dcd_chart_name(ch), safe, dcd_chart_name(ch));
    }
    return b->failed ? -1 : 0;
}

int dcd_cmd_report(int argc, char **argv)
{
    enum { OPT_NO_PLOTS = 256 };
    static const struct option opts[] = {{"out", required_argument, NULL, 'o'},
                                         {"years", required_argument, NULL, 'y'},
                                         {"set", required_argument, NULL, 's'},
                                         {"no-plots", no_argument, NULL, OPT_NO_PLOTS},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *outdir = "out/report";
    int quiet = 0, plots = 1, c, code = DCD_EXIT_OK, nfiles = 0, plot_code = DCD_EXIT_OK;
    int years[DCD_COMPARE_MAX_YEARS];
    size_t nyears = 0;
    dcd_strlist set = {0};
    dcd_scenario **scs = NULL;
    dcd_results **res = NULL;
    dcd_compare_col *cols = NULL;
    dcd_compare *cmp = NULL;
    char (*labels)[65] = NULL;
    int *drawn = NULL;
    dcd_diags diags = {0};
    dcd_buf dir = {0}, index = {0};

    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:y:s:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            outdir = optarg;
            break;
        case 'y': {
            const char *p = optarg;
            nyears = 0;
            for (;;) {
                char *end;
                long y = strtol(p, &end, 10);
                if (end == p || y < 1900 || y > 2200 || nyears == DCD_COMPARE_MAX_YEARS ||
                    (*end && *end != ',')) {
                    code = dcd_cli_usage("report", "--years '%s': expected years 1900-2200 "
                                                   "separated by commas", optarg);
                    goto done;
                }
                years[nyears++] = (int)y;
                if (!*end)
                    break;
                p = end + 1;
            }
            break;
        }
        case 's':
            if (dcd_strlist_push(&set, optarg) != 0) {
                code = DCD_EXIT_INTERNAL;
                goto done;
            }
            break;
        case OPT_NO_PLOTS:
            plots = 0;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            fputs(REPORT_HELP, stdout);
            fputs(dcd_exit_help, stdout);
            goto done;
        default:
            code = dcd_cli_bad_option("report", argv, c);
            goto done;
        }
    }
    if (argc - optind < 1) {
        code = dcd_cli_usage("report", "missing scenario FILE");
        goto done;
    }
    if (!*outdir) {
        code = dcd_cli_usage("report", "empty output folder");
        goto done;
    }
    code = dcd_cli_load_all(argv + optind, argc - optind, set.v, set.n, &scs);
    if (code != DCD_EXIT_OK)
        goto done;
    nfiles = argc - optind;

    labels = calloc((size_t)nfiles, sizeof *labels);
    res = calloc((size_t)nfiles, sizeof *res);
    cols = calloc((size_t)nfiles, sizeof *cols);
    drawn = calloc((size_t)nfiles, sizeof *drawn);
    if (!labels || !res || !cols || !drawn) {
        code = DCD_EXIT_INTERNAL;
        goto done;
    }
    for (int i = 0; i < nfiles; i++) {
        dcd_scenario_safe_name(scs[i], labels[i]);
        if (strcmp(labels[i], "compare") == 0) {
            code = dcd_cli_usage("report", "%s: a scenario named 'compare' would write into %s/"
                                           "compare/, where the comparison goes; rename it",
                                 scs[i]->path, outdir);
            goto done;
        }
    }
    code = dcd_cli_distinct_folders("report", scs, nfiles, outdir);
    if (code != DCD_EXIT_OK)
        goto done;

    /* Compute everything before writing anything. */
    for (int i = 0; i < nfiles; i++) {
        int rc = dcd_project_new(scs[i], &res[i], &diags);
        if (rc != DCD_OK) {
            code = dcd_cli_fail(&diags, rc);
            goto done;
        }
        cols[i].label = labels[i];
        cols[i].sc = scs[i];
        cols[i].r = res[i];
    }
    int rc = dcd_compare_build(cols, (size_t)nfiles, years, nyears, set.v, set.n, &cmp);
    if (rc == DCD_EUSAGE) {
        code = dcd_cli_usage("report", "--years: no scenario has any of these years");
        goto done;
    }
    if (rc != DCD_OK) {
        code = DCD_EXIT_INTERNAL;
        goto done;
    }

    if (dcd_mkdir_p(outdir, &diags) != 0) {
        code = dcd_cli_fail(&diags, DCD_EIO);
        goto done;
    }
    for (int i = 0; i < nfiles; i++) {
        rc = dcd_write_run(scs[i], res[i], outdir, DCD_VERSION, &dir, &diags);
        if (rc != DCD_OK) {
            code = dcd_cli_fail(&diags, rc);
            goto done;
        }
        if (!quiet)
            printf("wrote %s/\n", dir.data);
        if (plots) {
            /* A chart failure is reported (exit code 6) but does not stop
             * the rest of the report. */
            dcd_plot_opts po;
            dcd_plot_meta meta;
            dcd_plot_opts_default(&po);
            dcd_plot_meta_from(scs[i], &meta);
            rc = dcd_plot_draw(&meta, res[i], dir.data, &po, &diags);
            drawn[i] = rc == DCD_OK;
            if (rc != DCD_OK) {
                int pc = dcd_cli_fail(&diags, rc == DCD_ENOMEM ? rc : DCD_EPLOT);
                dcd_diags_free(&diags);
                if (plot_code == DCD_EXIT_OK)
                    plot_code = pc;
            }
        }
    }
    if (nfiles >= 2) {
        dcd_buf_clear(&dir);
        dcd_buf_printf(&dir, "%s/compare", outdir);
        if (dir.failed) {
            code = DCD_EXIT_INTERNAL;
            goto done;
        }
        rc = dcd_compare_write(cmp, dir.data, 0, plots, &diags);
        if (rc == DCD_EPLOT) {
            int pc = dcd_cli_fail(&diags, rc);
            dcd_diags_free(&diags);
            if (plot_code == DCD_EXIT_OK)
                plot_code = pc;
        } else if (rc != DCD_OK) {
            code = dcd_cli_fail(&diags, rc);
            goto done;
        }
        if (!quiet)
            printf("wrote %s/\n", dir.data);
    }
    if (build_index(scs, res, nfiles, cmp, set.v, set.n, plots, drawn, &index) != 0) {
        code = DCD_EXIT_INTERNAL;
        goto done;
    }
    rc = dcd_write_atomic(outdir, "index.md", index.data, index.len, &diags);
    if (rc != DCD_OK) {
        code = dcd_cli_fail(&diags, rc);
        goto done;
    }
    if (!quiet)
        printf("wrote %s/index.md\n", outdir);
    code = plot_code;
done:
    dcd_compare_free(cmp);
    if (res)
        for (int i = 0; i < nfiles; i++)
            dcd_results_free(res[i]);
    free(res);
    dcd_cli_free_scenarios(scs, nfiles);
    free(cols);
    free(labels);
    free(drawn);
    dcd_strlist_free(&set);
    dcd_diags_free(&diags);
    dcd_buf_free(&dir);
    dcd_buf_free(&index);
    return code;
}
