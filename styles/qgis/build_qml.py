#!/usr/bin/python3
"""Regenerate places.qml, reports.qml and flows.qml (QGIS default styles that
the `layers` module stores in eventmap.gpkg's layer_styles table) with
PyQGIS, so the files are exactly what QGIS itself writes.

Usage: QT_QPA_PLATFORM=offscreen build_qml.py [OUT_DIR]   (default: this directory)

Needs python3-qgis (QGIS 3.22 on Debian 12). Edit the style here, run it,
then check with tests/integration/qgis_check.py and qgis_render.py.
"""
import os
import sys

# Fixed Qt hash seed: XML attributes come out in the same order every run,
# so regenerated files diff cleanly.
os.environ["QT_HASH_SEED"] = "0"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

try:
    from qgis.core import QgsApplication
except ImportError:
    # A pyenv/venv python3 earlier on PATH does not see Debian's python3-qgis.
    if os.path.exists("/usr/bin/python3") and \
            os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont
from qgis.core import (
    QgsArrowSymbolLayer, QgsCategorizedSymbolRenderer, QgsFeatureRequest,
    QgsFillSymbol, QgsGeometryGeneratorSymbolLayer, QgsLabeling,
    QgsLineSymbol, QgsMarkerSymbol, QgsPalLayerSettings, QgsProperty,
    QgsRendererCategory, QgsSimpleFillSymbolLayer, QgsSimpleMarkerSymbolLayer,
    QgsSimpleMarkerSymbolLayerBase, QgsSymbol, QgsSymbolLayer,
    QgsTextBufferSettings, QgsTextFormat, QgsUnitTypes, QgsVectorLayer,
    QgsVectorLayerSimpleLabeling, QgsWkbTypes, QgsMapLayer,
)

# Okabe-Ito, colour-blind safe; the same hex values as the poster styles.
CATEGORIES = [
    ("civilians", "Civilians", "#D55E00"),
    ("security_forces", "Security forces", "#0072B2"),
    ("pro_assad_fighters", "Pro-Assad fighters", "#E69F00"),
    ("unknown", "Not stated", "#7F7F7F"),
    ("mixed", "Several categories", "#CC79A7"),
]
PLACE_CATEGORIES = {value for value, _, _ in CATEGORIES}
REPORT_CATEGORIES = PLACE_CATEGORIES - {"mixed"}  # one report, one category
# Events (rows without deaths) by ACLED event type: the poster's shapes in
# one dark ink, so the colours stay the categories of the dead.
EVENT_INK = "#222222"
EVENT_KINDS = [
    ("battles", "Battles", QgsSimpleMarkerSymbolLayerBase.Diamond, 0),
    ("violence_against_civilians", "Violence against civilians",
     QgsSimpleMarkerSymbolLayerBase.Triangle, 0),
    ("explosions", "Explosions/Remote violence", QgsSimpleMarkerSymbolLayerBase.Star, 0),
    ("protests", "Protests", QgsSimpleMarkerSymbolLayerBase.Square, 0),
    ("riots", "Riots", QgsSimpleMarkerSymbolLayerBase.Triangle, 180),
    ("strategic_developments", "Strategic developments",
     QgsSimpleMarkerSymbolLayerBase.CrossFill, 0),
    ("other", "Other event", QgsSimpleMarkerSymbolLayerBase.Pentagon, 0),
]
EVENT_SIZE_MM = 3.0
# A report is drawn as a death (a circle in its category's colour) when it
# gives a figure above 0, else as an event by its kind.
REPORT_CLASS = 'if(coalesce("fatalities", 0) > 0, "category", "event_kind")'
FILL_ALPHA = 191  # ~75 % opacity
FLOW_COLOUR = "#1F3A5F"
TEXT_COLOUR = "#1A1A1A"
FONT_FAMILY = "Noto Sans"

