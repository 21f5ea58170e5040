/* buf.c - growable byte buffers (see include/dcd_buf.h). */
#include "dcd_buf.h"

#include "dcd_vec.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(dcd_buf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    if (extra > SIZE_MAX - b->len - 1) {
        b->failed = 1;
        return -1;
    }
    /* A first buffer holds 256 bytes; capacities double from there. */
    size_t need = b->len + extra + 1;
    char *p = dcd_vec_grow(b->data, &b->cap, !b->cap && need < 256 ? 256 : need, 1);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->data = p;
    return 0;
}

int dcd_buf_append(dcd_buf *b, const char *s, size_t len)
{
    if (grow(b, len) != 0)
        return -1;
    if (len)
        memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int dcd_buf_puts(dcd_buf *b, const char *s)
{
    return dcd_buf_append(b, s, strlen(s));
}

int dcd_buf_printf(dcd_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return -1;
    }
    if (grow(b, (size_t)n) != 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

int dcd_buf_num(dcd_buf *b, double x)
{
    if (isnan(x))
        return b->failed ? -1 : 0;
    char tmp[40];
    /* The shortest precision that reads back to the same double, capped at
     * 12 significant digits: results carry no more meaning than that, and a
     * fixed cap keeps files byte-identical across runs and machines.  Numbers
     * of ordinary size never use an exponent (4000, not 4e+03). */
    double ax = fabs(x);
    int plain = ax >= 1e-4 && ax < 1e12;
    /* Most computed values need all 12 digits: one conversion settles them.
     * Only values that are exact at 12 digits search for a shorter form. */
    snprintf(tmp, sizeof tmp, "%.12g", x);
    if (strtod(tmp, NULL) == x) {
        for (int prec = 1; prec < 12; prec++) {
            char t2[40];
            snprintf(t2, sizeof t2, "%.*g", prec, x);
            if (strtod(t2, NULL) == x && !(plain && strchr(t2, 'e'))) {
                memcpy(tmp, t2, sizeof tmp);
                break;
            }
        }
    }
    if (x == 0)
        snprintf(tmp, sizeof tmp, "0"); /* no "-0" */
    return dcd_buf_puts(b, tmp);
}

void dcd_buf_clear(dcd_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void dcd_buf_free(dcd_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

const char *dcd_buf_str(const dcd_buf *b)
{
    return b->data ? b->data : "";
}
