#!/bin/sh
# Faults: a full disk, an unwritable output directory, a missing font, a
# missing basemap layer, runs killed at random moments, and two runs writing
# one directory at once.  Each must end in a clear error or a correct
# result, with earlier outputs whole and no temporary files left.  Mounting
# needs root (CI runs as root); without it those checks are skipped, with a note.
# usage: run.sh EVENTMAP_BINARY
set -u
bin=$1
work=$(mktemp -d)
mounts=""
cleanup() {
	for m in $mounts; do umount "$m" 2>/dev/null; done
	rm -rf "$work"
}
trap cleanup EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1" >&2; }
check() { # NAME CONDITION...
	name=$1
	shift
	if "$@"; then ok "$name"; else bad "$name"; fi
}
# The tools the checks read outputs with: without them every "whole" check
# would fail for the wrong reason, so say so once and stop.
for tool in gdalinfo ogrinfo ogr2ogr od; do
	command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: $tool is not installed (gdal-bin)" >&2; exit 1; }
done
no_temp_files() {
	[ -d "$1" ] || { echo "no_temp_files: $1 is not a directory" >&2; return 1; }
	! find "$1" -name '*.tmp-*' -o -name '.eventmap-tmp-*' | grep -q .
}
# A PNG GDAL opens as one, and that ends with its IEND chunk: gdalinfo
# alone reads only the header, so a file cut short would pass.
png_whole() {
	gdalinfo "$1" 2>/dev/null | grep -q '^Driver: PNG/' &&
		[ "$(tail -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = 49454e44ae426082 ]
}
gpkg_whole() { ogrinfo -ro -q "$1" places >/dev/null 2>&1; }
run_to() { "$bin" run -q -o "$1" >"$work/out" 2>"$work/err"; }

# A finished main job to compare against.
run_to "$work/good" || { echo "run.sh: the main job failed" >&2; cat "$work/err" >&2; exit 1; }

can_mount=false
mkdir -p "$work/probe"
if mount -t tmpfs -o size=64k tmpfs "$work/probe" 2>/dev/null; then
	umount "$work/probe"
	can_mount=true
fi

if $can_mount; then
	# A full disk: 600 KB is enough to start and too little to finish.
	mkdir -p "$work/full"
	mount -t tmpfs -o size=600k tmpfs "$work/full" && mounts="$mounts $work/full"
	run_to "$work/full/out"
	code=$?
	check "full disk: non-zero exit" [ "$code" != 0 ]
	check "full disk: says why" grep -qi "no space\|write failed\|cannot" "$work/err"
	check "full disk: no temporary files" no_temp_files "$work/full"
	for f in "$work"/full/out/*.png; do
		[ -e "$f" ] && check "full disk: $(basename "$f") whole" png_whole "$f"
	done

	# An unwritable directory (a read-only file system: root ignores modes).
	mkdir -p "$work/ro"
	mount -t tmpfs -o ro tmpfs "$work/ro" && mounts="$mounts $work/ro"
	"$bin" export -q -o "$work/ro/out" >"$work/out" 2>"$work/err"
	check "read-only: exit 1" [ $? = 1 ]
	check "read-only: names the directory" grep -q "$work/ro/out" "$work/err"
	"$bin" render -q -p A4 --dpi 72 -o "$work/ro/poster.png" >"$work/out" 2>"$work/err"
	check "read-only: render exit 1" [ $? = 1 ]
	check "read-only: render names the file" grep -q "poster.png" "$work/err"
else
	echo "skip full disk and read-only checks: cannot mount tmpfs (not root?)"
fi

# A path through a regular file: ENOTDIR for anyone, root included.
: >"$work/afile"
"$bin" run -q -o "$work/afile/out" >"$work/out" 2>"$work/err"
check "file in the path: exit 1" [ $? = 1 ]
check "file in the path: names it" grep -q "afile" "$work/err"

# A missing font: no fonts at all, and a style naming an absent one.
printf '<?xml version="1.0"?><fontconfig></fontconfig>\n' >"$work/fonts.conf"
FONTCONFIG_FILE="$work/fonts.conf" "$bin" render -q -o "$work/nofont.png" >"$work/out" 2>"$work/err"
check "no fonts: exit 1" [ $? = 1 ]
check "no fonts: says so" grep -q "is not installed" "$work/err"
check "no fonts: no poster" [ ! -e "$work/nofont.png" ]
printf '[page]\nfont = No Such Family\n' >"$work/font.ini"
"$bin" render -q -s "$work/font.ini" -o "$work/nofont.png" >"$work/out" 2>"$work/err"
check "absent font: exit 1" [ $? = 1 ]
check "absent font: names it" grep -q "'No Such Family' is not installed" "$work/err"
check "absent font: no poster" [ ! -e "$work/nofont.png" ]

# A basemap without its coastline (made with ogr2ogr, whose own status is
# checked: its failure is not eventmap's).
ogr2ogr -f GPKG "$work/partial.gpkg" "${EVENTMAP_DATA:-.}/geodata/basemap-levant.gpkg" \
	land borders countries >/dev/null 2>&1
check "missing layer: the partial basemap was made" [ $? = 0 ]
"$bin" render -q --basemap "$work/partial.gpkg" -o "$work/partial.png" >"$work/out" 2>"$work/err"
check "missing layer: exit 1" [ $? = 1 ]
check "missing layer: names it" grep -q "basemap layer 'coastline' is missing" "$work/err"

# Killed at random moments: the earlier outputs stay whole; the next run
# leaves no temporary file behind.
cp -r "$work/good" "$work/killed"
for delay in 0.05 0.2 0.35 0.5 0.7 0.9 1.1 1.3; do
	"$bin" run -q -o "$work/killed" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	check "killed after ${delay}s: poster whole" png_whole "$work/killed/poster.png"
	check "killed after ${delay}s: GeoPackage whole" gpkg_whole "$work/killed/eventmap.gpkg"
	check "killed after ${delay}s: day poster whole" png_whole "$work/killed/days/2025-03-06.png"
done
run_to "$work/killed"
check "after the kills, a run completes" [ $? = 0 ]
check "after the kills, no temporary files" no_temp_files "$work/killed"

# Two runs into one directory at once: both finish, every file whole.
"$bin" run -q -o "$work/shared" >/dev/null 2>&1 &
first=$!
"$bin" run -q -o "$work/shared" >/dev/null 2>&1
second=$?
wait "$first"
check "concurrent runs: both succeed" [ $? = 0 -a "$second" = 0 ]
check "concurrent runs: poster whole" png_whole "$work/shared/poster.png"
check "concurrent runs: GeoPackage whole" gpkg_whole "$work/shared/eventmap.gpkg"
check "concurrent runs: same poster as alone" cmp -s "$work/shared/poster.png" "$work/good/poster.png"
check "concurrent runs: no temporary files" no_temp_files "$work/shared"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
