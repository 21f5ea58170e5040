/* tree.c - YAML text to located node tree, merge and emit (dcd_tree.h). */
#include "dcd_tree.h"

#include "dcd_vec.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* A copy of the N bytes at S, terminated (scalars come with their length). */
static char *dup_n(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* FNV-1a. */
static size_t hash_text(const char *s)
{
    size_t h = (size_t)2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * (size_t)16777619u;
    return h;
}

/* Rebuilds P's hash index with room for twice its strings.  -1 on OOM. */
static int pool_reindex(dcd_pool *p)
{
    size_t n = 16;
    while (n < 2 * (p->n + 1))
        n *= 2;
    size_t *slot = calloc(n, sizeof *slot);
    if (!slot)
        return -1;
    for (size_t i = 0; i < p->n; i++) {
        size_t h = hash_text(p->s[i]) & (n - 1);
        while (slot[h])
            h = (h + 1) & (n - 1);
        slot[h] = i + 1;
    }
    free(p->slot);
    p->slot = slot;
    p->nslot = n;
    return 0;
}

const char *dcd_pool_intern(dcd_pool *p, const char *s)
{
    if (2 * (p->n + 1) > p->nslot && pool_reindex(p) != 0)
        return NULL;
    size_t h = hash_text(s) & (p->nslot - 1);
    for (; p->slot[h]; h = (h + 1) & (p->nslot - 1))
        if (strcmp(p->s[p->slot[h] - 1], s) == 0)
            return p->s[p->slot[h] - 1];
    if (p->n == p->cap) {
        char **q = dcd_vec_grow(p->s, &p->cap, p->n + 1, sizeof *q);
        if (!q)
            return NULL;
        p->s = q;
    }
    char *c = dcd_strdup(s);
    if (!c)
        return NULL;
    p->s[p->n++] = c;
    p->slot[h] = p->n;
    return c;
}

void dcd_pool_free(dcd_pool *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->s[i]);
    free(p->s);
    free(p->slot);
    p->s = NULL;
    p->slot = NULL;
    p->n = p->cap = p->nslot = 0;
}

dcd_node *dcd_node_new(dcd_node_kind kind, const char *text, const char *file, int line, int column)
{
    dcd_node *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->kind = kind;
    n->file = file;
    n->line = line;
    n->column = column;
    n->plain = 1;
    if (text) {
        n->text = dcd_strdup(text);
        if (!n->text) {
            free(n);
            return NULL;
        }
    }
    return n;
}

void dcd_node_free(dcd_node *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n; i++) {
        if (n->keys)
            dcd_node_free(n->keys[i]);
        dcd_node_free(n->vals[i]);
    }
    free(n->keys);
    free(n->vals);
    free(n->index);
    free(n->text);
    free(n);
}

static int reserve(dcd_node *n)
{
    if (n->n < n->cap)
        return 0;
    /* Keys and values share one capacity: each array grows from the old
     * one to the same new capacity. */
    size_t cap = n->cap;
    dcd_node **v = dcd_vec_grow(n->vals, &cap, n->n + 1, sizeof *v);
    if (!v)
        return -1;
    n->vals = v;
    if (n->kind == DCD_NODE_MAP) {
        size_t kcap = n->cap;
        dcd_node **k = dcd_vec_grow(n->keys, &kcap, n->n + 1, sizeof *k);
        if (!k)
            return -1;
        n->keys = k;
    }
    n->cap = cap;
    return 0;
}

dcd_node *dcd_node_clone(const dcd_node *n)
{
    if (!n)
        return NULL;
    dcd_node *c = dcd_node_new(n->kind, n->text, n->file, n->line, n->column);
    if (!c)
        return NULL;
    c->plain = n->plain;
    for (size_t i = 0; i < n->n; i++) {
        if (reserve(c) != 0)
            goto fail;
        dcd_node *k = NULL;
        if (n->kind == DCD_NODE_MAP) {
            k = dcd_node_clone(n->keys[i]);
            if (!k)
                goto fail;
        }
        dcd_node *v = dcd_node_clone(n->vals[i]);
        if (!v) {
            dcd_node_free(k);
            goto fail;
        }
        if (c->keys)
            c->keys[c->n] = k;
        c->vals[c->n++] = v;
    }
    return c;
fail:
    dcd_node_free(c);
    return NULL;
}

