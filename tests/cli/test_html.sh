#!/bin/sh
# tests/cli/test_html.sh - the web report (index.html of `dcdemand report`):
# self-contained (no script, no external reference, every picture a data:
# URI that decodes to a PNG), scenario text escaped (hostile title, sources
# and description), meaningful digits for a small country; then, when
# Debian's chromium is installed (make deps-browser), rendered by a headless
# Chromium: no console message, a non-blank screenshot, a PDF printed.
. tests/cli/lib.sh

G=tests/golden/compare
if have_gnuplot; then PLOTS=; else PLOTS=--no-plots; fi

# An Ireland-sized scenario with hostile text: markup, quotes, ampersands,
# an escape sequence and a control character.
cat >"$T/ie.yaml" <<'EOF'
name: ireland-like
title: "Ireland-like <script>alert(\"x\")</script> & 'quotes' \e[2J\x01 end"
description: "A small country: data centres about a fifth of demand. <b>bold</b> & \"more\""
sources:
  - "EirGrid & CSO <img src=x onerror=alert(1)> \"quoted\" </style><a href='http://example.com/'>x</a>"
years: {start: 2023, base: 2023, end: 2032}
national:
  total_twh: 31
  growth: 0.01
pue: 1.4
cost_per_mw_usd: 1.2e7
segments:
  ai:
    ai: true
    driver: capacity
    capacity_gw: 0.15
    growth: 0.2
    utilisation: 0.7
    idle: 0.2
  conventional:
    ai: false
    driver: capacity
    capacity_gw: 0.62
    growth: 0.04
    utilisation: 0.6
    idle: 0.3
expect:
  - {year: 2023, metric: dc_share_pct, value: 21, tolerance: 3}
EOF

dcd report "$T/ie.yaml" $G/a.yaml $PLOTS -o "$T/rep"
expect_rc "report: exit 0" 0
H="$T/rep/index.html"
check "report writes index.html" test -s "$H"
check "report names index.html" grep -q "^wrote $T/rep/index.html\$" "$T/stdout"
check "index.html: a complete document" sh -c "head -n 1 '$H' | grep -qx '<!DOCTYPE html>' && tail -n 1 '$H' | grep -qx '</html>'"

# Escaping: the hostile text appears only escaped.
check "html: no <script> element" sh -c "! grep -qi '<script' '$H'"
check "html: the title's markup is escaped" \
    grep -q 'Ireland-like &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;' "$H"
check "html: no element from the sources" sh -c "! grep -q '<img src=x' '$H'"
check "html: the sources are escaped" grep -q 'EirGrid &amp; CSO &lt;img src=x onerror=alert(1)&gt;' "$H"
check "html: no </style> from the sources" test "$(grep -c '</style>' "$H")" -eq 1
check "html: the description is escaped" grep -q '&lt;b&gt;bold&lt;/b&gt; &amp; &quot;more&quot;' "$H"
LC_ALL=C tr -d '\001\033' <"$H" >"$T/noctl.html"
expect_same "html: control characters are not written" "$H" "$T/noctl.html"

# Self-contained: no reference outside the page.
check "html: no fetching element or style rule" \
    sh -c "! grep -Eqi 'url\\(|@import|<link|<iframe|<object|<embed|<base|<script' '$H'"
grep -Eo '(src|href)="[^"]*' "$H" | grep -v '^src="data:image/png;base64,' | grep -v '^href="#' >"$T/refs" || true
check "html: every src or href is a data: picture or an anchor" test ! -s "$T/refs"
check "html: a policy that forbids fetches" grep -q "content=\"default-src 'none'; img-src data:;" "$H"

# Small-country digits: three significant digits.
check "html: capacity with meaningful digits" \
    grep -q '<tr><td>Data centres, installed IT capacity</td><td>GW</td><td class="r">0.770</td>' "$H"
check "html: the assumptions that differ" grep -q '<h3>Assumptions that differ</h3>' "$H"
check "html: what it takes: capacity added since the base year" \
    grep -q '<td>IT capacity added since the base year</td>' "$H"
check "html: what it takes: capital spending" grep -q '<td>Capital spending in the year</td>' "$H"
check "html: the check of published figures" grep -q '<h2 id="check">Published figures</h2>' "$H"

