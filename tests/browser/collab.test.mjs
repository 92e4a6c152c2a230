// Issue 5 in the browser, on the demo database: a coordinator creates an
// agreement; holds a meeting of the Västerås strategic leadership with a
// decision that adopts a new attachment version (a draft until then);
// publishes a medborgarlöfte that then appears on the public page, which
// needs no login. axe-core checks each page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDatabase, startServer, launch, newPage, login, logout, axe,
    screenshot } from './lib.mjs';

let demo, server, browser;
const stamp = Date.now() % 100000;

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

function day(offset) {
	const d = new Date(Date.now() + offset * 86400000);
	return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(d);
}

test('create an agreement', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	await page.goto(`${server.url}/samverkan/index.html`);
	await page.waitForSelector('#agr-table tbody tr');
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'overenskommelser');
	const title = `Samverkansöverenskommelse Skultuna ${stamp}`;
	await page.fill('#a-title', title);
	await page.fill('#a-from', day(0));
	await page.fill('#a-to', day(365 * 2));
	await page.fill('#a-purpose', 'Trygg och socialt hållbar kommundel.');
	await page.waitForSelector('#a-parties option[value="LPO-VAS"]', { state: 'attached' });
	await page.selectOption('#a-parties', ['VASTERAS', 'LPO-VAS']);
	await page.click('#agr-form button[type=submit]');
	await page.waitForURL(/overenskommelse\.html\?id=\d+/);
	await page.waitForSelector('#parties li');
	assert.equal(await page.textContent('#agr-title'), title);
	assert.match(await page.textContent('#parties'), /Västerås stad[\s\S]*Lokalpolisområde Västerås/);
	// a bad date is refused beside the field
	await page.goto(`${server.url}/samverkan/index.html`);
	await page.fill('#a-title', 'Fel');
	await page.fill('#a-from', day(10));
	await page.fill('#a-to', day(0));
	await page.click('#agr-form button[type=submit]');
	await page.waitForSelector('#a-to[aria-invalid="true"]');
	assert.deepEqual(page.problems, []);
	await page.close();
});

test('hold a meeting with a decision that adopts an attachment', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	await page.goto(`${server.url}/samverkan/index.html`);
	await page.click('text=Samverkansöverenskommelse mellan Västerås stad och lokalpolisområde Västerås');
	await page.waitForSelector('#att-table tbody tr');
	await page.fill('#t-number', '7');
	await page.selectOption('#t-kind', 'kommunikationsplan');
	await page.fill('#t-title', `Kommunikationsplan ${stamp}`);
	await page.fill('#t-version', '1');
	await page.fill('#t-dated', day(-2));
	await page.fill('#t-content', 'Gemensamma budskap och kanaler.');
	await page.click('#att-form button[type=submit]');
	const row = page.locator('#att-table tbody tr', { hasText: `Kommunikationsplan ${stamp}` });
	await row.waitFor();
	assert.match(await row.textContent(), /Utkast – inte antagen/);
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'overenskommelse');
	await page.click('#bodies a:text("Strategisk ledning")');
	await page.waitForSelector('#members li');
	await page.fill('#m-start', `${day(-1)}T10:00`);
	await page.fill('#m-location', 'Stadshuset');
	await page.check('#m-held');
	await page.click('#m-form button[type=submit]');
	// The new meeting's own form: the older held meetings have one too.
	const form = page.locator('.meeting', { hasText: `${day(-1)} 10:00` })
	    .locator('form.decision-form');
	await form.waitFor();
	await form.locator('textarea').fill('Kommunikationsplanen antas och biläggs.');
	await form.locator('select').selectOption({ label: `Bilaga 7 version 1: Kommunikationsplan ${stamp}` });
	await form.locator('button[type=submit]').click();
	await page.waitForSelector('text=antar bilaga 7 version 1');
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'organ');
	await page.click('#body-back a');
	const adopted = page.locator('#att-table tbody tr', { hasText: `Kommunikationsplan ${stamp}` });
	await adopted.waitFor();
	await page.waitForFunction((s) => [...document.querySelectorAll('#att-table tbody tr')]
	    .some((r) => r.textContent.includes(s) && r.textContent.includes('Antagen')), `Kommunikationsplan ${stamp}`);
	assert.match(await adopted.textContent(), /Antagen \(§ 1, Strategisk ledning\)/);
	assert.deepEqual(page.problems, []);
	await page.close();
});

test('publish a medborgarlöfte; it appears on the public page', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	await page.goto(`${server.url}/samverkan/index.html`);
	await page.click('text=Samverkansöverenskommelse mellan Västerås stad och lokalpolisområde Västerås');
	await page.waitForSelector('#promises li');
	const title = `Trygg resecentrum ${stamp}`;
	await page.fill('#p-title', title);
	await page.fill('#p-from', day(0));
	await page.fill('#p-to', day(180));
	await page.fill('#p-police', 'Polisen lovar fotpatrull vid resecentrum fredagskvällar.');
	await page.fill('#p-kommun', 'Kommunen lovar bättre belysning vid cykelgaraget.');
	await page.check('#p-published');
	await page.click('#pr-form button[type=submit]');
	await page.waitForSelector(`#promises li:has-text("${title}")`);
	assert.match(await page.textContent('#promises'), new RegExp(`${title}.*publicerat`));
	await logout(page);
	// logged out on a samverkan page: that page sends on to the login
	await page.waitForSelector('#login-form');
	await page.goto(`${server.url}/samverkan/medborgarloften.html`);
	await page.waitForSelector(`article.promise:has-text("${title}")`);
	const card = page.locator('article.promise', { hasText: title });
	assert.match(await card.textContent(), /Polisen lovar fotpatrull/);
	assert.match(await card.textContent(), /Kommunen lovar bättre belysning/);
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'medborgarloften');
	assert.deepEqual(page.problems, []);
	await page.close();
});

test('what is due, on its own page', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'polis@demo.samverkan.se');
	await page.goto(`${server.url}/samverkan/att-gora.html`);
	await page.waitForSelector('#due-list h2');
	const text = await page.textContent('#due-list');
	assert.match(text, /Bilagor som inte antagits/);
	assert.match(text, /Försenade aktiviteter[\s\S]*Belysning i gångtunneln/);
	assert.match(text, /Lägesbilder som ska revideras[\s\S]*Hässelby-Vällingby/);
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'att-gora');
	assert.deepEqual(page.problems, []);
	await page.close();
});
