/* dcd_load_impl.h - shared by the loader's files in model/io (load.c,
 * override.c, values.c, bind.c, source.c, emit.c).  Not a public API: other
 * modules use dcd_load.h and dcd_schema.h.
 */
#ifndef DCD_LOAD_IMPL_H
#define DCD_LOAD_IMPL_H

#include <stddef.h>

#include "dcd_format.h"
#include "dcd_load.h"
#include "dcd_sha256.h"
#include "dcd_tree.h"
#include "dcd_vec.h"

#define MAX_FILE_BYTES DCD_SCENARIO_MAX_FILE_BYTES
#define MAX_EXTENDS_DEPTH 16
#define YEAR_MIN 1900
#define YEAR_MAX 2200
#define MAX_YEARS 301
/* More segments than this are refused: every segment adds a row per year
 * and metric to segments.csv and results.json (12000 segments of one line
 * each made a 1 MB file write 1.2 GB in minutes). */
#define MAX_SEGMENTS 1000
/* At most this many diagnostics from binding one scenario, then one note. */
#define MAX_BIND_ERRORS 100

/* dcd_strdup(S) (dcd_vec.h), kept for the callers in bind.c only; new code
 * calls dcd_strdup().  Remove once bind.c does. */
char *dcd_load_strdup(const char *s);

/* ---- files and extends (load.c) ---------------------------------------- */

typedef struct dcd_loader {
    dcd_pool *pool;
    dcd_diags *diags;
    dcd_sha256 sha;
    char *stack[MAX_EXTENDS_DEPTH + 1];       /* real paths being loaded */
    const char *names[MAX_EXTENDS_DEPTH + 1]; /* the same, as named (interned) */
    size_t depth;
    int oom;
} dcd_loader;

/* Loads PATH (reported as named) into *ROOT, merging any extends chain.
 * AT is the node that named this file (NULL for the top file).  TEXT, when
 * not NULL, holds the file's TLEN bytes, which are then not read from disk. */
int dcd_load_tree(dcd_loader *ld, const char *path, const dcd_node *at, const char *text,
                  size_t tlen, dcd_node **root);
/* A zeroed scenario with its path set, or NULL on OOM. */
dcd_scenario *dcd_new_scenario(const char *path);
/* Second stage of loading: apply SETS to SC->tree, finish the checksum SHA
 * and bind.  On success *OUT = SC; on failure SC is freed. */
int dcd_finish_scenario(dcd_scenario *sc, dcd_sha256 *sha, const char *const *sets, size_t nsets,
                        dcd_scenario **out, dcd_diags *diags, size_t before);

/* ---- --set (override.c) ------------------------------------------------ */

/* Applies the INDEX-th override ARG to ROOT. */
int dcd_apply_set(dcd_loader *ld, dcd_node *root, const char *arg, size_t index);

/* ---- typed values (values.c) ------------------------------------------- */

typedef struct dcd_binder {
    dcd_diags *diags;
    int years_ok; /* the years are known, so series points can be checked */
    int start, end;
    int oom;
    size_t errors; /* diagnostics reported (see MAX_BIND_ERRORS) */
} dcd_binder;

/* Adds a diagnostic located at node N (messages are cut at 512 bytes). */
void dcd_bind_err(dcd_binder *b, const dcd_node *n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
#define ERR(b, node, ...) dcd_bind_err((b), (node), __VA_ARGS__)

/* Range rules for a number. */
typedef struct dcd_range {
    double lo, hi;
    int lo_open;      /* lo excluded */
    const char *what; /* human description, e.g. "a fraction in [0, 1]" */
} dcd_range;

struct dcd_key_info;
/* The allowed range of schema row K (dcd_schema.h), for the getters. */
dcd_range dcd_range_of(const struct dcd_key_info *k);

size_t dcd_edit_distance(const char *a, const char *b);
/* Reports keys of map M that are not in KNOWN (NULL-terminated).  Keys in
 * OTHER (keys of other drivers) get a "does not apply" message instead. */
void dcd_check_keys(dcd_binder *b, const dcd_node *m, const char *path, const char *const *known,
                    const char *const *other, const char *why_other);
const char *dcd_kind_name(const dcd_node *n);
const char *dcd_found_desc(const dcd_node *n, char *buf, size_t cap);
int dcd_get_number(dcd_binder *b, const dcd_node *n, const char *path, const dcd_range *r,
                   double *out);
int dcd_get_year(dcd_binder *b, const dcd_node *n, const char *path, int lo, int hi, int *out);
int dcd_get_bool(dcd_binder *b, const dcd_node *n, const char *path, int *out);
int dcd_get_string(dcd_binder *b, const dcd_node *n, const char *path, char **out);
int dcd_get_series(dcd_binder *b, const dcd_node *n, const char *path, const dcd_range *r,
                   dcd_series *out);
void dcd_path_join(char *dst, size_t cap, const char *a, const char *b);
int dcd_get_survival(dcd_binder *b, const dcd_node *n, const char *path, dcd_survival *sv);

/* ---- the saved form (emit.c) ------------------------------------------ */

/* Returns DCD_OK when SC's resolved document, saved by dcd_scenario_emit(),
 * fits in DCD_SCENARIO_MAX_FILE_BYTES with room for the header; otherwise
 * adds a diagnostic at the document's root and returns DCD_EINPUT (or
 * DCD_ENOMEM). */
int dcd_emit_check(const dcd_scenario *sc, dcd_diags *diags);

/* ---- binding (bind.c) -------------------------------------------------- */

/* Binds the resolved document ROOT to SC, reporting every problem. */
void dcd_bind_scenario(dcd_binder *b, const dcd_node *root, dcd_scenario *sc);

#endif
