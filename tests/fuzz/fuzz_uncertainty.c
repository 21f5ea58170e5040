/* fuzz_uncertainty.c - libFuzzer harness over the `uncertainty:` subtree
 * parser (dcd_uncertainty_parse, dcd_uncertainty.h), reached through the
 * scenario loader as the commands reach it.
 *
 * Built and run by `make fuzz` (corpus in tests/fuzz/corpus_uncertainty/).
 * Each input is YAML text appended to a small valid base scenario (segments
 * `ai` and `conv`), normally starting with `uncertainty:`; the whole is
 * loaded from memory (dcd_scenario_load_text: the loader keeps the subtree
 * without looking inside).  While the loader does not know the key yet
 * (it refuses `uncertainty:` as unknown), or when the rest does not load,
 * the text is parsed as a YAML tree (dcd_tree_parse) instead, as the unit
 * test does.  The subtree is parsed twice: without a path
 * lookup (format only) and with a stub lookup that knows six inputs of the
 * base scenario, as the unit test does.  Checks: success gives no
 * diagnostic and inputs with a path, a mode resolved by the lookup, and a
 * correlation matrix (when given) that is symmetric with a unit diagonal
 * and entries in [-1, 1]; failure gives DCD_EINPUT, an empty result and
 * diagnostics with 1-based positions (or none) and one-line messages.  A
 * crash, a sanitizer report, a leak or an abort is a finding.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gsl/gsl_errno.h>

#include "dcd_load.h"
#include "dcd_tree.h"
#include "dcd_uncertainty.h"
#include "fuzz_sandbox.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char BASE[] = "name: base\n"
                           "sources: [made up]\n"
                           "years: {start: 2020, base: 2021, end: 2030}\n"
                           "national: {total_twh: 3973, growth: 0.01}\n"
                           "pue: {2021: 1.4, 2030: 1.2}\n"
                           "segments:\n"
                           "  ai: {ai: true, driver: energy, energy_twh: 1,"
                           " growth: {2021: 0.75, 2027: 0.4, 2030: 0.08}}\n"
                           "  conv: {ai: false, driver: capacity, capacity_gw: 10.44,"
                           " growth: 0.02, utilisation: 0.7, idle: 0.3}\n";

typedef struct stub_input {
    const char *path;
    dcd_input_info info;
} stub_input;

static const stub_input STUB[] = {
    {"segments.ai.growth",
     {DCD_INPUT_SERIES, 0.08, 0.75, -1, 10, 1, 0, "a growth rate in (-1, 10]"}},
    {"segments.ai.growth.2027",
     {DCD_INPUT_POINT, 0.4, 0.4, -1, 10, 1, 0, "a growth rate in (-1, 10]"}},
    {"segments.conv.utilisation", {DCD_INPUT_SERIES, 0.7, 0.7, 0, 1, 0, 0, "a fraction in [0, 1]"}},
    {"pue", {DCD_INPUT_SERIES, 1.2, 1.4, 1, 10, 0, 0, "a PUE in [1, 10]"}},
    {"national.total_twh", {DCD_INPUT_NUMBER, 3973, 3973, 0, HUGE_VAL, 1, 0, "a number > 0"}},
    {"segments.conv.capacity_gw",
     {DCD_INPUT_NUMBER, 10.44, 10.44, 0, HUGE_VAL, 0, 0, "a number >= 0"}},
};

static int stub_lookup(void *ctx, const char *path, dcd_input_info *info)
{
    (void)ctx;
    for (size_t i = 0; i < sizeof STUB / sizeof STUB[0]; i++)
        if (strcmp(STUB[i].path, path) == 0) {
            *info = STUB[i].info;
            return 1;
        }
    return 0;
}

static char sandbox[200], file[260];
static dcd_pool pool;
static const char *file_interned;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gsl_set_error_handler_off();
    snprintf(sandbox, sizeof sandbox, "%s", fuzz_sandbox_make("uncertainty"));
    snprintf(file, sizeof file, "%s/fuzz.yaml", sandbox);
    if (!(file_interned = dcd_pool_intern(&pool, file)))
        abort();
    return 0;
}

static void check(int rc, const dcd_uncertainty *u, const dcd_diags *d, int with_lookup)
{
    if (rc == DCD_OK) {
        if (d->n || (u->n && !u->inputs))
            abort();
        for (size_t i = 0; i < u->n; i++) {
            const dcd_uncertain *in = &u->inputs[i];
            if (!in->path || !in->path[0] || in->line < 0 || in->column < 0)
                abort();
            if (with_lookup && in->apply == DCD_DRAW_DEFAULT)
                abort(); /* the lookup resolves every mode */
        }
        if (u->corr)
            for (size_t i = 0; i < u->n; i++)
                for (size_t j = 0; j < u->n; j++) {
                    double c = u->corr[i * u->n + j];
                    if (!(c >= -1 && c <= 1) || c != u->corr[j * u->n + i] || (i == j && c != 1))
                        abort();
                }
        return;
    }
    if ((rc != DCD_EINPUT && rc != DCD_ENOMEM) || u->n || u->inputs || u->corr ||
        (rc == DCD_EINPUT && !d->n))
        abort();
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].line < 0 || d->items[i].column < 0 ||
            (d->items[i].line > 0) != (d->items[i].column > 0) || !d->items[i].message ||
            !d->items[i].message[0] || strchr(d->items[i].message, '\n'))
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t blen = sizeof BASE - 1;
    char *text = malloc(blen + size + 1);
    if (!text)
        return 0;
    memcpy(text, BASE, blen);
    if (size)
        memcpy(text + blen, data, size);
    dcd_diags d = {0};
    dcd_scenario *sc = NULL;
    dcd_node *root = NULL;
    const dcd_node *node = NULL;
    if (dcd_scenario_load_text(file, text, blen + size, NULL, 0, &sc, &d) == DCD_OK)
        node = dcd_map_get(sc->tree, "uncertainty");
    else if (dcd_tree_parse(text, blen + size, file_interned, &root, &d) == DCD_OK && root &&
             root->kind == DCD_NODE_MAP)
        node = dcd_map_get(root, "uncertainty"); /* the loader does not know the key yet */
    for (int with = 0; node && with < 2; with++) {
        dcd_uncertainty u = {0};
        dcd_diags ud = {0};
        int rc = dcd_uncertainty_parse(node, with ? stub_lookup : NULL, NULL, &u, &ud);
        check(rc, &u, &ud, with);
        dcd_uncertainty_free(&u);
        dcd_uncertainty_free(&u); /* twice: freeing leaves it empty */
        dcd_diags_free(&ud);
    }
    dcd_node_free(root);
    dcd_diags_free(&d);
    dcd_scenario_free(sc);
    free(text);
    return 0;
}
