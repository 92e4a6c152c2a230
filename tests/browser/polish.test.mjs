// The Monday-morning walk of a coordinator, on a phone and a desktop
// window: a refused form field is explained in Swedish beside it and gets
// the focus (the API's English kept as its title); personal data in a
// free text reads the same Swedish sentence in every form that checks it
// (the report's live warning, an incident's edit, dialogue notes); the lägesbild says when
// it is loading and what an empty week means, and never shows "undefined";
// every main page's header leaves the phone screen to the content.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDatabase, startServer, launch, newPage, login, axe } from
    './lib.mjs';
import { piiText } from '../../web/js/pii.js';

let demo, server, browser;
const PHONE = { width: 390, height: 844 };

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

test('a refused field: Swedish beside it, the focus on it, the English ' +
    'only as a title', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	await page.goto(`${server.url}/kategorier.html`);
	await page.waitForSelector('#cat-tree li');
	await page.fill('#c-code', 'Ogiltig kod!');
	await page.fill('#c-name', 'Provkategori');
	await page.click('#cat-form button[type=submit]');
	const err = page.locator('#c-code').locator('xpath=..')
	    .locator('.field-error');
	await err.waitFor();
	const text = await err.textContent();
	assert.match(text, /^Kod/, 'names the field in Swedish');
	const title = await err.getAttribute('title');
	assert.match(title, /^Serverns meddelande: /);
	assert.ok(!text.includes(title.replace('Serverns meddelande: ', '')),
	    'the English is not shown as the message');
	assert.equal(await page.evaluate(() => document.activeElement.id),
	    'c-code', 'the focus is on the refused field');
	assert.equal(await page.getAttribute('#c-code', 'aria-invalid'), 'true');
	assert.deepEqual(page.problems.filter((p) => !/422/.test(p)), []);
	await page.close();
});

test('the lägesbild says it is loading, then fills in', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	let release;
	const held = new Promise((r) => { release = r; });
	await page.route('**/api/v1/lagesbild?*', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto(`${server.url}/lagesbild.html`);
	const busy = page.locator('#lb-loading');
	await busy.waitFor();
	assert.match(await busy.textContent(), /^Hämtar lägesbilden för .+, vecka \d+ …$/);
	assert.equal(await page.getAttribute('main', 'aria-busy'), 'true');
	release();
	await page.waitForSelector('#lb-map[data-points]', { timeout: 60000 });
	assert.equal(await busy.count(), 0);
	assert.equal(await page.getAttribute('main', 'aria-busy'), null);
	await page.close();
});

test('a week without incidents says so in Swedish, and nothing reads ' +
    '"undefined"', async () => {
	for (const viewport of [PHONE, { width: 1280, height: 860 }]) {
		const page = await newPage(browser.context, { viewport });
		await login(page, server.url, 'samordnare@demo.samverkan.se');
		await page.goto(`${server.url}/lagesbild.html?period=2015-W10`);
		await page.waitForSelector('#lb-map[data-points]', { timeout: 60000 });
		assert.equal(await page.getAttribute('#lb-map', 'data-points'), '0');
		assert.match(await page.textContent('#lb-empty'),
		    /^Inga händelser är rapporterade i området den här veckan.*Välj en annan vecka/);
		const main = await page.textContent('main');
		assert.doesNotMatch(main, /undefined|NaN|null/);
		assert.match(await page.textContent('#card-hot'), /ej beräknat \(.+\)/);
		// The legend says why the heat map and the hotspots are empty
		// instead of offering check boxes that do nothing.
		assert.equal(await page.locator('#lb-show-kde').count(), 0);
		assert.equal(await page.locator('#lb-show-hotspots').count(), 0);
		assert.match(await page.textContent('[data-layer=kde]'),
		    /Ingen värmekarta|Inte beräknad/);
		assert.match(await page.textContent('[data-layer=hotspots]'),
		    /Inte beräknade|Inga signifikanta/);
		assert.deepEqual(await axe(page), []);
		assert.deepEqual(page.problems, []);
		await page.close();
	}
});

test('on a phone every main page\'s header leaves most of the screen to ' +
    'the page', async () => {
	const page = await newPage(browser.context, { viewport: PHONE });
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	for (const p of ['index.html', 'rapportera.html', 'handelser.html',
	    'lagesbild.html', 'omraden.html', 'kategorier.html',
	    'dataskydd.html', 'dokument.html', 'konto.html',
	    'samverkan/index.html']) {
		await page.goto(`${server.url}/${p}`);
		await page.waitForSelector('#who-role');
		const box = await page.locator('.site-header').boundingBox();
		assert.ok(box.height <= 0.22 * PHONE.height,
		    `${p}: header ${box.height} px of ${PHONE.height}`);
		// Who is logged in is shown whole, not cut off.
		const who = await page.locator('#who-user').boundingBox();
		assert.ok(who && who.width > 0 && who.x + who.width <= PHONE.width,
		    `${p}: who is logged in fits`);
	}
	await page.close();
});

test('personal data: one Swedish sentence in every form that refuses it',
    async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'fastighet@demo.samverkan.se');
	// An incident's description, changed on Händelser: the live warning
	// and the server's refusal read the same.
	await page.goto(`${server.url}/handelser.html`);
	const edit = page.locator('button[data-action=edit]').first();
	await edit.waitFor();
	await edit.click();
	await page.fill('#e-text', 'Ring vakten på 070-123 45 67');
	await page.waitForSelector('#e-warn:not([hidden])');
	assert.equal(await page.textContent('#e-warn'), piiText('telefonnummer'));
	await page.click('#edit-form button[type=submit]');
	const err = page.locator('#e-text').locator('xpath=..')
	    .locator('.field-error');
	await err.waitFor();
	assert.equal(await err.textContent(), piiText('telefonnummer'));
	assert.match(await err.getAttribute('title'), /personal data \(telefonnummer\)/);

	// Dialogue notes with a personnummer.
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	await page.goto(`${server.url}/samverkan/dialoger.html`);
	await page.waitForSelector('#dl-form', { state: 'attached' });
	const s = page.locator('summary', { hasText: 'Ny dialog eller trygghetsvandring' }).first();
	await s.focus();
	await s.press('Enter');
	await page.selectOption('#dl-kind', 'trygghetsvandring');
	await page.fill('#dl-held-on', '2026-11-02');
	await page.fill('#dl-notes', 'Kontaktperson 811218-9876 vid entrén');
	await page.click('#dl-form button[type=submit]');
	const nerr = page.locator('#dl-notes').locator('xpath=..')
	    .locator('.field-error');
	await nerr.waitFor();
	assert.equal(await nerr.textContent(), piiText('personnummer'));
	assert.equal(await page.evaluate(() => document.activeElement.id),
	    'dl-notes');
	await page.close();
});
