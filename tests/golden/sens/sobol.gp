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

$DATA << EOD_dcdemand_data
# row first_order lo hi total lo hi
2 0.694242171514 0.393597180031 1.01101793647 0.802993303437 0.565670810371 1.00655531153
1 -0.0223543179019 -0.0763992560149 0.0146135238223 0.0635740343055 0.0480818712644 0.0776265091554
0 0 0 0 0 0 0
EOD_dcdemand_data

# Layout at 1200x720, from $LAYOUT (dcdemand plot --size lays it out again).
$LAYOUT << EOD_dcdemand_layout
key 3 3 0 29
left 4 3
text -1 Sensitivity with a known answer
text -2 Sobol indices with 95% bootstrap intervals: what drives the spread  ·  scenario sens-known
text -6 Share of the variance of data centres, facility energy in 2030
text -4 dc: growth (% per year)
text -4 dc: energy (TWh)
text -4 National demand: growth (% per year)
footer Source: Test source (made up for the golden scripts)
EOD_dcdemand_layout
# Text, used only as labels (1 title, 2 subtitle, then the chart's names, then the footer).  It is never run as a command.
$TEXT << EOD_dcdemand_text_7c1e
Sensitivity with a known answer
Sobol indices with 95% bootstrap intervals: what drives the spread  ·  scenario sens-known
Share of the variance of data centres, facility energy in 2030
dc: growth (% per year)
dc: energy (TWh)
National demand: growth (% per year)
Source: Test source (made up for the golden scripts)
EOD_dcdemand_text_7c1e

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 $TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
set label 3 $TEXT[7] at screen 0.012, 0.0194 left font "Sans,9" textcolor rgb "#555555" noenhanced
# The same plot area on every chart of this command (pixels from the edges:
# left 92, right 36, top 108, bottom 145), so that the charts line up.
set lmargin at screen 0.0767
set rmargin at screen 0.9700
set tmargin at screen 0.8500
set bmargin at screen 0.2014
set border 3 linecolor rgb "#444444"
set tics nomirror out scale 0.6
set grid ytics linetype 1 linewidth 1 linecolor rgb "#E5E5E5"
set key at screen 0.0517, 0.1069 left top horizontal maxcols 2 maxrows 2 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
set datafile missing "?"
# Room on the left for the names.
set lmargin at screen 0.2607
# End of the layout.
unset ytics
set label 100 $TEXT[4] at graph 0, first 2 right offset character -0.8, 0 font ",11" textcolor rgb "#333333" noenhanced
set label 101 $TEXT[5] at graph 0, first 1 right offset character -0.8, 0 font ",11" textcolor rgb "#333333" noenhanced
set label 102 $TEXT[6] at graph 0, first 0 right offset character -0.8, 0 font ",11" textcolor rgb "#333333" noenhanced
set yrange [-0.6:2.6]
set grid noytics xtics
set xlabel $TEXT[3] noenhanced
set format x "%g"
set xrange [-0.0963992560149:1.01101793647]

plot $DATA using (column(2)/2):($1+0.19):(0):(column(2)):($1+0.03):($1+0.35) with boxxyerror fillstyle solid 0.85 noborder fillcolor rgb "#0072B2" title "First order (the input alone)", \
     $DATA using (column(5)/2):($1-0.19):(0):(column(5)):($1-0.35):($1-0.03) with boxxyerror fillstyle solid 0.85 noborder fillcolor rgb "#999999" title "Total (with its interactions)", \
     $DATA using 2:($1+0.19):3:4 with xerrorbars pointtype 7 pointsize 0.5*dcd_ps linecolor rgb "#000000" title "Bootstrap interval", \
     $DATA using 5:($1-0.19):6:7 with xerrorbars pointtype 7 pointsize 0.5*dcd_ps linecolor rgb "#000000" notitle
unset output
