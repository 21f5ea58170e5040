/* vary.c - the --vary parameter lists of `dcdemand sweep` (dcd_sweep.h). */
#include "dcd_sweep.h"

#include "dcd_vec.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- sweep grids ----------------------------------------------------------------- */

/* Parses the whole of T as a finite number. */
static int parse_number(const char *t, double *out)
{
    if (!*t || isspace((unsigned char)*t))
        return -1;
    char *end;
    errno = 0;
    double x = strtod(t, &end);
    if (*end || errno == ERANGE || !isfinite(x))
        return -1;
    /* strtod also reads "inf", "nan" and hexadecimal: not scenario numbers. */
    for (const char *p = t; *p; p++)
        if (!strchr("0123456789+-.eE", *p))
            return -1;
    *out = x;
    return 0;
}

void dcd_vary_free(dcd_vary *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n; i++)
        free(v->text[i]);
    free(v->text);
    free(v->value);
    free(v->path);
    memset(v, 0, sizeof *v);
}

/* Parses LEN bytes at S as a finite number. */
static int parse_span(const char *s, size_t len, double *out)
{
    char tmp[64];
    if (len == 0 || len >= sizeof tmp)
        return -1;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    return parse_number(tmp, out);
}

int dcd_vary_parse(const char *spec, dcd_vary *v, char *why, size_t whylen)
{
    memset(v, 0, sizeof *v);
    const char *eq = strchr(spec, '=');
    if (!eq || eq == spec) {
        snprintf(why, whylen, "--vary '%s': expected PATH=FROM:TO:STEP or PATH=V1,V2,...", spec);
        return DCD_EUSAGE;
    }
    const char *vals = eq + 1;
    size_t plen = (size_t)(eq - spec);
    for (size_t i = 0; i < plen; i++)
        if (isspace((unsigned char)spec[i]) ||
            (i + 1 < plen && spec[i] == '.' && spec[i + 1] == '.') || spec[0] == '.' ||
            spec[plen - 1] == '.') {
            snprintf(why, whylen,
                     "--vary '%s': '%.*s' is not a path such as segments.ai.utilisation", spec,
                     (int)plen, spec);
            return DCD_EUSAGE;
        }
    double *value = NULL;
    size_t n = 0;
    if (strchr(vals, ':')) {
        const char *c1 = strchr(vals, ':');
        const char *c2 = strchr(c1 + 1, ':');
        double from, to, step;
        if (!c2 || strchr(c2 + 1, ':') || parse_span(vals, (size_t)(c1 - vals), &from) != 0 ||
            parse_span(c1 + 1, (size_t)(c2 - c1 - 1), &to) != 0 ||
            parse_span(c2 + 1, strlen(c2 + 1), &step) != 0) {
            snprintf(why, whylen,
                     "--vary '%s': a range is FROM:TO:STEP, three numbers, for "
                     "example 0.3:0.9:0.1",
                     spec);
            return DCD_EUSAGE;
        }
        double q = 0;
        if (to != from) {
            if (step == 0) {
                snprintf(why, whylen, "--vary '%s': STEP must not be 0", spec);
                return DCD_EUSAGE;
            }
            q = (to - from) / step;
            if (q < 0) {
                snprintf(why, whylen, "--vary '%s': STEP %g goes away from TO; use %g", spec, step,
                         -step);
                return DCD_EUSAGE;
            }
        }
        if (!isfinite(q) || q + 1 > (double)DCD_VARY_MAX_VALUES) {
            snprintf(why, whylen, "--vary '%s': more than %d values", spec, DCD_VARY_MAX_VALUES);
            return DCD_EUSAGE;
        }
        n = (size_t)floor(q + 1e-9) + 1;
        value = malloc(n * sizeof *value);
        if (!value)
            return DCD_ENOMEM;
        for (size_t i = 0; i < n; i++)
            value[i] = from + (double)i * step;
        if (n > 1 && fabs(value[n - 1] - to) <= 1e-9 * fabs(step))
            value[n - 1] = to;
    } else {
        n = 1;
        for (const char *p = vals; *p; p++)
            n += *p == ',';
        if (n > DCD_VARY_MAX_VALUES) {
            snprintf(why, whylen, "--vary '%.*s=...': more than %d values", (int)plen, spec,
                     DCD_VARY_MAX_VALUES);
            return DCD_EUSAGE;
        }
        value = malloc(n * sizeof *value);
        if (!value)
            return DCD_ENOMEM;
        const char *p = vals;
        for (size_t i = 0; i < n; i++) {
            size_t len = strcspn(p, ",");
            if (parse_span(p, len, &value[i]) != 0) {
                snprintf(why, whylen,
                         "--vary '%.*s=...': '%.*s' is not a number; give numbers "
                         "separated by commas, or FROM:TO:STEP",
                         (int)plen, spec, (int)len, p);
                free(value);
                return DCD_EUSAGE;
            }
            p += len + (p[len] == ',');
        }
    }

    v->path = malloc(plen + 1);
    v->text = calloc(n, sizeof *v->text);
    v->value = value;
    if (!v->path || !v->text) {
        dcd_vary_free(v);
        return DCD_ENOMEM;
    }
    memcpy(v->path, spec, plen);
    v->path[plen] = '\0';
    dcd_buf t = {0};
    for (size_t i = 0; i < n; i++) {
        dcd_buf_clear(&t);
        dcd_buf_num(&t, value[i]);
        if (t.failed || !(v->text[i] = dcd_strdup(dcd_buf_str(&t)))) {
            v->n = i;
            dcd_buf_free(&t);
            dcd_vary_free(v);
            return DCD_ENOMEM;
        }
        value[i] = strtod(v->text[i], NULL);
        v->n = i + 1;
        for (size_t k = 0; k < i; k++)
            if (strcmp(v->text[k], v->text[i]) == 0) {
                snprintf(why, whylen, "--vary '%s': the value %s comes twice%s", spec, v->text[i],
                         strchr(vals, ':') ? " (STEP too small for 12 significant digits)" : "");
                dcd_buf_free(&t);
                dcd_vary_free(v);
                return DCD_EUSAGE;
            }
    }
    dcd_buf_free(&t);
    return DCD_OK;
}
