/* cmd_sweep.c - `dcdemand sweep`: run a scenario over a grid of one or two
 * parameters.
 *
 * Each grid point is the scenario loaded with the --set mechanism: the
 * global --set overrides, then `PATH=VALUE` for each varied parameter, so a
 * point gives exactly what `dcdemand run FILE --set PATH=VALUE` gives.  The
 * analysis is model/analysis/sweep.c (dcd_sweep.h); this file parses the
 * options, calls it, writes and prints.
 * docs/compare.md describes the command.
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
#include "dcd_sweep.h"

static const char SWEEP_HELP[] =
    "Usage: " DCD_PROGRAM " sweep [OPTIONS] FILE --vary PATH=RANGE [--vary PATH=RANGE]\n"
    "Run scenario FILE over a grid of one or two parameters and write every\n"
    "summary metric of every year of every point to DIR/sweep.csv, with charts:\n"
    "for one parameter, the metric by year (one curve per value) and the metric in\n"
    "the chosen year against the parameter; for two, a heat map of the metric in\n"
    "the chosen year.  Each point is the scenario with --set PATH=VALUE.\n\n"
    "RANGE is FROM:TO:STEP (values FROM + i*STEP up to TO, TO included) or a list\n"
    "V1,V2,... of numbers:\n"
    "  " DCD_PROGRAM " sweep scenarios/mckinsey-2024.yaml --vary segments.ai.utilisation=0.3:0.9:0.1\n"
    "At most " "10000" " grid points.\n\n"
    "Options:\n"
    "  -v, --vary PATH=RANGE  a parameter to vary (once or twice)\n"
    "  -m, --metric NAME      metric of the charts and the table (default\n"
    "                         dc_share_pct; any column of summary.csv)\n"
    "  -y, --year YEAR        year of the table, the year chart and the heat map\n"
    "                         (default 2030)\n"
    "  -o, --out DIR          output folder (default: out/sweep)\n"
    "  -s, --set PATH=VALUE   override for every point (repeatable)\n"
    "      --no-plots         write no charts\n"
    "  -q, --quiet            print no table\n"
    "  -h, --help             show this help and exit\n\n";

int dcd_cmd_sweep(int argc, char **argv)
{
    enum { OPT_NO_PLOTS = 256 };
    static const struct option opts[] = {{"vary", required_argument, NULL, 'v'},
                                         {"metric", required_argument, NULL, 'm'},
                                         {"year", required_argument, NULL, 'y'},
                                         {"out", required_argument, NULL, 'o'},
                                         {"set", required_argument, NULL, 's'},
                                         {"no-plots", no_argument, NULL, OPT_NO_PLOTS},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *outdir = "out/sweep", *metric_name = "dc_share_pct";
    int year = 2030, quiet = 0, charts = 1, c, code = DCD_EXIT_OK, metric;
    dcd_vary vary[2];
    size_t nvary = 0;
    dcd_strlist set = {0};
    dcd_source *src = NULL;
    dcd_diags diags = {0};
    dcd_buf table = {0}, name = {0};
    dcd_sweep sw = {0};
    char why[512];
    memset(vary, 0, sizeof vary);

    optind = 1;
    while ((c = getopt_long(argc, argv, ":v:m:y:o:s:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'v': {
            if (nvary == 2) {
                code = dcd_cli_usage("sweep", "at most two --vary");
                goto done;
            }
            int rc = dcd_vary_parse(optarg, &vary[nvary], why, sizeof why);
            if (rc == DCD_ENOMEM) {
                code = DCD_EXIT_INTERNAL;
                goto done;
            }
            if (rc != DCD_OK) {
                code = dcd_cli_usage("sweep", "%s", why);
                goto done;
            }
            nvary++;
            break;
        }
        case 'm':
            metric_name = optarg;
            break;
        case 'y': {
            char *end;
            long y = strtol(optarg, &end, 10);
            if (*end || end == optarg || y < 1900 || y > 2200) {
                code = dcd_cli_usage("sweep", "--year '%s': expected a year 1900-2200", optarg);
                goto done;
            }
            year = (int)y;
            break;
        }
        case 'o':
            outdir = optarg;
            break;
        case 's':
            if (dcd_strlist_push(&set, optarg) != 0) {
                code = DCD_EXIT_INTERNAL;
                goto done;
            }
            break;
        case OPT_NO_PLOTS:
            charts = 0;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            fputs(SWEEP_HELP, stdout);
            fputs(dcd_exit_help, stdout);
            goto done;
        default:
            code = dcd_cli_bad_option("sweep", argv, c);
            goto done;
        }
    }
    if (argc - optind != 1) {
        code = dcd_cli_usage("sweep", argc - optind < 1 ? "missing scenario FILE"
                                                        : "give exactly one scenario FILE");
        goto done;
    }
    if (nvary == 0) {
        code = dcd_cli_usage("sweep", "missing --vary PATH=FROM:TO:STEP (or PATH=V1,V2,...)");
        goto done;
    }
    if (nvary == 2 && strcmp(vary[0].path, vary[1].path) == 0) {
        code = dcd_cli_usage("sweep", "--vary %s is given twice", vary[0].path);
        goto done;
    }
    metric = dcd_total_index(metric_name);
    if (metric < 0) {
        code = dcd_cli_usage("sweep", "--metric '%s': not a column of summary.csv (dc_twh, "
                                      "ai_twh, dc_share_pct, dc_it_gw, co2_mt, ...)", metric_name);
        goto done;
    }
    if (!*outdir) {
        code = dcd_cli_usage("sweep", "empty output folder");
        goto done;
    }
    size_t n1 = vary[0].n, n2 = nvary > 1 ? vary[1].n : 1;
    if (n1 * n2 > DCD_SWEEP_MAX_POINTS) {
        code = dcd_cli_usage("sweep", "the grid has %zu x %zu = %zu points; at most %d", n1, n2,
                             n1 * n2, DCD_SWEEP_MAX_POINTS);
        goto done;
    }
    const char *file = argv[optind];
    /* Read and parse the file once; each grid point copies the tree. */
    int rc = dcd_source_open(file, &src, &diags);
    if (rc != DCD_OK) {
        code = dcd_cli_fail(&diags, rc);
        goto done;
    }
    dcd_sweep_opts so = {set.v, set.n, vary, nvary, metric, year};
    rc = dcd_sweep_run(src, &so, &sw, &diags);
    if (rc == DCD_EUSAGE && sw.first) {
        code = dcd_cli_usage("sweep", "--year %d is outside the years of %s (%d-%d)", year, file,
                             sw.first->start, sw.first->end);
        goto done;
    }
    if (rc != DCD_OK) {
        if (rc != DCD_ENOMEM) {
            dcd_sweep_point_name(&so, &sw, sw.failed_point, &name);
            dcd_cli_error("grid point %s: %s", dcd_buf_str(&name),
                          rc == DCD_EINPUT ? "the scenario is not valid with these values"
                                           : "the projection failed");
        }
        code = dcd_cli_fail(&diags, rc);
        goto done;
    }

    /* The files first, the table last: a closed pipe loses no file. */
    if (dcd_mkdir_p(outdir, &diags) != 0 ||
        dcd_write_atomic(outdir, "sweep.csv", sw.csv.data, sw.csv.len, &diags) != DCD_OK) {
        code = dcd_cli_fail(&diags, DCD_EIO);
        goto done;
    }
    if (!quiet && dcd_sweep_format_text(&sw, &so, &table) != 0) {
        code = dcd_cli_fail(&diags, DCD_ENOMEM);
        goto done;
    }
    if (!quiet)
        for (size_t k = 0; k < nvary; k++)
            if (dcd_sweep_no_effect(&sw, &so, k))
                dcd_cli_error("note: varying %s leaves %s unchanged in every year; is it "
                              "overridden elsewhere (for example a fleet-wide pue under segments "
                              "with their own)?",
                              vary[k].path, dcd_total_info[metric].name);
    if (charts && !dcd_sweep_any_value(&sw)) {
        dcd_cli_error("note: %s has no value in any grid point (%s); no charts drawn",
                      dcd_total_info[metric].name,
                      metric == DCD_T_CO2_MT ? "it needs grid_intensity_g_per_kwh"
                                             : "the scenario does not determine it");
        charts = 0;
    }
    if (charts) {
        dcd_sweep_chart sch = {0};
        sch.name = sw.first->name;
        sch.title = sw.first->title;
        sch.metric = metric;
        sch.year = year;
        sch.vary = vary;
        sch.nvary = nvary;
        sch.start = sw.start;
        sch.ny = sw.ny;
        sch.y = (const double *const *)sw.y;
        rc = dcd_sweep_draw(&sch, outdir, NULL, &diags);
        if (rc != DCD_OK) {
            if (!quiet) {
                fwrite(table.data, 1, table.len, stdout);
                printf("wrote %s/sweep.csv (%zu points; charts failed)\n", outdir, sw.npoints);
            }
            code = dcd_cli_fail(&diags, rc);
            goto done;
        }
    }
    if (!quiet) {
        fwrite(table.data, 1, table.len, stdout);
        printf("wrote %s/sweep.csv (%zu points)%s\n", outdir, sw.npoints,
               charts ? (nvary == 1 ? ", " DCD_SWEEP_CURVES ", " DCD_SWEEP_YEAR
                                    : ", " DCD_SWEEP_HEATMAP)
                      : "");
    }
done:
    for (size_t k = 0; k < 2; k++)
        dcd_vary_free(&vary[k]);
    dcd_sweep_free(&sw);
    dcd_source_free(src);
    dcd_strlist_free(&set);
    dcd_diags_free(&diags);
    dcd_buf_free(&table);
    dcd_buf_free(&name);
    return code;
}
