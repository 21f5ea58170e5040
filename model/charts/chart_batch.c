/* chart_batch.c - batches of chart scripts, drawn whole or not at all
 * (dcd_chart.h): temporary pictures, their checks, the PDF date, the rename,
 * and the stale-picture policy.
 */
#include "dcd_chart.h"
#include "dcd_fs.h"

#include "dcd_output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Longest chart stem. */
#define MAX_STEM 40
/* Largest picture the checks read (a 8000x8000 PNG is far smaller). */
#define MAX_PICTURE (256L << 20)

static const char *const PICTURE_EXTS[3] = {"png", "svg", "pdf"};

/* One queued chart. */
typedef struct entry {
    char *dir;  /* the output folder, as given */
    char *arg;  /* the script as gnuplot is given it: "./DIR/STEM.gp" or "/DIR/STEM.gp" */
    char *pic;  /* DIR/STEM.EXT */
    char *tmp;  /* DIR/.STEM.EXT.tmp.XXXXXX once made, else NULL */
    char *prev; /* new data: the old picture, moved aside to a name like tmp's */
    char *eopt; /* dcd_output='.STEM.EXT.tmp.XXXXXX' */
    int same;   /* the new picture has the bytes of the one in place */
} entry;

static int move_aside(entry *e, const char *stem, dcd_diags *d);

/* A folder of the batch and the note added when its charts fail. */
typedef struct folder {
    char *dir;
    char *note;  /* may be NULL */
    int cleaned; /* locked, and the temporary pictures of killed runs removed */
} folder;

struct dcd_plot_batch {
    dcd_plot_opts o;
    entry *e;
    size_t n, cap;
    folder *f;
    size_t nf, fcap;
};

static char *dup_text(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

/* A new string "A B C" (printf-style).  Returns NULL on OOM. */
static char *text_of(const char *fmt, const char *a, const char *b, const char *c)
{
    dcd_buf t = {0};
    if (dcd_buf_printf(&t, fmt, a, b, c) != 0) {
        dcd_buf_free(&t);
        return NULL;
    }
    return t.data;
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

const dcd_plot_opts *dcd_plot_batch_opts(const dcd_plot_batch *b)
{
    return &b->o;
}

void dcd_plot_batch_free(dcd_plot_batch *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++) {
        /* Not drawn, or not to the end: the hidden files go. */
        if (b->e[i].tmp)
            unlink(b->e[i].tmp);
        if (b->e[i].prev)
            unlink(b->e[i].prev);
        free(b->e[i].prev);
        free(b->e[i].dir);
        free(b->e[i].arg);
        free(b->e[i].pic);
        free(b->e[i].tmp);
        free(b->e[i].eopt);
    }
    for (size_t i = 0; i < b->nf; i++) {
        free(b->f[i].dir);
        free(b->f[i].note);
    }
    free(b->e);
    free(b->f);
    free(b);
}

/* The folder DIR of B, added when new.  Returns NULL on OOM. */
static folder *folder_of(dcd_plot_batch *b, const char *dir)
{
    for (size_t i = 0; i < b->nf; i++)
        if (strcmp(b->f[i].dir, dir) == 0)
            return &b->f[i];
    if (b->nf == b->fcap) {
        size_t cap = b->fcap ? 2 * b->fcap : 4;
        folder *p = realloc(b->f, cap * sizeof *p);
        if (!p)
            return NULL;
        b->f = p;
        b->fcap = cap;
    }
    folder *f = &b->f[b->nf];
    if (!(f->dir = dup_text(dir)))
        return NULL;
    f->note = NULL;
    f->cleaned = 0;
    b->nf++;
    return f;
}

int dcd_plot_batch_note(dcd_plot_batch *b, const char *dir, const char *note)
{
    folder *f = folder_of(b, dir);
    if (!f)
        return DCD_ENOMEM;
    free(f->note);
    f->note = dup_text(note);
    return f->note ? DCD_OK : DCD_ENOMEM;
}

static int stem_ok(const char *stem)
{
    size_t n = strlen(stem);
    if (n == 0 || n > MAX_STEM)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((stem[i] >= 'a' && stem[i] <= 'z') || (stem[i] >= '0' && stem[i] <= '9') ||
              stem[i] == '_'))
            return 0;
    return 1;
}