# Every picture: a data: URI that decodes to the PNG the report drew.
if [ -z "$PLOTS" ]; then
    grep -o 'src="data:image/png;base64,[^"]*"' "$H" | sed 's/^src="data:image\/png;base64,//; s/"$//' >"$T/imgs"
    nimg=$(wc -l <"$T/imgs")
    npng=$(ls "$T/rep"/*/*.png | wc -l)
    check "html: every chart embedded ($npng)" test "$nimg" -eq "$npng"
    bad=0
    i=0
    while read -r b64; do
        i=$((i + 1))
        printf '%s' "$b64" | base64 -d >"$T/img$i.png" 2>/dev/null || bad=1
        head -c 8 "$T/img$i.png" | od -An -tx1 | tr -d ' \n' | grep -qx '89504e470d0a1a0a' || bad=1
        found=0
        for f in "$T/rep"/*/*.png; do cmp -s "$f" "$T/img$i.png" && found=1; done
        [ "$found" -eq 1 ] || bad=1
    done <"$T/imgs"
    check "html: every picture decodes to a drawn PNG" test "$bad" -eq 0
else
    skip "html pictures" 2 "gnuplot is not installed (make deps)"
fi

# Reproducible: the same inputs give the same page.
cp "$H" "$T/index1.html"
dcd report "$T/ie.yaml" $G/a.yaml $PLOTS -q -o "$T/rep"
expect_same "html: the same inputs give the same bytes" "$T/index1.html" "$H"

# One scenario: no comparison section, still a page.
dcd report $G/a.yaml --no-plots -q -o "$T/one"
expect_rc "report of one scenario: exit 0" 0
check "html of one scenario: no comparison" sh -c "! grep -q 'id=\"compare\"' '$T/one/index.html'"
check "html of one scenario: a note for each missing chart" sh -c "! grep -q '<img' '$T/one/index.html'"

# ---- in a real browser -------------------------------------------------------
BROWSER=
for b in chromium chromium-browser; do
    if command -v "$b" >/dev/null 2>&1; then
        BROWSER=$b
        break
    fi
done

# browse OUTPREFIX URL ARGS...: runs the headless browser on URL; stderr
# (the console log) in OUTPREFIX.err.
browse() {
    out=$1
    url=$2
    shift 2
    prof=$(mktemp -d "$T/profile.XXXXXX")
    timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$prof" --enable-logging=stderr --v=0 "$@" "$url" \
        >"$out.out" 2>"$out.err"
}

# Console messages of a page: the lines Chromium logs for them.
console_lines() {
    grep -E 'CONSOLE|Uncaught|Refused to|Failed to load resource|net::ERR_' "$1" || true
}

if [ -z "$BROWSER" ]; then
    skip "html in a browser" 7 "chromium not installed (make deps-browser)"
else
    # The check can fail: a page that logs to the console is seen.
    printf '<!DOCTYPE html><html><body><script>console.error("probe")</script></body></html>\n' \
        >"$T/probe.html"
    browse "$T/probe" "file://$T/probe.html" --dump-dom
    check "browser: a console message is seen (control)" sh -c "console_lines() { grep -E 'CONSOLE|Uncaught' \"\$1\"; }; console_lines '$T/probe.err' >/dev/null"

    browse "$T/dom" "file://$H" --dump-dom
    check "browser: the page renders (dump-dom)" grep -q '<h1>Data-centre electricity: scenario report</h1>' "$T/dom.out"
    if [ -z "$(console_lines "$T/dom.err")" ]; then pass "browser: no console message"; else
        fail "browser: no console message" "$(console_lines "$T/dom.err" | head -n 5)"
    fi

    printf '<!DOCTYPE html><html><body></body></html>\n' >"$T/blank.html"
    browse "$T/b" "file://$T/blank.html" --screenshot="$T/blank.png" --window-size=1200,2000
    browse "$T/s" "file://$H" --screenshot="$T/shot.png" --window-size=1200,2000
    check "browser: a screenshot" test -s "$T/shot.png"
    # A uniform picture compresses to a few kilobytes: the page's is many
    # times larger than a blank page's (text, tables and charts).
    bs=$(wc -c <"$T/blank.png" 2>/dev/null || echo 0)
    ss=$(wc -c <"$T/shot.png" 2>/dev/null || echo 0)
    check "browser: the screenshot is not blank ($ss bytes, blank $bs)" test "$ss" -gt $((10 * bs + 10000))

    browse "$T/p" "file://$H" --print-to-pdf="$T/page.pdf" --no-pdf-header-footer
    check "browser: prints to PDF" sh -c "head -c 5 '$T/page.pdf' | grep -q '%PDF-'"
    if [ -z "$PLOTS" ]; then
        # The page tree's root counts every page: the largest /Count.
        np=$(grep -ao '/Count [0-9]*' "$T/page.pdf" | awk '$2 > n { n = $2 } END { print n + 0 }')
        check "browser: the PDF has a page per section ($np pages)" test "${np:-0}" -ge 3
    else
        skip "html PDF pages" 1 "gnuplot is not installed (make deps)"
    fi
fi
