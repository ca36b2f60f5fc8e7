#!/bin/sh
# bench/batch-year: a year of days in batch, and where one poster's time
# goes.  See bench/README.md.
#
# Usage: bench/batch-year/run.sh [-n ROUNDS] [-r REPORTS]
#
# 1. One poster, whole processes, ROUNDS rounds (default 5), each round
#    timing in turn: `eventmap geocode Latakia` (start-up and the
#    gazetteer: the floor of any command), `render -o A3.pdf`, `render -o
#    A3.png` and `render -o A3.png -o A3.pdf` (A3, 300 dpi) on the default
#    dataset, and GMT 6.4 drawing a comparable map when it is installed
#    (bench/render/gmt_poster.sh).  Medians.
# 2. A year: bench/web/gen.py writes REPORTS reports (default 100,000) at
#    120 towns of Syria and Lebanon over the 366 days of 2024; `batch
#    --jobs 2 -f png,pdf` (A3, 300 dpi) draws a poster a day and the
#    overview: wall time, posters a second and peak memory (GNU time).
set -eu

rounds=5
reports=100000
while getopts n:r:h opt; do
	case $opt in
	n) rounds=$OPTARG ;;
	r) reports=$OPTARG ;;
	*) echo "usage: $0 [-n ROUNDS] [-r REPORTS]" >&2; exit 1 ;;
	esac
done
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
eventmap=${EVENTMAP:-$root/build/eventmap}
[ -x "$eventmap" ] || { echo "run.sh: $eventmap is missing: build first" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "run.sh: GNU time (/usr/bin/time) is needed" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench_year.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
echo "bench/batch-year: $(nproc) CPUs, binary $eventmap"

[ "${SKIP_ONE:-0}" = 1 ] || python3 - "$eventmap" "$tmp" "$rounds" "$root" <<'PY'
import os, shutil, statistics, subprocess, sys, time
em, tmp, rounds, root = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
cases = [
    ("start-up (geocode Latakia)", [em, "geocode", "Latakia"]),
    ("render A3 PDF", [em, "render", "-q", "-o", f"{tmp}/a.pdf"]),
    ("render A3 PNG 300 dpi", [em, "render", "-q", "-o", f"{tmp}/a.png"]),
    ("render A3 PNG + PDF", [em, "render", "-q", "-o", f"{tmp}/b.png", "-o", f"{tmp}/b.pdf"]),
]
gmt = os.path.join(root, "bench/render/gmt_poster.sh")
if shutil.which("gmt") and os.path.exists(gmt):
    cases.append(("GMT 6.4, comparable poster", ["sh", gmt, f"{tmp}/gmt"]))
times = {name: [] for name, _ in cases}
for r in range(rounds + 1):
    for name, argv in cases:
        t0 = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if r:
            times[name].append(time.perf_counter() - t0)
for name, v in times.items():
    print(f"  {name:30} median {statistics.median(v):.3f} s  ({min(v):.3f}-{max(v):.3f})")
PY

python3 "$root/bench/web/gen.py" "$tmp/year.csv" "$reports"
echo "year: $reports reports over 2024"
/usr/bin/time -f '%e s wall, %M KB peak' -o "$tmp/time" \
	"$eventmap" batch -q --jobs 2 -f png,pdf --from 2024-01-01 --to 2024-12-31 -r "$tmp/year.csv" \
	-o "$tmp/year" 2>"$tmp/err" ||
	{ tail -n 5 "$tmp/err" >&2; exit 1; }
posters=$(ls "$tmp/year/days" | grep -c '^20.*\.png$')
secs=$(cut -d' ' -f1 "$tmp/time")
overview="and the overview"
[ -f "$tmp/year/days/overview.png" ] || overview="(no overview: too many days for one sheet)"
echo "  batch --jobs 2, A3 300 dpi, PNG+PDF: $posters day posters $overview, $(cat "$tmp/time"), $(awk -v p="$posters" -v s="$secs" 'BEGIN { printf "%.2f s a poster (2 at once)", s / p }')"
du -sh "$tmp/year/days" | awk '{ print "  the series on disk: " $1 }'
