/* dcd_tree.h - the YAML document as a tree of located nodes.
 *
 * The loader parses a scenario file with libyaml into this tree, merges the
 * trees of `extends:` chains, applies `--set PATH=VALUE` overrides, and only
 * then binds the tree to the plain C structs of dcd_scenario.h.  Every node
 * keeps the file, line and column it came from, for error messages.  This is
 * the only module that calls libyaml.
 */
#ifndef DCD_TREE_H
#define DCD_TREE_H

#include <stddef.h>

#include "dcd_buf.h"
#include "dcd_error.h"

/* Interned strings (file names, `--set[N]` labels) shared by the nodes of
 * one load.  Interning costs O(1) on average (a hash index), so a load with
 * many --set options stays linear. */
typedef struct dcd_pool {
    char **s;
    size_t n, cap;
    size_t *slot; /* hash index: 1 + position in s, or 0 (internal) */
    size_t nslot;
} dcd_pool;

/* Returns the pool's copy of S (made on first use), or NULL when memory ran
 * out.  The copy lives until dcd_pool_free(). */
const char *dcd_pool_intern(dcd_pool *p, const char *s);
/* Releases every string of the pool. */
void dcd_pool_free(dcd_pool *p);

typedef enum dcd_node_kind {
    DCD_NODE_NULL,   /* `~`, `null` or an empty value */
    DCD_NODE_SCALAR, /* any other scalar, kept as text */
    DCD_NODE_MAP,    /* keys are scalars, in file order, unique */
    DCD_NODE_SEQ
} dcd_node_kind;

typedef struct dcd_node dcd_node;
struct dcd_node {
    dcd_node_kind kind;
    char *text;       /* scalar text (owned); NULL for other kinds */
    int plain;        /* 1 when the scalar was written unquoted */
    const char *file; /* interned in a dcd_pool */
    int line, column; /* 1-based position of the node's first character */
    size_t n, cap;    /* number of items (pairs for a map) */
    dcd_node **keys;  /* map keys (scalar nodes); NULL for sequences */
    dcd_node **vals;  /* map values or sequence items */
    size_t *index;    /* hash index of a large map's keys, built on the first
                         look-up and kept by dcd_map_put (internal) */
    size_t nindex;
};

/* Limits that keep hostile documents (alias bombs, deep nesting) cheap. */
#define DCD_TREE_MAX_NODES 200000
#define DCD_TREE_MAX_DEPTH 64

/* Parses LEN bytes of YAML text named FILE (an interned name) into *ROOT.
 * An empty document gives *ROOT == NULL.  Problems are added to DIAGS and
 * DCD_EINPUT is returned.  The caller frees *ROOT with dcd_node_free(). */
int dcd_tree_parse(const char *text, size_t len, const char *file, dcd_node **root,
                   dcd_diags *diags);

/* Allocates a node; TEXT (may be NULL) is copied.  Returns NULL on OOM. */
dcd_node *dcd_node_new(dcd_node_kind kind, const char *text, const char *file, int line,
                       int column);
/* Frees a node and everything below it; accepts NULL. */
void dcd_node_free(dcd_node *n);
/* Returns a deep copy, or NULL on OOM.  The caller frees it. */
dcd_node *dcd_node_clone(const dcd_node *n);

/* Look-ups, dcd_map_put() and dcd_map_remove() of a missing key cost O(1)
 * on average (maps of 16 keys or more get a hash index); removing a present
 * key costs O(n). */
/* Returns the value stored under KEY in map M, or NULL. */
dcd_node *dcd_map_get(const dcd_node *m, const char *key);
/* Returns the index of KEY in map M, or (size_t)-1. */
size_t dcd_map_index(const dcd_node *m, const char *key);
/* Stores VAL under KEY (both owned by the map from now on), replacing and
 * freeing an existing value but keeping the existing key's position.
 * Returns 0, or -1 on OOM (then KEY and VAL are freed). */
int dcd_map_put(dcd_node *m, dcd_node *key, dcd_node *val);
/* Removes KEY from map M and frees it with its value. */
void dcd_map_remove(dcd_node *m, const char *key);
/* Appends ITEM to sequence S (owned from now on). 0, or -1 on OOM. */
int dcd_seq_push(dcd_node *s, dcd_node *item);

/* Returns 1 when map M is a series: a mapping whose keys are whole years,
 * possibly with an `interpolation` key. */
int dcd_node_is_series(const dcd_node *m);

/* Deep-merges OVER into BASE (both maps) and frees OVER: keys of OVER
 * replace those of BASE, except that two ordinary mappings merge key by key;
 * a series (see dcd_node_is_series) is replaced whole, and a null value
 * removes the key.  Returns 0, or -1 on OOM. */
int dcd_tree_merge(dcd_node *base, dcd_node *over);

/* Writes ROOT as block-style YAML (series in flow style) to OUT.
 * Returns 0, or -1 on failure. */
int dcd_tree_emit(const dcd_node *root, dcd_buf *out);

#endif
