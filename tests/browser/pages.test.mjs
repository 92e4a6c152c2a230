// Every page of the web interface, logged in as a coordinator: renders
// without script errors or CSP violations, passes axe-core with no serious
// or critical WCAG 2.1 A/AA violation, and is kept as a screenshot. The
// lägesbild page is checked for its map (framing the week's incidents),
// heat map, hotspots, matrix, charts, the map's content as tables and its
// print stylesheet; the login page and a phone-sized report page too.
// Every page is walked with the Tab key (skip link first, every control
// reached with a visible focus, no trap), and a report is made with the
// keyboard only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { demoDatabase, startServer, launch, newPage, login, logout, axe,
    screenshot, SHOTS } from './lib.mjs';

let demo, server, browser;

before(async () => {
	demo = demoDatabase();
	server = await startServer(demo.db);
	browser = await launch();
});

after(async () => {
	if (browser)
		await browser.close();
	if (server)
		await server.stop();
	if (demo)
		demo.cleanup();
});

test('the login page is accessible and logs in and out', async () => {
	const page = await newPage(browser.context);
	await page.goto(`${server.url}/`);
	await page.waitForSelector('#login:not([hidden])');
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'logga-in');
	await page.fill('#email', 'samordnare@demo.samverkan.se');
	await page.fill('#password', 'fel-lösenord-123');
	await page.click('#login-form button[type=submit]');
	await page.waitForSelector('#login-error:not([hidden])');
	assert.match(await page.textContent('#login-error'), /Fel e-postadress/);
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	assert.equal(await page.textContent('#who-org'), 'Västerås stad');
	assert.equal(await page.textContent('#who-role'), 'Samordnare');
	await page.waitForFunction(() => !document.querySelector('#home-week')
	    .textContent.includes('Hämtar'));
	assert.match(await page.textContent('#home-week'), /\d+ händelser/);
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'oversikt');
	await logout(page);
	await page.waitForSelector('#login:not([hidden])');
	assert.deepEqual(page.problems, []);
	await page.close();
});

const PAGES = [
	['rapportera.html', 'rapportera', '#category-1 optgroup'],
	['handelser.html', 'handelser', '#incident-table tbody tr'],
	['omraden.html', 'omraden', '#area-table tbody tr'],
	['kategorier.html', 'kategorier', '#cat-tree li'],
	['dataskydd.html', 'dataskydd', '#rules tr'],
	['dokument.html', 'dokument-lista', '#doc-table tbody tr'],
	['konto.html', 'konto', '#totp-state:not(:has-text("Hämtar"))'],
	['samverkan/index.html', 'sv-overenskommelser', '#agr-table tbody tr'],
	['samverkan/att-gora.html', 'sv-att-gora', '#due-list h2'],
	['samverkan/medborgarloften.html', 'sv-medborgarloften',
	    '#promise-list article'],
];

for (const [path, name, ready] of PAGES) {
	test(`${path} renders and passes axe-core`, async () => {
		const page = await newPage(browser.context);
		await login(page, server.url, 'samordnare@demo.samverkan.se');
		await page.goto(`${server.url}/${path}`);
		await page.waitForSelector(ready, { state: 'attached' });
		await settled(page);
		assert.deepEqual(await axe(page), []);
		await screenshot(page, name);
		assert.deepEqual(page.problems, []);
		await page.close();
	});
}

// Waits until the page has no request in flight for a moment (pages fill
// themselves from several API calls).
async function settled(page) {
	const end = Date.now() + 30000;
	for (let quiet = 0; quiet < 3;) {
		if (Date.now() > end)
			assert.fail('requests never finish: ' + [...page.inflight]
			    .map((r) => r.url()).join(' '));
		await page.waitForTimeout(50);
		quiet = page.inflight.size === 0 ? quiet + 1 : 0;
	}
}

// The pages of one agreement, reached by its links: the agreement, its
// first body, its chain (plans and analysis) and its dialogues.
test('the samverkan pages of an agreement render and pass axe-core',
    async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	await page.goto(`${server.url}/samverkan/index.html`);
	await page.click('#agr-table a[href^="overenskommelse.html?id="]');
	await page.waitForSelector('#bodies li a');
	await settled(page);
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'sv-overenskommelse');
	const agreement = page.url();
	for (const [link, ready] of [['#bodies li a', '#meetings'],
	    ['#chain-link', '#plans-h']]) {
		await page.goto(agreement);
		await page.waitForSelector(link);
		await page.click(link);
		await page.waitForSelector(ready);
		await settled(page);
		assert.deepEqual(await axe(page), [], page.url());
	}
	await page.goto(`${server.url}/samverkan/dialoger.html`);
	await settled(page);
	assert.deepEqual(await axe(page), []);
	assert.deepEqual(page.problems, []);
	await page.close();
});

