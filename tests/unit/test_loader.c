/* test_loader.c - the YAML tree, the scenario loader, safe names, SHA-256.
 *
 * Scenarios are loaded from memory (dcd_scenario_load_text) where possible;
 * the extends tests write small files into a scratch folder. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dcd_load.h"
#include "dcd_sha256.h"
#include "dcd_tree.h"
#include "harness.h"

static dcd_pool pool;

static dcd_node *parse(const char *text, dcd_diags *d)
{
    dcd_node *root = NULL;
    const char *file = dcd_pool_intern(&pool, "t.yaml");
    int rc = dcd_tree_parse(text, strlen(text), file, &root, d);
    if (rc != DCD_OK && root) {
        dcd_node_free(root);
        root = NULL;
    }
    return root;
}

/* The text of the scalar at dotted PATH under ROOT, or NULL. */
static const char *text_at(const dcd_node *root, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    const dcd_node *n = root;
    for (char *k = strtok(buf, "."); k && n; k = strtok(NULL, "."))
        n = dcd_map_get(n, k);
    return n && n->kind == DCD_NODE_SCALAR ? n->text : NULL;
}

static const char *str_or(const char *s)
{
    return s ? s : "(null)";
}

/* ---- tree ---------------------------------------------------------------- */

static void test_parse(void)
{
    dcd_diags d = {0};
    dcd_node *r = parse("name: x\n"
                        "years: {start: 2020, end: 2030}\n"
                        "quoted: \"12\"\n"
                        "empty:\n"
                        "tilde: ~\n"
                        "list: [a, b, c]\n",
                        &d);
    gsl_test(r == NULL, "parse: a mapping parses");
    gsl_test_int((int)d.n, 0, "parse: no diagnostics");
    if (!r)
        return;
    gsl_test_int(r->kind, DCD_NODE_MAP, "parse: root is a mapping");
    gsl_test_int((int)r->n, 6, "parse: six keys");
    gsl_test_str(r->keys[1]->text, "years", "parse: keys keep file order");
    const dcd_node *y = dcd_map_get(r, "years");
    gsl_test_int(y->line, 2, "parse: line of a flow mapping");
    gsl_test_int(y->column, 8, "parse: column of a flow mapping");
    const dcd_node *end = dcd_map_get(y, "end");
    gsl_test_str(end->text, "2030", "parse: nested scalar text");
    gsl_test_int(end->column, 27, "parse: column of a nested scalar");
    gsl_test_int(end->plain, 1, "parse: plain scalar is plain");
    gsl_test_int(dcd_map_get(r, "quoted")->plain, 0, "parse: quoted scalar is not plain");
    gsl_test_int(dcd_map_get(r, "empty")->kind, DCD_NODE_NULL, "parse: empty value is null");
    gsl_test_int(dcd_map_get(r, "tilde")->kind, DCD_NODE_NULL, "parse: ~ is null");
    const dcd_node *l = dcd_map_get(r, "list");
    gsl_test_int(l->kind, DCD_NODE_SEQ, "parse: flow list");
    gsl_test_int((int)l->n, 3, "parse: three items");
    gsl_test_int(l->vals[2]->column, 14, "parse: column of a list item");
    gsl_test(dcd_map_get(r, "nope") != NULL, "parse: missing key gives NULL");
    gsl_test_int((int)dcd_map_index(r, "tilde"), 4, "parse: index of a key");
    dcd_node_free(r);

    r = parse("", &d);
    gsl_test(r != NULL || d.n != 0, "parse: empty text gives no root and no error");
    r = parse("# only a comment\n", &d);
    gsl_test(r != NULL || d.n != 0, "parse: comments only give no root");
    dcd_diags_free(&d);
}

static void test_parse_errors(void)
{
    dcd_diags d = {0};
    dcd_node *r = parse("a: 1\nb: 2\na: 3\n", &d);
    gsl_test(r != NULL, "duplicate key: refused");
    gsl_test_int((int)d.n, 1, "duplicate key: one diagnostic");
    if (d.n) {
        gsl_test_int(d.items[0].line, 3, "duplicate key: line of the second");
        gsl_test_int(d.items[0].column, 1, "duplicate key: column");
        gsl_test(strstr(d.items[0].message, "first at line 1") == NULL,
                 "duplicate key: names the first (%s)", d.items[0].message);
    }
    dcd_diags_free(&d);

    r = parse("a: 1\n---\nb: 2\n", &d);
    gsl_test(r != NULL, "second document: refused");
    gsl_test(d.n != 1 || d.items[0].line != 2, "second document: reported at its '---'");
    dcd_diags_free(&d);

    r = parse("a: [1, 2\n", &d);
    gsl_test(r != NULL || d.n != 1, "unclosed bracket: one diagnostic");
    dcd_diags_free(&d);

    r = parse("a: \"x\n", &d);
    gsl_test(r != NULL || d.n != 1 || d.items[0].line != 1 || d.items[0].column != 4,
             "unclosed quote: reported at the opening quote");
    dcd_diags_free(&d);

    r = parse("a: 1\n\tb: 2\n", &d);
    gsl_test(r != NULL || d.n != 1 || strstr(d.items[0].message, "tab") == NULL,
             "tab indentation: a message about tabs");
    dcd_diags_free(&d);

    dcd_node *root = NULL;
    const char *file = dcd_pool_intern(&pool, "t.yaml");
    static const char nul[] = "a: x\0y\n";
    int rc = dcd_tree_parse(nul, sizeof nul - 1, file, &root, &d);
    gsl_test_int(rc, DCD_EINPUT, "NUL byte: refused");
    gsl_test(d.n != 1 || d.items[0].line != 1 || d.items[0].column != 5,
             "NUL byte: located at the byte (1:5)");
    dcd_diags_free(&d);

    r = parse("a: b: c\n", &d);
    gsl_test(r != NULL || d.n != 1, "mapping value in a plain scalar: refused");
    dcd_diags_free(&d);

    r = parse("? [x, y]\n: 1\n", &d);
    gsl_test(r != NULL || d.n != 1, "list as a key: refused");
    dcd_diags_free(&d);

    r = parse("a: *nope\n", &d);
    gsl_test(r != NULL || d.n != 1, "alias without anchor: refused");
    dcd_diags_free(&d);
}

