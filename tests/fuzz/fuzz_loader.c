/* fuzz_loader.c - libFuzzer harness over the scenario loader.
 *
 * Build and run with `make fuzz` (clang, -fsanitize=fuzzer,address,undefined;
 * objects in build-fuzz/, a bounded run over tests/fuzz/corpus/).
 *
 * Each input is a scenario file's bytes.  Leading lines of the form
 * "#set PATH=VALUE" (YAML comments, so the rest parses the same) are also
 * passed as --set arguments, so the override code is fuzzed too.  The input
 * is loaded from memory (dcd_scenario_load_text), with every diagnostic
 * checked for a 1-based position; a scenario that loads is also emitted
 * (the saved scenario.yaml) and projected, since no valid scenario may crash
 * the engine.  A crash, a sanitizer report, a leak or a hang is a bug: keep
 * the input as a regression case in tests/errors/ once fixed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "dcd_engine.h"
#include "dcd_load.h"

#define MAX_SETS 8

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
    const char *text = (const char *)data;
    char *sets[MAX_SETS];
    size_t nsets = 0, off = 0;
    /* "#set PATH=VALUE\n" lines at the start become --set arguments. */
    while (nsets < MAX_SETS && size - off > 5 && memcmp(text + off, "#set ", 5) == 0) {
        const char *nl = memchr(text + off, '\n', size - off);
        if (!nl)
            break;
        size_t len = (size_t)(nl - (text + off)) - 5;
        if (memchr(text + off + 5, '\0', len))
            break;
        sets[nsets] = malloc(len + 1);
        if (!sets[nsets])
            break;
        memcpy(sets[nsets], text + off + 5, len);
        sets[nsets][len] = '\0';
        nsets++;
        off = (size_t)(nl - text) + 1;
    }

    dcd_diags diags = {0};
    dcd_scenario *sc = NULL;
    /* The name is in a folder that does not exist, so a relative extends
     * never reads a real file; an absolute one may (harmless: read only). */
    int rc = dcd_scenario_load_text("/nonexistent-dcd-fuzz/fuzz.yaml", text, size,
                                    (const char *const *)sets, nsets, &sc, &diags);
    if (rc == DCD_OK) {
        if (!sc || diags.n != 0)
            abort(); /* success must come with a scenario and no diagnostics */
        dcd_buf out = {0};
        if (dcd_scenario_emit(sc, "fuzz", &out) != 0 && !out.failed)
            abort(); /* a loaded tree must always emit */
        dcd_buf_free(&out);
        dcd_workspace *w = dcd_workspace_alloc(sc);
        dcd_results *r = dcd_results_alloc(sc);
        if (w && r)
            (void)dcd_project(sc, w, r, &diags);
        dcd_workspace_free(w);
        dcd_results_free(r);
    } else {
        if (sc)
            abort(); /* failure must not hand out a scenario */
        if (rc == DCD_EINPUT && diags.n == 0)
            abort(); /* a refused input must say why */
        for (size_t i = 0; i < diags.n; i++)
            if (diags.items[i].line < 0 || diags.items[i].column < 0 ||
                (diags.items[i].line > 0) != (diags.items[i].column > 0) ||
                !diags.items[i].message || !diags.items[i].message[0] ||
                strchr(diags.items[i].message, '\n'))
                abort(); /* positions are 1-based (or both 0); one line each */
    }
    dcd_diags_sort(&diags);
    dcd_diags_free(&diags);
    dcd_scenario_free(sc);
    for (size_t i = 0; i < nsets; i++)
        free(sets[i]);
    return 0;
}
