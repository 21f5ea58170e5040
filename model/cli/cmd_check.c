/* cmd_check.c - `dcdemand check`: re-run scenarios and compare them with the
 * published figures in their `expect:` entries.
 *
 * Every scenario is loaded and projected first; the whole table is then built
 * in memory and printed at once, so the output is the same on every run.
 * Rows come in the order of the files (a folder's *.yaml files sorted by
 * name, byte order) and, within a file, in the order of its expect: list.
 * A row passes when |model - published| <= tolerance, the tolerance being
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
    "metric's unit).\n\n"
    "Options:\n"
    "  -f, --format FMT       text (default), markdown or csv\n"
    "  -s, --set PATH=VALUE   override a number in every scenario (repeatable)\n"
    "  -q, --quiet            print only failing rows, and no notes\n"
    "  -h, --help             show this help and exit\n\n";

enum format { FMT_TEXT, FMT_MARKDOWN, FMT_CSV };

/* A growable list of owned strings. */
typedef struct strlist {
    char **v;
    size_t n, cap;
} strlist;

static int strlist_push(strlist *l, char *s)
{
    if (!s)
        return -1;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **p = realloc(l->v, cap * sizeof *p);
        if (!p) {
            free(s);
            return -1;
        }
        l->v = p;
        l->cap = cap;
    }
    l->v[l->n++] = s;
    return 0;
}

static void strlist_free(strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

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

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_yaml_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

/* Appends ARG to FILES, or, when ARG is a folder, its *.yaml regular files in
 * byte order.  Returns DCD_EXIT_OK, DCD_EXIT_INPUT (message printed) or
 * DCD_EXIT_INTERNAL. */
static int expand_arg(const char *arg, strlist *files)
{
    struct stat st;
    if (stat(arg, &st) != 0 || !S_ISDIR(st.st_mode))
        return strlist_push(files, join(arg, "", "")) == 0 ? DCD_EXIT_OK : DCD_EXIT_INTERNAL;

    DIR *d = opendir(arg);
    if (!d) {
        dcd_cli_error("%s: cannot open folder: %s", arg, strerror(errno));
        return DCD_EXIT_INPUT;
    }
    strlist found = {0};
    int code = DCD_EXIT_OK;
    size_t al = strlen(arg);
    const char *sep = (al > 0 && arg[al - 1] == '/') ? "" : "/";
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (!is_yaml_name(e->d_name))
            continue;
        char *path = join(arg, sep, e->d_name);
        if (!path) {
            code = DCD_EXIT_INTERNAL;
            goto done;
        }
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (strlist_push(&found, path) != 0) {
            code = DCD_EXIT_INTERNAL;
            goto done;
        }
    }
    if (errno != 0) {
        dcd_cli_error("%s: cannot read folder: %s", arg, strerror(errno));
        code = DCD_EXIT_INPUT;
        goto done;
    }
    if (found.n == 0) {
        dcd_cli_error("%s: no *.yaml scenario files in this folder", arg);
        code = DCD_EXIT_INPUT;
        goto done;
    }
    qsort(found.v, found.n, sizeof *found.v, cmp_str);
    for (size_t i = 0; i < found.n; i++) {
        if (strlist_push(files, found.v[i]) != 0) {
            found.v[i] = NULL;
            code = DCD_EXIT_INTERNAL;
            for (size_t j = i + 1; j < found.n; j++)
                free(found.v[j]);
            found.n = 0;
            goto done;
        }
        found.v[i] = NULL;
    }
    found.n = 0;
done:
    strlist_free(&found);
    closedir(d);
    return code;
}

/* One compared figure. */
typedef struct row {
    const dcd_scenario *sc;
    const dcd_expect *e;
    double model; /* NaN when the scenario does not determine it */
    int pass;
} row;

/* The fewest decimals (0..6) that show X exactly enough to read it back. */
static int decimals(double x)
{
    if (!isfinite(x))
        return 0;
    for (int d = 0; d < 6; d++) {
        double s = pow(10, d), r = round(x * s) / s;
        if (fabs(r - x) <= 1e-9 * fmax(1, fabs(x)))
            return d;
    }
    return 6;
}

/* Formats X with D decimals into OUT; "-0.00" is written as "0.00".  SIGNED
 * adds a '+' to positive values. */
