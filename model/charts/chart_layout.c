/* chart_layout.c - the part of a chart that depends on the picture's size,
 * written from a description saved beside it in the script ($LAYOUT), so
 * that `dcdemand plot --size` lays a saved chart out again as a fresh one
 * (dcd_chart_frame.h: dcd_chart_layout; docs/charts.md).
 *
 * The section of a script:
 *
 *     # Layout at 1200x720, from $LAYOUT (dcdemand plot --size lays it out again).
 *     $LAYOUT << EOD_dcdemand_layout
 *     key ENTRIES ROOM_FOR TITLED LONGEST
 *     years XLO XHI PAD_LO PAD_HI
 *     left FIRST N
 *     text FIT TEXT
 *     footer TEXT
 *     EOD_dcdemand_layout
 *     $TEXT << ...            the texts as shown at this size
 *     set label 1 ...         the frame: title, subtitle, footer, margins,
 *     ...                     legend, year axis
 *     # End of the layout.
 *
 * $LAYOUT is data: its numbers are read back within bounds and its texts
 * cleaned again and written only into $TEXT, never into a command.
 */
#include "dcd_chart_frame.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_chart_text.h"
#include "dcd_vec.h"

#define LAYOUT_MARKER "EOD_dcdemand_layout"
static const char BEGIN[] = "# Layout at ";
static const char END[] = "# End of the layout.\n";

/* Most texts and footer paragraphs read back. */
#define MAX_TEXTS 100000
#define MAX_PARAS 64
/* The longest name left of a bar chart, in characters, and its pixels. */
#define LEFT_MAX 56
#define LEFT_CHAR_PX 7.8

/* Characters of bold text at PT points across W pixels. */
static size_t title_fit(int w, int pt)
{
    return (size_t)(0.975 * w / (0.83 * pt));
}

static size_t left_fit(int w)
{
    long n = (long)((0.45 * w - 32) / LEFT_CHAR_PX);
    return n > LEFT_MAX ? LEFT_MAX : n < 8 ? 8 : (size_t)n;
}

/* The characters shown of a text with FIT at width W (0: all). */
static size_t fit_chars(int fit, int w)
{
    switch (fit) {
    case DCD_FIT_TITLE: return title_fit(w, 13);
    case DCD_FIT_SUBTITLE: return (size_t)(0.975 * w / (0.72 * 12));
    case DCD_FIT_KEY: return dcd_chart_key_fit(w);
    case DCD_FIT_LEFT: return left_fit(w);
    default: return fit > 0 ? (size_t)fit : 0;
    }
}

/* The byte length of the first N characters of S. */
static size_t char_bytes(const char *s, size_t n)
{
    size_t i = 0, len = strlen(s);
    for (size_t k = 0; k < n && i < len; k++) {
        unsigned long cp;
        size_t l = dcd_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        i += l ? l : 1;
    }
    return i;
}

/* Writes S as a $TEXT line of at most FIT characters.  A name left of the
 * plot (GROUPED): "GROUP: KEY" too long is cut in its GROUP, so that the KEY
 * always shows ("Conventional (enterprise, cl…: PUE (shift)"). */
static void put_cut(dcd_buf *b, const char *s, size_t fit, int grouped)
{
    const char *colon = grouped ? strstr(s, ": ") : NULL;
    size_t n = dcd_utf8_count(s, strlen(s));
    size_t tail = colon ? dcd_utf8_count(colon, strlen(colon)) : 0;
    dcd_buf line = {0};
    if (fit && n > fit && colon && fit > tail + 6) {
        size_t head = char_bytes(s, fit - tail - 1);
        while (head > 0 && s[head - 1] == ' ')
            head--;
        dcd_buf_append(&line, s, head);
        dcd_buf_puts(&line, "\xe2\x80\xa6");
        dcd_buf_puts(&line, colon);
    } else if (dcd_plot_text_line(&line, s, fit) == 0) {
        line.data[--line.len] = '\0';
    }
    if (line.failed || dcd_plot_text_line(b, dcd_buf_str(&line), 0) != 0)
        b->failed = 1;
    dcd_buf_free(&line);
}

/* S cleaned as a datablock line (without its newline), or NULL on OOM. */
static char *cleaned(const char *s)
{
    dcd_buf b = {0};
    if (dcd_plot_text_line(&b, s, 0) != 0) {
        dcd_buf_free(&b);
        return NULL;
    }
    b.data[--b.len] = '\0';
    return b.data;
}

