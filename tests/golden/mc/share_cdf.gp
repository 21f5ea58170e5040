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
7.62059705892 0.005
7.73145110519 0.01
7.88269883665 0.02
8.02707803094 0.03
8.09321226679 0.04
8.17391895067 0.05
8.27421976146 0.06
8.35712349529 0.07
8.46336095721 0.08
8.57292835154 0.09
8.69327410521 0.1
8.78039963904 0.11
8.8767063375 0.12
8.952830302 0.13
9.0904124457 0.14
9.16032817787 0.15
9.26237116414 0.16
9.38097616468 0.17
9.49274435435 0.18
9.58493073283 0.19
9.72568237177 0.2
9.82886544971 0.21
9.94100183893 0.22
10.0344867384 0.23
10.131928304 0.24
10.2627947318 0.25
10.3437460324 0.26
10.4652335424 0.27
10.5780969714 0.28
10.7127365742 0.29
10.8573988773 0.3
10.9554266082 0.31
11.0309132886 0.32
11.1472231892 0.33
11.2638978052 0.34
11.3684582653 0.35
11.4869169245 0.36
11.6521271765 0.37
11.7610964857 0.38
11.8801213238 0.39
11.9881896022 0.4
12.145220261 0.41
12.2960646867 0.42
12.3964173689 0.43
12.5138902949 0.44
12.6165833177 0.45
12.7339371733 0.46
12.8819838522 0.47
13.0453623624 0.48
13.2116799903 0.49
13.3348043126 0.5
13.4508704033 0.51
13.6254567042 0.52
13.7856608135 0.53
13.8581546313 0.54
14.0592167454 0.55
14.1739021469 0.56
14.3077317828 0.57
14.5117116451 0.58
14.6182465692 0.59
14.7500335657 0.6
14.8570292952 0.61
15.0319181354 0.62
15.1631280494 0.63
15.3110146666 0.64
15.449332165 0.65
15.598474381 0.66
15.7847711501 0.67
15.9423089718 0.68
16.0988554855 0.69
16.2857154353 0.7
16.3993858813 0.71
16.571539676 0.72
16.6997471526 0.73
16.8700781601 0.74
17.0794903001 0.75
17.1921235645 0.76
17.315566965 0.77
17.4968327532 0.78
17.614532034 0.79
17.7553125114 0.8
17.9566964186 0.81
18.1797836964 0.82
18.3243791298 0.83
18.4260811191 0.84
18.5770562772 0.85
18.7010083068 0.86
18.895199488 0.87
19.1059876114 0.88
19.2294659581 0.89
19.3911355161 0.9
19.6062613688 0.91
19.7873357526 0.92
19.9842654627 0.93
20.1030585552 0.94
20.2417784435 0.95
20.4153134227 0.96
20.7775509998 0.97
21.0068159106 0.98
21.2273278017 0.99
21.4052514268 0.995
EOD_dcdemand_data
$THRESHOLDS << EOD_dcdemand_data
# threshold P(share > t)
8 0.971
11 0.684
12 0.5995
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
set label 61 sprintf("P(share > %g%%) = %.3f", 8, 0.971) at 8, 0.0281245198746 left offset 1.2,0 textcolor rgb "#D55E00" front
set arrow 2 from 11, graph 0 to 11, graph 1 nohead dashtype (4,4) linewidth 1.5 linecolor rgb "#D55E00" back
set label 62 sprintf("P(share > %g%%) = %.3f", 11, 0.684) at 11, 0.315904802221 left offset 1.2,0 textcolor rgb "#D55E00" front
set arrow 3 from 12, graph 0 to 12, graph 1 nohead dashtype (4,4) linewidth 1.5 linecolor rgb "#D55E00" back
set label 63 sprintf("P(share > %g%%) = %.3f", 12, 0.5995) at 12, 0.400752107768 left offset 1.2,0 textcolor rgb "#D55E00" front

plot $CDF using 1:2 with lines linewidth 3 linecolor rgb "#0072B2" title "P(share ≤ x) over the draws", \
     $THRESHOLDS using 1:(1-$2) with points pointtype 7 pointsize 1.3*dcd_ps linecolor rgb "#D55E00" title "Threshold and P(share > t)"
unset output
