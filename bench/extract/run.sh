#!/bin/sh
# bench/extract: throughput and peak memory of `eventmap extract` on
# synthetic English news (gen.py): rounds on a 5 MB text file, each with
# grep and wc on the same file as references and the same 5 MB as HTML;
# then single runs on the 5 MB and a 50 MB file, from the file and from
# standard input, for peak memory.  See bench/README.md.
#
# Usage: bench/extract/run.sh [-n ROUNDS] [OUTDIR]
#
# Builds nothing: configure and build first (cmake -S . -B build && make -C
# build).  EVENTMAP=path picks the binary (default build/eventmap; BUILD_DIR
# picks another build directory); EM_EXTRACT_ARGS adds options to every
# extract command (for example --date 2025-03-08); EXTRACT_MB="5 50" sets
# the two sizes in MB (10^6 bytes).  OUTDIR keeps the generated inputs and
# the last outputs (default: a temporary directory, removed).
set -eu

rounds=5
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
eventmap=${EVENTMAP:-${BUILD_DIR:-$root/build}/eventmap}
em_args=${EM_EXTRACT_ARGS:-}
sizes=${EXTRACT_MB:-5 50}
small_mb=$(echo "$sizes" | awk '{ print $1 }')
large_mb=$(echo "$sizes" | awk '{ print $2 }')
for mb in "$small_mb" "$large_mb"; do
	case $mb in
	'' | *[!0-9.]* | *.*.* | .) mb= ;;
	esac
	if [ -z "$mb" ] || ! awk -v s="$small_mb" -v l="$large_mb" 'BEGIN { exit !(s > 0 && l > s) }'; then
		echo "run.sh: EXTRACT_MB='$sizes': give two sizes in MB, the smaller first, for example \"5 50\"" >&2
		exit 1
	fi
done
goal_mbs=5          # MB/s on one core, median of the rounds
goal_growth=10      # % of the extra input the peak may grow by, 5 MB -> 50 MB

[ -x "$eventmap" ] || { echo "run.sh: $eventmap is missing: build first, or set EVENTMAP (see bench/README.md)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "run.sh: python3 not found (gen.py needs it)" >&2; exit 1; }
# The interpreter itself, not a wrapper such as a pyenv shim (slow to start,
# and it changes PATH for the commands timed.py starts).
py=$(python3 -c 'import sys; print(sys.executable)')

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench_extract.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
if [ $# -eq 1 ]; then
	mkdir -p "$1"
	data=$(cd "$1" && pwd)
else
	data=$tmp
fi

# grep and wc depend on the locale: the same one on every machine.
if locale -a 2>/dev/null | grep -qix 'c\.utf-\{0,1\}8'; then
	LC_ALL=C.UTF-8
else
	LC_ALL=C
fi
export LC_ALL

# Everything measured runs on CPU 0, as in bench/render: "on one core".
pin=
pinned="not pinned"
if command -v taskset >/dev/null && taskset -c 0 true 2>/dev/null; then
	pin="taskset -c 0"
	pinned="pinned to CPU 0 (taskset -c 0)"
fi

# timed.py OUT [--poll] COMMAND...: runs COMMAND with this process's
# standard input, output and error and appends "seconds peak_kib status" to
# OUT.  Seconds: wall time from spawn to exit (perf_counter, so that grep's
# few milliseconds are measured too; GNU time prints 0.01 s).  Peak: only
# with --poll, the largest VmHWM read from /proc/PID/status every 5 ms (the
# fallback when /usr/bin/time is missing; it can miss growth in the last
# 5 ms).  Not ru_maxrss: a child spawned by Python carries Python's own peak
# (about 10 MiB) across exec.
cat >"$tmp/timed.py" <<'EOF'
import os, sys, time
out, argv = sys.argv[1], sys.argv[2:]
poll = argv[:1] == ["--poll"]
if poll:
    argv = argv[1:]
t0 = time.perf_counter()
try:
    pid = os.posix_spawnp(argv[0], argv, dict(os.environ))
except OSError as e:
    sys.stderr.write("timed.py: %s: %s\n" % (argv[0], e.strerror))
    sys.exit(127)
hwm = 0
while True:
    done, status = os.waitpid(pid, os.WNOHANG if poll else 0)
    if done:
        break
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    hwm = max(hwm, int(line.split()[1]))
    except OSError:
        pass
    time.sleep(0.005)
t = time.perf_counter() - t0
code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)
with open(out, "a") as f:
    f.write("%.6f %d %d\n" % (t, hwm, code))
EOF

# measure NAME [OK] COMMAND...: one timed run of COMMAND, output discarded;
# appends its seconds to $tmp/NAME.  Exit statuses up to OK (default
# 0) count as success.
measure() {
	name=$1
	shift
	ok=0
	case $1 in [0-9]) ok=$1; shift ;; esac
	rm -f "$tmp/last"
	$pin "$py" "$tmp/timed.py" "$tmp/last" "$@" </dev/null >"$tmp/log" 2>&1 || true
	code=$(cut -d' ' -f3 "$tmp/last" 2>/dev/null || echo 127)
	if [ "$code" -gt "$ok" ]; then
		echo "run.sh: $name failed (exit $code): $*" >&2
		tail -n 20 "$tmp/log" >&2
		exit 1
	fi
	cut -d' ' -f1 "$tmp/last" >>"$tmp/$name"
}

