/* cmd_run.c - `dcdemand run`, `validate` and `show`. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_cli.h"
#include "dcd_engine.h"
#include "dcd_output.h"
#include "dcd_plot.h"

static const char RUN_HELP[] =
    "Usage: " DCD_PROGRAM " run [OPTIONS] FILE...\n"
    "Project each scenario FILE year by year, print a table of key years and\n"
    "write DIR/NAME/{summary.csv,segments.csv,results.json,scenario.yaml}, where\n"
    "NAME is the scenario's name reduced to safe characters, and the charts\n"
    "DIR/NAME/{share,energy,load,national,emissions}.png with their gnuplot scripts\n"
    "(see 'dcdemand plot --help'; gnuplot from PATH or $DCDEMAND_GNUPLOT).\n\n"
    "Options:\n"
    "  -o, --out DIR          output folder (default: out)\n"
    "  -s, --set PATH=VALUE   override a number of the scenario, for example\n"
    "                         --set segments.ai.utilisation=0.7 (repeatable)\n"
    "  -q, --quiet            print no table\n"
    "      --no-plots         write the results only, no charts\n"
    "  -h, --help             show this help and exit\n\n";

/* Years shown in the table: all when few, else the base year, every fifth
 * year and the last. */
static int table_year(const dcd_scenario *sc, int y)
{
    size_t ny = dcd_scenario_years(sc);
    if (y < sc->base && y != sc->start)
        return 0;
    if (ny <= 16 || y == sc->start || y == sc->base || y == sc->end)
        return 1;
    return y % 5 == 0;
}

static void print_table(const dcd_scenario *sc, const dcd_results *r)
{
    printf("%s%s%s\n", sc->name, sc->title ? ": " : "", sc->title ? sc->title : "");
    printf("%6s %9s %9s %12s %10s %10s %8s\n", "year", "dc_twh", "ai_twh", "national_twh",
           "dc_share_%", "ai_share_%", "it_gw");
    for (size_t i = 0; i < r->ny; i++) {
        int y = r->start + (int)i;
        if (!table_year(sc, y))
            continue;
        printf("%6d %9.1f %9.1f %12.1f %10.2f %10.2f %8.1f\n", y, DCD_TOTAL(r, DCD_T_DC_TWH, i),
               DCD_TOTAL(r, DCD_T_AI_TWH, i), DCD_TOTAL(r, DCD_T_NATIONAL_TWH, i),
               DCD_TOTAL(r, DCD_T_DC_SHARE_PCT, i), DCD_TOTAL(r, DCD_T_AI_SHARE_PCT, i),
               DCD_TOTAL(r, DCD_T_DC_IT_GW, i));
    }
}

int dcd_cmd_run(int argc, char **argv)
{
    static const struct option opts[] = {{"out", required_argument, NULL, 'o'},
                                         {"set", required_argument, NULL, 's'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"no-plots", no_argument, NULL, 'P'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *outdir = "out";
    int quiet = 0, plots = 1, c, code = DCD_EXIT_OK, plot_code = DCD_EXIT_OK;
    dcd_plot_batch *batch = NULL;
    dcd_strlist st = {0};
    dcd_scenario **scs = NULL;
    dcd_results **res = NULL;
    int nfiles = 0;
    dcd_diags diags = {0};
    dcd_buf dir = {0};

    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:s:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            outdir = optarg;
            break;
        case 's':
            if (dcd_strlist_push(&st, optarg) != 0) {
                code = DCD_EXIT_INTERNAL;
                goto done;
            }
            break;
        case 'q':
            quiet = 1;
            break;
        case 'P':
            plots = 0;
            break;
        case 'h':
            fputs(RUN_HELP, stdout);
            fputs(dcd_exit_help, stdout);
            goto done;
        default:
            code = dcd_cli_bad_option("run", argv, c);
            goto done;
        }
    }
    nfiles = argc - optind;
    if (nfiles < 1) {
        code = dcd_cli_usage("run", "missing scenario FILE");
        goto done;
    }
    if (!*outdir) {
        code = dcd_cli_usage("run", "empty output folder");
        goto done;
    }
    code = dcd_cli_load_all(argv + optind, nfiles, st.v, st.n, &scs);
    if (code != DCD_EXIT_OK)
        goto done;

    /* Two scenarios of one run must not write to the same folder. */
    code = dcd_cli_distinct_folders("run", scs, nfiles, outdir);
    if (code != DCD_EXIT_OK)
        goto done;

    /* Compute everything before writing anything. */
    res = calloc((size_t)nfiles, sizeof *res);
    if (!res) {
        code = DCD_EXIT_INTERNAL;
        goto done;
    }
    for (int i = 0; i < nfiles; i++) {
        int rc = dcd_project_new(scs[i], &res[i], &diags);
        if (rc != DCD_OK) {
            code = dcd_cli_fail(&diags, rc);
            goto done;
        }
    }
    if (plots && !(batch = dcd_plot_batch_new(NULL))) {
        code = dcd_cli_fail(&diags, DCD_ENOMEM);
        goto done;
    }
    for (int i = 0; i < nfiles; i++) {
        int rc = dcd_write_run(scs[i], res[i], outdir, DCD_VERSION, &dir, &diags);
        if (rc != DCD_OK) {
            code = dcd_cli_fail(&diags, rc);
            goto done;
        }
        if (!quiet) {
            if (i)
                putchar('\n');
            print_table(scs[i], res[i]);
            printf("wrote %s/\n", dir.data);
        }
        /* No chart of earlier numbers may stay beside the new ones. */
        if (!plots && dcd_plot_forget(dir.data, &diags) != DCD_OK) {
            plot_code = dcd_cli_fail(&diags, DCD_EIO);
            dcd_diags_free(&diags);
        }
        if (batch) {
            /* The charts' scripts; one gnuplot draws them all below. */
            dcd_plot_meta meta;
            dcd_plot_meta_from(scs[i], &meta);
            rc = dcd_plot_batch_add(batch, &meta, res[i], dir.data, &diags);
            if (rc != DCD_OK) {
                /* No charts, but the other results are still written. */
                plot_code = dcd_cli_fail(&diags, rc == DCD_ENOMEM ? rc : DCD_EPLOT);
                dcd_diags_free(&diags);
                dcd_plot_batch_free(batch);
                batch = NULL;
            }
        }
    }
    /* The results are written: a chart failure is reported with exit code 6. */
    if (batch) {
        int rc = dcd_plot_batch_draw(batch, &diags);
        if (rc != DCD_OK)
            plot_code = dcd_cli_fail(&diags, rc == DCD_ENOMEM ? rc : DCD_EPLOT);
    }
    code = plot_code;
done:
    if (res)
        for (int i = 0; i < nfiles; i++)
            dcd_results_free(res[i]);
    free(res);
    dcd_cli_free_scenarios(scs, nfiles);
    dcd_diags_free(&diags);
    dcd_buf_free(&dir);
    dcd_plot_batch_free(batch);
    dcd_strlist_free(&st);
    return code;
}

