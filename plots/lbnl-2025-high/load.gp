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
LBNL 2025 update, high end of the range: US data centres at 15.3% of demand in 2030
lbnl-2025-high
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
2018 17.3579273058 11.4953160965 8.69752488528 0.662901156802 0.43900738861 0.350011810791
2019 18.4202649894 12.3792103424 9.23700876148 0.959866670214 0.645071686972 0.506809601873
2020 20.9542993767 14.2935193565 10.5213707646 1.57932415341 1.07730160533 0.833883153
2021 24.8679986263 17.2216056969 12.5180894288 3.00321841441 2.07979114571 1.58569932281
2022 30.4299309664 21.3993888652 15.3819817107 5.96486526805 4.19470131368 3.14944886153
2023 40.1845300981 28.7032357844 20.4644128409 13.2909925654 9.49356611814 7.01764407453
2024 49.5031299692 35.9090061953 25.3316799753 20.7183925254 15.0288857697 10.9393112534
2025 63.9163019895 47.0962225186 32.9022826663 33.7189882694 24.8455703038 17.8036258063
2026 79.4507779222 59.4818658241 41.0749625537 48.1990568805 36.0848554185 25.4491020329
2027 103.765493514 78.9520059348 53.8904238544 71.712810345 54.5640948277 37.8640822698
2028 135.691414647 104.954685363 70.7293269016 103.015897611 79.6808047817 54.3915683832
2029 162.594771141 127.883527864 84.9251196345 129.60934989 101.939938115 68.4324090089
2030 183.60132005 146.88105604 96.0146748466 150.563365549 120.450692439 79.4956975963
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.950 left font "Sans Bold,15" noenhanced
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
