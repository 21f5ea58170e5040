#!/bin/sh
# bench/mc_bench.sh - Monte Carlo speed of dcdemand against its NumPy peer
# (`make bench`; bench/README.md).
#
# From ONE run of this script, on bench/reference.yaml:
#   - `dcdemand mc -n D --threads 1 --no-plots` and `--threads 2`, and the peer
#     `python3 bench/peer_numpy.py D` (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
#     unset for the peer's command alone), at D = 10^4, 10^5, 10^6: elapsed
#     and CPU seconds and peak RSS from /usr/bin/time -f, draws per second;
#   - at 10^6: the ratios dcdemand (1 thread) / peer, dcdemand (2 threads) /
#     peer and 2 threads / 1 thread (elapsed), and 1 thread / peer in CPU
#     seconds (user + system; steadier on a shared machine);
#   - at each D, every statistic both compute (quantiles.csv: mean, sd,
#     P5...P95 of 8 metrics x 21 years; exceedance.csv) compared within
#     sampling noise (tolerances below); the script fails (status 1) when any
#     disagrees.
# Speed is never asserted: machines here are shared, read the ratios.
# MC_BENCH_DRAWS="10000 100000" runs fewer sizes (ratios of the largest).
#
# Usage: sh bench/mc_bench.sh [DCDEMAND]     (from the project root)
set -u
LC_ALL=C
export LC_ALL
BIN=${1:-./dcdemand}
SCEN=bench/reference.yaml
DRAWS=${MC_BENCH_DRAWS:-"10000 100000 1000000"}
TIME=/usr/bin/time
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM

if [ ! -x "$TIME" ]; then
    echo "SKIP: mc bench: $TIME is missing (apt-get install time)"
    exit 0
fi
if ! /usr/bin/python3 -c 'import numpy, yaml' 2>/dev/null; then
    echo "SKIP: mc bench: the peer needs python3-numpy and python3-yaml (make deps-bench)"
    exit 0
fi

# run NAME COMMAND...: runs COMMAND with its output in $T/NAME.out and
# "elapsed_s max_rss_kb user_s sys_s" in $T/NAME.time; stops the script when it fails.
run() {
    name=$1
    shift
    if ! "$TIME" -f '%e %M %U %S' -o "$T/$name.time" "$@" >"$T/$name.out" 2>"$T/$name.err"; then
        echo "mc bench: '$*' failed:" >&2
        cat "$T/$name.err" >&2
        exit 2
    fi
}

for n in $DRAWS; do
    run "dcd1_$n" "$BIN" mc "$SCEN" -n "$n" --threads 1 -q --no-plots -o "$T/out1_$n"
    run "dcd2_$n" "$BIN" mc "$SCEN" -n "$n" --threads 2 -q --no-plots -o "$T/out2_$n"
    run "peer_$n" sh -c 'unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE; exec python3 bench/peer_numpy.py "$1"' sh "$n"
done
# the largest D once more with random sampling, as the peer samples
NR_=$(echo $DRAWS | awk "{ print \$NF }")
run "dcdr_$NR_" "$BIN" mc "$SCEN" -n "$NR_" --threads 1 --sampling random -q --no-plots -o "$T/outr"

echo "Monte Carlo on $SCEN: elapsed and CPU (user + system) seconds (/usr/bin/time),"
echo "draws per elapsed second, peak RSS"
printf '%-8s | %-34s | %-34s | %-34s\n' "" "dcdemand --threads 1" "dcdemand --threads 2" "peer (NumPy)"
printf '%-8s | %7s %7s %10s %7s | %7s %7s %10s %7s | %7s %7s %10s %7s\n' draws s cpu_s draws/s RSS_MB s cpu_s draws/s RSS_MB s cpu_s draws/s RSS_MB
for n in $DRAWS; do
    cat "$T/dcd1_$n.time" "$T/dcd2_$n.time" "$T/peer_$n.time" | awk -v n="$n" '
        { e[NR] = $1; r[NR] = $2 / 1024; u[NR] = $3 + $4 }
        END { printf "%-8d", n
              for (i = 1; i <= 3; i++) printf " | %7.2f %7.2f %10.0f %7.1f", e[i], u[i], (e[i] > 0 ? n / e[i] : 0), r[i]
              printf "\n" }'
