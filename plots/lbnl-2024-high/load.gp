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
LBNL 2024, high case: US data centres 580 TWh (12.0%) in 2028
lbnl-2024-high
Sources: Shehabi et al. (Dec 2024), 2024 United States Data Center Energy Usage Report, LBNL-2001637; EIA Electric Power Annual / Monthly, US electricity end use;
scenarios/data/us-national.csv; NVIDIA DGX-1 (V100), DGX A100, DGX H100, DGX B200 maximum system power; scenarios/data/hardware.csv
accelerated (AI)
conventional
storage
network
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year dc_facility_gw dc_it_gw dc_load_gw ai_facility_gw ai_it_gw ai_load_gw
2018 17.3579273058 11.4953160965 8.67896365289 0.662901156802 0.43900738861 0.331450578401
2019 18.4202649894 12.3792103424 9.21013249471 0.959866670214 0.645071686972 0.479933335107
2020 20.9542993767 14.2935193565 10.4771496883 1.57932415341 1.07730160533 0.789662076704
2021 24.8679986263 17.2216056969 12.4339993132 3.00321841441 2.07979114571 1.5016092072
2022 30.4299309664 21.3993888652 15.2149654832 5.96486526805 4.19470131368 2.98243263402
2023 40.1845300981 28.7032357844 20.0922650491 13.2909925654 9.49356611814 6.64549628269
2024 51.4717354617 38.1272114531 25.7358677308 23.0476756918 17.0723523643 11.5238378459
2025 69.8573396071 53.7364150824 34.9286698036 40.2420187156 30.955399012 20.1210093578
2026 90.280551418 72.2244411344 45.140275709 59.7024372489 47.7619497992 29.8512186245
2027 111.491297022 92.909414185 55.745648511 80.1042021167 66.7535017639 40.0521010583
2028 132.22970787 114.98235467 66.114853935 100.156658787 87.0927467716 50.0783293937
EOD_dcdemand_data

$EXPECT_1 << EOD_dcdemand_data
# year value tolerance
2028 132 4
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
set xrange [2018:2028.5]
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
     $EXPECT_1 using 1:2:3 with yerrorbars pointtype 13 pointsize 1.6 linewidth 1.5 linecolor rgb dcd_dc title "Published: data centres, facility capacity (± tolerance)"
unset output
