/* sweep.c - the `sweep` analysis: a scenario over a grid of one or two
 * parameters (include/dcd_sweep.h). */
#include "dcd_sweep.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_format.h"
#include "dcd_output.h"
#include "dcd_schema.h"
#include "dcd_table.h"
#include "dcd_vec.h"

/* Renames "--set[K]" locations of the varied parameters to "--vary[N]". */
static void rename_vary(dcd_diags *d, size_t from, size_t nsets)
{
    for (size_t i = from; i < d->n; i++) {
        dcd_diag *g = &d->items[i];
        size_t k;
        char tail;
        if (!g->file || sscanf(g->file, "--set[%zu%c", &k, &tail) != 2 || tail != ']' || k <= nsets)
            continue;
        char name[32];
        snprintf(name, sizeof name, "--vary[%zu]", k - nsets);
        char *p = dcd_strdup(name);
        if (!p)
            continue;
        free(g->file);
        g->file = p;
    }
}

/* Appends point (I, J)'s rows of summary.csv (ONE) to the sweep's CSV, after
 * the header when it is the first point. */
static void add_csv(dcd_sweep *s, const dcd_sweep_opts *o, size_t p, const char *one)
{
    size_t i = p / s->n2, j = p % s->n2;
    const char *nl = strchr(one, '\n');
    if (p == 0) { /* the header: the parameters, then summary.csv's */
        for (size_t k = 0; k < o->nvary; k++) {
            dcd_csv_field(&s->csv, o->vary[k].path);
            dcd_buf_puts(&s->csv, ",");
        }
        dcd_buf_append(&s->csv, one, nl ? (size_t)(nl - one) + 1 : strlen(one));
    }
    for (const char *t = nl ? nl + 1 : ""; *t; t = nl ? nl + 1 : t + strlen(t)) {
        nl = strchr(t, '\n');
        for (size_t k = 0; k < o->nvary; k++)
            dcd_buf_printf(&s->csv, "%s,", o->vary[k].text[k ? j : i]);
        dcd_buf_append(&s->csv, t, nl ? (size_t)(nl - t) + 1 : strlen(t));
    }
}

/* Loads and projects point P and keeps its rows.  Returns as dcd_sweep_run. */
static int run_point(const dcd_source *src, const dcd_sweep_opts *o, dcd_sweep *s, size_t p,
                     const char **sets, dcd_buf *setbuf, dcd_buf *one, dcd_diags *d)
{
    size_t i = p / s->n2, j = p % s->n2;
    dcd_scenario *sc = NULL;
    dcd_results *r = NULL;
    for (size_t k = 0; k < o->nvary; k++) {
        dcd_buf_clear(&setbuf[k]);
        dcd_buf_printf(&setbuf[k], "%s=%s", o->vary[k].path, o->vary[k].text[k ? j : i]);
        if (setbuf[k].failed)
            return DCD_ENOMEM;
        sets[o->nsets + k] = dcd_buf_str(&setbuf[k]);
    }
    size_t before = d->n;
    int rc = dcd_source_load(src, sets, o->nsets + o->nvary, &sc, d);
    rename_vary(d, before, o->nsets);
    if (rc == DCD_OK)
        rc = dcd_project_new(sc, &r, d);
    if (rc == DCD_OK && p == 0 && (o->year < sc->start || o->year > sc->end))
        rc = DCD_EUSAGE;
    if (rc == DCD_OK) {
        s->start[p] = r->start;
        s->ny[p] = r->ny;
        s->y[p] = malloc((r->ny ? r->ny : 1) * sizeof **s->y);
        dcd_buf_clear(one);
        if (!s->y[p] || dcd_format_summary(r, one) != 0) {
            rc = DCD_ENOMEM;
        } else {
            for (size_t t = 0; t < r->ny; t++)
                s->y[p][t] = DCD_TOTAL(r, o->metric, t);
            add_csv(s, o, p, dcd_buf_str(one));
            if (s->csv.failed)
                rc = DCD_ENOMEM;
        }
    }
    dcd_results_free(r);
    if (p == 0 && (rc == DCD_OK || rc == DCD_EUSAGE))
        s->first = sc;
    else
        dcd_scenario_free(sc);
    return rc;
}

