/* chart_redraw.c - redrawing the chart scripts saved in a folder in another
 * format or size (dcd_chart_redraw.h: dcd_plot_scripts_list,
 * dcd_plot_batch_redraw).
 *
 * A saved script is a head (terminal, size, output: dcd_chart_script_head)
 * and a body (datablocks, then commands).  The head is written anew with the
 * batch's options and the body's layout section laid out again for the new
 * size from its $LAYOUT (chart_layout.c); the rest is kept as it is, once
 * the whole body is checked to be the
 * kind of body the program writes: outside datablocks, only `set`/`unset`
 * of a known list of settings, `plot`, comments and `dcd_...` assignments,
 * and nothing that can run a command or open a pipe (backquotes, `system`,
 * `@` macros, file names starting with `<` or `|`).  A script that someone
 * edited beyond that is refused with its line: run it with gnuplot by hand.
 */
#include "dcd_chart_redraw.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dcd_chart_frame.h"

/* The largest script read back (a sweep of 10,000 points stays far below). */
#define MAX_SCRIPT (256L * 1024 * 1024)
#define MAX_STEM 40

/* Settings the program's scripts use (set and unset). */
static const char *const SETTINGS[] = {
    "label",   "format",    "tics",     "grid",      "ylabel",   "xlabel",   "tmargin", "lmargin",
    "rmargin", "bmargin",   "datafile", "border",    "key",      "xrange",   "yrange",  "xtics",
    "ytics",   "mxtics",    "mytics",   "arrow",     "object",   "logscale", "palette", "colorbox",
    "offsets", "cbrange",   "cblabel",  "autoscale", "boxwidth", "style",    "cbtics",  "output",
    "contour", "cntrparam", "view",     "pm3d",      "title",    NULL};

static int is_ident(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Whether LINE holds WORD as a whole word. */
static int has_word(const char *line, size_t len, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(line + i, word, n) == 0 && (i == 0 || !is_ident(line[i - 1])) &&
            (i + n == len || !is_ident(line[i + n])))
            return 1;
    return 0;
}

/* Why the LEN bytes of LINE (outside datablocks) are not the program's, or
 * NULL when they are.  CONT: the line continues the previous one. */
static const char *bad_line(const char *line, size_t len, int cont)
{
    for (size_t i = 0; i < len; i++) {
        char c = line[i];
        if (c == '`' || c == '@')
            return "a backquote or macro";
        if ((c == '\'' || c == '"') && i + 1 < len && (line[i + 1] == '<' || line[i + 1] == '|'))
            return "a file name that opens a pipe";
    }
    if (has_word(line, len, "system"))
        return "a call of system()";
    size_t i = 0;
    while (i < len && line[i] == ' ')
        i++;
    const char *p = line + i;
    size_t n = len - i;
    if (cont || n == 0 || *p == '#')
        return NULL;
#define STARTS(s) (n >= sizeof(s) - 1 && memcmp(p, s, sizeof(s) - 1) == 0)
    if (STARTS("plot ") || STARTS("splot ") || STARTS("array dcd_"))
        return NULL;
    if (STARTS("dcd_")) {
        size_t k = 4;
        while (k < n && is_ident(p[k]))
            k++;
        return k + 3 <= n && memcmp(p + k, " = ", 3) == 0 ? NULL : "not an assignment";
    }
    size_t skip = STARTS("set ") ? 4 : STARTS("unset ") ? 6 : 0;
#undef STARTS
    if (!skip)
        return "a command the program does not write";
    const char *w = p + skip;
    size_t wl = 0;
    while (skip + wl < n && is_ident(w[wl]))
        wl++;
    for (size_t k = 0; SETTINGS[k]; k++)
        if (strlen(SETTINGS[k]) == wl && memcmp(SETTINGS[k], w, wl) == 0)
            return skip == 4 && strcmp(SETTINGS[k], "output") == 0 ? "a second output" : NULL;
    return "a setting the program does not write";
}

/* Checks BODY (from its line FIRST_LINE of PATH): 0, or -1 with a
 * diagnostic. */
