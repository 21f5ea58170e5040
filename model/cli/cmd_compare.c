/* cmd_compare.c - `dcdemand compare`: scenarios side by side.
 *
 * Columns come from the command line in order: FILE, or FILE@LABEL followed
 * by `--with PATH=VALUE` options that apply to that column only; `--set`
 * applies to every column (before its --with).  Everything is loaded and
 * projected before anything is written.  docs/compare.md describes the
 * syntax and the outputs; the tables are built by compare.c.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dcd_cli.h"
#include "dcd_compare.h"
#include "dcd_engine.h"
#include "dcd_output.h"
#include "dcd_vec.h"

static const char COMPARE_HELP[] =
    "Usage: " DCD_PROGRAM " compare [OPTIONS] FILE[@LABEL] [--with PATH=VALUE]... FILE...\n"
    "Compare scenarios side by side: every input that differs (after extends and\n"
    "--set), and the results in chosen years with each scenario's difference to\n"
    "the first.  Prints the tables and writes DIR/compare.md (a Markdown report with\n"
    "overlay charts), DIR/compare.csv (tidy) and the charts.\n\n"
    "A column is a scenario FILE, labelled with the scenario's name.  FILE@LABEL\n"
    "gives the column its own LABEL (letters, digits, . _ + -), and the --with\n"
    "options that follow it change that column only, so one file can be compared\n"
    "with variants of itself:\n"
    "  " DCD_PROGRAM " compare scenarios/mckinsey-2024.yaml \\\n"
    "      scenarios/mckinsey-2024.yaml@low-util --with segments.ai.utilisation=0.4\n"
    "Labels must be unique.\n\n"
    "Options:\n"
    "  -o, --out DIR          output folder (default: out/compare)\n"
    "  -y, --years LIST       result years, comma-separated (default: 2025,2030,2035,\n"
    "                         those that some scenario has)\n"
    "  -d, --diff-only        show only the inputs that differ (terminal, Markdown)\n"
    "  -w, --with PATH=VALUE  override for the FILE before it only (repeatable)\n"
    "  -s, --set PATH=VALUE   override for every FILE (repeatable)\n"
    "      --width N          terminal table width (default 100)\n"
    "      --index            charts: each scenario as an index, its base year = 100\n"
    "      --log              charts: logarithmic y axis\n"
    "      --no-plots         write no charts\n"
    "  -q, --quiet            print no tables\n"
    "  -h, --help             show this help and exit\n\n";

/* One column of the command line. */
typedef struct colspec {
    const char *arg;   /* as given */
    char *file;        /* owned: the file part */
    const char *label; /* the LABEL of FILE@LABEL, or NULL */
    dcd_strlist with;  /* --with arguments (borrowed from argv) */
    size_t with_base;  /* how many --with options came before this column's */
    char deflabel[65]; /* the scenario's safe name */
} colspec;

/* 1 when S is a valid column label. */
static int valid_label(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 40)
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              strchr("._+-", *p)))
            return 0;
    return 1;
}

/* Splits ARG into FILE and LABEL at its last '@' when what follows is a
 * label; a name that exists as a file while its part before '@' does not is
 * taken whole.  Returns 0, -1 on OOM, or 1 when ARG ends with '@'. */
static int split_column(colspec *c, const char *arg)
{
    const char *at = strrchr(arg, '@');
    size_t flen = strlen(arg);
    c->arg = arg;
    c->label = NULL;
    if (at && at != arg && at[1] == '\0')
        return 1;
    if (at && at != arg && valid_label(at + 1)) {
        size_t fl = (size_t)(at - arg);
        char *f = malloc(fl + 1);
        if (!f)
            return -1;
        memcpy(f, arg, fl);
        f[fl] = '\0';
        if (access(arg, F_OK) == 0 && access(f, F_OK) != 0) {
            free(f);
        } else {
            c->file = f;
            c->label = at + 1;
            return 0;
        }
    }
    c->file = malloc(flen + 1);
    if (!c->file)
        return -1;
    memcpy(c->file, arg, flen + 1);
    return 0;
}

