/* schema.c - the scenario schema as one table (dcd_schema.h).
 *
 * Each row is one key.  The loader binds and validates from these rows
 * (bind.c), docs/scenario-format.md's key tables are generated from them
 * (tests/unit/test_schema.c), and other modules query them by path.  The
 * order of rows is the order of the docs' tables and of the binder's
 * messages at one node.
 */
#include "dcd_schema.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "dcd_scenario.h"

#define INF HUGE_VAL
#define SCN(m) .field = DCD_FIELD_SCENARIO, .offset = offsetof(dcd_scenario, m)
#define SEG(m) .field = DCD_FIELD_SEGMENT, .offset = offsetof(dcd_segment, m)
#define NONE_DEFAULT .default_value = NAN
#define YEARS_RANGE .min = 1900, .max = 2200

/* Ranges used by several keys, with the words of the messages. */
#define ANY .min = -INF, .max = INF, .expected = "a number"
#define NONNEG .min = 0, .max = INF, .expected = "a number >= 0"
#define POS .min = 0, .max = INF, .min_open = 1, .expected = "a number > 0"
#define FRACTION .min = 0, .max = 1, .expected = "a fraction in [0, 1]"
#define GROWTH                                                                                     \
    .min = -1, .max = 10, .min_open = 1,                                                           \
    .expected = "a growth rate per year in (-1, 10] (0.15 = 15 %/yr)"
#define PUE .min = 1, .max = 10, .expected = "a PUE in [1, 10]"
#define SURV_YEARS .min = 0, .max = 100, .min_open = 1, .expected = "years in (0, 100]"

#define CAP DCD_MODES_CAPACITY
#define FLEET DCD_MODES_FLEET
#define FLEET_MODES (DCD_MODE_FLEET_SHIP | DCD_MODE_FLEET_CAPEX)
#define CAP_STOCK (DCD_MODE_CAP_GROWTH | DCD_MODE_CAP_ADDITIONS | DCD_MODE_CAP_CAPEX)
#define CAP_RETIRE (DCD_MODE_CAP_ADDITIONS | DCD_MODE_CAP_CAPEX)

static const char *const DRIVERS[] = {"energy", "capacity", "fleet", NULL};
static const char *const BASES[] = {"facility", "it", NULL};
static const char *const KINDS[] = {"fixed", "exponential", "weibull", NULL};
static const char *const SHIPPING[] = {"full", "half", NULL};
static const char *const CAPACITY_AT[] = {"end_of_year", "average", NULL};
static const char *const SURVIVAL_AT[] = {"whole_ages", "year_mean", NULL};

