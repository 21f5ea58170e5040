/* table.c - one table, terminal, Markdown, CSV and HTML back ends
 * (include/dcd_table.h). */
#include "dcd_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_vec.h"

void dcd_table_init(dcd_table *t, const dcd_table_col *cols, size_t ncol)
{
    memset(t, 0, sizeof *t);
    t->cols = cols;
    t->ncol = ncol;
}

static dcd_table_cell *add(dcd_table *t)
{
    if (t->failed)
        return NULL;
    if (t->ncell == t->cap) {
        dcd_table_cell *p = dcd_vec_grow(t->cells, &t->cap, t->ncell + 1, sizeof *p);
        if (!p) {
            t->failed = 1;
            return NULL;
        }
        t->cells = p;
    }
    dcd_table_cell *c = &t->cells[t->ncell];
    memset(c, 0, sizeof *c);
    return c;
}

int dcd_table_text(dcd_table *t, const char *s)
{
    dcd_table_cell *c = add(t);
    if (!c)
        return -1;
    if (!(c->text = dcd_strdup(s ? s : ""))) {
        t->failed = 1;
        return -1;
    }
    t->ncell++;
    return 0;
}

int dcd_table_raw(dcd_table *t, const char *s)
{
    if (dcd_table_text(t, s) != 0)
        return -1;
    t->cells[t->ncell - 1].raw = 1;
    return 0;
}

int dcd_table_link(dcd_table *t, const char *text, const char *href)
{
    if (dcd_table_text(t, text) != 0)
        return -1;
    dcd_table_cell *c = &t->cells[t->ncell - 1];
    if (!(c->href = dcd_strdup(href ? href : ""))) {
        t->failed = 1;
        return -1;
    }
    return 0;
}

int dcd_table_overflow(dcd_table *t, const char *s)
{
    if (dcd_table_text(t, s) != 0)
        return -1;
    t->cells[t->ncell - 1].over = 1;
    return 0;
}

int dcd_table_wrap(dcd_table *t, size_t col, size_t max_width)
{
    if (col >= t->ncol)
        return -1;
    if (!t->wrap && !(t->wrap = calloc(t->ncol, sizeof *t->wrap))) {
        t->failed = 1;
        return -1;
    }
    t->wrap[col] = max_width;
    return 0;
}

int dcd_table_num(dcd_table *t, double x, dcd_num_style style, int dec)
{
    dcd_table_cell *c = add(t);
    if (!c)
        return -1;
    c->x = x;
    c->style = (int)style;
    c->dec = dec;
    t->ncell++;
    return 0;
}

int dcd_table_int(dcd_table *t, long v)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%ld", v);
    return dcd_table_text(t, tmp);
}

size_t dcd_table_rows(const dcd_table *t)
{
    return t->ncol ? t->ncell / t->ncol : 0;
}

void dcd_table_free(dcd_table *t)
{
    for (size_t i = 0; i < t->ncell; i++) {
        free(t->cells[i].text);
        free(t->cells[i].href);
    }
    free(t->cells);
    free(t->wrap);
    t->cells = NULL;
    t->wrap = NULL;
    t->ncell = t->cap = 0;
    t->failed = 0;
}

/* The raw text of cell C for KIND into TMP (numbers formatted). */
static const char *cell_text(const dcd_table_cell *c, dcd_out_kind kind, dcd_buf *tmp)
{
    if (c->text)
        return c->text;
    dcd_buf_clear(tmp);
    dcd_fmt_num(tmp, c->x, (dcd_num_style)c->style, c->dec, kind);
    return dcd_buf_str(tmp);
}

/* The text of cell C as Markdown writes it into TMP, *RAW set when it is
 * to be written as is: a link composed as [TEXT](HREF), else cell_text(). */
static const char *cell_md(const dcd_table_cell *c, dcd_buf *tmp, int *raw)
{
    *raw = c->raw;
    if (!c->href)
        return cell_text(c, DCD_OUT_MD, tmp);
    *raw = 1;
    dcd_buf_clear(tmp);
    dcd_buf_puts(tmp, "[");
    dcd_md_text(tmp, c->text);
    dcd_buf_printf(tmp, "](%s)", c->href);
    return dcd_buf_str(tmp);
}

static size_t width_of(const char *s, dcd_out_kind kind, int raw)
{
    if (kind == DCD_OUT_MD)
        return raw ? dcd_fmt_term_width(s, strlen(s)) : dcd_md_width(s);
    return dcd_fmt_term_width(s, strlen(s));
}

/* The greatest width of column K on a terminal, 0 for none. */
static size_t wrap_of(const dcd_table *t, size_t k, dcd_out_kind kind)
{
    return kind == DCD_OUT_TERM && t->wrap ? t->wrap[k] : 0;
}