size_t dcd_chart_layout_text_add(dcd_chart_layout *l, int fit, const char *s)
{
    char *c = cleaned(s);
    if (c && l->ntext == l->cap) {
        dcd_chart_layout_text *p = dcd_vec_grow(l->text, &l->cap, l->ntext + 1, sizeof *p);
        if (!p) {
            free(c);
            c = NULL;
        } else {
            l->text = p;
        }
    }
    if (!c) {
        l->failed = 1;
        return l->ntext + 1; /* an index still, never drawn */
    }
    l->text[l->ntext].fit = fit;
    l->text[l->ntext].s = c;
    return ++l->ntext;
}

void dcd_chart_layout_footer_add(dcd_chart_layout *l, const char *s)
{
    if (!s || !*s)
        return;
    char *c = cleaned(s);
    if (c && l->nfooter == l->fcap) {
        char **p = dcd_vec_grow(l->footer, &l->fcap, l->nfooter + 1, sizeof *p);
        if (!p) {
            free(c);
            c = NULL;
        } else {
            l->footer = p;
        }
    }
    if (!c) {
        l->failed = 1;
        return;
    }
    l->footer[l->nfooter++] = c;
}

size_t dcd_chart_layout_refs(dcd_chart_layout *l, const dcd_reference *r, size_t n, const int *ms,
                             int nm)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (dcd_chart_ref_on(&r[i], ms, nm)) {
            dcd_chart_layout_text_add(l, DCD_FIT_KEY, r[i].label);
            k++;
        }
    return k;
}

size_t dcd_chart_layout_footer_first(const dcd_chart_layout *l)
{
    return l->ntext + 1;
}

void dcd_chart_layout_free(dcd_chart_layout *l)
{
    for (size_t i = 0; i < l->ntext; i++)
        free(l->text[i].s);
    for (size_t i = 0; i < l->nfooter; i++)
        free(l->footer[i]);
    free(l->text);
    free(l->footer);
    memset(l, 0, sizeof *l);
}

/* The description itself, as the datablock $LAYOUT. */
static void put_saved(dcd_buf *b, const dcd_chart_layout *l)
{
    dcd_buf_printf(b, "$LAYOUT << %s\nkey %d %d %d %d\n", LAYOUT_MARKER, l->key_n, l->key_rows_n,
                   l->key_title, l->key_chars);
    if (l->years)
        dcd_buf_printf(b, "years %d %d %.17g %.17g\n", l->xlo, l->xhi, l->pad_lo, l->pad_hi);
    if (l->left_n)
        dcd_buf_printf(b, "left %zu %zu\n", l->left_first, l->left_n);
    for (size_t i = 0; i < l->ntext; i++)
        dcd_buf_printf(b, "text %d %s\n", l->text[i].fit, l->text[i].s);
    for (size_t i = 0; i < l->nfooter; i++)
        dcd_buf_printf(b, "footer %s\n", l->footer[i]);
    dcd_buf_puts(b, LAYOUT_MARKER "\n");
}

/* The geometry of L at W x H: the frame, the left margin, the plot area. */
typedef struct geometry {
    dcd_chart_frame f;
    int nkey, nokey;
    double left, plot_w, plot_h;
} geometry;

static void lay_out(const dcd_chart_layout *l, int w, int h, geometry *g)
{
    memset(g, 0, sizeof *g);
    /* The names left of the plot need more room than the years do. */
    if (l->left_n) {
        size_t widest = 8, fit = left_fit(w);
        for (size_t i = l->left_first; i < l->left_first + l->left_n && i <= l->ntext; i++) {
            const char *s = l->text[i - 1].s;
            size_t n = dcd_utf8_count(s, strlen(s));
            n = n > fit ? fit : n;
            widest = n > widest ? n : widest;
        }
        g->left = 32 + LEFT_CHAR_PX * (double)widest;
        g->left = g->left > 0.45 * w ? 0.45 * w : g->left;
    }
    g->plot_w = w - (g->left > 92 ? g->left : 92) - 36;
    /* As many legend columns as the longest entry lets gnuplot make. */
    int cols = dcd_chart_key_cols(w);
    size_t longest = l->key_chars > 0 ? (size_t)l->key_chars : 0;
    for (size_t i = 0; i < l->ntext; i++)
        if (l->text[i].fit == DCD_FIT_KEY) {
            size_t n = dcd_utf8_count(l->text[i].s, strlen(l->text[i].s));
            n = n > dcd_chart_key_fit(w) ? dcd_chart_key_fit(w) : n;
            longest = n > longest ? n : longest;
        }
    while (cols > 1 && longest > dcd_chart_key_col_fit(w, g->plot_w, cols))
        cols--;
    size_t nfl = 0;
    for (size_t i = 0; i < l->nfooter; i++)
        nfl += dcd_chart_footer_put(NULL, l->footer[i], w);
    g->f = (dcd_chart_frame){.w = w, .h = h, .key_cols = cols, .footer_lines = nfl};
    g->nokey = l->key_n == 0 && !l->key_title;
    if (g->nokey) {
        g->nkey = 1;
    } else if (l->key_title) {
        g->f.key_rows = (l->key_rows_n + 1 + cols - 1) / cols + 1;
        g->nkey = l->key_n + cols;
    } else {
        g->f.key_rows = (l->key_rows_n + cols - 1) / cols;
        g->nkey = l->key_n;
    }
    g->plot_h = h - dcd_chart_frame_top_px() - dcd_chart_frame_bottom_px(&g->f);
}

