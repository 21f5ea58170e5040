/* metrics.c - the metric table (dcd_metrics.h). */
#include "dcd_metrics.h"

#include <string.h>

const dcd_metric_info dcd_total_info[DCD_NTOTAL] = {
    {"dc_twh", "TWh", "Data centres, facility energy"},
    {"ai_twh", "TWh", "AI segments, facility energy"},
    {"national_twh", "TWh", "National demand"},
    {"dc_share_pct", "%", "Data centres, share of national demand"},
    {"ai_share_pct", "%", "AI, share of national demand"},
    {"dc_it_gw", "GW", "Data centres, installed IT capacity"},
    {"ai_it_gw", "GW", "AI, installed IT capacity"},
    {"dc_facility_gw", "GW", "Data centres, facility capacity (IT x PUE)"},
    {"ai_facility_gw", "GW", "AI, facility capacity (IT x PUE)"},
    {"dc_it_twh", "TWh", "Data centres, IT energy"},
    {"ai_it_twh", "TWh", "AI, IT energy"},
    {"dc_load_gw", "GW", "Data centres, average facility load"},
    {"ai_load_gw", "GW", "AI, average facility load"},
    {"other_twh", "TWh", "National demand outside data centres"},
    {"dc_pue", "ratio", "Data centres, effective PUE"},
    {"additions_gw", "GW", "IT capacity added in the year"},
    {"capex_usd", "USD", "Capital spending"},
    {"co2_mt", "Mt CO2", "Emissions of data-centre electricity"},
    {"water_gl", "GL", "Water used for cooling"},
};

const dcd_metric_info dcd_segment_info[DCD_NSEGMETRIC] = {
    {"it_gw", "GW", "Installed IT capacity"},
    {"facility_gw", "GW", "Facility capacity (IT x PUE)"},
    {"it_twh", "TWh", "IT energy"},
    {"facility_twh", "TWh", "Facility energy"},
    {"load_gw", "GW", "Average facility load"},
    {"load_factor", "ratio", "Load factor (idle + (1 - idle) x utilisation)"},
    {"pue", "ratio", "PUE"},
    {"additions_gw", "GW", "IT capacity added in the year"},
    {"capex_usd", "USD", "Capital spending"},
    {"co2_mt", "Mt CO2", "Emissions"},
    {"water_gl", "GL", "Water"},
};

int dcd_total_index(const char *name)
{
    for (int i = 0; i < DCD_NTOTAL; i++)
        if (strcmp(dcd_total_info[i].name, name) == 0)
            return i;
    return -1;
}
