// The Mitt konto page (web/konto.html): who one is, and the TOTP second
// factor switched on and off in the page. The test reads the secret the
// page shows (as an app would from the QR code, whose URI must carry the
// same secret), computes the codes itself (RFC 6238), confirms, logs out
// through the menu, logs in again with a code, and switches the factor
// off with password and code.
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