/* One key per row, fields in a fixed order. */
/* clang-format off */
static const dcd_key_info ROWS[] = {
    /* ---- top level ---- */
    {.path = "name", .type = DCD_KEY_TEXT, .unit = "", .default_text = "required",
     .allowed = "any; reduced to `[a-z0-9._-]` for the folder",
     .meaning = "the scenario's name; `run` writes to `OUT/NAME/`", .doc = "top",
     .missing = "missing key 'name' (names the output folder)", SCN(name), NONE_DEFAULT},
    {.path = "title", .type = DCD_KEY_TEXT, .unit = "", .default_text = "none",
     .meaning = "one-line title for tables and charts", .doc = "top", SCN(title), NONE_DEFAULT},
    {.path = "description", .type = DCD_KEY_TEXT, .unit = "", .default_text = "none",
     .meaning = "longer description", .doc = "top", SCN(description), NONE_DEFAULT},
    {.path = "sources", .type = DCD_KEY_TEXTS, .unit = "", .default_text = "none",
     .meaning = "citations for the assumptions and the expectations", .doc = "top",
     NONE_DEFAULT},
    {.path = "study", .type = DCD_KEY_TEXT, .unit = "", .default_text = "none",
     .meaning = "label for `check` tables (e.g. `epri-2024`)", .doc = "top", SCN(study),
     NONE_DEFAULT},
    {.path = "case", .type = DCD_KEY_TEXT, .unit = "", .default_text = "none",
     .meaning = "label for `check` tables (e.g. `high`)", .doc = "top", SCN(case_name),
     NONE_DEFAULT},
    {.path = "extends", .type = DCD_KEY_TEXT, .unit = "path", .default_text = "none",
     .allowed = "a regular file", .loader_only = 1,
     .meaning = "inherit that scenario and override it (below)", .doc = "top", NONE_DEFAULT},
    {.path = "years", .type = DCD_KEY_MAP, .unit = "years", .default_text = "required",
     .allowed = "see below", .meaning = "the projection's years", .doc = "top",
     .missing = "missing key 'years' ({start, base, end})", NONE_DEFAULT},
    {.path = "years.start", .type = DCD_KEY_YEAR, .unit = "year", YEARS_RANGE,
     .default_text = "required", .meaning = "first year", .doc = "years",
     .missing = "missing key 'start'", NONE_DEFAULT},
    {.path = "years.base", .type = DCD_KEY_YEAR, .unit = "year", YEARS_RANGE,
     .default_text = "`start`", .allowed = "start..end",
     .meaning = "the year the stated values (`energy_twh`, `capacity_gw`, ...) hold for",
     .doc = "years", NONE_DEFAULT},
    {.path = "years.end", .type = DCD_KEY_YEAR, .unit = "year", YEARS_RANGE,
     .default_text = "required", .allowed = ">= start, at most 301 years in all",
     .meaning = "last year", .doc = "years", .missing = "missing key 'end'", NONE_DEFAULT},
    {.path = "national", .type = DCD_KEY_MAP, .unit = "", .default_text = "required",
     .allowed = "see below", .meaning = "national demand around the data centres",
     .doc = "top", .missing = "missing key 'national' (national electricity demand)",
     NONE_DEFAULT},
    {.path = "national.total_twh", .type = DCD_KEY_NUMBER, .unit = "TWh", POS,
     .default_text = "one of three",
     .meaning = "base-year national demand **including** data centres; demand outside data "
                "centres is `total_twh - dc_twh(base)` (an error if negative)",
     .doc = "national", NONE_DEFAULT},
    {.path = "national.other_twh", .type = DCD_KEY_NUMBER, .unit = "TWh", POS,
     .default_text = "one of three", .meaning = "base-year demand **outside** data centres",
     .doc = "national", NONE_DEFAULT},
    {.path = "national.growth", .type = DCD_KEY_SERIES, .unit = "fraction/yr", GROWTH,
     .default_text = "required with `total_twh` or `other_twh`",
     .meaning = "growth of demand outside data centres", .doc = "national",
     SCN(national.growth), NONE_DEFAULT},
    {.path = "national.forecast_twh", .type = DCD_KEY_SERIES, .unit = "TWh", POS,
     .default_text = "one of three",
     .meaning = "a published forecast of the total including data centres; demand outside "
                "data centres is `forecast - dc` each year (an error if negative); takes no "
                "`growth`",
     .doc = "national", SCN(national.forecast_twh), NONE_DEFAULT},
    {.path = "pue", .type = DCD_KEY_SERIES, .unit = "ratio", PUE, .default_text = "none",
     .meaning = "fleet-wide PUE, for segments without their own", .doc = "top", SCN(pue),
     NONE_DEFAULT},
    {.path = "grid_intensity_g_per_kwh", .type = DCD_KEY_SERIES, .unit = "g CO2/kWh", NONNEG,
     .default_text = "none (no emissions)", .meaning = "grid carbon intensity: gives `co2_mt`",
     .doc = "top", SCN(grid_intensity_g_per_kwh), NONE_DEFAULT},
    {.path = "cost_per_mw_usd", .type = DCD_KEY_SERIES, .unit = "USD per MW of IT", POS,
     .default_text = "none",
     .meaning = "gives implied capital spending (`capex_usd`), and the cost for capacity "
                "segments driven by `capex_usd`",
     .doc = "top", SCN(cost_per_mw_usd), NONE_DEFAULT},
    {.path = "wue_l_per_kwh", .type = DCD_KEY_SERIES, .unit = "L per IT kWh", NONNEG,
     .default_text = "none (no water)", .meaning = "water use effectiveness: gives `water_gl`",
     .doc = "top", SCN(wue_l_per_kwh), NONE_DEFAULT},
    {.path = "timing", .type = DCD_KEY_MAP, .unit = "", .default_text = "all defaults",
     .allowed = "see below", .meaning = "conventions of time within a year (docs/model.md, "
     "\"Timing conventions\")", .doc = "top", SCN(timing), NONE_DEFAULT},
    {.path = "timing.shipping_year", .type = DCD_KEY_CHOICE, .unit = "", .choices = SHIPPING,
     .default_text = "`full`", .default_value = 0,
     .meaning = "capacity added in a year (fleet vintages, capacity additions) draws energy for "
                "the whole year (`full`) or half of it (`half`: the mid-year convention)",
     .doc = "timing", SCN(timing.shipping_half)},
    {.path = "timing.capacity", .type = DCD_KEY_CHOICE, .unit = "", .choices = CAPACITY_AT,
     .default_text = "`end_of_year`", .default_value = 0,
     .meaning = "reported capacity (`it_gw`, `facility_gw`): the stock at the end of the year, or "
                "the capacity in service over the year (the one that draws energy)",
     .doc = "timing", SCN(timing.capacity_average)},
    {.path = "timing.survival", .type = DCD_KEY_CHOICE, .unit = "", .choices = SURVIVAL_AT,
     .default_text = "`year_mean`", .default_value = 1, .max = 1, /* a choice index */
     .meaning = "fleet survival sampled at whole ages `S(a)`, or the mean of `S` over each year "
                "of age (then a lifetime's mean is exactly the mean years of service)",
     .doc = "timing", SCN(timing.survival_mean)},
    {.path = "segments", .type = DCD_KEY_MAP, .unit = "", .default_text = "required",
     .allowed = "1 to 1,000 segments", .meaning = "the data-centre fleet, by segment name",
     .doc = "top", .missing = "missing key 'segments' (at least one segment of the fleet)",
     NONE_DEFAULT},
    {.path = "expect", .type = DCD_KEY_LIST, .unit = "", .default_text = "none",
     .allowed = "see below", .meaning = "published figures the scenario must reproduce",
     .doc = "top", NONE_DEFAULT},
    {.path = "history", .type = DCD_KEY_LIST, .unit = "", .default_text = "none",
     .allowed = "see below", .meaning = "observed figures, drawn on charts", .doc = "top",
     NONE_DEFAULT},
    {.path = "uncertainty", .type = DCD_KEY_EXTERNAL, .unit = "", .default_text = "none",
     .allowed = "see docs/uncertainty.md",
     .meaning = "distributions of inputs for `dcdemand mc`; the other commands use the base "
                "values",
     .doc = "top", NONE_DEFAULT},
    {.path = "references", .type = DCD_KEY_LIST, .unit = "", .default_text = "none",
     .allowed = "see below",
     .meaning = "reference marks (a study's range or level), drawn on the charts of their metric",
     .doc = "top", NONE_DEFAULT},

    /* ---- every segment ---- */
    {.path = "segments.*.ai", .type = DCD_KEY_BOOL, .unit = "", .default_text = "required",
     .meaning = "counted in the AI totals (`ai_twh`, `ai_share_pct`, ...)", .doc = "segment",
     .drivers = DCD_MODES_ALL, .binds = DCD_MODES_ALL, .required = DCD_MODES_ALL,
     .missing = "missing key 'ai' (true for AI segments, false otherwise)", SEG(ai),
     NONE_DEFAULT},
    {.path = "segments.*.driver", .type = DCD_KEY_CHOICE, .unit = "", .choices = DRIVERS,
     .default_text = "required", .meaning = "how the segment grows", .doc = "segment",
     .drivers = DCD_MODES_ALL, .required = DCD_MODES_ALL,
     .missing = "missing key 'driver' (energy, capacity or fleet)", NONE_DEFAULT},
    {.path = "segments.*.label", .type = DCD_KEY_TEXT, .unit = "", .default_text = "the name",
     .meaning = "how legends and tables name the segment (\"AI servers\")", .doc = "segment",
     .drivers = DCD_MODES_ALL, .binds = DCD_MODES_ALL, SEG(label), NONE_DEFAULT},
    {.path = "segments.*.description", .type = DCD_KEY_TEXT, .unit = "", .default_text = "none",
     .meaning = "", .doc = "segment", .drivers = DCD_MODES_ALL, .binds = DCD_MODES_ALL,
     NONE_DEFAULT},
    {.path = "segments.*.utilisation", .type = DCD_KEY_SERIES, .unit = "fraction", FRACTION,
     .default_text = "1", .default_value = 1, .meaning = "share of time at full power",
     .doc = "segment", .drivers = DCD_MODES_ALL, .binds = DCD_MODES_ALL, SEG(utilisation)},
    {.path = "segments.*.idle", .type = DCD_KEY_SERIES, .unit = "fraction of rated power",
     FRACTION, .default_text = "0", .default_value = 0, .meaning = "draw when idle",
     .doc = "segment", .drivers = DCD_MODES_ALL, .binds = DCD_MODES_ALL, SEG(idle)},
    {.path = "segments.*.pue", .type = DCD_KEY_SERIES, .unit = "ratio", PUE,
     .default_text = "the top-level `pue`", .meaning = "this segment's PUE", .doc = "segment",
     .drivers = DCD_MODES_ALL, .binds = DCD_MODES_ALL, SEG(pue), NONE_DEFAULT},

    /* ---- by driver and mode (the order of the binder's messages) ---- */
    {.path = "segments.*.energy_twh", .type = DCD_KEY_NUMBER, .unit = "TWh", NONNEG,
     .default_text = "required (energy); or `capacity_gw` (capacity)",
     .meaning = "energy in the base year; for a capacity segment, the anchor of its base year "
                "instead of `capacity_gw`: capacity in service `energy_twh / (8.76 × LF(b) × "
                "PUE(b))` (facility basis)",
     .doc = "energy capacity", .drivers = DCD_MODE_ENERGY | CAP,
     .binds = DCD_MODE_ENERGY | CAP, .required = DCD_MODE_ENERGY,
     .missing = "driver energy needs 'energy_twh' (energy in the base year)", SEG(energy_twh),
     NONE_DEFAULT},
    {.path = "segments.*.capacity_gw", .type = DCD_KEY_NUMBER, .unit = "GW of IT", NONNEG,
     .default_text = "required, or `energy_twh` (logistic: or `midpoint_year`)",
     .meaning = "installed IT capacity at the end of the base year", .doc = "capacity",
     .drivers = CAP, .binds = CAP,
     .missing = "missing key 'capacity_gw' (installed IT capacity in the base year) or "
                "'energy_twh' (its facility energy in the base year)",
     SEG(capacity_gw), NONE_DEFAULT},
    {.path = "segments.*.growth", .type = DCD_KEY_SERIES, .unit = "fraction/yr", GROWTH,
     .default_text = "required (energy); one mode (capacity)",
     .meaning = "energy: `E(t) = E(t-1) × (1 + g(t))`; capacity: `K(t) = K(t-1) × (1 + g(t))`",
     .doc = "energy capacity", .drivers = DCD_MODE_ENERGY | CAP,
     .binds = DCD_MODE_ENERGY | DCD_MODE_CAP_GROWTH, .required = DCD_MODE_ENERGY,
     .missing = "driver energy needs 'growth' (fraction per year; 0 for flat)", SEG(growth),
     NONE_DEFAULT},
    {.path = "segments.*.basis", .type = DCD_KEY_CHOICE, .unit = "", .choices = BASES,
     .default_text = "`facility`",
     .meaning = "whether `energy_twh` is facility energy (PUE included) or IT energy",
     .doc = "energy capacity", .drivers = DCD_MODE_ENERGY | CAP,
     .binds = DCD_MODE_ENERGY | CAP, SEG(energy_is_it), NONE_DEFAULT},
    {.path = "segments.*.shipments", .type = DCD_KEY_SERIES, .unit = "units/yr", NONNEG,
     .default_text = "one mode", .meaning = "units shipped in year v, `N(v)`", .doc = "fleet",
     .drivers = FLEET_MODES, .binds = DCD_MODE_FLEET_SHIP, SEG(shipments), NONE_DEFAULT},
    {.path = "segments.*.additions_gw", .type = DCD_KEY_SERIES, .unit = "GW/yr", NONNEG,
     .default_text = "one mode",
     .meaning = "gross additions; `K(t) = K(t-1) × (1 - 1/L) + A(t)`", .doc = "capacity",
     .drivers = CAP, .binds = DCD_MODE_CAP_ADDITIONS, SEG(additions_gw), NONE_DEFAULT},
    {.path = "segments.*.capex_usd", .type = DCD_KEY_SERIES, .unit = "USD/yr", NONNEG,
     .default_text = "one mode",
     .meaning = "capital spending; capacity: `A(t) = capex(t) / cost_per_mw(t)`; fleet: "
                "`N(v) = capex(v) × equipment_share(v) / unit_price_usd(v)`",
     .doc = "capacity fleet", .drivers = CAP | FLEET_MODES,
     .binds = DCD_MODE_CAP_CAPEX | DCD_MODE_FLEET_CAPEX, SEG(capex_usd), NONE_DEFAULT},
    {.path = "segments.*.equipment_share", .type = DCD_KEY_SERIES, .unit = "fraction", FRACTION,
     .default_text = "required with `capex_usd`", .meaning = "share of spending on these units",
     .doc = "fleet", .drivers = FLEET_MODES, .binds = DCD_MODE_FLEET_CAPEX,
     .required = DCD_MODE_FLEET_CAPEX,
     .missing = "capex_usd needs 'equipment_share' (share spent on these units)",
     .not_here = "applies with capex_usd only", SEG(equipment_share), NONE_DEFAULT},
    {.path = "segments.*.unit_price_usd", .type = DCD_KEY_SERIES, .unit = "USD/unit", POS,
     .default_text = "required with `capex_usd`", .meaning = "price of a unit by vintage",
     .doc = "fleet", .drivers = FLEET_MODES, .binds = DCD_MODE_FLEET_CAPEX,
     .required = DCD_MODE_FLEET_CAPEX, .missing = "capex_usd needs 'unit_price_usd' (price per unit)",
     .not_here = "applies with capex_usd only", SEG(unit_price_usd), NONE_DEFAULT},
    {.path = "segments.*.cost_per_mw_usd", .type = DCD_KEY_SERIES, .unit = "USD per MW of IT",
     POS, .default_text = "the top-level one", .meaning = "cost of a MW, for `capex_usd`",
     .doc = "capacity", .drivers = CAP, .binds = CAP, SEG(cost_per_mw_usd), NONE_DEFAULT},
    {.path = "segments.*.lifetime_years", .type = DCD_KEY_NUMBER, .unit = "years", .min = 1,
     .max = 100, .min_open = 1, .expected = "a lifetime in years in (1, 100]",
     .default_text = "required with `additions_gw`, `capex_usd`",
     .meaning = "`L`: a share `1/L` of the capacity retires each year", .doc = "capacity",
     .drivers = CAP, .binds = CAP_RETIRE, .required = CAP_RETIRE,
     .missing = "missing key 'lifetime_years' (retirement of installed capacity)",
     .not_here = "applies to additions_gw and capex_usd only", SEG(lifetime_years),
     NONE_DEFAULT},
    {.path = "segments.*.build_lag_years", .type = DCD_KEY_NUMBER, .unit = "years", .min = 0,
     .max = 20, .expected = "a whole number of years in [0, 20]", .default_text = "0",
     .default_value = 0,
     .meaning = "years from capital spending to capacity (docs/model.md, \"Build lag\")",
     .doc = "capacity fleet", .drivers = CAP | FLEET_MODES,
     .binds = DCD_MODE_CAP_CAPEX | DCD_MODE_FLEET_CAPEX, .not_here = "applies with capex_usd only",
     SEG(build_lag_years)},
    {.path = "segments.*.build_spread_years", .type = DCD_KEY_NUMBER, .unit = "years", .min = 1,
     .max = 20, .expected = "a whole number of years in [1, 20]", .default_text = "1",
     .default_value = 1,
     .meaning = "capacity bought in a year arrives in equal shares over this many years, from "
                "the lag on",
     .doc = "capacity fleet", .drivers = CAP | FLEET_MODES,
     .binds = DCD_MODE_CAP_CAPEX | DCD_MODE_FLEET_CAPEX, .not_here = "applies with capex_usd only",
     SEG(build_spread_years)},
    {.path = "segments.*.pue_fixed_overhead", .type = DCD_KEY_NUMBER,
     .unit = "fraction of rated IT power", FRACTION, .default_text = "0 (PUE independent of load)",
     .default_value = 0,
     .meaning = "partial-load PUE: `PUE(LF) = pue + f × (1/LF - 1)`, `pue` the PUE at full load",
     .doc = "capacity fleet", .drivers = CAP | FLEET, .binds = CAP | FLEET,
     SEG(pue_fixed_overhead)},
    {.path = "segments.*.logistic", .type = DCD_KEY_MAP, .unit = "", .default_text = "one mode",
     .meaning = "`K(t) = K_sat / (1 + exp(-rate (t - midpoint)))`", .doc = "capacity",
     .drivers = CAP, .binds = DCD_MODE_CAP_LOGISTIC, NONE_DEFAULT},
    {.path = "segments.*.logistic.saturation_gw", .type = DCD_KEY_NUMBER, .unit = "GW of IT",
     NONNEG, .default_text = "required", .meaning = "`K_sat`", .doc = "capacity",
     .missing = "missing key 'saturation_gw'", SEG(saturation_gw), NONE_DEFAULT},
    {.path = "segments.*.logistic.rate", .type = DCD_KEY_NUMBER, .unit = "1/yr", .min = 0,
     .max = 10, .min_open = 1, .expected = "a rate per year in (0, 10]",
     .default_text = "required", .meaning = "steepness of the S-curve", .doc = "capacity",
     .missing = "missing key 'rate'", SEG(rate_per_year), NONE_DEFAULT},
    {.path = "segments.*.logistic.midpoint_year", .type = DCD_KEY_NUMBER, .unit = "year",
     YEARS_RANGE, .expected = "a year",
     .default_text = "required, or a base-year `capacity_gw` or `energy_twh`",
     .meaning = "year of half saturation; from the base-year anchor when not given",
     .doc = "capacity", SEG(midpoint_year), NONE_DEFAULT},
    {.path = "segments.*.unit_power_w", .type = DCD_KEY_SERIES, .unit = "W/unit", NONNEG,
     .default_text = "required", .meaning = "rated power of a unit by vintage, `P(v)`",
     .doc = "fleet", .drivers = FLEET, .binds = FLEET, .required = FLEET,
     .missing = "driver fleet needs 'unit_power_w' (rated power per unit, W)",
     SEG(unit_power_w), NONE_DEFAULT},
    {.path = "segments.*.lifetime", .type = DCD_KEY_LIFETIME, .unit = "years",
     .default_text = "required", .allowed = "see below", .meaning = "survival `S(a)` by age",
     .doc = "fleet", .drivers = FLEET, .binds = FLEET, .required = FLEET,
     .missing = "driver fleet needs 'lifetime' (years, or {kind: weibull, scale, shape})",
     SEG(survival), NONE_DEFAULT},
    {.path = "segments.*.installed_base", .type = DCD_KEY_MAP, .unit = "",
     .default_text = "none", .meaning = "IT capacity installed at `years.start`, with its own survival",
     .doc = "fleet", .drivers = FLEET, .binds = FLEET, NONE_DEFAULT},
    {.path = "segments.*.installed_base.capacity_gw", .type = DCD_KEY_NUMBER, .unit = "GW of IT",
     NONNEG, .default_text = "required", .meaning = "IT GW installed at `years.start`",
     .doc = "fleet", .missing = "missing key 'capacity_gw' (IT GW installed at years.start)",
     SEG(base_gw), NONE_DEFAULT},
    {.path = "segments.*.installed_base.lifetime", .type = DCD_KEY_LIFETIME, .unit = "years",
     .default_text = "required", .allowed = "as `lifetime`", .meaning = "survival of the base",
     .doc = "fleet", .missing = "missing key 'lifetime'", SEG(base_survival), NONE_DEFAULT},
    {.path = "segments.*.installed_base.age_min_years", .type = DCD_KEY_NUMBER, .unit = "years",
     .min = 0, .max = 100, .expected = "a whole number of years in [0, 100]", .default_text = "0",
     .default_value = 0, .meaning = "youngest age of the base at `years.start`",
     .doc = "fleet", SEG(base_age_min_years)},
    {.path = "segments.*.installed_base.age_max_years", .type = DCD_KEY_NUMBER, .unit = "years",
     .min = 0, .max = 100, .expected = "a whole number of years in [0, 100]",
     .default_text = "`age_min_years`", .default_value = 0,
     .meaning = "oldest age: the base is spread evenly over the whole ages min..max",
     .doc = "fleet", SEG(base_age_max_years)},

    /* ---- lifetimes (bound by dcd_get_survival; rows for look-ups) ---- */
    {.path = "segments.*.lifetime.kind", .type = DCD_KEY_CHOICE, .unit = "", .choices = KINDS,
     .default_text = "`fixed` for a number", .meaning = "form of the survival function",
     NONE_DEFAULT},
    {.path = "segments.*.lifetime.years", .type = DCD_KEY_NUMBER, .unit = "years", SURV_YEARS,
     .default_text = "required (fixed, exponential)", .meaning = "L", NONE_DEFAULT},
    {.path = "segments.*.lifetime.scale", .type = DCD_KEY_NUMBER, .unit = "years", SURV_YEARS,
     .default_text = "required (weibull)", .meaning = "Weibull scale", NONE_DEFAULT},
    {.path = "segments.*.lifetime.shape", .type = DCD_KEY_NUMBER, .unit = "", .min = 0,
     .max = 20, .min_open = 1, .expected = "a shape in (0, 20]",
     .default_text = "required (weibull)", .meaning = "Weibull shape", NONE_DEFAULT},

    /* ---- expect and history (bound by code in bind.c) ---- */
    {.path = "expect[].year", .type = DCD_KEY_YEAR, .unit = "year", YEARS_RANGE,
     .default_text = "required", .allowed = "within the years (`expect`); 1900..2200 (`history`)",
     .meaning = "the year of the figure", .doc = "expect", NONE_DEFAULT},
    {.path = "expect[].metric", .type = DCD_KEY_TEXT, .unit = "", .default_text = "required",
     .allowed = "a column of `summary.csv`: `dc_twh`, `dc_share_pct`, `ai_twh`, ...",
     .meaning = "what the figure measures", .doc = "expect", NONE_DEFAULT},
    {.path = "expect[].value", .type = DCD_KEY_NUMBER, .unit = "the metric's", ANY,
     .default_text = "required, unless `min`/`max`", .meaning = "the published figure",
     .doc = "expect", NONE_DEFAULT},
    {.path = "expect[].tolerance", .type = DCD_KEY_NUMBER, .unit = "the metric's", NONNEG,
     .default_text = "required with `value` (`expect` only)",
     .meaning = "largest accepted absolute difference", .doc = "expect", NONE_DEFAULT},
    {.path = "expect[].min", .type = DCD_KEY_NUMBER, .unit = "the metric's", ANY,
     .default_text = "none; not with `value`",
     .meaning = "a one-sided figure (\"more than\", \"at least\"): the lowest accepted "
                "value, instead of `value` and `tolerance` (`expect` only)",
     .doc = "expect", NONE_DEFAULT},
    {.path = "expect[].max", .type = DCD_KEY_NUMBER, .unit = "the metric's", ANY,
     .default_text = "none; not with `value`; >= `min`",
     .meaning = "a one-sided figure (\"up to\", \"less than\"): the highest accepted "
                "value, instead of `value` and `tolerance` (`expect` only)",
     .doc = "expect", NONE_DEFAULT},
    {.path = "expect[].source", .type = DCD_KEY_TEXT, .unit = "", .default_text = "none",
     .meaning = "citation", .doc = "expect", NONE_DEFAULT},
    {.path = "references[].metric", .type = DCD_KEY_TEXT, .unit = "", .default_text = "required",
     .allowed = "a column of `summary.csv`", .meaning = "the metric whose charts show the mark",
     .doc = "references", NONE_DEFAULT},
    {.path = "references[].year", .type = DCD_KEY_YEAR, .unit = "year", YEARS_RANGE,
     .default_text = "none: across the chart", .allowed = "within the years",
     .meaning = "the year the figure is for", .doc = "references", NONE_DEFAULT},
    {.path = "references[].value", .type = DCD_KEY_NUMBER, .unit = "the metric's", ANY,
     .default_text = "`value`, or `low` and `high`", .meaning = "a single figure",
     .doc = "references", NONE_DEFAULT},
    {.path = "references[].low", .type = DCD_KEY_NUMBER, .unit = "the metric's", ANY,
     .default_text = "with `high`", .meaning = "the low end of a published range",
     .doc = "references", NONE_DEFAULT},
    {.path = "references[].high", .type = DCD_KEY_NUMBER, .unit = "the metric's", ANY,
     .default_text = "with `low`", .allowed = ">= `low`",
     .meaning = "the high end of a published range", .doc = "references", NONE_DEFAULT},
    {.path = "references[].label", .type = DCD_KEY_TEXT, .unit = "", .default_text = "required",
     .meaning = "the legend's text (\"McKinsey 2024: 11-12% in 2030\")", .doc = "references",
     NONE_DEFAULT},
    {.path = "history[].year", .type = DCD_KEY_YEAR, .unit = "year", YEARS_RANGE,
     .default_text = "required", .meaning = "the year of the figure", NONE_DEFAULT},
    {.path = "history[].metric", .type = DCD_KEY_TEXT, .unit = "", .default_text = "required",
     .meaning = "a column of `summary.csv`", NONE_DEFAULT},
    {.path = "history[].value", .type = DCD_KEY_NUMBER, .unit = "the metric's", ANY,
     .default_text = "required", .meaning = "the observed figure", NONE_DEFAULT},
    {.path = "history[].source", .type = DCD_KEY_TEXT, .unit = "", .default_text = "none",
     .meaning = "citation", NONE_DEFAULT},
};
/* clang-format on */

