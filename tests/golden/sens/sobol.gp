# sobol.gp - Sobol indices with bootstrap intervals, written by dcdemand.
#
# Redraw by hand:  gnuplot sobol.gp  (from this folder, or give its path from
# anywhere): it writes sobol.png beside this script.  Another format:
#   gnuplot -e "fmt='svg'" sobol.gp     (png, svg or pdf)
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
dcd_me = "/sobol.gp"
dcd_n = strlen(dcd_me)
dcd_dir = (exists("ARG0") && strlen(ARG0) >= dcd_n && ARG0[strlen(ARG0)-dcd_n+1:] eq dcd_me) ? ARG0[1:strlen(ARG0)-dcd_n+1] : ""
# dcdemand draws into a temporary name (dcd_output) and renames the picture
# once it is complete; by hand it is sobol.FORMAT.
if (!exists("dcd_output")) dcd_output = "sobol.".dcd_fmt
set output dcd_dir.dcd_output
undefine dcd_output

$TEXT << EOD_dcdemand_text_7c1e
sens-known: Sobol indices of dc_twh in 2030, 95% bootstrap intervals
share of the variance
segments.dc.growth
segments.dc.energy_twh
national.growth
EOD_dcdemand_text_7c1e
$DATA << EOD_dcdemand_data
0 0.77562350942 0.534175770478 1.06497288758 0.839354624016 0.573009297978 1.05514452167
1 0.0762272695991 -0.00381477893578 0.172156795816 0.0883968427048 0.0731410280675 0.125298993758
2 0 0 0 0 0 0
EOD_dcdemand_data
set title $TEXT[1]
set ylabel $TEXT[2]
set key top right
set grid ytics
set bmargin 10
set lmargin 30
set xtics () rotate by 30 right nomirror
do for [i=1:3] { set xtics add (($TEXT[i+2]) i-1) }
set xrange [-0.6:2.6]
set yrange [-0.0238147789358:1.06497288758]
set boxwidth 0.35 absolute
set style fill solid 0.85 noborder
plot $DATA using ($1-0.19):2 with boxes lc rgb "#0072B2" title "first order", \
     $DATA using ($1+0.19):5 with boxes lc rgb "#999999" title "total", \
     $DATA using ($1-0.19):2:3:4 with yerrorbars pt 7 ps 0.4 lc rgb "#000000" notitle, \
     $DATA using ($1+0.19):5:6:7 with yerrorbars pt 7 ps 0.4 lc rgb "#000000" notitle

unset output
