/* fs.c - link-safe output folders and all-or-nothing file writes (dcd_fs.h). */
#include "dcd_fs.h"

#include "dcd_vec.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TMP_TAG ".tmp."
#define TMP_RAND 6

/* ---- signals ---------------------------------------------------------- */

static int hold_depth;
static sigset_t hold_old;

void dcd_fs_hold(void)
{
    if (hold_depth++ == 0) {
        sigset_t s;
        sigemptyset(&s);
        sigaddset(&s, SIGINT);
        sigaddset(&s, SIGTERM);
        sigaddset(&s, SIGHUP);
        sigaddset(&s, SIGQUIT);
        sigaddset(&s, SIGPIPE);
        sigprocmask(SIG_BLOCK, &s, &hold_old);
    }
}

void dcd_fs_release(void)
{
    if (hold_depth > 0 && --hold_depth == 0)
        sigprocmask(SIG_SETMASK, &hold_old, NULL);
}

/* ---- locks: held until the process exits ------------------------------ */

/* Every folder opened with DCD_DIR_LOCK: locked by us (HELD), or covered
 * by our lock on the folder above it.  Stale temporary files are removed
 * the first time a folder is met, never later (they might be ours). */
typedef struct {
    dev_t dev;
    ino_t ino;
    int held; /* 1: FD holds our lock on it; 0: covered (FD is -1) */
    int fd;
} lock_id;
static lock_id *known;
static size_t nknown, capknown, nheld;

static void free_locks(void)
{
    free(known); /* the descriptors close, and the locks go, at exit */
    known = NULL;
    nknown = capknown = nheld = 0;
}

/* The entry of ST, or NULL. */
static lock_id *find(const struct stat *st)
{
    for (size_t i = 0; i < nknown; i++)
        if (known[i].dev == st->st_dev && known[i].ino == st->st_ino)
            return &known[i];
    return NULL;
}

void dcd_fs_release_all(void)
{
    for (size_t i = 0; i < nknown; i++)
        if (known[i].fd >= 0)
            close(known[i].fd); /* the lock goes with the descriptor */
    nknown = nheld = 0;
}

static int remember(const struct stat *st, int fd, const dcd_dir *dir, dcd_diags *d)
{
    if (nknown == capknown) {
        size_t cap = capknown;
        lock_id *l = dcd_vec_grow(known, &cap, nknown + 1, sizeof *l);
        if (!l) {
            dcd_diags_add(d, dir->path, 0, 0, "out of memory");
            return DCD_ENOMEM;
        }
        if (!known)
            atexit(free_locks);
        known = l;
        capknown = cap;
    }
    known[nknown].dev = st->st_dev;
    known[nknown].ino = st->st_ino;
    known[nknown].held = fd >= 0;
    known[nknown].fd = fd;
    nknown++;
    nheld += fd >= 0;
    return DCD_OK;
}

/* Locks DIR (or finds it covered); *FRESH is 1 when DIR was not met
 * before. */
