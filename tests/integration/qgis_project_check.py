#!/usr/bin/python3
"""Headless check of a QGIS project stored inside a GeoPackage.

usage: check_project.py GPKG [PROJECT_NAME] [--png OUT.png] [--layout NAME]
                        [--coverage days] [--require TABLE,TABLE,...]

Checks, in order (the first failure stops with exit 1 and a FAIL line):
  1. GPKG has a qgis_projects table with a row PROJECT_NAME (default
     "eventmap"), whose content is hex text of a zip holding one .qgs;
     every layer <datasource> pointing into GPKG is relative
     ("./<gpkg basename>|layername=..."), so the file can be moved.
  2. QgsProject.read("geopackage:GPKG?projectName=NAME") succeeds; every
     map layer is valid; the tables of --require (default: reports, places,
     flows, not_mapped, days) are layers of the project.
  3. A print layout exists (--layout NAME, or the first one), its atlas is
     enabled, its coverage layer is the table --coverage (default: days), and
     the atlas has as many pages as that table has features (counted with
     OGR, not QGIS).
  4. Atlas page 1 exported with QgsLayoutExporter to PNG (--png, default a
     temporary file) exists and is not blank (many colours, not one flat
     colour).
Exit 0 when every check passes, 1 on a failed check, 2 on bad usage.
Timings of loading and exporting are printed.
"""
import argparse
import io
import os
import re
import sqlite3
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if "XDG_RUNTIME_DIR" not in os.environ:
    os.environ["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="xdg-")

try:
    from qgis.core import QgsApplication
except ImportError:
    # A pyenv/venv python3 earlier on PATH does not see Debian's python3-qgis.
    if os.path.exists("/usr/bin/python3") and \
            os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

from qgis.PyQt.QtGui import QImage
from qgis.core import (QgsProject, QgsLayoutExporter, QgsLayoutItemMap,
                       QgsMapLayer)
from osgeo import ogr


class CheckFailed(Exception):
    pass


def require(cond, what):
    if not cond:
        raise CheckFailed(what)


def table_of(source):
    """'path|layername=x|subset=...' -> x (None when not of that form)."""
    for part in source.split("|")[1:]:
        if part.startswith("layername="):
            return part[len("layername="):]
    return None


def check_stored(gpkg, name):
    """1: the qgis_projects row, without QGIS."""
    con = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                          "AND name='qgis_projects'").fetchone()
        require(row is not None, f"{gpkg}: no qgis_projects table")
        row = con.execute("SELECT metadata, content, typeof(content) FROM qgis_projects "
                          "WHERE name = ?", (name,)).fetchone()
        names = [r[0] for r in con.execute("SELECT name FROM qgis_projects")]
    finally:
        con.close()
    require(row is not None, f"qgis_projects has no project {name!r} (has {names})")
    metadata, content, ctype = row
    require(ctype == "text", f"content is {ctype}, QGIS reads it as hex text")
    try:
        raw = bytes.fromhex(content)
    except ValueError as e:
        raise CheckFailed(f"content is not hex text: {e}") from None
    require(raw[:4] == b"PK\x03\x04",
            f"content (hex-decoded) is not a zip: starts with {raw[:16]!r}")
    zf = zipfile.ZipFile(io.BytesIO(raw))
    bad = zf.testzip()
    require(bad is None, f"zip member {bad} is corrupt")
    qgs = [i for i in zf.infolist() if i.filename.lower().endswith(".qgs")]
    require(len(qgs) == 1, f"zip holds {len(qgs)} .qgs files: {zf.namelist()}")
    xml = zf.read(qgs[0])
    root = ET.fromstring(xml)
    require(root.tag == "qgis", f"{qgs[0].filename}: root element <{root.tag}>, not <qgis>")
    base = os.path.basename(gpkg)
    absolute = []
    for ml in root.iter("maplayer"):
        ds = (ml.findtext("datasource") or "")
        path = ds.split("|")[0]
        # QGIS writes "./name.gpkg|..."; a bare "name.gpkg|..." also resolves
        # against the project's file. An absolute path breaks on a move (and
        # eventmap writes the file in a temporary directory first).
        if os.path.basename(path) == base and (path.startswith(("/", "\\")) or
                                               re.match(r"^[A-Za-z]:", path)):
            absolute.append(ds)
    require(not absolute, f"datasources into {base} are absolute, not relative: {absolute[:3]}")
    methods = {i.compress_type: n for n, i in
               [("stored", i) if i.compress_type == 0 else ("deflate", i) for i in zf.infolist()]}
    print(f"ok stored: qgis_projects[{name!r}] hex text of a {len(raw)}-byte zip "
          f"({', '.join(sorted(set(methods.values())))}) with {qgs[0].filename} "
          f"({qgs[0].file_size} bytes); metadata {metadata!r}")


