/* test_options.c - the common options parsed once (dcd_cli_parse). */
#include <string.h>

#include "dcd_cli.h"
#include "harness.h"

typedef struct seen {
    int f;
    const char *farg;
    char order[64];
    size_t n;
} seen;

static int own(int c, const char *arg, void *ctx)
{
    seen *s = ctx;
    if (c == 'f') {
        s->f++;
        s->farg = arg;
    } else if (c == 1 && s->n + 2 < sizeof s->order) {
        s->order[s->n++] = arg[0];
    }
    return DCD_EXIT_OK;
}

int main(void)
{
    harness_init();
    static const struct option ownl[] = {{"format", required_argument, NULL, 'f'},
                                         {NULL, 0, NULL, 0}};
    seen s;
    memset(&s, 0, sizeof s);
    dcd_cli_spec spec = {
        "t", "help\n", DCD_OPT_OUT | DCD_OPT_SET | DCD_OPT_QUIET | DCD_OPT_NO_PLOTS, "f:", ownl, 0,
        own, &s};
    char *argv1[] = {"t",  "-o",         "dir",      "--set", "a=1",       "-s", "b=2",
                     "-q", "--no-plots", "--format", "csv",   "file.yaml", NULL};
    dcd_cli_common co = {.outdir = "out", .plots = 1};
    gsl_test_int(dcd_cli_parse(&spec, 12, argv1, &co), DCD_EXIT_OK, "common and own options");
    gsl_test_str(co.outdir, "dir", "-o");
    gsl_test_int((int)co.sets.n, 2, "two --set");
    gsl_test_str(co.sets.n == 2 ? co.sets.v[1] : "", "b=2", "in order");
    gsl_test_int(co.quiet, 1, "-q");
    gsl_test_int(co.plots, 0, "--no-plots");
    gsl_test_int(s.f, 1, "the own option reached the callback");
    gsl_test_str(s.farg ? s.farg : "", "csv", "with its argument");
    gsl_test_int(optind, 11, "optind at the operand");
    dcd_strlist_free(&co.sets);

    /* An option the command does not take is a usage error (exit 2). */
    spec.common = DCD_OPT_SET;
    char *argv2[] = {"t", "--no-plots", "x", NULL};
    dcd_cli_common c2 = {.plots = 1};
    gsl_test_int(dcd_cli_parse(&spec, 3, argv2, &c2), DCD_EXIT_USAGE, "--no-plots refused");
    gsl_test_int(c2.plots, 1, "and not applied");
    dcd_strlist_free(&c2.sets);

    /* An empty output folder is a usage error. */
    spec.common = DCD_OPT_OUT;
    char *argv3[] = {"t", "-o", "", "x", NULL};
    dcd_cli_common c3 = {.outdir = "out"};
    gsl_test_int(dcd_cli_parse(&spec, 4, argv3, &c3), DCD_EXIT_USAGE, "-o '' refused");

    /* In order: operands reach the callback as 1, also after "--". */
    memset(&s, 0, sizeof s);
    spec.in_order = 1;
    spec.common = DCD_OPT_QUIET;
    char *argv4[] = {"t", "a", "-q", "b", "--", "-c", NULL};
    dcd_cli_common c4 = {0};
    gsl_test_int(dcd_cli_parse(&spec, 6, argv4, &c4), DCD_EXIT_OK, "in-order parse");
    gsl_test_str(s.order, "ab-", "operands in order, '-c' after -- is an operand");
    gsl_test_int(c4.quiet, 1, "-q between operands");
    return gsl_test_summary();
}
