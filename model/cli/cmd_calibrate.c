/* cmd_calibrate.c - `dcdemand calibrate`: fit inputs of a scenario to
 * observed figures (dcd_calibrate.h; docs/solve.md). */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_calibrate.h"
#include "dcd_cli.h"
#include "dcd_engine.h"
#include "dcd_format.h"
#include "dcd_table.h"

static const char CALIBRATE_HELP[] =
    "Usage: " DCD_PROGRAM " calibrate [OPTIONS] FILE --fit PATH[,PATH...]\n"
    "Fit the inputs PATH (as --set takes them) so that the model matches observed\n"
    "figures, by nonlinear least squares (GSL, trust region), then write the\n"
    "calibrated scenario and its run to DIR/NAME-calibrated/ (the files of\n"
    "'dcdemand run', scenario.yaml with a comment saying what was fitted, and\n"
    "calibration.png: the model against the observations):\n"
    "  " DCD_PROGRAM " calibrate scenarios/lbnl-history.yaml --fit segments.servers.growth\n\n"
    "The observations are the scenario's own history: entries of METRIC, or the\n"
    "rows of a CSV file with the header year,metric,value or year,metric,value,sd.\n"
    "A number is fitted as the value itself, a series of years scaled as a whole\n"
    "(see 'dcdemand solve --help', --mode).  Reports each estimate with its\n"
    "standard error, each observation's residual, R-squared and the condition of\n"
    "the fit, with a warning when the parameters cannot be told apart.\n\n"
    "Options:\n"
    "  -f, --fit PATH[,PATH...]  inputs to fit (required; at most 16)\n"
    "      --history CSV      observations from CSV instead of history:\n"
    "  -m, --metric NAME      metric of the observations used (default dc_twh)\n"
    "      --mode MODE        how series are varied: scale (default) or shift\n"
    "      --max-iter N       at most N iterations (default 200)\n"
    "  -o, --out DIR          output folder (default: out)\n"
    "  -s, --set PATH=VALUE   override before fitting (repeatable)\n"
    "      --no-plots         write no charts\n"
    "  -q, --quiet            print only the estimates\n"
    "  -h, --help             show this help and exit\n\n";

#define MAX_FIT 16

/* Observations of METRIC from SC's history: entries.  *OUT is freed by the
 * caller. */
static int history_obs(const dcd_scenario *sc, int metric, dcd_obs **out, size_t *n)
{
    *n = 0;
    *out = calloc(sc->nhistory ? sc->nhistory : 1, sizeof **out);
    if (!*out)
        return -1;
    for (size_t i = 0; i < sc->nhistory; i++) {
        const dcd_expect *h = &sc->history[i];
        if (dcd_total_index(h->metric) != metric)
            continue;
        (*out)[*n] = (dcd_obs){h->year, metric, h->value, NAN};
        (*n)++;
    }
    return 0;
}

/* Decimals that show X with SIG significant digits in fixed notation (as
 * %.SIGg would, without an exponent), at most 10. */
static int sig_decimals(double x, int sig)
{
    if (!isfinite(x) || x == 0)
        return sig - 1;
    int d = sig - 1 - (int)floor(log10(fabs(x)));
    return d < 0 ? 0 : d > 10 ? 10 : d;
}

