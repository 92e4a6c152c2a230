// Issue 5 in the browser, the forms of a coordinator on the demo
// database: the chain from lägesbild to result (a problem picture with
// its impact score, a cause in the problem triangle, a goal, an activity
// with an update), which then appears in the action plan document; the
// agreement's signatories, bodies and information duty with
// acknowledgement; a body's members; dialogues and indicators with a CSV
// upload. API errors show beside their field; axe-core checks each page;
// everything is done with the keyboard-reachable controls (labels,
// summaries, buttons).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDatabase, startServer, launch, newPage, login, axe,
    screenshot } from './lib.mjs';

let demo, server, browser;
let area, code;	// the indicator values of the third test, for the fourth
const stamp = Date.now() % 100000;
const AGR = 'Samverkansöverenskommelse mellan Västerås stad och lokalpolisområde Västerås';

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

async function agreementPage(page) {
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	await page.goto(`${server.url}/samverkan/index.html`);
	await page.click(`text=${AGR}`);
	await page.waitForSelector('#bodies li');
	return Number(new URL(page.url()).searchParams.get('id'));
}

// Opens the <details> whose summary says `summary` inside root.
async function open(root, summary) {
	const s = root.locator('summary', { hasText: summary }).first();
	await s.focus();
	await s.press('Enter');
}

test('the chain: problem, cause, goal, activity with update, in the action plan document', async () => {
	const page = await newPage(browser.context);
	const id = await agreementPage(page);
	await page.click('#chain-link');
	await page.waitForSelector('section.problem');
	assert.match(await page.textContent('#criteria'), /Påverkbarhet/);
	assert.deepEqual(await axe(page), []);

	// a problem picture in the action plan
	const title = `Rån mot unga vid Vasagatan ${stamp}`;
	await open(page, 'Ny problembild');
	await page.fill('#problem-title', title);
	await page.fill('#problem-description', 'Ungdomar rånas på väg hem från idrottshallen.');
	await page.fill('#problem-priority', '2');
	await page.selectOption('#problem-plan-id', { label: 'Åtgärdsplan västra stadsdelarna' });
	await page.click('#problem-form button[type=submit]');
	const sec = page.locator('section.problem', { hasText: title });
	await sec.waitFor();
	const pid = (await sec.getAttribute('id')).replace('problem-', '');

	// its impact by criterion, shown with the criterion
	await open(sec, 'Bedöm påverkan');
	await sec.locator('[data-field=criterion]').selectOption('allvarlighet');
	await sec.locator('[data-field=score]').fill('4');
	await sec.locator('[data-field=weight]').fill('2');
	await sec.locator('form[id$="-ps-form"] button[type=submit]').click();
	await page.waitForFunction((p) => /Påverkan: 8 av 10 poäng/.test(document.querySelector(`#problem-${p}`).textContent), pid);

	// a cause in the problem triangle
	const psec = page.locator(`#problem-${pid}`);
	await open(psec, 'Lägg till orsak');
	await psec.locator('[data-field=kind]').first().selectOption('rotorsak');
	await psec.locator('form[id$="-c-form"] [data-field=text]').fill(`Mörk och öde gångväg ${stamp}`);
	await psec.locator('form[id$="-c-form"] [data-field=triangle]').selectOption('plats');
	await psec.locator('form[id$="-c-form"] button[type=submit]').click();
	await page.locator(`#problem-${pid} .causes li`, { hasText: `Mörk och öde gångväg ${stamp}` }).waitFor();
	assert.match(await page.locator(`#problem-${pid} .triangle`).textContent(), new RegExp(`Plats.*Mörk och öde gångväg ${stamp}`));

	// a goal: a target without a direction is refused beside the field
	const gsec = page.locator(`#problem-${pid}`);
	await open(gsec, 'Lägg till mål');
	const gform = gsec.locator('form[id$="-g-form"]');
	await gform.locator('[data-field=kind]').selectOption('effekt');
	await gform.locator('[data-field=text]').fill(`Färre rån mot unga ${stamp}`);
	await gform.locator('[data-field=baseline]').fill('14');
	await gform.locator('[data-field=target]').fill('7');
	await gform.locator('button[type=submit]').click();
	await gform.locator('[data-field=direction][aria-invalid="true"]').waitFor();
	// the message beside the field in Swedish, the server's words as its title
	const gerr = gform.locator('.field:has([data-field=direction]) .error-text');
	assert.match(await gerr.textContent(), /^Riktning måste anges/);
	assert.match(await gerr.getAttribute('title'), /direction/);
	await gform.locator('[data-field=direction]').selectOption('minska');
	await gform.locator('button[type=submit]').click();
	await page.locator(`#problem-${pid} .goal`, { hasText: `Färre rån mot unga ${stamp}` }).waitFor();

	// an activity for the goal, then an update of it
	const act = `Kvällsvandringar Vasagatan ${stamp}`;
	await open(page, 'Ny aktivitet');
	await page.selectOption('#act-goal-id', { label: `Färre rån mot unga ${stamp}` });
	await page.fill('#act-title', act);
	await page.fill('#act-method', 'Föreningar och fältassistenter går kvällstid fredag och lördag.');
	await page.selectOption('#act-organisation', 'VASTERAS');
	await page.selectOption('#act-time-perspective', 'forebyggande');
	await page.fill('#act-starts-on', day(0));
	await page.fill('#act-due-on', day(90));
	await page.fill('#act-hours', '120');
	await page.click('#act-form button[type=submit]');
	const asec = page.locator('section.activity', { hasText: act });
	await asec.waitFor();
	await open(asec, 'Ny uppföljning');
	await asec.locator('[data-field=dated]').fill(day(0));
	await asec.locator('[data-field=status]').selectOption('pagar');
	await asec.locator('[data-field=text]').fill(`Första helgen genomförd ${stamp}`);
	await asec.locator('button[type=submit]').last().click();
	await page.locator('section.activity', { hasText: `Första helgen genomförd ${stamp}` }).waitFor();
	assert.match(await page.locator('section.activity', { hasText: act }).textContent(), /Status\s*Pågår/);
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'kedja');

	// everything in the action plan document
	const planLink = page.locator('#plans a', { hasText: 'Åtgärdsplanen Åtgärdsplan västra stadsdelarna' });
	const href = await planLink.getAttribute('href');
	await page.goto(`${server.url}${href}`);
	const doc = await page.textContent('body');
	for (const s of [title, 'Påverkan: 8 av 10 poäng', `Mörk och öde gångväg ${stamp}`, `Färre rån mot unga ${stamp}`,
	    act, `Första helgen genomförd ${stamp}`])
		assert.ok(doc.includes(s), `the plan document has ${s}`);
	assert.ok(id > 0);
	assert.deepEqual(page.problems, []);
	await page.close();
});

