/* options.c - the options every command shares, parsed once (dcd_cli.h). */
#include "dcd_cli.h"

#include <stdio.h>
#include <string.h>

enum { OPT_NO_PLOTS = 256 };

/* The common options, in the order they are merged before a command's own. */
static const struct {
    unsigned mask;
    const char *shortopt;
    struct option opt;
} COMMON[] = {
    {DCD_OPT_OUT, "o:", {"out", required_argument, NULL, 'o'}},
    {DCD_OPT_SET, "s:", {"set", required_argument, NULL, 's'}},
    {DCD_OPT_QUIET, "q", {"quiet", no_argument, NULL, 'q'}},
    {DCD_OPT_NO_PLOTS, "", {"no-plots", no_argument, NULL, OPT_NO_PLOTS}},
    {DCD_OPT_HELP, "h", {"help", no_argument, NULL, 'h'}},
};
#define NCOMMON (sizeof COMMON / sizeof *COMMON)
#define MAX_LONG 32

/* Handles common option C; returns DCD_EXIT_OK, or an exit code. */
static int common_opt(const dcd_cli_spec *spec, int c, const char *arg, dcd_cli_common *out)
{
    switch (c) {
    case 'o': out->outdir = arg; return DCD_EXIT_OK;
    case 's': return dcd_strlist_push(&out->sets, arg) == 0 ? DCD_EXIT_OK : DCD_EXIT_INTERNAL;
    case 'q': out->quiet = 1; return DCD_EXIT_OK;
    case OPT_NO_PLOTS: out->plots = 0; return DCD_EXIT_OK;
    default: /* 'h' */
        fputs(spec->help, stdout);
        fputs(dcd_exit_help, stdout);
        out->help = 1;
        return DCD_EXIT_OK;
    }
}

static int is_common(const dcd_cli_spec *spec, int c)
{
    for (size_t i = 0; i < NCOMMON; i++)
        if ((spec->common & COMMON[i].mask) && COMMON[i].opt.val == c)
            return 1;
    return 0;
}

int dcd_cli_parse(const dcd_cli_spec *spec, int argc, char **argv, dcd_cli_common *out)
{
    char shortopts[64];
    struct option longopts[MAX_LONG];
    size_t nl = 0, ns = 0;
    unsigned mask = spec->common | DCD_OPT_HELP;
    out->help = 0;

    /* ":" first: a missing argument is told apart; "-": operands in order. */
    ns += (size_t)snprintf(shortopts + ns, sizeof shortopts - ns, "%s:%s",
                           spec->in_order ? "-" : "", spec->own_short ? spec->own_short : "");
    for (const struct option *o = spec->own_long; o && o->name && nl < MAX_LONG - 1; o++)
        longopts[nl++] = *o;
    for (size_t i = 0; i < NCOMMON; i++) {
        if (!(mask & COMMON[i].mask))
            continue;
        if (ns < sizeof shortopts)
            ns += (size_t)snprintf(shortopts + ns, sizeof shortopts - ns, "%s", COMMON[i].shortopt);
        if (nl < MAX_LONG - 1)
            longopts[nl++] = COMMON[i].opt;
    }
    longopts[nl] = (struct option){NULL, 0, NULL, 0};
    dcd_cli_spec eff = *spec;
    eff.common = mask;

    optind = spec->in_order ? 0 : 1; /* GNU: 0 is a full reset, honouring "-" */
    int after_dashes = 0, c, code;
    for (;;) {
        const char *arg = NULL;
        if (!after_dashes) {
            c = getopt_long(argc, argv, shortopts, longopts, NULL);
            arg = optarg;
            if (c == -1) {
                if (!spec->in_order)
                    break;
                after_dashes = 1; /* the end, or "--": the rest are operands */
            }
        }
        if (after_dashes) {
            if (optind >= argc)
                break;
            c = 1;
            arg = argv[optind++];
        }
        if (c == '?' || c == ':')
            return dcd_cli_bad_option(spec->cmd, argv, c);
        if (is_common(&eff, c))
            code = common_opt(spec, c, arg, out);
        else if (spec->own)
            code = spec->own(c, arg, spec->ctx);
        else
            code = dcd_cli_bad_option(spec->cmd, argv, '?');
        if (code != DCD_EXIT_OK || out->help)
            return code;
    }
    if ((spec->common & DCD_OPT_OUT) && out->outdir && !*out->outdir)
        return dcd_cli_usage(spec->cmd, "empty output folder");
    return DCD_EXIT_OK;
}