def feature_count(gpkg, table):
    ds = ogr.Open(gpkg)
    require(ds is not None, f"OGR cannot open {gpkg}")
    lyr = ds.GetLayerByName(table)
    require(lyr is not None, f"{gpkg} has no table {table!r}")
    return lyr.GetFeatureCount()


def not_blank(png):
    img = QImage(png)
    require(not img.isNull(), f"{png}: not a readable image")
    w, h = img.width(), img.height()
    colours = set()
    non_white = 0
    samples = 0
    step = max(1, min(w, h) // 200)
    for y in range(0, h, step):
        for x in range(0, w, step):
            c = img.pixel(x, y) & 0xFFFFFF
            colours.add(c)
            samples += 1
            if c != 0xFFFFFF:
                non_white += 1
    share = non_white / samples
    require(len(colours) >= 16 and share > 0.05,
            f"{png} looks blank: {len(colours)} colours, {share:.1%} non-white pixels")
    return w, h, len(colours), share


def check_day_counts(atlas, maps, tables):
    """Per atlas page: the atlas-driven map's temporal range (data-defined
    from the page's feature), and how many features of each temporal layer
    it lets through. When the coverage layer has a field "reports", the
    reports layer's count must equal it (eventmap's days layer)."""
    from qgis.core import (QgsVectorLayerTemporalContext, QgsFeatureRequest,
                           QgsLayoutObject)
    cov = atlas.coverageLayer()
    has_field = cov.fields().indexOf("reports") >= 0
    reports = tables.get("reports")
    driven = [m for m in maps if m.atlasDriven() and m.isTemporal()]
    if not driven:
        print("note: no temporal atlas-driven map; per-day counts not checked")
        return
    m = driven[0]
    atlas.beginRender()
    lines = []
    for i in range(atlas.count()):
        require(atlas.seekTo(i), f"atlas.seekTo({i}) failed")
        m.refreshDataDefinedProperty(QgsLayoutObject.AllProperties)
        rng = m.temporalRange()
        counts = {}
        for layer in m.layersToRender():
            tp = layer.temporalProperties() if hasattr(layer, "temporalProperties") else None
            if tp is None or not tp.isActive():
                continue
            ctx = QgsVectorLayerTemporalContext()
            ctx.setLayer(layer)
            expr = tp.createFilterString(ctx, rng)
            req = QgsFeatureRequest()
            if expr:
                req.setFilterExpression(expr)
            counts[layer.name()] = sum(1 for _ in layer.getFeatures(req))
        feat = atlas.layout().reportContext().feature()
        want = feat["reports"] if has_field else None
        got = counts.get(reports.name()) if reports is not None else None
        lines.append(f"page {i + 1} {rng.begin().toString('yyyy-MM-dd')}: {counts}")
        if has_field and got is not None:
            require(got == want, f"page {i + 1} ({rng.begin().toString('yyyy-MM-dd hh:mm')}"
                    f"..{rng.end().toString('yyyy-MM-dd hh:mm')}): map shows {got} reports, "
                    f"days.reports says {want} (temporal filter wrong?)")
    atlas.endRender()
    print("ok day filter: " + "; ".join(lines))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gpkg")
    ap.add_argument("name", nargs="?", default="eventmap")
    ap.add_argument("--png")
    ap.add_argument("--layout")
    ap.add_argument("--coverage", default="days")
    ap.add_argument("--require", default="reports,places,flows,not_mapped,days")
    ap.add_argument("--no-day-counts", action="store_true",
                    help="skip the per-page check of the temporal filter")
    args = ap.parse_args()
    gpkg = os.path.abspath(args.gpkg)
    if not os.path.isfile(gpkg):
        print(f"check_project: {gpkg}: no such file", file=sys.stderr)
        return 2

    app = QgsApplication([], False)
    app.setPrefixPath("/usr", True)
    app.initQgis()
    status = 0
    try:
        check_stored(gpkg, args.name)

        t0 = time.monotonic()
        project = QgsProject.instance()
        uri = f"geopackage:{gpkg}?projectName={args.name}"
        ok = project.read(uri)
        t_load = time.monotonic() - t0
        require(ok, f"QgsProject.read({uri!r}) failed: {project.error()}")
        layers = project.mapLayers().values()
        require(layers, "the project has no layers")
        invalid = [f"{l.name()} ({l.source()})" for l in layers if not l.isValid()]
        require(not invalid, f"invalid layers: {invalid}")
        require(project.crs().isValid(),
                "project CRS is not valid (in QGIS 3.22 <projectCrs> is read only with "
                "<properties><SpatialRefSys><ProjectionsEnabled type=\"int\">1</...>)")
        no_crs = [l.name() for l in layers if l.isSpatial() and not l.crs().isValid()]
        require(not no_crs, f"layers without a valid CRS (no <srs> in their <maplayer>?): {no_crs}")
        root = project.layerTreeRoot()
        not_in_tree = [l.name() for l in layers if root.findLayer(l.id()) is None]
        require(not not_in_tree, f"layers missing from the layer tree (QGIS would not list "
                f"or draw them): {not_in_tree}")
        tables = {table_of(l.source()): l for l in layers}
        missing = [t for t in args.require.split(",") if t and t not in tables]
        require(not missing, f"tables not in the project: {missing} (has {sorted(k for k in tables if k)})")
        print(f"ok layers: {len(layers)} valid: "
              + ", ".join(f"{l.name()}={table_of(l.source())}"
                          + (f"[{l.renderer().type()}]" if l.type() == QgsMapLayer.VectorLayer and l.renderer() else "")
                          for l in layers))

        manager = project.layoutManager()
        layouts = manager.printLayouts()
        require(layouts, "the project has no print layout")
        if args.layout:
            layout = manager.layoutByName(args.layout)
            require(layout is not None,
                    f"no layout {args.layout!r} (has {[l.name() for l in layouts]})")
        else:
            layout = layouts[0]
        atlas = layout.atlas()
        require(atlas.enabled(), f"layout {layout.name()!r}: atlas not enabled")
        cov = atlas.coverageLayer()
        require(cov is not None and cov.isValid(), f"layout {layout.name()!r}: atlas has no valid coverage layer")
        require(table_of(cov.source()) == args.coverage,
                f"atlas coverage is {cov.source()!r}, expected table {args.coverage!r}")
        want = feature_count(gpkg, args.coverage)
        pages = atlas.updateFeatures()
        require(want > 0, f"table {args.coverage!r} has no features")
        require(pages == want, f"atlas has {pages} pages, table {args.coverage!r} has {want} features")
        maps = [i for i in layout.items() if isinstance(i, QgsLayoutItemMap)]
        require(maps, f"layout {layout.name()!r} has no map item")
        print(f"ok layout {layout.name()!r}: atlas over {args.coverage} ({cov.name()}), "
              f"{pages} pages; {len(maps)} map item(s), atlas-driven: "
              f"{[m.atlasDriven() for m in maps]}")

        if not args.no_day_counts:
            check_day_counts(atlas, maps, tables)

        png = args.png or os.path.join(tempfile.mkdtemp(prefix="check_project-"), "page1.png")
        t1 = time.monotonic()
        require(atlas.beginRender(), "atlas.beginRender() failed")
        require(atlas.first(), "atlas.first() failed")
        exporter = QgsLayoutExporter(layout)
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = 96
        settings.exportMetadata = False   # else GDAL tries to update the PNG
        result = exporter.exportToImage(png, settings)
        page_name = atlas.currentFilename()
        ranges = [(m.temporalRange().begin().toString("yyyy-MM-ddTHH:mm"),
                   m.temporalRange().end().toString("yyyy-MM-ddTHH:mm")) for m in maps if m.isTemporal()]
        atlas.endRender()
        t_export = time.monotonic() - t1
        require(result == QgsLayoutExporter.Success,
                f"export of atlas page 1 failed: result {result} "
                f"{getattr(exporter, 'errorMessage', lambda: '')()}")
        require(os.path.isfile(png) and os.path.getsize(png) > 0, f"{png} was not written")
        w, h, ncol, share = not_blank(png)
        print(f"ok page 1 ({page_name}) -> {png}: {w}x{h} px, {ncol} colours, "
              f"{share:.0%} non-white; map temporal range {ranges}")
        print(f"time: load {t_load:.2f} s, export page 1 {t_export:.2f} s")
    except CheckFailed as failure:
        print(f"FAIL {failure}", file=sys.stderr)
        status = 1
    app.exitQgis()
    return status


if __name__ == "__main__":
    sys.exit(main())
