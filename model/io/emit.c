/* emit.c - the resolved scenario written back as YAML (the saved
 * scenario.yaml). */
#include "dcd_load_impl.h"

int dcd_scenario_emit(const dcd_scenario *sc, const char *version, dcd_buf *out)
{
    dcd_buf_printf(out, "# Resolved scenario (extends and --set applied), written by dcdemand %s\n",
                   version);
    dcd_buf_printf(out, "# Input SHA-256: %s\n", sc->checksum_hex);
    if (dcd_tree_emit(sc->tree, out) != 0)
        return -1;
    return out->failed ? -1 : 0;
}