/* The characters shown of a text with FIT in geometry G. */
static size_t fit_in(int fit, const geometry *g)
{
    if (fit == DCD_FIT_YLABEL || fit == DCD_FIT_XLABEL) {
        /* 12-point text along the plot area's side. */
        long n = (long)((fit == DCD_FIT_YLABEL ? g->plot_h : g->plot_w) / (0.72 * 12));
        return n < 8 ? 8 : (size_t)n;
    }
    return fit_chars(fit, g->f.w);
}

int dcd_chart_layout_put(dcd_buf *b, const dcd_chart_layout *l, int w, int h)
{
    if (l->failed || l->ntext < 2)
        return -1;
    geometry g;
    lay_out(l, w, h, &g);
    dcd_buf_printf(b, "%s%dx%d, from $LAYOUT (dcdemand plot --size lays it out again).\n", BEGIN, w,
                   h);
    put_saved(b, l);
    dcd_chart_text_begin(b, "1 title, 2 subtitle, then the chart's names, then the footer");
    for (size_t i = 0; i < l->ntext; i++)
        put_cut(b, l->text[i].s, fit_in(l->text[i].fit, &g), l->text[i].fit == DCD_FIT_LEFT);
    for (size_t i = 0; i < l->nfooter; i++)
        dcd_chart_footer_put(b, l->footer[i], w);
    dcd_chart_text_end(b);
    const char *title = l->text[0].s;
    size_t k = dcd_utf8_count(title, strlen(title));
    int pt = k <= title_fit(w, 17) ? 17 : k <= title_fit(w, 15) ? 15 : 13;
    dcd_chart_frame_put(b, &g.f, pt, NULL, 2, (int)dcd_chart_layout_footer_first(l), g.nkey);
    if (g.nokey)
        dcd_buf_puts(b, "unset key\n");
    if (l->years)
        dcd_chart_years_put(b, l->xlo, l->xhi, l->pad_lo, l->pad_hi, w);
    if (g.left > 92)
        dcd_buf_printf(b, "# Room on the left for the names.\nset lmargin at screen %.4f\n",
                       g.left / w);
    dcd_buf_puts(b, END);
    return b->failed ? -1 : 0;
}

/* ---- reading the section back ------------------------------------------------ */

/* Parses a whole number from LO to HI at *P, followed by a space or the end
 * of the line; advances *P past the space.  Returns 0 or -1. */
static int get_long(const char **p, long lo, long hi, long *out)
{
    char *end;
    const char *s = *p;
    if (!(*s == '-' || (*s >= '0' && *s <= '9')))
        return -1;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || (*end != ' ' && *end != '\n') || v < lo || v > hi)
        return -1;
    *p = *end == ' ' ? end + 1 : end;
    *out = v;
    return 0;
}

static int get_double(const char **p, double lo, double hi, double *out)
{
    char *end;
    const char *s = *p;
    if (!(*s == '-' || (*s >= '0' && *s <= '9')))
        return -1;
    double v = strtod(s, &end);
    if (end == s || (*end != ' ' && *end != '\n') || !isfinite(v) || v < lo || v > hi)
        return -1;
    *p = *end == ' ' ? end + 1 : end;
    *out = v;
    return 0;
}

/* Reads one line of $LAYOUT (LEN bytes at S, its newline after) into L.
 * Returns 0, -1 (malformed) or -2 (OOM). */