#define NROWS (sizeof ROWS / sizeof *ROWS)

size_t dcd_schema_count(void)
{
    return NROWS;
}

const dcd_key_info *dcd_schema_at(size_t i)
{
    return i < NROWS ? &ROWS[i] : NULL;
}

const dcd_key_info *dcd_schema_row(const char *pattern)
{
    for (size_t i = 0; i < NROWS; i++)
        if (strcmp(ROWS[i].path, pattern) == 0)
            return &ROWS[i];
    return NULL;
}

/* 1 when the component [S, E) of a concrete path matches pattern component
 * [P, Q): '*' matches one non-empty name; "x[]" matches "x[N]". */
static int component_matches(const char *p, const char *q, const char *s, const char *e)
{
    if (q - p == 1 && *p == '*')
        return e > s;
    size_t pl = (size_t)(q - p);
    if (pl > 2 && p[pl - 2] == '[' && p[pl - 1] == ']') {
        size_t nl = pl - 2; /* "expect" of "expect[]" */
        if ((size_t)(e - s) < nl + 3 || memcmp(p, s, nl) != 0 || s[nl] != '[' || e[-1] != ']')
            return 0;
        for (const char *d = s + nl + 1; d < e - 1; d++)
            if (*d < '0' || *d > '9')
                return 0;
        return 1;
    }
    return (size_t)(e - s) == pl && memcmp(p, s, pl) == 0;
}

