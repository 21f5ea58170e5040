/* report_html.c - the web report: index.html, one self-contained page
 * (include/dcd_report.h; docs/compare.md, "The web report").
 *
 * The page needs nothing but itself: the charts the report drew are
 * embedded as base64 data: URIs of their PNG files, the style sheet is
 * inline, there is no script and no web font, and a Content-Security-Policy
 * forbids any fetch but data: images, so a browser opens it from the disk
 * (or a mail attachment) as it is.  Every piece of scenario text goes
 * through dcd_html_text(); every number through dcd_format.h.
 */
#include "dcd_report.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dcd_check.h"
#include "dcd_format.h"
#include "dcd_fs.h"
#include "dcd_plot.h"
#include "dcd_table.h"

/* The largest picture embedded (a chart of the report is far smaller). */
#define MAX_IMAGE_BYTES (32u << 20)

static const char STYLE[] =
    "<style>\n"
    ":root{color-scheme:light}\n"
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,Helvetica,Arial,sans-serif;"
    "color:#1a1a1a;background:#fff;max-width:64rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.45}\n"
    "h1{font-size:1.7rem;margin-bottom:.3rem}h2{font-size:1.35rem;margin-top:2.2rem;"
    "border-bottom:1px solid #ccc;padding-bottom:.2rem}h3{font-size:1.1rem}\n"
    "table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.88rem}\n"
    "th,td{border:1px solid #d0d0d0;padding:.2rem .5rem;text-align:left;vertical-align:top}\n"
    "th{background:#f2f2f2}td.r,th.r{text-align:right;font-variant-numeric:tabular-nums}\n"
    "tbody tr:nth-child(even){background:#fafafa}\n"
    ".wide{overflow-x:auto}\n"
    "figure{margin:1rem 0;break-inside:avoid}figure img{max-width:100%;height:auto;"
    "border:1px solid #e0e0e0}figcaption{font-size:.85rem;color:#555}\n"
    ".meta{color:#555;font-size:.9rem}.note{color:#555;font-size:.88rem}\n"
    "code{font-size:.9em}\n"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}"
    ".wide{overflow:visible}h2{break-before:page;border:none}h2.first{break-before:auto}"
    "table,figure{break-inside:avoid}figure img{max-height:120mm;border:none}"
    "a{color:inherit;text-decoration:none}}\n"
    "@page{size:A4;margin:15mm}\n"
    "</style>\n";

/* Appends S escaped for HTML (NULL as ""). */
static void h(dcd_buf *b, const char *s)
{
    dcd_html_text(b, s);
}

/* Appends LEN bytes of DATA in base64 (RFC 4648, padded). */
static void put_base64(dcd_buf *b, const unsigned char *data, size_t len)
{
    static const char A[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char q[4];
    for (size_t i = 0; i < len; i += 3) {
        unsigned v = (unsigned)data[i] << 16;
        if (i + 1 < len)
            v |= (unsigned)data[i + 1] << 8;
        if (i + 2 < len)
            v |= data[i + 2];
        q[0] = A[(v >> 18) & 63];
        q[1] = A[(v >> 12) & 63];
        q[2] = i + 1 < len ? A[(v >> 6) & 63] : '=';
        q[3] = i + 2 < len ? A[v & 63] : '=';
        dcd_buf_append(b, q, 4);
    }
}

/* Reads the regular file NAME of the open folder DIRFD (no link followed)
 * into OUT.  Returns 0, or -1 when it cannot be read (missing, a link, too
 * large) or memory ran out. */
static int read_image(int dirfd, const char *name, dcd_buf *out)
{
    int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    int rc = -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        (unsigned long long)st.st_size > MAX_IMAGE_BYTES)
        goto done;
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            goto done;
        if (n == 0)
            break;
        if (dcd_buf_append(out, chunk, (size_t)n) != 0 || out->len > MAX_IMAGE_BYTES)
            goto done;
    }
    rc = out->len > 8 && memcmp(out->data, "\x89PNG\r\n\x1a\n", 8) == 0 ? 0 : -1;
done:
    close(fd);
    return rc;
}

/* Appends a figure with the PNG SUB/FILE of the report folder DIR (SUB may
 * be NULL) embedded, captioned CAPTION; a note when it cannot be read.
 * DIR NULL: the note only (no pictures, as in the unit tests). */
static void figure(dcd_buf *b, const char *dir, const char *sub, const char *file,
                   const char *caption)
{
    dcd_buf path = {0}, img = {0};
    dcd_dir d = {-1, NULL};
    dcd_diags quiet = {0}; /* a missing chart is a note on the page */
    int ok = 0;
    if (dir) {
        dcd_buf_puts(&path, dir);
        if (sub)
            dcd_buf_printf(&path, "/%s", sub);
        if (!path.failed && dcd_dir_open(path.data, 0, &d, &quiet) == DCD_OK) {
            ok = read_image(d.fd, file, &img) == 0;
            dcd_dir_close(&d);
        }
    }
    if (ok) {
        dcd_buf_puts(b, "<figure><img alt=\"");
        h(b, caption);
        dcd_buf_puts(b, "\" src=\"data:image/png;base64,");
        put_base64(b, (const unsigned char *)img.data, img.len);
        dcd_buf_puts(b, "\"><figcaption>");
        h(b, caption);
        dcd_buf_puts(b, "</figcaption></figure>\n");
    } else {
        dcd_buf_puts(b, "<p class=\"note\">Chart not available: ");
        h(b, caption);
        dcd_buf_puts(b, ".</p>\n");
    }
    if (img.failed || path.failed)
        b->failed = 1;
    dcd_diags_free(&quiet);
    dcd_buf_free(&img);
    dcd_buf_free(&path);
}