test('signatories, bodies, members and the information duty with acknowledgement', async () => {
	const page = await newPage(browser.context);
	await agreementPage(page);
	await open(page, 'Ny undertecknare');
	await page.selectOption('#sig-organisation', 'LPO-VAS');
	await page.fill('#sig-name', `Kim Berg ${stamp}`);
	await page.fill('#sig-title', 'Biträdande lokalpolisområdeschef');
	await page.fill('#sig-signed-on', day(-3));
	await page.click('#sig-form button[type=submit]');
	await page.locator('#signatories li', { hasText: `Kim Berg ${stamp}` }).waitFor();

	const body = `Arbetsgrupp unga ${stamp}`;
	await open(page, 'Nytt organ');
	await page.selectOption('#body-kind', 'arbetsgrupp');
	await page.fill('#body-name', body);
	await page.selectOption('#body-cadence', 'per_ar');
	await page.click('#body-form button[type=submit]');
	// a yearly cadence needs a count: the error stands beside the field
	await page.waitForSelector('#body-meetings-min[aria-invalid="true"]');
	await page.fill('#body-meetings-min', '6');
	await page.uncheck('#body-permanent');
	await page.fill('#body-mission', 'Kartlägga rån mot unga och föreslå åtgärder.');
	await page.fill('#body-ends-on', day(200));
	await page.selectOption('#body-reports-to-id', { label: 'Strategisk ledning' });
	await page.click('#body-form button[type=submit]');
	await page.locator('#bodies li', { hasText: body }).waitFor();

	const event = `Skottlossning i Bäckby ${stamp}`;
	await open(page, 'Ny händelse att informera om');
	await page.fill('#info-occurred-on', day(-1));
	await page.fill('#info-summary', event);
	await page.selectOption('#info-from-organisation', 'LPO-VAS');
	await page.fill('#info-reported-by', 'Lokalpolisområdeschef');
	await page.selectOption('#info-to-organisation', 'VASTERAS');
	await page.fill('#info-reported-to', 'Kommundirektör');
	await page.fill('#info-reported-at', `${day(-1)}T22:15`);
	await page.click('#info-form button[type=submit]');
	const row = page.locator('#info-table tbody tr', { hasText: event });
	await row.waitFor();
	assert.match(await row.textContent(), /Inte kvitterad/);
	assert.deepEqual(await axe(page), []);
	await row.locator('input').fill('Kommundirektör');
	await row.locator('button', { hasText: 'Kvittera' }).click();
	await page.waitForFunction((e) => [...document.querySelectorAll('#info-table tbody tr')]
	    .some((r) => r.textContent.includes(e) && r.textContent.includes('av Kommundirektör')), event);

	// a quantified target of the demo's medborgarlöfte and its follow-up
	const pli = page.locator('#promises > li').first();
	await open(pli, 'Nytt mål för löftet');
	const tf = pli.locator('form[id$="-t-form"]');
	await tf.locator('[data-field=party]').selectOption('polisen');
	await tf.locator('[data-field=kind]').selectOption('antal');
	await tf.locator('[data-field=description]').fill(`Fotpatruller i centrum ${stamp}`);
	await tf.locator('[data-field=comparator]').selectOption('minst');
	await tf.locator('[data-field=value]').fill('8');
	await tf.locator('[data-field=unit]').fill('patruller');
	await tf.locator('[data-field=per]').selectOption('manad');
	await tf.locator('button[type=submit]').click();
	await page.locator('#promises .targets li', { hasText: `Fotpatruller i centrum ${stamp} (minst 8 patruller per månad)` }).waitFor();
	const pli2 = page.locator('#promises > li').first();
	await open(pli2, 'Ny uppföljning av löftet');
	const ff = pli2.locator('form[id$="-f-form"]');
	await ff.locator('[data-field=target_id]').selectOption({ label: `Polisen: Fotpatruller i centrum ${stamp} (minst 8 patruller per månad)` });
	await ff.locator('[data-field=party]').selectOption('polisen');
	await ff.locator('[data-field=period_from]').fill(day(-30));
	await ff.locator('[data-field=period_to]').fill(day(-1));
	await ff.locator('[data-field=reported_on]').fill(day(0));
	await ff.locator('[data-field=delivered]').fill('6');
	await ff.locator('[data-field=status]').selectOption('delvis');
	await ff.locator('[data-field=light]').selectOption('gul');
	await ff.locator('[data-field=shortfall_reason]').fill(`Två pass inställda ${stamp}`);
	await ff.locator('button[type=submit]').click();
	await page.locator('#promises .followups li', { hasText: `Två pass inställda ${stamp}` }).waitFor();
	assert.match(await page.locator('#promises .followups li', { hasText: `Två pass inställda ${stamp}` }).textContent(),
	    /Delvis genomförd, Gult, levererat 6 av 8/);

	await page.click(`#bodies a:text("${body}")`);
	await page.waitForSelector('#body-title');
	await open(page, 'Ny ledamot');
	await page.fill('#member-function', 'Fältassistent');
	await page.selectOption('#member-organisation', 'VASTERAS');
	await page.fill('#member-person', 'Områdespolis 4711');
	await page.check('#member-alias');
	await page.selectOption('#member-role', 'sammankallande');
	await page.click('#member-form button[type=submit]');
	await page.locator('#members li', { hasText: 'Fältassistent' }).waitFor();
	assert.match(await page.textContent('#members'), /Fältassistent, Västerås stad: Områdespolis 4711 – sammankallande/);
	// a meeting and who attended it
	await page.fill('#m-start', `${day(-2)}T09:00`);
	await page.check('#m-held');
	await page.click('#m-form button[type=submit]');
	const meeting = page.locator('.meeting', { hasText: `${day(-2)} 09:00` });
	await meeting.waitFor();
	await open(meeting, 'Ny närvarande');
	await meeting.locator('[data-field=member_id]').selectOption({ label: 'Fältassistent, Områdespolis 4711' });
	await meeting.locator('form.record-form button[type=submit]').click();
	await page.locator('.meeting .attendees', { hasText: 'Fältassistent Områdespolis 4711' }).waitFor();
	assert.deepEqual(await axe(page), []);
	assert.deepEqual(page.problems, []);
	await page.close();
});

