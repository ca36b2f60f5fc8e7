#!/bin/sh
# Derives geodata/basemap-levant.gpkg, the basemap of the print posters, from
# pinned Debian packages: GSHHG 2.3.7 shorelines, lakes, rivers and WDBII
# borders (gmt-gshhg-*), DCW-GMT country polygons (gmt-dcw), extracted with
# GMT 6.4 (gmt) and written with GDAL/OGR (python3-gdal); context towns come
# from the committed GeoNames extract geodata/geonames-levant.txt.
# geodata/README.md describes the layers, how they are made and the licences.
#
#   scripts/derive-basemap.sh [OUTPUT.gpkg]
#
# Run it only to refresh the committed file; the tool reads the committed file
# and never the network. The same package versions give the same features (and
# the same bytes: the GeoPackage's timestamps are pinned with OGR_CURRENT_DATE).
set -eu

# Debian 12 ("bookworm") versions the committed file was derived from: the
# data (GSHHG, DCW), the programs that read it (GMT) and the geometry code
# that cuts and joins it (GDAL/OGR over GEOS).
PINNED='gmt=6.4.0+dfsg-2
libgmt6=6.4.0+dfsg-2
gmt-common=6.4.0+dfsg-2
gmt-gshhg-full=2.3.7-6
gmt-gshhg-low=2.3.7-6
gmt-dcw=2.1.1-1
gdal-bin=3.6.2+dfsg-1+b2
python3-gdal=3.6.2+dfsg-1+b2
libgdal32=3.6.2+dfsg-1+b2
libgeos-c1v5=3.11.1-1'

