/* fuzz_vary.c - libFuzzer harness over the `--vary PATH=RANGE` parser of
 * `dcdemand sweep` (dcd_vary_parse, dcd_sweep.h) and the sweep chart
 * scripts fed by it (dcd_sweep_script, dcd_plot_overlay.h).
 *
 * Built and run by `make fuzz` (corpus in tests/fuzz/corpus_vary/).  The
 * input is lines: the first --vary, the second (empty: one parameter), the
 * scenario name, its title, then bytes that pick the metric, the year, the
 * years of each point and which values are missing.
 *
 * Parser: success gives 1..DCD_VARY_MAX_VALUES finite, distinct values whose
 * text reads back as the value; failure gives a message and an empty V.
 * Charts (when both parse and the grid is small): every script the sweep
 * draws, built in memory, must (1) hold a $TEXT datablock of exactly 7 lines
 * (no text can end it early and reach gnuplot as a command) and (2) be,
 * outside its datablocks, byte for byte the script built with the name,
 * title and paths replaced by fixed placeholders: no fuzzed byte reaches a
 * line gnuplot reads as a command.  One input in four also writes the
 * scripts with scripts_only into a sandbox folder (no gnuplot is run), which
 * must then hold only .gp files.  A crash, a sanitizer report, a leak or an
 * abort is a finding.
 */
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "dcd_compare.h"
#include "dcd_plot_overlay.h"
#include "dcd_sweep.h"
#include "fuzz_sandbox.h"
#include "fuzz_script.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_POINTS 400
#define MAX_YEARS 8

static char sandbox[200];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gsl_set_error_handler_off();
    snprintf(sandbox, sizeof sandbox, "%s", fuzz_sandbox_make("vary"));
    return 0;
}

/* Splits the next line off *P (up to END) into a new string. */
static char *next_line(const char **p, const char *end)
{
    const char *s = *p;
    const char *nl = s < end ? memchr(s, '\n', (size_t)(end - s)) : NULL;
    const char *e = nl ? nl : end;
    size_t len = s < end ? (size_t)(e - s) : 0;
    char *out = malloc(len + 1);
    if (!out)
        abort();
    if (len)
        memcpy(out, s, len);
    out[len] = '\0';
    *p = nl ? nl + 1 : end;
    return out;
}

static void check_vary(const char *spec, const dcd_vary *v, int rc, const char *why)
{
    if (rc != DCD_OK) {
        if (rc != DCD_EUSAGE && rc != DCD_ENOMEM)
            abort();
        if (v->n || v->path || v->value || v->text || (rc == DCD_EUSAGE && !why[0]))
            abort(); /* refused: a message and nothing kept */
        return;
    }
    if (v->n < 1 || v->n > DCD_VARY_MAX_VALUES || !v->path || !v->path[0] ||
        strncmp(spec, v->path, strlen(v->path)) != 0)
        abort();
    for (size_t i = 0; i < v->n; i++) {
        if (!isfinite(v->value[i]) || !v->text[i] || strtod(v->text[i], NULL) != v->value[i])
            abort();
        if (i < 50)
            for (size_t k = 0; k < i; k++)
                if (strcmp(v->text[k], v->text[i]) == 0)
                    abort(); /* a value twice */
    }
}

static void check_folder(void)
{
    DIR *d = opendir(sandbox);
    if (!d)
        abort();
    struct dirent *e;
    char path[512];
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 3, ".gp") != 0)
            abort(); /* only scripts: no picture, no temporary file */
        snprintf(path, sizeof path, "%s/%s", sandbox, e->d_name);
        if (unlink(path) != 0)
            abort();
    }
    closedir(d);
}