# Circle AREA proportional to the figure: diameter (mm) = k * sqrt(n).
PLACE_SIZE = 'max(1.5, 0.55 * sqrt(coalesce("fatalities_max", 0)))'
PLACE_MIN_SIZE = 'max(1.5, 0.55 * sqrt(coalesce("fatalities_min", 0)))'
REPORT_SIZE_MM = 2.5
# Arrow body width (mm) proportional to sqrt(people); NULL -> thinnest.
FLOW_WIDTH = 'max(0.8, 0.04 * sqrt(coalesce("people", 0)))'

# A two-vertex origin->destination line becomes a circular arc through both
# ends and a point pushed sideways from the middle by 18 % of the length, so
# the ArrowLine (curved mode: an arc through the first, middle and last
# vertex) and the curved label follow the same arc. Lines that already have
# more vertices are used as they are.
FLOW_CURVE = (
    "if(num_points($geometry) > 2, $geometry,\n"
    " with_variable('a', start_point($geometry),\n"
    " with_variable('b', end_point($geometry),\n"
    " with_variable('m', make_point(\n"
    "   (x(@a) + x(@b)) / 2 + 0.18 * (y(@b) - y(@a)),\n"
    "   (y(@a) + y(@b)) / 2 - 0.18 * (x(@b) - x(@a))),\n"
    "  geom_from_wkt('CIRCULARSTRING(' || x(@a) || ' ' || y(@a) || ', '\n"
    "   || x(@m) || ' ' || y(@m) || ', ' || x(@b) || ' ' || y(@b) || ')')))))"
)

PLACES_FIELDS = (
    "place_id:string name:string gazetteer_name:string country:string "
    "admin1:string precision:integer approximate:integer method:string "
    "score:double fatalities_min:long fatalities_max:long display:string "
    "sources:string report_count:integer first_date:date last_date:date "
    "civilians_min:long civilians_max:long security_forces_min:long "
    "security_forces_max:long pro_assad_fighters_min:long "
    "pro_assad_fighters_max:long unknown_min:long unknown_max:long "
    "category:string label:string event_count:integer event_types:string"
)
REPORTS_FIELDS = (
    "report_id:string event_date:date event_date_end:date location:string "
    "admin1:string country:string geo_precision:integer scope:string "
    "category:string fatalities:long qualifier:string event_type:string "
    "sub_event_type:string actor1:string actor2:string source:string "
    "reported_by:string notes:string summary:string evidence:string "
    "event_kind:string state:string place_id:string "
    "place_name:string geocode_method:string geocode_score:double "
    "latitude:double longitude:double"
)
FLOWS_FIELDS = (
    "flow_id:string date:date origin:string destination:string people:long "
    "qualifier:string display:string source:string reported_by:string "
    "notes:string evidence:string label:string origin_precision:integer "
    "destination_precision:integer"
)


def memory_layer(geometry, name, fields):
    uri = geometry + "?crs=EPSG:4326&" + "&".join(
        "field=" + field for field in fields.split())
    layer = QgsVectorLayer(uri, name, "memory")
    if not layer.isValid():
        raise RuntimeError("could not create memory layer " + name)
    return layer


def rgba(hex_colour, alpha):
    colour = QColor(hex_colour)
    colour.setAlpha(alpha)
    return colour


def expr(text):
    return QgsProperty.fromExpression(text)


def circle(size_mm, fill, stroke, stroke_width_mm):
    layer = QgsSimpleMarkerSymbolLayer(
        QgsSimpleMarkerSymbolLayerBase.Circle, size_mm)
    layer.setSizeUnit(QgsUnitTypes.RenderMillimeters)
    layer.setColor(fill)
    layer.setStrokeColor(stroke)
    layer.setStrokeWidth(stroke_width_mm)
    layer.setStrokeWidthUnit(QgsUnitTypes.RenderMillimeters)
    return layer


