#!/usr/bin/python3
"""Open an eventmap GeoPackage in headless QGIS and check that each layer
loads with the default style stored in its layer_styles table.

Usage: QT_QPA_PLATFORM=offscreen qgis_check.py GPKG [--expect places=4,reports=6,flows=2]

Exit 0 when every check passes, 1 with a message naming the layer and the
failed check otherwise, 2 on bad usage.
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

from qgis.core import QgsPalLayerSettings, QgsVectorLayer

# What eventmap's styles/qgis/*.qml set: the C tests assert the same.
EXPECTED = {
    "places": dict(geometry="Point", renderer="categorizedSymbol",
                   attribute="category", labels=True,
                   categories={"civilians", "security_forces", "pro_assad_fighters",
                               "unknown", "mixed", "none"},
                   order_by='"fatalities_max"'),
    # Deaths by category, events (no figure, or 0) by ACLED event type.
    "reports": dict(geometry="Point", renderer="categorizedSymbol",
                    attribute='if(coalesce("fatalities", 0) > 0, "category", "event_kind")',
                    fields={"category", "event_kind", "fatalities"}, labels=False,
                    categories={"civilians", "security_forces", "pro_assad_fighters",
                                "unknown", "battles", "violence_against_civilians",
                                "explosions", "protests", "riots",
                                "strategic_developments", "other"},
                    order_by='"fatalities"'),
    "flows": dict(geometry="Line", renderer="singleSymbol", labels=True,
                  symbol_layers=("GeometryGenerator", "ArrowLine")),
}


class CheckFailed(Exception):
    pass


def require(condition, layer_name, what):
    if not condition:
        raise CheckFailed(f"{layer_name}: {what}")


def parse_expect(text):
    counts = {}
    if not text:
        return counts
    for item in text.split(","):
        name, _, number = item.partition("=")
        if name not in EXPECTED or not number.isdigit():
            raise argparse.ArgumentTypeError(
                f"--expect wants name=count for {', '.join(EXPECTED)}, got {item!r}")
        counts[name] = int(number)
    return counts


def symbol_layer_types(symbol):
    """Layer types of a symbol, descending into sub-symbols."""
    types = []
    for layer in symbol.symbolLayers():
        types.append(layer.layerType())
        sub = layer.subSymbol()
        if sub is not None:
            types.extend(symbol_layer_types(sub))
    return types


def check_layer(gpkg, name, expected_count):
    want = EXPECTED[name]
    uri = f"{gpkg}|layername={name}"

    # Open without the automatic default style, ask the provider which
    # styles it stores for the layer and load the default one explicitly to
    # see where it came from; then open the layer as a user would.
    options = QgsVectorLayer.LayerOptions()
    options.loadDefaultStyle = False
    probe = QgsVectorLayer(uri, name, "ogr", options)
    require(probe.isValid(), name, f"layer is not valid ({uri})")
    count, _ids, names, _descriptions, error = probe.listStylesInDatabase()
    names = list(names)[:max(count, 0)]
    require(count >= 1 and name in names, name,
            f"no style for this layer in layer_styles "
            f"(listStylesInDatabase: count={count}, names={names}, error={error!r})")
    message, loaded = probe.loadDefaultStyle()
    require(loaded, name, f"loadDefaultStyle() failed: {message}")
    require(message == "Loaded from Provider", name,
            f"default style did not come from the database but from: {message!r}")

    layer = QgsVectorLayer(uri, name, "ogr")
    require(layer.isValid(), name, f"layer is not valid ({uri})")
    geometry = {0: "Point", 1: "Line", 2: "Polygon"}.get(int(layer.geometryType()), "?")
    require(geometry == want["geometry"], name,
            f"geometry type is {geometry}, expected {want['geometry']}")

    features = layer.featureCount()
    if expected_count is None:
        require(features > 0, name, "layer has no features")
    else:
        require(features == expected_count, name,
                f"{features} features, expected {expected_count}")

    renderer = layer.renderer()
    require(renderer is not None, name, "no renderer")
    require(renderer.type() == want["renderer"], name,
            f"renderer is {renderer.type()!r}, expected {want['renderer']!r} "
            f"(the stored style was not applied)")
    checked = [f"valid {geometry}", f"{features} features",
               f"style from layer_styles ({', '.join(names)})",
               f"renderer {renderer.type()}"]

    if "attribute" in want:
        require(renderer.classAttribute() == want["attribute"], name,
                f"classified on {renderer.classAttribute()!r}, expected {want['attribute']!r}")
        values = {str(category.value()) for category in renderer.categories()}
        require(want["categories"] <= values, name,
                f"categories {sorted(values)} lack {sorted(want['categories'] - values)}")
        checked.append(f"on {renderer.classAttribute()}: {', '.join(sorted(values))}")
        field_names = layer.fields().names()
        for field in want.get("fields", {want["attribute"]}):
            require(field in field_names, name, f"field {field!r} missing from the layer")

    if "order_by" in want:
        clauses = renderer.orderBy().list()
        require(renderer.orderByEnabled() and clauses
                and clauses[0].expression().expression() == want["order_by"]
                and not clauses[0].ascending(), name,
                f"renderer is not ordered by {want['order_by']} descending")
        checked.append(f"ordered by {want['order_by']} DESC")

    if "symbol_layers" in want:
        types = symbol_layer_types(renderer.symbol())
        for layer_type in want["symbol_layers"]:
            require(layer_type in types, name,
                    f"symbol has no {layer_type} layer (has {types})")
        checked.append("symbol " + " > ".join(types))

    require(layer.labelsEnabled() == want["labels"], name,
            f"labels {'off' if want['labels'] else 'on'}, expected "
            f"{'on' if want['labels'] else 'off'}")
    if want["labels"]:
        # Keep each returned object in a name: chained calls on temporaries
        # (format().buffer()) leave SIP holding freed memory and segfault.
        labeling = layer.labeling()
        settings = QgsPalLayerSettings(labeling.settings())
        require(settings.fieldName == "label", name,
                f"labels use {settings.fieldName!r}, expected 'label'")
        text_format = settings.format()
        buffer = text_format.buffer()
        require(buffer.enabled(), name, "label halo (buffer) is off")
        checked.append("labels on 'label' with halo")
    else:
        checked.append("labels off")

    print(f"ok {name}: " + "; ".join(checked))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gpkg")
    parser.add_argument("--expect", type=parse_expect, default={},
                        help="exact feature counts, e.g. places=4,reports=6,flows=2")
    args = parser.parse_args()
    if not os.path.isfile(args.gpkg):
        print(f"qgis_check: {args.gpkg}: no such file", file=sys.stderr)
        return 1

    app = QgsApplication([], False)
    app.setPrefixPath("/usr", True)
    app.initQgis()
    status = 0
    try:
        for name in EXPECTED:
            check_layer(args.gpkg, name, args.expect.get(name))
    except CheckFailed as failure:
        print(f"FAIL {failure}", file=sys.stderr)
        status = 1
    app.exitQgis()
    return status


if __name__ == "__main__":
    sys.exit(main())
