/* override.c - `--set PATH=VALUE` overrides applied to the resolved
 * document (dcd_load_impl.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "dcd_load_impl.h"

/* ---- --set overrides --------------------------------------------------- */

/* 1 when the text from S to END (exclusive) is a year, the last key of a
 * --set path into a series. */
static int is_year_key(const char *s, const char *end)
{
    if (s >= end || end - s > 4)
        return 0;
    for (; s < end; s++)
        if (!isdigit((unsigned char)*s))
            return 0;
    return 1;
}

static void shift_columns(dcd_node *n, int by)
{
    if (!n)
        return;
    if (n->line == 1)
        n->column += by;
    for (size_t i = 0; i < n->n; i++) {
        if (n->keys)
            shift_columns(n->keys[i], by);
        shift_columns(n->vals[i], by);
    }
}

/* The length of the longest key of map CUR written with dots
 * (`segments.ai.growth:` under `uncertainty:`) that the path from SEG to EQ
 * starts with, whole components only; 0 when none. */
static size_t dotted_key(const dcd_node *cur, const char *seg, const char *eq)
{
    size_t best = 0;
    if (!cur || cur->kind != DCD_NODE_MAP)
        return 0;
    for (size_t i = 0; i < cur->n; i++) {
        const char *k = cur->keys[i]->text;
        size_t kl = k ? strlen(k) : 0;
        if (!k || !strchr(k, '.') || kl > (size_t)(eq - seg) || kl <= best)
            continue;
        if (memcmp(k, seg, kl) == 0 && (seg + kl == eq || seg[kl] == '.'))
            best = kl;
    }
    return best;
}

int dcd_apply_set(dcd_loader *ld, dcd_node *root, const char *arg, size_t index)
{
    char label[32];
    snprintf(label, sizeof label, "--set[%zu]", index + 1);
    const char *file = dcd_pool_intern(ld->pool, label);
    if (!file)
        return DCD_ENOMEM;
    dcd_sha256_update(&ld->sha, arg, strlen(arg) + 1);
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg) {
        dcd_diags_add(ld->diags, file, 1, 1,
                      "expected PATH=VALUE, for example "
                      "segments.ai.utilisation=0.7");
        return DCD_EINPUT;
    }
    size_t plen = (size_t)(eq - arg);
    const char *value = eq + 1;
    if (!*value) {
        dcd_diags_add(ld->diags, file, 1, (int)plen + 2, "empty value after '='");
        return DCD_EINPUT;
    }
    dcd_node *val = NULL;
    size_t first = ld->diags->n;
    int rc = dcd_tree_parse(value, strlen(value), file, &val, ld->diags);
    if (rc != DCD_OK) {
        /* Positions in the value: shift the diagnostics just added. */
        for (size_t i = first; i < ld->diags->n; i++) {
            dcd_diag *g = &ld->diags->items[i];
            if (!g->file || strcmp(g->file, file) != 0)
                continue;
            if (g->line == 1) {
                g->column += (int)plen + 1;
            } else { /* the end of the text: the end of the argument */
                g->line = 1;
                g->column = (int)strlen(arg) + 1;
            }
        }
        return rc;
    }
    shift_columns(val, (int)plen + 1);
    if (!val) {
        dcd_diags_add(ld->diags, file, 1, (int)plen + 2, "empty value after '='");
        return DCD_EINPUT;
    }

    dcd_node *cur = root;
    const char *seg = arg;
    int col = 1;
    for (;;) {
        size_t dk = dotted_key(cur, seg, eq);
        const char *dot =
            dk ? (seg + dk == eq ? NULL : seg + dk) : memchr(seg, '.', (size_t)(eq - seg));
        const char *end = dot ? dot : eq;
        size_t kl = (size_t)(end - seg);
        if (kl == 0) {
            dcd_diags_add(ld->diags, file, 1, col, "empty key in path '%.*s'", (int)plen, arg);
            dcd_node_free(val);
            return DCD_EINPUT;
        }
        char key[128];
        if (kl >= sizeof key) {
            dcd_diags_add(ld->diags, file, 1, col, "key too long in path");
            dcd_node_free(val);
            return DCD_EINPUT;
        }
        memcpy(key, seg, kl);
        key[kl] = '\0';
        if (!dot) {
            if (val->kind == DCD_NODE_NULL) {
                dcd_map_remove(cur, key);
                dcd_node_free(val);
                return DCD_OK;
            }
            dcd_node *k = dcd_node_new(DCD_NODE_SCALAR, key, file, 1, col);
            if (!k) {
                dcd_node_free(val);
                return DCD_ENOMEM;
            }
            return dcd_map_put(cur, k, val) == 0 ? DCD_OK : DCD_ENOMEM;
        }
        dcd_node *next = dcd_map_get(cur, key);
        if (!next) {
            dcd_node *k = dcd_node_new(DCD_NODE_SCALAR, key, file, 1, col);
            next = dcd_node_new(DCD_NODE_MAP, NULL, file, 1, col);
            if (!k || !next || dcd_map_put(cur, k, next) != 0) {
                if (!k || !next) {
                    dcd_node_free(k);
                    dcd_node_free(next);
                }
                dcd_node_free(val);
                return DCD_ENOMEM;
            }
        } else if (next->kind == DCD_NODE_SCALAR && is_year_key(end + 1, eq)) {
            dcd_diags_add(ld->diags, file, 1, col,
                          "'%.*s' is a single value (set at %s:%d:%d), not a series of years; "
                          "set the whole series, for example %.*s={%.*s: %s}",
                          (int)(end - arg), arg, next->file, next->line, next->column,
                          (int)(end - arg), arg, (int)(eq - end - 1), end + 1, value);
            dcd_node_free(val);
            return DCD_EINPUT;
        } else if (next->kind != DCD_NODE_MAP) {
            dcd_diags_add(
                ld->diags, file, 1, col,
                "'%.*s' is not a mapping (it is set at %s:%d:%d), so it has no key '%.*s'",
                (int)(end - arg), arg, next->file, next->line, next->column,
                (int)(strcspn(end + 1, ".=")), end + 1);
            dcd_node_free(val);
            return DCD_EINPUT;
        }
        cur = next;
        col += (int)kl + 1;
        seg = dot + 1;
    }
}
