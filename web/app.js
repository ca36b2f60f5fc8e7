/* eventmap web page: draws window.EVENTMAP (data/data.js) over the basemap
 * window.EVENTMAP_BASEMAP (data/basemap.js) with Leaflet.
 *
 * Every text that comes from the data reaches the page as text
 * (textContent, setAttribute), never as markup: no innerHTML anywhere.
 * The figures and their words ("745–1,000+", "20 (6–8 Mar)") are made by
 * eventmap, one view per day and one for all days; this script only draws. */
(function () {
	'use strict';
	performance.mark('em-start');

	const D = window.EVENTMAP;
	const B = window.EVENTMAP_BASEMAP;
	// A page from another version of eventmap says so rather than guess.
	if (!D || D.format !== 1 || !B) {
		document.getElementById('map').textContent = 'This page\u2019s data is missing or was written ' +
			'by another version of eventmap (data/data.js, format ' + (D ? D.format : 'none') + '; this page reads format 1).';
		document.documentElement.dataset.ready = 'error';
		return;
	}
	const S = D.style;
	const SVGNS = 'http://www.w3.org/2000/svg';
	const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
	const KIND_WORDS = D ? D.kind_words : {};
	const QUALIFIER_WORDS = { exact: 'exact figure', about: 'about', at_least: 'at least',
		more_than: 'more than', up_to: 'up to' };
	const SYMBOL = 12;             // event symbol box, px
	const state = { day: null, lang: ['en', 'ar', 'both'].includes(D.labels) ? D.labels : 'en', timer: null };

	// ---- small helpers -----------------------------------------------------
	const $ = (id) => document.getElementById(id);
	function el(tag, cls, text) {
		const e = document.createElement(tag);
		if (cls) e.className = cls;
		if (text !== undefined && text !== null) e.textContent = text;
		return e;
	}
	function svg(tag, attrs) {
		const e = document.createElementNS(SVGNS, tag);
		for (const k in attrs) e.setAttribute(k, attrs[k]);
		return e;
	}
	function dayWords(d) {
		const [y, m, day] = d.split('-').map(Number);
		return `${day} ${MONTHS[m - 1]} ${y}`;
	}
	function spanWords(a, b) {
		const [, m0, d0] = a.split('-').map(Number), [, m1, d1] = b.split('-').map(Number);
		if (a === b) return `${d0} ${MONTHS[m0 - 1]}`;
		return m0 === m1 ? `${d0}\u2013${d1} ${MONTHS[m0 - 1]}` : `${d0} ${MONTHS[m0 - 1]} \u2013 ${d1} ${MONTHS[m1 - 1]}`;
	}
	const allDays = () => `${spanWords(D.days[0], D.days[D.days.length - 1])} ${D.days[0].slice(0, 4)}`;
	const currentView = () => D.views[state.day || 'all'];
	const colour = (category) => S[category] || S.unknown;

	// The style's colours as CSS custom properties (CSSOM: allowed by the CSP).
	for (const k in S) document.documentElement.style.setProperty('--' + k.replace(/_/g, '-'), S[k]);
	document.title = D.title;
	$('title').textContent = D.title;
	$('subtitle').textContent = D.subtitle;
	// What the options left out is said, above the map and over the table.
	if (D.selection) {
		$('selection').textContent = D.selection;
		$('selection').hidden = false;
		$('reports-note').textContent = `${D.selection} As the sources gave them; figures from different sources are never added.`;
	}

	// Text widths without a layout: towns and region names are many.
	const measure = document.createElement('canvas').getContext('2d');
	const rootStyle = getComputedStyle(document.documentElement);
	const FONTS = { en: rootStyle.getPropertyValue('--font'), ar: rootStyle.getPropertyValue('--font-ar') };
	function textWidth(text, px, weight, ar, spacing) {
		measure.font = `${weight} ${px}px ${ar ? FONTS.ar : FONTS.en}`;
		return measure.measureText(text).width + (spacing || 0) * px * text.length;
	}

	// ---- the map and its basemap ------------------------------------------
	const map = L.map('map', {
		zoomSnap: 0.25, zoomDelta: 0.5, minZoom: 6, maxZoom: 11,
		maxBounds: D.max_bounds, attributionControl: false,
	});
	L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);
	map.fitBounds(D.bounds, { padding: [40, 40], maxZoom: 10 });
	map.createPane('basemap').style.zIndex = 200;
	map.createPane('regions').style.zIndex = 380;
	map.createPane('towns').style.zIndex = 390;
	map.createPane('arrows').style.zIndex = 410;
	map.getPane('regions').style.pointerEvents = 'none';
	map.getPane('towns').style.pointerEvents = 'none';

	// The basemap: every layer turned once into Path2D objects in Web
	// Mercator pixels at zoom 0, then drawn into canvas tiles by scaling.
	// Leaflet's own vector layers would make an object per vertex (tens of
	// thousands) and project them again at every zoom.
	const world = (lon, lat) => {
		const s = Math.sin(Math.max(-85, Math.min(85, lat)) * Math.PI / 180);
		return [(lon + 180) / 360 * 256, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 256];
	};
	function addLines(path, lines, close) {
		for (const line of lines) {
			line.forEach(([lon, lat], i) => {
				const [x, y] = world(lon, lat);
				if (i === 0) path.moveTo(x, y);
				else path.lineTo(x, y);
			});
			if (close) path.closePath();
		}
	}
	// One Path2D per colour and width: polygons' rings, lines' parts.
	function paths(fc, key) {
		const out = new Map();
		for (const f of fc.features) {
			const k = key(f), g = f.geometry;
			if (!out.has(k)) out.set(k, new Path2D());
			const path = out.get(k);
			if (g.type === 'Polygon') addLines(path, g.coordinates, true);
			else if (g.type === 'MultiPolygon') g.coordinates.forEach((p) => addLines(path, p, true));
			else if (g.type === 'LineString') addLines(path, [g.coordinates], false);
			else if (g.type === 'MultiLineString') addLines(path, g.coordinates, false);
		}
		return out;
	}
	const basemapLayers = [
		{ fill: paths(B.countries, (f) => (f.properties.iso === D.focus_country ? S.focus_land : S.neighbour_land)) },
		{ fill: paths(B.lakes, () => S.lake) },
		{ stroke: paths(B.rivers, (f) => (f.properties.level <= 2 ? 1.5 : 1)), color: S.river },
		{ stroke: paths(B.coastline, () => 1), color: S.coast },
		{ stroke: paths(B.borders, () => 1.4), color: S.border, dash: [6, 4] },
	];
	const Basemap = L.GridLayer.extend({
		createTile(coords) {
			const tile = document.createElement('canvas'), size = this.getTileSize();
			const ratio = window.devicePixelRatio || 1, k = Math.pow(2, coords.z);
			tile.width = size.x * ratio;
			tile.height = size.y * ratio;
			const ctx = tile.getContext('2d');
			// Map pixels at zoom z are zoom-0 pixels times 2^z.
			ctx.setTransform(ratio * k, 0, 0, ratio * k, -coords.x * size.x * ratio, -coords.y * size.y * ratio);
			const px = 1 / k; // one screen pixel in zoom-0 units
			ctx.lineJoin = 'round';
			for (const layer of basemapLayers) {
				if (layer.fill) for (const [color, path] of layer.fill) { ctx.fillStyle = color; ctx.fill(path, 'evenodd'); }
				if (!layer.stroke) continue;
				ctx.strokeStyle = layer.color;
				ctx.setLineDash(layer.dash ? layer.dash.map((d) => d * px) : []);
				for (const [width, path] of layer.stroke) { ctx.lineWidth = width * px; ctx.stroke(path); }
			}
			return tile;
		},
	});
	new Basemap({ pane: 'basemap', tileSize: 512, updateWhenZooming: false, keepBuffer: 4 }).addTo(map);

	performance.mark('em-basemap');
	const regionLayer = L.layerGroup().addTo(map);
	const townLayer = L.layerGroup().addTo(map);
	const arrowLayer = L.layerGroup().addTo(map);
	const placeLayer = L.layerGroup().addTo(map);

	// A label marker that only shows text: no focus, no events.
	function textMarker(latlng, node, pane) {
		return L.marker(latlng, { pane, interactive: false, keyboard: false,
			icon: L.divIcon({ html: node, className: 'em-textmark', iconSize: [0, 0], iconAnchor: [0, 0] }) });
	}

	// ---- sizes -------------------------------------------------------------
	const rMax = () => Math.max(16, Math.min(30, map.getSize().x / 22));
	const rMin = () => Math.max(3.5, rMax() * 0.13);
	// Circle area proportional to the figure; one scale for every day.
	const radius = (v) => Math.max(rMin(), rMax() * Math.sqrt(Math.min(1, v / D.scale.deaths_max)));
	const widthOf = (people) => (people ? Math.max(2.5, 13 * people / D.scale.people_max) : 2.5);

	// ---- symbols -------------------------------------------------------------
	// One shape per ACLED event type, as src/render/events.c draws them.
	function symbolPath(kind, cx, cy, size) {
		const poly = (pts, k) => 'M' + pts.map(([x, y]) => `${(cx + x * k).toFixed(2)},${(cy + y * k).toFixed(2)}`).join('L') + 'Z';
		const regular = (n, star, down, k) => {
			const pts = [];
			const m = star ? 2 * n : n;
			for (let i = 0; i < m; i++) {
				const a = -Math.PI / 2 + 2 * Math.PI * i / m, r = star && i % 2 ? 0.45 : 1;
				pts.push([r * Math.cos(a) * 0.5, (down ? -1 : 1) * r * Math.sin(a) * 0.5]);
			}
			const ys = pts.map((p) => p[1]), mid = (Math.min(...ys) + Math.max(...ys)) / 2;
			return poly(pts.map(([x, y]) => [x, y - mid]), k);
		};
		switch (kind) {
		case 'battles': return poly([[0, -0.56], [0.44, 0], [0, 0.56], [-0.44, 0]], size);
		case 'violence_against_civilians': return regular(3, false, false, size * 1.1);
		case 'explosions': return regular(5, true, false, size * 1.1);
		case 'protests': return poly([[-0.4, -0.4], [0.4, -0.4], [0.4, 0.4], [-0.4, 0.4]], size);
		case 'riots': return regular(3, false, true, size * 1.1);
		case 'strategic_developments': return poly([[-0.16, -0.5], [0.16, -0.5], [0.16, -0.16], [0.5, -0.16], [0.5, 0.16], [0.16, 0.16],
			[0.16, 0.5], [-0.16, 0.5], [-0.16, 0.16], [-0.5, 0.16], [-0.5, -0.16], [-0.16, -0.16]], size);
		default: return regular(5, false, false, size);
		}
	}
	function symbol(kind, cx, cy, hollow, size) {
		return svg('path', { d: symbolPath(kind, cx, cy, size || SYMBOL), fill: hollow ? S.halo : S.ink,
			stroke: hollow ? S.ink : S.halo, 'stroke-width': hollow ? 1.4 : 1, 'stroke-linejoin': 'miter',
			'paint-order': 'stroke', class: 'em-event ' + kind });
	}

	// Hatching for deaths reported over days reaching beyond the shown day.
	const defs = svg('svg', { width: 0, height: 0, 'aria-hidden': 'true', focusable: 'false', class: 'em-defs' });
	const defsInner = svg('defs', {});
	defs.appendChild(defsInner);
	document.body.appendChild(defs);
	for (const c of ['civilians', 'security_forces', 'pro_assad_fighters', 'unknown', 'mixed']) {
		const p = svg('pattern', { id: 'hatch-' + c, width: 5, height: 5, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
		p.appendChild(svg('rect', { width: 5, height: 5, fill: colour(c), 'fill-opacity': 0.18 }));
		p.appendChild(svg('line', { x1: 0, y1: 0, x2: 0, y2: 5, stroke: colour(c), 'stroke-width': 1.4 }));
		defsInner.appendChild(p);
	}

	// The circle(s) for a place's deaths, centred on (0, 0).
	function deathCircles(g, vp) {
		const c = colour(vp.category);
		if (vp.spanning) {
			const r = radius(vp.spanning.max);
			g.appendChild(svg('circle', { r, fill: `url(#hatch-${vp.category})`, stroke: c, 'stroke-width': 1.5,
				'stroke-dasharray': vp.approximate ? '4 3' : 'none', class: 'em-death spanning' }));
			if (vp.spanning.min < vp.spanning.max)
				g.appendChild(svg('circle', { r: radius(vp.spanning.min), fill: 'none', stroke: c, 'stroke-width': 1 }));
		}
		if (!vp.deaths) return;
		const rHi = radius(vp.deaths.max), rLo = radius(vp.deaths.min);
		if (vp.approximate) {
			// Approximate places: hollow and dashed, never a confident dot.
			g.appendChild(svg('circle', { r: rHi, fill: c, 'fill-opacity': 0.12, stroke: c, 'stroke-width': 2,
				'stroke-dasharray': '4 3', class: 'em-death approximate' }));
			return;
		}
		if (rLo < rHi) // the ring: the highest figure across sources
			g.appendChild(svg('circle', { r: rHi, fill: c, 'fill-opacity': 0.35, stroke: c, 'stroke-width': 1, class: 'em-range' }));
		g.appendChild(svg('circle', { r: rLo < rHi ? rLo : rHi, fill: c, 'fill-opacity': 0.85, stroke: S.outline,
			'stroke-width': 1.2, class: 'em-death' }));
	}

	// ---- places ----------------------------------------------------------------
	let drawn = [];   // per place: {vp, place, marker, label, size: label [w, h], box: symbol extent}

	function placeName(place) {
		const span = el('span');
		const en = el('bdi', null, place.name);
		const ar = el('bdi', null, place.name_ar || place.name);
		ar.setAttribute('lang', 'ar');
		ar.setAttribute('dir', 'rtl');
		if (state.lang === 'ar') span.appendChild(ar);
		else span.appendChild(en);
		return { span, ar };
	}
	function labelFor(vp, place) {
		const label = el('span', 'em-label');
		const { span, ar } = placeName(place);
		label.appendChild(span);
		let figure = vp.display;
		if (!figure && !vp.kinds.length && vp.spanning_kinds.length) figure = `(${vp.event_days})`;
		if (figure) {
			// The separator stays in the label's own direction and the figure is
			// isolated left to right: "Baniyas · 20" and "بانياس · 20" both read
			// name first.
			span.appendChild(document.createTextNode(figure[0] === '(' ? ' ' : ' \u00b7 '));
			const f = el('bdi', 'fig', figure);
			f.setAttribute('dir', 'ltr');
			span.appendChild(f);
		}
		if (state.lang === 'ar') {
			label.setAttribute('dir', 'rtl');
			label.setAttribute('lang', 'ar');
		} else if (state.lang === 'both' && place.name_ar && place.name_ar !== place.name) {
			ar.className = 'ar';
			label.appendChild(ar);
		}
		return label;
	}
	// A label's size from its text alone, so that no layout is forced.
	function labelSize(label) {
		const px = window.matchMedia('(max-width: 420px)').matches ? 12 : 13;
		const ar = state.lang === 'ar';
		const first = label.firstChild.textContent, second = label.childNodes[1] ? label.childNodes[1].textContent : '';
		const w = Math.max(textWidth(first, px, 700, ar), second ? textWidth(second, px, 600, true) : 0);
		return [Math.ceil(w) + 2, Math.ceil(px * 1.2) * (second ? 2 : 1) + 2];
	}
	function describe(vp, place) {
		const parts = [place.name];
		if (vp.display) parts.push(`${vp.display} dead (${D.category_words[vp.category] || vp.category})`);
		const kinds = vp.kinds.concat(vp.spanning_kinds).map((k) => KIND_WORDS[k]);
		if (kinds.length) parts.push(kinds.join(', '));
		if (vp.approximate) parts.push('place known only approximately');
		parts.push(`${vp.reports.length} report${vp.reports.length === 1 ? '' : 's'}`);
		return parts.join('; ');
	}

	function drawPlaces() {
		placeLayer.clearLayers();
		drawn = [];
		for (const vp of currentView().places) {
			const place = D.places[vp.place];
			const kinds = vp.kinds.map((k) => [k, false]).concat(vp.spanning_kinds.map((k) => [k, true]));
			const hasDeaths = !!(vp.deaths || vp.spanning);
			const r = hasDeaths ? radius(Math.max(vp.deaths ? vp.deaths.max : 0, vp.spanning ? vp.spanning.max : 0)) : 0;
			const rowW = kinds.length ? kinds.length * SYMBOL + (kinds.length - 1) * 3 : 0;
			const rowY = hasDeaths ? r + 3 + SYMBOL / 2 : 0;
			const ringR = !hasDeaths && vp.approximate ? rowW / 2 + 5 : 0;
			const half = Math.max(r, rowW / 2, ringR) + 3;
			const top = -Math.max(r, ringR, SYMBOL / 2) - 3;
			const bottom = (kinds.length ? rowY + SYMBOL / 2 : Math.max(r, ringR)) + 3;
			const s = svg('svg', { class: 'em-sym', width: 2 * half, height: bottom - top,
				viewBox: `${-half} ${top} ${2 * half} ${bottom - top}`, 'aria-hidden': 'true', focusable: 'false' });
			s.style.left = -half + 'px';
			s.style.top = top + 'px';
			deathCircles(s, vp);
			if (ringR)
				s.appendChild(svg('circle', { r: ringR, fill: S.halo, 'fill-opacity': 0.6, stroke: S.ink, 'stroke-width': 1.2,
					'stroke-dasharray': '3 2.5', class: 'em-approx-ring' }));
			kinds.forEach(([k, hollow], i) =>
				s.appendChild(symbol(k, -rowW / 2 + SYMBOL / 2 + i * (SYMBOL + 3), rowY, hollow)));

			const root = el('div', 'em-place-inner');
			root.appendChild(s);
			const label = labelFor(vp, place);
			root.appendChild(label);
			const marker = L.marker([place.lat, place.lon], {
				keyboard: true, riseOnHover: true, title: describe(vp, place),
				icon: L.divIcon({ html: root, className: 'em-place', iconSize: [0, 0], iconAnchor: [0, 0] }),
			});
			// Opens on a click, a tap, or Enter on the focused marker.
			marker.bindPopup(() => popupContent(vp, place),
				{ maxWidth: Math.min(340, map.getSize().x - 40), autoPanPaddingTopLeft: [52, 16], autoPanPaddingBottomRight: [16, 16] });
			marker.addTo(placeLayer);
			const icon = marker.getElement();
			icon.setAttribute('aria-label', describe(vp, place));
			icon.dataset.place = place.id;
			icon.dataset.name = place.name;
			drawn.push({ vp, place, marker, label, size: labelSize(label),
				box: { x0: -half + 3, y0: top + 3, x1: half - 3, y1: bottom - 3 } });
		}
	}

	// ---- popups --------------------------------------------------------------------
	function popupContent(vp, place) {
		const box = el('div', 'em-popup');
		const h = el('h3', null, place.name + ' ');
		if (place.name_ar && place.name_ar !== place.name) {
			const ar = el('bdi', null, place.name_ar);
			ar.setAttribute('lang', 'ar');
			ar.setAttribute('dir', 'rtl');
			h.appendChild(ar);
		}
		box.appendChild(h);
		box.appendChild(el('p', 'muted small', (state.day ? dayWords(state.day) : `All days, ${allDays()}`) +
			` \u00b7 ${vp.reports.length} report${vp.reports.length === 1 ? '' : 's'}` +
			(vp.approximate ? ' \u00b7 place known only approximately' : '')));
		const ul = el('ul');
		for (const i of vp.reports) {
			const r = D.reports[i];
			const li = el('li');
			li.dataset.report = r.id;
			if (r.figure) {
				li.appendChild(el('span', 'fig', `${r.figure} dead`));
				li.appendChild(document.createTextNode(` (${QUALIFIER_WORDS[r.qualifier] || r.qualifier || 'figure'}), ${D.category_words[r.category] || r.category}. `));
			} else {
				li.appendChild(el('span', 'fig', (KIND_WORDS[r.kind] || r.event_type) + '. '));
				// A 0 given is not a figure left out: nobody was reported killed.
				if (r.no_deaths) li.appendChild(document.createTextNode('No one reported killed. '));
			}
			li.appendChild(document.createTextNode(r.summary || r.sub_event_type));
			li.appendChild(el('span', 'src', `${spanWords(r.date, r.date_end)} \u00b7 Source: ${r.source || 'unattributed'}` +
				(r.outlet ? ` \u00b7 reported by ${r.outlet}` : '')));
			if (r.notes || r.evidence) {
				const notes = el('details', 'notes');
				notes.appendChild(el('summary', null, 'Where it is said, and notes'));
				if (r.evidence) notes.appendChild(el('p', 'evidence', 'In the source: ' + r.evidence));
				if (r.notes) notes.appendChild(el('p', null, r.notes));
				notes.appendChild(el('p', 'muted', 'Report ' + r.id));
				li.appendChild(notes);
			}
			ul.appendChild(li);
		}
		box.appendChild(ul);
		return box;
	}

	// ---- arrows --------------------------------------------------------------------
	// Flows with the same two ends are one arrow (made so by eventmap): a curve
	// bowed inland, stopping clear of the markers, as wide as its largest
	// counted figure, dashed when no one counted.
	let arrows = [];   // per arrow: its body's points and its label, for placeLabels
	function drawArrows() {
		arrowLayer.clearLayers();
		arrows = [];
		const z = map.getZoom();
		const ll = (p) => map.unproject(p, z);
		const inside = (pt) => drawn.some((d) => {
			const c = map.project([d.place.lat, d.place.lon], z);
			return pt.x > c.x + d.box.x0 - 3 && pt.x < c.x + d.box.x1 + 3 && pt.y > c.y + d.box.y0 - 3 && pt.y < c.y + d.box.y1 + 3;
		});
		for (const a of currentView().arrows) {
			const p0 = map.project(a.from, z), p1 = map.project(a.to, z);
			const dx = p1.x - p0.x, dy = p1.y - p0.y, len = Math.hypot(dx, dy) || 1e-6;
			let nx = -dy / len, ny = dx / len;
			// Bow east when it runs north-south (inland on a west coast), north otherwise.
			if ((Math.abs(dy) >= Math.abs(dx) && nx < 0) || (Math.abs(dy) < Math.abs(dx) && ny > 0)) { nx = -nx; ny = -ny; }
			const c = L.point((p0.x + p1.x) / 2 + nx * 0.22 * len, (p0.y + p1.y) / 2 + ny * 0.22 * len);
			const at = (t) => L.point((1 - t) * (1 - t) * p0.x + 2 * (1 - t) * t * c.x + t * t * p1.x,
				(1 - t) * (1 - t) * p0.y + 2 * (1 - t) * t * c.y + t * t * p1.y);
			let t0 = 0, t1 = 1;
			while (t0 < 0.4 && inside(at(t0))) t0 += 0.01;
			while (t1 > 0.6 && inside(at(t1))) t1 -= 0.01;
			const counted = !!a.people, w = widthOf(a.people), color = counted ? S.arrow : S.arrow_uncounted;
			const headLen = Math.max(11, 2.3 * w), headW = Math.max(5.5, 1.05 * w);
			const end = at(t1), before = at(t1 - 0.01);
			const tl = Math.hypot(end.x - before.x, end.y - before.y) || 1;
			const tx = (end.x - before.x) / tl, ty = (end.y - before.y) / tl;
			const base = L.point(end.x - tx * headLen, end.y - ty * headLen);
			const pts = [];
			for (let i = 0; i <= 40; i++) {
				const p = at(t0 + (t1 - t0) * i / 40);
				if ((p.x - base.x) * tx + (p.y - base.y) * ty >= 0) break; // stop at the head's base
				pts.push(p);
			}
			pts.push(base);
			const opts = { pane: 'arrows', interactive: false, lineCap: 'butt', lineJoin: 'round' };
			L.polyline(pts.map(ll), { ...opts, color: S.halo, opacity: 0.7, weight: w + 3, className: 'em-arrow-casing' }).addTo(arrowLayer);
			L.polyline(pts.map(ll), { ...opts, color, weight: w, opacity: 1, dashArray: counted ? null : '7 4', className: 'em-arrow' }).addTo(arrowLayer);
			L.polygon([end, L.point(base.x - ty * headW, base.y + tx * headW), L.point(base.x + ty * headW, base.y - tx * headW)].map(ll),
				{ ...opts, stroke: false, fillColor: color, fillOpacity: 1, className: 'em-arrowhead' }).addTo(arrowLayer);
			// Its label, placed by placeLabels beside the curve, outside first.
			const label = el('div', 'em-arrow-label' + (counted ? '' : ' uncounted'), a.label);
			const marker = textMarker(ll(at(0.5)), label, 'arrows').addTo(arrowLayer);
			const spots = [0.5, 0.38, 0.62, 0.28, 0.72].map((t) => ({ at: ll(at(t)), side: nx > 0 ? 1 : -1 }));
			spots.push(...spots.map((x) => ({ at: x.at, side: -x.side })));
			arrows.push({ body: pts.concat([end]).map(ll), w, label, marker, spots });
		}
	}

	// ---- labels: a greedy placement: places, arrows, regions, then towns ----------
	const overlaps = (a, b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
	function placeLabels() {
		const taken = [], bodies = [];
		const size = map.getSize();
		// Labels keep off markers, other labels and (if they can) arrows.
		const fits = (box, overArrows) => box.x0 >= 0 && box.y0 >= 0 && box.x1 <= size.x && box.y1 <= size.y &&
			!taken.some((t) => overlaps(t, box)) && (overArrows || !bodies.some((t) => overlaps(t, box)));
		const at = (d) => map.latLngToContainerPoint([d.place.lat, d.place.lon]);
		for (const d of drawn) {
			const c = at(d);
			taken.push({ x0: c.x + d.box.x0, y0: c.y + d.box.y0, x1: c.x + d.box.x1, y1: c.y + d.box.y1 });
		}
		for (const a of arrows) {
			for (const p of a.body) {
				const c = map.latLngToContainerPoint(p), r = a.w / 2 + 2;
				bodies.push({ x0: c.x - r, y0: c.y - r, x1: c.x + r, y1: c.y + r });
			}
		}
		drawn.forEach((d) => {
			const c = at(d), [w, h] = d.size, b = d.box, g = 4;
			const right = [b.x1 + g, -h / 2], left = [b.x0 - g - w, -h / 2];
			const spots = (state.lang === 'ar' ? [left, right] : [right, left])
				.concat([[-w / 2, b.y0 - g - h], [-w / 2, b.y1 + g], [b.x1 + g, b.y0 - h], [b.x1 + g, b.y1],
					[b.x0 - g - w, b.y0 - h], [b.x0 - g - w, b.y1], [b.x1 + g, -h / 2 - h], [b.x1 + g, h / 2]]);
			const box = ([x, y]) => ({ x0: c.x + x, y0: c.y + y, x1: c.x + x + w, y1: c.y + y + h });
			// A death toll's label may lie over an arrow rather than be lost.
			const deaths = !!(d.vp.deaths || d.vp.spanning);
			const spot = spots.find((o) => fits(box(o), false)) || (deaths && spots.find((o) => fits(box(o), true)));
			// No free spot: the label waits for a closer zoom; the marker still
			// names the place to screen readers, in its tooltip and its popup.
			d.label.classList.toggle('em-hidden', !spot);
			if (!spot) return;
			d.label.style.left = spot[0] + 'px';
			d.label.style.top = spot[1] + 'px';
			taken.push({ x0: c.x + spot[0], y0: c.y + spot[1], x1: c.x + spot[0] + w, y1: c.y + spot[1] + h });
		});
		const lw = Math.min(170, Math.round(size.x * 0.4));
		for (const a of arrows) {
			const lines = Math.ceil(textWidth(a.label.textContent, 12, 400, false) * 1.08 / lw); // italic, wrapped
			const h = 16 * lines;
			a.label.style.width = lw + 'px';
			const spot = [0, 20, 40].flatMap((far) => a.spots.flatMap((s) => [-h / 2, 0, -h].map((y) => {
				const c = map.latLngToContainerPoint(s.at), x = s.side > 0 ? a.w / 2 + 6 + far : -lw - a.w / 2 - 6 - far;
				return { s, x, y, box: { x0: c.x + x, y0: c.y + y, x1: c.x + x + lw, y1: c.y + y + h } };
			}))).find((o) => fits(o.box, false));
			a.label.classList.toggle('em-hidden', !spot);
			if (!spot) continue; // the flows table still says it
			a.marker.setLatLng(spot.s.at);
			a.label.style.left = spot.x + 'px';
			a.label.style.top = spot.y + 'px';
			a.label.style.textAlign = spot.s.side > 0 ? 'left' : 'right';
			taken.push(spot.box);
		}
		drawRegions(taken);
		drawTowns(taken);
	}

	function regionName(p) {
		const ar = state.lang === 'ar' && p.name_ar;
		const e = el('span', null, ar ? p.name_ar : p.name);
		if (ar) { e.setAttribute('lang', 'ar'); e.setAttribute('dir', 'rtl'); }
		return e;
	}
	function drawRegions(taken) {
		regionLayer.clearLayers();
		const view = map.getZoom() >= 8.5 ? 'coast' : 'region';
		for (const [fc, cls] of [[B.country_labels, 'em-country'], [B.sea_labels, 'em-sea']]) {
			for (const f of fc.features) {
				if (f.properties.view !== view) continue;
				const node = el('div', 'em-region-label ' + cls);
				const name = regionName(f.properties);
				if (name.getAttribute('lang')) node.setAttribute('lang', 'ar');
				node.appendChild(name);
				textMarker([f.geometry.coordinates[1], f.geometry.coordinates[0]], node, 'regions').addTo(regionLayer);
				const c = map.latLngToContainerPoint([f.geometry.coordinates[1], f.geometry.coordinates[0]]);
				const ar = !!name.getAttribute('lang'), country = cls === 'em-country';
				const text = country && !ar ? name.textContent.toUpperCase() : name.textContent;
				const w = textWidth(text, country ? 14 : 13, country ? 600 : 400, ar, country && !ar ? 0.25 : 0), h = 18;
				taken.push({ x0: c.x - w / 2, y0: c.y - h / 2, x1: c.x + w / 2, y1: c.y + h / 2 });
			}
		}
	}

	// Context towns where room is left, the most populous first.
	const placeIds = new Set(D.places.map((p) => p.id));
	function drawTowns(taken) {
		townLayer.clearLayers();
		const z = map.getZoom();
		const minPop = z < 7.5 ? 300000 : z < 8.5 ? 80000 : z < 9.5 ? 25000 : 0;
		const bounds = map.getBounds().pad(-0.02);
		const size = map.getSize();
		const near = (lat, lon) => D.places.some((p) => Math.abs(p.lat - lat) < 0.03 && Math.abs(p.lon - lon) < 0.03);
		const towns = B.towns.features.filter((f) => {
			const [lon, lat] = f.geometry.coordinates, p = f.properties;
			return p.population >= minPop && bounds.contains([lat, lon]) && !placeIds.has(String(p.geonameid)) && !near(lat, lon);
		}).sort((a, b) => b.properties.population - a.properties.population);
		let shown = 0;
		for (const f of towns) {
			if (shown >= 60) break;
			const [lon, lat] = f.geometry.coordinates;
			const c = map.latLngToContainerPoint([lat, lon]);
			const name = regionName(f.properties);
			const w = textWidth(name.textContent, 11, 400, !!name.getAttribute('lang')) + 2, h = 15;
			const dotBox = { x0: c.x - 3, y0: c.y - 3, x1: c.x + 3, y1: c.y + 3 };
			const spots = state.lang === 'ar' ? [[-w - 5, -h / 2], [5, -h / 2]] : [[5, -h / 2], [-w - 5, -h / 2]];
			for (const [x, y] of spots) {
				const box = { x0: c.x + x, y0: c.y + y, x1: c.x + x + w, y1: c.y + y + h };
				if (box.x0 < 0 || box.x1 > size.x || taken.some((t) => overlaps(t, box) || overlaps(t, dotBox))) continue;
				const root = el('div', 'em-town');
				const label = el('span', 'em-town-label');
				label.appendChild(name);
				label.style.left = x + 'px';
				label.style.top = y + 'px';
				root.appendChild(el('span', 'em-town-dot'));
				root.appendChild(label);
				textMarker([lat, lon], root, 'towns').addTo(townLayer);
				taken.push(box, dotBox);
				shown++;
				break;
			}
		}
	}

	// ---- panels --------------------------------------------------------------------
	function drawHeadline() {
		const v = currentView(), box = $('headline');
		box.replaceChildren();
		const spans = v.headline.some((h) => h.spanning);
		const these = state.day ? 'this day' : 'these days';
		$('headline-h').textContent = v.headline.some((h) => h.region)
			? 'Deaths reported for whole regions' : 'Deaths reported across the whole area';
		$('headline-note').textContent = v.headline.length === 0
			? `No source gave a region-wide total for a period that includes ${these}.`
			: spans ? `Totals for the region as each source gave them, for periods that include ${these}; sources are not added up.`
				: 'Totals for the region as each source gave them; sources are not added up.';
		for (const h of v.headline) {
			const d = el('div', 'hl');
			d.dataset.source = h.source;
			const p = el('p');
			// One source's totals for different regions say which region.
			p.appendChild(el('span', 'src', h.region ? `${h.source} \u00b7 ${h.region}` : h.source));
			p.appendChild(el('span', 'fig', h.display));
			d.appendChild(p);
			if (h.parts) d.appendChild(el('p', 'small', h.parts));
			d.appendChild(el('p', 'muted small', h.days));
			box.appendChild(d);
		}
	}
	function drawNotMapped() {
		const ul = $('notmapped'), v = currentView();
		ul.replaceChildren();
		for (const line of v.not_mapped) ul.appendChild(el('li', null, line));
		if (!v.not_mapped.length) ul.appendChild(el('li', 'muted', 'Nothing: every report of these days with a place is on the map.'));
	}

	function legendRow(parent, graphic, words, full) {
		const row = el('div', 'lg' + (full ? ' full' : ''));
		row.appendChild(graphic);
		row.appendChild(el('span', null, words));
		parent.appendChild(row);
	}
	function box(w, h, x0, y0) {
		return svg('svg', { width: w, height: h, viewBox: `${x0} ${y0} ${w} ${h}`, 'aria-hidden': 'true', focusable: 'false' });
	}
	// The circles' scale, the categories on the map, ranges and spans.
	function deathsLegend(grid, used) {
		grid.appendChild(el('h3', null, 'Deaths reported at a place (circle area)'));
		const max = D.scale.deaths_max;
		const values = [...new Set([max, Math.max(1, Math.round(max / 4)), 1])].filter((v) => v <= max);
		const R = radius(max);
		const s = box(2 * R + 50, 2 * R + 4, -R - 2, -2);
		for (const v of values) {
			const r = radius(v);
			s.appendChild(svg('circle', { cx: 0, cy: 2 * R - r, r, fill: '#f3f3f3', stroke: '#555', 'stroke-width': 1 }));
			s.appendChild(svg('line', { x1: 0, y1: 2 * R - 2 * r, x2: R + 8, y2: 2 * R - 2 * r, stroke: '#555', 'stroke-width': 0.7 }));
			const t = svg('text', { x: R + 10, y: 2 * R - 2 * r + 4, 'font-size': 11, fill: S.text });
			t.textContent = String(v);
			s.appendChild(t);
		}
		legendRow(grid, s, 'One scale for every day', true);
		for (const c of used.categories) {
			const g = box(16, 16, -8, -8);
			g.appendChild(svg('circle', { r: 7, fill: colour(c), 'fill-opacity': 0.85, stroke: S.outline }));
			legendRow(grid, g, D.category_words[c] || c);
		}
		if (used.range) {
			const g = box(24, 24, -12, -12);
			g.appendChild(svg('circle', { r: 10, fill: 'none', stroke: colour('unknown'), 'stroke-width': 1.2 }));
			g.appendChild(svg('circle', { r: 5, fill: colour('unknown'), 'fill-opacity': 0.85, stroke: S.outline }));
			legendRow(grid, g, 'Range across sources: lowest (disc) to highest (ring)', true);
		}
		if (used.spanning) {
			const g = box(24, 24, -12, -12);
			g.appendChild(svg('circle', { r: 10, fill: 'url(#hatch-unknown)', stroke: colour('unknown'), 'stroke-width': 1.5 }));
			legendRow(grid, g, 'Deaths reported for a period reaching beyond the day shown', true);
		}
	}

	function drawLegend() {
		const L0 = $('legend');
		L0.replaceChildren();
		const grid = el('div', 'legend-grid');
		L0.appendChild(grid);
		const used = { categories: new Set(), kinds: new Set(), range: false, spanning: false, approximate: false };
		for (const v of Object.values(D.views)) for (const p of v.places) {
			if (p.deaths || p.spanning) used.categories.add(p.category);
			p.kinds.concat(p.spanning_kinds).forEach((k) => used.kinds.add(k));
			used.range ||= !!(p.deaths && p.deaths.min < p.deaths.max);
			used.spanning ||= !!p.spanning;
			used.approximate ||= p.approximate;
		}
		if (used.categories.size) deathsLegend(grid, used);
		if (used.kinds.size) grid.appendChild(el('h3', null, 'Events reported without a death toll'));
		for (const k of Object.keys(KIND_WORDS)) {
			if (!used.kinds.has(k)) continue;
			const g = box(16, 16, -8, -8);
			g.appendChild(symbol(k, 0, 0, false));
			legendRow(grid, g, KIND_WORDS[k]);
		}
		const hol = box(16, 16, -8, -8);
		hol.appendChild(symbol('strategic_developments', 0, 0, true));
		legendRow(grid, hol, 'Hollow: reported over a period reaching beyond the day shown', true);
		if (used.approximate) {
			const g = box(24, 24, -12, -12);
			g.appendChild(svg('circle', { r: 10, fill: S.halo, stroke: S.ink, 'stroke-width': 1.2, 'stroke-dasharray': '3 2.5' }));
			g.appendChild(symbol('battles', 0, 0, false));
			legendRow(grid, g, 'Place known only approximately (dashed)', true);
		}
		if (D.flows.length) {
			grid.appendChild(el('h3', null, 'People displaced (arrow width)'));
			const w = widthOf(D.scale.people_max);
			const g = box(48, 20, 0, -10);
			g.appendChild(svg('path', { d: `M0,0L${48 - 2.3 * w},0`, stroke: S.arrow, 'stroke-width': w }));
			g.appendChild(svg('path', { d: `M48,0L${48 - 2.3 * w},${-w}L${48 - 2.3 * w},${w}Z`, fill: S.arrow }));
			legendRow(grid, g, `${D.scale.people_max.toLocaleString('en-US')} people`, true);
			const u = box(48, 20, 0, -10);
			u.appendChild(svg('path', { d: 'M0,0L37,0', stroke: S.arrow_uncounted, 'stroke-width': 2.5, 'stroke-dasharray': '7 4' }));
			u.appendChild(svg('path', { d: 'M48,0L37,-5.5L37,5.5Z', fill: S.arrow_uncounted }));
			legendRow(grid, u, 'Movement reported, not counted', true);
		}
		const t = box(16, 16, -8, -8);
		t.appendChild(svg('circle', { r: 2.5, fill: S.town }));
		legendRow(grid, t, 'Town');
		const b = box(30, 10, 0, -5);
		b.appendChild(svg('path', { d: 'M0,0L30,0', stroke: S.border, 'stroke-width': 1.4, 'stroke-dasharray': '6 4' }));
		legendRow(grid, b, 'International border');
	}

	function cell(tr, text, cls) {
		const td = el('td', cls, text);
		tr.appendChild(td);
		return td;
	}
	// The reports table, by first day, a page of ROWS rows at a time: a
	// year of reports would take the browser seconds to lay out at once.
	const ROWS = 500;
	const tableRows = D.reports.map((r, i) => [r, i]).sort((a, b) => a[0].date.localeCompare(b[0].date) || a[1] - b[1]);
	let tablePage = 0;
	function reportRow(r) {
		const tr = el('tr');
		tr.dataset.report = r.id;
		tr.dataset.from = r.date;
		tr.dataset.to = r.date_end;
		cell(tr, spanWords(r.date, r.date_end));
		const where = r.place !== null ? D.places[r.place].name : r.location;
		cell(tr, where + (r.scope !== 'place' ? ' (whole area)' : r.state === 'not_mapped' ? ' (not on the map)' : r.state === 'approximate' ? ' (approximate)' : ''));
		cell(tr, r.figure ? `${r.figure}${r.qualifier && r.qualifier !== 'exact' ? ' (' + QUALIFIER_WORDS[r.qualifier] + ')' : ''}` : r.no_deaths ? '0' : '\u2013', 'num');
		cell(tr, r.figure || r.no_deaths ? D.category_words[r.category] || r.category : '');
		cell(tr, r.event_type);
		cell(tr, r.summary || r.sub_event_type);
		cell(tr, r.source);
		cell(tr, r.outlet);
		return tr;
	}
	function showRows(page) {
		const pages = Math.max(1, Math.ceil(tableRows.length / ROWS));
		tablePage = Math.max(0, Math.min(pages - 1, page));
		const body = document.querySelector('#report-table tbody');
		const first = tablePage * ROWS, rows = tableRows.slice(first, first + ROWS);
		body.replaceChildren(...rows.map(([r]) => reportRow(r)));
		$('report-pager').hidden = pages === 1;
		$('rows-now').textContent = `Reports ${(first + 1).toLocaleString('en')}\u2013${(first + rows.length).toLocaleString('en')} of ${tableRows.length.toLocaleString('en')}`;
		$('rows-prev').disabled = tablePage === 0;
		$('rows-next').disabled = tablePage === pages - 1;
		markTableRows();
	}
	$('rows-prev').addEventListener('click', () => showRows(tablePage - 1));
	$('rows-next').addEventListener('click', () => showRows(tablePage + 1));
	function drawTables() {
		showRows(0);
		const fbody = document.querySelector('#flow-table tbody');
		for (const f of D.flows) {
			const tr = el('tr');
			cell(tr, f.date ? spanWords(f.date, f.date) : 'not given');
			cell(tr, f.origin);
			cell(tr, f.destination + (f.from ? '' : ' (not on the map)'));
			cell(tr, f.figure, 'num');
			cell(tr, f.source);
			cell(tr, f.outlet);
			fbody.appendChild(tr);
		}
		const credit = D.credit ? D.credit + (/[.!?]$/.test(D.credit) ? ' ' : '. ') : '';
		$('credit-sources').textContent = `${credit}Figures as reported, not independently verified. Sources: ${D.sources.join(', ') || 'none'}` +
			(D.outlets.length ? `; as reported by ${D.outlets.join(', ')}.` : '.');
	}
	function markTableRows() {
		for (const tr of document.querySelectorAll('#report-table tbody tr'))
			tr.classList.toggle('in-view', !!state.day && tr.dataset.from <= state.day && state.day <= tr.dataset.to);
	}

	// ---- the day: slider 0 = all days, 1..N = the days -----------------------------
	const slider = $('day'), playBtn = $('play'), allBtn = $('alldays');
	slider.max = String(D.days.length);
	function setDay(index) {
		const t0 = performance.now();
		state.day = index > 0 ? D.days[index - 1] : null;
		slider.value = String(index);
		const words = state.day ? dayWords(state.day) : `All days (${allDays()})`;
		slider.setAttribute('aria-valuetext', words);
		$('day-now').textContent = words;
		allBtn.setAttribute('aria-pressed', String(!state.day));
		document.documentElement.dataset.day = state.day || 'all';
		map.closePopup();
		drawPlaces();
		drawArrows();
		placeLabels();
		drawHeadline();
		drawNotMapped();
		markTableRows();
		performance.measure('em-day', { start: t0 });
	}
	function stop() {
		clearInterval(state.timer);
		state.timer = null;
		playBtn.textContent = 'Play';
		playBtn.setAttribute('aria-pressed', 'false');
	}
	slider.addEventListener('input', () => { stop(); setDay(Number(slider.value)); });
	allBtn.addEventListener('click', () => { stop(); setDay(0); });
	playBtn.addEventListener('click', () => {
		if (state.timer) return stop();
		playBtn.textContent = 'Pause';
		playBtn.setAttribute('aria-pressed', 'true');
		if (Number(slider.value) >= D.days.length) setDay(1);
		else setDay(Number(slider.value) + 1);
		state.timer = setInterval(() => {
			const next = Number(slider.value) + 1;
			if (next > D.days.length) return stop();
			setDay(next);
		}, 1400);
	});
	document.documentElement.dataset.lang = state.lang;
	for (const r of document.querySelectorAll('input[name=lang]')) {
		r.checked = r.value === state.lang;
		r.addEventListener('change', () => {
			state.lang = r.value;
			document.documentElement.dataset.lang = state.lang;
			drawPlaces();
			placeLabels();
		});
	}
	map.on('zoomend', drawArrows); // circles keep their pixel size; labels follow on moveend
	map.on('moveend', () => placeLabels());
	map.on('resize', () => { drawPlaces(); drawArrows(); placeLabels(); });

	drawTables();
	drawLegend();
	performance.mark('em-panels');
	setDay(0);
	performance.mark('em-view');
	// First full draw: the basemap canvas paints on the next animation frame.
	requestAnimationFrame(() => requestAnimationFrame(() => {
		performance.mark('em-drawn');
		performance.measure('em-first-draw', 'em-start', 'em-drawn');
		document.documentElement.dataset.ready = '1';
	}));
}());
