#!/bin/sh
# GMT 6 counterpart of `eventmap render` for bench/render: the same area of
# Syria's coast on an A3 landscape page, drawn once and written as PNG (300 dpi)
# and PDF by one `gmt end`, so that one command is one timing.
#
# Usage: gmt_poster.sh OUTDIR    -> OUTDIR/gmt_poster.png, OUTDIR/gmt_poster.pdf
#
# Needs Debian's gmt, gmt-gshhg-full (full-resolution coastline), gmt-dcw
# (country polygons) and ghostscript (GMT's PNG/PDF writer).  The figures on
# the map are illustrative values of the size eventmap draws, not data.
# shellcheck disable=SC2086 # $page holds two options (-R -J) on purpose
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 OUTDIR" >&2
	exit 1
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)

# GMT writes gmt.history to the working directory and its modern-mode session
# to GMT_USERDIR/sessions: a private scratch directory for both keeps them out
# of the caller's tree and ignores any ~/.gmt/gmt.conf, so every run draws
# with GMT's defaults.  The session is named after this shell, so that
# wrappers between it and the gmt processes do not split it.
work=$(mktemp -d "${TMPDIR:-/tmp}/gmt_poster.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM
cd "$work"
export GMT_USERDIR="$work" GMT_TMPDIR="$work" GMT_SESSION_NAME=$$

region=35.4/36.9/34.2/36.1      # lon/lon/lat/lat
page="-R0/420/0/297 -Jx0.1c"    # page coordinates in mm
map_x=1.5c map_y=1.6c           # lower-left corner of the map on the page

# Place markers: lon lat lowest highest category-colour name.  Diameter is
# proportional to sqrt(figure) (area-proportional circles), 1 mm per sqrt.
cat > places.txt <<'EOF'
35.79 35.53 60 140 #D55E00 Latakia
35.93 35.36 90 240 #D55E00 Jableh
35.95 35.18 20 480 #D55E00 Baniyas
35.89 34.89 15 40 #0072B2 Tartus
36.06 35.46 70 150 #D55E00 Qardaha
36.29 35.88 4 30 #0072B2 Al-Janoudiya
35.98 35.25 13 13 #D55E00 Tuwaym
EOF
awk '{ print $1, $2, 0.1 * sqrt($4) "c" }' places.txt > ring.txt
awk '$5 == "#D55E00" { print $1, $2, 0.1 * sqrt($3) "c" }' places.txt > disc_civilians.txt
awk '$5 == "#0072B2" { print $1, $2, 0.1 * sqrt($3) "c" }' places.txt > disc_security.txt
# Labels start just right of the ring: the map is 17.1 cm for 1.5 degrees
# of longitude, so 11.4 cm per degree.
awk '{ print $1 + (0.05 * sqrt($4) + 0.2) / 11.4, $2,
       $6 " (" $3 (($3 == $4) ? "" : "-" $4) ")" }' places.txt > labels.txt

# Displacement arrows: quadratic Bezier curves bowed to the sea side,
# pen width proportional to people.
curve() { # lon0 lat0 lon1 lat1 bow
	awk -v x0="$1" -v y0="$2" -v x1="$3" -v y1="$4" -v bow="$5" 'BEGIN {
		cx = (x0 + x1) / 2 - bow * (y1 - y0); cy = (y0 + y1) / 2 + bow * (x1 - x0);
		for (i = 0; i <= 40; i++) { t = i / 40; u = 1 - t;
			print u*u*x0 + 2*u*t*cx + t*t*x1, u*u*y0 + 2*u*t*cy + t*t*y1 } }'
}
curve 35.95 35.18 36.06 34.58 0.35 > arrow_baniyas.txt
curve 35.89 34.89 36.05 34.57 0.25 > arrow_tartus.txt

cat > towns.txt <<'EOF'
35.84 34.44 Tripoli
36.72 34.73 Homs
36.75 35.13 Hama
36.34 35.07 Masyaf
36.13 34.82 Safita
36.32 35.81 Jisr al-Shughur
35.95 35.41 Hmeimim
36.64 35.93 Idlib
EOF

cat > legend.txt <<'EOF'
H 16p,Helvetica-Bold Legend
G 0.15c
L 11p,Helvetica-Bold L People killed, range across sources
G 0.1c
S 0.9c c 0.32c #D55E00 0.5p,white 2.0c 10
G 0.35c
S 0.9c c 1.0c #D55E00 0.5p,white 2.0c 100
G 0.8c
S 0.9c c 2.2c #F6D2BC 1.2p,#D55E00 2.0c 480 (ring: highest figure)
G 0.9c
S 0.9c c 0.6c #D55E00 - 2.0c civilians
S 0.9c c 0.6c #0072B2 - 2.0c security forces
S 0.9c c 0.6c - 1p,gray20,- 2.0c approximate place
G 0.2c
L 11p,Helvetica-Bold L People displaced
S 0.9c v0.55c+e+h0.5+g#7F3C8D 1.4c #7F3C8D 3p,#7F3C8D 2.0c 6,000 (UNHCR)
S 0.9c v0.35c+e+h0.5+g#7F3C8D 1.4c #7F3C8D 1.5p,#7F3C8D 2.0c 2,000
G 0.2c
L 11p,Helvetica-Bold L Map
S 0.9c r 1.2c/0.5c #F2EBDD 0.5p,gray40 2.0c Syria
S 0.9c r 1.2c/0.5c #E4E4E4 0.5p,gray40 2.0c neighbouring countries
S 0.9c r 1.2c/0.5c #C9DDEB 0.5p,gray40 2.0c sea
S 0.9c - 1.2c - 1p,gray30,- 2.0c national border
S 0.9c s 0.25c gray20 - 2.0c town
EOF

