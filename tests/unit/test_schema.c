/* test_schema.c - the scenario schema (dcd_schema.h): look-ups by concrete
 * path, and the key tables of docs/scenario-format.md, which must be what the
 * table generates.  After changing the table, regenerate the doc with
 *   UPDATE=1 build/tests/test_schema
 * from the project root and review `git diff docs/scenario-format.md`. */
#include <math.h>
#include <string.h>

#include "dcd_buf.h"
#include "dcd_load.h"
#include "dcd_schema.h"
#include "harness.h"

#define DOC "docs/scenario-format.md"

static void test_lookup(void)
{
    const dcd_key_info *k = dcd_schema_lookup("segments.ai.growth");
    gsl_test(!k, "lookup: segments.ai.growth found");
    if (k) {
        gsl_test_str(k->path, "segments.*.growth", "lookup: growth's pattern");
        gsl_test_int((int)k->type, DCD_KEY_SERIES, "lookup: growth is a series");
        gsl_test_str(k->unit, "fraction/yr", "lookup: growth's unit");
        gsl_test_rel(k->min, -1, 0, "lookup: growth's minimum");
        gsl_test_int(k->min_open, 1, "lookup: growth's minimum is excluded");
        gsl_test_rel(k->max, 10, 0, "lookup: growth's maximum");
        gsl_test(!dcd_schema_in_range(k, 0.15) || dcd_schema_in_range(k, -1) ||
                     dcd_schema_in_range(k, 10.5),
                 "lookup: growth's range test");
        gsl_test(!(k->drivers & DCD_MODE_ENERGY) || !(k->drivers & DCD_MODE_CAP_GROWTH) ||
                     (k->drivers & DCD_MODE_FLEET_SHIP),
                 "lookup: growth belongs to energy and capacity segments only");
    }
    gsl_test(dcd_schema_lookup("segments.ai.growth.2027") != k, "lookup: a series point");
    gsl_test(dcd_schema_lookup("segments.ai.growth.x2027") != NULL, "lookup: not a year");
    k = dcd_schema_lookup("pue");
    gsl_test(!k || strcmp(k->unit, "ratio") != 0 || k->min != 1, "lookup: pue");
    k = dcd_schema_lookup("national.growth");
    gsl_test(!k || strcmp(k->path, "national.growth") != 0, "lookup: national.growth");
    k = dcd_schema_lookup("segments.gpu.lifetime.scale");
    gsl_test(!k || k->type != DCD_KEY_NUMBER || strcmp(k->unit, "years") != 0 || !k->min_open ||
                 k->max != 100,
             "lookup: segments.gpu.lifetime.scale");
    k = dcd_schema_lookup("segments.x.energy_twh");
    gsl_test(!k || strcmp(k->unit, "TWh") != 0 || k->type != DCD_KEY_NUMBER,
             "lookup: segments.x.energy_twh");
    k = dcd_schema_lookup("segments.x.utilisation");
    gsl_test(!k || k->default_value != 1, "lookup: utilisation defaults to 1");
    k = dcd_schema_lookup("expect[3].tolerance");
    gsl_test(!k || strcmp(k->path, "expect[].tolerance") != 0, "lookup: expect[3].tolerance");
    gsl_test(dcd_schema_lookup("segments.x.nonsense") != NULL, "lookup: unknown key");
    gsl_test(dcd_schema_lookup("segments..growth") != NULL, "lookup: empty segment name");
    gsl_test(dcd_schema_lookup("") != NULL || dcd_schema_lookup(NULL) != NULL,
             "lookup: empty path");
    gsl_test(dcd_schema_lookup("segments.ai.growth.2027.1") != NULL, "lookup: below a point");
}

/* Every row: a known type name, a meaning, and for numbers a range that
 * holds its own default. */
