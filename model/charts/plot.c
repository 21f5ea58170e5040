/* plot.c - report charts through gnuplot (dcd_plot.h).
 *
 * Each chart is one self-contained gnuplot script: it picks its terminal,
 * names its own output file (a fixed name, in the current folder), holds its
 * numbers and the scenario's text in datablocks, and draws.  The scripts are
 * saved beside the pictures so that a reader can tweak one and redraw it
 * with `gnuplot share.gp` (docs/charts.md).  The program runs one gnuplot
 * process, with -d, in the output folder, over all the scripts of a run.
 *
 * Why the text goes through a datablock: gnuplot runs backquoted text inside
 * double-quoted strings as a shell command, and file names that start with
 * '<' or '|' as pipes.  Text inside a datablock is never scanned, so labels
 * read from $TEXT[i] are inert whatever they hold (conventions.md).
 */
#include "dcd_plot.h"

#include "dcd_output.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

const char dcd_plot_text_marker[] = "EOD_dcdemand_text_7c1e";
static const char DATA_MARKER[] = "EOD_dcdemand_data";

/* How much of each text is shown, in characters. */
#define MAX_SEGMENT 36

/* Characters that fit across a picture W pixels wide: the title in bold at
 * PT points (about 0.83 px per point per character), the footer's lines at
 * 9 points (175 at 1200 px). */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned long *cp);

static size_t title_fit(int w, int pt)
{
    return (size_t)(0.975 * w / (0.83 * pt));
}
static size_t footer_fit(int w)
{
    return (size_t)(175L * w / 1200);
}
/* The name, in the subtitle after the chart's heading: at most 60. */
static size_t name_fit(int w)
{
    long n = 167L * w / 1200 - 70;
    return n > 60 ? 60 : n < 20 ? 20 : (size_t)n;
}

/* The title's font size: 17 points, or smaller for a long title. */
static int title_points(const char *title, int w)
{
    size_t n = strlen(title), k = 0;
    for (size_t i = 0; i < n;) {
        unsigned long cp;
        size_t l = utf8_decode((const unsigned char *)title + i, n - i, &cp);
        i += l ? l : 1;
        k++;
    }
    return k <= title_fit(w, 17) ? 17 : k <= title_fit(w, 15) ? 15 : 13;
}

/* How much of gnuplot's stderr is kept for the message. */
#define MAX_STDERR 8192

static const char *const CHART_NAMES[DCD_NCHART] = {"share", "energy", "load", "national",
                                                    "emissions"};

/* What each chart shows: heading (the subtitle), y axis label. */
static const char *const CHART_HEADING[DCD_NCHART] = {
    "Share of national electricity demand",
    "Data-centre electricity use by segment",
    "Data-centre capacity and load",
    "National electricity demand: data centres and the rest",
    "Data-centre emissions by segment",
};
static const char *const CHART_YLABEL[DCD_NCHART] = {
    "Share of national demand (%)",
    "Facility energy (TWh per year)",
    "Power (GW)",
    "Electricity demand (TWh per year)",
    "Emissions (Mt CO\xe2\x82\x82 per year)",
};

void dcd_plot_opts_default(dcd_plot_opts *o)
{
    o->format = DCD_PLOT_PNG;
    o->width = DCD_PLOT_WIDTH;
    o->height = DCD_PLOT_HEIGHT;
    o->gnuplot = NULL;
    o->scripts_only = 0;
}

void dcd_plot_meta_from(const dcd_scenario *sc, dcd_plot_meta *meta)
{
    meta->name = sc->name;
    meta->title = sc->title;
    meta->sources = (const char *const *)sc->sources;
    meta->nsources = sc->nsources;
    meta->expect = sc->expect;
    meta->nexpect = sc->nexpect;
    meta->history = sc->history;
    meta->nhistory = sc->nhistory;
}

const char *dcd_chart_name(int chart)
{
    return chart >= 0 && chart < DCD_NCHART ? CHART_NAMES[chart] : NULL;
}

const char *dcd_plot_format_ext(dcd_plot_format format)
{
    switch (format) {
    case DCD_PLOT_SVG: return "svg";
    case DCD_PLOT_PDF: return "pdf";
    default: return "png";
    }
}

int dcd_plot_format_parse(const char *s, dcd_plot_format *out)
{
    static const dcd_plot_format all[3] = {DCD_PLOT_PNG, DCD_PLOT_SVG, DCD_PLOT_PDF};
    for (int i = 0; i < 3; i++)
        if (strcmp(s, dcd_plot_format_ext(all[i])) == 0) {
            *out = all[i];
            return 0;
        }
    return -1;
}

/* Parses a decimal integer of at most 5 digits from *P, advancing it. */
static int parse_dim(const char **p, int *out)
{
    int v = 0, nd = 0;
    while (**p >= '0' && **p <= '9' && nd < 6) {
        v = v * 10 + (**p - '0');
        (*p)++;
        nd++;
    }
    if (nd == 0 || nd > 5)
        return -1;
    *out = v;
    return 0;
}

int dcd_plot_size_parse(const char *s, int *width, int *height)
{
    int w, h;
    const char *p = s;
    if (parse_dim(&p, &w) != 0 || (*p != 'x' && *p != 'X'))
        return -1;
    p++;
    if (parse_dim(&p, &h) != 0 || *p != '\0')
        return -1;
    if (w < 320 || w > 8000 || h < 240 || h > 8000)
        return -1;
    *width = w;
    *height = h;
    return 0;
}

int dcd_plot_chart_applies(const dcd_results *r, int chart)
{
    if (chart < 0 || chart >= DCD_NCHART)
        return 0;
    if (chart != DCD_CHART_EMISSIONS)
        return 1;
    for (size_t i = 0; i < r->ny; i++)
        if (isfinite(DCD_TOTAL(r, DCD_T_CO2_MT, i)))
            return 1;
    return 0;
}

/* ---- text ------------------------------------------------------------- */

/* Decodes one UTF-8 character at S (N bytes left).  Returns its length and
 * stores the code point, or returns 0 for an invalid sequence. */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
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