static void fmt_fixed(char *out, size_t cap, double x, int d, int is_signed)
{
    if (isnan(x)) {
        snprintf(out, cap, "n/a");
        return;
    }
    double half = 0.5 * pow(10, -d);
    if (fabs(x) < half)
        x = 0;
    snprintf(out, cap, is_signed && x > 0 ? "%+.*f" : "%.*f", d, x);
}

/* The text cells of a row, in column order. */
enum { C_STUDY, C_CASE, C_METRIC, C_YEAR, C_PUB, C_MODEL, C_DIFF, C_TOL, C_RESULT, NCOL };

static const char *const HEAD[NCOL] = {"study", "case", "metric", "year", "published",
                                       "model", "difference", "tolerance", "result"};
static const char *const MD_HEAD[NCOL] = {"Study", "Case", "Metric", "Year", "Published",
                                          "Model", "Difference", "Tolerance", "Result"};
static const int RIGHT[NCOL] = {0, 0, 0, 1, 1, 1, 1, 1, 0};

typedef struct cells {
    char year[16], pub[48], model[48], diff[48], tol[48];
    const char *c[NCOL];
} cells;

static void row_cells(const row *r, cells *out)
{
    const dcd_expect *e = r->e;
    /* The published value keeps the precision of its value or tolerance
     * (8.0 +- 0.3 shows as 8.0); the model shows one more decimal. */
    int dp = decimals(e->value), dt = decimals(e->tolerance);
    if (dt > dp)
        dp = dt;
    int dm = dp < 6 ? dp + 1 : 6;
    snprintf(out->year, sizeof out->year, "%d", e->year);
    fmt_fixed(out->pub, sizeof out->pub, e->value, dp, 0);
    fmt_fixed(out->model, sizeof out->model, r->model, dm, 0);
    fmt_fixed(out->diff, sizeof out->diff, r->model - e->value, dm, 1);
    fmt_fixed(out->tol, sizeof out->tol, e->tolerance, dt, 0);
    const dcd_scenario *sc = r->sc;
    out->c[C_STUDY] = sc->study ? sc->study : sc->name;
    out->c[C_CASE] = sc->case_name ? sc->case_name : "-";
    out->c[C_METRIC] = e->metric;
    out->c[C_YEAR] = out->year;
    out->c[C_PUB] = out->pub;
    out->c[C_MODEL] = out->model;
    out->c[C_DIFF] = out->diff;
    out->c[C_TOL] = out->tol;
    out->c[C_RESULT] = r->pass ? "pass" : "FAIL";
}

/* Appends S, padded with spaces to width W (on the left when RIGHT_ALIGN). */
static void pad(dcd_buf *b, const char *s, size_t w, int right_align)
{
    size_t n = strlen(s);
    if (right_align)
        for (size_t i = n; i < w; i++)
            dcd_buf_puts(b, " ");
    dcd_buf_puts(b, s);
    if (!right_align)
        for (size_t i = n; i < w; i++)
            dcd_buf_puts(b, " ");
}

/* Markdown cell text: '|' escaped, newlines as spaces. */
static void md_text(dcd_buf *b, const char *s, size_t *len)
{
    size_t n = 0;
    for (; *s; s++) {
        if (*s == '|') {
            dcd_buf_puts(b, "\\|");
            n += 2;
        } else if (*s == '\n' || *s == '\r') {
            dcd_buf_puts(b, " ");
            n++;
        } else {
            dcd_buf_append(b, s, 1);
            n++;
        }
    }
    if (len)
        *len = n;
}

static size_t md_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '|' ? 2 : 1;
    return n;
}

static int shown(const row *r, int quiet)
{
    return !quiet || !r->pass;
}

