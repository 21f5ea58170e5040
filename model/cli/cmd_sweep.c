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
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_cli.h"
#include "dcd_compare.h"
#include "dcd_engine.h"
#include "dcd_output.h"
#include "dcd_plot.h"
#include "dcd_sweep.h"

static const char SWEEP_HELP[] =
    "Usage: " DCD_PROGRAM " sweep [OPTIONS] FILE --vary PATH=RANGE [--vary PATH=RANGE]\n"
    "Run scenario FILE over a grid of one or two parameters and write every\n"
    "summary metric of every year of every point to DIR/sweep.csv, with charts:\n"
    "for one parameter, the metric by year (one curve per value) and the metric in\n"
    "the chosen year against the parameter; for two, a heat map of the metric in\n"
    "the chosen year.  Each point is the scenario with --set PATH=VALUE.\n"
    "DIR/scenario.yaml records the scenario every point starts from: FILE with\n"
    "the common --set overrides, listed in its comments.\n\n"
    "RANGE is FROM:TO:STEP (values FROM + i*STEP up to TO, TO included) or a list\n"
    "V1,V2,... of numbers:\n"
    "  " DCD_PROGRAM
    " sweep scenarios/mckinsey-2024.yaml --vary segments.ai.utilisation=0.3:0.9:0.1\n"
    "At most "
    "10000"
    " grid points.\n\n"
    "Options:\n"
    "  -v, --vary PATH=RANGE  a parameter to vary (once or twice)\n"
    "  -m, --metric NAME      metric of the charts and the table (default\n"
    "                         dc_share_pct; any column of summary.csv)\n"
    "  -y, --year YEAR        year of the table, the year chart and the heat map\n"
    "                         (default 2030)\n"
    "  -t, --target VALUE     draw VALUE of the metric (a line, or a contour for two\n"
    "                         parameters) and print where the grid reaches it\n"
    "  -o, --out DIR          output folder (default: out/sweep)\n"
    "  -s, --set PATH=VALUE   override for every point (repeatable)\n"
    "      --no-plots         write no charts\n"
    "  -q, --quiet            print no table\n"
    "  -h, --help             show this help and exit\n\n";

/* sweep's own options. */
typedef struct sweep_args {
    dcd_vary vary[2];
    size_t nvary;
    const char *metric_name;
    int year;
    int has_target;
    double target;
} sweep_args;

static int sweep_option(int c, const char *arg, void *ctx)
{
    sweep_args *a = ctx;
    char why[512];
    if (c == 'm') {
        a->metric_name = arg;
        return DCD_EXIT_OK;
    }
    if (c == 't') {
        if (dcd_cli_number(arg, &a->target) != 0)
            return dcd_cli_usage("sweep", "--target '%s': expected a number", arg);
        a->has_target = 1;
        return DCD_EXIT_OK;
    }
    if (c == 'y') {
        long y;
        if (dcd_cli_whole(arg, 1900, 2200, &y) != 0)
            return dcd_cli_usage("sweep", "--year '%s': expected a year 1900-2200", arg);
        a->year = (int)y;
        return DCD_EXIT_OK;
    }
    /* 'v' */
    if (a->nvary == 2)
        return dcd_cli_usage("sweep", "at most two --vary");
    int rc = dcd_vary_parse(arg, &a->vary[a->nvary], why, sizeof why);
    if (rc == DCD_ENOMEM)
        return DCD_EXIT_INTERNAL;
    if (rc != DCD_OK)
        return dcd_cli_usage("sweep", "%s", why);
    a->nvary++;
    return DCD_EXIT_OK;
}

/* Prints where the metric in the chosen year reaches the target. */
static void print_crossings(const dcd_sweep_chart *sch, const dcd_sweep_opts *so)
{
    size_t max = so->nvary > 1 ? so->vary[0].n * so->vary[1].n : so->vary[0].n;
    double *x = malloc((max + 1) * sizeof *x), *y = malloc((max + 1) * sizeof *y);
    size_t k = x && y ? dcd_sweep_crossings(sch, x, y, max) : 0;
    const dcd_metric_info *mi = &dcd_total_info[so->metric];
    printf("target: %s = %.10g %s in %d: ", mi->name, sch->target, mi->unit, so->year);
    if (k == 0)
        printf("not reached within the grid\n");
    else
        printf("reached at\n");
    for (size_t i = 0; i < k && i < 50; i++) {
        if (so->nvary > 1)
            printf("  %s = %.6g, %s = %.6g\n", so->vary[0].path, x[i], so->vary[1].path, y[i]);
        else
            printf("  %s = %.6g\n", so->vary[0].path, x[i]);
    }
    if (k > 50)
        printf("  ... (%zu crossings in all)\n", k);
    free(x);
    free(y);
}

/* Writes sweep.csv and scenario.yaml (YAML: the scenario with the common
 * --set, dcd_sweep_scenario_yaml), draws the charts and prints the table
 * (last, so that a closed pipe loses no file), and where the target is
 * reached (SA).  Returns an exit code. */