# peak LABEL INPUT COMMAND...: one run for peak memory, under
# /usr/bin/time -f '%M KB %e s' when it is there (else timed.py --poll);
# INPUT is the file, "-" in COMMAND reads it from a pipe (cat INPUT |).
# Prints the line and appends "peak_kib seconds" to $tmp/peaks.
if [ -x /usr/bin/time ]; then
	timer="/usr/bin/time -f '%M KB %e s'"
else
	timer="no /usr/bin/time: VmHWM polled every 5 ms"
fi
peak() {
	label=$1 input=$2
	shift 2
	rm -rf "$data/out"
	case " $* " in *" - "*) src="cat" ;; *) src="" ;; esac
	if [ -x /usr/bin/time ]; then
		if [ -n "$src" ]; then
			# shellcheck disable=SC2002 # a pipe, not a file: what stdin is in use
			cat "$input" | $pin /usr/bin/time -f '%M KB %e s' -o "$tmp/time" "$@" >"$tmp/log" 2>&1 || {
				echo "run.sh: $label failed: $*" >&2; tail -n 20 "$tmp/log" >&2; exit 1; }
		else
			$pin /usr/bin/time -f '%M KB %e s' -o "$tmp/time" "$@" >"$tmp/log" 2>&1 || {
				echo "run.sh: $label failed: $*" >&2; tail -n 20 "$tmp/log" >&2; exit 1; }
		fi
		line=$(tail -n 1 "$tmp/time")
	else
		rm -f "$tmp/last"
		if [ -n "$src" ]; then
			# shellcheck disable=SC2002
			cat "$input" | $pin "$py" "$tmp/timed.py" "$tmp/last" --poll "$@" >"$tmp/log" 2>&1 || true
		else
			$pin "$py" "$tmp/timed.py" "$tmp/last" --poll "$@" </dev/null >"$tmp/log" 2>&1 || true
		fi
		code=$(cut -d' ' -f3 "$tmp/last" 2>/dev/null || echo 127)
		[ "$code" -eq 0 ] || { echo "run.sh: $label failed (exit $code): $*" >&2; tail -n 20 "$tmp/log" >&2; exit 1; }
		line=$(awk '{ printf "%d KB %.2f s", $2, $1 }' "$tmp/last")
	fi
	kib=${line%% KB*}
	secs=$(echo "$line" | awk '{ print $3 }')
	echo "$kib $secs" >>"$tmp/peaks"
	awk -v l="$label" -v k="$kib" -v s="$secs" -v b="$(size "$input")" -v line="$line" 'BEGIN {
		printf "  %-22s %-18s %7.1f MiB  %6.2f MB/s\n", l, line, k / 1024, (s > 0) ? b / 1e6 / s : 0 }'
}