test('lägesbild renders map, heat map, hotspots, matrix and charts',
    async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	await page.goto(`${server.url}/lagesbild.html`);
	await page.waitForSelector('#lb-map[data-points]', { timeout: 60000 });
	const title = await page.textContent('#lb-title');
	assert.match(title, /Lägesbild Västerås, vecka \d+ \d{4}/);
	const total = Number((await page.textContent('#card-total .value'))
	    .replace(/\s/g, ''));
	assert.ok(total > 0, 'incidents this week');
	assert.ok(Number(await page.getAttribute('#lb-map', 'data-points')) > 0);
	assert.ok(await page.locator('#lb-map path.leaflet-interactive')
	    .count() > 0, 'areas or points drawn on the map');
	assert.equal(await page.locator('#lb-matrix-table tbody tr').count(), 7);
	assert.ok(await page.locator('#lb-trend-total canvas').count() > 0,
	    'trend chart drawn');
	assert.ok(await page.locator('#lb-trend-cats canvas').count() > 0);
	assert.ok(await page.locator('#lb-categories tbody tr').count() > 3);
	assert.ok(await page.locator('#lb-subareas tbody tr').count() >= 12);
	const source = await page.getAttribute('#lb-map', 'data-source');
	if (source === 'server') {
		assert.ok(Number(await page.getAttribute('#lb-map',
		    'data-kde-cells')) > 0, 'heat map cells');
		assert.ok(Number(await page.getAttribute('#lb-map',
		    'data-hotspots')) > 0, 'Gi* hotspots on the map');
		assert.ok(await page.locator('path.hotspot').count() > 0);
		assert.ok(await page.locator('#lb-hotspots tr.hotspot-row')
		    .count() > 0);
		await heatAndHotspots(page);
	} else {
		assert.equal(source, 'fallback');
		assert.match(await page.textContent('#lb-degraded'),
		    /ingen fullständig lägesbild/);
	}
	// The map frames the week's incidents: all inside the view, and the
	// view much smaller than the kommun.
	const points = Number(await page.getAttribute('#lb-map', 'data-points'));
	assert.equal(await page.locator('#lb-points tr.point-row').count(),
	    points, 'every point of the map in the table');
	const view = (await page.getAttribute('#lb-map', 'data-view'))
	    .split(',').map(Number);
	const coords = await page.$$eval('#lb-points tr.point-row', (trs) =>
	    trs.map((tr) => [Number(tr.dataset.lat), Number(tr.dataset.lon)]));
	for (const [lat, lon] of coords)
		assert.ok(lat >= view[1] && lat <= view[3] && lon >= view[0] &&
		    lon <= view[2], `${lat},${lon} in view ${view}`);
	const kommun = await page.evaluate(async () => (await (await fetch(
	    '/api/v1/areas?layer=kommun')).json()).items[0].bbox);
	const size = (b) => (b[2] - b[0]) * (b[3] - b[1]);
	assert.ok(size(view) < 0.5 * size(kommun), `view ${view} frames the ` +
	    `incidents, not the whole kommun ${kommun}`);
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'lagesbild');
	// Printed: no controls, the map and the charts stay.
	await page.emulateMedia({ media: 'print' });
	for (const sel of ['.site-header', '#lb-form', '#lb-print',
	    '.leaflet-control-zoom', '.site-footer'])
		assert.equal(await page.locator(sel).isVisible(), false,
		    `print hides ${sel}`);
	for (const sel of ['#lb-map', '#lb-trend-total canvas',
	    '#lb-trend-cats canvas', '#lb-categories', '#lb-matrix-table',
	    '#lb-printed'])
		assert.ok(await page.locator(sel).first().isVisible(),
		    `print keeps ${sel}`);
	const mapBox = await page.locator('#lb-map').boundingBox();
	assert.ok(mapBox.height > 200, 'the map keeps its height in print');
	assert.match(await page.textContent('#lb-printed'), /Utskriven/);
	await page.pdf({ path: join(SHOTS, 'lagesbild.pdf'), format: 'A4' });
	await page.emulateMedia({ media: 'screen' });
	assert.deepEqual(page.problems, []);
	await page.close();
});