/* Appends T as an HTML table in a scrolling box, and frees T. */
static void put_table(dcd_table *t, dcd_buf *b)
{
    dcd_buf_puts(b, "<div class=\"wide\">\n");
    if (dcd_table_write(t, DCD_OUT_HTML, NULL, b) != 0)
        b->failed = 1;
    dcd_buf_puts(b, "</div>\n");
    dcd_table_free(t);
}

/* The assumptions that differ between the scenarios (two or more). */
static void differing(const dcd_compare *c, dcd_buf *b)
{
    dcd_buf_printf(b, "<h3>Assumptions that differ</h3>\n");
    if (c->ndiffer == 0) {
        dcd_buf_printf(b, "<p>All %zu inputs are the same in every scenario.</p>\n", c->nrows);
        return;
    }
    dcd_buf_printf(b, "<p>%zu of %zu inputs differ; compare/compare.md lists them all.</p>\n",
                   c->ndiffer, c->nrows);
    dcd_table_col *cols = calloc(2 + c->ncol, sizeof *cols);
    if (!cols) {
        b->failed = 1;
        return;
    }
    cols[0] = (dcd_table_col){"input", 0, 0};
    cols[1] = (dcd_table_col){"unit", 0, 0};
    for (size_t j = 0; j < c->ncol; j++)
        cols[2 + j] = (dcd_table_col){c->cols[j].label, 0, 0};
    dcd_table t;
    dcd_table_init(&t, cols, 2 + c->ncol);
    for (size_t i = 0; i < c->nrows; i++) {
        const dcd_compare_row *row = &c->rows[i];
        if (!row->differs)
            continue;
        dcd_table_text(&t, row->path);
        dcd_table_text(&t, row->unit);
        for (size_t j = 0; j < c->ncol; j++)
            dcd_table_text(&t, row->cells[j] ? row->cells[j] : dcd_fmt_none(DCD_OUT_HTML));
    }
    put_table(&t, b);
    free(cols);
}

/* The results of every scenario side by side, what it takes included. */
static void results(const dcd_compare *c, dcd_buf *b)
{
    dcd_table_col *cols = calloc(3 + c->ncol, sizeof *cols);
    if (!cols) {
        b->failed = 1;
        return;
    }
    cols[0] = (dcd_table_col){"metric", 0, 0};
    cols[1] = (dcd_table_col){"unit", 0, 0};
    cols[2] = (dcd_table_col){"year", 1, 0};
    for (size_t j = 0; j < c->ncol; j++)
        cols[3 + j] = (dcd_table_col){c->cols[j].label, 1, 0};
    dcd_table t;
    dcd_table_init(&t, cols, 3 + c->ncol);
    for (size_t k = 0; k < c->nmetrics; k++) {
        int m = c->metrics[k];
        const dcd_metric_info *mi = dcd_compare_metric_info(m);
        for (size_t y = 0; y < c->nyears; y++) {
            dcd_table_text(&t, y ? "" : mi->label);
            dcd_table_text(&t, y ? "" : mi->unit);
            dcd_table_int(&t, c->years[y]);
            for (size_t j = 0; j < c->ncol; j++)
                dcd_table_num(&t,
                              dcd_compare_metric_value(c->cols[j].sc, c->cols[j].r, m, c->years[y]),
                              DCD_NUM_SIG, DCD_SIG_DIGITS);
        }
    }
    put_table(&t, b);
    free(cols);
}

/* The comparison section (two or more scenarios): assumptions, results,
 * notes and the overlay charts. */
static void comparison(const dcd_report *r, const dcd_report_opts *o, const char *dir, dcd_buf *b)
{
    const dcd_compare *c = r->cmp;
    dcd_buf_puts(b, "<h2 id=\"compare\">Comparison</h2>\n");
    differing(c, b);
    dcd_buf_puts(b, "<h3>Results</h3>\n");
    results(c, b);
    for (size_t i = 0; i < c->nnotes; i++) {
        dcd_buf_puts(b, "<p class=\"note\">Note: ");
        h(b, c->notes[i]);
        dcd_buf_puts(b, ".</p>\n");
    }
    if (!o->plots)
        return;
    dcd_compare_chart links[DCD_OVERLAY_NCHART];
    size_t nl = dcd_compare_chart_links(c, links);
    for (size_t k = 0; k < nl; k++)
        figure(b, dir, "compare", links[k].file, links[k].caption);
}

/* Scenario I's section: title, description, files, sources, key figures,
 * charts. */