static void test_rows(void)
{
    int bad = 0;
    for (size_t i = 0; i < dcd_schema_count(); i++) {
        const dcd_key_info *k = dcd_schema_at(i);
        if (!k->path || !k->unit || !k->meaning || !k->default_text)
            bad++;
        if ((k->type == DCD_KEY_NUMBER || k->type == DCD_KEY_SERIES) && !k->expected)
            bad++;
        if (!isnan(k->default_value) && !dcd_schema_in_range(k, k->default_value))
            bad++;
        if (k->required && !k->missing)
            bad++;
        if (dcd_schema_lookup(k->path) == NULL && !strchr(k->path, '*') && !strchr(k->path, '['))
            bad++;
    }
    gsl_test_int(bad, 0, "every row is complete and holds its default");
    gsl_test(dcd_schema_at(dcd_schema_count()) != NULL, "past the end: NULL");
}

/* A scenario-wide choice states its default twice, as a word (the docs) and
 * as the index the binder sets: the two name the same choice. */
static void test_choice_defaults(void)
{
    int rows = 0;
    for (size_t i = 0; i < dcd_schema_count(); i++) {
        const dcd_key_info *k = dcd_schema_at(i);
        if (k->type != DCD_KEY_CHOICE || k->field != DCD_FIELD_SCENARIO || isnan(k->default_value))
            continue;
        int n = 0;
        while (k->choices[n])
            n++;
        int d = (int)k->default_value;
        char want[64] = "";
        if (d >= 0 && d < n)
            snprintf(want, sizeof want, "`%s`", k->choices[d]);
        gsl_test(strcmp(k->default_text, want) != 0, "%s: default index %d is %s", k->path, d,
                 k->default_text);
        rows++;
    }
    gsl_test(rows < 3, "the scenario-wide choices (timing.*, %d) have a default", rows);
    const dcd_key_info *sv = dcd_schema_row("timing.survival");
    gsl_test(!sv || strcmp(sv->default_text, "`year_mean`") != 0,
             "timing.survival defaults to year_mean");
}

/* The binder uses the rows: a value just outside a row's range is refused
 * with the row's words, and the same value inside is accepted. */
