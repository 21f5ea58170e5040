/* fuzz_compare.c - libFuzzer harness over `dcdemand compare`: the
 * comparison of two scenarios (dcd_compare_build), its terminal, CSV and
 * Markdown formatters and its overlay chart scripts (dcd_compare.h,
 * dcd_plot_overlay.h), with fuzzed names, titles and labels.
 *
 * Built and run by `make fuzz` (corpus in tests/fuzz/corpus_compare/).  The
 * input is lines: the two column labels, the first scenario's name and
 * title, the second's name and title, a line of option bytes (result
 * years, diff-only, terminal width), then the rest: the YAML text of the
 * second scenario (loaded from memory, as b.yaml of a sandbox folder that
 * also holds a small a.yaml to extend; when it does not load, a fixed small
 * scenario is used), so its assumptions (study, case, segment names,
 * series) reach the tables too.  Empty labels become "a" and "b".
 *
 * Checks: the terminal text holds no raw control character (C0 but the
 * newline, DEL, C1 as UTF-8); every CSV record (RFC 4180 quoting) has the
 * header's 9 fields; every row of a Markdown table has the column count of
 * its header; every overlay script holds a $TEXT datablock of exactly 4 + 2
 * lines and, outside its datablocks, is byte for byte the script built with
 * placeholder labels and titles (no fuzzed byte reaches a gnuplot command).
 * A crash, a sanitizer report, a leak or an abort is a finding.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <gsl/gsl_errno.h>

#include "dcd_compare.h"
#include "dcd_engine.h"
#include "dcd_load.h"
#include "fuzz_sandbox.h"
#include "fuzz_script.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char BASE_A[] = "name: a\n"
                             "sources: [made up]\n"
                             "years: {start: 2020, base: 2021, end: 2024}\n"
                             "national: {total_twh: 100, growth: 0.01}\n"
                             "pue: 1.4\n"
                             "segments:\n"
                             "  ai: {ai: true, driver: energy, energy_twh: 1, growth: 0.1}\n"
                             "  conv: {ai: false, driver: capacity, capacity_gw: 1, growth: 0.02,"
                             " utilisation: 0.5, idle: 0.3}\n";
static const char BASE_B[] = "name: b\n"
                             "study: s\n"
                             "sources: [made up]\n"
                             "years: {start: 2021, base: 2022, end: 2026}\n"
                             "national: {total_twh: 120, growth: {2022: 0.01, 2025: 0.02}}\n"
                             "pue: 1.3\n"
                             "segments:\n"
                             "  ai: {ai: true, driver: energy, energy_twh: 2, growth: 0.2}\n";
static char sandbox[200], file_a[260], file_b[260];
static dcd_scenario *sc_a, *sc_b0;
static dcd_results *r_a, *r_b0;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gsl_set_error_handler_off();
    snprintf(sandbox, sizeof sandbox, "%s", fuzz_sandbox_make("compare"));
    snprintf(file_a, sizeof file_a, "%s/a.yaml", sandbox);
    snprintf(file_b, sizeof file_b, "%s/b.yaml", sandbox);
    FILE *f = fopen(file_a, "wb"); /* for `extends: a.yaml` in the input */
    if (!f || fputs(BASE_A, f) == EOF || fclose(f) != 0)
        abort();
    dcd_diags d = {0};
    if (dcd_scenario_load_text(file_a, BASE_A, sizeof BASE_A - 1, NULL, 0, &sc_a, &d) ||
        dcd_scenario_load_text(file_b, BASE_B, sizeof BASE_B - 1, NULL, 0, &sc_b0, &d) ||
        dcd_project_new(sc_a, &r_a, &d) || dcd_project_new(sc_b0, &r_b0, &d))
        abort();
    return 0;
}

static char *next_line(const char **p, const char *end)
{
    const char *s = *p;
    const char *nl = s < end ? memchr(s, '\n', (size_t)(end - s)) : NULL;
    const char *e = nl ? nl : end;
    size_t len = s < end ? (size_t)(e - s) : 0;
    char *out = malloc(len + 1);
    if (!out)
        abort();
    if (len)
        memcpy(out, s, len);
    out[len] = '\0';
    *p = nl ? nl + 1 : end;
    return out;
}

