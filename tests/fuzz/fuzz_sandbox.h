/* fuzz_sandbox.h - the private temporary folder of a fuzz harness: made
 * once (on /dev/shm when there is one, else /tmp) and removed with
 * everything in it when the fuzzer exits (static functions: each harness is
 * one translation unit). */
#ifndef FUZZ_SANDBOX_H
#define FUZZ_SANDBOX_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char fuzz_sandbox[200];

static int fuzz_sandbox_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path) != 0 ? -1 : 0;
}

static void fuzz_sandbox_cleanup(void)
{
    if (fuzz_sandbox[0])
        (void)nftw(fuzz_sandbox, fuzz_sandbox_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/* Makes the folder dcd-fuzz-NAME-XXXXXX and returns its path (aborts when
 * it cannot). */
static const char *fuzz_sandbox_make(const char *name)
{
    struct stat st;
    snprintf(fuzz_sandbox, sizeof fuzz_sandbox, "%s/dcd-fuzz-%s-XXXXXX",
             stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) ? "/dev/shm" : "/tmp", name);
    if (!mkdtemp(fuzz_sandbox) || atexit(fuzz_sandbox_cleanup) != 0)
        abort();
    return fuzz_sandbox;
}

#endif
