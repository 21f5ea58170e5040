/* results_read.c - reading back saved results (dcd_results_read.h). */
#include "dcd_results_read.h"

#include "dcd_buf.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reads the whole of DIR/NAME into OUT: a regular file of at most MAX
 * bytes.  Returns DCD_OK, DCD_EINPUT (with a diagnostic) or DCD_ENOMEM. */
static int read_file(const char *dir, const char *name, long max, dcd_buf *path, dcd_buf *out,
                     dcd_diags *d)
{
    struct stat st;
    char chunk[65536];
    ssize_t n;
    int rc = DCD_OK;
    dcd_buf_clear(path);
    if (dcd_buf_printf(path, "%s/%s", dir, name) != 0)
        return DCD_ENOMEM;
    int fd = open(path->data, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        dcd_diags_add(d, path->data, 0, 0, "cannot read: %s (run 'dcdemand run' first)",
                      strerror(errno));
        return DCD_EINPUT;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        dcd_diags_add(d, path->data, 0, 0, "cannot read: not a regular file");
        close(fd);
        return DCD_EINPUT;
    }
    if (st.st_size > max) {
        dcd_diags_add(d, path->data, 0, 0, "file is larger than %ld bytes", max);
        close(fd);
        return DCD_EINPUT;
    }
    while ((n = read(fd, chunk, sizeof chunk)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            dcd_diags_add(d, path->data, 0, 0, "cannot read: %s", strerror(errno));
            rc = DCD_EINPUT;
            break;
        }
        if ((long)(out->len + (size_t)n) > max) { /* it grew while read */
            dcd_diags_add(d, path->data, 0, 0, "file is larger than %ld bytes", max);
            rc = DCD_EINPUT;
            break;
        }
        if (dcd_buf_append(out, chunk, (size_t)n) != 0) {
            rc = DCD_ENOMEM;
            break;
        }
    }
    close(fd);
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
    if (parse_cell(c, &v) != 0 || !isfinite(v) || v != floor(v) || v < DCD_RESULTS_YEAR_MIN ||
        v > DCD_RESULTS_YEAR_MAX)
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
    if (n > DCD_RESULTS_MAX_COLUMNS) {
        dcd_diags_add(d, path, 1, 1, "more than %d columns", DCD_RESULTS_MAX_COLUMNS + 1);
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

/* What the reader has gathered so far. */
typedef struct reader {
    dcd_buf spath, gpath, sum, seg;
    namelist names;
    int *ai, *colmap;
    size_t ncol, ny;
    int start;
    dcd_results *r;
} reader;

/* summary.csv, first pass: the columns, and the years, which must run on
 * without gaps. */
static int summary_years(reader *rd, dcd_diags *d)
{
    const char *cur = rd->sum.data;
    span line, cell;
    if (next_line(&cur, &line) != 0) {
        dcd_diags_add(d, rd->spath.data, 1, 1, "the file is empty");
        return DCD_EINPUT;
    }
    int rc = read_header(line, rd->spath.data, &rd->colmap, &rd->ncol, d);
    if (rc != DCD_OK)
        return rc;
    for (int lineno = 2; next_line(&cur, &line) == 0; lineno++) {
        int y;
        if (line.len == 0)
            continue;
        next_cell(&line, &cell);
        if (parse_year(cell, &y) != 0) {
            dcd_diags_add(d, rd->spath.data, lineno, 1, "expected a whole year from %d to %d",
                          DCD_RESULTS_YEAR_MIN, DCD_RESULTS_YEAR_MAX);
            return DCD_EINPUT;
        }
        if (rd->ny > 0 && y != rd->start + (int)rd->ny) {
            dcd_diags_add(d, rd->spath.data, lineno, 1, "expected the year %d",
                          rd->start + (int)rd->ny);
            return DCD_EINPUT;
        }
        if (rd->ny == 0)
            rd->start = y;
        rd->ny++;
    }
    if (rd->ny == 0) {
        dcd_diags_add(d, rd->spath.data, 2, 1, "no years in the file");
        return DCD_EINPUT;
    }
    return DCD_OK;
}

/* The segments: the scenario's, or those segments.csv names. */
static int segment_names(reader *rd, const dcd_scenario *sc, dcd_diags *d)
{
    span line;
    if (sc) {
        rd->ai = calloc(sc->nsegments ? sc->nsegments : 1, sizeof *rd->ai);
        if (!rd->ai)
            return DCD_ENOMEM;
        for (size_t s = 0; s < sc->nsegments; s++) {
            span nm = {sc->segments[s].name, strlen(sc->segments[s].name)};
            if (name_push(&rd->names, nm) != 0)
                return DCD_ENOMEM;
            rd->ai[s] = sc->segments[s].ai;
        }
        return DCD_OK;
    }
    const char *scan = rd->seg.data;
    next_line(&scan, &line);
    for (int lineno = 2; next_line(&scan, &line) == 0; lineno++) {
        segrow row;
        if (!line.len || split_segrow(line, &row) != 0 || name_index(&rd->names, row.seg) >= 0)
            continue;
        if (rd->names.n == DCD_RESULTS_MAX_SEGMENTS) {
            dcd_diags_add(d, rd->gpath.data, lineno, (int)(row.seg.s - line.s) + 1,
                          "more than %d segments", DCD_RESULTS_MAX_SEGMENTS);
            return DCD_EINPUT;
        }
        if (name_push(&rd->names, row.seg) != 0)
            return DCD_ENOMEM;
    }
    return DCD_OK;
}

/* summary.csv, second pass: the values. */
static int summary_values(reader *rd, dcd_diags *d)
{
    const char *cur = rd->sum.data;
    span line, cell;
    next_line(&cur, &line);
    int lineno = 1;
    for (size_t i = 0; next_line(&cur, &line) == 0;) {
        const char *row = line.s;
        lineno++;
        if (line.len == 0)
            continue;
        next_cell(&line, &cell);
        for (size_t k = 0; k < rd->ncol; k++) {
            double v;
            if (next_cell(&line, &cell) != 0) {
                dcd_diags_add(d, rd->spath.data, lineno, 1, "expected %zu columns", rd->ncol + 1);
                return DCD_EINPUT;
            }
            if (parse_cell(cell, &v) != 0) {
                dcd_diags_add(d, rd->spath.data, lineno, (int)(cell.s - row) + 1,
                              "expected a number or an empty cell");
                return DCD_EINPUT;
            }
            if (rd->colmap[k] >= 0)
                DCD_TOTAL(rd->r, rd->colmap[k], i) = v;
        }
        i++;
    }
    return DCD_OK;
}

/* segments.csv: year,segment,metric,value,unit. */
static int segment_values(reader *rd, dcd_diags *d)
{
    const char *cur = rd->seg.data;
    span line;
    if (next_line(&cur, &line) != 0 || line.len < 25 ||
        memcmp(line.s, "year,segment,metric,value", 25) != 0) {
        dcd_diags_add(d, rd->gpath.data, 1, 1,
                      "expected the header 'year,segment,metric,value,unit'");
        return DCD_EINPUT;
    }
    for (int lineno = 2; next_line(&cur, &line) == 0; lineno++) {
        segrow row;
        int y, m;
        long s;
        double v;
        if (line.len == 0)
            continue;
        if (split_segrow(line, &row) != 0 || parse_year(row.year, &y) != 0 ||
            parse_cell(row.value, &v) != 0) {
            dcd_diags_add(d, rd->gpath.data, lineno, 1,
                          "expected year,segment,metric,value,unit "
                          "with a year from %d to %d",
                          DCD_RESULTS_YEAR_MIN, DCD_RESULTS_YEAR_MAX);
            return DCD_EINPUT;
        }
        if (y < rd->start || y >= rd->start + (int)rd->ny || (m = segment_metric(row.metric)) < 0)
            continue; /* outside summary.csv's years, or a metric of a later version */
        if ((s = name_index(&rd->names, row.seg)) < 0) {
            dcd_diags_add(d, rd->gpath.data, lineno, (int)(row.seg.s - line.s) + 1,
                          "segment '%.*s' is not in the scenario", (int)row.seg.len, row.seg.s);
            return DCD_EINPUT;
        }
        DCD_SEG(rd->r, s, m, (size_t)(y - rd->start)) = v;
    }
    return DCD_OK;
}

/* Checks the texts, then reads them into RD->r. */
static int parse(reader *rd, const dcd_scenario *sc, dcd_diags *d)
{
    static const long max[2] = {DCD_RESULTS_MAX_SUMMARY_BYTES, DCD_RESULTS_MAX_SEGMENTS_BYTES};
    const dcd_buf *text[2] = {&rd->sum, &rd->seg}, *path[2] = {&rd->spath, &rd->gpath};
    for (int k = 0; k < 2; k++) {
        if ((long)text[k]->len > max[k]) {
            dcd_diags_add(d, path[k]->data, 0, 0, "file is larger than %ld bytes", max[k]);
            return DCD_EINPUT;
        }
        if (text[k]->len && memchr(text[k]->data, '\0', text[k]->len)) {
            dcd_diags_add(d, path[k]->data, 0, 0, "not a text file (it holds a NUL byte)");
            return DCD_EINPUT;
        }
    }
    int rc = summary_years(rd, d);
    if (rc == DCD_OK)
        rc = segment_names(rd, sc, d);
    if (rc == DCD_OK) {
        rd->r = dcd_results_new(rd->start, rd->ny, rd->names.n, (const char *const *)rd->names.v,
                                rd->ai);
        rc = rd->r ? DCD_OK : DCD_ENOMEM;
    }
    if (rc == DCD_OK) {
        for (size_t i = 0; i < (size_t)DCD_NTOTAL * rd->ny; i++)
            rd->r->total[i] = NAN;
        for (size_t i = 0; i < rd->names.n * DCD_NSEGMETRIC * rd->ny; i++)
            rd->r->seg[i] = NAN;
        rc = summary_values(rd, d);
    }
    if (rc == DCD_OK)
        rc = segment_values(rd, d);
    return rc;
}

/* Hands RD's results to *OUT on success and frees the rest. */
static int finish(reader *rd, int rc, dcd_results **out)
{
    if (rc == DCD_OK) {
        *out = rd->r;
        rd->r = NULL;
    }
    dcd_results_free(rd->r);
    names_free(&rd->names);
    free(rd->ai);
    free(rd->colmap);
    dcd_buf_free(&rd->spath);
    dcd_buf_free(&rd->gpath);
    dcd_buf_free(&rd->sum);
    dcd_buf_free(&rd->seg);
    return rc;
}

int dcd_results_read(const char *dir, const dcd_scenario *sc, dcd_results **out, dcd_diags *d)
{
    reader rd;
    memset(&rd, 0, sizeof rd);
    *out = NULL;
    int rc = read_file(dir, "summary.csv", DCD_RESULTS_MAX_SUMMARY_BYTES, &rd.spath, &rd.sum, d);
    if (rc == DCD_OK)
        rc = read_file(dir, "segments.csv", DCD_RESULTS_MAX_SEGMENTS_BYTES, &rd.gpath, &rd.seg, d);
    if (rc == DCD_OK)
        rc = parse(&rd, sc, d);
    return finish(&rd, rc, out);
}

int dcd_results_parse(const char *summary, size_t slen, const char *segments, size_t glen,
                      const char *dir, const dcd_scenario *sc, dcd_results **out, dcd_diags *d)
{
    reader rd;
    memset(&rd, 0, sizeof rd);
    *out = NULL;
    int rc = DCD_ENOMEM;
    dcd_buf_printf(&rd.spath, "%s/summary.csv", dir);
    dcd_buf_printf(&rd.gpath, "%s/segments.csv", dir);
    dcd_buf_append(&rd.sum, summary ? summary : "", summary ? slen : 0);
    dcd_buf_append(&rd.seg, segments ? segments : "", segments ? glen : 0);
    if (!rd.spath.failed && !rd.gpath.failed && !rd.sum.failed && !rd.seg.failed)
        rc = parse(&rd, sc, d);
    return finish(&rd, rc, out);
}