/* The estimates and the observations, as two terminal tables (dcd_table). */
static int fit_tables(const dcd_input *in, size_t np, const dcd_obs *obs,
                      const dcd_calib_result *res, dcd_buf *out)
{
    static const dcd_table_col PCOLS[] = {
        {"parameter", 0, 32}, {"mode", 1, 6}, {"estimate", 1, 14}, {"std_error", 1, 12}};
    static const dcd_table_col OCOLS[] = {{"year", 1, 6},
                                          {"metric", 0, 14},
                                          {"observed", 1, 12},
                                          {"model", 1, 12},
                                          {"residual", 1, 12}};
    static const dcd_table_style style = {" ", 0, "  "};
    dcd_table pt, ot;
    dcd_table_init(&pt, PCOLS, 4);
    dcd_table_init(&ot, OCOLS, 5);
    for (size_t k = 0; k < np; k++) {
        dcd_table_text(&pt, in[k].path);
        dcd_table_text(&pt, dcd_vary_mode_name(in[k].mode));
        dcd_table_num(&pt, res->x[k], DCD_NUM_FIXED, sig_decimals(res->x[k], 6));
        dcd_table_num(&pt, res->se[k], DCD_NUM_FIXED, sig_decimals(res->se[k], 4));
    }
    for (size_t i = 0; i < res->nobs; i++) {
        dcd_table_int(&ot, obs[i].year);
        dcd_table_text(&ot, dcd_total_info[obs[i].metric].name);
        dcd_table_num(&ot, obs[i].value, DCD_NUM_FIXED, 4);
        dcd_table_num(&ot, res->model[i], DCD_NUM_FIXED, 4);
        dcd_table_num(&ot, res->resid[i], DCD_NUM_FIXED, 4);
    }
    int rc = dcd_table_write(&pt, DCD_OUT_TERM, &style, out) != 0 ||
                     dcd_table_write(&ot, DCD_OUT_TERM, &style, out) != 0
                 ? -1
                 : 0;
    dcd_table_free(&pt);
    dcd_table_free(&ot);
    return rc;
}

static int print_fit(const dcd_scenario *sc, const dcd_input *in, size_t np, const dcd_obs *obs,
                     const dcd_calib_result *res, int quiet)
{
    dcd_buf b = {0};
    if (quiet) {
        for (size_t k = 0; k < np; k++) {
            dcd_buf_printf(&b, "%s ", in[k].path);
            dcd_fmt_num(&b, res->x[k], DCD_NUM_SHORT, 0, DCD_OUT_TERM);
            dcd_buf_puts(&b, " ");
            dcd_fmt_num(&b, res->se[k], DCD_NUM_FIXED, sig_decimals(res->se[k], 4), DCD_OUT_TERM);
            dcd_buf_puts(&b, "\n");
        }
    } else {
        dcd_buf_printf(&b, "%s: fit of %zu parameter%s to %zu observation%s (%s)\n", sc->name, np,
                       np == 1 ? "" : "s", res->nobs, res->nobs == 1 ? "" : "s",
                       res->weighted ? "weighted by 1/sd^2" : "unweighted");
        fit_tables(in, np, obs, res, &b);
        dcd_buf_printf(&b, "  R-squared %.6f; chi-squared %.6g with %zu degrees of freedom%s\n",
                       res->r2, res->chisq, res->dof,
                       res->scaled     ? " (standard errors scaled by the residual variance)"
                       : res->weighted ? ""
                                       : " (no standard errors without a degree of freedom)");
        dcd_buf_printf(&b, "  condition number %.4g; %zu iterations%s\n",
                       res->rcond > 0 ? 1 / res->rcond : INFINITY, res->iterations,
                       res->converged ? "" : " (iteration limit reached)");
    }
    int rc = b.failed ? -1 : 0;
    if (rc == 0)
        fwrite(b.data, 1, b.len, stdout);
    dcd_buf_free(&b);
    return rc;
}

/* Finds the inputs of the comma-separated FITLIST (modified) in SC into
 * IN[0..*NP).  Returns the exit code. */
