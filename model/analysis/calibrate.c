/* calibrate.c - fitting inputs to observed figures (dcd_calibrate.h;
 * docs/solve.md): GSL's trust-region nonlinear least squares over full
 * loads and projections of the scenario, observations from CSV, and the
 * chart of the fit. */
#include <errno.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_calib_chart.h"
#include "dcd_calibrate.h"
#include "dcd_output.h"
#include "dcd_plot.h"
#include "dcd_vec.h"

void dcd_calib_opts_default(dcd_calib_opts *o)
{
    o->xtol = 1e-10;
    o->gtol = 1e-10;
    o->ftol = 0;
    o->max_iter = 200;
    o->h_df = 1e-6;
    o->rcond_min = 1e-7;
    o->corr_max = 0.999;
}

void dcd_calib_result_free(dcd_calib_result *r)
{
    if (!r)
        return;
    free(r->x);
    free(r->se);
    free(r->corr);
    free(r->model);
    free(r->resid);
    memset(r, 0, sizeof *r);
}

/* ---- observations from CSV ---- */

/* Splits LINE (modified) at commas into at most MAX fields; stores each
 * field's 1-based column.  Returns the number of fields. */
static size_t split(char *line, char **f, int *col, size_t max)
{
    size_t n = 0;
    char *p = line;
    for (;;) {
        if (n < max) {
            f[n] = p;
            col[n] = (int)(p - line) + 1;
        }
        n++;
        char *c = strchr(p, ',');
        if (!c)
            break;
        *c = 0;
        p = c + 1;
    }
    return n;
}

static int read_row(const char *path, int ln, char *line, int has_sd, dcd_obs *o, dcd_diags *d)
{
    char *f[4];
    int col[4];
    size_t want = has_sd ? 4 : 3, n = split(line, f, col, 4);
    if (n != want) {
        dcd_diags_add(d, path, ln, 1, "expected %zu fields (year,metric,value%s), found %zu", want,
                      has_sd ? ",sd" : "", n);
        return -1;
    }
    char *end;
    long y = strtol(f[0], &end, 10);
    if (*end || end == f[0] || y < 1900 || y > 2200) {
        dcd_diags_add(d, path, ln, col[0], "year '%s': expected a whole year 1900-2200", f[0]);
        return -1;
    }
    o->year = (int)y;
    if ((o->metric = dcd_total_index(f[1])) < 0) {
        dcd_diags_add(d, path, ln, col[1],
                      "metric '%s': not a column of summary.csv (dc_twh, "
                      "dc_share_pct, ai_twh, ...)",
                      f[1]);
        return -1;
    }
    o->value = strtod(f[2], &end);
    if (*end || end == f[2] || !isfinite(o->value)) {
        dcd_diags_add(d, path, ln, col[2], "value '%s': expected a number", f[2]);
        return -1;
    }
    o->sd = NAN;
    if (has_sd) {
        o->sd = strtod(f[3], &end);
        if (*end || end == f[3] || !(o->sd > 0) || !isfinite(o->sd)) {
            dcd_diags_add(d, path, ln, col[3], "sd '%s': expected a number > 0", f[3]);
            return -1;
        }
    }
    return 0;
}

