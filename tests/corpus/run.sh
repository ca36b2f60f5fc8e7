#!/bin/sh
# The bad-input corpus: every file in expected.tsv is fed to eventmap the way
# its kind says, and must give the expected exit status and message, and,
# when refused, write nothing.
# usage: run.sh EVENTMAP_BINARY
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

while IFS="$(printf '\t')" read -r file kind code text; do
	case "$file" in '#'* | '') continue ;; esac
	out="$work/out-$file"
	input="$here/$file"
	case "$kind" in
	reports) set -- export -r "$input" -o "$out" ;;
	flows) set -- export -r "$here/../../geodata/syria-coast-2025-03/reports.csv" \
		--flows "$input" -o "$out" ;;
	gazetteer) set -- geocode --no-default-gazetteer -g "$input" Latakia ;;
	style) set -- render -q -p A4 --dpi 72 -s "$input" -o "$out/poster.png" ;;
	names) set -- geocode -i "$input" ;;
	*) echo "run.sh: $file: unknown kind '$kind'" >&2; exit 2 ;;
	esac
	# EM_WRAPPER runs each command under a checker (valgrind in ctest).
	${EM_WRAPPER:-} "$bin" "$@" >"$work/stdout" 2>"$work/stderr" </dev/null
	got=$?
	where="$work/stderr"
	[ "$code" = 0 ] && where="$work/stdout"
	problem=""
	[ "$got" = "$code" ] || problem="exit $got, expected $code"
	grep -qF -- "$text" "$where" || problem="$problem; no '$text' in $(basename "$where")"
	# An empty expected text would match any output.
	[ -n "$text" ] || problem="$problem; expected.tsv gives no text to look for"
	if [ "$code" != 0 ] && [ -d "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
		problem="$problem; refused but wrote $(ls -A "$out" | tr '\n' ' ')"
	fi
	if [ -z "$problem" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $file ($kind): $problem" >&2
		head -c 600 "$work/stderr" >&2
	fi
done <"$here/expected.tsv"

# A file of the corpus that expected.tsv does not list would never be fed
# to eventmap: that is a failure too, as is a table that checked nothing.
for input in "$here"/*; do
	name=$(basename "$input")
	case "$name" in expected.tsv | run.sh) continue ;; esac
	if ! cut -f1 "$here/expected.tsv" | grep -qxF -- "$name"; then
		failed=$((failed + 1))
		echo "FAIL $name: in the corpus but not in expected.tsv" >&2
	fi
done
[ "$passed" -gt 0 ] || { failed=$((failed + 1)); echo "FAIL expected.tsv: no file was checked" >&2; }

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
