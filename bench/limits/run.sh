#!/bin/sh
# bench/limits: a reports file of one million rows through `eventmap export`
# (time and peak memory), the same with a million distinct place names, and
# a 100,000-character place name.
# usage: bench/limits/run.sh [ROWS]      (default 1000000)
set -eu
rows=${1:-1000000}
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${BUILD_DIR:-$top/build}/eventmap
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench_limits.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Six real towns, repeated: what a long ACLED-style export looks like.
awk -v n="$rows" 'BEGIN {
	split("Latakia Jableh Baniyas Tartus Qardaha Qadmus", t, " ")
	print "report_id,event_date,location,category,fatalities,qualifier,source"
	for (i = 1; i <= n; i++)
		printf "r%d,2025-03-%02d,%s,civilians,%d,exact,SOHR\n", i, 6 + i % 5, t[1 + i % 6], i % 40
}' >"$tmp/towns.csv"
# A million different names, none in the gazetteer.
awk -v n="$rows" 'BEGIN {
	print "report_id,event_date,location,category,fatalities,qualifier,source"
	for (i = 1; i <= n; i++)
		printf "r%d,2025-03-07,Qaryat %d,civilians,1,exact,SOHR\n", i, i
}' >"$tmp/distinct.csv"
measure() { # LABEL FILE
	/usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" export -q -r "$2" --format GPKG \
		-o "$tmp/out" 2>"$tmp/err" >/dev/null
	code=$?
	set -- "$1" "$(cut -d' ' -f1 "$tmp/time")" "$(cut -d' ' -f2 "$tmp/time")"
	printf '%-44s %7s s %8.0f MiB  exit %s, %s warnings\n' "$1" "$2" "$(echo "$3" | awk '{ print $1 / 1024 }')" \
		"$code" "$(grep -c warning "$tmp/err" || true)"
}
echo "bench/limits: $rows rows, $(du -h "$tmp/towns.csv" | cut -f1) CSV, $(nproc) CPUs"
set +e
measure "export, $rows rows, six towns" "$tmp/towns.csv"
measure "export, $rows distinct unknown names" "$tmp/distinct.csv"
name=$(head -c 100000 /dev/zero | tr '\0' 'a')
/usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" geocode "$name" >/dev/null 2>"$tmp/err"
echo "geocode, one 100,000-character name: exit $? ($(head -c 120 "$tmp/err"))"
