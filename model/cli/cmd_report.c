/* cmd_report.c - `dcdemand report`: everything a report needs, in one
 * folder, from one command.
 *
 * DIR/NAME/ for each scenario (as `run` writes it, with its charts),
 * DIR/compare/ (as `compare` writes it) when there are two or more, and
 * DIR/index.md linking them all with titles, sources and key figures, and
 * DIR/index.html, the same as one self-contained web page.  Every file
 * depends only on the inputs, so a second run on unchanged
 * inputs gives the same bytes (and dcd_write_atomic leaves such files
 * untouched).  The analysis is model/analysis/report.c (dcd_report.h); this
 * file parses the options, calls it and prints.  docs/compare.md describes
 * the command.
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
#include "dcd_plot_overlay.h"
#include "dcd_report.h"

static const char REPORT_HELP[] =
    "Usage: " DCD_PROGRAM " report [OPTIONS] FILE...\n"
    "Regenerate everything a report needs for the scenario FILEs in one folder:\n"
    "  DIR/NAME/      each scenario's results and charts, as 'run' writes them\n"
    "  DIR/compare/   the comparison of the scenarios, as 'compare' writes it\n"
    "                 (with two or more FILEs)\n"
    "  DIR/index.md   a Markdown page linking them all, with each scenario's title,\n"
    "                 sources and key figures\n"
    "  DIR/index.html the same as one self-contained web page: charts embedded,\n"
    "                 no script, no external reference; print it to PDF from a\n"
    "                 browser\n"
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

/* report's own option: -y YEARS. */
typedef struct report_args {
    int years[DCD_COMPARE_MAX_YEARS];
    size_t nyears;
} report_args;

static int report_option(int c, const char *arg, void *ctx)
{
    report_args *a = ctx;
    int n = dcd_cli_years(arg, a->years, DCD_COMPARE_MAX_YEARS);
    (void)c;
    if (n < 0)
        return dcd_cli_usage("report",
                             "--years '%s': expected years 1900-2200 separated by commas, "
                             "for example 2025,2030",
                             arg);
    a->nyears = (size_t)n;
    return DCD_EXIT_OK;
}

int dcd_cmd_report(int argc, char **argv)
{
    static const struct option own[] = {{"years", required_argument, NULL, 'y'},
                                        {NULL, 0, NULL, 0}};
    report_args ra = {{0}, 0};
    dcd_cli_spec spec = {
        "report",      REPORT_HELP, DCD_OPT_OUT | DCD_OPT_SET | DCD_OPT_QUIET | DCD_OPT_NO_PLOTS,
        "y:",          own,         0,
        report_option, &ra};
    dcd_cli_common co = {.outdir = "out/report", .plots = 1};
    const char *outdir;
    int quiet, plots, code, nfiles = 0;
    dcd_scenario **scs = NULL;
    dcd_report rep = {0};
    dcd_diags diags = {0};
    dcd_buf log = {0};

    code = dcd_cli_parse(&spec, argc, argv, &co);
    if (code != DCD_EXIT_OK || co.help)
        goto done;
    outdir = co.outdir;
    quiet = co.quiet;
    plots = co.plots;
    if (argc - optind < 1) {
        code = dcd_cli_usage("report", "missing scenario FILE");
        goto done;
    }
    code = dcd_cli_load_all(argv + optind, argc - optind, co.sets.v, co.sets.n, &scs);
    if (code != DCD_EXIT_OK)
        goto done;
    nfiles = argc - optind;

    /* A scenario named 'compare' would write where the comparison goes. */
    for (int i = 0; i < nfiles; i++) {
        char label[65];
        dcd_scenario_safe_name(scs[i], label);
        if (strcmp(label, "compare") == 0) {
            code = dcd_cli_usage("report",
                                 "%s: a scenario named 'compare' would write into %s/"
                                 "compare/, where the comparison goes; rename it",
                                 scs[i]->path, outdir);
            goto done;
        }
    }
    code = dcd_cli_distinct_folders("report", scs, nfiles, outdir);
    if (code != DCD_EXIT_OK)
        goto done;

    /* Compute everything before writing anything. */
    dcd_report_opts ro = {ra.years, ra.nyears, co.sets.v, co.sets.n, plots, DCD_VERSION};
    int rc = dcd_report_build(scs, (size_t)nfiles, &ro, &rep, &diags);
    if (rc == DCD_EUSAGE) {
        code = dcd_cli_usage("report", "--years: no scenario has any of these years");
        goto done;
    }
    if (rc != DCD_OK) {
        code = dcd_cli_fail(&diags, rc);
        goto done;
    }
    /* Every file first, the list of folders last. */
    rc = dcd_report_write(&rep, &ro, outdir, &log, &diags);
    if (rc == DCD_OK || rc == DCD_EPLOT) {
        if (!quiet)
            fwrite(log.data ? log.data : "", 1, log.len, stdout);
    }
    if (rc != DCD_OK)
        code = dcd_cli_fail(&diags, rc);
done:
    dcd_report_free(&rep);
    dcd_cli_free_scenarios(scs, nfiles);
    dcd_strlist_free(&co.sets);
    dcd_diags_free(&diags);
    dcd_buf_free(&log);
    return code;
}