/* Removes PATH if it exists.  Returns DCD_OK, or DCD_EIO with a diagnostic. */
static int remove_path(const char *path, dcd_diags *d)
{
    if (unlink(path) == 0 || errno == ENOENT)
        return DCD_OK;
    dcd_diags_add(d, path, 0, 0, "cannot remove the old chart: %s", strerror(errno));
    return DCD_EIO;
}

/* Removes DIR/STEM.png, .svg, .pdf and (WITH_SCRIPT) .gp. */
static int remove_chart(const char *dir, const char *stem, int with_script, dcd_diags *d)
{
    static const char *const exts[4] = {"png", "svg", "pdf", "gp"};
    int rc = DCD_OK;
    for (int k = 0; k < (with_script ? 4 : 3) && rc == DCD_OK; k++) {
        char *p = text_of("%s/%s.%s", dir, stem, exts[k]);
        rc = p ? remove_path(p, d) : DCD_ENOMEM;
        free(p);
    }
    return rc;
}

int dcd_plot_batch_drop(dcd_plot_batch *b, const char *dir, const char *stem, dcd_diags *d)
{
    (void)b;
    if (!stem_ok(stem))
        return DCD_EUSAGE;
    return remove_chart(dir, stem, 1, d);
}

/* Locks folder F for the rest of the process through the output-folder
 * layer (dcd_fs.h: flock on the folder itself, shared with the result
 * writers, so a command that writes results and then draws holds one lock;
 * another process waits for it, with a note on stderr).  Returns DCD_OK or
 * DCD_EIO. */
static int lock_folder(folder *f, dcd_diags *d)
{
    dcd_dir dd;
    int rc = dcd_dir_open(f->dir, DCD_DIR_LOCK, &dd, d);
    if (rc == DCD_OK)
        dcd_dir_close(&dd);
    return rc;
}

int dcd_plot_batch_script(dcd_plot_batch *b, const char *dir, const char *stem, const char *script,
                          size_t len, dcd_diags *d)
{
    char name[MAX_STEM + 4];
    if (!stem_ok(stem))
        return DCD_EUSAGE;
    snprintf(name, sizeof name, "%s.gp", stem);
    int rc = dcd_write_atomic(dir, name, script, len, d);
    if (rc != DCD_OK)
        return rc;
    folder *f = folder_of(b, dir);
    if (!f)
        return DCD_ENOMEM;
    if (!f->cleaned && !b->o.scripts_only) {
        rc = lock_folder(f, d);
        if (rc == DCD_OK)
            rc = dcd_plot_clean_temps(dir, d);
        if (rc != DCD_OK)
            return rc;
        f->cleaned = 1;
    }
    if (b->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 8;
        entry *p = realloc(b->e, cap * sizeof *p);
        if (!p)
            return DCD_ENOMEM;
        b->e = p;
        b->cap = cap;
    }
    entry *e = &b->e[b->n];
    memset(e, 0, sizeof *e);
    /* The script finds its folder in ARG0, the name gnuplot was given, and
     * writes its picture there: a name that starts with "./" or "/" can
     * never be read by gnuplot as a pipe ("<cmd", "|cmd"). */
    e->dir = dup_text(dir);
    e->arg = text_of("%s%s/%s.gp", dir[0] == '/' ? "" : "./", dir, stem);
    e->pic = text_of("%s/%s.%s", dir, stem, dcd_plot_format_ext(b->o.format));
    if (!e->dir || !e->arg || !e->pic) {
        free(e->dir);
        free(e->arg);
        free(e->pic);
        return DCD_ENOMEM;
    }
    b->n++;
    /* New data: the old picture leaves its place now, so that however the
     * command ends it cannot pass for a picture of the new numbers. */
    return b->o.redraw || b->o.scripts_only ? DCD_OK : move_aside(e, stem, d);
}

/* ---- temporary pictures ------------------------------------------------------ */

/* Whether NAME is a temporary picture: ".STEM.EXT.tmp.XXXXXX". */
static int is_temp_name(const char *name)
{
    size_t n = strlen(name);
    if (n < 1 + 1 + 4 + 5 + 6 || name[0] != '.')
        return 0;
    const char *x = name + n - 6;
    for (int i = 0; i < 6; i++)
        if (!((x[i] >= 'a' && x[i] <= 'z') || (x[i] >= 'A' && x[i] <= 'Z') ||
              (x[i] >= '0' && x[i] <= '9')))
            return 0;
    if (memcmp(x - 5, ".tmp.", 5) != 0)
        return 0;
    for (int k = 0; k < 3; k++)
        if (memcmp(x - 9, ".", 1) == 0 && memcmp(x - 8, PICTURE_EXTS[k], 3) == 0) {
            size_t stem = (size_t)(x - 9 - (name + 1));
            if (stem == 0 || stem > MAX_STEM)
                return 0;
            for (const char *p = name + 1; p < x - 9; p++)
                if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
                    return 0;
            return 1;
        }
    return 0;
}

