/* error.c - status strings, exit codes and diagnostics (include/dcd_error.h). */
#include "dcd_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_vec.h"

const char *dcd_strerror(int status)
{
    switch (status) {
    case DCD_OK: return "success";
    case DCD_EUSAGE: return "usage error";
    case DCD_EINPUT: return "invalid input";
    case DCD_EMODEL: return "projection failed";
    case DCD_EIO: return "output error";
    case DCD_EPLOT: return "charts failed";
    case DCD_ECHECK: return "expectations not met";
    case DCD_ENOMEM: return "out of memory";
    case DCD_ENOSOLVE: return "no solution";
    default: return "unknown error";
    }
}

int dcd_exit_code(int status)
{
    switch (status) {
    case DCD_OK: return DCD_EXIT_OK;
    case DCD_ECHECK: return DCD_EXIT_CHECK;
    case DCD_EUSAGE: return DCD_EXIT_USAGE;
    case DCD_EINPUT: return DCD_EXIT_INPUT;
    case DCD_EMODEL: return DCD_EXIT_MODEL;
    case DCD_EIO: return DCD_EXIT_IO;
    case DCD_EPLOT: return DCD_EXIT_PLOT;
    case DCD_ENOSOLVE: return DCD_EXIT_NOSOLVE;
    default: return DCD_EXIT_INTERNAL;
    }
}

void dcd_diags_add(dcd_diags *d, const char *file, int line, int column,
                   const char *fmt, ...)
{
    if (d->n == d->cap) {
        dcd_diag *p = dcd_vec_grow(d->items, &d->cap, d->n + 1, sizeof *p);
        if (!p) {
            d->oom = 1;
            return;
        }
        d->items = p;
    }
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0) {
        d->oom = 1;
        return;
    }
    char *msg = malloc((size_t)len + 1);
    char *f = file ? dcd_strdup(file) : NULL;
    if (!msg || (file && !f)) {
        free(msg);
        free(f);
        d->oom = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)len + 1, fmt, ap);
    va_end(ap);
    dcd_diag *g = &d->items[d->n];
    g->file = f;
    g->line = line;
    g->column = column;
    g->message = msg;
    g->seq = d->n;
    d->n++;
}

/* Rank of each diagnostic's file: the position of its first appearance. */
static size_t file_rank(const dcd_diags *d, const char *file)
{
    for (size_t i = 0; i < d->n; i++) {
        const char *f = d->items[i].file;
        if ((f == NULL && file == NULL) || (f && file && strcmp(f, file) == 0))
            return i;
    }
    return d->n;
}

void dcd_diags_sort(dcd_diags *d)
{
    /* Insertion sort: lists are short, and it is stable. */
    size_t *rank = malloc((d->n ? d->n : 1) * sizeof *rank);
    if (!rank)
        return;
    for (size_t i = 0; i < d->n; i++)
        rank[i] = file_rank(d, d->items[i].file);
    for (size_t i = 1; i < d->n; i++) {
        dcd_diag g = d->items[i];
        size_t r = rank[i];
        size_t j = i;
        while (j > 0) {
            const dcd_diag *p = &d->items[j - 1];
            int before = rank[j - 1] > r ||
                         (rank[j - 1] == r &&
                          (p->line > g.line ||
                           (p->line == g.line && p->column > g.column)));
            if (!before)
                break;
            d->items[j] = d->items[j - 1];
            rank[j] = rank[j - 1];
            j--;
        }
        d->items[j] = g;
        rank[j] = r;
    }
    free(rank);
}

void dcd_diags_print(const dcd_diags *d, FILE *out)
{
    for (size_t i = 0; i < d->n; i++) {
        const dcd_diag *g = &d->items[i];
        if (g->file && g->line > 0)
            fprintf(out, "%s:%d:%d: error: %s\n", g->file, g->line, g->column,
                    g->message);
        else if (g->file)
            fprintf(out, "%s: error: %s\n", g->file, g->message);
        else
            fprintf(out, "error: %s\n", g->message);
    }
    if (d->oom)
        fprintf(out, "error: out of memory while reporting errors\n");
}

void dcd_diags_free(dcd_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
    }
    free(d->items);
    d->items = NULL;
    d->n = d->cap = 0;
    d->oom = 0;
}

int dcd_escape_controls(dcd_diags *d, size_t from)
{
    for (size_t i = from; i < d->n; i++) {
        char *m = d->items[i].message;
        size_t extra = 0;
        for (const unsigned char *p = (const unsigned char *)m; *p; p++)
            extra += (*p < 0x20 || *p == 0x7f) ? 3 : 0;
        if (!extra)
            continue;
        char *c = malloc(strlen(m) + extra + 1);
        if (!c)
            return -1;
        size_t k = 0;
        for (const unsigned char *p = (const unsigned char *)m; *p; p++) {
            if (*p < 0x20 || *p == 0x7f)
                k += (size_t)sprintf(c + k, "\\x%02X", *p);
            else
                c[k++] = (char)*p;
        }
        c[k] = '\0';
        free(m);
        d->items[i].message = c;
    }
    return 0;
}
