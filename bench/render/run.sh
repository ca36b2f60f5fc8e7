#!/bin/sh
# bench/render: whole-process time and peak memory of `eventmap render` for an
# A3 landscape poster at 300 dpi (PNG and PDF), measured in the same run as
# GMT 6 drawing a comparable map (gmt_poster.sh) and a blank A3 page written by
# Cairo's PNG writer (bench_blank_page).  See bench/README.md.
#
# Usage: bench/render/run.sh [-n ROUNDS] [OUTDIR]
#
# Builds nothing: configure and build first (cmake -S . -B build && make -C
# build).  BUILD_DIR picks another build directory; EM_RENDER_ARGS adds options
# to both eventmap commands (for example --basemap FILE).  OUTDIR keeps the
# files of the last round (default: a temporary directory, removed).
set -eu

rounds=7
usage="usage: $0 [-n ROUNDS] [OUTDIR]"
while getopts n:h opt; do
	case $opt in
	n) rounds=$OPTARG ;;
	h) echo "$usage"; exit 0 ;;
	*) echo "$usage" >&2; exit 1 ;;
	esac
done
shift $((OPTIND - 1))
case $rounds in
'' | *[!0-9]* | 0) echo "run.sh: -n '$rounds': give a number of rounds, 1 or more" >&2; exit 1 ;;
esac
[ $# -le 1 ] || { echo "$usage" >&2; exit 1; }

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD_DIR:-$root/build}
eventmap=$build/eventmap
blank_page=$build/bench/bench_blank_page
cairo_repng=$build/bench/bench_cairo_repng
gmt_poster=$here/gmt_poster.sh
em_args=${EM_RENDER_ARGS:-}

for f in "$eventmap" "$blank_page" "$cairo_repng"; do
	[ -x "$f" ] || { echo "run.sh: $f is missing: build first (see bench/README.md)" >&2; exit 1; }
