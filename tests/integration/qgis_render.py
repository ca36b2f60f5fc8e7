#!/usr/bin/python3
"""Render an eventmap GeoPackage's places, reports and flows layers with
their stored QGIS default styles to a PNG, headless, for looking at.

Usage: QT_QPA_PLATFORM=offscreen qgis_render.py GPKG OUT.png
       [--size 1200x900] [--extent LON_MIN,LAT_MIN,LON_MAX,LAT_MAX] [--dpi 96]
"""
import argparse
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

try:
    from qgis.core import QgsApplication
except ImportError:
    # A pyenv/venv python3 earlier on PATH does not see Debian's python3-qgis.
    if os.path.exists("/usr/bin/python3") and \
            os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage, QPainter
from qgis.core import (
    QgsCoordinateReferenceSystem, QgsMapRendererCustomPainterJob,
    QgsMapSettings, QgsRectangle, QgsVectorLayer,
)

# First is drawn on top.
LAYERS = ("places", "flows", "reports")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gpkg")
    parser.add_argument("out_png")
    parser.add_argument("--size", default="1200x900")
    parser.add_argument("--extent", default="35.6,34.3,36.5,36.0")
    parser.add_argument("--dpi", type=float, default=96.0)
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.lower().split("x"))
    lon_min, lat_min, lon_max, lat_max = (float(v) for v in args.extent.split(","))

    app = QgsApplication([], False)
    app.setPrefixPath("/usr", True)
    app.initQgis()

    layers = []
    for name in LAYERS:
        layer = QgsVectorLayer(f"{args.gpkg}|layername={name}", name, "ogr")
        if not layer.isValid():
            print(f"qgis_render: {args.gpkg}: layer {name} is not valid", file=sys.stderr)
            return 1
        layers.append(layer)

    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    settings.setExtent(QgsRectangle(lon_min, lat_min, lon_max, lat_max))
    settings.setOutputSize(QSize(width, height))
    settings.setOutputDpi(args.dpi)
    settings.setBackgroundColor(QColor("#EEF2F3"))
    settings.setFlag(QgsMapSettings.Antialiasing, True)
    settings.setFlag(QgsMapSettings.DrawLabeling, True)

    image = QImage(QSize(width, height), QImage.Format_ARGB32_Premultiplied)
    image.setDotsPerMeterX(int(args.dpi / 0.0254))
    image.setDotsPerMeterY(int(args.dpi / 0.0254))
    image.fill(settings.backgroundColor())
    painter = QPainter(image)
    job = QgsMapRendererCustomPainterJob(settings, painter)
    job.renderSynchronously()
    painter.end()
    errors = [f"{error.layerID}: {error.message}" for error in job.errors()]

    status = 0
    if errors:
        print("qgis_render: " + "; ".join(errors), file=sys.stderr)
        status = 1
    elif not image.save(args.out_png, "PNG"):
        print(f"qgis_render: could not write {args.out_png}", file=sys.stderr)
        status = 1
    else:
        print(f"wrote {args.out_png} ({width}x{height})")
    # Drop every QGIS object before exitQgis(), or Python segfaults at exit.
    del job, painter, settings, layers, layer
    app.exitQgis()
    return status


if __name__ == "__main__":
    sys.exit(main())