static int temp_filter(const struct dirent *e)
{
    return is_temp_name(e->d_name);
}

int dcd_plot_clean_temps(const char *dir, dcd_diags *d)
{
    struct dirent **list = NULL;
    int n = scandir(dir, &list, temp_filter, alphasort), rc = DCD_OK;
    if (n < 0) /* no folder yet, or one that cannot be listed: nothing to clean */
        return DCD_OK;
    for (int i = 0; i < n; i++) {
        char *p = rc == DCD_OK ? text_of("%s/%s%s", dir, list[i]->d_name, "") : NULL;
        if (rc == DCD_OK)
            rc = p ? remove_path(p, d) : DCD_ENOMEM;
        free(p);
        free(list[i]);
    }
    free(list);
    return rc;
}

int dcd_plot_remove_charts(const char *dir, const char *const *stems, size_t n, dcd_diags *d)
{
    int rc = DCD_OK;
    for (size_t i = 0; i < n && rc == DCD_OK; i++)
        rc = stem_ok(stems[i]) ? remove_chart(dir, stems[i], 1, d) : DCD_EUSAGE;
    return rc == DCD_OK ? dcd_plot_clean_temps(dir, d) : rc;
}

/* A new empty file DIR/.STEM.EXT.tmp.XXXXXX (mkstemp: no other file can be
 * there) in *OUT.  Returns DCD_OK, DCD_EIO or DCD_ENOMEM. */
