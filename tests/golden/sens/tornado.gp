# tornado.gp - one-at-a-time sensitivity (tornado), written by dcdemand.
#
# Redraw by hand:  gnuplot tornado.gp  (from this folder, or give its path from
# anywhere): it writes tornado.png beside this script.  Another format:
#   gnuplot -e "fmt='svg'" tornado.gp     (png, svg or pdf)
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
dcd_me = "/tornado.gp"
dcd_n = strlen(dcd_me)
dcd_dir = (exists("ARG0") && strlen(ARG0) >= dcd_n && ARG0[strlen(ARG0)-dcd_n+1:] eq dcd_me) ? ARG0[1:strlen(ARG0)-dcd_n+1] : ""
# dcdemand draws into a temporary name (dcd_output) and renames the picture
# once it is complete; by hand it is tornado.FORMAT.
if (!exists("dcd_output")) dcd_output = "tornado.".dcd_fmt
set output dcd_dir.dcd_output
undefine dcd_output

$TEXT << EOD_dcdemand_text_7c1e
sens-known: tornado of dc_twh in 2030 (each input alone at P10 and P90)
dc_twh
segments.dc.growth
segments.dc.energy_twh
national.growth
EOD_dcdemand_text_7c1e
$DATA << EOD_dcdemand_data
2 386.869246296 985.162418487
1 555.393024 698.720256
0 627.05664 627.05664
EOD_dcdemand_data
base = 627.05664
set title $TEXT[1]
set xlabel $TEXT[2]
set key outside bottom center horizontal
set grid xtics
set lmargin 28
set ytics () nomirror
do for [i=1:3] { set ytics add (($TEXT[i+2]) 3-i) }
set yrange [-0.6:2.6]
set arrow 1 from base, graph 0 to base, graph 1 nohead lc rgb "#000000" dt 2
plot $DATA using ((column(2)+base)/2):1:(column(2)<base?column(2):base):(column(2)<base?base:column(2)):($1-0.35):($1+0.35) with boxxyerror fs solid 0.85 noborder lc rgb "#0072B2" title "input at its P10", \
     $DATA using ((column(3)+base)/2):1:(column(3)<base?column(3):base):(column(3)<base?base:column(3)):($1-0.35):($1+0.35) with boxxyerror fs solid 0.85 noborder lc rgb "#D55E00" title "input at its P90"

unset output
