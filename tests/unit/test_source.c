/* test_source.c - a parsed scenario reused for many loads (dcd_source) gives
 * exactly what loading the file each time gives. */
#include <string.h>

#include "dcd_engine.h"
#include "dcd_load.h"
#include "harness.h"

static dcd_results *project(const dcd_scenario *sc)
{
    dcd_workspace *w = dcd_workspace_alloc(sc);
    dcd_results *r = dcd_results_alloc(sc);
    dcd_project(sc, w, r, NULL);
    dcd_workspace_free(w);
    return r;
}

int main(void)
{
    harness_init();
    const char *file = "scenarios/mckinsey-2024.yaml";
    const char *sets[] = {"segments.ai.utilisation=0.385", "segments.ai.growth.2027=0.31"};
    dcd_diags d = {0};
    dcd_source *src = NULL;
    gsl_test(dcd_source_open(file, &src, &d), "source opens");
    for (int k = 0; k < 3; k++) { /* the source survives many loads */
        dcd_scenario *a = NULL, *b = NULL;
        gsl_test(dcd_scenario_load(file, sets, 2, &a, &d), "file loads (%d)", k);
        gsl_test(dcd_source_load(src, sets, 2, &b, &d), "source loads (%d)", k);
        if (!a || !b)
            break;
        gsl_test_str(b->checksum_hex, a->checksum_hex, "same input checksum (%d)", k);
        dcd_buf ya = {0}, yb = {0};
        dcd_scenario_emit(a, "t", &ya);
        dcd_scenario_emit(b, "t", &yb);
        gsl_test_str(dcd_buf_str(&yb), dcd_buf_str(&ya), "same resolved document (%d)", k);
        dcd_results *ra = project(a), *rb = project(b);
        gsl_test(memcmp(ra->total, rb->total, DCD_NTOTAL * ra->ny * sizeof(double)) != 0,
                 "bit-identical projections (%d)", k);
        dcd_results_free(ra);
        dcd_results_free(rb);
        dcd_buf_free(&ya);
        dcd_buf_free(&yb);
        dcd_scenario_free(a);
        dcd_scenario_free(b);
    }
    /* a scenario outlives its source */
    dcd_scenario *c = NULL;
    dcd_source_load(src, NULL, 0, &c, &d);
    dcd_source_free(src);
    gsl_test(c == NULL || strcmp(c->name, "mckinsey-2024") != 0,
             "a scenario stays valid after its source is freed");
    dcd_scenario_free(c);

    /* errors in overrides are located as for a file load */
    src = NULL;
    dcd_source_open(file, &src, &d);
    const char *bad[] = {"segments.ai.utilisation=1.5"};
    dcd_scenario *e = NULL;
    size_t before = d.n;
    gsl_test_int(dcd_source_load(src, bad, 1, &e, &d), DCD_EINPUT, "a bad override is refused");
    gsl_test(d.n != before + 1 || strcmp(d.items[before].file, "--set[1]") != 0,
             "the problem is located in the override");
    dcd_source_free(src);

    /* a missing file */
    before = d.n;
    gsl_test_int(dcd_source_open("no/such/file.yaml", &src, &d), DCD_EINPUT,
                 "a missing file is an input error");
    gsl_test(src != NULL || d.n != before + 1, "one diagnostic, no source");
    dcd_diags_free(&d);
    return gsl_test_summary();
}
