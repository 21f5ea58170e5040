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
IEA 2025 Headwinds Case, World: data centres at about 700 TWh in 2035
iea-2025-world-headwinds
Source: IEA (Apr 2025), Energy and AI, World Energy Outlook Special Report
accelerated (AI)
conventional
storage
network
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year dc_load_gw dc_it_gw ai_load_gw ai_it_gw
2024 47.3744634703 33.1289954338 10.1520205479 7.09931506849
2025 50.4761371922 35.2979980365 11.5865010514 8.10244828767
2026 53.8551765935 37.6609626528 13.2236736499 9.24732423072
2027 57.5435666971 40.2402564316 15.0921787367 10.5539711445
2028 61.5774892194 43.0611812723 17.2247035922 12.0452472672
2029 65.9979011052 46.1523783952 19.6585542097 13.7472407061
2030 70.8511941625 49.5462896241 22.4363079196 15.6897258179
2031 72.5757122284 50.7522463135 22.9824076543 16.0716137443
2032 74.342205064 51.9875559888 23.5417994566 16.4627968228
2033 76.1516943353 53.2529331016 24.1148068554 16.8635012975
2034 78.0052265754 54.5491094933 24.7017612543 17.2739589191
2035 79.9038737902 55.8768348183 25.3030021232 17.6944070792
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
set xrange [2023.5:2035]
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
