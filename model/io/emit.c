/* emit.c - the resolved scenario written back as YAML (the saved
 * scenario.yaml), and the check that what is saved always loads back: the
 * loader refuses a scenario whose saved form would exceed the 16 MiB a
 * scenario file may hold (docs/scenario-format.md, "Limits"). */
#include <string.h>

#include "dcd_load_impl.h"

int dcd_scenario_emit(const dcd_scenario *sc, const char *version, dcd_buf *out)
{
    size_t start = out->len;
    dcd_buf_printf(out,
                   "# Resolved scenario (extends and --set applied), written by dcdemand %.64s\n",
                   version);
    dcd_buf_printf(out, "# Input SHA-256: %s\n", sc->checksum_hex);
    if (dcd_tree_emit(sc->tree, out) != 0)
        return -1;
    if (out->len - start > DCD_SCENARIO_MAX_FILE_BYTES)
        return -1; /* cannot happen for a loaded scenario (dcd_emit_check) */
    return out->failed ? -1 : 0;
}

/* An upper bound of the bytes libyaml writes for N at nesting DEPTH: every
 * byte of text escaped (at most 6 bytes, "\uXXXX"), a line break with
 * indentation every 32 bytes of a long scalar, and a line per node. */
static size_t size_bound(const dcd_node *n, size_t depth)
{
    size_t line = 2 * depth + 8, s = line;
    if (n->text) {
        size_t len = strlen(n->text);
        s += 6 * len + (len / 32 + 1) * line;
    }
    for (size_t i = 0; i < n->n; i++) {
        if (n->keys)
            s += size_bound(n->keys[i], depth + 1);
        s += size_bound(n->vals[i], depth + 1);
    }
    return s;
}

int dcd_emit_check(const dcd_scenario *sc, dcd_diags *diags)
{
    const size_t room = DCD_SCENARIO_MAX_FILE_BYTES - DCD_SCENARIO_EMIT_HEADER_MAX;
    if (!sc->tree || size_bound(sc->tree, 0) <= room)
        return DCD_OK;
    dcd_buf out = {0};
    if (dcd_tree_emit(sc->tree, &out) != 0) {
        dcd_buf_free(&out);
        return DCD_ENOMEM;
    }
    size_t len = out.len;
    dcd_buf_free(&out);
    if (len <= room)
        return DCD_OK;
    const dcd_node *r = sc->tree;
    dcd_diags_add(diags, r->file, r->line, r->column,
                  "the resolved scenario (after extends, aliases and --set) would be saved as "
                  "%zu bytes, more than the %zu a scenario file may hold",
                  len + DCD_SCENARIO_EMIT_HEADER_MAX, (size_t)DCD_SCENARIO_MAX_FILE_BYTES);
    return DCD_EINPUT;
}
