/* fuzz_relayout.c - libFuzzer harness over the layout section a redraw at
 * another size reads back (dcd_chart_relayout, dcd_chart_frame.h;
 * model/charts/chart_layout.c): a saved chart script is input to `dcdemand
 * plot --size`, and may have been edited.
 *
 * Each input is two bytes choosing a picture size (320 + 30 b0 by 240 + 30
 * b1 pixels) and a script body (up to its first NUL).  Checks: the status
 * is DCD_OK, DCD_EINPUT with a 1-based line, or DCD_ENOMEM; a body laid out
 * again is laid out again to the same bytes at the same size (idempotent),
 * and laid out at 700x480 then at the chosen size gives what laying it out
 * at the chosen size at once gives (a redraw does not depend on the sizes
 * before it); the $TEXT datablock the program wrote is closed by its own
 * marker.  A crash, a sanitizer report, a leak or an abort is a finding.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "dcd_chart_frame.h"
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
    if (size < 2)
        return 0;
    int w = 320 + 30 * data[0], h = 240 + 30 * data[1];
    char *body = malloc(size - 1);
    if (!body)
        return 0;
    memcpy(body, data + 2, size - 2);
    body[size - 2] = '\0';
    dcd_buf a = {0}, b = {0}, small = {0}, c = {0};
    int line = 0;
    int rc = dcd_chart_relayout(body, w, h, &a, &line);
    if (rc != DCD_OK && rc != DCD_EINPUT && rc != DCD_ENOMEM)
        abort();
    if (rc == DCD_EINPUT && line < 1)
        abort();
    if (rc == DCD_OK) {
        /* Laid out again at the same size: the same bytes. */
        if (dcd_chart_relayout(dcd_buf_str(&a), w, h, &b, &line) != DCD_OK ||
            strcmp(dcd_buf_str(&a), dcd_buf_str(&b)) != 0)
            abort();
        /* Through another size first: the same bytes. */
        if (dcd_chart_relayout(body, 700, 480, &small, &line) != DCD_OK ||
            dcd_chart_relayout(dcd_buf_str(&small), w, h, &c, &line) != DCD_OK ||
            strcmp(dcd_buf_str(&a), dcd_buf_str(&c)) != 0)
            abort();
        /* The program's $TEXT is closed by its own marker (when the body
         * had a layout section and no text datablock or marker of its own,
         * the output holds the one $TEXT the program wrote). */
        if (strcmp(dcd_buf_str(&a), body) != 0 && !strstr(body, dcd_plot_text_marker) &&
            text_lines(dcd_buf_str(&a)) < 0)
            abort();
    }
    dcd_buf_free(&a);
    dcd_buf_free(&b);
    dcd_buf_free(&small);
    dcd_buf_free(&c);
    free(body);
    return 0;
}
