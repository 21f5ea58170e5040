# fan.gp - the share of national demand, median and bands (mc), written by dcdemand.
#
# Redraw by hand:  gnuplot fan.gp  (from this folder, or give its path from
# anywhere): it writes fan.png beside this script.  Another format:
#   gnuplot -e "fmt='svg'" fan.gp     (png, svg or pdf)
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
dcd_me = "/fan.gp"
dcd_n = strlen(dcd_me)
dcd_dir = (exists("ARG0") && strlen(ARG0) >= dcd_n && ARG0[strlen(ARG0)-dcd_n+1:] eq dcd_me) ? ARG0[1:strlen(ARG0)-dcd_n+1] : ""
# dcdemand draws into a temporary name (dcd_output) and renames the picture
# once it is complete; by hand it is fan.FORMAT.
if (!exists("dcd_output")) dcd_output = "fan.".dcd_fmt
set output dcd_dir.dcd_output
undefine dcd_output

$BANDS << EOD_dcdemand_data
# year p5 p25 p50 p75 p95
2020 2.16049854844 2.36513247782 2.67378889097 3.02424827975 3.35474325957
2021 2.74332653526 2.91290804198 3.15974745752 3.42885027423 3.67336279956
2022 3.47779263916 3.58289531202 3.73064301055 3.88541357573 4.02098446476
2023 4.4 4.4 4.4 4.4 4.4
2024 4.81294981091 4.97920793585 5.18298809729 5.39302803723 5.55268148366
2025 5.26252245741 5.63017139693 6.0964250111 6.59471082193 6.98527011128
2026 5.75155178224 6.36054267901 7.15868963638 8.04139530067 8.75321125038
2027 6.28301118446 7.17845387891 8.3895108107 9.77223678523 10.9160973651
2028 6.86000450058 8.09245195532 9.80959212394 11.8277098761 13.534153805
2029 7.48575291595 9.11140160537 11.4400313988 14.247258583 16.6626650736
2030 8.16357729936 10.2443501218 13.301497104 17.0659646944 20.3441996091
EOD_dcdemand_data
$PUBLISHED << EOD_dcdemand_data
# year value
2025 5.5
EOD_dcdemand_data
$OBSERVED << EOD_dcdemand_data
# year value
2021 3.9
EOD_dcdemand_data

# Layout at 1200x720, from $LAYOUT (dcdemand plot --size lays it out again).
$LAYOUT << EOD_dcdemand_layout
key 7 7 0 26
years 2020 2030 0 0
text -1 mc-closed
text -2 Share of national demand: median and bands  ·  scenario mc-closed
text -5 Share of national demand (%)
text -3 Test band: 9-10% in 2027
text -3 Test line: 6%
footer Sources: Test source A (2024); Test source B (2025)
EOD_dcdemand_layout
# Text, used only as labels (1 title, 2 subtitle, then the chart's names, then the footer).  It is never run as a command.
$TEXT << EOD_dcdemand_text_7c1e
mc-closed
Share of national demand: median and bands  ·  scenario mc-closed
Share of national demand (%)
Test band: 9-10% in 2027
Test line: 6%
Sources: Test source A (2024); Test source B (2025)
EOD_dcdemand_text_7c1e

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 $TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
set label 3 $TEXT[6] at screen 0.012, 0.0194 left font "Sans,9" textcolor rgb "#555555" noenhanced
# The same plot area on every chart of this command (pixels from the edges:
# left 92, right 36, top 108, bottom 187), so that the charts line up.
set lmargin at screen 0.0767
set rmargin at screen 0.9700
set tmargin at screen 0.8500
set bmargin at screen 0.2597
set border 3 linecolor rgb "#444444"
set tics nomirror out scale 0.6
set grid ytics linetype 1 linewidth 1 linecolor rgb "#E5E5E5"
set key at screen 0.0517, 0.1653 left top horizontal maxcols 2 maxrows 4 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
set datafile missing "?"
set xlabel "Year"
set xrange [2020:2030]
set xtics 2020, 1 format "%.0f"
# End of the layout.
set ylabel $TEXT[3] noenhanced
set format y "%g"
# Observed or stated years to the left, projected years to the right.
set arrow 90 from first 2023, graph 0 to first 2023, graph 1 nohead linecolor rgb "#777777" linewidth 1 dashtype (4,4) back
set label 90 "base year 2023 " at first 2023, graph 0.97 right font "Sans,9" textcolor rgb "#666666" noenhanced
# The scenario's reference marks (references:).
set object 1 rectangle from first 2026.7, first 9 to first 2027.3, first 10 fillcolor rgb "#009E73" fillstyle transparent solid 0.35 border linecolor rgb "#009E73" linewidth 1.5 front
set arrow 2 from graph 0, first 6 to graph 1, first 6 nohead linewidth 2 dashtype (6,4) linecolor rgb "#CC79A7" back
$REFS_1 << EOD_dcdemand_data
# year value
2027 9
2027 10
2020 6
2020 6
EOD_dcdemand_data
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0
set style fill solid noborder

plot $BANDS using 1:2:6 with filledcurves fillcolor rgb "#C6DBEF" title "P5-P95 (90% of draws)", \
     $BANDS using 1:3:5 with filledcurves fillcolor rgb "#8FBFE0" title "P25-P75 (half of draws)", \
     $BANDS using 1:4 with lines linewidth 3 linecolor rgb "#0072B2" title "Median", \
     $PUBLISHED using 1:2 with points pointtype 13 pointsize 1.5*dcd_ps linecolor rgb "#000000" title "Published: data centres", \
     $OBSERVED using 1:2 with points pointtype 6 pointsize 1.5*dcd_ps linewidth 2 linecolor rgb "#000000" title "Observed: data centres", \
     keyentry with boxes fillcolor rgb "#009E73" fillstyle transparent solid 0.35 border linecolor rgb "#009E73" title $TEXT[4], \
     keyentry with lines linewidth 2 dashtype (6,4) linecolor rgb "#CC79A7" title $TEXT[5], \
     $REFS_1 using 1:2 with points pointtype 1 pointsize 0.01 linecolor rgb "#FF000000" notitle
unset output
