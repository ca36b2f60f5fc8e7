#!/bin/sh
# bench/batch: whole-process time of `eventmap batch` for five days, PNG and
# PDF each, with --jobs 1 and --jobs 2, and the speed-up, measured in
# alternating rounds of the same run.
#
# Usage: bench/batch/run.sh [-n ROUNDS]       (default 5 rounds)
# Needs build/eventmap (BUILD_DIR=... for another build directory).
set -eu

rounds=5
[ "${1:-}" = "-n" ] && rounds=$2
top=$(cd "$(dirname "$0")/../.." && pwd)
eventmap=${BUILD_DIR:-$top/build}/eventmap
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench_batch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
[ -x "$eventmap" ] || { echo "run.sh: no $eventmap: build first" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "run.sh: install the time package" >&2; exit 1; }

# Five days, 6-10 March 2025, six coastal towns a day with figures from two
# sources, a region-wide total and a flow each day; and the events of a
# richer poster: a clash and a protest a day at two of the towns, a
# deployment at every town over all five days (drawn hollow on each day's
# poster), a region-wide event a day for the chronology, and a total over
# the five days: a busier series than the default dataset.
{
	echo "report_id,event_date,event_date_end,location,scope,category,fatalities,qualifier,event_type,source,summary"
	n=0
	for day in 06 07 08 09 10; do
		for place in Latakia Jableh Baniyas Tartus Qardaha Qadmus; do
			for source in SOHR SNHR; do
				n=$((n + 1))
				echo "b$n,2025-03-$day,,$place,place,civilians,$((n * 7 % 90 + 3)),at_least,,$source,Civilians killed"
			done
		done
		n=$((n + 1))
		echo "b$n,2025-03-$day,,Syrian coast,region,unknown,$((n * 11)),about,,SOHR,Toll of the day"
		n=$((n + 1))
		echo "b$n,2025-03-$day,,Jableh,place,unknown,,,Battles,SANA,Armed clash on the outskirts"
		n=$((n + 1))
		echo "b$n,2025-03-$day,,Latakia,place,unknown,,,Protests,residents,Protest against the killings"
		n=$((n + 1))
		echo "b$n,2025-03-$day,,Syrian coast,region,unknown,,,Strategic developments,SOHR,Curfew and road closures across the coast"
	done
	for place in Latakia Jableh Baniyas Tartus Qardaha Qadmus; do
		n=$((n + 1))
		echo "b$n,2025-03-06,2025-03-10,$place,place,unknown,,,Strategic developments,Defence ministry,Reinforcements deployed"
	done
	n=$((n + 1))
	echo "b$n,2025-03-06,2025-03-10,Syrian coast,region,unknown,900,more_than,,SNHR,Toll of the five days"
} > "$tmp/reports.csv"
{
	echo "flow_id,date,origin,destination,people,qualifier,source"
	i=0
	for day in 06 07 08 09 10; do
		i=$((i + 1))
		echo "f$i,2025-03-$day,Syrian coast,Akkar,$((i * 1500)),more_than,UNHCR"
	done
} > "$tmp/flows.csv"

measure() { # NAME JOBS: appends elapsed seconds to $tmp/NAME
	/usr/bin/time -f "%e %M" -o "$tmp/time" "$eventmap" batch -q --formats png,pdf \
		--jobs "$2" -r "$tmp/reports.csv" --flows "$tmp/flows.csv" -o "$tmp/out$2" \
		>/dev/null 2>&1
	cat "$tmp/time" >> "$tmp/$1"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "bench/batch: $rounds rounds, 5 days x (PNG + PDF) + overview, A3 300 dpi, figures and events"
echo "machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1)"
measure warm 2
i=1
while [ "$i" -le "$rounds" ]; do
	measure one 1
	measure two 2
	printf 'round %d: --jobs 1 %s s, --jobs 2 %s s\n' "$i" \
		"$(tail -n 1 "$tmp/one" | cut -d' ' -f1)" "$(tail -n 1 "$tmp/two" | cut -d' ' -f1)"
	i=$((i + 1))
done
paste -d' ' "$tmp/one" "$tmp/two" | awk '{ print $1 / $3 }' > "$tmp/speedup"
one=$(cut -d' ' -f1 "$tmp/one" | median)
two=$(cut -d' ' -f1 "$tmp/two" | median)
speedup=$(median < "$tmp/speedup")
peak=$(cut -d' ' -f2 "$tmp/two" | sort -g | tail -n 1)
files=$(ls "$tmp/out2/days" | wc -l)
cmp -s "$tmp/out1/days/2025-03-08.png" "$tmp/out2/days/2025-03-08.png" &&
	same="identical" || same="DIFFERENT"
echo
printf 'median --jobs 1: %s s; --jobs 2: %s s; speed-up (per round, median): %.2fx\n' \
	"$one" "$two" "$speedup"
printf 'files per run: %s; --jobs 1 and --jobs 2 outputs %s; peak RSS with --jobs 2: %.0f MiB\n' \
	"$files" "$same" "$(echo "$peak" | awk '{ print $1 / 1024 }')"
awk -v s="$speedup" -v t="$two" 'BEGIN {
	printf "goal: speed-up >= 1.7x on two cores: %s\n", (s >= 1.7) ? "met" : "MISSED"
	printf "goal: five-day batch under 3 s: %s\n", (t < 3) ? "met" : "MISSED" }'
