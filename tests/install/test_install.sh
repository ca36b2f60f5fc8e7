#!/bin/sh
# The installed tree, as a user gets it (ctest: install):
#   test_install.sh BUILD_DIR SOURCE_DIR
# with the build's install directories in the environment (EM_BINDIR,
# EM_LIBDIR, EM_INCLUDEDIR, EM_DATADIR, EM_MANDIR; GNUInstallDirs, relative
# to the prefix) and its C compiler in CC.  It installs BUILD_DIR into a
# temporary prefix with `cmake --install`, then, from another temporary
# directory and without EVENTMAP_DATA, runs the installed `eventmap run`
# and checks every output run promises; checks the data is found beside
# the binary wherever the prefix is moved to, and that EVENTMAP_DATA still
# wins; formats every man page and checks it names every option of its
# command's --help; checks eventmap.pc with pkg-config; compiles, links and
# runs a C program against the installed headers and shared library;
# checks the bash completion; and installs a second time over the first.
# Every failed check is printed; the exit status is 1 if any failed.  The
# temporary directories are removed however it ends.
set -u

build=${1:?usage: test_install.sh BUILD_DIR SOURCE_DIR}
src=${2:?usage: test_install.sh BUILD_DIR SOURCE_DIR}
bindir=${EM_BINDIR:-bin}
libdir=${EM_LIBDIR:-lib}
includedir=${EM_INCLUDEDIR:-include}
datadir=${EM_DATADIR:-share}
mandir=${EM_MANDIR:-share/man}
cc=${CC:-cc}
unset EVENTMAP_DATA

failures=0
fail() {
	echo "install test: FAILED: $*" >&2
	failures=$((failures + 1))
}
pass() {
	echo "install test: ok: $*"
}
# The options (-x, --long) a --help text names, one per line.
help_options() {
	grep -oE -- '(^|[^A-Za-z0-9-])--?[a-z][a-z0-9-]*' "$1" | sed 's/^[^-]*//' | sort -u
}
# Lines as one line of words.
flat() {
	printf '%s' "$1" | tr '\n' ' '
}

prefix=$(mktemp -d "${TMPDIR:-/tmp}/eventmap-prefix.XXXXXX") || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/eventmap-work.XXXXXX") || { rm -rf "$prefix"; exit 1; }
moved="$prefix.moved"
trap 'rm -rf "$prefix" "$moved" "$work"' EXIT
trap 'exit 1' HUP INT TERM

# ---- cmake --install ---------------------------------------------------------
if ! cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1; then
	cat "$work/install.log" >&2
	fail "cmake --install $build --prefix $prefix"
	exit 1
fi
pass "cmake --install into $prefix"

share="$prefix/$datadir/eventmap"
for f in "$bindir/eventmap" "$libdir/libeventmap.a" "$libdir/libeventmap.so" \
	"$libdir/libeventmap.so.0" "$libdir/pkgconfig/eventmap.pc" \
	"$datadir/eventmap/geodata/geonames-levant.txt" "$datadir/eventmap/geodata/supplement.tsv" \
	"$datadir/eventmap/geodata/arabic-names.tsv" "$datadir/eventmap/geodata/basemap-levant.gpkg" \
	"$datadir/eventmap/geodata/README.md" \
	"$datadir/eventmap/geodata/syria-coast-2025-03/reports.csv" \
	"$datadir/eventmap/geodata/syria-coast-2025-03/flows.csv" \
	"$datadir/bash-completion/completions/eventmap"; do
	[ -s "$prefix/$f" ] || fail "not installed (or empty): $f"