static void test_limits(void)
{
    dcd_diags d = {0};
    /* Nesting: the root is level 0; levels up to DCD_TREE_MAX_DEPTH pass. */
    char deep[400];
    for (int extra = 0; extra < 2; extra++) {
        int n = DCD_TREE_MAX_DEPTH + extra; /* lists under the root */
        size_t k = (size_t)sprintf(deep, "a: ");
        for (int i = 0; i < n; i++)
            deep[k++] = '[';
        for (int i = 0; i < n; i++)
            deep[k++] = ']';
        deep[k] = '\0';
        dcd_node *r = parse(deep, &d);
        if (extra == 0) {
            gsl_test(r == NULL || d.n != 0, "depth: %d nested lists under the root pass", n);
        } else {
            gsl_test(r != NULL, "depth: %d nested lists under the root are refused", n);
            gsl_test(d.n != 1 || strstr(d.items[0].message, "nesting deeper") == NULL,
                     "depth: message names the nesting");
        }
        dcd_node_free(r);
        dcd_diags_free(&d);
    }
    dcd_node *r;

    /* Alias bomb: 10^7 nodes once expanded; refused at the node limit. */
    dcd_buf b = {0};
    dcd_buf_puts(&b, "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 8; i++) {
        dcd_buf_printf(&b, "l%d: &l%d [", i, i);
        for (int j = 0; j < 10; j++)
            dcd_buf_printf(&b, "%s*l%d", j ? ", " : "", i - 1);
        dcd_buf_puts(&b, "]\n");
    }
    r = parse(b.data, &d);
    gsl_test(r != NULL, "alias bomb: refused");
    gsl_test(d.n != 1 || strstr(d.items[0].message, "too large") == NULL,
             "alias bomb: message names the size");
    dcd_diags_free(&d);
    dcd_buf_free(&b);

    /* A small alias is expanded into a copy. */
    r = parse("a: &p {x: 1, y: [2, 3]}\nb: *p\n", &d);
    gsl_test(r == NULL, "alias: accepted");
    if (r) {
        const dcd_node *bb = dcd_map_get(r, "b");
        gsl_test(bb == NULL || bb == dcd_map_get(r, "a"), "alias: a separate copy");
        gsl_test_str(str_or(text_at(r, "b.x")), "1", "alias: copy holds the values");
        gsl_test_int(bb ? bb->line : 0, 2, "alias: copy is located at the alias");
    }
    dcd_node_free(r);
    dcd_diags_free(&d);
}

static void test_merge(void)
{
    dcd_diags d = {0};
    dcd_node *base = parse("name: base\n"
                           "national: {total_twh: 100, growth: 0.02}\n"
                           "pue: {2020: 1.5, 2030: 1.3}\n"
                           "segments:\n"
                           "  a: {ai: true, growth: 0.1}\n"
                           "  b: {ai: false}\n"
                           "gone: 1\n",
                           &d);
    dcd_node *over = parse("name: child\n"
                           "national: {growth: 0.03}\n"
                           "pue: {2025: 1.4}\n"
                           "segments:\n"
                           "  a: {growth: 0.2}\n"
                           "  b: ~\n"
                           "gone: ~\n"
                           "new: {k: v}\n",
                           &d);
    gsl_test(!base || !over, "merge: inputs parse");
    if (!base || !over) {
        dcd_node_free(base);
        dcd_node_free(over);
        return;
    }
    gsl_test(dcd_tree_merge(base, over), "merge: succeeds");
    gsl_test_str(str_or(text_at(base, "name")), "child", "merge: scalar replaced");
    gsl_test_str(str_or(text_at(base, "national.total_twh")), "100", "merge: inherited nested key");
    gsl_test_str(str_or(text_at(base, "national.growth")), "0.03", "merge: nested key replaced");
    const dcd_node *pue = dcd_map_get(base, "pue");
    gsl_test_int(pue ? (int)pue->n : -1, 1, "merge: a series is replaced whole");
    gsl_test_str(str_or(text_at(base, "pue.2025")), "1.4", "merge: the new series");
    gsl_test_str(str_or(text_at(base, "segments.a.ai")), "true", "merge: segment key inherited");
    gsl_test_str(str_or(text_at(base, "segments.a.growth")), "0.2", "merge: segment key replaced");
    gsl_test(dcd_map_get(dcd_map_get(base, "segments"), "b") != NULL, "merge: ~ removes a segment");
    gsl_test(dcd_map_get(base, "gone") != NULL, "merge: ~ removes a key");
    gsl_test_str(str_or(text_at(base, "new.k")), "v", "merge: new key added");
    gsl_test_str(base->keys[base->n - 1]->text, "new", "merge: new keys go last");
    gsl_test_str(base->keys[0]->text, "name", "merge: replaced keys keep their place");
    dcd_node_free(base);
    dcd_diags_free(&d);
}