cat > headline.txt <<'EOF'
> 218 250 0.55c 18c l
@%1%Headline totals (whole coast, not mapped on a town)@%%

SOHR: more than 1,000 killed, 6-9 March (745 civilians, 125 security forces, 148 pro-Assad fighters)

SNHR: 779 killed, 6-10 March (211 civilians, 172 security forces, 396 unknown)

UNHCR: more than 6,000 people crossed into Akkar, Lebanon
EOF

cat > credits.txt <<'EOF'
> 218 14 0.32c 18c l
Sources: SOHR, SNHR, UNHCR, Reuters, residents, as carried by AFP, the Financial Times, the BBC and CBC News. Coastline and borders: GSHHG 2.3.7 (Wessel & Smith, LGPL); countries: DCW for GMT 2.1.1. Places: GeoNames (CC BY 4.0). Drawn with GMT 6 for eventmap's render benchmark: figures are illustrative.
EOF

gmt begin "$out/gmt_poster" png,pdf E300 --PS_MEDIA=A3
	# White A3 sheet: psconvert crops to the drawn area, so paint all of it.
	printf '0 0\n420 0\n420 297\n0 297\n' | gmt plot $page -Gwhite -X0 -Y0

	# Title block on the right-hand side of the page.
	printf '%s\n' "218 282 Violence on Syria's coast, March 2025" |
		gmt text $page -F+f26p,Helvetica-Bold+jTL -N
	printf '%s\n' "218 268 Reports of 6-10 March 2025; figures as published, ranges across sources" |
		gmt text $page -F+f13p,Helvetica,gray25+jTL -N
	gmt text headline.txt $page -M -N -F+f11p,Helvetica+jTL
	gmt text credits.txt $page -M -N -F+f7.5p,Helvetica,gray25+jBL

	# Main map: sea, neighbours muted, Syria lighter, full-resolution GSHHG coast.
	gmt coast -R$region -JM17.1c -Df -S#C9DDEB -G#E4E4E4 -X$map_x -Y$map_y
	gmt coast -Df -ESY+g#F2EBDD
	gmt coast -Df -W0.6p,gray25 -N1/1p,gray30,- -Ia/0.4p,#9CC3DD \
		-Bxa0.5f0.25 -Bya0.5f0.25 -BWSne --FONT_ANNOT_PRIMARY=9p --MAP_FRAME_TYPE=plain

	# Context towns.
	gmt plot towns.txt -Ss0.22c -Ggray20
	gmt text towns.txt -F+f9p,Helvetica,gray20=~1.5p,white+jLM -D0.25c/0

	# Displacement arrows, then the destination.
	gmt plot arrow_baniyas.txt -W3p,#7F3C8D+ve0.55c+g#7F3C8D+h0.5
	gmt plot arrow_tartus.txt -W1.5p,#7F3C8D+ve0.35c+g#7F3C8D+h0.5
	echo "36.08 34.54" | gmt plot -Sc0.3c -G#7F3C8D -W0.75p,white
	printf '%s\n' "36.12 34.54 Halba (Akkar): 6,000+ people, UNHCR" |
		gmt text -F+f10p,Helvetica-Bold,#7F3C8D=~2p,white+jLM -N

	# Markers: ring out to the highest figure, disc for the lowest.
	gmt plot ring.txt -Sc -W1.2p,#D55E00 -G#F6D2BC
	gmt plot disc_civilians.txt -Sc -G#D55E00 -W0.5p,white
	gmt plot disc_security.txt -Sc -G#0072B2 -W0.5p,white
	gmt text labels.txt -F+f11p,Helvetica-Bold,black=~2p,white+jLM -N

	# Scale bar true at 35.1 N and north arrow.
	gmt basemap -Lg35.75/34.32+c35.1+w25k+f+lkm --FONT_LABEL=10p --FONT_ANNOT_PRIMARY=9p
	gmt basemap -Tdg35.55/35.98+w1.6c+f1+lW,E,S,N --FONT_TITLE=10p

	# Locator inset: the Levant, with the map's area outlined.
	gmt inset begin -DjBR+w4.6c/3.8c+o0.25c -F+gwhite+p0.75p,gray30
		gmt coast -R31/43/29.5/38.5 -JM4.6c -Dl -G#E4E4E4 -S#C9DDEB -W0.25p,gray40 -N1/0.25p,gray50
		gmt coast -Dl -ESY+g#F2EBDD
		printf '35.4 34.2\n36.9 34.2\n36.9 36.1\n35.4 36.1\n35.4 34.2\n' |
			gmt plot -W1.2p,#D55E00
	gmt inset end

	# Legend in the right-hand column (page coordinates).
	gmt legend legend.txt $page -Dg218/30+w10.5c+jBL -F+p0.75p,gray40+gwhite+c0.3c \
		-X-$map_x -Y-$map_y
gmt end
