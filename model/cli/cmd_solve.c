/* cmd_solve.c - `dcdemand solve`: the value of one input at which a metric
 * reaches a target (dcd_solve.h; docs/solve.md). */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_cli.h"
#include "dcd_engine.h"
#include "dcd_solve.h"

static const char SOLVE_HELP[] =
    "Usage: " DCD_PROGRAM " solve [OPTIONS] FILE --target METRIC@YEAR=VALUE --vary PATH[,PATH...]\n"
    "Find the value of one input (PATH, as --set takes it) at which METRIC (a column\n"
    "of summary.csv) reaches VALUE in YEAR, with Brent's method (GSL), then write\n"
    "the solved scenario and its run to DIR/NAME-solved/ (the files of 'dcdemand\n"
    "run', scenario.yaml with a comment saying what was solved):\n"
    "  " DCD_PROGRAM " solve scenarios/mckinsey-2024.yaml --target dc_share_pct@2030=12 \\\n"
    "      --vary segments.ai.growth\n\n"
    "A number, a constant series or one point of a series (segments.ai.growth.2027)\n"
    "is solved as the value itself; a series of years is moved as a whole.\n\n"
    "Options:\n"
    "  -t, --target METRIC@YEAR=VALUE  the target (required)\n"
    "  -v, --vary PATH[,PATH...]  the input to solve for (required); several\n"
    "                         inputs move together: all scaled by one factor\n"
    "                         (or shifted, or set to one value, with --mode)\n"
    "  -b, --bounds LO:HI     search interval (default: the input's allowed range;\n"
    "                         scale factors from 0, open-ended ranges up to ten\n"
    "                         times the stated value)\n"
    "  -m, --mode MODE        value (the number itself; default for a number),\n"
    "                         scale (every point times X; default for a series)\n"
    "                         or shift (X added to every point)\n"
    "      --xtol X           stop when the bracket is narrower than X + X|x|\n"
    "                         (default 1e-10)\n"
    "      --ftol F           or when |metric - VALUE| <= F (default 1e-9)\n"
    "      --max-iter N       at most N iterations (default 100)\n"
    "  -o, --out DIR          output folder (default: out)\n"
    "  -s, --set PATH=VALUE   override before solving (repeatable)\n"
    "      --no-plots         write no charts\n"
    "  -q, --quiet            print only the value found\n"
    "  -h, --help             show this help and exit\n\n";

/* Parses METRIC@YEAR=VALUE (YEAR and VALUE by dcd_cli_whole() and
 * dcd_cli_number(), as every command reads numbers). */
static int parse_target(const char *s, dcd_solve_opts *o)
{
    const char *at = strchr(s, '@'), *eq = at ? strchr(at, '=') : NULL;
    if (!at || !eq)
        return dcd_cli_usage("solve",
                             "--target '%s': expected METRIC@YEAR=VALUE, for example "
                             "dc_share_pct@2030=12",
                             s);
    char name[64], year[32];
    size_t len = (size_t)(at - s), ylen = (size_t)(eq - at - 1);
    if (len >= sizeof name)
        len = sizeof name - 1;
    memcpy(name, s, len);
    name[len] = 0;
    o->metric = dcd_total_index(name);
    if (o->metric < 0)
        return dcd_cli_usage("solve",
                             "--target '%s': '%s' is not a column of summary.csv "
                             "(dc_twh, dc_share_pct, ai_twh, dc_it_gw, ...)",
                             s, name);
    long y;
    if (ylen >= sizeof year)
        ylen = sizeof year - 1; /* too long for a year: fails below */
    memcpy(year, at + 1, ylen);
    year[ylen] = 0;
    if (dcd_cli_whole(year, 1900, 2200, &y) != 0)
        return dcd_cli_usage("solve", "--target '%s': expected a year 1900-2200 after '@'", s);
    o->year = (int)y;
    if (dcd_cli_number(eq + 1, &o->target) != 0)
        return dcd_cli_usage("solve", "--target '%s': expected a number after '='", s);
    return DCD_EXIT_OK;
}

