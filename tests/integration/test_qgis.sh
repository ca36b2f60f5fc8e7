#!/bin/sh
# Exports the default dataset, validates the GeoPackage with GDAL's
# validate_gpkg.py, and opens it in headless QGIS: every layer valid, with
# its features, styled by the default style stored in layer_styles.
# usage: test_qgis.sh EVENTMAP_BINARY SOURCE_DIR
set -eu
bin=$1
src=$2
py=/usr/bin/python3
validate=/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" export -q -o "$tmp"
"$py" "$validate" "$tmp/eventmap.gpkg"
echo "ok validate_gpkg.py: $tmp/eventmap.gpkg"
# QGIS must see as many features as OGR wrote.
expect=$("$py" - "$tmp/eventmap.gpkg" <<'PY'
import sys
from osgeo import ogr
ds = ogr.Open(sys.argv[1])
print(",".join(f"{n}={ds.GetLayerByName(n).GetFeatureCount()}" for n in ("places", "reports", "flows")))
PY
)
QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$tmp" "$py" "$src/tests/integration/qgis_check.py" \
	"$tmp/eventmap.gpkg" --expect "$expect"