int dcd_obs_read_csv(const char *path, dcd_obs **out, size_t *n, dcd_diags *d)
{
    FILE *fp = fopen(path, "r");
    char line[1024];
    int ln = 0, has_sd = -1, rc = DCD_OK;
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    if (!fp) {
        dcd_diags_add(d, path, 0, 0, "cannot read: %s", strerror(errno));
        return DCD_EINPUT;
    }
    while (fgets(line, sizeof line, fp)) {
        ln++;
        size_t len = strlen(line);
        if (len == sizeof line - 1 && line[len - 1] != '\n') {
            dcd_diags_add(d, path, ln, 1, "line longer than %zu bytes", sizeof line - 2);
            rc = DCD_EINPUT;
            break;
        }
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = 0;
        if (!len || line[0] == '#')
            continue;
        if (has_sd < 0) {
            if (strcmp(line, "year,metric,value") == 0 ||
                strcmp(line, "year,metric,value,sd") == 0) {
                has_sd = strcmp(line, "year,metric,value,sd") == 0;
                continue;
            }
            dcd_diags_add(d, path, ln, 1,
                          "expected the header year,metric,value or "
                          "year,metric,value,sd");
            rc = DCD_EINPUT;
            break;
        }
        if (*n == cap) {
            dcd_obs *p = dcd_vec_grow(*out, &cap, *n + 1, sizeof *p);
            if (!p) {
                rc = DCD_ENOMEM;
                break;
            }
            *out = p;
        }
        if (read_row(path, ln, line, has_sd, &(*out)[*n], d) != 0)
            rc = DCD_EINPUT;
        else
            (*n)++;
    }
    if (rc == DCD_OK && *n == 0) {
        dcd_diags_add(d, path, ln ? ln : 1, 1, "no observations");
        rc = DCD_EINPUT;
    }
    fclose(fp);
    if (rc != DCD_OK) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

/* ---- the fit ---- */

typedef struct fit_ctx {
    const dcd_source *src;
    const char *const *sets;
    size_t nsets;
    const dcd_input *in;
    size_t np;
    const dcd_obs *obs;
    size_t nobs;
    double *x;  /* np scratch */
    double *m;  /* nobs scratch */
    int status; /* first failure */
    dcd_diags *d;
} fit_ctx;

/* Model values of the observations at X into M. */
static int model_at(fit_ctx *c, const double *x, double *m, dcd_diags *d)
{
    dcd_results *r = NULL;
    int rc = dcd_input_eval(c->src, c->sets, c->nsets, c->in, x, c->np, NULL, &r, d);
    for (size_t i = 0; rc == DCD_OK && i < c->nobs; i++) {
        int y = c->obs[i].year;
        if (y < r->start || y >= r->start + (int)r->ny) {
            rc = DCD_EUSAGE;
            break;
        }
        m[i] = DCD_TOTAL(r, c->obs[i].metric, (size_t)(y - r->start));
        if (!isfinite(m[i])) {
            if (d)
                dcd_diags_add(d, NULL, 0, 0,
                              "%s has no value in %d (the scenario does not "
                              "determine it)",
                              dcd_total_info[c->obs[i].metric].name, y);
            rc = DCD_EMODEL;
        }
    }
    dcd_results_free(r);
    return rc;
}

/* A trial the scenario refuses (a value out of its range) or cannot project
 * gets large residuals rather than an error, so that the trust region
 * rejects the step and shrinks instead of stopping the fit. */
#define FAILED_RESIDUAL 1e12

static int fit_f(const gsl_vector *xv, void *p, gsl_vector *f)
{
    fit_ctx *c = p;
    for (size_t k = 0; k < c->np; k++)
        c->x[k] = gsl_vector_get(xv, k);
    int rc = model_at(c, c->x, c->m, NULL);
    if (rc == DCD_ENOMEM) {
        c->status = rc;
        return GSL_ENOMEM;
    }
    for (size_t i = 0; i < c->nobs; i++)
        gsl_vector_set(f, i,
                       rc == DCD_OK ? c->m[i] - c->obs[i].value
                                    : FAILED_RESIDUAL * (1 + fabs(c->obs[i].value)));
    return GSL_SUCCESS;
}

/* Standard errors, correlations and the identifiability flag from the
 * covariance COV (np x np). */
static void summarise(const dcd_calib_opts *o, gsl_matrix *cov, dcd_calib_result *res)
{
    size_t np = res->np;
    double scale = 1, best = -1;
    res->scaled = !res->weighted && res->dof > 0;
    if (res->scaled)
        scale = res->chisq / (double)res->dof;
    for (size_t k = 0; k < np; k++) {
        double v = gsl_matrix_get(cov, k, k) * scale;
        res->se[k] = v >= 0 && isfinite(v) && (res->weighted || res->dof > 0) ? sqrt(v) : NAN;
    }
    for (size_t a = 0; a < np; a++)
        for (size_t b = 0; b < np; b++) {
            double den = sqrt(gsl_matrix_get(cov, a, a) * gsl_matrix_get(cov, b, b));
            double cr = den > 0 && isfinite(den) ? gsl_matrix_get(cov, a, b) / den : NAN;
            res->corr[a * np + b] = a == b ? 1 : cr;
            if (a < b && (isnan(cr) || fabs(cr) > best)) {
                best = isnan(cr) ? INFINITY : fabs(cr);
                res->flag_i = a;
                res->flag_j = b;
            }
        }
    res->identifiable = !(res->rcond < o->rcond_min) && !(best > o->corr_max);
}

static int check_obs(const dcd_obs *obs, size_t nobs, size_t np, int *weighted, dcd_diags *d)
{
    size_t nsd = 0;
    for (size_t i = 0; i < nobs; i++)
        nsd += !isnan(obs[i].sd);
    if (nobs < np) {
        dcd_diags_add(d, NULL, 0, 0, "%zu observations cannot determine %zu parameters", nobs, np);
        return DCD_EUSAGE;
    }
    if (nsd && nsd != nobs) {
        dcd_diags_add(d, NULL, 0, 0, "give an sd for every observation or for none");
        return DCD_EUSAGE;
    }
    *weighted = nsd == nobs && nobs > 0;
    return DCD_OK;
}

int dcd_calibrate(const dcd_source *src, const char *const *sets, size_t nsets, const dcd_input *in,
                  size_t np, const dcd_obs *obs, size_t nobs, const dcd_calib_opts *o,
                  dcd_calib_result *res, dcd_diags *d)
{
    fit_ctx c = {src, sets, nsets, in, np, obs, nobs, NULL, NULL, DCD_OK, d};
    gsl_multifit_nlinear_workspace *w = NULL;
    gsl_vector *x0 = NULL, *wt = NULL;
    gsl_matrix *cov = NULL;
    int rc, info = 0;
    memset(res, 0, sizeof *res);
    if ((rc = check_obs(obs, nobs, np, &res->weighted, d)) != DCD_OK)
        return rc;
    res->np = np;
    res->nobs = nobs;
    res->dof = nobs - np;
    res->x = calloc(np, sizeof *res->x);
    res->se = calloc(np, sizeof *res->se);
    res->corr = calloc(np * np, sizeof *res->corr);
    res->model = calloc(nobs, sizeof *res->model);
    res->resid = calloc(nobs, sizeof *res->resid);
    c.x = calloc(np, sizeof *c.x);
    c.m = calloc(nobs ? nobs : 1, sizeof *c.m);
    x0 = gsl_vector_alloc(np);
    wt = gsl_vector_alloc(nobs);
    cov = gsl_matrix_alloc(np, np);
    if (!res->x || !res->se || !res->corr || !res->model || !res->resid || !c.x || !c.m || !x0 ||
        !wt || !cov) {
        rc = DCD_ENOMEM;
        goto done;
    }
    /* The start must work (and the years must be there). */
    for (size_t k = 0; k < np; k++)
        res->x[k] = in[k].start;
    rc = model_at(&c, res->x, res->model, d);
    if (rc == DCD_EUSAGE)
        dcd_diags_add(d, NULL, 0, 0, "an observation's year is outside the scenario's years");
    if (rc != DCD_OK)
        goto done;

    gsl_multifit_nlinear_parameters par = gsl_multifit_nlinear_default_parameters();
    par.fdtype = GSL_MULTIFIT_NLINEAR_FWDIFF;
    par.h_df = o->h_df;
    gsl_multifit_nlinear_fdf fdf;
    memset(&fdf, 0, sizeof fdf);
    fdf.f = fit_f;
    fdf.n = nobs;
    fdf.p = np;
    fdf.params = &c;
    if (!(w = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &par, nobs, np))) {
        rc = DCD_ENOMEM;
        goto done;
    }
    for (size_t k = 0; k < np; k++)
        gsl_vector_set(x0, k, in[k].start);
    for (size_t i = 0; i < nobs; i++)
        gsl_vector_set(wt, i, res->weighted ? 1 / (obs[i].sd * obs[i].sd) : 1.0);
    int st = gsl_multifit_nlinear_winit(x0, wt, &fdf, w);
    if (st == GSL_SUCCESS)
        st = gsl_multifit_nlinear_driver(o->max_iter, o->xtol, o->gtol, o->ftol, NULL, NULL, &info,
                                         w);
    if (c.status == DCD_ENOMEM) {
        rc = DCD_ENOMEM;
        goto done;
    }
    if (st != GSL_SUCCESS && st != GSL_EMAXITER && st != GSL_ENOPROG) {
        dcd_diags_add(d, NULL, 0, 0, "the fit failed: %s", gsl_strerror(st));
        rc = DCD_EMODEL;
        goto done;
    }
    res->converged = st == GSL_SUCCESS || st == GSL_ENOPROG;
    res->iterations = gsl_multifit_nlinear_niter(w);
    const gsl_vector *xv = gsl_multifit_nlinear_position(w);
    for (size_t k = 0; k < np; k++)
        res->x[k] = gsl_vector_get(xv, k);
    if ((rc = model_at(&c, res->x, res->model, d)) != DCD_OK)
        goto done;
    double mean = 0, ss_tot = 0, ss_res = 0;
    for (size_t i = 0; i < nobs; i++)
        mean += obs[i].value / (double)nobs;
    for (size_t i = 0; i < nobs; i++) {
        res->resid[i] = obs[i].value - res->model[i];
        ss_res += res->resid[i] * res->resid[i];
        ss_tot += (obs[i].value - mean) * (obs[i].value - mean);
        res->chisq += res->resid[i] * res->resid[i] * gsl_vector_get(wt, i);
    }
    res->r2 = ss_tot > 0 ? 1 - ss_res / ss_tot : NAN;
    if (gsl_multifit_nlinear_rcond(&res->rcond, w) != GSL_SUCCESS)
        res->rcond = 0;
    if (gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(w), 0.0, cov) != GSL_SUCCESS)
        gsl_matrix_set_all(cov, NAN);
    summarise(o, cov, res);
    rc = DCD_OK;
