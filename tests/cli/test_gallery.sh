#!/bin/sh
# The chart gallery in plots/ is current: every scenario has its folder, and
# the results the charts were drawn from equal a fresh run (make charts
# refreshes the gallery).
. tests/cli/lib.sh

for f in scenarios/*.yaml; do
    dcd run -q --no-plots -o "$T/g" "$f"
    if [ "$RC" -ne 0 ]; then
        fail "gallery: $f runs" "exit $RC"
        continue
    fi
    name=$(ls "$T/g")
    for file in summary.csv segments.csv scenario.yaml; do
        if cmp -s "$T/g/$name/$file" "plots/$name/$file"; then
            pass "gallery: plots/$name/$file is current"
        else
            fail "gallery: plots/$name/$file is current" "run 'make charts'"
        fi
    done
    check "gallery: plots/$name/share.png exists" test -s "plots/$name/share.png"
    rm -rf "$T/g"
done