top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-"$top/geodata/basemap-levant.gpkg"}
case "$out" in /*) ;; *) out="$(pwd)/$out" ;; esac
gazetteer="$top/geodata/geonames-levant.txt"
start=$(date +%s)

# Install what is missing (Debian's current version: checked below).
missing=""
for pv in $PINNED; do
	p=${pv%%=*}
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "derive-basemap: installing$missing"
	as_root=""
	[ "$(id -u)" -eq 0 ] || as_root="sudo"
	$as_root apt-get update -qq
	# shellcheck disable=SC2086 # one word per package
	DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends $missing
fi

# Another version may give other features: refuse unless told otherwise.
versions=""
status=0
for pv in $PINNED; do
	p=${pv%%=*}
	want=${pv#*=}
	have=$(dpkg-query -W -f='${Version}' "$p")
	versions="$versions$p=$have
"
	if [ "$have" != "$want" ]; then
		echo "derive-basemap: $p is $have, pinned $want" >&2
		status=1
	fi
done
if [ "$status" -ne 0 ] && [ "${BASEMAP_ANY_VERSION:-0}" != 1 ]; then
	echo "derive-basemap: set BASEMAP_ANY_VERSION=1 to derive from these versions anyway" >&2
	exit 1
fi
echo "derive-basemap: packages:"
printf '%s' "$versions" | sed 's/^/  /'

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/gmtuser"
cat > "$work/derive.py" <<'PYTHON'
# The derivation itself: see the header of scripts/derive-basemap.sh.
import difflib
import heapq
import math
import os
import re
import subprocess
import sys

from osgeo import gdal, ogr, osr

gdal.UseExceptions()
ogr.UseExceptions()

OUT, GAZETTEER, WORK = sys.argv[1:4]

MAIN = (32.0, 41.0, 31.0, 38.5)        # west, east, south, north
LOCATOR = (22.0, 48.0, 26.0, 42.0)
COAST_VIEW = (35.4, 36.8, 34.3, 36.1)  # what a poster's main map shows
# Sea label anchors: one inside the coastal view, one for the whole box.
SEA_LABELS = [('coast', 35.55, 35.0), ('region', 33.6, 33.6)]

# ISO 3166 alpha-2, English short name, Arabic name.
COUNTRIES = [
    ('SY', 'Syria', 'سوريا'),
    ('LB', 'Lebanon', 'لبنان'),
    ('TR', 'Turkey', 'تركيا'),
    ('IL', 'Israel', 'إسرائيل'),
    ('PS', 'Palestine', 'فلسطين'),
    ('JO', 'Jordan', 'الأردن'),
    ('IQ', 'Iraq', 'العراق'),
    ('CY', 'Cyprus', 'قبرص'),
    ('EG', 'Egypt', 'مصر'),
    ('SA', 'Saudi Arabia', 'السعودية'),
]
# The DCW countries that reach into the locator's box.
LOCATOR_COUNTRIES = COUNTRIES + [
    ('GR', 'Greece', 'اليونان'),
    ('BG', 'Bulgaria', 'بلغاريا'),
    ('MK', 'North Macedonia', 'مقدونيا الشمالية'),
    ('GE', 'Georgia', 'جورجيا'),
    ('AM', 'Armenia', 'أرمينيا'),
    ('AZ', 'Azerbaijan', 'أذربيجان'),
    ('IR', 'Iran', 'إيران'),
    ('KW', 'Kuwait', 'الكويت'),
    ('LY', 'Libya', 'ليبيا'),
    ('RU', 'Russia', 'روسيا'),
]

# GSHHG levels (gmt select -N order) and WDBII river levels kept: the lower
# Orontes (Hama to the sea) and the Litani are level 3 in WDBII.
LEVELS = ['ocean', 'land', 'lake', 'island in lake', 'pond in island']
RIVER_LEVELS = {1: 'permanent major river', 2: 'additional major river', 3: 'additional river'}

# GMT settings that shape the text it prints, and the data directories of the
# pinned packages; GMT runs in an empty directory with its own user directory,
# so no gmt.conf of the user's changes anything.
GMT_SETTINGS = [
    '--DIR_GSHHG=/usr/share/gmt-gshhg', '--DIR_DCW=/usr/share/gmt-dcw',
    '--FORMAT_FLOAT_OUT=%.10f', '--FORMAT_GEO_OUT=D', '--IO_SEGMENT_MARKER=>',
    '--IO_COL_SEPARATOR=tab', '--IO_LONLAT_TOGGLE=false',
]
GMT_ENV = dict(os.environ, GMT_USERDIR=os.path.join(WORK, 'gmtuser'),
               HOME=os.path.join(WORK, 'gmtuser'))


def log(*args):
    print('derive-basemap:', *args, flush=True)


def gmt(args, stdin=None):
    r = subprocess.run(['gmt'] + args + GMT_SETTINGS, input=stdin, cwd=WORK,
                       env=GMT_ENV, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit('derive-basemap: gmt %s failed:\n%s' % (' '.join(args), r.stderr))
    return r.stdout


def region(box):
    return '-R%g/%g/%g/%g' % box


def segments(text):
    """GMT multisegment text -> [(header, [(x, y), ...])], empty ones dropped."""
    segs, cur = [], None
    for line in text.splitlines():
        if line.startswith('>'):
            cur = (line[1:].strip(), [])
            segs.append(cur)
        elif line.strip() and not line.startswith('#'):
            x, y = line.split('\t')[:2]
            cur[1].append((float(x), float(y)))
    return [s for s in segs if len(s[1]) >= 2]


def clip(lines, box):
    """Polylines cut to the box (GMT's binned data may run past -R); points on
    the box's edge get the edge's exact coordinate, so that noding with the
    edge is exact. Zero-length lines are dropped."""
    w, e, s, n = box
    out = []
    for pts in lines:
        cur = []
        for a, b in zip(pts, pts[1:]):
            # Liang-Barsky
            t0, t1 = 0.0, 1.0
            dx, dy = b[0] - a[0], b[1] - a[1]
            ok = True
            for pp, qq in ((-dx, a[0] - w), (dx, e - a[0]), (-dy, a[1] - s), (dy, n - a[1])):
                if pp == 0:
                    if qq < 0:
                        ok = False
                        break
                else:
                    t = qq / pp
                    if pp < 0:
                        t0 = max(t0, t)
                    else:
                        t1 = min(t1, t)
            if not ok or t0 > t1:
                if len(cur) >= 2:
                    out.append(cur)
                cur = []
                continue

            def at(t):
                if t == 0.0:
                    return a
                if t == 1.0:
                    return b
                x, y = a[0] + t * dx, a[1] + t * dy
                for edge in (w, e):
                    if abs(x - edge) < 1e-9:
                        x = edge
                for edge in (s, n):
                    if abs(y - edge) < 1e-9:
                        y = edge
                return (min(max(x, w), e), min(max(y, s), n))
            p0, p1 = at(t0), at(t1)
            if cur and cur[-1] == p0:
                cur.append(p1)
            else:
                if len(cur) >= 2:
                    out.append(cur)
                cur = [p0, p1]
            if t1 < 1.0:
                out.append(cur)
                cur = []
        if len(cur) >= 2:
            out.append(cur)
    return [l for l in out if any(p != l[0] for p in l)]


def level_of(header):
    return int(re.search(r'Level (\d+)', header).group(1))


def linemerge(lines):
    """Joins lines end to end where exactly two ends meet (GMT cuts its binned
    lines at every bin edge). Deterministic: follows the input order."""
    ends = {}
    for i, pts in enumerate(lines):
        ends.setdefault(pts[0], []).append(i)
        ends.setdefault(pts[-1], []).append(i)
    used = [False] * len(lines)

    def other(node, i):
        js = ends[node]
        if len(js) != 2 or js[0] == js[1]:
            return None
        j = js[1] if js[0] == i else js[0]
        return None if used[j] else j

    merged = []
    for i, pts in enumerate(lines):
        if used[i]:
            continue
        used[i] = True
        path = list(pts)
        cur = i
        while True:  # forwards
            j = other(path[-1], cur)
            if j is None:
                break
            used[j] = True
            q = lines[j] if lines[j][0] == path[-1] else lines[j][::-1]
            path.extend(q[1:])
            cur = j
        cur = i
        while path[0] != path[-1]:  # backwards
            j = other(path[0], cur)
            if j is None:
                break
            used[j] = True
            q = lines[j] if lines[j][-1] == path[0] else lines[j][::-1]
            path[:0] = q[:-1]
            cur = j
        merged.append(path)
    return merged


def linestring(pts):
    g = ogr.Geometry(ogr.wkbLineString)
    for x, y in pts:
        g.AddPoint_2D(x, y)
    return g


def multilinestring(lines):
    g = ogr.Geometry(ogr.wkbMultiLineString)
    for pts in lines:
        g.AddGeometry(linestring(pts))
    return g


def point(x, y):
    g = ogr.Geometry(ogr.wkbPoint)
    g.AddPoint_2D(x, y)
    return g


def box_polygon(box):
    w, e, s, n = box
    return ogr.CreateGeometryFromWkt(
        'POLYGON((%r %r,%r %r,%r %r,%r %r,%r %r))' % (w, s, e, s, e, n, w, n, w, s))


def parts(g):
    """The polygons or lines of a geometry, whatever its collection type."""
    if g is None or g.IsEmpty():
        return []
    t = ogr.GT_Flatten(g.GetGeometryType())
    if t in (ogr.wkbPolygon, ogr.wkbLineString):
        return [g.Clone()]
    out = []
    if t in (ogr.wkbMultiPolygon, ogr.wkbMultiLineString, ogr.wkbGeometryCollection):
        for i in range(g.GetGeometryCount()):
            out.extend(parts(g.GetGeometryRef(i)))
    return out


def multi(polys_or_lines, kind):
    g = ogr.Geometry(kind)
    for p in polys_or_lines:
        g.AddGeometry(p)
    return g


def polygons_only(g):
    return [p for p in parts(g) if ogr.GT_Flatten(p.GetGeometryType()) == ogr.wkbPolygon]


def lines_only(g):
    return [p for p in parts(g) if ogr.GT_Flatten(p.GetGeometryType()) == ogr.wkbLineString]


def on_edge(p, box, eps=1e-9):
    w, e, s, n = box
    return (abs(p[0] - w) < eps or abs(p[0] - e) < eps or
            abs(p[1] - s) < eps or abs(p[1] - n) < eps)


def faces(lines, box):
    """Nodes the lines with the box's edge and polygonizes: every face of the
    arrangement, in GEOS's (deterministic) order."""
    ml = multilinestring(lines)
    w, e, s, n = box
    edge = linestring([(w, s), (e, s), (e, n), (w, n), (w, s)])
    return polygons_only(ml.Union(edge).Polygonize())


def classify(polys, box, res):
    """The GSHHG level (0 ocean .. 4 pond) of each face, from a point inside
    it, by gmt select against the same GSHHG resolution."""
    text = ''.join('%.12f\t%.12f\t%d\n' % (q.GetX(), q.GetY(), i)
                   for i, q in enumerate(p.PointOnSurface() for p in polys))
    level = {}
    for lev in range(5):
        flags = '/'.join('k' if k == lev else 's' for k in range(5))
        out = gmt(['select', region(box), '-D' + res, '-N' + flags, '-fg'], text)
        for line in out.splitlines():
            if line.startswith('>') or not line.strip():
                continue
            i = int(round(float(line.split('\t')[2])))
            if i in level:
                sys.exit('derive-basemap: face %d is both %s and %s' % (i, LEVELS[level[i]], LEVELS[lev]))
            level[i] = lev
    if len(level) != len(polys):
        sys.exit('derive-basemap: %d of %d faces have no GSHHG level' % (len(polys) - len(level), len(polys)))
    return [level[i] for i in range(len(polys))]


def seg_nearest(p, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    ll = dx * dx + dy * dy
    t = 0.0 if ll == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / ll))
    q = (a[0] + t * dx, a[1] + t * dy)
    return math.hypot(p[0] - q[0], p[1] - q[1]), q


def close_gaps(borders, shores, box, tol):
    """WDBII borders stop short of the shoreline (up to ~1 km) and of each
    other (a few hundred metres). Each loose end is joined by a straight
    connector to the nearest point of a shoreline or of another border (or of
    its own line, away from the end) within tol degrees. Returns connectors
    and the loose ends left."""
    degree = {}
    for pts in borders:
        for p in (pts[0], pts[-1]):
            degree[p] = degree.get(p, 0) + 1
    connectors, loose = [], []
    for k, pts in enumerate(borders):
        for end, p in ((0, pts[0]), (1, pts[-1])):
            if degree[p] != 1 or on_edge(p, box):
                continue
            best = (tol, None)
            candidates = list(shores)
            for j, q in enumerate(borders):
                if j != k:
                    candidates.append(q)
                    continue
                # own line: only the part farther than 3 tol along it
                seq = q if end == 0 else q[::-1]
                along, cut = 0.0, len(seq)
                for i in range(1, len(seq)):
                    along += math.hypot(seq[i][0] - seq[i - 1][0], seq[i][1] - seq[i - 1][1])
                    if along > 3 * tol:
                        cut = i
                        break
                if cut < len(seq):
                    candidates.append(seq[cut:])
            for q in candidates:
                for a, b in zip(q, q[1:]):
                    if (min(a[0], b[0]) - best[0] > p[0] or max(a[0], b[0]) + best[0] < p[0] or
                            min(a[1], b[1]) - best[0] > p[1] or max(a[1], b[1]) + best[0] < p[1]):
                        continue
                    d, q2 = seg_nearest(p, a, b)
                    if d < best[0]:
                        best = (d, q2)
            if best[1] is None:
                loose.append(p)
            elif best[0] > 0:
                # a hair (about 1 m) past the line it joins, so that the
                # crossing is noded whatever the rounding of the foot point
                (qx, qy), d = best[1], best[0]
                connectors.append([p, (qx + (qx - p[0]) / d * 1e-5, qy + (qy - p[1]) / d * 1e-5)])
    return connectors, loose


def read_dcw(codes, box):
    """DCW-GMT polygons of the countries, made valid and clipped to box."""
    out = {}
    frame = box_polygon(box)
    for iso in codes:
        g = ogr.Geometry(ogr.wkbMultiPolygon)
        for _, pts in segments(gmt(['coast', '-E%s+z' % iso, '-M'])):
            if pts[0] != pts[-1]:
                pts = pts + [pts[0]]
            ring = ogr.Geometry(ogr.wkbLinearRing)
            for x, y in pts:
                ring.AddPoint_2D(x, y)
            pg = ogr.Geometry(ogr.wkbPolygon)
            pg.AddGeometry(ring)
            g.AddGeometry(pg)
        if g.GetGeometryCount() == 0:
            sys.exit('derive-basemap: DCW has no polygon for %s' % iso)
        gdal.PushErrorHandler('CPLQuietErrorHandler')
        valid = g.IsValid()
        gdal.PopErrorHandler()
        if not valid:
            g = g.MakeValid()
        g = g.Intersection(frame)
        if not g.IsEmpty():
            out[iso] = g
    return out


def split_by_dcw(piece, dcw):
    """Cuts a piece of land the borders did not close along DCW's polygons
    (largest share first, so DCW's overlaps go to one country); what no DCW
    polygon covers (coastal slivers) goes, part by part, to the country it
    shares most edge with."""
    shares = []
    for iso, g in dcw.items():
        if piece.Intersects(g):
            a = piece.Intersection(g).GetArea()
            if a > 0.005 * piece.GetArea():
                shares.append((-a, iso))
    shares.sort()
    subs, taken = [], None
    for _, iso in shares:
        sub = piece.Intersection(dcw[iso])
        if taken is not None:
            sub = sub.Difference(taken)
        sub = multi(polygons_only(sub), ogr.wkbMultiPolygon)
        if sub.IsEmpty():
            continue
        subs.append([iso, sub])
        taken = sub.Clone() if taken is None else taken.Union(sub)
    rest = piece.Difference(taken)
    for part in polygons_only(rest):
        halo = part.Buffer(1e-6)
        best = max(subs, key=lambda s: (halo.Intersection(s[1]).GetArea(), -part.Distance(s[1]), s[0]))
        best[1] = multi(polygons_only(best[1].Union(part)), ogr.wkbMultiPolygon)
    return [(iso, sub) for iso, sub in subs]


def geography(box, res, border_tol, dcw_codes):
    """Land, lakes, coastline, borders and countries of one box at one GSHHG
    resolution."""
    shore = [(h, pts) for h, raw in segments(gmt(['coast', region(box), '-D' + res, '-W', '-M']))
             for pts in clip([raw], box)]
    shore_lines = [pts for _, pts in shore]
    # land and lakes: the faces of the shorelines alone
    fs = faces(shore_lines, box)
    lv = classify(fs, box, res)
    land = [(f, l) for f, l in zip(fs, lv) if l in (1, 3)]
    lakes = [(f, l) for f, l in zip(fs, lv) if l in (2, 4)]
    ocean = multi([f for f, l in zip(fs, lv) if l == 0], ogr.wkbMultiPolygon)
    coastline = linemerge([pts for h, pts in shore if level_of(h) == 1])

    # borders: WDBII national boundaries, gaps closed, the parts at sea cut off
    border_segs = clip([pts for _, pts in segments(gmt(['coast', region(box), '-D' + res, '-N1', '-M']))], box)
    borders = linemerge(border_segs)
    connectors, loose = close_gaps(borders, shore_lines, box, border_tol)
    conn_len = sum(math.hypot(a[0] - b[0], a[1] - b[1]) for a, b in connectors)
    log('%s: %d border lines, %d connectors (%.4f degrees in all), %d loose ends%s'
        % (res, len(borders), len(connectors), conn_len, len(loose),
           ''.join(' %.3f,%.3f' % p for p in loose[:6]) + (' ...' if len(loose) > 6 else '')))
    border_geom = multilinestring(linemerge(borders + connectors))
    if not ocean.IsEmpty():
        border_geom = border_geom.Difference(ocean)
    border_out = linemerge([l.GetPoints() for l in lines_only(border_geom)])
    # without the hair-long overshoots of the connectors
    border_out = [[(x, y) for x, y, *_ in l] for l in border_out
                  if linestring([(x, y) for x, y, *_ in l]).Length() > 5e-5]

    # countries: the land cut by the borders, each piece given to the DCW
    # country that covers most of it (or the nearest, for an island DCW lacks)
    dcw = read_dcw(dcw_codes, box)
    pieces = faces(shore_lines + borders + connectors, box)
    plv = classify(pieces, box, res)
    by_iso = {}
    for piece, l in zip(pieces, plv):
        if l not in (1, 3):
            continue
        area = piece.GetArea()
        best, second = (0.0, None), 0.0
        for iso, g in dcw.items():
            if not piece.Intersects(g):
                continue
            a = piece.Intersection(g).GetArea()
            if a > best[0]:
                best, second = (a, iso), best[0]
            elif a > second:
                second = a
        iso = best[1]
        if iso is None:
            iso = min(dcw, key=lambda c: (piece.Distance(dcw[c]), c))
        elif second > 0.05 * area and area > 0.001:
            # the borders left it shared: cut it along DCW's borders instead
            at = piece.PointOnSurface()
            log('%s: piece of %.4f sq. degrees at %.3f,%.3f is %.0f%% %s and %.0f%% other: cut along DCW'
                % (res, area, at.GetX(), at.GetY(), 100 * best[0] / area, iso, 100 * second / area))
            for c, sub in split_by_dcw(piece, dcw):
                by_iso.setdefault(c, []).extend(polygons_only(sub))
            continue
        elif second > 0.01 * area and second > 0.001:
            at = piece.PointOnSurface()
            log('%s: piece of %.4f sq. degrees at %.3f,%.3f given to %s: DCW puts %.1f%% of it elsewhere'
                % (res, area, at.GetX(), at.GetY(), iso, 100 * second / area))
        by_iso.setdefault(iso, []).append(piece)
    countries = {}
    for iso, ps in by_iso.items():
        g = multi(ps, ogr.wkbMultiPolygon).UnionCascaded()
        countries[iso] = multi(polygons_only(g), ogr.wkbMultiPolygon)
    return dict(land=land, lakes=lakes, ocean=ocean, coastline=coastline,
                borders=border_out, countries=countries)


def rivers(box, res):
    out = []
    for lev in sorted(RIVER_LEVELS):
        segs = clip([pts for _, pts in segments(gmt(['coast', region(box), '-D' + res, '-I%d' % lev, '-M']))], box)
        out.extend((lev, pts) for pts in linemerge(segs))
    return out


def scaled(g, kx):
    """A copy of g with x multiplied by kx (kx = cos(latitude): distances in
    it are then near-true in proportion)."""
    g = g.Clone()

    def walk(h):
        if h.GetGeometryCount() == 0:
            for i in range(h.GetPointCount()):
                h.SetPoint_2D(i, h.GetX(i) * kx, h.GetY(i))
        else:
            for i in range(h.GetGeometryCount()):
                walk(h.GetGeometryRef(i))
    walk(g)
    return g


def polylabel(g, precision):
    """Pole of inaccessibility (Mapbox's polylabel): the point of g farthest
    from its edges, to precision (in g's units)."""
    boundary = g.GetBoundary()
    w, e, s, n = g.GetEnvelope()

    def dist(x, y):
        p = point(x, y)
        d = p.Distance(boundary)
        return d if g.Contains(p) else -d

    size = min(e - w, n - s)
    if size == 0:
        c = g.PointOnSurface()
        return c.GetX(), c.GetY()
    h = size / 2
    heap, count = [], 0

    def push(x, y, h):
        nonlocal count
        d = dist(x, y)
        heapq.heappush(heap, (-(d + h * math.sqrt(2)), count, x, y, h, d))
        count += 1

    x = w
    while x < e:
        y = s
        while y < n:
            push(x + h, y + h, h)
            y += size
        x += size
    c = g.PointOnSurface()
    best = (dist(c.GetX(), c.GetY()), c.GetX(), c.GetY())
    while heap:
        negmax, _, x, y, h, d = heapq.heappop(heap)
        if d > best[0]:
            best = (d, x, y)
        if -negmax - best[0] <= precision:
            continue
        h /= 2
        for dx in (-h, h):
            for dy in (-h, h):
                push(x + dx, y + dy, h)
    return best[1], best[2]


def label_point(g):
    w, e, s, n = g.GetEnvelope()
    kx = math.cos(math.radians((s + n) / 2))
    x, y = polylabel(scaled(g, kx), 0.002)
    return round(x / kx, 4), round(y, 4)


# name_ar of a town: GeoNames' alternate names carry no language, and their
# order is alphabetical, so "the first in Arabic script" is often a variant
# (برج صافيتا for Safita, الكرمة for Muhradah, لاذقية before اللاذقية).
# Of the names written wholly in Arabic script, without letters Arabic does
# not use (Persian, Urdu, Kurdish ...) and not an administrative form
# (محافظة ...), the one whose transliteration, article aside, is closest to
# the Latin name is taken; on a tie, the one with the article ال, then the
# one without vowel marks, then the first.
NOT_ARABIC = set('پچژکگیۀہھےۓٹڈڑںەۆێڕڵۇېۈۋڭ')
ARABIC_SCRIPT = re.compile('[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]')
NOT_ARABIC_SCRIPT = re.compile('[^\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF ]')
VOWEL_MARKS = re.compile('[\u064B-\u0652\u0670]')
BIDI_MARKS = re.compile('[\u200c-\u200f\u202a-\u202e\u2066-\u2069]')
ADMIN_WORDS = ('محافظة', 'مدينة', 'قضاء', 'منطقة', 'ناحية')
LATIN_OF = dict(zip('ابتثجحخدذرزسشصضطظعغفقكلمنهويىةأإآءئؤ',
                    ['a', 'b', 't', 'th', 'j', 'h', 'kh', 'd', 'dh', 'r', 'z', 's', 'sh', 's', 'd',
                     't', 'z', '', 'gh', 'f', 'q', 'k', 'l', 'm', 'n', 'h', 'w', 'y', 'a', 'h',
                     'a', 'i', 'a', '', '', '']))
LATIN_ARTICLE = re.compile(r"^(al|el|ad|ar|as|ash|at|az|an|ed|er|es|et|ez|en|ath|adh)[ -]")
# Where that rule picks a variant or the Turkish name, the usual Arabic name,
# itself one of the place's GeoNames alternate names, by geonameid.
ARABIC_NAME = {
    '266826': 'طرابلس',   # Tripoli, Lebanon (ties with ترابلس)
    '267008': 'صور',      # Tyre (الصور would win the tie)
    '170654': 'دمشق',     # Damascus (ties with "د مشق")
    '281184': 'القدس',    # Jerusalem
    '301975': 'السويدية',  # Samandag (صمان داغي is the Turkish name)
    '323779': 'أنطاكية',  # Antakya (انطاكيا is closer to the Latin)
    '295530': 'بئر السبع',  # Beersheba
}


def arabic_name(geonameid, asciiname, alternates):
    names = [BIDI_MARKS.sub('', a).strip() for a in alternates.split(',')]
    if geonameid in ARABIC_NAME:
        if ARABIC_NAME[geonameid] not in names:
            sys.exit('derive-basemap: %s is not an alternate name of %s' % (ARABIC_NAME[geonameid], geonameid))
        return ARABIC_NAME[geonameid]
    script = [a for a in names if a and ARABIC_SCRIPT.search(a)]
    good = [a for a in script
            if not NOT_ARABIC_SCRIPT.search(a) and not (set(a) & NOT_ARABIC)
            and not a.startswith(ADMIN_WORDS)]
    if not good:
        return script[0] if script else None
    latin = re.sub('[^a-z]', '', LATIN_ARTICLE.sub('', asciiname.lower()))

    def key(i):
        a = good[i]
        bare = VOWEL_MARKS.sub('', a).replace('\u0671', 'ا')
        t = ''.join(LATIN_OF.get(ch, '') for ch in re.sub('^ال', '', bare))
        return (round(difflib.SequenceMatcher(None, t, latin).ratio(), 6),
                bare.startswith('ال'), bare == a, -i)
    return good[max(range(len(good)), key=key)]


def towns(box):
    w, e, s, n = box
    out = []
    with open(GAZETTEER, encoding='utf-8') as f:
        for line in f:
            c = line.rstrip('\n').split('\t')
            if len(c) != 19 or line.startswith('#'):
                continue
            lat, lon = float(c[4]), float(c[5])
            if not (w <= lon <= e and s <= lat <= n):
                continue
            pop = int(c[14] or 0)
            if c[7] not in ('PPLC', 'PPLA', 'PPLA2') and pop < 20000:
                continue
            out.append(dict(geonameid=int(c[0]), name=c[2], name_ar=arabic_name(c[0], c[2], c[3]),
                            population=pop, feature_code=c[7], country=c[8], lon=lon, lat=lat))
    out.sort(key=lambda t: (-t['population'], t['geonameid']))
    return out


# --- writing -------------------------------------------------------------

DESCRIPTIONS = {
    'land': 'GSHHG 2.3.7 full-resolution land (levels 1 and 3), lakes as holes, clipped to lon 32-41, lat 31-38.5. LGPL-3.0, Wessel & Smith.',
    'lakes': 'GSHHG 2.3.7 full-resolution lakes (level 2) and ponds in islands (level 4). LGPL-3.0, Wessel & Smith.',
    'rivers': 'WDBII rivers of GSHHG 2.3.7, full resolution, levels 1 (permanent major), 2 (additional major) and 3 (additional). Public domain (WDBII), via GSHHG.',
    'coastline': 'GSHHG 2.3.7 full-resolution shoreline (level 1) as lines. LGPL-3.0, Wessel & Smith.',
    'borders': 'WDBII national boundaries (GSHHG 2.3.7, full), loose ends joined to the shoreline or to each other, cut at the sea. Public domain (WDBII), via GSHHG.',
    'countries': 'GSHHG full-resolution land cut by the borders layer; each piece named by the DCW-GMT 2.1.1 country covering most of it. LGPL-3.0.',
    'country_labels': 'Label anchors: pole of inaccessibility of each country part (view coast: lon 35.4-36.8, lat 34.3-36.1; view region: the whole box).',
    'sea_labels': 'Sea label anchors (view coast: inside lon 35.4-36.8, lat 34.3-36.1; view region: the whole box).',
    'towns': 'GeoNames cities500 (geonames-levant.txt): PPLC, PPLA, PPLA2 or population >= 20000 in the box. CC BY 4.0, GeoNames.',
    'locator_land': 'GSHHG 2.3.7 low-resolution land for the locator inset, lon 22-48, lat 26-42. LGPL-3.0, Wessel & Smith.',
    'locator_countries': 'GSHHG low-resolution land cut by WDBII borders, named by DCW-GMT 2.1.1, lon 22-48, lat 26-42. LGPL-3.0.',
}


def write(ds, name, gtype, fields, rows):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lyr = ds.CreateLayer(name, srs, gtype, options=[
        'GEOMETRY_NAME=geom', 'FID=fid', 'SPATIAL_INDEX=YES',
        'DESCRIPTION=' + DESCRIPTIONS[name]])
    for fname, ftype in fields:
        lyr.CreateField(ogr.FieldDefn(fname, ftype))
    lyr.StartTransaction()
    for geom, attrs in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        for k, v in attrs.items():
            if v is not None:
                f.SetField(k, v)
        if ogr.GT_Flatten(gtype) == ogr.wkbMultiPolygon and \
                ogr.GT_Flatten(geom.GetGeometryType()) == ogr.wkbPolygon:
            geom = multi([geom], ogr.wkbMultiPolygon)
        if ogr.GT_Flatten(gtype) == ogr.wkbMultiLineString and \
                ogr.GT_Flatten(geom.GetGeometryType()) == ogr.wkbLineString:
            geom = multi([geom], ogr.wkbMultiLineString)
        f.SetGeometry(geom)
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    return len(rows)


def by_size(items):
    """Largest first, then by position: a stable, meaningful feature order."""
    def key(item):
        g = item[0]
        w, e, s, n = g.GetEnvelope()
        return (-round(g.GetArea(), 12), round(w, 9), round(s, 9))
    return sorted(items, key=key)


def main():
    names = {iso: (name, ar) for iso, name, ar in LOCATOR_COUNTRIES}
    main_geo = geography(MAIN, 'f', 0.015, [c[0] for c in COUNTRIES])
    loc_geo = geography(LOCATOR, 'l', 0.05, [c[0] for c in LOCATOR_COUNTRIES])
    riv = rivers(MAIN, 'f')

    # label anchors
    labels = []
    view = box_polygon(COAST_VIEW)
    for iso, _, _ in COUNTRIES:
        g = main_geo['countries'].get(iso)
        if g is None:
            continue
        part = g.Intersection(view)
        if part.GetArea() > 0.002:
            labels.append(('coast', iso, label_point(multi(polygons_only(part), ogr.wkbMultiPolygon))))
    for iso, _, _ in COUNTRIES:
        g = main_geo['countries'].get(iso)
        if g is not None:
            labels.append(('region', iso, label_point(g)))
    for v, iso, (x, y) in labels:
        if not main_geo['countries'][iso].Contains(point(x, y)):
            sys.exit('derive-basemap: label of %s at %g,%g is outside it' % (iso, x, y))
    for v, x, y in SEA_LABELS:
        if not main_geo['ocean'].Contains(point(x, y)):
            sys.exit('derive-basemap: the sea label at %g,%g is not at sea' % (x, y))

    tmp = os.path.splitext(OUT)[0] + '.new.gpkg'
    if os.path.exists(tmp):
        os.remove(tmp)
    ds = ogr.GetDriverByName('GPKG').CreateDataSource(tmp)
    n = {}
    n['land'] = write(ds, 'land', ogr.wkbMultiPolygon, [('level', ogr.OFTInteger)],
                      [(g, {'level': l}) for g, l in by_size(main_geo['land'])])
    n['lakes'] = write(ds, 'lakes', ogr.wkbMultiPolygon, [('level', ogr.OFTInteger)],
                       [(g, {'level': l}) for g, l in by_size(main_geo['lakes'])])
    n['rivers'] = write(ds, 'rivers', ogr.wkbMultiLineString,
                        [('level', ogr.OFTInteger), ('kind', ogr.OFTString)],
                        [(linestring(pts), {'level': l, 'kind': RIVER_LEVELS[l]}) for l, pts in riv])
    n['coastline'] = write(ds, 'coastline', ogr.wkbMultiLineString, [],
                           [(linestring(pts), {}) for pts in main_geo['coastline']])
    n['borders'] = write(ds, 'borders', ogr.wkbMultiLineString, [],
                         [(linestring(pts), {}) for pts in main_geo['borders']])
    n['countries'] = write(ds, 'countries', ogr.wkbMultiPolygon,
                           [('iso', ogr.OFTString), ('name', ogr.OFTString)],
                           [(main_geo['countries'][iso], {'iso': iso, 'name': names[iso][0]})
                            for iso, _, _ in COUNTRIES if iso in main_geo['countries']])
    n['country_labels'] = write(ds, 'country_labels', ogr.wkbPoint,
                                [('iso', ogr.OFTString), ('name', ogr.OFTString),
                                 ('name_ar', ogr.OFTString), ('view', ogr.OFTString)],
                                [(point(x, y), {'iso': iso, 'name': names[iso][0],
                                                'name_ar': names[iso][1], 'view': v})
                                 for v, iso, (x, y) in labels])
    n['sea_labels'] = write(ds, 'sea_labels', ogr.wkbPoint,
                            [('name', ogr.OFTString), ('name_ar', ogr.OFTString),
                             ('view', ogr.OFTString)],
                            [(point(x, y), {'name': 'Mediterranean Sea',
                                            'name_ar': 'البحر الأبيض المتوسط', 'view': v})
                             for v, x, y in SEA_LABELS])
    t = towns(MAIN)
    n['towns'] = write(ds, 'towns', ogr.wkbPoint,
                       [('geonameid', ogr.OFTInteger), ('name', ogr.OFTString),
                        ('name_ar', ogr.OFTString), ('population', ogr.OFTInteger64),
                        ('feature_code', ogr.OFTString), ('country', ogr.OFTString)],
                       [(point(r['lon'], r['lat']),
                         {k: r[k] for k in ('geonameid', 'name', 'name_ar', 'population',
                                            'feature_code', 'country')}) for r in t])
    n['locator_land'] = write(ds, 'locator_land', ogr.wkbMultiPolygon, [('level', ogr.OFTInteger)],
                              [(g, {'level': l}) for g, l in by_size(loc_geo['land'])])
    n['locator_countries'] = write(ds, 'locator_countries', ogr.wkbMultiPolygon,
                                   [('iso', ogr.OFTString), ('name', ogr.OFTString)],
                                   [(loc_geo['countries'][iso], {'iso': iso, 'name': names[iso][0]})
                                    for iso, _, _ in LOCATOR_COUNTRIES if iso in loc_geo['countries']])
    ds = None
    os.replace(tmp, OUT)
    for k, v in n.items():
        log('%-17s %5d features' % (k, v))


main()
PYTHON

# Pinned timestamp in gpkg_contents: the same inputs give the same bytes.
OGR_CURRENT_DATE=2000-01-01T00:00:00.000Z /usr/bin/python3 "$work/derive.py" "$out" "$gazetteer" "$work"

echo "derive-basemap: wrote $out ($(du -k "$out" | cut -f1) KiB, sha256 $(sha256sum "$out" | cut -c1-16)...) in $(($(date +%s) - start)) s"
