// The web page eventmap writes, in Debian's Chromium driven by
// playwright-core (no browser download: CHROMIUM, default /usr/bin/chromium).
//
//   node tests/web/web_test.mjs EVENTMAP OUT_DIR
//
// It runs `eventmap web` on the default dataset, on an ACLED export of
// other places and days, and on reports full of markup, then:
// - loads the default page from file:// and from a static server on
//   127.0.0.1 that it starts and stops itself, fails on any request that
//   leaves that folder or origin (aborting it too), on any console error,
//   page error or CSP violation;
// - steps the day slider with the keyboard, counts places and arrows per
//   day against the data, screenshots the map per day (OUT_DIR/screenshots)
//   and checks its pixels;
// - opens Baniyas with a click and with Enter: its popup names the source;
// - Arabic and both labels, right to left; 320 px wide; inside an iframe;
// - ACLED: events with 0 deaths are symbols, never "· 0" or a circle;
// - hostile text shows as text, and the CSP blocks injected inline code.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [eventmap, outRoot] = process.argv.slice(2);
if (!eventmap || !outRoot) {
	console.error('usage: node web_test.mjs EVENTMAP OUT_DIR');
	process.exit(2);
}
const outDir = path.join(path.resolve(outRoot), 'screenshots');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

let passed = 0, failed = 0;
const timings = {};
function check(ok, what, detail) {
	if (ok) passed++;
	else failed++;
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${!ok && detail !== undefined ? ' -- ' + JSON.stringify(detail).slice(0, 400) : ''}`);
	return ok;
}

// ---- the pages, written by eventmap --------------------------------------------
function web(name, ...args) {
	const dir = path.join(path.resolve(outRoot), name);
	fs.rmSync(dir, { recursive: true, force: true });
	execFileSync(eventmap, ['web', '-q', '-o', dir, ...args], { stdio: ['ignore', 'inherit', 'pipe'] });
	return path.join(dir, 'web');
}
function loadData(file) {
	const ctx = { window: {} };
	vm.runInNewContext(fs.readFileSync(file, 'utf8'), ctx);
	return ctx.window.EVENTMAP;
}
const webDir = web('default');
const DATA = loadData(path.join(webDir, 'data/data.js'));
const DAYS = ['all', ...DATA.days];

// ---- a minimal PNG decoder (8-bit RGB/RGBA, not interlaced) -------------------
function decodePNG(buf) {
	let pos = 8, width = 0, height = 0, type = 0;
	const idat = [];
	while (pos < buf.length) {
		const len = buf.readUInt32BE(pos), kind = buf.toString('ascii', pos + 4, pos + 8);
		const body = buf.subarray(pos + 8, pos + 8 + len);
		if (kind === 'IHDR') {
			width = body.readUInt32BE(0); height = body.readUInt32BE(4); type = body[9];
			if (body[8] !== 8 || body[12] !== 0 || (type !== 2 && type !== 6)) throw new Error('unsupported PNG');
		} else if (kind === 'IDAT') idat.push(body);
		pos += 12 + len;
	}
	const bpp = type === 6 ? 4 : 3, stride = width * bpp;
	const raw = zlib.inflateSync(Buffer.concat(idat));
	const px = Buffer.alloc(height * stride);
	for (let y = 0; y < height; y++) {
		const f = raw[y * (stride + 1)], line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
		for (let x = 0; x < stride; x++) {
			const a = x >= bpp ? px[y * stride + x - bpp] : 0, b = y ? px[(y - 1) * stride + x] : 0;
			const c = x >= bpp && y ? px[(y - 1) * stride + x - bpp] : 0;
			let v = line[x];
			if (f === 1) v += a;
			else if (f === 2) v += b;
			else if (f === 3) v += (a + b) >> 1;
			else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
			px[y * stride + x] = v & 255;
		}
	}
	return { width, height, bpp, px };
}
const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
function pixelStats(png) {
	const { width, height, bpp, px } = decodePNG(png);
	const colours = new Set();
	const near = (i, rgb, tol) => Math.abs(px[i] - rgb[0]) <= tol && Math.abs(px[i + 1] - rgb[1]) <= tol && Math.abs(px[i + 2] - rgb[2]) <= tol;
	// Civilians' orange: at 0.85 opacity over the focus land (a disc), or
	// pure (the outline and hatching of a figure over several days).
	const pure = hex(DATA.style.civilians);
	const orange = pure.map((v, k) => Math.round(0.85 * v + 0.15 * hex(DATA.style.focus_land)[k]));
	let sea = 0, land = 0, ink = 0, civ = 0;
	for (let i = 0; i < width * height * bpp; i += bpp) {
		colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
		if (near(i, hex(DATA.style.sea), 2)) sea++;
		else if (near(i, hex(DATA.style.focus_land), 2) || near(i, hex(DATA.style.neighbour_land), 2)) land++;
		else if (px[i] < 80 && px[i + 1] < 80 && px[i + 2] < 80) ink++;
		if (near(i, orange, 12) || near(i, pure, 24)) civ++;
	}
	const n = width * height;
	return { distinct: colours.size, sea: sea / n, land: land / n, ink: ink / n, civilians: civ };
}

// ---- a static server for web/ on 127.0.0.1 ------------------------------------
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css',
	'.txt': 'text/plain; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml' };
const served = [];
function startServer(dir) {
	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://127.0.0.1');
		served.push(url.pathname);
		if (url.pathname === '/_test/frame.html') { // a host page for the iframe check
			res.writeHead(200, { 'content-type': TYPES['.html'] });
			res.end('<!doctype html><title>host</title><p>Host page</p><iframe id="f" src="/index.html" width="420" height="760" title="map"></iframe>');
			return;
		}
		const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)));
		if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
			res.writeHead(404); res.end(); served.push('404 ' + url.pathname); return;
		}
		res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
		fs.createReadStream(file).pipe(res);
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---- a page with everything it does recorded --------------------------------------
async function openPage(browser, url, allowed, viewport = { width: 1280, height: 900 }, ready = true) {
	const context = await browser.newContext({ viewport });
	const log = { requests: [], outside: [], errors: [], dialogs: [] };
	context.on('request', (r) => {
		log.requests.push(r.url());
		if (!allowed(r.url())) log.outside.push(r.url());
	});
	// Nothing leaves: a request outside is aborted as well as reported.
	await context.route('**/*', (route) => (allowed(route.request().url()) ? route.continue() : route.abort()));
	await context.addInitScript(() => {
		window.__csp = [];
		document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
	});
	const page = await context.newPage();
	page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') log.errors.push(`${m.type()}: ${m.text()}`); });
	page.on('pageerror', (e) => log.errors.push('pageerror: ' + e.message));
	page.on('dialog', (d) => { log.dialogs.push(d.message()); d.dismiss(); });
	await page.goto(url);
	if (ready) await page.waitForSelector('html[data-ready="1"]', { timeout: 30000 });
	return { context, page, log };
}
const counts = (page) => page.evaluate(() => ({
	day: document.documentElement.dataset.day,
	places: document.querySelectorAll('.leaflet-marker-pane .em-place').length,
	arrows: document.querySelectorAll('path.em-arrow').length,
	heads: document.querySelectorAll('path.em-arrowhead').length,
	labels: [...document.querySelectorAll('.em-place .em-label')].map((e) => e.textContent),
}));
const firstDraw = (page) => page.evaluate(() => {
	const m = performance.getEntriesByName('em-first-draw')[0];
	const n = performance.getEntriesByType('navigation')[0];
	return { draw: m && m.duration, drawn: m && m.startTime + m.duration, load: n && n.loadEventEnd };
});

// ---- the checks for one origin ------------------------------------------------------
async function checkOrigin(browser, name, base, allowed) {
	const { context, page, log } = await openPage(browser, base + 'index.html', allowed);
	const t = await firstDraw(page);
	timings[name] = t;
	check(t.draw > 0, `${name}: first full draw measured (${Math.round(t.draw)} ms after app.js starts, ${Math.round(t.drawn)} ms after navigation)`);
	check(await page.evaluate(() => !!document.querySelector('meta[http-equiv="Content-Security-Policy"]')), `${name}: CSP meta tag present`);

	// Keyboard: Home is "all days", each ArrowRight the next day.
	await page.focus('#day');
	await page.keyboard.press('Home');
	for (const [i, day] of DAYS.entries()) {
		if (i > 0) await page.keyboard.press('ArrowRight');
		await page.waitForFunction((d) => document.documentElement.dataset.day === d, day);
		await page.waitForTimeout(150);
		const c = await counts(page);
		const v = DATA.views[day];
		check(c.places === v.places.length && c.arrows === v.arrows.length && c.heads === v.arrows.length,
			`${name}: ${day}: ${c.places} places, ${c.arrows} arrows as the data says`, { c, want: [v.places.length, v.arrows.length] });
		const shot = await page.locator('#map').screenshot({ path: path.join(outDir, `${name}-${day}.png`) });
		const px = pixelStats(shot);
		const hasDeaths = v.places.some((p) => p.category === 'civilians' && (p.deaths || p.spanning));
		check(px.distinct > 40 && px.sea > 0.05 && px.sea < 0.85 && px.land > 0.1 && px.ink > 0.0005,
			`${name}: ${day}: map not blank (${px.distinct} colours, sea ${(px.sea * 100).toFixed(1)}%, land ${(px.land * 100).toFixed(1)}%, ink ${(px.ink * 100).toFixed(2)}%)`, px);
		check(hasDeaths ? px.civilians > 50 : px.civilians < 20,
			`${name}: ${day}: civilians' circles ${hasDeaths ? 'drawn' : 'absent'} (${px.civilians} orange pixels)`, px);
	}
	// This dataset, by hand: all days 9 places and 2 arrows (Syrian coast to
	// Khmeimim, two flows merged; to Akkar); 8 March the one dated flow; 11 March two places.
	const want = { all: [9, 2], '2025-03-08': [9, 1], '2025-03-11': [2, 0] };
	for (const [day, [p, a]] of Object.entries(want))
		check(DATA.views[day].places.length === p && DATA.views[day].arrows.length === a, `${name}: dataset: ${day} has ${p} places, ${a} arrows`);

	// The scale is shared: Baniyas' circle is as big on 6 March (spanning) as on all days.
	await page.keyboard.press('Home');
	const rAll = await page.locator('[data-name="Baniyas"] circle').first().getAttribute('r');
	await page.keyboard.press('ArrowRight');
	const rDay = await page.locator('[data-name="Baniyas"] circle').first().getAttribute('r');
	check(rAll === rDay && Number(rAll) > 0, `${name}: one circle scale for all days (r ${rAll} and ${rDay})`);

	// Play runs through the days and stops at the last one.
	await page.click('#play');
	await page.waitForFunction((d) => document.documentElement.dataset.day === d, DATA.days[DATA.days.length - 1], { timeout: 20000 });
	await page.waitForFunction(() => document.getElementById('play').getAttribute('aria-pressed') === 'false', null, { timeout: 5000 });
	check(true, `${name}: play runs to the last day and stops`);

	// Baniyas with a click: every report there, with its source and outlet.
	await page.click('#alldays');
	await page.locator('[data-name="Baniyas"] .em-sym').click();
	const popup = await page.locator('.leaflet-popup-content').textContent({ timeout: 5000 });
	check(popup.includes('Ali Sheha (resident)') && popup.includes('unnamed outlet') && popup.includes('20 dead') && popup.includes('exact figure'),
		`${name}: Baniyas popup names its source, outlet, figure and qualifier`, popup);
	check(popup.includes('eyewitnesses') && popup.includes('CBC News'), `${name}: Baniyas popup lists every report there`, popup);
	await page.locator('#map').screenshot({ path: path.join(outDir, `${name}-popup.png`) });
	await page.keyboard.press('Escape');
	// ... and with the keyboard: focus the marker, press Enter.
	await page.evaluate(() => document.querySelector('.em-place[data-name="Baniyas"]').focus());
	await page.keyboard.press('Enter');
	const popup2 = await page.locator('.leaflet-popup-content').textContent({ timeout: 5000 });
	check(popup2.includes('Ali Sheha (resident)'), `${name}: Baniyas popup opens with Enter`);
	await page.keyboard.press('Escape');

	// Arabic labels, right to left.
	await page.check('input[name=lang][value=ar]');
	const ar = await page.evaluate(() => {
		const l = document.querySelector('.em-place[data-name="Baniyas"] .em-label');
		const name = l.querySelector('bdi[lang=ar]'), fig = l.querySelector('.fig');
		return { text: l.textContent, dir: l.getAttribute('dir'), nameX: name.getBoundingClientRect().left, figX: fig.getBoundingClientRect().left,
			all: [...document.querySelectorAll('.em-place .em-label')].map((e) => e.textContent),
			towns: [...document.querySelectorAll('.em-town-label')].map((e) => e.textContent).slice(0, 5) };
	});
	check(ar.text.includes('بانياس') && ar.dir === 'rtl', `${name}: Arabic label for Baniyas, dir rtl (${ar.text})`, ar);
	check(ar.nameX > ar.figX, `${name}: Arabic name reads first, from the right (name at x ${Math.round(ar.nameX)}, figure at ${Math.round(ar.figX)})`, ar);
	check(ar.all.every((t) => /[\u0600-\u06FF]/.test(t)) && ar.towns.every((t) => /[\u0600-\u06FF]/.test(t)), `${name}: every place and town label in Arabic`, ar);
	await page.locator('#map').screenshot({ path: path.join(outDir, `${name}-arabic.png`) });
	await page.check('input[name=lang][value=both]');
	const both = await page.locator('.em-place[data-name="Baniyas"] .em-label').textContent();
	check(both.includes('Baniyas') && both.includes('بانياس'), `${name}: both names when asked (${both})`);
	await page.locator('#map').screenshot({ path: path.join(outDir, `${name}-both.png`) });
	await page.check('input[name=lang][value=en]');

	// Panels: headline per source, not on the map, the table, credits.
	const panels = await page.evaluate(() => ({
		headline: [...document.querySelectorAll('#headline .hl')].map((e) => e.textContent),
		notmapped: document.getElementById('notmapped').textContent,
		rows: document.querySelectorAll('#report-table tbody tr').length,
		credits: document.getElementById('credits').textContent,
	}));
	check(panels.headline.some((h) => h.includes('SOHR') && h.includes('1,018–1,025')) && panels.headline.some((h) => h.includes('SNHR') && h.includes('~779')),
		`${name}: headline totals per source`, panels.headline);
	check(panels.notmapped.includes('Tuwaym'), `${name}: Tuwaym is listed as not on the map`);
	check(panels.rows === DATA.reports.length, `${name}: table has every report (${panels.rows})`);
	check(/GeoNames/.test(panels.credits) && /CC BY 4\.0/.test(panels.credits) && /Leaflet/.test(panels.credits), `${name}: credits and licences`);

	const day = await page.evaluate(() => performance.getEntriesByName('em-day').map((m) => m.duration));
	timings[name].day = day.sort((a, b) => a - b)[Math.floor(day.length / 2)];
	const csp = await page.evaluate(() => window.__csp);
	check(csp.length === 0, `${name}: no CSP violation`, csp);
	check(log.errors.length === 0, `${name}: no console errors or warnings`, log.errors);
	check(log.outside.length === 0, `${name}: no request leaves the page's origin (${log.requests.length} requests)`, log.outside);
	check(log.dialogs.length === 0, `${name}: no dialog`, log.dialogs);
	await context.close();

	// 320 px wide.
	const narrow = await openPage(browser, base + 'index.html', allowed, { width: 320, height: 640 });
	const nw = await narrow.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, map: document.getElementById('map').getBoundingClientRect().width,
		places: document.querySelectorAll('.em-place').length }));
	check(nw.scroll <= 320 && nw.map > 250 && nw.places === DATA.views.all.places.length, `${name}: 320 px: no sideways scroll, map ${Math.round(nw.map)} px, ${nw.places} places`, nw);
	await narrow.page.screenshot({ path: path.join(outDir, `${name}-320px.png`) });
	check(narrow.log.errors.length === 0 && narrow.log.outside.length === 0, `${name}: 320 px: no errors, no outside request`, narrow.log);
	await narrow.context.close();
}

