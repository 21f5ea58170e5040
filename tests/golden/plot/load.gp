# load.gp - Data-centre capacity and load, written by dcdemand.
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
# The picture goes beside this script, wherever gnuplot is started.
dcd_me = "/load.gp"
dcd_n = strlen(dcd_me)
dcd_dir = (exists("ARG0") && strlen(ARG0) >= dcd_n && ARG0[strlen(ARG0)-dcd_n+1:] eq dcd_me) ? ARG0[1:strlen(ARG0)-dcd_n+1] : ""
# dcdemand draws into a temporary name (dcd_output) and renames the picture
# once it is complete; by hand it is load.FORMAT.
if (!exists("dcd_output")) dcd_output = "load.".dcd_fmt
set output dcd_dir.dcd_output
undefine dcd_output

# Okabe-Ito colours: data centres, AI, the rest of the economy, markers,
# and segments in the scenario's order (the same on every chart).
dcd_dc = "#0072B2"
dcd_ai = "#D55E00"
dcd_rest = "#BBBBBB"
dcd_mark = "#000000"
array dcd_seg[8] = ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#F0E442", "#0072B2", "#D55E00", "#999999"]

# The scenario's text, used only as labels ($TEXT[1] title, [2] name,
# [3] and [4] footer, then the segments).  It is never run as a command.
$TEXT << EOD_dcdemand_text_7c1e
Chart fixture: three segments, published and observed points
plot-fixture
Sources: Fixture source A (2024), a study with a long title that is here to show how the footer wraps onto its second line; Fixture source B (2025), another study;
Fixture source C (2023), a third reference, so that the sources fill more than one line
conventional
storage
accelerated (AI)
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year dc_facility_gw dc_it_gw dc_load_gw ai_facility_gw ai_it_gw ai_load_gw
2018 20.7469483271 13.1045706517 15.2885367409 0.603704519097 0.457351908407 0.458815434514
2019 21.5374869117 13.7208789738 15.8819900981 0.978001320937 0.740910091619 0.743281003912
2020 22.5694306109 14.5222701581 16.6588414923 1.58436213992 1.20027434842 1.20411522634
2021 23.986905253 15.6180217186 17.7286277943 2.56666666667 1.94444444444 1.95066666667
2022 26.02325 17.185 19.268688125 4.158 3.15 3.16008
2023 28.984883 19.50956 21.5119017556 6.664518 5.103 5.06503368
2024 33.0578668178 22.7390368975 24.5996778415 10.272012408 7.950474 7.80672943008
2025 38.4624137468 27.0752333653 28.6993794649 15.2004158349 11.893909104 11.5523160345
2026 45.3076985733 32.6410356079 33.893981342 21.5586141881 17.0558656551 16.3845467829
2027 53.4982218541 39.4010841642 40.1109059205 29.2508095986 23.4006476788 22.2306152949
2028 62.6466825561 47.0823198574 47.0558065927 37.8893926957 30.6548484593 28.7959384487
2029 72.5725696617 55.568379822 54.5914973223 47.2935338318 38.7017461799 35.9430857122
2030 82.6163063852 64.3409155908 62.2167022562 56.8033269031 47.0226216085 43.1705284464
2031 91.9087606443 72.6817461407 69.2708836908 65.5492994092 54.8989107279 49.817467551
2032 99.4732334542 79.7474336046 75.0117532593 72.5544004181 61.4867800153 55.1413443177
EOD_dcdemand_data

$EXPECT_1 << EOD_dcdemand_data
# year value tolerance
2026 36 3
EOD_dcdemand_data
$HISTORY_2 << EOD_dcdemand_data
# year value
2020 1.1
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.950 left font "Sans Bold,17" noenhanced
set label 2 "Data-centre capacity and load  ·  scenario ".$TEXT[2] at screen 0.012, 0.894 left font "Sans,12" textcolor rgb "#444444" noenhanced
set label 3 $TEXT[3] at screen 0.012, 0.049 left font "Sans,9" textcolor rgb "#555555" noenhanced
set label 4 $TEXT[4] at screen 0.012, 0.020 left font "Sans,9" textcolor rgb "#555555" noenhanced

set tmargin at screen 0.850
set bmargin at screen 0.160
set lmargin 12
set border 3 linecolor rgb "#444444"
set tics nomirror out scale 0.6
set grid ytics linetype 1 linewidth 1 linecolor rgb "#E5E5E5"
set key outside right top vertical Left reverse samplen 2.5 spacing 1.4 width 1 noenhanced
set datafile missing "?"
set xlabel "Year"
set ylabel "Power (GW)"
set xrange [2018:2032]
set xtics 2018, 2 format "%.0f"
set mxtics 2
set format y "%g"
set yrange [0:*]

plot $DATA using 1:2 with lines linewidth 3 linecolor rgb dcd_dc title "Data centres: facility capacity (IT × PUE)", \
     $DATA using 1:3 with lines linewidth 2.5 dashtype (8,5) linecolor rgb dcd_dc title "Data centres: IT capacity", \
     $DATA using 1:4 with lines linewidth 2.5 dashtype (2,4) linecolor rgb dcd_dc title "Data centres: average facility load", \
     $DATA using 1:5 with lines linewidth 3 linecolor rgb dcd_ai title "AI: facility capacity (IT × PUE)", \
     $DATA using 1:6 with lines linewidth 2.5 dashtype (8,5) linecolor rgb dcd_ai title "AI: IT capacity", \
     $DATA using 1:7 with lines linewidth 2.5 dashtype (2,4) linecolor rgb dcd_ai title "AI: average facility load", \
     $EXPECT_1 using 1:2:3 with yerrorbars pointtype 13 pointsize 1.6 linewidth 1.5 linecolor rgb dcd_dc title "Published: data centres, facility capacity (± tolerance)", \
     $HISTORY_2 using 1:2 with points pointtype 6 pointsize 1.8 linewidth 2 linecolor rgb dcd_ai title "Observed: AI, IT capacity"
unset output