static int parse_fit(const dcd_scenario *sc, char *fitlist, dcd_vary_mode mode, dcd_input *in,
                     size_t *np)
{
    char why[512];
    for (char *p = strtok(fitlist, ","); p; p = strtok(NULL, ",")) {
        if (*np == MAX_FIT)
            return dcd_cli_usage("calibrate", "--fit: at most %d parameters", MAX_FIT);
        for (size_t k = 0; k < *np; k++)
            if (strcmp(in[k].path, p) == 0)
                return dcd_cli_usage("calibrate", "--fit %s is given twice", p);
        int rc = dcd_input_find(sc, p, DCD_VARY_DEFAULT, &in[*np], why, sizeof why);
        if (rc != DCD_OK)
            return rc == DCD_EUSAGE ? dcd_cli_usage("calibrate", "--fit %s", why)
                                    : DCD_EXIT_INTERNAL;
        if (in[*np].series && mode != DCD_VARY_DEFAULT) {
            in[*np].mode = mode;
            in[*np].start = mode == DCD_VARY_SHIFT ? 0.0 : 1.0;
        }
        (*np)++;
    }
    if (*np == 0)
        return dcd_cli_usage("calibrate", "missing --fit PATH[,PATH...]");
    return DCD_EXIT_OK;
}

/* The observations of METRIC, from HISTORY (a CSV file) or SC's history:
 * entries, checked against NP parameters and SC's years.  *OBS is freed by
 * the caller.  Returns the exit code. */
static int load_obs(const dcd_scenario *sc, const char *file, const char *history, int metric,
                    size_t np, dcd_obs **obs, size_t *nobs)
{
    dcd_diags diags = {0};
    const char *mname = dcd_total_info[metric].name;
    if (history) {
        int rc = dcd_obs_read_csv(history, obs, nobs, &diags);
        if (rc != DCD_OK) {
            int code = dcd_cli_fail(&diags, rc);
            dcd_diags_free(&diags);
            return code;
        }
        size_t k = 0;
        for (size_t i = 0; i < *nobs; i++)
            if ((*obs)[i].metric == metric)
                (*obs)[k++] = (*obs)[i];
        *nobs = k;
    } else if (history_obs(sc, metric, obs, nobs) != 0) {
        return DCD_EXIT_INTERNAL;
    }
    if (*nobs == 0)
        return dcd_cli_usage("calibrate",
                             "no observations of %s in %s (give --history CSV or "
                             "another --metric)",
                             mname, history ? history : file);
    if (*nobs < np)
        return dcd_cli_usage("calibrate", "%zu observation%s of %s cannot determine %zu parameters",
                             *nobs, *nobs == 1 ? "" : "s", mname, np);
    for (size_t i = 0; i < *nobs; i++)
        if ((*obs)[i].year < sc->start || (*obs)[i].year > sc->end)
            return dcd_cli_usage("calibrate",
                                 "the observation of %d is outside the years of %s "
                                 "(%d-%d)",
                                 (*obs)[i].year, file, sc->start, sc->end);
    return DCD_EXIT_OK;
}

static void warn_identifiable(const dcd_input *in, size_t np, const dcd_calib_result *res)
{
    double cond = res->rcond > 0 ? 1 / res->rcond : INFINITY;
    if (res->identifiable)
        return;
    if (np > 1)
        dcd_cli_error("warning: the parameters are not identifiable from these observations "
                      "(condition number %.3g; %s and %s have correlation %.4f): fit fewer",
                      cond, in[res->flag_i].path, in[res->flag_j].path,
                      res->corr[res->flag_i * np + res->flag_j]);
    else
        dcd_cli_error("warning: %s is not identifiable from these observations (condition "
                      "number %.3g)",
                      in[0].path, cond);
}

/* The comment before the calibrated scenario.yaml, and the overrides that
 * set the estimates (pushed onto SET; SETTING keeps their text). */
