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

# ---- reports read from the database (-r PG:...) ------------------------------
# The default dataset loaded into typed tables (dates as date, figures as
# integer), as editors sharing one dataset would keep it.  Read from the
# table and from a query, it must give the layers the CSV gives; a bad row
# and a duplicate id are named by their key, and nothing is written.
src=$(cd "$(dirname "$0")/../.." && pwd)
data="$src/geodata/syria-coast-2025-03"
psql -d postgres -c "CREATE DATABASE news"
news="PG:host=127.0.0.1 port=$port dbname=news user=postgres"
ogr2ogr -f PostgreSQL "$news" "$data/reports.csv" -nln reports -oo AUTODETECT_TYPE=YES
ogr2ogr -f PostgreSQL "$news" "$data/flows.csv" -nln flows -oo AUTODETECT_TYPE=YES
type=$(psql -d news -At -c "SELECT data_type FROM information_schema.columns WHERE table_name = 'reports' AND column_name = 'event_date'")
[ "$type" = date ] || { echo "FAILED: event_date is $type in the table, not date" >&2; exit 1; }
"$bin" export -q -f GeoJSON -o "$tmp/from-csv"
"$bin" export -q -f GeoJSON -r "$news tables=reports" --flows "$news tables=flows" -o "$tmp/from-pg"
"$bin" export -q -f GeoJSON -r "$news sql=SELECT * FROM reports ORDER BY ogc_fid" \
	--flows "$data/flows.csv" -o "$tmp/from-sql"
for layer in reports places flows not_mapped; do
	for got in from-pg from-sql; do
		cmp -s "$tmp/from-csv/geojson/$layer.geojson" "$tmp/$got/geojson/$layer.geojson" ||
			{ diff "$tmp/from-csv/geojson/$layer.geojson" "$tmp/$got/geojson/$layer.geojson" | head -c 600 >&2; echo "FAILED: $got/$layer.geojson differs from the CSV's" >&2; exit 1; }
	done
done
echo "ok -r PG: a table and a query give the CSV's four layers byte for byte"
"$bin" export -q -f GeoJSON -r "$news sql=SELECT * FROM reports WHERE location = 'Baniyas'" \
	-o "$tmp/baniyas"
n=$(grep -o '"report_id"' "$tmp/baniyas/geojson/reports.geojson" | wc -l)
[ "$n" -eq 2 ] || { echo "FAILED: the query for Baniyas gave $n reports, not 2" >&2; exit 1; }
echo "ok sql=: the query's rows only ($n)"
expect_refusal() { # WHAT MESSAGE ARGS...: exit 1, the message, nothing written
	what=$1 message=$2
	shift 2
	rm -rf "$tmp/refused"
	if "$bin" export -q -f GeoJSON -o "$tmp/refused" "$@" 2>"$tmp/err"; then
		echo "FAILED: $what was accepted" >&2; exit 1
	fi
	grep -qF "$message" "$tmp/err" || { echo "FAILED: $what: got: $(cat "$tmp/err")" >&2; exit 1; }
	[ ! -e "$tmp/refused/geojson" ] || { echo "FAILED: $what wrote layers" >&2; exit 1; }
	echo "ok refused, $what: $(cat "$tmp/err")"
}
psql -d news -c "UPDATE reports SET fatalities = -3 WHERE report_id = 'r007'"
expect_refusal "a negative figure" \
	"tables=reports: row report_id 'r007': column 'fatalities': '-3' is negative" \
	-r "$news tables=reports"
psql -d news -c "UPDATE reports SET fatalities = 3 WHERE report_id = 'r007'"
psql -d news -c "INSERT INTO reports (report_id, event_date, location, fatalities, source) VALUES ('r007', '2025-03-07', 'Jableh', 2, 'X')"
expect_refusal "a duplicate id" "row report_id 'r007': column 'report_id': 'r007' is a duplicate" \
	-r "$news tables=reports"
expect_refusal "no table named" "the database has 2 tables: name one with tables=NAME" -r "$news"
expect_refusal "a missing table" "no table or view 'nothere'" -r "$news password=secret tables=nothere"
grep -q secret "$tmp/err" && { echo "FAILED: the password is in the message" >&2; exit 1; }
exit 0