int dcd_plot_text_line(dcd_buf *out, const char *s, size_t maxchars)
{
    dcd_buf line = {0};
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p), nchars = 0, cut = 0;
    int rc = 0;
    /* Count characters first, to know whether to cut. */
    size_t total = 0;
    for (size_t i = 0; i < n;) {
        unsigned long cp;
        size_t len = utf8_decode(p + i, n - i, &cp);
        i += len ? len : 1;
        total++;
    }
    if (maxchars && total > maxchars)
        cut = maxchars > 1 ? maxchars - 1 : 1; /* leave room for the ellipsis */
    for (size_t i = 0; i < n;) {
        unsigned long cp;
        size_t len = utf8_decode(p + i, n - i, &cp);
        if (cut && nchars == cut)
            break;
        if (len == 0) {
            dcd_buf_puts(&line, "?");
            i++;
        } else {
            if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 ||
                cp == 0x2029)
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

/* ---- script pieces ---------------------------------------------------- */

/* Okabe-Ito colours (Okabe & Ito 2008), safe for colour-blind readers.  Data
 * centres are blue and AI vermilion on every chart; segments take the
 * palette in the order of the scenario, so a segment keeps its colour on
 * every chart. */
static const char COLOUR_DC[] = "#0072B2";
static const char COLOUR_AI[] = "#D55E00";
static const char COLOUR_REST[] = "#BBBBBB";
static const char COLOUR_MARK[] = "#000000";
#define NSEGCOLOUR 8
static const char *const SEG_COLOURS[NSEGCOLOUR] = {"#E69F00", "#56B4E9", "#009E73", "#CC79A7",
                                                    "#F0E442", "#0072B2", "#D55E00", "#999999"};

/* Appends a number as gnuplot data: "?" (missing) when not finite. */
static void put_num(dcd_buf *b, double x)
{
    if (isfinite(x))
        dcd_buf_num(b, x);
    else
        dcd_buf_puts(b, "?");
}

/* Reference points of one kind (published or observed) for one metric. */
typedef struct pointset {
    int metric;   /* enum dcd_total_metric */
    int history;  /* 0: expect (with tolerance), 1: history */
    size_t count; /* finite points of this metric */
} pointset;

/* Metrics whose published or observed figures a chart draws as markers. */
static int chart_metrics(int chart, int *m)
{
    switch (chart) {
    case DCD_CHART_SHARE:
        m[0] = DCD_T_DC_SHARE_PCT;
        m[1] = DCD_T_AI_SHARE_PCT;
        return 2;
    case DCD_CHART_ENERGY:
        m[0] = DCD_T_DC_TWH;
        return 1;
    case DCD_CHART_LOAD:
        m[0] = DCD_T_DC_FACILITY_GW;
        m[1] = DCD_T_DC_IT_GW;
        m[2] = DCD_T_DC_LOAD_GW;
        m[3] = DCD_T_AI_FACILITY_GW;
        m[4] = DCD_T_AI_IT_GW;
        m[5] = DCD_T_AI_LOAD_GW;
        return 6;
    case DCD_CHART_NATIONAL:
        m[0] = DCD_T_NATIONAL_TWH;
        m[1] = DCD_T_OTHER_TWH;
        return 2;
    case DCD_CHART_EMISSIONS:
        m[0] = DCD_T_CO2_MT;
        return 1;
    default:
        return 0;
    }
}

/* What a marker stands for, in the legend. */
static const char *metric_words(int m)
{
    switch (m) {
    case DCD_T_DC_SHARE_PCT: return "data centres";
    case DCD_T_AI_SHARE_PCT: return "AI";
    case DCD_T_DC_TWH: return "all data centres";
    case DCD_T_DC_FACILITY_GW: return "data centres, facility capacity";
    case DCD_T_DC_IT_GW: return "data centres, IT capacity";
    case DCD_T_DC_LOAD_GW: return "data centres, average load";
    case DCD_T_AI_FACILITY_GW: return "AI, facility capacity";
    case DCD_T_AI_IT_GW: return "AI, IT capacity";
    case DCD_T_AI_LOAD_GW: return "AI, average load";
    case DCD_T_NATIONAL_TWH: return "national total";
    case DCD_T_OTHER_TWH: return "rest of the economy";
    case DCD_T_CO2_MT: return "all data centres";
    default: return "";
    }
}

/* Marker colour: the series' colour on line charts, black on area charts
 * (where blue or vermilion could vanish into an area). */
static const char *metric_colour(int chart, int m)
{
    if (chart != DCD_CHART_SHARE && chart != DCD_CHART_LOAD)
        return "dcd_mark";
    switch (m) {
    case DCD_T_AI_SHARE_PCT:
    case DCD_T_AI_FACILITY_GW:
    case DCD_T_AI_IT_GW:
    case DCD_T_AI_LOAD_GW: return "dcd_ai";
    default: return "dcd_dc";
    }
}

static int any_ai(const dcd_results *r)
{
    for (size_t s = 0; s < r->nseg; s++)
        if (r->seg_ai && r->seg_ai[s])
            return 1;
    return 0;
}

/* The reference points of one list for metric M, or 0 when there are none. */
static size_t count_points(const dcd_expect *e, size_t n, int m)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (e[i].metric && dcd_total_index(e[i].metric) == m && isfinite(e[i].value))
            k++;
    return k;
}

/* Extends [*lo, *hi] to the years of the points of E drawn on CHART. */
static void point_years(const dcd_expect *e, size_t n, const int *ms, int nm, int *lo, int *hi)
{
    for (size_t i = 0; i < n; i++) {
        if (!e[i].metric || !isfinite(e[i].value))
            continue;
        int m = dcd_total_index(e[i].metric);
        for (int j = 0; j < nm; j++)
            if (m == ms[j]) {
                if (e[i].year < *lo)
                    *lo = e[i].year;
                if (e[i].year > *hi)
                    *hi = e[i].year;
            }
    }
}

/* Writes the datablock $NAME_K of the points of E for metric M: year, value
 * and (expect) tolerance, in the order written. */
static void put_points(dcd_buf *b, const char *block, const dcd_expect *e, size_t n, int m,
                       int history)
{
    dcd_buf_printf(b, "%s << %s\n# year value%s\n", block, DATA_MARKER,
                   history ? "" : " tolerance");
    for (size_t i = 0; i < n; i++) {
        if (!e[i].metric || dcd_total_index(e[i].metric) != m || !isfinite(e[i].value))
            continue;
        dcd_buf_printf(b, "%d ", e[i].year);
        put_num(b, e[i].value);
        if (!history) {
            dcd_buf_puts(b, " ");
            put_num(b, e[i].tolerance);
        }
        dcd_buf_puts(b, "\n");
    }
    dcd_buf_printf(b, "%s\n", DATA_MARKER);
}

/* The footer: "Sources: A; B; C", or a note that the scenario names none. */
static int footer_text(const dcd_plot_meta *meta, dcd_buf *out)
{
    if (meta->nsources == 0)
        return dcd_buf_puts(out, "Sources: none named in the scenario");
    dcd_buf_puts(out, meta->nsources == 1 ? "Source: " : "Sources: ");
    for (size_t i = 0; i < meta->nsources; i++) {
        if (i)
            dcd_buf_puts(out, "; ");
        dcd_buf_puts(out, meta->sources[i] ? meta->sources[i] : "");
    }
    return out->failed ? -1 : 0;
}

/* Index in $TEXT of the first segment name (1-based, as gnuplot counts). */
#define TEXT_FIRST_SEGMENT 5

/* Number of characters (code points; an invalid byte counts as one) in the
 * first LEN bytes of S. */
static size_t utf8_count(const char *s, size_t len)
{
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        unsigned long cp;
        size_t l = utf8_decode((const unsigned char *)s + i, len - i, &cp);
        i += l ? l : 1;
        k++;
    }
    return k;
}

/* Splits S for a two-line footer: returns the length in bytes of the first
 * line, at most WIDTH characters, broken between two sources ("; ") or else
 * at a space when there is one in its second half (the second line starts
 * after that space). */
static size_t wrap_at(const char *s, size_t width)
{
    size_t n = strlen(s), i = 0, k = 0, last_space = 0, last_semi = 0, half = 0;
    if (utf8_count(s, n) <= width)
        return n;
    while (i < n && k <= width) {
        unsigned long cp;
        size_t l = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (k == width / 2)
            half = i;
        if (l == 1 && s[i] == ' ') {
            last_space = i;
            if (i > 0 && s[i - 1] == ';')
                last_semi = i;
        }
        if (k == width)
            break;
        i += l ? l : 1;
        k++;
    }
    if (last_semi > half)
        return last_semi;
    return last_space > half ? last_space : i;
}

