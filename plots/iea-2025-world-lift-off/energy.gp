# energy.gp - Data-centre electricity use by segment, written by dcdemand.
#
# Redraw by hand:  gnuplot energy.gp  (from this folder, or give its path from
# anywhere): it writes energy.png beside this script.  Another format:
#   gnuplot -e "fmt='svg'" energy.gp     (png, svg or pdf)
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
dcd_me = "/energy.gp"
dcd_n = strlen(dcd_me)
dcd_dir = (exists("ARG0") && strlen(ARG0) >= dcd_n && ARG0[strlen(ARG0)-dcd_n+1:] eq dcd_me) ? ARG0[1:strlen(ARG0)-dcd_n+1] : ""
# dcdemand draws into a temporary name (dcd_output) and renames the picture
# once it is complete; by hand it is energy.FORMAT.
if (!exists("dcd_output")) dcd_output = "energy.".dcd_fmt
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
IEA 2025 Lift-Off Case, World: data centres at about 1,720 TWh in 2035
iea-2025-world-lift-off
Source: IEA (Apr 2025), Energy and AI, World Energy Outlook Special Report
accelerated (AI)
conventional
storage
network
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year, then facility_twh (TWh) of each segment in the order of $TEXT[4...]
2024 88.9317 266.7808 29.6439 29.6439
2025 122.60124162 298.794496 33.201168 33.201168
2026 169.018071697 334.64983552 37.18530816 37.18530816
2027 233.008313642 374.807815782 41.6475451392 41.6475451392
2028 321.225261187 419.784753676 46.6452505559 46.6452505559
2029 442.841145072 470.158924117 52.2426806226 52.2426806226
2030 610.500802596 526.577995012 58.5118022973 58.5118022973
2031 650.29324491 560.900348726 62.3256015711 62.3256015711
2032 692.679358613 597.459833456 66.3879842815 66.3879842815
2033 737.828199207 636.402265401 70.7151530969 70.7151530969
2034 785.919841232 677.88296506 75.3243667758 75.3243667758
2035 837.146096483 722.067376723 80.2340090022 80.2340090022
EOD_dcdemand_data

$EXPECT_1 << EOD_dcdemand_data
# year value
2035 1720
EOD_dcdemand_data
$HISTORY_2 << EOD_dcdemand_data
# year value
2024 415
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 "Data-centre electricity use by segment  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
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
set key at screen 0.0517, 0.1361 left top horizontal maxcols 2 maxrows 3 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
set datafile missing "?"
set xlabel "Year"
set xrange [2023.5:2035.5]
set xtics 2024, 1 format "%.0f"
set ylabel "Facility energy (TWh per year)"
set format y "%g"
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

dcd_nseg = 4
plot for [k=dcd_nseg:1:-1] $DATA using 1:(sum [j=2:k] column(j)):(sum [j=2:k+1] column(j)) \
         with filledcurves fillcolor rgb dcd_seg[k] fillstyle solid 0.9 noborder \
         title $TEXT[4+k-1], \
     $EXPECT_1 using 1:2 with points pointtype 13 pointsize 1.5*dcd_ps linecolor rgb dcd_mark title "Published: all data centres", \
     $HISTORY_2 using 1:2 with points pointtype 6 pointsize 1.5*dcd_ps linewidth 2 linecolor rgb dcd_mark title "Observed: all data centres"
unset output
