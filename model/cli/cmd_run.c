/* cmd_run.c - `dcdemand run`, `validate` and `show`. */
#include <stdlib.h>
#include <string.h>

#include "dcd_cli.h"
#include "dcd_engine.h"
#include "dcd_format.h"
#include "dcd_output.h"
#include "dcd_plot.h"
#include "dcd_table.h"

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
    "  -q, --quiet            print no table and no plausibility warnings\n"
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

static const dcd_table_col RUN_COLS[] = {
    {"year", 1, 6},        {"dc_twh", 1, 9},      {"ai_twh", 1, 9}, {"national_twh", 1, 12},
    {"dc_share_%", 1, 10}, {"ai_share_%", 1, 10}, {"it_gw", 1, 8}};
#define RUN_NCOL (sizeof RUN_COLS / sizeof *RUN_COLS)

/* Appends the table of key years of SC's results R; scenario text is
 * escaped and a value the scenario does not determine is "-"
 * (dcd_format.h). */
static void format_table(dcd_buf *b, const dcd_scenario *sc, const dcd_results *r)
{
    static const int metric[RUN_NCOL - 1] = {DCD_T_DC_TWH,       DCD_T_AI_TWH,
                                             DCD_T_NATIONAL_TWH, DCD_T_DC_SHARE_PCT,
                                             DCD_T_AI_SHARE_PCT, DCD_T_DC_IT_GW};
    static const int dec[RUN_NCOL - 1] = {1, 1, 1, 2, 2, 1};
    dcd_table t;
    dcd_table_init(&t, RUN_COLS, RUN_NCOL);
    dcd_fmt_term_text(b, sc->name, strlen(sc->name));
    if (sc->title) {
        dcd_buf_puts(b, ": ");
        dcd_fmt_term_text(b, sc->title, strlen(sc->title));
    }
    dcd_buf_puts(b, "\n");
    for (size_t i = 0; i < r->ny; i++) {
        int y = r->start + (int)i;
        if (!table_year(sc, y))
            continue;
        dcd_table_int(&t, y);
        for (size_t k = 0; k + 1 < RUN_NCOL; k++)
            dcd_table_num(&t, DCD_TOTAL(r, metric[k], i), DCD_NUM_FIXED, dec[k]);
    }
    if (dcd_table_write(&t, DCD_OUT_TERM, NULL, b) != 0)
        b->failed = 1;
    dcd_table_free(&t);
}

int dcd_cmd_run(int argc, char **argv)
{
    static const dcd_cli_spec spec = {
        "run", RUN_HELP, DCD_OPT_OUT | DCD_OPT_SET | DCD_OPT_QUIET | DCD_OPT_NO_PLOTS,
        NULL,  NULL,     0,
        NULL,  NULL};
    dcd_cli_common co = {.outdir = "out", .plots = 1};
    const char *outdir;
    int quiet, plots, code = DCD_EXIT_OK, plot_code = DCD_EXIT_OK;
    dcd_plot_batch *batch = NULL;
    dcd_scenario **scs = NULL;
    dcd_results **res = NULL;
    int nfiles = 0;
    dcd_diags diags = {0};
    dcd_buf dir = {0}, table = {0};

    code = dcd_cli_parse(&spec, argc, argv, &co);
    if (code != DCD_EXIT_OK || co.help)
        goto done;
    outdir = co.outdir;
    quiet = co.quiet;
    plots = co.plots;
    nfiles = argc - optind;
    if (nfiles < 1) {
        code = dcd_cli_usage("run", "missing scenario FILE");
        goto done;
    }
    code = dcd_cli_load_all(argv + optind, nfiles, co.sets.v, co.sets.n, &scs);
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
        if (!quiet) { /* plausibility warnings on stderr (docs/model.md) */
            dcd_diags warn = {0};
            dcd_plausibility(scs[i], res[i], &warn);
            dcd_warnings_print(&warn, stderr);
            dcd_diags_free(&warn);
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
            /* Printed once every file is written (a closed pipe loses nothing). */
            if (i)
                dcd_buf_puts(&table, "\n");
            format_table(&table, scs[i], res[i]);
            dcd_buf_printf(&table, "wrote %s/\n", dir.data);
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
    if (table.failed) {
        code = dcd_cli_fail(&diags, DCD_ENOMEM);
        goto done;
    }
    if (table.len)
        fwrite(table.data, 1, table.len, stdout);
done:
    if (res)
        for (int i = 0; i < nfiles; i++)
            dcd_results_free(res[i]);
    free(res);
    dcd_cli_free_scenarios(scs, nfiles);
    dcd_diags_free(&diags);
    dcd_buf_free(&dir);
    dcd_buf_free(&table);
    dcd_plot_batch_free(batch);
    dcd_strlist_free(&co.sets);
    return code;
}

static const char VALIDATE_HELP[] =
    "Usage: " DCD_PROGRAM " validate [OPTIONS] FILE...\n"
    "Check each scenario FILE (YAML, extends, every key, type and range) and\n"
    "report every problem as FILE:LINE:COLUMN: error: MESSAGE.  Writes nothing.\n\n"
    "Options:\n"
    "  -s, --set PATH=VALUE   apply an override before checking (repeatable)\n"
    "  -q, --quiet            print nothing on success (and no warnings)\n"
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
    const char *cmd = show ? "show" : "validate";
    dcd_cli_spec spec = {cmd,
                         show ? SHOW_HELP : VALIDATE_HELP,
                         DCD_OPT_SET | (show ? 0u : (unsigned)DCD_OPT_QUIET),
                         NULL,
                         NULL,
                         0,
                         NULL,
                         NULL};
    dcd_cli_common co = {0};
    int code, nfiles = 0;
    dcd_scenario **scs = NULL;
    code = dcd_cli_parse(&spec, argc, argv, &co);
    if (code != DCD_EXIT_OK || co.help)
        goto done;
    int quiet = co.quiet;
    nfiles = argc - optind;
    if (nfiles < 1 || (show && nfiles != 1)) {
        code =
            dcd_cli_usage(cmd, show ? "give exactly one scenario FILE" : "missing scenario FILE");
        nfiles = 0;
        goto done;
    }
    code = dcd_cli_load_all(argv + optind, nfiles, co.sets.v, co.sets.n, &scs);
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
        dcd_buf b = {0};
        for (int i = 0; i < nfiles; i++) { /* plausibility of the inputs (docs/model.md) */
            dcd_diags warn = {0};
            dcd_plausibility(scs[i], NULL, &warn);
            dcd_warnings_print(&warn, stderr);
            dcd_diags_free(&warn);
        }
        for (int i = 0; i < nfiles; i++) {
            dcd_fmt_term_text(&b, scs[i]->path, strlen(scs[i]->path));
            dcd_buf_puts(&b, ": ok (");
            dcd_fmt_term_text(&b, scs[i]->name, strlen(scs[i]->name));
            dcd_buf_printf(&b, ", %d-%d, %zu segments)\n", scs[i]->start, scs[i]->end,
                           scs[i]->nsegments);
        }
        if (b.failed)
            code = DCD_EXIT_INTERNAL;
        else if (b.len)
            fwrite(b.data, 1, b.len, stdout);
        dcd_buf_free(&b);
    }
done:
    dcd_cli_free_scenarios(scs, nfiles);
    dcd_strlist_free(&co.sets);
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