static int is_alnum_ascii(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Whether a segment's name already says it is AI: "ai" as a word of it. */
static int says_ai(const char *name)
{
    const char *p = name;
    while (*p) {
        while (*p && !is_alnum_ascii(*p))
            p++;
        const char *w = p;
        while (is_alnum_ascii(*p))
            p++;
        if (p - w == 2 && (w[0] == 'a' || w[0] == 'A') && (w[1] == 'i' || w[1] == 'I'))
            return 1;
    }
    return 0;
}

/* $TEXT: 1 title, 2 name, 3 and 4 footer, then one line per segment. */
static const char *meta_title(const dcd_plot_meta *meta)
{
    const char *name = meta->name && *meta->name ? meta->name : "scenario";
    return meta->title && *meta->title ? meta->title : name;
}

static void put_text_block(dcd_buf *b, const dcd_plot_meta *meta, const dcd_results *r, int w)
{
    const char *name = meta->name && *meta->name ? meta->name : "scenario";
    const char *title = meta->title && *meta->title ? meta->title : name;
    dcd_buf foot = {0}, seg = {0};
    dcd_buf_puts(b, "# The scenario's text, used only as labels ($TEXT[1] title, [2] name,\n"
                    "# [3] and [4] footer, then the segments).  It is never run as a command.\n");
    dcd_buf_printf(b, "$TEXT << %s\n", dcd_plot_text_marker);
    dcd_plot_text_line(b, title, title_fit(w, 13));
    dcd_plot_text_line(b, name, name_fit(w));
    if (footer_text(meta, &foot) != 0)
        b->failed = 1;
    {
        /* Two lines; the second is cut with an ellipsis if need be. */
        const char *f = dcd_buf_str(&foot);
        size_t l1 = wrap_at(f, footer_fit(w));
        dcd_buf_clear(&seg);
        dcd_buf_append(&seg, f, l1);
        dcd_plot_text_line(b, dcd_buf_str(&seg), 0);
        dcd_plot_text_line(b, f[l1] == ' ' ? f + l1 + 1 : f + l1, footer_fit(w));
    }
    for (size_t s = 0; s < r->nseg; s++) {
        /* Cut the name first so that the AI mark always shows. */
        dcd_buf_clear(&seg);
        if (dcd_plot_text_line(&seg, r->seg_name[s], MAX_SEGMENT) != 0) {
            b->failed = 1;
            break;
        }
        seg.data[--seg.len] = '\0'; /* the newline */
        if (r->seg_ai && r->seg_ai[s] && !says_ai(r->seg_name[s]))
            dcd_buf_puts(&seg, " (AI)");
        dcd_buf_puts(b, dcd_buf_str(&seg));
        dcd_buf_puts(b, "\n");
    }
    dcd_buf_printf(b, "%s\n\n", dcd_plot_text_marker);
    if (seg.failed)
        b->failed = 1;
    dcd_buf_free(&foot);
    dcd_buf_free(&seg);
}

static void put_header(dcd_buf *b, const dcd_plot_opts *o, int chart)
{
    const char *stem = CHART_NAMES[chart], *ext = dcd_plot_format_ext(o->format);
    int w = o->width, h = o->height;
    dcd_buf_printf(b,
                   "# %s.gp - %s, written by dcdemand.\n"
                   "#\n"
                   "# Redraw by hand:  gnuplot %s.gp  (from this folder, or give its path from\n"
                   "# anywhere): it writes %s.%s beside this script.  Another format:\n"
                   "#   gnuplot -e \"fmt='svg'\" %s.gp     (png, svg or pdf)\n"
                   "# Edit freely: the numbers are in the datablocks below.\n\n",
                   stem, CHART_HEADING[chart], stem, stem, ext, stem);
    dcd_buf_printf(b, "reset\nset encoding utf8\ndcd_fmt = exists(\"fmt\") ? fmt : \"%s\"\n", ext);
    /* The same proportions in every format: SVG fonts are in pixels where
     * pngcairo's are in points at 96 per inch, hence fontscale 1.333; the PDF
     * page is the PNG's pixels at 144 per inch (1200x720: 8.33in x 5in). */
    int wi = (w * 100 + 72) / 144, hi = (h * 100 + 72) / 144;
    dcd_buf_printf(b,
                   "if (dcd_fmt eq \"svg\") {\n"
                   "    set terminal svg size %d,%d dynamic font \"Sans,12\" fontscale 1.333 noenhanced background \"white\"\n"
                   "} else {\n"
                   "    if (dcd_fmt eq \"pdf\") {\n"
                   "        set terminal pdfcairo size %d.%02din,%d.%02din font \"Sans,12\" pointscale 0.6 noenhanced\n"
                   "    } else {\n"
                   "        dcd_fmt = \"png\"\n"
                   "        set terminal pngcairo size %d,%d font \"Sans,12\" noenhanced background \"white\"\n"
                   "    }\n"
                   "}\n"
                   "# The picture goes beside this script, wherever gnuplot is started.\n"
                   "dcd_me = \"/%s.gp\"\n"
                   "dcd_n = strlen(dcd_me)\n"
                   "dcd_dir = (exists(\"ARG0\") && strlen(ARG0) >= dcd_n && "
                   "ARG0[strlen(ARG0)-dcd_n+1:] eq dcd_me) ? ARG0[1:strlen(ARG0)-dcd_n+1] : \"\"\n"
                   "set output dcd_dir.\"%s.\".dcd_fmt\n\n",
                   w, h, wi / 100, wi % 100, hi / 100, hi % 100, w, h, stem, stem);
    dcd_buf_printf(b,
                   "# Okabe-Ito colours: data centres, AI, the rest of the economy, markers,\n"
                   "# and segments in the scenario's order (the same on every chart).\n"
                   "dcd_dc = \"%s\"\ndcd_ai = \"%s\"\ndcd_rest = \"%s\"\ndcd_mark = \"%s\"\n"
                   "array dcd_seg[%d] = [",
                   COLOUR_DC, COLOUR_AI, COLOUR_REST, COLOUR_MARK, NSEGCOLOUR);
    for (int i = 0; i < NSEGCOLOUR; i++)
        dcd_buf_printf(b, "%s\"%s\"", i ? ", " : "", SEG_COLOURS[i]);
    dcd_buf_puts(b, "]\n\n");
}

/* Layout, axes and the title, subtitle and footer labels. */
/* Layout, axes and the title, subtitle and footer labels.  Distances are
 * kept in pixels (as at 1200x720) whatever the size, so that text does not
 * collide on a small picture.  KEY_CHARS is the longest legend entry, which
 * decides how wide the plot is and so how many years can be labelled. */
static void put_layout(dcd_buf *b, int chart, int xlo, int xhi, int pad_lo, int pad_hi,
                       int title_pt, const dcd_plot_opts *o, size_t key_chars)
{
    double w = o->width, h = o->height;
    int span = xhi - xlo;
    /* The legend goes on the right, outside the plot; in a smaller font
     * when it would leave the plot less than half the width. */
    double key_px = 70 + 7.4 * (double)key_chars;
    double plot_px = w - 110 - key_px;
    int small_key = plot_px < 0.5 * w;
    if (small_key)
        plot_px = w - 110 - (55 + 5.6 * (double)key_chars);
    /* Room for a year label every 70 px of plot, at round steps; a minor
     * tick each year. */
    int labels = plot_px > 210 ? (int)(plot_px / 70) : 3;
    static const int steps[] = {1, 2, 5, 10, 20, 25, 50, 100};
    int step = 100;
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
        if (span / steps[i] + 1 <= labels) {
            step = steps[i];
            break;
        }
    int first = xlo % step == 0 ? xlo : xlo + (step - ((xlo % step) + step) % step);
    dcd_buf_printf(b,
                   "set label 1 $TEXT[1] at screen 0.012, %.3f left font \"Sans Bold,%d\" noenhanced\n"
                   "set label 2 \"%s  \xc2\xb7  scenario \".$TEXT[2] at screen 0.012, %.3f left "
                   "font \"Sans,12\" textcolor rgb \"#444444\" noenhanced\n"
                   "set label 3 $TEXT[3] at screen 0.012, %.3f left font \"Sans,9\" "
                   "textcolor rgb \"#555555\" noenhanced\n"
                   "set label 4 $TEXT[4] at screen 0.012, %.3f left font \"Sans,9\" "
                   "textcolor rgb \"#555555\" noenhanced\n\n",
                   1 - 36 / h, title_pt, CHART_HEADING[chart], 1 - 76 / h, 35 / h, 14.4 / h);
    dcd_buf_printf(b,
                   "set tmargin at screen %.3f\n"
                   "set bmargin at screen %.3f\n"
                   "set lmargin 12\n"
                   "set border 3 linecolor rgb \"#444444\"\n"
                   "set tics nomirror out scale 0.6\n"
                   "set grid ytics linetype 1 linewidth 1 linecolor rgb \"#E5E5E5\"\n",
                   1 - 108 / h, 115 / h);
    dcd_buf_printf(b, "set key outside right top vertical Left reverse samplen 2.5 spacing 1.4 "
                      "width 1%s noenhanced\n", small_key ? " font \",9\"" : "");
    dcd_buf_printf(b,
                   "set datafile missing \"?\"\n"
                   "set xlabel \"Year\"\n"
                   "set ylabel \"%s\"\n"
                   "set xrange [%g:%g]\n"
                   "set xtics %d, %d format \"%%.0f\"\n",
                   CHART_YLABEL[chart], xlo - (pad_lo ? 0.5 : 0.0),
                   xhi + (pad_hi ? 0.5 : 0.0), first, step);
    if (step > 1 && step <= 10)
        dcd_buf_printf(b, "set mxtics %d\n", step);
    dcd_buf_puts(b, "set format y \"%g\"\n");
}

/* The longest legend entry of CHART, in characters (roughly). */
static size_t key_chars(int chart, const dcd_results *r, const pointset *ps, size_t nps)
{
    size_t k = chart == DCD_CHART_SHARE ? 43 : chart == DCD_CHART_LOAD ? 42 : 20;
    if (chart == DCD_CHART_ENERGY || chart == DCD_CHART_EMISSIONS)
        for (size_t s = 0; s < r->nseg; s++) {
            size_t n = strlen(r->seg_name[s]);
            n = (n > MAX_SEGMENT ? MAX_SEGMENT : n) + 5;
            k = n > k ? n : k;
        }
    for (size_t i = 0; i < nps; i++) {
        size_t n = strlen(metric_words(ps[i].metric)) + (ps[i].history ? 10 : 25);
        k = n > k ? n : k;
    }
    return k;
}

/* Appends one plot clause, with the separator when it is not the first. */
static void put_clause(dcd_buf *b, int *nclauses, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void put_clause(dcd_buf *b, int *nclauses, const char *fmt, ...)
{
    va_list ap;
    int n;
    dcd_buf_puts(b, (*nclauses)++ ? ", \\\n     " : "plot ");
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    char *s = malloc((size_t)n + 1);
    if (!s) {
        b->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    dcd_buf_puts(b, s);
    free(s);
}

/* Plot clauses for the markers of CHART: published figures with their
 * tolerance as error bars, observed figures as open circles. */
static void put_marker_clauses(dcd_buf *b, int *nclauses, int chart, const pointset *ps,
                               size_t nps)
{
    for (size_t k = 0; k < nps; k++) {
        const pointset *p = &ps[k];
        const char *col = metric_colour(chart, p->metric);
        if (p->history)
            put_clause(b, nclauses,
                       "$HISTORY_%zu using 1:2 with points pointtype 6 pointsize 1.8 linewidth 2 "
                       "linecolor rgb %s title \"Observed: %s\"",
                       k + 1, col, metric_words(p->metric));
        else
            put_clause(b, nclauses,
                       "$EXPECT_%zu using 1:2:3 with yerrorbars pointtype 13 pointsize 1.6 "
                       "linewidth 1.5 linecolor rgb %s title \"Published: %s (\xc2\xb1 tolerance)\"",
                       k + 1, col, metric_words(p->metric));
    }
}

/* The share chart's headline bands, shaded across the plot.  They are
 * named in the legend (put_band_keys), not inside the plot, where a label
 * would collide with a curve that crosses the band. */
typedef struct band {
    double lo, hi;
    const char *label, *colour;
} band;
static const band BANDS[2] = {{3, 4, "McKinsey 2024 headline range: 3-4% (2023)", "#56B4E9"},
                              {11, 12, "McKinsey 2024 headline range: 11-12% (2030)", "#E69F00"}};

static void put_bands(dcd_buf *b)
{
    dcd_buf_puts(b, "# Headline ranges of McKinsey (2024) for the US: 3-4% in 2023, 11-12% in 2030.\n");
    for (int i = 0; i < 2; i++)
        dcd_buf_printf(b,
                       "set object %d rectangle from graph 0, first %g to graph 1, first %g behind "
                       "fillcolor rgb \"%s\" fillstyle transparent solid 0.25 noborder\n",
                       i + 1, BANDS[i].lo, BANDS[i].hi, BANDS[i].colour);
    dcd_buf_puts(b, "set yrange [0:13<*]\n\n");
}

static void put_band_keys(dcd_buf *b, int *nclauses)
{
    for (int i = 0; i < 2; i++)
        put_clause(b, nclauses,
                   "keyentry with filledcurves fillcolor rgb \"%s\" fillstyle transparent solid "
                   "0.25 noborder title \"%s\"",
                   BANDS[i].colour, BANDS[i].label);
}

/* The data block $DATA of CHART: a year column, then the chart's series. */
static void put_data(dcd_buf *b, const dcd_results *r, int chart)
{
    static const int share[] = {DCD_T_DC_SHARE_PCT, DCD_T_AI_SHARE_PCT};
    static const int load[] = {DCD_T_DC_FACILITY_GW, DCD_T_DC_IT_GW, DCD_T_DC_LOAD_GW,
                               DCD_T_AI_FACILITY_GW, DCD_T_AI_IT_GW, DCD_T_AI_LOAD_GW};
    static const int national[] = {DCD_T_OTHER_TWH, DCD_T_DC_TWH, DCD_T_NATIONAL_TWH};
    const int *cols = NULL;
    size_t ncols = 0;
    int segm = -1;
    switch (chart) {
    case DCD_CHART_SHARE: cols = share, ncols = 2; break;
    case DCD_CHART_LOAD: cols = load, ncols = 6; break;
    case DCD_CHART_NATIONAL: cols = national, ncols = 3; break;
    case DCD_CHART_ENERGY: segm = DCD_S_FACILITY_TWH; break;
    default: segm = DCD_S_CO2_MT; break;
    }
    dcd_buf_printf(b, "$DATA << %s\n# year", DATA_MARKER);
    if (segm >= 0)
        dcd_buf_printf(b, ", then %s (%s) of each segment in the order of $TEXT[%d...]",
                       dcd_segment_info[segm].name, dcd_segment_info[segm].unit,
                       TEXT_FIRST_SEGMENT);
    for (size_t c = 0; c < ncols; c++)
        dcd_buf_printf(b, " %s", dcd_total_info[cols[c]].name);
    dcd_buf_puts(b, "\n");
    for (size_t i = 0; i < r->ny; i++) {
        dcd_buf_printf(b, "%d", r->start + (int)i);
        for (size_t c = 0; c < ncols; c++) {
            dcd_buf_puts(b, " ");
            put_num(b, DCD_TOTAL(r, cols[c], i));
        }
        if (segm >= 0)
            for (size_t s = 0; s < r->nseg; s++) {
                dcd_buf_puts(b, " ");
                put_num(b, DCD_SEG(r, s, segm, i));
            }
        dcd_buf_puts(b, "\n");
    }
    dcd_buf_printf(b, "%s\n\n", DATA_MARKER);
}

/* Collects the marker sets of CHART (at most 2 x 6) and writes their
 * datablocks. */
static size_t put_point_blocks(dcd_buf *b, const dcd_plot_meta *meta, int chart, pointset *ps)
{
    int ms[6];
    int nm = chart_metrics(chart, ms);
    size_t nps = 0;
    for (int h = 0; h < 2; h++)
        for (int j = 0; j < nm; j++) {
            const dcd_expect *e = h ? meta->history : meta->expect;
            size_t n = h ? meta->nhistory : meta->nexpect;
            size_t c = count_points(e, n, ms[j]);
            if (c == 0)
                continue;
            ps[nps].metric = ms[j];
            ps[nps].history = h;
            ps[nps].count = c;
            nps++;
            char block[32];
            snprintf(block, sizeof block, "$%s_%zu", h ? "HISTORY" : "EXPECT", nps);
            put_points(b, block, e, n, ms[j], h);
        }
    if (nps)
        dcd_buf_puts(b, "\n");
    return nps;
}

/* A stacked area of the segment columns of $DATA, top segment first in the
 * legend. */
static void put_stack(dcd_buf *b, size_t nseg, int single)
{
    dcd_buf_printf(b, "dcd_nseg = %zu\n", nseg);
    if (single) /* one year: stacked bars, the tallest drawn first */
        dcd_buf_printf(b,
                       "set boxwidth 0.5\n"
                       "plot for [k=dcd_nseg:1:-1] $DATA using 1:(sum [j=2:k+1] column(j)) \\\n"
                       "         with boxes fillcolor rgb dcd_seg[(k-1)%%%d+1] fillstyle solid 0.9 "
                       "noborder \\\n"
                       "         title $TEXT[%d+k-1]",
                       NSEGCOLOUR, TEXT_FIRST_SEGMENT);
    else
        dcd_buf_printf(b,
                       "plot for [k=dcd_nseg:1:-1] $DATA using 1:(sum [j=2:k] column(j)):(sum "
                       "[j=2:k+1] column(j)) \\\n"
                       "         with filledcurves fillcolor rgb dcd_seg[(k-1)%%%d+1] fillstyle "
                       "solid 0.9 noborder \\\n"
                       "         title $TEXT[%d+k-1]",
                       NSEGCOLOUR, TEXT_FIRST_SEGMENT);
}

/* Whether total metric M has a value in some year. */
static int has_values(const dcd_results *r, int m)
{
    for (size_t i = 0; i < r->ny; i++)
        if (isfinite(DCD_TOTAL(r, m, i)))
            return 1;
    return 0;
}

/* The load chart's three lines of one group (data centres or AI), from
 * column COL of $DATA on; a line with no value in any year is left out. */
static void put_load_lines(dcd_buf *b, int *nclauses, const dcd_results *r, int ai,
                           const char *style)
{
    static const char *const what[3] = {"facility capacity (IT \xc3\x97 PUE)", "IT capacity",
                                        "average facility load"};
    static const char *const dash[3] = {"", " dashtype (8,5)", " dashtype (2,4)"};
    const int m[2][3] = {{DCD_T_DC_FACILITY_GW, DCD_T_DC_IT_GW, DCD_T_DC_LOAD_GW},
                         {DCD_T_AI_FACILITY_GW, DCD_T_AI_IT_GW, DCD_T_AI_LOAD_GW}};
    for (int k = 0; k < 3; k++)
        if (has_values(r, m[ai][k]))
            put_clause(b, nclauses,
                       "$DATA using 1:%d with %s linewidth %s%s linecolor rgb %s title \"%s: %s\"",
                       2 + 3 * ai + k, style, k ? "2.5" : "3", dash[k], ai ? "dcd_ai" : "dcd_dc",
                       ai ? "AI" : "Data centres", what[k]);
}

int dcd_plot_script(const dcd_plot_meta *meta, const dcd_results *r, int chart,
                    const dcd_plot_opts *o, dcd_buf *out)
{
    if (chart < 0 || chart >= DCD_NCHART)
        return DCD_EUSAGE;
    pointset ps[12];
    int ms[6];
    int nm = chart_metrics(chart, ms);
    int xlo = r->start, xhi = r->start + (int)(r->ny ? r->ny - 1 : 0);
    point_years(meta->expect, meta->nexpect, ms, nm, &xlo, &xhi);
    point_years(meta->history, meta->nhistory, ms, nm, &xlo, &xhi);
    /* Half a year of room where a marker sits on the edge, so that it shows
     * whole; a year of room on each side when there is only one year. */
    int pad_lo = 0, pad_hi = 0, single = r->ny == 1;
    {
        int lo = INT_MAX, hi = INT_MIN;
        point_years(meta->expect, meta->nexpect, ms, nm, &lo, &hi);
        point_years(meta->history, meta->nhistory, ms, nm, &lo, &hi);
        pad_lo = lo == xlo;
        pad_hi = hi == xhi;
    }
    if (xhi == xlo) {
        xlo--;
        xhi++;
        pad_lo = pad_hi = 0;
    }

    put_header(out, o, chart);
    put_text_block(out, meta, r, o->width);
    put_data(out, r, chart);
    size_t nps = put_point_blocks(out, meta, chart, ps);
    put_layout(out, chart, xlo, xhi, pad_lo, pad_hi, title_points(meta_title(meta), o->width), o,
               key_chars(chart, r, ps, nps));
    int ai = any_ai(r);
    /* A single year has no line to draw: points and bars instead. */
    const char *line = single ? "linespoints pointtype 7 pointsize 1.4" : "lines";

    int nclauses = 0;

    switch (chart) {
    case DCD_CHART_SHARE:
        dcd_buf_puts(out, "\n");
        put_bands(out);
        if (has_values(r, DCD_T_DC_SHARE_PCT))
            put_clause(out, &nclauses, "$DATA using 1:2 with %s linewidth 3 linecolor rgb dcd_dc "
                                       "title \"Data centres\"", line);
        if (ai && has_values(r, DCD_T_AI_SHARE_PCT))
            put_clause(out, &nclauses, "$DATA using 1:3 with %s linewidth 3 linecolor rgb "
                                       "dcd_ai title \"AI\"", line);
        break;
    case DCD_CHART_ENERGY:
    case DCD_CHART_EMISSIONS:
        dcd_buf_puts(out, "set yrange [0:*]\n\n");
        put_stack(out, r->nseg, single);
        nclauses = 1;
        break;
    case DCD_CHART_LOAD:
        dcd_buf_puts(out, "set yrange [0:*]\n\n");
        put_load_lines(out, &nclauses, r, 0, line);
        if (ai)
            put_load_lines(out, &nclauses, r, 1, line);
        break;
    case DCD_CHART_NATIONAL:
        dcd_buf_puts(out, "set yrange [0:*]\n\n");
        if (single)
            dcd_buf_puts(out,
                         "set boxwidth 0.5\n"
                         "plot $DATA using 1:4 with boxes fillcolor rgb dcd_dc fillstyle solid 0.9 "
                         "noborder title \"Data centres\", \\\n"
                         "     $DATA using 1:2 with boxes fillcolor rgb dcd_rest fillstyle solid "
                         "0.9 noborder title \"Rest of the economy\"");
        else
            dcd_buf_puts(out,
                         "plot $DATA using 1:2:4 with filledcurves fillcolor rgb dcd_dc fillstyle "
                         "solid 0.9 noborder title \"Data centres\", \\\n"
                         "     $DATA using 1:(0):2 with filledcurves fillcolor rgb dcd_rest "
                         "fillstyle solid 0.9 noborder title \"Rest of the economy\"");
        nclauses = 1;
        break;
    default:
        break;
    }
    put_marker_clauses(out, &nclauses, chart, ps, nps);
    if (chart == DCD_CHART_SHARE)
        put_band_keys(out, &nclauses);
    if (nclauses == 0) /* nothing to draw: still a chart, with its axes */
        dcd_buf_puts(out, "plot $DATA using 1:(0) with lines linecolor rgb \"white\" notitle");
    dcd_buf_puts(out, "\nunset output\n");
    return out->failed ? DCD_ENOMEM : DCD_OK;
}

/* ---- running gnuplot -------------------------------------------------- */

/* Which program to run: the option, $DCDEMAND_GNUPLOT, or "gnuplot". */
static const char *gnuplot_program(const dcd_plot_opts *o)
{
    if (o->gnuplot && *o->gnuplot)
        return o->gnuplot;
    const char *env = getenv("DCDEMAND_GNUPLOT");
    return env && *env ? env : "gnuplot";
}

/* Reads FD to the end, keeping the first MAX_STDERR bytes in OUT. */
static void drain(int fd, dcd_buf *out)
{
    char chunk[4096];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (out->len < MAX_STDERR) {
            size_t keep = (size_t)n;
            if (keep > MAX_STDERR - out->len)
                keep = MAX_STDERR - out->len;
            dcd_buf_append(out, chunk, keep);
        }
    }
}

/* Why the child could not start: the step and errno. */
typedef struct start_error {
    int step; /* 1: chdir, 2: exec, 3: redirect */
    int err;
} start_error;

/* In the child: reports STEP and errno to the parent through FD and exits.
 * ARGV is freed first so that a memory checker following the fork sees no
 * leak. */
static void child_fail(int fd, int step, char **argv)
{
    start_error se = {step, errno};
    free(argv);
    ssize_t w = write(fd, &se, sizeof se);
    (void)w;
    _exit(127);
}

/* Whether PROG can be run: a path with a slash is checked as it is, a bare
 * name is looked up in PATH as execvp() would.  Checking before the fork
 * keeps the usual failure (gnuplot not installed) out of a child process.
 * Returns 0, or an errno value (ENOENT when a bare name is not in PATH). */
static int find_program(const char *prog)
{
    if (strchr(prog, '/'))
        return access(prog, X_OK) == 0 ? 0 : errno;
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/bin:/bin";
    int found = ENOENT;
    dcd_buf full = {0};
    for (const char *p = path; found != 0;) {
        const char *colon = strchr(p, ':');
        size_t len = colon ? (size_t)(colon - p) : strlen(p);
        struct stat st;
        dcd_buf_clear(&full);
        if (len == 0)
            dcd_buf_puts(&full, "."); /* an empty entry is the current folder */
        else
            dcd_buf_append(&full, p, len);
        dcd_buf_printf(&full, "/%s", prog);
        if (full.failed) {
            found = ENOMEM;
            break;
        }
        if (stat(full.data, &st) == 0 && S_ISREG(st.st_mode) && access(full.data, X_OK) == 0)
            found = 0;
        if (!colon)
            break;
        p = colon + 1;
    }
    dcd_buf_free(&full);
    return found;
}

/* Runs PROG -d SCRIPTS... in DIR (NULL: the current folder) with stdin
 * from /dev/null, stdout and stderr into ERRTEXT.  Returns 0 when it ran (wait status in *WSTATUS),
 * else -1 with the failing step in *SE. */
static int run_gnuplot(const char *prog, const char *dir, const char *const *scripts, size_t n,
                       dcd_buf *errtext, int *wstatus, start_error *se)
{
    int outp[2] = {-1, -1}, stp[2] = {-1, -1}, rc = -1;
    char **argv = calloc(n + 3, sizeof *argv);
    se->step = 0;
    se->err = 0;
    if (!argv) {
        se->err = ENOMEM;
        goto done;
    }
    int missing = find_program(prog);
    if (missing) {
        se->step = missing == ENOMEM ? 0 : 2;
        se->err = missing;
        goto done;
    }
    argv[0] = (char *)prog;
    argv[1] = (char *)"-d";
    for (size_t i = 0; i < n; i++)
        argv[i + 2] = (char *)scripts[i];
    if (pipe(outp) != 0 || pipe(stp) != 0 || fcntl(stp[1], F_SETFD, FD_CLOEXEC) != 0) {
        se->err = errno;
        goto done;
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        se->err = errno;
        goto done;
    }
    if (pid == 0) {
        close(outp[0]);
        close(stp[0]);
        int nul = open("/dev/null", O_RDONLY);
        if (nul < 0 || dup2(nul, 0) < 0 || dup2(outp[1], 1) < 0 || dup2(outp[1], 2) < 0)
            child_fail(stp[1], 3, argv);
        close(nul);
        close(outp[1]);
        if (dir && chdir(dir) != 0)
            child_fail(stp[1], 1, argv);
        execvp(prog, argv);
        child_fail(stp[1], 2, argv);
    }
    close(outp[1]);
    outp[1] = -1;
    close(stp[1]);
    stp[1] = -1;
    ssize_t got;
    do
        got = read(stp[0], se, sizeof *se);
    while (got < 0 && errno == EINTR);
    if (got != (ssize_t)sizeof *se) {
        se->step = 0;
        se->err = 0;
    }
    drain(outp[0], errtext);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0) {
        if (errno != EINTR) {
            se->err = errno;
            goto done;
        }
    }
    *wstatus = st;
    rc = se->step ? -1 : 0;
done:
    for (int i = 0; i < 2; i++) {
        if (outp[i] >= 0)
            close(outp[i]);
        if (stp[i] >= 0)
            close(stp[i]);
    }
    free(argv);
    return rc;
}

static const char INSTALL_HINT[] =
    "install gnuplot (Debian, Ubuntu: apt-get install gnuplot-nox) or name the program with "
    "DCDEMAND_GNUPLOT";

/* Appends gnuplot's messages to the diagnostic list, one per line, indented. */
static void add_gnuplot_output(dcd_diags *d, const char *dir, const dcd_buf *text)
{
    const char *s = dcd_buf_str(text);
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        if (len > 0)
            dcd_diags_add(d, dir, 0, 0, "  gnuplot: %.*s", (int)len, s);
        s += len + (nl ? 1 : 0);
    }
}

