/* dcd_cli.h - the command-line front end: one function per subcommand.
 *
 * Each command takes the arguments after its name (argv[0] is the command
 * name), prints diagnostics to stderr prefixed with the program name, and
 * returns an exit code from enum dcd_exit (dcd_error.h).
 *
 * A command only parses, calls, prints and maps to an exit code; the work is
 * an analysis module in model/analysis (dcd_check.h, dcd_compare.h,
 * dcd_sweep.h, dcd_report.h).  Adding command NAME:
 *   1. include/dcd_NAME.h + model/analysis/NAME.c: an options struct in, a
 *      result struct out (dcd_NAME_run(scenarios, &opts, &result, diags)),
 *      dcd_NAME_free(), and formatters that append to a dcd_buf through
 *      dcd_table.h / dcd_format.h; a unit test tests/unit/test_NAME.c.
 *   2. model/cli/cmd_NAME.c: a dcd_cli_spec (common options by mask, own
 *      options by callback) for dcd_cli_parse(), dcd_cli_load_all(), the
 *      call, then files first and the table last (a closed pipe loses
 *      nothing); a row in COMMANDS of main.c and a prototype below.
 *   3. tests/cli/test_NAME.sh, docs/, the man page.
 */
#ifndef DCD_CLI_H
#define DCD_CLI_H

#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "dcd_buf.h"
#include "dcd_engine.h"
#include "dcd_error.h"
#include "dcd_load.h"
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
/* `solve` and `calibrate`: goal seek and fitting to history (cmd_solve.c,
 * cmd_calibrate.c; docs/solve.md). */
int dcd_cmd_solve(int argc, char **argv);
int dcd_cmd_calibrate(int argc, char **argv);
/* `mc` and `merge`: Monte Carlo over uncertain inputs, and shards combined
 * (cmd_mc.c; docs/uncertainty.md). */
int dcd_cmd_mc(int argc, char **argv);
int dcd_cmd_merge(int argc, char **argv);
/* `sensitivity`: tornado and Sobol indices (cmd_sensitivity.c;
 * docs/uncertainty.md); merge calls dcd_merge_sensitivity() when the first
 * shard file is a sensitivity shard (dcd_merge_is_sensitivity()). */
int dcd_cmd_sensitivity(int argc, char **argv);
int dcd_merge_is_sensitivity(const char *path);
int dcd_merge_sensitivity(const char *const *files, size_t n, const char *outdir, int quiet,
                          int plots);

/* Shared helpers for commands. */

/* ---- common options (options.c) -------------------------------------------
 *
 * Every command parses its options with dcd_cli_parse(): the common options
 * it takes (a mask of DCD_OPT_*) are handled here once, its own ones by a
 * callback.  A new command lists its own short and long options and writes
 * one switch in the callback. */

enum {
    DCD_OPT_OUT = 1,      /* -o, --out DIR (must not be empty) */
    DCD_OPT_SET = 2,      /* -s, --set PATH=VALUE (repeatable) */
    DCD_OPT_QUIET = 4,    /* -q, --quiet */
    DCD_OPT_NO_PLOTS = 8, /* --no-plots */
    DCD_OPT_HELP = 16     /* -h, --help (every command) */
};

/* First value a command may use for its own long-only options. */
#define DCD_OPT_OWN_LONG 512

/* The common options' values. */
typedef struct dcd_cli_common {
    const char *outdir; /* -o; set the default before parsing */
    dcd_strlist sets;   /* -s, borrowed from argv; free with dcd_strlist_free() */
    int quiet;          /* -q */
    int plots;          /* 0 after --no-plots; set the default (1) before parsing */
    int help;           /* 1 when -h printed the help: return DCD_EXIT_OK */
} dcd_cli_common;

/* How a command is parsed. */
typedef struct dcd_cli_spec {
    const char *cmd;               /* command name, for messages */
    const char *help;              /* text printed (then dcd_exit_help) for -h */
    unsigned common;               /* DCD_OPT_* the command takes */
    const char *own_short;         /* its own short options ("f:"), may be NULL */
    const struct option *own_long; /* its own long options, {0}-terminated; may be NULL */
    int in_order;                  /* operands reach OWN in order as C == 1 (also after "--") */
    /* Called for each own option C with its argument; returns DCD_EXIT_OK or
     * an exit code (its message printed). */
    int (*own)(int c, const char *arg, void *ctx);
    void *ctx;
} dcd_cli_spec;

/* Parses ARGV (ARGV[0] the command name) by SPEC into OUT.  Returns
 * DCD_EXIT_OK, with optind at the first operand (unless in_order) and
 * OUT->help set when -h printed the help; else the exit code of a usage
 * error (printed), or of OWN.  OUT->sets is filled even on failure: free
 * it. */
int dcd_cli_parse(const dcd_cli_spec *spec, int argc, char **argv, dcd_cli_common *out);

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
int dcd_cli_distinct_folders(const char *cmd, dcd_scenario *const *scs, int n, const char *outdir);
/* Frees N scenarios and the array. */
void dcd_cli_free_scenarios(dcd_scenario **scs, int n);
/* Flushes and closes stdout; returns DCD_EXIT_IO (with a message) when that
 * failed, else CODE. */
int dcd_cli_finish(int code);

/* ---- numbers of options, and the long-running commands (cli_progress.c) --
 * the one number rule of every command's options; for mc and sensitivity,
 * the --seed/--threads/--shard parsers, a progress bar, the report of a
 * failed run. */

