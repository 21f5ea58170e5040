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
Narrative: a 2025 efficiency shock cuts AI accelerators needed per service by 3x (on McKinsey 2024 medium)
efficiency-shock
Sources: McKinsey & Company (2024), How data centers and the energy sector can sate AI's hunger for power (the base case);
DeepSeek-AI (Dec 2024), DeepSeek-V3 Technical Report (inspiration for the size of the shock, not an input)
conventional
ai
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year dc_facility_gw dc_it_gw dc_load_gw ai_facility_gw ai_it_gw ai_load_gw
2020 15.5318180939 10.477694084 11.3742481998 1.20069970845 0.92361516035 0.912531778426
2021 16.8622764268 11.457027822 12.3724985263 2.1012244898 1.61632653061 1.59693061224
2022 18.8810263523 12.9644937587 13.8934635229 3.67714285714 2.82857142857 2.79462857143
2023 22.095 15.39 16.3224 6.435 4.95 4.8906
2024 27.1904914286 19.4157 20.1831837429 11.1375 8.6625 8.4645
2025 27.4692183429 19.738296 17.5634218903 11.01375 8.6625 5.55093
2026 27.7576461797 20.07056988 19.5443417112 10.89 8.6625 7.23096
2027 29.7355297653 21.7641619764 22.0803102787 12.445785 10.01385 9.4587966
2028 34.0969220144 25.4312556857 25.3820010794 16.37493363 13.32843435 12.4449495588
2029 38.5894794607 29.2863901255 28.7830662147 20.4248736103 16.8204841497 15.5229039439
2030 42.6980356835 32.9067207456 31.8919722022 24.0802051087 20.0668375906 18.3009558826
2031 47.3598375513 36.7113063657 35.4181855742 28.1834720592 23.486226716 21.419438765
2032 52.1006456864 40.5793230638 39.003941028 32.3489892296 26.9574910247 24.5852318145
2033 56.7432888316 44.3630559013 42.5145733275 36.3990826811 30.3325689009 27.6633028377
2034 61.0881608992 47.8960920805 45.7983663134 40.1336285642 33.4446904702 30.5015577088
2035 64.9274871544 51.0052093665 48.6973951882 43.3443188494 36.1202657078 32.9416823255
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.950 left font "Sans Bold,13" noenhanced
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
