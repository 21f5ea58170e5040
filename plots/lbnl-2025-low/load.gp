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
LBNL 2025 update, low end of the range: US data centres at 9.5% of demand in 2030
lbnl-2025-low
Sources: Smith et al. (2025), United States Data Center Energy Usage Report: 2025 Update, LBNL;
Shehabi et al. (Dec 2024), 2024 United States Data Center Energy Usage Report, LBNL-2001637; EIA, US electricity end use 2023-2024; scenarios/data/us-national.csv; NERC load…
conventional
storage
network
ai_training
ai_inference
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year dc_facility_gw dc_it_gw dc_load_gw ai_facility_gw ai_it_gw ai_load_gw
2018 17.12642 11.342 8.58147496 0.65232 0.432 0.34442496
2019 18.0570881746 12.1351399023 9.05470532493 0.934329915106 0.627909889184 0.493326195176
2020 20.5535879515 14.0201827773 10.3197895971 1.53555790443 1.04744741093 0.810774573537
2021 24.5415565142 16.9955377522 12.3524768405 2.91780654957 2.02064165482 1.54060185817
2022 30.2685572325 21.2859052268 15.2968433398 5.80588298257 4.08289942516 3.0655062148
2023 40.1288639432 28.6634742451 20.4267224508 12.9389456866 9.24210406183 6.83176332251
2024 49.4813889158 35.893235483 25.3036253783 20.1046757295 14.5837026017 10.6152687852
2025 63.6783855944 46.9209157011 32.7532877462 32.6462481802 24.0551302381 17.2372190392
2026 79.0724882695 59.1986543194 40.8467585755 46.8040871692 35.0404930679 24.7125580253
2027 92.2656180117 70.202100661 47.7879496396 59.0618095731 44.9383333709 31.1860454203
2028 102.843736102 79.547641184 53.3557027918 68.9172030227 53.306123885 36.3924362521
2029 110.316982058 86.7661656636 57.2932397498 76.0001788795 59.7754215906 40.1348381605
2030 114.77187129 91.8174970316 59.6444760884 80.3385432612 64.270834609 42.4278120742
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
set xrange [2018:2030]
set xtics 2018, 2 format "%.0f"
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
