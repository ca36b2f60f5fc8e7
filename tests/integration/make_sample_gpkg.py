#!/usr/bin/python3
"""Write a small eventmap-shaped GeoPackage (places, reports, flows) with the
QGIS default styles from styles/qgis/ stored in `layer_styles`, the way the C
`layers` module will, so qgis_check.py and qgis_render.py can be exercised
without the C code.

Usage: make_sample_gpkg.py OUT.gpkg [--styles DIR] [--no-styles]

The layer_styles table is created through OGR with the same field
definitions QGIS 3.22's OGR provider uses (QgsOgrProviderMetadata::saveStyle),
so the GPKG driver writes the same table, registers it in gpkg_contents as
data_type 'attributes' and adds it to gpkg_ogr_contents.

The figures are a synthetic test fixture loosely shaped on the default
dataset; they are not a statement about what happened at these places.
"""
import argparse
import os
import sys

try:
    from osgeo import ogr, osr
except ImportError:
    # A pyenv/venv python3 earlier on PATH does not see Debian's python3-gdal.
    if os.path.exists("/usr/bin/python3") and \
            os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

ogr.UseExceptions()
osr.UseExceptions()

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_STYLES = os.path.normpath(os.path.join(HERE, "..", "..", "styles", "qgis"))
LAYER_NAMES = ("places", "reports", "flows")

S, I, I64, R, D = ogr.OFTString, ogr.OFTInteger, ogr.OFTInteger64, ogr.OFTReal, ogr.OFTDate

PLACES_FIELDS = [
    ("place_id", S), ("name", S), ("gazetteer_name", S), ("country", S),
    ("admin1", S), ("precision", I), ("approximate", I), ("method", S),
    ("score", R), ("fatalities_min", I64), ("fatalities_max", I64),
    ("display", S), ("sources", S), ("report_count", I), ("first_date", D),
    ("last_date", D),
    ("civilians_min", I64), ("civilians_max", I64),
    ("security_forces_min", I64), ("security_forces_max", I64),
    ("pro_assad_fighters_min", I64), ("pro_assad_fighters_max", I64),
    ("unknown_min", I64), ("unknown_max", I64),
    ("category", S), ("label", S),
]

REPORTS_FIELDS = [
    ("report_id", S), ("event_date", D), ("event_date_end", D), ("location", S),
    ("admin1", S), ("country", S), ("geo_precision", I), ("scope", S),
    ("category", S), ("fatalities", I64), ("qualifier", S), ("event_type", S),
    ("sub_event_type", S), ("actor1", S), ("actor2", S), ("source", S),
    ("reported_by", S), ("notes", S), ("state", S), ("place_id", S),
    ("place_name", S), ("geocode_method", S), ("geocode_score", R),
    ("latitude", R), ("longitude", R),
]

FLOWS_FIELDS = [
    ("flow_id", S), ("date", D), ("origin", S), ("destination", S),
    ("people", I64), ("qualifier", S), ("display", S), ("source", S),
    ("reported_by", S), ("notes", S), ("label", S), ("origin_precision", I),
    ("destination_precision", I),
]

# (lon, lat) for the sample places.
BANIYAS = (35.94871, 35.18188)
JANOUDIYA = (36.29108, 35.88469)
HMEIMIM = (35.944, 35.407)
AKKAR = (36.07972, 34.54278)
TARTUS = (35.8866, 34.8890)  # stands in for the region "Syrian coast"

