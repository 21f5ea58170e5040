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

/* T written for KIND into a string compared with WANT; frees T. */
static void expect_table(dcd_table *t, dcd_out_kind kind, const dcd_table_style *st,
                         const char *want, const char *what)
{
    dcd_buf b = {0};
    gsl_test_int(dcd_table_write(t, kind, st, &b), 0, "%s: written", what);
    gsl_test_str(dcd_buf_str(&b), want, "%s", what);
    dcd_buf_free(&b);
    dcd_table_free(t);
}

/* Wrapped cells: a greatest width per column, breaks after a list item's
 * comma, else at a space, else cut; continuation lines. */
static void test_wrap(void)
{
    static const dcd_table_col cols[] = {{"key", 0, 0}, {"value", 0, 0}, {"n", 1, 0}};
    static const dcd_table_style two = {"  ", 0, NULL};
    dcd_table t;

    dcd_table_init(&t, cols, 3);
    gsl_test_int(dcd_table_wrap(&t, 1, 12), 0, "wrap: a column limit is set");
    gsl_test_int(dcd_table_wrap(&t, 3, 12), -1, "wrap: no such column");
    dcd_table_text(&t, "pue");
    dcd_table_text(&t, "2024: 0.5, 2027: 0.3, 2030: 0.2");
    dcd_table_int(&t, 7);
    dcd_table_text(&t, "step");
    dcd_table_text(&t, "interpolation: step");
    dcd_table_int(&t, 8);
    dcd_table_text(&t, "cut");
    dcd_table_text(&t, "abcdefghijklmnopqrstuvwxyz");
    dcd_table_int(&t, 9);
    dcd_table_text(&t, "short");
    dcd_table_text(&t, "fits");
    dcd_table_int(&t, 10);
    expect_table(&t, DCD_OUT_TERM, &two,
                 "key    value          n\n"
                 "pue    2024: 0.5,     7\n"
                 "       2027: 0.3,\n"
                 "       2030: 0.2\n"
                 "step   interpolatio   8\n"
                 "       n: step\n"
                 "cut    abcdefghijkl   9\n"
                 "       mnopqrstuvwx\n"
                 "       yz\n"
                 "short  fits          10\n",
                 "wrap: after commas, else at spaces, else cut; continuation lines blank "
                 "elsewhere");

    /* Breaks at the last space that fits when no comma does. */
    dcd_table_init(&t, cols, 3);
    dcd_table_wrap(&t, 1, 15);
    dcd_table_text(&t, "a");
    dcd_table_text(&t, "interpolation: step then linear");
    dcd_table_text(&t, "");
    expect_table(&t, DCD_OUT_TERM, &two,
                 "key  value            n\n"
                 "a    interpolation:\n"
                 "     step then\n"
                 "     linear\n",
                 "wrap: at the last space that fits");

    /* The column is as wide as its widest cell when that is narrower than
     * the limit, and as its heading when that is wider; UTF-8 characters
     * count one column. */
    dcd_table_init(&t, cols, 3);
    dcd_table_wrap(&t, 1, 40);
    dcd_table_wrap(&t, 0, 2);
    dcd_table_text(&t, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
    dcd_table_text(&t, "x, y");
    dcd_table_int(&t, 1);
    expect_table(&t, DCD_OUT_TERM, &two,
                 "key  value  n\n"
                 "\xc3\xa9\xc3\xa9\xc3\xa9  x, y   1\n"
                 "\xc3\xa9\xc3\xa9\n",
                 "wrap: narrow cells, a heading wider than the limit, UTF-8");

    /* An overflow cell does not widen its column and runs on. */
    dcd_table_init(&t, cols, 3);
    dcd_table_overflow(&t, "a.very.long.path.of.its.own");
    dcd_table_text(&t, "");
    dcd_table_text(&t, "");
    dcd_table_text(&t, "");
    dcd_table_text(&t, "v");
    dcd_table_int(&t, 1);
    expect_table(&t, DCD_OUT_TERM, &two,
                 "key  value  n\n"
                 "a.very.long.path.of.its.own\n"
                 "     v      1\n",
                 "overflow: a line of its own, the column keeps its width");

    /* Markdown and CSV cells are whole. */
    dcd_table_init(&t, cols, 3);
    dcd_table_wrap(&t, 1, 4);
    dcd_table_overflow(&t, "long");
    dcd_table_text(&t, "a, b, c");
    dcd_table_int(&t, 1);
    expect_table(&t, DCD_OUT_MD, NULL,
                 "| key | value | n |\n|---|---|--:|\n| long | a, b, c | 1 |\n",
                 "Markdown: not wrapped");
    dcd_table_init(&t, cols, 3);
    dcd_table_wrap(&t, 1, 4);
    dcd_table_text(&t, "k");
    dcd_table_text(&t, "a, b, c");
    dcd_table_int(&t, 1);
    expect_table(&t, DCD_OUT_CSV, NULL, "key,value,n\nk,\"a, b, c\",1\n", "CSV: not wrapped");
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
    expect(DCD_OUT_HTML, NULL,
           "<table>\n<thead><tr><th>name</th><th class=\"r\">year</th><th class=\"r\">twh</th>"
           "</tr></thead>\n<tbody>\n"
           "<tr><td>a|b</td><td class=\"r\">2030</td><td class=\"r\">2.39</td></tr>\n"
           "<tr><td>esc [2J</td><td class=\"r\">2035</td><td class=\"r\">-</td></tr>\n"
           "<tr><td>x,&quot;y&quot;</td><td class=\"r\">2040</td><td class=\"r\">0.0</td></tr>\n"
           "</tbody>\n</table>\n",
           "HTML: escaped cells (controls as spaces), numbers right-aligned");
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

    /* A link cell: a link in Markdown and HTML, its text elsewhere. */
    dcd_table_init(&t, one, 1);
    dcd_table_link(&t, "a|<b>", "#s-a");
    dcd_table_write(&t, DCD_OUT_MD, NULL, &b);
    gsl_test_str(dcd_buf_str(&b), "| link |\n|---|\n| [a\\|\\<b\\>](#s-a) |\n",
                 "a link in Markdown: text escaped");
    dcd_buf_clear(&b);
    static const dcd_table_style pad = {" ", 1, NULL};
    dcd_table_write(&t, DCD_OUT_MD, &pad, &b);
    gsl_test_str(dcd_buf_str(&b),
                 "| link             |\n| ---------------- |\n| [a\\|\\<b\\>](#s-a) |\n",
                 "a padded Markdown column as wide as the link");
    dcd_buf_clear(&b);
    dcd_table_write(&t, DCD_OUT_HTML, NULL, &b);
    gsl_test(strstr(dcd_buf_str(&b), "<td><a href=\"#s-a\">a|&lt;b&gt;</a></td>") == NULL,
             "a link in HTML: an <a> element, text escaped");
    dcd_buf_clear(&b);
    dcd_table_write(&t, DCD_OUT_CSV, NULL, &b);
    gsl_test_str(dcd_buf_str(&b), "link\na|<b>\n", "a link in CSV: its text");
    dcd_buf_clear(&b);
    dcd_table_write(&t, DCD_OUT_TERM, NULL, &b);
    gsl_test_str(dcd_buf_str(&b), "link\na|<b>\n", "a link on a terminal: its text");
    dcd_buf_free(&b);
    dcd_table_free(&t);
    test_wrap();
    return gsl_test_summary();
}
