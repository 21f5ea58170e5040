/* param_keys.h - the input paths the prepared-evaluation tests try on every
 * scenario (test_prepared.c, test_lanes.c): every key a segment or the top
 * level can take as a parameter; those a scenario does not use are refused
 * and skipped. */
#ifndef PARAM_KEYS_H
#define PARAM_KEYS_H

/* Keys tried on every segment (segments.NAME.KEY). */
static const char *const SEG_KEYS[] = {"utilisation",
                                       "idle",
                                       "pue",
                                       "energy_twh",
                                       "growth",
                                       "capacity_gw",
                                       "additions_gw",
                                       "capex_usd",
                                       "cost_per_mw_usd",
                                       "lifetime_years",
                                       "logistic.saturation_gw",
                                       "logistic.rate",
                                       "logistic.midpoint_year",
                                       "shipments",
                                       "unit_power_w",
                                       "equipment_share",
                                       "unit_price_usd",
                                       "lifetime",
                                       "lifetime.years",
                                       "lifetime.scale",
                                       "lifetime.shape",
                                       "installed_base.capacity_gw",
                                       "installed_base.lifetime",
                                       "installed_base.lifetime.years",
                                       "installed_base.lifetime.scale",
                                       "installed_base.lifetime.shape",
                                       "logistic.capacity_gw",
                                       NULL};
static const char *const TOP_KEYS[] = {"pue",
                                       "grid_intensity_g_per_kwh",
                                       "cost_per_mw_usd",
                                       "wue_l_per_kwh",
                                       "national.total_twh",
                                       "national.other_twh",
                                       "national.growth",
                                       "national.forecast_twh",
                                       NULL};

#endif