static int lock_dir(const dcd_dir *dir, int *fresh, dcd_diags *d)
{
    struct stat st, up;
    *fresh = 0;
    if (fstat(dir->fd, &st) != 0) {
        dcd_diags_add(d, dir->path, 0, 0, "cannot lock folder: %s", strerror(errno));
        return DCD_EIO;
    }
    if (find(&st))
        return DCD_OK;
    *fresh = 1;
    lock_id *parent = fstatat(dir->fd, "..", &up, 0) == 0 ? find(&up) : NULL;
    if (parent && parent->held)
        return remember(&st, -1, dir, d); /* covered by the lock above */
    /* The lock lives on a descriptor of its own, kept open until exit. */
    int fd = openat(dir->fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        dcd_diags_add(d, dir->path, 0, 0, "cannot lock folder: %s", strerror(errno));
        return DCD_EIO;
    }
    int r;
    while ((r = flock(fd, LOCK_EX | LOCK_NB)) != 0 && errno == EINTR)
        ;
    if (r != 0 && errno == EWOULDBLOCK) {
        if (nheld > 0) { /* waiting while holding a lock could deadlock */
            dcd_diags_add(d, dir->path, 0, 0,
                          "another dcdemand is writing into this folder; run again when it "
                          "has finished (docs/files.md)");
            close(fd);
            return DCD_EIO;
        }
        fprintf(stderr, "dcdemand: %s: another dcdemand is writing into this folder; waiting\n",
                dir->path);
        while ((r = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
            ;
    }
    if (r != 0 && (errno == ENOLCK || errno == EOPNOTSUPP || errno == EINVAL)) {
        close(fd); /* no locks on this file system: write unserialised */
        return remember(&st, -1, dir, d);
    }
    if (r != 0) {
        dcd_diags_add(d, dir->path, 0, 0, "cannot lock folder: %s", strerror(errno));
        close(fd);
        return DCD_EIO;
    }
    int rc = remember(&st, fd, dir, d);
    if (rc != DCD_OK)
        close(fd); /* (the lock goes with it) */
    return rc;
}

/* ---- walking ------------------------------------------------------------ */

/* Opens component NAME of folder AT (creating it when asked), refusing a
 * link.  PATH is the path up to and including NAME, FULL the whole path
 * asked for (NULL when NAME is its last component), for messages. */
static int open_component(int at, const char *name, int create, const char *path, const char *full,
                          dcd_diags *d)
{
    for (int tries = 0; tries < 3; tries++) {
        int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd >= 0)
            return fd;
        int e = errno;
        struct stat st;
        if (e == ENOENT && create) {
            if (mkdirat(at, name, 0777) != 0 && errno != EEXIST) {
                dcd_diags_add(d, path, 0, 0, "cannot create folder: %s", strerror(errno));
                return -1;
            }
            continue; /* open what was made (or raced into place) */
        }
        if ((e == ELOOP || e == ENOTDIR) && fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
            if (S_ISLNK(st.st_mode))
                dcd_diags_add(d, path, 0, 0,
                              "is a symbolic link; output folders are never reached through "
                              "links (give the real folder; docs/files.md)");
            else if (full)
                dcd_diags_add(d, full, 0, 0, "cannot create folder: %s", strerror(ENOTDIR));
            else
                dcd_diags_add(d, path, 0, 0, "cannot create folder: %s",
                              "a file of that name exists");
            return -1;
        }
        dcd_diags_add(d, path, 0, 0, "cannot open folder: %s", strerror(e));
        return -1;
    }
    dcd_diags_add(d, path, 0, 0, "cannot open folder: it keeps changing");
    return -1;
}

static int finish_open(dcd_dir *dir, int flags, dcd_diags *d)
{
    if (flags & DCD_DIR_LOCK) {
        int fresh, rc = lock_dir(dir, &fresh, d);
        if (rc != DCD_OK) {
            dcd_dir_close(dir);
            return rc;
        }
        if (fresh)
            dcd_dir_clean_stale(dir);
    }
    return DCD_OK;
}

int dcd_dir_open(const char *path, int flags, dcd_dir *dir, dcd_diags *d)
{
    dir->fd = -1;
    dir->path = NULL;
    size_t n = strlen(path);
    char *p = dcd_strdup(path), *walked = malloc(n + 1);
    if (!p || !walked) {
        free(p);
        free(walked);
        dcd_diags_add(d, path, 0, 0, "out of memory");
        return DCD_ENOMEM;
    }
    int fd = open(path[0] == '/' ? "/" : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        dcd_diags_add(d, path, 0, 0, "cannot open folder: %s", strerror(errno));
    size_t i = 0;
    while (fd >= 0 && i < n) {
        while (i < n && p[i] == '/')
            i++;
        size_t j = i;
        while (j < n && p[j] != '/')
            j++;
        if (j == i)
            break;
        p[j] = '\0';
        memcpy(walked, path, j);
        walked[j] = '\0';
        int next = strcmp(p + i, ".") == 0
                       ? fd
                       : open_component(fd, p + i, flags & DCD_DIR_CREATE, walked,
                                        strspn(path + j, "/") == n - j ? NULL : path, d);
        if (next != fd)
            close(fd);
        fd = next;
        i = j + 1;
    }
    free(p);
    free(walked);
    if (fd < 0)
        return DCD_EIO;
    dir->path = dcd_strdup(path);
    if (!dir->path) {
        close(fd);
        dcd_diags_add(d, path, 0, 0, "out of memory");
        return DCD_ENOMEM;
    }
    dir->fd = fd;
    return finish_open(dir, flags, d);
}

int dcd_dir_sub(const dcd_dir *parent, const char *name, int flags, dcd_dir *sub, dcd_diags *d)
{
    sub->fd = -1;
    sub->path = NULL;
    dcd_buf p = {0};
    dcd_buf_printf(&p, "%s/%s", parent->path, name);
    if (p.failed) {
        dcd_buf_free(&p);
        dcd_diags_add(d, parent->path, 0, 0, "out of memory");
        return DCD_ENOMEM;
    }
    if (!*name || strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
        dcd_diags_add(d, p.data, 0, 0, "cannot open folder: not a plain name");
        dcd_buf_free(&p);
        return DCD_EIO;
    }
    int fd = open_component(parent->fd, name, flags & DCD_DIR_CREATE, p.data, NULL, d);
    if (fd < 0) {
        dcd_buf_free(&p);
        return DCD_EIO;
    }
    sub->fd = fd;
    sub->path = p.data; /* ownership moves to SUB */
    return finish_open(sub, flags, d);
}

void dcd_dir_close(dcd_dir *dir)
{
    if (dir->fd >= 0)
        close(dir->fd);
    dir->fd = -1;
    free(dir->path);
    dir->path = NULL;
}

/* ---- files -------------------------------------------------------------- */

int dcd_fs_is_temp_name(const char *name)
{
    size_t n = strlen(name), t = strlen(TMP_TAG);
    if (n < 2 + t + TMP_RAND || name[0] != '.')
        return 0;
    if (memcmp(name + n - TMP_RAND - t, TMP_TAG, t) != 0)
        return 0;
    for (size_t i = n - TMP_RAND; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return 0;
    }
    /* The file it stands for has one of the program's extensions (a user's
     * ".notes.tmp.AbC123" is not ours). */
    static const char *const ext[] = {".csv", ".json", ".yaml", ".gp", ".png", ".svg",
                                      ".pdf", ".md",   ".html", ".txt", ".lock"};
    size_t stem = n - TMP_RAND - t;
    for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
        size_t e = strlen(ext[i]);
        if (stem > e + 1 && memcmp(name + stem - e, ext[i], e) == 0)
            return 1;
    }
    return 0;
}

int dcd_dir_tmpfile(const dcd_dir *dir, const char *name, dcd_buf *tmp, dcd_diags *d)
{
    static const char alnum[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static unsigned long counter;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    unsigned long x = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 16);
    for (int tries = 0; tries < 100; tries++) {
        char r[TMP_RAND + 1];
        x = x * 6364136223846793005UL + 1442695040888963407UL + ++counter;
        for (int i = 0; i < TMP_RAND; i++)
            r[i] = alnum[(x >> (8 + 5 * i)) % (sizeof alnum - 1)];
        r[TMP_RAND] = '\0';
        dcd_buf_clear(tmp);
        dcd_buf_printf(tmp, ".%s" TMP_TAG "%s", name, r);
        if (tmp->failed) {
            dcd_diags_add(d, dir->path, 0, 0, "out of memory");
            return -1;
        }
        int fd =
            openat(dir->fd, tmp->data, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0)
            return fd;
        if (errno != EEXIST) {
            dcd_diags_add(d, dir->path, 0, 0, "cannot write %s: %s", name, strerror(errno));
            return -1;
        }
    }
    dcd_diags_add(d, dir->path, 0, 0, "cannot write %s: no free temporary name", name);
    return -1;
}

int dcd_dir_commit(const dcd_dir *dir, const char *tmp, const char *name, dcd_diags *d)
{
    int fd = openat(dir->fd, tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0 || renameat(dir->fd, tmp, dir->fd, name) != 0) {
        dcd_diags_add(d, dir->path, 0, 0, "cannot write %s: %s", name, strerror(errno));
        if (fd >= 0)
            close(fd);
        unlinkat(dir->fd, tmp, 0);
        return DCD_EIO;
    }
    close(fd);
    return DCD_OK;
}

int dcd_dir_unlink(const dcd_dir *dir, const char *name)
{
    if (unlinkat(dir->fd, name, 0) != 0 && errno != ENOENT)
        return -1;
    return 0;
}

int dcd_dir_clean_stale(const dcd_dir *dir)
{
    int fd = openat(dir->fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC), n = 0;
    DIR *dp = fd >= 0 ? fdopendir(fd) : NULL;
    if (!dp) {
        if (fd >= 0)
            close(fd);
        return 0;
    }
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        struct stat st;
        if (dcd_fs_is_temp_name(e->d_name) &&
            fstatat(dir->fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode) &&
            unlinkat(dir->fd, e->d_name, 0) == 0)
            n++;
    }
    closedir(dp);
    return n;
}