static int check_body(const char *body, const char *path, int first_line, dcd_diags *d)
{
    const char *p = body;
    int lineno = first_line, cont = 0;
    char marker[64] = "";
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (*marker) { /* inside a datablock: data, never run */
            if (strncmp(p, marker, strlen(marker)) == 0)
                marker[0] = '\0';
        } else if (*p == '$') {
            /* $NAME << MARKER */
            size_t k = 1;
            while (k < len && is_ident(p[k]))
                k++;
            if (k + 4 > len || memcmp(p + k, " << ", 4) != 0 || len - k - 4 >= sizeof marker ||
                len - k - 4 == 0) {
                dcd_diags_add(d, path, lineno, 1, "not a chart script dcdemand wrote: %s",
                              "a malformed datablock");
                return -1;
            }
            memcpy(marker, p + k + 4, len - k - 4);
            marker[len - k - 4] = '\0';
        } else {
            const char *why = bad_line(p, len, cont);
            if (why) {
                dcd_diags_add(d, path, lineno, 1,
                              "not a chart script dcdemand wrote (%s); redraw it by hand with "
                              "gnuplot if you trust it",
                              why);
                return -1;
            }
            cont = len > 0 && p[len - 1] == '\\';
        }
        lineno++;
        p += len + (nl ? 1 : 0);
    }
    return 0;
}

/* Reads DIR/NAME (a regular file, not followed through a symlink, at most
 * MAX_SCRIPT bytes, no NUL) into OUT.  Returns DCD_OK, DCD_EINPUT or
 * DCD_ENOMEM, with a diagnostic. */
static int read_script(const char *path, dcd_buf *out, dcd_diags *d)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > MAX_SCRIPT) {
        dcd_diags_add(d, path, 0, 0, "cannot read the chart script: %s",
                      fd < 0                ? strerror(errno)
                      : S_ISREG(st.st_mode) ? "larger than 256 MiB"
                                            : "not a regular file");
        if (fd >= 0)
            close(fd);
        return DCD_EINPUT;
    }
    char chunk[65536];
    ssize_t got;
    while ((got = read(fd, chunk, sizeof chunk)) > 0)
        dcd_buf_append(out, chunk, (size_t)got);
    close(fd);
    if (got < 0 || out->failed) {
        if (!out->failed)
            dcd_diags_add(d, path, 0, 0, "cannot read the chart script: %s", strerror(errno));
        return out->failed ? DCD_ENOMEM : DCD_EINPUT;
    }
    if (strlen(dcd_buf_str(out)) != out->len) {
        dcd_diags_add(d, path, 0, 0, "not a chart script dcdemand wrote: it holds a NUL byte");
        return DCD_EINPUT;
    }
    return DCD_OK;
}

int dcd_plot_batch_redraw(dcd_plot_batch *b, const char *dir, const char *stem, dcd_diags *d)
{
    dcd_buf path = {0}, text = {0}, script = {0}, what = {0};
    int rc = DCD_OK;
    dcd_buf_printf(&path, "%s/%s.gp", dir, stem);
    if (path.failed) {
        rc = DCD_ENOMEM;
        goto done;
    }
    rc = read_script(path.data, &text, d);
    if (rc != DCD_OK)
        goto done;
    /* "# STEM.gp - WHAT, written by dcdemand." then the head, ending with
     * "undefine dcd_output". */
    const char *s = dcd_buf_str(&text);
    dcd_buf first = {0};
    dcd_buf_printf(&first, "# %s.gp - ", stem);
    const char *end1 = strstr(s, ", written by dcdemand.\n");
    const char *head_end = strstr(s, "\nundefine dcd_output\n");
    int ok = !first.failed && strncmp(s, first.data, first.len) == 0 && end1 && head_end &&
             end1 < head_end && !memchr(s, '\n', (size_t)(end1 - s));
    if (ok)
        dcd_buf_append(&what, s + first.len, (size_t)(end1 - s) - first.len);
    dcd_buf_free(&first);
    if (!ok) {
        dcd_diags_add(d, path.data, 1, 1, "not a chart script dcdemand wrote (no head)");
        rc = DCD_EINPUT;
        goto done;
    }
    const char *body = head_end + strlen("\nundefine dcd_output\n");
    int line = 1;
    for (const char *q = s; q < body; q++)
        line += *q == '\n';
    if (check_body(body, path.data, line, d) != 0) {
        rc = DCD_EINPUT;
        goto done;
    }
    if (dcd_chart_script_head(&script, dcd_plot_batch_opts(b), stem, dcd_buf_str(&what)) != 0) {
        rc = DCD_ENOMEM;
        goto done;
    }
    /* The new head ends with a blank line, as the old one did; the layout
     * section is laid out again for the new size (chart_layout.c). */
    while (*body == '\n') {
        body++;
        line++;
    }
    int at = 0;
    rc = dcd_chart_relayout(body, dcd_plot_batch_opts(b)->width, dcd_plot_batch_opts(b)->height,
                            &script, &at);
    if (rc == DCD_EINPUT)
        dcd_diags_add(d, path.data, line + at - 1, 1,
                      "not a chart script dcdemand wrote (a malformed layout section)");
    if (rc != DCD_OK)
        goto done;
    rc = script.failed ? DCD_ENOMEM
                       : dcd_plot_batch_script(b, dir, stem, script.data, script.len, d);
done:
    dcd_buf_free(&path);
    dcd_buf_free(&text);
    dcd_buf_free(&script);
    dcd_buf_free(&what);
    return rc;
}

