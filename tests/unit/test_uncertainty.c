/* test_uncertainty.c - the `uncertainty:` key: families, modes, dotted and
 * nested paths, correlations, and every located error, with a stub for the
 * scenario's path lookup. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dcd_uncertainty.h"
#include "harness.h"

static dcd_pool pool;

typedef struct stub_input {
    const char *path;
    dcd_input_info info;
} stub_input;

static const stub_input STUB[] = {
    {"segments.ai.growth",
     {DCD_INPUT_SERIES, 0.08, 0.75, -1, 10, 1, 0, "a growth rate in (-1, 10]", NULL}},
    {"segments.ai.growth.2027",
     {DCD_INPUT_POINT, 0.4, 0.4, -1, 10, 1, 0, "a growth rate in (-1, 10]", NULL}},
    {"segments.ai.utilisation",
     {DCD_INPUT_SERIES, 0.7, 0.7, 0, 1, 0, 0, "a fraction in [0, 1]", NULL}},
    {"pue", {DCD_INPUT_SERIES, 1.2, 1.4, 1, 10, 0, 0, "a PUE in [1, 10]", NULL}},
    {"national.total_twh", {DCD_INPUT_NUMBER, 3973, 3973, 0, HUGE_VAL, 1, 0, "a number > 0", NULL}},
    {"segments.conv.capacity_gw",
     {DCD_INPUT_NUMBER, 10.44, 10.44, 0, HUGE_VAL, 0, 0, "a number >= 0", NULL}},
};

static int calls;

static int stub_lookup(void *ctx, const char *path, dcd_input_info *info)
{
    (void)ctx;
    calls++;
    for (size_t i = 0; i < sizeof STUB / sizeof STUB[0]; i++)
        if (strcmp(STUB[i].path, path) == 0) {
            *info = STUB[i].info;
            return 1;
        }
    return 0;
}

/* Parses TEXT and the value of its `uncertainty:` key; diagnostics printed
 * (sorted) into OUT. */
static int parse(const char *text, int with_lookup, dcd_uncertainty *u, char *out, size_t cap)
{
    dcd_diags d = {0};
    dcd_node *root = NULL;
    const char *file = dcd_pool_intern(&pool, "t.yaml");
    int st = dcd_tree_parse(text, strlen(text), file, &root, &d);
    if (st == DCD_OK)
        st = dcd_uncertainty_parse(dcd_map_get(root, "uncertainty"),
                                   with_lookup ? stub_lookup : NULL, NULL, u, &d);
    dcd_diags_sort(&d);
    FILE *f = fmemopen(out, cap, "w");
    dcd_diags_print(&d, f);
    fclose(f);
    dcd_diags_free(&d);
    dcd_node_free(root);
    return st;
}

static const dcd_uncertain *get(const dcd_uncertainty *u, const char *path)
{
    for (size_t i = 0; i < u->n; i++)
        if (strcmp(u->inputs[i].path, path) == 0)
            return &u->inputs[i];
    return NULL;
}