static int parse_positive(const char *opt, const char *s, double *out)
{
    double v;
    if (dcd_cli_number(s, &v) != 0 || !(v > 0))
        return dcd_cli_usage("solve", "%s '%s': expected a positive number", opt, s);
    *out = v;
    return DCD_EXIT_OK;
}

/* Parses LO:HI, two numbers (dcd_cli_number()) with LO < HI. */
static int parse_bounds(const char *s, dcd_solve_opts *o)
{
    char *lo_text = dcd_strdup(s), *colon = lo_text ? strchr(lo_text, ':') : NULL;
    double lo, hi;
    int ok;
    if (!lo_text)
        return DCD_EXIT_INTERNAL;
    if (colon)
        *colon = 0;
    ok = colon && dcd_cli_number(lo_text, &lo) == 0 && dcd_cli_number(colon + 1, &hi) == 0 &&
         lo < hi;
    free(lo_text);
    if (!ok)
        return dcd_cli_usage("solve", "--bounds '%s': expected LO:HI, two numbers with LO < HI", s);
    o->lo = lo;
    o->hi = hi;
    return DCD_EXIT_OK;
}

#define MAX_VARY 16

/* The inputs varied together, their settings at the solution. */
typedef struct vary_set {
    dcd_input in[MAX_VARY];
    dcd_buf setting[MAX_VARY];
    size_t n;
} vary_set;

static void vary_set_free(vary_set *v)
{
    for (size_t k = 0; k < MAX_VARY; k++) {
        dcd_input_free(&v->in[k]);
        dcd_buf_free(&v->setting[k]);
    }
}

/* Finds the inputs of the comma-separated LIST (modified) in SC, with
 * their default bounds (the intersection) in O unless HAVE_BOUNDS.  Several
 * inputs move together and are scaled unless MODE says otherwise.  Returns
 * the exit code. */
static int find_vary(const dcd_scenario *sc, char *list, dcd_vary_mode mode, int have_bounds,
                     dcd_solve_opts *o, vary_set *v)
{
    char why[512];
    double lo = -HUGE_VAL, hi = HUGE_VAL;
    if (strchr(list, ',') && mode == DCD_VARY_DEFAULT)
        mode = DCD_VARY_SCALE;
    for (char *p = strtok(list, ","); p; p = strtok(NULL, ",")) {
        if (v->n == MAX_VARY)
            return dcd_cli_usage("solve", "--vary: at most %d inputs", MAX_VARY);
        for (size_t k = 0; k < v->n; k++)
            if (strcmp(v->in[k].path, p) == 0)
                return dcd_cli_usage("solve", "--vary %s is given twice", p);
        dcd_input *in = &v->in[v->n];
        int rc = dcd_input_find(sc, p, mode, in, why, sizeof why);
        if (rc != DCD_OK)
            return rc == DCD_EUSAGE ? dcd_cli_usage("solve", "--vary %s", why) : DCD_EXIT_INTERNAL;
        v->n++;
        double a, b;
        if (have_bounds)
            continue;
        if (dcd_input_default_bounds(in, &a, &b) != 0)
            return dcd_cli_usage("solve",
                                 "--vary %s: no allowed range is known for '%s'; give "
                                 "--bounds LO:HI",
                                 p, in->key);
        lo = a > lo ? a : lo;
        hi = b < hi ? b : hi;
    }
    if (v->n == 0)
        return dcd_cli_usage("solve", "missing --vary PATH");
    if (!have_bounds) {
        if (!(lo < hi))
            return dcd_cli_usage("solve", "--vary: the inputs' allowed ranges do not overlap; "
                                          "give --bounds LO:HI");
        o->lo = lo;
        o->hi = hi;
    }
    return DCD_EXIT_OK;
}