static int parse_line(const char *s, size_t len, dcd_chart_layout *l)
{
    long a, b, c;
    const char *p;
    if (len > 4 && memcmp(s, "key ", 4) == 0) {
        p = s + 4;
        long d;
        if (get_long(&p, 0, 1000000, &a) || get_long(&p, 0, 1000000, &b) ||
            get_long(&p, 0, 1, &c) || get_long(&p, 0, 100000, &d))
            return -1;
        l->key_chars = (int)d;
        l->key_n = (int)a;
        l->key_rows_n = (int)b;
        l->key_title = (int)c;
    } else if (len > 6 && memcmp(s, "years ", 6) == 0) {
        p = s + 6;
        if (get_long(&p, 1, 99999, &a) || get_long(&p, a, 99999, &b) ||
            get_double(&p, 0, 100, &l->pad_lo) || get_double(&p, 0, 100, &l->pad_hi))
            return -1;
        l->years = 1;
        l->xlo = (int)a;
        l->xhi = (int)b;
    } else if (len > 5 && memcmp(s, "left ", 5) == 0) {
        p = s + 5;
        if (get_long(&p, 1, MAX_TEXTS, &a) || get_long(&p, 1, MAX_TEXTS, &b))
            return -1;
        l->left_first = (size_t)a;
        l->left_n = (size_t)b;
    } else if (len > 5 && memcmp(s, "text ", 5) == 0) {
        p = s + 5;
        if (get_long(&p, DCD_FIT_XLABEL, 100000, &a) || l->ntext >= MAX_TEXTS)
            return -1;
        char *t = malloc(len - (size_t)(p - s) + 1);
        if (!t)
            return -2;
        memcpy(t, p, len - (size_t)(p - s));
        t[len - (size_t)(p - s)] = '\0';
        dcd_chart_layout_text_add(l, (int)a, t);
        free(t);
    } else if (len > 7 && memcmp(s, "footer ", 7) == 0) {
        if (l->nfooter >= MAX_PARAS)
            return -1;
        char *t = malloc(len - 6);
        if (!t)
            return -2;
        memcpy(t, s + 7, len - 7);
        t[len - 7] = '\0';
        dcd_chart_layout_footer_add(l, t);
        free(t);
    } else {
        return -1;
    }
    return l->failed ? -2 : 0;
}

/* The start of the line after the one at P (or the end of the text). */
static const char *next_line(const char *p)
{
    const char *nl = strchr(p, '\n');
    return nl ? nl + 1 : p + strlen(p);
}

/* The first line at or after P, outside datablocks, that starts with WHAT,
 * or NULL; *LINE counts the lines passed. */
static const char *find_line(const char *p, const char *what, int *line)
{
    char marker[64] = "";
    for (; *p; p = next_line(p), (*line)++) {
        size_t len = (size_t)(next_line(p) - p);
        if (*marker) {
            if (strncmp(p, marker, strlen(marker)) == 0)
                marker[0] = '\0';
        } else if (strncmp(p, what, strlen(what)) == 0) {
            return p;
        } else if (*p == '$') {
            const char *m = strstr(p, " << ");
            if (m && m < p + len) {
                size_t ml = (size_t)(p + len - (m + 4));
                while (ml && (m[4 + ml - 1] == '\n' || m[4 + ml - 1] == '\r'))
                    ml--;
                if (ml == 0 || ml >= sizeof marker)
                    return NULL;
                memcpy(marker, m + 4, ml);
                marker[ml] = '\0';
            }
        }
    }
    return NULL;
}

int dcd_chart_relayout(const char *body, int w, int h, dcd_buf *out, int *line)
{
    dcd_chart_layout l = {0};
    int rc = DCD_OK, at = 1;
    *line = 0;
    const char *begin = find_line(body, BEGIN, &at);
    if (!begin) {
        dcd_buf_puts(out, body);
        return out->failed ? DCD_ENOMEM : DCD_OK;
    }
    *line = at;
    const char *p = next_line(begin);
    static const char open[] = "$LAYOUT << " LAYOUT_MARKER "\n";
    if (strncmp(p, open, sizeof open - 1) != 0) {
        rc = DCD_EINPUT;
        goto done;
    }
    for (p = next_line(p), (*line)++;; p = next_line(p)) {
        (*line)++;
        const char *nl = strchr(p, '\n');
        if (!nl) {
            rc = DCD_EINPUT;
            goto done;
        }
        if ((size_t)(nl - p) == sizeof LAYOUT_MARKER - 1 &&
            memcmp(p, LAYOUT_MARKER, sizeof LAYOUT_MARKER - 1) == 0)
            break;
        int r = parse_line(p, (size_t)(nl - p), &l);
        if (r != 0) {
            rc = r == -2 ? DCD_ENOMEM : DCD_EINPUT;
            goto done;
        }
    }
    if (l.ntext < 2 || (l.left_n && l.left_first + l.left_n - 1 > l.ntext)) {
        rc = DCD_EINPUT;
        goto done;
    }
    int end_at = *line + 1;
    const char *end = find_line(next_line(p), END, &end_at);
    if (!end) {
        *line = at;
        rc = DCD_EINPUT;
        goto done;
    }
    dcd_buf_append(out, body, (size_t)(begin - body));
    if (dcd_chart_layout_put(out, &l, w, h) != 0)
        out->failed = 1;
    dcd_buf_puts(out, end + sizeof END - 1);
    rc = out->failed ? DCD_ENOMEM : DCD_OK;
done:
    dcd_chart_layout_free(&l);
    return rc;
}