static void format_table(dcd_buf *b, const row *rows, size_t n, int quiet, int markdown)
{
    size_t w[NCOL];
    cells c;
    size_t nshown = 0;
    for (int k = 0; k < NCOL; k++)
        w[k] = strlen(markdown ? MD_HEAD[k] : HEAD[k]);
    for (size_t i = 0; i < n; i++) {
        if (!shown(&rows[i], quiet))
            continue;
        nshown++;
        row_cells(&rows[i], &c);
        for (int k = 0; k < NCOL; k++) {
            size_t l = markdown ? md_len(c.c[k]) : strlen(c.c[k]);
            if (l > w[k])
                w[k] = l;
        }
    }
    if (nshown == 0)
        return;
    if (markdown) {
        dcd_buf_puts(b, "|");
        for (int k = 0; k < NCOL; k++) {
            dcd_buf_puts(b, " ");
            pad(b, MD_HEAD[k], w[k], RIGHT[k]);
            dcd_buf_puts(b, " |");
        }
        dcd_buf_puts(b, "\n|");
        for (int k = 0; k < NCOL; k++) {
            dcd_buf_puts(b, " ");
            for (size_t j = 0; j + 1 < w[k]; j++)
                dcd_buf_puts(b, "-");
            dcd_buf_puts(b, RIGHT[k] ? ":" : "-");
            dcd_buf_puts(b, " |");
        }
        dcd_buf_puts(b, "\n");
        for (size_t i = 0; i < n; i++) {
            if (!shown(&rows[i], quiet))
                continue;
            row_cells(&rows[i], &c);
            dcd_buf_puts(b, "|");
            for (int k = 0; k < NCOL; k++) {
                size_t l;
                dcd_buf_puts(b, " ");
                if (RIGHT[k])
                    for (size_t j = md_len(c.c[k]); j < w[k]; j++)
                        dcd_buf_puts(b, " ");
                md_text(b, c.c[k], &l);
                if (!RIGHT[k])
                    for (size_t j = l; j < w[k]; j++)
                        dcd_buf_puts(b, " ");
                dcd_buf_puts(b, " |");
            }
            dcd_buf_puts(b, "\n");
        }
        return;
    }
    for (int k = 0; k < NCOL; k++) {
        if (k)
            dcd_buf_puts(b, "  ");
        pad(b, HEAD[k], k == NCOL - 1 ? 0 : w[k], RIGHT[k]);
    }
    dcd_buf_puts(b, "\n");
    for (size_t i = 0; i < n; i++) {
        if (!shown(&rows[i], quiet))
            continue;
        row_cells(&rows[i], &c);
        for (int k = 0; k < NCOL; k++) {
            if (k)
                dcd_buf_puts(b, "  ");
            pad(b, c.c[k], k == NCOL - 1 ? 0 : w[k], RIGHT[k]);
        }
        dcd_buf_puts(b, "\n");
    }
}

/* A CSV field (RFC 4180 quoting when needed). */
static void csv_field(dcd_buf *b, const char *s)
{
    if (!s)
        return;
    if (strpbrk(s, ",\"\r\n") == NULL) {
        dcd_buf_puts(b, s);
        return;
    }
    dcd_buf_puts(b, "\"");
    for (; *s; s++) {
        if (*s == '"')
            dcd_buf_puts(b, "\"\"");
        else
            dcd_buf_append(b, s, 1);
    }
    dcd_buf_puts(b, "\"");
}

/* A number for CSV: the shortest form (up to 12 significant digits) that
 * reads back to X, in plain notation for ordinary magnitudes (4000, not
 * 4e+03); NaN is an empty cell. */
static void csv_num(dcd_buf *b, double x)
{
    char tmp[64];
    if (isnan(x))
        return;
    if (x == 0) {
        dcd_buf_puts(b, "0");
        return;
    }
    int prec = 1;
    for (; prec < 12; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, x);
        if (strtod(tmp, NULL) == x)
            break;
    }
    snprintf(tmp, sizeof tmp, "%.*g", prec, x);
    if (strchr(tmp, 'e') && fabs(x) >= 1e-4 && fabs(x) < 1e15) {
        /* %.*g chose an exponent: write the same digits in plain notation. */
        int exp10 = (int)floor(log10(fabs(x)));
        int dec = prec - 1 - exp10;
        snprintf(tmp, sizeof tmp, "%.*f", dec > 0 ? dec : 0, x);
    }
    dcd_buf_puts(b, tmp);
}

