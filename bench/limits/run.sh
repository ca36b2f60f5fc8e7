#!/bin/sh
# bench/limits: reports files of N rows through `eventmap export` (median
# time and peak memory of several rounds), beside GDAL's own ogr2ogr in the
# same run: copying the raw CSV (7 columns, no geometry) into a GeoPackage,
# and copying the exported reports layer (26 columns and points, the same
# features) into a new GeoPackage or GeoJSON file, which is the floor for
# writing them; a million distinct place names; a duplicate id on the last
# row; a 100,000-character place name.
# usage: bench/limits/run.sh [ROWS...]      (default 1000000 2000000)
#        ROUNDS=5 bench/limits/run.sh      (rounds per case, default 3)
set -eu
sizes=${*:-1000000 2000000}
rounds=${ROUNDS:-3}
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${BUILD_DIR:-$top/build}/eventmap
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench_limits.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Six real towns, repeated: what a long ACLED-style export looks like.
towns() {
	awk -v n="$1" 'BEGIN {
		split("Latakia Jableh Baniyas Tartus Qardaha Qadmus", t, " ")
		print "report_id,event_date,location,category,fatalities,qualifier,source"
		for (i = 1; i <= n; i++)
			printf "r%d,2025-03-%02d,%s,civilians,%d,exact,SOHR\n", i, 6 + i % 5, t[1 + i % 6], i % 40
	}'
}
# N different names, none in the gazetteer.
distinct() {
	awk -v n="$1" 'BEGIN {
		print "report_id,event_date,location,category,fatalities,qualifier,source"
		for (i = 1; i <= n; i++)
			printf "r%d,2025-03-07,Qaryat %d,civilians,1,exact,SOHR\n", i, i
	}'
}
keep=no
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# LABEL COMMAND...: ROUNDS runs; prints median seconds, median peak MiB
# and the exit status.
measure() {
	label=$1
	shift
	: >"$tmp/times"
	: >"$tmp/mems"
	i=0
	while [ "$i" -lt "$rounds" ]; do
		rm -rf "$tmp/ref.gpkg" "$tmp/ref.geojson"
		[ "$keep" = yes ] || rm -rf "$tmp/out"
		set +e
		/usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err"
		code=$?
		set -e
		tail -n 1 "$tmp/time" | cut -d" " -f1 >>"$tmp/times"
		tail -n 1 "$tmp/time" | cut -d" " -f2 >>"$tmp/mems"
		i=$((i + 1))
	done
	seconds=$(median <"$tmp/times")
	mib=$(median <"$tmp/mems" | awk '{ printf "%.0f", $1 / 1024 }')
	printf '%-46s %7s s %6s MiB  exit %s\n' "$label" "$seconds" "$mib" "$code"
}

echo "bench/limits: $(nproc) CPUs, $rounds rounds per case, medians"
for rows in $sizes; do
	towns "$rows" >"$tmp/towns.csv"
	distinct "$rows" >"$tmp/distinct.csv"
	echo "-- $rows rows ($(du -h "$tmp/towns.csv" | cut -f1) CSV)"
	measure "ogr2ogr: the CSV -> GPKG (7 columns)" \
		ogr2ogr -f GPKG "$tmp/ref.gpkg" "$tmp/towns.csv"
	raw=$seconds
	measure "export -f GPKG, six towns" "$bin" export -q -r "$tmp/towns.csv" -f GPKG -o "$tmp/out"
	gpkg=$seconds
	"$bin" export -q -r "$tmp/towns.csv" -o "$tmp/out"
	keep=yes
	measure "ogr2ogr: its reports layer -> GPKG" \
		ogr2ogr -f GPKG "$tmp/ref.gpkg" "$tmp/out/eventmap.gpkg" reports
	copy=$seconds
	echo "   export -f GPKG / ogr2ogr of its layer: $(ratio "$gpkg" "$copy"); / ogr2ogr of the CSV: $(ratio "$gpkg" "$raw")"
	measure "ogr2ogr: its reports layer -> GeoJSON RFC 7946" \
		ogr2ogr -f GeoJSON -lco RFC7946=YES -lco COORDINATE_PRECISION=6 "$tmp/ref.geojson" \
		"$tmp/out/eventmap.gpkg" reports
	json=$seconds
	keep=no
	measure "export (GPKG and GeoJSON), six towns" "$bin" export -q -r "$tmp/towns.csv" -o "$tmp/out"
	echo "   export (both) / the two ogr2ogr copies of its layer: $(ratio "$seconds" "$(awk -v a="$json" -v b="$copy" 'BEGIN { print a + b }')")"
	measure "export -f GPKG, distinct unknown names" "$bin" export -q -r "$tmp/distinct.csv" -f GPKG \
		-o "$tmp/out"
	cp "$tmp/towns.csv" "$tmp/dup.csv"
	echo "r1,2025-03-07,Latakia,civilians,1,exact,SOHR" >>"$tmp/dup.csv"
	measure "export, the first id repeated on the last row" "$bin" export -q -r "$tmp/dup.csv" \
		-f GPKG -o "$tmp/out"
	echo "   $(head -c 160 "$tmp/err")"
done
name=$(head -c 100000 /dev/zero | tr '\0' 'a')
set +e
"$bin" geocode "$name" >/dev/null 2>"$tmp/err"
echo "geocode, one 100,000-character name: exit $? ($(head -c 120 "$tmp/err"))"