static int calibrated_sets(const dcd_input *in, size_t np, const dcd_calib_result *res, int metric,
                           dcd_buf *setting, dcd_strlist *set, dcd_buf *comment, int argc,
                           char **argv)
{
    dcd_buf_printf(comment,
                   "# Calibrated by " DCD_PROGRAM " calibrate to %zu observations of %s "
                   "(R-squared %.6f)\n",
                   res->nobs, dcd_total_info[metric].name, res->r2);
    for (size_t k = 0; k < np; k++) {
        if (dcd_input_setting(&in[k], res->x[k], &setting[k]) != 0 ||
            dcd_strlist_push(set, setting[k].data) != 0)
            return -1;
        dcd_buf_puts(comment, "#   ");
        dcd_comment_text(comment, in[k].path);
        dcd_buf_printf(comment, " (%s) = %.10g +- %.4g\n#   ", dcd_vary_mode_name(in[k].mode),
                       res->x[k], res->se[k]);
        dcd_comment_text(comment, setting[k].data);
        dcd_buf_puts(comment, "\n");
    }
    dcd_buf_puts(comment, "# Command: " DCD_PROGRAM);
    for (int i = 0; i < argc; i++) {
        dcd_buf_puts(comment, " ");
        dcd_comment_text(comment, argv[i]);
    }
    dcd_buf_puts(comment, "\n");
    return comment->failed ? -1 : 0;
}

/* Fits and writes; the arguments are parsed.  Returns the exit code. */
static int run_fit(const char *file, char *fitlist, dcd_vary_mode mode, const char *history,
                   int metric, size_t max_iter, dcd_strlist *set, const char *outdir, int quiet,
                   int plots, int argc, char **argv)
{
    dcd_source *src = NULL;
    dcd_scenario *sc = NULL, *fitted = NULL;
    dcd_results *r = NULL;
    dcd_input in[MAX_FIT];
    size_t np = 0, nobs = 0;
    dcd_obs *obs = NULL;
    dcd_diags diags = {0};
    dcd_calib_result res = {0};
    dcd_calib_opts o;
    dcd_buf setting[MAX_FIT], comment = {0}, dir = {0}, name = {0};
    int code = DCD_EXIT_OK, rc;
    memset(in, 0, sizeof in);
    memset(setting, 0, sizeof setting);
    dcd_calib_opts_default(&o);
    o.max_iter = max_iter;

    if ((rc = dcd_source_open(file, &src, &diags)) != DCD_OK ||
        (rc = dcd_source_load(src, set->v, set->n, &sc, &diags)) != DCD_OK) {
        code = dcd_cli_fail(&diags, rc);
        goto done;
    }
    if ((code = parse_fit(sc, fitlist, mode, in, &np)) != DCD_EXIT_OK ||
        (code = load_obs(sc, file, history, metric, np, &obs, &nobs)) != DCD_EXIT_OK)
        goto done;
    rc = dcd_calibrate(src, set->v, set->n, in, np, obs, nobs, &o, &res, &diags);
    if (rc != DCD_OK) {
        code = dcd_cli_fail(&diags, rc);
        goto done;
    }
    if (print_fit(sc, in, np, obs, &res, quiet) != 0) {
        code = DCD_EXIT_INTERNAL;
        goto done;
    }
    warn_identifiable(in, np, &res);

    /* The calibrated scenario, named NAME-calibrated. */
    if (calibrated_sets(in, np, &res, metric, setting, set, &comment, argc, argv) != 0 ||
        (rc = dcd_cli_derived(src, set, sc->name, "-calibrated", outdir, comment.data, plots, &name,
                              &fitted, &r, &dir, &diags)) < 0) {
        code = DCD_EXIT_INTERNAL;
        goto done;
    }
    if (rc == DCD_OK && plots)
        rc = dcd_calib_chart(sc, r, metric, obs, nobs, dir.data, &diags);
    code = dcd_cli_derived_done(rc, &diags, quiet, dir.data,
                                plots && rc == DCD_OK ? " (with " DCD_CALIB_CHART ")" : "");
done:
    for (size_t k = 0; k < MAX_FIT; k++) {
        dcd_input_free(&in[k]);
        dcd_buf_free(&setting[k]);
    }
    dcd_calib_result_free(&res);
    free(obs);
    dcd_results_free(r);
    dcd_scenario_free(fitted);
    dcd_scenario_free(sc);
    dcd_source_free(src);
    dcd_diags_free(&diags);
    dcd_buf_free(&comment);
    dcd_buf_free(&dir);
    dcd_buf_free(&name);
    return code;
}