/* Whether DIR/NAME starts with the line "# STEM.gp - ..., written by
 * dcdemand." (a script the program wrote for that name, not a copy). */
static int written_for(const char *dir, const char *name, size_t stemlen)
{
    char path[4096], line[512];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
        return 0;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return 0;
    struct stat st;
    ssize_t got = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? read(fd, line, sizeof line - 1) : -1;
    close(fd);
    if (got <= 0)
        return 0;
    line[got] = '\0';
    char *nl = strchr(line, '\n');
    if (!nl)
        return 0;
    *nl = '\0';
    size_t n = strlen(line);
    static const char tail[] = ", written by dcdemand.";
    return n > stemlen + 8 && strncmp(line, "# ", 2) == 0 &&
           strncmp(line + 2, name, stemlen + 3) == 0 &&
           strncmp(line + 2 + stemlen + 3, " - ", 3) == 0 && n >= sizeof tail - 1 &&
           strcmp(line + n - (sizeof tail - 1), tail) == 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int dcd_plot_scripts_list(const char *dir, char ***stems, size_t *n, dcd_diags *d)
{
    *stems = NULL;
    *n = 0;
    DIR *dp = opendir(dir);
    if (!dp) {
        dcd_diags_add(d, dir, 0, 0, "cannot open the folder: %s", strerror(errno));
        return DCD_EINPUT;
    }
    size_t cap = 0;
    int rc = DCD_OK;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < 4 || l - 3 > MAX_STEM || strcmp(e->d_name + l - 3, ".gp") != 0)
            continue;
        int plain = 1;
        for (size_t i = 0; i + 3 < l; i++)
            plain &= (e->d_name[i] >= 'a' && e->d_name[i] <= 'z') ||
                     (e->d_name[i] >= '0' && e->d_name[i] <= '9') || e->d_name[i] == '_';
        if (!plain || !written_for(dir, e->d_name, l - 3))
            continue;
        if (*n == cap) {
            char **p = realloc(*stems, (cap ? 2 * cap : 8) * sizeof *p);
            if (!p) {
                rc = DCD_ENOMEM;
                break;
            }
            *stems = p;
            cap = cap ? 2 * cap : 8;
        }
        char *stem = malloc(l - 2);
        if (!stem) {
            rc = DCD_ENOMEM;
            break;
        }
        memcpy(stem, e->d_name, l - 3);
        stem[l - 3] = '\0';
        (*stems)[(*n)++] = stem;
    }
    closedir(dp);
    if (rc != DCD_OK) {
        dcd_plot_scripts_free(*stems, *n);
        *stems = NULL;
        *n = 0;
        return rc;
    }
    if (*n)
        qsort(*stems, *n, sizeof **stems, cmp_str);
    return DCD_OK;
}

void dcd_plot_scripts_free(char **stems, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(stems[i]);
    free(stems);
}