static void scenario(const dcd_report *r, size_t i, const dcd_report_opts *o, const char *dir,
                     dcd_buf *b)
{
    const dcd_scenario *sc = r->scs[i];
    const char *safe = r->labels[i];
    dcd_buf_puts(b, "<h2 id=\"s-");
    h(b, safe);
    dcd_buf_puts(b, "\">");
    h(b, safe);
    dcd_buf_puts(b, "</h2>\n");
    if (sc->title) {
        dcd_buf_puts(b, "<p><strong>");
        h(b, sc->title);
        dcd_buf_puts(b, "</strong></p>\n");
    }
    if (sc->description) {
        dcd_buf_puts(b, "<p>");
        h(b, sc->description);
        dcd_buf_puts(b, "</p>\n");
    }
    dcd_buf_puts(b, "<p class=\"meta\">Scenario file ");
    h(b, sc->path);
    dcd_buf_puts(b, " (name ");
    h(b, sc->name);
    dcd_buf_printf(b, "; years %d-%d, base %d; %zu segment%s).  Results in ", sc->start, sc->end,
                   sc->base, sc->nsegments, sc->nsegments == 1 ? "" : "s");
    h(b, safe);
    dcd_buf_puts(b, "/: summary.csv, segments.csv, results.json, scenario.yaml.</p>\n");
    dcd_buf_puts(b, "<h3>Sources</h3>\n");
    if (sc->nsources) {
        dcd_buf_puts(b, "<ul>\n");
        for (size_t k = 0; k < sc->nsources; k++) {
            dcd_buf_puts(b, "<li>");
            h(b, sc->sources[k]);
            dcd_buf_puts(b, "</li>\n");
        }
        dcd_buf_puts(b, "</ul>\n");
    } else {
        dcd_buf_puts(b, "<p>None named in the scenario.</p>\n");
    }
    dcd_buf_puts(b, "<h3>Key figures</h3>\n");
    dcd_report_table keys;
    if (dcd_report_key_table(r, i, &keys) != 0)
        b->failed = 1;
    put_table(&keys.t, b);
    if (o->plots && !r->drawn[i])
        dcd_buf_puts(b, "<p class=\"note\">Charts not drawn: the report's command said why.</p>\n");
    if (o->plots && r->drawn[i]) {
        char caption[160];
        for (int ch = 0; ch < DCD_NCHART; ch++) {
            if (!dcd_plot_chart_applies(r->res[i], ch))
                continue;
            char file[80];
            snprintf(file, sizeof file, "%s.png", dcd_chart_name(ch));
            snprintf(caption, sizeof caption, "%s: %s chart", safe, dcd_chart_name(ch));
            figure(b, dir, safe, file, caption);
        }
    }
}

/* The head of the page and its introduction. */
static void head(const dcd_report *r, const dcd_report_opts *o, dcd_buf *b)
{
    dcd_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    "img-src data:; style-src 'unsafe-inline'\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>Data-centre electricity: scenario report</title>\n");
    dcd_buf_puts(b, STYLE);
    dcd_buf_puts(b, "</head>\n<body>\n<h1>Data-centre electricity: scenario report</h1>\n");
    dcd_buf_printf(b, "<p class=\"meta\">Written by dcdemand ");
    h(b, o->version);
    dcd_buf_printf(b, " from %zu scenario%s", r->n, r->n == 1 ? "" : "s");
    if (o->nsets) {
        dcd_buf_puts(b, ", every one with");
        for (size_t k = 0; k < o->nsets; k++) {
            dcd_buf_puts(b, k ? ", <code>--set " : " <code>--set ");
            h(b, o->sets[k]);
            dcd_buf_puts(b, "</code>");
        }
    }
    dcd_buf_puts(b, ".  The tables as CSV and Markdown are in the report's folder "
                    "(index.md, compare/, one folder per scenario).</p>\n");
}

int dcd_report_html(const dcd_report *r, const dcd_report_opts *o, const char *dir, dcd_buf *b)
{
    head(r, o, b);
    dcd_buf_puts(b, "<h2 class=\"first\" id=\"overview\">Overview</h2>\n");
    dcd_report_table ov;
    if (dcd_report_overview_table(r, "#s-", &ov) != 0)
        b->failed = 1;
    put_table(&ov.t, b);
    if (r->n >= 2)
        comparison(r, o, dir, b);
    for (size_t i = 0; i < r->n; i++)
        scenario(r, i, o, dir, b);
    if (r->chk.nrows) {
        dcd_buf_printf(b,
                       "<h2 id=\"check\">Published figures</h2>\n<p>%zu of %zu figures "
                       "stated in the scenarios' expect: entries are met.</p>\n",
                       r->chk.nrows - r->chk.nfail, r->chk.nrows);
        dcd_buf_puts(b, "<div class=\"wide\">\n");
        if (dcd_check_format(&r->chk, DCD_OUT_HTML, 0, b) != 0)
            b->failed = 1;
        dcd_buf_puts(b, "</div>\n");
    }
    dcd_buf_puts(b, "</body>\n</html>\n");
    return b->failed ? -1 : 0;
}
