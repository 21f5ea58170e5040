# emissions.gp - Data-centre emissions by segment, written by dcdemand.
#
# Redraw by hand:  gnuplot emissions.gp  (from this folder, or give its path from
# anywhere): it writes emissions.png beside this script.  Another format:
#   gnuplot -e "fmt='svg'" emissions.gp     (png, svg or pdf)
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
dcd_me = "/emissions.gp"
dcd_n = strlen(dcd_me)
dcd_dir = (exists("ARG0") && strlen(ARG0) >= dcd_n && ARG0[strlen(ARG0)-dcd_n+1:] eq dcd_me) ? ARG0[1:strlen(ARG0)-dcd_n+1] : ""
# dcdemand draws into a temporary name (dcd_output) and renames the picture
# once it is complete; by hand it is emissions.FORMAT.
if (!exists("dcd_output")) dcd_output = "emissions.".dcd_fmt
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
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year, then co2_mt (Mt CO2) of each segment in the order of $TEXT[5...]
2018 42.34257327 7.6721448081 1.54740093444
2019 43.0701075459 7.98670274523 2.50678951379
2020 43.8084522467 8.31415755778 4.06099901235
2021 44.5577136815 8.65503801765 6.5788184
2022 45.317997186 9.00989457637 10.657685808
2023 44.8922795628 9.13568206559 16.6386356388
2024 44.4371347544 9.25663849614 24.9612366797
2025 43.9517815833 9.37215627244 35.9253924042
2026 43.4354270272 9.48158609709 49.5173772874
2027 42.8872662972 9.58423457266 65.2379636444
2028 42.306482929 9.679361677 81.9820367635
2029 41.6922488915 9.76617810558 99.1813507141
2030 41.0437247109 9.84384247432 115.343017903
2031 40.3600596127 9.91145837591 128.738299645
2032 39.6403916813 9.96807128223 137.665880224
EOD_dcdemand_data

$EXPECT_1 << EOD_dcdemand_data
# year value
2028 140
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 "Data-centre emissions by segment  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
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
set key at screen 0.0517, 0.1861 left top horizontal maxcols 2 maxrows 2 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
set datafile missing "?"
set xlabel "Year"
set xrange [2015.5:2032.5]
set xtics 2016, 2 format "%.0f"
set mxtics 2
set ylabel "Emissions (Mt CO₂ per year)"
set format y "%g"
# Observed or stated years to the left, projected years to the right.
set arrow 90 from first 2022, graph 0 to first 2022, graph 1 nohead linecolor rgb "#777777" linewidth 1 dashtype (4,4) back
set label 90 "base year 2022 " at first 2022, graph 0.97 right font "Sans,9" textcolor rgb "#666666" noenhanced
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

dcd_nseg = 3
plot for [k=dcd_nseg:1:-1] $DATA using 1:(sum [j=2:k] column(j)):(sum [j=2:k+1] column(j)) \
         with filledcurves fillcolor rgb dcd_seg[k] fillstyle solid 0.9 noborder \
         title $TEXT[5+k-1], \
     $EXPECT_1 using 1:2 with points pointtype 13 pointsize 1.5*dcd_ps linecolor rgb dcd_mark title "Published: all data centres"
unset output