/* Joins DIR and NAME.EXT into OUT. */
static int path_of(dcd_buf *out, const char *dir, const char *stem, const char *ext)
{
    dcd_buf_clear(out);
    return dcd_buf_printf(out, "%s/%s.%s", dir, stem, ext);
}

/* Removes DIR/STEM.EXT if it exists.  Returns 0, or -1 with a diagnostic. */
static int remove_file(const char *dir, const char *stem, const char *ext, dcd_diags *d)
{
    dcd_buf p = {0};
    int rc = 0;
    if (path_of(&p, dir, stem, ext) != 0)
        rc = -1;
    else if (unlink(p.data) != 0 && errno != ENOENT) {
        dcd_diags_add(d, p.data, 0, 0, "cannot remove the old chart: %s", strerror(errno));
        rc = -1;
    }
    dcd_buf_free(&p);
    return rc;
}

/* A PDF written by cairo carries the time it was written in /CreationDate.
 * Replace it with SOURCE_DATE_EPOCH (or 1970-01-01) so that the same inputs
 * give the same bytes; the length does not change, so offsets stay valid. */
static int fix_pdf_date(const char *dir, const char *stem, dcd_diags *d)
{
    static const char key[] = "/CreationDate (D:";
    dcd_buf path = {0}, data = {0};
    FILE *f = NULL;
    int rc = DCD_EPLOT;
    char name[64];
    if (path_of(&path, dir, stem, "pdf") != 0) {
        rc = DCD_ENOMEM;
        goto done;
    }
    f = fopen(path.data, "rb");
    if (!f) {
        dcd_diags_add(d, path.data, 0, 0, "cannot read the chart gnuplot wrote: %s", strerror(errno));
        goto done;
    }
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (dcd_buf_append(&data, chunk, n) != 0) {
            rc = DCD_ENOMEM;
            goto done;
        }
    if (ferror(f)) {
        dcd_diags_add(d, path.data, 0, 0, "cannot read the chart gnuplot wrote: %s", strerror(errno));
        goto done;
    }
    fclose(f);
    f = NULL;
    /* Find the key (the file holds binary streams, so no strstr). */
    size_t klen = sizeof key - 1;
    for (size_t i = 0; data.len >= klen + 14 && i <= data.len - klen - 14; i++) {
        if (memcmp(data.data + i, key, klen) != 0)
            continue;
        char *digits = data.data + i + klen;
        int ok = 1;
        for (int j = 0; j < 14; j++)
            ok &= digits[j] >= '0' && digits[j] <= '9';
        if (!ok)
            continue;
        long long epoch = 0;
        const char *sde = getenv("SOURCE_DATE_EPOCH");
        if (sde && *sde) {
            char *end;
            errno = 0;
            long long v = strtoll(sde, &end, 10);
            if (errno == 0 && *end == '\0' && v >= 0 && v < 253402300800LL)
                epoch = v;
        }
        /* Civil date from days since 1970-01-01 (Howard Hinnant's algorithm). */
        long long days = epoch / 86400, secs = epoch % 86400;
        long long z = days + 719468, era = z / 146097, doe = z - era * 146097;
        long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
        long long day = doy - (153 * mp + 2) / 5 + 1, month = mp < 10 ? mp + 3 : mp - 9;
        long long year = yoe + era * 400 + (month <= 2);
        char stamp[32];
        snprintf(stamp, sizeof stamp, "%04lld%02lld%02lld%02lld%02lld%02lld", year, month, day,
                 secs / 3600, secs / 60 % 60, secs % 60);
        memcpy(digits, stamp, 14);
        break;
    }
    snprintf(name, sizeof name, "%s.pdf", stem);
    rc = dcd_write_atomic(dir, name, data.data ? data.data : "", data.len, d);
done:
    if (f)
        fclose(f);
    dcd_buf_free(&path);
    dcd_buf_free(&data);
    return rc;
}

