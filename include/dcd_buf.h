/* dcd_buf.h - growable byte buffers for building output in memory.
 *
 * Every writer in dcdemand builds its whole output in a buffer first, so that
 * a file is either written completely (atomically) or not at all.
 */
#ifndef DCD_BUF_H
#define DCD_BUF_H

#include <stddef.h>

/* A growable, always NUL-terminated byte buffer.  Zero-initialise it
 * (dcd_buf b = {0};) and release it with dcd_buf_free(). */
typedef struct dcd_buf {
    char *data;   /* NULL until something is appended */
    size_t len;   /* bytes in use, excluding the terminating NUL */
    size_t cap;   /* bytes allocated */
    int failed;   /* set once an allocation failed; later appends are no-ops */
} dcd_buf;

/* Appends LEN bytes.  Returns 0, or -1 when memory ran out (and sets failed). */
int dcd_buf_append(dcd_buf *b, const char *s, size_t len);
/* Appends a NUL-terminated string. */
int dcd_buf_puts(dcd_buf *b, const char *s);
/* Appends formatted text (printf rules, C locale assumed). */
int dcd_buf_printf(dcd_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Appends a number with the shortest "%.*g" form (up to 12 significant
 * digits) that represents it; NaN is appended as nothing (an empty cell). */
int dcd_buf_num(dcd_buf *b, double x);
/* Empties the buffer without releasing its memory. */
void dcd_buf_clear(dcd_buf *b);
/* Releases the buffer's memory; the buffer is left empty and reusable. */
void dcd_buf_free(dcd_buf *b);
/* Returns the buffer's string ("" when empty); owned by the buffer. */
const char *dcd_buf_str(const dcd_buf *b);

#endif
