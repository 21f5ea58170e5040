/* source.c - a scenario file parsed once and loaded many times with
 * different overrides (dcd_source_* in dcd_load.h). */
#include <stdlib.h>

#include "dcd_load_impl.h"

/* ---- a parsed file reused for many loads -------------------------------- */

struct dcd_source {
    char *path;
    dcd_node *tree; /* after extends, before overrides */
    dcd_pool pool;  /* owns the tree's file names */
    dcd_sha256 sha; /* digest state after the files */
};

int dcd_source_open(const char *path, dcd_source **out, dcd_diags *diags)
{
    *out = NULL;
    size_t before = diags->n;
    dcd_source *src = calloc(1, sizeof *src);
    if (!src)
        return DCD_ENOMEM;
    src->path = dcd_strdup(path);
    if (!src->path) {
        free(src);
        return DCD_ENOMEM;
    }
    dcd_loader ld = {0};
    ld.pool = &src->pool;
    ld.diags = diags;
    dcd_sha256_init(&ld.sha);
    int rc = dcd_load_tree(&ld, path, NULL, NULL, 0, &src->tree);
    if (rc != DCD_OK) {
        if (dcd_escape_controls(diags, before) != 0)
            rc = DCD_ENOMEM;
        dcd_source_free(src);
        return rc;
    }
    src->sha = ld.sha;
    *out = src;
    return DCD_OK;
}

void dcd_source_free(dcd_source *src)
{
    if (!src)
        return;
    dcd_node_free(src->tree);
    dcd_pool_free(&src->pool);
    free(src->path);
    free(src);
}

/* Points every node's file name at POOL's copy.  Returns 0, or -1 on OOM. */
static int reintern(dcd_node *n, dcd_pool *pool)
{
    if (!(n->file = dcd_pool_intern(pool, n->file)))
        return -1;
    for (size_t i = 0; i < n->n; i++)
        if ((n->keys && reintern(n->keys[i], pool) != 0) || reintern(n->vals[i], pool) != 0)
            return -1;
    return 0;
}

int dcd_source_load(const dcd_source *src, const char *const *sets, size_t nsets,
                    dcd_scenario **out, dcd_diags *diags)
{
    *out = NULL;
    size_t before = diags->n;
    dcd_scenario *sc = dcd_new_scenario(src->path);
    if (!sc)
        return DCD_ENOMEM;
    sc->tree = dcd_node_clone(src->tree);
    if (!sc->tree || reintern(sc->tree, sc->pool) != 0) {
        dcd_scenario_free(sc);
        return DCD_ENOMEM;
    }
    dcd_sha256 sha = src->sha;
    return dcd_finish_scenario(sc, &sha, sets, nsets, out, diags, before);
}