// ---- hostile text ------------------------------------------------------------------------
async function checkHostile(browser) {
	const dir = web('hostile', '-r', path.join(here, 'hostile-reports.csv'),
		'--title', '</script><img src=x onerror=alert(4)> Title');
	const payload = '<img src=x onerror=alert(1)> "quotes" <img src=x onerror="window.__pwned=1">';
	const base = pathToFileURL(dir).href + '/';
	const { context, page, log } = await openPage(browser, base + 'index.html', (u) => u.startsWith(base));
	await page.locator('[data-name="Baniyas"] .em-sym').click();
	const popup = await page.locator('.leaflet-popup-content').textContent();
	await page.locator('.leaflet-popup-content details summary').first().click();
	const notes = await page.locator('.leaflet-popup-content details').first().textContent();
	const state = await page.evaluate(() => ({
		pwned: window.__pwned,
		imgs: [...document.querySelectorAll('img, svg image')].map((i) => i.getAttribute('src')).filter((s) => s === 'x'),
		bold: document.querySelectorAll('b, i, main style, .leaflet-popup-content a, #report-table a').length,
		title: document.getElementById('title').textContent,
		cells: [...document.querySelectorAll('#report-table td')].map((t) => t.textContent),
		notmapped: document.getElementById('notmapped').textContent,
		bg: getComputedStyle(document.body).backgroundColor,
	}));
	check(popup.includes(payload), 'hostile: source shows as text in the popup', popup);
	check(popup.includes('<a href="javascript:alert(3)">outlet</a>'), 'hostile: outlet shows as text', popup);
	check(popup.includes('"quoted" & <b>not bold</b>'), 'hostile: summary shows as text', popup);
	check(notes.includes('</script><script>window.__pwned=2</script> line separator: \u2028 end'), 'hostile: notes show as text, line separator kept', notes);
	check(state.cells.includes(payload) && state.cells.some((t) => t.startsWith('<b>Nowhere</b>')) &&
		state.cells.includes('<style>body{background:red}</style>') && state.cells.includes('&lt;i&gt;entity&lt;/i&gt;'),
		'hostile: table cells show the text as given', state.cells);
	check(state.notmapped.includes('<b>Nowhere</b>: 2 civilians (SOHR)'), 'hostile: a place named in markup is listed as text under Not on the map', state.notmapped);
	check(state.title.startsWith('</script><img'), 'hostile: title shows as text', state.title);
	check(!state.pwned && state.imgs.length === 0 && state.bold === 0 && state.bg !== 'rgb(255, 0, 0)',
		'hostile: no element made from the text, no handler run', state);
	check(log.dialogs.length === 0, 'hostile: no alert', log.dialogs);
	check(!log.requests.some((u) => /\/x$/.test(u)) && log.outside.length === 0, 'hostile: no request for the injected image', log.requests);
	check(log.errors.length === 0, 'hostile: no console errors', log.errors);
	await context.close();
}