static void test_binding(void)
{
    static const char *const base = "name: t\nyears: {start: 2020, base: 2023, end: 2030}\n"
                                    "national: {total_twh: 4000, growth: 0.02}\n"
                                    "segments:\n  s: {ai: false, driver: energy, "
                                    "energy_twh: 100, growth: 0.03}\n";
    struct {
        const char *set, *path;
        int ok;
    } cases[] = {
        {"segments.s.growth=-1", "segments.s.growth", 0},
        {"segments.s.growth=-0.99", "segments.s.growth", 1},
        {"segments.s.utilisation=1.01", "segments.s.utilisation", 0},
        {"segments.s.utilisation=1", "segments.s.utilisation", 1},
        {"pue=0.99", "pue", 0},
        {"pue=1", "pue", 1},
        {"national.total_twh=0", "national.total_twh", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        dcd_diags d = {0};
        dcd_scenario *sc = NULL;
        const char *sets[] = {cases[i].set};
        int rc = dcd_scenario_load_text("t.yaml", base, strlen(base), sets, 1, &sc, &d);
        gsl_test_int(rc == DCD_OK, cases[i].ok, "bind: %s %s", cases[i].set,
                     cases[i].ok ? "accepted" : "refused");
        if (!cases[i].ok && d.n > 0) {
            const dcd_key_info *k = dcd_schema_lookup(cases[i].path);
            gsl_test(!k || !strstr(d.items[0].message, k->expected),
                     "bind: %s refused in the row's words", cases[i].set);
        }
        dcd_scenario_free(sc);
        dcd_diags_free(&d);
    }
}

/* One segment per mode, so that every segment key has a segment that binds it. */
static const char MODES[] =
    "name: modes\n"
    "years: {start: 2020, base: 2023, end: 2030}\n"
    "national: {total_twh: 4000, growth: 0.02}\n"
    "pue: 1.3\n"
    "cost_per_mw_usd: 1.0e7\n"
    "segments:\n"
    "  e: {ai: false, driver: energy, energy_twh: 100, growth: 0.03}\n"
    "  cg: {ai: true, driver: capacity, capacity_gw: 5, growth: 0.1}\n"
    "  ca: {ai: true, driver: capacity, capacity_gw: 5, additions_gw: 1, lifetime_years: 8}\n"
    "  cc: {ai: true, driver: capacity, capacity_gw: 5, capex_usd: 1.0e10, lifetime_years: 8}\n"
    "  cl: {ai: true, driver: capacity, logistic: {saturation_gw: 50, rate: 0.5, "
    "midpoint_year: 2027}}\n"
    "  fs: {ai: true, driver: fleet, shipments: 1.0e6, unit_power_w: 700,\n"
    "       lifetime: {kind: exponential, years: 5},\n"
    "       installed_base: {capacity_gw: 2, lifetime: 4}}\n"
    "  fc: {ai: true, driver: fleet, capex_usd: 1.0e10, equipment_share: 0.5,\n"
    "       unit_price_usd: 30000, unit_power_w: 700, lifetime: {kind: weibull, scale: 6, "
    "shape: 3}}\n";

/* The segment of MODES that binds row K (a direct segment key or a key
 * below one), or NULL. */
static const char *segment_for(const dcd_key_info *k)
{
    static const struct {
        const char *name;
        unsigned mode;
    } segs[] = {{"e", DCD_MODE_ENERGY},         {"cg", DCD_MODE_CAP_GROWTH},
                {"ca", DCD_MODE_CAP_ADDITIONS}, {"cc", DCD_MODE_CAP_CAPEX},
                {"cl", DCD_MODE_CAP_LOGISTIC},  {"fs", DCD_MODE_FLEET_SHIP},
                {"fc", DCD_MODE_FLEET_CAPEX}};
    char parent[96];
    snprintf(parent, sizeof parent, "%s", k->path);
    const dcd_key_info *p = k;
    while (p && !p->binds && strrchr(parent, '.')) { /* a key below a segment key */
        *strrchr(parent, '.') = '\0';
        p = dcd_schema_row(parent);
    }
    if (!p)
        return NULL;
    if (strcmp(k->path, "segments.*.lifetime.years") == 0)
        return "fs"; /* the exponential lifetime */
    if (strncmp(k->path, "segments.*.lifetime.", 20) == 0)
        return "fc"; /* the Weibull lifetime */
    for (size_t i = 0; i < sizeof segs / sizeof *segs; i++)
        if (p->binds & segs[i].mode)
            return segs[i].name;
    return NULL;
}

/* Every number and series key with a range, set by --set to each bound and
 * just past it in a segment (or at the top level) that binds it: the loader
 * accepts and refuses exactly as its row says, in the row's words. */
static void test_ranges_drive_binding(void)
{
    int checked = 0;
    for (size_t i = 0; i < dcd_schema_count(); i++) {
        const dcd_key_info *k = dcd_schema_at(i);
        if ((k->type != DCD_KEY_NUMBER && k->type != DCD_KEY_SERIES) || strchr(k->path, '[') ||
            strcmp(k->path, "national.other_twh") == 0 ||
            strcmp(k->path, "national.forecast_twh") == 0)
            continue;
        char path[128];
        if (strncmp(k->path, "segments.*.", 11) == 0) {
            const char *seg = segment_for(k);
            if (!seg) {
                gsl_test(1, "ranges: no segment binds %s", k->path);
                continue;
            }
            snprintf(path, sizeof path, "segments.%s.%s", seg, k->path + 11);
        } else {
            snprintf(path, sizeof path, "%s", k->path);
        }
        double tries[4];
        int expect[4], n = 0;
        if (isfinite(k->min)) {
            tries[n] = k->min, expect[n++] = !k->min_open;
            tries[n] = k->min - 0.5, expect[n++] = 0;
        }
        if (isfinite(k->max)) {
            tries[n] = k->max, expect[n++] = !k->max_open;
            tries[n] = k->max + 0.5, expect[n++] = 0;
        }
        for (int j = 0; j < n; j++) {
            char set[192];
            snprintf(set, sizeof set, "%s=%.17g", path, tries[j]);
            const char *sets[] = {set};
            dcd_diags d = {0};
            dcd_scenario *sc = NULL;
            int rc = dcd_scenario_load_text("modes.yaml", MODES, strlen(MODES), sets, 1, &sc, &d);
            gsl_test_int(rc == DCD_OK, expect[j], "ranges: %s %s", set,
                         expect[j] ? "accepted" : "refused");
            if (!expect[j])
                gsl_test(d.n == 0 || !strstr(d.items[0].message, k->expected),
                         "ranges: %s refused in the row's words (%s)", set,
                         d.n ? d.items[0].message : "");
            if (expect[j] && rc != DCD_OK && d.n)
                printf("  (%s)\n", d.items[0].message);
            dcd_scenario_free(sc);
            dcd_diags_free(&d);
            checked++;
        }
    }
    gsl_test(checked < 60, "ranges: %d bounds checked", checked);
}

/* The text between "<!-- schema:NAME -->" and "<!-- schema:end -->" for each
 * table: compared with the generated table, or replaced when UPDATE is set. */
static void test_doc(void)
{
    FILE *f = fopen(DOC, "rb");
    if (!f) {
        printf("SKIP: doc tables: %s not found (run from the project root)\n", DOC);
        return;
    }
    dcd_buf doc = {0}, out = {0};
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        dcd_buf_append(&doc, chunk, got);
    fclose(f);
    const char *text = dcd_buf_str(&doc), *p = text;
    int tables = 0, update = getenv("UPDATE") != NULL, differ = 0;
    const char *open, *from = p;
    while ((open = strstr(from, "<!-- schema:")) != NULL) {
        const char *name = open + 12, *name_end = strstr(name, " -->");
        const char *end = name_end ? strstr(name_end, "<!-- schema:end -->") : NULL;
        if (!name_end || !end || strncmp(name, "end", 3) == 0) {
            gsl_test(1, "doc: schema markers are paired");
            break;
        }
        char table[32];
        snprintf(table, sizeof table, "%.*s", (int)(name_end - name), name);
        const char *body = name_end + 5; /* after " -->\n" */
        dcd_buf gen = {0};
        gsl_test(dcd_schema_doc_table(table, &gen), "doc: table '%s' is generated", table);
        size_t blen = (size_t)(end - body);
        int same = blen == gen.len && memcmp(body, dcd_buf_str(&gen), blen) == 0;
        if (!update)
            gsl_test(!same, "doc: table '%s' matches the schema (UPDATE=1 %s to regenerate)", table,
                     "build/tests/test_schema");
        differ |= !same;
        dcd_buf_append(&out, p, (size_t)(body - p));
        dcd_buf_append(&out, dcd_buf_str(&gen), gen.len);
        dcd_buf_free(&gen);
        p = end;
        from = end + strlen("<!-- schema:end -->");
        tables++;
    }
    dcd_buf_puts(&out, p);
    gsl_test(tables < 8, "doc: every key table is generated (%d found)", tables);
    if (update && differ && !out.failed) {
        FILE *w = fopen(DOC, "wb");
        if (w && fwrite(out.data, 1, out.len, w) == out.len && fclose(w) == 0)
            printf("updated %s\n", DOC);
        else
            gsl_test(1, "doc: cannot write %s", DOC);
    }
    dcd_buf_free(&doc);
    dcd_buf_free(&out);
}

int main(void)
{
    harness_init();
    test_lookup();
    test_rows();
    test_choice_defaults();
    test_binding();
    test_ranges_drive_binding();
    test_doc();
    return gsl_test_summary();
}
