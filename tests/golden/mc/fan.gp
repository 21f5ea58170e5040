# fan.gp - the share of national demand, median and bands (mc), written by dcdemand.
#
# Redraw by hand:  gnuplot fan.gp  (from this folder, or give its path from
# anywhere): it writes fan.png beside this script.  Another format:
#   gnuplot -e "fmt='svg'" fan.gp     (png, svg or pdf)
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
dcd_me = "/fan.gp"
dcd_n = strlen(dcd_me)
dcd_dir = (exists("ARG0") && strlen(ARG0) >= dcd_n && ARG0[strlen(ARG0)-dcd_n+1:] eq dcd_me) ? ARG0[1:strlen(ARG0)-dcd_n+1] : ""
# dcdemand draws into a temporary name (dcd_output) and renames the picture
# once it is complete; by hand it is fan.FORMAT.
if (!exists("dcd_output")) dcd_output = "fan.".dcd_fmt
set output dcd_dir.dcd_output
undefine dcd_output

# Text, used only as labels (title, subtitle).  It is never run as a command.
$TEXT << EOD_dcdemand_text_7c1e
mc-closed
share of national demand: median and bands, 2000 draws (0 failed)
EOD_dcdemand_text_7c1e


$BANDS << EOD_dcdemand_data
2020 2.16049854844 2.36513247782 2.67378889097 3.02424827975 3.35474325957
2021 2.74332653526 2.91290804198 3.15974745752 3.42885027423 3.67336279956
2022 3.47779263916 3.58289531202 3.73064301055 3.88541357573 4.02098446476
2023 4.4 4.4 4.4 4.4 4.4
2024 4.81294981091 4.97920793585 5.18298809729 5.39302803723 5.55268148366
2025 5.26252245741 5.63017139693 6.0964250111 6.59471082193 6.98527011128
2026 5.75155178224 6.36054267901 7.15868963638 8.04139530067 8.75321125038
2027 6.28301118446 7.17845387891 8.3895108107 9.77223678523 10.9160973651
2028 6.86000450058 8.09245195532 9.80959212394 11.8277098761 13.534153805
2029 7.48575291595 9.11140160537 11.4400313988 14.247258583 16.6626650736
2030 8.16357729936 10.2443501218 13.301497104 17.0659646944 20.3441996091
EOD_dcdemand_data
$PUBLISHED << EOD_dcdemand_data
2025 5.5 0.5
EOD_dcdemand_data
$OBSERVED << EOD_dcdemand_data
2021 3.9
EOD_dcdemand_data

set title $TEXT[1]."\n".$TEXT[2] noenhanced font "Sans Bold,15"
set border 3
set tics nomirror out
set grid ytics
set key outside right top noenhanced
set xrange [2020:2030]
set xlabel "year"
set ylabel "share of national demand (%)"
set format x "%.0f"
set yrange [0:*]
set style fill solid noborder
plot $BANDS using 1:2:6 with filledcurves linecolor rgb "#C6DBEF" title "P5-P95", \
     $BANDS using 1:3:5 with filledcurves linecolor rgb "#6BAED6" title "P25-P75", \
     $BANDS using 1:4 with lines linewidth 2.5 linecolor rgb "#0072B2" title "median", \
     $PUBLISHED using 1:2:3 with yerrorbars pointtype 13 pointsize 1.6 linecolor rgb "#000000" title "published", \
     $OBSERVED using 1:2 with points pointtype 6 pointsize 1.6 linecolor rgb "#000000" title "observed"
unset output
