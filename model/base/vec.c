/* vec.c - growable arrays, string lists, string copies (include/dcd_vec.h). */
#include "dcd_vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void *dcd_vec_grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap && p)
        return p;
    size_t n = *cap ? *cap : 4;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return NULL;
        n *= 2;
    }
    if (n < 8)
        n = 8;
    if (elem && n > SIZE_MAX / elem)
        return NULL;
    void *q = realloc(p, n * elem);
    if (!q)
        return NULL;
    *cap = n;
    return q;
}

char *dcd_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

static int push(dcd_strlist *l, const char *s)
{
    if (l->n == l->cap) {
        const char **p = dcd_vec_grow(l->v, &l->cap, l->n + 1, sizeof *p);
        if (!p)
            return -1;
        l->v = p;
    }
    l->v[l->n++] = s;
    return 0;
}

int dcd_strlist_push(dcd_strlist *l, const char *s)
{
    if (!l->owns)
        return push(l, s);
    return dcd_strlist_take(l, dcd_strdup(s));
}

int dcd_strlist_take(dcd_strlist *l, char *s)
{
    if (!s || push(l, s) != 0) {
        free(s);
        return -1;
    }
    return 0;
}

void dcd_strlist_free(dcd_strlist *l)
{
    if (l->owns)
        for (size_t i = 0; i < l->n; i++)
            free((char *)l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}
