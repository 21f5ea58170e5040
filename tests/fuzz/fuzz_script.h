/* fuzz_script.h - checks of gnuplot scripts shared by the fuzz harnesses
 * (static functions: each harness is one translation unit). */
#ifndef FUZZ_SCRIPT_H
#define FUZZ_SCRIPT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_buf.h"
#include "dcd_chart_text.h"

/* The number of lines of SCRIPT's $TEXT datablock, or -1 without one. */
static long text_lines(const char *script)
{
    char open[64];
    snprintf(open, sizeof open, "$TEXT << %s\n", dcd_plot_text_marker);
    const char *p = strstr(script, open);
    if (!p)
        return -1;
    p += strlen(open);
    size_t mlen = strlen(dcd_plot_text_marker);
    for (long n = 0; *p; n++) {
        if (strncmp(p, dcd_plot_text_marker, mlen) == 0)
            return n; /* gnuplot ends the block at the first such line */
        const char *nl = strchr(p, '\n');
        if (!nl)
            return -1;
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

#endif