static void test_valid(void)
{
    const char *text =
        "name: x\n"
        "uncertainty:\n"
        "  segments.ai.growth: {dist: triangular, min: 0.8, mode: 1.0, max: 1.3}\n"
        "  segments.ai.growth.2027: {dist: normal, mean: 0.4, sd: 0.05, min: 0.2, max: 0.6}\n"
        "  pue: {dist: uniform, min: -0.05, max: 0.1, mode: shift}\n"
        "  national:\n"
        "    total_twh: {dist: lognormal, median: 3973, sigma: 0.02}\n"
        "  segments:\n"
        "    ai:\n"
        "      utilisation: {dist: pert, min: 0.5, mode: 0.7, max: 0.9, apply: value}\n"
        "    conv:\n"
        "      capacity_gw: {dist: discrete, values: [9, 10.44, 12], weights: [1, 2, 1]}\n"
        "  correlations:\n"
        "    - {inputs: [segments.ai.growth, segments.ai.utilisation], rank: 0.5}\n"
        "    - {inputs: [pue, national.total_twh], rank: -0.3}\n";
    dcd_uncertainty u = {0};
    char out[2048] = "";
    calls = 0;
    gsl_test(parse(text, 1, &u, out, sizeof out), "a valid block parses: %s", out);
    gsl_test(u.n != 6 || calls != 6, "6 inputs, each looked up (%zu, %d)", u.n, calls);
    const dcd_uncertain *g = get(&u, "segments.ai.growth");
    gsl_test(!g || g->apply != DCD_DRAW_SCALE || g->dist.kind != DCD_DIST_TRIANGULAR,
             "a series defaults to scale");
    gsl_test(!g || g->line != 3 || g->column != 3, "located at the key (3:3)");
    const dcd_uncertain *pt = get(&u, "segments.ai.growth.2027");
    gsl_test(!pt || pt->apply != DCD_DRAW_VALUE, "a series point defaults to value");
    gsl_test(!pt || pt->dist.lo != 0.2 || pt->dist.hi != 0.6, "the normal is truncated");
    const dcd_uncertain *pu = get(&u, "pue");
    gsl_test(!pu || pu->apply != DCD_DRAW_SHIFT, "mode: shift");
    const dcd_uncertain *nt = get(&u, "national.total_twh");
    gsl_test(!nt || nt->apply != DCD_DRAW_VALUE, "nested form: national.total_twh, value");
    gsl_test_rel(nt ? dcd_dist_median(&nt->dist) : 0, 3973, 1e-12, "lognormal median 3973");
    const dcd_uncertain *ut = get(&u, "segments.ai.utilisation");
    gsl_test(!ut || ut->apply != DCD_DRAW_VALUE || ut->dist.kind != DCD_DIST_PERT ||
                 ut->dist.b != 0.7,
             "pert: numeric mode is the peak, apply: value the mode");
    const dcd_uncertain *cg = get(&u, "segments.conv.capacity_gw");
    gsl_test(!cg || cg->dist.kind != DCD_DIST_DISCRETE || cg->dist.n != 3, "discrete with weights");
    size_t a = (size_t)(g - u.inputs), b = (size_t)(ut - u.inputs);
    gsl_test(!u.corr || u.corr[a * u.n + b] != 0.5 || u.corr[b * u.n + a] != 0.5 ||
                 u.corr[a * u.n + a] != 1,
             "correlation matrix filled symmetrically");
    dcd_uncertainty_free(&u);
    gsl_test(u.n || u.inputs, "freed and emptied");

    /* without a lookup: format only, modes stay default */
    gsl_test(parse("uncertainty: {nowhere.at.all: {dist: uniform, min: 1, max: 2}}\n", 0, &u, out,
                   sizeof out),
             "without a lookup any well-formed path passes");
    gsl_test(u.n != 1 || u.inputs[0].apply != DCD_DRAW_DEFAULT, "mode left default");
    dcd_uncertainty_free(&u);
}

static void test_apply(void)
{
    double lo, hi;
    dcd_apply_range(DCD_DRAW_SCALE, -0.2, 0.75, 0.8, 1.3, &lo, &hi);
    gsl_test(lo != -0.2 * 1.3 || hi != 0.75 * 1.3, "scale range of a series with negatives");
    dcd_apply_range(DCD_DRAW_SCALE, 0, 0.75, -HUGE_VAL, HUGE_VAL, &lo, &hi);
    gsl_test(lo != -HUGE_VAL || hi != HUGE_VAL, "unbounded scale");
    dcd_apply_range(DCD_DRAW_SHIFT, 1.2, 1.4, -0.1, 0.1, &lo, &hi);
    gsl_test_rel(lo, 1.1, 1e-15, "shift range low");
    gsl_test_rel(hi, 1.5, 1e-15, "shift range high");
    gsl_test_rel(dcd_apply_draw(DCD_DRAW_SCALE, 0.4, 1.25), 0.5, 1e-15, "scale draw");
    gsl_test_rel(dcd_apply_draw(DCD_DRAW_SHIFT, 1.3, -0.05), 1.25, 1e-15, "shift draw");
    gsl_test_rel(dcd_apply_draw(DCD_DRAW_VALUE, 1.3, 2.385), 2.385, 0, "value draw");
}