PLACES = [
    dict(geom=BANIYAS, place_id="p001", name="Baniyas", gazetteer_name="Baniyas",
         country="SY", admin1="Tartus", precision=1, approximate=0, method="exact",
         score=1.0, fatalities_min=20, fatalities_max=20, display="20",
         sources="resident", report_count=1, first_date="2025-03-06",
         last_date="2025-03-08", civilians_min=20, civilians_max=20,
         category="civilians", label="Baniyas · 20"),
    dict(geom=JANOUDIYA, place_id="p002", name="Al-Janoudiya",
         gazetteer_name="Al Janudiyah", country="SY", admin1="Idlib", precision=1,
         approximate=0, method="normalised", score=0.93, fatalities_min=4,
         fatalities_max=4, display="4", sources="unattributed", report_count=1,
         first_date="2025-03-06", last_date="2025-03-08",
         security_forces_min=4, security_forces_max=4,
         category="security_forces", label="Al-Janoudiya · 4"),
    dict(geom=HMEIMIM, place_id="p003", name="Khmeimim", gazetteer_name="Hmeimim",
         country="SY", admin1="Latakia", precision=1, approximate=0,
         method="alternate", score=0.97, fatalities_min=150, fatalities_max=400,
         display="150–400+", sources="TEST-A; TEST-B", report_count=3,
         first_date="2025-03-07", last_date="2025-03-09",
         civilians_min=150, civilians_max=250,
         pro_assad_fighters_min=150, pro_assad_fighters_max=150,
         category="mixed", label="Khmeimim · 150–400+"),
    dict(geom=AKKAR, place_id="p004", name="Akkar", gazetteer_name="Akkar",
         country="LB", admin1="Akkar", precision=3, approximate=1, method="exact",
         score=1.0, fatalities_min=30, fatalities_max=60, display="30–60",
         sources="TEST-C", report_count=1, first_date="2025-03-08",
         last_date="2025-03-08", unknown_min=30, unknown_max=60,
         category="unknown", label="Akkar · 30–60"),
]

REPORTS = [
    dict(geom=BANIYAS, report_id="r007", event_date="2025-03-06",
         event_date_end="2025-03-08", location="Baniyas", country="SY",
         geo_precision=1, scope="place", category="civilians", fatalities=20,
         qualifier="exact", source="resident", reported_by="sample",
         state="mapped", place_id="p001", place_name="Baniyas",
         geocode_method="exact", geocode_score=1.0),
    dict(geom=JANOUDIYA, report_id="r008", event_date="2025-03-06",
         event_date_end="2025-03-08", location="Al-Janoudiya", country="SY",
         geo_precision=1, scope="place", category="security_forces", fatalities=4,
         qualifier="exact", source="unattributed", reported_by="sample",
         state="mapped", place_id="p002", place_name="Al Janudiyah",
         geocode_method="normalised", geocode_score=0.93),
    dict(geom=HMEIMIM, report_id="t001", event_date="2025-03-07",
         location="Khmeimim", country="SY", geo_precision=1, scope="place",
         category="civilians", fatalities=150, qualifier="at_least",
         source="TEST-A", reported_by="sample", notes="synthetic test row",
         state="mapped", place_id="p003", place_name="Hmeimim",
         geocode_method="alternate", geocode_score=0.97),
    dict(geom=HMEIMIM, report_id="t002", event_date="2025-03-08",
         location="Hmeimim", country="SY", geo_precision=1, scope="place",
         category="civilians", fatalities=250, qualifier="exact",
         source="TEST-B", reported_by="sample", notes="synthetic test row",
         state="mapped", place_id="p003", place_name="Hmeimim",
         geocode_method="exact", geocode_score=1.0),
    dict(geom=HMEIMIM, report_id="t003", event_date="2025-03-09",
         location="Hmeimim", country="SY", geo_precision=1, scope="place",
         category="pro_assad_fighters", fatalities=150, qualifier="more_than",
         source="TEST-A", reported_by="sample", notes="synthetic test row",
         state="mapped", place_id="p003", place_name="Hmeimim",
         geocode_method="exact", geocode_score=1.0),
    dict(geom=AKKAR, report_id="t004", event_date="2025-03-08",
         location="Akkar", country="LB", geo_precision=3, scope="place",
         category="unknown", fatalities=60, qualifier="up_to",
         source="TEST-C", reported_by="sample", notes="synthetic test row",
         state="approximate", place_id="p004", place_name="Akkar",
         geocode_method="exact", geocode_score=1.0),
]

FLOWS = [
    dict(geom=(TARTUS, AKKAR), flow_id="f004", origin="Syrian coast",
         destination="Akkar", people=6000, qualifier="more_than",
         display="6,000+", source="UNHCR",
         reported_by="CBC News (seeds/004_44fa8677e819277c.txt)",
         label="6,000+ to Akkar · UNHCR", origin_precision=3,
         destination_precision=3),
    dict(geom=(BANIYAS, HMEIMIM), flow_id="f001", date="2025-03-08",
         origin="Syrian coast", destination="Hmeimim", people=None,
         display="", source="residents", reported_by="sample",
         notes="no number given", label="uncounted to Hmeimim · residents",
         origin_precision=3, destination_precision=1),
]