static void test_series_detection(void)
{
    dcd_diags d = {0};
    dcd_node *r = parse("s: {2020: 1, 2030: 2}\n"
                        "t: {interpolation: step, 2020: 1}\n"
                        "m: {a: 1}\n"
                        "e: {}\n",
                        &d);
    gsl_test(r == NULL, "series detection: parses");
    if (r) {
        gsl_test_int(dcd_node_is_series(dcd_map_get(r, "s")), 1, "series: year keys");
        gsl_test_int(dcd_node_is_series(dcd_map_get(r, "t")), 1, "series: with interpolation");
        gsl_test_int(dcd_node_is_series(dcd_map_get(r, "m")), 0, "series: word keys are not");
        gsl_test_int(dcd_node_is_series(dcd_map_get(r, "e")), 0, "series: empty is not");
    }
    dcd_node_free(r);
    dcd_diags_free(&d);
}

static void test_emit(void)
{
    dcd_diags d = {0};
    const char *src = "name: x\nt: \"12\"\nl:\n- a\n- b\ns: {2020: 1.5, 2030: 1.25}\n";
    dcd_node *r = parse(src, &d);
    dcd_buf out = {0};
    gsl_test(!r || dcd_tree_emit(r, &out) != 0, "emit: succeeds");
    gsl_test(strstr(dcd_buf_str(&out), "t: \"12\"") == NULL, "emit: quoted text stays quoted");
    gsl_test(strstr(dcd_buf_str(&out), "s: {2020: 1.5, 2030: 1.25}") == NULL,
             "emit: a series in flow style");
    /* Round trip: the emitted text parses to the same emitted text. */
    dcd_node *again = parse(dcd_buf_str(&out), &d);
    dcd_buf out2 = {0};
    gsl_test(!again || dcd_tree_emit(again, &out2) != 0, "emit: round trip parses");
    gsl_test_str(dcd_buf_str(&out2), dcd_buf_str(&out), "emit: round trip is stable");
    dcd_node_free(r);
    dcd_node_free(again);
    dcd_buf_free(&out);
    dcd_buf_free(&out2);
    dcd_diags_free(&d);
}

/* ---- scenarios ----------------------------------------------------------- */

static const char TINY[] = "name: tiny\n"
                           "years: {start: 2020, base: 2022, end: 2026}\n"
                           "national: {total_twh: 500, growth: 0.01}\n"
                           "pue: 1.4\n"
                           "segments:\n"
                           "  e:\n"
                           "    ai: false\n"
                           "    driver: energy\n"
                           "    energy_twh: 12.5\n"
                           "    growth: {2026: -0.01, 2022: 0.02, interpolation: step}\n"
                           "  c:\n"
                           "    ai: true\n"
                           "    driver: capacity\n"
                           "    capacity_gw: 2.385\n"
                           "    growth: 0.08\n"
                           "    utilisation: {2020: 0.5, 2026: 0.7}\n";

static int load(const char *text, const char *const *sets, size_t nsets, dcd_scenario **sc,
                dcd_diags *d)
{
    return dcd_scenario_load_text("mem.yaml", text, strlen(text), sets, nsets, sc, d);
}