// Data eventmap was not written for: an ACLED export of Lebanon in
// November 2024, with events nobody died in (fatalities 0).
async function checkAcled(browser) {
	const dir = web('acled', '-r', path.join(here, 'acled-lebanon.csv'));
	const data = loadData(path.join(dir, 'data/data.js'));
	const base = pathToFileURL(dir).href + '/';
	const { context, page, log } = await openPage(browser, base + 'index.html', (u) => u.startsWith(base));
	check(data.days.join() === '2024-11-12,2024-11-13' && data.focus_country === 'LB',
		`acled: the export's own days and country (${data.days.join(', ')}; ${data.focus_country})`, data.days);
	const all = await counts(page);
	check(all.places === 4, `acled: all days: 4 places (${all.places})`, all);
	check(all.labels.every((t) => !/\u00b7 0\b/.test(t)) && all.labels.some((t) => t.startsWith('Beirut')) &&
		all.labels.some((t) => /Baalbek \u00b7 11/.test(t)), 'acled: no place labelled "· 0"; deaths labelled with the figure', all.labels);
	const circles = await page.evaluate(() => ['Beirut', 'Tyre', 'Baalbek'].map((n) =>
		document.querySelectorAll(`.em-place[data-name="${n}"] circle.em-death, .em-place[data-name="${n}"] .em-death`).length));
	check(circles[0] === 0 && circles[1] === 0 && circles[2] > 0, `acled: events with 0 deaths have no death circle (${circles})`, circles);
	await page.locator('[data-name="Beirut"] .em-sym').click();
	const popup = await page.locator('.leaflet-popup-content').textContent();
	check(popup.includes('Protests') && !popup.includes(' dead') && popup.includes("L'Orient-Le Jour"),
		'acled: the protest\'s popup names the event and its source, no deaths', popup);
	await page.keyboard.press('Escape');
	await page.focus('#day');
	await page.keyboard.press('End');
	await page.waitForFunction(() => document.documentElement.dataset.day === '2024-11-13');
	const last = await counts(page);
	check(last.places === 2, `acled: 13 November: 2 places (${last.places})`, last);
	await page.locator('#map').screenshot({ path: path.join(outDir, 'acled-all.png') });
	check(log.errors.length === 0 && log.outside.length === 0, 'acled: no errors, no outside request', log);
	await context.close();
}