int dcd_sweep_run(const dcd_source *src, const dcd_sweep_opts *o, dcd_sweep *out, dcd_diags *d)
{
    dcd_buf setbuf[2] = {{0}}, one = {0};
    const char **sets = NULL;
    int rc = DCD_OK;
    memset(out, 0, sizeof *out);
    if (o->nvary < 1 || o->nvary > 2)
        return DCD_EUSAGE;
    out->n1 = o->vary[0].n;
    out->n2 = o->nvary > 1 ? o->vary[1].n : 1;
    if (out->n1 == 0 || out->n2 == 0 || out->n1 > DCD_SWEEP_MAX_POINTS / out->n2)
        return DCD_EUSAGE;
    out->npoints = out->n1 * out->n2;
    out->start = calloc(out->npoints, sizeof *out->start);
    out->ny = calloc(out->npoints, sizeof *out->ny);
    out->y = calloc(out->npoints, sizeof *out->y);
    sets = malloc((o->nsets + 2) * sizeof *sets);
    if (!out->start || !out->ny || !out->y || !sets) {
        rc = DCD_ENOMEM;
        goto done;
    }
    for (size_t k = 0; k < o->nsets; k++)
        sets[k] = o->sets[k];
    for (size_t p = 0; p < out->npoints; p++) {
        rc = run_point(src, o, out, p, sets, setbuf, &one, d);
        if (rc != DCD_OK) {
            out->failed_point = p;
            goto done;
        }
    }
done:
    free(sets);
    dcd_buf_free(&setbuf[0]);
    dcd_buf_free(&setbuf[1]);
    dcd_buf_free(&one);
    return rc;
}

void dcd_sweep_free(dcd_sweep *s)
{
    if (s->y)
        for (size_t p = 0; p < s->npoints; p++)
            free(s->y[p]);
    free(s->y);
    free(s->ny);
    free(s->start);
    dcd_buf_free(&s->csv);
    dcd_scenario_free(s->first);
    memset(s, 0, sizeof *s);
}

double dcd_sweep_value(const dcd_sweep *s, size_t p, int year)
{
    if (p >= s->npoints || !s->y || !s->y[p] || year < s->start[p] ||
        year >= s->start[p] + (int)s->ny[p])
        return NAN;
    return s->y[p][year - s->start[p]];
}

int dcd_sweep_any_value(const dcd_sweep *s)
{
    for (size_t p = 0; p < s->npoints; p++)
        for (size_t t = 0; s->y && s->y[p] && t < s->ny[p]; t++)
            if (!isnan(s->y[p][t]))
                return 1;
    return 0;
}

int dcd_sweep_no_effect(const dcd_sweep *s, const dcd_sweep_opts *o, size_t k)
{
    size_t n1 = s->n1, n2 = s->n2;
    size_t nk = k ? n2 : n1, nother = k ? n1 : n2;
    if (k >= o->nvary || nk < 2 || !s->y)
        return 0;
    for (size_t q = 0; q < nother; q++) {
        size_t p0 = k ? q * n2 : q;
        for (size_t a = 1; a < nk; a++) {
            size_t p = k ? q * n2 + a : a * n2 + q;
            if (s->ny[p] != s->ny[p0])
                return 0;
            for (size_t t = 0; t < s->ny[p]; t++) {
                double x = s->y[p][t], x0 = s->y[p0][t];
                if (!(x == x0 || (isnan(x) && isnan(x0))))
                    return 0;
            }
        }
    }
    return 1;
}

int dcd_sweep_point_name(const dcd_sweep_opts *o, const dcd_sweep *s, size_t p, dcd_buf *out)
{
    size_t i = p / s->n2, j = p % s->n2;
    dcd_buf_printf(out, "%s=%s", o->vary[0].path, o->vary[0].text[i]);
    if (o->nvary > 1)
        dcd_buf_printf(out, ", %s=%s", o->vary[1].path, o->vary[1].text[j]);
    return out->failed ? -1 : 0;
}

static const dcd_table_style SWEEP_STYLE = {"  ", 0, "  "};

/* The table of a one-parameter sweep. */
static void text_one(dcd_buf *b, const dcd_sweep *s, const dcd_sweep_opts *o, int dec)
{
    const dcd_vary *v = &o->vary[0];
    dcd_table_col cols[2] = {{v->path, 1, 8}, {dcd_total_info[o->metric].name, 1, 14}};
    /* DEC: significant digits of DCD_NUM_SIG. */
    dcd_table t;
    dcd_table_init(&t, cols, 2);
    for (size_t i = 0; i < s->n1; i++) {
        if (s->n1 > 40 && i == 20) {
            dcd_table_text(&t, "...");
            dcd_table_text(&t, "");
            i = s->n1 - 20;
        }
        dcd_table_text(&t, v->text[i]);
        dcd_table_num(&t, dcd_sweep_value(s, i, o->year), DCD_NUM_SIG, dec);
    }
    if (dcd_table_write(&t, DCD_OUT_TERM, &SWEEP_STYLE, b) != 0)
        b->failed = 1;
    dcd_table_free(&t);
}

/* The grid of a two-parameter sweep (at most 8 columns). */
static void text_grid(dcd_buf *b, const dcd_sweep *s, const dcd_sweep_opts *o, int dec)
{
    dcd_table_col cols[9] = {{"", 1, 10}};
    size_t nc = s->n2 < 8 ? s->n2 : 8;
    for (size_t j = 0; j < nc; j++)
        cols[j + 1] = (dcd_table_col){o->vary[1].text[j], 1, 10};
    dcd_table t;
    dcd_table_init(&t, cols, nc + 1);
    for (size_t i = 0; i < s->n1; i++) {
        dcd_table_text(&t, o->vary[0].text[i]);
        for (size_t j = 0; j < nc; j++)
            dcd_table_num(&t, dcd_sweep_value(s, i * s->n2 + j, o->year), DCD_NUM_SIG, dec);
    }
    if (dcd_table_write(&t, DCD_OUT_TERM, &SWEEP_STYLE, b) != 0)
        b->failed = 1;
    dcd_table_free(&t);
}

