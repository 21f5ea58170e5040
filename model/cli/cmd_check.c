/* cmd_check.c - `dcdemand check`: re-run scenarios and compare them with the
 * published figures in their `expect:` entries.
 *
 * Every scenario is loaded and projected first; the whole table is then built
 * in memory and printed at once, so the output is the same on every run.
 * Rows come in the order of the files (a folder's *.yaml files sorted by
 * name, byte order) and, within a file, in the order of its expect: list.
 * A row passes when |model - published| <= tolerance (one-sided figures:
 * min <= model <= max; dcd_check.h), the tolerance being
 * absolute in the metric's unit (docs/scenario-format.md, "expect").
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dcd_buf.h"
#include "dcd_check.h"
#include "dcd_cli.h"
#include "dcd_engine.h"

static const char CHECK_HELP[] =
    "Usage: " DCD_PROGRAM " check [OPTIONS] [FILE|DIR]...\n"
    "Run every scenario that states published figures (expect: entries) and\n"
    "print, for each figure: study, case, metric, year, published value, model\n"
    "value, difference, tolerance and pass or FAIL.  A DIR stands for every\n"
    "*.yaml file directly in it, sorted by name; files without expect: entries\n"
    "are skipped with a note on stderr.  Without arguments: scenarios/.\n"
    "A figure passes when |model - published| <= tolerance (absolute, in the\n"
    "metric's unit); a one-sided figure (min:/max:, shown as >= 9, <= 17 or\n"
    "9..17) when the model lies inside.\n\n"
    "Options:\n"
    "  -f, --format FMT       text (default), markdown or csv\n"
    "  -s, --set PATH=VALUE   override a number in every scenario (repeatable)\n"
    "  -q, --quiet            print only failing rows, and no notes\n"
    "  -h, --help             show this help and exit\n\n";

enum format { FMT_TEXT, FMT_MARKDOWN, FMT_CSV };

static char *join(const char *a, const char *sep, const char *b)
{
    size_t la = strlen(a), ls = strlen(sep), lb = strlen(b);
    char *p = malloc(la + ls + lb + 1);
    if (!p)
        return NULL;
    memcpy(p, a, la);
    memcpy(p + la, sep, ls);
    memcpy(p + la + ls, b, lb + 1);
    return p;
}

static int is_yaml_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

static int yaml_entry(const struct dirent *e)
{
    return is_yaml_name(e->d_name);
}

/* Appends ARG to FILES, or, when ARG is a folder, its *.yaml regular files in
 * byte order.  Returns DCD_EXIT_OK, DCD_EXIT_INPUT (message printed) or
 * DCD_EXIT_INTERNAL. */
static int expand_arg(const char *arg, dcd_strlist *files)
{
    struct stat st;
    if (stat(arg, &st) != 0 || !S_ISDIR(st.st_mode))
        return dcd_strlist_take(files, join(arg, "", "")) == 0 ? DCD_EXIT_OK : DCD_EXIT_INTERNAL;

    /* The *.yaml names, sorted (alphasort in the C locale: byte order). */
    struct dirent **list = NULL;
    int n = scandir(arg, &list, yaml_entry, alphasort);
    if (n < 0) {
        dcd_cli_error("%s: cannot read folder: %s", arg, strerror(errno));
        return DCD_EXIT_INPUT;
    }
    int code = DCD_EXIT_OK;
    size_t al = strlen(arg), found = 0;
    const char *sep = (al > 0 && arg[al - 1] == '/') ? "" : "/";
    for (int i = 0; i < n && code == DCD_EXIT_OK; i++) {
        char *path = join(arg, sep, list[i]->d_name);
        if (!path) {
            code = DCD_EXIT_INTERNAL;
        } else if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
        } else if (dcd_strlist_take(files, path) != 0) {
            code = DCD_EXIT_INTERNAL;
        } else {
            found++;
        }
    }
    for (int i = 0; i < n; i++)
        free(list[i]);
    free(list);
    if (code == DCD_EXIT_OK && found == 0) {
        dcd_cli_error("%s: no *.yaml scenario files in this folder", arg);
        code = DCD_EXIT_INPUT;
    }
    return code;
}

/* check's own option: -f FORMAT into *(enum format *)CTX. */
static int check_option(int c, const char *arg, void *ctx)
{
    enum format *fmt = ctx;
    (void)c;
    if (strcmp(arg, "text") == 0)
        *fmt = FMT_TEXT;
    else if (strcmp(arg, "markdown") == 0 || strcmp(arg, "md") == 0)
        *fmt = FMT_MARKDOWN;
    else if (strcmp(arg, "csv") == 0)
        *fmt = FMT_CSV;
    else
        return dcd_cli_usage("check", "unknown format '%s' (text, markdown or csv)", arg);
    return DCD_EXIT_OK;
}