test('dialogues and indicators, with values from a CSV file', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	await page.goto(`${server.url}/samverkan/dialoger.html`);
	await page.waitForSelector('#dl-table tbody tr');
	await page.waitForSelector('#ind-form', { state: 'attached' });
	const notes = `Trasig belysning vid gångtunneln ${stamp}`;
	await open(page, 'Ny dialog eller trygghetsvandring');
	await page.selectOption('#dl-kind', 'trygghetsvandring');
	await page.fill('#dl-held-on', day(-5));
	await page.selectOption('#dl-area-id', { index: 1 });
	await page.fill('#dl-participants', '14');
	await page.fill('#dl-themes', 'Belysning');
	await page.fill('#dl-notes', notes);
	await page.click('#dl-form button[type=submit]');
	await page.locator('#dl-table tbody tr', { hasText: notes }).waitFor();

	code = `TRYGG${stamp}`;
	await open(page, 'Ny indikator');
	await page.fill('#ind-code', code);
	await page.fill('#ind-name', `Otrygg kvällstid ${stamp}`);
	await page.selectOption('#ind-kind', 'enkat');
	await page.fill('#ind-unit', 'procent');
	await page.fill('#ind-source', 'Trygghetsmätningen');
	await page.click('#ind-form button[type=submit]');
	const card = page.locator('section.indicator', { hasText: code });
	await card.waitFor();
	area = await page.evaluate(async () => (await (await fetch('/api/v1/areas?layer=stadsdel')).json()).items[0]);
	// a bad period is refused whole
	await page.setInputFiles('#csv-file', { name: 'fel.csv', mimeType: 'text/csv', buffer: Buffer.from(
	    `indicator,area_layer,area_code,period,value\n${code},${area.layer},${area.code},2024-Q9,31\n`) });
	await page.click('#csv-form button[type=submit]');
	await page.waitForSelector('#csv-form .error-text, #csv-error:not([hidden])');
	await page.setInputFiles('#csv-file', { name: 'trygg.csv', mimeType: 'text/csv', buffer: Buffer.from(
	    'indicator,area_layer,area_code,period,value,source,source_date\n' +
	    `${code},${area.layer},${area.code},2023,31.5,Trygghetsmätningen,2023-11-30\n` +
	    `${code},${area.layer},${area.code},2024,27.0,Trygghetsmätningen,2024-11-28\n`) });
	await page.click('#csv-form button[type=submit]');
	await page.waitForSelector('#status:has-text("2 värden är inlästa")');
	await page.locator('section.indicator', { hasText: code }).locator('td', { hasText: '2024-11-28' }).waitFor();
	assert.match(await page.locator('section.indicator', { hasText: code }).textContent(), /2023\s*31\.5/);
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'dialoger');
	assert.deepEqual(page.problems, []);
	await page.close();
});

