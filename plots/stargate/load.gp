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
array dcd_seg[3] = ["#56B4E9", "#D55E00", "#CC79A7"]

# The scenario's text, used only as labels ($TEXT[1] title, [2] name,
# [3]... the footer's lines, then the segments, then the reference marks).
# It is never run as a command.
$TEXT << EOD_dcdemand_text_7c1e
Narrative: Stargate's USD 500 bn on top of McKinsey 2024 medium
stargate
Sources: McKinsey & Company (2024), How data centers and the energy sector can sate AI's hunger for power (the base case);
OpenAI, SoftBank, Oracle (Jan 2025), Stargate announcement: USD 500 bn over four years; NVIDIA Q2 FY2026 earnings call: about USD 50-60 bn per GW of AI data centre;
scenarios/data/hardware.csv; Cushman & Wakefield (2025), Data Center Development Cost Guide: USD 11.7 m per MW excluding IT
Conventional (enterprise, cloud, colocation)
AI (accelerated servers)
stargate (AI)
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year dc_load_gw dc_it_gw ai_load_gw ai_it_gw
2020 11.3742481998 10.477694084 0.912531778426 0.92361516035
2021 12.3724985263 11.457027822 1.59693061224 1.61632653061
2022 13.8934635229 12.9644937587 2.79462857143 2.82857142857
2023 16.3224 15.39 4.8906 4.95
2024 20.1831837429 19.4157 8.4645 8.6625
2025 27.5082268903 27.224546 15.495735 16.14875
2026 36.7064557112 37.13300738 24.393074 25.7249375
2027 46.5426782287 47.8716244764 33.92116455 36.1213125
2028 57.1395808467 59.6184454732 44.2025293261 47.5156241375
2029 65.3235536995 68.9522071573 52.0633914287 56.4863011815
2030 72.8901930654 77.8609102886 59.2991767458 65.0210271336
2031 81.7747619276 87.5408857006 67.7760151184 74.3158060509
2032 90.9892797557 97.580790967 76.5705705422 83.9589589279
2033 100.093847548 107.498225002 85.2425770577 93.4677380019
2034 108.604421153 116.762380282 93.3076125484 102.310978672
2035 116.023932257 124.828166679 100.268219394 109.94322302
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 "Data-centre capacity and average load  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
set label 3 $TEXT[3] at screen 0.012, 0.0611 left font "Sans,9" textcolor rgb "#555555" noenhanced
set label 4 $TEXT[4] at screen 0.012, 0.0403 left font "Sans,9" textcolor rgb "#555555" noenhanced
set label 5 $TEXT[5] at screen 0.012, 0.0194 left font "Sans,9" textcolor rgb "#555555" noenhanced
# The same plot area on every chart of this command (pixels from the edges:
# left 92, right 36, top 108, bottom 175), so that the charts line up.
set lmargin at screen 0.0767
set rmargin at screen 0.9700
set tmargin at screen 0.8500
set bmargin at screen 0.2431
set border 3 linecolor rgb "#444444"
set tics nomirror out scale 0.6
set grid ytics linetype 1 linewidth 1 linecolor rgb "#E5E5E5"
set key at screen 0.0517, 0.1486 left top horizontal maxcols 2 maxrows 2 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
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