// WCAG contrast ratio of two CSS colours ("rgb(r, g, b)" or "#rrggbb").
function contrast(a, b) {
	const rgb = (c) => c.startsWith('#') ? [1, 3, 5].map((i) =>
	    parseInt(c.slice(i, i + 2), 16)) : c.match(/\d+/g).slice(0, 3)
	    .map(Number);
	const lum = (c) => {
		const [r, g, b_] = rgb(c).map((v) => {
			const x = v / 255;
			return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * r + 0.7152 * g + 0.0722 * b_;
	};
	const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

// The heat map and the hotspots are both on the map and readable
// together: the heat map drawn under the hotspots, the hotspots as
// outlines (no fill hiding the heat map) on white halos with 3:1 contrast
// (WCAG 1.4.11) against the halo and the pale base map, the darkest heat
// step 3:1 against the base map, the legend naming both with a check box
// that shows and hides each.
async function heatAndHotspots(page) {
	const z = (pane) => page.$eval(`#lb-map .leaflet-${pane}-pane`,
	    (el) => Number(getComputedStyle(el).zIndex));
	assert.ok(await z('lbKde') < await z('lbHotspots'), 'heat map under hotspots');
	assert.ok(await z('lbHotspots') < await z('overlay'), 'hotspots under the incidents');
	assert.ok(await z('areas') < await z('lbKde'), 'base map under the heat map');
	// Painted pixels of the heat map's canvas.
	const heat = () => page.$eval('#lb-map .leaflet-lbKde-pane canvas', (c) => {
		const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
		let n = 0;
		for (let i = 3; i < d.length; i += 4)
			n += d[i] > 0;
		return n;
	});
	// Leaflet repaints its canvas on the next animation frame.
	const settle = async (want, what) => {
		let n;
		for (let i = 0; i < 50; i++) {
			if ((n = await heat()) === want)
				return;
			await page.waitForTimeout(100);
		}
		assert.equal(n, want, what);
	};
	const painted = await heat();
	assert.ok(painted > 500, `heat map drawn (${painted} pixels)`);
	const hot = await page.$$eval('#lb-map .leaflet-lbHotspots-pane path.hotspot',
	    (ps) => ps.map((p) => ({ stroke: p.getAttribute('stroke'),
		fillOpacity: Number(p.getAttribute('fill-opacity') ?? 1) })));
	assert.ok(hot.length > 0, 'hotspot outlines drawn');
	assert.equal(await page.locator('#lb-map path.hotspot-halo').count(), hot.length);
	const ramp = await page.$eval('[data-layer=kde] .swatch.ramp',
	    (el) => getComputedStyle(el).backgroundImage.match(/rgb\([^)]*\)/g));
	for (const h of hot) {
		assert.equal(h.fillOpacity, 0, 'hotspots do not cover the heat map');
		assert.ok(contrast(h.stroke, '#ffffff') >= 3, `${h.stroke} on its halo`);
		assert.ok(contrast(h.stroke, '#f4f1ea') >= 3, `${h.stroke} on the base map`);
	}
	assert.ok(contrast(ramp[ramp.length - 1], '#f4f1ea') >= 3,
	    `darkest heat step ${ramp[ramp.length - 1]} on the base map`);
	const legend = await page.textContent('#lb-legend');
	assert.match(legend, /Värmekarta \(KDE\)/);
	assert.match(legend, /Hotspots \(Getis-Ord Gi\*\)/);
	// One layer at a time, then both again.
	await page.uncheck('#lb-show-hotspots');
	assert.equal(await page.locator('#lb-map path.hotspot').count(), 0);
	await settle(painted, 'the heat map stays');
	await page.uncheck('#lb-show-kde');
	await settle(0, 'the heat map is hidden');
	await page.check('#lb-show-hotspots');
	await page.check('#lb-show-kde');
	assert.equal(await page.locator('#lb-map path.hotspot').count(), hot.length);
	await settle(painted, 'the heat map is back');
}

test('a phone-sized report page is usable and accessible', async () => {
	const page = await newPage(browser.context,
	    { viewport: { width: 390, height: 844 } });
	await login(page, server.url, 'fastighet@demo.samverkan.se');
	await page.goto(`${server.url}/rapportera.html`);
	await page.waitForSelector('#category-1 optgroup', { state: 'attached' });
	const width = await page.evaluate(() =>
	    document.documentElement.scrollWidth);
	assert.ok(width <= 400, `no sideways scrolling (width ${width})`);
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'rapportera-mobil');
	assert.deepEqual(page.problems, []);
	await page.close();
});

test('a reader does not get the report page', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'lasare@demo.samverkan.se');
	assert.equal(await page.locator('.site-nav a[href="rapportera.html"]')
	    .isVisible(), false);
	await page.goto(`${server.url}/rapportera.html`);
	await page.waitForSelector('text=Ingen behörighet');
	await page.close();
});

