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
array dcd_seg[1] = ["#56B4E9"]

# The scenario's text, used only as labels ($TEXT[1] title, [2] name,
# [3]... the footer's lines, then the segments, then the reference marks).
# It is never run as a command.
$TEXT << EOD_dcdemand_text_7c1e
EPRI 2024, high case: US data centres grow 10 %/yr, 6.8 % of US demand in 2030
epri-2024-high
Sources: EPRI (May 2024), Powering Intelligence: Analyzing Artificial Intelligence and Data Center Energy Consumption;
EIA, total US electricity end use 2023 (about 4,000 TWh); scenarios/data/us-national.csv
data_centres
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year other_twh dc_twh national_twh
2023 3847.29 152.71 4000
2024 3876.144675 167.981 4044.125675
2025 3905.21576006 184.7791 4089.99486006
2026 3934.50487826 203.25701 4137.76188826
2027 3964.01366485 223.582711 4187.59637585
2028 3993.74376734 245.9409821 4239.68474944
2029 4023.69684559 270.53508031 4294.2319259
2030 4053.87457193 297.588588341 4351.46316027
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 "National electricity demand: data centres and the rest  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
set label 3 $TEXT[3] at screen 0.012, 0.0403 left font "Sans,9" textcolor rgb "#555555" noenhanced
set label 4 $TEXT[4] at screen 0.012, 0.0194 left font "Sans,9" textcolor rgb "#555555" noenhanced
# The same plot area on every chart of this command (pixels from the edges:
# left 92, right 36, top 108, bottom 139), so that the charts line up.
set lmargin at screen 0.0767
set rmargin at screen 0.9700
set tmargin at screen 0.8500
set bmargin at screen 0.1931
set border 3 linecolor rgb "#444444"
set tics nomirror out scale 0.6
set grid ytics linetype 1 linewidth 1 linecolor rgb "#E5E5E5"
set key at screen 0.0517, 0.0986 left top horizontal maxcols 2 maxrows 1 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
set datafile missing "?"
set xlabel "Year"
set xrange [2022.5:2030.5]
set xtics 2023, 1 format "%.0f"
set ylabel "Electricity demand (TWh per year)"
set format y "%g"
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

plot $DATA using 1:2:4 with filledcurves fillcolor rgb dcd_dc fillstyle solid 0.9 noborder title "Data centres", \
     $DATA using 1:(0):2 with filledcurves fillcolor rgb dcd_rest fillstyle solid 0.9 noborder title "Rest of the economy"
unset output