/* Renames the "--set[N]" locations that stand for this column's --with
 * options to "--with[K]", K counting --with options on the whole command
 * line, from diagnostic FROM on. */
static void rename_with(dcd_diags *d, size_t from, size_t nsets, const colspec *c)
{
    for (size_t i = from; i < d->n; i++) {
        dcd_diag *g = &d->items[i];
        size_t k;
        char tail;
        if (!g->file || sscanf(g->file, "--set[%zu%c", &k, &tail) != 2 || tail != ']' || k <= nsets)
            continue;
        char name[48];
        snprintf(name, sizeof name, "--with[%zu]", c->with_base + (k - nsets));
        size_t len = strlen(name) + 1;
        char *p = malloc(len);
        if (!p)
            continue;
        memcpy(p, name, len);
        free(g->file);
        g->file = p;
    }
}

/* Prints DIAGS sorted, each distinct diagnostic once (variants of one file
 * share its problems). */
static void print_unique(dcd_diags *d)
{
    dcd_diags_sort(d);
    fflush(stdout);
    for (size_t i = 0; i < d->n; i++) {
        const dcd_diag *g = &d->items[i];
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++) {
            const dcd_diag *h = &d->items[j];
            seen =
                h->line == g->line && h->column == g->column &&
                strcmp(h->message, g->message) == 0 &&
                ((!h->file && !g->file) || (h->file && g->file && strcmp(h->file, g->file) == 0));
        }
        if (seen)
            continue;
        dcd_diags one = {(dcd_diag *)g, 1, 1, 0};
        dcd_diags_print(&one, stderr);
    }
}

/* compare's own options and its columns, in command-line order. */
enum { OPT_WIDTH = DCD_OPT_OWN_LONG, OPT_INDEX, OPT_LOG };

typedef struct compare_args {
    int years[DCD_COMPARE_MAX_YEARS];
    int nyears;
    int diff_only, width;
    int chart_flags; /* --index, --log */
    colspec *cols;
    size_t ncol, capcol, nwith_total;
} compare_args;

/* Adds the column of operand ARG. */
static int add_column(compare_args *a, const char *arg)
{
    if (a->ncol == a->capcol) {
        colspec *p = dcd_vec_grow(a->cols, &a->capcol, a->ncol + 1, sizeof *p);
        if (!p)
            return DCD_EXIT_INTERNAL;
        a->cols = p;
    }
    memset(&a->cols[a->ncol], 0, sizeof *a->cols);
    int rc = split_column(&a->cols[a->ncol], arg);
    a->cols[a->ncol].with_base = a->nwith_total;
    a->ncol++;
    if (rc < 0)
        return DCD_EXIT_INTERNAL;
    if (rc > 0)
        return dcd_cli_usage("compare", "'%s': empty label after '@'", arg);
    return DCD_EXIT_OK;
}

static int compare_option(int c, const char *arg, void *ctx)
{
    compare_args *a = ctx;
    switch (c) {
    case 1: /* a column, in command-line order */ return add_column(a, arg);
    case 'y':
        a->nyears = dcd_cli_years(arg, a->years, DCD_COMPARE_MAX_YEARS);
        if (a->nyears < 0)
            return dcd_cli_usage("compare",
                                 "--years '%s': expected years 1900-2200 separated "
                                 "by commas, for example 2025,2030",
                                 arg);
        return DCD_EXIT_OK;
    case 'd': a->diff_only = 1; return DCD_EXIT_OK;
    case OPT_INDEX: a->chart_flags |= DCD_OVERLAY_INDEX; return DCD_EXIT_OK;
    case OPT_LOG: a->chart_flags |= DCD_OVERLAY_LOG; return DCD_EXIT_OK;
    case 'w':
        if (a->ncol == 0)
            return dcd_cli_usage("compare",
                                 "--with %s: --with changes the FILE before it; "
                                 "give the FILE first (use --set for every FILE)",
                                 arg);
        if (dcd_strlist_push(&a->cols[a->ncol - 1].with, arg) != 0)
            return DCD_EXIT_INTERNAL;
        a->nwith_total++;
        return DCD_EXIT_OK;
    default: { /* OPT_WIDTH */
        long w;
        if (dcd_cli_whole(arg, 40, 1000, &w) != 0)
            return dcd_cli_usage("compare", "--width '%s': expected a whole number 40-1000", arg);
        a->width = (int)w;
        return DCD_EXIT_OK;
    }
    }
}

