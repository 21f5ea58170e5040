/* cmd_sweep.c - `dcdemand sweep`: run a scenario over a grid of one or two
 * parameters.
 *
 * Each grid point is the scenario loaded with the --set mechanism: the
 * global --set overrides, then `PATH=VALUE` for each varied parameter, so a
 * point gives exactly what `dcdemand run FILE --set PATH=VALUE` gives.  The
 * values of a range are FROM + i STEP (dcd_vary_parse in compare.c).
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
#include "dcd_compare_charts.h"

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

/* Renames "--set[K]" locations of the varied parameters to "--vary[N]". */
static void rename_vary(dcd_diags *d, size_t from, size_t nsets)
{
    for (size_t i = from; i < d->n; i++) {
        dcd_diag *g = &d->items[i];
        size_t k;
        char tail;
        if (!g->file || sscanf(g->file, "--set[%zu%c", &k, &tail) != 2 || tail != ']' ||
            k <= nsets)
            continue;
        char name[32];
        snprintf(name, sizeof name, "--vary[%zu]", k - nsets);
        size_t len = strlen(name) + 1;
        char *p = malloc(len);
        if (!p)
            continue;
        memcpy(p, name, len);
        free(g->file);
        g->file = p;
    }
}

/* Appends "PATH=VALUE[, PATH=VALUE]" of point (I, J) to OUT. */
static void point_name(dcd_buf *out, const dcd_vary *v, size_t nv, size_t i, size_t j)
{
    dcd_buf_printf(out, "%s=%s", v[0].path, v[0].text[i]);
    if (nv > 1)
        dcd_buf_printf(out, ", %s=%s", v[1].path, v[1].text[j]);
}

static double series_at(int start, size_t ny, const double *y, int year)
{
    if (!y || year < start || year >= start + (int)ny)
        return NAN;
    return y[year - start];
}

static void print_num(double x, int dec, int width)
{
    if (isnan(x))
        printf("%*s", width, "-");
    else
        printf("%*.*f", width, dec, x == 0 ? 0.0 : x);
}

/* The terminal table: the metric in the year for every point (or a
 * summary when the grid is large). */
/* Says so when varying parameter K leaves METRIC unchanged in every year at
 * every value of the other parameter: a sweep of a value that something else
 * overrides (a fleet-wide pue under segments with their own) is a mistake
 * worth pointing out.  Points of grid index (i, j) are at i * N2 + j. */
static void note_no_effect(const dcd_vary *v, size_t nv, size_t k, int metric, const size_t *ny,
                           double *const *y)
{
    size_t n1 = v[0].n, n2 = nv > 1 ? v[1].n : 1;
    size_t nk = k ? n2 : n1, nother = k ? n1 : n2;
    if (nk < 2)
        return;
    for (size_t o = 0; o < nother; o++) {
        size_t p0 = k ? o * n2 : o;
        for (size_t a = 1; a < nk; a++) {
            size_t p = k ? o * n2 + a : a * n2 + o;
            if (ny[p] != ny[p0])
                return;
            for (size_t t = 0; t < ny[p]; t++) {
                double x = y[p][t], x0 = y[p0][t];
                if (!(x == x0 || (isnan(x) && isnan(x0))))
                    return;
            }
        }
    }
    dcd_cli_error("note: varying %s leaves %s unchanged in every year; is it overridden "
                  "elsewhere (for example a fleet-wide pue under segments with their own)?",
                  v[k].path, dcd_total_info[metric].name);
}

