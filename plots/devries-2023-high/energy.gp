# energy.gp - Data-centre electricity use by segment, written by dcdemand.
#
# Redraw by hand:  gnuplot energy.gp  (from this folder, or give its path from
# anywhere): it writes energy.png beside this script.  Another format:
#   gnuplot -e "fmt='svg'" energy.gp     (png, svg or pdf)
# Edit freely: the numbers are in the datablocks below.

reset
set encoding utf8
dcd_fmt = exists("fmt") ? fmt : "png"
if (dcd_fmt eq "svg") {
    set terminal svg size 1200,720 dynamic font "Sans,12" fontscale 1.333 noenhanced background "white"
} else {
    if (dcd_fmt eq "pdf") {
        set terminal pdfcairo size 8.33in,5.00in font "Sans,12" pointscale 0.6 noenhanced
    } else {
        dcd_fmt = "png"
        set terminal pngcairo size 1200,720 font "Sans,12" noenhanced background "white"
    }
}
# SVG draws points larger than the cairo terminals: the same size in both.
dcd_ps = dcd_fmt eq "svg" ? 0.65 : 1.0
# The picture goes beside this script, wherever gnuplot is started.
dcd_me = "/energy.gp"
dcd_n = strlen(dcd_me)
dcd_dir = (exists("ARG0") && strlen(ARG0) >= dcd_n && ARG0[strlen(ARG0)-dcd_n+1:] eq dcd_me) ? ARG0[1:strlen(ARG0)-dcd_n+1] : ""
# dcdemand draws into a temporary name (dcd_output) and renames the picture
# once it is complete; by hand it is energy.FORMAT.
if (!exists("dcd_output")) dcd_output = "energy.".dcd_fmt
set output dcd_dir.dcd_output
undefine dcd_output

# Okabe-Ito colours, the same on every chart: data centres, AI, the rest
# of the economy, markers, then each segment (AI segments in AI's colours).
dcd_dc = "#0072B2"
dcd_ai = "#D55E00"
dcd_rest = "#BBBBBB"
dcd_mark = "#000000"
array dcd_seg[1] = ["#D55E00"]

# The scenario's text, used only as labels ($TEXT[1] title, [2] name,
# [3]... the footer's lines, then the segments, then the reference marks).
# It is never run as a command.
$TEXT << EOD_dcdemand_text_7c1e
de Vries 2023, high case: 1.5 million AI servers at 10.2 kW (DGX H100)
devries-2023-high
Sources: de Vries, A. (2023), The growing energy footprint of artificial intelligence, Joule 7(10), 2191-2194;
NVIDIA DGX A100 / DGX H100 user guides: maximum system power 6.5 kW / 10.2 kW; IEA, Electricity 2024 and 2025 (world electricity demand;
the 30,000 TWh is the modeller's round figure)
ai_servers
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year, then facility_twh (TWh) of each segment in the order of $TEXT[6...]
2027 134.028
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 "Data-centre electricity use by segment  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
set label 3 $TEXT[3] at screen 0.012, 0.0611 left font "Sans,9" textcolor rgb "#555555" noenhanced
set label 4 $TEXT[4] at screen 0.012, 0.0403 left font "Sans,9" textcolor rgb "#555555" noenhanced
set label 5 $TEXT[5] at screen 0.012, 0.0194 left font "Sans,9" textcolor rgb "#555555" noenhanced
# The same plot area on every chart of this command (pixels from the edges:
# left 92, right 36, top 108, bottom 175), so that the charts line up.
set lmargin at screen 0.0767
set rmargin at screen 0.9700
set tmargin at screen 0.8500
set bmargin at screen 0.2431
set border 3 linecolor rgb "#444444"
set tics nomirror out scale 0.6
set grid ytics linetype 1 linewidth 1 linecolor rgb "#E5E5E5"
set key at screen 0.0517, 0.1486 left top horizontal maxcols 2 maxrows 1 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
set datafile missing "?"
set xlabel "Year"
set xrange [2026:2028]
set xtics 2026, 1 format "%.0f"
set ylabel "Facility energy (TWh per year)"
set format y "%g"
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

dcd_nseg = 1
set boxwidth 0.5
plot for [k=dcd_nseg:1:-1] $DATA using 1:(sum [j=2:k+1] column(j)) \
         with boxes fillcolor rgb dcd_seg[k] fillstyle solid 0.9 noborder \
         title $TEXT[6+k-1]
unset output