/* calibrate's own options. */
typedef struct calibrate_args {
    const char *history, *fit;
    int metric;
    size_t max_iter;
    dcd_vary_mode mode;
} calibrate_args;

enum { OPT_HISTORY = DCD_OPT_OWN_LONG, OPT_MODE, OPT_MAXIT };

static int calibrate_option(int c, const char *arg, void *ctx)
{
    calibrate_args *a = ctx;
    switch (c) {
    case 'f': a->fit = arg; return DCD_EXIT_OK;
    case OPT_HISTORY: a->history = arg; return DCD_EXIT_OK;
    case 'm':
        if ((a->metric = dcd_total_index(arg)) < 0)
            return dcd_cli_usage("calibrate",
                                 "--metric '%s': not a column of summary.csv "
                                 "(dc_twh, dc_share_pct, ai_twh, ...)",
                                 arg);
        return DCD_EXIT_OK;
    case OPT_MODE:
        if (dcd_vary_mode_parse(arg, &a->mode) != 0 || a->mode == DCD_VARY_VALUE)
            return dcd_cli_usage("calibrate", "--mode '%s': expected scale or shift", arg);
        return DCD_EXIT_OK;
    default: { /* OPT_MAXIT */
        long n;
        if (dcd_cli_whole(arg, 1, 100000, &n) != 0)
            return dcd_cli_usage("calibrate", "--max-iter '%s': expected a whole number 1-100000",
                                 arg);
        a->max_iter = (size_t)n;
        return DCD_EXIT_OK;
    }
    }
}

int dcd_cmd_calibrate(int argc, char **argv)
{
    static const struct option own[] = {{"fit", required_argument, NULL, 'f'},
                                        {"history", required_argument, NULL, OPT_HISTORY},
                                        {"metric", required_argument, NULL, 'm'},
                                        {"mode", required_argument, NULL, OPT_MODE},
                                        {"max-iter", required_argument, NULL, OPT_MAXIT},
                                        {NULL, 0, NULL, 0}};
    calibrate_args ca = {.metric = DCD_T_DC_TWH, .max_iter = 200, .mode = DCD_VARY_DEFAULT};
    dcd_cli_spec spec = {"calibrate",
                         CALIBRATE_HELP,
                         DCD_OPT_OUT | DCD_OPT_SET | DCD_OPT_QUIET | DCD_OPT_NO_PLOTS,
                         "f:m:",
                         own,
                         0,
                         calibrate_option,
                         &ca};
    dcd_cli_common co = {.outdir = "out", .plots = 1};
    char *fitcopy = NULL;

    int code = dcd_cli_parse(&spec, argc, argv, &co);
    if (code != DCD_EXIT_OK || co.help)
        goto done;
    if (argc - optind != 1) {
        code = dcd_cli_usage("calibrate", argc - optind < 1 ? "missing scenario FILE"
                                                            : "give exactly one scenario FILE");
        goto done;
    }
    if (!ca.fit || !*ca.fit || strspn(ca.fit, ",") == strlen(ca.fit)) {
        code = dcd_cli_usage("calibrate", "missing --fit PATH[,PATH...]");
        goto done;
    }
    if (!(fitcopy = dcd_strdup(ca.fit))) {
        code = DCD_EXIT_INTERNAL;
        goto done;
    }
    code = run_fit(argv[optind], fitcopy, ca.mode, ca.history, ca.metric, ca.max_iter, &co.sets,
                   co.outdir, co.quiet, co.plots, argc, argv);
done:
    free(fitcopy);
    dcd_strlist_free(&co.sets);
    return code;
}
