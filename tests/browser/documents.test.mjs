// The Dokument page (web/dokument.html): the demo's documents in every
// lifecycle state, the filter kept in the URL, and one document taken
// through its life in the page by a coordinator -- a draft uploaded,
// changed, decided (the SHA-256 shown is that of the uploaded bytes), a
// new version made and decided, and archived; minutes made from a
// meeting and decided by one of its body's decisions -- while a reader
// of another organisation gets the list and the facts but no actions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { demoDatabase, startServer, launch, newPage, login, axe,
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

// The open document, drawn in full, has status st.
const shows = (page, st) => page.waitForFunction((x) => document
    .querySelector('#doc-detail:not([hidden]):not([aria-busy]) #doc-status')
    ?.textContent === x, st);

const rows = (page) => page.$$eval('#doc-table tbody tr', (trs) => trs.map(
    (tr) => [...tr.cells].map((c) => c.textContent.trim())));

test('the demo documents are listed in every state and filtered by the URL',
    async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	await page.goto(`${server.url}/dokument.html`);
	await page.waitForSelector('#doc-table tbody tr');
	const all = await rows(page);
	const states = new Set(all.map((r) => r[3]));
	assert.deepEqual([...states].sort(), ['Arkiverad', 'Beslutad', 'Utkast'],
	    JSON.stringify(all));
	assert.ok(all.some((r) => r[1] === 'Protokoll' && r[3] === 'Beslutad'));
	assert.equal(await page.getAttribute('.site-nav a[href="dokument.html"]',
	    'aria-current'), 'page');

	await page.selectOption('#f-status', 'beslutad');
	await page.click('#filters button[type=submit]');
	await page.waitForURL(/status=beslutad/);
	await page.waitForSelector('#doc-table tbody tr');
	const decided = await rows(page);
	assert.ok(decided.length > 0 && decided.length < all.length);
	assert.ok(decided.every((r) => r[3] === 'Beslutad'), JSON.stringify(decided));
	assert.equal(await page.inputValue('#f-status'), 'beslutad');

	// A decided agreement shows its decision, date and hash, and its file.
	await page.click('#doc-table a:text-matches("Samverkansöverenskommelse")');
	await shows(page, 'Beslutad');
	assert.match(await page.textContent('#doc-sha'), /^[0-9a-f]{64}$/);
	assert.match(await page.textContent('#doc-decision'), /Styrgruppen/);
	assert.equal((await page.$$('#version-table tbody tr')).length, 2);
	const href = await page.getAttribute('#doc-download', 'href');
	const file = await page.evaluate(async (u) => {
		const r = await fetch(u);
		return { type: r.headers.get('content-type'), head:
		    new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)) };
	}, href);
	assert.deepEqual(file, { type: 'application/pdf', head: '%PDF-' });
	assert.deepEqual(await axe(page), []);
	assert.deepEqual(page.problems, []);
	await page.close();
});