/* Runs gnuplot over SCRIPTS in DIR (NULL: here) and reports a failure
 * under LABEL. */
static int run_and_report(const char *dir, const char *const *scripts, size_t n,
                          const dcd_plot_opts *o, const char *label, dcd_diags *d)
{
    const char *prog = gnuplot_program(o);
    dcd_buf errtext = {0};
    int wstatus = 0, rc = DCD_OK;
    start_error se;
    if (run_gnuplot(prog, dir, scripts, n, &errtext, &wstatus, &se) != 0) {
        if (se.step == 2)
            dcd_diags_add(d, label, 0, 0, "cannot draw charts: cannot run gnuplot ('%s'): %s; %s",
                          prog, strerror(se.err), INSTALL_HINT);
        else if (se.step == 1)
            dcd_diags_add(d, label, 0, 0, "cannot draw charts here: %s", strerror(se.err));
        else
            dcd_diags_add(d, label, 0, 0, "cannot start gnuplot ('%s'): %s", prog,
                          strerror(se.err));
        rc = se.err == ENOMEM ? DCD_ENOMEM : DCD_EPLOT;
    } else if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
        if (WIFSIGNALED(wstatus))
            dcd_diags_add(d, label, 0, 0, "gnuplot ('%s') was killed by signal %d; the charts "
                          "are incomplete", prog, WTERMSIG(wstatus));
        else
            dcd_diags_add(d, label, 0, 0, "gnuplot ('%s') failed with status %d; the charts are "
                          "incomplete (check the installation: apt-get install gnuplot-nox); "
                          "its messages:", prog, WEXITSTATUS(wstatus));
        add_gnuplot_output(d, label, &errtext);
        rc = DCD_EPLOT;
    }
    dcd_buf_free(&errtext);
    return rc;
}

