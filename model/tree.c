/* tree.c - YAML text to located node tree, merge and emit (dcd_tree.h). */
#include "dcd_tree.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static char *dup_n(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

const char *dcd_pool_intern(dcd_pool *p, const char *s)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->s[i], s) == 0)
            return p->s[i];
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 8;
        char **q = realloc(p->s, cap * sizeof *q);
        if (!q)
            return NULL;
        p->s = q;
        p->cap = cap;
    }
    char *c = dup_n(s, strlen(s));
    if (!c)
        return NULL;
    p->s[p->n++] = c;
    return c;
}

void dcd_pool_free(dcd_pool *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->s[i]);
    free(p->s);
    p->s = NULL;
    p->n = p->cap = 0;
}

dcd_node *dcd_node_new(dcd_node_kind kind, const char *text, const char *file,
                       int line, int column)
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
        n->text = dup_n(text, strlen(text));
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
    free(n->text);
    free(n);
}

static int reserve(dcd_node *n)
{
    if (n->n < n->cap)
        return 0;
    size_t cap = n->cap ? n->cap * 2 : 4;
    dcd_node **v = realloc(n->vals, cap * sizeof *v);
    if (!v)
        return -1;
    n->vals = v;
    if (n->kind == DCD_NODE_MAP) {
        dcd_node **k = realloc(n->keys, cap * sizeof *k);
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

size_t dcd_map_index(const dcd_node *m, const char *key)
{
    if (!m || m->kind != DCD_NODE_MAP)
        return (size_t)-1;
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

typedef struct conv {
    yaml_document_t *doc;
    const char *file;
    dcd_diags *diags;
    size_t count;
    int failed;
} conv;

static int is_null_scalar(const yaml_node_t *yn)
{
    if (yn->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    const char *v = (const char *)yn->data.scalar.value;
    size_t len = yn->data.scalar.length;
    return len == 0 || (len == 1 && v[0] == '~') ||
           (len == 4 && (memcmp(v, "null", 4) == 0 || memcmp(v, "Null", 4) == 0 ||
                         memcmp(v, "NULL", 4) == 0));
}

static dcd_node *convert(conv *c, yaml_node_t *yn, int depth)
{
    int line = (int)yn->start_mark.line + 1, col = (int)yn->start_mark.column + 1;
    if (++c->count > DCD_TREE_MAX_NODES) {
        if (!c->failed)
            dcd_diags_add(c->diags, c->file, line, col,
                          "document has more than %d nodes (aliases expanding?)",
                          DCD_TREE_MAX_NODES);
        c->failed = 1;
        return NULL;
    }
    if (depth > DCD_TREE_MAX_DEPTH) {
        if (!c->failed)
            dcd_diags_add(c->diags, c->file, line, col,
                          "nesting deeper than %d levels", DCD_TREE_MAX_DEPTH);
        c->failed = 1;
        return NULL;
    }
    dcd_node *n = NULL;
    switch (yn->type) {
    case YAML_SCALAR_NODE:
        if (is_null_scalar(yn))
            return dcd_node_new(DCD_NODE_NULL, NULL, c->file, line, col);
        if (memchr(yn->data.scalar.value, '\0', yn->data.scalar.length)) {
            dcd_diags_add(c->diags, c->file, line, col, "text holds a NUL character");
            c->failed = 1;
            return NULL;
        }
        n = dcd_node_new(DCD_NODE_SCALAR, NULL, c->file, line, col);
        if (!n)
            return NULL;
        n->text = dup_n((const char *)yn->data.scalar.value, yn->data.scalar.length);
        n->plain = yn->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        if (!n->text) {
            dcd_node_free(n);
            return NULL;
        }
        return n;
    case YAML_SEQUENCE_NODE:
        n = dcd_node_new(DCD_NODE_SEQ, NULL, c->file, line, col);
        if (!n)
            return NULL;
        for (yaml_node_item_t *it = yn->data.sequence.items.start;
             it < yn->data.sequence.items.top; it++) {
            dcd_node *item = convert(c, yaml_document_get_node(c->doc, *it), depth + 1);
            if (!item || dcd_seq_push(n, item) != 0)
                goto fail;
        }
        return n;
    case YAML_MAPPING_NODE:
        n = dcd_node_new(DCD_NODE_MAP, NULL, c->file, line, col);
        if (!n)
            return NULL;
        for (yaml_node_pair_t *pr = yn->data.mapping.pairs.start;
             pr < yn->data.mapping.pairs.top; pr++) {
            yaml_node_t *yk = yaml_document_get_node(c->doc, pr->key);
            int kl = (int)yk->start_mark.line + 1, kc = (int)yk->start_mark.column + 1;
            if (yk->type != YAML_SCALAR_NODE) {
                dcd_diags_add(c->diags, c->file, kl, kc, "mapping keys must be plain words or years");
                c->failed = 1;
                continue;
            }
            dcd_node *k = convert(c, yk, depth + 1);
            if (!k)
                goto fail;
            if (k->kind == DCD_NODE_NULL) {
                dcd_diags_add(c->diags, c->file, kl, kc, "empty mapping key");
                c->failed = 1;
                dcd_node_free(k);
                continue;
            }
            dcd_node *prev = dcd_map_get(n, k->text);
            if (prev) {
                size_t pi = dcd_map_index(n, k->text);
                dcd_diags_add(c->diags, c->file, kl, kc,
                              "duplicate key '%s' (first at line %d)", k->text,
                              n->keys[pi]->line);
                c->failed = 1;
                dcd_node_free(k);
                continue;
            }
            dcd_node *v = convert(c, yaml_document_get_node(c->doc, pr->value), depth + 1);
            if (!v) {
                dcd_node_free(k);
                goto fail;
            }
            if (dcd_map_put(n, k, v) != 0)
                goto fail; /* put freed k and v */
        }
        return n;
    default:
        return dcd_node_new(DCD_NODE_NULL, NULL, c->file, line, col);
    }
fail:
    dcd_node_free(n);
    return NULL;
}

int dcd_tree_parse(const char *text, size_t len, const char *file,
                   dcd_node **root, dcd_diags *diags)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    int rc = DCD_OK, have_doc = 0;
    *root = NULL;
    if (!yaml_parser_initialize(&parser))
        return DCD_ENOMEM;
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &doc)) {
        int line = (int)parser.problem_mark.line + 1;
        int col = (int)parser.problem_mark.column + 1;
        if (parser.error == YAML_MEMORY_ERROR) {
            rc = DCD_ENOMEM;
        } else {
            if (parser.context)
                dcd_diags_add(diags, file, line, col, "%s %s (line %d)",
                              parser.problem ? parser.problem : "YAML error", parser.context,
                              (int)parser.context_mark.line + 1);
            else
                dcd_diags_add(diags, file, line, col, "%s",
                              parser.problem ? parser.problem : "YAML syntax error");
            rc = DCD_EINPUT;
        }
        goto done;
    }
    have_doc = 1;
    yaml_node_t *top = yaml_document_get_root_node(&doc);
    if (!top)
        goto done; /* empty file */
    conv c = {&doc, file, diags, 0, 0};
    *root = convert(&c, top, 0);
    if (c.failed) {
        dcd_node_free(*root);
        *root = NULL;
        rc = DCD_EINPUT;
        goto done;
    }
    if (!*root) {
        rc = DCD_ENOMEM;
        goto done;
    }
    /* A second document in the same stream is a mistake worth reporting. */
    yaml_document_t extra;
    if (!yaml_parser_load(&parser, &extra)) {
        dcd_diags_add(diags, file, (int)parser.problem_mark.line + 1,
                      (int)parser.problem_mark.column + 1, "%s",
                      parser.problem ? parser.problem : "YAML syntax error");
        rc = DCD_EINPUT;
    } else {
        yaml_node_t *more = yaml_document_get_root_node(&extra);
        if (more) {
            dcd_diags_add(diags, file, (int)more->start_mark.line + 1,
                          (int)more->start_mark.column + 1,
                          "a scenario file holds one YAML document; found a second");
            rc = DCD_EINPUT;
        }
        yaml_document_delete(&extra);
    }
    if (rc != DCD_OK) {
        dcd_node_free(*root);
        *root = NULL;
    }
done:
    if (have_doc)
        yaml_document_delete(&doc);
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
    if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)text,
                                      (int)strlen(text), plain, !plain,
                                      plain ? YAML_ANY_SCALAR_STYLE
                                            : YAML_DOUBLE_QUOTED_SCALAR_STYLE))
        return -1;
    return yaml_emitter_emit(em, &ev) ? 0 : -1;
}

static int emit_node(yaml_emitter_t *em, const dcd_node *n, int flow)
{
    yaml_event_t ev;
    switch (n->kind) {
    case DCD_NODE_NULL:
        return emit_scalar(em, "~", 1);
    case DCD_NODE_SCALAR:
        return emit_scalar(em, n->text, n->plain);
    case DCD_NODE_SEQ:
        if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
                                                  flow ? YAML_FLOW_SEQUENCE_STYLE
                                                       : YAML_BLOCK_SEQUENCE_STYLE) ||
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
        if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                                 f ? YAML_FLOW_MAPPING_STYLE
                                                   : YAML_BLOCK_MAPPING_STYLE) ||
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
