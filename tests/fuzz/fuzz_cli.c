/* fuzz_cli.c - libFuzzer harness over the option parsing of every command
 * (dcd_cmd_* of dcd_cli.h: run, validate, show, plot, check, compare, sweep,
 * report, solve, calibrate).
 *
 * Built and run by `make fuzz` (corpus in tests/fuzz/corpus_cli/).  The
 * first byte of the input picks the command; the rest is split on NUL bytes
 * into its arguments.  Each command runs inside a private sandbox folder
 * (the working folder during the call, on /dev/shm when there is one),
 * refilled before every call with the same fixtures: s.yaml (a small
 * scenario), t.yaml (extends s.yaml), h.csv (observations), r/ (the
 * summary.csv, segments.csv and scenario.yaml of s.yaml's results, for
 * `plot r`), and emptied of whatever the previous call wrote.  So that nothing is
 * read or written outside it, every '/' of an argument becomes '_' (paths
 * stay inside the folder, `-o out` included), ".." becomes "._", and
 * "build-fuzz" (a link back to the build folder, only so that libFuzzer's
 * relative crash paths work during the call) becomes "Build-fuzz".  gnuplot
 * is $DCDEMAND_GNUPLOT, set to a program that does not exist, so no chart is
 * ever drawn and nothing is run; the commands' standard output goes to
 * /dev/null and their standard error too (set DCD_FUZZ_VERBOSE=1 to see it
 * when reproducing a finding).  A crash, a sanitizer report, a leak, a hang
 * or an exit code outside the documented table is a finding.
 */
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "dcd_cli.h"
#include "fuzz_sandbox.h"

#define MAX_ARGS 48

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef int (*command_fn)(int, char **);
static const struct {
    const char *name;
    command_fn fn;
} COMMANDS[] = {
    {"run", dcd_cmd_run},     {"validate", dcd_cmd_validate},
    {"show", dcd_cmd_show},   {"plot", dcd_cmd_plot},
    {"check", dcd_cmd_check}, {"compare", dcd_cmd_compare},
    {"sweep", dcd_cmd_sweep}, {"report", dcd_cmd_report},
    {"solve", dcd_cmd_solve}, {"calibrate", dcd_cmd_calibrate},
};
#define NCOMMANDS (sizeof COMMANDS / sizeof COMMANDS[0])

static const char S_YAML[] = "name: s\n"
                             "sources: [made up]\n"
                             "years: {start: 2014, base: 2018, end: 2026}\n"
                             "national: {total_twh: 4000, growth: 0.01}\n"
                             "pue: 1.4\n"
                             "segments:\n"
                             "  ai: {ai: true, driver: energy, energy_twh: 5, growth: 0.3}\n"
                             "  conv: {ai: false, driver: capacity, capacity_gw: 10, growth: 0.02,"
                             " utilisation: 0.5, idle: 0.3}\n"
                             "expect:\n"
                             "  - {year: 2018, metric: dc_twh, value: 95, tolerance: 50}\n";
static const char T_YAML[] = "extends: s.yaml\nname: t\ntitle: \"T: faster AI\"\n"
                             "segments:\n  ai: {growth: 0.4}\n";
static const char H_CSV[] = "year,metric,value,sd\n2014,dc_twh,58,3\n2016,dc_twh,60,5\n"
                            "2018,dc_twh,76,4\n2023,dc_twh,176,8\n";

static char sandbox[200];
static int home_fd = -1, null_fd = -1, verbose;

/* summary.csv, segments.csv and scenario.yaml of s.yaml's results, for
 * `plot r`. */
static char *r_summary, *r_segments, *r_scenario;

static void put(const char *name, const char *text)
{
    FILE *f = fopen(name, "wb");
    if (!f || fputs(text, f) == EOF || fclose(f) != 0)
        abort();
}

static char *slurp(const char *name)
{
    FILE *f = fopen(name, "rb");
    char *text = calloc(1, 1 << 20);
    if (!f || !text)
        abort();
    size_t n = fread(text, 1, (1 << 20) - 1, f);
    if (n == 0 || fclose(f) != 0)
        abort();
    return text;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    if (ftw->level == 0 || !strcmp(path + ftw->base, "build-fuzz"))
        return 0;
    return remove(path) != 0 ? -1 : 0;
}