/* Column widths for KIND into W (t->ncol of them). */
static void widths(const dcd_table *t, dcd_out_kind kind, size_t *w, dcd_buf *tmp)
{
    size_t nrow = dcd_table_rows(t);
    for (size_t k = 0; k < t->ncol; k++) {
        w[k] = width_of(t->cols[k].head, kind, 0);
        if (w[k] < t->cols[k].min_width)
            w[k] = t->cols[k].min_width;
    }
    for (size_t r = 0; r < nrow; r++)
        for (size_t k = 0; k < t->ncol; k++) {
            const dcd_table_cell *c = &t->cells[r * t->ncol + k];
            if (c->over && kind == DCD_OUT_TERM)
                continue;
            int raw = c->raw;
            const char *s = kind == DCD_OUT_MD ? cell_md(c, tmp, &raw) : cell_text(c, kind, tmp);
            size_t l = width_of(s, kind, raw);
            size_t most = wrap_of(t, k, kind);
            if (most && l > most)
                l = most;
            if (l > w[k])
                w[k] = l;
        }
}

/* The length in bytes of the next line of S from *POS within W columns
 * (see dcd_table.h), moving *POS past it and the spaces after it. */
static size_t wrap_piece(const char *s, size_t *pos, size_t w)
{
    const char *p = s + *pos;
    size_t rest = strlen(p), take;
    if (dcd_fmt_term_width(p, rest) <= w) {
        take = rest;
    } else {
        size_t cols = 0, i = 0, comma = 0, space = 0;
        while (p[i]) {
            size_t n = 1; /* bytes of this character */
            while (p[i + n] && ((unsigned char)p[i + n] & 0xC0) == 0x80)
                n++;
            if (p[i] == ' ' && i > 0)
                space = i;
            size_t cw = dcd_fmt_term_width(p + i, n);
            if (cols + cw > w && i > 0)
                break;
            cols += cw;
            i += n;
            if (p[i - 1] == ',' && p[i] == ' ')
                comma = i;
        }
        take = comma ? comma : space ? space : i;
    }
    *pos += take;
    while (s[*pos] == ' ')
        (*pos)++;
    return take;
}

static void spaces(dcd_buf *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dcd_buf_puts(b, " ");
}

static void end_line(dcd_buf *b)
{
    while (b->len > 0 && b->data[b->len - 1] == ' ')
        b->data[--b->len] = '\0';
    dcd_buf_puts(b, "\n");
}

/* One line of a terminal or Markdown table: TEXT(k) for each column. */
static void put_line(const dcd_table *t, dcd_out_kind kind, const dcd_table_style *st,
                     const size_t *w, const char *const *text, const int *raw, dcd_buf *b)
{
    int md = kind == DCD_OUT_MD;
    if (md)
        dcd_buf_puts(b, "|");
    else if (st->indent)
        dcd_buf_puts(b, st->indent);
    for (size_t k = 0; k < t->ncol; k++) {
        const char *s = text[k];
        if (!md) {
            if (k)
                dcd_buf_puts(b, st->sep);
            dcd_fmt_term_pad(b, s, w[k], t->cols[k].right);
            continue;
        }
        dcd_buf_puts(b, " ");
        int is_raw = raw && raw[k];
        size_t l = is_raw ? dcd_fmt_term_width(s, strlen(s)) : dcd_md_width(s);
        size_t pad = st->md_pad && l < w[k] ? w[k] - l : 0;
        if (t->cols[k].right)
            spaces(b, pad);
        if (is_raw)
            dcd_buf_puts(b, s);
        else
            dcd_md_text(b, s);
        if (!t->cols[k].right)
            spaces(b, pad);
        dcd_buf_puts(b, " |");
    }
    if (md)
        dcd_buf_puts(b, "\n");
    else
        end_line(b);
}

/* Appends the terminal lines of row R: its cells, then as many
 * continuation lines as its wrapped cells need.  FULL, POS and PIECE are
 * scratch arrays of t->ncol items; NB holds the row's formatted numbers. */
static void term_row(const dcd_table *t, const dcd_table_style *st, const size_t *w, size_t r,
                     dcd_buf *nb, const char **full, size_t *pos, dcd_buf *piece, dcd_buf *b)
{
    const dcd_table_cell *row = &t->cells[r * t->ncol];
    for (size_t k = 0; k < t->ncol; k++) {
        full[k] = cell_text(&row[k], DCD_OUT_TERM, &nb[k]);
        pos[k] = 0;
    }
    const char **text = full + t->ncol; /* the line's pieces */
    int more = 1;
    while (more) {
        more = 0;
        for (size_t k = 0; k < t->ncol; k++) {
            const char *s = full[k] + pos[k];
            dcd_buf_clear(&piece[k]);
            if (!*s || row[k].over || !wrap_of(t, k, DCD_OUT_TERM)) {
                text[k] = s;
                pos[k] += strlen(s);
                continue;
            }
            size_t len = wrap_piece(full[k], &pos[k], w[k]);
            dcd_buf_append(&piece[k], s, len);
            text[k] = dcd_buf_str(&piece[k]);
            more |= full[k][pos[k]] != '\0';
        }
        put_line(t, DCD_OUT_TERM, st, w, text, NULL, b);
    }
}