static void print_table(const dcd_scenario *sc, const dcd_vary *v, size_t nv, int metric,
                        int year, const int *start, const size_t *ny, double *const *y)
{
    const dcd_metric_info *mi = &dcd_total_info[metric];
    int dec = strcmp(mi->unit, "%") == 0 ? 2 : strcmp(mi->unit, "USD") == 0 ? 0 : 1;
    size_t n1 = v[0].n, n2 = nv > 1 ? v[1].n : 1;
    printf("%s: %s (%s) in %d\n", sc->name, mi->name, mi->unit, year);
    if (nv == 1) {
        int pw = (int)strlen(v[0].path);
        if (pw < 8)
            pw = 8;
        printf("  %*s  %14s\n", pw, v[0].path, mi->name);
        for (size_t i = 0; i < n1; i++) {
            if (n1 > 40 && i == 20) {
                printf("  %*s\n", pw, "...");
                i = n1 - 20;
            }
            printf("  %*s  ", pw, v[0].text[i]);
            print_num(series_at(start[i], ny[i], y[i], year), dec, 14);
            putchar('\n');
        }
        return;
    }
    if (n1 > 40 || n2 > 8) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t p = 0; p < n1 * n2; p++) {
            double x = series_at(start[p], ny[p], y[p], year);
            if (!isnan(x)) {
                lo = x < lo ? x : lo;
                hi = x > hi ? x : hi;
            }
        }
        printf("  %zu x %zu points; from %.*f to %.*f (the heat map and sweep.csv have them all)\n",
               n1, n2, dec, lo, dec, hi);
        return;
    }
    printf("  rows: %s; columns: %s\n", v[0].path, v[1].path);
    printf("  %10s", "");
    for (size_t j = 0; j < n2; j++)
        printf("  %10s", v[1].text[j]);
    putchar('\n');
    for (size_t i = 0; i < n1; i++) {
        printf("  %10s", v[0].text[i]);
        for (size_t j = 0; j < n2; j++) {
            size_t p = i * n2 + j;
            printf("  ");
            print_num(series_at(start[p], ny[p], y[p], year), dec, 10);
        }
        putchar('\n');
    }
}

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
    size_t nvary = 0, npoints = 0;
    dcd_strlist set = {0};
    dcd_scenario *first = NULL;
    dcd_source *src = NULL;
    dcd_diags diags = {0};
    dcd_buf csv = {0}, one = {0}, setbuf[2] = {{0}}, name = {0};
    int *pstart = NULL;
    size_t *pny = NULL;
    double **py = NULL;
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
    npoints = n1 * n2;
    const char *file = argv[optind];
    /* Read and parse the file once; each grid point copies the tree. */
    {
        int rc = dcd_source_open(file, &src, &diags);
        if (rc != DCD_OK) {
            code = dcd_cli_fail(&diags, rc);
            goto done;
        }
    }

    /* Room for the varied parameters after the --set overrides. */
    size_t nsets = set.n;
    if (dcd_strlist_push(&set, "") != 0 || dcd_strlist_push(&set, "") != 0) {
        code = DCD_EXIT_INTERNAL;
        goto done;
    }
    pstart = calloc(npoints, sizeof *pstart);
    pny = calloc(npoints, sizeof *pny);
    py = calloc(npoints, sizeof *py);
    if (!pstart || !pny || !py) {
        code = DCD_EXIT_INTERNAL;
        goto done;
    }

    /* Every point: load with the overrides, project, keep its rows. */
    for (size_t p = 0; p < npoints; p++) {
        size_t i = p / n2, j = p % n2;
        dcd_scenario *sc = NULL;
        dcd_results *r = NULL;
        for (size_t k = 0; k < nvary; k++) {
            dcd_buf_clear(&setbuf[k]);
            dcd_buf_printf(&setbuf[k], "%s=%s", vary[k].path, vary[k].text[k ? j : i]);
            set.v[nsets + k] = dcd_buf_str(&setbuf[k]);
        }
        if (setbuf[0].failed || setbuf[1].failed) {
            code = DCD_EXIT_INTERNAL;
            goto done;
        }
        size_t before = diags.n;
        int rc = dcd_source_load(src, set.v, nsets + nvary, &sc, &diags);
        rename_vary(&diags, before, nsets);
        if (rc == DCD_OK)
            rc = dcd_project_new(sc, &r, &diags);
        if (rc == DCD_OK && p == 0 && (year < sc->start || year > sc->end)) {
            code = dcd_cli_usage("sweep", "--year %d is outside the years of %s (%d-%d)", year,
                                 file, sc->start, sc->end);
            rc = -1;
        }
        if (rc == DCD_OK) {
            pstart[p] = r->start;
            pny[p] = r->ny;
            py[p] = malloc((r->ny ? r->ny : 1) * sizeof **py);
            dcd_buf_clear(&one);
            if (!py[p] || dcd_format_summary(r, &one) != 0) {
                rc = DCD_ENOMEM;
            } else {
                for (size_t t = 0; t < r->ny; t++)
                    py[p][t] = DCD_TOTAL(r, metric, t);
                const char *s = dcd_buf_str(&one);
                const char *nl = strchr(s, '\n');
                if (p == 0) { /* the header: the parameters, then summary.csv's */
                    for (size_t k = 0; k < nvary; k++) {
                        dcd_csv_field(&csv, vary[k].path);
                        dcd_buf_puts(&csv, ",");
                    }
                    dcd_buf_append(&csv, s, nl ? (size_t)(nl - s) + 1 : strlen(s));
                }
                for (s = nl ? nl + 1 : ""; *s; s = nl ? nl + 1 : s + strlen(s)) {
                    nl = strchr(s, '\n');
                    for (size_t k = 0; k < nvary; k++)
                        dcd_buf_printf(&csv, "%s,", vary[k].text[k ? j : i]);
                    dcd_buf_append(&csv, s, nl ? (size_t)(nl - s) + 1 : strlen(s));
                }
                if (csv.failed)
                    rc = DCD_ENOMEM;
            }
        }
        dcd_results_free(r);
        if (p == 0 && rc == DCD_OK)
            first = sc;
        else
            dcd_scenario_free(sc);
        if (rc == -1)
            goto done;
        if (rc != DCD_OK) {
            if (rc != DCD_ENOMEM) {
                dcd_buf_clear(&name);
                point_name(&name, vary, nvary, i, j);
                dcd_cli_error("grid point %s: %s", dcd_buf_str(&name),
                              rc == DCD_EINPUT ? "the scenario is not valid with these values"
                                               : "the projection failed");
            }
            code = dcd_cli_fail(&diags, rc);
            goto done;
        }
    }

    if (dcd_mkdir_p(outdir, &diags) != 0 ||
        dcd_write_atomic(outdir, "sweep.csv", csv.data, csv.len, &diags) != DCD_OK) {
        code = dcd_cli_fail(&diags, DCD_EIO);
        goto done;
    }
    if (!quiet) {
        print_table(first, vary, nvary, metric, year, pstart, pny, py);
        for (size_t k = 0; k < nvary; k++)
            note_no_effect(vary, nvary, k, metric, pny, py);
    }
    if (charts) {
        int any = 0;
        for (size_t p = 0; p < npoints && !any; p++)
            for (size_t t = 0; t < pny[p] && !any; t++)
                any = !isnan(py[p][t]);
        if (!any) {
            dcd_cli_error("note: %s has no value in any grid point (%s); no charts drawn",
                          dcd_total_info[metric].name,
                          metric == DCD_T_CO2_MT ? "it needs grid_intensity_g_per_kwh"
                                                 : "the scenario does not determine it");
            charts = 0;
        }
    }
    if (charts) {
        dcd_sweep_chart sch = {0};
        sch.name = first->name;
        sch.title = first->title;
        sch.metric = metric;
        sch.year = year;
        dcd_chart_axis axes[2];
        dcd_sweep_chart_axes(vary, nvary, axes);
        sch.axis = axes;
        sch.naxis = nvary;
        sch.start = pstart;
        sch.ny = pny;
        sch.y = (const double *const *)py;
        int rc = dcd_sweep_draw(&sch, outdir, NULL, &diags);
        if (rc != DCD_OK) {
            if (!quiet)
                printf("wrote %s/sweep.csv (%zu points; charts failed)\n", outdir, npoints);
            code = dcd_cli_fail(&diags, rc);
            goto done;
        }
    }
    if (!quiet)
        printf("wrote %s/sweep.csv (%zu points)%s\n", outdir, npoints,
               charts ? (nvary == 1 ? ", " DCD_SWEEP_CURVES ", " DCD_SWEEP_YEAR
                                    : ", " DCD_SWEEP_HEATMAP)
                      : "");
done:
    for (size_t k = 0; k < 2; k++) {
        dcd_vary_free(&vary[k]);
        dcd_buf_free(&setbuf[k]);
    }
    if (py)
        for (size_t p = 0; p < npoints; p++)
            free(py[p]);
    free(py);
    free(pny);
    free(pstart);
    dcd_scenario_free(first);
    dcd_source_free(src);
    dcd_strlist_free(&set);
    dcd_diags_free(&diags);
    dcd_buf_free(&csv);
    dcd_buf_free(&one);
    dcd_buf_free(&name);
    return code;
}