/* Empties the sandbox (the working folder) but for the link, and writes the
 * fixtures again. */
static void refill(void)
{
    if (nftw(".", remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
        abort();
    put("s.yaml", S_YAML);
    put("t.yaml", T_YAML);
    put("h.csv", H_CSV);
    if (r_summary) {
        if (mkdir("r", 0777) != 0)
            abort();
        put("r/summary.csv", r_summary);
        put("r/segments.csv", r_segments);
        put("r/scenario.yaml", r_scenario);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gsl_set_error_handler_off();
    snprintf(sandbox, sizeof sandbox, "%s", fuzz_sandbox_make("cli"));
    char here[4096], link[4300];
    if (!getcwd(here, sizeof here))
        abort();
    snprintf(link, sizeof link, "%s/build-fuzz", sandbox);
    (void)mkdir("build-fuzz", 0777);
    snprintf(here + strlen(here), sizeof here - strlen(here), "/build-fuzz");
    if (symlink(here, link) != 0)
        abort();
    if (setenv("DCDEMAND_GNUPLOT", "/nonexistent/dcd-fuzz-no-gnuplot", 1) != 0 ||
        setenv("DCDEMAND_PLOT_TIMEOUT", "1", 1) != 0)
        abort();
    verbose = getenv("DCD_FUZZ_VERBOSE") != NULL;
    home_fd = open(".", O_RDONLY | O_DIRECTORY);
    null_fd = open("/dev/null", O_WRONLY);
    if (home_fd < 0 || null_fd < 0 || !freopen("/dev/null", "w", stdout))
        abort();
    /* The results that `plot r` reads: those of `run -o . s.yaml`. */
    char a0[] = "run", a1[] = "-q", a2[] = "--no-plots", a3[] = "-o", a4[] = ".", a5[] = "s.yaml";
    char *run[] = {a0, a1, a2, a3, a4, a5, NULL};
    if (chdir(sandbox) != 0)
        abort();
    refill();
    if (dcd_cmd_run(6, run) != 0)
        abort();
    r_summary = slurp("s/summary.csv");
    r_segments = slurp("s/segments.csv");
    r_scenario = slurp("s/scenario.yaml");
    if (fchdir(home_fd) != 0)
        abort();
    return 0;
}

/* Resets getopt's hidden state (GNU getopt keeps a pointer into the last
 * argv unless optind is 0). */
static void reset_getopt(void)
{
    char a0[] = "x";
    char *dummy[] = {a0, NULL};
    optind = 0;
    opterr = 0;
    while (getopt(1, dummy, "") != -1)
        ;
}

/* Keeps ARG inside the sandbox (see the header comment). */
static void confine(char *arg)
{
    for (char *p = arg; *p; p++) {
        if (*p == '/')
            *p = '_';
        if (p[0] == '.' && p[1] == '.')
            p[1] = '_';
    }
    for (char *p = arg; (p = strstr(p, "build-fuzz"));)
        *p = 'B';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t cmd = data[0] % NCOMMANDS;
    char *copy = malloc(size);
    if (!copy)
        return 0;
    memcpy(copy, data + 1, size - 1);
    copy[size - 1] = '\0';
    char *argv[MAX_ARGS + 2];
    int argc = 0;
    char name[16];
    snprintf(name, sizeof name, "%s", COMMANDS[cmd].name);
    argv[argc++] = name;
    for (char *p = copy; size > 1 && p < copy + size - 1 && argc < MAX_ARGS;) {
        confine(p);
        argv[argc++] = p;
        p += strlen(p) + 1;
    }
    argv[argc] = NULL;
    if (chdir(sandbox) != 0)
        abort();
    refill();
    reset_getopt();
    int saved = -1;
    fflush(stderr);
    if (!verbose && ((saved = dup(2)) < 0 || dup2(null_fd, 2) < 0))
        abort();
    int code = COMMANDS[cmd].fn(argc, argv);
    fflush(stdout);
    fflush(stderr);
    if (saved >= 0 && (dup2(saved, 2) < 0 || close(saved) != 0))
        abort();
    if (fchdir(home_fd) != 0)
        abort();
    if (code < 0 || (code > 7 && code != 70))
        abort(); /* an exit code outside the documented table */
    free(copy);
    return 0;
}
