/* chart_names.c - the names charts give a scenario's inputs
 * (dcd_chart_text.h: dcd_chart_input_name): "AI: growth (% per year)"
 * rather than the path "segments.ai.growth" that --set, sweep --vary and
 * uncertainty: take (the CSV files keep the paths). */
#include "dcd_chart_text.h"

#include <string.h>

#include "dcd_schema.h"

/* Keys named otherwise than their words (units go in parentheses). */
static const struct {
    const char *key, *name;
} NAMES[] = {{"pue", "PUE"},
             {"capacity_gw", "capacity"},
             {"energy_twh", "energy"},
             {"total_twh", "total"},
             {"other_twh", "other demand"},
             {"additions_gw", "additions"},
             {"capex_usd", "capital spending"},
             {"lifetime_years", "lifetime"},
             {"usd_per_gw", "cost per GW"},
             {"grid_intensity_g_per_kwh", "grid intensity"},
             {"idle", "idle draw"}};

static const char *const UNIT_SUFFIX[] = {"_twh", "_gw", "_mw", "_usd", "_pct", "_years"};

/* Appends the words of one path component (LEN bytes at S). */
static void put_words(dcd_buf *out, const char *s, size_t len)
{
    for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++)
        if (strlen(NAMES[i].key) == len && memcmp(NAMES[i].key, s, len) == 0) {
            dcd_buf_puts(out, NAMES[i].name);
            return;
        }
    for (size_t i = 0; i < sizeof UNIT_SUFFIX / sizeof *UNIT_SUFFIX; i++) {
        size_t n = strlen(UNIT_SUFFIX[i]);
        if (len > n && memcmp(s + len - n, UNIT_SUFFIX[i], n) == 0) {
            len -= n;
            break;
        }
    }
    for (size_t i = 0; i < len; i++)
        dcd_buf_append(out, s[i] == '_' ? " " : s + i, 1);
}

static int all_digits(const char *s, size_t len)
{
    if (len == 0)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Appends the words of REST ("growth", "lifetime.scale", "growth.2027"). */
static void put_rest(dcd_buf *out, const char *rest)
{
    const char *p = rest;
    int first = 1;
    while (*p) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        if (!first && all_digits(p, len)) {
            dcd_buf_puts(out, " in ");
            dcd_buf_append(out, p, len);
        } else {
            if (!first)
                dcd_buf_puts(out, " ");
            put_words(out, p, len);
        }
        first = 0;
        p += len + (dot ? 1 : 0);
    }
}

void dcd_chart_input_name(dcd_buf *out, const char *path, const dcd_scenario *sc,
                          const char *suffix)
{
    const char *p = path ? path : "";
    if (strncmp(p, "segments.", 9) == 0 && strchr(p + 9, '.')) {
        const char *key = p + 9, *dot = strchr(key, '.');
        const char *label = NULL;
        for (size_t i = 0; sc && i < sc->nsegments; i++)
            if (strlen(sc->segments[i].name) == (size_t)(dot - key) &&
                memcmp(sc->segments[i].name, key, (size_t)(dot - key)) == 0)
                label = sc->segments[i].label;
        if (label && *label)
            dcd_buf_puts(out, label);
        else
            dcd_buf_append(out, key, (size_t)(dot - key));
        dcd_buf_puts(out, ": ");
        put_rest(out, dot + 1);
    } else if (strncmp(p, "national.", 9) == 0 && p[9]) {
        dcd_buf_puts(out, "National demand: ");
        put_rest(out, p + 9);
    } else {
        put_rest(out, p);
    }
    if (suffix && *suffix)
        dcd_buf_printf(out, " (%s)", suffix);
}

void dcd_chart_input_unit(dcd_buf *out, const char *path)
{
    const dcd_key_info *k = path ? dcd_schema_lookup(path) : NULL;
    const char *u = k && k->unit ? k->unit : "";
    if (strncmp(u, "fraction", 8) == 0) {
        const char *rest = u + 8;
        dcd_buf_printf(out, "%%%s", strcmp(rest, "/yr") == 0 ? " per year" : rest);
    } else {
        dcd_buf_puts(out, u);
    }
}