/* The comment put before the solved scenario.yaml. */
static void solved_comment(dcd_buf *c, const vary_set *v, const dcd_solve_opts *o,
                           const dcd_solve_result *res, int argc, char **argv)
{
    dcd_buf_puts(c, "# Solved by " DCD_PROGRAM " solve: ");
    dcd_buf_printf(c, "%s in %d = %.12g (reached %.12g)\n", dcd_total_info[o->metric].name, o->year,
                   o->target, res->metric);
    for (size_t k = 0; k < v->n; k++) {
        dcd_buf_puts(c, "#   ");
        dcd_comment_text(c, v->in[k].path);
        dcd_buf_printf(c, " (%s) = %.12g\n#   ", dcd_vary_mode_name(v->in[k].mode), res->x);
        dcd_comment_text(c, v->setting[k].data);
        dcd_buf_puts(c, "\n");
    }
    dcd_buf_printf(c, "#   %zu iterations\n# Command: " DCD_PROGRAM, res->iterations);
    for (int i = 0; i < argc; i++) {
        dcd_buf_puts(c, " ");
        dcd_comment_text(c, argv[i]);
    }
    dcd_buf_puts(c, "\n");
}

/* Prints the solution: X, the inputs it sets, the iterations, the metric. */
static void print_solution(const char *path, const vary_set *v, const dcd_solve_opts *o,
                           const dcd_solve_result *res)
{
    const dcd_metric_info *mi = &dcd_total_info[o->metric];
    int plain = v->n == 1 && v->in[0].mode == DCD_VARY_VALUE;
    printf("  solution    %s = %.10g\n", plain ? path : dcd_vary_mode_name(v->in[0].mode), res->x);
    for (size_t k = 0; k < v->n && !plain; k++)
        printf("              %s\n", v->setting[k].data);
    printf("  iterations  %zu (%zu projections)\n", res->iterations, res->evaluations);
    printf("  reached     %s = %.10g in %d (target %.10g)\n", mi->name, res->metric, o->year,
           o->target);
}

static void print_bounds_note(const dcd_solve_opts *o, const dcd_solve_result *res, int given)
{
    printf("  bounds      %.10g .. %.10g (%s)\n", res->lo, res->hi,
           given ? "--bounds" : "from the allowed range");
    if (res->hi != o->hi)
        printf("  note: the projection fails above %.10g (not %.10g); searched up to there\n",
               res->hi, o->hi);
    if (res->lo != o->lo)
        printf("  note: the projection fails below %.10g (not %.10g); searched down to there\n",
               res->lo, o->lo);
}

/* Says why there is no solution: the metric at both bounds, and whether
 * the input is unused or the target is not bracketed. */
static void no_solution(const char *path, const dcd_solve_opts *o, const dcd_solve_result *res)
{
    const dcd_metric_info *mi = &dcd_total_info[o->metric];
    printf("  %s in %d: %.10g at %.10g, %.10g at %.10g\n", mi->name, o->year, res->f_lo, res->lo,
           res->f_hi, res->hi);
    if (res->outcome == DCD_SOLVE_UNUSED)
        dcd_cli_error("%s in %d does not move with %s: the input is unused (is it "
                      "overridden elsewhere?)",
                      mi->name, o->year, path);
    else
        dcd_cli_error("the target %.10g is not bracketed: %s in %d stays %s it between "
                      "the bounds %.10g and %.10g (widen --bounds?)",
                      o->target, mi->name, o->year, res->f_lo < o->target ? "below" : "above",
                      res->lo, res->hi);
}

