/* dcd_metrics.h - the results' metrics: the columns of summary.csv and
 * segments.csv, each with its unit and a label (core layer, metrics.c).
 *
 * One table names every metric; the engine fills them, the writers, tables
 * and charts label them from it, and the loader checks `expect:` metrics
 * against it.
 */
#ifndef DCD_METRICS_H
#define DCD_METRICS_H

/* Hours in a year, and TWh per GW-year: GW x 8760 h / 1000 = TWh. */
#define DCD_HOURS_PER_YEAR 8760.0
#define DCD_TWH_PER_GW_YEAR 8.76

/* Fleet totals by year: the columns of summary.csv after `year`, in order. */
enum dcd_total_metric {
    DCD_T_DC_TWH,       /* facility energy of all data centres */
    DCD_T_AI_TWH,       /* facility energy of AI segments */
    DCD_T_NATIONAL_TWH, /* national demand including data centres */
    DCD_T_DC_SHARE_PCT,
    DCD_T_AI_SHARE_PCT,
    DCD_T_DC_IT_GW, /* installed IT capacity */
    DCD_T_AI_IT_GW,
    DCD_T_DC_FACILITY_GW, /* IT capacity x PUE */
    DCD_T_AI_FACILITY_GW,
    DCD_T_DC_IT_TWH, /* IT energy, before PUE */
    DCD_T_AI_IT_TWH,
    DCD_T_DC_LOAD_GW, /* average facility load, dc_twh / 8760 h */
    DCD_T_AI_LOAD_GW,
    DCD_T_OTHER_TWH,    /* national demand outside data centres */
    DCD_T_DC_PUE,       /* effective PUE, dc_twh / dc_it_twh */
    DCD_T_ADDITIONS_GW, /* gross IT capacity added in the year */
    DCD_T_CAPEX_USD,    /* implied or stated capital spending */
    DCD_T_CO2_MT,       /* facility energy x grid intensity */
    DCD_T_WATER_GL,     /* IT energy x WUE, gigalitres */
    DCD_NTOTAL
};

/* Per-segment results by year: rows of segments.csv. */
enum dcd_segment_metric {
    DCD_S_IT_GW,
    DCD_S_FACILITY_GW,
    DCD_S_IT_TWH,
    DCD_S_FACILITY_TWH,
    DCD_S_LOAD_GW,
    DCD_S_LOAD_FACTOR,
    DCD_S_PUE,
    DCD_S_ADDITIONS_GW,
    DCD_S_CAPEX_USD,
    DCD_S_CO2_MT,
    DCD_S_WATER_GL,
    DCD_NSEGMETRIC
};

/* Name (a column or metric name, with its unit in it), unit and a short
 * label for tables and charts. */
typedef struct dcd_metric_info {
    const char *name;
    const char *unit;
    const char *label;
} dcd_metric_info;

extern const dcd_metric_info dcd_total_info[DCD_NTOTAL];
extern const dcd_metric_info dcd_segment_info[DCD_NSEGMETRIC];

/* Returns the index of the total metric NAME, or -1. */
int dcd_total_index(const char *name);

#endif
