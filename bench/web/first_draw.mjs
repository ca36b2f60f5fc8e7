// bench/web: the first full draw of pages eventmap wrote, in headless
// Chromium (playwright-core, /usr/bin/chromium), from file://.
//
//   node bench/web/first_draw.mjs ROUNDS NAME=WEB_DIR...
//
// Each round loads, in a fresh context, a reference page (Leaflet alone,
// copied from the first WEB_DIR, drawing an empty map: the browser's and
// the library's floor) and then each page, and reads the page's own
// marks: app.js start to drawn (`em-first-draw`: basemap, places, arrows,
// labels and panels, after two animation frames) and navigation start to
// drawn.  Prints one line per round and the medians, and the ratio of
// each page's navigation-to-drawn to the reference's in the same round.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [roundsArg, ...pages] = process.argv.slice(2);
const rounds = Number(roundsArg);
if (!(rounds > 0) || pages.length === 0) {
	console.error('usage: node first_draw.mjs ROUNDS NAME=WEB_DIR...');
	process.exit(2);
}
const targets = pages.map((p) => {
	const [name, dir] = p.split('=');
	return { name, url: pathToFileURL(path.resolve(dir)).href + '/index.html' };
});
const ref = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-web-ref-'));
fs.cpSync(path.join(path.resolve(pages[0].split('=')[1]), 'lib'), path.join(ref, 'lib'), { recursive: true });
fs.writeFileSync(path.join(ref, 'ref.js'), `performance.mark('em-start');
L.map('map').setView([35, 36], 8);
requestAnimationFrame(() => requestAnimationFrame(() => {
	performance.mark('em-drawn'); performance.measure('em-first-draw', 'em-start', 'em-drawn');
	document.documentElement.dataset.ready = '1'; }));
`);
fs.writeFileSync(path.join(ref, 'index.html'), `<!doctype html><meta charset="utf-8">
<link rel="stylesheet" href="lib/leaflet.css"><div id="map" style="height:600px"></div>
<script src="lib/leaflet.js"></script><script src="ref.js"></script>`);
targets.unshift({ name: 'reference', url: pathToFileURL(ref).href + '/index.html' });

const args = process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : [];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args });
const results = Object.fromEntries(targets.map((t) => [t.name, { draw: [], drawn: [] }]));
const median = (v) => { const s = [...v].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
try {
	for (let r = 0; r <= rounds; r++) { // round 0 warms the browser's caches up
		const line = [];
		for (const t of targets) {
			const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
			const page = await context.newPage();
			await page.goto(t.url);
			await page.waitForSelector('html[data-ready="1"]', { timeout: 60000 });
			const m = await page.evaluate(() => {
				const d = performance.getEntriesByName('em-first-draw')[0];
				return { draw: d.duration, drawn: d.startTime + d.duration };
			});
			await context.close();
			if (r > 0) {
				results[t.name].draw.push(m.draw);
				results[t.name].drawn.push(m.drawn);
			}
			line.push(`${t.name} ${Math.round(m.draw)}/${Math.round(m.drawn)} ms`);
		}
		console.log(`${r ? 'round ' + r : 'warm-up'}: ${line.join(', ')}`);
	}
} finally {
	await browser.close();
	fs.rmSync(ref, { recursive: true, force: true });
}
console.log(`medians of ${rounds} (app.js start to drawn / navigation to drawn; ratio of the latter to the reference's, per round):`);
for (const t of targets) {
	const x = results[t.name], base = results.reference.drawn;
	const ratio = median(x.drawn.map((v, i) => v / base[i]));
	console.log(`  ${t.name.padEnd(10)} ${Math.round(median(x.draw))} ms / ${Math.round(median(x.drawn))} ms  (x${ratio.toFixed(2)})`);
}