median() { # median of the numbers on standard input
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) exit 1
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
col() { awk -v c="$2" '{ print $c }' "$tmp/$1"; }   # column C of $tmp/NAME
size() { wc -c <"$1" | tr -d ' '; }
rows() { [ -f "$1" ] && awk 'END { print NR - 1 }' "$1" || echo "none"; }   # lines after the header

echo "bench/extract: $rounds rounds (plus one warm-up), $pinned, LC_ALL=$LC_ALL"
echo "machine: $(nproc) CPUs, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)"
echo "binary: $eventmap"

# Inputs: the same seed for every size, so the small text is the start of
# the large one.
gen() { # NAME MB [--html]
	start=$(date +%s.%N)
	"$py" "$here/gen.py" --seed 1 ${3:+"$3"} -o "$data/$1" "$2"
	end=$(date +%s.%N)
	printf '  %-14s %12s bytes  %5.1f s  sha256 %s\n' "$1" "$(size "$data/$1")" \
		"$(echo "$start $end" | awk '{ print $2 - $1 }')" "$(sha256sum "$data/$1" | cut -c1-12)"
}
echo "inputs (gen.py --seed 1):"
gen small.txt "$small_mb"
gen small.html "$small_mb" --html
gen large.txt "$large_mb"
small=$data/small.txt
html=$data/small.html
large=$data/large.txt
bytes=$(size "$small")
hbytes=$(size "$html")

# The rounds: extract, then the references on the same file, then the HTML.
rm -rf "$data/out"
# shellcheck disable=SC2086
measure warm "$eventmap" extract $em_args -o "$data/out" "$small"
i=1
while [ "$i" -le "$rounds" ]; do
	rm -rf "$data/out"
	# shellcheck disable=SC2086
	measure em "$eventmap" extract $em_args -o "$data/out" "$small"
	measure grep 1 grep -c -i -E 'killed|dead' "$small"
	measure wc wc -w "$small"
	rm -rf "$data/out"
	# shellcheck disable=SC2086
	measure html "$eventmap" extract $em_args -o "$data/out" "$html"
	awk -v b="$bytes" -v h="$hbytes" -v e="$(tail -n 1 "$tmp/em")" -v g="$(tail -n 1 "$tmp/grep")" \
		-v w="$(tail -n 1 "$tmp/wc")" -v x="$(tail -n 1 "$tmp/html")" -v i="$i" 'BEGIN {
		printf "round %d: extract %.3f s (%.2f MB/s), grep %.3f s, wc -w %.3f s, HTML %.3f s (%.2f MB/s)\n",
			i, e, b / 1e6 / e, g, w, x, h / 1e6 / x }'
	i=$((i + 1))
done
paste -d' ' "$tmp/em" "$tmp/grep" "$tmp/wc" | awk '{ print $1 / $2, $1 / $3 }' >"$tmp/ratio"
em=$(col em 1 | median)
ht=$(col html 1 | median)
gr=$(col grep 1 | median)
wcw=$(col wc 1 | median)
rgrep=$(col ratio 1 | median)
rwc=$(col ratio 2 | median)
mbs=$(awk -v b="$bytes" -v t="$em" 'BEGIN { printf "%.2f", b / 1e6 / t }')
echo
printf 'median of %d rounds, %s bytes:\n' "$rounds" "$bytes"
awk -v b="$bytes" -v h="$hbytes" -v e="$em" -v x="$ht" -v g="$gr" -v w="$wcw" -v rg="$rgrep" -v rw="$rwc" 'BEGIN {
	printf "  extract, text     %8.3f s  %8.2f MB/s\n", e, b / 1e6 / e
	printf "  extract, HTML     %8.3f s  %8.2f MB/s\n", x, h / 1e6 / x
	printf "  grep -c -i -E     %8.3f s  %8.2f MB/s   extract takes %.1fx as long (per round, median)\n", g, b / 1e6 / g, rg
	printf "  wc -w             %8.3f s  %8.2f MB/s   extract takes %.1fx as long (per round, median)\n", w, b / 1e6 / w, rw }'