def create_layer(ds, name, geom_type, fields):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    layer = ds.CreateLayer(name, srs, geom_type, ["GEOMETRY_NAME=geom", "FID=fid"])
    for field_name, field_type in fields:
        layer.CreateField(ogr.FieldDefn(field_name, field_type))
    return layer


def set_fields(feature, row):
    for key, value in row.items():
        if key == "geom" or value is None:
            continue
        if isinstance(value, str) and feature.GetFieldType(key) == ogr.OFTDate:
            year, month, day = (int(part) for part in value.split("-"))
            feature.SetField(key, year, month, day, 0, 0, 0, 0)
        else:
            feature[key] = value


def write_points(layer, rows, with_lon_lat=False):
    for row in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        set_fields(feature, row)
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(*row["geom"])
        feature.SetGeometry(point)
        if with_lon_lat:
            feature["longitude"], feature["latitude"] = row["geom"]
        layer.CreateFeature(feature)


def write_lines(layer, rows):
    for row in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        set_fields(feature, row)
        line = ogr.Geometry(ogr.wkbLineString)
        for lon, lat in row["geom"]:
            line.AddPoint_2D(lon, lat)
        feature.SetGeometry(line)
        layer.CreateFeature(feature)


def create_layer_styles(ds):
    """Same field definitions, widths and options as QGIS 3.22's OGR
    provider uses when it first saves a style into a GeoPackage."""
    layer = ds.CreateLayer("layer_styles", None, ogr.wkbNone, ["FID=id"])
    fields = [
        ("f_table_catalog", S, 256), ("f_table_schema", S, 256),
        ("f_table_name", S, 256), ("f_geometry_column", S, 256),
        ("styleName", S, 30), ("styleQML", S, 0), ("styleSLD", S, 0),
        ("useAsDefault", I, 0), ("description", S, 0), ("owner", S, 30),
        ("ui", S, 30), ("update_time", ogr.OFTDateTime, 0),
    ]
    for field_name, field_type, width in fields:
        definition = ogr.FieldDefn(field_name, field_type)
        if width:
            definition.SetWidth(width)
        if field_name == "useAsDefault":
            definition.SetSubType(ogr.OFSTBoolean)
        if field_name == "update_time":
            definition.SetDefault("CURRENT_TIMESTAMP")
        layer.CreateField(definition)
    return layer


def store_style(styles_layer, layer_name, qml):
    feature = ogr.Feature(styles_layer.GetLayerDefn())
    # QGIS selects the default style with f_table_schema='' (empty string,
    # not NULL) AND f_table_name=<layer> AND f_geometry_column=<geom column>.
    feature["f_table_catalog"] = ""
    feature["f_table_schema"] = ""
    feature["f_table_name"] = layer_name
    feature["f_geometry_column"] = "geom"
    feature["styleName"] = layer_name
    feature["styleQML"] = qml
    feature["styleSLD"] = ""
    feature["useAsDefault"] = 1
    feature["description"] = "eventmap default style for " + layer_name
    feature["owner"] = ""
    styles_layer.CreateFeature(feature)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="GeoPackage to write (replaced if it exists)")
    parser.add_argument("--styles", default=DEFAULT_STYLES,
                        help="directory with places.qml, reports.qml, flows.qml")
    parser.add_argument("--no-styles", action="store_true",
                        help="omit layer_styles (for checking that qgis_check.py fails)")
    args = parser.parse_args()

    qml = {}
    if not args.no_styles:
        for name in LAYER_NAMES:
            path = os.path.join(args.styles, name + ".qml")
            with open(path, encoding="utf-8") as handle:
                qml[name] = handle.read()

    if os.path.exists(args.out):
        os.remove(args.out)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(args.out)
    ds.StartTransaction()
    write_points(create_layer(ds, "places", ogr.wkbPoint, PLACES_FIELDS), PLACES)
    write_points(create_layer(ds, "reports", ogr.wkbPoint, REPORTS_FIELDS), REPORTS,
                 with_lon_lat=True)
    write_lines(create_layer(ds, "flows", ogr.wkbLineString, FLOWS_FIELDS), FLOWS)
    if qml:
        styles_layer = create_layer_styles(ds)
        for name in LAYER_NAMES:
            store_style(styles_layer, name, qml[name])
    ds.CommitTransaction()
    ds = None
    print(f"wrote {args.out}: places={len(PLACES)} reports={len(REPORTS)} "
          f"flows={len(FLOWS)} styles={len(qml)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
