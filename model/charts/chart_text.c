/* chart_text.c - text and numbers in chart scripts (dcd_chart_text.h). */
#include "dcd_chart_text.h"

#include <math.h>
#include <string.h>

const char dcd_plot_text_marker[] = "EOD_dcdemand_text_7c1e";

size_t dcd_utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
    unsigned long c;
    size_t len;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    } else if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        len = 2;
        c = s[0] & 0x1fu;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        len = 3;
        c = s[0] & 0x0fu;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        len = 4;
        c = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3fu);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) || c > 0x10ffff ||
        (c >= 0xd800 && c <= 0xdfff))
        return 0; /* overlong, out of range, or a surrogate */
    *cp = c;
    return len;
}

size_t dcd_utf8_count(const char *s, size_t len)
{
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        unsigned long cp;
        size_t l = dcd_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        i += l ? l : 1;
        k++;
    }
    return k;
}

/* Whether code point CP is shown as a space: C0 and C1 controls, DEL, and
 * the Unicode line and paragraph separators. */
static int is_control(unsigned long cp)
{
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029;
}

int dcd_plot_text_line(dcd_buf *out, const char *s, size_t maxchars)
{
    dcd_buf line = {0};
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p), nchars = 0, cut = 0;
    int rc = 0;
    size_t total = dcd_utf8_count((const char *)p, n);
    if (maxchars && total > maxchars)
        cut = maxchars > 1 ? maxchars - 1 : 1; /* leave room for the ellipsis */
    for (size_t i = 0; i < n;) {
        unsigned long cp;
        size_t len = dcd_utf8_decode(p + i, n - i, &cp);
        if (cut && nchars == cut)
            break;
        if (len == 0) {
            dcd_buf_puts(&line, "?");
            i++;
        } else {
            if (is_control(cp))
                dcd_buf_puts(&line, " ");
            else
                dcd_buf_append(&line, (const char *)p + i, len);
            i += len;
        }
        nchars++;
    }
    if (cut) {
        /* Drop trailing spaces before the ellipsis. */
        while (line.len > 0 && line.data[line.len - 1] == ' ')
            line.data[--line.len] = '\0';
        dcd_buf_puts(&line, "\xe2\x80\xa6");
    }
    if (strncmp(dcd_buf_str(&line), dcd_plot_text_marker, sizeof dcd_plot_text_marker - 1) == 0)
        dcd_buf_puts(out, " "); /* it would end the datablock early */
    dcd_buf_puts(out, dcd_buf_str(&line));
    dcd_buf_puts(out, "\n");
    if (line.failed || out->failed)
        rc = -1;
    dcd_buf_free(&line);
    return rc;
}

void dcd_chart_text_begin(dcd_buf *b, const char *what)
{
    dcd_buf_printf(b,
                   "# Text, used only as labels (%s).  It is never run as a command.\n"
                   "$TEXT << %s\n",
                   what, dcd_plot_text_marker);
}

void dcd_chart_text_end(dcd_buf *b)
{
    dcd_buf_printf(b, "%s\n\n", dcd_plot_text_marker);
}

void dcd_chart_num(dcd_buf *b, double x)
{
    if (isfinite(x))
        dcd_buf_num(b, x);
    else
        dcd_buf_puts(b, "?");
}
