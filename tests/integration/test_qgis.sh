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
# The QGIS project stored in the GeoPackage: it loads from the file, every
# layer is valid, the layout's atlas has a page a day, each page's map
# draws that day's reports, and page 1 exports to a PNG that is not blank.
# The project finds its layers beside it: the file is checked where it was
# written and again after a move.
QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$tmp" "$py" "$src/tests/integration/qgis_project_check.py" \
	"$tmp/eventmap.gpkg" eventmap --png "$tmp/atlas-page-1.png"
mkdir "$tmp/moved"
mv "$tmp/eventmap.gpkg" "$tmp/moved/eventmap.gpkg"
QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$tmp" "$py" "$src/tests/integration/qgis_project_check.py" \
	"$tmp/moved/eventmap.gpkg" eventmap --png "$tmp/moved/atlas-page-1.png"
echo "ok the QGIS project in eventmap.gpkg, before and after a move"
