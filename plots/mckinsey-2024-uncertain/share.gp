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
array dcd_seg[2] = ["#56B4E9", "#D55E00"]

# The scenario's text, used only as labels ($TEXT[1] title, [2] name,
# [3]... the footer's lines, then the segments, then the reference marks).
# It is never run as a command.
$TEXT << EOD_dcdemand_text_7c1e
McKinsey 2024 medium case with ranges on its key assumptions
mckinsey-2024-uncertain
Sources: McKinsey & Company (2024), How data centers and the energy sector can sate AI's hunger for power (17 Sep 2024); McKinsey & Company (2024), AI's power binge (chart);
Uptime Institute, Global Data Center Survey 2023 (PUE 1.58); Lawrence Berkeley National Laboratory (2025), United States Data Center Energy Usage Report: 2025 Update (idle
power, utilisation)
Conventional (enterprise, cloud, colocation)
AI (accelerated servers)
McKinsey 2024: 3-4% in 2023
McKinsey 2024: 11-12% in 2030
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year dc_share_pct ai_share_pct
2020 2.73296459628 0.219259945766
2021 2.89272690105 0.373367119935
2022 3.1573877871 0.635099095799
2023 3.5988981626 1.07832006041
2024 4.30558766512 1.80569365348
2025 5.28556585798 2.81351103321
2026 6.49781105171 4.05966014789
2027 7.80201546562 5.40015944573
2028 9.18463125228 6.8210997355
2029 10.4994541869 8.17246748577
2030 11.5747415534 9.27806260479
2031 12.7222306669 10.4465178594
2032 13.798894843 11.5424926481
2033 14.7576970098 12.5176934002
2034 15.5542650096 13.3265423233
2035 16.1496711379 13.9290317345
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 "Share of national electricity demand  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
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
set ylabel "Share of national demand (%)"
set format y "%g"
# Observed or stated years to the left, projected years to the right.
set arrow 90 from first 2023, graph 0 to first 2023, graph 1 nohead linecolor rgb "#777777" linewidth 1 dashtype (4,4) back
set label 90 "base year 2023 " at first 2023, graph 0.97 right font "Sans,9" textcolor rgb "#666666" noenhanced
# The scenario's reference marks (references:).
set object 1 rectangle from first 2022.7, first 3 to first 2023.3, first 4 fillcolor rgb "#009E73" fillstyle transparent solid 0.35 border linecolor rgb "#009E73" linewidth 1.5 front
set object 2 rectangle from first 2029.7, first 11 to first 2030.3, first 12 fillcolor rgb "#CC79A7" fillstyle transparent solid 0.35 border linecolor rgb "#CC79A7" linewidth 1.5 front
$REFS_1 << EOD_dcdemand_data
# year value
2023 3
2023 4
2030 11
2030 12
EOD_dcdemand_data
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

plot $DATA using 1:2 with lines linewidth 3 linecolor rgb dcd_dc title "Data centres", \
     $DATA using 1:3 with lines linewidth 3 linecolor rgb dcd_ai title "AI", \
     keyentry with boxes fillcolor rgb "#009E73" fillstyle transparent solid 0.35 border linecolor rgb "#009E73" title $TEXT[8], \
     keyentry with boxes fillcolor rgb "#CC79A7" fillstyle transparent solid 0.35 border linecolor rgb "#CC79A7" title $TEXT[9], \
     $REFS_1 using 1:2 with points pointtype 1 pointsize 0.01 linecolor rgb "#FF000000" notitle
unset output
