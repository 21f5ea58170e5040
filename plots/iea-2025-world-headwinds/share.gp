# share.gp - Share of national electricity demand, written by dcdemand.
#
# Redraw by hand:  gnuplot share.gp  (from this folder, or give its path from
# anywhere): it writes share.png beside this script.  Another format:
#   gnuplot -e "fmt='svg'" share.gp     (png, svg or pdf)
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
dcd_me = "/share.gp"
dcd_n = strlen(dcd_me)
dcd_dir = (exists("ARG0") && strlen(ARG0) >= dcd_n && ARG0[strlen(ARG0)-dcd_n+1:] eq dcd_me) ? ARG0[1:strlen(ARG0)-dcd_n+1] : ""
# dcdemand draws into a temporary name (dcd_output) and renames the picture
# once it is complete; by hand it is share.FORMAT.
if (!exists("dcd_output")) dcd_output = "share.".dcd_fmt
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
# year dc_share_pct ai_share_pct
2024 1.48214392857 0.317613214286
2025 1.52511422076 0.350081018582
2026 1.57144429213 0.385854578754
2027 1.62146361379 0.425267672461
2028 1.67553419629 0.468687181881
2029 1.73405368426 0.516516249515
2030 1.79745871846 0.569197707347
2031 1.77927515843 0.563439555255
2032 1.76127224887 0.557738609392
2033 1.7434482615 0.552094322462
2034 1.72580148321 0.546506151986
2035 1.70833021601 0.540973560259
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 "Share of national electricity demand  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
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
set key at screen 0.0517, 0.1361 left top horizontal maxcols 2 maxrows 1 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
set datafile missing "?"
set xlabel "Year"
set xrange [2023.5:2035]
set xtics 2024, 1 format "%.0f"
set ylabel "Share of national demand (%)"
set format y "%g"
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

plot $DATA using 1:2 with lines linewidth 3 linecolor rgb dcd_dc title "Data centres", \
     $DATA using 1:3 with lines linewidth 3 linecolor rgb dcd_ai title "AI"
unset output
