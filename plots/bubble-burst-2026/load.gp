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
Narrative: the AI bubble bursts in 2026 (on McKinsey 2024 medium)
bubble-burst-2026
Sources: McKinsey & Company (2024), How data centers and the energy sector can sate AI's hunger for power (the base case);
LBNL 2025 update, accelerator lifetime 5 years (as quoted); scenarios/data/hardware.csv
conventional
ai
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year dc_facility_gw dc_it_gw dc_load_gw ai_facility_gw ai_it_gw ai_load_gw
2020 15.531891823 10.4777507986 11.3743042339 1.2007734375 0.923671875 0.9125878125
2021 16.861770687 11.4566387914 12.372114164 2.10071875 1.6159375 1.59654625
2022 18.8812584951 12.9646723301 13.8936399515 3.677375 2.82875 2.794805
2023 22.095 15.39 16.3224 6.435 4.95 4.8906
2024 27.1898485714 19.4152 20.1826951714 11.1368571429 8.662 8.46401142857
2025 34.4444026286 25.224396 25.6840819474 17.9889342857 14.1486 13.6715900571
2026 33.6113810369 24.72694988 21.6898732312 16.7437348571 13.31888 9.37649152
2027 31.7753740224 23.4054159764 18.9951905518 14.4856292571 11.655104 6.37367687314
2028 30.4058620301 22.4269045357 18.5179559247 12.6838736457 10.3240832 5.58090440411
2029 29.408000959 21.7251725358 18.2072561186 11.2433951086 9.25926656 4.94709384777
2030 28.7067264724 21.247296403 18.0301305145 10.0888958976 8.407413248 4.43911419494
2031 28.4474822101 20.9510102481 18.0780381651 9.27111671808 7.7259305984 4.07929135596
2032 28.3685498313 20.8025765179 18.2101422982 8.61689337446 7.18074447872 3.79143308476
2033 28.4377208501 20.7750825833 18.4124169577 8.09351469957 6.74459558298 3.56114646781
2034 28.6293440947 20.8470780767 18.6737257788 7.67481175966 6.39567646638 3.37691717425
2035 28.9230177128 21.0014848318 18.9852466021 7.33984940773 6.1165411731 3.2295337394
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
set xrange [2020:2035]
set xtics 2020, 2 format "%.0f"
set mxtics 2
set format y "%g"
set yrange [0:*]

plot $DATA using 1:2 with lines linewidth 3 linecolor rgb dcd_dc title "Data centres: facility capacity (IT × PUE)", \
     $DATA using 1:3 with lines linewidth 2.5 dashtype (8,5) linecolor rgb dcd_dc title "Data centres: IT capacity", \
     $DATA using 1:4 with lines linewidth 2.5 dashtype (2,4) linecolor rgb dcd_dc title "Data centres: average facility load", \
     $DATA using 1:5 with lines linewidth 3 linecolor rgb dcd_ai title "AI: facility capacity (IT × PUE)", \
     $DATA using 1:6 with lines linewidth 2.5 dashtype (8,5) linecolor rgb dcd_ai title "AI: IT capacity", \
     $DATA using 1:7 with lines linewidth 2.5 dashtype (2,4) linecolor rgb dcd_ai title "AI: average facility load"
unset output
