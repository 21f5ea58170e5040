# share_cdf.gp - the target-year share's distribution (mc), written by dcdemand.
#
# Redraw by hand:  gnuplot share_cdf.gp  (from this folder, or give its path from
# anywhere): it writes share_cdf.png beside this script.  Another format:
#   gnuplot -e "fmt='svg'" share_cdf.gp     (png, svg or pdf)
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
dcd_me = "/share_cdf.gp"
dcd_n = strlen(dcd_me)
dcd_dir = (exists("ARG0") && strlen(ARG0) >= dcd_n && ARG0[strlen(ARG0)-dcd_n+1:] eq dcd_me) ? ARG0[1:strlen(ARG0)-dcd_n+1] : ""
# dcdemand draws into a temporary name (dcd_output) and renames the picture
# once it is complete; by hand it is share_cdf.FORMAT.
if (!exists("dcd_output")) dcd_output = "share_cdf.".dcd_fmt
set output dcd_dir.dcd_output
undefine dcd_output

$CDF << EOD_dcdemand_data
# share probability
7.65696659499 0.005
7.75608424595 0.01
7.85265205134 0.02
7.94650065623 0.03
8.06964051901 0.04
8.16357729936 0.05
8.2660408593 0.06
8.36154251967 0.07
8.44531300954 0.08
8.56569081054 0.09
8.69410807105 0.1
8.7814443969 0.11
8.88897888557 0.12
8.97211083309 0.13
9.07987773433 0.14
9.15919110198 0.15
9.25150626834 0.16
9.36445191928 0.17
9.44709966034 0.18
9.56593424219 0.19
9.7045780128 0.2
9.86687243969 0.21
9.95150133966 0.22
10.0533594276 0.23
10.1659451696 0.24
10.2443501218 0.25
10.3665359496 0.26
10.4556912998 0.27
10.5689331478 0.28
10.6823713847 0.29
10.7658659788 0.3
10.9270979416 0.31
11.0809108412 0.32
11.1957464335 0.33
11.3068367286 0.34
11.4445691638 0.35
11.5467530157 0.36
11.6700412419 0.37
11.7835454823 0.38
11.891665861 0.39
12.0012987131 0.4
12.1364328413 0.41
12.2447263134 0.42
12.4389883786 0.43
12.5470368711 0.44
12.6565022267 0.45
12.7771666359 0.46
12.9288069536 0.47
13.0609126695 0.48
13.1798904379 0.49
13.301497104 0.5
13.4550444898 0.51
13.5669578863 0.52
13.7056721642 0.53
13.8844712596 0.54
14.0543307627 0.55
14.2437041471 0.56
14.3044137042 0.57
14.4784975664 0.58
14.6315625074 0.59
14.7791873187 0.6
14.9109867657 0.61
15.066372786 0.62
15.1772178224 0.63
15.2998820991 0.64
15.4659755005 0.65
15.6427737093 0.66
15.7440310171 0.67
15.874388806 0.68
16.0340019376 0.69
16.2216623534 0.7
16.3738504743 0.71
16.5313451866 0.72
16.7100404637 0.73
16.8905618086 0.74
17.0659646944 0.75
17.2278552226 0.76
17.3654236198 0.77
17.4673373675 0.78
17.5927031165 0.79
17.7266202629 0.8
17.890157308 0.81
18.1167769089 0.82
18.2376807908 0.83
18.4317089382 0.84
18.5893304602 0.85
18.7688738942 0.86
18.9253180945 0.87
19.1290331745 0.88
19.3185974817 0.89
19.4303471411 0.9
19.6147600784 0.91
19.8311364388 0.92
20.043981556 0.93
20.1271806377 0.94
20.3441996091 0.95
20.5257419018 0.96
20.7896865654 0.97
20.9384471302 0.98
21.1719691866 0.99
21.5254142763 0.995
EOD_dcdemand_data
$THRESHOLDS << EOD_dcdemand_data
# threshold P(share > t)
8 0.964
11 0.683
12 0.6
EOD_dcdemand_data

# Layout at 1200x720, from $LAYOUT (dcdemand plot --size lays it out again).
$LAYOUT << EOD_dcdemand_layout
key 2 7 0 26
text -1 mc-closed
text -2 Share of national demand in 2030: cumulative distribution  ·  scenario mc-closed
text -5 Probability that the share is at most x
text -6 Share of national demand in 2030 (%)
footer Sources: Test source A (2024); Test source B (2025)
EOD_dcdemand_layout
# Text, used only as labels (1 title, 2 subtitle, then the chart's names, then the footer).  It is never run as a command.
$TEXT << EOD_dcdemand_text_7c1e
mc-closed
Share of national demand in 2030: cumulative distribution  ·  scenario mc-closed
Probability that the share is at most x
Share of national demand in 2030 (%)
Sources: Test source A (2024); Test source B (2025)
EOD_dcdemand_text_7c1e

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 $TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
set label 3 $TEXT[5] at screen 0.012, 0.0194 left font "Sans,9" textcolor rgb "#555555" noenhanced
# The same plot area on every chart of this command (pixels from the edges:
# left 92, right 36, top 108, bottom 187), so that the charts line up.
set lmargin at screen 0.0767
set rmargin at screen 0.9700
set tmargin at screen 0.8500
set bmargin at screen 0.2597
set border 3 linecolor rgb "#444444"
set tics nomirror out scale 0.6
set grid ytics linetype 1 linewidth 1 linecolor rgb "#E5E5E5"
set key at screen 0.0517, 0.1653 left top horizontal maxcols 2 maxrows 1 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
set datafile missing "?"
# End of the layout.
set xlabel $TEXT[4] noenhanced
set ylabel $TEXT[3] noenhanced
set format x "%g"
set yrange [0:1]
set ytics 0.1
set grid xtics ytics linetype 1 linewidth 1 linecolor rgb "#E5E5E5"
set arrow 1 from 8, graph 0 to 8, graph 1 nohead dashtype (4,4) linewidth 1.5 linecolor rgb "#D55E00" back
set label 61 sprintf("P(share > %g%%) = %.3f", 8, 0.964) at 8, 0.0343445999177 left offset 1.2,0 textcolor rgb "#D55E00" front
set arrow 2 from 11, graph 0 to 11, graph 1 nohead dashtype (4,4) linewidth 1.5 linecolor rgb "#D55E00" back
set label 62 sprintf("P(share > %g%%) = %.3f", 11, 0.683) at 11, 0.314739658285 left offset 1.2,0 textcolor rgb "#D55E00" front
set arrow 3 from 12, graph 0 to 12, graph 1 nohead dashtype (4,4) linewidth 1.5 linecolor rgb "#D55E00" back
set label 63 sprintf("P(share > %g%%) = %.3f", 12, 0.6) at 12, 0.399881539783 left offset 1.2,0 textcolor rgb "#D55E00" front

plot $CDF using 1:2 with lines linewidth 3 linecolor rgb "#0072B2" title "P(share ≤ x) over the draws", \
     $THRESHOLDS using 1:(1-$2) with points pointtype 7 pointsize 1.3*dcd_ps linecolor rgb "#D55E00" title "Threshold and P(share > t)"
unset output
