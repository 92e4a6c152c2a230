// The main user journeys against the real server and a generated demo
// database: a reporter reports an incident by tapping the map and finds it
// in the list, on the map and in this week's lägesbild; a bad report is
// refused with the API's error beside the field; a reporter of another
// organisation never sees the first one's free text; several incidents go
// in one report; and one's own report can be withdrawn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDatabase, startServer, launch, newPage, login, axe,
    screenshot } from './lib.mjs';

let demo, server, browser;
const secret = `Klotter på gavel mot parkeringen, märkt ${Date.now()}`;
let reportedId = null;

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

async function weekTotal(page) {
	await page.goto(`${server.url}/lagesbild.html`);
	await page.waitForSelector('#lb-map[data-points]', { timeout: 60000 });
	return Number((await page.textContent('#card-total .value'))
	    .replace(/\s/g, ''));
}

async function openReport(page) {
	await page.goto(`${server.url}/rapportera.html`);
	await page.waitForSelector('#category-1 optgroup', { state: 'attached' });
	await page.waitForSelector('#map-1 path', { state: 'attached' });
}

test('report an incident on the map; see it in the list, on the map and ' +
    'in this week\'s lägesbild', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'fastighet@demo.samverkan.se');
	const before_ = await weekTotal(page);

	await openReport(page);
	await page.selectOption('#category-1', 'skadegorelse.klotter');
	const box = await page.locator('#map-1').boundingBox();
	await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
	assert.match(await page.textContent('#place-out-1'), /Vald plats/);
	await page.check('#severity-1-2');
	await page.fill('#people-1', '0');
	await page.fill('#text-1', secret);
	await page.click('#send');
	await page.waitForSelector('#status:not([hidden]) #sent-list li');
	const sent = await page.textContent('#sent-list li');
	const m = /Nr (\d+): Klotter/.exec(sent);
	assert.ok(m, `confirmation names the incident: ${sent}`);
	reportedId = Number(m[1]);
	assert.match(await page.textContent('#status'), /Tack! Händelsen är/);
	await screenshot(page, 'rapportera-bekraftelse');

	await page.goto(`${server.url}/handelser.html?org=MALARHEM`);
	const row = page.locator(`#inc-${reportedId}`);
	await row.waitFor();
	assert.match(await row.textContent(), /Klotter/);
	assert.match(await row.textContent(), /märkt/);
	assert.equal(await row.locator('[data-action=edit]').count(), 1,
	    'own report can be edited');
	await row.getByRole('button', { name: /Visa på kartan/ }).click();
	const popup = page.locator('#map .leaflet-popup-content');
	await popup.waitFor();
	assert.match(await popup.textContent(), new RegExp(`Nr ${reportedId}`));
	assert.deepEqual(await axe(page), []);

	assert.equal(await weekTotal(page), before_ + 1,
	    'this week\'s lägesbild counts the new incident');
	assert.deepEqual(page.problems, []);
	await page.close();
});

test('a bad report is refused with the error beside the field', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'fastighet@demo.samverkan.se');
	await openReport(page);
	// Nothing chosen: the form says what is missing, beside the fields.
	await page.click('#send');
	await page.waitForSelector('#category-1[aria-invalid=true]');
	assert.match(await page.locator('#category-1').locator('xpath=..')
	    .locator('.error-text').textContent(), /Välj en kategori/);

	await page.selectOption('#category-1', 'otrygghet.samling');
	await page.selectOption('#area-1', { label: 'Råby centrum' });
	await page.fill('#people-1', '20000');
	await page.click('#send');
	const err = page.locator('#people-1').locator('xpath=..')
	    .locator('.error-text');
	await err.waitFor();
	// In Swedish beside the field, the API's English only as a title.
	assert.match(await err.textContent(),
	    /^Antal personer måste vara mellan 0 och 10\s000\.$/);
	assert.match(await err.getAttribute('title'), /people_count/);
	assert.equal(await page.getAttribute('#people-1', 'aria-invalid'),
	    'true');
	assert.match(await page.getAttribute('#people-1', 'aria-describedby'),
	    /err/);
	assert.equal(await page.locator('#status:not([hidden])').count(), 0,
	    'nothing confirmed');

	// A personnummer: warned while typing, refused by the API.
	await page.fill('#people-1', '5');
	await page.fill('#text-1', 'Person med nummer 19121212-1212 syntes');
	await page.waitForSelector('#text-warn-1:not([hidden])');
	assert.match(await page.textContent('#text-warn-1'), /personnummer/);
	await page.click('#send');
	const derr = page.locator('#text-1').locator('xpath=..')
	    .locator('.error-text');
	await derr.waitFor();
	assert.equal(await page.getAttribute('#text-1', 'aria-invalid'), 'true');
	// The server's refusal reads as the live warning: one Swedish wording.
	assert.equal(await derr.textContent(),
	    await page.textContent('#text-warn-1'));
	assert.match(await derr.textContent(), /^Texten ser ut att innehålla ett personnummer\./);
	await screenshot(page, 'rapportera-fel');
	assert.deepEqual(await axe(page), []);
	await page.close();
});

