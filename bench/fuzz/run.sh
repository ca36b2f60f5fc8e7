#!/bin/sh
# Long fuzzing runs of the libFuzzer targets in tests/fuzz (see README.md).
#   bench/fuzz/run.sh [SECONDS [NAME...]]
# SECONDS per target (default 600); NAMEs from: gazetteer text geocode
# reports style (default all, one after the other).  Builds build-fuzz/
# with clang and the sanitizers, keeps a growing corpus per target in
# build-fuzz/fuzz-corpus/NAME, and moves every crash, leak, timeout or
# out-of-memory input to tests/fuzz/regressions/NAME/, where ctest's
# fuzz_NAME runs it from then on.  Exits 1 when anything was found.
# FUZZ_FLAGS adds libFuzzer flags, e.g. FUZZ_FLAGS="-fork=2 -ignore_crashes=1".
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-600}
[ $# -gt 0 ] && shift
names=${*:-gazetteer text geocode reports style}
build=$top/build-fuzz
jobs=$(nproc 2>/dev/null || echo 2)

case $seconds in
'' | *[!0-9]*)
	echo "usage: bench/fuzz/run.sh [SECONDS [NAME...]]" >&2
	exit 2
	;;
esac
command -v clang >/dev/null || {
	echo "run.sh: clang is missing: scripts/setup.sh test installs it" >&2
	exit 2
}

targets=""
for name in $names; do
	[ -f "$top/tests/fuzz/fuzz_$name.c" ] || {
		echo "run.sh: no target tests/fuzz/fuzz_$name.c" >&2
		exit 2
	}
	targets="$targets fuzz_$name"
done
cmake -S "$top" -B "$build" -DCMAKE_C_COMPILER=clang -DEM_FUZZ=ON -DEM_SANITIZE=ON >/dev/null
# shellcheck disable=SC2086 # one --target per word
cmake --build "$build" -j "$jobs" --target $targets

export EVENTMAP_DATA="$top"
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp"
export UBSAN_OPTIONS="print_stacktrace=1"
found=0
for name in $names; do
	corpus=$build/fuzz-corpus/$name
	artifacts=$build/fuzz-artifacts/$name
	log=$build/fuzz-logs/$name.log
	mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
	cp -n "$top/tests/fuzz/corpus/$name"/* "$corpus"/
	echo "fuzz_$name: ${seconds}s, log in $log"
	dictionary=""
	[ -f "$top/tests/fuzz/$name.dict" ] && dictionary="-dict=$top/tests/fuzz/$name.dict"
	status=0
	kept=0
	# shellcheck disable=SC2086 # FUZZ_FLAGS is split into flags
	"$build/tests/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$artifacts/" $dictionary ${FUZZ_FLAGS:-} \
		"$corpus" >"$log" 2>&1 ||
		status=$?
	# The last status line: executions, coverage, corpus, speed.
	grep -E '^#[0-9]+' "$log" | tail -n 1 || true
	grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' "$log" || true
	for input in "$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* \
		"$artifacts"/oom-*; do
		[ -f "$input" ] || continue
		mkdir -p "$top/tests/fuzz/regressions/$name"
		mv "$input" "$top/tests/fuzz/regressions/$name/"
		echo "fuzz_$name: FOUND $(basename "$input") -> tests/fuzz/regressions/$name/"
		kept=1
		found=1
	done
	if [ "$status" -ne 0 ] && [ "$kept" -eq 0 ]; then
		echo "fuzz_$name: exited $status without an input to keep; see $log" >&2
		found=1
	fi
done
exit "$found"
