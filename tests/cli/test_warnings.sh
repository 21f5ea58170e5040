#!/bin/sh
# tests/cli/test_warnings.sh - plausibility warnings (docs/model.md,
# "Plausibility warnings"): on stderr, naming the path and the year, silenced
# by -q, and never changing a result or the exit status.
. tests/cli/lib.sh
cat >"$T/w.yaml" <<'YAML'
name: w
years: {start: 2020, end: 2030}
pue: {2020: 1.5, 2026: 3.4}
national: {total_twh: 100, growth: 5}
segments:
  a: {ai: true, driver: energy, energy_twh: 60, growth: {2020: 0.1, 2025: 1.5}}
  c: {ai: false, driver: capacity, capacity_gw: 1, growth: 0, utilisation: {2020: 0.5, 2024: 0}}
YAML
W="$T/w.yaml"
dcd run --no-plots -o "$T/a" "$W"
expect_rc "run with warnings exits 0" 0
for w in "national.growth: growth 5 in 2020 is 500 %/yr; a percentage written as a whole number?" \
         "pue: PUE 3.4 in 2026 is above 3" \
         "segments.a.growth: growth 1.5 in 2025 is 150 %/yr" \
         "segments.c.utilisation: 0 in 2024" \
         "dc_share_pct: data centres use"; do
    check "run warns: $w" grep -qF "$W: warning: $w" "$T/stderr"
done
check "run: every stderr line is a warning" sh -c "! grep -v ': warning: ' '$T/stderr'"
check "run: the table is printed" test -s "$T/stdout"
dcd run -q --no-plots -o "$T/b" "$W"
expect_rc "run -q exits 0" 0
check "run -q prints no warning" test ! -s "$T/stderr"
check "warnings change no result" cmp -s "$T/a/w/summary.csv" "$T/b/w/summary.csv"
dcd validate "$W"
expect_rc "validate with warnings exits 0" 0
check "validate warns on inputs" grep -qF "$W: warning: pue: PUE 3.4 in 2026 is above 3" "$T/stderr"
check "validate gives no result warning" sh -c "! grep -q dc_share_pct '$T/stderr'"
dcd validate -q "$W"
check "validate -q prints nothing" sh -c "test ! -s '$T/stderr' && test ! -s '$T/stdout'"
dcd run -q --no-plots -o "$T/c" scenarios/mckinsey-2024.yaml
dcd run --no-plots -o "$T/d" scenarios/mckinsey-2024.yaml
check "a library scenario gives no warning" test ! -s "$T/stderr"