static void test_load(void)
{
    dcd_diags d = {0};
    dcd_scenario *sc = NULL;
    int rc = load(TINY, NULL, 0, &sc, &d);
    gsl_test_int(rc, DCD_OK, "load: tiny loads");
    gsl_test_int((int)d.n, 0, "load: no diagnostics");
    if (!sc)
        return;
    gsl_test_str(sc->name, "tiny", "load: name");
    gsl_test_int(sc->start, 2020, "load: start");
    gsl_test_int(sc->base, 2022, "load: base");
    gsl_test_int(sc->end, 2026, "load: end");
    gsl_test_int((int)dcd_scenario_years(sc), 7, "load: number of years");
    gsl_test_int(sc->national.mode, DCD_NATIONAL_TOTAL, "load: national mode");
    gsl_test_rel(sc->national.base_twh, 500, 0, "load: national total");
    gsl_test_int((int)sc->nsegments, 2, "load: two segments");
    gsl_test_str(sc->segments[0].name, "e", "load: segments in file order");
    const dcd_series *g = &sc->segments[0].growth;
    gsl_test_int((int)g->n, 2, "series: two points (interpolation is not a point)");
    gsl_test_int(g->interp, DCD_INTERP_STEP, "series: interpolation key read");
    if (g->n == 2) {
        gsl_test_rel(g->year[0], 2022, 0, "series: points sorted by year");
        gsl_test_rel(g->value[1], -0.01, 0, "series: value of the later point");
    }
    const dcd_segment *c = &sc->segments[1];
    gsl_test_int(c->driver, DCD_DRIVER_CAPACITY, "load: capacity driver");
    gsl_test_int(c->capacity_mode, DCD_CAP_GROWTH, "load: capacity from growth");
    gsl_test_rel(c->capacity_gw, 2.385, 0, "load: capacity_gw");
    gsl_test_int((int)c->growth.n, 1, "series: a number is a constant series");
    gsl_test_int(c->utilisation.interp, DCD_INTERP_LINEAR, "series: linear by default");
    gsl_test_int(c->ai, 1, "load: ai flag");
    gsl_test_int((int)sc->pue.n, 1, "load: fleet-wide pue");
    gsl_test_int((int)strlen(sc->checksum_hex), 64, "load: checksum has 64 hex digits");
    char sum[65];
    memcpy(sum, sc->checksum_hex, sizeof sum);
    dcd_scenario_free(sc);

    /* --set: a number, a series point, a new key, a removal. */
    const char *sets[] = {"segments.c.growth=0.1", "segments.c.utilisation.2023=0.9",
                          "segments.c.idle=0.25",  "pue=~",
                          "segments.c.pue=1.2",    "segments.e.basis=facility"};
    rc = load(TINY, sets, 6, &sc, &d);
    gsl_test_int(rc, DCD_OK, "--set: loads");
    if (sc) {
        c = &sc->segments[1];
        gsl_test_rel(c->growth.value[0], 0.1, 0, "--set: number replaced");
        gsl_test_int((int)c->utilisation.n, 3, "--set: series point added");
        gsl_test_rel(dcd_series_at(&c->utilisation, 2023), 0.9, 0, "--set: the new point");
        gsl_test_rel(dcd_series_at(&c->idle, 2024), 0.25, 0, "--set: new key created");
        gsl_test_int((int)sc->pue.n, 0, "--set: ~ removes a key");
        gsl_test_rel(c->pue.value[0], 1.2, 0, "--set: segment pue");
        gsl_test(strcmp(sc->checksum_hex, sum) == 0, "--set: changes the checksum");
    }
    dcd_scenario_free(sc);

    /* --set mistakes. */
    const char *bad[] = {"segments.c.growth",
                         "segments.c.growth=",
                         "name.x=1",
                         "segments.c.utilisation=1.5",
                         "=1",
                         "a..b=1"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        rc = load(TINY, &bad[i], 1, &sc, &d);
        gsl_test_int(rc, DCD_EINPUT, "--set '%s' refused", bad[i]);
        gsl_test(sc != NULL, "--set '%s': no scenario", bad[i]);
        gsl_test(d.n != 1 || strcmp(d.items[0].file, "--set[1]") != 0 || d.items[0].line != 1 ||
                     d.items[0].column < 1,
                 "--set '%s': one diagnostic located in --set[1]", bad[i]);
        dcd_diags_free(&d);
    }
}

static void test_load_errors(void)
{
    dcd_diags d = {0};
    dcd_scenario *sc = NULL;
    /* Several errors in one file, all reported. */
    const char *text = "name: x\n"
                       "years: {start: 2020, end: 2030}\n"
                       "national: {total_twh: 100, growth: 0.02, grwth: 1}\n"
                       "segments:\n"
                       "  a: {ai: maybe, driver: energy, energy_twh: -1, growth: 0}\n";
    int rc = load(text, NULL, 0, &sc, &d);
    gsl_test_int(rc, DCD_EINPUT, "errors: refused");
    gsl_test(sc != NULL, "errors: no scenario");
    gsl_test_int((int)d.n, 3, "errors: three diagnostics");
    dcd_diags_sort(&d);
    if (d.n == 3) {
        gsl_test_int(d.items[0].line, 3, "errors: first on line 3");
        gsl_test_int(d.items[0].column, 42, "errors: at the unknown key");
        gsl_test(strstr(d.items[0].message, "did you mean 'growth'") == NULL,
                 "errors: did-you-mean hint");
        gsl_test_int(d.items[1].column, 11, "errors: then the bool (5:11)");
        gsl_test_int(d.items[2].column, 46, "errors: then the energy (5:46)");
        gsl_test_str(d.items[2].file, "mem.yaml", "errors: file named as given");
    }
    dcd_diags_free(&d);

    /* Quoted numbers and non-finite numbers are refused. */
    rc = load("name: x\nyears: {start: 2020, end: \"2030\"}\n", NULL, 0, &sc, &d);
    gsl_test_int(rc, DCD_EINPUT, "quoted year refused");
    dcd_diags_free(&d);
    const char *nonfinite[] = {".inf", "-.inf", ".nan", "1e999", "-1e999"};
    for (size_t i = 0; i < 5; i++) {
        char buf[400];
        snprintf(buf, sizeof buf,
                 "name: x\nyears: {start: 2020, end: 2030}\n"
                 "national: {total_twh: 100, growth: %s}\n"
                 "segments: {a: {ai: false, driver: energy, energy_twh: 1, growth: 0}}\n",
                 nonfinite[i]);
        rc = load(buf, NULL, 0, &sc, &d);
        gsl_test_int(rc, DCD_EINPUT, "growth %s refused", nonfinite[i]);
        gsl_test(d.n != 1 || strstr(d.items[0].message, "not a finite number") == NULL,
                 "growth %s: says 'not a finite number'", nonfinite[i]);
        dcd_diags_free(&d);
    }
}

