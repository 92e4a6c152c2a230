// Remakes the screenshots in docs/screenshots/ from the demo database:
//   SV_BIN=build/samverkan node tests/browser/docs-screenshots.mjs [NAME...]
// (with names, only those pictures, e.g. `dokument konto`).
// Window-sized shots (not whole pages), reduced to 256 colours by
// pngquant when it is installed, so each stays near 150 KB or below.
// Not a test (the name does not end in .test.mjs).
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, demoDatabase, startServer, launch, newPage, login } from
    './lib.mjs';

const OUT = join(ROOT, 'docs', 'screenshots');
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };
const ONLY = new Set(process.argv.slice(2));

async function shot(page, name, opts = {}) {
	if (ONLY.size && !ONLY.has(name))
		return;
	const path = join(OUT, `${name}.png`);
	if (opts.element)
		await page.locator(opts.element).screenshot({ path });
	else
		await page.screenshot({ path, fullPage: false });
	try {
		execFileSync('pngquant', ['--force', '--skip-if-larger',
		    '--quality=60-90', '--speed=1', '--strip', '--output', path,
		    path]);
	} catch (e) {
		/* pngquant missing or no gain: the plain PNG stays */
	}
	console.log(`${name}.png ${Math.round(statSync(path).size / 1024)} kB`);
}

async function at(page, url, ready, opts = {}) {
	await page.goto(url);
	await page.waitForSelector(ready, { state: 'attached', timeout: 60000 });
	await page.waitForLoadState('load');
	if (opts.top !== false)
		await page.evaluate(() => window.scrollTo(0, 0));
}

mkdirSync(OUT, { recursive: true });
const demo = demoDatabase();
const server = await startServer(demo.db);
const browser = await launch();
const base = server.url;
try {
	const page = await newPage(browser.context, { viewport: DESKTOP });
	await at(page, `${base}/`, '#login:not([hidden])');
	await shot(page, 'logga-in');
	await login(page, base, 'samordnare@demo.samverkan.se');
	await page.waitForFunction(() => !document.querySelector('#home-week')
	    .textContent.includes('Hämtar'));
	await shot(page, 'oversikt');
	await at(page, `${base}/rapportera.html`, '#map-1 path');
	await shot(page, 'rapportera');
	await at(page, `${base}/handelser.html`, '#map[data-markers]');
	await shot(page, 'handelser');
	await at(page, `${base}/lagesbild.html`, '#lb-map[data-points]');
	await shot(page, 'lagesbild');
	await page.locator('#map-h').scrollIntoViewIfNeeded();
	await shot(page, 'lagesbild-karta', { element: '#map-h + .split' });
	await page.emulateMedia({ media: 'print' });
	await page.evaluate(() => window.scrollTo(0, 0));
	await shot(page, 'lagesbild-utskrift');
	await page.emulateMedia({ media: 'screen' });
	await at(page, `${base}/omraden.html`, '#area-table tbody tr');
	await shot(page, 'omraden');
	await at(page, `${base}/kategorier.html`, '#cat-tree li');
	await shot(page, 'kategorier');
	await at(page, `${base}/samverkan/index.html`, '#agr-table tbody tr');
	await page.click('#agr-table a[href^="overenskommelse.html?id="]');
	await page.waitForSelector('#bodies li a');
	await page.waitForLoadState('load');
	await shot(page, 'samverkan');
	// The revised agreement: its decision, hash and both versions.
	await at(page, `${base}/dokument.html?id=2`,
	    '#doc-detail:not([hidden]):not([aria-busy])');
	await page.evaluate(() => document.querySelector('#doc-detail')
	    .scrollIntoView());
	await shot(page, 'dokument');
	await at(page, `${base}/konto.html`, '#totp-off:not([hidden])');
	await page.click('#totp-start');
	await page.waitForSelector('#totp-qr svg');
	await page.evaluate(() => window.scrollTo(0, 0));
	await shot(page, 'konto');
	await login(page, base, 'admin@demo.samverkan.se');
	await at(page, `${base}/delning.html`, '#share-table select');
	await shot(page, 'delning');
	await page.close();

	const phone = await newPage(browser.context, { viewport: PHONE });
	await login(phone, base, 'fastighet@demo.samverkan.se');
	await at(phone, `${base}/rapportera.html`, '#map-1 path');
	await shot(phone, 'rapportera-mobil');
	await phone.click('#send');
	await phone.waitForSelector('#category-1[aria-invalid="true"]');
	await phone.locator('#category-1').scrollIntoViewIfNeeded();
	await shot(phone, 'rapportera-fel');
	await phone.close();
} finally {
	await browser.close();
	await server.stop();
	demo.cleanup();
}