/* Maps with at least this many keys get a hash index. */
#define INDEX_MIN 16

static void index_drop(dcd_node *m)
{
    free(m->index);
    m->index = NULL;
    m->nindex = 0;
}

static void index_add(dcd_node *m, size_t i)
{
    if (!m->keys[i]->text)
        return;
    size_t h = hash_text(m->keys[i]->text) & (m->nindex - 1);
    while (m->index[h])
        h = (h + 1) & (m->nindex - 1);
    m->index[h] = i + 1;
}

/* (Re)builds M's index with room for twice its keys.  On OOM M simply has
 * no index (look-ups fall back to a scan). */
static void index_build(dcd_node *m)
{
    size_t n = 32;
    while (n < 2 * (m->n + 1))
        n *= 2;
    index_drop(m);
    m->index = calloc(n, sizeof *m->index);
    if (!m->index)
        return;
    m->nindex = n;
    for (size_t i = 0; i < m->n; i++)
        index_add(m, i);
}

size_t dcd_map_index(const dcd_node *m, const char *key)
{
    if (!m || m->kind != DCD_NODE_MAP)
        return (size_t)-1;
    if (m->n >= INDEX_MIN && !m->index)
        index_build((dcd_node *)m); /* the index is a cache: nodes are never const objects */
    if (m->index) {
        for (size_t h = hash_text(key) & (m->nindex - 1); m->index[h];
             h = (h + 1) & (m->nindex - 1))
            if (strcmp(m->keys[m->index[h] - 1]->text, key) == 0)
                return m->index[h] - 1;
        return (size_t)-1;
    }
    for (size_t i = 0; i < m->n; i++)
        if (m->keys[i]->text && strcmp(m->keys[i]->text, key) == 0)
            return i;
    return (size_t)-1;
}

dcd_node *dcd_map_get(const dcd_node *m, const char *key)
{
    size_t i = dcd_map_index(m, key);
    return i == (size_t)-1 ? NULL : m->vals[i];
}

int dcd_map_put(dcd_node *m, dcd_node *key, dcd_node *val)
{
    size_t i = dcd_map_index(m, key->text);
    if (i != (size_t)-1) {
        dcd_node_free(m->vals[i]);
        m->vals[i] = val;
        dcd_node_free(key);
        return 0;
    }
    if (reserve(m) != 0) {
        dcd_node_free(key);
        dcd_node_free(val);
        return -1;
    }
    m->keys[m->n] = key;
    m->vals[m->n++] = val;
    if (m->index) {
        if (2 * m->n > m->nindex)
            index_build(m);
        else
            index_add(m, m->n - 1);
    }
    return 0;
}

void dcd_map_remove(dcd_node *m, const char *key)
{
    size_t i = dcd_map_index(m, key);
    if (i == (size_t)-1)
        return;
    dcd_node_free(m->keys[i]);
    dcd_node_free(m->vals[i]);
    memmove(m->keys + i, m->keys + i + 1, (m->n - i - 1) * sizeof *m->keys);
    memmove(m->vals + i, m->vals + i + 1, (m->n - i - 1) * sizeof *m->vals);
    m->n--;
    index_drop(m); /* positions moved: rebuilt on the next look-up */
}

int dcd_seq_push(dcd_node *s, dcd_node *item)
{
    if (reserve(s) != 0) {
        dcd_node_free(item);
        return -1;
    }
    s->vals[s->n++] = item;
    return 0;
}

