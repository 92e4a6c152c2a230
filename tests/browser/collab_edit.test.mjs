// Issue 5 polish in the browser: collaboration records are changed with
// the same form that creates them, prefilled, and deleted after a
// confirmation, on the demo database. A coordinator renames a problem
// picture, removes one of its areas and deletes an activity, and all
// hold after a reload (so do a meeting's place, an indicator's name and
// a deleted dialogue); a
// reader, and a coordinator whose organisation is no party of an
// agreement, get no Ändra or Ta bort; a decision that adopted an
// attachment, an adopted attachment version and a published
// medborgarlöfte are locked and say why; area choices come grouped by
// layer with a search field. axe-core checks the pages with a form open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDatabase, startServer, launch, newPage, login, logout, axe } from './lib.mjs';

let demo, server, browser;
const stamp = Date.now() % 100000;
const VAS = 'Samverkansöverenskommelse mellan Västerås stad och lokalpolisområde Västerås';
const KOP = 'Samverkansöverenskommelse mellan Köpings kommun och lokalpolisområde Västra Mälardalen';

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

// The id of the agreement titled `title`, from its link on the list.
async function agreementId(page, title) {
	await page.goto(`${server.url}/samverkan/index.html`);
	const href = await page.locator('a', { hasText: title }).first().getAttribute('href');
	return Number(new URL(href, server.url).searchParams.get('id'));
}

async function chain(page, id) {
	await page.goto(`${server.url}/samverkan/kedja.html?id=${id}`);
	await page.waitForSelector('#activities > *');
}

test('a coordinator renames a problem picture and deletes an activity; both hold after a reload', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	const id = await agreementId(page, VAS);
	await chain(page, id);

	// the problem: Ändra opens the create form, prefilled
	const sec = page.locator('section.problem').first();
	const pid = (await sec.getAttribute('id')).replace('problem-', '');
	const old = await page.locator(`#ph-${pid}`).textContent();
	await page.click(`#pr${pid}-edit`);
	const title = page.locator(`#pr${pid}-e-title`);
	assert.ok(old.endsWith(await title.inputValue()), `${old} prefilled`);
	assert.equal(await title.getAttribute('aria-required'), 'true');
	assert.match(await page.textContent(`label[for="pr${pid}-e-title"]`), /måste anges/);
	assert.equal(await page.getAttribute(`#pr${pid}-edit`, 'aria-expanded'), 'true');
	assert.deepEqual(await axe(page), []);
	// an empty required field is refused beside it, nothing changes
	await title.fill('');
	await page.click(`#pr${pid}-e-form button[type=submit]`);
	await page.waitForSelector(`#pr${pid}-e-form [aria-invalid=true]`);
	const renamed = `Samlingar kvällstid vid Bäckby centrum ${stamp}`;
	await title.fill(renamed);
	await page.click(`#pr${pid}-e-form button[type=submit]`);
	await page.waitForFunction(([sel, t]) => document.querySelector(sel)?.textContent.endsWith(t),
	    [`#ph-${pid}`, renamed]);

	// one of its areas, removed from the problem picture
	const link = page.locator(`#problem-${pid} li[id^="parea-"]`).first();
	const linkId = (await link.getAttribute('id')).replace('parea-', '');
	const areaText = (await link.textContent()).replace(/Ändra.*$/, '').trim();
	await page.click(`#pa${linkId}-delete`);
	await page.click(`#pa${linkId}-confirm-yes`);
	await page.locator(`#parea-${linkId}`).waitFor({ state: 'detached' });

	// an activity of the agreement, created here so the test owns it
	const act = `Kvällsvandring ${stamp}`;
	await page.locator('summary', { hasText: 'Ny aktivitet' }).click();
	await page.selectOption('#act-goal-id', { index: 1 });
	await page.fill('#act-title', act);
	await page.selectOption('#act-time-perspective', 'forebyggande');
	await page.click('#act-form button[type=submit]');
	const card = page.locator('section.activity', { hasText: act });
	await card.waitFor();
	const aid = (await card.getAttribute('id')).replace('activity-', '');
	// Ta bort asks first; Avbryt keeps it
	await page.click(`#a${aid}-delete`);
	assert.match(await page.textContent(`#a${aid}-confirm`), new RegExp(`Ta bort aktiviteten ”${act}”\\?`));
	await page.click(`#a${aid}-confirm-no`);
	assert.equal(await page.isHidden(`#a${aid}-confirm`), true);
	assert.equal(await card.count(), 1);
	await page.click(`#a${aid}-delete`);
	await page.click(`#a${aid}-confirm-yes`);
	await card.waitFor({ state: 'detached' });
	assert.match(await page.textContent('#status'), /borttagen/);

	await page.reload();
	await page.waitForSelector('section.activity');
	assert.ok((await page.textContent(`#ph-${pid}`)).endsWith(renamed));
	assert.equal(await page.locator('section.activity', { hasText: act }).count(), 0);
	assert.equal(await page.locator(`#activity-${aid}`).count(), 0);
	assert.equal(await page.locator(`#parea-${linkId}`).count(), 0);
	assert.doesNotMatch(await page.locator(`#problem-${pid} p`, { hasText: 'Områden och kategorier' }).textContent(),
	    new RegExp(areaText));
	await page.close();
});