test('errors beside the fields clear and come back on each resubmit',
    async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	await page.goto(`${server.url}/kategorier.html`);
	await page.waitForSelector('#cat-tree li');
	for (const code of ['Fel Kod', 'ÅÄÖ']) {
		await page.fill('#c-code', code);
		await page.fill('#c-name', 'Prov');
		await page.click('#cat-form button[type=submit]');
		await page.waitForSelector('#c-code[aria-invalid="true"]');
		assert.equal(await page.locator('#cat-form .field-error').count(), 1);
		const err = page.locator('#cat-form .field-error');
		assert.match(await err.textContent(), /\S/);
		assert.equal(await page.getAttribute('#c-code', 'aria-describedby'),
		    `c-code-hint ${await err.getAttribute('id')}`);
	}
	// The form's own alert line survives the clearing (it was removed
	// with the field errors before, and the next form error then threw).
	assert.equal(await page.locator('#cat-form #cat-error').count(), 1);
	await page.fill('#c-code', 'skadegorelse');
	await page.fill('#c-name', 'Dubblett');
	await page.click('#cat-form button[type=submit]');
	await page.waitForSelector('#c-code[aria-invalid="true"], ' +
	    '#cat-error:not([hidden])');
	await page.fill('#c-code', `prov${Date.now() % 100000}`);
	await page.fill('#c-name', 'Prov');
	await page.click('#cat-form button[type=submit]');
	await page.waitForSelector('#status:has-text("är tillagd")');
	assert.equal(await page.locator('#cat-form .field-error').count(), 0);
	assert.equal(await page.locator('#cat-form [aria-invalid]').count(), 0);
	assert.equal(await page.getAttribute('#c-code', 'aria-describedby'),
	    'c-code-hint');
	assert.deepEqual(page.problems, []);
	await page.close();
});

// Tabs through the page from the top: the skip link comes first and moves
// focus to the main content; every visible control of the page is reached
// (one radio per group), each with a visible focus mark, and the walk ends
// back at the top (no trap).
async function tabWalk(page, label) {
	await page.evaluate(() => {
		document.activeElement?.blur();
		window.scrollTo(0, 0);
	});
	await page.keyboard.press('Tab');
	assert.equal(await page.evaluate(() => document.activeElement
	    .className), 'skip', `${label}: skip link first`);
	await page.keyboard.press('Enter');
	assert.equal(await page.evaluate(() => document.activeElement.id),
	    'main', `${label}: the skip link moves to the content`);
	let stops = 0;
	for (; stops < 600; stops++) {
		await page.keyboard.press('Tab');
		const at = await page.evaluate((n) => {
			const a = document.activeElement;
			if (!a || a === document.body || !a.closest('main'))
				return null;
			/* Date and time inputs take several Tabs (their parts,
			 * the last one Chromium's own picker button). */
			const part = a.getAttribute('data-kb') === String(n - 1);
			const seen = a.hasAttribute('data-kb') && !part;
			if (!a.hasAttribute('data-kb') || part)
				a.setAttribute('data-kb', String(n));
			const cs = getComputedStyle(a);
			return { seen, mark: part || (cs.outlineStyle !== 'none' &&
			    parseFloat(cs.outlineWidth) >= 2), what:
			    `${cs.outlineStyle} ${cs.outlineWidth} ` +
			    a.outerHTML.slice(0, 90) };
		}, stops);
		if (at === null)
			break;
		assert.equal(at.seen, false, `${label}: focus came back to ` +
		    `${at.what} (trap)`);
		assert.ok(at.mark, `${label}: visible focus on ${at.what}`);
	}
	assert.ok(stops < 600, `${label}: the walk leaves the content`);
	/* What Tab never reached, leaving out Leaflet's own markers and
	 * attribution inside the map (the map itself takes the focus). */
	const missed = await page.evaluate(() => {
		const out = [];
		const sel = 'a[href], button, input, select, textarea, summary, ' +
		    '[tabindex="0"]';
		for (const el of document.querySelectorAll(`main :is(${sel})`)) {
			if (el.hasAttribute('data-kb') || el.disabled ||
			    el.type === 'hidden' || !el.checkVisibility() ||
			    el.closest('.leaflet-pane, .leaflet-control-attribution'))
				continue;
			if (el.type === 'radio' && [...document.querySelectorAll(
			    `input[type=radio][name="${el.name}"]`)].some((r) =>
			    r.hasAttribute('data-kb')))
				continue;
			out.push(el.outerHTML.slice(0, 90));
		}
		return out;
	});
	assert.deepEqual(missed, [], `${label}: controls Tab never reached`);
}

