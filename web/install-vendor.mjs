// Copies the browser libraries the pages load (Leaflet, its marker
// clustering plugin, uPlot, qrcode-generator for the TOTP QR code) from node_modules into web/vendor, which the
// server serves like the rest of web/. Run by `npm ci` (postinstall) and by
// scripts/demo; web/vendor is not committed.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = dirname(fileURLToPath(import.meta.url));
const nm = join(web, '..', 'node_modules');
const vendor = join(web, 'vendor');
const copies = [
	['leaflet/dist/leaflet.js', 'leaflet/leaflet.js'],
	['leaflet/dist/leaflet.css', 'leaflet/leaflet.css'],
	['leaflet/dist/images', 'leaflet/images'],
	['leaflet.markercluster/dist/leaflet.markercluster.js',
	    'markercluster/leaflet.markercluster.js'],
	['leaflet.markercluster/dist/MarkerCluster.css',
	    'markercluster/MarkerCluster.css'],
	['leaflet.markercluster/dist/MarkerCluster.Default.css',
	    'markercluster/MarkerCluster.Default.css'],
	['uplot/dist/uPlot.esm.js', 'uplot/uPlot.esm.js'],
	['uplot/dist/uPlot.min.css', 'uplot/uPlot.min.css'],
	['qrcode-generator/dist/qrcode.mjs', 'qrcode/qrcode.mjs'],
];

rmSync(vendor, { recursive: true, force: true });
for (const [from, to] of copies) {
	const src = join(nm, from);
	if (!existsSync(src)) {
		console.error(`install-vendor: missing ${src} (run npm ci)`);
		process.exit(1);
	}
	mkdirSync(dirname(join(vendor, to)), { recursive: true });
	cpSync(src, join(vendor, to), { recursive: true });
}
