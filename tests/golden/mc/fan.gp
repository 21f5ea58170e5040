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
2020 2.16624240197 2.36418720319 2.6705730518 3.02173007774 3.35282817852
2021 2.74815765955 2.91213620934 3.15722606405 3.42695454728 3.67196930029
2022 3.48083047043 3.58242387786 3.72916302071 3.88434443074 4.02022446204
2023 4.4 4.4 4.4 4.4 4.4
2024 4.81385215809 4.98056283072 5.18501398814 5.39372441032 5.54793941644
2025 5.26448657794 5.6332148557 6.10114579009 6.59639236539 6.97352446604
2026 5.75475539404 6.36566080465 7.16691196907 8.04442346052 8.73156064538
2027 6.2876514366 7.18608921218 8.40219049708 9.77705125472 10.8809605573
2028 6.86629899691 8.10310659001 9.82783988479 11.8348281485 13.4813118168
2029 7.49394056887 9.12563894688 11.4651097198 14.2572658672 16.5874336914
2030 8.17391895067 10.2627947318 13.3348043126 17.0794903001 20.2417784435
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