/* Solves and writes; the arguments are parsed.  Returns the exit code. */
static int run_solve(const char *file, char *path, dcd_vary_mode mode, int have_bounds,
                     dcd_solve_opts *o, dcd_strlist *set, const char *outdir, int quiet, int plots,
                     int argc, char **argv)
{
    dcd_source *src = NULL;
    dcd_scenario *sc = NULL, *solved = NULL;
    dcd_results *r = NULL;
    vary_set v;
    dcd_diags diags = {0};
    dcd_buf comment = {0}, dir = {0}, name = {0};
    dcd_solve_result res;
    int code = DCD_EXIT_OK, rc;
    const dcd_metric_info *mi = &dcd_total_info[o->metric];
    char *shown = NULL;
    memset(&v, 0, sizeof v);

    if ((rc = dcd_source_open(file, &src, &diags)) != DCD_OK ||
        (rc = dcd_source_load(src, set->v, set->n, &sc, &diags)) != DCD_OK) {
        code = dcd_cli_fail(&diags, rc);
        goto done;
    }
    if (o->year < sc->start || o->year > sc->end) {
        code = dcd_cli_usage("solve", "--target: %d is outside the years of %s (%d-%d)", o->year,
                             file, sc->start, sc->end);
        goto done;
    }
    /* The metric must have a value in the scenario as it stands. */
    if ((rc = dcd_project_new(sc, &r, &diags)) != DCD_OK) {
        code = dcd_cli_fail(&diags, rc);
        goto done;
    }
    if (isnan(DCD_TOTAL(r, o->metric, (size_t)(o->year - r->start)))) {
        code = dcd_cli_usage("solve",
                             "--target: %s has no value in %d in %s (the scenario does "
                             "not determine it)",
                             mi->name, o->year, file);
        goto done;
    }
    dcd_results_free(r);
    r = NULL;
    if (!(shown = dcd_strdup(path))) {
        code = DCD_EXIT_INTERNAL;
        goto done;
    }
    if ((code = find_vary(sc, path, mode, have_bounds, o, &v)) != DCD_EXIT_OK)
        goto done;
    rc = dcd_solve(src, set->v, set->n, v.in, v.n, o, &res, &diags);
    if (rc != DCD_OK) {
        code = dcd_cli_fail(&diags, rc);
        goto done;
    }
    if (!quiet || res.outcome != DCD_SOLVE_FOUND) {
        printf("%s: %s in %d = %.10g by varying %s (%s)\n", sc->name, mi->name, o->year, o->target,
               shown, dcd_vary_mode_name(v.in[0].mode));
        print_bounds_note(o, &res, have_bounds);
    }
    if (res.outcome == DCD_SOLVE_UNUSED || res.outcome == DCD_SOLVE_NOT_BRACKETED) {
        no_solution(shown, o, &res);
        code = DCD_EXIT_NOSOLVE;
        goto done;
    }
    if (res.outcome == DCD_SOLVE_MAX_ITER) {
        dcd_cli_error("no convergence in %zu iterations (best %s = %.12g gives %.12g); raise "
                      "--max-iter or --xtol",
                      res.iterations, shown, res.x, res.metric);
        code = DCD_EXIT_NOSOLVE;
        goto done;
    }
    for (size_t k = 0; k < v.n; k++)
        if (dcd_input_setting(&v.in[k], res.x, &v.setting[k]) != 0 ||
            dcd_strlist_push(set, v.setting[k].data) != 0) {
            code = DCD_EXIT_INTERNAL;
            goto done;
        }
    if (quiet)
        printf("%.10g\n", res.x);
    else
        print_solution(shown, &v, o, &res);

    /* The solved scenario, named NAME-solved so that it can be compared. */
    solved_comment(&comment, &v, o, &res, argc, argv);
    rc = dcd_cli_derived(src, set, sc->name, "-solved", outdir, comment.data, plots, &name, &solved,
                         &r, &dir, &diags);
    if (rc < 0) {
        code = DCD_EXIT_INTERNAL;
        goto done;
    }
    code = dcd_cli_derived_done(rc, &diags, quiet, dir.data, "");
done:
    free(shown);
    vary_set_free(&v);
    dcd_results_free(r);
    dcd_scenario_free(solved);
    dcd_scenario_free(sc);
    dcd_source_free(src);
    dcd_diags_free(&diags);
    dcd_buf_free(&comment);
    dcd_buf_free(&dir);
    dcd_buf_free(&name);
    return code;
}