static void format_csv(dcd_buf *b, const row *rows, size_t n, int quiet)
{
    dcd_buf_puts(b, "study,case,scenario,file,metric,unit,year,published,model,difference,"
                    "tolerance,result,source\n");
    for (size_t i = 0; i < n; i++) {
        const row *r = &rows[i];
        if (!shown(r, quiet))
            continue;
        const dcd_scenario *sc = r->sc;
        const dcd_expect *e = r->e;
        int m = dcd_total_index(e->metric);
        csv_field(b, sc->study ? sc->study : sc->name);
        dcd_buf_puts(b, ",");
        csv_field(b, sc->case_name);
        dcd_buf_puts(b, ",");
        csv_field(b, sc->name);
        dcd_buf_puts(b, ",");
        csv_field(b, sc->path);
        dcd_buf_puts(b, ",");
        csv_field(b, e->metric);
        dcd_buf_puts(b, ",");
        csv_field(b, m >= 0 ? dcd_total_info[m].unit : "");
        dcd_buf_printf(b, ",%d,", e->year);
        csv_num(b, e->value);
        dcd_buf_puts(b, ",");
        csv_num(b, r->model);
        dcd_buf_puts(b, ",");
        csv_num(b, r->model - e->value);
        dcd_buf_puts(b, ",");
        csv_num(b, e->tolerance);
        dcd_buf_puts(b, r->pass ? ",pass," : ",FAIL,");
        csv_field(b, e->source);
        dcd_buf_puts(b, "\n");
    }
}

/* Compares each expectation of SC with results R; appends rows. */
static int compare(const dcd_scenario *sc, const dcd_results *r, row **rows, size_t *n,
                   size_t *cap)
{
    for (size_t k = 0; k < sc->nexpect; k++) {
        const dcd_expect *e = &sc->expect[k];
        if (*n == *cap) {
            size_t nc = *cap ? *cap * 2 : 32;
            row *p = realloc(*rows, nc * sizeof *p);
            if (!p)
                return -1;
            *rows = p;
            *cap = nc;
        }
        row *w = &(*rows)[(*n)++];
        int m = dcd_total_index(e->metric);
        long i = (long)e->year - r->start;
        w->sc = sc;
        w->e = e;
        w->model = (m >= 0 && i >= 0 && (size_t)i < r->ny) ? DCD_TOTAL(r, m, (size_t)i) : NAN;
        w->pass = isfinite(w->model) &&
                  fabs(w->model - e->value) <= e->tolerance + 1e-9 * fmax(1, fabs(e->value));
    }
    return 0;
}

int dcd_cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                         {"set", required_argument, NULL, 's'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    enum format fmt = FMT_TEXT;
    int quiet = 0, c, code = DCD_EXIT_OK;
    int ninvalid = 0, nmodel = 0, checked = 0, skipped = 0, oom_reported = 0;
    dcd_strlist set = {0};
    strlist files = {0};
    dcd_scenario **scs = NULL;
    row *rows = NULL;
    size_t nrows = 0, caprows = 0, nfail = 0;
    dcd_buf out = {0};

    optind = 1;
    while ((c = getopt_long(argc, argv, ":f:s:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (strcmp(optarg, "text") == 0)
                fmt = FMT_TEXT;
            else if (strcmp(optarg, "markdown") == 0 || strcmp(optarg, "md") == 0)
                fmt = FMT_MARKDOWN;
            else if (strcmp(optarg, "csv") == 0)
                fmt = FMT_CSV;
            else {
                code = dcd_cli_usage("check", "unknown format '%s' (text, markdown or csv)",
                                     optarg);
                goto done;
            }
            break;
        case 's':
            if (dcd_strlist_push(&set, optarg) != 0) {
                code = DCD_EXIT_INTERNAL;
                goto done;
            }
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            fputs(CHECK_HELP, stdout);
            fputs(dcd_exit_help, stdout);
            goto done;
        default:
            code = dcd_cli_bad_option("check", argv, c);
            goto done;
        }
    }
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
        int rc = dcd_scenario_load(files.v[f], set.v, set.n, &scs[f], &diags);
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
        dcd_results *r = NULL;
        rc = dcd_project_new(scs[f], &r, &diags);
        if (rc == DCD_OK && compare(scs[f], r, &rows, &nrows, &caprows) != 0)
            rc = DCD_ENOMEM;
        dcd_results_free(r);
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

    for (size_t i = 0; i < nrows; i++)
        nfail += !rows[i].pass;
    if (fmt == FMT_CSV)
        format_csv(&out, rows, nrows, quiet);
    else
        format_table(&out, rows, nrows, quiet, fmt == FMT_MARKDOWN);
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
    free(rows);
    strlist_free(&files);
    dcd_buf_free(&out);
    dcd_strlist_free(&set);
    return code;
}
