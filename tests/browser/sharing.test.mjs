// Issue 6 in the web pages, on the demo database: the admin of Västerås
// stad sets on "Delning" how much of the Teknik- och
// fastighetsförvaltningen's incidents four other organisations see; then
// each reader's incident list and map hold exactly what the rule allows,
// compared with what the owning organisation itself sees on the same
// filter. A national admin changes a trust setting there too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
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

const OWNER = 'VAS-TFF';
const OWNER_NAME = 'Teknik- och fastighetsförvaltningen';
// reader organisation -> [level set on the page, a user of it]
const READERS = {
	'LPO-VAS': ['full', 'polis@demo.samverkan.se'],
	'TRYGGVAKT': ['none', 'vakt@demo.samverkan.se'],
	'MALARHEM': ['aggregated', 'fastighet@demo.samverkan.se'],
};
// No rule for the rescue service: the default, without free text.
const DEFAULT_READER = 'raddning@demo.samverkan.se';
const HIDDEN_TEXT = 'Visas bara för egen organisation';

function cell(reader, kind) {
	return `#share-table tr[data-reader="${reader}"] ` +
	    `select[data-kind="${kind}"]`;
}

// The incidents list (first page) and map for the owner's incidents of
// the last 30 days, as the logged-in user sees them.
async function listed(page) {
	await page.goto(`${server.url}/handelser.html?org=${OWNER}`);
	await page.waitForSelector('#map[data-markers]');
	const rows = await page.$$eval('#incident-table tbody tr', (trs) =>
	    trs.map((tr) => ({ id: tr.id, org: tr.cells[4].textContent,
	    desc: tr.querySelector('td.desc').textContent })));
	const markers = Number(await page.getAttribute('#map', 'data-markers'));
	return { rows, markers };
}

async function asUser(email, fn) {
	const page = await newPage(browser.context);
	await login(page, server.url, email);
	const r = await fn(page);
	assert.deepEqual(page.problems, []);
	await page.close();
	return r;
}