// The CSP itself: an inline script injected at run time must not run.
async function checkCSP(browser, name, url, allowed) {
	const { context, page, log } = await openPage(browser, url, allowed);
	const r = await page.evaluate(async () => {
		const s = document.createElement('script');
		s.textContent = 'window.__inline = 1';
		document.body.appendChild(s);
		const st = document.createElement('style');
		st.textContent = 'body { background: red }';
		document.head.appendChild(st);
		await new Promise((res) => setTimeout(res, 100));
		return { inline: window.__inline, bg: getComputedStyle(document.body).backgroundColor, csp: window.__csp };
	});
	check(r.inline === undefined && r.bg !== 'rgb(255, 0, 0)' && r.csp.length >= 2, `${name}: CSP blocks injected inline script and style`, r);
	check(log.errors.every((e) => /Content Security Policy/.test(e)), `${name}: only the expected CSP reports in the console`, log.errors);
	await context.close();
}

// ---- run -----------------------------------------------------------------------------------
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
const args = process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : []; // root: Chromium's sandbox refuses to start
const browser = await chromium.launch({ executablePath, args, headless: true });
const server = await startServer(webDir);
const origin = `http://127.0.0.1:${server.address().port}`;
const fileBase = pathToFileURL(webDir).href + '/';
try {
	console.log(`Chromium ${browser.version()}, ${executablePath}`);
	await checkOrigin(browser, 'file', fileBase, (u) => u.startsWith(fileBase));
	await checkOrigin(browser, 'http', origin + '/', (u) => u.startsWith(origin + '/'));

	// In an iframe of another page of the server.
	const host = await openPage(browser, origin + '/_test/frame.html', (u) => u.startsWith(origin + '/'), { width: 800, height: 900 }, false);
	const frame = host.page.frameLocator('#f');
	await frame.locator('html[data-ready="1"]').waitFor({ timeout: 30000 });
	const inFrame = await frame.locator('.em-place').count();
	await frame.locator('[data-name="Baniyas"] .em-sym').click();
	const fpop = await frame.locator('.leaflet-popup-content').textContent();
	check(inFrame === DATA.views.all.places.length && fpop.includes('Ali Sheha'), `iframe: ${inFrame} places and a working popup in a 420 px iframe`);
	check(host.log.errors.length === 0 && host.log.outside.length === 0, 'iframe: no errors, no outside request', host.log);
	await host.page.screenshot({ path: path.join(outDir, 'http-iframe.png') });
	await host.context.close();

	await checkHostile(browser);
	await checkAcled(browser);
	await checkCSP(browser, 'file', fileBase + 'index.html', (u) => u.startsWith(fileBase));
	await checkCSP(browser, 'http', origin + '/index.html', (u) => u.startsWith(origin + '/'));

	// First full draw, five loads from file://: the median.
	const draws = [];
	for (let i = 0; i < 5; i++) {
		const { context, page } = await openPage(browser, fileBase + 'index.html', (u) => u.startsWith(fileBase));
		draws.push(await firstDraw(page));
		await context.close();
	}
	const med = (k) => draws.map((d) => d[k]).sort((a, b) => a - b)[2];
	timings.file_median = { draw: med('draw'), drawn: med('drawn') };
	check(served.every((u) => !u.startsWith('404')), 'server: no 404', served.filter((u) => u.startsWith('404')));
} catch (e) {
	check(false, 'test run', e.stack);
} finally {
	await browser.close();
	server.close();
}
const fmt = (t) => t && `app.js start to drawn ${Math.round(t.draw)} ms, navigation to drawn ${Math.round(t.drawn)} ms${t.day ? `, day change ${Math.round(t.day)} ms` : ''}`;
console.log(`timings: file: ${fmt(timings.file)}; http: ${fmt(timings.http)}; file, median of 5: ${fmt(timings.file_median)}`);
console.log(`screenshots: ${outDir}/ (${fs.readdirSync(outDir).length} files)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
