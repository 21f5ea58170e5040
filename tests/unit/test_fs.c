/* test_fs.c - output folders (dcd_fs.h): links refused at every level, the
 * temporary-name pattern, sets written whole, stale temporary files removed,
 * a failed set leaving the previous files. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dcd_fs.h"
#include "harness.h"

static char root[64];

static char *path(const char *rel)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", root, rel);
    return buf[k];
}

static int has_diag(const dcd_diags *d, const char *needle)
{
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->items[i].message, needle))
            return 1;
    return 0;
}

static int file_is(const char *p, const char *want)
{
    char buf[256] = {0};
    FILE *f = fopen(p, "rb");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    return n == strlen(want) && memcmp(buf, want, n) == 0;
}

int main(void)
{
    harness_init();
    snprintf(root, sizeof root, "/tmp/dcd-test-fs-XXXXXX");
    if (!mkdtemp(root))
        return 1;
    dcd_diags d = {0};
    dcd_dir dir, sub;

    /* temporary names */
    gsl_test(!dcd_fs_is_temp_name(".summary.csv.tmp.Ab3xYz"), "temp name recognised");
    gsl_test(dcd_fs_is_temp_name("summary.csv"), "plain name is not a temp name");
    gsl_test(dcd_fs_is_temp_name(".notes.tmp.keep"), "5 letters after .tmp. is not a temp name");
    gsl_test(dcd_fs_is_temp_name(".x.tmp.ab/def"), "a slash is not in a temp name");

    /* create a nested folder, then refuse links in the path */
    gsl_test(dcd_dir_open(path("a/b/c"), DCD_DIR_CREATE, &dir, &d) != DCD_OK, "a/b/c created");
    dcd_dir_close(&dir);
    struct stat st;
    gsl_test(stat(path("a/b/c"), &st) != 0 || !S_ISDIR(st.st_mode), "a/b/c is a folder");
    if (symlink(path("a"), path("link")) != 0)
        return 1;
    gsl_test(dcd_dir_open(path("link/b"), DCD_DIR_CREATE, &dir, &d) != DCD_EIO,
             "link in the path: DCD_EIO");
    gsl_test(!has_diag(&d, "is a symbolic link"), "link in the path: named");
    gsl_test(dir.fd != -1 || dir.path != NULL, "link in the path: folder left closed");
    dcd_diags_free(&d);
    gsl_test(dcd_dir_open(path("link"), 0, &dir, &d) != DCD_EIO, "link as the folder: DCD_EIO");
    dcd_diags_free(&d);

    /* a sub-folder that is a link */
    gsl_test(dcd_dir_open(path("a"), DCD_DIR_LOCK, &dir, &d) != DCD_OK, "a opens and locks");
    if (symlink("/tmp", path("a/evil")) != 0)
        return 1;
    gsl_test(dcd_dir_sub(&dir, "evil", DCD_DIR_CREATE, &sub, &d) != DCD_EIO,
             "sub-folder that is a link: DCD_EIO");
    dcd_diags_free(&d);
    gsl_test(dcd_dir_sub(&dir, "..", DCD_DIR_CREATE, &sub, &d) != DCD_EIO,
             "sub-folder '..' refused");
    dcd_diags_free(&d);

    /* a set of files, then a set that fails half-way: the first set stays */
    gsl_test(dcd_dir_sub(&dir, "s", DCD_DIR_CREATE | DCD_DIR_LOCK, &sub, &d) != DCD_OK,
             "a/s created (covered by a's lock)");
    const char *names[2] = {"one.txt", "two.txt"};
    const char *data1[2] = {"first 1", "first 2"};
    size_t len1[2] = {7, 7};
    gsl_test(dcd_dir_write_set(&sub, names, data1, len1, 2, &d) != DCD_OK, "set written");
    gsl_test(!file_is(path("a/s/one.txt"), "first 1") || !file_is(path("a/s/two.txt"), "first 2"),
             "set holds its bytes");
    /* A folder where the second file goes makes its rename fail. */
    const char *names2[2] = {"one.txt", "blocker"};
    if (mkdir(path("a/s/blocker"), 0777) != 0 || mkdir(path("a/s/blocker/x"), 0777) != 0)
        return 1;
    const char *data2[2] = {"second 1", "second 2"};
    size_t len2[2] = {8, 8};
    gsl_test(dcd_dir_write_set(&sub, names2, data2, len2, 2, &d) != DCD_EIO,
             "set with an unwritable member: DCD_EIO");
    dcd_diags_free(&d);
    gsl_test(!file_is(path("a/s/one.txt"), "first 1"),
             "a failed set renames none of its files (one.txt kept)");

    /* a link in place of a file is replaced, its target untouched */
    int fd = open(path("target"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, "keep", 4) != 4 || close(fd) != 0)
        return 1;
    unlink(path("a/s/two.txt"));
    if (symlink(path("target"), path("a/s/two.txt")) != 0)
        return 1;
    gsl_test(dcd_dir_write_set(&sub, names, data1, len1, 2, &d) != DCD_OK,
             "set over a link: written");
    gsl_test(!file_is(path("target"), "keep"), "set over a link: the link's target untouched");
    gsl_test(lstat(path("a/s/two.txt"), &st) != 0 || !S_ISREG(st.st_mode),
             "set over a link: a regular file now");

    /* stale temporary files */
    fd = open(path("a/s/.one.txt.tmp.q1w2e3"), O_WRONLY | O_CREAT, 0644);
    if (fd < 0)
        return 1;
    close(fd);
    gsl_test(dcd_dir_clean_stale(&sub) != 1, "one stale temp file removed");
    gsl_test(access(path("a/s/.one.txt.tmp.q1w2e3"), F_OK) == 0, "and it is gone");
    gsl_test(access(path("a/s/one.txt"), F_OK) != 0, "result files kept");

    /* A temporary file made after the folder was first met is this
     * process's own: opening the folder again leaves it. */
    fd = open(path("a/s/.mine.png.tmp.zzzzzz"), O_WRONLY | O_CREAT, 0644);
    if (fd < 0)
        return 1;
    close(fd);
    dcd_dir again;
    gsl_test(dcd_dir_open(path("a/s"), DCD_DIR_LOCK, &again, &d) != DCD_OK, "a/s opened again");
    dcd_dir_close(&again);
    gsl_test(access(path("a/s/.mine.png.tmp.zzzzzz"), F_OK) != 0,
             "our own temporary file survives a second open");
    /* Released and forgotten: the folder is met afresh. */
    dcd_fs_release_all();
    int probe = open(path("a"), O_RDONLY | O_DIRECTORY);
    gsl_test(probe < 0 || flock(probe, LOCK_EX | LOCK_NB) != 0,
             "after dcd_fs_release_all another descriptor can lock a");
    if (probe >= 0)
        close(probe);
    gsl_test(dcd_dir_open(path("a/s"), DCD_DIR_LOCK, &again, &d) != DCD_OK, "a/s opened afresh");
    dcd_dir_close(&again);
    gsl_test(access(path("a/s/.mine.png.tmp.zzzzzz"), F_OK) == 0,
             "met afresh: the temporary file is removed");

    dcd_dir_close(&sub);
    dcd_dir_close(&dir);
    dcd_diags_free(&d);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0)
        return 1;
    return gsl_test_summary();
}
