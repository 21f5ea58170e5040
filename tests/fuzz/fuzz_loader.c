/* fuzz_loader.c - libFuzzer harness over the scenario loader.
 *
 * Build and run with `make fuzz` (clang, -fsanitize=fuzzer,address,undefined;
 * objects in build-fuzz/, a bounded run over tests/fuzz/corpus/).
 *
 * Each input is a scenario file's bytes.  Leading lines of the form
 * "#set PATH=VALUE" (YAML comments, so the rest parses the same) are also
 * passed as --set arguments, so the override code is fuzzed too.  A line
 * "#---parent" splits the input: what follows is written to parent.yaml in
 * a sandbox folder (on /dev/shm when there is one) and the part before is
 * loaded as fuzz.yaml of that folder, so `extends: parent.yaml` (and the
 * deep merge) is fuzzed with both files' text; without that line
 * parent.yaml holds a small valid scenario.  The input
 * is loaded from memory (dcd_scenario_load_text), with every diagnostic
 * checked for a 1-based position; a scenario that loads is also emitted
 * (the saved scenario.yaml) and projected, since no valid scenario may crash
 * the engine.  A crash, a sanitizer report, a leak or a hang is a bug: keep
 * the input as a regression case in tests/errors/ once fixed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gsl/gsl_errno.h>

#include "dcd_engine.h"
#include "dcd_load.h"
#include "fuzz_sandbox.h"

#define MAX_SETS 8

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char PARENT[] = "name: parent\n"
                             "sources: [made up]\n"
                             "years: {start: 2020, base: 2021, end: 2024}\n"
                             "national: {total_twh: 100, growth: 0.01}\n"
                             "pue: 1.4\n"
                             "segments:\n"
                             "  a: {ai: true, driver: energy, energy_twh: 1, growth: 0.1}\n"
                             "  b: {ai: false, driver: capacity, capacity_gw: 1, growth: 0.02,"
                             " utilisation: 0.5, idle: 0.3}\n";
static const char SPLIT[] = "\n#---parent\n";
static char sandbox[200], child_name[260], parent_name[260];

static void write_parent(const char *text, size_t len)
{
    FILE *f = fopen(parent_name, "wb");
    if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0)
        abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gsl_set_error_handler_off();
    snprintf(sandbox, sizeof sandbox, "%s", fuzz_sandbox_make("loader")); /* removed at exit */
    snprintf(child_name, sizeof child_name, "%s/fuzz.yaml", sandbox);
    snprintf(parent_name, sizeof parent_name, "%s/parent.yaml", sandbox);
    write_parent(PARENT, sizeof PARENT - 1);
    return 0;
}

/* Where SPLIT starts in DATA, or SIZE. */
static size_t find_split(const char *data, size_t size)
{
    size_t k = sizeof SPLIT - 1;
    for (size_t i = 0; i + k <= size; i++)
        if (data[i] == '\n' && memcmp(data + i, SPLIT, k) == 0)
            return i;
    return size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    static int parent_is_default = 1;
    size_t split = find_split(text, size);
    if (split < size) {
        size_t k = sizeof SPLIT - 1;
        write_parent(text + split + k, size - split - k);
        parent_is_default = 0;
        size = split + 1; /* the child keeps its last newline */
    } else if (!parent_is_default) {
        write_parent(PARENT, sizeof PARENT - 1);
        parent_is_default = 1;
    }
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
    /* The name is in the sandbox, so a relative extends reads parent.yaml
     * (or nothing); an absolute one may read a real file (harmless: read
     * only). */
    int rc = dcd_scenario_load_text(child_name, text, size, (const char *const *)sets, nsets, &sc,
                                    &diags);
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
