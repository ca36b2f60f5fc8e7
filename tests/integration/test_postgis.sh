#!/bin/sh
# Starts a private PostgreSQL 15 + PostGIS 3 on loopback, exports the
# default dataset into it with --format PostgreSQL, reads the tables back
# and compares them with the GeoPackage export; then exports again to check
# that tables are replaced, not appended to.  Needs root (runs the server
# as the postgres user).
# usage: test_postgis.sh EVENTMAP_BINARY
set -eu
bin=$1
pgbin=/usr/lib/postgresql/15/bin
tmp=$(mktemp -d)
port=$((20000 + $$ % 20000))
chown postgres "$tmp"
as_postgres() { runuser -u postgres -- "$@"; }
cleanup() {
	as_postgres "$pgbin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT

as_postgres "$pgbin/initdb" -D "$tmp/data" -A trust -U postgres >/dev/null
as_postgres "$pgbin/pg_ctl" -D "$tmp/data" -w -l "$tmp/server.log" \
	-o "-c listen_addresses=127.0.0.1 -p $port -k $tmp" start >/dev/null
psql() { command psql -X -q -h 127.0.0.1 -p "$port" -U postgres "$@"; }
psql -d postgres -c "CREATE DATABASE eventmap"
psql -d eventmap -c "CREATE EXTENSION postgis"
conn="PG:host=127.0.0.1 port=$port dbname=eventmap user=postgres"

"$bin" export -q --format PostgreSQL --connection "$conn" -o "$tmp/unused"
"$bin" export -q --format GPKG -o "$tmp/gpkg"
"$bin" export -q --format PostgreSQL --connection "$conn" -o "$tmp/unused"

/usr/bin/python3 - "$conn" "$tmp/gpkg/eventmap.gpkg" <<'PY'
import sys
from osgeo import ogr
pg, gpkg = ogr.Open(sys.argv[1]), ogr.Open(sys.argv[2])
assert pg is not None, "cannot open the database"
for name in ("reports", "places", "flows", "not_mapped"):
    a, b = pg.GetLayerByName(name), gpkg.GetLayerByName(name)
    assert a is not None, f"table {name} missing"
    rows_pg = sorted(tuple(f.items().items()) for f in a)
    rows_gpkg = sorted(tuple(f.items().items()) for f in b)
    assert len(rows_pg) == len(rows_gpkg) > 0, f"{name}: {len(rows_pg)} rows, GeoPackage {len(rows_gpkg)}"
    assert rows_pg == rows_gpkg, f"{name}: attributes differ from the GeoPackage"
    print(f"ok {name}: {len(rows_pg)} rows, attributes equal to the GeoPackage's")
styles = pg.ExecuteSQL("SELECT f_table_name FROM layer_styles WHERE useasdefault")
names = sorted(f.GetField(0) for f in styles)
pg.ReleaseResultSet(styles)
assert names == ["flows", "places", "reports"], names
print("ok layer_styles: default styles for", ", ".join(names))
PY
