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
Narrative: Stargate's USD 500 bn on top of McKinsey 2024 medium
stargate
Sources: McKinsey & Company (2024), How data centers and the energy sector can sate AI's hunger for power (the base case);
OpenAI, SoftBank, Oracle (Jan 2025), Stargate announcement: USD 500 bn over four years; NVIDIA Q2 FY2026 earnings call: about USD 50-60 bn per GW of AI data centre; scenarios…
conventional
ai
stargate (AI)
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year dc_facility_gw dc_it_gw dc_load_gw ai_facility_gw ai_it_gw ai_load_gw
2020 15.5318180939 10.477694084 11.3742481998 1.20069970845 0.92361516035 0.912531778426
2021 16.8622764268 11.457027822 12.3724985263 2.1012244898 1.61632653061 1.59693061224
2022 18.8810263523 12.9644937587 13.8934635229 3.67714285714 2.82857142857 2.79462857143
2023 22.095 15.39 16.3224 6.435 4.95 4.8906
2024 27.1904914286 19.4157 20.1831837429 11.1375 8.6625 8.4645
2025 36.8445933429 27.224546 27.5082268903 20.389125 16.14875 15.495735
2026 48.9637961797 37.13300738 36.7064557112 32.09615 25.7249375 24.393074
2027 61.9228560153 47.8716244764 46.5426782287 44.63311125 36.1213125 33.92116455
2028 75.8832111819 59.6184454732 57.1395808467 58.1612227975 47.5156241375 44.2025293261
2029 86.6690682565 68.9522071573 65.3235536995 68.5044624061 56.4863011815 52.0633914287
2030 96.6430631351 77.8609102886 72.8901930654 78.0252325603 65.0210271336 59.2991767458
2031 108.355332753 87.5408857006 81.7747619276 89.1789672611 74.3158060509 67.7760151184
2032 120.50240717 97.580790967 90.9892797557 100.750750713 83.9589589279 76.5705705422
2033 132.505491753 107.498225002 100.093847548 112.161285602 93.4677380019 85.2425770577
2034 143.727706741 116.762380282 108.604421153 122.773174406 102.310978672 93.3076125484
2035 153.515035929 124.828166679 116.023932257 131.931867624 109.94322302 100.268219394
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
