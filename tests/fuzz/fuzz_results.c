/* fuzz_results.c - libFuzzer harness over the saved-results reader behind
 * `dcdemand plot` and the chart-script writers.
 *
 * Build and run with `make fuzz-results` (clang, -fsanitize=fuzzer,address,
 * undefined; a bounded run over tests/fuzz/corpus_results/).
 *
 * Each input is the text of summary.csv, a form feed, and the text of
 * segments.csv.  They are parsed from memory (dcd_results_parse); every
 * diagnostic must have a 1-based position or none.  Results that parse are
 * drawn as scripts, never run: every run chart (the segment names, which
 * come from the input, go through the $TEXT datablock) and every overlay
 * chart; the $TEXT datablock of each must hold exactly its expected number
 * of lines, so that no input text can end it early and reach gnuplot as a
 * command.  A crash, a sanitizer report, a leak, a hang or an abort is a bug.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "dcd_plot.h"
#include "dcd_plot_overlay.h"
#include "dcd_results_read.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gsl_set_error_handler_off();
    return 0;
}

/* Number of lines of the $TEXT datablock as gnuplot reads it, or -1 when
 * the block is not closed by the program's own end marker: gnuplot ends a
 * datablock at the first line that starts with the marker, so that line
 * must be exactly the marker, and a text line may never be the marker (the
 * exact-marker lines must number the datablocks opened with it). */
static long text_lines(const char *script)
{
    char open[64];
    snprintf(open, sizeof open, "$TEXT << %s\n", dcd_plot_text_marker);
    const char *p = NULL;
    size_t mlen = strlen(dcd_plot_text_marker), olen = strlen(open);
    long opened = 0, closed = 0;
    for (const char *q = script; *q;) { /* whole lines only */
        const char *nl = strchr(q, '\n');
        size_t len = nl ? (size_t)(nl - q) : strlen(q);
        if (len + 1 == olen && strncmp(q, open, olen) == 0) {
            opened++;
            if (!p)
                p = q;
        }
        if (len == mlen && strncmp(q, dcd_plot_text_marker, mlen) == 0)
            closed++;
        q += len + (nl != NULL);
    }
    if (!p)
        return -1;
    if (closed != opened)
        return -1;
    p += strlen(open);
    for (long n = 0; *p; n++) {
        const char *nl = strchr(p, '\n');
        if (!nl)
            return -1;
        if (strncmp(p, dcd_plot_text_marker, mlen) == 0)
            return (size_t)(nl - p) == mlen ? n : -1;
        p = nl + 1;
    }
    return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data, *ff = memchr(text, '\f', size);
    size_t slen = ff ? (size_t)(ff - text) : size;
    const char *seg = ff ? ff + 1 : NULL;
    size_t glen = ff ? size - slen - 1 : 0;
    dcd_diags d = {0};
    dcd_results *r = NULL;
    int rc = dcd_results_parse(text, slen, seg, glen, "fuzz", NULL, &r, &d);
    for (size_t i = 0; i < d.n; i++)
        if (d.items[i].line < 0 || d.items[i].column < 0)
            abort();
    if ((rc == DCD_OK) != (r != NULL))
        abort();
    dcd_diags_free(&d);
    if (!r)
        return 0;

    const char *sources[1] = {r->nseg ? r->seg_name[0] : "none"};
    dcd_plot_meta meta = {r->nseg ? r->seg_name[r->nseg - 1] : "fuzz", sources[0], sources, 1,
                          NULL, 0, NULL, 0};
    dcd_plot_opts o;
    dcd_plot_opts_default(&o);
    dcd_buf b = {0};
    for (int c = 0; c < DCD_NCHART; c++) {
        dcd_buf_clear(&b);
        if (dcd_plot_script(&meta, r, c, &o, &b) != DCD_OK)
            abort();
        if (text_lines(b.data) < 0)
            abort(); /* the $TEXT block ended early or late */
    }
    dcd_overlay_series s[2] = {{sources[0], meta.name, r, NULL, 0}, {"b", NULL, r, NULL, 0}};
    for (int k = 0; k < DCD_OVERLAY_NCHART; k++) {
        dcd_buf_clear(&b);
        if (dcd_overlay_script(s, 2, k, &o, 0, &b) != DCD_OK)
            abort();
        if (text_lines(b.data) < 0)
            abort();
    }
    dcd_buf_free(&b);
    dcd_results_free(r);
    return 0;
}