done
N=$(echo $DRAWS | awk "{ print \$NF }")
set -- $(cat "$T/dcd1_$N.time") $(cat "$T/dcd2_$N.time") $(cat "$T/peer_$N.time")
peer_self=$(tail -n 1 "$T/peer_$N.out")
awk -v nn="$N" -v a="$1" -v b="$5" -v c="$9" -v acpu="$(echo "$3 $4" | awk '{ print $1 + $2 }')" \
    -v ccpu="$(echo "${11} ${12}" | awk '{ print $1 + $2 }')" \
    -v self="$peer_self" -v r="$(cut -d' ' -f1 "$T/dcdr_$N.time")" -v a4="$(cut -d' ' -f1 "$T/dcd1_10000.time" 2>/dev/null)" \
    -v a5="$(cut -d' ' -f1 "$T/dcd1_100000.time" 2>/dev/null)" 'BEGIN {
    printf "at %d draws, elapsed: dcdemand 1 thread is %.2fx the peer, 2 threads %.2fx the peer; 2 threads / 1 thread: %.2fx\n",
        nn, (a > 0 ? c / a : 0), (b > 0 ? c / b : 0), (b > 0 ? a / b : 0)
    printf "at %d draws, CPU time: dcdemand 1 thread is %.2fx the peer\n", nn, (acpu > 0 ? ccpu / acpu : 0)
    printf "at %d draws, dcdemand 1 thread with random sampling (as the peer samples): %.2f s elapsed, %.2fx the peer\n",
        nn, r, (r > 0 ? c / r : 0)
    printf "peer elapsed by its own clock (sampling, model, statistics; no start-up): %s s\n", self
    printf "linearity, dcdemand 1 thread: t(10^5)/t(10^4) = %.1f, t(10^6)/t(10^5) = %.1f (10 when linear; start-up weighs at 10^4)\n",
        (a4 > 0 ? a5 / a4 : 0), (a5 > 0 ? a / a5 : 0) }'

