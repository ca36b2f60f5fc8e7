#!/bin/sh
# bench/limits: reports files of N rows through `eventmap export` (median
# time and peak memory of several rounds), beside GDAL's own ogr2ogr copying
# the same CSV into a GeoPackage in the same run; a million distinct place
# names; a duplicate id on the last row; a 100,000-character place name.
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
		rm -rf "$tmp/out" "$tmp/ref.gpkg"
		set +e
		/usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err"
		code=$?
		set -e
		cut -d' ' -f1 "$tmp/time" >>"$tmp/times"
		cut -d' ' -f2 "$tmp/time" >>"$tmp/mems"
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
	measure "ogr2ogr CSV -> GPKG (reference, no placing)" \
		ogr2ogr -f GPKG "$tmp/ref.gpkg" "$tmp/towns.csv"
	ref=$seconds
	measure "export -f GPKG, six towns" "$bin" export -q -r "$tmp/towns.csv" -f GPKG -o "$tmp/out"
	echo "   ratio to the reference: $(awk -v a="$seconds" -v b="$ref" 'BEGIN { printf "%.2f", a / b }')"
	measure "export (GPKG and GeoJSON), six towns" "$bin" export -q -r "$tmp/towns.csv" -o "$tmp/out"
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
