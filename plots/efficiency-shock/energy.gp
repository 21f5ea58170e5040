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
# year, then facility_twh (TWh) of each segment in the order of $TEXT[5...]
2020 91.6446358514 7.99377837901
2021 94.3939749269 13.9891121633
2022 97.2257941748 24.4809462857
2023 100.142568 42.841656
2024 102.655669587 74.14902
2025 105.229428959 48.6261468
2026 107.86522379 63.3432096
2027 110.564459825 82.859058216
2028 113.328571321 109.017758135
2029 116.159021492 135.980638548
2030 119.05730296 160.316373532
2031 122.629022049 187.634283582
2032 126.30789271 215.366630695
2033 130.097129491 242.330532858
2034 134.000043376 267.193645529
2035 138.020044677 288.569137171
EOD_dcdemand_data

$HISTORY_1 << EOD_dcdemand_data
# year value
2023 147
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,13" noenhanced
set label 2 "Data-centre electricity use by segment  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
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
set ylabel "Facility energy (TWh per year)"
set format y "%g"
# Observed or stated years to the left, projected years to the right.
set arrow 90 from first 2023, graph 0 to first 2023, graph 1 nohead linecolor rgb "#777777" linewidth 1 dashtype (4,4) back
set label 90 "base year 2023 " at first 2023, graph 0.97 right font "Sans,9" textcolor rgb "#666666" noenhanced
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

dcd_nseg = 2
plot for [k=dcd_nseg:1:-1] $DATA using 1:(sum [j=2:k] column(j)):(sum [j=2:k+1] column(j)) \
         with filledcurves fillcolor rgb dcd_seg[k] fillstyle solid 0.9 noborder \
         title $TEXT[5+k-1], \
     $HISTORY_1 using 1:2 with points pointtype 6 pointsize 1.5*dcd_ps linewidth 2 linecolor rgb dcd_mark title "Observed: all data centres"
unset output