/* 1 when PATH matches PATTERN; *REST is set to what follows the match in
 * PATH ("" or ".2027"). */
static int path_matches(const char *pattern, const char *path, const char **rest)
{
    const char *p = pattern, *s = path;
    for (;;) {
        const char *q = strchr(p, '.'), *e = strchr(s, '.');
        if (!q)
            q = p + strlen(p);
        if (!e)
            e = s + strlen(s);
        if (!component_matches(p, q, s, e))
            return 0;
        if (!*q) {
            *rest = e;
            return 1;
        }
        if (!*e)
            return 0;
        p = q + 1;
        s = e + 1;
    }
}

static int is_year_text(const char *t)
{
    size_t n = strlen(t);
    if (n == 0 || n > 4)
        return 0;
    for (; *t; t++)
        if (*t < '0' || *t > '9')
            return 0;
    return 1;
}

const dcd_key_info *dcd_schema_lookup(const char *path)
{
    if (!path)
        return NULL;
    for (size_t i = 0; i < NROWS; i++) {
        const char *rest;
        if (!path_matches(ROWS[i].path, path, &rest))
            continue;
        if (!*rest)
            return &ROWS[i];
        /* a point of a series: PATH.YEAR */
        if (ROWS[i].type == DCD_KEY_SERIES && rest[0] == '.' && is_year_text(rest + 1))
            return &ROWS[i];
    }
    /* The installed base's lifetime is validated by the same rows as the
     * segment's (values.c): segments.S.installed_base.lifetime.K is
     * segments.S.lifetime.K. */
    const char *ib = strstr(path, ".installed_base.lifetime.");
    if (ib && strlen(path) < 256) {
        char alt[256];
        size_t head = (size_t)(ib - path) + 1;
        memcpy(alt, path, head);
        snprintf(alt + head, sizeof alt - head, "%s", ib + sizeof ".installed_base." - 1);
        return dcd_schema_lookup(alt);
    }
    return NULL;
}