/* 1 when NAME in DIR is a regular file holding exactly the LEN bytes of DATA. */
static int same_bytes(const dcd_dir *dir, const char *name, const char *data, size_t len)
{
    int fd = openat(dir->fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0)
        return 0;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size != len) {
        close(fd);
        return 0;
    }
    char chunk[8192];
    size_t off = 0;
    int same = 1;
    for (;;) {
        ssize_t r = read(fd, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            same = same && r == 0 && off == len;
            break;
        }
        same = same && off + (size_t)r <= len && memcmp(chunk, data + off, (size_t)r) == 0;
        off += (size_t)r;
        if (!same)
            break;
    }
    close(fd);
    return same;
}

static int write_all(int fd, const char *data, size_t len)
{
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        off += (size_t)w;
    }
    return fsync(fd);
}

int dcd_dir_write_set(const dcd_dir *dir, const char *const *names, const char *const *data,
                      const size_t *len, size_t n, dcd_diags *d)
{
    dcd_buf *tmp = calloc(n ? n : 1, sizeof *tmp);
    int rc = DCD_OK;
    if (!tmp) {
        dcd_diags_add(d, dir->path, 0, 0, "out of memory");
        return DCD_ENOMEM;
    }
    dcd_fs_hold(); /* an interrupt waits until the set is complete or undone */
    for (size_t i = 0; i < n && rc == DCD_OK; i++) {
        if (same_bytes(dir, names[i], data[i] ? data[i] : "", len[i]))
            continue; /* unchanged: keep its timestamp */
        int fd = dcd_dir_tmpfile(dir, names[i], &tmp[i], d);
        if (fd < 0) {
            rc = DCD_EIO;
            break;
        }
        if (write_all(fd, data[i] ? data[i] : "", len[i]) != 0) {
            dcd_diags_add(d, dir->path, 0, 0, "cannot write %s: %s", names[i], strerror(errno));
            rc = DCD_EIO;
        }
        if (close(fd) != 0 && rc == DCD_OK) {
            dcd_diags_add(d, dir->path, 0, 0, "cannot write %s: %s", names[i], strerror(errno));
            rc = DCD_EIO;
        }
    }
    /* A folder at a final name would fail its rename half-way through the
     * set: refuse it before renaming anything. */
    for (size_t i = 0; i < n && rc == DCD_OK; i++) {
        struct stat st;
        if (tmp[i].data && fstatat(dir->fd, names[i], &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISDIR(st.st_mode)) {
            dcd_diags_add(d, dir->path, 0, 0, "cannot write %s: a folder of that name exists",
                          names[i]);
            rc = DCD_EIO;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!tmp[i].data)
            continue;
        if (rc == DCD_OK && renameat(dir->fd, tmp[i].data, dir->fd, names[i]) != 0) {
            dcd_diags_add(d, dir->path, 0, 0, "cannot write %s: %s", names[i], strerror(errno));
            rc = DCD_EIO;
        }
        if (rc != DCD_OK)
            unlinkat(dir->fd, tmp[i].data, 0);
        dcd_buf_free(&tmp[i]);
    }
    dcd_fs_release();
    free(tmp);
    return rc;
}