/* The one rule of every command for a numeric option: a finite decimal
 * number (strtod's decimal syntax: "12", "+1.5", "2.03e3") filling ARG
 * entirely, into *OUT.  Returns 0, or -1 when ARG is not one: empty, leading
 * space, trailing text, hexadecimal, nan, inf, or out of double's range
 * (strtod's ERANGE, so "1e999" and "1e-400"); *OUT is then unchanged.  The
 * caller prints "--OPTION 'ARG': expected ..." with dcd_cli_usage() (exit
 * 2). */
int dcd_cli_number(const char *arg, double *out);
/* The largest bound dcd_cli_whole() takes: 2^53-1 (every whole number up to
 * 2^53 is a double, so a larger one never rounds into the range), or
 * LONG_MAX when long is smaller. */
#define DCD_CLI_WHOLE_MAX (LONG_MAX < 9007199254740991 ? LONG_MAX : 9007199254740991)
/* A whole number LO-HI by the same rule, whole as written (so "2030",
 * "2030.0" and "2.03e3", not "2030.5" nor "2030.0000000000001", whose double
 * is 2030; the range is checked before any conversion, so "1e300" is simply
 * out of range) into *OUT.  -DCD_CLI_WHOLE_MAX <= LO <= HI <=
 * DCD_CLI_WHOLE_MAX.  Returns 0, or -1 (*OUT unchanged). */
int dcd_cli_whole(const char *arg, long lo, long hi, long *out);
/* A list of years 1900-2200 separated by commas ("2025,2030"), each by
 * dcd_cli_whole(), into YEARS (room for MAX).  Returns the count (1 or
 * more), or -1 when an item is not one (an empty item too: "2025,", ",2030")
 * or there are more than MAX; YEARS is then partly written. */
int dcd_cli_years(const char *arg, int *years, size_t max);
/* --seed S, --threads T (1-MAX), --shard I/N for command CMD: store the
 * value and return DCD_EXIT_OK, or print a usage error and return
 * DCD_EXIT_USAGE.  Each number by the rule above; a seed may also be any
 * string of digits up to 2^64-1 (beyond double's exact whole numbers), else
 * (such as "1e3") at most DCD_CLI_WHOLE_MAX. */
int dcd_cli_parse_seed(const char *cmd, const char *arg, uint64_t *seed);
int dcd_cli_parse_threads(const char *cmd, const char *arg, unsigned *threads, int max);
int dcd_cli_parse_shard(const char *cmd, const char *arg, size_t *shard, size_t *nshards);

/* A progress bar "dcdemand CMD: [###...]  42%" on stderr, shown only on a
 * terminal once a run has taken a second. */
typedef struct dcd_cli_progress {
    const char *cmd; /* borrowed */
    struct timespec t0, last;
    int shown;
} dcd_cli_progress;
/* Sets *P up for CMD; returns 1 when the bar may be shown (not QUIET and
 * stderr a terminal): then pass dcd_cli_progress_show and P as the run's
 * progress callback and context. */
int dcd_cli_progress_start(dcd_cli_progress *p, const char *cmd, int quiet);
void dcd_cli_progress_show(void *ctx, size_t done, size_t total);
/* Clears the bar's line when it was shown. */
void dcd_cli_progress_end(const dcd_cli_progress *p);
/* Prints DIAGS (those without a file as "dcdemand: CMD: ...") and returns
 * the exit code of STATUS. */
int dcd_cli_fail_cmd(const char *cmd, dcd_diags *diags, int status);
/* The exit code of a run of CMD that failed with STATUS: a usage error
 * (DCD_EUSAGE: the first message of DIAGS, with the --help hint), else as
 * dcd_cli_fail_cmd(). */
int dcd_cli_run_failed(const char *cmd, dcd_diags *diags, int status);
/* Parses ARGV by SPEC into CO (as dcd_cli_parse(); free CO->sets), then
 * loads the one scenario FILE the command takes into *SCS (one scenario;
 * free with dcd_cli_free_scenarios(*SCS, 1)).  Returns DCD_EXIT_OK (with
 * CO->help set when -h printed the help: *SCS is then not set) or the exit
 * code of the error printed. */
int dcd_cli_parse_one(const dcd_cli_spec *spec, int argc, char **argv, dcd_cli_common *co,
                      dcd_scenario ***scs);

/* ---- derived scenarios (cli_derived.c) ------------------------------------ */

/* Pushes onto SET the setting that names the scenario NAME+SUFFIX (its text
 * in NAMEBUF, which SET borrows), loads SRC with SET, projects it and writes
 * it into OUTDIR as dcd_write_derived() does (COMMENT, charts with PLOTS;
 * the folder to DIR).  *SC and *R (the caller frees them) are set as far as
 * it got.  Returns -1 when the name cannot be made (no memory), else DCD_OK,
 * DCD_EPLOT (files written, charts failed) or the status of the failure,
 * with messages in D. */
int dcd_cli_derived(const dcd_source *src, dcd_strlist *set, const char *name, const char *suffix,
                    const char *outdir, const char *comment, int plots, dcd_buf *namebuf,
                    dcd_scenario **sc, dcd_results **r, dcd_buf *dir, dcd_diags *d);
/* The exit code once a derived scenario was written into DIR with STATUS
 * (that of dcd_cli_derived() or of its charts): unless QUIET prints "wrote
 * DIR/EXTRA" when the files are there (DCD_OK, DCD_EPLOT); prints D and
 * returns the exit code of a failure. */
int dcd_cli_derived_done(int status, dcd_diags *d, int quiet, const char *dir, const char *extra);

#endif
