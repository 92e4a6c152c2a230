// A session that ends while a page is open (expired, revoked, logged out in
// another tab): whatever the page loads next and does not handle itself
// sends the user to the login page, which leads back afterwards, instead
// of an error in the console and a half-drawn page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDatabase, startServer, launch, newPage, login, PASSWORD }
    from './lib.mjs';

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

test('a request that meets an ended session leads to the login page and back',
    async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, 'samordnare@demo.samverkan.se');
	await page.goto(`${server.url}/samverkan/att-gora.html`);
	await page.waitForSelector('#due-list h2');
	// The session ends on the server (logged out elsewhere).
	const other = await newPage(browser.context);
	const gone = await other.request.delete(`${server.url}/api/v1/session`, {
		headers: { 'X-CSRF-Token': await page.evaluate(async () =>
		    (await import('/js/app.js')).session().csrf_token) },
	});
	assert.equal(gone.status(), 204);
	await other.close();
	// A load nobody waits for, as a prefetch or a cached list is.
	await page.evaluate(async () => {
		const { api } = await import('/js/api.js');
		api('GET', '/agreements');
	});
	await page.waitForURL((u) => u.pathname === '/index.html' &&
	    u.searchParams.get('next') === '/samverkan/att-gora.html');
	assert.deepEqual(page.problems.filter((p) => p.startsWith('pageerror')),
	    []);
	// Logging in again returns to the page.
	await page.fill('#email', 'samordnare@demo.samverkan.se');
	await page.fill('#password', PASSWORD);
	await page.click('#login-form button[type=submit]');
	await page.waitForURL((u) => u.pathname === '/samverkan/att-gora.html');
	await page.waitForSelector('#due-list h2');
	await page.close();
});