/* Appends a line naming varied parameter V as the schema describes it:
 * "  PATH: MEANING (UNIT)", or "  PATH: in UNIT" when the meaning is a
 * formula written for the docs; nothing for a path without either. */
static void describe(dcd_buf *b, const dcd_vary *v)
{
    const dcd_key_info *k = dcd_schema_lookup(v->path);
    int unit = k && k->unit && *k->unit;
    int meaning = k && k->meaning && *k->meaning && !strchr(k->meaning, '`');
    if (!unit && !meaning)
        return;
    dcd_buf_puts(b, "  ");
    dcd_fmt_term_text(b, v->path, strlen(v->path));
    if (meaning) {
        dcd_buf_puts(b, ": ");
        dcd_fmt_term_text(b, k->meaning, strlen(k->meaning));
        if (unit)
            dcd_buf_printf(b, " (%s)", k->unit);
    } else {
        dcd_buf_printf(b, ": in %s", k->unit);
    }
    dcd_buf_puts(b, "\n");
}

int dcd_sweep_format_text(const dcd_sweep *s, const dcd_sweep_opts *o, dcd_buf *b)
{
    const dcd_metric_info *mi = &dcd_total_info[o->metric];
    /* Values to DCD_SIG_DIGITS significant digits (dcd_format.h). */
    int dec = DCD_SIG_DIGITS;
    const char *name = s->first ? s->first->name : "";
    dcd_fmt_term_text(b, name, strlen(name));
    dcd_buf_printf(b, ": %s (%s: %s) in %d\n", mi->name, mi->unit, mi->label, o->year);
    for (size_t k = 0; k < o->nvary; k++)
        describe(b, &o->vary[k]);
    if (o->nvary == 1) {
        text_one(b, s, o, dec);
        return b->failed ? -1 : 0;
    }
    if (s->n1 > 40 || s->n2 > 8) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t p = 0; p < s->npoints; p++) {
            double x = dcd_sweep_value(s, p, o->year);
            if (!isnan(x)) {
                lo = x < lo ? x : lo;
                hi = x > hi ? x : hi;
            }
        }
        dcd_buf_printf(b, "  %zu x %zu points; from ", s->n1, s->n2);
        dcd_fmt_num(b, lo, DCD_NUM_SIG, dec, DCD_OUT_TERM);
        dcd_buf_puts(b, " to ");
        dcd_fmt_num(b, hi, DCD_NUM_SIG, dec, DCD_OUT_TERM);
        dcd_buf_puts(b, " (the heat map and sweep.csv have them all)\n");
        return b->failed ? -1 : 0;
    }
    dcd_buf_puts(b, "  rows: ");
    dcd_fmt_term_text(b, o->vary[0].path, strlen(o->vary[0].path));
    dcd_buf_puts(b, "; columns: ");
    dcd_fmt_term_text(b, o->vary[1].path, strlen(o->vary[1].path));
    dcd_buf_puts(b, "\n");
    text_grid(b, s, o, dec);
    return b->failed ? -1 : 0;
}

int dcd_sweep_scenario_yaml(const dcd_source *src, const dcd_sweep_opts *o, const char *version,
                            dcd_buf *out, dcd_diags *d)
{
    dcd_scenario *sc = NULL;
    int rc = dcd_source_load(src, o->sets, o->nsets, &sc, d);
    if (rc != DCD_OK)
        return rc;
    dcd_buf_puts(out, "# Sweep: the scenario every point of sweep.csv starts from, with the\n"
                      "# --set below applied; each point then sets its varied values.\n");
    for (size_t k = 0; k < o->nsets; k++) {
        dcd_buf_puts(out, "# --set ");
        dcd_fmt_term_text(out, o->sets[k], strlen(o->sets[k]));
        dcd_buf_puts(out, "\n");
    }
    if (o->nsets == 0)
        dcd_buf_puts(out, "# (no --set)\n");
    for (size_t k = 0; k < o->nvary; k++) {
        const dcd_key_info *ki = dcd_schema_lookup(o->vary[k].path);
        dcd_buf_puts(out, "# --vary ");
        dcd_fmt_term_text(out, o->vary[k].path, strlen(o->vary[k].path));
        dcd_buf_printf(out, ": %zu values from %s to %s", o->vary[k].n, o->vary[k].text[0],
                       o->vary[k].text[o->vary[k].n - 1]);
        if (ki && ki->unit && *ki->unit)
            dcd_buf_printf(out, " (%s)", ki->unit);
        dcd_buf_puts(out, "\n");
    }
    rc = dcd_scenario_emit(sc, version, out) == 0 ? DCD_OK : DCD_ENOMEM;
    dcd_scenario_free(sc);
    return rc;
}
