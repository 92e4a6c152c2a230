// The Mitt konto page (web/konto.html): who one is, and the TOTP second
// factor switched on and off in the page. The test reads the secret the
// page shows (as an app would from the QR code, whose URI must carry the
// same secret), computes the codes itself (RFC 6238), confirms, logs out
// through the menu, logs in again with a code, and switches the factor
// off with password and code. Another user changes the password in the
// page (errors beside the fields first), logs out and in with the new
// one, and logs out a second session the test opened through the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { demoDatabase, startServer, launch, newPage, login, logout, axe,
    screenshot, PASSWORD, totpCode } from './lib.mjs';

const EMAIL = 'skola@demo.samverkan.se';
const stepNow = () => Math.floor(Date.now() / 30000);
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

test('the account page shows who one is', async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, EMAIL);
	await page.goto(`${server.url}/konto.html`);
	await page.waitForSelector('#totp-off:not([hidden])');
	assert.equal(await page.textContent('#me-email'), EMAIL);
	assert.equal(await page.textContent('#me-name'), 'Rektor');
	assert.equal(await page.textContent('#me-role'), 'Rapportör');
	assert.equal(await page.getAttribute('.site-nav a[href="konto.html"]',
	    'aria-current'), 'page');
	assert.deepEqual(await axe(page), []);
	assert.deepEqual(page.problems, []);
	await page.close();
});

test('TOTP is enrolled in the page, then needed to log in, then switched off',
    async () => {
	const page = await newPage(browser.context);
	await login(page, server.url, EMAIL);
	await page.goto(`${server.url}/konto.html`);
	await page.click('#totp-start');
	await page.waitForSelector('#totp-qr svg path');
	const secret = (await page.textContent('#totp-secret')).replace(/ /g, '');
	assert.match(secret, /^[A-Z2-7]{16,}$/);
	const uri = new URL(await page.getAttribute('#totp-qr', 'data-uri'));
	assert.equal(uri.protocol, 'otpauth:');
	assert.equal(uri.searchParams.get('secret'), secret);
	const modules = Number(await page.getAttribute('#totp-qr svg',
	    'data-modules'));
	assert.ok(modules >= 21 && (modules - 17) % 4 === 0, `${modules}`);
	assert.equal(await page.evaluate(() => document.activeElement.id),
	    'c-code');
	assert.deepEqual(await axe(page), []);
	await screenshot(page, 'konto-totp');

	// A wrong code is explained beside the field.
	const step = stepNow();
	const valid = new Set([-1, 0, 1].map((d) => totpCode(secret, step + d)));
	let wrong = 123456;
	while (valid.has(String(wrong)))
		wrong++;
	await page.fill('#c-code', String(wrong));
	await page.click('#confirm-form button[type=submit]');
	await page.waitForSelector('#c-code[aria-invalid="true"]');
	assert.match(await page.textContent('#confirm-form .field-error'),
	    /Fel kod/);

	await page.fill('#c-code', totpCode(secret, step));
	await page.click('#confirm-form button[type=submit]');
	await page.waitForSelector('#totp-on:not([hidden])');
	assert.match(await page.textContent('#totp-state'), /påslagen/);
	assert.equal(await page.isHidden('#totp-enrol'), true);

	await logout(page);
	await page.fill('#email', EMAIL);
	await page.fill('#password', PASSWORD);
	await page.click('#login-form button[type=submit]');
	await page.waitForSelector('#totp-field:not([hidden])');
	await page.fill('#totp', totpCode(secret, step + 1));
	await page.click('#login-form button[type=submit]');
	await page.waitForSelector('#who-role');

	// A code is taken once: switching off needs the next step's code,
	// which the server accepts once the clock has reached step + 1.
	while (stepNow() < step + 1)
		await page.waitForTimeout(500);
	await page.goto(`${server.url}/konto.html`);
	await page.waitForSelector('#totp-on:not([hidden])');
	await page.fill('#x-password', 'fel-lösenord');
	await page.fill('#x-code', totpCode(secret, step + 2));
	await page.click('#disable-form button[type=submit]');
	await page.waitForSelector('#x-password[aria-invalid="true"]');
	await page.fill('#x-password', PASSWORD);
	await page.click('#disable-form button[type=submit]');
	await page.waitForSelector('#totp-off:not([hidden])');
	assert.match(await page.textContent('#totp-state'), /avstängd/);

	// Off again: the password alone logs in.
	await login(page, server.url, EMAIL);
	assert.deepEqual(page.problems, []);
	await page.close();
});