// Every page (as an admin sees them) and what shows it has filled in.
function everyPage() {
	const yesterday = new Intl.DateTimeFormat('sv-SE', { timeZone:
	    'Europe/Stockholm' }).format(new Date(Date.now() - 86400000));
	return [
		['index.html', '#home-week:not(:has-text("Hämtar"))'],
		['rapportera.html', '#category-1 optgroup'],
		[`handelser.html?from=${yesterday}&to=${yesterday}`,
		    '#map[data-markers]'],
		['lagesbild.html', '#lb-map[data-points]'],
		['omraden.html', '#area-table tbody tr'],
		['kategorier.html', '#cat-tree li'],
		['delning.html', '#share-table select'],
		['dataskydd.html', '#rules tr'],
		['dokument.html?id=1', '#doc-detail:not([hidden]):not([aria-busy])'],
		['dokument.html?id=6', '#doc-detail:not([hidden]):not([aria-busy])'],
		['konto.html', '#totp-state:not(:has-text("Hämtar"))'],
		['samverkan/index.html', '#agr-table tbody tr'],
		['samverkan/att-gora.html', '#due-list h2'],
		['samverkan/medborgarloften.html', '#promise-list article'],
	];
}

test('every page can be used with the keyboard', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'admin@demo.samverkan.se');
	for (const [path, ready] of everyPage()) {
		await page.goto(`${server.url}/${path}`);
		await page.waitForSelector(ready, { state: 'attached',
		    timeout: 60000 });
		await settled(page);
		await tabWalk(page, path);
	}
	// The maps take the keyboard: focused, the arrow keys pan.
	await page.goto(`${server.url}/lagesbild.html`);
	await page.waitForSelector('#lb-map[data-points]', { timeout: 60000 });
	await page.focus('#lb-map');
	const before = await page.getAttribute('#lb-map', 'data-view');
	const centre = () => page.evaluate(() => document.querySelector(
	    '#lb-map .leaflet-map-pane').style.transform);
	const t0 = await centre();
	await page.keyboard.press('ArrowRight');
	await page.waitForFunction((t) => document.querySelector(
	    '#lb-map .leaflet-map-pane').style.transform !== t, t0);
	assert.ok(before);
	assert.deepEqual(page.problems, []);
	await page.close();
});

test('a report made with the keyboard only', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'fastighet@demo.samverkan.se');
	await page.goto(`${server.url}/rapportera.html`);
	await page.waitForSelector('#category-1 optgroup', { state: 'attached' });
	await settled(page);
	const tabTo = async (id) => {
		for (let i = 0; i < 60; i++) {
			await page.keyboard.press('Tab');
			if (await page.evaluate(() => document.activeElement.id) === id)
				return;
		}
		assert.fail(`Tab never reached #${id}`);
	};
	await page.evaluate(() => document.activeElement?.blur());
	await tabTo('category-1');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	const category = await page.inputValue('#category-1');
	assert.notEqual(category, '', 'a category chosen with the arrow keys');
	await tabTo('area-1');
	await page.keyboard.press('ArrowDown');
	assert.notEqual(await page.inputValue('#area-1'), '');
	await tabTo('send');
	await page.keyboard.press('Enter');
	await page.waitForSelector('#status:not([hidden]) #sent-list li');
	assert.match(await page.textContent('#status'), /Nr \d+/);
	assert.deepEqual(page.problems, []);
	await page.close();
});

test('every page fits a phone: no sideways scrolling', async () => {
	const page = await newPage(browser.context,
	    { viewport: { width: 390, height: 844 } });
	await login(page, server.url, 'admin@demo.samverkan.se');
	for (const [path, ready] of everyPage()) {
		await page.goto(`${server.url}/${path}`);
		await page.waitForSelector(ready, { state: 'attached',
		    timeout: 60000 });
		await settled(page);
		const width = await page.evaluate(() =>
		    document.documentElement.scrollWidth);
		assert.ok(width <= 390, `${path}: page width ${width}`);
	}
	assert.deepEqual(page.problems, []);
	await page.close();
});