static void draw(const dcd_vary *vary, size_t nvary, const char *name, const char *title,
                 const uint8_t *tail, size_t ntail)
{
    size_t np = vary[0].n * (nvary > 1 ? vary[1].n : 1);
    dcd_chart_axis axes[2], ref_axes[2];
    dcd_sweep_chart_axes(vary, nvary, axes);
    memcpy(ref_axes, axes, sizeof axes);
    ref_axes[0].path = "P";
    ref_axes[1].path = "Q";
    int start[MAX_POINTS];
    size_t ny[MAX_POINTS];
    double ybuf[MAX_POINTS][MAX_YEARS];
    const double *y[MAX_POINTS];
    size_t t = 2;
    for (size_t p = 0; p < np; p++) {
        uint8_t b = ntail ? tail[(t++) % ntail] : 0;
        start[p] = 2020 + (b & 3);
        ny[p] = 1 + (size_t)((b >> 2) % MAX_YEARS);
        for (size_t i = 0; i < ny[p]; i++) {
            uint8_t c = ntail ? tail[(t++) % ntail] : (uint8_t)i;
            double v1 = vary[0].value[p / (nvary > 1 ? vary[1].n : 1)];
            double v2 = nvary > 1 ? vary[1].value[p % vary[1].n] : 0;
            ybuf[p][i] = (c & 0xF0) == 0xF0 ? NAN : v1 * (double)(i + 1) + v2 + c / 16.0;
        }
        y[p] = (ntail && tail[p % ntail] == 0xFF) ? NULL : ybuf[p];
    }
    dcd_sweep_chart s = {name,
                         title,
                         ntail ? tail[0] % DCD_NTOTAL : 0,
                         2020 + (ntail > 1 ? tail[1] % 12 : 2),
                         axes,
                         nvary,
                         start,
                         ny,
                         y};
    dcd_sweep_chart ref = s;
    ref.name = "N";
    ref.title = title ? "T" : NULL;
    ref.axis = ref_axes;
    dcd_plot_opts o;
    dcd_plot_opts_default(&o);
    dcd_buf b = {0}, rb = {0}, c1 = {0}, c2 = {0};
    for (int which = 0; which < 3; which++) {
        dcd_buf_clear(&b);
        int rc = dcd_sweep_script(&s, which, &o, &b);
        if ((which == 2) != (nvary == 2)) {
            if (rc != DCD_EUSAGE)
                abort();
            continue;
        }
        if (rc != DCD_OK || text_lines(dcd_buf_str(&b)) < 0)
            abort(); /* the $TEXT block ended early or late */
        dcd_buf_clear(&rb);
        if (dcd_sweep_script(&ref, which, &o, &rb) != DCD_OK)
            abort();
        dcd_buf_clear(&c1);
        dcd_buf_clear(&c2);
        command_shape(dcd_buf_str(&b), &c1);
        command_shape(dcd_buf_str(&rb), &c2);
        if (c1.len != c2.len || memcmp(c1.data, c2.data, c1.len) != 0)
            abort(); /* fuzzed text outside the datablocks */
    }
    if (ntail > 2 && (tail[2] & 3) == 0) {
        o.scripts_only = 1;
        dcd_diags d = {0};
        if (dcd_sweep_draw(&s, sandbox, &o, &d) != DCD_OK)
            abort();
        dcd_diags_free(&d);
        check_folder();
    }
    dcd_buf_free(&b);
    dcd_buf_free(&rb);
    dcd_buf_free(&c1);
    dcd_buf_free(&c2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    char *spec[2], *name, *title;
    spec[0] = next_line(&p, end);
    spec[1] = next_line(&p, end);
    name = next_line(&p, end);
    title = next_line(&p, end);
    dcd_vary v[2];
    memset(v, 0, sizeof v);
    char why[512];
    size_t nvary = spec[1][0] ? 2 : 1;
    int ok = 1;
    for (size_t k = 0; k < nvary; k++) {
        why[0] = '\0';
        int rc = dcd_vary_parse(spec[k], &v[k], why, sizeof why);
        check_vary(spec[k], &v[k], rc, why);
        ok = ok && rc == DCD_OK;
    }
    if (ok && v[0].n * (nvary > 1 ? v[1].n : 1) <= MAX_POINTS)
        draw(v, nvary, name, title[0] ? title : NULL, (const uint8_t *)p, (size_t)(end - p));
    for (size_t k = 0; k < 2; k++) {
        dcd_vary_free(&v[k]);
        dcd_vary_free(&v[k]); /* twice: freeing leaves an empty V */
        free(spec[k]);
    }
    free(name);
    free(title);
    return 0;
}