static int sweep_output(const dcd_sweep *sw, const dcd_sweep_opts *so, const dcd_buf *yaml,
                        const char *outdir, int quiet, int charts, const sweep_args *sa,
                        dcd_diags *diags)
{
    int code = DCD_EXIT_OK, rc;
    dcd_buf table = {0};
    if (dcd_mkdir_p(outdir, diags) != 0 ||
        dcd_write_atomic(outdir, "sweep.csv", sw->csv.data, sw->csv.len, diags) != DCD_OK ||
        dcd_write_atomic(outdir, "scenario.yaml", yaml->data, yaml->len, diags) != DCD_OK) {
        code = dcd_cli_fail(diags, DCD_EIO);
        goto out;
    }
    if (!quiet && dcd_sweep_format_text(sw, so, &table) != 0) {
        code = dcd_cli_fail(diags, DCD_ENOMEM);
        goto out;
    }
    if (!quiet)
        for (size_t k = 0; k < so->nvary; k++)
            if (dcd_sweep_no_effect(sw, so, k))
                dcd_cli_error("note: varying %s leaves %s unchanged in every year; is it "
                              "overridden elsewhere (for example a fleet-wide pue under segments "
                              "with their own)?",
                              so->vary[k].path, dcd_total_info[so->metric].name);
    if (charts && !dcd_sweep_any_value(sw)) {
        dcd_cli_error("note: %s has no value in any grid point (%s); no charts drawn",
                      dcd_total_info[so->metric].name,
                      so->metric == DCD_T_CO2_MT ? "it needs grid_intensity_g_per_kwh"
                                                 : "the scenario does not determine it");
        charts = 0;
    }
    if (charts) {
        dcd_sweep_chart sch = {0};
        sch.name = sw->first->name;
        sch.title = sw->first->title;
        sch.scenario = sw->first;
        sch.metric = so->metric;
        sch.year = so->year;
        dcd_chart_axis axes[2];
        dcd_sweep_chart_axes(so->vary, so->nvary, axes);
        sch.axis = axes;
        sch.naxis = so->nvary;
        sch.start = sw->start;
        sch.ny = sw->ny;
        sch.y = (const double *const *)sw->y;
        sch.has_target = sa->has_target;
        sch.target = sa->target;
        rc = dcd_sweep_draw(&sch, outdir, NULL, diags);
        if (rc != DCD_OK) {
            if (!quiet) {
                fwrite(table.data, 1, table.len, stdout);
                printf("wrote %s/sweep.csv (%zu points; charts failed)\n", outdir, sw->npoints);
            }
            code = dcd_cli_fail(diags, rc);
            goto out;
        }
    }
    if (!quiet && sa->has_target) {
        dcd_chart_axis axes[2];
        dcd_sweep_chart sch = {.metric = so->metric,
                               .year = so->year,
                               .naxis = so->nvary,
                               .start = sw->start,
                               .ny = sw->ny,
                               .has_target = 1,
                               .target = sa->target};
        dcd_sweep_chart_axes(so->vary, so->nvary, axes);
        sch.axis = axes;
        sch.y = (const double *const *)sw->y;
        fwrite(table.data, 1, table.len, stdout);
        dcd_buf_clear(&table);
        print_crossings(&sch, so);
    }
    if (!quiet) {
        fwrite(table.data, 1, table.len, stdout);
        printf("wrote %s/sweep.csv (%zu points), scenario.yaml%s\n", outdir, sw->npoints,
               charts ? (so->nvary == 1 ? ", " DCD_SWEEP_CURVES ", " DCD_SWEEP_YEAR
                                        : ", " DCD_SWEEP_HEATMAP)
                      : "");
    }
out:
    dcd_buf_free(&table);
    return code;
}

int dcd_cmd_sweep(int argc, char **argv)
{
    static const struct option own[] = {{"vary", required_argument, NULL, 'v'},
                                        {"metric", required_argument, NULL, 'm'},
                                        {"year", required_argument, NULL, 'y'},
                                        {"target", required_argument, NULL, 't'},
                                        {NULL, 0, NULL, 0}};
    sweep_args sa = {.metric_name = "dc_share_pct", .year = 2030};
    dcd_cli_spec spec = {
        "sweep",      SWEEP_HELP, DCD_OPT_OUT | DCD_OPT_SET | DCD_OPT_QUIET | DCD_OPT_NO_PLOTS,
        "v:m:y:t:",   own,        0,
        sweep_option, &sa};
    dcd_cli_common co = {.outdir = "out/sweep", .plots = 1};
    const char *outdir;
    int year, quiet, charts, code, metric;
    dcd_vary *vary = sa.vary;
    size_t nvary;
    dcd_source *src = NULL;
    dcd_diags diags = {0};
    dcd_buf name = {0}, yaml = {0};
    dcd_sweep sw = {0};

    code = dcd_cli_parse(&spec, argc, argv, &co);
    if (code != DCD_EXIT_OK || co.help)
        goto done;
    outdir = co.outdir;
    quiet = co.quiet;
    charts = co.plots;
    year = sa.year;
    nvary = sa.nvary;
    const char *metric_name = sa.metric_name;
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
        code = dcd_cli_usage("sweep",
                             "--metric '%s': not a column of summary.csv (dc_twh, "
                             "ai_twh, dc_share_pct, dc_it_gw, co2_mt, ...)",
                             metric_name);
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
    dcd_sweep_opts so = {co.sets.v, co.sets.n, vary, nvary, metric, year};
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

    /* The scenario every point starts from: the common --set recorded. */
    rc = dcd_sweep_scenario_yaml(src, &so, DCD_VERSION, &yaml, &diags);
    if (rc != DCD_OK) {
        code = dcd_cli_fail(&diags, rc);
        goto done;
    }
    code = sweep_output(&sw, &so, &yaml, outdir, quiet, charts, &sa, &diags);
done:
    for (size_t k = 0; k < 2; k++)
        dcd_vary_free(&vary[k]);
    dcd_sweep_free(&sw);
    dcd_source_free(src);
    dcd_strlist_free(&co.sets);
    dcd_diags_free(&diags);
    dcd_buf_free(&name);
    dcd_buf_free(&yaml);
    return code;
}