/* Writes TEXT to DIR/NAME. */
static void put(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void test_extends(void)
{
    char dir[] = "/tmp/dcd-test-loader.XXXXXX";
    if (!mkdtemp(dir)) {
        gsl_test(1, "extends: scratch folder");
        return;
    }
    put(dir, "base.yaml", TINY);
    put(dir, "child.yaml",
        "extends: base.yaml\n"
        "name: child\n"
        "national: {growth: 0.03}\n"
        "segments:\n"
        "  e: ~\n"
        "  c: {growth: 0.2}\n");
    put(dir, "grandchild.yaml", "extends: child.yaml\nname: grandchild\n");
    put(dir, "loop-a.yaml", "extends: loop-b.yaml\nname: a\n");
    put(dir, "loop-b.yaml", "extends: loop-a.yaml\nname: b\n");
    char path[600];
    dcd_diags d = {0};
    dcd_scenario *sc = NULL;

    snprintf(path, sizeof path, "%s/grandchild.yaml", dir);
    int rc = dcd_scenario_load(path, NULL, 0, &sc, &d);
    gsl_test_int(rc, DCD_OK, "extends: a chain of three loads");
    if (sc) {
        gsl_test_str(sc->name, "grandchild", "extends: last name wins");
        gsl_test_rel(sc->national.base_twh, 500, 0, "extends: inherited through two files");
        gsl_test_rel(sc->national.growth.value[0], 0.03, 0, "extends: nested key replaced");
        gsl_test_int((int)sc->nsegments, 1, "extends: ~ removed a segment");
        gsl_test_str(sc->segments[0].name, "c", "extends: the remaining segment");
        gsl_test_rel(sc->segments[0].growth.value[0], 0.2, 0, "extends: segment key replaced");
        gsl_test_rel(sc->segments[0].capacity_gw, 2.385, 0, "extends: segment key inherited");
        gsl_test(dcd_map_get(sc->tree, "extends") != NULL, "extends: key not in the result");
    }
    dcd_scenario_free(sc);

    snprintf(path, sizeof path, "%s/loop-a.yaml", dir);
    rc = dcd_scenario_load(path, NULL, 0, &sc, &d);
    gsl_test_int(rc, DCD_EINPUT, "extends: a cycle is refused");
    gsl_test(d.n != 1 || strstr(d.items[0].message, "extends cycle") == NULL,
             "extends: the cycle is named");
    gsl_test(d.n != 1 || d.items[0].line != 1 || d.items[0].column != 10,
             "extends: reported at the extends value");
    dcd_diags_free(&d);

    rc = dcd_scenario_load_text("mem.yaml", "extends: nowhere.yaml\n", 22, NULL, 0, &sc, &d);
    gsl_test_int(rc, DCD_EINPUT, "extends: a missing file is refused");
    dcd_diags_free(&d);

    const char *names[] = {"base.yaml", "child.yaml", "grandchild.yaml", "loop-a.yaml",
                           "loop-b.yaml"};
    for (size_t i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        remove(path);
    }
    rmdir(dir);
}

/* `extends:` naming a FIFO, a device or a directory is refused at the
 * extends value, without blocking (before, a FIFO blocked forever: the alarm
 * turns a hang into a failed test). */
static void test_extends_special_files(void)
{
    char dir[] = "/tmp/dcd-test-special.XXXXXX";
    if (!mkdtemp(dir)) {
        gsl_test(1, "special files: scratch folder");
        return;
    }
    char fifo[600], path[600];
    snprintf(fifo, sizeof fifo, "%s/fifo.yaml", dir);
    int have_fifo = mkfifo(fifo, 0600) == 0;
    put(dir, "sub.yaml", TINY);
    struct {
        const char *target, *kind;
    } cases[] = {{"fifo.yaml", "a FIFO"}, {"/dev/null", "a device"}, {".", "a directory"}};
    alarm(30);
    for (size_t i = 0; i < 3; i++) {
        if (i == 0 && !have_fifo) {
            printf("SKIP: special files: mkfifo failed\n");
            continue;
        }
        char text[128];
        snprintf(text, sizeof text, "extends: %s\nname: x\n", cases[i].target);
        put(dir, "child.yaml", text);
        snprintf(path, sizeof path, "%s/child.yaml", dir);
        dcd_diags d = {0};
        dcd_scenario *sc = NULL;
        int rc = dcd_scenario_load(path, NULL, 0, &sc, &d);
        gsl_test_int(rc, DCD_EINPUT, "special files: extends: %s is refused", cases[i].kind);
        gsl_test(d.n != 1 || d.items[0].line != 1 || d.items[0].column != 10 ||
                     !strstr(d.items[0].message, "not a regular file") ||
                     !strstr(d.items[0].message, cases[i].kind),
                 "special files: %s named at the extends value (%s)", cases[i].kind,
                 d.n ? d.items[0].message : "no message");
        dcd_scenario_free(sc);
        dcd_diags_free(&d);
    }
    alarm(0);
    remove(fifo);
    snprintf(path, sizeof path, "%s/child.yaml", dir);
    remove(path);
    snprintf(path, sizeof path, "%s/sub.yaml", dir);
    remove(path);
    rmdir(dir);
}

/* YAML tags: !!str is text like quotes (a !!str number is refused like a
 * quoted one); other tags are refused at the tag. */
static void test_tags(void)
{
    dcd_diags d = {0}, q = {0};
    dcd_scenario *sc = NULL;
    const char *sets_tag[] = {"pue=!!str 1.3"}, *sets_quoted[] = {"pue=\"1.3\""};
    int rc = load(TINY, sets_tag, 1, &sc, &d);
    gsl_test_int(rc, DCD_EINPUT, "tags: !!str 1.3 is refused as a number");
    dcd_scenario_free(sc);
    rc = load(TINY, sets_quoted, 1, &sc, &q);
    gsl_test(d.n == 0 || d.n != q.n || strcmp(d.items[0].message, q.items[0].message) != 0,
             "tags: refused exactly like \"1.3\" (%s)", d.n ? d.items[0].message : "");
    dcd_scenario_free(sc);
    dcd_diags_free(&d);
    dcd_diags_free(&q);

    const char *title[] = {"title=!!str 2024"};
    rc = load(TINY, title, 1, &sc, &d);
    gsl_test_int(rc, DCD_OK, "tags: !!str text is accepted");
    if (sc) {
        gsl_test_str(str_or(sc->title), "2024", "tags: !!str 2024 is the text 2024");
        dcd_buf out = {0};
        dcd_scenario_emit(sc, "t", &out);
        gsl_test(!strstr(dcd_buf_str(&out), "title: \"2024\""),
                 "tags: emitted quoted, so it reads back as text");
        dcd_buf_free(&out);
    }
    dcd_scenario_free(sc);
    dcd_diags_free(&d);

    const char *others[] = {"!!float 1.3",
                            "!!int 1",
                            "!custom 1",
                            "!!map {a: 1}",
                            "!!seq [1]",
                            "!!null ~",
                            "!<tag:example.com,2000:x> 1"};
    for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
        char set[64];
        snprintf(set, sizeof set, "pue=%s", others[i]);
        const char *sets[] = {set};
        rc = load(TINY, sets, 1, &sc, &d);
        gsl_test_int(rc, DCD_EINPUT, "tags: %s is refused", others[i]);
        gsl_test(d.n != 1 || !strstr(d.items[0].message, "is not supported") ||
                     d.items[0].column != 5,
                 "tags: %s refused at the tag (%s)", others[i], d.n ? d.items[0].message : "");
        dcd_scenario_free(sc);
        dcd_diags_free(&d);
    }
}

