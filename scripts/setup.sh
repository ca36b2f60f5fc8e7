#!/bin/sh
# One command from a fresh Debian 12 machine to a result:
#   scripts/setup.sh run    install what is missing, build, run `eventmap run`
#   scripts/setup.sh test-cluster  install munge and slurm-wlm, build, and run
#                           the batch on a real one-node Slurm (ctest -L cluster)
#   scripts/setup.sh test   install what is missing, build, run the whole suite:
#                           every build type compiled warning-free (-Werror),
#                           ASan + UBSan, libFuzzer targets (clang), then the
#                           plain build with valgrind memcheck, real clients
#                           and an install into a temporary prefix
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-run}
jobs=$(nproc 2>/dev/null || echo 2)

# Debian packages the build, the tool and the tests need.
packages="build-essential cmake pkg-config git
	libgdal-dev gdal-bin libproj-dev proj-bin libcairo2-dev libpango1.0-dev
	libcmocka-dev libutf8proc-dev libjson-c-dev fonts-noto-core"
test_packages="valgrind poppler-utils python3-gdal python3-qgis qgis-providers
	postgresql-15 postgresql-15-postgis-3 clang libclang-rt-14-dev groff-base man-db chromium"

install_missing() {
	missing=""
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	echo "setup: installing$missing"
	as_root=""
	[ "$(id -u)" -eq 0 ] || as_root="sudo"
	$as_root apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends $missing
}

# The web map's library (Leaflet) and, for the tests, playwright-core, from
# the npm registry as package-lock.json pins them (integrity checked by
# npm).  Node.js and npm from Debian when the machine has none.
npm_install() {
	command -v npm >/dev/null 2>&1 || install_missing nodejs npm
	want=$1
	if [ -f "$top/node_modules/leaflet/dist/leaflet.js" ] &&
		{ [ "$want" = run ] || [ -f "$top/node_modules/playwright-core/package.json" ]; } &&
		[ "$top/node_modules/.package-lock.json" -nt "$top/package-lock.json" ]; then
		return 0
	fi
	echo "setup: npm ci${want:+ ($want)}"
	if [ "$want" = run ]; then
		(cd "$top" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
	else
		(cd "$top" && npm ci --no-audit --no-fund --loglevel=error)
	fi
}

build() {
	dir=$1
	shift
	cmake -S "$top" -B "$dir" "$@" >/dev/null
	cmake --build "$dir" -j "$jobs"
}

case "$mode" in
run)
	install_missing $packages
	npm_install run
	# EM_WERROR is off by default: a new compiler's new warning must not
	# stop a user's build (a build/ the test command made keeps it on).
	build "$top/build"
	cd "$top"
	exec "$top/build/eventmap" run -o "$top/output"
	;;
test)
	install_missing $packages $test_packages
	npm_install test
	# Every build below treats warnings as errors.  First the build types
	# that are only compiled here (everything, tests included; their tests
	# are not run): gcc Release, where -O3 finds what the others do not,
	# and clang Release without sanitizers, the build a clang user makes
	# (build-fuzz is clang too, but Debug with the sanitizers).
	build "$top/build-release" -DEM_WERROR=ON -DCMAKE_BUILD_TYPE=Release
	build "$top/build-clang" -DEM_WERROR=ON -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Release
	build "$top/build-asan" -DEM_WERROR=ON -DEM_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
	(cd "$top/build-asan" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		ctest --output-on-failure -j "$jobs")
	# The parsers under libFuzzer, a short bounded run each (bench/fuzz runs longer).
	build "$top/build-fuzz" -DEM_WERROR=ON -DCMAKE_C_COMPILER=clang -DEM_FUZZ=ON \
		-DEM_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
	(cd "$top/build-fuzz" && ctest --output-on-failure -L fuzz -j "$jobs")
	# The normal build (RelWithDebInfo): every test, memcheck, real clients,
	# and `cmake --install` into a temporary prefix (the install test).
	build "$top/build" -DEM_WERROR=ON
	cd "$top/build" && exec ctest --output-on-failure -j "$jobs" -LE cluster
	;;
test-cluster)
	install_missing $packages munge slurm-wlm
	npm_install run
	build "$top/build"
	cd "$top/build" && exec ctest --output-on-failure -L cluster
	;;
*)
	echo "usage: scripts/setup.sh run|test|test-cluster" >&2
	exit 1
	;;
esac