done
for cmd in gmt gs; do
	command -v $cmd >/dev/null ||
		{ echo "run.sh: '$cmd' not found: apt-get install gmt gmt-gshhg-full gmt-dcw ghostscript" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time not found: apt-get install time" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench_render.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
if [ $# -eq 1 ]; then
	mkdir -p "$1"
	out=$(cd "$1" && pwd)
else
	out=$tmp/out
	mkdir -p "$out"
fi

# The machine is shared: pin every measured process (and its children) to
# CPU 0 so that migrations between cores do not add noise.  All three
# programs are single-threaded, so pinning does not slow any of them down.
pin=
pinned="not pinned"
if command -v taskset >/dev/null && taskset -c 0 true 2>/dev/null; then
	pin="taskset -c 0"
	pinned="pinned to CPU 0 (taskset -c 0)"
fi

# measure NAME COMMAND...: runs COMMAND under GNU time and appends
# "elapsed_s peak_rss_kib" to $tmp/NAME.  For a process tree (gmt_poster.sh)
# %M is the largest peak of any one process in it, not their sum.
measure() {
	name=$1
	shift
	if ! $pin /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >"$tmp/log" 2>&1; then
		echo "run.sh: $name failed: $*" >&2
		cat "$tmp/log" >&2
		exit 1
	fi
	tail -n 1 "$tmp/time" >>"$tmp/$name"
}

# measure_free NAME COMMAND...: as measure, without pinning (for eventmap's
# PNG+PDF in one process, which plays the page into each file in a thread of
# its own and so uses both cores).
measure_free() {
	name=$1
	shift
	if ! /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >"$tmp/log" 2>&1; then
		echo "run.sh: $name failed: $*" >&2
		cat "$tmp/log" >&2
		exit 1
	fi
	tail -n 1 "$tmp/time" >>"$tmp/$name"
}

# One round: eventmap PNG+PDF in one process (both cores, then one core),
# PNG alone, PDF alone, GMT (PNG and PDF in one command), blank page.
round() {
	# shellcheck disable=SC2086
	measure_free em_both "$eventmap" render -q $em_args -o "$out/both.png" -o "$out/both.pdf"
	# shellcheck disable=SC2086
	measure em_both1 "$eventmap" render -q $em_args -o "$out/both.png" -o "$out/both.pdf"
	# shellcheck disable=SC2086 # EM_RENDER_ARGS is a list of options
	measure em_png "$eventmap" render -q $em_args -o "$out/eventmap.png"
	# shellcheck disable=SC2086
	measure em_pdf "$eventmap" render -q $em_args -o "$out/eventmap.pdf"
	measure gmt "$gmt_poster" "$out/gmt"
	measure blank "$blank_page" "$out/blank.png"
}

median() { # median of the numbers on standard input
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) exit 1
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
col() { awk -v c="$2" '{ print $c }' "$tmp/$1"; }   # column C of $tmp/NAME
size() { stat -c %s "$1"; }

echo "bench/render: $rounds rounds (plus one warm-up), $pinned"
echo "machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1)"
echo "versions: $("$eventmap" --version 2>/dev/null | head -n 1 || echo 'eventmap ?')," \
	"GMT $(gmt --version), Cairo $(pkg-config --modversion cairo 2>/dev/null || echo '?')," \
	"Ghostscript $(gs --version)"
echo

# Warm-up: the page cache, the font cache and the dynamic loader's work are
# the same for every round after this one; its times are thrown away.
round
rm -f "$tmp/em_png" "$tmp/em_pdf" "$tmp/em_both" "$tmp/em_both1" "$tmp/gmt" "$tmp/blank"

i=1
while [ "$i" -le "$rounds" ]; do
	round
	printf 'round %d: eventmap png+pdf %s s (one core %s s), png %s s, pdf %s s; gmt %s s; blank %s s\n' "$i" \
		"$(tail -n 1 "$tmp/em_both" | cut -d' ' -f1)" "$(tail -n 1 "$tmp/em_both1" | cut -d' ' -f1)" \
		"$(tail -n 1 "$tmp/em_png" | cut -d' ' -f1)" "$(tail -n 1 "$tmp/em_pdf" | cut -d' ' -f1)" \
		"$(tail -n 1 "$tmp/gmt" | cut -d' ' -f1)" "$(tail -n 1 "$tmp/blank" | cut -d' ' -f1)"
	i=$((i + 1))
done

# Per-round figures for PNG+PDF: eventmap's one process writing both; the
# ratio is GMT's time over it in the same round, and over the one-core run.
paste -d' ' "$tmp/em_both" "$tmp/gmt" "$tmp/em_both1" |
	awk '{ print $1, $2, ($1 > 0 ? $3 / $1 : 0), ($5 > 0 ? $3 / $5 : 0) }' >"$tmp/pair"

em_png_s=$(col em_png 1 | median)
em_pdf_s=$(col em_pdf 1 | median)
pair_s=$(col pair 1 | median)
ratio=$(col pair 3 | median | awk '{ printf "%.1f\n", $1 }')
ratio1=$(col pair 4 | median | awk '{ printf "%.1f\n", $1 }')
both1_s=$(col em_both1 1 | median)
gmt_s=$(col gmt 1 | median)
blank_s=$(col blank 1 | median)
mib() { awk '{ printf "%.1f\n", $1 / 1024 }'; }
em_png_m=$(col em_png 2 | median | mib)
em_pdf_m=$(col em_pdf 2 | median | mib)
pair_m=$(col pair 2 | median | mib)
pair_m_max=$(col pair 2 | sort -g | tail -n 1 | mib)
gmt_m=$(col gmt 2 | median | mib)
blank_m=$(col blank 2 | median | mib)

"$cairo_repng" "$out/eventmap.png" "$out/eventmap.cairo.png" >/dev/null
em_png_b=$(size "$out/eventmap.png")
cmp -s "$out/both.png" "$out/eventmap.png" || echo "note: the one-process PNG differs from the PNG alone" >&2
cairo_png_b=$(size "$out/eventmap.cairo.png")
blank_b=$(size "$out/blank.png")
gmt_png_b=$(size "$out/gmt/gmt_poster.png")
em_pdf_b=$(size "$out/eventmap.pdf")
gmt_pdf_b=$(size "$out/gmt/gmt_poster.pdf")

echo
echo "medians of $rounds rounds (time: elapsed seconds; memory: peak RSS, MiB)"
printf '  %-42s %8s %10s\n' "" "time" "memory"
printf '  %-42s %8s %10s\n' "eventmap render, PNG" "$em_png_s" "$em_png_m"
printf '  %-42s %8s %10s\n' "eventmap render, PDF" "$em_pdf_s" "$em_pdf_m"
printf '  %-42s %8s %10s\n' "eventmap PNG+PDF, one process" "$pair_s" "$pair_m"
printf '  %-42s %8s\n' "  the same pinned to one core" "$both1_s"
printf '  %-42s %8s %10s\n' "GMT PNG+PDF (gmt_poster.sh)" "$gmt_s" "$gmt_m"
printf '  %-42s %8s %10s\n' "blank A3 page, cairo_surface_write_to_png" "$blank_s" "$blank_m"
printf '  %-42s %8sx\n' "GMT / eventmap PNG+PDF (per round)" "$ratio"
printf '  %-42s %8sx\n' "GMT / eventmap PNG+PDF on one core" "$ratio1"
echo
echo "file sizes (bytes, last round)"
printf '  %-42s %10s\n' "eventmap PNG" "$em_png_b"
printf '  %-42s %10s\n' "same pixels, Cairo's PNG writer" "$cairo_png_b"
printf '  %-42s %10s\n' "blank A3 page, Cairo's PNG writer" "$blank_b"
printf '  %-42s %10s\n' "GMT PNG" "$gmt_png_b"
printf '  %-42s %10s\n' "eventmap PDF" "$em_pdf_b"
printf '  %-42s %10s\n' "GMT PDF" "$gmt_pdf_b"
awk -v e="$em_png_b" -v c="$cairo_png_b" -v b="$blank_b" 'BEGIN {
	printf "  eventmap PNG / Cairo-written PNG: %.3f; / blank page: %.1f\n", e / c, e / b }'
echo

goal() { # DESCRIPTION AWK-CONDITION
	if awk "BEGIN { exit !($2) }"; then verdict=met; else verdict=MISSED; fi
	printf '  %-56s %s\n' "$1" "$verdict"
}
echo "goals"
goal "PNG+PDF under 0.6 s (median $pair_s s)" "$pair_s < 0.6"
goal "at least 15x faster than GMT (median ${ratio}x)" "$ratio >= 15"
goal "peak memory under 200 MiB (highest $pair_m_max MiB)" "$pair_m_max < 200"
goal "PNG no larger than Cairo's writer ($em_png_b <= $cairo_png_b)" "$em_png_b <= $cairo_png_b"
