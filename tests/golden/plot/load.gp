# load.gp - Data-centre capacity and average load, written by dcdemand.
#
# Redraw by hand:  gnuplot load.gp  (from this folder, or give its path from
# anywhere): it writes load.png beside this script.  Another format:
#   gnuplot -e "fmt='svg'" load.gp     (png, svg or pdf)
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
dcd_me = "/load.gp"
dcd_n = strlen(dcd_me)
dcd_dir = (exists("ARG0") && strlen(ARG0) >= dcd_n && ARG0[strlen(ARG0)-dcd_n+1:] eq dcd_me) ? ARG0[1:strlen(ARG0)-dcd_n+1] : ""
# dcdemand draws into a temporary name (dcd_output) and renames the picture
# once it is complete; by hand it is load.FORMAT.
if (!exists("dcd_output")) dcd_output = "load.".dcd_fmt
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
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year dc_load_gw dc_it_gw ai_load_gw ai_it_gw
2018 15.2885367409 13.1045706517 0.458815434514 0.457351908407
2019 15.8819900981 13.7208789738 0.743281003912 0.740910091619
2020 16.6588414923 14.5222701581 1.20411522634 1.20027434842
2021 17.7286277943 15.6180217186 1.95066666667 1.94444444444
2022 19.268688125 17.185 3.16008 3.15
2023 21.5119017556 19.50956 5.06503368 5.103
2024 24.5996778415 22.7390368975 7.80672943008 7.950474
2025 28.6993794649 27.0752333653 11.5523160345 11.893909104
2026 33.893981342 32.6410356079 16.3845467829 17.0558656551
2027 40.1109059205 39.4010841642 22.2306152949 23.4006476788
2028 47.0558065927 47.0823198574 28.7959384487 30.6548484593
2029 54.5914973223 55.568379822 35.9430857122 38.7017461799
2030 62.2167022562 64.3409155908 43.1705284464 47.0226216085
2031 69.2708836908 72.6817461407 49.817467551 54.8989107279
2032 75.0117532593 79.7474336046 55.1413443177 61.4867800153
EOD_dcdemand_data

$EXPECT_1 << EOD_dcdemand_data
# year value
2026 36
EOD_dcdemand_data
$HISTORY_2 << EOD_dcdemand_data
# year value
2020 1.1
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 "Data-centre capacity and average load  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
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
set ylabel "Power (GW)"
set format y "%g"
# Observed or stated years to the left, projected years to the right.
set arrow 90 from first 2022, graph 0 to first 2022, graph 1 nohead linecolor rgb "#777777" linewidth 1 dashtype (4,4) back
set label 90 "base year 2022 " at first 2022, graph 0.97 right font "Sans,9" textcolor rgb "#666666" noenhanced
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

plot $DATA using 1:2 with lines linewidth 3 linecolor rgb dcd_dc title "Data centres: average facility load", \
     $DATA using 1:3 with lines linewidth 2 dashtype (8,5) linecolor rgb dcd_dc title "Data centres: IT capacity installed", \
     $DATA using 1:4 with lines linewidth 3 linecolor rgb dcd_ai title "AI: average facility load", \
     $DATA using 1:5 with lines linewidth 2 dashtype (8,5) linecolor rgb dcd_ai title "AI: IT capacity installed", \
     $EXPECT_1 using 1:2 with points pointtype 13 pointsize 1.5*dcd_ps linecolor rgb dcd_dc title "Published: data centres, facility capacity", \
     $HISTORY_2 using 1:2 with points pointtype 6 pointsize 1.5*dcd_ps linewidth 2 linecolor rgb dcd_ai title "Observed: AI, IT capacity"
unset output