static int hidden_temp(const char *dir, const char *stem, size_t stemlen, const char *ext,
                       char **out, dcd_diags *d)
{
    dcd_buf t = {0};
    dcd_buf_printf(&t, "%s/.%.*s.%s.tmp.XXXXXX", dir, (int)stemlen, stem, ext);
    if (t.failed)
        return DCD_ENOMEM;
    int fd = mkstemp(t.data);
    if (fd < 0) {
        dcd_diags_add(d, t.data, 0, 0, "cannot create a temporary picture: %s", strerror(errno));
        dcd_buf_free(&t);
        return DCD_EIO;
    }
    /* The picture it becomes is readable as any file gnuplot writes. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0) {
        dcd_diags_add(d, t.data, 0, 0, "cannot create a temporary picture: %s", strerror(errno));
        close(fd);
        unlink(t.data);
        dcd_buf_free(&t);
        return DCD_EIO;
    }
    close(fd);
    *out = t.data;
    return DCD_OK;
}

/* Moves E's old picture, if any, to a hidden name (E->prev). */
static int move_aside(entry *e, const char *stem, dcd_diags *d)
{
    const char *ext = strrchr(e->pic, '.') + 1;
    int rc = hidden_temp(e->dir, stem, strlen(stem), ext, &e->prev, d);
    if (rc != DCD_OK)
        return rc;
    if (rename(e->pic, e->prev) == 0)
        return DCD_OK;
    int err = errno;
    unlink(e->prev);
    free(e->prev);
    e->prev = NULL;
    if (err == ENOENT)
        return DCD_OK;
    dcd_diags_add(d, e->pic, 0, 0, "cannot move the old chart aside: %s", strerror(err));
    return DCD_EIO;
}

/* Makes the temporary picture of E and the -e option that names it. */
static int make_temp(entry *e, const char *ext, dcd_diags *d)
{
    const char *slash = strrchr(e->arg, '/');
    size_t stemlen = strlen(slash + 1) - 3; /* without ".gp" */
    int rc = hidden_temp(e->dir, slash + 1, stemlen, ext, &e->tmp, d);
    if (rc != DCD_OK)
        return rc;
    e->eopt = text_of("dcd_output='%s'%s%s", strrchr(e->tmp, '/') + 1, "", "");
    return e->eopt ? DCD_OK : DCD_ENOMEM;
}

/* ---- checking the pictures ------------------------------------------------- */

/* Whether the N bytes at S end, after white space, with TAIL. */
static int ends_with(const unsigned char *s, size_t n, const char *tail)
{
    size_t t = strlen(tail);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return n >= t && memcmp(s + n - t, tail, t) == 0;
}

int dcd_plot_picture_ok(dcd_plot_format format, const unsigned char *s, size_t n)
{
    static const unsigned char png_head[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static const unsigned char png_tail[12] = {0,   0,   0,    0,    'I',  'E',
                                               'N', 'D', 0xae, 0x42, 0x60, 0x82};
    size_t i = 0;
    switch (format) {
    case DCD_PLOT_PNG:
        return n >= 20 && memcmp(s, png_head, 8) == 0 && memcmp(s + n - 12, png_tail, 12) == 0;
    case DCD_PLOT_SVG:
        while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t'))
            i++;
        return n - i >= 10 && (memcmp(s + i, "<?xml", 5) == 0 || memcmp(s + i, "<svg", 4) == 0) &&
               ends_with(s, n, "</svg>");
    case DCD_PLOT_PDF: return n >= 10 && memcmp(s, "%PDF-", 5) == 0 && ends_with(s, n, "%%EOF");
    }
    return 0;
}

/* Reads PATH whole into OUT (at most MAX_PICTURE bytes).  Returns 0, or an
 * errno value (EFBIG when larger). */
static int slurp(const char *path, dcd_buf *out)
{
    FILE *f = fopen(path, "rb");
    char chunk[65536];
    size_t n;
    int err = 0;
    if (!f)
        return errno;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (out->len + n > (size_t)MAX_PICTURE) {
            err = EFBIG;
            break;
        }
        if (dcd_buf_append(out, chunk, n) != 0) {
            err = ENOMEM;
            break;
        }
    }
    if (!err && ferror(f))
        err = EIO;
    fclose(f);
    return err;
}

/* A PDF written by cairo carries the time it was written in /CreationDate
 * (in UTC: gnuplot runs with TZ=UTC0, so the offset is always "Z").  Puts
 * SOURCE_DATE_EPOCH (or 1970-01-01) there, so that the same inputs give the
 * same bytes; the length does not change, so offsets stay valid. */
static void pin_pdf_date(dcd_buf *pdf)
{
    static const char key[] = "/CreationDate (D:";
    size_t klen = sizeof key - 1;
    time_t epoch = 0;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        if (errno == 0 && *end == '\0' && v >= 0 && v < 253402300800LL)
            epoch = (time_t)v;
    }
    struct tm tm;
    char stamp[32];
    if (!gmtime_r(&epoch, &tm) || strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm) != 14)
        return;
    for (size_t i = 0; pdf->len >= klen + 14 && i <= pdf->len - klen - 14; i++) {
        if (memcmp(pdf->data + i, key, klen) != 0)
            continue;
        char *digits = pdf->data + i + klen;
        int ok = 1;
        for (int j = 0; j < 14; j++)
            ok &= digits[j] >= '0' && digits[j] <= '9';
        if (ok) {
            memcpy(digits, stamp, 14);
            return;
        }
    }
}

/* Writes DATA over the temporary picture PATH. */
static int rewrite(const char *path, const dcd_buf *data)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t w = fwrite(data->data, 1, data->len, f);
    int bad = w != data->len;
    bad |= fclose(f) != 0;
    return bad ? -1 : 0;
}

/* Checks E's temporary picture, pins a PDF's date, and notes whether it has
 * the bytes of the picture in place.  Returns DCD_OK, DCD_EPLOT or
 * DCD_ENOMEM, with a diagnostic. */
static int check_picture(entry *e, const dcd_plot_opts *o, dcd_diags *d)
{
    dcd_buf pic = {0}, old = {0};
    int rc = DCD_EPLOT, err = slurp(e->tmp, &pic);
    if (err == ENOMEM) {
        rc = DCD_ENOMEM;
    } else if (err) {
        dcd_diags_add(d, e->pic, 0, 0, "cannot read the chart gnuplot drew: %s", strerror(err));
    } else if (pic.len == 0) {
        dcd_diags_add(d, e->pic, 0, 0, "gnuplot ('%s') did not write this chart",
                      dcd_gnuplot_program(o));
    } else if (!dcd_plot_picture_ok(o->format, (const unsigned char *)pic.data, pic.len)) {
        dcd_diags_add(d, e->pic, 0, 0,
                      "gnuplot ('%s') wrote an incomplete or damaged %s "
                      "(a full disk?); the previous chart is kept or removed as "
                      "docs/charts.md says",
                      dcd_gnuplot_program(o), dcd_plot_format_ext(o->format));
    } else {
        rc = DCD_OK;
        if (o->format == DCD_PLOT_PDF) {
            pin_pdf_date(&pic);
            if (rewrite(e->tmp, &pic) != 0) {
                dcd_diags_add(d, e->tmp, 0, 0, "cannot write the chart: %s", strerror(errno));
                rc = DCD_EIO;
            }
        }
        e->same = rc == DCD_OK && slurp(e->prev ? e->prev : e->pic, &old) == 0 &&
                  old.len == pic.len && memcmp(old.data, pic.data, pic.len) == 0;
    }
    dcd_buf_free(&pic);
    dcd_buf_free(&old);
    return rc;
}

