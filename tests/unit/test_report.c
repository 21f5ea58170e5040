/* test_report.c - the report analysis through its API (dcd_report.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dcd_report.h"
#include "harness.h"

/* Writes the LEN bytes of DATA to PATH; 0 on success. */
static int put_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = fwrite(data, 1, len, f);
    return fclose(f) == 0 && n == len ? 0 : -1;
}

/* Number of times NEEDLE occurs in S. */
static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The web page embeds a regular PNG of the report folder OUT, never one
 * reached through a link, and notes a missing one. */
static void test_pictures(dcd_report *r, dcd_report_opts *o, const char *dir, const char *out)
{
    static const char png[] = "\x89PNG\r\n\x1a\nfake picture";
    char share[512], energy[512], elsewhere[512];
    snprintf(share, sizeof share, "%s/%s/share.png", out, r->labels[0]);
    snprintf(energy, sizeof energy, "%s/%s/energy.png", out, r->labels[0]);
    snprintf(elsewhere, sizeof elsewhere, "%s/elsewhere.png", dir);
    gsl_test(put_file(energy, png, sizeof png - 1) != 0 ||
                 put_file(elsewhere, png, sizeof png - 1) != 0 || symlink(elsewhere, share) != 0,
             "pictures: set up");
    r->drawn[0] = 1;
    o->plots = 1;
    dcd_buf b = {0};
    gsl_test_int(dcd_report_html(r, o, out, &b), 0, "html with pictures builds");
    const char *s = dcd_buf_str(&b);
    gsl_test_int((int)count(s, "src=\"data:image/png;base64,iVBORw0KGgpmYWtlIHBpY3R1cmU=\""), 1,
                 "the regular PNG is embedded, in base64, once");
    gsl_test(strstr(s, "Chart not available: tiny: share chart.") == NULL,
             "a link in place of a chart is a note, not a picture");
    gsl_test(strstr(s, "Chart not available: tiny: load chart.") == NULL,
             "a missing chart is a note");
    gsl_test_int((int)count(s, "Charts not drawn"), 1,
                 "a scenario whose charts were not drawn says so, once");
    r->drawn[0] = 0;
    o->plots = 0;
    dcd_buf_free(&b);
}

static int exists(const char *dir, const char *name)
{
    char p[512];
    struct stat st;
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return stat(p, &st) == 0;
}

