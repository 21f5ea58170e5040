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

/* X rounded to zero below the last printed digit, so that no "-0.0000". */
static double shown(double x)
{
    return fabs(x) < 5e-5 ? 0.0 : x;
}

static void print_fit(const dcd_scenario *sc, const dcd_input *in, size_t np, const dcd_obs *obs,
                      const dcd_calib_result *res, int quiet)
{
    if (quiet) {
        for (size_t k = 0; k < np; k++) {
            printf("%s %.10g ", in[k].path, res->x[k]);
            if (isnan(res->se[k]))
                puts("-");
            else
                printf("%.4g\n", res->se[k]);
        }
        return;
    }
    printf("%s: fit of %zu parameter%s to %zu observation%s (%s)\n", sc->name, np,
           np == 1 ? "" : "s", res->nobs, res->nobs == 1 ? "" : "s",
           res->weighted ? "weighted by 1/sd^2" : "unweighted");
    printf("  %-32s %6s %14s %12s\n", "parameter", "mode", "estimate", "std_error");
    for (size_t k = 0; k < np; k++) {
        printf("  %-32s %6s %14.6g ", in[k].path, dcd_vary_mode_name(in[k].mode), res->x[k]);
        if (isnan(res->se[k]))
            printf("%12s\n", "-");
        else
            printf("%12.4g\n", res->se[k]);
    }
    printf("  %6s %-14s %12s %12s %12s\n", "year", "metric", "observed", "model", "residual");
    for (size_t i = 0; i < res->nobs; i++)
        printf("  %6d %-14s %12.4f %12.4f %12.4f\n", obs[i].year,
               dcd_total_info[obs[i].metric].name, obs[i].value, res->model[i],
               shown(res->resid[i]));
    printf("  R-squared %.6f; chi-squared %.6g with %zu degrees of freedom%s\n", res->r2,
           res->chisq, res->dof,
           res->scaled     ? " (standard errors scaled by the residual variance)"
           : res->weighted ? ""
                           : " (no standard errors without a degree of freedom)");
    printf("  condition number %.4g; %zu iterations%s\n",
           res->rcond > 0 ? 1 / res->rcond : INFINITY, res->iterations,
           res->converged ? "" : " (iteration limit reached)");
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
    print_fit(sc, in, np, obs, &res, quiet);
    warn_identifiable(in, np, &res);

    /* The calibrated scenario, named NAME-calibrated. */
    if (calibrated_sets(in, np, &res, metric, setting, set, &comment, argc, argv) != 0 ||
        dcd_input_name_setting(sc->name, "-calibrated", &name) != 0 ||
        dcd_strlist_push(set, name.data) != 0) {
        code = DCD_EXIT_INTERNAL;
        goto done;
    }
    rc = dcd_source_load(src, set->v, set->n, &fitted, &diags);
    if (rc == DCD_OK)
        rc = dcd_project_new(fitted, &r, &diags);
    if (rc == DCD_OK)
        rc = dcd_write_derived(fitted, r, outdir, DCD_VERSION, comment.data, plots, &dir, &diags);
    if (rc == DCD_OK && plots)
        rc = dcd_calib_chart(sc->name, r, metric, obs, nobs, dir.data, &diags);
    if (rc != DCD_OK && rc != DCD_EPLOT) {
        code = dcd_cli_fail(&diags, rc);
        goto done;
    }
    if (!quiet)
        printf("wrote %s/%s\n", dir.data,
               plots && rc == DCD_OK ? " (with " DCD_CALIB_CHART ")" : "");
    if (rc == DCD_EPLOT)
        code = dcd_cli_fail(&diags, rc);
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

int dcd_cmd_calibrate(int argc, char **argv)
{
    enum { OPT_HISTORY = 256, OPT_MODE, OPT_MAXIT, OPT_NO_PLOTS };
    static const struct option opts[] = {{"fit", required_argument, NULL, 'f'},
                                         {"history", required_argument, NULL, OPT_HISTORY},
                                         {"metric", required_argument, NULL, 'm'},
                                         {"mode", required_argument, NULL, OPT_MODE},
                                         {"max-iter", required_argument, NULL, OPT_MAXIT},
                                         {"out", required_argument, NULL, 'o'},
                                         {"set", required_argument, NULL, 's'},
                                         {"no-plots", no_argument, NULL, OPT_NO_PLOTS},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *outdir = "out", *history = NULL, *fit = NULL;
    int c, code = DCD_EXIT_OK, quiet = 0, plots = 1, metric = DCD_T_DC_TWH;
    size_t max_iter = 200;
    dcd_vary_mode mode = DCD_VARY_DEFAULT;
    dcd_strlist set = {0};
    char *fitcopy = NULL;

    optind = 1;
    while ((c = getopt_long(argc, argv, ":f:m:o:s:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'f': fit = optarg; break;
        case OPT_HISTORY: history = optarg; break;
        case 'm':
            if ((metric = dcd_total_index(optarg)) < 0) {
                code = dcd_cli_usage("calibrate",
                                     "--metric '%s': not a column of summary.csv "
                                     "(dc_twh, dc_share_pct, ai_twh, ...)",
                                     optarg);
                goto done;
            }
            break;
        case OPT_MODE:
            if (dcd_vary_mode_parse(optarg, &mode) != 0 || mode == DCD_VARY_VALUE) {
                code = dcd_cli_usage("calibrate", "--mode '%s': expected scale or shift", optarg);
                goto done;
            }
            break;
        case OPT_MAXIT: {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || end == optarg || n < 1 || n > 100000) {
                code = dcd_cli_usage("calibrate",
                                     "--max-iter '%s': expected a whole number "
                                     "1-100000",
                                     optarg);
                goto done;
            }
            max_iter = (size_t)n;
            break;
        }
        case 'o': outdir = optarg; break;
        case 's':
            if (dcd_strlist_push(&set, optarg) != 0) {
                code = DCD_EXIT_INTERNAL;
                goto done;
            }
            break;
        case OPT_NO_PLOTS: plots = 0; break;
        case 'q': quiet = 1; break;
        case 'h':
            fputs(CALIBRATE_HELP, stdout);
            fputs(dcd_exit_help, stdout);
            goto done;
        default: code = dcd_cli_bad_option("calibrate", argv, c); goto done;
        }
    }
    if (argc - optind != 1) {
        code = dcd_cli_usage("calibrate", argc - optind < 1 ? "missing scenario FILE"
                                                            : "give exactly one scenario FILE");
        goto done;
    }
    if (!fit || !*fit || strspn(fit, ",") == strlen(fit)) {
        code = dcd_cli_usage("calibrate", "missing --fit PATH[,PATH...]");
        goto done;
    }
    if (!*outdir) {
        code = dcd_cli_usage("calibrate", "empty output folder");
        goto done;
    }
    if (!(fitcopy = malloc(strlen(fit) + 1))) {
        code = DCD_EXIT_INTERNAL;
        goto done;
    }
    memcpy(fitcopy, fit, strlen(fit) + 1);
    code = run_fit(argv[optind], fitcopy, mode, history, metric, max_iter, &set, outdir, quiet,
                   plots, argc, argv);
done:
    free(fitcopy);
    dcd_strlist_free(&set);
    return code;
}
