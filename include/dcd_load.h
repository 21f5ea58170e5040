/* dcd_load.h - the scenario loader (io layer): YAML files, `extends:`,
 * `--set` overrides and validation, producing the plain-data scenario of
 * dcd_scenario.h.
 *
 * Files: model/io/load.c (files, extends, entry points), override.c (--set),
 * values.c (typed values), bind.c (binding driven by the schema), schema.c
 * (the key table, dcd_schema.h), source.c (parse once, load many), emit.c
 * (the saved scenario.yaml).  The format is documented in
 * docs/scenario-format.md.
 */
#ifndef DCD_LOAD_H
#define DCD_LOAD_H

#include <stddef.h>

#include "dcd_buf.h"
#include "dcd_error.h"
#include "dcd_scenario.h"
#include "dcd_tree.h"

/* The largest scenario file the loader reads, in bytes (16 MiB). */
#define DCD_SCENARIO_MAX_FILE_BYTES (16u << 20)
/* Room kept for the comment header of dcd_scenario_emit(): a scenario is
 * refused when its resolved document would be saved in more than
 * DCD_SCENARIO_MAX_FILE_BYTES - DCD_SCENARIO_EMIT_HEADER_MAX bytes, so that
 * every saved scenario.yaml loads back. */
#define DCD_SCENARIO_EMIT_HEADER_MAX 256u

/* Loads, merges, overrides and validates the scenario in PATH.  SETS holds
 * NSETS "PATH=VALUE" strings applied after `extends:`.  On success *OUT is a
 * scenario the caller frees with dcd_scenario_free().  On failure every
 * problem found is in DIAGS and the status is DCD_EINPUT (or DCD_ENOMEM). */
int dcd_scenario_load(const char *path, const char *const *sets, size_t nsets, dcd_scenario **out,
                      dcd_diags *diags);

/* As dcd_scenario_load(), but the top file's LEN bytes are TEXT (any bytes;
 * no NUL needed) rather than read from disk.  NAME labels messages and the
 * scenario's path, and a relative `extends:` in TEXT is read from disk
 * relative to NAME's folder.  For tests and the fuzz harness
 * (tests/fuzz/fuzz_loader.c). */
int dcd_scenario_load_text(const char *name, const char *text, size_t len, const char *const *sets,
                           size_t nsets, dcd_scenario **out, dcd_diags *diags);

/* Frees SC (its plain data, tree and pool); accepts NULL. */
void dcd_scenario_free(dcd_scenario *sc);

/* A scenario file read, parsed and merged through its `extends:` chain,
 * kept for many loads with different overrides (sweeps, analyses): each
 * dcd_source_load() then costs a tree copy and a validation, not file
 * reads and YAML parsing.  Opaque. */
typedef struct dcd_source dcd_source;

/* Reads PATH and its extends chain into *OUT (freed by the caller with
 * dcd_source_free()).  On failure the problems are in DIAGS and the status
 * is DCD_EINPUT (or DCD_ENOMEM). */
int dcd_source_open(const char *path, dcd_source **out, dcd_diags *diags);
/* As dcd_scenario_load() on SRC's file, with SETS applied.  The scenario is
 * independent of SRC (SRC may be freed first); free it with
 * dcd_scenario_free(). */
int dcd_source_load(const dcd_source *src, const char *const *sets, size_t nsets,
                    dcd_scenario **out, dcd_diags *diags);
/* Frees SRC; accepts NULL. */
void dcd_source_free(dcd_source *src);

/* Writes the resolved scenario as YAML to OUT, with a comment header giving
 * VERSION (at most 64 bytes of it) and the input checksum.  The text is at
 * most DCD_SCENARIO_MAX_FILE_BYTES long and loads back (the loader refuses
 * scenarios whose saved form would be larger).  Returns 0, or -1 on OOM. */
int dcd_scenario_emit(const dcd_scenario *sc, const char *version, dcd_buf *out);

#endif
