/* cmd_report.c - `dcdemand report`: everything a report needs, in one
 * folder, from one command.
 *
 * DIR/NAME/ for each scenario (as `run` writes it, with its charts),
 * DIR/compare/ (as `compare` writes it) when there are two or more, and
 * DIR/index.md linking them all with titles, sources and key figures.
 * Every file depends only on the inputs, so a second run on unchanged
 * inputs gives the same bytes (and dcd_write_atomic leaves such files
 * untouched).  The analysis is model/analysis/report.c (dcd_report.h); this
 * file parses the options, calls it and prints.  docs/compare.md describes
 * the command.
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
#include "dcd_report.h"

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
    int quiet = 0, plots = 1, c, code = DCD_EXIT_OK, nfiles = 0;
    int years[DCD_COMPARE_MAX_YEARS];
    size_t nyears = 0;
    dcd_strlist set = {0};
    dcd_scenario **scs = NULL;
    dcd_report rep = {0};
    dcd_diags diags = {0};
    dcd_buf log = {0};

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

    /* A scenario named 'compare' would write where the comparison goes. */
    for (int i = 0; i < nfiles; i++) {
        char label[65];
        dcd_scenario_safe_name(scs[i], label);
        if (strcmp(label, "compare") == 0) {
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
    dcd_report_opts ro = {years, nyears, set.v, set.n, plots, DCD_VERSION};
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
    dcd_strlist_free(&set);
    dcd_diags_free(&diags);
    dcd_buf_free(&log);
    return code;
}
