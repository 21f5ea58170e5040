/* cli_progress.c - what the long-running commands (mc, sensitivity) share:
 * the progress bar on a terminal, the number and --seed/--threads/--shard
 * parsers (numbers: every command's one rule) and the report of a failed
 * run (dcd_cli.h). */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dcd_cli.h"

int dcd_cli_number(const char *arg, double *out)
{
    char *end;
    /* strtod also reads hexadecimal ("0x1p3"): not a decimal number. */
    if (!*arg || isspace((unsigned char)*arg) || strpbrk(arg, "xX"))
        return -1;
    errno = 0;
    double v = strtod(arg, &end);
    if (*end || errno != 0 || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

/* Whether the decimal number S (one that dcd_cli_number() accepts) is a
 * whole number as written, digit by digit: its double can be whole when the
 * text is not ("2030.0000000000001" rounds to 2030).  With the digits D
 * (sign, point and exponent left out), P of them before the point, and the
 * exponent E, S = 0.D x 10^(P+E): whole when no digit after the first P+E is
 * other than 0. */
static int whole_text(const char *s)
{
    long p = 0, i = 0, last = -1, e = 0;
    int frac = 0, neg = 0;
    if (*s == '+' || *s == '-')
        s++;
    for (; isdigit((unsigned char)*s) || (*s == '.' && !frac); s++) {
        if (*s == '.') {
            frac = 1;
            continue;
        }
        if (*s != '0')
            last = i;
        i++;
        p += !frac;
    }
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            neg = *s++ == '-';
        for (; isdigit((unsigned char)*s); s++)
            if (e < 100000000) /* beyond any text's digits: no overflow */
                e = e * 10 + (*s - '0');
    }
    return last < p + (neg ? -e : e);
}

int dcd_cli_whole(const char *arg, long lo, long hi, long *out)
{
    double v;
    /* Every whole number up to the bounds is a double, and any larger one
     * rounds to a double beyond them: V in range is the number written. */
    assert(lo <= hi && lo >= -DCD_CLI_WHOLE_MAX && hi <= DCD_CLI_WHOLE_MAX);
    if (dcd_cli_number(arg, &v) || !(v >= (double)lo && v <= (double)hi) || !whole_text(arg))
        return -1;
    *out = (long)v;
    return 0;
}

/* Copies the part [S, E) of an argument into BUF (SIZE bytes); a part too
 * long for BUF is cut to a text that no number rule accepts ("x"). */
static void cli_part(const char *s, const char *e, char *buf, size_t size)
{
    size_t len = (size_t)(e - s);
    if (len >= size) {
        strcpy(buf, "x");
        return;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
}

int dcd_cli_years(const char *arg, int *years, size_t max)
{
    size_t n = 0;
    const char *p = arg;
    for (;;) {
        const char *comma = strchr(p, ',');
        const char *e = comma ? comma : p + strlen(p);
        char part[64];
        long y;
        cli_part(p, e, part, sizeof part);
        if (n == max || dcd_cli_whole(part, 1900, 2200, &y) != 0)
            return -1;
        years[n++] = (int)y;
        if (!comma)
            return (int)n;
        p = comma + 1;
    }
}

int dcd_cli_parse_seed(const char *cmd, const char *arg, uint64_t *seed)
{
    char *end;
    long w;
    unsigned long long s = 0;
    int ok = 0;
    /* Digits first (a seed can be beyond double's exact whole numbers),
     * else the rule of every command ("1e3") up to 2^53. */
    if (*arg && !isspace((unsigned char)*arg) && *arg != '-') {
        errno = 0;
        s = strtoull(arg, &end, 10);
        ok = !*end && errno == 0;
    }
    if (!ok && dcd_cli_whole(arg, 0, DCD_CLI_WHOLE_MAX, &w) == 0) {
        s = (unsigned long long)w;
        ok = 1;
    }
    if (!ok)
        return dcd_cli_usage(cmd, "--seed '%s': expected a whole number 0-%llu", arg,
                             (unsigned long long)UINT64_MAX);
    *seed = (uint64_t)s;
    return DCD_EXIT_OK;
}

int dcd_cli_parse_threads(const char *cmd, const char *arg, unsigned *threads, int max)
{
    long v;
    if (dcd_cli_whole(arg, 1, max, &v) != 0)
        return dcd_cli_usage(cmd, "--threads '%s': expected a whole number 1-%d", arg, max);
    *threads = (unsigned)v;
    return DCD_EXIT_OK;
}

int dcd_cli_parse_shard(const char *cmd, const char *arg, size_t *shard, size_t *nshards)
{
    const char *slash = strchr(arg, '/');
    char part[64];
    long i = 0, n = 0;
    int ok = slash != NULL;
    if (ok) {
        cli_part(arg, slash, part, sizeof part);
        ok = dcd_cli_whole(part, 1, 100000, &i) == 0 &&
             dcd_cli_whole(slash + 1, 1, 100000, &n) == 0 && i <= n;
    }
    if (!ok)
        return dcd_cli_usage(cmd, "--shard '%s': expected I/N with 1 <= I <= N, such as 2/8", arg);
    *shard = (size_t)i;
    *nshards = (size_t)n;
    return DCD_EXIT_OK;
}

/* ---- progress ------------------------------------------------------------- */

static double since(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + 1e-9 * (double)(b->tv_nsec - a->tv_nsec);
}

int dcd_cli_progress_start(dcd_cli_progress *p, const char *cmd, int quiet)
{
    memset(p, 0, sizeof *p);
    p->cmd = cmd;
    if (quiet || !isatty(STDERR_FILENO))
        return 0;
    clock_gettime(CLOCK_MONOTONIC, &p->t0);
    return 1;
}

/* Shown on stderr (a terminal) once the run has taken a second. */
void dcd_cli_progress_show(void *ctx, size_t done, size_t total)
{
    dcd_cli_progress *p = ctx;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (since(&p->t0, &now) < 1.0 || (p->shown && since(&p->last, &now) < 0.2 && done < total))
        return;
    p->last = now;
    p->shown = 1;
    int width = 30, fill = (int)((double)width * (double)done / (double)(total ? total : 1));
    char bar[31];
    memset(bar, '#', (size_t)fill);
    memset(bar + fill, '.', (size_t)(width - fill));
    bar[width] = '\0';
    fprintf(stderr, "\r" DCD_PROGRAM " %s: [%s] %3d%%", p->cmd, bar,
            (int)(100.0 * (double)done / (double)(total ? total : 1)));
    fflush(stderr);
}

void dcd_cli_progress_end(const dcd_cli_progress *p)
{
    if (p->shown)
        fputs("\r\033[K", stderr);
}

/* ---- failure -------------------------------------------------------------- */

int dcd_cli_fail_cmd(const char *cmd, dcd_diags *diags, int status)
{
    dcd_diags rest = {0};
    dcd_diags_sort(diags);
    fflush(stdout);
    for (size_t i = 0; i < diags->n; i++)
        if (!diags->items[i].file)
            dcd_cli_error("%s: %s", cmd, diags->items[i].message);
        else
            dcd_diags_add(&rest, diags->items[i].file, diags->items[i].line, diags->items[i].column,
                          "%s", diags->items[i].message);
    int code = dcd_cli_fail(&rest, status);
    dcd_diags_free(&rest);
    return code;
}

int dcd_cli_run_failed(const char *cmd, dcd_diags *diags, int status)
{
    if (status != DCD_EUSAGE)
        return dcd_cli_fail_cmd(cmd, diags, status);
    dcd_diags_sort(diags);
    return dcd_cli_usage(cmd, "%s", diags->n ? diags->items[0].message : "bad options");
}

/* ---- one scenario --------------------------------------------------------- */

int dcd_cli_parse_one(const dcd_cli_spec *spec, int argc, char **argv, dcd_cli_common *co,
                      dcd_scenario ***scs)
{
    int code = dcd_cli_parse(spec, argc, argv, co);
    if (code != DCD_EXIT_OK || co->help)
        return code;
    if (argc - optind != 1)
        return dcd_cli_usage(spec->cmd, argc - optind < 1 ? "missing scenario FILE"
                                                          : "give exactly one scenario FILE");
    return dcd_cli_load_all(argv + optind, 1, co->sets.v, co->sets.n, scs);
}
