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
array dcd_seg[2] = ["#56B4E9", "#D55E00"]

# The scenario's text, used only as labels ($TEXT[1] title, [2] name,
# [3]... the footer's lines, then the segments, then the reference marks).
# It is never run as a command.
$TEXT << EOD_dcdemand_text_7c1e
Narrative: a 2025 efficiency shock cuts AI accelerators needed per service by 3x (on McKinsey 2024 medium)
efficiency-shock
Sources: McKinsey & Company (2024), How data centers and the energy sector can sate AI's hunger for power (the base case);
DeepSeek-AI (Dec 2024), DeepSeek-V3 Technical Report (inspiration for the size of the shock, not an input)
Conventional (enterprise, cloud, colocation)
AI (accelerated servers)
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year dc_load_gw dc_it_gw ai_load_gw ai_it_gw
2020 11.3742481998 10.477694084 0.912531778426 0.92361516035
2021 12.3724985263 11.457027822 1.59693061224 1.61632653061
2022 13.8934635229 12.9644937587 2.79462857143 2.82857142857
2023 16.3224 15.39 4.8906 4.95
2024 20.1831837429 19.4157 8.4645 8.6625
2025 17.5634218903 19.738296 5.55093 8.6625
2026 19.5443417112 20.07056988 7.23096 8.6625
2027 22.0803102787 21.7641619764 9.4587966 10.01385
2028 25.3820010794 25.4312556857 12.4449495588 13.32843435
2029 28.7830662147 29.2863901255 15.5229039439 16.8204841497
2030 31.8919722022 32.9067207456 18.3009558826 20.0668375906
2031 35.4181855742 36.7113063657 21.419438765 23.486226716
2032 39.003941028 40.5793230638 24.5852318145 26.9574910247
2033 42.5145733275 44.3630559013 27.6633028377 30.3325689009
2034 45.7983663134 47.8960920805 30.5015577088 33.4446904702
2035 48.6973951882 51.0052093665 32.9416823255 36.1202657078
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,13" noenhanced
set label 2 "Data-centre capacity and average load  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
set label 3 $TEXT[3] at screen 0.012, 0.0403 left font "Sans,9" textcolor rgb "#555555" noenhanced
set label 4 $TEXT[4] at screen 0.012, 0.0194 left font "Sans,9" textcolor rgb "#555555" noenhanced
# The same plot area on every chart of this command (pixels from the edges:
# left 92, right 36, top 108, bottom 160), so that the charts line up.
set lmargin at screen 0.0767
set rmargin at screen 0.9700
set tmargin at screen 0.8500
set bmargin at screen 0.2222
set border 3 linecolor rgb "#444444"
set tics nomirror out scale 0.6
set grid ytics linetype 1 linewidth 1 linecolor rgb "#E5E5E5"
set key at screen 0.0517, 0.1278 left top horizontal maxcols 2 maxrows 2 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
set datafile missing "?"
set xlabel "Year"
set xrange [2020:2035]
set xtics 2020, 2 format "%.0f"
set mxtics 2
set ylabel "Power (GW)"
set format y "%g"
# Observed or stated years to the left, projected years to the right.
set arrow 90 from first 2023, graph 0 to first 2023, graph 1 nohead linecolor rgb "#777777" linewidth 1 dashtype (4,4) back
set label 90 "base year 2023 " at first 2023, graph 0.97 right font "Sans,9" textcolor rgb "#666666" noenhanced
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

plot $DATA using 1:2 with lines linewidth 3 linecolor rgb dcd_dc title "Data centres: average facility load", \
     $DATA using 1:3 with lines linewidth 2 dashtype (8,5) linecolor rgb dcd_dc title "Data centres: IT capacity installed", \
     $DATA using 1:4 with lines linewidth 3 linecolor rgb dcd_ai title "AI: average facility load", \
     $DATA using 1:5 with lines linewidth 2 dashtype (8,5) linecolor rgb dcd_ai title "AI: IT capacity installed"
unset output
