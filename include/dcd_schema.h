/* dcd_schema.h - the scenario schema as data (io layer).
 *
 * One table (model/io/schema.c) lists every key a scenario may hold: its
 * path, type, unit, allowed range, default, meaning and, for segment keys,
 * the drivers and modes it belongs to.  The same rows drive the loader's
 * validation and binding (model/io/bind.c), answer other modules' questions
 * about an input (units for compare, axis labels for sweep, bounds for a
 * solver, ranges for uncertainty distributions) and generate the key tables
 * of docs/scenario-format.md (tests/unit/test_schema.c fails when the doc
 * and the table differ; `UPDATE=1 build/tests/test_schema` rewrites them).
 *
 * Adding a key (see also docs/scenario-format.md, "Adding a key"):
 * - a number or series of a segment, the scenario or a mapping that is
 *   bound from the table (segments.*, logistic, installed_base): one row
 *   with its path, type, unit, range, default text, meaning, the drivers and
 *   modes it belongs to and where it is stored (field + offset), plus the
 *   struct member it is stored in;
 * - a top-level key whose whole subtree another module validates (e.g.
 *   `uncertainty:`, `references:`): one row of type DCD_KEY_EXTERNAL.  The
 *   loader then accepts the key, keeps its subtree in the resolved document
 *   (sc->tree, so `show`, scenario.yaml, `--set` and `extends:` handle it
 *   like any other key) and does not look inside; the owning module walks
 *   dcd_map_get(sc->tree, "uncertainty") after loading, reports problems at
 *   the nodes' positions, and may use dcd_schema_lookup() to check a value
 *   against an input's allowed range.
 */
#ifndef DCD_SCHEMA_H
#define DCD_SCHEMA_H

#include <stddef.h>

#include "dcd_buf.h"

typedef enum dcd_key_type {
    DCD_KEY_NUMBER,   /* a plain number */
    DCD_KEY_SERIES,   /* a number, or a mapping of years to numbers (docs: "Series") */
    DCD_KEY_YEAR,     /* a whole year */
    DCD_KEY_TEXT,     /* any scalar, kept as text */
    DCD_KEY_BOOL,     /* true or false */
    DCD_KEY_CHOICE,   /* one word of `choices` */
    DCD_KEY_TEXTS,    /* a list of text, or one text */
    DCD_KEY_LIFETIME, /* years, or {kind: fixed|exponential|weibull, ...} */
    DCD_KEY_MAP,      /* a mapping whose keys have rows of their own */
    DCD_KEY_LIST,     /* a list of mappings whose keys have rows ("expect[].year") */
    DCD_KEY_EXTERNAL  /* any subtree, validated by another module */
} dcd_key_type;

/* Drivers and modes of a segment (dcd_key_info.drivers, .binds, .required).
 * A segment is in exactly one mode: its driver's, chosen by the keys given. */
enum {
    DCD_MODE_ENERGY = 1u << 0,        /* driver: energy */
    DCD_MODE_CAP_GROWTH = 1u << 1,    /* driver: capacity with growth */
    DCD_MODE_CAP_ADDITIONS = 1u << 2, /* ... with additions_gw */
    DCD_MODE_CAP_CAPEX = 1u << 3,     /* ... with capex_usd */
    DCD_MODE_CAP_LOGISTIC = 1u << 4,  /* ... with logistic */
    DCD_MODE_FLEET_SHIP = 1u << 5,    /* driver: fleet with shipments */
    DCD_MODE_FLEET_CAPEX = 1u << 6,   /* ... with capex_usd */
    DCD_MODE_FLEET_NONE = 1u << 7,    /* ... with neither, or both (an error) */
    DCD_MODES_CAPACITY = 0x1eu,
    DCD_MODES_FLEET = 0xe0u,
    DCD_MODES_ALL = 0xffu
};

/* Where the binder stores a key's value (dcd_key_info.field). */
typedef enum dcd_key_field {
    DCD_FIELD_NONE,     /* checked, not stored (or bound by code in bind.c) */
    DCD_FIELD_SCENARIO, /* at `offset` in dcd_scenario */
    DCD_FIELD_SEGMENT   /* at `offset` in dcd_segment */
} dcd_key_field;

/* One key of the schema.  Strings are static; "" when not applicable. */
typedef struct dcd_key_info {
    const char *path; /* "pue", "segments.*.growth", "segments.*.logistic.rate",
                         "expect[].year": '*' stands for one name, "[]" for an index */
    dcd_key_type type;
    const char *unit;           /* "TWh", "fraction/yr", "ratio", ... */
    double min, max;            /* allowed values (numbers, series points, years) */
    int min_open, max_open;     /* 1: the bound itself is excluded */
    const char *expected;       /* the allowed values as messages say them ("a PUE in [1, 10]") */
    const char *default_text;   /* "required", "none", "1", "the top-level pue", ... */
    double default_value;       /* the default as a number; NaN when there is none (a
                                   scenario-wide choice: the index the binder sets when the
                                   key is absent) */
    const char *const *choices; /* DCD_KEY_CHOICE: the words, NULL-terminated */
    const char *allowed;        /* docs' "allowed" column when not made from min/max */
    const char *meaning;        /* one line for the docs and for tools */
    const char *doc;            /* the tables of docs/scenario-format.md holding it, separated
                                   by spaces ("energy capacity"); NULL: none */
    /* Segment keys: the modes whose segments take the key (others report
     * "does not apply"), bind it, and require it. */
    unsigned drivers, binds, required;
    const char *missing;  /* message when required and absent, after "PATH: " */
    const char *not_here; /* message when given in a mode of `drivers` that does not bind it */
    dcd_key_field field;
    size_t offset;
    int loader_only; /* read by the loader before binding (`extends`) */
} dcd_key_info;

/* Returns the row for a concrete path as `--set` and `sweep --vary` take
 * them ("pue", "national.growth", "segments.ai.growth",
 * "segments.ai.growth.2027" (a series point: the series' row),
 * "segments.gpu.lifetime.scale", "expect[0].value"), or NULL when the
 * schema has no such key.  The row is static. */
const dcd_key_info *dcd_schema_lookup(const char *path);

/* The rows in table order: I from 0 to dcd_schema_count() - 1. */
size_t dcd_schema_count(void);
const dcd_key_info *dcd_schema_at(size_t i);

/* Returns the row whose path is exactly PATTERN ("segments.*.growth"), or NULL. */
const dcd_key_info *dcd_schema_row(const char *pattern);

/* Returns 1 when V lies in K's allowed range, else 0. */
int dcd_schema_in_range(const dcd_key_info *k, double v);

/* Returns the type's name as the docs write it ("number", "series", ...). */
const char *dcd_schema_type_name(dcd_key_type t);

/* Appends the Markdown table of docs/scenario-format.md named DOC ("top",
 * "years", "national", "segment", "energy", "capacity", "fleet", "expect")
 * to OUT.  Returns 0, or -1 when DOC names no table or memory ran out. */
int dcd_schema_doc_table(const char *doc, dcd_buf *out);

#endif