/* Loads every column of A: the common overrides SET first, then the
 * column's --with.  Prints the problems (each once) and returns an exit
 * code. */
static int load_columns(const compare_args *a, const dcd_strlist *set, dcd_scenario **scs,
                        dcd_diags *diags)
{
    size_t nsets = set->n;
    const char **all = malloc((nsets + a->nwith_total + 1) * sizeof *all);
    if (!all)
        return DCD_EXIT_INTERNAL;
    int worst = DCD_OK;
    for (size_t i = 0; i < a->ncol; i++) {
        const colspec *col = &a->cols[i];
        for (size_t k = 0; k < nsets; k++)
            all[k] = set->v[k];
        for (size_t k = 0; k < col->with.n; k++)
            all[nsets + k] = col->with.v[k];
        size_t before = diags->n;
        int rc = dcd_scenario_load(col->file, all, nsets + col->with.n, &scs[i], diags);
        rename_with(diags, before, nsets, col);
        if (rc == DCD_ENOMEM || (rc != DCD_OK && worst == DCD_OK))
            worst = rc;
    }
    free(all);
    if (worst == DCD_OK)
        return DCD_EXIT_OK;
    print_unique(diags);
    if (worst == DCD_ENOMEM)
        dcd_cli_error("out of memory");
    return dcd_exit_code(worst);
}

/* Writes the comparison's files (and charts when CHARTS) into OUTDIR, then
 * prints the terminal report last, so that a closed pipe loses no file.
 * Returns an exit code. */
static int compare_output(const dcd_compare *cmp, const char *outdir, int diff_only, int width,
                          int quiet, int charts, dcd_diags *diags)
{
    dcd_buf text = {0};
    int code = DCD_EXIT_OK;
    if (dcd_compare_format_text(cmp, diff_only, width, &text) != 0) {
        dcd_buf_free(&text);
        return DCD_EXIT_INTERNAL;
    }
    int rc = dcd_compare_write(cmp, outdir, diff_only, charts, diags);
    if (!quiet && (rc == DCD_OK || rc == DCD_EPLOT))
        fwrite(text.data, 1, text.len, stdout);
    if (rc != DCD_OK) {
        if (rc == DCD_EPLOT && !quiet)
            printf("\nwrote %s/compare.md and %s/compare.csv; the charts failed\n", outdir, outdir);
        code = dcd_cli_fail(diags, rc);
    } else if (!quiet) {
        printf("\nwrote %s/compare.md, %s/compare.csv%s\n", outdir, outdir,
               charts ? " and the charts" : "");
    }
    dcd_buf_free(&text);
    return code;
}

static const struct option own[] = {{"years", required_argument, NULL, 'y'},
                                    {"diff-only", no_argument, NULL, 'd'},
                                    {"with", required_argument, NULL, 'w'},
                                    {"width", required_argument, NULL, OPT_WIDTH},
                                    {"index", no_argument, NULL, OPT_INDEX},
                                    {"log", no_argument, NULL, OPT_LOG},
                                    {NULL, 0, NULL, 0}};

