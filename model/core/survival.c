/* survival.c - survival tables of fleet segments under the timing
 * conventions (dcd_kernel.h, dcd_survival_tables(); docs/model.md,
 * "Timing conventions" and "Installed base"). */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <string.h>

#include "dcd_survival.h"

/* Q(s, z), the upper regularised incomplete gamma function, clamped to
 * [0, 1] (0 for arguments beyond GSL's range). */
static double gamma_q(double s, double z)
{
    gsl_sf_result r;
    if (z <= 0)
        return 1;
    if (gsl_sf_gamma_inc_Q_e(s, z, &r) != GSL_SUCCESS || !(r.val >= 0))
        return 0;
    return r.val > 1 ? 1 : r.val;
}

/* The integral of S over [A, B] (0 <= A <= B): years of service of one unit
 * between ages A and B.  Computed from the upper tail so that old ages keep
 * their precision. */
static double survival_between(const dcd_survival *sv, double a, double b)
{
    double v = 0;
    switch (sv->kind) {
    case DCD_SURV_FIXED: v = fmin(b, sv->years) - fmin(a, sv->years); break;
    case DCD_SURV_EXPONENTIAL: v = sv->years * (exp(-a / sv->years) - exp(-b / sv->years)); break;
    case DCD_SURV_WEIBULL: {
        /* int_0^x exp(-(u/l)^k) du = l Gamma(1 + 1/k) P(1/k, (x/l)^k) */
        double l = sv->scale, k = sv->shape, gk = tgamma(1 + 1 / k);
        double za = pow(a / l, k), zb = pow(b / l, k);
        v = l * gk * (gamma_q(1 / k, za) - gamma_q(1 / k, zb));
        /* below shape 1/2 the incomplete gamma function of 1/k > 2 loses its
         * digits in the difference: Simpson's rule on the window instead */
        if (k < 0.5 || !isfinite(v)) {
            int n = 1024;
            double h = (b - a) / n, sum = dcd_survival_at(sv, a) + dcd_survival_at(sv, b);
            for (int i = 1; i < n; i++)
                sum += (i % 2 ? 4 : 2) * dcd_survival_at(sv, a + i * h);
            v = sum * h / 3;
        }
        break;
    }
    }
    return v > 0 ? v : 0;
}

double dcd_survival_at(const dcd_survival *sv, double age)
{
    switch (sv->kind) {
    case DCD_SURV_FIXED: return age < sv->years ? 1.0 : 0.0;
    case DCD_SURV_EXPONENTIAL: return exp(-age / sv->years);
    case DCD_SURV_WEIBULL: return gsl_cdf_weibull_Q(age, sv->scale, sv->shape);
    }
    return 0.0;
}

double dcd_survival_integral(const dcd_survival *sv, double x)
{
    return x > 0 ? survival_between(sv, 0, x) : 0;
}

/* Energy weight W(a) and end-of-year share E(a) of one unit at table age A
 * (A = t - v: 0 in the year it was shipped), under the survival and
 * shipping conventions of TM (HALF: the shipping year counted at half). */
static void unit_weights(const dcd_survival *sv, int mean, int half, double a, double *w, double *e)
{
    if (!mean) { /* S at whole ages; retirements at the start of an age year */
        double s = dcd_survival_at(sv, a);
        *w = (half && a == 0) ? 0.5 * s : s;
        *e = s;
        return;
    }
    /* the in-service time within the year, and survival at the year's end:
     * shipped at the start of the year (full) or in its middle (half) */
    double lo = half ? a - 0.5 : a, hi = lo + 1;
    *w = survival_between(sv, lo > 0 ? lo : 0, hi);
    *e = dcd_survival_at(sv, hi);
}

void dcd_survival_tables(const dcd_timing *tm, const dcd_survival *sv, const dcd_survival *base,
                         double age_min, double age_max, size_t ny, double *out)
{
    double *W = out, *WB = out + ny, *E = out + 2 * ny, *EB = out + 3 * ny;
    int mean = tm && tm->survival_mean, half = tm && tm->shipping_half;
    for (size_t a = 0; a < ny; a++)
        unit_weights(sv, mean, half, (double)a, &W[a], &E[a]);
    memset(WB, 0, ny * sizeof *WB);
    memset(EB, 0, ny * sizeof *EB);
    if (!base)
        return;
    /* the base: units alive at the start of the first year, of whole ages
     * age_min..age_max in equal shares, each installed before that year
     * (counted in full) and surviving with S(alpha + tau) / S(alpha) */
    int a0 = (int)age_min, a1 = (int)age_max, n = 0;
    for (int al = a0; al <= a1; al++) {
        double s0 = dcd_survival_at(base, al);
        if (!(s0 > 0))
            continue; /* no unit of this age is alive */
        n++;
        for (size_t t = 0; t < ny; t++) {
            double w, e;
            unit_weights(base, mean, 0, al + (double)t, &w, &e);
            WB[t] += w / s0;
            EB[t] += e / s0;
        }
    }
    for (size_t t = 0; n > 1 && t < ny; t++) {
        WB[t] /= n;
        EB[t] /= n;
    }
}
