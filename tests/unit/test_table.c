/* test_table.c - one table, terminal, Markdown and CSV back ends
 * (dcd_table.h). */
#include <math.h>
#include <string.h>

#include "dcd_table.h"
#include "harness.h"

static const dcd_table_col COLS[] = {{"name", 0, 0}, {"year", 1, 0}, {"twh", 1, 6}};

static void fill(dcd_table *t)
{
    dcd_table_init(t, COLS, 3);
    dcd_table_text(t, "a|b");
    dcd_table_int(t, 2030);
    dcd_table_num(t, 2.386, DCD_NUM_FIXED, 2);
    dcd_table_text(t, "esc\033[2J");
    dcd_table_int(t, 2035);
    dcd_table_num(t, NAN, DCD_NUM_FIXED, 2);
    dcd_table_text(t, "x,\"y\"");
    dcd_table_int(t, 2040);
    dcd_table_num(t, -0.001, DCD_NUM_FIXED, 1);
}

static void expect(dcd_out_kind kind, const dcd_table_style *st, const char *want, const char *what)
{
    dcd_table t;
    dcd_buf b = {0};
    fill(&t);
    gsl_test_int(dcd_table_write(&t, kind, st, &b), 0, "%s: written", what);
    gsl_test_str(dcd_buf_str(&b), want, "%s", what);
    dcd_buf_free(&b);
    dcd_table_free(&t);
}

int main(void)
{
    harness_init();
    dcd_table t;
    fill(&t);
    gsl_test_int((int)dcd_table_rows(&t), 3, "three rows");
    dcd_table_free(&t);
    gsl_test_int((int)dcd_table_rows(&t), 0, "a freed table is empty");

    expect(DCD_OUT_TERM, NULL,
           "name       year    twh\n"
           "a|b        2030   2.39\n"
           "esc\\x1B[2J 2035      -\n"
           "x,\"y\"      2040    0.0\n",
           "terminal: aligned, escaped, not determined is -, no -0.0");
    dcd_table_style two = {"  ", 1, "> "};
    expect(DCD_OUT_TERM, &two,
           "> name        year     twh\n"
           "> a|b         2030    2.39\n"
           "> esc\\x1B[2J  2035       -\n"
           "> x,\"y\"       2040     0.0\n",
           "terminal: separator and indent");
    expect(DCD_OUT_MD, NULL,
           "| name | year | twh |\n"
           "|---|--:|--:|\n"
           "| a\\|b | 2030 | 2.39 |\n"
           "| esc \\[2J | 2035 | - |\n"
           "| x,\"y\" | 2040 | 0.0 |\n",
           "Markdown: escaped cells (controls as spaces), not padded");
    expect(DCD_OUT_MD, &two,
           "| name     | year |    twh |\n"
           "| -------- | ---: | -----: |\n"
           "| a\\|b     | 2030 |   2.39 |\n"
           "| esc \\[2J | 2035 |      - |\n"
           "| x,\"y\"    | 2040 |    0.0 |\n",
           "Markdown: padded");
    expect(DCD_OUT_CSV, NULL,
           "name,year,twh\n"
           "a|b,2030,2.39\n"
           "esc\033[2J,2035,\n"
           "\"x,\"\"y\"\"\",2040,0.0\n",
           "CSV: quoted, not determined is empty");

    /* A raw Markdown cell (a link) is written as is. */
    static const dcd_table_col one[] = {{"link", 0, 0}};
    dcd_table_init(&t, one, 1);
    dcd_table_raw(&t, "[a](#a)");
    dcd_buf b = {0};
    dcd_table_write(&t, DCD_OUT_MD, NULL, &b);
    gsl_test_str(dcd_buf_str(&b), "| link |\n|---|\n| [a](#a) |\n", "a raw Markdown cell");
    dcd_buf_free(&b);
    dcd_table_free(&t);
    return gsl_test_summary();
}