int dcd_schema_in_range(const dcd_key_info *k, double v)
{
    if (!k || v != v)
        return 0;
    if (k->min_open ? !(v > k->min) : !(v >= k->min))
        return 0;
    return k->max_open ? v < k->max : v <= k->max;
}

const char *dcd_schema_type_name(dcd_key_type t)
{
    switch (t) {
    case DCD_KEY_NUMBER: return "number";
    case DCD_KEY_SERIES: return "series";
    case DCD_KEY_YEAR: return "whole year";
    case DCD_KEY_TEXT: return "text";
    case DCD_KEY_BOOL: return "boolean";
    case DCD_KEY_CHOICE: return "text";
    case DCD_KEY_TEXTS: return "list of text (or one text)";
    case DCD_KEY_LIFETIME: return "number or mapping";
    case DCD_KEY_MAP: return "mapping";
    case DCD_KEY_LIST: return "list";
    case DCD_KEY_EXTERNAL: return "mapping (own module)";
    }
    return "?";
}

/* The "allowed" column: the row's own text, the choices, or the range. */
static void allowed_text(const dcd_key_info *k, dcd_buf *out)
{
    if (k->allowed) {
        dcd_buf_puts(out, k->allowed);
    } else if (k->choices) {
        for (const char *const *c = k->choices; *c; c++)
            dcd_buf_printf(out, "%s`%s`", c == k->choices ? "" : ", ", *c);
    } else if (k->type == DCD_KEY_NUMBER || k->type == DCD_KEY_SERIES || k->type == DCD_KEY_YEAR) {
        if (isinf(k->min) && isinf(k->max))
            dcd_buf_puts(out, "any");
        else if (isinf(k->max))
            dcd_buf_printf(out, "%s %g", k->min_open ? ">" : ">=", k->min);
        else if (k->type == DCD_KEY_YEAR)
            dcd_buf_printf(out, "%g..%g", k->min, k->max);
        else
            dcd_buf_printf(out, "%c%g, %g%c", k->min_open ? '(' : '[', k->min, k->max,
                           k->max_open ? ')' : ']');
    }
}