def approximate_aware(layer, is_approximate):
    """Hollow with a dashed outline in the category colour when the place
    is approximate; otherwise the category fill with a thin white outline.
    @symbol_color follows the category colour, also after a user edits it."""
    layer.setDataDefinedProperty(QgsSymbolLayer.PropertyFillColor, expr(
        f"if({is_approximate}, set_color_part(@symbol_color, 'alpha', 0), @symbol_color)"))
    layer.setDataDefinedProperty(QgsSymbolLayer.PropertyStrokeColor, expr(
        f"if({is_approximate}, set_color_part(@symbol_color, 'alpha', 255), '255,255,255,255')"))
    layer.setDataDefinedProperty(QgsSymbolLayer.PropertyStrokeStyle, expr(
        f"if({is_approximate}, 'dash', 'solid')"))
    layer.setDataDefinedProperty(QgsSymbolLayer.PropertyStrokeWidth, expr(
        f"if({is_approximate}, 0.5, {layer.strokeWidth()})"))


def place_symbol(hex_colour):
    is_approximate = '"approximate" = 1'
    outer = circle(4.0, rgba(hex_colour, FILL_ALPHA), QColor("white"), 0.3)
    outer.setDataDefinedProperty(QgsSymbolLayer.PropertySize, expr(PLACE_SIZE))
    approximate_aware(outer, is_approximate)
    # Inner ring at the lowest reported figure, drawn only for a range.
    inner = circle(2.0, QColor(0, 0, 0, 0), QColor("white"), 0.25)
    inner.setDataDefinedProperty(QgsSymbolLayer.PropertySize, expr(PLACE_MIN_SIZE))
    inner.setDataDefinedProperty(QgsSymbolLayer.PropertyLayerEnabled, expr(
        'coalesce("fatalities_min", 0) < coalesce("fatalities_max", 0)'))
    inner.setDataDefinedProperty(QgsSymbolLayer.PropertyStrokeColor, expr(
        f"if({is_approximate}, set_color_part(@symbol_color, 'alpha', 255), '255,255,255,255')"))
    inner.setDataDefinedProperty(QgsSymbolLayer.PropertyStrokeStyle, expr(
        f"if({is_approximate}, 'dash', 'solid')"))
    symbol = QgsMarkerSymbol()
    symbol.changeSymbolLayer(0, outer)
    symbol.appendSymbolLayer(inner)
    return symbol


def report_symbol(hex_colour):
    marker = circle(REPORT_SIZE_MM, rgba(hex_colour, FILL_ALPHA), QColor("white"), 0.2)
    approximate_aware(marker, "\"state\" = 'approximate'")
    symbol = QgsMarkerSymbol()
    symbol.changeSymbolLayer(0, marker)
    return symbol


def event_symbol(shape, angle, size_mm=EVENT_SIZE_MM, hollow=False):
    marker = QgsSimpleMarkerSymbolLayer(shape, size_mm)
    marker.setSizeUnit(QgsUnitTypes.RenderMillimeters)
    marker.setAngle(angle)
    marker.setColor(QColor("white") if hollow else QColor(EVENT_INK))
    marker.setStrokeColor(QColor(EVENT_INK) if hollow else QColor("white"))
    marker.setStrokeWidth(0.35 if hollow else 0.25)
    marker.setStrokeWidthUnit(QgsUnitTypes.RenderMillimeters)
    symbol = QgsMarkerSymbol()
    symbol.changeSymbolLayer(0, marker)
    return symbol


def event_categories():
    return [QgsRendererCategory(key, event_symbol(shape, angle), label)
            for key, label, shape, angle in EVENT_KINDS]


def categorized(symbol_for, attribute, order_field, values, extra=()):
    categories = [QgsRendererCategory(value, symbol_for(colour), label)
                  for value, label, colour in CATEGORIES if value in values]
    categories.extend(extra)
    renderer = QgsCategorizedSymbolRenderer(attribute, categories)
    # Larger circles first, so small ones stay visible on top.
    renderer.setOrderBy(QgsFeatureRequest.OrderBy([
        QgsFeatureRequest.OrderByClause(f'"{order_field}"', False, False)]))
    renderer.setOrderByEnabled(True)
    return renderer


