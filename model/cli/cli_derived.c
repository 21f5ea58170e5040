/* cli_derived.c - the derived scenario that solve and calibrate write
 * (NAME-solved, NAME-calibrated): named, loaded, projected and written
 * (dcd_cli.h). */
#include "dcd_cli.h"

#include <stdio.h>

#include "dcd_solve.h"

int dcd_cli_derived(const dcd_source *src, dcd_strlist *set, const char *name, const char *suffix,
                    const char *outdir, const char *comment, int plots, dcd_buf *namebuf,
                    dcd_scenario **sc, dcd_results **r, dcd_buf *dir, dcd_diags *d)
{
    if (dcd_input_name_setting(name, suffix, namebuf) != 0 ||
        dcd_strlist_push(set, namebuf->data) != 0)
        return -1;
    int rc = dcd_source_load(src, set->v, set->n, sc, d);
    if (rc == DCD_OK)
        rc = dcd_project_new(*sc, r, d);
    if (rc == DCD_OK)
        rc = dcd_write_derived(*sc, *r, outdir, DCD_VERSION, comment, plots, dir, d);
    return rc;
}

int dcd_cli_derived_done(int status, dcd_diags *d, int quiet, const char *dir, const char *extra)
{
    if (status != DCD_OK && status != DCD_EPLOT)
        return dcd_cli_fail(d, status);
    if (!quiet)
        printf("wrote %s/%s\n", dir, extra);
    return status == DCD_EPLOT ? dcd_cli_fail(d, status) : DCD_EXIT_OK;
}