/* solve's own options. */
typedef struct solve_args {
    dcd_solve_opts o;
    dcd_vary_mode mode;
    const char *path;
    int have_target, have_bounds;
} solve_args;

enum { OPT_XTOL = DCD_OPT_OWN_LONG, OPT_FTOL, OPT_MAXIT };

static int solve_option(int c, const char *arg, void *ctx)
{
    solve_args *a = ctx;
    switch (c) {
    case 't': a->have_target = 1; return parse_target(arg, &a->o);
    case 'v': a->path = arg; return DCD_EXIT_OK;
    case 'b': a->have_bounds = 1; return parse_bounds(arg, &a->o);
    case 'm':
        if (dcd_vary_mode_parse(arg, &a->mode) != 0)
            return dcd_cli_usage("solve", "--mode '%s': expected value, scale or shift", arg);
        return DCD_EXIT_OK;
    case OPT_XTOL: return parse_positive("--xtol", arg, &a->o.xtol);
    case OPT_FTOL: return parse_positive("--ftol", arg, &a->o.ftol);
    default: { /* OPT_MAXIT */
        long n;
        if (dcd_cli_whole(arg, 1, 100000, &n) != 0)
            return dcd_cli_usage("solve", "--max-iter '%s': expected a whole number 1-100000", arg);
        a->o.max_iter = (size_t)n;
        return DCD_EXIT_OK;
    }
    }
}

int dcd_cmd_solve(int argc, char **argv)
{
    static const struct option own[] = {{"target", required_argument, NULL, 't'},
                                        {"vary", required_argument, NULL, 'v'},
                                        {"bounds", required_argument, NULL, 'b'},
                                        {"mode", required_argument, NULL, 'm'},
                                        {"xtol", required_argument, NULL, OPT_XTOL},
                                        {"ftol", required_argument, NULL, OPT_FTOL},
                                        {"max-iter", required_argument, NULL, OPT_MAXIT},
                                        {NULL, 0, NULL, 0}};
    solve_args sa = {.mode = DCD_VARY_DEFAULT};
    dcd_cli_spec spec = {
        "solve",      SOLVE_HELP, DCD_OPT_OUT | DCD_OPT_SET | DCD_OPT_QUIET | DCD_OPT_NO_PLOTS,
        "t:v:b:m:",   own,        0,
        solve_option, &sa};
    dcd_cli_common co = {.outdir = "out", .plots = 1};
    char *pathcopy = NULL;
    dcd_solve_opts_default(&sa.o);

    int code = dcd_cli_parse(&spec, argc, argv, &co);
    if (code != DCD_EXIT_OK || co.help)
        goto done;
    if (argc - optind != 1) {
        code = dcd_cli_usage("solve", argc - optind < 1 ? "missing scenario FILE"
                                                        : "give exactly one scenario FILE");
        goto done;
    }
    if (!sa.have_target) {
        code = dcd_cli_usage("solve", "missing --target METRIC@YEAR=VALUE");
        goto done;
    }
    if (!sa.path || strspn(sa.path, ",") == strlen(sa.path)) {
        code = dcd_cli_usage("solve", "missing --vary PATH");
        goto done;
    }
    if (!(pathcopy = dcd_strdup(sa.path))) {
        code = DCD_EXIT_INTERNAL;
        goto done;
    }
    code = run_solve(argv[optind], pathcopy, sa.mode, sa.have_bounds, &sa.o, &co.sets, co.outdir,
                     co.quiet, co.plots, argc, argv);
done:
    free(pathcopy);
    dcd_strlist_free(&co.sets);
    return code;
}
