/* dcd_report.h - the `report` analysis: every scenario's results and charts,
 * their comparison and an index.md in one folder (model/analysis/report.c).
 *
 * OUT/NAME/ for each scenario (as `run` writes it, with its charts),
 * OUT/compare/ (as `compare` writes it) when there are two or more, and
 * OUT/index.md linking them all with titles, sources and key figures, and
 * OUT/index.html, the same as one self-contained web page with the charts.
 * Every file depends only on the inputs: the same inputs give the same
 * bytes.  docs/compare.md describes the command.
 */
#ifndef DCD_REPORT_H
#define DCD_REPORT_H

#include <stddef.h>

#include "dcd_buf.h"
#include "dcd_check.h"
#include "dcd_compare.h"
#include "dcd_engine.h"
#include "dcd_error.h"
#include "dcd_scenario.h"
#include "dcd_table.h"

/* Options of a report.  Pointers are borrowed for the calls. */
typedef struct dcd_report_opts {
    const int *years; /* years of the key figures and the comparison; NULL/0: defaults */
    size_t nyears;
    const char *const *sets; /* the overrides every scenario was loaded with (for the index) */
    size_t nsets;
    int plots;           /* draw charts */
    const char *version; /* program version written in the files */
} dcd_report_opts;

/* A built report: results of every scenario and their comparison.  Build
 * with dcd_report_build(), free with dcd_report_free() (accepts a zeroed
 * one).  The scenarios are borrowed and must outlive it. */
typedef struct dcd_report {
    size_t n;
    dcd_scenario *const *scs; /* borrowed */
    dcd_results **res;        /* owned, one per scenario */
    char (*labels)[65];       /* each scenario's folder name (dcd_scenario_safe_name) */
    dcd_compare_col *cols;
    dcd_compare *cmp;
    int *drawn;    /* per scenario: its charts were drawn (set by dcd_report_write) */
    dcd_check chk; /* the expect: figures of every scenario (dcd_check.h) */
} dcd_report;

/* Projects the N scenarios of SCS and compares them.  Returns DCD_OK; the
 * projection's status with problems in D; DCD_EUSAGE when O asks for years
 * no scenario has; DCD_ENOMEM.  Free *OUT whatever the result. */
int dcd_report_build(dcd_scenario *const *scs, size_t n, const dcd_report_opts *o, dcd_report *out,
                     dcd_diags *d);

/* Appends index.md of R.  Returns 0 or -1 on OOM. */
int dcd_report_index(const dcd_report *r, const dcd_report_opts *o, dcd_buf *out);

/* A table of the report (index.md and index.html fill it through the same
 * builder and write it through dcd_table.h's Markdown or HTML back end)
 * and the column headings it borrows (the years). */
typedef struct dcd_report_table {
    dcd_table_col cols[3 + DCD_COMPARE_MAX_YEARS + 2];
    char heads[DCD_COMPARE_MAX_YEARS + 2][32];
    dcd_table t;
} dcd_report_table;

/* Fills K with the overview of R: each scenario's folder name as a link to
 * ANCHOR followed by the name (ANCHOR "#" in index.md, "#s-" in
 * index.html, where its section starts), title (or name), years, and
 * data-centre share in the comparison's years to DCD_SIG_DIGITS
 * significant digits.  The caller writes K->t and frees it with
 * dcd_table_free().  Returns 0, or -1 on OOM (K->t to be freed all the
 * same). */
int dcd_report_overview_table(const dcd_report *r, const char *anchor, dcd_report_table *k);

/* Fills K with the key figures of scenario I of R: energy, share,
 * capacity, facility GW, average load, capacity added and capital spending
 * (dcd_compare_metrics, those the scenario determines in some key year) in
 * its base year, the comparison's years and its last year, to
 * DCD_SIG_DIGITS significant digits, labels in the first column.  Freed
 * and failing as dcd_report_overview_table(). */
int dcd_report_key_table(const dcd_report *r, size_t i, dcd_report_table *k);

/* Appends index.html of R: one self-contained page (report_html.c) with
 * the overview, the assumptions that differ, the results, every scenario's
 * sources, key figures and charts, and the check of published figures.
 * The PNG charts are read from the report folder DIR (NULL: none) and
 * embedded as data: URIs; a chart that cannot be read is a note on the
 * page.  No script, no external reference; scenario text escaped by
 * dcd_html_text().  Returns 0 or -1 on OOM. */
int dcd_report_html(const dcd_report *r, const dcd_report_opts *o, const char *dir, dcd_buf *out);

/* Writes the report into DIR (created): each scenario's folder, charts when
 * O->plots, DIR/compare/ for two or more scenarios, then DIR/index.md and
 * DIR/index.html.  The
 * folders written are appended to LOG as "wrote PATH/" lines (for the
 * command to print once everything is written).  A chart failure does not
 * stop the rest.  Returns DCD_OK; DCD_EPLOT when only charts failed (every
 * other file written); DCD_EIO or DCD_ENOMEM; problems in D. */
int dcd_report_write(dcd_report *r, const dcd_report_opts *o, const char *dir, dcd_buf *log,
                     dcd_diags *d);

void dcd_report_free(dcd_report *r);

#endif
