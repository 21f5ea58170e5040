/* fuzz_script.h - checks of gnuplot scripts shared by the fuzz harnesses
 * (static functions: each harness is one translation unit). */
#ifndef FUZZ_SCRIPT_H
#define FUZZ_SCRIPT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_buf.h"
#include "dcd_chart_text.h"

/* Number of lines of the $TEXT datablock as gnuplot reads it, or -1 when
 * the block is not closed by the program's own end marker: gnuplot ends a
 * datablock at the first line that starts with the marker, so that line
 * must be exactly the marker, and a text line may never be the marker (the
 * exact-marker lines must number the datablocks opened with it). */
static long text_lines(const char *script)
{
    char open[64];
    snprintf(open, sizeof open, "$TEXT << %s\n", dcd_plot_text_marker);
    const char *p = NULL;
    size_t mlen = strlen(dcd_plot_text_marker), olen = strlen(open);
    long opened = 0, closed = 0;
    for (const char *q = script; *q;) { /* whole lines only */
        const char *nl = strchr(q, '\n');
        size_t len = nl ? (size_t)(nl - q) : strlen(q);
        if (len + 1 == olen && strncmp(q, open, olen) == 0) {
            opened++;
            if (!p)
                p = q;
        }
        if (len == mlen && strncmp(q, dcd_plot_text_marker, mlen) == 0)
            closed++;
        q += len + (nl != NULL);
    }
    if (!p)
        return -1;
    if (closed != opened)
        return -1;
    p += strlen(open);
    for (long n = 0; *p; n++) {
        const char *nl = strchr(p, '\n');
        if (!nl)
            return -1;
        if (strncmp(p, dcd_plot_text_marker, mlen) == 0)
            return (size_t)(nl - p) == mlen ? n : -1;
        p = nl + 1;
    }
    return -1;
}

/* Appends to OUT the lines of SCRIPT that gnuplot reads as commands: every
 * line but the contents of datablocks ("$NAME << MARKER" up to the first
 * line starting with MARKER, as gnuplot ends it). */
static void command_lines(const char *script, dcd_buf *out)
{
    char marker[128] = "";
    for (const char *p = script; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p + 1) : strlen(p);
        if (marker[0]) {
            if (strncmp(p, marker, strlen(marker)) == 0) {
                marker[0] = '\0';
                dcd_buf_append(out, p, len);
            }
        } else {
            dcd_buf_append(out, p, len);
            const char *lt = p[0] == '$' ? strstr(p, " << ") : NULL;
            if (lt && (!nl || lt < nl)) {
                size_t mlen = (nl ? (size_t)(nl - lt) : strlen(lt)) - 4;
                if (mlen >= sizeof marker)
                    abort();
                memcpy(marker, lt + 4, mlen);
                marker[mlen] = '\0';
            }
        }
        p += len;
    }
}

/* The command lines of SCRIPT (command_lines()) with every number written
 * as "0": the chart frame sizes margins, legend columns and footer lines
 * from the text it shows, so a fuzzed script and its placeholder twin
 * differ in numbers and in how many lines of one shape they hold, never in
 * words: a fuzzed byte that reached a command line would show as a
 * difference. */
static void command_shape(const char *script, dcd_buf *out)
{
    dcd_buf raw = {0}, line = {0}, prev = {0};
    command_lines(script, &raw);
    const char *p = dcd_buf_str(&raw);
    while (*p) {
        dcd_buf_clear(&line);
        while (*p && *p != '\n') {
            if ((*p >= '0' && *p <= '9') ||
                ((*p == '.' || *p == '-') && p[1] >= '0' && p[1] <= '9')) {
                while ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == '-' ||
                       (*p == '+' && p[-1] == 'e'))
                    p++;
                dcd_buf_puts(&line, "0");
            } else
                dcd_buf_append(&line, p++, 1);
        }
        if (*p == '\n')
            p++;
        /* A run of lines of one shape (footer lines, legend rows: their
         * number follows the text's length) counts once. */
        if (line.len != prev.len || memcmp(dcd_buf_str(&line), dcd_buf_str(&prev), line.len) != 0) {
            dcd_buf_append(out, dcd_buf_str(&line), line.len);
            dcd_buf_puts(out, "\n");
            dcd_buf_clear(&prev);
            dcd_buf_append(&prev, dcd_buf_str(&line), line.len);
        }
    }
    dcd_buf_free(&raw);
    dcd_buf_free(&line);
    dcd_buf_free(&prev);
}

#endif