/* ---- drawing ----------------------------------------------------------------- */

/* The arguments of gnuplot and the paths an interrupt removes. */
static int build_lists(dcd_plot_batch *b, const char ***args, const char ***clean, size_t *nclean)
{
    *args = malloc(3 * b->n * sizeof **args);
    *clean = malloc(2 * b->n * sizeof **clean);
    if (!*args || !*clean)
        return DCD_ENOMEM;
    *nclean = 0;
    for (size_t i = 0; i < b->n; i++) {
        (*args)[3 * i] = "-e";
        (*args)[3 * i + 1] = b->e[i].eopt;
        (*args)[3 * i + 2] = b->e[i].arg;
        (*clean)[(*nclean)++] = b->e[i].tmp;
    }
    for (size_t i = 0; i < b->n; i++) /* new data: an interrupt leaves no old picture */
        if (b->e[i].prev)
            (*clean)[(*nclean)++] = b->e[i].prev;
    return DCD_OK;
}

/* After a failure: no temporary picture remains, and (new data) no old one
 * either; each folder's note is added to D. */
static void undo(dcd_plot_batch *b, int rc, dcd_diags *d)
{
    for (size_t i = 0; i < b->n; i++) {
        if (b->e[i].tmp) {
            unlink(b->e[i].tmp);
            free(b->e[i].tmp);
            b->e[i].tmp = NULL;
        }
        if (b->e[i].prev) {
            unlink(b->e[i].prev);
            free(b->e[i].prev);
            b->e[i].prev = NULL;
        }
        if (!b->o.redraw)
            remove_path(b->e[i].pic, d);
    }
    if (rc == DCD_EPLOT)
        for (size_t i = 0; i < b->nf; i++)
            if (b->f[i].note)
                dcd_diags_add(d, b->f[i].dir, 0, 0, "%s", b->f[i].note);
}

/* Puts E's checked picture in place: the old file stays when the bytes are
 * the same (its timestamp too), else the new one replaces it. */
static int put_in_place(entry *e, dcd_diags *d)
{
    int bad;
    if (e->same && e->prev)
        bad = rename(e->prev, e->pic) != 0 || unlink(e->tmp) != 0;
    else if (e->same)
        bad = unlink(e->tmp) != 0;
    else
        bad = rename(e->tmp, e->pic) != 0 || (e->prev && unlink(e->prev) != 0);
    if (bad) {
        dcd_diags_add(d, e->pic, 0, 0, "cannot put the new chart in place: %s", strerror(errno));
        return DCD_EIO;
    }
    free(e->tmp);
    e->tmp = NULL;
    free(e->prev);
    e->prev = NULL;
    return DCD_OK;
}

int dcd_plot_batch_draw(dcd_plot_batch *b, dcd_diags *d)
{
    const dcd_plot_opts *o = &b->o;
    const char **args = NULL, **clean = NULL;
    size_t nclean = 0;
    int rc = DCD_OK;
    if (o->scripts_only || b->n == 0)
        return DCD_OK;
    for (size_t i = 0; i < b->n && rc == DCD_OK; i++)
        rc = make_temp(&b->e[i], dcd_plot_format_ext(o->format), d);
    if (rc == DCD_OK)
        rc = build_lists(b, &args, &clean, &nclean);
    if (rc == DCD_OK)
        rc = dcd_gnuplot_run(o, args, 3 * b->n, clean, nclean, b->f[0].dir, d);
    /* Every picture is checked before any replaces its predecessor. */
    for (size_t i = 0; i < b->n && rc == DCD_OK; i++)
        rc = check_picture(&b->e[i], o, d);
    for (size_t i = 0; i < b->n && rc == DCD_OK; i++)
        rc = put_in_place(&b->e[i], d);
    if (rc != DCD_OK)
        undo(b, rc, d);
    free(args);
    free(clean);
    return rc;
}