int dcd_cmd_check(int argc, char **argv)
{
    static const struct option own[] = {{"format", required_argument, NULL, 'f'},
                                        {NULL, 0, NULL, 0}};
    enum format fmt = FMT_TEXT;
    dcd_cli_spec spec = {"check",      CHECK_HELP, DCD_OPT_SET | DCD_OPT_QUIET, "f:", own, 0,
                         check_option, &fmt};
    dcd_cli_common co = {0};
    int quiet, code = DCD_EXIT_OK;
    int ninvalid = 0, nmodel = 0, checked = 0, skipped = 0, oom_reported = 0;
    dcd_strlist files = {.owns = 1};
    dcd_scenario **scs = NULL;
    dcd_check chk = {0};
    dcd_buf out = {0};

    code = dcd_cli_parse(&spec, argc, argv, &co);
    if (code != DCD_EXIT_OK || co.help)
        goto done;
    quiet = co.quiet;
    static const char *const default_args[] = {"scenarios"};
    const char *const *args = optind < argc ? (const char *const *)argv + optind : default_args;
    int nargs = optind < argc ? argc - optind : 1;
    for (int i = 0; i < nargs; i++) {
        int rc = expand_arg(args[i], &files);
        if (rc == DCD_EXIT_INTERNAL) {
            code = rc;
            goto done;
        }
        if (rc != DCD_EXIT_OK)
            ninvalid++;
    }

    scs = calloc(files.n ? files.n : 1, sizeof *scs);
    if (!scs) {
        code = DCD_EXIT_INTERNAL;
        goto done;
    }
    for (size_t f = 0; f < files.n; f++) {
        dcd_diags diags = {0};
        int rc = dcd_scenario_load(files.v[f], co.sets.v, co.sets.n, &scs[f], &diags);
        if (rc != DCD_OK) {
            int ec = dcd_cli_fail(&diags, rc);
            dcd_diags_free(&diags);
            if (ec == DCD_EXIT_INTERNAL) {
                code = ec;
                oom_reported = 1;
                goto done;
            }
            ninvalid++;
            continue;
        }
        if (scs[f]->nexpect == 0) {
            skipped++;
            if (!quiet)
                dcd_cli_error("check: %s: no expect: entries, skipped", files.v[f]);
            continue;
        }
        rc = dcd_check_scenario(&chk, scs[f], &diags);
        if (rc != DCD_OK) {
            int ec = dcd_cli_fail(&diags, rc);
            dcd_diags_free(&diags);
            if (ec == DCD_EXIT_INTERNAL) {
                code = ec;
                oom_reported = 1;
                goto done;
            }
            nmodel++;
            continue;
        }
        dcd_diags_free(&diags);
        checked++;
    }

    size_t nrows = chk.nrows, nfail = chk.nfail;
    dcd_check_format(&chk,
                     fmt == FMT_CSV        ? DCD_OUT_CSV
                     : fmt == FMT_MARKDOWN ? DCD_OUT_MD
                                           : DCD_OUT_TERM,
                     quiet, &out);
    if (fmt == FMT_TEXT && (!quiet || nfail)) {
        dcd_buf_printf(&out, "%s%zu figure%s in %d scenario%s: %zu passed, %zu failed",
                       nrows ? "\n" : "", nrows, nrows == 1 ? "" : "s", checked,
                       checked == 1 ? "" : "s", nrows - nfail, nfail);
        if (skipped)
            dcd_buf_printf(&out, "; %d without expect: skipped", skipped);
        if (ninvalid)
            dcd_buf_printf(&out, "; %d invalid", ninvalid);
        if (nmodel)
            dcd_buf_printf(&out, "; %d failed to project", nmodel);
        dcd_buf_puts(&out, "\n");
    }
    if (out.failed) {
        code = DCD_EXIT_INTERNAL;
        goto done;
    }
    fwrite(out.data ? out.data : "", 1, out.len, stdout);
    if (!quiet && checked == 0 && !ninvalid && !nmodel)
        dcd_cli_error("check: no scenario with expect: entries (%d skipped)", skipped);

    if (ninvalid)
        code = DCD_EXIT_INPUT;
    else if (nmodel)
        code = DCD_EXIT_MODEL;
    else if (nfail)
        code = DCD_EXIT_CHECK;
done:
    if (code == DCD_EXIT_INTERNAL && !oom_reported)
        dcd_cli_error("out of memory");
    if (scs)
        for (size_t f = 0; f < files.n; f++)
            dcd_scenario_free(scs[f]);
    free(scs);
    dcd_check_free(&chk);
    dcd_strlist_free(&files);
    dcd_buf_free(&out);
    dcd_strlist_free(&co.sets);
    return code;
}
