/* test_check.c - the check analysis through its API (dcd_check.h). */
#include <math.h>
#include <string.h>

#include "dcd_check.h"
#include "dcd_load.h"
#include "harness.h"

/* One-sided figures: pass inside [min, max], bounds included. */
static void test_one_sided(void)
{
    dcd_expect e = {
        .year = 2030, .value = NAN, .tolerance = NAN, .one_sided = 1, .min = 9.25, .max = NAN};
    gsl_test(!dcd_check_passes(&e, 9.25), "min: the bound itself passes");
    gsl_test(!dcd_check_passes(&e, 17.385), "min: above passes");
    gsl_test(dcd_check_passes(&e, 9.2499), "min: below fails");
    gsl_test(dcd_check_passes(&e, NAN), "min: not determined fails");
    e.min = NAN;
    e.max = 17.5;
    gsl_test(!dcd_check_passes(&e, -3.5), "max: below passes");
    gsl_test(dcd_check_passes(&e, 17.5001), "max: above fails");
    e.min = 9.25;
    gsl_test(!dcd_check_passes(&e, 12.385), "range: inside passes");
    gsl_test(dcd_check_passes(&e, 8.9), "range: below fails");
    gsl_test(dcd_check_passes(&e, 18), "range: above fails");
    dcd_expect v = {.year = 2030, .value = 8.0, .tolerance = 0.3, .min = NAN, .max = NAN};
    gsl_test(!dcd_check_passes(&v, 8.3), "value: within the tolerance passes");
    gsl_test(dcd_check_passes(&v, 8.31), "value: outside fails");
}

int main(void)
{
    harness_init();
    test_one_sided();
    dcd_scenario *sc = NULL;
    dcd_diags d = {0};
    int rc = dcd_scenario_load("tests/golden/check/off.yaml", NULL, 0, &sc, &d);
    gsl_test_int(rc, DCD_OK, "off.yaml loads");
    if (rc != DCD_OK) {
        dcd_diags_free(&d);
        return gsl_test_summary();
    }
    dcd_check c = {0};
    gsl_test_int(dcd_check_scenario(&c, sc, &d), DCD_OK, "off.yaml is checked");
    gsl_test_int((int)c.nrows, (int)sc->nexpect, "one row per expect: entry");
    gsl_test_int((int)c.nfail, 2, "two figures fail");
    size_t pass = 0;
    for (size_t i = 0; i < c.nrows; i++) {
        const dcd_check_row *r = &c.rows[i];
        pass += r->pass;
        gsl_test(r->e != &sc->expect[i], "row %zu keeps the order of expect:", i);
        if (isnan(r->model))
            gsl_test(r->pass, "row %zu: an undetermined figure fails", i);
        else
            gsl_test(r->pass != (fabs(r->model - r->e->value) <=
                                 r->e->tolerance + 1e-9 * fmax(1, fabs(r->e->value))),
                     "row %zu: pass iff within the tolerance", i);
    }
    gsl_test_int((int)pass, (int)(c.nrows - c.nfail), "nfail counts the failing rows");

    dcd_buf b = {0};
    dcd_check_format(&c, DCD_OUT_TERM, 0, &b);
    gsl_test(strstr(dcd_buf_str(&b), "n/a") != NULL || strstr(dcd_buf_str(&b), "nan") != NULL,
             "terminal: not determined is never n/a or nan");
    gsl_test(strstr(dcd_buf_str(&b), " -  ") == NULL, "terminal: not determined is -");
    dcd_buf_clear(&b);
    dcd_check_format(&c, DCD_OUT_TERM, 1, &b);
    gsl_test(strstr(dcd_buf_str(&b), " pass\n") != NULL, "failed only: no passing row");
    dcd_buf_clear(&b);
    dcd_check_format(&c, DCD_OUT_MD, 0, &b);
    gsl_test(strncmp(dcd_buf_str(&b), "| Study", 7) != 0, "Markdown: a table");
    dcd_buf_clear(&b);
    dcd_check_format(&c, DCD_OUT_CSV, 0, &b);
    gsl_test(strncmp(dcd_buf_str(&b), "study,case,scenario,file,metric", 31) != 0,
             "CSV: the header");
    gsl_test(strstr(dcd_buf_str(&b), ",2025,10,,,1,FAIL,") == NULL,
             "CSV: not determined is an empty cell");
    dcd_buf_free(&b);
    dcd_check_free(&c);
    gsl_test(c.nrows != 0 || c.rows != NULL, "a freed check is empty");
    dcd_scenario_free(sc);
    dcd_diags_free(&d);
    return gsl_test_summary();
}
