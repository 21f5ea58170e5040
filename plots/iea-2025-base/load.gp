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
array dcd_seg[4] = ["#D55E00", "#56B4E9", "#009E73", "#F0E442"]

# The scenario's text, used only as labels ($TEXT[1] title, [2] name,
# [3]... the footer's lines, then the segments, then the reference marks).
# It is never run as a command.
$TEXT << EOD_dcdemand_text_7c1e
IEA 2025 Base Case: US data centres from 183 TWh (2024) to about 426 TWh (2030)
iea-2025-base
Sources: IEA (Apr 2025), Energy and AI, World Energy Outlook Special Report; EIA Short-Term Energy Outlook, 2024 US total (about 4,097 TWh); scenarios/data/us-national.csv
accelerated (AI)
conventional
storage
network
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year dc_load_gw dc_it_gw ai_load_gw ai_it_gw
2024 20.8900799087 14.6084474886 4.47609589041 3.1301369863
2025 23.7101672374 16.5805365297 5.81892465753 4.06917808219
2026 27.0660564669 18.9273122146 7.56460205479 5.28993150685
2027 31.0905679804 21.7416559304 9.83398267123 6.8769109589
2028 35.9538554596 25.1425562655 12.7841774726 8.93998424658
2029 41.8743797202 29.2827830211 16.6194307144 11.6219795205
2030 49.1331543451 34.3588491924 21.6052599287 15.1085733767
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 "Data-centre capacity and average load  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
set label 3 $TEXT[3] at screen 0.012, 0.0194 left font "Sans,9" textcolor rgb "#555555" noenhanced
# The same plot area on every chart of this command (pixels from the edges:
# left 92, right 36, top 108, bottom 166), so that the charts line up.
set lmargin at screen 0.0767
set rmargin at screen 0.9700
set tmargin at screen 0.8500
set bmargin at screen 0.2306
set border 3 linecolor rgb "#444444"
set tics nomirror out scale 0.6
set grid ytics linetype 1 linewidth 1 linecolor rgb "#E5E5E5"
set key at screen 0.0517, 0.1361 left top horizontal maxcols 2 maxrows 2 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
set datafile missing "?"
set xlabel "Year"
set xrange [2023.5:2030.5]
set xtics 2024, 1 format "%.0f"
set ylabel "Power (GW)"
set format y "%g"
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

plot $DATA using 1:2 with lines linewidth 3 linecolor rgb dcd_dc title "Data centres: average facility load", \
     $DATA using 1:3 with lines linewidth 2 dashtype (8,5) linecolor rgb dcd_dc title "Data centres: IT capacity installed", \
     $DATA using 1:4 with lines linewidth 3 linecolor rgb dcd_ai title "AI: average facility load", \
     $DATA using 1:5 with lines linewidth 2 dashtype (8,5) linecolor rgb dcd_ai title "AI: IT capacity installed"
unset output