static int is_year_text(const char *t)
{
    if (!t || !*t)
        return 0;
    for (const char *p = t; *p; p++)
        if (!isdigit((unsigned char)*p))
            return 0;
    return strlen(t) <= 4;
}

int dcd_node_is_series(const dcd_node *m)
{
    if (!m || m->kind != DCD_NODE_MAP || m->n == 0)
        return 0;
    for (size_t i = 0; i < m->n; i++)
        if (is_year_text(m->keys[i]->text))
            return 1;
    return 0;
}

int dcd_tree_merge(dcd_node *base, dcd_node *over)
{
    int rc = 0;
    for (size_t i = 0; i < over->n; i++) {
        dcd_node *k = over->keys[i], *v = over->vals[i];
        over->keys[i] = over->vals[i] = NULL;
        dcd_node *old = dcd_map_get(base, k->text);
        if (v->kind == DCD_NODE_NULL) {
            dcd_map_remove(base, k->text);
            dcd_node_free(k);
            dcd_node_free(v);
        } else if (old && old->kind == DCD_NODE_MAP && v->kind == DCD_NODE_MAP &&
                   !dcd_node_is_series(old) && !dcd_node_is_series(v)) {
            dcd_node_free(k);
            if (rc == 0)
                rc = dcd_tree_merge(old, v);
            else
                dcd_node_free(v);
        } else if (rc == 0) {
            rc = dcd_map_put(base, k, v);
        } else {
            dcd_node_free(k);
            dcd_node_free(v);
        }
    }
    over->n = 0;
    dcd_node_free(over);
    return rc;
}

/* ---- parsing ---------------------------------------------------------- */

/* The tree is built from libyaml's event stream rather than from
 * yaml_parser_load(): that way the depth and node limits stop the parser
 * early.  (libyaml's scanner does work proportional to the flow depth for
 * every token, so a file of 100000 '[' took a minute to load before being
 * refused; and an alias bomb is refused before it is expanded.) */

/* At most this many diagnostics from one parse; then one last note. */
#define MAX_PARSE_ERRORS 50

typedef struct anchor {
    char *name;
    dcd_node *node; /* NULL while the anchored collection is being built */
    size_t size;    /* nodes in the subtree */
    size_t height;  /* levels of the subtree (1 for a scalar) */
} anchor;

typedef struct frame {
    dcd_node *node;     /* the collection being built (not yet in its parent) */
    dcd_node *key;      /* a map's key waiting for its value */
    int skip;           /* drop the next value: its key was refused */
    size_t anchor;      /* 1 + index of the anchor naming this node, or 0 */
    size_t first_count; /* node count when the collection started */
    size_t height;      /* levels below and including this node so far */
} frame;

typedef struct builder {
    const char *file;
    dcd_diags *diags;
    size_t count;  /* nodes so far, aliases expanded */
    size_t errors; /* diagnostics added */
    int failed;    /* a problem was reported: no tree is returned */
    int stop;      /* a limit was hit: stop reading */
    int oom;
    anchor *anchors;
    size_t nanchors, capanchors;
    frame stack[DCD_TREE_MAX_DEPTH + 1];
    size_t depth;    /* open collections */
    dcd_node *root;  /* the finished top node */
    dcd_node *trash; /* refused nodes, kept until the end (aliases may point in) */
} builder;

