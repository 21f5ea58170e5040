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
array dcd_seg[3] = ["#56B4E9", "#009E73", "#D55E00"]

# The scenario's text, used only as labels ($TEXT[1] title, [2] name,
# [3]... the footer's lines, then the segments, then the reference marks).
# It is never run as a command.
$TEXT << EOD_dcdemand_text_7c1e
Chart fixture: three segments, published and observed points
plot-fixture
Sources: Fixture source A (2024), a study with a long title that is here to show how the footer wraps onto its second line; Fixture source B (2025), another study;
Fixture source C (2023), a third reference, so that the sources fill more than one line
conventional
Storage arrays
Accelerated servers
Fixture study: 3.5-4.5% in 2024
Fixture operator: about 11.5% by 2032
Fixture study: AI at 5.25% in 2030
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year dc_share_pct ai_share_pct
2018 3.65512257127 0.109691769667
2019 3.71478390138 0.173852791147
2020 3.81067850861 0.275439082425
2021 3.96371794797 0.436124699941
2022 4.20669677196 0.68990157757
2023 4.57968082308 1.0782978593
2024 5.0989149405 1.61814514743
2025 5.78158731056 2.32725323816
2026 6.62454058727 3.20234126739
2027 7.59487428732 4.20929731254
2028 8.62509425669 5.27815165256
2029 9.68239374297 6.3748958221
2030 10.68288643 7.41257308391
2031 11.5329602718 8.29414673953
2032 12.141769167 8.92544761549
EOD_dcdemand_data

$EXPECT_1 << EOD_dcdemand_data
# year value
2025 4.6
2030 9.2
EOD_dcdemand_data
$EXPECT_2 << EOD_dcdemand_data
# year value
2030 6.1
EOD_dcdemand_data
$HISTORY_3 << EOD_dcdemand_data
# year value
2016 1.9
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 "Share of national electricity demand  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
set label 3 $TEXT[3] at screen 0.012, 0.0403 left font "Sans,9" textcolor rgb "#555555" noenhanced
set label 4 $TEXT[4] at screen 0.012, 0.0194 left font "Sans,9" textcolor rgb "#555555" noenhanced
# The same plot area on every chart of this command (pixels from the edges:
# left 92, right 36, top 108, bottom 202), so that the charts line up.
set lmargin at screen 0.0767
set rmargin at screen 0.9700
set tmargin at screen 0.8500
set bmargin at screen 0.2806
set border 3 linecolor rgb "#444444"
set tics nomirror out scale 0.6
set grid ytics linetype 1 linewidth 1 linecolor rgb "#E5E5E5"
set key at screen 0.0517, 0.1861 left top horizontal maxcols 2 maxrows 4 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
set datafile missing "?"
set xlabel "Year"
set xrange [2015.5:2032.5]
set xtics 2016, 2 format "%.0f"
set mxtics 2
set ylabel "Share of national demand (%)"
set format y "%g"
# Observed or stated years to the left, projected years to the right.
set arrow 90 from first 2022, graph 0 to first 2022, graph 1 nohead linecolor rgb "#777777" linewidth 1 dashtype (4,4) back
set label 90 "base year 2022 " at first 2022, graph 0.97 right font "Sans,9" textcolor rgb "#666666" noenhanced
# The scenario's reference marks (references:).
set object 1 rectangle from first 2023.7, first 3.5 to first 2024.3, first 4.5 fillcolor rgb "#009E73" fillstyle transparent solid 0.35 border linecolor rgb "#009E73" linewidth 1.5 front
set arrow 2 from graph 0, first 11.5 to graph 1, first 11.5 nohead linewidth 2 dashtype (6,4) linecolor rgb "#CC79A7" back
set arrow 3 from first 2029.65, first 5.25 to first 2030.35, first 5.25 nohead linewidth 4 linecolor rgb "#E69F00" front
$REFS_1 << EOD_dcdemand_data
# year value
2024 3.5
2024 4.5
2016 11.5
2016 11.5
2030 5.25
2030 5.25
EOD_dcdemand_data
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

plot $DATA using 1:2 with lines linewidth 3 linecolor rgb dcd_dc title "Data centres", \
     $DATA using 1:3 with lines linewidth 3 linecolor rgb dcd_ai title "AI", \
     $EXPECT_1 using 1:2 with points pointtype 13 pointsize 1.5*dcd_ps linecolor rgb dcd_dc title "Published: data centres", \
     $EXPECT_2 using 1:2 with points pointtype 13 pointsize 1.5*dcd_ps linecolor rgb dcd_ai title "Published: AI", \
     $HISTORY_3 using 1:2 with points pointtype 6 pointsize 1.5*dcd_ps linewidth 2 linecolor rgb dcd_dc title "Observed: data centres", \
     keyentry with boxes fillcolor rgb "#009E73" fillstyle transparent solid 0.35 border linecolor rgb "#009E73" title $TEXT[8], \
     keyentry with lines linewidth 2 dashtype (6,4) linecolor rgb "#CC79A7" title $TEXT[9], \
     keyentry with lines linewidth 4 linecolor rgb "#E69F00" title $TEXT[10], \
     $REFS_1 using 1:2 with points pointtype 1 pointsize 0.01 linecolor rgb "#FF000000" notitle
unset output
