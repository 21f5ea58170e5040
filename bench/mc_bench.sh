#!/bin/sh
# bench/mc_bench.sh - Monte Carlo speed of dcdemand against its NumPy peer
# (`make bench`; bench/README.md).
#
# From ONE run of this script, on bench/reference.yaml:
#   - `dcdemand mc -n D --threads 1` and `--threads 2`, and the peer
#     `python3 bench/peer_numpy.py D` (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
#     unset for the peer's command alone), at D = 10^4, 10^5, 10^6: elapsed
#     seconds and peak RSS from /usr/bin/time -f, draws per second;
#   - at 10^6: the ratios dcdemand (1 thread) / peer, dcdemand (2 threads) /
#     peer and 2 threads / 1 thread (elapsed), and 1 thread / peer in CPU
#     seconds (user + system; steadier on a shared machine);
#   - the percentiles of dc_share_pct in 2030 of dcdemand (LHS) and of the
#     peer (random sampling) at 10^6 draws, side by side, and a check that
#     they agree within sampling noise: |difference| <= 5 x sqrt(2 p (1 - p) / n)
#     x dq/dp + 1e-3 |q| (dq/dp from the neighbouring percentiles of
#     dcdemand; the 1e-3 covers the histogram's relative accuracy of 1e-4 with room).
#     The script fails (status 1) when they disagree beyond that.
# Speed is never asserted: machines here are shared, read the ratios.
#
# Usage: sh bench/mc_bench.sh [DCDEMAND]     (from the project root)
set -u
LC_ALL=C
export LC_ALL
BIN=${1:-./dcdemand}
SCEN=bench/reference.yaml
DRAWS="10000 100000 1000000"
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
    run "dcd1_$n" "$BIN" mc "$SCEN" -n "$n" --threads 1 -q -o "$T/out1_$n"
    run "dcd2_$n" "$BIN" mc "$SCEN" -n "$n" --threads 2 -q -o "$T/out2_$n"
    run "peer_$n" sh -c 'unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE; exec python3 bench/peer_numpy.py "$1"' sh "$n"
done

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
N=1000000
set -- $(cat "$T/dcd1_$N.time") $(cat "$T/dcd2_$N.time") $(cat "$T/peer_$N.time")
peer_self=$(tail -n 1 "$T/peer_$N.out")
awk -v a="$1" -v b="$5" -v c="$9" -v acpu="$(echo "$3 $4" | awk '{ print $1 + $2 }')" \
    -v ccpu="$(echo "${11} ${12}" | awk '{ print $1 + $2 }')" \
    -v self="$peer_self" -v a4="$(cut -d' ' -f1 "$T/dcd1_10000.time")" \
    -v a5="$(cut -d' ' -f1 "$T/dcd1_100000.time")" 'BEGIN {
    printf "at 10^6 draws, elapsed: dcdemand 1 thread is %.2fx the peer, 2 threads %.2fx the peer; 2 threads / 1 thread: %.2fx\n",
        (a > 0 ? c / a : 0), (b > 0 ? c / b : 0), (b > 0 ? a / b : 0)
    printf "at 10^6 draws, CPU time: dcdemand 1 thread is %.2fx the peer\n", (acpu > 0 ? ccpu / acpu : 0)
    printf "peer elapsed by its own clock (model, sampling, percentiles; no start-up): %s s\n", self
    printf "linearity, dcdemand 1 thread: t(10^5)/t(10^4) = %.1f, t(10^6)/t(10^5) = %.1f (10 when linear; start-up weighs at 10^4)\n",
        (a4 > 0 ? a5 / a4 : 0), (a5 > 0 ? a / a5 : 0) }'

# Percentiles of dc_share_pct in 2030 at 10^6 draws.
Q=$(find "$T/out1_$N" -name quantiles.csv | head -n 1)
dq=$(awk -F, '$1 == 2030 && $2 == "dc_share_pct" { print $5, $6, $7, $8, $9, $10, $11 }' "$Q")
pq=$(awk '$1 == 2030 { print $2, $3, $4, $5, $6, $7, $8 }' "$T/peer_$N.out")
if [ -z "$dq" ] || [ -z "$pq" ]; then
    echo "mc bench: no 2030 percentiles to compare (dcdemand: '$dq', peer: '$pq')" >&2
    exit 1
fi
echo "dc_share_pct in 2030 at 10^6 draws: dcdemand (lhs) and the peer (random)"
awk -v n="$N" -v d="$dq" -v p="$pq" 'BEGIN {
    split("5 10 25 50 75 90 95", ps, " "); split(d, q, " "); split(p, r, " ")
    lo[1] = 1; hi[1] = 2; lo[2] = 1; hi[2] = 3; lo[3] = 2; hi[3] = 4; lo[4] = 3; hi[4] = 5
    lo[5] = 4; hi[5] = 6; lo[6] = 5; hi[6] = 7; lo[7] = 6; hi[7] = 7
    printf "%-4s %12s %12s %10s %10s\n", "pct", "dcdemand", "peer", "diff", "tolerance"
    bad = 0
    for (k = 1; k <= 7; k++) {
        pr = ps[k] / 100
        slope = (q[hi[k]] - q[lo[k]]) / ((ps[hi[k]] - ps[lo[k]]) / 100)
        tol = 5 * sqrt(2 * pr * (1 - pr) / n) * slope + 1e-3 * (q[k] < 0 ? -q[k] : q[k])
        diff = q[k] - r[k]
        ad = diff < 0 ? -diff : diff
        printf "p%-3s %12.4f %12.4f %10.4f %10.4f%s\n", ps[k], q[k], r[k], diff, tol, (ad > tol ? "  DISAGREE" : "")
        if (ad > tol) bad = 1
    }
    if (bad) print "the percentiles disagree beyond sampling noise"
    else print "the percentiles agree within sampling noise"
    exit bad }'
