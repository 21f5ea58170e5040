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
array dcd_seg[5] = ["#56B4E9", "#009E73", "#F0E442", "#D55E00", "#CC79A7"]

# The scenario's text, used only as labels ($TEXT[1] title, [2] name,
# [3]... the footer's lines, then the segments, then the reference marks).
# It is never run as a command.
$TEXT << EOD_dcdemand_text_7c1e
LBNL 2025 update, high end of the range: US data centres at 15.3% of demand in 2030
lbnl-2025-high
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
# year, then facility_twh (TWh) of each segment in the order of $TEXT[6...]
2018 48.9001977471 14.7407441506 9.48327263492 1.70726215527 1.35884130726
2019 50.4690543839 16.3168906928 9.69059956138 2.47207901714 1.96757309527
2020 55.4766760434 18.7102486821 10.6754667523 4.06745459765 3.23736182262
2021 62.21653658 21.3596931176 12.1915076306 7.7346088332 6.15611723459
2022 69.3130151425 23.8128602228 14.0311123933 15.3621526059 12.2270194211
2023 75.9499124193 25.8208374402 16.0229445338 34.2301538926 27.2444082002
2024 81.2034381376 27.0358024948 17.8379093716 53.3589768456 42.4693897342
2025 85.2708366022 27.6065321049 19.3868653869 86.8412311486 69.1185309142
2026 88.5129603803 27.7322529489 20.6373248334 124.133779052 98.8003547559
2027 91.2162101621 27.5737248227 21.6008172966 184.687723464 147.001637219
2028 93.5592914059 27.2414089183 22.3180642972 265.298607581 211.171531456
2029 94.9091852789 26.8124736567 22.7544861453 333.780749935 265.687152982
2030 95.3990410194 26.340777404 22.9664222897 387.739942357 308.642368586
EOD_dcdemand_data

$HISTORY_1 << EOD_dcdemand_data
# year value
2014 58
2018 76
2023 176
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,15" noenhanced
set label 2 "Data-centre electricity use by segment  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
set label 3 $TEXT[3] at screen 0.012, 0.0611 left font "Sans,9" textcolor rgb "#555555" noenhanced
set label 4 $TEXT[4] at screen 0.012, 0.0403 left font "Sans,9" textcolor rgb "#555555" noenhanced
set label 5 $TEXT[5] at screen 0.012, 0.0194 left font "Sans,9" textcolor rgb "#555555" noenhanced
# The same plot area on every chart of this command (pixels from the edges:
# left 92, right 36, top 108, bottom 196), so that the charts line up.
set lmargin at screen 0.0767
set rmargin at screen 0.9700
set tmargin at screen 0.8500
set bmargin at screen 0.2722
set border 3 linecolor rgb "#444444"
set tics nomirror out scale 0.6
set grid ytics linetype 1 linewidth 1 linecolor rgb "#E5E5E5"
set key at screen 0.0517, 0.1778 left top horizontal maxcols 2 maxrows 3 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
set datafile missing "?"
set xlabel "Year"
set xrange [2013.5:2030.5]
set xtics 2014, 2 format "%.0f"
set mxtics 2
set ylabel "Facility energy (TWh per year)"
set format y "%g"
# Observed or stated years to the left, projected years to the right.
set arrow 90 from first 2023, graph 0 to first 2023, graph 1 nohead linecolor rgb "#777777" linewidth 1 dashtype (4,4) back
set label 90 "base year 2023 " at first 2023, graph 0.97 right font "Sans,9" textcolor rgb "#666666" noenhanced
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

dcd_nseg = 5
plot for [k=dcd_nseg:1:-1] $DATA using 1:(sum [j=2:k] column(j)):(sum [j=2:k+1] column(j)) \
         with filledcurves fillcolor rgb dcd_seg[k] fillstyle solid 0.9 noborder \
         title $TEXT[6+k-1], \
     $HISTORY_1 using 1:2 with points pointtype 6 pointsize 1.5*dcd_ps linewidth 2 linecolor rgb dcd_mark title "Observed: all data centres"
unset output