def text_format(colour, size_pt, italic=False):
    fmt = QgsTextFormat()
    font = QFont(FONT_FAMILY)
    font.setItalic(italic)
    fmt.setFont(font)
    fmt.setNamedStyle("Italic" if italic else "Regular")
    fmt.setSize(size_pt)
    fmt.setSizeUnit(QgsUnitTypes.RenderPoints)
    fmt.setColor(QColor(colour))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(1.0)
    buffer.setSizeUnit(QgsUnitTypes.RenderMillimeters)
    buffer.setColor(QColor("white"))
    buffer.setOpacity(0.9)
    buffer.setJoinStyle(Qt.RoundJoin)
    fmt.setBuffer(buffer)
    return fmt


def places_labeling():
    settings = QgsPalLayerSettings()
    settings.fieldName = "label"
    settings.isExpression = False
    settings.placement = QgsPalLayerSettings.OrderedPositionsAroundPoint
    settings.offsetType = QgsPalLayerSettings.FromSymbolBounds
    settings.dist = 0.8
    settings.distUnits = QgsUnitTypes.RenderMillimeters
    settings.setFormat(text_format(TEXT_COLOUR, 8.5))
    # Bigger tolls win label collisions.
    props = settings.dataDefinedProperties()
    props.setProperty(QgsPalLayerSettings.Priority, expr(
        'min(10, 3 + round(2 * log10(coalesce("fatalities_max", 0) + 1)))'))
    settings.setDataDefinedProperties(props)
    return QgsVectorLayerSimpleLabeling(settings)


def flows_labeling():
    settings = QgsPalLayerSettings()
    settings.fieldName = "label"
    settings.isExpression = False
    settings.placement = QgsPalLayerSettings.Curved
    settings.lineSettings().setPlacementFlags(QgsLabeling.LinePlacementFlags(
        QgsLabeling.AboveLine | QgsLabeling.MapOrientation))
    settings.distUnits = QgsUnitTypes.RenderMillimeters
    settings.lineSettings().setOverrunDistance(3.0)
    settings.lineSettings().setOverrunDistanceUnit(QgsUnitTypes.RenderMillimeters)
    # Clear of the arrow body, whose width follows "people".
    props = settings.dataDefinedProperties()
    props.setProperty(QgsPalLayerSettings.LabelDistance, expr(f"1.5 + 0.5 * {FLOW_WIDTH}"))
    settings.setDataDefinedProperties(props)
    settings.geometryGeneratorEnabled = True
    settings.geometryGeneratorType = QgsWkbTypes.LineGeometry
    settings.geometryGenerator = FLOW_CURVE
    settings.setFormat(text_format(FLOW_COLOUR, 8.0, italic=True))
    return QgsVectorLayerSimpleLabeling(settings)


