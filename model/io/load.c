/* load.c - scenario files: reading, `extends:` chains and the load entry
 * points of dcd_load.h.
 *
 * Flow: read file -> parse to a node tree (tree.c) -> resolve `extends:`
 * (deep merge, cycles reported) -> apply --set overrides (override.c) ->
 * bind the tree to the structs (bind.c, values.c), collecting every problem
 * with its file, line and column.  The format is documented in
 * docs/scenario-format.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dcd_load_impl.h"
#include "dcd_uncertainty.h"

void dcd_scenario_free(dcd_scenario *sc)
{
    if (!sc)
        return;
    dcd_scenario_clear(sc);
    dcd_node_free(sc->tree);
    if (sc->pool) {
        dcd_pool_free(sc->pool);
        free(sc->pool);
    }
    free(sc);
}

char *dcd_load_strdup(const char *s)
{
    return dcd_strdup(s);
}

/* ---- reading files ----------------------------------------------------- */

/* What a file that is not a regular file is, for messages. */
static const char *file_kind(mode_t m)
{
    if (S_ISDIR(m))
        return "a directory";
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISCHR(m) || S_ISBLK(m))
        return "a device";
    if (S_ISSOCK(m))
        return "a socket";
    return "not a regular file";
}

/* Opens PATH for reading.  With REGULAR_ONLY (files named by `extends:`) a
 * FIFO, device or directory is refused without blocking: the file is opened
 * with O_NONBLOCK and checked with fstat before any read. */
static FILE *open_input(const char *path, int regular_only, char *why, size_t whylen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | (regular_only ? O_NONBLOCK : 0));
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        snprintf(why, whylen, "%s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (regular_only && !S_ISREG(st.st_mode)) {
        snprintf(why, whylen, "not a regular file (%s)", file_kind(st.st_mode));
        close(fd);
        return NULL;
    }
    int fl = fcntl(fd, F_GETFL);
    FILE *f = NULL;
    if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0 || !(f = fdopen(fd, "rb"))) {
        snprintf(why, whylen, "%s", strerror(errno));
        close(fd);
    }
    return f;
}

static int read_file(const char *path, int regular_only, char **data, size_t *len, char *why,
                     size_t whylen)
{
    *data = NULL;
    *len = 0;
    FILE *f = open_input(path, regular_only, why, whylen);
    if (!f)
        return -1;
    dcd_buf b = {0};
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + got > MAX_FILE_BYTES) {
            snprintf(why, whylen, "file is larger than %u bytes", MAX_FILE_BYTES);
            goto fail;
        }
        if (dcd_buf_append(&b, chunk, got) != 0) {
            snprintf(why, whylen, "out of memory");
            goto fail;
        }
    }
    if (ferror(f)) {
        snprintf(why, whylen, "%s", strerror(errno ? errno : EIO));
        goto fail;
    }
    fclose(f);
    if (!b.data && dcd_buf_append(&b, "", 0) != 0) {
        snprintf(why, whylen, "out of memory");
        return -1;
    }
    *data = b.data;
    *len = b.len;
    return 0;
fail:
    fclose(f);
    dcd_buf_free(&b);
    return -1;
}

/* ---- loading with extends ---------------------------------------------- */

/* Directory part of PATH joined with REL (REL absolute: REL). */
static char *join_relative(const char *path, const char *rel)
{
    if (rel[0] == '/')
        return dcd_strdup(rel);
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path) + 1 : 0;
    size_t rl = strlen(rel);
    char *p = malloc(dl + rl + 1);
    if (!p)
        return NULL;
    memcpy(p, path, dl);
    memcpy(p + dl, rel, rl + 1);
    return p;
}

/* Reports an extends cycle when REAL is already being loaded: "a.yaml ->
 * b.yaml -> a.yaml", as the files were named, at AT.  Returns DCD_OK when
 * there is none. */
