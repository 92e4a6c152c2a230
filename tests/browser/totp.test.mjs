// Login with a TOTP second factor in the login page: a user whose account
// has TOTP switched on (enrolled and confirmed through the API) types
// e-mail and password, the page asks for the code (accessibly), a wrong
// code is explained, and the current code logs in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDatabase, startServer, launch, newPage, axe, screenshot,
    PASSWORD, totpCode as code } from './lib.mjs';

const EMAIL = 'lasare@demo.samverkan.se';
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

const stepNow = () => Math.floor(Date.now() / 30000);

async function call(method, path, body, auth = {}) {
	const headers = { 'content-type': 'application/json' };
	if (auth.cookie)
		headers.cookie = `sv_session=${auth.cookie}`;
	if (auth.csrf)
		headers['x-csrf-token'] = auth.csrf;
	const r = await fetch(`${server.url}/api/v1${path}`, { method, headers,
	    body: body === undefined ? undefined : JSON.stringify(body) });
	return { status: r.status, json: await r.json().catch(() => null),
	    cookie: /sv_session=([0-9a-f]+)/.exec(r.headers.get('set-cookie') || '') };
}

// Switches TOTP on for EMAIL; returns the secret and the confirmed step.
async function enrol() {
	const l = await call('POST', '/session', { email: EMAIL, password: PASSWORD });
	assert.equal(l.status, 200);
	const auth = { cookie: l.cookie[1], csrf: l.json.csrf_token };
	const e = await call('POST', '/session/totp', undefined, auth);
	assert.equal(e.status, 201);
	const step = stepNow();
	const c = await call('POST', '/session/totp/confirm',
	    { code: code(e.json.secret, step) }, auth);
	assert.equal(c.status, 200);
	return { secret: e.json.secret, step };
}

test('the login page asks for the TOTP code and logs in with it', async () => {
	const { secret, step } = await enrol();
	const page = await newPage(browser.context);
	await page.goto(`${server.url}/index.html`);
	await page.waitForSelector('#login:not([hidden])');
	assert.equal(await page.isHidden('#totp-field'), true);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.click('#login-form button[type=submit]');
	await page.waitForSelector('#totp-field:not([hidden])');
	assert.match(await page.textContent('#login-error'), /Skriv koden/);
	assert.equal(await page.evaluate(() => document.activeElement.id), 'totp');
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'logga-in-kod');

	// A code that is not the current one is refused with an explanation.
	const valid = new Set([-1, 0, 1, 2].map((d) => code(secret, step + d)));
	let wrong = 100000;
	while (valid.has(String(wrong)))
		wrong++;
	await page.fill('#totp', String(wrong));
	await page.click('#login-form button[type=submit]');
	await page.waitForFunction(() => /Fel kod/.test(
	    document.querySelector('#login-error').textContent));

	await page.fill('#totp', code(secret, step + 1));
	await page.click('#login-form button[type=submit]');
	await page.waitForSelector('#who-role');
	assert.equal(await page.textContent('#who-role'), 'Läsare');
	assert.deepEqual(page.problems, []);
	await page.close();
});