// A session of its own through the API: the cookie and CSRF token.
async function apiLogin(email, password) {
	const r = await fetch(`${server.url}/api/v1/session`, {
		method: 'POST', headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password }),
	});
	assert.equal(r.status, 200, await r.clone().text());
	const cookie = /sv_session=([0-9a-f]{64})/.exec(
	    r.headers.get('set-cookie'))[1];
	return { cookie, csrf: (await r.json()).csrf_token };
}

const apiWho = async (cookie) => (await fetch(`${server.url}/api/v1/session`,
    { headers: { cookie: `sv_session=${cookie}` } })).status;

test('the password is changed in the page and other sessions are logged out',
    async () => {
	const who = 'lasare@demo.samverkan.se';
	const next = 'ett-nytt-langt-losenord';
	const page = await newPage(browser.context);
	await login(page, server.url, who);
	const early = await apiLogin(who, PASSWORD);
	await page.goto(`${server.url}/konto.html`);
	await page.waitForSelector('#session-table tbody tr:nth-child(2)');
	assert.equal(await page.isVisible('#p-code-field'), false);

	// Errors beside the fields, in Swedish.
	await page.fill('#p-current', PASSWORD);
	await page.fill('#p-new', next);
	await page.fill('#p-repeat', next + 'x');
	await page.click('#password-form button[type=submit]');
	await page.waitForSelector('#p-repeat[aria-invalid="true"]');
	assert.match(await page.textContent('#password-form .field-error'),
	    /inte lika/);
	await page.fill('#p-current', 'fel-losenord-helt');
	await page.fill('#p-repeat', next);
	await page.click('#password-form button[type=submit]');
	await page.waitForSelector('#p-current[aria-invalid="true"]');
	assert.equal(await page.textContent('#password-form .field-error'),
	    'Fel lösenord.');
	assert.equal(await page.evaluate(() => document.activeElement.id),
	    'p-current');
	await page.fill('#p-current', PASSWORD);
	await page.fill('#p-new', PASSWORD);
	await page.fill('#p-repeat', PASSWORD);
	await page.click('#password-form button[type=submit]');
	await page.waitForSelector('#p-new[aria-invalid="true"]');
	assert.match(await page.textContent('#password-form .field-error'),
	    /skilja sig från det nuvarande/);
	assert.equal(await apiWho(early.cookie), 200);

	await page.fill('#p-new', next);
	await page.fill('#p-repeat', next);
	await page.click('#password-form button[type=submit]');
	await page.waitForSelector('#status:not([hidden])');
	assert.match(await page.textContent('#status'), /Lösenordet är bytt/);
	// The page's own session stays; the other one has ended.
	await page.waitForSelector('#session-table tbody tr:only-child td strong');
	assert.equal(await apiWho(early.cookie), 401);
	assert.equal(await page.isHidden('#sessions-revoke-others'), true);
	assert.deepEqual(await axe(page), []);

	// Out, and in with the new password only.
	await logout(page);
	await page.fill('#email', who);
	await page.fill('#password', PASSWORD);
	await page.click('#login-form button[type=submit]');
	await page.waitForSelector('#login-error:not([hidden])');
	await page.fill('#password', next);
	await page.click('#login-form button[type=submit]');
	await page.waitForSelector('#who-role');

	// A second session opened through the API, logged out from the page.
	const second = await apiLogin(who, next);
	await page.goto(`${server.url}/konto.html`);
	await page.waitForSelector('#session-table tbody tr:nth-child(2)');
	assert.match(await page.textContent('#sessions-summary'), /2 ställen/);
	// The page's own row names the browser and address it came from; the
	// API's (Node's fetch) shows its user agent as it is.
	assert.match(await page.textContent(
	    '#session-table tbody tr:has(strong) td:first-child'),
	    /^Chrome på Linux, 127\.0\.0\.1$/);
	assert.match(await page.textContent(
	    '#session-table tbody tr:has(button) td:first-child'),
	    /^node, 127\.0\.0\.1$/);
	await screenshot(page, 'konto-sessioner');
	await page.click('#session-table tbody button');
	await page.waitForSelector('#session-table tbody tr:only-child td strong');
	assert.match(await page.textContent('#status'), /utloggad/);
	assert.equal(await apiWho(second.cookie), 401);

	// "Logga ut alla andra" takes the rest at once.
	const third = await apiLogin(who, next);
	const fourth = await apiLogin(who, next);
	await page.reload();
	await page.waitForSelector('#session-table tbody tr:nth-child(3)');
	await page.click('#sessions-revoke-others');
	await page.waitForSelector('#session-table tbody tr:only-child td strong');
	assert.match(await page.textContent('#status'), /2 andra sessioner/);
	assert.equal(await apiWho(third.cookie), 401);
	assert.equal(await apiWho(fourth.cookie), 401);
	assert.equal(await page.isVisible('#who-role'), true);
	assert.deepEqual(page.problems, []);
	await page.close();
});