test('a draft is changed, decided, versioned and archived in the page',
    async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	await page.goto(`${server.url}/dokument.html`);
	await page.waitForSelector('#doc-table tbody tr');
	const text = `Lägesrapport till styrgruppen ${Date.now()}\n`;
	await page.selectOption('#n-kind', 'fil');
	await page.fill('#n-title', 'Lägesrapport till styrgruppen');
	await page.setInputFiles('#n-file', { name: 'lagesrapport.txt',
	    mimeType: 'text/plain', buffer: Buffer.from(text) });
	await page.click('#new-form button[type=submit]');
	await shows(page, 'Utkast');
	assert.equal(await page.isVisible('#draft-actions'), true);
	assert.match(page.url(), /[?&]id=\d+/);
	await screenshot(page, 'dokument-utkast');

	await page.fill('#e-title', 'Lägesrapport till styrgruppen, november');
	await page.click('#edit-form button[type=submit]');
	await page.waitForFunction(() => document.querySelector(
	    '#detail-h').textContent.endsWith('november') &&
	    !document.querySelector('#doc-detail[aria-busy]'));

	// Deciding without saying who decided is refused beside the field.
	await page.click('#decide-form button[type=submit]');
	await page.waitForSelector('#d-ref[aria-invalid="true"]');
	await page.fill('#d-ref', 'Styrgruppen 2026-11-30 § 4');
	await page.fill('#d-on', '2026-11-30');
	await page.click('#decide-form button[type=submit]');
	await shows(page, 'Beslutad');
	const sha = createHash('sha256').update(text).digest('hex');
	assert.equal(await page.textContent('#doc-sha'), sha);
	assert.equal(await page.textContent('#doc-decided-on'), '2026-11-30');
	assert.equal(await page.isHidden('#draft-actions'), true);
	assert.equal(await page.isVisible('#new-version'), true);

	await page.click('#new-version');
	await shows(page, 'Utkast');
	assert.equal((await page.$$('#version-table tbody tr')).length, 2);
	assert.match(await page.textContent('#doc-facts'), /2 \(senaste\)/);
	await page.fill('#d-ref', 'Styrgruppen 2026-12-14 § 2');
	await page.fill('#d-on', '2026-12-14');
	await page.click('#decide-form button[type=submit]');
	await shows(page, 'Beslutad');
	// An unchanged copy: the same bytes, the same hash.
	assert.equal(await page.textContent('#doc-sha'), sha);

	page.once('dialog', (d) => d.accept());
	await page.click('#archive');
	await shows(page, 'Arkiverad');
	assert.equal(await page.isHidden('#decided-actions'), true);
	assert.equal(await page.isHidden('#draft-actions'), true);
	const versions = await page.$$eval('#version-table tbody tr', (trs) =>
	    trs.map((tr) => tr.cells[1].textContent));
	assert.deepEqual(versions, ['Arkiverad', 'Beslutad']);
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'dokument');
	assert.deepEqual(page.problems, []);
	await page.close();
});

test('minutes are made from a meeting and decided by a decision of the body',
    async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	await page.goto(`${server.url}/dokument.html`);
	await page.waitForSelector('#doc-table tbody tr');
	await page.selectOption('#n-kind', 'protokoll');
	const agr = await page.$eval('#n-agreement', (sel) => [...sel.options]
	    .find((o) => /Västerås stad och lokalpolisområde/.test(o.text)).value);
	await page.selectOption('#n-agreement', agr);
	await page.waitForSelector('#n-source option[value]:not([value=""])',
	    { state: 'attached' });
	await page.click('#new-form button[type=submit]');
	await shows(page, 'Utkast');
	assert.match(await page.textContent('#doc-facts'), /Protokoll/);
	assert.match(await page.textContent('#doc-facts'), /\.pdf/);

	await page.waitForSelector('#d-decision option[value]:not([value=""])',
	    { state: 'attached' });
	const choice = await page.$eval('#d-decision', (sel) => ({ value:
	    sel.options[1].value, text: sel.options[1].text }));
	await page.selectOption('#d-decision', choice.value);
	await page.click('#decide-form button[type=submit]');
	await shows(page, 'Beslutad');
	const para = /§ (\d+)/.exec(choice.text)[1];
	assert.match(await page.textContent('#doc-decision'), new RegExp(`§ ${para}`));
	assert.match(await page.textContent('#doc-decided-on'), /^\d{4}-\d{2}-\d{2}$/);
	assert.deepEqual(page.problems, []);
	await page.close();
});

test('a reader gets the documents but no actions', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'lasare@demo.samverkan.se');
	await page.goto(`${server.url}/dokument.html`);
	await page.waitForSelector('#doc-table tbody tr');
	assert.equal(await page.isHidden('#new-form'), true);
	await page.click('#doc-table tbody tr a');
	await page.waitForSelector('#doc-detail:not([hidden]):not([aria-busy])');
	assert.equal(await page.isHidden('#draft-actions'), true);
	assert.equal(await page.isHidden('#decided-actions'), true);
	assert.deepEqual(page.problems, []);
	await page.close();
});
