#!/bin/sh
# tests/cli/test_plot_pdf.sh - a PDF chart is the PNG's picture at 144 px per
# inch (docs/charts.md): at 700x480, 1200x720 and 2400x1440 the page is
# W/144 x H/144 inches and its text takes the same share of the picture as
# the PNG's.  The PDF is rasterised at 144 dpi (pdftoppm, poppler-utils) and
# the extent of the title and of the subtitle (their dark pixels) compared
# with the PNG's; a PDF whose text did not follow --size (a fixed page, or
# fonts in other units) differs by far more than the 3 % allowed.
. tests/cli/lib.sh

N=22
if ! have_gnuplot; then
    skip "PDF text scales with --size" $N "gnuplot is not installed (make deps)"
    exit 0
fi
if ! command -v pdftoppm >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1 ||
    ! command -v python3 >/dev/null 2>&1; then
    skip "PDF text scales with --size" $N "pdftoppm and pdfinfo (poppler-utils) or python3 missing"
    exit 0
fi

dcd run -q --no-plots -o "$T" tests/golden/ireland.yaml
expect_rc "run: exit 0" 0
D="$T/ireland-like"

# extent FILE Y0 Y1: "LEFT RIGHT TOP BOTTOM WIDTH" of the dark pixels of rows
# Y0..Y1 of FILE (a PNG of pngcairo, 8-bit, or a binary PGM of pdftoppm).
extent() {
    python3 - "$@" <<'EOF'
import struct, sys, zlib

def png(path, last):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0
            bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(min(h, last)):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([line[x * bpp] if bpp < 3 else sum(line[x * bpp:x * bpp + 3]) // 3 for x in range(w)])
        prev = line
    return w, rows

def pgm(path):
    data = open(path, "rb").read()
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P5"
    w, h = int(parts[1]), int(parts[2])
    pix = parts[4][-w * h:]
    return w, [list(pix[y * w:(y + 1) * w]) for y in range(h)]

path, y0, y1 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
w, rows = png(path, y1) if path.endswith(".png") else pgm(path)
xs, ys = [], []
for y in range(y0, min(y1, len(rows))):
    for x, v in enumerate(rows[y]):
        if v < 110:
            xs.append(x)
            ys.append(y)
print(min(xs), max(xs), min(ys), max(ys), w)
EOF
}

# same_share NAME A B: the extents A and B ("LEFT RIGHT TOP BOTTOM WIDTH")
# take the same share of their picture's width, within 3 %, and the same
# height within 2 px.
same_share() {
    echo "$2 $3" | awk '{ a = ($2 - $1 + 1) / $5; b = ($7 - $6 + 1) / $10;
        ha = $4 - $3; hb = $9 - $8; d = ha - hb; if (d < 0) d = -d
        ok = a > 0 && b / a > 0.97 && b / a < 1.03 && d <= 2
        printf "%s: png %.4f, pdf %.4f of the width, heights %d and %d px\n", "'"$1"'", a, b, ha, hb
        exit ok ? 0 : 1 }'
}

for s in 700x480 1200x720 2400x1440; do
    w=${s%x*}
    h=${s#*x}
    dcd plot -q -f png --size $s "$D"
    expect_rc "plot png $s: exit 0" 0
    cp "$D/share.png" "$T/share_$s.png"
    dcd plot -q -f pdf --size $s "$D"
    expect_rc "plot pdf $s: exit 0" 0
    # The page: W/144 x H/144 inches, in points (72 per inch), to 0.01 in.
    pts=$(pdfinfo "$D/share.pdf" | sed -n 's/^Page size: *\([0-9.]*\) x \([0-9.]*\) pts.*/\1 \2/p')
    check "pdf $s: the page is W/144 x H/144 inches ($pts pts)" \
        sh -c "echo '$pts $w $h' | awk '{ exit (\$1 - \$3 / 2) ^ 2 < 2.25 && (\$2 - \$4 / 2) ^ 2 < 2.25 ? 0 : 1 }'"
    pdftoppm -r 144 -gray -singlefile "$D/share.pdf" "$T/share_$s"
    check "pdf $s: rasterised at 144 dpi" test -s "$T/share_$s.pgm"
    for band in "title 10 52" "subtitle 62 88"; do
        set -- $band
        a=$(extent "$T/share_$s.png" "$2" "$3")
        b=$(extent "$T/share_$s.pgm" "$2" "$3")
        check "pdf $s: the $1 takes the share of the picture it takes in the png" \
            same_share "$1 $s" "$a" "$b"
    done
    # The text keeps its size in pixels (points at 144 per inch), as the
    # PNG's does: a larger picture shows more, not larger, text.
    eval "t_$w=\$(extent \"\$T/share_\$s.pgm\" 62 88)"
done
check "pdf: the subtitle's height in pixels is the same at 1200x720 and 2400x1440" \
    sh -c "echo '$t_1200 $t_2400' | awk '{ d = (\$4 - \$3) - (\$9 - \$8); exit d * d <= 1 ? 0 : 1 }'"
check "pdf: the subtitle takes half the share of a picture twice as wide" \
    sh -c "echo '$t_1200 $t_2400' | awk '{ r = ((\$7 - \$6 + 1) / \$10) / ((\$2 - \$1 + 1) / \$5); exit r > 0.48 && r < 0.52 ? 0 : 1 }'"
check "pdf: and is not cut at 700x480" test -n "$t_700"