int main(void)
{
    harness_init();
    const char *files[2] = {"tests/golden/tiny.yaml", "tests/golden/tiny-child.yaml"};
    dcd_scenario *scs[2] = {NULL, NULL};
    dcd_diags d = {0};
    for (int i = 0; i < 2; i++)
        gsl_test_int(dcd_scenario_load(files[i], NULL, 0, &scs[i], &d), DCD_OK, "%s loads",
                     files[i]);
    if (!scs[0] || !scs[1])
        return gsl_test_summary();

    /* Years no scenario has: a usage error. */
    int far[1] = {2199};
    dcd_report_opts o = {far, 1, NULL, 0, 0, "test"};
    dcd_report r = {0};
    gsl_test_int(dcd_report_build(scs, 2, &o, &r, &d), DCD_EUSAGE, "years no scenario has");
    dcd_report_free(&r);

    int years[2] = {2024, 2026};
    o.years = years;
    o.nyears = 2;
    gsl_test_int(dcd_report_build(scs, 2, &o, &r, &d), DCD_OK, "two scenarios build");
    gsl_test_int((int)r.n, 2, "two columns");
    gsl_test(r.res[0] == NULL || r.res[1] == NULL, "every scenario projected");
    gsl_test_int((int)r.cmp->nyears, 2, "the comparison has the asked-for years");

    dcd_buf idx = {0};
    gsl_test_int(dcd_report_index(&r, &o, &idx), 0, "index.md builds");
    const char *s = dcd_buf_str(&idx);
    gsl_test(strncmp(s, "# Data-centre electricity: scenario report\n", 43) != 0, "a title");
    gsl_test(strstr(s, "Written by dcdemand test from 2 scenarios") == NULL,
             "the version and the count");
    gsl_test(strstr(s, "| DC share 2024 (%) | DC share 2026 (%) |") == NULL,
             "an overview column per year");
    gsl_test(strstr(s, "compare/compare.md") == NULL, "links the comparison");
    gsl_test(strstr(s, "](tiny/summary.csv)") == NULL, "links a scenario's results");
    gsl_test(strstr(s, "nan") != NULL, "no nan");
    gsl_test(strstr(s, ".png") != NULL, "no charts without plots");

    /* The overview: one builder, a link per scenario to ANCHOR + name in
     * Markdown and in HTML, the same cells otherwise. */
    dcd_report_table ov;
    dcd_buf md = {0}, ht = {0};
    gsl_test_int(dcd_report_overview_table(&r, "#x-", &ov), 0, "the overview builds");
    gsl_test_int((int)dcd_table_rows(&ov.t), 2, "the overview: a row per scenario");
    dcd_table_write(&ov.t, DCD_OUT_MD, NULL, &md);
    dcd_table_write(&ov.t, DCD_OUT_HTML, NULL, &ht);
    dcd_table_free(&ov.t);
    char want[256];
    snprintf(want, sizeof want, "| [%s](#x-%s) |", r.labels[0], r.labels[0]);
    gsl_test(strstr(dcd_buf_str(&md), want) == NULL, "the overview in Markdown links %s",
             r.labels[0]);
    snprintf(want, sizeof want, "<td><a href=\"#x-%s\">%s</a></td>", r.labels[1], r.labels[1]);
    gsl_test(strstr(dcd_buf_str(&ht), want) == NULL, "the overview in HTML links %s", r.labels[1]);
    gsl_test(strstr(dcd_buf_str(&md), "| DC share 2024 (%) | DC share 2026 (%) |") == NULL,
             "the overview: a column per year");
    dcd_buf_free(&md);
    dcd_buf_free(&ht);

    dcd_buf html = {0};
    gsl_test_int(dcd_report_html(&r, &o, NULL, &html), 0, "index.html builds");
    const char *hs = dcd_buf_str(&html);
    gsl_test(strncmp(hs, "<!DOCTYPE html>\n", 16) != 0, "html: a document");
    gsl_test(strstr(hs, "</html>\n") == NULL, "html: complete");
    gsl_test(strstr(hs, "<script") != NULL, "html: no script");
    gsl_test(strstr(hs, "<img") != NULL, "html: no picture without plots");
    gsl_test(strstr(hs, "<h3>Assumptions that differ</h3>") == NULL,
             "html: assumptions that differ");
    gsl_test(strstr(hs, "<td>Data centres, average facility load</td>") == NULL,
             "html: average load among the key figures");
    gsl_test(strstr(hs, "nan") != NULL, "html: no nan");
    dcd_buf_free(&html);

    char dir[] = "/tmp/dcd-test-report-XXXXXX";
    if (!mkdtemp(dir)) {
        fprintf(stderr, "SKIP: report write: cannot create a temporary folder\n");
    } else {
        dcd_buf log = {0};
        char out[64];
        snprintf(out, sizeof out, "%s/rep", dir);
        gsl_test_int(dcd_report_write(&r, &o, out, &log, &d), DCD_OK, "the report is written");
        gsl_test(!exists(out, "index.md"), "index.md written");
        gsl_test(!exists(out, "index.html"), "index.html written");
        gsl_test(!exists(out, "compare/compare.md"), "compare/compare.md written");
        gsl_test(!exists(out, "tiny/summary.csv"), "tiny/summary.csv written");
        gsl_test(strstr(dcd_buf_str(&log), "/index.md\n") == NULL, "the log lists index.md");
        test_pictures(&r, &o, dir, out);
        dcd_buf_free(&log);
        char cmd[128];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        gsl_test(system(cmd) != 0, "clean up");
    }
    dcd_buf_free(&idx);
    dcd_report_free(&r);
    for (int i = 0; i < 2; i++)
        dcd_scenario_free(scs[i]);
    dcd_diags_free(&d);
    return gsl_test_summary();
}
