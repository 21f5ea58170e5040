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
array dcd_seg[4] = ["#D55E00", "#56B4E9", "#009E73", "#F0E442"]

# The scenario's text, used only as labels ($TEXT[1] title, [2] name,
# [3]... the footer's lines, then the segments, then the reference marks).
# It is never run as a command.
$TEXT << EOD_dcdemand_text_7c1e
IEA 2025 Headwinds Case, World: data centres at about 700 TWh in 2035
iea-2025-world-headwinds
Source: IEA (Apr 2025), Energy and AI, World Energy Outlook Special Report
accelerated (AI)
conventional
storage
network
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year, then facility_twh (TWh) of each segment in the order of $TEXT[4...]
2024 88.9317 266.7808 29.6439 29.6439
2025 101.49774921 278.729912032 30.971650281 30.971650281
2026 115.839381173 291.214224792 32.3588704971 32.3588704971
2027 132.207485733 304.25770992 33.8082243067 33.8082243067
2028 150.888403467 317.885412748 35.3224946733 35.3224946733
2029 172.208934877 332.123500385 36.9045892098 36.9045892098
2030 196.542057375 346.999311967 38.5575457605 38.5575457605
2031 201.325891052 355.44527522 39.4960364243 39.4960364243
2032 206.22616324 364.096813219 40.4573699508 40.4573699508
2033 211.245708053 372.958929653 41.4421023355 41.4421023355
2034 216.387428587 382.036750001 42.4508031063 42.4508031063
2035 221.654298599 391.335524496 43.4840556539 43.4840556539
EOD_dcdemand_data

$HISTORY_1 << EOD_dcdemand_data
# year value
2024 415
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 "Data-centre electricity use by segment  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
set label 3 $TEXT[3] at screen 0.012, 0.0194 left font "Sans,9" textcolor rgb "#555555" noenhanced
# The same plot area on every chart of this command (pixels from the edges:
# left 92, right 36, top 108, bottom 166), so that the charts line up.
set lmargin at screen 0.0767
set rmargin at screen 0.9700
set tmargin at screen 0.8500
set bmargin at screen 0.2306
set border 3 linecolor rgb "#444444"
set tics nomirror out scale 0.6
set grid ytics linetype 1 linewidth 1 linecolor rgb "#E5E5E5"
set key at screen 0.0517, 0.1361 left top horizontal maxcols 2 maxrows 3 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
set datafile missing "?"
set xlabel "Year"
set xrange [2023.5:2035]
set xtics 2024, 1 format "%.0f"
set ylabel "Facility energy (TWh per year)"
set format y "%g"
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

dcd_nseg = 4
plot for [k=dcd_nseg:1:-1] $DATA using 1:(sum [j=2:k] column(j)):(sum [j=2:k+1] column(j)) \
         with filledcurves fillcolor rgb dcd_seg[k] fillstyle solid 0.9 noborder \
         title $TEXT[4+k-1], \
     $HISTORY_1 using 1:2 with points pointtype 6 pointsize 1.5*dcd_ps linewidth 2 linecolor rgb dcd_mark title "Observed: all data centres"
unset output