done:
    if (rc != DCD_OK)
        dcd_calib_result_free(res);
    if (w)
        gsl_multifit_nlinear_free(w);
    gsl_vector_free(x0);
    gsl_vector_free(wt);
    gsl_matrix_free(cov);
    free(c.x);
    free(c.m);
    return rc;
}

/* ---- the chart (drawn by model/charts/calib_charts.c) ---- */

int dcd_calib_chart(const dcd_scenario *sc, const dcd_results *r, int metric, const dcd_obs *obs,
                    size_t nobs, const char *dir, dcd_diags *d)
{
    const dcd_metric_info *mi = &dcd_total_info[metric];
    dcd_calib_point *pts = calloc(nobs ? nobs : 1, sizeof *pts);
    dcd_buf label = {0};
    int rc = DCD_ENOMEM;
    size_t n = 0;
    if (!pts)
        goto done;
    for (size_t i = 0; i < nobs; i++)
        if (obs[i].metric == metric)
            pts[n++] = (dcd_calib_point){obs[i].year, obs[i].value, obs[i].sd};
    dcd_buf_printf(&label, "%s (%s)", mi->label, mi->unit);
    if (label.failed)
        goto done;
    dcd_calib_chart_data c = {.title = sc->title && *sc->title ? sc->title : sc->name,
                              .name = sc->name,
                              .sources = (const char *const *)sc->sources,
                              .nsources = sc->nsources,
                              .base_year = sc->base,
                              .refs = sc->references,
                              .nrefs = sc->nreferences,
                              .metric = mi->name,
                              .metric_label = dcd_buf_str(&label),
                              .start = r->start,
                              .ny = r->ny,
                              .model = &DCD_TOTAL(r, metric, 0),
                              .obs = pts,
                              .nobs = n};
    rc = dcd_calib_chart_draw(&c, dir, NULL, d);
done:
    free(pts);
    dcd_buf_free(&label);
    return rc;
}
