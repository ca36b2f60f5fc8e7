#!/bin/sh
# bench/web: `eventmap web` as a whole process, the folder it writes, and
# the page's first full draw in headless Chromium.  See bench/README.md.
#
# Usage: bench/web/run.sh [-n ROUNDS]
#
# Each round times, one after the other, `eventmap web` and, as the
# reference measured in the same round, `eventmap export -f GeoJSON` (the
# same loading and placing of the dataset, then GDAL writing four layers):
# on the default dataset, then on a synthetic year (gen.py: 20,000 reports
# at 120 towns over 2024).  Then the folder sizes, and first_draw.mjs over
# the same rounds: the default page, the year's page and a page of Leaflet
# alone.  Builds nothing: configure and build first; EVENTMAP picks the
# binary (default build/eventmap); node_modules must hold playwright-core
# (npm ci) and /usr/bin/chromium must exist (CHROMIUM picks another).
set -eu

rounds=5
while getopts n:h opt; do
	case $opt in
	n) rounds=$OPTARG ;;
	*) echo "usage: $0 [-n ROUNDS]" >&2; exit 1 ;;
	esac
done
case $rounds in
'' | *[!0-9]* | 0) echo "run.sh: -n '$rounds': give a number of rounds, 1 or more" >&2; exit 1 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
eventmap=${EVENTMAP:-$root/build/eventmap}
[ -x "$eventmap" ] || { echo "run.sh: $eventmap is missing: build first" >&2; exit 1; }
[ -f "$root/node_modules/playwright-core/package.json" ] ||
	{ echo "run.sh: playwright-core is missing: run npm ci in $root" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench_web.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

echo "bench/web: $rounds rounds, $(nproc) CPUs, binary $eventmap"
python3 "$here/gen.py" "$tmp/year.csv"
echo "year: $(($(wc -l <"$tmp/year.csv") - 1)) reports"

# Whole processes, in rounds; medians and the per-round ratio to export.
python3 - "$eventmap" "$tmp" "$rounds" <<'PY'
import statistics, subprocess, sys, time
em, tmp, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
cases = {
    "default": [],
    "year": ["-r", f"{tmp}/year.csv"],
}
times = {}
def timed(args):
    t0 = time.perf_counter()
    subprocess.run([em] + args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0
for r in range(rounds + 1):  # round 0 warms the caches up
    for name, data in cases.items():
        web = timed(["web", "-q", "-o", f"{tmp}/{name}"] + data)
        ref = timed(["export", "-q", "-f", "GeoJSON", "-o", f"{tmp}/{name}-export"] + data)
        if r:
            times.setdefault(name, []).append((web, ref))
for name, v in times.items():
    web = statistics.median(w for w, _ in v)
    ref = statistics.median(e for _, e in v)
    ratio = statistics.median(w / e for w, e in v)
    print(f"{name:8} eventmap web {web:.3f} s   export -f GeoJSON {ref:.3f} s   ratio x{ratio:.2f}   "
          f"(web: {min(w for w, _ in v):.3f}-{max(w for w, _ in v):.3f} s)")
PY

for name in default year; do
	dir=$tmp/$name/web
	printf '%-8s folder %s bytes (data.js %s, basemap.js %s, gzip -9 of the folder %s)\n' "$name" \
		"$(du -sb "$dir" | cut -f1)" "$(wc -c <"$dir/data/data.js")" \
		"$(wc -c <"$dir/data/basemap.js")" "$(tar -C "$dir" -cf - . | gzip -9 | wc -c)"
done

node "$here/first_draw.mjs" "$rounds" "default=$tmp/default/web" "year=$tmp/year/web"