test('a reporter of another organisation sees the incident without its ' +
    'free text', async () => {
	assert.ok(reportedId, 'the first test reported an incident');
	const page = await newPage(browser.context);
	await login(page, server.url, 'vakt@demo.samverkan.se');
	await page.goto(`${server.url}/handelser.html?org=MALARHEM`);
	const row = page.locator(`#inc-${reportedId}`);
	await row.waitFor();
	assert.match(await row.textContent(), /Klotter/);
	assert.match(await row.textContent(), /Visas bara för egen organisation/);
	assert.equal(await row.locator('[data-action]').count(), 0,
	    'no edit or withdraw on another organisation\'s report');
	const html = await page.content();
	assert.ok(!html.includes('märkt'), 'free text absent from the page');
	const api = await page.evaluate(async (id) => (await fetch(
	    `/api/v1/incidents/${id}`)).json(), reportedId);
	assert.equal(api.description, undefined);
	await page.close();
});

test('several incidents in one report, then withdraw one', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'fastighet@demo.samverkan.se');
	await openReport(page);
	await page.selectOption('#category-1', 'nedskrapning');
	await page.selectOption('#area-1', { label: 'Bäckby centrum' });
	await page.click('#add-incident');
	await page.waitForSelector('#category-2');
	await page.selectOption('#category-2', 'skadegorelse.glaskross');
	await page.selectOption('#area-2', { label: 'Råby centrum' });
	await page.click('#send');
	await page.waitForSelector('#sent-list li');
	assert.equal(await page.locator('#sent-list li').count(), 2);
	assert.match(await page.textContent('#status'), /2 händelser/);
	const id = Number(/Nr (\d+)/.exec(await page.textContent(
	    '#sent-list li:nth-child(2)'))[1]);

	await page.goto(`${server.url}/handelser.html?org=MALARHEM`);
	const row = page.locator(`#inc-${id}`);
	await row.waitFor();
	page.once('dialog', (d) => d.accept());
	await row.locator('[data-action=withdraw]').click();
	await page.waitForSelector(`#inc-${id}.withdrawn`);
	const api = await page.evaluate(async (n) => (await fetch(
	    `/api/v1/incidents/${n}`)).json(), id);
	assert.equal(api.status, 'withdrawn');
	assert.deepEqual(page.problems, []);
	await page.close();
});

test('the filter is kept in the URL', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	await page.goto(`${server.url}/handelser.html`);
	await page.waitForSelector('#incident-table tbody tr');
	assert.match(page.url(), /from=\d{4}-\d{2}-\d{2}/);
	await page.selectOption('#f-category', 'skadegorelse.klotter');
	await page.selectOption('#f-area', { label: 'Centrum' });
	await page.click('#filters button[type=submit]');
	await page.waitForURL(/category=skadegorelse.klotter/);
	assert.match(page.url(), /area=1980-/);
	assert.match(page.url(), /layer=stadsdel/);
	await page.waitForSelector('#incident-table tbody tr');
	const cats = await page.locator('#incident-table tbody tr td:nth-child(3)')
	    .allTextContents();
	assert.ok(cats.length > 0);
	for (const c of cats)
		assert.match(c, /Klotter/);
	await page.reload();
	await page.waitForSelector('#incident-table tbody tr');
	assert.equal(await page.inputValue('#f-category'),
	    'skadegorelse.klotter');
	assert.equal(await page.locator('#f-area option:checked').textContent(),
	    'Centrum');
	await page.close();
});
