#!/usr/bin/python3
"""Write QGIS styles (.qml) for the basemap_* tables and the days layer, as
the repository's styles/qgis/build_qml.py does for places/reports/flows:
with PyQGIS, so the files are what QGIS itself writes. The C writer would
embed them in the project (and may also store them in layer_styles).

usage: QT_QPA_PLATFORM=offscreen gen_basemap_qml.py GPKG OUT_DIR
(GPKG as made by prepare_gpkg.py)
"""
import os
import sys

os.environ["QT_HASH_SEED"] = "0"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.PyQt.QtGui import QColor
from qgis.core import (
    QgsApplication, QgsVectorLayer, QgsFillSymbol, QgsLineSymbol,
    QgsMarkerSymbol, QgsSingleSymbolRenderer, QgsNullSymbolRenderer,
    QgsPalLayerSettings, QgsVectorLayerSimpleLabeling, QgsTextFormat,
    QgsTextBufferSettings, QgsUnitTypes,
)

gpkg, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
app = QgsApplication([], False)
app.setPrefixPath("/usr", True)
app.initQgis()

SEA = "#dbe9f4"


def labels(field, size, color="#303030", italic=False, buffer=True):
    pal = QgsPalLayerSettings()
    pal.fieldName = field
    pal.isExpression = "(" in field
    fmt = QgsTextFormat()
    fmt.setSize(size)
    fmt.setColor(QColor(color))
    if italic:
        f = fmt.font()
        f.setItalic(True)
        fmt.setFont(f)
    b = QgsTextBufferSettings()
    b.setEnabled(buffer)
    b.setSize(0.7)
    fmt.setBuffer(b)
    pal.setFormat(fmt)
    return QgsVectorLayerSimpleLabeling(pal)


def style(table, renderer, labeling=None):
    lyr = QgsVectorLayer(f"{gpkg}|layername={table}", table, "ogr")
    assert lyr.isValid(), table
    lyr.setRenderer(renderer)
    if labeling is not None:
        lyr.setLabeling(labeling)
        lyr.setLabelsEnabled(True)
    else:
        lyr.setLabelsEnabled(False)
    path = os.path.join(out, table + ".qml")
    msg, ok = lyr.saveNamedStyle(path)
    assert ok, (table, msg)
    print(path, os.path.getsize(path))


single = QgsSingleSymbolRenderer
style("basemap_countries", single(QgsFillSymbol.createSimple(
    {"color": "#f2efe9", "outline_color": "#c8c0b0", "outline_width": "0.1"})))
style("basemap_lakes", single(QgsFillSymbol.createSimple(
    {"color": SEA, "outline_color": "#8fb3cf", "outline_width": "0.1"})))
style("basemap_rivers", single(QgsLineSymbol.createSimple(
    {"line_color": "#8fb3cf", "line_width": "0.3"})))
style("basemap_coastline", single(QgsLineSymbol.createSimple(
    {"line_color": "#6f8fa8", "line_width": "0.2"})))
style("basemap_borders", single(QgsLineSymbol.createSimple(
    {"line_color": "#7a6f66", "line_width": "0.4", "line_style": "dash"})))
style("basemap_towns", single(QgsMarkerSymbol.createSimple(
    {"name": "circle", "color": "#505050", "size": "1.0", "outline_style": "no"})),
    labels("name", 6.5))
style("basemap_country_labels", QgsNullSymbolRenderer(),
      labels("upper(\"name\")", 9, "#8a8070", buffer=False))
style("basemap_sea_labels", QgsNullSymbolRenderer(),
      labels("name", 9, "#5f86a8", italic=True, buffer=False))
style("days", single(QgsFillSymbol.createSimple(
    {"color": "0,0,0,0", "outline_color": "#d55e00", "outline_width": "0.5",
     "outline_style": "dash"})))
app.exitQgis()