static void test_errors(void)
{
    const char *text =
        "uncertainty:\n"
        "  segments.ai.growth: {dist: gaussian, mean: 1, sd: 0.1}\n"
        "  segments.ai.growth.2027: {dist: uniform, min: 0.5, max: 0.3}\n"
        "  pue: {dist: normal, mean: 0, sd: 0.05, mode: shift}\n"
        "  segments.ai.utilisation: {dist: uniform, min: 0.9, max: 1.2, mode: value}\n"
        "  segments.nope.growth: {dist: uniform, min: 0.9, max: 1.1}\n"
        "  national.total_twh: {dist: triangular, min: 3900, max: 4100}\n"
        "  segments.conv.capacity_gw: {dist: uniform, min: 9, max: \"12\", colour: red}\n"
        "  segments.ai: 3\n"
        "  bad path!: {dist: uniform, min: 0, max: 1}\n"
        "  segments:\n"
        "    ai:\n"
        "      growth: {dist: uniform, min: 0.9, max: 1.1, mode: sideways}\n"
        "  x.y: {dist: lognormal, median: 2, mean: 2, sigma: 0.1}\n"
        "  x.z: {dist: discrete, values: [1, 2, 2]}\n"
        "  x.w: {dist: discrete, values: [1, 2], weights: [1]}\n"
        "  correlations:\n"
        "    - {inputs: [x.z, missing.input], rank: 0.5}\n"
        "    - {inputs: [x.w, x.w], rank: 1.5}\n";
    dcd_uncertainty u = {0};
    char out[8192] = "";
    gsl_test(parse(text, 1, &u, out, sizeof out) != DCD_EINPUT, "errors: refused");
    gsl_test(u.n || u.inputs, "errors: nothing kept");
    const char *expect =
        "t.yaml:2:30: error: uncertainty.segments.ai.growth.dist: expected uniform, triangular, "
        "pert, normal, lognormal or discrete, found text 'gaussian'\n"
        "t.yaml:3:28: error: uncertainty.segments.ai.growth.2027: min (0.5) must be less than "
        "max (0.3)\n"
        "t.yaml:4:3: error: uncertainty.pue: the draws (shift) can reach -inf, outside the "
        "input's range: expected a PUE in [1, 10]; narrow the distribution or truncate it with "
        "min and max\n"
        "t.yaml:5:3: error: uncertainty.segments.ai.utilisation: the draws (value) can reach "
        "1.2, outside the input's range: expected a fraction in [0, 1]; narrow the "
        "distribution or truncate it with min and max\n"
        "t.yaml:6:3: error: uncertainty.segments.nope.growth: names no input of the scenario\n"
        "t.yaml:7:23: error: uncertainty.national.total_twh: missing key 'mode' (a triangular "
        "distribution takes min, mode and max)\n"
        "t.yaml:8:59: error: uncertainty.segments.conv.capacity_gw.max: expected a number, "
        "found quoted text \"12\" (write numbers without quotes)\n"
        "t.yaml:8:65: error: unknown key 'colour' in uncertainty.segments.conv.capacity_gw (a "
        "uniform distribution takes min and max)\n"
        "t.yaml:9:16: error: uncertainty.segments.ai: expected a distribution such as {dist: "
        "uniform, min: 0.8, max: 1.2}, found text\n"
        "t.yaml:10:3: error: uncertainty.bad path!: not an input path (keys separated by dots, "
        "such as segments.ai.growth)\n"
        "t.yaml:13:57: error: uncertainty.segments.ai.growth.mode: expected scale, shift or "
        "value, found text 'sideways'\n"
        "t.yaml:14:8: error: uncertainty.x.y: a lognormal distribution takes median or mu with "
        "sigma, or mean and sd; optionally min and max\n"
        "t.yaml:15:8: error: uncertainty.x.z: value 2 appears twice\n"
        "t.yaml:16:50: error: uncertainty.x.w.weights: 1 weights for 2 values\n"
        "t.yaml:18:22: error: uncertainty.correlations[0].inputs: 'missing.input' has no "
        "distribution under uncertainty\n"
        "t.yaml:19:34: error: uncertainty.correlations[1].rank: 1.5 is out of range: expected a "
        "rank correlation in (-1, 1)\n";
    int differ = strcmp(out, expect) != 0;
    if (differ)
        printf("got:\n%s", out);
    gsl_test(differ, "errors: every message, located as expected");
}

