/* cli.c - shared helpers of the command-line front end (dcd_cli.h). */
#include "dcd_cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char dcd_exit_help[] =
    "Exit status:\n"
    "  0   success\n"
    "  1   check: a result is outside a scenario's stated tolerance\n"
    "  2   usage error (unknown option, missing argument)\n"
    "  3   invalid scenario (cannot read, YAML error, failed validation)\n"
    "  4   projection failed (a non-finite or impossible value)\n"
    "  5   output error (cannot create or write a file)\n"
    "  6   results written, but charts failed\n"
    "  7   solve: no solution (target not bracketed by the bounds, input unused,\n"
    "      or no convergence)\n"
    "  70  internal error (out of memory)\n";

void dcd_cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs(DCD_PROGRAM ": ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int dcd_cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fputs(DCD_PROGRAM ": ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '" DCD_PROGRAM "%s%s --help' for more information.\n", cmd ? " " : "",
            cmd ? cmd : "");
    return DCD_EXIT_USAGE;
}

int dcd_cli_bad_option(const char *cmd, char **argv, int c)
{
    const char *arg = optind > 0 ? argv[optind - 1] : "";
    if (c == ':')
        return dcd_cli_usage(cmd, "option '%s' requires an argument", arg);
    if (optopt && !(arg[0] == '-' && arg[1] == '-'))
        return dcd_cli_usage(cmd, "invalid option -- '%c'", optopt);
    return dcd_cli_usage(cmd, "unrecognized option '%s'", arg);
}

int dcd_cli_fail(dcd_diags *diags, int status)
{
    dcd_diags_sort(diags);
    fflush(stdout);
    dcd_diags_print(diags, stderr);
    if (status == DCD_ENOMEM)
        dcd_cli_error("out of memory");
    return dcd_exit_code(status);
}

int dcd_cli_distinct_folders(const char *cmd, dcd_scenario *const *scs, int n, const char *outdir)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < i; j++) {
            char a[65], b[65];
            dcd_scenario_safe_name(scs[i], a);
            dcd_scenario_safe_name(scs[j], b);
            if (strcmp(a, b) == 0)
                return dcd_cli_usage(cmd,
                                     "%s and %s would both write to %s/%s; give them "
                                     "different names",
                                     scs[j]->path, scs[i]->path, outdir, a);
        }
    return DCD_EXIT_OK;
}

void dcd_cli_free_scenarios(dcd_scenario **scs, int n)
{
    if (!scs)
        return;
    for (int i = 0; i < n; i++)
        dcd_scenario_free(scs[i]);
    free(scs);
}

int dcd_cli_load_all(char **files, int n, const char *const *sets, size_t nsets,
                     dcd_scenario ***out)
{
    dcd_diags diags = {0};
    int worst = DCD_OK;
    dcd_scenario **scs = calloc((size_t)(n > 0 ? n : 1), sizeof *scs);
    *out = NULL;
    if (!scs) {
        dcd_cli_error("out of memory");
        return DCD_EXIT_INTERNAL;
    }
    for (int i = 0; i < n; i++) {
        int rc = dcd_scenario_load(files[i], sets, nsets, &scs[i], &diags);
        if (rc == DCD_ENOMEM || (rc != DCD_OK && worst == DCD_OK))
            worst = rc;
    }
    if (worst != DCD_OK) {
        int code = dcd_cli_fail(&diags, worst);
        dcd_diags_free(&diags);
        dcd_cli_free_scenarios(scs, n);
        return code;
    }
    dcd_diags_free(&diags);
    *out = scs;
    return DCD_EXIT_OK;
}

int dcd_cli_finish(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        dcd_cli_error("error writing to standard output: %s", strerror(errno));
        fclose(stdout);
        return code ? code : DCD_EXIT_IO;
    }
    if (fclose(stdout) != 0) {
        dcd_cli_error("error writing to standard output: %s", strerror(errno));
        return code ? code : DCD_EXIT_IO;
    }
    return code;
}