# Every cell of quantiles.csv (8 summary metrics x every year: mean, sd,
# P5...P95) and every exceedance probability, dcdemand (1 thread, Latin
# hypercube) against the peer (random sampling), at each D.  Tolerances, five
# standard errors of the difference of two independent estimates:
#   mean: 5 sqrt(2/n) sd;   sd: 5 sqrt(2/n) sd (an sd's standard error is
#   sd sqrt((kurtosis - 1) / 4n), below sd / sqrt(n) for these outputs);
#   percentile p: 5 sqrt(2 p (1 - p) / n) dq/dp + 1e-3 |q| (dq/dp from
#   dcdemand's neighbouring percentiles; 1e-3 covers the histogram's relative
#   accuracy of 6e-5 with room);
#   exceedance: 5 sqrt(2 max(p (1 - p), 1/n) / n).
status=0
for n in $DRAWS; do
    Q=$(find "$T/out1_$n" -name quantiles.csv | head -n 1)
    E=$(find "$T/out1_$n" -name exceedance.csv | head -n 1)
    if [ -z "$Q" ] || [ -z "$E" ]; then
        echo "mc bench: dcdemand wrote no quantiles.csv or exceedance.csv at $n draws" >&2
        exit 1
    fi
    { sed 1d "$Q" | tr ',' ' ' | sed 's/^/D /'; sed 1d "$E" | tr ',' ' ' | sed 's/^/F /'
      grep '^[QE] ' "$T/peer_$n.out"; } >"$T/cmp_$n"
    awk -v n="$n" -v show="$([ "$n" = "$N" ] && echo 1 || echo 0)" '
    function abs(x) { return x < 0 ? -x : x }
    function check(cat, what, d, p, tol) {
        r = tol > 0 ? abs(d - p) / tol : (d == p ? 0 : 1e9)
        checked++
        if (r > worst[cat]) worst[cat] = r
        if (r > 1) { bad++; if (bad <= 20) printf "  DISAGREE %s: dcdemand %.9g, peer %.9g, tolerance %.3g\n", what, d, p, tol }
    }
    $1 == "D" { key = $2 " " $3; for (i = 4; i <= 12; i++) dv[key, i - 3] = $i; keys[key] = 1 }
    $1 == "Q" { key = $2 " " $3; for (i = 4; i <= 12; i++) pv[key, i - 3] = $i; havep[key] = 1 }
    $1 == "F" { de[$2 " " $3 " " $4] = $5 }
    $1 == "E" { pe[$2 " " $3 " " $4] = $5 }
    END {
        split("5 10 25 50 75 90 95", ps, " ")
        lo[1] = 1; hi[1] = 2; lo[2] = 1; hi[2] = 3; lo[3] = 2; hi[3] = 4; lo[4] = 3; hi[4] = 5
        lo[5] = 4; hi[5] = 6; lo[6] = 5; hi[6] = 7; lo[7] = 6; hi[7] = 7
        ncell = 0
        for (key in keys) {
            ncell++
            if (!(key in havep)) { printf "  MISSING in the peer: %s\n", key; bad++; continue }
            sd = dv[key, 2]
            check("m", key " mean", dv[key, 1], pv[key, 1], 5 * sqrt(2 / n) * sd + 1e-9 * abs(dv[key, 1]))
            check("s", key " sd", dv[key, 2], pv[key, 2], 5 * sqrt(2 / n) * sd + 1e-9 * abs(dv[key, 1]))
            for (k = 1; k <= 7; k++) {
                pr = ps[k] / 100
                slope = (dv[key, 2 + hi[k]] - dv[key, 2 + lo[k]]) / ((ps[hi[k]] - ps[lo[k]]) / 100)
                check("p", key " p" ps[k], dv[key, 2 + k], pv[key, 2 + k],
                      5 * sqrt(2 * pr * (1 - pr) / n) * slope + 1e-3 * abs(dv[key, 2 + k]))
            }
        }
        for (key in de) {
            if (!(key in pe)) { printf "  MISSING in the peer: exceedance %s\n", key; bad++; continue }
            v = de[key] * (1 - de[key]); if (v < 1 / n) v = 1 / n
            check("e", "exceedance " key, de[key], pe[key], 5 * sqrt(2 * v / n))
        }
        printf "at %d draws: %d cells (years x metrics) and %d thresholds, %d statistics compared; worst |diff|/tolerance: mean %.2f, sd %.2f, percentiles %.2f, exceedance %.2f\n",
            n, ncell, length(de), checked, worst["m"], worst["s"], worst["p"], worst["e"]
        if (show) {
            printf "dc_share_pct in 2030 at %d draws: dcdemand (lhs) and the peer (random)\n", n
            printf "%-5s %12s %12s %10s\n", "stat", "dcdemand", "peer", "diff"
            split("mean sd p5 p10 p25 p50 p75 p90 p95", nm, " ")
            for (k = 1; k <= 9; k++)
                printf "%-5s %12.4f %12.4f %10.4f\n", nm[k], dv["2030 dc_share_pct", k], pv["2030 dc_share_pct", k],
                    dv["2030 dc_share_pct", k] - pv["2030 dc_share_pct", k]
        }
        if (bad) printf "at %d draws: %d statistics disagree beyond sampling noise\n", n, bad
        exit bad ? 1 : 0
    }' "$T/cmp_$n" || status=1
done
[ "$status" = 0 ] && echo "dcdemand and the peer agree within sampling noise on every statistic"
exit "$status"