/* 1 when row K belongs to the doc table DOC (K->doc lists tables separated
 * by spaces). */
static int in_doc(const dcd_key_info *k, const char *doc)
{
    size_t dl = strlen(doc);
    for (const char *p = k->doc; p && *p;) {
        size_t l = strcspn(p, " ");
        if (l == dl && strncmp(p, doc, dl) == 0)
            return 1;
        p += l;
        p += *p == ' ';
    }
    return 0;
}

int dcd_schema_doc_table(const char *doc, dcd_buf *out)
{
    int found = 0;
    for (size_t i = 0; i < NROWS; i++) {
        const dcd_key_info *k = &ROWS[i];
        if (!in_doc(k, doc))
            continue;
        if (!found++)
            dcd_buf_puts(out, "| key | type | unit | default | allowed | meaning |\n"
                              "|---|---|---|---|---|---|\n");
        const char *key = k->path;
        if (strncmp(key, "segments.*.", 11) == 0)
            key += 11;
        else if (strchr(key, ']'))
            key = strchr(key, ']') + 2;
        else if (strcmp(doc, "top") != 0 && strchr(key, '.'))
            key = strchr(key, '.') + 1;
        dcd_buf_printf(out, "| `%s` | %s | %s | %s | ", key, dcd_schema_type_name(k->type), k->unit,
                       k->default_text ? k->default_text : "");
        allowed_text(k, out);
        dcd_buf_printf(out, " | %s |\n", k->meaning ? k->meaning : "");
    }
    if (!found)
        return -1;
    return out->failed ? -1 : 0;
}
