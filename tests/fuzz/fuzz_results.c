/* fuzz_results.c - libFuzzer harness over the saved-results reader behind
 * `dcdemand plot` and the chart-script writers.
 *
 * Built and run by `make fuzz` / `make fuzz-replay` (clang, -fsanitize=fuzzer,
 * address, undefined; seeds in tests/fuzz/corpus_results/).
 *
 * Each input is the text of summary.csv, a form feed, and the text of
 * segments.csv.  They are parsed from memory (dcd_results_parse); every
 * diagnostic must have a 1-based position or none.  Results that parse are
 * drawn as scripts, never run: every run chart (the segment names, which
 * come from the input, go through the $TEXT datablock) and every overlay
 * chart; the $TEXT datablock of each must be closed by the program's own
 * end marker (text_lines(), fuzz_script.h), so that no input text can end
 * it early and reach gnuplot as a command.  A crash, a sanitizer report, a leak, a hang or an abort is a bug.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "dcd_plot.h"
#include "dcd_plot_overlay.h"
#include "dcd_results_read.h"
#include "fuzz_script.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gsl_set_error_handler_off();
    return 0;
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