/* 50,000 distinct --set overrides apply (in linear time since the label pool
 * and large maps are hashed: before, 40,000 took about 50 s); the last value
 * given for a key wins, and 150 bad options stop after 100 with a note. */
static void test_many_sets(void)
{
    enum { N = 50000 };
    char **sets = calloc(N, sizeof *sets);
    int ok = sets != NULL;
    for (size_t i = 0; ok && i < N; i++) {
        sets[i] = malloc(48);
        ok = sets[i] != NULL;
        if (!ok)
            break;
        if (i % 2 == 0) /* distinct values for one key */
            snprintf(sets[i], 48, "segments.c.utilisation=0.%06zu", i);
        else /* distinct paths: removing keys that are not there changes nothing */
            snprintf(sets[i], 48, "segments.c.note_%zu=~", i);
    }
    gsl_test(!ok, "many sets: built %d options", N);
    dcd_diags d = {0};
    dcd_scenario *sc = NULL;
    int rc = ok ? load(TINY, (const char *const *)sets, N, &sc, &d) : DCD_ENOMEM;
    gsl_test_int(rc, DCD_OK, "many sets: %d overrides load", N);
    if (sc) {
        gsl_test_int((int)sc->segments[1].utilisation.n, 1, "many sets: utilisation is a constant");
        gsl_test_rel(sc->segments[1].utilisation.value[0], (N - 2) / 1e6, 1e-15,
                     "many sets: the last value wins");
        gsl_test(dcd_map_get(dcd_map_get(dcd_map_get(sc->tree, "segments"), "c"), "note_1") != NULL,
                 "many sets: removals of absent keys add nothing");
    }
    dcd_scenario_free(sc);
    dcd_diags_free(&d);

    /* distinct new keys: a map of 50,000 keys is built, then refused (100 errors) */
    for (size_t i = 0; ok && i < N; i++)
        snprintf(sets[i], 48, "k%zu=1", i);
    rc = ok ? load(TINY, (const char *const *)sets, N, &sc, &d) : DCD_ENOMEM;
    gsl_test_int(rc, DCD_EINPUT, "many sets: %d unknown keys are refused", N);
    gsl_test_int((int)d.n, 101, "many sets: 100 errors and a note");
    dcd_diags_free(&d);

    for (size_t i = 0; ok && i < 150; i++)
        snprintf(sets[i], 48, "bad%zu", i);
    rc = ok ? load(TINY, (const char *const *)sets, 150, &sc, &d) : DCD_ENOMEM;
    gsl_test_int(rc, DCD_EINPUT, "many sets: 150 malformed options are refused");
    gsl_test(d.n != 101 || !strstr(d.items[100].message, "stopped reading --set options"),
             "many sets: reported up to 100, then a note");
    dcd_diags_free(&d);
    for (size_t i = 0; sets && i < N; i++)
        free(sets[i]);
    free(sets);
}

