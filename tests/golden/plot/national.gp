# national.gp - National electricity demand: data centres and the rest, written by dcdemand.
#
# Redraw by hand:  gnuplot national.gp  (from this folder, or give its path from
# anywhere): it writes national.png beside this script.  Another format:
#   gnuplot -e "fmt='svg'" national.gp     (png, svg or pdf)
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
dcd_me = "/national.gp"
dcd_n = strlen(dcd_me)
dcd_dir = (exists("ARG0") && strlen(ARG0) >= dcd_n && ARG0[strlen(ARG0)-dcd_n+1:] eq dcd_me) ? ARG0[1:strlen(ARG0)-dcd_n+1] : ""
# dcdemand draws into a temporary name (dcd_output) and renames the picture
# once it is complete; by hand it is national.FORMAT.
if (!exists("dcd_output")) dcd_output = "national.".dcd_fmt
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
# year other_twh dc_twh national_twh
2018 3530.17886709 133.927581851 3664.10644894
2019 3606.07771273 139.126233259 3745.20394599
2020 3683.60838356 145.931451472 3829.53983503
2021 3762.8059638 155.302779478 3918.10874328
2022 3843.70629203 168.793707975 4012.5
2023 3926.3459773 188.444259379 4114.79023668
2024 4010.76241582 215.493177891 4226.25559371
2025 4096.99380776 251.406564112 4348.40037187
2026 4185.07917462 296.911276556 4481.99045118
2027 4275.05837688 351.371535863 4626.42991274
2028 4366.97213198 412.208865752 4779.18099773
2029 4460.86203282 478.221516543 4939.08354936
2030 4556.77056652 545.018311765 5101.78887829
2031 4654.7411337 606.812941132 5261.55407483
2032 4754.81806808 657.102958552 5411.92102663
EOD_dcdemand_data

$EXPECT_1 << EOD_dcdemand_data
# year value
2032 5300
EOD_dcdemand_data
$HISTORY_2 << EOD_dcdemand_data
# year value
2018 3650
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 "National electricity demand: data centres and the rest  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
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
set ylabel "Electricity demand (TWh per year)"
set format y "%g"
# Observed or stated years to the left, projected years to the right.
set arrow 90 from first 2022, graph 0 to first 2022, graph 1 nohead linecolor rgb "#777777" linewidth 1 dashtype (4,4) back
set label 90 "base year 2022 " at first 2022, graph 0.97 right font "Sans,9" textcolor rgb "#666666" noenhanced
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

plot $DATA using 1:2:4 with filledcurves fillcolor rgb dcd_dc fillstyle solid 0.9 noborder title "Data centres", \
     $DATA using 1:(0):2 with filledcurves fillcolor rgb dcd_rest fillstyle solid 0.9 noborder title "Rest of the economy", \
     $EXPECT_1 using 1:2 with points pointtype 13 pointsize 1.5*dcd_ps linecolor rgb dcd_mark title "Published: national total", \
     $HISTORY_2 using 1:2 with points pointtype 6 pointsize 1.5*dcd_ps linewidth 2 linecolor rgb dcd_mark title "Observed: rest of the economy"
unset output
