/* test_compare.c - the comparison logic of `dcdemand compare` and the grids
 * of `dcdemand sweep` (dcd_compare.h).  Runs from the project root (the
 * golden scenarios under tests/golden/compare/). */
#include <math.h>
#include <string.h>

#include "dcd_compare.h"
#include "dcd_engine.h"
#include "dcd_load.h"
#include "harness.h"

static void test_units(void)
{
    static const struct {
        const char *path, *unit;
    } cases[] = {
        {"national.total_twh", "TWh"},
        {"segments.ai.capacity_gw", "GW"},
        {"segments.ai.additions_gw", "GW/yr"},
        {"segments.ai.capex_usd", "USD/yr"},
        {"cost_per_mw_usd", "USD/MW"},
        {"segments.gpu.unit_price_usd", "USD/unit"},
        {"segments.gpu.unit_power_w", "W/unit"},
        {"segments.gpu.shipments", "units/yr"},
        {"segments.ai.growth", "fraction/yr"},
        {"national.growth", "fraction/yr"},
        {"segments.ai.utilisation", "fraction"},
        {"segments.ai.idle", "fraction"},
        {"segments.gpu.equipment_share", "fraction"},
        {"pue", "ratio"},
        {"segments.ai.pue", "ratio"},
        {"segments.ai.lifetime_years", "years"},
        {"segments.gpu.lifetime", "years"},
        {"segments.gpu.lifetime.scale", "years"},
        {"segments.gpu.lifetime.shape", ""},
        {"segments.gpu.lifetime.kind", ""},
        {"segments.gpu.installed_base.capacity_gw", "GW"},
        {"segments.gpu.installed_base.lifetime.years", "years"},
        {"grid_intensity_g_per_kwh", "g CO2/kWh"},
        {"wue_l_per_kwh", "L/kWh"},
        {"years.start", "year"},
        {"segments.ai.logistic.midpoint_year", "year"},
        {"segments.ai.logistic.rate", "1/yr"},
        {"segments.ai.logistic.saturation_gw", "GW"},
        {"segments.ai.driver", ""},
        {"segments.ai.ai", ""},
        /* From the schema, not the suffix: a series point has its series'
         * unit, a key the schema does not know has none. */
        {"segments.ai.growth.2027", "fraction/yr"},
        {"segments.gpu.installed_base.lifetime.scale", "years"},
        {"segments.ai.made_up_twh", ""},
        {"national.total_gw", ""},
        {"segments.ai.description", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        gsl_test_str(dcd_compare_unit(cases[i].path), cases[i].unit, "unit of %s", cases[i].path);
}

/* The compact cell of YAML text TEXT (parsed as a document). */
static void check_cell(const char *yaml, const char *want)
{
    dcd_node *root = NULL;
    dcd_diags d = {0};
    dcd_buf b = {0};
    int rc = dcd_tree_parse(yaml, strlen(yaml), "test", &root, &d);
    gsl_test_int(rc, DCD_OK, "parse %s", yaml);
    if (rc == DCD_OK && root && root->kind == DCD_NODE_MAP && root->n == 1) {
        gsl_test_int(dcd_compare_cell(root->vals[0], &b), 0, "cell of %s", yaml);
        gsl_test_str(dcd_buf_str(&b), want, "cell of %s", yaml);
    } else {
        gsl_test(1, "cell of %s: not a one-key mapping", yaml);
    }
    dcd_node_free(root);
    dcd_diags_free(&d);
    dcd_buf_free(&b);
}

static void test_cells(void)
{
    check_cell("x: 10.0e6", "1e7");
    check_cell("x: 1.5e6", "1.5e6");
    check_cell("x: 0.10", "0.1");
    check_cell("x: 152.71", "152.71");
    check_cell("x: 100000", "100000");
    check_cell("x: 2.385e-5", "2.385e-5");
    check_cell("x: -0.0", "0");
    check_cell("x: \"0.15\"", "0.15"); /* quoted: text, kept as written */
    check_cell("x: '1e6'", "1e6");
    check_cell("x: capacity", "capacity");
    check_cell("x: true", "true");
    check_cell("x: ~", "~");
    check_cell("x: {2030: 0.2, 2024: 0.75, 2027: 0.40}", "2024: 0.75, 2027: 0.4, 2030: 0.2");
    check_cell("x: {interpolation: step, 2024: 1, 2026: 3.0e6}",
               "2024: 1, 2026: 3e6, interpolation: step");
    check_cell("x: {kind: weibull, scale: 6, shape: 3}", "{kind: weibull, scale: 6, shape: 3}");
    check_cell("x: [a, 2.50]", "[a, 2.5]");
}

static void test_numbers(void)
{
    gsl_test_rel(dcd_compare_rel_pct(110, 100), 10, 1e-12, "rel: +10%%");
    gsl_test_rel(dcd_compare_rel_pct(2.385, -4.77), 150, 1e-12,
                 "rel: against a negative reference, by its size");
    gsl_test_rel(dcd_compare_rel_pct(0, 0), 0, 0, "rel: 0 against 0");
    gsl_test(!isnan(dcd_compare_rel_pct(1, 0)), "rel: against 0 is NaN");
    gsl_test(!isnan(dcd_compare_rel_pct(NAN, 1)), "rel: of NaN is NaN");

    const char *names[] = {"s"};
    dcd_results *r = dcd_results_new(2023, 3, 1, names, NULL);
    gsl_test(r == NULL, "results allocated");
    if (!r)
        return;
    for (size_t i = 0; i < 3; i++)
        DCD_TOTAL(r, DCD_T_DC_TWH, i) = 100.0 + 2.385 * (double)i;
    gsl_test_rel(dcd_compare_value(r, DCD_T_DC_TWH, 2025), 104.77, 1e-12, "value in range");
    gsl_test(!isnan(dcd_compare_value(r, DCD_T_DC_TWH, 2022)), "value before the years: NaN");
    gsl_test(!isnan(dcd_compare_value(r, DCD_T_DC_TWH, 2026)), "value after the years: NaN");
    gsl_test(!isnan(dcd_compare_value(r, -1, 2024)), "bad metric: NaN");
    dcd_results_free(r);
}

/* Loads FILE (with NSETS overrides) and projects it into *R. */
static dcd_scenario *load(const char *file, const char *const *sets, size_t nsets, dcd_results **r)
{
    dcd_scenario *sc = NULL;
    dcd_diags d = {0};
    *r = NULL;
    int rc = dcd_scenario_load(file, sets, nsets, &sc, &d);
    gsl_test_int(rc, DCD_OK, "load %s", file);
    if (rc != DCD_OK) {
        dcd_diags_print(&d, stderr);
        dcd_diags_free(&d);
        return NULL;
    }
    dcd_workspace *w = dcd_workspace_alloc(sc);
    *r = dcd_results_alloc(sc);
    rc = (w && *r) ? dcd_project(sc, w, *r, &d) : DCD_ENOMEM;
    gsl_test_int(rc, DCD_OK, "project %s", file);
    dcd_workspace_free(w);
    dcd_diags_free(&d);
    return sc;
}

static const dcd_compare_row *row_of(const dcd_compare *c, const char *path, size_t *index)
{
    for (size_t i = 0; i < c->nrows; i++)
        if (strcmp(c->rows[i].path, path) == 0) {
            if (index)
                *index = i;
            return &c->rows[i];
        }
    return NULL;
}

static int has_note(const dcd_compare *c, const char *needle)
{
    for (size_t i = 0; i < c->nnotes; i++)
        if (strstr(c->notes[i], needle))
            return 1;
    return 0;
}

static void test_build(void)
{
    static const char *const files[3] = {"tests/golden/compare/a.yaml",
                                         "tests/golden/compare/b.yaml",
                                         "tests/golden/compare/c.yaml"};
    static const char *const labels[3] = {"a", "b", "c"};
    dcd_scenario *sc[3] = {NULL, NULL, NULL};
    dcd_results *r[3] = {NULL, NULL, NULL};
    dcd_compare_col cols[3];
    dcd_compare *c = NULL;
    memset(cols, 0, sizeof cols);
    for (int i = 0; i < 3; i++) {
        sc[i] = load(files[i], NULL, 0, &r[i]);
        if (!sc[i] || !r[i])
            goto done;
        cols[i].label = labels[i];
        cols[i].sc = sc[i];
        cols[i].r = r[i];
    }

    /* Two columns: A and B. */
    gsl_test_int(dcd_compare_build(cols, 2, NULL, 0, NULL, 0, &c), DCD_OK, "build a, b");
    if (!c)
        goto done;
    gsl_test(row_of(c, "name", NULL) || row_of(c, "title", NULL) ||
                 row_of(c, "description", NULL) || row_of(c, "sources", NULL) ||
                 row_of(c, "expect", NULL) || row_of(c, "extends", NULL),
             "prose and expectations are left out");
    const dcd_compare_row *g = row_of(c, "segments.ai.growth", NULL);
    gsl_test(!g, "a series is one row");
    if (g) {
        gsl_test_str(g->cells[0], "2024: 0.5, 2027: 0.3, 2030: 0.2", "series cell of a");
        gsl_test_str(g->cells[1], "2024: 0.6, 2027: 0.35, 2030: 0.2, 2035: 0.1",
                     "series cell of b");
        gsl_test_int(g->differs, 1, "different series differ");
        gsl_test_str(g->unit, "fraction/yr", "unit of growth");
    }
    const dcd_compare_row *cap = row_of(c, "segments.ai.capacity_gw", NULL);
    gsl_test(!cap || cap->differs, "5 and 5.0e0 are the same number");
    const dcd_compare_row *gi = row_of(c, "grid_intensity_g_per_kwh", NULL);
    gsl_test(!gi || gi->cells[0] != NULL || !gi->cells[1], "an input only b has: empty for a");
    gsl_test_int(c->ndiffer, 4,
                 "a and b differ in years.end, ai growth, grid intensity, cost per MW");
    size_t ia = 0, ib = 0;
    row_of(c, "years.start", &ia);
    row_of(c, "years.end", &ib);
    gsl_test(ia >= ib, "rows keep the document's order");
    gsl_test_int((int)c->nyears, 3, "default years: 2025, 2030, 2035 (b has 2035)");
    gsl_test_int(c->years[2], 2035, "2035 is kept when one scenario has it");
    gsl_test_int((int)c->nmetrics, DCD_COMPARE_NMETRIC, "every metric has a value somewhere");
    {
        /* What it takes: the derived metrics from the totals. */
        const dcd_compare_col *ca = &c->cols[0], *cb = &c->cols[1];
        double sum = 0, capex = 0;
        for (int y = cb->sc->base + 1; y <= 2030; y++) {
            sum += dcd_compare_value(cb->r, DCD_T_ADDITIONS_GW, y);
            capex += dcd_compare_value(cb->r, DCD_T_CAPEX_USD, y);
        }
        gsl_test(!(sum > 0 && capex > 0), "b adds capacity and spends");
        gsl_test_rel(dcd_compare_metric_value(cb->sc, cb->r, DCD_C_ADDITIONS_CUM_GW, 2030), sum,
                     1e-12, "additions_cum_gw: the additions after the base year");
        gsl_test_rel(dcd_compare_metric_value(cb->sc, cb->r, DCD_C_CAPEX_CUM_BN_USD, 2030),
                     capex * 1e-9, 1e-12, "capex_cum_bn_usd: the spending after the base year");
        gsl_test_rel(dcd_compare_metric_value(cb->sc, cb->r, DCD_C_CAPEX_BN_USD, 2027),
                     dcd_compare_value(cb->r, DCD_T_CAPEX_USD, 2027) * 1e-9, 1e-12,
                     "capex_bn_usd: the year's spending in billions");
        gsl_test_abs(dcd_compare_metric_value(cb->sc, cb->r, DCD_C_ADDITIONS_CUM_GW, cb->sc->base),
                     0, 0, "additions_cum_gw: 0 in the base year");
        gsl_test(!isnan(dcd_compare_metric_value(ca->sc, ca->r, DCD_C_CAPEX_CUM_BN_USD, 2030)),
                 "a states no cost: its spending is not determined");
        gsl_test(!isnan(dcd_compare_metric_value(cb->sc, cb->r, DCD_C_ADDITIONS_CUM_GW, 2020)),
                 "before the base year: not determined");
        gsl_test_rel(dcd_compare_metric_value(cb->sc, cb->r, DCD_T_DC_LOAD_GW, 2030),
                     dcd_compare_value(cb->r, DCD_T_DC_LOAD_GW, 2030), 1e-15,
                     "a total metric is the total");
        gsl_test(dcd_compare_metric_info(DCD_C_NALL) != NULL || dcd_compare_metric_info(-1) != NULL,
                 "no metric info outside the metrics");
        gsl_test_str(dcd_compare_metric_info(DCD_C_CAPEX_BN_USD)->unit, "bn USD", "unit of capex");
    }
    gsl_test(!has_note(c, "years differ"), "a note says the years differ");
    gsl_test(has_note(c, "segments differ"), "no note on segments when they are the same");
    dcd_compare_free(c);
    c = NULL;

    /* Three columns: segments differ, no emissions in A and C. */
    int years[3] = {2030, 2024, 2090};
    gsl_test_int(dcd_compare_build(cols, 3, years, 3, NULL, 0, &c), DCD_OK, "build a, b, c");
    if (!c)
        goto done;
    gsl_test(!has_note(c, "segments differ"), "a note says the segments differ");
    gsl_test(!has_note(c, "2090"), "a note says 2090 was left out");
    gsl_test_int((int)c->nyears, 2, "asked years within some scenario");
    gsl_test(c->years[0] != 2024 || c->years[1] != 2030, "years sorted");
    size_t iconv = 0, iall = 0;
    const dcd_compare_row *all = row_of(c, "segments.all_data_centres.energy_twh", &iall);
    row_of(c, "segments.conventional.growth", &iconv);
    gsl_test(!all || all->cells[0] || all->cells[1] || !all->cells[2],
             "a segment only c has: empty for a and b");
    gsl_test(iall <= iconv, "c's segment comes after the other segments");
    dcd_buf b = {0};
    gsl_test_int(dcd_compare_format_text(c, 0, 100, &b), 0, "text");
    size_t longest = 0, cur = 0;
    for (const char *p = dcd_buf_str(&b); *p; p++) {
        cur = *p == '\n' ? 0 : cur + 1;
        longest = cur > longest ? cur : longest;
    }
    gsl_test(longest > 100, "text lines fit 100 columns (longest %zu)", longest);
    dcd_buf_clear(&b);
    gsl_test_int(dcd_compare_format_csv(c, &b), 0, "csv");
    gsl_test(!strstr(dcd_buf_str(&b), "result,dc_twh,TWh,2030,c,,,,\n"),
             "csv: c has no 2030, an empty value, not 0");
    dcd_buf_clear(&b);
    gsl_test_int(dcd_compare_format_md(c, 1, NULL, 0, &b), 0, "markdown");
    gsl_test(strstr(dcd_buf_str(&b), "| `years.start`") != NULL,
             "markdown --diff-only leaves out equal rows");
    dcd_buf_free(&b);
    dcd_compare_free(c);
    c = NULL;

    int none[1] = {1950};
    gsl_test_int(dcd_compare_build(cols, 3, none, 1, NULL, 0, &c), DCD_EUSAGE,
                 "asked years in no scenario: usage error");
    gsl_test(c != NULL, "no comparison on error");
done:
    dcd_compare_free(c);
    for (int i = 0; i < 3; i++) {
        dcd_results_free(r[i]);
        dcd_scenario_free(sc[i]);
    }
}

static void check_vary(const char *spec, size_t n, const char *first, const char *last)
{
    dcd_vary v;
    char why[256] = "";
    int rc = dcd_vary_parse(spec, &v, why, sizeof why);
    gsl_test_int(rc, DCD_OK, "vary %s (%s)", spec, why);
    if (rc != DCD_OK)
        return;
    gsl_test_int((int)v.n, (int)n, "vary %s: count", spec);
    if (v.n == n && n > 0) {
        gsl_test_str(v.text[0], first, "vary %s: first", spec);
        gsl_test_str(v.text[n - 1], last, "vary %s: last", spec);
    }
    dcd_vary_free(&v);
}

static void check_vary_bad(const char *spec, const char *needle)
{
    dcd_vary v;
    char why[256] = "";
    int rc = dcd_vary_parse(spec, &v, why, sizeof why);
    gsl_test_int(rc, DCD_EUSAGE, "vary %s is refused", spec);
    gsl_test(strstr(why, needle) == NULL, "vary %s: message '%s' says '%s'", spec, why, needle);
    if (rc == DCD_OK)
        dcd_vary_free(&v);
}

static void test_vary(void)
{
    check_vary("segments.ai.utilisation=0.3:0.9:0.1", 7, "0.3", "0.9");
    check_vary("x=0:1:0.1", 11, "0", "1");
    check_vary("x=0.1:0.3:0.1", 3, "0.1", "0.3");
    check_vary("x=1:0:-0.25", 5, "1", "0");
    check_vary("x=5:5:0", 1, "5", "5");
    check_vary("x=0:1:0.3", 4, "0", "0.9"); /* TO not on the grid: stop before it */
    check_vary("x=2.385,1.5e6,-3", 3, "2.385", "-3");
    check_vary("x=0.7", 1, "0.7", "0.7");

    /* FROM + i STEP, not accumulation: the 8th of 0.1 steps is 0.8, exactly
     * the double strtod gives for "0.8". */
    dcd_vary v;
    char why[256];
    if (dcd_vary_parse("x=0:1:0.1", &v, why, sizeof why) == DCD_OK) {
        gsl_test_rel(v.value[8], 0.8, 0, "value 8 of 0:1:0.1 is 0.8");
        gsl_test_str(v.path, "x", "path");
        dcd_vary_free(&v);
    }

    check_vary_bad("x", "PATH=");
    check_vary_bad("=1,2", "PATH=");
    check_vary_bad("x=1:2", "FROM:TO:STEP");
    check_vary_bad("x=1:2:3:4", "FROM:TO:STEP");
    check_vary_bad("x=1:2:0", "STEP must not be 0");
    check_vary_bad("x=2:1:0.5", "away from TO");
    check_vary_bad("x=0:1e9:1", "more than");
    check_vary_bad("x=a,b", "'a' is not a number");
    check_vary_bad("x=1,,2", "'' is not a number");
    check_vary_bad("x=0.1,0.10", "comes twice");
    check_vary_bad("x=nan,1", "not a number");
    check_vary_bad("x=0x10,1", "not a number");
    check_vary_bad("a..b=1", "not a path");
}

/* Scenario text reaches the terminal report escaped, Markdown escaped, and
 * a result the scenarios do not determine is "-" in both. */
static void test_hostile_text(void)
{
    FILE *f = fopen("tests/golden/tiny.yaml", "rb");
    char text[8192];
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f)
        fclose(f);
    text[n] = '\0';
    const char *t = strstr(text, "title: ");
    const char *eol = t ? strchr(t, '\n') : NULL;
    if (!t || !eol) {
        gsl_test(1, "tiny.yaml has a title line");
        return;
    }
    char yaml[8400];
    snprintf(yaml, sizeof yaml, "%.*stitle: \"A \\e]0;pwn\\a | *b*\"%s", (int)(t - text), text,
             eol);
    dcd_scenario *sc = NULL;
    dcd_results *r = NULL;
    dcd_diags d = {0};
    int rc = dcd_scenario_load_text("esc.yaml", yaml, strlen(yaml), NULL, 0, &sc, &d);
    gsl_test_int(rc, DCD_OK, "a title with an ESC sequence loads");
    if (rc == DCD_OK)
        rc = dcd_project_new(sc, &r, &d);
    if (rc == DCD_OK) {
        dcd_compare_col col = {"esc", sc, r, NULL, 0};
        dcd_compare *c = NULL;
        int years[1] = {2026};
        gsl_test_int(dcd_compare_build(&col, 1, years, 1, NULL, 0, &c), DCD_OK, "builds");
        dcd_buf b = {0};
        dcd_compare_format_text(c, 0, 100, &b);
        gsl_test(strchr(dcd_buf_str(&b), 0x1b) != NULL, "terminal: no ESC byte");
        gsl_test(strstr(dcd_buf_str(&b), "A \\x1B]0;pwn\\x07 | *b*") == NULL,
                 "terminal: the title with \\xNN");
        dcd_buf_clear(&b);
        dcd_compare_format_md(c, 0, NULL, 0, &b);
        gsl_test(strchr(dcd_buf_str(&b), 0x1b) != NULL, "Markdown: no ESC byte");
        gsl_test(strstr(dcd_buf_str(&b), "A  \\]0;pwn  \\| \\*b\\*") == NULL,
                 "Markdown: controls as spaces, | and * escaped");
        gsl_test(strstr(dcd_buf_str(&b), "nan") != NULL, "Markdown: no nan");
        dcd_buf_free(&b);
        dcd_compare_free(c);
    }
    dcd_results_free(r);
    dcd_scenario_free(sc);
    dcd_diags_free(&d);
}

int main(void)
{
    harness_init();
    test_units();
    test_cells();
    test_numbers();
    test_build();
    test_vary();
    test_hostile_text();
    return gsl_test_summary();
}
