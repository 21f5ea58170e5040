/* chart_opts.c - drawing options and the opening every chart script shares
 * (dcd_chart.h): format, size, time limit, terminal and output file.
 */
#include "dcd_chart.h"

#include <string.h>

void dcd_plot_opts_default(dcd_plot_opts *o)
{
    o->format = DCD_PLOT_PNG;
    o->width = DCD_PLOT_WIDTH;
    o->height = DCD_PLOT_HEIGHT;
    o->gnuplot = NULL;
    o->scripts_only = 0;
    o->redraw = 0;
    o->timeout_s = 0;
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

/* Parses a decimal integer of at most MAXDIG digits from *P, advancing it. */
static int parse_digits(const char **p, int maxdig, int *out)
{
    int v = 0, nd = 0;
    while (**p >= '0' && **p <= '9' && nd <= maxdig) {
        v = v * 10 + (**p - '0');
        (*p)++;
        nd++;
    }
    if (nd == 0 || nd > maxdig)
        return -1;
    *out = v;
    return 0;
}

int dcd_plot_timeout_parse(const char *s, int *seconds)
{
    int v;
    const char *p = s;
    if (parse_digits(&p, 5, &v) != 0 || *p != '\0' || v < 1 || v > DCD_PLOT_TIMEOUT_MAX)
        return -1;
    *seconds = v;
    return 0;
}

int dcd_chart_script_head(dcd_buf *b, const dcd_plot_opts *o, const char *stem, const char *what)
{
    const char *ext = dcd_plot_format_ext(o->format);
    int w = o->width, h = o->height;
    dcd_buf_printf(b,
                   "# %s.gp - %s, written by dcdemand.\n"
                   "#\n"
                   "# Redraw by hand:  gnuplot %s.gp  (from this folder, or give its path from\n"
                   "# anywhere): it writes %s.%s beside this script.  Another format:\n"
                   "#   gnuplot -e \"fmt='svg'\" %s.gp     (png, svg or pdf)\n"
                   "# Edit freely: the numbers are in the datablocks below.\n\n",
                   stem, what, stem, stem, ext, stem);
    dcd_buf_printf(b, "reset\nset encoding utf8\ndcd_fmt = exists(\"fmt\") ? fmt : \"%s\"\n", ext);
    /* The same proportions in every format: SVG fonts are in pixels where
     * pngcairo's are in points at 96 per inch, hence fontscale 1.333; the PDF
     * page is the PNG's pixels at 144 per inch (1200x720: 8.33in x 5in). */
    int wi = (w * 100 + 72) / 144, hi = (h * 100 + 72) / 144;
    dcd_buf_printf(b,
                   "if (dcd_fmt eq \"svg\") {\n"
                   "    set terminal svg size %d,%d dynamic font \"Sans,12\" fontscale 1.333 "
                   "noenhanced background \"white\"\n"
                   "} else {\n"
                   "    if (dcd_fmt eq \"pdf\") {\n"
                   "        set terminal pdfcairo size %d.%02din,%d.%02din font \"Sans,12\" "
                   "pointscale 0.6 noenhanced\n"
                   "    } else {\n"
                   "        dcd_fmt = \"png\"\n"
                   "        set terminal pngcairo size %d,%d font \"Sans,12\" noenhanced "
                   "background \"white\"\n"
                   "    }\n"
                   "}\n"
                   "# SVG draws points larger than the cairo terminals: the same size in both.\n"
                   "dcd_ps = dcd_fmt eq \"svg\" ? 0.65 : 1.0\n"
                   "# The picture goes beside this script, wherever gnuplot is started.\n"
                   "dcd_me = \"/%s.gp\"\n"
                   "dcd_n = strlen(dcd_me)\n"
                   "dcd_dir = (exists(\"ARG0\") && strlen(ARG0) >= dcd_n && "
                   "ARG0[strlen(ARG0)-dcd_n+1:] eq dcd_me) ? ARG0[1:strlen(ARG0)-dcd_n+1] : \"\"\n"
                   "# dcdemand draws into a temporary name (dcd_output) and renames the picture\n"
                   "# once it is complete; by hand it is %s.FORMAT.\n"
                   "if (!exists(\"dcd_output\")) dcd_output = \"%s.\".dcd_fmt\n"
                   "set output dcd_dir.dcd_output\n"
                   "undefine dcd_output\n\n",
                   w, h, wi / 100, wi % 100, hi / 100, hi % 100, w, h, stem, stem, stem);
    return b->failed ? -1 : 0;
}