done
[ -x "$prefix/$bindir/eventmap" ] || fail "$bindir/eventmap is not executable"
for f in "$src"/include/eventmap/*.h; do
	[ -s "$prefix/$includedir/eventmap/${f##*/}" ] || fail "header not installed: $includedir/eventmap/${f##*/}"
done
for f in "$src"/styles/*.ini "$src"/styles/qgis/*.qml; do
	rel=${f#"$src"/}
	[ -s "$share/$rel" ] || fail "style not installed: $datadir/eventmap/$rel"
done

# ---- the main job, from elsewhere, with the installed data -------------------
cd "$work" || exit 1
case $(pwd -P) in
"$src"/*) fail "the work directory $work is inside the source tree" ;;
esac
"$prefix/$bindir/eventmap" run -o out >run.out 2>run.err
rc=$?
if [ $rc -eq 0 ]; then
	pass "eventmap run -o out in $work"
else
	cat run.err >&2
	fail "eventmap run -o out exited $rc in $work"
fi
# What eventmap run promises (cmd_run.c, README): the layers, the geocoding
# record, the whole-period poster and one poster per day the default
# dataset covers (6 to 11 March 2025), with the overview sheet.
for f in eventmap.gpkg geojson/reports.geojson geojson/places.geojson geojson/flows.geojson \
	geojson/not_mapped.geojson geocode.tsv poster.png poster.pdf \
	days/2025-03-06.png days/2025-03-07.png days/2025-03-08.png days/2025-03-09.png \
	days/2025-03-10.png days/2025-03-11.png days/overview.png \
	web/index.html web/app.js web/style.css web/data/data.js web/data/basemap.js \
	web/lib/leaflet.js web/lib/leaflet.css web/lib/LICENSE-leaflet.txt; do
	[ -s "out/$f" ] || fail "eventmap run: out/$f missing or empty"
	case $f in
	*.png) [ -s "out/${f%.png}.pdf" ] || fail "eventmap run: out/${f%.png}.pdf missing or empty" ;;
	esac
done
if grep -F "$src" run.out run.err >/dev/null; then
	fail "eventmap run names the source tree $src: it read data from there, not the prefix"
fi
grep -F "$share/geodata/syria-coast-2025-03/" run.err >/dev/null ||
	fail "eventmap run's warnings do not name the installed dataset under $share"

# The data is found beside the binary wherever the prefix goes: moved, with
# one data file taken away, the error must name the moved prefix's file.
mv "$prefix" "$moved" || fail "mv $prefix $moved"
rm -f "$moved/$datadir/eventmap/geodata/arabic-names.tsv"
if "$moved/$bindir/eventmap" geocode Latakia >geocode.out 2>geocode.err; then
	fail "eventmap geocode succeeded without the moved prefix's arabic-names.tsv: data not taken from beside the binary"
elif grep -F "$moved/$datadir/eventmap/geodata/arabic-names.tsv" geocode.err >/dev/null; then
	pass "a moved prefix finds its own data"
else
	cat geocode.err >&2
	fail "eventmap geocode in a moved prefix did not name $moved/$datadir/eventmap/geodata/arabic-names.tsv"
fi
mv "$moved" "$prefix" || fail "mv $moved $prefix"

# EVENTMAP_DATA still wins over everything.
if EVENTMAP_DATA="$work/nothing" "$prefix/$bindir/eventmap" geocode Latakia >env.out 2>env.err; then
	fail "EVENTMAP_DATA=$work/nothing was ignored"
elif grep -F "$work/nothing/geodata/" env.err >/dev/null; then
	pass "EVENTMAP_DATA overrides the installed data"
else
	cat env.err >&2
	fail "with EVENTMAP_DATA=$work/nothing the error does not name it"
fi

# ---- installing a second time over the first ---------------------------------
if cmake --install "$build" --prefix "$prefix" >"$work/install2.log" 2>&1; then
	pass "cmake --install a second time"
else
	cat "$work/install2.log" >&2
	fail "cmake --install a second time into $prefix"
fi
[ -s "$share/geodata/arabic-names.tsv" ] || fail "the second install did not restore arabic-names.tsv"
if "$prefix/$bindir/eventmap" geocode Latakia >geocode2.out 2>geocode2.err &&
	grep -q resolved geocode2.out; then
	pass "eventmap geocode Latakia after the second install"
else
	cat geocode2.err >&2
	fail "eventmap geocode Latakia after the second install"
fi

# ---- man pages ---------------------------------------------------------------
man1="$prefix/$mandir/man1"
have_man=0
command -v man >/dev/null 2>&1 && have_man=1
have_groff=0
command -v groff >/dev/null 2>&1 && have_groff=1
[ $have_man = 1 ] || [ $have_groff = 1 ] || fail "neither man nor groff is installed (groff-base, man-db)"
for cmd in "" run batch export geocode render extract web; do
	page=eventmap${cmd:+-$cmd}
	file="$man1/$page.1"
	if [ ! -s "$file" ]; then
		fail "man page not installed: $mandir/man1/$page.1"
		continue
	fi
	if [ $have_groff = 1 ]; then
		LC_ALL=C groff -man -Tascii -ww -z "$file" >/dev/null 2>"$work/groff.err"
		rc=$?
		if [ $rc -ne 0 ] || [ -s "$work/groff.err" ]; then
			cat "$work/groff.err" >&2
			fail "groff -man -ww finds errors or warnings in $page.1"
		fi
	fi
	if [ $have_man = 1 ]; then
		LC_ALL=C MANWIDTH=80 man -l "$file" >"$work/$page.txt" 2>"$work/man.err"
		rc=$?
		if [ $rc -ne 0 ] || [ -s "$work/man.err" ]; then
			cat "$work/man.err" >&2
			fail "man -l $page.1 fails or warns"
		fi
	else
		LC_ALL=C groff -man -Tascii -P-cbou "$file" >"$work/$page.txt" 2>/dev/null
	fi
	grep -q "^NAME" "$work/$page.txt" || fail "$page.1 formats without a NAME section"
	# Every option its command's --help names is in the page.
	"$prefix/$bindir/eventmap" ${cmd:+"$cmd"} --help >"$work/help.txt" 2>&1 ||
		fail "eventmap $cmd --help failed"
	for opt in $(help_options "$work/help.txt"); do
		grep -qE -- "(^|[^A-Za-z0-9-])$opt([^A-Za-z0-9-]|\$)" "$work/$page.txt" ||
			fail "$page.1 does not document $opt (in eventmap $cmd --help)"
	done
done
pass "man pages checked"

# ---- pkg-config and the shared library ---------------------------------------
PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
export PKG_CONFIG_PATH
if flags=$(pkg-config --cflags --libs eventmap 2>"$work/pc.err"); then
	pass "pkg-config --cflags --libs eventmap: $flags"
else
	cat "$work/pc.err" >&2
	fail "pkg-config --cflags --libs eventmap"
	flags="-I$prefix/$includedir -L$prefix/$libdir -leventmap"
fi
case " $flags " in
*" -leventmap "*) ;;
*) fail "pkg-config --libs eventmap lacks -leventmap: $flags" ;;
esac
[ "$(pkg-config --modversion eventmap 2>/dev/null)" = "$("$prefix/$bindir/eventmap" --version | sed 's/^eventmap //')" ] ||
	fail "pkg-config --modversion eventmap is not eventmap --version's"
pkg-config --static --libs eventmap >/dev/null 2>"$work/pc.err" || {
	cat "$work/pc.err" >&2
	fail "pkg-config --static --libs eventmap (Requires.private)"
}

readelf -d "$prefix/$libdir/libeventmap.so" 2>/dev/null | grep -q 'SONAME.*\[libeventmap\.so\.0\]' ||
	fail "libeventmap.so has no SONAME libeventmap.so.0"
exported=$(nm -D --defined-only "$prefix/$libdir/libeventmap.so" 2>/dev/null)
echo "$exported" | grep -q ' em_status_name$' || fail "libeventmap.so does not export em_status_name"
if echo "$exported" | grep -q ' em__'; then
	fail "libeventmap.so exports internals: $(echo "$exported" | grep ' em__' | head -3 | tr '\n' ' ')"
fi

cat >"$work/hello.c" <<'EOF'
#include <stdio.h>
#include <string.h>

#include "eventmap/error.h"
#include "eventmap/text.h"

static int key(char *out, size_t size, const char *name)
{
	return em_text_fold(out, size, NULL, name, strlen(name), EM_TEXT_KEY);
}

int main(void)
{
	char a[64], b[64];

	if (key(a, sizeof(a), "Tartous") != EM_OK || key(b, sizeof(b), "Tartus") != EM_OK)
		return 2;
	if (strcmp(a, b) != 0)
		return 3;
	if (strcmp(em_status_name(EM_OK), em_status_name(EM_ERR_IO)) == 0)
		return 4;
	printf("%s %s\n", a, em_status_name(EM_ERR_IO));
	return 0;
}
EOF
# shellcheck disable=SC2086 # the flags are words
if $cc -std=c11 -Wall -Werror -o "$work/hello" "$work/hello.c" $flags \
	-Wl,-rpath,"$prefix/$libdir" 2>"$work/cc.err"; then
	if ! ldd "$work/hello" 2>/dev/null | grep -F "$prefix/$libdir/libeventmap.so.0" >/dev/null; then
		fail "the program is not linked to the installed libeventmap.so.0: $(ldd "$work/hello" 2>&1 | tr '\n' ' ')"
	fi
	out=$("$work/hello" 2>&1)
	rc=$?
	if [ $rc -eq 0 ]; then
		pass "a program built with pkg-config against libeventmap.so runs: $out"
	else
		fail "the program built against libeventmap.so exits $rc: $out"
	fi
else
	cat "$work/cc.err" >&2
	fail "compiling and linking a program with pkg-config --cflags --libs eventmap"
fi

# ---- bash completion ---------------------------------------------------------
completion="$prefix/$datadir/bash-completion/completions/eventmap"
if ! command -v bash >/dev/null 2>&1; then
	fail "bash is not installed"
else
	complete_words() {
		bash --norc --noprofile -c '
			. "$1" || exit 1
			shift
			COMP_WORDS=("$@")
			COMP_CWORD=$(($# - 1))
			COMP_LINE="$*"
			COMP_POINT=${#COMP_LINE}
			COMPREPLY=()
			_eventmap || exit 1
			printf "%s\n" "${COMPREPLY[@]}"' sh "$completion" "$@"
	}
	got=$(complete_words eventmap r) || fail "sourcing $completion or running _eventmap"
	for want in run render; do
		echo "$got" | grep -qx "$want" || fail "'eventmap r<TAB>' does not offer $want (got: $(flat "$got"))"
	done
	[ -n "$got" ] && echo "$got" | grep -qvx 'run\|render' &&
		fail "'eventmap r<TAB>' offers more than run and render: $(flat "$got")"
	bash --norc --noprofile -c '. "$1" && complete -p eventmap' sh "$completion" >/dev/null 2>&1 ||
		fail "the completion file does not register a completion for eventmap"
	got=$(complete_words eventmap render --page s)
	[ "$(flat "$got")" = "social-square social-wide" ] || fail "'eventmap render --page s<TAB>' gives: $(flat "$got")"
	got=$(complete_words eventmap batch -f png,s)
	[ "$(flat "$got")" = "png,svg" ] || fail "'eventmap batch -f png,s<TAB>' gives: $(flat "$got")"
	got=$(complete_words eventmap run -r "$share/geodata/syria-coast-2025-03/rep")
	[ "$(flat "$got")" = "$share/geodata/syria-coast-2025-03/reports.csv" ] ||
		fail "'eventmap run -r .../rep<TAB>' does not complete the file name (got: $(flat "$got"))"
	# Every option each command's --help names is offered after a '-'
	# (extract's help also shows a run command line: its own are checked
	# by the man page).
	for cmd in run batch export geocode render web; do
		got=$(complete_words eventmap "$cmd" -)
		"$prefix/$bindir/eventmap" "$cmd" --help >"$work/help.txt" 2>&1
		for opt in $(help_options "$work/help.txt"); do
			echo "$got" | grep -qx -- "$opt" ||
				fail "'eventmap $cmd -<TAB>' does not offer $opt (in its --help)"
		done
	done
	pass "bash completion checked"
fi

cd / || exit 1
if [ "$failures" -ne 0 ]; then
	echo "install test: $failures check(s) failed" >&2
	exit 1
fi
echo "install test: every check passed"
exit 0
