# national.gp - National electricity demand: data centres and the rest, written by dcdemand.
#
# Redraw by hand:  gnuplot national.gp  (from this folder, or give its path from
# anywhere): it writes national.png beside this script.  Another format:
#   gnuplot -e "fmt='svg'" national.gp     (png, svg or pdf)
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
dcd_me = "/national.gp"
dcd_n = strlen(dcd_me)
dcd_dir = (exists("ARG0") && strlen(ARG0) >= dcd_n && ARG0[strlen(ARG0)-dcd_n+1:] eq dcd_me) ? ARG0[1:strlen(ARG0)-dcd_n+1] : ""
# dcdemand draws into a temporary name (dcd_output) and renames the picture
# once it is complete; by hand it is national.FORMAT.
if (!exists("dcd_output")) dcd_output = "national.".dcd_fmt
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
IEA 2025 Base Case, World: data centres from 415 TWh (2024) to about 945 TWh (2030)
iea-2025-world-base
Source: IEA (Apr 2025), Energy and AI, World Energy Outlook Special Report
accelerated (AI)
conventional
storage
network
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year other_twh dc_twh national_twh
2024 27584.9997 415.0003 28000
2025 28550.4746895 469.6030768 29020.0777663
2026 29549.7413036 534.019884455 30083.7611881
2027 30583.9822493 610.52552353 31194.5077728
2028 31654.421628 701.994723373 32356.4163514
2029 32762.326385 812.068371576 33574.3947565
2030 33909.0078084 945.366579076 34854.3743875
2031 35095.8230817 991.595004793 36087.4180865
2032 36324.1768896 1040.08400053 37364.2608901
2033 37595.5230807 1090.94410815 38686.4671889
2034 38911.3663886 1144.29127504 40055.6576636
2035 40273.2642122 1200.24711839 41473.5113305
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,15" noenhanced
set label 2 "National electricity demand: data centres and the rest  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
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
set key at screen 0.0517, 0.1361 left top horizontal maxcols 2 maxrows 1 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
set datafile missing "?"
set xlabel "Year"
set xrange [2023.5:2035.5]
set xtics 2024, 1 format "%.0f"
set ylabel "Electricity demand (TWh per year)"
set format y "%g"
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

plot $DATA using 1:2:4 with filledcurves fillcolor rgb dcd_dc fillstyle solid 0.9 noborder title "Data centres", \
     $DATA using 1:(0):2 with filledcurves fillcolor rgb dcd_rest fillstyle solid 0.9 noborder title "Rest of the economy"
unset output
