// Maps without an external tile server: the base map is the area polygons
// (kommun and stadsdel layers) from the API. A tile layer is added only when
// web/config.json names one ({"tile_url": "...", "tile_attribution": "..."}).
// Leaflet (window.L) is loaded by a classic <script> before the modules.
import { api } from './api.js';

const L = window.L;
const layerCache = new Map();
let configPromise = null;

function config() {
	if (!configPromise) {
		/* The body is read also on 404: an unread body keeps the
		 * request (and its connection) open. */
		configPromise = fetch(new URL('../config.json', import.meta.url),
		    { credentials: 'same-origin' })
		    .then(async (r) => {
			const text = await r.text();
			return r.ok ? JSON.parse(text) : {};
		    })
		    .catch(() => ({}));
	}
	return configPromise;
}

// The areas of one layer as a GeoJSON FeatureCollection (cached).
export function areaLayer(layer) {
	if (!layerCache.has(layer)) {
		layerCache.set(layer, api('GET', '/areas', null,
		    { layer, format: 'geojson' }).catch(() => ({
			type: 'FeatureCollection', features: [] })));
	}
	return layerCache.get(layer);
}

const BASE_STYLE = {
	kommun: { color: '#1b1f24', weight: 2, fillColor: '#f4f1ea',
	    fillOpacity: 1 },
	stadsdel: { color: '#5a6470', weight: 1, fillColor: '#ffffff',
	    fillOpacity: 0.35, dashArray: '4 3' },
};

// Creates a map in el (which carries its own aria-label). Returns
// {map, ready} where ready resolves to the base layer's bounds (or null).
export function makeMap(el, opts = {}) {
	const map = L.map(el, {
		zoomSnap: 0.25,
		maxZoom: 19,
		attributionControl: true,
		keyboard: true,
	});
	map.setView(opts.center || [62.0, 15.0], opts.zoom || 5);
	/* The area polygons lie under everything a page draws (overlayPane,
	 * 400), also under a lägesbild heat map in its own pane. */
	map.createPane('areas').style.zIndex = '300';
	map.attributionControl.setPrefix(false);
	const ready = (async () => {
		const cfg = await config();
		if (cfg.tile_url) {
			L.tileLayer(cfg.tile_url, {
				attribution: cfg.tile_attribution || '',
				maxZoom: 19,
			}).addTo(map);
		}
		let bounds = null;
		for (const layer of opts.baseLayers || ['kommun', 'stadsdel']) {
			const fc = await areaLayer(layer);
			if (!fc.features || fc.features.length === 0)
				continue;
			const g = L.geoJSON(fc, {
				style: BASE_STYLE[layer] || BASE_STYLE.stadsdel,
				interactive: false,
				pane: 'areas',
			}).addTo(map);
			if (opts.labels !== false && layer !== 'kommun' &&
			    fc.features.length < 60)
				addLabels(map, fc);
			/* Framed on opts.frameLayer when it has areas, else on the
			 * first layer that has. */
			if (g.getBounds().isValid() && (!bounds ||
			    layer === opts.frameLayer))
				bounds = g.getBounds();
		}
		if (!cfg.tile_url)
			map.attributionControl.addAttribution('Områdesgränser');
		if (bounds && !opts.keepView)
			frame(map, bounds);
		return bounds;
	})();
	return { map, ready };
}

// Fits the map to bounds at once. Leaflet drops a zoom asked for while an
// animated zoom runs, so a page that frames the map twice in quick
// succession (base layer, then its data) would keep the first view.
export function frame(map, bounds, padding = 8, maxZoom = 17) {
	const b = L.latLngBounds(bounds);
	if (!b.isValid())
		return false;
	map.fitBounds(b, { padding: [padding, padding], maxZoom,
	    animate: false });
	return true;
}

function addLabels(map, fc) {
	for (const f of fc.features) {
		const c = L.geoJSON(f).getBounds().getCenter();
		L.tooltip({ permanent: true, direction: 'center',
		    className: 'area-label', interactive: false })
		    .setLatLng(c)
		    .setContent(escapeText(f.properties.name || ''))
		    .addTo(map);
	}
}

export function escapeText(s) {
	const d = document.createElement('div');
	d.textContent = s;
	return d.innerHTML;
}

export const SEVERITY_COLOURS = { 1: '#0b4f8a', 2: '#b35900', 3: '#a01b12' };

// A small circle marker for an incident.
export function incidentMarker(inc) {
	return L.circleMarker([inc.lat, inc.lon], {
		radius: 7,
		color: '#ffffff',
		weight: 2,
		fillColor: SEVERITY_COLOURS[inc.severity] || '#0b4f8a',
		fillOpacity: 0.95,
	});
}
