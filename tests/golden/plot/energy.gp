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
array dcd_seg[3] = ["#56B4E9", "#009E73", "#D55E00"]

# The scenario's text, used only as labels ($TEXT[1] title, [2] name,
# [3]... the footer's lines, then the segments, then the reference marks).
# It is never run as a command.
$TEXT << EOD_dcdemand_text_7c1e
Chart fixture: three segments, published and observed points
plot-fixture
Sources: Fixture source A (2024), a study with a long title that is here to show how the footer wraps onto its second line; Fixture source B (2025), another study;
Fixture source C (2023), a third reference, so that the sources fill more than one line
conventional
Storage arrays
Accelerated servers
Fixture range: 380-420 TWh
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year, then facility_twh (TWh) of each segment in the order of $TEXT[5...]
2018 109.980709792 19.9276488522 4.01922320634
2019 111.87040921 20.7446824551 6.51114159427
2020 113.788187654 21.5952144358 10.5480493827
2021 115.734321251 22.4806182277 17.08784
2022 117.7090836 23.402323575 27.6823008
2023 119.712745501 24.3618188416 44.3696950368
2024 121.74557467 25.3606534141 68.3869498075
2025 123.807835446 26.4004402041 101.198288463
2026 125.899788485 27.4828582524 143.528629819
2027 128.021690439 28.6096554408 194.740189983
2028 130.173793628 29.7826513138 252.252420811
2029 132.356345687 31.0037400177 314.861430838
2030 134.569589216 32.2748933584 378.17382919
2031 136.813761399 33.5981639861 436.401015746
2032 139.089093619 34.9756887096 483.038176223
EOD_dcdemand_data

$EXPECT_1 << EOD_dcdemand_data
# year value
2027 310
EOD_dcdemand_data
$HISTORY_2 << EOD_dcdemand_data
# year value
2019 125
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 "Data-centre electricity use by segment  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
set label 3 $TEXT[3] at screen 0.012, 0.0403 left font "Sans,9" textcolor rgb "#555555" noenhanced
set label 4 $TEXT[4] at screen 0.012, 0.0194 left font "Sans,9" textcolor rgb "#555555" noenhanced
# The same plot area on every chart of this command (pixels from the edges:
# left 92, right 36, top 108, bottom 202), so that the charts line up.
set lmargin at screen 0.0767
set rmargin at screen 0.9700
set tmargin at screen 0.8500
set bmargin at screen 0.2806
set border 3 linecolor rgb "#444444"
set tics nomirror out scale 0.6
set grid ytics linetype 1 linewidth 1 linecolor rgb "#E5E5E5"
set key at screen 0.0517, 0.1861 left top horizontal maxcols 2 maxrows 3 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
set datafile missing "?"
set xlabel "Year"
set xrange [2015.5:2032.5]
set xtics 2016, 2 format "%.0f"
set mxtics 2
set ylabel "Facility energy (TWh per year)"
set format y "%g"
# Observed or stated years to the left, projected years to the right.
set arrow 90 from first 2022, graph 0 to first 2022, graph 1 nohead linecolor rgb "#777777" linewidth 1 dashtype (4,4) back
set label 90 "base year 2022 " at first 2022, graph 0.97 right font "Sans,9" textcolor rgb "#666666" noenhanced
# The scenario's reference marks (references:).
set object 1 rectangle from graph 0, first 380 to graph 1, first 420 fillcolor rgb "#000000" fillstyle transparent solid 0.2 noborder front
$REFS_1 << EOD_dcdemand_data
# year value
2016 380
2016 420
EOD_dcdemand_data
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

dcd_nseg = 3
plot for [k=dcd_nseg:1:-1] $DATA using 1:(sum [j=2:k] column(j)):(sum [j=2:k+1] column(j)) \
         with filledcurves fillcolor rgb dcd_seg[k] fillstyle solid 0.9 noborder \
         title $TEXT[5+k-1], \
     $EXPECT_1 using 1:2 with points pointtype 13 pointsize 1.5*dcd_ps linecolor rgb dcd_mark title "Published: all data centres", \
     $HISTORY_2 using 1:2 with points pointtype 6 pointsize 1.5*dcd_ps linewidth 2 linecolor rgb dcd_mark title "Observed: all data centres", \
     keyentry with boxes fillcolor rgb "#000000" fillstyle transparent solid 0.35 border linecolor rgb "#000000" title $TEXT[8], \
     $REFS_1 using 1:2 with points pointtype 1 pointsize 0.01 linecolor rgb "#FF000000" notitle
unset output
