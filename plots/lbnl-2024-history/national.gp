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
array dcd_seg[2] = ["#56B4E9", "#D55E00"]

# The scenario's text, used only as labels ($TEXT[1] title, [2] name,
# [3]... the footer's lines, then the segments, then the reference marks).
# It is never run as a command.
$TEXT << EOD_dcdemand_text_7c1e
LBNL 2024 history: US data centres 2014-2023, growth fitted to LBNL's estimates
lbnl-2024-history
Sources: Shehabi et al. (Dec 2024), 2024 United States Data Center Energy Usage Report, LBNL-2001637; EIA Electric Power Annual, Table 2.2; scenarios/data/us-national.csv
conventional
accelerated (AI)
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year other_twh dc_twh national_twh
2014 3845.3 58 3903.3
2015 3856.8359 60.4775 3917.3134
2016 3868.4064077 63.70512655 3932.11153425
2017 3880.01162692 68.0448671378 3948.05649406
2018 3891.6516618 74.037375862 3965.68903767
2019 3903.32661679 82.4902319288 3985.81684872
2020 3915.03659664 94.609797795 4009.64639443
2021 3926.78170643 112.198215181 4038.97992161
2022 3938.56205155 137.947717065 4076.50976861
2023 3950.3777377 175.880329743 4126.25806745
2024 3962.22887092 232.004787656 4194.23365857
2025 3974.11555753 315.297964085 4289.41352161
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 "National electricity demand: data centres and the rest  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
set label 3 $TEXT[3] at screen 0.012, 0.0194 left font "Sans,9" textcolor rgb "#555555" noenhanced
# The same plot area on every chart of this command (pixels from the edges:
# left 92, right 36, top 108, bottom 145), so that the charts line up.
set lmargin at screen 0.0767
set rmargin at screen 0.9700
set tmargin at screen 0.8500
set bmargin at screen 0.2014
set border 3 linecolor rgb "#444444"
set tics nomirror out scale 0.6
set grid ytics linetype 1 linewidth 1 linecolor rgb "#E5E5E5"
set key at screen 0.0517, 0.1069 left top horizontal maxcols 2 maxrows 1 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
set datafile missing "?"
set xlabel "Year"
set xrange [2013.5:2025]
set xtics 2014, 1 format "%.0f"
set ylabel "Electricity demand (TWh per year)"
set format y "%g"
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

plot $DATA using 1:2:4 with filledcurves fillcolor rgb dcd_dc fillstyle solid 0.9 noborder title "Data centres", \
     $DATA using 1:(0):2 with filledcurves fillcolor rgb dcd_rest fillstyle solid 0.9 noborder title "Rest of the economy"
unset output