test('an admin sets sharing rules on Delning; each reader sees exactly ' +
    'what they allow in the incident list and on the map', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'admin@demo.samverkan.se');
	await page.goto(`${server.url}/delning.html`);
	await page.waitForSelector(cell('', 'incident'));
	await page.selectOption('#s-owner', OWNER);
	await page.waitForSelector(`#share-caption:has-text("${OWNER_NAME}")`);
	for (const [reader, [level]] of Object.entries(READERS))
		await page.selectOption(cell(reader, 'incident'), level);
	await page.click('#share-save');
	await page.waitForSelector('#status:has-text("3 regler är sparade")');
	// Saved: a fresh page shows the same levels, and the rules page too.
	await page.reload();
	await page.waitForSelector(cell('', 'incident'));
	await page.selectOption('#s-owner', OWNER);
	await page.waitForSelector(`#share-caption:has-text("${OWNER_NAME}")`);
	for (const [reader, [level]] of Object.entries(READERS))
		assert.equal(await page.inputValue(cell(reader, 'incident')),
		    level, reader);
	assert.equal(await page.inputValue(cell('RTJ-VAS', 'incident')), '');
	assert.equal(await page.inputValue(cell('LPO-VAS', 'dialogue')), '');
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'delning');
	assert.deepEqual(page.problems, []);
	await page.close();

	const own = await asUser('tekniska@demo.samverkan.se', listed);
	assert.ok(own.rows.length > 0, 'the owner has incidents to share');
	assert.equal(own.markers, own.rows.length);
	assert.ok(own.rows.some((r) => r.desc !== '–' && r.desc !== HIDDEN_TEXT),
	    'some of them have free text');
	const ids = own.rows.map((r) => r.id);

	// full: every incident, with its free text
	const full = await asUser(READERS['LPO-VAS'][1], listed);
	assert.deepEqual(full.rows.map((r) => r.id), ids);
	assert.deepEqual(full.rows.map((r) => r.desc), own.rows.map((r) =>
	    r.desc));
	assert.equal(full.markers, ids.length);

	// no rule: every incident, never the free text
	const plain = await asUser(DEFAULT_READER, listed);
	assert.deepEqual(plain.rows.map((r) => r.id), ids);
	own.rows.forEach((r, i) => {
		if (r.desc !== '–')
			assert.equal(plain.rows[i].desc, HIDDEN_TEXT, r.id);
	});
	assert.equal(plain.markers, ids.length);

	// aggregated and none: nothing listed, nothing on the map, and not
	// among all the organisations' incidents either
	for (const reader of ['TRYGGVAKT', 'MALARHEM']) {
		const seen = await asUser(READERS[reader][1], async (p) => {
			const r = await listed(p);
			await p.goto(`${server.url}/handelser.html`);
			await p.waitForSelector('#map[data-markers]');
			r.all = await p.$$eval('#incident-table tbody tr', (trs) =>
			    trs.map((tr) => tr.cells[4].textContent));
			return r;
		});
		assert.deepEqual(seen.rows, [], reader);
		assert.equal(seen.markers, 0, reader);
		assert.ok(seen.all.length > 0, `${reader} sees other incidents`);
		assert.ok(!seen.all.some((o) => o.includes(OWNER_NAME)), reader);
	}

	// This week's lägesbild: aggregated data is counted but not drawn,
	// data shared with none is not counted. The two readers differ from
	// the police only in their level for the owner (each sees its own
	// data in full and the others' by default).
	const picture = async (p) => {
		await p.goto(`${server.url}/lagesbild.html`);
		await p.waitForSelector('#lb-map[data-points]', { timeout: 60000 });
		return { total: await p.textContent('#card-total .value'),
		    points: Number(await p.getAttribute('#lb-map', 'data-points')),
		    note: await p.isVisible('#lb-sharing') ?
		    await p.textContent('#lb-sharing') : '' };
	};
	const police = await asUser(READERS['LPO-VAS'][1], picture);
	const aggregated = await asUser(READERS.MALARHEM[1], picture);
	const none = await asUser(READERS.TRYGGVAKT[1], picture);
	assert.equal(aggregated.total, police.total, 'aggregated is counted');
	assert.ok(aggregated.points < police.points, 'but not drawn');
	assert.match(aggregated.note, /endast sammanräknade/);
	assert.ok(Number(none.total.replace(/\s/g, '')) <
	    Number(police.total.replace(/\s/g, '')), 'none is not counted');
	assert.match(none.note, /delar inte/);
	assert.equal(police.note, '');
});

test('a national admin changes a trust setting; the data-protection page ' +
    'shows it', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'admin@demo.samverkan.se');
	await page.goto(`${server.url}/delning.html`);
	await page.waitForSelector('#t-min_count');
	const before = Number(await page.inputValue('#t-min_count'));
	// A bad value is refused beside the field, twice in a row.
	for (const bad of ['0', '-3']) {
		await page.fill('#t-min_count', bad);
		await page.click('#trust-save');
		await page.waitForSelector('#t-min_count[aria-invalid="true"]');
		assert.equal(await page.locator('#trust-form .field-error')
		    .count(), 1);
	}
	await page.fill('#t-min_count', String(before + 2));
	await page.click('#trust-save');
	await page.waitForSelector('#status:has-text("Inställningarna är sparade")');
	assert.equal(await page.locator('#trust-form [aria-invalid]').count(), 0);
	await page.goto(`${server.url}/dataskydd.html`);
	await page.waitForSelector(`[data-setting="min_count"]:has-text("${
	    before + 2}")`);
	await page.goto(`${server.url}/delning.html`);
	await page.click('#trust-table button:has-text("Återställ")');
	await page.waitForSelector('#status:has-text("standardvärdet")');
	assert.equal(Number(await page.inputValue('#t-min_count')), before);
	assert.deepEqual(page.problems, []);
	await page.close();
	// Not for a coordinator: the page says so, the menu does not offer it.
	await asUser('samordnare@demo.samverkan.se', async (p) => {
		assert.equal(await p.locator('.site-nav a[href="delning.html"]')
		    .isVisible(), false);
		await p.goto(`${server.url}/delning.html`);
		await p.waitForSelector('text=Ingen behörighet');
	});
});