int dcd_cmd_compare(int argc, char **argv)
{
    compare_args ca;
    memset(&ca, 0, sizeof ca);
    ca.width = 100;
    dcd_cli_spec spec = {
        "compare",      COMPARE_HELP, DCD_OPT_OUT | DCD_OPT_SET | DCD_OPT_QUIET | DCD_OPT_NO_PLOTS,
        "y:dw:",        own,          1,
        compare_option, &ca};
    dcd_cli_common co = {.outdir = "out/compare", .plots = 1};
    const char *outdir = co.outdir;
    int diff_only, quiet = 0, charts, width, code;
    dcd_scenario **scs = NULL;
    dcd_results **res = NULL;
    dcd_compare_col *ccols = NULL;
    dcd_compare *cmp = NULL;
    dcd_diags diags = {0};

    code = dcd_cli_parse(&spec, argc, argv, &co);
    colspec *cols = ca.cols;
    size_t ncol = ca.ncol;
    if (code != DCD_EXIT_OK || co.help)
        goto done;
    outdir = co.outdir;
    quiet = co.quiet;
    charts = co.plots;
    diff_only = ca.diff_only;
    width = ca.width;
    dcd_strlist set = co.sets;
    int *years = ca.years, nyears = ca.nyears;
    if (ncol < 1) {
        code = dcd_cli_usage("compare", "missing scenario FILE (give two or more)");
        goto done;
    }
    for (size_t i = 0; i < ncol; i++)
        for (size_t j = 0; j < i; j++)
            if (cols[i].label && cols[j].label && strcmp(cols[i].label, cols[j].label) == 0) {
                code = dcd_cli_usage("compare",
                                     "two columns are labelled '%s' (%s and %s); "
                                     "labels must be unique",
                                     cols[i].label, cols[j].arg, cols[i].arg);
                goto done;
            }

    /* Load every column: --set first, then the column's --with. */
    scs = calloc(ncol, sizeof *scs);
    res = calloc(ncol, sizeof *res);
    ccols = calloc(ncol, sizeof *ccols);
    if (!scs || !res || !ccols) {
        code = DCD_EXIT_INTERNAL;
        goto done;
    }
    code = load_columns(&ca, &set, scs, &diags);
    if (code != DCD_EXIT_OK)
        goto done;
    for (size_t i = 0; i < ncol; i++) {
        dcd_scenario_safe_name(scs[i], cols[i].deflabel);
        ccols[i].label = cols[i].label ? cols[i].label : cols[i].deflabel;
    }
    for (size_t i = 0; i < ncol; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(ccols[i].label, ccols[j].label) == 0) {
                code = dcd_cli_usage("compare",
                                     "two columns are labelled '%s' (%s and %s); give "
                                     "one its own label: FILE@LABEL",
                                     ccols[i].label, cols[j].arg, cols[i].arg);
                goto done;
            }

    /* Project every column. */
    for (size_t i = 0; i < ncol; i++) {
        int rc = dcd_project_new(scs[i], &res[i], &diags);
        if (rc != DCD_OK) {
            if (rc != DCD_ENOMEM)
                dcd_cli_error("%s: projection failed", ccols[i].label);
            code = dcd_cli_fail(&diags, rc);
            goto done;
        }
        ccols[i].sc = scs[i];
        ccols[i].r = res[i];
        ccols[i].with = cols[i].with.v;
        ccols[i].nwith = cols[i].with.n;
    }

    int rc = dcd_compare_build(ccols, ncol, years, (size_t)nyears, set.v, set.n, &cmp);
    if (rc == DCD_EUSAGE) {
        code = dcd_cli_usage("compare", "--years: no scenario has any of these years");
        goto done;
    }
    if (rc != DCD_OK) {
        code = DCD_EXIT_INTERNAL;
        goto done;
    }

    cmp->chart_flags = ca.chart_flags;
    code = compare_output(cmp, outdir, diff_only, width, quiet, charts, &diags);
done:
    dcd_compare_free(cmp);
    if (res)
        for (size_t i = 0; i < ncol; i++)
            dcd_results_free(res[i]);
    free(res);
    if (scs)
        for (size_t i = 0; i < ncol; i++)
            dcd_scenario_free(scs[i]);
    free(scs);
    for (size_t i = 0; i < ncol; i++) {
        free(cols[i].file);
        dcd_strlist_free(&cols[i].with);
    }
    free(cols);
    free(ccols);
    dcd_strlist_free(&co.sets);
    dcd_diags_free(&diags);
    return code;
}
