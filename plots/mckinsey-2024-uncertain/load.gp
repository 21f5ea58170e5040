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
McKinsey 2024 medium case with ranges on its key assumptions
mckinsey-2024-uncertain
Sources: McKinsey & Company (2024), How data centers and the energy sector can sate AI's hunger for power (17 Sep 2024); McKinsey & Company (2024), AI's power binge (chart);
Uptime Institute, Global Data Center Survey 2023 (PUE 1.58); Lawrence Berkeley National Laboratory (2025), United States Data Center Energy Usage Report: 2025 Update (idle po…
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
2025 34.4445933429 25.224546 25.6842268903 17.989125 14.14875 13.671735
2026 43.8445961797 32.86700738 32.8158637112 26.97695 21.4589375 20.502482
2027 54.6282960153 41.7928244764 40.9988126287 37.33855125 30.0425125 28.37729895
2028 66.8483631819 52.0894054732 50.2730963667 49.1263747975 39.9865841375 37.3360448461
2029 79.4411898565 62.9289751573 59.8303661155 61.2765840061 50.4630691815 46.5702038447
2030 90.8607604151 73.0423246886 68.4956429982 72.2429298403 60.2024415336 54.9046266786
2031 103.729490577 83.6860172206 78.2591218738 84.5531250851 70.4609375709 64.2603750646
2032 116.801733429 94.496896183 88.1767677127 97.0500769726 80.8750641439 73.7580584992
2033 129.54495276 105.031109175 97.8438379132 109.20074661 91.0006221747 82.9925674233
2034 141.359275547 114.78868762 106.804413445 120.404743212 100.33728601 91.5076048409
2035 151.620290974 123.249212549 114.583926091 130.037122669 108.364268891 98.8282132282
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
