/* format.c - numbers in named styles and text for each output kind
 * (include/dcd_format.h). */
#include "dcd_format.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *dcd_fmt_none(dcd_out_kind kind)
{
    switch (kind) {
    case DCD_OUT_TERM:
    case DCD_OUT_MD:
    case DCD_OUT_HTML: return "-";
    case DCD_OUT_JSON: return "null";
    case DCD_OUT_CSV:
    default: return "";
    }
}

/* Shortest %g of at most 12 digits that reads back to X; plain notation
 * (same digits) for |X| in [1e-4, PLAIN_MAX). */
static void put_short(dcd_buf *b, double x, double plain_max)
{
    char tmp[64];
    if (x == 0) {
        dcd_buf_puts(b, "0");
        return;
    }
    int prec = 1;
    for (; prec < 12; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, x);
        if (strtod(tmp, NULL) == x)
            break;
    }
    snprintf(tmp, sizeof tmp, "%.*g", prec, x);
    if (strchr(tmp, 'e') && fabs(x) >= 1e-4 && fabs(x) < plain_max) {
        int exp10 = (int)floor(log10(fabs(x)));
        int dec = prec - 1 - exp10;
        snprintf(tmp, sizeof tmp, "%.*f", dec > 0 ? dec : 0, x);
    }
    dcd_buf_puts(b, tmp);
}

/* Shortest form of at most 12 significant digits, with a short exponent
 * (1.5e6, 2e-5) outside [1e-4, 1e6). */
static void put_compact(dcd_buf *b, double x)
{
    char ref[40], tmp[48];
    if (x == 0) {
        dcd_buf_puts(b, "0");
        return;
    }
    snprintf(ref, sizeof ref, "%.12g", x);
    double target = strtod(ref, NULL);
    double ax = fabs(x);
    if (ax >= 1e6 || ax < 1e-4) {
        for (int p = 1; p <= 12; p++) {
            snprintf(tmp, sizeof tmp, "%.*e", p - 1, x);
            if (strtod(tmp, NULL) == target)
                break;
        }
        char *e = strchr(tmp, 'e');
        if (!e) {
            dcd_buf_puts(b, tmp);
            return;
        }
        dcd_buf_append(b, tmp, (size_t)(e - tmp));
        dcd_buf_puts(b, "e");
        const char *q = e + 1;
        if (*q == '-')
            dcd_buf_puts(b, "-");
        if (*q == '+' || *q == '-')
            q++;
        while (*q == '0' && q[1])
            q++;
        dcd_buf_puts(b, q);
        return;
    }
    for (int p = 1; p <= 12; p++) {
        snprintf(tmp, sizeof tmp, "%.*g", p, x);
        if (!strchr(tmp, 'e') && strtod(tmp, NULL) == target)
            break;
    }
    dcd_buf_puts(b, tmp);
}

/* DEC decimals (with a '+' on positive values when SIGN); a value that
 * rounds to zero is written unsigned. */
static void put_fixed(dcd_buf *b, double x, int dec, int sign)
{
    char tmp[352];
    if (dec < 0)
        dec = 0;
    if (dec > 17)
        dec = 17;
    snprintf(tmp, sizeof tmp, sign ? "%+.*f" : "%.*f", dec, x);
    int zero = 1;
    for (const char *p = tmp; *p; p++)
        if (*p >= '1' && *p <= '9')
            zero = 0;
    if (zero)
        snprintf(tmp, sizeof tmp, "%.*f", dec, 0.0);
    dcd_buf_puts(b, tmp);
}

int dcd_fmt_sig_decimals(double x, int sig)
{
    double ax = fabs(x);
    if (!isfinite(ax) || ax == 0)
        return 1;
    if (sig < 1)
        sig = 1;
    int e = (int)floor(log10(ax));
    int dec = sig - 1 - e;
    /* 9.996 to 3 digits rounds to 10.0: one decimal fewer. */
    if (dec >= 0 && dec <= 9 && floor(log10(ax * (1 + 1e-15))) == e) {
        char tmp[64];
        snprintf(tmp, sizeof tmp, "%.*f", dec, ax);
        if (strtod(tmp, NULL) >= pow(10, e + 1))
            dec--;
    }
    if (dec < 1)
        dec = 1;
    if (dec > 9)
        dec = 9;
    return dec;
}

int dcd_fmt_num(dcd_buf *b, double x, dcd_num_style style, int dec, dcd_out_kind kind)
{
    if (!isfinite(x))
        return dcd_buf_puts(b, dcd_fmt_none(kind));
    switch (style) {
    case DCD_NUM_SHORT: dcd_buf_num(b, x); break;
    case DCD_NUM_PLAIN: put_short(b, x, 1e15); break;
    case DCD_NUM_COMPACT: put_compact(b, x); break;
    case DCD_NUM_FIXED: put_fixed(b, x, dec, 0); break;
    case DCD_NUM_SIGNED: put_fixed(b, x, dec, 1); break;
    case DCD_NUM_SIG: put_fixed(b, x, dcd_fmt_sig_decimals(x, dec), 0); break;
    }
    return b->failed ? -1 : 0;
}

