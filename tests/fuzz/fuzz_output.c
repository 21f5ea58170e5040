/* fuzz_output.c - libFuzzer harness over the results writer (output.c, fs.c).
 *
 * Built and run by `make fuzz` (corpus in tests/fuzz/corpus_output/).  The
 * input is up to four fields separated by NUL bytes: the scenario's name,
 * title, study and case, with any bytes.  They are put into a small fixed
 * scenario, and then:
 *   - dcd_scenario_safe_name must give one plain, non-empty folder name of
 *     at most 64 bytes from [a-z0-9._-], never "." or "..";
 *   - summary.csv, segments.csv and results.json are formatted, and every
 *     JSON string must come out without a raw control character;
 *   - dcd_write_run writes the set into a sandbox folder (on /dev/shm when
 *     there is one), and the sandbox must then hold exactly one folder, the
 *     safe name, and nothing else (nothing outside it, no temporary file).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "dcd_engine.h"
#include "dcd_fs.h"
#include "dcd_output.h"
#include "dcd_scenario.h"
#include "fuzz_sandbox.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char BASE[] = "name: base\n"
                           "sources: [made up]\n"
                           "years: {start: 2020, base: 2021, end: 2023}\n"
                           "national: {total_twh: 100, growth: 0.01}\n"
                           "pue: 1.4\n"
                           "segments:\n"
                           "  a: {ai: true, driver: energy, energy_twh: 1, growth: 0.1}\n";

static dcd_scenario *base;
static dcd_results *res;
static char sandbox[256];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gsl_set_error_handler_off();
    dcd_diags d = {0};
    if (dcd_scenario_load_text("base.yaml", BASE, sizeof BASE - 1, NULL, 0, &base, &d) != DCD_OK ||
        dcd_project_new(base, &res, &d) != DCD_OK)
        abort();
    dcd_diags_free(&d);
    snprintf(sandbox, sizeof sandbox, "%s", fuzz_sandbox_make("output")); /* removed at exit */
    return 0;
}

static void check_json_string(const char *s)
{
    dcd_buf b = {0};
    dcd_json_string(&b, s);
    if (!b.failed)
        for (size_t i = 0; i < b.len; i++)
            if ((unsigned char)b.data[i] < 0x20 || b.data[i] == 0x7f)
                abort(); /* a raw control character in JSON */
    dcd_buf_free(&b);
}

/* Removes every entry of the sandbox; aborts unless it held exactly the
 * folder SAFE (with only result files in it). */
static void check_and_empty(const char *safe, int written)
{
    DIR *dp = opendir(sandbox);
    if (!dp)
        abort();
    struct dirent *e;
    int n = 0;
    char path[512];
    while ((e = readdir(dp)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (strcmp(e->d_name, safe) != 0)
            abort(); /* something beside the scenario folder */
        n++;
        snprintf(path, sizeof path, "%s/%s", sandbox, e->d_name);
        DIR *sub = opendir(path);
        if (!sub)
            abort(); /* not a folder */
        struct dirent *f;
        while ((f = readdir(sub)) != NULL) {
            if (!strcmp(f->d_name, ".") || !strcmp(f->d_name, ".."))
                continue;
            if (dcd_fs_is_temp_name(f->d_name))
                abort(); /* a temporary file left behind */
            char fp[800];
            snprintf(fp, sizeof fp, "%s/%s", path, f->d_name);
            unlink(fp);
        }
        closedir(sub);
        rmdir(path);
    }
    closedir(dp);
    if (n != (written ? 1 : 0))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size + 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    const char *field[4] = {copy, NULL, NULL, NULL};
    size_t k = 1;
    for (size_t i = 0; i < size && k < 4; i++)
        if (copy[i] == '\0')
            field[k++] = copy + i + 1;

    char *saved[4] = {base->name, base->title, base->study, base->case_name};
    base->name = (char *)field[0];
    base->title = (char *)field[1];
    base->study = (char *)field[2];
    base->case_name = (char *)field[3];

    char safe[65];
    dcd_scenario_safe_name(base, safe);
    size_t n = strlen(safe);
    if (n == 0 || n > 64 || !strcmp(safe, ".") || !strcmp(safe, "..") ||
        strspn(safe, "abcdefghijklmnopqrstuvwxyz0123456789._-") != n)
        abort();
    for (int i = 0; i < 4; i++)
        if (field[i])
            check_json_string(field[i]);

    dcd_buf out = {0};
    if (dcd_format_summary(res, &out) != 0 || dcd_format_segments(res, &out) != 0)
        abort();
    dcd_buf_clear(&out);
    if (dcd_format_json(base, res, "fuzz", &out) != 0)
        abort();
    dcd_buf_free(&out);

    dcd_diags d = {0};
    dcd_buf dir = {0};
    int rc = dcd_write_run(base, res, sandbox, "fuzz", &dir, &d);
    if (rc != DCD_OK && rc != DCD_ENOMEM) {
        for (size_t i = 0; i < d.n; i++)
            fprintf(stderr, "%s: %s\n", d.items[i].file, d.items[i].message);
        abort(); /* any safe name must be writable in the sandbox */
    }
    check_and_empty(safe, rc == DCD_OK);
    dcd_fs_release_all(); /* each input is an independent run */
    dcd_buf_free(&dir);
    dcd_diags_free(&d);

    base->name = saved[0];
    base->title = saved[1];
    base->study = saved[2];
    base->case_name = saved[3];
    free(copy);
    return 0;
}