/* Large maps are hashed: put, get, replace and remove agree with a scan. */
static void test_map_index(void)
{
    dcd_node *m = dcd_node_new(DCD_NODE_MAP, NULL, "f", 1, 1);
    char key[32];
    int bad = m == NULL;
    for (int i = 0; m && i < 1000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        dcd_node *k = dcd_node_new(DCD_NODE_SCALAR, key, "f", 1, 1),
                 *v = dcd_node_new(DCD_NODE_SCALAR, key, "f", 1, 1);
        bad |= !k || !v || dcd_map_put(m, k, v) != 0;
        if (i % 3 == 0) { /* replace: the key keeps its place */
            k = dcd_node_new(DCD_NODE_SCALAR, key, "f", 1, 1);
            v = dcd_node_new(DCD_NODE_SCALAR, "again", "f", 1, 1);
            bad |= !k || !v || dcd_map_put(m, k, v) != 0;
        }
    }
    for (int i = 0; m && i < 1000; i += 7) {
        snprintf(key, sizeof key, "k%d", i);
        dcd_map_remove(m, key);
    }
    for (int i = 0; m && i < 1000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        size_t at = dcd_map_index(m, key);
        if (i % 7 == 0) {
            bad |= at != (size_t)-1;
            continue;
        }
        bad |= at == (size_t)-1 || strcmp(m->keys[at]->text, key) != 0;
        bad |= at != (size_t)-1 && strcmp(m->vals[at]->text, i % 3 == 0 ? "again" : key) != 0;
    }
    gsl_test(bad, "map index: 1000 keys put, replaced, removed and found");
    gsl_test(!m || m->n != 1000 - 143, "map index: %zu keys left", m ? m->n : 0);
    dcd_node_free(m);
}

/* TINY with a description of LEN 'x's, plus EXTRA (may be ""). */
static char *with_description(size_t len, const char *extra)
{
    size_t tl = strlen(TINY), el = strlen(extra);
    char *s = malloc(tl + len + el + 64);
    if (!s)
        return NULL;
    memcpy(s, TINY, tl);
    size_t k = tl + (size_t)sprintf(s + tl, "description: &d ");
    memset(s + k, 'x', len);
    k += len;
    s[k++] = '\n';
    memcpy(s + k, extra, el + 1);
    return s;
}

/* Saves SC with dcd_scenario_emit() in DIR/saved.yaml and loads that file
 * back.  Returns the saved size, or 0 when it did not load. */
static size_t saved_loads_back(const dcd_scenario *sc, const char *dir)
{
    char path[600];
    snprintf(path, sizeof path, "%s/saved.yaml", dir);
    dcd_buf out = {0};
    size_t size = 0;
    if (dcd_scenario_emit(sc, "test", &out) == 0) {
        FILE *f = fopen(path, "wb");
        if (f && fwrite(out.data, 1, out.len, f) == out.len && fclose(f) == 0) {
            dcd_diags d = {0};
            dcd_scenario *back = NULL;
            if (dcd_scenario_load(path, NULL, 0, &back, &d) == DCD_OK)
                size = out.len;
            dcd_scenario_free(back);
            dcd_diags_free(&d);
        }
    }
    dcd_buf_free(&out);
    remove(path);
    return size;
}

/* What `run` saves as scenario.yaml always loads back: a scenario whose
 * saved form would pass the 16 MiB file limit (an alias doubling a 9 MiB
 * text; before, it loaded and its scenario.yaml was then refused) is refused
 * at load, and one whose saved form just fits loads back. */