printf '  draft rows of the last text run: reports.csv %s, flows.csv %s, extract.json %s\n' \
	"$(rows "$data/out/reports.csv")" "$(rows "$data/out/flows.csv")" \
	"$([ -f "$data/out/extract.json" ] && echo "$(size "$data/out/extract.json") bytes" || echo none)"

# Peak memory: one run each; the 50 MB peak should be about the 5 MB peak.
echo
echo "peak memory and time, one run each ($timer):"
: >"$tmp/peaks"
# shellcheck disable=SC2086 # EM_EXTRACT_ARGS is a list of options
peak "$small_mb MB, file" "$small" "$eventmap" extract $em_args -o "$data/out" "$small"
# shellcheck disable=SC2086
peak "$small_mb MB, stdin" "$small" "$eventmap" extract $em_args -o "$data/out" -
# shellcheck disable=SC2086
peak "$large_mb MB, file" "$large" "$eventmap" extract $em_args -o "$data/out" "$large"
large_rows="reports.csv $(rows "$data/out/reports.csv"), flows.csv $(rows "$data/out/flows.csv")"
[ -f "$data/out/reports.csv" ] && cp "$data/out/reports.csv" "$tmp/large-file-reports.csv"
# shellcheck disable=SC2086
peak "$large_mb MB, stdin" "$large" "$eventmap" extract $em_args -o "$data/out" -
stdin_rows="reports.csv $(rows "$data/out/reports.csv"), flows.csv $(rows "$data/out/flows.csv")"
echo "  draft rows, $large_mb MB: from the file $large_rows; from stdin $stdin_rows"
if [ -f "$tmp/large-file-reports.csv" ] && [ -f "$data/out/reports.csv" ]; then
	# The evidence names the file ("large.txt:10-95") or "stdin": compare without it.
	sed "s|$large|stdin|g" "$tmp/large-file-reports.csv" >"$tmp/large-file-as-stdin.csv"
	cmp -s "$tmp/large-file-as-stdin.csv" "$data/out/reports.csv" && same=identical ||
		same=different
	echo "  reports.csv from the file and from stdin (the file's name read as stdin): $same"
fi
lbytes=$(size "$large")

echo
awk -v m="$mbs" -v gm="$goal_mbs" -v p="$pinned" -v gg="$goal_growth" -v sb="$bytes" -v lb="$lbytes" \
	-v peaks="$(tr '\n' ' ' <"$tmp/peaks")" 'BEGIN {
	n = split(peaks, P, " ")   # kib secs, four runs: small file, small stdin, large file, large stdin
	printf "goal: >= %g MB/s on one core: %.2f MB/s (%s): %s\n", gm, m, p, (m >= gm) ? "met" : "MISSED"
	extra = (lb - sb) / 1024
	for (k = 0; k < 2; k++) {
		s = P[1 + 2 * k]; l = P[5 + 2 * k]
		g = l - s
		printf "goal: %s in bounded memory (%s): peak %.1f MiB against %.1f MiB for %.3g MB, %+.1f MiB = %.1f %% of the %.3g MB more input (limit %g %%): %s\n",
			sprintf("%.3g MB", lb / 1e6), k ? "stdin" : "file", l / 1024, s / 1024, sb / 1e6,
			g / 1024, 100 * g / extra, (lb - sb) / 1e6, gg, (100 * g / extra < gg) ? "met" : "MISSED"
	}
}'
[ "$data" = "$tmp" ] || echo "inputs and the last outputs kept in $data"