static void check_terminal(const dcd_buf *b)
{
    const unsigned char *s = (const unsigned char *)b->data;
    for (size_t i = 0; i < b->len; i++) {
        if ((s[i] < 0x20 && s[i] != '\n') || s[i] == 0x7f)
            abort(); /* a raw C0 control character or DEL */
        if (s[i] == 0xC2 && i + 1 < b->len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
            abort(); /* a raw C1 control character */
    }
}

/* RFC 4180: every record has the header's number of fields. */
static void check_csv(const dcd_buf *b)
{
    const char *p = b->data, *end = b->data + b->len;
    long want = -1, fields = 1;
    if (!b->len || end[-1] != '\n')
        abort();
    while (p < end) {
        if (*p == '"') {
            for (p++;; p++) {
                if (p >= end)
                    abort(); /* an unterminated quote */
                if (*p == '"') {
                    if (p + 1 < end && p[1] == '"')
                        p++;
                    else
                        break;
                }
            }
            p++;
            if (p < end && *p != ',' && *p != '\n')
                abort(); /* text after a closing quote */
            continue;
        }
        if (*p == ',')
            fields++;
        else if (*p == '\n') {
            if (want < 0)
                want = fields;
            else if (fields != want)
                abort();
            fields = 1;
        } else if (*p == '\r')
            abort();
        p++;
    }
    if (want != 9)
        abort();
}

/* Unescaped '|' in the line at P of LEN bytes. */
static long pipes(const char *p, size_t len)
{
    long n = 0;
    for (size_t i = 0; i < len; i++) {
        if (p[i] == '\\' && i + 1 < len)
            i++;
        else if (p[i] == '|')
            n++;
    }
    return n;
}

static void check_md(const dcd_buf *b)
{
    long want = -1;
    for (const char *p = b->data, *end = b->data + b->len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (len && p[0] == '|') {
            long n = pipes(p, len);
            if (want < 0)
                want = n;
            else if (n != want)
                abort(); /* a row with another column count than its header */
        } else
            want = -1;
        for (size_t i = 0; i < len; i++)
            if ((unsigned char)p[i] < 0x20 && p[i] != '\t')
                abort();
        p += len + 1;
    }
}

static void check_overlays(const dcd_compare *c)
{
    dcd_overlay_series s[2], ref[2];
    for (size_t j = 0; j < 2; j++) {
        const dcd_compare_col *col = &c->cols[j];
        s[j] = (dcd_overlay_series){col->label, col->sc->title ? col->sc->title : col->sc->name,
                                    col->r, NULL, 0};
        ref[j] = (dcd_overlay_series){j ? "L2" : "L1", j ? "T2" : "T1", col->r, NULL, 0};
    }
    dcd_plot_opts o;
    dcd_plot_opts_default(&o);
    dcd_buf b = {0}, rb = {0}, c1 = {0}, c2 = {0};
    for (int k = 0; k < DCD_OVERLAY_NCHART; k++) {
        dcd_buf_clear(&b);
        dcd_buf_clear(&rb);
        if (dcd_overlay_script(s, 2, k, &o, 0, &b) != DCD_OK ||
            dcd_overlay_script(ref, 2, k, &o, 0, &rb) != DCD_OK)
            abort();
        if (text_lines(dcd_buf_str(&b)) < 0)
            abort(); /* the $TEXT block ended early or late */
        dcd_buf_clear(&c1);
        dcd_buf_clear(&c2);
        command_shape(dcd_buf_str(&b), &c1);
        command_shape(dcd_buf_str(&rb), &c2);
        if (c1.len != c2.len || memcmp(c1.data, c2.data, c1.len) != 0)
            abort(); /* fuzzed text outside the datablocks */
    }
    dcd_buf_free(&b);
    dcd_buf_free(&rb);
    dcd_buf_free(&c1);
    dcd_buf_free(&c2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    char *line[7];
    for (int i = 0; i < 7; i++)
        line[i] = next_line(&p, end);
    dcd_scenario *sc_b = NULL;
    dcd_results *r_b = NULL;
    if (p < end) {
        dcd_diags d = {0};
        if (dcd_scenario_load_text(file_b, p, (size_t)(end - p), NULL, 0, &sc_b, &d) == DCD_OK &&
            dcd_project_new(sc_b, &r_b, &d) != DCD_OK) {
            dcd_scenario_free(sc_b);
            sc_b = NULL;
        }
        dcd_diags_free(&d);
    }
    dcd_scenario *scs[2] = {sc_a, sc_b ? sc_b : sc_b0};
    char *keep_name[2], *keep_title[2];
    for (int j = 0; j < 2; j++) {
        keep_name[j] = scs[j]->name;
        keep_title[j] = scs[j]->title;
        scs[j]->name = line[2 + 2 * j];
        scs[j]->title = line[3 + 2 * j][0] ? line[3 + 2 * j] : NULL;
    }
    const char *opt = line[6];
    size_t nopt = strlen(opt);
    int years[2], nyears = nopt ? (unsigned char)opt[0] % 3 : 0;
    for (int i = 0; i < nyears; i++)
        years[i] = 2015 + (nopt > (size_t)(1 + i) ? (unsigned char)opt[1 + i] % 20 : i);
    int diff_only = nopt > 3 && (opt[3] & 1);
    int width = nopt > 4 ? 20 + (unsigned char)opt[4] : 100;
    const char *sets[1] = {"pue=1.4"};
    const char *label0 = line[0][0] ? line[0] : "a";
    dcd_compare_col cols[2] = {
        {label0, scs[0], r_a, NULL, 0},
        {line[1][0] ? line[1] : "b", scs[1], sc_b ? r_b : r_b0, sets, 1},
    };
    if (!strcmp(cols[0].label, cols[1].label))
        cols[1].label = strcmp(cols[0].label, "b") ? "b" : "c";
    dcd_compare *c = NULL;
    int rc = dcd_compare_build(cols, 2, nyears ? years : NULL, (size_t)nyears, sets, 1, &c);
    if (rc == DCD_OK) {
        dcd_buf b = {0};
        if (dcd_compare_format_text(c, diff_only, width, &b) != 0)
            abort();
        check_terminal(&b);
        dcd_buf_clear(&b);
        if (dcd_compare_format_csv(c, &b) != 0)
            abort();
        check_csv(&b);
        dcd_buf_clear(&b);
        dcd_compare_chart links[DCD_OVERLAY_NCHART];
        size_t nlinks = dcd_compare_chart_links(c, links);
        if (dcd_compare_format_md(c, diff_only, links, nlinks, &b) != 0)
            abort();
        check_md(&b);
        dcd_buf_free(&b);
        check_overlays(c);
    } else if (rc != DCD_EUSAGE || !nyears || c)
        abort(); /* only asked-for years that no column has may refuse */
    dcd_compare_free(c);
    for (int j = 0; j < 2; j++) {
        scs[j]->name = keep_name[j];
        scs[j]->title = keep_title[j];
    }
    dcd_results_free(r_b);
    dcd_scenario_free(sc_b);
    for (int i = 0; i < 7; i++)
        free(line[i]);
    return 0;
}
