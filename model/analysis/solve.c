/* solve.c - goal seek: the value of one input at which a metric reaches a
 * target (dcd_solve.h; docs/solve.md).  Brent's method from GSL in its
 * initialise / iterate / test loop; each evaluation is one load and one
 * projection of the scenario with the input set by --set. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_solve.h"

void dcd_solve_opts_default(dcd_solve_opts *o)
{
    memset(o, 0, sizeof *o);
    o->xtol = DCD_SOLVE_XTOL;
    o->ftol = DCD_SOLVE_FTOL;
    o->max_iter = DCD_SOLVE_MAX_ITER;
}

typedef struct solve_ctx {
    const dcd_source *src;
    const char *const *sets;
    size_t nsets;
    const dcd_input *in;
    size_t nin;
    double *xs; /* nin copies of the trial value */
    const dcd_solve_opts *o;
    dcd_diags *d; /* diagnostics of a failing evaluation */
    int status;   /* first failure of an evaluation */
    size_t evals;
    double last_x, last_m; /* the last evaluation that worked */
} solve_ctx;

/* The metric at X into *M.  Returns the status of the evaluation; the
 * diagnostics go to D (may be NULL). */
static int metric_at(solve_ctx *c, double x, double *m, dcd_diags *d)
{
    dcd_results *r = NULL;
    c->evals++;
    for (size_t k = 0; k < c->nin; k++)
        c->xs[k] = x;
    int rc = dcd_input_eval(c->src, c->sets, c->nsets, c->in, c->xs, c->nin, NULL, &r, d);
    if (rc == DCD_OK) {
        if (c->o->year < r->start || c->o->year >= r->start + (int)r->ny) {
            rc = DCD_EMODEL;
        } else {
            *m = DCD_TOTAL(r, c->o->metric, (size_t)(c->o->year - r->start));
            if (!isfinite(*m))
                rc = DCD_EMODEL;
        }
    }
    if (rc == DCD_OK) {
        c->last_x = x;
        c->last_m = *m;
    }
    dcd_results_free(r);
    return rc;
}

/* gsl_function: metric minus target; NaN (and the status kept) on failure. */
static double residual(double x, void *p)
{
    solve_ctx *c = p;
    double m;
    int rc = metric_at(c, x, &m, c->d);
    if (rc != DCD_OK) {
        if (c->status == DCD_OK)
            c->status = rc;
        return NAN;
    }
    return m - c->o->target;
}

/* The bound *BAD fails; moves it towards GOOD (which works) by bisection to
 * the last value that works, within the solver's tolerance.  Stores the
 * metric there in *F. */
static int retreat(solve_ctx *c, double good, double *bad, double *f)
{
    double ok = good, no = *bad, fm = NAN;
    int rc = metric_at(c, ok, &fm, NULL);
    if (rc != DCD_OK)
        return rc;
    for (int k = 0; k < 200 && fabs(no - ok) > c->o->xtol * (1 + fabs(ok)); k++) {
        double mid = ok + (no - ok) / 2, m;
        rc = metric_at(c, mid, &m, NULL);
        if (rc == DCD_ENOMEM)
            return rc;
        if (rc == DCD_OK) {
            ok = mid;
            fm = m;
        } else {
            no = mid;
        }
    }
    *bad = ok;
    *f = fm;
    return DCD_OK;
}

/* The metric at both bounds; a bound where the projection fails is moved
 * inwards while the other works. */
static int bounds(solve_ctx *c, dcd_solve_result *res, dcd_diags *d)
{
    dcd_diags scratch = {0};
    int rlo = metric_at(c, res->lo, &res->f_lo, &scratch);
    int rhi = metric_at(c, res->hi, &res->f_hi, rlo == DCD_OK ? &scratch : NULL);
    int rc = DCD_OK;
    if (rlo == DCD_ENOMEM || rhi == DCD_ENOMEM) {
        rc = DCD_ENOMEM;
    } else if (rlo != DCD_OK && rhi != DCD_OK) {
        /* Neither works: report the lower bound's problems. */
        for (size_t i = 0; i < scratch.n; i++)
            dcd_diags_add(d, scratch.items[i].file, scratch.items[i].line, scratch.items[i].column,
                          "%s", scratch.items[i].message);
        dcd_diags_add(d, NULL, 0, 0, "the scenario cannot be projected at either bound of %s",
                      c->in->path);
        rc = rlo;
    } else if (rhi != DCD_OK) {
        rc = retreat(c, res->lo, &res->hi, &res->f_hi);
    } else if (rlo != DCD_OK) {
        rc = retreat(c, res->hi, &res->lo, &res->f_lo);
    }
    dcd_diags_free(&scratch);
    return rc;
}

