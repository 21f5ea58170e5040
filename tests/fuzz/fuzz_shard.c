/* fuzz_shard.c - libFuzzer harness over the Monte Carlo shard state reader
 * (dcd_mcstats_load, dcd_mcstats.h): shard files given to a merge of Monte
 * Carlo shards are untrusted.
 *
 * Built and run by `make fuzz` (corpus in tests/fuzz/corpus_shard/).  Each
 * input is a saved state's text.  Checks: a refused text gives NULL and
 * DCD_EINPUT (or DCD_ENOMEM); a loaded one is saved again, that text loads
 * again and saves to the same bytes (the round trip is exact), its counts,
 * results and exceedances can be asked for (the status alone is checked)
 * and merging the copy into it is refused or accepted without harm.  A
 * crash, a sanitizer report, a leak, an allocation beyond the limit or an
 * abort is a finding.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "dcd_error.h"
#include "dcd_mcstats.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gsl_set_error_handler_off();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int st = -1;
    dcd_mcstats *s = dcd_mcstats_load((const char *)data, size, &st);
    if (!s) {
        if (st != DCD_EINPUT && st != DCD_ENOMEM)
            abort();
        return 0;
    }
    if (st != DCD_OK)
        abort();
    dcd_buf t1 = {0}, t2 = {0};
    if (dcd_mcstats_save(s, &t1) != DCD_OK)
        abort();
    dcd_mcstats *s2 = dcd_mcstats_load(t1.data, t1.len, &st);
    if (!s2 || st != DCD_OK)
        abort(); /* what was saved must load */
    if (dcd_mcstats_save(s2, &t2) != DCD_OK || t1.len != t2.len ||
        memcmp(t1.data, t2.data, t1.len) != 0)
        abort(); /* the round trip changed the state */
    (void)dcd_mcstats_exact(s);
    (void)dcd_mcstats_complete(s);
    if (dcd_mcstats_count(s) != dcd_mcstats_count(s2) ||
        dcd_mcstats_failed(s) != dcd_mcstats_failed(s2))
        abort();
    static double pct[1000]; /* the reader refuses more than 1000 percentiles */
    for (size_t cell = 0; cell < 4; cell++) {
        double mean, sd;
        int rc = dcd_mcstats_result(s, cell, &mean, &sd, pct);
        if (rc != DCD_OK && rc != DCD_EUSAGE && rc != DCD_EMODEL && rc != DCD_ENOMEM)
            abort();
        double p, se;
        rc = dcd_mcstats_exceedance(s, cell, &p, &se);
        if (rc != DCD_OK && rc != DCD_EUSAGE && rc != DCD_EMODEL)
            abort();
    }
    int rc = dcd_mcstats_merge(s, s2);
    if (rc != DCD_OK && rc != DCD_EUSAGE)
        abort();
    dcd_mcstats_free(s2);
    dcd_mcstats_free(s);
    dcd_buf_free(&t1);
    dcd_buf_free(&t2);
    return 0;
}
