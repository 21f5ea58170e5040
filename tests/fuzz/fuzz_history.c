/* fuzz_history.c - libFuzzer harness over the observation CSV reader of
 * `dcdemand calibrate --history FILE` (dcd_obs_read_csv, dcd_calibrate.h).
 *
 * Built and run by `make fuzz` (corpus in tests/fuzz/corpus_history/).  The
 * reader takes a path, so each input is written to one file of a private
 * sandbox folder (made once, on /dev/shm when there is one) and read back.
 * Checks: success gives at least one observation, each with a year in
 * 1900-2200, a column of summary.csv, a finite value and an sd that is NaN
 * or a finite number > 0, and no diagnostic; failure gives no observation
 * and at least one diagnostic naming the file with a 1-based line (0 only
 * when the file cannot be read) and a one-line message.  A crash, a
 * sanitizer report, a leak or an abort is a finding.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gsl/gsl_errno.h>

#include "dcd_calibrate.h"
#include "dcd_engine.h"
#include "fuzz_sandbox.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char sandbox[200], file[260];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gsl_set_error_handler_off();
    snprintf(sandbox, sizeof sandbox, "%s", fuzz_sandbox_make("history"));
    snprintf(file, sizeof file, "%s/history.csv", sandbox);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fopen(file, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    dcd_obs *obs = NULL;
    size_t n = 99;
    dcd_diags d = {0};
    int rc = dcd_obs_read_csv(file, &obs, &n, &d);
    if (rc == DCD_OK) {
        if (!obs || n == 0 || d.n)
            abort();
        for (size_t i = 0; i < n; i++)
            if (obs[i].year < 1900 || obs[i].year > 2200 || obs[i].metric < 0 ||
                obs[i].metric >= DCD_NTOTAL || !isfinite(obs[i].value) ||
                !(isnan(obs[i].sd) || (isfinite(obs[i].sd) && obs[i].sd > 0)))
                abort();
    } else {
        if (rc != DCD_EINPUT || obs || n || !d.n)
            abort();
        for (size_t i = 0; i < d.n; i++)
            if (!d.items[i].file || strcmp(d.items[i].file, file) != 0 || d.items[i].line < 1 ||
                d.items[i].column < 0 || !d.items[i].message || !d.items[i].message[0] ||
                strchr(d.items[i].message, '\n'))
                abort();
    }
    free(obs);
    dcd_diags_free(&d);
    return 0;
}