int dcd_plot_run(const char *dir, const char *const *scripts, size_t n, const dcd_plot_opts *o,
                 dcd_diags *d)
{
    return run_and_report(dir, scripts, n, o, dir, d);
}

/* One chart of a batch: its script as gnuplot is given it, and where its
 * picture goes. */
typedef struct batch_entry {
    char *script; /* "./DIR/share.gp" or "/DIR/share.gp" */
    char *dir;
    int chart;
} batch_entry;

struct dcd_plot_batch {
    dcd_plot_opts o;
    batch_entry *e;
    size_t n, cap;
    char **dirs; /* every folder added, in order */
    size_t ndirs;
};

static char *dup_text(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

dcd_plot_batch *dcd_plot_batch_new(const dcd_plot_opts *o)
{
    dcd_plot_batch *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    if (o)
        b->o = *o;
    else
        dcd_plot_opts_default(&b->o);
    return b;
}

void dcd_plot_batch_free(dcd_plot_batch *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++) {
        free(b->e[i].script);
        free(b->e[i].dir);
    }
    for (size_t i = 0; i < b->ndirs; i++)
        free(b->dirs[i]);
    free(b->e);
    free(b->dirs);
    free(b);
}

/* Adds chart C of folder DIR.  Returns 0, or -1 on OOM. */
static int batch_push(dcd_plot_batch *b, const char *dir, int c)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 8;
        batch_entry *p = realloc(b->e, cap * sizeof *p);
        if (!p)
            return -1;
        b->e = p;
        b->cap = cap;
    }
    dcd_buf path = {0};
    /* The script finds its folder in ARG0, the name gnuplot was given, and
     * writes its picture there: a name that starts with "./" or "/" can
     * never be read by gnuplot as a pipe ("<cmd", "|cmd"). */
    dcd_buf_printf(&path, "%s%s/%s.gp", dir[0] == '/' ? "" : "./", dir, CHART_NAMES[c]);
    char *dcopy = dup_text(dir);
    if (path.failed || !dcopy) {
        dcd_buf_free(&path);
        free(dcopy);
        return -1;
    }
    b->e[b->n].script = path.data; /* the buffer's string, now owned here */
    b->e[b->n].dir = dcopy;
    b->e[b->n].chart = c;
    b->n++;
    return 0;
}

