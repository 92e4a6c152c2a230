// One main menu on every page (web/*.html and web/samverkan/*.html): the
// same entries in the same order (those of a role the user lacks hidden),
// the current page marked with aria-current (the samverkan pages mark
// their section), the samverkan pages' own sub-menu, and on a phone the
// menu folded behind a button that opens with the keyboard and closes
// with Escape.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, demoDatabase, startServer, launch, newPage, login, logout }
    from './lib.mjs';

const MENU = ['Rapportera', 'Händelser', 'Lägesbild', 'Samverkan', 'Områden',
    'Kategorier', 'Dokument', 'Delning', 'Dataskydd', 'Mitt konto',
    'Logga ut'];
const PAGES = [
	...readdirSync(join(ROOT, 'web')).filter((f) => f.endsWith('.html')),
	...readdirSync(join(ROOT, 'web', 'samverkan')).filter((f) =>
	    f.endsWith('.html')).map((f) => `samverkan/${f}`),
];
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

// The menu as the page has it: entries, where each leads, which is marked.
function menuOf(page) {
	return page.$$eval('.site-nav li', (lis) => lis.map((li) => {
		const a = li.querySelector('a');
		return { label: li.textContent.trim(), visible: !li.hidden,
		    to: a ? a.href : null, current: a ?
		    a.getAttribute('aria-current') : null };
	}));
}

test('every page has the same main menu with the current page marked',
    async () => {
	assert.ok(PAGES.length >= 17, PAGES.join(' '));
	const page = await newPage(browser.context);
	await login(page, server.url, 'admin@demo.samverkan.se');
	let first = null;
	for (const path of PAGES) {
		/* The pages of one record need its id (the demo's first). */
		const rec = /overenskommelse|kedja|organ/.test(path) ? '?id=1' : '';
		await page.goto(`${server.url}/${path}${rec}`);
		await page.waitForSelector(path.endsWith('medborgarloften.html') ?
		    '#promise-list article' : '#who-role');
		const menu = await menuOf(page);
		assert.deepEqual(menu.map((m) => m.label), MENU, path);
		assert.ok(menu.every((m) => m.visible), `${path}: an admin sees all`);
		const targets = menu.map((m) => m.to && new URL(m.to).pathname);
		if (first === null)
			first = targets;
		assert.deepEqual(targets, first, `${path}: the links lead elsewhere`);
		const marked = menu.filter((m) => m.current);
		/* The overview (index.html) is the brand link's, not an entry. */
		assert.equal(marked.length, path === 'index.html' ? 0 : 1,
		    `${path}: ${JSON.stringify(marked)}`);
		const here = `/${path}`;
		if (path.startsWith('samverkan/')) {
			assert.equal(marked[0].label, 'Samverkan', path);
			const sub = await page.$$eval('.sub-nav a', (as) => as.map(
			    (a) => [a.textContent, a.getAttribute('aria-current')]));
			assert.equal(sub.length, 4, path);
			assert.equal(marked[0].current, here ===
			    '/samverkan/index.html' ? 'page' : 'true', path);
		} else if (marked.length) {
			assert.equal(new URL(marked[0].to).pathname, here, path);
			assert.equal(marked[0].current, 'page', path);
		}
	}
	// A reader sees neither Rapportera nor Delning.
	await login(page, server.url, 'lasare@demo.samverkan.se');
	await page.goto(`${server.url}/samverkan/att-gora.html`);
	await page.waitForSelector('#who-role');
	const menu = await menuOf(page);
	assert.deepEqual(menu.filter((m) => m.visible).map((m) => m.label),
	    MENU.filter((l) => l !== 'Rapportera' && l !== 'Delning'));
	assert.deepEqual(page.problems, []);
	await page.close();
});

test('on a phone the menu folds and works with the keyboard', async () => {
	const page = await newPage(browser.context, { viewport: { width: 390,
	    height: 844 } });
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	for (const path of ['handelser.html', 'samverkan/kedja.html?id=1']) {
		await page.goto(`${server.url}/${path}`);
		await page.waitForSelector('#who-role');
		assert.equal(await page.isVisible('.nav-toggle'), true, path);
		assert.equal(await page.isVisible('.site-nav a[href$="lagesbild.html"]'),
		    false, `${path}: folded`);
		await page.focus('.nav-toggle');
		await page.keyboard.press('Enter');
		assert.equal(await page.getAttribute('.nav-toggle',
		    'aria-expanded'), 'true');
		assert.equal(await page.isVisible('.site-nav a[href$="lagesbild.html"]'),
		    true, `${path}: open`);
		await page.keyboard.press('Tab');
		assert.match(await page.evaluate(() =>
		    document.activeElement.textContent), /Rapportera/);
		await page.keyboard.press('Escape');
		assert.equal(await page.getAttribute('.nav-toggle',
		    'aria-expanded'), 'false');
		assert.equal(await page.evaluate(() => document.activeElement
		    .className), 'nav-toggle');
		assert.equal(await page.isVisible('.site-nav a[href$="lagesbild.html"]'),
		    false, `${path}: closed`);
	}
	// The wide window shows the whole menu and no button.
	await page.setViewportSize({ width: 1280, height: 900 });
	assert.equal(await page.isVisible('.nav-toggle'), false);
	assert.equal(await page.isVisible('.site-nav a[href$="lagesbild.html"]'),
	    true);
	// Logga ut in the menu, from a page in the samverkan folder.
	await logout(page);
	assert.deepEqual(page.problems, []);
	await page.close();
});