static void berr(builder *b, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void berr(builder *b, int line, int col, const char *fmt, ...)
{
    b->failed = 1;
    if (b->errors >= MAX_PARSE_ERRORS) {
        b->stop = 1;
        return;
    }
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dcd_diags_add(b->diags, b->file, line, col, "%s", msg);
    if (++b->errors == MAX_PARSE_ERRORS) {
        dcd_diags_add(b->diags, b->file, line, col, "too many errors; stopped reading after %d",
                      MAX_PARSE_ERRORS);
        b->stop = 1;
    }
}

static int mark_line(const yaml_mark_t *m)
{
    return (int)m->line + 1;
}
static int mark_col(const yaml_mark_t *m)
{
    return (int)m->column + 1;
}

static void trash(builder *b, dcd_node *n)
{
    if (!n)
        return;
    if (!b->trash) {
        b->trash = dcd_node_new(DCD_NODE_SEQ, NULL, b->file, 0, 0);
        if (!b->trash) {
            dcd_node_free(n);
            b->oom = b->stop = 1;
            return;
        }
    }
    if (dcd_seq_push(b->trash, n) != 0) /* frees n */
        b->oom = b->stop = 1;
}

/* Counts one more node at nesting DEPTH; 0, or -1 when a limit is hit. */
static int count_node(builder *b, size_t depth, size_t size, size_t height, const yaml_mark_t *m)
{
    if (depth + height - 1 > DCD_TREE_MAX_DEPTH) {
        berr(b, mark_line(m), mark_col(m), "nesting deeper than %d levels", DCD_TREE_MAX_DEPTH);
        b->stop = 1;
        return -1;
    }
    if (b->count + size > DCD_TREE_MAX_NODES) {
        berr(b, mark_line(m), mark_col(m),
             "document too large: more than %d nodes (with aliases expanded)", DCD_TREE_MAX_NODES);
        b->stop = 1;
        return -1;
    }
    b->count += size;
    return 0;
}

static size_t new_anchor(builder *b, const yaml_char_t *name, dcd_node *node)
{
    if (!name)
        return 0;
    if (b->nanchors == b->capanchors) {
        anchor *a = dcd_vec_grow(b->anchors, &b->capanchors, b->nanchors + 1, sizeof *a);
        if (!a) {
            b->oom = b->stop = 1;
            return 0;
        }
        b->anchors = a;
    }
    anchor *a = &b->anchors[b->nanchors];
    a->name = dcd_strdup((const char *)name);
    if (!a->name) {
        b->oom = b->stop = 1;
        return 0;
    }
    a->node = node;
    a->size = 1;
    a->height = 1;
    return ++b->nanchors;
}

static int key_cmp(const void *pa, const void *pb)
{
    const dcd_node *const *a = pa, *const *b = pb;
    int c = strcmp((*a)->text, (*b)->text);
    if (c)
        return c;
    /* ties in file order, so that the first occurrence comes first */
    if ((*a)->line != (*b)->line)
        return (*a)->line < (*b)->line ? -1 : 1;
    return ((*a)->column > (*b)->column) - ((*a)->column < (*b)->column);
}

/* Reports every key of M given a second time (sorting, so a map of many keys
 * costs n log n rather than n^2). */
static void check_duplicates(builder *b, const dcd_node *m)
{
    if (m->n < 2)
        return;
    const dcd_node **k = malloc(m->n * sizeof *k);
    if (!k) {
        b->oom = b->stop = 1;
        return;
    }
    memcpy(k, m->keys, m->n * sizeof *k);
    qsort(k, m->n, sizeof *k, key_cmp);
    for (size_t i = 1, first = 0; i < m->n && !b->stop; i++) {
        if (strcmp(k[i]->text, k[first]->text) != 0) {
            first = i;
            continue;
        }
        berr(b, k[i]->line, k[i]->column, "duplicate key '%s' (first at line %d, column %d)",
             k[i]->text, k[first]->line, k[first]->column);
    }
    free(k);
}

/* Hands a finished node N of HEIGHT levels to the open collection, or makes
 * it the root. */
static void add_node(builder *b, dcd_node *n, size_t height)
{
    if (b->depth == 0) {
        if (b->root) /* cannot happen with one document; be safe */
            trash(b, b->root);
        b->root = n;
        return;
    }
    frame *f = &b->stack[b->depth - 1];
    if (height + 1 > f->height)
        f->height = height + 1;
    if (f->node->kind == DCD_NODE_SEQ) {
        if (dcd_seq_push(f->node, n) != 0)
            b->oom = b->stop = 1;
        return;
    }
    if (f->skip) {
        f->skip = 0;
        trash(b, n);
        return;
    }
    if (!f->key) {
        if (n->kind == DCD_NODE_MAP || n->kind == DCD_NODE_SEQ) {
            berr(b, n->line, n->column, "mapping keys must be plain words or years, not %s",
                 n->kind == DCD_NODE_MAP ? "a mapping" : "a list");
            f->skip = 1;
            trash(b, n);
        } else if (n->kind == DCD_NODE_NULL) {
            berr(b, n->line, n->column, "empty mapping key");
            f->skip = 1;
            trash(b, n);
        } else {
            f->key = n;
        }
        return;
    }
    /* Duplicates are found when the mapping ends (check_duplicates). */
    if (reserve(f->node) != 0) {
        trash(b, n);
        b->oom = b->stop = 1;
        return;
    }
    f->node->keys[f->node->n] = f->key;
    f->node->vals[f->node->n++] = n;
    f->key = NULL;
}

static int is_null_text(const char *v, size_t len)
{
    return len == 0 || (len == 1 && v[0] == '~') ||
           (len == 4 &&
            (memcmp(v, "null", 4) == 0 || memcmp(v, "Null", 4) == 0 || memcmp(v, "NULL", 4) == 0));
}

#define YAML_TAG_PREFIX "tag:yaml.org,2002:"

/* YAML tags: `!!str` (and the non-specific `!`) make a scalar text, exactly
 * like quoting it; every other tag is refused, so that no tag changes what
 * a value means in a way the rest of the loader would not see
 * (docs/scenario-format.md, "Values").  Returns 1 when TAG (may be NULL) is
 * accepted, and sets *TEXT when it makes the scalar text. */
static int check_tag(builder *b, const yaml_char_t *tag, int scalar, const yaml_mark_t *m,
                     int *text)
{
    const char *t = (const char *)tag;
    *text = 0;
    if (!t)
        return 1;
    if (scalar && (strcmp(t, YAML_TAG_PREFIX "str") == 0 || strcmp(t, "!") == 0)) {
        *text = 1;
        return 1;
    }
    size_t pl = strlen(YAML_TAG_PREFIX);
    int core = strncmp(t, YAML_TAG_PREFIX, pl) == 0;
    berr(b, mark_line(m), mark_col(m),
         "YAML tag '%s%.60s' is not supported: write the value without it (only !!str, "
         "which makes a scalar text like quotes do, is accepted)",
         core ? "!!" : "", core ? t + pl : t);
    return 0;
}

static void on_scalar(builder *b, const yaml_event_t *ev)
{
    const yaml_mark_t *m = &ev->start_mark;
    const char *v = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    int plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE, as_text;
    if (count_node(b, b->depth, 1, 1, m) != 0)
        return;
    if (!check_tag(b, ev->data.scalar.tag, 1, m, &as_text))
        v = "", len = 0, plain = 0;
    else if (as_text)
        plain = 0;
    dcd_node *n;
    if (plain && is_null_text(v, len)) {
        n = dcd_node_new(DCD_NODE_NULL, NULL, b->file, mark_line(m), mark_col(m));
    } else {
        if (memchr(v, '\0', len)) {
            berr(b, mark_line(m), mark_col(m),
                 "text holds a NUL character (\\0), which cannot be used");
            v = "";
            len = 0;
        }
        n = dcd_node_new(DCD_NODE_SCALAR, NULL, b->file, mark_line(m), mark_col(m));
        if (n) {
            n->plain = plain;
            n->text = dup_n(v, len);
            if (!n->text) {
                dcd_node_free(n);
                n = NULL;
            }
        }
    }
    if (!n) {
        b->oom = b->stop = 1;
        return;
    }
    new_anchor(b, ev->data.scalar.anchor, n);
    add_node(b, n, 1);
}

static void on_alias(builder *b, const yaml_event_t *ev)
{
    const yaml_mark_t *m = &ev->start_mark;
    const char *name = (const char *)ev->data.alias.anchor;
    const anchor *a = NULL;
    for (size_t i = b->nanchors; i > 0; i--)
        if (strcmp(b->anchors[i - 1].name, name) == 0) {
            a = &b->anchors[i - 1];
            break;
        }
    if (!a) {
        berr(b, mark_line(m), mark_col(m), "alias '*%s' has no anchor '&%s' before it", name, name);
        return;
    }
    if (!a->node) {
        berr(b, mark_line(m), mark_col(m), "alias '*%s' refers to a node that contains it", name);
        return;
    }
    if (count_node(b, b->depth, a->size, a->height, m) != 0)
        return;
    dcd_node *c = dcd_node_clone(a->node);
    if (!c) {
        b->oom = b->stop = 1;
        return;
    }
    /* The copy is reported where the alias is written. */
    c->line = mark_line(m);
    c->column = mark_col(m);
    add_node(b, c, a->height);
}

static void on_start(builder *b, const yaml_event_t *ev)
{
    const yaml_mark_t *m = &ev->start_mark;
    int map = ev->type == YAML_MAPPING_START_EVENT, as_text;
    if (count_node(b, b->depth, 1, 1, m) != 0)
        return;
    check_tag(b, map ? ev->data.mapping_start.tag : ev->data.sequence_start.tag, 0, m, &as_text);
    dcd_node *n =
        dcd_node_new(map ? DCD_NODE_MAP : DCD_NODE_SEQ, NULL, b->file, mark_line(m), mark_col(m));
    if (!n) {
        b->oom = b->stop = 1;
        return;
    }
    frame *f = &b->stack[b->depth++];
    memset(f, 0, sizeof *f);
    f->node = n;
    f->first_count = b->count - 1;
    f->height = 1;
    f->anchor =
        new_anchor(b, map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor, NULL);
}

static void on_end(builder *b)
{
    if (b->depth == 0)
        return;
    frame *f = &b->stack[--b->depth];
    dcd_node *n = f->node;
    trash(b, f->key); /* a key without a value cannot happen; be safe */
    if (n->kind == DCD_NODE_MAP)
        check_duplicates(b, n);
    if (f->anchor) {
        anchor *a = &b->anchors[f->anchor - 1];
        a->node = n;
        a->size = b->count - f->first_count;
        a->height = f->height;
    }
    size_t h = f->height;
    memset(f, 0, sizeof *f);
    add_node(b, n, h);
}

/* Line and column (1-based, columns in characters) of byte OFFSET. */
static void offset_position(const char *text, size_t len, size_t offset, int *line, int *col)
{
    int l = 1, c = 1;
    if (offset > len)
        offset = len;
    for (size_t i = 0; i < offset; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n' || (ch == '\r' && (i + 1 >= len || text[i + 1] != '\n'))) {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80 && ch != '\r') {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* The byte at 0-based LINE and character COLUMN, or -1. */
static int char_at(const char *text, size_t len, size_t line, size_t column)
{
    size_t i = 0;
    for (size_t l = 0; l < line && i < len; i++)
        if (text[i] == '\n')
            l++;
    for (size_t c = 0; i < len && text[i] != '\n'; i++) {
        if (((unsigned char)text[i] & 0xC0) == 0x80)
            continue;
        if (c++ == column)
            return (unsigned char)text[i];
    }
    return -1;
}

static void syntax_error(builder *b, const yaml_parser_t *p, const char *text, size_t len)
{
    const char *problem = p->problem ? p->problem : "YAML syntax error";
    int line, col;
    if (p->error == YAML_MEMORY_ERROR) {
        b->oom = 1;
        return;
    }
    if (p->error == YAML_READER_ERROR) {
        size_t at = p->problem_offset < len ? p->problem_offset : len;
        if (strstr(problem, "UTF-8") || strstr(problem, "Unicode")) {
            /* Point at the first byte of the broken character. */
            if (strstr(problem, "trailing"))
                while (at > 0 && ((unsigned char)text[at - 1] & 0xC0) == 0x80)
                    at--;
            if (strstr(problem, "trailing") && at > 0)
                at--;
            offset_position(text, len, at, &line, &col);
            if (at < len && strstr(problem, "trailing"))
                berr(b, line, col,
                     "not valid UTF-8 text: byte 0x%02X is not followed by a UTF-8 "
                     "continuation byte; save the file as UTF-8",
                     (unsigned char)text[at]);
            else if (at < len)
                berr(b, line, col,
                     "not valid UTF-8 text: %s (byte 0x%02X); save the file as "
                     "UTF-8",
                     problem, (unsigned char)text[at]);
            else
                berr(b, line, col, "not valid UTF-8 text: %s; save the file as UTF-8", problem);
        } else if (p->problem_value >= 0) {
            offset_position(text, len, at, &line, &col);
            berr(b, line, col, "control character U+%04X is not allowed in YAML text",
                 (unsigned)p->problem_value);
        } else {
            offset_position(text, len, at, &line, &col);
            berr(b, line, col, "not valid text: %s", problem);
        }
        return;
    }
    line = mark_line(&p->problem_mark);
    col = mark_col(&p->problem_mark);
    if (char_at(text, len, p->problem_mark.line, p->problem_mark.column) == '\t') {
        berr(b, line, col,
             "a tab character where YAML expects spaces: indent with spaces, "
             "not tabs");
        return;
    }
    const char *hint = "";
    if (strcmp(problem, "mapping values are not allowed in this context") == 0)
        hint = " (check the indentation of this line, or quote text that holds ': ')";
    if (p->context && strcmp(problem, "found unexpected end of stream") == 0 &&
        strstr(p->context, "quoted scalar")) {
        /* Point at the opening quote, not at the end of the file. */
        berr(b, mark_line(&p->context_mark), mark_col(&p->context_mark),
             "quoted text is not closed: its closing quote is missing");
    } else if (p->context && (p->context_mark.line != p->problem_mark.line ||
                              p->context_mark.column != p->problem_mark.column)) {
        berr(b, line, col, "%s %s started at line %d, column %d%s", problem, p->context,
             mark_line(&p->context_mark), mark_col(&p->context_mark), hint);
    } else if (p->context) {
        berr(b, line, col, "%s %s%s", problem, p->context, hint);
    } else {
        berr(b, line, col, "%s%s", problem, hint);
    }
}

int dcd_tree_parse(const char *text, size_t len, const char *file, dcd_node **root,
                   dcd_diags *diags)
{
    yaml_parser_t parser;
    builder b;
    int docs = 0, done = 0, rc = DCD_OK;
    memset(&b, 0, sizeof b);
    b.file = file;
    b.diags = diags;
    *root = NULL;
    if (!yaml_parser_initialize(&parser))
        return DCD_ENOMEM;
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    while (!done && !b.stop) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            syntax_error(&b, &parser, text, len);
            b.failed = 1;
            break;
        }
        switch (ev.type) {
        case YAML_STREAM_END_EVENT: done = 1; break;
        case YAML_DOCUMENT_START_EVENT:
            if (docs++) {
                berr(&b, mark_line(&ev.start_mark), mark_col(&ev.start_mark),
                     "a scenario file holds one YAML document; found a second");
                done = 1;
            }
            break;
        case YAML_SCALAR_EVENT: on_scalar(&b, &ev); break;
        case YAML_ALIAS_EVENT: on_alias(&b, &ev); break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: on_start(&b, &ev); break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: on_end(&b); break;
        default: break;
        }
        yaml_event_delete(&ev);
    }
    if (b.oom)
        rc = DCD_ENOMEM;
    else if (b.failed)
        rc = DCD_EINPUT;
    else if (!done)
        rc = DCD_EINPUT; /* stopped without a message: cannot happen; be safe */
    if (rc == DCD_OK)
        *root = b.root;
    else
        dcd_node_free(b.root);
    while (b.depth > 0) {
        frame *f = &b.stack[--b.depth];
        dcd_node_free(f->key);
        dcd_node_free(f->node);
    }
    dcd_node_free(b.trash);
    for (size_t i = 0; i < b.nanchors; i++)
        free(b.anchors[i].name);
    free(b.anchors);
    yaml_parser_delete(&parser);
    return rc;
}

/* ---- emitting --------------------------------------------------------- */

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
    return dcd_buf_append((dcd_buf *)data, (const char *)buffer, size) == 0;
}