test('a reader, and a coordinator of no party, get no Ändra or Ta bort', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'lasare@demo.samverkan.se');
	const id = await agreementId(page, VAS);
	await chain(page, id);
	assert.equal(await page.locator('.record-tools, button:has-text("Ändra"), button:has-text("Ta bort")').count(), 0);
	await page.goto(`${server.url}/samverkan/overenskommelse.html?id=${id}`);
	await page.waitForSelector('#bodies li');
	assert.equal(await page.locator('.record-tools').count(), 0);
	await logout(page);

	// Västerås stad is no party of the Köping agreement
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	const kop = await agreementId(page, KOP);
	await chain(page, kop);
	assert.equal(await page.locator('.record-tools').count(), 0);
	await page.goto(`${server.url}/samverkan/kedja.html?id=${await agreementId(page, VAS)}`);
	await page.waitForSelector('section.problem .record-tools');
	await page.close();
});

test('adopted versions, decisions that adopted them and published promises are locked and say why', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'polis@demo.samverkan.se');	// a coordinator of the other party
	const id = await agreementId(page, VAS);
	await page.goto(`${server.url}/samverkan/overenskommelse.html?id=${id}`);
	await page.waitForSelector('#att-table tbody tr');
	await page.waitForSelector('#agr-tools .record-tools');
	// an adopted attachment version: no buttons, the reason instead
	const adopted = page.locator('#att-table tbody tr', { hasText: 'Antagen (§' }).first();
	assert.match(await adopted.locator('.locked').textContent(), /Låst: version \d+ är antagen genom § \d+ .*Lägg till en ny version/);
	assert.equal(await adopted.locator('button').count(), 0);
	// a draft version can be changed and deleted
	const draft = page.locator('#att-table tbody tr', { hasText: 'Utkast – inte antagen' }).first();
	assert.equal(await draft.locator('button[id$="-edit"]').count(), 1);
	assert.equal(await draft.locator('button[id$="-delete"]').count(), 1);
	// a published promise
	const promise = page.locator('#promises > li', { hasText: '(publicerat' }).first();
	assert.match(await promise.locator('.locked').first().textContent(), /Låst: medborgarlöftet publicerades \d{4}-\d\d-\d\d/);
	// the agreement in force is changed but not deleted
	assert.match(await page.textContent('#agr-tools'), /Bara ett utkast kan tas bort/);
	assert.equal(await page.locator('#agr-delete').count(), 0);

	// a decision that adopted an attachment, in its body's minutes
	await page.click('#bodies a >> text=Strategisk ledning');
	await page.waitForSelector('.decisions li');
	const dec = page.locator('.decisions li', { hasText: 'antar bilaga' }).first();
	assert.match(await dec.locator('.locked').textContent(), /Låst: § \d+ antog bilaga \d+ version \d+ och står kvar i protokollet/);
	assert.equal(await dec.locator('button').count(), 0);
	assert.ok(await page.locator('#bo-edit').count() === 1, 'the body itself can be changed');
	await page.close();
});

test('a refused delete says why; area choices are grouped by layer and searchable', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	const id = await agreementId(page, VAS);
	await chain(page, id);
	// a goal with activities: the server refuses, the page says so and keeps it
	const goal = page.locator('div.goal', { has: page.locator('ul li a') }).first();
	const gid = (await goal.getAttribute('id')).replace('goal-', '');
	await page.click(`#g${gid}-delete`);
	await page.click(`#g${gid}-confirm-yes`);
	await page.waitForSelector(`#g${gid}-tools-error:not([hidden])`);
	assert.ok((await page.textContent(`#g${gid}-tools-error`)).length > 0);
	assert.equal(await page.locator(`#goal-${gid}`).count(), 1);

	await page.goto(`${server.url}/samverkan/overenskommelse.html?id=${id}`);
	await page.waitForSelector('#geo-area-id', { state: 'attached' });
	await page.locator('summary', { hasText: 'Nytt område i fokus' }).click();
	const groups = await page.$$eval('#geo-area-id optgroup', (gs) => gs.map((g) => g.label));
	assert.ok(groups.includes('Stadsdel') && groups.length >= 2, groups.join(','));
	const all = await page.locator('#geo-area-id option[data-choice]').count();
	await page.fill('#geo-area-id-search', 'bäck');
	const hits = await page.$$eval('#geo-area-id option[data-choice]', (os) => os.map((o) => o.textContent));
	assert.ok(hits.length > 0 && hits.length < all, `${hits.length} of ${all}`);
	for (const t of hits)
		assert.match(t, /bäck/i);
	await page.selectOption('#geo-area-id', { index: 1 });
	assert.match(await page.$eval('#geo-area-id', (s) => s.selectedOptions[0].textContent), /Bäckby/);
	assert.deepEqual(await axe(page), []);
	await page.close();
});

