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
array dcd_seg[5] = ["#56B4E9", "#009E73", "#F0E442", "#D55E00", "#CC79A7"]

# The scenario's text, used only as labels ($TEXT[1] title, [2] name,
# [3]... the footer's lines, then the segments, then the reference marks).
# It is never run as a command.
$TEXT << EOD_dcdemand_text_7c1e
LBNL 2025 update, low end of the range: US data centres at 9.5% of demand in 2030
lbnl-2025-low
Sources: Smith et al. (2025), United States Data Center Energy Usage Report: 2025 Update, LBNL;
Shehabi et al. (Dec 2024), 2024 United States Data Center Energy Usage Report, LBNL-2001637; EIA, US electricity end use 2023-2024; scenarios/data/us-national.csv;
NERC load forecast as used by LBNL 2025 (implied total only; not read)
conventional
storage
network
ai_training
ai_inference
EOD_dcdemand_text_7c1e

$DATA << EOD_dcdemand_data
# year dc_share_pct ai_share_pct
2018 1.90475794988 0.0766525865633
2019 2.02290491876 0.11099130281
2020 2.30418019745 0.182620410507
2021 2.7414615849 0.347268151695
2022 3.36865399464 0.689729300675
2023 4.48170641215 1.53686405232
2024 5.41629281386 2.33898868879
2025 6.65516250506 3.60114901819
2026 7.88264945167 4.8839082914
2027 8.77498680793 5.84926518073
2028 9.34027891316 6.49629471852
2029 9.55944327566 6.81596487427
2030 9.49743229098 6.86640973256
EOD_dcdemand_data

$EXPECT_1 << EOD_dcdemand_data
# year value
2030 9.5
EOD_dcdemand_data

set label 1 $TEXT[1] at screen 0.012, 0.9500 left font "Sans Bold,17" noenhanced
set label 2 "Share of national electricity demand  ·  scenario ".$TEXT[2] at screen 0.012, 0.8944 left font "Sans,12" textcolor rgb "#444444" noenhanced
set label 3 $TEXT[3] at screen 0.012, 0.0611 left font "Sans,9" textcolor rgb "#555555" noenhanced
set label 4 $TEXT[4] at screen 0.012, 0.0403 left font "Sans,9" textcolor rgb "#555555" noenhanced
set label 5 $TEXT[5] at screen 0.012, 0.0194 left font "Sans,9" textcolor rgb "#555555" noenhanced
# The same plot area on every chart of this command (pixels from the edges:
# left 92, right 36, top 108, bottom 196), so that the charts line up.
set lmargin at screen 0.0767
set rmargin at screen 0.9700
set tmargin at screen 0.8500
set bmargin at screen 0.2722
set border 3 linecolor rgb "#444444"
set tics nomirror out scale 0.6
set grid ytics linetype 1 linewidth 1 linecolor rgb "#E5E5E5"
set key at screen 0.0517, 0.1778 left top horizontal maxcols 2 maxrows 2 Left reverse samplen 2.5 spacing 1.15 width 2 font ",12" noenhanced
set datafile missing "?"
set xlabel "Year"
set xrange [2013.5:2030.5]
set xtics 2014, 2 format "%.0f"
set mxtics 2
set ylabel "Share of national demand (%)"
set format y "%g"
# Observed or stated years to the left, projected years to the right.
set arrow 90 from first 2023, graph 0 to first 2023, graph 1 nohead linecolor rgb "#777777" linewidth 1 dashtype (4,4) back
set label 90 "base year 2023 " at first 2023, graph 0.97 right font "Sans,9" textcolor rgb "#666666" noenhanced
set yrange [0:*]
set offsets 0, 0, graph 0.04, 0

plot $DATA using 1:2 with lines linewidth 3 linecolor rgb dcd_dc title "Data centres", \
     $DATA using 1:3 with lines linewidth 3 linecolor rgb dcd_ai title "AI", \
     $EXPECT_1 using 1:2 with points pointtype 13 pointsize 1.5*dcd_ps linecolor rgb dcd_dc title "Published: data centres"
unset output
