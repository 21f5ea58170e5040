/* fuzz_options.c - libFuzzer harness over option parsing and --set, through
 * the commands that write nothing: `validate` and `show`.
 *
 * Built and run by `make fuzz` (corpus in tests/fuzz/corpus_options/).  The
 * input is a command line, one argument per line.  The first byte picks the
 * command (even: validate, odd: show).  Arguments that start with '-' are
 * kept, and so is the value after -s/--set; any other argument (a file) is
 * replaced by a small scenario in a sandbox folder, so the harness never
 * reads other files.  Output goes to /dev/null.  A crash, a sanitizer report
 * or an exit code outside the documented table is a finding.
 */
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

#define MAX_ARGS 64

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char scenario[256];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gsl_set_error_handler_off();
    char dir[200];
    snprintf(dir, sizeof dir, "%s", fuzz_sandbox_make("options")); /* removed at exit */
    snprintf(scenario, sizeof scenario, "%s/s.yaml", dir);
    FILE *f = fopen(scenario, "w");
    if (!f)
        abort();
    fputs("name: fuzz\nsources: [made up]\nyears: {start: 2020, base: 2021, end: 2023}\n"
          "national: {total_twh: 100, growth: 0.01}\npue: 1.4\nsegments:\n"
          "  a: {ai: true, driver: energy, energy_twh: 1, growth: 0.1}\n"
          "  b: {ai: false, driver: capacity, capacity_gw: 1, growth: 0.02, utilisation: 0.5,"
          " idle: 0.3}\n",
          f);
    if (fclose(f) != 0 || !freopen("/dev/null", "w", stdout))
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int show = data[0] & 1;
    char *copy = malloc(size);
    if (!copy)
        return 0;
    memcpy(copy, data + 1, size - 1);
    copy[size - 1] = '\0';
    char *argv[MAX_ARGS + 3];
    int argc = 0;
    argv[argc++] = show ? "show" : "validate";
    int after_set = 0;
    for (char *p = copy; p && argc < MAX_ARGS;) {
        char *nl = memchr(p, '\n', (size_t)(copy + size - 1 - p));
        if (nl)
            *nl = '\0';
        if (after_set || p[0] == '-')
            argv[argc++] = p;
        else
            argv[argc++] = scenario;
        after_set = !after_set && (!strcmp(p, "-s") || !strcmp(p, "--set"));
        p = nl ? nl + 1 : NULL;
    }
    argv[argc] = NULL;
    reset_getopt();
    int code = show ? dcd_cmd_show(argc, argv) : dcd_cmd_validate(argc, argv);
    fflush(stdout);
    if (code != 0 && code != 2 && code != 3 && code != 4 && code != 5 && code != 70)
        abort();
    free(copy);
    return 0;
}