static void test_emit_limit(void)
{
    char dir[] = "/tmp/dcd-test-limit.XXXXXX";
    if (!mkdtemp(dir)) {
        gsl_test(1, "emit limit: scratch folder");
        return;
    }
    dcd_diags d = {0};
    dcd_scenario *sc = NULL;
    char *text = with_description(9u << 20, "title: *d\n");
    int rc = text ? load(text, NULL, 0, &sc, &d) : DCD_ENOMEM;
    gsl_test_int(rc, DCD_EINPUT, "emit limit: an 18 MiB resolved scenario is refused");
    gsl_test(d.n != 1 || !strstr(d.items[0].message, "more than the 16777216") ||
                 d.items[0].line != 1 || d.items[0].column != 1,
             "emit limit: said at the document (%s)", d.n ? d.items[0].message : "");
    if (sc)
        gsl_test(saved_loads_back(sc, dir) == 0, "emit limit: or else it loads back");
    dcd_scenario_free(sc);
    dcd_diags_free(&d);
    free(text);

    /* The largest description that fits: the saved size grows by one byte
     * per 'x' (a plain word is never folded). */
    text = with_description(1, "");
    rc = text ? load(text, NULL, 0, &sc, &d) : DCD_ENOMEM;
    size_t one = rc == DCD_OK ? saved_loads_back(sc, dir) : 0;
    gsl_test(one == 0, "emit limit: a small scenario loads back (%zu bytes)", one);
    dcd_scenario_free(sc);
    free(text);
    size_t header = strlen("# Resolved scenario (extends and --set applied), written by "
                           "dcdemand test\n# Input SHA-256: \n") +
                    64;
    size_t fit = DCD_SCENARIO_MAX_FILE_BYTES - DCD_SCENARIO_EMIT_HEADER_MAX - (one - header) + 1;
    for (size_t extra = 0; one && extra < 2; extra++) {
        text = with_description(fit + extra, "");
        rc = text ? load(text, NULL, 0, &sc, &d) : DCD_ENOMEM;
        if (extra == 0) {
            gsl_test_int(rc, DCD_OK, "emit limit: a scenario saved in 16 MiB - 256 bytes loads");
            size_t size = sc ? saved_loads_back(sc, dir) : 0;
            gsl_test(size == 0 || size > DCD_SCENARIO_MAX_FILE_BYTES,
                     "emit limit: and its saved form (%zu bytes) loads back", size);
        } else {
            gsl_test_int(rc, DCD_EINPUT, "emit limit: one byte more is refused");
        }
        dcd_scenario_free(sc);
        sc = NULL;
        dcd_diags_free(&d);
        free(text);
    }
    rmdir(dir);
}

/* ---- safe names ---------------------------------------------------------- */

static void test_safe_names(void)
{
    static const char *const cases[][2] = {
        {"mckinsey-2024", "mckinsey-2024"},
        {"EPRI 2024 / High", "epri-2024-high"},
        {"../../evil", "evil"},
        {"/etc/passwd", "etc-passwd"},
        {"..", "scenario"},
        {"", "scenario"},
        {"---", "scenario"},
        {".hidden", "hidden"},
        {"a..b", "a..b"},
        {"trailing.", "trailing"},
        {"caf\xc3\xa9", "caf"},
        {"x\ny", "x-y"},
        {"$(rm -rf /)", "rm-rf"},
    };
    dcd_scenario sc;
    memset(&sc, 0, sizeof sc);
    char out[65];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        sc.name = (char *)cases[i][0];
        dcd_scenario_safe_name(&sc, out);
        gsl_test_str(out, cases[i][1], "safe name, case %zu", i + 1);
    }
    char longname[200];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    sc.name = longname;
    dcd_scenario_safe_name(&sc, out);
    gsl_test_int((int)strlen(out), 64, "safe name: at most 64 bytes");
    sc.name = NULL;
    dcd_scenario_safe_name(&sc, out);
    gsl_test_str(out, "scenario", "safe name: no name");
}

/* ---- SHA-256 --------------------------------------------------------------- */

static void sha_hex(const void *data, size_t len, char hex[65])
{
    dcd_sha256 c;
    dcd_sha256_init(&c);
    dcd_sha256_update(&c, data, len);
    dcd_sha256_hex(&c, hex);
}

static void test_sha256(void)
{
    char hex[65];
    sha_hex("abc", 3, hex);
    gsl_test_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                 "sha256(\"abc\")");
    sha_hex("", 0, hex);
    gsl_test_str(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                 "sha256(\"\")");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sha_hex(two, strlen(two), hex);
    gsl_test_str(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                 "sha256 of the 448-bit FIPS vector");
    /* One million 'a', fed in uneven pieces. */
    dcd_sha256 c;
    dcd_sha256_init(&c);
    char a[997];
    memset(a, 'a', sizeof a);
    size_t left = 1000000;
    while (left > 0) {
        size_t n = left < sizeof a ? left : sizeof a;
        dcd_sha256_update(&c, a, n);
        left -= n;
    }
    dcd_sha256_hex(&c, hex);
    gsl_test_str(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
                 "sha256 of a million 'a' in pieces");
    /* Block boundaries: 55, 56, 63 and 64 bytes differ from each other. */
    char h55[65], h56[65];
    sha_hex(a, 55, h55);
    sha_hex(a, 56, h56);
    gsl_test(strcmp(h55, h56) == 0, "sha256: 55 and 56 bytes differ");
    gsl_test_str(h56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a",
                 "sha256 of 56 'a' (padding spills into a second block)");
}

int main(void)
{
    harness_init();
    test_parse();
    test_parse_errors();
    test_limits();
    test_merge();
    test_series_detection();
    test_emit();
    test_load();
    test_load_errors();
    test_extends();
    test_extends_special_files();
    test_tags();
    test_many_sets();
    test_map_index();
    test_emit_limit();
    test_safe_names();
    test_sha256();
    dcd_pool_free(&pool);
    exit(gsl_test_summary());
}