def flow_symbol():
    counted = '"people" IS NOT NULL'
    fill = QgsSimpleFillSymbolLayer(rgba(FLOW_COLOUR, 230), Qt.SolidPattern,
                                    QColor("white"), Qt.SolidLine, 0.2)
    fill.setStrokeWidthUnit(QgsUnitTypes.RenderMillimeters)
    # No figure: a pale arrow with a dashed dark outline ("uncounted").
    fill.setDataDefinedProperty(QgsSymbolLayer.PropertyFillColor, expr(
        f"if({counted}, '31,58,95,230', '31,58,95,60')"))
    fill.setDataDefinedProperty(QgsSymbolLayer.PropertyStrokeColor, expr(
        f"if({counted}, '255,255,255,255', '31,58,95,255')"))
    fill.setDataDefinedProperty(QgsSymbolLayer.PropertyStrokeStyle, expr(
        f"if({counted}, 'solid', 'dash')"))
    fill.setDataDefinedProperty(QgsSymbolLayer.PropertyStrokeWidth, expr(
        f"if({counted}, 0.2, 0.35)"))
    fill_symbol = QgsFillSymbol()
    fill_symbol.changeSymbolLayer(0, fill)

    arrow = QgsArrowSymbolLayer()
    arrow.setIsCurved(True)
    arrow.setIsRepeated(False)
    arrow.setArrowType(QgsArrowSymbolLayer.ArrowPlain)
    arrow.setHeadType(QgsArrowSymbolLayer.HeadSingle)
    for setter in (arrow.setArrowWidthUnit, arrow.setArrowStartWidthUnit,
                   arrow.setHeadLengthUnit, arrow.setHeadThicknessUnit):
        setter(QgsUnitTypes.RenderMillimeters)
    arrow.setArrowWidth(0.8)
    arrow.setArrowStartWidth(0.8)
    arrow.setHeadLength(2.5)
    arrow.setHeadThickness(1.5)
    # Arrowheads sized to the body width.
    arrow.setDataDefinedProperty(QgsSymbolLayer.PropertyArrowWidth, expr(FLOW_WIDTH))
    arrow.setDataDefinedProperty(QgsSymbolLayer.PropertyArrowStartWidth, expr(FLOW_WIDTH))
    arrow.setDataDefinedProperty(QgsSymbolLayer.PropertyArrowHeadLength,
                                 expr(f"1.5 + 1.6 * {FLOW_WIDTH}"))
    arrow.setDataDefinedProperty(QgsSymbolLayer.PropertyArrowHeadThickness,
                                 expr(f"0.8 + 0.6 * {FLOW_WIDTH}"))
    arrow.setSubSymbol(fill_symbol)
    arrow_symbol = QgsLineSymbol()
    arrow_symbol.changeSymbolLayer(0, arrow)

    generator = QgsGeometryGeneratorSymbolLayer.create({
        "geometryModifier": FLOW_CURVE, "SymbolType": "Line"})
    generator.setSubSymbol(arrow_symbol)
    symbol = QgsLineSymbol()
    symbol.changeSymbolLayer(0, generator)
    return symbol


def save(layer, path):
    message, ok = layer.saveNamedStyle(path, QgsMapLayer.AllStyleCategories)
    if not ok:
        raise RuntimeError(f"{path}: {message}")
    print("wrote", path)


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    app = QgsApplication([], False)
    app.setPrefixPath("/usr", True)
    app.initQgis()

    places = memory_layer("Point", "places", PLACES_FIELDS)
    # A place with events but no deaths: a small hollow mark, no circle.
    places.setRenderer(categorized(
        place_symbol, "category", "fatalities_max", PLACE_CATEGORIES,
        [QgsRendererCategory("none", event_symbol(
            QgsSimpleMarkerSymbolLayerBase.Square, 0, 1.8, hollow=True),
            "No deaths reported (events only)")]))
    places.setLabeling(places_labeling())
    places.setLabelsEnabled(True)
    places.setDisplayExpression('"label"')
    save(places, os.path.join(out_dir, "places.qml"))

    reports = memory_layer("Point", "reports", REPORTS_FIELDS)
    reports.setRenderer(categorized(
        report_symbol, REPORT_CLASS, "fatalities", REPORT_CATEGORIES, event_categories()))
    reports.setLabelsEnabled(False)
    reports.setDisplayExpression(
        "concat(\"location\", ' · ', if(coalesce(\"fatalities\", 0) > 0, "
        "concat(\"fatalities\", ' ', \"category\"), "
        "coalesce(\"summary\", \"sub_event_type\", \"event_type\")), ' (', \"source\", ')')")
    save(reports, os.path.join(out_dir, "reports.qml"))

    flows = memory_layer("LineString", "flows", FLOWS_FIELDS)
    renderer = flows.renderer().clone()
    renderer.setSymbol(flow_symbol())
    renderer.setOrderBy(QgsFeatureRequest.OrderBy([
        QgsFeatureRequest.OrderByClause('"people"', False, False)]))
    renderer.setOrderByEnabled(True)
    flows.setRenderer(renderer)
    flows.setLabeling(flows_labeling())
    flows.setLabelsEnabled(True)
    flows.setDisplayExpression('"label"')
    save(flows, os.path.join(out_dir, "flows.qml"))

    del places, reports, flows
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