int dcd_plot_batch_add(dcd_plot_batch *b, const dcd_plot_meta *meta, const dcd_results *r,
                       const char *dir, dcd_diags *d)
{
    static const char *const formats[3] = {"png", "svg", "pdf"};
    const dcd_plot_opts *o = &b->o;
    const char *ext = dcd_plot_format_ext(o->format);
    dcd_buf script = {0};
    char name[32];
    int rc = DCD_OK;

    char **dirs = realloc(b->dirs, (b->ndirs + 1) * sizeof *dirs);
    if (!dirs)
        return DCD_ENOMEM;
    b->dirs = dirs;
    if (!(b->dirs[b->ndirs] = dup_text(dir)))
        return DCD_ENOMEM;
    b->ndirs++;

    for (int c = 0; c < DCD_NCHART; c++) {
        const char *stem = CHART_NAMES[c];
        if (!dcd_plot_chart_applies(r, c)) {
            /* A chart that no longer applies must not linger from an
             * earlier run. */
            for (int f = 0; f < 3; f++)
                if (remove_file(dir, stem, formats[f], d) != 0)
                    rc = DCD_EIO;
            if (remove_file(dir, stem, "gp", d) != 0)
                rc = DCD_EIO;
            if (rc != DCD_OK)
                goto done;
            continue;
        }
        dcd_buf_clear(&script);
        rc = dcd_plot_script(meta, r, c, o, &script);
        if (rc != DCD_OK)
            goto done;
        snprintf(name, sizeof name, "%s.gp", stem);
        rc = dcd_write_atomic(dir, name, script.data, script.len, d);
        if (rc != DCD_OK)
            goto done;
        /* If gnuplot fails, no stale picture must pass for a new one. */
        if (!o->scripts_only && remove_file(dir, stem, ext, d) != 0) {
            rc = DCD_EIO;
            goto done;
        }
        if (batch_push(b, dir, c) != 0) {
            rc = DCD_ENOMEM;
            goto done;
        }
    }
done:
    dcd_buf_free(&script);
    return rc;
}

int dcd_plot_batch_draw(dcd_plot_batch *b, dcd_diags *d)
{
    const dcd_plot_opts *o = &b->o;
    const char *ext = dcd_plot_format_ext(o->format);
    const char **scripts = NULL;
    dcd_buf path = {0};
    int rc = DCD_OK;
    if (o->scripts_only || b->n == 0)
        return DCD_OK;
    scripts = malloc(b->n * sizeof *scripts);
    if (!scripts)
        return DCD_ENOMEM;
    for (size_t i = 0; i < b->n; i++)
        scripts[i] = b->e[i].script;
    rc = run_and_report(NULL, scripts, b->n, o, b->dirs[0], d);
    if (rc == DCD_EPLOT)
        for (size_t i = 0; i < b->ndirs; i++)
            dcd_diags_add(d, b->dirs[i], 0, 0, "the results are complete; once gnuplot works, "
                          "draw the charts with: dcdemand plot %s", b->dirs[i]);
    if (rc != DCD_OK)
        goto done;
    /* gnuplot exits 0 after a plot with nothing to draw, so check that each
     * picture is there. */
    for (size_t i = 0; i < b->n; i++) {
        struct stat st;
        const char *stem = CHART_NAMES[b->e[i].chart];
        if (path_of(&path, b->e[i].dir, stem, ext) != 0) {
            rc = DCD_ENOMEM;
            goto done;
        }
        if (stat(path.data, &st) != 0 || st.st_size == 0) {
            dcd_diags_add(d, path.data, 0, 0, "gnuplot ('%s') did not write this chart",
                          gnuplot_program(o));
            rc = DCD_EPLOT;
            goto done;
        }
        if (o->format == DCD_PLOT_PDF) {
            rc = fix_pdf_date(b->e[i].dir, stem, d);
            if (rc != DCD_OK)
                goto done;
        }
    }
done:
    free(scripts);
    dcd_buf_free(&path);
    return rc;
}

int dcd_plot_draw(const dcd_plot_meta *meta, const dcd_results *r, const char *dir,
                  const dcd_plot_opts *o, dcd_diags *d)
{
    dcd_plot_batch *b = dcd_plot_batch_new(o);
    if (!b)
        return DCD_ENOMEM;
    int rc = dcd_plot_batch_add(b, meta, r, dir, d);
    if (rc == DCD_OK)
        rc = dcd_plot_batch_draw(b, d);
    dcd_plot_batch_free(b);
    return rc;
}

/* ---- reading saved results -------------------------------------------- */

/* Reads the whole of DIR/NAME into OUT.  Returns DCD_OK, DCD_EINPUT (with a
 * diagnostic) or DCD_ENOMEM. */
static int read_file(const char *dir, const char *name, dcd_buf *path, dcd_buf *out,
                     dcd_diags *d)
{
    dcd_buf_clear(path);
    if (dcd_buf_printf(path, "%s/%s", dir, name) != 0)
        return DCD_ENOMEM;
    FILE *f = fopen(path->data, "rb");
    if (!f) {
        dcd_diags_add(d, path->data, 0, 0, "cannot read: %s (run 'dcdemand run' first)",
                      strerror(errno));
        return DCD_EINPUT;
    }
    char chunk[8192];
    size_t n;
    int rc = DCD_OK;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (dcd_buf_append(out, chunk, n) != 0) {
            rc = DCD_ENOMEM;
            break;
        }
    if (rc == DCD_OK && ferror(f)) {
        dcd_diags_add(d, path->data, 0, 0, "cannot read: %s", strerror(errno));
        rc = DCD_EINPUT;
    }
    fclose(f);
    if (rc == DCD_OK && !out->data)
        rc = dcd_buf_append(out, "", 0) == 0 ? DCD_OK : DCD_ENOMEM;
    return rc;
}

/* A span of text: a line or a cell. */
typedef struct span {
    const char *s;
    size_t len;
} span;

/* Takes the next line of *CURSOR (without its "\n" or "\r\n").  Returns 0,
 * or -1 at the end of the text. */
static int next_line(const char **cursor, span *line)
{
    const char *s = *cursor;
    if (!*s)
        return -1;
    const char *nl = strchr(s, '\n');
    size_t len = nl ? (size_t)(nl - s) : strlen(s);
    *cursor = s + len + (nl ? 1 : 0);
    if (len && s[len - 1] == '\r')
        len--;
    line->s = s;
    line->len = len;
    return 0;
}

/* Takes the next comma-separated cell of *LINE.  Returns 0, or -1 when the
 * line is used up. */
static int next_cell(span *line, span *cell)
{
    if (!line->s)
        return -1;
    const char *c = memchr(line->s, ',', line->len);
    cell->s = line->s;
    cell->len = c ? (size_t)(c - line->s) : line->len;
    if (c) {
        line->len -= cell->len + 1;
        line->s = c + 1;
    } else {
        line->s = NULL;
        line->len = 0;
    }
    return 0;
}

static int span_eq(span a, const char *b)
{
    return strlen(b) == a.len && memcmp(a.s, b, a.len) == 0;
}

/* Parses a number cell: empty is NaN.  Returns 0, or -1 when malformed. */
static int parse_cell(span c, double *out)
{
    char tmp[64];
    if (c.len == 0) {
        *out = NAN;
        return 0;
    }
    if (c.len >= sizeof tmp)
        return -1;
    memcpy(tmp, c.s, c.len);
    tmp[c.len] = '\0';
    char *end;
    errno = 0;
    double v = strtod(tmp, &end);
    if (*end != '\0' || end == tmp || errno == ERANGE)
        return -1;
    *out = v;
    return 0;
}

static int parse_year(span c, int *out)
{
    double v;
    if (parse_cell(c, &v) != 0 || !isfinite(v) || v != floor(v) || v < -9999 || v > 99999)
        return -1;
    *out = (int)v;
    return 0;
}

/* Segment names in order: from SC, or as segments.csv first names them. */
typedef struct namelist {
    char **v;
    size_t n, cap;
} namelist;

