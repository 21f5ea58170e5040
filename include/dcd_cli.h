/* dcd_cli.h - the command-line front end: one function per subcommand.
 *
 * Each command takes the arguments after its name (argv[0] is the command
 * name), prints diagnostics to stderr prefixed with the program name, and
 * returns an exit code from enum dcd_exit (dcd_error.h).
 */
#ifndef DCD_CLI_H
#define DCD_CLI_H

#include <stdio.h>

#include "dcd_error.h"
#include "dcd_scenario.h"
#include "dcd_vec.h"

#define DCD_VERSION "0.1.0"
#define DCD_PROGRAM "dcdemand"

/* The EXIT STATUS table shared by every --help text. */
extern const char dcd_exit_help[];

int dcd_cmd_run(int argc, char **argv);
int dcd_cmd_validate(int argc, char **argv);
int dcd_cmd_show(int argc, char **argv);
int dcd_cmd_plot(int argc, char **argv);
/* `check`: compares scenarios with their published figures (cmd_check.c). */
int dcd_cmd_check(int argc, char **argv);
/* `compare`, `sweep`, `report`: scenarios side by side, parameter grids, and
 * a report folder (cmd_compare.c, cmd_sweep.c, cmd_report.c; docs/compare.md). */
int dcd_cmd_compare(int argc, char **argv);
int dcd_cmd_sweep(int argc, char **argv);
int dcd_cmd_report(int argc, char **argv);

/* Shared helpers for commands. */

/* Prints "dcdemand: " and the formatted message to stderr. */
void dcd_cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Prints a usage error and a hint to run `dcdemand CMD --help`; returns
 * DCD_EXIT_USAGE. */
int dcd_cli_usage(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Reports the option getopt_long() just refused (C is the '?' or ':' it
 * returned; option strings start with ':' so that a missing argument is told
 * apart) as one line plus the --help hint; returns DCD_EXIT_USAGE.  main()
 * sets opterr = 0, so getopt prints nothing itself. */
int dcd_cli_bad_option(const char *cmd, char **argv, int c);
/* Prints DIAGS to stderr and returns the exit code for STATUS. */
int dcd_cli_fail(dcd_diags *diags, int status);
/* Loads every file of FILES (N of them) with the same --set list.  On
 * success *OUT holds N scenarios (free with dcd_cli_free_scenarios).  On
 * failure prints every problem of every file and returns the exit code. */
int dcd_cli_load_all(char **files, int n, const char *const *sets, size_t nsets,
                     dcd_scenario ***out);
/* Checks that no two of the N scenarios would write to the same folder
 * OUTDIR/NAME (names reduced by dcd_scenario_safe_name()).  Returns
 * DCD_EXIT_OK, or prints a usage error for CMD naming both files and returns
 * DCD_EXIT_USAGE. */
int dcd_cli_distinct_folders(const char *cmd, dcd_scenario *const *scs, int n,
                             const char *outdir);
/* Frees N scenarios and the array. */
void dcd_cli_free_scenarios(dcd_scenario **scs, int n);
/* Flushes and closes stdout; returns DCD_EXIT_IO (with a message) when that
 * failed, else CODE. */
int dcd_cli_finish(int code);

#endif