static void write_csv(const dcd_table *t, dcd_buf *b, dcd_buf *tmp)
{
    size_t nrow = dcd_table_rows(t);
    for (size_t k = 0; k < t->ncol; k++) {
        if (k)
            dcd_buf_puts(b, ",");
        dcd_csv_field(b, t->cols[k].head);
    }
    dcd_buf_puts(b, "\n");
    for (size_t r = 0; r < nrow; r++) {
        for (size_t k = 0; k < t->ncol; k++) {
            if (k)
                dcd_buf_puts(b, ",");
            dcd_csv_field(b, cell_text(&t->cells[r * t->ncol + k], DCD_OUT_CSV, tmp));
        }
        dcd_buf_puts(b, "\n");
    }
}

/* An HTML table: a header row, then one row per row; numbers aligned
 * right (class "r"), every cell escaped (raw Markdown cells too). */
static void write_html(const dcd_table *t, dcd_buf *b, dcd_buf *tmp)
{
    size_t nrow = dcd_table_rows(t);
    dcd_buf_puts(b, "<table>\n<thead><tr>");
    for (size_t k = 0; k < t->ncol; k++) {
        dcd_buf_puts(b, t->cols[k].right ? "<th class=\"r\">" : "<th>");
        dcd_html_text(b, t->cols[k].head);
        dcd_buf_puts(b, "</th>");
    }
    dcd_buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < nrow; r++) {
        dcd_buf_puts(b, "<tr>");
        for (size_t k = 0; k < t->ncol; k++) {
            const dcd_table_cell *c = &t->cells[r * t->ncol + k];
            dcd_buf_puts(b, t->cols[k].right ? "<td class=\"r\">" : "<td>");
            if (c->href) {
                dcd_buf_puts(b, "<a href=\"");
                dcd_html_text(b, c->href);
                dcd_buf_puts(b, "\">");
            }
            dcd_html_text(b, cell_text(c, DCD_OUT_HTML, tmp));
            dcd_buf_puts(b, c->href ? "</a></td>" : "</td>");
        }
        dcd_buf_puts(b, "</tr>\n");
    }
    dcd_buf_puts(b, "</tbody>\n</table>\n");
}

/* The Markdown line under the header. */
static void md_rule(const dcd_table *t, const dcd_table_style *st, const size_t *w, dcd_buf *out)
{
    dcd_buf_puts(out, "|");
    for (size_t k = 0; k < t->ncol; k++) {
        size_t n = st->md_pad ? w[k] : 3;
        dcd_buf_puts(out, st->md_pad ? " " : "");
        for (size_t j = 0; j + 1 < n; j++)
            dcd_buf_puts(out, "-");
        dcd_buf_puts(out, t->cols[k].right ? ":" : "-");
        dcd_buf_puts(out, st->md_pad ? " |" : "|");
    }
    dcd_buf_puts(out, "\n");
}

int dcd_table_write(const dcd_table *t, dcd_out_kind kind, const dcd_table_style *style,
                    dcd_buf *out)
{
    static const dcd_table_style defaults = {" ", 0, NULL};
    const dcd_table_style *st = style ? style : &defaults;
    dcd_buf tmp = {0};
    size_t n = t->ncol ? t->ncol : 1, *w = NULL, *pos = NULL;
    const char **text = NULL;
    int *raw = NULL, rc = -1;
    /* Number cells and wrapped pieces need their own buffers alive at once. */
    dcd_buf *nb = NULL, *piece = NULL;
    if (t->failed)
        return -1;
    if (kind == DCD_OUT_CSV || kind == DCD_OUT_HTML) {
        if (kind == DCD_OUT_CSV)
            write_csv(t, out, &tmp);
        else
            write_html(t, out, &tmp);
        rc = 0;
        goto done;
    }
    w = calloc(n, sizeof *w);
    text = calloc(2 * n, sizeof *text);
    pos = calloc(n, sizeof *pos);
    raw = calloc(n, sizeof *raw);
    nb = calloc(n, sizeof *nb);
    piece = calloc(n, sizeof *piece);
    if (!w || !text || !pos || !raw || !nb || !piece)
        goto done;
    widths(t, kind, w, &tmp);
    for (size_t k = 0; k < t->ncol; k++)
        text[k] = t->cols[k].head;
    put_line(t, kind, st, w, text, NULL, out);
    if (kind == DCD_OUT_MD)
        md_rule(t, st, w, out);
    for (size_t r = 0; r < dcd_table_rows(t); r++) {
        if (kind == DCD_OUT_TERM) {
            term_row(t, st, w, r, nb, text, pos, piece, out);
            continue;
        }
        for (size_t k = 0; k < t->ncol; k++)
            text[k] = cell_md(&t->cells[r * t->ncol + k], &nb[k], &raw[k]);
        put_line(t, kind, st, w, text, raw, out);
    }
    rc = 0;
done:
    for (size_t k = 0; k < n; k++) {
        if (nb && nb[k].failed)
            rc = -1;
        if (piece && piece[k].failed)
            rc = -1;
        if (nb)
            dcd_buf_free(&nb[k]);
        if (piece)
            dcd_buf_free(&piece[k]);
    }
    free(nb);
    free(piece);
    free(w);
    free(text);
    free(pos);
    free(raw);
    dcd_buf_free(&tmp);
    if (out->failed)
        rc = -1;
    return rc;
}