int dcd_solve(const dcd_source *src, const char *const *sets, size_t nsets, const dcd_input *in,
              size_t nin, const dcd_solve_opts *o, dcd_solve_result *res, dcd_diags *d)
{
    solve_ctx c = {src, sets, nsets, in, nin, NULL, o, d, DCD_OK, 0, NAN, NAN};
    gsl_root_fsolver *s = NULL;
    int rc;
    memset(res, 0, sizeof *res);
    res->lo = o->lo;
    res->hi = o->hi;
    res->x = NAN;
    res->metric = NAN;

    /* The year must be one the scenario projects. */
    {
        dcd_results *r = NULL;
        if (!(c.xs = malloc(nin * sizeof *c.xs)))
            return DCD_ENOMEM;
        for (size_t k = 0; k < nin; k++)
            c.xs[k] = in[k].start;
        rc = dcd_input_eval(src, sets, nsets, in, c.xs, nin, NULL, &r, NULL);
        if (rc == DCD_OK && (o->year < r->start || o->year >= r->start + (int)r->ny)) {
            dcd_diags_add(d, NULL, 0, 0, "year %d is outside the scenario's years (%d-%d)", o->year,
                          r->start, r->start + (int)r->ny - 1);
            rc = DCD_EUSAGE;
        } else {
            rc = DCD_OK; /* a failure at the start value is not ours to report */
        }
        dcd_results_free(r);
        if (rc != DCD_OK)
            goto done;
    }
    if ((rc = bounds(&c, res, d)) != DCD_OK)
        goto done;
    double glo = res->f_lo - o->target, ghi = res->f_hi - o->target;
    if (res->f_lo == res->f_hi) {
        res->outcome = DCD_SOLVE_UNUSED;
        goto done;
    }
    if (fabs(glo) <= o->ftol || fabs(ghi) <= o->ftol) {
        int at_lo = fabs(glo) <= fabs(ghi);
        res->x = at_lo ? res->lo : res->hi;
        res->metric = at_lo ? res->f_lo : res->f_hi;
        res->outcome = DCD_SOLVE_FOUND;
        goto done;
    }
    if ((glo < 0) == (ghi < 0)) {
        res->outcome = DCD_SOLVE_NOT_BRACKETED;
        goto done;
    }

    s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s) {
        rc = DCD_ENOMEM;
        goto done;
    }
    gsl_function F = {residual, &c};
    if (gsl_root_fsolver_set(s, &F, res->lo, res->hi) != GSL_SUCCESS) {
        rc = c.status != DCD_OK ? c.status : DCD_EMODEL;
        goto done;
    }
    res->outcome = DCD_SOLVE_MAX_ITER;
    for (size_t it = 1; it <= o->max_iter; it++) {
        int st = gsl_root_fsolver_iterate(s);
        res->iterations = it;
        if (c.status != DCD_OK || st != GSL_SUCCESS) {
            rc = c.status != DCD_OK ? c.status : DCD_EMODEL;
            if (rc == DCD_EMODEL)
                dcd_diags_add(d, NULL, 0, 0, "the projection failed at %s = %.12g while solving",
                              in->path, gsl_root_fsolver_root(s));
            goto done;
        }
        double x = gsl_root_fsolver_root(s);
        double a = gsl_root_fsolver_x_lower(s), b = gsl_root_fsolver_x_upper(s);
        double m = c.last_m;
        if (x != c.last_x && (rc = metric_at(&c, x, &m, d)) != DCD_OK)
            goto done;
        res->x = x;
        res->metric = m;
        if (fabs(m - o->target) <= o->ftol ||
            gsl_root_test_interval(a, b, o->xtol, o->xtol) == GSL_SUCCESS) {
            res->outcome = DCD_SOLVE_FOUND;
            break;
        }
    }
done:
    res->evaluations = c.evals;
    gsl_root_fsolver_free(s);
    free(c.xs);
    return rc;
}