static const char VALIDATE_HELP[] =
    "Usage: " DCD_PROGRAM " validate [OPTIONS] FILE...\n"
    "Check each scenario FILE (YAML, extends, every key, type and range) and\n"
    "report every problem as FILE:LINE:COLUMN: error: MESSAGE.  Writes nothing.\n\n"
    "Options:\n"
    "  -s, --set PATH=VALUE   apply an override before checking (repeatable)\n"
    "  -q, --quiet            print nothing on success\n"
    "  -h, --help             show this help and exit\n\n";

static const char SHOW_HELP[] =
    "Usage: " DCD_PROGRAM " show [OPTIONS] FILE\n"
    "Print the resolved scenario, with extends merged and --set applied, as YAML.\n\n"
    "Options:\n"
    "  -s, --set PATH=VALUE   apply an override (repeatable)\n"
    "  -h, --help             show this help and exit\n\n";

/* validate and show share option parsing. */
static int validate_or_show(int argc, char **argv, int show)
{
    static const struct option opts[] = {{"set", required_argument, NULL, 's'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *cmd = show ? "show" : "validate";
    int quiet = 0, c, code = DCD_EXIT_OK, nfiles = 0;
    dcd_strlist st = {0};
    dcd_scenario **scs = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, show ? ":s:h" : ":s:qh", opts, NULL)) != -1) {
        switch (c) {
        case 's':
            if (dcd_strlist_push(&st, optarg) != 0) {
                code = DCD_EXIT_INTERNAL;
                goto done;
            }
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            fputs(show ? SHOW_HELP : VALIDATE_HELP, stdout);
            fputs(dcd_exit_help, stdout);
            goto done;
        default:
            code = dcd_cli_bad_option(cmd, argv, c);
            goto done;
        }
    }
    nfiles = argc - optind;
    if (nfiles < 1 || (show && nfiles != 1)) {
        code = dcd_cli_usage(cmd, show ? "give exactly one scenario FILE" : "missing scenario FILE");
        nfiles = 0;
        goto done;
    }
    code = dcd_cli_load_all(argv + optind, nfiles, st.v, st.n, &scs);
    if (code != DCD_EXIT_OK) {
        nfiles = 0;
        goto done;
    }
    if (show) {
        dcd_buf b = {0};
        if (dcd_scenario_emit(scs[0], DCD_VERSION, &b) != 0)
            code = DCD_EXIT_INTERNAL;
        else
            fwrite(b.data, 1, b.len, stdout);
        dcd_buf_free(&b);
    } else if (!quiet) {
        for (int i = 0; i < nfiles; i++)
            printf("%s: ok (%s, %d-%d, %zu segments)\n", scs[i]->path, scs[i]->name,
                   scs[i]->start, scs[i]->end, scs[i]->nsegments);
    }
done:
    dcd_cli_free_scenarios(scs, nfiles);
    dcd_strlist_free(&st);
    return code;
}

int dcd_cmd_validate(int argc, char **argv)
{
    return validate_or_show(argc, argv, 0);
}

int dcd_cmd_show(int argc, char **argv)
{
    return validate_or_show(argc, argv, 1);
}
