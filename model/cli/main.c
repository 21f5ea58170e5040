/* main.c - dcdemand: project data-centre and AI electricity demand.
 * One entry point, a subcommand per job (dcd_cli.h). */
#include <getopt.h>
#include <gsl/gsl_errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "dcd_cli.h"

typedef struct command {
    const char *name;
    int (*fn)(int, char **);
    const char *summary;
} command;

static const command COMMANDS[] = {
    {"run", dcd_cmd_run, "project scenarios and write results under out/"},
    {"validate", dcd_cmd_validate, "check scenario files without running them"},
    {"show", dcd_cmd_show, "print the resolved scenario (extends and --set applied)"},
    {"plot", dcd_cmd_plot, "redraw the charts of saved results (png, svg or pdf)"},
    {"check", dcd_cmd_check, "compare scenarios with the published figures they reproduce"},
    {"compare", dcd_cmd_compare, "scenarios side by side: differing inputs, results, overlays"},
    {"sweep", dcd_cmd_sweep, "run a scenario over a grid of one or two parameters"},
    {"report", dcd_cmd_report, "runs, charts, comparison and an index.md in one folder"},
    {"solve", dcd_cmd_solve, "goal seek: the input value at which a metric hits a target"},
    {"calibrate", dcd_cmd_calibrate, "fit inputs to observed history (least squares)"},
    {"mc", dcd_cmd_mc, "Monte Carlo: how likely an outcome is, from uncertain inputs"},
    {"sensitivity", dcd_cmd_sensitivity,
     "which uncertain inputs drive an outcome (tornado, Sobol)"},
    {"merge", dcd_cmd_merge, "combine the shards of an mc or sensitivity run into its files"},
};

static void help(FILE *f)
{
    fputs("Usage: " DCD_PROGRAM " COMMAND [OPTIONS] [FILE...]\n"
          "Project how much electricity data centres and AI use, and their share of\n"
          "national demand, from YAML scenario files.\n\n"
          "Commands:\n",
          f);
    for (size_t i = 0; i < sizeof COMMANDS / sizeof *COMMANDS; i++)
        fprintf(f, "  %-11s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
    fputs("\nOptions:\n"
          "  -h, --help     show this help and exit\n"
          "  -V, --version  show the version and exit\n\n"
          "Run '" DCD_PROGRAM " COMMAND --help' for a command's options.\n\n",
          f);
    fputs(dcd_exit_help, f);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "C");
    opterr = 0; /* commands report bad options themselves, in one line */
    gsl_set_error_handler_off();
    /* A closed pipe (dcdemand compare ... | head -1) is an I/O error on
     * stdout, reported by dcd_cli_finish() once every file is written. */
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2)
        return dcd_cli_usage(NULL, "missing command (run, validate, show, ...)");
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        help(stdout);
        return dcd_cli_finish(DCD_EXIT_OK);
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        puts(DCD_PROGRAM " " DCD_VERSION);
        return dcd_cli_finish(DCD_EXIT_OK);
    }
    for (size_t i = 0; i < sizeof COMMANDS / sizeof *COMMANDS; i++)
        if (strcmp(cmd, COMMANDS[i].name) == 0)
            return dcd_cli_finish(COMMANDS[i].fn(argc - 1, argv + 1));
    return dcd_cli_usage(NULL, "unknown command '%s'", cmd);
}
