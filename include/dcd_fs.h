/* dcd_fs.h - output folders that are never left through a link, and files
 * that land whole or not at all (docs/files.md states the guarantee).
 *
 * A dcd_dir is an open folder, reached from the current folder (or "/")
 * one component at a time with openat(O_DIRECTORY | O_NOFOLLOW): a
 * symbolic link anywhere in the path is refused with a diagnostic, never
 * followed, never deleted through.  Files are then created relative to the
 * folder's descriptor (openat O_CREAT | O_EXCL | O_NOFOLLOW) under a
 * temporary name ".NAME.tmp.XXXXXX", written, fsync'ed and renamed into
 * place (renameat), with SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGPIPE held
 * back meanwhile, so an interrupt takes effect after the rename: no
 * temporary file is left, and a full disk leaves the previous file.
 *
 * Locking: a folder opened with DCD_DIR_LOCK is locked (flock LOCK_EX on
 * the folder itself) until the process exits, unless this process already
 * holds a lock on it or on the folder above it (which covers it); temporary
 * files left in it by killed runs (".*.tmp.XXXXXX") are removed the first
 * time the process opens it so (never later: they may be its own).  A run that finds the
 * folder locked and holds no other lock prints "waiting" on stderr and
 * waits; one that already holds a lock (several scenarios) fails with
 * DCD_EIO and a clear message instead of risking a deadlock.
 */
#ifndef DCD_FS_H
#define DCD_FS_H

#include <stddef.h>

#include "dcd_buf.h"
#include "dcd_error.h"

enum {
    DCD_DIR_CREATE = 1, /* create missing folders (mode 0777 & ~umask) */
    DCD_DIR_LOCK = 2    /* lock for the process's life; remove stale temp files */
};

typedef struct {
    int fd;     /* open O_DIRECTORY descriptor, -1 when closed */
    char *path; /* the path as given (owned), for messages and for gnuplot */
} dcd_dir;

/* Opens folder PATH (FLAGS: DCD_DIR_*).  Every component is checked: a
 * symbolic link, or a component that is not a folder, gives DCD_EIO with a
 * diagnostic naming it.  Returns DCD_OK, DCD_EIO or DCD_ENOMEM; on failure
 * DIR is left closed.  Close with dcd_dir_close (the lock, if any, stays
 * until the process exits). */
int dcd_dir_open(const char *path, int flags, dcd_dir *dir, dcd_diags *d);
/* Opens (creating when FLAGS has DCD_DIR_CREATE) the folder NAME, one plain
 * component, inside PARENT, under the same rules; SUB->path is
 * "PARENT/NAME". */
int dcd_dir_sub(const dcd_dir *parent, const char *name, int flags, dcd_dir *sub, dcd_diags *d);
void dcd_dir_close(dcd_dir *dir);

/* Creates an empty temporary file ".NAME.tmp.XXXXXX" in DIR (O_EXCL,
 * O_NOFOLLOW, mode 0666 & ~umask); stores its name (no folder) in TMP and
 * returns its descriptor, or -1 with a diagnostic.  For writers that draw
 * by path (gnuplot): write DIR->path + "/" + TMP, then dcd_dir_commit. */
int dcd_dir_tmpfile(const dcd_dir *dir, const char *name, dcd_buf *tmp, dcd_diags *d);
/* fsyncs TMP and renames it to NAME inside DIR (replacing NAME, never
 * following a link at NAME).  On failure TMP is removed.  Returns DCD_OK
 * or DCD_EIO with a diagnostic. */
int dcd_dir_commit(const dcd_dir *dir, const char *tmp, const char *name, dcd_diags *d);
/* Removes NAME from DIR if it is there and is not a folder (a link is
 * removed, never its target).  Returns 0, or -1 with errno. */
int dcd_dir_unlink(const dcd_dir *dir, const char *name);
/* Removes the temporary files of killed runs (".*.tmp.XXXXXX") in DIR.
 * Call only while holding DIR's lock.  Returns the number removed. */
int dcd_dir_clean_stale(const dcd_dir *dir);

/* Writes N files NAMES[i] with DATA[i]/LEN[i] into DIR as one set: every
 * temporary file is written and fsync'ed first, then all are renamed with
 * signals held back, so a failure (a full disk) leaves the previous set and
 * an interrupt the previous or the new set.  A file that already holds
 * exactly these bytes is left alone (its timestamp kept).  Returns DCD_OK,
 * DCD_EIO or DCD_ENOMEM with a diagnostic; no temporary file remains. */
int dcd_dir_write_set(const dcd_dir *dir, const char *const *names, const char *const *data,
                      const size_t *len, size_t n, dcd_diags *d);

/* Holds back SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGPIPE until the
 * matching dcd_fs_release (calls nest); for writers outside this module
 * that rename several files as one step. */
void dcd_fs_hold(void);
void dcd_fs_release(void);

/* Releases every lock this process holds and forgets the folders met (so
 * their stale temporary files are looked for again).  For long-lived
 * processes between independent jobs (tests, fuzz harnesses); commands
 * keep their locks until they exit. */
void dcd_fs_release_all(void);

/* 1 when NAME has the form of a temporary file of this module or of the
 * chart pipeline: ".FILE.tmp.XXXXXX" (6 letters or digits) where FILE ends
 * in one of the program's extensions (.csv .json .yaml .gp .png .svg .pdf
 * .md .html .txt .lock); other hidden files are never touched. */
int dcd_fs_is_temp_name(const char *name);

#endif