test('indicator values beside the incidents in the lägesbild, with source and date', async () => {
	assert.ok(area && code, 'the values of the previous test');
	const page = await newPage(browser.context);
	await login(page, server.url, 'lasare@demo.samverkan.se');
	await page.goto(`${server.url}/lagesbild.html?area=${encodeURIComponent(area.code)}&layer=${area.layer}`);
	const row = page.locator('#lb-ind-table tbody tr', { hasText: `Otrygg kvällstid ${stamp}` });
	await row.waitFor();
	const text = (await row.textContent()).replace(/\s+/g, ' ');
	assert.match(text, /2024/);
	assert.match(text, /27 procent/);
	assert.match(text, /−4,5 procent mot 2023/);
	assert.match(text, /Trygghetsmätningen/);
	assert.match(text, /2024-11-28/);
	const older = page.locator('#lb-ind-table tbody tr.older', { hasText: '2023-11-30' });
	assert.match(await older.textContent(), /31,5 procent/);
	// the incidents are on the same page
	await page.waitForSelector('#lb-cards li');
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'lagesbild-indikatorer');
	// a week before the values began: none of them
	await page.goto(`${server.url}/lagesbild.html?area=${encodeURIComponent(area.code)}&layer=${area.layer}&period=2022-W50`);
	await page.waitForSelector('#lb-ind-body p');
	assert.match(await page.textContent('#lb-ind-body'), /Inga enkät- eller statistikuppgifter/);
	assert.deepEqual(page.problems, []);
	await page.close();
});