static int emit_scalar(yaml_emitter_t *em, const char *text, int plain)
{
    yaml_event_t ev;
    /* Plain scalars stay plain (numbers, words); quoted ones are emitted
     * quoted so that they read back as text. */
    if (!yaml_scalar_event_initialize(
            &ev, NULL, NULL, (yaml_char_t *)text, (int)strlen(text), plain, !plain,
            plain ? YAML_ANY_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE))
        return -1;
    return yaml_emitter_emit(em, &ev) ? 0 : -1;
}

static int emit_node(yaml_emitter_t *em, const dcd_node *n, int flow)
{
    yaml_event_t ev;
    switch (n->kind) {
    case DCD_NODE_NULL: return emit_scalar(em, "~", 1);
    case DCD_NODE_SCALAR: return emit_scalar(em, n->text, n->plain);
    case DCD_NODE_SEQ:
        if (!yaml_sequence_start_event_initialize(
                &ev, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE) ||
            !yaml_emitter_emit(em, &ev))
            return -1;
        for (size_t i = 0; i < n->n; i++)
            if (emit_node(em, n->vals[i], flow) != 0)
                return -1;
        if (!yaml_sequence_end_event_initialize(&ev) || !yaml_emitter_emit(em, &ev))
            return -1;
        return 0;
    case DCD_NODE_MAP: {
        int f = flow || dcd_node_is_series(n);
        if (!yaml_mapping_start_event_initialize(
                &ev, NULL, NULL, 1, f ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE) ||
            !yaml_emitter_emit(em, &ev))
            return -1;
        for (size_t i = 0; i < n->n; i++)
            if (emit_node(em, n->keys[i], f) != 0 || emit_node(em, n->vals[i], f) != 0)
                return -1;
        if (!yaml_mapping_end_event_initialize(&ev) || !yaml_emitter_emit(em, &ev))
            return -1;
        return 0;
    }
    }
    return -1;
}

int dcd_tree_emit(const dcd_node *root, dcd_buf *out)
{
    yaml_emitter_t em;
    yaml_event_t ev;
    int rc = -1;
    if (!yaml_emitter_initialize(&em))
        return -1;
    yaml_emitter_set_output(&em, write_handler, out);
    yaml_emitter_set_unicode(&em, 1);
    yaml_emitter_set_width(&em, 100);
    yaml_emitter_set_indent(&em, 2);
    if (!yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) ||
        !yaml_emitter_emit(&em, &ev))
        goto done;
    if (!yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) ||
        !yaml_emitter_emit(&em, &ev))
        goto done;
    if (root) {
        if (emit_node(&em, root, 0) != 0)
            goto done;
    } else if (emit_scalar(&em, "~", 1) != 0) {
        goto done;
    }
    if (!yaml_document_end_event_initialize(&ev, 1) || !yaml_emitter_emit(&em, &ev))
        goto done;
    if (!yaml_stream_end_event_initialize(&ev) || !yaml_emitter_emit(&em, &ev))
        goto done;
    if (!yaml_emitter_flush(&em))
        goto done;
    rc = out->failed ? -1 : 0;
done:
    yaml_emitter_delete(&em);
    return rc;
}