test('a meeting, an indicator and a dialogue are changed or deleted in their pages and stay so', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	const id = await agreementId(page, VAS);
	await page.goto(`${server.url}/samverkan/overenskommelse.html?id=${id}`);
	await page.click('#bodies a >> text=Strategisk ledning');
	await page.waitForSelector('section.meeting [id$="-edit"]');
	// a meeting's place, with the form prefilled from the meeting
	const mtg = page.locator('section.meeting', { has: page.locator('button[id$="-edit"]') }).first();
	const mid = (await mtg.getAttribute('id')).replace('meeting-', '');
	await page.click(`#mt${mid}-edit`);
	assert.ok((await page.inputValue(`#mt${mid}-e-starts-at`)).match(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/));
	const place = `Stadshuset, sal ${stamp}`;
	await page.fill(`#mt${mid}-e-location`, place);
	await page.click(`#mt${mid}-e-form button[type=submit]`);
	await page.waitForFunction(([sel, t]) => document.querySelector(sel)?.textContent.includes(t), [`#mh-${mid}`, place]);
	// a guest added to the attendance list and taken off it again
	const guest = `Gäst ${stamp}`;
	const meeting = page.locator(`#meeting-${mid}`);
	await meeting.locator('summary', { hasText: 'Ny närvarande' }).click();
	await page.fill(`#att${mid}-function`, guest);
	await page.click(`#att${mid}-form button[type=submit]`);
	const entry = page.locator(`#meeting-${mid} li[id^="attendee-"]`, { hasText: guest });
	await entry.waitFor();
	const adId = (await entry.getAttribute('id')).replace('attendee-', '');
	await page.click(`#ad${adId}-delete`);
	assert.match(await page.textContent(`#ad${adId}-confirm`), new RegExp(`Ta bort ${guest} ur närvarolistan\\?`));
	await page.click(`#ad${adId}-confirm-yes`);
	await page.locator(`#attendee-${adId}`).waitFor({ state: 'detached' });
	const url = page.url();
	await page.reload();
	await page.waitForSelector(`#mh-${mid}`);
	assert.match(await page.textContent(`#mh-${mid}`), new RegExp(place));
	assert.equal(await page.locator(`#attendee-${adId}`).count(), 0);
	assert.doesNotMatch(await page.textContent(`#meeting-${mid}`), new RegExp(guest));
	assert.equal(page.url(), url);

	await page.goto(`${server.url}/samverkan/dialoger.html`);
	await page.waitForSelector('section.indicator [id$="-edit"]');
	// an indicator's name
	const ind = page.locator('section.indicator').first();
	const iid = (await ind.getAttribute('id')).replace('indicator-', '');
	await page.click(`#in${iid}-edit`);
	const name = `Trygghet kvällstid ${stamp}`;
	await page.fill(`#in${iid}-e-name`, name);
	await page.click(`#in${iid}-e-form button[type=submit]`);
	await page.waitForFunction(([sel, t]) => document.querySelector(sel)?.textContent.startsWith(t), [`#ih-${iid}`, name]);
	// a dialogue, deleted
	const row = page.locator('#dl-table tbody tr', { has: page.locator('button[id$="-delete"]') }).first();
	const did = (await row.getAttribute('id')).replace('dialogue-', '');
	await page.click(`#di${did}-delete`);
	await page.click(`#di${did}-confirm-yes`);
	await page.locator(`#dialogue-${did}`).waitFor({ state: 'detached' });
	await page.reload();
	await page.waitForSelector('section.indicator');
	assert.ok((await page.textContent(`#ih-${iid}`)).startsWith(name));
	assert.equal(await page.locator(`#dialogue-${did}`).count(), 0);
	await page.close();
});