/* Length of the C1 control at S (UTF-8 C2 80..C2 9F), else 0. */
static size_t c1_len(const unsigned char *s, size_t left)
{
    return left >= 2 && s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F ? 2 : 0;
}

int dcd_fmt_term_text(dcd_buf *b, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len; i++) {
        if (u[i] < 0x20 || u[i] == 0x7f) {
            dcd_buf_printf(b, "\\x%02X", u[i]);
        } else if (c1_len(u + i, len - i)) {
            dcd_buf_printf(b, "\\x%02X\\x%02X", u[i], u[i + 1]);
            i++;
        } else {
            dcd_buf_append(b, s + i, 1);
        }
    }
    return b->failed ? -1 : 0;
}

size_t dcd_fmt_term_width(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t w = 0;
    for (size_t i = 0; i < len; i++) {
        if (u[i] < 0x20 || u[i] == 0x7f) {
            w += 4;
        } else if (c1_len(u + i, len - i)) {
            w += 8;
            i++;
        } else if ((u[i] & 0xC0) != 0x80) {
            w++;
        }
    }
    return w;
}

int dcd_fmt_term_pad(dcd_buf *b, const char *s, size_t w, int right)
{
    if (!s)
        s = "";
    size_t len = strlen(s), tw = dcd_fmt_term_width(s, len);
    if (right)
        for (size_t i = tw; i < w; i++)
            dcd_buf_puts(b, " ");
    dcd_fmt_term_text(b, s, len);
    if (!right)
        for (size_t i = tw; i < w; i++)
            dcd_buf_puts(b, " ");
    return b->failed ? -1 : 0;
}

int dcd_md_text(dcd_buf *out, const char *s)
{
    for (const char *p = s ? s : ""; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch < 0x20 || ch == 0x7f) {
            dcd_buf_puts(out, " ");
            continue;
        }
        if (strchr("\\`*|<>[]#", *p))
            dcd_buf_puts(out, "\\");
        dcd_buf_append(out, p, 1);
    }
    return out->failed ? -1 : 0;
}

size_t dcd_md_width(const char *s)
{
    size_t w = 0;
    for (const char *p = s ? s : ""; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch < 0x20 || ch == 0x7f)
            w++;
        else if (strchr("\\`*|<>[]#", *p))
            w += 2;
        else if ((ch & 0xC0) != 0x80)
            w++;
    }
    return w;
}

int dcd_html_text(dcd_buf *out, const char *s)
{
    const unsigned char *u = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)u);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = u[i];
        if (ch < 0x20 || ch == 0x7f) {
            dcd_buf_puts(out, " ");
        } else if (c1_len(u + i, n - i)) {
            dcd_buf_puts(out, " ");
            i++;
        } else if (ch == '&') {
            dcd_buf_puts(out, "&amp;");
        } else if (ch == '<') {
            dcd_buf_puts(out, "&lt;");
        } else if (ch == '>') {
            dcd_buf_puts(out, "&gt;");
        } else if (ch == '"') {
            dcd_buf_puts(out, "&quot;");
        } else if (ch == '\'') {
            dcd_buf_puts(out, "&#39;");
        } else {
            dcd_buf_append(out, (const char *)u + i, 1);
        }
    }
    return out->failed ? -1 : 0;
}

int dcd_csv_field(dcd_buf *out, const char *s)
{
    if (!s)
        return out->failed ? -1 : 0;
    if (!strpbrk(s, ",\"\r\n"))
        return dcd_buf_puts(out, s);
    dcd_buf_puts(out, "\"");
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            dcd_buf_puts(out, "\"");
        dcd_buf_append(out, p, 1);
    }
    return dcd_buf_puts(out, "\"");
}

int dcd_parse_number_text(const char *t, double *out)
{
    /* [-+]? (digits [. digits?] | . digits) ([eE] [-+]? digits)? */
    const char *p = t;
    if (*p == '+' || *p == '-')
        p++;
    int digits = 0;
    while (isdigit((unsigned char)*p)) {
        p++;
        digits++;
    }
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p)) {
            p++;
            digits++;
        }
    }
    if (!digits)
        return -1;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!isdigit((unsigned char)*p))
            return -1;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (*p)
        return -1;
    errno = 0;
    double v = strtod(t, NULL);
    if (!isfinite(v))
        return -1;
    *out = v;
    return 0;
}