static void test_more_errors(void)
{
    dcd_uncertainty u = {0};
    char out[4096] = "";
    const char *cases[][2] = {
        {"uncertainty: [a]\n",
         "t.yaml:1:14: error: uncertainty: expected a mapping of input paths to distributions, "
         "such as {segments.ai.growth: {dist: uniform, min: 0.8, max: 1.2}}, found a list\n"},
        {"uncertainty: {correlations: []}\n",
         "t.yaml:1:14: error: uncertainty: give at least one uncertain input\n"},
        {"uncertainty:\n  pue: {dist: uniform, min: 0, max: 0.1, mode: shift}\n"
         "  segments.ai:\n    growth: {dist: uniform, min: 0.9, max: 1.1}\n"
         "  segments.ai.growth: {dist: uniform, min: 0.9, max: 1.2}\n",
         "t.yaml:5:3: error: uncertainty.segments.ai.growth: given twice (first at line 4)\n"},
        {"uncertainty:\n  pue: {dist: uniform, min: 0, max: 0.1, mode: shift}\n"
         "  national.total_twh: {dist: uniform, min: 3900, max: 4000}\n"
         "  segments.ai.growth: {dist: uniform, min: 0.9, max: 1.2}\n"
         "  correlations:\n"
         "    - {inputs: [pue, national.total_twh], rank: 0.9}\n"
         "    - {inputs: [pue, segments.ai.growth], rank: 0.9}\n"
         "    - {inputs: [national.total_twh, segments.ai.growth], rank: -0.9}\n",
         "t.yaml:5:3: error: uncertainty.correlations: the correlations are not consistent with "
         "each other (the matrix is not positive definite): weaken some of them\n"},
        {"uncertainty:\n  pue: {dist: normal, mean: 0, sd: 1, min: 0, max: 0.1, mode: shift, "
         "apply: shift}\n",
         "t.yaml:2:70: error: uncertainty.pue: give the mode once (apply: or mode:)\n"},
        {"uncertainty:\n  national.total_twh: {dist: pert, min: 3900, mode: 4000, max: 4100, "
         "lambda: -1}\n",
         "t.yaml:2:23: error: uncertainty.national.total_twh: lambda (-1) must lie in (0, 20] "
         "(4 is the classic PERT)\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        out[0] = '\0';
        int st = parse(cases[i][0], 1, &u, out, sizeof out);
        int bad = st != DCD_EINPUT || strcmp(out, cases[i][1]) != 0;
        if (bad)
            printf("got: %s", out);
        gsl_test(bad, "error case %zu: %.60s...", i, cases[i][1]);
        dcd_uncertainty_free(&u);
    }
}

int main(void)
{
    harness_init();
    test_valid();
    test_apply();
    test_errors();
    test_more_errors();
    dcd_pool_free(&pool);
    return gsl_test_summary();
}
