/* dcd_vec.h - the one growable array, the one string list and the one
 * string copy of dcdemand (model/base/vec.c).
 *
 * Growing an array of any type:
 *
 *     if (n == cap) {
 *         T *p = dcd_vec_grow(arr, &cap, n + 1, sizeof *arr);
 *         if (!p)
 *             goto fail;    // ARR and CAP unchanged
 *         arr = p;
 *     }
 *     arr[n++] = x;
 */
#ifndef DCD_VEC_H
#define DCD_VEC_H

#include <stddef.h>

/* Returns P (an array of ELEM-byte items with room for *CAP) reallocated to
 * hold at least NEED items (capacity doubled, at least 8), updating *CAP; P
 * itself when it is already large enough.  Returns NULL when memory ran out
 * or the size overflows; P and *CAP are then unchanged and P stays owned by
 * the caller.  The caller frees the result with free(). */
void *dcd_vec_grow(void *p, size_t *cap, size_t need, size_t elem);

/* A copy of S the caller frees with free(), or NULL when S is NULL or memory
 * ran out. */
char *dcd_strdup(const char *s);

/* A growable list of strings.  Zero-initialise it for borrowed strings
 * (such as the --set arguments of a command line); set OWNS to 1 before the
 * first push for a list that owns (and frees) its strings. */
typedef struct dcd_strlist {
    const char **v;
    size_t n, cap;
    int owns;
} dcd_strlist;

/* Appends S: borrowed, or a copy when the list owns its strings.  Returns 0,
 * or -1 when memory ran out. */
int dcd_strlist_push(dcd_strlist *l, const char *s);
/* Appends S, a string from malloc() the list then owns (L->owns must be 1).
 * On failure (S NULL or no memory) frees S and returns -1. */
int dcd_strlist_take(dcd_strlist *l, char *s);
/* Frees the array (and the strings when the list owns them); the list is
 * left empty and reusable with the same ownership. */
void dcd_strlist_free(dcd_strlist *l);

#endif