static int check_cycle(dcd_loader *ld, const char *real, const char *path, const dcd_node *at)
{
    for (size_t i = 0; i < ld->depth; i++) {
        if (strcmp(ld->stack[i], real) != 0)
            continue;
        dcd_buf chain = {0};
        for (size_t j = i; j < ld->depth; j++)
            dcd_buf_printf(&chain, "%s -> ", ld->names[j]);
        dcd_buf_puts(&chain, path);
        int failed = chain.failed;
        if (failed)
            ld->oom = 1;
        else
            dcd_diags_add(ld->diags, at ? at->file : NULL, at ? at->line : 0, at ? at->column : 0,
                          "extends cycle: %s", chain.data);
        dcd_buf_free(&chain);
        return failed ? DCD_ENOMEM : DCD_EINPUT;
    }
    return DCD_OK;
}

int dcd_load_tree(dcd_loader *ld, const char *path, const dcd_node *at, const char *text,
                  size_t tlen, dcd_node **root)
{
    const char *afile = at ? at->file : NULL;
    int aline = at ? at->line : 0, acol = at ? at->column : 0;
    char why[256];
    char *data = NULL;
    size_t len = 0;
    int rc = DCD_OK;
    *root = NULL;

    char *real = text ? dcd_strdup(path) : realpath(path, NULL);
    if (!real && text)
        return DCD_ENOMEM;
    if (!real) {
        if (at)
            dcd_diags_add(ld->diags, afile, aline, acol, "cannot read extended scenario '%s': %s",
                          path, strerror(errno));
        else
            dcd_diags_add(ld->diags, path, 0, 0, "cannot read: %s", strerror(errno));
        return DCD_EINPUT;
    }
    int rc_cycle = check_cycle(ld, real, path, at);
    if (rc_cycle != DCD_OK) {
        free(real);
        return rc_cycle;
    }
    if (ld->depth >= MAX_EXTENDS_DEPTH) {
        dcd_diags_add(ld->diags, afile, aline, acol, "extends chain deeper than %d files",
                      MAX_EXTENDS_DEPTH);
        free(real);
        return DCD_EINPUT;
    }
    if (text) {
        len = tlen;
    } else if (read_file(path, at != NULL, &data, &len, why, sizeof why) != 0) {
        if (at)
            dcd_diags_add(ld->diags, afile, aline, acol, "cannot read extended scenario '%s': %s",
                          path, why);
        else
            dcd_diags_add(ld->diags, path, 0, 0, "cannot read: %s", why);
        free(real);
        return DCD_EINPUT;
    }
    const char *name = dcd_pool_intern(ld->pool, path);
    if (!name) {
        free(real);
        free(data);
        return DCD_ENOMEM;
    }
    ld->names[ld->depth] = name;
    ld->stack[ld->depth++] = real;
    const char *bytes = text ? text : data;
    dcd_sha256_update(&ld->sha, bytes, len);

    dcd_node *tree = NULL;
    rc = dcd_tree_parse(bytes, len, name, &tree, ld->diags);
    if (rc != DCD_OK)
        goto done;
    if (!tree || tree->kind != DCD_NODE_MAP) {
        dcd_diags_add(ld->diags, name, tree ? tree->line : 1, tree ? tree->column : 1,
                      "%s: a scenario file is a mapping of keys (name:, years:, segments:, ...)",
                      !tree || tree->kind == DCD_NODE_NULL ? "the file holds no YAML content"
                      : tree->kind == DCD_NODE_SEQ         ? "found a list"
                                                           : "found a single value");
        dcd_node_free(tree);
        rc = DCD_EINPUT;
        goto done;
    }
    dcd_node *ext = dcd_map_get(tree, "extends");
    if (ext) {
        if (ext->kind != DCD_NODE_SCALAR || !ext->text[0]) {
            dcd_diags_add(ld->diags, name, ext->line, ext->column,
                          "extends: expected the path of another scenario file, found %s",
                          ext->kind == DCD_NODE_SEQ   ? "a list"
                          : ext->kind == DCD_NODE_MAP ? "a mapping"
                                                      : "nothing");
            dcd_node_free(tree);
            rc = DCD_EINPUT;
            goto done;
        }
        char *parent_path = join_relative(path, ext->text);
        if (!parent_path) {
            dcd_node_free(tree);
            rc = DCD_ENOMEM;
            goto done;
        }
        dcd_node *parent = NULL;
        rc = dcd_load_tree(ld, parent_path, ext, NULL, 0, &parent);
        free(parent_path);
        if (rc != DCD_OK) {
            dcd_node_free(tree);
            goto done;
        }
        dcd_map_remove(tree, "extends");
        if (dcd_tree_merge(parent, tree) != 0) {
            dcd_node_free(parent);
            rc = DCD_ENOMEM;
            goto done;
        }
        tree = parent;
    }
    *root = tree;
done:
    ld->depth--;
    free(ld->stack[ld->depth]);
    free(data);
    return rc;
}