static long name_index(const namelist *l, span s)
{
    for (size_t i = 0; i < l->n; i++)
        if (span_eq(s, l->v[i]))
            return (long)i;
    return -1;
}

static int name_push(namelist *l, span s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        char **p = realloc(l->v, cap * sizeof *p);
        if (!p)
            return -1;
        l->v = p;
        l->cap = cap;
    }
    char *c = malloc(s.len + 1);
    if (!c)
        return -1;
    memcpy(c, s.s, s.len);
    c[s.len] = '\0';
    l->v[l->n++] = c;
    return 0;
}

static void names_free(namelist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

/* A row of segments.csv: year,segment,metric,value,unit.  A segment name
 * may hold commas, so the row is split at its first comma and its last
 * three. */
typedef struct segrow {
    span year, seg, metric, value;
} segrow;

static int split_segrow(span line, segrow *row)
{
    const char *end = line.s + line.len, *c[4];
    c[0] = memchr(line.s, ',', line.len);
    if (!c[0])
        return -1;
    const char *p = end;
    for (int k = 3; k >= 1; k--) {
        do
            p--;
        while (p > c[0] && *p != ',');
        if (p <= c[0])
            return -1;
        c[k] = p;
    }
    row->year = (span){line.s, (size_t)(c[0] - line.s)};
    row->seg = (span){c[0] + 1, (size_t)(c[1] - c[0] - 1)};
    row->metric = (span){c[1] + 1, (size_t)(c[2] - c[1] - 1)};
    row->value = (span){c[2] + 1, (size_t)(c[3] - c[2] - 1)};
    return 0;
}

static int segment_metric(span s)
{
    for (int m = 0; m < DCD_NSEGMETRIC; m++)
        if (span_eq(s, dcd_segment_info[m].name))
            return m;
    return -1;
}

/* Reads summary.csv's header: the metric of each column after `year`
 * (-1: unknown, ignored).  Returns DCD_OK, DCD_EINPUT or DCD_ENOMEM. */
static int read_header(span line, const char *path, int **colmap, size_t *ncol, dcd_diags *d)
{
    span cell;
    size_t n = 0;
    for (size_t i = 0; i < line.len; i++)
        n += line.s[i] == ',';
    if (next_cell(&line, &cell) != 0 || !span_eq(cell, "year") || n == 0) {
        dcd_diags_add(d, path, 1, 1, "expected a header starting with 'year,'");
        return DCD_EINPUT;
    }
    *colmap = malloc(n * sizeof **colmap);
    if (!*colmap)
        return DCD_ENOMEM;
    for (size_t k = 0; k < n && next_cell(&line, &cell) == 0; k++) {
        char name[64];
        (*colmap)[k] = -1;
        if (cell.len < sizeof name) {
            memcpy(name, cell.s, cell.len);
            name[cell.len] = '\0';
            (*colmap)[k] = dcd_total_index(name);
        }
    }
    *ncol = n;
    return DCD_OK;
}

int dcd_plot_read_results(const char *dir, const dcd_scenario *sc, dcd_results **out,
                          dcd_diags *d)
{
    dcd_buf spath = {0}, gpath = {0}, sum = {0}, seg = {0};
    namelist names = {0};
    int *ai = NULL, *colmap = NULL;
    dcd_results *r = NULL;
    int rc, start = 0, lineno;
    size_t ny = 0, ncol = 0;
    const char *cur;
    span line, cell;
    *out = NULL;

    rc = read_file(dir, "summary.csv", &spath, &sum, d);
    if (rc == DCD_OK)
        rc = read_file(dir, "segments.csv", &gpath, &seg, d);
    if (rc != DCD_OK)
        goto done;

    /* summary.csv, first pass: the columns, and the years, which must run on
     * without gaps. */
    cur = sum.data;
    if (next_line(&cur, &line) != 0) {
        dcd_diags_add(d, spath.data, 1, 1, "the file is empty");
        rc = DCD_EINPUT;
        goto done;
    }
    rc = read_header(line, spath.data, &colmap, &ncol, d);
    if (rc != DCD_OK)
        goto done;
    for (const char *scan = cur; next_line(&scan, &line) == 0;) {
        int y;
        if (line.len == 0)
            continue;
        next_cell(&line, &cell);
        if (parse_year(cell, &y) != 0 || (ny > 0 && y != start + (int)ny)) {
            dcd_diags_add(d, spath.data, (int)ny + 2, 1, "expected the year %d",
                          ny ? start + (int)ny : start);
            rc = DCD_EINPUT;
            goto done;
        }
        if (ny == 0)
            start = y;
        ny++;
    }
    if (ny == 0) {
        dcd_diags_add(d, spath.data, 2, 1, "no years in the file");
        rc = DCD_EINPUT;
        goto done;
    }

    /* The segments: the scenario's, or those segments.csv names. */
    if (sc) {
        ai = calloc(sc->nsegments ? sc->nsegments : 1, sizeof *ai);
        if (!ai) {
            rc = DCD_ENOMEM;
            goto done;
        }
        for (size_t s = 0; s < sc->nsegments; s++) {
            span nm = {sc->segments[s].name, strlen(sc->segments[s].name)};
            if (name_push(&names, nm) != 0) {
                rc = DCD_ENOMEM;
                goto done;
            }
            ai[s] = sc->segments[s].ai;
        }
    } else {
        const char *scan = seg.data;
        next_line(&scan, &line);
        while (next_line(&scan, &line) == 0) {
            segrow row;
            if (line.len && split_segrow(line, &row) == 0 && name_index(&names, row.seg) < 0 &&
                name_push(&names, row.seg) != 0) {
                rc = DCD_ENOMEM;
                goto done;
            }
        }
    }
    r = dcd_results_new(start, ny, names.n, (const char *const *)names.v, ai);
    if (!r) {
        rc = DCD_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < (size_t)DCD_NTOTAL * ny; i++)
        r->total[i] = NAN;
    for (size_t i = 0; i < names.n * DCD_NSEGMETRIC * ny; i++)
        r->seg[i] = NAN;

    /* summary.csv, second pass: the values. */
    lineno = 1;
    for (size_t i = 0; next_line(&cur, &line) == 0;) {
        const char *row = line.s;
        lineno++;
        if (line.len == 0)
            continue;
        next_cell(&line, &cell);
        for (size_t k = 0; k < ncol; k++) {
            double v;
            if (next_cell(&line, &cell) != 0) {
                dcd_diags_add(d, spath.data, lineno, 1,
                              "expected %zu columns", ncol + 1);
                rc = DCD_EINPUT;
                goto done;
            }
            if (parse_cell(cell, &v) != 0) {
                dcd_diags_add(d, spath.data, lineno, (int)(cell.s - row) + 1,
                              "expected a number or an empty cell");
                rc = DCD_EINPUT;
                goto done;
            }
            if (colmap[k] >= 0)
                DCD_TOTAL(r, colmap[k], i) = v;
        }
        i++;
    }

    /* segments.csv: year,segment,metric,value,unit. */
    cur = seg.data;
    if (next_line(&cur, &line) != 0 || line.len < 25 ||
        memcmp(line.s, "year,segment,metric,value", 25) != 0) {
        dcd_diags_add(d, gpath.data, 1, 1, "expected the header 'year,segment,metric,value,unit'");
        rc = DCD_EINPUT;
        goto done;
    }
    lineno = 1;
    while (next_line(&cur, &line) == 0) {
        segrow row;
        int y, m;
        long s;
        double v;
        lineno++;
        if (line.len == 0)
            continue;
        if (split_segrow(line, &row) != 0 || parse_year(row.year, &y) != 0 ||
            parse_cell(row.value, &v) != 0) {
            dcd_diags_add(d, gpath.data, lineno, 1, "expected year,segment,metric,value,unit");
            rc = DCD_EINPUT;
            goto done;
        }
        if (y < start || y >= start + (int)ny || (m = segment_metric(row.metric)) < 0)
            continue; /* outside summary.csv's years, or a metric of a later version */
        if ((s = name_index(&names, row.seg)) < 0) {
            dcd_diags_add(d, gpath.data, lineno, (int)(row.seg.s - line.s) + 1,
                          "segment '%.*s' is not in the scenario", (int)row.seg.len, row.seg.s);
            rc = DCD_EINPUT;
            goto done;
        }
        DCD_SEG(r, s, m, (size_t)(y - start)) = v;
    }
    *out = r;
    r = NULL;
    rc = DCD_OK;
done:
    dcd_results_free(r);
    names_free(&names);
    free(ai);
    free(colmap);
    dcd_buf_free(&spath);
    dcd_buf_free(&gpath);
    dcd_buf_free(&sum);
    dcd_buf_free(&seg);
    return rc;
}
