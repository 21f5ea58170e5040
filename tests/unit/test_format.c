/* test_format.c - number styles, "not determined", text escapers
 * (dcd_format.h), the growable vector and the string list (dcd_vec.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dcd_format.h"
#include "dcd_vec.h"
#include "harness.h"

static void num(double x, dcd_num_style st, int dec, dcd_out_kind k, const char *want)
{
    dcd_buf b = {0};
    int rc = dcd_fmt_num(&b, x, st, dec, k);
    gsl_test_str(dcd_buf_str(&b), want, "dcd_fmt_num(%.17g, style %d, %d, kind %d)", x, (int)st,
                 dec, (int)k);
    gsl_test_int(rc, 0, "dcd_fmt_num returns 0");
    dcd_buf_free(&b);
}

static void term(const char *s, const char *want, size_t width)
{
    dcd_buf b = {0};
    dcd_fmt_term_text(&b, s, strlen(s));
    gsl_test_str(dcd_buf_str(&b), want, "terminal text of a %zu-byte string", strlen(s));
    gsl_test_int((int)dcd_fmt_term_width(s, strlen(s)), (int)width, "its width");
    dcd_buf_free(&b);
}

int main(void)
{
    harness_init();
    /* One spelling of "not determined" per output kind. */
    gsl_test_str(dcd_fmt_none(DCD_OUT_TERM), "-", "terminal: -");
    gsl_test_str(dcd_fmt_none(DCD_OUT_MD), "-", "Markdown: -");
    gsl_test_str(dcd_fmt_none(DCD_OUT_CSV), "", "CSV: empty cell");
    gsl_test_str(dcd_fmt_none(DCD_OUT_JSON), "null", "JSON: null");
    for (int st = DCD_NUM_SHORT; st <= DCD_NUM_SIG; st++) {
        num(NAN, (dcd_num_style)st, 1, DCD_OUT_TERM, "-");
        num(INFINITY, (dcd_num_style)st, 1, DCD_OUT_JSON, "null");
        num(NAN, (dcd_num_style)st, 1, DCD_OUT_CSV, "");
    }
    /* Named styles. */
    num(2.385, DCD_NUM_FIXED, 1, DCD_OUT_TERM, "2.4");
    num(-0.04, DCD_NUM_FIXED, 1, DCD_OUT_TERM, "0.0");
    num(-0.0, DCD_NUM_FIXED, 2, DCD_OUT_TERM, "0.00");
    num(2.385, DCD_NUM_SIGNED, 2, DCD_OUT_MD, "+2.38");
    num(-2.385, DCD_NUM_SIGNED, 1, DCD_OUT_MD, "-2.4");
    num(0.004, DCD_NUM_SIGNED, 2, DCD_OUT_MD, "0.00");
    num(4000, DCD_NUM_SHORT, 0, DCD_OUT_CSV, "4000");
    num(1.0 / 3.0, DCD_NUM_SHORT, 0, DCD_OUT_CSV, "0.333333333333");
    num(4e12, DCD_NUM_PLAIN, 0, DCD_OUT_CSV, "4000000000000");
    num(4e12, DCD_NUM_SHORT, 0, DCD_OUT_CSV, "4e+12");
    num(1.5e6, DCD_NUM_COMPACT, 0, DCD_OUT_TERM, "1.5e6");
    num(2e-5, DCD_NUM_COMPACT, 0, DCD_OUT_TERM, "2e-5");
    num(0.75, DCD_NUM_COMPACT, 0, DCD_OUT_TERM, "0.75");
    /* Significant digits: decimals by magnitude, at least one. */
    num(0.8123, DCD_NUM_SIG, 3, DCD_OUT_TERM, "0.812");
    num(0.04567, DCD_NUM_SIG, 3, DCD_OUT_MD, "0.0457");
    num(8.123, DCD_NUM_SIG, 3, DCD_OUT_TERM, "8.12");
    num(81.23, DCD_NUM_SIG, 3, DCD_OUT_TERM, "81.2");
    num(4123.4, DCD_NUM_SIG, 3, DCD_OUT_TERM, "4123.4");
    num(-0.3857, DCD_NUM_SIG, 3, DCD_OUT_TERM, "-0.386");
    num(9.996, DCD_NUM_SIG, 3, DCD_OUT_TERM, "10.0");
    num(0.09996, DCD_NUM_SIG, 3, DCD_OUT_TERM, "0.100");
    num(0, DCD_NUM_SIG, 3, DCD_OUT_TERM, "0.0");
    num(1e-12, DCD_NUM_SIG, 3, DCD_OUT_TERM, "0.000000000"); /* at most 9 decimals */
    gsl_test_int(dcd_fmt_sig_decimals(0.8, 3), 3, "0.8: 3 decimals (0.800)");
    gsl_test_int(dcd_fmt_sig_decimals(-21.7, 3), 1, "-21.7: 1 decimal");
    gsl_test_int(dcd_fmt_sig_decimals(NAN, 3), 1, "NaN: 1 decimal");
    /* Terminal text: controls as \xNN (C1 too), UTF-8 kept. */
    term("plain", "plain", 5);
    term("a\033[2Jb", "a\\x1B[2Jb", 9);
    term("t\x7f", "t\\x7F", 5);
    term("c\xc2\x9b"
         "1m",
         "c\\xC2\\x9B1m", 11);
    term("caf\xc3\xa9", "caf\xc3\xa9", 4);
    dcd_buf b = {0};
    dcd_fmt_term_pad(&b, "\033x", 7, 1);
    gsl_test_str(dcd_buf_str(&b), "  \\x1Bx", "padding counts the escaped width");
    dcd_buf_clear(&b);
    /* Markdown and CSV. */
    dcd_md_text(&b, "a|b*c\nd");
    gsl_test_str(dcd_buf_str(&b), "a\\|b\\*c d", "Markdown escapes | and *, newline is a space");
    gsl_test_int((int)dcd_md_width("a|b*c\nd"), (int)b.len, "dcd_md_width matches");
    dcd_buf_clear(&b);
    dcd_html_text(&b, "<script>a&b</script> \"q\" 'r' \x01\x7f\xc2\x85 \xc3\xa9");
    gsl_test_str(dcd_buf_str(&b),
                 "&lt;script&gt;a&amp;b&lt;/script&gt; &quot;q&quot; &#39;r&#39;     \xc3\xa9",
                 "HTML: markup, quotes and ampersands as references, controls as spaces");
    dcd_buf_clear(&b);
    dcd_html_text(&b, NULL);
    gsl_test_str(dcd_buf_str(&b), "", "HTML: NULL is empty");
    gsl_test_str(dcd_fmt_none(DCD_OUT_HTML), "-", "HTML: not determined is -");
    dcd_buf_clear(&b);
    dcd_csv_field(&b, "x,\"y\"");
    dcd_buf_puts(&b, ";");
    dcd_csv_field(&b, "plain");
    dcd_csv_field(&b, NULL);
    gsl_test_str(dcd_buf_str(&b), "\"x,\"\"y\"\"\";plain", "CSV quotes only when needed");
    dcd_buf_free(&b);
    /* The vector grows, keeping what it held. */
    int *v = NULL;
    size_t n = 0, cap = 0;
    int ok = 1;
    for (int i = 0; i < 1000; i++) {
        if (n == cap) {
            int *p = dcd_vec_grow(v, &cap, n + 1, sizeof *p);
            if (!p) {
                ok = 0;
                break;
            }
            v = p;
        }
        v[n++] = i * 3;
    }
    for (size_t i = 0; ok && i < n; i++)
        ok = v[i] == (int)i * 3;
    gsl_test(!ok || cap < n, "dcd_vec_grow keeps 1000 items (cap %zu)", cap);
    size_t big = 4;
    gsl_test(dcd_vec_grow(v, &big, (size_t)-1, sizeof *v) != NULL || big != 4,
             "an overflowing size is refused and leaves the capacity");
    free(v);
    /* String lists: borrowed and owned. */
    dcd_strlist bl = {0}, ol = {.owns = 1};
    char word[8] = "abc";
    for (int i = 0; i < 20; i++) {
        dcd_strlist_push(&bl, word);
        dcd_strlist_push(&ol, word);
    }
    word[0] = 'z';
    gsl_test_int((int)bl.n, 20, "borrowed list holds 20");
    gsl_test(bl.v[19] != word, "a borrowed list keeps the pointer");
    gsl_test_str(ol.v[19], "abc", "an owned list keeps a copy");
    gsl_test(dcd_strlist_take(&ol, NULL) != -1, "taking NULL fails");
    gsl_test(dcd_strlist_take(&ol, dcd_strdup("x")) != 0 || ol.n != 21, "take appends");
    dcd_strlist_free(&bl);
    dcd_strlist_free(&ol);
    gsl_test(ol.n != 0 || ol.owns != 1, "a freed list is empty and keeps its ownership");
    gsl_test(dcd_strdup(NULL) != NULL, "dcd_strdup(NULL) is NULL");
    return gsl_test_summary();
}
