/* dcd_survival.h - survival of equipment by age and the survival tables of
 * fleet segments under the timing conventions (core layer, survival.c;
 * docs/model.md, "Timing conventions" and "Installed base"). */
#ifndef DCD_SURVIVAL_H
#define DCD_SURVIVAL_H

#include <stddef.h>

#include "dcd_scenario.h"

/* Returns S(age) for survival model SV. */
double dcd_survival_at(const dcd_survival *sv, double age);

/* Returns the integral of S over [0, X] (years of service of one unit by
 * age X; its limit is the distribution's mean). */
double dcd_survival_integral(const dcd_survival *sv, double x);

/* The four survival tables of a fleet segment under timing TM into OUT
 * (4 NY): vintage energy weight W(a), base energy weight WB(a), vintage
 * end-of-year share E(a), base end-of-year share EB(a), a = 0..NY-1
 * (docs/model.md, "Timing conventions").  BASE NULL: no installed base
 * (WB, EB zero); its ages are uniform over the whole years AGE_MIN..AGE_MAX. */
void dcd_survival_tables(const dcd_timing *tm, const dcd_survival *sv, const dcd_survival *base,
                         double age_min, double age_max, size_t ny, double *out);

#endif
