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
array dcd_seg[5] = ["#56B4E9", "#009E73", "#F0E442", "#D55E00", "#CC79A7"]

# The scenario's text, used only as labels ($TEXT[1] title, [2] name,
# [3]... the footer's lines, then the segments, then the reference marks).
# It is never run as a command.
$TEXT << EOD_dcdemand_text_7c1e
LBNL 2025 update, reference case: US data centres 649 TWh (11.8%) in 2030
lbnl-2025-reference
Sources: Smith et al. (2025), United States Data Center Energy Usage Report: 2025 Update, LBNL;
Shehabi et al. (Dec 2024), 2024 United States Data Center Energy Usage Report, LBNL-2001637; EIA, US electricity end use 2023-2024; scenarios/data/us-national.csv;
NERC load forecast as used by LBNL 2025 (implied total only; not read)
conventional
storage
network
ai_training
ai_inference
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year other_twh dc_twh national_twh
2018 3923.809682 76.1903179951 4000
2019 3919.08380325 80.9161967506 4000
2020 3907.8327921 92.1672078982 4000
2021 3890.3415366 109.658463396 4000
2022 3865.25384021 134.746159786 4000
2023 3820.73174351 179.268256486 4000
2024 3875.09448342 221.905516584 4097
2025 4042.60933718 288.223996157 4330.83333333
2026 4204.8499947 359.816671971 4564.66666667
2027 4356.9705744 441.529425602 4798.5
2028 4502.31105751 530.022275825 5032.33333333
2029 4666.27180667 599.894859993 5266.16666667
2030 4849.79482704 650.205172959 5500
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 "National electricity demand: data centres and the rest  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
set label 3 $TEXT[3] at screen 0.012, 0.0611 left font "Sans,9" textcolor rgb "#555555" noenhanced
set label 4 $TEXT[4] at screen 0.012, 0.0403 left font "Sans,9" textcolor rgb "#555555" noenhanced
set label 5 $TEXT[5] at screen 0.012, 0.0194 left font "Sans,9" textcolor rgb "#555555" noenhanced
# The same plot area on every chart of this command (pixels from the edges:
# left 92, right 36, top 108, bottom 217), so that the charts line up.
set lmargin at screen 0.0767
set rmargin at screen 0.9700
set tmargin at screen 0.8500
set bmargin at screen 0.3014
set border 3 linecolor rgb "#444444"
set tics nomirror out scale 0.6
set grid ytics linetype 1 linewidth 1 linecolor rgb "#E5E5E5"
set key at screen 0.0517, 0.2069 left top horizontal maxcols 2 maxrows 1 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
set datafile missing "?"
set xlabel "Year"
set xrange [2013.5:2030.5]
set xtics 2014, 2 format "%.0f"
set mxtics 2
set ylabel "Electricity demand (TWh per year)"
set format y "%g"
# Observed or stated years to the left, projected years to the right.
set arrow 90 from first 2023, graph 0 to first 2023, graph 1 nohead linecolor rgb "#777777" linewidth 1 dashtype (4,4) back
set label 90 "base year 2023 " at first 2023, graph 0.97 right font "Sans,9" textcolor rgb "#666666" noenhanced
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

plot $DATA using 1:2:4 with filledcurves fillcolor rgb dcd_dc fillstyle solid 0.9 noborder title "Data centres", \
     $DATA using 1:(0):2 with filledcurves fillcolor rgb dcd_rest fillstyle solid 0.9 noborder title "Rest of the economy"
unset output