/* Second stage of loading: apply SETS to SC->tree (already resolved through
 * extends, its file names interned in SC->pool), finish the checksum SHA and
 * bind.  Frees SC on failure. */
int dcd_finish_scenario(dcd_scenario *sc, dcd_sha256 *sha, const char *const *sets, size_t nsets,
                        dcd_scenario **out, dcd_diags *diags, size_t before)
{
    int rc = DCD_OK;
    dcd_loader ld = {0};
    ld.pool = sc->pool;
    ld.diags = diags;
    ld.sha = *sha;
    size_t failed = 0;
    for (size_t i = 0; i < nsets; i++) {
        int r = dcd_apply_set(&ld, sc->tree, sets[i], i);
        if (r == DCD_ENOMEM) {
            rc = r;
            goto fail;
        }
        if (r != DCD_OK) {
            rc = r;
            if (++failed == MAX_BIND_ERRORS && i + 1 < nsets) {
                dcd_diags_add(diags, "--set", 0, 0,
                              "too many errors; stopped reading --set options after %d",
                              MAX_BIND_ERRORS);
                break;
            }
        }
    }
    if (rc != DCD_OK)
        goto fail;
    dcd_sha256_hex(&ld.sha, sc->checksum_hex);

    dcd_binder b = {0};
    b.diags = diags;
    dcd_bind_scenario(&b, sc->tree, sc);
    if (b.oom || diags->oom) {
        rc = DCD_ENOMEM;
        goto fail;
    }
    if (diags->n > before) {
        rc = DCD_EINPUT;
        goto fail;
    }
    dcd_uncertainty unc; /* validated here; the analyses read it again */
    rc = dcd_scenario_uncertainty(sc, &unc, diags);
    dcd_uncertainty_free(&unc);
    if (rc != DCD_OK)
        goto fail;
    if ((rc = dcd_emit_check(sc, diags)) != DCD_OK)
        goto fail;
    *out = sc;
    return DCD_OK;
fail:
    if (dcd_escape_controls(diags, before) != 0)
        rc = DCD_ENOMEM;
    dcd_scenario_free(sc);
    return rc;
}

dcd_scenario *dcd_new_scenario(const char *path)
{
    dcd_scenario *sc = calloc(1, sizeof *sc);
    if (!sc)
        return NULL;
    sc->path = dcd_strdup(path);
    sc->pool = calloc(1, sizeof *sc->pool);
    if (!sc->path || !sc->pool) {
        free(sc->path);
        free(sc->pool);
        free(sc);
        return NULL;
    }
    return sc;
}

static int load_scenario(const char *path, const char *text, size_t tlen, const char *const *sets,
                         size_t nsets, dcd_scenario **out, dcd_diags *diags)
{
    *out = NULL;
    size_t before = diags->n;
    dcd_scenario *sc = dcd_new_scenario(path);
    if (!sc)
        return DCD_ENOMEM;
    dcd_loader ld = {0};
    ld.pool = sc->pool;
    ld.diags = diags;
    dcd_sha256_init(&ld.sha);
    int rc = dcd_load_tree(&ld, path, NULL, text, tlen, &sc->tree);
    if (rc != DCD_OK) {
        if (dcd_escape_controls(diags, before) != 0)
            rc = DCD_ENOMEM;
        dcd_scenario_free(sc);
        return rc;
    }
    return dcd_finish_scenario(sc, &ld.sha, sets, nsets, out, diags, before);
}

int dcd_scenario_load(const char *path, const char *const *sets, size_t nsets, dcd_scenario **out,
                      dcd_diags *diags)
{
    return load_scenario(path, NULL, 0, sets, nsets, out, diags);
}

int dcd_scenario_load_text(const char *name, const char *text, size_t len, const char *const *sets,
                           size_t nsets, dcd_scenario **out, dcd_diags *diags)
{
    if (!text) {
        *out = NULL;
        return DCD_EINPUT;
    }
    return load_scenario(name, text, len, sets, nsets, out, diags);
}
