/* series.c - interpolation of time-varying inputs (dcd_series.h). */
#include "dcd_series.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_interp.h>
#include <stdlib.h>
#include <string.h>

struct dcd_series_ws {
    size_t max_points;
    gsl_interp **steffen; /* steffen[n]: an interpolator for n points, n >= 3 */
    gsl_interp_accel *acc;
};

int dcd_interp_from_name(const char *name)
{
    if (strcmp(name, "linear") == 0)
        return DCD_INTERP_LINEAR;
    if (strcmp(name, "step") == 0)
        return DCD_INTERP_STEP;
    if (strcmp(name, "steffen") == 0)
        return DCD_INTERP_STEFFEN;
    return -1;
}

const char *dcd_interp_name(dcd_interp m)
{
    switch (m) {
    case DCD_INTERP_STEP: return "step";
    case DCD_INTERP_STEFFEN: return "steffen";
    default: return "linear";
    }
}

int dcd_series_const(dcd_series *s, double v)
{
    s->year = malloc(sizeof *s->year);
    s->value = malloc(sizeof *s->value);
    if (!s->year || !s->value) {
        dcd_series_free(s);
        return -1;
    }
    s->n = 1;
    s->year[0] = 0;
    s->value[0] = v;
    s->interp = DCD_INTERP_LINEAR;
    return 0;
}

void dcd_series_free(dcd_series *s)
{
    free(s->year);
    free(s->value);
    s->year = s->value = NULL;
    s->n = 0;
}

int dcd_series_copy(dcd_series *dst, const dcd_series *src)
{
    *dst = *src;
    dst->year = dst->value = NULL;
    dst->n = 0;
    if (src->n == 0)
        return 0;
    dst->year = malloc(src->n * sizeof *dst->year);
    dst->value = malloc(src->n * sizeof *dst->value);
    if (!dst->year || !dst->value) {
        dcd_series_free(dst);
        return -1;
    }
    memcpy(dst->year, src->year, src->n * sizeof *dst->year);
    memcpy(dst->value, src->value, src->n * sizeof *dst->value);
    dst->n = src->n;
    return 0;
}

dcd_series_ws *dcd_series_ws_alloc(size_t max_points)
{
    dcd_series_ws *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->max_points = max_points;
    if (max_points >= 3) {
        /* gsl_interp objects are sized at allocation: keep one per size so
         * that sampling never allocates. */
        w->steffen = calloc(max_points + 1, sizeof *w->steffen);
        w->acc = gsl_interp_accel_alloc();
        if (!w->steffen || !w->acc)
            goto fail;
        for (size_t n = 3; n <= max_points; n++)
            if (!(w->steffen[n] = gsl_interp_alloc(gsl_interp_steffen, n)))
                goto fail;
    }
    return w;
fail:
    dcd_series_ws_free(w);
    return NULL;
}

void dcd_series_ws_free(dcd_series_ws *w)
{
    if (!w)
        return;
    if (w->steffen) {
        for (size_t n = 3; n <= w->max_points; n++)
            if (w->steffen[n])
                gsl_interp_free(w->steffen[n]);
        free(w->steffen);
    }
    if (w->acc)
        gsl_interp_accel_free(w->acc);
    free(w);
}

/* Linear or step value at X given points (xs, ys), flat outside. */
static double piecewise(const dcd_series *s, double x, size_t *hint)
{
    size_t n = s->n;
    if (x <= s->year[0])
        return s->value[0];
    if (x >= s->year[n - 1])
        return s->value[n - 1];
    size_t i = *hint;
    if (i >= n - 1 || s->year[i] > x)
        i = 0;
    while (i + 1 < n && s->year[i + 1] <= x)
        i++;
    *hint = i;
    if (s->year[i] == x || s->interp == DCD_INTERP_STEP)
        return s->value[i];
    double f = (x - s->year[i]) / (s->year[i + 1] - s->year[i]);
    return s->value[i] + f * (s->value[i + 1] - s->value[i]);
}

int dcd_series_sample(const dcd_series *s, int first, size_t ny, double fallback,
                      dcd_series_ws *w, double *out)
{
    if (s->n == 0 || s->n == 1) {
        double v = s->n ? s->value[0] : fallback;
        for (size_t i = 0; i < ny; i++)
            out[i] = v;
        return GSL_SUCCESS;
    }
    int steffen = s->interp == DCD_INTERP_STEFFEN && s->n >= 3;
    gsl_interp *it = NULL;
    if (steffen) {
        if (!w || !w->steffen || s->n > w->max_points)
            return GSL_EINVAL;
        it = w->steffen[s->n];
        int rc = gsl_interp_init(it, s->year, s->value, s->n);
        if (rc != GSL_SUCCESS)
            return rc;
        gsl_interp_accel_reset(w->acc);
    }
    size_t hint = 0;
    for (size_t i = 0; i < ny; i++) {
        double x = first + (double)i;
        if (!steffen || x <= s->year[0] || x >= s->year[s->n - 1]) {
            out[i] = piecewise(s, x, &hint);
        } else {
            int rc = gsl_interp_eval_e(it, s->year, s->value, x, w->acc, &out[i]);
            if (rc != GSL_SUCCESS)
                return rc;
        }
    }
    return GSL_SUCCESS;
}

double dcd_series_at(const dcd_series *s, double year)
{
    if (s->n == 0)
        return 0;
    if (s->n == 1)
        return s->value[0];
    if (s->interp == DCD_INTERP_STEFFEN && s->n >= 3 && year > s->year[0] &&
        year < s->year[s->n - 1]) {
        double v = 0;
        gsl_interp *it = gsl_interp_alloc(gsl_interp_steffen, s->n);
        if (!it)
            return 0;
        if (gsl_interp_init(it, s->year, s->value, s->n) == GSL_SUCCESS)
            gsl_interp_eval_e(it, s->year, s->value, year, NULL, &v);
        gsl_interp_free(it);
        return v;
    }
    size_t hint = 0;
    return piecewise(s, year, &hint);
}
