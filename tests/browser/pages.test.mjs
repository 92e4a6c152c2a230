// Every page of the web interface, logged in as a coordinator: renders
// without script errors or CSP violations, passes axe-core with no serious
// or critical WCAG 2.1 A/AA violation, and is kept as a screenshot. The
// lägesbild page is checked for its map, heat map, hotspots, matrix and
// charts; the login page and a phone-sized report page too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDatabase, startServer, launch, newPage, login, logout, axe,
    screenshot } from './lib.mjs';

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
];

for (const [path, name, ready] of PAGES) {
	test(`${path} renders and passes axe-core`, async () => {
		const page = await newPage(browser.context);
		await login(page, server.url, 'samordnare@demo.samverkan.se');
		await page.goto(`${server.url}/${path}`);
		await page.waitForSelector(ready, { state: 'attached' });
		await page.waitForTimeout(300);
		assert.deepEqual(await axe(page), []);
		await screenshot(page, name);
		assert.deepEqual(page.problems, []);
		await page.close();
	});
}

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
	} else {
		assert.equal(source, 'fallback');
		assert.match(await page.textContent('#lb-degraded'),
		    /ingen fullständig lägesbild/);
	}
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'lagesbild');
	await page.emulateMedia({ media: 'print' });
	assert.equal(await page.locator('.site-header').isVisible(), false,
	    'print stylesheet hides the header');
	await page.emulateMedia({ media: 'screen' });
	assert.deepEqual(page.problems, []);
	await page.close();
});

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
